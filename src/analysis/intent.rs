//! Intent and promise: is each touchpoint tied to the brand promise, placed in the right
//! loose/tight quadrant, and how does it score on the four tests of a managed experience?

use super::ctx::{count, list_text, Ctx};
use super::{Finding, FindingKind, Out, Severity};
use crate::model::*;

/// Ratings at or below this count as weak on a criterion.
pub const WEAK_RATING: u8 = 2;

#[derive(Debug, Clone, PartialEq)]
pub struct Intent {
    /// Touchpoints the customer sees with no brand-promise note. Back-stage touchpoints are
    /// left out: the promise is kept or broken where the customer can see it.
    pub missing_promise: Vec<TouchpointId>,
    /// Touchpoints the customer sees with no differentiation note and not marked at parity.
    pub missing_differentiation: Vec<TouchpointId>,
    /// Moments of truth with no standard note (what must be true every time).
    pub moments_without_standard: Vec<TouchpointId>,
    /// Loose/tight counts, one entry per stage.
    pub quadrants: Vec<StageQuadrants>,
    /// Touchpoints in the reversed quadrant: loose experience, tight behaviour.
    pub reversed: Vec<TouchpointId>,
    /// Moments of truth in the improvised quadrant: neither experience nor behaviour defined.
    pub improvised_moments: Vec<TouchpointId>,
    /// Touchpoints with the experience or the behaviour setting (or both) not chosen.
    pub tightness_unset: Vec<TouchpointId>,
    /// The four tests, one entry per stage.
    pub criteria: Vec<StageCriteria>,
    /// Touchpoints missing a rating on at least one of the four tests.
    pub criteria_unrated: Vec<TouchpointId>,
}

/// How a stage's touchpoints fall into the loose/tight quadrants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageQuadrants {
    pub stage: StageId,
    pub branded_freedom: usize,
    pub scripted: usize,
    pub improvised: usize,
    pub reversed: usize,
    /// Touchpoints with either setting not chosen.
    pub unset: usize,
}

/// One of the four tests of a managed experience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Criterion {
    Consistent,
    Intentional,
    Differentiated,
    Valuable,
}

impl Criterion {
    pub const ALL: [Criterion; 4] = [
        Criterion::Consistent,
        Criterion::Intentional,
        Criterion::Differentiated,
        Criterion::Valuable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Criterion::Consistent => "Consistent",
            Criterion::Intentional => "Intentional",
            Criterion::Differentiated => "Differentiated",
            Criterion::Valuable => "Valuable",
        }
    }

    pub fn rating(self, c: &Criteria) -> Option<Rating> {
        match self {
            Criterion::Consistent => c.consistent,
            Criterion::Intentional => c.intentional,
            Criterion::Differentiated => c.differentiated,
            Criterion::Valuable => c.valuable,
        }
    }
}

/// The four tests for the touchpoints of one stage, indexed like [`Criterion::ALL`].
#[derive(Debug, Clone, PartialEq)]
pub struct StageCriteria {
    pub stage: StageId,
    pub criteria: [CriterionSummary; 4],
}

impl StageCriteria {
    pub fn get(&self, c: Criterion) -> &CriterionSummary {
        &self.criteria[c as usize]
    }
}

/// One criterion over the touchpoints of one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionSummary {
    /// Average over the rated touchpoints; `None` when none is rated.
    pub average: Option<f64>,
    /// The lowest-rated touchpoint and its rating; the first in reading order on a tie.
    pub weakest: Option<(TouchpointId, u8)>,
    pub rated: usize,
    pub unrated: usize,
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

