//! ASes and their business relationships, validated.
//!
//! A link is either provider-customer (the customer pays the provider for transit) or a
//! peering (two ASes exchange their customers' traffic for free). [`Topology::new`]
//! refuses topologies that the standard model cannot route sensibly, and names the ASes:
//! AS 0 and other reserved numbers, an AS linked to itself, a pair linked twice, and a
//! cycle of providers (A is B's provider, B is C's, C is A's).
//!
//! For speed the topology keeps each AS's customers, peers and providers in flat arrays
//! sorted by ASN; ASes are numbered 0..n in ASN order. A topological sort (Kahn) checks
//! for provider cycles in O(V + E); when there is one, `petgraph`'s strongly connected
//! components find it so the message can name its ASes in order.
//!
//! ```
//! use cloudhop_core::bgp::topology::{Link, Topology};
//! let t = Topology::new(&[Link::provider_customer(1, 2), Link::peer(1, 3)], &[]).unwrap();
//! assert_eq!(t.len(), 3);
//! let bad = Topology::new(&[Link::provider_customer(1, 2), Link::provider_customer(2, 1)], &[]);
//! assert!(bad.unwrap_err().contains("AS 1"));
//! ```

use super::asn::{check_asn, Asn};
use super::error::{BgpError, ErrorKind};
use super::route::Learned;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

/// One link between two ASes.
///
/// ```
/// use cloudhop_core::bgp::topology::Link;
/// let l = Link::provider_customer(3356, 65001);
/// assert_eq!(l, Link::ProviderCustomer { provider: 3356.into(), customer: 65001.into() });
/// assert_ne!(l, Link::peer(3356, 65001));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Link {
    /// `provider` sells transit to `customer`.
    ProviderCustomer {
        /// The AS selling transit.
        provider: Asn,
        /// The AS buying it.
        customer: Asn,
    },
    /// Settlement-free peering.
    Peer(Asn, Asn),
}

impl Link {
    /// A provider-customer link.
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::Link;
    /// assert_eq!(Link::provider_customer(1, 2).ends(), (1.into(), 2.into()));
    /// ```
    pub fn provider_customer(provider: impl Into<Asn>, customer: impl Into<Asn>) -> Link {
        let (provider, customer) = (provider.into(), customer.into());
        Link::ProviderCustomer { provider, customer }
    }

    /// A peering link.
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::Link;
    /// assert_eq!(Link::peer(4, 3), Link::Peer(4.into(), 3.into()));
    /// ```
    pub fn peer(a: impl Into<Asn>, b: impl Into<Asn>) -> Link {
        let (a, b) = (a.into(), b.into());
        Link::Peer(a, b)
    }

    /// The two ends, lower ASN first.
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::Link;
    /// assert_eq!(Link::provider_customer(9, 2).ends(), (2.into(), 9.into()));
    /// ```
    pub fn ends(&self) -> (Asn, Asn) {
        let (a, b) = match *self {
            Link::ProviderCustomer { provider, customer } => (provider, customer),
            Link::Peer(a, b) => (a, b),
        };
        (a.min(b), a.max(b))
    }

    /// True if this link joins `a` and `b` (either way round).
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::Link;
    /// let l = Link::peer(1, 2);
    /// assert!(l.joins(2, 1) && !l.joins(1, 3));
    /// ```
    pub fn joins(&self, a: impl Into<Asn>, b: impl Into<Asn>) -> bool {
        let (a, b) = (a.into(), b.into());
        self.ends() == (a.min(b), a.max(b))
    }

    /// What `other` is to `me` over this link, if `me` is one end.
    ///
    /// ```
    /// use cloudhop_core::bgp::route::Learned;
    /// use cloudhop_core::bgp::topology::Link;
    /// let l = Link::provider_customer(1, 2);
    /// assert_eq!(l.role_of(1, 2), Some(Learned::Customer));
    /// assert_eq!(l.role_of(2, 1), Some(Learned::Provider));
    /// assert_eq!(l.role_of(3, 1), None);
    /// ```
    pub fn role_of(&self, me: impl Into<Asn>, other: impl Into<Asn>) -> Option<Learned> {
        let (me, other) = (me.into(), other.into());
        match *self {
            Link::ProviderCustomer { provider, customer }
                if provider == me && customer == other =>
            {
                Some(Learned::Customer)
            }
            Link::ProviderCustomer { provider, customer }
                if customer == me && provider == other =>
            {
                Some(Learned::Provider)
            }
            Link::Peer(a, b) if (a == me && b == other) || (b == me && a == other) => {
                Some(Learned::Peer)
            }
            _ => None,
        }
    }

