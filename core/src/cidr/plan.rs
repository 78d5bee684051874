//! A plan: named networks in clouds and on-premises, each with CIDR blocks. The checker
//! reports every overlapping pair, blocks that break provider rules, and a free
//! replacement block of the same size for each conflict. The JSON format is documented in
//! `docs/plan-format.md`.
//!
//! ```
//! use cloudhop_core::cidr::plan::{check_plan, Plan};
//! let plan = Plan::from_json(r#"{"networks": [
//!   {"name": "office", "provider": "onprem", "blocks": ["10.0.0.0/16"]},
//!   {"name": "aws-prod", "provider": "aws", "kind": "vpc", "blocks": ["10.0.128.0/17"]}
//! ]}"#).unwrap();
//! let r = check_plan(&plan).unwrap();
//! assert_eq!(r.overlaps.len(), 1);
//! assert_eq!(r.overlaps[0].overlap, "10.0.128.0/17");
//! assert_eq!(r.suggestions[0].replacement, "10.1.0.0/17");
//! ```

use super::ops;
use super::prefix::parse_prefix;
use super::provider::{check_size, usable_count, Kind, Provider};
use super::span::{merge, net_at, size_minus_one, Span};
use super::special::private_range_of;
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A plan as written in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Optional plan title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Where replacement blocks may come from. Empty: the private range (RFC 1918,
    /// RFC 6598 or ULA) that holds the conflicting block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub space: Vec<String>,
    /// The networks.
    #[serde(default)]
    pub networks: Vec<Network>,
}

/// One network of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Unique name.
    pub name: String,
    /// Where it lives.
    #[serde(default)]
    pub provider: Provider,
    /// A whole VPC / VNet address space (`vpc`) or a subnet / site (`subnet`).
    #[serde(default)]
    pub kind: Kind,
    /// Its CIDR blocks (IPv4 and IPv6).
    #[serde(default)]
    pub blocks: Vec<String>,
    /// Name of the network this one is carved from (a subnet's VPC). Blocks must lie
    /// inside the parent, and overlapping the parent is expected, not a conflict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

impl Plan {
    /// Parse plan JSON with a message that says where it is wrong.
    pub fn from_json(text: &str) -> Result<Plan, String> {
        serde_json::from_str(text).map_err(|e| format!("the plan is not valid: {e}"))
    }

    /// The plan as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The plan as indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A network by name.
    pub fn network(&self, name: &str) -> Option<&Network> {
        self.networks.iter().find(|n| n.name == name)
    }
}

/// Two blocks that share addresses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overlap {
    /// First network (earlier in the plan).
    pub a: String,
    /// Its block.
    pub a_cidr: String,
    /// Second network.
    pub b: String,
    /// Its block.
    pub b_cidr: String,
    /// The addresses they share.
    pub overlap: String,
}

/// A block (or network) that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// The network.
    pub network: String,
    /// The block, when the problem is with one block.
    pub cidr: Option<String>,
    /// Short rule id: `parse`, `size`, `reserved`, `within`, `name`, `special`, `empty`.
    pub rule: String,
    /// What is wrong, for a person.
    pub message: String,
}

/// A proposed fix: move one block to a free block of the same size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The network to change.
    pub network: String,
    /// Its conflicting block.
    pub cidr: String,
    /// A free block of the same size that overlaps nothing in the plan.
    pub replacement: String,
    /// Why.
    pub reason: String,
}

/// The result of [`check_plan`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Report {
    /// Every overlapping pair of blocks of different networks (a subnet and the network it
    /// is `within` do not count).
    pub overlaps: Vec<Overlap>,
    /// Rule violations.
    pub violations: Vec<Violation>,
    /// Replacement blocks for conflicting ones.
    pub suggestions: Vec<Suggestion>,
}

impl Report {
    /// No overlaps and no violations.
    pub fn is_clean(&self) -> bool {
        self.overlaps.is_empty() && self.violations.is_empty()
    }
}

/// A parsed block: which network, which block index, the prefix.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Block {
    pub net: usize,
    pub prefix: IpNet,
}

/// Parse every block of a plan. Unparseable blocks become `parse` violations.
pub(crate) fn parse_blocks(plan: &Plan, violations: &mut Vec<Violation>) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, n) in plan.networks.iter().enumerate() {
        for (k, b) in n.blocks.iter().enumerate() {
            match parse_prefix(b) {
                Ok(p) => out.push(Block { net: i, prefix: p }),
                Err(e) => violations.push(Violation {
                    network: n.name.clone(),
                    cidr: Some(b.clone()),
                    rule: "parse".into(),
                    message: format!("`{}`, block {}: {e}", n.name, k + 1),
                }),
            }
        }
    }
    out
}

