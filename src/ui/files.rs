//! Files in and out: downloads made in the page (no server), and files the user opens.

use crate::import;
use crate::model::Journey;
use wasm_bindgen::JsCast;

/// Offers `text` as a file download.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "the browser could not make the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not make the file".to_string())?;
    let document = gloo::utils::document();
    let a = document
        .create_element("a")
        .map_err(|_| "no document".to_string())?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no anchor".to_string())?;
    a.set_href(&url);
    a.set_download(name);
    a.style().set_property("display", "none").ok();
    gloo::utils::body().append_child(&a).ok();
    a.click();
    a.remove();
    // Revoking at once can cancel the download before the browser has read the blob.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A file name from a journey title: letters, digits and dashes.
pub fn file_stem(j: &Journey) -> String {
    let mut stem = String::new();
    for c in j.title.chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    let stem = stem.trim_matches('-').chars().take(60).collect::<String>();
    if stem.is_empty() {
        "journey".into()
    } else {
        stem
    }
}

/// Reads an opened file's bytes into a journey, or the problems that stop it, one per line.
/// The extension picks the reader, exactly as the hostile-input tests pick it
/// (`import::open_bytes`): `.csv`, `.mmd`/`.mermaid`, anything else the journey file format.
pub fn parse(name: &str, bytes: &[u8], seed: u64) -> Result<Journey, Vec<String>> {
    import::open_bytes(name, bytes, &mut crate::model::IdGen::new(seed))
}
