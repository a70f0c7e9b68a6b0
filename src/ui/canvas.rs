//! The journey map: stage columns, lane rows, touchpoint cards and transition arrows, placed
//! by the core's layout.

use super::state::Action;
use crate::command::{Command, Place};
use crate::layout::{self, Layout, Rect, RowsBy};
use crate::model::*;
use crate::overlay::Tint;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub journey: Rc<Journey>,
    #[prop_or_default]
    pub selection: Rc<BTreeSet<TouchpointId>>,
    #[prop_or_default]
    pub connecting: bool,
    #[prop_or_default]
    pub dispatch: Callback<Action>,
    /// When a filter is set: the touchpoints that match it (the others fade).
    #[prop_or_default]
    pub matches: Option<Rc<std::collections::HashSet<TouchpointId>>>,
    /// The overlay: each card's tint by the chosen measure.
    #[prop_or_default]
    pub tints: Option<Rc<std::collections::HashMap<TouchpointId, Tint>>>,
}

/// A card being dragged: moved by setting its transform directly, committed on release, so a
/// drag re-renders nothing until the drop.
struct Drag {
    id: TouchpointId,
    el: web_sys::HtmlElement,
    start: (f64, f64),
    moved: bool,
}

/// A rubber-band selection in canvas units.
#[derive(Clone, Copy, PartialEq)]
struct Band {
    from: (f64, f64),
    to: (f64, f64),
    extend: bool,
}

impl Band {
    /// The area between where the band started and where the pointer is.
    fn rect(&self) -> Rect {
        Rect {
            x: self.from.0.min(self.to.0),
            y: self.from.1.min(self.to.1),
            w: (self.from.0 - self.to.0).abs(),
            h: (self.from.1 - self.to.1).abs(),
        }
    }
}

/// Above this many touchpoints the map draws only the cards and arrows near the visible part
/// (and the selection): the browser's style, layout, paint and compositing work grows with
/// every element on the page, and at 1,000 touchpoints that work, not ours, set the time to a
/// painted frame (docs/performance.md). Smaller journeys are drawn whole, so find-in-page and
/// Tab reach every card.
const WINDOW_ABOVE: usize = 300;
/// The drawn region snaps to tiles of this size (canvas units) with one tile of margin round
/// the visible part: scrolling re-renders only when it crosses a tile, and no blank edge shows
/// while it does.
const TILE: f64 = 800.0;

