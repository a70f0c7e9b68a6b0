//! Mermaid `journey` text, as Mermaid itself reads it:
//!
//! - `journey` first (after blank lines and comments); optional front matter (`---` ...
//!   `---`) before it, whose `title:` is used;
//! - `title`, `accTitle: ...` (used as the title when there is no `title`), `accDescr: ...`
//!   and the braced multi-line `accDescr { ... }` (the journey's description);
//! - `section NAME`, whose `<br>`, `<br/>` and `<br />` become spaces (a stage name is one
//!   line, and the canvas wraps it); sections with the same name become one stage;
//! - tasks `NAME: SCORE` or `NAME: SCORE: ACTOR, ACTOR` (an empty actor list is fine);
//!   anything after a third colon is ignored, as Mermaid ignores it;
//! - comments: lines starting with `%%`, and `#` to the end of the line unless it starts an
//!   entity code such as `#58;` (entity codes are decoded, as Mermaid decodes them).
//!
//! A task becomes a touchpoint in its section's stage (tasks before any section go in a stage
//! named "Journey"). Its score maps back to an emotion: 1..5 becomes -2..+2 (scores outside
//! 1..5 are clamped and fractions rounded; an empty score is unrated). Its actors become
//! personas. Consecutive tasks are joined by "next step" transitions, because a Mermaid
//! journey is a sequence; whether context travels is unknown, so they do not claim it does.

use super::{check_text, finish, ByName, ImportError, ImportProblem, Origin, Origins};
use crate::model::*;

/// One character of a line, after entity codes are decoded: `code` marks characters that
/// came from a code, which never count as syntax.
#[derive(Clone, Copy)]
struct Unit {
    c: char,
    code: bool,
    col: usize,
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "quot" => '"',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "colon" => ':',
        "semi" => ';',
        "num" => '#',
        "percnt" => '%',
        "comma" => ',',
        "lcub" | "lbrace" => '{',
        "rcub" | "rbrace" => '}',
        "grave" => '`',
        "hearts" => '♥',
        _ => return None,
    })
}

/// The units of a line, with `#NAME;` and `#NUMBER;` decoded and a trailing `#` comment cut.
fn units(line: &str) -> Vec<Unit> {
    decode(line, true)
}

/// Like [`units`]; with `comments` false a bare `#` is kept as text.
fn decode(line: &str, comments: bool) -> Vec<Unit> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '#' {
            let end = chars[i + 1..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
                .map(|p| i + 1 + p);
            if let Some(end) = end.filter(|&e| e > i + 1 && chars[e] == ';') {
                let inner: String = chars[i + 1..end].iter().collect();
                let digits = inner.strip_prefix('+').unwrap_or(&inner);
                let decoded = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    Some(
                        digits
                            .parse::<u32>()
                            .ok()
                            .and_then(char::from_u32)
                            .unwrap_or('\u{fffd}'),
                    )
                } else {
                    named_entity(&inner)
                };
                if let Some(d) = decoded {
                    out.push(Unit {
                        c: d,
                        code: true,
                        col: i + 1,
                    });
                    i = end + 1;
                    continue;
                }
                // An unknown name stays as text, as a browser shows an unknown entity.
                for (k, &c) in chars[i..=end].iter().enumerate() {
                    out.push(Unit {
                        c,
                        code: true,
                        col: i + 1 + k,
                    });
                }
                i = end + 1;
                continue;
            }
            if comments {
                break;
            }
        }
        out.push(Unit {
            c,
            code: false,
            col: i + 1,
        });
        i += 1;
    }
    out
}

fn text(units: &[Unit]) -> String {
    let start = units
        .iter()
        .position(|u| u.code || !u.c.is_whitespace())
        .unwrap_or(units.len());
    let end = units
        .iter()
        .rposition(|u| u.code || !u.c.is_whitespace())
        .map_or(start, |i| i + 1);
    units[start..end.max(start)].iter().map(|u| u.c).collect()
}

/// The syntax character `c` (not from a code), if the units contain one.
fn find(units: &[Unit], c: char) -> Option<usize> {
    units.iter().position(|u| !u.code && u.c == c)
}

