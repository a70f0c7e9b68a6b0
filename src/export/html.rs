//! The loose/tight design framework as one self-contained HTML page: inline CSS, the journey
//! map as inline SVG, no script and no external requests (a Content-Security-Policy meta tag
//! says so to the browser as well). It prints to A4 or Letter (the page size is left to the
//! printer): sections start on a new page, headings and the sentence that introduces a table
//! or list stay with it, table rows do not split, table headers repeat, and tables fit the
//! page width by wrapping, so no column is cut off, whatever the paper and even where a
//! browser prints everything portrait. Each column gets a share of the width from what it
//! holds ([`column_widths`]): a column of numbers stays narrow, headings and ordinary words
//! are not broken, prose gets the room. A cell that lists several things shows each on its
//! own line with a hanging indent, so a wrapped item does not read as two. The full
//! touchpoint table prints landscape.
//!
//! All text is HTML-escaped; the only markup is ours.

use super::escape::push_xml;
use super::framework::{build, Block, Inline, Table};
use crate::model::Journey;
use std::fmt::Write;

const CSS: &str = r#"
:root { --ink: #13202f; --ink-soft: #4a5a6c; --line: #c9d1db; --head: #eef1f5; --accent: #1f3a5f; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1120px; padding: 2rem 1.5rem 4rem; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
.subtitle { color: var(--ink-soft); margin: 0 0 1rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; color: var(--accent); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
nav ol { columns: 2; padding-left: 1.2rem; }
nav a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .4rem 0 1.2rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
thead th { background: var(--head); }
td .item { display: block; padding-left: .8em; text-indent: -.8em; }
td .item + .item { margin-top: .2em; }
table.wide { font-size: .78rem; }
table.wide th, table.wide td { padding: .3rem .35rem; }
.muted { color: var(--ink-soft); font-style: italic; }
.diagram { overflow-x: auto; border: 1px solid var(--line); margin: .5rem 0 1rem; }
.diagram svg { display: block; max-width: 100%; height: auto; }
@media print {
  @page { size: auto; margin: 14mm 12mm; }
  @page wide { size: landscape; margin: 10mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { margin-top: 0; }
  section + section { break-before: page; }
  section#promise { break-before: auto; }
  h2, h3, p:has(+ table), p:has(+ ul) { break-after: avoid; }
  tr, li, .diagram { break-inside: avoid; }
  thead { display: table-header-group; }
  section#journey { page: wide; }
  .diagram { overflow: visible; border: 0; }
  .diagram svg { max-height: 180mm; width: auto; max-width: 100%; }
  table.wide { font-size: 7.5pt; }
  a { color: inherit; text-decoration: none; }
}
"#;

pub fn to_html(j: &Journey) -> String {
    let doc = build(j);
    let mut o = String::with_capacity(16384 + j.touchpoints.len() * 1800);
    o.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n<title>",
    );
    push_xml(&mut o, &doc.title);
    o.push_str(" · Loose/tight design framework</title>\n<style>");
    o.push_str(CSS);
    o.push_str("</style>\n</head>\n<body>\n<header>\n<h1>");
    push_xml(&mut o, &doc.title);
    o.push_str("</h1>\n<p class=\"subtitle\">");
    push_xml(&mut o, &doc.subtitle);
    o.push_str("</p>\n<nav aria-label=\"Contents\"><ol>\n");
    for s in &doc.sections {
        o.push_str("<li><a href=\"#");
        o.push_str(s.id);
        o.push_str("\">");
        // Section titles are numbered ("3. Tight..."); the list numbers them already.
        let t = s.title.split_once(". ").map(|(_, t)| t).unwrap_or(&s.title);
        push_xml(&mut o, t);
        o.push_str("</a></li>\n");
    }
    o.push_str("</ol></nav>\n</header>\n<main>\n");
    for s in &doc.sections {
        o.push_str("<section id=\"");
        o.push_str(s.id);
        o.push_str("\">\n<h2>");
        push_xml(&mut o, &s.title);
        o.push_str("</h2>\n");
        for b in &s.blocks {
            match b {
                Block::Heading(h) => {
                    o.push_str("<h3>");
                    push_xml(&mut o, h);
                    o.push_str("</h3>\n");
                }
                Block::Para(inlines) => {
                    o.push_str("<p>");
                    push_inlines(&mut o, inlines);
                    o.push_str("</p>\n");
                }
                Block::Bullets(items) => {
                    o.push_str("<ul>\n");
                    for item in items {
                        o.push_str("<li>");
                        push_inlines(&mut o, item);
                        o.push_str("</li>\n");
                    }
                    o.push_str("</ul>\n");
                }
                Block::Muted(m) => {
                    o.push_str("<p class=\"muted\">");
                    push_xml(&mut o, m);
                    o.push_str("</p>\n");
                }
                Block::Table(t) => table(&mut o, t),
                Block::Diagram => {
                    o.push_str("<figure class=\"diagram\">\n");
                    o.push_str(&super::svg::to_svg(j));
                    o.push_str("</figure>\n");
                }
            }
        }
        o.push_str("</section>\n");
    }
    o.push_str("</main>\n</body>\n</html>\n");
    o
}

fn push_inlines(o: &mut String, inlines: &[Inline]) {
    for i in inlines {
        match i {
            Inline::Text(t) => push_xml(o, t),
            Inline::Strong(t) => {
                o.push_str("<strong>");
                push_xml(o, t);
                o.push_str("</strong>");
            }
        }
    }
}

/// Each column's share of the table width, in percent, from what it holds, counted in
/// characters of the table's type. Every column first gets its minimum: the longest word of
/// its heading (bold, so a little wider) and of its cells (a URL-sized word may break), plus
/// the cell padding. What the printed width has left (about 95 characters for a portrait
/// table, 170 for a wide one, which prints landscape in smaller type) goes to the columns
/// that want more, in proportion to how much more: a column wants room that grows with the
/// square root of its average text, so prose gets more than names and names more than
/// numbers without one long column starving the rest. When the minimums alone do not fit,
/// they are scaled down together: words then break, but the table still fits the page.
pub(crate) fn column_widths(t: &Table) -> Vec<f64> {
    const PAD: f64 = 2.5;
    let capacity = if t.wide { 170.0 } else { 95.0 };
    let longest_word = |s: &str| s.split_whitespace().map(|w| w.chars().count()).max();
    let (min, want): (Vec<f64>, Vec<f64>) = (0..t.head.len())
        .map(|c| {
            let head = longest_word(&t.head[c]).unwrap_or(0) as f64 * 1.15;
            let cells = t.rows.iter().filter_map(|r| r.get(c));
            let word = cells
                .clone()
                .flat_map(|cell| cell.iter().filter_map(|l| longest_word(l)))
                .max()
                .unwrap_or(0)
                .min(14) as f64;
            let total: usize = cells
                .map(|cell| cell.iter().map(|l| l.chars().count()).sum::<usize>())
                .sum();
            let mean = total as f64 / t.rows.len().max(1) as f64;
            let min = head.max(word) + PAD;
            (min, min.max(mean.sqrt() * 4.0 + PAD))
        })
        .unzip();
    let min_sum: f64 = min.iter().sum();
    let more: f64 = want.iter().zip(&min).map(|(w, m)| w - m).sum();
    let widths: Vec<f64> = if min_sum >= capacity || more <= 0.0 {
        min
    } else {
        let share = ((capacity - min_sum) / more).min(1.0);
        min.iter()
            .zip(&want)
            .map(|(m, w)| m + (w - m) * share)
            .collect()
    };
    let sum: f64 = widths.iter().sum();
    widths.iter().map(|w| w * 100.0 / sum).collect()
}

fn table(o: &mut String, t: &Table) {
    o.push_str(if t.wide {
        "<table class=\"wide\">\n<thead><tr>"
    } else {
        "<table>\n<thead><tr>"
    });
    for (h, w) in t.head.iter().zip(column_widths(t)) {
        let _ = write!(o, "<th scope=\"col\" style=\"width:{w:.1}%\">");
        push_xml(o, h);
        o.push_str("</th>");
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        o.push_str("<tr>");
        for cell in row {
            o.push_str("<td>");
            if let [line] = cell.as_slice() {
                push_xml(o, line);
            } else {
                for line in cell {
                    o.push_str("<span class=\"item\">");
                    push_xml(o, line);
                    o.push_str("</span>");
                }
            }
            o.push_str("</td>");
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(head: &[&str], rows: &[&[&str]], wide: bool) -> Table {
        Table {
            head: head.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| vec![c.to_string()]).collect())
                .collect(),
            wide,
        }
    }

    #[test]
    fn numbers_stay_narrow_prose_gets_the_room_and_widths_add_up() {
        let table = t(
            &["Stage", "Touchpoint", "Gap"],
            &[
                &[
                    "Get connected",
                    "The install is missed and I call to rebook",
                    "20",
                ],
                &["Use", "I get my first bill", "15"],
            ],
            false,
        );
        let w = column_widths(&table);
        assert!((w.iter().sum::<f64>() - 100.0).abs() < 1e-9);
        assert!(w[2] < w[0] && w[0] < w[1], "{w:?}");
        // The heading's word fits: "Gap" is 3 characters of 95, plus padding.
        assert!(w[2] >= 100.0 * (3.0 * 1.15 + 2.5) / 95.0 - 1e-9, "{w:?}");
    }

    #[test]
    fn a_huge_word_or_many_columns_still_add_up_to_the_page() {
        let long = "x".repeat(500);
        let table = t(&["A", "B"], &[&[&long, "b"]], false);
        let w = column_widths(&table);
        assert!((w.iter().sum::<f64>() - 100.0).abs() < 1e-9);
        // The other column keeps at least the room for its own heading and words.
        assert!(w[1] >= 100.0 * (1.15 + 2.5) / 95.0 - 1e-9, "{w:?}");
        let head: Vec<String> = (0..40).map(|i| format!("Opportunities{i}")).collect();
        let many = Table {
            head,
            rows: vec![],
            wide: true,
        };
        let w = column_widths(&many);
        assert!((w.iter().sum::<f64>() - 100.0).abs() < 1e-9);
    }

    #[test]
    fn a_cell_of_several_lines_lists_them_as_items() {
        let mut o = String::new();
        let mut table = t(&["Owns"], &[], false);
        table.rows = vec![
            vec![vec!["a <b>".into(), "c".into()]],
            vec![vec!["d".into()]],
        ];
        super::table(&mut o, &table);
        assert!(o.contains(
            "<td><span class=\"item\">a &lt;b&gt;</span><span class=\"item\">c</span></td>"
        ));
        assert!(o.contains("<td>d</td>"));
    }
}
