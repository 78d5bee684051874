//! Synthetic internet-like topologies, for benchmarks and the lab's "internet scale" run.
//!
//! [`tiered`] builds three tiers, roughly the shape of the real AS graph:
//!
//! - a clique of tier-1 networks that all peer with each other;
//! - about 8% regional transit networks, each buying transit from 1 to 3 bigger networks
//!   and peering with a few others of its tier;
//! - stubs (enterprises, clouds' customers, access networks) buying from 1 to 3 transit
//!   networks, some peering with a neighbour stub.
//!
//! Providers are always created before their customers, so there is never a provider
//! cycle. The generator is deterministic for a seed (a small built-in PRNG: no `rand`).
//!
//! ```
//! use cloudhop_core::bgp::generate::tiered;
//! use cloudhop_core::bgp::topology::Topology;
//! let g = tiered(2_000, 1);
//! let t = Topology::new(&g.links, &[]).unwrap();
//! assert_eq!(t.len(), 2_000);
//! assert_eq!(g, tiered(2_000, 1));
//! ```

use super::asn::{Asn, AS_TRANS};
use super::topology::Link;
use std::collections::HashSet;

/// A generated topology.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// All links.
    pub links: Vec<Link>,
    /// The tier-1 ASNs.
    pub tier1: Vec<Asn>,
    /// A stub AS, a natural origin for a benchmark prefix.
    pub stub_origin: Asn,
}

/// SplitMix64: a tiny, good-enough deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The ASN for the `i`-th generated AS: 1, 2, ... skipping the reserved 23456.
fn asn_of(i: usize) -> Asn {
    let a = i as u32 + 1;
    Asn(if a >= AS_TRANS.get() { a + 1 } else { a })
}

/// Generate `n` ASes (at least 4) in tiers; same `seed`, same topology.
pub fn tiered(n: usize, seed: u64) -> Generated {
    let n = n.max(4);
    let mut rng = Rng(seed ^ 0x00C1_0D40_9000_0000);
    let t1 = (n / 5000 + 3).min(16);
    let t2 = (n * 8 / 100).max(1);
    let t2_end = (t1 + t2).min(n - 1);
    let mut links = Vec::with_capacity(n * 3);
    let mut pairs: HashSet<(usize, usize)> = HashSet::with_capacity(n * 3);
    let mut add = |links: &mut Vec<Link>, a: usize, b: usize, peer: bool| {
        if a == b || !pairs.insert((a.min(b), a.max(b))) {
            return;
        }
        links.push(if peer {
            Link::peer(asn_of(a), asn_of(b))
        } else {
            Link::provider_customer(asn_of(a), asn_of(b))
        });
    };
    for a in 0..t1 {
        for b in a + 1..t1 {
            add(&mut links, a, b, true);
        }
    }
    for i in t1..t2_end {
        let k = 1 + rng.below(3);
        for _ in 0..k {
            // Two thirds of transit is bought from tier 1, the rest from earlier regionals.
            let p = if rng.below(3) < 2 {
                rng.below(t1)
            } else {
                rng.below(i)
            };
            add(&mut links, p, i, false);
        }
    }
    let regionals = t2_end - t1;
    for i in t1..t2_end {
        for _ in 0..rng.below(5) {
            let j = t1 + rng.below(regionals);
            add(&mut links, i, j, true);
        }
    }
    for i in t2_end..n {
        let k = 1 + rng.below(3).min(rng.below(3));
        for _ in 0..k {
            let p = if rng.below(10) < 9 {
                t1 + rng.below(regionals)
            } else {
                rng.below(t1)
            };
            add(&mut links, p, i, false);
        }
        if rng.below(10) == 0 && i > t2_end {
            let j = t2_end + rng.below(i - t2_end);
            add(&mut links, i, j, true);
        }
    }
    Generated {
        links,
        tier1: (0..t1).map(asn_of).collect(),
        stub_origin: asn_of(n - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bgp::propagation::propagate;
    use crate::bgp::topology::Topology;

    #[test]
    fn internet_scale_is_valid_and_a_stub_reaches_everyone() {
        let g = tiered(70_000, 42);
        let t = Topology::new(&g.links, &[]).unwrap();
        assert_eq!(t.len(), 70_000);
        assert!(!t.contains(AS_TRANS));
        assert!(g.links.len() > 100_000, "{} links", g.links.len());
        let s = propagate(&t, &[g.stub_origin]).unwrap();
        // Every AS buys transit from someone up to the tier-1 clique, so all are reached.
        assert_eq!(s.reached(), 70_000);
    }
}
