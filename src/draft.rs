//! The one builder for the journeys Throughline ships: the broadband sample (`sample`) and the
//! industry templates (`templates`) are both written with it, so they read as descriptions of
//! a journey rather than as tables of list positions, and there is one place that turns such a
//! description into a `Journey`. Core code: no browser crates, no I/O; every id comes from the
//! seed it is given.

use crate::model::*;

/// A journey under construction. Touchpoints refer to stages, channels, departments, partners
/// and personas by name, so each journey reads as a description rather than as a table of list
/// positions; a misspelt name panics, and the tests build the sample and every template.
/// Ids are drawn from the seed in the order things are added, so one seed and one order of
/// calls always give the same journey.
pub(crate) struct Draft {
    pub(crate) j: Journey,
    ids: IdGen,
}

impl Draft {
    /// A draft with the four blueprint lanes, whose ids are the first drawn from `seed`.
    pub(crate) fn new(seed: u64) -> Draft {
        let mut d = Draft::without_lanes(seed);
        d.blueprint_lanes();
        d
    }

    /// A draft with no lanes yet, for a journey whose ids were first drawn in another order
    /// (the sample's lanes come after its channels); call `blueprint_lanes` where they belong.
    pub(crate) fn without_lanes(seed: u64) -> Draft {
        Draft {
            j: Journey::default(),
            ids: IdGen::new(seed),
        }
    }

    /// Adds the four blueprint lanes, customer actions to support processes.
    pub(crate) fn blueprint_lanes(&mut self) {
        for kind in [
            LaneKind::CustomerAction,
            LaneKind::FrontStage,
            LaneKind::BackStage,
            LaneKind::SupportProcess,
        ] {
            let id = self.ids.id();
            self.j.lanes.push(Lane {
                id,
                name: kind.label().into(),
                kind,
            });
        }
    }

    pub(crate) fn persona(&mut self, name: &str, expectations: &str, notes: &str) {
        let id = self.ids.id();
        self.j.personas.push(Persona {
            id,
            name: name.into(),
            expectations: expectations.into(),
            notes: notes.into(),
        });
    }

    pub(crate) fn stage(&mut self, name: &str, goal: &str) {
        let id = self.ids.id();
        self.j.stages.push(Stage {
            id,
            name: name.into(),
            goal: goal.into(),
        });
    }

    pub(crate) fn channel(&mut self, name: &str, kind: ChannelKind) {
        let id = self.ids.id();
        self.j.channels.push(Channel {
            id,
            name: name.into(),
            kind,
        });
    }

    pub(crate) fn partner(&mut self, name: &str, role: PartnerRole) {
        let id = self.ids.id();
        self.j.partners.push(Partner {
            id,
            name: name.into(),
            role,
        });
    }

    pub(crate) fn department(&mut self, name: &str, kind: DepartmentKind) {
        let id = self.ids.id();
        self.j.departments.push(Department {
            id,
            name: name.into(),
            kind,
        });
    }

    fn find<E: Entity>(&self, name: &str) -> E::Id {
        E::list(&self.j)
            .iter()
            .find(|e| e.name() == name)
            .map(|e| e.id())
            .unwrap_or_else(|| panic!("the draft names a {} {name:?} it never added", E::KIND))
    }

    fn lane(&self, kind: LaneKind) -> LaneId {
        self.j
            .lanes
            .iter()
            .find(|l| l.kind == kind)
            .map(|l| l.id)
            .expect("the draft adds its blueprint lanes before its touchpoints")
    }

    /// Starts a touchpoint in the front-stage lane, where most of them sit.
    pub(crate) fn touchpoint(&mut self, stage: &str, name: &str) -> Step<'_> {
        let stage = self.find::<Stage>(stage);
        let mut t = Touchpoint::new(self.ids.id(), name, stage);
        t.lane = Some(self.lane(LaneKind::FrontStage));
        Step { d: self, t }
    }

    pub(crate) fn link(
        &mut self,
        from: TouchpointId,
        to: TouchpointId,
        kind: TransitionKind,
        carries_context: bool,
        label: &str,
    ) {
        let id = self.ids.id();
        self.j.transitions.push(Transition {
            id,
            from,
            to,
            label: label.into(),
            kind,
            carries_context,
        });
    }
}

/// 0 means unrated, so a draft can leave one of the four criteria blank in line.
fn rating(v: i64) -> Option<Rating> {
    (v != 0).then(|| Rating::new(v).expect("draft ratings are 1-5"))
}

