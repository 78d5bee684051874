//! A scenario checked and built, and the routing tables computed over it: the two data
//! types the engines share. [`super::scenario`] builds a [`Network`] from JSON;
//! [`super::propagation`] and [`super::events`] compute its [`Ribs`] (see
//! [`Network::compute`]).
//!
//! ```
//! use cloudhop_core::bgp::network::Ribs;
//! use cloudhop_core::bgp::scenario::Scenario;
//! let net = Scenario::from_json(r#"{"links": [{"provider": 1, "customer": 2}],
//!     "announcements": [{"prefix": "10.0.0.0/24", "origin": 2}]}"#).unwrap().network().unwrap();
//! assert_eq!(net.origins().len(), 1);
//! let ribs: Ribs = net.compute().unwrap();
//! assert_eq!(ribs.route("10.0.0.0/24".parse().unwrap(), 1).unwrap().from, Some(2.into()));
//! ```

use super::asn::Asn;
use super::policy::Policy;
use super::route::Route;
use super::topology::Topology;
use ipnet::IpNet;
use std::collections::BTreeMap;

/// A scenario checked and built: the topology with failures applied, parsed announcements.
#[derive(Debug, Clone)]
pub struct Network {
    /// The topology with every link, failed or not.
    pub full: Topology,
    /// The topology without failed links and ASes: what routing runs on.
    pub topology: Topology,
    /// Announcements that are live (the origin has not failed), in input order.
    pub announcements: Vec<(IpNet, Asn)>,
    /// The policy extras.
    pub policy: Policy,
}

impl Network {
    /// The origins of each prefix, prefixes in address order.
    pub fn origins(&self) -> BTreeMap<IpNet, Vec<Asn>> {
        let mut m: BTreeMap<IpNet, Vec<Asn>> = BTreeMap::new();
        for &(p, o) in &self.announcements {
            let v = m.entry(p).or_default();
            if !v.contains(&o) {
                v.push(o);
            }
        }
        m
    }
}

/// Every AS's best route, per prefix.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ribs {
    /// Prefix -> ASN -> route. Prefixes in address order, ASNs ascending.
    pub by_prefix: BTreeMap<IpNet, BTreeMap<Asn, Route>>,
}

impl Ribs {
    /// The route `asn` holds for `prefix`.
    pub fn route(&self, prefix: IpNet, asn: impl Into<Asn>) -> Option<&Route> {
        let asn = asn.into();
        self.by_prefix.get(&prefix)?.get(&asn)
    }

    /// When several ASes announce `prefix` (`origins`, the first being the one the lab
    /// treats as the real origin): the ASes whose best route ends at another origin (a
    /// hijack, or anycast), the other origins themselves included. Empty with one origin.
    ///
    /// ```
    /// use cloudhop_core::bgp::seeds::seed;
    /// let s = seed("internet-hijack").unwrap();
    /// let p = "198.51.100.0/24".parse().unwrap();
    /// let away = s.compute().unwrap().diverted(p, &s.origins_of(p));
    /// assert_eq!(away, vec![64501, 64503, 64504, 64505, 64520, 64530, 64666]);
    /// ```
    pub fn diverted(&self, prefix: IpNet, origins: &[Asn]) -> Vec<Asn> {
        let Some(&first) = origins.first() else {
            return Vec::new();
        };
        if origins.len() < 2 {
            return Vec::new();
        }
        self.by_prefix
            .get(&prefix)
            .map(|m| {
                m.iter()
                    .filter(|(a, r)| r.origin_as(**a) != first)
                    .map(|(a, _)| *a)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Per AS, per prefix (the CLI's layout), in ASN then address order.
    pub fn by_as(&self) -> BTreeMap<Asn, BTreeMap<IpNet, Route>> {
        let mut out: BTreeMap<Asn, BTreeMap<IpNet, Route>> = BTreeMap::new();
        for (p, m) in &self.by_prefix {
            for (a, r) in m {
                out.entry(*a).or_default().insert(*p, r.clone());
            }
        }
        out
    }
}
