//! Undo and redo.
//!
//! Every user change goes through [`History::apply`]; it alone decides whether a change is a
//! new undo step or merges into the previous one. Nothing else may mutate the journey while a
//! history is attached to it (call [`History::clear`] after replacing the journey, e.g. on
//! opening a file).
//!
//! A step is a snapshot of only the parts of the journey the command can touch (its
//! "footprint"): one touchpoint for a field edit, the tail of the touchpoint list from the
//! first affected entry for a delete, a whole structural list (they are short) for a stage
//! edit. Whole-journey snapshots were measured (docs/performance.md): at 1,000 touchpoints
//! one clone takes about 0.7 ms of the 1 ms edit budget, at 10,000 about 20 ms, and 200 of
//! them would hold 200 copies of the journey. Undo swaps the saved parts with the live ones,
//! so the parts it takes out become the redo step without copying anything.

use crate::command::{self, Change, Command, CommandError, Place};
use crate::model::*;
use std::collections::{HashSet, VecDeque};

/// Undo steps kept; the oldest is dropped beyond this.
pub const MAX_UNDO_STEPS: usize = 200;
/// Edits with the same coalescing key arriving within this many milliseconds of the previous
/// one are a single undo step (typing in one field, nudging one touchpoint).
pub const COALESCE_MS: f64 = 1000.0;

/// Which part of a list a step saved.
#[derive(Debug, Clone, PartialEq)]
enum Span {
    /// These entries, edited in place (the list keeps its length and order).
    At(Vec<usize>),
    /// Everything from this index on (inserts, removals, reorders).
    From(usize),
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Footprint {
    meta: bool,
    lists: Vec<List>,
    touchpoints: Option<Span>,
    transitions: Option<Span>,
}

impl Footprint {
    /// Restoring a snapshot of `self` also restores everything `other` can touch.
    fn covers(&self, other: &Footprint) -> bool {
        (self.meta || !other.meta)
            && other.lists.iter().all(|l| self.lists.contains(l))
            && span_covers(&self.touchpoints, &other.touchpoints)
            && span_covers(&self.transitions, &other.transitions)
    }
}

fn span_covers(a: &Option<Span>, b: &Option<Span>) -> bool {
    match (a, b) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(Span::At(a)), Some(Span::At(b))) => b.iter().all(|i| a.contains(i)),
        (Some(Span::At(_)), Some(Span::From(_))) => false,
        (Some(Span::From(s)), Some(Span::At(b))) => b.iter().all(|i| i >= s),
        (Some(Span::From(s)), Some(Span::From(t))) => t >= s,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Saved<T> {
    At(Vec<(usize, T)>),
    From(usize, Vec<T>),
}

impl<T: Clone> Saved<T> {
    fn capture(list: &[T], span: &Span) -> Saved<T> {
        match span {
            Span::At(ix) => Saved::At(ix.iter().map(|&i| (i, list[i].clone())).collect()),
            Span::From(s) => Saved::From(*s, list[*s..].to_vec()),
        }
    }

    fn span(&self) -> Span {
        match self {
            Saved::At(v) => Span::At(v.iter().map(|(i, _)| *i).collect()),
            Saved::From(s, _) => Span::From(*s),
        }
    }

    fn fits(&self, list: &[T]) -> bool {
        match self {
            Saved::At(v) => v.iter().all(|(i, _)| *i < list.len()),
            Saved::From(s, _) => *s <= list.len(),
        }
    }

