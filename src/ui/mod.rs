//! The browser shell: Yew components and browser glue. The only module that may use yew,
//! web-sys, gloo or wasm-bindgen. It holds no journey logic of its own: it renders what the
//! core computes (the model, the layout) and turns user gestures into [`state::Action`]s.

mod canvas;
mod fields;
mod files;
mod filter_bar;
mod insights;
mod inspector;
mod journey_panel;
mod panic;
mod saving;
mod state;
pub mod storage;
mod toolbar;

use crate::model::{IdGen, Journey};
use crate::sample;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Interval;
use saving::{Choice, Saver};
use state::{Action, Editor, Notice, NoticeKind};
use std::rc::Rc;
use storage::Conflict;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub use canvas::Canvas;

/// Mounts the editor on the page body, after installing the panic banner.
pub fn start() {
    panic::install();
    if let Some(loading) = gloo::utils::document().get_element_by_id("loading") {
        loading.remove();
    }
    yew::Renderer::<App>::new().render();
}

pub(crate) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// 64 random bits from the browser's crypto, for ids that stay unique across machines.
fn random_seed() -> u64 {
    let mut bytes = [0u8; 8];
    let ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if ok {
        u64::from_le_bytes(bytes)
    } else {
        (js_sys::Math::random() * u64::MAX as f64) as u64 ^ js_sys::Date::now() as u64
    }
}

pub(crate) fn new_doc_id() -> String {
    format!("{:016x}", IdGen::new(random_seed()).next_u64())
}

