//! The Tin Can launch parameters an LMS puts in the launch URL's query: `endpoint`, `auth`,
//! `actor`, `registration` and `activity_id`. The query is untrusted input: every value is
//! checked, and a bad one is refused with a message for a person.

use super::iri::is_iri;
use super::statement::Agent;
use super::uuid::Uuid;
use crate::share;
use std::fmt;

/// The longest value accepted for any launch parameter, in characters.
pub const MAX_PARAM_CHARS: usize = 2_048;

/// Where to send statements, as whom, for which registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchParams {
    /// The LRS endpoint, ending in `/`: an `https://` or `http://` URL, or a path on this
    /// site's own origin (`/xAPI/`).
    pub endpoint: String,
    /// The `Authorization` header value (`Basic …`), as the LMS gave it.
    pub auth: String,
    /// The learner.
    pub actor: Agent,
    /// The registration (one enrolment of the learner in the course).
    pub registration: Uuid,
    /// The course's activity id (an IRI); every other activity id is derived from it.
    pub activity_id: String,
}

/// Why a launch query was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LaunchError {
    /// A parameter is missing.
    Missing(&'static str),
    /// A parameter is there but not usable.
    Invalid {
        /// The parameter.
        param: &'static str,
        /// Why, for a person.
        reason: String,
    },
}

impl fmt::Display for LaunchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LaunchError::Missing(p) => write!(
                f,
                "the launch link has no `{p}`: statements are not sent to a learning record store"
            ),
            LaunchError::Invalid { param, reason } => write!(
                f,
                "the launch link's `{param}` is not usable ({reason}): statements are not sent to a learning record store"
            ),
        }
    }
}

impl std::error::Error for LaunchError {}

pub(crate) fn invalid(param: &'static str, reason: impl Into<String>) -> LaunchError {
    LaunchError::Invalid {
        param,
        reason: reason.into(),
    }
}

impl LaunchParams {
    /// Whether a query (with or without its `?`) asks for statements at all: it names an
    /// `endpoint`. A query without one is an ordinary visit.
    ///
    /// ```
    /// use cloudhop_core::xapi::LaunchParams;
    /// assert!(LaunchParams::requested("?endpoint=%2FxAPI%2F&auth=x"));
    /// assert!(!LaunchParams::requested("?theme=dark"));
    /// ```
    pub fn requested(query: &str) -> bool {
        pairs(query).any(|(k, _)| k == "endpoint")
    }

    /// Read the launch parameters from a URL query.
    ///
    /// ```
    /// use cloudhop_core::xapi::LaunchParams;
    /// let q = "?endpoint=https%3A%2F%2Flrs.example.org%2FxAPI&auth=Basic%20dTpw\
    ///     &actor=%7B%22mbox%22%3A%22mailto%3Aana%40example.org%22%2C%22name%22%3A%22Ana%22%7D\
    ///     &registration=1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed\
    ///     &activity_id=https%3A%2F%2Fcourses.example.org%2Fcloudhop";
    /// let p = LaunchParams::from_query(q).unwrap();
    /// assert_eq!(p.endpoint, "https://lrs.example.org/xAPI/");
    /// assert_eq!(p.actor.mbox.as_deref(), Some("mailto:ana@example.org"));
    /// assert_eq!(p.statements_url(), "https://lrs.example.org/xAPI/statements");
    /// let bad = LaunchParams::from_query("?endpoint=javascript%3Aalert(1)&auth=x");
    /// assert!(bad.unwrap_err().to_string().contains("`endpoint`"));
    /// ```
    pub fn from_query(query: &str) -> Result<LaunchParams, LaunchError> {
        let [endpoint, auth, actor, registration, activity_id] = read_query(
            query,
            ["endpoint", "auth", "actor", "registration", "activity_id"],
        )?;
        let endpoint = check_endpoint(&endpoint.ok_or(LaunchError::Missing("endpoint"))?)?;
        let auth = auth.ok_or(LaunchError::Missing("auth"))?;
        if auth.trim().is_empty() || auth.chars().any(|c| c.is_control()) {
            return Err(invalid("auth", "empty, or holds control characters"));
        }
        Ok(LaunchParams {
            endpoint,
            auth: auth.trim().to_string(),
            actor: check_actor(actor)?,
            registration: check_registration(registration, "registration")?,
            activity_id: check_activity_id(activity_id, "activity_id")?,
        })
    }

    /// The statements resource: `<endpoint>statements`.
    pub fn statements_url(&self) -> String {
        format!("{}statements", self.endpoint)
    }
}

