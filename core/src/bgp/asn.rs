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

/// An autonomous system number. It is `u32`, so it prints as the plain number
/// ("65001") and reads with [`parse_asn`].
pub type Asn = u32;

/// Read an AS number a learner typed ("65001" or "AS 65001"), refusing reserved values,
/// with a sentence for a person.
///
/// ```
/// use cloudhop_core::bgp::asn::parse_asn;
/// assert_eq!(parse_asn("AS 65001"), Ok(65001));
/// assert_eq!(parse_asn(" 3356 "), Ok(3356));
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
    let asn: Asn = t
        .parse()
        .map_err(|_| BgpError::from(ErrorKind::Asn { text: text.into() }))?;
    check_asn(asn)
}

/// `AS_TRANS`, the placeholder 2-byte speakers see for 4-byte ASNs.
pub const AS_TRANS: Asn = 23456;

/// True for the private ranges of RFC 6996.
pub fn is_private(asn: Asn) -> bool {
    (64512..=65534).contains(&asn) || (4_200_000_000..=4_294_967_294).contains(&asn)
}

/// Refuse the reserved values, with a message that names the AS.
pub fn check_asn(asn: Asn) -> Result<Asn, BgpError> {
    match asn {
        0 | AS_TRANS | u32::MAX => Err(ErrorKind::ReservedAsn(asn).into()),
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
        assert_eq!(check_asn(65010), Ok(65010));
    }
}
