//! Golden tests for the journey diagnostics: small hand-made journeys, each finding asserted
//! exactly (which touchpoints, which transitions, which numbers).

use throughline::analysis::*;
use throughline::model::*;

/// Builds small journeys with readable, fixed ids: stage `s` has id 100 + s, touchpoints and
/// transitions are numbered from 1 in the order they are added.
struct J {
    j: Journey,
    next: u64,
}

impl J {
    fn new(stages: &[&str]) -> J {
        let j = Journey {
            stages: stages
                .iter()
                .enumerate()
                .map(|(i, name)| Stage {
                    id: StageId(100 + i as u64),
                    name: name.to_string(),
                    goal: String::new(),
                })
                .collect(),
            ..Journey::default()
        };
        J { j, next: 1 }
    }

    fn tp(&mut self, name: &str, stage: usize) -> TouchpointId {
        let id = TouchpointId(self.next);
        self.next += 1;
        let stage = self.j.stages[stage].id;
        self.j.touchpoints.push(Touchpoint::new(id, name, stage));
        id
    }

    /// A step that carries the customer's context.
    fn link(&mut self, from: TouchpointId, to: TouchpointId, kind: TransitionKind) -> TransitionId {
        let id = TransitionId(self.next);
        self.next += 1;
        self.j.transitions.push(Transition {
            id,
            from,
            to,
            label: String::new(),
            kind,
            carries_context: true,
        });
        id
    }

    fn next(&mut self, from: TouchpointId, to: TouchpointId) -> TransitionId {
        self.link(from, to, TransitionKind::Next)
    }

    fn t(&mut self, id: TouchpointId) -> &mut Touchpoint {
        self.j
            .touchpoint_mut(id)
            .expect("touchpoint in this journey")
    }

    fn report(&self) -> Report {
        analyze(&self.j)
    }
}

fn rating(v: i64) -> Option<Rating> {
    Some(Rating::new(v).unwrap())
}

fn of_kind(r: &Report, kind: FindingKind) -> Vec<&Finding> {
    r.findings.iter().filter(|f| f.kind == kind).collect()
}

fn only(r: &Report, kind: FindingKind) -> &Finding {
    let found = of_kind(r, kind);
    assert_eq!(found.len(), 1, "one {kind:?} finding: {found:#?}");
    found[0]
}

use TransitionKind::{Alternative, Recovery, Return};

// ---------------------------------------------------------------------------------------
// Structure

#[test]
fn an_empty_journey_has_nothing_to_report() {
    let r = analyze(&Journey::default());
    assert_eq!(r.findings, vec![]);
    assert_eq!(r.structure.entries, vec![]);
    assert_eq!(r.structure.cycles, vec![]);
    assert_eq!(r.structure.main_path, None);
    assert_eq!(r.structure.path_count, PathCount::Exactly(0));
    assert_eq!(r.summary.touchpoints, 0);
    assert_eq!(r.summary.problems + r.summary.warnings + r.summary.infos, 0);
    assert_eq!(r.summary.branded_freedom_share, None);
    assert_eq!(r.summary.average_gap, None);
}

#[test]
fn a_single_touchpoint_is_isolated_not_an_entry_or_a_dead_end() {
    let mut b = J::new(&["Discover"]);
    let a = b.tp("I see an advert", 0);
    let r = b.report();
    let s = &r.structure;
    assert_eq!(s.isolated, vec![a]);
    assert_eq!(s.entries, vec![]);
    assert_eq!(s.exits, vec![]);
    assert_eq!(s.dead_ends, vec![]);
    assert_eq!(s.unreachable, vec![]);
    assert_eq!(s.path_count, PathCount::Exactly(0));
    assert_eq!(s.main_path, None);
    let f = only(&r, FindingKind::Isolated);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.title,
        "Not connected: 1 touchpoint with no step to or from the rest of the journey"
    );
    assert_eq!(f.touchpoints, vec![a]);
    let structure: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.kind.category() == Category::Structure)
        .map(|f| f.kind)
        .collect();
    assert_eq!(structure, vec![FindingKind::Isolated]);
}

#[test]
fn a_straight_journey_has_one_entry_one_exit_and_one_route() {
    let mut b = J::new(&["Discover", "Buy"]);
    let a = b.tp("I look", 0);
    let m = b.tp("I order", 1);
    let z = b.tp("I get it", 1);
    let t1 = b.next(a, m);
    let t2 = b.next(m, z);
    b.t(z).journey_end = true;
    let r = b.report();
    let s = &r.structure;
    assert_eq!(s.entries, vec![a]);
    assert_eq!(s.exits, vec![z]);
    assert_eq!(s.dead_ends, vec![]);
    assert_eq!(s.isolated, vec![]);
    assert_eq!(s.cycles, vec![]);
    assert_eq!(s.path_count, PathCount::Exactly(1));
    assert_eq!(
        s.main_path,
        Some(MainPath {
            touchpoints: vec![a, m, z],
            transitions: vec![t1, t2],
            stages_covered: 2,
        })
    );
    let f = only(&r, FindingKind::MainPath);
    assert_eq!(f.title, "Main path: 2 steps across 2 of 2 stages");
    assert_eq!(
        f.detail,
        "The most direct route from the first entry point to the last exit, using next steps \
         wherever it can: I look → I order → I get it."
    );
    assert_eq!(f.transitions, vec![t1, t2]);
    assert_eq!(
        only(&r, FindingKind::PathCount).title,
        "1 distinct route from an entry point to an exit"
    );
    assert_eq!(only(&r, FindingKind::EntryPoints).touchpoints, vec![a]);
    assert_eq!(only(&r, FindingKind::Exits).touchpoints, vec![z]);
    assert!(of_kind(&r, FindingKind::DeadEnd).is_empty());
}

