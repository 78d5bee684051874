//! Lab exercises: a goal stated in a lesson and checked by an engine.
//!
//! A lesson file carries each exercise's parameters as JSON tagged with its lab
//! (`{"lab": "planner", ...}`); [`ExerciseSpec`] is that JSON, typed. The lab widget in the
//! app (or a test) builds the learner's attempt and asks the lab's own `check` function for
//! a [`Verdict`].
//!
//! ```
//! use cloudhop_core::exercise::Verdict;
//! let v = Verdict::pass("All four networks are disjoint.");
//! assert!(v.passed);
//! ```

use serde::{Deserialize, Serialize};

/// The parameters of one exercise, by lab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "lab", rename_all = "lowercase")]
pub enum ExerciseSpec {
    /// An address-planning exercise.
    Planner(crate::cidr::exercise::PlannerExercise),
    /// A BGP exercise.
    Bgp(crate::bgp::exercise::BgpExercise),
    /// A latency / topology exercise.
    Latency(crate::latency::exercise::LatencyExercise),
    /// A failover exercise.
    Failover(crate::failover::exercise::FailoverExercise),
}

impl ExerciseSpec {
    /// The lab's name as written in lesson files.
    pub fn lab(&self) -> &'static str {
        match self {
            ExerciseSpec::Planner(_) => "planner",
            ExerciseSpec::Bgp(_) => "bgp",
            ExerciseSpec::Latency(_) => "latency",
            ExerciseSpec::Failover(_) => "failover",
        }
    }

    /// Read an exercise's parameters for `lab` from JSON. Each lab's type is read
    /// directly (not through the tagged enum), so every number type a lab uses, `u128`
    /// included, works.
    ///
    /// ```
    /// use cloudhop_core::exercise::ExerciseSpec;
    /// let err = ExerciseSpec::from_lab_json("teleport", serde_json::json!({})).unwrap_err();
    /// assert!(err.contains("unknown lab `teleport`"));
    /// ```
    pub fn from_lab_json(lab: &str, value: serde_json::Value) -> Result<ExerciseSpec, String> {
        fn read<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, String> {
            serde_json::from_value(v).map_err(|e| e.to_string())
        }
        match lab {
            "planner" => read(value).map(ExerciseSpec::Planner),
            "bgp" => read(value).map(ExerciseSpec::Bgp),
            "latency" => read(value).map(ExerciseSpec::Latency),
            "failover" => read(value).map(ExerciseSpec::Failover),
            other => Err(format!(
                "unknown lab `{other}` (known: planner, bgp, latency, failover)"
            )),
        }
    }

    /// Check that the parameters make sense (the goal is reachable, ids exist, ...).
    pub fn validate(&self) -> Result<(), String> {
        match self {
            ExerciseSpec::Planner(e) => e.validate(),
            ExerciseSpec::Bgp(e) => e.validate(),
            ExerciseSpec::Latency(e) => e.validate(),
            ExerciseSpec::Failover(e) => e.validate(),
        }
    }
}

/// The outcome of checking an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The goal is met.
    pub passed: bool,
    /// One sentence for the learner: what is right, or what is still wrong.
    pub message: String,
}

impl Verdict {
    /// A passing verdict.
    pub fn pass(message: impl Into<String>) -> Self {
        Verdict {
            passed: true,
            message: message.into(),
        }
    }

    /// A failing verdict.
    pub fn fail(message: impl Into<String>) -> Self {
        Verdict {
            passed: false,
            message: message.into(),
        }
    }
}
