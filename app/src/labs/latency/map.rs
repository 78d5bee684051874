//! The world map: an embedded land outline (Natural Earth, public domain; see
//! `static/world-land.svg` and `scripts/world-map.mjs`), the sites, and the drawn topology.
//! Equirectangular: x = lon + 180, y = 85 - lat, in a 360 × 145 view box.

use super::figures::heat;
use cloudhop_core::latency::catalog::{Provider, Site, SiteKind};
use cloudhop_core::latency::topology::{Network, TopologyResult};
use std::collections::BTreeSet;
use yew::prelude::*;

const WORLD_SVG: &str = include_str!("../../../../static/world-land.svg");
const HEIGHT: f64 = 145.0;

/// The `d` attribute of the embedded outline.
fn land_path() -> &'static str {
    WORLD_SVG
        .split_once(" d=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(d, _)| d)
        .unwrap_or("")
}

fn proj(site: &Site) -> (f64, f64) {
    (site.pos.lon + 180.0, 85.0 - site.pos.lat)
}

/// CSS class for a site's marker.
pub(crate) fn site_class(site: &Site) -> &'static str {
    match (site.kind, site.provider()) {
        (_, Some(Provider::Aws)) => "latency-aws",
        (_, Some(Provider::Gcp)) => "latency-gcp",
        (_, Some(Provider::Azure)) => "latency-azure",
        (SiteKind::Relay, _) => "latency-relay",
        (SiteKind::Exchange, _) => "latency-ix",
        _ => "latency-onprem",
    }
}

/// Line segments batched into one `<path>` per style: thousands of pairs stay a handful
/// of DOM nodes.
#[derive(Default)]
struct Paths {
    /// (class, stroke colour) -> path data
    groups: Vec<((&'static str, Option<String>), String)>,
}

impl Paths {
    /// Add a segment, drawn the short way round (across the date line when that is
    /// shorter: then twice, shifted by 360°, and clipped by the view box).
    fn segment(
        &mut self,
        a: (f64, f64),
        b: (f64, f64),
        class: &'static str,
        stroke: Option<String>,
    ) {
        let key = (class, stroke);
        let d = match self.groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, d)) => d,
            None => {
                self.groups.push((key, String::new()));
                match self.groups.last_mut() {
                    Some((_, d)) => d,
                    None => return,
                }
            }
        };
        let dx = b.0 - a.0;
        let shift = if dx > 180.0 {
            -360.0
        } else if dx < -180.0 {
            360.0
        } else {
            0.0
        };
        d.push_str(&format!(
            "M{:.1} {:.1}L{:.1} {:.1}",
            a.0,
            a.1,
            b.0 + shift,
            b.1
        ));
        if shift != 0.0 {
            d.push_str(&format!(
                "M{:.1} {:.1}L{:.1} {:.1}",
                a.0 - shift,
                a.1,
                b.0,
                b.1
            ));
        }
    }

    fn html(self) -> Html {
        html! { <>{ for self.groups.into_iter().map(|((class, stroke), d)| html! {
            <path class={class} stroke={stroke} d={d} />
        }) }</> }
    }
}

/// The colour of an RTT, in 20 ms steps (so lines share a few paths).
fn binned_heat(ms: f64) -> Option<String> {
    Some(heat((ms / 20.0).floor() * 20.0 + 10.0))
}

