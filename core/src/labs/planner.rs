//! The address planner on the lab contract: the state is the plan itself.

use crate::cidr::exercise::{check, PlannerExercise};
use crate::cidr::plan::Plan;
use crate::exercise::{Lab, Verdict};

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
}
