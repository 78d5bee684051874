//! Inside an LMS: the SCORM runtime in a parent frame, found, told and closed.
//!
//! The package's launch address says the app runs in a package
//! (`core::scorm::launch::Launch`, written by `cloudhop package scorm`). Then, before the
//! first render ([`start`]): every storage key is prefixed with the package's id (a
//! standalone copy on the same origin keeps its own record), the runtime object (`API` for
//! SCORM 1.2, `API_1484_11` for 2004) is looked for with ADL's discovery algorithm (each
//! parent frame up to [`MAX_PARENTS`], then the opener and its parents), initialized, and the
//! saved location restored. The package's progress record is read from `suspend_data` when
//! it loads ([`resume`]), and after every saved change the record is packed into
//! `suspend_data`, with completion, success, score and location, and committed ([`saved`]).
//! On `pagehide` the session ends (`LMSFinish` / `Terminate`).
//!
//! All rules are in `core::scorm` and `core::progress`; this module moves strings between
//! the runtime and the app. Without a runtime, or when it refuses a call, the app works on
//! its own and the learner is told once.

use cloudhop_core::progress::Progress;
use cloudhop_core::scorm::launch::Launch;
use cloudhop_core::scorm::report::{location, session_time};
use cloudhop_core::scorm::suspend;
use cloudhop_core::scorm::Version;
use cloudhop_lessons::Course;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// How many parent frames are searched for the runtime (ADL's algorithm uses 500).
pub const MAX_PARENTS: usize = 500;

/// The runtime object and the names of its calls for one version.
struct Api {
    object: JsValue,
    version: Version,
}

impl Api {
    /// The method's name in this version.
    fn method(&self, name12: &'static str, name2004: &'static str) -> &'static str {
        match self.version {
            Version::Scorm12 => name12,
            Version::Scorm2004 => name2004,
        }
    }

    /// Call a method of the runtime; `None` when it is missing or throws.
    fn call(&self, method: &str, args: &[&str]) -> Option<String> {
        let f = js_sys::Reflect::get(&self.object, &method.into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        f.apply(&self.object, &args).ok()?.as_string()
    }

    fn ok(&self, method: &str, args: &[&str]) -> bool {
        self.call(method, args).as_deref() == Some("true")
    }

    fn initialize(&self) -> bool {
        self.ok(self.method("LMSInitialize", "Initialize"), &[""])
    }

    fn get(&self, element: &str) -> String {
        self.call(self.method("LMSGetValue", "GetValue"), &[element])
            .unwrap_or_default()
    }

    fn set(&self, element: &str, value: &str) -> bool {
        self.ok(self.method("LMSSetValue", "SetValue"), &[element, value])
    }

    fn commit(&self) -> bool {
        self.ok(self.method("LMSCommit", "Commit"), &[""])
    }

    fn finish(&self) -> bool {
        self.ok(self.method("LMSFinish", "Terminate"), &[""])
    }
}

