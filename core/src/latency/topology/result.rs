//! What an evaluation gives: the result of one topology (pair matrix, statistics, links),
//! a hub candidate's score and what one failure changes.

use super::spec::{Choice, TopologyKind, TopologySpec};
use crate::latency::catalog::Site;
use serde::Serialize;

/// The result of one topology.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopologyResult {
    /// Text form of the topology as evaluated (`hub:best` resolved to the chosen hub).
    pub topology: String,
    /// Mesh, hub, relay or exchange (`mesh`, `hub`, `relay`, `exchange` in JSON).
    pub kind: TopologyKind,
    /// The hub or exchange used.
    pub via: Option<String>,
    /// Tunnels or links to configure.
    pub links: usize,
    /// How `links` was counted.
    pub links_formula: String,
    /// Links a new site adds.
    pub new_site_links: usize,
    /// Sites whose configuration changes when a site is added (including the new one).
    pub new_site_touches: usize,
    /// Site pairs (i < j).
    pub pairs: usize,
    /// Pairs with no working path (failures).
    pub unreachable_pairs: usize,
    /// Pairs that go through a relay (relay topology).
    pub relayed_pairs: usize,
    /// Mean RTT over reachable pairs, ms.
    pub mean_ms: Option<f64>,
    /// 95th percentile (nearest rank) over reachable pairs, ms.
    pub p95_ms: Option<f64>,
    /// Worst reachable pair, ms.
    pub max_ms: Option<f64>,
    /// The worst pair's site ids.
    pub worst_pair: Option<(String, String)>,
    /// Mean over reachable pairs of RTT / direct model RTT.
    pub mean_stretch: Option<f64>,
    /// Largest RTT / direct model RTT.
    pub max_stretch: Option<f64>,
    /// Pair RTTs, row-major n×n, ms; `f64::INFINITY` where unreachable; 0 on the diagonal.
    #[serde(skip)]
    pub matrix: Vec<f64>,
    /// For each pair, the index into `intermediates` it goes through, or `u16::MAX`.
    #[serde(skip)]
    pub path_via: Vec<u16>,
    /// Intermediate sites used (hub, exchange, relays).
    #[serde(skip)]
    pub intermediates: Vec<Site>,
}

impl TopologyResult {
    /// RTT of pair (i, j), `None` if out of range or unreachable.
    pub fn rtt(&self, i: usize, j: usize) -> Option<f64> {
        let n = (self.matrix.len() as f64).sqrt() as usize;
        if i >= n || j >= n {
            return None;
        }
        self.matrix
            .get(i * n + j)
            .copied()
            .filter(|v| v.is_finite())
    }

    /// The intermediate site pair (i, j) goes through, if any.
    pub fn via_of(&self, i: usize, j: usize) -> Option<&Site> {
        let n = (self.matrix.len() as f64).sqrt() as usize;
        if i >= n || j >= n {
            return None;
        }
        let k = *self.path_via.get(i * n + j)?;
        self.intermediates.get(k as usize)
    }

    /// The topology as evaluated: a best hub or exchange resolved to the one chosen (what
    /// a failure is applied to).
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Choice, Scenario, TopologySpec};
    /// let sc: Scenario = serde_json::from_str(r#"{"sites": ["aws:eu-west-1", "aws:eu-central-1", "aws:eu-south-1"]}"#).unwrap();
    /// let r = sc.network().unwrap().evaluate(&TopologySpec::Hub(Choice::BestWorst), &sc.params()).unwrap();
    /// assert_eq!(r.spec(), TopologySpec::Hub(Choice::Site("aws:eu-central-1".into())));
    /// assert_eq!(r.spec().label(), r.topology);
    /// ```
    pub fn spec(&self) -> TopologySpec {
        let pinned = || Choice::Site(self.via.clone().unwrap_or_default());
        match self.kind {
            TopologyKind::Mesh => TopologySpec::Mesh,
            TopologyKind::Relay => TopologySpec::Relay,
            TopologyKind::Hub => TopologySpec::Hub(pinned()),
            TopologyKind::Exchange => TopologySpec::Exchange(pinned()),
        }
    }

    /// The ids of the relays (or hub, exchange) some pair goes through, sorted, each once.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Scenario, TopologySpec};
    /// let sc: Scenario = serde_json::from_str(
    ///     r#"{"sites": ["aws:us-east-1", "aws:eu-west-1", "aws:ap-south-1"], "nat_share": 1.0}"#).unwrap();
    /// let r = sc.network().unwrap().evaluate(&TopologySpec::Relay, &sc.params()).unwrap();
    /// let used = r.intermediates_used();
    /// assert!(!used.is_empty() && used.windows(2).all(|w| w[0] < w[1]));
    /// ```
    pub fn intermediates_used(&self) -> Vec<&str> {
        let n = (self.matrix.len() as f64).sqrt() as usize;
        let mut v: Vec<&str> = (0..n)
            .flat_map(|i| (0..n).map(move |j| (i, j)))
            .filter_map(|(i, j)| self.via_of(i, j).map(|s| s.id.as_str()))
            .collect();
        crate::order::sort(&mut v);
        v.dedup();
        v
    }

    /// The matrix as rows rounded to 0.1 ms, `None` where unreachable.
    pub fn matrix_rows(&self) -> Vec<Vec<Option<f64>>> {
        let n = (self.matrix.len() as f64).sqrt() as usize;
        self.matrix
            .chunks(n.max(1))
            .take(n)
            .map(|row| {
                row.iter()
                    .map(|v| v.is_finite().then(|| (v * 10.0).round() / 10.0))
                    .collect()
            })
            .collect()
    }
}

/// A hub candidate's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HubScore {
    /// Candidate id.
    pub id: String,
    /// Mean pair RTT through it, ms.
    pub mean_ms: f64,
    /// Worst pair RTT through it, ms.
    pub max_ms: f64,
}

/// What objective a best hub minimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objective {
    /// Mean pair RTT.
    Mean,
    /// Worst pair RTT.
    Worst,
}

/// What changes when one id fails.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailureImpact {
    /// The failed id.
    pub failed: String,
    /// Pairs that lose their path (among pairs that had one).
    pub pairs_lost: usize,
    /// Pairs still connected but slower.
    pub pairs_slower: usize,
    /// Mean before, ms.
    pub mean_before_ms: Option<f64>,
    /// Mean after, over pairs still reachable, ms.
    pub mean_after_ms: Option<f64>,
}
