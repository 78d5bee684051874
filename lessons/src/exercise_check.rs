//! When an exercise's parameters are checked against its lab (the goal reachable, the ids
//! there, ...: `ExerciseSpec::validate`): while the content loads, or when the lab is shown.
//!
//! The check runs each lab's engine, so a loader that makes it reaches every lab's code.
//! The command line, the tests and the instructor's pages load with [`Validate`]. The web
//! app's learner side loads the course and a workshop's link with [`AtUse`]: its labs are
//! wasm chunks of their own, fetched when a lab is shown, and the lab checks its exercise
//! then (`app/src/labs/session.rs`), saying what is wrong in its place. The shipped course
//! is checked in full by `cloudhop lessons check` and the native tests, so for it the two
//! agree.

use cloudhop_core::labs::ExerciseSpec;

/// How a loader checks the exercises it reads.
pub trait ExerciseCheck {
    /// `Err` with the lab's message if `spec` is refused now.
    fn check(spec: &ExerciseSpec) -> Result<(), String>;
}

/// Every exercise is checked against its lab while loading.
///
/// ```
/// use cloudhop_core::labs::ExerciseSpec;
/// use cloudhop_lessons::exercise_check::{ExerciseCheck, Validate};
/// let spec = |sites: serde_json::Value| ExerciseSpec::from_lab_json("latency",
///     serde_json::json!({"kind": "best-hub", "goal": "worst", "sites": sites})).unwrap();
/// assert!(Validate::check(&spec(serde_json::json!(["aws:us-east-1", "gcp:europe-west2", "azure:brazilsouth"]))).is_ok());
/// assert!(Validate::check(&spec(serde_json::json!(["aws:us-east-1", "aws:nowhere-9"]))).is_err());
/// ```
#[derive(Debug, Clone, Copy)]
pub enum Validate {}

impl ExerciseCheck for Validate {
    fn check(spec: &ExerciseSpec) -> Result<(), String> {
        spec.validate()
    }
}

/// Exercises are read but left for their lab to check when it is shown.
///
/// ```
/// use cloudhop_core::labs::ExerciseSpec;
/// use cloudhop_lessons::exercise_check::{AtUse, ExerciseCheck};
/// let unknown_site = ExerciseSpec::from_lab_json("latency", serde_json::json!(
///     {"kind": "best-hub", "goal": "worst", "sites": ["aws:us-east-1", "aws:nowhere-9"]})).unwrap();
/// assert!(AtUse::check(&unknown_site).is_ok(), "left for the lab");
/// ```
#[derive(Debug, Clone, Copy)]
pub enum AtUse {}

impl ExerciseCheck for AtUse {
    fn check(_: &ExerciseSpec) -> Result<(), String> {
        Ok(())
    }
}
