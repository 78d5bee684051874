//! The failover lab on the lab contract: one setting (or two, compared), the preset it
//! started from, and the option picked in a "which change" exercise.

use crate::exercise::{Lab, Verdict};
use crate::failover::exercise::{FailoverAttempt, FailoverExercise};
use crate::failover::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// The preset the lab opens with on its own page.
pub const DEFAULT_PRESET: &str = "static-site";

/// Everything the failover lab shows, as links carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailoverState {
    /// The preset the scenario started from (empty in an exercise).
    #[serde(default)]
    pub preset: String,
    /// Setting A.
    pub a: Scenario,
    /// Setting B, when comparing.
    #[serde(default)]
    pub b: Option<Scenario>,
    /// For "which change" exercises: the option picked.
    #[serde(default)]
    pub choice: Option<usize>,
}

impl FailoverState {
    /// The state of preset `id` (the DNS defaults for an unknown id).
    ///
    /// ```
    /// use cloudhop_core::labs::FailoverState;
    /// assert_eq!(FailoverState::preset("static-site").preset, "static-site");
    /// ```
    pub fn preset(id: &str) -> FailoverState {
        FailoverState {
            preset: id.to_string(),
            a: Scenario::preset(id).unwrap_or_else(|| Scenario::Dns(Default::default())),
            b: None,
            choice: None,
        }
    }
}

impl FailoverState {
    /// An exercise's start: `scenario` alone, no preset, nothing picked.
    pub fn start(scenario: &Scenario) -> FailoverState {
        FailoverState {
            preset: String::new(),
            a: scenario.clone(),
            b: None,
            choice: None,
        }
    }
}

impl Default for FailoverState {
    fn default() -> Self {
        FailoverState::preset(DEFAULT_PRESET)
    }
}

/// The failover lab.
///
/// ```
/// use cloudhop_core::exercise::Lab;
/// use cloudhop_core::labs::Failover;
/// assert_eq!(Failover::default_state().preset, "static-site");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failover;

impl Lab for Failover {
    const SLUG: &'static str = "failover";
    const TITLE: &'static str = "Failover lab";
    const SUMMARY: &'static str = "DNS, tunnel and region failover as timelines you can tune.";
    type Exercise = FailoverExercise;
    type State = FailoverState;

    fn default_state() -> FailoverState {
        FailoverState::default()
    }

    fn validate(ex: &FailoverExercise) -> Result<(), String> {
        ex.validate()
    }

    fn start(ex: &FailoverExercise) -> FailoverState {
        FailoverState::start(&ex.start)
    }

    fn goal_text(ex: &FailoverExercise) -> String {
        ex.goal_text()
    }

    fn check(ex: &FailoverExercise, state: &FailoverState) -> Verdict {
        ex.check(&FailoverAttempt {
            scenario: state.a.clone(),
            choice: state.choice,
        })
    }

    /// A saved state fits while it models the same kind of failover as the exercise.
    fn fits(ex: &FailoverExercise, state: &FailoverState) -> bool {
        state.a.model() == ex.start.model()
    }
}
