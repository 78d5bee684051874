//! Latency lab (being built).

use super::LabProps;
use yew::prelude::*;

/// Latency lab.
#[function_component]
pub fn LatencyLab(_props: &LabProps) -> Html {
    html! { <section class="lab"><h2>{ "Latency lab" }</h2><p>{ "This lab is being built." }</p></section> }
}
