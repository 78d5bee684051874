//! The lab's figures: site list, topology summaries, comparison bars, the RTT matrix
//! and the working behind each number.

use super::computed::Computed;
use super::style::{band, band_heat, heat, site_class};
use cloudhop_core::latency::calibration::Calibration;
use cloudhop_core::latency::catalog::{Catalog, SiteKind};
use cloudhop_core::latency::explain;
use cloudhop_core::latency::model::RttModel;
use cloudhop_core::latency::topology::{
    Network, Scenario, TopologyKind, TopologyResult, TopologySpec,
};
use std::fmt::Write as _;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

// --- Components: each re-renders only when what it shows changed -------------------

/// The site list's properties: equal while the sites and the failures are.
#[derive(Properties)]
pub(crate) struct SiteListProps {
    pub computed: Rc<Computed>,
    pub toggle_fail: Callback<String>,
    pub remove: Callback<usize>,
}

impl PartialEq for SiteListProps {
    fn eq(&self, o: &Self) -> bool {
        let (a, b) = (&self.computed, &o.computed);
        self.toggle_fail == o.toggle_fail
            && self.remove == o.remove
            && (Rc::ptr_eq(a, b)
                || (a.net.is_ok() == b.net.is_ok()
                    && a.sites() == b.sites()
                    && a.scenario.failed == b.scenario.failed))
    }
}

/// The numbered site list.
#[function_component]
pub(crate) fn SiteList(p: &SiteListProps) -> Html {
    match &p.computed.net {
        Ok(net) => site_list(
            net,
            &p.computed.scenario.failed,
            p.toggle_fail.clone(),
            p.remove.clone(),
        ),
        Err(_) => html! {},
    }
}

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

/// The matrix's properties.
#[derive(Properties)]
pub(crate) struct MatrixProps {
    pub computed: Rc<Computed>,
    pub show: usize,
    pub selected: Option<(usize, usize)>,
    pub on_select: Callback<(usize, usize)>,
}

impl PartialEq for MatrixProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.computed, &o.computed)
            && self.show == o.show
            && self.selected == o.selected
            && self.on_select == o.on_select
    }
}

/// The RTT matrix (a table, or a heat map past 20 sites) of the shown topology.
#[function_component]
pub(crate) fn Matrix(p: &MatrixProps) -> Html {
    let c = &p.computed;
    match (&c.net, c.results.get(p.show)) {
        (Ok(net), Some(Ok(r))) => matrix(net, r, &c.scenario, p.selected, p.on_select.clone()),
        _ => html! {},
    }
}

/// The model note: the same on every render, so drawn once.
#[function_component]
pub(crate) fn ModelNote() -> Html {
    model_note()
}

fn ms(v: f64) -> String {
    format!("{v:.1} ms")
}

fn opt_ms(v: Option<f64>) -> String {
    v.map(ms).unwrap_or_else(|| "—".into())
}

/// The numbered site list with fail and remove buttons.
pub(crate) fn site_list(
    net: &Network,
    failed: &[String],
    toggle_fail: Callback<String>,
    remove: Callback<usize>,
) -> Html {
    let sites = net.sites();
    if sites.is_empty() {
        return html! { <p class="latency-empty">{ "No sites yet: add regions above or click the map." }</p> };
    }
    html! {
        <ol class="latency-sites" aria-label="sites">
            { for sites.iter().enumerate().map(|(i, s)| {
                let down = failed.contains(&s.id);
                let id = s.id.clone();
                let tf = toggle_fail.clone();
                let rm = remove.clone();
                html! {
                    <li class={classes!(site_class(s), down.then_some("latency-failed"))}>
                        <span class="latency-site-name" title={format!("{} ({}, {:.2}°, {:.2}°)", s.name, s.metro, s.pos.lat, s.pos.lon)}>
                            { format!("{}. {}", i + 1, s.id) }
                        </span>
                        <button type="button" class="latency-fail" aria-pressed={down.to_string()}
                            onclick={Callback::from(move |_| tf.emit(id.clone()))}>
                            { if down { "restore" } else { "fail" } }
                        </button>
                        <button type="button" class="latency-remove" aria-label={format!("remove {}", s.id)}
                            onclick={Callback::from(move |_| rm.emit(i))}>{ "×" }</button>
                    </li>
                }
            }) }
        </ol>
    }
}

