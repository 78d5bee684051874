//! What each provider reserves in a subnet and which sizes it accepts.
//!
//! Every number here comes from the provider's documentation, cited next to it:
//!
//! - AWS: "Subnet CIDR blocks" in the Amazon VPC User Guide,
//!   <https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html> ("The allowed
//!   size for an IPv4 subnet is between a /28 netmask and /16 netmask"; "The first four IP
//!   addresses and the last IP address in each subnet CIDR block are not available"), and
//!   "VPC CIDR blocks", <https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html>
//!   (VPC IPv4 blocks /16 to /28; IPv6 VPC blocks /44 to /60 and subnets /44 to /64, in
//!   steps of /4).
//! - Azure: "Azure Virtual Network frequently asked questions",
//!   <https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq> ("The
//!   smallest supported IPv4 subnet is /29, and the largest is /2"; "IPv6 subnets must be
//!   exactly /64 in size"; Azure reserves the first four and the last address, five in all).
//! - Google Cloud: "Subnets", <https://cloud.google.com/vpc/docs/subnets> (four reserved
//!   addresses in a primary IPv4 range: network, default gateway, second-to-last, broadcast;
//!   primary ranges from /29 up to /8; IPv6 subnet ranges are /64).
//! - On-premises: the network and broadcast addresses (RFC 919, RFC 922), except on /31
//!   point-to-point links (RFC 3021) and /32 hosts; in IPv6 the subnet-router anycast address
//!   (RFC 4291 section 2.6.1), except /127 links (RFC 6164) and /128.
//!
//! ```
//! use cloudhop_core::cidr::{prefix::parse_prefix, provider::{Provider, Kind, usable}};
//! let n = parse_prefix("10.0.0.0/24").unwrap();
//! assert_eq!(usable(Provider::Aws, Kind::Subnet, &n).unwrap(), "251");
//! assert_eq!(usable(Provider::Gcp, Kind::Subnet, &n).unwrap(), "252");
//! let tiny = parse_prefix("10.0.0.0/30").unwrap();
//! assert!(usable(Provider::Azure, Kind::Subnet, &tiny).unwrap_err().contains("/29"));
//! ```

use super::error::CidrError;
use super::prefix::pow2_minus;
use super::span::{addr_at, size_minus_one, Family, Span};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};

/// Where a network lives: the one [`Provider`] type, shared with the latency engine,
/// re-exported here where the planner has always found it.
pub use crate::provider::Provider;

/// What a block is for: the address space of a whole VPC / VNet, or one subnet.
/// On-premises sites are treated as subnets (they hold hosts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A VPC or VNet address space (holds subnets).
    #[serde(alias = "vnet", alias = "network")]
    Vpc,
    /// A subnet or an on-premises site (holds hosts).
    #[default]
    #[serde(alias = "site")]
    Subnet,
}

impl Kind {
    /// Both kinds, in the order a form lists them.
    pub const ALL: [Kind; 2] = [Kind::Vpc, Kind::Subnet];

