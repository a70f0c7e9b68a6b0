//! Large, believable journeys for benchmarks, natively, in the browser and from the command
//! line (`throughline generate`).
//!
//! Deterministic: the same size and seed give the same journey on every machine, so timings
//! from different runs compare like with like. Text is assembled from phrase lists so string
//! lengths resemble what people type, which is what dominates save, load and clone costs.

use crate::model::*;
use std::collections::HashSet;

const STAGES: [&str; 8] = [
    "Discover",
    "Choose",
    "Buy",
    "Get started",
    "Use",
    "Get help",
    "Renew",
    "Recommend",
];
const VERBS: [&str; 12] = [
    "check",
    "compare",
    "order",
    "ask about",
    "track",
    "change",
    "pay for",
    "cancel",
    "book",
    "review",
    "complain about",
    "renew",
];
const OBJECTS: [&str; 12] = [
    "my bill",
    "the delivery date",
    "my account details",
    "a replacement part",
    "the contract terms",
    "my order",
    "the installation slot",
    "the monthly price",
    "a refund",
    "the warranty",
    "my appointment",
    "the loyalty offer",
];
const WHERE: [&str; 8] = [
    "online",
    "in the app",
    "on the phone",
    "in a store",
    "by email",
    "on chat",
    "with a partner",
    "at home",
];
const SENTENCES: [&str; 12] = [
    "The customer wants a clear answer without repeating what they already said.",
    "Most people arrive here after trying the website first.",
    "Staff can see the last three contacts and the open order.",
    "This step often happens in the evening, outside office hours.",
    "A partner delivers this step under our brand, so standards must travel with the job.",
    "Research shows this is where first impressions of reliability are formed.",
    "Waiting times vary widely between regions and days of the week.",
    "Customers compare this directly with what competitors offer.",
    "The information needed is spread over two internal systems.",
    "A confirmation message closes the loop and sets the next expectation.",
    "Complaints cluster here when the promised date slips.",
    "Customers who succeed here are far more likely to recommend us.",
];
const PAINS: [&str; 6] = [
    "Has to explain the problem again",
    "No confirmation that anything happened",
    "Price differs from what was quoted",
    "Cannot reach a person when it matters",
    "Status updates arrive too late to be useful",
    "Form asks for details we already hold",
];
const OPPORTUNITIES: [&str; 5] = [
    "Carry the customer's history into this step",
    "Send a proactive update before they need to ask",
    "Let staff resolve it without escalation",
    "Show the total price up front",
    "Offer a callback instead of a queue",
];
const KPIS: [&str; 6] = [
    "CSAT",
    "NPS",
    "Customer effort score",
    "First-contact resolution",
    "Conversion rate",
    "Average handling time",
];

/// A tiny deterministic source of choices; the id generator is already a good mixer.
struct Pick(IdGen);

impl Pick {
    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }
    fn one<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn sentences(&mut self, max: usize) -> String {
        let n = self.below(max + 1);
        (0..n)
            .map(|_| *self.one(&SENTENCES))
            .collect::<Vec<_>>()
            .join(" ")
    }
    fn some_of(&mut self, items: &[&str], max: usize) -> Vec<String> {
        let n = self.below(max + 1);
        (0..n).map(|_| self.one(items).to_string()).collect()
    }
    fn rating(&mut self) -> Option<Rating> {
        self.chance(80)
            .then(|| Rating::new(1 + self.below(5) as i64).expect("1..=5"))
    }
}

/// Ways into a journey: the names of touchpoints where customers start.
const ENTRIES: [&str; 6] = [
    "I see an advert",
    "I hear about it from a friend",
    "I search online for a provider",
    "I get a letter about a better deal",
    "I walk past the store",
    "I am referred by a partner",
];

/// How far apart the extra ways in are, in list positions. They sit in the first third of
/// the journey, as adverts, referrals and searches do.
const ENTRY_SPACING: usize = 50;

/// Whether touchpoint `i` of `n` is a way in: the first one, and every `ENTRY_SPACING`th one
/// (offset by half a spacing) in the first third.
fn is_entry(i: usize, n: usize) -> bool {
    i == 0 || (i % ENTRY_SPACING == ENTRY_SPACING / 2 && i < n / 3)
}

