//! cmi5: the xAPI profile an LMS uses to launch content and read what it did (AICC/ADL
//! cmi5, "quartz" edition; section numbers below are that specification's). cloudhop is one
//! assignable unit (AU): the whole course, or one workshop.
//!
//! - The launch query ([`Cmi5Launch`], §8.1): `endpoint`, `fetch`, `actor`, `registration`,
//!   `activityId`.
//! - The fetch URL's answer ([`read_fetch_answer`], §8.2): an `auth-token` for Basic
//!   authentication, or an error code.
//! - The `LMS.LaunchData` state document ([`LaunchData`], §10): the context template every
//!   statement is built on, the launch mode, the mastery score, `moveOn`, the return URL.
//! - The statements ([`Au`], §9): `initialized` first and `terminated` last in a session
//!   (§9.3), `completed` and `passed` or `failed` about the AU itself, with the cmi5 and
//!   moveOn categories (§9.6.2), the mastery score (§9.6.3.2) and durations (§9.5.4); the
//!   course's own answered/attempted/lesson statements are "cmi5 allowed": the template,
//!   without the cmi5 category.
//!
//! ```
//! use cloudhop_core::xapi::cmi5::{Cmi5Launch, LaunchData, LaunchMode};
//! let q = "endpoint=%2FxAPI%2F&fetch=%2Flms%2Ffetch%3Fk%3D1\
//!     &actor=%7B%22objectType%22%3A%22Agent%22%2C%22account%22%3A%7B%22homePage%22%3A%22https%3A%2F%2Flms.example.org%22%2C%22name%22%3A%2242%22%7D%7D\
//!     &registration=1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed&activityId=https%3A%2F%2Flms.example.org%2Fau%2F7";
//! assert!(Cmi5Launch::requested(q));
//! let launch = Cmi5Launch::from_query(q).unwrap();
//! assert_eq!(launch.fetch, "/lms/fetch?k=1");
//! let data = LaunchData::read(r#"{"contextTemplate":{"extensions":{"https://w3id.org/xapi/cmi5/context/extensions/sessionid":"s1"},
//!     "contextActivities":{"grouping":[{"id":"https://cloudhop.example/au"}]}},"launchMode":"Normal","moveOn":"Passed","masteryScore":0.8}"#).unwrap();
//! assert_eq!((data.launch_mode, data.session_id.as_str()), (LaunchMode::Normal, "s1"));
//! ```

use super::launch::{
    check_activity_id, check_actor, check_endpoint, check_registration, invalid, read_query,
    LaunchError, LaunchParams,
};
use super::statement::{Agent, Statement};
use super::uuid::Uuid;
use crate::scorm::report::CourseResult;
use crate::share;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The category of cmi5 defined statements (§9.6.2.1).
pub const CATEGORY_CMI5: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
/// The category of cmi5 defined statements whose result has success or completion (§9.6.2.2).
pub const CATEGORY_MOVEON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
/// The session id extension (§9.6.3.1).
pub const EXT_SESSION_ID: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
/// The mastery score extension (§9.6.3.2).
pub const EXT_MASTERY_SCORE: &str = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
/// The state document the LMS writes before a launch (§10).
pub const LAUNCH_DATA_STATE_ID: &str = "LMS.LaunchData";
/// The learner preferences agent profile (§11).
pub const LEARNER_PREFERENCES: &str = "cmi5LearnerPreferences";

const VERBS: &str = "http://adlnet.gov/expapi/verbs/";

/// A cmi5 launch, from the launch URL's query (§8.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cmi5Launch {
    /// The LMS's xAPI endpoint, ending in `/`.
    pub endpoint: String,
    /// The one-time URL that hands out the authorization token (§8.2).
    pub fetch: String,
    /// The learner: an Agent with an `account` (§9.2).
    pub actor: Agent,
    /// The enrolment.
    pub registration: Uuid,
    /// The AU's activity id for this LMS: the object of every cmi5 defined statement.
    pub activity_id: String,
}

impl Cmi5Launch {
    /// Whether a query is a cmi5 launch: it has a `fetch` URL (a Tin Can launch has none).
    pub fn requested(query: &str) -> bool {
        read_query(query, ["fetch"]).is_ok_and(|[f]| f.is_some())
    }

