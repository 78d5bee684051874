//! Exercises for the cidr lab.

use serde::{Deserialize, Serialize};

/// Parameters of a cidr exercise (to be defined by the lab).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannerExercise {}

impl PlannerExercise {
    /// Check the parameters.
    pub fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}
