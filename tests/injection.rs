//! Script safety of every export, natively: each payload of `tests/injection/payloads.json`
//! (shared with `tests/e2e/injection.test.mjs`) goes into every text field of a journey, and
//! each export is read back by a real parser of its format:
//!
//! - HTML framework: html5ever (the WHATWG parsing algorithm browsers use) and SVG: roxmltree
//!   (strict XML). The element tree, attributes and comments must be exactly those of the same
//!   journey with harmless text of the same shape (every character `x`, white space kept, so
//!   text wraps the same): user text changed only text nodes. Then, explicitly: no script, no
//!   `on*` attribute, no `javascript:`/`data:`/`vbscript:` link, our one stylesheet unchanged,
//!   and the title reads as typed.
//! - Markdown framework: pulldown-cmark (CommonMark with GFM tables). The event structure must
//!   equal the harmless journey's: no link, image, raw HTML (but our `<br>`), heading, list or
//!   code span came from user text; the Mermaid block is not broken out of; the title reads
//!   as typed.
//! - CSV: the csv crate. One record per touchpoint with every column in place; no text cell
//!   starts like a formula unless guarded; the importer gives back every text field.
//! - DOT: Graphviz itself (`dot -Tjson`): exactly the journey's clusters, nodes and edges, and
//!   each label string ends where the exporter meant it to.
//! - Mermaid: one statement per line in the expected order and count, and the importer gives
//!   back every name (structure names trimmed, as documented in `src/import`). Mermaid's own
//!   parser runs on these payloads in the browser test.
//! - JSON: serde_json's tree equals the harmless journey's but for string values; the loader
//!   gives back the identical journey.

use serde::Deserialize;
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};
use throughline::export::{self, Format};
use throughline::format;
use throughline::import;
use throughline::model::*;

#[derive(Deserialize)]
struct Payload {
    kind: String,
    text: String,
}

fn payloads() -> Vec<Payload> {
    serde_json::from_str(include_str!("injection/payloads.json")).expect("payloads.json parses")
}

/// Every text field of a touchpoint set to `p`.
fn fill_touchpoint(t: &mut Touchpoint, p: &str) {
    for s in [
        &mut t.description,
        &mut t.customer_action,
        &mut t.expectation,
        &mut t.promise_note,
        &mut t.proof_point,
        &mut t.differentiation_note,
        &mut t.latitude_note,
        &mut t.standard_note,
        &mut t.support.culture,
        &mut t.support.people,
        &mut t.support.process,
        &mut t.support.technology,
    ] {
        *s = p.to_string();
    }
    t.pain_points = vec![p.to_string(), "plain pain".into()];
    t.opportunities = vec![p.to_string()];
    t.kpis = vec!["plain kpi".into(), p.to_string()];
}

/// The text fields of a journey this test fills: the 32 places a user can type.
const FIELDS: [&str; 32] = [
    "title",
    "description",
    "scope",
    "promise.statement",
    "promise.proof_points[]",
    "promise.customer_values[]",
    "persona.name",
    "persona.expectations",
    "persona.notes",
    "stage.name",
    "stage.goal",
    "channel.name",
    "lane.name",
    "partner.name",
    "department.name",
    "touchpoint.name",
    "touchpoint.description",
    "touchpoint.customer_action",
    "touchpoint.expectation",
    "touchpoint.promise_note",
    "touchpoint.proof_point",
    "touchpoint.differentiation_note",
    "touchpoint.latitude_note",
    "touchpoint.standard_note",
    "touchpoint.support.culture",
    "touchpoint.support.people",
    "touchpoint.support.process",
    "touchpoint.support.technology",
    "touchpoint.pain_points[]",
    "touchpoint.opportunities[]",
    "touchpoint.kpis[]",
    "transition.label",
];

