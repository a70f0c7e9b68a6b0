//! The journey map: stage columns, lane rows, touchpoint cards and transition arrows, placed
//! by the core's layout.

use crate::layout::{self, Layout, Rect};
use crate::model::*;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub journey: Rc<Journey>,
}

#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let j = &props.journey;
    let lay: Rc<Layout> = use_memo(Rc::clone(&props.journey), |j| layout::layout(j));
    let style = format!("width:{}px;height:{}px", lay.width, lay.height);

    let columns = lay.columns.iter().map(|c| {
        let stage = j.stage(c.stage);
        let name = stage.map(|s| s.name.as_str()).unwrap_or("");
        let goal = stage.map(|s| s.goal.as_str()).unwrap_or("");
        html! {
            <section class="stage-column" key={c.stage.to_string()}
                data-stage-id={c.stage.to_string()} style={rect_style(&c.rect)}
                aria-label={format!("Stage: {name}")}>
                <h2 class="stage-name">{ name }</h2>
                <p class="stage-goal">{ goal }</p>
            </section>
        }
    });

    let rows = lay.rows.iter().map(|r| {
        let key = r
            .lane
            .map(|l| l.to_string())
            .unwrap_or_else(|| "none".into());
        html! {
            <div class="lane-row" key={key} style={rect_style(&r.rect)}>
                <span class="lane-name">{ &r.label }</span>
            </div>
        }
    });

    let edges = lay.edges.iter().filter_map(|e| {
        let tr = j.transition(e.transition)?;
        let class = classes!(
            "edge",
            kind_class(tr.kind),
            (!tr.carries_context).then_some("edge-drops-context")
        );
        Some(html! {
            <path key={e.transition.to_string()} class={class} d={e.path_data()}
                marker-end="url(#arrow)" data-transition-id={e.transition.to_string()}>
                <title>{ edge_title(j, tr) }</title>
            </path>
        })
    });

    let cards = lay.cards.iter().filter_map(|c| {
        let t = j.touchpoint(c.touchpoint)?;
        Some(html! { <Card key={t.id.to_string()} view={CardView::of(j, t)} rect={c.rect} /> })
    });

    html! {
        <div class="canvas" style={style}>
            { for rows }
            { for columns }
            if let Some(y) = lay.visibility_line {
                <div class="visibility-line" style={format!("top:{y}px;width:{}px", lay.width)}>
                    <span>{ "Line of visibility" }</span>
                </div>
            }
            <svg class="edges" width={lay.width.to_string()} height={lay.height.to_string()}
                aria-hidden="true">
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5"
                        markerWidth="5" markerHeight="5" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
                    </marker>
                </defs>
                { for edges }
            </svg>
            { for cards }
        </div>
    }
}

fn rect_style(r: &Rect) -> String {
    format!(
        "position:absolute;left:{}px;top:{}px;width:{}px;height:{}px",
        r.x, r.y, r.w, r.h
    )
}

fn kind_class(k: TransitionKind) -> &'static str {
    match k {
        TransitionKind::Next => "edge-next",
        TransitionKind::Alternative => "edge-alternative",
        TransitionKind::Recovery => "edge-recovery",
        TransitionKind::Return => "edge-return",
    }
}

fn edge_title(j: &Journey, tr: &Transition) -> String {
    let name = |id| j.touchpoint(id).map(|t| t.name.as_str()).unwrap_or("?");
    let mut s = format!("{} → {} ({})", name(tr.from), name(tr.to), tr.kind.label());
    if !tr.label.is_empty() {
        s.push_str(": ");
        s.push_str(&tr.label);
    }
    if !tr.carries_context {
        s.push_str(" - context not carried");
    }
    s
}

/// What a card shows, flattened so the card re-renders only when its own text changes.
#[derive(Clone, PartialEq)]
pub struct CardView {
    id: TouchpointId,
    name: String,
    stage: String,
    channel: Option<String>,
    owner: Option<String>,
    partner: Option<String>,
    moment_of_truth: bool,
    has_promise: bool,
    differentiation: Option<bool>,
    quadrant: Option<Quadrant>,
    emotion: Option<Emotion>,
}

