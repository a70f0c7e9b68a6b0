//! Graphviz DOT: touchpoints as nodes, transitions as edges, one `subgraph cluster_N` per
//! stage (Graphviz draws a box around a subgraph only when its name starts with `cluster`).
//!
//! Every id and label is a double-quoted string. Inside one, DOT gives meaning to `\"` and,
//! in labels, to escapes such as `\n`, `\l` and `\N` (the node's name); so backslashes are
//! doubled, quotes escaped and line breaks written as `\n`. A quoted string cannot end early
//! or start an HTML-like label (those need `<` outside quotes), so nothing a user types
//! becomes a statement.

use crate::model::*;
use std::fmt::Write;

pub fn to_dot(j: &Journey) -> String {
    let mut out = String::with_capacity(256 + j.touchpoints.len() * 120);
    out.push_str("digraph journey {\n");
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", label=");
    quoted(&mut out, &j.title);
    out.push_str(", labelloc=t];\n");
    out.push_str("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");

    let mut by_stage: std::collections::HashMap<StageId, Vec<&Touchpoint>> =
        std::collections::HashMap::new();
    for t in &j.touchpoints {
        by_stage.entry(t.stage).or_default().push(t);
    }
    for (i, s) in j.stages.iter().enumerate() {
        let _ = writeln!(out, "  subgraph cluster_{i} {{");
        out.push_str("    label=");
        quoted(&mut out, &s.name);
        out.push_str(";\n    style=\"rounded\";\n    color=\"#c9d1db\";\n");
        for t in by_stage.get(&s.id).map(Vec::as_slice).unwrap_or(&[]) {
            let _ = write!(out, "    \"tp_{}\" [label=", t.id);
            quoted(&mut out, &t.name);
            if t.moment_of_truth {
                out.push_str(", penwidth=2.5, color=\"#b7791f\"");
            }
            if let Some(e) = t.emotion {
                let fill = match e.get() {
                    i8::MIN..=-1 => "#fbe0dd",
                    0 => "#eef1f4",
                    _ => "#d9f2e3",
                };
                let _ = write!(out, ", fillcolor=\"{fill}\"");
            }
            out.push_str("];\n");
        }
        out.push_str("  }\n");
    }
    for tr in &j.transitions {
        let _ = write!(out, "  \"tp_{}\" -> \"tp_{}\"", tr.from, tr.to);
        let mut attrs: Vec<String> = Vec::new();
        if !tr.label.is_empty() {
            let mut l = String::from("label=");
            quoted(&mut l, &tr.label);
            attrs.push(l);
        }
        match tr.kind {
            TransitionKind::Next => {}
            TransitionKind::Alternative => attrs.push("style=dashed".into()),
            TransitionKind::Recovery => attrs.push("style=dotted, color=\"#b42318\"".into()),
            TransitionKind::Return => attrs.push("color=\"#1f3a5f\", constraint=false".into()),
        }
        if !tr.carries_context {
            attrs.push("penwidth=2".into());
        }
        if !attrs.is_empty() {
            let _ = write!(out, " [{}]", attrs.join(", "));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}

/// `s` as a DOT double-quoted string whose label text reads exactly as typed.
fn quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_backslashes_and_line_breaks_cannot_escape_the_string() {
        let mut out = String::new();
        quoted(&mut out, "a\"];\nb\\N\\");
        assert_eq!(out, "\"a\\\"];\\nb\\\\N\\\\\"");
    }
}
