//! Networks, the links between them, and the clients that ask questions.
//!
//! A network is an AWS VPC, an Azure VNet, a Google Cloud VPC network or an on-premises
//! site, with one IPv4 range. Links join two networks: a VPN tunnel, an interconnect
//! (Direct Connect, ExpressRoute, Cloud Interconnect) or a peering, and say whether DNS
//! (port 53, UDP and TCP) is allowed across them.
//!
//! ```
//! use cloudhop_core::dns::network::{Network, NetworkKind};
//! let vpc = Network { id: "vpc-app".into(), kind: NetworkKind::AwsVpc, cidr: "10.16.0.0/16".parse().unwrap() };
//! assert_eq!(vpc.provider_resolver().unwrap().to_string(), "10.16.0.2");
//! ```

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use std::net::Ipv4Addr;

/// Azure DNS's virtual address, answered inside every VNet.
pub const AZURE_DNS: Ipv4Addr = Ipv4Addr::new(168, 63, 129, 16);
/// Google Cloud's metadata server, the name server of every VM.
pub const GOOGLE_METADATA: Ipv4Addr = Ipv4Addr::new(169, 254, 169, 254);

/// What kind of network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkKind {
    /// An AWS VPC: the Route 53 Resolver answers at the range's base plus two.
    AwsVpc,
    /// An Azure VNet: Azure DNS answers at 168.63.129.16.
    AzureVnet,
    /// A Google Cloud VPC network: Cloud DNS answers at the metadata server 169.254.169.254.
    GcpVpc,
    /// An on-premises site: its own DNS servers.
    OnPrem,
}

impl NetworkKind {
    /// What a learner calls it.
    pub fn label(self) -> &'static str {
        match self {
            NetworkKind::AwsVpc => "AWS VPC",
            NetworkKind::AzureVnet => "Azure VNet",
            NetworkKind::GcpVpc => "Google Cloud VPC network",
            NetworkKind::OnPrem => "on-premises site",
        }
    }

    /// The built-in resolver's name ("Route 53 Resolver", ...), none on premises.
    pub fn resolver_label(self) -> Option<&'static str> {
        match self {
            NetworkKind::AwsVpc => Some("Route 53 Resolver"),
            NetworkKind::AzureVnet => Some("Azure DNS"),
            NetworkKind::GcpVpc => Some("Cloud DNS"),
            NetworkKind::OnPrem => None,
        }
    }
}

/// A network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    /// Id (unique among networks).
    pub id: String,
    /// What kind.
    pub kind: NetworkKind,
    /// Its IPv4 range.
    pub cidr: Ipv4Net,
}

impl Network {
    /// The address of the built-in resolver as seen from inside: the VPC's base plus two
    /// (10.16.0.0/16 → 10.16.0.2), 168.63.129.16 in Azure, 169.254.169.254 in Google
    /// Cloud; none on premises.
    pub fn provider_resolver(&self) -> Option<Ipv4Addr> {
        match self.kind {
            NetworkKind::AwsVpc => Some(plus_two(self.cidr)),
            NetworkKind::AzureVnet => Some(AZURE_DNS),
            NetworkKind::GcpVpc => Some(GOOGLE_METADATA),
            NetworkKind::OnPrem => None,
        }
    }
}

/// The VPC resolver's address: the range's network address plus two.
///
/// ```
/// use cloudhop_core::dns::network::plus_two;
/// assert_eq!(plus_two("10.0.0.0/8".parse().unwrap()).to_string(), "10.0.0.2");
/// ```
pub fn plus_two(cidr: Ipv4Net) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(cidr.network()).wrapping_add(2))
}

/// How two networks are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A site-to-site VPN tunnel.
    Tunnel,
    /// A dedicated link (Direct Connect, ExpressRoute, Cloud Interconnect).
    Interconnect,
    /// VPC / VNet peering: joins exactly two networks and is not transitive.
    Peering,
}

impl LinkKind {
    /// What a learner calls it.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Tunnel => "VPN tunnel",
            LinkKind::Interconnect => "interconnect",
            LinkKind::Peering => "peering",
        }
    }
}

fn yes() -> bool {
    true
}

/// A link between two networks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Id (unique among links).
    pub id: String,
    /// What kind.
    pub kind: LinkKind,
    /// The two networks (ids).
    pub a: String,
    /// The other network.
    pub b: String,
    /// Whether firewalls and security groups along it let DNS through (port 53, UDP and TCP).
    #[serde(default = "yes")]
    pub dns_allowed: bool,
    /// Whether the far side has a route back to Google's DNS forwarding range
    /// 35.199.192.0/19 over this link (needed for Cloud DNS forwarding zones with private
    /// targets).
    #[serde(default)]
    pub routes_google_dns_range: bool,
}

impl Link {
    /// The network at the other end from `net`, if `net` is an end.
    pub fn other_end(&self, net: &str) -> Option<&str> {
        if self.a == net {
            Some(&self.b)
        } else if self.b == net {
            Some(&self.a)
        } else {
            None
        }
    }
}

/// A machine that asks: an EC2 instance, an Azure or Google VM, an office laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    /// Id (unique among clients).
    pub id: String,
    /// The network it is in.
    pub network: String,
    /// The resolver it is configured with; none: the network's built-in resolver
    /// (on premises one must be given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolver: Option<Ipv4Addr>,
}
