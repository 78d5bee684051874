//! The `within` tree: each subnet's parent network, cycles cut, ancestry in constant
//! time, and the rule that a subnet's blocks lie inside its parent's.

use super::blocks::Block;
use super::{Network, Plan, Rule, Violation};
use crate::cidr::span::{merge, Span};
use std::collections::HashMap;

/// Index of each network's parent (`within`), reporting unknown parents and cycles.
pub(super) fn parent_indexes(plan: &Plan, violations: &mut Vec<Violation>) -> Vec<Option<usize>> {
    let index: HashMap<&str, usize> = plan
        .networks
        .iter()
        .enumerate()
        .map(|(i, n)| (n.name.as_str(), i))
        .collect();
    let mut parents: Vec<Option<usize>> = plan
        .networks
        .iter()
        .map(|n| {
            let p = n.within.as_deref()?;
            match index.get(p) {
                Some(i) => Some(*i),
                None => {
                    violations.push(Violation {
                        network: n.name.clone(),
                        cidr: None,
                        rule: Rule::Within,
                        message: format!("`{}` is within `{p}`, which is not in the plan", n.name),
                    });
                    None
                }
            }
        })
        .collect();
    // Break cycles: one network of each cycle loses its parent. Each network is walked
    // once (0 = not seen, 1 = on the current walk, 2 = done), so this is linear.
    let mut state = vec![0u8; parents.len()];
    let mut on_cycle = vec![false; parents.len()];
    for start in 0..parents.len() {
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(c) = cur.filter(|c| state.get(*c) == Some(&0)) {
            if let Some(s) = state.get_mut(c) {
                *s = 1;
            }
            path.push(c);
            cur = parents.get(c).copied().flatten();
        }
        // The walk stopped at a network it had already seen: on this walk means a cycle.
        if let Some(cur) = cur.filter(|c| state.get(*c) == Some(&1)) {
            // `cur` is on the current walk: the path from it on is a cycle. Cutting it at
            // its first network in plan order is enough to end every chain.
            if let Some(pos) = path.iter().position(|x| *x == cur) {
                if let Some(first) = path.iter().skip(pos).min() {
                    if let Some(c) = on_cycle.get_mut(*first) {
                        *c = true;
                    }
                }
            }
        }
        for x in path {
            if let Some(s) = state.get_mut(x) {
                *s = 2;
            }
        }
    }
    for (i, cyc) in on_cycle.iter().enumerate() {
        if *cyc {
            if let Some(slot) = parents.get_mut(i) {
                *slot = None;
            }
            let name = plan.networks.get(i).map_or("", |n| n.name.as_str());
            violations.push(Violation {
                network: name.to_string(),
                cidr: None,
                rule: Rule::Within,
                message: format!("`{name}` is (through `within`) inside itself"),
            });
        }
    }
    parents
}

/// Depth-first entry and exit numbers of the `within` forest (cycles already cut), so
/// "is `a` an ancestor of `c`" is two comparisons, however deep the nesting.
pub(super) struct Ancestry {
    /// Entry number of each network; `usize::MAX` if never reached (not in the forest).
    enter: Vec<usize>,
    /// The largest entry number in each network's subtree.
    last: Vec<usize>,
}

impl Ancestry {
    pub(super) fn new(parents: &[Option<usize>]) -> Ancestry {
        let n = parents.len();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, p) in parents.iter().enumerate() {
            match p.and_then(|p| children.get_mut(p)) {
                Some(c) => c.push(i),
                None => roots.push(i),
            }
        }
        let mut enter = vec![usize::MAX; n];
        let mut last = vec![usize::MAX; n];
        let mut clock = 0;
        // (network, next child to visit)
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for r in roots {
            if let Some(e) = enter.get_mut(r) {
                *e = clock;
            }
            clock += 1;
            stack.push((r, 0));
            while let Some((v, k)) = stack.last_mut() {
                match children.get(*v).and_then(|c| c.get(*k)).copied() {
                    Some(c) => {
                        *k += 1;
                        if let Some(e) = enter.get_mut(c) {
                            *e = clock;
                        }
                        clock += 1;
                        stack.push((c, 0));
                    }
                    None => {
                        if let Some(l) = last.get_mut(*v) {
                            *l = clock - 1;
                        }
                        stack.pop();
                    }
                }
            }
        }
        Ancestry { enter, last }
    }

    /// Whether `anc` is a strict ancestor of `child` through `within`.
    pub(super) fn is_ancestor(&self, anc: usize, child: usize) -> bool {
        let (Some(a), Some(al), Some(c)) = (
            self.enter.get(anc),
            self.last.get(anc),
            self.enter.get(child),
        ) else {
            return false;
        };
        *a != usize::MAX && *c != usize::MAX && a < c && c <= al
    }
}

/// For each network in plan order: a network with no blocks (`empty`), then each block of
/// a subnet that lies outside every block of its parent (`within`). Each parent's blocks
/// are merged once, so the check is a binary search per block rather than a scan of the
/// whole plan.
pub(super) fn check_containment(
    plan: &Plan,
    blocks: &[Block],
    by_net: &[Vec<usize>],
    parents: &[Option<usize>],
    violations: &mut Vec<Violation>,
) {
    let mut parent_spans: HashMap<usize, Vec<Span>> = HashMap::new();
    for (i, n) in plan.networks.iter().enumerate() {
        if n.blocks.is_empty() {
            violations.push(Violation {
                network: n.name.clone(),
                cidr: None,
                rule: Rule::Empty,
                message: format!("`{}` has no blocks", n.name),
            });
        }
        let Some(Some(p)) = parents.get(i) else {
            continue;
        };
        let spans = parent_spans
            .entry(*p)
            .or_insert_with(|| merged_spans(blocks, by_net, *p));
        let pname = plan.networks.get(*p).map_or("", |x| x.name.as_str());
        let own = by_net.get(i).map_or(&[][..], |v| v.as_slice());
        for b in own.iter().filter_map(|bi| blocks.get(*bi)) {
            if !inside_any(spans, &Span::of(&b.prefix)) {
                violations.push(outside_parent(n, b, pname));
            }
        }
    }
}

/// The blocks of network `net`, merged into sorted disjoint spans.
fn merged_spans(blocks: &[Block], by_net: &[Vec<usize>], net: usize) -> Vec<Span> {
    let own = by_net.get(net).map_or(&[][..], |v| v.as_slice());
    merge(
        own.iter()
            .filter_map(|bi| blocks.get(*bi))
            .map(|b| Span::of(&b.prefix))
            .collect(),
    )
}

/// Whether sorted disjoint `spans` hold `s`: only the last one starting at or before `s`
/// can.
fn inside_any(spans: &[Span], s: &Span) -> bool {
    let k = spans.partition_point(|ps| (ps.family, ps.lo) <= (s.family, s.lo));
    k > 0 && spans.get(k - 1).is_some_and(|ps| ps.contains(s))
}

fn outside_parent(n: &Network, b: &Block, parent: &str) -> Violation {
    Violation {
        network: n.name.clone(),
        cidr: Some(b.prefix.to_string()),
        rule: Rule::Within,
        message: format!(
            "{} of `{}` is not inside any block of `{parent}`",
            b.prefix, n.name
        ),
    }
}
