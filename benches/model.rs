//! Core timings against the budget, not a test: timings on a shared 2-core machine are too
//! noisy to fail a build on. Run with `cargo bench --bench model`; figures go in
//! docs/performance.md.
//!
//! Budget at 1,000 touchpoints: an edit plus its undo under 1 ms; save and load each under
//! 20 ms.

mod common;

use std::hint::black_box;
use std::time::Instant;
use throughline::command::{Command, TouchpointField};
use throughline::format::{load, save};
use throughline::generate::generated;
use throughline::history::History;

const EDIT_UNDO_BUDGET_MS: f64 = 1.0;
const SAVE_BUDGET_MS: f64 = 20.0;
const LOAD_BUDGET_MS: f64 = 20.0;

fn main() {
    println!(
        "{:>7} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "tps", "file KB", "clone ms", "edit ms", "undo ms", "save ms", "load ms"
    );
    let mut at_1000 = None;
    for n in [100, 1_000, 10_000] {
        let mut j = generated(n, 7);
        let runs = if n >= 10_000 { 7 } else { 21 };
        let text = save(&j);

        // What a whole-journey snapshot per undo step would cost; see history.rs.
        let clone = common::median_ms(runs, || {
            black_box(j.clone());
        });

        let id = j.touchpoints[n / 2].id;
        let mut h = History::new();
        let mut edit_times = Vec::new();
        let mut undo_times = Vec::new();
        for i in 0..201 {
            let cmd = Command::SetTouchpointField {
                id,
                field: TouchpointField::Description(format!("Edited description, take {i}")),
            };
            // Two seconds apart on the history's clock, so every edit is its own step.
            let now = i as f64 * 2000.0;
            let start = Instant::now();
            h.apply(&mut j, cmd, now).expect("a valid edit");
            edit_times.push(start.elapsed().as_secs_f64() * 1000.0);
            let start = Instant::now();
            assert!(h.undo(&mut j));
            undo_times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let med = |v: &[f64]| {
            let mut v = v.to_vec();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let (edit, undo) = (med(&edit_times), med(&undo_times));

        let save_t = common::timings(runs, || {
            black_box(save(black_box(&j)));
        });
        let load_t = common::timings(runs, || {
            black_box(load(black_box(&text)).expect("generated journeys load"));
        });
        let (save_ms, load_ms) = (save_t.0, load_t.0);
        if n != 100 {
            let budget = |b| (n == 1_000).then_some(b);
            let size = if n == 1_000 { "1,000" } else { "10,000" };
            common::figure(
                &format!("native: save, {size} touchpoints"),
                save_t,
                budget(SAVE_BUDGET_MS),
            );
            common::figure(
                &format!("native: load + validate, {size} touchpoints"),
                load_t,
                budget(LOAD_BUDGET_MS),
            );
        }
        println!(
            "{n:>7} {:>10} {clone:>10.3} {edit:>10.4} {undo:>10.4} {save_ms:>10.2} {load_ms:>10.2}",
            text.len() / 1024
        );
        if n == 1_000 {
            at_1000 = Some((edit + undo, save_ms, load_ms));
            let pairs: Vec<f64> = {
                let mut v: Vec<f64> = edit_times
                    .iter()
                    .zip(&undo_times)
                    .map(|(e, u)| e + u)
                    .collect();
                v.sort_by(f64::total_cmp);
                v
            };
            common::figure(
                "native: edit + undo, 1,000 touchpoints",
                (pairs[pairs.len() / 2], pairs[0], pairs[pairs.len() - 1]),
                Some(EDIT_UNDO_BUDGET_MS),
            );
        }
    }
    let (edit_undo, save_ms, load_ms) = at_1000.expect("measured 1,000");
    println!("\nbudget at 1,000 touchpoints:");
    println!(
        "  edit + undo {edit_undo:.4} ms (budget {EDIT_UNDO_BUDGET_MS} ms): {}",
        common::verdict(edit_undo, EDIT_UNDO_BUDGET_MS)
    );
    println!(
        "  save        {save_ms:.2} ms (budget {SAVE_BUDGET_MS} ms): {}",
        common::verdict(save_ms, SAVE_BUDGET_MS)
    );
    println!(
        "  load        {load_ms:.2} ms (budget {LOAD_BUDGET_MS} ms): {}",
        common::verdict(load_ms, LOAD_BUDGET_MS)
    );
}
