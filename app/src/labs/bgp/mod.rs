//! BGP lab: an AS topology drawn as a graph, every AS's best route for a prefix, why it
//! won, and propagation played message by message. Announce, withdraw, fail links,
//! prepend, set local preference, leak and hijack; undo and reset; share by URL.
//!
//! Everything shown is computed by `cloudhop_core::bgp` (routes, edits, playback,
//! re-convergence); this module keeps UI state (one reducer, [`model::Lab`], around a
//! [`LabState`] shareable in the URL) and draws it: components where there is state (the
//! lab, the AS panel, the graph, the goal box), view functions over a props struct for the
//! rest (toolbar, playback, message log, neighbour rows, announcements), which keeps the
//! wasm small.

mod exercise;
mod graph;
mod model;
mod panel;
mod playback;
mod scale;
mod toolbar;

use super::session::{lab_notice, use_lab_session, use_state_changes};
use super::LabProps;
use crate::components::message::message_view;
use cloudhop_core::bgp::events::Delivery;
use cloudhop_core::bgp::replay::{Convergence, Replay};
use cloudhop_core::bgp::scenario::{IpNet, Ribs};
use cloudhop_core::bgp::seeds::seed_of;
use cloudhop_core::labs::{Bgp, LabId};
pub use model::LabState;
use model::{Lab, LabAction, SimStart};
use std::rc::Rc;
use yew::prelude::*;

/// BGP lab.
#[function_component]
pub fn BgpLab(props: &LabProps) -> Html {
    let session = use_lab_session::<Bgp>(props);
    let lab = {
        let state = (*session.opening).clone();
        use_reducer(move || Lab::new(state))
    };
    let state = &lab.state;
    let computed: Rc<Convergence> = use_memo((state.sc.clone(), lab.from()), |(sc, from)| {
        Convergence::of(sc, from.as_ref())
    });
    let scratch = lab.play.scratch;
    let replay: Option<&Replay> = computed.replay(scratch);
    let change_text: Option<&str> = computed.change_text(scratch);
    let log: &[Delivery] = replay.map_or(&[], |r| r.log.as_slice());
    let cut = replay.is_some_and(|r| r.cut);
    let total = log.len();

    use_state_changes(&session, state);
    playback::use_play_timer(&lab, total);

    let on: Callback<LabAction> = {
        let lab = lab.clone();
        Callback::from(move |a| lab.dispatch(a))
    };
    let on_reset = {
        let lab = lab.clone();
        let session = session.clone();
        Callback::from(move |()| {
            lab.dispatch(LabAction::Reset(Box::new(exercise::reset_state(
                &session, &lab.state,
            ))))
        })
    };

    let ex = session.exercise.clone();
    let question = ex.as_ref().is_some_and(|e| e.is_question());
    let allowed = ex.as_ref().map(|e| e.allow.clone());
    let prefixes = state.sc.prefixes();
    let prefix: Option<IpNet> = state.sc.prefix_shown(state.prefix.as_deref());

    // What the graph shows: converged, or the simulation part-way.
    let at = lab.play.shown(total);
    let start: Option<SimStart> = replay.map(|r| SimStart(r.start.clone()));
    let ribs: Option<Ribs> = match (&computed.ribs, at, replay) {
        (Ok(r), None, _) => Some(r.clone()),
        (Ok(_), Some(k), Some(r)) => Some(r.at(k).ribs()),
        _ => None,
    };
    let last: Option<&Delivery> = at.and_then(|k| k.checked_sub(1)).and_then(|i| log.get(i));
    let upto = at.unwrap_or(total);
    let first = upto.saturating_sub(8);
    let seed_name = seed_of(&state.sc).map_or("", |(n, _)| n);

    let on_select = on.reform(LabAction::Select);
    let on_mark = on.reform(LabAction::ToggleAnswer);
    let on_play = on.reform(LabAction::Play);
    html! {
        <section class={classes!("lab", "bgp-lab", props.compact.then_some("bgp-lab--compact"))}>
            if !props.compact {
                <h2>{ "BGP lab" }</h2>
                <p class="bgp-intro">{ "Each box is an autonomous system. Solid lines join a provider (above) to a customer, dashed lines join peers. Pick a prefix to see every AS's best route (thick arrows show where traffic goes), click an AS to see why its route won, and play the UPDATE and WITHDRAW messages one by one." }</p>
            }
            { lab_notice(LabId::Bgp, session.notice.as_ref()) }
            { exercise::goal_box(&session, state) }
            { toolbar::toolbar(&toolbar::ToolbarProps { seeds: ex.is_none(), seed_name, prefixes,
                prefix, can_undo: !lab.history.is_empty(), on: on.clone(), on_reset }) }
            { playback::play_controls(&playback::PlayControlsProps { play: lab.play, total,
                change: change_text.is_some(), cut, on: on_play }) }
            if let Err(e) = &computed.ribs {
                <p class="bgp-error" role="alert">{ message_view(&e.to_string()) }</p>
            }
            <div class="bgp-main">
                <graph::Graph
                    sc={state.sc.clone()}
                    ribs={ribs}
                    prefix={prefix}
                    selected={lab.selected}
                    last={last.cloned()}
                    question={question}
                    answer={state.answer.clone()}
                    on_select={on_select}
                />
                <aside class="bgp-side">
                    if let Some(asn) = lab.selected {
                        <panel::AsPanel
                            asn={asn}
                            sc={state.sc.clone()}
                            start={start}
                            sim_at={at}
                            prefix={prefix}
                            on={on.clone()}
                            allowed={allowed}
                            question={question}
                            marked={state.answer.contains(&asn)}
                            on_mark={on_mark}
                            refused={lab.refused.clone().filter(|r| r.asn == asn)}
                        />
                    } else {
                        <p class="bgp-hint">{ "Click an AS to see its candidate routes, the best one and why it won, and to change its policy." }</p>
                    }
                    <h3>{ "Messages" }</h3>
                    { playback::message_log(&playback::MessageLogProps { shown: log.get(first..upto).unwrap_or(&[]),
                        first, total, change: change_text }) }
                </aside>
            </div>
            if ex.is_none() {
                <scale::ScaleRun />
            }
        </section>
    }
}
