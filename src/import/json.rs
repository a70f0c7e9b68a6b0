//! JSON: the Throughline file format, read by [`crate::format::load`] (which migrates older
//! versions and validates), with its problems in the importers' shape.

use super::{ImportError, ImportProblem};
use crate::format;
use crate::model::Journey;

pub fn from_json(text: &str) -> Result<Journey, ImportError> {
    format::load(text).map_err(|e| ImportError {
        problems: e
            .problems
            .into_iter()
            .map(|p| ImportProblem {
                line: p.line,
                column: p.column,
                row: None,
                field: Some(p.path),
                message: p.message,
            })
            .collect(),
    })
}
