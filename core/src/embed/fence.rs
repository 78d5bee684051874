//! The mdBook fence of a lab: a fenced block whose info string is
//! `cloudhop lab=<lab> state=<state> theme=<theme> height=<height> title="<title>"`.
//! Written by the Share / embed control ([`super::Snippets`]) and read by the
//! `mdbook-cloudhop` preprocessor, so both sides agree on one format.
//!
//! ```
//! use cloudhop_core::embed::{Height, LabFence, Theme};
//! use cloudhop_core::labs::LabId;
//! let f = LabFence::parse(r#"cloudhop lab=bgp theme=dark height=480 title="Local preference""#).unwrap();
//! assert_eq!(f.lab, LabId::Bgp);
//! assert_eq!(f.theme, Some(Theme::Dark));
//! assert_eq!(f.height, Some(Height::parse("480px").unwrap()));
//! assert_eq!(f.title.as_deref(), Some("Local preference"));
//! assert_eq!(LabFence::parse(&f.info_string()).unwrap(), f);
//! ```

use super::params::Theme;
use crate::labs::LabId;
use std::fmt;

/// The word that opens a lab's fence info string.
pub const FENCE_WORD: &str = "cloudhop";

/// The settings a fence may carry, in the order they are written.
pub const FENCE_KEYS: &[&str] = &["lab", "state", "theme", "height", "title"];

/// The height of an embedded lab: as tall as its content, or a fixed CSS length.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Height {
    /// The frame follows the lab's content (`cloudhop:resize`).
    #[default]
    Auto,
    /// A fixed CSS length, normalised (`480px`, `30rem`, `80vh`).
    Length(String),
}

impl Height {
    /// Read `auto`, a number of pixels (`480`) or a number with `px`, `rem`, `em` or `vh`.
    ///
    /// ```
    /// use cloudhop_core::embed::Height;
    /// assert_eq!(Height::parse("auto"), Ok(Height::Auto));
    /// assert_eq!(Height::parse("480").unwrap().css(), "480px");
    /// assert_eq!(Height::parse("30.5rem").unwrap().css(), "30.5rem");
    /// assert!(Height::parse("tall").unwrap_err().contains("480px"));
    /// assert!(Height::parse("0px").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Height, String> {
        let t = text.trim().to_ascii_lowercase();
        if t == "auto" {
            return Ok(Height::Auto);
        }
        let split = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(t.len());
        let (number, unit) = t.split_at(split);
        let unit = if unit.is_empty() { "px" } else { unit };
        let value: Option<f64> = if number.is_empty() || number.starts_with('.') {
            None
        } else {
            number.parse().ok()
        };
        let max = if unit == "px" { 10_000.0 } else { 1_000.0 };
        match (value, unit) {
            (Some(v), "px" | "rem" | "em" | "vh") if v > 0.0 && v <= max => {
                Ok(Height::Length(format!("{number}{unit}")))
            }
            _ => Err(format!(
                "height `{text}` is not auto or a length such as 480px, 30rem or 80vh"
            )),
        }
    }

    /// The value of the element's `height` attribute.
    pub fn css(&self) -> &str {
        match self {
            Height::Auto => "auto",
            Height::Length(l) => l,
        }
    }
}

/// A lab's fence as a book writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabFence {
    /// Which lab (`lab=`).
    pub lab: LabId,
    /// The scenario (`state=`), the shareable text of a lab link.
    pub state: Option<String>,
    /// The colours (`theme=`); none: the book's.
    pub theme: Option<Theme>,
    /// The height (`height=`); none: the book's setting.
    pub height: Option<Height>,
    /// The frame's title, its accessible name (`title="…"`).
    pub title: Option<String>,
}