    /// Read and check the launch query.
    pub fn from_query(query: &str) -> Result<Cmi5Launch, LaunchError> {
        let [endpoint, fetch, actor, registration, activity_id] = read_query(
            query,
            ["endpoint", "fetch", "actor", "registration", "activityId"],
        )?;
        let endpoint = check_endpoint(&endpoint.ok_or(LaunchError::Missing("endpoint"))?)?;
        let fetch = check_fetch(&fetch.ok_or(LaunchError::Missing("fetch"))?)?;
        let actor = check_actor(actor)?;
        if actor.account.is_none() {
            return Err(invalid(
                "actor",
                "a cmi5 learner is identified by an account (cmi5 9.2)",
            ));
        }
        let registration = check_registration(registration, "registration")?;
        let activity_id = check_activity_id(activity_id, "activityId")?;
        Ok(Cmi5Launch {
            endpoint,
            fetch,
            actor,
            registration,
            activity_id,
        })
    }

    /// The Tin Can parameters the rest of `core::xapi` works with, with the token the
    /// fetch URL gave (`Basic <token>`, §8.2.1).
    pub fn params(&self, token: &str) -> LaunchParams {
        LaunchParams {
            endpoint: self.endpoint.clone(),
            auth: format!("Basic {}", token.trim()),
            actor: self.actor.clone(),
            registration: self.registration,
            activity_id: self.activity_id.clone(),
        }
    }

    /// Where `LMS.LaunchData` is read from (the State API, §10).
    pub fn launch_data_url(&self) -> String {
        format!(
            "{}activities/state?stateId={LAUNCH_DATA_STATE_ID}&activityId={}&agent={}&registration={}",
            self.endpoint,
            share::encode_strict(&self.activity_id),
            share::encode_strict(&self.actor_json()),
            self.registration
        )
    }

    /// Where the learner's preferences are read from (the Agent Profile API, §11).
    pub fn preferences_url(&self) -> String {
        format!(
            "{}agents/profile?agent={}&profileId={LEARNER_PREFERENCES}",
            self.endpoint,
            share::encode_strict(&self.actor_json())
        )
    }

    fn actor_json(&self) -> String {
        serde_json::to_string(&self.actor).unwrap_or_default()
    }
}

/// A fetch URL is an `https://`/`http://` URL with a host, or a path on this origin; unlike
/// an endpoint it keeps its query (the LMS's one-time key is usually there).
fn check_fetch(text: &str) -> Result<String, LaunchError> {
    let t = text.trim();
    let bad = t.is_empty()
        || t.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\' | '#')
        });
    let ok = !bad
        && match t
            .strip_prefix("https://")
            .or_else(|| t.strip_prefix("http://"))
        {
            Some(rest) => {
                let host = rest.split(['/', '?']).next().unwrap_or("");
                !host.is_empty() && !host.contains('@')
            }
            None => t.starts_with('/') && !t.starts_with("//"),
        };
    if ok {
        Ok(t.to_string())
    } else {
        Err(invalid(
            "fetch",
            "not an https:// or http:// URL, nor a path on this site",
        ))
    }
}

/// The token in the fetch URL's answer (§8.2.1), or the LMS's error (§8.2.3) for a person.
///
/// ```
/// use cloudhop_core::xapi::cmi5::read_fetch_answer;
/// assert_eq!(read_fetch_answer(r#"{"auth-token":"QWxhZGRpbjpvcGVu"}"#).unwrap(), "QWxhZGRpbjpvcGVu");
/// let e = read_fetch_answer(r#"{"error-code":"1","error-text":"already used"}"#).unwrap_err();
/// assert!(e.contains("already"));
/// ```
pub fn read_fetch_answer(text: &str) -> Result<String, String> {
    let v: Value = serde_json::from_str(text)
        .map_err(|_| "the LMS's fetch URL did not answer with JSON".to_string())?;
    if let Some(token) = v
        .get("auth-token")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty() && !t.chars().any(char::is_control))
    {
        return Ok(token.trim().to_string());
    }
    let code = v.get("error-code").map(|c| match c {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let text = v.get("error-text").and_then(Value::as_str).unwrap_or("");
    Err(match code.as_deref() {
        Some("1") => format!("the LMS's launch link was already used or has expired ({text}): launch cloudhop again from the LMS"),
        Some("2") => format!("the LMS refused the launch for security reasons ({text})"),
        Some(c) => format!("the LMS could not start the session (error {c}: {text})"),
        None => "the LMS's fetch URL answered without an auth-token".to_string(),
    })
}

/// How the LMS launched the AU (§10, launchMode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchMode {
    /// Completion and success are recorded.
    Normal,
    /// Looking around: only initialized and terminated are sent of the cmi5 defined ones.
    Browse,
    /// Going over finished work: as Browse.
    Review,
}

