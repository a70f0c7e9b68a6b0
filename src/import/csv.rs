//! CSV with the columns of [`crate::export::csv::COLUMNS`], so a workshop's spreadsheet
//! becomes a journey and a CSV export reads back.
//!
//! - Header names are matched case-insensitively, with `_` and `-` read as spaces and a few
//!   everyday aliases (`touchpoint` for `name`, `behavior`, `kpi`...). `name` and `stage`
//!   are required; every other column may be left out and defaults to empty or unrated. A
//!   column the importer does not know is reported rather than silently dropped.
//! - Stages, lanes, channels, owners (departments), partners and personas are created by
//!   name, in order of first appearance; names match trimmed and case-insensitively. A lane,
//!   channel or department named like one of the built-in kinds ("Back stage", "Phone",
//!   "Marketing"...) gets that kind; lanes are then put in blueprint order (customer action,
//!   front stage, back stage, support process; other names count as front stage). A
//!   `delivered by` cell that is empty or says `Brand` means the brand's own people.
//! - Every cell loses one leading apostrophe, undoing the export's formula guard.
//! - Transitions come from the `transitions` column (format in [`crate::export::csv`]); a
//!   target is the `id` cell of another row, or a touchpoint name that only one row has.
//! - `id` cells are only keys for transitions: the journey gets fresh ids from the caller's
//!   generator.
//! - Blank rows are skipped. Yes/no cells accept yes, y, true, 1, x and no, n, false, 0 or
//!   empty.

use super::{check_text, finish, name_key, ByName, ImportError, ImportProblem, Origin, Origins};
use crate::export::csv::{evidence_name, kind_name, tightness_name, BRAND, COLUMNS};
use crate::model::*;
use std::collections::HashMap;

struct Field {
    text: String,
    line: usize,
}

struct Record {
    line: usize,
    fields: Vec<Field>,
}

/// RFC 4180 records, with the line each field starts on. Also accepts bare LF line ends.
fn records(text: &str) -> Result<Vec<Record>, ImportProblem> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let (mut line, mut col) = (1usize, 1usize);
    let mut record = Record {
        line: 1,
        fields: Vec::new(),
    };
    let mut field = String::new();
    let mut field_line = 1;
    let mut at_field_start = true;
    let mut quoted = false;
    let mut quote_at = (0, 0);
    let mut after_quote = false;
    loop {
        let Some(c) = chars.next() else {
            if quoted {
                return Err(ImportProblem::at(
                    quote_at.0,
                    quote_at.1,
                    "this quoted cell is never closed (a \" is missing)",
                ));
            }
            if !(record.fields.is_empty() && at_field_start && field.is_empty()) {
                record.fields.push(Field {
                    text: std::mem::take(&mut field),
                    line: field_line,
                });
                out.push(record);
            }
            return Ok(out);
        };
        let here = (line, col);
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    col += 1;
                    field.push('"');
                } else {
                    quoted = false;
                    after_quote = true;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            ',' => {
                record.fields.push(Field {
                    text: std::mem::take(&mut field),
                    line: field_line,
                });
                at_field_start = true;
                after_quote = false;
                field_line = line;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                    line += 1;
                    col = 1;
                } else if c == '\r' {
                    line += 1;
                    col = 1;
                }
                record.fields.push(Field {
                    text: std::mem::take(&mut field),
                    line: field_line,
                });
                out.push(std::mem::replace(
                    &mut record,
                    Record {
                        line,
                        fields: Vec::new(),
                    },
                ));
                at_field_start = true;
                after_quote = false;
                field_line = line;
            }
            '"' if at_field_start => {
                quoted = true;
                quote_at = here;
                at_field_start = false;
            }
            _ if after_quote => {
                return Err(ImportProblem::at(
                    here.0,
                    here.1,
                    "text after the closing quote of a cell (a quote inside a cell is written \
                     as two quotes)",
                ));
            }
            '"' => {
                return Err(ImportProblem::at(
                    here.0,
                    here.1,
                    "a quote inside a cell that does not start with one (quote the whole cell \
                     and write the quote as two quotes)",
                ));
            }
            c => {
                at_field_start = false;
                field.push(c);
            }
        }
    }
}

