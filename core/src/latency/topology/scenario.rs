//! A whole scenario (sites, topologies, parameters) as the CLI reads it and the lab keeps
//! it in the URL.

use super::network::Network;
use super::params::Params;
use super::result::TopologyResult;
use super::spec::{Choice, TopologySpec};
use crate::latency::catalog::{resolve_sites, SiteSpec};
use crate::latency::error::LatencyError;
use serde::{Deserialize, Serialize};

/// A whole scenario as JSON: the CLI's `compare` input and the lab's URL state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The sites.
    pub sites: Vec<SiteSpec>,
    /// Topologies to compare (default: mesh, hub:best, relay, exchange:best).
    #[serde(default = "default_topologies")]
    pub topologies: Vec<TopologySpec>,
    /// See [`Params::tunnel_overhead_ms`].
    #[serde(default = "default_tunnel")]
    pub tunnel_overhead_ms: f64,
    /// See [`Params::nat_share`].
    #[serde(default = "default_nat")]
    pub nat_share: f64,
    /// See [`Params::failed`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
    /// See [`Params::relays`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relays: Option<Vec<String>>,
    /// See [`Params::hub_candidates`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hub_candidates: Option<Vec<String>>,
}

fn default_topologies() -> Vec<TopologySpec> {
    vec![
        TopologySpec::Mesh,
        TopologySpec::Hub(Choice::BestMean),
        TopologySpec::Relay,
        TopologySpec::Exchange(Choice::BestMean),
    ]
}
fn default_tunnel() -> f64 {
    Params::default().tunnel_overhead_ms
}
fn default_nat() -> f64 {
    Params::default().nat_share
}

impl Scenario {
    /// A scenario over these sites with default settings.
    pub fn new(sites: Vec<SiteSpec>) -> Scenario {
        Scenario {
            sites,
            topologies: default_topologies(),
            tunnel_overhead_ms: default_tunnel(),
            nat_share: default_nat(),
            failed: Vec::new(),
            relays: None,
            hub_candidates: None,
        }
    }

    /// The evaluation parameters.
    pub fn params(&self) -> Params {
        Params {
            tunnel_overhead_ms: self.tunnel_overhead_ms,
            nat_share: self.nat_share,
            failed: self.failed.clone(),
            relays: self.relays.clone(),
            hub_candidates: self.hub_candidates.clone(),
        }
    }

    /// Resolve the sites into a network (calibrated model).
    pub fn network(&self) -> Result<Network, LatencyError> {
        Network::new(resolve_sites(&self.sites)?)
    }

    /// Evaluate every topology of the scenario. A `failed` id that is neither a site of
    /// the network nor in the catalog is an error (with close matches), not a silent no-op.
    pub fn compare(&self) -> Result<Vec<TopologyResult>, LatencyError> {
        let net = self.network()?;
        for id in &self.failed {
            net.site_by_id(id)
                .map_err(|e| LatencyError::Failed(Box::new(e)))?;
        }
        let p = self.params();
        self.topologies
            .iter()
            .map(|t| net.evaluate(t, &p))
            .collect()
    }
}
