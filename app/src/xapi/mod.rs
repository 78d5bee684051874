//! Statements to a learning record store (LRS) when an LMS launched the course with the
//! Tin Can launch parameters (`core::xapi`): the launch is kept for the browser session
//! (sessionStorage, never localStorage), `launched` is sent once per session, each progress
//! change sends the statements `core::xapi` computes. Statements wait in an IndexedDB
//! queue (`cloudhop-xapi`, store `queue`) so they survive going offline and reloads; they
//! are sent one by one, in order (PUT `statements?statementId=…`, so a resend is the same
//! statement), retried on a network failure or a 5xx when `online` fires or after a
//! backoff. A refusal (4xx other than 409, which means "already stored") is listed under
//! "not accepted" with the reason and dropped. Requests go to the launch's endpoint only.

pub mod cmi5;

use cloudhop_core::progress::Progress;
use cloudhop_core::xapi::delivery::{Answer, Backoff, ClosingBatch};
use cloudhop_core::xapi::{self, LaunchParams, LearningEvent, LessonOutline, Statement};
use cloudhop_lessons::Course;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

const LAUNCH_KEY: &str = "cloudhop.xapi.launch";
const SESSION_KEY: &str = "cloudhop.xapi.session";
const DB: &str = "cloudhop-xapi";
const STORE: &str = "queue";
/// The course's name in statements.
const COURSE_TITLE: &str = "cloudhop: multi-cloud networking";

/// A statement the LRS refused, with its reason.
#[derive(Clone, PartialEq)]
pub struct Refused {
    /// Verb and object, for a person.
    pub what: String,
    /// HTTP status and the LRS's message.
    pub reason: String,
}

/// What the sender shows.
#[derive(Clone, PartialEq, Default)]
pub struct Status {
    /// The launch is active.
    pub active: bool,
    /// A launch query that could not be used, with why.
    pub launch_problem: Option<String>,
    /// Statements sent and stored since this page opened.
    pub sent: usize,
    /// Statements waiting in the queue (as last counted).
    pub waiting: usize,
    /// The last problem reaching the LRS (it is retried).
    pub last_problem: Option<String>,
    /// Refused statements.
    pub refused: Vec<Refused>,
    /// A cmi5 session has ended (terminated sent): nothing more is sent.
    pub ended: bool,
}

struct Sender {
    launch: Option<LaunchParams>,
    to_store: VecDeque<String>,
    /// Every statement this page queued that the LRS has not answered yet (stored or
    /// refused), oldest first: what the page sends as it goes ([`cmi5`]'s pagehide).
    unsent: Vec<String>,
    pumping: bool,
    backoff: Backoff,
    status: Status,
    /// The cmi5 session, when the LMS launched with cmi5.
    cmi5: Option<cmi5::Session>,
    watchers: Vec<Callback<()>>,
    _online: Option<gloo_events::EventListener>,
    _pagehide: Option<gloo_events::EventListener>,
}

impl Sender {
    /// Queue one statement (JSON) to send after those queued before it.
    fn queue(&mut self, json: String) {
        self.unsent.push(json.clone());
        self.to_store.push_back(json);
    }

    /// The LRS answered for `json` (stored it or refused it): it is no longer unsent.
    fn answered(&mut self, json: &str) {
        if let Some(i) = self.unsent.iter().position(|u| u == json) {
            self.unsent.remove(i);
        }
    }
}

thread_local! {
    static SENDER: RefCell<Sender> = const { RefCell::new(Sender {
        launch: None,
        to_store: VecDeque::new(),
        unsent: Vec::new(),
        pumping: false,
        backoff: Backoff::new(),
        status: Status { active: false, launch_problem: None, sent: 0, waiting: 0, last_problem: None, refused: Vec::new(), ended: false },
        cmi5: None,
        watchers: Vec::new(),
        _online: None,
        _pagehide: None,
    }) };
}

