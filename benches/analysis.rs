//! All journey diagnostics timed against the budget, not a test: timings on a shared 2-core
//! machine are too noisy to fail a build on. Run with `cargo bench --bench analysis`; figures
//! go in docs/performance-analysis.md.
//!
//! Budget: every diagnostic of a 10,000-touchpoint, 30,000-transition journey in under 30 ms
//! natively.

use std::hint::black_box;
use std::time::Instant;
use throughline::analysis::analyze;
use throughline::generate::generated;
use throughline::model::*;

const BUDGET_MS: f64 = 30.0;
const TOUCHPOINTS: usize = 10_000;
const TRANSITIONS: usize = 30_000;
const RUNS: usize = 15;

/// The shared generator's journey, shaped so that every diagnostic has work to do: its
/// random return links leave no touchpoint without a way in, so the first touchpoint is made
/// the entry and the last the journey's end (otherwise the main path and the route count
/// would stop at once). It is then topped up to the transition count the budget names (the
/// generator makes about 2.8 per touchpoint) with steps between nearby touchpoints, as the
/// generator's own alternatives are, chosen by a fixed rule so every run measures the same
/// journey.
fn journey(touchpoints: usize, transitions: usize) -> Journey {
    let mut j = generated(touchpoints, 11);
    let n = j.touchpoints.len();
    let (first, last) = (j.touchpoints[0].id, j.touchpoints[n - 1].id);
    j.transitions.retain(|t| t.to != first && t.from != last);
    j.touchpoints[n - 1].journey_end = true;
    let mut ids = IdGen::new(0xbe9c_4a11);
    let mut k = 0usize;
    while j.transitions.len() < transitions && n > 1 {
        let from = (k * 7_919) % n;
        let to = (from + 2 + k % 9).min(n - 1);
        k += 1;
        if from == to {
            continue;
        }
        j.transitions.push(Transition {
            id: ids.id(),
            from: j.touchpoints[from].id,
            to: j.touchpoints[to].id,
            label: String::new(),
            kind: if k.is_multiple_of(3) {
                TransitionKind::Recovery
            } else {
                TransitionKind::Alternative
            },
            carries_context: k.is_multiple_of(2),
        });
    }
    j
}

/// Median, fastest and slowest of `RUNS` timings, in milliseconds. The median is the figure
/// judged against the budget, because a shared machine adds long outliers.
fn time_ms(mut f: impl FnMut()) -> (f64, f64, f64) {
    f();
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[RUNS / 2], times[0], times[RUNS - 1])
}

fn main() {
    println!(
        "{:>7} {:>8} {:>9} {:>10} {:>8} {:>8}  routes",
        "tps", "steps", "findings", "median ms", "min ms", "max ms"
    );
    let mut verdict = None;
    for (tps, trs) in [(100, 300), (1_000, 3_000), (TOUCHPOINTS, TRANSITIONS)] {
        let j = journey(tps, trs);
        let report = analyze(&j);
        let (median, min, max) = time_ms(|| {
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
        if tps == TOUCHPOINTS {
            verdict = Some(median);
        }
    }
    let median = verdict.expect("the budget size was measured");
    println!(
        "all diagnostics, {TOUCHPOINTS} touchpoints / {TRANSITIONS} transitions: median \
         {median:.2} ms, budget {BUDGET_MS} ms: {}",
        if median <= BUDGET_MS { "PASS" } else { "OVER" }
    );
}
