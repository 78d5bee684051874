//! The class report's second source: the statements a learning record store holds for a
//! registration, read every few seconds (`cloudhop_core::xapi::query` says where to ask and
//! checks every answer; `cloudhop_core::xapi::class` turns statements into receipts). The
//! instructor's read-only key and secret stay in this component's memory: they are never
//! stored, and are forgotten when the page closes.

use crate::components::message::message_view;
use crate::xapi::request;
use cloudhop_core::workshop::receipt::Receipt;
use cloudhop_core::workshop::report::utc_time;
use cloudhop_core::workshop::Outline;
use cloudhop_core::xapi::class::receipts_from_statements;
use cloudhop_core::xapi::delivery::Answer;
use cloudhop_core::xapi::query::{ClassSource, QueryError, StatementPage, MAX_PAGES, REFRESH_MS};
use std::cell::Cell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Learners read from the LRS, to add to the class report.
#[derive(Clone, PartialEq)]
pub struct LrsRead {
    /// One receipt per learner with statements for the workshop.
    pub receipts: Vec<Receipt>,
}

/// Properties of [`LrsReader`].
#[derive(Properties, PartialEq)]
pub struct LrsReaderProps {
    /// The workshop the class took.
    pub outline: Rc<Outline>,
    /// Called after every read with the learners found.
    pub on_read: Callback<LrsRead>,
}

/// Where reading stands.
#[derive(Clone, PartialEq)]
enum Reading {
    Stopped,
    /// Asking, for the first time since the instructor pressed the button.
    Starting,
    /// The last read's figures.
    Read {
        statements: usize,
        learners: usize,
        reads: u32,
        at_ms: u64,
        warning: Option<String>,
    },
    /// The last read failed; `retrying` when it is tried again.
    Failed {
        message: String,
        retrying: bool,
    },
}

/// The form and the reading loop.
#[function_component]
pub fn LrsReader(props: &LrsReaderProps) -> Html {
    let reading = use_state(|| Reading::Stopped);
    let form_error = use_state(|| None::<String>);
    // Bumped to stop the loop (the button, a new start, leaving the page).
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    {
        let generation = generation.borrow().clone();
        use_effect_with((), move |_| move || generation.set(generation.get() + 1));
    }
    let refs: [NodeRef; 5] = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    let value = |r: &NodeRef| {
        r.cast::<HtmlInputElement>()
            .map(|i| i.value())
            .unwrap_or_default()
    };

    let on_submit = {
        let refs = refs.clone();
        let reading = reading.clone();
        let form_error = form_error.clone();
        let generation = generation.borrow().clone();
        let outline = props.outline.clone();
        let on_read = props.on_read.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let [endpoint, key, secret, registration, activity] = &refs;
            match ClassSource::from_form(
                &value(endpoint),
                &value(key),
                &value(secret),
                &value(registration),
                &value(activity),
            ) {
                Err(e) => form_error.set(Some(e.to_string())),
                Ok(src) => {
                    form_error.set(None);
                    generation.set(generation.get() + 1);
                    reading.set(Reading::Starting);
                    let run = Run {
                        generation: generation.clone(),
                        mine: generation.get(),
                        src: Rc::new(src),
                        outline: outline.clone(),
                        on_read: on_read.clone(),
                        reading: reading.clone(),
                        reads: Rc::new(Cell::new(0)),
                    };
                    run.next();
                }
            }
        })
    };
    let on_stop = {
        let reading = reading.clone();
        let generation = generation.borrow().clone();
        Callback::from(move |_: MouseEvent| {
            generation.set(generation.get() + 1);
            reading.set(Reading::Stopped);
        })
    };
    let running = !matches!(
        *reading,
        Reading::Stopped
            | Reading::Failed {
                retrying: false,
                ..
            }
    );
    let [endpoint, key, secret, registration, activity] = &refs;
    let every = REFRESH_MS / 1000;
    html! {
        <section class="lrs-reader no-print" aria-labelledby="lrs-h">
            <h2 id="lrs-h">{ "From a learning record store" }</h2>
            <p class="hint">{ format!("Learners launched with xAPI parameters send statements to an LRS. Read a registration's statements here; the report is read again every {every} s. Use read-only credentials: they stay in this page and are forgotten when it closes.") }</p>
            <form class="lrs-form" onsubmit={on_submit}>
                <label>{ "LRS endpoint" }
                    <input ref={endpoint.clone()} name="endpoint" type="text" inputmode="url" placeholder="https://lrs.example.org/xAPI/" autocomplete="off" spellcheck="false" required=true /></label>
                <label>{ "Key" }
                    <input ref={key.clone()} name="key" type="text" autocomplete="off" spellcheck="false" required=true /></label>
                <label>{ "Secret" }
                    <input ref={secret.clone()} name="secret" type="password" autocomplete="off" /></label>
                <label>{ "Registration" }
                    <input ref={registration.clone()} name="registration" type="text" placeholder="1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed" autocomplete="off" spellcheck="false" required=true /></label>
                <label>{ "Course activity id" }
                    <input ref={activity.clone()} name="activity_id" type="text" inputmode="url" placeholder="https://courses.example.org/cloudhop" autocomplete="off" spellcheck="false" required=true /></label>
                <div class="row">
                    <button type="submit" class="button primary">{ if running { "Read again from the start" } else { "Read from the LRS" } }</button>
                    if running {
                        <button type="button" class="button quiet" onclick={on_stop}>{ "Stop reading" }</button>
                    }
                </div>
            </form>
            if let Some(e) = &*form_error {
                <p class="form-error" role="alert">{ message_view(e) }</p>
            }
            { status_view(&reading) }
        </section>
    }
}

