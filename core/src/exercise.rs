//! The lab contract: what every lab provides so that it can run anywhere (its own page, a
//! lesson exercise, an embed, a workshop) through one piece of code.
//!
//! A lab is a type implementing [`Lab`]. It names itself, says what an exercise's
//! parameters look like ([`Lab::Exercise`]) and what the learner works on ([`Lab::State`]:
//! everything the lab shows that a link can carry), and gives four pure functions:
//! [`Lab::validate`] (an exercise makes sense), [`Lab::start`] (where an exercise begins),
//! [`Lab::goal_text`] and [`Lab::check`], which returns a [`Verdict`].
//!
//! Lab state travels as text in two places, share links (`#/lab/<lab>?s=...`) and the
//! progress record (an exercise's state at the learner's last check). Both use one
//! encoding, [`encode_state`]: a versioned envelope `{"lab":..,"v":..,"state":..}`, made
//! safe for a URL by [`crate::share::encode`]. [`decode_state`] reads it back, and also the
//! unversioned text that older releases wrote (version 0: the bare state, raw or
//! percent-encoded). What cannot be read is an [`StateError`] with a reason for a person;
//! [`restore`] and [`open_link`] turn that into what the lab shows instead, keeping the
//! text so the caller can set it aside.
//!
//! The list of labs lives in one place, [`crate::labs`].
//!
//! ```
//! use cloudhop_core::exercise::{decode_state, encode_state, Lab};
//! use cloudhop_core::labs::Planner;
//! let plan = Planner::default_state();
//! let text = encode_state::<Planner>(&plan);
//! assert_eq!(decode_state::<Planner>(&text).unwrap(), plan);
//! assert!(decode_state::<Planner>("{not json").is_err());
//! ```

use crate::limits::{check_json_depth, check_length, TooMuch, MAX_JSON_DEPTH, MAX_LINK_CHARS};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// One lab: its name, its exercises and its state, and the pure functions every place a
/// lab runs needs. Implemented once per lab in [`crate::labs`].
pub trait Lab: 'static {
    /// The name in lesson files and URLs (`planner`, `bgp`, ...).
    const SLUG: &'static str;
    /// The title shown to people ("BGP lab").
    const TITLE: &'static str;
    /// One line saying what the lab is for, for the course map's lab cards.
    const SUMMARY: &'static str;
    /// The newest version of [`Lab::State`]'s encoding. Version 0 is the unversioned
    /// state that releases before the envelope wrote; [`Lab::upgrade`] migrates older ones.
    const STATE_VERSION: u32 = 1;

    /// An exercise's parameters, as written in a lesson file (without the `lab` tag).
    type Exercise: Serialize + DeserializeOwned + Clone + PartialEq + fmt::Debug;
    /// What the learner works on: saved with an exercise's check, carried in share links.
    type State: Serialize + DeserializeOwned + Clone + PartialEq + fmt::Debug;

    /// The state the lab opens with on its own page.
    fn default_state() -> Self::State;
    /// Check that an exercise makes sense (ids exist, the goal is reachable and not met at
    /// the start). The course refuses to load an exercise that fails this.
    fn validate(ex: &Self::Exercise) -> Result<(), String>;
    /// Where an exercise starts. Exercises are validated when the course loads, so a
    /// problem here can only come from a hand-built exercise; the lab's default is used.
    fn start(ex: &Self::Exercise) -> Self::State;
    /// One sentence saying what to achieve.
    fn goal_text(ex: &Self::Exercise) -> String;
    /// Check the learner's work.
    fn check(ex: &Self::Exercise, state: &Self::State) -> Verdict;
    /// Whether a saved state still belongs to this exercise (an exercise edited since the
    /// state was saved may ask for a different kind of scenario). Default: any state fits.
    fn fits(_ex: &Self::Exercise, _state: &Self::State) -> bool {
        true
    }
    /// Migrate the JSON text of a state written at version `from` (older than
    /// [`Lab::STATE_VERSION`]) to the next version. Default: the shape did not change.
    fn upgrade(_from: u32, state: String) -> Result<String, String> {
        Ok(state)
    }
    /// Refuse a state that asks for more work than a page can do without freezing (the
    /// counts in [`crate::limits`]). Checked by [`decode_state`] on every state read from
    /// a link or from storage, before the lab works on it. Default: no counts to check.
    fn within_limits(_state: &Self::State) -> Result<(), TooMuch> {
        Ok(())
    }

    /// Read an exercise from a lesson file's JSON and validate it.
    ///
    /// ```
    /// use cloudhop_core::exercise::Lab;
    /// use cloudhop_core::labs::Failover;
    /// let err = Failover::read_exercise(serde_json::json!({"goal": 3})).unwrap_err();
    /// assert!(!err.is_empty());
    /// ```
    fn read_exercise(value: Value) -> Result<Self::Exercise, String> {
        let ex: Self::Exercise =
            serde_json::from_value(value).map_err(|e| readable_json_error(&e))?;
        Self::validate(&ex)?;
        Ok(ex)
    }
}

