//! The planner on the lab session (`crate::labs::session`): where it starts, keeping the
//! link in step, and the goal box. The exercise contract itself is
//! `cloudhop_core::labs::Planner`.

use super::model::Model;
use crate::labs::session::LabSession;
use crate::labs::LabProps;
use cloudhop_core::cidr::plan::Plan;
use cloudhop_core::labs::Planner;
use yew::prelude::*;

/// Whether the lab offers one-click fixes: on its own page, not in an exercise (there
/// the learner finds the fix).
pub fn offers_fixes(props: &LabProps) -> bool {
    props.exercise.is_none()
}

/// The model the lab opens with: the session's plan, and the exercise's locked networks.
pub fn initial(session: &LabSession<Planner>) -> Model {
    let locked = session
        .exercise
        .as_ref()
        .map(|ex| ex.locked.clone())
        .unwrap_or_default();
    Model::new((*session.opening).clone(), locked, None)
}

/// The goal, the networks an exercise fixes in place, Check and the verdict.
pub fn planner_goal(session: &LabSession<Planner>, plan: &Plan) -> Html {
    session.goal_box(plan, |ex| {
        html! {
            if !ex.locked.is_empty() {
                <p class="planner-muted">{ format!("Fixed (cannot change): {}", ex.locked.join(", ")) }</p>
            }
        }
    })
}
