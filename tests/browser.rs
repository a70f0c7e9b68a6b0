//! The editor in a real headless Chromium (wasm-bindgen-test). Run by scripts/test with
//! `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use throughline::sample;
use throughline::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh element and waits until it has rendered.
async fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn all(root: &Element, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into::<HtmlElement>().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn sample_touchpoints_render_as_cards_inside_their_stage_column() {
    let root = mount().await;
    let j = sample::broadband();
    let cards = all(&root, ".card");
    assert_eq!(cards.len(), j.touchpoints.len());

    for t in &j.touchpoints {
        let card = root
            .query_selector(&format!("[data-touchpoint-id='{}']", t.id))
            .unwrap()
            .unwrap_or_else(|| panic!("no card for {}", t.name));
        assert!(card.text_content().unwrap().contains(&t.name));
        let column = root
            .query_selector(&format!("[data-stage-id='{}']", t.stage))
            .unwrap()
            .unwrap();
        let (c, s) = (
            card.get_bounding_client_rect(),
            column.get_bounding_client_rect(),
        );
        assert!(
            c.left() >= s.left() && c.right() <= s.right(),
            "{} is drawn outside its stage column",
            t.name
        );
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn every_transition_is_drawn_as_an_arrow() {
    let root = mount().await;
    let j = sample::broadband();
    let edges = root.query_selector_all("svg.edges path.edge").unwrap();
    assert_eq!(edges.length() as usize, j.transitions.len());
    // Hand-offs that drop the customer's context are marked, not only coloured.
    let dropped = j.transitions.iter().filter(|t| !t.carries_context).count();
    let marked = root.query_selector_all("path.edge-drops-context").unwrap();
    assert_eq!(marked.length() as usize, dropped);
    root.remove();
}

#[wasm_bindgen_test]
async fn moments_of_truth_are_marked_with_text_not_only_colour() {
    let root = mount().await;
    let j = sample::broadband();
    let mots = j.touchpoints.iter().filter(|t| t.moment_of_truth).count();
    let marked = all(&root, ".card-mot");
    assert_eq!(marked.len(), mots);
    for card in marked {
        let star = card.query_selector(".mot").unwrap().expect("a star marker");
        assert_eq!(
            star.get_attribute("title").as_deref(),
            Some("Moment of truth")
        );
    }
    root.remove();
}

/// The core's heavier parts run inside the browser too: std features that are missing on
/// wasm32 (clocks, threads, OS randomness) would only show here.
#[wasm_bindgen_test]
fn diagnostics_and_exports_run_in_the_browser() {
    let j = sample::broadband();
    let report = throughline::analysis::analyze(&j);
    assert!(report.findings.iter().any(|f| !f.touchpoints.is_empty()));
    let html = throughline::export::export(&j, throughline::export::Format::Html);
    assert!(html.contains(&j.promise.statement));
}
