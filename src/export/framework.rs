//! The loose/tight design framework as a document, independent of how it is written out.
//! [`super::html`] and [`super::markdown`] render the same [`Document`], so the two can never
//! disagree on content and each only has to get its own escaping right.
//!
//! Every string in a [`Document`] is plain text (user text or ours); renderers escape all of
//! it. Nothing here is markup.

use crate::model::*;
use std::collections::HashMap;

pub(crate) struct Document {
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
}

pub(crate) struct Section {
    /// A stable anchor, also used by the print stylesheet.
    pub id: &'static str,
    pub title: String,
    pub blocks: Vec<Block>,
}

pub(crate) enum Block {
    Heading(String),
    Para(Vec<Inline>),
    Bullets(Vec<Vec<Inline>>),
    Table(Table),
    /// A line saying that something is missing or empty, set apart from real content.
    Muted(String),
    /// The journey map (inline SVG in HTML; Mermaid in Markdown).
    Diagram,
}

pub(crate) enum Inline {
    Text(String),
    Strong(String),
}

pub(crate) struct Table {
    pub head: Vec<String>,
    /// Each cell is one or more lines.
    pub rows: Vec<Vec<Vec<String>>>,
    /// Wide tables print in a smaller type.
    pub wide: bool,
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn strong(s: impl Into<String>) -> Inline {
    Inline::Strong(s.into())
}

fn cell(s: impl Into<String>) -> Vec<String> {
    vec![s.into()]
}

/// A note's text, or a dash when it is blank.
fn or_dash(s: &str) -> Vec<String> {
    if s.trim().is_empty() {
        cell("—")
    } else {
        cell(s)
    }
}

fn lines(items: &[String]) -> Vec<String> {
    let v: Vec<String> = items
        .iter()
        .filter(|s| !s.trim().is_empty())
        .cloned()
        .collect();
    if v.is_empty() {
        cell("—")
    } else {
        v
    }
}

fn written(s: &str) -> bool {
    !s.trim().is_empty()
}

/// Touchpoints in reading order: stage by stage, journey order within a stage.
fn reading_order(j: &Journey) -> Vec<&Touchpoint> {
    let by_stage: HashMap<StageId, usize> = j
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let mut v: Vec<&Touchpoint> = j.touchpoints.iter().collect();
    v.sort_by_key(|t| by_stage.get(&t.stage).copied().unwrap_or(usize::MAX));
    v
}

fn stage_name(j: &Journey, t: &Touchpoint) -> String {
    j.stage(t.stage).map(|s| s.name.clone()).unwrap_or_default()
}

pub(crate) fn build(j: &Journey) -> Document {
    let order = reading_order(j);
    let title = if written(&j.title) {
        j.title.clone()
    } else {
        "Untitled journey".to_string()
    };
    let state = match j.state {
        JourneyState::AsIs => "As-is journey (today's experience)",
        JourneyState::ToBe => "To-be journey (the designed experience)",
    };
    Document {
        title,
        subtitle: format!("Loose/tight design framework · {state}"),
        sections: vec![
            scope(j, state),
            promise(j),
            tight(j),
            loose(&order, j),
            matrix(&order, j),
            differentiation(&order, j),
            criteria(j),
            delivery(&order, j),
            risks(j),
            journey(&order, j),
        ],
    }
}

fn scope(j: &Journey, state: &str) -> Section {
    let mut b = vec![Block::Para(vec![strong("Journey: "), text(state)])];
    if written(&j.description) {
        b.push(Block::Para(vec![text(&j.description)]));
    }
    if written(&j.scope) {
        b.push(Block::Para(vec![strong("Scope: "), text(&j.scope)]));
    }
    b.push(Block::Heading(
        "Target customers and what they expect".into(),
    ));
    if j.personas.is_empty() {
        b.push(Block::Muted("No personas or segments recorded.".into()));
    } else {
        b.push(Block::Table(Table {
            head: vec![
                "Persona or segment".into(),
                "Expects".into(),
                "Notes".into(),
            ],
            rows: j
                .personas
                .iter()
                .map(|p| vec![cell(&p.name), or_dash(&p.expectations), or_dash(&p.notes)])
                .collect(),
            wide: false,
        }));
    }
    b.push(Block::Heading(
        "Customer values that drive retention and advocacy".into(),
    ));
    bullets_or(
        &mut b,
        &j.promise.customer_values,
        "No customer values recorded.",
    );
    Section {
        id: "scope",
        title: "1. Scope".into(),
        blocks: b,
    }
}

fn bullets_or(b: &mut Vec<Block>, items: &[String], empty: &str) {
    let items: Vec<Vec<Inline>> = items
        .iter()
        .filter(|s| written(s))
        .map(|s| vec![text(s)])
        .collect();
    if items.is_empty() {
        b.push(Block::Muted(empty.into()));
    } else {
        b.push(Block::Bullets(items));
    }
}

fn promise(j: &Journey) -> Section {
    let mut b = Vec::new();
    if written(&j.promise.statement) {
        b.push(Block::Para(vec![strong(&j.promise.statement)]));
    } else {
        b.push(Block::Muted(
            "No brand promise written yet: the tight part has nothing to hold it together.".into(),
        ));
    }
    b.push(Block::Heading("Proof points".into()));
    bullets_or(&mut b, &j.promise.proof_points, "No proof points recorded.");
    Section {
        id: "promise",
        title: "2. The brand promise".into(),
        blocks: b,
    }
}

fn tight(j: &Journey) -> Section {
    let mut b = vec![Block::Para(vec![text(
        "What must be true every time, whoever delivers it and through whichever channel.",
    )])];
    for s in &j.stages {
        let tps: Vec<&Touchpoint> = j.touchpoints_in(s.id).collect();
        if tps.is_empty() {
            continue;
        }
        b.push(Block::Heading(s.name.clone()));
        b.push(Block::Table(Table {
            head: vec![
                "Touchpoint".into(),
                "Standard: what must be true every time".into(),
                "Promise".into(),
                "Proof point".into(),
            ],
            rows: tps
                .iter()
                .map(|t| {
                    let standard = if written(&t.standard_note) {
                        cell(&t.standard_note)
                    } else {
                        cell("Not defined")
                    };
                    vec![
                        touchpoint_cell(t),
                        standard,
                        or_dash(&t.promise_note),
                        or_dash(&t.proof_point),
                    ]
                })
                .collect(),
            wide: false,
        }));
    }
    if j.touchpoints.is_empty() {
        b.push(Block::Muted("The journey has no touchpoints yet.".into()));
    }
    Section {
        id: "tight",
        title: "3. Tight: the non-negotiables".into(),
        blocks: b,
    }
}

fn touchpoint_cell(t: &Touchpoint) -> Vec<String> {
    if t.moment_of_truth {
        vec![t.name.clone(), "★ Moment of truth".into()]
    } else {
        cell(&t.name)
    }
}

fn loose(order: &[&Touchpoint], j: &Journey) -> Section {
    let rows: Vec<Vec<Vec<String>>> = order
        .iter()
        .filter(|t| t.behaviour == Some(Tightness::Loose) || written(&t.latitude_note))
        .map(|t| {
            let latitude = if written(&t.latitude_note) {
                cell(&t.latitude_note)
            } else {
                cell("Loose behaviour, but what people may decide is not written down")
            };
            vec![cell(stage_name(j, t)), cell(&t.name), latitude]
        })
        .collect();
    let mut b = vec![Block::Para(vec![text(
        "Where people use their judgement, and what they may decide without asking.",
    )])];
    if rows.is_empty() {
        b.push(Block::Muted("No freedoms recorded.".into()));
    } else {
        b.push(Block::Table(Table {
            head: vec![
                "Stage".into(),
                "Touchpoint".into(),
                "What people may decide".into(),
            ],
            rows,
            wide: false,
        }));
    }
    Section {
        id: "loose",
        title: "4. Loose: the freedoms".into(),
        blocks: b,
    }
}

/// What to change for a touchpoint in a quadrant that is wrong (or needs a reason).
pub(crate) fn advice(q: Quadrant) -> Option<&'static str> {
    match q {
        Quadrant::BrandedFreedom => None,
        Quadrant::Scripted => Some(
            "scripted. Keep the script only if a rule (legal, safety) demands it; otherwise \
             loosen the behaviour and let people use judgement.",
        ),
        Quadrant::Improvised => Some(
            "improvised, so the experience differs every time. Define what must be true \
             every time (tighten the experience) and keep the freedom.",
        ),
        Quadrant::Reversed => Some(
            "reversed: scripts without a purpose. Define the intended experience and its \
             standard, then replace the script with judgement.",
        ),
    }
}

