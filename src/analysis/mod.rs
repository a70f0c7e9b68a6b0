//! Journey diagnostics: what the touchpoint graph says about a journey.
//!
//! [`analyze`] is a pure function of a [`Journey`]: no I/O, no clock, no randomness, so the
//! same journey always gives an identical [`Report`]. The insights panel and the exported
//! framework both read the report; neither recomputes anything.
//!
//! The graph work (entries, reachability, repeat cycles, the main path, route counts) uses
//! petgraph on a graph built here and thrown away: its node indices never leave this module,
//! every result names touchpoints by [`TouchpointId`] and transitions by [`TransitionId`].
//!
//! Conventions shared by every list in the report:
//! - touchpoints are in reading order: by stage (left to right), then by their position in the
//!   journey's touchpoint list; transitions are in the journey's transition order;
//! - per-stage tables follow the journey's stage order and include empty stages;
//! - "unrated" means `None`, never zero, and averages are over rated touchpoints only
//!   (`None` when nothing is rated);
//! - a note counts as written when it holds more than whitespace;
//! - references to entities that do not exist (a deleted channel, a transition to a missing
//!   touchpoint) are ignored here: validation reports them.

mod continuity;
mod ctx;
mod customer;
mod delivery;
mod intent;
mod structure;

pub use continuity::{Continuity, HandOff};
pub use customer::{Customer, ExpectationGap, PersonaCoverage, StageEmotion, PRIORITY_GAPS};
pub use delivery::{Delivery, OwnerLoad, PartnerLoad};
pub use intent::{Criterion, CriterionSummary, Intent, StageCriteria, StageQuadrants, WEAK_RATING};
pub use structure::{Cycle, MainPath, PathCount, Structure, PATH_COUNT_LIMIT};

use crate::model::*;
use ctx::Ctx;

/// Findings as the diagnostics produce them, each with its place in reading order (that of
/// its earliest touchpoint, `usize::MAX` if it names none), so ordering them needs no lookups.
type Out = Vec<(Finding, usize)>;

/// Everything the diagnostics found in one journey.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Every finding, ordered by category, then severity (problems first), then the reading
    /// order of the first touchpoint it names.
    pub findings: Vec<Finding>,
    pub structure: Structure,
    pub continuity: Continuity,
    pub intent: Intent,
    pub customer: Customer,
    pub delivery: Delivery,
    pub summary: Summary,
}

/// One thing worth telling the designer, naming the touchpoints and transitions it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    /// One line, in a CX designer's words, naming the touchpoints where it can.
    pub title: String,
    /// What it means and, where there is one, what to do about it.
    pub detail: String,
    /// The touchpoints to select and reveal when the finding is clicked.
    pub touchpoints: Vec<TouchpointId>,
    pub transitions: Vec<TransitionId>,
}

/// How much a finding matters. Ordered most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Customers are let down here, or the journey is broken.
    Problem,
    /// Something is missing or doubtful; worth a look.
    Warning,
    /// A fact about the journey, not a defect.
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Problem => "Problem",
            Severity::Warning => "Warning",
            Severity::Info => "Info",
        }
    }
}

/// The five groups the insights panel shows findings in, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// The shape of the journey: where it starts, ends, loops and breaks.
    Structure,
    /// Whether the brand remembers the customer across channels, partners and departments.
    Continuity,
    /// The promise, loose/tight placement and the four tests of a managed experience.
    Intent,
    /// Expectations, emotions, pain points and personas.
    Customer,
    /// Who owns and delivers each touchpoint, and what back-stage support it has.
    Delivery,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Structure,
        Category::Continuity,
        Category::Intent,
        Category::Customer,
        Category::Delivery,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Category::Structure => "Structure",
            Category::Continuity => "Continuity",
            Category::Intent => "Intent and promise",
            Category::Customer => "Customer",
            Category::Delivery => "Delivery",
        }
    }
}

