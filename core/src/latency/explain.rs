//! The words and formulas that show the working: the model's formula, one estimate's
//! arithmetic, the calibration's error, how a topology's pairs are computed and one pair's
//! path. The lab and the CLI both print these, so the model is described in one place.
//!
//! ```
//! use cloudhop_core::latency::{catalog::Catalog, explain, model::RttModel};
//! let cat = Catalog::builtin();
//! let e = RttModel::calibrated().estimate(cat.get("aws:us-east-1").unwrap(), cat.get("aws:eu-west-1").unwrap());
//! assert!(explain::estimate_formula(&e).starts_with("max(floor, inflation × floor + overhead) = max("));
//! assert!(explain::MODEL_FORMULA.starts_with("rtt = max(floor, "));
//! ```

use super::calibration::CalibrationReport;
use super::model::{Estimate, RttModel};
use super::topology::{FailureImpact, PairWorking, TopologyKind, TopologyResult};

/// A site for a list a learner picks from: its id with the provider's name for it and the
/// city it is modelled at (once, where the name already says it), so a region code says
/// where it is; an id the catalog does not know is shown as it is.
///
/// ```
/// use cloudhop_core::latency::explain::site_label;
/// assert_eq!(site_label("aws:us-east-1"), "aws:us-east-1 · US East (N. Virginia), Ashburn");
/// assert_eq!(site_label("aws:eu-west-2"), "aws:eu-west-2 · Europe (London)");
/// assert_eq!(site_label("azure:westeurope"), "azure:westeurope · West Europe, Amsterdam");
/// assert_eq!(site_label("nowhere:x"), "nowhere:x");
/// ```
pub fn site_label(id: &str) -> String {
    match super::catalog::Catalog::builtin().get(id) {
        Some(s) if s.name.contains(&s.metro) => format!("{} · {}", s.id, s.name),
        Some(s) => format!("{} · {}, {}", s.id, s.name, s.metro),
        None => id.to_string(),
    }
}

/// The model as one line (the CLI's `calibration` output).
pub const MODEL_FORMULA: &str = "rtt = max(floor, inflation(zone_a, zone_b) * floor + overhead); floor = 2 * great-circle distance / (c / 1.5)";

fn ms(v: f64) -> String {
    format!("{v:.1} ms")
}

fn opt_ms(v: Option<f64>) -> String {
    v.map(ms).unwrap_or_else(|| "—".into())
}

/// One estimate's arithmetic, with the numbers put in (the CLI's `rtt --explain`).
///
/// ```
/// use cloudhop_core::latency::{catalog::Zone, explain, model::Estimate};
/// let e = Estimate { distance_km: 1000.0, floor_ms: 10.0, inflation: 1.5, zone_pair_fitted: true,
///     overhead_ms: 2.0, rtt_ms: 17.0, zones: (Zone::EU, Zone::EU) };
/// assert_eq!(explain::estimate_formula(&e),
///     "max(floor, inflation × floor + overhead) = max(10.00, 1.500 × 10.00 + 2.00) = 17.0 ms");
/// ```
pub fn estimate_formula(e: &Estimate) -> String {
    format!(
        "max(floor, inflation × floor + overhead) = max({:.2}, {:.3} × {:.2} + {:.2}) = {:.1} ms",
        e.floor_ms, e.inflation, e.floor_ms, e.overhead_ms, e.rtt_ms
    )
}

