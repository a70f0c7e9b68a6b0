//! Exports and imports end to end: golden files for the sample journey, round trips, hostile
//! text through every field of every format, and importer errors with their locations.
//!
//! Golden files live in tests/golden/. After an intended change to an export, regenerate
//! them with `UPDATE_GOLDEN=1 cargo test --test exports` and read the diff before
//! committing it.

use std::path::Path;
use throughline::export::{self, csv::CsvOptions, Format};
use throughline::import::{self, ImportError};
use throughline::model::*;
use throughline::sample;

// ---------------------------------------------------------------------------------------
// Golden files

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run UPDATE_GOLDEN=1 cargo test --test exports",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || expected.lines().count().min(actual.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "{name} differs from the golden file from line {line}:\n  expected: {:?}\n  actual:   {:?}\n\
             If the change is intended: UPDATE_GOLDEN=1 cargo test --test exports",
            expected.lines().nth(line - 1),
            actual.lines().nth(line - 1)
        );
    }
}

#[test]
fn every_format_matches_its_golden_file_for_the_sample() {
    let j = sample::broadband();
    for f in Format::ALL {
        golden(&format!("sample.{}", f.extension()), &export::export(&j, f));
    }
}

/// The Mermaid export of each industry template, kept as golden files so the end-to-end test
/// (tests/e2e/mermaid.test.mjs) can feed them to the real Mermaid parser.
#[test]
fn every_template_matches_its_mermaid_golden_file() {
    for t in throughline::templates::all() {
        let j = (t.build)(1);
        golden(
            &format!("template-{}.mmd", t.key),
            &export::mermaid::to_mermaid(&j),
        );
    }
}

// ---------------------------------------------------------------------------------------
// A journey described without ids, for comparing a journey with its re-import.

fn names<'a>(v: impl Iterator<Item = &'a str>) -> Vec<String> {
    v.map(String::from).collect()
}

/// Every touchpoint field and transition, in reading order, with entities by name. Leaves
/// out what CSV does not carry: ids, positions, entity kinds, stage goals, persona details
/// and journey-level fields.
fn describe(j: &Journey) -> Vec<String> {
    let stage_pos = |id: StageId| j.stage_index(id).unwrap_or(usize::MAX);
    let mut order: Vec<&Touchpoint> = j.touchpoints.iter().collect();
    order.sort_by_key(|t| stage_pos(t.stage));
    let index_of = |id: TouchpointId| order.iter().position(|t| t.id == id).unwrap();
    let mut out = vec![format!(
        "stages {:?}",
        names(
            j.stages
                .iter()
                .filter(|s| j.touchpoints_in(s.id).next().is_some())
                .map(|s| s.name.as_str())
        )
    )];
    for t in &order {
        let name = |n: Option<&str>| n.unwrap_or("").to_string();
        out.push(format!(
            "{:?}",
            (
                (
                    &t.name,
                    &t.description,
                    name(j.stage(t.stage).map(|s| s.name.as_str())),
                    name(t.lane.and_then(|l| j.lane(l)).map(|l| l.name.as_str())),
                    name(
                        t.channel
                            .and_then(|c| j.channel(c))
                            .map(|c| c.name.as_str())
                    ),
                    name(
                        t.owner
                            .and_then(|d| j.department(d))
                            .map(|d| d.name.as_str())
                    ),
                    j.delivered_by_name(t),
                ),
                (
                    (&t.customer_action, &t.expectation),
                    (t.performance, t.importance, t.emotion),
                    (t.moment_of_truth, t.journey_end, t.parity),
                    (&t.promise_note, &t.proof_point, &t.differentiation_note),
                    (
                        t.experience,
                        t.behaviour,
                        &t.latitude_note,
                        &t.standard_note
                    ),
                    t.criteria,
                    &t.support,
                    (&t.pain_points, &t.opportunities, &t.kpis),
                    t.evidence,
                    names(
                        t.personas
                            .iter()
                            .filter_map(|p| j.persona(*p))
                            .map(|p| p.name.as_str())
                    ),
                )
            )
        ));
    }
    let mut transitions: Vec<String> = j
        .transitions
        .iter()
        .map(|tr| {
            format!(
                "{} -> {} {:?} context={} {:?}",
                index_of(tr.from),
                index_of(tr.to),
                tr.kind,
                tr.carries_context,
                tr.label
            )
        })
        .collect();
    transitions.sort();
    out.extend(transitions);
    out
}