/// What the LMS waits for before the learner may move on (§13.1.4, moveOn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveOn {
    /// Passed.
    Passed,
    /// Completed.
    Completed,
    /// Both.
    CompletedAndPassed,
    /// Either.
    CompletedOrPassed,
    /// Nothing.
    NotApplicable,
}

/// The `LMS.LaunchData` state document (§10), checked.
#[derive(Debug, Clone, PartialEq)]
pub struct LaunchData {
    /// The context every statement is built on (§10, contextTemplate).
    pub context_template: Map<String, Value>,
    /// The session id in the template (§9.6.3.1).
    pub session_id: String,
    /// The launch mode.
    pub launch_mode: LaunchMode,
    /// The scaled score at or above which the AU is passed, when the LMS sets one.
    pub mastery_score: Option<f64>,
    /// What moves the learner on.
    pub move_on: MoveOn,
    /// Where to send the learner when the session ends: an `http(s)://` URL or a path.
    pub return_url: Option<String>,
}

impl LaunchData {
    /// Read the state document's JSON text.
    pub fn read(text: &str) -> Result<LaunchData, String> {
        let v: Value = serde_json::from_str(text)
            .map_err(|_| "the LMS's launch data (LMS.LaunchData) is not JSON".to_string())?;
        let bad = |what: &str| format!("the LMS's launch data (LMS.LaunchData) {what}");
        let template = v
            .get("contextTemplate")
            .and_then(Value::as_object)
            .cloned()
            .ok_or_else(|| bad("has no contextTemplate"))?;
        let session_id = template
            .get("extensions")
            .and_then(|e| e.get(EXT_SESSION_ID))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| bad("has no session id in its contextTemplate"))?
            .to_string();
        let launch_mode = match v.get("launchMode").and_then(Value::as_str) {
            Some("Normal") => LaunchMode::Normal,
            Some("Browse") => LaunchMode::Browse,
            Some("Review") => LaunchMode::Review,
            _ => return Err(bad("has no launchMode of Normal, Browse or Review")),
        };
        let mastery_score = match v.get("masteryScore") {
            None | Some(Value::Null) => None,
            Some(m) => Some(
                m.as_f64()
                    .filter(|m| (0.0..=1.0).contains(m))
                    .ok_or_else(|| bad("has a masteryScore that is not between 0 and 1"))?,
            ),
        };
        let move_on = match v.get("moveOn").and_then(Value::as_str) {
            None => MoveOn::NotApplicable,
            Some(m) => {
                MoveOn::parse(m).ok_or_else(|| bad(&format!("has an unknown moveOn, {m:?}")))?
            }
        };
        let return_url = v
            .get("returnURL")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|u| {
                let rest = u
                    .strip_prefix("https://")
                    .or_else(|| u.strip_prefix("http://"));
                let safe = !u
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || c == '\\');
                safe && match rest {
                    Some(r) => !r.is_empty() && !r.starts_with('/'),
                    None => u.starts_with('/') && !u.starts_with("//"),
                }
            })
            .map(str::to_string);
        Ok(LaunchData {
            context_template: template,
            session_id,
            launch_mode,
            mastery_score,
            move_on,
            return_url,
        })
    }
}

/// What this registration's AU already said, so that each cmi5 defined statement goes out
/// no more often than §9.3 allows. Kept by the app for the browser session (and the
/// course's own record keeps a completion from being reported twice in later sessions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Said {
    /// `initialized` went out in this session.
    pub initialized: bool,
    /// `completed` went out (once per registration).
    pub completed: bool,
    /// `passed` went out (once per registration; no `failed` after it).
    pub passed: bool,
    /// `passed` or `failed` went out in this session (one of them per session).
    pub judged: bool,
    /// `terminated` went out: the session is over and nothing more is sent.
    pub terminated: bool,
}