/// The outcome of checking an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The goal is met.
    pub passed: bool,
    /// One sentence for the learner: what is right, or what is still wrong.
    pub message: String,
}

impl Verdict {
    /// A passing verdict.
    ///
    /// ```
    /// use cloudhop_core::exercise::Verdict;
    /// let v = Verdict::pass("All four networks are disjoint.");
    /// assert!(v.passed);
    /// ```
    pub fn pass(message: impl Into<String>) -> Self {
        Verdict {
            passed: true,
            message: message.into(),
        }
    }

    /// A failing verdict.
    pub fn fail(message: impl Into<String>) -> Self {
        Verdict {
            passed: false,
            message: message.into(),
        }
    }

    /// The symbol every lab shows before the message: `✓` met, `✗` not yet.
    ///
    /// ```
    /// use cloudhop_core::exercise::Verdict;
    /// assert_eq!(Verdict::fail("no").symbol(), "✗");
    /// ```
    pub fn symbol(&self) -> &'static str {
        if self.passed {
            "✓"
        } else {
            "✗"
        }
    }
}

/// Why a lab state (from a link or from storage) could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateError {
    /// The text is empty.
    Empty,
    /// The text is not JSON.
    NotJson(String),
    /// The envelope names another lab.
    OtherLab {
        /// The lab named in the text.
        found: String,
    },
    /// Written by a newer release, in a format this one does not know.
    Newer {
        /// The version in the text.
        version: u64,
        /// The newest this release reads.
        known: u32,
    },
    /// JSON, but not a state of this lab (a field missing, a value of the wrong kind).
    Invalid(String),
    /// A saved state that no longer fits its exercise.
    Stale,
    /// Too large, too deep, or asking for too much work: refused before it was read
    /// ([`crate::limits`]).
    TooMuch(TooMuch),
}

