//! Reading a plan's blocks, and the rules each block must follow on its own: its
//! provider's size limits, room for hosts after the reserved addresses, and no
//! special-use space in a cloud.

use super::{Plan, Rule, Violation};
use crate::cidr::prefix::parse_prefix;
use crate::cidr::provider::{check_size, usable_count, Kind, Provider};
use crate::cidr::special;
use ipnet::IpNet;

/// A parsed block: which network, the prefix.
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
                    rule: Rule::Parse,
                    message: format!("`{}`, block {}: {e}", n.name, k + 1),
                }),
            }
        }
    }
    out
}

/// The rules of each block on its own, in block order: size (or, for a subnet of an
/// allowed size, room for hosts), then special use.
pub(super) fn check_block_rules(plan: &Plan, blocks: &[Block], violations: &mut Vec<Violation>) {
    for b in blocks {
        let Some(n) = plan.networks.get(b.net) else {
            continue;
        };
        let violation = |rule, message| Violation {
            network: n.name.clone(),
            cidr: Some(b.prefix.to_string()),
            rule,
            message,
        };
        if let Some((rule, message)) = size_problem(n.provider, n.kind, &b.prefix) {
            violations.push(violation(rule, message));
        }
        if let Some(message) = special_use_problem(n.provider, &b.prefix) {
            violations.push(violation(Rule::Special, message));
        }
    }
}

/// A block the provider refuses (`size`), or a subnet left with no host (`reserved`).
fn size_problem(provider: Provider, kind: Kind, prefix: &IpNet) -> Option<(Rule, String)> {
    if let Err(e) = check_size(provider, kind, prefix) {
        return Some((Rule::Size, e.into()));
    }
    if kind == Kind::Subnet {
        if let Err(e) = usable_count(provider, kind, prefix) {
            return Some((Rule::Reserved, e.into()));
        }
    }
    None
}

/// A cloud block inside special-use space that is not private.
fn special_use_problem(provider: Provider, prefix: &IpNet) -> Option<String> {
    if provider == Provider::Onprem {
        return None;
    }
    let ranges = special::containing(prefix);
    if ranges.iter().any(|r| r.private) {
        return None;
    }
    ranges.first().map(|bad| {
        format!(
            "{prefix} is in {}, which cannot be used for a cloud network",
            bad.label()
        )
    })
}

/// The indexes (into `blocks`) of each network's blocks.
pub(super) fn by_network(plan: &Plan, blocks: &[Block]) -> Vec<Vec<usize>> {
    let mut by_net: Vec<Vec<usize>> = vec![Vec::new(); plan.networks.len()];
    for (bi, b) in blocks.iter().enumerate() {
        if let Some(v) = by_net.get_mut(b.net) {
            v.push(bi);
        }
    }
    by_net
}
