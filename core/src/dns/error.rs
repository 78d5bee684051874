//! What can go wrong in the DNS engine: a scenario that does not hold together, an edit
//! the lab refuses, a query that cannot be asked. One type, [`DnsError`], whose `Display`
//! is the sentence for a person.
//!
//! ```
//! use cloudhop_core::dns::error::DnsError;
//! let e = DnsError::new("no network `vpc-x`");
//! assert_eq!(e.to_string(), "no network `vpc-x`");
//! ```

use std::fmt;

/// A refused scenario, edit or query, with its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsError {
    message: String,
}

impl DnsError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> DnsError {
        DnsError {
            message: message.into(),
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error with `context` before it ("rule `corp`: ...").
    pub fn context(self, context: impl fmt::Display) -> DnsError {
        DnsError {
            message: format!("{context}: {}", self.message),
        }
    }
}

impl fmt::Display for DnsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DnsError {}
