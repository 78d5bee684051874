//! Whether a DNS query can travel from one network to another, and why not.
//!
//! A path is a chain of tunnels and interconnects, or a single peering: peering is not
//! transitive, so a path never continues past a peering link (AWS: "VPC peering does not
//! support transitive peering relationships", <https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html>;
//! Azure and Google Cloud peering behave the same by default; not re-checked against their
//! documentation here). Every link on the path must allow DNS (port 53). A query that a
//! Cloud DNS forwarding zone sends to a private target leaves Google from 35.199.192.0/19
//! (<https://cloud.google.com/dns/docs/zones/zones-overview>, "forwarding targets"): every
//! tunnel or interconnect on the way must route that range back.
//!
//! ```
//! use cloudhop_core::dns::network::{Link, LinkKind};
//! use cloudhop_core::dns::reach::{Reachability, Refusal};
//! let links = vec![
//!     Link { id: "vpn".into(), kind: LinkKind::Tunnel, a: "office".into(), b: "vpc".into(), dns_allowed: false, routes_google_dns_range: false },
//! ];
//! let r = Reachability::new(&links);
//! assert_eq!(r.path("office", "vpc", false), Err(Refusal::Port53Blocked { link: "vpn".into() }));
//! assert!(matches!(r.path("office", "elsewhere", false), Err(Refusal::NoRoute { .. })));
//! ```

use super::network::{Link, LinkKind};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use std::net::Ipv4Addr;

/// Why a query did not reach the server it was sent to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Refusal {
    /// No chain of links joins the two networks.
    NoRoute {
        /// Where the query starts (network id).
        from: String,
        /// Where the server is (network id).
        to: String,
    },
    /// They are joined only through more than one peering, and peering is not transitive.
    PeeringNotTransitive {
        /// Where the query starts.
        from: String,
        /// Where the server is.
        to: String,
    },
    /// A link on the way blocks DNS (port 53).
    Port53Blocked {
        /// The link (id).
        link: String,
    },
    /// The far side has no route back to 35.199.192.0/19 over this link.
    NoGoogleReturnRoute {
        /// The link (id).
        link: String,
    },
    /// Nothing answers DNS at this address.
    NothingListens {
        /// The address.
        address: Ipv4Addr,
    },
    /// Sent to an outbound endpoint, which only sends queries out.
    OutboundEndpoint {
        /// The endpoint (id).
        endpoint: String,
    },
    /// Sent to a VPC's +2 resolver from outside that VPC: not supported by AWS.
    PlusTwoFromOutside {
        /// The VPC (id).
        vpc: String,
        /// The +2 address.
        address: Ipv4Addr,
    },
    /// 168.63.129.16 or 169.254.169.254 asked from a network where it is not the
    /// built-in resolver (these addresses answer only inside their own cloud's networks).
    ProviderAddressOutside {
        /// The address.
        address: Ipv4Addr,
        /// The network the query came from.
        from: String,
    },
    /// The server is authoritative-only and the name is not in its zones.
    NotAuthoritative {
        /// The server (id).
        server: String,
    },
}

/// The links of a scenario, ready for path questions.
///
/// Networks are numbered once (`node`), and the searches work on those numbers with plain
/// vectors: one string-keyed map in all, which keeps the DNS embed small (each map type is
/// its own copy of the hash table's code in the bundle).
#[derive(Debug, Clone)]
pub struct Reachability<'a> {
    links: &'a [Link],
    /// Each network's number.
    node: HashMap<&'a str, usize>,
    /// Each network's name, by number.
    names: Vec<&'a str>,
    /// The links at each network, by number.
    adj: Vec<Vec<usize>>,
}