#[test]
fn a_touchpoint_with_no_way_out_is_a_dead_end_unless_marked_as_the_end() {
    let mut b = J::new(&["Use"]);
    let a = b.tp("I use it", 0);
    let z = b.tp("I give up", 0);
    b.next(a, z);
    let r = b.report();
    assert_eq!(r.structure.dead_ends, vec![z]);
    assert_eq!(r.structure.exits, vec![z]);
    let f = only(&r, FindingKind::DeadEnd);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.title, "Dead end: I give up");
    assert_eq!(f.touchpoints, vec![z]);

    b.t(z).journey_end = true;
    let r = b.report();
    assert_eq!(r.structure.dead_ends, vec![]);
    assert!(of_kind(&r, FindingKind::DeadEnd).is_empty());
}

#[test]
fn a_journey_end_that_continues_is_an_exit_and_not_a_dead_end() {
    let mut b = J::new(&["Buy", "Recommend"]);
    let a = b.tp("I buy", 0);
    let end = b.tp("I am done", 0);
    let after = b.tp("I tell a friend", 1);
    b.next(a, end);
    b.next(end, after);
    b.t(end).journey_end = true;
    b.t(after).journey_end = true;
    let r = b.report();
    assert_eq!(r.structure.exits, vec![end, after]);
    assert_eq!(r.structure.dead_ends, vec![]);
    // Ending at "I am done", or going on to "I tell a friend".
    assert_eq!(r.structure.path_count, PathCount::Exactly(2));
    // The main path runs to the latest exit.
    assert_eq!(
        r.structure.main_path.as_ref().unwrap().touchpoints,
        vec![a, end, after]
    );
}

#[test]
fn a_self_loop_is_a_repeat_cycle_and_does_not_count_as_a_way_in_or_out() {
    let mut b = J::new(&["Use"]);
    let a = b.tp("I open the app", 0);
    let z = b.tp("I refresh the page", 0);
    b.next(a, z);
    let again = b.link(z, z, Return);
    let lonely = b.tp("I retry on my own", 0);
    let spin = b.link(lonely, lonely, Recovery);
    let r = b.report();
    let s = &r.structure;
    assert_eq!(s.entries, vec![a]);
    assert_eq!(s.exits, vec![z], "the self-loop is not a way out");
    assert_eq!(s.dead_ends, vec![z]);
    assert_eq!(s.isolated, vec![lonely]);
    assert_eq!(
        s.cycles,
        vec![
            Cycle {
                touchpoints: vec![z],
                transitions: vec![again],
            },
            Cycle {
                touchpoints: vec![lonely],
                transitions: vec![spin],
            },
        ]
    );
    let cycles = of_kind(&r, FindingKind::RepeatCycle);
    assert_eq!(cycles.len(), 2);
    assert_eq!(cycles[0].title, "Repeat cycle: I refresh the page");
    assert_eq!(cycles[0].severity, Severity::Info);
    assert_eq!(
        cycles[0].detail,
        "Customers can repeat \"I refresh the page\" straight away; make sure each repeat \
         remembers the last."
    );
    assert!(
        cycles[1].detail.ends_with("every pass costs goodwill."),
        "a loop with no return visit in it is called out: {}",
        cycles[1].detail
    );
    assert_eq!(s.path_count, PathCount::Exactly(1));
}

#[test]
fn a_cycle_with_no_entry_is_unreachable() {
    let mut b = J::new(&["Discover", "Use"]);
    let x = b.tp("I find the shop", 0);
    let y = b.tp("I buy", 0);
    let p = b.tp("I use it", 1);
    let q = b.tp("I renew", 1);
    b.next(x, y);
    let pq = b.next(p, q);
    let qp = b.link(q, p, Return);
    let r = b.report();
    let s = &r.structure;
    assert_eq!(s.entries, vec![x]);
    assert_eq!(s.unreachable, vec![p, q]);
    assert_eq!(
        s.cycles,
        vec![Cycle {
            touchpoints: vec![p, q],
            transitions: vec![pq, qp],
        }]
    );
    let f = only(&r, FindingKind::Unreachable);
    assert_eq!(f.severity, Severity::Problem);
    assert_eq!(
        f.title,
        "No way in: 2 touchpoints cannot be reached from any entry point"
    );
    assert_eq!(f.touchpoints, vec![p, q]);
    assert_eq!(
        only(&r, FindingKind::RepeatCycle).title,
        "Repeat cycle: I use it, I renew"
    );
}

#[test]
fn disconnected_parts_each_have_their_entries_and_the_main_path_stays_in_reach() {
    let mut b = J::new(&["Discover", "Buy", "Use"]);
    let x = b.tp("I search online", 0);
    let y = b.tp("I buy online", 1);
    let p = b.tp("I walk into a store", 1);
    let q = b.tp("I use it at home", 2);
    let xy = b.next(x, y);
    b.next(p, q);
    let r = b.report();
    let s = &r.structure;
    assert_eq!(s.entries, vec![x, p]);
    assert_eq!(s.exits, vec![y, q]);
    assert_eq!(s.unreachable, vec![]);
    assert_eq!(s.path_count, PathCount::Exactly(2));
    // "I use it at home" is the last exit but cannot be reached from the first entry.
    assert_eq!(
        s.main_path,
        Some(MainPath {
            touchpoints: vec![x, y],
            transitions: vec![xy],
            stages_covered: 2,
        })
    );
}

