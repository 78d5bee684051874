//! The latency lab on the lab session (`crate::labs::session`): the goal box with the
//! answer control. Where the lab starts, the link and the check are the session's.

use super::reducer::Edit;
use super::state::LabState;
use crate::labs::session::LabSession;
use cloudhop_core::labs::Latency;
use cloudhop_core::latency::exercise::{LatencyAnswer, LatencyExercise};
use cloudhop_core::latency::explain::site_label;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The goal, the answer control, "Check" and the verdict.
pub(crate) fn exercise_panel(
    session: &LabSession<Latency>,
    state: &LabState,
    edit: &Callback<Edit>,
) -> Html {
    if session.exercise.is_none() {
        return html! {};
    }
    let answer = state.answer.clone().unwrap_or_default();
    let answer_control = |ex: &LatencyExercise| {
        let options = ex.options();
        let answer_edit = |f: fn(&mut LatencyAnswer, &str)| {
            edit.reform(move |v: String| -> Edit {
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
        if options.is_empty() {
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
                                { site_label(o) }
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
                            <option value={o.clone()} selected={answer.pick.first() == Some(o)}>{ site_label(o) }</option>
                        }) }
                    </select>
                </label>
            }
        }
    };
    html! {
        <div class="latency-exercise">
            { session.goal_box(state, answer_control) }
        </div>
    }
}
