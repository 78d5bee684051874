//! Autonomous system numbers.
//!
//! An ASN is a 32-bit number. A few values are reserved and may not appear in a topology:
//! 0 (RFC 7607), 23456 (`AS_TRANS`, RFC 6793) and 4294967295 (RFC 7300). Two ranges are
//! private, like RFC 1918 addresses: 64512-65534 and 4200000000-4294967294 (RFC 6996);
//! cloud routers and software-defined WANs use them.
//!
//! ```
//! use cloudhop_core::bgp::asn::{check_asn, is_private};
//! assert!(is_private(65010));
//! assert!(!is_private(3356));
//! assert!(check_asn(0).unwrap_err().contains("AS 0"));
//! ```

use super::error::{BgpError, ErrorKind};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An autonomous system number. It prints as the plain number ("65001", also in `{:?}`),
/// is a plain number in JSON, and reads from what a learner types ("65001" or
/// "AS 65001") with [`FromStr`] / [`parse_asn`].
///
/// ```
/// use cloudhop_core::bgp::asn::Asn;
/// let a: Asn = "AS 65001".parse().unwrap();
/// assert_eq!(a, Asn(65001));
/// assert_eq!(a, 65001);
/// assert_eq!(a.to_string(), "65001");
/// assert_eq!(format!("{a:?}"), "65001");
/// assert_eq!(serde_json::to_string(&a).unwrap(), "65001");
/// assert_eq!(Asn::from(7).get(), 7);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Asn(pub u32);

impl Asn {
    /// The ASN with this number (not checked; see [`check_asn`]).
    ///
    /// ```
    /// use cloudhop_core::bgp::asn::Asn;
    /// assert_eq!(Asn::new(3356), Asn(3356));
    /// ```
    pub const fn new(n: u32) -> Asn {
        Asn(n)
    }

    /// The number.
    ///
    /// ```
    /// use cloudhop_core::bgp::asn::Asn;
    /// assert_eq!(Asn(3356).get(), 3356);
    /// ```
    pub const fn get(self) -> u32 {
        self.0
    }

    /// True for the private ranges of RFC 6996.
    ///
    /// ```
    /// use cloudhop_core::bgp::asn::Asn;
    /// assert!(Asn(64512).is_private() && !Asn(3356).is_private());
    /// ```
    pub fn is_private(self) -> bool {
        (64512..=65534).contains(&self.0) || (4_200_000_000..=4_294_967_294).contains(&self.0)
    }
}

impl fmt::Display for Asn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// The bare number, as the `u32` it replaced printed: debug output a learner might see in a
/// message stays "65001", never "Asn(65001)".
impl fmt::Debug for Asn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl From<u32> for Asn {
    fn from(n: u32) -> Asn {
        Asn(n)
    }
}

impl From<Asn> for u32 {
    fn from(a: Asn) -> u32 {
        a.0
    }
}

impl PartialEq<u32> for Asn {
    fn eq(&self, other: &u32) -> bool {
        self.0 == *other
    }
}

impl PartialEq<Asn> for u32 {
    fn eq(&self, other: &Asn) -> bool {
        *self == other.0
    }
}

impl FromStr for Asn {
    type Err = BgpError;
    /// The same as [`parse_asn`].
    fn from_str(s: &str) -> Result<Asn, BgpError> {
        parse_asn(s)
    }
}

/// Read an AS number a learner typed ("65001" or "AS 65001"), refusing reserved values,
/// with a sentence for a person.
///
/// ```
/// use cloudhop_core::bgp::asn::parse_asn;
/// assert_eq!(parse_asn("AS 65001"), Ok(65001.into()));
/// assert_eq!(parse_asn(" 3356 "), Ok(3356.into()));
/// assert!(parse_asn("-1").unwrap_err().to_string().contains("not an AS number"));
/// assert!(parse_asn("0").unwrap_err().to_string().contains("RFC 7607"));
/// ```
pub fn parse_asn(text: &str) -> Result<Asn, BgpError> {
    let t = text.trim();
    let t = t
        .strip_prefix("AS")
        .or_else(|| t.strip_prefix("as"))
        .unwrap_or(t)
        .trim_start();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ErrorKind::Asn { text: text.into() }.into());
    }
    let asn: u32 = t
        .parse()
        .map_err(|_| BgpError::from(ErrorKind::Asn { text: text.into() }))?;
    check_asn(asn)
}

/// `AS_TRANS`, the placeholder 2-byte speakers see for 4-byte ASNs.
pub const AS_TRANS: Asn = Asn(23456);

/// True for the private ranges of RFC 6996 (see [`Asn::is_private`]).
pub fn is_private(asn: impl Into<Asn>) -> bool {
    asn.into().is_private()
}

/// Refuse the reserved values, with a message that names the AS.
pub fn check_asn(asn: impl Into<Asn>) -> Result<Asn, BgpError> {
    let asn = asn.into();
    match asn.0 {
        0 | 23456 | u32::MAX => Err(ErrorKind::ReservedAsn(asn.0).into()),
        _ => Ok(asn),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_ranges_have_the_right_edges() {
        assert!(!is_private(64511));
        assert!(is_private(64512));
        assert!(is_private(65534));
        assert!(!is_private(65535));
        assert!(is_private(4_200_000_000));
        assert!(!is_private(4_199_999_999));
    }

    #[test]
    fn reserved_values_are_refused() {
        assert!(check_asn(0).is_err());
        assert!(check_asn(23456).unwrap_err().contains("23456"));
        assert!(check_asn(u32::MAX).is_err());
        assert_eq!(check_asn(65010), Ok(Asn(65010)));
    }

    #[test]
    fn display_and_parse_round_trip() {
        for n in [1, 3356, 65001, 4_200_000_000, 4_294_967_294] {
            let a = Asn(n);
            assert_eq!(a.to_string(), n.to_string());
            assert_eq!(format!("{a:?}"), n.to_string());
            assert_eq!(a.to_string().parse::<Asn>(), Ok(a));
            assert_eq!(format!("AS {a}").parse::<Asn>(), Ok(a));
            assert_eq!(format!("as{a}").parse::<Asn>(), Ok(a));
        }
    }

    #[test]
    fn parse_refuses_with_a_sentence() {
        for bad in ["", "AS", "-1", "1.5", "4294967296", "65001x", "AS -5"] {
            let e = bad.parse::<Asn>().unwrap_err().to_string();
            assert!(
                e.contains("is not an AS number (write it like 65001)"),
                "{e}"
            );
            assert!(!e.contains("u32"), "{e}");
        }
        assert_eq!(
            "AS 23456".parse::<Asn>().unwrap_err().to_string(),
            "AS 23456 is AS_TRANS (RFC 6793), reserved; use the real 4-byte ASN"
        );
    }

    #[test]
    fn json_is_the_bare_number() {
        assert_eq!(serde_json::to_string(&Asn(65001)).unwrap(), "65001");
        assert_eq!(serde_json::from_str::<Asn>("65001").unwrap(), Asn(65001));
        assert_eq!(
            serde_json::to_string(&vec![Asn(1), Asn(2)]).unwrap(),
            "[1,2]"
        );
        assert!(serde_json::from_str::<Asn>("-1").is_err());
    }
}
