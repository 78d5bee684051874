//! Stable sorting: the standard library's natively, one small copy in WebAssembly.
//!
//! The standard library's sorts are fast, and each call site with its own element type or
//! comparison gets its own copy of them (about 4 KB of WebAssembly each). With more than
//! forty call sites that was a sixth of the app's code. In WebAssembly the sort here is
//! [`compact_sort_by`]: a merge sort on positions through a `dyn` comparison, so it exists
//! once and a call site adds only a small closure and the loop that moves its elements into
//! place. It is three to four times slower than the standard library's on 100,000
//! prefixes, which the native CLI and benchmarks would feel and a page does not (the labs
//! sort at most a few thousand items), so native builds use `slice::sort_by`. Both are
//! stable (equal elements keep their order), so every build gives the same order.
//!
//! ```
//! use cloudhop_core::order::{sort, sort_by_key};
//! let mut v = vec![3, 1, 2];
//! sort(&mut v);
//! assert_eq!(v, [1, 2, 3]);
//! let mut words = vec!["pear", "fig", "apple", "kiwi"];
//! sort_by_key(&mut words, |w| w.len());
//! assert_eq!(words, ["fig", "pear", "kiwi", "apple"]); // stable: pear before kiwi
//! ```

use std::cmp::Ordering;

/// Sort `v` in ascending order, stably.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sort `v` by a key, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` with a comparison, stably.
///
/// ```
/// use cloudhop_core::order::sort_by;
/// let mut v = vec![(1, 'b'), (0, 'z'), (1, 'a')];
/// sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(0, 'z'), (1, 'b'), (1, 'a')]);
/// ```
pub fn sort_by<T>(v: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    compact_sort_by(v, cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(cmp);
}

/// The sort WebAssembly builds use (see the module docs): stable, O(n log n) comparisons,
/// one copy of the sorting code for every element type, no `unsafe`.
///
/// ```
/// use cloudhop_core::order::compact_sort_by;
/// let mut v = vec![(1, 'b'), (0, 'z'), (1, 'a')];
/// compact_sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(0, 'z'), (1, 'b'), (1, 'a')]);
/// ```
pub fn compact_sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let v: &[T] = v;
        sorted_positions(v.len(), &mut |a, b| cmp(&v[a], &v[b]))
    };
    permute(v, order);
}

/// Sort and remove consecutive duplicates, as `sort` followed by `Vec::dedup`.
///
/// ```
/// let mut v = vec![2, 1, 2, 3, 1];
/// cloudhop_core::order::sort_dedup(&mut v);
/// assert_eq!(v, [1, 2, 3]);
/// ```
pub fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    sort(v);
    v.dedup();
}

/// The positions `0..n` in the order `cmp` sorts them, stably: a bottom-up merge sort with
/// insertion-sorted runs. Not generic, so it is compiled once.
fn sorted_positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    const RUN: usize = 12;
    let mut a: Vec<usize> = (0..n).collect();
    // Insertion sort each run: short runs are fastest this way.
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && cmp(a[j - 1], a[j]) == Ordering::Greater {
                a.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    let mut b = vec![0; n];
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            // Already in order across the seam: copy the pair of runs as it is.
            if mid == hi || cmp(a[mid - 1], a[mid]) != Ordering::Greater {
                b[lo..hi].copy_from_slice(&a[lo..hi]);
            } else {
                let (mut i, mut j, mut k) = (lo, mid, lo);
                while i < mid && j < hi {
                    // Ties take the left run first: that is what keeps the sort stable.
                    if cmp(a[j], a[i]) == Ordering::Less {
                        b[k] = a[j];
                        j += 1;
                    } else {
                        b[k] = a[i];
                        i += 1;
                    }
                    k += 1;
                }
                b[k..k + (mid - i)].copy_from_slice(&a[i..mid]);
                k += mid - i;
                b[k..k + (hi - j)].copy_from_slice(&a[j..hi]);
            }
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Move the elements so that position `i` holds what was at `order[i]`, following each
/// cycle of the permutation with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for i in 0..v.len() {
        // Follow the cycle through `i`; each element moves once, marked done by
        // `order[k] == k`.
        let mut k = i;
        while order[k] != i {
            let next = order[k];
            v.swap(k, next);
            order[k] = k;
            k = next;
        }
        order[k] = k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_library(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut mine = v.clone();
            compact_sort_by(&mut mine, |a, b| a.0.cmp(&b.0));
            let mut std = v;
            std.sort_by_key(|a| a.0); // stable too: equal keys keep their order
            prop_assert_eq!(mine, std);
        }

        #[test]
        fn sorts_whole_values(mut v in proptest::collection::vec(any::<i32>(), 0..100)) {
            let mut std = v.clone();
            std.sort();
            let mut mine = v.clone();
            compact_sort_by(&mut mine, i32::cmp);
            sort(&mut v);
            prop_assert_eq!(&v, &std);
            prop_assert_eq!(mine, std);
        }
    }

    #[test]
    fn elements_without_clone_move_into_place() {
        struct NoClone(u32, &'static str);
        let mut v: Vec<NoClone> = [(3, "c"), (1, "a"), (2, "b"), (1, "a2")]
            .into_iter()
            .map(|(k, s)| NoClone(k, s))
            .collect();
        compact_sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        let names: Vec<&str> = v.iter().map(|x| x.1).collect();
        assert_eq!(names, ["a", "a2", "b", "c"]);
    }
}
