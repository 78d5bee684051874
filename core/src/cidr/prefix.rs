//! Parsing addresses and prefixes with precise errors, and the facts about a prefix.
//!
//! ```
//! use cloudhop_core::cidr::prefix::{facts, parse_prefix};
//! let err = parse_prefix("10.0.0.1/16").unwrap_err();
//! assert!(err.contains("did you mean 10.0.0.0/16?"));
//! let f = facts(&parse_prefix("2001:db8::/32").unwrap());
//! assert_eq!(f.addresses, "79228162514264337593543950336");
//! assert_eq!(f.broadcast, None);
//! ```

use super::error::CidrError;
use super::span::{Family, Span};
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Parse an IPv4 or IPv6 address. Surrounding spaces are ignored.
///
/// ```
/// use cloudhop_core::cidr::prefix::parse_addr;
/// assert_eq!(parse_addr(" 10.1.2.3 ").unwrap().to_string(), "10.1.2.3");
/// assert!(parse_addr("10.1.2.256").unwrap_err().contains("256"));
/// assert!(parse_addr("fe80::1::2").unwrap_err().contains("`::`"));
/// ```
pub fn parse_addr(text: &str) -> Result<IpAddr, CidrError> {
    addr(text).map_err(CidrError::Parse)
}

fn addr(text: &str) -> Result<IpAddr, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("the address is empty".into());
    }
    if t.contains(':') {
        parse_v6(t).map(IpAddr::V6)
    } else if t.contains('.') {
        parse_v4(t).map(IpAddr::V4)
    } else {
        Err(format!(
            "`{t}` is not an IP address: write IPv4 as four numbers with dots (10.0.0.0) or IPv6 with colons (2001:db8::)"
        ))
    }
}

fn parse_v4(t: &str) -> Result<Ipv4Addr, String> {
    if let Some((i, c)) = t
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit() && *c != '.')
    {
        return Err(format!(
            "`{t}`: unexpected character `{c}` at position {} (an IPv4 address has only digits and dots)",
            i + 1
        ));
    }
    let parts: Vec<&str> = t.split('.').collect();
    if parts.len() != 4 {
        return Err(format!(
            "`{t}` has {} part{} separated by dots; an IPv4 address has exactly 4",
            parts.len(),
            if parts.len() == 1 { "" } else { "s" }
        ));
    }
    let mut octets = [0u8; 4];
    for (i, p) in parts.iter().enumerate() {
        let n = i + 1;
        if p.is_empty() {
            return Err(format!("`{t}`: octet {n} is empty"));
        }
        if p.len() > 1 && p.starts_with('0') {
            return Err(format!(
                "`{t}`: octet {n} (`{p}`) has a leading zero, which some tools read as octal; write it without"
            ));
        }
        let v: u32 = p
            .parse()
            .map_err(|_| format!("`{t}`: octet {n} (`{p}`) is larger than 255"))?;
        if v > 255 {
            return Err(format!("`{t}`: octet {n} (`{p}`) is larger than 255"));
        }
        octets[i] = v as u8;
    }
    Ok(Ipv4Addr::from(octets))
}

fn parse_v6(t: &str) -> Result<Ipv6Addr, String> {
    if let Some((i, c)) = t
        .char_indices()
        .find(|(_, c)| !c.is_ascii_hexdigit() && *c != ':' && *c != '.')
    {
        let why = if c == '%' {
            " (zone indexes like %eth0 are not part of a prefix)"
        } else {
            " (IPv6 uses hex digits 0-9, a-f and colons)"
        };
        return Err(format!(
            "`{t}`: unexpected character `{c}` at position {}{why}",
            i + 1
        ));
    }
    let doubles = t.matches("::").count();
    if doubles > 1 || t.contains(":::") {
        return Err(format!(
            "`{t}`: `::` may appear only once in an IPv6 address"
        ));
    }
    // Split into groups, allowing an embedded IPv4 address at the end.
    let (head, v4_tail) = match t.rfind(':') {
        Some(i) if t[i + 1..].contains('.') => (&t[..=i], Some(&t[i + 1..])),
        _ => (t, None),
    };
    if let Some(v4) = v4_tail {
        parse_v4(v4).map_err(|e| format!("`{t}`: the embedded IPv4 part {e}"))?;
    }
    let groups_text = if v4_tail.is_some() {
        // keep a trailing "::" but drop a single trailing ':'
        if head.ends_with("::") {
            head
        } else {
            &head[..head.len() - 1]
        }
    } else {
        head
    };
    let mut count = if v4_tail.is_some() { 2 } else { 0 };
    for (gi, g) in groups_text.split("::").enumerate() {
        if g.is_empty() {
            continue;
        }
        for (j, part) in g.split(':').enumerate() {
            if part.is_empty() {
                let which = if gi == 0 && j == 0 { "starts" } else { "ends" };
                return Err(format!(
                    "`{t}` {which} with a single `:`; use `::` or remove it"
                ));
            }
            if part.len() > 4 {
                return Err(format!("`{t}`: group `{part}` has more than 4 hex digits"));
            }
            count += 1;
        }
    }
    if doubles == 0 && count != 8 {
        return Err(format!(
            "`{t}` has {count} groups; an IPv6 address has 8 (or fewer with `::`)"
        ));
    }
    if doubles == 1 && count > 7 {
        return Err(format!(
            "`{t}` has {count} groups plus `::`; that is more than 8"
        ));
    }
    t.parse::<Ipv6Addr>()
        .map_err(|_| format!("`{t}` is not a valid IPv6 address"))
}

