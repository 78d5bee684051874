//! Overlaps: every pair of blocks of different networks that share addresses, found in
//! one sweep. A subnet and the networks it is (through `within`) carved from do not count.

use super::blocks::Block;
use super::within::Ancestry;
use super::{Overlap, Plan};
use crate::cidr::ops;

/// The overlapping pairs of a plan's blocks.
pub(super) struct Found {
    /// Every pair of indexes (into the blocks) that share addresses, ancestry included.
    pub pairs: Vec<(usize, usize)>,
    /// The conflicts, as (first network, its block, second network, its block), the
    /// earlier network in the plan first, sorted.
    conflicts_by_position: Vec<(usize, usize, usize, usize)>,
    /// The later block of each conflict (the one a suggestion moves); may repeat.
    pub conflicts: Vec<usize>,
}

/// Sweep the blocks for overlaps, leaving out a subnet against its ancestors.
pub(super) fn find(blocks: &[Block], tree: &Ancestry) -> Found {
    let prefixes: Vec<_> = blocks.iter().map(|b| b.prefix).collect();
    let pairs = ops::overlapping_pairs(&prefixes);
    let mut conflicts = Vec::new();
    let mut by_position = Vec::new();
    for &(x, y) in &pairs {
        let (Some(bx), Some(by)) = (blocks.get(x), blocks.get(y)) else {
            continue;
        };
        if tree.is_ancestor(bx.net, by.net) || tree.is_ancestor(by.net, bx.net) {
            continue;
        }
        // Order by position in the plan: the earlier network is `a`.
        let (first, fi, second, si) = if (bx.net, x) <= (by.net, y) {
            (bx, x, by, y)
        } else {
            (by, y, bx, x)
        };
        by_position.push((first.net, fi, second.net, si));
        conflicts.push(si);
    }
    crate::order::sort(&mut by_position);
    Found {
        pairs,
        conflicts_by_position: by_position,
        conflicts,
    }
}

impl Found {
    /// The conflicts as the report lists them, in plan order.
    pub(super) fn overlaps(&self, plan: &Plan, blocks: &[Block]) -> Vec<Overlap> {
        let name = |b: &Block| {
            plan.networks
                .get(b.net)
                .map_or(String::new(), |n| n.name.clone())
        };
        self.conflicts_by_position
            .iter()
            .filter_map(|(_, fi, _, si)| Some((blocks.get(*fi)?, blocks.get(*si)?)))
            .map(|(first, second)| Overlap {
                a: name(first),
                a_cidr: first.prefix.to_string(),
                b: name(second),
                b_cidr: second.prefix.to_string(),
                overlap: ops::intersection(&first.prefix, &second.prefix)
                    .map_or(String::new(), |n| n.to_string()),
            })
            .collect()
    }
}