/// The values of `keys` in a launch query (percent-decoded, `+` as a space), each at most
/// [`MAX_PARAM_CHARS`] characters; `None` for a key that is not there.
pub(crate) fn read_query<const N: usize>(
    query: &str,
    keys: [&'static str; N],
) -> Result<[Option<String>; N], LaunchError> {
    let mut values: [Option<String>; N] = std::array::from_fn(|_| None);
    for (key, raw) in pairs(query) {
        let Some(i) = keys.iter().position(|k| *k == key) else {
            continue;
        };
        if raw.len() > MAX_PARAM_CHARS * 3 {
            return Err(invalid(keys[i], "too long"));
        }
        let value = share::decode(&raw.replace('+', " "));
        if value.chars().count() > MAX_PARAM_CHARS {
            return Err(invalid(keys[i], "too long"));
        }
        values[i] = Some(value);
    }
    Ok(values)
}

/// The `actor`: a JSON Agent.
pub(crate) fn check_actor(text: Option<String>) -> Result<Agent, LaunchError> {
    Agent::from_launch_json(&text.ok_or(LaunchError::Missing("actor"))?)
        .map_err(|reason| invalid("actor", reason))
}

/// A registration: a UUID.
pub(crate) fn check_registration(
    text: Option<String>,
    param: &'static str,
) -> Result<Uuid, LaunchError> {
    let text = text.ok_or(LaunchError::Missing(param))?;
    Uuid::parse(text.trim()).ok_or_else(|| {
        invalid(
            param,
            "not a UUID such as 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed",
        )
    })
}

/// An activity id: an absolute IRI (a trailing `/` dropped).
pub(crate) fn check_activity_id(
    text: Option<String>,
    param: &'static str,
) -> Result<String, LaunchError> {
    let text = text.ok_or(LaunchError::Missing(param))?;
    let id = text.trim().trim_end_matches('/').to_string();
    if is_iri(&id) {
        Ok(id)
    } else {
        Err(invalid(
            param,
            "not an absolute IRI such as https://example.org/cloudhop",
        ))
    }
}

pub(crate) fn pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| kv.split_once('=').unwrap_or((kv, "")))
}

/// An endpoint is an `https://`/`http://` URL with a host, or an absolute path on this
/// origin (`/xAPI/`); it gets a trailing `/`.
pub(crate) fn check_endpoint(text: &str) -> Result<String, LaunchError> {
    let t = text.trim();
    let bad_char = t.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\' | '#' | '?')
    });
    if t.is_empty() || bad_char {
        return Err(invalid(
            "endpoint",
            "empty, or holds spaces, quotes, a query or a fragment",
        ));
    }
    let ok = if let Some(rest) = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
    {
        let host = rest.split('/').next().unwrap_or("");
        !host.is_empty() && !host.contains('@')
    } else {
        t.starts_with('/') && !t.starts_with("//")
    };
    if !ok {
        return Err(invalid(
            "endpoint",
            "not an https:// or http:// URL, nor a path on this site such as /xAPI/",
        ));
    }
    Ok(if t.ends_with('/') {
        t.to_string()
    } else {
        format!("{t}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "endpoint=%2FxAPI%2F&auth=Basic%20dTpw&actor=%7B%22mbox%22%3A%22mailto%3Aana%40example.org%22%7D&registration=1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed&activity_id=https%3A%2F%2Fex.org%2Fc%2F";

    #[test]
    fn reads_a_same_origin_launch() {
        let p = LaunchParams::from_query(GOOD).unwrap();
        assert_eq!(p.endpoint, "/xAPI/");
        assert_eq!(p.auth, "Basic dTpw");
        assert_eq!(p.activity_id, "https://ex.org/c");
        assert_eq!(
            p.registration.to_string(),
            "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed"
        );
    }

    #[test]
    fn refuses_each_bad_value_with_its_name() {
        let cases = [
            ("endpoint=%2F%2Fevil.example%2F", "endpoint"),
            ("endpoint=ftp%3A%2F%2Fx%2F", "endpoint"),
            ("endpoint=https%3A%2F%2Fu%3Ap%40evil%2F", "endpoint"),
            ("registration=not-a-uuid", "registration"),
            ("actor=%7B%7D", "actor"),
            ("actor=%5B1%5D", "actor"),
            ("activity_id=no%20iri", "activity_id"),
            ("auth=", "auth"),
        ];
        for (replace, param) in cases {
            let key = replace.split('=').next().unwrap();
            let q: Vec<String> = GOOD
                .split('&')
                .map(|kv| {
                    if kv.starts_with(&format!("{key}=")) {
                        replace.to_string()
                    } else {
                        kv.to_string()
                    }
                })
                .collect();
            let err = LaunchParams::from_query(&q.join("&")).unwrap_err();
            assert!(
                err.to_string().contains(&format!("`{param}`")),
                "{replace}: {err}"
            );
        }
    }

    #[test]
    fn missing_and_oversized() {
        assert_eq!(
            LaunchParams::from_query("endpoint=%2FxAPI%2F").unwrap_err(),
            LaunchError::Missing("auth")
        );
        let long = format!("{GOOD}&auth={}", "a".repeat(5000));
        assert!(LaunchParams::from_query(&long).is_err());
    }

    #[test]
    fn old_tin_can_actor_arrays_are_read() {
        let q = GOOD.replace(
            "actor=%7B%22mbox%22%3A%22mailto%3Aana%40example.org%22%7D",
            "actor=%7B%22name%22%3A%5B%22Ana%22%5D%2C%22mbox%22%3A%5B%22mailto%3Aana%40example.org%22%5D%7D",
        );
        let p = LaunchParams::from_query(&q).unwrap();
        assert_eq!(p.actor.name.as_deref(), Some("Ana"));
        assert_eq!(p.actor.mbox.as_deref(), Some("mailto:ana@example.org"));
    }
}
