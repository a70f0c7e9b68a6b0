//! The top bar: journey title, file and journey commands, editing commands, undo/redo.

use super::files;
use super::state::{Action, Editor, Notice};
use super::storage;
use crate::export::{self, Format};
use crate::format;
use crate::model::Journey;
use crate::sample;
use gloo::file::callbacks::FileReader;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

thread_local! {
    // A file read in flight; dropping the reader would cancel it.
    static READING: RefCell<Option<FileReader>> = const { RefCell::new(None) };
}

/// Reads a file the user chose or dropped and opens it as a new journey, or lists what is
/// wrong with it; the open journey is untouched either way until the file has been read.
pub(crate) fn open_file(file: web_sys::File, dispatch: Callback<Action>) {
    let file = gloo::file::File::from(file);
    let name = file.name();
    if file.size() > format::limits::MAX_FILE_BYTES as u64 {
        dispatch.emit(Action::Notify(Notice::error(
            format!("Could not open {name}"),
            // The core's own words, so the app and the command line say the same limit.
            vec![format!(
                "file: {}",
                format::text::Fault::TooLarge {
                    bytes: file.size() as usize
                }
            )],
        )));
        return;
    }
    // Bytes, not text: the core decodes them as a browser would, and knows which U+FFFD
    // stood for a byte that was not UTF-8 (format::text::decode).
    let reader = gloo::file::callbacks::read_as_bytes(&file, move |result| {
        READING.with(|r| r.borrow_mut().take());
        let bytes = match result {
            Ok(b) => b,
            Err(e) => {
                dispatch.emit(Action::Notify(Notice::error(
                    format!("Could not open {name}"),
                    vec![format!("file: could not be read ({e})")],
                )));
                return;
            }
        };
        match files::parse(&name, &bytes, super::random_seed()) {
            Ok(journey) => dispatch.emit(Action::Load {
                doc: super::new_doc_id(),
                journey,
                notice: Some(Notice::info(format!("Opened {name}"))),
            }),
            Err(problems) => dispatch.emit(Action::Notify(Notice::error(
                format!(
                    "Could not open {name}: {} problem{} found. The journey on screen is unchanged.",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" }
                ),
                problems,
            ))),
        }
    });
    READING.with(|r| *r.borrow_mut() = Some(reader));
}

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub editor: Editor,
    pub dispatch: Callback<Action>,
}

