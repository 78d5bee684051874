//! What can go wrong in the BGP engine (building a topology or a scenario, running a
//! simulation) and in a learner's edit or input in the lab, as one error type.
//!
//! [`BgpError`] carries an [`ErrorKind`] to match on and the sentence for a person that
//! its `Display` prints (no Rust type names such as "expected u32"). It also reads as
//! that text (it dereferences to `str`), so callers can search it like a message.
//!
//! ```
//! use cloudhop_core::bgp::error::{BgpError, ErrorKind};
//! let e = BgpError::from(ErrorKind::DuplicateAnnouncement { prefix: "10.9.0.0/16".parse().unwrap(), origin: 65001 });
//! assert_eq!(e.to_string(), "AS 65001 already announces 10.9.0.0/16");
//! assert!(e.contains("10.9.0.0/16"));
//! assert!(matches!(e.kind(), ErrorKind::DuplicateAnnouncement { origin: 65001, .. }));
//! ```

use ipnet::IpNet;
use std::fmt;
use std::ops::Deref;

/// An AS number as the plain `u32` inside [`super::asn::Asn`] (`Asn::get`). This module is
/// the bottom layer and imports no other (`asn` reads with this error type), so there is
/// no module cycle; the number prints the same either way.
type Asn = u32;

/// What went wrong, with what the message names.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A reserved AS number: 0, 23456 (`AS_TRANS`) or 4294967295.
    ReservedAsn(Asn),
    /// An AS linked to itself.
    SelfLink(Asn),
    /// A pair of ASes linked twice the same way (`link` describes it).
    LinkedTwice {
        /// Lower ASN.
        a: Asn,
        /// Higher ASN.
        b: Asn,
        /// "AS 1 and AS 2 as peers".
        link: String,
    },
    /// A pair of ASes linked twice with different roles.
    LinkedTwiceRoles {
        /// Lower ASN.
        a: Asn,
        /// Higher ASN.
        b: Asn,
        /// The first link, described.
        first: String,
        /// The second link, described.
        second: String,
    },
    /// Providers that form a cycle, in order (the first repeated at the end); empty if
    /// the cycle could not be named.
    ProviderCycle(Vec<Asn>),
    /// An AS that announces a prefix but is not in the topology.
    OriginNotInTopology(Asn),
    /// The same, for a given prefix (in a running simulation).
    AnnouncerNotInTopology {
        /// The AS.
        origin: Asn,
        /// The prefix.
        prefix: IpNet,
    },
    /// Two ASes that are not linked.
    NotLinked(Asn, Asn),
    /// A link given to restore an AS that does not join it.
    RestoreLinkElsewhere {
        /// The AS restored.
        asn: Asn,
        /// One end of the link.
        a: Asn,
        /// The other end.
        b: Asn,
    },
    /// The messages did not settle within the limit.
    NotSettled(usize),
    /// A link written neither as provider-customer nor as a peering.
    LinkShape,
    /// Something wrong with link number `index` (from 1).
    InLink {
        /// The link's number, from 1.
        index: usize,
        /// What is wrong with it.
        error: Box<ErrorKind>,
    },
    /// Text that is not a prefix.
    NotAPrefix(String),
    /// A prefix with host bits set, and the network meant.
    HostBits {
        /// What was written.
        text: String,
        /// The prefix with the host bits cleared.
        network: IpNet,
    },
    /// Something wrong with announcement number `index` (from 1).
    InAnnouncement {
        /// The announcement's number, from 1.
        index: usize,
        /// What is wrong with it.
        error: Box<ErrorKind>,
    },
    /// An announcement whose origin is not in the topology.
    AnnouncementOrigin {
        /// The announcement's number, from 1.
        index: usize,
        /// The prefix.
        prefix: IpNet,
        /// The AS.
        origin: Asn,
    },
    /// JSON that is not a scenario (serde's message).
    Json(String),
    /// A failed link between ASes that are not linked.
    FailedLinkUnknown(Asn, Asn),
    /// A failed AS that is not in the topology.
    FailedAsUnknown(Asn),
    /// A policy extra (`what`: "prepend", "leak", "local preference") naming an unknown AS.
    PolicyUnknownAs {
        /// Which extra.
        what: &'static str,
        /// The AS.
        asn: Asn,
    },
    /// A policy extra naming two ASes that are not neighbours.
    PolicyNotNeighbours {
        /// Which extra.
        what: &'static str,
        /// The AS that sets it.
        a: Asn,
        /// The AS named as its neighbour.
        b: Asn,
    },
    /// A prepend count outside 1 to `max` (0 turns it off in the lab).
    PrependTimes {
        /// The AS that prepends.
        asn: Asn,
        /// The count asked for.
        times: u32,
        /// The most allowed ([`super::policy::PREPEND_MAX`]).
        max: u32,
    },
    /// A seed name that does not exist, and the names that do.
    UnknownSeed {
        /// The name asked for.
        name: String,
        /// The seeds there are.
        names: Vec<&'static str>,
    },
    /// A local preference that is not a whole number from 0 to 4294967295.
    LocalPref {
        /// What was typed.
        text: String,
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
    /// The router-level decision process was given no candidate routes.
    NoCandidates,
    /// An AS that is not in the topology.
    UnknownAs(Asn),
    /// Two ASes that are not neighbours.
    NotNeighbours(Asn, Asn),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind::*;
        match self {
            ReservedAsn(0) => {
                f.write_str("AS 0 is reserved (RFC 7607) and cannot be used in a topology")
            }
            ReservedAsn(23456) => f.write_str(
                "AS 23456 is AS_TRANS (RFC 6793), reserved; use the real 4-byte ASN",
            ),
            ReservedAsn(a) if *a == u32::MAX => {
                f.write_str("AS 4294967295 is reserved (RFC 7300)")
            }
            ReservedAsn(a) => write!(f, "AS {a} is reserved"),
            SelfLink(a) => write!(f, "AS {a} is linked to itself"),
            LinkedTwice { a, b, link } => write!(f, "AS {a} and AS {b} are linked twice ({link})"),
            LinkedTwiceRoles {
                a,
                b,
                first,
                second,
            } => write!(
                f,
                "AS {a} and AS {b} are linked twice with different roles: {first} and {second}"
            ),
            ProviderCycle(c) if c.is_empty() => f.write_str("customer-provider cycle"),
            ProviderCycle(c) => {
                f.write_str("customer-provider cycle: ")?;
                for (i, a) in c.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" -> ")?;
                    }
                    write!(f, "AS {a}")?;
                }
                f.write_str(" (each is the provider of the next); providers must form a hierarchy")
            }
            OriginNotInTopology(o) => {
                write!(f, "AS {o} announces a prefix but is not in the topology")
            }
            AnnouncerNotInTopology { origin, prefix } => write!(
                f,
                "AS {origin} announces {prefix} but is not in the topology"
            ),
            NotLinked(a, b) => write!(f, "AS {a} and AS {b} are not linked"),
            RestoreLinkElsewhere { asn, a, b } => write!(
                f,
                "restoring AS {asn}: the link AS {a} - AS {b} does not join it"
            ),
            NotSettled(n) => write!(
                f,
                "routing did not settle after {n} messages: with local-preference overrides and leaks, ASes can chase each other's routes for ever"
            ),
            LinkShape => f.write_str(
                "a link is either {\"provider\": A, \"customer\": B} or {\"peer\": [A, B]}",
            ),
            InLink { index, error } => write!(f, "link {index}: {error}"),
            NotAPrefix(s) => write!(f, "\"{s}\" is not a prefix (write it like 10.0.0.0/24)"),
            HostBits { text, network } => {
                write!(f, "\"{text}\" has host bits set; did you mean {network}?")
            }
            InAnnouncement { index, error } => write!(f, "announcement {index}: {error}"),
            AnnouncementOrigin {
                index,
                prefix,
                origin,
            } => write!(
                f,
                "announcement {index} of {prefix}: AS {origin} is not in the topology (link it, or list it in \"ases\")"
            ),
            Json(e) => write!(f, "bad scenario: {e}"),
            FailedLinkUnknown(a, b) => {
                write!(f, "failed link: AS {a} and AS {b} are not linked")
            }
            FailedAsUnknown(a) => write!(f, "failed AS: AS {a} is not in the topology"),
            PolicyUnknownAs { what, asn } => {
                write!(f, "{what}: AS {asn} is not in the topology")
            }
            PolicyNotNeighbours { what, a, b } => {
                write!(f, "{what}: AS {a} and AS {b} are not neighbours")
            }
            PrependTimes { asn, times, max } => write!(
                f,
                "prepend by AS {asn}: times must be 1 to {max}, not {times}"
            ),
            UnknownSeed { name, names } => write!(
                f,
                "no scenario called \"{name}\" (there are: {})",
                names.join(", ")
            ),
            LocalPref { text } => write!(
                f,
                "local preference must be a whole number from 0 to 4294967295, not \"{}\"",
                text.trim()
            ),
            Asn { text } => write!(
                f,
                "\"{}\" is not an AS number (write it like 65001)",
                text.trim()
            ),
            AsPath { text } => write!(
                f,
                "\"{}\" is not an AS path (write AS numbers with spaces, like 64600 65001)",
                text.trim()
            ),
            DuplicateAnnouncement { prefix, origin } => {
                write!(f, "AS {origin} already announces {prefix}")
            }
            NotAnnounced { prefix, origin } => {
                write!(f, "AS {origin} does not announce {prefix}")
            }
            NoCandidates => f.write_str("no candidate routes: give at least one"),
            UnknownAs(a) => write!(f, "AS {a} is not in the topology"),
            NotNeighbours(a, b) => write!(f, "AS {a} and AS {b} are not neighbours"),
        }
    }
}

/// An error of the BGP engine or of a learner's edit: its kind and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BgpError {
    kind: ErrorKind,
    message: String,
}

impl BgpError {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The sentence for a person.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The kind, for wrapping in a context ([`ErrorKind::InLink`], ...).
    pub fn into_kind(self) -> ErrorKind {
        self.kind
    }
}

impl From<ErrorKind> for BgpError {
    fn from(kind: ErrorKind) -> BgpError {
        let message = kind.to_string();
        BgpError { kind, message }
    }
}

impl fmt::Display for BgpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BgpError {}

/// The error reads as its message.
impl Deref for BgpError {
    type Target = str;
    fn deref(&self) -> &str {
        &self.message
    }
}

impl From<BgpError> for String {
    fn from(e: BgpError) -> String {
        e.message
    }
}