/// The AU in one launch: the launch, the LMS's launch data, and what was said.
#[derive(Debug, Clone, PartialEq)]
pub struct Au {
    /// The launch, with the token.
    pub launch: LaunchParams,
    /// The launch data.
    pub data: LaunchData,
}

/// A cmi5 defined verb the AU sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Defined {
    Initialized,
    Completed,
    Passed,
    Failed,
    Terminated,
}

impl Defined {
    fn name(self) -> &'static str {
        match self {
            Defined::Initialized => "initialized",
            Defined::Completed => "completed",
            Defined::Passed => "passed",
            Defined::Failed => "failed",
            Defined::Terminated => "terminated",
        }
    }
}

/// An ISO 8601 duration in seconds with hundredths: `PT12.34S`.
///
/// ```
/// assert_eq!(cloudhop_core::xapi::cmi5::duration(61_005), "PT61.01S");
/// ```
pub fn duration(ms: u64) -> String {
    let cs = (ms + 5) / 10;
    format!("PT{}.{:02}S", cs / 100, cs % 100)
}

impl Au {
    /// `statement` (a "cmi5 allowed" one) on the LMS's context template: the template's
    /// values are kept as they are, ours are added where the template has none, and its
    /// activity lists are joined (§10, contextTemplate: "MUST NOT overwrite").
    pub fn allowed(&self, statement: &Statement) -> Value {
        let mut v = serde_json::to_value(statement).unwrap_or(Value::Null);
        let ours = v
            .get_mut("context")
            .map(Value::take)
            .unwrap_or_else(|| json!({}));
        if let Some(obj) = v.as_object_mut() {
            obj.insert(
                "context".into(),
                Value::Object(on_template(&self.data.context_template, ours)),
            );
        }
        v
    }

    /// `initialized`, once per session, before anything else.
    pub fn initialized(&self, said: &mut Said, timestamp: &str) -> Option<Value> {
        if said.initialized || said.terminated {
            return None;
        }
        said.initialized = true;
        Some(self.defined(Defined::Initialized, None, timestamp))
    }

    /// `terminated`, the last statement of the session, with the session's `duration`.
    pub fn terminated(&self, said: &mut Said, session_ms: u64, timestamp: &str) -> Option<Value> {
        if said.terminated || !said.initialized {
            return None;
        }
        said.terminated = true;
        Some(self.defined(
            Defined::Terminated,
            Some(json!({ "duration": duration(session_ms) })),
            timestamp,
        ))
    }