fn title_of(spec: &TopologySpec) -> &'static str {
    match spec {
        TopologySpec::Mesh => "Full mesh",
        TopologySpec::Hub(_) => "Hub and spoke",
        TopologySpec::Relay => "Mesh + relays",
        TopologySpec::Exchange(_) => "Cloud exchange",
    }
}

/// Tabs to pick the drawn topology, with its summary and failure effects.
#[allow(clippy::too_many_arguments)]
pub(crate) fn topology_tabs(
    sc: &Scenario,
    results: &[Result<TopologyResult, String>],
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
                onclick={Callback::from(move |_| cb.emit(i))}>{ title_of(t) }</button>
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
        Some(Err(e)) => html! { <p class="latency-error" role="alert">{ e.clone() }</p> },
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

/// Side-by-side bars: mean, p95 and worst RTT per topology, with the link count.
pub(crate) fn comparison_bars(sc: &Scenario, results: &[Result<TopologyResult, String>]) -> Html {
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
                <span class={classes!("latency-bar", class)} style={format!("width: {w:.1}%")}></span>
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
                            <h4>{ title_of(t) }</h4>
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
                    Err(e) => html! { <div class="latency-compare-card"><h4>{ title_of(t) }</h4><p class="latency-error">{ e.clone() }</p></div> },
                }) }
            </div>
        </section>
    }
}

/// The colour-scaled RTT matrix of a topology; a click on a cell shows its working.
pub(crate) fn matrix(
    net: &Network,
    r: &TopologyResult,
    sc: &Scenario,
    selected: Option<(usize, usize)>,
    on_select: Callback<(usize, usize)>,
) -> Html {
    let sites = net.sites();
    let n = sites.len();
    if n < 2 {
        return html! {};
    }
    let header =
        (0..n).map(|j| html! { <th scope="col" title={sites[j].id.clone()}>{ j + 1 }</th> });
    if n > TABLE_MAX {
        return heatmap(net, r, sc, selected, on_select);
    }
    // One listener for the whole table: cells carry their pair in `data-c`.
    let onclick = Callback::from(move |e: MouseEvent| {
        let Some(el) = e.target_dyn_into::<web_sys::Element>() else {
            return;
        };
        let pair = el.get_attribute("data-c").and_then(|c| {
            let (i, j) = c.split_once(',')?;
            Some((i.parse().ok()?, j.parse().ok()?))
        });
        if let Some(p) = pair {
            on_select.emit(p);
        }
    });
    let rows = (0..n).map(|i| {
        let cells = (0..n).map(|j| {
            let v = r.rtt(i, j);
            let sel = selected == Some((i, j));
            match (i == j, v) {
                (true, _) => html! { <td class="latency-diag"></td> },
                (false, Some(v)) => html! {
                    <td class={classes!(sel.then_some("selected"))} style={format!("background: {}", heat(v))}
                        data-c={format!("{i},{j}")}>{ format!("{v:.0}") }</td>
                },
                (false, None) => html! { <td class="latency-cut" title="no path">{ "✕" }</td> },
            }
        });
        html! { <tr><th scope="row" title={sites[i].id.clone()}>{ i + 1 }</th>{ for cells }</tr> }
    });
    let working = working(net, r, sc, selected);
    html! {
        <section class="latency-matrix" aria-label="RTT matrix">
            <h3>{ format!("Round-trip times, {} (ms)", r.topology) }</h3>
            <p class="latency-muted">{ "Rows and columns are the numbered sites; click a cell to see how it was computed." }</p>
            <div class="latency-matrix-scroll">
                <table {onclick}>
                    <thead><tr><th></th>{ for header }</tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            { working }
        </section>
    }
}

/// How one pair's RTT was computed (the steps come from the engine).
fn working(
    net: &Network,
    r: &TopologyResult,
    sc: &Scenario,
    selected: Option<(usize, usize)>,
) -> Html {
    let w = selected
        .and_then(|(i, j)| r.working(net, sc.tunnel_overhead_ms, i, j))
        .map(|w| {
            html! {
                <div class="latency-working" aria-live="polite">
                    <h4>{ format!("{} ↔ {}", w.a.id, w.b.id) }</h4>
                    <ul>
                        { for explain::pair_steps(&w).into_iter().map(|step| html! { <li>{ step }</li> }) }
                    </ul>
                </div>
            }
        });
    w.unwrap_or_default()
}