/// The region to draw for the scroll box `el` at `zoom`, snapped to tiles.
fn drawn_region(el: &web_sys::Element, zoom: f64) -> Rect {
    let x0 = f64::from(el.scroll_left()) / zoom;
    let y0 = f64::from(el.scroll_top()) / zoom;
    let x1 = x0 + f64::from(el.client_width()) / zoom;
    let y1 = y0 + f64::from(el.client_height()) / zoom;
    let lo = |v: f64| (v / TILE).floor() * TILE - TILE;
    let hi = |v: f64| (v / TILE).ceil() * TILE + TILE;
    Rect {
        x: lo(x0),
        y: lo(y0),
        w: hi(x1) - lo(x0),
        h: hi(y1) - lo(y0),
    }
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

/// The box an arrow stays within (a cubic curve stays inside its control points' hull).
fn edge_box(e: &layout::EdgeGeom) -> Rect {
    let xs = [e.start.0, e.c1.0, e.c2.0, e.end.0];
    let ys = [e.start.1, e.c1.1, e.c2.1, e.end.1];
    let (x0, x1) = xs
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    let (y0, y1) = ys
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

const MIN_ZOOM: f64 = 0.25;
const MAX_ZOOM: f64 = 2.0;
/// Pointer travel (screen pixels) below which a press is a click, not a drag.
const DRAG_SLOP: f64 = 4.0;

fn card_id_at(
    target: Option<web_sys::EventTarget>,
) -> Option<(TouchpointId, web_sys::HtmlElement)> {
    let el: web_sys::Element = target?.dyn_into().ok()?;
    let card = el.closest(".card").ok()??;
    let id = card.get_attribute("data-touchpoint-id")?.parse().ok()?;
    Some((id, card.dyn_into().ok()?))
}

#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let j = &props.journey;
    let rows_by = use_state(RowsBy::default);
    let lay: Rc<Layout> = use_memo((Rc::clone(&props.journey), *rows_by), |(j, by)| {
        layout::layout_by(j, *by)
    });
    let journey_ref = use_mut_ref(|| Rc::clone(&props.journey));
    *journey_ref.borrow_mut() = Rc::clone(&props.journey);
    let zoom = use_state(|| 1.0f64);
    let band = use_state(|| None::<Band>);
    let drag = use_mut_ref(|| None::<Drag>);
    // A connection being dragged from a card's handle: (from, start, pointer), canvas units.
    let link = use_state(|| None::<(TouchpointId, (f64, f64), (f64, f64))>);
    let just_dragged = use_mut_ref(|| false);
    let canvas_ref = use_node_ref();
    let scroll_ref = use_node_ref();
    // Handlers read the latest layout and zoom through these, so they can stay the same
    // callbacks across renders.
    let lay_ref = use_mut_ref(|| Rc::clone(&lay));
    *lay_ref.borrow_mut() = Rc::clone(&lay);
    let zoom_ref = use_mut_ref(|| *zoom);
    *zoom_ref.borrow_mut() = *zoom;

    // The region drawn when the journey is large (WINDOW_ABOVE); until the scroll box has
    // been measured, the top-left corner, where a journey opens.
    let windowed = j.touchpoints.len() > WINDOW_ABOVE;
    // `_eq`: a scroll that stays within the same tiles sets the same region and renders nothing.
    let region = use_state_eq(|| Rect {
        x: -TILE,
        y: -TILE,
        w: 4.0 * TILE,
        h: 3.0 * TILE,
    });
    {
        let scroll_ref = scroll_ref.clone();
        let region = region.clone();
        use_effect_with((*zoom, windowed), move |&(z, windowed)| {
            let mut listeners = Vec::new();
            if let (true, Some(el)) = (windowed, scroll_ref.cast::<web_sys::Element>()) {
                let scroll_box = el.clone();
                let update = Rc::new(move || region.set(drawn_region(&el, z)));
                update();
                let u = Rc::clone(&update);
                listeners.push(gloo::events::EventListener::new(
                    &scroll_box,
                    "scroll",
                    move |_| u(),
                ));
                listeners.push(gloo::events::EventListener::new(
                    &gloo::utils::window(),
                    "resize",
                    move |_| update(),
                ));
            }
            move || drop(listeners)
        });
    }
    let view = windowed.then_some(*region);
    // The card last moved with the keyboard stays drawn wherever it goes, so it keeps focus.
    let pinned = use_mut_ref(|| None::<TouchpointId>);

    let to_canvas = {
        let canvas_ref = canvas_ref.clone();
        let zoom_ref = zoom_ref.clone();
        move |x: f64, y: f64| -> (f64, f64) {
            let z = *zoom_ref.borrow();
            match canvas_ref.cast::<web_sys::Element>() {
                Some(el) => {
                    let r = el.get_bounding_client_rect();
                    ((x - r.left()) / z, (y - r.top()) / z)
                }
                None => (x, y),
            }
        }
    };

    let onpointerdown = {
        let canvas_for_capture = canvas_ref.clone();
        let link = link.clone();
        let drag = drag.clone();
        let band = band.clone();
        let to_canvas = to_canvas.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let on_handle = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.class_list().contains("connect-handle"));
            if on_handle {
                if let Some((id, el)) = card_id_at(e.target()) {
                    let _ = el.set_pointer_capture(e.pointer_id());
                    let p = to_canvas(e.client_x() as f64, e.client_y() as f64);
                    link.set(Some((id, p, p)));
                    e.stop_propagation();
                }
                return;
            }
            if let Some((id, el)) = card_id_at(e.target()) {
                let _ = el.set_pointer_capture(e.pointer_id());
                *drag.borrow_mut() = Some(Drag {
                    id,
                    el,
                    start: (e.client_x() as f64, e.client_y() as f64),
                    moved: false,
                });
            } else {
                // Captured, so a release outside the map (over the side panel, a scrollbar)
                // still ends the band.
                // (Yew delegates events to the page root, so capture on the canvas itself.)
                if let Some(el) = canvas_for_capture.cast::<web_sys::Element>() {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
                let p = to_canvas(e.client_x() as f64, e.client_y() as f64);
                band.set(Some(Band {
                    from: p,
                    to: p,
                    extend: e.shift_key(),
                }));
            }
        })
    };
    let onpointermove = {
        let link = link.clone();
        let drag = drag.clone();
        let band = band.clone();
        let zoom_ref = zoom_ref.clone();
        let to_canvas = to_canvas.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some((from, start, _)) = *link {
                let p = to_canvas(e.client_x() as f64, e.client_y() as f64);
                link.set(Some((from, start, p)));
                return;
            }
            if let Some(d) = drag.borrow_mut().as_mut() {
                let z = *zoom_ref.borrow();
                let (dx, dy) = (
                    e.client_x() as f64 - d.start.0,
                    e.client_y() as f64 - d.start.1,
                );
                if !d.moved && dx.hypot(dy) < DRAG_SLOP {
                    return;
                }
                d.moved = true;
                let style = d.el.style();
                let _ = style.set_property(
                    "transform",
                    &format!("translate({}px,{}px)", dx / z, dy / z),
                );
                let _ = d.el.class_list().add_1("dragging");
                return;
            }
            if let Some(b) = *band {
                let p = to_canvas(e.client_x() as f64, e.client_y() as f64);
                band.set(Some(Band { to: p, ..b }));
            }
        })
    };
    let onpointerup = {
        let link = link.clone();
        let drag = drag.clone();
        let band = band.clone();
        let lay_ref = lay_ref.clone();
        let zoom_ref = zoom_ref.clone();
        let just_dragged = just_dragged.clone();
        let dispatch = props.dispatch.clone();
        let selection = Rc::clone(&props.selection);
        Callback::from(move |e: PointerEvent| {
            if let Some((from, _, _)) = *link {
                link.set(None);
                *just_dragged.borrow_mut() = true;
                // The pointer is captured by the start card, so ask what is under it.
                let target = gloo::utils::document()
                    .element_from_point(e.client_x() as f32, e.client_y() as f32)
                    .map(web_sys::EventTarget::from);
                if let Some((to, _)) = card_id_at(target) {
                    dispatch.emit(Action::Connect { from, to });
                }
                return;
            }
            if let Some(d) = drag.borrow_mut().take() {
                let _ = d.el.style().remove_property("transform");
                let _ = d.el.class_list().remove_1("dragging");
                if !d.moved {
                    return;
                }
                *just_dragged.borrow_mut() = true;
                let z = *zoom_ref.borrow();
                let lay = lay_ref.borrow();
                let Some(card) = lay.card(d.id) else { return };
                let x = card.rect.center_x() + (e.client_x() as f64 - d.start.0) / z;
                let y = card.rect.center_y() + (e.client_y() as f64 - d.start.1) / z;
                for cmd in drop_commands(&journey_ref.borrow(), &lay, d.id, x, y) {
                    dispatch.emit(Action::Apply(cmd));
                }
                return;
            }
            if let Some(b) = *band {
                band.set(None);
                let area = b.rect();
                if area.w.max(area.h) < DRAG_SLOP {
                    if !b.extend {
                        dispatch.emit(Action::ClearSelection);
                    }
                    return;
                }
                let lay = lay_ref.borrow();
                let mut ids: Vec<TouchpointId> = lay
                    .cards
                    .iter()
                    .filter(|c| overlaps(&c.rect, &area))
                    .map(|c| c.touchpoint)
                    .collect();
                if b.extend {
                    ids.extend(selection.iter().copied());
                }
                dispatch.emit(Action::SelectMany(ids));
            }
        })
    };
    // The browser took the pointer away (a touch became a scroll, a window lost focus): drop
    // whatever gesture was under way rather than leave it following nothing.
    let onpointercancel = {
        let band = band.clone();
        let link = link.clone();
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| {
            if let Some(d) = drag.borrow_mut().take() {
                let _ = d.el.style().remove_property("transform");
                let _ = d.el.class_list().remove_1("dragging");
            }
            band.set(None);
            link.set(None);
        })
    };
    let onclick = {
        let dispatch = props.dispatch.clone();
        let just_dragged = just_dragged.clone();
        Callback::from(move |e: MouseEvent| {
            if std::mem::take(&mut *just_dragged.borrow_mut()) {
                return;
            }
            if let Some((id, _)) = card_id_at(e.target()) {
                dispatch.emit(Action::Select {
                    id,
                    extend: e.shift_key(),
                });
            }
        })
    };
    let ondblclick = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((id, _)) = card_id_at(e.target()) {
                dispatch.emit(Action::Inspect(Some(id)));
            }
        })
    };
    let set_zoom = {
        let zoom = zoom.clone();
        move |z: f64| zoom.set(z.clamp(MIN_ZOOM, MAX_ZOOM))
    };
    let fit = {
        let scroll_ref = scroll_ref.clone();
        let lay_ref = lay_ref.clone();
        let set_zoom = set_zoom.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = scroll_ref.cast::<web_sys::Element>() {
                let lay = lay_ref.borrow();
                let z = (el.client_width() as f64 / lay.width)
                    .min(el.client_height() as f64 / lay.height);
                set_zoom(z);
            }
        })
    };
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        let pinned = pinned.clone();
        let set_zoom = set_zoom.clone();
        let zoom = *zoom;
        Callback::from(move |e: KeyboardEvent| {
            let on_card = card_id_at(e.target());
            if let Some((id, _)) = &on_card {
                *pinned.borrow_mut() = Some(*id);
            }
            match (e.key().as_str(), on_card) {
                ("Enter", Some((id, _))) | (" ", Some((id, _))) => {
                    e.prevent_default();
                    if e.key() == " " {
                        dispatch.emit(Action::Select {
                            id,
                            extend: e.shift_key(),
                        });
                    } else {
                        dispatch.emit(Action::Inspect(Some(id)));
                    }
                }
                ("ArrowLeft", Some((id, _))) => {
                    e.prevent_default();
                    dispatch.emit(Action::Nudge {
                        id,
                        stages: -1,
                        lanes: 0,
                    })
                }
                ("ArrowRight", Some((id, _))) => {
                    e.prevent_default();
                    dispatch.emit(Action::Nudge {
                        id,
                        stages: 1,
                        lanes: 0,
                    })
                }
                ("ArrowUp", Some((id, _))) => {
                    e.prevent_default();
                    dispatch.emit(Action::Nudge {
                        id,
                        stages: 0,
                        lanes: -1,
                    })
                }
                ("ArrowDown", Some((id, _))) => {
                    e.prevent_default();
                    dispatch.emit(Action::Nudge {
                        id,
                        stages: 0,
                        lanes: 1,
                    })
                }
                ("+", _) | ("=", _) => set_zoom(zoom * 1.2),
                ("-", _) => set_zoom(zoom / 1.2),
                ("0", _) => set_zoom(1.0),
                _ => {}
            }
        })
    };
    let onwheel = {
        let set_zoom = set_zoom.clone();
        let zoom = *zoom;
        Callback::from(move |e: WheelEvent| {
            if e.ctrl_key() || e.meta_key() {
                e.prevent_default();
                set_zoom(if e.delta_y() < 0.0 {
                    zoom * 1.1
                } else {
                    zoom / 1.1
                });
            }
        })
    };

    let columns = lay.columns.iter().map(|c| {
        let stage = j.stage(c.stage);
        let name = stage.map(|s| s.name.as_str()).unwrap_or("");
        let goal = stage.map(|s| s.goal.as_str()).unwrap_or("");
        html! {
            <section class="stage-column" key={c.stage.to_string()}
                data-stage-id={c.stage.to_string()} style={rect_style(&c.rect)}
                aria-label={format!("Stage: {name}")}>
                <h2 class="stage-name">{ name }</h2>
                <p class="stage-goal" title={goal.to_string()}>{ goal }</p>
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

    // By id, once per render: a search per card would be quadratic.
    let touchpoints: HashMap<TouchpointId, &Touchpoint> =
        j.touchpoints.iter().map(|t| (t.id, t)).collect();

    let cards = lay.cards.iter().filter_map(|c| {
        let drawn = view.is_none_or(|v| overlaps(&c.rect, &v))
            || props.selection.contains(&c.touchpoint)
            || *pinned.borrow() == Some(c.touchpoint);
        if !drawn {
            // An empty, hidden stand-in keeps every card at its place in the keyed list, so
            // scrolling never makes Yew move a card's element, which would take its focus.
            return Some(html! {
                <div key={c.touchpoint.to_string()} class="card-slot" hidden=true></div>
            });
        }
        let t = *touchpoints.get(&c.touchpoint)?;
        Some(
            html! { <Card key={t.id.to_string()} view={CardView::of(j, t)} rect={c.rect}
            selected={props.selection.contains(&t.id)}
            dim={props.matches.as_ref().is_some_and(|m| !m.contains(&t.id))}
            tint={props.tints.as_ref().map(|m| m.get(&t.id).cloned())} /> },
        )
    });

    let band_box = band.map(|b| html! { <div class="band" style={rect_style(&b.rect())}></div> });

    let z = *zoom;
    let sizer = format!("width:{}px;height:{}px", lay.width * z, lay.height * z);
    let style = format!(
        "width:{}px;height:{}px;transform:scale({z});transform-origin:0 0",
        lay.width, lay.height
    );
    let zoom_in = {
        let s = set_zoom.clone();
        Callback::from(move |_: MouseEvent| s(z * 1.2))
    };
    let zoom_out = {
        let s = set_zoom.clone();
        Callback::from(move |_: MouseEvent| s(z / 1.2))
    };
    let zoom_reset = {
        let s = set_zoom.clone();
        Callback::from(move |_: MouseEvent| s(1.0))
    };

    html! {
        <div class="canvas-frame">
            <div class="canvas-scroll" ref={scroll_ref} {onwheel}>
                <div class="canvas-sizer" style={sizer}>
                    <div class={classes!("canvas", props.connecting.then_some("connecting"))} style={style}
                        data-touchpoints={j.touchpoints.len().to_string()}
                        ref={canvas_ref} {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onclick} {ondblclick} {onkeydown}>
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
                            <Edges lay={Rc::clone(&lay)} journey={Rc::clone(j)} {view} />
                            { emotion_curve(&lay, j) }
                            if let Some((_, a, b)) = *link {
                                <line class="link-drag" x1={a.0.to_string()} y1={a.1.to_string()}
                                    x2={b.0.to_string()} y2={b.1.to_string()} marker-end="url(#arrow)" />
                            }
                        </svg>
                        <span class="emotion-label" style={format!("top:{}px", lay.emotion_band.y + 8.0)}>{ "Emotion" }</span>
                        { for cards }
                        { for band_box }
                        if j.touchpoints.is_empty() {
                            <p class="canvas-empty" style={format!("left:{}px;top:{}px", layout::LANE_LABEL_W + 16.0, layout::HEADER_H + 24.0)}>
                                { if j.stages.is_empty() { "Start with Add stage, then Add touchpoint." } else { "No touchpoints yet: press Add touchpoint." } }
                            </p>
                        }
                    </div>
                </div>
            </div>
            <div class="zoom-controls" role="group" aria-label="View">
                <select class="rows-by" aria-label="Rows show" onchange={{
                    let rows_by = rows_by.clone();
                    Callback::from(move |e: Event| {
                        let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                        rows_by.set(if v == "channels" { RowsBy::Channels } else { RowsBy::Lanes });
                    })
                }}>
                    <option value="lanes" selected={*rows_by == RowsBy::Lanes}>{ "Rows: blueprint lanes" }</option>
                    <option value="channels" selected={*rows_by == RowsBy::Channels}>{ "Rows: channels" }</option>
                </select>
                <button class="tool" onclick={zoom_out} aria-label="Zoom out">{ "−" }</button>
                <button class="tool zoom-level" onclick={zoom_reset} aria-label="Actual size">{ format!("{:.0}%", z * 100.0) }</button>
                <button class="tool" onclick={zoom_in} aria-label="Zoom in">{ "+" }</button>
                <button class="tool" onclick={fit} aria-label="Fit to screen">{ "Fit" }</button>
            </div>
        </div>
    }
}

/// What dropping a card at canvas point (x, y) does: it moves to the stage column and row
/// under the point, before the first card of that cell whose middle is below the point. When
/// rows are channels, the row sets the touchpoint's channel and its lane stays.
fn drop_commands(j: &Journey, lay: &Layout, id: TouchpointId, x: f64, y: f64) -> Vec<Command> {
    let Some(tp) = j.touchpoint(id) else {
        return Vec::new();
    };
    let Some((stage, row, place)) = drop_target(lay, id, x, y) else {
        return Vec::new();
    };
    let by_channel = lay.rows_by == RowsBy::Channels;
    let mut cmds = vec![Command::MoveTouchpoint {
        id,
        stage,
        lane: if by_channel { tp.lane } else { row.lane },
        position: None,
        place,
    }];
    if by_channel && row.channel != tp.channel {
        cmds.push(Command::SetTouchpointField {
            id,
            field: crate::command::TouchpointField::Channel(row.channel),
        });
    }
    cmds
}

fn drop_target(
    lay: &Layout,
    id: TouchpointId,
    x: f64,
    y: f64,
) -> Option<(StageId, layout::Row, Place)> {
    let col = lay.columns.iter().min_by(|a, b| {
        let da = (a.rect.center_x() - x).abs();
        let db = (b.rect.center_x() - x).abs();
        da.total_cmp(&db)
    })?;
    let row = lay
        .rows
        .iter()
        .find(|r| y >= r.rect.y && y < r.rect.bottom())
        .or_else(|| {
            if y < lay.rows.first()?.rect.y {
                lay.rows.first()
            } else {
                lay.rows.last()
            }
        })?;
    let before = lay
        .cards
        .iter()
        .filter(|c| c.touchpoint != id)
        .filter(|c| col.rect.x <= c.rect.x && c.rect.right() <= col.rect.right())
        .filter(|c| row.rect.y <= c.rect.y && c.rect.bottom() <= row.rect.bottom())
        .filter(|c| c.rect.center_y() > y)
        .min_by(|a, b| a.rect.y.total_cmp(&b.rect.y))
        .map(|c| c.touchpoint);
    Some((
        col.stage,
        row.clone(),
        before.map(Place::Before).unwrap_or(Place::Last),
    ))
}

/// The emotion curve: one dot per stage at its average emotion, joined where neighbours both
/// have one, with the stage's pain points counted beside it.
fn emotion_curve(lay: &Layout, j: &Journey) -> Html {
    let band = lay.emotion_band;
    let mut segments = Vec::new();
    for w in lay.emotion.windows(2) {
        if let (Some(a), Some(b)) = (w[0].y, w[1].y) {
            segments.push(format!("M{:.1},{:.1} L{:.1},{:.1}", w[0].x, a, w[1].x, b));
        }
    }
    let points = lay.emotion.iter().filter_map(|p| {
        let y = p.y?;
        let avg = p.average?;
        let stage = j.stage(p.stage).map(|s| s.name.as_str()).unwrap_or("");
        let class = if avg < -0.25 { "emotion-dot neg" } else if avg > 0.25 { "emotion-dot pos" } else { "emotion-dot" };
        Some(html! {
            <g key={p.stage.to_string()}>
                <circle class={class} cx={format!("{:.1}", p.x)} cy={format!("{y:.1}")} r="6">
                    <title>{ format!("{stage}: average emotion {avg:+.1}, {} pain point{}", p.pain_points, if p.pain_points == 1 { "" } else { "s" }) }</title>
                </circle>
                <text class="emotion-value" x={format!("{:.1}", p.x + 10.0)} y={format!("{:.1}", y + 4.0)}>{ format!("{avg:+.1}") }</text>
            </g>
        })
    });
    let pains = lay.emotion.iter().filter(|p| p.pain_points > 0).map(|p| {
        html! {
            <text key={format!("pain-{}", p.stage)} class="pain-count" x={format!("{:.1}", p.x - 60.0)}
                y={format!("{:.1}", band.bottom() - 8.0)}>
                { format!("⚠ {} pain point{}", p.pain_points, if p.pain_points == 1 { "" } else { "s" }) }
            </text>
        }
    });
    html! {
        <g class="emotion-curve">
            <line class="emotion-zero" x1={band.x.to_string()} x2={band.right().to_string()}
                y1={band.center_y().to_string()} y2={band.center_y().to_string()} />
            <path class="emotion-line" d={segments.join(" ")} />
            { for points }
            { for pains }
        </g>
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

/// The transition arrows, a component of their own: at 1,000 touchpoints there are about
/// 3,000, and building their paths (eight formatted numbers each), titles and classes and
/// diffing them on every keystroke cost more than the rest of the map together
/// (docs/performance.md). They re-render only when the arrows' geometry or the transitions
/// change. (They carry no titles: the layer takes no pointer events and is hidden from
/// assistive technology; a transition is described in the inspector's connections.)
#[derive(Properties)]
struct EdgesProps {
    lay: Rc<Layout>,
    journey: Rc<Journey>,
    /// The region drawn, when the map is windowed.
    view: Option<Rect>,
}

impl PartialEq for EdgesProps {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.journey, &other.journey);
        self.view == other.view
            && (Rc::ptr_eq(&self.lay, &other.lay) || self.lay.edges == other.lay.edges)
            && (Rc::ptr_eq(a, b) || a.transitions == b.transitions)
    }
}

#[component]
fn Edges(props: &EdgesProps) -> Html {
    let transitions: HashMap<TransitionId, &Transition> = props
        .journey
        .transitions
        .iter()
        .map(|t| (t.id, t))
        .collect();
    let edges = props.lay.edges.iter().filter_map(|e| {
        if props.view.is_some_and(|v| !overlaps(&edge_box(e), &v)) {
            return None;
        }
        let tr = *transitions.get(&e.transition)?;
        Some(html! {
            <Arrow key={e.transition.to_string()} geom={e.clone()} kind={tr.kind}
                drops_context={!tr.carries_context} view={props.view} />
        })
    });
    html! { <g class="edge-layer">{ for edges }</g> }
}

#[derive(Properties, PartialEq)]
struct ArrowProps {
    geom: layout::EdgeGeom,
    kind: TransitionKind,
    drops_context: bool,
    view: Option<Rect>,
}

/// One transition's arrow, a component so that an edit redraws only the arrows whose geometry
/// changed: cutting dashed ones into pieces costs more than writing one path.
#[component]
fn Arrow(props: &ArrowProps) -> Html {
    let e = &props.geom;
    let class = classes!(
        "edge",
        kind_class(props.kind),
        props.drops_context.then_some("edge-drops-context")
    );
    let id = e.transition.to_string();
    // A long dashed arrow goes in pieces of about a raster tile (layout::DASH_PIECE), each
    // dash-offset to carry the dashes on; pieces far from the view are left out. The group
    // takes the arrow's classes and the pieces inherit its stroke.
    if props.kind != TransitionKind::Next && e.longer_than(layout::DASH_PIECE) {
        let pieces = e.pieces(layout::DASH_PIECE);
        let last = pieces.len() - 1;
        let drawn = pieces.iter().enumerate().filter_map(|(k, (p, along))| {
            if props.view.is_some_and(|v| !overlaps(&edge_box(p), &v)) {
                return None;
            }
            let mut offset = String::new();
            layout::push_tenths(&mut offset, -along);
            Some(html! {
                <path d={p.path_data()} stroke-dashoffset={offset}
                    marker-end={(k == last).then_some("url(#arrow)")} />
            })
        });
        return html! { <g class={class} data-transition-id={id}>{ for drawn }</g> };
    }
    html! {
        <path class={class} d={e.path_data()} marker-end="url(#arrow)" data-transition-id={id} />
    }
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
    selected: bool,
    dim: bool,
    /// `None`: no overlay; `Some(None)`: overlay on, this card unrated.
    tint: Option<Option<Tint>>,
}

#[component]
fn Card(props: &CardProps) -> Html {
    let v = &props.view;
    let class = classes!(
        "card",
        v.moment_of_truth.then_some("card-mot"),
        v.partner.is_some().then_some("card-partner"),
        v.quadrant.map(quadrant_class),
        props.selected.then_some("selected"),
        props.dim.then_some("dim"),
        props.tint.as_ref().map(|t| match t {
            Some(t) => format!("tint tint-{}", t.level),
            None => "tint tint-none".to_string(),
        })
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
            aria-selected={props.selected.to_string()}
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
            <span class="connect-handle" title="Drag to another touchpoint to connect them"
                aria-hidden="true"></span>
            <div class="markers">
                if let Some(t) = &props.tint {
                    <span class="marker tint-label">{ t.as_ref().map(|t| t.text.clone()).unwrap_or_else(|| "not rated".into()) }</span>
                }
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
