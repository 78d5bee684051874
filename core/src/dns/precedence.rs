//! Which source answers a name when several cover it: rules, private zones, hosted zones.
//! Each provider documents its own order; each choice below cites its source, and where
//! the documentation could not be confirmed the comment says so.
//!
//! | resolver | order |
//! |---|---|
//! | Route 53 Resolver | most specific domain wins among forwarding rules and private hosted zones; on a tie the rule wins |
//! | Azure DNS | most specific wins among ruleset rules linked to the VNet and private zones linked to it; on a tie the rule wins (not confirmed) |
//! | Cloud DNS | most specific wins among forwarding, peering and private zones; a tie is refused by validation |
//! | a DNS server | most specific wins among its conditional forwarders; a forwarder inside a zone the server hosts is refused by validation (delegate instead) |
//!
//! ```
//! use cloudhop_core::dns::precedence::{choose, Candidate, CandidateKind, Why};
//! use cloudhop_core::dns::network::NetworkKind;
//! let rule = Candidate { kind: CandidateKind::Rule, id: "corp".into(), domain: "corp.example.com".parse().unwrap() };
//! let zone = Candidate { kind: CandidateKind::Zone, id: "phz".into(), domain: "corp.example.com".parse().unwrap() };
//! let (won, why) = choose(Some(NetworkKind::AwsVpc), &[zone, rule.clone()]).unwrap();
//! assert_eq!(won, rule);
//! assert_eq!(why, Why::RuleWinsTie);
//! ```

use super::names::DomainName;
use super::network::NetworkKind;
use serde::{Deserialize, Serialize};

/// A rule or zone that covers a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Rule or zone.
    pub kind: CandidateKind,
    /// Its id.
    pub id: String,
    /// The domain it covers.
    pub domain: DomainName,
}

/// A rule or a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateKind {
    /// A forwarding rule, ruleset rule, forwarding or peering zone, conditional forwarder.
    Rule,
    /// A private or hosted zone.
    Zone,
}

/// Why the chosen candidate won.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// It was the only one covering the name.
    Only,
    /// Its domain is the most specific (the most labels) of those covering the name.
    MostSpecific,
    /// A rule and a zone of the same domain: the provider lets the rule win.
    RuleWinsTie,
}

impl Why {
    /// The reason in words.
    pub fn text(self) -> &'static str {
        match self {
            Why::Only => "the only rule or zone covering the name",
            Why::MostSpecific => "the most specific domain covering the name wins",
            Why::RuleWinsTie => "a rule and a private zone have the same domain: the rule wins",
        }
    }
}

/// The documentation behind the order used for `kind`'s resolver (`None`: a DNS server).
pub fn source(kind: Option<NetworkKind>) -> &'static str {
    match kind {
        // "If you create a forwarding rule for the same domain as an autodefined rule,
        // Resolver forwards queries for that domain name to DNS resolvers on your
        // network", and private hosted zones are autodefined rules ("For each private
        // hosted zone that you associate with a VPC, Resolver creates a rule"): a rule
        // beats a private hosted zone of the same name. Most specific match: the same
        // pages and "Public and private hosted zones that have overlapping namespaces"
        // (hosted-zone-private-considerations). Confirmed 2026-12-02 with the search tool.
        Some(NetworkKind::AwsVpc) => "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network-autodefined-rules.html",
        // Rulesets are used by every linked VNet, and private zones linked to the VNet are
        // answered (private-resolver-endpoints-rulesets, confirmed). The order between a
        // ruleset rule and a linked private zone of the same name could NOT be confirmed
        // with the search tool: the lab lets the rule win, as in AWS, and says so.
        Some(NetworkKind::AzureVnet) => "https://learn.microsoft.com/en-us/azure/dns/private-resolver-endpoints-rulesets",
        // Cloud DNS matches private, forwarding and peering zones by the longest suffix
        // (vpc-name-res-order, confirmed for the cluster-scoped order and described the
        // same way for the VPC order). A private zone and a forwarding zone of the same
        // name for one network: not confirmed, refused by validation.
        Some(NetworkKind::GcpVpc) => "https://cloud.google.com/dns/docs/vpc-name-res-order",
        // A DNS server answers from its most specific zone or conditional forwarder. The
        // lab refuses a forwarder inside a zone the same server hosts (lesson 05: a child
        // of the AD domain is delegated, not forwarded), so zones and forwarders never
        // compete. Forward zones are checked against Unbound and BIND 9.18 by the
        // real-resolver test (core/tests/dns_real.rs) rather than documentation.
        Some(NetworkKind::OnPrem) | None => "https://bind9.readthedocs.io/en/v9.18.0/reference.html#zone-types",
    }
}

