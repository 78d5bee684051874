//! The order in which one learner sees the options of a choice item.
//!
//! The order is a pure function of the learner's seed (a number kept in their progress
//! record, see [`crate::progress::Progress::seed`]) and the item id: the same learner sees
//! the same order after a reload and on another device that imported their record, and two
//! learners with different seeds see different orders. Core draws no randomness of its own:
//! the item id is hashed with FNV-1a (64 bits), mixed with the seed, and drives a SplitMix64
//! generator through a Fisher-Yates shuffle of the options that are not pinned. Pinned
//! options (an author's `@pin`, for "none of the above") keep their authored position.
//!
//! The result lists authored indices in shown order, so everything recorded (answers,
//! feedback) stays keyed by the authored option, never by where it was shown.
//!
//! ```
//! use cloudhop_core::quiz::shuffle::option_order;
//! let order = option_order(7, "largest-block", &[false, false, false, true]);
//! assert_eq!(order.len(), 4);
//! assert_eq!(order[3], 3, "the pinned option stays last");
//! assert_eq!(order, option_order(7, "largest-block", &[false, false, false, true]));
//! ```

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// FNV-1a, 64 bits: a small, well-known, platform-independent hash of `bytes`.
///
/// ```
/// use cloudhop_core::quiz::shuffle::fnv1a;
/// assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
/// assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
/// ```
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

/// SplitMix64: one step of the generator, returning the next output.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(GOLDEN);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A number in `0..bound` from one generator output (multiply-shift; the bias is below
/// `bound / 2^64`, far below anything a learner could notice).
fn below(state: &mut u64, bound: usize) -> usize {
    ((u128::from(splitmix(state)) * bound as u128) >> 64) as usize
}

/// The authored indices of an item's options in the order this learner sees them.
/// `pinned[i]` keeps option `i` at position `i`; the other options are shuffled among the
/// remaining positions, every arrangement equally likely over seeds.
///
/// ```
/// use cloudhop_core::quiz::shuffle::option_order;
/// let mut seen = std::collections::BTreeSet::new();
/// for seed in 0..200 {
///     seen.insert(option_order(seed, "q", &[false; 3]));
/// }
/// assert_eq!(seen.len(), 6, "all 3! orders occur");
/// assert_eq!(option_order(1, "q", &[true, true]), vec![0, 1]);
/// ```
pub fn option_order(seed: u32, item_id: &str, pinned: &[bool]) -> Vec<usize> {
    let mut state = fnv1a(item_id.as_bytes()) ^ u64::from(seed).wrapping_mul(GOLDEN);
    // Warm up once so that nearby seeds start far apart.
    splitmix(&mut state);
    let mut free: Vec<usize> = (0..pinned.len()).filter(|&i| !pinned[i]).collect();
    for i in (1..free.len()).rev() {
        let j = below(&mut state, i + 1);
        free.swap(i, j);
    }
    let mut moving = free.into_iter();
    (0..pinned.len())
        .map(|i| {
            if pinned[i] {
                i
            } else {
                moving.next().unwrap_or(i)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    fn is_permutation(order: &[usize]) -> bool {
        let mut sorted = order.to_vec();
        sorted.sort_unstable();
        sorted == (0..order.len()).collect::<Vec<_>>()
    }

    #[test]
    fn the_same_seed_and_item_give_the_same_order() {
        for seed in [0, 1, 42, u32::MAX] {
            let a = option_order(seed, "multi-vs-hybrid", &[false; 5]);
            assert!(is_permutation(&a), "{a:?}");
            assert_eq!(a, option_order(seed, "multi-vs-hybrid", &[false; 5]));
        }
    }

    #[test]
    fn fixed_values_do_not_drift_between_releases() {
        // A learner's order must survive an upgrade: these are pinned on purpose.
        assert_eq!(fnv1a(b"cloudhop"), 0xfe2f_fdc1_3733_3f85);
        assert_eq!(option_order(12345, "reasons", &[false; 4]), [1, 2, 3, 0]);
        assert_eq!(option_order(1, "multi-vs-hybrid", &[false; 3]), [0, 2, 1]);
        assert_eq!(
            option_order(4_000_000_000, "x", &[false, true, false, false, false]),
            [0, 1, 3, 2, 4]
        );
    }

    #[test]
    fn orders_differ_between_learners_and_between_items() {
        let orders: BTreeSet<_> = (0..100u32)
            .map(|s| option_order(s, "largest-block", &[false; 4]))
            .collect();
        assert!(orders.len() >= 20, "only {} distinct orders", orders.len());
        let per_item: BTreeSet<_> = ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .map(|id| option_order(9, id, &[false; 4]))
            .collect();
        assert!(per_item.len() >= 4, "one learner sees varied orders");
    }

    #[test]
    fn every_permutation_is_reachable_for_small_n() {
        for (n, total) in [(2, 2), (3, 6), (4, 24), (5, 120)] {
            let seen: BTreeSet<_> = (0..5000u32)
                .map(|s| option_order(s, "q", &vec![false; n]))
                .collect();
            assert_eq!(seen.len(), total, "n = {n}");
        }
    }

    #[test]
    fn no_option_is_biased_to_a_position() {
        // 4000 learners, 4 options: each authored option should land in each position
        // about 1000 times (standard deviation about 27); allow 150.
        for id in ["multi-vs-hybrid", "largest-block"] {
            let mut count: BTreeMap<(usize, usize), u32> = BTreeMap::new();
            for seed in 0..4000u32 {
                for (pos, &opt) in option_order(seed, id, &[false; 4]).iter().enumerate() {
                    *count.entry((opt, pos)).or_default() += 1;
                }
            }
            for opt in 0..4 {
                for pos in 0..4 {
                    let c = count.get(&(opt, pos)).copied().unwrap_or(0);
                    assert!(
                        (850..=1150).contains(&c),
                        "{id}: option {opt} at {pos}: {c}"
                    );
                }
            }
        }
    }

    #[test]
    fn pinned_options_stay_and_the_others_move() {
        let pinned = [false, false, false, true];
        let mut seen = BTreeSet::new();
        for seed in 0..300u32 {
            let o = option_order(seed, "none-above", &pinned);
            assert!(is_permutation(&o));
            assert_eq!(o[3], 3);
            seen.insert(o);
        }
        assert_eq!(seen.len(), 6, "the three free options take all 3! orders");
        let middle = [false, true, false];
        for seed in 0..50u32 {
            assert_eq!(option_order(seed, "m", &middle)[1], 1);
        }
        assert_eq!(option_order(3, "x", &[]), Vec::<usize>::new());
        assert_eq!(option_order(3, "x", &[true, true, true]), vec![0, 1, 2]);
    }
}
