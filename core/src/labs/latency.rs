//! The latency lab on the lab contract: sites and topologies, the one drawn, and an answer.

use crate::exercise::{Lab, Verdict};
use crate::latency::catalog::SiteSpec;
use crate::latency::exercise::{LatencyAnswer, LatencyExercise};
use crate::latency::topology::Scenario;
use serde::{Deserialize, Serialize};

/// The sites the lab opens with on its own page: one per provider on three continents.
const DEFAULT_SITES: [&str; 6] = [
    "aws:us-east-1",
    "gcp:europe-west1",
    "azure:japaneast",
    "aws:ap-southeast-1",
    "gcp:southamerica-east1",
    "azure:australiaeast",
];

/// Everything the latency lab shows, as links carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatencyState {
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

impl LatencyState {
    /// A state showing `scenario`'s first topology, no answer.
    pub fn of(scenario: Scenario) -> LatencyState {
        LatencyState {
            scenario,
            show: 0,
            answer: None,
        }
    }
}

impl Default for LatencyState {
    fn default() -> Self {
        LatencyState::of(Scenario::new(
            DEFAULT_SITES
                .iter()
                .map(|s| SiteSpec::Id(s.to_string()))
                .collect(),
        ))
    }
}

/// The latency and topology lab.
///
/// ```
/// use cloudhop_core::exercise::Lab;
/// use cloudhop_core::labs::Latency;
/// assert_eq!(Latency::default_state().scenario.sites.len(), 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Latency;

impl Lab for Latency {
    const SLUG: &'static str = "latency";
    const TITLE: &'static str = "Latency lab";
    const SUMMARY: &'static str = "Mesh, hub-and-spoke, relays and exchanges on a world map.";
    type Exercise = LatencyExercise;
    type State = LatencyState;

    fn default_state() -> LatencyState {
        LatencyState::default()
    }

    fn validate(ex: &LatencyExercise) -> Result<(), String> {
        ex.validate()
    }

    fn start(ex: &LatencyExercise) -> LatencyState {
        LatencyState::of(ex.starting_scenario())
    }

    fn goal_text(ex: &LatencyExercise) -> String {
        ex.goal()
    }

    fn check(ex: &LatencyExercise, state: &LatencyState) -> Verdict {
        ex.check(&state.answer.clone().unwrap_or_default())
    }
}