/// Whether the units start with `word` (case-insensitive, from syntax characters) followed by
/// what `then` accepts; returns the index after the word.
fn keyword(units: &[Unit], word: &str) -> Option<usize> {
    let start = units.iter().position(|u| !u.c.is_whitespace() || u.code)?;
    let n = word.chars().count();
    let got = units.get(start..start + n)?;
    let same = got
        .iter()
        .zip(word.chars())
        .all(|(u, w)| !u.code && u.c.eq_ignore_ascii_case(&w));
    same.then_some(start + n)
}

/// `<br>`, `<br/>` and `<br />` written as syntax (not as codes) become spaces.
fn br_to_space(units: &[Unit]) -> Vec<Unit> {
    let mut out = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        if let Some(len) = br_at(&units[i..]) {
            out.push(Unit {
                c: ' ',
                code: false,
                col: units[i].col,
            });
            i += len;
        } else {
            out.push(units[i]);
            i += 1;
        }
    }
    out
}

/// The length of a `<br>` tag at the start of `u`, if there is one.
fn br_at(u: &[Unit]) -> Option<usize> {
    let syntax = |k: usize, f: &dyn Fn(char) -> bool| u.get(k).is_some_and(|x| !x.code && f(x.c));
    if !(syntax(0, &|c| c == '<')
        && syntax(1, &|c| c.eq_ignore_ascii_case(&'b'))
        && syntax(2, &|c| c.eq_ignore_ascii_case(&'r')))
    {
        return None;
    }
    let mut k = 3;
    while syntax(k, &|c| c.is_whitespace()) {
        k += 1;
    }
    if syntax(k, &|c| c == '/') {
        k += 1;
    }
    syntax(k, &|c| c == '>').then_some(k + 1)
}

/// Reads Mermaid journey text into a new journey, drawing every id from `ids`. Like
/// [`super::csv::from_csv`], refuses any U+FFFD; [`super::open_bytes`] refuses only those
/// that stand for bytes that were not UTF-8.
pub fn from_mermaid(text_in: &str, ids: &mut IdGen) -> Result<Journey, ImportError> {
    read(text_in, text_in.find(char::REPLACEMENT_CHARACTER), ids)
}

