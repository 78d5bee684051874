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

/// An error of the latency engine: positions, the catalog, measurements, topologies,
/// scenarios and networks.
#[derive(Debug, Clone, PartialEq)]
pub enum LatencyError {
    /// An id that is not in the catalog, with the closest ids (maybe none).
    UnknownSite {
        /// The id asked for.
        id: String,
        /// Close matches, best first.
        suggestions: Vec<String>,
    },
    /// An on-premises site whose name has no letter or digit.
    EmptySiteName,
    /// An on-premises site name over 60 characters.
    SiteNameTooLong(String),
    /// An on-premises site at an impossible position.
    SitePosition {
        /// The site's name.
        name: String,
        /// What is wrong with the position.
        error: Box<LatencyError>,
    },
    /// A latitude that is not a number within ±90°.
    Latitude(f64),
    /// A longitude that is not a number within ±180°.
    Longitude(f64),
    /// A line of the catalog or measurements file that cannot be read (1-based).
    Line {
        /// Line number.
        line: usize,
        /// What is wrong with it.
        error: Box<LatencyError>,
    },
    /// A catalog line without its six fields.
    CatalogFields,
    /// A field that should be a number.
    NotANumber(String),
    /// A continent code that is not known.
    UnknownContinent(String),
    /// A catalog id whose prefix is not a provider, `relay` or `ix`.
    UnknownIdPrefix(String),
    /// A catalog id given twice.
    DuplicateId(String),
    /// A measurement source whose role is neither `fit` nor `holdout`.
    SourceRole(String),
    /// A measurement naming a source not declared before it.
    UnknownSource(String),
    /// A measured RTT that is not a positive number.
    NotPositive(String),
    /// A measurements line that is neither a source nor a point.
    NotAMeasurementLine,
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
            LatencyError::UnknownSite { id, suggestions } if suggestions.is_empty() => write!(
                f,
                "unknown site `{id}` (ids look like aws:us-east-1, gcp:europe-west1, azure:westeurope, relay:fra, ix:frankfurt)"
            ),
            LatencyError::UnknownSite { id, suggestions } => {
                write!(f, "unknown site `{id}`; did you mean ")?;
                for (k, s) in suggestions.iter().enumerate() {
                    if k > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{s}`")?;
                }
                f.write_str("?")
            }
            LatencyError::EmptySiteName => {
                f.write_str("an on-premises site needs a name with a letter or digit")
            }
            LatencyError::SiteNameTooLong(name) => {
                write!(f, "site name `{name}` is longer than 60 characters")
            }
            LatencyError::SitePosition { name, error } => write!(f, "site `{name}`: {error}"),
            LatencyError::Latitude(v) => write!(f, "latitude {v} is not between -90 and 90 degrees"),
            LatencyError::Longitude(v) => {
                write!(f, "longitude {v} is not between -180 and 180 degrees")
            }
            LatencyError::Line { line, error } => write!(f, "line {line}: {error}"),
            LatencyError::CatalogFields => f.write_str("expected 6 fields separated by |"),
            LatencyError::NotANumber(s) => write!(f, "`{s}` is not a number"),
            LatencyError::UnknownContinent(c) => write!(f, "unknown continent `{c}`"),
            LatencyError::UnknownIdPrefix(id) => write!(f, "unknown id prefix in `{id}`"),
            LatencyError::DuplicateId(id) => write!(f, "duplicate id `{id}`"),
            LatencyError::SourceRole(r) => write!(f, "role `{r}` is not fit or holdout"),
            LatencyError::UnknownSource(s) => write!(f, "unknown source `{s}`"),
            LatencyError::NotPositive(s) => write!(f, "`{s}` is not a positive number"),
            LatencyError::NotAMeasurementLine => f.write_str("not a source or point line"),
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

impl LatencyError {
    /// This error, on line `line` (1-based) of a data file.
    ///
    /// ```
    /// use cloudhop_core::latency::error::LatencyError;
    /// let e = LatencyError::UnknownSource("nope".into()).on_line(4);
    /// assert_eq!(e.to_string(), "line 4: unknown source `nope`");
    /// ```
    pub fn on_line(self, line: usize) -> LatencyError {
        LatencyError::Line {
            line,
            error: Box::new(self),
        }
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
                LatencyError::Failed(Box::new(LatencyError::UnknownSite {
                    id: "x".into(),
                    suggestions: Vec::new(),
                })),
                "failed: unknown site `x` (ids look like aws:us-east-1, gcp:europe-west1, azure:westeurope, relay:fra, ix:frankfurt)",
            ),
            (
                LatencyError::UnknownSite {
                    id: "aws:us-east1".into(),
                    suggestions: vec!["aws:us-east-1".into(), "aws:us-east-2".into()],
                },
                "unknown site `aws:us-east1`; did you mean `aws:us-east-1`, `aws:us-east-2`?",
            ),
            (
                LatencyError::SitePosition {
                    name: "HQ".into(),
                    error: Box::new(LatencyError::Longitude(200.0)),
                },
                "site `HQ`: longitude 200 is not between -180 and 180 degrees",
            ),
            (
                LatencyError::NotANumber("x".into()).on_line(3),
                "line 3: `x` is not a number",
            ),
            (
                LatencyError::Latitude(91.0).on_line(2),
                "line 2: latitude 91 is not between -90 and 90 degrees",
            ),
            (
                LatencyError::SourceRole("maybe".into()).on_line(1),
                "line 1: role `maybe` is not fit or holdout",
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
