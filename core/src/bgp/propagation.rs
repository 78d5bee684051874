//! The stable routing state for one prefix under the default policy, computed directly.
//!
//! With the rules in [`super::selection`] and no provider cycles, the stable state is
//! unique (Gao and Rexford, "Stable Internet routing without global coordination", 2001)
//! and three breadth-first passes find it in O(V + E):
//!
//! 1. **up**: from the origins, along customer-to-provider links. An AS that hears the
//!    prefix from a customer prefers that over anything from a peer or provider, and among
//!    customer routes the shortest wins, so BFS level = path length; ties go to the lowest
//!    neighbour ASN;
//! 2. **across**: an AS without a customer route takes the best customer route one of its
//!    peers has (peers export only their own and customer routes);
//! 3. **down**: routes flow from providers to customers. Path lengths now differ, so the
//!    pass takes ASes in order of length (a bucket queue), like Dijkstra with unit weights.
//!
//! Each AS's route is kept as its next hop: the AS path is the chain of next hops, so the
//! state takes O(V) memory and paths are built only when asked for.
//!
//! ```
//! use cloudhop_core::bgp::propagation::propagate;
//! use cloudhop_core::bgp::route::Learned;
//! use cloudhop_core::bgp::topology::{Link, Topology};
//! // 1 is the provider of 2 and 3; 3 peers with 4.
//! let t = Topology::new(&[Link::provider_customer(1, 2), Link::provider_customer(1, 3), Link::peer(3, 4)], &[]).unwrap();
//! let s = propagate(&t, &[2.into()]).unwrap();
//! assert_eq!(s.route(&t, 3).unwrap().as_path, vec![1, 2]);
//! assert_eq!(s.route(&t, 3).unwrap().learned, Learned::Provider);
//! assert!(s.route(&t, 4).is_none()); // 3 learned it from a provider: not for peers
//! ```

use super::asn::Asn;
use super::error::{BgpError, ErrorKind};
use super::path::AsPath;
use super::route::{Learned, Route};
use super::topology::Topology;
use std::collections::BTreeMap;

const NONE: u32 = u32::MAX;
const C_ORIGIN: u8 = 0;
const C_CUSTOMER: u8 = 1;
const C_PEER: u8 = 2;
const C_PROVIDER: u8 = 3;
const C_NONE: u8 = u8::MAX;

/// The stable state for one prefix: each AS's class of route, path length and next hop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefixState {
    class: Vec<u8>,
    len: Vec<u32>,
    next: Vec<u32>,
}

impl PrefixState {
    /// How many ASes have a route (origins included).
    pub fn reached(&self) -> usize {
        self.class.iter().filter(|&&c| c != C_NONE).count()
    }

    /// The mean AS-path length over the ASes that have a route (0 when none has).
    pub fn mean_path_len(&self) -> f64 {
        let (mut sum, mut n) = (0u64, 0u64);
        for (c, l) in self.class.iter().zip(&self.len) {
            if *c != C_NONE {
                sum += u64::from(*l);
                n += 1;
            }
        }
        if n == 0 {
            0.0
        } else {
            sum as f64 / n as f64
        }
    }

    /// Length of the AS path at `node` (as received), if it has a route.
    pub fn path_len(&self, node: u32) -> Option<u32> {
        match self.class.get(node as usize) {
            Some(&c) if c != C_NONE => self.len.get(node as usize).copied(),
            _ => None,
        }
    }

