//! The CSV importer on any bytes. What it accepts must pass validation and load again
//! through the journey file format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use throughline::{format, import, model::IdGen};

fuzz_target!(|data: &[u8]| {
    let text = format::text::from_bytes(data);
    if let Ok(journey) = import::csv::from_csv(&text, &mut IdGen::new(7)) {
        assert!(format::validate(&journey).is_empty());
        format::load(&format::save(&journey)).expect("an imported journey saves and loads");
    }
});