fn matrix(order: &[&Touchpoint], j: &Journey) -> Section {
    let names = |q: Quadrant, label: &str| {
        let mut v = vec![label.to_string()];
        v.extend(
            order
                .iter()
                .filter(|t| t.quadrant() == Some(q))
                .map(|t| t.name.clone()),
        );
        if v.len() == 1 {
            v.push("—".into());
        }
        v
    };
    let mut b = vec![Block::Table(Table {
        head: vec![
            "Experience \\ behaviour".into(),
            "Loose behaviour".into(),
            "Tight behaviour".into(),
        ],
        rows: vec![
            vec![
                cell("Tight experience"),
                names(Quadrant::BrandedFreedom, "Branded freedom (the target)"),
                names(Quadrant::Scripted, "Scripted (only where rules demand it)"),
            ],
            vec![
                cell("Loose experience"),
                names(Quadrant::Improvised, "Improvised (inconsistent)"),
                names(Quadrant::Reversed, "Reversed (the common failure)"),
            ],
        ],
        wide: false,
    })];
    b.push(Block::Heading("In the wrong quadrant".into()));
    let mut calls: Vec<Vec<Inline>> = Vec::new();
    // Reversed first: it is the failure the framework exists to catch.
    for q in [Quadrant::Reversed, Quadrant::Improvised, Quadrant::Scripted] {
        for t in order.iter().filter(|t| t.quadrant() == Some(q)) {
            let mut line = vec![strong(&t.name), text(format!(" ({})", stage_name(j, t)))];
            if t.moment_of_truth {
                line.push(text(", a moment of truth,"));
            }
            line.push(text(format!(" is {}", advice(q).unwrap_or_default())));
            calls.push(line);
        }
    }
    if calls.is_empty() {
        b.push(Block::Muted("None.".into()));
    } else {
        b.push(Block::Bullets(calls));
    }
    let unset: Vec<String> = order
        .iter()
        .filter(|t| t.quadrant().is_none())
        .map(|t| t.name.clone())
        .collect();
    if !unset.is_empty() {
        b.push(Block::Heading("Not yet placed".into()));
        b.push(Block::Para(vec![text(
            "Experience or behaviour not chosen yet for:",
        )]));
        b.push(Block::Bullets(
            unset.into_iter().map(|n| vec![text(n)]).collect(),
        ));
    }
    Section {
        id: "matrix",
        title: "5. The loose/tight matrix".into(),
        blocks: b,
    }
}

