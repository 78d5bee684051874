//! A cmi5 launch (`cloudhop_core::xapi::cmi5` decides every statement and checks every
//! answer): POST the one-time fetch URL for the token, read `LMS.LaunchData` and the
//! learner's preferences, send `initialized`; afterwards each statement goes out on the
//! LMS's context template, the AU's `completed` and `passed`/`failed` when the course's
//! result changes, and `terminated` when the learner exits (the Exit button, which then
//! returns to the LMS's returnURL) or the page goes away (`pagehide`, sent with
//! `keepalive`). The token, the launch data and what was said are kept for the browser
//! session (sessionStorage): the fetch URL answers once, and a reload is the same session.

use super::{listen_online, notify, now_iso, pump, request, session_storage, SENDER};
use cloudhop_core::scorm::report::CourseResult;
use cloudhop_core::xapi::cmi5::{read_fetch_answer, Au, Cmi5Launch, LaunchData, LaunchMode, Said};
use cloudhop_core::xapi::delivery::{ClosingBatch, KEEPALIVE_BODY_LIMIT};
use cloudhop_core::xapi::Statement;
use serde::{Deserialize, Serialize};

pub(super) const CMI5_KEY: &str = "cloudhop.xapi.cmi5";

/// What a session keeps in sessionStorage.
#[derive(Serialize, Deserialize, Clone)]
struct Kept {
    query: String,
    token: String,
    /// The launch data's text, once read.
    data: Option<String>,
    said: Said,
    started_ms: f64,
    /// What the last page of this session sent as it went (statements as JSON, the
    /// session's `terminated` last), kept until a later page of the same browser session
    /// has sent it again: a browser may drop a `keepalive` request (headless Chromium
    /// drops some on a reload), and the LRS answers 409 for those it holds already.
    #[serde(default)]
    closing: Vec<String>,
}

/// A cmi5 session in progress.
pub(super) struct Session {
    pub(super) au: Au,
    /// What is kept for a reload, what was said included.
    kept: Kept,
    /// The learner pressed Exit: leave once the queue is sent.
    pub(super) leaving: bool,
}

impl Session {
    /// Milliseconds since `initialized`.
    pub(super) fn elapsed_ms(&self) -> u64 {
        (js_sys::Date::now() - self.kept.started_ms).max(0.0) as u64
    }

    /// What goes out for a progress change: the course's `statements` as "cmi5 allowed"
    /// ones on the LMS's template, then the AU's own for its result going from `old` to
    /// `new`; nothing once the session has ended.
    pub(super) fn statements(
        &mut self,
        statements: &[Statement],
        old: CourseResult,
        new: CourseResult,
        now: &str,
    ) -> Vec<String> {
        if self.kept.said.terminated {
            return Vec::new();
        }
        let elapsed = self.elapsed_ms();
        let mut out: Vec<String> = statements
            .iter()
            .map(|st| self.au.allowed(st).to_string())
            .collect();
        let defined = self
            .au
            .course_change(old, new, &mut self.kept.said, elapsed, now);
        self.keep();
        out.extend(defined.iter().map(|d| d.to_string()));
        out
    }

    /// Keep what was said, for a reload.
    pub(super) fn keep(&self) {
        keep(&self.kept);
    }

    /// The launch mode, for the status line.
    pub(super) fn mode(&self) -> &'static str {
        match self.au.data.launch_mode {
            LaunchMode::Normal => "Normal",
            LaunchMode::Browse => "Browse",
            LaunchMode::Review => "Review",
        }
    }
}

fn keep(k: &Kept) {
    if let (Some(store), Ok(text)) = (session_storage(), serde_json::to_string(k)) {
        let _ = store.set_item(CMI5_KEY, &text);
    }
}

