//! Browser storage: every journey the user keeps, saved in localStorage in the file format.
//!
//! Keys: `throughline.v1.index` (the list of journeys: id, title, last saved),
//! `throughline.v1.doc.<id>` (one journey, as a journey file), `throughline.v1.stamp.<id>`
//! (which version of that journey is stored and which versions it was made from),
//! `throughline.v1.current` (the one open last). A journey that cannot be read is never
//! overwritten: the editor opens something else under a new id and says so.
//!
//! Several tabs share one storage, and localStorage has no compare-and-swap, so every tab
//! remembers the version of each journey its copy is based on (a hash of the stored text) and
//! writes only over that version. The stamp lists the versions a stored copy was made from,
//! so a tab can tell "the other tab carried on from my version" (safe to take) from "the other
//! tab wrote without having seen my last save" (both tabs saved in the same moment): the
//! second, like any change while this tab has unsaved edits, is a [`Conflict`] for the user to
//! decide, never a silent overwrite.

use crate::format;
use crate::model::Journey;
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;

const INDEX: &str = "throughline.v1.index";
const CURRENT: &str = "throughline.v1.current";
const DOC_PREFIX: &str = "throughline.v1.doc.";
const STAMP_PREFIX: &str = "throughline.v1.stamp.";
const CLIPBOARD: &str = "throughline.v1.clipboard";
/// How many earlier versions a stamp names. A tab that fell further behind than this sees a
/// conflict instead of taking the newer version: safe, only less convenient.
const LINEAGE: usize = 16;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocEntry {
    pub id: String,
    pub title: String,
    /// Milliseconds since the epoch.
    pub saved: f64,
}

/// Which version of a journey is stored, and the versions it was made from (newest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Stamp {
    hash: String,
    #[serde(default)]
    made_from: Vec<String>,
}

/// Why a journey's copy in this tab can no longer be saved without asking the user.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    /// Another tab saved it while this tab had unsaved changes.
    Changed,
    /// Another tab saved over this tab's last save without having seen it.
    Overwritten,
    /// Another tab deleted it.
    Deleted,
    /// Another tab (a newer version of the app) saved something this version cannot read.
    Unreadable(String),
}

/// What happened to a journey this tab has open when another tab wrote to storage.
pub enum Incoming {
    /// Nothing this tab needs to know.
    Nothing,
    /// The other tab carried on from this tab's version and this tab has nothing unsaved: show
    /// theirs.
    Take(Journey),
    /// Saving here is stopped until the user decides.
    Conflict(Conflict),
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The browser refused the write (full, private mode).
    Refused(String),
    /// Another tab changed the stored copy since this tab's copy was loaded or saved.
    Conflict(Conflict),
    /// Saving is stopped for this journey until the user decides about a conflict.
    Held,
    /// The user deleted it in this tab: a save still pending must not bring it back.
    DeletedHere,
}

/// Per journey: the stored version this tab's copy is based on, and whether saving is stopped.
#[derive(Default)]
struct Track {
    base: Option<u64>,
    held: bool,
    deleted: bool,
}

thread_local! {
    static TRACK: RefCell<BTreeMap<String, Track>> = const { RefCell::new(BTreeMap::new()) };
}

fn with_track<R>(id: &str, f: impl FnOnce(&mut Track) -> R) -> R {
    TRACK.with(|t| f(t.borrow_mut().entry(id.to_string()).or_default()))
}

/// FNV-1a over the text's bytes: stable across builds and tabs, which a std hasher is not
/// promised to be.
pub fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn hex(h: u64) -> String {
    format!("{h:016x}")
}

pub fn doc_key(id: &str) -> String {
    format!("{DOC_PREFIX}{id}")
}

fn stamp_key(id: &str) -> String {
    format!("{STAMP_PREFIX}{id}")
}

pub(crate) fn raw() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| "this browser gives the page no storage (private mode?)".to_string())
}

fn js_error(e: wasm_bindgen::JsValue) -> String {
    let text = js_sys::Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into());
    let name = js_sys::Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    if text.to_lowercase().contains("quota") || name == "QuotaExceededError" {
        format!("browser storage is full ({text})")
    } else {
        text
    }
}

fn stored_text(id: &str) -> Result<Option<String>, String> {
    raw()?.get_item(&doc_key(id)).map_err(js_error)
}

