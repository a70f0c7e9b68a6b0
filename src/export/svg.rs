//! SVG of the journey map as the canvas draws it: stages as columns, lanes as rows, the line
//! of visibility, transitions as curves and a card per touchpoint. Positions come from
//! [`crate::layout::layout`], the function the canvas uses, so the two never disagree.
//!
//! Self-contained: presentation attributes only (no stylesheet, no fonts, no links), so the
//! same text works as a file and inline in the HTML framework. All text is escaped, and text
//! is wrapped by character count because an export cannot measure fonts.

use super::escape::push_xml;
use crate::layout::{layout, Rect, CARD_W, LANE_LABEL_W};
use crate::model::*;
use std::fmt::Write;

const INK: &str = "#13202f";
const INK_SOFT: &str = "#4a5a6c";
const LINE: &str = "#c9d1db";
const GOLD: &str = "#b7791f";
const ACCENT: &str = "#1f3a5f";

pub fn to_svg(j: &Journey) -> String {
    let l = layout(j);
    // A return or recovery arrow may curve out past the last column or row: the picture
    // grows to hold it (a cubic curve stays inside its control points) and its arrowhead.
    let (reach_x, reach_y) = l.edges.iter().fold((0.0f64, 0.0f64), |(x, y), e| {
        let pts = [e.start, e.c1, e.c2, e.end];
        (
            pts.iter().fold(x, |a, p| a.max(p.0)),
            pts.iter().fold(y, |a, p| a.max(p.1)),
        )
    });
    let w = l.width.max(LANE_LABEL_W + 1.0).max((reach_x + 8.0).ceil());
    let h = l.height.max((reach_y + 8.0).ceil());
    let mut o = String::with_capacity(4096 + j.touchpoints.len() * 900);
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" \
         height=\"{h:.0}\" role=\"img\" aria-labelledby=\"tl-map-title\" \
         font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\" \
         fill=\"{INK}\">"
    );
    o.push_str("<title id=\"tl-map-title\">Journey map: ");
    push_xml(&mut o, &j.title);
    o.push_str("</title>\n");
    o.push_str(
        "<defs><marker id=\"tl-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#6b7b8f\"/></marker></defs>\n",
    );
    let _ = writeln!(
        o,
        "<rect width=\"{w:.0}\" height=\"{h:.0}\" fill=\"#f6f7f9\"/>"
    );

    for (i, r) in l.rows.iter().enumerate() {
        let fill = if i % 2 == 1 { "#eef1f5" } else { "#f6f7f9" };
        let _ = writeln!(
            o,
            "<rect x=\"0\" y=\"{:.1}\" width=\"{w:.0}\" height=\"{:.1}\" fill=\"{fill}\" \
             stroke=\"{LINE}\" stroke-width=\"1\"/>",
            r.rect.y, r.rect.h
        );
        text_lines(
            &mut o,
            &wrap(&r.label, 16, 3),
            12.0,
            r.rect.y + 22.0,
            12.0,
            15.0,
            &format!("font-weight=\"600\" fill=\"{INK_SOFT}\""),
        );
    }
    for c in &l.columns {
        let _ = writeln!(
            o,
            "<line x1=\"{x:.1}\" y1=\"0\" x2=\"{x:.1}\" y2=\"{h:.0}\" stroke=\"{LINE}\" \
             stroke-dasharray=\"4 4\"/>",
            x = c.rect.x
        );
        if let Some(s) = j.stage(c.stage) {
            let chars = ((c.rect.w - 24.0) / 9.0) as usize;
            text_lines(
                &mut o,
                &wrap(&s.name, chars, 1),
                c.rect.x + 12.0,
                24.0,
                17.0,
                20.0,
                "font-weight=\"700\"",
            );
            text_lines(
                &mut o,
                &wrap(&s.goal, ((c.rect.w - 24.0) / 6.2) as usize, 2),
                c.rect.x + 12.0,
                42.0,
                11.0,
                13.0,
                &format!("fill=\"{INK_SOFT}\""),
            );
        }
    }
    if let Some(y) = l.visibility_line {
        let _ = writeln!(
            o,
            "<line x1=\"0\" y1=\"{y:.1}\" x2=\"{w:.0}\" y2=\"{y:.1}\" stroke=\"{INK_SOFT}\" \
             stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" \
             font-size=\"10\" text-anchor=\"end\" letter-spacing=\"1\" fill=\"{INK_SOFT}\">\
             LINE OF VISIBILITY</text>",
            w - 12.0,
            y - 5.0
        );
    }

    emotion_curve(&mut o, &l);

    // By id, not Journey::transition/touchpoint: a linear search per edge and per card is
    // quadratic, and at 10,000 touchpoints that dominated the export.
    let transitions: std::collections::HashMap<TransitionId, &Transition> =
        j.transitions.iter().map(|t| (t.id, t)).collect();
    let touchpoints: std::collections::HashMap<TouchpointId, &Touchpoint> =
        j.touchpoints.iter().map(|t| (t.id, t)).collect();
    for e in &l.edges {
        let Some(tr) = transitions.get(&e.transition) else {
            continue;
        };
        let style = match tr.kind {
            TransitionKind::Next => "stroke=\"#6b7b8f\"".to_string(),
            TransitionKind::Alternative => "stroke=\"#6b7b8f\" stroke-dasharray=\"7 5\"".into(),
            TransitionKind::Recovery => "stroke=\"#b42318\" stroke-dasharray=\"2 4\"".into(),
            TransitionKind::Return => format!("stroke=\"{ACCENT}\" stroke-dasharray=\"10 4 2 4\""),
        };
        let width = if tr.carries_context { 2.0 } else { 3.0 };
        let _ = writeln!(
            o,
            "<path d=\"{}\" fill=\"none\" {style} stroke-width=\"{width}\" \
             marker-end=\"url(#tl-arrow)\"/>",
            e.path_data()
        );
    }

    for c in &l.cards {
        if let Some(t) = touchpoints.get(&c.touchpoint) {
            card(&mut o, j, t, &c.rect);
        }
    }
    o.push_str("</svg>\n");
    o
}

