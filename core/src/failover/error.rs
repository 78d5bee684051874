//! What can go wrong in the failover engine: a parameter out of bounds, scenario JSON that
//! does not parse, a timeline that cannot be built, or a lab control's edit that is refused.
//!
//! Every message names the field (or the control) for a person; the text of each variant
//! is what the engine has always said, so the CLI and the lab show the same words.
//!
//! ```
//! use cloudhop_core::failover::error::FailoverError;
//! let e = FailoverError::Negative { field: "ttl_s".into(), value: -5.0 };
//! assert_eq!(e.to_string(), "ttl_s is -5; it cannot be negative");
//! assert_eq!(e.field(), Some("ttl_s"));
//! ```

use super::model::Model;
use std::fmt;

/// A number for a message: plain when short, `1e300` rather than 301 digits when not.
///
/// ```
/// use cloudhop_core::failover::error::num;
/// assert_eq!(num(1800.5), "1800.5");
/// assert_eq!(num(1e300), "1e300");
/// ```
pub fn num(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e15 {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// An error from the failover engine.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FailoverError {
    /// A field is infinite or not a number.
    NotANumber {
        /// The field (a JSON path such as `ttl_s`).
        field: String,
        /// Its value.
        value: f64,
    },
    /// A time or amount is negative.
    Negative {
        /// The field.
        field: String,
        /// Its value.
        value: f64,
    },
    /// A time or amount is more than 30 years (10⁹ s).
    TooLarge {
        /// The field.
        field: String,
        /// Its value.
        value: f64,
    },
    /// A rate or interval is zero.
    NotPositive {
        /// The field.
        field: String,
    },
    /// A share is outside 0 to 1.
    NotAShare {
        /// The field.
        field: String,
        /// Its value.
        value: f64,
    },
    /// A whole count is outside its range.
    CountOutOfRange {
        /// The field.
        field: String,
        /// Its value.
        value: u32,
        /// Smallest allowed.
        min: u32,
        /// Largest allowed.
        max: u32,
    },
    /// Clients behind TTL-raising resolvers and clients ignoring TTLs are more than all.
    SharesOverAll {
        /// `capped_share`.
        capped: f64,
        /// `ignoring_share`.
        ignoring: f64,
    },
    /// A BGP keepalive longer than the hold time.
    KeepaliveOverHold {
        /// `keepalive_s`.
        keepalive_s: f64,
        /// `hold_time_s`.
        hold_time_s: f64,
    },
    /// An error in one part of a larger scenario (`dns: ...`, `data: ...`).
    In {
        /// The part (`dns`, `data`).
        part: &'static str,
        /// What is wrong in it.
        error: Box<FailoverError>,
    },
    /// A timeline with no phases.
    NoPhases,
    /// A phase with a negative or non-finite duration.
    BadDuration {
        /// The phase's label.
        phase: String,
        /// Its duration.
        duration_s: f64,
    },
    /// A phase ending later than a float can say.
    EndsTooLate {
        /// The phase's label.
        phase: String,
    },
    /// Scenario JSON that does not parse (the parser's words).
    BadScenario(String),
    /// A merge patch that leaves no valid scenario (the parser's words).
    BadChange(String),
    /// A lab control that the scenario's model does not have.
    NoSuchControl {
        /// The control's label.
        control: &'static str,
        /// The scenario's model.
        model: Model,
    },
    /// A lab control that does nothing with the current settings (hidden in the lab).
    NotInEffect {
        /// The control's label.
        control: &'static str,
    },
    /// A lab control fixed by the exercise.
    Fixed {
        /// The control's label.
        control: &'static str,
    },
    /// A slider's value outside the slider.
    OutOfRange {
        /// The control's label.
        control: &'static str,
        /// The value, as the lab writes it.
        value: String,
        /// The slider's lower end, as the lab writes it.
        min: String,
        /// The slider's upper end, as the lab writes it.
        max: String,
    },
    /// A fraction given to a control that counts.
    NotWhole {
        /// The control's label.
        control: &'static str,
        /// The value.
        value: f64,
    },
    /// A value of the wrong kind for a control (text for a slider, a number for a switch).
    WrongKind {
        /// The control's label.
        control: &'static str,
        /// What it takes (`a number`, `on or off`, `one of its options`).
        takes: &'static str,
    },
    /// A choice the control does not offer.
    NoSuchOption {
        /// The control's label.
        control: &'static str,
        /// The option asked for.
        option: String,
    },
}

impl FailoverError {
    /// The field the error is about, as a dotted JSON path, when it is about one.
    ///
    /// ```
    /// use cloudhop_core::failover::error::FailoverError;
    /// let e = FailoverError::In { part: "dns", error: Box::new(FailoverError::NotPositive { field: "ttl_s".into() }) };
    /// assert_eq!(e.field(), Some("ttl_s"));
    /// assert_eq!(FailoverError::NoPhases.field(), None);
    /// ```
    pub fn field(&self) -> Option<&str> {
        match self {
            FailoverError::NotANumber { field, .. }
            | FailoverError::Negative { field, .. }
            | FailoverError::TooLarge { field, .. }
            | FailoverError::NotPositive { field }
            | FailoverError::NotAShare { field, .. }
            | FailoverError::CountOutOfRange { field, .. } => Some(field),
            FailoverError::SharesOverAll { .. } => Some("capped_share"),
            FailoverError::KeepaliveOverHold { .. } => Some("keepalive_s"),
            FailoverError::In { error, .. } => error.field(),
            _ => None,
        }
    }

    /// Wrap the error as one in part `part` of a larger scenario.
    pub(crate) fn within(self, part: &'static str) -> FailoverError {
        FailoverError::In {
            part,
            error: Box::new(self),
        }
    }
}

impl fmt::Display for FailoverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FailoverError::NotANumber { field, value } => {
                write!(f, "{field} must be a number, not {value}")
            }
            FailoverError::Negative { field, value } => {
                write!(f, "{field} is {}; it cannot be negative", num(*value))
            }
            FailoverError::TooLarge { field, value } => {
                write!(f, "{field} is {}; that is more than 30 years", num(*value))
            }
            FailoverError::NotPositive { field } => write!(f, "{field} must be more than zero"),
            FailoverError::NotAShare { field, value } => {
                write!(f, "{field} is {value}; a share must be from 0 to 1")
            }
            FailoverError::CountOutOfRange {
                field,
                value,
                min,
                max,
            } => write!(f, "{field} is {value}; it must be from {min} to {max}"),
            FailoverError::SharesOverAll { capped, ignoring } => write!(
                f,
                "capped_share ({capped}) and ignoring_share ({ignoring}) add up to more than all clients"
            ),
            FailoverError::KeepaliveOverHold {
                keepalive_s,
                hold_time_s,
            } => write!(
                f,
                "keepalive_s ({keepalive_s}) is longer than hold_time_s ({hold_time_s}); the session would never stay up"
            ),
            FailoverError::In { part, error } => write!(f, "{part}: {error}"),
            FailoverError::NoPhases => f.write_str("a timeline needs at least one phase"),
            FailoverError::BadDuration { phase, duration_s } => write!(
                f,
                "phase `{phase}` would last {duration_s} s; durations must be finite and not negative"
            ),
            FailoverError::EndsTooLate { phase } => {
                write!(f, "phase `{phase}` ends too late to represent")
            }
            FailoverError::BadScenario(e) => write!(f, "bad scenario: {e}"),
            FailoverError::BadChange(e) => write!(f, "bad change: {e}"),
            FailoverError::NoSuchControl { control, model } => {
                write!(f, "{control} is not a setting of the {model} model")
            }
            FailoverError::NotInEffect { control } => {
                write!(f, "{control} does not apply with these settings")
            }
            FailoverError::Fixed { control } => {
                write!(f, "{control} is fixed in this exercise")
            }
            FailoverError::OutOfRange {
                control,
                value,
                min,
                max,
            } => write!(f, "{control} must be from {min} to {max}, not {value}"),
            FailoverError::NotWhole { control, value } => {
                write!(f, "{control} must be a whole number, not {}", num(*value))
            }
            FailoverError::WrongKind { control, takes } => write!(f, "{control} takes {takes}"),
            FailoverError::NoSuchOption { control, option } => {
                write!(f, "{control} has no option \u{201c}{option}\u{201d}")
            }
        }
    }
}