/// One estimate in words: distance, floor, the model with its numbers, and where the
/// inflation came from (the lab's working).
///
/// ```
/// use cloudhop_core::latency::{catalog::Zone, explain, model::Estimate};
/// let e = Estimate { distance_km: 1000.0, floor_ms: 10.0, inflation: 1.5, zone_pair_fitted: false,
///     overhead_ms: 2.0, rtt_ms: 17.0, zones: (Zone::EU, Zone::NA) };
/// let text = explain::estimate_text(&e);
/// assert!(text.starts_with("1000 km great circle → floor 10.0 ms"));
/// assert!(text.contains("max(floor, 1.500 × floor + 2.00 ms) = 17.0 ms (inflation global default for"));
/// ```
pub fn estimate_text(e: &Estimate) -> String {
    format!(
        "{:.0} km great circle → floor {} (light in fibre at 2/3 c, there and back); model = max(floor, {:.3} × floor + {:.2} ms) = {} (inflation {} {} – {}).",
        e.distance_km,
        ms(e.floor_ms),
        e.inflation,
        e.overhead_ms,
        ms(e.rtt_ms),
        if e.zone_pair_fitted { "fitted for" } else { "global default for" },
        e.zones.0.label(),
        e.zones.1.label()
    )
}

/// The model in a paragraph, with its fitted overhead and default inflation.
///
/// ```
/// use cloudhop_core::latency::{explain, model::RttModel};
/// let text = explain::model_text(&RttModel::uniform(1.5, 4.0));
/// assert!(text.starts_with("RTT = max(floor, inflation × floor + 4.00 ms)."));
/// assert!(text.ends_with("is 1.50 where there was too little data."));
/// ```
pub fn model_text(model: &RttModel) -> String {
    format!(
        "RTT = max(floor, inflation × floor + {:.2} ms). The floor is the round trip at the speed of light in fibre (about 2/3 c) over the great circle; no estimate is ever below it. The route inflation depends on the two regions' zones (routes from Europe to East Asia go around; across the Pacific they are nearly straight) and is {:.2} where there was too little data.",
        model.overhead_ms, model.default_inflation
    )
}

/// The calibration's error in a sentence: in sample and on the held-out measurements.
///
/// ```
/// use cloudhop_core::latency::{calibration::Calibration, explain, model::RttModel};
/// let cal = Calibration::builtin();
/// let text = explain::calibration_text(&cal.report(RttModel::calibrated()));
/// assert!(text.starts_with("Fitted on "));
/// assert!(text.contains("held-out measurements it never saw"));
/// ```
pub fn calibration_text(rep: &CalibrationReport) -> String {
    format!(
        "Fitted on {} published measurements; median absolute error {:.1}% (p90 {:.1}%). On {} held-out measurements it never saw: median {:.1}% (p90 {:.1}%).",
        rep.fitted.n,
        rep.fitted.median_pct,
        rep.fitted.p90_pct,
        rep.held_out.n,
        rep.held_out.median_pct,
        rep.held_out.p90_pct
    )
}

/// How every pair of a topology result was computed, given the tunnel overhead and NAT
/// share it was evaluated with.
///
/// ```
/// use cloudhop_core::latency::{explain, topology::{Scenario, TopologySpec}};
/// let sc: Scenario = serde_json::from_str(r#"{"sites": ["aws:us-east-1", "aws:eu-west-1"]}"#).unwrap();
/// let r = sc.network().unwrap().evaluate(&TopologySpec::Mesh, &sc.params()).unwrap();
/// assert!(explain::topology_text(&r, 1.0, 0.25).starts_with("Each pair: the direct model RTT + one tunnel (1 ms)."));
/// ```
pub fn topology_text(r: &TopologyResult, tunnel_overhead_ms: f64, nat_share: f64) -> String {
    let t = tunnel_overhead_ms;
    let base = match r.kind {
        TopologyKind::Mesh => format!("Each pair: the direct model RTT + one tunnel ({t} ms)."),
        TopologyKind::Hub => format!(
            "Each pair: site → {} → site, the two legs' model RTTs + two tunnels (2 × {t} ms); pairs with the hub itself use one leg and one tunnel.",
            r.via.clone().unwrap_or_default()
        ),
        TopologyKind::Relay => format!(
            "{:.0}% of pairs (chosen by a stable hash of the two ids) cannot connect directly behind symmetric NAT; each goes through the relay with the lowest leg + leg RTT, plus one end-to-end tunnel ({t} ms). The rest are direct + one tunnel.",
            nat_share * 100.0
        ),
        TopologyKind::Exchange => format!(
            "Each pair: site → {} → site over private circuits: the two legs' model RTTs, no tunnels.",
            r.via.clone().unwrap_or_default()
        ),
    };
    format!(
        "{base} Mean, nearest-rank p95 and worst over the {} reachable pairs; stretch = RTT / direct model RTT.",
        r.pairs - r.unreachable_pairs
    )
}

