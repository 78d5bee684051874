//! The address-space bar: a prefix split into a tree you divide and join by clicking, like
//! the visual subnet calculators. Each leaf shows which networks use it.

use cloudhop_core::cidr::ops;
use cloudhop_core::cidr::plan::Plan;
use cloudhop_core::cidr::prefix::parse_prefix;
use cloudhop_core::cidr::IpNet;

/// Most levels below the root the bar will split, and most leaves it shows.
pub const MAX_DEPTH: u8 = 12;
pub const MAX_LEAVES: usize = 256;

/// Who uses a leaf.
#[derive(Debug, Clone, PartialEq)]
pub enum Usage {
    /// No network touches it.
    Free,
    /// One network (index) covers it or part of it.
    One(usize, bool),
    /// Several networks: a conflict.
    Many(Vec<usize>),
}

/// One leaf of the split tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    pub net: IpNet,
    pub usage: Usage,
}

/// The leaves of `root` given the split nodes, in address order.
pub fn leaves(root: &IpNet, splits: &[IpNet]) -> Vec<IpNet> {
    let mut out = Vec::new();
    let mut stack = vec![*root];
    while let Some(n) = stack.pop() {
        let can_split = n.prefix_len() < n.max_prefix_len()
            && n.prefix_len() < root.prefix_len().saturating_add(MAX_DEPTH);
        if can_split && splits.contains(&n) && out.len() + stack.len() < MAX_LEAVES {
            if let Ok(halves) = n.subnets(n.prefix_len() + 1) {
                let v: Vec<IpNet> = halves.collect();
                for h in v.into_iter().rev() {
                    stack.push(h);
                }
                continue;
            }
        }
        out.push(n);
    }
    out
}

/// The parsed blocks of every network: (network index, prefix).
pub fn plan_blocks(plan: &Plan) -> Vec<(usize, IpNet)> {
    plan.networks
        .iter()
        .enumerate()
        .flat_map(|(i, n)| {
            n.blocks
                .iter()
                .filter_map(move |b| parse_prefix(b).ok().map(|p| (i, p)))
        })
        .collect()
}

/// Leaves with their usage.
pub fn classify(plan: &Plan, root: &IpNet, splits: &[IpNet]) -> Vec<Leaf> {
    let blocks = plan_blocks(plan);
    leaves(root, splits)
        .into_iter()
        .map(|leaf| {
            let mut users: Vec<(usize, bool)> = blocks
                .iter()
                .filter(|(_, b)| ops::overlaps(b, &leaf))
                .map(|(i, b)| (*i, b.prefix_len() <= leaf.prefix_len()))
                .collect();
            users.sort_by_key(|(i, _)| *i);
            users.dedup_by_key(|(i, _)| *i);
            let usage = match users.as_slice() {
                [] => Usage::Free,
                [(i, full)] => Usage::One(*i, *full),
                many => Usage::Many(many.iter().map(|(i, _)| *i).collect()),
            };
            Leaf { net: leaf, usage }
        })
        .collect()
}

/// Split nodes that show every block of the plan inside `root` as its own leaf.
pub fn splits_for_plan(plan: &Plan, root: &IpNet) -> Vec<IpNet> {
    let mut out: Vec<IpNet> = Vec::new();
    for (_, b) in plan_blocks(plan) {
        if !root.contains(&b) || b.prefix_len() > root.prefix_len() + MAX_DEPTH {
            continue;
        }
        let mut cur = b;
        while cur.prefix_len() > root.prefix_len() {
            let Some(up) = cur.supernet() else { break };
            if !out.contains(&up) {
                out.push(up);
            }
            cur = up;
        }
    }
    out
}

/// A default root: the smallest prefix holding all IPv4 blocks (or IPv6 if none), at
/// least a /8 for IPv4 or a /48 for IPv6 so there is room to look around.
pub fn default_root(plan: &Plan) -> IpNet {
    let blocks: Vec<IpNet> = plan_blocks(plan).into_iter().map(|(_, b)| b).collect();
    let fallback: IpNet = "10.0.0.0/8".parse().unwrap_or_default();
    let Some(sup) = ops::common_supernet(&blocks) else {
        return fallback;
    };
    let want = if matches!(sup, IpNet::V4(_)) { 16 } else { 56 };
    if sup.prefix_len() > want {
        IpNet::new(sup.network(), want)
            .map(|n| n.trunc())
            .unwrap_or(sup)
    } else {
        sup
    }
}

/// Remove `node` and every split below it (joins it back into one leaf).
pub fn join(splits: &mut Vec<IpNet>, node: &IpNet) {
    splits.retain(|s| !node.contains(s));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    #[test]
    fn split_and_join() {
        let root = p("10.0.0.0/8");
        let mut splits = vec![p("10.0.0.0/8"), p("10.0.0.0/9")];
        let l = leaves(&root, &splits);
        assert_eq!(
            l,
            vec![p("10.0.0.0/10"), p("10.64.0.0/10"), p("10.128.0.0/9")]
        );
        join(&mut splits, &p("10.0.0.0/8"));
        assert_eq!(leaves(&root, &splits), vec![root]);
    }

    #[test]
    fn plan_splits_show_blocks_and_conflicts() {
        let plan = Plan::from_json(
            r#"{"networks": [
            {"name": "a", "blocks": ["10.0.0.0/16"]},
            {"name": "b", "blocks": ["10.0.0.0/16", "10.3.0.0/16"]}]}"#,
        )
        .unwrap();
        let root = default_root(&plan);
        assert_eq!(root, p("10.0.0.0/14"));
        let splits = splits_for_plan(&plan, &root);
        let c = classify(&plan, &root, &splits);
        assert_eq!(c.len(), 4);
        assert_eq!(c[0].usage, Usage::Many(vec![0, 1]));
        assert_eq!(c[1].usage, Usage::Free);
        assert_eq!(c[3].usage, Usage::One(1, true));
    }
}
