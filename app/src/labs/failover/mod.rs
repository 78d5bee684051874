//! Failover lab: pick a scenario from the course's sources, turn the knobs, and watch the
//! timeline (detect, decide, propagate, recover) redraw, with lost requests and stale
//! reads counted. A second copy can be compared side by side; the whole state travels in
//! the URL. Every number, label and rule comes from `cloudhop_core::failover`; this module
//! draws it and keeps the UI state in one reducer ([`state::Lab`]).
//!
//! | module | what it draws or keeps |
//! |---|---|
//! | [`exercise`] | exercise plumbing: link/saved state, goal, check, verdict, choices |
//! | [`state`] | the reducer |
//! | [`knobs`] | a setting's knobs, from `core::failover::knobs::controls` |
//! | [`results`] | a setting's headline, losses, figures and phases |
//! | [`chart`] | the timelines and the clients-moved curve |

mod chart;
mod exercise;
mod knobs;
mod results;
mod state;

use super::session::{lab_notice, use_lab_session, use_state_changes};
use super::LabProps;
use cloudhop_core::exercise::decode_state;
use cloudhop_core::failover::exercise::{FailoverExercise, Goal};
use cloudhop_core::failover::knobs::{controls, Edit, Locks};
use cloudhop_core::failover::scenario::{Report, Scenario};
use cloudhop_core::labs::{Failover, LabId};
use exercise::ChoicesProps;
use knobs::Knobs;
use results::ResultsProps;
use state::{Action, Lab, Side};
use std::rc::Rc;
use yew::prelude::*;

/// Failover lab.
#[function_component]
pub fn FailoverLab(props: &LabProps) -> Html {
    let session = use_lab_session::<Failover>(props);
    let lab = {
        let state = (*session.opening).clone();
        use_reducer(move || Lab::new(state))
    };
    {
        // Follow a shared link opened while the lab is already on screen.
        let lab = lab.clone();
        let in_exercise = props.exercise.is_some();
        use_effect_with(props.url_state.clone(), move |url| {
            if let (false, Some(text)) = (in_exercise, url.as_deref()) {
                if let Ok(next) = decode_state::<Failover>(text) {
                    if next != lab.state {
                        lab.dispatch(Action::Follow(Rc::new(next)));
                    }
                }
            }
        });
    }
    use_state_changes(&session, &lab.state);
    let chart_node = use_node_ref();
    let chart_width = super::width::use_width(chart_node.clone());
    let ex = session.exercise.as_deref().cloned();
    let dispatch: Callback<Action> = lab.dispatcher().into();

    let locks = ex
        .as_ref()
        .map_or_else(Locks::none, FailoverExercise::locks);
    let on_edit = {
        let lab = lab.clone();
        let locks = locks.clone();
        Callback::from(move |(side, edit): (Side, Edit)| {
            lab.dispatch(Action::Edit(side, edit, locks.clone()))
        })
    };
    let on_preset = dispatch.reform(Action::Preset);
    let on_compare = dispatch.reform(|_: MouseEvent| Action::ToggleCompare);
    let on_reset = {
        let start = ex.as_ref().map(|e| Rc::new(e.start.clone()));
        dispatch.reform(move |_: MouseEvent| Action::Reset(start.clone()))
    };
    let on_choose = dispatch.reform(Action::Choose);

    let st = &lab.state;
    let report_a = st.a.evaluate();
    let report_b = st.b.as_ref().map(|b| b.evaluate());
    let refused = |side: Side| {
        lab.refused
            .as_ref()
            .filter(|(at, _)| *at == side)
            .map(|(_, why)| AttrValue::from(why.clone()))
    };
    let column = |side: Side, s: &Scenario| {
        html! {
            <Knobs {side} controls={controls(s, &locks)} on_edit={on_edit.clone()}
                redraw={lab.refusals} refused={refused(side)} />
        }
    };

    html! {
        <section class={classes!("lab", "failover-lab", props.compact.then_some("failover-compact"))}>
            if !props.compact {
                { header() }
            }
            { lab_notice(LabId::Failover, session.notice.as_ref()) }
            { exercise::goal_box(&session, st) }
            { toolbar(ToolbarProps { in_exercise: ex.is_some(), preset: &st.preset, comparing: st.b.is_some(),
                on_preset, on_compare, on_reset }) }
            if let Some(Goal::BestChange { options }) = ex.as_ref().map(|e| &e.goal) {
                { exercise::choices(&ChoicesProps { options, chosen: st.choice, on_choose }) }
            }
            { chart(&ChartProps { a: report_a.as_ref().ok(), b: report_b.as_ref().and_then(|r| r.as_ref().ok()),
                target_share: st.a.target_share(), node: chart_node.clone(), width: chart_width }) }
            <div class={classes!("failover-columns", st.b.is_some().then_some("failover-two"))}>
                <div class="failover-column" data-side="a">
                    { column(Side::A, &st.a) }
                    { results::results(&ResultsProps { name: "A", report: &report_a, other: None }) }
                </div>
                if let (Some(b), Some(rb)) = (&st.b, &report_b) {
                    <div class="failover-column" data-side="b">
                        { column(Side::B, b) }
                        { results::results(&ResultsProps { name: "B", report: rb, other: Some(&report_a) }) }
                    </div>
                }
            </div>
        </section>
    }
}