/// A header name in the form [`COLUMNS`] uses.
fn canonical(header: &str) -> String {
    let lower = header.trim().to_lowercase().replace(['_', '-'], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let name = words.join(" ");
    let alias = match name.as_str() {
        "touchpoint" | "touchpoint name" => "name",
        "behavior" => "behaviour",
        "kpi" => "kpis",
        "pain point" | "pains" => "pain points",
        "opportunity" => "opportunities",
        "persona" => "personas",
        "transition" | "next" => "transitions",
        "promise note" => "promise",
        "standard note" => "standard",
        "latitude note" => "latitude",
        "differentiation note" => "differentiation",
        "department" => "owner",
        "delivered" | "delivery" => "delivered by",
        "mot" => "moment of truth",
        _ => "",
    };
    if alias.is_empty() {
        name
    } else {
        alias.to_string()
    }
}

/// Undoes the export's formula guard: one leading apostrophe goes.
fn unguard(s: &str) -> &str {
    s.strip_prefix('\'').unwrap_or(s)
}

/// Splits a list cell into items at unescaped line breaks (or `|` when `bars`), decoding
/// the escapes of [`crate::export::csv`] and trimming unescaped blanks at the edges.
fn split_escaped(s: &str, bars: bool) -> Result<Vec<String>, String> {
    let mut items: Vec<Vec<(char, bool)>> = vec![Vec::new()];
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let e = chars
                    .next()
                    .ok_or("a \\ at the very end has nothing to escape")?;
                let decoded = match e {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'u' => {
                        if chars.next() != Some('{') {
                            return Err("\\u must be followed by {hex}".into());
                        }
                        let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                        u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| format!("\\u{{{hex}}} is not a character"))?
                    }
                    other => other,
                };
                items.last_mut().expect("never empty").push((decoded, true));
            }
            '\n' => items.push(Vec::new()),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => items.push(Vec::new()),
            '|' if bars => items.push(Vec::new()),
            c => items.last_mut().expect("never empty").push((c, false)),
        }
    }
    Ok(items
        .into_iter()
        .map(|item| {
            let start = item
                .iter()
                .position(|&(c, esc)| esc || !c.is_whitespace())
                .unwrap_or(item.len());
            let end = item
                .iter()
                .rposition(|&(c, esc)| esc || !c.is_whitespace())
                .map_or(start, |i| i + 1);
            item[start..end.max(start)]
                .iter()
                .map(|&(c, _)| c)
                .collect()
        })
        .collect())
}

fn list(s: &str) -> Result<Vec<String>, String> {
    Ok(split_escaped(s, false)?
        .into_iter()
        .filter(|i| !i.is_empty())
        .collect())
}

fn rating(s: &str) -> Result<Option<Rating>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let v: i64 = s
        .parse()
        .map_err(|_| format!("\"{s}\" is not a rating (a whole number 1-5, or empty)"))?;
    Rating::new(v).map(Some)
}

fn emotion(s: &str) -> Result<Option<Emotion>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let v: i64 = s.strip_prefix('+').unwrap_or(s).parse().map_err(|_| {
        format!("\"{s}\" is not an emotion (a whole number from -2 to +2, or empty)")
    })?;
    Emotion::new(v).map(Some)
}

fn yes_no(s: &str) -> Result<bool, String> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" => Ok(true),
        "no" | "n" | "false" | "0" | "" => Ok(false),
        other => Err(format!("\"{other}\" is not yes or no")),
    }
}

fn tightness(s: &str) -> Result<Option<Tightness>, String> {
    let s = s.trim().to_lowercase();
    if s.is_empty() {
        return Ok(None);
    }
    [Tightness::Tight, Tightness::Loose]
        .into_iter()
        .find(|t| tightness_name(*t) == s)
        .map(Some)
        .ok_or_else(|| format!("\"{s}\" is not tight or loose"))
}

fn evidence(s: &str) -> Result<Option<Evidence>, String> {
    let s = s.trim().to_lowercase();
    if s.is_empty() {
        return Ok(None);
    }
    [
        Evidence::Assumption,
        Evidence::Anecdote,
        Evidence::Research,
        Evidence::Data,
    ]
    .into_iter()
    .find(|e| evidence_name(*e) == s)
    .map(Some)
    .ok_or_else(|| format!("\"{s}\" is not one of assumption, anecdote, research, data"))
}

/// A transition as written in a cell, before its target is resolved.
struct Step {
    target: String,
    kind: TransitionKind,
    carries_context: bool,
    label: String,
}

