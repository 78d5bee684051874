//! Exercises for the bgp lab.

use serde::{Deserialize, Serialize};

/// Parameters of a bgp exercise (to be defined by the lab).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BgpExercise {}

impl BgpExercise {
    /// Check the parameters.
    pub fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}
