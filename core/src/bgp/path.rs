//! An AS path as a learner reads and writes it: AS numbers separated by spaces, nearest AS
//! first ("64600 65001"); an empty path (the AS's own route) reads "(own)".
//!
//! ```
//! use cloudhop_core::bgp::path::AsPath;
//! let p: AsPath = "64600 65001".parse().unwrap();
//! assert_eq!(p.to_string(), "64600 65001");
//! assert_eq!(p, vec![64600, 65001]);
//! assert_eq!(AsPath::default().to_string(), "(own)");
//! assert!("64600 x".parse::<AsPath>().unwrap_err().to_string().contains("not an AS path"));
//! ```

use super::asn::Asn;
use super::error::{BgpError, ErrorKind};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

/// What an empty AS path (the AS's own route) is shown as.
pub const OWN: &str = "(own)";

/// An AS path, nearest AS first. In JSON it is an array of numbers, as before.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AsPath(pub Vec<Asn>);

impl AsPath {
    /// A path from a slice (a copy).
    ///
    /// ```
    /// use cloudhop_core::bgp::path::AsPath;
    /// assert_eq!(AsPath::of(&[1, 2]).to_string(), "1 2");
    /// ```
    pub fn of(path: &[Asn]) -> AsPath {
        AsPath(path.to_vec())
    }
}

impl Deref for AsPath {
    type Target = [Asn];
    fn deref(&self) -> &[Asn] {
        &self.0
    }
}

impl From<Vec<Asn>> for AsPath {
    fn from(v: Vec<Asn>) -> AsPath {
        AsPath(v)
    }
}

impl From<&[Asn]> for AsPath {
    fn from(v: &[Asn]) -> AsPath {
        AsPath::of(v)
    }
}

impl PartialEq<Vec<Asn>> for AsPath {
    fn eq(&self, other: &Vec<Asn>) -> bool {
        &self.0 == other
    }
}

impl fmt::Display for AsPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(OWN);
        }
        for (i, a) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{a}")?;
        }
        Ok(())
    }
}

impl FromStr for AsPath {
    type Err = BgpError;
    /// AS numbers separated by spaces or commas; "" and "(own)" are the empty path.
    fn from_str(s: &str) -> Result<AsPath, BgpError> {
        let t = s.trim();
        if t.is_empty() || t == OWN {
            return Ok(AsPath::default());
        }
        t.split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(|w| w.parse::<Asn>())
            .collect::<Result<Vec<Asn>, _>>()
            .map(AsPath)
            .map_err(|_| {
                ErrorKind::AsPath {
                    text: s.to_string(),
                }
                .into()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse_round_trip() {
        for text in ["64600 65001", "1", "(own)", "65001 65001 65001 64600"] {
            let p: AsPath = text.parse().unwrap();
            assert_eq!(p.to_string(), text);
        }
        assert_eq!("1, 2".parse::<AsPath>().unwrap(), vec![1, 2]);
        assert_eq!("".parse::<AsPath>().unwrap(), AsPath::default());
    }

    #[test]
    fn bad_paths_are_refused_with_a_sentence() {
        for bad in ["-1", "1.5", "4294967296", "AS1"] {
            let e = bad.parse::<AsPath>().unwrap_err().to_string();
            assert!(e.contains("not an AS path") && !e.contains("u32"), "{e}");
        }
    }

    #[test]
    fn json_is_an_array_as_before() {
        let p = AsPath(vec![64600, 65001]);
        assert_eq!(serde_json::to_string(&p).unwrap(), "[64600,65001]");
        assert_eq!(serde_json::from_str::<AsPath>("[1,2]").unwrap(), vec![1, 2]);
    }
}
