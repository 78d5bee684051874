//! The BGP lab on the lab contract: a scenario, the prefix drawn, and the ASes the learner
//! picked as an answer.

use crate::bgp::asn::Asn;
use crate::bgp::exercise::{BgpAttempt, BgpExercise};
use crate::bgp::scenario::Scenario;
use crate::bgp::seeds::default_seed;
use crate::exercise::{Lab, Verdict};
use serde::{Deserialize, Serialize};

/// Everything the BGP lab shows, as links carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BgpState {
    /// The scenario.
    pub sc: Scenario,
    /// The prefix whose routes are drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// ASes the learner marked (the answer to a question exercise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<Asn>,
}

impl BgpState {
    /// A state showing `sc`, nothing picked.
    pub fn of(sc: Scenario) -> BgpState {
        BgpState {
            sc,
            prefix: None,
            answer: Vec::new(),
        }
    }
}

impl Default for BgpState {
    fn default() -> Self {
        BgpState::of(default_seed())
    }
}

/// The BGP lab.
///
/// ```
/// use cloudhop_core::exercise::Lab;
/// use cloudhop_core::labs::Bgp;
/// assert!(!Bgp::default_state().sc.ases.is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bgp;

impl Lab for Bgp {
    const SLUG: &'static str = "bgp";
    const TITLE: &'static str = "BGP lab";
    const SUMMARY: &'static str =
        "Best-path selection step by step; announcements, failures, hijacks.";
    type Exercise = BgpExercise;
    type State = BgpState;

    fn default_state() -> BgpState {
        BgpState::default()
    }

    fn validate(ex: &BgpExercise) -> Result<(), String> {
        ex.validate()
    }

    fn start(ex: &BgpExercise) -> BgpState {
        BgpState::of(ex.start().unwrap_or_default())
    }

    fn goal_text(ex: &BgpExercise) -> String {
        ex.goal_text()
    }

    fn check(ex: &BgpExercise, state: &BgpState) -> Verdict {
        ex.check(&BgpAttempt {
            scenario: state.sc.clone(),
            answer: state.answer.clone(),
        })
    }
}
