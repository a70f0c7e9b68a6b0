//! Labelled form fields. Each one shows a value and reports a new one; none holds journey
//! state. Text fields report on every keystroke (the history merges a burst of typing into
//! one undo step); list fields report when the user leaves the field, so half-typed lines are
//! not trimmed away under the cursor.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextProps {
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
}

#[component]
pub fn TextField(props: &TextProps) -> Html {
    let id = use_memo((), |_| next_id());
    let cb = props.on_change.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let value = if let Some(t) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
            t.value()
        } else {
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .value()
        };
        cb.emit(value);
    });
    let input = if props.multiline {
        html! { <textarea id={(*id).clone()} value={props.value.clone()} {oninput} rows="3"
        placeholder={props.placeholder.clone()} /> }
    } else {
        html! { <input id={(*id).clone()} type="text" value={props.value.clone()} {oninput}
        placeholder={props.placeholder.clone()} /> }
    };
    html! {
        <div class="field">
            <label for={(*id).clone()}>{ &props.label }</label>
            { input }
            if let Some(h) = &props.hint { <p class="hint">{ h }</p> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ListProps {
    pub label: AttrValue,
    pub items: Vec<String>,
    pub on_change: Callback<Vec<String>>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// One item per line.
#[component]
pub fn ListField(props: &ListProps) -> Html {
    let id = use_memo((), |_| next_id());
    let cb = props.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let text = e
            .target_unchecked_into::<web_sys::HtmlTextAreaElement>()
            .value();
        cb.emit(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
        );
    });
    html! {
        <div class="field">
            <label for={(*id).clone()}>{ &props.label }</label>
            <textarea id={(*id).clone()} value={props.items.join("\n")} {onchange} rows="3" />
            <p class="hint">{ props.hint.clone().unwrap_or_else(|| "One per line".into()) }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub label: AttrValue,
    /// The chosen option's value.
    pub value: String,
    /// (value, text) pairs.
    pub options: Vec<(String, String)>,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

#[component]
pub fn SelectField(props: &SelectProps) -> Html {
    let id = use_memo((), |_| next_id());
    let cb = props.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        cb.emit(
            e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value(),
        );
    });
    html! {
        <div class="field">
            <label for={(*id).clone()}>{ &props.label }</label>
            // Keyed by the value: a browser ignores `selected` on an option once the user has
            // picked one, so after undo or on another touchpoint a reused <select> would show
            // a stale choice. A new element shows the model's.
            <select key={props.value.clone()} id={(*id).clone()} {onchange}>
                { for props.options.iter().map(|(v, t)| html! {
                    <option value={v.clone()} selected={*v == props.value}>{ t }</option>
                }) }
            </select>
            if let Some(h) = &props.hint { <p class="hint">{ h }</p> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckProps {
    pub label: AttrValue,
    pub checked: bool,
    pub on_change: Callback<bool>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

#[component]
pub fn CheckField(props: &CheckProps) -> Html {
    let id = use_memo((), |_| next_id());
    let cb = props.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        cb.emit(
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked(),
        );
    });
    html! {
        <div class="field check">
            <input id={(*id).clone()} type="checkbox" checked={props.checked} {onchange} />
            <label for={(*id).clone()}>{ &props.label }</label>
            if let Some(h) = &props.hint { <p class="hint">{ h }</p> }
        </div>
    }
}

fn next_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    format!("f{}", N.fetch_add(1, Ordering::Relaxed))
}