    /// The cmi5 defined statements for a change of the course's result from `old` to
    /// `new`, `session_ms` into the session: `completed` when it becomes complete, and
    /// `passed` or `failed` when it is judged (by the mastery score when the LMS gave one,
    /// else by every lesson being passed). Nothing in Browse and Review modes (§10), and
    /// nothing the rules of §9.3 forbid given `said`.
    ///
    /// ```
    /// use cloudhop_core::scorm::report::CourseResult;
    /// use cloudhop_core::xapi::cmi5::{Au, Cmi5Launch, LaunchData, Said};
    /// # let q = "endpoint=%2FxAPI%2F&fetch=%2Ff&actor=%7B%22account%22%3A%7B%22homePage%22%3A%22https%3A%2F%2Flms.example.org%22%2C%22name%22%3A%2242%22%7D%7D&registration=1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed&activityId=https%3A%2F%2Flms.example.org%2Fau";
    /// # let data = LaunchData::read(r#"{"contextTemplate":{"extensions":{"https://w3id.org/xapi/cmi5/context/extensions/sessionid":"s"}},"launchMode":"Normal","masteryScore":0.8}"#).unwrap();
    /// let au = Au { launch: Cmi5Launch::from_query(q).unwrap().params("dG9rZW4="), data };
    /// let mut said = Said { initialized: true, ..Said::default() };
    /// let before = CourseResult { completed: false, passed: false, score: 50 };
    /// let after = CourseResult { completed: true, passed: false, score: 85 };
    /// let s = au.course_change(before, after, &mut said, 60_000, "2026-12-03T08:00:00Z");
    /// let verbs: Vec<&str> = s.iter().map(|s| s["verb"]["display"]["en-US"].as_str().unwrap()).collect();
    /// assert_eq!(verbs, ["completed", "passed"]);
    /// assert_eq!(s[1]["result"]["score"]["scaled"], 0.85);
    /// ```
    pub fn course_change(
        &self,
        old: CourseResult,
        new: CourseResult,
        said: &mut Said,
        session_ms: u64,
        timestamp: &str,
    ) -> Vec<Value> {
        let mut out = Vec::new();
        if self.data.launch_mode != LaunchMode::Normal || !said.initialized || said.terminated {
            return out;
        }
        let d = duration(session_ms);
        if new.completed && !old.completed && !said.completed {
            said.completed = true;
            out.push(self.defined(
                Defined::Completed,
                Some(json!({ "completion": true, "duration": d })),
                timestamp,
            ));
        }
        let scaled = f64::from(new.score.min(100)) / 100.0;
        let passed = match self.data.mastery_score {
            Some(m) => scaled >= m,
            None => new.passed,
        };
        // Judged once the learner has been through all of it (or passed on the way).
        let judged_now =
            new.completed && (!old.completed || new.passed != old.passed || new.score != old.score);
        if judged_now && !said.judged && !said.passed {
            said.judged = true;
            said.passed = passed;
            out.push(self.defined(
                if passed {
                    Defined::Passed
                } else {
                    Defined::Failed
                },
                Some(json!({ "success": passed, "score": { "scaled": scaled }, "duration": d })),
                timestamp,
            ));
        }
        out
    }

    fn defined(&self, verb: Defined, result: Option<Value>, timestamp: &str) -> Value {
        let l = &self.launch;
        let id = super::events::statement_id(
            l,
            &format!("cmi5/{}/{}", self.data.session_id, verb.name()),
        );
        let mut categories = vec![json!({ "id": CATEGORY_CMI5, "objectType": "Activity" })];
        let judged = matches!(verb, Defined::Passed | Defined::Failed);
        if judged || verb == Defined::Completed {
            categories.push(json!({ "id": CATEGORY_MOVEON, "objectType": "Activity" }));
        }
        let mut ours = json!({
            "registration": l.registration.to_string(),
            "contextActivities": { "category": categories },
            "platform": "cloudhop",
            "language": super::statement::LANGUAGE,
        });
        if let (true, Some(m)) = (judged, self.data.mastery_score) {
            ours["extensions"] = json!({ EXT_MASTERY_SCORE: m });
        }
        let mut s = json!({
            "id": id.to_string(),
            "actor": l.actor,
            "verb": { "id": format!("{VERBS}{}", verb.name()), "display": { "en-US": verb.name() } },
            "object": { "objectType": "Activity", "id": l.activity_id },
            "context": Value::Object(on_template(&self.data.context_template, ours)),
            "timestamp": timestamp,
            "version": "1.0.0",
        });
        if let Some(r) = result {
            s["result"] = r;
        }
        s
    }
}

/// The context `ours` on `template`: the template's values win, objects are merged, and
/// lists (context activities) are the template's followed by ours not already in them.
fn on_template(template: &Map<String, Value>, ours: Value) -> Map<String, Value> {
    let mut out = template.clone();
    if let Value::Object(ours) = ours {
        for (k, v) in ours {
            merge_into(&mut out, k, v);
        }
    }
    out
}

fn merge_into(out: &mut Map<String, Value>, key: String, value: Value) {
    match (out.get_mut(&key), value) {
        (None, v) => {
            out.insert(key, v);
        }
        (Some(Value::Object(have)), Value::Object(add)) => {
            for (k, v) in add {
                merge_into(have, k, v);
            }
        }
        (Some(Value::Array(have)), Value::Array(add)) => {
            for v in add {
                let id = v.get("id");
                if !have
                    .iter()
                    .any(|h| h == &v || (id.is_some() && h.get("id") == id))
                {
                    have.push(v);
                }
            }
        }
        // The template's value stays.
        (Some(_), _) => {}
    }
}