    fn describe(&self) -> String {
        match *self {
            Link::ProviderCustomer { provider, customer } => {
                format!("AS {provider} as provider of AS {customer}")
            }
            Link::Peer(a, b) => format!("AS {a} and AS {b} as peers"),
        }
    }
}

/// Neighbour lists in compressed form: the neighbours of node `i` are
/// `targets[offsets[i]..offsets[i + 1]]`, sorted.
///
/// ```
/// use cloudhop_core::bgp::topology::{Link, Topology};
/// let t = Topology::new(&[Link::provider_customer(1, 2), Link::provider_customer(1, 3)], &[]).unwrap();
/// let one = t.node(1).unwrap();
/// let customers: Vec<u32> = t.customers.of(one).iter().map(|&i| t.asn(i).get()).collect();
/// assert_eq!(customers, vec![2, 3]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adjacency {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Adjacency {
    /// Counting sort by source node, then each (short) row sorted on its own.
    fn build(n: usize, pairs: Vec<(u32, u32)>) -> Adjacency {
        let mut offsets = vec![0u32; n + 1];
        for &(a, _) in &pairs {
            if let Some(o) = offsets.get_mut(a as usize + 1) {
                *o += 1;
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill: Vec<u32> = offsets.clone();
        let mut targets = vec![0u32; pairs.len()];
        for (a, b) in pairs {
            if let Some(f) = fill.get_mut(a as usize) {
                if let Some(t) = targets.get_mut(*f as usize) {
                    *t = b;
                }
                *f += 1;
            }
        }
        for i in 0..n {
            let (s, e) = (offsets[i] as usize, offsets[i + 1] as usize);
            if let Some(row) = targets.get_mut(s..e) {
                crate::order::sort(row);
            }
        }
        Adjacency { offsets, targets }
    }

    /// The neighbours of node `i` (empty for an unknown node).
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::{Link, Topology};
    /// let t = Topology::new(&[Link::peer(1, 2)], &[]).unwrap();
    /// assert_eq!(t.peers.of(0), &[1]);
    /// assert!(t.peers.of(99).is_empty());
    /// ```
    #[inline]
    pub fn of(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&s), Some(&e)) => self.targets.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// A validated AS topology.
///
/// ```
/// use cloudhop_core::bgp::topology::{Link, Topology};
/// let t = Topology::new(&[Link::provider_customer(1, 2)], &[7.into()]).unwrap();
/// assert_eq!(t.asns(), &[1, 2, 7]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Topology {
    asns: Vec<Asn>,
    links: Vec<Link>,
    /// Customers of each node (see [`Adjacency`] for an example).
    pub customers: Adjacency,
    /// Peers of each node.
    pub peers: Adjacency,
    /// Providers of each node.
    pub providers: Adjacency,
}

