//! Address planner (being built).

use super::LabProps;
use yew::prelude::*;

/// Address planner.
#[function_component]
pub fn PlannerLab(_props: &LabProps) -> Html {
    html! { <section class="lab"><h2>{ "Address planner" }</h2><p>{ "This lab is being built." }</p></section> }
}
