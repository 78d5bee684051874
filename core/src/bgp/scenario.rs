//! A lab scenario as JSON: ASes (optionally with names and positions for drawing), links,
//! announcements, policy extras and failures. The CLI reads the same format.
//!
//! ```json
//! {"links": [{"provider": 1, "customer": 2}, {"peer": [3, 4]}],
//!  "announcements": [{"prefix": "10.0.0.0/24", "origin": 7}],
//!  "ases": [99, {"asn": 7, "name": "SaaS", "x": 100, "y": 200}]}
//! ```
//!
//! [`Scenario::compute`] gives every AS's best route per prefix: the direct computation of
//! [`super::propagation`] under the default policy, the event-driven engine of
//! [`super::events`] when a policy extra is on.
//!
//! ```
//! use cloudhop_core::bgp::scenario::Scenario;
//! let err = Scenario::from_json(r#"{"links": [{"peer": [1, 2]}],
//!     "announcements": [{"prefix": "10.0.0.0/24", "origin": 7}]}"#).unwrap().compute().unwrap_err();
//! assert!(err.contains("AS 7"));
//! ```

use super::asn::Asn;
use super::error::{BgpError, ErrorKind};
/// The built network and the routing tables live in [`super::network`]; re-exported here
/// for the users of this module.
pub use super::network::{Network, Ribs};
use super::policy::Policy;
use super::topology::{Link, Topology};
/// Prefixes are `ipnet` networks, re-exported for users of this module.
pub use ipnet::IpNet;
use serde::{Deserialize, Serialize};

/// An AS entry: a bare number, or a number with a name and a position for the drawing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AsEntry {
    /// Just the ASN.
    Plain(Asn),
    /// ASN with details.
    Detailed {
        /// The ASN.
        asn: Asn,
        /// A name shown in the lab.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        name: String,
        /// Horizontal position in the drawing (0-1000).
        #[serde(default)]
        x: f64,
        /// Vertical position in the drawing (0-600).
        #[serde(default)]
        y: f64,
    },
}

impl AsEntry {
    /// The ASN.
    pub fn asn(&self) -> Asn {
        match self {
            AsEntry::Plain(a) => *a,
            AsEntry::Detailed { asn, .. } => *asn,
        }
    }
}

/// A link as written in JSON: `{"provider": 1, "customer": 2}` or `{"peer": [3, 4]}`,
/// with an optional label (for example "IPsec tunnel").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkSpec {
    /// The provider end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Asn>,
    /// The customer end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Asn>,
    /// The two peers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer: Option<[Asn; 2]>,
    /// A label shown on the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl LinkSpec {
    /// The link, or a message saying what is missing.
    pub fn link(&self) -> Result<Link, BgpError> {
        match (self.provider, self.customer, self.peer) {
            (Some(p), Some(c), None) => Ok(Link::provider_customer(p, c)),
            (None, None, Some([a, b])) => Ok(Link::peer(a, b)),
            _ => Err(ErrorKind::LinkShape.into()),
        }
    }

    /// A provider-customer link spec.
    pub fn provider_customer(provider: impl Into<Asn>, customer: impl Into<Asn>) -> LinkSpec {
        let (provider, customer) = (provider.into(), customer.into());
        LinkSpec {
            provider: Some(provider),
            customer: Some(customer),
            ..LinkSpec::default()
        }
    }

    /// A peering link spec.
    pub fn peer(a: impl Into<Asn>, b: impl Into<Asn>) -> LinkSpec {
        let (a, b) = (a.into(), b.into());
        LinkSpec {
            peer: Some([a, b]),
            ..LinkSpec::default()
        }
    }
}

impl From<Link> for LinkSpec {
    /// The spec of a link (the inverse of [`LinkSpec::link`]).
    ///
    /// ```
    /// use cloudhop_core::bgp::scenario::LinkSpec;
    /// use cloudhop_core::bgp::topology::Link;
    /// let spec = LinkSpec::from(Link::peer(3, 4));
    /// assert_eq!(spec.link(), Ok(Link::peer(3, 4)));
    /// ```
    fn from(link: Link) -> LinkSpec {
        match link {
            Link::ProviderCustomer { provider, customer } => {
                LinkSpec::provider_customer(provider, customer)
            }
            Link::Peer(a, b) => LinkSpec::peer(a, b),
        }
    }
}

/// A prefix announced by an AS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Announcement {
    /// The prefix, for example `10.0.0.0/24`.
    pub prefix: String,
    /// The AS that originates it.
    pub origin: Asn,
}

