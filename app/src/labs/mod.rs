//! The labs. Each is a function component taking [`LabProps`]: on its own page, in an
//! embed (`#/embed/<lab>`), or inside a lesson as an exercise. Every lab reaches its
//! exercise, its saved state and its share link through one piece, [`session`]: the
//! contract itself is `cloudhop_core::exercise::Lab`.

use cloudhop_core::exercise::Verdict;
use cloudhop_core::labs::{ExerciseSpec, LabId};
use std::rc::Rc;
use yew::prelude::*;

pub mod bgp;
pub mod chunks;
pub mod dns;
pub mod failover;
pub mod latency;
pub mod planner;
pub mod session;
pub mod share;
pub mod width;

/// Render one lab with the given properties. The lab's code arrives as its own chunk in
/// the course's split build ([`chunks`]: the app's one list of lab components).
pub fn view(lab: LabId, props: LabProps) -> Html {
    html! { <crate::chunks::Lazy<LabId> chunk={lab} {props} /> }
}

/// One lab with its Share / embed control below it (lab pages and lessons' exercises).
pub fn view_shareable(lab: LabId, props: LabProps) -> Html {
    html! { <share::ShareableLab {lab} {props} /> }
}

/// An exercise a lab instance is working on, and where to report checks.
#[derive(Clone, PartialEq)]
pub struct ExerciseHook {
    /// The exercise's parameters from the lesson file.
    pub spec: Rc<ExerciseSpec>,
    /// The lab state saved at the learner's last check, to restore their work.
    pub saved_state: Option<String>,
    /// Called with the verdict and the lab state (its text form) each time the learner checks.
    pub on_check: Callback<(Verdict, Option<String>)>,
}

/// Properties every lab takes.
#[derive(Properties, Clone, PartialEq, Default)]
pub struct LabProps {
    /// Scenario state from the URL (`?s=...`), for shareable and embeddable links.
    #[prop_or_default]
    pub url_state: Option<AttrValue>,
    /// Called with the new encoded state whenever the scenario changes, so the page can
    /// keep the URL in step (absent inside lessons).
    #[prop_or_default]
    pub on_state_change: Option<Callback<String>>,
    /// Called with the encoded state whenever the scenario changes, the one it opens with
    /// included, for the Share / embed control (unlike `on_state_change`, the page keeps
    /// no link of it: lessons have one too).
    #[prop_or_default]
    pub on_scenario: Option<Callback<String>>,
    /// Set when the lab runs as a lesson exercise.
    #[prop_or_default]
    pub exercise: Option<ExerciseHook>,
    /// Compact layout without page chrome (embeds and lessons).
    #[prop_or_default]
    pub compact: bool,
}