fn notify() {
    let watchers = SENDER.with(|s| s.borrow().watchers.clone());
    for w in watchers {
        w.emit(());
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// "Erase all my data": forget the launch (this session sends nothing more) and delete
/// the queue of statements not yet sent, with the responses they hold.
pub fn erase() {
    SENDER.with(|s| {
        let mut s = s.borrow_mut();
        s.launch = None;
        s.cmi5 = None;
        s.to_store.clear();
        s.unsent.clear();
        s.status = Status::default();
    });
    if let Some(store) = session_storage() {
        let _ = store.remove_item(LAUNCH_KEY);
        let _ = store.remove_item(SESSION_KEY);
        let _ = store.remove_item(cmi5::CMI5_KEY);
    }
    if let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) {
        // Deleted once any open connection closes (a send in flight finishes first).
        let _ = factory.delete_database(DB);
    }
    notify();
}

/// Read the launch (the URL's query, else this session's earlier launch) and start: send
/// `launched` once per browser session and whatever the queue still holds.
pub fn start() {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    if cmi5::start(&search) {
        return;
    }
    let store = session_storage();
    let query = if LaunchParams::requested(&search) {
        Some(search)
    } else {
        store
            .as_ref()
            .and_then(|s| s.get_item(LAUNCH_KEY).ok().flatten())
    };
    let Some(query) = query else { return };
    let launch = match LaunchParams::from_query(&query) {
        Ok(l) => l,
        Err(e) => {
            SENDER.with(|s| s.borrow_mut().status.launch_problem = Some(e.to_string()));
            return;
        }
    };
    let session = store
        .as_ref()
        .and_then(|s| s.get_item(SESSION_KEY).ok().flatten());
    let first_in_session = session.is_none();
    let session = session.unwrap_or_else(|| {
        let id = format!(
            "{}-{:08x}",
            js_sys::Date::now() as u64,
            (js_sys::Math::random() * 4_294_967_296.0) as u32
        );
        if let Some(s) = &store {
            let _ = s.set_item(SESSION_KEY, &id);
        }
        id
    });
    if let Some(s) = &store {
        let _ = s.set_item(LAUNCH_KEY, &query);
    }
    let online = listen_online();
    SENDER.with(|s| {
        let mut s = s.borrow_mut();
        s.status.active = true;
        s._online = online;
        if first_in_session {
            if let Some(st) = xapi::statement(
                &LearningEvent::Launched { session },
                &launch,
                COURSE_TITLE,
                &[],
                Some(&now_iso()),
            ) {
                s.queue(st.to_json());
            }
        }
        s.launch = Some(launch);
    });
    pump();
}

/// Send again as soon as the browser is online.
fn listen_online() -> Option<gloo_events::EventListener> {
    web_sys::window().map(|w| {
        gloo_events::EventListener::new(&w, "online", |_| {
            SENDER.with(|s| s.borrow_mut().backoff.reset());
            pump();
        })
    })
}

/// The lessons of `course` as `core::xapi` takes them.
fn outlines(course: &Course) -> Vec<LessonOutline<'_>> {
    course
        .lessons
        .iter()
        .map(|l| LessonOutline {
            id: &l.id,
            title: &l.title,
            pass_mark: l.pass_mark,
            items: &l.quiz,
            exercises: l
                .exercises
                .iter()
                .map(|e| (e.id.as_str(), e.title.as_str()))
                .collect(),
        })
        .collect()
}

/// The learner changed progress from `old` to `new` in `course`: queue the statements.
pub fn progress_changed(course: &Course, old: &Progress, new: &Progress) {
    let Some(launch) = SENDER.with(|s| s.borrow().launch.clone()) else {
        return;
    };
    let statements: Vec<Statement> = xapi::statements_for_change(
        &launch,
        COURSE_TITLE,
        old,
        new,
        &outlines(course),
        Some(&now_iso()),
    );
    let now = now_iso();
    let queued = SENDER.with(|s| {
        let mut s = s.borrow_mut();
        let json: Vec<String> = match s.cmi5.as_mut() {
            // cmi5: ours are "cmi5 allowed" statements on the LMS's template, then the
            // AU's own completed / passed / failed for the course's result.
            Some(c) => c.statements(
                &statements,
                course.scorm_result(old),
                course.scorm_result(new),
                &now,
            ),
            None => statements.iter().map(Statement::to_json).collect(),
        };
        let n = json.len();
        for j in json {
            s.queue(j);
        }
        n
    });
    if queued > 0 {
        pump();
    }
}

