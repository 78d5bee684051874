//! One quiz item: the question, the learner's draft answer, and after checking the score,
//! the feedback for what they chose and the explanation (never before).
//!
//! Choice options are shown in the order `core` computes from the learner's seed (from
//! the progress record in context) and the item id; each input's `value` is the option's
//! authored index, which is what the answer records.

use crate::components::prose::text;
use crate::state::use_progress;
use cloudhop_core::progress::ItemProgress;
use cloudhop_core::quiz::{Answer, ItemKind, QuizItem};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`QuizItemView`].
#[derive(Properties, PartialEq)]
pub struct QuizItemProps {
    /// The item.
    pub item: Rc<QuizItem>,
    /// Its number in the lesson (1-based).
    pub number: usize,
    /// Progress on it so far.
    #[prop_or_default]
    pub progress: Option<ItemProgress>,
    /// Called with a well-formed answer when the learner checks it.
    pub on_answer: Callback<Answer>,
    /// Called when the learner asks to see the answer.
    pub on_give_up: Callback<()>,
}

/// The draft answer from the last one given, or empty.
fn initial_draft(item: &QuizItem, progress: Option<&ItemProgress>) -> Answer {
    match (progress.and_then(|p| p.last.clone()), &item.kind) {
        (Some(a), _) => a,
        (None, ItemKind::ShortAnswer { .. }) => Answer::Text(String::new()),
        (None, ItemKind::TrueFalse { .. }) => Answer::Choices(vec![]),
        (None, _) => Answer::Choices(vec![]),
    }
}

