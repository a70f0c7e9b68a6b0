//! The customer's side: where expectations are missed most, how the journey feels stage by
//! stage, pain points nobody has answered, and which personas each stage serves.

use super::ctx::{count, list_text, Ctx, IdMap};
use super::{Finding, FindingKind, Out, Severity};
use crate::model::*;

/// How many of the largest expectation gaps are flagged as priorities.
pub const PRIORITY_GAPS: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    /// Touchpoints with both importance and performance rated, largest gap first (reading
    /// order on a tie).
    pub gaps: Vec<ExpectationGap>,
    /// The emotion curve, one entry per stage.
    pub emotion: Vec<StageEmotion>,
    /// Touchpoints with at least one pain point and no opportunity written.
    pub pain_without_opportunity: Vec<TouchpointId>,
    /// One entry per persona, in the journey's persona order.
    pub personas: Vec<PersonaCoverage>,
}

/// How far a touchpoint falls short of what customers expect, weighted by how much it matters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectationGap {
    pub touchpoint: TouchpointId,
    pub importance: u8,
    pub performance: u8,
    /// importance x (5 - performance): 0 (met, or does not matter) to 20.
    pub gap: u8,
    /// Among the first [`PRIORITY_GAPS`] in the ranking, with a gap above zero.
    pub priority: bool,
}

/// One point of the emotion curve.
#[derive(Debug, Clone, PartialEq)]
pub struct StageEmotion {
    pub stage: StageId,
    /// Average over touchpoints with an emotion, -2 to +2.
    pub average: Option<f64>,
    /// The touchpoint that feels worst and its emotion; the first in reading order on a tie.
    pub lowest: Option<(TouchpointId, i8)>,
    pub rated: usize,
}

/// Which touchpoints apply to a persona. A touchpoint with no personas listed applies to all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonaCoverage {
    pub persona: PersonaId,
    pub touchpoints: usize,
    /// Stages, in stage order, with no touchpoint for this persona.
    pub stages_without: Vec<StageId>,
}

fn written(items: &[String]) -> bool {
    items.iter().any(|s| !s.trim().is_empty())
}

