//! The root component: routing and page chrome.

use crate::labs::{
    bgp::BgpLab, failover::FailoverLab, latency::LatencyLab, planner::PlannerLab, LabProps,
};
use crate::route::{Lab, Route};
use yew::prelude::*;

fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::parse(&hash)
}

/// Render one lab with the given properties.
pub fn lab_view(lab: Lab, props: LabProps) -> Html {
    match lab {
        Lab::Planner => html! { <PlannerLab ..props /> },
        Lab::Bgp => html! { <BgpLab ..props /> },
        Lab::Latency => html! { <LatencyLab ..props /> },
        Lab::Failover => html! { <FailoverLab ..props /> },
    }
}

/// The app.
#[function_component]
pub fn App() -> Html {
    let route = use_state(current_route);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let cb =
                wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || route.set(current_route()));
            let window = web_sys::window();
            if let Some(w) = &window {
                w.set_onhashchange(Some(wasm_bindgen::JsCast::unchecked_ref(cb.as_ref())));
            }
            move || {
                if let Some(w) = window {
                    w.set_onhashchange(None);
                }
                drop(cb);
            }
        });
    }
    let body = match &*route {
        Route::Lab(lab, state) | Route::Embed(lab, state) => lab_view(
            *lab,
            LabProps {
                url_state: state.clone().map(AttrValue::from),
                ..Default::default()
            },
        ),
        _ => html! {
            <nav>
                { for Lab::ALL.iter().map(|l| html! { <p><a href={Route::Lab(*l, None).href()}>{ l.title() }</a></p> }) }
            </nav>
        },
    };
    html! { <main id="main">{ body }</main> }
}
