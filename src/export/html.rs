//! The loose/tight design framework as one self-contained HTML page: inline CSS, the journey
//! map as inline SVG, no script and no external requests (a Content-Security-Policy meta tag
//! says so to the browser as well). It prints to A4 or Letter (the page size is left to the
//! printer): sections start on a new page, headings stay with what follows, table rows do
//! not split, table headers repeat, and tables fit the page width by wrapping, so no column
//! is cut off. The full touchpoint table prints landscape.
//!
//! All text is HTML-escaped; the only markup is ours.

use super::escape::push_xml;
use super::framework::{build, Block, Inline, Table};
use crate::model::Journey;

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
table.wide { font-size: .78rem; }
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
  h2, h3 { break-after: avoid; }
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

fn table(o: &mut String, t: &Table) {
    o.push_str(if t.wide {
        "<table class=\"wide\">\n<thead><tr>"
    } else {
        "<table>\n<thead><tr>"
    });
    for h in &t.head {
        o.push_str("<th scope=\"col\">");
        push_xml(o, h);
        o.push_str("</th>");
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        o.push_str("<tr>");
        for cell in row {
            o.push_str("<td>");
            for (i, line) in cell.iter().enumerate() {
                if i > 0 {
                    o.push_str("<br>");
                }
                push_xml(o, line);
            }
            o.push_str("</td>");
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
}
