//! Operations on sets of prefixes: split, allocate, summarise, exclude, free blocks and
//! overlaps. All exact for IPv4 and IPv6 and all `O(n log n)` (plus the size of the output).
//!
//! ```
//! use cloudhop_core::cidr::{ops, prefix::parse_prefix};
//! let sup = parse_prefix("10.0.0.0/22").unwrap();
//! let used = [parse_prefix("10.0.1.0/24").unwrap()];
//! let free: Vec<String> = ops::exclude(&sup, &used).iter().map(|n| n.to_string()).collect();
//! assert_eq!(free, ["10.0.0.0/24", "10.0.2.0/23"]);
//! ```

use super::error::CidrError;
use super::provider::{self, Kind, Provider};
use super::span::{net_at, range_to_prefixes, size_minus_one, Family, Span};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};

/// Most prefixes an operation returns, so a typo cannot ask for billions.
pub const MAX_RESULTS: usize = 65_536;

/// Split `net` into equal subnets of length `new_len`.
///
/// ```
/// use cloudhop_core::cidr::{ops::split, prefix::parse_prefix};
/// let v = split(&parse_prefix("10.0.0.0/24").unwrap(), 26).unwrap();
/// assert_eq!(v.len(), 4);
/// assert_eq!(v[3].to_string(), "10.0.0.192/26");
/// assert!(split(&parse_prefix("10.0.0.0/8").unwrap(), 32).unwrap_err().contains("65536"));
/// ```
pub fn split(net: &IpNet, new_len: u8) -> Result<Vec<IpNet>, CidrError> {
    split_into(net, new_len).map_err(CidrError::Space)
}

fn split_into(net: &IpNet, new_len: u8) -> Result<Vec<IpNet>, String> {
    let max = net.max_prefix_len();
    if new_len > max {
        return Err(format!(
            "/{new_len} is too long: {} prefixes have lengths 0 to {max}",
            if max == 32 { "IPv4" } else { "IPv6" }
        ));
    }
    if new_len < net.prefix_len() {
        return Err(format!(
            "cannot split {net} into /{new_len}: a /{new_len} is bigger than the /{} it would come from",
            net.prefix_len()
        ));
    }
    let diff = (new_len - net.prefix_len()) as u32;
    if diff > 16 {
        return Err(format!(
            "splitting {net} into /{new_len} gives 2^{diff} prefixes; the limit is {MAX_RESULTS} (at most 16 bits more)"
        ));
    }
    let subnets = net
        .subnets(new_len)
        .map_err(|_| format!("cannot split {net} into /{new_len}"))?;
    Ok(subnets.collect())
}

/// Join a list into the minimal set of prefixes covering exactly the same addresses,
/// sorted with IPv4 first.
///
/// ```
/// use cloudhop_core::cidr::{ops::summarize, prefix::parse_prefix_list};
/// let v = summarize(&parse_prefix_list("10.0.0.0/25 10.0.0.128/25 10.0.0.64/26").unwrap());
/// assert_eq!(v.len(), 1);
/// assert_eq!(v[0].to_string(), "10.0.0.0/24");
/// ```
pub fn summarize(nets: &[IpNet]) -> Vec<IpNet> {
    // Sort by (family, start, bigger first); drop prefixes inside the previous kept one
    // (prefixes never partly overlap), then merge sibling pairs bottom-up with a stack.
    let mut v: Vec<IpNet> = nets.iter().map(|n| n.trunc()).collect();
    crate::order::sort_by_key(&mut v, |n| {
        let s = Span::of(n);
        (s.family, s.lo, n.prefix_len())
    });
    let mut stack: Vec<IpNet> = Vec::with_capacity(v.len());
    for n in v {
        if let Some(top) = stack.last() {
            if Span::of(top).contains(&Span::of(&n)) {
                continue;
            }
        }
        let mut cur = n;
        while let Some(top) = stack.last() {
            if top.is_sibling(&cur) {
                match cur.supernet() {
                    Some(sup) => {
                        stack.pop();
                        cur = sup;
                    }
                    None => break,
                }
            } else {
                break;
            }
        }
        stack.push(cur);
    }
    stack
}

/// `supernet` minus the union of `remove`, as the minimal sorted list of prefixes.
///
/// ```
/// use cloudhop_core::cidr::{ops::exclude, prefix::parse_prefix};
/// let all = parse_prefix("::/0").unwrap();
/// let v = exclude(&all, &[parse_prefix("::/1").unwrap()]);
/// assert_eq!(v[0].to_string(), "8000::/1");
/// ```
pub fn exclude(supernet: &IpNet, remove: &[IpNet]) -> Vec<IpNet> {
    let sup = supernet.trunc();
    let ss = Span::of(&sup);
    let mut cuts: Vec<IpNet> = remove
        .iter()
        .filter(|n| Span::of(n).intersects(&ss))
        .copied()
        .collect();
    cuts = summarize(&cuts);
    let mut out = Vec::new();
    carve(sup, &cuts, &mut out);
    out
}