#[test]
fn the_main_path_prefers_next_steps_over_alternatives_recoveries_and_returns() {
    let mut b = J::new(&["Buy", "Get started", "Use"]);
    let a = b.tp("I order", 0);
    let b1 = b.tp("I get a confirmation", 0);
    let c = b.tp("I call to check", 1);
    let d = b.tp("It arrives", 1);
    let e = b.tp("I use it", 2);
    b.link(a, d, Alternative); // shortest, but not a next step
    let ab = b.next(a, b1);
    let bd = b.next(b1, d);
    b.link(a, c, Recovery);
    b.next(c, d);
    let de = b.next(d, e);
    b.t(e).journey_end = true;
    let r = b.report();
    let main = r.structure.main_path.unwrap();
    assert_eq!(main.touchpoints, vec![a, b1, d, e]);
    assert_eq!(main.transitions, vec![ab, bd, de]);
    assert_eq!(main.stages_covered, 3);
}

#[test]
fn equal_main_paths_are_split_by_transition_order() {
    let mut b = J::new(&["Buy"]);
    let a = b.tp("I order", 0);
    let x = b.tp("Route one", 0);
    let y = b.tp("Route two", 0);
    let z = b.tp("It arrives", 0);
    b.next(a, y);
    b.next(a, x);
    let yz = b.next(y, z);
    b.next(x, z);
    let main = b.report().structure.main_path.unwrap();
    assert_eq!(main.touchpoints, vec![a, y, z]);
    assert_eq!(main.transitions[1], yz);
}

#[test]
fn route_counts_stop_at_the_limit() {
    // Twenty diamonds in a row: 2^20 routes.
    let mut b = J::new(&["Use"]);
    let mut at = b.tp("start", 0);
    for i in 0..20 {
        let up = b.tp(&format!("up {i}"), 0);
        let down = b.tp(&format!("down {i}"), 0);
        let join = b.tp(&format!("join {i}"), 0);
        b.next(at, up);
        b.next(at, down);
        b.next(up, join);
        b.next(down, join);
        at = join;
    }
    let r = b.report();
    assert_eq!(
        r.structure.path_count,
        PathCount::MoreThan(PATH_COUNT_LIMIT)
    );
    assert_eq!(PATH_COUNT_LIMIT, 10_000);
    assert_eq!(
        only(&r, FindingKind::PathCount).title,
        "more than 10,000 distinct routes from an entry point to an exit"
    );

    // The same with a return visit from the end back into the first diamond: still more
    // than the limit, now counted among loops.
    let last = b.j.touchpoints.last().unwrap().id;
    let second = b.j.touchpoints[1].id;
    b.t(last).journey_end = true;
    b.link(last, second, Return);
    assert_eq!(b.report().structure.cycles.len(), 1);
    assert_eq!(
        b.report().structure.path_count,
        PathCount::MoreThan(PATH_COUNT_LIMIT)
    );
}

#[test]
fn routes_through_loops_count_each_simple_route_once() {
    let mut b = J::new(&["Use", "Help"]);
    let s = b.tp("I sign up", 0);
    let a = b.tp("I use it", 0);
    let p = b.tp("It breaks", 1);
    let q = b.tp("I call", 1);
    let z = b.tp("It's fixed", 1);
    b.next(s, a);
    b.next(a, p);
    b.next(p, q);
    b.next(q, z);
    b.link(q, a, Return);
    b.link(z, p, Return);
    b.t(z).journey_end = true;
    b.link(a, q, Alternative);
    // Parallel transitions are the same route.
    b.link(a, q, Recovery);
    let r = b.report();
    assert_eq!(r.structure.cycles.len(), 1);
    // Simple routes to "It's fixed": through "It breaks", or straight to "I call".
    assert_eq!(r.structure.path_count, PathCount::Exactly(2));
}

#[test]
fn a_tangle_too_big_to_search_gives_a_lower_bound() {
    // One way through, but a tangle of 12 touchpoints all linked to each other sits beside
    // it: every order of visiting them is a dead route the search has to try.
    let mut b = J::new(&["Use"]);
    let entry = b.tp("In", 0);
    let hub = b.tp("Hub", 0);
    let tangle: Vec<_> = (0..12).map(|i| b.tp(&format!("t{i}"), 0)).collect();
    let out = b.tp("Out", 0);
    b.next(entry, hub);
    b.next(hub, out);
    for &x in &tangle {
        b.next(hub, x);
        b.link(x, hub, Return);
        for &y in &tangle {
            if x != y {
                b.link(x, y, Alternative);
            }
        }
    }
    assert_eq!(b.report().structure.path_count, PathCount::AtLeast(1));
    assert_eq!(PathCount::AtLeast(1).describe(), "at least 1");
}