/// Parse a prefix in CIDR notation (`10.0.0.0/16`, `2001:db8::/32`). Spaces around the
/// text and around `/` are ignored. Host bits must be zero: `10.0.0.1/16` is refused and
/// the message names the prefix that was probably meant.
///
/// ```
/// use cloudhop_core::cidr::prefix::parse_prefix;
/// assert_eq!(parse_prefix("10.0.0.0 / 8").unwrap().to_string(), "10.0.0.0/8");
/// assert_eq!(parse_prefix("2001:DB8:0:0::/64").unwrap().to_string(), "2001:db8::/64");
/// assert!(parse_prefix("10.0.0.0/33").unwrap_err().contains("0 to 32"));
/// ```
pub fn parse_prefix(text: &str) -> Result<IpNet, CidrError> {
    prefix(text).map_err(CidrError::Parse)
}

fn prefix(text: &str) -> Result<IpNet, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("the prefix is empty".into());
    }
    let Some((addr_text, len_text)) = t.split_once('/') else {
        let hint = match addr(t)? {
            IpAddr::V4(a) => format!(": for one address write {a}/32"),
            IpAddr::V6(a) => format!(": for one address write {a}/128"),
        };
        return Err(format!(
            "`{t}` has no prefix length after `/` (like 10.0.0.0/16){hint}"
        ));
    };
    let addr = addr(addr_text)?;
    let len_text = len_text.trim();
    let max = if addr.is_ipv4() { 32 } else { 128 };
    if len_text.is_empty() {
        return Err(format!("`{t}`: the prefix length after `/` is missing"));
    }
    if !len_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{t}`: the prefix length `{len_text}` is not a whole number from 0 to {max}"
        ));
    }
    let len: u32 = len_text.parse().unwrap_or(u32::MAX);
    if len > max {
        return Err(format!(
            "`{t}`: the prefix length {len_text} is too long; {} prefixes have 0 to {max}",
            if max == 32 { "IPv4" } else { "IPv6" }
        ));
    }
    let net = match addr {
        IpAddr::V4(a) => Ipv4Net::new(a, len as u8).map(IpNet::V4),
        IpAddr::V6(a) => Ipv6Net::new(a, len as u8).map(IpNet::V6),
    }
    .map_err(|_| format!("`{t}`: bad prefix length"))?;
    let trunc = net.trunc();
    if trunc.addr() != net.addr() {
        return Err(format!(
            "`{t}` has host bits set (the bits after the first {len} must be 0): did you mean {trunc}?"
        ));
    }
    Ok(trunc)
}

/// Parse several prefixes separated by commas, spaces or new lines (paste-friendly).
/// The error names the item that failed.
///
/// ```
/// use cloudhop_core::cidr::prefix::parse_prefix_list;
/// let v = parse_prefix_list("10.0.0.0/8, 192.168.0.0/16\n fd00::/8").unwrap();
/// assert_eq!(v.len(), 3);
/// assert!(parse_prefix_list("10.0.0.0/8, oops").unwrap_err().starts_with("item 2"));
/// ```
pub fn parse_prefix_list(text: &str) -> Result<Vec<IpNet>, CidrError> {
    // Join "a / b" written with spaces before splitting on whitespace.
    let cleaned = text.replace(" /", "/").replace("/ ", "/");
    cleaned
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .enumerate()
        .map(|(i, s)| parse_prefix(s).map_err(|e| e.context(format_args!("item {}", i + 1))))
        .collect()
}

/// The facts about one prefix. Counts are decimal strings because an IPv6 `/0` holds
/// 2^128 addresses, one more than `u128` can hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// The prefix in canonical form.
    pub prefix: String,
    /// 4 or 6.
    pub version: u8,
    /// Prefix length.
    pub prefix_len: u8,
    /// Network address.
    pub network: String,
    /// Broadcast address (IPv4 only; IPv6 has none).
    pub broadcast: Option<String>,
    /// Netmask.
    pub netmask: String,
    /// Hostmask (wildcard mask).
    pub hostmask: String,
    /// First address of the block.
    pub first: String,
    /// Last address of the block.
    pub last: String,
    /// Number of addresses, decimal.
    pub addresses: String,
    /// The network address in binary, `.` between IPv4 octets and `:` between IPv6
    /// groups; the first `prefix_len` bits are the network bits.
    pub bits: String,
    /// Names of the special-use ranges that contain this prefix.
    pub special_use: Vec<String>,
}