/// [`from_mermaid`], told where the file's first byte that was not UTF-8 is.
pub(crate) fn read(
    text_in: &str,
    not_utf8_at: Option<usize>,
    ids: &mut IdGen,
) -> Result<Journey, ImportError> {
    check_text(text_in, not_utf8_at, "")?;
    let text_in = text_in.strip_prefix('\u{feff}').unwrap_or(text_in);
    let lines: Vec<&str> = text_in.lines().collect();
    let mut problems = Vec::new();
    let mut j = Journey::default();
    let mut by_name = ByName::default();
    let mut acc_title = String::new();
    let mut origins = Origins {
        field: Some(Box::new(|list, rest| {
            let label = match list {
                "stages" => "section",
                "personas" => "actor",
                "touchpoints" if rest.starts_with("personas") => "actor",
                _ => "task",
            };
            (None, label.to_string())
        })),
        ..Origins::default()
    };
    let mut acc_title_at = None;
    let mut i = 0;
    let at = |line: usize, column: usize| {
        Some(Origin {
            row: None,
            line,
            column,
        })
    };

    // Front matter.
    if lines.first().map(|l| l.trim()) == Some("---") {
        let close = lines[1..].iter().position(|l| l.trim() == "---");
        match close {
            Some(c) => {
                for (k, l) in lines[1..=c].iter().enumerate() {
                    if let Some(v) = l.trim().strip_prefix("title:") {
                        j.title = v.trim().trim_matches(['"', '\'']).to_string();
                        origins.title = at(k + 2, 1);
                    }
                }
                i = c + 2;
            }
            None => problems.push(ImportProblem::at(
                1,
                1,
                "front matter (---) is never closed",
            )),
        }
    }

    let mut seen_journey = false;
    let mut stage: Option<StageId> = None;
    let mut previous: Option<TouchpointId> = None;
    while i < lines.len() {
        let line_no = i + 1;
        let raw = lines[i];
        i += 1;
        if raw.trim().is_empty() || raw.trim_start().starts_with("%%") {
            continue;
        }
        let u = units(raw);
        if u.iter().all(|u| u.c.is_whitespace() && !u.code) {
            continue;
        }
        let first_col = u.iter().find(|u| !u.c.is_whitespace()).map_or(1, |u| u.col);
        if !seen_journey {
            match keyword(&u, "journey") {
                Some(end) if text(&u[end..]).is_empty() => seen_journey = true,
                _ => {
                    // Name what the file is, so a flowchart is not mistaken for a typo.
                    let first: String = text(&u)
                        .chars()
                        .take_while(|c| !c.is_whitespace())
                        .take(40)
                        .collect();
                    let message = if first.eq_ignore_ascii_case("journey") {
                        "the word journey stands alone on its line; the title goes on a \
                         title line"
                            .to_string()
                    } else {
                        format!(
                            "\"{first}\" is not a Mermaid user journey; Throughline reads \
                             diagrams that start with the word journey"
                        )
                    };
                    problems.push(ImportProblem::at(line_no, first_col, message));
                    return Err(ImportError { problems });
                }
            }
            continue;
        }
        // accDescr { ... } may span lines; everything up to the closing brace is the text.
        if let Some(end) = keyword(&u, "accdescr") {
            let rest = &u[end..];
            let after = rest.iter().position(|u| !u.c.is_whitespace());
            if let Some(open) = after.filter(|&k| rest[k].c == '{' && !rest[k].code) {
                let mut body = String::new();
                let mut tail: String = raw.chars().skip(rest[open].col).collect();
                let mut closed = false;
                loop {
                    if let Some(k) = tail.find('}') {
                        body.push_str(&tail[..k]);
                        closed = true;
                        break;
                    }
                    body.push_str(&tail);
                    if i >= lines.len() {
                        break;
                    }
                    body.push('\n');
                    tail = lines[i].to_string();
                    i += 1;
                }
                if !closed {
                    problems.push(ImportProblem::at(
                        line_no,
                        rest[open].col,
                        "accDescr { is never closed with }",
                    ));
                }
                let lines: Vec<&str> = body.lines().map(str::trim).collect();
                j.description = lines.join("\n").trim().to_string();
                origins.description = at(line_no, first_col);
                continue;
            }
            let colon = rest.iter().position(|u| !u.c.is_whitespace());
            match colon.filter(|&k| rest[k].c == ':' && !rest[k].code) {
                Some(k) => {
                    j.description = acc_value(raw, rest[k].col);
                    origins.description = at(line_no, first_col);
                }
                None => problems.push(ImportProblem::at(
                    line_no,
                    first_col,
                    "accDescr is followed by : and a description, or by { and a description",
                )),
            }
            continue;
        }
        if let Some(end) = keyword(&u, "acctitle") {
            let rest = &u[end..];
            let colon = rest.iter().position(|u| !u.c.is_whitespace());
            match colon.filter(|&k| rest[k].c == ':' && !rest[k].code) {
                Some(k) => {
                    acc_title = acc_value(raw, rest[k].col);
                    acc_title_at = at(line_no, first_col);
                }
                None => problems.push(ImportProblem::at(
                    line_no,
                    first_col,
                    "accTitle is followed by : and a title",
                )),
            }
            continue;
        }
        if let Some(k) = find(&u, ';') {
            problems.push(ImportProblem::at(
                line_no,
                u[k].col,
                "Mermaid does not accept ; here (write #59; for a semicolon)",
            ));
            continue;
        }
        if let Some(end) =
            keyword(&u, "title").filter(|&e| u.get(e).is_some_and(|x| x.c.is_whitespace()))
        {
            j.title = text(&u[end..]);
            origins.title = at(line_no, first_col);
            continue;
        }
        if let Some(end) =
            keyword(&u, "section").filter(|&e| u.get(e).is_some_and(|x| x.c.is_whitespace()))
        {
            let rest = &u[end..];
            if let Some(k) = find(rest, ':') {
                problems.push(ImportProblem::at(
                    line_no,
                    rest[k].col,
                    "a section name cannot contain : (write #58; for a colon)",
                ));
                continue;
            }
            let name = text(&br_to_space(rest));
            if name.is_empty() {
                problems.push(ImportProblem::at(
                    line_no,
                    first_col,
                    "the section has no name",
                ));
                continue;
            }
            let id = by_name.stage(&mut j, ids, &name);
            if let Some(o) = at(line_no, first_col) {
                origins.stages.entry(id).or_insert(o);
            }
            stage = Some(id);
            continue;
        }
        // A task.
        let Some(colon) = find(&u, ':') else {
            problems.push(ImportProblem::at(
                line_no,
                first_col,
                "expected a task (name: score), a section, a title or a comment",
            ));
            continue;
        };
        let name = text(&u[..colon]);
        if name.is_empty() {
            problems.push(ImportProblem::at(
                line_no,
                first_col,
                "the task has no name",
            ));
            continue;
        }
        let data = &u[colon + 1..];
        let next_colon = find(data, ':').unwrap_or(data.len());
        let score_units = &data[..next_colon];
        let score_text = text(score_units);
        let emotion = if score_text.is_empty() {
            None
        } else {
            match score_text.parse::<f64>() {
                Ok(s) if s.is_finite() => {
                    let s = s.round().clamp(1.0, 5.0) as i64;
                    Some(Emotion::new(s - 3).expect("1..5 minus 3 is in range"))
                }
                _ => {
                    let col = score_units
                        .iter()
                        .find(|u| !u.c.is_whitespace())
                        .map_or(u[colon].col + 1, |u| u.col);
                    problems.push(ImportProblem::at(
                        line_no,
                        col,
                        format!("\"{score_text}\" is not a score (a number, 1 to 5)"),
                    ));
                    continue;
                }
            }
        };
        let actors: Vec<String> = if next_colon < data.len() {
            let after = &data[next_colon + 1..];
            let end = find(after, ':').unwrap_or(after.len());
            after[..end]
                .split(|u| !u.code && u.c == ',')
                .map(text)
                .filter(|a| !a.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        let stage_id = match stage {
            Some(s) => s,
            None => {
                let s = by_name.stage(&mut j, ids, "Journey");
                stage = Some(s);
                s
            }
        };
        let mut t = Touchpoint::new(ids.id(), name, stage_id);
        t.emotion = emotion;
        for a in actors {
            let p = by_name.persona(&mut j, ids, &a);
            if !t.personas.contains(&p) {
                t.personas.push(p);
            }
        }
        if let Some(prev) = previous {
            j.transitions.push(Transition {
                id: ids.id(),
                from: prev,
                to: t.id,
                label: String::new(),
                kind: TransitionKind::Next,
                carries_context: false,
            });
        }
        previous = Some(t.id);
        origins.touchpoints.extend(at(line_no, first_col));
        j.touchpoints.push(t);
    }
    if !seen_journey && problems.is_empty() {
        problems.push(ImportProblem::file(
            "no diagram found (the file is empty or only comments): a Mermaid user journey \
             starts with the word journey",
        ));
    }
    if j.title.is_empty() {
        j.title = acc_title;
        origins.title = acc_title_at;
    }
    finish(j, problems, &origins)
}

/// The value of an `accTitle:` or `accDescr:` line after the colon at 1-based `col`: the
/// rest of the line, entity codes decoded, `#` and `;` included as Mermaid includes them.
fn acc_value(raw: &str, col: usize) -> String {
    let rest: String = raw.chars().skip(col).collect();
    let u = decode(&rest, false);
    text(&u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_decode_and_bare_hashes_start_comments() {
        let u = units("a#58;b #59; c # comment");
        assert_eq!(text(&u), "a:b ; c");
        assert!(u[1].code);
        assert_eq!(text(&units("#unknown; x")), "#unknown; x");
        assert_eq!(text(&units("#35;#37;")), "#%");
    }

    #[test]
    fn br_variants_become_spaces_but_coded_ones_stay() {
        let br = |s: &str| text(&br_to_space(&units(s)));
        assert_eq!(br("Get<br>help<BR/>now<br />ok"), "Get help now ok");
        assert_eq!(br("a <brother>"), "a <brother>");
        assert_eq!(br("#60;br#62;"), "<br>");
    }

    #[test]
    fn acc_values_keep_hashes_and_decode_codes() {
        assert_eq!(acc_value("accTitle: A #1 #58; b", 9), "A #1 : b");
    }
}
