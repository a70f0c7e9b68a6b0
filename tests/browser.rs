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
    // One arrow per transition: a path, or a group of pieces for a long dashed one.
    let edges = root
        .query_selector_all("svg.edges .edge-layer > .edge")
        .unwrap();
    assert_eq!(edges.length() as usize, j.transitions.len());
    // Hand-offs that drop the customer's context are marked, not only coloured.
    let dropped = j.transitions.iter().filter(|t| !t.carries_context).count();
    let marked = root
        .query_selector_all(".edge-layer > .edge-drops-context")
        .unwrap();
    assert_eq!(marked.length() as usize, dropped);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_long_dashed_arrow_is_drawn_in_pieces_that_carry_the_dashes_on() {
    let root = mount().await;
    // SVG elements: Element, not HtmlElement.
    let svg = |root: &Element, selector: &str| -> Vec<Element> {
        let list = root.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap())
            .collect()
    };
    let groups = svg(&root, ".edge-layer > g.edge");
    assert!(!groups.is_empty(), "the sample has long dashed arrows");
    for g in groups {
        let class = g.get_attribute("class").unwrap();
        assert!(
            !class.contains("edge-next"),
            "solid arrows stay whole: {class}"
        );
        let pieces = svg(&g, "path");
        assert!(pieces.len() >= 2);
        // One arrowhead, on the last piece.
        let heads: Vec<bool> = pieces
            .iter()
            .map(|p| p.has_attribute("marker-end"))
            .collect();
        assert_eq!(heads.iter().filter(|&&h| h).count(), 1);
        assert!(heads[heads.len() - 1]);
        // Each piece starts its dashes where the one before left off.
        let offsets: Vec<f64> = pieces
            .iter()
            .map(|p| {
                p.get_attribute("stroke-dashoffset")
                    .unwrap()
                    .parse()
                    .unwrap()
            })
            .collect();
        assert_eq!(offsets[0], 0.0);
        assert!(offsets.windows(2).all(|w| w[1] < w[0]), "{offsets:?}");
    }
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

// ---- Browser storage shared by tabs (src/ui/storage.rs) ----
// "Another tab" is played by writing localStorage directly, as a second tab's copy of the app
// would: the journey file under its key and a stamp naming the versions it was made from.

mod storage_sync {
    use throughline::format;
    use throughline::model::Journey;
    use throughline::sample;
    use throughline::ui::storage::{self, Conflict, Incoming, SaveError};

    fn ls() -> web_sys::Storage {
        web_sys::window().unwrap().local_storage().unwrap().unwrap()
    }

    fn titled(t: &str) -> Journey {
        let mut j = sample::broadband();
        j.title = t.to_string();
        j
    }

    fn stored(id: &str) -> Option<String> {
        ls().get_item(&storage::doc_key(id)).unwrap()
    }