/// A journey with `p` in every text field (see [`FIELDS`]): two stages, three touchpoints
/// (a partner-delivered moment of truth in the reversed quadrant, a parity touchpoint with
/// loose behaviour, and a plain one), two transitions. Every framework section shows `p`.
fn journey(p: &str) -> Journey {
    let mut ids = IdGen::new(0x1_4ec7);
    let persona = Persona {
        id: ids.id(),
        name: p.into(),
        expectations: p.into(),
        notes: p.into(),
    };
    let s1 = Stage {
        id: ids.id(),
        name: p.into(),
        goal: p.into(),
    };
    let s2 = Stage {
        id: ids.id(),
        name: "Stage two".into(),
        goal: p.into(),
    };
    let channel = Channel {
        id: ids.id(),
        name: p.into(),
        kind: ChannelKind::Web,
    };
    let lane = Lane {
        id: ids.id(),
        name: p.into(),
        kind: LaneKind::FrontStage,
    };
    let partner = Partner {
        id: ids.id(),
        name: p.into(),
        role: PartnerRole::Installer,
    };
    let department = Department {
        id: ids.id(),
        name: p.into(),
        kind: DepartmentKind::Service,
    };
    let r = |v| Some(Rating::new(v).unwrap());

    let mut t1 = Touchpoint::new(ids.id(), p, s1.id);
    fill_touchpoint(&mut t1, p);
    t1.channel = Some(channel.id);
    t1.lane = Some(lane.id);
    t1.owner = Some(department.id);
    t1.delivered_by = DeliveredBy::Partner(partner.id);
    t1.personas = vec![persona.id];
    t1.moment_of_truth = true;
    t1.emotion = Some(Emotion::new(-1).unwrap());
    t1.experience = Some(Tightness::Loose);
    t1.behaviour = Some(Tightness::Tight);
    t1.performance = r(2);
    t1.importance = r(5);
    t1.criteria = Criteria {
        consistent: r(1),
        intentional: r(2),
        differentiated: r(3),
        valuable: r(4),
    };
    t1.evidence = Some(Evidence::Research);

    let mut t2 = Touchpoint::new(ids.id(), p, s2.id);
    fill_touchpoint(&mut t2, p);
    t2.channel = Some(channel.id);
    t2.parity = true;
    t2.experience = Some(Tightness::Tight);
    t2.behaviour = Some(Tightness::Loose);
    t2.emotion = Some(Emotion::new(2).unwrap());

    let mut t3 = Touchpoint::new(ids.id(), "Plain step", s2.id);
    t3.journey_end = true;

    let transitions = vec![
        Transition {
            id: ids.id(),
            from: t1.id,
            to: t2.id,
            label: p.into(),
            kind: TransitionKind::Recovery,
            carries_context: false,
        },
        Transition {
            id: ids.id(),
            from: t2.id,
            to: t3.id,
            label: p.into(),
            kind: TransitionKind::Next,
            carries_context: true,
        },
    ];
    Journey {
        title: p.into(),
        description: p.into(),
        scope: p.into(),
        state: JourneyState::ToBe,
        promise: BrandPromise {
            statement: p.into(),
            proof_points: vec![p.into(), "plain proof".into()],
            customer_values: vec![p.into()],
        },
        personas: vec![persona],
        stages: vec![s1, s2],
        channels: vec![channel],
        lanes: vec![lane],
        partners: vec![partner],
        departments: vec![department],
        touchpoints: vec![t1, t2, t3],
        transitions,
    }
}

/// Harmless text of the same shape: every character `x` but white space, which stays, so
/// word lengths, wrapping and trimming match the payload's.
fn shadow(p: &str) -> String {
    p.chars()
        .map(|c| if c.is_whitespace() { c } else { 'x' })
        .collect()
}

/// What an XML or HTML parser reads back from text the exporter wrote: characters XML cannot
/// carry are U+FFFD, and line ends are normalised to LF.
fn xml_read_back(p: &str) -> String {
    let replaced: String = p
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect();
    replaced.replace("\r\n", "\n").replace('\r', "\n")
}

/// A URL attribute value as a browser reads its scheme: ASCII white space and control
/// characters anywhere are dropped (`java\tscript:` is `javascript:`), case folded.
fn dangerous_url(v: &str) -> bool {
    let squashed: String = v
        .chars()
        .filter(|c| !(c.is_ascii_whitespace() || c.is_ascii_control()))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|s| squashed.starts_with(s))
}

