//! Forwarding rules in every form the providers and DNS servers have: Route 53 Resolver
//! rules (`FORWARD`, `SYSTEM`, `DELEGATE`) associated with VPCs, Azure DNS forwarding
//! ruleset rules linked to VNets, Cloud DNS forwarding and peering zones authorised for
//! networks, and conditional forwarders on a DNS server.
//!
//! A rule covers its domain and every name under it. Which rule or zone wins when several
//! cover a name is in [`super::precedence`].
//!
//! ```
//! use cloudhop_core::dns::rules::{Rule, RuleAction, RuleScope};
//! let r = Rule {
//!     id: "corp".into(),
//!     domain: "corp.example.com".parse().unwrap(),
//!     action: RuleAction::Forward { targets: vec!["192.168.10.10".parse().unwrap()] },
//!     scope: RuleScope::Route53 { endpoint: "out-1".into(), vpcs: vec!["vpc-app".into()] },
//! };
//! assert!(r.applies_to_network("vpc-app"));
//! assert_eq!(r.scope.label(), "Route 53 Resolver rule");
//! ```

use super::names::DomainName;
use serde::{Deserialize, Serialize};
use std::net::Ipv4Addr;

/// What a rule does with the names it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RuleActionRepr")]
pub enum RuleAction {
    /// Send the query to these servers (tried in order).
    Forward {
        /// Target addresses.
        targets: Vec<Ipv4Addr>,
    },
    /// Route 53 `SYSTEM`: resolve here after all (private hosted zones, then public DNS),
    /// overriding a less specific forwarding rule.
    System,
    /// Route 53 `DELEGATE`: follow a private hosted zone's delegation (NS records) for this
    /// domain to the delegated name servers through the rule's outbound endpoint.
    Delegate,
    /// Cloud DNS peering zone: resolve in another VPC network's resolution order.
    Peer {
        /// The producer network (id).
        network: String,
    },
}

/// Where a rule lives and which networks use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RuleScopeRepr")]
pub enum RuleScope {
    /// A Route 53 Resolver rule: its outbound endpoint and the VPCs it is associated with.
    Route53 {
        /// The outbound endpoint queries leave through (endpoint id; unused by `SYSTEM`).
        endpoint: String,
        /// Associated VPCs.
        vpcs: Vec<String>,
    },
    /// A rule in an Azure DNS forwarding ruleset: the ruleset's outbound endpoint and the
    /// VNets linked to the ruleset.
    AzureRuleset {
        /// The ruleset's name (rules of one ruleset share endpoint and links).
        ruleset: String,
        /// The outbound endpoint (endpoint id).
        endpoint: String,
        /// VNets linked to the ruleset.
        vnets: Vec<String>,
    },
    /// A Cloud DNS forwarding zone or peering zone, authorised for these networks.
    CloudDns {
        /// Authorised VPC networks.
        networks: Vec<String>,
    },
    /// A conditional forwarder on a DNS server.
    Server {
        /// The server (id).
        server: String,
    },
}

