//! Benchmarks in headless Chromium, not tests: each is `#[ignore]`d so `scripts/test` skips
//! it, and it prints figures instead of asserting them (timings on a shared 2-core machine
//! are too noisy to fail a build on). Run with
//!   cargo test --release --target wasm32-unknown-unknown --test browser_bench -- --include-ignored --nocapture
//! (with CHROMEDRIVER=/usr/bin/chromedriver, as scripts/test sets it). `scripts/bench` runs
//! them and reads the `figure` lines into its table.
#![cfg(target_arch = "wasm32")]

use throughline::analysis::analyze;
use throughline::export::{export, Format};
use throughline::generate::analysable;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// Median and spread (min, max) of `runs` timings of `f`, in milliseconds.
fn time_ms(runs: usize, mut f: impl FnMut()) -> (f64, f64, f64) {
    f(); // warm-up: the first run pays for growing wasm memory
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let start = now();
            f();
            now() - start
        })
        .collect();
    t.sort_by(f64::total_cmp);
    (t[t.len() / 2], t[0], t[t.len() - 1])
}

fn report(what: &str, (median, min, max): (f64, f64, f64), budget: f64) {
    let verdict = if median < budget { "PASS" } else { "OVER" };
    // console_log! reaches the runner's output; a plain console.log does not.
    console_log!(
        "{what}: median {median:.1} ms (min {min:.1}, max {max:.1}), budget {budget} ms: {verdict}"
    );
    // The same, tab-separated, for scripts/bench's table (as benches/common prints it).
    console_log!("figure\tbrowser: {what}\t{median:.3}\t{min:.3}\t{max:.3}\t{budget}");
}

#[wasm_bindgen_test]
#[ignore]
fn all_diagnostics_in_the_browser() {
    let j = analysable(10_000, 30_000, 11);
    report(
        "diagnostics, 10,000 touchpoints / 30,000 transitions",
        time_ms(9, || {
            std::hint::black_box(analyze(&j));
        }),
        100.0,
    );
    let j = analysable(5_000, 15_000, 11);
    report(
        "diagnostics, 5,000 touchpoints / 15,000 transitions",
        time_ms(9, || {
            std::hint::black_box(analyze(&j));
        }),
        100.0,
    );
}

#[wasm_bindgen_test]
#[ignore]
fn framework_export_in_the_browser() {
    let j = analysable(1_000, 3_000, 11);
    report(
        "framework export (HTML), 1,000 touchpoints",
        time_ms(9, || {
            std::hint::black_box(export(&j, Format::Html));
        }),
        150.0,
    );
}
