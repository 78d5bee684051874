//! xAPI 1.0.3 statements as typed values; `serde` writes the JSON the specification
//! names (camelCase fields, `objectType`, language maps).

use super::uuid::Uuid;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A language map: `{"en-US": "text"}`.
pub type LanguageMap = BTreeMap<String, String>;

/// The language of every text cloudhop writes.
pub const LANGUAGE: &str = "en-US";

/// A language map with one entry in [`LANGUAGE`].
///
/// ```
/// let m = cloudhop_core::xapi::statement::en("Passed");
/// assert_eq!(m["en-US"], "Passed");
/// ```
pub fn en(text: &str) -> LanguageMap {
    BTreeMap::from([(LANGUAGE.to_string(), text.to_string())])
}

/// An account on some system (an Agent's identifier when it has no e-mail address).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The system's home page.
    #[serde(rename = "homePage")]
    pub home_page: String,
    /// The account name on it.
    pub name: String,
}

/// The learner (an xAPI Agent identified by `mbox` or `account`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// Always `"Agent"`.
    #[serde(rename = "objectType")]
    pub object_type: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `mailto:` address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mbox: Option<String>,
    /// An account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<Account>,
}

impl Agent {
    /// The agent's identifier as one text (its inverse functional identifier: the `mbox`,
    /// else the account's home page and name), so two learners never share a statement id.
    ///
    /// ```
    /// use cloudhop_core::xapi::statement::Agent;
    /// let a = Agent::from_launch_json(r#"{"mbox":"mailto:ana@example.org","name":"Ana"}"#).unwrap();
    /// assert_eq!(a.ifi(), "mbox:mailto:ana@example.org");
    /// ```
    pub fn ifi(&self) -> String {
        match (&self.mbox, &self.account) {
            (Some(m), _) => format!("mbox:{m}"),
            (None, Some(a)) => format!("account:{}|{}", a.home_page, a.name),
            (None, None) => String::new(),
        }
    }

    /// Read the `actor` launch parameter: a JSON Agent with an `mbox` (`mailto:`) or an
    /// `account` (`homePage`, `name`). The older Tin Can form with one-element arrays
    /// (`{"name": ["Ana"], "mbox": ["mailto:…"]}`) is read too.
    ///
    /// ```
    /// use cloudhop_core::xapi::statement::Agent;
    /// let a = Agent::from_launch_json(r#"{"account":{"homePage":"https://lms.example.org","name":"42"}}"#).unwrap();
    /// assert_eq!(a.account.unwrap().name, "42");
    /// assert!(Agent::from_launch_json(r#"{"mbox":"ana@example.org"}"#).is_err());
    /// ```
    pub fn from_launch_json(text: &str) -> Result<Agent, String> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let obj = v.as_object().ok_or("not a JSON object")?;
        let one = |key: &str| -> Result<Option<&serde_json::Value>, String> {
            match obj.get(key) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::Array(a)) if a.len() == 1 => Ok(a.first()),
                Some(serde_json::Value::Array(_)) => Err(format!("`{key}` has several values")),
                Some(other) => Ok(Some(other)),
            }
        };
        let text_of = |key: &str| -> Result<Option<String>, String> {
            match one(key)? {
                None => Ok(None),
                Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(format!("`{key}` is not text")),
            }
        };
        let name = text_of("name")?;
        let mbox = text_of("mbox")?;
        if let Some(m) = &mbox {
            let addr = m
                .strip_prefix("mailto:")
                .ok_or("`mbox` does not start with mailto:")?;
            if !addr.contains('@') || addr.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err("`mbox` is not an e-mail address".into());
            }
        }
        let account = match one("account")? {
            None => None,
            Some(a) => {
                let home_page = a.get("homePage").and_then(|h| h.as_str()).unwrap_or("");
                let acc_name = a.get("name").and_then(|h| h.as_str()).unwrap_or("");
                if !super::iri::is_iri(home_page) || acc_name.trim().is_empty() {
                    return Err("`account` needs a homePage IRI and a name".into());
                }
                Some(Account {
                    home_page: home_page.to_string(),
                    name: acc_name.to_string(),
                })
            }
        };
        match (&mbox, &account) {
            (None, None) => {
                return Err("neither `mbox` nor `account` identifies the learner".into())
            }
            (Some(_), Some(_)) => {
                return Err("both `mbox` and `account`: an Agent has one identifier".into())
            }
            _ => {}
        }
        Ok(Agent {
            object_type: "Agent".into(),
            name,
            mbox,
            account,
        })
    }
}

/// A verb: its IRI and display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verb {
    /// The ADL verb IRI.
    pub id: String,
    /// `{"en-US": "answered"}`.
    pub display: LanguageMap,
}

/// What an activity is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActivityDefinition {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LanguageMap>,
    /// Its description (a quiz item's prompt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LanguageMap>,
    /// The activity type IRI.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// For an interaction: `choice`, `true-false` or `fill-in`.
    #[serde(
        rename = "interactionType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub interaction_type: Option<String>,
    /// For a choice interaction: the options, with ids `"0"`, `"1"`, … (authored order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<InteractionComponent>>,
}

/// One option of a choice interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractionComponent {
    /// The option's id (its authored index).
    pub id: String,
    /// Its text.
    pub description: LanguageMap,
}

/// An activity (a course, lesson, quiz item or exercise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// Always `"Activity"`.
    #[serde(rename = "objectType")]
    pub object_type: String,
    /// Its stable IRI.
    pub id: String,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<ActivityDefinition>,
}

/// A score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// `0.0..=1.0`.
    pub scaled: f64,
    /// Raw score (percent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<f64>,
    /// Lowest possible raw score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Highest possible raw score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

impl Score {
    /// A percentage as a score: scaled `0..=1`, raw out of 100.
    ///
    /// ```
    /// let s = cloudhop_core::xapi::statement::Score::percent(75);
    /// assert_eq!((s.scaled, s.raw), (0.75, Some(75.0)));
    /// ```
    pub fn percent(p: u8) -> Score {
        let p = p.min(100);
        Score {
            scaled: f64::from(p) / 100.0,
            raw: Some(f64::from(p)),
            min: Some(0.0),
            max: Some(100.0),
        }
    }
}

/// The outcome an event carries.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StatementResult {
    /// The score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// Right / passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// Finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<bool>,
    /// The learner's answer (interaction response format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
}

/// The activities around an activity.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContextActivities {
    /// The lesson of an item or exercise, the course of a lesson.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parent: Vec<Activity>,
    /// The course, for items and exercises.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grouping: Vec<Activity>,
}

/// A statement's context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The registration, from the launch.
    pub registration: String,
    /// Parents and grouping.
    #[serde(rename = "contextActivities")]
    pub context_activities: ContextActivities,
    /// The platform, `"cloudhop"`.
    pub platform: String,
    /// The language of the texts, [`LANGUAGE`].
    pub language: String,
}

/// One xAPI statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Its id: a name-based UUID of registration and event, so a resend is the same
    /// statement.
    pub id: String,
    /// The learner.
    pub actor: Agent,
    /// What happened.
    pub verb: Verb,
    /// To what.
    pub object: Activity,
    /// With what outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<StatementResult>,
    /// Where.
    pub context: Context,
    /// When (ISO 8601, from the app's clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// `"1.0.0"`.
    pub version: String,
}

impl Statement {
    /// The statement as xAPI JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Its id as a [`Uuid`] (always a valid one for statements made here).
    pub fn uuid(&self) -> Option<Uuid> {
        Uuid::parse(&self.id)
    }
}