fn steps(s: &str) -> Result<Vec<Step>, String> {
    let mut out = Vec::new();
    // Lines first (escapes kept), then the parts of each line.
    for raw_line in s.split(['\n', '\r']).filter(|l| !l.trim().is_empty()) {
        let parts = split_escaped(raw_line, true)?;
        let target = parts[0].clone();
        if target.is_empty() {
            return Err(format!("\"{raw_line}\" names no target touchpoint"));
        }
        let kind = match parts.get(1).map(|k| k.to_lowercase()) {
            None => TransitionKind::Next,
            Some(k) if k.is_empty() => TransitionKind::Next,
            Some(k) => [
                TransitionKind::Next,
                TransitionKind::Alternative,
                TransitionKind::Recovery,
                TransitionKind::Return,
            ]
            .into_iter()
            .find(|t| kind_name(*t) == k)
            .ok_or_else(|| {
                format!("\"{k}\" is not a transition kind (next, alternative, recovery, return)")
            })?,
        };
        let carries_context = match parts.get(2).map(|c| c.to_lowercase()) {
            None => false,
            Some(c) if c.is_empty() || c == "no context" => false,
            Some(c) if c == "context" => true,
            Some(c) => return Err(format!("\"{c}\" is neither \"context\" nor \"no context\"")),
        };
        let label = parts.get(3..).map(|p| p.join("|")).unwrap_or_default();
        out.push(Step {
            target,
            kind,
            carries_context,
            label,
        });
    }
    Ok(out)
}

/// Reads CSV text into a new journey, drawing every id from `ids`. Text whose bytes are gone
/// cannot tell a U+FFFD the file held from one that stands for a byte that was not UTF-8, so
/// this refuses any; [`super::open_bytes`] reads the bytes and refuses only the latter.
pub fn from_csv(text: &str, ids: &mut IdGen) -> Result<Journey, ImportError> {
    read(text, text.find(char::REPLACEMENT_CHARACTER), ids)
}

