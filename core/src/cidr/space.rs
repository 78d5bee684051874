//! The address-space view of a plan: a prefix (the root) divided into halves and joined
//! back, like the visual subnet calculators, with the networks that use each part.
//!
//! ```
//! use cloudhop_core::cidr::plan::Plan;
//! use cloudhop_core::cidr::space::{AddressSpace, Usage};
//! let plan = Plan::from_json(r#"{"networks": [{"name": "a", "blocks": ["10.0.0.0/10"]}]}"#).unwrap();
//! let mut space = AddressSpace::for_plan(&plan, "10.0.0.0/8".parse().unwrap());
//! let parts = space.leaves(&plan);
//! assert_eq!(parts.len(), 3); // 10.0.0.0/10, 10.64.0.0/10, 10.128.0.0/9
//! assert_eq!(parts[0].usage, Usage::One(0, true));
//! assert_eq!(parts[2].usage, Usage::Free);
//! assert_eq!(space.width(&parts[2].net), 0.5);
//! space.join(&parts[0].net);
//! assert_eq!(space.leaves(&plan).len(), 2);
//! ```

use super::ops;
use super::plan::Plan;
use super::prefix::parse_prefix;
use ipnet::IpNet;

/// Most levels below the root the view divides.
pub const MAX_DEPTH: u8 = 12;
/// The view stops dividing once it has this many parts (the last division may add one
/// more).
pub const MAX_LEAVES: usize = 256;

/// Who uses a part of the address space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Usage {
    /// No network touches it.
    Free,
    /// One network (its index in the plan) uses it: all of it (`true`) or part of it.
    One(usize, bool),
    /// Several networks (indexes, in plan order): a conflict.
    Many(Vec<usize>),
}

/// One part of the divided address space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// The part.
    pub net: IpNet,
    /// Who uses it.
    pub usage: Usage,
}

/// A root prefix and the nodes divided into halves. Nodes outside the root are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressSpace {
    /// The prefix shown whole.
    pub root: IpNet,
    /// The divided nodes.
    pub splits: Vec<IpNet>,
}

impl AddressSpace {
    /// `root`, divided so that every block of the plan inside it is a part of its own.
    ///
    /// ```
    /// use cloudhop_core::cidr::{plan::Plan, space::AddressSpace};
    /// let plan = Plan::from_json(r#"{"networks": [{"name": "a", "blocks": ["10.0.0.0/9"]}]}"#).unwrap();
    /// let space = AddressSpace::for_plan(&plan, "10.0.0.0/8".parse().unwrap());
    /// assert_eq!(space.splits, ["10.0.0.0/8".parse().unwrap()]);
    /// ```
    pub fn for_plan(plan: &Plan, root: IpNet) -> AddressSpace {
        AddressSpace {
            root,
            splits: splits_for_plan(plan, &root),
        }
    }

    /// The plan's [`default_root`], divided for the plan.
    pub fn default_for(plan: &Plan) -> AddressSpace {
        AddressSpace::for_plan(plan, default_root(plan))
    }

    /// Divide further so that every block of the plan is a part of its own, keeping the
    /// divisions already made (after the plan changed).
    ///
    /// ```
    /// use cloudhop_core::cidr::{plan::Plan, space::AddressSpace};
    /// let mut space = AddressSpace::for_plan(&Plan::default(), "10.0.0.0/8".parse().unwrap());
    /// space.split("10.0.0.0/8".parse().unwrap());
    /// let plan = Plan::from_json(r#"{"networks": [{"name": "a", "blocks": ["10.128.0.0/10"]}]}"#).unwrap();
    /// space.reveal(&plan);
    /// assert_eq!(space.leaves(&plan).len(), 3);
    /// ```
    pub fn reveal(&mut self, plan: &Plan) {
        for s in splits_for_plan(plan, &self.root) {
            if !self.splits.contains(&s) {
                self.splits.push(s);
            }
        }
    }

    /// Divide `node` into its two halves.
    pub fn split(&mut self, node: IpNet) {
        if !self.splits.contains(&node) {
            self.splits.push(node);
        }
    }

