//! The special-use address ranges from the IANA IPv4 and IPv6 Special-Purpose Address
//! Registries (RFC 6890), plus multicast.
//!
//! Sources: <https://www.iana.org/assignments/iana-ipv4-special-registry/> and
//! <https://www.iana.org/assignments/iana-ipv6-special-registry/>.
//!
//! ```
//! use cloudhop_core::cidr::{prefix::parse_prefix, special::containing};
//! let names: Vec<String> = containing(&parse_prefix("100.100.0.0/16").unwrap())
//!     .iter().map(|r| r.label()).collect();
//! assert_eq!(names, vec!["Shared Address Space, CGNAT (RFC 6598)".to_string()]);
//! ```

use super::span::Span;
use ipnet::IpNet;
use std::sync::OnceLock;

/// The registry with each range parsed once.
fn parsed() -> &'static [(SpecialRange, Span)] {
    static PARSED: OnceLock<Vec<(SpecialRange, Span)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        REGISTRY
            .iter()
            .filter_map(|r| r.net().map(|n| (*r, Span::of(&n))))
            .collect()
    })
}

/// One special-use range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecialRange {
    /// The range in CIDR notation.
    pub prefix: &'static str,
    /// Its name in the registry.
    pub name: &'static str,
    /// The document that defines it.
    pub rfc: &'static str,
    /// Whether addresses in it may be used for private networks (RFC 1918, RFC 6598,
    /// locally assigned ULA fd00::/8): the ranges the planner suggests replacement blocks from.
    pub private: bool,
}

impl SpecialRange {
    /// `Name (RFC n)`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.rfc)
    }

    /// The range as a parsed prefix.
    pub fn net(&self) -> Option<IpNet> {
        self.prefix.parse().ok()
    }
}

const fn r(prefix: &'static str, name: &'static str, rfc: &'static str) -> SpecialRange {
    SpecialRange {
        prefix,
        name,
        rfc,
        private: false,
    }
}

const fn p(prefix: &'static str, name: &'static str, rfc: &'static str) -> SpecialRange {
    SpecialRange {
        prefix,
        name,
        rfc,
        private: true,
    }
}

/// All special-use ranges, IPv4 first, in address order.
pub const REGISTRY: &[SpecialRange] = &[
    r("0.0.0.0/8", "This network", "RFC 791"),
    p("10.0.0.0/8", "Private-Use", "RFC 1918"),
    p("100.64.0.0/10", "Shared Address Space, CGNAT", "RFC 6598"),
    r("127.0.0.0/8", "Loopback", "RFC 1122"),
    r("169.254.0.0/16", "Link-Local", "RFC 3927"),
    p("172.16.0.0/12", "Private-Use", "RFC 1918"),
    r("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890"),
    r("192.0.2.0/24", "Documentation, TEST-NET-1", "RFC 5737"),
    r(
        "192.88.99.0/24",
        "Deprecated 6to4 Relay Anycast",
        "RFC 7526",
    ),
    p("192.168.0.0/16", "Private-Use", "RFC 1918"),
    r("198.18.0.0/15", "Benchmarking", "RFC 2544"),
    r("198.51.100.0/24", "Documentation, TEST-NET-2", "RFC 5737"),
    r("203.0.113.0/24", "Documentation, TEST-NET-3", "RFC 5737"),
    r("224.0.0.0/4", "Multicast", "RFC 5771"),
    r("240.0.0.0/4", "Reserved", "RFC 1112"),
    r("255.255.255.255/32", "Limited Broadcast", "RFC 919"),
    r("::/128", "Unspecified Address", "RFC 4291"),
    r("::1/128", "Loopback Address", "RFC 4291"),
    r("::ffff:0.0.0.0/96", "IPv4-mapped Address", "RFC 4291"),
    r("64:ff9b::/96", "IPv4-IPv6 Translation", "RFC 6052"),
    r(
        "64:ff9b:1::/48",
        "Local-use IPv4/IPv6 Translation",
        "RFC 8215",
    ),
    r("100::/64", "Discard-Only Address Block", "RFC 6666"),
    r("2001::/23", "IETF Protocol Assignments", "RFC 2928"),
    r("2001::/32", "TEREDO", "RFC 4380"),
    r("2001:db8::/32", "Documentation", "RFC 3849"),
    r("2002::/16", "6to4", "RFC 3056"),
    r("3fff::/20", "Documentation", "RFC 9637"),
    r("fc00::/7", "Unique-Local", "RFC 4193"),
    p("fd00::/8", "Unique-Local, locally assigned", "RFC 4193"),
    r("fe80::/10", "Link-Local Unicast", "RFC 4291"),
    r("ff00::/8", "Multicast", "RFC 4291"),
];

/// The special-use ranges that contain all of `net`, widest first.
pub fn containing(net: &IpNet) -> Vec<SpecialRange> {
    let s = Span::of(net);
    parsed()
        .iter()
        .filter(|(_, span)| span.contains(&s))
        .map(|(r, _)| *r)
        .collect()
}

/// The special-use ranges that share at least one address with `net`.
///
/// ```
/// use cloudhop_core::cidr::{prefix::parse_prefix, special::overlapping};
/// let n = overlapping(&parse_prefix("0.0.0.0/0").unwrap()).len();
/// assert_eq!(n, 16);
/// ```
pub fn overlapping(net: &IpNet) -> Vec<SpecialRange> {
    let s = Span::of(net);
    parsed()
        .iter()
        .filter(|(_, span)| span.intersects(&s))
        .map(|(r, _)| *r)
        .collect()
}

/// The private range (RFC 1918, RFC 6598 or ULA) that contains `net`, if any.
///
/// ```
/// use cloudhop_core::cidr::{prefix::parse_prefix, special::private_range_of};
/// let r = private_range_of(&parse_prefix("172.20.0.0/16").unwrap()).unwrap();
/// assert_eq!(r.to_string(), "172.16.0.0/12");
/// assert!(private_range_of(&parse_prefix("8.8.8.0/24").unwrap()).is_none());
/// ```
pub fn private_range_of(net: &IpNet) -> Option<IpNet> {
    let s = Span::of(net);
    parsed()
        .iter()
        .find(|(r, span)| r.private && span.contains(&s))
        .and_then(|(r, _)| r.net())
}