impl<'a> Reachability<'a> {
    /// Index `links`.
    pub fn new(links: &'a [Link]) -> Reachability<'a> {
        let mut r = Reachability {
            links,
            node: HashMap::new(),
            names: Vec::new(),
            adj: Vec::new(),
        };
        for (i, l) in links.iter().enumerate() {
            for end in [l.a.as_str(), l.b.as_str()] {
                let n = r.number(end);
                r.adj[n].push(i);
            }
        }
        r
    }

    fn number(&mut self, name: &'a str) -> usize {
        if let Some(&n) = self.node.get(name) {
            return n;
        }
        let n = self.names.len();
        self.node.insert(name, n);
        self.names.push(name);
        self.adj.push(Vec::new());
        n
    }

    /// The links at network `name` (none for a network no link touches).
    fn links_at(&self, name: &str) -> &[usize] {
        self.node.get(name).map_or(&[], |&n| &self.adj[n])
    }

    /// The links a DNS query from `from` to `to` crosses (empty inside one network), or
    /// why it cannot go. `google_source`: the query leaves Google from 35.199.192.0/19.
    pub fn path(&self, from: &str, to: &str, google_source: bool) -> Result<Vec<String>, Refusal> {
        if from == to {
            return Ok(Vec::new());
        }
        // A single peering joins exactly its two networks.
        let direct_peering = self.links_at(from).iter().copied().find(|&i| {
            let l = &self.links[i];
            l.kind == LinkKind::Peering && l.other_end(from) == Some(to)
        });
        if let Some(i) = direct_peering {
            let l = &self.links[i];
            if l.dns_allowed {
                return Ok(vec![l.id.clone()]);
            }
        }
        let any = self.bfs(from, to, |_| true);
        let Some(any) = any else {
            if let Some(i) = direct_peering {
                return Err(Refusal::Port53Blocked {
                    link: self.links[i].id.clone(),
                });
            }
            if self.bfs_with_peering(from, to) {
                return Err(Refusal::PeeringNotTransitive {
                    from: from.to_string(),
                    to: to.to_string(),
                });
            }
            return Err(Refusal::NoRoute {
                from: from.to_string(),
                to: to.to_string(),
            });
        };
        let Some(dns) = self.bfs(from, to, |l| l.dns_allowed) else {
            let blocked = any
                .iter()
                .find(|&&i| !self.links[i].dns_allowed)
                .map_or_else(String::new, |&i| self.links[i].id.clone());
            return Err(Refusal::Port53Blocked { link: blocked });
        };
        if google_source {
            if self
                .bfs(from, to, |l| l.dns_allowed && l.routes_google_dns_range)
                .is_none()
            {
                let missing = dns
                    .iter()
                    .find(|&&i| !self.links[i].routes_google_dns_range)
                    .map_or_else(String::new, |&i| self.links[i].id.clone());
                return Err(Refusal::NoGoogleReturnRoute { link: missing });
            }
            let g = self
                .bfs(from, to, |l| l.dns_allowed && l.routes_google_dns_range)
                .unwrap_or_default();
            return Ok(g.iter().map(|&i| self.links[i].id.clone()).collect());
        }
        Ok(dns.iter().map(|&i| self.links[i].id.clone()).collect())
    }

    /// A shortest chain of non-peering links accepted by `ok`, as link indexes.
    fn bfs(&self, from: &str, to: &str, ok: impl Fn(&Link) -> bool) -> Option<Vec<usize>> {
        let (&start, &goal) = (self.node.get(from)?, self.node.get(to)?);
        // How each network was first reached: (link, network it came from).
        let mut prev: Vec<Option<(usize, usize)>> = vec![None; self.names.len()];
        let mut seen = vec![false; self.names.len()];
        seen[start] = true;
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            if n == goal {
                let mut out = Vec::new();
                let mut cur = goal;
                while let Some((i, p)) = prev[cur] {
                    out.push(i);
                    cur = p;
                }
                out.reverse();
                return Some(out);
            }
            for &i in &self.adj[n] {
                let l = &self.links[i];
                if l.kind == LinkKind::Peering || !ok(l) {
                    continue;
                }
                let Some(m) = l.other_end(self.names[n]).and_then(|m| self.node.get(m)) else {
                    continue;
                };
                if !seen[*m] {
                    seen[*m] = true;
                    prev[*m] = Some((i, n));
                    queue.push_back(*m);
                }
            }
        }
        None
    }

    /// Whether any chain of links, peerings included, joins the two.
    fn bfs_with_peering(&self, from: &str, to: &str) -> bool {
        let (Some(&start), Some(&goal)) = (self.node.get(from), self.node.get(to)) else {
            return false;
        };
        let mut seen = vec![false; self.names.len()];
        seen[start] = true;
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            if n == goal {
                return true;
            }
            for &i in &self.adj[n] {
                if let Some(&m) = self.links[i]
                    .other_end(self.names[n])
                    .and_then(|m| self.node.get(m))
                {
                    if !seen[m] {
                        seen[m] = true;
                        queue.push_back(m);
                    }
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(id: &str, kind: LinkKind, a: &str, b: &str, dns: bool) -> Link {
        Link {
            id: id.into(),
            kind,
            a: a.into(),
            b: b.into(),
            dns_allowed: dns,
            routes_google_dns_range: false,
        }
    }

    #[test]
    fn tunnels_chain_but_peerings_do_not() {
        let links = vec![
            link("t1", LinkKind::Tunnel, "office", "hub", true),
            link("t2", LinkKind::Interconnect, "hub", "spoke", true),
            link("p1", LinkKind::Peering, "spoke", "peer", true),
            link("p2", LinkKind::Peering, "peer", "far", true),
        ];
        let r = Reachability::new(&links);
        assert_eq!(r.path("office", "spoke", false).unwrap(), vec!["t1", "t2"]);
        assert_eq!(r.path("spoke", "peer", false).unwrap(), vec!["p1"]);
        assert!(matches!(
            r.path("spoke", "far", false),
            Err(Refusal::PeeringNotTransitive { .. })
        ));
        assert!(matches!(
            r.path("office", "peer", false),
            Err(Refusal::PeeringNotTransitive { .. })
        ));
        assert!(matches!(
            r.path("office", "spoke", true),
            Err(Refusal::NoGoogleReturnRoute { link }) if link == "t1"
        ));
    }

    #[test]
    fn a_blocked_link_is_named_and_a_detour_is_used() {
        let mut links = vec![
            link("a", LinkKind::Tunnel, "x", "y", false),
            link("b", LinkKind::Tunnel, "y", "z", true),
        ];
        assert_eq!(
            Reachability::new(&links).path("x", "z", false),
            Err(Refusal::Port53Blocked { link: "a".into() })
        );
        links.push(link("c", LinkKind::Interconnect, "x", "z", true));
        assert_eq!(
            Reachability::new(&links).path("x", "z", false).unwrap(),
            vec!["c"]
        );
    }
}
