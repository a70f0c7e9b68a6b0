//! Browser storage: every journey the user keeps, saved in localStorage in the file format.
//!
//! Keys: `throughline.v1.index` (the list of journeys: id, title, last saved),
//! `throughline.v1.doc.<id>` (one journey, as a journey file), `throughline.v1.current` (the
//! one open last). A journey that cannot be read is never overwritten: the editor opens
//! something else under a new id and says so.

use crate::format;
use crate::model::Journey;
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const INDEX: &str = "throughline.v1.index";
const CURRENT: &str = "throughline.v1.current";
const DOC_PREFIX: &str = "throughline.v1.doc.";
const CLIPBOARD: &str = "throughline.v1.clipboard";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocEntry {
    pub id: String,
    pub title: String,
    /// Milliseconds since the epoch.
    pub saved: f64,
}

fn raw() -> Result<web_sys::Storage, String> {
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
    if text.to_lowercase().contains("quota") {
        format!("browser storage is full ({text})")
    } else {
        text
    }
}

/// The journeys kept in this browser. An index that cannot be read (damaged, or written by a
/// newer version) is rebuilt from the stored journeys themselves, so none of them drops out
/// of the list, and the next save writes a good index.
pub fn list() -> Vec<DocEntry> {
    match LocalStorage::get::<Vec<DocEntry>>(INDEX) {
        Ok(index) => index,
        Err(_) => rebuild_index(),
    }
}

fn rebuild_index() -> Vec<DocEntry> {
    let Ok(s) = raw() else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(DOC_PREFIX).map(String::from))
        .map(|id| {
            let title = load(&id)
                .map(|j| display_title(&j))
                .unwrap_or_else(|_| format!("Unreadable journey {id}"));
            DocEntry {
                id,
                title,
                saved: 0.0,
            }
        })
        .collect()
}

pub fn current() -> Option<String> {
    raw().ok()?.get_item(CURRENT).ok().flatten()
}

/// The stored journey, or why it cannot be opened (its text is left untouched).
pub fn load(id: &str) -> Result<Journey, String> {
    let text = raw()?
        .get_item(&format!("{DOC_PREFIX}{id}"))
        .map_err(js_error)?
        .ok_or_else(|| "it is no longer in this browser's storage".to_string())?;
    format::load(&text).map_err(|e| e.to_string())
}

/// Writes the journey and its index entry. An error means nothing was lost in memory, but
/// the browser copy is stale.
pub fn save(id: &str, j: &Journey) -> Result<(), String> {
    let s = raw()?;
    s.set_item(&format!("{DOC_PREFIX}{id}"), &format::save_compact(j))
        .map_err(js_error)?;
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
    s.set_item(INDEX, &text).map_err(js_error)?;
    let _ = s.set_item(CURRENT, id);
    Ok(())
}

pub fn delete(id: &str) {
    if let Ok(s) = raw() {
        let _ = s.remove_item(&format!("{DOC_PREFIX}{id}"));
        let index: Vec<DocEntry> = list().into_iter().filter(|d| d.id != id).collect();
        if let Ok(text) = serde_json::to_string(&index) {
            let _ = s.set_item(INDEX, &text);
        }
    }
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
