//! The Throughline file format: a journey in a versioned JSON envelope.
//!
//! ```json
//! {"format": "throughline-journey", "version": 1, "journey": { ... }}
//! ```
//!
//! The format is a promise to users, documented field by field in docs/file-format.md.
//! Loading is all or nothing: a file with any problem is refused with every problem listed,
//! each with the JSON path of the bad value, so a user can fix it in a text editor.
//! Older versions are migrated forward ([`migrate`]); newer ones are refused by name.

mod json_path;
pub mod limits;
mod migrate;
pub mod text;
mod validate;

pub use validate::validate;

use crate::model::Journey;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The `format` value of every Throughline journey file.
pub const FORMAT_NAME: &str = "throughline-journey";
/// The version this build writes, and the newest it reads.
pub const VERSION: u64 = 1;
/// Problems listed by [`LoadErrors`]'s Display before it summarises the rest.
const MAX_SHOWN_PROBLEMS: usize = 100;

/// One thing wrong with a file or a journey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: a JSON path such as `journey.touchpoints[12].stage`, or `file` for the file as
    /// a whole.
    pub path: String,
    pub message: String,
    /// Where in the text, when the JSON parser knew (1-based).
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, " (line {line}, column {column})")?;
        }
        Ok(())
    }
}

/// Why a file was not loaded: every problem found, never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadErrors {
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().take(MAX_SHOWN_PROBLEMS).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        if self.problems.len() > MAX_SHOWN_PROBLEMS {
            write!(
                f,
                "\n... and {} more problems",
                self.problems.len() - MAX_SHOWN_PROBLEMS
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

impl From<Problem> for LoadErrors {
    fn from(p: Problem) -> LoadErrors {
        LoadErrors { problems: vec![p] }
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    version: u64,
    journey: &'a Journey,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeIn {
    // Checked from the header before this is parsed; present so deny_unknown_fields
    // accepts them.
    #[allow(dead_code)]
    format: serde::de::IgnoredAny,
    #[allow(dead_code)]
    version: serde::de::IgnoredAny,
    journey: Journey,
}

/// The top-level keys that decide how to read the rest. Unknown keys are skipped here; the
/// full parse reports them.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
    #[serde(default)]
    journey: Option<Shape>,
    #[serde(default)]
    touchpoints: Option<serde::de::IgnoredAny>,
}

/// What kind of JSON value a key holds, read without keeping the value: the header needs
/// to know that `journey` is an object before the full parse, which would otherwise read a
/// journey from an array, field by field, and report nonsense.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    Object,
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Shape, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct ShapeOf;
        impl<'de> Visitor<'de> for ShapeOf {
            type Value = Shape;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Shape, A::Error> {
                while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Shape::Object)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Shape, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Shape::Other("an array"))
            }
            fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
                Ok(Shape::Other("a string"))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
                Ok(Shape::Other("true or false"))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
                Ok(Shape::Other("a number"))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
                Ok(Shape::Other("a number"))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
                Ok(Shape::Other("a number"))
            }
            fn visit_unit<E>(self) -> Result<Shape, E> {
                Ok(Shape::Other("null"))
            }
        }
        d.deserialize_any(ShapeOf)
    }
}

/// The journey as a pretty-printed file.
pub fn save(j: &Journey) -> String {
    serde_json::to_string_pretty(&EnvelopeOut {
        format: FORMAT_NAME,
        version: VERSION,
        journey: j,
    })
    .expect("a journey has only string keys, so it always serialises")
}

/// The same file without indentation, for browser storage: a third smaller, so the
/// browser's quota lasts longer, and quicker to write. [`load`] reads both.
pub fn save_compact(j: &Journey) -> String {
    serde_json::to_string(&EnvelopeOut {
        format: FORMAT_NAME,
        version: VERSION,
        journey: j,
    })
    .expect("a journey has only string keys, so it always serialises")
}

