//! The lab's ready-made scenarios, from the course's lessons.
//!
//! - [`SAAS_EXCHANGE`]: a SaaS in one cloud reaching a customer in another through a cloud
//!   exchange (interconnects to the exchange's virtual router), with an IPsec tunnel over
//!   the internet as backup. The tunnel is a direct BGP session, so by default it wins:
//!   BGP knows nothing about bandwidth or cost.
//! - [`PRIVATE_WAN`]: a private WAN of software-defined routers in three regions, peering
//!   over interconnects with private ASNs, each with a cloud network or data centre behind
//!   it. Peers do not pass peer routes on, so when an interconnect fails the regions on
//!   either side lose each other unless a router is allowed to give transit.
//! - [`INTERNET_HIJACK`]: a small internet (two tier-1s, regional ISPs, stubs) where one AS
//!   announces someone else's prefix.
//!
//! ```
//! use cloudhop_core::bgp::seeds::{seed, SEEDS};
//! for (name, _) in SEEDS {
//!     let s = seed(name).unwrap();
//!     assert!(s.compute().is_ok(), "{name}");
//! }
//! ```

use super::error::{BgpError, ErrorKind};
use super::scenario::Scenario;
use std::sync::OnceLock;

/// SaaS across a cloud exchange with an IPsec tunnel as backup.
pub const SAAS_EXCHANGE: &str = r#"{
  "title": "SaaS across a cloud exchange, IPsec tunnel as backup",
  "ases": [
    {"asn": 64600, "name": "Cloud exchange router", "x": 500, "y": 60},
    {"asn": 65001, "name": "SaaS VPC (cloud A)", "x": 170, "y": 440},
    {"asn": 65010, "name": "Customer VNet (cloud B)", "x": 830, "y": 440},
    {"asn": 65020, "name": "On-prem DC", "x": 500, "y": 280}
  ],
  "links": [
    {"provider": 64600, "customer": 65001, "label": "interconnect"},
    {"provider": 64600, "customer": 65010, "label": "interconnect"},
    {"provider": 64600, "customer": 65020, "label": "interconnect"},
    {"peer": [65001, 65010], "label": "IPsec tunnel (internet)"}
  ],
  "announcements": [
    {"prefix": "10.1.0.0/16", "origin": 65001},
    {"prefix": "10.2.0.0/16", "origin": 65010},
    {"prefix": "10.3.0.0/16", "origin": 65020}
  ]
}"#;

/// A private WAN of software-defined routers over interconnects.
pub const PRIVATE_WAN: &str = r#"{
  "title": "Private WAN: software-defined routers over interconnects",
  "ases": [
    {"asn": 65101, "name": "us-east SD-WAN", "x": 150, "y": 230},
    {"asn": 65102, "name": "eu-west SD-WAN", "x": 500, "y": 60},
    {"asn": 65103, "name": "ap-southeast SD-WAN", "x": 850, "y": 230},
    {"asn": 65110, "name": "AWS us-east-1", "x": 150, "y": 520},
    {"asn": 65120, "name": "Azure westeurope", "x": 370, "y": 420},
    {"asn": 65140, "name": "DC Frankfurt", "x": 630, "y": 420},
    {"asn": 65130, "name": "GCP asia-southeast1", "x": 850, "y": 520}
  ],
  "links": [
    {"peer": [65101, 65102], "label": "transatlantic"},
    {"peer": [65102, 65103], "label": "EU-Asia"},
    {"peer": [65101, 65103], "label": "transpacific"},
    {"provider": 65101, "customer": 65110},
    {"provider": 65102, "customer": 65120},
    {"provider": 65102, "customer": 65140},
    {"provider": 65103, "customer": 65130}
  ],
  "announcements": [
    {"prefix": "10.10.0.0/16", "origin": 65110},
    {"prefix": "10.20.0.0/16", "origin": 65120},
    {"prefix": "10.30.0.0/16", "origin": 65130},
    {"prefix": "10.40.0.0/16", "origin": 65140}
  ]
}"#;

/// A small internet with a prefix hijack.
pub const INTERNET_HIJACK: &str = r#"{
  "title": "A small internet with a hijack",
  "ases": [
    {"asn": 64500, "name": "Tier-1 A", "x": 330, "y": 70},
    {"asn": 64501, "name": "Tier-1 B", "x": 670, "y": 70},
    {"asn": 64502, "name": "ISP West", "x": 150, "y": 240},
    {"asn": 64503, "name": "ISP Central", "x": 430, "y": 240},
    {"asn": 64504, "name": "ISP East", "x": 850, "y": 240},
    {"asn": 64505, "name": "Access ISP", "x": 640, "y": 400},
    {"asn": 64510, "name": "Shop (victim)", "x": 110, "y": 470},
    {"asn": 64520, "name": "University", "x": 390, "y": 470},
    {"asn": 64530, "name": "Cloud region", "x": 900, "y": 470},
    {"asn": 64666, "name": "Hijacker", "x": 660, "y": 550}
  ],
  "links": [
    {"peer": [64500, 64501]},
    {"provider": 64500, "customer": 64502},
    {"provider": 64500, "customer": 64503},
    {"provider": 64501, "customer": 64503},
    {"provider": 64501, "customer": 64504},
    {"peer": [64503, 64504]},
    {"provider": 64504, "customer": 64505},
    {"provider": 64502, "customer": 64510},
    {"provider": 64503, "customer": 64520},
    {"provider": 64504, "customer": 64530},
    {"provider": 64505, "customer": 64666}
  ],
  "announcements": [
    {"prefix": "198.51.100.0/24", "origin": 64510},
    {"prefix": "198.51.100.0/24", "origin": 64666}
  ]
}"#;