impl StateError {
    /// Whether the text is worth keeping aside for the learner: not when it was refused
    /// for its size (a hostile link must not fill the browser's storage).
    ///
    /// ```
    /// use cloudhop_core::exercise::StateError;
    /// use cloudhop_core::limits::TooMuch;
    /// assert!(StateError::Empty.worth_keeping());
    /// assert!(!StateError::TooMuch(TooMuch::Length { chars: 9, max: 1 }).worth_keeping());
    /// ```
    pub fn worth_keeping(&self) -> bool {
        !matches!(self, StateError::TooMuch(_))
    }
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateError::Empty => write!(f, "it is empty"),
            StateError::NotJson(e) => write!(f, "it is not a lab scenario: {e}"),
            StateError::OtherLab { found } => write!(f, "it is a scenario for the {found} lab"),
            StateError::Newer { version, known } => write!(
                f,
                "it was made by a newer release of cloudhop (format {version}; this one reads up to {known})"
            ),
            StateError::Invalid(e) => write!(f, "{e}"),
            StateError::Stale => write!(
                f,
                "it was saved for an earlier version of this exercise"
            ),
            StateError::TooMuch(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for StateError {}

/// The text form of a lab state, for links and for the progress record: a versioned
/// envelope, percent-encoded where a URL needs it (see [`crate::share::encode`]).
///
/// ```
/// use cloudhop_core::exercise::{encode_state, Lab};
/// use cloudhop_core::labs::Bgp;
/// let text = encode_state::<Bgp>(&Bgp::default_state());
/// assert!(text.starts_with("{%22lab%22:%22bgp%22,%22v%22:1,"));
/// ```
pub fn encode_state<L: Lab>(state: &L::State) -> String {
    // Serialising plain data structures to a string cannot fail. Only this line depends on
    // the lab; the envelope is written by code shared by every lab.
    envelope_text(
        L::SLUG,
        L::STATE_VERSION,
        &serde_json::to_string(state).unwrap_or_default(),
    )
}

fn envelope_text(lab: &str, version: u32, state_json: &str) -> String {
    // `lab` is a slug (letters only), so it needs no escaping.
    crate::share::encode(&format!(
        r#"{{"lab":"{lab}","v":{version},"state":{state_json}}}"#
    ))
}

/// Read a lab state written by [`encode_state`], or by an older release (an unversioned
/// state, raw JSON or percent-encoded).
///
/// A text longer than [`MAX_LINK_CHARS`] or nested deeper than [`MAX_JSON_DEPTH`] is
/// refused before it is parsed, and a state whose counts are over the lab's limits
/// ([`Lab::within_limits`]) before the lab works on it: [`StateError::TooMuch`].
///
/// ```
/// use cloudhop_core::exercise::{decode_state, StateError};
/// use cloudhop_core::labs::{Bgp, Planner};
/// // A plan as an older release put it in a link.
/// let old = r#"{"networks":[{"name":"a","provider":"aws","kind":"vpc","blocks":["10.0.0.0/16"]}]}"#;
/// assert_eq!(decode_state::<Planner>(old).unwrap().networks.len(), 1);
/// // A BGP scenario opened in the planner.
/// let bgp = cloudhop_core::exercise::encode_state::<Bgp>(&Default::default());
/// assert!(matches!(decode_state::<Planner>(&bgp), Err(StateError::OtherLab { .. })));
/// // A link nested ten thousand levels deep is refused before it is parsed.
/// let deep = format!("{}{}", "%5B".repeat(10_000), "%5D".repeat(10_000));
/// assert!(matches!(decode_state::<Planner>(&deep), Err(StateError::TooMuch(_))));
/// ```
pub fn decode_state<L: Lab>(text: &str) -> Result<L::State, StateError> {
    let (version, mut state) = unwrap_envelope(text, L::SLUG, L::STATE_VERSION)?;
    for from in version..L::STATE_VERSION {
        state = L::upgrade(from, state).map_err(StateError::Invalid)?;
    }
    let state: L::State =
        serde_json::from_str(&state).map_err(|e| StateError::Invalid(readable_json_error(&e)))?;
    L::within_limits(&state).map_err(StateError::TooMuch)?;
    Ok(state)
}

/// The version and the state's JSON inside `text`, for any lab (not generic, so the
/// bundle holds it once).
fn unwrap_envelope(text: &str, lab: &str, known: u32) -> Result<(u32, String), StateError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StateError::Empty);
    }
    // Size before anything else, depth before the JSON is read into a state: a hostile
    // link costs a pass or two over its bytes. (The probes below cannot recurse without
    // end either: serde_json stops at 128 levels.)
    check_length(text, MAX_LINK_CHARS).map_err(StateError::TooMuch)?;
    // Raw JSON first (older releases saved some states unencoded, and a `%` inside a name
    // must not be taken for an escape), then percent-decoded.
    let decoded;
    let json = if serde_json::from_str::<IgnoredAny>(text).is_ok() {
        check_json_depth(text, MAX_JSON_DEPTH).map_err(StateError::TooMuch)?;
        text
    } else {
        decoded = crate::share::decode(text);
        check_json_depth(&decoded, MAX_JSON_DEPTH).map_err(StateError::TooMuch)?;
        serde_json::from_str::<IgnoredAny>(&decoded)
            .map_err(|e| StateError::NotJson(readable_json_error(&e)))?;
        &decoded
    };
    // The state is read straight from its text (not through `serde_json::Value`), so each
    // lab's state has one deserializer in the bundle, not two.
    let Ok(env) = serde_json::from_str::<EnvelopeIn>(json) else {
        return Ok((0, json.to_string()));
    };
    if env.lab != lab {
        return Err(StateError::OtherLab { found: env.lab });
    }
    if env.v > u64::from(known) {
        return Err(StateError::Newer {
            version: env.v,
            known,
        });
    }
    // At most `known` here, so it fits in a u32.
    Ok((env.v as u32, env.state.get().to_string()))
}