#[test]
fn steps_back_to_an_earlier_stage_need_to_be_return_visits() {
    let mut b = J::new(&["Choose", "Buy"]);
    let a = b.tp("I compare", 0);
    let z = b.tp("I pay", 1);
    b.next(a, z);
    let back = b.link(z, a, Alternative);
    b.link(z, a, Return);
    let r = b.report();
    assert_eq!(r.structure.backward, vec![back]);
    let f = only(&r, FindingKind::BackwardTransition);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.title,
        "Goes back a stage without being a return visit: I pay → I compare"
    );
    assert_eq!(
        f.detail,
        "\"I pay\" (Buy) leads back to \"I compare\" (Choose). If customers come back here on \
         purpose, mark the step as a return visit; otherwise the journey runs backwards here."
    );
    assert_eq!(f.touchpoints, vec![z, a]);
    assert_eq!(f.transitions, vec![back]);
}

// ---------------------------------------------------------------------------------------
// Continuity

/// Two channels, one partner, two departments.
fn with_parties(b: &mut J) -> (ChannelId, ChannelId, PartnerId, DepartmentId, DepartmentId) {
    b.j.channels = vec![
        Channel {
            id: ChannelId(201),
            name: "Website".into(),
            kind: ChannelKind::Web,
        },
        Channel {
            id: ChannelId(202),
            name: "Phone".into(),
            kind: ChannelKind::Phone,
        },
    ];
    b.j.partners = vec![Partner {
        id: PartnerId(301),
        name: "CallCo".into(),
        role: PartnerRole::OutsourcedSupport,
    }];
    b.j.departments = vec![
        Department {
            id: DepartmentId(401),
            name: "Digital".into(),
            kind: DepartmentKind::It,
        },
        Department {
            id: DepartmentId(402),
            name: "Service".into(),
            kind: DepartmentKind::Service,
        },
    ];
    (
        ChannelId(201),
        ChannelId(202),
        PartnerId(301),
        DepartmentId(401),
        DepartmentId(402),
    )
}

#[test]
fn hand_offs_are_classified_and_those_that_drop_context_are_problems() {
    let mut b = J::new(&["Get help"]);
    let (web, phone, callco, digital, service) = with_parties(&mut b);
    let site = b.tp("I check the status page", 0);
    let call = b.tp("I call support", 0);
    let fix = b.tp("An engineer is booked", 0);
    let note = b.tp("I get a text", 0);
    for (t, ch, own) in [
        (site, Some(web), digital),
        (call, Some(phone), service),
        (fix, Some(phone), service),
        (note, None, digital),
    ] {
        b.t(t).channel = ch;
        b.t(t).owner = Some(own);
    }
    b.t(call).delivered_by = DeliveredBy::Partner(callco);
    let lost = b.next(site, call);
    b.j.transitions[0].carries_context = false;
    let kept = b.next(call, fix); // partner to brand, context kept
    let same = b.next(fix, fix);
    let texted = b.next(fix, note); // department changes; no channel at "I get a text"
    let r = b.report();

    assert_eq!(
        r.continuity.hand_offs,
        vec![
            HandOff {
                transition: lost,
                from: site,
                to: call,
                channel: true,
                delivery: true,
                department: true,
                carries_context: false,
            },
            HandOff {
                transition: kept,
                from: call,
                to: fix,
                channel: false,
                delivery: true,
                department: false,
                carries_context: true,
            },
            HandOff {
                transition: texted,
                from: fix,
                to: note,
                channel: false,
                delivery: false,
                department: true,
                carries_context: true,
            },
        ]
    );
    assert!(r.continuity.hand_offs.iter().all(|h| h.transition != same));
    let ids = |it: &mut dyn Iterator<Item = &HandOff>| it.map(|h| h.transition).collect::<Vec<_>>();
    assert_eq!(ids(&mut r.continuity.channel_hand_offs()), vec![lost]);
    assert_eq!(ids(&mut r.continuity.partner_hand_offs()), vec![lost, kept]);
    assert_eq!(
        ids(&mut r.continuity.department_hand_offs()),
        vec![lost, texted]
    );
    assert_eq!(ids(&mut r.continuity.context_lost()), vec![lost]);

    let f = only(&r, FindingKind::ContextLost);
    assert_eq!(f.severity, Severity::Problem);
    assert_eq!(
        f.title,
        "Hand-off loses the customer's context: I check the status page → I call support"
    );
    assert_eq!(
        f.detail,
        "Between \"I check the status page\" and \"I call support\" the customer moves from \
         Website to Phone and from the brand to CallCo and from Digital to Service, and what \
         they already told or did does not travel with them. Expect them to repeat themselves."
    );
    assert_eq!(f.touchpoints, vec![site, call]);
    assert_eq!(f.transitions, vec![lost]);

    let f = only(&r, FindingKind::ChannelHandOffs);
    assert_eq!(
        f.title,
        "1 channel hand-off, 1 without the customer's context"
    );
    assert_eq!(f.transitions, vec![lost]);
    let f = only(&r, FindingKind::PartnerHandOffs);
    assert_eq!(
        f.title,
        "2 hand-offs between the brand and partners, 1 without the customer's context"
    );
    assert_eq!(f.touchpoints, vec![site, call, fix]);
    let f = only(&r, FindingKind::DepartmentHandOffs);
    assert_eq!(
        f.title,
        "2 hand-offs between departments, 1 without the customer's context"
    );
    assert_eq!(f.transitions, vec![lost, texted]);
    assert_eq!(r.summary.context_lost, 1);
}