impl CardView {
    fn of(j: &Journey, t: &Touchpoint) -> Self {
        CardView {
            id: t.id,
            name: t.name.clone(),
            stage: j.stage(t.stage).map(|s| s.name.clone()).unwrap_or_default(),
            channel: t.channel.and_then(|c| j.channel(c)).map(|c| c.name.clone()),
            owner: t
                .owner
                .and_then(|d| j.department(d))
                .map(|d| d.name.clone()),
            partner: match t.delivered_by {
                DeliveredBy::Partner(p) => j.partner(p).map(|p| p.name.clone()),
                DeliveredBy::Brand => None,
            },
            moment_of_truth: t.moment_of_truth,
            has_promise: !t.promise_note.trim().is_empty(),
            differentiation: if !t.differentiation_note.trim().is_empty() {
                Some(true)
            } else if t.parity {
                Some(false)
            } else {
                None
            },
            quadrant: t.quadrant(),
            emotion: t.emotion,
        }
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    view: CardView,
    rect: Rect,
}

#[component]
fn Card(props: &CardProps) -> Html {
    let v = &props.view;
    let class = classes!(
        "card",
        v.moment_of_truth.then_some("card-mot"),
        v.partner.is_some().then_some("card-partner"),
        v.quadrant.map(quadrant_class)
    );
    let meta: Vec<&str> = [v.channel.as_deref(), v.owner.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    // A signed number, not an emoji: it reads on any font and any projector.
    let emotion = v.emotion.map(|e| {
        let class = match e.get() {
            i8::MIN..=-1 => "emotion neg",
            0 => "emotion zero",
            _ => "emotion pos",
        };
        html! { <span class={class} title={format!("Emotion {e} (-2 to +2)")}>{ e.to_string() }</span> }
    });
    html! {
        <article class={class} style={rect_style(&props.rect)} tabindex="0"
            data-touchpoint-id={v.id.to_string()} data-stage={v.stage.clone()}
            aria-label={format!("{} ({})", v.name, v.stage)}>
            <h3 class="card-name">
                if v.moment_of_truth {
                    <span class="mot" title="Moment of truth">{ "★ " }</span>
                }
                { &v.name }
            </h3>
            <p class="card-meta">{ meta.join(" · ") }</p>
            if let Some(p) = &v.partner {
                <p class="card-partner-name" title={format!("Delivered by partner {p}")}>{ format!("⇄ by {p}") }</p>
            }
            <div class="markers">
                <span class={classes!("marker", if v.has_promise { "on" } else { "off" })}
                    title={if v.has_promise { "Has a brand-promise note" } else { "No brand-promise note" }}>
                    { "P" }
                </span>
                <span class={classes!("marker", if v.differentiation.is_some() { "on" } else { "off" })}
                    title={match v.differentiation {
                        Some(true) => "Differentiation note",
                        Some(false) => "Deliberately at parity",
                        None => "No differentiation note",
                    }}>
                    { match v.differentiation { Some(false) => "=", _ => "D" } }
                </span>
                if let Some(q) = v.quadrant {
                    <span class={classes!("marker", "quadrant", quadrant_class(q))} title={format!("Loose/tight: {}", q.label())}>
                        { quadrant_abbrev(q) }
                    </span>
                }
                { for emotion }
            </div>
        </article>
    }
}

fn quadrant_class(q: Quadrant) -> &'static str {
    match q {
        Quadrant::BrandedFreedom => "q-freedom",
        Quadrant::Scripted => "q-scripted",
        Quadrant::Improvised => "q-improvised",
        Quadrant::Reversed => "q-reversed",
    }
}

/// Text, not just colour, carries the quadrant.
fn quadrant_abbrev(q: Quadrant) -> &'static str {
    match q {
        Quadrant::BrandedFreedom => "Freedom",
        Quadrant::Scripted => "Scripted",
        Quadrant::Improvised => "Improvised",
        Quadrant::Reversed => "Reversed",
    }
}