fn csv_round_trip(j: &Journey, bom: bool) -> Journey {
    let text = export::csv::to_csv(j, &CsvOptions { bom });
    import::csv::from_csv(&text, &mut IdGen::new(42))
        .unwrap_or_else(|e| panic!("CSV export did not import:\n{e}\n{text}"))
}

fn assert_lines_eq(a: &[String], b: &[String]) {
    assert_eq!(a.len(), b.len(), "{a:#?}\n---\n{b:#?}");
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x, y);
    }
}

// ---------------------------------------------------------------------------------------
// Round trips

#[test]
fn json_round_trip_is_lossless() {
    let j = sample::broadband();
    let back = import::json::from_json(&export::json::to_json(&j)).unwrap();
    assert_eq!(back, j);
}

#[test]
fn csv_round_trip_keeps_every_touchpoint_field_and_transition() {
    let j = sample::broadband();
    for bom in [false, true] {
        let back = csv_round_trip(&j, bom);
        assert_lines_eq(&describe(&back), &describe(&j));
        assert!(throughline::format::validate(&back).is_empty());
    }
}

#[test]
fn csv_round_trip_keeps_lane_kinds_named_after_their_kind() {
    let j = sample::broadband();
    let back = csv_round_trip(&j, false);
    let kinds = |j: &Journey| j.lanes.iter().map(|l| l.kind).collect::<Vec<_>>();
    assert_eq!(kinds(&back), kinds(&j));
}

#[test]
fn mermaid_round_trip_keeps_sections_tasks_emotions_and_personas() {
    let j = sample::broadband();
    let back = import::mermaid::from_mermaid(&export::mermaid::to_mermaid(&j), &mut IdGen::new(1))
        .unwrap();
    assert_eq!(back.title, j.title);
    assert_eq!(back.description, j.description);
    let stage_names = |j: &Journey| names(j.stages.iter().map(|s| s.name.as_str()));
    assert_eq!(stage_names(&back), stage_names(&j));
    for s in &j.stages {
        let theirs: Vec<&Touchpoint> = j.touchpoints_in(s.id).collect();
        let bs = back.stages.iter().find(|b| b.name == s.name).unwrap();
        let ours: Vec<&Touchpoint> = back.touchpoints_in(bs.id).collect();
        assert_eq!(ours.len(), theirs.len(), "{}", s.name);
        for (a, b) in ours.iter().zip(&theirs) {
            assert_eq!(a.name, b.name);
            // Unrated exports as a neutral 3, which reads back as 0.
            assert_eq!(
                a.emotion,
                Some(b.emotion.unwrap_or(Emotion::new(0).unwrap()))
            );
            if !b.personas.is_empty() {
                let persona_names = |j: &Journey, t: &Touchpoint| {
                    names(
                        t.personas
                            .iter()
                            .map(|p| j.persona(*p).unwrap().name.as_str()),
                    )
                };
                assert_eq!(persona_names(&back, a), persona_names(&j, b));
            }
        }
    }
    // The sequence of tasks becomes a chain of next steps.
    assert_eq!(back.transitions.len(), j.touchpoints.len() - 1);
}

// ---------------------------------------------------------------------------------------
// Hostile text

const HOSTILE: [&str; 22] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"",
    "'",
    "=cmd|'/C calc'!A0",
    "]]",
    ";",
    "line one\nline two\r\nthree",
    "}",
    "-->",
    "%%",
    ":",
    "#35; # not a comment",
    "a|b\\c",
    "@SUM(A1)",
    "+1",
    "-1",
    "see www.evil.test or https://evil.test/x?a=1&b=2",
    "journey",
    "section: x",
    "`code` *em* _u_ [l](javascript:alert(1)) ![i](x)",
    "1. not a list",
];

