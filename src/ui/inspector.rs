//! The inspector: every field of one touchpoint, grouped the way a CX designer thinks
//! (Customer, Brand, Loose/tight, Delivery, Measures, Notes), and its connections.

use super::fields::{CheckField, ListField, SelectField, TextField};
use super::state::Action;
use crate::command::{Command, TouchpointField as F, TransitionField};
use crate::model::*;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub touchpoint: Touchpoint,
    pub journey: Rc<Journey>,
    pub dispatch: Callback<Action>,
}

fn opt_rating(v: Option<Rating>) -> String {
    v.map(|r| r.to_string()).unwrap_or_default()
}

fn rating_options() -> Vec<(String, String)> {
    let mut o = vec![(String::new(), "Unrated".to_string())];
    o.extend((1..=5).map(|n| (n.to_string(), n.to_string())));
    o
}

fn parse_rating(s: &str) -> Option<Rating> {
    s.parse::<i64>().ok().and_then(|n| Rating::new(n).ok())
}

fn tightness_value(t: Option<Tightness>) -> String {
    match t {
        Some(Tightness::Tight) => "tight",
        Some(Tightness::Loose) => "loose",
        None => "",
    }
    .to_string()
}

fn parse_tightness(s: &str) -> Option<Tightness> {
    match s {
        "tight" => Some(Tightness::Tight),
        "loose" => Some(Tightness::Loose),
        _ => None,
    }
}

/// (value, text) options for a list of named entities, with "none" first when allowed.
fn entity_options<'a>(
    none: Option<&str>,
    items: impl Iterator<Item = (String, &'a str)>,
) -> Vec<(String, String)> {
    let mut o: Vec<(String, String)> = none
        .map(|n| vec![(String::new(), n.to_string())])
        .unwrap_or_default();
    o.extend(items.map(|(id, name)| (id, name.to_string())));
    o
}

