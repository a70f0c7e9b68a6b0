//! The editor's state and its one action path. Every user command (toolbar, keyboard,
//! canvas gesture, inspector field) becomes an [`Action`] handled by [`Editor::reduce`];
//! journey changes go through [`History::apply`], which alone decides what is an undo step.

use super::storage::Conflict;
use crate::clipboard::{self, Copied, Dropped};
use crate::command::{Command, JourneyField, Place};
use crate::history::History;
use crate::model::*;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::Reducible;

/// A message for the user: what happened, and when something went wrong, the details.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    pub details: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Info,
            text: text.into(),
            details: Vec::new(),
        }
    }
    pub fn error(text: impl Into<String>, details: Vec<String>) -> Notice {
        Notice {
            kind: NoticeKind::Error,
            text: text.into(),
            details,
        }
    }
}

/// The editor. Cheap to clone: the journey is shared until it changes, and the history and id
/// generator live behind shared cells (they are not rendered, only asked questions).
#[derive(Clone)]
pub struct Editor {
    /// Storage key of the open journey.
    pub doc: String,
    pub journey: Rc<Journey>,
    /// Bumped on every change to the journey; storage saves when it moves.
    pub revision: u64,
    pub selection: Rc<BTreeSet<TouchpointId>>,
    /// The touchpoint open in the inspector.
    pub inspecting: Option<TouchpointId>,
    /// "Connect" was pressed with this touchpoint selected; the next card clicked is the target.
    pub connecting_from: Option<TouchpointId>,
    pub notice: Option<Notice>,
    /// Browser storage refused the last save: shown, with a download, until a save works.
    /// Kept apart from `notice` so no other message can hide it while work is unsaved.
    pub storage_problem: Option<String>,
    /// Another tab changed or deleted this journey in a way that needs the user's decision;
    /// saving it is stopped until then. The storage key it is about.
    pub conflict: Option<(String, Conflict)>,
    /// The journey on screen is exactly the stored copy (just opened or taken from another
    /// tab): nothing to save.
    pub in_storage: bool,
    /// Bumped by every Inspect, so asking again for the open card still brings its tab
    /// forward.
    pub inspect_seq: u64,
    pub can_undo: bool,
    pub can_redo: bool,
    history: Rc<RefCell<History>>,
    ids: Rc<RefCell<IdGen>>,
}

impl PartialEq for Editor {
    fn eq(&self, other: &Self) -> bool {
        self.doc == other.doc
            && self.revision == other.revision
            && Rc::ptr_eq(&self.journey, &other.journey)
            && self.selection == other.selection
            && self.inspecting == other.inspecting
            && self.connecting_from == other.connecting_from
            && self.notice == other.notice
            && self.storage_problem == other.storage_problem
            && self.conflict == other.conflict
            && self.in_storage == other.in_storage
            && self.inspect_seq == other.inspect_seq
            && self.can_undo == other.can_undo
            && self.can_redo == other.can_redo
    }
}

pub enum Action {
    /// A change to the journey, recorded for undo.
    Apply(Command),
    Undo,
    Redo,
    /// Click: select only this; shift-click: add or remove it.
    Select {
        id: TouchpointId,
        extend: bool,
    },
    SelectMany(Vec<TouchpointId>),
    ClearSelection,
    Inspect(Option<TouchpointId>),
    AddTouchpoint {
        stage: StageId,
        lane: Option<LaneId>,
    },
    AddStage,
    DeleteSelection,
    DuplicateSelection,
    /// Paste touchpoints copied from this or another journey: they get fresh ids and keep
    /// their stage when it exists here (by id, then by name), else go to the first stage.
    Paste(Vec<Copied>),
    /// "Connect": the selected touchpoint becomes the start of a new transition.
    StartConnect,
    /// A new transition from one touchpoint to another (dragged from a card's handle).
    Connect {
        from: TouchpointId,
        to: TouchpointId,
    },
    CancelConnect,
    /// Move a touchpoint one stage left or right (keyboard).
    Nudge {
        id: TouchpointId,
        stages: isize,
        lanes: isize,
    },
    /// Replace the whole journey (open a file, switch journeys, new journey). History starts
    /// afresh: undoing into another journey would be surprising.
    Load {
        doc: String,
        journey: Journey,
        notice: Option<Notice>,
    },
    Notify(Notice),
    Dismiss,
    /// A save to browser storage worked: a standing "could not save" warning can go.
    Saved,
    /// Browser storage refused a save, for this reason.
    StorageFailed(String),
    /// Another tab saved this journey and this tab had nothing unsaved: show that version.
    /// Undo history starts afresh, so undo can never reach back past the other tab's work
    /// and then overwrite it from here.
    External {
        doc: String,
        journey: Journey,
        notice: Notice,
    },
    /// Saving the journey `doc` stopped: another tab changed it (see [`Conflict`]).
    Conflict {
        doc: String,
        conflict: Conflict,
    },
    /// The user decided about the conflict ("Keep mine"): saving resumes.
    Resolved,
    /// "Save mine as a copy": the journey on screen is kept under a new storage key with
    /// "(copy)" added to its title (an undo step like any rename), and the other tab's
    /// version stays where it was.
    SaveAsCopy {
        doc: String,
    },
    /// Only reachable with `?panic-test` in the address: a panic inside the reducer, where Yew
    /// holds its state borrowed, to check the panic banner.
    PanicTest,
}