/// A valid journey with hostile text in every text field: touchpoint `i`'s field `k` holds
/// hostile string `i + k`, so across the touchpoints every field sees every string.
fn hostile_journey() -> Journey {
    let n = HOSTILE.len();
    let h = |i: usize| HOSTILE[i % n].to_string();
    let mut ids = IdGen::new(99);
    let mut j = Journey {
        title: h(0),
        description: h(7),
        scope: h(1),
        state: JourneyState::ToBe,
        promise: BrandPromise {
            statement: h(4),
            proof_points: HOSTILE.iter().map(|s| s.to_string()).collect(),
            customer_values: HOSTILE.iter().map(|s| s.to_string()).collect(),
        },
        ..Journey::default()
    };
    for i in 0..n {
        j.personas.push(Persona {
            id: ids.id(),
            name: format!("{} p{i}", h(i)),
            expectations: h(i + 1),
            notes: h(i + 2),
        });
        j.stages.push(Stage {
            id: ids.id(),
            name: format!("{} s{i}", h(i)),
            goal: h(i + 3),
        });
        j.channels.push(Channel {
            id: ids.id(),
            name: format!("{} c{i}", h(i)),
            kind: ChannelKind::Web,
        });
        j.lanes.push(Lane {
            id: ids.id(),
            name: format!("{} l{i}", h(i)),
            kind: LaneKind::FrontStage,
        });
        j.partners.push(Partner {
            id: ids.id(),
            name: format!("{} pa{i}", h(i)),
            role: PartnerRole::Other,
        });
        j.departments.push(Department {
            id: ids.id(),
            name: format!("{} d{i}", h(i)),
            kind: DepartmentKind::Custom,
        });
    }
    let r = |v: usize| Some(Rating::new((v % 5) as i64 + 1).unwrap());
    for i in 0..n {
        let mut t = Touchpoint::new(ids.id(), h(i), j.stages[i].id);
        t.description = h(i + 1);
        t.lane = Some(j.lanes[i].id);
        t.channel = Some(j.channels[(i + 1) % n].id);
        t.owner = Some(j.departments[(i + 2) % n].id);
        if i % 2 == 0 {
            t.delivered_by = DeliveredBy::Partner(j.partners[i].id);
        }
        t.customer_action = h(i + 2);
        t.expectation = h(i + 3);
        t.performance = r(i);
        t.importance = r(i + 2);
        t.emotion = Some(Emotion::new((i % 5) as i64 - 2).unwrap());
        t.moment_of_truth = i % 3 == 0;
        t.journey_end = i == n - 1;
        t.promise_note = h(i + 4);
        t.proof_point = h(i + 5);
        t.differentiation_note = h(i + 6);
        t.parity = i % 4 == 1;
        t.experience = Some(if i % 2 == 0 {
            Tightness::Tight
        } else {
            Tightness::Loose
        });
        t.behaviour = Some(if i % 3 == 0 {
            Tightness::Tight
        } else {
            Tightness::Loose
        });
        t.latitude_note = h(i + 7);
        t.standard_note = h(i + 8);
        t.criteria = Criteria {
            consistent: r(i),
            intentional: r(i + 1),
            differentiated: None,
            valuable: r(i + 3),
        };
        t.support = Support {
            culture: h(i + 9),
            people: h(i + 10),
            process: h(i + 11),
            technology: h(i + 12),
        };
        t.pain_points = vec![h(i + 13), h(i + 14)];
        t.opportunities = vec![h(i + 15)];
        t.kpis = vec![h(i + 16), h(i + 17)];
        t.evidence = Some(Evidence::Research);
        t.personas = vec![j.personas[i].id, j.personas[(i + 1) % n].id];
        j.touchpoints.push(t);
    }
    let kinds = [
        TransitionKind::Next,
        TransitionKind::Alternative,
        TransitionKind::Recovery,
        TransitionKind::Return,
    ];
    for i in 0..n - 1 {
        let (from, to) = if i % 4 == 3 { (i + 1, i) } else { (i, i + 1) };
        j.transitions.push(Transition {
            id: ids.id(),
            from: j.touchpoints[from].id,
            to: j.touchpoints[to].id,
            label: h(i + 18),
            kind: kinds[i % 4],
            carries_context: i % 2 == 0,
        });
    }
    let problems = throughline::format::validate(&j);
    assert!(problems.is_empty(), "{problems:?}");
    j
}

