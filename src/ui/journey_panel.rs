//! The journey panel: scope, promise, the people it is for, and its structure (stages,
//! channels, lanes, partners, departments), each list with add, rename, reorder and remove.

use super::fields::{ListField, SelectField, TextField};
use super::state::{Action, Notice};
use crate::command::{Command, JourneyField as JF};
use crate::model::*;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub journey: Rc<Journey>,
    pub dispatch: Callback<Action>,
}

fn fresh<T: From<u64>>() -> T {
    T::from(super::random_seed())
}

/// A name not yet used in `names`, case-insensitively: "Channel", "Channel 2", ...
fn unused_name<'a>(base: &str, names: impl Iterator<Item = &'a str> + Clone) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base} {n}")
            }
        })
        .find(|c| !names.clone().any(|x| x.trim().eq_ignore_ascii_case(c)))
        .expect("an unused name exists")
}

#[component]
pub fn JourneyPanel(props: &PanelProps) -> Html {
    let j = &props.journey;
    let d = &props.dispatch;
    let set = |make: fn(String) -> JF| {
        let d = d.clone();
        Callback::from(move |v: String| d.emit(Action::Apply(Command::SetJourneyField(make(v)))))
    };
    let set_list = |make: fn(Vec<String>) -> JF| {
        let d = d.clone();
        Callback::from(move |v: Vec<String>| {
            d.emit(Action::Apply(Command::SetJourneyField(make(v))))
        })
    };
    let state_value = match j.state {
        JourneyState::AsIs => "as-is",
        JourneyState::ToBe => "to-be",
    };
    let set_state = {
        let d = d.clone();
        Callback::from(move |v: String| {
            let s = if v == "to-be" {
                JourneyState::ToBe
            } else {
                JourneyState::AsIs
            };
            d.emit(Action::Apply(Command::SetJourneyField(JF::State(s))))
        })
    };

    // Stages: removing one that holds touchpoints moves them to a neighbour, after asking.
    let stages = {
        let items: Vec<(String, String)> = j
            .stages
            .iter()
            .map(|s| (s.id.to_string(), s.name.clone()))
            .collect();
        let ids: Vec<StageId> = j.stages.iter().map(|s| s.id).collect();
        let jj = Rc::clone(j);
        let (i1, i2, i3) = (ids.clone(), ids.clone(), ids);
        let d1 = d.clone();
        let d2 = d.clone();
        let d3 = d.clone();
        let d4 = d.clone();
        html! {
            <NamedList title="Stages" noun="Stage" items={items}
                on_add={Callback::from(move |_| d1.emit(Action::AddStage))}
                on_rename={Callback::from(move |(i, name): (usize, String)| d2.emit(Action::Apply(Command::RenameStage { id: i1[i], name })))}
                on_move={Callback::from(move |(i, to): (usize, usize)| d3.emit(Action::Apply(Command::ReorderStage { id: i2[i], to_index: to })))}
                on_remove={Callback::from(move |i: usize| {
                    let id = i3[i];
                    let held = jj.touchpoints_in(id).count();
                    if held == 0 {
                        d4.emit(Action::Apply(Command::RemoveStage { id, move_to: None }));
                        return;
                    }
                    let target = if i > 0 { i3.get(i - 1) } else { i3.get(1) };
                    let Some(&target) = target else {
                        d4.emit(Action::Notify(Notice::error("The only stage cannot be removed while it holds touchpoints.", vec![])));
                        return;
                    };
                    let name = |s: StageId| jj.stage(s).map(|s| s.name.clone()).unwrap_or_default();
                    let ok = gloo::dialogs::confirm(&format!(
                        "\"{}\" holds {held} touchpoint{}. Move {} to \"{}\" and remove the stage?",
                        name(id), if held == 1 { "" } else { "s" }, if held == 1 { "it" } else { "them" }, name(target)
                    ));
                    if ok {
                        d4.emit(Action::Apply(Command::RemoveStage { id, move_to: Some(target) }));
                    }
                })} />
        }
    };

    macro_rules! simple_list {
        ($title:expr, $noun:expr, $list:expr, $add:expr, $rename:ident, $reorder:ident, $remove:ident) => {{
            simple_list!($title, $noun, $list, $add, $rename, $reorder, $remove, None)
        }};
        ($title:expr, $noun:expr, $list:expr, $add:expr, $rename:ident, $reorder:ident, $remove:ident, $kinds:expr) => {{
            let items: Vec<(String, String)> = $list.iter().map(|x| (x.id.to_string(), x.name.clone())).collect();
            let ids: Vec<_> = $list.iter().map(|x| x.id).collect();
            let names: Vec<String> = $list.iter().map(|x| x.name.clone()).collect();
            let (i1, i2, i3) = (ids.clone(), ids.clone(), ids);
            let (d1, d2, d3, d4) = (d.clone(), d.clone(), d.clone(), d.clone());
            html! {
                <NamedList title={$title} noun={$noun} items={items}
                    on_add={Callback::from(move |_| {
                        let name = unused_name($noun, names.iter().map(String::as_str));
                        d1.emit(Action::Apply(($add)(name)))
                    })}
                    on_rename={Callback::from(move |(i, name): (usize, String)| d2.emit(Action::Apply(Command::$rename { id: i1[i], name })))}
                    on_move={Callback::from(move |(i, to): (usize, usize)| d3.emit(Action::Apply(Command::$reorder { id: i2[i], to_index: to })))}
                    on_remove={Callback::from(move |i: usize| d4.emit(Action::Apply(Command::$remove { id: i3[i] })))}
                    kinds={$kinds} />
            }
        }};
    }

    // Kind drop-downs: the choices in a fixed order, and the command that sets one.
    macro_rules! kinds {
        ($list:expr, $all:expr, $field:ident, $label:expr, $cmd:ident, $arg:ident) => {{
            let all = $all;
            let labels: Vec<&'static str> = all.iter().map($label).collect();
            let current: Vec<usize> = $list
                .iter()
                .map(|x| all.iter().position(|k| *k == x.$field).unwrap_or(0))
                .collect();
            let ids: Vec<_> = $list.iter().map(|x| x.id).collect();
            let d = d.clone();
            Some(Kinds {
                labels,
                current,
                on_change: Callback::from(move |(i, k): (usize, usize)| {
                    if let (Some(&id), Some(&v)) = (ids.get(i), all.get(k)) {
                        d.emit(Action::Apply(Command::$cmd { id, $arg: v }));
                    }
                }),
            })
        }};
    }
    const LANE_KINDS: [LaneKind; 4] = [
        LaneKind::CustomerAction,
        LaneKind::FrontStage,
        LaneKind::BackStage,
        LaneKind::SupportProcess,
    ];
    const PARTNER_ROLES: [PartnerRole; 5] = [
        PartnerRole::Dealer,
        PartnerRole::Retailer,
        PartnerRole::Installer,
        PartnerRole::OutsourcedSupport,
        PartnerRole::Other,
    ];
    const DEPARTMENT_KINDS: [(DepartmentKind, &str); 6] = [
        (DepartmentKind::Marketing, "Marketing"),
        (DepartmentKind::Sales, "Sales"),
        (DepartmentKind::Service, "Service"),
        (DepartmentKind::Operations, "Operations"),
        (DepartmentKind::It, "IT"),
        (DepartmentKind::Custom, "Other"),
    ];

    let personas = simple_list!(
        "Personas",
        "Persona",
        j.personas,
        |name| Command::AddPersona {
            persona: Persona {
                id: fresh(),
                name,
                expectations: String::new(),
                notes: String::new()
            },
            index: None
        },
        RenamePersona,
        ReorderPersona,
        RemovePersona
    );
    let channels = simple_list!(
        "Channels",
        "Channel",
        j.channels,
        |name| Command::AddChannel {
            channel: Channel {
                id: fresh(),
                name,
                kind: ChannelKind::Custom
            },
            index: None
        },
        RenameChannel,
        ReorderChannel,
        RemoveChannel,
        kinds!(
            j.channels,
            ChannelKind::ALL,
            kind,
            |k: &ChannelKind| k.label(),
            SetChannelKind,
            kind
        )
    );
    let lanes = simple_list!(
        "Lanes",
        "Lane",
        j.lanes,
        |name| Command::AddLane {
            lane: Lane {
                id: fresh(),
                name,
                kind: LaneKind::FrontStage
            },
            index: None
        },
        RenameLane,
        ReorderLane,
        RemoveLane,
        kinds!(
            j.lanes,
            LANE_KINDS,
            kind,
            |k: &LaneKind| k.label(),
            SetLaneKind,
            kind
        )
    );
    let partners = simple_list!(
        "Partners",
        "Partner",
        j.partners,
        |name| Command::AddPartner {
            partner: Partner {
                id: fresh(),
                name,
                role: PartnerRole::Other
            },
            index: None
        },
        RenamePartner,
        ReorderPartner,
        RemovePartner,
        kinds!(
            j.partners,
            PARTNER_ROLES,
            role,
            |k: &PartnerRole| k.label(),
            SetPartnerRole,
            role
        )
    );
    let departments = simple_list!(
        "Departments",
        "Department",
        j.departments,
        |name| Command::AddDepartment {
            department: Department {
                id: fresh(),
                name,
                kind: DepartmentKind::Custom
            },
            index: None
        },
        RenameDepartment,
        ReorderDepartment,
        RemoveDepartment,
        {
            let kinds: Vec<DepartmentKind> = DEPARTMENT_KINDS.iter().map(|(k, _)| *k).collect();
            kinds!(
                j.departments,
                kinds,
                kind,
                |k: &DepartmentKind| {
                    DEPARTMENT_KINDS
                        .iter()
                        .find(|(x, _)| x == k)
                        .map(|(_, l)| *l)
                        .unwrap_or("Other")
                },
                SetDepartmentKind,
                kind
            )
        }
    );

    html! {
        <form class="journey-panel" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())} aria-label="Journey">
            <fieldset>
                <legend>{ "Scope" }</legend>
                <TextField label="Journey title" value={j.title.clone()} on_change={set(JF::Title)} />
                <SelectField label="As-is or to-be" value={state_value.to_string()}
                    options={vec![("as-is".into(), "As-is (today)".into()), ("to-be".into(), "To-be (designed)".into())]}
                    on_change={set_state} />
                <TextField label="Description" value={j.description.clone()} multiline=true on_change={set(JF::Description)} />
                <TextField label="Scope" value={j.scope.clone()} multiline=true on_change={set(JF::Scope)}
                    hint="What this journey covers, and what it leaves out" />
            </fieldset>
            <fieldset>
                <legend>{ "Promise" }</legend>
                <TextField label="Journey brand promise" value={j.promise.statement.clone()} multiline=true
                    on_change={set(JF::PromiseStatement)} hint="Written clearly: the value delivered, and what sets the brand apart" />
                <ListField label="Proof points" items={j.promise.proof_points.clone()} on_change={set_list(JF::ProofPoints)} />
                <ListField label="Customer values" items={j.promise.customer_values.clone()} on_change={set_list(JF::CustomerValues)}
                    hint="What drives retention and advocacy; one per line" />
            </fieldset>
            <fieldset>
                <legend>{ "Structure" }</legend>
                { stages }
                { lanes }
                { channels }
            </fieldset>
            <fieldset>
                <legend>{ "People" }</legend>
                { personas }
                { departments }
                { partners }
            </fieldset>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct NamedListProps {
    title: AttrValue,
    noun: AttrValue,
    /// (id, name)
    items: Vec<(String, String)>,
    on_add: Callback<()>,
    on_rename: Callback<(usize, String)>,
    /// (from index, to index)
    on_move: Callback<(usize, usize)>,
    on_remove: Callback<usize>,
    /// For lists whose entries have a kind (lanes, channels, partners, departments): the
    /// choices, each entry's current choice (an index into them), and what to do on a change.
    #[prop_or_default]
    kinds: Option<Kinds>,
}

