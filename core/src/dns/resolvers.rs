//! What answers DNS queries besides the clouds' built-in resolvers: DNS servers you run
//! (Active Directory domain controllers, BIND or Unbound on premises or on a VM) and the
//! clouds' resolver endpoints.
//!
//! | endpoint | cloud | what it does |
//! |---|---|---|
//! | `route53_inbound` | AWS | addresses in a VPC that outside servers forward to; answered by that VPC's Route 53 Resolver (its private hosted zones and rules) |
//! | `route53_outbound` | AWS | where queries matched by a Route 53 Resolver rule leave the VPC; it does not answer queries |
//! | `azure_inbound` | Azure | DNS Private Resolver inbound endpoint: answered by Azure DNS for the VNet (zones linked to it) |
//! | `azure_outbound` | Azure | DNS Private Resolver outbound endpoint, used by forwarding rulesets |
//! | `gcp_inbound` | Google Cloud | an inbound server policy's forwarder address in a VPC network; answered in that network's resolution order |
//!
//! ```
//! use cloudhop_core::dns::resolvers::EndpointKind;
//! assert!(EndpointKind::Route53Inbound.answers());
//! assert!(!EndpointKind::AzureOutbound.answers());
//! ```

use super::network::NetworkKind;
use serde::{Deserialize, Serialize};
use std::net::Ipv4Addr;

/// A DNS server you run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsServer {
    /// Id (unique among servers).
    pub id: String,
    /// The network it is in.
    pub network: String,
    /// Its address.
    pub address: Ipv4Addr,
    /// Whether it resolves names it does not host or forward (recursion to the internet).
    /// An authoritative-only server refuses those.
    #[serde(default)]
    pub recursion: bool,
    /// Where it sends every name it neither hosts nor forwards conditionally (empty: it
    /// recurses itself, if allowed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forwarders: Vec<Ipv4Addr>,
    /// It keeps every answer at least this long (Unbound's `cache-min-ttl`), seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_cache_ttl: Option<u32>,
    /// Active Directory domain controller (shown so; behaves as any DNS server).
    #[serde(default)]
    pub domain_controller: bool,
}

/// The kind of a cloud resolver endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// Route 53 Resolver inbound endpoint.
    Route53Inbound,
    /// Route 53 Resolver outbound endpoint.
    Route53Outbound,
    /// Azure DNS Private Resolver inbound endpoint.
    AzureInbound,
    /// Azure DNS Private Resolver outbound endpoint.
    AzureOutbound,
    /// Cloud DNS inbound server policy (its forwarder address in the network).
    GcpInbound,
}

impl EndpointKind {
    /// The network kind the endpoint lives in.
    pub fn network_kind(self) -> NetworkKind {
        match self {
            EndpointKind::Route53Inbound | EndpointKind::Route53Outbound => NetworkKind::AwsVpc,
            EndpointKind::AzureInbound | EndpointKind::AzureOutbound => NetworkKind::AzureVnet,
            EndpointKind::GcpInbound => NetworkKind::GcpVpc,
        }
    }

    /// Whether queries sent to its addresses are answered (inbound) or not (outbound).
    pub fn answers(self) -> bool {
        matches!(
            self,
            EndpointKind::Route53Inbound | EndpointKind::AzureInbound | EndpointKind::GcpInbound
        )
    }

    /// What a learner calls it.
    pub fn label(self) -> &'static str {
        match self {
            EndpointKind::Route53Inbound => "Route 53 Resolver inbound endpoint",
            EndpointKind::Route53Outbound => "Route 53 Resolver outbound endpoint",
            EndpointKind::AzureInbound => "Azure DNS Private Resolver inbound endpoint",
            EndpointKind::AzureOutbound => "Azure DNS Private Resolver outbound endpoint",
            EndpointKind::GcpInbound => "Cloud DNS inbound server policy",
        }
    }
}

/// A resolver endpoint in a cloud network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    /// Id (unique among endpoints).
    pub id: String,
    /// What kind.
    pub kind: EndpointKind,
    /// The network it is in.
    pub network: String,
    /// Its addresses, inside the network's range (an inbound endpoint needs at least one).
    #[serde(default)]
    pub addresses: Vec<Ipv4Addr>,
}
