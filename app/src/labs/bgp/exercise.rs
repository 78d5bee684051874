//! The BGP lab on the lab session (`crate::labs::session`): what Reset goes back to and
//! the goal box with the controls an exercise allows. Where the lab starts, the link and
//! the check are the session's.

use super::model::LabState;
use crate::labs::session::LabSession;
use cloudhop_core::bgp::exercise::allowed_text;
use cloudhop_core::bgp::seeds::seed_of;
use cloudhop_core::labs::Bgp;
use yew::prelude::*;

/// What Reset goes back to: the exercise's start, or the seed the scenario came from.
pub(crate) fn reset_state(session: &LabSession<Bgp>, now: &LabState) -> LabState {
    if session.exercise.is_some() {
        return session.start();
    }
    match seed_of(&now.sc) {
        Some((_, sc)) => LabState::of(sc.clone()),
        None => LabState::default(),
    }
}

/// The goal, the controls allowed, the Check button and the verdict.
pub(crate) fn goal_box(session: &LabSession<Bgp>, state: &LabState) -> Html {
    session.goal_box(state, |ex| {
        html! {
            <span class="bgp-allowed">{ format!("You may use: {}.", allowed_text(&ex.allow)) }</span>
        }
    })
}