/// A versioned lab state as read: exactly these three fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeIn {
    lab: String,
    v: u64,
    state: Box<serde_json::value::RawValue>,
}

/// What a lab shows after reading a state, and what was wrong with the text, if anything.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored<S> {
    /// The state to show.
    pub state: S,
    /// Set when the text could not be used: why, and the text itself, which the caller
    /// keeps aside (it is never overwritten silently).
    pub problem: Option<Unreadable>,
}

/// A state text that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Why.
    pub error: StateError,
    /// The text as it was.
    pub text: String,
}

/// The state an exercise opens with: the learner's saved work when it can be read and
/// still fits, else the exercise's start (and the problem, so the saved text is kept).
///
/// ```
/// use cloudhop_core::exercise::{restore, Lab};
/// use cloudhop_core::labs::Planner;
/// let ex: <Planner as Lab>::Exercise = serde_json::from_str(r#"{"goal": "g",
///   "start": {"networks": [{"name": "a", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
///                          {"name": "b", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]}]}}"#).unwrap();
/// let r = restore::<Planner>(&ex, Some("garbage"));
/// assert_eq!(r.state, Planner::start(&ex));
/// assert_eq!(r.problem.unwrap().text, "garbage");
/// assert!(restore::<Planner>(&ex, None).problem.is_none());
/// ```
pub fn restore<L: Lab>(ex: &L::Exercise, saved: Option<&str>) -> Restored<L::State> {
    let Some(text) = saved else {
        return Restored {
            state: L::start(ex),
            problem: None,
        };
    };
    let decoded = decode_state::<L>(text).and_then(|s| {
        if L::fits(ex, &s) {
            Ok(s)
        } else {
            Err(StateError::Stale)
        }
    });
    match decoded {
        Ok(state) => Restored {
            state,
            problem: None,
        },
        Err(error) => Restored {
            state: L::start(ex),
            problem: Some(Unreadable {
                error,
                text: text.to_string(),
            }),
        },
    }
}

/// The state a lab page or embed opens with: the link's state when it can be read, else
/// the lab's default (and the problem).
///
/// ```
/// use cloudhop_core::exercise::{open_link, Lab};
/// use cloudhop_core::labs::Latency;
/// let r = open_link::<Latency>(Some("%7Bnot-json"));
/// assert_eq!(r.state, Latency::default_state());
/// assert!(r.problem.unwrap().error.to_string().starts_with("it is not a lab scenario"));
/// ```
pub fn open_link<L: Lab>(text: Option<&str>) -> Restored<L::State> {
    match text.filter(|t| !t.trim().is_empty()) {
        None => Restored {
            state: L::default_state(),
            problem: None,
        },
        Some(t) => match decode_state::<L>(t) {
            Ok(state) => Restored {
                state,
                problem: None,
            },
            Err(error) => Restored {
                state: L::default_state(),
                problem: Some(Unreadable {
                    error,
                    text: t.to_string(),
                }),
            },
        },
    }
}

/// A JSON error in words for a person: serde's type names (`u32`, `f64`, `usize`) become
/// what they mean, so a learner never reads "expected u32".
///
/// ```
/// use cloudhop_core::exercise::readable_json_error;
/// let e = serde_json::from_str::<u32>("-5").unwrap_err();
/// assert_eq!(readable_json_error(&e), "invalid value: integer `-5`, expected a whole number from 0 to 4294967295 at line 1 column 2");
/// ```
pub fn readable_json_error(e: &serde_json::Error) -> String {
    readable_type_names(&e.to_string())
}