    /// The route `asn` holds, with its AS path built from the next hops.
    pub fn route(&self, topo: &Topology, asn: impl Into<Asn>) -> Option<Route> {
        let asn = asn.into();
        let node = topo.node(asn)?;
        let class = *self.class.get(node as usize)?;
        let learned = match class {
            C_ORIGIN => Learned::Origin,
            C_CUSTOMER => Learned::Customer,
            C_PEER => Learned::Peer,
            C_PROVIDER => Learned::Provider,
            _ => return None,
        };
        let mut as_path = AsPath::new();
        let mut cur = self.next.get(node as usize).copied().unwrap_or(NONE);
        // A path can never be longer than the number of ASes; the bound guards the loop.
        while cur != NONE && as_path.len() <= self.class.len() {
            as_path.push(topo.asn(cur));
            cur = self.next.get(cur as usize).copied().unwrap_or(NONE);
        }
        Some(Route {
            from: as_path.first().copied(),
            as_path,
            learned,
        })
    }

    /// Every AS's route, by ASN.
    pub fn table(&self, topo: &Topology) -> BTreeMap<Asn, Route> {
        topo.asns()
            .iter()
            .filter_map(|&a| self.route(topo, a).map(|r| (a, r)))
            .collect()
    }
}

/// Compute the stable state for a prefix announced by `origins` (several origins model
/// anycast or a hijack). Errors if an origin is not in the topology.
pub fn propagate(topo: &Topology, origins: &[Asn]) -> Result<PrefixState, BgpError> {
    let n = topo.len();
    let mut class = vec![C_NONE; n];
    let mut len = vec![0u32; n];
    let mut next = vec![NONE; n];
    let mut frontier: Vec<u32> = Vec::with_capacity(origins.len());
    for &o in origins {
        let node = topo
            .node(o)
            .ok_or_else(|| BgpError::from(ErrorKind::OriginNotInTopology(o.get())))?;
        if class[node as usize] == C_NONE {
            class[node as usize] = C_ORIGIN;
            frontier.push(node);
        }
    }
    crate::order::sort(&mut frontier);

    // Phase 1: customer routes, level by level up the provider links.
    // `buckets[l]` collects every AS whose route has length `l`, for phase 3.
    let mut buckets: Vec<Vec<u32>> = vec![frontier.clone()];
    let mut level = 0u32;
    while !frontier.is_empty() {
        let mut up: Vec<u32> = Vec::new();
        for &x in &frontier {
            for &p in topo.providers.of(x) {
                let pi = p as usize;
                if class[pi] == C_NONE {
                    class[pi] = C_CUSTOMER;
                    len[pi] = level + 1;
                    next[pi] = x;
                    up.push(p);
                } else if class[pi] == C_CUSTOMER && len[pi] == level + 1 && x < next[pi] {
                    next[pi] = x;
                }
            }
        }
        level += 1;
        if !up.is_empty() {
            buckets.push(up.clone());
        }
        frontier = up;
    }

    // Phase 2: one hop across peering links, from ASes with their own or a customer route.
    let mut across: Vec<u32> = Vec::new();
    for y in 0..n as u32 {
        if class[y as usize] != C_NONE {
            continue;
        }
        let mut best: Option<(u32, u32)> = None;
        for &q in topo.peers.of(y) {
            let qi = q as usize;
            if class[qi] == C_ORIGIN || class[qi] == C_CUSTOMER {
                let cand = (len[qi] + 1, q);
                if best.is_none_or(|b| cand < b) {
                    best = Some(cand);
                }
            }
        }
        if let Some((l, q)) = best {
            across.push(y);
            len[y as usize] = l;
            next[y as usize] = q;
        }
    }
    for &y in &across {
        class[y as usize] = C_PEER;
        let l = len[y as usize] as usize;
        if buckets.len() <= l {
            buckets.resize_with(l + 1, Vec::new);
        }
        if let Some(b) = buckets.get_mut(l) {
            b.push(y);
        }
    }

    // Phase 3: down the customer links in order of path length.
    let mut l = 0usize;
    while l < buckets.len() {
        let here = std::mem::take(&mut buckets[l]);
        let mut down: Vec<u32> = Vec::new();
        for &x in &here {
            for &c in topo.customers.of(x) {
                let ci = c as usize;
                if class[ci] == C_NONE {
                    class[ci] = C_PROVIDER;
                    len[ci] = l as u32 + 1;
                    next[ci] = x;
                    down.push(c);
                } else if class[ci] == C_PROVIDER && len[ci] == l as u32 + 1 && x < next[ci] {
                    next[ci] = x;
                }
            }
        }
        if !down.is_empty() {
            if buckets.len() <= l + 1 {
                buckets.push(Vec::new());
            }
            if let Some(b) = buckets.get_mut(l + 1) {
                b.extend(down);
            }
        }
        l += 1;
    }
    Ok(PrefixState { class, len, next })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::bgp::policy::Policy;
    use crate::bgp::selection::{best_index, exported_path, exports, learned_as, AsCandidate};
    use crate::bgp::topology::Link;
    use proptest::prelude::*;

    /// A deliberately simple second implementation: every AS looks at what its neighbours
    /// currently export to it and picks the best, over and over, until nothing changes.
    pub(crate) fn fixed_point(
        topo: &Topology,
        policy: &Policy,
        origins: &[Asn],
    ) -> BTreeMap<Asn, Route> {
        let mut state: BTreeMap<Asn, Route> = BTreeMap::new();
        for round in 0.. {
            assert!(round < 10 * topo.len() + 10, "fixed point did not converge");
            let mut changed = false;
            for &me in topo.asns() {
                let mut cands = Vec::new();
                if origins.contains(&me) {
                    cands.push(AsCandidate::own());
                }
                for (nb, role) in topo.neighbors(me) {
                    let Some(r) = state.get(&nb) else { continue };
                    let my_role_at_nb = learned_as(role);
                    if !exports(policy, nb, r.learned, me, my_role_at_nb) {
                        continue;
                    }
                    let path = exported_path(policy, nb, me, &r.as_path);
                    cands.push(AsCandidate::learned(
                        nb,
                        role,
                        path,
                        policy.local_pref(me, nb, role),
                    ));
                }
                let new = best_index(me, &cands).map(|i| cands[i].to_route());
                if new.as_ref() != state.get(&me) {
                    changed = true;
                    match new {
                        Some(r) => state.insert(me, r),
                        None => state.remove(&me),
                    };
                }
            }
            if !changed {
                break;
            }
        }
        state
    }

    fn topo(links: &[Link]) -> Topology {
        Topology::new(links, &[]).unwrap()
    }

    /// The path as plain numbers, so the expected values read as before.
    fn route(t: &Topology, s: &PrefixState, asn: impl Into<Asn>) -> Option<(Vec<u32>, Learned)> {
        s.route(t, asn)
            .map(|r| (r.as_path.iter().map(|a| a.get()).collect(), r.learned))
    }

    #[test]
    fn import_drops_paths_holding_the_receiver() {
        // 1 -> 2 -> 3 providers chain, and 3 peers with 1. Origin 3.
        // 1 hears [2, 3] from its customer 2. 2 (from 1, a provider) would hear [1, 2, 3]: a loop.
        let t = topo(&[
            Link::provider_customer(1, 2),
            Link::provider_customer(2, 3),
            Link::peer(1, 3),
        ]);
        let s = propagate(&t, &[Asn(3)]).unwrap();
        assert_eq!(route(&t, &s, 2), Some((vec![3], Learned::Customer)));
        // The fixed point, which really applies the import rule, agrees.
        let f = fixed_point(&t, &Policy::default(), &[Asn(3)]);
        assert_eq!(f, s.table(&t));
    }

    #[test]
    fn own_route_beats_a_shorter_customer_route() {
        // Anycast: both 1 and 2 originate; 2 is 1's customer. 1 keeps its own route.
        let t = topo(&[Link::provider_customer(1, 2)]);
        let s = propagate(&t, &[Asn(1), Asn(2)]).unwrap();
        assert_eq!(route(&t, &s, 1), Some((vec![], Learned::Origin)));
        assert_eq!(route(&t, &s, 2), Some((vec![], Learned::Origin)));
    }

    #[test]
    fn customer_beats_peer_beats_provider_even_when_longer() {
        // AS 10 can reach origin 99 via customer 11 (long), peer 12 (short), provider 13 (shortest).
        let t = topo(&[
            Link::provider_customer(10, 11),
            Link::provider_customer(11, 20),
            Link::provider_customer(20, 99),
            Link::peer(10, 12),
            Link::provider_customer(12, 99),
            Link::provider_customer(13, 10),
            Link::provider_customer(13, 99),
        ]);
        let s = propagate(&t, &[Asn(99)]).unwrap();
        assert_eq!(
            route(&t, &s, 10),
            Some((vec![11, 20, 99], Learned::Customer))
        );
        // Without the customer chain, the peer wins over the provider.
        let t2 = t.without(&[(Asn(10), Asn(11))], &[]).unwrap();
        let s2 = propagate(&t2, &[Asn(99)]).unwrap();
        assert_eq!(route(&t2, &s2, 10), Some((vec![12, 99], Learned::Peer)));
        // Without the peer too, the provider.
        let t3 = t2.without(&[(Asn(10), Asn(12))], &[]).unwrap();
        let s3 = propagate(&t3, &[Asn(99)]).unwrap();
        assert_eq!(route(&t3, &s3, 10), Some((vec![13, 99], Learned::Provider)));
    }

    #[test]
    fn peer_beats_a_shorter_provider_route() {
        let t = topo(&[
            Link::peer(1, 2),
            Link::provider_customer(2, 3),
            Link::provider_customer(3, 9),
            Link::provider_customer(4, 1),
            Link::provider_customer(4, 9),
        ]);
        let s = propagate(&t, &[Asn(9)]).unwrap();
        assert_eq!(route(&t, &s, 1), Some((vec![2, 3, 9], Learned::Peer)));
    }

    #[test]
    fn shorter_path_wins_within_a_class() {
        let t = topo(&[
            Link::provider_customer(1, 2),
            Link::provider_customer(2, 9),
            Link::provider_customer(1, 3),
            Link::provider_customer(3, 4),
            Link::provider_customer(4, 9),
        ]);
        let s = propagate(&t, &[Asn(9)]).unwrap();
        assert_eq!(route(&t, &s, 1), Some((vec![2, 9], Learned::Customer)));
    }

    #[test]
    fn lowest_neighbour_asn_breaks_ties_in_every_class() {
        // Customer tie: 1 hears [5, 9] and [3, 9]: 3 wins.
        let t = topo(&[
            Link::provider_customer(1, 5),
            Link::provider_customer(1, 3),
            Link::provider_customer(5, 9),
            Link::provider_customer(3, 9),
        ]);
        let s = propagate(&t, &[Asn(9)]).unwrap();
        assert_eq!(route(&t, &s, 1).unwrap().0, vec![3, 9]);
        // Peer tie: 1 peers with 7 and 6, both customers-of-origin... both have [9].
        let t = topo(&[
            Link::peer(1, 7),
            Link::peer(1, 6),
            Link::provider_customer(7, 9),
            Link::provider_customer(6, 9),
        ]);
        let s = propagate(&t, &[Asn(9)]).unwrap();
        assert_eq!(route(&t, &s, 1), Some((vec![6, 9], Learned::Peer)));
        // Provider tie: 9's providers 8 and 4 both offer [x, 1] to 9 for origin 1.
        let t = topo(&[
            Link::provider_customer(8, 9),
            Link::provider_customer(4, 9),
            Link::provider_customer(8, 1),
            Link::provider_customer(4, 1),
        ]);
        let s = propagate(&t, &[Asn(1)]).unwrap();
        assert_eq!(route(&t, &s, 9), Some((vec![4, 1], Learned::Provider)));
    }

    #[test]
    fn own_and_customer_routes_go_to_every_neighbour() {
        // Origin 9 with provider 2, peer 3, customer 4. All get it. 2's customer route reaches
        // 2's peer 5 and 2's provider 6.
        let t = topo(&[
            Link::provider_customer(2, 9),
            Link::peer(9, 3),
            Link::provider_customer(9, 4),
            Link::peer(2, 5),
            Link::provider_customer(6, 2),
        ]);
        let s = propagate(&t, &[Asn(9)]).unwrap();
        assert_eq!(route(&t, &s, 2), Some((vec![9], Learned::Customer)));
        assert_eq!(route(&t, &s, 3), Some((vec![9], Learned::Peer)));
        assert_eq!(route(&t, &s, 4), Some((vec![9], Learned::Provider)));
        assert_eq!(route(&t, &s, 5), Some((vec![2, 9], Learned::Peer)));
        assert_eq!(route(&t, &s, 6), Some((vec![2, 9], Learned::Customer)));
    }

    #[test]
    fn peer_and_provider_routes_go_to_customers_only() {
        // 3 learns from peer 9: passes to its customer 4, not to its peer 5 or provider 6.
        // 7 learns from provider 9... 9 is 7's provider: 7 passes to customer 8 only, not to peer 10.
        let t = topo(&[
            Link::peer(3, 9),
            Link::provider_customer(3, 4),
            Link::peer(3, 5),
            Link::provider_customer(6, 3),
            Link::provider_customer(9, 7),
            Link::provider_customer(7, 8),
            Link::peer(7, 10),
            Link::provider_customer(11, 7),
        ]);
        let s = propagate(&t, &[Asn(9)]).unwrap();
        assert_eq!(route(&t, &s, 4), Some((vec![3, 9], Learned::Provider)));
        assert_eq!(route(&t, &s, 5), None);
        assert_eq!(route(&t, &s, 6), None);
        assert_eq!(route(&t, &s, 8), Some((vec![7, 9], Learned::Provider)));
        assert_eq!(route(&t, &s, 10), None);
        assert_eq!(route(&t, &s, 11), None);
    }

    #[test]
    fn unknown_origin_is_refused() {
        let t = topo(&[Link::peer(1, 2)]);
        assert!(propagate(&t, &[Asn(7)]).unwrap_err().contains("AS 7"));
    }

    /// Random topology: ASes 1..=n, provider links only from lower to higher numbers
    /// shuffled through a permutation (so ASN order is not the hierarchy), plus peers.
    pub(crate) fn random_topology() -> impl Strategy<Value = (Vec<Link>, Vec<Asn>)> {
        (3usize..24).prop_flat_map(|n| {
            let pairs = proptest::collection::vec((0..n, 0..n, 0u8..10), 0..(3 * n));
            let perm = Just((1..=n as u32).collect::<Vec<_>>()).prop_shuffle();
            let origins = proptest::collection::vec(0..n, 1..3);
            (pairs, perm, origins).prop_map(move |(pairs, perm, origins)| {
                let mut seen = std::collections::HashSet::new();
                let mut links = Vec::new();
                for (a, b, kind) in pairs {
                    if a == b || !seen.insert((a.min(b), a.max(b))) {
                        continue;
                    }
                    let (hi, lo) = (a.min(b), a.max(b));
                    links.push(if kind < 3 {
                        Link::peer(perm[hi] * 10, perm[lo] * 10)
                    } else {
                        Link::provider_customer(perm[hi] * 10, perm[lo] * 10)
                    });
                }
                let origins = origins.into_iter().map(|o| Asn(perm[o] * 10)).collect();
                (links, origins)
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn direct_equals_the_fixed_point((links, origins) in random_topology()) {
            let all: Vec<Asn> = (1..=24).map(|a| Asn(a * 10)).collect();
            let t = Topology::new(&links, &all).unwrap();
            let s = propagate(&t, &origins).unwrap();
            let f = fixed_point(&t, &Policy::default(), &origins);
            prop_assert_eq!(s.table(&t), f);
        }
    }
}