#[test]
fn a_step_within_one_channel_team_and_deliverer_is_no_hand_off_even_without_context() {
    let mut b = J::new(&["Use"]);
    let (web, _, _, digital, _) = with_parties(&mut b);
    let a = b.tp("I log in", 0);
    let z = b.tp("I change my plan", 0);
    for t in [a, z] {
        b.t(t).channel = Some(web);
        b.t(t).owner = Some(digital);
    }
    b.next(a, z);
    b.j.transitions[0].carries_context = false;
    let r = b.report();
    assert_eq!(r.continuity.hand_offs, vec![]);
    assert!(r
        .findings
        .iter()
        .all(|f| f.kind.category() != Category::Continuity));
}

// ---------------------------------------------------------------------------------------
// Intent

#[test]
fn promise_and_differentiation_gaps_only_count_what_the_customer_sees() {
    let mut b = J::new(&["Buy"]);
    b.j.promise.statement = "Sorted first time".into();
    b.j.lanes = vec![
        Lane {
            id: LaneId(501),
            name: "Front".into(),
            kind: LaneKind::FrontStage,
        },
        Lane {
            id: LaneId(502),
            name: "Back".into(),
            kind: LaneKind::BackStage,
        },
    ];
    let seen = b.tp("I pay", 0);
    let backstage = b.tp("Credit check", 0);
    let promised = b.tp("I get a receipt", 0);
    let parity = b.tp("I get an invoice", 0);
    let no_lane = b.tp("I tell my partner", 0);
    b.t(seen).lane = Some(LaneId(501));
    b.t(backstage).lane = Some(LaneId(502));
    b.t(promised).promise_note = "Proof it is sorted".into();
    b.t(promised).differentiation_note = "Nobody else does it".into();
    b.t(parity).parity = true;
    b.t(parity).promise_note = "   ".into(); // whitespace is not a note
    let r = b.report();
    assert_eq!(r.intent.missing_promise, vec![seen, parity, no_lane]);
    assert_eq!(r.intent.missing_differentiation, vec![seen, no_lane]);
    let f = only(&r, FindingKind::NoPromiseNote);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.title, "No link to the brand promise: 3 touchpoints");
    assert_eq!(
        f.detail,
        "Nobody has said how these touchpoints keep the promise \"Sorted first time\": \"I pay\"; \
         \"I get an invoice\"; \"I tell my partner\"."
    );
    let f = only(&r, FindingKind::NoDifferentiation);
    assert_eq!(
        f.title,
        "Neither different nor deliberately at parity: 2 touchpoints"
    );
    assert_eq!(f.touchpoints, vec![seen, no_lane]);
}

#[test]
fn moments_of_truth_need_a_standard_and_must_not_be_improvised() {
    use Tightness::{Loose, Tight};
    let mut b = J::new(&["Get connected", "Use"]);
    let install = b.tp("The installer sets me up", 0);
    let bill = b.tp("I get my first bill", 1);
    let shop = b.tp("I ask in a store", 0);
    let app = b.tp("I use the app", 1);
    let script = b.tp("I hear the legal script", 1);
    let half = b.tp("I get a survey", 1);
    let settings = [
        (install, Some(Loose), Some(Loose), true, ""),
        (bill, Some(Tight), Some(Loose), true, "Matches the quote"),
        (shop, Some(Loose), Some(Tight), false, ""),
        (app, Some(Tight), Some(Loose), false, ""),
        (script, Some(Tight), Some(Tight), true, "Read in full"),
        (half, Some(Tight), None, false, ""),
    ];
    for (t, exp, beh, mot, standard) in settings {
        let t = b.t(t);
        t.experience = exp;
        t.behaviour = beh;
        t.moment_of_truth = mot;
        t.standard_note = standard.into();
    }
    let r = b.report();
    let i = &r.intent;
    assert_eq!(i.moments_without_standard, vec![install]);
    assert_eq!(i.improvised_moments, vec![install]);
    assert_eq!(i.reversed, vec![shop]);
    assert_eq!(i.tightness_unset, vec![half]);
    assert_eq!(
        i.quadrants,
        vec![
            StageQuadrants {
                stage: StageId(100),
                branded_freedom: 0,
                scripted: 0,
                improvised: 1,
                reversed: 1,
                unset: 0,
            },
            StageQuadrants {
                stage: StageId(101),
                branded_freedom: 2,
                scripted: 1,
                improvised: 0,
                reversed: 0,
                unset: 1,
            },
        ]
    );
    let f = only(&r, FindingKind::MomentWithoutStandard);
    assert_eq!(f.severity, Severity::Problem);
    assert_eq!(
        f.title,
        "Moment of truth with no standard: The installer sets me up"
    );
    assert_eq!(f.touchpoints, vec![install]);
    let f = only(&r, FindingKind::ImprovisedMoment);
    assert_eq!(f.severity, Severity::Problem);
    assert_eq!(
        f.title,
        "Improvised moment of truth: The installer sets me up"
    );
    let f = only(&r, FindingKind::ReversedQuadrant);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.title, "Scripts without a purpose: I ask in a store");
    let f = only(&r, FindingKind::TightnessUnset);
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(f.touchpoints, vec![half]);
    // 2 of 6 touchpoints are in branded freedom.
    assert_eq!(r.summary.branded_freedom_share, Some(2.0 / 6.0));
}

