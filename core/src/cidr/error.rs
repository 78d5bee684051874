//! The error type of the CIDR engine.
//!
//! Every fallible function of [`crate::cidr`] returns a [`CidrError`]: what went wrong in
//! words for a person (its `Display`), and which kind of problem it is, so a caller can
//! tell a typing mistake from a provider rule or a plan that cannot be read.
//!
//! ```
//! use cloudhop_core::cidr::{prefix::parse_prefix, CidrError};
//! let e = parse_prefix("10.0.0.1/16").unwrap_err();
//! assert!(matches!(e, CidrError::Parse(_)));
//! assert!(e.to_string().ends_with("did you mean 10.0.0.0/16?"));
//! ```

use std::fmt;

/// What went wrong in the CIDR engine. `Display` gives the message for a person.
///
/// The message is also reachable as a `&str` (the type dereferences to it), so code that
/// only wants the words can write `e.contains("...")` or `e.message()`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CidrError {
    /// Text that is not an address, a prefix or a list of prefixes.
    Parse(String),
    /// A block a provider does not accept (its size), or one with no address left for
    /// hosts after the provider's reserved addresses.
    Provider(String),
    /// An operation the address space cannot satisfy: too many results, a block that does
    /// not fit, no room left.
    Space(String),
    /// A plan that cannot be read (its JSON, or a `space` entry).
    Plan(String),
    /// A change that does not apply to the plan it is made to (for example a suggestion
    /// for a network that is not in it).
    Edit(String),
}

impl CidrError {
    /// The message for a person.
    ///
    /// ```
    /// use cloudhop_core::cidr::CidrError;
    /// assert_eq!(CidrError::Space("no room".into()).message(), "no room");
    /// ```
    pub fn message(&self) -> &str {
        match self {
            CidrError::Parse(m)
            | CidrError::Provider(m)
            | CidrError::Space(m)
            | CidrError::Plan(m)
            | CidrError::Edit(m) => m,
        }
    }

    /// The same kind of error with `prefix: ` in front of the message (for example the
    /// item or field that failed).
    pub(crate) fn context(self, prefix: impl fmt::Display) -> CidrError {
        let wrap = |m: String| format!("{prefix}: {m}");
        match self {
            CidrError::Parse(m) => CidrError::Parse(wrap(m)),
            CidrError::Provider(m) => CidrError::Provider(wrap(m)),
            CidrError::Space(m) => CidrError::Space(wrap(m)),
            CidrError::Plan(m) => CidrError::Plan(wrap(m)),
            CidrError::Edit(m) => CidrError::Edit(wrap(m)),
        }
    }
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for CidrError {}

impl std::ops::Deref for CidrError {
    type Target = str;

    fn deref(&self) -> &str {
        self.message()
    }
}

impl From<CidrError> for String {
    fn from(e: CidrError) -> String {
        match e {
            CidrError::Parse(m)
            | CidrError::Provider(m)
            | CidrError::Space(m)
            | CidrError::Plan(m)
            | CidrError::Edit(m) => m,
        }
    }
}