fn stored_stamp(s: &web_sys::Storage, id: &str) -> Option<Stamp> {
    let text = s.get_item(&stamp_key(id)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// The ids of every journey in storage, from the keys alone (cheap: no journey is read).
fn stored_ids(s: &web_sys::Storage) -> Vec<String> {
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(DOC_PREFIX).map(String::from))
        .collect()
}

/// The journeys kept in this browser: the index, less journeys deleted meanwhile (by another
/// tab, whose index write this tab may have overwritten), plus any stored journey the index
/// does not name (a damaged index, an index from a newer version, or one another tab wrote
/// from a stale copy), so no stored journey ever drops out of the list.
pub fn list() -> Vec<DocEntry> {
    let Ok(s) = raw() else { return Vec::new() };
    let ids = stored_ids(&s);
    let mut out: Vec<DocEntry> = Vec::new();
    for d in LocalStorage::get::<Vec<DocEntry>>(INDEX).unwrap_or_default() {
        if ids.contains(&d.id) && !out.iter().any(|o| o.id == d.id) {
            out.push(d);
        }
    }
    for id in ids {
        if !out.iter().any(|o| o.id == id) {
            let title = match read(&id) {
                Ok((j, _)) => display_title(&j),
                Err(_) => format!("Unreadable journey {id}"),
            };
            out.push(DocEntry {
                id,
                title,
                saved: 0.0,
            });
        }
    }
    out
}

pub fn current() -> Option<String> {
    raw().ok()?.get_item(CURRENT).ok().flatten()
}

/// The file format version of a stored text, if it is newer than this build reads.
fn newer_version(text: &str) -> Option<u64> {
    #[derive(Deserialize)]
    struct Peek {
        version: Option<serde_json::Value>,
    }
    let v = serde_json::from_str::<Peek>(text).ok()?.version?.as_u64()?;
    (v > format::VERSION).then_some(v)
}

/// Why a stored text cannot be opened, in words that name a newer version when that is why.
fn unreadable(text: &str, e: format::LoadErrors) -> String {
    match newer_version(text) {
        Some(v) => format!(
            "it was saved by a newer version of Throughline (file format version {v}; this \
             version reads up to {}). It was left as it is: open it with the newer version",
            format::VERSION
        ),
        None => e.to_string(),
    }
}

/// Reads a stored journey without changing what this tab remembers about it.
fn read(id: &str) -> Result<(Journey, u64), String> {
    let text =
        stored_text(id)?.ok_or_else(|| "it is no longer in this browser's storage".to_string())?;
    let j = format::load(&text).map_err(|e| unreadable(&text, e))?;
    Ok((j, hash(&text)))
}

/// The stored journey, or why it cannot be opened (its text is left untouched). This tab's
/// copy is from now on based on the version read.
pub fn load(id: &str) -> Result<Journey, String> {
    let (j, h) = read(id)?;
    with_track(id, |t| {
        t.base = Some(h);
        t.held = false;
    });
    Ok(j)
}

/// The newer file format version the stored journey was written in, if that is why it cannot
/// be read.
pub fn stored_newer_version(id: &str) -> Option<u64> {
    newer_version(&stored_text(id).ok()??)
}

/// Writes the journey and its index entry, only over the version this tab's copy is based on.
/// On any error nothing was lost in memory, but the browser copy is stale.
pub fn save(id: &str, j: &Journey) -> Result<(), SaveError> {
    let (held, deleted) = with_track(id, |t| (t.held, t.deleted));
    if deleted {
        return Err(SaveError::DeletedHere);
    }
    if held {
        return Err(SaveError::Held);
    }
    let s = raw().map_err(SaveError::Refused)?;
    let base = with_track(id, |t| t.base);
    let stored = s
        .get_item(&doc_key(id))
        .map_err(|e| SaveError::Refused(js_error(e)))?;
    let conflict = match (&stored, base) {
        (None, None) => None,
        (Some(text), Some(b)) if hash(text) == b => None,
        (None, Some(_)) => Some(Conflict::Deleted),
        (Some(text), _) => Some(match format::load(text) {
            Ok(_) => Conflict::Changed,
            Err(e) => Conflict::Unreadable(unreadable(text, e)),
        }),
    };
    if let Some(c) = conflict {
        with_track(id, |t| t.held = true);
        return Err(SaveError::Conflict(c));
    }
    let text = format::save_compact(j);
    let h = hash(&text);
    if base == Some(h) {
        // Already stored as it is (an undo back to the saved state, a journey just loaded).
        return Ok(());
    }
    // The stamp goes first: a tab that reads the two between writes sees a stamp that does
    // not match the stored text and ignores it, and a refused journey write leaves the stored
    // journey (the part that matters) as it was.
    let mut made_from = Vec::new();
    if let Some(b) = base {
        made_from.push(hex(b));
        if let Some(old) = stored_stamp(&s, id).filter(|st| st.hash == hex(b)) {
            made_from.extend(old.made_from);
        }
        made_from.truncate(LINEAGE);
    }
    let stamp = Stamp {
        hash: hex(h),
        made_from,
    };
    let stamp_text =
        serde_json::to_string(&stamp).map_err(|e| SaveError::Refused(e.to_string()))?;
    s.set_item(&stamp_key(id), &stamp_text)
        .map_err(|e| SaveError::Refused(js_error(e)))?;
    s.set_item(&doc_key(id), &text)
        .map_err(|e| SaveError::Refused(js_error(e)))?;
    with_track(id, |t| t.base = Some(h));
    write_index_entry(&s, id, j).map_err(SaveError::Refused)?;
    let _ = s.set_item(CURRENT, id);
    Ok(())
}

fn write_index_entry(s: &web_sys::Storage, id: &str, j: &Journey) -> Result<(), String> {
    let mut index = list();
    let entry = DocEntry {
        id: id.to_string(),
        title: display_title(j),
        saved: js_sys::Date::now(),
    };
    match index.iter_mut().find(|d| d.id == id) {
        Some(d) => *d = entry,
        None => index.push(entry),
    }
    let text = serde_json::to_string(&index).map_err(|e| e.to_string())?;
    s.set_item(INDEX, &text).map_err(js_error)
}

/// Another tab changed storage: what it means for the journey `id` open here. `unsaved`: this
/// tab has changes to it not yet written. Anything but a clean hand-over stops saving it.
pub fn incoming(id: &str, unsaved: bool) -> Incoming {
    let Ok(s) = raw() else {
        return Incoming::Nothing;
    };
    let (base, held) = with_track(id, |t| (t.base, t.held));
    if held {
        return Incoming::Nothing;
    }
    let stored = s.get_item(&doc_key(id)).ok().flatten();
    let outcome = match (stored, base) {
        (None, None) => return Incoming::Nothing,
        (None, Some(_)) => Incoming::Conflict(Conflict::Deleted),
        (Some(text), base) => {
            let h = hash(&text);
            if base == Some(h) {
                return Incoming::Nothing;
            }
            let carried_on = base.is_some_and(|b| {
                stored_stamp(&s, id)
                    .filter(|st| st.hash == hex(h))
                    .is_some_and(|st| st.made_from.contains(&hex(b)))
            });
            match format::load(&text) {
                Err(e) => Incoming::Conflict(Conflict::Unreadable(unreadable(&text, e))),
                Ok(_) if unsaved => Incoming::Conflict(Conflict::Changed),
                Ok(j) if carried_on => {
                    with_track(id, |t| t.base = Some(h));
                    return Incoming::Take(j);
                }
                Ok(_) => Incoming::Conflict(Conflict::Overwritten),
            }
        }
    };
    with_track(id, |t| t.held = true);
    outcome
}

/// "Keep mine": the stored version (whatever it is now) becomes the one this tab writes over,
/// and saving resumes.
pub fn overrule(id: &str) {
    let base = stored_text(id).ok().flatten().map(|t| hash(&t));
    with_track(id, |t| {
        t.base = base;
        t.held = false;
    });
}

/// This tab no longer saves to `id` (its copy went elsewhere, or was dropped).
pub fn forget(id: &str) {
    TRACK.with(|t| t.borrow_mut().remove(id));
}

pub fn delete(id: &str) {
    if let Ok(s) = raw() {
        let _ = s.remove_item(&doc_key(id));
        let _ = s.remove_item(&stamp_key(id));
        let index: Vec<DocEntry> = list().into_iter().filter(|d| d.id != id).collect();
        if let Ok(text) = serde_json::to_string(&index) {
            let _ = s.set_item(INDEX, &text);
        }
    }
    with_track(id, |t| t.deleted = true);
}

pub fn display_title(j: &Journey) -> String {
    if j.title.trim().is_empty() {
        "Untitled journey".to_string()
    } else {
        j.title.clone()
    }
}

/// Copied touchpoints, kept in storage so they can be pasted into another journey.
pub fn set_clipboard(text: &str) -> Result<(), String> {
    raw()?.set_item(CLIPBOARD, text).map_err(js_error)
}

pub fn clipboard() -> Option<String> {
    raw().ok()?.get_item(CLIPBOARD).ok().flatten()
}