#[derive(Clone, Copy, PartialEq)]
enum Menu {
    New,
    Journeys,
    Export,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let e = &props.editor;
    let d = &props.dispatch;
    let menu = use_state(|| None::<Menu>);
    let file_input = use_node_ref();
    let bar = use_node_ref();
    {
        // An open menu closes on Esc or a press anywhere outside the toolbar.
        let menu = menu.clone();
        let bar = bar.clone();
        use_effect_with(*menu, move |open| {
            let listeners = open.map(|_| {
                let m1 = menu.clone();
                let key = gloo::events::EventListener::new(
                    &gloo::utils::document(),
                    "keydown",
                    move |ev| {
                        if ev
                            .dyn_ref::<web_sys::KeyboardEvent>()
                            .is_some_and(|k| k.key() == "Escape")
                        {
                            m1.set(None);
                        }
                    },
                );
                let press = gloo::events::EventListener::new(
                    &gloo::utils::document(),
                    "pointerdown",
                    move |ev| {
                        let inside = bar
                            .cast::<web_sys::Node>()
                            .zip(ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
                            .is_some_and(|(bar, target)| bar.contains(Some(&target)));
                        if !inside {
                            menu.set(None);
                        }
                    },
                );
                (key, press)
            });
            move || drop(listeners)
        });
    }

    let act = |a: fn() -> Action| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(a()))
    };
    let toggle = |m: Menu| {
        let menu = menu.clone();
        Callback::from(move |_: MouseEvent| menu.set(if *menu == Some(m) { None } else { Some(m) }))
    };
    let close_then = |f: Callback<()>| {
        let menu = menu.clone();
        Callback::from(move |_: MouseEvent| {
            menu.set(None);
            f.emit(());
        })
    };
    let load = |journey: fn() -> Journey, what: &'static str| {
        let d = d.clone();
        close_then(Callback::from(move |_| {
            d.emit(Action::Load {
                doc: super::new_doc_id(),
                journey: journey(),
                notice: Some(Notice::info(format!("Started {what}"))),
            })
        }))
    };

    let open_click = {
        let input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                el.set_value("");
                el.click();
            }
        })
    };
    let on_file = {
        let d = d.clone();
        Callback::from(move |ev: Event| {
            let input: HtmlInputElement = ev.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file(file, d.clone());
            }
        })
    };
    let save_file = {
        let j = Rc::clone(&e.journey);
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!("{}.throughline.json", files::file_stem(&j));
            match files::download(&name, "application/json", &format::save(&j)) {
                Ok(()) => d.emit(Action::Notify(Notice::info(format!("Saved {name}")))),
                Err(why) => d.emit(Action::Notify(Notice::error(
                    format!("Could not save the file: {why}"),
                    vec![],
                ))),
            }
        })
    };
    let add_touchpoint = {
        let d = d.clone();
        let j = Rc::clone(&e.journey);
        let sel = Rc::clone(&e.selection);
        Callback::from(move |_: MouseEvent| {
            let from_selection = sel
                .iter()
                .next()
                .and_then(|id| j.touchpoint(*id))
                .map(|t| (t.stage, t.lane));
            match from_selection.or_else(|| j.stages.first().map(|s| (s.id, None))) {
                Some((stage, lane)) => d.emit(Action::AddTouchpoint { stage, lane }),
                None => d.emit(Action::Notify(Notice::info(
                    "Add a stage first: touchpoints live in stages",
                ))),
            }
        })
    };

    let journeys_menu = (*menu == Some(Menu::Journeys)).then(|| {
        // The open journey as it is now, not as last stored: its title may be seconds newer,
        // and a journey never saved yet is listed too.
        let mut docs = storage::list();
        match docs.iter_mut().find(|d| d.id == e.doc) {
            Some(d) => d.title = storage::display_title(&e.journey),
            None => docs.push(storage::DocEntry {
                id: e.doc.clone(),
                title: storage::display_title(&e.journey),
                saved: 0.0,
            }),
        }
        let current = e.doc.clone();
        let items = docs.into_iter().map(|doc| {
            // The open journey is already on screen, newer than its stored copy: reopening it
            // would lose unsaved edits and the undo history.
            let is_open = doc.id == e.doc;
            let open = {
                let d = d.clone();
                let id = doc.id.clone();
                close_then(Callback::from(move |_| {
                    if is_open {
                        return;
                    }
                    match storage::load(&id) {
                        Ok(journey) => d.emit(Action::Load {
                            doc: id.clone(),
                            journey,
                            notice: None,
                        }),
                        Err(why) => d.emit(Action::Notify(Notice::error(
                            "That journey could not be read; it was left as it is.",
                            vec![why],
                        ))),
                    }
                }))
            };
            let duplicate = {
                let d = d.clone();
                let id = doc.id.clone();
                let current = Rc::clone(&e.journey);
                close_then(Callback::from(move |_| {
                    // The open journey is copied from memory, the others from storage.
                    let source = if is_open {
                        Ok((*current).clone())
                    } else {
                        storage::load(&id)
                    };
                    match source {
                        Ok(mut journey) => {
                            journey.title = format!("{} (copy)", storage::display_title(&journey));
                            d.emit(Action::Load {
                                doc: super::new_doc_id(),
                                journey,
                                notice: Some(Notice::info("Duplicated; you are editing the copy")),
                            });
                        }
                        Err(why) => d.emit(Action::Notify(Notice::error(
                            "That journey could not be read; it was left as it is.",
                            vec![why],
                        ))),
                    }
                }))
            };
            let delete = {
                let d = d.clone();
                let id = doc.id.clone();
                let title = doc.title.clone();
                let is_current = id == current;
                close_then(Callback::from(move |_| {
                    let ok = gloo::dialogs::confirm(&format!(
                        "Delete \"{title}\" from this browser? This cannot be undone."
                    ));
                    if !ok {
                        return;
                    }
                    storage::delete(&id);
                    if is_current {
                        d.emit(Action::Load {
                            doc: super::new_doc_id(),
                            journey: sample::broadband(),
                            notice: Some(Notice::info(format!("Deleted \"{title}\""))),
                        });
                    } else {
                        d.emit(Action::Notify(Notice::info(format!("Deleted \"{title}\""))));
                    }
                }))
            };
            let is_current = doc.id == e.doc;
            html! {
                <li key={doc.id.clone()} class={classes!(is_current.then_some("current"))}>
                    <button class="menu-item grow" onclick={open}
                        aria-current={is_current.then_some("true")}>{ &doc.title }</button>
                    <button class="quiet" onclick={duplicate}
                        aria-label={format!("Duplicate {}", doc.title)}>{ "Duplicate" }</button>
                    <button class="quiet danger" onclick={delete}
                        aria-label={format!("Delete {}", doc.title)}>{ "Delete" }</button>
                </li>
            }
        });
        html! {
            <div class="menu wide" role="menu">
                <p class="menu-hint">{ "Kept in this browser. Rename a journey by editing its title." }</p>
                <ul class="doc-list">{ for items }</ul>
            </div>
        }
    });

    let new_menu = (*menu == Some(Menu::New)).then(|| {
        html! {
            <div class="menu" role="menu">
                <button class="menu-item" role="menuitem" onclick={load(blank_journey, "a blank journey")}>
                    { "Blank journey" }<span class="menu-sub">{ "Seven customer stages, nothing else" }</span>
                </button>
                <button class="menu-item" role="menuitem" onclick={load(sample::broadband, "from the broadband sample")}>
                    { "Sample: home broadband" }<span class="menu-sub">{ "21 touchpoints with a partner installer" }</span>
                </button>
                <p class="menu-hint">{ "Templates" }</p>
                { for crate::templates::all().into_iter().map(|t| {
                    let d = d.clone();
                    let menu = menu.clone();
                    let onclick = Callback::from(move |_: MouseEvent| {
                        menu.set(None);
                        d.emit(Action::Load {
                            doc: super::new_doc_id(),
                            journey: (t.build)(super::random_seed()),
                            notice: Some(Notice::info(format!("Started from the template \"{}\"", t.name))),
                        });
                    });
                    html! {
                        <button class="menu-item" role="menuitem" key={t.key} {onclick}>
                            { format!("{} ({})", t.name, t.industry) }<span class="menu-sub">{ t.summary }</span>
                        </button>
                    }
                }) }
            </div>
        }
    });

    let export_menu = (*menu == Some(Menu::Export)).then(|| {
        let item = |format: Format, bom: bool, label: &'static str, sub: &'static str| {
            let j = Rc::clone(&e.journey);
            let d = d.clone();
            let onclick = close_then(Callback::from(move |_| {
                let text = if format == Format::Csv && bom {
                    export::csv::to_csv(&j, &export::csv::CsvOptions { bom: true })
                } else {
                    export::export(&j, format)
                };
                let name = format!("{}.{}", files::file_stem(&j), format.extension());
                match files::download(&name, format.mime(), &text) {
                    Ok(()) => d.emit(Action::Notify(Notice::info(format!("Exported {name}")))),
                    Err(why) => d.emit(Action::Notify(Notice::error(format!("Export failed: {why}"), vec![]))),
                }
            }));
            html! {
                <button class="menu-item" role="menuitem" {onclick}>
                    { label }<span class="menu-sub">{ sub }</span>
                </button>
            }
        };
        html! {
            <div class="menu" role="menu">
                { item(Format::Html, false, "Design framework (HTML)", "The loose/tight framework to read and print") }
                { item(Format::Markdown, false, "Design framework (Markdown)", "The same document for wikis and repositories") }
                { item(Format::Csv, false, "Spreadsheet (CSV)", "One row per touchpoint; opens again in Throughline") }
                { item(Format::Csv, true, "Spreadsheet for Excel (CSV with BOM)", "Keeps accents right in Excel") }
                { item(Format::Svg, false, "Journey map (SVG)", "The map as on screen, for slides") }
                { item(Format::Mermaid, false, "Mermaid journey", "For Markdown documents and wikis") }
                { item(Format::Dot, false, "Graphviz DOT", "Stages as clusters") }
                { item(Format::Json, false, "Journey file (JSON)", "Lossless; opens again in Throughline") }
            </div>
        }
    });

    let menu_button = |m: Menu, label: &'static str| {
        let open = *menu == Some(m);
        html! {
            <button class={classes!("tool", open.then_some("open"))} aria-haspopup="menu"
                aria-expanded={open.to_string()} onclick={toggle(m)}>{ label }<span aria-hidden="true">{ " ▾" }</span></button>
        }
    };

    let connect_label = if e.connecting_from.is_some() {
        "Connecting…"
    } else {
        "Connect"
    };

    html! {
        <header class="topbar">
            <div class="title-row">
                <div class="brand">{ "Throughline" }</div>
                <h1 class="journey-title">{ storage::display_title(&e.journey) }
                    <span class="badge">{ match e.journey.state {
                        crate::model::JourneyState::AsIs => "As-is",
                        crate::model::JourneyState::ToBe => "To-be",
                    } }</span>
                </h1>
                <p class="counts">{ format!("{} stages · {} touchpoints · {} transitions",
                    e.journey.stages.len(), e.journey.touchpoints.len(), e.journey.transitions.len()) }</p>
            </div>
            <nav class="toolbar" aria-label="Commands" ref={bar}>
                <div class="group">
                    <div class="menu-anchor">{ menu_button(Menu::New, "New journey") }{ for new_menu }</div>
                    <div class="menu-anchor">{ menu_button(Menu::Journeys, "Journeys") }{ for journeys_menu }</div>
                    <button class="tool" onclick={open_click}>{ "Open file" }</button>
                    <input ref={file_input} type="file" class="hidden" accept=".json,.csv,.mmd,.mermaid,application/json,text/csv"
                        onchange={on_file} aria-hidden="true" tabindex="-1" />
                    <button class="tool" onclick={save_file}>{ "Save file" }</button>
                    <div class="menu-anchor">{ menu_button(Menu::Export, "Export") }{ for export_menu }</div>
                </div>
                <div class="group">
                    <button class="tool" onclick={add_touchpoint}>{ "Add touchpoint" }</button>
                    <button class="tool" onclick={act(|| Action::AddStage)}>{ "Add stage" }</button>
                    <button class={classes!("tool", e.connecting_from.is_some().then_some("open"))}
                        aria-pressed={e.connecting_from.is_some().to_string()}
                        onclick={act(|| Action::StartConnect)}>{ connect_label }</button>
                    <button class="tool" onclick={act(|| Action::DeleteSelection)}
                        disabled={e.selection.is_empty()}>{ "Delete" }</button>
                </div>
                <div class="group">
                    <button class="tool" onclick={act(|| Action::Undo)} disabled={!e.can_undo}
                        title="Undo (Ctrl+Z)">{ "Undo" }</button>
                    <button class="tool" onclick={act(|| Action::Redo)} disabled={!e.can_redo}
                        title="Redo (Ctrl+Shift+Z or Ctrl+Y)">{ "Redo" }</button>
                </div>
            </nav>
            if !e.journey.promise.statement.is_empty() {
                <p class="promise"><span class="label">{ "Brand promise" }</span>{ &e.journey.promise.statement }</p>
            }
        </header>
    }
}

/// A journey with the customer stages most journeys share, for a designer to fill in.
fn blank_journey() -> Journey {
    crate::templates::blank(super::random_seed())
}