/// A journey with `n_touchpoints` touchpoints and about three transitions each, valid by
/// [`crate::format::validate`].
///
/// Shaped like a real one: several ways in (the first touchpoint and one in every fifty of
/// the first third, which nothing leads to), a main path of "next" steps through every other
/// touchpoint, alternatives, recoveries and return visits to nearby touchpoints (loops),
/// hand-offs between channels and to partners (about 40% without the customer's context),
/// the last touchpoint and about one in fifty others marked as journey ends. Every
/// touchpoint can be reached from a way in.
pub fn generated(n_touchpoints: usize, seed: u64) -> Journey {
    let mut ids = IdGen::new(seed);
    let mut pick = Pick(IdGen::new(seed ^ 0x5eed_5eed_5eed_5eed));
    let mut j = Journey {
        title: format!("Generated journey ({n_touchpoints} touchpoints)"),
        description: "A synthetic journey for measuring the editor at scale.".into(),
        scope: "Every channel, new and existing customers.".into(),
        state: JourneyState::AsIs,
        promise: BrandPromise {
            statement: "We get it right first time, and tell you before you have to ask.".into(),
            proof_points: vec![
                "Orders confirmed within five minutes".into(),
                "A person answers in under two minutes".into(),
            ],
            customer_values: vec!["Reliability".into(), "Being remembered".into()],
        },
        ..Journey::default()
    };

    let n_stages = (3 + n_touchpoints / 100).clamp(5, 30);
    j.stages = (0..n_stages)
        .map(|i| Stage {
            id: ids.id(),
            name: match STAGES.get(i) {
                Some(name) => name.to_string(),
                None => format!("Phase {}", i + 1),
            },
            goal: pick.sentences(1),
        })
        .collect();
    j.channels = ChannelKind::ALL
        .iter()
        .map(|&kind| Channel {
            id: ids.id(),
            name: kind.label().into(),
            kind,
        })
        .collect();
    j.lanes = [
        LaneKind::CustomerAction,
        LaneKind::FrontStage,
        LaneKind::BackStage,
        LaneKind::SupportProcess,
    ]
    .iter()
    .map(|&kind| Lane {
        id: ids.id(),
        name: kind.label().into(),
        kind,
    })
    .collect();
    j.partners = [
        ("Swift Installs", PartnerRole::Installer),
        ("High Street Retail", PartnerRole::Retailer),
        ("ContactCo", PartnerRole::OutsourcedSupport),
    ]
    .iter()
    .map(|&(name, role)| Partner {
        id: ids.id(),
        name: name.into(),
        role,
    })
    .collect();
    j.departments = [
        ("Marketing", DepartmentKind::Marketing),
        ("Sales", DepartmentKind::Sales),
        ("Service", DepartmentKind::Service),
        ("Operations", DepartmentKind::Operations),
        ("IT", DepartmentKind::It),
    ]
    .iter()
    .map(|&(name, kind)| Department {
        id: ids.id(),
        name: name.into(),
        kind,
    })
    .collect();
    j.personas = ["Busy parent", "Small-business owner", "Student"]
        .iter()
        .map(|name| Persona {
            id: ids.id(),
            name: name.to_string(),
            expectations: pick.sentences(2),
            notes: String::new(),
        })
        .collect();

    let tight = |p: &mut Pick| match p.below(3) {
        0 => None,
        1 => Some(Tightness::Tight),
        _ => Some(Tightness::Loose),
    };
    for i in 0..n_touchpoints {
        // Stages in order along the list, as a real journey reads left to right.
        let stage = j.stages[i * n_stages / n_touchpoints.max(1)].id;
        let name = if is_entry(i, n_touchpoints) {
            format!("{} {}", pick.one(&ENTRIES), pick.one(&WHERE))
        } else {
            format!(
                "I {} {} {}",
                pick.one(&VERBS),
                pick.one(&OBJECTS),
                pick.one(&WHERE)
            )
        };
        let mut t = Touchpoint::new(ids.id(), name, stage);
        t.description = pick.sentences(3);
        t.channel = pick.chance(85).then(|| pick.one(&j.channels).id);
        t.lane = Some(pick.one(&j.lanes).id);
        if pick.chance(20) {
            t.delivered_by = DeliveredBy::Partner(pick.one(&j.partners).id);
        }
        t.owner = pick.chance(90).then(|| pick.one(&j.departments).id);
        t.customer_action = pick.sentences(1);
        t.expectation = pick.sentences(1);
        t.performance = pick.rating();
        t.importance = pick.rating();
        t.emotion = pick
            .chance(80)
            .then(|| Emotion::new(pick.below(5) as i64 - 2).expect("-2..=2"));
        t.moment_of_truth = pick.chance(10);
        t.promise_note = pick.sentences(1);
        t.proof_point = pick.sentences(1);
        t.differentiation_note = pick.sentences(1);
        t.parity = pick.chance(10);
        t.experience = tight(&mut pick);
        t.behaviour = tight(&mut pick);
        t.latitude_note = pick.sentences(1);
        t.standard_note = pick.sentences(1);
        t.criteria = Criteria {
            consistent: pick.rating(),
            intentional: pick.rating(),
            differentiated: pick.rating(),
            valuable: pick.rating(),
        };
        t.support = Support {
            culture: pick.sentences(1),
            people: pick.sentences(1),
            process: pick.sentences(1),
            technology: pick.sentences(1),
        };
        t.pain_points = pick.some_of(&PAINS, 2);
        t.opportunities = pick.some_of(&OPPORTUNITIES, 2);
        t.kpis = pick.some_of(&KPIS, 2);
        t.evidence = match pick.below(5) {
            0 => None,
            1 => Some(Evidence::Assumption),
            2 => Some(Evidence::Anecdote),
            3 => Some(Evidence::Research),
            _ => Some(Evidence::Data),
        };
        if pick.chance(30) {
            t.personas.push(pick.one(&j.personas).id);
        }
        // Customers leave along the way (they cancel, or are done), and at the end.
        t.journey_end = i + 1 == n_touchpoints || pick.chance(2);
        j.touchpoints.push(t);
    }

    // The main path, plus two links to nearby touchpoints: alternatives, recoveries, returns.
    let n = j.touchpoints.len();
    let mut taken = HashSet::new();
    for i in 0..n {
        let mut link = |j: &mut Journey, to: usize, kind: TransitionKind, pick: &mut Pick| {
            // Nothing leads into a way in; a self-loop is not a way in either, so it is kept.
            if is_entry(to, n) && to != i {
                return;
            }
            let (from, to) = (j.touchpoints[i].id, j.touchpoints[to].id);
            if taken.insert((from, to, kind)) {
                j.transitions.push(Transition {
                    id: ids.id(),
                    from,
                    to,
                    label: if pick.chance(30) {
                        pick.one(&PAINS).to_string()
                    } else {
                        String::new()
                    },
                    kind,
                    carries_context: pick.chance(60),
                });
            }
        };
        // The main path steps over a way in to the touchpoint after it.
        let next = if is_entry(i + 1, n) { i + 2 } else { i + 1 };
        if next < n {
            link(&mut j, next, TransitionKind::Next, &mut pick);
        }
        for _ in 0..2 {
            let to = (i + pick.below(41)).saturating_sub(20).min(n - 1);
            let kind = *pick.one(&[
                TransitionKind::Alternative,
                TransitionKind::Recovery,
                TransitionKind::Return,
            ]);
            link(&mut j, to, kind, &mut pick);
        }
    }
    j
}