#[test]
fn the_four_tests_are_averaged_per_stage_with_the_weakest_and_the_unrated() {
    let mut b = J::new(&["Choose", "Buy"]);
    let a = b.tp("I compare", 0);
    let c = b.tp("I chat", 0);
    let d = b.tp("I ask in store", 0);
    let e = b.tp("I pay", 1);
    b.t(a).criteria = Criteria {
        consistent: rating(4),
        intentional: rating(2),
        differentiated: rating(3),
        valuable: rating(5),
    };
    b.t(c).criteria = Criteria {
        consistent: rating(2),
        intentional: rating(2),
        differentiated: None,
        valuable: rating(4),
    };
    b.t(d).criteria = Criteria {
        consistent: rating(5),
        ..Criteria::default()
    };
    let r = b.report();
    let choose = &r.intent.criteria[0];
    assert_eq!(choose.stage, StageId(100));
    let consistent = choose.get(Criterion::Consistent);
    assert_eq!(consistent.average, Some(11.0 / 3.0));
    assert_eq!(consistent.weakest, Some((c, 2)));
    assert_eq!((consistent.rated, consistent.unrated), (3, 0));
    // A tie goes to the first in reading order.
    assert_eq!(choose.get(Criterion::Intentional).weakest, Some((a, 2)));
    let differentiated = choose.get(Criterion::Differentiated);
    assert_eq!(differentiated.average, Some(3.0));
    assert_eq!((differentiated.rated, differentiated.unrated), (1, 2));
    assert_eq!(choose.get(Criterion::Valuable).average, Some(4.5));
    let buy = &r.intent.criteria[1];
    assert_eq!(
        buy.get(Criterion::Consistent),
        &CriterionSummary {
            average: None,
            weakest: None,
            rated: 0,
            unrated: 1,
        }
    );
    assert_eq!(r.intent.criteria_unrated, vec![c, d, e]);

    let weak = of_kind(&r, FindingKind::WeakCriterion);
    let titles: Vec<&str> = weak.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Weak on intentional: 2 touchpoints rated 2 or less",
            "Weak on consistent: 1 touchpoint rated 2 or less",
        ],
        "ordered by the reading order of their first touchpoint"
    );
    assert_eq!(weak[0].touchpoints, vec![a, c]);
    assert_eq!(
        weak[0].detail,
        "Rated out of 5: \"I compare\" (2); \"I chat\" (2)."
    );
    let f = only(&r, FindingKind::CriteriaUnrated);
    assert_eq!(
        f.detail,
        "Missing ratings: \"I chat\" (differentiated); \"I ask in store\" (intentional, \
         differentiated, valuable); \"I pay\" (consistent, intentional, differentiated, \
         valuable)."
    );
}

// ---------------------------------------------------------------------------------------
// Customer

#[test]
fn expectation_gaps_are_ranked_and_the_top_five_are_priorities() {
    let mut b = J::new(&["Use"]);
    // (importance, performance): gaps 20, 0, 12, 15, 4, unrated, 3, unrated, unrated
    let cases = [
        (Some(5), Some(1)),
        (Some(5), Some(5)),
        (Some(4), Some(2)),
        (Some(5), Some(2)),
        (Some(1), Some(1)),
        (Some(3), None),
        (Some(3), Some(4)),
        (None, Some(1)),
        (Some(5), None),
    ];
    let mut ids = Vec::new();
    for (n, (imp, perf)) in cases.iter().enumerate() {
        let id = b.tp(&format!("tp{n}"), 0);
        b.t(id).importance = imp.and_then(rating);
        b.t(id).performance = perf.and_then(rating);
        ids.push(id);
    }
    let r = b.report();
    let ranked: Vec<(TouchpointId, u8, bool)> = r
        .customer
        .gaps
        .iter()
        .map(|g| (g.touchpoint, g.gap, g.priority))
        .collect();
    assert_eq!(
        ranked,
        vec![
            (ids[0], 20, true),
            (ids[3], 15, true),
            (ids[2], 12, true),
            (ids[4], 4, true),
            (ids[6], 3, true),
            (ids[1], 0, false),
        ]
    );
    assert_eq!(r.customer.gaps[1].importance, 5);
    assert_eq!(r.customer.gaps[1].performance, 2);
    let priorities = of_kind(&r, FindingKind::PriorityGap);
    assert_eq!(priorities.len(), PRIORITY_GAPS);
    assert_eq!(
        priorities[0].title,
        "Priority gap #1: tp0 (importance 5, performance 1)"
    );
    assert_eq!(
        priorities[1].detail,
        "Customers rate \"tp2\" 4 out of 5 for importance and the brand delivers 2 out of 5 \
         today: a gap of 12 out of 20, the third largest in the journey."
    );
    assert_eq!(
        r.summary.average_gap,
        Some((20 + 15 + 12 + 4 + 3) as f64 / 6.0)
    );
}

#[test]
fn a_gap_of_zero_is_never_a_priority() {
    let mut b = J::new(&["Use"]);
    let a = b.tp("Fine", 0);
    b.t(a).importance = rating(5);
    b.t(a).performance = rating(5);
    let r = b.report();
    assert!(!r.customer.gaps[0].priority);
    assert!(of_kind(&r, FindingKind::PriorityGap).is_empty());
}