const URL_ATTRS: [&str; 9] = [
    "href",
    "src",
    "xlink:href",
    "action",
    "formaction",
    "data",
    "srcdoc",
    "background",
    "poster",
];

// ---------------------------------------------------------------------------------------
// HTML (html5ever)

mod html {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData, RcDom};

    pub struct Doc {
        /// Elements, attributes, comments and doctype in document order, text as `#text`.
        pub shape: Vec<String>,
        /// Every element as (local name, [(attribute name, value)]).
        pub elements: Vec<(String, Vec<(String, String)>)>,
        /// The text of `<style>` elements, in order.
        pub styles: Vec<String>,
        pub title: String,
        pub h1: String,
        pub text: String,
    }

    pub fn parse(s: &str) -> Doc {
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(s);
        let mut d = Doc {
            shape: Vec::new(),
            elements: Vec::new(),
            styles: Vec::new(),
            title: String::new(),
            h1: String::new(),
            text: String::new(),
        };
        walk(&dom.document, &mut d, None);
        d
    }

    fn text_of(h: &Handle) -> String {
        let mut s = String::new();
        for c in h.children.borrow().iter() {
            match &c.data {
                NodeData::Text { contents } => s.push_str(&contents.borrow()),
                NodeData::Element { .. } => s.push_str(&text_of(c)),
                _ => {}
            }
        }
        s
    }

    fn walk(h: &Handle, d: &mut Doc, parent: Option<&str>) {
        match &h.data {
            NodeData::Document => {}
            NodeData::Doctype { name, .. } => d.shape.push(format!("<!doctype {name}>")),
            NodeData::Text { contents } => {
                d.shape.push("#text".into());
                if parent != Some("style") {
                    d.text.push_str(&contents.borrow());
                }
            }
            NodeData::Comment { contents } => d.shape.push(format!("<!--{contents}-->")),
            NodeData::ProcessingInstruction { target, .. } => d.shape.push(format!("<?{target}")),
            NodeData::Element {
                name,
                attrs,
                template_contents,
                ..
            } => {
                let local = name.local.to_string();
                let mut list: Vec<(String, String)> = attrs
                    .borrow()
                    .iter()
                    .map(|a| {
                        let n = match a.name.prefix.as_ref() {
                            Some(p) => format!("{p}:{}", a.name.local),
                            None => a.name.local.to_string(),
                        };
                        (n, a.value.to_string())
                    })
                    .collect();
                list.sort();
                d.shape.push(format!("<{}:{local} {list:?}>", name.ns));
                match local.as_str() {
                    "style" => d.styles.push(text_of(h)),
                    "title" if d.title.is_empty() => d.title = text_of(h),
                    "h1" => d.h1 = text_of(h),
                    _ => {}
                }
                d.elements.push((local.clone(), list));
                if let Some(t) = template_contents.borrow().as_ref() {
                    d.shape.push("#template".into());
                    walk(t, d, Some("template"));
                }
                for c in h.children.borrow().iter() {
                    walk(c, d, Some(&local));
                }
                d.shape.push(format!("</{local}>"));
                return;
            }
        }
        for c in h.children.borrow().iter() {
            walk(c, d, parent);
        }
    }
}