impl Topology {
    /// Build and validate a topology from links plus ASes that have no link.
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::{Link, Topology};
    /// assert!(Topology::new(&[Link::peer(1, 2)], &[3.into()]).is_ok());
    /// let e = Topology::new(&[Link::peer(1, 2), Link::peer(2, 1)], &[]).unwrap_err();
    /// assert!(e.contains("linked twice"));
    /// ```
    pub fn new(links: &[Link], extra_ases: &[Asn]) -> Result<Topology, BgpError> {
        let mut asns: Vec<Asn> = Vec::with_capacity(2 * links.len() + extra_ases.len());
        // (low end, high end, position) sorted, to find pairs linked twice without hashing.
        let mut ends: Vec<(Asn, Asn, u32)> = Vec::with_capacity(links.len());
        for (i, l) in links.iter().enumerate() {
            let (a, b) = l.ends();
            check_asn(a)?;
            check_asn(b)?;
            if a == b {
                return Err(ErrorKind::SelfLink(a.get()).into());
            }
            ends.push((a, b, i as u32));
            asns.push(a);
            asns.push(b);
        }
        crate::order::sort(&mut ends);
        for w in ends.windows(2) {
            let ((a, b, i), (c, d, j)) = (w[0], w[1]);
            if (a, b) != (c, d) {
                continue;
            }
            let (Some(prev), Some(l)) = (links.get(i as usize), links.get(j as usize)) else {
                continue;
            };
            return Err(
                if prev == l || matches!((prev, l), (Link::Peer(..), Link::Peer(..))) {
                    ErrorKind::LinkedTwice {
                        a: a.get(),
                        b: b.get(),
                        link: l.describe(),
                    }
                } else {
                    ErrorKind::LinkedTwiceRoles {
                        a: a.get(),
                        b: b.get(),
                        first: prev.describe(),
                        second: l.describe(),
                    }
                }
                .into(),
            );
        }
        for &a in extra_ases {
            check_asn(a)?;
            asns.push(a);
        }
        crate::order::sort(&mut asns);
        asns.dedup();
        let n = asns.len();
        let idx = |a: Asn| asns.binary_search(&a).map(|i| i as u32).unwrap_or(0);
        let mut cust = Vec::with_capacity(links.len());
        let mut prov = Vec::with_capacity(links.len());
        let mut peer = Vec::new();
        for l in links {
            match *l {
                Link::ProviderCustomer { provider, customer } => {
                    let (p, c) = (idx(provider), idx(customer));
                    cust.push((p, c));
                    prov.push((c, p));
                }
                Link::Peer(a, b) => {
                    let (a, b) = (idx(a), idx(b));
                    peer.push((a, b));
                    peer.push((b, a));
                }
            }
        }
        let topo = Topology {
            asns,
            links: links.to_vec(),
            customers: Adjacency::build(n, cust),
            peers: Adjacency::build(n, peer),
            providers: Adjacency::build(n, prov),
        };
        if !topo.providers_form_a_hierarchy() {
            topo.name_provider_cycle()?;
        }
        Ok(topo)
    }

    /// Kahn's algorithm over provider -> customer links: true if there is no cycle.
    fn providers_form_a_hierarchy(&self) -> bool {
        let n = self.asns.len();
        let mut waiting: Vec<u32> = (0..n as u32)
            .map(|i| self.providers.of(i).len() as u32)
            .collect();
        let mut ready: Vec<u32> = (0..n as u32)
            .filter(|&i| waiting[i as usize] == 0)
            .collect();
        let mut done = 0usize;
        while let Some(x) = ready.pop() {
            done += 1;
            for &c in self.customers.of(x) {
                if let Some(w) = waiting.get_mut(c as usize) {
                    *w -= 1;
                    if *w == 0 {
                        ready.push(c);
                    }
                }
            }
        }
        done == n
    }

    /// Find a cycle of provider-customer links with petgraph's strongly connected
    /// components and name its ASes in order.
    fn name_provider_cycle(&self) -> Result<(), BgpError> {
        let n = self.asns.len();
        let mut g: DiGraph<(), ()> = DiGraph::with_capacity(n, self.links.len());
        for _ in 0..n {
            g.add_node(());
        }
        for i in 0..n as u32 {
            for &c in self.customers.of(i) {
                g.add_edge(NodeIndex::new(i as usize), NodeIndex::new(c as usize), ());
            }
        }
        for scc in petgraph::algo::tarjan_scc(&g) {
            if scc.len() < 2 {
                continue;
            }
            let members: std::collections::HashSet<u32> =
                scc.iter().map(|x| x.index() as u32).collect();
            // Walk customer links inside the component until a node repeats.
            let mut order: Vec<u32> = Vec::new();
            let mut pos: HashMap<u32, usize> = HashMap::new();
            let mut cur = scc.iter().map(|x| x.index() as u32).min().unwrap_or(0);
            while !pos.contains_key(&cur) {
                pos.insert(cur, order.len());
                order.push(cur);
                match self.customers.of(cur).iter().find(|c| members.contains(c)) {
                    Some(&next) => cur = next,
                    None => break,
                }
            }
            let start = pos.get(&cur).copied().unwrap_or(0);
            let mut cycle: Vec<Asn> = order
                .get(start..)
                .unwrap_or(&[])
                .iter()
                .map(|&i| self.asn(i))
                .collect();
            if let Some(&first) = cycle.first() {
                cycle.push(first);
            }
            return Err(ErrorKind::ProviderCycle(cycle.iter().map(|a| a.get()).collect()).into());
        }
        Err(ErrorKind::ProviderCycle(Vec::new()).into())
    }

