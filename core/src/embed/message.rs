//! The `cloudhop:*` postMessage protocol, version [`PROTOCOL_VERSION`]: what an embed tells
//! its host ([`Outgoing`]), to which origin, and the commands it takes ([`Command`]).

use super::origin::HostOrigin;
use super::params::Theme;
use serde_json::{json, Value};

/// The protocol version, in every message as `v`.
pub const PROTOCOL_VERSION: u64 = 1;

/// A message from the embed to its host.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing<'a> {
    /// The lab is on screen, this tall (CSS pixels).
    Ready {
        /// The lab's slug.
        lab: &'a str,
        /// The content height.
        height: u32,
    },
    /// The content height changed.
    Resize {
        /// The lab's slug.
        lab: &'a str,
        /// The content height.
        height: u32,
    },
    /// The learner changed the scenario: `state` is its shareable text (as in `?s=`).
    StateChanged {
        /// The lab's slug.
        lab: &'a str,
        /// The scenario.
        state: String,
    },
    /// The answer to `cloudhop:get-state`.
    State {
        /// The lab's slug.
        lab: &'a str,
        /// The scenario.
        state: String,
    },
    /// The learner checked an exercise.
    Checked {
        /// The lab's slug.
        lab: &'a str,
        /// The goal is met.
        passed: bool,
        /// The verdict's sentence.
        message: String,
        /// The scenario that was checked.
        state: String,
    },
    /// A command could not be carried out (the scenario could not be read, an unknown
    /// command, a newer protocol): the lab is as it was.
    Error {
        /// The lab's slug.
        lab: &'a str,
        /// What went wrong, for a person.
        message: String,
    },
}

impl Outgoing<'_> {
    /// The message's `type`.
    pub fn kind(&self) -> &'static str {
        match self {
            Outgoing::Ready { .. } => "cloudhop:ready",
            Outgoing::Resize { .. } => "cloudhop:resize",
            Outgoing::StateChanged { .. } => "cloudhop:state-changed",
            Outgoing::State { .. } => "cloudhop:state",
            Outgoing::Checked { .. } => "cloudhop:checked",
            Outgoing::Error { .. } => "cloudhop:error",
        }
    }

    /// Whether the message carries the learner's work (a scenario, a verdict, or an error
    /// about one): such a message goes to the named host only.
    pub fn is_private(&self) -> bool {
        !matches!(self, Outgoing::Ready { .. } | Outgoing::Resize { .. })
    }

    /// The message as JSON: `{"type":"cloudhop:…","v":1,"lab":…,…}`.
    ///
    /// ```
    /// use cloudhop_core::embed::Outgoing;
    /// let m = Outgoing::Resize { lab: "planner", height: 612 };
    /// assert_eq!(m.to_json(), r#"{"height":612,"lab":"planner","type":"cloudhop:resize","v":1}"#);
    /// ```
    pub fn to_json(&self) -> String {
        let mut v = match self {
            Outgoing::Ready { lab, height } | Outgoing::Resize { lab, height } => {
                json!({ "lab": lab, "height": height })
            }
            Outgoing::StateChanged { lab, state } | Outgoing::State { lab, state } => {
                json!({ "lab": lab, "state": state })
            }
            Outgoing::Checked {
                lab,
                passed,
                message,
                state,
            } => json!({ "lab": lab, "passed": passed, "message": message, "state": state }),
            Outgoing::Error { lab, message } => json!({ "lab": lab, "message": message }),
        };
        v["type"] = self.kind().into();
        v["v"] = PROTOCOL_VERSION.into();
        v.to_string()
    }

    /// The `targetOrigin` to post with, or `None` when the message must not be sent: the
    /// named host for everything; without one, only the height and readiness (which say
    /// nothing of the learner's work) go out, to `*`.
    ///
    /// ```
    /// use cloudhop_core::embed::{HostOrigin, Outgoing};
    /// let host = HostOrigin::parse("https://docs.example.org").unwrap();
    /// let checked = Outgoing::Checked { lab: "bgp", passed: true, message: "Yes.".into(), state: "s".into() };
    /// assert_eq!(checked.target(Some(&host)).as_deref(), Some("https://docs.example.org"));
    /// assert_eq!(checked.target(None), None);
    /// assert_eq!(Outgoing::Ready { lab: "bgp", height: 1 }.target(None).as_deref(), Some("*"));
    /// ```
    pub fn target(&self, host: Option<&HostOrigin>) -> Option<String> {
        match host {
            Some(h) => Some(h.as_str().to_string()),
            None if self.is_private() => None,
            None => Some("*".to_string()),
        }
    }
}