/// The journey to open: the last one, or the sample on a first visit. A stored journey that
/// cannot be read is left in storage untouched and the user is told.
fn initial_editor() -> Editor {
    let seed = random_seed();
    if let Some(id) = storage::current() {
        match storage::load(&id) {
            Ok(j) => {
                let mut e = Editor::new(id, j, seed);
                // Written back only when it changes: a journey from an older version stays
                // in its old form until then.
                e.in_storage = true;
                return e;
            }
            Err(why) => {
                let text = match storage::stored_newer_version(&id) {
                    Some(v) => format!(
                        "The journey open last time was saved by a newer version of Throughline \
                         (file format version {v}); this version reads up to version {}. It was \
                         left in this browser as it was; the sample is shown instead.",
                        crate::format::VERSION
                    ),
                    None => "The journey open last time could not be read, so the sample is \
                             shown. The stored copy was kept as it was."
                        .to_string(),
                };
                let mut e = Editor::new(new_doc_id(), sample::broadband(), seed);
                e.notice = Some(Notice::error(text, vec![why]));
                return e;
            }
        }
    }
    let mut e = Editor::new(new_doc_id(), sample::broadband(), seed);
    e.notice = Some(Notice::info(
        "This is a sample journey. Use New journey to start a blank one or from a template.",
    ));
    e
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SideTab {
    Touchpoint,
    Journey,
    Insights,
}

/// The root component.
#[component]
pub fn App() -> Html {
    let editor = use_reducer(initial_editor);
    let tab = use_state(|| SideTab::Journey);
    // On a projector or a small laptop the map needs the whole width.
    let panel_open = use_state(|| true);
    let filter = use_state(crate::query::Filter::default);
    let overlay = use_state(|| None::<crate::overlay::Measure>);
    // Diagnostics follow every edit, but only while someone is looking at them.
    let wants_report = *tab == SideTab::Insights;
    let report = {
        let j = Rc::clone(&editor.journey);
        (*use_memo((j, wants_report), |(j, on)| {
            on.then(|| Rc::new(crate::analysis::analyze(j)))
        }))
        .clone()
    };
    let tints = {
        let j = Rc::clone(&editor.journey);
        (*use_memo((j, *overlay), |(j, m)| {
            m.map(|m| {
                Rc::new(
                    j.touchpoints
                        .iter()
                        .filter_map(|t| crate::overlay::tint(t, m).map(|x| (t.id, x)))
                        .collect::<std::collections::HashMap<_, _>>(),
                )
            })
        }))
        .clone()
    };
    // Touchpoints that match the filter; None when no filter is set.
    let matches: Option<Rc<std::collections::HashSet<crate::model::TouchpointId>>> = {
        let f = (*filter).clone();
        let j = Rc::clone(&editor.journey);
        (*use_memo((f, j), |(f, j)| {
            (!f.is_empty()).then(|| Rc::new(crate::query::matching(j, f).into_iter().collect()))
        }))
        .clone()
    };
    let dispatch = {
        let editor = editor.clone();
        use_callback((), move |a: Action, _| editor.dispatch(a))
    };

    // Opening a touchpoint in the inspector brings its tab forward.
    {
        let tab = tab.clone();
        let panel_open = panel_open.clone();
        use_effect_with(
            (editor.inspecting, editor.inspect_seq),
            move |(inspecting, _)| {
                if inspecting.is_some() {
                    tab.set(SideTab::Touchpoint);
                    panel_open.set(true);
                }
            },
        );
    }

    // Save soon after changes, and at once when the page is hidden or closed; follow other
    // tabs' writes (saving.rs).
    let saver = (*use_memo((), {
        let dispatch = dispatch.clone();
        move |_| Saver::new(dispatch)
    }))
    .clone();
    {
        let saver = saver.clone();
        let journey = Rc::clone(&editor.journey);
        let in_storage = editor.in_storage;
        use_effect_with((editor.doc.clone(), editor.revision), move |(doc, _)| {
            saver.changed(doc, journey, in_storage);
        });
    }
    {
        let saver = saver.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let s1 = saver.clone();
            let hide = EventListener::new(&window, "pagehide", move |_| s1.flush());
            let s2 = saver.clone();
            let others = EventListener::new(&window, "storage", move |ev| {
                if let Some(ev) = ev.dyn_ref::<web_sys::StorageEvent>() {
                    s2.on_storage(ev.key());
                }
            });
            let doc = gloo::utils::document();
            let visibility = EventListener::new(&doc, "visibilitychange", move |_| {
                if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Hidden {
                    saver.flush();
                }
            });
            move || drop((hide, others, visibility))
        });
    }
    // While the browser refuses to save, try again now and then, not only on the next edit:
    // the warning goes as soon as space is back.
    {
        let saver = saver.clone();
        use_effect_with(editor.storage_problem.is_some(), move |failing| {
            let retry = failing.then(|| Interval::new(saving::RETRY_MS, move || saver.flush()));
            move || drop(retry)
        });
    }
    let on_choice = {
        let saver = saver.clone();
        use_callback(Rc::clone(&editor.journey), move |c: Choice, mine| {
            saver.resolve(c, Rc::clone(mine))
        })
    };
    let conflict = editor
        .conflict
        .as_ref()
        .filter(|(doc, _)| *doc == editor.doc)
        .map(|(_, c)| c.clone());

    // Keyboard shortcuts for the whole page.
    {
        let editor = editor.clone();
        let dispatch = dispatch.clone();
        use_effect_with(editor.clone(), move |editor| {
            let editor = editor.clone();
            // gloo's listeners are passive unless asked; shortcuts must be able to prevent the
            // browser's own Ctrl+Z, Ctrl+D and Backspace.
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |ev| {
                    let Some(ev) = ev.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    on_key(ev, &editor, &dispatch);
                },
            );
            move || drop(listener)
        });
    }

    // Files dropped anywhere on the page are opened.
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|dt| dt.files())
                .and_then(|f| f.get(0))
            {
                toolbar::open_file(file, dispatch.clone());
            }
        })
    };

    let side = match *tab {
        SideTab::Touchpoint => match editor
            .inspecting
            .and_then(|id| editor.journey.touchpoint(id))
        {
            Some(tp) => html! {
                <inspector::Inspector touchpoint={tp.clone()} journey={Rc::clone(&editor.journey)}
                    dispatch={dispatch.clone()} />
            },
            None => html! {
                <p class="empty-hint">{ "Select a touchpoint and press Enter (or double-click it) to edit it here." }</p>
            },
        },
        SideTab::Journey => html! {
            <journey_panel::JourneyPanel journey={Rc::clone(&editor.journey)} dispatch={dispatch.clone()} />
        },
        SideTab::Insights => match &report {
            Some(r) => html! {
                <insights::Insights report={Rc::clone(r)} journey={Rc::clone(&editor.journey)}
                    dispatch={dispatch.clone()} overlay={*overlay}
                    on_overlay={{ let o = overlay.clone(); Callback::from(move |m| o.set(m)) }} />
            },
            None => html! {},
        },
    };
    let tab_button = |t: SideTab, label: &'static str| {
        let tab = tab.clone();
        let selected = *tab == t;
        html! {
            <button role="tab" aria-selected={selected.to_string()} class={classes!("tab", selected.then_some("active"))}
                onclick={Callback::from(move |_| tab.set(t))}>{ label }</button>
        }
    };

    html! {
        <div class="app" {ondragover} {ondrop}>
            <toolbar::Toolbar editor={(*editor).clone()} dispatch={dispatch.clone()} />
            <NoticeBar notice={editor.notice.clone()} storage_problem={editor.storage_problem.clone()}
                {conflict} {on_choice}
                dispatch={dispatch.clone()} journey={Rc::clone(&editor.journey)} />
            <div class="body">
                <main class="workspace" aria-label="Journey map">
                    <filter_bar::FilterBar journey={Rc::clone(&editor.journey)} filter={(*filter).clone()}
                        on_change={{ let f = filter.clone(); Callback::from(move |v| f.set(v)) }}
                        matching={matches.as_ref().map(|m| m.len())} />
                    <div class="map-area">
                        <Canvas journey={Rc::clone(&editor.journey)} selection={Rc::clone(&editor.selection)}
                            connecting={editor.connecting_from.is_some()} dispatch={dispatch.clone()}
                            matches={matches.clone()} tints={tints.clone()} />
                    </div>
                </main>
                if *panel_open {
                    <aside class="side" aria-label="Details">
                        <div class="tabs" role="tablist">
                            { tab_button(SideTab::Touchpoint, "Touchpoint") }
                            { tab_button(SideTab::Journey, "Journey") }
                            { tab_button(SideTab::Insights, "Insights") }
                            <button class="tab collapse" aria-label="Hide panel" title="Hide panel"
                                onclick={{ let p = panel_open.clone(); Callback::from(move |_| p.set(false)) }}>{ "›" }</button>
                        </div>
                        <div class="side-body">{ side }</div>
                    </aside>
                } else {
                    <aside class="side collapsed" aria-label="Details">
                        <button class="tab" aria-label="Show panel" title="Show panel"
                            onclick={{ let p = panel_open.clone(); Callback::from(move |_| p.set(true)) }}>{ "‹" }</button>
                    </aside>
                }
            </div>
        </div>
    }
}