    /// Puts the saved entries back and returns the ones they replaced.
    fn swap_into(self, list: &mut Vec<T>) -> Saved<T> {
        match self {
            Saved::At(mut v) => {
                for (i, t) in &mut v {
                    std::mem::swap(&mut list[*i], t);
                }
                Saved::At(v)
            }
            Saved::From(s, items) => {
                let current = list.split_off(s);
                list.extend(items);
                Saved::From(s, current)
            }
        }
    }
}

/// The journey-level fields.
#[derive(Debug, Clone, PartialEq)]
struct Meta {
    title: String,
    description: String,
    scope: String,
    state: JourneyState,
    promise: BrandPromise,
}

/// One undo (or redo) step: the saved state of a footprint.
#[derive(Debug, Clone, PartialEq, Default)]
struct Snapshot {
    meta: Option<Meta>,
    stages: Option<Vec<Stage>>,
    channels: Option<Vec<Channel>>,
    lanes: Option<Vec<Lane>>,
    partners: Option<Vec<Partner>>,
    departments: Option<Vec<Department>>,
    personas: Option<Vec<Persona>>,
    touchpoints: Option<Saved<Touchpoint>>,
    transitions: Option<Saved<Transition>>,
}

impl Snapshot {
    fn capture(j: &Journey, f: &Footprint) -> Snapshot {
        let list = |l: List| f.lists.contains(&l);
        Snapshot {
            meta: f.meta.then(|| Meta {
                title: j.title.clone(),
                description: j.description.clone(),
                scope: j.scope.clone(),
                state: j.state,
                promise: j.promise.clone(),
            }),
            stages: list(List::Stages).then(|| j.stages.clone()),
            channels: list(List::Channels).then(|| j.channels.clone()),
            lanes: list(List::Lanes).then(|| j.lanes.clone()),
            partners: list(List::Partners).then(|| j.partners.clone()),
            departments: list(List::Departments).then(|| j.departments.clone()),
            personas: list(List::Personas).then(|| j.personas.clone()),
            touchpoints: f
                .touchpoints
                .as_ref()
                .map(|s| Saved::capture(&j.touchpoints, s)),
            transitions: f
                .transitions
                .as_ref()
                .map(|s| Saved::capture(&j.transitions, s)),
        }
    }

    fn footprint(&self) -> Footprint {
        let lists = [
            (List::Stages, self.stages.is_some()),
            (List::Channels, self.channels.is_some()),
            (List::Lanes, self.lanes.is_some()),
            (List::Partners, self.partners.is_some()),
            (List::Departments, self.departments.is_some()),
            (List::Personas, self.personas.is_some()),
        ];
        Footprint {
            meta: self.meta.is_some(),
            lists: lists
                .iter()
                .filter(|(_, on)| *on)
                .map(|(l, _)| *l)
                .collect(),
            touchpoints: self.touchpoints.as_ref().map(Saved::span),
            transitions: self.transitions.as_ref().map(Saved::span),
        }
    }

    fn fits(&self, j: &Journey) -> bool {
        self.touchpoints
            .as_ref()
            .is_none_or(|s| s.fits(&j.touchpoints))
            && self
                .transitions
                .as_ref()
                .is_none_or(|s| s.fits(&j.transitions))
    }

