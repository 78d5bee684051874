//! How one pair's RTT in a topology is made up: the direct estimate, the legs through the
//! hub, relay or exchange, and the tunnels crossed. The lab shows it when a matrix cell is
//! clicked; the exercises check the same figure.

use super::network::Network;
use super::result::TopologyResult;
use crate::latency::catalog::Site;
use crate::latency::model::Estimate;

/// The two legs of a path through an intermediate site.
#[derive(Debug, Clone, PartialEq)]
pub struct Legs {
    /// The hub, relay or exchange.
    pub via: Site,
    /// From the first site to `via`.
    pub first: Estimate,
    /// From `via` to the second site.
    pub second: Estimate,
}

/// One pair's RTT in a topology, with its working.
#[derive(Debug, Clone, PartialEq)]
pub struct PairWorking {
    /// The first site.
    pub a: Site,
    /// The second site.
    pub b: Site,
    /// The direct model estimate between them.
    pub direct: Estimate,
    /// The legs, when the path goes through an intermediate site.
    pub legs: Option<Legs>,
    /// Tunnels the path crosses.
    pub tunnels: u32,
    /// Their total overhead, ms.
    pub tunnels_ms: f64,
    /// The pair's RTT in the topology (`None` if it has no path), ms: the matrix entry.
    pub rtt_ms: Option<f64>,
}

impl TopologyResult {
    /// The working behind pair (i, j) of this result on `net`, evaluated with
    /// `tunnel_overhead_ms` per tunnel; `None` for i = j or an index out of range.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Scenario, TopologySpec};
    /// let sc: Scenario = serde_json::from_str(
    ///     r#"{"sites": ["aws:us-east-1", "aws:eu-west-1", "aws:ap-south-1"], "topologies": ["hub:aws:us-east-1"]}"#).unwrap();
    /// let net = sc.network().unwrap();
    /// let r = net.evaluate(&sc.topologies[0], &sc.params()).unwrap();
    /// let w = r.working(&net, sc.tunnel_overhead_ms, 1, 2).unwrap();
    /// assert_eq!(w.legs.as_ref().map(|l| l.via.id.as_str()), Some("aws:us-east-1"));
    /// assert_eq!((w.tunnels, w.tunnels_ms), (2, 2.0));
    /// assert_eq!(w.rtt_ms, r.rtt(1, 2));
    /// ```
    pub fn working(
        &self,
        net: &Network,
        tunnel_overhead_ms: f64,
        i: usize,
        j: usize,
    ) -> Option<PairWorking> {
        let sites = net.sites();
        if i == j || i >= sites.len() || j >= sites.len() {
            return None;
        }
        let model = net.model();
        let (a, b) = (&sites[i], &sites[j]);
        let legs = self.via_of(i, j).map(|via| Legs {
            via: via.clone(),
            first: model.estimate(a, via),
            second: model.estimate(via, b),
        });
        let tunnels = self.kind.tunnels_on_path(legs.is_some());
        Some(PairWorking {
            a: a.clone(),
            b: b.clone(),
            direct: model.estimate(a, b),
            legs,
            tunnels,
            tunnels_ms: f64::from(tunnels) * tunnel_overhead_ms,
            rtt_ms: self.rtt(i, j),
        })
    }
}