/// One touchpoint being filled in; `add` puts it in the journey.
pub(crate) struct Step<'a> {
    d: &'a mut Draft,
    t: Touchpoint,
}

impl Step<'_> {
    pub(crate) fn lane(mut self, kind: LaneKind) -> Self {
        self.t.lane = Some(self.d.lane(kind));
        self
    }
    pub(crate) fn via(mut self, channel: &str) -> Self {
        self.t.channel = Some(self.d.find::<Channel>(channel));
        self
    }
    pub(crate) fn owner(mut self, department: &str) -> Self {
        self.t.owner = Some(self.d.find::<Department>(department));
        self
    }
    pub(crate) fn delivered_by(mut self, partner: &str) -> Self {
        self.t.delivered_by = DeliveredBy::Partner(self.d.find::<Partner>(partner));
        self
    }
    pub(crate) fn personas(mut self, names: &[&str]) -> Self {
        self.t.personas = names.iter().map(|n| self.d.find::<Persona>(n)).collect();
        self
    }
    pub(crate) fn describe(mut self, text: &str) -> Self {
        self.t.description = text.into();
        self
    }
    pub(crate) fn action(mut self, text: &str) -> Self {
        self.t.customer_action = text.into();
        self
    }
    pub(crate) fn expects(mut self, text: &str) -> Self {
        self.t.expectation = text.into();
        self
    }
    pub(crate) fn scores(mut self, performance: i64, importance: i64) -> Self {
        self.t.performance = rating(performance);
        self.t.importance = rating(importance);
        self
    }
    pub(crate) fn feels(mut self, emotion: i64) -> Self {
        self.t.emotion = Some(Emotion::new(emotion).expect("draft emotions are -2 to +2"));
        self
    }
    pub(crate) fn moment_of_truth(mut self) -> Self {
        self.t.moment_of_truth = true;
        self
    }
    pub(crate) fn ends_journey(mut self) -> Self {
        self.t.journey_end = true;
        self
    }
    pub(crate) fn promise(mut self, note: &str) -> Self {
        self.t.promise_note = note.into();
        self
    }
    pub(crate) fn proof(mut self, point: &str) -> Self {
        self.t.proof_point = point.into();
        self
    }
    pub(crate) fn differs(mut self, note: &str) -> Self {
        self.t.differentiation_note = note.into();
        self
    }
    /// Records why matching competitors here is a deliberate choice.
    pub(crate) fn at_parity(mut self, why: &str) -> Self {
        self.t.parity = true;
        self.t.differentiation_note = why.into();
        self
    }
    pub(crate) fn experience(mut self, t: Tightness) -> Self {
        self.t.experience = Some(t);
        self
    }
    pub(crate) fn behaviour(mut self, t: Tightness) -> Self {
        self.t.behaviour = Some(t);
        self
    }
    pub(crate) fn standard(mut self, note: &str) -> Self {
        self.t.standard_note = note.into();
        self
    }
    pub(crate) fn latitude(mut self, note: &str) -> Self {
        self.t.latitude_note = note.into();
        self
    }
    /// Consistent, intentional, differentiated, valuable; 0 for unrated.
    pub(crate) fn criteria(mut self, [c, i, d, v]: [i64; 4]) -> Self {
        self.t.criteria = Criteria {
            consistent: rating(c),
            intentional: rating(i),
            differentiated: rating(d),
            valuable: rating(v),
        };
        self
    }
    pub(crate) fn support(
        mut self,
        culture: &str,
        people: &str,
        process: &str,
        technology: &str,
    ) -> Self {
        self.t.support = Support {
            culture: culture.into(),
            people: people.into(),
            process: process.into(),
            technology: technology.into(),
        };
        self
    }
    pub(crate) fn pains(mut self, items: &[&str]) -> Self {
        self.t.pain_points = items.iter().map(|s| s.to_string()).collect();
        self
    }
    pub(crate) fn opportunities(mut self, items: &[&str]) -> Self {
        self.t.opportunities = items.iter().map(|s| s.to_string()).collect();
        self
    }
    pub(crate) fn kpis(mut self, items: &[&str]) -> Self {
        self.t.kpis = items.iter().map(|s| s.to_string()).collect();
        self
    }
    pub(crate) fn evidence(mut self, e: Evidence) -> Self {
        self.t.evidence = Some(e);
        self
    }
    pub(crate) fn add(self) -> TouchpointId {
        let id = self.t.id;
        self.d.j.touchpoints.push(self.t);
        id
    }
}