/// Tags the HTML and SVG exports may contain; anything else came from user text.
const OUR_TAGS: [&str; 39] = [
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p",
    "nav", "ol", "li", "a", "main", "section", "ul", "table", "thead", "tbody", "tr", "th", "td",
    "br", "strong", "figure", "svg", "defs", "marker", "path", "rect", "line", "text", "tspan",
    "g", "span", "circle",
];

/// Checks that every `<` opens one of our tags and that elements nest properly (void HTML
/// elements and self-closed SVG elements aside): user text cannot have added or closed any.
fn assert_only_our_markup(doc: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = doc;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("every tag closes");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        // No attribute that fetches or runs anything.
        assert!(!tag.contains("src="), "<{tag}>");
        assert!(
            !tag.split_whitespace().any(|a| a.starts_with("on")),
            "<{tag}>"
        );
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(OUR_TAGS.contains(&name.as_str()), "unexpected tag <{tag}>");
        if name == "style" && !closing {
            // CSS is ours and holds no '<'; skip to its end.
            let close = rest.find("</style>").unwrap();
            assert!(!rest[..close].contains('<'));
        }
        let void = matches!(name.as_str(), "!DOCTYPE" | "meta" | "br") || tag.ends_with('/');
        if closing {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "</{name}> closes nothing open"
            );
        } else if !void {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
}

#[test]
fn hostile_text_stays_text_in_html() {
    let j = hostile_journey();
    let html = export::html::to_html(&j);
    assert!(!html.to_lowercase().contains("<script"));
    assert!(!html.to_lowercase().contains("<img"));
    assert_only_our_markup(&html);
    // Nothing is fetched: the only url() is the arrow marker's in-page reference.
    assert!(!html.contains("@import"));
    for (i, _) in html.match_indices("url(") {
        assert_eq!(&html[i + 4..i + 5], "#", "only in-page references");
    }
    for (i, _) in html.match_indices("href=\"") {
        assert_eq!(&html[i + 6..i + 7], "#", "only in-page links");
    }
    // The text is still there, escaped.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("=cmd|&#39;/C calc&#39;!A0"));
}

#[test]
fn hostile_text_stays_text_in_svg() {
    let svg = export::svg::to_svg(&hostile_journey());
    assert_only_our_markup(&svg);
    assert!(!svg.contains("<script"));
}

#[test]
fn hostile_text_survives_csv_and_never_starts_a_formula() {
    let j = hostile_journey();
    let text = export::csv::to_csv(&j, &CsvOptions::default());
    // Every cell a spreadsheet would run as a formula is guarded; the only ones starting
    // with a minus are the emotion numbers the export writes itself.
    let emotion_col = export::csv::COLUMNS
        .iter()
        .position(|c| *c == "emotion")
        .unwrap();
    for (r, row) in parse_csv(&text).iter().enumerate() {
        assert_eq!(row.len(), export::csv::COLUMNS.len(), "row {r}");
        for (c, cell) in row.iter().enumerate() {
            let first = cell.chars().next();
            let dangerous = matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r'));
            assert!(
                !dangerous || (c == emotion_col && cell.parse::<i8>().is_ok()),
                "row {r} column {c}: {cell:?}"
            );
        }
    }
    let back = csv_round_trip(&j, false);
    assert_lines_eq(&describe(&back), &describe(&j));
}

/// An independent RFC 4180 reader, so the CSV test does not trust the importer's own.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "ends with CRLF"
    );
    rows
}

