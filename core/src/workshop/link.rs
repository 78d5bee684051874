//! The workshop link: one URL that opens cloudhop in workshop mode.
//!
//! Route: `<base>#/workshop?w=<version>.<payload>`, where `version` is a whole number
//! (this build writes [`LINK_VERSION`]) and `payload` is the learner workshop
//! ([`Workshop::for_learners`], notes removed) as JSON, compressed with raw DEFLATE and
//! written in base64url. Links of a newer version are refused with a reason, never guessed
//! at.
//!
//! A URL longer than [`MAX_URL_CHARS`] is not offered: [`workshop_url`] says so and gives
//! the workshop file instead ([`to_file`]), which the learner opens in the app
//! (`#/workshop` without `w=`). 2,000 characters is the length up to which a link survives
//! everywhere an instructor pastes one: Internet Explorer and older Edge stopped at 2,083,
//! the sitemap protocol and many LMS URL fields take 2,048, and chat and e-mail clients
//! wrap or cut longer lines. Browsers take far longer fragments, but the link is only as
//! good as the worst place it passes through.
//!
//! ```
//! use cloudhop_core::workshop::{decode_link, encode_link, Segment, Workshop};
//! let w = Workshop { id: "day-one".into(), title: "Day one".into(), pass_mark: 70,
//!     segments: vec![Segment::whole("multicloud-vs-hybrid")] };
//! let payload = encode_link(&w);
//! assert!(payload.starts_with("1."));
//! let url = format!("https://example.org/cloudhop/#/workshop?w={payload}");
//! assert_eq!(decode_link(&url).unwrap(), w);
//! assert!(decode_link("#/workshop?w=9.abc").unwrap_err().to_string().contains("newer"));
//! ```

use super::codec;
use super::Workshop;
use std::fmt;

/// The link version this build writes and reads.
pub const LINK_VERSION: u32 = 1;
/// The longest URL [`workshop_url`] offers, in characters (see the module docs).
pub const MAX_URL_CHARS: usize = 2_000;
/// The `schema` of a workshop file (the short-link alternative).
pub const FILE_SCHEMA: &str = "cloudhop-workshop";
/// The largest workshop a link or file may unpack to, in bytes.
const MAX_JSON_BYTES: usize = 1 << 20;

/// Why a link or workshop file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// There is no `w=` in the text.
    NoWorkshop,
    /// The version part is missing or not a number.
    BadVersion(String),
    /// Written by a newer cloudhop.
    NewerVersion(u32),
    /// The payload is not readable (base64, compression or JSON), with why.
    Damaged(String),
    /// The workshop inside breaks a rule (bad id, pass mark over 100...).
    Invalid(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NoWorkshop => write!(f, "this link holds no workshop (no `w=` part)"),
            LinkError::BadVersion(v) => write!(
                f,
                "the workshop link's version `{v}` is not a version this cloudhop knows"
            ),
            LinkError::NewerVersion(v) => write!(
                f,
                "this workshop was written by a newer cloudhop (version {v}; this one reads up to {LINK_VERSION}): open it with the current site"
            ),
            LinkError::Damaged(why) => {
                write!(f, "the workshop link is damaged ({why}); ask for it again")
            }
            LinkError::Invalid(why) => write!(f, "the workshop is not valid: {why}"),
        }
    }
}

impl std::error::Error for LinkError {}

/// The link payload (`1.<base64url>`) for `workshop`, without the instructor's notes.
pub fn encode_link(workshop: &Workshop) -> String {
    let json = serde_json::to_string(&workshop.for_learners()).unwrap_or_default();
    format!(
        "{LINK_VERSION}.{}",
        codec::base64url(&codec::deflate(json.as_bytes()))
    )
}

