//! What a resolution returns: the answer the client gets and the ordered trace of every
//! step on the way (each server asked, what matched there and why, each hop refused and
//! why, cache hits, loops).
//!
//! ```
//! use cloudhop_core::dns::trace::{Answer, ServerRef};
//! assert_eq!(Answer::NxDomain.code(), "NXDOMAIN");
//! assert!(Answer::Timeout.is_failure());
//! assert_eq!(serde_json::to_string(&ServerRef::Internet).unwrap(), r#"{"kind":"internet"}"#);
//! ```

use super::names::DomainName;
use super::precedence::{Candidate, Why};
use super::reach::Refusal;
use super::records::{Record, RecordType};
use serde::{Deserialize, Serialize};
use std::net::Ipv4Addr;

/// Who answers a query.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ServerRef {
    /// A cloud network's built-in resolver (Route 53 Resolver, Azure DNS, Cloud DNS).
    Provider {
        /// The network (id).
        network: String,
    },
    /// A DNS server you run.
    Server {
        /// The server (id).
        id: String,
    },
    /// Public DNS on the internet.
    Internet,
}

/// The answer a client (or a forwarding server) gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// Records (a CNAME chain first, then the records of the type asked).
    Records {
        /// The records, TTLs as the client sees them (what is left of a cached one).
        records: Vec<Record>,
    },
    /// The name does not exist.
    #[serde(rename = "nxdomain")]
    NxDomain,
    /// The name exists, without records of this type.
    NoData,
    /// The server could not get an answer (a loop, unreachable forwarders, ...).
    #[serde(rename = "servfail")]
    ServFail,
    /// The server refuses to answer (authoritative-only, not its zone).
    Refused,
    /// A referral from an authoritative-only server: the name is delegated elsewhere.
    Referral {
        /// The delegated name.
        cut: DomainName,
        /// The delegated servers' addresses.
        servers: Vec<Ipv4Addr>,
    },
    /// Nothing came back.
    Timeout,
}

