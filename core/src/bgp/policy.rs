//! Teaching extras on top of the default policy. All are off unless a scenario lists them.
//!
//! - **prepend**: an AS adds its own ASN `times` extra times when it exports to a neighbour
//!   (or to every neighbour), making the path look longer so others prefer another way in;
//! - **local preference**: an AS ranks routes from one neighbour with its own value instead
//!   of the value that follows from the relationship;
//! - **leak**: an AS exports everything it has to a neighbour (or to all), against the
//!   export rules, as a misconfigured router would.
//!
//! The default local preference follows the relationship: [`LP_CUSTOMER`] >
//! [`LP_PEER`] > [`LP_PROVIDER`], which is exactly "customer over peer over provider".
//!
//! ```
//! use cloudhop_core::bgp::policy::{Policy, Prepend};
//! let p = Policy { prepend: vec![Prepend { asn: 65001, to: Some(64500), times: 2 }], ..Policy::default() };
//! assert_eq!(p.prepend_times(65001, 64500), 2);
//! assert_eq!(p.prepend_times(65001, 64501), 0);
//! assert!(!p.is_empty());
//! ```

use super::asn::Asn;
use super::route::Learned;
use super::topology::Topology;
use serde::{Deserialize, Serialize};

/// Default local preference for routes from customers.
pub const LP_CUSTOMER: u32 = 300;
/// Default local preference for routes from peers.
pub const LP_PEER: u32 = 200;
/// Default local preference for routes from providers.
pub const LP_PROVIDER: u32 = 100;

/// AS-path prepending by `asn` towards `to` (every neighbour when `to` is absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prepend {
    /// The AS that prepends.
    pub asn: Asn,
    /// The neighbour it prepends towards; all neighbours if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Asn>,
    /// Extra copies of its ASN (1 to 10).
    pub times: u32,
}

/// A local-preference override: `asn` gives routes from `from` the value `value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalPref {
    /// The AS that sets it.
    pub asn: Asn,
    /// The neighbour whose routes get the value.
    pub from: Asn,
    /// The local preference (higher wins; defaults are 300 customer, 200 peer, 100 provider).
    pub value: u32,
}

/// A route leak: `asn` exports every route to `to` (to all neighbours when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leak {
    /// The leaking AS.
    pub asn: Asn,
    /// The neighbour that receives the leak; all neighbours if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Asn>,
}

/// The extras in force. The default (all empty) is the standard policy.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Prepending rules.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prepend: Vec<Prepend>,
    /// Local-preference overrides.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub local_pref: Vec<LocalPref>,
    /// Route leaks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub leaks: Vec<Leak>,
}

impl Policy {
    /// True when no extra is on.
    pub fn is_empty(&self) -> bool {
        self.prepend.is_empty() && self.local_pref.is_empty() && self.leaks.is_empty()
    }

    /// Extra copies of `asn` it adds when exporting to `to`.
    pub fn prepend_times(&self, asn: Asn, to: Asn) -> u32 {
        self.prepend
            .iter()
            .filter(|p| p.asn == asn && p.to.is_none_or(|t| t == to))
            .map(|p| p.times)
            .max()
            .unwrap_or(0)
    }

    /// The local preference `asn` gives a route learned from `from` over a `learned` link.
    pub fn local_pref(&self, asn: Asn, from: Asn, learned: Learned) -> u32 {
        self.local_pref
            .iter()
            .rev()
            .find(|l| l.asn == asn && l.from == from)
            .map(|l| l.value)
            .unwrap_or(match learned {
                Learned::Origin => u32::MAX,
                Learned::Customer => LP_CUSTOMER,
                Learned::Peer => LP_PEER,
                Learned::Provider => LP_PROVIDER,
            })
    }

    /// True if `asn` leaks everything to `to`.
    pub fn leaks_to(&self, asn: Asn, to: Asn) -> bool {
        self.leaks
            .iter()
            .any(|l| l.asn == asn && l.to.is_none_or(|t| t == to))
    }

    /// Check that every AS named exists and every neighbour named is a neighbour.
    pub fn validate(&self, topo: &Topology) -> Result<(), String> {
        let known = |asn: Asn, what: &str| {
            if topo.contains(asn) {
                Ok(())
            } else {
                Err(format!("{what}: AS {asn} is not in the topology"))
            }
        };
        let linked = |a: Asn, b: Asn, what: &str| {
            if topo.relationship(a, b).is_some() {
                Ok(())
            } else {
                Err(format!("{what}: AS {a} and AS {b} are not neighbours"))
            }
        };
        for p in &self.prepend {
            known(p.asn, "prepend")?;
            if let Some(t) = p.to {
                linked(p.asn, t, "prepend")?;
            }
            if !(1..=10).contains(&p.times) {
                return Err(format!(
                    "prepend by AS {}: times must be 1 to 10, not {}",
                    p.asn, p.times
                ));
            }
        }
        for l in &self.local_pref {
            known(l.asn, "local preference")?;
            linked(l.asn, l.from, "local preference")?;
        }
        for l in &self.leaks {
            known(l.asn, "leak")?;
            if let Some(t) = l.to {
                linked(l.asn, t, "leak")?;
            }
        }
        Ok(())
    }
}