/// Replace Rust type names in a message with words (see [`readable_json_error`]).
pub fn readable_type_names(message: &str) -> String {
    const NAMES: [(&str, &str); 12] = [
        ("u8", "a whole number from 0 to 255"),
        ("u16", "a whole number from 0 to 65535"),
        ("u32", "a whole number from 0 to 4294967295"),
        ("u64", "a whole number from 0 up"),
        ("u128", "a whole number from 0 up"),
        ("usize", "a whole number from 0 up"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
        ("bool", "true or false"),
        ("a sequence", "a list"),
    ];
    let mut out = message.to_string();
    for (name, words) in NAMES {
        for lead in ["expected ", "expected one of "] {
            let from = format!("{lead}{name}");
            if let Some(i) = out.find(&from) {
                let end = i + from.len();
                // Only whole words: "u32" but not "u320".
                let next = out[end..].chars().next();
                if next.is_none_or(|c| !c.is_ascii_alphanumeric()) {
                    out.replace_range(i + lead.len()..end, words);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::{Bgp, Dns, Failover, Latency, Planner};

    fn round_trip<L: Lab>() {
        let s = L::default_state();
        let text = encode_state::<L>(&s);
        assert_eq!(decode_state::<L>(&text).unwrap(), s, "{}", L::SLUG);
        // Decoding the decoded (raw JSON) form works too.
        let raw = crate::share::decode(&text);
        assert_eq!(decode_state::<L>(&raw).unwrap(), s, "{}", L::SLUG);
    }

    #[test]
    fn every_lab_round_trips_its_default_state() {
        round_trip::<Planner>();
        round_trip::<Bgp>();
        round_trip::<Latency>();
        round_trip::<Failover>();
        round_trip::<Dns>();
    }

    #[test]
    fn version_zero_texts_are_read() {
        // What older releases put in links: the bare state, percent-encoded.
        let bare = serde_json::to_string(&Bgp::default_state()).unwrap();
        let link = crate::share::encode(&bare);
        assert_eq!(decode_state::<Bgp>(&link).unwrap(), Bgp::default_state());
        assert_eq!(decode_state::<Bgp>(&bare).unwrap(), Bgp::default_state());
    }

    #[test]
    fn unreadable_texts_say_why() {
        assert_eq!(decode_state::<Bgp>("  "), Err(StateError::Empty));
        assert!(matches!(
            decode_state::<Bgp>("garbage"),
            Err(StateError::NotJson(_))
        ));
        let newer = r#"{"lab":"bgp","v":99,"state":{}}"#;
        assert_eq!(
            decode_state::<Bgp>(newer),
            Err(StateError::Newer {
                version: 99,
                known: 1
            })
        );
        let other = encode_state::<Latency>(&Latency::default_state());
        assert_eq!(
            decode_state::<Bgp>(&other).unwrap_err().to_string(),
            "it is a scenario for the latency lab"
        );
        let wrong = r#"{"lab":"bgp","v":1,"state":{"sc":3}}"#;
        assert!(matches!(
            decode_state::<Bgp>(wrong),
            Err(StateError::Invalid(_))
        ));
    }

    #[test]
    fn saved_work_that_no_longer_fits_is_set_aside_not_dropped() {
        let ex = crate::failover::exercise::FailoverExercise {
            start: crate::failover::scenario::Scenario::preset("static-site").unwrap(),
            goal: crate::failover::exercise::Goal::DnsMoved {
                share: 0.95,
                within_s: 60.0,
                case: Default::default(),
            },
            locked: vec![],
        };
        let region = crate::labs::FailoverState::preset("region");
        assert_ne!(region.a.model(), ex.start.model());
        let saved = encode_state::<Failover>(&region);
        let r = restore::<Failover>(&ex, Some(&saved));
        assert_eq!(r.state, Failover::start(&ex));
        let problem = r.problem.unwrap();
        assert_eq!(problem.error, StateError::Stale);
        assert_eq!(problem.text, saved);
        // Work that fits comes back as it was.
        let mut mine = Failover::start(&ex);
        mine.choice = Some(1);
        let r = restore::<Failover>(&ex, Some(&encode_state::<Failover>(&mine)));
        assert_eq!((r.state, r.problem), (mine, None));
    }

    #[test]
    fn type_names_become_words() {
        assert_eq!(
            readable_type_names("invalid type: string \"x\", expected u32 at line 1"),
            "invalid type: string \"x\", expected a whole number from 0 to 4294967295 at line 1"
        );
        assert_eq!(readable_type_names("expected u320"), "expected u320");
        assert_eq!(
            readable_type_names("invalid type: map, expected a sequence"),
            "invalid type: map, expected a list"
        );
    }
}
