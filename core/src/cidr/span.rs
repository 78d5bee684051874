//! Prefixes as closed integer ranges: the arithmetic every operation shares.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Address family of a range: IPv4 sorts before IPv6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Family {
    V4,
    V6,
}

impl Family {
    /// Number of bits in an address.
    pub(crate) fn bits(self) -> u8 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }

    /// Family of a prefix.
    pub(crate) fn of(net: &IpNet) -> Family {
        match net {
            IpNet::V4(_) => Family::V4,
            IpNet::V6(_) => Family::V6,
        }
    }
}

/// A closed range `[lo, hi]` of addresses of one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Span {
    pub family: Family,
    pub lo: u128,
    pub hi: u128,
}

impl Span {
    /// The addresses of a prefix (host bits ignored).
    pub(crate) fn of(net: &IpNet) -> Span {
        match net {
            IpNet::V4(n) => {
                let lo = u32::from(n.network()) as u128;
                let hi = u32::from(n.broadcast()) as u128;
                Span {
                    family: Family::V4,
                    lo,
                    hi,
                }
            }
            IpNet::V6(n) => Span {
                family: Family::V6,
                lo: u128::from(n.network()),
                hi: u128::from(n.broadcast()),
            },
        }
    }

    /// Whether the two ranges share at least one address.
    pub(crate) fn intersects(&self, other: &Span) -> bool {
        self.family == other.family && self.lo <= other.hi && other.lo <= self.hi
    }

    /// Whether `other` lies entirely inside `self`.
    pub(crate) fn contains(&self, other: &Span) -> bool {
        self.family == other.family && self.lo <= other.lo && other.hi <= self.hi
    }
}

/// Size in addresses of a block with `host_bits` host bits, minus one (fits in u128).
pub(crate) fn size_minus_one(host_bits: u32) -> u128 {
    if host_bits >= 128 {
        u128::MAX
    } else {
        (1u128 << host_bits) - 1
    }
}

/// The prefix of `family` starting at `lo` with length `len`. `lo` must be aligned and in
/// range; callers guarantee it, and the result is truncated to the prefix either way.
pub(crate) fn net_at(family: Family, lo: u128, len: u8) -> IpNet {
    match family {
        Family::V4 => {
            let addr = Ipv4Addr::from((lo & 0xffff_ffff) as u32);
            let len = len.min(32);
            match Ipv4Net::new(addr, len) {
                Ok(n) => IpNet::V4(n.trunc()),
                Err(_) => IpNet::V4(Ipv4Net::default()),
            }
        }
        Family::V6 => {
            let len = len.min(128);
            match Ipv6Net::new(Ipv6Addr::from(lo), len) {
                Ok(n) => IpNet::V6(n.trunc()),
                Err(_) => IpNet::V6(Ipv6Net::default()),
            }
        }
    }
}

/// An address of `family` from its integer value.
pub(crate) fn addr_at(family: Family, v: u128) -> IpAddr {
    match family {
        Family::V4 => IpAddr::V4(Ipv4Addr::from((v & 0xffff_ffff) as u32)),
        Family::V6 => IpAddr::V6(Ipv6Addr::from(v)),
    }
}

/// The largest prefix length (smallest block) for a block that starts at `lo` and must
/// not pass `hi`, i.e. the biggest aligned block at `lo` inside `[lo, hi]`.
pub(crate) fn largest_block_at(family: Family, lo: u128, hi: u128) -> u8 {
    let bits = family.bits() as u32;
    // Alignment of lo limits the block.
    let align = if lo == 0 {
        bits
    } else {
        lo.trailing_zeros().min(bits)
    };
    let mut host = align;
    // The block must fit: size - 1 <= hi - lo.
    while host > 0 && size_minus_one(host) > hi - lo {
        host -= 1;
    }
    (bits - host) as u8
}

/// Minimal list of prefixes covering exactly `[lo, hi]`, in address order.
pub(crate) fn range_to_prefixes(family: Family, lo: u128, hi: u128, out: &mut Vec<IpNet>) {
    let mut cur = lo;
    loop {
        let len = largest_block_at(family, cur, hi);
        out.push(net_at(family, cur, len));
        let last = cur + size_minus_one((family.bits() - len) as u32);
        if last >= hi {
            break;
        }
        cur = last + 1;
    }
}

/// Sort and merge ranges into disjoint, non-adjacent ranges per family.
pub(crate) fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    crate::order::sort(&mut spans);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if let Some(last) = out.last_mut() {
            if last.family == s.family && (s.lo <= last.hi || s.lo - last.hi == 1) {
                if s.hi > last.hi {
                    last.hi = s.hi;
                }
                continue;
            }
        }
        out.push(s);
    }
    out
}
