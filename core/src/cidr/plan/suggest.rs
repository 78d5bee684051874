//! Suggestions: for each conflict, move the later block to a free block of the same size.
//! A top-level network's block moves within the plan's `space` (or the private range that
//! holds it); a subnet's block stays inside its parent, unless the parent moves too.

use super::blocks::Block;
use super::free::FreeFinder;
use super::within::Ancestry;
use super::{Plan, Suggestion};
use crate::cidr::special::private_range_of;
use ipnet::IpNet;
use std::collections::{HashMap, HashSet};

/// What the suggestions are computed from: the checked plan's parts.
pub(super) struct Context<'a> {
    pub plan: &'a Plan,
    /// The plan's `space`, parsed.
    pub space: &'a [IpNet],
    pub blocks: &'a [Block],
    /// Block indexes of each network.
    pub by_net: &'a [Vec<usize>],
    /// Each network's `within` parent (cycles cut).
    pub parents: &'a [Option<usize>],
    pub tree: &'a Ancestry,
    /// Every overlapping pair of blocks.
    pub pairs: &'a [(usize, usize)],
    /// The later block of each conflict.
    pub conflicts: Vec<usize>,
}

/// One suggestion per conflicting block that has a free replacement, in block order.
pub(super) fn suggestions(cx: &Context<'_>) -> Vec<Suggestion> {
    let mut conflicts = cx.conflicts.clone();
    crate::order::sort(&mut conflicts);
    conflicts.dedup();
    let prefixes: Vec<IpNet> = cx.blocks.iter().map(|b| b.prefix).collect();
    let mut finder = FreeFinder::new(&prefixes);
    let conflict_nets: HashSet<usize> = conflicts
        .iter()
        .filter_map(|bi| cx.blocks.get(*bi).map(|b| b.net))
        .collect();
    let mut parents = ParentFinders::new(cx, &conflicts, &conflict_nets);
    let mut out = Vec::new();
    for bi in conflicts {
        let Some(b) = cx.blocks.get(bi) else { continue };
        let Some(n) = cx.plan.networks.get(b.net) else {
            continue;
        };
        let found = match cx.parents.get(b.net).copied().flatten() {
            // A subnet moves with its network when that network moves too ...
            Some(pi) if conflict_nets.contains(&pi) => continue,
            // ... and otherwise stays inside it.
            Some(pi) => parents.take(pi, &b.prefix),
            None => top_level(&mut finder, cx.space, &b.prefix),
        };
        if let Some(rep) = found {
            finder.mark(&rep);
            out.push(Suggestion {
                network: n.name.clone(),
                cidr: b.prefix.to_string(),
                replacement: rep.to_string(),
                reason: format!(
                    "{} of `{}` overlaps another network; {rep} is free and the same size",
                    b.prefix, n.name
                ),
            });
        }
    }
    out
}

/// A free block of `prefix`'s size for a top-level network: in the plan's space, or if
/// it has none, in the private range that holds the block.
fn top_level(finder: &mut FreeFinder, space: &[IpNet], prefix: &IpNet) -> Option<IpNet> {
    let spaces: Vec<IpNet> = if space.is_empty() {
        private_range_of(prefix).into_iter().collect()
    } else {
        space.to_vec()
    };
    spaces
        .iter()
        .filter(|s| s.max_prefix_len() == prefix.max_prefix_len())
        .find_map(|s| finder.take(s, prefix.prefix_len()))
}

/// Free-block finders inside the parents whose subnets need a move.
///
/// A subnet's fix stays inside its parent and avoids every block but its ancestors'.
/// Only blocks that share addresses with the parent's blocks can matter, and those are
/// the overlapping pairs already found: gather them once per parent into one finder,
/// whose cursors make the fixes of all its subnets first-fit without rescanning.
/// Suggestions made elsewhere never land in a parent's blocks: a top-level one avoids
/// every block of the plan, and one for another parent lands in that parent's block,
/// which meets this parent's blocks only if one is the other's ancestor (any other
/// overlap puts the later of the two among the conflicting networks); then it is inside
/// a block this finder already counts as taken, or its search counted this parent's as
/// taken.
struct ParentFinders {
    /// Blocks near each parent that a subnet's fix must avoid.
    near: HashMap<usize, Vec<IpNet>>,
    /// The parents' blocks by prefix, first in plan order, to find those holding a subnet.
    parent_block: HashMap<(usize, IpNet), usize>,
    finders: HashMap<usize, FreeFinder>,
}

impl ParentFinders {
    fn new(cx: &Context<'_>, conflicts: &[usize], conflict_nets: &HashSet<usize>) -> Self {
        let active: HashSet<usize> = conflicts
            .iter()
            .filter_map(|bi| cx.blocks.get(*bi))
            .filter_map(|b| cx.parents.get(b.net).copied().flatten())
            .filter(|pi| !conflict_nets.contains(pi))
            .collect();
        let mut near: HashMap<usize, Vec<IpNet>> = HashMap::new();
        for &(x, y) in cx.pairs {
            let (Some(bx), Some(by)) = (cx.blocks.get(x), cx.blocks.get(y)) else {
                continue;
            };
            for (u, v) in [(bx, by), (by, bx)] {
                if active.contains(&u.net) && v.net != u.net && !cx.tree.is_ancestor(v.net, u.net) {
                    near.entry(u.net).or_default().push(v.prefix);
                }
            }
        }
        let mut parent_block: HashMap<(usize, IpNet), usize> = HashMap::new();
        for pi in &active {
            for bi in cx.by_net.get(*pi).map_or(&[][..], |v| v.as_slice()) {
                if let Some(x) = cx.blocks.get(*bi) {
                    parent_block.entry((*pi, x.prefix.trunc())).or_insert(*bi);
                }
            }
        }
        ParentFinders {
            near,
            parent_block,
            finders: HashMap::new(),
        }
    }

    /// A free block of `prefix`'s size inside parent `pi`: search the parent's blocks
    /// that hold it (in plan order), counting everything but the subnet's ancestors as
    /// taken.
    fn take(&mut self, pi: usize, prefix: &IpNet) -> Option<IpNet> {
        // Prefixes nest or are disjoint: the blocks holding it are its supernets.
        let mut holders: Vec<(usize, IpNet)> = (0..=prefix.prefix_len())
            .filter_map(|l| IpNet::new(prefix.network(), l).ok())
            .filter_map(|s| {
                self.parent_block
                    .get(&(pi, s.trunc()))
                    .map(|x| (*x, s.trunc()))
            })
            .collect();
        crate::order::sort_by_key(&mut holders, |(x, _)| *x);
        let near = &self.near;
        let local = self
            .finders
            .entry(pi)
            .or_insert_with(|| FreeFinder::new(near.get(&pi).map_or(&[][..], |v| v.as_slice())));
        holders
            .iter()
            .find_map(|(_, s)| local.take(s, prefix.prefix_len()))
    }
}