/// The map with the sites and the shown topology.
pub(crate) fn world_map(
    net: &Network,
    shown: Option<&TopologyResult>,
    failed: &[String],
    on_click: Callback<(f64, f64)>,
) -> Html {
    let sites = net.sites();
    let n = sites.len();
    let is_failed = |id: &str| failed.iter().any(|f| f == id);
    let onclick = Callback::from(move |e: MouseEvent| {
        // Yew delegates events to the app root, so find the drawing from the target.
        let Some(el) = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|t| t.closest("svg.latency-map-svg").ok().flatten())
        else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return;
        }
        let x = (f64::from(e.client_x()) - rect.left()) / rect.width() * 360.0;
        let y = (f64::from(e.client_y()) - rect.top()) / rect.height() * HEIGHT;
        let (lat, lon) = (85.0 - y, x - 180.0);
        if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) {
            on_click.emit((lat, lon));
        }
    });

    let mut lines = Paths::default();
    let mut extra_sites: Vec<&Site> = Vec::new();
    if let Some(r) = shown {
        match r.kind.as_str() {
            "hub" | "exchange" => {
                if let Some(hub) = r.intermediates.first() {
                    let h = proj(hub);
                    for (i, s) in sites.iter().enumerate() {
                        let reachable = (0..n).any(|j| j != i && r.rtt(i, j).is_some());
                        if s.id != hub.id && reachable {
                            lines.segment(proj(s), h, "latency-link latency-spoke", None);
                        }
                    }
                    if !sites.iter().any(|s| s.id == hub.id) {
                        extra_sites.push(hub);
                    }
                }
            }
            "relay" => {
                let mut legs = BTreeSet::new();
                for i in 0..n {
                    for j in (i + 1)..n {
                        match (r.via_of(i, j), r.rtt(i, j)) {
                            (Some(relay), Some(_)) => {
                                legs.insert((i, relay.id.clone()));
                                legs.insert((j, relay.id.clone()));
                            }
                            (None, Some(v)) => lines.segment(
                                proj(&sites[i]),
                                proj(&sites[j]),
                                "latency-link",
                                binned_heat(v),
                            ),
                            _ => {}
                        }
                    }
                }
                for (i, rid) in &legs {
                    if let (Some(s), Some(relay)) =
                        (sites.get(*i), r.intermediates.iter().find(|x| &x.id == rid))
                    {
                        lines.segment(proj(s), proj(relay), "latency-link latency-relayed", None);
                    }
                }
                for relay in &r.intermediates {
                    if legs.iter().any(|(_, id)| *id == relay.id) {
                        extra_sites.push(relay);
                    }
                }
            }
            _ => {
                for i in 0..n {
                    for j in (i + 1)..n {
                        if let Some(v) = r.rtt(i, j) {
                            lines.segment(
                                proj(&sites[i]),
                                proj(&sites[j]),
                                "latency-link",
                                binned_heat(v),
                            );
                        }
                    }
                }
            }
        }
    }
    let label_all = n <= 12;
    let marker = |s: &Site, idx: Option<usize>| {
        let (x, y) = proj(s);
        let down = is_failed(&s.id);
        let title = format!(
            "{}{} — {} ({}, {:.2}°, {:.2}°){}",
            idx.map(|i| format!("{}. ", i + 1)).unwrap_or_default(),
            s.id,
            s.name,
            s.metro,
            s.pos.lat,
            s.pos.lon,
            if down { " — failed" } else { "" }
        );
        let intermediate = idx.is_none();
        let shape = if intermediate {
            html! { <rect x={format!("{:.1}", x - 1.8)} y={format!("{:.1}", y - 1.8)} width="3.6" height="3.6" /> }
        } else {
            html! { <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="1.7" /> }
        };
        html! {
            <g class={classes!("latency-site", site_class(s), down.then_some("latency-failed"), intermediate.then_some("latency-via"))}>
                <title>{ title }</title>
                { shape }
                if down {
                    <path class="latency-cross" d={format!("M{:.1} {:.1}l3 3m0-3l-3 3", x - 1.5, y - 1.5)} />
                }
                if label_all || intermediate {
                    <text x={format!("{:.1}", x + 2.4)} y={format!("{:.1}", y + 1.2)}>
                        { idx.map(|i| format!("{} ", i + 1)).unwrap_or_default() }{ s.metro.clone() }
                    </text>
                }
            </g>
        }
    };
    html! {
        <figure class="latency-map">
            <svg class="latency-map-svg" viewBox={format!("0 0 360 {HEIGHT}")} role="img" preserveAspectRatio="xMidYMid meet"
                aria-label="World map with the sites and the chosen topology" {onclick}>
                <rect class="latency-sea" x="0" y="0" width="360" height={HEIGHT.to_string()} />
                <path class="latency-land" d={AttrValue::Static(land_path())} />
                <g class="latency-links">{ lines.html() }</g>
                { for extra_sites.iter().map(|s| marker(s, None)) }
                { for sites.iter().enumerate().map(|(i, s)| marker(s, Some(i))) }
            </svg>
            <figcaption>
                { "Land outline: Natural Earth (public domain). Lines are drawn straight on this projection; distances are great-circle. " }
                <span class="latency-legend latency-aws">{ "● AWS " }</span>
                <span class="latency-legend latency-gcp">{ "● Google Cloud " }</span>
                <span class="latency-legend latency-azure">{ "● Azure " }</span>
                <span class="latency-legend latency-onprem">{ "● on-prem " }</span>
                <span class="latency-legend latency-relay">{ "■ relay " }</span>
                <span class="latency-legend latency-ix">{ "■ hub / exchange" }</span>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_outline_is_embedded() {
        assert!(super::land_path().starts_with('M'));
        assert!(super::land_path().len() > 10_000);
    }
}
