//! The RTT matrix of the drawn topology (a table, or a heat map past 20 sites) and the
//! working of the selected pair.

use super::computed::Computed;
use super::style::{band, band_heat, heat};
use cloudhop_core::latency::explain;
use cloudhop_core::latency::topology::{Network, Scenario, TopologyResult};
use std::fmt::Write as _;
use std::rc::Rc;
use yew::prelude::*;

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
                    <td class={classes!(sel.then_some("selected"))} ~style={format!("background: {}", heat(v))}
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