impl Editor {
    pub fn new(doc: String, journey: Journey, seed: u64) -> Editor {
        let journey = Rc::new(journey);
        super::panic::remember(&journey);
        Editor {
            doc,
            journey,
            revision: 0,
            selection: Rc::new(BTreeSet::new()),
            inspecting: None,
            connecting_from: None,
            notice: None,
            storage_problem: None,
            conflict: None,
            in_storage: false,
            inspect_seq: 0,
            can_undo: false,
            can_redo: false,
            history: Rc::new(RefCell::new(History::new())),
            ids: Rc::new(RefCell::new(IdGen::new(seed))),
        }
    }

    fn fresh<T: From<u64>>(&self) -> T {
        self.ids.borrow_mut().id()
    }

    /// Runs commands as one user action; stops at the first refusal and says why.
    fn run(&mut self, commands: Vec<Command>) {
        let now = super::now_ms();
        let mut journey = (*self.journey).clone();
        let mut changed = false;
        for cmd in commands {
            let result = self.history.borrow_mut().apply(&mut journey, cmd, now);
            match result {
                Ok(change) => {
                    changed |= !change.is_empty();
                    if let Some(note) = change.note {
                        self.notice = Some(Notice::info(note));
                    }
                }
                Err(e) => {
                    self.notice = Some(Notice::error(e.to_string(), Vec::new()));
                    break;
                }
            }
        }
        if changed {
            self.set_journey(journey);
        }
    }

    fn set_journey(&mut self, journey: Journey) {
        // Forget selections of touchpoints that no longer exist.
        let sel: BTreeSet<TouchpointId> = self
            .selection
            .iter()
            .copied()
            .filter(|id| journey.touchpoint(*id).is_some())
            .collect();
        if sel.len() != self.selection.len() {
            self.selection = Rc::new(sel);
        }
        if self
            .inspecting
            .is_some_and(|id| journey.touchpoint(id).is_none())
        {
            self.inspecting = None;
        }
        self.journey = Rc::new(journey);
        super::panic::remember(&self.journey);
        self.in_storage = false;
        self.revision += 1;
        let h = self.history.borrow();
        self.can_undo = h.can_undo();
        self.can_redo = h.can_redo();
    }

    fn time_travel(&mut self, undo: bool) {
        let mut journey = (*self.journey).clone();
        let moved = {
            let mut h = self.history.borrow_mut();
            if undo {
                h.undo(&mut journey)
            } else {
                h.redo(&mut journey)
            }
        };
        if moved {
            self.set_journey(journey);
        }
    }

    fn add_touchpoint(&mut self, stage: StageId, lane: Option<LaneId>) {
        let id: TouchpointId = self.fresh();
        let mut tp = Touchpoint::new(id, "New touchpoint", stage);
        tp.lane = lane.or_else(|| {
            self.journey
                .lanes
                .iter()
                .find(|l| l.kind == LaneKind::FrontStage)
                .or(self.journey.lanes.first())
                .map(|l| l.id)
        });
        self.run(vec![Command::AddTouchpoint {
            touchpoint: Box::new(tp),
        }]);
        if self.journey.touchpoint(id).is_some() {
            self.selection = Rc::new([id].into_iter().collect());
            self.inspecting = Some(id);
        }
    }