    /// Writes `j` as another tab would, made from the versions in `made_from`.
    fn other_tab_writes(id: &str, j: &Journey, made_from: &[&str]) -> String {
        let text = format::save_compact(j);
        let hashes: Vec<String> = made_from
            .iter()
            .map(|t| format!("{:016x}", storage::hash(t)))
            .collect();
        let stamp = serde_json::json!({
            "hash": format!("{:016x}", storage::hash(&text)),
            "made_from": hashes,
        });
        ls().set_item(&format!("throughline.v1.stamp.{id}"), &stamp.to_string())
            .unwrap();
        ls().set_item(&storage::doc_key(id), &text).unwrap();
        text
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn another_tab_carrying_on_from_this_version_is_taken_when_nothing_is_unsaved() {
        let id = "bt-take";
        storage::save(id, &titled("Mine")).unwrap();
        let mine = stored(id).unwrap();
        other_tab_writes(id, &titled("Theirs"), &[&mine]);
        match storage::incoming(id, false) {
            Incoming::Take(j) => assert_eq!(j.title, "Theirs"),
            _ => panic!("the other tab's version should be taken"),
        }
        // Saving here carries on from theirs.
        storage::save(id, &titled("Mine again")).unwrap();
        assert!(stored(id).unwrap().contains("Mine again"));
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn unsaved_edits_make_another_tabs_change_a_conflict_and_saving_stops() {
        let id = "bt-changed";
        storage::save(id, &titled("Mine")).unwrap();
        let mine = stored(id).unwrap();
        let theirs = other_tab_writes(id, &titled("Theirs"), &[&mine]);
        assert!(matches!(
            storage::incoming(id, true),
            Incoming::Conflict(Conflict::Changed)
        ));
        assert_eq!(
            storage::save(id, &titled("Mine, edited")),
            Err(SaveError::Held)
        );
        assert_eq!(stored(id).unwrap(), theirs, "their version stays");
        // "Keep mine": saving resumes over theirs.
        storage::overrule(id);
        storage::save(id, &titled("Mine, edited")).unwrap();
        assert!(stored(id).unwrap().contains("Mine, edited"));
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_version_made_without_seeing_this_tabs_last_save_is_a_conflict() {
        let id = "bt-race";
        storage::save(id, &titled("First")).unwrap();
        let first = stored(id).unwrap();
        storage::save(id, &titled("Mine")).unwrap();
        // The other tab had not seen "Mine" and carried on from "First".
        let theirs = other_tab_writes(id, &titled("Theirs"), &[&first]);
        assert!(matches!(
            storage::incoming(id, false),
            Incoming::Conflict(Conflict::Overwritten)
        ));
        assert_eq!(storage::save(id, &titled("Mine")), Err(SaveError::Held));
        assert_eq!(stored(id).unwrap(), theirs);
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_save_checks_the_stored_version_even_without_a_storage_event() {
        let id = "bt-check";
        storage::save(id, &titled("Mine")).unwrap();
        let mine = stored(id).unwrap();
        let theirs = other_tab_writes(id, &titled("Theirs"), &[&mine]);
        assert_eq!(
            storage::save(id, &titled("Mine, edited")),
            Err(SaveError::Conflict(Conflict::Changed))
        );
        assert_eq!(stored(id).unwrap(), theirs);
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_journey_deleted_elsewhere_is_not_saved_back_without_asking() {
        let id = "bt-deleted";
        storage::save(id, &titled("Mine")).unwrap();
        ls().remove_item(&storage::doc_key(id)).unwrap();
        assert!(matches!(
            storage::incoming(id, false),
            Incoming::Conflict(Conflict::Deleted)
        ));
        assert_eq!(storage::save(id, &titled("Mine")), Err(SaveError::Held));
        assert_eq!(stored(id), None);
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_journey_deleted_here_stays_deleted_when_a_late_save_comes() {
        let id = "bt-deleted-here";
        storage::save(id, &titled("Mine")).unwrap();
        storage::delete(id);
        assert_eq!(
            storage::save(id, &titled("Mine")),
            Err(SaveError::DeletedHere)
        );
        assert_eq!(stored(id), None);
        assert!(!storage::list().iter().any(|d| d.id == id));
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_journey_from_a_newer_version_is_refused_by_version_and_never_overwritten() {
        let id = "bt-future";
        let future = r#"{"format":"throughline-journey","version":9,"journey":{"title":"Later"}}"#;
        ls().set_item(&storage::doc_key(id), future).unwrap();
        let why = storage::load(id).unwrap_err();
        assert!(why.contains("file format version 9"), "{why}");
        assert_eq!(storage::stored_newer_version(id), Some(9));
        assert!(matches!(
            storage::save(id, &titled("Over it")),
            Err(SaveError::Conflict(Conflict::Unreadable(_)))
        ));
        // Saving other journeys rewrites the index; the newer journey stays listed and intact.
        storage::save("bt-future-neighbour", &titled("Neighbour")).unwrap();
        assert!(storage::list().iter().any(|d| d.id == id));
        assert_eq!(stored(id).as_deref(), Some(future));
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn the_list_names_every_stored_journey_even_when_the_index_missed_it() {
        let id = "bt-unindexed";
        ls().set_item(
            &storage::doc_key(id),
            &format::save_compact(&titled("Unindexed")),
        )
        .unwrap();
        let entry = storage::list().into_iter().find(|d| d.id == id);
        assert_eq!(entry.map(|d| d.title).as_deref(), Some("Unindexed"));
    }
}