/// The kind drop-down of a list: its choices, each entry's current choice (an index into
/// them), and what a change does (entry index, choice index).
#[derive(PartialEq)]
struct Kinds {
    labels: Vec<&'static str>,
    current: Vec<usize>,
    on_change: Callback<(usize, usize)>,
}

#[component]
fn NamedList(props: &NamedListProps) -> Html {
    let n = props.items.len();
    let rows = props.items.iter().enumerate().map(|(i, (id, name))| {
        let rename = {
            let cb = props.on_rename.clone();
            Callback::from(move |e: Event| {
                cb.emit((i, e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
            })
        };
        let mv = |to: usize| {
            let cb = props.on_move.clone();
            Callback::from(move |_: MouseEvent| cb.emit((i, to)))
        };
        let remove = {
            let cb = props.on_remove.clone();
            Callback::from(move |_: MouseEvent| cb.emit(i))
        };
        let kind = props.kinds.as_ref().map(|Kinds { labels, current, on_change }| {
            let cb = on_change.clone();
            let chosen = current.get(i).copied().unwrap_or(0);
            let onchange = Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                if let Ok(k) = v.parse() {
                    cb.emit((i, k));
                }
            });
            html! {
                <select class="kind" key={format!("{id}-{chosen}")} {onchange}
                    aria-label={format!("Kind of {name}")}>
                    { for labels.iter().enumerate().map(|(k, l)| html! {
                        <option value={k.to_string()} selected={k == chosen}>{ *l }</option>
                    }) }
                </select>
            }
        });
        html! {
            <li key={id.clone()}>
                <input type="text" value={name.clone()} onchange={rename}
                    aria-label={format!("{} name", props.noun)} />
                { for kind }
                <button type="button" class="icon" onclick={mv(i.saturating_sub(1))} disabled={i == 0}
                    aria-label={format!("Move {name} up")}>{ "↑" }</button>
                <button type="button" class="icon" onclick={mv(i + 1)} disabled={i + 1 >= n}
                    aria-label={format!("Move {name} down")}>{ "↓" }</button>
                <button type="button" class="icon danger" onclick={remove}
                    aria-label={format!("Remove {name}")}>{ "✕" }</button>
            </li>
        }
    });
    let add = {
        let cb = props.on_add.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class="named-list" aria-label={props.title.clone()}>
            <h3>{ &props.title }</h3>
            <ul>{ for rows }</ul>
            <button type="button" class="add" onclick={add}>{ format!("+ {}", props.noun) }</button>
        </section>
    }
}