    fn add_stage(&mut self) {
        let taken = |name: &str| {
            self.journey
                .stages
                .iter()
                .any(|s| s.name.trim().eq_ignore_ascii_case(name))
        };
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    "New stage".to_string()
                } else {
                    format!("New stage {n}")
                }
            })
            .find(|n| !taken(n))
            .expect("an unused name exists");
        let stage = Stage {
            id: self.fresh(),
            name,
            goal: String::new(),
        };
        self.run(vec![Command::AddStage { stage, index: None }]);
    }

    /// The copied touchpoints under fresh ids, and what could not come along.
    fn copies(&self, sources: &[Copied]) -> (Vec<Touchpoint>, Dropped) {
        let mut dropped = Dropped::default();
        let tps = sources
            .iter()
            .map_while(|c| clipboard::rehome(&self.journey, c, self.fresh(), &mut dropped))
            .collect();
        (tps, dropped)
    }

    fn paste(&mut self, sources: Vec<Copied>) {
        let (tps, dropped) = self.copies(&sources);
        if tps.is_empty() {
            self.notice = Some(Notice::error(
                "Add a stage before pasting touchpoints.",
                Vec::new(),
            ));
            return;
        }
        let n = tps.len();
        let ids: Vec<TouchpointId> = tps.iter().map(|t| t.id).collect();
        // One undo step for the whole paste, and all of it or none.
        let mut journey = (*self.journey).clone();
        let result = self.history.borrow_mut().add_touchpoints(&mut journey, tps);
        match result {
            Ok(_) => self.set_journey(journey),
            Err(e) => {
                self.notice = Some(Notice::error(
                    format!("Nothing was pasted: {e}"),
                    Vec::new(),
                ));
                return;
            }
        }
        self.selection = Rc::new(
            ids.into_iter()
                .filter(|id| self.journey.touchpoint(*id).is_some())
                .collect(),
        );
        let mut text = format!("Pasted {n} touchpoint{}", if n == 1 { "" } else { "s" });
        if !dropped.0.is_empty() {
            let mut gone = dropped.0;
            gone.dedup();
            text.push_str(&format!(
                "; this journey has no {}, so {} left out",
                gone.join(", "),
                if gone.len() == 1 {
                    "it was"
                } else {
                    "they were"
                }
            ));
        }
        self.notice = Some(Notice::info(text));
    }

    /// A "next step" that carries the customer's context: the common case, and the inspector
    /// changes it in one click.
    fn connect(&mut self, from: TouchpointId, to: TouchpointId) {
        let transition = Transition {
            id: self.fresh(),
            from,
            to,
            label: String::new(),
            kind: TransitionKind::Next,
            carries_context: true,
        };
        self.run(vec![Command::Connect { transition }]);
        if self.notice.is_none() {
            self.notice = Some(Notice::info("Connected"));
        }
    }

    fn nudge(&mut self, id: TouchpointId, stages: isize, lanes: isize) {
        let j = &self.journey;
        let Some(tp) = j.touchpoint(id) else { return };
        let Some(si) = j.stage_index(tp.stage) else {
            return;
        };
        let target_stage = si as isize + stages;
        if target_stage < 0 || target_stage >= j.stages.len() as isize {
            return;
        }
        let lane = if lanes == 0 || j.lanes.is_empty() {
            tp.lane
        } else {
            let li = tp
                .lane
                .and_then(|l| j.lanes.iter().position(|x| x.id == l))
                .map(|i| i as isize)
                // From "No lane" (drawn last), up goes to the last lane and down stays put.
                .unwrap_or(j.lanes.len() as isize);
            if tp.lane.is_none() && lanes > 0 {
                return;
            }
            let t = (li + lanes).clamp(0, j.lanes.len() as isize - 1);
            Some(j.lanes[t as usize].id)
        };
        let stage = j.stages[target_stage as usize].id;
        if stage == tp.stage && lane == tp.lane {
            return;
        }
        // Place::Keep: reordering the touchpoint list would move the focused card's DOM node,
        // and a moved node loses keyboard focus.
        self.run(vec![Command::MoveTouchpoint {
            id,
            stage,
            lane,
            position: None,
            place: Place::Keep,
        }]);
    }
}

