//! The insights panel: what the touchpoint graph says, from the core's diagnostics. Clicking a
//! finding selects its touchpoints and brings the first into view.

use super::state::Action;
use crate::analysis::{Category, Report, Severity};
use crate::model::*;
use crate::overlay::Measure;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InsightsProps {
    pub report: Rc<Report>,
    pub journey: Rc<Journey>,
    pub dispatch: Callback<Action>,
    pub overlay: Option<Measure>,
    pub on_overlay: Callback<Option<Measure>>,
}

fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{:.0}%", v * 100.0))
        .unwrap_or_else(|| "-".into())
}

fn one_decimal(v: Option<f64>) -> String {
    v.map(|v| format!("{v:+.1}")).unwrap_or_else(|| "-".into())
}

/// Brings a card into view after the selection has rendered.
fn reveal(id: TouchpointId) {
    gloo::timers::callback::Timeout::new(0, move || {
        let sel = format!("[data-touchpoint-id='{id}']");
        if let Ok(Some(el)) = gloo::utils::document().query_selector(&sel) {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Center);
            opts.set_inline(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    })
    .forget();
}

#[component]
pub fn Insights(props: &InsightsProps) -> Html {
    let r = &props.report;
    let s = &r.summary;
    let overlay_value = props.overlay.map(|m| m.key()).unwrap_or("").to_string();
    let on_overlay = {
        let cb = props.on_overlay.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            cb.emit(Measure::from_key(&v));
        })
    };
    let groups = Category::ALL.iter().map(|&cat| {
        let items: Vec<Html> = r
            .findings
            .iter()
            .filter(|f| f.kind.category() == cat)
            .map(|f| {
                let ids = f.touchpoints.clone();
                let d = props.dispatch.clone();
                let onclick = Callback::from(move |_: MouseEvent| {
                    d.emit(Action::SelectMany(ids.clone()));
                    if let Some(first) = ids.first() {
                        reveal(*first);
                    }
                });
                let sev = match f.severity {
                    Severity::Problem => "sev problem",
                    Severity::Warning => "sev warning",
                    Severity::Info => "sev info",
                };
                let clickable = !f.touchpoints.is_empty();
                html! {
                    <li>
                        <button class="finding" {onclick} disabled={!clickable}
                            title={if clickable { "Select these touchpoints on the map" } else { "" }}>
                            <span class={sev}>{ f.severity.label() }</span>
                            <span class="finding-title">{ &f.title }</span>
                            if !f.detail.is_empty() { <span class="finding-detail">{ &f.detail }</span> }
                        </button>
                    </li>
                }
            })
            .collect();
        if items.is_empty() {
            return html! {};
        }
        let n = items.len();
        html! {
            <section class="finding-group" aria-label={cat.label()}>
                <h3>{ cat.label() }<span class="count">{ n }</span></h3>
                <ul>{ for items }</ul>
            </section>
        }
    });

    html! {
        <div class="insights">
            <dl class="scores" aria-label="Score summary">
                <div><dt>{ "Problems" }</dt><dd class="problem">{ s.problems }</dd></div>
                <div><dt>{ "Warnings" }</dt><dd>{ s.warnings }</dd></div>
                <div><dt>{ "Branded freedom" }</dt><dd>{ percent(s.branded_freedom_share) }</dd></div>
                <div><dt>{ "Average gap" }</dt><dd>{ s.average_gap.map(|g| format!("{g:.1}")).unwrap_or_else(|| "-".into()) }</dd></div>
                <div><dt>{ "Average emotion" }</dt><dd>{ one_decimal(s.average_emotion) }</dd></div>
                <div><dt>{ "Hand-offs losing context" }</dt><dd>{ s.context_lost }</dd></div>
            </dl>
            <div class="field">
                <label for="overlay">{ "Tint cards by" }</label>
                <select key={overlay_value.clone()} id="overlay" onchange={on_overlay}>
                    <option value="" selected={overlay_value.is_empty()}>{ "Nothing (plain map)" }</option>
                    { for Measure::ALL.iter().map(|m| html! {
                        <option value={m.key()} selected={overlay_value == m.key()}>{ m.label() }</option>
                    }) }
                </select>
            </div>
            { for groups }
        </div>
    }
}
