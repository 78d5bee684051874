//! A lesson: prose sections with exercises in place, the quiz, the lesson score, key
//! takeaways, reflection questions with saved answers, related lessons and sources.

use crate::components::prose::{spans, Prose};
use crate::components::quiz::QuizItemView;
use crate::labs::{self, ExerciseHook, LabProps};
use crate::pages::course_map::badge;
use crate::route::Route;
use crate::scope;
use crate::state::{use_progress, Action};
use cloudhop_lessons::{Course, Exercise};
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Properties of [`LessonPage`].
#[derive(Properties, PartialEq)]
pub struct LessonProps {
    /// The course.
    pub course: Rc<Course>,
    /// The lesson id.
    pub id: AttrValue,
}

/// Properties of [`ExerciseCard`].
#[derive(Properties, PartialEq)]
pub struct ExerciseProps {
    /// The lesson id.
    pub lesson: AttrValue,
    /// The exercise.
    pub exercise: Rc<Exercise>,
}

/// One lab exercise inside a lesson.
#[function_component]
pub fn ExerciseCard(props: &ExerciseProps) -> Html {
    let progress = use_progress();
    let ex = &props.exercise;
    let ep = progress
        .progress
        .lessons
        .get(props.lesson.as_str())
        .and_then(|l| l.exercises.get(&ex.id))
        .cloned()
        .unwrap_or_default();
    let on_check = {
        let progress = progress.clone();
        let lesson = props.lesson.to_string();
        let id = ex.id.clone();
        Callback::from(move |(verdict, state)| {
            progress.dispatch(Action::Exercise {
                lesson: lesson.clone(),
                exercise: id.clone(),
                verdict,
                state,
            })
        })
    };
    let spec = use_memo(ex.clone(), |ex| Rc::new(ex.spec.clone()));
    let hook = ExerciseHook {
        spec: (*spec).clone(),
        saved_state: ep.state.clone(),
        on_check,
    };
    html! {
        <section class={classes!("exercise", ep.passed.then_some("passed"))} id={format!("ex-{}", ex.id)} data-exercise={ex.id.clone()}>
            <header>
                <p class="eyebrow">{ format!("Exercise · {}", ex.spec.lab().title()) }</p>
                <h3>{ ex.title.clone() }</h3>
                if ep.passed {
                    <span class="badge passed">{ "Goal met ✓" }</span>
                } else if ep.attempts > 0 {
                    <span class="badge progress">{ format!("{} check{}", ep.attempts, if ep.attempts == 1 { "" } else { "s" }) }</span>
                }
            </header>
            <div class="task"><Prose blocks={ex.task.clone()} /></div>
            <details class="hint"><summary>{ "Hint" }</summary><p>{ crate::components::prose::text(&ex.hint) }</p></details>
            { labs::view_shareable(ex.spec.lab(), LabProps { exercise: Some(hook), compact: true, ..Default::default() }) }
        </section>
    }
}

