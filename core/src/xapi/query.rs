//! Reading a class's statements back from an LRS, for the class report: where to ask
//! ([`ClassSource`], from what an instructor types), the pages of the answer
//! ([`StatementPage`]), and where the next page is.
//!
//! Everything typed is checked before a request is made, and the LRS's answer is untrusted
//! too: a `more` link that leads to another origin is refused, so read-only credentials
//! never travel anywhere but to the endpoint the instructor named.
//!
//! ```
//! use cloudhop_core::xapi::query::{ClassSource, StatementPage};
//! let src = ClassSource::from_form("/xAPI", "reader", "s3cret",
//!     "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed", "https://courses.example.org/cloudhop").unwrap();
//! assert_eq!(src.auth, "Basic cmVhZGVyOnMzY3JldA==");
//! assert!(src.first_page_url().starts_with("/xAPI/statements?registration=1b9d6bcd-"));
//! let page = StatementPage::read(r#"{"statements":[{"id":"x"}],"more":"/xAPI/statements?page=2"}"#).unwrap();
//! assert_eq!(page.statements.len(), 1);
//! assert_eq!(src.next_page_url(page.more.as_deref().unwrap()).unwrap(), "/xAPI/statements?page=2");
//! ```

use super::iri::is_iri;
use super::launch::{check_endpoint, LaunchError};
use super::uuid::Uuid;
use crate::share;
use crate::workshop::codec::base64;
use serde_json::Value;
use std::fmt;

/// The most statements asked for per page (an LRS may send fewer, and a `more` link).
pub const PAGE_LIMIT: usize = 500;

/// How long the class report waits after one read of the LRS before the next, in ms.
pub const REFRESH_MS: u32 = 5_000;

/// The most pages read in one refresh: 40 pages of 500 statements is a large class's day.
pub const MAX_PAGES: usize = 40;

/// Where the class report reads statements from, and for which registration and course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassSource {
    /// The LRS endpoint, ending in `/` (a URL, or a path on this site's origin).
    pub endpoint: String,
    /// The `Authorization` header value: `Basic ` and the base64 of `key:secret`.
    pub auth: String,
    /// The registration the learners were launched with.
    pub registration: Uuid,
    /// The course's activity id, as in the learners' launch (`activity_id`).
    pub activity_id: String,
}

impl ClassSource {
    /// Check what the instructor typed. The key and secret are the LRS's read-only
    /// credentials (Basic authentication); the messages name the field that is wrong.
    ///
    /// ```
    /// use cloudhop_core::xapi::query::ClassSource;
    /// let bad = ClassSource::from_form("/xAPI/", "k", "s", "not-a-uuid", "https://ex.org/c");
    /// assert!(bad.unwrap_err().to_string().contains("registration"));
    /// ```
    pub fn from_form(
        endpoint: &str,
        key: &str,
        secret: &str,
        registration: &str,
        activity_id: &str,
    ) -> Result<ClassSource, FormError> {
        let endpoint = check_endpoint(endpoint).map_err(|e| match e {
            LaunchError::Invalid { reason, .. } => FormError {
                field: "endpoint",
                reason,
            },
            LaunchError::Missing(_) => FormError {
                field: "endpoint",
                reason: "empty".into(),
            },
        })?;
        let (key, secret) = (key.trim(), secret.trim());
        if key.is_empty() || key.contains(':') || key.chars().any(char::is_control) {
            return Err(FormError {
                field: "key",
                reason: "empty, or holds a colon or control characters".into(),
            });
        }
        if secret.chars().any(char::is_control) {
            return Err(FormError {
                field: "secret",
                reason: "holds control characters".into(),
            });
        }
        let registration = Uuid::parse(registration.trim()).ok_or_else(|| FormError {
            field: "registration",
            reason: "not a UUID such as 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed".into(),
        })?;
        let activity_id = activity_id.trim().trim_end_matches('/').to_string();
        if !is_iri(&activity_id) {
            return Err(FormError {
                field: "activity_id",
                reason: "not an absolute IRI such as https://example.org/cloudhop".into(),
            });
        }
        Ok(ClassSource {
            endpoint,
            auth: format!("Basic {}", base64(format!("{key}:{secret}").as_bytes())),
            registration,
            activity_id,
        })
    }

