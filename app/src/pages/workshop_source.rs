//! Where an instructor page (class report, presenter) gets its workshop: the `w=` link
//! payload in its hash, or a workshop file, link or learner workshop file pasted or chosen
//! on the page (read by `cloudhop_lessons::workshop::open_pasted`). A pasted workshop's link goes
//! into the address bar, so a reload opens it again (without notes: a link carries none).

use crate::route::Route;
use cloudhop_core::workshop::encode_link;
use cloudhop_lessons::workshop::{open_pasted, Opened};
use cloudhop_lessons::Course;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Which instructor page the gate opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstructorPage {
    /// `#/instructor/report`.
    Report,
    /// `#/instructor/present`.
    Present,
}

impl InstructorPage {
    /// The page's route for the link payload `w`.
    pub fn route(self, w: Option<String>) -> Route {
        match self {
            InstructorPage::Report => Route::ClassReport(w),
            InstructorPage::Present => Route::Presenter(w),
        }
    }
}

/// Properties of [`WorkshopGate`].
#[derive(Properties, PartialEq)]
pub struct WorkshopGateProps {
    /// The course.
    pub course: Rc<Course>,
    /// The `w=` payload from the hash, if any.
    #[prop_or_default]
    pub link: Option<AttrValue>,
    /// The page (to put a pasted workshop's link in the address bar).
    pub target: InstructorPage,
    /// The page's heading while no workshop is open.
    pub heading: AttrValue,
    /// The page, once a workshop is open.
    pub page: Callback<Rc<Opened>, Html>,
}

/// Opens the workshop, then renders the page with it.
#[function_component]
pub fn WorkshopGate(props: &WorkshopGateProps) -> Html {
    let from_link = use_memo(
        (props.link.clone(), props.course.clone()),
        |(link, course)| link.as_ref().map(|l| open_pasted(l, course).map(Rc::new)),
    );
    let pasted = use_state(|| None::<Rc<Opened>>);
    let errors = use_state(Vec::<String>::new);
    let reader = use_mut_ref(|| None::<gloo_file::callbacks::FileReader>);

    if let Some(opened) = &*pasted {
        return props.page.emit(opened.clone());
    }
    if let Some(Ok(opened)) = &*from_link {
        return props.page.emit(opened.clone());
    }

    let try_open = {
        let pasted = pasted.clone();
        let errors = errors.clone();
        let course = props.course.clone();
        let target = props.target;
        Rc::new(move |text: String| match open_pasted(&text, &course) {
            Ok(o) => {
                let hash = target.route(Some(encode_link(&o.resolved.workshop))).href();
                if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
                }
                errors.set(Vec::new());
                pasted.set(Some(Rc::new(o)));
            }
            Err(e) => errors.set(e),
        })
    };
    let area = use_node_ref();
    let onsubmit = {
        let area = area.clone();
        let try_open = try_open.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(t) = area.cast::<HtmlTextAreaElement>() {
                try_open(t.value());
            }
        })
    };
    let onchange = {
        let try_open = try_open.clone();
        let errors = errors.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let try_open = try_open.clone();
            let errors = errors.clone();
            let task =
                gloo_file::callbacks::read_as_text(&gloo_file::File::from(file), move |read| {
                    match read {
                        Ok(text) => try_open(text),
                        Err(e) => errors.set(vec![format!("could not read the file: {e}")]),
                    }
                });
            *reader.borrow_mut() = Some(task);
        })
    };
    let link_error = match &*from_link {
        Some(Err(e)) => e.clone(),
        _ => Vec::new(),
    };
    html! {
        <div class="instructor-page workshop-gate">
            <h1>{ props.heading.clone() }</h1>
            if !link_error.is_empty() {
                <div class="message error" role="alert">
                    <p>{ "The workshop in this page's link cannot be opened:" }</p>
                    <ul>{ for link_error.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
                </div>
            }
            <p>{ "Paste the workshop file you wrote (its instructor notes stay on this page), the workshop link, or the learner workshop file; or choose the file." }</p>
            <form class="workshop-open" {onsubmit}>
                <label for="workshop-text">{ "Workshop file or link" }</label>
                <textarea id="workshop-text" ref={area} rows="8" spellcheck="false" autocomplete="off" />
                <div class="row">
                    <button type="submit" class="button primary">{ "Open workshop" }</button>
                    <label class="button quiet file-button">
                        { "Choose a file…" }
                        <input type="file" class="visually-hidden" accept=".md,.txt,.json" {onchange} />
                    </label>
                </div>
            </form>
            if !errors.is_empty() {
                <div class="message error" role="alert">
                    <p>{ "The workshop cannot be opened:" }</p>
                    <ul>{ for errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
                </div>
            }
        </div>
    }
}
