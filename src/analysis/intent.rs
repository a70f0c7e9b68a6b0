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

/// The diagnostics, and how many touchpoints are in branded freedom (for the summary).
pub(super) fn analyze(cx: &Ctx, out: &mut Out) -> (Intent, usize) {
    let j = cx.j;
    // One pass over the touchpoints: on a large journey each pass costs a trip through
    // memory far bigger than the cache, and this module asks a dozen questions of each.
    let mut missing_promise = Vec::new();
    let mut missing_differentiation = Vec::new();
    let mut moments_without_standard = Vec::new();
    let mut reversed = Vec::new();
    let mut improvised_moments = Vec::new();
    let mut tightness_unset = Vec::new();
    let mut criteria_unrated = Vec::new();
    let mut weak: [Vec<usize>; 4] = Default::default();
    let mut branded = 0;
    let mut quadrants: Vec<StageQuadrants> = j
        .stages
        .iter()
        .map(|s| StageQuadrants {
            stage: s.id,
            branded_freedom: 0,
            scripted: 0,
            improvised: 0,
            reversed: 0,
            unset: 0,
        })
        .collect();
    let mut tally = vec![[Tally::default(); 4]; j.stages.len()];
    for &i in &cx.order {
        let t = cx.tp(i);
        if cx.visible[i] && blank(&t.promise_note) {
            missing_promise.push(i);
        }
        if cx.visible[i] && blank(&t.differentiation_note) && !t.parity {
            missing_differentiation.push(i);
        }
        if t.moment_of_truth && blank(&t.standard_note) {
            moments_without_standard.push(i);
        }
        let quadrant = t.quadrant();
        branded += usize::from(quadrant == Some(Quadrant::BrandedFreedom));
        match quadrant {
            Some(Quadrant::Reversed) => reversed.push(i),
            Some(Quadrant::Improvised) if t.moment_of_truth => improvised_moments.push(i),
            None => tightness_unset.push(i),
            _ => {}
        }
        let ratings = Criterion::ALL.map(|c| c.rating(&t.criteria).map(Rating::get));
        if ratings.iter().any(Option::is_none) {
            criteria_unrated.push(i);
        }
        for (k, r) in ratings.iter().enumerate() {
            if r.is_some_and(|r| r <= WEAK_RATING) {
                weak[k].push(i);
            }
        }
        if let Some(s) = cx.stage_of[i] {
            let q = &mut quadrants[s];
            *match quadrant {
                Some(Quadrant::BrandedFreedom) => &mut q.branded_freedom,
                Some(Quadrant::Scripted) => &mut q.scripted,
                Some(Quadrant::Improvised) => &mut q.improvised,
                Some(Quadrant::Reversed) => &mut q.reversed,
                None => &mut q.unset,
            } += 1;
            for (acc, r) in tally[s].iter_mut().zip(ratings) {
                acc.add(i, r);
            }
        }
    }
    let criteria = j
        .stages
        .iter()
        .zip(&tally)
        .map(|(s, t)| StageCriteria {
            stage: s.id,
            criteria: t.map(|acc| acc.summary(cx)),
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
    for (c, weak) in Criterion::ALL.into_iter().zip(&weak) {
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
            weak,
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

    let intent = Intent {
        missing_promise: cx.ids(&missing_promise),
        missing_differentiation: cx.ids(&missing_differentiation),
        moments_without_standard: cx.ids(&moments_without_standard),
        quadrants,
        reversed: cx.ids(&reversed),
        improvised_moments: cx.ids(&improvised_moments),
        tightness_unset: cx.ids(&tightness_unset),
        criteria,
        criteria_unrated: cx.ids(&criteria_unrated),
    };
    (intent, branded)
}

/// One criterion over one stage, gathered touchpoint by touchpoint in reading order.
#[derive(Clone, Copy, Default)]
struct Tally {
    sum: u32,
    rated: usize,
    unrated: usize,
    weakest: Option<(usize, u8)>,
}

impl Tally {
    fn add(&mut self, i: usize, rating: Option<u8>) {
        let Some(r) = rating else {
            self.unrated += 1;
            return;
        };
        self.sum += u32::from(r);
        self.rated += 1;
        // Strictly lower only: on a tie the first in reading order stays the weakest.
        if self.weakest.is_none_or(|(_, w)| r < w) {
            self.weakest = Some((i, r));
        }
    }

    fn summary(self, cx: &Ctx) -> CriterionSummary {
        CriterionSummary {
            average: (self.rated > 0).then(|| f64::from(self.sum) / self.rated as f64),
            weakest: self.weakest.map(|(i, r)| (cx.id(i), r)),
            rated: self.rated,
            unrated: self.unrated,
        }
    }
}