/// Check a plan. `Err` only for a plan that cannot be read at all (a bad `space` entry);
/// everything else is reported.
pub fn check_plan(plan: &Plan) -> Result<Report, String> {
    let mut space = Vec::new();
    for (i, s) in plan.space.iter().enumerate() {
        space.push(parse_prefix(s).map_err(|e| format!("space, item {}: {e}", i + 1))?);
    }
    let mut report = Report::default();
    let blocks = parse_blocks(plan, &mut report.violations);
    check_names(plan, &mut report.violations);
    let parents = parent_indexes(plan, &mut report.violations);
    let tree = Ancestry::new(&parents);

    // Rule checks per block.
    for b in &blocks {
        let Some(n) = plan.networks.get(b.net) else {
            continue;
        };
        if let Err(e) = check_size(n.provider, n.kind, &b.prefix) {
            report.violations.push(Violation {
                network: n.name.clone(),
                cidr: Some(b.prefix.to_string()),
                rule: "size".into(),
                message: e,
            });
        } else if n.kind == Kind::Subnet {
            if let Err(e) = usable_count(n.provider, n.kind, &b.prefix) {
                report.violations.push(Violation {
                    network: n.name.clone(),
                    cidr: Some(b.prefix.to_string()),
                    rule: "reserved".into(),
                    message: e,
                });
            }
        }
        let special = super::special::containing(&b.prefix);
        if n.provider != Provider::Onprem && !special.iter().any(|r| r.private) {
            if let Some(bad) = special.first() {
                report.violations.push(Violation {
                    network: n.name.clone(),
                    cidr: Some(b.prefix.to_string()),
                    rule: "special".into(),
                    message: format!(
                        "{} is in {}, which cannot be used for a cloud network",
                        b.prefix,
                        bad.label()
                    ),
                });
            }
        }
    }
    // Blocks of each network, and each parent's blocks merged once, so the `within`
    // check is a binary search per block rather than a scan of the whole plan.
    let mut by_net: Vec<Vec<usize>> = vec![Vec::new(); plan.networks.len()];
    for (bi, b) in blocks.iter().enumerate() {
        if let Some(v) = by_net.get_mut(b.net) {
            v.push(bi);
        }
    }
    let mut parent_spans: HashMap<usize, Vec<Span>> = HashMap::new();
    for (i, n) in plan.networks.iter().enumerate() {
        if n.blocks.is_empty() {
            report.violations.push(Violation {
                network: n.name.clone(),
                cidr: None,
                rule: "empty".into(),
                message: format!("`{}` has no blocks", n.name),
            });
        }
        // Blocks of a child must lie inside the parent's blocks.
        if let Some(Some(p)) = parents.get(i) {
            let spans = parent_spans.entry(*p).or_insert_with(|| {
                let own = by_net.get(*p).map_or(&[][..], |v| v.as_slice());
                merge(
                    own.iter()
                        .filter_map(|bi| blocks.get(*bi))
                        .map(|b| Span::of(&b.prefix))
                        .collect(),
                )
            });
            let own = by_net.get(i).map_or(&[][..], |v| v.as_slice());
            for b in own.iter().filter_map(|bi| blocks.get(*bi)) {
                let s = Span::of(&b.prefix);
                // Merged spans are sorted and disjoint: only the last one starting at or
                // before `s` can contain it.
                let k = spans.partition_point(|ps| (ps.family, ps.lo) <= (s.family, s.lo));
                let inside = k > 0 && spans.get(k - 1).is_some_and(|ps| ps.contains(&s));
                if !inside {
                    let pname = plan.networks.get(*p).map_or("", |x| x.name.as_str());
                    report.violations.push(Violation {
                        network: n.name.clone(),
                        cidr: Some(b.prefix.to_string()),
                        rule: "within".into(),
                        message: format!(
                            "{} of `{}` is not inside any block of `{pname}`",
                            b.prefix, n.name
                        ),
                    });
                }
            }
        }
    }

    // Overlaps in one sweep.
    let prefixes: Vec<IpNet> = blocks.iter().map(|b| b.prefix).collect();
    let mut conflicts: Vec<usize> = Vec::new();
    let mut found: Vec<(usize, usize, usize, usize)> = Vec::new();
    let pairs = ops::overlapping_pairs(&prefixes);
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
        found.push((first.net, fi, second.net, si));
        conflicts.push(si);
    }
    found.sort_unstable();
    let name = |b: &Block| {
        plan.networks
            .get(b.net)
            .map_or(String::new(), |n| n.name.clone())
    };
    for (_, fi, _, si) in found {
        let (Some(first), Some(second)) = (blocks.get(fi), blocks.get(si)) else {
            continue;
        };
        report.overlaps.push(Overlap {
            a: name(first),
            a_cidr: first.prefix.to_string(),
            b: name(second),
            b_cidr: second.prefix.to_string(),
            overlap: ops::intersection(&first.prefix, &second.prefix)
                .map_or(String::new(), |n| n.to_string()),
        });
    }

    // Suggestions: move the later block of each conflict to a free block of its size.
    conflicts.sort_unstable();
    conflicts.dedup();
    let mut finder = FreeFinder::new(&prefixes);
    let conflict_nets: HashSet<usize> = conflicts
        .iter()
        .filter_map(|bi| blocks.get(*bi).map(|b| b.net))
        .collect();
    // A subnet's fix stays inside its parent and avoids every block but its ancestors'.
    // Only blocks that share addresses with the parent's blocks can matter, and those are
    // the overlapping pairs already found: gather them once per parent into one finder,
    // whose cursors make the fixes of all its subnets first-fit without rescanning.
    // Suggestions made elsewhere never land in a parent's blocks: a top-level one avoids
    // every block of the plan, and one for another parent lands in that parent's block,
    // which meets this parent's blocks only if one is the other's ancestor (any other
    // overlap puts the later of the two among `conflict_nets`); then it is inside a block
    // this finder already counts as taken, or its search counted this parent's as taken.
    let active: HashSet<usize> = conflicts
        .iter()
        .filter_map(|bi| blocks.get(*bi))
        .filter_map(|b| parents.get(b.net).copied().flatten())
        .filter(|pi| !conflict_nets.contains(pi))
        .collect();
    let mut near: HashMap<usize, Vec<IpNet>> = HashMap::new();
    for &(x, y) in &pairs {
        let (Some(bx), Some(by)) = (blocks.get(x), blocks.get(y)) else {
            continue;
        };
        for (u, v) in [(bx, by), (by, bx)] {
            if active.contains(&u.net) && v.net != u.net && !tree.is_ancestor(v.net, u.net) {
                near.entry(u.net).or_default().push(v.prefix);
            }
        }
    }
    // The parents' blocks by prefix, first in plan order, to find those holding a subnet.
    let mut parent_block: HashMap<(usize, IpNet), usize> = HashMap::new();
    for pi in &active {
        for bi in by_net.get(*pi).map_or(&[][..], |v| v.as_slice()) {
            if let Some(x) = blocks.get(*bi) {
                parent_block.entry((*pi, x.prefix.trunc())).or_insert(*bi);
            }
        }
    }
    let mut finders: HashMap<usize, FreeFinder> = HashMap::new();
    for bi in conflicts {
        let Some(b) = blocks.get(bi) else { continue };
        let Some(n) = plan.networks.get(b.net) else {
            continue;
        };
        let parent = parents.get(b.net).copied().flatten();
        let found = match parent {
            // A subnet moves with its network when that network moves too ...
            Some(pi) if conflict_nets.contains(&pi) => continue,
            // ... and otherwise stays inside it: search the parent's blocks that hold it
            // (in plan order), counting everything but the subnet's ancestors as taken.
            Some(pi) => {
                // Prefixes nest or are disjoint: the blocks holding it are its supernets.
                let mut holders: Vec<(usize, IpNet)> = (0..=b.prefix.prefix_len())
                    .filter_map(|l| IpNet::new(b.prefix.network(), l).ok())
                    .filter_map(|s| parent_block.get(&(pi, s.trunc())).map(|x| (*x, s.trunc())))
                    .collect();
                holders.sort_unstable_by_key(|(x, _)| *x);
                let local = finders.entry(pi).or_insert_with(|| {
                    FreeFinder::new(near.get(&pi).map_or(&[][..], |v| v.as_slice()))
                });
                holders
                    .iter()
                    .find_map(|(_, s)| local.take(s, b.prefix.prefix_len()))
            }
            None => {
                let spaces: Vec<IpNet> = if space.is_empty() {
                    private_range_of(&b.prefix).into_iter().collect()
                } else {
                    space.clone()
                };
                spaces
                    .iter()
                    .filter(|s| s.max_prefix_len() == b.prefix.max_prefix_len())
                    .find_map(|s| finder.take(s, b.prefix.prefix_len()))
            }
        };
        if let Some(rep) = found {
            finder.mark(&rep);
            report.suggestions.push(Suggestion {
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
    Ok(report)
}

fn check_names(plan: &Plan, violations: &mut Vec<Violation>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for n in &plan.networks {
        if n.name.trim().is_empty() {
            violations.push(Violation {
                network: n.name.clone(),
                cidr: None,
                rule: "name".into(),
                message: "a network has an empty name".into(),
            });
        }
        let c = seen.entry(n.name.as_str()).or_insert(0);
        *c += 1;
        if *c == 2 {
            violations.push(Violation {
                network: n.name.clone(),
                cidr: None,
                rule: "name".into(),
                message: format!("two networks are named `{}`; names must be unique", n.name),
            });
        }
    }
}

/// Index of each network's parent (`within`), reporting unknown parents and cycles.
fn parent_indexes(plan: &Plan, violations: &mut Vec<Violation>) -> Vec<Option<usize>> {
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
                        rule: "within".into(),
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
                rule: "within".into(),
                message: format!("`{name}` is (through `within`) inside itself"),
            });
        }
    }
    parents
}

