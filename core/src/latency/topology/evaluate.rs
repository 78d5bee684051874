//! Evaluating a topology: each kind's paths (mesh, hub or exchange, relay), then the
//! statistics over the pairs, and what one failure changes.

use super::network::{mirror_upper, Network, NONE};
use super::params::Params;
use super::relay::{fnv, needs_relay, relay_row};
use super::result::{FailureImpact, TopologyResult};
use super::spec::{Choice, TopologySpec};
use crate::latency::catalog::{Catalog, Site, SiteKind};
use crate::latency::error::LatencyError;

/// The paths of one topology, before the statistics: upper triangles of the matrices and
/// what the links cost.
struct Paths {
    matrix: Vec<f64>,
    path_via: Vec<u16>,
    intermediates: Vec<Site>,
    relayed: usize,
    links: usize,
    links_formula: String,
    new_links: usize,
    touches: usize,
    via: Option<String>,
    label: String,
}

impl Paths {
    fn unreachable(n: usize) -> Paths {
        Paths {
            matrix: vec![f64::INFINITY; n * n],
            path_via: vec![NONE; n * n],
            intermediates: Vec::new(),
            relayed: 0,
            links: 0,
            links_formula: String::new(),
            new_links: 0,
            touches: 0,
            via: None,
            label: String::new(),
        }
    }
}

impl Network {
    /// Evaluate one topology.
    pub fn evaluate(
        &self,
        spec: &TopologySpec,
        p: &Params,
    ) -> Result<TopologyResult, LatencyError> {
        p.validate()?;
        let alive = self.alive(p);
        let paths = match spec {
            TopologySpec::Mesh => self.mesh_paths(&alive, p),
            TopologySpec::Hub(choice) => self.hub_paths(choice, false, &alive, p)?,
            TopologySpec::Exchange(choice) => self.hub_paths(choice, true, &alive, p)?,
            TopologySpec::Relay => self.relay_paths(&alive, p)?,
        };
        Ok(self.statistics(spec, paths))
    }

    /// Full mesh: every pair direct, through one tunnel.
    fn mesh_paths(&self, alive: &[bool], p: &Params) -> Paths {
        let n = self.sites.len();
        let t = p.tunnel_overhead_ms;
        let pairs = n * n.saturating_sub(1) / 2;
        let mut out = Paths::unreachable(n);
        for i in 0..n {
            if !alive[i] {
                continue;
            }
            let row = &mut out.matrix[i * n..(i + 1) * n];
            let drow = &self.direct[i * n..(i + 1) * n];
            for j in (i + 1)..n {
                if alive[j] {
                    row[j] = drow[j] + t;
                }
            }
        }
        out.links = pairs;
        out.links_formula = format!("n(n-1)/2 = {n}×{}/2 = {pairs}", n.saturating_sub(1));
        (out.new_links, out.touches, out.label) = (n, n + 1, "mesh".to_string());
        out
    }

    /// Hub and spoke (two tunnels per pair through the hub) or an exchange (private
    /// circuits, no tunnels).
    fn hub_paths(
        &self,
        choice: &Choice,
        exchange: bool,
        alive: &[bool],
        p: &Params,
    ) -> Result<Paths, LatencyError> {
        let n = self.sites.len();
        let hub = self.choose(choice, p, exchange)?;
        let hub_up = !p.failed.iter().any(|f| f == &hub.id);
        let hub_idx = self.index_of(&hub.id);
        let legs = self.legs_to(&hub);
        let tt = if exchange { 0.0 } else { p.tunnel_overhead_ms };
        let mut out = Paths::unreachable(n);
        for i in 0..n {
            if !(alive[i] && hub_up) {
                continue;
            }
            let row = &mut out.matrix[i * n..(i + 1) * n];
            let vrow = &mut out.path_via[i * n..(i + 1) * n];
            let i_is_hub = Some(i) == hub_idx;
            for j in (i + 1)..n {
                if !alive[j] {
                    continue;
                }
                row[j] = if i_is_hub || Some(j) == hub_idx {
                    legs[i] + legs[j] + tt
                } else {
                    vrow[j] = 0;
                    legs[i] + legs[j] + 2.0 * tt
                };
            }
        }
        let spokes = n - usize::from(hub_idx.is_some());
        out.links = spokes;
        out.links_formula = if exchange {
            format!("one private circuit per site = {spokes}")
        } else if hub_idx.is_some() {
            format!("n-1 spokes (the hub is a site) = {spokes}")
        } else {
            format!("n spokes = {spokes}")
        };
        out.new_links = 1;
        out.touches = if exchange { 1 } else { 2 };
        let kind = if exchange { "exchange" } else { "hub" };
        out.label = format!("{kind}:{}", hub.id);
        out.via = Some(hub.id.clone());
        out.intermediates.push(hub);
        Ok(out)
    }

