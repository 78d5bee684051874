//! Which source answers a name when several cover it: rules, private zones, hosted zones.
//! Each provider documents its own order; each choice below cites its source, and where
//! the documentation leaves a case open the comment says so.
//!
//! | resolver | order |
//! |---|---|
//! | Route 53 Resolver | most specific domain wins among forwarding rules and private hosted zones; on a tie the rule wins |
//! | Azure DNS | the private zones linked to the VNet first (the most specific of them); ruleset rules linked to the VNet only when no linked zone covers the name (then the most specific rule) |
//! | Cloud DNS | most specific wins among forwarding, peering and private zones; a tie is refused by validation |
//! | a DNS server | most specific wins among its conditional forwarders; a forwarder inside a zone the server hosts is refused by validation (delegate instead) |
//!
//! ```
//! use cloudhop_core::dns::precedence::{choose, Candidate, CandidateKind, Why};
//! use cloudhop_core::dns::network::NetworkKind;
//! let rule = Candidate { kind: CandidateKind::Rule, id: "corp".into(), domain: "corp.example.com".parse().unwrap() };
//! let zone = Candidate { kind: CandidateKind::Zone, id: "phz".into(), domain: "corp.example.com".parse().unwrap() };
//! let (won, why) = choose(Some(NetworkKind::AwsVpc), &[zone.clone(), rule.clone()]).unwrap();
//! assert_eq!(won, rule);
//! assert_eq!(why, Why::RuleWinsTie);
//! // Azure DNS consults the private zones linked to the VNet before its ruleset links.
//! let (won, why) = choose(Some(NetworkKind::AzureVnet), &[rule, zone.clone()]).unwrap();
//! assert_eq!(won, zone);
//! assert_eq!(why, Why::LinkedZoneFirst);
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
    /// Azure DNS: a private zone linked to the VNet covers the name, and linked zones are
    /// consulted before the VNet's ruleset links, whatever the rules' domains.
    LinkedZoneFirst,
}

impl Why {
    /// The reason in words.
    pub fn text(self) -> &'static str {
        match self {
            Why::Only => "the only rule or zone covering the name",
            Why::MostSpecific => "the most specific domain covering the name wins",
            Why::RuleWinsTie => "a rule and a private zone have the same domain: the rule wins",
            Why::LinkedZoneFirst => {
                "Azure DNS consults the private zones linked to the VNet before its forwarding ruleset"
            }
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
        // "3. If Default (Azure-provided) DNS servers are configured in the virtual network,
        // and there are Private DNS zones linked to the same virtual network, these zones are
        // consulted. 4. If the query doesn't match a Private DNS zone linked to the virtual
        // network, then Virtual network links for DNS forwarding rulesets are consulted."
        // ("What is Azure DNS Private Resolver?", How does it work; checked 2026-12-02 in the
        // MicrosoftDocs/azure-docs source of that page, articles/dns/dns-private-resolver-
        // overview.md.) So a linked private zone beats any ruleset rule, even a more
        // specific one; "If multiple matches are present, the longest suffix is used" among
        // rules. Rulesets apply to every linked VNet, peered or not
        // (private-resolver-endpoints-rulesets).
        Some(NetworkKind::AzureVnet) => "https://learn.microsoft.com/en-us/azure/dns/dns-private-resolver-overview#how-does-it-work",
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
        rule: "Azure DNS consults the private zones linked to the VNet first; the VNet's forwarding ruleset is used only for a name no linked zone covers (then the longest matching rule wins). A linked zone therefore beats a rule of the same name, or even a more specific rule.",
        source: "https://learn.microsoft.com/en-us/azure/dns/dns-private-resolver-overview#how-does-it-work",
        confirmed: true,
    },
    Note {
        provider: "Azure DNS Private Resolver",
        rule: "A ruleset is used by every VNet linked to it, peered or not; an inbound endpoint answers the private zones linked to its own VNet.",
        source: "https://learn.microsoft.com/en-us/azure/dns/private-resolver-endpoints-rulesets",
        confirmed: true,
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
    if kind == Some(NetworkKind::AzureVnet) {
        // Linked private zones before ruleset links (see `source`).
        let zones: Vec<Candidate> = candidates
            .iter()
            .filter(|c| c.kind == CandidateKind::Zone)
            .cloned()
            .collect();
        if !zones.is_empty() && zones.len() < candidates.len() {
            let (zone, _) = most_specific(None, &zones)?;
            return Some((zone, Why::LinkedZoneFirst));
        }
    }
    most_specific(kind, candidates)
}

/// The most specific candidate; a tie between a rule and a zone broken as `kind`'s
/// resolver does.
fn most_specific(kind: Option<NetworkKind>, candidates: &[Candidate]) -> Option<(Candidate, Why)> {
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
        Some(NetworkKind::AwsVpc) => top
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
        for k in [Some(NetworkKind::AwsVpc), Some(NetworkKind::GcpVpc), None] {
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

    #[test]
    fn azure_consults_linked_zones_before_the_ruleset() {
        // dns-private-resolver-overview, "How does it work", steps 3 and 4.
        let az = Some(NetworkKind::AzureVnet);
        let rule = c(CandidateKind::Rule, "fwd", "corp.example.com");
        let zone = c(CandidateKind::Zone, "pz", "corp.example.com");
        let deeper_rule = c(CandidateKind::Rule, "aws", "aws.corp.example.com");
        let wider_rule = c(CandidateKind::Rule, "all", "example.com");
        // Same name: the zone.
        assert_eq!(
            choose(az, &[rule.clone(), zone.clone()]),
            Some((zone.clone(), Why::LinkedZoneFirst))
        );
        // A more specific rule still loses to a linked zone covering the name.
        assert_eq!(
            choose(az, &[deeper_rule.clone(), zone.clone(), wider_rule.clone()]),
            Some((zone.clone(), Why::LinkedZoneFirst))
        );
        // Among rules alone, the longest suffix; among zones alone, the most specific.
        assert_eq!(
            choose(az, &[wider_rule.clone(), deeper_rule.clone()]),
            Some((deeper_rule.clone(), Why::MostSpecific))
        );
        let inner = c(CandidateKind::Zone, "inner", "aws.corp.example.com");
        assert_eq!(
            choose(az, &[zone.clone(), inner.clone()]),
            Some((inner, Why::MostSpecific))
        );
        assert_eq!(
            choose(az, std::slice::from_ref(&zone)),
            Some((zone, Why::Only))
        );
        // Route 53 keeps its own order: the rule of the same name wins.
        assert_eq!(
            choose(
                Some(NetworkKind::AwsVpc),
                &[
                    c(CandidateKind::Zone, "phz", "corp.example.com"),
                    rule.clone()
                ]
            ),
            Some((rule, Why::RuleWinsTie))
        );
    }
}