/// The diagnostics, and the average emotion over every touchpoint (for the summary).
pub(super) fn analyze(cx: &Ctx, out: &mut Out) -> (Customer, Option<f64>) {
    let j = cx.j;

    // One pass over the touchpoints gathers everything below: on a large journey each pass
    // is a trip through memory far bigger than the cache.
    let persona_pos: IdMap<PersonaId, usize> = j
        .personas
        .iter()
        .enumerate()
        .map(|(k, p)| (p.id, k))
        .collect();
    let mut ranked: Vec<(usize, u8, u8, u8)> = Vec::new();
    let mut felt = vec![Felt::default(); j.stages.len()];
    let mut all_felt = Felt::default();
    let mut unanswered = Vec::new();
    let mut per_persona = vec![0usize; j.personas.len()];
    let mut covered = vec![vec![false; j.stages.len()]; j.personas.len()];
    let mut listed = vec![false; j.personas.len()];
    for &i in &cx.order {
        let t = cx.tp(i);
        if let (Some(imp), Some(perf)) = (t.importance, t.performance) {
            let (imp, perf) = (imp.get(), perf.get());
            ranked.push((i, imp, perf, imp * (5 - perf)));
        }
        if let Some(e) = t.emotion {
            all_felt.add(i, e.get());
            if let Some(s) = cx.stage_of[i] {
                felt[s].add(i, e.get());
            }
        }
        if written(&t.pain_points) && !written(&t.opportunities) {
            unanswered.push(i);
        }
        listed.fill(t.personas.is_empty());
        for p in &t.personas {
            if let Some(&k) = persona_pos.get(p) {
                listed[k] = true;
            }
        }
        for (k, _) in listed.iter().enumerate().filter(|(_, &l)| l) {
            per_persona[k] += 1;
            if let Some(s) = cx.stage_of[i] {
                covered[k][s] = true;
            }
        }
    }
    // Stable sort: equal gaps stay in reading order.
    ranked.sort_by_key(|&(_, _, _, gap)| std::cmp::Reverse(gap));
    let gaps: Vec<ExpectationGap> = ranked
        .iter()
        .enumerate()
        .map(|(n, &(i, importance, performance, gap))| ExpectationGap {
            touchpoint: cx.id(i),
            importance,
            performance,
            gap,
            priority: n < PRIORITY_GAPS && gap > 0,
        })
        .collect();
    for (n, &(i, imp, perf, gap)) in ranked.iter().enumerate() {
        if !gaps[n].priority {
            break;
        }
        out.push((
            Finding {
                kind: FindingKind::PriorityGap,
                severity: Severity::Warning,
                title: format!(
                    "Priority gap #{}: {} (importance {imp}, performance {perf})",
                    n + 1,
                    cx.name(i)
                ),
                detail: format!(
                "Customers rate \"{}\" {imp} out of 5 for importance and the brand delivers {perf} \
                 out of 5 today: a gap of {gap} out of 20, the {} in the journey.",
                cx.name(i),
                ordinal(n + 1)
            ),
                touchpoints: vec![cx.id(i)],
                transitions: Vec::new(),
            },
            cx.first_place(&[i]),
        ));
    }

    let mut emotion = Vec::new();
    for (s, stage) in j.stages.iter().enumerate() {
        let lowest = felt[s].lowest;
        if let Some((i, e)) = lowest.filter(|&(_, e)| e < 0) {
            out.push((
                Finding {
                    kind: FindingKind::EmotionalLow,
                    severity: Severity::Warning,
                    title: format!(
                        "Emotional low point in {}: {} ({e})",
                        stage.name,
                        cx.name(i)
                    ),
                    detail: format!(
                        "Customers feel worst at \"{}\" in this stage. Low points are remembered \
                         long after the rest.",
                        cx.name(i)
                    ),
                    touchpoints: vec![cx.id(i)],
                    transitions: Vec::new(),
                },
                cx.first_place(&[i]),
            ));
        }
        let f = felt[s];
        emotion.push(StageEmotion {
            stage: stage.id,
            average: f.average(),
            lowest: lowest.map(|(i, e)| (cx.id(i), e)),
            rated: f.rated,
        });
    }

    if !unanswered.is_empty() {
        out.push((
            Finding {
                kind: FindingKind::PainWithoutOpportunity,
                severity: Severity::Warning,
                title: format!(
                    "Pain points with no opportunity: {}",
                    count(unanswered.len(), "touchpoint")
                ),
                detail: format!(
                    "Customers' pain is recorded here but nobody has written what could be done \
                     about it: {}.",
                    cx.names(&unanswered)
                ),
                touchpoints: cx.ids(&unanswered),
                transitions: Vec::new(),
            },
            cx.first_place(&unanswered),
        ));
    }

    let mut personas = Vec::new();
    for (k, p) in j.personas.iter().enumerate() {
        let missing: Vec<usize> = (0..j.stages.len()).filter(|&s| !covered[k][s]).collect();
        if !missing.is_empty() {
            out.push((
                Finding {
                    kind: FindingKind::PersonaGap,
                    severity: Severity::Warning,
                    title: format!(
                        "{} has no touchpoint in {}",
                        p.name,
                        list_text(missing.iter().map(|&s| cx.stage_name(s).to_string()))
                            .replace("; ", ", ")
                    ),
                    detail: format!(
                        "No touchpoint in {} applies to {}, so the journey does not say what \
                         happens to them there.",
                        count(missing.len(), "stage"),
                        p.name
                    ),
                    touchpoints: Vec::new(),
                    transitions: Vec::new(),
                },
                usize::MAX,
            ));
        }
        personas.push(PersonaCoverage {
            persona: p.id,
            touchpoints: per_persona[k],
            stages_without: missing.iter().map(|&s| j.stages[s].id).collect(),
        });
    }

    let customer = Customer {
        gaps,
        emotion,
        pain_without_opportunity: cx.ids(&unanswered),
        personas,
    };
    (customer, all_felt.average())
}

/// One stage's emotions, gathered touchpoint by touchpoint in reading order.
#[derive(Clone, Copy, Default)]
struct Felt {
    sum: i32,
    rated: usize,
    lowest: Option<(usize, i8)>,
}

impl Felt {
    fn average(self) -> Option<f64> {
        (self.rated > 0).then(|| f64::from(self.sum) / self.rated as f64)
    }

    fn add(&mut self, i: usize, e: i8) {
        self.sum += i32::from(e);
        self.rated += 1;
        // Strictly lower only: on a tie the first in reading order stays the lowest.
        if self.lowest.is_none_or(|(_, l)| e < l) {
            self.lowest = Some((i, e));
        }
    }
}

fn ordinal(n: usize) -> String {
    match n {
        1 => "largest".to_string(),
        2 => "second largest".to_string(),
        3 => "third largest".to_string(),
        n => format!("{n}th largest"),
    }
}