    /// Restores this snapshot into `j` and returns what it replaced (the opposite step).
    fn swap_into(self, j: &mut Journey) -> Snapshot {
        fn swap<T>(saved: Option<T>, live: &mut T) -> Option<T> {
            saved.map(|mut v| {
                std::mem::swap(&mut v, live);
                v
            })
        }
        let meta = self.meta.map(|mut m| {
            std::mem::swap(&mut m.title, &mut j.title);
            std::mem::swap(&mut m.description, &mut j.description);
            std::mem::swap(&mut m.scope, &mut j.scope);
            std::mem::swap(&mut m.state, &mut j.state);
            std::mem::swap(&mut m.promise, &mut j.promise);
            m
        });
        Snapshot {
            meta,
            stages: swap(self.stages, &mut j.stages),
            channels: swap(self.channels, &mut j.channels),
            lanes: swap(self.lanes, &mut j.lanes),
            partners: swap(self.partners, &mut j.partners),
            departments: swap(self.departments, &mut j.departments),
            personas: swap(self.personas, &mut j.personas),
            touchpoints: self.touchpoints.map(|s| s.swap_into(&mut j.touchpoints)),
            transitions: self.transitions.map(|s| s.swap_into(&mut j.transitions)),
        }
    }
}

/// Touchpoint indices matching `pred`, as an in-place span (None when there are none).
fn touchpoints_where(j: &Journey, pred: impl Fn(&Touchpoint) -> bool) -> Option<Span> {
    let ix: Vec<usize> = (0..j.touchpoints.len())
        .filter(|&i| pred(&j.touchpoints[i]))
        .collect();
    (!ix.is_empty()).then_some(Span::At(ix))
}

fn index_of<T>(list: &[T], pred: impl Fn(&T) -> bool) -> Option<usize> {
    list.iter().position(pred)
}

/// What `cmd` may change in `j`, computed before applying it. A command that will be refused
/// may get any footprint: its snapshot is thrown away.
fn footprint(j: &Journey, cmd: &Command) -> Footprint {
    use Command as C;
    let mut f = Footprint::default();
    let tp = |id: TouchpointId| index_of(&j.touchpoints, |t| t.id == id);
    let tr = |id: TransitionId| index_of(&j.transitions, |t| t.id == id);
    match cmd {
        C::AddTouchpoint { .. } => f.touchpoints = Some(Span::From(j.touchpoints.len())),
        C::SetTouchpointField { id, .. } => f.touchpoints = tp(*id).map(|i| Span::At(vec![i])),
        C::MoveTouchpoint { id, place, .. } => {
            f.touchpoints = tp(*id).map(|i| match place {
                Place::Keep => Span::At(vec![i]),
                Place::Last => Span::From(i),
                Place::Before(other) => Span::From(tp(*other).map_or(i, |k| k.min(i))),
            })
        }
        C::DeleteTouchpoints { ids } => {
            let doomed: HashSet<TouchpointId> = ids.iter().copied().collect();
            f.touchpoints = index_of(&j.touchpoints, |t| doomed.contains(&t.id)).map(Span::From);
            f.transitions = index_of(&j.transitions, |t| {
                doomed.contains(&t.from) || doomed.contains(&t.to)
            })
            .map(Span::From);
        }
        C::Connect { .. } => f.transitions = Some(Span::From(j.transitions.len())),
        C::Disconnect { id } => f.transitions = tr(*id).map(Span::From),
        C::SetTransitionField { id, .. } => f.transitions = tr(*id).map(|i| Span::At(vec![i])),
        C::SetJourneyField(_) => f.meta = true,

        C::AddStage { .. }
        | C::RenameStage { .. }
        | C::SetStageGoal { .. }
        | C::ReorderStage { .. } => f.lists = vec![List::Stages],
        C::RemoveStage { id, .. } => {
            f.lists = vec![List::Stages];
            f.touchpoints = touchpoints_where(j, |t| t.stage == *id);
        }
        C::AddChannel { .. }
        | C::RenameChannel { .. }
        | C::SetChannelKind { .. }
        | C::ReorderChannel { .. } => f.lists = vec![List::Channels],
        C::RemoveChannel { id } => {
            f.lists = vec![List::Channels];
            f.touchpoints = touchpoints_where(j, |t| t.channel == Some(*id));
        }
        C::AddLane { .. }
        | C::RenameLane { .. }
        | C::SetLaneKind { .. }
        | C::ReorderLane { .. } => f.lists = vec![List::Lanes],
        C::RemoveLane { id } => {
            f.lists = vec![List::Lanes];
            f.touchpoints = touchpoints_where(j, |t| t.lane == Some(*id));
        }
        C::AddPartner { .. }
        | C::RenamePartner { .. }
        | C::SetPartnerRole { .. }
        | C::ReorderPartner { .. } => f.lists = vec![List::Partners],
        C::RemovePartner { id } => {
            f.lists = vec![List::Partners];
            f.touchpoints = touchpoints_where(j, |t| t.delivered_by == DeliveredBy::Partner(*id));
        }
        C::AddDepartment { .. }
        | C::RenameDepartment { .. }
        | C::SetDepartmentKind { .. }
        | C::ReorderDepartment { .. } => f.lists = vec![List::Departments],
        C::RemoveDepartment { id } => {
            f.lists = vec![List::Departments];
            f.touchpoints = touchpoints_where(j, |t| t.owner == Some(*id));
        }
        C::AddPersona { .. }
        | C::RenamePersona { .. }
        | C::SetPersonaExpectations { .. }
        | C::SetPersonaNotes { .. }
        | C::ReorderPersona { .. } => f.lists = vec![List::Personas],
        C::RemovePersona { id } => {
            f.lists = vec![List::Personas];
            f.touchpoints = touchpoints_where(j, |t| t.personas.contains(id));
        }
    }
    f
}

/// Commands that merge into the previous undo step when they repeat quickly share a key.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    TouchpointField(TouchpointId, &'static str),
    Move(TouchpointId),
    TransitionField(TransitionId, &'static str),
    JourneyField(&'static str),
    EntityText(List, u64, &'static str),
}

fn coalesce_key(cmd: &Command) -> Option<Key> {
    use Command as C;
    Some(match cmd {
        C::SetTouchpointField { id, field } => Key::TouchpointField(*id, field.name()),
        C::MoveTouchpoint { id, .. } => Key::Move(*id),
        C::SetTransitionField { id, field } => Key::TransitionField(*id, field.name()),
        C::SetJourneyField(field) => Key::JourneyField(field.name()),
        C::RenameStage { id, .. } => Key::EntityText(List::Stages, id.0, "name"),
        C::SetStageGoal { id, .. } => Key::EntityText(List::Stages, id.0, "goal"),
        C::RenameChannel { id, .. } => Key::EntityText(List::Channels, id.0, "name"),
        C::RenameLane { id, .. } => Key::EntityText(List::Lanes, id.0, "name"),
        C::RenamePartner { id, .. } => Key::EntityText(List::Partners, id.0, "name"),
        C::RenameDepartment { id, .. } => Key::EntityText(List::Departments, id.0, "name"),
        C::RenamePersona { id, .. } => Key::EntityText(List::Personas, id.0, "name"),
        C::SetPersonaExpectations { id, .. } => {
            Key::EntityText(List::Personas, id.0, "expectations")
        }
        C::SetPersonaNotes { id, .. } => Key::EntityText(List::Personas, id.0, "notes"),
        _ => return None,
    })
}

/// Undo/redo for one journey.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: VecDeque<Snapshot>,
    redo: Vec<Snapshot>,
    /// The key and time of the last recorded edit, while a burst may still extend it.
    burst: Option<(Key, f64)>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Applies `cmd` and records it for undo. `now_ms` is a clock in milliseconds (the
    /// browser's `performance.now()`); a repeat of the same kind of edit within
    /// [`COALESCE_MS`] of the previous one joins its undo step. A refused command, or one that
    /// changes nothing, leaves the history as it was.
    pub fn apply(
        &mut self,
        j: &mut Journey,
        cmd: Command,
        now_ms: f64,
    ) -> Result<Change, CommandError> {
        let fp = footprint(j, &cmd);
        let key = coalesce_key(&cmd);
        let merges = match (&key, &self.burst, self.undo.back()) {
            (Some(k), Some((last, at)), Some(top)) => {
                k == last
                    && (0.0..=COALESCE_MS).contains(&(now_ms - at))
                    && top.footprint().covers(&fp)
            }
            _ => false,
        };
        let before = (!merges).then(|| Snapshot::capture(j, &fp));
        let change = command::apply(j, &cmd)?;
        if change.is_empty() {
            return Ok(change);
        }
        self.redo.clear();
        if let Some(snapshot) = before {
            self.undo.push_back(snapshot);
            if self.undo.len() > MAX_UNDO_STEPS {
                self.undo.pop_front();
            }
        }
        self.burst = key.map(|k| (k, now_ms));
        Ok(change)
    }

    /// Adds several touchpoints as one undo step (a paste, a duplicate of a selection): all of
    /// them or, if any is refused, none, with the journey left as it was.
    pub fn add_touchpoints(
        &mut self,
        j: &mut Journey,
        touchpoints: Vec<Touchpoint>,
    ) -> Result<Change, CommandError> {
        // Adds only append, so "everything from today's end" covers them all.
        let fp = Footprint {
            touchpoints: Some(Span::From(j.touchpoints.len())),
            ..Footprint::default()
        };
        let before = Snapshot::capture(j, &fp);
        let mut change = Change::default();
        for t in touchpoints {
            let cmd = Command::AddTouchpoint {
                touchpoint: Box::new(t),
            };
            match command::apply(j, &cmd) {
                Ok(c) => change.added_touchpoints.extend(c.added_touchpoints),
                Err(e) => {
                    before.swap_into(j);
                    return Err(e);
                }
            }
        }
        if change.is_empty() {
            return Ok(change);
        }
        self.redo.clear();
        self.undo.push_back(before);
        if self.undo.len() > MAX_UNDO_STEPS {
            self.undo.pop_front();
        }
        self.burst = None;
        Ok(change)
    }

    /// Restores the journey as it was before the last step. False when there is nothing to
    /// undo, or when the journey was changed behind the history's back (the history is then
    /// cleared rather than corrupting the journey).
    pub fn undo(&mut self, j: &mut Journey) -> bool {
        self.burst = None;
        let Some(step) = self.undo.pop_back() else {
            return false;
        };
        if !step.fits(j) {
            self.clear();
            return false;
        }
        self.redo.push(step.swap_into(j));
        true
    }

    /// Re-applies the last undone step.
    pub fn redo(&mut self, j: &mut Journey) -> bool {
        self.burst = None;
        let Some(step) = self.redo.pop() else {
            return false;
        };
        if !step.fits(j) {
            self.clear();
            return false;
        }
        self.undo.push_back(step.swap_into(j));
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Forgets every step (after opening another journey).
    pub fn clear(&mut self) {
        *self = History::default();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn several_touchpoints_added_together_are_one_undo_step() {
        let mut j = crate::sample::broadband();
        let original = j.clone();
        let stage = j.stages[0].id;
        let mut h = History::new();
        let new: Vec<Touchpoint> = (1..=3)
            .map(|n| Touchpoint::new(TouchpointId(n), format!("Pasted {n}"), stage))
            .collect();
        let change = h.add_touchpoints(&mut j, new).unwrap();
        assert_eq!(change.added_touchpoints.len(), 3);
        assert_eq!(j.touchpoints.len(), original.touchpoints.len() + 3);
        assert!(h.undo(&mut j));
        assert_eq!(j, original, "one undo takes all three away");
        assert!(h.redo(&mut j));
        assert_eq!(j.touchpoints.len(), original.touchpoints.len() + 3);
    }

    #[test]
    fn a_group_with_a_refused_touchpoint_adds_nothing() {
        let mut j = crate::sample::broadband();
        let original = j.clone();
        let stage = j.stages[0].id;
        let taken = j.touchpoints[0].id;
        let mut h = History::new();
        let new = vec![
            Touchpoint::new(TouchpointId(1), "Fine", stage),
            Touchpoint::new(taken, "Duplicate id", stage),
        ];
        assert!(h.add_touchpoints(&mut j, new).is_err());
        assert_eq!(j, original);
        assert!(!h.can_undo());
    }

    use super::*;
    use crate::command::{JourneyField, TouchpointField};
    use crate::sample::broadband;

    fn type_into(id: TouchpointId, text: &str) -> Command {
        Command::SetTouchpointField {
            id,
            field: TouchpointField::Description(text.into()),
        }
    }

    #[test]
    fn undo_and_redo_restore_exactly() {
        let mut j = broadband();
        let mut h = History::new();
        let start = j.clone();
        assert!(!h.can_undo() && !h.can_redo());
        let id = j.touchpoints[2].id;
        h.apply(&mut j, type_into(id, "edited"), 0.0).unwrap();
        let after = j.clone();
        assert!(h.undo(&mut j));
        assert_eq!(j, start);
        assert!(h.can_redo() && !h.can_undo());
        assert!(h.redo(&mut j));
        assert_eq!(j, after);
        assert!(!h.redo(&mut j), "nothing more to redo");
    }

    #[test]
    fn a_new_command_after_undo_clears_redo() {
        let mut j = broadband();
        let mut h = History::new();
        let id = j.touchpoints[0].id;
        h.apply(&mut j, type_into(id, "one"), 0.0).unwrap();
        h.undo(&mut j);
        assert!(h.can_redo());
        h.apply(&mut j, type_into(id, "two"), 5000.0).unwrap();
        assert!(!h.can_redo());
    }

    #[test]
    fn typing_in_one_field_within_a_second_is_one_undo_step() {
        let mut j = broadband();
        let mut h = History::new();
        let start = j.clone();
        let id = j.touchpoints[0].id;
        for (i, text) in ["H", "He", "Hel", "Hell", "Hello"].iter().enumerate() {
            h.apply(&mut j, type_into(id, text), i as f64 * 400.0)
                .unwrap();
        }
        assert_eq!(h.undo_len(), 1);
        h.undo(&mut j);
        assert_eq!(j, start);
        h.redo(&mut j);
        assert_eq!(j.touchpoints[0].description, "Hello");
    }

    #[test]
    fn a_pause_another_field_or_another_touchpoint_starts_a_new_step() {
        let mut j = broadband();
        let mut h = History::new();
        let (a, b) = (j.touchpoints[0].id, j.touchpoints[1].id);
        h.apply(&mut j, type_into(a, "x"), 0.0).unwrap();
        h.apply(&mut j, type_into(a, "xy"), 1500.0).unwrap();
        assert_eq!(h.undo_len(), 2, "a pause over a second");
        let name = Command::SetTouchpointField {
            id: a,
            field: TouchpointField::Name("Renamed".into()),
        };
        h.apply(&mut j, name, 1600.0).unwrap();
        assert_eq!(h.undo_len(), 3, "another field");
        h.apply(&mut j, type_into(b, "z"), 1700.0).unwrap();
        assert_eq!(h.undo_len(), 4, "another touchpoint");
        let title = Command::SetJourneyField(JourneyField::Title("T".into()));
        h.apply(&mut j, title, 1800.0).unwrap();
        assert_eq!(h.undo_len(), 5, "another kind of command");
    }

    #[test]
    fn a_drag_of_one_touchpoint_is_one_undo_step() {
        let mut j = broadband();
        let mut h = History::new();
        let start = j.clone();
        let t = j.touchpoints[3].clone();
        for step in 0..10 {
            let mv = Command::MoveTouchpoint {
                id: t.id,
                stage: t.stage,
                lane: t.lane,
                position: Some(Position {
                    x: step as f64 * 5.0,
                    y: 1.0,
                }),
                place: Place::Keep,
            };
            h.apply(&mut j, mv, 100.0 + step as f64 * 16.0).unwrap();
        }
        assert_eq!(h.undo_len(), 1);
        h.undo(&mut j);
        assert_eq!(j, start);
    }

    #[test]
    fn a_reordering_move_after_a_plain_move_still_undoes_exactly() {
        // The second move touches more of the list than the first saved, so it must not merge.
        let mut j = broadband();
        let mut h = History::new();
        let start = j.clone();
        let t = j.touchpoints[3].clone();
        let mv = |place| Command::MoveTouchpoint {
            id: t.id,
            stage: t.stage,
            lane: t.lane,
            position: Some(Position { x: 1.0, y: 1.0 }),
            place,
        };
        h.apply(&mut j, mv(Place::Keep), 0.0).unwrap();
        h.apply(&mut j, mv(Place::Last), 10.0).unwrap();
        assert_eq!(h.undo_len(), 2);
        h.undo(&mut j);
        h.undo(&mut j);
        assert_eq!(j, start);
    }

    #[test]
    fn quick_reorders_of_one_touchpoint_undo_exactly() {
        // The second move reaches further up the list than the first saved.
        let mut j = broadband();
        let mut h = History::new();
        let start = j.clone();
        let t = j.touchpoints[5].clone();
        let first = j.touchpoints[0].id;
        let mv = |place| Command::MoveTouchpoint {
            id: t.id,
            stage: t.stage,
            lane: t.lane,
            position: None,
            place,
        };
        h.apply(&mut j, mv(Place::Last), 0.0).unwrap();
        h.apply(&mut j, mv(Place::Before(first)), 10.0).unwrap();
        while h.undo(&mut j) {}
        assert_eq!(j, start);
    }

    #[test]
    fn refused_and_empty_commands_leave_no_step() {
        let mut j = broadband();
        let mut h = History::new();
        let id = j.touchpoints[0].id;
        let same = j.touchpoints[0].description.clone();
        assert!(h
            .apply(&mut j, type_into(id, &same), 0.0)
            .unwrap()
            .is_empty());
        let bad = Command::DeleteTouchpoints { ids: vec![] };
        assert!(h.apply(&mut j, bad, 0.0).is_err());
        assert!(!h.can_undo());
    }

    #[test]
    fn history_keeps_the_last_two_hundred_steps() {
        let mut j = broadband();
        let mut h = History::new();
        let id = j.touchpoints[0].id;
        let mut states = vec![j.clone()];
        for i in 0..250 {
            // Two seconds apart, so nothing merges.
            h.apply(&mut j, type_into(id, &i.to_string()), i as f64 * 2000.0)
                .unwrap();
            states.push(j.clone());
        }
        assert_eq!(h.undo_len(), MAX_UNDO_STEPS);
        let mut undone = 0;
        while h.undo(&mut j) {
            undone += 1;
        }
        assert_eq!(undone, 200);
        assert_eq!(j, states[50]);
    }

    #[test]
    fn a_journey_changed_behind_the_history_is_not_corrupted_by_undo() {
        let mut j = broadband();
        let mut h = History::new();
        let last = j.touchpoints.len() - 1;
        let id = j.touchpoints[last].id;
        h.apply(&mut j, type_into(id, "x"), 0.0).unwrap();
        j.touchpoints.truncate(2);
        let before = j.clone();
        assert!(!h.undo(&mut j));
        assert_eq!(j, before);
        assert!(!h.can_undo() && !h.can_redo());
    }

    #[test]
    fn undo_of_a_delete_restores_order_and_transitions() {
        let mut j = broadband();
        let mut h = History::new();
        let start = j.clone();
        let ids = vec![j.touchpoints[9].id, j.touchpoints[2].id];
        h.apply(&mut j, Command::DeleteTouchpoints { ids }, 0.0)
            .unwrap();
        let after = j.clone();
        h.undo(&mut j);
        assert_eq!(j, start);
        h.redo(&mut j);
        assert_eq!(j, after);
    }
}
