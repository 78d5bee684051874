//! The topology tabs: which topology is drawn, its hub or exchange chooser, and its
//! summary with what a failure would do.

use super::computed::Computed;
use super::style::opt_ms;
use crate::components::message::message_view;
use cloudhop_core::latency::catalog::{Catalog, SiteKind};
use cloudhop_core::latency::error::LatencyError;
use cloudhop_core::latency::explain;
use cloudhop_core::latency::topology::{
    Network, Scenario, TopologyKind, TopologyResult, TopologySpec,
};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The topology tabs' properties.
#[derive(Properties)]
pub(crate) struct TopologyTabsProps {
    pub computed: Rc<Computed>,
    pub show: usize,
    pub set_show: Callback<usize>,
    pub set_choice: Callback<(usize, String)>,
    pub toggle_fail: Callback<String>,
    pub allow_best: bool,
}

impl PartialEq for TopologyTabsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.computed, &o.computed)
            && self.show == o.show
            && self.set_show == o.set_show
            && self.set_choice == o.set_choice
            && self.toggle_fail == o.toggle_fail
            && self.allow_best == o.allow_best
    }
}

/// Tabs, chooser and the summary of the shown topology.
#[function_component]
pub(crate) fn TopologyTabs(p: &TopologyTabsProps) -> Html {
    let c = &p.computed;
    match &c.net {
        Ok(net) => topology_tabs(
            &c.scenario,
            &c.results,
            p.show,
            p.set_show.clone(),
            p.set_choice.clone(),
            net,
            p.toggle_fail.clone(),
            p.allow_best,
        ),
        Err(_) => html! {},
    }
}

/// Tabs to pick the drawn topology, with its summary and failure effects.
#[allow(clippy::too_many_arguments)]
pub(crate) fn topology_tabs(
    sc: &Scenario,
    results: &[Result<TopologyResult, LatencyError>],
    show: usize,
    set_show: Callback<usize>,
    set_choice: Callback<(usize, String)>,
    net: &Network,
    toggle_fail: Callback<String>,
    allow_best: bool,
) -> Html {
    let tabs = sc.topologies.iter().enumerate().map(|(i, t)| {
        let cb = set_show.clone();
        html! {
            <button type="button" role="tab" aria-selected={(i == show).to_string()}
                class={classes!("latency-tab", (i == show).then_some("active"))}
                onclick={Callback::from(move |_| cb.emit(i))}>{ t.kind().title() }</button>
        }
    });
    let spec = sc.topologies.get(show);
    let result = results.get(show);
    let chooser = match spec {
        Some(TopologySpec::Hub(c)) | Some(TopologySpec::Exchange(c)) => {
            let exchange = matches!(spec, Some(TopologySpec::Exchange(_)));
            let current = c.value();
            let cb = set_choice.clone();
            let onchange = Callback::from(move |e: Event| {
                cb.emit((show, e.target_unchecked_into::<HtmlSelectElement>().value()))
            });
            let options: Vec<(String, String)> = if exchange {
                Catalog::builtin()
                    .of_kind(SiteKind::Exchange)
                    .map(|s| (s.id.clone(), format!("{} ({})", s.id, s.metro)))
                    .collect()
            } else {
                net.sites()
                    .iter()
                    .map(|s| (s.id.clone(), s.id.clone()))
                    .collect()
            };
            html! {
                <label class="latency-chooser">{ if exchange { "Exchange metro: " } else { "Hub: " } }
                    <select aria-label={if exchange { "exchange metro" } else { "hub" }} {onchange}>
                        if allow_best {
                            <option value="best" selected={current == "best"}>{ "best for the mean RTT" }</option>
                            <option value="best-worst" selected={current == "best-worst"}>{ "best for the worst RTT" }</option>
                        }
                        { for options.into_iter().map(|(v, label)| html! {
                            <option value={v.clone()} selected={current == v}>{ label }</option>
                        }) }
                    </select>
                </label>
            }
        }
        _ => html! {},
    };
    let summary = match result {
        Some(Ok(r)) => summary(sc, r, net, toggle_fail),
        Some(Err(e)) => {
            html! { <p class="latency-error" role="alert">{ message_view(&e.to_string()) }</p> }
        }
        None => html! {},
    };
    html! {
        <div class="latency-topology">
            <div role="tablist" class="latency-tabs">{ for tabs }</div>
            { chooser }
            { summary }
        </div>
    }
}

fn summary(
    sc: &Scenario,
    r: &TopologyResult,
    net: &Network,
    toggle_fail: Callback<String>,
) -> Html {
    let p = sc.params();
    let spec = r.spec();
    let failure = match (&r.via, r.kind) {
        (Some(via), _) => {
            let down = sc.failed.contains(via);
            let id = via.clone();
            let impact = net.failure_impact(&spec, &p, via).ok();
            html! {
                <p class="latency-failure">
                    { explain::via_failure_text(r, via, down, impact.as_ref()) }
                    <button type="button" class="latency-fail-hub" onclick={Callback::from(move |_| toggle_fail.emit(id.clone()))}>
                        { if down { format!("restore {via}") } else { format!("fail {via}") } }
                    </button>
                </p>
            }
        }
        (None, TopologyKind::Relay) => {
            let used = r.intermediates_used();
            let first = used.first().map(|s| s.to_string());
            let impact = first
                .as_ref()
                .and_then(|id| net.failure_impact(&spec, &p, id).ok());
            html! {
                <p class="latency-failure">
                    { explain::relayed_text(r) }
                    { match (impact, first) {
                        (Some(i), Some(id)) => {
                            let tf = toggle_fail.clone();
                            let id2 = id.clone();
                            html! { <>
                                { explain::relay_failure_text(&id, &i) }
                                <button type="button" class="latency-fail-hub" onclick={Callback::from(move |_| tf.emit(id2.clone()))}>{ format!("fail {id}") }</button>
                            </> }
                        }
                        _ => html! {},
                    } }
                </p>
            }
        }
        _ => {
            html! {
                <p class="latency-failure">{ explain::site_failure_text(net.sites().len()) }</p>
            }
        }
    };
    let worst = r
        .worst_pair
        .as_ref()
        .map(|(a, b)| format!(" ({a} ↔ {b})"))
        .unwrap_or_default();
    html! {
        <div class="latency-summary">
            <dl>
                <dt>{ "Tunnels / links" }</dt><dd>{ r.links }<details><summary>{ "how" }</summary>{ r.links_formula.clone() }</details></dd>
                <dt>{ "Mean RTT" }</dt><dd>{ opt_ms(r.mean_ms) }</dd>
                <dt>{ "p95 RTT" }</dt><dd>{ opt_ms(r.p95_ms) }</dd>
                <dt>{ "Worst pair" }</dt><dd>{ format!("{}{}", opt_ms(r.max_ms), worst) }</dd>
                <dt>{ "Stretch vs direct" }</dt><dd>{ format!("mean {:.2}×, max {:.2}×", r.mean_stretch.unwrap_or(0.0), r.max_stretch.unwrap_or(0.0)) }</dd>
                <dt>{ "A new site adds" }</dt><dd>{ format!("{} tunnel{}, touching {} site{}", r.new_site_links, if r.new_site_links == 1 { "" } else { "s" }, r.new_site_touches, if r.new_site_touches == 1 { "" } else { "s" }) }</dd>
                if r.unreachable_pairs > 0 {
                    <dt>{ "Pairs cut" }</dt><dd class="latency-bad">{ format!("{} of {}", r.unreachable_pairs, r.pairs) }</dd>
                }
            </dl>
            { failure }
        </div>
    }
}
