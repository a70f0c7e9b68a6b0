//! The journey file loader on any bytes. A file that loads must pass validation and must
//! save and load again to the same journey: loading never hands over something it would
//! itself refuse.
#![no_main]

use libfuzzer_sys::fuzz_target;
use throughline::format;

fuzz_target!(|data: &[u8]| {
    // The browser reads an opened file as text the same way: a BOM picks the encoding,
    // bytes that are not UTF-8 become U+FFFD.
    let text = throughline::format::text::from_bytes(data);
    if let Ok(journey) = format::load(&text) {
        assert!(format::validate(&journey).is_empty());
        let again =
            format::load(&format::save(&journey)).expect("a loaded journey saves and loads");
        assert_eq!(again, journey);
    }
});
