//! Exercise plumbing: everything the BGP lab does because it runs as a lesson exercise or
//! from a share link, gathered here so it can be swapped for the generic exercise piece.
//! Reading `props.exercise`, `saved_state` and `url_state`, the start state, the goal box
//! with its Check button, `on_check` and the verdict.

use super::model::LabState;
use crate::labs::LabProps;
use cloudhop_core::bgp::exercise::{allowed_text, BgpAttempt, BgpExercise, Control};
use cloudhop_core::bgp::seeds::seed_of;
use cloudhop_core::exercise::{ExerciseSpec, Verdict};
use yew::prelude::*;

/// The lab's exercise, when it runs in a lesson.
pub(crate) fn bgp_exercise(props: &LabProps) -> Option<BgpExercise> {
    match props.exercise.as_ref().map(|h| h.spec.as_ref()) {
        Some(ExerciseSpec::Bgp(ex)) => Some(ex.clone()),
        _ => None,
    }
}

fn start_state(props: &LabProps) -> LabState {
    if let Some(ex) = bgp_exercise(props) {
        return LabState {
            sc: ex.start().unwrap_or_default(),
            prefix: None,
            answer: Vec::new(),
        };
    }
    LabState::default()
}

/// The state the lab opens with: the learner's saved work or the exercise's start in a
/// lesson; the shared state from the URL, or the default seed, outside.
pub(crate) fn initial_state(props: &LabProps) -> LabState {
    if bgp_exercise(props).is_some() {
        let saved = props
            .exercise
            .as_ref()
            .and_then(|h| h.saved_state.as_deref())
            .and_then(LabState::from_url);
        return saved.unwrap_or_else(|| start_state(props));
    }
    props
        .url_state
        .as_deref()
        .and_then(LabState::from_url)
        .unwrap_or_default()
}

/// What Reset goes back to: the exercise's start, or the seed the scenario came from.
pub(crate) fn reset_state(props: &LabProps, now: &LabState) -> LabState {
    if bgp_exercise(props).is_some() {
        return start_state(props);
    }
    LabState {
        sc: seed_of(&now.sc)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| LabState::default().sc),
        ..LabState::default()
    }
}

/// Keep the page's URL in step with the state (outside lessons).
#[hook]
pub(crate) fn use_url_sync(props: &LabProps, state: &LabState) {
    let cb = props.on_state_change.clone();
    let in_exercise = props.exercise.is_some();
    use_effect_with(state.clone(), move |s| {
        if let (Some(cb), false) = (cb, in_exercise) {
            cb.emit(s.to_url());
        }
    });
}

/// Properties of the goal box.
#[derive(Properties, PartialEq)]
pub(crate) struct GoalBoxProps {
    pub lab: LabProps,
    pub exercise: BgpExercise,
    pub state: LabState,
    /// Changes with every edit, to clear the verdict.
    pub edits: usize,
}

/// The goal, the controls allowed, the Check button and the verdict.
#[function_component]
pub(crate) fn GoalBox(p: &GoalBoxProps) -> Html {
    let verdict = use_state(|| None::<Verdict>);
    {
        let verdict = verdict.clone();
        use_effect_with(p.edits, move |_| verdict.set(None));
    }
    let on_check = {
        let verdict = verdict.clone();
        let hook = p.lab.exercise.clone();
        let ex = p.exercise.clone();
        let state = p.state.clone();
        Callback::from(move |_| {
            let attempt = BgpAttempt {
                scenario: state.sc.clone(),
                answer: state.answer.clone(),
            };
            let v = ex.check(&attempt);
            if let Some(h) = hook.as_ref() {
                h.on_check.emit((v.clone(), Some(state.to_url())));
            }
            verdict.set(Some(v));
        })
    };
    let allowed: &[Control] = &p.exercise.allow;
    html! {
        <div class="bgp-goal">
            <strong>{ "Goal: " }</strong>{ p.exercise.goal_text() }
            <span class="bgp-allowed">{ format!(" You may use: {}.", allowed_text(allowed)) }</span>
            <button class="bgp-check" onclick={on_check}>{ "Check" }</button>
            if let Some(v) = &*verdict {
                <p class={classes!("bgp-verdict", if v.passed { "bgp-verdict--pass" } else { "bgp-verdict--fail" })} role="status">
                    { if v.passed { "✔ " } else { "✘ " } }{ v.message.clone() }
                </p>
            }
        </div>
    }
}