fn differentiation(order: &[&Touchpoint], j: &Journey) -> Section {
    let mut b = vec![Block::Heading(
        "Where the brand means to stand apart".into(),
    )];
    let apart: Vec<Vec<Vec<String>>> = order
        .iter()
        .filter(|t| written(&t.differentiation_note))
        .map(|t| {
            vec![
                cell(stage_name(j, t)),
                cell(&t.name),
                cell(&t.differentiation_note),
            ]
        })
        .collect();
    if apart.is_empty() {
        b.push(Block::Muted("No differentiation recorded.".into()));
    } else {
        b.push(Block::Table(Table {
            head: vec!["Stage".into(), "Touchpoint".into(), "How it differs".into()],
            rows: apart,
            wide: false,
        }));
    }
    b.push(Block::Heading("Deliberately at parity".into()));
    let parity: Vec<Vec<Inline>> = order
        .iter()
        .filter(|t| t.parity)
        .map(|t| vec![text(format!("{} ({})", t.name, stage_name(j, t)))])
        .collect();
    if parity.is_empty() {
        b.push(Block::Muted("No parity choices recorded.".into()));
    } else {
        b.push(Block::Bullets(parity));
    }
    let undecided: Vec<Vec<Inline>> = order
        .iter()
        .filter(|t| t.moment_of_truth && !t.parity && !written(&t.differentiation_note))
        .map(|t| vec![text(format!("{} ({})", t.name, stage_name(j, t)))])
        .collect();
    if !undecided.is_empty() {
        b.push(Block::Heading(
            "Moments of truth with neither differentiation nor a parity choice".into(),
        ));
        b.push(Block::Bullets(undecided));
    }
    Section {
        id: "differentiation",
        title: "6. Differentiation".into(),
        blocks: b,
    }
}