/// Reads a journey file of any version up to [`VERSION`], checks every rule, and returns the
/// journey only if nothing is wrong.
pub fn load(text: &str) -> Result<Journey, LoadErrors> {
    // Size first: a huge file is refused before anything walks it.
    text::check_size(text).map_err(text_problem)?;
    // Editors on Windows like to start files with a byte-order mark; JSON parsers do not.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text::check(text, None).map_err(text_problem)?;
    if text.trim().is_empty() {
        return Err(Problem::new("file", "the file is empty").into());
    }
    // serde would also read a struct from a JSON array, so look before parsing.
    if !text.trim_start().starts_with('{') {
        return Err(Problem::new(
            "file",
            "not a Throughline journey file: expected a JSON object",
        )
        .into());
    }
    let header: Header =
        serde_json::from_str(text).map_err(|e| typed_problem(text, &e, "file", ""))?;
    let version = read_header(&header)?;
    let journey = if version == 0 {
        migrate::from_v0(text, header.journey.is_some())?
    } else {
        let envelope: EnvelopeIn =
            serde_json::from_str(text).map_err(|e| typed_problem(text, &e, "file", ""))?;
        envelope.journey
    };
    let problems = validate(&journey);
    if problems.is_empty() {
        Ok(journey)
    } else {
        Err(LoadErrors { problems })
    }
}

/// Checks `format` and `version` and returns the version to read.
fn read_header(h: &Header) -> Result<u64, LoadErrors> {
    // The prototype wrote the bare journey object: no envelope, but always a touchpoints key.
    if h.format.is_none() && h.version.is_none() && h.journey.is_none() && h.touchpoints.is_some() {
        return Ok(0);
    }
    let mut problems = Vec::new();
    match &h.format {
        None => problems.push(Problem::new(
            "format",
            format!("missing; a Throughline journey file says \"format\": \"{FORMAT_NAME}\""),
        )),
        Some(serde_json::Value::String(s)) if s == FORMAT_NAME => {}
        Some(other) => problems.push(Problem::new(
            "format",
            format!("{other} is not a Throughline journey file (expected \"{FORMAT_NAME}\")"),
        )),
    }
    if let Some(Shape::Other(found)) = h.journey {
        problems.push(Problem::new(
            "journey",
            format!("expected an object (the journey), found {found}"),
        ));
    }
    let version = match &h.version {
        None => {
            problems.push(Problem::new("version", "missing"));
            None
        }
        Some(v) => match v.as_u64() {
            Some(n) if n > VERSION => {
                problems.push(Problem::new(
                    "version",
                    format!(
                        "version {n} is newer than this app understands ({VERSION}); update \
                         Throughline"
                    ),
                ));
                None
            }
            Some(n) => Some(n),
            None => {
                problems.push(Problem::new(
                    "version",
                    format!("{v} is not a version number (expected a whole number)"),
                ));
                None
            }
        },
    };
    match version {
        Some(v) if problems.is_empty() => Ok(v),
        _ => Err(LoadErrors { problems }),
    }
}

/// A text fault as a problem with the file, placed when it has a place.
fn text_problem(fault: text::Fault) -> LoadErrors {
    let mut p = Problem::new("file", fault.to_string());
    if let Some((line, column)) = fault.place() {
        p.line = Some(line);
        p.column = Some(column);
    }
    p.into()
}

/// A typed parse's error as a problem at the path where the parse stopped. `root` names the
/// top level; `prefix` goes before deeper paths.
fn typed_problem(text: &str, e: &serde_json::Error, root: &str, prefix: &str) -> Problem {
    let message = e.to_string();
    let missing = message.starts_with("missing field");
    let mut path = json_path::path_at(text, e.line(), e.column(), !missing);
    // A choice written as an object (`{"loose": ...}`) has its variant as the key: that key
    // names a variant, not a member, so the place is the choice itself.
    if let Some(variant) = message
        .strip_prefix("unknown variant `")
        .and_then(|rest| rest.split('`').next())
    {
        if let Some(stem) = path.strip_suffix(variant).and_then(|p| p.strip_suffix('.')) {
            path = stem.to_string();
        }
    }
    let path = if path.is_empty() {
        root.to_string()
    } else {
        format!("{prefix}{path}")
    };
    json_problem(&path, e)
}

/// A serde_json error as a problem, with its position split out of the message.
fn json_problem(path: &str, e: &serde_json::Error) -> Problem {
    let full = e.to_string();
    let mut p = Problem::new(path, full.as_str());
    if e.line() > 0 {
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        p.message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
        p.line = Some(e.line());
        p.column = Some(e.column());
    }
    p
}

#[cfg(test)]
mod tests;