fn card(o: &mut String, j: &Journey, t: &Touchpoint, r: &Rect) {
    let (stroke, sw) = if t.moment_of_truth {
        (GOLD, 2.5)
    } else {
        (LINE, 1.0)
    };
    let fill = if matches!(t.delivered_by, DeliveredBy::Partner(_)) {
        "#f4f6fa"
    } else {
        "#ffffff"
    };
    let _ = writeln!(
        o,
        "<g><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"8\" \
         fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{sw}\"/>",
        r.x, r.y, r.w, r.h
    );
    if let Some(q) = t.quadrant() {
        let _ = writeln!(
            o,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"5\" height=\"{:.1}\" rx=\"2\" fill=\"{}\"/>",
            r.x,
            r.y + 1.0,
            r.h - 2.0,
            quadrant_colour(q)
        );
    }
    let x = r.x + 12.0;
    let mut name = String::new();
    if t.moment_of_truth {
        name.push_str("★ ");
    }
    name.push_str(&t.name);
    let name_lines = wrap(&name, ((CARD_W - 22.0) / 7.0) as usize, 2);
    text_lines(
        o,
        &name_lines,
        x,
        r.y + 20.0,
        13.0,
        16.0,
        "font-weight=\"650\"",
    );
    let mut y = r.y + 20.0 + name_lines.len() as f64 * 16.0;
    let meta: Vec<&str> = [
        t.channel
            .and_then(|c| j.channel(c))
            .map(|c| c.name.as_str()),
        t.owner
            .and_then(|d| j.department(d))
            .map(|d| d.name.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !meta.is_empty() {
        let lines = wrap(&meta.join(" · "), 34, 1);
        text_lines(o, &lines, x, y, 11.0, 13.0, &format!("fill=\"{INK_SOFT}\""));
        y += 13.0;
    }
    if let DeliveredBy::Partner(_) = t.delivered_by {
        let lines = wrap(&format!("⇄ by {}", j.delivered_by_name(t)), 32, 1);
        text_lines(
            o,
            &lines,
            x,
            y,
            11.0,
            13.0,
            &format!("fill=\"{ACCENT}\" font-weight=\"650\""),
        );
    }

    // Markers along the bottom, as on the canvas: promise, differentiation, quadrant, emotion.
    let mut mx = x;
    let my = r.bottom() - 12.0;
    let has_promise = !t.promise_note.trim().is_empty();
    marker(o, &mut mx, my, "P", has_promise, None);
    let (d_label, d_on) = if !t.differentiation_note.trim().is_empty() {
        ("D", true)
    } else if t.parity {
        ("=", true)
    } else {
        ("D", false)
    };
    marker(o, &mut mx, my, d_label, d_on, None);
    if let Some(q) = t.quadrant() {
        marker(o, &mut mx, my, q.label(), true, Some(quadrant_fill(q)));
    }
    if let Some(e) = t.emotion {
        let fill = match e.get() {
            i8::MIN..=-1 => "#fbe0dd",
            0 => "#eef1f4",
            _ => "#d9f2e3",
        };
        marker(o, &mut mx, my, &e.to_string(), true, Some(fill));
    }
    o.push_str("</g>\n");
}

/// A small pill with a label; `on` pills without their own colour use the accent.
fn marker(o: &mut String, x: &mut f64, y: f64, label: &str, on: bool, fill: Option<&str>) {
    let w = 10.0 + label.chars().count() as f64 * 6.2;
    let (bg, fg, dash) = match (on, fill) {
        (true, Some(f)) => (f, INK, ""),
        (true, None) => (ACCENT, "#ffffff", ""),
        (false, _) => ("#ffffff", "#8a97a6", " stroke-dasharray=\"2 2\""),
    };
    let _ = writeln!(
        o,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"15\" rx=\"7\" fill=\"{bg}\" \
         stroke=\"{LINE}\"{dash}/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" \
         text-anchor=\"middle\" fill=\"{fg}\">{label}</text>",
        *x,
        y - 11.0,
        *x + w / 2.0,
        y
    );
    *x += w + 4.0;
}

fn quadrant_colour(q: Quadrant) -> &'static str {
    match q {
        Quadrant::BrandedFreedom => "#1e7a46",
        Quadrant::Scripted => "#4b61a8",
        Quadrant::Improvised => "#a15c00",
        Quadrant::Reversed => "#b42318",
    }
}

fn quadrant_fill(q: Quadrant) -> &'static str {
    match q {
        Quadrant::BrandedFreedom => "#d9f2e3",
        Quadrant::Scripted => "#e3e8f7",
        Quadrant::Improvised => "#fdf0d5",
        Quadrant::Reversed => "#fbe0dd",
    }
}

