//! The topologies side by side: mean, p95 and worst RTT bars and the link counts.

use super::computed::Computed;
use super::style::opt_ms;
use crate::components::message::message_view;
use cloudhop_core::latency::error::LatencyError;
use cloudhop_core::latency::explain;
use cloudhop_core::latency::topology::{Scenario, TopologyResult};
use std::rc::Rc;
use yew::prelude::*;

/// The comparison's properties: equal while the results and what explains them are.
#[derive(Properties)]
pub(crate) struct ComparisonProps {
    pub computed: Rc<Computed>,
}

impl PartialEq for ComparisonProps {
    fn eq(&self, o: &Self) -> bool {
        let (a, b) = (&self.computed, &o.computed);
        Rc::ptr_eq(a, b)
            || (a.results == b.results
                && a.scenario.topologies == b.scenario.topologies
                && a.scenario.tunnel_overhead_ms == b.scenario.tunnel_overhead_ms
                && a.scenario.nat_share == b.scenario.nat_share)
    }
}

/// Topologies side by side.
#[function_component]
pub(crate) fn Comparison(p: &ComparisonProps) -> Html {
    comparison_bars(&p.computed.scenario, &p.computed.results)
}

/// Side-by-side bars: mean, p95 and worst RTT per topology, with the link count.
pub(crate) fn comparison_bars(
    sc: &Scenario,
    results: &[Result<TopologyResult, LatencyError>],
) -> Html {
    let top = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .filter_map(|r| r.max_ms)
        .fold(1.0, f64::max);
    let bar = |label: &'static str, v: Option<f64>, class: &'static str| {
        let w = v.map(|x| 100.0 * x / top).unwrap_or(0.0);
        html! {
            <div class="latency-bar-row">
                <span class="latency-bar-label">{ label }</span>
                <span class={classes!("latency-bar", class)} ~style={format!("width: {w:.1}%")}></span>
                <span class="latency-bar-value">{ opt_ms(v) }</span>
            </div>
        }
    };
    html! {
        <section class="latency-compare" aria-label="topology comparison">
            <h3>{ "Topologies side by side" }</h3>
            <div class="latency-compare-grid">
                { for sc.topologies.iter().zip(results).map(|(t, r)| match r {
                    Ok(r) => html! {
                        <div class="latency-compare-card">
                            <h4>{ t.kind().title() }</h4>
                            <p class="latency-muted">{ r.topology.clone() }</p>
                            { bar("mean", r.mean_ms, "mean") }
                            { bar("p95", r.p95_ms, "p95") }
                            { bar("worst", r.max_ms, "worst") }
                            <p>{ format!("{} tunnels / links", r.links) }
                               if r.unreachable_pairs > 0 { <span class="latency-bad">{ format!(" · {} pairs cut", r.unreachable_pairs) }</span> }</p>
                            <details><summary>{ "how computed" }</summary>
                                <p>{ explain::topology_text(r, sc.tunnel_overhead_ms, sc.nat_share) }</p>
                                <p>{ format!("Links: {}.", r.links_formula) }</p>
                            </details>
                        </div>
                    },
                    Err(e) => html! { <div class="latency-compare-card"><h4>{ t.kind().title() }</h4><p class="latency-error">{ message_view(&e.to_string()) }</p></div> },
                }) }
            </div>
        </section>
    }
}