/// The average of the rated values, with how many were rated, as a table cell.
fn average(values: impl Iterator<Item = Option<Rating>>) -> Vec<String> {
    let (sum, n, total) = values.fold((0u32, 0u32, 0u32), |(s, n, t), v| match v {
        Some(r) => (s + r.get() as u32, n + 1, t + 1),
        None => (s, n, t + 1),
    });
    if n == 0 {
        cell("unrated")
    } else {
        cell(format!(
            "{:.1} ({n} of {total} rated)",
            sum as f64 / n as f64
        ))
    }
}

fn criteria(j: &Journey) -> Section {
    let rows = j
        .stages
        .iter()
        .map(|s| {
            let c = || j.touchpoints_in(s.id).map(|t| t.criteria);
            vec![
                cell(&s.name),
                average(c().map(|c| c.consistent)),
                average(c().map(|c| c.intentional)),
                average(c().map(|c| c.differentiated)),
                average(c().map(|c| c.valuable)),
            ]
        })
        .collect();
    Section {
        id: "criteria",
        title: "7. The four criteria per stage".into(),
        blocks: vec![
            Block::Para(vec![text(
                "Average rating (1-5) of the stage's touchpoints. Consistent: the same \
                 quality every time, in every channel. Intentional: designed on purpose. \
                 Differentiated: customers can tell it apart. Valuable: worth it for the \
                 customer and the company.",
            )]),
            Block::Table(Table {
                head: vec![
                    "Stage".into(),
                    "Consistent".into(),
                    "Intentional".into(),
                    "Differentiated".into(),
                    "Valuable".into(),
                ],
                rows,
                wide: false,
            }),
        ],
    }
}

fn role(k: DepartmentKind) -> &'static str {
    match k {
        DepartmentKind::Marketing => "Frames the experience",
        DepartmentKind::Sales | DepartmentKind::Service | DepartmentKind::Operations => {
            "Fulfils the experience"
        }
        DepartmentKind::It => "Enables and measures it",
        DepartmentKind::Custom => "Owns touchpoints",
    }
}

