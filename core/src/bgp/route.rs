//! An AS-level route: what an AS holds as its best way to a prefix.
//!
//! ```
//! use cloudhop_core::bgp::asn::Asn;
//! use cloudhop_core::bgp::route::{Learned, Route};
//! let r = Route { as_path: vec![3356, 65001].into(), learned: Learned::Provider, from: Some(Asn(3356)) };
//! assert_eq!(r.next_hop_as(), Some(Asn(3356)));
//! assert_eq!(r.learned.name(), "provider");
//! ```

use super::asn::Asn;
use super::path::AsPath;
use serde::{Deserialize, Serialize};

/// Whom a route was learned from, seen from the AS that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Learned {
    /// The AS originates the prefix itself.
    Origin,
    /// From one of its customers.
    Customer,
    /// From a settlement-free peer.
    Peer,
    /// From one of its providers (transit it pays for).
    Provider,
}

impl Learned {
    /// The lowercase name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Learned::Origin => "origin",
            Learned::Customer => "customer",
            Learned::Peer => "peer",
            Learned::Provider => "provider",
        }
    }
}

/// The best route an AS holds for a prefix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// The AS path as received from the neighbour, nearest AS first; empty for the
    /// origin's own route. Prepended ASes appear as many times as they were sent.
    pub as_path: AsPath,
    /// Whom it was learned from.
    pub learned: Learned,
    /// The neighbour it was learned from (`None` for the origin's own route).
    pub from: Option<Asn>,
}

impl Route {
    /// The AS that traffic is handed to: the neighbour the route came from.
    pub fn next_hop_as(&self) -> Option<Asn> {
        self.from
    }

    /// The AS that originated the prefix on this path (`own` for a local route).
    pub fn origin_as(&self, own: impl Into<Asn>) -> Asn {
        let own = own.into();
        self.as_path.last().copied().unwrap_or(own)
    }
}
