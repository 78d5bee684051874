//! Forwarding: which route traffic follows, and where it ends up.
//!
//! Routers forward by **longest-prefix match**: among the prefixes they hold a route for
//! that contain the destination, the most specific wins. That is why a more-specific
//! hijack (a /25 inside someone's /24) captures traffic even from ASes whose route to the
//! real /24 is better: the two are different prefixes and never compared.
//!
//! ```
//! use cloudhop_core::bgp::forwarding::trace;
//! use cloudhop_core::bgp::scenario::Scenario;
//! let s = Scenario::from_json(r#"{"links": [{"provider": 1, "customer": 2}, {"provider": 1, "customer": 6}],
//!   "announcements": [{"prefix": "10.0.0.0/24", "origin": 2}, {"prefix": "10.0.0.0/25", "origin": 6}]}"#).unwrap();
//! let ribs = s.compute().unwrap();
//! let t = trace(&ribs, 1, "10.0.0.7".parse().unwrap());
//! assert_eq!(t.hops, vec![1, 6]); // the /25 wins
//! assert_eq!(t.reached, Some(6.into()));
//! ```

use super::asn::Asn;
use super::network::Ribs;
use super::route::{Learned, Route};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

/// The most specific route `asn` holds for `dest`.
pub fn lookup(ribs: &Ribs, asn: impl Into<Asn>, dest: IpAddr) -> Option<(IpNet, &Route)> {
    let asn = asn.into();
    ribs.by_prefix
        .iter()
        .filter(|(p, _)| p.contains(&dest))
        .filter_map(|(p, m)| m.get(&asn).map(|r| (*p, r)))
        .max_by_key(|(p, _)| p.prefix_len())
}

/// Where traffic from one AS to an address goes, AS by AS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardTrace {
    /// The ASes the traffic passes, starting at the source.
    pub hops: Vec<Asn>,
    /// The prefix matched at each hop.
    pub matched: Vec<IpNet>,
    /// The AS that originates the matched prefix and takes the traffic, if it gets there.
    pub reached: Option<Asn>,
    /// Why it stopped short (no route, or a forwarding loop), if it did.
    pub problem: Option<String>,
}

/// Follow the traffic from `src` to `dest`, doing a longest-prefix match at every hop.
pub fn trace(ribs: &Ribs, src: impl Into<Asn>, dest: IpAddr) -> ForwardTrace {
    let src = src.into();
    let mut hops = vec![src];
    let mut matched = Vec::new();
    let mut cur = src;
    loop {
        let Some((p, r)) = lookup(ribs, cur, dest) else {
            return ForwardTrace {
                hops,
                matched,
                reached: None,
                problem: Some(format!("AS {cur} has no route to {dest}")),
            };
        };
        matched.push(p);
        if r.learned == Learned::Origin {
            return ForwardTrace {
                hops,
                matched,
                reached: Some(cur),
                problem: None,
            };
        }
        let Some(next) = r.from else {
            return ForwardTrace {
                hops,
                matched,
                reached: None,
                problem: Some(format!("AS {cur} has no next hop")),
            };
        };
        if hops.contains(&next) {
            hops.push(next);
            return ForwardTrace {
                hops,
                matched,
                reached: None,
                problem: Some(format!("forwarding loop at AS {next}")),
            };
        }
        hops.push(next);
        cur = next;
    }
}

/// The ASes (other than `hijacker`) among `ases` whose traffic to `dest` ends at `hijacker`.
///
/// ```
/// use cloudhop_core::bgp::forwarding::captured_by;
/// use cloudhop_core::bgp::scenario::Scenario;
/// let s = Scenario::from_json(r#"{"links": [{"provider": 1, "customer": 2}, {"provider": 1, "customer": 6}, {"provider": 6, "customer": 7}],
///   "announcements": [{"prefix": "10.0.0.0/24", "origin": 2}, {"prefix": "10.0.0.0/24", "origin": 6}]}"#).unwrap();
/// let ribs = s.compute().unwrap();
/// assert_eq!(captured_by(&ribs, &[1.into(), 2.into(), 6.into(), 7.into()], "10.0.0.1".parse().unwrap(), 6), vec![7]);
/// ```
pub fn captured_by(ribs: &Ribs, ases: &[Asn], dest: IpAddr, hijacker: impl Into<Asn>) -> Vec<Asn> {
    let hijacker = hijacker.into();
    let mut out: Vec<Asn> = ases
        .iter()
        .copied()
        .filter(|&a| a != hijacker && trace(ribs, a, dest).reached == Some(hijacker))
        .collect();
    crate::order::sort(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bgp::scenario::Scenario;

    fn internet() -> Scenario {
        // Tier-1s 10 and 20 peer. 30, 40 customers of 10; 50, 60 customers of 20.
        // 64510 (victim) is a customer of 30; 64666 (hijacker) a customer of 50.
        Scenario::from_json(
            r#"{"links": [{"peer": [10, 20]},
              {"provider": 10, "customer": 30}, {"provider": 10, "customer": 40},
              {"provider": 20, "customer": 50}, {"provider": 20, "customer": 60},
              {"provider": 30, "customer": 64510}, {"provider": 50, "customer": 64666}],
              "announcements": [{"prefix": "198.51.100.0/24", "origin": 64510}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn same_prefix_hijack_captures_the_hijackers_side() {
        let mut s = internet();
        s.announcements.push(crate::bgp::scenario::Announcement {
            prefix: "198.51.100.0/24".into(),
            origin: Asn(64666),
        });
        let ribs = s.compute().unwrap();
        let dest: IpAddr = "198.51.100.10".parse().unwrap();
        // 20's customer route to the hijacker beats its peer route to the victim.
        assert_eq!(
            captured_by(
                &ribs,
                &[
                    Asn(10),
                    Asn(20),
                    Asn(30),
                    Asn(40),
                    Asn(50),
                    Asn(60),
                    Asn(64510)
                ],
                dest,
                64666
            ),
            vec![20, 50, 60]
        );
    }

    #[test]
    fn more_specific_hijack_captures_everyone() {
        let mut s = internet();
        s.announcements.push(crate::bgp::scenario::Announcement {
            prefix: "198.51.100.0/25".into(),
            origin: Asn(64666),
        });
        let ribs = s.compute().unwrap();
        let dest: IpAddr = "198.51.100.10".parse().unwrap();
        assert_eq!(
            captured_by(
                &ribs,
                &[
                    Asn(10),
                    Asn(20),
                    Asn(30),
                    Asn(40),
                    Asn(50),
                    Asn(60),
                    Asn(64510)
                ],
                dest,
                64666
            ),
            vec![10, 20, 30, 40, 50, 60, 64510]
        );
        // Addresses outside the /25 still reach the victim.
        let t = trace(&ribs, 40, "198.51.100.200".parse().unwrap());
        assert_eq!(t.hops, vec![40, 10, 30, 64510]);
        assert_eq!(t.reached, Some(Asn(64510)));
        // The victim's own traffic to the /25 leaves it: LPM beats its own /24.
        assert_eq!(
            trace(&ribs, 64510, dest).matched.first(),
            Some(&"198.51.100.0/25".parse().unwrap())
        );
    }

    #[test]
    fn no_route_is_reported() {
        let s = internet();
        let ribs = s.compute().unwrap();
        let t = trace(&ribs, 40, "192.0.2.1".parse().unwrap());
        assert_eq!(t.reached, None);
        assert!(t.problem.unwrap().contains("AS 40"));
    }
}
