//! Failover lab (being built).

use super::LabProps;
use yew::prelude::*;

/// Failover lab.
#[function_component]
pub fn FailoverLab(_props: &LabProps) -> Html {
    html! { <section class="lab"><h2>{ "Failover lab" }</h2><p>{ "This lab is being built." }</p></section> }
}
