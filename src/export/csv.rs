//! CSV: one row per touchpoint, for spreadsheets and workshops. RFC 4180 (comma separated,
//! CRLF line ends, fields quoted when they hold a comma, quote or line break), UTF-8,
//! optionally with a byte-order mark because Excel reads UTF-8 without one as ANSI.
//!
//! The columns, in order, are [`COLUMNS`]; docs/cli.md documents each. Cells that hold a
//! list (pain points, opportunities, KPIs, personas, transitions) carry one item per line
//! inside the cell; within an item `\` escapes a line break (`\n`), a carriage return (`\r`),
//! a tab (`\t`), a space at either end (`\ `), a `|` and the backslash itself, so that any
//! text survives the trip through [`crate::import::csv`].
//!
//! The transitions column lists the steps out of the row's touchpoint, one per line, as
//! `TARGET | KIND | CONTEXT | LABEL`: TARGET is the `id` cell of the row it leads to (or,
//! in a hand-written sheet, that row's name); KIND is `next`, `alternative`, `recovery` or
//! `return`; CONTEXT is `context` when what the customer already said travels with them and
//! `no context` when it is dropped; LABEL is optional.
//!
//! Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a
//! formula, and some do so after leading white space (a tab, a carriage return, or spaces
//! when the import trims them), or for the full-width `＝`, `＋`, `－`, `＠`. Every text cell
//! whose first character that is not white space is one of those, or that starts with a
//! tab, a carriage return or an apostrophe, gets an apostrophe in front. Spreadsheets show
//! the rest as plain text, and the importer removes exactly one leading apostrophe, so text
//! that really began with one survives too. Numbers the export writes itself (ratings,
//! emotion -2..+2) are not text and stay as they are.
//!
//! A NUL character is left out: spreadsheets (and [`crate::import::csv`]) take a zero byte
//! for the end of the text or for binary data, so one pasted into a note would make the
//! whole file unreadable.

use crate::model::*;

/// Export settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CsvOptions {
    /// Start the file with a UTF-8 byte-order mark, for Excel.
    pub bom: bool,
}

/// The header row. The importer matches these names case-insensitively.
pub const COLUMNS: [&str; 37] = [
    "id",
    "stage",
    "name",
    "description",
    "lane",
    "channel",
    "owner",
    "delivered by",
    "customer action",
    "expectation",
    "performance",
    "importance",
    "emotion",
    "moment of truth",
    "journey end",
    "promise",
    "proof point",
    "differentiation",
    "parity",
    "experience",
    "behaviour",
    "latitude",
    "standard",
    "consistent",
    "intentional",
    "differentiated",
    "valuable",
    "culture",
    "people",
    "process",
    "technology",
    "pain points",
    "opportunities",
    "kpis",
    "evidence",
    "personas",
    "transitions",
];

/// What the `delivered by` cell says for the brand's own people.
pub const BRAND: &str = "Brand";

pub fn to_csv(j: &Journey, options: &CsvOptions) -> String {
    let mut out = String::with_capacity(256 + j.touchpoints.len() * 600);
    if options.bom {
        out.push('\u{feff}');
    }
    for (i, c) in COLUMNS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(c);
    }
    out.push_str("\r\n");

    // Rows go stage by stage, so an import creates the stages in the journey's order; within
    // a stage the journey order is kept (the sort is stable).
    let stage_index: std::collections::HashMap<StageId, usize> = j
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let mut rows: Vec<&Touchpoint> = j.touchpoints.iter().collect();
    rows.sort_by_key(|t| stage_index.get(&t.stage).copied().unwrap_or(usize::MAX));

    let mut outgoing: std::collections::HashMap<TouchpointId, Vec<&Transition>> =
        std::collections::HashMap::new();
    for tr in &j.transitions {
        outgoing.entry(tr.from).or_default().push(tr);
    }

    let mut row = Row::new(&mut out);
    for t in rows {
        let name_of = |n: Option<&str>| n.unwrap_or("").to_string();
        row.raw(&t.id.to_string());
        row.text(&name_of(j.stage(t.stage).map(|s| s.name.as_str())));
        row.text(&t.name);
        row.text(&t.description);
        row.text(&name_of(
            t.lane.and_then(|l| j.lane(l)).map(|l| l.name.as_str()),
        ));
        row.text(&name_of(
            t.channel
                .and_then(|c| j.channel(c))
                .map(|c| c.name.as_str()),
        ));
        row.text(&name_of(
            t.owner
                .and_then(|d| j.department(d))
                .map(|d| d.name.as_str()),
        ));
        row.text(&j.delivered_by_name(t));
        row.text(&t.customer_action);
        row.text(&t.expectation);
        row.raw(&rating(t.performance));
        row.raw(&rating(t.importance));
        row.raw(&t.emotion.map(|e| e.get().to_string()).unwrap_or_default());
        row.raw(yes(t.moment_of_truth));
        row.raw(yes(t.journey_end));
        row.text(&t.promise_note);
        row.text(&t.proof_point);
        row.text(&t.differentiation_note);
        row.raw(yes(t.parity));
        row.raw(tightness(t.experience));
        row.raw(tightness(t.behaviour));
        row.text(&t.latitude_note);
        row.text(&t.standard_note);
        row.raw(&rating(t.criteria.consistent));
        row.raw(&rating(t.criteria.intentional));
        row.raw(&rating(t.criteria.differentiated));
        row.raw(&rating(t.criteria.valuable));
        row.text(&t.support.culture);
        row.text(&t.support.people);
        row.text(&t.support.process);
        row.text(&t.support.technology);
        row.text(&list(t.pain_points.iter().map(String::as_str)));
        row.text(&list(t.opportunities.iter().map(String::as_str)));
        row.text(&list(t.kpis.iter().map(String::as_str)));
        row.raw(evidence(t.evidence));
        row.text(&list(
            t.personas
                .iter()
                .filter_map(|p| j.persona(*p))
                .map(|p| p.name.as_str()),
        ));
        let transitions = outgoing.get(&t.id).map(Vec::as_slice).unwrap_or(&[]);
        row.text(&transitions_cell(transitions));
        row.end();
    }
    out
}

