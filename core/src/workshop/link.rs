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
use super::{ItemChoice, Workshop};
use crate::limits::{
    check_count, check_json_depth, check_length, TooMuch, MAX_JSON_DEPTH, MAX_LINK_CHARS,
    MAX_UNPACKED_BYTES, MAX_WORKSHOP_EXERCISES, MAX_WORKSHOP_PICKS, MAX_WORKSHOP_SEGMENTS,
};
use std::fmt;

/// The link version this build writes and reads.
pub const LINK_VERSION: u32 = 1;
/// The longest URL [`workshop_url`] offers, in characters (see the module docs).
pub const MAX_URL_CHARS: usize = 2_000;
/// The `schema` of a workshop file (the short-link alternative).
pub const FILE_SCHEMA: &str = "cloudhop-workshop";

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
    /// Too long, too deep or too large to open ([`crate::limits`]), refused before it was
    /// read.
    TooMuch(TooMuch),
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
            LinkError::TooMuch(why) => write!(f, "this workshop cannot be opened: {why}"),
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
///
/// A text longer than [`MAX_LINK_CHARS`], a payload unpacking to more than
/// [`MAX_UNPACKED_BYTES`], JSON nested deeper than [`MAX_JSON_DEPTH`] or a workshop with
/// more lessons, picks or exercises than [`crate::limits`] allows is refused
/// ([`LinkError::TooMuch`]) before it is read any further.
///
/// ```
/// use cloudhop_core::workshop::{decode_link, LinkError};
/// let huge = format!("#/workshop?w=1.{}", "A".repeat(200_000));
/// assert!(matches!(decode_link(&huge), Err(LinkError::TooMuch(_))));
/// ```
pub fn decode_link(text: &str) -> Result<Workshop, LinkError> {
    check_length(text, MAX_LINK_CHARS).map_err(LinkError::TooMuch)?;
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
    let json = codec::inflate(&bytes, MAX_UNPACKED_BYTES).map_err(|e| match e {
        codec::InflateError::TooLarge => LinkError::TooMuch(TooMuch::Unpacked {
            max: MAX_UNPACKED_BYTES,
        }),
        codec::InflateError::Damaged => LinkError::Damaged(e.to_string()),
    })?;
    let json = String::from_utf8_lossy(&json);
    check_json_depth(&json, MAX_JSON_DEPTH).map_err(LinkError::TooMuch)?;
    let workshop: Workshop = serde_json::from_str(&json)
        .map_err(|e| LinkError::Damaged(format!("its content does not read: {e}")))?;
    check_rules(&workshop)?;
    Ok(workshop)
}

/// Counts a workshop from a link or file may not exceed, each exercise's start included.
fn check_size(w: &Workshop) -> Result<(), TooMuch> {
    check_count("lessons", w.segments.len(), MAX_WORKSHOP_SEGMENTS)?;
    let exercises: usize = w.segments.iter().map(|s| s.exercises.len()).sum();
    check_count("extra exercises", exercises, MAX_WORKSHOP_EXERCISES)?;
    for s in &w.segments {
        check_count(
            "sections picked in one lesson",
            s.sections.len(),
            MAX_WORKSHOP_PICKS,
        )?;
        if let ItemChoice::Only(items) = &s.items {
            check_count(
                "quiz items picked in one lesson",
                items.len(),
                MAX_WORKSHOP_PICKS,
            )?;
        }
        for e in &s.exercises {
            e.spec.within_limits()?;
        }
    }
    Ok(())
}

/// Rules a workshop read from a link or file must keep, whatever the course: the rest is
/// checked against the course by `cloudhop_lessons::workshop::resolve`.
fn check_rules(w: &Workshop) -> Result<(), LinkError> {
    check_size(w).map_err(LinkError::TooMuch)?;
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
    if text.len() > MAX_UNPACKED_BYTES {
        return Err(LinkError::TooMuch(TooMuch::Unpacked {
            max: MAX_UNPACKED_BYTES,
        }));
    }
    check_json_depth(text, MAX_JSON_DEPTH).map_err(LinkError::TooMuch)?;
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

    /// A link payload for any JSON text (not necessarily a workshop).
    fn payload_of(json: &str) -> String {
        format!(
            "#/workshop?w={LINK_VERSION}.{}",
            codec::base64url(&codec::deflate(json.as_bytes()))
        )
    }

    #[test]
    fn hostile_links_are_refused_before_they_are_read() {
        // Too long to be a link.
        let long = format!("#/workshop?w=1.{}", "A".repeat(MAX_LINK_CHARS));
        assert_eq!(
            decode_link(&long).unwrap_err().to_string(),
            "this workshop cannot be opened: it is too long: 100,015 characters, and a link may hold at most 100,000"
        );
        // A decompression bomb: 50 MB of spaces in a link of a few hundred characters.
        let bomb = payload_of(&" ".repeat(50 << 20));
        assert!(bomb.len() < 100_000, "{}", bomb.len());
        assert_eq!(
            decode_link(&bomb).unwrap_err(),
            LinkError::TooMuch(TooMuch::Unpacked {
                max: MAX_UNPACKED_BYTES
            })
        );
        // Nested without end.
        let deep = payload_of(&format!(r#"{{"id":{}}}"#, "[".repeat(100_000)));
        assert_eq!(
            decode_link(&deep).unwrap_err().to_string(),
            "this workshop cannot be opened: it is nested more than 32 levels deep (a scenario needs far fewer)"
        );
    }

    #[test]
    fn workshops_over_the_counts_are_refused() {
        let mut w = sample();
        w.segments = vec![Segment::whole("failover"); MAX_WORKSHOP_SEGMENTS + 1];
        assert_eq!(
            decode_link(&encode_link(&w)).unwrap_err().to_string(),
            "this workshop cannot be opened: it has 501 lessons, and cloudhop opens at most 500"
        );
        assert!(from_file(&to_file(&w)).is_err());
        let mut picky = sample();
        picky.segments[0].items = ItemChoice::Only(vec!["q".into(); MAX_WORKSHOP_PICKS + 1]);
        assert!(decode_link(&encode_link(&picky))
            .unwrap_err()
            .to_string()
            .contains("201 quiz items picked in one lesson"));
        // An extra exercise whose start is a plan of a thousand networks.
        let nets: Vec<String> = (0..1000)
            .map(|i| format!(r#"{{"name":"n{i}","blocks":["10.0.0.0/8"]}}"#))
            .collect();
        let ex = format!(
            r#"{{"id":"w","title":"W","pass_mark":70,"segments":[{{"lesson":"bgp","exercises":[
            {{"id":"x","title":"X","hint":"","task":"t","spec":{{"lab":"planner","goal":"g",
              "start":{{"networks":[{}]}}}}}}]}}]}}"#,
            nets.join(",")
        );
        assert_eq!(
            decode_link(&payload_of(&ex)).unwrap_err().to_string(),
            "this workshop cannot be opened: it has 1,000 networks, and cloudhop opens at most 100"
        );
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