/// Writes `lines` as one `<text>` with a `<tspan>` per line.
fn text_lines(
    o: &mut String,
    lines: &[String],
    x: f64,
    y: f64,
    size: f64,
    leading: f64,
    attrs: &str,
) {
    if lines.is_empty() {
        return;
    }
    let _ = write!(
        o,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" {attrs}>"
    );
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { leading };
        let _ = write!(o, "<tspan x=\"{x:.1}\" dy=\"{dy}\">");
        push_xml(o, line);
        o.push_str("</tspan>");
    }
    o.push_str("</text>\n");
}

/// Words into at most `max_lines` lines of about `width` characters; what does not fit ends
/// in an ellipsis. Line breaks in the text count as spaces: a card has no room for them.
pub(crate) fn wrap(s: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(4);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cur_len = 0usize;
    let mut truncated = false;
    for word in s.split_whitespace() {
        let mut word: String = word.to_string();
        let mut wlen = word.chars().count();
        if wlen > width {
            word = word.chars().take(width - 1).collect::<String>() + "…";
            wlen = width;
        }
        let needed = if cur_len == 0 {
            wlen
        } else {
            cur_len + 1 + wlen
        };
        if needed <= width {
            if cur_len > 0 {
                cur.push(' ');
            }
            cur.push_str(&word);
            cur_len = needed;
        } else {
            lines.push(std::mem::take(&mut cur));
            if lines.len() == max_lines {
                truncated = true;
                break;
            }
            cur.push_str(&word);
            cur_len = wlen;
        }
    }
    if !truncated && cur_len > 0 {
        lines.push(cur);
    }
    if truncated {
        if let Some(last) = lines.last_mut() {
            let keep = width.saturating_sub(1).min(last.chars().count());
            *last = last.chars().take(keep).collect::<String>() + "…";
        }
    }
    lines
}

