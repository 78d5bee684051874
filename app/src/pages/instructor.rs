//! `#/instructor`: the instructor pastes (or opens) a workshop file, sees what
//! `cloudhop workshop check` would say with line numbers, the lessons and time plan with
//! their notes, and gets the workshop link to copy, or, when it would be too long for a URL,
//! the learner file to hand out. It links to the class report and the presenter view, which
//! take the same `w=` payload.

use crate::components::code::CopyButton;
use crate::components::message::message_view;
use crate::pages::progress::download;
use cloudhop_core::workshop::{encode_link, link, workshop_url, WorkshopLink};
use cloudhop_lessons::workshop::{self, Resolved, WorkshopFile};
use cloudhop_lessons::{ContentError, Course};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`InstructorPage`].
#[derive(Properties, PartialEq)]
pub struct InstructorProps {
    /// The course.
    pub course: Rc<Course>,
}

/// What checking the text gave: nothing yet (empty), or the workshop, or its problems.
type Checked = Option<Result<(WorkshopFile, Resolved), Vec<ContentError>>>;

/// The site's address without the hash (the base of the links made here).
fn site_base() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or("").to_string()
}

/// The instructor's link page.
#[function_component]
pub fn InstructorPage(props: &InstructorProps) -> Html {
    let text = use_state(String::new);
    let file_name = use_state(|| "workshop.md".to_string());
    let read_error = use_state(|| None::<String>);
    let checked: Rc<Checked> = {
        let course = props.course.clone();
        use_memo(
            ((*text).clone(), (*file_name).clone()),
            move |(text, name)| {
                (!text.trim().is_empty()).then(|| workshop::load(name, text, &course))
            },
        )
    };
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_file = {
        let (text, file_name, read_error) = (text.clone(), file_name.clone(), read_error.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(f) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            if f.size() > 1_000_000.0 {
                read_error.set(Some(
                    "This file is larger than 1 MB, too large to be a workshop file.".into(),
                ));
                return;
            }
            let name = f.name();
            let (text, file_name, read_error) =
                (text.clone(), file_name.clone(), read_error.clone());
            let task = gloo_file::callbacks::read_as_text(&f.into(), move |r| match r {
                Ok(t) => {
                    read_error.set(None);
                    file_name.set(name);
                    text.set(t);
                }
                Err(_) => read_error.set(Some("The file could not be read.".into())),
            });
            std::mem::forget(task);
        })
    };
    let example = {
        let (text, file_name) = (text.clone(), file_name.clone());
        Callback::from(move |_: MouseEvent| {
            file_name.set("example.workshop.md".into());
            text.set(workshop::EXAMPLE.to_string());
        })
    };

    html! {
        <div class="instructor">
            <header>
                <p class="eyebrow">{ "For instructors" }</p>
                <h1>{ "Make a workshop link" }</h1>
                <p class="lede">{ "Paste or open a workshop file (the format is in docs/workshop-format.md). It is checked against this course as you type; once it has no problems you get the link for your learners." }</p>
            </header>
            <div class="workshop-input">
                <p class="workshop-input-actions">
                    <label class="button file-button">
                        { "Open a workshop file…" }
                        <input type="file" class="visually-hidden" accept=".md,.txt,text/markdown,text/plain" onchange={on_file} aria-label="Workshop file" />
                    </label>
                    <button type="button" class="button quiet" onclick={example}>{ "Start from the example" }</button>
                </p>
                <label for="workshop-text">{ format!("Workshop file ({})", *file_name) }</label>
                <textarea id="workshop-text" class="workshop-text" rows="16" spellcheck="false"
                    value={(*text).clone()} oninput={on_input} />
                if let Some(e) = &*read_error {
                    <p class="form-error" role="alert">{ e.clone() }</p>
                }
            </div>
            { match checked.as_ref() {
                None => html! {},
                Some(Err(errors)) => html! {
                    <section class="check-result bad" aria-labelledby="check-title">
                        <h2 id="check-title">{ format!("{} problem{} to fix", errors.len(), if errors.len() == 1 { "" } else { "s" }) }</h2>
                        <ol class="check-messages">
                            { for errors.iter().map(|e| html! { <li><code>{ e.to_string() }</code></li> }) }
                        </ol>
                    </section>
                },
                Some(Ok((file, resolved))) => ready(file, resolved),
            } }
        </div>
    }
}

