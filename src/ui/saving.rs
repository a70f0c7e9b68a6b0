//! When the journeys on this page are written to browser storage, and what happens when
//! another tab writes to them.
//!
//! Unsaved work is kept per journey until a save succeeds. A save waits for a pause of
//! [`SAVE_DELAY_MS`] after the last change, but never more than [`MAX_WAIT_MS`] after the
//! first unsaved one (so a killed tab loses under a second); hiding or closing the page writes
//! at once; a refused write is tried again with the next change and every [`RETRY_MS`].
//! Another tab's write to the journey open here is taken when this tab has nothing unsaved
//! and the other tab carried on from this tab's version; anything else stops saving that
//! journey and asks the user ([`storage::Conflict`]).

use super::state::{Action, Notice};
use super::storage::{self, Incoming, SaveError};
use crate::model::Journey;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Callback;

/// The pause after the last change at which the journey is written to storage. A save costs
/// tens of milliseconds at 1,000 touchpoints (serialise, hash, `setItem`), so it waits for a
/// pause rather than landing between keystrokes.
pub const SAVE_DELAY_MS: u32 = 300;
/// Steady typing never postpones a save longer than this after the first unsaved change, so
/// a killed tab loses under a second.
pub const MAX_WAIT_MS: f64 = 800.0;
/// How often a save the browser refused (storage full) is tried again without a new change.
pub const RETRY_MS: u32 = 2_000;

/// The user's answer to a conflict with another tab.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Choice {
    /// Show the other tab's version; the changes made here are dropped.
    TakeTheirs,
    /// Write this tab's version over the other tab's.
    KeepMine,
    /// Keep this tab's version under a new key, leave the other tab's alone.
    SaveCopy,
    /// The journey was deleted in another tab: let it go here too.
    Close,
}

pub struct Saver {
    /// Changes not yet written to storage, by the journey's storage key.
    unsaved: RefCell<BTreeMap<String, Rc<Journey>>>,
    /// The storage key of the journey on screen.
    open: RefCell<String>,
    pending: RefCell<Option<Timeout>>,
    /// When (ms since the epoch) the oldest change not yet written was made.
    oldest_unsaved: std::cell::Cell<Option<f64>>,
    dispatch: Callback<Action>,
}

impl Saver {
    pub fn new(dispatch: Callback<Action>) -> Rc<Saver> {
        Rc::new(Saver {
            unsaved: RefCell::default(),
            open: RefCell::default(),
            pending: RefCell::default(),
            oldest_unsaved: Default::default(),
            dispatch,
        })
    }

    /// The editor shows `journey` as `doc` (a change, or another journey opened).
    /// `in_storage`: it is exactly the stored copy, so there is nothing to write.
    pub fn changed(self: &Rc<Self>, doc: &str, journey: Rc<Journey>, in_storage: bool) {
        *self.open.borrow_mut() = doc.to_string();
        if !in_storage {
            self.unsaved.borrow_mut().insert(doc.to_string(), journey);
        }
        // A journey just left is written now, so opening another never drops it.
        if self.unsaved.borrow().keys().any(|d| d != doc) {
            self.flush();
        }
        if self.unsaved.borrow().is_empty() {
            self.oldest_unsaved.set(None);
            return;
        }
        // Each change restarts the pause, up to MAX_WAIT_MS after the oldest unsaved change.
        let now = js_sys::Date::now();
        let oldest = *self.oldest_unsaved.get().get_or_insert(now);
        self.oldest_unsaved.set(Some(oldest));
        let wait = f64::from(SAVE_DELAY_MS).min((oldest + MAX_WAIT_MS - now).max(0.0));
        let me = Rc::clone(self);
        let timeout = Timeout::new(wait as u32, move || {
            me.pending.borrow_mut().take();
            me.flush();
        });
        // Replacing the timer drops (cancels) the one running.
        *self.pending.borrow_mut() = Some(timeout);
    }