fn in_text_field(ev: &KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            tag == "input"
                || tag == "textarea"
                || tag == "select"
                || el.has_attribute("contenteditable")
        })
        .unwrap_or(false)
}

fn on_key(ev: &KeyboardEvent, editor: &Editor, dispatch: &Callback<Action>) {
    let key = ev.key();
    let cmd = ev.ctrl_key() || ev.meta_key();
    let typing = in_text_field(ev);
    if key == "F12" && cmd && ev.alt_key() && ev.shift_key() && panic::test_trigger() {
        dispatch.emit(Action::PanicTest);
        return;
    }
    match (cmd, key.as_str()) {
        // Undo/redo work everywhere except inside a text field, where the browser's own
        // text undo is what the user expects.
        (true, "z") | (true, "Z") if !typing => {
            ev.prevent_default();
            dispatch.emit(if ev.shift_key() {
                Action::Redo
            } else {
                Action::Undo
            });
        }
        (true, "y") | (true, "Y") if !typing => {
            ev.prevent_default();
            dispatch.emit(Action::Redo);
        }
        (true, "c") if !typing => {
            let ids: Vec<_> = editor.selection.iter().copied().collect();
            let copied = crate::clipboard::copy(&editor.journey, &ids);
            if !copied.is_empty() {
                if let Ok(text) = serde_json::to_string(&copied) {
                    let n = copied.len();
                    match storage::set_clipboard(&text) {
                        Ok(()) => dispatch.emit(Action::Notify(Notice::info(format!(
                            "Copied {n} touchpoint{}",
                            if n == 1 { "" } else { "s" }
                        )))),
                        Err(why) => dispatch.emit(Action::Notify(Notice::error(
                            format!("Could not copy: {why}"),
                            Vec::new(),
                        ))),
                    }
                }
            }
        }
        (true, "v") if !typing => {
            if let Some(copied) = storage::clipboard()
                .and_then(|t| serde_json::from_str::<Vec<crate::clipboard::Copied>>(&t).ok())
            {
                ev.prevent_default();
                dispatch.emit(Action::Paste(copied));
            }
        }
        (true, "d") if !typing => {
            ev.prevent_default();
            dispatch.emit(Action::DuplicateSelection);
        }
        (false, "Delete") | (false, "Backspace") if !typing => {
            ev.prevent_default();
            dispatch.emit(Action::DeleteSelection);
        }
        (false, "Escape") => {
            if editor.connecting_from.is_some() {
                dispatch.emit(Action::CancelConnect);
            } else if !typing {
                dispatch.emit(Action::ClearSelection);
            }
        }
        _ => {}
    }
}

