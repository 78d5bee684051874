//! The toolbar: scenario (seed) menu, prefix menu, undo and reset.

use super::model::LabAction;
use cloudhop_core::bgp::scenario::IpNet;
use cloudhop_core::bgp::seeds::parsed;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What the toolbar shows.
pub(crate) struct ToolbarProps {
    /// Offer the seed menu (not inside an exercise).
    pub seeds: bool,
    /// The seed the scenario came from ("" when custom).
    pub seed_name: &'static str,
    pub prefixes: Vec<IpNet>,
    pub prefix: Option<IpNet>,
    pub can_undo: bool,
    pub on: Callback<LabAction>,
    pub on_reset: Callback<()>,
}

/// The toolbar.
pub(crate) fn toolbar(p: &ToolbarProps) -> Html {
    let on_seed = {
        let on = p.on.clone();
        Callback::from(move |e: Event| {
            let name = e.target_unchecked_into::<HtmlSelectElement>().value();
            on.emit(LabAction::Seed(name));
        })
    };
    let on_prefix = {
        let on = p.on.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            on.emit(LabAction::ChoosePrefix(v));
        })
    };
    let on_undo = {
        let on = p.on.clone();
        Callback::from(move |_| on.emit(LabAction::Undo))
    };
    let on_reset = p.on_reset.reform(|_: MouseEvent| ());
    let seed_name = p.seed_name;
    html! {
        <div class="bgp-toolbar">
            if p.seeds {
                <label>{ "Scenario " }
                    <select class="bgp-seed" onchange={on_seed}>
                        <option value="" selected={seed_name.is_empty()} disabled=true>{ "(custom)" }</option>
                        { for parsed().iter().map(|(n, s)| html! {
                            <option value={*n} selected={*n == seed_name}>{ s.title.clone() }</option>
                        }) }
                    </select>
                </label>
            }
            <label>{ "Prefix " }
                <select class="bgp-prefix" onchange={on_prefix}>
                    { for p.prefixes.iter().map(|pf| html! {
                        <option value={pf.to_string()} selected={Some(*pf) == p.prefix}>{ pf.to_string() }</option>
                    }) }
                </select>
            </label>
            <button class="bgp-undo" onclick={on_undo} disabled={!p.can_undo}>{ "↶ Undo" }</button>
            <button class="bgp-reset" onclick={on_reset}>{ "Reset" }</button>
        </div>
    }
}