/// One pair's working as steps: the direct estimate, then the legs and the total through
/// an intermediate site, or the direct path with its tunnel.
///
/// ```
/// use cloudhop_core::latency::{explain, topology::{Scenario, TopologySpec}};
/// let sc: Scenario = serde_json::from_str(r#"{"sites": ["aws:us-east-1", "aws:eu-west-1"]}"#).unwrap();
/// let net = sc.network().unwrap();
/// let r = net.evaluate(&TopologySpec::Mesh, &sc.params()).unwrap();
/// let steps = explain::pair_steps(&r.working(&net, 1.0, 0, 1).unwrap());
/// assert!(steps[0].starts_with("Direct: "));
/// assert!(steps[1].starts_with("Path: direct model RTT "));
/// ```
pub fn pair_steps(w: &PairWorking) -> Vec<String> {
    let mut steps = vec![format!("Direct: {}", estimate_text(&w.direct))];
    match &w.legs {
        Some(l) => {
            steps.push(format!(
                "Leg {} → {}: {}",
                w.a.id,
                l.via.id,
                estimate_text(&l.first)
            ));
            steps.push(format!(
                "Leg {} → {}: {}",
                l.via.id,
                w.b.id,
                estimate_text(&l.second)
            ));
            steps.push(format!(
                "Total: {} + {} + tunnels {} = {}",
                ms(l.first.rtt_ms),
                ms(l.second.rtt_ms),
                ms(w.tunnels_ms),
                opt_ms(w.rtt_ms)
            ));
        }
        None => steps.push(format!(
            "Path: direct model RTT {} + tunnel {} = {}",
            ms(w.direct.rtt_ms),
            ms(w.tunnels_ms),
            opt_ms(w.rtt_ms)
        )),
    }
    steps
}

/// `1 pair`, `n pairs`.
///
/// ```
/// use cloudhop_core::latency::explain::pairs;
/// assert_eq!((pairs(1), pairs(0)), ("1 pair".to_string(), "0 pairs".to_string()));
/// ```
pub fn pairs(n: usize) -> String {
    if n == 1 {
        "1 pair".into()
    } else {
        format!("{n} pairs")
    }
}

/// What failing the hub or exchange `via` of `r` does: it has failed (`down`), or what
/// its failure would cut (`impact`, from [`Network::failure_impact`]); empty when the
/// impact is unknown.
///
/// [`Network::failure_impact`]: super::topology::Network::failure_impact
///
/// ```
/// use cloudhop_core::latency::{explain, topology::{Scenario, TopologySpec}};
/// let sc: Scenario = serde_json::from_str(r#"{"sites": ["aws:us-east-1", "aws:eu-west-1", "aws:ap-south-1"]}"#).unwrap();
/// let net = sc.network().unwrap();
/// let hub = TopologySpec::parse("hub:aws:us-east-1").unwrap();
/// let r = net.evaluate(&hub, &sc.params()).unwrap();
/// let i = net.failure_impact(&hub, &sc.params(), "aws:us-east-1").ok();
/// assert_eq!(explain::via_failure_text(&r, "aws:us-east-1", false, i.as_ref()),
///     "If aws:us-east-1 fails: 3 of 3 pairs lose their path.");
/// ```
pub fn via_failure_text(
    r: &TopologyResult,
    via: &str,
    down: bool,
    impact: Option<&FailureImpact>,
) -> String {
    match (impact, down) {
        (_, true) => format!("{via} has failed: every pair through it is cut."),
        (Some(i), false) => format!(
            "If {via} fails: {} of {} pairs lose their path.",
            i.pairs_lost,
            r.pairs - r.unreachable_pairs
        ),
        (None, false) => String::new(),
    }
}

