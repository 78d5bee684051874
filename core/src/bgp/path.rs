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

/// An AS path, nearest AS first. In JSON it is an array of numbers, as before; it prints
/// as a learner writes it ("64600 65001", "(own)" when empty). It reads as a slice of
/// [`Asn`] (`len`, `iter`, `contains`, `first`, `last`...).
///
/// ```
/// use cloudhop_core::bgp::asn::Asn;
/// use cloudhop_core::bgp::path::AsPath;
/// let mut p = AsPath::from(vec![65001]);
/// p.prepend(Asn(64600), 2);
/// assert_eq!(p.to_string(), "64600 64600 65001");
/// assert!(p.contains(&Asn(65001)) && p.len() == 3);
/// assert_eq!(p.first(), Some(&Asn(64600)));
/// assert_eq!(serde_json::to_string(&p).unwrap(), "[64600,64600,65001]");
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AsPath(pub Vec<Asn>);

impl AsPath {
    /// The empty path (the AS's own route).
    ///
    /// ```
    /// use cloudhop_core::bgp::path::AsPath;
    /// assert!(AsPath::new().is_empty());
    /// ```
    pub const fn new() -> AsPath {
        AsPath(Vec::new())
    }

    /// An empty path with room for `n` ASes.
    pub fn with_capacity(n: usize) -> AsPath {
        AsPath(Vec::with_capacity(n))
    }

    /// A path from a slice (a copy).
    ///
    /// ```
    /// use cloudhop_core::bgp::asn::Asn;
    /// use cloudhop_core::bgp::path::AsPath;
    /// assert_eq!(AsPath::of(&[Asn(1), Asn(2)]).to_string(), "1 2");
    /// ```
    pub fn of(path: &[Asn]) -> AsPath {
        AsPath(path.to_vec())
    }

    /// Add `asn` at the far end (towards the origin).
    pub fn push(&mut self, asn: Asn) {
        self.0.push(asn);
    }

    /// Put `asn` in front `times` times, as a sender does when it exports (and prepends).
    ///
    /// ```
    /// use cloudhop_core::bgp::asn::Asn;
    /// use cloudhop_core::bgp::path::AsPath;
    /// let mut p = AsPath::from(vec![7]);
    /// p.prepend(Asn(5), 1);
    /// assert_eq!(p, vec![5, 7]);
    /// ```
    pub fn prepend(&mut self, asn: Asn, times: usize) {
        self.0.splice(0..0, std::iter::repeat_n(asn, times));
    }

    /// `path` with `asn` in front `times` times, in one allocation.
    ///
    /// ```
    /// use cloudhop_core::bgp::asn::Asn;
    /// use cloudhop_core::bgp::path::AsPath;
    /// assert_eq!(AsPath::prepended(Asn(5), 2, &[Asn(7)]), vec![5, 5, 7]);
    /// ```
    pub fn prepended(asn: Asn, times: usize, path: &[Asn]) -> AsPath {
        let mut out = Vec::with_capacity(times + path.len());
        out.extend(std::iter::repeat_n(asn, times));
        out.extend_from_slice(path);
        AsPath(out)
    }

    /// The ASes as a slice.
    pub fn as_slice(&self) -> &[Asn] {
        &self.0
    }

    /// The ASes, nearest first, as a vector.
    pub fn into_vec(self) -> Vec<Asn> {
        self.0
    }
}

/// The list of numbers, as the `Vec<u32>` it replaced printed ("[64600, 65001]").
impl fmt::Debug for AsPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl Deref for AsPath {
    type Target = [Asn];
    fn deref(&self) -> &[Asn] {
        &self.0
    }
}

impl AsRef<[Asn]> for AsPath {
    fn as_ref(&self) -> &[Asn] {
        &self.0
    }
}

impl From<Vec<Asn>> for AsPath {
    fn from(v: Vec<Asn>) -> AsPath {
        AsPath(v)
    }
}

impl From<Vec<u32>> for AsPath {
    fn from(v: Vec<u32>) -> AsPath {
        AsPath(v.into_iter().map(Asn).collect())
    }
}

impl<const N: usize> From<[u32; N]> for AsPath {
    fn from(v: [u32; N]) -> AsPath {
        AsPath(v.into_iter().map(Asn).collect())
    }
}

impl From<&[Asn]> for AsPath {
    fn from(v: &[Asn]) -> AsPath {
        AsPath::of(v)
    }
}

impl From<AsPath> for Vec<Asn> {
    fn from(p: AsPath) -> Vec<Asn> {
        p.0
    }
}

impl FromIterator<Asn> for AsPath {
    fn from_iter<I: IntoIterator<Item = Asn>>(iter: I) -> AsPath {
        AsPath(iter.into_iter().collect())
    }
}

impl IntoIterator for AsPath {
    type Item = Asn;
    type IntoIter = std::vec::IntoIter<Asn>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a AsPath {
    type Item = &'a Asn;
    type IntoIter = std::slice::Iter<'a, Asn>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl PartialEq<Vec<Asn>> for AsPath {
    fn eq(&self, other: &Vec<Asn>) -> bool {
        &self.0 == other
    }
}

impl PartialEq<Vec<u32>> for AsPath {
    fn eq(&self, other: &Vec<u32>) -> bool {
        self.0 == *other
    }
}

impl<const N: usize> PartialEq<[u32; N]> for AsPath {
    fn eq(&self, other: &[u32; N]) -> bool {
        self.0 == *other
    }
}

impl PartialEq<[Asn]> for AsPath {
    fn eq(&self, other: &[Asn]) -> bool {
        self.0 == other
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
            .map(|w| w.parse::<u32>().map(Asn))
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
    fn prepending_and_reading_as_a_slice() {
        let mut p = AsPath::from([7, 8]);
        p.prepend(Asn(5), 0);
        assert_eq!(p, [7, 8]);
        p.prepend(Asn(5), 2);
        assert_eq!(p, [5, 5, 7, 8]);
        assert_eq!(AsPath::prepended(Asn(5), 2, &[Asn(7), Asn(8)]), p);
        assert_eq!(p.first(), Some(&Asn(5)));
        assert_eq!(p.last(), Some(&Asn(8)));
        assert!(p.contains(&Asn(7)) && !p.contains(&Asn(9)));
        assert_eq!(p.iter().map(|a| a.get()).sum::<u32>(), 25);
        let back: AsPath = p.clone().into_iter().collect();
        assert_eq!(back, p);
        assert_eq!(format!("{p:?}"), "[5, 5, 7, 8]");
    }

    #[test]
    fn json_round_trips() {
        for text in ["[]", "[1]", "[64600,65001,65001]"] {
            let p: AsPath = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&p).unwrap(), text);
            assert_eq!(p.to_string().parse::<AsPath>().unwrap(), p);
        }
        assert!(serde_json::from_str::<AsPath>("[-1]").is_err());
    }

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
        let p = AsPath::from(vec![64600, 65001]);
        assert_eq!(serde_json::to_string(&p).unwrap(), "[64600,65001]");
        assert_eq!(serde_json::from_str::<AsPath>("[1,2]").unwrap(), vec![1, 2]);
    }
}