/// Parse a prefix and refuse host bits, with a message for a person.
///
/// ```
/// use cloudhop_core::bgp::scenario::parse_prefix;
/// assert!(parse_prefix("10.0.0.0/24").is_ok());
/// assert!(parse_prefix("10.0.0.1/24").unwrap_err().contains("10.0.0.0/24"));
/// ```
pub fn parse_prefix(s: &str) -> Result<IpNet, BgpError> {
    let net: IpNet = s
        .trim()
        .parse()
        .map_err(|_| BgpError::from(ErrorKind::NotAPrefix(s.into())))?;
    if net.trunc() != net {
        return Err(ErrorKind::HostBits {
            text: s.into(),
            network: net.trunc(),
        }
        .into());
    }
    Ok(net)
}

/// A whole lab scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// A title.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// ASes: those without links, and names and positions for any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ases: Vec<AsEntry>,
    /// The links.
    pub links: Vec<LinkSpec>,
    /// Who announces what.
    pub announcements: Vec<Announcement>,
    /// Teaching extras (off by default).
    #[serde(skip_serializing_if = "Policy::is_empty")]
    pub policy: Policy,
    /// Links that are down, as pairs of ASNs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed_links: Vec<[Asn; 2]>,
    /// ASes that are down.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed_ases: Vec<Asn>,
}

impl Scenario {
    /// Parse scenario JSON with a message for a person.
    pub fn from_json(text: &str) -> Result<Scenario, BgpError> {
        serde_json::from_str(text).map_err(|e| ErrorKind::Json(e.to_string()).into())
    }

    /// The scenario as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The links, checked.
    pub fn link_list(&self) -> Result<Vec<Link>, BgpError> {
        self.links
            .iter()
            .enumerate()
            .map(|(i, l)| {
                l.link().map_err(|e| {
                    ErrorKind::InLink {
                        index: i + 1,
                        error: Box::new(e.into_kind()),
                    }
                    .into()
                })
            })
            .collect()
    }

    /// Validate and build.
    pub fn network(&self) -> Result<Network, BgpError> {
        let links = self.link_list()?;
        let extra: Vec<Asn> = self.ases.iter().map(AsEntry::asn).collect();
        let full = Topology::new(&links, &extra)?;
        for [a, b] in &self.failed_links {
            if full.relationship(*a, *b).is_none() {
                return Err(ErrorKind::FailedLinkUnknown(a.get(), b.get()).into());
            }
        }
        for a in &self.failed_ases {
            if !full.contains(*a) {
                return Err(ErrorKind::FailedAsUnknown(a.get()).into());
            }
        }
        let failed: Vec<(Asn, Asn)> = self.failed_links.iter().map(|[a, b]| (*a, *b)).collect();
        let topology = full.without(&failed, &self.failed_ases)?;
        let mut announcements = Vec::new();
        for (i, a) in self.announcements.iter().enumerate() {
            let p = parse_prefix(&a.prefix).map_err(|e| {
                BgpError::from(ErrorKind::InAnnouncement {
                    index: i + 1,
                    error: Box::new(e.into_kind()),
                })
            })?;
            if !full.contains(a.origin) {
                return Err(ErrorKind::AnnouncementOrigin {
                    index: i + 1,
                    prefix: p,
                    origin: a.origin.get(),
                }
                .into());
            }
            if !self.failed_ases.contains(&a.origin) {
                announcements.push((p, a.origin));
            }
        }
        self.policy.validate(&full)?;
        Ok(Network {
            full,
            topology,
            announcements,
            policy: self.policy.clone(),
        })
    }

    /// Validate, build and compute every AS's best route per prefix.
    pub fn compute(&self) -> Result<Ribs, BgpError> {
        self.network()?.compute()
    }

    /// The name given to an AS, if any.
    pub fn name_of(&self, asn: impl Into<Asn>) -> Option<&str> {
        let asn = asn.into();
        self.ases.iter().find_map(|e| match e {
            AsEntry::Detailed { asn: a, name, .. } if *a == asn && !name.is_empty() => {
                Some(name.as_str())
            }
            _ => None,
        })
    }

