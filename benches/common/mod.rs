//! Timing shared by the native benchmarks. Medians, because a shared machine adds long
//! outliers; the spread is reported beside them so a reader can judge the noise.

use std::time::Instant;

/// Median, fastest and slowest of `runs` timings of `f`, in milliseconds, after one
/// warm-up run.
pub fn timings(runs: usize, mut f: impl FnMut()) -> (f64, f64, f64) {
    f();
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[0], times[times.len() - 1])
}

/// The median of [`timings`].
#[allow(dead_code)] // not every bench uses both helpers
pub fn median_ms(runs: usize, f: impl FnMut()) -> f64 {
    timings(runs, f).0
}

/// PASS or OVER, as every bench prints it.
#[allow(dead_code)]
pub fn verdict(ms: f64, budget: f64) -> &'static str {
    if ms <= budget {
        "PASS"
    } else {
        "OVER"
    }
}

/// One figure for `scripts/bench`, which collects every line that starts with `figure` into
/// its table: tab-separated name, median, fastest and slowest in milliseconds, and the budget
/// (`-` when the figure is only reported).
#[allow(dead_code)]
pub fn figure(name: &str, (median, min, max): (f64, f64, f64), budget: Option<f64>) {
    let budget = budget.map_or_else(|| "-".to_string(), |b| b.to_string());
    println!("figure\t{name}\t{median:.3}\t{min:.3}\t{max:.3}\t{budget}");
}