fn kept() -> Option<Kept> {
    let text = session_storage()?.get_item(CMI5_KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// If this page is a cmi5 launch (its URL, or earlier in this browser session), start the
/// session and return `true`.
pub(super) fn start(search: &str) -> bool {
    let kept = kept();
    let query = if Cmi5Launch::requested(search) {
        search.to_string()
    } else if let Some(k) = &kept {
        k.query.clone()
    } else {
        return false;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = begin(query, kept).await {
            SENDER.with(|s| s.borrow_mut().status.launch_problem = Some(e));
            notify();
        }
    });
    true
}

async fn begin(query: String, kept: Option<Kept>) -> Result<(), String> {
    let launch = Cmi5Launch::from_query(&query).map_err(|e| e.to_string())?;
    let mut kept = match kept.filter(|k| k.query == query) {
        Some(k) => k,
        None => {
            let (status, body) = request("POST", &launch.fetch, None, None)
                .await
                .map_err(|e| format!("the LMS's fetch URL could not be reached ({e})"))?;
            if !(200..300).contains(&status) {
                return Err(format!("the LMS's fetch URL answered HTTP {status}"));
            }
            let k = Kept {
                query: query.clone(),
                token: read_fetch_answer(&body)?,
                data: None,
                said: Said::default(),
                started_ms: js_sys::Date::now(),
                closing: Vec::new(),
            };
            // At once: the fetch URL gives the token only once.
            keep(&k);
            k
        }
    };
    if kept.said.terminated {
        resend_closing(&launch.params(&kept.token), &mut kept).await;
        return Err("this cmi5 session has ended (cloudhop told the LMS it terminated): open cloudhop again from the LMS to record more".into());
    }
    let auth = format!("Basic {}", kept.token);
    let data_text = match kept.data.clone() {
        Some(d) => d,
        None => {
            let (status, body) = request("GET", &launch.launch_data_url(), Some(&auth), None)
                .await
                .map_err(|e| format!("the LMS's launch data could not be read ({e})"))?;
            if status != 200 {
                return Err(format!(
                    "the LMS's launch data (LMS.LaunchData) could not be read: HTTP {status}"
                ));
            }
            // The learner's preferences (cmi5 11): read as the AU must; cloudhop has one
            // language and no audio, so they change nothing, and a 404 is no error.
            let _ = request("GET", &launch.preferences_url(), Some(&auth), None).await;
            kept.data = Some(body.clone());
            keep(&kept);
            body
        }
    };
    let data = LaunchData::read(&data_text)?;
    let mut session = Session {
        au: Au {
            launch: launch.params(&kept.token),
            data,
        },
        kept,
        leaving: false,
    };
    let init = session.au.initialized(&mut session.kept.said, &now_iso());
    session.keep();
    let online = listen_online();
    let pagehide = web_sys::window()
        .map(|w| gloo_events::EventListener::new(&w, "pagehide", |_| terminate_now()));
    SENDER.with(|s| {
        let mut s = s.borrow_mut();
        s.status.active = true;
        s._online = online;
        s._pagehide = pagehide;
        s.launch = Some(session.au.launch.clone());
        if let Some(i) = init {
            s.queue(i.to_string());
        }
        s.cmi5 = Some(session);
    });
    notify();
    pump();
    Ok(())
}

/// The learner pressed Exit: `terminated` goes last in the queue; once it is sent the page
/// goes to the LMS's returnURL ([`after_pump`]).
pub fn exit() {
    SENDER.with(|s| {
        let mut s = s.borrow_mut();
        let now = now_iso();
        let Some(c) = s.cmi5.as_mut() else { return };
        let elapsed = c.elapsed_ms();
        let t = c.au.terminated(&mut c.kept.said, elapsed, &now);
        c.leaving = true;
        c.keep();
        if let Some(t) = t {
            s.queue(t.to_string());
        }
    });
    notify();
    pump();
}

/// The queue is empty: if the learner is leaving, stop sending and go back to the LMS.
pub(super) fn after_pump() {
    let leaving = SENDER.with(|s| {
        let mut s = s.borrow_mut();
        let leaving = s.cmi5.as_ref().is_some_and(|c| c.leaving) && s.to_store.is_empty();
        if leaving {
            s.launch = None;
            s.status.ended = true;
        }
        leaving.then(|| s.cmi5.as_ref().and_then(|c| c.au.data.return_url.clone()))
    });
    match leaving {
        Some(Some(url)) => {
            if let Some(w) = web_sys::window() {
                let _ = w.location().assign(&url);
            }
        }
        Some(None) => notify(),
        None => {}
    }
}

/// This session ended on an earlier page: send again, one by one and in order, what that
/// page sent as it went (see [`Kept::closing`]); what is not sent now stays kept for the
/// next page.
async fn resend_closing(launch: &cloudhop_core::xapi::LaunchParams, kept: &mut Kept) {
    while let Some(json) = kept.closing.first().cloned() {
        if let super::Sent::Retry(_) = super::put(launch, &json).await {
            break;
        }
        kept.closing.remove(0);
        keep(kept);
    }
}

/// The page is going away (closed, reloaded, or Exit pressed and `terminated` not sent
/// yet): send what this page queued and the LRS has not answered, then `terminated`, in one
/// `keepalive` POST, so that `terminated` is the session's last statement
/// ([`ClosingBatch`]). The batch is also kept for the browser session, and a reload sends
/// it again ([`resend_closing`]): the browser may drop a `keepalive` request.
fn terminate_now() {
    let sent = SENDER.with(|s| {
        let mut s = s.borrow_mut();
        let now = now_iso();
        let unsent = s.unsent.clone();
        let c = s.cmi5.as_mut()?;
        let mut said = c.kept.said;
        let elapsed = c.elapsed_ms();
        let t =
            c.au.terminated(&mut said, elapsed, &now)
                .map(|t| t.to_string());
        let batch = ClosingBatch::new(&unsent, t.as_deref(), KEEPALIVE_BODY_LIMIT);
        if let (true, Some(t)) = (batch.with_last, t) {
            c.kept.said = said;
            c.kept.closing = unsent;
            c.kept.closing.push(t);
            c.keep();
        }
        (batch.count > 0).then(|| (c.au.launch.clone(), batch))
    });
    if let Some((launch, batch)) = sent {
        super::post_keepalive(&launch, &batch);
    }
}
