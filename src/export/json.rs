//! JSON: the Throughline file format itself, so the export is lossless and loads back.

use crate::format;
use crate::model::Journey;

pub fn to_json(j: &Journey) -> String {
    format::save(j)
}
