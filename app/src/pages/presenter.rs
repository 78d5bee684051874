//! The presenter view (`#/instructor/present?w=…`), for a projector: one step of the
//! workshop's plan at a time (`Resolved::steps`: each lesson in the time plan, its quiz
//! items, its exercises), in large type and with no learner data. Next / Previous (and the
//! arrow keys) move through it; "Reveal answer" shows an item's right option(s) and
//! explanation; an exercise step runs its lab from the exercise's start. The instructor's
//! notes show only when asked for (and exist only for a workshop opened from its file).

use crate::components::prose::{text, Prose};
use crate::labs::{self, ExerciseHook, LabProps};
use crate::pages::workshop_source::{InstructorPage, WorkshopGate};
use cloudhop_core::quiz::ItemKind;
use cloudhop_core::workshop::Notes;
use cloudhop_lessons::workshop::{time_slot, Opened, Step, StepKind};
use cloudhop_lessons::Course;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`PresenterPage`].
#[derive(Properties, PartialEq)]
pub struct PresenterProps {
    /// The course.
    pub course: Rc<Course>,
    /// The `w=` payload, if any.
    #[prop_or_default]
    pub link: Option<AttrValue>,
}

/// The presenter page.
#[function_component]
pub fn PresenterPage(props: &PresenterProps) -> Html {
    let page = Callback::from(|o: Rc<Opened>| {
        let key = format!("{}-{}", o.resolved.workshop.id, o.from_file);
        html! { <Presenter {key} opened={o} /> }
    });
    html! {
        <WorkshopGate course={props.course.clone()} link={props.link.clone()}
            target={InstructorPage::Present} heading="Presenter view" {page} />
    }
}

/// Where the presenter is in the plan.
#[derive(Clone, Copy, PartialEq)]
struct Place {
    at: usize,
    len: usize,
}

enum Move {
    Next,
    Previous,
    To(usize),
}

impl Reducible for Place {
    type Action = Move;
    fn reduce(self: Rc<Self>, m: Move) -> Rc<Self> {
        let last = self.len.saturating_sub(1);
        let at = match m {
            Move::Next => (self.at + 1).min(last),
            Move::Previous => self.at.saturating_sub(1),
            Move::To(i) => i.min(last),
        };
        Rc::new(Place { at, len: self.len })
    }
}

#[derive(Properties, PartialEq)]
struct PresenterInnerProps {
    opened: Rc<Opened>,
}

/// Whether a key press belongs to a form control (so the arrows move in it, not the plan).
fn in_control(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el
                    .closest(".lab, [contenteditable]")
                    .ok()
                    .flatten()
                    .is_some()
        })
}

