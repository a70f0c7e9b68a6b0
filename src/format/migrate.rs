//! Reading older versions of the file format.
//!
//! Version 0 is what the prototype wrote before files were versioned: the bare journey object
//! (no `format`/`version` envelope), identical to a version-1 `journey` except that a
//! touchpoint's emotion was called `feeling`. Version 0 files are rare and small, so they go
//! through a `serde_json::Value`, renamed in place, and then through the same typed parse as
//! version 1. Problems are reported at their version-1 paths (`journey.touchpoints[3].emotion`).

use super::{json_problem, typed_problem, LoadErrors};
use crate::model::Journey;
use serde_json::Value;

/// `wrapped`: the journey sits under a `journey` key (a version-0 body in a newer envelope).
pub(super) fn from_v0(text: &str, wrapped: bool) -> Result<Journey, LoadErrors> {
    let mut value: Value = serde_json::from_str(text).map_err(|e| json_problem("file", &e))?;
    let mut journey = if wrapped {
        value["journey"].take()
    } else {
        value
    };
    rename_feeling(&mut journey);
    // Back to text and through the one typed parse the app has (a second, Value-driven
    // instantiation of every model type would cost download weight for a rare case). The
    // position is in that re-written text, so only the path is reported.
    let rewritten = journey.to_string();
    serde_json::from_str::<Journey>(&rewritten).map_err(|e| {
        let mut p = typed_problem(&rewritten, &e, "journey", "journey.");
        p.line = None;
        p.column = None;
        p.into()
    })
}

fn rename_feeling(journey: &mut Value) {
    let Some(touchpoints) = journey.get_mut("touchpoints").and_then(Value::as_array_mut) else {
        return;
    };
    for t in touchpoints.iter_mut().filter_map(Value::as_object_mut) {
        // A touchpoint with both names keeps `feeling`, which the typed parse then reports as
        // an unknown field rather than silently dropping one of the two.
        if !t.contains_key("emotion") {
            if let Some(feeling) = t.remove("feeling") {
                t.insert("emotion".into(), feeling);
            }
        }
    }
}
