//! The lab's state: what the URL and a lesson's saved attempt keep.

use cloudhop_core::latency::catalog::SiteSpec;
use cloudhop_core::latency::exercise::LatencyAnswer;
use cloudhop_core::latency::topology::Scenario;
use serde::{Deserialize, Serialize};

/// The lab's state: the scenario, which topology is drawn, and an exercise answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabState {
    /// Sites, topologies, sliders and failures.
    #[serde(flatten)]
    pub scenario: Scenario,
    /// Index of the topology drawn on the map.
    #[serde(default)]
    pub show: usize,
    /// The learner's answer, in exercise mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<LatencyAnswer>,
}

impl Default for LabState {
    fn default() -> Self {
        let ids = [
            "aws:us-east-1",
            "gcp:europe-west1",
            "azure:japaneast",
            "aws:ap-southeast-1",
            "gcp:southamerica-east1",
            "azure:australiaeast",
        ];
        LabState {
            scenario: Scenario::new(ids.iter().map(|s| SiteSpec::Id(s.to_string())).collect()),
            show: 0,
            answer: None,
        }
    }
}