fn status_view(r: &Reading) -> Html {
    match r {
        Reading::Stopped => html! {},
        Reading::Starting => html! {
            <p class="lrs-status" role="status" data-state="starting">{ "Reading from the LRS…" }</p>
        },
        Reading::Read {
            statements,
            learners,
            reads,
            at_ms,
            warning,
        } => html! {
            <div class="lrs-status" role="status" data-state="read" data-statements={statements.to_string()}
                data-learners={learners.to_string()} data-reads={reads.to_string()}>
                <p>{ format!(
                    "Read {statements} statement{} ({learners} learner{} for this workshop) at {} UTC; read again every {} s.",
                    if *statements == 1 { "" } else { "s" },
                    if *learners == 1 { "" } else { "s" },
                    utc_time(*at_ms),
                    REFRESH_MS / 1000
                ) }</p>
                if let Some(w) = warning {
                    <p class="form-error">{ message_view(w) }</p>
                }
            </div>
        },
        Reading::Failed { message, retrying } => html! {
            <p class="lrs-status form-error" role="alert" data-state="failed">
                { message_view(message) }
                { if *retrying { " It is tried again in a few seconds." } else { " Reading stopped: correct the form and read again." } }
            </p>
        },
    }
}

/// One reading loop: read, report, wait, again, until its generation is not the current one.
#[derive(Clone)]
struct Run {
    generation: Rc<Cell<u32>>,
    mine: u32,
    src: Rc<ClassSource>,
    outline: Rc<Outline>,
    on_read: Callback<LrsRead>,
    reading: UseStateHandle<Reading>,
    reads: Rc<Cell<u32>>,
}

impl Run {
    fn current(&self) -> bool {
        self.generation.get() == self.mine
    }

    fn next(self) {
        wasm_bindgen_futures::spawn_local(async move {
            if !self.current() {
                return;
            }
            let read = read_all(&self.src).await;
            if !self.current() {
                return;
            }
            let again = match read {
                Ok((statements, warning)) => {
                    let receipts =
                        receipts_from_statements(&statements, &self.src.activity_id, &self.outline);
                    self.reads.set(self.reads.get() + 1);
                    self.reading.set(Reading::Read {
                        statements: statements.len(),
                        learners: receipts.len(),
                        reads: self.reads.get(),
                        at_ms: js_sys::Date::now() as u64,
                        warning,
                    });
                    self.on_read.emit(LrsRead { receipts });
                    true
                }
                Err(Failure { message, retry }) => {
                    self.reading.set(Reading::Failed {
                        message,
                        retrying: retry,
                    });
                    retry
                }
            };
            if again {
                gloo_timers::callback::Timeout::new(REFRESH_MS, move || self.next()).forget();
            }
        });
    }
}

struct Failure {
    message: String,
    retry: bool,
}

/// Every statement of the registration, following `more` links (on the LRS's origin only),
/// and a warning when there were more pages than are read.
async fn read_all(src: &ClassSource) -> Result<(Vec<serde_json::Value>, Option<String>), Failure> {
    let mut url = src.first_page_url();
    let mut all = Vec::new();
    let stop = |e: QueryError| Failure {
        message: e.to_string(),
        retry: false,
    };
    for _ in 0..MAX_PAGES {
        let (status, text) = request("GET", &url, Some(&src.auth), None)
            .await
            .map_err(|e| Failure {
                message: format!("{e} (an LRS on another site must be named in the page's Content-Security-Policy and send CORS headers: see the README)."),
                retry: true,
            })?;
        if !(200..300).contains(&status) {
            let retry = Answer::of_status(status) == Answer::Retry;
            return Err(Failure {
                message: QueryError::Status(status).to_string(),
                retry,
            });
        }
        let page = StatementPage::read(&text).map_err(stop)?;
        all.extend(page.statements);
        match page.more {
            Some(more) => url = src.next_page_url(&more).map_err(stop)?,
            None => return Ok((all, None)),
        }
    }
    Ok((all, Some(QueryError::TooManyPages.to_string())))
}