impl Outgoing<'_> {
    /// The height message in Embedly's dialect, which Embedly's and compatible resizers (and
    /// many CMS embed plugins) already understand: a JSON string naming the frame by the
    /// `src` the host gave it. It goes where [`Outgoing::Resize`] goes.
    ///
    /// ```
    /// use cloudhop_core::embed::Outgoing;
    /// assert_eq!(
    ///     Outgoing::embedly_resize(480, "https://labs.example/embed/bgp/"),
    ///     r#"{"context":"iframe.resize","height":480,"src":"https://labs.example/embed/bgp/"}"#
    /// );
    /// ```
    pub fn embedly_resize(height: u32, src: &str) -> String {
        json!({ "context": "iframe.resize", "height": height, "src": src }).to_string()
    }
}

/// A command from the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Open this scenario (its shareable text, as in `?s=` or a `state-changed` message).
    SetState(String),
    /// Go back to the lab's starting scenario.
    Reset,
    /// Answer with a `cloudhop:state` message.
    GetState,
    /// Change the colours.
    SetTheme(Theme),
}

/// Why a message is not a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    /// Not a `cloudhop:*` message at all (another script's): ignored without a word.
    NotOurs,
    /// A protocol version this embed does not know.
    Newer(u64),
    /// A `cloudhop:*` type that is not a command.
    Unknown(String),
    /// A field the command needs is missing or not text.
    Missing {
        /// The command.
        command: &'static str,
        /// The field.
        field: &'static str,
    },
    /// `set-theme` with a theme that is not light, dark or auto.
    BadTheme(String),
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommandError::NotOurs => f.write_str("not a cloudhop message"),
            CommandError::Newer(v) => write!(
                f,
                "protocol version {v} is newer than this embed's ({PROTOCOL_VERSION})"
            ),
            CommandError::Unknown(t) => write!(
                f,
                "`{t}` is not a command (known: cloudhop:set-state, cloudhop:reset, cloudhop:get-state, cloudhop:set-theme)"
            ),
            CommandError::Missing { command, field } => {
                write!(f, "`{command}` needs `{field}` as text")
            }
            CommandError::BadTheme(t) => write!(f, "theme `{t}` is not light, dark or auto"),
        }
    }
}

impl std::error::Error for CommandError {}