    /// Lowercase id as used in JSON: `vpc` or `subnet`.
    ///
    /// ```
    /// use cloudhop_core::cidr::provider::Kind;
    /// assert_eq!(Kind::Vpc.id(), "vpc");
    /// assert_eq!(Kind::from_id("vpc"), Kind::Vpc);
    /// assert_eq!(Kind::from_id("subnet"), Kind::Subnet);
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            Kind::Vpc => "vpc",
            Kind::Subnet => "subnet",
        }
    }

    /// Parse a kind as typed on the command line: `vpc` or `vnet`, `subnet` or `site`.
    ///
    /// ```
    /// use cloudhop_core::cidr::provider::Kind;
    /// assert_eq!(Kind::parse("vnet").unwrap(), Kind::Vpc);
    /// assert_eq!(Kind::parse("site").unwrap(), Kind::Subnet);
    /// assert_eq!(Kind::parse("zone").unwrap_err().to_string(), "unknown kind `zone`: use vpc or subnet");
    /// ```
    pub fn parse(text: &str) -> Result<Kind, CidrError> {
        match text {
            "subnet" | "site" => Ok(Kind::Subnet),
            "vpc" | "vnet" => Ok(Kind::Vpc),
            other => Err(CidrError::Parse(format!(
                "unknown kind `{other}`: use vpc or subnet"
            ))),
        }
    }

    /// The kind with this id; anything but `vpc` is a subnet (a form's choice).
    pub fn from_id(id: &str) -> Kind {
        if id == "vpc" {
            Kind::Vpc
        } else {
            Kind::Subnet
        }
    }

    /// What the provider calls this kind of network, for a form.
    ///
    /// ```
    /// use cloudhop_core::cidr::provider::{Kind, Provider};
    /// assert_eq!(Kind::Vpc.label(Provider::Azure), "VNet");
    /// assert_eq!(Kind::Vpc.label(Provider::Aws), "VPC / network");
    /// assert_eq!(Kind::Subnet.label(Provider::Onprem), "site / subnet");
    /// assert_eq!(Kind::Subnet.label(Provider::Gcp), "subnet");
    /// ```
    pub fn label(self, provider: Provider) -> &'static str {
        match (self, provider) {
            (Kind::Vpc, Provider::Azure) => "VNet",
            (Kind::Vpc, _) => "VPC / network",
            (Kind::Subnet, Provider::Onprem) => "site / subnet",
            (Kind::Subnet, _) => "subnet",
        }
    }
}

/// Allowed prefix lengths, `shortest..=longest` (a shorter prefix is a bigger block).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeLimit {
    /// The biggest block allowed.
    pub shortest: u8,
    /// The smallest block allowed.
    pub longest: u8,
}

/// The size limits for a block, if the provider documents any.
///
/// ```
/// use cloudhop_core::cidr::provider::{limits, Kind, Provider};
/// let l = limits(Provider::Aws, Kind::Vpc, false).unwrap();
/// assert_eq!((l.shortest, l.longest), (16, 28));
/// assert!(limits(Provider::Onprem, Kind::Subnet, false).is_none());
/// ```
pub fn limits(provider: Provider, kind: Kind, ipv6: bool) -> Option<SizeLimit> {
    let l = |shortest, longest| Some(SizeLimit { shortest, longest });
    match (provider, kind, ipv6) {
        // AWS: IPv4 VPC and subnet blocks /16 to /28.
        (Provider::Aws, _, false) => l(16, 28),
        // AWS: IPv6 VPC blocks /44 to /60, subnets /44 to /64.
        (Provider::Aws, Kind::Vpc, true) => l(44, 60),
        (Provider::Aws, Kind::Subnet, true) => l(44, 64),
        // Azure: subnets /2 to /29; IPv6 subnets exactly /64. VNet address spaces: no
        // documented size limit.
        (Provider::Azure, Kind::Subnet, false) => l(2, 29),
        (Provider::Azure, Kind::Subnet, true) => l(64, 64),
        // Google Cloud: primary IPv4 subnet ranges /8 to /29; IPv6 subnet ranges /64.
        (Provider::Gcp, Kind::Subnet, false) => l(8, 29),
        (Provider::Gcp, Kind::Subnet, true) => l(64, 64),
        _ => None,
    }
}

/// A reserved address and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reserved {
    /// The address.
    pub address: String,
    /// What the provider uses it for.
    pub role: String,
}

