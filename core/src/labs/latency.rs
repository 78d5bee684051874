//! The latency lab on the lab contract: sites and topologies, the one drawn, and an answer.

use crate::exercise::{Lab, Verdict};
use crate::latency::catalog::SiteSpec;
use crate::latency::exercise::{LatencyAnswer, LatencyExercise};
use crate::latency::topology::Scenario;
use crate::limits::{check_count, TooMuch, MAX_LATENCY_SITES, MAX_LATENCY_TOPOLOGIES};
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

    /// Sites (every topology works on every pair, relays on every triple) and topologies;
    /// the lists naming sites (failed, relays, hub candidates) at most one entry per site.
    fn within_limits(state: &LatencyState) -> Result<(), TooMuch> {
        let sc = &state.scenario;
        check_count("sites", sc.sites.len(), MAX_LATENCY_SITES)?;
        check_count("topologies", sc.topologies.len(), MAX_LATENCY_TOPOLOGIES)?;
        check_count("failed sites", sc.failed.len(), MAX_LATENCY_SITES)?;
        let relays = sc.relays.as_ref().map_or(0, Vec::len);
        check_count("relay sites", relays, MAX_LATENCY_SITES)?;
        let hubs = sc.hub_candidates.as_ref().map_or(0, Vec::len);
        check_count("hub candidates", hubs, MAX_LATENCY_SITES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::decode_state;

    #[test]
    fn the_default_opens_and_too_many_sites_are_refused() {
        assert!(Latency::within_limits(&Latency::default_state()).is_ok());
        let mut many = Latency::default_state();
        many.scenario.sites = (0..1000)
            .map(|i| SiteSpec::OnPrem {
                name: format!("s{i}"),
                lat: 0.0,
                lon: f64::from(i % 360) - 180.0,
            })
            .collect();
        let text = crate::exercise::encode_state::<Latency>(&many);
        assert_eq!(
            decode_state::<Latency>(&text).unwrap_err().to_string(),
            "it has 1,000 sites, and cloudhop opens at most 64"
        );
        let mut tops = Latency::default_state();
        tops.scenario.topologies = vec![tops.scenario.topologies[0].clone(); 9];
        assert_eq!(
            Latency::within_limits(&tops).unwrap_err().to_string(),
            "it has 9 topologies, and cloudhop opens at most 8"
        );
    }
}