/// What an LMS imports to offer cloudhop as a cmi5 course: the course structure (§13,
/// `cmi5.xml`) with one AU, cloudhop at `url` (hosted: the "manifest only, referencing
/// media" import of §14). A workshop's AU carries its link in the URL's query (`w=`), not
/// its fragment: the LMS appends its launch parameters to the URL.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseStructure {
    /// The course's id (an IRI), the AU's is derived from it (`…/au`).
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Where the AU is: an absolute `https://`/`http://` URL of the built site's
    /// `index.html`, with its query if it has one.
    pub url: String,
    /// What moves the learner on.
    pub move_on: MoveOn,
    /// The mastery score, if the LMS is to judge by one.
    pub mastery_score: Option<f64>,
}

impl MoveOn {
    /// The vocabulary's word.
    pub fn as_str(self) -> &'static str {
        match self {
            MoveOn::Passed => "Passed",
            MoveOn::Completed => "Completed",
            MoveOn::CompletedAndPassed => "CompletedAndPassed",
            MoveOn::CompletedOrPassed => "CompletedOrPassed",
            MoveOn::NotApplicable => "NotApplicable",
        }
    }

    /// Read the vocabulary's word.
    pub fn parse(text: &str) -> Option<MoveOn> {
        [
            MoveOn::Passed,
            MoveOn::Completed,
            MoveOn::CompletedAndPassed,
            MoveOn::CompletedOrPassed,
            MoveOn::NotApplicable,
        ]
        .into_iter()
        .find(|m| m.as_str() == text)
    }
}

