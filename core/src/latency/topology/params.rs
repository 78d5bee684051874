//! The parameters of an evaluation: tunnel overhead, NAT share, failures, relays and hub
//! candidates.

use crate::latency::error::LatencyError;
use serde::{Deserialize, Serialize};

/// Parameters of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Added per tunnel traversed (encapsulation, encryption, a VPN gateway), ms.
    pub tunnel_overhead_ms: f64,
    /// Share of pairs (0..=1) whose direct path fails behind symmetric NAT and must be
    /// relayed (relay topology only).
    pub nat_share: f64,
    /// Ids that are down: sites of the network, the hub, a relay or the exchange.
    pub failed: Vec<String>,
    /// Relay sites to use (default: every relay in the catalog).
    pub relays: Option<Vec<String>>,
    /// Hub candidates for `hub:best` (default: the sites themselves).
    pub hub_candidates: Option<Vec<String>>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            tunnel_overhead_ms: 1.0,
            nat_share: 0.25,
            failed: Vec::new(),
            relays: None,
            hub_candidates: None,
        }
    }
}

impl Params {
    /// Check the ranges.
    pub fn validate(&self) -> Result<(), LatencyError> {
        if !self.tunnel_overhead_ms.is_finite() || !(0.0..=100.0).contains(&self.tunnel_overhead_ms)
        {
            return Err(LatencyError::TunnelOverhead(self.tunnel_overhead_ms));
        }
        if !self.nat_share.is_finite() || !(0.0..=1.0).contains(&self.nat_share) {
            return Err(LatencyError::NatShare(self.nat_share));
        }
        Ok(())
    }
}
