//! Workshop mode for learners: the chrome (the workshop's title, its own lesson list, a way
//! back to the learner's own course), the workshop's lesson list with its time plan, and the
//! page that opens a workshop link or learner file. Progress in workshop mode is the
//! workshop's own record ([`Record::Workshop`]), provided to the pages as the progress
//! context, so the lesson, lab and glossary pages work in it unchanged.

use crate::chrome::ThemeToggle;
use crate::labs::{self, LabProps};
use crate::pages::chunked;
use crate::pages::course_map::{badge, standing_detail};
use crate::pages::glossary::GlossaryPage;
use crate::pages::lesson::LessonPage;
use crate::route::Route;
use crate::scope;
use crate::state::{course, use_progress, Action, ProgressHandle, ProgressState, Record};
use crate::workshop::{self, WorkshopHandle};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`WorkshopMode`].
#[derive(Properties, PartialEq)]
pub struct WorkshopModeProps {
    /// The workshop.
    pub workshop: WorkshopHandle,
    /// The page inside it.
    pub page: Route,
}

/// Every page in workshop mode, with the workshop's own progress record.
#[function_component]
pub fn WorkshopMode(props: &WorkshopModeProps) -> Html {
    let w = props.workshop.clone();
    let progress: ProgressHandle = {
        let w = w.clone();
        use_reducer(move || ProgressState::load_for(Record::Workshop(w)))
    };
    {
        // Another tab wrote this workshop's record: show what is stored now (the same rule as
        // the course record, see `cloudhop_core::shared_record`).
        let progress = progress.clone();
        let key = cloudhop_core::workshop::progress_key(w.id());
        use_effect_with(key, move |key| {
            let key = key.clone();
            let listener = web_sys::window().map(|win| {
                gloo_events::EventListener::new(&win, "storage", move |e| {
                    let k = e
                        .dyn_ref::<web_sys::StorageEvent>()
                        .and_then(web_sys::StorageEvent::key);
                    if k.as_deref().is_none_or(|k| k == key) {
                        progress.dispatch(Action::StoredChanged);
                    }
                })
            });
            move || drop(listener)
        });
    }
    scope::enter(Some(w.id()));
    let title = match &props.page {
        Route::Lesson(id) => w
            .course
            .lesson(id)
            .map_or_else(|| "Not in this workshop".to_string(), |l| l.title.clone()),
        Route::Glossary(_) => "Glossary".into(),
        Route::HandIn => "Hand in".into(),
        Route::Lab(lab, _) => lab.title().into(),
        _ => w.title().to_string(),
    };
    {
        let t = format!("{title} · {} · cloudhop workshop", w.title());
        use_effect_with(t, |t| gloo_utils::document().set_title(t));
    }
    let page = match &props.page {
        Route::Lesson(id) if w.course.lesson(id).is_some() => {
            html! { <LessonPage key={id.clone()} course={w.course.clone()} id={id.clone()} /> }
        }
        Route::Lesson(id) => not_in_workshop(id),
        Route::Glossary(term) => {
            html! { <GlossaryPage course={w.course.clone()} focus={term.clone().map(AttrValue::from)} /> }
        }
        Route::Lab(lab, state) => {
            let (lab, id) = (*lab, w.id().to_string());
            let on_state_change = Callback::from(move |s: String| {
                Route::InWorkshop(id.clone(), Box::new(Route::Lab(lab, Some(s)))).replace_in_place()
            });
            html! {
                <div class="lab-page">
                    { labs::view_shareable(lab, LabProps { url_state: state.clone().map(AttrValue::from), on_state_change: Some(on_state_change), ..Default::default() }) }
                </div>
            }
        }
        Route::HandIn => chunked::hand_in(w.clone()),
        _ => html! { <WorkshopHome workshop={w.clone()} /> },
    };
    let nav_item = |r: Route, label: &str| {
        let active = std::mem::discriminant(&r) == std::mem::discriminant(&props.page)
            || (matches!(r, Route::Home) && matches!(props.page, Route::Lesson(_)));
        html! {
            <li><a class={if active { "active" } else { "" }} href={scope::href(r)}
                aria-current={active.then_some("page")}>{ label.to_string() }</a></li>
        }
    };
    let notice = progress.notice.clone();
    let dismiss = {
        let progress = progress.clone();
        Callback::from(move |_: MouseEvent| progress.dispatch(Action::Dismiss))
    };
    html! {
        <ContextProvider<ProgressHandle> context={progress}>
            <header class="site-header workshop-header no-print">
                <a class="brand" href={scope::href(Route::Home)} aria-label={format!("{}: the workshop's lessons", w.title())}>
                    <svg viewBox="0 0 64 64" width="28" height="28" aria-hidden="true"><rect width="64" height="64" rx="14" class="brand-bg"/><path d="M18 42a10 10 0 0 1 1-20 13 13 0 0 1 25 3 8.5 8.5 0 0 1 2 17z" class="brand-cloud"/></svg>
                    <span>{ "cloudhop" }</span>
                </a>
                <nav aria-label="Workshop">
                    <ul>
                        { nav_item(Route::Home, "Workshop lessons") }
                        { nav_item(Route::Glossary(None), "Glossary") }
                        { nav_item(Route::HandIn, "Hand in") }
                    </ul>
                </nav>
                <ThemeToggle />
            </header>
            <div class="workshop-bar no-print" role="region" aria-label="Workshop mode">
                <p><span class="eyebrow">{ "Workshop" }</span>{ " " }<strong class="workshop-title">{ w.title().to_string() }</strong></p>
                <a class="button quiet leave-workshop" href="#/">{ "Leave the workshop: my own course" }</a>
            </div>
            if let Some(n) = notice {
                <div class={classes!("notice", n.warning.then_some("warning"))} role="status">
                    <p>{ n.text }</p>
                    <button class="button quiet" onclick={dismiss} aria-label="Dismiss this message">{ "Dismiss" }</button>
                </div>
            }
            <main id="main" tabindex="-1" data-ready="true" data-workshop={w.id().to_string()}>{ page }</main>
            <crate::xapi::XapiStatus />
            <footer class="site-footer no-print">
                <p>{ "Workshop mode: what you do here is kept in this browser apart from your own course progress, and reaches your instructor when you hand in (or, when your LMS launched this page, through its learning record store, as the line above says)." }</p>
            </footer>
        </ContextProvider<ProgressHandle>>
    }
}

