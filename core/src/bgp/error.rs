//! What can go wrong when a learner edits a BGP scenario or types a value into the lab,
//! as one error type. Its `Display` is a sentence for a person (no Rust type names such
//! as "expected u32"), ready to show next to the control.
//!
//! ```
//! use cloudhop_core::bgp::error::BgpError;
//! let e = BgpError::DuplicateAnnouncement { prefix: "10.9.0.0/16".parse().unwrap(), origin: 65001 };
//! assert_eq!(e.to_string(), "AS 65001 already announces 10.9.0.0/16");
//! ```

use ipnet::IpNet;

/// An AS number (the same `u32` as [`super::asn::Asn`]; this module is the bottom layer
/// and imports no other, so there is no module cycle).
type Asn = u32;
use std::fmt;

/// A refused edit or input in the BGP lab.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BgpError {
    /// A local preference that is not a whole number from 0 to 4294967295.
    LocalPref {
        /// What was typed.
        text: String,
    },
    /// A prepend count outside 0 to `max` (0 turns it off).
    PrependTimes {
        /// The AS that prepends.
        asn: Asn,
        /// The count asked for.
        times: u32,
        /// The most allowed ([`super::policy::PREPEND_MAX`]).
        max: u32,
    },
    /// Text that is not an AS number.
    Asn {
        /// What was typed.
        text: String,
    },
    /// Text that is not an AS path (AS numbers separated by spaces).
    AsPath {
        /// What was typed.
        text: String,
    },
    /// An AS announcing a prefix it already announces.
    DuplicateAnnouncement {
        /// The prefix.
        prefix: IpNet,
        /// The AS.
        origin: Asn,
    },
    /// Withdrawing a prefix the AS does not announce.
    NotAnnounced {
        /// The prefix.
        prefix: String,
        /// The AS.
        origin: Asn,
    },
    /// An AS that is not in the scenario.
    UnknownAs(Asn),
    /// Two ASes that are not neighbours.
    NotNeighbours(Asn, Asn),
    /// The scenario itself does not build (the message says why).
    Scenario(String),
}

impl fmt::Display for BgpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BgpError::LocalPref { text } => write!(
                f,
                "local preference must be a whole number from 0 to 4294967295, not \"{}\"",
                text.trim()
            ),
            BgpError::PrependTimes { asn, times, max } => write!(
                f,
                "prepend by AS {asn}: times must be 1 to {max}, not {times}"
            ),
            BgpError::Asn { text } => write!(
                f,
                "\"{}\" is not an AS number (write it like 65001)",
                text.trim()
            ),
            BgpError::AsPath { text } => write!(
                f,
                "\"{}\" is not an AS path (write AS numbers with spaces, like 64600 65001)",
                text.trim()
            ),
            BgpError::DuplicateAnnouncement { prefix, origin } => {
                write!(f, "AS {origin} already announces {prefix}")
            }
            BgpError::NotAnnounced { prefix, origin } => {
                write!(f, "AS {origin} does not announce {prefix}")
            }
            BgpError::UnknownAs(a) => write!(f, "AS {a} is not in the topology"),
            BgpError::NotNeighbours(a, b) => write!(f, "AS {a} and AS {b} are not neighbours"),
            BgpError::Scenario(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for BgpError {}

impl From<BgpError> for String {
    fn from(e: BgpError) -> String {
        e.to_string()
    }
}
