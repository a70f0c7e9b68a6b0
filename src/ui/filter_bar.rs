//! Search and filters over the map: matching cards stay, the rest fade (they are not hidden,
//! so the journey keeps its shape on screen).

use crate::model::*;
use crate::query::{Filter, QuadrantFilter};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterBarProps {
    pub journey: Rc<Journey>,
    pub filter: Filter,
    pub on_change: Callback<Filter>,
    /// How many touchpoints match, when a filter is set.
    pub matching: Option<usize>,
}

fn select(
    label: &'static str,
    any: &'static str,
    value: String,
    options: Vec<(String, String)>,
    on: Callback<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        on.emit(
            e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value(),
        )
    });
    html! {
        <select key={value.clone()} aria-label={label} title={label} {onchange} class={classes!((!value.is_empty()).then_some("active"))}>
            <option value="" selected={value.is_empty()}>{ any }</option>
            { for options.into_iter().map(|(v, t)| html! { <option value={v.clone()} selected={v == value}>{ t }</option> }) }
        </select>
    }
}

#[component]
pub fn FilterBar(props: &FilterBarProps) -> Html {
    let j = &props.journey;
    let f = &props.filter;
    let update = |apply: fn(&mut Filter, String)| {
        let f = f.clone();
        let cb = props.on_change.clone();
        Callback::from(move |v: String| {
            let mut next = f.clone();
            apply(&mut next, v);
            cb.emit(next);
        })
    };
    let oninput = {
        let f = f.clone();
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = f.clone();
            next.text = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            cb.emit(next);
        })
    };
    let clear = {
        let cb = props.on_change.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Filter::default()))
    };
    let ids = |v: Option<String>| v.unwrap_or_default();
    let partner_value = match f.partner {
        None => String::new(),
        Some(DeliveredBy::Brand) => "brand".into(),
        Some(DeliveredBy::Partner(p)) => p.to_string(),
    };
    let quadrant_value = match f.quadrant {
        None => String::new(),
        Some(QuadrantFilter::Unset) => "unset".into(),
        Some(QuadrantFilter::Is(q)) => format!("{q:?}"),
    };
    let mut partners = vec![("brand".to_string(), "The brand itself".to_string())];
    partners.extend(
        j.partners
            .iter()
            .map(|p| (p.id.to_string(), p.name.clone())),
    );
    let quadrants: Vec<(String, String)> = [
        Quadrant::BrandedFreedom,
        Quadrant::Scripted,
        Quadrant::Improvised,
        Quadrant::Reversed,
    ]
    .iter()
    .map(|q| (format!("{q:?}"), q.label().to_string()))
    .chain([("unset".to_string(), "Not decided".to_string())])
    .collect();

    html! {
        <div class="filter-bar" role="search">
            <input type="search" placeholder="Search touchpoints" aria-label="Search touchpoints"
                value={f.text.clone()} {oninput} />
            { select("Filter by stage", "All stages", ids(f.stage.map(|s| s.to_string())),
                j.stages.iter().map(|s| (s.id.to_string(), s.name.clone())).collect(),
                update(|f, v| f.stage = v.parse().ok())) }
            { select("Filter by channel", "All channels", ids(f.channel.map(|s| s.to_string())),
                j.channels.iter().map(|s| (s.id.to_string(), s.name.clone())).collect(),
                update(|f, v| f.channel = v.parse().ok())) }
            { select("Filter by owner", "All owners", ids(f.owner.map(|s| s.to_string())),
                j.departments.iter().map(|s| (s.id.to_string(), s.name.clone())).collect(),
                update(|f, v| f.owner = v.parse().ok())) }
            { select("Filter by delivery", "Brand and partners", partner_value, partners,
                update(|f, v| f.partner = if v == "brand" { Some(DeliveredBy::Brand) } else { v.parse().ok().map(DeliveredBy::Partner) })) }
            if !j.personas.is_empty() {
                { select("Filter by persona", "All personas", ids(f.persona.map(|s| s.to_string())),
                    j.personas.iter().map(|s| (s.id.to_string(), s.name.clone())).collect(),
                    update(|f, v| f.persona = v.parse().ok())) }
            }
            { select("Filter by loose/tight quadrant", "All quadrants", quadrant_value, quadrants,
                update(|f, v| f.quadrant = match v.as_str() {
                    "BrandedFreedom" => Some(QuadrantFilter::Is(Quadrant::BrandedFreedom)),
                    "Scripted" => Some(QuadrantFilter::Is(Quadrant::Scripted)),
                    "Improvised" => Some(QuadrantFilter::Is(Quadrant::Improvised)),
                    "Reversed" => Some(QuadrantFilter::Is(Quadrant::Reversed)),
                    "unset" => Some(QuadrantFilter::Unset),
                    _ => None,
                })) }
            if let Some(n) = props.matching {
                <span class="match-count" role="status">{ format!("{n} of {} match", j.touchpoints.len()) }</span>
                <button class="quiet" onclick={clear}>{ "Clear filters" }</button>
            }
        </div>
    }
}