    /// The first page of the registration's statements, oldest first.
    pub fn first_page_url(&self) -> String {
        format!(
            "{}statements?registration={}&ascending=true&limit={PAGE_LIMIT}",
            self.endpoint,
            share::encode(&self.registration.to_string())
        )
    }

    /// Where the page after one with this `more` link is: `more` is relative to the LRS's
    /// origin (xAPI 1.0.3, 2.1.1: an IRL "relative to the LRS server"), or absolute on the
    /// endpoint's own origin. Anything else is refused.
    ///
    /// ```
    /// use cloudhop_core::xapi::query::ClassSource;
    /// let src = ClassSource::from_form("https://lrs.example.org/xAPI/", "k", "s",
    ///     "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed", "https://ex.org/c").unwrap();
    /// assert_eq!(src.next_page_url("/xAPI/statements?p=2").unwrap(),
    ///     "https://lrs.example.org/xAPI/statements?p=2");
    /// assert!(src.next_page_url("https://elsewhere.example/steal").is_err());
    /// assert!(src.next_page_url("//elsewhere.example/steal").is_err());
    /// ```
    pub fn next_page_url(&self, more: &str) -> Result<String, QueryError> {
        let more = more.trim();
        let origin = origin_of(&self.endpoint);
        let bad = more.is_empty()
            || more.chars().any(|c| c.is_whitespace() || c.is_control())
            || more.contains('\\');
        if !bad && more.starts_with('/') && !more.starts_with("//") {
            return Ok(format!("{origin}{more}"));
        }
        if !bad && !origin.is_empty() {
            if let Some(rest) = more.strip_prefix(origin) {
                if rest.starts_with('/') {
                    return Ok(more.to_string());
                }
            }
        }
        Err(QueryError::ForeignMore(more.chars().take(80).collect()))
    }
}

/// `https://host[:port]` of an endpoint URL, or `""` for a path on this site's origin.
fn origin_of(endpoint: &str) -> &str {
    let Some(scheme_end) = endpoint.find("://") else {
        return "";
    };
    let after = scheme_end + 3;
    match endpoint[after..].find('/') {
        Some(i) => &endpoint[..after + i],
        None => endpoint,
    }
}

/// A field of the class report's LRS form that is not usable, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// The field (`endpoint`, `key`, `secret`, `registration`, `activity_id`).
    pub field: &'static str,
    /// Why, for a person.
    pub reason: String,
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the `{}` is not usable ({}): nothing was asked of the learning record store",
            self.field, self.reason
        )
    }
}

impl std::error::Error for FormError {}

/// One page of a `GET statements` answer (a StatementResult).
#[derive(Debug, Clone, PartialEq)]
pub struct StatementPage {
    /// The statements, as JSON (the class report reads only what it needs of each).
    pub statements: Vec<Value>,
    /// The `more` link, when there are more pages.
    pub more: Option<String>,
}

impl StatementPage {
    /// Read a StatementResult's JSON text.
    pub fn read(text: &str) -> Result<StatementPage, QueryError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| QueryError::NotJson(e.to_string()))?;
        let Some(Value::Array(statements)) = value.get("statements") else {
            return Err(QueryError::NoStatements);
        };
        let more = value
            .get("more")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_string);
        Ok(StatementPage {
            statements: statements.clone(),
            more,
        })
    }
}

/// Why reading statements from the LRS stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// The answer is not JSON.
    NotJson(String),
    /// The answer has no `statements` array.
    NoStatements,
    /// The `more` link points away from the LRS's origin.
    ForeignMore(String),
    /// The LRS answered with an HTTP error.
    Status(u16),
    /// More than [`MAX_PAGES`] pages.
    TooManyPages,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::NotJson(e) => {
                write!(f, "the learning record store's answer is not JSON ({e})")
            }
            QueryError::NoStatements => write!(
                f,
                "the learning record store's answer has no `statements`: is the endpoint its xAPI address (often ending in /xAPI/)?"
            ),
            QueryError::ForeignMore(m) => write!(
                f,
                "the learning record store sent a next-page link to another site ({m}); it was not followed"
            ),
            QueryError::Status(401) | QueryError::Status(403) => write!(
                f,
                "the learning record store refused the key and secret (HTTP 401/403): check them, and that they may read statements"
            ),
            QueryError::Status(404) => write!(
                f,
                "the learning record store has nothing at this endpoint (HTTP 404): check the address"
            ),
            QueryError::Status(s) => {
                write!(f, "the learning record store answered HTTP {s}")
            }
            QueryError::TooManyPages => write!(
                f,
                "more than {} statements for this registration: only the first {} were read",
                MAX_PAGES * PAGE_LIMIT,
                MAX_PAGES * PAGE_LIMIT
            ),
        }
    }
}