/// One character of [`Facts::bits`], as the bit view shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bit {
    /// One of the first `prefix_len` bits.
    Network(char),
    /// One of the bits after them.
    Host(char),
    /// The `.` or `:` between octets or groups.
    Separator(char),
}

impl Facts {
    /// The bits of the network address, each marked network, host or separator.
    ///
    /// ```
    /// use cloudhop_core::cidr::prefix::{facts, parse_prefix, Bit};
    /// let f = facts(&parse_prefix("10.0.0.0/9").unwrap());
    /// let v = f.bit_view();
    /// assert_eq!(v[4], Bit::Network('1'));
    /// assert_eq!(v[8], Bit::Separator('.'));
    /// assert_eq!(v[9], Bit::Network('0'));
    /// assert_eq!(v[10], Bit::Host('0'));
    /// ```
    pub fn bit_view(&self) -> Vec<Bit> {
        let len = usize::from(self.prefix_len);
        let mut seen = 0usize;
        self.bits
            .chars()
            .map(|c| {
                if c == '0' || c == '1' {
                    seen += 1;
                    if seen <= len {
                        Bit::Network(c)
                    } else {
                        Bit::Host(c)
                    }
                } else {
                    Bit::Separator(c)
                }
            })
            .collect()
    }

    /// How many host bits the prefix has (32 or 128 minus the prefix length).
    ///
    /// ```
    /// use cloudhop_core::cidr::prefix::{facts, parse_prefix};
    /// assert_eq!(facts(&parse_prefix("10.0.0.0/9").unwrap()).host_bits(), 23);
    /// assert_eq!(facts(&parse_prefix("fd00::/8").unwrap()).host_bits(), 120);
    /// ```
    pub fn host_bits(&self) -> usize {
        self.bits
            .chars()
            .filter(|c| *c == '0' || *c == '1')
            .count()
            .saturating_sub(usize::from(self.prefix_len))
    }
}

/// Compute the [`Facts`] of a prefix.
///
/// ```
/// use cloudhop_core::cidr::prefix::{facts, parse_prefix};
/// let f = facts(&parse_prefix("192.168.1.0/24").unwrap());
/// assert_eq!(f.broadcast.as_deref(), Some("192.168.1.255"));
/// assert_eq!(f.netmask, "255.255.255.0");
/// assert_eq!(f.addresses, "256");
/// assert_eq!(f.special_use, vec!["Private-Use (RFC 1918)".to_string()]);
/// ```
pub fn facts(net: &IpNet) -> Facts {
    let net = net.trunc();
    let span = Span::of(&net);
    let host_bits = (net.max_prefix_len() - net.prefix_len()) as u32;
    Facts {
        prefix: net.to_string(),
        version: if span.family == Family::V4 { 4 } else { 6 },
        prefix_len: net.prefix_len(),
        network: net.network().to_string(),
        broadcast: match net {
            IpNet::V4(n) => Some(n.broadcast().to_string()),
            IpNet::V6(_) => None,
        },
        netmask: net.netmask().to_string(),
        hostmask: net.hostmask().to_string(),
        first: net.network().to_string(),
        last: net.broadcast().to_string(),
        addresses: pow2_minus(host_bits, 0),
        bits: bit_string(&net),
        special_use: super::special::containing(&net)
            .iter()
            .map(|r| r.label())
            .collect(),
    }
}

/// The network address of `net` as binary digits with separators.
///
/// ```
/// use cloudhop_core::cidr::prefix::{bit_string, parse_prefix};
/// let b = bit_string(&parse_prefix("10.0.0.0/8").unwrap());
/// assert_eq!(b, "00001010.00000000.00000000.00000000");
/// ```
pub fn bit_string(net: &IpNet) -> String {
    match net.network() {
        IpAddr::V4(a) => a
            .octets()
            .iter()
            .map(|o| format!("{o:08b}"))
            .collect::<Vec<_>>()
            .join("."),
        IpAddr::V6(a) => a
            .segments()
            .iter()
            .map(|s| format!("{s:016b}"))
            .collect::<Vec<_>>()
            .join(":"),
    }
}

/// `2^bits - minus` in decimal, exact for `bits` up to 128 (saturating at 0).
///
/// ```
/// use cloudhop_core::cidr::prefix::pow2_minus;
/// assert_eq!(pow2_minus(8, 2), "254");
/// assert_eq!(pow2_minus(128, 0), "340282366920938463463374607431768211456");
/// assert_eq!(pow2_minus(128, 1), u128::MAX.to_string());
/// ```
pub fn pow2_minus(bits: u32, minus: u128) -> String {
    if bits < 128 {
        (1u128 << bits).saturating_sub(minus).to_string()
    } else if minus == 0 {
        "340282366920938463463374607431768211456".to_string()
    } else {
        (u128::MAX - (minus - 1)).to_string()
    }
}