#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let t = &props.touchpoint;
    let j = &props.journey;
    let id = t.id;
    // Every field edit is one command through the editor's single action path.
    let set = {
        let d = props.dispatch.clone();
        move |make: fn(String) -> Option<F>| {
            let d = d.clone();
            Callback::from(move |v: String| {
                if let Some(field) = make(v) {
                    d.emit(Action::Apply(Command::SetTouchpointField { id, field }));
                }
            })
        }
    };
    let set_bool = {
        let d = props.dispatch.clone();
        move |make: fn(bool) -> F| {
            let d = d.clone();
            Callback::from(move |v: bool| {
                d.emit(Action::Apply(Command::SetTouchpointField {
                    id,
                    field: make(v),
                }))
            })
        }
    };
    let set_list = {
        let d = props.dispatch.clone();
        move |make: fn(Vec<String>) -> F| {
            let d = d.clone();
            Callback::from(move |v: Vec<String>| {
                d.emit(Action::Apply(Command::SetTouchpointField {
                    id,
                    field: make(v),
                }))
            })
        }
    };

    let stage_options = entity_options(
        None,
        j.stages.iter().map(|s| (s.id.to_string(), s.name.as_str())),
    );
    let lane_options = entity_options(
        Some("No lane"),
        j.lanes.iter().map(|l| (l.id.to_string(), l.name.as_str())),
    );
    let channel_options = entity_options(
        Some("No channel"),
        j.channels
            .iter()
            .map(|c| (c.id.to_string(), c.name.as_str())),
    );
    let owner_options = entity_options(
        Some("No owner"),
        j.departments
            .iter()
            .map(|d| (d.id.to_string(), d.name.as_str())),
    );
    let mut delivered_options = vec![("brand".to_string(), "The brand itself".to_string())];
    delivered_options.extend(
        j.partners
            .iter()
            .map(|p| (p.id.to_string(), format!("{} ({})", p.name, p.role.label()))),
    );
    let delivered_value = match t.delivered_by {
        DeliveredBy::Brand => "brand".to_string(),
        DeliveredBy::Partner(p) => p.to_string(),
    };
    let tight_options = vec![
        (String::new(), "Not decided".to_string()),
        ("tight".to_string(), "Tight".to_string()),
        ("loose".to_string(), "Loose".to_string()),
    ];
    let emotion_options = {
        let mut o = vec![(String::new(), "Unrated".to_string())];
        for (v, text) in [
            (-2, "-2 very negative"),
            (-1, "-1 negative"),
            (0, "0 neutral"),
            (1, "+1 positive"),
            (2, "+2 very positive"),
        ] {
            o.push((v.to_string(), text.to_string()));
        }
        o
    };
    let evidence_options = vec![
        (String::new(), "Not stated".to_string()),
        ("assumption".to_string(), "Assumption".to_string()),
        ("anecdote".to_string(), "Anecdote".to_string()),
        ("research".to_string(), "Research".to_string()),
        ("data".to_string(), "Data".to_string()),
    ];
    let evidence_value = match t.evidence {
        None => "",
        Some(Evidence::Assumption) => "assumption",
        Some(Evidence::Anecdote) => "anecdote",
        Some(Evidence::Research) => "research",
        Some(Evidence::Data) => "data",
    }
    .to_string();

    let quadrant = t.quadrant().map(|q| {
        let advice = match q {
            Quadrant::BrandedFreedom => "The target: the experience is defined, people choose how to deliver it.",
            Quadrant::Scripted => "Right only where rules demand it (legal, safety).",
            Quadrant::Improvised => "Inconsistent: define the experience that must be true every time.",
            Quadrant::Reversed => "The common failure: scripts without a defined experience. Define the standard, loosen the script.",
        };
        html! { <p class="quadrant-note"><strong>{ q.label() }</strong>{ ": " }{ advice }</p> }
    });

    // Personas: checkboxes; none ticked means the touchpoint applies to every persona.
    let personas = j.personas.iter().map(|p| {
        let pid = p.id;
        let current = t.personas.clone();
        let d = props.dispatch.clone();
        let on_change = Callback::from(move |on: bool| {
            let mut list = current.clone();
            list.retain(|x| *x != pid);
            if on {
                list.push(pid);
            }
            d.emit(Action::Apply(Command::SetTouchpointField { id, field: F::Personas(list) }));
        });
        html! { <CheckField key={p.id.to_string()} label={p.name.clone()} checked={t.personas.contains(&p.id)} {on_change} /> }
    });

    let outgoing = j.transitions.iter().filter(|tr| tr.from == id || tr.to == id).map(|tr| {
        let other = if tr.from == id { tr.to } else { tr.from };
        let other_name = j.touchpoint(other).map(|t| t.name.clone()).unwrap_or_default();
        let arrow = if tr.from == id { "→ " } else { "← " };
        let tid = tr.id;
        let d = props.dispatch.clone();
        let set_kind = {
            let d = d.clone();
            Callback::from(move |v: String| {
                let kind = match v.as_str() {
                    "alternative" => TransitionKind::Alternative,
                    "recovery" => TransitionKind::Recovery,
                    "return" => TransitionKind::Return,
                    _ => TransitionKind::Next,
                };
                d.emit(Action::Apply(Command::SetTransitionField { id: tid, field: TransitionField::Kind(kind) }))
            })
        };
        let set_context = {
            let d = d.clone();
            Callback::from(move |v: bool| d.emit(Action::Apply(Command::SetTransitionField { id: tid, field: TransitionField::CarriesContext(v) })))
        };
        let set_label = {
            let d = d.clone();
            Callback::from(move |v: String| d.emit(Action::Apply(Command::SetTransitionField { id: tid, field: TransitionField::Label(v) })))
        };
        let remove = Callback::from(move |_| d.emit(Action::Apply(Command::Disconnect { id: tid })));
        let kind_value = match tr.kind {
            TransitionKind::Next => "next",
            TransitionKind::Alternative => "alternative",
            TransitionKind::Recovery => "recovery",
            TransitionKind::Return => "return",
        };
        let kinds = [TransitionKind::Next, TransitionKind::Alternative, TransitionKind::Recovery, TransitionKind::Return]
            .iter()
            .zip(["next", "alternative", "recovery", "return"])
            .map(|(k, v)| (v.to_string(), k.label().to_string()))
            .collect::<Vec<_>>();
        html! {
            <div class="connection" key={tr.id.to_string()}>
                <p class="connection-head">{ arrow }{ other_name.clone() }
                    <button class="quiet danger" onclick={remove}
                        aria-label={format!("Remove connection with {other_name}")}>{ "Remove" }</button>
                </p>
                <SelectField label="Kind" value={kind_value.to_string()} options={kinds} on_change={set_kind} />
                <CheckField label="Carries the customer's context" checked={tr.carries_context} on_change={set_context}
                    hint="Does the next step know what the customer already said or did?" />
                <TextField label="Label" value={tr.label.clone()} on_change={set_label} />
            </div>
        }
    }).collect::<Vec<_>>();

    html! {
        <form class="inspector" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}
            aria-label={format!("Touchpoint: {}", t.name)}>
            <fieldset>
                <legend>{ "Customer" }</legend>
                <TextField label="Name" value={t.name.clone()} on_change={set(|v| Some(F::Name(v)))}
                    hint="In the customer's words: \"I ...\"" />
                <SelectField label="Stage" value={t.stage.to_string()} options={stage_options}
                    on_change={set(|v| v.parse().ok().map(F::Stage))} />
                <SelectField label="Lane" value={t.lane.map(|l| l.to_string()).unwrap_or_default()} options={lane_options}
                    on_change={set(|v| Some(F::Lane(v.parse().ok())))} />
                <TextField label="Description" value={t.description.clone()} multiline=true on_change={set(|v| Some(F::Description(v)))} />
                <TextField label="Customer action" value={t.customer_action.clone()} on_change={set(|v| Some(F::CustomerAction(v)))} />
                <TextField label="Customer expectation" value={t.expectation.clone()} multiline=true on_change={set(|v| Some(F::Expectation(v)))} />
                <div class="row">
                    <SelectField label="Performance" value={opt_rating(t.performance)} options={rating_options()}
                        on_change={set(|v| Some(F::Performance(parse_rating(&v))))} hint="Against the expectation, today" />
                    <SelectField label="Importance" value={opt_rating(t.importance)} options={rating_options()}
                        on_change={set(|v| Some(F::Importance(parse_rating(&v))))} />
                </div>
                <SelectField label="Emotion" value={t.emotion.map(|e| e.get().to_string()).unwrap_or_default()} options={emotion_options}
                    on_change={set(|v| Some(F::Emotion(v.parse::<i64>().ok().and_then(|n| Emotion::new(n).ok()))))} />
                <CheckField label="Moment of truth" checked={t.moment_of_truth} on_change={set_bool(F::MomentOfTruth)}
                    hint="A touchpoint that matters most to the customer" />
                <CheckField label="Journey ends here" checked={t.journey_end} on_change={set_bool(F::JourneyEnd)} />
                if !j.personas.is_empty() {
                    <div class="field-group"><p class="group-label">{ "Personas (none ticked: all)" }</p>{ for personas }</div>
                }
            </fieldset>
            <fieldset>
                <legend>{ "Brand" }</legend>
                <TextField label="Brand promise" value={t.promise_note.clone()} multiline=true on_change={set(|v| Some(F::PromiseNote(v)))}
                    hint="How this touchpoint keeps the brand promise" />
                <TextField label="Proof point" value={t.proof_point.clone()} on_change={set(|v| Some(F::ProofPoint(v)))} />
                <TextField label="Differentiation" value={t.differentiation_note.clone()} multiline=true on_change={set(|v| Some(F::DifferentiationNote(v)))}
                    hint="How customers can tell it apart from competitors" />
                <CheckField label="Deliberately at parity" checked={t.parity} on_change={set_bool(F::Parity)}
                    hint="No different from competitors, by choice" />
            </fieldset>
            <fieldset>
                <legend>{ "Loose/tight" }</legend>
                <div class="row">
                    <SelectField label="Experience" value={tightness_value(t.experience)} options={tight_options.clone()}
                        on_change={set(|v| Some(F::Experience(parse_tightness(&v))))} hint="Tight: the intended experience is defined" />
                    <SelectField label="Behaviour" value={tightness_value(t.behaviour)} options={tight_options}
                        on_change={set(|v| Some(F::Behaviour(parse_tightness(&v))))} hint="Tight: steps are scripted" />
                </div>
                { for quadrant }
                <TextField label="Standard" value={t.standard_note.clone()} multiline=true on_change={set(|v| Some(F::StandardNote(v)))}
                    hint="What must be true every time" />
                <TextField label="Latitude" value={t.latitude_note.clone()} multiline=true on_change={set(|v| Some(F::LatitudeNote(v)))}
                    hint="What staff may decide here" />
            </fieldset>
            <fieldset>
                <legend>{ "Delivery" }</legend>
                <SelectField label="Channel" value={t.channel.map(|c| c.to_string()).unwrap_or_default()} options={channel_options}
                    on_change={set(|v| Some(F::Channel(v.parse().ok())))} />
                <SelectField label="Owner" value={t.owner.map(|c| c.to_string()).unwrap_or_default()} options={owner_options}
                    on_change={set(|v| Some(F::Owner(v.parse().ok())))} hint="The department that owns it" />
                <SelectField label="Delivered by" value={delivered_value} options={delivered_options}
                    on_change={set(|v| Some(F::DeliveredBy(v.parse().map(DeliveredBy::Partner).unwrap_or(DeliveredBy::Brand))))} />
                <p class="group-label">{ "Back-stage support needed" }</p>
                <TextField label="Culture" value={t.support.culture.clone()} on_change={set(|v| Some(F::SupportCulture(v)))} />
                <TextField label="People" value={t.support.people.clone()} on_change={set(|v| Some(F::SupportPeople(v)))} />
                <TextField label="Process" value={t.support.process.clone()} on_change={set(|v| Some(F::SupportProcess(v)))} />
                <TextField label="Technology" value={t.support.technology.clone()} on_change={set(|v| Some(F::SupportTechnology(v)))} />
            </fieldset>
            <fieldset>
                <legend>{ "Measures" }</legend>
                <div class="row">
                    <SelectField label="Consistent" value={opt_rating(t.criteria.consistent)} options={rating_options()}
                        on_change={set(|v| Some(F::Consistent(parse_rating(&v))))} />
                    <SelectField label="Intentional" value={opt_rating(t.criteria.intentional)} options={rating_options()}
                        on_change={set(|v| Some(F::Intentional(parse_rating(&v))))} />
                </div>
                <div class="row">
                    <SelectField label="Differentiated" value={opt_rating(t.criteria.differentiated)} options={rating_options()}
                        on_change={set(|v| Some(F::Differentiated(parse_rating(&v))))} />
                    <SelectField label="Valuable" value={opt_rating(t.criteria.valuable)} options={rating_options()}
                        on_change={set(|v| Some(F::Valuable(parse_rating(&v))))} />
                </div>
                <ListField label="KPIs" items={t.kpis.clone()} on_change={set_list(F::Kpis)} />
                <SelectField label="Evidence" value={evidence_value} options={evidence_options}
                    on_change={set(|v| Some(F::Evidence(match v.as_str() {
                        "assumption" => Some(Evidence::Assumption),
                        "anecdote" => Some(Evidence::Anecdote),
                        "research" => Some(Evidence::Research),
                        "data" => Some(Evidence::Data),
                        _ => None,
                    })))} hint="Is this backed by research?" />
            </fieldset>
            <fieldset>
                <legend>{ "Notes" }</legend>
                <ListField label="Pain points" items={t.pain_points.clone()} on_change={set_list(F::PainPoints)} />
                <ListField label="Opportunities" items={t.opportunities.clone()} on_change={set_list(F::Opportunities)} />
            </fieldset>
            <fieldset>
                <legend>{ "Connections" }</legend>
                if outgoing.is_empty() {
                    <p class="hint">{ "None yet. Select this card, press Connect, then click the next touchpoint." }</p>
                }
                { for outgoing }
            </fieldset>
        </form>
    }
}