    /// Join a part with its neighbour: its parent node (returned) becomes one part again,
    /// with every division below it undone. `None` for a part with no parent (`/0`).
    ///
    /// ```
    /// use cloudhop_core::cidr::{plan::Plan, space::AddressSpace};
    /// let root = "10.0.0.0/8".parse().unwrap();
    /// let mut space = AddressSpace::for_plan(&Plan::default(), root);
    /// space.split(root);
    /// space.split("10.0.0.0/9".parse().unwrap());
    /// assert_eq!(space.join(&"10.64.0.0/10".parse().unwrap()), Some("10.0.0.0/9".parse().unwrap()));
    /// assert_eq!(space.splits, [root]);
    /// ```
    pub fn join(&mut self, part: &IpNet) -> Option<IpNet> {
        let parent = part.supernet()?;
        self.splits.retain(|s| !parent.contains(s));
        Some(parent)
    }

    /// Whether a part can be divided: it is not a single address and is less than
    /// [`MAX_DEPTH`] levels below the root.
    ///
    /// ```
    /// use cloudhop_core::cidr::{plan::Plan, space::AddressSpace};
    /// let space = AddressSpace::for_plan(&Plan::default(), "10.0.0.0/8".parse().unwrap());
    /// assert!(space.can_split(&"10.0.0.0/19".parse().unwrap()));
    /// assert!(!space.can_split(&"10.0.0.0/20".parse().unwrap()));
    /// ```
    pub fn can_split(&self, part: &IpNet) -> bool {
        part.prefix_len() < part.max_prefix_len()
            && part.prefix_len() < self.root.prefix_len().saturating_add(MAX_DEPTH)
    }

    /// Whether a part can be joined with its neighbour (it is not the root).
    pub fn can_join(&self, part: &IpNet) -> bool {
        *part != self.root
    }

    /// A part's share of the root: `1/2^depth` (at most 60 levels counted), the width the
    /// bar gives it.
    ///
    /// ```
    /// use cloudhop_core::cidr::{plan::Plan, space::AddressSpace};
    /// let space = AddressSpace::for_plan(&Plan::default(), "10.0.0.0/8".parse().unwrap());
    /// assert_eq!(space.width(&"10.0.0.0/8".parse().unwrap()), 1.0);
    /// assert_eq!(space.width(&"10.0.0.0/10".parse().unwrap()), 0.25);
    /// ```
    pub fn width(&self, part: &IpNet) -> f64 {
        let depth = i32::from(part.prefix_len()) - i32::from(self.root.prefix_len());
        2f64.powi(-depth.min(60))
    }

    /// The parts in address order (at most [`MAX_LEAVES`] + 1).
    pub fn parts(&self) -> Vec<IpNet> {
        leaves(&self.root, &self.splits)
    }

    /// The parts in address order with the networks that use each.
    pub fn leaves(&self, plan: &Plan) -> Vec<Leaf> {
        classify(plan, &self.root, &self.splits)
    }
}