fn check_html(p: &str, j: &Journey, harmless: &Journey) {
    let out = export::export(j, Format::Html);
    let doc = html::parse(&out);
    let base = html::parse(&export::export(harmless, Format::Html));
    assert_eq!(
        doc.shape, base.shape,
        "HTML: user text changed the document's elements, attributes or comments"
    );
    assert_eq!(doc.styles, base.styles, "HTML: the stylesheet changed");
    assert_eq!(doc.styles.len(), 1, "HTML: one stylesheet, ours");
    for (name, attrs) in &doc.elements {
        for bad in [
            "script",
            "iframe",
            "object",
            "embed",
            "base",
            "foreignobject",
            "a",
        ] {
            // Our table of contents is the only kind of link, and it points inside the page.
            if bad == "a" && attrs.iter().all(|(n, v)| n != "href" || v.starts_with('#')) {
                continue;
            }
            assert_ne!(name.as_str(), bad, "HTML: a <{bad}> element");
        }
        for (n, v) in attrs {
            assert!(
                !n.starts_with("on"),
                "HTML: event handler {n}={v:?} on <{name}>"
            );
            if URL_ATTRS.contains(&n.as_str()) {
                assert!(!dangerous_url(v), "HTML: {n}={v:?} on <{name}>");
            }
        }
    }
    let seen = xml_read_back(p);
    assert_eq!(
        doc.title,
        format!("{seen} · Loose/tight design framework"),
        "HTML: the <title> reads as typed"
    );
    assert_eq!(doc.h1, seen, "HTML: the heading reads as typed");
    assert!(
        doc.text.matches(seen.as_str()).count() >= 20,
        "HTML: the payload is shown as text throughout"
    );
}

// ---------------------------------------------------------------------------------------
// SVG (roxmltree)

/// Elements (with sorted attributes) and text markers of an XML document, in order.
fn xml_shape(doc: &roxmltree::Document) -> Vec<String> {
    let mut shape = Vec::new();
    for n in doc.root().descendants() {
        match n.node_type() {
            roxmltree::NodeType::Element => {
                let mut attrs: Vec<String> = n
                    .attributes()
                    .map(|a| {
                        format!(
                            "{{{}}}{}={:?}",
                            a.namespace().unwrap_or(""),
                            a.name(),
                            a.value()
                        )
                    })
                    .collect();
                attrs.sort();
                shape.push(format!("<{:?} {attrs:?}>", n.tag_name()));
            }
            roxmltree::NodeType::Text => shape.push("#text".into()),
            roxmltree::NodeType::Comment => shape.push(format!("<!--{:?}", n.text())),
            roxmltree::NodeType::PI => shape.push(format!("<?{:?}", n.pi())),
            roxmltree::NodeType::Root => {}
        }
    }
    shape
}

fn check_svg(p: &str, j: &Journey, harmless: &Journey) {
    let out = export::export(j, Format::Svg);
    let doc = roxmltree::Document::parse(&out)
        .unwrap_or_else(|e| panic!("SVG: not well-formed XML: {e}"));
    let base_text = export::export(harmless, Format::Svg);
    let base = roxmltree::Document::parse(&base_text).unwrap();
    assert_eq!(
        xml_shape(&doc),
        xml_shape(&base),
        "SVG: user text changed the picture's elements or attributes"
    );
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        assert!(
            ![
                "script",
                "foreignObject",
                "a",
                "animate",
                "set",
                "use",
                "image",
                "iframe"
            ]
            .contains(&name),
            "SVG: a <{name}> element"
        );
        for a in n.attributes() {
            assert!(
                !a.name().starts_with("on"),
                "SVG: event handler {}",
                a.name()
            );
            if a.name() == "href" || URL_ATTRS.contains(&a.name()) {
                assert!(
                    !dangerous_url(a.value()),
                    "SVG: {}={:?}",
                    a.name(),
                    a.value()
                );
            }
        }
    }
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert_eq!(title, format!("Journey map: {}", xml_read_back(p)));
}

// ---------------------------------------------------------------------------------------
// Markdown (pulldown-cmark)

struct Md {
    shape: Vec<String>,
    h1: String,
    code_blocks: Vec<String>,
    raw_html: Vec<String>,
}

