//! The address planner on the lab contract: the state is the plan itself.

use crate::cidr::exercise::{check, PlannerExercise};
use crate::cidr::plan::Plan;
use crate::exercise::{Lab, Verdict};
use crate::limits::{check_count, TooMuch, MAX_PLAN_BLOCKS, MAX_PLAN_NETWORKS, MAX_PLAN_SPACE};

/// The plan the planner opens with on its own page: a hybrid network with one overlap to fix.
const SAMPLE: &str = r#"{"title": "Hybrid network", "networks": [
  {"name": "office", "provider": "onprem", "blocks": ["10.0.0.0/16"]},
  {"name": "aws-prod", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
  {"name": "gcp-web", "provider": "gcp", "blocks": ["10.1.0.0/20"]},
  {"name": "azure-hub", "provider": "azure", "kind": "vpc", "blocks": ["10.2.0.0/16", "fd00:2::/48"]}
]}"#;

/// The address-planning lab.
///
/// ```
/// use cloudhop_core::exercise::Lab;
/// use cloudhop_core::labs::Planner;
/// assert_eq!(Planner::default_state().networks.len(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planner;

impl Lab for Planner {
    const SLUG: &'static str = "planner";
    const TITLE: &'static str = "Address planner";
    const SUMMARY: &'static str =
        "Non-overlapping IPv4 and IPv6 plans for VPCs, VNets and on-premises sites.";
    type Exercise = PlannerExercise;
    type State = Plan;

    fn default_state() -> Plan {
        serde_json::from_str(SAMPLE).unwrap_or_default()
    }

    fn validate(ex: &PlannerExercise) -> Result<(), String> {
        ex.validate()
    }

    fn start(ex: &PlannerExercise) -> Plan {
        ex.start.clone()
    }

    fn goal_text(ex: &PlannerExercise) -> String {
        ex.goal.clone()
    }

    fn check(ex: &PlannerExercise, plan: &Plan) -> Verdict {
        check(ex, plan)
    }

    /// Networks, blocks and space ranges: the overlap check compares every pair of blocks.
    fn within_limits(plan: &Plan) -> Result<(), TooMuch> {
        check_count("networks", plan.networks.len(), MAX_PLAN_NETWORKS)?;
        let blocks = plan.networks.iter().map(|n| n.blocks.len()).sum();
        check_count("CIDR blocks", blocks, MAX_PLAN_BLOCKS)?;
        check_count(
            "ranges in its address space",
            plan.space.len(),
            MAX_PLAN_SPACE,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_parses_and_has_an_overlap_to_fix() {
        let plan = Planner::default_state();
        assert_eq!(plan.networks.len(), 4);
        assert_eq!(plan.title, "Hybrid network");
        let report = crate::cidr::plan::check_plan(&plan).unwrap();
        assert!(!report.overlaps.is_empty());
    }

    fn plan_of(networks: usize, blocks_each: usize) -> Plan {
        let networks = (0..networks)
            .map(|i| crate::cidr::plan::Network {
                name: format!("n{i}"),
                blocks: (0..blocks_each)
                    .map(|j| format!("10.{}.{}.0/24", i % 256, j % 256))
                    .collect(),
                ..Default::default()
            })
            .collect();
        Plan {
            networks,
            ..Default::default()
        }
    }

    #[test]
    fn plans_over_the_limits_are_refused_with_the_count() {
        assert!(Planner::within_limits(&Planner::default_state()).is_ok());
        assert!(Planner::within_limits(&plan_of(MAX_PLAN_NETWORKS, 3)).is_ok());
        assert_eq!(
            Planner::within_limits(&plan_of(MAX_PLAN_NETWORKS + 1, 0))
                .unwrap_err()
                .to_string(),
            "it has 101 networks, and cloudhop opens at most 100"
        );
        assert_eq!(
            Planner::within_limits(&plan_of(10, 31))
                .unwrap_err()
                .to_string(),
            "it has 310 CIDR blocks, and cloudhop opens at most 300"
        );
        let mut wide = Planner::default_state();
        wide.space = vec!["::/0".into(); MAX_PLAN_SPACE + 1];
        assert!(Planner::within_limits(&wide)
            .unwrap_err()
            .to_string()
            .starts_with("it has 17 ranges in its address space"));
    }

    #[test]
    fn a_link_with_the_whole_v6_space_in_host_routes_is_refused_before_the_check() {
        // `::/0` carved into a thousand /128s: refused by count, in a link's decoder.
        let blocks: Vec<String> = (0..1000).map(|i| format!("::{i:x}/128")).collect();
        let plan = serde_json::json!({"networks": [
            {"name": "all", "blocks": ["::/0"]}, {"name": "hosts", "blocks": blocks}]});
        let link = crate::share::encode(&plan.to_string());
        let e = crate::exercise::decode_state::<Planner>(&link).unwrap_err();
        assert_eq!(
            e.to_string(),
            "it has 1,001 CIDR blocks, and cloudhop opens at most 300"
        );
        assert!(!e.worth_keeping());
    }
}
