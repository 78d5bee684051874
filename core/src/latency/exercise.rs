//! Exercises for the latency lab.

use serde::{Deserialize, Serialize};

/// Parameters of a latency exercise (to be defined by the lab).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatencyExercise {}

impl LatencyExercise {
    /// Check the parameters.
    pub fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}