fn markdown(s: &str) -> Md {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut md = Md {
        shape: Vec::new(),
        h1: String::new(),
        code_blocks: Vec::new(),
        raw_html: Vec::new(),
    };
    let (mut in_h1, mut in_code) = (false, false);
    for e in Parser::new_ext(s, opts) {
        match e {
            Event::Start(tag) => {
                if let Tag::Heading { level, .. } = &tag {
                    in_h1 = *level == pulldown_cmark::HeadingLevel::H1;
                }
                if let Tag::CodeBlock(_) = &tag {
                    in_code = true;
                    md.code_blocks.push(String::new());
                }
                md.shape.push(format!("{tag:?}"));
            }
            Event::End(tag) => {
                if matches!(tag, TagEnd::Heading(_)) {
                    in_h1 = false;
                }
                if matches!(tag, TagEnd::CodeBlock) {
                    in_code = false;
                }
                md.shape.push(format!("/{tag:?}"));
            }
            Event::Text(t) => {
                if in_h1 {
                    md.h1.push_str(&t);
                }
                if in_code {
                    md.code_blocks.last_mut().unwrap().push_str(&t);
                }
                // The parser splits text at escapes; only where text is matters.
                if md.shape.last().map(String::as_str) != Some("#text") {
                    md.shape.push("#text".into());
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                md.raw_html.push(h.to_string());
                md.shape.push(format!("html {h:?}"));
            }
            other => md.shape.push(format!("{other:?}")),
        }
    }
    md
}

fn check_markdown(p: &str, j: &Journey, harmless: &Journey) {
    let out = export::export(j, Format::Markdown);
    let doc = markdown(&out);
    let base = markdown(&export::export(harmless, Format::Markdown));
    assert_eq!(
        doc.shape, base.shape,
        "Markdown: user text changed the document's structure"
    );
    assert!(
        !doc.shape
            .iter()
            .any(|s| s.starts_with("Link") || s.starts_with("Image")),
        "Markdown: a link or image"
    );
    assert!(
        doc.raw_html.iter().all(|h| h == "<br>"),
        "Markdown: raw HTML {:?}",
        doc.raw_html
    );
    assert_eq!(
        doc.code_blocks,
        vec![export::mermaid::to_mermaid(j)],
        "Markdown: the Mermaid block holds exactly the Mermaid export"
    );
    // The exporter writes the title on one line: line breaks and tabs become spaces, other
    // control characters go, the ends are trimmed.
    let seen: String = p
        .trim()
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    assert_eq!(doc.h1, seen, "Markdown: the title reads as typed");
}

// ---------------------------------------------------------------------------------------
// CSV (csv crate)

/// Cells holding text a user typed (the rest are written by the exporter itself).
const CSV_TEXT_COLUMNS: [&str; 23] = [
    "stage",
    "name",
    "description",
    "lane",
    "channel",
    "owner",
    "delivered by",
    "customer action",
    "expectation",
    "promise",
    "proof point",
    "differentiation",
    "latitude",
    "standard",
    "culture",
    "people",
    "process",
    "technology",
    "pain points",
    "opportunities",
    "kpis",
    "personas",
    "transitions",
];

/// What a spreadsheet may read as the start of a formula: `=`, `+`, `-`, `@`, a tab or a
/// carriage return (OWASP's list), also after white space a spreadsheet may trim, and the
/// full-width forms of the four signs.
fn formula_start(cell: &str) -> bool {
    matches!(cell.chars().next(), Some('\t' | '\r'))
        || matches!(
            cell.trim_start().chars().next(),
            Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠')
        )
}

fn check_csv(p: &str, j: &Journey) {
    let out = export::export(j, Format::Csv);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(out.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(head, export::csv::COLUMNS);
    let rows: Vec<csv::StringRecord> = r
        .records()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("CSV: the csv crate refused the export: {e}"));
    assert_eq!(
        rows.len(),
        j.touchpoints.len(),
        "CSV: one record per touchpoint"
    );
    for row in &rows {
        for (name, cell) in head.iter().zip(row.iter()) {
            if CSV_TEXT_COLUMNS.contains(&name.as_str()) {
                assert!(
                    !formula_start(cell),
                    "CSV: column {name} starts like a formula: {cell:?}"
                );
            } else {
                let generated = match name.as_str() {
                    "id" => cell.len() == 16 && cell.chars().all(|c| c.is_ascii_hexdigit()),
                    "emotion" => ["", "-2", "-1", "0", "1", "2"].contains(&cell),
                    "moment of truth" | "journey end" | "parity" => ["", "yes"].contains(&cell),
                    "experience" | "behaviour" => ["", "tight", "loose"].contains(&cell),
                    "evidence" => {
                        ["", "assumption", "anecdote", "research", "data"].contains(&cell)
                    }
                    _ => ["", "1", "2", "3", "4", "5"].contains(&cell),
                };
                assert!(
                    generated,
                    "CSV: column {name} holds {cell:?}: a column shifted"
                );
            }
        }
    }
    // The importer gives back every text field (structure names trimmed, as it documents;
    // NUL characters left out, as src/export/csv.rs documents). Opened as the app opens a
    // file, from its bytes: a U+FFFD the journey holds is written as UTF-8 and reads back.
    let back = import::open_bytes("export.csv", out.as_bytes(), &mut IdGen::new(9))
        .unwrap_or_else(|e| panic!("CSV: the export does not import back: {e:?}"));
    let j = &without_nul(j);
    assert_eq!(back.touchpoints.len(), j.touchpoints.len());
    for (a, b) in j.touchpoints.iter().zip(&back.touchpoints) {
        assert_same_touchpoint_text(a, b, "CSV");
        // Stage, channel, lane, owner, delivered by and personas, each trimmed.
        let names = |jj: &Journey, t: &Touchpoint| {
            let mut v: Vec<Option<String>> = vec![
                jj.stage(t.stage).map(|s| s.name.clone()),
                t.channel
                    .and_then(|c| jj.channel(c))
                    .map(|c| c.name.clone()),
                t.lane.and_then(|l| jj.lane(l)).map(|l| l.name.clone()),
                t.owner
                    .and_then(|d| jj.department(d))
                    .map(|d| d.name.clone()),
                Some(jj.delivered_by_name(t)),
            ];
            v.extend(
                t.personas
                    .iter()
                    .map(|id| jj.persona(*id).map(|p| p.name.clone())),
            );
            v.into_iter()
                .map(|o| o.map(|s| s.trim().to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(j, a), names(&back, b), "CSV: structure names");
    }
    let labels = |jj: &Journey| {
        jj.transitions
            .iter()
            .map(|t| t.label.clone())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(labels(&back), labels(j), "CSV: transition labels");
    assert_eq!(back.transitions.len(), j.transitions.len());
    let _ = p;
}

/// `j` without the NUL characters in its text, which the CSV leaves out.
fn without_nul(j: &Journey) -> Journey {
    fn strings(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = s.replace('\0', ""),
            serde_json::Value::Array(a) => a.iter_mut().for_each(strings),
            serde_json::Value::Object(o) => o.values_mut().for_each(strings),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(j).unwrap();
    strings(&mut v);
    serde_json::from_value(v).unwrap()
}

fn assert_same_touchpoint_text(a: &Touchpoint, b: &Touchpoint, what: &str) {
    let text = |t: &Touchpoint| {
        vec![
            ("name", vec![t.name.clone()]),
            ("description", vec![t.description.clone()]),
            ("customer_action", vec![t.customer_action.clone()]),
            ("expectation", vec![t.expectation.clone()]),
            ("promise_note", vec![t.promise_note.clone()]),
            ("proof_point", vec![t.proof_point.clone()]),
            ("differentiation_note", vec![t.differentiation_note.clone()]),
            ("latitude_note", vec![t.latitude_note.clone()]),
            ("standard_note", vec![t.standard_note.clone()]),
            ("support.culture", vec![t.support.culture.clone()]),
            ("support.people", vec![t.support.people.clone()]),
            ("support.process", vec![t.support.process.clone()]),
            ("support.technology", vec![t.support.technology.clone()]),
            ("pain_points", t.pain_points.clone()),
            ("opportunities", t.opportunities.clone()),
            ("kpis", t.kpis.clone()),
        ]
    };
    assert_eq!(text(a), text(b), "{what}: touchpoint text round trip");
}

// ---------------------------------------------------------------------------------------
// DOT (Graphviz)

/// What Graphviz keeps of a label after reading the quoted string: the exporter's escapes for
/// `\` and line breaks stay (Graphviz interprets them when drawing), `\"` is a quote.
fn dot_label(p: &str) -> String {
    let mut s = String::new();
    for c in p.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => s.push(' '),
            c => s.push(c),
        }
    }
    s
}

fn check_dot(p: &str, j: &Journey) {
    let dot = export::export(j, Format::Dot);
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` runs (Debian package graphviz; scripts/lib.sh installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "DOT: Graphviz refused the export: {stderr}\n{dot}"
    );
    assert!(
        !stderr.contains("Warning") && !stderr.contains("Error"),
        "DOT: {stderr}"
    );
    let g: serde_json::Value = serde_json::from_slice(&out.stdout).expect("dot -Tjson is JSON");
    assert_eq!(
        g["label"].as_str(),
        Some(dot_label(p).as_str()),
        "DOT: graph label"
    );
    let objects = g["objects"].as_array().cloned().unwrap_or_default();
    let names: BTreeSet<String> = objects
        .iter()
        .map(|o| o["name"].as_str().unwrap_or("").to_string())
        .collect();
    let mut expected: BTreeSet<String> = (0..j.stages.len())
        .map(|i| format!("cluster_{i}"))
        .collect();
    expected.extend(j.touchpoints.iter().map(|t| format!("tp_{}", t.id)));
    assert_eq!(
        names, expected,
        "DOT: exactly the journey's clusters and nodes"
    );
    assert_eq!(objects.len(), expected.len());
    for t in &j.touchpoints {
        let o = objects
            .iter()
            .find(|o| o["name"] == format!("tp_{}", t.id))
            .unwrap();
        assert_eq!(
            o["label"].as_str(),
            Some(dot_label(&t.name).as_str()),
            "DOT: node label"
        );
    }
    let cluster0 = objects.iter().find(|o| o["name"] == "cluster_0").unwrap();
    assert_eq!(
        cluster0["label"].as_str(),
        Some(dot_label(p).as_str()),
        "DOT: stage label"
    );
    let edges = g["edges"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        edges.len(),
        j.transitions.len(),
        "DOT: exactly the journey's edges"
    );
    for e in &edges {
        assert_eq!(
            e["label"].as_str(),
            Some(dot_label(p).as_str()),
            "DOT: edge label"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Mermaid

fn check_mermaid(p: &str, j: &Journey) {
    let out = export::export(j, Format::Mermaid);
    let lines: Vec<&str> = out.split('\n').filter(|l| !l.is_empty()).collect();
    // journey, title, accDescr, then a section per stage and a task per touchpoint.
    let expected = 3 + j.stages.len() + j.touchpoints.len();
    assert_eq!(
        lines.len(),
        expected,
        "Mermaid: one statement per line\n{out}"
    );
    assert!(!out.contains('\r'), "Mermaid: no carriage return");
    assert!(!out.contains("%%"), "Mermaid: no comment or directive");
    assert_eq!(lines[0], "journey");
    assert!(lines[1].starts_with("    title "));
    assert!(lines[2].starts_with("    accDescr: "));
    let mut k = 3;
    for s in &j.stages {
        assert!(lines[k].starts_with("    section "), "{}", lines[k]);
        k += 1;
        for t in j.touchpoints_in(s.id) {
            let task = lines[k];
            assert!(task.starts_with("      "), "{task}");
            // NAME: SCORE, then `: ACTORS` when it has personas or a channel: every other
            // colon in user text is an entity code.
            let actors = !t.personas.is_empty() || t.channel.is_some();
            let colons = if actors { 2 } else { 1 };
            assert_eq!(task.matches(':').count(), colons, "Mermaid: task {task}");
            k += 1;
        }
    }
    let back = import::mermaid::from_mermaid(&out, &mut IdGen::new(5))
        .unwrap_or_else(|e| panic!("Mermaid: the export does not import back: {e}\n{out}"));
    assert_eq!(back.title, j.title, "Mermaid: title");
    assert_eq!(back.description, j.description, "Mermaid: description");
    let stages = |jj: &Journey| {
        jj.stages
            .iter()
            .map(|s| s.name.trim().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(stages(&back), stages(j), "Mermaid: stage names (trimmed)");
    let tps = |jj: &Journey| {
        jj.touchpoints
            .iter()
            .map(|t| t.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(tps(&back), tps(j), "Mermaid: touchpoint names");
    let actors: BTreeSet<String> = back.personas.iter().map(|p| p.name.clone()).collect();
    assert_eq!(
        actors,
        BTreeSet::from([p.trim().to_string()]),
        "Mermaid: actors"
    );
}

// ---------------------------------------------------------------------------------------
// JSON

/// The JSON tree with every string value blanked: what is left is the structure.
fn json_shape(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(_) => Value::String(String::new()),
        Value::Array(a) => Value::Array(a.iter().map(json_shape).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), json_shape(v))).collect())
        }
        other => other.clone(),
    }
}

fn check_json(j: &Journey, harmless: &Journey) {
    let out = export::export(j, Format::Json);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON: serde_json reads it");
    let base: serde_json::Value =
        serde_json::from_str(&export::export(harmless, Format::Json)).unwrap();
    assert_eq!(
        json_shape(&v),
        json_shape(&base),
        "JSON: user text changed the structure"
    );
    let back = import::json::from_json(&out)
        .unwrap_or_else(|e| panic!("JSON: the export does not load back: {e}"));
    assert_eq!(&back, j, "JSON: the journey round-trips exactly");
}

// ---------------------------------------------------------------------------------------

#[test]
fn the_payload_list_is_broad() {
    let list = payloads();
    assert!(list.len() >= 50, "{} payloads", list.len());
    let kinds: BTreeSet<&str> = list.iter().map(|p| p.kind.as_str()).collect();
    for k in [
        "html", "svg", "url", "css", "markdown", "csv", "dot", "mermaid", "json", "unicode", "long",
    ] {
        assert!(kinds.contains(k), "no {k} payloads");
    }
    let texts: BTreeSet<&str> = list.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts.len(), list.len(), "payloads are distinct");
    // Every payload fits every field, names included, so the journey is a valid one.
    assert!(list
        .iter()
        .all(|p| p.text.chars().count() <= format::limits::MAX_NAME_CHARS));
    assert_eq!(FIELDS.len(), 32);
}

/// Runs `check` on every payload and reports every failure at once, by payload.
fn for_every_payload(format: &str, check: impl Fn(&str, &Journey, &Journey)) {
    let mut failures = Vec::new();
    for p in payloads() {
        let j = journey(&p.text);
        let problems = format::validate(&j);
        assert!(
            problems.is_empty(),
            "the test journey is invalid: {problems:?}"
        );
        let harmless = journey(&shadow(&p.text));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check(&p.text, &j, &harmless)
        }));
        if let Err(e) = result {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("[{}] {:?}: {why}", p.kind, p.text));
        }
    }
    assert!(
        failures.is_empty(),
        "{format}: {} payload(s) got through:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn html_framework_shows_every_payload_as_text() {
    for_every_payload("HTML", check_html);
}

#[test]
fn svg_shows_every_payload_as_text() {
    for_every_payload("SVG", check_svg);
}

#[test]
fn markdown_framework_shows_every_payload_as_text() {
    for_every_payload("Markdown", check_markdown);
}

#[test]
fn csv_cells_are_never_formulas_and_read_back() {
    for_every_payload("CSV", |p, j, _| check_csv(p, j));
}

#[test]
fn dot_statements_are_exactly_the_journeys() {
    for_every_payload("DOT", |p, j, _| check_dot(p, j));
}

#[test]
fn mermaid_statements_are_exactly_the_journeys_and_read_back() {
    for_every_payload("Mermaid", |p, j, _| check_mermaid(p, j));
}

#[test]
fn json_structure_is_fixed_and_reads_back_exactly() {
    for_every_payload("JSON", |_, j, h| check_json(j, h));
}