impl std::error::Error for QueryError {}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: &str = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed";

    fn src(endpoint: &str) -> ClassSource {
        ClassSource::from_form(endpoint, "key", "secret", REG, "https://ex.org/c/").unwrap()
    }

    #[test]
    fn a_form_becomes_a_query() {
        let s = src("http://127.0.0.1:8100/xAPI");
        assert_eq!(s.endpoint, "http://127.0.0.1:8100/xAPI/");
        assert_eq!(s.activity_id, "https://ex.org/c");
        // base64("key:secret")
        assert_eq!(s.auth, "Basic a2V5OnNlY3JldA==");
        assert_eq!(
            s.first_page_url(),
            format!(
                "http://127.0.0.1:8100/xAPI/statements?registration={REG}&ascending=true&limit=500"
            )
        );
        // A non-ASCII secret is UTF-8 before base64 (RFC 7617's charset="UTF-8").
        let u = ClassSource::from_form("/xAPI/", "k", "é", REG, "https://ex.org/c").unwrap();
        assert_eq!(u.auth, "Basic azrDqQ==");
    }

    #[test]
    fn every_bad_field_is_named() {
        let cases = [
            (
                "javascript:alert(1)",
                "key",
                "s",
                REG,
                "https://ex.org/c",
                "endpoint",
            ),
            ("/xAPI/", "", "s", REG, "https://ex.org/c", "key"),
            ("/xAPI/", "a:b", "s", REG, "https://ex.org/c", "key"),
            ("/xAPI/", "k", "s\u{7}t", REG, "https://ex.org/c", "secret"),
            (
                "/xAPI/",
                "k",
                "s",
                "nope",
                "https://ex.org/c",
                "registration",
            ),
            ("/xAPI/", "k", "s", REG, "cloudhop", "activity_id"),
        ];
        for (e, k, s, r, a, field) in cases {
            let err = ClassSource::from_form(e, k, s, r, a)
                .unwrap_err()
                .to_string();
            assert!(err.contains(field), "{field}: {err}");
        }
    }

    #[test]
    fn more_links_stay_on_the_lrs_origin() {
        let s = src("https://lrs.example.org:8443/xAPI/");
        assert_eq!(
            s.next_page_url("/xAPI/statements?pit=1").unwrap(),
            "https://lrs.example.org:8443/xAPI/statements?pit=1"
        );
        assert_eq!(
            s.next_page_url("https://lrs.example.org:8443/xAPI/statements?pit=1")
                .unwrap(),
            "https://lrs.example.org:8443/xAPI/statements?pit=1"
        );
        for bad in [
            "https://lrs.example.org.evil.test/x",
            "https://lrs.example.org:8444/x",
            "//evil.test/x",
            "statements?p=2",
            "",
            "/x y",
            "javascript:alert(1)",
        ] {
            assert!(s.next_page_url(bad).is_err(), "{bad}");
        }
        // Same-origin endpoint: a root-relative link stays on this site.
        assert_eq!(
            src("/xAPI/").next_page_url("/xAPI/statements?p=2").unwrap(),
            "/xAPI/statements?p=2"
        );
    }

    #[test]
    fn pages_are_read_and_bad_answers_named() {
        let p = StatementPage::read(r#"{"statements":[],"more":""}"#).unwrap();
        assert_eq!((p.statements.len(), p.more), (0, None));
        assert!(matches!(
            StatementPage::read("<html>"),
            Err(QueryError::NotJson(_))
        ));
        assert_eq!(
            StatementPage::read(r#"{"id":"x"}"#),
            Err(QueryError::NoStatements)
        );
        assert!(QueryError::Status(401)
            .to_string()
            .contains("key and secret"));
    }
}