fn delivery(order: &[&Touchpoint], j: &Journey) -> Section {
    let mut b = vec![Block::Heading("Owners".into())];
    if j.departments.is_empty() {
        b.push(Block::Muted("No departments recorded.".into()));
    } else {
        b.push(Block::Table(Table {
            head: vec!["Department".into(), "Role".into(), "Owns".into()],
            rows: j
                .departments
                .iter()
                .map(|d| {
                    let owned: Vec<String> = order
                        .iter()
                        .filter(|t| t.owner == Some(d.id))
                        .map(|t| t.name.clone())
                        .collect();
                    vec![cell(&d.name), cell(role(d.kind)), lines(&owned)]
                })
                .collect(),
            wide: false,
        }));
    }
    let unowned: Vec<Vec<Inline>> = order
        .iter()
        .filter(|t| t.owner.and_then(|d| j.department(d)).is_none())
        .map(|t| vec![text(&t.name)])
        .collect();
    if !unowned.is_empty() {
        b.push(Block::Para(vec![strong("No owner yet:")]));
        b.push(Block::Bullets(unowned));
    }
    b.push(Block::Heading("Partners acting for the brand".into()));
    if j.partners.is_empty() {
        b.push(Block::Muted("No partners recorded.".into()));
    } else {
        b.push(Block::Para(vec![text(
            "The brand can contract out the task, never the responsibility.",
        )]));
        b.push(Block::Table(Table {
            head: vec!["Partner".into(), "Role".into(), "Delivers".into()],
            rows: j
                .partners
                .iter()
                .map(|p| {
                    let delivered: Vec<String> = order
                        .iter()
                        .filter(|t| t.delivered_by == DeliveredBy::Partner(p.id))
                        .map(|t| t.name.clone())
                        .collect();
                    vec![cell(&p.name), cell(p.role.label()), lines(&delivered)]
                })
                .collect(),
            wide: false,
        }));
    }
    b.push(Block::Heading("Back-stage support per enabler".into()));
    type Enabler = (&'static str, fn(&Support) -> &str);
    let enablers: [Enabler; 4] = [
        ("Culture", |s| &s.culture),
        ("People", |s| &s.people),
        ("Process", |s| &s.process),
        ("Technology", |s| &s.technology),
    ];
    let rows: Vec<Vec<Vec<String>>> = enablers
        .iter()
        .map(|(name, get)| {
            let needs: Vec<String> = order
                .iter()
                .filter(|t| written(get(&t.support)))
                .map(|t| format!("{}: {}", t.name, get(&t.support)))
                .collect();
            let needs = if needs.is_empty() {
                cell("No support noted")
            } else {
                needs
            };
            vec![cell(*name), needs]
        })
        .collect();
    b.push(Block::Table(Table {
        head: vec!["Enabler".into(), "Support needed (touchpoint: need)".into()],
        rows,
        wide: false,
    }));
    Section {
        id: "delivery",
        title: "8. Delivery".into(),
        blocks: b,
    }
}

/// Section 9, from the diagnostics.
fn risks(j: &Journey) -> Section {
    Section {
        id: "risks",
        title: "9. Priorities and risks".into(),
        blocks: risk_blocks(j),
    }
}

/// The diagnostics' findings, grouped the way a CX lead reads risks: what to fix first, then
/// the kinds of breakage. The wording of each finding is the diagnostics' own.
fn risk_blocks(j: &Journey) -> Vec<Block> {
    use crate::analysis::{analyze, FindingKind as K, Severity};
    let report = analyze(j);
    let mut b = Vec::new();

    b.push(Block::Heading("Expectation gaps to close first".into()));
    let gaps: Vec<Vec<Vec<String>>> = report
        .customer
        .gaps
        .iter()
        .filter(|g| g.priority)
        .filter_map(|g| {
            let t = j.touchpoint(g.touchpoint)?;
            Some(vec![
                cell(stage_name(j, t)),
                touchpoint_cell(t),
                cell(g.importance.to_string()),
                cell(g.performance.to_string()),
                cell(g.gap.to_string()),
            ])
        })
        .collect();
    if gaps.is_empty() {
        b.push(Block::Muted(
            "No gaps: rate importance and performance to find them.".into(),
        ));
    } else {
        b.push(Block::Para(vec![text(
            "Gap = importance × (5 − performance), from 0 to 20.",
        )]));
        b.push(Block::Table(Table {
            head: ["Stage", "Touchpoint", "Importance", "Performance", "Gap"]
                .map(String::from)
                .to_vec(),
            rows: gaps,
            wide: false,
        }));
    }

    b.push(Block::Heading("Moments of truth".into()));
    let moments: Vec<Vec<Vec<String>>> = reading_order(j)
        .into_iter()
        .filter(|t| t.moment_of_truth)
        .map(|t| {
            vec![
                cell(stage_name(j, t)),
                cell(&t.name),
                cell(
                    t.performance
                        .map(|r| r.to_string())
                        .unwrap_or_else(|| "—".into()),
                ),
                cell(
                    t.emotion
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| "—".into()),
                ),
                cell(t.quadrant().map(|q| q.label()).unwrap_or("not placed")),
                if written(&t.standard_note) {
                    cell("yes")
                } else {
                    cell("no")
                },
            ]
        })
        .collect();
    if moments.is_empty() {
        b.push(Block::Muted(
            "No touchpoint is marked as a moment of truth.".into(),
        ));
    } else {
        b.push(Block::Table(Table {
            head: [
                "Stage",
                "Touchpoint",
                "Performance",
                "Emotion",
                "Quadrant",
                "Standard",
            ]
            .map(String::from)
            .to_vec(),
            rows: moments,
            wide: false,
        }));
    }

    let groups: [(&str, &[K], &str); 4] = [
        (
            "Moments of truth at risk",
            &[K::MomentWithoutStandard, K::ImprovisedMoment],
            "Every moment of truth has a standard and a tight experience.",
        ),
        (
            "Hand-offs that lose context",
            &[K::ContextLost],
            "Every hand-off carries the customer's context.",
        ),
        (
            "Unreachable and dead-end touchpoints",
            &[K::Unreachable, K::DeadEnd, K::Isolated],
            "Every touchpoint can be reached and leads somewhere.",
        ),
        (
            "Promise gaps",
            &[K::NoPromiseNote],
            "Every touchpoint the customer sees says how it keeps the promise.",
        ),
    ];
    let mut shown: Vec<K> = Vec::new();
    for (heading, kinds, none) in groups {
        b.push(Block::Heading(heading.into()));
        shown.extend_from_slice(kinds);
        let items: Vec<Vec<Inline>> = report
            .findings
            .iter()
            .filter(|f| kinds.contains(&f.kind))
            .map(finding)
            .collect();
        if items.is_empty() {
            b.push(Block::Muted(none.into()));
        } else {
            b.push(Block::Bullets(items));
        }
    }
    let others: Vec<Vec<Inline>> = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info && !shown.contains(&f.kind))
        .filter(|f| f.kind != K::PriorityGap)
        .map(finding)
        .collect();
    if !others.is_empty() {
        b.push(Block::Heading("Other problems and warnings".into()));
        b.push(Block::Bullets(others));
    }
    b
}