/// One launch inside a package.
struct Session {
    launch: Launch,
    /// The runtime, while it answers.
    api: Option<Api>,
    /// The workshop the package is (its id), for a workshop package.
    workshop: Option<String>,
    /// A message for the learner not shown yet.
    notice: Option<String>,
    /// The learner was told about a runtime problem.
    told_failure: bool,
    /// The learner was told what the LMS copy leaves out.
    told_left_out: bool,
    /// When the session started (ms since the epoch), for the session time.
    started_ms: f64,
    /// The session has ended.
    finished: bool,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    /// Why a launch address that names an LMS could not be read (told once).
    static LAUNCH_PROBLEM: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Find the runtime object `name` with ADL's API discovery: this window and each parent up
/// to [`MAX_PARENTS`], then the opener and its parents. A frame of another origin (reading
/// it throws) counts as not having it.
fn discover(name: &str) -> Option<JsValue> {
    let search = |start: web_sys::Window| -> Option<JsValue> {
        let mut win = start;
        for _ in 0..=MAX_PARENTS {
            if let Ok(api) = js_sys::Reflect::get(&win, &name.into()) {
                if api.is_object() {
                    return Some(api);
                }
            }
            let parent = win.parent().ok().flatten()?;
            if JsValue::from(&parent) == JsValue::from(&win) {
                return None;
            }
            win = parent;
        }
        None
    };
    let window = web_sys::window()?;
    search(window.clone()).or_else(|| {
        let opener = window.opener().ok()?;
        search(opener.dyn_into::<web_sys::Window>().ok()?)
    })
}

/// Whether this page runs inside a SCORM package (whatever the runtime does).
pub fn in_package() -> bool {
    SESSION.with(|s| s.borrow().is_some())
}

/// Start the SCORM session if the launch address is a package's; call once, before the app
/// renders. `full` is the shipped course (a workshop package opens its workshop in it).
pub fn start(full: &Course) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let launch = match Launch::from_query(&search) {
        Ok(Some(l)) => l,
        Ok(None) => return,
        Err(e) => {
            // Not a package we know: the page runs as a standalone copy, and says why once.
            let text =
                format!("{e}. cloudhop runs on its own here: progress stays in this browser.");
            LAUNCH_PROBLEM.with(|p| *p.borrow_mut() = Some(text));
            return;
        }
    };
    crate::storage::set_prefix(&launch.package.storage_prefix());
    let version = launch.version;
    let api = discover(version.api_name()).map(|object| Api { object, version });
    let (api, notice) = match api {
        None => (None, Some(format!("cloudhop did not find the LMS's {version} runtime, so the LMS will not record this session: your progress is kept in this browser only."))),
        Some(api) if !api.initialize() => (None, Some(format!("The LMS's {version} runtime did not start the session, so the LMS will not record it: your progress is kept in this browser only."))),
        Some(api) => (Some(api), None),
    };
    let workshop = launch
        .workshop
        .as_ref()
        .and_then(|link| crate::workshop::open(link, full).ok())
        .map(|w| w.id().to_string());
    // Where the learner was: the LMS's location, else the package's start page.
    let hash = window.location().hash().unwrap_or_default();
    if hash.is_empty() || hash == "#" || hash == "#/" {
        let saved = api
            .as_ref()
            .map(|a| a.get(version.location_element()))
            .filter(|l| l.starts_with("#/"));
        let home = workshop.as_ref().map(|id| {
            crate::route::Route::InWorkshop(id.clone(), Box::new(crate::route::Route::Home)).href()
        });
        if let Some(to) = saved.or(home) {
            crate::chrome::replace_hash(&to);
        }
    }
    SESSION.with(|s| {
        *s.borrow_mut() = Some(Session {
            launch,
            api,
            workshop,
            notice,
            told_failure: false,
            told_left_out: false,
            started_ms: js_sys::Date::now(),
            finished: false,
        })
    });
    // The session ends when the page goes (the LMS closes the frame, the learner leaves).
    gloo_events::EventListener::new(&window, "pagehide", |_| finish()).forget();
}

impl Session {
    /// Whether the record of `workshop` (`None`: the course's own) is the package's.
    fn is_package_record(&self, workshop: Option<&str>) -> bool {
        self.workshop.as_deref() == workshop
    }

    /// A runtime call failed: stop using the runtime and tell the learner once.
    fn failed(&mut self, what: &str) {
        self.api = None;
        if !self.told_failure {
            self.told_failure = true;
            self.notice = Some(format!("The LMS refused to {what}, so it will not record the rest of this session: your progress is kept in this browser only."));
        }
    }