impl Answer {
    /// The DNS response code as tools print it (`NOERROR`, `NXDOMAIN`, `SERVFAIL`,
    /// `REFUSED`, or `timeout`).
    pub fn code(&self) -> &'static str {
        match self {
            Answer::Records { .. } | Answer::NoData | Answer::Referral { .. } => "NOERROR",
            Answer::NxDomain => "NXDOMAIN",
            Answer::ServFail => "SERVFAIL",
            Answer::Refused => "REFUSED",
            Answer::Timeout => "timeout",
        }
    }

    /// No answer at all: SERVFAIL, REFUSED or a timeout.
    pub fn is_failure(&self) -> bool {
        matches!(self, Answer::ServFail | Answer::Refused | Answer::Timeout)
    }

    /// The values of the records of type `rtype` (addresses for A), in order.
    pub fn values(&self, rtype: RecordType) -> Vec<String> {
        match self {
            Answer::Records { records } => records
                .iter()
                .filter(|r| r.rtype == rtype)
                .map(|r| r.value.clone())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// One line for a person: "192.168.20.5 (A, TTL 300 s)", "NXDOMAIN", ...
    pub fn summary(&self) -> String {
        match self {
            Answer::Records { records } => records
                .iter()
                .map(|r| format!("{} {} {} (TTL {} s)", r.name, r.rtype, r.value, r.ttl))
                .collect::<Vec<_>>()
                .join("; "),
            Answer::NxDomain => "NXDOMAIN: no such name".into(),
            Answer::NoData => "no records of that type".into(),
            Answer::ServFail => "SERVFAIL: the server could not get an answer".into(),
            Answer::Refused => "REFUSED".into(),
            Answer::Referral { cut, servers } => format!(
                "a referral: {cut} is delegated to {}",
                servers
                    .iter()
                    .map(|a| a.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Answer::Timeout => "no answer (timeout)".into(),
        }
    }
}

/// How a server decided to handle a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision {
    /// A rule or zone matched.
    Matched {
        /// The winner.
        chosen: Candidate,
        /// Every candidate that covered the name (the winner included).
        candidates: Vec<Candidate>,
        /// Why it won.
        why: Why,
        /// The documentation for the order used.
        source: String,
    },
    /// Nothing matched: public DNS (recursion on the internet).
    Public,
    /// Nothing matched: the server's default forwarders.
    DefaultForwarders,
    /// Nothing matched and the server does not recurse.
    NotAuthoritative,
}

/// One step of a resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// A query is sent.
    Query {
        /// The network it is sent from.
        from: String,
        /// The outbound endpoint it leaves through, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        via: Option<String>,
        /// The address asked.
        to: Ipv4Addr,
        /// Who listens there (none: nothing known).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        server: Option<ServerRef>,
        /// The inbound endpoint it arrives at, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        inbound: Option<String>,
        /// The name asked.
        name: DomainName,
        /// The type asked.
        #[serde(rename = "type")]
        rtype: RecordType,
        /// The links crossed.
        links: Vec<String>,
    },
    /// The query did not get there (or got no answer).
    Refused {
        /// The address it was sent to.
        to: Ipv4Addr,
        /// Why.
        why: Refusal,
    },
    /// The server answered from its cache.
    CacheHit {
        /// The server.
        server: ServerRef,
        /// Seconds left before the entry expires.
        remaining_s: u32,
        /// The clock time when it was stored.
        stored_at_s: u64,
    },
    /// The server chose how to handle the name.
    Decided {
        /// The server.
        server: ServerRef,
        /// What it chose.
        decision: Decision,
    },
    /// The server forwards the query to targets.
    Forward {
        /// The server.
        server: ServerRef,
        /// The rule (none: the server's default forwarders).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rule: Option<String>,
        /// The targets, tried in order.
        targets: Vec<Ipv4Addr>,
    },
    /// A zone delegates the name: the server follows the delegation.
    Referral {
        /// The server following it.
        server: ServerRef,
        /// The zone holding the delegation.
        zone: String,
        /// The delegated name.
        cut: DomainName,
        /// The name servers' addresses.
        targets: Vec<Ipv4Addr>,
    },
    /// A delegation that the server does not follow.
    DelegationNotFollowed {
        /// The server.
        server: ServerRef,
        /// The zone.
        zone: String,
        /// The delegated name.
        cut: DomainName,
    },
    /// The answer is an alias: the server resolves its target next.
    Cname {
        /// The server.
        server: ServerRef,
        /// The alias.
        from: DomainName,
        /// Its target.
        to: DomainName,
    },
    /// The query came back to a server already working on it.
    Loop {
        /// The servers on the circle, from the first visit back to it.
        servers: Vec<ServerRef>,
        /// The name.
        name: DomainName,
    },
    /// An answer from a zone.
    Authoritative {
        /// The server answering.
        server: ServerRef,
        /// The zone.
        zone: String,
        /// What it says.
        answer: Answer,
    },
    /// A server's reply to whoever asked it.
    Reply {
        /// The server.
        server: ServerRef,
        /// The answer.
        answer: Answer,
    },
    /// The answer is stored in the server's cache.
    Cached {
        /// The server.
        server: ServerRef,
        /// For how long, seconds.
        ttl_s: u32,
    },
    /// Too many steps: the resolution was stopped.
    TooManySteps,
}

/// A whole resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    /// The client that asked.
    pub client: String,
    /// The name.
    pub name: DomainName,
    /// The type.
    #[serde(rename = "type")]
    pub rtype: RecordType,
    /// The clock time of the query.
    pub at_s: u64,
    /// What the client got.
    pub answer: Answer,
    /// Every step, in order.
    pub trace: Vec<Step>,
}

impl Resolution {
    /// Whether any step used a cached answer.
    pub fn used_cache(&self) -> bool {
        self.trace
            .iter()
            .any(|s| matches!(s, Step::CacheHit { .. }))
    }

    /// Whether a forwarding loop was found.
    pub fn has_loop(&self) -> bool {
        self.trace.iter().any(|s| matches!(s, Step::Loop { .. }))
    }
}
