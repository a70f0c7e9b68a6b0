//! Export timings against the budget, not a test (timings on a shared machine are too noisy
//! to fail a build on). Run with `cargo bench --bench export`; figures go in
//! docs/performance-export.md.
//!
//! Budget: the loose/tight framework as HTML for a 1,000-touchpoint journey under 50 ms. The
//! other formats are timed at 1,000 touchpoints, and every format at 10,000, for reference.

mod common;

use std::hint::black_box;
use throughline::export::{self, Format};
use throughline::generate::generated;

const FRAMEWORK_BUDGET_MS: f64 = 50.0;

fn main() {
    let j1k = generated(1_000, 1);
    let html_t = common::timings(21, || {
        black_box(export::html::to_html(black_box(&j1k)));
    });
    let html_ms = html_t.0;
    common::figure(
        "native: framework HTML, 1,000 touchpoints",
        html_t,
        Some(FRAMEWORK_BUDGET_MS),
    );
    let verdict = common::verdict(html_ms, FRAMEWORK_BUDGET_MS);
    println!(
        "framework HTML, 1,000 touchpoints: {html_ms:.2} ms (budget {FRAMEWORK_BUDGET_MS} ms) {verdict}"
    );
    let analysis_ms = common::median_ms(21, || {
        black_box(throughline::analysis::analyze(black_box(&j1k)));
    });
    let svg_ms = common::median_ms(21, || {
        black_box(export::svg::to_svg(black_box(&j1k)));
    });
    println!("  of which diagnostics {analysis_ms:.2} ms, journey map SVG {svg_ms:.2} ms");
    let md_ms = common::median_ms(21, || {
        black_box(export::markdown::to_markdown(black_box(&j1k)));
    });
    println!("framework Markdown, 1,000 touchpoints: {md_ms:.2} ms");

    for n in [1_000, 10_000] {
        let j = if n == 1_000 {
            j1k.clone()
        } else {
            generated(n, 1)
        };
        let runs = if n > 1_000 { 5 } else { 21 };
        let formats: &[Format] = if n > 1_000 {
            // Every format at the largest size, each reported (no budget).
            &Format::ALL
        } else {
            &[Format::Csv, Format::Svg, Format::Mermaid, Format::Dot]
        };
        for &f in formats {
            let t = common::timings(runs, || {
                black_box(export::export(black_box(&j), f));
            });
            println!("{:<8} {n:>6} touchpoints: {:8.2} ms", f.name(), t.0);
            if n > 1_000 {
                common::figure(
                    &format!("native: export {}, 10,000 touchpoints", f.name()),
                    t,
                    None,
                );
            }
        }
    }
}