#[test]
fn hostile_names_round_trip_through_mermaid() {
    let j = hostile_journey();
    let text = export::mermaid::to_mermaid(&j);
    // Nothing a user typed reaches Mermaid's grammar: no raw ; anywhere, no comment starts,
    // and every line is a statement we wrote.
    for line in text.lines() {
        let t = line.trim_start();
        assert!(
            !line.contains(';') || line.contains("#59;") || line.contains("#"),
            "{line}"
        );
        assert!(!t.contains("%%"), "{line}");
        let ok = t == "journey"
            || t.starts_with("title ")
            || t.starts_with("accDescr: ")
            || t.starts_with("section ")
            || line.starts_with("      ");
        assert!(ok, "{line}");
    }
    let back = import::mermaid::from_mermaid(&text, &mut IdGen::new(5))
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back.title, j.title);
    assert_eq!(back.description, j.description);
    assert_eq!(
        names(back.stages.iter().map(|s| s.name.as_str())),
        names(j.stages.iter().map(|s| s.name.as_str()))
    );
    assert_eq!(
        names(back.touchpoints.iter().map(|t| t.name.as_str())),
        names(j.touchpoints.iter().map(|t| t.name.as_str()))
    );
    for (a, b) in back.touchpoints.iter().zip(&j.touchpoints) {
        let pn = |j: &Journey, t: &Touchpoint| {
            names(
                t.personas
                    .iter()
                    .map(|p| j.persona(*p).unwrap().name.as_str()),
            )
        };
        assert_eq!(pn(&back, a), pn(&j, b));
        assert_eq!(a.emotion, b.emotion);
    }
}

#[test]
fn hostile_text_survives_json() {
    let j = hostile_journey();
    assert_eq!(
        import::json::from_json(&export::json::to_json(&j)).unwrap(),
        j
    );
}

#[test]
fn hostile_text_cannot_break_markdown() {
    let md = export::markdown::to_markdown(&hostile_journey());
    let mut in_fence = false;
    let mut table_cols = None;
    for line in md.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            assert!(
                !line.contains('`'),
                "a backtick could close the fence: {line}"
            );
            continue;
        }
        // Unescaped pipes are exactly the table's own.
        if line.starts_with('|') {
            let pipes = unescaped(line, '|');
            let n = *table_cols.get_or_insert(pipes);
            assert_eq!(pipes, n, "{line}");
        } else {
            table_cols = None;
        }
        for c in ['<', '[', ']', '`', '&'] {
            // `<br>` joins lines inside a table cell: ours.
            let stripped = line.replace("<br>", "");
            assert_eq!(unescaped(&stripped, c), 0, "unescaped {c} in {line}");
        }
        // The only emphasis is ours: one `**...**` opening a line.
        let stars = unescaped(line, '*');
        let strong_start = line.starts_with("**") || line.starts_with("- **");
        assert!(stars == 0 || (stars == 4 && strong_start), "{line}");
        assert!(
            !line.contains("https://") && !line.contains("www."),
            "{line}"
        );
        let t = line;
        let ours = t.is_empty()
            || t.starts_with("# ")
            || t.starts_with("## ")
            || t.starts_with("### ")
            || t.starts_with('|')
            || t.starts_with("- ")
            || t.starts_with('_')
            || t.starts_with("**");
        if !ours {
            let first = t.chars().next().unwrap();
            assert!(
                !matches!(first, '-' | '+' | '=' | '>' | '#' | ' ') && !t.starts_with("1."),
                "a user line starts a block: {t}"
            );
        }
        if let Some(item) = t.strip_prefix("- ") {
            assert!(
                !item.starts_with("- ") && !item.starts_with("+ ") && !item.starts_with("1."),
                "{t}"
            );
        }
    }
    assert!(!in_fence);
}

/// How many times `c` appears without a backslash before it.
fn unescaped(line: &str, c: char) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for ch in line.chars() {
        if escaped {
            escaped = false;
        } else if ch == '\\' {
            escaped = true;
        } else if ch == c {
            n += 1;
        }
    }
    n
}