impl Reducible for Editor {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if let Action::Saved = action {
            // Every save reports here; returning the same Rc skips the re-render.
            if self.storage_problem.is_none() {
                return self;
            }
            let mut e = (*self).clone();
            e.storage_problem = None;
            e.notice = Some(Notice::info("Saved in this browser again."));
            return Rc::new(e);
        }
        let mut e = (*self).clone();
        // A message stays until the next thing the user does.
        if !matches!(
            action,
            Action::Notify(_) | Action::StorageFailed(_) | Action::Conflict { .. }
        ) {
            e.notice = None;
        }
        match action {
            Action::Apply(cmd) => e.run(vec![cmd]),
            Action::Undo => e.time_travel(true),
            Action::Redo => e.time_travel(false),
            Action::Select { id, extend } => {
                if let Some(from) = e.connecting_from.take() {
                    if from != id {
                        e.connect(from, id);
                    }
                    return Rc::new(e);
                }
                let mut sel = (*e.selection).clone();
                if extend {
                    if !sel.remove(&id) {
                        sel.insert(id);
                    }
                } else {
                    sel.clear();
                    sel.insert(id);
                }
                e.selection = Rc::new(sel);
            }
            Action::SelectMany(ids) => e.selection = Rc::new(ids.into_iter().collect()),
            Action::ClearSelection => {
                e.selection = Rc::new(BTreeSet::new());
                e.connecting_from = None;
            }
            Action::Inspect(id) => {
                e.inspecting = id;
                e.inspect_seq += 1;
                if let Some(id) = id {
                    if !e.selection.contains(&id) {
                        e.selection = Rc::new([id].into_iter().collect());
                    }
                }
            }
            Action::AddTouchpoint { stage, lane } => e.add_touchpoint(stage, lane),
            Action::AddStage => e.add_stage(),
            Action::DeleteSelection => {
                let ids: Vec<TouchpointId> = e.selection.iter().copied().collect();
                if ids.is_empty() {
                    e.notice = Some(Notice::info("Select a touchpoint to delete"));
                } else {
                    let n = ids.len();
                    e.run(vec![Command::DeleteTouchpoints { ids }]);
                    if e.notice.is_none() {
                        e.notice = Some(Notice::info(format!(
                            "Deleted {n} touchpoint{} (Undo brings {} back)",
                            if n == 1 { "" } else { "s" },
                            if n == 1 { "it" } else { "them" }
                        )));
                    }
                }
            }
            Action::DuplicateSelection => {
                let ids: Vec<TouchpointId> = e.selection.iter().copied().collect();
                let sources: Vec<Copied> = clipboard::copy(&e.journey, &ids)
                    .into_iter()
                    .map(|mut c| {
                        c.touchpoint.name = format!("{} (copy)", c.touchpoint.name);
                        c
                    })
                    .collect();
                if !sources.is_empty() {
                    e.paste(sources);
                }
            }
            Action::Paste(tps) => e.paste(tps),
            Action::StartConnect => {
                match e.selection.iter().next().copied() {
                    Some(from) if e.selection.len() == 1 => {
                        e.connecting_from = Some(from);
                        e.notice = Some(Notice::info(
                            "Click the touchpoint to connect to (Esc to cancel)",
                        ));
                    }
                    _ => e.notice = Some(Notice::info(
                        "Select one touchpoint first, then press Connect and click the next one",
                    )),
                }
            }
            Action::CancelConnect => e.connecting_from = None,
            Action::Connect { from, to } => {
                if from != to {
                    e.connect(from, to);
                }
            }
            Action::Nudge { id, stages, lanes } => e.nudge(id, stages, lanes),
            Action::Load {
                doc,
                journey,
                notice,
            } => {
                e.doc = doc;
                e.conflict = None;
                e.history.borrow_mut().clear();
                e.selection = Rc::new(BTreeSet::new());
                e.inspecting = None;
                e.connecting_from = None;
                e.set_journey(journey);
                e.notice = notice;
            }
            Action::Notify(n) => e.notice = Some(n),
            Action::Dismiss => e.notice = None,
            Action::Saved => {}
            Action::StorageFailed(why) => e.storage_problem = Some(why),
            Action::External {
                doc,
                journey,
                notice,
            } => {
                if doc != e.doc {
                    return self;
                }
                e.history.borrow_mut().clear();
                e.connecting_from = None;
                e.set_journey(journey);
                e.in_storage = true;
                e.conflict = None;
                e.notice = Some(notice);
            }
            Action::Conflict { doc, conflict } => {
                if doc == e.doc {
                    e.conflict = Some((doc, conflict));
                }
            }
            Action::Resolved => e.conflict = None,
            Action::SaveAsCopy { doc } => {
                e.conflict = None;
                e.doc = doc;
                let title = format!("{} (copy)", super::storage::display_title(&e.journey));
                e.run(vec![Command::SetJourneyField(JourneyField::Title(title))]);
                e.notice = Some(Notice::info(
                    "Your version is kept as a copy; the other tab's version was left as it is.",
                ));
            }
            Action::PanicTest => {
                panic!("test panic requested with ?panic-test <b>markup stays text</b>")
            }
        }
        Rc::new(e)
    }
}