/// Read a workshop from a whole URL, a `#/workshop?w=…` fragment, a `w=…` query or the bare
/// payload `1.…`. Percent-escapes are undone first (links pasted through some tools gain
/// them); white space is ignored.
pub fn decode_link(text: &str) -> Result<Workshop, LinkError> {
    let text = crate::share::decode(text.trim());
    let payload = match text.find("w=") {
        Some(at) if at == 0 || matches!(text.as_bytes()[at - 1], b'?' | b'&') => {
            let rest = &text[at + 2..];
            rest.split('&').next().unwrap_or("")
        }
        _ if text.contains('#') || text.contains('?') => return Err(LinkError::NoWorkshop),
        _ => text.as_str(),
    };
    let payload: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
    let Some((version, data)) = payload.split_once('.') else {
        return Err(LinkError::BadVersion(payload.chars().take(12).collect()));
    };
    match version.parse::<u32>() {
        Ok(LINK_VERSION) => {}
        Ok(v) if v > LINK_VERSION => return Err(LinkError::NewerVersion(v)),
        _ => return Err(LinkError::BadVersion(version.chars().take(12).collect())),
    }
    let bytes = codec::from_base64url(data)
        .ok_or_else(|| LinkError::Damaged("it has characters a link does not use".into()))?;
    let json = codec::inflate(&bytes, MAX_JSON_BYTES).map_err(|e| LinkError::Damaged(e.into()))?;
    let workshop: Workshop = serde_json::from_slice(&json)
        .map_err(|e| LinkError::Damaged(format!("its content does not read: {e}")))?;
    check_rules(&workshop)?;
    Ok(workshop)
}

/// Rules a workshop read from a link or file must keep, whatever the course: the rest is
/// checked against the course by `cloudhop_lessons::workshop::resolve`.
fn check_rules(w: &Workshop) -> Result<(), LinkError> {
    let id_ok = !w.id.is_empty()
        && w.id.len() <= 64
        && w.id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return Err(LinkError::Invalid(format!(
            "the id `{}` must be 1 to 64 lowercase letters, digits or `-`",
            w.id
        )));
    }
    if w.title.trim().is_empty() {
        return Err(LinkError::Invalid("the title is empty".into()));
    }
    if w.segments.is_empty() {
        return Err(LinkError::Invalid("it has no lessons".into()));
    }
    let marks = std::iter::once(w.pass_mark).chain(w.segments.iter().filter_map(|s| s.pass_mark));
    if let Some(m) = marks.into_iter().find(|&m| m > 100) {
        return Err(LinkError::Invalid(format!(
            "a pass mark of {m}% is over 100%"
        )));
    }
    Ok(())
}

/// What [`workshop_url`] gives: the URL, or, when it would be too long, the file to hand
/// out instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkshopLink {
    /// The URL, at most [`MAX_URL_CHARS`] long.
    Url(String),
    /// The URL would be `chars` long; hand out `file` ([`to_file`]) and the page `page`
    /// (`<base>#/workshop`) where learners open it.
    TooLong {
        /// How long the URL would have been.
        chars: usize,
        /// The page that opens a workshop file.
        page: String,
        /// The workshop file's text.
        file: String,
    },
}

/// The workshop-mode URL for `workshop` on the site at `base` (for example
/// `https://example.org/cloudhop/`; a trailing `#…` is dropped).
///
/// ```
/// use cloudhop_core::workshop::{workshop_url, Segment, Workshop, WorkshopLink};
/// let w = Workshop { id: "w".into(), title: "W".into(), pass_mark: 70,
///     segments: vec![Segment::whole("failover")] };
/// let WorkshopLink::Url(url) = workshop_url("https://example.org/", &w) else { panic!() };
/// assert!(url.starts_with("https://example.org/#/workshop?w=1."));
/// ```
pub fn workshop_url(base: &str, workshop: &Workshop) -> WorkshopLink {
    let base = base.split('#').next().unwrap_or(base);
    let url = format!("{base}#/workshop?w={}", encode_link(workshop));
    if url.chars().count() <= MAX_URL_CHARS {
        WorkshopLink::Url(url)
    } else {
        WorkshopLink::TooLong {
            chars: url.chars().count(),
            page: format!("{base}#/workshop"),
            file: to_file(workshop),
        }
    }
}