pub(super) fn analyze(cx: &Ctx, out: &mut Out) -> Intent {
    let j = cx.j;
    let missing_promise = cx.select(|i, t| cx.visible[i] && blank(&t.promise_note));
    let missing_differentiation =
        cx.select(|i, t| cx.visible[i] && blank(&t.differentiation_note) && !t.parity);
    let moments_without_standard = cx.select(|_, t| t.moment_of_truth && blank(&t.standard_note));
    let reversed = cx.select(|_, t| t.quadrant() == Some(Quadrant::Reversed));
    let improvised_moments =
        cx.select(|_, t| t.moment_of_truth && t.quadrant() == Some(Quadrant::Improvised));
    let tightness_unset = cx.select(|_, t| t.quadrant().is_none());
    let criteria_unrated = cx.select(|_, t| {
        Criterion::ALL
            .iter()
            .any(|c| c.rating(&t.criteria).is_none())
    });

    let quadrants = (0..j.stages.len())
        .map(|s| {
            let mut q = StageQuadrants {
                stage: j.stages[s].id,
                branded_freedom: 0,
                scripted: 0,
                improvised: 0,
                reversed: 0,
                unset: 0,
            };
            for &i in &cx.by_stage[s] {
                *match cx.tp(i).quadrant() {
                    Some(Quadrant::BrandedFreedom) => &mut q.branded_freedom,
                    Some(Quadrant::Scripted) => &mut q.scripted,
                    Some(Quadrant::Improvised) => &mut q.improvised,
                    Some(Quadrant::Reversed) => &mut q.reversed,
                    None => &mut q.unset,
                } += 1;
            }
            q
        })
        .collect();
    let criteria = (0..j.stages.len())
        .map(|s| {
            let tps = &cx.by_stage[s];
            StageCriteria {
                stage: j.stages[s].id,
                criteria: Criterion::ALL.map(|c| summarise(cx, tps, c)),
            }
        })
        .collect();

    let list = |kind, severity, title: String, detail: String, tps: &[usize]| {
        let f = Finding {
            kind,
            severity,
            title,
            detail,
            touchpoints: cx.ids(tps),
            transitions: Vec::new(),
        };
        (f, cx.first_place(tps))
    };
    if !missing_promise.is_empty() {
        out.push(list(
            FindingKind::NoPromiseNote,
            Severity::Warning,
            format!(
                "No link to the brand promise: {}",
                count(missing_promise.len(), "touchpoint")
            ),
            format!(
                "Nobody has said how these touchpoints keep {}: {}.",
                match j.promise.statement.trim() {
                    "" => "the brand promise".to_string(),
                    promise => format!("the promise \"{promise}\""),
                },
                cx.names(&missing_promise)
            ),
            &missing_promise,
        ));
    }
    if !missing_differentiation.is_empty() {
        out.push(list(
            FindingKind::NoDifferentiation,
            Severity::Warning,
            format!(
                "Neither different nor deliberately at parity: {}",
                count(missing_differentiation.len(), "touchpoint")
            ),
            format!(
                "Say how customers can tell these apart from competitors, or mark them at parity \
                 if that is the choice: {}.",
                cx.names(&missing_differentiation)
            ),
            &missing_differentiation,
        ));
    }
    for &i in &moments_without_standard {
        out.push(list(
            FindingKind::MomentWithoutStandard,
            Severity::Problem,
            format!("Moment of truth with no standard: {}", cx.name(i)),
            format!(
                "\"{}\" is one of the moments that matter most, yet nobody has written down what \
                 must be true there every time.",
                cx.name(i)
            ),
            &[i],
        ));
    }
    for &i in &improvised_moments {
        out.push(list(
            FindingKind::ImprovisedMoment,
            Severity::Problem,
            format!("Improvised moment of truth: {}", cx.name(i)),
            format!(
                "At \"{}\", one of the moments that matter most, neither the experience nor the \
                 behaviour is defined, so customers get whatever happens on the day. Make the \
                 experience tight and leave people free in how they deliver it.",
                cx.name(i)
            ),
            &[i],
        ));
    }
    for &i in &reversed {
        out.push(list(
            FindingKind::ReversedQuadrant,
            Severity::Warning,
            format!("Scripts without a purpose: {}", cx.name(i)),
            format!(
                "At \"{}\" behaviour is tight but the experience is loose: staff follow steps that \
                 no defined experience explains. Define the experience, then loosen the script.",
                cx.name(i)
            ),
            &[i],
        ));
    }
    if !tightness_unset.is_empty() {
        out.push(list(
            FindingKind::TightnessUnset,
            Severity::Info,
            format!(
                "Loose/tight not decided: {}",
                count(tightness_unset.len(), "touchpoint")
            ),
            format!(
                "Choose whether the experience is defined and whether behaviour is prescribed \
                 for: {}.",
                cx.names(&tightness_unset)
            ),
            &tightness_unset,
        ));
    }
    for c in Criterion::ALL {
        let weak = cx.select(|_, t| {
            c.rating(&t.criteria)
                .is_some_and(|r| r.get() <= WEAK_RATING)
        });
        if weak.is_empty() {
            continue;
        }
        let rated = list_text(weak.iter().map(|&i| {
            let r = c.rating(&cx.tp(i).criteria).expect("weak means rated");
            format!("\"{}\" ({r})", cx.name(i))
        }));
        out.push(list(
            FindingKind::WeakCriterion,
            Severity::Warning,
            format!(
                "Weak on {}: {} rated {WEAK_RATING} or less",
                c.label().to_lowercase(),
                count(weak.len(), "touchpoint")
            ),
            format!("Rated out of 5: {rated}."),
            &weak,
        ));
    }
    if !criteria_unrated.is_empty() {
        let missing = list_text(criteria_unrated.iter().map(|&i| {
            let t = cx.tp(i);
            let gaps: Vec<String> = Criterion::ALL
                .iter()
                .filter(|c| c.rating(&t.criteria).is_none())
                .map(|c| c.label().to_lowercase())
                .collect();
            format!("\"{}\" ({})", cx.name(i), gaps.join(", "))
        }));
        out.push(list(
            FindingKind::CriteriaUnrated,
            Severity::Info,
            format!(
                "Not yet rated on the four tests: {}",
                count(criteria_unrated.len(), "touchpoint")
            ),
            format!("Missing ratings: {missing}."),
            &criteria_unrated,
        ));
    }

    Intent {
        missing_promise: cx.ids(&missing_promise),
        missing_differentiation: cx.ids(&missing_differentiation),
        moments_without_standard: cx.ids(&moments_without_standard),
        quadrants,
        reversed: cx.ids(&reversed),
        improvised_moments: cx.ids(&improvised_moments),
        tightness_unset: cx.ids(&tightness_unset),
        criteria,
        criteria_unrated: cx.ids(&criteria_unrated),
    }
}

fn summarise(cx: &Ctx, tps: &[usize], c: Criterion) -> CriterionSummary {
    let ratings: Vec<(usize, u8)> = tps
        .iter()
        .filter_map(|&i| c.rating(&cx.tp(i).criteria).map(|r| (i, r.get())))
        .collect();
    let sum: u32 = ratings.iter().map(|&(_, r)| u32::from(r)).sum();
    CriterionSummary {
        average: (!ratings.is_empty()).then(|| f64::from(sum) / ratings.len() as f64),
        // `min_by_key` keeps the first of equal minima, and `tps` is in reading order.
        weakest: ratings
            .iter()
            .min_by_key(|&&(_, r)| r)
            .map(|&(i, r)| (cx.id(i), r)),
        rated: ratings.len(),
        unrated: tps.len() - ratings.len(),
    }
}
