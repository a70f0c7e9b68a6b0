//! All journey diagnostics timed against the budget, not a test: timings on a shared 2-core
//! machine are too noisy to fail a build on. Run with `cargo bench --bench analysis`; figures
//! go in docs/performance-analysis.md.
//!
//! Budget: every diagnostic of a 10,000-touchpoint, 30,000-transition journey in under 30 ms
//! natively.

mod common;

use std::hint::black_box;
use throughline::analysis::analyze;
use throughline::format::limits::thousands;
use throughline::generate::analysable;

const BUDGET_MS: f64 = 30.0;
const TOUCHPOINTS: usize = 10_000;
const TRANSITIONS: usize = 30_000;
const RUNS: usize = 15;

fn main() {
    println!(
        "{:>7} {:>8} {:>9} {:>10} {:>8} {:>8}  routes",
        "tps", "steps", "findings", "median ms", "min ms", "max ms"
    );
    let mut verdict = None;
    for (tps, trs) in [(100, 300), (1_000, 3_000), (TOUCHPOINTS, TRANSITIONS)] {
        let j = analysable(tps, trs, 11);
        let report = analyze(&j);
        let (median, min, max) = common::timings(RUNS, || {
            black_box(analyze(black_box(&j)));
        });
        println!(
            "{:>7} {:>8} {:>9} {:>10.2} {:>8.2} {:>8.2}  {}",
            j.touchpoints.len(),
            j.transitions.len(),
            report.findings.len(),
            median,
            min,
            max,
            report.structure.path_count.describe()
        );
        if tps >= 1_000 {
            common::figure(
                &format!(
                    "native: all diagnostics, {} touchpoints / {} transitions",
                    thousands(tps),
                    thousands(trs)
                ),
                (median, min, max),
                (tps == TOUCHPOINTS).then_some(BUDGET_MS),
            );
        }
        if tps == TOUCHPOINTS {
            verdict = Some(median);
        }
    }
    let median = verdict.expect("the budget size was measured");
    println!(
        "all diagnostics, {TOUCHPOINTS} touchpoints / {TRANSITIONS} transitions: median \
         {median:.2} ms, budget {BUDGET_MS} ms: {}",
        common::verdict(median, BUDGET_MS)
    );
}