    /// The prefixes announced, in address order, each once (unreadable ones left out).
    ///
    /// ```
    /// use cloudhop_core::bgp::seeds::seed;
    /// let s = seed("internet-hijack").unwrap();
    /// assert_eq!(s.prefixes(), vec!["198.51.100.0/24".parse().unwrap()]);
    /// ```
    pub fn prefixes(&self) -> Vec<IpNet> {
        let mut v: Vec<IpNet> = self
            .announcements
            .iter()
            .filter_map(|a| a.prefix.parse().ok())
            .collect();
        crate::order::sort(&mut v);
        v.dedup();
        v
    }

    /// The prefix to show: `chosen` if it is still announced, else the first one.
    ///
    /// ```
    /// use cloudhop_core::bgp::seeds::seed;
    /// let s = seed("saas-exchange").unwrap();
    /// assert_eq!(s.prefix_shown(Some("10.2.0.0/16")), Some("10.2.0.0/16".parse().unwrap()));
    /// assert_eq!(s.prefix_shown(Some("10.9.0.0/16")), Some("10.1.0.0/16".parse().unwrap()));
    /// ```
    pub fn prefix_shown(&self, chosen: Option<&str>) -> Option<IpNet> {
        let all = self.prefixes();
        chosen
            .and_then(|p| p.parse().ok())
            .filter(|p| all.contains(p))
            .or_else(|| all.first().copied())
    }

    /// The ASes that announce `prefix`, in the order listed (the first is the one the
    /// lab treats as the real origin; the others hijack it, or it is anycast).
    ///
    /// ```
    /// use cloudhop_core::bgp::seeds::seed;
    /// let s = seed("internet-hijack").unwrap();
    /// assert_eq!(s.origins_of("198.51.100.0/24".parse().unwrap()), vec![64510, 64666]);
    /// ```
    pub fn origins_of(&self, prefix: IpNet) -> Vec<Asn> {
        self.announcements
            .iter()
            .filter(|a| a.prefix.parse::<IpNet>().ok() == Some(prefix))
            .map(|a| a.origin)
            .collect()
    }

