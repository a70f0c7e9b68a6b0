//! The browser shell: Yew components and browser glue. The only module that may use yew,
//! web-sys, gloo or wasm-bindgen. It holds no journey logic of its own: it renders what the
//! core computes (the model, the layout) and turns user gestures into core calls.

mod canvas;

use crate::model::Journey;
use crate::sample;
use std::rc::Rc;
use yew::prelude::*;

pub use canvas::Canvas;

/// Mounts the editor on the page body.
pub fn start() {
    if let Some(loading) = gloo::utils::document().get_element_by_id("loading") {
        loading.remove();
    }
    yew::Renderer::<App>::new().render();
}

/// The root component: one journey, shown as a map.
#[component]
pub fn App() -> Html {
    // The sample until the editor (and storage) can give the user their own journeys.
    let journey = use_memo((), |_| sample::broadband());
    html! {
        <div class="app">
            <Header journey={Rc::clone(&journey)} />
            <main class="workspace" aria-label="Journey map">
                <Canvas journey={journey} />
            </main>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct HeaderProps {
    journey: Rc<Journey>,
}

#[component]
fn Header(props: &HeaderProps) -> Html {
    let j = &props.journey;
    let state = match j.state {
        crate::model::JourneyState::AsIs => "As-is",
        crate::model::JourneyState::ToBe => "To-be",
    };
    html! {
        <header class="topbar">
            <div class="brand" aria-hidden="true">{ "Throughline" }</div>
            <div class="journey-heading">
                <h1>{ &j.title }<span class="badge">{ state }</span></h1>
                if !j.promise.statement.is_empty() {
                    <p class="promise"><span class="label">{ "Brand promise" }</span>{ &j.promise.statement }</p>
                }
            </div>
            <p class="counts">
                { format!("{} stages · {} touchpoints · {} transitions", j.stages.len(), j.touchpoints.len(), j.transitions.len()) }
            </p>
        </header>
    }
}