/// Writes one record, field by field.
struct Row<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Row<'a> {
    fn new(out: &'a mut String) -> Self {
        Row { out, first: true }
    }

    fn sep(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    /// A value the export generated itself (a number, yes, tight...): never a formula.
    fn raw(&mut self, s: &str) {
        self.sep();
        quote_into(self.out, s);
    }

    /// Text a user typed: neutralised against formulas, then quoted as needed.
    fn text(&mut self, s: &str) {
        self.sep();
        if needs_apostrophe(s) {
            let mut guarded = String::with_capacity(s.len() + 1);
            guarded.push('\'');
            guarded.push_str(s);
            quote_into(self.out, &guarded);
        } else {
            quote_into(self.out, s);
        }
    }

    fn end(&mut self) {
        self.out.push_str("\r\n");
        self.first = true;
    }
}

/// Whether a text cell needs the apostrophe guard (see the module documentation).
pub(crate) fn needs_apostrophe(s: &str) -> bool {
    matches!(s.chars().next(), Some('\t' | '\r' | '\''))
        || matches!(
            s.trim_start().chars().next(),
            Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠')
        )
}

fn quote_into(out: &mut String, s: &str) {
    let quoted = s.contains([',', '"', '\r', '\n']);
    if quoted {
        out.push('"');
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\"\""),
            '\0' => {}
            c => out.push(c),
        }
    }
    if quoted {
        out.push('"');
    }
}

fn rating(r: Option<Rating>) -> String {
    r.map(|r| r.get().to_string()).unwrap_or_default()
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        ""
    }
}

pub(crate) fn tightness_name(t: Tightness) -> &'static str {
    match t {
        Tightness::Tight => "tight",
        Tightness::Loose => "loose",
    }
}

fn tightness(t: Option<Tightness>) -> &'static str {
    t.map(tightness_name).unwrap_or("")
}

pub(crate) fn evidence_name(e: Evidence) -> &'static str {
    match e {
        Evidence::Assumption => "assumption",
        Evidence::Anecdote => "anecdote",
        Evidence::Research => "research",
        Evidence::Data => "data",
    }
}

fn evidence(e: Option<Evidence>) -> &'static str {
    e.map(evidence_name).unwrap_or("")
}

pub(crate) fn kind_name(k: TransitionKind) -> &'static str {
    match k {
        TransitionKind::Next => "next",
        TransitionKind::Alternative => "alternative",
        TransitionKind::Recovery => "recovery",
        TransitionKind::Return => "return",
    }
}

/// One item of a list cell, escaped so it stays on one line and keeps its edges.
fn push_item(out: &mut String, item: &str) {
    let last = item.chars().count().saturating_sub(1);
    for (i, c) in item.chars().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '|' => out.push_str("\\|"),
            c if c.is_whitespace() && (i == 0 || i == last) => {
                // Only the plain space has an escape; other blanks at an edge are rare
                // enough to write as a code point.
                if c == ' ' {
                    out.push_str("\\ ");
                } else {
                    out.push_str(&format!("\\u{{{:x}}}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push('\n');
        }
        push_item(&mut out, item);
    }
    out
}

fn transitions_cell(transitions: &[&Transition]) -> String {
    let mut out = String::new();
    for (i, tr) in transitions.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&tr.to.to_string());
        out.push_str(" | ");
        out.push_str(kind_name(tr.kind));
        out.push_str(if tr.carries_context {
            " | context"
        } else {
            " | no context"
        });
        if !tr.label.is_empty() {
            out.push_str(" | ");
            push_item(&mut out, &tr.label);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_guarded_and_plain_text_is_not() {
        for s in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted"] {
            assert!(needs_apostrophe(s), "{s:?}");
        }
        // After white space a spreadsheet that trims the cell still sees the formula.
        for s in [
            " =1",
            "\n=1",
            "\u{a0}+1",
            "\u{3000}@x",
            "＝1+1",
            "＋1",
            "－1",
            "＠A1",
        ] {
            assert!(needs_apostrophe(s), "{s:?}");
        }
        for s in ["", "plain", "1", "a=b", "\nplain", " 1-2"] {
            assert!(!needs_apostrophe(s), "{s:?}");
        }
    }

    #[test]
    fn a_nul_character_cannot_end_the_text() {
        let mut out = String::new();
        quote_into(&mut out, "a\0b");
        assert_eq!(out, "ab");
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        let mut out = String::new();
        quote_into(&mut out, "a,\"b\"\nc");
        assert_eq!(out, "\"a,\"\"b\"\"\nc\"");
        let mut out = String::new();
        quote_into(&mut out, "plain");
        assert_eq!(out, "plain");
    }

    #[test]
    fn list_items_escape_line_breaks_bars_and_edge_spaces() {
        assert_eq!(
            list(["a\nb", "c|d\\", " e "].into_iter()),
            "a\\nb\nc\\|d\\\\\n\\ e\\ "
        );
    }

    #[test]
    fn bom_only_when_asked() {
        let j = crate::sample::broadband();
        assert!(to_csv(&j, &CsvOptions { bom: true }).starts_with("\u{feff}id,"));
        assert!(to_csv(&j, &CsvOptions::default()).starts_with("id,stage,name,"));
    }
}
