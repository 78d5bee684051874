//! Latency lab: sites on a world map, the RTT model with its working, and mesh /
//! hub-and-spoke / relay / exchange topologies compared side by side.
//!
//! Everything shown is computed by `cloudhop_core::latency`; this module keeps the UI
//! state (a [`LabState`], shareable in the URL) and draws.
//!
//! | module | what it holds |
//! |---|---|
//! | `computed` | what the engine computed for the scenario, shared by the figures |
//! | `reducer` | the one reducer (state + selected cell) and the callbacks made once |
//! | `controls` | adding sites and the sliders |
//! | `sites` | the numbered site list |
//! | `tabs` | topology tabs, hub or exchange chooser, summary and failure exposure |
//! | `comparison` | the topologies side by side |
//! | `matrix` | the RTT matrix or heat map and a pair's working |
//! | `note` | the model note |
//! | `map` | the world map |
//! | `style` | colours, classes and number formats shared by the map and the figures |
//! | `state` | [`LabState`]: the scenario, the drawn topology and the answer |
//! | `exercise` | the exercise plumbing: saved state, share link, goal, check, verdict |

mod comparison;
mod computed;
mod controls;
mod exercise;
mod map;
mod matrix;
mod note;
mod reducer;
mod sites;
mod state;
mod style;
mod tabs;

use super::session::{lab_notice, use_lab_session, use_state_changes};
use super::LabProps;
use crate::components::message::message_view;
use cloudhop_core::labs::{LabId, Latency};
use computed::{compute, Computed};
use reducer::{Edit, Handlers, Lab};
pub use state::LabState;
use std::rc::Rc;
use yew::prelude::*;

/// Latency lab.
#[function_component]
pub fn LatencyLab(props: &LabProps) -> Html {
    let session = use_lab_session::<Latency>(props);
    let lab = {
        let state = (*session.opening).clone();
        use_reducer(move || Lab {
            state,
            selected: None,
        })
    };
    let computed = {
        let sc = lab.state.scenario.clone();
        use_memo(sc, compute)
    };
    let handlers = {
        let d = lab.dispatcher();
        use_memo((), move |_| Handlers::new(&d))
    };
    use_state_changes(&session, &lab.state);
    let reset = {
        let edit = handlers.edit.clone();
        let start = session.start();
        use_memo(session.exercise.clone(), move |_| {
            edit.reform(move |_: ()| -> Edit {
                let start = start.clone();
                Rc::new(move |s: &mut LabState| *s = start.clone())
            })
        })
    };
    let in_exercise = session.exercise.is_some();

    let sc = &lab.state.scenario;
    html! {
        <section class={classes!("lab", "latency-lab", props.compact.then_some("compact"))}>
            if !props.compact {
                <h2>{ "Latency lab" }</h2>
                <p class="latency-intro">
                    { "How long a round trip takes between cloud regions, relays, exchange metros and your own sites, and what a full mesh, a hub, relays or a cloud exchange cost in latency, tunnels and failure exposure. Every figure opens to show how it was computed." }
                </p>
            }
            { lab_notice(LabId::Latency, session.notice.as_ref()) }
            { exercise::exercise_panel(&session, &lab.state, &handlers.edit) }
            <controls::AddSites edit={handlers.edit.clone()} reset={(*reset).clone()} />
            <controls::Sliders nat_share={sc.nat_share} tunnel_overhead_ms={sc.tunnel_overhead_ms} edit={handlers.edit.clone()} />
            <Figures computed={computed.clone()} show={lab.state.show} selected={lab.selected}
                handlers={handlers.clone()} {in_exercise} />
        </section>
    }
}

/// The figures' properties: equal while the same computation is drawn the same way.
#[derive(Properties)]
struct FiguresProps {
    computed: Rc<Computed>,
    show: usize,
    selected: Option<(usize, usize)>,
    handlers: Rc<Handlers>,
    in_exercise: bool,
}

impl PartialEq for FiguresProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.computed, &o.computed)
            && Rc::ptr_eq(&self.handlers, &o.handlers)
            && self.show == o.show
            && self.selected == o.selected
            && self.in_exercise == o.in_exercise
    }
}

/// Map, site list, topology tabs, comparison, matrix and model note, or why they cannot
/// be drawn. Each figure is a component that re-renders only when what it draws changed
/// (a tab switch leaves the site list and the comparison alone; a slider, the model note).
#[function_component]
fn Figures(p: &FiguresProps) -> Html {
    let (computed, handlers) = (&p.computed, &p.handlers);
    match &computed.net {
        Err(e) => {
            html! { <p class="latency-error" role="alert">{ message_view(&e.to_string()) }</p> }
        }
        Ok(_) => {
            let show = p.show.min(computed.results.len().saturating_sub(1));
            html! {
                <>
                    <map::WorldMap computed={computed.clone()} {show} on_click={handlers.map_click.clone()} />
                    <sites::SiteList computed={computed.clone()} toggle_fail={handlers.toggle_fail.clone()} remove={handlers.remove_site.clone()} />
                    <tabs::TopologyTabs computed={computed.clone()} {show} set_show={handlers.set_show.clone()}
                        set_choice={handlers.set_choice.clone()} toggle_fail={handlers.fail_via.clone()} allow_best={!p.in_exercise} />
                    <comparison::Comparison computed={computed.clone()} />
                    <matrix::Matrix computed={computed.clone()} {show} selected={p.selected} on_select={handlers.select_cell.clone()} />
                    <note::ModelNote />
                </>
            }
        }
    }
}
