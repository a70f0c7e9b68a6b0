//! The core (everything under src/ but src/ui/) never names a browser crate, so it compiles
//! and tests natively. The target-gated dependencies in Cargo.toml already make a native build
//! fail if it does; this test says why in words, and also catches mentions in code that is
//! only compiled for wasm32.

use std::fs;
use std::path::Path;

const BROWSER_CRATES: [&str; 5] = ["yew", "web_sys", "gloo", "wasm_bindgen", "js_sys"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Lines of `source` that use a browser crate by path (`yew::`, `use gloo...`), ignoring
/// comments.
fn browser_uses(source: &str) -> Vec<String> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .filter(|l| {
            BROWSER_CRATES.iter().any(|c| {
                l.contains(&format!("{c}::"))
                    || l.starts_with(&format!("use {c}"))
                    || l.contains(&format!("extern crate {c}"))
            })
        })
        .map(String::from)
        .collect()
}

#[test]
fn the_core_never_uses_browser_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let ui = src.join("ui");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 3, "found the sources");
    let mut offenders = Vec::new();
    for f in files.iter().filter(|f| !f.starts_with(&ui)) {
        for line in browser_uses(&fs::read_to_string(f).unwrap()) {
            offenders.push(format!("{}: {line}", f.display()));
        }
    }
    assert!(
        offenders.is_empty(),
        "browser crates belong in src/ui only:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_detector_finds_a_browser_crate_when_there_is_one() {
    assert_eq!(browser_uses("use yew::prelude::*;").len(), 1);
    assert_eq!(browser_uses("let w = web_sys::window();").len(), 1);
    assert_eq!(browser_uses("// yew:: in a comment").len(), 0);
    assert_eq!(browser_uses("let yewtree = 1;").len(), 0);
}