    /// True if the link between `a` and `b` is marked failed.
    pub fn link_failed(&self, a: impl Into<Asn>, b: impl Into<Asn>) -> bool {
        let (a, b) = (a.into(), b.into());
        self.failed_links
            .iter()
            .any(|&[x, y]| (x == a && y == b) || (x == b && y == a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_cli_example() {
        let s = Scenario::from_json(
            r#"{"links": [{"provider": 1, "customer": 2}, {"peer": [3, 4]}],
                "announcements": [{"prefix": "10.0.0.0/24", "origin": 2}], "ases": [99]}"#,
        )
        .unwrap();
        let n = s.network().unwrap();
        assert_eq!(n.topology.asns(), &[1, 2, 3, 4, 99]);
        let r = n.compute().unwrap();
        assert_eq!(
            r.route("10.0.0.0/24".parse().unwrap(), 1).unwrap().as_path,
            vec![2]
        );
        assert!(r.route("10.0.0.0/24".parse().unwrap(), 3).is_none());
    }

    #[test]
    fn bad_links_and_prefixes_are_named() {
        let e = Scenario::from_json(r#"{"links": [{"provider": 1}]}"#)
            .unwrap()
            .network()
            .unwrap_err();
        assert!(e.contains("link 1"), "{e}");
        let e = Scenario::from_json(r#"{"links": [{"peer": [1, 2]}], "announcements": [{"prefix": "10.0.0.9/24", "origin": 1}]}"#)
            .unwrap()
            .network()
            .unwrap_err();
        assert!(e.contains("host bits"), "{e}");
        assert!(Scenario::from_json(r#"{"linkz": []}"#).is_err());
        let e = Scenario::from_json(r#"{"links": [{"peer": [1, 2]}], "failed_links": [[1, 3]]}"#)
            .unwrap()
            .network()
            .unwrap_err();
        assert!(e.contains("AS 3"), "{e}");
    }

    #[test]
    fn failed_links_and_ases_change_routes() {
        let mut s = Scenario::from_json(
            r#"{"links": [{"provider": 1, "customer": 2}, {"provider": 3, "customer": 2}, {"peer": [1, 3]}],
                "announcements": [{"prefix": "10.0.0.0/24", "origin": 2}]}"#,
        )
        .unwrap();
        let p: IpNet = "10.0.0.0/24".parse().unwrap();
        assert_eq!(s.compute().unwrap().route(p, 1).unwrap().as_path, vec![2]);
        s.failed_links.push([Asn(2), Asn(1)]);
        assert_eq!(
            s.compute().unwrap().route(p, 1).unwrap().as_path,
            vec![3, 2]
        );
        s.failed_ases.push(Asn(2));
        assert!(s.compute().unwrap().by_prefix.is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Whatever a learner, a URL or a CLI user hands in (AS 0, AS_TRANS, the top ASN,
        /// self-links, pairs linked twice, unknown origins and neighbours, odd prefixes and
        /// policies), the functions the lab and the CLI call return errors, never panic.
        #[test]
        fn arbitrary_scenarios_never_panic(
            links in proptest::collection::vec((0usize..8, 0usize..8, proptest::bool::ANY), 0..14),
            anns in proptest::collection::vec((0usize..6, 0usize..8), 0..4),
            extras in proptest::collection::vec((0u8..3, 0usize..8, 0usize..8, 0u32..12), 0..3),
            failed in proptest::collection::vec((0usize..8, 0usize..8), 0..2),
            failed_as in proptest::option::of(0usize..8),
        ) {
            use crate::bgp::events::Simulation;
            use crate::bgp::forwarding::{captured_by, trace};
            use crate::bgp::policy::{Leak, LocalPref, Prepend};
            use crate::bgp::selection::decide;
            const ASNS: [Asn; 8] = [Asn(0), Asn(1), Asn(2), Asn(3), Asn(23456), Asn(65001), Asn(4_294_967_294), Asn(u32::MAX)];
            const PREFIXES: [&str; 6] =
                ["10.0.0.0/8", "10.0.0.0/9", "10.0.0.1/8", "::/0", "garbage", "10.0.0.0/33"];
            let mut s = Scenario::default();
            for (a, b, peer) in links {
                let (a, b) = (ASNS[a], ASNS[b]);
                s.links.push(if peer { LinkSpec::peer(a, b) } else { LinkSpec::provider_customer(a, b) });
            }
            for (p, o) in anns {
                s.announcements.push(Announcement { prefix: PREFIXES[p].into(), origin: ASNS[o] });
            }
            for (kind, a, b, v) in extras {
                let (asn, to) = (ASNS[a], ASNS[b]);
                match kind {
                    0 => s.policy.prepend.push(Prepend { asn, to: Some(to), times: v }),
                    1 => s.policy.local_pref.push(LocalPref { asn, from: to, value: v * 100 }),
                    _ => s.policy.leaks.push(Leak { asn, to: Some(to) }),
                }
            }
            s.failed_links = failed.into_iter().map(|(a, b)| [ASNS[a], ASNS[b]]).collect();
            s.failed_ases = failed_as.map(|a| vec![ASNS[a]]).unwrap_or_default();
            let _ = Scenario::from_json(&s.to_json());
            let Ok(net) = s.network() else { return Ok(()) };
            let ribs = net.compute();
            if let Ok(mut sim) = Simulation::new(&net) {
                for _ in 0..2000 {
                    if sim.step().is_none() {
                        break;
                    }
                }
                for p in net.origins().keys() {
                    for &a in net.full.asns() {
                        let _ = decide(a, &sim.candidates(a, *p));
                    }
                }
            }
            if let Ok(r) = ribs {
                for dest in ["10.0.0.1", "10.200.0.1", "::1"] {
                    let dest = dest.parse().unwrap();
                    for &a in ASNS.iter() {
                        let _ = trace(&r, a, dest);
                        let _ = captured_by(&r, net.topology.asns(), dest, a);
                    }
                }
            }
        }
    }

    /// Issue 10: the lab showed raw Markdown backticks ("`10.0.0.1/24` has host bits").
    #[test]
    fn prefix_messages_are_plain_text() {
        assert_eq!(
            parse_prefix("10.0.0.1/24").unwrap_err().to_string(),
            "\"10.0.0.1/24\" has host bits set; did you mean 10.0.0.0/24?"
        );
        assert_eq!(
            parse_prefix("garbage").unwrap_err().to_string(),
            "\"garbage\" is not a prefix (write it like 10.0.0.0/24)"
        );
    }

    #[test]
    fn round_trips_through_json() {
        let s = Scenario::from_json(
            r#"{"title": "t", "ases": [{"asn": 5, "name": "five", "x": 1, "y": 2}, 6],
                "links": [{"peer": [5, 6], "label": "IX"}],
                "announcements": [{"prefix": "2001:db8::/32", "origin": 5}],
                "policy": {"prepend": [{"asn": 5, "times": 2}]}}"#,
        )
        .unwrap();
        assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
        assert_eq!(s.name_of(5), Some("five"));
    }
}