/// Depth-first entry and exit numbers of the `within` forest (cycles already cut), so
/// "is `a` an ancestor of `c`" is two comparisons, however deep the nesting.
struct Ancestry {
    /// Entry number of each network; `usize::MAX` if never reached (not in the forest).
    enter: Vec<usize>,
    /// The largest entry number in each network's subtree.
    last: Vec<usize>,
}

impl Ancestry {
    fn new(parents: &[Option<usize>]) -> Ancestry {
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
    fn is_ancestor(&self, anc: usize, child: usize) -> bool {
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

/// First-fit search for free aligned blocks among occupied ranges, remembering what it
/// hands out so two suggestions never collide.
pub(crate) struct FreeFinder {
    occupied: BTreeMap<(super::span::Family, u128), u128>,
    /// Where the last search for a block size in a space stopped. Free space only
    /// shrinks, so the next search for the same size starts there: each space is walked
    /// once per size, not once per request.
    cursors: HashMap<(super::span::Family, u128, u8, u8), u128>,
}

impl FreeFinder {
    /// Start with these prefixes taken.
    pub(crate) fn new(taken: &[IpNet]) -> FreeFinder {
        let occupied = merge(taken.iter().map(Span::of).collect())
            .into_iter()
            .map(|s| ((s.family, s.lo), s.hi))
            .collect();
        FreeFinder {
            occupied,
            cursors: HashMap::new(),
        }
    }

    /// Mark a prefix taken.
    pub(crate) fn mark(&mut self, net: &IpNet) {
        let s = Span::of(net);
        // Ranges stay disjoint: a block inside an occupied range adds nothing.
        let covered = self
            .occupied
            .range(..=(s.family, s.lo))
            .next_back()
            .is_some_and(|((f, _), hi)| *f == s.family && *hi >= s.hi);
        if !covered {
            self.occupied.insert((s.family, s.lo), s.hi);
        }
    }

    /// The first free `/len` block in `space`, marked taken; None if full.
    pub(crate) fn take(&mut self, space: &IpNet, len: u8) -> Option<IpNet> {
        let ss = Span::of(space);
        if len < space.prefix_len() || len > space.max_prefix_len() {
            return None;
        }
        let step_m1 = size_minus_one((space.max_prefix_len() - len) as u32);
        let key = (ss.family, ss.lo, space.prefix_len(), len);
        let mut cand = self.cursors.get(&key).copied().unwrap_or(ss.lo);
        loop {
            self.cursors.insert(key, cand);
            let end = cand.checked_add(step_m1)?;
            if end > ss.hi {
                return None;
            }
            // The last occupied range starting at or before `end`.
            let hit = self
                .occupied
                .range(..=(ss.family, end))
                .next_back()
                .filter(|((f, _), hi)| *f == ss.family && **hi >= cand)
                .map(|(_, hi)| *hi);
            match hit {
                None => {
                    let net = net_at(ss.family, cand, len);
                    self.mark(&net);
                    return Some(net);
                }
                Some(hi) => {
                    // Jump past it, aligned.
                    let next = hi.checked_add(1)?;
                    cand = if next & step_m1 == 0 {
                        next
                    } else {
                        (next | step_m1).checked_add(1)?
                    };
                }
            }
        }
    }
}
