//! Hybrid DNS lab: a diagram of networks, resolvers and links; pick a client and a name and
//! play the query hop by hop with the trace beside it; the failure and its diagnosis; the
//! resolvers' caches with a clock; editing cards for everything in the scenario. Every
//! answer, sentence, diagnosis and edit is `cloudhop_core::dns` (through
//! `DnsState::traced` and `DnsEdit`); this module draws it and keeps UI state in one
//! reducer ([`model::Model`]).
//!
//! | module | what it draws or keeps |
//! |---|---|
//! | [`model`] | the reducer: state, caches, trace, playback, undo |
//! | [`diagram`] | the SVG diagram and the hop being played |
//! | [`trace`] | the query picker, the player, the trace, the answer and the diagnosis |
//! | [`cache`] | the caches and their clock |
//! | [`card`] | one editing card (list and form) |
//! | [`editors`] | the cards for every kind of thing in a scenario |
//! | [`io`] | presets, undo, reset, export and import, the notes |

mod cache;
mod card;
mod diagram;
mod editors;
mod io;
mod model;
mod trace;

use super::session::{lab_notice, use_lab_session, use_state_changes};
use super::LabProps;
use cloudhop_core::exercise::decode_state;
use cloudhop_core::labs::{Dns, LabId};
use diagram::{hop_at, Diagram};
use editors::Editors;
use model::{Action, Model};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

thread_local! {
    static LABS_SHOWN: Cell<u32> = const { Cell::new(0) };
}

/// A prefix for this lab's element ids: a lesson page can show several DNS labs.
fn next_uid() -> AttrValue {
    let n = LABS_SHOWN.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    AttrValue::from(format!("dns{n}"))
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Hybrid DNS lab.
#[function_component]
pub fn DnsLab(props: &LabProps) -> Html {
    let session = use_lab_session::<Dns>(props);
    let uid = (*use_state(next_uid)).clone();
    let model = {
        let state = (*session.opening).clone();
        use_reducer(move || Model::new(state))
    };
    {
        // Follow a shared link opened while the lab is already on screen.
        let model = model.clone();
        let in_exercise = props.exercise.is_some();
        use_effect_with(props.url_state.clone(), move |url| {
            if let (false, Some(text)) = (in_exercise, url.as_deref()) {
                if let Ok(next) = decode_state::<Dns>(text) {
                    if next != model.state {
                        model.dispatch(Action::Follow(Rc::new(next)));
                    }
                }
            }
        });
    }
    use_state_changes(&session, &model.state);

    // Edit → redrawn trace, measured in the page: the time an edit was sent, and after the
    // render that shows its trace, the milliseconds on the lab's `data-edit-ms`.
    let edit_started = use_mut_ref(|| Cell::new(None::<f64>));
    let lab_ref = use_node_ref();
    {
        let started = edit_started.clone();
        let lab_ref = lab_ref.clone();
        use_effect_with(model.traces, move |_| {
            if let Some(t0) = started.borrow().take() {
                let ms = now_ms() - t0;
                if let Some(el) = lab_ref.cast::<web_sys::Element>() {
                    let _ = el.set_attribute("data-edit-ms", &format!("{ms:.2}"));
                }
            }
        });
    }
    let on_edit_start = {
        let started = edit_started.clone();
        Callback::from(move |()| started.borrow().set(Some(now_ms())))
    };

    // The player's timer, while playing.
    {
        let model = model.clone();
        use_effect_with(model.playing, move |playing| {
            let timer = playing.then(|| {
                let d = model.dispatcher();
                gloo_timers::callback::Interval::new(700, move || d.dispatch(Action::Tick))
            });
            move || drop(timer)
        });
    }

    let dispatch: Callback<Action> = {
        let d = model.dispatcher();
        Callback::from(move |a| d.dispatch(a))
    };
    let st = &model.state;
    let sc = Rc::new(st.sc.clone());
    let traced = model.traced.as_ref().ok();
    let hop = traced.and_then(|t| hop_at(&st.sc, &t.resolution.trace, model.current()));
    let start = Rc::new(session.start());
    let ex = session.exercise.clone();

    html! {
        <section ref={lab_ref} class={classes!("lab", "dns-lab", props.compact.then_some("dns-compact"))}
            aria-label="Hybrid DNS lab" data-traces={model.traces.to_string()}>
            if !props.compact {
                <header class="dns-header">
                    <h2>{ "Hybrid DNS lab" }</h2>
                    <p>{ "Follow one query across on-premises and cloud resolvers. Each hop is checked: is there a route, is port 53 open, does anything listen there? Change a rule, an endpoint or a link and watch the trace change; the caches keep old answers until their TTL runs out." }</p>
                </header>
            }
            { lab_notice(LabId::Dns, session.notice.as_ref()) }
            { session.goal_box(st, |_| html! {
                <p class="dns-muted">{ "Use the cards below the trace to change the scenario; Check tests every query of the goal, not only the one traced here." }</p>
            }) }
            { io::toolbar(&io::ToolbarProps { in_exercise: ex.is_some(), can_undo: !model.history.is_empty(),
                start: start.clone(), dispatch: dispatch.clone(), uid: uid.clone() }) }
            if let Some(n) = &model.notice {
                <p class="dns-notice" role="status">{ crate::components::message::message_view(n) }</p>
            }
            <div class="dns-main">
                <div class="dns-left">
                    <Diagram sc={sc.clone()} hop={hop.clone()} client={st.client.clone()} uid={uid.clone()} />
                    { cache::cache_panel(&model, &dispatch) }
                </div>
                <div class="dns-right">
                    { trace::query_picker(st, &dispatch, &uid) }
                    { trace::trace_panel(&model, &dispatch) }
                </div>
            </div>
            <Editors uid={uid.clone()} sc={sc.clone()} refused={model.refused.clone()} dispatch={dispatch.clone()} on_edit_start={on_edit_start} />
            { io::import_export(&model, props.on_state_change.is_some(), &dispatch, &uid) }
            { io::notes(&uid) }
        </section>
    }
}
