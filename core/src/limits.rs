//! How much a link may ask for. A shared scenario or a workshop link is text from anyone:
//! one that is huge, nested without end, or asks for enormous work (a 10-million-AS
//! topology, a plan of thousands of overlapping blocks, a failover with 10^9 clients a
//! second) is refused with a [`TooMuch`] that says what and how much, *before* any work
//! starts: the text's length first, then its JSON nesting (one pass over the bytes), then,
//! once it is read, the counts each lab's engines would work on.
//!
//! Each limit is a named constant below. They are far above anything the course or a
//! learner builds by hand (the largest shipped scenario is well under a tenth of each) and
//! low enough that the worst scenario within all of them opens without freezing the page.
//!
//! ```
//! use cloudhop_core::limits::{check_json_depth, check_length, MAX_JSON_DEPTH, MAX_LINK_CHARS};
//! assert!(check_length("{}", MAX_LINK_CHARS).is_ok());
//! let huge = "x".repeat(MAX_LINK_CHARS + 1);
//! assert!(check_length(&huge, MAX_LINK_CHARS).unwrap_err().to_string().starts_with("it is too long"));
//! let deep = "[".repeat(1000);
//! let e = check_json_depth(&deep, MAX_JSON_DEPTH).unwrap_err();
//! assert_eq!(e.to_string(), "it is nested more than 32 levels deep (a scenario needs far fewer)");
//! ```

use std::fmt;

/// The longest text a shared-scenario link (`?s=…`) or a saved lab state may be, in
/// characters. The largest shipped scenario, percent-encoded, is a few thousand.
pub const MAX_LINK_CHARS: usize = 100_000;
/// The deepest a scenario's JSON may nest (objects and lists); a lab state needs about 6.
pub const MAX_JSON_DEPTH: usize = 32;
/// The most a workshop link may unpack to, in bytes (its text is also at most
/// [`MAX_LINK_CHARS`]).
pub const MAX_UNPACKED_BYTES: usize = 256 * 1024;

/// Planner: networks in one plan.
pub const MAX_PLAN_NETWORKS: usize = 100;
/// Planner: CIDR blocks in one plan, all networks together.
pub const MAX_PLAN_BLOCKS: usize = 300;
/// Planner: ranges in the plan's `space` (where replacements may come from).
pub const MAX_PLAN_SPACE: usize = 16;

/// BGP: distinct autonomous systems in one scenario.
pub const MAX_BGP_ASES: usize = 200;
/// BGP: links in one scenario.
pub const MAX_BGP_LINKS: usize = 800;
/// BGP: announced prefixes in one scenario.
pub const MAX_BGP_PREFIXES: usize = 64;
/// BGP: policy rules (prepends, local preferences, leaks) and failures, each list.
pub const MAX_BGP_RULES: usize = 200;

/// Latency: sites in one scenario (a full mesh of 64 sites is 2,016 tunnels).
pub const MAX_LATENCY_SITES: usize = 64;
/// Latency: topologies compared at once.
pub const MAX_LATENCY_TOPOLOGIES: usize = 8;

/// Failover: the most requests, packets, reads or writes a second a scenario may model
/// (10^8: more than the busiest services on the internet).
pub const MAX_FAILOVER_RATE_PER_S: f64 = 1e8;

/// DNS: networks in one scenario (the bench resolves in 500 networks in well under a
/// millisecond; a lesson's scenario has a handful).
pub const MAX_DNS_NETWORKS: usize = 100;
/// DNS: servers, endpoints, links and clients in one scenario, each list.
pub const MAX_DNS_NODES: usize = 400;
/// DNS: forwarding rules in one scenario (the bench resolves with 2,000).
pub const MAX_DNS_RULES: usize = 1_000;
/// DNS: zones in one scenario.
pub const MAX_DNS_ZONES: usize = 200;
/// DNS: records in one scenario, all zones together.
pub const MAX_DNS_RECORDS: usize = 5_000;

/// Workshops: lessons in one workshop (a course has a few dozen).
pub const MAX_WORKSHOP_SEGMENTS: usize = 500;
/// Workshops: extra exercises in one workshop, all lessons together. Each exercise's start
/// is also held to its lab's limits.
pub const MAX_WORKSHOP_EXERCISES: usize = 100;
/// Workshops: sections or quiz items picked in one lesson.
pub const MAX_WORKSHOP_PICKS: usize = 200;

/// Why a text was refused before it was worked on: what there is too much of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TooMuch {
    /// The text is longer than a link may be.
    Length {
        /// Its length, in characters.
        chars: usize,
        /// The most allowed.
        max: usize,
    },
    /// The JSON nests deeper than allowed.
    Depth {
        /// The most allowed.
        max: usize,
    },
    /// It unpacks to more bytes than allowed.
    Unpacked {
        /// The most allowed, in bytes.
        max: usize,
    },
    /// Too many of one thing (`what` in the plural: "ASes", "networks").
    Count {
        /// What is counted, plural.
        what: &'static str,
        /// How many there are.
        found: usize,
        /// The most allowed.
        max: usize,
    },
    /// A number too large for the model (`what`, for a person).
    Amount {
        /// What the number is.
        what: String,
        /// Its value, as the message writes it (`10^9`).
        found: String,
        /// The most allowed, as the message writes it.
        max: String,
    },
}