/// The lab's title and what it is for (not in embeds and lessons).
fn header() -> Html {
    html! {
        <header class="failover-header">
            <h2>{ "Failover lab" }</h2>
            <p>{ "Every failover is a timeline: noticing the failure, deciding, the change spreading, and getting back to normal. Turn the knobs and see which phase each one shortens, and what is lost on the way." }</p>
        </header>
    }
}

/// What the toolbar shows and where its buttons go.
struct ToolbarProps<'a> {
    in_exercise: bool,
    preset: &'a str,
    comparing: bool,
    on_preset: Callback<String>,
    on_compare: Callback<MouseEvent>,
    on_reset: Callback<MouseEvent>,
}

/// Presets and comparing (free lab), reset, and check (exercises).
fn toolbar(p: ToolbarProps<'_>) -> Html {
    let onchange = p.on_preset.reform(|e: Event| {
        let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
        sel.value()
    });
    html! {
        <div class="failover-toolbar">
            if !p.in_exercise {
                <label>{ "Scenario " }
                    <select class="failover-preset" {onchange}>
                        { for Scenario::PRESETS.iter().map(|(id, title)| html! {
                            <option value={*id} selected={p.preset == *id}>{ *title }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="failover-compare" onclick={p.on_compare.clone()}>
                    { if p.comparing { "Stop comparing" } else { "Compare with a copy" } }
                </button>
            }
            <button type="button" class="failover-reset" onclick={p.on_reset.clone()}>{ "Reset" }</button>
        </div>
    }
}

/// The reports to draw.
struct ChartProps<'a> {
    a: Option<&'a Report>,
    b: Option<&'a Report>,
    /// DNS models: the share of clients whose move is the headline.
    target_share: Option<f64>,
    /// Where the drawings go, and their measured width.
    node: NodeRef,
    width: Option<f64>,
}

/// The timelines of the settings that run, and for DNS the clients moved.
fn chart(p: &ChartProps<'_>) -> Html {
    let mut rows: Vec<(&str, &Report)> = Vec::new();
    if let Some(r) = p.a {
        rows.push(("A", r));
    }
    if let Some(r) = p.b {
        rows.push(("B", r));
    }
    html! {
        <div class="failover-chart">
          <div class="failover-chart-box" ref={p.node.clone()}>
            if rows.is_empty() {
                <p class="failover-muted">{ "Fix the settings below to see a timeline." }</p>
            } else {
                { chart::timeline_svg(&rows, p.width) }
                { chart::legend() }
                if let Some(share) = p.target_share {
                    <p class="failover-chart-caption">{ "Clients on the standby over time" }</p>
                    { chart::moved_svg(&rows, share, p.width) }
                }
            }
          </div>
        </div>
    }
}