/// The leaves of `root` given the split nodes, in address order.
fn leaves(root: &IpNet, splits: &[IpNet]) -> Vec<IpNet> {
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
fn plan_blocks(plan: &Plan) -> Vec<(usize, IpNet)> {
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
fn classify(plan: &Plan, root: &IpNet, splits: &[IpNet]) -> Vec<Leaf> {
    let blocks = plan_blocks(plan);
    leaves(root, splits)
        .into_iter()
        .map(|leaf| {
            let mut users: Vec<(usize, bool)> = blocks
                .iter()
                .filter(|(_, b)| ops::overlaps(b, &leaf))
                .map(|(i, b)| (*i, b.prefix_len() <= leaf.prefix_len()))
                .collect();
            crate::order::sort_by_key(&mut users, |(i, _)| *i);
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
fn splits_for_plan(plan: &Plan, root: &IpNet) -> Vec<IpNet> {
    let mut out: Vec<IpNet> = Vec::new();
    for (_, b) in plan_blocks(plan) {
        if !root.contains(&b) || b.prefix_len() > root.prefix_len().saturating_add(MAX_DEPTH) {
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
/// least a /16 for IPv4 or a /56 for IPv6 so there is room to look around; `10.0.0.0/8`
/// for a plan with no block.
///
/// ```
/// use cloudhop_core::cidr::{plan::Plan, space::default_root};
/// let plan = Plan::from_json(r#"{"networks": [{"name": "a", "blocks": ["10.1.2.0/24"]}]}"#).unwrap();
/// assert_eq!(default_root(&plan).to_string(), "10.1.0.0/16");
/// assert_eq!(default_root(&Plan::default()).to_string(), "10.0.0.0/8");
/// ```
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

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    fn space(root: &str, splits: &[&str]) -> AddressSpace {
        AddressSpace {
            root: p(root),
            splits: splits.iter().map(|s| p(s)).collect(),
        }
    }

    #[test]
    fn split_and_join() {
        let mut s = space("10.0.0.0/8", &["10.0.0.0/8", "10.0.0.0/9"]);
        assert_eq!(
            s.parts(),
            vec![p("10.0.0.0/10"), p("10.64.0.0/10"), p("10.128.0.0/9")]
        );
        assert_eq!(s.join(&p("10.128.0.0/9")), Some(p("10.0.0.0/8")));
        assert_eq!(s.parts(), vec![p("10.0.0.0/8")]);
        assert!(s.splits.is_empty());
        s.split(p("10.0.0.0/8"));
        s.split(p("10.0.0.0/8"));
        assert_eq!(s.splits.len(), 1, "splitting twice is once");
        assert_eq!(s.join(&p("::/0")), None);
    }

    #[test]
    fn plan_splits_show_blocks_and_conflicts() {
        let plan = Plan::from_json(
            r#"{"networks": [
            {"name": "a", "blocks": ["10.0.0.0/16"]},
            {"name": "b", "blocks": ["10.0.0.0/16", "10.3.0.0/16"]}]}"#,
        )
        .unwrap();
        let s = AddressSpace::default_for(&plan);
        assert_eq!(s.root, p("10.0.0.0/14"));
        let c = s.leaves(&plan);
        assert_eq!(c.len(), 4);
        assert_eq!(c[0].usage, Usage::Many(vec![0, 1]));
        assert_eq!(c[1].usage, Usage::Free);
        assert_eq!(c[3].usage, Usage::One(1, true));
    }

    #[test]
    fn a_part_inside_a_bigger_block_is_used_in_full_a_bigger_part_in_part() {
        let plan =
            Plan::from_json(r#"{"networks": [{"name": "a", "blocks": ["10.0.0.0/9"]}]}"#).unwrap();
        let s = space("10.0.0.0/8", &["10.0.0.0/8", "10.0.0.0/9"]);
        let c = s.leaves(&plan);
        assert_eq!(c[0].usage, Usage::One(0, true));
        let whole = space("10.0.0.0/8", &[]);
        assert_eq!(whole.leaves(&plan)[0].usage, Usage::One(0, false));
    }

    #[test]
    fn depth_and_leaf_count_are_bounded() {
        let root = p("10.0.0.0/8");
        let mut s = space("10.0.0.0/8", &[]);
        // Divide everything down to the limit: the view stops dividing at MAX_LEAVES
        // parts, the division under way adding one more.
        for len in 8..8 + MAX_DEPTH {
            for n in root.subnets(len).unwrap() {
                s.split(n);
            }
        }
        assert_eq!(s.parts().len(), MAX_LEAVES + 1);
        assert!(!s.can_split(&p("10.0.0.0/20")));
        assert!(s.can_split(&p("10.0.0.0/19")));
        assert!(!space("10.0.0.1/32", &[]).can_split(&p("10.0.0.1/32")));
        assert!(!s.can_join(&root));
        assert!(s.can_join(&p("10.0.0.0/9")));
    }

    #[test]
    fn width_halves_per_level_and_stops_at_sixty() {
        let s = space("::/0", &[]);
        assert_eq!(s.width(&p("::/0")), 1.0);
        assert_eq!(s.width(&p("::/3")), 0.125);
        assert_eq!(s.width(&p("::/100")), 2f64.powi(-60));
    }

    #[test]
    fn reveal_keeps_divisions_and_adds_the_plans() {
        let plan = Plan::from_json(
            r#"{"networks": [{"name": "a", "blocks": ["10.0.0.0/10", "192.168.0.0/16", "10.0.0.0/30"]}]}"#,
        )
        .unwrap();
        let mut s = space("10.0.0.0/8", &["10.128.0.0/9"]);
        s.reveal(&plan);
        // 10.0.0.0/30 is more than MAX_DEPTH below the root and 192.168.0.0/16 outside it.
        assert_eq!(
            s.splits,
            [p("10.128.0.0/9"), p("10.0.0.0/9"), p("10.0.0.0/8")]
        );
        let v6 = Plan::from_json(r#"{"networks": [{"name": "a", "blocks": ["fd00:1:2::/64"]}]}"#)
            .unwrap();
        assert_eq!(default_root(&v6), p("fd00:1:2::/56"));
    }
}