#[function_component]
fn Presenter(props: &PresenterInnerProps) -> Html {
    let resolved = &props.opened.resolved;
    let steps = use_memo(props.opened.clone(), |o| o.resolved.steps());
    let place = {
        let len = steps.len();
        use_reducer(move || Place { at: 0, len })
    };
    let revealed = use_state(|| false);
    let show_notes = use_state(|| false);
    {
        let revealed = revealed.clone();
        use_effect_with(place.at, move |_| revealed.set(false));
    }
    {
        let place = place.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "keydown", move |e| {
                    let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if in_control(k) || k.alt_key() || k.ctrl_key() || k.meta_key() {
                        return;
                    }
                    match k.key().as_str() {
                        "ArrowRight" | "PageDown" => place.dispatch(Move::Next),
                        "ArrowLeft" | "PageUp" => place.dispatch(Move::Previous),
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }

    let Some(step) = steps.get(place.at).copied() else {
        return html! {
            <div class="presenter"><h1>{ resolved.workshop.title.clone() }</h1><p>{ "This workshop has no lessons." }</p></div>
        };
    };
    let wl = &resolved.lessons[step.lesson];
    let go = |m: fn() -> Move| {
        let place = place.clone();
        Callback::from(move |_: MouseEvent| place.dispatch(m()))
    };
    let toggle_notes = {
        let show_notes = show_notes.clone();
        Callback::from(move |_: MouseEvent| show_notes.set(!*show_notes))
    };
    let reveal = {
        let revealed = revealed.clone();
        Callback::from(move |_: MouseEvent| revealed.set(!*revealed))
    };

    let body = match step.kind {
        StepKind::Lesson => lesson_step(&props.opened, step, &place),
        StepKind::Item(n) => {
            let item = &wl.lesson.quiz[n];
            let right = |correct: bool| {
                if *revealed && correct {
                    "option right"
                } else {
                    "option"
                }
            };
            let options = match &item.kind {
                ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options } => {
                    html! {
                        <ol class="present-options" type="A">
                            { for options.iter().map(|o| html! {
                                <li class={right(o.correct)}>{ text(&o.text) }
                                    if *revealed && o.correct { <span class="mark">{ " ✓ right answer" }</span> }
                                </li>
                            }) }
                        </ol>
                    }
                }
                ItemKind::TrueFalse { answer, .. } => html! {
                    <ol class="present-options" type="A">
                        <li class={right(*answer)}>{ "True" }
                            if *revealed && *answer { <span class="mark">{ " ✓ right answer" }</span> }
                        </li>
                        <li class={right(!*answer)}>{ "False" }
                            if *revealed && !*answer { <span class="mark">{ " ✓ right answer" }</span> }
                        </li>
                    </ol>
                },
                ItemKind::ShortAnswer { .. } => {
                    html! { <p class="present-hint">{ "Type the answer." }</p> }
                }
            };
            html! {
                <article class="present-item" data-item={item.id.clone()}>
                    <p class="eyebrow">{ format!("{} · question {} of {}", wl.lesson.title, n + 1, wl.lesson.quiz.len()) }</p>
                    <h1 class="present-prompt">{ text(&item.prompt) }</h1>
                    { options }
                    <button class="button primary reveal" onclick={reveal} aria-expanded={revealed.to_string()}>
                        { if *revealed { "Hide answer" } else { "Reveal answer" } }
                    </button>
                    if *revealed {
                        <div class="present-answer" role="status">
                            <p><strong>{ "Answer: " }</strong>{ text(&item.solution()) }</p>
                            <p class="explanation"><strong>{ "Why: " }</strong>{ text(&item.explanation) }</p>
                        </div>
                    }
                </article>
            }
        }
        StepKind::Exercise(n) => {
            let ex = &wl.lesson.exercises[n];
            let hook = ExerciseHook {
                spec: Rc::new(ex.spec.clone()),
                saved_state: None,
                on_check: Callback::noop(),
            };
            html! {
                <article class="present-exercise" data-exercise={ex.id.clone()}>
                    <p class="eyebrow">{ format!("{} · exercise {} of {} · {}", wl.lesson.title, n + 1, wl.lesson.exercises.len(), ex.spec.lab().title()) }</p>
                    <h1>{ ex.title.clone() }</h1>
                    <div class="task"><Prose blocks={ex.task.clone()} /></div>
                    <div class="present-lab" key={ex.id.clone()}>
                        { labs::view(ex.spec.lab(), LabProps { exercise: Some(hook), compact: true, ..Default::default() }) }
                    </div>
                </article>
            }
        }
    };
    let notes = if *show_notes {
        notes_view(&props.opened, step)
    } else {
        html! {}
    };

    html! {
        <div class="presenter">
            <nav class="presenter-bar" aria-label="Presenter">
                <span class="presenter-title">{ resolved.workshop.title.clone() }</span>
                <span class="presenter-where" aria-live="polite">{ format!("Step {} of {}", place.at + 1, place.len) }</span>
                <button class="button" onclick={go(|| Move::Previous)} disabled={place.at == 0}>{ "← Previous" }</button>
                <button class="button primary" onclick={go(|| Move::Next)} disabled={place.at + 1 >= place.len}>{ "Next →" }</button>
                <button class="button quiet" onclick={toggle_notes} aria-pressed={show_notes.to_string()}>
                    { if *show_notes { "Hide instructor notes" } else { "Show instructor notes" } }
                </button>
                <a class="button quiet" href="#/instructor">{ "Exit" }</a>
            </nav>
            <div class="presenter-stage">
                { body }
                { notes }
            </div>
        </div>
    }
}

fn lesson_step(opened: &Opened, step: Step, place: &UseReducerHandle<Place>) -> Html {
    let r = &opened.resolved;
    let wl = &r.lessons[step.lesson];
    let l = &wl.lesson;
    let steps = r.steps();
    let jump = |lesson: usize| {
        let place = place.clone();
        let at = steps
            .iter()
            .position(|s| s.lesson == lesson && s.kind == StepKind::Lesson)
            .unwrap_or(0);
        Callback::from(move |_: MouseEvent| place.dispatch(Move::To(at)))
    };
    html! {
        <article class="present-lesson" data-lesson={l.id.clone()}>
            <p class="eyebrow">{ format!("Lesson {} of {} · {}", step.lesson + 1, r.lessons.len(), time_slot(wl.start_minute, wl.minutes)) }</p>
            <h1>{ l.title.clone() }</h1>
            <p class="present-summary">{ text(&l.summary) }</p>
            <ul class="present-facts">
                <li>{ format!("Sections: {}", l.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>().join(" · ")) }</li>
                <li>{ format!("Quiz: {} item{} · pass mark {}%", l.quiz.len(), if l.quiz.len() == 1 { "" } else { "s" }, l.pass_mark) }</li>
                if !l.exercises.is_empty() {
                    <li>{ format!("Exercises: {}", l.exercises.iter().map(|e| e.title.as_str()).collect::<Vec<_>>().join(" · ")) }</li>
                }
            </ul>
            <h2 class="plan-h">{ format!("Time plan ({} min)", r.total_minutes()) }</h2>
            <ol class="time-plan">
                { for r.lessons.iter().enumerate().map(|(i, x)| html! {
                    <li class={classes!((i == step.lesson).then_some("current"))}>
                        <button class="plan-jump" onclick={jump(i)} aria-current={(i == step.lesson).then_some("step")}>
                            <span class="slot">{ time_slot(x.start_minute, x.minutes) }</span>
                            <span>{ x.lesson.title.clone() }</span>
                        </button>
                    </li>
                }) }
            </ol>
        </article>
    }
}

fn notes_view(opened: &Opened, step: Step) -> Html {
    let wl = &opened.resolved.lessons[step.lesson];
    let n: &Notes = &wl.notes;
    let body = if !opened.from_file {
        html! { <p>{ "No notes: this workshop was opened from a link, which carries none. Open the workshop file here to see them." }</p> }
    } else if n.is_empty() {
        html! { <p>{ "The workshop file has no notes for this lesson." }</p> }
    } else {
        let expect: Vec<_> = match step.kind {
            StepKind::Item(i) => {
                let id = &wl.lesson.quiz[i].id;
                n.expect.iter().filter(|e| &e.item == id).collect()
            }
            _ => n.expect.iter().collect(),
        };
        html! {
            <>
                if let Some(t) = &n.timing { <p><strong>{ "Timing: " }</strong>{ t.clone() }</p> }
                if !n.prompts.is_empty() {
                    <p><strong>{ "Ask the class:" }</strong></p>
                    <ul>{ for n.prompts.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
                }
                if !expect.is_empty() {
                    <p><strong>{ "Wrong answers to expect:" }</strong></p>
                    <ul>{ for expect.iter().map(|e| html! { <li><code>{ e.item.clone() }</code>{ format!(": {}", e.note) }</li> }) }</ul>
                }
                { for n.other.iter().map(|o| html! { <p>{ o.clone() }</p> }) }
            </>
        }
    };
    html! {
        <aside class="instructor-notes" aria-label="Instructor notes">
            <h2>{ "Instructor notes" }</h2>
            { body }
        </aside>
    }
}