/// One pump at a time: store what is new in the queue, then send the queue in order.
fn pump() {
    let busy = SENDER.with(|s| std::mem::replace(&mut s.borrow_mut().pumping, true));
    if busy {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let outcome = run().await;
        let retry = SENDER.with(|s| {
            let mut s = s.borrow_mut();
            s.pumping = false;
            match outcome {
                Ok(Flow::Done) => {
                    s.backoff.reset();
                    s.status.last_problem = None;
                    None
                }
                Ok(Flow::Wait(why)) | Err(why) => {
                    s.status.last_problem = Some(why);
                    Some(s.backoff.next_wait_ms())
                }
            }
        });
        notify();
        // New statements may have come while the last request was out.
        let more = SENDER.with(|s| !s.borrow().to_store.is_empty());
        if more {
            pump();
        } else if let Some(ms) = retry {
            gloo_timers::callback::Timeout::new(ms, pump).forget();
        } else {
            cmi5::after_pump();
        }
    });
}

enum Flow {
    Done,
    Wait(String),
}

async fn run() -> Result<Flow, String> {
    // Nothing to do without a launch (never launched, or erased): open no database.
    if SENDER.with(|s| s.borrow().launch.is_none()) {
        return Ok(Flow::Done);
    }
    let db = open_db().await?;
    let flow = send_queue(&db).await;
    // Closed at once, so that "Erase all my data" can delete the database.
    db.close();
    flow
}

async fn send_queue(db: &web_sys::IdbDatabase) -> Result<Flow, String> {
    loop {
        let next = SENDER.with(|s| s.borrow_mut().to_store.pop_front());
        let Some(json) = next else { break };
        if let Err(e) = queue_add(db, &json).await {
            // Not stored: keep it in memory at the front, to try again.
            SENDER.with(|s| s.borrow_mut().to_store.push_front(json));
            return Err(format!("the statement queue could not be written: {e}"));
        }
    }
    loop {
        // Read each time: an erase in between stops the sending.
        let Some(launch) = SENDER.with(|s| s.borrow().launch.clone()) else {
            return Ok(Flow::Done);
        };
        let count = queue_count(db).await.unwrap_or(0);
        SENDER.with(|s| s.borrow_mut().status.waiting = count);
        notify();
        let Some((key, json)) = queue_first(db).await? else {
            return Ok(Flow::Done);
        };
        let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
        if !online {
            return Ok(Flow::Wait(
                "offline: statements wait until the connection is back".into(),
            ));
        }
        match put(&launch, &json).await {
            Sent::Stored => {
                SENDER.with(|s| {
                    let mut s = s.borrow_mut();
                    s.status.sent += 1;
                    s.answered(&json);
                });
                queue_delete(db, &key).await?;
            }
            Sent::Refused(reason) => {
                let what = describe(&json);
                web_sys::console::warn_1(
                    &format!("xAPI statement not accepted by the LRS: {what}: {reason}").into(),
                );
                SENDER.with(|s| {
                    let mut s = s.borrow_mut();
                    s.status.refused.push(Refused { what, reason });
                    s.answered(&json);
                });
                queue_delete(db, &key).await?;
            }
            Sent::Retry(why) => return Ok(Flow::Wait(why)),
        }
    }
}

/// A statement for a person: verb and object id.
fn describe(json: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(s) => format!(
            "{} {}",
            s.pointer("/verb/display/en-US")
                .and_then(|v| v.as_str())
                .unwrap_or_default(),
            s.pointer("/object/id")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
        ),
        Err(_) => "a statement".into(),
    }
}

pub(super) enum Sent {
    Stored,
    Refused(String),
    Retry(String),
}