fn ready(file: &WorkshopFile, resolved: &Resolved) -> Html {
    let w = &file.workshop;
    let payload = encode_link(w);
    let link_part = match workshop_url(&site_base(), w) {
        WorkshopLink::Url(url) => html! {
            <>
                <p>{ "Give your learners this link. It opens the workshop in cloudhop, with its own progress; they hand in from there." }</p>
                <p class="workshop-link-row">
                    <code class="workshop-link">{ url.clone() }</code>
                </p>
                <p class="workshop-link-actions">
                    <CopyButton text={url.clone()} label="Copy the workshop link" />
                    <a class="button quiet" href={url} target="_blank" rel="noopener">{ "Open it as a learner ↗" }</a>
                </p>
            </>
        },
        WorkshopLink::TooLong {
            chars,
            page,
            file: text,
        } => {
            let name = format!("{}.workshop.json", w.id);
            let on_download = {
                let (name, text) = (name.clone(), text.clone());
                Callback::from(move |_: MouseEvent| {
                    let _ = download(&name, &text, "application/json");
                })
            };
            html! {
                <>
                    <p class="too-long" role="status">{ format!(
                        "The link would be {chars} characters long, over the {} that survive being pasted anywhere. Hand out the learner file instead: learners open the page below and choose the file.",
                        link::MAX_URL_CHARS
                    ) }</p>
                    <p class="workshop-link-actions">
                        <button type="button" class="button primary" onclick={on_download}>{ format!("Download {name}") }</button>
                    </p>
                    <p class="workshop-link-row"><code class="workshop-link">{ page.clone() }</code></p>
                    <p class="workshop-link-actions"><CopyButton text={page} label="Copy the page address" /></p>
                </>
            }
        }
    };
    let total = resolved.total_minutes();
    html! {
        <>
            <section class="check-result ok" aria-labelledby="link-title">
                <h2 id="link-title">{ format!("“{}” is ready", w.title) }</h2>
                <p class="meta"><span>{ format!("{}: no problems", file.file) }</span><span>{ format!("id {}", w.id) }</span></p>
                { link_part }
                <p class="instructor-pages">
                    <a class="button" href={format!("#/instructor/report?w={payload}")}>{ "Class report" }</a>
                    <a class="button" href={format!("#/instructor/present?w={payload}")}>{ "Presenter view" }</a>
                </p>
            </section>
            <section class="time-plan" aria-labelledby="plan-title">
                <h2 id="plan-title">{ format!("Plan: {} h {:02} min", total / 60, total % 60) }</h2>
                <ol class="plan">
                    { for resolved.lessons.iter().map(|wl| {
                        let l = &wl.lesson;
                        let n = &wl.notes;
                        html! {
                            <li class="plan-lesson" data-lesson={l.id.clone()}>
                                <p class="plan-head">
                                    <span class="plan-time">{ format!("{}:{:02}", wl.start_minute / 60, wl.start_minute % 60) }</span>
                                    <strong>{ l.title.clone() }</strong>
                                    <span class="meta">{ format!("{} min · pass mark {}% · {} question{}", wl.minutes, l.pass_mark, l.quiz.len(), if l.quiz.len() == 1 { "" } else { "s" }) }</span>
                                </p>
                                <p class="plan-parts">{ format!("Sections: {}", l.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>().join(" · ")) }</p>
                                if !l.exercises.is_empty() {
                                    <p class="plan-parts">{ format!("Exercises: {}", l.exercises.iter().map(|e| if wl.extra_exercises.contains(&e.id) { format!("{} (workshop)", e.title) } else { e.title.clone() }).collect::<Vec<_>>().join(" · ")) }</p>
                                }
                                if !n.is_empty() {
                                    <div class="plan-notes">
                                        if let Some(t) = &n.timing { <p>{ format!("Timing: {t}") }</p> }
                                        if !n.prompts.is_empty() {
                                            <p>{ "Ask the class:" }</p>
                                            <ul>{ for n.prompts.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
                                        }
                                        if !n.expect.is_empty() {
                                            <p>{ "Wrong answers to expect:" }</p>
                                            <ul>{ for n.expect.iter().map(|e| html! { <li><code>{ e.item.clone() }</code>{ ": " }{ message_view(&e.note) }</li> }) }</ul>
                                        }
                                        { for n.other.iter().map(|o| html! { <p>{ o.clone() }</p> }) }
                                    </div>
                                }
                            </li>
                        }
                    }) }
                </ol>
            </section>
        </>
    }
}