/// [`RuleAction`] as JSON has it, flat (see `super::tagged`).
#[derive(Deserialize)]
struct RuleActionRepr {
    kind: RuleActionKind,
    targets: Option<Vec<Ipv4Addr>>,
    network: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RuleActionKind {
    Forward,
    System,
    Delegate,
    Peer,
}

impl TryFrom<RuleActionRepr> for RuleAction {
    type Error = String;
    fn try_from(r: RuleActionRepr) -> Result<Self, String> {
        use super::tagged::need;
        Ok(match r.kind {
            RuleActionKind::Forward => RuleAction::Forward {
                targets: need(r.targets, "targets")?,
            },
            RuleActionKind::System => RuleAction::System,
            RuleActionKind::Delegate => RuleAction::Delegate,
            RuleActionKind::Peer => RuleAction::Peer {
                network: need(r.network, "network")?,
            },
        })
    }
}

/// [`RuleScope`] as JSON has it, flat (see `super::tagged`).
#[derive(Deserialize)]
struct RuleScopeRepr {
    kind: RuleScopeKind,
    endpoint: Option<String>,
    vpcs: Option<Vec<String>>,
    ruleset: Option<String>,
    vnets: Option<Vec<String>>,
    networks: Option<Vec<String>>,
    server: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RuleScopeKind {
    Route53,
    AzureRuleset,
    CloudDns,
    Server,
}

impl TryFrom<RuleScopeRepr> for RuleScope {
    type Error = String;
    fn try_from(r: RuleScopeRepr) -> Result<Self, String> {
        use super::tagged::need;
        Ok(match r.kind {
            RuleScopeKind::Route53 => RuleScope::Route53 {
                endpoint: need(r.endpoint, "endpoint")?,
                vpcs: need(r.vpcs, "vpcs")?,
            },
            RuleScopeKind::AzureRuleset => RuleScope::AzureRuleset {
                ruleset: need(r.ruleset, "ruleset")?,
                endpoint: need(r.endpoint, "endpoint")?,
                vnets: need(r.vnets, "vnets")?,
            },
            RuleScopeKind::CloudDns => RuleScope::CloudDns {
                networks: need(r.networks, "networks")?,
            },
            RuleScopeKind::Server => RuleScope::Server {
                server: need(r.server, "server")?,
            },
        })
    }
}

impl RuleScope {
    /// What a learner calls this kind of rule.
    pub fn label(&self) -> &'static str {
        match self {
            RuleScope::Route53 { .. } => "Route 53 Resolver rule",
            RuleScope::AzureRuleset { .. } => "Azure DNS forwarding ruleset rule",
            RuleScope::CloudDns { .. } => "Cloud DNS zone",
            RuleScope::Server { .. } => "conditional forwarder",
        }
    }

    /// The networks using the rule (empty for a server's conditional forwarder).
    pub fn networks(&self) -> &[String] {
        match self {
            RuleScope::Route53 { vpcs, .. } => vpcs,
            RuleScope::AzureRuleset { vnets, .. } => vnets,
            RuleScope::CloudDns { networks } => networks,
            RuleScope::Server { .. } => &[],
        }
    }

    /// The same scope used by other networks (a server's forwarder is unchanged).
    pub fn with_networks(&self, networks: Vec<String>) -> RuleScope {
        match self {
            RuleScope::Route53 { endpoint, .. } => RuleScope::Route53 {
                endpoint: endpoint.clone(),
                vpcs: networks,
            },
            RuleScope::AzureRuleset {
                ruleset, endpoint, ..
            } => RuleScope::AzureRuleset {
                ruleset: ruleset.clone(),
                endpoint: endpoint.clone(),
                vnets: networks,
            },
            RuleScope::CloudDns { .. } => RuleScope::CloudDns { networks },
            RuleScope::Server { server } => RuleScope::Server {
                server: server.clone(),
            },
        }
    }

    /// The outbound endpoint the rule's queries leave through, if it has one.
    pub fn endpoint(&self) -> Option<&str> {
        match self {
            RuleScope::Route53 { endpoint, .. } | RuleScope::AzureRuleset { endpoint, .. } => {
                Some(endpoint)
            }
            _ => None,
        }
    }
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Id (unique among rules).
    pub id: String,
    /// The domain it covers (and every name under it).
    pub domain: DomainName,
    /// What it does.
    pub action: RuleAction,
    /// Where it lives.
    pub scope: RuleScope,
}

impl Rule {
    /// Whether the cloud network `net` uses this rule.
    pub fn applies_to_network(&self, net: &str) -> bool {
        self.scope.networks().iter().any(|n| n == net)
    }

    /// Whether this is a conditional forwarder on server `server`.
    pub fn on_server(&self, server: &str) -> bool {
        matches!(&self.scope, RuleScope::Server { server: s } if s == server)
    }

    /// Whether it covers `name`.
    pub fn covers(&self, name: &DomainName) -> bool {
        name.is_at_or_below(&self.domain)
    }
}