/// How many pairs of a relay result go through a relay, and how many relays are in use.
///
/// ```
/// use cloudhop_core::latency::{explain, topology::{Scenario, TopologySpec}};
/// let sc: Scenario = serde_json::from_str(r#"{"sites": ["aws:us-east-1", "aws:eu-west-1"], "nat_share": 0}"#).unwrap();
/// let r = sc.network().unwrap().evaluate(&TopologySpec::Relay, &sc.params()).unwrap();
/// assert_eq!(explain::relayed_text(&r), "0 of 1 pairs go through a relay (0 in use). ");
/// ```
pub fn relayed_text(r: &TopologyResult) -> String {
    format!(
        "{} of {} pairs go through a relay ({} in use). ",
        r.relayed_pairs,
        r.pairs,
        r.intermediates_used().len()
    )
}

/// What failing relay `id` does: pairs that move to the next-best relay and pairs cut.
///
/// ```
/// use cloudhop_core::latency::{explain, topology::FailureImpact};
/// let i = FailureImpact { failed: "relay:fra".into(), pairs_lost: 0, pairs_slower: 1,
///     mean_before_ms: None, mean_after_ms: None };
/// assert_eq!(explain::relay_failure_text("relay:fra", &i),
///     "If relay:fra fails, 1 pair moves to the next-best relay and 0 pairs lose their path. ");
/// ```
pub fn relay_failure_text(id: &str, impact: &FailureImpact) -> String {
    format!(
        "If {id} fails, {} {} to the next-best relay and {} {} their path. ",
        pairs(impact.pairs_slower),
        if impact.pairs_slower == 1 {
            "moves"
        } else {
            "move"
        },
        pairs(impact.pairs_lost),
        if impact.pairs_lost == 1 {
            "loses"
        } else {
            "lose"
        }
    )
}

/// What one site's failure does in a mesh of `sites` sites: only its own pairs are cut.
///
/// ```
/// use cloudhop_core::latency::explain;
/// assert_eq!(explain::site_failure_text(6),
///     "If one site fails, only its own 5 pairs are cut; the others keep their direct tunnels.");
/// ```
pub fn site_failure_text(sites: usize) -> String {
    format!(
        "If one site fails, only its own {} pairs are cut; the others keep their direct tunnels.",
        sites.saturating_sub(1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::latency::topology::{Scenario, TopologySpec};

    #[test]
    fn every_kind_has_its_working_and_failure_text() {
        let sc: Scenario = serde_json::from_str(
            r#"{"sites": ["aws:us-east-1", "gcp:europe-west1", "azure:japaneast"], "nat_share": 1.0}"#,
        )
        .unwrap();
        let net = sc.network().unwrap();
        let p = sc.params();
        for spec in sc.topologies.iter() {
            let r = net.evaluate(spec, &p).unwrap();
            let text = topology_text(&r, 1.0, 1.0);
            assert!(text.ends_with("over the 3 reachable pairs; stretch = RTT / direct model RTT."));
            let steps = pair_steps(&r.working(&net, 1.0, 0, 1).unwrap());
            assert!(steps.len() == 2 || steps.len() == 4, "{steps:?}");
            if let Some(via) = &r.via {
                let i = net.failure_impact(&r.spec(), &p, via).unwrap();
                assert!(via_failure_text(&r, via, false, Some(&i)).contains("3 of 3 pairs"));
                assert!(via_failure_text(&r, via, true, None).contains("has failed"));
                assert_eq!(via_failure_text(&r, via, false, None), "");
            }
        }
        let relay = net.evaluate(&TopologySpec::Relay, &p).unwrap();
        assert!(relayed_text(&relay).starts_with("3 of 3 pairs go through a relay"));
        assert_eq!(site_failure_text(0), site_failure_text(1));
        let m = RttModel::uniform(1.2, 3.0);
        assert!(model_text(&m).contains("+ 3.00 ms"));
    }
}