/// The seeds by name, in menu order.
pub const SEEDS: [(&str, &str); 3] = [
    ("saas-exchange", SAAS_EXCHANGE),
    ("private-wan", PRIVATE_WAN),
    ("internet-hijack", INTERNET_HIJACK),
];

/// Every seed, parsed once (on first use) and kept: name and scenario, in menu order.
///
/// ```
/// use cloudhop_core::bgp::seeds::parsed;
/// let names: Vec<&str> = parsed().iter().map(|(n, _)| *n).collect();
/// assert_eq!(names, ["saas-exchange", "private-wan", "internet-hijack"]);
/// assert!(std::ptr::eq(parsed(), parsed()), "parsed once");
/// ```
pub fn parsed() -> &'static [(&'static str, Scenario)] {
    static PARSED: OnceLock<Vec<(&'static str, Scenario)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        SEEDS
            .iter()
            // The seeds are tested to parse; one that did not would be left out, not panic.
            .filter_map(|(n, j)| Scenario::from_json(j).ok().map(|s| (*n, s)))
            .collect()
    })
}

/// A seed scenario by name, without copying it.
///
/// ```
/// use cloudhop_core::bgp::seeds::seed_ref;
/// assert_eq!(seed_ref("private-wan").unwrap().ases.len(), 7);
/// ```
pub fn seed_ref(name: &str) -> Result<&'static Scenario, BgpError> {
    parsed()
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| s)
        .ok_or_else(|| {
            ErrorKind::UnknownSeed {
                name: name.into(),
                names: SEEDS.iter().map(|(n, _)| *n).collect(),
            }
            .into()
        })
}

/// A seed scenario by name.
pub fn seed(name: &str) -> Result<Scenario, BgpError> {
    seed_ref(name).cloned()
}

/// The seed a scenario came from, recognised by its title (edits keep the title).
///
/// ```
/// use cloudhop_core::bgp::seeds::{seed, seed_of};
/// let mut s = seed("private-wan").unwrap();
/// s.failed_links.push([65101.into(), 65102.into()]);
/// assert_eq!(seed_of(&s).map(|(n, _)| n), Some("private-wan"));
/// assert!(seed_of(&Default::default()).is_none());
/// ```
pub fn seed_of(sc: &Scenario) -> Option<(&'static str, &'static Scenario)> {
    parsed()
        .iter()
        .find(|(_, s)| s.title == sc.title)
        .map(|(n, s)| (*n, s))
}

/// The scenario the lab opens with.
pub fn default_seed() -> Scenario {
    seed(DEFAULT_SEED).unwrap_or_default()
}

/// The name of the scenario the lab opens with.
pub const DEFAULT_SEED: &str = "saas-exchange";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bgp::asn::Asn;
    use ipnet::IpNet;

    #[test]
    fn the_tunnel_wins_by_default_in_the_saas_seed() {
        let s = seed("saas-exchange").unwrap();
        let r = s.compute().unwrap();
        let p: IpNet = "10.1.0.0/16".parse().unwrap();
        assert_eq!(r.route(p, 65010).unwrap().from, Some(Asn(65001)));
        // The on-prem DC reaches both clouds through the exchange.
        assert_eq!(r.route(p, 65020).unwrap().as_path, vec![64600, 65001]);
    }

    #[test]
    fn a_failed_interconnect_in_the_wan_cuts_regions_apart() {
        let mut s = seed("private-wan").unwrap();
        let p: IpNet = "10.20.0.0/16".parse().unwrap();
        assert_eq!(
            s.compute().unwrap().route(p, 65110).unwrap().as_path,
            vec![65101, 65102, 65120]
        );
        s.failed_links.push([Asn(65101), Asn(65102)]);
        let r = s.compute().unwrap();
        assert!(r.route(p, 65110).is_none(), "peers do not give transit");
        assert!(r.route(p, 65103).is_some());
    }

    #[test]
    fn unknown_seed_lists_the_names() {
        assert!(seed("nope").unwrap_err().contains("private-wan"));
    }
}