/// Recursive halving: keep `net` if no cut touches it, drop it if a cut covers it,
/// otherwise recurse into both halves. `cuts` are sorted and disjoint.
fn carve(net: IpNet, cuts: &[IpNet], out: &mut Vec<IpNet>) {
    let s = Span::of(&net);
    // The cuts that touch `net` form a contiguous run of the sorted list.
    let start = cuts.partition_point(|c| {
        let cs = Span::of(c);
        (cs.family, cs.hi) < (s.family, s.lo)
    });
    let end = cuts.partition_point(|c| {
        let cs = Span::of(c);
        (cs.family, cs.lo) <= (s.family, s.hi)
    });
    let touching = cuts.get(start..end).unwrap_or(&[]);
    if touching.is_empty() {
        out.push(net);
        return;
    }
    if touching.iter().any(|c| Span::of(c).contains(&s)) {
        return;
    }
    match net.subnets(net.prefix_len() + 1) {
        Ok(halves) => {
            for h in halves {
                carve(h, touching, out);
            }
        }
        Err(_) => out.push(net),
    }
}

/// The free `/size` blocks of `supernet` that overlap none of `used`, in address order.
/// Refuses (with a message) when there would be more than `limit` of them.
///
/// ```
/// use cloudhop_core::cidr::{ops::free_blocks, prefix::{parse_prefix, parse_prefix_list}};
/// let sup = parse_prefix("10.0.0.0/16").unwrap();
/// let used = parse_prefix_list("10.0.0.0/18 10.0.128.0/24").unwrap();
/// let v = free_blocks(&sup, 18, &used, 100).unwrap();
/// let s: Vec<String> = v.iter().map(|n| n.to_string()).collect();
/// assert_eq!(s, ["10.0.64.0/18", "10.0.192.0/18"]);
/// ```
pub fn free_blocks(
    supernet: &IpNet,
    size: u8,
    used: &[IpNet],
    limit: usize,
) -> Result<Vec<IpNet>, CidrError> {
    free_in(supernet, size, used, limit).map_err(CidrError::Space)
}

fn free_in(supernet: &IpNet, size: u8, used: &[IpNet], limit: usize) -> Result<Vec<IpNet>, String> {
    let sup = supernet.trunc();
    let max = sup.max_prefix_len();
    if size > max {
        return Err(format!(
            "/{size} is too long for {sup}: the longest is /{max}"
        ));
    }
    if size < sup.prefix_len() {
        return Err(format!(
            "a /{size} block cannot fit in {sup}, which is only a /{}",
            sup.prefix_len()
        ));
    }
    let ss = Span::of(&sup);
    let occupied = occupied_ranges(&ss, used);
    let step_m1 = size_minus_one((max - size) as u32);
    let mut out = Vec::new();
    // Walk the gaps between occupied ranges and emit aligned blocks in each.
    let mut cursor = Some(ss.lo);
    let mut gaps: Vec<(u128, u128)> = Vec::new();
    for &(lo, hi) in &occupied {
        if let Some(c) = cursor {
            if lo > c {
                gaps.push((c, lo - 1));
            }
        }
        cursor = if hi >= ss.hi { None } else { Some(hi + 1) };
    }
    if let Some(c) = cursor {
        gaps.push((c, ss.hi));
    }
    for (lo, hi) in gaps {
        let mut start = align_up(lo, step_m1);
        while let Some(s) = start {
            let Some(end) = s.checked_add(step_m1) else {
                break;
            };
            if end > hi {
                break;
            }
            if out.len() >= limit {
                return Err(format!(
                    "more than {limit} free /{size} blocks in {sup}: ask for a bigger size"
                ));
            }
            out.push(net_at(ss.family, s, size));
            start = end.checked_add(1);
        }
    }
    Ok(out)
}