/// Why a fence cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FenceError {
    /// The info string does not start with `cloudhop`.
    NotCloudhop,
    /// No `lab=`.
    NoLab,
    /// `lab=` names no lab; the known ones are listed.
    UnknownLab(String),
    /// A word that is not `key=value`.
    NotASetting(String),
    /// A key that is not one of [`FENCE_KEYS`].
    UnknownKey(String),
    /// The same key twice.
    Repeated(&'static str),
    /// A `"` with no closing one.
    UnclosedQuote(&'static str),
    /// A value that cannot be read, with the reason.
    BadValue(&'static str, String),
}

impl fmt::Display for FenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known_labs = || {
            LabId::ALL
                .iter()
                .map(|l| l.slug())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            FenceError::NotCloudhop => write!(
                f,
                "the block's info string does not start with `{FENCE_WORD}`"
            ),
            FenceError::NoLab => write!(
                f,
                "a cloudhop block needs lab=<name> (one of {})",
                known_labs()
            ),
            FenceError::UnknownLab(l) => {
                write!(f, "unknown lab `{l}` (known: {})", known_labs())
            }
            FenceError::NotASetting(w) => write!(
                f,
                "`{w}` is not a setting: write key=value (keys: {})",
                FENCE_KEYS.join(", ")
            ),
            FenceError::UnknownKey(k) => write!(
                f,
                "unknown setting `{k}` (known: {})",
                FENCE_KEYS.join(", ")
            ),
            FenceError::Repeated(k) => write!(f, "`{k}=` is given twice"),
            FenceError::UnclosedQuote(k) => {
                write!(
                    f,
                    "the value of `{k}=` opens a quote (\") that is not closed"
                )
            }
            FenceError::BadValue(k, why) => write!(f, "{k}=: {why}"),
        }
    }
}

impl std::error::Error for FenceError {}

/// Whether a fence's info string is a cloudhop block (its first word is `cloudhop`).
///
/// ```
/// use cloudhop_core::embed::is_lab_fence;
/// assert!(is_lab_fence("cloudhop lab=bgp"));
/// assert!(is_lab_fence(" cloudhop"));
/// assert!(!is_lab_fence("cloudhopper"));
/// assert!(!is_lab_fence("rust"));
/// ```
pub fn is_lab_fence(info: &str) -> bool {
    info.split_whitespace().next() == Some(FENCE_WORD)
}

/// Split `text` into `key=value` pairs; a value is a word, or text in double quotes.
fn settings(text: &str) -> Result<Vec<(String, String)>, FenceError> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let Some(eq) = rest[..word_end].find('=') else {
            return Err(FenceError::NotASetting(rest[..word_end].to_string()));
        };
        let key = rest[..eq].to_string();
        let after = &rest[eq + 1..];
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let key_name = FENCE_KEYS
                .iter()
                .copied()
                .find(|k| *k == key)
                .unwrap_or("title");
            let close = quoted
                .find('"')
                .ok_or(FenceError::UnclosedQuote(key_name))?;
            (quoted[..close].to_string(), &quoted[close + 1..])
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (after[..end].to_string(), &after[end..])
        };
        out.push((key, value));
        rest = next.trim_start();
    }
    Ok(out)
}

impl LabFence {
    /// A fence for `lab` with nothing else set.
    pub fn new(lab: LabId) -> LabFence {
        LabFence {
            lab,
            state: None,
            theme: None,
            height: None,
            title: None,
        }
    }

    /// Read a fence's info string (`cloudhop lab=… …`). The state is kept as written (the
    /// embed reads it, as a link's); [`LabId::read_state`] says whether it can be opened.
    ///
    /// ```
    /// use cloudhop_core::embed::{FenceError, LabFence};
    /// assert_eq!(LabFence::parse("cloudhop theme=dark"), Err(FenceError::NoLab));
    /// let e = LabFence::parse("cloudhop lab=teleport").unwrap_err();
    /// assert!(e.to_string().starts_with("unknown lab `teleport` (known: planner, bgp"));
    /// assert!(LabFence::parse("cloudhop lab=bgp colour=red").unwrap_err().to_string().contains("unknown setting `colour`"));
    /// ```
    pub fn parse(info: &str) -> Result<LabFence, FenceError> {
        let rest = info
            .trim()
            .strip_prefix(FENCE_WORD)
            .filter(|r| r.is_empty() || r.starts_with(char::is_whitespace))
            .ok_or(FenceError::NotCloudhop)?;
        let mut lab = None;
        let mut fence = LabFence::new(LabId::Planner);
        let mut seen: Vec<&'static str> = Vec::new();
        for (key, value) in settings(rest)? {
            let Some(key) = FENCE_KEYS.iter().copied().find(|k| *k == key) else {
                return Err(FenceError::UnknownKey(key));
            };
            if seen.contains(&key) {
                return Err(FenceError::Repeated(key));
            }
            seen.push(key);
            let empty = || FenceError::BadValue(key, "the value is empty".into());
            match key {
                "lab" => {
                    lab = Some(
                        LabId::from_slug(value.trim())
                            .ok_or_else(|| FenceError::UnknownLab(value.clone()))?,
                    )
                }
                "state" if value.trim().is_empty() => return Err(empty()),
                "state" => fence.state = Some(value.trim().to_string()),
                "theme" => {
                    fence.theme = Some(
                        Theme::parse(&value)
                            .filter(|_| !value.trim().is_empty())
                            .ok_or_else(|| {
                                FenceError::BadValue(
                                    key,
                                    format!("`{value}` is not light, dark or auto"),
                                )
                            })?,
                    )
                }
                "height" => {
                    fence.height =
                        Some(Height::parse(&value).map_err(|e| FenceError::BadValue(key, e))?)
                }
                _ if value.trim().is_empty() => return Err(empty()),
                _ => fence.title = Some(value.trim().to_string()),
            }
        }
        fence.lab = lab.ok_or(FenceError::NoLab)?;
        Ok(fence)
    }