fn finding(f: &crate::analysis::Finding) -> Vec<Inline> {
    let mut line = vec![strong(format!("{}: {}", f.severity.label(), f.title))];
    if written(&f.detail) {
        line.push(text(format!(" {}", f.detail)));
    }
    line
}

fn journey(order: &[&Touchpoint], j: &Journey) -> Section {
    let name_of = |n: Option<&str>| n.map(str::to_string).unwrap_or_else(|| "—".into());
    let rate = |r: Option<Rating>| r.map(|r| r.to_string()).unwrap_or_else(|| "—".into());
    let rows = order
        .iter()
        .map(|t| {
            vec![
                cell(stage_name(j, t)),
                touchpoint_cell(t),
                cell(name_of(
                    t.channel
                        .and_then(|c| j.channel(c))
                        .map(|c| c.name.as_str()),
                )),
                cell(name_of(
                    t.owner
                        .and_then(|d| j.department(d))
                        .map(|d| d.name.as_str()),
                )),
                cell(j.delivered_by_name(t)),
                or_dash(&t.expectation),
                cell(rate(t.performance)),
                cell(rate(t.importance)),
                cell(
                    t.emotion
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| "—".into()),
                ),
                cell(t.quadrant().map(|q| q.label()).unwrap_or("—")),
                lines(&t.pain_points),
                lines(&t.opportunities),
                lines(&t.kpis),
            ]
        })
        .collect();
    Section {
        id: "journey",
        title: "10. The journey".into(),
        blocks: vec![
            Block::Diagram,
            Block::Heading("Every touchpoint".into()),
            Block::Table(Table {
                head: [
                    "Stage",
                    "Touchpoint",
                    "Channel",
                    "Owner",
                    "Delivered by",
                    "Expectation",
                    "Perf.",
                    "Imp.",
                    "Emotion",
                    "Quadrant",
                    "Pain points",
                    "Opportunities",
                    "KPIs",
                ]
                .map(String::from)
                .to_vec(),
                rows,
                wide: true,
            }),
        ],
    }
}