pub(super) async fn put(launch: &LaunchParams, json: &str) -> Sent {
    // Read as plain JSON: a cmi5 statement carries more than `Statement` types.
    let id = serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| v.get("id").and_then(|i| i.as_str()).map(str::to_string))
        .unwrap_or_default();
    let url = format!("{}?statementId={id}", launch.statements_url());
    let (status, text) = match request("PUT", &url, Some(&launch.auth), Some(json)).await {
        Ok(r) => r,
        Err(e) => return Sent::Retry(e),
    };
    match Answer::of_status(status) {
        Answer::Stored => Sent::Stored,
        Answer::Refused => Sent::Refused(format!(
            "HTTP {status}: {}",
            text.chars().take(300).collect::<String>()
        )),
        Answer::Retry => Sent::Retry(format!("the learning record store answered HTTP {status}")),
    }
}

/// The request the app sends an LRS: xAPI 1.0.3 headers, JSON body, no cookies.
fn request_init(
    method: &str,
    auth: Option<&str>,
    body: Option<&str>,
) -> Result<web_sys::RequestInit, String> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(b) = body {
        init.set_body(&JsValue::from_str(b));
    }
    init.set_credentials(web_sys::RequestCredentials::Omit);
    let headers = web_sys::Headers::new().map_err(|_| "headers could not be made")?;
    if body.is_some() {
        let _ = headers.set("Content-Type", "application/json");
    }
    let _ = headers.set("X-Experience-API-Version", "1.0.3");
    if let Some(a) = auth {
        let _ = headers.set("Authorization", a);
    }
    init.set_headers(&headers);
    Ok(init)
}

/// POST `batch` (a JSON array of statements) now and do not wait: the browser finishes the
/// request after the page is gone (`keepalive`). For what a page says as it goes
/// ([`ClosingBatch`]).
pub(crate) fn post_keepalive(launch: &LaunchParams, batch: &ClosingBatch) {
    let (Some(window), Ok(init)) = (
        web_sys::window(),
        request_init("POST", Some(&launch.auth), Some(&batch.body)),
    ) else {
        return;
    };
    // RequestInit is a plain dictionary; web-sys has no setter for `keepalive`.
    let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
    let _ = window.fetch_with_str_and_init(&launch.statements_url(), &init);
}

/// One request to an LRS or an LMS's cmi5 fetch URL (xAPI 1.0.3 headers, no cookies): its
/// status and body text, or why it could not be made. The one place the app talks to an
/// LRS.
pub async fn request(
    method: &str,
    url: &str,
    auth: Option<&str>,
    body: Option<&str>,
) -> Result<(u16, String), String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = request_init(method, auth, body)?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| "the learning record store could not be reached".to_string())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "no response")?;
    let text = match response.text() {
        Ok(p) => wasm_bindgen_futures::JsFuture::from(p)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok((response.status(), text))
}

// ---- IndexedDB, through web-sys, each request awaited as a promise ----

fn request_promise(req: &web_sys::IdbRequest) -> js_sys::Promise {
    let req = req.clone();
    js_sys::Promise::new(&mut |resolve, reject| {
        let ok_req = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(
                &JsValue::NULL,
                &ok_req.result().unwrap_or(JsValue::UNDEFINED),
            );
        });
        let bad = Closure::once_into_js(move || {
            let _ = reject.call1(
                &JsValue::NULL,
                &JsValue::from_str("IndexedDB request failed"),
            );
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(bad.unchecked_ref()));
    })
}

async fn await_request(req: &web_sys::IdbRequest) -> Result<JsValue, String> {
    wasm_bindgen_futures::JsFuture::from(request_promise(req))
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| "IndexedDB failed".into()))
}