impl Command {
    /// Read a command from a message's data as JSON (an object, or a string holding one).
    /// `v` may be left out (version 1).
    ///
    /// ```
    /// use cloudhop_core::embed::{Command, CommandError, Theme};
    /// assert_eq!(Command::parse(r#"{"type":"cloudhop:set-theme","theme":"dark"}"#), Ok(Command::SetTheme(Theme::Dark)));
    /// assert_eq!(Command::parse(r#""{\"type\":\"cloudhop:get-state\"}""#), Ok(Command::GetState));
    /// assert_eq!(Command::parse(r#"{"context":"iframe.resize","height":3}"#), Err(CommandError::NotOurs));
    /// assert_eq!(Command::parse(r#"{"type":"cloudhop:reset","v":2}"#), Err(CommandError::Newer(2)));
    /// ```
    pub fn parse(data_json: &str) -> Result<Command, CommandError> {
        let mut value: Value =
            serde_json::from_str(data_json).map_err(|_| CommandError::NotOurs)?;
        if let Value::String(inner) = &value {
            value = serde_json::from_str(inner).map_err(|_| CommandError::NotOurs)?;
        }
        let kind = value
            .get("type")
            .and_then(Value::as_str)
            .and_then(|t| t.strip_prefix("cloudhop:"))
            .ok_or(CommandError::NotOurs)?;
        match value.get("v") {
            None => {}
            Some(v) => match v.as_u64() {
                Some(n) if n <= PROTOCOL_VERSION => {}
                Some(n) => return Err(CommandError::Newer(n)),
                None => return Err(CommandError::Newer(u64::MAX)),
            },
        }
        let text = |command, field| {
            value
                .get(field)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or(CommandError::Missing { command, field })
        };
        match kind {
            "set-state" => text("cloudhop:set-state", "state").map(Command::SetState),
            "reset" => Ok(Command::Reset),
            "get-state" => Ok(Command::GetState),
            "set-theme" => {
                let t = text("cloudhop:set-theme", "theme")?;
                Theme::parse(&t)
                    .map(Command::SetTheme)
                    .ok_or(CommandError::BadTheme(t))
            }
            other => Err(CommandError::Unknown(format!("cloudhop:{other}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_private_message_needs_a_host() {
        let host = HostOrigin::parse("http://127.0.0.1:8081").unwrap();
        let all = [
            Outgoing::Ready {
                lab: "a",
                height: 1,
            },
            Outgoing::Resize {
                lab: "a",
                height: 1,
            },
            Outgoing::StateChanged {
                lab: "a",
                state: "s".into(),
            },
            Outgoing::State {
                lab: "a",
                state: "s".into(),
            },
            Outgoing::Checked {
                lab: "a",
                passed: false,
                message: "m".into(),
                state: "s".into(),
            },
            Outgoing::Error {
                lab: "a",
                message: "m".into(),
            },
        ];
        for m in &all {
            assert_eq!(
                m.target(Some(&host)).as_deref(),
                Some("http://127.0.0.1:8081")
            );
            let carries_work =
                m.to_json().contains("\"state\"") || m.to_json().contains("\"message\"");
            assert_eq!(m.target(None).is_none(), carries_work, "{}", m.to_json());
            assert_ne!(
                m.target(None).as_deref(),
                Some("*").filter(|_| carries_work)
            );
            let v: Value = serde_json::from_str(&m.to_json()).unwrap();
            assert_eq!(v["type"], m.kind());
            assert_eq!(v["v"], 1);
        }
    }

    #[test]
    fn commands_need_their_fields() {
        assert_eq!(
            Command::parse(r#"{"type":"cloudhop:set-state"}"#),
            Err(CommandError::Missing {
                command: "cloudhop:set-state",
                field: "state"
            })
        );
        assert_eq!(
            Command::parse(r#"{"type":"cloudhop:set-state","state":7}"#),
            Err(CommandError::Missing {
                command: "cloudhop:set-state",
                field: "state"
            })
        );
        assert_eq!(
            Command::parse(r#"{"type":"cloudhop:set-theme","theme":"pink"}"#),
            Err(CommandError::BadTheme("pink".into()))
        );
        assert_eq!(
            Command::parse(r#"{"type":"cloudhop:ready","v":1}"#),
            Err(CommandError::Unknown("cloudhop:ready".into()))
        );
        assert_eq!(
            Command::parse(r#"{"type":"cloudhop:reset","v":"1"}"#),
            Err(CommandError::Newer(u64::MAX))
        );
        for junk in [
            "",
            "null",
            "3",
            "[1]",
            "\"hello\"",
            r#"{"type":7}"#,
            r#"{"type":"other:reset"}"#,
        ] {
            assert_eq!(Command::parse(junk), Err(CommandError::NotOurs), "{junk}");
        }
        assert_eq!(
            Command::parse(r#"{"type":"cloudhop:set-state","v":1,"state":"%7B%7D"}"#),
            Ok(Command::SetState("%7B%7D".into()))
        );
    }
}
