//! The failover lab on the lab session (`crate::labs::session`): the goal box and the
//! options of a "which change" exercise. Where the lab starts, the link and the check are
//! the session's; the state is core's (`cloudhop_core::labs::FailoverState`).

use crate::labs::session::LabSession;
use cloudhop_core::failover::exercise::ChangeOption;
pub use cloudhop_core::labs::failover::DEFAULT_PRESET;
use cloudhop_core::labs::Failover;
pub use cloudhop_core::labs::FailoverState as LabState;
use yew::prelude::*;

/// The exercise's goal, Check and the verdict, with the lab's state to check.
pub fn goal_box(session: &LabSession<Failover>, state: &LabState) -> Html {
    session.goal_box(state, |ex| {
        html! {
            if !ex.locked.is_empty() {
                <span class="failover-muted">{ "Fields marked fixed are part of the world; leave them." }</span>
            }
        }
    })
}

/// What the options of a "which change" exercise show and where a pick goes.
pub struct ChoicesProps<'a> {
    pub options: &'a [ChangeOption],
    pub chosen: Option<usize>,
    pub on_choose: Callback<usize>,
}

/// The options of a "which single change" exercise.
pub fn choices(p: &ChoicesProps<'_>) -> Html {
    html! {
        <fieldset class="failover-choices">
            <legend>{ "Which single change shortens the outage most?" }</legend>
            { for p.options.iter().enumerate().map(|(i, o)| {
                let checked = p.chosen == Some(i);
                let onchange = p.on_choose.reform(move |_: Event| i);
                html! { <label class="failover-choice">
                    <input type="radio" name="failover-choice" value={i.to_string()}
                        {checked} {onchange} />
                    { o.label.clone() }
                </label> }
            }) }
        </fieldset>
    }
}