/// A count for people: digits grouped by thousands (`10,000,000`).
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A large amount for people: `1e9` as "10^9", small ones as they are.
fn amount(v: f64) -> String {
    if v.is_finite() && v >= 1e6 && v == 10f64.powi(v.log10().round() as i32) {
        format!("10^{}", v.log10().round() as i32)
    } else if v.is_finite() && v.fract() == 0.0 && v < 1e15 {
        grouped(v as usize)
    } else {
        format!("{v}")
    }
}

impl fmt::Display for TooMuch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TooMuch::Length { chars, max } => write!(
                f,
                "it is too long: {} characters, and a link may hold at most {}",
                grouped(*chars),
                grouped(*max)
            ),
            TooMuch::Depth { max } => write!(
                f,
                "it is nested more than {max} levels deep (a scenario needs far fewer)"
            ),
            TooMuch::Unpacked { max } => write!(
                f,
                "it holds more than {} KB, more than any workshop needs",
                max / 1024
            ),
            TooMuch::Count { what, found, max } => write!(
                f,
                "it has {} {what}, and cloudhop opens at most {}",
                grouped(*found),
                grouped(*max)
            ),
            TooMuch::Amount { what, found, max } => write!(
                f,
                "it asks for {found} {what}, and cloudhop models at most {max}"
            ),
        }
    }
}

impl std::error::Error for TooMuch {}

/// Refuse a text of more than `max` characters. Counts bytes first, so a huge text costs
/// nothing more than its length.
///
/// ```
/// use cloudhop_core::limits::check_length;
/// assert!(check_length("héllo", 5).is_ok());
/// assert_eq!(check_length("héllo!", 5).unwrap_err().to_string(),
///     "it is too long: 6 characters, and a link may hold at most 5");
/// ```
pub fn check_length(text: &str, max: usize) -> Result<(), TooMuch> {
    if text.len() <= max {
        return Ok(());
    }
    let chars = text.chars().count();
    if chars <= max {
        Ok(())
    } else {
        Err(TooMuch::Length { chars, max })
    }
}

/// Refuse JSON that nests objects and lists more than `max` deep. One pass over the bytes,
/// stopping at the first level too deep; brackets inside strings do not count. It does not
/// check that the text is JSON: the parser does that.
///
/// ```
/// use cloudhop_core::limits::check_json_depth;
/// assert!(check_json_depth(r#"{"a":[{"b":"[[[[[\"]"}]}"#, 3).is_ok());
/// assert!(check_json_depth(r#"{"a":[{"b":[1]}]}"#, 3).is_err());
/// ```
pub fn check_json_depth(text: &str, max: usize) -> Result<(), TooMuch> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in text.as_bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Err(TooMuch::Depth { max });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Refuse more than `max` of `what` (plural, for the message).
///
/// ```
/// use cloudhop_core::limits::check_count;
/// assert!(check_count("ASes", 200, 200).is_ok());
/// assert_eq!(check_count("ASes", 10_000_000, 200).unwrap_err().to_string(),
///     "it has 10,000,000 ASes, and cloudhop opens at most 200");
/// ```
pub fn check_count(what: &'static str, found: usize, max: usize) -> Result<(), TooMuch> {
    if found <= max {
        Ok(())
    } else {
        Err(TooMuch::Count { what, found, max })
    }
}

/// Refuse a number over `max` (`what` says what it is, for the message).
///
/// ```
/// use cloudhop_core::limits::check_amount;
/// assert!(check_amount("requests a second", 200.0, 1e8).is_ok());
/// assert_eq!(check_amount("requests a second", 1e9, 1e8).unwrap_err().to_string(),
///     "it asks for 10^9 requests a second, and cloudhop models at most 10^8");
/// ```
pub fn check_amount(what: &str, found: f64, max: f64) -> Result<(), TooMuch> {
    if found <= max || found.is_nan() {
        Ok(())
    } else {
        Err(TooMuch::Amount {
            what: what.to_string(),
            found: amount(found),
            max: amount(max),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_only_structure() {
        assert!(check_json_depth("", 0).is_ok());
        assert!(check_json_depth("[]", 1).is_ok());
        assert!(check_json_depth("[[]]", 1).is_err());
        // Closing brackets never go below zero, so `]]]][[` is depth 2.
        assert!(check_json_depth("]]]][[", 2).is_ok());
        assert!(check_json_depth(r#"["\"[[[["]"#, 1).is_ok());
        assert!(check_json_depth(r#"["\\"[[]"#, 1).is_err());
    }

    #[test]
    fn a_huge_deep_text_is_refused_at_the_first_level_too_deep() {
        let deep = "[".repeat(10_000_000);
        assert_eq!(
            check_json_depth(&deep, MAX_JSON_DEPTH),
            Err(TooMuch::Depth {
                max: MAX_JSON_DEPTH
            })
        );
    }

    #[test]
    fn messages_read_for_a_person() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(amount(1e9), "10^9");
        assert_eq!(amount(250_000.0), "250,000");
        assert_eq!(amount(1.5), "1.5");
        assert_eq!(
            TooMuch::Unpacked {
                max: MAX_UNPACKED_BYTES
            }
            .to_string(),
            "it holds more than 256 KB, more than any workshop needs"
        );
        let long = "é".repeat(MAX_LINK_CHARS + 1);
        assert_eq!(
            check_length(&long, MAX_LINK_CHARS).unwrap_err().to_string(),
            "it is too long: 100,001 characters, and a link may hold at most 100,000"
        );
    }
}