#[test]
fn the_emotion_curve_has_an_average_and_a_low_point_per_stage() {
    let mut b = J::new(&["Buy", "Use", "Empty"]);
    let a = b.tp("I pay", 0);
    let c = b.tp("I wait", 0);
    let d = b.tp("I worry", 0);
    let e = b.tp("I enjoy it", 1);
    b.t(a).emotion = Some(Emotion::new(1).unwrap());
    b.t(c).emotion = Some(Emotion::new(-1).unwrap());
    b.t(d).emotion = Some(Emotion::new(-1).unwrap());
    b.t(e).emotion = Some(Emotion::new(2).unwrap());
    let r = b.report();
    assert_eq!(
        r.customer.emotion,
        vec![
            StageEmotion {
                stage: StageId(100),
                average: Some(-1.0 / 3.0),
                lowest: Some((c, -1)),
                rated: 3,
            },
            StageEmotion {
                stage: StageId(101),
                average: Some(2.0),
                lowest: Some((e, 2)),
                rated: 1,
            },
            StageEmotion {
                stage: StageId(102),
                average: None,
                lowest: None,
                rated: 0,
            },
        ]
    );
    let f = only(&r, FindingKind::EmotionalLow);
    assert_eq!(f.title, "Emotional low point in Buy: I wait (-1)");
    assert_eq!(f.touchpoints, vec![c]);
    assert_eq!(r.summary.average_emotion, Some(0.25));
}

#[test]
fn pain_points_need_an_opportunity() {
    let mut b = J::new(&["Use"]);
    let a = b.tp("I wait on hold", 0);
    let c = b.tp("I explain again", 0);
    let d = b.tp("All good", 0);
    b.t(a).pain_points = vec!["Long queue".into()];
    b.t(a).opportunities = vec![" ".into()];
    b.t(c).pain_points = vec!["Repeats the story".into()];
    b.t(c).opportunities = vec!["Show the history to the agent".into()];
    b.t(d).pain_points = vec!["".into()];
    let r = b.report();
    assert_eq!(r.customer.pain_without_opportunity, vec![a]);
    let f = only(&r, FindingKind::PainWithoutOpportunity);
    assert_eq!(f.title, "Pain points with no opportunity: 1 touchpoint");
    assert_eq!(f.touchpoints, vec![a]);
}

#[test]
fn personas_are_covered_by_their_own_touchpoints_and_by_those_for_everyone() {
    let mut b = J::new(&["Discover", "Buy", "Use"]);
    let (parent, student) = (PersonaId(601), PersonaId(602));
    b.j.personas = vec![
        Persona {
            id: parent,
            name: "Parent".into(),
            expectations: String::new(),
            notes: String::new(),
        },
        Persona {
            id: student,
            name: "Student".into(),
            expectations: String::new(),
            notes: String::new(),
        },
    ];
    let everyone = b.tp("I see the offer", 0);
    let parents = b.tp("I book a visit", 1);
    let students = b.tp("I split the bill", 2);
    b.t(parents).personas = vec![parent];
    b.t(students).personas = vec![student];
    let _ = everyone;
    let r = b.report();
    assert_eq!(
        r.customer.personas,
        vec![
            PersonaCoverage {
                persona: parent,
                touchpoints: 2,
                stages_without: vec![StageId(102)],
            },
            PersonaCoverage {
                persona: student,
                touchpoints: 2,
                stages_without: vec![StageId(101)],
            },
        ]
    );
    let gaps = of_kind(&r, FindingKind::PersonaGap);
    let titles: Vec<&str> = gaps.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Parent has no touchpoint in Use",
            "Student has no touchpoint in Buy"
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Delivery

#[test]
fn owners_partners_and_missing_support_are_counted() {
    let mut b = J::new(&["Get connected"]);
    let (_, _, callco, digital, service) = with_parties(&mut b);
    let a = b.tp("I book online", 0);
    let c = b.tp("I call to rebook", 0);
    let d = b.tp("I go online", 0);
    b.t(a).owner = Some(digital);
    b.t(a).support.technology = "Live calendar".into();
    b.t(c).owner = Some(DepartmentId(999)); // a deleted department
    b.t(c).delivered_by = DeliveredBy::Partner(callco);
    b.t(d).support.people = "  ".into();
    let r = b.report();
    let dl = &r.delivery;
    assert_eq!(
        dl.owners,
        vec![
            OwnerLoad {
                department: digital,
                touchpoints: vec![a],
            },
            OwnerLoad {
                department: service,
                touchpoints: vec![],
            },
        ]
    );
    assert_eq!(dl.unowned, vec![c, d]);
    assert_eq!(dl.brand_delivered, vec![a, d]);
    assert_eq!(
        dl.partners,
        vec![PartnerLoad {
            partner: callco,
            touchpoints: vec![c],
        }]
    );
    assert_eq!(dl.without_support, vec![c, d]);

    let f = only(&r, FindingKind::Unowned);
    assert_eq!(f.title, "No owner: 2 touchpoints");
    assert_eq!(f.severity, Severity::Warning);
    let f = only(&r, FindingKind::Owners);
    assert_eq!(
        f.detail,
        "Touchpoints per department: Digital 1, Service 0; no owner 2."
    );
    let f = only(&r, FindingKind::PartnerDelivered);
    assert_eq!(f.title, "CallCo delivers 1 touchpoint");
    assert_eq!(f.touchpoints, vec![c]);
    let f = only(&r, FindingKind::NoSupportNote);
    assert_eq!(f.title, "No back-stage support noted: 2 touchpoints");
    assert_eq!(f.touchpoints, vec![c, d]);
}

// ---------------------------------------------------------------------------------------
// The report as a whole

#[test]
fn findings_are_ordered_by_category_then_severity_then_journey_order() {
    let r = analyze(&throughline::sample::broadband());
    let keys: Vec<(Category, Severity)> = r
        .findings
        .iter()
        .map(|f| (f.kind.category(), f.severity))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(Category::ALL.iter().all(|c| keys.iter().any(|k| k.0 == *c)));
    // Within one group, reading order: stage, then list position.
    let j = throughline::sample::broadband();
    let place = |id: TouchpointId| {
        let t = j.touchpoint(id).unwrap();
        (
            j.stage_index(t.stage).unwrap(),
            j.touchpoints.iter().position(|x| x.id == id).unwrap(),
        )
    };
    let moments: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::MomentWithoutStandard)
        .map(|f| place(f.touchpoints[0]))
        .collect();
    assert!(moments.len() > 1);
    assert!(moments.windows(2).all(|w| w[0] < w[1]), "{moments:?}");
}