/// The emotion curve in its band under the stage names, as the canvas draws it: a dot per
/// stage at its average emotion, with the value and the stage's pain points in words.
fn emotion_curve(o: &mut String, l: &crate::layout::Layout) {
    let b = l.emotion_band;
    let _ = writeln!(
        o,
        "<text x=\"12\" y=\"{:.1}\" font-size=\"11\" font-weight=\"700\" letter-spacing=\"1\" \
         fill=\"{INK_SOFT}\">EMOTION</text>\n<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" \
         y2=\"{y:.1}\" stroke=\"{LINE}\" stroke-dasharray=\"4 4\"/>",
        b.y + 18.0,
        b.x,
        b.right(),
        y = b.center_y()
    );
    for w in l.emotion.windows(2) {
        if let (Some(a), Some(c)) = (w[0].y, w[1].y) {
            let _ = writeln!(
                o,
                "<line x1=\"{:.1}\" y1=\"{a:.1}\" x2=\"{:.1}\" y2=\"{c:.1}\" stroke=\"{ACCENT}\" \
                 stroke-width=\"2.5\"/>",
                w[0].x, w[1].x
            );
        }
    }
    for p in &l.emotion {
        if let (Some(y), Some(avg)) = (p.y, p.average) {
            let _ = writeln!(
                o,
                "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"#fff\" stroke=\"{ACCENT}\" \
                 stroke-width=\"2.5\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" \
                 font-weight=\"700\">{avg:+.1}</text>",
                p.x,
                p.x + 10.0,
                y + 4.0
            );
        }
        if p.pain_points > 0 {
            let _ = writeln!(
                o,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"600\" \
                 fill=\"#b42318\">{} pain point{}</text>",
                p.x - 60.0,
                b.bottom() - 8.0,
                p.pain_points,
                if p.pain_points == 1 { "" } else { "s" }
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_words_and_marks_what_is_cut() {
        assert_eq!(wrap("one two three", 7, 3), vec!["one two", "three"]);
        assert_eq!(wrap("one two three four", 7, 1), vec!["one tw…"]);
        assert_eq!(wrap("abcdefghij", 5, 1), vec!["abcd…"]);
        assert!(wrap("  ", 5, 2).is_empty());
    }

    #[test]
    fn every_touchpoint_is_drawn_inside_the_picture() {
        let j = crate::sample::broadband();
        let svg = to_svg(&j);
        assert_eq!(svg.matches("<g><rect").count(), j.touchpoints.len());
        assert_eq!(svg.matches("marker-end").count(), j.transitions.len());
        assert!(svg.contains("LINE OF VISIBILITY"));
    }

    #[test]
    fn every_arrow_is_inside_the_picture() {
        let j = crate::sample::broadband();
        let l = layout(&j);
        let svg = to_svg(&j);
        let view = svg.split("viewBox=\"0 0 ").nth(1).unwrap();
        let mut wh = view.split(['"', ' ']).map(|n| n.parse::<f64>().unwrap());
        let (w, h) = (wh.next().unwrap(), wh.next().unwrap());
        for e in &l.edges {
            for p in [e.start, e.c1, e.c2, e.end] {
                assert!(
                    p.0 >= 0.0 && p.0 + 8.0 <= w && p.1 >= 0.0 && p.1 + 8.0 <= h,
                    "{p:?}"
                );
            }
        }
    }
}