/// Offsets reserved in a subnet: (offset, from the end?, role).
fn reserved_offsets(
    provider: Provider,
    family: Family,
    host_bits: u32,
) -> Vec<(u128, bool, &'static str)> {
    match (provider, family) {
        (Provider::Aws, _) => vec![
            (0, false, "network address"),
            (1, false, "VPC router"),
            (2, false, "Amazon DNS server"),
            (3, false, "reserved for future use"),
            (
                0,
                true,
                "last address (broadcast is not supported, still reserved)",
            ),
        ],
        (Provider::Azure, _) => vec![
            (0, false, "network address"),
            (1, false, "default gateway"),
            (2, false, "Azure DNS"),
            (3, false, "Azure DNS"),
            (0, true, "broadcast address"),
        ],
        (Provider::Gcp, Family::V4) => vec![
            (0, false, "network address"),
            (1, false, "default gateway"),
            (1, true, "second-to-last address, reserved for future use"),
            (0, true, "broadcast address"),
        ],
        (Provider::Gcp, Family::V6) => vec![],
        (Provider::Onprem, Family::V4) if host_bits <= 1 => vec![],
        (Provider::Onprem, Family::V4) => vec![
            (0, false, "network address"),
            (0, true, "broadcast address"),
        ],
        (Provider::Onprem, Family::V6) if host_bits <= 1 => vec![],
        (Provider::Onprem, Family::V6) => vec![(0, false, "subnet-router anycast")],
    }
}

/// Check a block against the provider's size limits. The error says the limit.
///
/// ```
/// use cloudhop_core::cidr::{prefix::parse_prefix, provider::{check_size, Kind, Provider}};
/// let big = parse_prefix("10.0.0.0/12").unwrap();
/// let e = check_size(Provider::Aws, Kind::Vpc, &big).unwrap_err();
/// assert!(e.contains("/16"));
/// ```
pub fn check_size(provider: Provider, kind: Kind, net: &IpNet) -> Result<(), CidrError> {
    size_rule(provider, kind, net).map_err(CidrError::Provider)
}

fn size_rule(provider: Provider, kind: Kind, net: &IpNet) -> Result<(), String> {
    let v6 = matches!(net, IpNet::V6(_));
    let Some(lim) = limits(provider, kind, v6) else {
        return Ok(());
    };
    let len = net.prefix_len();
    let what = match kind {
        Kind::Vpc => match provider {
            Provider::Azure => "VNet",
            _ => "VPC",
        },
        Kind::Subnet => "subnet",
    };
    let fam = if v6 { "IPv6" } else { "IPv4" };
    let allowed = if lim.shortest == lim.longest {
        format!("exactly /{}", lim.shortest)
    } else {
        format!("from /{} to /{}", lim.shortest, lim.longest)
    };
    if len < lim.shortest {
        return Err(format!(
            "{net} is too large for {} {fam} {what}: the largest allowed is /{} ({allowed})",
            provider.with_article(),
            lim.shortest
        ));
    }
    if len > lim.longest {
        return Err(format!(
            "{net} is too small for {} {fam} {what}: the smallest allowed is /{} ({allowed})",
            provider.with_article(),
            lim.longest
        ));
    }
    if provider == Provider::Aws && v6 && len % 4 != 0 {
        return Err(format!(
            "{net}: AWS IPv6 blocks must have a prefix length that is a multiple of 4 ({allowed})"
        ));
    }
    Ok(())
}

/// The addresses the provider reserves in a subnet, in address order.
///
/// ```
/// use cloudhop_core::cidr::{prefix::parse_prefix, provider::{reserved, Provider}};
/// let r = reserved(Provider::Gcp, &parse_prefix("10.0.0.0/24").unwrap());
/// let addrs: Vec<&str> = r.iter().map(|x| x.address.as_str()).collect();
/// assert_eq!(addrs, ["10.0.0.0", "10.0.0.1", "10.0.0.254", "10.0.0.255"]);
/// ```
pub fn reserved(provider: Provider, net: &IpNet) -> Vec<Reserved> {
    let s = Span::of(net);
    let host_bits = (net.max_prefix_len() - net.prefix_len()) as u32;
    let size_m1 = size_minus_one(host_bits);
    let mut out: Vec<(u128, &str)> = reserved_offsets(provider, s.family, host_bits)
        .into_iter()
        .filter(|(off, _, _)| *off <= size_m1)
        .map(|(off, from_end, role)| (if from_end { s.hi - off } else { s.lo + off }, role))
        .collect();
    crate::order::sort_by_key(&mut out, |(a, _)| *a);
    out.dedup_by_key(|(a, _)| *a);
    out.into_iter()
        .map(|(a, role)| Reserved {
            address: addr_at(s.family, a).to_string(),
            role: role.to_string(),
        })
        .collect()
}

