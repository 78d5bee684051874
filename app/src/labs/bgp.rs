//! BGP lab (being built).

use super::LabProps;
use yew::prelude::*;

/// BGP lab.
#[function_component]
pub fn BgpLab(_props: &LabProps) -> Html {
    html! { <section class="lab"><h2>{ "BGP lab" }</h2><p>{ "This lab is being built." }</p></section> }
}