fn not_in_workshop(id: &str) -> Html {
    let full = course();
    let title = full
        .as_ref()
        .as_ref()
        .ok()
        .and_then(|c| c.lesson(id))
        .map(|l| l.title.clone());
    html! {
        <div class="not-found">
            <h1>{ "Not part of this workshop" }</h1>
            <p>{ match &title {
                Some(t) => format!("The lesson \"{t}\" is in the course but not in this workshop."),
                None => format!("There is no lesson \"{id}\" in this course."),
            } }</p>
            <p>
                <a class="button primary" href={scope::href(Route::Home)}>{ "Back to the workshop's lessons" }</a>{ " " }
                if title.is_some() {
                    <a class="button quiet" href={Route::Lesson(id.to_string()).href()}>{ "Open it in my own course (leaves the workshop)" }</a>
                }
            </p>
        </div>
    }
}

/// Properties of [`WorkshopHome`].
#[derive(Properties, PartialEq)]
pub struct WorkshopHomeProps {
    /// The workshop.
    pub workshop: WorkshopHandle,
}

/// The workshop's own lesson list: its lessons in its order with the time plan, the sections
/// it chose, its extra exercises, its pass marks and the learner's standing in each.
#[function_component]
pub fn WorkshopHome(props: &WorkshopHomeProps) -> Html {
    let progress = use_progress();
    let w = &props.workshop;
    let lessons = &w.resolved.lessons;
    let standings: Vec<_> = lessons
        .iter()
        .map(|l| l.lesson.standing(&progress.progress))
        .collect();
    let passed = standings.iter().filter(|s| s.passed).count();
    let total = w.resolved.total_minutes();
    let full = course();
    let full = full.as_ref().as_ref().ok();
    let next = lessons
        .iter()
        .zip(&standings)
        .find(|(_, s)| !s.passed)
        .map(|(l, _)| l);
    let started = standings.iter().any(|s| s.passed || s.in_progress());
    html! {
        <div class="course-map workshop-home">
            <section class="hero">
                <p class="eyebrow">{ "Workshop" }</p>
                <h1>{ w.title().to_string() }</h1>
                <div class="hero-stats" role="group" aria-label="Your progress in this workshop">
                    <div><strong>{ format!("{passed} / {}", lessons.len()) }</strong><span>{ "lessons passed" }</span></div>
                    <div><strong>{ format!("{} h {:02} min", total / 60, total % 60) }</strong><span>{ "planned" }</span></div>
                </div>
                <p class="workshop-actions">
                    if let Some(l) = next {
                        <a class="button primary" href={scope::href(Route::Lesson(l.lesson.id.clone()))}>
                            { if started { "Continue: " } else { "Start: " } }{ l.lesson.title.clone() }
                        </a>
                    }
                    <a class="button" href={scope::href(Route::HandIn)}>{ "Hand in" }</a>
                </p>
            </section>
            <section aria-labelledby="ws-lessons">
                <h2 id="ws-lessons">{ "Lessons in this workshop" }</h2>
                <p class="pass-rule">{ cloudhop_core::progress::PASS_RULE }</p>
                <ol class="lesson-list">
                    { for lessons.iter().zip(&standings).enumerate().map(|(i, (wl, s))| {
                        let l = &wl.lesson;
                        let all_sections = full.and_then(|c| c.lesson(&l.id)).map_or(l.sections.len(), |c| c.sections.len());
                        let extra = wl.extra_exercises.len();
                        let own = l.exercises.len() - extra.min(l.exercises.len());
                        html! {
                            <li class="lesson-card" data-lesson={l.id.clone()}>
                                <div class="lesson-num" aria-hidden="true">{ i + 1 }</div>
                                <div class="lesson-body">
                                    <h3><a href={scope::href(Route::Lesson(l.id.clone()))}>{ l.title.clone() }</a></h3>
                                    <p class="summary">{ l.summary.clone() }</p>
                                    <p class="meta">
                                        <span class="plan-time">{ format!("from {} · {} min", clock(wl.start_minute), wl.minutes) }</span>
                                        <span>{ format!("{} question{}", l.quiz.len(), plural(l.quiz.len())) }</span>
                                        if l.sections.len() < all_sections {
                                            <span>{ format!("{} of {} sections", l.sections.len(), all_sections) }</span>
                                        }
                                        if own > 0 {
                                            <span>{ format!("{own} exercise{}", plural(own)) }</span>
                                        }
                                        if extra > 0 {
                                            <span class="extra-exercises">{ format!("{extra} workshop exercise{}", plural(extra)) }</span>
                                        }
                                        <span>{ format!("pass mark {}%", l.pass_mark) }</span>
                                    </p>
                                </div>
                                <div class="lesson-status">
                                    { badge(s) }
                                    { standing_detail(s) }
                                    <progress max="100" value={s.score.to_string()} aria-label={format!("{}: {}%", l.title, s.score)}></progress>
                                </div>
                            </li>
                        }
                    }) }
                </ol>
            </section>
        </div>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Minutes from the start as `0:25`.
fn clock(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// Properties of [`OpenWorkshopPage`].
#[derive(Properties, PartialEq)]
pub struct OpenWorkshopProps {
    /// The link being opened (`#/workshop?w=…`), if any.
    #[prop_or_default]
    pub link: Option<AttrValue>,
}

/// `#/workshop`: open a workshop from its learner file (for workshops whose link would be too
/// long), by choosing or dropping it; and a link that cannot be opened, with why.
#[function_component]
pub fn OpenWorkshopPage(props: &OpenWorkshopProps) -> Html {
    let error = use_state(|| None::<String>);
    let dragging = use_state(|| false);
    let link_problem = props.link.as_ref().and_then(|l| {
        let full = course();
        let full = full.as_ref().as_ref().ok()?;
        cloudhop_lessons::workshop::open_with::<cloudhop_lessons::exercise_check::AtUse>(l, full)
            .err()
            .map(|e| e.to_string())
    });
    let open_text = {
        let error = error.clone();
        Callback::from(move |text: String| {
            match course()
                .as_ref()
                .as_ref()
                .map_err(|_| "the course content has errors".to_string())
                .and_then(|c| workshop::open(&text, c))
            {
                Ok(w) => {
                    error.set(None);
                    let home = Route::InWorkshop(w.id().to_string(), Box::new(Route::Home));
                    if let Some(win) = web_sys::window() {
                        let _ = win.location().set_hash(&home.href());
                    }
                }
                Err(e) => error.set(Some(format!("This file does not open: {e}"))),
            }
        })
    };
    let read_file = {
        let error = error.clone();
        let open_text = open_text.clone();
        Callback::from(move |file: web_sys::File| {
            if file.size() > 2_000_000.0 {
                error.set(Some(
                    "This file is larger than 2 MB, too large to be a workshop file.".into(),
                ));
                return;
            }
            let open_text = open_text.clone();
            let error = error.clone();
            let task = gloo_file::callbacks::read_as_text(&file.into(), move |r| match r {
                Ok(text) => open_text.emit(text),
                Err(_) => error.set(Some("The file could not be read.".into())),
            });
            std::mem::forget(task);
        })
    };
    let on_change = {
        let read_file = read_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|f| f.get(0)) {
                read_file.emit(f);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(f) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                read_file.emit(f);
            }
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let known = workshop::known();
    html! {
        <div class="open-workshop">
            if let Some(link) = &props.link {
                if let Some(problem) = &link_problem {
                    <section class="workshop-link-error" role="alert">
                        <h1>{ "This workshop link does not open" }</h1>
                        <p class="link-problem">{ crate::components::message::message_view(problem) }</p>
                        <p>{ "Ask your instructor for the link again, or for the workshop file, and open it below." }</p>
                    </section>
                } else {
                    <p data-link={link.clone()}>{ "Opening the workshop…" }</p>
                }
            } else {
                <h1>{ "Open a workshop" }</h1>
                <p class="lede">{ "Your instructor gives you a workshop link, or, when the workshop is too large for a link, a workshop file. Open the file here: the workshop opens in this browser, with its progress kept apart from your own course." }</p>
            }
            <div class={classes!("drop-zone", dragging.then_some("dragging"))}
                ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                <label class="button primary file-button">
                    { "Choose the workshop file…" }
                    <input type="file" class="visually-hidden" accept=".json,application/json" onchange={on_change} aria-label="Workshop file" />
                </label>
                <p class="hint">{ "or drop it here" }</p>
            </div>
            if let Some(e) = &*error {
                <p class="form-error" role="alert">{ crate::components::message::message_view(e) }</p>
            }
            if !known.is_empty() {
                <section class="known-workshops">
                    <h2>{ "Workshops opened in this browser" }</h2>
                    <ul>{ for known.iter().map(|(id, title)| html! {
                        <li><a href={Route::InWorkshop(id.clone(), Box::new(Route::Home)).href()}>{ title.clone() }</a></li>
                    }) }</ul>
                </section>
            }
            <p><a href="#/">{ "Go to my own course" }</a></p>
        </div>
    }
}