/// Above this many sites the matrix is drawn as a heat map without numbers.
const TABLE_MAX: usize = 20;

/// The matrix as a heat map: one SVG path per colour band, so thousands of cells stay a
/// handful of DOM nodes. A click picks the cell under the pointer.
fn heatmap(
    net: &Network,
    r: &TopologyResult,
    sc: &Scenario,
    selected: Option<(usize, usize)>,
    on_select: Callback<(usize, usize)>,
) -> Html {
    let sites = net.sites();
    let n = sites.len();
    // Bands in order of first appearance; `slot[band]` is the band's place in `bands`.
    let mut bands: Vec<(usize, String)> = Vec::new();
    let mut slot = [usize::MAX; 16];
    let mut cut = String::new();
    for i in 0..n {
        for j in 0..n {
            if i == j {
                continue;
            }
            let d = match r.rtt(i, j) {
                Some(v) => {
                    let band = band(v);
                    if slot[band] == usize::MAX {
                        slot[band] = bands.len();
                        bands.push((band, String::new()));
                    }
                    &mut bands[slot[band]].1
                }
                None => &mut cut,
            };
            let _ = write!(d, "M{j} {i}h1v1h-1z");
        }
    }
    let onclick = Callback::from(move |e: MouseEvent| {
        // Yew delegates events to the app root, so find the drawing from the target.
        let Some(el) = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|t| t.closest("svg.latency-heatmap").ok().flatten())
        else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return;
        }
        let j = ((f64::from(e.client_x()) - rect.left()) / rect.width() * n as f64).floor();
        let i = ((f64::from(e.client_y()) - rect.top()) / rect.height() * n as f64).floor();
        if i >= 0.0 && j >= 0.0 && (i as usize) < n && (j as usize) < n {
            on_select.emit((i as usize, j as usize));
        }
    });
    let mark = selected.filter(|(i, j)| i < &n && j < &n).map(|(i, j)| {
        html! { <rect class="latency-heat-selected" x={j.to_string()} y={i.to_string()} width="1" height="1" /> }
    });
    let table = html! {
        <section class="latency-matrix" aria-label="RTT matrix">
            <h3>{ format!("Round-trip times, {} (heat map)", r.topology) }</h3>
            <p class="latency-muted">{ format!(
                "{n} sites: row i, column j is the round trip between sites i and j (numbered as in the list), green 0 ms to red 300 ms and more; crossed cells have no path. Click a cell to see how it was computed.") }</p>
            <svg class="latency-heatmap" viewBox={format!("0 0 {n} {n}")} role="img"
                aria-label="RTT heat map" preserveAspectRatio="none" {onclick}>
                <rect class="latency-heat-bg" x="0" y="0" width={n.to_string()} height={n.to_string()} />
                { for bands.into_iter().map(|(b, d)| html! {
                    <path d={d} fill={band_heat(b)} />
                }) }
                if !cut.is_empty() { <path class="latency-heat-cut" d={cut} /> }
                { for mark }
            </svg>
        </section>
    };
    html! { <>{ table }{ working(net, r, sc, selected) }</> }
}

/// The model and its calibration, with sources.
pub(crate) fn model_note() -> Html {
    let cal = Calibration::builtin();
    let model = RttModel::calibrated();
    let rep = cal.report(model);
    html! {
        <details class="latency-model">
            <summary>{ "The model and how well it fits published measurements" }</summary>
            <p>{ explain::model_text(model) }</p>
            <p>{ explain::calibration_text(&rep) }</p>
            <table class="latency-inflation">
                <thead><tr><th>{ "zones" }</th><th>{ "inflation" }</th></tr></thead>
                <tbody>{ for model.inflation_table().into_iter().map(|(a, b, k)| html! {
                    <tr><td>{ format!("{} – {}", a.label(), b.label()) }</td><td>{ format!("{k:.2}") }</td></tr>
                }) }</tbody>
            </table>
            <p>{ "Sources:" }</p>
            <ul>{ for cal.sources.iter().map(|s| html! {
                <li>{ format!("{} ({}, {}, {}): {}. ", s.title, s.date, s.percentile, if s.holdout { "held out" } else { "fitted" }, s.method) }
                    <a href={s.url.clone()} rel="noopener noreferrer">{ s.url.clone() }</a></li>
            }) }</ul>
        </details>
    }
}