/// A lesson page.
#[function_component]
pub fn LessonPage(props: &LessonProps) -> Html {
    let progress = use_progress();
    {
        let progress = progress.clone();
        use_effect_with(props.id.clone(), move |id| {
            progress.dispatch(Action::Open(id.to_string()));
        });
    }
    let course = &props.course;
    let Some((index, lesson)) = course
        .lessons
        .iter()
        .enumerate()
        .find(|(_, l)| l.id == props.id.as_str())
    else {
        return html! {
            <div class="not-found">
                <h1>{ "No such lesson" }</h1>
                <p>{ format!("There is no lesson \"{}\" in this course.", props.id) }</p>
                <a class="button" href={scope::href(Route::Home)}>{ "Back to the course map" }</a>
            </div>
        };
    };
    // In a workshop the lesson list is the workshop's; titles of lessons outside it come
    // from the course.
    let full = crate::state::course();
    let full = full.as_ref().as_ref().ok();
    let in_workshop = scope::workshop().is_some();
    let lid = lesson.id.clone();
    let lp = progress
        .progress
        .lessons
        .get(&lid)
        .cloned()
        .unwrap_or_default();
    let st = lesson.standing(&progress.progress);
    let title_of = |id: &str| {
        course
            .lesson(id)
            .or_else(|| full.and_then(|c| c.lesson(id)))
            .map_or_else(|| id.to_string(), |l| l.title.clone())
    };

    let render_exercise = {
        let lid = lid.clone();
        let exercises: Vec<Rc<Exercise>> = lesson.exercises.iter().cloned().map(Rc::new).collect();
        Callback::from(
            move |id: String| match exercises.iter().find(|e| e.id == id) {
                Some(e) => html! { <ExerciseCard lesson={lid.clone()} exercise={e.clone()} /> },
                None => html! {},
            },
        )
    };
    let unplaced: Vec<Rc<Exercise>> = lesson
        .unplaced_exercises()
        .into_iter()
        .cloned()
        .map(Rc::new)
        .collect();
    let prev = index.checked_sub(1).and_then(|i| course.lessons.get(i));
    let next = course.lessons.get(index + 1);
    let answered = st.answered;

    html! {
        <article class="lesson" data-lesson={lid.clone()}>
            <header class="lesson-head">
                <p class="eyebrow"><a href={scope::href(Route::Home)}>{ if in_workshop { "Workshop" } else { "Course" } }</a>{ format!(" · Lesson {} of {}", index + 1, course.lessons.len()) }</p>
                <h1>{ lesson.title.clone() }</h1>
                <p class="lede">{ lesson.summary.clone() }</p>
                <p class="meta">
                    <span>{ format!("About {} min", lesson.minutes) }</span>
                    <span>{ format!("Pass mark {}%", lesson.pass_mark) }</span>
                    { badge(&st) }
                </p>
                if !lesson.prerequisites.is_empty() {
                    <p class="prereq">{ "Builds on: " }
                        { for lesson.prerequisites.iter().enumerate().map(|(k, p)| html! {
                            <>{ if k > 0 { ", " } else { "" } }<a href={scope::href(Route::Lesson(p.clone()))}>{ title_of(p) }</a></>
                        }) }
                    </p>
                }
                <nav class="toc" aria-label="In this lesson">
                    <ol>
                        { for lesson.sections.iter().enumerate().map(|(i, s)| html! {
                            <li><a href={scope::href(Route::Lesson(lid.clone()))} onclick={scroll_to(format!("s-{i}"))}>{ s.title.clone() }</a></li>
                        }) }
                        if !unplaced.is_empty() { <li><a href={scope::href(Route::Lesson(lid.clone()))} onclick={scroll_to("exercises".into())}>{ "Exercises" }</a></li> }
                        if !lesson.quiz.is_empty() { <li><a href={scope::href(Route::Lesson(lid.clone()))} onclick={scroll_to("quiz".into())}>{ "Quiz" }</a></li> }
                        if !lesson.takeaways.is_empty() { <li><a href={scope::href(Route::Lesson(lid.clone()))} onclick={scroll_to("takeaways".into())}>{ "Key takeaways" }</a></li> }
                        if !lesson.reflections.is_empty() { <li><a href={scope::href(Route::Lesson(lid.clone()))} onclick={scroll_to("reflection".into())}>{ "Reflection" }</a></li> }
                    </ol>
                </nav>
            </header>

            { for lesson.sections.iter().enumerate().map(|(i, s)| html! {
                <section class="prose" id={format!("s-{i}")}>
                    <h2>{ s.title.clone() }</h2>
                    <Prose blocks={s.blocks.clone()} exercise={render_exercise.clone()} />
                </section>
            }) }

            if !unplaced.is_empty() {
                <section id="exercises" class="exercises">
                    <h2>{ "Exercises" }</h2>
                    { for unplaced.iter().map(|e| html! { <ExerciseCard lesson={lid.clone()} exercise={e.clone()} /> }) }
                </section>
            }

            if !lesson.quiz.is_empty() {
                <section id="quiz" class="quiz" aria-labelledby="quiz-title">
                    <h2 id="quiz-title">{ "Quiz" }</h2>
                    <p class="quiz-score" aria-live="polite" data-score={st.score.to_string()}>
                        { format!("Score {}% · {} of {} answered · pass mark {}%", st.score, answered, st.total, lesson.pass_mark) }
                        if answered > 0 { { format!(" · {}", st.scores()) } }
                        if st.passed { <strong class="ok">{ " · Passed ✓" }</strong> }
                        else if st.in_progress() { { format!(" · {}", st.status()) } }
                    </p>
                    { for lesson.quiz.iter().enumerate().map(|(i, q)| {
                        let item = Rc::new(q.clone());
                        let on_answer = {
                            let progress = progress.clone();
                            let (lesson, item) = (lid.clone(), q.id.clone());
                            Callback::from(move |answer| progress.dispatch(Action::Answer { lesson: lesson.clone(), item: item.clone(), answer }))
                        };
                        let on_give_up = {
                            let progress = progress.clone();
                            let (lesson, item) = (lid.clone(), q.id.clone());
                            Callback::from(move |_| progress.dispatch(Action::GiveUp { lesson: lesson.clone(), item: item.clone() }))
                        };
                        html! {
                            <QuizItemView key={q.id.clone()} {item} number={i + 1}
                                progress={lp.items.get(&q.id).cloned()} {on_answer} {on_give_up} />
                        }
                    }) }
                </section>
            }

            if !lesson.takeaways.is_empty() {
                <section id="takeaways" class="takeaways">
                    <h2>{ "Key takeaways" }</h2>
                    <ul>{ for lesson.takeaways.iter().map(|t| html! { <li>{ spans(t) }</li> }) }</ul>
                </section>
            }

            if !lesson.reflections.is_empty() {
                <section id="reflection" class="reflection">
                    <h2>{ "Reflection" }</h2>
                    <p class="hint">{ if in_workshop { "There is no single right answer. What you write is saved in this browser as you type; when you hand in, you choose whether your instructor sees it." } else { "There is no single right answer. What you write is saved in this browser as you type, and gathered on the Progress page for printing or export." } }</p>
                    { for lesson.reflections.iter().map(|r| {
                        let value = lp.reflections.get(&r.id).cloned().unwrap_or_default();
                        let oninput = {
                            let progress = progress.clone();
                            let (lesson, question) = (lid.clone(), r.id.clone());
                            Callback::from(move |e: InputEvent| {
                                let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
                                progress.dispatch(Action::Reflect { lesson: lesson.clone(), question: question.clone(), text });
                            })
                        };
                        let field = format!("r-{}", r.id);
                        html! {
                            <div class="reflection-q" data-reflection={r.id.clone()}>
                                <label for={field.clone()}>{ r.prompt.clone() }</label>
                                <textarea id={field} rows="4" maxlength="20000" {value} {oninput} />
                            </div>
                        }
                    }) }
                </section>
            }

            if !lesson.related.is_empty() {
                <section class="related">
                    <h2>{ "Related lessons" }</h2>
                    <ul>{ for lesson.related.iter().map(|r| html! { <li><a href={scope::href(Route::Lesson(r.clone()))}>{ title_of(r) }</a></li> }) }</ul>
                </section>
            }

            if !lesson.sources.is_empty() {
                <section class="sources">
                    <h2>{ "Sources" }</h2>
                    <ul>{ for lesson.sources.iter().map(|s| html! { <li>{ spans(s) }</li> }) }</ul>
                </section>
            }

            <nav class="pager" aria-label="Lessons">
                if let Some(p) = prev { <a class="button" rel="prev" href={scope::href(Route::Lesson(p.id.clone()))}>{ "← " }{ p.title.clone() }</a> } else { <span></span> }
                if let Some(n) = next { <a class="button" rel="next" href={scope::href(Route::Lesson(n.id.clone()))}>{ n.title.clone() }{ " →" }</a> }
                else if in_workshop { <a class="button primary" href={scope::href(Route::HandIn)}>{ "Hand in →" }</a> }
            </nav>
        </article>
    }
}

/// Scroll to an element by id instead of following the hash (the hash is the route).
fn scroll_to(id: String) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
        {
            el.scroll_into_view();
        }
    })
}
