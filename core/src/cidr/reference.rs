//! An independent, deliberately simple model of prefixes as integer ranges, used only by
//! the property tests to check the engine. It shares no code with the engine: ranges come
//! from the address integer and length by plain arithmetic, sets are sorted lists of
//! ranges merged pairwise, and prefixes are cut from ranges greedily.

use ipnet::IpNet;
use std::net::IpAddr;

/// (is_v6, lo, hi)
pub type R = (bool, u128, u128);

pub fn bits(v6: bool) -> u32 {
    if v6 {
        128
    } else {
        32
    }
}

/// Number of addresses minus one in a block with `host` host bits.
fn block_m1(host: u32) -> u128 {
    if host == 128 {
        u128::MAX
    } else {
        (1u128 << host) - 1
    }
}

pub fn range(net: &IpNet) -> R {
    let (v6, a) = match net.addr() {
        IpAddr::V4(a) => (false, u32::from(a) as u128),
        IpAddr::V6(a) => (true, u128::from(a)),
    };
    let host = bits(v6) - net.prefix_len() as u32;
    let m1 = block_m1(host);
    // Clear the host bits by shifting them out and back in.
    let lo = if host >= 128 { 0 } else { (a >> host) << host };
    (v6, lo, lo + m1)
}

/// Union of ranges as a sorted list of disjoint, non-touching ranges.
pub fn union(input: &[R]) -> Vec<R> {
    let mut out: Vec<R> = Vec::new();
    for &r in input {
        let mut cur = r;
        // absorb everything that touches cur, repeat until stable
        loop {
            let before = out.len();
            out.retain(|&(v6, lo, hi)| {
                let touches =
                    v6 == cur.0 && lo <= cur.2.saturating_add(1) && cur.1 <= hi.saturating_add(1);
                if touches {
                    cur.1 = cur.1.min(lo);
                    cur.2 = cur.2.max(hi);
                }
                !touches
            });
            if out.len() == before {
                break;
            }
        }
        out.push(cur);
    }
    out.sort();
    out
}

/// `a` minus `b` (both unions).
pub fn subtract(a: &[R], b: &[R]) -> Vec<R> {
    let mut cur: Vec<R> = a.to_vec();
    for &(v6, lo, hi) in b {
        let mut next = Vec::new();
        for &(w6, x, y) in &cur {
            if w6 != v6 || hi < x || y < lo {
                next.push((w6, x, y));
                continue;
            }
            if x < lo {
                next.push((w6, x, lo - 1));
            }
            if y > hi {
                next.push((w6, hi + 1, y));
            }
        }
        cur = next;
    }
    cur.sort();
    cur
}

/// Greedy cut of a range into prefixes, as (v6, lo, len).
pub fn to_prefixes(r: R) -> Vec<(bool, u128, u32)> {
    let (v6, mut lo, hi) = r;
    let total = bits(v6);
    let mut out = Vec::new();
    loop {
        // grow the block while aligned and inside the range
        let mut host = 0u32;
        while host < total {
            let next = host + 1;
            let aligned = next == 128 && lo == 0 || next < 128 && lo % (1u128 << next) == 0;
            let fits = block_m1(next) <= hi - lo;
            if aligned && fits {
                host = next;
            } else {
                break;
            }
        }
        out.push((v6, lo, total - host));
        let end = lo + block_m1(host);
        if end >= hi {
            break;
        }
        lo = end + 1;
    }
    out
}

/// Prefixes of a set, as strings like the engine prints them.
pub fn set_to_strings(set: &[R]) -> Vec<String> {
    set.iter()
        .flat_map(|r| to_prefixes(*r))
        .map(|(v6, lo, len)| fmt(v6, lo, len))
        .collect()
}

pub fn fmt(v6: bool, lo: u128, len: u32) -> String {
    if v6 {
        format!("{}/{len}", std::net::Ipv6Addr::from(lo))
    } else {
        format!("{}/{len}", std::net::Ipv4Addr::from(lo as u32))
    }
}
