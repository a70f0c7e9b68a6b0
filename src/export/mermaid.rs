//! Mermaid `journey` text: title, one section per stage, one task per touchpoint.
//!
//! Score: Mermaid scores a task 1 (worst) to 5 (best); a touchpoint's emotion runs -2..+2, so
//! the score is emotion + 3, and an unrated touchpoint scores a neutral 3.
//! Actors: the personas the touchpoint names; when it names none (it applies to everyone),
//! its channel; when it has no channel either, no actors.
//!
//! Escaping: Mermaid's journey grammar ends a task name at `:`, treats `#` and `%%` as the
//! start of a comment, refuses `;`, splits actors at `,` and reads a line starting with
//! `title`, `section`, `journey`, `accTitle` or `accDescr` as that statement. Mermaid turns
//! entity codes such as `#58;` into characters before it parses (and shows them as the
//! character), so every such character in user text is written as its decimal code, as are
//! `<`, `>`, `&`, braces, backticks and line breaks, plus spaces at either end of a name
//! (Mermaid would trim them) and the first letter of a keyword at the start of a name.
//! U+FFFD is written as a code too: importers take it in a file for bytes that were not
//! UTF-8 and refuse the file, so a name that really holds it must not put it in the text.
//! [`crate::import::mermaid`] decodes the same codes, so names survive a round trip.

use crate::model::*;
use std::fmt::Write;

/// The first words Mermaid's journey lexer reads as statements (compared case-insensitively).
pub(crate) const KEYWORDS: [&str; 5] = ["journey", "title", "section", "acctitle", "accdescr"];

/// The 1-5 Mermaid score of an emotion; unrated is a neutral 3.
pub fn score(emotion: Option<Emotion>) -> u8 {
    (emotion.map(|e| e.get()).unwrap_or(0) + 3) as u8
}

pub fn to_mermaid(j: &Journey) -> String {
    let mut out = String::with_capacity(64 + j.touchpoints.len() * 80);
    out.push_str("journey\n");
    if !j.title.trim().is_empty() {
        out.push_str("    title ");
        push_text(&mut out, &j.title, Context::Title);
        out.push('\n');
    }
    if !j.description.trim().is_empty() {
        out.push_str("    accDescr: ");
        push_text(&mut out, &j.description, Context::Title);
        out.push('\n');
    }
    let mut by_stage: std::collections::HashMap<StageId, Vec<&Touchpoint>> =
        std::collections::HashMap::new();
    for t in &j.touchpoints {
        by_stage.entry(t.stage).or_default().push(t);
    }
    for s in &j.stages {
        out.push_str("    section ");
        push_text(&mut out, &s.name, Context::Name);
        out.push('\n');
        for t in by_stage.get(&s.id).map(Vec::as_slice).unwrap_or(&[]) {
            out.push_str("      ");
            push_text(&mut out, &t.name, Context::Name);
            let _ = write!(out, ": {}", score(t.emotion));
            let actors: Vec<&str> = if t.personas.is_empty() {
                t.channel
                    .and_then(|c| j.channel(c))
                    .map(|c| vec![c.name.as_str()])
                    .unwrap_or_default()
            } else {
                t.personas
                    .iter()
                    .filter_map(|p| j.persona(*p))
                    .map(|p| p.name.as_str())
                    .collect()
            };
            for (i, a) in actors.iter().enumerate() {
                out.push_str(if i == 0 { ": " } else { ", " });
                push_text(&mut out, a, Context::Actor);
            }
            out.push('\n');
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    /// A title or accessible description: the rest of the line is the text.
    Title,
    /// A section or task name.
    Name,
    /// One actor of a list separated by commas.
    Actor,
}

fn push_code(out: &mut String, c: char) {
    let _ = write!(out, "#{};", c as u32);
}

fn push_text(out: &mut String, s: &str, ctx: Context) {
    let starts_with_keyword = {
        let lower = s.to_ascii_lowercase();
        KEYWORDS.iter().any(|k| lower.starts_with(k))
    };
    let last = s.chars().count().saturating_sub(1);
    for (i, c) in s.chars().enumerate() {
        let special = matches!(c, '#' | ';' | ':' | '%' | '<' | '>' | '&' | '{' | '}' | '`')
            || c.is_control()
            || c == char::REPLACEMENT_CHARACTER
            || (ctx == Context::Actor && c == ',')
            || ((i == 0 || i == last) && c.is_whitespace())
            || (i == 0 && starts_with_keyword);
        if special {
            push_code(out, c);
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str, ctx: Context) -> String {
        let mut out = String::new();
        push_text(&mut out, s, ctx);
        out
    }

    #[test]
    fn emotion_maps_to_one_to_five_and_unrated_is_three() {
        assert_eq!(score(None), 3);
        assert_eq!(score(Some(Emotion::new(-2).unwrap())), 1);
        assert_eq!(score(Some(Emotion::new(2).unwrap())), 5);
    }

    #[test]
    fn grammar_characters_become_entity_codes() {
        assert_eq!(
            text("a: b; #c %%", Context::Name),
            "a#58; b#59; #35;c #37;#37;"
        );
        assert_eq!(text("x\ny", Context::Name), "x#10;y");
        assert_eq!(text("a\u{fffd}", Context::Name), "a#65533;");
        assert_eq!(text("a, b", Context::Actor), "a#44; b");
        assert_eq!(text("a, b", Context::Name), "a, b");
    }

    #[test]
    fn names_that_start_with_a_keyword_or_a_space_are_defused() {
        assert_eq!(text("Section 2", Context::Name), "#83;ection 2");
        assert_eq!(text("title deeds", Context::Name), "#116;itle deeds");
        assert_eq!(text(" x ", Context::Name), "#32;x#32;");
    }
}
