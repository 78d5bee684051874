//! Exercise plumbing, in one place for the generic lab contract to replace: reading
//! `props.exercise` (its spec and saved state) and `props.url_state`, the URL form of the
//! state ([`LabState::from_url`] / [`LabState::to_url`]), writing the share link, calling
//! `on_check`, and the goal box with the answer control and the verdict.

use super::reducer::Edit;
use super::state::LabState;
use crate::labs::{ExerciseHook, LabProps};
use cloudhop_core::exercise::{ExerciseSpec, Verdict};
use cloudhop_core::latency::exercise::{LatencyAnswer, LatencyExercise};
use cloudhop_core::share;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

impl LabState {
    /// Parse a URL state (`share::encode`d JSON); `None` if it is not valid.
    pub fn from_url(text: &str) -> Option<LabState> {
        serde_json::from_str(&share::decode(text)).ok()
    }

    /// The URL form.
    pub fn to_url(&self) -> String {
        share::encode(&serde_json::to_string(self).unwrap_or_default())
    }
}

/// The latency exercise the lab runs, if any.
pub(crate) fn latency_exercise(props: &LabProps) -> Option<LatencyExercise> {
    match props.exercise.as_ref().map(|h| h.spec.as_ref()) {
        Some(ExerciseSpec::Latency(ex)) => Some(ex.clone()),
        _ => None,
    }
}

/// Where the lab starts, and what "Reset" goes back to: the exercise's scenario, or the
/// default one.
pub(crate) fn start_state(exercise: Option<&LatencyExercise>) -> LabState {
    match exercise {
        Some(ex) => LabState {
            scenario: ex.starting_scenario(),
            show: 0,
            answer: None,
        },
        None => LabState::default(),
    }
}

/// The state the lab opens with: the saved attempt or the exercise's start in a lesson,
/// else the shared link's state or the default.
pub(crate) fn initial_state(props: &LabProps) -> LabState {
    if let Some(ex) = latency_exercise(props) {
        let saved = props
            .exercise
            .as_ref()
            .and_then(|h| h.saved_state.as_deref())
            .and_then(LabState::from_url);
        return saved.unwrap_or_else(|| start_state(Some(&ex)));
    }
    props
        .url_state
        .as_deref()
        .and_then(LabState::from_url)
        .unwrap_or_default()
}

/// Write the URL state after the browser has drawn the change (a history update costs a
/// few milliseconds); a newer state cancels a pending one, so a dragged slider writes once.
fn emit_later(cb: Callback<String>, url: String) -> impl FnOnce() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let window = web_sys::window();
    let f = Closure::once(move || cb.emit(url));
    let handle = window.as_ref().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(f.as_ref().unchecked_ref(), 0)
            .ok()
    });
    move || {
        if let (Some(w), Some(h)) = (window, handle) {
            w.clear_timeout_with_handle(h);
        }
        drop(f);
    }
}

/// Keep the share link in step with the state (outside exercises).
#[hook]
pub(crate) fn use_share_link(props: &LabProps, state: &LabState) {
    let cb = props.on_state_change.clone();
    let in_exercise = props.exercise.is_some();
    use_effect_with(state.clone(), move |s| {
        let pending = match (cb, in_exercise) {
            (Some(cb), false) => Some(emit_later(cb, s.to_url())),
            _ => None,
        };
        move || {
            if let Some(cancel) = pending {
                cancel();
            }
        }
    });
}

/// The exercise panel's properties.
#[derive(Properties, PartialEq)]
pub(crate) struct ExercisePanelProps {
    pub exercise: LatencyExercise,
    pub state: LabState,
    pub hook: Option<ExerciseHook>,
    pub edit: Callback<Edit>,
}

/// The goal, the answer control, "Check" and the verdict.
#[function_component]
pub(crate) fn ExercisePanel(p: &ExercisePanelProps) -> Html {
    let verdict = use_state(|| None::<Verdict>);
    let ex = &p.exercise;
    let answer = p.state.answer.clone().unwrap_or_default();
    let options = ex.options();
    let answer_edit = |f: fn(&mut LatencyAnswer, &str)| {
        p.edit.reform(move |v: String| -> Edit {
            Rc::new(move |s: &mut LabState| {
                f(s.answer.get_or_insert_with(LatencyAnswer::default), &v)
            })
        })
    };
    let on_pick = answer_edit(LatencyAnswer::choose)
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let on_toggle = answer_edit(LatencyAnswer::toggle);
    let on_number = answer_edit(LatencyAnswer::set_number_text)
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let on_check = {
        let ex = ex.clone();
        let state = p.state.clone();
        let verdict = verdict.clone();
        let hook = p.hook.clone();
        Callback::from(move |_| {
            let v = ex.check(&state.answer.clone().unwrap_or_default());
            verdict.set(Some(v.clone()));
            if let Some(h) = &hook {
                h.on_check.emit((v, Some(state.to_url())));
            }
        })
    };
    let control = if options.is_empty() {
        html! {
            <label>{ "Your answer: " }
                <input type="number" min="0" step="1" aria-label="answer" class="latency-answer-number"
                    value={answer.number.map(|n| n.to_string()).unwrap_or_default()} oninput={on_number} />
            </label>
        }
    } else if ex.picks_several() {
        html! {
            <fieldset class="latency-answer-multi"><legend>{ "Your regions" }</legend>
                { for options.iter().map(|o| {
                    let id = o.clone();
                    let cb = on_toggle.clone();
                    html! {
                        <label>
                            <input type="checkbox" checked={answer.pick.contains(o)}
                                onchange={Callback::from(move |_| cb.emit(id.clone()))} />
                            { o.clone() }
                        </label>
                    }
                }) }
            </fieldset>
        }
    } else {
        html! {
            <label>{ "Your answer: " }
                <select aria-label="answer" class="latency-answer-select" onchange={on_pick}>
                    <option value="" selected={answer.pick.is_empty()}>{ "choose…" }</option>
                    { for options.iter().map(|o| html! {
                        <option value={o.clone()} selected={answer.pick.first() == Some(o)}>{ o.clone() }</option>
                    }) }
                </select>
            </label>
        }
    };
    html! {
        <div class="latency-exercise">
            <p class="latency-goal"><strong>{ "Goal: " }</strong>{ ex.goal() }</p>
            { control }
            <button type="button" class="latency-check" onclick={on_check}>{ "Check" }</button>
            { match &*verdict {
                Some(v) => html! {
                    <p class={classes!("latency-verdict", if v.passed { "pass" } else { "fail" })} role="status">
                        { if v.passed { "✓ " } else { "✗ " } }{ v.message.clone() }
                    </p>
                },
                None => html! {},
            } }
        </div>
    }
}
