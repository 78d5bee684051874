//! A failover as a timeline: phases with start and end times, in seconds after the failure.
//!
//! Every model in [`crate::failover`] returns a [`Timeline`]. Its invariants hold for every
//! value that exists: phases start at zero, follow one another without gaps or overlaps, and
//! none has a negative, inverted or non-finite span. [`Timeline::sequence`] is the only way
//! to build one and refuses anything else with a message.
//!
//! ```
//! use cloudhop_core::failover::timeline::{PhaseKind, Timeline};
//! let t = Timeline::sequence(&[
//!     (PhaseKind::Detect, "health checks fail", 75.0),
//!     (PhaseKind::Propagate, "caches expire", 30.0),
//! ])
//! .unwrap();
//! assert_eq!(t.total_s(), 105.0);
//! assert_eq!(t.phases()[1].start_s, 75.0);
//! assert!(Timeline::sequence(&[(PhaseKind::Detect, "x", -1.0)]).is_err());
//! ```

use super::error::FailoverError;
use serde::{Deserialize, Serialize};

/// What a phase of a failover is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhaseKind {
    /// Noticing that something failed (health checks, dead-peer detection, hold timers).
    Detect,
    /// Deciding and acting: a record flips, a route is withdrawn, a replica is promoted.
    Decide,
    /// The change spreading: caches expiring, routes propagating, tunnels negotiating.
    Propagate,
    /// Getting back to normal: sessions retrying, caches warming, data catching up.
    Recover,
}

impl PhaseKind {
    /// The four kinds in timeline order (a legend lists them so).
    ///
    /// ```
    /// use cloudhop_core::failover::timeline::PhaseKind;
    /// assert_eq!(PhaseKind::ALL[0], PhaseKind::Detect);
    /// assert_eq!(PhaseKind::ALL.len(), 4);
    /// ```
    pub const ALL: [PhaseKind; 4] = [
        PhaseKind::Detect,
        PhaseKind::Decide,
        PhaseKind::Propagate,
        PhaseKind::Recover,
    ];

    /// The lowercase name (`detect`, `decide`, `propagate`, `recover`).
    ///
    /// ```
    /// use cloudhop_core::failover::timeline::PhaseKind;
    /// assert_eq!(PhaseKind::Propagate.name(), "propagate");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            PhaseKind::Detect => "detect",
            PhaseKind::Decide => "decide",
            PhaseKind::Propagate => "propagate",
            PhaseKind::Recover => "recover",
        }
    }
}

/// One phase: what happens, from when to when (seconds after the failure).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    /// Which of the four phases.
    pub kind: PhaseKind,
    /// What happens during it, for a person.
    pub label: String,
    /// Start, seconds after the failure.
    pub start_s: f64,
    /// End, seconds after the failure; never before `start_s`.
    pub end_s: f64,
}

impl Phase {
    /// How long the phase lasts.
    ///
    /// ```
    /// use cloudhop_core::failover::timeline::{PhaseKind, Timeline};
    /// let t = Timeline::sequence(&[(PhaseKind::Decide, "flip", 4.0)]).unwrap();
    /// assert_eq!(t.phases()[0].duration_s(), 4.0);
    /// ```
    pub fn duration_s(&self) -> f64 {
        self.end_s - self.start_s
    }
}

/// Phases back to back from the failure (time 0) to full recovery.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    phases: Vec<Phase>,
}

impl Timeline {
    /// Build a timeline from phases and their durations, laid end to end from time 0.
    /// Refuses negative or non-finite durations and an empty list.
    ///
    /// ```
    /// use cloudhop_core::failover::timeline::{PhaseKind, Timeline};
    /// assert!(Timeline::sequence(&[]).is_err());
    /// assert!(Timeline::sequence(&[(PhaseKind::Detect, "x", f64::NAN)]).is_err());
    /// ```
    pub fn sequence(parts: &[(PhaseKind, &str, f64)]) -> Result<Timeline, FailoverError> {
        if parts.is_empty() {
            return Err(FailoverError::NoPhases);
        }
        let mut phases = Vec::with_capacity(parts.len());
        let mut t = 0.0_f64;
        for (kind, label, duration) in parts {
            if !duration.is_finite() || *duration < 0.0 {
                return Err(FailoverError::BadDuration {
                    phase: (*label).to_string(),
                    duration_s: *duration,
                });
            }
            let end = t + duration;
            if !end.is_finite() {
                return Err(FailoverError::EndsTooLate {
                    phase: (*label).to_string(),
                });
            }
            phases.push(Phase {
                kind: *kind,
                label: (*label).to_string(),
                start_s: t,
                end_s: end,
            });
            t = end;
        }
        Ok(Timeline { phases })
    }

    /// The phases in order.
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    /// When the last phase ends: the whole failover.
    ///
    /// ```
    /// use cloudhop_core::failover::timeline::{PhaseKind, Timeline};
    /// let t = Timeline::sequence(&[(PhaseKind::Detect, "a", 1.5), (PhaseKind::Recover, "b", 2.0)]).unwrap();
    /// assert_eq!(t.total_s(), 3.5);
    /// ```
    pub fn total_s(&self) -> f64 {
        self.phases.last().map_or(0.0, |p| p.end_s)
    }

