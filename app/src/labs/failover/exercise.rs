//! Exercise plumbing of the failover lab, gathered here for the generic exercise hook to
//! replace: the lab state as it travels in links and saved state, reading the exercise
//! from the props, the starting state (saved, linked or preset), the check, and the goal,
//! verdict and "which change" views.

use super::super::LabProps;
use cloudhop_core::exercise::{ExerciseSpec, Verdict};
use cloudhop_core::failover::exercise::{ChangeOption, FailoverAttempt, FailoverExercise};
use cloudhop_core::failover::scenario::Scenario;
use cloudhop_core::share;
use serde::{Deserialize, Serialize};
use yew::prelude::*;

/// Everything the lab shows, as it travels in the URL and in saved state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabState {
    /// The preset the scenario started from.
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

/// The preset the lab opens on.
pub const DEFAULT_PRESET: &str = "static-site";

impl LabState {
    /// A preset, alone.
    pub fn preset(id: &str) -> LabState {
        LabState {
            preset: id.to_string(),
            a: Scenario::preset(id).unwrap_or_else(|| Scenario::Dns(Default::default())),
            b: None,
            choice: None,
        }
    }

    /// An exercise's start.
    pub fn start(s: &Scenario) -> LabState {
        LabState {
            preset: String::new(),
            a: s.clone(),
            b: None,
            choice: None,
        }
    }

    /// Read a state from its JSON text.
    pub fn parse(text: &str) -> Result<LabState, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("the scenario in this link could not be read ({e})"))
    }

    /// Read a state from a link's `s=` value.
    pub fn from_url(text: &str) -> Result<LabState, String> {
        LabState::parse(&share::decode(text))
    }

    /// The state for a link's `s=` value.
    pub fn encode(&self) -> String {
        share::encode(&serde_json::to_string(self).unwrap_or_default())
    }

    /// The state saved with a check.
    pub fn saved(&self) -> Option<String> {
        serde_json::to_string(self).ok()
    }
}

/// The failover exercise in the props, if any (or why it is not one).
pub fn exercise_of(props: &LabProps) -> Option<Result<FailoverExercise, String>> {
    props.exercise.as_ref().map(|h| match &*h.spec {
        ExerciseSpec::Failover(e) => Ok(e.clone()),
        other => Err(format!(
            "this is a {} exercise, not a failover one",
            other.lab()
        )),
    })
}

/// The state the lab opens with, and a message when a link could not be read.
pub fn initial(props: &LabProps) -> (LabState, Option<String>) {
    if let (Some(hook), Some(Ok(ex))) = (&props.exercise, exercise_of(props)) {
        let saved = hook
            .saved_state
            .as_deref()
            .and_then(|s| LabState::parse(s).ok())
            .filter(|s| s.a.model() == ex.start.model());
        return (saved.unwrap_or_else(|| LabState::start(&ex.start)), None);
    }
    match props.url_state.as_deref() {
        Some(s) if !s.is_empty() => match LabState::from_url(s) {
            Ok(st) => (st, None),
            Err(e) => (LabState::preset(DEFAULT_PRESET), Some(e)),
        },
        _ => (LabState::preset(DEFAULT_PRESET), None),
    }
}

/// The Check button's callback: check the attempt in `state`, report it to the lesson,
/// and pass the verdict to `show`.
pub fn on_check(
    props: &LabProps,
    ex: Option<&FailoverExercise>,
    state: &LabState,
    show: Callback<Verdict>,
) -> Callback<MouseEvent> {
    let hook = props.exercise.clone();
    let ex = ex.cloned();
    let attempt = FailoverAttempt {
        scenario: state.a.clone(),
        choice: state.choice,
    };
    let saved = state.saved();
    Callback::from(move |_| {
        if let (Some(hook), Some(ex)) = (&hook, &ex) {
            let v = ex.check(&attempt);
            hook.on_check.emit((v.clone(), saved.clone()));
            show.emit(v);
        }
    })
}

/// What the goal box shows.
pub struct GoalProps {
    pub goal: String,
    pub has_locks: bool,
}

/// The exercise's goal. (A view function, not a component: a component per piece costs
/// a few KB of wasm each.)
pub fn goal_box(p: &GoalProps) -> Html {
    html! {
        <div class="failover-goal">
            <strong>{ "Goal: " }</strong>{ p.goal.clone() }
            if p.has_locks {
                <span class="failover-muted">{ " Fields marked fixed are part of the world; leave them." }</span>
            }
        </div>
    }
}

/// What the verdict line shows.
pub struct VerdictProps<'a> {
    pub verdict: &'a Verdict,
}

/// The last check's verdict.
pub fn verdict_view(p: &VerdictProps<'_>) -> Html {
    let v = &p.verdict;
    html! {
        <p class={classes!("failover-verdict", if v.passed { "failover-pass" } else { "failover-fail" })} role="status">
            { if v.passed { "✓ " } else { "✗ " } }{ v.message.clone() }
        </p>
    }
}

/// What the options of a "which change" exercise show and where a pick goes.
pub struct ChoicesProps<'a> {
    pub options: &'a [ChangeOption],
    pub chosen: Option<usize>,
    pub on_choose: Callback<usize>,
}

/// The options of a "which single change" exercise.
pub fn choices(p: &ChoicesProps<'_>) -> Html {
    html! {
        <fieldset class="failover-choices">
            <legend>{ "Which single change shortens the outage most?" }</legend>
            { for p.options.iter().enumerate().map(|(i, o)| {
                let checked = p.chosen == Some(i);
                let onchange = p.on_choose.reform(move |_: Event| i);
                html! { <label class="failover-choice">
                    <input type="radio" name="failover-choice" value={i.to_string()}
                        {checked} {onchange} />
                    { o.label.clone() }
                </label> }
            }) }
        </fieldset>
    }
}