/// The merged ranges of `used` that touch `space`, sorted. IPv4 ranges are packed into one
/// `u64` each (start in the high half) so the sort compares machine words.
fn occupied_ranges(space: &Span, used: &[IpNet]) -> Vec<(u128, u128)> {
    let mut ranges: Vec<(u128, u128)> = Vec::new();
    let mut push = |lo: u128, hi: u128| match ranges.last_mut() {
        Some(last) if lo <= last.1 || lo - last.1 == 1 => last.1 = last.1.max(hi),
        _ => ranges.push((lo, hi)),
    };
    if space.family == Family::V4 {
        let mut packed: Vec<u64> = used
            .iter()
            .map(Span::of)
            .filter(|s| s.intersects(space))
            .map(|s| ((s.lo as u64) << 32) | (s.hi as u64 & 0xffff_ffff))
            .collect();
        crate::order::sort(&mut packed);
        for p in packed {
            push((p >> 32) as u128, (p & 0xffff_ffff) as u128);
        }
    } else {
        let mut v: Vec<(u128, u128)> = used
            .iter()
            .map(Span::of)
            .filter(|s| s.intersects(space))
            .map(|s| (s.lo, s.hi))
            .collect();
        crate::order::sort(&mut v);
        for (lo, hi) in v {
            push(lo, hi);
        }
    }
    ranges
}

/// The first multiple of `step_m1 + 1` at or after `v` (None if it overflows).
fn align_up(v: u128, step_m1: u128) -> Option<u128> {
    if v & step_m1 == 0 {
        Some(v)
    } else {
        (v | step_m1).checked_add(1)
    }
}

/// Every pair of indexes `(i, j)`, `i < j`, whose prefixes share addresses. Prefixes are
/// either disjoint or nested, so one sorted sweep with a stack of enclosing prefixes finds
/// them in `O(n log n + pairs)`.
///
/// ```
/// use cloudhop_core::cidr::{ops::overlapping_pairs, prefix::parse_prefix_list};
/// let v = parse_prefix_list("10.0.0.0/16 192.168.0.0/16 10.0.5.0/24").unwrap();
/// assert_eq!(overlapping_pairs(&v), vec![(0, 2)]);
/// ```
pub fn overlapping_pairs(nets: &[IpNet]) -> Vec<(usize, usize)> {
    // Sort key: family, start, then bigger block first (`!hi` reverses the end), so an
    // enclosing block is on the stack before the blocks inside it.
    let mut order: Vec<(Family, u128, u128, usize)> = nets
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let s = Span::of(n);
            (s.family, s.lo, !s.hi, i)
        })
        .collect();
    crate::order::sort(&mut order);
    let mut stack: Vec<(Family, u128, usize)> = Vec::new();
    let mut out = Vec::new();
    for (family, lo, not_hi, i) in order {
        while let Some((f, hi, _)) = stack.last() {
            if *f != family || *hi < lo {
                stack.pop();
            } else {
                break;
            }
        }
        for (_, _, j) in &stack {
            out.push(if *j < i { (*j, i) } else { (i, *j) });
        }
        stack.push((family, !not_hi, i));
    }
    crate::order::sort(&mut out);
    out
}

/// One subnet asked for by [`allocate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Name of the subnet.
    pub name: String,
    /// Hosts it must hold (after the provider's reserved addresses).
    pub hosts: u128,
}

/// A subnet given out by [`allocate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    /// Name from the request.
    pub name: String,
    /// Hosts asked for.
    pub hosts: u128,
    /// The block given.
    pub prefix: IpNet,
    /// Usable addresses in it for the provider.
    pub usable: String,
}

/// Allocate variable-size subnets of `supernet` for the requested host counts, largest
/// first, sized for the provider's reserved addresses and limits, avoiding `taken`.
/// Results come back in request order.
///
/// ```
/// use cloudhop_core::cidr::{ops::{allocate, Request}, prefix::parse_prefix, provider::Provider};
/// let sup = parse_prefix("10.0.0.0/22").unwrap();
/// let reqs = vec![
///     Request { name: "web".into(), hosts: 100 },
///     Request { name: "db".into(), hosts: 300 },
/// ];
/// let a = allocate(&sup, &reqs, Provider::Aws, &[]).unwrap();
/// assert_eq!(a[0].prefix.to_string(), "10.0.2.0/25");
/// assert_eq!(a[1].prefix.to_string(), "10.0.0.0/23");
/// ```
pub fn allocate(
    supernet: &IpNet,
    requests: &[Request],
    provider: Provider,
    taken: &[IpNet],
) -> Result<Vec<Allocation>, CidrError> {
    let sup = supernet.trunc();
    let v6 = matches!(sup, IpNet::V6(_));
    let mut sized: Vec<(usize, u8)> = Vec::with_capacity(requests.len());
    for (i, r) in requests.iter().enumerate() {
        let len = provider::prefix_len_for_hosts(provider, Kind::Subnet, v6, r.hosts)
            .map_err(|e| e.context(format_args!("`{}`", r.name)))?;
        sized.push((i, len));
    }
    crate::order::sort_by_key(&mut sized, |(i, len)| (*len, *i));
    let mut free = exclude(&sup, taken);
    let mut result: Vec<Option<Allocation>> = vec![None; requests.len()];
    for (i, len) in sized {
        let Some(req) = requests.get(i) else { continue };
        let pos = free
            .iter()
            .position(|f| f.prefix_len() <= len)
            .ok_or_else(|| {
                CidrError::Space(format!(
                    "no room for `{}` (a /{len}) in {sup}: the space is full",
                    req.name
                ))
            })?;
        let block = free.remove(pos);
        let s = Span::of(&block);
        let got = net_at(s.family, s.lo, len);
        // Put back what is left of the free block, in order.
        let rest = exclude(&block, &[got]);
        for (k, r) in rest.into_iter().enumerate() {
            free.insert(pos + k, r);
        }
        crate::order::sort_by_key(&mut free, |n| Span::of(n).lo);
        let usable = provider::usable(provider, Kind::Subnet, &got)?;
        if let Some(slot) = result.get_mut(i) {
            *slot = Some(Allocation {
                name: req.name.clone(),
                hosts: req.hosts,
                prefix: got,
                usable,
            });
        }
    }
    Ok(result.into_iter().flatten().collect())
}

