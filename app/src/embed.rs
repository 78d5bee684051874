//! One lab alone, for other sites to embed: the shell of each per-lab bundle
//! (`app/src/bin/embed-<lab>.rs`, built by `scripts/build-site` into `dist/embed/<lab>/`).
//!
//! It reads the embed URL (`cloudhop_core::embed::EmbedParams`), applies the theme and the
//! background, renders the lab, and speaks the `cloudhop:*` protocol with the page around
//! it (`docs/embed-protocol.md`): it tells the parent its height (also in Embedly's
//! dialect), when it is ready, and, to the host origin named in the URL only, each change
//! of scenario and each check; it obeys set-state, reset, get-state and set-theme from that
//! origin only. What may be sent where, and which messages are commands, is decided in
//! `core`; this module only posts and listens. It touches no storage, so it works in a
//! sandboxed iframe (opaque origin) as it does anywhere.

use crate::labs::{ExerciseHook, LabProps};
use cloudhop_core::embed::{Background, Command, EmbedParams, Outgoing, Theme};
use cloudhop_core::exercise::{decode_state, Verdict};
use cloudhop_core::labs::{ExerciseSpec, Listed};
use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Start the embed of lab `L`, drawn by component `C`. `exercises` is the lab's exercise
/// file (`lessons/content/exercises/<lab>.md`), for `?exercise=<id>`.
pub fn run<L, C>(exercises: &'static str)
where
    L: Listed + 'static,
    C: BaseComponent<Properties = LabProps>,
{
    let exercise = exercise_of::<L>(exercises);
    yew::Renderer::<Embed<L, C>>::with_props(EmbedProps {
        exercise,
        _lab: PhantomData,
    })
    .render();
}

/// The exercise named by `?exercise=`, or what is wrong with the name.
fn exercise_of<L: Listed>(file: &str) -> Option<Result<Rc<Exercise>, String>> {
    let id = query_param("exercise")?;
    Some(
        cloudhop_lessons::lab_exercise::find::<L>(file, &id).map(|e| {
            Rc::new(Exercise {
                id: e.id,
                title: e.title,
                spec: Rc::new(L::spec_of(e.params)),
            })
        }),
    )
}

/// An exercise an embed runs.
#[derive(PartialEq)]
pub struct Exercise {
    id: String,
    title: String,
    spec: Rc<ExerciseSpec>,
}

/// The embed's properties.
#[derive(Properties)]
pub struct EmbedProps<L: Listed + 'static> {
    exercise: Option<Result<Rc<Exercise>, String>>,
    _lab: PhantomData<L>,
}

impl<L: Listed + 'static> PartialEq for EmbedProps<L> {
    fn eq(&self, other: &Self) -> bool {
        self.exercise == other.exercise
    }
}

fn window() -> web_sys::Window {
    gloo_utils::window()
}

fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
        .map(cloudhop_core::share::decode)
        .filter(|v| !v.is_empty())
}

/// The window around this one, when there is one.
fn parent() -> Option<web_sys::Window> {
    let me = window();
    let parent = me.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &me)).then_some(parent)
}

/// Post `message` to the parent, to the origin `core` allows (or not at all).
fn post(params: &EmbedParams, message: &Outgoing) {
    let (Some(parent), Some(target)) = (parent(), message.target(params.host.as_ref())) else {
        return;
    };
    if let Ok(value) = js_sys::JSON::parse(&message.to_json()) {
        let _ = parent.post_message(&value, &target);
    }
    if let Outgoing::Ready { height, .. } | Outgoing::Resize { height, .. } = message {
        let embedly = Outgoing::embedly_resize(*height, &opening_href());
        let _ = parent.post_message(&JsValue::from_str(&embedly), &target);
    }
}

thread_local! {
    /// The URL the host gave the frame, before anything changed it: Embedly's resizer finds
    /// the frame by it.
    static OPENING_HREF: String = window().location().href().unwrap_or_default();
}

fn opening_href() -> String {
    OPENING_HREF.with(String::clone)
}