    /// The info string, as [`LabFence::parse`] reads it. A title is quoted (a `"` in it
    /// cannot be written and becomes `'`).
    pub fn info_string(&self) -> String {
        let mut out = format!("{FENCE_WORD} lab={}", self.lab.slug());
        if let Some(s) = &self.state {
            out.push_str(&format!(" state={s}"));
        }
        if let Some(t) = self.theme {
            out.push_str(&format!(" theme={}", t.name()));
        }
        if let Some(h) = &self.height {
            out.push_str(&format!(" height={}", h.css()));
        }
        if let Some(t) = &self.title {
            out.push_str(&format!(" title=\"{}\"", t.replace('"', "'")));
        }
        out
    }

    /// The whole block, as a chapter carries it.
    ///
    /// ```
    /// use cloudhop_core::embed::LabFence;
    /// use cloudhop_core::labs::LabId;
    /// assert_eq!(LabFence::new(LabId::Latency).markdown(), "```cloudhop lab=latency\n```\n");
    /// ```
    pub fn markdown(&self) -> String {
        format!("```{}\n```\n", self.info_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_round_trips() {
        let f = LabFence {
            lab: LabId::Failover,
            state: Some("%7B%22lab%22:%22failover%22%7D".into()),
            theme: Some(Theme::Light),
            height: Some(Height::Length("30rem".into())),
            title: Some("A \"failover\" lab".into()),
        };
        let back = LabFence::parse(&f.info_string()).unwrap();
        assert_eq!(back.title.as_deref(), Some("A 'failover' lab"));
        assert_eq!(
            LabFence {
                title: f.title.clone(),
                ..back
            },
            f
        );
    }

    #[test]
    fn every_lab_of_the_list_is_accepted() {
        for lab in LabId::ALL {
            let f = LabFence::parse(&format!("cloudhop lab={}", lab.slug())).unwrap();
            assert_eq!(f.lab, *lab);
        }
    }

    #[test]
    fn bad_fences_say_what_is_wrong() {
        let cases = [
            ("cloudhop lab=bgp lab=dns", "`lab=` is given twice"),
            (
                "cloudhop lab=bgp title=\"open",
                "quote (\") that is not closed",
            ),
            ("cloudhop lab=bgp dark", "`dark` is not a setting"),
            (
                "cloudhop lab=bgp theme=pink",
                "theme=: `pink` is not light, dark or auto",
            ),
            ("cloudhop lab=bgp theme=", "theme=: `` is not light"),
            ("cloudhop lab=bgp height=-3", "height `-3` is not auto"),
            ("cloudhop lab=bgp state=", "state=: the value is empty"),
            ("cloudhop lab=", "unknown lab ``"),
            ("cloudhopper lab=bgp", "does not start with `cloudhop`"),
        ];
        for (info, says) in cases {
            let e = LabFence::parse(info).unwrap_err().to_string();
            assert!(e.contains(says), "{info}: {e}");
        }
    }

    #[test]
    fn the_list_of_labs_is_core_s() {
        let e = FenceError::UnknownLab("x".into()).to_string();
        for lab in LabId::ALL {
            assert!(e.contains(lab.slug()), "{e}");
        }
    }

    #[test]
    fn quoted_values_keep_their_spaces_and_settings_may_be_spread() {
        let f = LabFence::parse("cloudhop   title=\"Two  words\"   lab=dns\theight=auto").unwrap();
        assert_eq!(f.title.as_deref(), Some("Two  words"));
        assert_eq!(f.lab, LabId::Dns);
        assert_eq!(f.height, Some(Height::Auto));
    }
}
