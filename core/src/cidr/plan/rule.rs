//! The rules a plan's networks and blocks are checked against.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Which rule a [`super::Violation`] breaks. In JSON (and in `Display`) it is the short id
/// the CLI has always printed.
///
/// ```
/// use cloudhop_core::cidr::plan::Rule;
/// assert_eq!(serde_json::to_string(&Rule::Reserved).unwrap(), r#""reserved""#);
/// assert_eq!(serde_json::from_str::<Rule>(r#""special""#).unwrap(), Rule::Special);
/// assert_eq!(Rule::Within.to_string(), "within");
/// assert_eq!(Rule::Size, "size");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    /// A block that is not a prefix (`parse`).
    Parse,
    /// A network name that is empty or used twice (`name`).
    Name,
    /// A `within` parent that is missing or circular, or a block outside its parent
    /// (`within`).
    Within,
    /// A block outside the provider's size limits (`size`).
    Size,
    /// A subnet with no address left after the provider's reserved ones (`reserved`).
    Reserved,
    /// A cloud block in special-use space that is not private (`special`).
    Special,
    /// A network with no blocks (`empty`).
    Empty,
}

impl Rule {
    /// Every rule.
    pub const ALL: [Rule; 7] = [
        Rule::Parse,
        Rule::Name,
        Rule::Within,
        Rule::Size,
        Rule::Reserved,
        Rule::Special,
        Rule::Empty,
    ];

    /// The short id, as in JSON.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::Rule;
    /// assert_eq!(Rule::Empty.id(), "empty");
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            Rule::Parse => "parse",
            Rule::Name => "name",
            Rule::Within => "within",
            Rule::Size => "size",
            Rule::Reserved => "reserved",
            Rule::Special => "special",
            Rule::Empty => "empty",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl PartialEq<str> for Rule {
    fn eq(&self, other: &str) -> bool {
        self.id() == other
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;

    #[test]
    fn ids_round_trip_through_json_and_match_display() {
        for r in Rule::ALL {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.id()));
            assert_eq!(serde_json::from_str::<Rule>(&json).unwrap(), r);
            assert_eq!(r.to_string(), r.id());
        }
    }
}