    /// Pack `progress` and report it: suspend_data, status, score; then commit.
    fn report(&mut self, course: &Course, progress: &Progress) {
        let Some(api) = &self.api else { return };
        let version = self.launch.version;
        let packed = suspend::pack(
            progress,
            &course.scorm_shape(),
            version.suspend_limit().min(4096),
        );
        let result = course.scorm_result(progress);
        let packed = match packed {
            Ok(p) => p,
            Err(e) => {
                let what = format!("take the progress record ({e})");
                self.failed(&what);
                return;
            }
        };
        let mut ok = api.set("cmi.suspend_data", &packed.text);
        for (element, value) in result.values(version) {
            ok &= api.set(element, &value);
        }
        if !ok || !api.commit() {
            self.failed("save this session's progress");
            return;
        }
        let left_out = packed.reflections_left_out.len() + packed.answers_left_out;
        if left_out > 0 && !self.told_left_out {
            self.told_left_out = true;
            self.notice = Some(format!(
                "The LMS keeps at most 4,096 characters of a learner's progress: {} of your reflections and {} long typed answers are kept in this browser only (your scores are all in the LMS).",
                packed.reflections_left_out.len(),
                packed.answers_left_out
            ));
        }
    }
}

/// A message for the learner from the SCORM session, once.
fn take_notice(s: &mut Session) -> Option<String> {
    s.notice.take()
}

/// The record to start from for the record of `workshop` (`None`: the course's own), whose
/// lessons are `course`: inside a package, the LMS's `suspend_data` joined with this
/// browser's copy (`core::scorm::suspend::resume`), and reported to the LMS at once;
/// elsewhere `local` as it is. The second value is a message for the learner.
pub fn resume(
    workshop: Option<&str>,
    course: &Course,
    local: Progress,
) -> (Progress, Option<String>) {
    SESSION.with(|s| {
        let mut s = s.borrow_mut();
        let Some(s) = s.as_mut() else {
            return (local, LAUNCH_PROBLEM.with(|p| p.borrow_mut().take()));
        };
        if !s.is_package_record(workshop) {
            return (local, None);
        }
        let Some(api) = &s.api else {
            return (local, take_notice(s));
        };
        let data = api.get("cmi.suspend_data");
        let from_lms = if data.is_empty() {
            Ok(None)
        } else {
            suspend::unpack(&data, &course.scorm_shape()).map(|u| Some(u.progress))
        };
        let progress = match from_lms {
            Ok(from_lms) => suspend::resume(&local, from_lms),
            Err(e) => {
                s.notice = Some(format!(
                    "{e}: cloudhop starts from this browser's copy of your progress."
                ));
                local
            }
        };
        s.report(course, &progress);
        (progress, take_notice(s))
    })
}

/// After a change to the record of `workshop` (lessons `course`) was saved: inside a
/// package, report `progress` to the LMS. Returns a message for the learner when something
/// went wrong (once).
pub fn saved(workshop: Option<&str>, course: &Course, progress: &Progress) -> Option<String> {
    SESSION.with(|s| {
        let mut s = s.borrow_mut();
        let s = s.as_mut()?;
        if s.finished || !s.is_package_record(workshop) {
            return None;
        }
        s.report(course, progress);
        take_notice(s)
    })
}

/// The learner moved to `hash`: tell the LMS where they are.
pub fn located(hash: &str) {
    SESSION.with(|s| {
        let mut s = s.borrow_mut();
        let Some(s) = s.as_mut() else { return };
        let Some(api) = &s.api else { return };
        let version = s.launch.version;
        if let Some(l) = location(hash, version) {
            if !api.set(version.location_element(), l) || !api.commit() {
                s.failed("keep your place in the course");
            }
        }
    });
}

/// End the session: the session time, then `LMSFinish` / `Terminate` (which commits).
pub fn finish() {
    SESSION.with(|s| {
        let mut s = s.borrow_mut();
        let Some(s) = s.as_mut() else { return };
        if s.finished {
            return;
        }
        s.finished = true;
        if let Some(api) = s.api.take() {
            let seconds = ((js_sys::Date::now() - s.started_ms).max(0.0) / 1000.0) as u64;
            let (element, value) = session_time(seconds, s.launch.version);
            api.set(element, &value);
            api.finish();
        }
    });
}
