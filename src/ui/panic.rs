//! A panic anywhere in the wasm ends in a banner, not a dead page.
//!
//! The release build aborts on panic: once the hook returns, no wasm runs on this page again.
//! So the hook builds the banner with plain DOM calls, outside Yew's tree, from things that
//! need no wasm afterwards: the journey serialised into a Blob behind an `<a download>`
//! ("Save file"), and an `<a href>` back to the app ("Reload"). The journey it saves is the
//! one last put on screen, kept in a `Cell` (no `RefCell` a panicking render could be holding
//! borrowed); failing that, the copy in browser storage.

use crate::model::Journey;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

thread_local! {
    static LAST: Cell<Option<Rc<Journey>>> = const { Cell::new(None) };
    static TEST_TRIGGER: Cell<bool> = const { Cell::new(false) };
    // Set once the banner is up, so a second panic does not build another.
    static SHOWN: Cell<bool> = const { Cell::new(false) };
}

/// The id of the banner element.
pub const BANNER_ID: &str = "crash";

/// Keeps `j` as the journey the banner would offer. Called on every change (cheap: an `Rc`).
pub fn remember(j: &Rc<Journey>) {
    LAST.with(|c| c.set(Some(Rc::clone(j))));
}

fn last() -> Option<Rc<Journey>> {
    LAST.with(|c| {
        let j = c.take();
        c.set(j.clone());
        j
    })
}

/// True when the page was opened with `?panic-test`: Ctrl+Alt+Shift+F12 then panics on purpose.
pub fn test_trigger() -> bool {
    TEST_TRIGGER.with(Cell::get)
}

/// Installs the hook. Call before anything else that could panic. Yew replaces any hook set
/// with `std::panic::set_hook` when it renders, so this goes through Yew's own setter.
pub fn install() {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    TEST_TRIGGER.with(|t| t.set(search.contains("panic-test")));
    yew::set_custom_panic_hook(Box::new(|info| {
        let what = match info.payload().downcast_ref::<&str>() {
            Some(s) => (*s).to_string(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "no message".into()),
        };
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let details = format!("{what}{place}");
        gloo::console::error!(format!("Throughline stopped: {details}"));
        if !SHOWN.with(|s| s.replace(true)) {
            let _ = show(&details);
        }
    }));
}

/// The journey file to offer: the journey last on screen, else the stored copy of the journey
/// open last.
fn journey_file() -> Option<(String, String)> {
    if let Some(j) = last() {
        let name = format!("{}.throughline.json", super::files::file_stem(&j));
        return Some((name, crate::format::save(&j)));
    }
    let id = super::storage::current()?;
    let text = super::storage::raw()
        .ok()?
        .get_item(&super::storage::doc_key(&id))
        .ok()??;
    Some(("journey.throughline.json".into(), text))
}

fn styled(el: &web_sys::HtmlElement, rules: &[(&str, &str)]) {
    let style = el.style();
    for (k, v) in rules {
        let _ = style.set_property(k, v);
    }
}

const BUTTON: &[(&str, &str)] = &[
    ("display", "inline-block"),
    ("padding", "0.45rem 0.9rem"),
    ("margin-right", "0.6rem"),
    ("border-radius", "4px"),
    ("border", "1px solid #5c1410"),
    ("text-decoration", "none"),
    ("font-weight", "600"),
];

fn show(details: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let body = document.body()?;
    let element = |tag: &str| -> Option<web_sys::HtmlElement> {
        document.create_element(tag).ok()?.dyn_into().ok()
    };
    // The dead app underneath must not take clicks or focus that would lead nowhere.
    let children = body.children();
    for i in 0..children.length() {
        if let Some(c) = children.item(i) {
            let _ = c.set_attribute("inert", "");
        }
    }

    let banner = element("div")?;
    banner.set_id(BANNER_ID);
    let _ = banner.set_attribute("role", "alert");
    styled(
        &banner,
        &[
            ("position", "fixed"),
            ("top", "0"),
            ("left", "0"),
            ("right", "0"),
            ("z-index", "2147483647"),
            ("padding", "1rem 1.5rem"),
            ("background", "#fdecea"),
            ("color", "#5c1410"),
            ("border-bottom", "3px solid #5c1410"),
            ("font", "16px/1.45 system-ui, sans-serif"),
            ("box-shadow", "0 4px 16px rgba(0,0,0,0.25)"),
        ],
    );
    let heading = element("h2")?;
    heading.set_text_content(Some("Throughline has stopped"));
    styled(
        &heading,
        &[("margin", "0 0 0.4rem"), ("font-size", "1.2rem")],
    );
    let _ = banner.append_child(&heading);

    let file = journey_file();
    let explain = element("p")?;
    explain.set_text_content(Some(if file.is_some() {
        "Something went wrong inside the app and this page cannot carry on. Save your journey \
         as a file now (it is the journey as it was just before the problem), then reload: \
         the copy kept in this browser opens again."
    } else {
        "Something went wrong inside the app and this page cannot carry on. Reload to start \
         again; journeys kept in this browser open again."
    }));
    styled(&explain, &[("margin", "0 0 0.8rem")]);
    let _ = banner.append_child(&explain);

    let actions = element("p")?;
    styled(&actions, &[("margin", "0 0 0.6rem")]);
    if let Some((name, text)) = file {
        if let Some(url) = blob_url(&text) {
            let save: web_sys::HtmlAnchorElement = element("a")?.dyn_into().ok()?;
            save.set_href(&url);
            save.set_download(&name);
            save.set_text_content(Some("Save file"));
            styled(&save, BUTTON);
            styled(&save, &[("background", "#5c1410"), ("color", "#fff")]);
            let _ = actions.append_child(&save);
        }
    }
    let reload: web_sys::HtmlAnchorElement = element("a")?.dyn_into().ok()?;
    // The address without its query: a reload never repeats a test trigger.
    let path = web_sys::window()?
        .location()
        .pathname()
        .unwrap_or_else(|_| "./".into());
    reload.set_href(&path);
    reload.set_text_content(Some("Reload"));
    styled(&reload, BUTTON);
    styled(&reload, &[("background", "#fff"), ("color", "#5c1410")]);
    let _ = actions.append_child(&reload);
    let _ = banner.append_child(&actions);

    // What went wrong, as text: a panic message may quote user input, and is never markup.
    let tech = element("p")?;
    tech.set_class_name("crash-details");
    tech.set_text_content(Some(&format!("Technical details: {details}")));
    styled(
        &tech,
        &[
            ("margin", "0"),
            ("font", "0.85rem ui-monospace, Menlo, Consolas, monospace"),
            ("white-space", "pre-wrap"),
        ],
    );
    let _ = banner.append_child(&tech);

    let _ = body.append_child(&banner);
    if let Some(first) = banner.query_selector("a").ok().flatten() {
        if let Ok(first) = first.dyn_into::<web_sys::HtmlElement>() {
            let _ = first.focus();
        }
    }
    Some(())
}

fn blob_url(text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
