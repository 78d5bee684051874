//! The world map: an embedded land outline (Natural Earth, public domain; see
//! `static/world-land.svg` and `scripts/world-map.mjs`), the sites, and the drawn topology.
//! Equirectangular: x = lon + 180, y = 85 - lat, in a 360 × 145 view box.

use super::computed::Computed;
use super::style::{band, band_heat, site_class};
use cloudhop_core::latency::catalog::Site;
use cloudhop_core::latency::map_labels::{label_text, place};
use cloudhop_core::latency::topology::{Network, TopologyKind, TopologyResult};
use std::fmt::Write as _;
use std::rc::Rc;
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

/// A projected point with its coordinates already formatted (each site ends many lines).
struct Pt {
    x: f64,
    xs: String,
    ys: String,
}

impl Pt {
    fn of(site: &Site) -> Pt {
        let (x, y) = proj(site);
        Pt {
            x,
            xs: format!("{x:.1}"),
            ys: format!("{y:.1}"),
        }
    }
}

/// Line segments batched into one `<path>` per style: thousands of pairs stay a handful
/// of DOM nodes.
#[derive(Default)]
struct Paths {
    /// (class, colour band) -> path data, in order of first use
    groups: Vec<((&'static str, Option<usize>), String)>,
}

impl Paths {
    /// Add a segment, drawn the short way round (across the date line when that is
    /// shorter: then twice, shifted by 360°, and clipped by the view box).
    fn segment(&mut self, a: &Pt, b: &Pt, class: &'static str, band: Option<usize>) {
        let key = (class, band);
        let d = match self.groups.iter().position(|(k, _)| *k == key) {
            Some(i) => &mut self.groups[i].1,
            None => {
                self.groups.push((key, String::new()));
                match self.groups.last_mut() {
                    Some((_, d)) => d,
                    None => return,
                }
            }
        };
        let dx = b.x - a.x;
        let shift = if dx > 180.0 {
            -360.0
        } else if dx < -180.0 {
            360.0
        } else {
            0.0
        };
        if shift == 0.0 {
            for part in ["M", &a.xs, " ", &a.ys, "L", &b.xs, " ", &b.ys] {
                d.push_str(part);
            }
        } else {
            let _ = write!(
                d,
                "M{} {}L{:.1} {}M{:.1} {}L{} {}",
                a.xs,
                a.ys,
                b.x + shift,
                b.ys,
                a.x - shift,
                a.ys,
                b.xs,
                b.ys
            );
        }
    }

    fn html(self) -> Html {
        html! { <>{ for self.groups.into_iter().map(|((class, band), d)| html! {
            <path class={class} stroke={band.map(band_heat)} d={d} />
        }) }</> }
    }
}

/// The map's properties: equal while the sites, the failures and the shown topology are.
#[derive(Properties)]
pub(crate) struct WorldMapProps {
    pub computed: Rc<Computed>,
    pub show: usize,
    pub on_click: Callback<(f64, f64)>,
}

impl WorldMapProps {
    fn shown(&self) -> Option<&TopologyResult> {
        self.computed
            .results
            .get(self.show)
            .and_then(|r| r.as_ref().ok())
    }
}

impl PartialEq for WorldMapProps {
    fn eq(&self, o: &Self) -> bool {
        let (a, b) = (&self.computed, &o.computed);
        self.on_click == o.on_click
            && ((Rc::ptr_eq(a, b) && self.show == o.show)
                || (a.net.is_ok() == b.net.is_ok()
                    && a.sites() == b.sites()
                    && a.scenario.failed == b.scenario.failed
                    && self.shown() == o.shown()))
    }
}

/// The world map (re-drawn only when what it shows changed).
#[function_component]
pub(crate) fn WorldMap(p: &WorldMapProps) -> Html {
    let node = use_node_ref();
    let width = crate::labs::width::use_width(node.clone());
    match &p.computed.net {
        Ok(net) => html! {
            <div class="latency-map-box" ref={node}>
                { world_map(net, p.shown(), &p.computed.scenario.failed, p.on_click.clone(), width) }
            </div>
        },
        Err(_) => html! { <div class="latency-map-box" ref={node}></div> },
    }
}

/// The map with the sites and the shown topology.
pub(crate) fn world_map(
    net: &Network,
    shown: Option<&TopologyResult>,
    failed: &[String],
    on_click: Callback<(f64, f64)>,
    width_px: Option<f64>,
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
    let pts: Vec<Pt> = if shown.is_some() {
        sites.iter().map(Pt::of).collect()
    } else {
        Vec::new()
    };
    let mut extra_sites: Vec<&Site> = Vec::new();
    if let Some(r) = shown {
        let drawing = r.drawing(sites);
        for &(i, j, v) in &drawing.direct {
            lines.segment(&pts[i], &pts[j], "latency-link", Some(band(v)));
        }
        let class = match r.kind {
            TopologyKind::Relay => "latency-link latency-relayed",
            _ => "latency-link latency-spoke",
        };
        let via: Vec<Pt> = r.intermediates.iter().map(Pt::of).collect();
        for &(i, k) in &drawing.to_intermediate {
            if let (Some(s), Some(v)) = (pts.get(i), via.get(k)) {
                lines.segment(s, v, class, None);
            }
        }
        extra_sites.extend(drawing.extra.iter().filter_map(|&k| r.intermediates.get(k)));
    }
    // Labels sized and placed by core for the measured width: numbered sites, then relays and hubs.
    let points: Vec<(f64, f64)> = sites
        .iter()
        .chain(extra_sites.iter().copied())
        .map(proj)
        .collect();
    let names: Vec<&str> = sites
        .iter()
        .chain(extra_sites.iter().copied())
        .map(|s| s.metro.as_str())
        .collect();
    let labels = place(&points, &names, n, width_px);
    let font = format!("{:.2}", labels.font);
    let marker = |s: &Site, idx: Option<usize>, at: usize| {
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
                if let Some(Some(l)) = labels.labels.get(at) {
                    <text x={format!("{:.1}", l.x)} y={format!("{:.1}", l.y)} font-size={font.clone()}
                        text-anchor={if l.end { "end" } else { "start" }}>
                        { label_text(labels.text, at, n, &s.metro) }
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
                { for extra_sites.iter().enumerate().map(|(k, s)| marker(s, None, n + k)) }
                { for sites.iter().enumerate().map(|(i, s)| marker(s, Some(i), i)) }
            </svg>
            <figcaption>
                { "Land outline: Natural Earth (public domain). Lines are drawn straight on this projection; distances are great-circle. " }
                <span class="latency-legend latency-aws"><span class="latency-key" aria-hidden="true">{ "●" }</span>{ " AWS " }</span>
                <span class="latency-legend latency-gcp"><span class="latency-key" aria-hidden="true">{ "●" }</span>{ " Google Cloud " }</span>
                <span class="latency-legend latency-azure"><span class="latency-key" aria-hidden="true">{ "●" }</span>{ " Azure " }</span>
                <span class="latency-legend latency-onprem"><span class="latency-key" aria-hidden="true">{ "●" }</span>{ " on-prem " }</span>
                <span class="latency-legend latency-relay"><span class="latency-key" aria-hidden="true">{ "■" }</span>{ " relay " }</span>
                <span class="latency-legend latency-ix"><span class="latency-key" aria-hidden="true">{ "■" }</span>{ " hub / exchange" }</span>
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
