//! The loose/tight design framework as Markdown: CommonMark with GFM tables, for wikis and
//! repositories. The journey map goes in as a fenced Mermaid block (GitHub and GitLab draw
//! it; elsewhere it reads as text).
//!
//! Escaping: every ASCII character that CommonMark or GFM could read as markup is
//! backslash-escaped (emphasis, code, links, raw HTML, entities, table pipes, headings,
//! strikethrough), and so are the `:` of `scheme://`, `@` and the dot of `www.`, which GFM
//! would otherwise turn into automatic links. A character that starts a block (a list marker, `>`, a
//! numbered list) is escaped at the start of the text. Line breaks become spaces, except
//! between the lines of a table cell, which we join with `<br>`.

use super::framework::{build, Block, Inline, Table};
use crate::model::Journey;

pub fn to_markdown(j: &Journey) -> String {
    let doc = build(j);
    let mut o = String::with_capacity(8192 + j.touchpoints.len() * 700);
    o.push_str("# ");
    push_md(&mut o, &doc.title);
    o.push_str("\n\n_");
    push_md(&mut o, &doc.subtitle);
    o.push_str("_\n");
    for s in &doc.sections {
        // Section titles are ours and plain; escaping them would only add backslashes.
        o.push_str("\n## ");
        o.push_str(&s.title);
        o.push_str("\n\n");
        for b in &s.blocks {
            match b {
                Block::Heading(h) => {
                    o.push_str("### ");
                    push_md(&mut o, h);
                    o.push_str("\n\n");
                }
                Block::Para(inlines) => {
                    push_inlines(&mut o, inlines);
                    o.push_str("\n\n");
                }
                Block::Bullets(items) => {
                    for item in items {
                        o.push_str("- ");
                        push_inlines(&mut o, item);
                        o.push('\n');
                    }
                    o.push('\n');
                }
                Block::Muted(m) => {
                    o.push('_');
                    push_md(&mut o, m);
                    o.push_str("_\n\n");
                }
                Block::Table(t) => table(&mut o, t),
                Block::Diagram => {
                    o.push_str("```mermaid\n");
                    o.push_str(&super::mermaid::to_mermaid(j));
                    o.push_str("```\n\n");
                }
            }
        }
    }
    o
}

fn push_inlines(o: &mut String, inlines: &[Inline]) {
    for (k, i) in inlines.iter().enumerate() {
        match i {
            Inline::Text(t) if k == 0 => push_md(o, t),
            Inline::Text(t) => push_md_after(o, t),
            Inline::Strong(t) => {
                // Emphasis delimiters next to spaces do not open or close, so keep the
                // text's edge spaces outside the asterisks.
                let trimmed = t.trim_end();
                o.push_str("**");
                push_md(o, trimmed.trim_start());
                o.push_str("**");
                if trimmed.len() < t.len() {
                    o.push(' ');
                }
            }
        }
    }
}

fn table(o: &mut String, t: &Table) {
    o.push('|');
    for h in &t.head {
        o.push(' ');
        push_md(o, h);
        o.push_str(" |");
    }
    o.push_str("\n|");
    for _ in &t.head {
        o.push_str(" --- |");
    }
    o.push('\n');
    for row in &t.rows {
        o.push('|');
        for cell in row {
            o.push(' ');
            for (i, line) in cell.iter().enumerate() {
                if i > 0 {
                    o.push_str("<br>");
                }
                // A cell cannot start a block, so a leading `-` or `1.` needs no escape.
                escape_md(o, line.trim(), false);
            }
            o.push_str(" |");
        }
        o.push('\n');
    }
    o.push('\n');
}

/// Appends `s`, which starts a line or a block, as Markdown text that renders as exactly `s`
/// (line breaks as spaces, blanks at the edges dropped).
pub(crate) fn push_md(o: &mut String, s: &str) {
    escape_md(o, s.trim(), true);
}

/// Like [`push_md`] for text that continues a line: its edge spaces are kept.
fn push_md_after(o: &mut String, s: &str) {
    escape_md(o, s, false);
}

fn escape_md(o: &mut String, s: &str, at_start: bool) {
    let chars: Vec<char> = s.chars().collect();
    // A block marker at the start: `-`, `+`, `=` (setext underline), or `1.` / `1)`.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let numbered = at_start && digits > 0 && matches!(chars.get(digits), Some('.' | ')'));
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '#' | '~' | '!' | '@' => {
                o.push('\\');
                o.push(c);
            }
            // `scheme://` is what GFM's extended autolinks look for.
            ':' if chars.get(i + 1) == Some(&'/') => {
                o.push('\\');
                o.push(c);
            }
            '-' | '+' | '=' if at_start && i == 0 => {
                o.push('\\');
                o.push(c);
            }
            '.' | ')' if numbered && i == digits => {
                o.push('\\');
                o.push(c);
            }
            '.' if i >= 3
                && chars[i - 3..i]
                    .iter()
                    .collect::<String>()
                    .eq_ignore_ascii_case("www") =>
            {
                o.push('\\');
                o.push(c);
            }
            '\n' | '\r' | '\t' => o.push(' '),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        let mut o = String::new();
        push_md(&mut o, s);
        o
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            md("<b>*x*</b> | [a](b)"),
            "\\<b\\>\\*x\\*\\</b\\> \\| \\[a\\](b)"
        );
        assert_eq!(md("a\nb"), "a b");
    }

    #[test]
    fn block_starts_and_autolinks_are_defused() {
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("12. item"), "12\\. item");
        assert_eq!(md("see www.example.com"), "see www\\.example.com");
        assert_eq!(md("https://x.test"), "https\\://x.test");
        assert_eq!(md("a@b.test"), "a\\@b.test");
    }
}
