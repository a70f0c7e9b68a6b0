//! Hostile input: every file in tests/hostile/ is opened the way the app opens a file (bytes
//! decoded as a browser decodes them, the reader picked by extension), and must give exactly
//! the message recorded for it in tests/hostile/expected.tsv: a refusal whose first problem
//! names the place (a JSON path, or line and column), or, for the few files that are only
//! unusual (a byte-order mark, UTF-16 with one), a journey. Never a panic.
//!
//! `HOSTILE_PRINT=1 cargo test --test hostile -- --nocapture` prints what each file gives.

use std::collections::BTreeMap;
use std::fs;
use std::panic;
use std::path::{Path, PathBuf};
use throughline::format::{self, limits::MAX_FILE_BYTES, text};
use throughline::import::{self, csv::from_csv, mermaid::from_mermaid};
use throughline::model::{IdGen, Journey};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// What opening a file gives, in the manifest's words: the first problem, or
/// `ok: N touchpoints, M transitions`.
fn outcome(name: &str, bytes: &[u8]) -> (String, usize) {
    let opened = panic::catch_unwind(|| import::open_bytes(name, bytes, &mut IdGen::new(1)));
    match opened {
        Err(_) => panic!("{name}: the reader panicked"),
        Ok(Ok(j)) => (summary(&j), 0),
        Ok(Err(problems)) => {
            assert!(
                !problems.is_empty(),
                "{name}: refused with no problem listed"
            );
            (problems[0].clone(), problems.len())
        }
    }
}

fn summary(j: &Journey) -> String {
    format!(
        "ok: {} touchpoints, {} transitions",
        j.touchpoints.len(),
        j.transitions.len()
    )
}

/// The manifest: file name to expected first line.
fn manifest() -> BTreeMap<String, String> {
    let text = fs::read_to_string(dir().join("expected.tsv")).expect("tests/hostile/expected.tsv");
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (file, expected) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("expected.tsv line {}: no tab", n + 1));
        let previous = out.insert(file.to_string(), expected.to_string());
        assert!(previous.is_none(), "expected.tsv lists {file} twice");
    }
    out
}

fn corpus_files() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "expected.tsv" && n != "README.md")
        .collect();
    names.sort();
    names
}

#[test]
fn every_hostile_file_gives_its_recorded_message() {
    let expected = manifest();
    let files = corpus_files();
    let print = std::env::var_os("HOSTILE_PRINT").is_some();
    let mut wrong = Vec::new();
    for name in &files {
        let bytes = fs::read(dir().join(name)).unwrap();
        let (got, count) = outcome(name, &bytes);
        if print {
            println!("{name}\t{got}\t[{count}]");
        }
        match expected.get(name) {
            None => wrong.push(format!("{name}: not in expected.tsv (it gives: {got})")),
            Some(want) if *want != got => {
                wrong.push(format!("{name}:\n  expected: {want}\n  got:      {got}"))
            }
            Some(_) => {}
        }
    }
    for name in expected.keys() {
        if !files.contains(name) {
            wrong.push(format!("{name}: in expected.tsv but not in tests/hostile/"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let refused = expected.values().filter(|v| !v.starts_with("ok:")).count();
    assert!(refused >= 40, "the corpus has only {refused} refused files");
}

/// Each refusal names a place: a JSON path, a row or a line (and column), or `file` for the
/// file as a whole (empty, too large, not text).
#[test]
fn every_refusal_says_where() {
    for (name, message) in manifest() {
        if message.starts_with("ok:") {
            continue;
        }
        let placed = ["journey", "file: ", "format", "version", "line ", "row "]
            .iter()
            .any(|p| message.starts_with(p))
            || message.contains(", line ");
        assert!(placed, "{name}: the message names no place: {message}");
    }
}

/// The three readers, each on the same text.
fn all_readers(text: &str) -> [(&'static str, String); 3] {
    let first = |name: &str| match import::open_named(name, text, &mut IdGen::new(1)) {
        Ok(j) => summary(&j),
        Err(p) => p[0].clone(),
    };
    [
        ("json", first("x.json")),
        ("csv", first("x.csv")),
        ("mermaid", first("x.mmd")),
    ]
}

/// A 100 MB file, made here rather than kept in the repository: every reader refuses it by
/// its size, before parsing, with the size and the limit in the message.
#[test]
fn a_100_mb_file_is_refused_by_size() {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile-100mb.json");
    let start = "{\"format\": \"throughline-journey\", \"version\": 1, \"journey\": {\"title\": \"";
    let end = "\"}}";
    let mut body = Vec::with_capacity(100 * 1024 * 1024);
    body.extend_from_slice(start.as_bytes());
    body.resize(100 * 1024 * 1024 - end.len(), b'a');
    body.extend_from_slice(end.as_bytes());
    fs::write(&path, &body).unwrap();
    drop(body);
    let bytes = fs::read(&path).unwrap();
    let _ = fs::remove_file(&path);
    assert_eq!(bytes.len(), 100 * 1024 * 1024);
    let text = text::from_bytes(&bytes);
    for (reader, got) in all_readers(&text) {
        assert_eq!(
            got, "file: the file is 100.0 MB; the limit is 50 MB",
            "{reader} reader"
        );
    }
}

/// One byte over the limit is refused by every reader; the limit itself is allowed.
#[test]
fn the_size_limit_is_exact() {
    let over = " ".repeat(MAX_FILE_BYTES + 1);
    for (reader, got) in all_readers(&over) {
        assert_eq!(
            got, "file: the file is 50.0 MB; the limit is 50 MB",
            "{reader} reader"
        );
    }
    assert_eq!(text::check_size(&over[1..]), Ok(()));
}

/// Lines far longer than the corpus keeps (2 MB on one line): refused with the place named.
#[test]
fn very_long_lines_are_located() {
    let long_task = format!("journey\n  section A\n    {}: 3\n", "word ".repeat(400_000));
    let e = from_mermaid(&long_task, &mut IdGen::new(1)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "task, line 3, column 5: text is 1,999,999 characters long; the limit is 500"
    );

    let long_cell = format!("name,stage\n{},Discover\n", "n".repeat(2_000_000));
    let e = from_csv(&long_cell, &mut IdGen::new(1)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 1, column \"name\" (line 2): text is 2,000,000 characters long; the limit is 500"
    );

    let long_json = format!(
        "{{\"format\": \"throughline-journey\", \"version\": 1, \"journey\": {{\"title\": \"{}\"}}}}",
        "t".repeat(2_000_000)
    );
    let e = format::load(&long_json).unwrap_err();
    assert_eq!(
        e.to_string(),
        "journey.title: text is 2,000,000 characters long; the limit is 500"
    );
}