    /// Total time spent in phases of one kind.
    ///
    /// ```
    /// use cloudhop_core::failover::timeline::{PhaseKind, Timeline};
    /// let t = Timeline::sequence(&[(PhaseKind::Detect, "a", 1.0), (PhaseKind::Recover, "b", 2.0)]).unwrap();
    /// assert_eq!(t.time_in(PhaseKind::Recover), 2.0);
    /// assert_eq!(t.time_in(PhaseKind::Decide), 0.0);
    /// ```
    pub fn time_in(&self, kind: PhaseKind) -> f64 {
        self.phases
            .iter()
            .filter(|p| p.kind == kind)
            .map(Phase::duration_s)
            .sum()
    }

    /// Check the invariants (used by tests; always true for a built timeline).
    ///
    /// ```
    /// use cloudhop_core::failover::timeline::{PhaseKind, Timeline};
    /// assert!(Timeline::sequence(&[(PhaseKind::Detect, "a", 1.0)]).unwrap().is_well_formed());
    /// ```
    pub fn is_well_formed(&self) -> bool {
        let mut t = 0.0;
        !self.phases.is_empty()
            && self.phases.iter().all(|p| {
                let ok = p.start_s == t
                    && p.start_s.is_finite()
                    && p.end_s.is_finite()
                    && p.start_s >= 0.0
                    && p.end_s >= p.start_s;
                t = p.end_s;
                ok
            })
    }
}

/// A figure under three kinds of luck: the failure lands at the best, an average and the
/// worst moment relative to timers and caches.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Best case.
    pub best: f64,
    /// Typical (average) case.
    pub typical: f64,
    /// Worst case.
    pub worst: f64,
}

impl Spread {
    /// The same value in all three cases.
    ///
    /// ```
    /// use cloudhop_core::failover::timeline::Spread;
    /// assert_eq!(Spread::all(2.0).worst, 2.0);
    /// ```
    pub fn all(v: f64) -> Spread {
        Spread {
            best: v,
            typical: v,
            worst: v,
        }
    }

    /// Apply a function to each case.
    ///
    /// ```
    /// use cloudhop_core::failover::timeline::Spread;
    /// let s = Spread { best: 1.0, typical: 2.0, worst: 3.0 }.map(|v| v * 10.0);
    /// assert_eq!(s.typical, 20.0);
    /// ```
    pub fn map(self, f: impl Fn(f64) -> f64) -> Spread {
        Spread {
            best: f(self.best),
            typical: f(self.typical),
            worst: f(self.worst),
        }
    }

    /// Add two spreads case by case.
    ///
    /// ```
    /// use cloudhop_core::failover::timeline::Spread;
    /// let s = Spread::all(1.0).plus(Spread { best: 0.0, typical: 1.0, worst: 2.0 });
    /// assert_eq!((s.best, s.typical, s.worst), (1.0, 2.0, 3.0));
    /// ```
    pub fn plus(self, o: Spread) -> Spread {
        Spread {
            best: self.best + o.best,
            typical: self.typical + o.typical,
            worst: self.worst + o.worst,
        }
    }

    /// Case by case, best ≤ typical ≤ worst, all finite and not negative.
    ///
    /// ```
    /// use cloudhop_core::failover::timeline::Spread;
    /// assert!(Spread { best: 1.0, typical: 2.0, worst: 3.0 }.is_ordered());
    /// assert!(!Spread { best: 3.0, typical: 2.0, worst: 3.0 }.is_ordered());
    /// ```
    pub fn is_ordered(&self) -> bool {
        let eps = 1e-9 * self.worst.abs().max(1.0);
        self.best.is_finite()
            && self.worst.is_finite()
            && self.best >= 0.0
            && self.best <= self.typical + eps
            && self.typical <= self.worst + eps
    }
}

/// Checks on parameters shared by the models. Each returns an error naming the field.
pub(crate) mod check {
    use super::FailoverError;
    #[cfg(test)]
    pub use crate::failover::error::num;

    /// A time or amount that may be zero but not negative.
    pub fn non_negative(name: &str, v: f64) -> Result<(), FailoverError> {
        let field = name.to_string();
        if !v.is_finite() {
            return Err(FailoverError::NotANumber { field, value: v });
        }
        if v < 0.0 {
            return Err(FailoverError::Negative { field, value: v });
        }
        if v > 1.0e9 {
            return Err(FailoverError::TooLarge { field, value: v });
        }
        Ok(())
    }

    /// A rate or interval that must be above zero.
    pub fn positive(name: &str, v: f64) -> Result<(), FailoverError> {
        non_negative(name, v)?;
        if v == 0.0 {
            return Err(FailoverError::NotPositive {
                field: name.to_string(),
            });
        }
        Ok(())
    }

    /// A share of something, from 0 to 1.
    pub fn share(name: &str, v: f64) -> Result<(), FailoverError> {
        if !v.is_finite() || !(0.0..=1.0).contains(&v) {
            return Err(FailoverError::NotAShare {
                field: name.to_string(),
                value: v,
            });
        }
        Ok(())
    }

    /// A whole count in a range.
    pub fn count(name: &str, v: u32, min: u32, max: u32) -> Result<(), FailoverError> {
        if v < min || v > max {
            return Err(FailoverError::CountOutOfRange {
                field: name.to_string(),
                value: v,
                min,
                max,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn huge_numbers_read_as_exponents_in_messages() {
        let e = check::non_negative("ttl_s", 1e300).unwrap_err();
        assert_eq!(e, "ttl_s is 1e300; that is more than 30 years");
        let e = check::non_negative("ttl_s", -2.5e20).unwrap_err();
        assert_eq!(e, "ttl_s is -2.5e20; it cannot be negative");
        assert_eq!(check::num(1800.5), "1800.5");
    }
}