    /// Direct, except the NAT share of pairs, which go through their best relay.
    fn relay_paths(&self, alive: &[bool], p: &Params) -> Result<Paths, LatencyError> {
        let n = self.sites.len();
        let t = p.tunnel_overhead_ms;
        let pairs = n * n.saturating_sub(1) / 2;
        let relays: Vec<Site> = match &p.relays {
            Some(ids) => ids
                .iter()
                .map(|id| self.site_by_id(id))
                .collect::<Result<_, _>>()?,
            None => Catalog::builtin()
                .of_kind(SiteKind::Relay)
                .cloned()
                .collect(),
        };
        let relays: Vec<Site> = relays
            .into_iter()
            .filter(|r| !p.failed.iter().any(|f| f == &r.id))
            .take(NONE as usize - 1)
            .collect();
        // legs[r * n + i]: RTT from relay r to site i, one contiguous row per relay,
        // so the search below runs down rows (vector code) rather than per pair.
        let r_count = relays.len();
        let mut legs = Vec::with_capacity(r_count * n);
        for relay in &relays {
            legs.extend(self.legs_to(relay));
        }
        let hashes: Vec<u64> = self.sites.iter().map(|s| fnv(&s.id)).collect();
        // For one site i, the best relay to every later site j at once:
        // best[j] = min over r of leg(i, r) + leg(r, j), the lowest r on a tie.
        let mut best = vec![f64::INFINITY; n];
        let mut arg = vec![-1.0f64; n];
        let any_relayed = p.nat_share > 0.0 && r_count > 0;
        let mut out = Paths::unreachable(n);
        for i in 0..n {
            if !alive[i] {
                continue;
            }
            if any_relayed {
                relay_row(&legs, n, i, &mut best[i + 1..], &mut arg[i + 1..]);
            }
            for j in (i + 1)..n {
                if !alive[j] {
                    continue;
                }
                if !needs_relay(hashes[i], hashes[j], p.nat_share) {
                    out.matrix[i * n + j] = self.direct[i * n + j] + t;
                    continue;
                }
                out.relayed += 1;
                if arg[j] >= 0.0 {
                    out.matrix[i * n + j] = best[j] + t;
                    out.path_via[i * n + j] = arg[j] as u16;
                }
            }
        }
        out.intermediates = relays;
        out.links = pairs;
        out.links_formula = format!(
            "n(n-1)/2 = {pairs} tunnels (the relays need no configuration: a coordination server hands out keys)"
        );
        (out.new_links, out.touches, out.label) = (n, n + 1, "relay".to_string());
        Ok(out)
    }

    /// Statistics over the upper triangle, then the matrices mirrored.
    fn statistics(&self, spec: &TopologySpec, paths: Paths) -> TopologyResult {
        let n = self.sites.len();
        let pairs = n * n.saturating_sub(1) / 2;
        let Paths {
            mut matrix,
            mut path_via,
            intermediates,
            relayed,
            links,
            links_formula,
            new_links,
            touches,
            via,
            label,
        } = paths;
        let mut values = Vec::with_capacity(pairs);
        let (mut sum, mut stretch_sum, mut max_stretch) = (0.0, 0.0, 0.0f64);
        let mut worst: Option<(f64, usize, usize)> = None;
        for i in 0..n {
            matrix[i * n + i] = 0.0;
            let row = &matrix[i * n..(i + 1) * n];
            let drow = &self.direct[i * n..(i + 1) * n];
            for j in (i + 1)..n {
                let v = row[j];
                if v.is_finite() {
                    values.push(v);
                    sum += v;
                    let d = drow[j];
                    let s = if d > 0.0 { v / d } else { 1.0 };
                    stretch_sum += s;
                    max_stretch = max_stretch.max(s);
                    if worst.is_none_or(|(w, _, _)| v > w) {
                        worst = Some((v, i, j));
                    }
                }
            }
        }
        mirror_upper(&mut matrix, n);
        mirror_upper(&mut path_via, n);
        let reach = values.len();
        let p95 = percentile(&mut values, 0.95);
        let some = |x: f64| (reach > 0).then_some(x);
        TopologyResult {
            topology: label,
            kind: spec.kind(),
            via,
            links,
            links_formula,
            new_site_links: new_links,
            new_site_touches: touches,
            pairs,
            unreachable_pairs: pairs - reach,
            relayed_pairs: relayed,
            mean_ms: some(sum / reach.max(1) as f64),
            p95_ms: p95,
            max_ms: worst.map(|w| w.0),
            worst_pair: worst.map(|(_, i, j)| (self.sites[i].id.clone(), self.sites[j].id.clone())),
            mean_stretch: some(stretch_sum / reach.max(1) as f64),
            max_stretch: some(max_stretch),
            matrix,
            path_via,
            intermediates,
        }
    }

    /// What failing `id` (a site, the hub, a relay or the exchange) does to a topology.
    /// Best-hub choices are made before the failure (the hub does not move).
    pub fn failure_impact(
        &self,
        spec: &TopologySpec,
        p: &Params,
        id: &str,
    ) -> Result<FailureImpact, LatencyError> {
        let before = self.evaluate(spec, p)?;
        let fixed = match (&before.via, spec) {
            (Some(v), TopologySpec::Hub(_)) => TopologySpec::Hub(Choice::Site(v.clone())),
            (Some(v), TopologySpec::Exchange(_)) => TopologySpec::Exchange(Choice::Site(v.clone())),
            _ => spec.clone(),
        };
        let mut q = p.clone();
        q.failed.push(id.to_string());
        let after = self.evaluate(&fixed, &q)?;
        let (mut lost, mut slower) = (0, 0);
        for (b, a) in before.matrix.iter().zip(&after.matrix) {
            if b.is_finite() && !a.is_finite() {
                lost += 1;
            } else if b.is_finite() && *a > b + 1e-9 {
                slower += 1;
            }
        }
        Ok(FailureImpact {
            failed: id.to_string(),
            pairs_lost: lost / 2,
            pairs_slower: slower / 2,
            mean_before_ms: before.mean_ms,
            mean_after_ms: after.mean_ms,
        })
    }
}

/// Nearest-rank percentile (reorders `values`).
fn percentile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    let (_, v, _) = values.select_nth_unstable_by(rank - 1, f64::total_cmp);
    Some(*v)
}