/// [`from_csv`], told where the file's first byte that was not UTF-8 is (a byte offset into
/// `text`, from [`crate::format::text::decode`]).
pub(crate) fn read(
    text: &str,
    not_utf8_at: Option<usize>,
    ids: &mut IdGen,
) -> Result<Journey, ImportError> {
    check_text(text, not_utf8_at, " (in a spreadsheet: CSV UTF-8)")?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let recs = records(text).map_err(|p| ImportError { problems: vec![p] })?;
    let mut recs = recs.into_iter();
    let Some(header) = recs.next() else {
        return Err(ImportError {
            problems: vec![ImportProblem::file(
                "the file is empty; expected a header row with at least name and stage",
            )],
        });
    };
    let mut problems = Vec::new();
    let mut column_of: HashMap<&'static str, usize> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    for (i, f) in header.fields.iter().enumerate() {
        let name = canonical(&f.text);
        names.push(f.text.trim().to_string());
        match COLUMNS.iter().find(|c| **c == name) {
            Some(known) => {
                if column_of.insert(known, i).is_some() {
                    problems.push(ImportProblem {
                        field: Some(f.text.trim().into()),
                        ..ImportProblem::at(
                            header.line,
                            i + 1,
                            format!("the column \"{known}\" appears twice"),
                        )
                    });
                }
            }
            None => problems.push(ImportProblem {
                field: Some(f.text.trim().into()),
                ..ImportProblem::at(
                    f.line,
                    i + 1,
                    format!(
                        "unknown column \"{}\"; the columns are: {}",
                        f.text.trim(),
                        COLUMNS.join(", ")
                    ),
                )
            }),
        }
    }
    for required in ["name", "stage"] {
        if !column_of.contains_key(required) {
            problems.push(ImportProblem::at(
                header.line,
                1,
                format!("the header has no \"{required}\" column, which every row needs"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ImportError { problems });
    }

    let mut j = Journey::default();
    let mut by_name = ByName::default();
    let mut origins = Origins {
        field: Some(column_namer(column_of.clone(), names.clone())),
        ..Origins::default()
    };
    // Per touchpoint: its key (id cell), its steps, and where they were written.
    let mut keys: HashMap<String, usize> = HashMap::new();
    let mut pending: Vec<(usize, Vec<Step>, usize, usize)> = Vec::new();
    let mut data_row = 0usize;
    for rec in recs {
        if rec.fields.iter().all(|f| f.text.trim().is_empty()) {
            continue;
        }
        data_row += 1;
        if rec.fields.len() > names.len() {
            problems.push(ImportProblem {
                row: Some(data_row),
                ..ImportProblem::at(
                    rec.line,
                    names.len() + 1,
                    format!(
                        "{} cells, but the header has {} columns",
                        rec.fields.len(),
                        names.len()
                    ),
                )
            });
            continue;
        }
        let mut row_problem = |col: usize, message: String| {
            problems.push(ImportProblem {
                line: Some(rec.fields.get(col).map_or(rec.line, |f| f.line)),
                column: Some(col + 1),
                row: Some(data_row),
                field: Some(names[col].clone()),
                message,
            })
        };
        let get = |name: &str| -> (usize, &str) {
            match column_of.get(name) {
                Some(&i) => (i, rec.fields.get(i).map_or("", |f| unguard(&f.text))),
                None => (usize::MAX, ""),
            }
        };
        macro_rules! parse {
            ($col:literal, $f:expr) => {{
                let (i, s) = get($col);
                match $f(s) {
                    Ok(v) => v,
                    Err(m) => {
                        row_problem(i, m);
                        Default::default()
                    }
                }
            }};
        }
        let (name_col, name) = get("name");
        if name.trim().is_empty() {
            row_problem(name_col, "every touchpoint needs a name".into());
        }
        let (stage_col, stage) = get("stage");
        if stage.trim().is_empty() {
            row_problem(stage_col, "every touchpoint needs a stage".into());
            continue;
        }
        let stage = by_name.stage(&mut j, ids, stage);
        let mut t = Touchpoint::new(ids.id(), name, stage);
        let text = |col: &str| get(col).1.to_string();
        t.description = text("description");
        let lane = text("lane");
        if !lane.trim().is_empty() {
            t.lane = Some(by_name.lane(&mut j, ids, &lane));
        }
        let channel = text("channel");
        if !channel.trim().is_empty() {
            t.channel = Some(by_name.channel(&mut j, ids, &channel));
        }
        let owner = text("owner");
        if !owner.trim().is_empty() {
            t.owner = Some(by_name.department(&mut j, ids, &owner));
        }
        let by = text("delivered by");
        if !by.trim().is_empty() && name_key(&by) != name_key(BRAND) {
            t.delivered_by = DeliveredBy::Partner(by_name.partner(&mut j, ids, &by));
        }
        t.customer_action = text("customer action");
        t.expectation = text("expectation");
        t.performance = parse!("performance", rating);
        t.importance = parse!("importance", rating);
        t.emotion = parse!("emotion", emotion);
        t.moment_of_truth = parse!("moment of truth", yes_no);
        t.journey_end = parse!("journey end", yes_no);
        t.promise_note = text("promise");
        t.proof_point = text("proof point");
        t.differentiation_note = text("differentiation");
        t.parity = parse!("parity", yes_no);
        t.experience = parse!("experience", tightness);
        t.behaviour = parse!("behaviour", tightness);
        t.latitude_note = text("latitude");
        t.standard_note = text("standard");
        t.criteria = Criteria {
            consistent: parse!("consistent", rating),
            intentional: parse!("intentional", rating),
            differentiated: parse!("differentiated", rating),
            valuable: parse!("valuable", rating),
        };
        t.support = Support {
            culture: text("culture"),
            people: text("people"),
            process: text("process"),
            technology: text("technology"),
        };
        t.pain_points = parse!("pain points", list);
        t.opportunities = parse!("opportunities", list);
        t.kpis = parse!("kpis", list);
        t.evidence = parse!("evidence", evidence);
        let personas: Vec<String> = parse!("personas", list);
        for p in personas {
            let id = by_name.persona(&mut j, ids, &p);
            if !t.personas.contains(&id) {
                t.personas.push(id);
            }
        }
        let (key_col, key) = get("id");
        let key = key.trim();
        if !key.is_empty() && keys.insert(key.to_string(), j.touchpoints.len()).is_some() {
            row_problem(
                key_col,
                format!("the id \"{key}\" is already used by another row"),
            );
        }
        let (steps_col, steps_text) = get("transitions");
        let found: Vec<Step> = match steps(steps_text) {
            Ok(s) => s,
            Err(m) => {
                row_problem(steps_col, m);
                Vec::new()
            }
        };
        let line = rec.fields.get(steps_col).map_or(rec.line, |f| f.line);
        pending.push((j.touchpoints.len(), found, data_row, line));
        origins.touchpoints.push(Origin {
            row: Some(data_row),
            line: rec.line,
            column: name_col.saturating_add(1),
        });
        j.touchpoints.push(t);
    }

    // Resolve targets now that every row is known: by key first, then by unique name.
    let mut by_touchpoint_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, t) in j.touchpoints.iter().enumerate() {
        by_touchpoint_name
            .entry(name_key(&t.name))
            .or_default()
            .push(i);
    }
    let steps_col = column_of.get("transitions").copied();
    let mut seen = HashMap::new();
    for (from, found, row, line) in pending {
        for s in found {
            let to = match keys.get(s.target.trim()) {
                Some(&i) => Ok(i),
                None => match by_touchpoint_name.get(&name_key(&s.target)).map(Vec::as_slice) {
                    Some([i]) => Ok(*i),
                    Some(_) => Err(format!(
                        "\"{}\" names more than one touchpoint; use the id column to tell them apart",
                        s.target
                    )),
                    None => Err(format!("no row has the id or name \"{}\"", s.target)),
                },
            };
            let problem = |message: String| ImportProblem {
                line: Some(line),
                column: steps_col.map(|c| c + 1),
                row: Some(row),
                field: Some("transitions".into()),
                message,
            };
            match to {
                Ok(to) => {
                    let (a, b) = (j.touchpoints[from].id, j.touchpoints[to].id);
                    if seen.insert((a, b, s.kind), ()).is_some() {
                        problems.push(problem(format!(
                            "the same {} transition to \"{}\" is listed twice",
                            kind_name(s.kind),
                            s.target
                        )));
                        continue;
                    }
                    j.transitions.push(Transition {
                        id: ids.id(),
                        from: a,
                        to: b,
                        label: s.label,
                        kind: s.kind,
                        carries_context: s.carries_context,
                    });
                }
                Err(m) => problems.push(problem(m)),
            }
        }
    }
    // Reading order: a problem found while resolving transitions sorts in with its row.
    problems.sort_by_key(|p| (p.line, p.column));
    // A sheet lists lanes in whatever order its rows use them; a blueprint reads top to
    // bottom from what the customer does to the support processes.
    j.lanes.sort_by_key(|l| l.kind as u8);
    finish(j, problems, &origins)
}

/// Names the column a journey field was read from: `pain_points[2]` of a touchpoint is the
/// "pain points" column, the name of a stage is the "stage" column.
fn column_namer(
    column_of: HashMap<&'static str, usize>,
    headers: Vec<String>,
) -> super::FieldNamer {
    Box::new(move |list, rest| {
        let wanted: Vec<String> = match list {
            "touchpoints" => rest.split(['.', '[']).map(canonical).collect(),
            "transitions" => vec!["transitions".into()],
            "stages" => vec!["stage".into()],
            "lanes" => vec!["lane".into()],
            "channels" => vec!["channel".into()],
            "departments" => vec!["owner".into()],
            "partners" => vec!["delivered by".into()],
            "personas" => vec!["personas".into()],
            _ => Vec::new(),
        };
        wanted
            .iter()
            .find_map(|w| column_of.get(w.as_str()))
            .map(|&i| (Some(i + 1), headers[i].clone()))
            .unwrap_or_else(|| (None, format!("{list}.{rest}")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_follow_rfc_4180() {
        let r = records("a,\"b,\"\"c\"\"\r\nd\",e\r\n,\n").unwrap();
        assert_eq!(r.len(), 2);
        let texts: Vec<&str> = r[0].fields.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["a", "b,\"c\"\r\nd", "e"]);
        assert_eq!(r[1].line, 3);
        assert_eq!(r[1].fields.len(), 2);
    }

    #[test]
    fn broken_quotes_are_located() {
        let e = records("a,b\nc,\"d").err().unwrap();
        assert_eq!((e.line, e.column), (Some(2), Some(3)));
        let e = records("a,\"b\"x\n").err().unwrap();
        assert_eq!((e.line, e.column), (Some(1), Some(6)));
        let e = records("a,b\"c\n").err().unwrap();
        assert_eq!((e.line, e.column), (Some(1), Some(4)));
    }

    #[test]
    fn escaped_items_keep_their_edges_and_breaks() {
        assert_eq!(
            split_escaped("\\ a\\nb\\ \n c \\u{a0}", false).unwrap(),
            vec![" a\nb ", "c \u{a0}"]
        );
        assert_eq!(
            split_escaped("x \\| y | z", true).unwrap(),
            vec!["x | y", "z"]
        );
    }

    #[test]
    fn headers_match_loosely() {
        assert_eq!(canonical(" Delivered_By "), "delivered by");
        assert_eq!(canonical("Behavior"), "behaviour");
        assert_eq!(canonical("PAIN-POINTS"), "pain points");
    }
}
