//! Exercises for the failover lab.

use serde::{Deserialize, Serialize};

/// Parameters of a failover exercise (to be defined by the lab).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailoverExercise {}

impl FailoverExercise {
    /// Check the parameters.
    pub fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}
