//! Exercise plumbing, all in one place for the generic exercise contract to replace:
//! the exercise read from `props.exercise`, the start state (saved state, URL state or the
//! sample), keeping the URL in step, and the goal box with its check and verdict.

use super::model::{Action, Dispatch, Model};
use crate::labs::{ExerciseHook, LabProps};
use cloudhop_core::cidr::exercise::{check, PlannerExercise};
use cloudhop_core::cidr::plan::Plan;
use cloudhop_core::exercise::{ExerciseSpec, Verdict};
use cloudhop_core::share;
use yew::prelude::*;

const SAMPLE: &str = r#"{"title": "Hybrid network", "networks": [
  {"name": "office", "provider": "onprem", "blocks": ["10.0.0.0/16"]},
  {"name": "aws-prod", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
  {"name": "gcp-web", "provider": "gcp", "blocks": ["10.1.0.0/20"]},
  {"name": "azure-hub", "provider": "azure", "kind": "vpc", "blocks": ["10.2.0.0/16", "fd00:2::/48"]}
]}"#;

/// The planner exercise this instance works on, if any.
pub fn exercise_of(props: &LabProps) -> Option<PlannerExercise> {
    props.exercise.as_ref().and_then(|h| match &*h.spec {
        ExerciseSpec::Planner(e) => Some(e.clone()),
        _ => None,
    })
}

/// Whether the lab offers one-click fixes: on its own page, not in an exercise (there
/// the learner finds the fix).
pub fn offers_fixes(props: &LabProps) -> bool {
    props.exercise.is_none()
}

/// The starting state: an exercise's saved or start plan, else the plan in the URL, else
/// the sample (with a notice if the URL's plan could not be read).
pub fn initial(props: &LabProps) -> Model {
    if let (Some(hook), Some(ex)) = (&props.exercise, exercise_of(props)) {
        let saved = hook
            .saved_state
            .as_deref()
            .and_then(|s| Plan::from_json(s).ok());
        return Model::new(saved.unwrap_or(ex.start.clone()), ex.locked.clone(), None);
    }
    let sample = Plan::from_json(SAMPLE).unwrap_or_default();
    match props.url_state.as_deref() {
        Some(s) if !s.is_empty() => match Plan::from_json(&share::decode(s)) {
            Ok(p) => Model::new(p, vec![], None),
            Err(e) => Model::new(
                sample,
                vec![],
                Some(format!(
                    "The plan in this link could not be read, so the sample is shown: {e}"
                )),
            ),
        },
        _ => Model::new(sample, vec![], None),
    }
}

/// Keep the URL in step with the plan.
#[hook]
pub fn use_url_state(props: &LabProps, plan: &Plan) {
    let on_change = props.on_state_change.clone();
    use_effect_with(plan.clone(), move |plan| {
        if let Some(cb) = on_change {
            cb.emit(share::encode(&plan.to_json()));
        }
    });
}

/// Properties of [`ExerciseGoal`].
#[derive(Properties, PartialEq)]
pub struct GoalProps {
    /// The lab's exercise hook, if it runs as an exercise.
    pub hook: Option<ExerciseHook>,
    /// The planner exercise, if the hook holds one.
    pub exercise: Option<PlannerExercise>,
    /// The plan to check.
    pub plan: Plan,
    /// The last check's verdict.
    pub verdict: Option<Verdict>,
    pub dispatch: Dispatch,
}

/// The goal, the Check button and the verdict (nothing outside an exercise).
#[function_component]
pub fn ExerciseGoal(props: &GoalProps) -> Html {
    match (&props.exercise, &props.hook) {
        (Some(ex), Some(hook)) => {
            let on_check = {
                let (ex, hook, plan, d) = (
                    ex.clone(),
                    hook.clone(),
                    props.plan.clone(),
                    props.dispatch.clone(),
                );
                Callback::from(move |_| {
                    let v = check(&ex, &plan);
                    d.dispatch(Action::Verdict(v.clone()));
                    hook.on_check.emit((v, Some(plan.to_json())));
                })
            };
            let verdict = props.verdict.as_ref().map(|v| {
                let class = if v.passed { "planner-verdict pass" } else { "planner-verdict fail" };
                html! { <p class={class} role="status">{ if v.passed { "✔ " } else { "✘ " } }{ &v.message }</p> }
            });
            html! {
                <div class="planner-goal">
                    <p><strong>{"Goal: "}</strong>{ &ex.goal }</p>
                    if !ex.locked.is_empty() {
                        <p class="planner-muted">{ format!("Fixed (cannot change): {}", ex.locked.join(", ")) }</p>
                    }
                    <button class="planner-btn primary" onclick={on_check}>{"Check"}</button>
                    { for verdict }
                </div>
            }
        }
        (None, Some(_)) => {
            html! { <p class="planner-error">{"This exercise is not a planner exercise."}</p> }
        }
        _ => html! {},
    }
}