    /// Writes every unsaved journey now. One the browser refuses stays unsaved, and the user
    /// is told (and offered a download) until a save works.
    pub fn flush(self: &Rc<Self>) {
        let entries: Vec<(String, Rc<Journey>)> = self
            .unsaved
            .borrow()
            .iter()
            .map(|(d, j)| (d.clone(), Rc::clone(j)))
            .collect();
        let open = self.open.borrow().clone();
        let mut failure = None;
        for (doc, journey) in entries {
            match storage::save(&doc, &journey) {
                Ok(()) => self.saved(&doc, &journey),
                Err(SaveError::Refused(why)) => failure = Some(why),
                // The conflict banner is up; the work stays here until the user decides.
                Err(SaveError::Held) if doc == open => {}
                Err(SaveError::Conflict(conflict)) if doc == open => {
                    self.dispatch.emit(Action::Conflict { doc, conflict })
                }
                Err(SaveError::DeletedHere) => {
                    self.unsaved.borrow_mut().remove(&doc);
                }
                // A journey left while it was in conflict: never dropped, never written over
                // the other tab's version.
                Err(SaveError::Held | SaveError::Conflict(_)) => {
                    if let Err(why) = self.keep_as_copy(&doc, &journey) {
                        failure = Some(why);
                    }
                }
            }
        }
        // What is left (refused, held for a conflict) starts a new wait with its next change;
        // the retry timer covers it meanwhile.
        self.oldest_unsaved.set(None);
        match failure {
            None => self.dispatch.emit(Action::Saved),
            Some(why) => self.dispatch.emit(Action::StorageFailed(why)),
        }
    }

    fn saved(&self, doc: &str, journey: &Rc<Journey>) {
        let mut u = self.unsaved.borrow_mut();
        // Only if nothing newer arrived meanwhile.
        if u.get(doc).is_some_and(|j| Rc::ptr_eq(j, journey)) {
            u.remove(doc);
        }
    }

    fn keep_as_copy(&self, doc: &str, journey: &Rc<Journey>) -> Result<(), String> {
        let mut copy = (**journey).clone();
        let old = storage::display_title(&copy);
        copy.title = format!("{old} (copy)");
        let id = super::new_doc_id();
        self.unsaved.borrow_mut().remove(doc);
        storage::forget(doc);
        let result = storage::save(&id, &copy);
        if result.is_err() {
            // Tried again with the next flush, under its new key.
            self.unsaved.borrow_mut().insert(id, Rc::new(copy));
        }
        self.dispatch.emit(Action::Notify(Notice::info(format!(
            "\"{old}\" was changed in another tab while it had unsaved changes here; your \
             version is kept as \"{old} (copy)\"."
        ))));
        match result {
            Err(SaveError::Refused(why)) => Err(why),
            _ => Ok(()),
        }
    }

    /// The window's `storage` event: another tab wrote `key` (`None`: it cleared storage).
    pub fn on_storage(self: &Rc<Self>, key: Option<String>) {
        let open = self.open.borrow().clone();
        if key.is_some_and(|k| k != storage::doc_key(&open)) {
            return;
        }
        let unsaved = self.unsaved.borrow().contains_key(&open);
        match storage::incoming(&open, unsaved) {
            Incoming::Nothing => {}
            Incoming::Take(journey) => self.dispatch.emit(Action::External {
                doc: open,
                journey,
                notice: Notice::info(
                    "This journey was changed in another tab; this is that version now. Undo \
                     starts again from here.",
                ),
            }),
            Incoming::Conflict(conflict) => self.dispatch.emit(Action::Conflict {
                doc: open,
                conflict,
            }),
        }
    }

    /// Carries out the user's answer to a conflict about the open journey; `mine` is the
    /// journey on screen.
    pub fn resolve(self: &Rc<Self>, choice: Choice, mine: Rc<Journey>) {
        let doc = self.open.borrow().clone();
        match choice {
            Choice::TakeTheirs => match storage::load(&doc) {
                Ok(journey) => {
                    self.unsaved.borrow_mut().remove(&doc);
                    self.dispatch.emit(Action::External {
                        doc,
                        journey,
                        notice: Notice::info(
                            "This is the other tab's version; the changes made here were \
                             dropped.",
                        ),
                    });
                }
                Err(why) => self.dispatch.emit(Action::Notify(Notice::error(
                    "The other tab's version could not be read; nothing was changed.",
                    vec![why],
                ))),
            },
            Choice::KeepMine => {
                storage::overrule(&doc);
                self.unsaved.borrow_mut().insert(doc, mine);
                self.dispatch.emit(Action::Resolved);
                self.flush();
            }
            Choice::SaveCopy => {
                self.unsaved.borrow_mut().remove(&doc);
                storage::forget(&doc);
                self.dispatch.emit(Action::SaveAsCopy {
                    doc: super::new_doc_id(),
                });
            }
            Choice::Close => {
                self.unsaved.borrow_mut().remove(&doc);
                storage::forget(&doc);
                self.dispatch.emit(Action::Load {
                    doc: super::new_doc_id(),
                    journey: crate::sample::broadband(),
                    notice: Some(Notice::info(
                        "The journey deleted in the other tab was closed here too.",
                    )),
                });
            }
        }
    }
}
