//! Colours and classes shared by the map and the figures (kept apart so neither of them
//! depends on the other).

use cloudhop_core::latency::catalog::{Provider, Site, SiteKind};

/// Background colour for an RTT: green (0 ms) to red (300 ms and more).
pub(crate) fn heat(ms: f64) -> String {
    let h = 120.0 * (1.0 - (ms / 300.0).clamp(0.0, 1.0));
    format!("hsl({h:.0}, 70%, 60%)")
}

/// The colour band of an RTT: 20 ms steps (so lines and heat-map cells share a few
/// paths); from 300 ms on the colour no longer changes, so those share the last band.
pub(crate) fn band(ms: f64) -> usize {
    ((ms / 20.0).floor() as usize).min(15)
}

/// A band's colour: the colour of its middle.
pub(crate) fn band_heat(band: usize) -> String {
    heat(band as f64 * 20.0 + 10.0)
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

/// An RTT as the figures show it: `12.3 ms`.
pub(crate) fn ms(v: f64) -> String {
    format!("{v:.1} ms")
}

/// An RTT, or a dash where there is none.
pub(crate) fn opt_ms(v: Option<f64>) -> String {
    v.map(ms).unwrap_or_else(|| "—".into())
}