/// The height of the embed's content in CSS pixels (the frame's height to ask for).
fn content_height() -> u32 {
    let doc = gloo_utils::document();
    let Some(main) = doc.query_selector("main.embed").ok().flatten() else {
        return 0;
    };
    let rect = main.get_bounding_client_rect();
    let scrolled = window().scroll_y().unwrap_or(0.0);
    let bottom = rect.bottom() + scrolled;
    if bottom.is_finite() && bottom > 0.0 {
        bottom.ceil().min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

fn apply_theme(theme: Theme, background: Background) {
    let Some(root) = gloo_utils::document().document_element() else {
        return;
    };
    let _ = match theme.data_theme() {
        Some(t) => root.set_attribute("data-theme", t),
        None => root.remove_attribute("data-theme"),
    };
    let list = root.class_list();
    let _ = match background {
        Background::Transparent => list.add_1("embed-transparent"),
        Background::Page => list.remove_1("embed-transparent"),
    };
}

/// A key the lab has not had yet (remounting it opens the state it is given).
fn next_key(keys: &RefCell<u32>) -> u32 {
    let mut k = keys.borrow_mut();
    *k = k.wrapping_add(1);
    *k
}

/// The lab on its own, speaking the protocol.
#[function_component]
pub fn Embed<L, C>(props: &EmbedProps<L>) -> Html
where
    L: Listed + 'static,
    C: BaseComponent<Properties = LabProps>,
{
    let params = use_memo((), |_| {
        EmbedParams::parse(&window().location().search().unwrap_or_default())
    });
    let theme = use_state(|| params.theme);
    // The lab is remounted (a new key) when the host sets or resets its state.
    let opened = use_state(|| (0u32, params.state.clone()));
    // The scenario as the lab last reported it; `None` until the lab has drawn.
    let current = use_mut_ref(|| None::<String>);
    let link_state = use_state_eq(|| params.state.clone());
    // A get-state that came before the lab had reported its state.
    let asked = use_mut_ref(|| false);
    {
        let background = params.background;
        use_effect_with(*theme, move |t| apply_theme(*t, background));
    }
    let exercise = match &props.exercise {
        Some(Ok(e)) => Some(e.clone()),
        _ => None,
    };
    let exercise_problem = match &props.exercise {
        Some(Err(e)) => Some(e.clone()),
        _ => None,
    };

    // Height: ready once, then each change, measured after every layout change of the page.
    {
        let params = params.clone();
        use_effect_with((), move |_| {
            if let Some(l) = gloo_utils::document().get_element_by_id("embed-loading") {
                l.remove();
            }
            let last = Rc::new(RefCell::new(None::<u32>));
            let report = {
                let params = params.clone();
                move || {
                    let height = content_height();
                    let before = last.replace(Some(height));
                    match before {
                        None => post(
                            &params,
                            &Outgoing::Ready {
                                lab: L::SLUG,
                                height,
                            },
                        ),
                        Some(h) if h != height => post(
                            &params,
                            &Outgoing::Resize {
                                lab: L::SLUG,
                                height,
                            },
                        ),
                        Some(_) => {}
                    }
                }
            };
            report();
            let callback = Closure::<dyn FnMut()>::new(report);
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(main)) = (
                &observer,
                gloo_utils::document()
                    .query_selector("main.embed")
                    .ok()
                    .flatten(),
            ) {
                o.observe(&main);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(callback);
            }
        });
    }

    // Commands from the host origin; anything else is ignored.
    {
        let params = params.clone();
        let (theme, opened, current, asked) = (
            theme.clone(),
            opened.clone(),
            current.clone(),
            asked.clone(),
        );
        let keys = Rc::new(RefCell::new(0u32));
        use_effect_with((), move |_| {
            let listener = gloo_events::EventListener::new(&window(), "message", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                    return;
                };
                let from_parent = match (parent(), e.source()) {
                    (Some(p), Some(s)) => js_sys::Object::is(&p, &s),
                    _ => false,
                };
                if !from_parent || !params.accepts_from(&e.origin()) {
                    return;
                }
                let Some(data) = js_sys::JSON::stringify(&e.data())
                    .ok()
                    .and_then(|s| s.as_string())
                else {
                    return;
                };
                let error = |message: String| {
                    post(
                        &params,
                        &Outgoing::Error {
                            lab: L::SLUG,
                            message,
                        },
                    )
                };
                match Command::parse(&data) {
                    Ok(Command::SetTheme(t)) => theme.set(t),
                    // Until the lab (re)opened has reported its state, the answer waits.
                    Ok(Command::GetState) => match current.borrow().clone() {
                        Some(state) => post(
                            &params,
                            &Outgoing::State {
                                lab: L::SLUG,
                                state,
                            },
                        ),
                        None => *asked.borrow_mut() = true,
                    },
                    // The lab opens afresh (a new key); its first report is the state.
                    Ok(Command::Reset) => {
                        *current.borrow_mut() = None;
                        opened.set((next_key(&keys), None));
                    }
                    Ok(Command::SetState(text)) => match decode_state::<L>(&text) {
                        Ok(_) => {
                            *current.borrow_mut() = None;
                            opened.set((next_key(&keys), Some(text)));
                        }
                        Err(e) => error(format!("the state was not opened: {e}")),
                    },
                    Err(cloudhop_core::embed::CommandError::NotOurs) => {}
                    Err(e) => error(e.to_string()),
                }
            });
            move || drop(listener)
        });
    }

    let on_state_change = {
        let (params, current, link_state, asked) = (
            params.clone(),
            current.clone(),
            link_state.clone(),
            asked.clone(),
        );
        use_callback((), move |text: String, _| {
            let before = current.replace(Some(text.clone()));
            if asked.replace(false) {
                post(
                    &params,
                    &Outgoing::State {
                        lab: L::SLUG,
                        state: text.clone(),
                    },
                );
            }
            // The lab reports the state it opens with: that is no change.
            if before.is_some_and(|b| b != text) {
                post(
                    &params,
                    &Outgoing::StateChanged {
                        lab: L::SLUG,
                        state: text.clone(),
                    },
                );
            }
            link_state.set(Some(text));
        })
    };
    let hook = {
        let params = params.clone();
        use_memo(exercise.clone(), move |ex| {
            ex.as_ref().map(|ex| ExerciseHook {
                spec: ex.spec.clone(),
                saved_state: None,
                on_check: Callback::from(move |(v, state): (Verdict, Option<String>)| {
                    post(
                        &params,
                        &Outgoing::Checked {
                            lab: L::SLUG,
                            passed: v.passed,
                            message: v.message,
                            state: state.unwrap_or_default(),
                        },
                    );
                }),
            })
        })
    };
    let lab_props = LabProps {
        url_state: opened.1.clone().map(AttrValue::from),
        on_state_change: Some(on_state_change),
        on_scenario: None,
        exercise: (*hook).clone(),
        compact: true,
    };
    let full = format!(
        "../../#/lab/{}{}",
        L::SLUG,
        link_state
            .as_deref()
            .map(|s| format!("?s={s}"))
            .unwrap_or_default()
    );
    let problems: Vec<String> = params
        .problems
        .iter()
        .cloned()
        .chain(exercise_problem)
        .collect();
    html! {
        <main id="main" class="embed" data-ready="true" data-lab={L::SLUG}>
            if !problems.is_empty() {
                <ul class="embed-problems" role="status">
                    { for problems.into_iter().map(|p| html! { <li>{ p }</li> }) }
                </ul>
            }
            if let Some(ex) = &exercise {
                <h2 class="embed-exercise" data-exercise={ex.id.clone()}>{ ex.title.clone() }</h2>
            }
            <C key={opened.0} ..lab_props />
            <p class="embed-credit"><a href={full} target="_blank" rel="noopener">{ "Open in cloudhop ↗" }</a></p>
        </main>
    }
}
