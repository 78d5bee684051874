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
//! let p = Policy { prepend: vec![Prepend { asn: 65001.into(), to: Some(64500.into()), times: 2 }], ..Policy::default() };
//! assert_eq!(p.prepend_times(65001, 64500), 2);
//! assert_eq!(p.prepend_times(65001, 64501), 0);
//! assert!(!p.is_empty());
//! ```

use super::asn::Asn;
use super::error::{BgpError, ErrorKind};
use super::route::Learned;
use super::topology::Topology;
use serde::{Deserialize, Serialize};

/// Default local preference for routes from customers.
pub const LP_CUSTOMER: u32 = 300;
/// Default local preference for routes from peers.
pub const LP_PEER: u32 = 200;
/// Default local preference for routes from providers.
pub const LP_PROVIDER: u32 = 100;
/// The most extra copies a prepend may add.
pub const PREPEND_MAX: u32 = 10;

/// The local preference a route gets by default, from whom it was learned: the AS's own
/// route above all, then [`LP_CUSTOMER`], [`LP_PEER`], [`LP_PROVIDER`].
///
/// ```
/// use cloudhop_core::bgp::policy::default_local_pref;
/// use cloudhop_core::bgp::route::Learned;
/// assert_eq!(default_local_pref(Learned::Customer), 300);
/// assert_eq!(default_local_pref(Learned::Peer), 200);
/// assert_eq!(default_local_pref(Learned::Provider), 100);
/// ```
pub fn default_local_pref(learned: Learned) -> u32 {
    match learned {
        Learned::Origin => u32::MAX,
        Learned::Customer => LP_CUSTOMER,
        Learned::Peer => LP_PEER,
        Learned::Provider => LP_PROVIDER,
    }
}

/// Read a local preference typed into the lab: a whole number from 0 to 4294967295, or
/// nothing (blank) for "no override, use the default". Anything else is refused with a
/// sentence for the learner.
///
/// ```
/// use cloudhop_core::bgp::policy::parse_local_pref;
/// assert_eq!(parse_local_pref(" 250 "), Ok(Some(250)));
/// assert_eq!(parse_local_pref(""), Ok(None));
/// for bad in ["-5", "1.5", "4294967296", "lots"] {
///     let e = parse_local_pref(bad).unwrap_err().to_string();
///     assert!(e.contains("whole number from 0 to 4294967295"), "{e}");
/// }
/// ```
pub fn parse_local_pref(text: &str) -> Result<Option<u32>, BgpError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let digits = t.strip_prefix('+').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ErrorKind::LocalPref { text: text.into() }.into());
    }
    digits
        .parse::<u32>()
        .map(Some)
        .map_err(|_| ErrorKind::LocalPref { text: text.into() }.into())
}

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
    pub fn prepend_times(&self, asn: impl Into<Asn>, to: impl Into<Asn>) -> u32 {
        let (asn, to) = (asn.into(), to.into());
        self.prepend
            .iter()
            .filter(|p| p.asn == asn && p.to.is_none_or(|t| t == to))
            .map(|p| p.times)
            .max()
            .unwrap_or(0)
    }

    /// The local preference `asn` gives a route learned from `from` over a `learned` link.
    pub fn local_pref(&self, asn: impl Into<Asn>, from: impl Into<Asn>, learned: Learned) -> u32 {
        let (asn, from) = (asn.into(), from.into());
        self.local_pref_override(asn, from)
            .unwrap_or_else(|| default_local_pref(learned))
    }

    /// The override `asn` sets for routes from `from`, if any (the last one listed wins).
    ///
    /// ```
    /// use cloudhop_core::bgp::policy::{LocalPref, Policy};
    /// let p = Policy { local_pref: vec![LocalPref { asn: 1.into(), from: 2.into(), value: 50 },
    ///     LocalPref { asn: 1.into(), from: 2.into(), value: 250 }], ..Policy::default() };
    /// assert_eq!(p.local_pref_override(1, 2), Some(250));
    /// assert_eq!(p.local_pref_override(1, 3), None);
    /// ```
    pub fn local_pref_override(&self, asn: impl Into<Asn>, from: impl Into<Asn>) -> Option<u32> {
        let (asn, from) = (asn.into(), from.into());
        self.local_pref
            .iter()
            .rev()
            .find(|l| l.asn == asn && l.from == from)
            .map(|l| l.value)
    }

    /// True if `asn` leaks everything to `to`.
    pub fn leaks_to(&self, asn: impl Into<Asn>, to: impl Into<Asn>) -> bool {
        let (asn, to) = (asn.into(), to.into());
        self.leaks
            .iter()
            .any(|l| l.asn == asn && l.to.is_none_or(|t| t == to))
    }

    /// Check that every AS named exists and every neighbour named is a neighbour.
    pub fn validate(&self, topo: &Topology) -> Result<(), BgpError> {
        let known = |asn: Asn, what: &'static str| {
            if topo.contains(asn) {
                Ok(())
            } else {
                Err(BgpError::from(ErrorKind::PolicyUnknownAs {
                    what,
                    asn: asn.get(),
                }))
            }
        };
        let linked = |a: Asn, b: Asn, what: &'static str| {
            if topo.relationship(a, b).is_some() {
                Ok(())
            } else {
                Err(BgpError::from(ErrorKind::PolicyNotNeighbours {
                    what,
                    a: a.get(),
                    b: b.get(),
                }))
            }
        };
        for p in &self.prepend {
            known(p.asn, "prepend")?;
            if let Some(t) = p.to {
                linked(p.asn, t, "prepend")?;
            }
            if !(1..=PREPEND_MAX).contains(&p.times) {
                return Err(ErrorKind::PrependTimes {
                    asn: p.asn.get(),
                    times: p.times,
                    max: PREPEND_MAX,
                }
                .into());
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