/// Usable addresses in a block for this provider, as a decimal string: the block's size
/// minus the reserved addresses. A block outside the provider's size limits, or one with
/// no room left after the reserved addresses, is an error that says the limit.
pub fn usable(provider: Provider, kind: Kind, net: &IpNet) -> Result<String, CidrError> {
    check_size(provider, kind, net)?;
    let host_bits = (net.max_prefix_len() - net.prefix_len()) as u32;
    let r = reserved_offsets(provider, Family::of(net), host_bits).len() as u128;
    if host_bits < 64 && (1u128 << host_bits) <= r {
        return Err(CidrError::Provider(format!(
            "{net} has {} addresses and {} reserves {r}: no address is left for hosts",
            1u128 << host_bits,
            provider.title()
        )));
    }
    Ok(pow2_minus(host_bits, r))
}

/// Usable addresses in one subnet of this size for every provider, in
/// [`Provider::ALL`] order: the count, or why the provider refuses the block.
///
/// ```
/// use cloudhop_core::cidr::{prefix::parse_prefix, provider::{usable_by_provider, Provider}};
/// let rows = usable_by_provider(&parse_prefix("192.168.1.0/24").unwrap());
/// assert_eq!(rows[0], (Provider::Onprem, Ok("254".to_string())));
/// assert_eq!(rows[1].1.as_deref(), Ok("251"));
/// ```
pub fn usable_by_provider(net: &IpNet) -> Vec<(Provider, Result<String, CidrError>)> {
    Provider::ALL
        .iter()
        .map(|p| (*p, usable(*p, Kind::Subnet, net)))
        .collect()
}

/// Usable addresses as a number, saturating at `u128::MAX` (for comparisons).
pub fn usable_count(provider: Provider, kind: Kind, net: &IpNet) -> Result<u128, CidrError> {
    usable(provider, kind, net).map(|s| s.parse().unwrap_or(u128::MAX))
}

/// The smallest prefix length whose block holds `hosts` usable addresses for this
/// provider, clamped to the provider's size limits. Error if even the largest allowed
/// block is too small.
///
/// ```
/// use cloudhop_core::cidr::provider::{prefix_len_for_hosts, Kind, Provider};
/// assert_eq!(prefix_len_for_hosts(Provider::Aws, Kind::Subnet, false, 251).unwrap(), 24);
/// assert_eq!(prefix_len_for_hosts(Provider::Aws, Kind::Subnet, false, 252).unwrap(), 23);
/// assert_eq!(prefix_len_for_hosts(Provider::Aws, Kind::Subnet, false, 1).unwrap(), 28);
/// ```
pub fn prefix_len_for_hosts(
    provider: Provider,
    kind: Kind,
    ipv6: bool,
    hosts: u128,
) -> Result<u8, CidrError> {
    let family = if ipv6 { Family::V6 } else { Family::V4 };
    let bits = family.bits();
    let lim = limits(provider, kind, ipv6);
    let longest = lim.map_or(bits, |l| l.longest);
    let shortest = lim.map_or(0, |l| l.shortest);
    let mut len = longest;
    loop {
        let host_bits = (bits - len) as u32;
        let r = reserved_offsets(provider, family, host_bits).len() as u128;
        let size_m1 = size_minus_one(host_bits);
        // usable = size - r  >= hosts  <=>  size_m1 >= hosts + r - 1
        if hosts.saturating_add(r) == 0 || size_m1 >= hosts.saturating_add(r).saturating_sub(1) {
            return Ok(len);
        }
        if len == shortest {
            return Err(CidrError::Provider(format!(
                "{hosts} hosts do not fit in one {} {} block: the largest allowed is /{shortest}",
                provider.title(),
                if ipv6 { "IPv6" } else { "IPv4" }
            )));
        }
        len -= 1;
    }
}