async fn open_db() -> Result<web_sys::IdbDatabase, String> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or("IndexedDB is not available in this browser")?;
    let open = factory
        .open_with_u32(DB, 1)
        .map_err(|_| "IndexedDB refused to open")?;
    let upgrade = Closure::once_into_js({
        let open = open.clone();
        move || {
            if let Ok(db) = open.result() {
                let db: web_sys::IdbDatabase = db.unchecked_into();
                if !db.object_store_names().contains(STORE) {
                    let params = web_sys::IdbObjectStoreParameters::new();
                    params.set_auto_increment(true);
                    let _ = db.create_object_store_with_optional_parameters(STORE, &params);
                }
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = await_request(&open).await?;
    Ok(db.unchecked_into())
}

fn store(db: &web_sys::IdbDatabase, write: bool) -> Result<web_sys::IdbObjectStore, String> {
    let mode = if write {
        web_sys::IdbTransactionMode::Readwrite
    } else {
        web_sys::IdbTransactionMode::Readonly
    };
    db.transaction_with_str_and_mode(STORE, mode)
        .and_then(|t| t.object_store(STORE))
        .map_err(|_| "IndexedDB transaction refused".to_string())
}

async fn queue_add(db: &web_sys::IdbDatabase, json: &str) -> Result<(), String> {
    let req = store(db, true)?
        .add(&JsValue::from_str(json))
        .map_err(|_| "IndexedDB add refused".to_string())?;
    await_request(&req).await.map(|_| ())
}

async fn queue_count(db: &web_sys::IdbDatabase) -> Result<usize, String> {
    let req = store(db, false)?
        .count()
        .map_err(|_| "IndexedDB count refused".to_string())?;
    Ok(await_request(&req).await?.as_f64().unwrap_or(0.0) as usize)
}

async fn queue_first(db: &web_sys::IdbDatabase) -> Result<Option<(JsValue, String)>, String> {
    let req = store(db, false)?
        .open_cursor()
        .map_err(|_| "IndexedDB cursor refused".to_string())?;
    let cursor = await_request(&req).await?;
    if cursor.is_null() || cursor.is_undefined() {
        return Ok(None);
    }
    let cursor: web_sys::IdbCursorWithValue = cursor.unchecked_into();
    let key = cursor
        .key()
        .map_err(|_| "IndexedDB key unreadable".to_string())?;
    let value = cursor
        .value()
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    Ok(Some((key, value)))
}

async fn queue_delete(db: &web_sys::IdbDatabase, key: &JsValue) -> Result<(), String> {
    let req = store(db, true)?
        .delete(key)
        .map_err(|_| "IndexedDB delete refused".to_string())?;
    await_request(&req).await.map(|_| ())
}

/// `text` with its first letter in capitals, to stand as a sentence.
fn sentence(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The LRS's state for the learner, shown only when the course was launched for an LRS
/// (or the launch could not be used): statements sent and waiting, and those not accepted.
#[function_component]
pub fn XapiStatus() -> Html {
    let status = use_state(|| SENDER.with(|s| s.borrow().status.clone()));
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            let cb =
                Callback::from(move |_| status.set(SENDER.with(|s| s.borrow().status.clone())));
            SENDER.with(|s| s.borrow_mut().watchers.push(cb));
        });
    }
    let s = Rc::new((*status).clone());
    if let Some(p) = &s.launch_problem {
        return html! { <div class="notice warning xapi-status" role="status"><p>{ p.clone() }</p></div> };
    }
    if !s.active {
        return html! {};
    }
    let mode = SENDER.with(|x| x.borrow().cmi5.as_ref().map(|c| c.mode()));
    let exit = Callback::from(|_: MouseEvent| cmi5::exit());
    html! {
        <section class="xapi-status no-print" aria-label="Learning record store" data-sent={s.sent.to_string()} data-waiting={s.waiting.to_string()}
            data-cmi5={mode.unwrap_or_default()} data-ended={s.ended.to_string()}>
            <p>{ format!("Learning record store: {} statement{} sent, {} waiting.", s.sent, if s.sent == 1 { "" } else { "s" }, s.waiting) }
                if let Some(p) = &s.last_problem { { format!(" {}.", sentence(p)) } }
            </p>
            if let Some(mode) = mode {
                if s.ended {
                    <p class="xapi-ended">{ "This session has ended and the LMS has been told. You can close this window." }</p>
                } else {
                    <p>{ format!("Launched by the LMS with cmi5 ({mode} mode). ") }
                        <button type="button" class="button small" onclick={exit}>{ "Exit and return to the LMS" }</button>
                    </p>
                }
            }
            if !s.refused.is_empty() {
                <h2>{ "Not accepted" }</h2>
                <ul class="xapi-refused">
                    { for s.refused.iter().map(|r| html! { <li>{ format!("{}: {}", r.what, r.reason) }</li> }) }
                </ul>
            }
        </section>
    }
}