/// A quiz item.
#[function_component]
pub fn QuizItemView(props: &QuizItemProps) -> Html {
    let item = &props.item;
    let draft = {
        let item = item.clone();
        let progress = props.progress.clone();
        use_state(move || initial_draft(&item, progress.as_ref()))
    };
    {
        // A new answer recorded elsewhere (another tab) replaces the draft; the learner's
        // own answer is the draft already.
        let draft = draft.clone();
        let item = item.clone();
        let progress = props.progress.clone();
        let attempts = progress.as_ref().map_or(0, |p| p.attempts);
        use_effect_with(attempts, move |_| {
            let last = initial_draft(&item, progress.as_ref());
            if *draft != last && progress.is_some_and(|p| p.last.is_some()) {
                draft.set(last);
            }
        });
    }
    let error = use_state(|| None::<String>);
    let seed = use_progress().progress.seed;
    let name = format!("q-{}", item.id);

    let onsubmit = {
        let draft = draft.clone();
        let error = error.clone();
        let item = item.clone();
        let on_answer = props.on_answer.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // An empty true/false draft is stored as no choices.
            let answer = match (&item.kind, &*draft) {
                (ItemKind::TrueFalse { .. }, Answer::Choices(c)) if c.is_empty() => None,
                (_, a) => Some(a.clone()),
            };
            match answer.map(|a| item.mark(&a).map(|_| a)) {
                Some(Ok(a)) => {
                    error.set(None);
                    on_answer.emit(a);
                }
                Some(Err(e)) => error.set(Some(e.to_string())),
                None => error.set(Some("choose true or false first".into())),
            }
        })
    };
    let give_up = {
        let cb = props.on_give_up.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };

    let choice_input = |index: usize, label: Html, multiple: bool| {
        let checked = matches!(&*draft, Answer::Choices(c) if c.contains(&index));
        let draft = draft.clone();
        let onchange = Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut chosen = match &*draft {
                Answer::Choices(c) if multiple => c.clone(),
                _ => vec![],
            };
            chosen.retain(|&i| i != index);
            if on {
                chosen.push(index);
                cloudhop_core::order::sort(&mut chosen);
            }
            draft.set(Answer::Choices(chosen));
        });
        html! {
            <label class="option">
                <input type={if multiple { "checkbox" } else { "radio" }} name={name.clone()}
                    value={index.to_string()} {checked} {onchange} />
                <span>{ label }</span>
            </label>
        }
    };

    let shown = |multiple: bool| {
        item.shown_order(seed)
            .into_iter()
            .map(|(i, o)| choice_input(i, text(&o.text), multiple))
            .collect::<Html>()
    };
    let (hint, inputs) = match &item.kind {
        ItemKind::SingleChoice { .. } => ("Choose one.", shown(false)),
        ItemKind::MultipleChoice { .. } => ("Tick all that apply.", shown(true)),
        ItemKind::TrueFalse { .. } => {
            let tf = |value: bool| {
                let checked = matches!(&*draft, Answer::Bool(b) if *b == value);
                let draft = draft.clone();
                let onchange = Callback::from(move |_: Event| draft.set(Answer::Bool(value)));
                html! {
                    <label class="option">
                        <input type="radio" name={name.clone()} value={value.to_string()} {checked} {onchange} />
                        <span>{ if value { "True" } else { "False" } }</span>
                    </label>
                }
            };
            ("True or false?", html! { <>{ tf(true) }{ tf(false) }</> })
        }
        ItemKind::ShortAnswer { .. } => {
            let value = match &*draft {
                Answer::Text(t) => t.clone(),
                _ => String::new(),
            };
            let oninput = {
                let draft = draft.clone();
                Callback::from(move |e: InputEvent| {
                    draft.set(Answer::Text(
                        e.target_unchecked_into::<HtmlInputElement>().value(),
                    ))
                })
            };
            (
                "Type your answer.",
                html! {
                    <input class="short-answer" type="text" aria-label="Your answer" autocomplete="off"
                        spellcheck="false" maxlength="200" {value} {oninput} />
                },
            )
        }
    };

    let p = props.progress.clone().unwrap_or_default();
    let result = if p.attempts > 0 || p.gave_up {
        let verdict = if p.attempts == 0 {
            html! {}
        } else if p.last_score == 100 {
            html! { <p class="verdict ok">{ "✓ Correct" }</p> }
        } else if p.last_score > 0 {
            html! { <p class="verdict partial">{ format!("◐ Partly right: {}%", p.last_score) }</p> }
        } else {
            html! { <p class="verdict bad">{ "✗ Not quite" }</p> }
        };
        html! {
            <>
                { verdict }
                if !p.last_feedback.is_empty() {
                    <ul class="feedback">{ for p.last_feedback.iter().map(|f| html! { <li>{ text(f) }</li> }) }</ul>
                }
                if p.gave_up {
                    <p class="solution"><strong>{ "Answer: " }</strong>{ text(&item.solution()) }</p>
                }
                if p.explanation_visible() {
                    <div class="explanation"><strong>{ "Why: " }</strong>{ text(&item.explanation) }</div>
                }
                <p class="meta">{ format!("Attempts: {} · best score: {}% · {}", p.attempts, p.best, p.first_text()) }
                    if p.gave_up { { " · answer shown" } }
                </p>
            </>
        }
    } else {
        html! {}
    };

    let state_class = if p.attempts == 0 {
        "unanswered"
    } else if p.best == 100 {
        "solved"
    } else {
        "tried"
    };
    html! {
        <article class={classes!("quiz-item", state_class)} id={format!("q-{}", item.id)} data-item={item.id.clone()}>
            <form {onsubmit}>
                <fieldset>
                    <legend><span class="qnum">{ format!("Question {}", props.number) }</span>{ text(&item.prompt) }</legend>
                    <p class="hint">{ hint }</p>
                    <div class="options">{ inputs }</div>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="button primary">{ "Check answer" }</button>
                    if !p.gave_up {
                        <button type="button" class="button quiet" onclick={give_up}>{ "Show answer" }</button>
                    }
                </div>
                if let Some(e) = &*error {
                    <p class="form-error" role="alert">{ format!("Cannot check yet: {e}.") }</p>
                }
            </form>
            <div class="result" aria-live="polite">{ result }</div>
        </article>
    }
}