impl CourseStructure {
    /// The `cmi5.xml` text, every value escaped.
    ///
    /// ```
    /// use cloudhop_core::xapi::cmi5::{CourseStructure, MoveOn};
    /// let xml = CourseStructure { id: "https://ex.org/cloudhop".into(), title: "A & B".into(),
    ///     description: "d".into(), url: "https://ex.org/c/index.html?w=1.x".into(),
    ///     move_on: MoveOn::Passed, mastery_score: Some(0.8) }.to_xml();
    /// assert!(xml.contains(r#"<au id="https://ex.org/cloudhop/au" moveOn="Passed" masteryScore="0.8" launchMethod="AnyWindow">"#));
    /// assert!(xml.contains("A &amp; B") && xml.contains("<url>https://ex.org/c/index.html?w=1.x</url>"));
    /// ```
    pub fn to_xml(&self) -> String {
        use crate::scorm::manifest::escape;
        let lang = |t: &str| {
            format!(
                "<langstring lang=\"{}\">{}</langstring>",
                super::statement::LANGUAGE,
                escape(t)
            )
        };
        let mastery = self
            .mastery_score
            .map(|m| format!(" masteryScore=\"{}\"", (m * 10_000.0).round() / 10_000.0))
            .unwrap_or_default();
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">\n\
  <course id=\"{id}\">\n    <title>{title}</title>\n    <description>{desc}</description>\n  </course>\n\
  <au id=\"{id}/au\" moveOn=\"{move_on}\"{mastery} launchMethod=\"AnyWindow\">\n\
    <title>{title}</title>\n    <description>{desc}</description>\n    <url>{url}</url>\n  </au>\n\
</courseStructure>\n",
            id = escape(&self.id),
            title = lang(&self.title),
            desc = lang(&self.description),
            move_on = self.move_on.as_str(),
            url = escape(&self.url),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTOR: &str = "%7B%22objectType%22%3A%22Agent%22%2C%22name%22%3A%22Ana%22%2C%22account%22%3A%7B%22homePage%22%3A%22https%3A%2F%2Flms.example.org%22%2C%22name%22%3A%2242%22%7D%7D";

    fn query(actor: &str) -> String {
        format!("endpoint=%2FxAPI%2F&fetch=https%3A%2F%2Flms.example.org%2Ffetch%3Fk%3Dabc&actor={actor}&registration=1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed&activityId=https%3A%2F%2Flms.example.org%2Fau%2F7")
    }

    fn data(extra: &str) -> LaunchData {
        LaunchData::read(&format!(
            r#"{{"contextTemplate":{{"extensions":{{"{EXT_SESSION_ID}":"sess-1"}},
                "contextActivities":{{"grouping":[{{"id":"https://cloudhop.example/course","objectType":"Activity"}}]}},
                "registration":"1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed"}},"launchMode":"Normal","moveOn":"CompletedAndPassed"{extra}}}"#
        ))
        .unwrap()
    }

    fn au(extra: &str) -> Au {
        Au {
            launch: Cmi5Launch::from_query(&query(ACTOR))
                .unwrap()
                .params("dG9rZW4="),
            data: data(extra),
        }
    }

    fn result(completed: bool, passed: bool, score: u8) -> CourseResult {
        CourseResult {
            completed,
            passed,
            score,
        }
    }

    #[test]
    fn reads_the_launch_and_refuses_what_cmi5_forbids() {
        let l = Cmi5Launch::from_query(&query(ACTOR)).unwrap();
        assert_eq!(l.fetch, "https://lms.example.org/fetch?k=abc");
        assert_eq!(l.activity_id, "https://lms.example.org/au/7");
        assert!(l.launch_data_url().starts_with(
            "/xAPI/activities/state?stateId=LMS.LaunchData&activityId=https%3A%2F%2Flms.example.org%2Fau%2F7&agent=%7B"
        ));
        assert!(l
            .preferences_url()
            .ends_with("&profileId=cmi5LearnerPreferences"));
        assert_eq!(l.params("abc").auth, "Basic abc");
        let mbox = "%7B%22mbox%22%3A%22mailto%3Aana%40example.org%22%7D";
        assert!(Cmi5Launch::from_query(&query(mbox))
            .unwrap_err()
            .to_string()
            .contains("account"));
        let no_fetch = query(ACTOR).replace("fetch=", "fetched=");
        assert!(!Cmi5Launch::requested(&no_fetch));
        let bad_fetch = query(ACTOR).replace(
            "https%3A%2F%2Flms.example.org%2Ffetch",
            "javascript%3Aalert(1)",
        );
        assert!(Cmi5Launch::from_query(&bad_fetch)
            .unwrap_err()
            .to_string()
            .contains("`fetch`"));
    }

    #[test]
    fn launch_data_is_checked() {
        let d = data(r#","masteryScore":0.75,"returnURL":"https://lms.example.org/course/7""#);
        assert_eq!(d.mastery_score, Some(0.75));
        assert_eq!(d.move_on, MoveOn::CompletedAndPassed);
        assert_eq!(
            d.return_url.as_deref(),
            Some("https://lms.example.org/course/7")
        );
        assert_eq!(
            data(r#","returnURL":"javascript:alert(1)""#).return_url,
            None
        );
        for bad in [
            r#"{"launchMode":"Normal"}"#,
            r#"{"contextTemplate":{},"launchMode":"Normal"}"#,
            &format!(
                r#"{{"contextTemplate":{{"extensions":{{"{EXT_SESSION_ID}":"s"}}}},"launchMode":"Sometimes"}}"#
            ),
            &format!(
                r#"{{"contextTemplate":{{"extensions":{{"{EXT_SESSION_ID}":"s"}}}},"launchMode":"Normal","masteryScore":1.5}}"#
            ),
            "not json",
        ] {
            assert!(LaunchData::read(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_session_goes_initialized_completed_passed_terminated() {
        let au = au(r#","masteryScore":0.8"#);
        let mut said = Said::default();
        let t = "2026-12-03T08:00:00Z";
        assert!(
            au.course_change(
                result(false, false, 0),
                result(true, true, 90),
                &mut said,
                1,
                t
            )
            .is_empty(),
            "nothing before initialized"
        );
        let init = au.initialized(&mut said, t).unwrap();
        assert!(au.initialized(&mut said, t).is_none(), "initialized once");
        assert_eq!(init["object"]["id"], "https://lms.example.org/au/7");
        assert_eq!(init["context"]["extensions"][EXT_SESSION_ID], "sess-1");
        assert_eq!(
            init["context"]["contextActivities"]["grouping"][0]["id"],
            "https://cloudhop.example/course"
        );
        assert_eq!(
            init["context"]["contextActivities"]["category"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert!(init.get("result").is_none());

        // Half way: nothing; completed below the mastery score: completed and failed.
        assert!(au
            .course_change(
                result(false, false, 0),
                result(false, false, 40),
                &mut said,
                10_000,
                t
            )
            .is_empty());
        let s = au.course_change(
            result(false, false, 40),
            result(true, false, 70),
            &mut said,
            20_000,
            t,
        );
        let verbs: Vec<&str> = s
            .iter()
            .map(|s| s["verb"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            verbs,
            [format!("{VERBS}completed"), format!("{VERBS}failed")]
        );
        assert_eq!(
            s[0]["result"],
            json!({"completion": true, "duration": "PT20.00S"})
        );
        assert_eq!(s[1]["result"]["success"], false);
        assert_eq!(s[1]["context"]["extensions"][EXT_MASTERY_SCORE], 0.8);
        assert_eq!(
            s[1]["context"]["contextActivities"]["category"][1]["id"],
            CATEGORY_MOVEON
        );
        // Better later in the same session: no second judgement in a session (9.3).
        assert!(au
            .course_change(
                result(true, false, 70),
                result(true, true, 90),
                &mut said,
                30_000,
                t
            )
            .is_empty());
        let end = au.terminated(&mut said, 40_000, t).unwrap();
        assert_eq!(end["result"]["duration"], "PT40.00S");
        assert!(au.terminated(&mut said, 41_000, t).is_none());
        assert!(
            au.initialized(&mut said, t).is_none(),
            "nothing after terminated"
        );

        // The next session: passed; and then never failed again in the registration.
        let mut next = Said {
            completed: true,
            ..Said::default()
        };
        au.initialized(&mut next, t).unwrap();
        let s = au.course_change(
            result(true, false, 70),
            result(true, true, 90),
            &mut next,
            5_000,
            t,
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0]["verb"]["id"], format!("{VERBS}passed"));
        assert_eq!(s[0]["result"]["score"]["scaled"], 0.9);
        let mut third = Said {
            completed: true,
            passed: true,
            ..Said::default()
        };
        au.initialized(&mut third, t).unwrap();
        assert!(au
            .course_change(
                result(true, true, 90),
                result(true, false, 50),
                &mut third,
                1,
                t
            )
            .is_empty());
    }

    #[test]
    fn browse_and_review_send_only_initialized_and_terminated() {
        let mut au = au("");
        au.data.launch_mode = LaunchMode::Browse;
        let mut said = Said::default();
        let t = "2026-12-03T08:00:00Z";
        assert!(au.initialized(&mut said, t).is_some());
        assert!(au
            .course_change(
                result(false, false, 0),
                result(true, true, 100),
                &mut said,
                1,
                t
            )
            .is_empty());
        assert!(au.terminated(&mut said, 2, t).is_some());
    }

    #[test]
    fn allowed_statements_keep_the_template_and_lack_the_cmi5_category() {
        use crate::progress::Progress;
        use crate::quiz::Answer;
        use crate::xapi::{statements_for_change, LessonOutline};
        let items = crate::xapi::events::tests::items();
        let outline = [LessonOutline {
            id: "l1",
            title: "Hybrid",
            pass_mark: 70,
            items: &items,
            exercises: vec![],
        }];
        let old = Progress::default();
        let mut new = old.clone();
        new.answer("l1", &items[0], &Answer::Bool(false)).unwrap();
        let au = au("");
        let s = statements_for_change(
            &au.launch,
            "cloudhop",
            &old,
            &new,
            &outline,
            Some("2026-12-03T08:00:00Z"),
        );
        let v = au.allowed(&s[0]);
        let ctx = &v["context"];
        assert_eq!(ctx["extensions"][EXT_SESSION_ID], "sess-1");
        let grouping: Vec<&str> = ctx["contextActivities"]["grouping"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        // The template's grouping first, then the course (the AU activity id), once each.
        assert_eq!(
            grouping,
            [
                "https://cloudhop.example/course",
                "https://lms.example.org/au/7"
            ]
        );
        assert!(ctx["contextActivities"].get("category").is_none());
        assert_eq!(
            v["object"]["id"],
            "https://lms.example.org/au/7/lessons/l1/items/tf"
        );
    }
}