/// The learner workshop file (JSON, notes removed): the short-link alternative.
///
/// ```
/// use cloudhop_core::workshop::{link, Segment, Workshop};
/// let w = Workshop { id: "w".into(), title: "W".into(), pass_mark: 70,
///     segments: vec![Segment::whole("failover")] };
/// assert_eq!(link::from_file(&link::to_file(&w)).unwrap(), w);
/// assert!(link::from_file("{}").is_err());
/// ```
pub fn to_file(workshop: &Workshop) -> String {
    let doc = serde_json::json!({
        "schema": FILE_SCHEMA,
        "version": LINK_VERSION,
        "workshop": workshop.for_learners(),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// Read a workshop file written by [`to_file`].
pub fn from_file(text: &str) -> Result<Workshop, LinkError> {
    let doc: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| LinkError::Damaged(format!("the file is not JSON: {e}")))?;
    if doc.get("schema").and_then(|s| s.as_str()) != Some(FILE_SCHEMA) {
        return Err(LinkError::Damaged(format!(
            "the file is not a workshop file (no \"schema\": \"{FILE_SCHEMA}\")"
        )));
    }
    match doc.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(LINK_VERSION) => {}
        Some(v) if v > u64::from(LINK_VERSION) => {
            return Err(LinkError::NewerVersion(
                u32::try_from(v).unwrap_or(u32::MAX),
            ))
        }
        other => {
            return Err(LinkError::BadVersion(
                other.map_or("none".into(), |v| v.to_string()),
            ))
        }
    }
    let workshop: Workshop = serde_json::from_value(doc["workshop"].clone())
        .map_err(|e| LinkError::Damaged(format!("its content does not read: {e}")))?;
    check_rules(&workshop)?;
    Ok(workshop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::Segment;
    use proptest::prelude::*;

    fn sample() -> Workshop {
        let mut s = Segment::whole("failover");
        s.notes.prompts.push("secret".into());
        Workshop {
            id: "w".into(),
            title: "W".into(),
            pass_mark: 70,
            segments: vec![s],
        }
    }

    #[test]
    fn links_drop_notes_and_refuse_what_they_cannot_read() {
        let w = sample();
        let back = decode_link(&encode_link(&w)).unwrap();
        assert_eq!(back, w.for_learners());
        let p = encode_link(&w);
        for (text, want) in [
            ("https://x/#/lab/bgp?s=1", "no `w=`"),
            ("#/workshop?w=abc", "version `abc`"),
            ("#/workshop?w=0.abc", "version `0`"),
            ("#/workshop?w=2.abc", "newer cloudhop (version 2"),
            ("#/workshop?w=1.a*b", "characters"),
            ("#/workshop?w=1.AAAA", "damaged"),
        ] {
            let e = decode_link(text).unwrap_err().to_string();
            assert!(e.contains(want), "{text}: {e}");
        }
        // Percent-escaped and wrapped links still read.
        let wrapped = format!("#/workshop?w={}%20\n{}", &p[..10], &p[10..]);
        assert_eq!(decode_link(&wrapped).unwrap(), w.for_learners());
    }

    #[test]
    fn invalid_workshops_are_refused() {
        let mut w = sample();
        w.pass_mark = 150;
        let e = decode_link(&encode_link(&w)).unwrap_err().to_string();
        assert!(e.contains("over 100"), "{e}");
        w.pass_mark = 70;
        w.id = "Bad Id".into();
        assert!(decode_link(&encode_link(&w)).is_err());
    }

    #[test]
    fn long_workshops_get_a_file() {
        let mut w = sample();
        w.segments = (0..400u64)
            .map(|i| {
                Segment::whole(format!(
                    "lesson-{:x}",
                    i.wrapping_mul(0x9e37_79b9_7f4a_7c15)
                ))
            })
            .collect();
        match workshop_url("https://example.org/", &w) {
            WorkshopLink::TooLong { chars, page, file } => {
                assert!(chars > MAX_URL_CHARS);
                assert_eq!(page, "https://example.org/#/workshop");
                assert_eq!(from_file(&file).unwrap(), w.for_learners());
            }
            WorkshopLink::Url(u) => panic!("{} chars", u.len()),
        }
    }

    proptest! {
        #[test]
        fn decode_never_panics(s in "\\PC{0,200}") {
            let _ = decode_link(&s);
            let _ = decode_link(&format!("#/workshop?w=1.{s}"));
            let _ = from_file(&s);
        }
    }
}
