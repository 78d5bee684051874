//! The root component: routing, page chrome, theme and the progress context.

use crate::chrome::{replace_hash, ThemeToggle};
use crate::labs::{self, LabProps};
use crate::pages::{
    chunked::{self, InstructorView},
    course_map::CourseMap,
    glossary::GlossaryPage,
    lesson::LessonPage,
    progress::ProgressPage,
    workshop::{OpenWorkshopPage, WorkshopMode},
};
use crate::route::Route;
use crate::state::{course, shared_course, Action, ProgressHandle, ProgressState};
use crate::storage;
use cloudhop_core::labs::LabId;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The document title for a route: the page's own name, then the site's (`None`: the
/// page sets it, as workshop pages do).
fn page_title(route: &Route, course: &cloudhop_lessons::Course) -> Option<String> {
    const SITE: &str = "cloudhop · multi-cloud networking, hands on";
    let page = match route {
        Route::Home => return Some(SITE.to_string()),
        Route::InWorkshop(..) => return None,
        Route::OpenWorkshop(_) => "Open a workshop".to_string(),
        Route::HandIn => "Hand in".to_string(),
        Route::Instructor => "Workshop link".to_string(),
        Route::Lesson(id) => course
            .lesson(id)
            .map_or_else(|| "No such lesson".to_string(), |l| l.title.clone()),
        Route::Lab(lab, _) | Route::Embed(lab, _) => lab.title().to_string(),
        Route::Glossary(_) => "Glossary".to_string(),
        Route::Progress => "Your progress".to_string(),
        Route::ClassReport(_) => "Class report".to_string(),
        Route::Presenter(_) => "Presenter view".to_string(),
        Route::NotFound(_) => "Page not found".to_string(),
    };
    Some(format!("{page} · cloudhop"))
}

/// The app.
#[function_component]
pub fn App() -> Html {
    let route = use_state(Route::current);
    let progress: ProgressHandle = use_reducer(ProgressState::load);
    // The page's own "loading" block (app/index.html) goes once the app has drawn.
    use_effect_with((), |_| {
        if let Some(l) = gloo_utils::document().get_element_by_id("app-loading") {
            l.remove();
        }
        // Launched by an LMS for a learning record store: send `launched` and the queue.
        crate::xapi::start();
    });
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "hashchange", move |_| {
                    route.set(Route::current());
                    if let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) {
                        crate::scorm::located(&hash);
                    }
                    if let Some(w) = web_sys::window() {
                        w.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        // Another tab or window saved progress (or erased it): show what is stored now.
        // The browser sends this event to every other page of the origin, never to the
        // page that wrote.
        let progress = progress.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "storage", move |e| {
                    let key = e
                        .dyn_ref::<web_sys::StorageEvent>()
                        .and_then(web_sys::StorageEvent::key);
                    // `None`: the whole store was cleared.
                    if key
                        .as_deref()
                        .is_none_or(|k| k == storage::stored_key(storage::PROGRESS_KEY))
                    {
                        progress.dispatch(Action::StoredChanged);
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        // Once there is progress to lose, ask the browser to keep it (it may evict the
        // site's storage otherwise). Asked once per page load; the answer shows on the
        // Progress page.
        let has_progress = !progress.progress.lessons.is_empty() && progress.can_save;
        use_effect_with(has_progress, |has| {
            if *has {
                wasm_bindgen_futures::spawn_local(async {
                    storage::request_persistence().await;
                });
            }
        });
    }
    let course = course();
    {
        // The tab's title follows the page, so history, bookmarks and screen readers name it.
        let title = course
            .as_ref()
            .as_ref()
            .ok()
            .and_then(|c| page_title(&route, c));
        use_effect_with(title, |t| {
            if let Some(t) = t {
                gloo_utils::document().set_title(t);
            }
        });
    }
    let course = match shared_course() {
        Ok(c) => c,
        Err(errors) => {
            return html! {
                <main id="main" data-ready="true" class="content-error">
                    <h1>{ "The course content has errors" }</h1>
                    <ul>{ for errors.iter().map(|e| html! { <li><code>{ e.to_string() }</code></li> }) }</ul>
                </main>
            }
        }
    };

    {
        // A workshop link that opens: from now on the workshop's own address (the workshop is
        // kept in this browser), so a reload or a bookmark stays in workshop mode.
        let route = route.clone();
        use_effect_with((*route).clone(), move |r| {
            if let Route::OpenWorkshop(Some(link)) = r {
                let full = crate::state::course();
                if let Some(Ok(w)) = full
                    .as_ref()
                    .as_ref()
                    .ok()
                    .map(|c| crate::workshop::open(link, c))
                {
                    let home = Route::InWorkshop(w.id().to_string(), Box::new(Route::Home));
                    replace_hash(&home.href());
                    route.set(home);
                }
            }
        });
    }
    crate::scope::enter(match &*route {
        Route::InWorkshop(id, _) => Some(id.as_str()),
        _ => None,
    });
    if let Route::InWorkshop(id, page) = &*route {
        return match crate::workshop::by_id(id, &course) {
            Some(w) => html! {
                <WorkshopMode key={id.clone()} workshop={w} page={(**page).clone()} />
            },
            None => html! {
                <main id="main" data-ready="true" class="workshop-missing">
                    <h1>{ "This workshop is not open in this browser" }</h1>
                    <p>{ format!("The workshop \"{id}\" has not been opened here yet (or this browser does not keep data). Open the workshop link your instructor gave you again, or the workshop file.") }</p>
                    <p><a class="button" href={Route::OpenWorkshop(None).href()}>{ "Open a workshop file" }</a>{ " " }
                    <a class="button quiet" href="#/">{ "Go to my own course" }</a></p>
                </main>
            },
        };
    }

    if let Route::Embed(lab, state) = &*route {
        let full = Route::Lab(*lab, state.clone()).href();
        let on_state_change = {
            let lab = *lab;
            Callback::from(move |s: String| Route::Embed(lab, Some(s)).replace_in_place())
        };
        return html! {
            <ContextProvider<ProgressHandle> context={progress}>
                <main id="main" class="embed" data-ready="true">
                    { labs::view(*lab, LabProps { url_state: state.clone().map(AttrValue::from), on_state_change: Some(on_state_change), compact: true, ..Default::default() }) }
                    <p class="embed-credit"><a href={full} target="_blank" rel="noopener">{ "Open in cloudhop ↗" }</a></p>
                </main>
            </ContextProvider<ProgressHandle>>
        };
    }

    if let Route::Presenter(w) = &*route {
        // The projector view: no site chrome.
        return html! {
            <ContextProvider<ProgressHandle> context={progress}>
                <main id="main" tabindex="-1" class="presenter-main" data-ready="true">
                    { chunked::instructor(InstructorView::Presenter { course: course.clone(), link: w.clone().map(AttrValue::from) }) }
                </main>
            </ContextProvider<ProgressHandle>>
        };
    }

    let page = match &*route {
        Route::Home => html! { <CourseMap course={course.clone()} /> },
        Route::Lesson(id) => {
            html! { <LessonPage key={id.clone()} course={course.clone()} id={id.clone()} /> }
        }
        Route::Lab(lab, state) => {
            let lab = *lab;
            let on_state_change =
                Callback::from(move |s: String| Route::Lab(lab, Some(s)).replace_in_place());
            html! {
                <div class="lab-page">
                    { labs::view_shareable(lab, LabProps { url_state: state.clone().map(AttrValue::from), on_state_change: Some(on_state_change), ..Default::default() }) }
                </div>
            }
        }
        Route::Glossary(term) => {
            html! { <GlossaryPage course={course.clone()} focus={term.clone().map(AttrValue::from)} /> }
        }
        Route::Progress => html! { <ProgressPage course={course.clone()} /> },
        Route::OpenWorkshop(link) => {
            html! { <OpenWorkshopPage link={link.clone().map(AttrValue::from)} /> }
        }
        Route::Instructor => chunked::instructor(InstructorView::Link {
            course: course.clone(),
        }),
        Route::HandIn => html! {
            <div class="not-found">
                <h1>{ "Hand-in is part of a workshop" }</h1>
                <p>{ "Open the workshop link your instructor gave you: its pages have a Hand in button." }</p>
                <a class="button" href={Route::OpenWorkshop(None).href()}>{ "Open a workshop" }</a>
            </div>
        },
        Route::ClassReport(w) => chunked::instructor(InstructorView::ClassReport {
            course: course.clone(),
            link: w.clone().map(AttrValue::from),
        }),
        Route::Embed(..) | Route::InWorkshop(..) | Route::Presenter(_) => html! {},
        Route::NotFound(h) => html! {
            <div class="not-found">
                <h1>{ "Page not found" }</h1>
                <p>{ format!("Nothing lives at \"{h}\".") }</p>
                <a class="button" href="#/">{ "Back to the course map" }</a>
            </div>
        },
    };
    let nav_class = |r: &Route| {
        let active = match (&*route, r) {
            (Route::Home, Route::Home) | (Route::Lesson(_), Route::Home) => true,
            (Route::Lab(a, _), Route::Lab(b, _)) => a == b,
            (Route::Glossary(_), Route::Glossary(_)) | (Route::Progress, Route::Progress) => true,
            _ => false,
        };
        if active {
            "active"
        } else {
            ""
        }
    };
    let nav_item = |r: Route, label: &str| {
        let class = nav_class(&r);
        html! { <li><a class={class} href={r.href()} aria-current={(!class.is_empty()).then_some("page")}>{ label.to_string() }</a></li> }
    };
    let notice = progress.notice.clone();
    let dismiss = {
        let progress = progress.clone();
        Callback::from(move |_: MouseEvent| progress.dispatch(Action::Dismiss))
    };

    html! {
        <ContextProvider<ProgressHandle> context={progress}>
            <a class="skip-link" href="#/" onclick={Callback::from(|e: MouseEvent| {
                e.prevent_default();
                if let Some(m) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
                    if let Ok(h) = m.dyn_into::<web_sys::HtmlElement>() { let _ = h.focus(); }
                }
            })}>{ "Skip to content" }</a>
            <header class="site-header no-print">
                <a class="brand" href="#/" aria-label="cloudhop home">
                    <svg viewBox="0 0 64 64" width="28" height="28" aria-hidden="true"><rect width="64" height="64" rx="14" class="brand-bg"/><path d="M18 42a10 10 0 0 1 1-20 13 13 0 0 1 25 3 8.5 8.5 0 0 1 2 17z" class="brand-cloud"/></svg>
                    <span>{ "cloudhop" }</span>
                </a>
                <nav aria-label="Main">
                    <ul>
                        { nav_item(Route::Home, "Course") }
                        { for LabId::ALL.iter().map(|l| nav_item(Route::Lab(*l, None), l.title())) }
                        { nav_item(Route::Glossary(None), "Glossary") }
                        { nav_item(Route::Progress, "Progress") }
                    </ul>
                </nav>
                <ThemeToggle />
            </header>
            if let Some(n) = notice {
                <div class={classes!("notice", n.warning.then_some("warning"))} role="status">
                    <p>{ n.text }</p>
                    <button class="button quiet" onclick={dismiss} aria-label="Dismiss this message">{ "Dismiss" }</button>
                </div>
            }
            <main id="main" tabindex="-1" data-ready="true">{ page }</main>
            <crate::xapi::XapiStatus />
            <footer class="site-footer no-print">
                <p>{ "cloudhop runs entirely in your browser: no account, no tracking, no requests to other sites. Progress stays on this device." }</p>
            </footer>
        </ContextProvider<ProgressHandle>>
    }
}