#[derive(Properties, PartialEq)]
struct NoticeProps {
    notice: Option<Notice>,
    storage_problem: Option<String>,
    conflict: Option<Conflict>,
    on_choice: Callback<Choice>,
    journey: Rc<Journey>,
    dispatch: Callback<Action>,
}

/// A button that offers the journey on screen as a file.
fn download_button(
    journey: &Rc<Journey>,
    dispatch: &Callback<Action>,
    class: &'static str,
) -> Html {
    let j = Rc::clone(journey);
    let d = dispatch.clone();
    let onclick = Callback::from(move |_| {
        let name = format!("{}.throughline.json", files::file_stem(&j));
        if let Err(why) = files::download(&name, "application/json", &crate::format::save(&j)) {
            d.emit(Action::Notify(Notice::error(
                format!("Download failed: {why}"),
                vec![],
            )));
        }
    });
    html! { <button {class} {onclick}>{ "Download a copy" }</button> }
}

/// What another tab did, and the choices it leaves; saving the journey waits for one.
fn conflict_banner(c: &Conflict, on_choice: &Callback<Choice>, download: Html) -> Html {
    let button = |choice: Choice, label: &'static str, class: &'static str| {
        let on_choice = on_choice.clone();
        html! {
            <button {class} onclick={Callback::from(move |_| on_choice.emit(choice))}>{ label }</button>
        }
    };
    // Both versions exist and are readable: any of the three is safe.
    let both_versions = || {
        html! { <>
            { button(Choice::TakeTheirs, "Load the other tab's version", "") }
            { button(Choice::KeepMine, "Keep mine (replace theirs)", "") }
            { button(Choice::SaveCopy, "Save mine as a copy", "primary") }
        </> }
    };
    let paused =
        "Saving it in this browser is paused, so neither version is lost until you choose.";
    let (text, choices) = match c {
        Conflict::Changed => (
            format!(
                "This journey was changed in another tab while you were editing it here. {paused}"
            ),
            both_versions(),
        ),
        Conflict::Overwritten => (
            format!(
                "Another tab saved this journey at the same moment as this one, over the changes \
                 saved here. {paused}"
            ),
            both_versions(),
        ),
        Conflict::Deleted => (
            "This journey was deleted in another tab. It is still here on screen; saving it is \
             paused until you choose."
                .to_string(),
            html! { <>
                { button(Choice::KeepMine, "Keep it (save it again)", "primary") }
                { button(Choice::Close, "Close it", "") }
            </> },
        ),
        Conflict::Unreadable(why) => (
            format!(
                "Another tab saved this journey in a form this version of Throughline cannot \
                 read: {why}. Saving here is paused so that version is not overwritten."
            ),
            html! { <>
                { button(Choice::SaveCopy, "Save mine as a copy", "primary") }
            </> },
        ),
    };
    html! {
        <div class="notice error conflict" role="alert">
            <div class="notice-text"><p>{ text }</p></div>
            { choices }
            { download }
        </div>
    }
}

#[component]
fn NoticeBar(props: &NoticeProps) -> Html {
    let conflict = props.conflict.as_ref().map(|c| {
        conflict_banner(
            c,
            &props.on_choice,
            download_button(&props.journey, &props.dispatch, "quiet"),
        )
    });
    let storage = props.storage_problem.as_ref().map(|why| {
        html! {
            <div class="notice error" role="alert">
                <div class="notice-text"><p>{ format!(
                    "Could not save in this browser: {why}. Your journey is safe on this page; \
                     download a copy to keep it. Saving is retried with every change and every \
                     few seconds."
                ) }</p></div>
                { download_button(&props.journey, &props.dispatch, "primary") }
            </div>
        }
    });
    let message = props.notice.as_ref().map(|n| {
        let dismiss = {
            let d = props.dispatch.clone();
            Callback::from(move |_| d.emit(Action::Dismiss))
        };
        let (class, role) = match n.kind {
            NoticeKind::Info => ("notice info", "status"),
            NoticeKind::Error => ("notice error", "alert"),
        };
        html! {
            <div class={class} {role}>
                <div class="notice-text">
                    <p>{ &n.text }</p>
                    if !n.details.is_empty() {
                        <ul class="notice-details">
                            { for n.details.iter().map(|d| html! { <li>{ d }</li> }) }
                        </ul>
                    }
                </div>
                <button class="quiet" onclick={dismiss} aria-label="Dismiss message">{ "✕" }</button>
            </div>
        }
    });
    html! {
        <div class="notice-slot" aria-live="polite">{ for conflict }{ for storage }{ for message }</div>
    }
}
