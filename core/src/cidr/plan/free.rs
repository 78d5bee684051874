//! First-fit search for free blocks, shared by the plan's suggestions and the exercises'
//! example solutions.

use crate::cidr::span::{merge, net_at, size_minus_one, Family, Span};
use ipnet::IpNet;
use std::collections::{BTreeMap, HashMap};

/// First-fit search for free aligned blocks among occupied ranges, remembering what it
/// hands out so two suggestions never collide.
pub(crate) struct FreeFinder {
    occupied: BTreeMap<(Family, u128), u128>,
    /// Where the last search for a block size in a space stopped. Free space only
    /// shrinks, so the next search for the same size starts there: each space is walked
    /// once per size, not once per request.
    cursors: HashMap<(Family, u128, u8, u8), u128>,
}

impl FreeFinder {
    /// Start with these prefixes taken.
    pub(crate) fn new(taken: &[IpNet]) -> FreeFinder {
        let occupied = merge(taken.iter().map(Span::of).collect())
            .into_iter()
            .map(|s| ((s.family, s.lo), s.hi))
            .collect();
        FreeFinder {
            occupied,
            cursors: HashMap::new(),
        }
    }

    /// Mark a prefix taken.
    pub(crate) fn mark(&mut self, net: &IpNet) {
        let s = Span::of(net);
        // Ranges stay disjoint: a block inside an occupied range adds nothing.
        let covered = self
            .occupied
            .range(..=(s.family, s.lo))
            .next_back()
            .is_some_and(|((f, _), hi)| *f == s.family && *hi >= s.hi);
        if !covered {
            self.occupied.insert((s.family, s.lo), s.hi);
        }
    }

    /// The first free `/len` block in `space`, marked taken; None if full.
    pub(crate) fn take(&mut self, space: &IpNet, len: u8) -> Option<IpNet> {
        let ss = Span::of(space);
        if len < space.prefix_len() || len > space.max_prefix_len() {
            return None;
        }
        let step_m1 = size_minus_one((space.max_prefix_len() - len) as u32);
        let key = (ss.family, ss.lo, space.prefix_len(), len);
        let mut cand = self.cursors.get(&key).copied().unwrap_or(ss.lo);
        loop {
            self.cursors.insert(key, cand);
            let end = cand.checked_add(step_m1)?;
            if end > ss.hi {
                return None;
            }
            // The last occupied range starting at or before `end`.
            let hit = self
                .occupied
                .range(..=(ss.family, end))
                .next_back()
                .filter(|((f, _), hi)| *f == ss.family && **hi >= cand)
                .map(|(_, hi)| *hi);
            match hit {
                None => {
                    let net = net_at(ss.family, cand, len);
                    self.mark(&net);
                    return Some(net);
                }
                Some(hi) => {
                    // Jump past it, aligned.
                    let next = hi.checked_add(1)?;
                    cand = if next & step_m1 == 0 {
                        next
                    } else {
                        (next | step_m1).checked_add(1)?
                    };
                }
            }
        }
    }
}
