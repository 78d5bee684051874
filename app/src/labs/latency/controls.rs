//! The lab's controls: adding sites (by provider and region, all regions, clear, reset)
//! and the two sliders. Each edit is the engine's; the controls only read the inputs.

use super::reducer::Edit;
use super::state::LabState;
use cloudhop_core::latency::catalog::{Catalog, Provider, SiteKind};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The add-sites bar's properties.
#[derive(Properties, PartialEq)]
pub(crate) struct AddSitesProps {
    pub edit: Callback<Edit>,
    pub reset: Callback<()>,
}

/// Provider and region choosers, "Add all", "Clear" and "Reset".
#[function_component]
pub(crate) fn AddSites(p: &AddSitesProps) -> Html {
    let add_provider = use_state(|| Provider::Aws);
    let cat = Catalog::builtin();
    let on_provider = {
        let add_provider = add_provider.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            add_provider.set(Provider::from_prefix(&v).unwrap_or(Provider::Aws));
        })
    };
    let on_add_region = {
        let edit = p.edit.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if !v.is_empty() {
                edit.emit(Rc::new(move |s: &mut LabState| s.scenario.add_site_id(&v)));
            }
        })
    };
    let on_add_all = {
        let provider = *add_provider;
        p.edit.reform(move |_: MouseEvent| -> Edit {
            Rc::new(move |s: &mut LabState| s.scenario.add_regions_of(provider))
        })
    };
    let on_clear = p
        .edit
        .reform(|_: MouseEvent| -> Edit { Rc::new(|s: &mut LabState| s.scenario.clear_sites()) });
    let reset = p.reset.reform(|_: MouseEvent| ());
    html! {
        <div class="latency-add">
            <label>{ "Add a region: " }
                <select aria-label="provider" onchange={on_provider}>
                    { for Provider::CLOUDS.iter().map(|p| html! {
                        <option value={p.id()} selected={*p == *add_provider}>{ p.title() }</option>
                    }) }
                </select>
            </label>
            <select aria-label="region" class="latency-region-select" onchange={on_add_region}>
                <option value="" selected=true>{ "choose a region…" }</option>
                { for cat.regions_of(*add_provider).map(|r| html! {
                    <option value={r.id.clone()}>{ format!("{} · {} ({})", r.id, r.name, r.metro) }</option>
                }) }
                <optgroup label="Exchange metros">
                    { for cat.of_kind(SiteKind::Exchange).map(|r| html! {
                        <option value={r.id.clone()}>{ format!("{} · {}", r.id, r.metro) }</option>
                    }) }
                </optgroup>
            </select>
            <button type="button" onclick={on_add_all}>{ format!("Add all {} regions", add_provider.title()) }</button>
            <button type="button" onclick={on_clear}>{ "Clear" }</button>
            <button type="button" onclick={reset}>{ "Reset" }</button>
            <span class="latency-hint">{ "Click the map to add an on-premises site." }</span>
        </div>
    }
}

/// The sliders' properties.
#[derive(Properties, PartialEq)]
pub(crate) struct SlidersProps {
    pub nat_share: f64,
    pub tunnel_overhead_ms: f64,
    pub edit: Callback<Edit>,
}

/// The NAT share and tunnel overhead sliders.
#[function_component]
pub(crate) fn Sliders(p: &SlidersProps) -> Html {
    let value = |e: &InputEvent, otherwise: f64| -> f64 {
        e.target_unchecked_into::<HtmlInputElement>()
            .value()
            .parse()
            .unwrap_or(otherwise)
    };
    let on_nat = p.edit.reform(move |e: InputEvent| -> Edit {
        let v = value(&e, 25.0);
        Rc::new(move |s: &mut LabState| s.scenario.set_nat_percent(v))
    });
    let on_tunnel = p.edit.reform(move |e: InputEvent| -> Edit {
        let v = value(&e, 1.0);
        Rc::new(move |s: &mut LabState| s.scenario.set_tunnel_overhead(v))
    });
    html! {
        <div class="latency-sliders">
            <label>
                { format!("Pairs behind symmetric NAT (relayed): {:.0}%", p.nat_share * 100.0) }
                <input type="range" min="0" max="100" step="5" aria-label="NAT share"
                    value={format!("{:.0}", p.nat_share * 100.0)} oninput={on_nat} />
            </label>
            <label>
                { format!("Tunnel overhead: {:.1} ms per tunnel", p.tunnel_overhead_ms) }
                <input type="range" min="0" max="10" step="0.5" aria-label="tunnel overhead"
                    value={format!("{}", p.tunnel_overhead_ms)} oninput={on_tunnel} />
            </label>
        </div>
    }
}