#[test]
fn hostile_text_cannot_add_dot_statements() {
    let j = hostile_journey();
    let dot = export::dot::to_dot(&j);
    let dot_bin = Path::new("/usr/bin/dot");
    if !dot_bin.exists() {
        eprintln!(
            "note: /usr/bin/dot not found (Debian package graphviz); skipping the Graphviz run"
        );
        return;
    }
    let out = std::process::Command::new(dot_bin)
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(dot.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot failed: {stderr}\n{dot}");
    assert!(!stderr.contains("syntax error"), "{stderr}");
    // Graphviz drew exactly our nodes, edges and clusters: no text became a statement.
    let svg = String::from_utf8_lossy(&out.stdout);
    assert_eq!(svg.matches("class=\"node\"").count(), j.touchpoints.len());
    assert_eq!(svg.matches("class=\"edge\"").count(), j.transitions.len());
    assert_eq!(svg.matches("class=\"cluster\"").count(), j.stages.len());
}

#[test]
fn the_sample_dot_runs_through_graphviz() {
    let dot_bin = Path::new("/usr/bin/dot");
    if !dot_bin.exists() {
        eprintln!("note: /usr/bin/dot not found; skipping");
        return;
    }
    let dir = std::env::temp_dir().join(format!("throughline-dot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("sample.dot");
    std::fs::write(&file, export::dot::to_dot(&sample::broadband())).unwrap();
    let out = std::process::Command::new(dot_bin)
        .arg("-Tsvg")
        .arg(&file)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// Importers: what they accept, and where they say the problem is

fn err(r: Result<Journey, ImportError>) -> ImportError {
    match r {
        Ok(j) => panic!(
            "expected a refusal, got a journey of {} touchpoints",
            j.touchpoints.len()
        ),
        Err(e) => e,
    }
}

#[test]
fn a_hand_written_sheet_imports_with_defaults() {
    let sheet = "Stage,Touchpoint,Channel,Emotion,Delivered_By,Transitions\n\
                 Discover,See an ad,Web,+1,,Ask a friend\n\
                 Discover,Ask a friend,,-2,Brand,\n\
                 Buy,Order,Store,,HomeTech,\n";
    let j = import::csv::from_csv(sheet, &mut IdGen::new(3)).unwrap();
    assert_eq!(
        names(j.stages.iter().map(|s| s.name.as_str())),
        ["Discover", "Buy"]
    );
    assert_eq!(j.touchpoints.len(), 3);
    assert_eq!(j.touchpoints[0].emotion, Some(Emotion::new(1).unwrap()));
    assert_eq!(j.channels[0].kind, ChannelKind::Web);
    assert_eq!(
        j.touchpoints[2].delivered_by,
        DeliveredBy::Partner(j.partners[0].id)
    );
    assert_eq!(j.transitions.len(), 1);
    assert_eq!(j.transitions[0].to, j.touchpoints[1].id);
    assert_eq!(j.transitions[0].kind, TransitionKind::Next);
}

#[test]
fn csv_problems_name_row_and_column_and_nothing_is_imported() {
    let sheet = "stage,name,emotion,colour,transitions\n";
    let e = err(import::csv::from_csv(sheet, &mut IdGen::new(1)));
    assert_eq!(e.problems.len(), 1);
    let p = &e.problems[0];
    assert_eq!((p.line, p.column), (Some(1), Some(4)));
    assert_eq!(p.field.as_deref(), Some("colour"));
    assert!(p.message.contains("unknown column"), "{p}");

    let sheet = "stage,name,emotion,performance,transitions\n\
                 A,One,1,,\n\
                 A,Two,7,6,Nowhere\n";
    let e = err(import::csv::from_csv(sheet, &mut IdGen::new(1)));
    let found: Vec<(Option<usize>, Option<usize>, Option<&str>)> = e
        .problems
        .iter()
        .map(|p| (p.row, p.line, p.field.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (Some(2), Some(3), Some("emotion")),
            (Some(2), Some(3), Some("performance")),
            (Some(2), Some(3), Some("transitions")),
        ]
    );
    assert!(
        e.to_string()
            .contains("row 2, column \"emotion\" (line 3): emotion 7 is out of range"),
        "{e}"
    );

    let e = err(import::csv::from_csv(
        "name,stage\n\"Open,A\n",
        &mut IdGen::new(1),
    ));
    assert_eq!(
        (e.problems[0].line, e.problems[0].column),
        (Some(2), Some(1))
    );

    let e = err(import::csv::from_csv(
        "name,channel\nx,y\n",
        &mut IdGen::new(1),
    ));
    assert!(e.problems[0].message.contains("no \"stage\" column"));
}

#[test]
fn mermaid_as_mermaid_accepts_it() {
    let text = "%% a comment\n\
                journey\n\
                \x20 accTitle: The title for screen readers\n\
                \x20 accDescr {\n\
                \x20   Two lines\n\
                \x20   of description\n\
                \x20 }\n\
                \x20 section Get<br/>started\n\
                \x20   Sign up: 5: Me, Cat\n\
                \x20   Wait: 1:\n\
                \x20   Ponder: 3 # thinking\n\
                \x20 section Use <br >it\n\
                \x20   Use#58; daily: 4: Me\n";
    let j = import::mermaid::from_mermaid(text, &mut IdGen::new(2)).unwrap();
    assert_eq!(j.title, "The title for screen readers");
    assert_eq!(j.description, "Two lines\nof description");
    assert_eq!(
        names(j.stages.iter().map(|s| s.name.as_str())),
        ["Get started", "Use  it"]
    );
    assert_eq!(
        names(j.touchpoints.iter().map(|t| t.name.as_str())),
        ["Sign up", "Wait", "Ponder", "Use: daily"]
    );
    assert_eq!(
        names(j.personas.iter().map(|p| p.name.as_str())),
        ["Me", "Cat"]
    );
    assert!(j.touchpoints[1].personas.is_empty(), "an empty actor list");
    assert_eq!(j.touchpoints[0].emotion, Some(Emotion::new(2).unwrap()));
    assert_eq!(j.touchpoints[1].emotion, Some(Emotion::new(-2).unwrap()));
    assert_eq!(j.touchpoints[2].emotion, Some(Emotion::new(0).unwrap()));

    let titled = import::mermaid::from_mermaid(
        "journey\ntitle My day\naccDescr: One line\nsection Work\nGo: 3\n",
        &mut IdGen::new(2),
    )
    .unwrap();
    assert_eq!(titled.title, "My day");
    assert_eq!(titled.description, "One line");
}

#[test]
fn mermaid_problems_have_line_and_column() {
    let at = |text: &str| {
        let e = err(import::mermaid::from_mermaid(text, &mut IdGen::new(1)));
        (
            e.problems[0].line,
            e.problems[0].column,
            e.problems[0].message.clone(),
        )
    };
    let (l, c, m) = at("journey\nsection A\n  Task; bad: 3\n");
    assert_eq!((l, c), (Some(3), Some(7)));
    assert!(m.contains(';'));
    let (l, c, m) = at("journey\nsection A\n  Task: great\n");
    assert_eq!((l, c), (Some(3), Some(9)));
    assert!(m.contains("not a score"));
    let (l, c, _) = at("\n  flowchart LR\n");
    assert_eq!((l, c), (Some(2), Some(3)));
    let (l, c, _) = at("journey\nsection A: B\n");
    assert_eq!((l, c), (Some(2), Some(10)));
    let (l, c, _) = at("journey\n  just words\n");
    assert_eq!((l, c), (Some(2), Some(3)));
}

#[test]
fn json_problems_keep_their_path_and_position() {
    let e = err(import::json::from_json(
        "{\"format\": \"throughline-journey\", \"version\": 1,\n \"journey\": {\"title\": 5}}",
    ));
    let p = &e.problems[0];
    assert!(p.field.is_some(), "the loader's path is kept");
    assert_eq!((p.line, p.column), (Some(2), Some(23)));
}