#[test]
fn the_same_journey_gives_the_same_report() {
    let j = throughline::sample::broadband();
    assert_eq!(analyze(&j), analyze(&j.clone()));
    let big = throughline::generate::generated(300, 5);
    assert_eq!(analyze(&big), analyze(&big));
}

#[test]
fn summary_counts_match_the_findings() {
    let r = analyze(&throughline::sample::broadband());
    let count = |s| r.findings.iter().filter(|f| f.severity == s).count();
    assert_eq!(r.summary.problems, count(Severity::Problem));
    assert_eq!(r.summary.warnings, count(Severity::Warning));
    assert_eq!(r.summary.infos, count(Severity::Info));
    assert_eq!(r.summary.touchpoints, 21);
    assert_eq!(r.summary.transitions, 26);
}

// ---------------------------------------------------------------------------------------
// The broadband sample

fn id_of(j: &Journey, name: &str) -> TouchpointId {
    j.touchpoints
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no touchpoint named {name}"))
        .id
}

#[test]
fn the_sample_shows_what_it_was_written_to_show() {
    let j = throughline::sample::broadband();
    let r = analyze(&j);
    let id = |name| id_of(&j, name);

    // The back-office hand-off to the installer drops the customer's notes.
    let booking = id("Credit check and line booking");
    let job = id("Installer receives the job sheet");
    let lost: Vec<_> = of_kind(&r, FindingKind::ContextLost)
        .into_iter()
        .filter(|f| f.touchpoints == vec![booking, job])
        .collect();
    assert_eq!(lost.len(), 1);
    assert_eq!(
        lost[0].title,
        "Hand-off loses the customer's context: Credit check and line booking → Installer \
         receives the job sheet"
    );
    assert!(r
        .continuity
        .context_lost()
        .any(|h| h.from == booking && h.to == job && h.delivery && !h.channel));

    // The installation is an improvised moment of truth.
    let install = id("The installer sets me up at home");
    assert!(r.intent.improvised_moments.contains(&install));
    assert!(of_kind(&r, FindingKind::ImprovisedMoment)
        .iter()
        .any(|f| f.touchpoints == vec![install]));

    // Return visits loop back into everyday use; the missed install loops with the rebook.
    let cycles: Vec<Vec<&str>> = r
        .structure
        .cycles
        .iter()
        .map(|c| {
            c.touchpoints
                .iter()
                .map(|&t| j.touchpoint(t).unwrap().name.as_str())
                .collect()
        })
        .collect();
    assert_eq!(
        cycles,
        vec![
            vec![
                "The installer sets me up at home",
                "The install is missed and I call to rebook",
            ],
            vec![
                "I manage my account in the app",
                "I get my first bill",
                "I check service status in the app",
                "I call support about a slow connection",
                "An engineer fixes the fault at home",
                "I get a renewal offer before my contract ends",
                "I renew or upgrade",
            ],
        ]
    );

    // The journey starts on social or in a store, and ends with a recommendation.
    assert_eq!(
        r.structure.entries,
        vec![
            id("I ask on social whether it's reliable round here"),
            id("I ask in a HomeTech store")
        ]
    );
    assert_eq!(
        r.structure.exits,
        vec![id("I recommend Brightline to a friend")]
    );
    assert_eq!(r.structure.dead_ends, vec![]);
    assert_eq!(r.structure.unreachable, vec![]);
    assert_eq!(r.structure.backward, vec![]);
    // Two ways to choose, two ways to get the installer booked, from social; one of each
    // from the store.
    assert_eq!(r.structure.path_count, PathCount::Exactly(6));
    let main = r.structure.main_path.as_ref().unwrap();
    assert_eq!(main.touchpoints.first(), Some(&r.structure.entries[0]));
    assert_eq!(main.touchpoints.last(), Some(&r.structure.exits[0]));
    assert!(main.touchpoints.contains(&install));
    assert_eq!(main.stages_covered, 6, "all but Get help");

    // The missed installation is the largest expectation gap.
    let top = &r.customer.gaps[0];
    assert_eq!(
        top.touchpoint,
        id("The install is missed and I call to rebook")
    );
    assert_eq!((top.gap, top.priority), (20, true));
}