/// The family a prefix belongs to as 4 or 6.
pub fn version(net: &IpNet) -> u8 {
    match Family::of(net) {
        Family::V4 => 4,
        Family::V6 => 6,
    }
}

/// Whether two prefixes share at least one address.
///
/// ```
/// use cloudhop_core::cidr::{ops::overlaps, prefix::parse_prefix};
/// let a = parse_prefix("10.0.0.0/8").unwrap();
/// assert!(overlaps(&a, &parse_prefix("10.9.0.0/16").unwrap()));
/// assert!(!overlaps(&a, &parse_prefix("fd00::/8").unwrap()));
/// ```
pub fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    Span::of(a).intersects(&Span::of(b))
}

/// The shared part of two prefixes (the smaller one, since prefixes nest), if any.
pub fn intersection(a: &IpNet, b: &IpNet) -> Option<IpNet> {
    let (sa, sb) = (Span::of(a), Span::of(b));
    if !sa.intersects(&sb) {
        None
    } else if a.prefix_len() >= b.prefix_len() {
        Some(a.trunc())
    } else {
        Some(b.trunc())
    }
}

/// The minimal prefixes covering `[first, last]` (inclusive); both must be the same family.
///
/// ```
/// use cloudhop_core::cidr::{ops::range_to_cidrs, prefix::parse_addr};
/// let v = range_to_cidrs(parse_addr("10.0.0.1").unwrap(), parse_addr("10.0.0.6").unwrap()).unwrap();
/// assert_eq!(v.len(), 4);
/// ```
pub fn range_to_cidrs(
    first: std::net::IpAddr,
    last: std::net::IpAddr,
) -> Result<Vec<IpNet>, CidrError> {
    use std::net::IpAddr;
    let (family, lo, hi) = match (first, last) {
        (IpAddr::V4(a), IpAddr::V4(b)) => (Family::V4, u32::from(a) as u128, u32::from(b) as u128),
        (IpAddr::V6(a), IpAddr::V6(b)) => (Family::V6, u128::from(a), u128::from(b)),
        _ => {
            return Err(CidrError::Parse(
                "the first and last address must both be IPv4 or both IPv6".into(),
            ))
        }
    };
    if lo > hi {
        return Err(CidrError::Parse(format!("{first} comes after {last}")));
    }
    let mut out = Vec::new();
    range_to_prefixes(family, lo, hi, &mut out);
    Ok(out)
}

/// The smallest prefix that contains every prefix of the list's first family (IPv4 if the
/// list has any), or `None` for an empty list.
///
/// ```
/// use cloudhop_core::cidr::{ops::common_supernet, prefix::parse_prefix_list};
/// let v = parse_prefix_list("10.0.0.0/16 10.3.0.0/16 fd00::/8").unwrap();
/// assert_eq!(common_supernet(&v).unwrap().to_string(), "10.0.0.0/14");
/// ```
pub fn common_supernet(nets: &[IpNet]) -> Option<IpNet> {
    let family = nets.iter().map(Family::of).min()?;
    let spans: Vec<Span> = nets
        .iter()
        .filter(|n| Family::of(n) == family)
        .map(Span::of)
        .collect();
    let lo = spans.iter().map(|s| s.lo).min()?;
    let hi = spans.iter().map(|s| s.hi).max()?;
    let bits = family.bits() as u32;
    // Common leading bits of lo and hi, within the family's width.
    let diff = lo ^ hi;
    let host = if diff == 0 {
        0
    } else {
        128 - diff.leading_zeros()
    };
    let len = bits.saturating_sub(host) as u8;
    Some(net_at(family, lo, len))
}