/// One variant per diagnostic. Variants are grouped by [`Category`] in declaration order,
/// which is also the order findings of equal rank are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// Info: the touchpoints customers start at (no incoming transition).
    EntryPoints,
    /// Info: the touchpoints where the journey can end.
    Exits,
    /// Problem: touchpoints no entry point leads to.
    Unreachable,
    /// Warning, one per touchpoint: nowhere to go next, and not marked as a journey end.
    DeadEnd,
    /// Warning: touchpoints with no transition to or from any other touchpoint.
    Isolated,
    /// Info, one per cycle: touchpoints customers can come back round through.
    RepeatCycle,
    /// Info: the main path (see [`MainPath`]).
    MainPath,
    /// Info: how many distinct routes lead from an entry point to an exit.
    PathCount,
    /// Warning, one per transition: goes back to an earlier stage but is not a return visit.
    BackwardTransition,
    /// Problem, one per transition: a hand-off that does not carry the customer's context.
    ContextLost,
    /// Info: every change of channel, and how many lose context.
    ChannelHandOffs,
    /// Info: every hand-off between the brand and a partner (or between two partners).
    PartnerHandOffs,
    /// Info: every hand-off between departments.
    DepartmentHandOffs,
    /// Warning: touchpoints the customer sees with no brand-promise note.
    NoPromiseNote,
    /// Warning: touchpoints the customer sees with no differentiation note and no parity flag.
    NoDifferentiation,
    /// Problem, one per touchpoint: a moment of truth with no standard note.
    MomentWithoutStandard,
    /// Problem, one per touchpoint: a moment of truth in the improvised quadrant.
    ImprovisedMoment,
    /// Warning, one per touchpoint: the reversed quadrant (loose experience, tight behaviour).
    ReversedQuadrant,
    /// Info: touchpoints whose experience or behaviour setting is not chosen.
    TightnessUnset,
    /// Warning, one per criterion: touchpoints rated 2 or less on it.
    WeakCriterion,
    /// Info: touchpoints missing a rating on any of the four tests.
    CriteriaUnrated,
    /// Warning, one per priority: the largest expectation gaps.
    PriorityGap,
    /// Warning, one per stage: the stage's lowest emotion, when it is negative.
    EmotionalLow,
    /// Warning: touchpoints with pain points and no opportunity written.
    PainWithoutOpportunity,
    /// Warning, one per persona: stages where the persona has no touchpoint.
    PersonaGap,
    /// Warning: touchpoints with no owning department.
    Unowned,
    /// Info: how many touchpoints each department owns.
    Owners,
    /// Info, one per partner: the touchpoints a partner delivers.
    PartnerDelivered,
    /// Warning: touchpoints with no back-stage support note from any enabler.
    NoSupportNote,
}

impl FindingKind {
    pub fn category(self) -> Category {
        use FindingKind::*;
        match self {
            EntryPoints | Exits | Unreachable | DeadEnd | Isolated | RepeatCycle | MainPath
            | PathCount | BackwardTransition => Category::Structure,
            ContextLost | ChannelHandOffs | PartnerHandOffs | DepartmentHandOffs => {
                Category::Continuity
            }
            NoPromiseNote
            | NoDifferentiation
            | MomentWithoutStandard
            | ImprovisedMoment
            | ReversedQuadrant
            | TightnessUnset
            | WeakCriterion
            | CriteriaUnrated => Category::Intent,
            PriorityGap | EmotionalLow | PainWithoutOpportunity | PersonaGap => Category::Customer,
            Unowned | Owners | PartnerDelivered | NoSupportNote => Category::Delivery,
        }
    }
}

/// The headline figures for the insights panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub touchpoints: usize,
    pub transitions: usize,
    pub problems: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Share (0 to 1) of all touchpoints in branded freedom (tight experience, loose
    /// behaviour); touchpoints with a setting unchosen count against it. `None` when the
    /// journey has no touchpoints.
    pub branded_freedom_share: Option<f64>,
    /// Average expectation gap over touchpoints with both importance and performance rated.
    pub average_gap: Option<f64>,
    /// Average emotion (-2 to +2) over touchpoints with an emotion.
    pub average_emotion: Option<f64>,
    /// Hand-offs that lose the customer's context.
    pub context_lost: usize,
}

/// Runs every diagnostic on `j`.
pub fn analyze(j: &Journey) -> Report {
    let cx = Ctx::new(j);
    let mut found = Out::new();
    let structure = structure::analyze(&cx, &mut found);
    let continuity = continuity::analyze(&cx, &mut found);
    let (intent, branded) = intent::analyze(&cx, &mut found);
    let (customer, average_emotion) = customer::analyze(&cx, &mut found);
    let delivery = delivery::analyze(&cx, &mut found);
    let findings = sort_findings(found);

    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let n = j.touchpoints.len();
    let summary = Summary {
        touchpoints: n,
        transitions: j.transitions.len(),
        problems: count(Severity::Problem),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        branded_freedom_share: (n > 0).then(|| branded as f64 / n as f64),
        average_gap: mean(customer.gaps.iter().map(|g| g.gap as f64)),
        average_emotion,
        context_lost: continuity.context_lost().count(),
    };
    Report {
        findings,
        structure,
        continuity,
        intent,
        customer,
        delivery,
        summary,
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Category, severity, then where the finding sits in the journey (its earliest touchpoint in
/// reading order), so the list reads left to right within a group. Ties go by kind, then by
/// the order the diagnostics produced them, which for findings about transitions is the
/// journey's transition order.
fn sort_findings(found: Out) -> Vec<Finding> {
    // Each key packs the sort fields into one integer, most significant first: comparing
    // integers is several times cheaper than comparing tuples, and a large journey has tens
    // of thousands of findings to order.
    let clamp = |v: usize| v.min(u32::MAX as usize) as u128;
    let mut keys: Vec<u128> = found
        .iter()
        .enumerate()
        .map(|(n, (f, place))| {
            (f.kind.category() as u128) << 80
                | (f.severity as u128) << 72
                | clamp(*place) << 40
                | (f.kind as u128) << 32
                | clamp(n)
        })
        .collect();
    keys.sort_unstable();
    // Moving each finding once into place is cheaper than sorting the findings themselves.
    let mut slots: Vec<Option<Finding>> = found.into_iter().map(|(f, _)| Some(f)).collect();
    keys.iter()
        .filter_map(|&k| slots[(k & u128::from(u32::MAX)) as usize].take())
        .collect()
}