    /// Number of ASes.
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::{Link, Topology};
    /// assert_eq!(Topology::new(&[Link::peer(1, 2)], &[9.into()]).unwrap().len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        self.asns.len()
    }

    /// True when there are no ASes.
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::Topology;
    /// assert!(Topology::new(&[], &[]).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.asns.is_empty()
    }

    /// All ASNs, ascending.
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::{Link, Topology};
    /// assert_eq!(Topology::new(&[Link::peer(9, 2)], &[5.into()]).unwrap().asns(), &[2, 5, 9]);
    /// ```
    pub fn asns(&self) -> &[Asn] {
        &self.asns
    }

    /// The links as given.
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::{Link, Topology};
    /// let links = [Link::peer(9, 2), Link::provider_customer(9, 5)];
    /// assert_eq!(Topology::new(&links, &[]).unwrap().links(), &links);
    /// ```
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The ASN of node `i` (0 for an unknown node, which is never a valid ASN).
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::{Link, Topology};
    /// let t = Topology::new(&[Link::peer(64500, 64501)], &[]).unwrap();
    /// assert_eq!((t.asn(0), t.asn(1), t.asn(2)), (64500.into(), 64501.into(), 0.into()));
    /// ```
    #[inline]
    pub fn asn(&self, i: u32) -> Asn {
        self.asns.get(i as usize).copied().unwrap_or(Asn(0))
    }

    /// The node number of `asn`.
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::{Link, Topology};
    /// let t = Topology::new(&[Link::peer(64500, 64501)], &[]).unwrap();
    /// assert_eq!(t.node(64501), Some(1));
    /// assert_eq!(t.node(3), None);
    /// ```
    #[inline]
    pub fn node(&self, asn: impl Into<Asn>) -> Option<u32> {
        let asn = asn.into();
        self.asns.binary_search(&asn).ok().map(|i| i as u32)
    }

    /// True if `asn` is in the topology.
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::{Link, Topology};
    /// let t = Topology::new(&[Link::peer(1, 2)], &[]).unwrap();
    /// assert!(t.contains(2) && !t.contains(3));
    /// ```
    pub fn contains(&self, asn: impl Into<Asn>) -> bool {
        let asn = asn.into();
        self.asns.binary_search(&asn).is_ok()
    }

    /// What `other` is to `me` (`Customer` if `other` is my customer), if they are linked.
    ///
    /// ```
    /// use cloudhop_core::bgp::route::Learned;
    /// use cloudhop_core::bgp::topology::{Link, Topology};
    /// let t = Topology::new(&[Link::provider_customer(1, 2), Link::peer(2, 3)], &[]).unwrap();
    /// assert_eq!(t.relationship(1, 2), Some(Learned::Customer));
    /// assert_eq!(t.relationship(3, 2), Some(Learned::Peer));
    /// assert_eq!(t.relationship(1, 3), None);
    /// ```
    pub fn relationship(&self, me: impl Into<Asn>, other: impl Into<Asn>) -> Option<Learned> {
        let (me, other) = (me.into(), other.into());
        let (m, o) = (self.node(me)?, self.node(other)?);
        if self.customers.of(m).binary_search(&o).is_ok() {
            Some(Learned::Customer)
        } else if self.peers.of(m).binary_search(&o).is_ok() {
            Some(Learned::Peer)
        } else if self.providers.of(m).binary_search(&o).is_ok() {
            Some(Learned::Provider)
        } else {
            None
        }
    }

    /// The neighbours of `asn` with what each is to it, in ASN order.
    ///
    /// ```
    /// use cloudhop_core::bgp::route::Learned;
    /// use cloudhop_core::bgp::topology::{Link, Topology};
    /// let t = Topology::new(&[Link::provider_customer(1, 2), Link::peer(2, 3)], &[]).unwrap();
    /// assert_eq!(t.neighbors(2), vec![(1.into(), Learned::Provider), (3.into(), Learned::Peer)]);
    /// ```
    pub fn neighbors(&self, asn: impl Into<Asn>) -> Vec<(Asn, Learned)> {
        let asn = asn.into();
        let Some(m) = self.node(asn) else {
            return Vec::new();
        };
        let mut out: Vec<(Asn, Learned)> = Vec::new();
        out.extend(
            self.customers
                .of(m)
                .iter()
                .map(|&c| (self.asn(c), Learned::Customer)),
        );
        out.extend(
            self.peers
                .of(m)
                .iter()
                .map(|&c| (self.asn(c), Learned::Peer)),
        );
        out.extend(
            self.providers
                .of(m)
                .iter()
                .map(|&c| (self.asn(c), Learned::Provider)),
        );
        crate::order::sort(&mut out);
        out
    }

    /// The same topology without the given links (either way round) and ASes.
    ///
    /// ```
    /// use cloudhop_core::bgp::topology::{Link, Topology};
    /// let t = Topology::new(&[Link::peer(1, 2), Link::peer(2, 3)], &[]).unwrap();
    /// let u = t.without(&[(2.into(), 1.into())], &[3.into()]).unwrap();
    /// assert_eq!(u.asns(), &[1, 2]);
    /// assert!(u.links().is_empty());
    /// ```
    pub fn without(
        &self,
        failed_links: &[(Asn, Asn)],
        failed_ases: &[Asn],
    ) -> Result<Topology, BgpError> {
        let links: Vec<Link> = self
            .links
            .iter()
            .filter(|l| {
                let (a, b) = l.ends();
                !failed_ases.contains(&a)
                    && !failed_ases.contains(&b)
                    && !failed_links.iter().any(|&(x, y)| l.joins(x, y))
            })
            .copied()
            .collect();
        let extra: Vec<Asn> = self
            .asns
            .iter()
            .copied()
            .filter(|a| !failed_ases.contains(a))
            .collect();
        Topology::new(&links, &extra)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_seen_from_each_side() {
        let t = Topology::new(
            &[Link::provider_customer(10, 20), Link::peer(20, 30)],
            &[Asn(99)],
        )
        .unwrap();
        assert_eq!(t.asns(), &[10, 20, 30, 99]);
        assert_eq!(t.relationship(10, 20), Some(Learned::Customer));
        assert_eq!(t.relationship(20, 10), Some(Learned::Provider));
        assert_eq!(t.relationship(30, 20), Some(Learned::Peer));
        assert_eq!(t.relationship(10, 30), None);
        assert_eq!(
            t.neighbors(20),
            vec![(Asn(10), Learned::Provider), (Asn(30), Learned::Peer)]
        );
        assert!(t.neighbors(99).is_empty());
    }

    #[test]
    fn as_zero_is_refused() {
        let e = Topology::new(&[Link::provider_customer(0, 2)], &[]).unwrap_err();
        assert!(e.contains("AS 0"), "{e}");
        assert!(Topology::new(&[], &[Asn(0)]).is_err());
    }

    #[test]
    fn a_pair_linked_twice_with_different_roles_is_named() {
        let e = Topology::new(&[Link::provider_customer(1, 2), Link::peer(2, 1)], &[]).unwrap_err();
        assert!(
            e.contains("AS 1") && e.contains("AS 2") && e.contains("different roles"),
            "{e}"
        );
        let e = Topology::new(
            &[Link::provider_customer(1, 2), Link::provider_customer(2, 1)],
            &[],
        )
        .unwrap_err();
        assert!(e.contains("different roles"), "{e}");
        let e = Topology::new(&[Link::peer(1, 2), Link::peer(2, 1)], &[]).unwrap_err();
        assert!(e.contains("linked twice"), "{e}");
    }

    #[test]
    fn provider_cycle_is_named_in_order() {
        let links = [
            Link::provider_customer(5, 1),
            Link::provider_customer(1, 2),
            Link::provider_customer(2, 3),
            Link::provider_customer(3, 1),
        ];
        let e = Topology::new(&links, &[]).unwrap_err();
        assert!(e.contains("AS 1 -> AS 2 -> AS 3 -> AS 1"), "{e}");
        assert!(!e.contains("AS 5"), "{e}");
    }

    #[test]
    fn self_links_are_refused() {
        assert!(Topology::new(&[Link::peer(4, 4)], &[])
            .unwrap_err()
            .contains("AS 4"));
    }

    #[test]
    fn peering_does_not_make_a_cycle() {
        let links = [
            Link::provider_customer(1, 2),
            Link::provider_customer(1, 3),
            Link::peer(2, 3),
        ];
        assert!(Topology::new(&links, &[]).is_ok());
    }

    #[test]
    fn without_drops_links_and_ases() {
        let t = Topology::new(
            &[
                Link::provider_customer(1, 2),
                Link::peer(2, 3),
                Link::peer(1, 3),
            ],
            &[],
        )
        .unwrap();
        let u = t.without(&[(Asn(3), Asn(2))], &[]).unwrap();
        assert_eq!(u.relationship(2, 3), None);
        assert_eq!(u.relationship(1, 3), Some(Learned::Peer));
        let v = t.without(&[], &[Asn(1)]).unwrap();
        assert!(!v.contains(1));
        assert_eq!(v.len(), 2);
    }
}
