//! What can go wrong in the latency engine, as one error type whose `Display` is the
//! message a person reads (the same text the engine returned as a `String` before).
//!
//! ```
//! use cloudhop_core::latency::error::LatencyError;
//! use cloudhop_core::latency::topology::TopologySpec;
//! let e = TopologySpec::parse("star").unwrap_err();
//! assert!(matches!(e, LatencyError::UnknownTopology(_)));
//! assert!(e.to_string().starts_with("unknown topology `star`"));
//! // Code that still speaks `String` takes it with `?` or `.into()`.
//! let s: String = e.into();
//! assert!(s.contains("hub:best"));
//! ```

use std::fmt;

/// An error of the latency engine (topologies, scenarios, networks).
#[derive(Debug, Clone, PartialEq)]
pub enum LatencyError {
    /// A site could not be resolved or built; the catalog's message (with suggestions).
    Site(String),
    /// The same site is in the network twice.
    DuplicateSite(String),
    /// More sites than the engine evaluates.
    TooManySites {
        /// Sites given.
        n: usize,
        /// Most supported.
        max: usize,
    },
    /// A `failed` id that is neither a site of the network nor in the catalog.
    Failed(Box<LatencyError>),
    /// A topology text that is not one of the known forms.
    UnknownTopology(String),
    /// `hub:` or `exchange:` with nothing after the colon.
    MissingSiteId(String),
    /// The tunnel overhead is not between 0 and 100 ms.
    TunnelOverhead(f64),
    /// The NAT share is not between 0 and 1.
    NatShare(f64),
    /// A best hub or exchange was asked for, but no candidate is left.
    NoCandidate,
}

impl fmt::Display for LatencyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LatencyError::Site(m) => f.write_str(m),
            LatencyError::DuplicateSite(id) => write!(f, "site `{id}` is listed twice"),
            LatencyError::TooManySites { n, max } => {
                write!(f, "{n} sites is more than the {max} supported")
            }
            LatencyError::Failed(e) => write!(f, "failed: {e}"),
            LatencyError::UnknownTopology(t) => write!(
                f,
                "unknown topology `{t}` (use mesh, hub:SITE, hub:best, hub:best-worst, relay, exchange:METRO, exchange:best)"
            ),
            LatencyError::MissingSiteId(t) => write!(f, "`{t}` needs a site id after the colon"),
            LatencyError::TunnelOverhead(v) => {
                write!(f, "tunnel_overhead_ms {v} is not between 0 and 100")
            }
            LatencyError::NatShare(v) => write!(f, "nat_share {v} is not between 0 and 1"),
            LatencyError::NoCandidate => f.write_str(
                "no candidate is available (all have failed or there are no sites)",
            ),
        }
    }
}

impl std::error::Error for LatencyError {}

impl From<LatencyError> for String {
    fn from(e: LatencyError) -> String {
        e.to_string()
    }
}

impl From<String> for LatencyError {
    /// A catalog message (the catalog still speaks `String`).
    fn from(m: String) -> LatencyError {
        LatencyError::Site(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_the_ones_the_engine_gave_as_strings() {
        let cases = [
            (
                LatencyError::TooManySites { n: 2001, max: 2000 },
                "2001 sites is more than the 2000 supported",
            ),
            (
                LatencyError::DuplicateSite("aws:us-east-1".into()),
                "site `aws:us-east-1` is listed twice",
            ),
            (
                LatencyError::Failed(Box::new(LatencyError::Site("unknown site `x`".into()))),
                "failed: unknown site `x`",
            ),
            (
                LatencyError::MissingSiteId("hub:".into()),
                "`hub:` needs a site id after the colon",
            ),
            (
                LatencyError::TunnelOverhead(f64::NAN),
                "tunnel_overhead_ms NaN is not between 0 and 100",
            ),
            (
                LatencyError::NatShare(1.5),
                "nat_share 1.5 is not between 0 and 1",
            ),
            (
                LatencyError::NoCandidate,
                "no candidate is available (all have failed or there are no sites)",
            ),
        ];
        for (e, text) in cases {
            assert_eq!(e.to_string(), text);
            assert_eq!(String::from(e), text);
        }
    }
}