/// The shared generator's journey with an exact transition count, for the diagnostics
/// budget. The last touchpoint is made a pure exit (its return visits removed), so the main
/// path runs the whole length. It is then topped up to the transition count the budget names
/// (the generator makes about 2.8 per touchpoint) with steps between nearby touchpoints, as
/// the generator's own alternatives are, chosen by a fixed rule (never into a way in) so
/// every run measures the same journey.
pub fn analysable(touchpoints: usize, transitions: usize, seed: u64) -> Journey {
    let mut j = generated(touchpoints, seed);
    let n = j.touchpoints.len();
    let (first, last) = (j.touchpoints[0].id, j.touchpoints[n - 1].id);
    j.transitions.retain(|t| t.to != first && t.from != last);
    j.touchpoints[n - 1].journey_end = true;
    let mut ids = IdGen::new(0xbe9c_4a11);
    let mut k = 0usize;
    while j.transitions.len() < transitions && n > 1 {
        let from = (k * 7_919) % n;
        let to = (from + 2 + k % 9).min(n - 1);
        k += 1;
        if from == to || is_entry(to, n) {
            continue;
        }
        j.transitions.push(Transition {
            id: ids.id(),
            from: j.touchpoints[from].id,
            to: j.touchpoints[to].id,
            label: String::new(),
            kind: if k.is_multiple_of(3) {
                TransitionKind::Recovery
            } else {
                TransitionKind::Alternative
            },
            carries_context: k.is_multiple_of(2),
        });
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::validate;

    #[test]
    fn generated_journeys_are_valid_at_every_size() {
        for n in [0, 1, 2, 7, 100, 1000] {
            let j = generated(n, 42);
            assert_eq!(j.touchpoints.len(), n);
            assert_eq!(validate(&j), vec![], "size {n}");
        }
    }

    #[test]
    fn about_three_transitions_per_touchpoint() {
        let j = generated(1000, 1);
        let per = j.transitions.len() as f64 / 1000.0;
        assert!(
            (2.5..=3.0).contains(&per),
            "{per} transitions per touchpoint"
        );
    }

    #[test]
    fn generated_journeys_have_ways_in_and_out_and_nothing_unreachable() {
        for n in [100, 1000] {
            let s = crate::analysis::analyze(&generated(n, 3)).structure;
            let entries = 1 + (ENTRY_SPACING / 2..n / 3).step_by(ENTRY_SPACING).count();
            assert_eq!(s.entries.len(), entries, "size {n}");
            assert!(s.entries.len() >= 2, "size {n}");
            assert!(s.exits.len() >= 2, "size {n}");
            assert_eq!(s.unreachable, vec![], "size {n}");
            assert_eq!(s.dead_ends, vec![], "size {n}");
            assert!(!s.cycles.is_empty(), "size {n}: return visits make loops");
            assert!(s.main_path.is_some(), "size {n}");
        }
    }

    #[test]
    fn same_seed_same_journey_other_seed_other_ids() {
        assert_eq!(generated(50, 9), generated(50, 9));
        assert_ne!(
            generated(50, 9).touchpoints[0].id,
            generated(50, 10).touchpoints[0].id
        );
    }
}
