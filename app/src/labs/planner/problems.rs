//! The problems card: each overlap with its reason and (on the lab page) a one-click fix,
//! then each rule violation; or the all-clear; then warnings about ranges to avoid.

use super::model::{Action, Dispatch};
use crate::components::message::message_view;
use cloudhop_core::cidr::plan::{Overlap, Report, Suggestion};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`problems`].
#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub report: Rc<Report>,
    /// Networks the exercise does not let the learner change (no fix offered for them).
    pub locked: Vec<String>,
    /// Offer one-click fixes (on the lab page; in an exercise the learner finds the fix).
    pub offer_fixes: bool,
    pub dispatch: Dispatch,
}

/// Overlaps and rule violations.
pub fn problems(props: &ProblemsProps) -> Html {
    let report = &props.report;
    let body = if report.overlaps.is_empty() && report.violations.is_empty() {
        html! { <p class="planner-ok" role="status">{"✔ No overlaps and no rule violations: every network can be connected to every other."}</p> }
    } else {
        let overlaps: Html = report
            .overlaps
            .iter()
            .map(|o| html! { { overlap_item(&OverlapProps { overlap: o.clone(), fix: fix_for(props, o), dispatch: props.dispatch.clone() }) } })
            .collect();
        let violations: Html = report
            .violations
            .iter()
            .map(|v| html! { <li class="planner-problem"><strong>{ format!("{}: ", v.network) }</strong>{ message_view(&v.message) }</li> })
            .collect();
        html! {
            <ul class="planner-problems" role="list">{ overlaps }{ violations }</ul>
        }
    };
    let warnings = (!report.warnings.is_empty()).then(|| {
        html! {
            <ul class="planner-warnings" role="list" aria-label="Warnings">
                { for report.warnings.iter().map(|w| html! {
                    <li class="planner-warning"><strong>{ format!("⚠ {}: ", w.network) }</strong>{ message_view(&w.message) }</li>
                }) }
            </ul>
        }
    });
    html! {
        <section class="planner-card planner-checks" aria-label="Problems" aria-live="polite">
            <h3>{"Overlaps and rules"}</h3>
            { body }
            { warnings }
        </section>
    }
}

/// The fix to offer for an overlap, if any.
fn fix_for(props: &ProblemsProps, o: &Overlap) -> Option<Suggestion> {
    props
        .report
        .suggestion_for(o)
        .filter(|s| !props.locked.contains(&s.network))
        .filter(|_| props.offer_fixes)
        .cloned()
}

/// Properties of [`overlap_item`].
#[derive(Properties, PartialEq)]
pub struct OverlapProps {
    pub overlap: Overlap,
    /// The one-click fix to offer.
    pub fix: Option<Suggestion>,
    pub dispatch: Dispatch,
}

/// One overlap, why it matters, and its fix.
pub fn overlap_item(props: &OverlapProps) -> Html {
    let o = &props.overlap;
    let fix = props.fix.as_ref().map(|s| {
        let d = props.dispatch.clone();
        let label = format!("Fix: move {} to {}", s.network, s.replacement);
        let s = s.clone();
        html! {
            <button class="planner-btn fix" onclick={Callback::from(move |_| d.dispatch(Action::Fix(s.clone())))}>
                { label }
            </button>
        }
    });
    html! {
        <li class="planner-problem">
            <strong>{ format!("{} ({}) overlaps {} ({})", o.a, o.a_cidr, o.b, o.b_cidr) }</strong>
            <span>{ format!(" — both contain {}. Routers cannot tell the two apart, so peering, VPN and interconnect routes between them are refused or misrouted.", o.overlap) }</span>
            { for fix }
        </li>
    }
}