/// One documented rule the lab follows, for the lab's notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Whose behaviour ("Route 53 Resolver", ...).
    pub provider: &'static str,
    /// The rule in words.
    pub rule: &'static str,
    /// Where it is documented.
    pub source: &'static str,
    /// Whether it was confirmed against that documentation (otherwise the lab's choice,
    /// said so in the rule).
    pub confirmed: bool,
}

/// The provider rules the engine follows, each with its source.
///
/// ```
/// use cloudhop_core::dns::precedence::NOTES;
/// assert!(NOTES.iter().all(|n| n.source.starts_with("https://")));
/// ```
pub const NOTES: &[Note] = &[
    Note {
        provider: "Route 53 Resolver",
        rule: "The most specific domain wins among forwarding rules and private hosted zones; a forwarding rule beats a private hosted zone of the same name.",
        source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network-autodefined-rules.html",
        confirmed: true,
    },
    Note {
        provider: "Route 53 Resolver",
        rule: "A name missing from a matching private hosted zone is NXDOMAIN; the query is not passed on to public DNS.",
        source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html",
        confirmed: true,
    },
    Note {
        provider: "Route 53 Resolver",
        rule: "A SYSTEM rule makes the resolver answer a subdomain itself despite a forwarding rule for its parent; a DELEGATE rule follows a private hosted zone's NS records through an outbound endpoint.",
        source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-outbound-queries-rule-values.html",
        confirmed: true,
    },
    Note {
        provider: "Route 53 Resolver",
        rule: "Forwarding from outside the VPC to its +2 address is not supported: use an inbound endpoint.",
        source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-DSN-queries-to-vpc.html",
        confirmed: true,
    },
    Note {
        provider: "Azure DNS Private Resolver",
        rule: "A ruleset is used by every VNet linked to it, peered or not; an inbound endpoint answers the private zones linked to its own VNet. Between a ruleset rule and a linked private zone of the same name the lab lets the rule win (not confirmed in the documentation).",
        source: "https://learn.microsoft.com/en-us/azure/dns/private-resolver-endpoints-rulesets",
        confirmed: false,
    },
    Note {
        provider: "Cloud DNS",
        rule: "Private, forwarding and peering zones are matched by the longest suffix; a private zone and a forwarding zone of the same name for one network are refused by the lab (their order is not clearly documented).",
        source: "https://cloud.google.com/dns/docs/vpc-name-res-order",
        confirmed: true,
    },
    Note {
        provider: "Cloud DNS",
        rule: "Forwarding zones send queries to private targets from 35.199.192.0/19: the other side needs a route back.",
        source: "https://cloud.google.com/dns/docs/zones/zones-overview",
        confirmed: true,
    },
    Note {
        provider: "Peering",
        rule: "Peering is not transitive: a query never crosses two peerings in a row.",
        source: "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html",
        confirmed: false,
    },
];

/// Choose among the candidates covering a name for a resolver of network kind `kind`
/// (`None`: a DNS server you run). `None` when there is no candidate.
pub fn choose(kind: Option<NetworkKind>, candidates: &[Candidate]) -> Option<(Candidate, Why)> {
    let best = candidates.iter().map(|c| c.domain.label_count()).max()?;
    let top: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.domain.label_count() == best)
        .collect();
    let why = if candidates.len() == 1 {
        Why::Only
    } else {
        Why::MostSpecific
    };
    if top.len() == 1 {
        return Some((top[0].clone(), why));
    }
    // A tie between a rule and a zone (ties of one kind are refused by validation).
    match kind {
        Some(NetworkKind::AwsVpc) | Some(NetworkKind::AzureVnet) => top
            .iter()
            .find(|c| c.kind == CandidateKind::Rule)
            .map(|c| ((*c).clone(), Why::RuleWinsTie)),
        _ => top
            .iter()
            .find(|c| c.kind == CandidateKind::Zone)
            .map(|c| ((*c).clone(), why)),
    }
    .or_else(|| Some((top[0].clone(), why)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(kind: CandidateKind, id: &str, d: &str) -> Candidate {
        Candidate {
            kind,
            id: id.into(),
            domain: d.parse().unwrap(),
        }
    }

    #[test]
    fn the_most_specific_wins_whatever_its_kind() {
        let rule = c(CandidateKind::Rule, "corp", "corp.example.com");
        let zone = c(CandidateKind::Zone, "aws", "aws.corp.example.com");
        for k in [
            Some(NetworkKind::AwsVpc),
            Some(NetworkKind::AzureVnet),
            Some(NetworkKind::GcpVpc),
            None,
        ] {
            assert_eq!(
                choose(k, &[rule.clone(), zone.clone()]),
                Some((zone.clone(), Why::MostSpecific))
            );
        }
        assert_eq!(
            choose(None, std::slice::from_ref(&rule)),
            Some((rule, Why::Only))
        );
        assert_eq!(choose(None, &[]), None);
    }
}
