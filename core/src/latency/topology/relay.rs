//! The relay search: which pairs fall back to a relay (a stable hash against the NAT
//! share) and, for those, the relay with the lowest leg + leg RTT, searched row by row.

/// For site `i`: for every later site (`best.len()` of them, starting at `i + 1`), the
/// smallest `leg(i, r) + leg(r, j)` over relays `r` and the relay that gives it (the lowest
/// `r` on a tie). `legs` holds one row of `n` leg RTTs per relay.
///
/// The loop runs relay by relay down contiguous rows, which the compiler turns into
/// branch-free vector code: for 1,000 sites and 25 relays this is several times faster
/// than a search per pair (a sorted early-exit search per pair was slower still: its
/// branches mispredict).
pub(super) fn relay_row(legs: &[f64], n: usize, i: usize, best: &mut [f64], arg: &mut [f64]) {
    best.fill(f64::INFINITY);
    arg.fill(-1.0);
    // `arg` holds relay indices as f64 so that both selects are the same width: the
    // compiler then emits one compare and two blends per pair of lanes, with no branch.
    for (r, row) in legs.chunks_exact(n).enumerate() {
        let (a, rf) = (row[i], r as f64);
        let len = best.len();
        let (row, arg) = (&row[i + 1..i + 1 + len], &mut arg[..len]);
        for k in 0..len {
            let v = a + row[k];
            let old = best[k];
            // An all-ones mask where this relay is better: two selects as bit operations,
            // which SSE2 has (it has no blend instruction, and a plain `if` on the second
            // select was compiled to a branch per lane).
            let mask = ((v < old) as u64).wrapping_neg();
            best[k] = f64::from_bits((v.to_bits() & mask) | (old.to_bits() & !mask));
            arg[k] = f64::from_bits((rf.to_bits() & mask) | (arg[k].to_bits() & !mask));
        }
    }
}

/// The smallest `a[r] + b[r]` and its index, the lowest index on a tie (the per-pair
/// reference for [`relay_row`]).
#[cfg(test)]
pub(super) fn min_sum(a: &[f64], b: &[f64]) -> Option<(f64, usize)> {
    let mut best = (f64::INFINITY, usize::MAX);
    for (r, (x, y)) in a.iter().zip(b).enumerate() {
        if x + y < best.0 {
            best = (x + y, r);
        }
    }
    (best.1 != usize::MAX).then_some(best)
}

pub(super) fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Whether a pair is among the `share` of pairs whose direct path fails: a stable hash of
/// the two ids (order-independent) compared with the share.
pub(super) fn needs_relay(a: u64, b: u64, share: f64) -> bool {
    if share <= 0.0 {
        return false;
    }
    if share >= 1.0 {
        return true;
    }
    let mut x = a ^ b;
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    ((x >> 11) as f64 / (1u64 << 53) as f64) < share
}