impl std::error::Error for FailoverError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FailoverError::In { error, .. } => Some(error.as_ref()),
            _ => None,
        }
    }
}

/// Compare with a message (what tests and callers that only care about the words do).
impl PartialEq<str> for FailoverError {
    fn eq(&self, other: &str) -> bool {
        self.to_string().as_str() == other
    }
}

impl PartialEq<&str> for FailoverError {
    fn eq(&self, other: &&str) -> bool {
        self.to_string().as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_the_engine_s_old_words() {
        let cases: Vec<(FailoverError, &str)> =
            vec![
            (
                FailoverError::NotANumber {
                    field: "ttl_s".into(),
                    value: f64::NAN,
                },
                "ttl_s must be a number, not NaN",
            ),
            (
                FailoverError::TooLarge {
                    field: "ttl_s".into(),
                    value: 1e300,
                },
                "ttl_s is 1e300; that is more than 30 years",
            ),
            (
                FailoverError::NotAShare {
                    field: "capped_share".into(),
                    value: 1.5,
                },
                "capped_share is 1.5; a share must be from 0 to 1",
            ),
            (
                FailoverError::CountOutOfRange {
                    field: "dpd_retries".into(),
                    value: 101,
                    min: 0,
                    max: 100,
                },
                "dpd_retries is 101; it must be from 0 to 100",
            ),
            (
                FailoverError::KeepaliveOverHold {
                    keepalive_s: 30.0,
                    hold_time_s: 10.0,
                },
                "keepalive_s (30) is longer than hold_time_s (10); the session would never stay up",
            ),
            (
                FailoverError::NotPositive {
                    field: "ttl_s".into(),
                }
                .within("dns"),
                "dns: ttl_s must be more than zero",
            ),
            (FailoverError::NoPhases, "a timeline needs at least one phase"),
        ];
        for (e, text) in cases {
            assert_eq!(e.to_string(), text);
            assert!(e == text);
        }
    }

    #[test]
    fn a_nested_error_has_a_source() {
        use std::error::Error;
        let e = FailoverError::NoPhases.within("data");
        assert_eq!(
            e.source().map(|s| s.to_string()).as_deref(),
            Some("a timeline needs at least one phase")
        );
        assert!(FailoverError::NoPhases.source().is_none());
    }
}
