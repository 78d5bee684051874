//! Ranges that are valid for a cloud network but that something common already uses: the
//! planner warns about them (a warning, not a violation), with the reason, as lesson 04
//! ("Ranges to avoid") teaches. Link-local space is not here: it is a `special` violation.

use super::blocks::Block;
use super::{Plan, Warning};
use crate::cidr::provider::Provider;
use ipnet::IpNet;

/// One range to avoid and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AvoidRange {
    /// The range in CIDR notation.
    pub cidr: &'static str,
    /// What already uses it, for a person.
    pub reason: &'static str,
}

/// The ranges a new cloud network should avoid, with the reason for each.
///
/// ```
/// use cloudhop_core::cidr::plan::AVOID;
/// assert!(AVOID.iter().any(|r| r.cidr == "172.17.0.0/16"));
/// assert!(AVOID.iter().all(|r| r.cidr.parse::<ipnet::IpNet>().is_ok()));
/// ```
pub const AVOID: [AvoidRange; 2] = [
    AvoidRange {
        cidr: "172.17.0.0/16",
        reason: "Docker's default bridge network uses it on every Docker host, so containers there could not reach this network",
    },
    AvoidRange {
        cidr: "100.64.0.0/10",
        reason: "carrier-grade NAT (RFC 6598 shared space) and mesh VPNs such as Tailscale use it, so devices behind them could not reach this network",
    },
];

/// A warning for every cloud block that overlaps a range in [`AVOID`], in block order.
/// On-premises blocks are left alone: they may be the very CGNAT or Docker network.
pub(super) fn warnings(plan: &Plan, blocks: &[Block]) -> Vec<Warning> {
    let mut out = Vec::new();
    for b in blocks {
        let Some(n) = plan.networks.get(b.net) else {
            continue;
        };
        if n.provider == Provider::Onprem {
            continue;
        }
        for range in &AVOID {
            let Ok(avoid) = range.cidr.parse::<IpNet>() else {
                continue;
            };
            let what = if b.prefix == avoid {
                format!("{} is exactly the range to avoid", b.prefix)
            } else if avoid.contains(&b.prefix) {
                format!("{} is inside {}", b.prefix, range.cidr)
            } else if b.prefix.contains(&avoid) {
                format!("{} holds {}", b.prefix, range.cidr)
            } else {
                continue;
            };
            out.push(Warning {
                network: n.name.clone(),
                cidr: b.prefix.to_string(),
                range: range.cidr.to_string(),
                message: format!("{what}: {}. Prefer another private range.", range.reason),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::cidr::plan::{check_plan, Plan};

    fn warned(provider: &str, kind: &str, block: &str) -> Vec<String> {
        let plan = Plan::from_json(&format!(
            r#"{{"networks": [{{"name": "n", "provider": "{provider}", "kind": "{kind}", "blocks": ["{block}"]}}]}}"#
        ))
        .unwrap();
        check_plan(&plan)
            .unwrap()
            .warnings
            .into_iter()
            .map(|w| w.range)
            .collect()
    }

    #[test]
    fn cloud_blocks_in_ranges_to_avoid_are_warned_about() {
        assert_eq!(warned("aws", "vpc", "172.17.0.0/16"), ["172.17.0.0/16"]);
        assert_eq!(
            warned("azure", "subnet", "172.17.3.0/24"),
            ["172.17.0.0/16"]
        );
        assert_eq!(warned("gcp", "subnet", "100.100.0.0/16"), ["100.64.0.0/10"]);
        assert_eq!(warned("aws", "vpc", "100.64.0.0/16"), ["100.64.0.0/10"]);
        // Neighbours are fine, and so is on-premises space (it may be the CGNAT itself).
        assert!(warned("aws", "vpc", "172.18.0.0/16").is_empty());
        assert!(warned("aws", "vpc", "100.128.0.0/16").is_empty());
        assert!(warned("aws", "vpc", "10.0.0.0/16").is_empty());
        assert!(warned("onprem", "subnet", "100.64.0.0/10").is_empty());
        assert!(warned("onprem", "subnet", "172.16.0.0/12").is_empty());
    }

    #[test]
    fn a_warning_says_why_and_is_not_a_violation() {
        let plan = Plan::from_json(
            r#"{"networks": [{"name": "vpc", "provider": "aws", "kind": "vpc", "blocks": ["172.17.0.0/16"]}]}"#,
        )
        .unwrap();
        let r = check_plan(&plan).unwrap();
        assert!(r.is_clean() && r.violations.is_empty());
        let w = &r.warnings[0];
        assert_eq!(
            (w.network.as_str(), w.cidr.as_str()),
            ("vpc", "172.17.0.0/16")
        );
        assert_eq!(
            w.message,
            "172.17.0.0/16 is exactly the range to avoid: Docker's default bridge network uses it on every Docker host, so containers there could not reach this network. Prefer another private range."
        );
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains(r#""warnings":[{"network":"vpc""#), "{json}");
    }
}
