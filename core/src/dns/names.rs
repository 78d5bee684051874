//! Domain names: lower case, without the trailing dot, checked label by label. The root
//! is the empty name and prints as `.`.
//!
//! ```
//! use cloudhop_core::dns::names::DomainName;
//! let n: DomainName = "FileServer.Corp.Example.com.".parse().unwrap();
//! assert_eq!(n.to_string(), "fileserver.corp.example.com");
//! let corp: DomainName = "corp.example.com".parse().unwrap();
//! assert!(n.is_at_or_below(&corp));
//! assert_eq!(corp.label_count(), 3);
//! assert!("bad..name".parse::<DomainName>().is_err());
//! ```

use super::error::DnsError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A checked domain name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct DomainName(String);

impl DomainName {
    /// The root (`.`).
    pub fn root() -> DomainName {
        DomainName(String::new())
    }

    /// Read a name: labels of letters, digits, `-` and `_` (1 to 63 characters, no `-` at
    /// either end), 253 characters at most; a trailing dot is allowed, case is folded.
    pub fn parse(text: &str) -> Result<DomainName, DnsError> {
        let t = text.trim();
        if t == "." {
            return Ok(DomainName::root());
        }
        let t = t.strip_suffix('.').unwrap_or(t);
        if t.is_empty() {
            return Err(DnsError::new("a domain name is needed"));
        }
        if t.len() > 253 {
            return Err(DnsError::new(format!(
                "`{}…` is longer than a domain name can be (253 characters)",
                &t[..t.char_indices().nth(20).map_or(t.len(), |(i, _)| i)]
            )));
        }
        let lower = t.to_ascii_lowercase();
        for label in lower.split('.') {
            if label.is_empty() {
                return Err(DnsError::new(format!(
                    "`{t}` has an empty label (two dots)"
                )));
            }
            if label.len() > 63 {
                return Err(DnsError::new(format!(
                    "`{t}` has a label longer than 63 characters"
                )));
            }
            if !label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return Err(DnsError::new(format!(
                    "`{t}`: a label may hold only letters, digits, `-` and `_`"
                )));
            }
            if label.starts_with('-') || label.ends_with('-') {
                return Err(DnsError::new(format!(
                    "`{t}`: a label may not start or end with `-`"
                )));
            }
        }
        Ok(DomainName(lower))
    }

    /// The name as text (empty for the root).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// How many labels (0 for the root): the measure of "most specific".
    pub fn label_count(&self) -> usize {
        if self.0.is_empty() {
            0
        } else {
            self.0.split('.').count()
        }
    }

    /// Whether this name is `other` or a name under it.
    ///
    /// ```
    /// use cloudhop_core::dns::names::DomainName;
    /// let a: DomainName = "db.aws.corp.example.com".parse().unwrap();
    /// assert!(a.is_at_or_below(&"corp.example.com".parse().unwrap()));
    /// assert!(!a.is_at_or_below(&"p.example.com".parse().unwrap()));
    /// assert!(a.is_at_or_below(&DomainName::root()));
    /// ```
    pub fn is_at_or_below(&self, other: &DomainName) -> bool {
        if other.0.is_empty() || self.0 == other.0 {
            return true;
        }
        self.0.len() > other.0.len()
            && self.0.ends_with(&other.0)
            && self.0.as_bytes()[self.0.len() - other.0.len() - 1] == b'.'
    }

    /// The name one label up (`None` for the root).
    pub fn parent(&self) -> Option<DomainName> {
        if self.0.is_empty() {
            return None;
        }
        Some(match self.0.split_once('.') {
            Some((_, rest)) => DomainName(rest.to_string()),
            None => DomainName::root(),
        })
    }

    /// The name with a trailing dot, as zone files write it (`corp.example.com.`, `.`).
    pub fn fqdn(&self) -> String {
        format!("{}.", self.0)
    }
}

impl fmt::Display for DomainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str(".")
        } else {
            f.write_str(&self.0)
        }
    }
}

impl FromStr for DomainName {
    type Err = DnsError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DomainName::parse(s)
    }
}

impl Serialize for DomainName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for DomainName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DomainName::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> DomainName {
        DomainName::parse(s).unwrap()
    }

    #[test]
    fn suffixes_match_on_label_boundaries_only() {
        assert!(n("a.b.c").is_at_or_below(&n("b.c")));
        assert!(!n("ab.c").is_at_or_below(&n("b.c")));
        assert!(n("b.c").is_at_or_below(&n("b.c")));
        assert!(!n("b.c").is_at_or_below(&n("a.b.c")));
        assert_eq!(n("a.b.c").parent(), Some(n("b.c")));
        assert_eq!(n("c").parent(), Some(DomainName::root()));
        assert_eq!(DomainName::root().to_string(), ".");
        assert_eq!(n(".").fqdn(), ".");
    }

    #[test]
    fn bad_names_say_why() {
        assert!(DomainName::parse("")
            .unwrap_err()
            .to_string()
            .contains("needed"));
        assert!(DomainName::parse("-a.com").is_err());
        assert!(DomainName::parse("a b.com").is_err());
        assert!(DomainName::parse(&"a".repeat(64)).is_err());
        assert!(DomainName::parse(&format!("{}.com", "a.".repeat(130))).is_err());
    }
}
