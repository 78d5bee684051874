//! Records and zones: what a zone holds, who can see it, and what it says about a name
//! (an answer, a CNAME, a delegation to other servers, NXDOMAIN or "no data").
//!
//! A zone's [`ZoneScope`] says where it is visible: public DNS (anyone resolving on the
//! internet), a Route 53 private hosted zone associated with VPCs, an Azure private DNS
//! zone linked to VNets, a Cloud DNS private zone authorised for VPC networks, or a zone
//! hosted on DNS servers (an Active Directory-integrated zone on domain controllers, a
//! BIND zone on premises).
//!
//! ```
//! use cloudhop_core::dns::records::{Record, RecordType, Zone, ZoneLookup, ZoneScope};
//! let zone = Zone {
//!     id: "corp".into(),
//!     origin: "corp.example.com".parse().unwrap(),
//!     scope: ZoneScope::Servers { servers: vec!["dc1".into()] },
//!     records: vec![Record::new("fileserver.corp.example.com", RecordType::A, 300, "192.168.20.5").unwrap()],
//!     negative_ttl: 60,
//! };
//! let q = "fileserver.corp.example.com".parse().unwrap();
//! assert!(matches!(zone.lookup(&q, RecordType::A), ZoneLookup::Answer(r) if r.len() == 1));
//! let q = "nope.corp.example.com".parse().unwrap();
//! assert_eq!(zone.lookup(&q, RecordType::A), ZoneLookup::NxDomain);
//! ```

use super::error::DnsError;
use super::names::DomainName;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The record types the lab models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RecordType {
    /// An IPv4 address.
    A,
    /// An IPv6 address.
    #[serde(rename = "AAAA")]
    Aaaa,
    /// An alias to another name.
    #[serde(rename = "CNAME")]
    Cname,
    /// A name server (a delegation when below the zone's origin).
    #[serde(rename = "NS")]
    Ns,
    /// Text.
    #[serde(rename = "TXT")]
    Txt,
}

impl RecordType {
    /// Every type, in menu order.
    pub const ALL: [RecordType; 5] = [
        RecordType::A,
        RecordType::Aaaa,
        RecordType::Cname,
        RecordType::Ns,
        RecordType::Txt,
    ];

    /// The type's name as DNS writes it (`A`, `AAAA`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::A => "A",
            RecordType::Aaaa => "AAAA",
            RecordType::Cname => "CNAME",
            RecordType::Ns => "NS",
            RecordType::Txt => "TXT",
        }
    }

    /// Read a type name, in any case.
    ///
    /// ```
    /// use cloudhop_core::dns::records::RecordType;
    /// assert_eq!(RecordType::parse("aaaa").unwrap(), RecordType::Aaaa);
    /// assert!(RecordType::parse("MX").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<RecordType, DnsError> {
        let up = text.trim().to_ascii_uppercase();
        RecordType::ALL
            .into_iter()
            .find(|t| t.as_str() == up)
            .ok_or_else(|| {
                DnsError::new(format!(
                    "unknown record type `{}` (the lab knows A, AAAA, CNAME, NS and TXT)",
                    text.trim()
                ))
            })
    }
}

impl fmt::Display for RecordType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The longest TTL the lab accepts: one week, in seconds.
pub const MAX_TTL: u32 = 604_800;

/// One record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Record {
    /// The owner name.
    pub name: DomainName,
    /// The type.
    #[serde(rename = "type")]
    pub rtype: RecordType,
    /// Time to live, in seconds.
    pub ttl: u32,
    /// The data: an address for A/AAAA, a name for CNAME/NS, text for TXT.
    pub value: String,
}

impl Record {
    /// A checked record (the value normalised: names lower case without the dot).
    ///
    /// ```
    /// use cloudhop_core::dns::records::{Record, RecordType};
    /// let r = Record::new("www.example.com", RecordType::Cname, 60, "Web.Example.NET.").unwrap();
    /// assert_eq!(r.value, "web.example.net");
    /// assert!(Record::new("www.example.com", RecordType::A, 60, "10.0.0.300").is_err());
    /// ```
    pub fn new(name: &str, rtype: RecordType, ttl: u32, value: &str) -> Result<Record, DnsError> {
        let r = Record {
            name: DomainName::parse(name)?,
            rtype,
            ttl,
            value: value.trim().to_string(),
        };
        r.checked()
    }

    /// The record with its value checked and normalised.
    pub fn checked(mut self) -> Result<Record, DnsError> {
        if self.ttl > MAX_TTL {
            return Err(DnsError::new(format!(
                "the TTL of {} {} is {} s; the lab allows up to {MAX_TTL} s (a week)",
                self.name, self.rtype, self.ttl
            )));
        }
        let v = self.value.trim();
        self.value = match self.rtype {
            RecordType::A => v
                .parse::<Ipv4Addr>()
                .map_err(|_| {
                    DnsError::new(format!("{} A: `{v}` is not an IPv4 address", self.name))
                })?
                .to_string(),
            RecordType::Aaaa => v
                .parse::<Ipv6Addr>()
                .map_err(|_| {
                    DnsError::new(format!("{} AAAA: `{v}` is not an IPv6 address", self.name))
                })?
                .to_string(),
            RecordType::Cname | RecordType::Ns => DomainName::parse(v)
                .map_err(|e| e.context(format!("{} {}", self.name, self.rtype)))?
                .to_string(),
            RecordType::Txt => {
                if v.len() > 255 {
                    return Err(DnsError::new(format!(
                        "{} TXT: the text is longer than 255 characters",
                        self.name
                    )));
                }
                v.to_string()
            }
        };
        Ok(self)
    }

    /// The record as a zone file line (`name. 300 IN A 10.0.0.1`).
    pub fn zone_line(&self) -> String {
        let value = match self.rtype {
            RecordType::Cname | RecordType::Ns => format!("{}.", self.value),
            RecordType::Txt => format!("\"{}\"", self.value.replace('"', "")),
            _ => self.value.clone(),
        };
        format!(
            "{} {} IN {} {}",
            self.name.fqdn(),
            self.ttl,
            self.rtype,
            value
        )
    }
}

/// Where a zone is visible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "ZoneScopeRepr")]
pub enum ZoneScope {
    /// Public DNS: anyone resolving on the internet finds it.
    Public,
    /// A Route 53 private hosted zone, answered by the Route 53 Resolver of the associated VPCs.
    Route53Private {
        /// Associated VPCs (network ids).
        vpcs: Vec<String>,
    },
    /// An Azure private DNS zone, answered by Azure DNS (168.63.129.16) in the linked VNets.
    AzurePrivate {
        /// Linked VNets (network ids).
        vnets: Vec<String>,
    },
    /// A Cloud DNS private zone, answered by the metadata server of the authorised networks.
    CloudDnsPrivate {
        /// Authorised VPC networks (network ids).
        networks: Vec<String>,
    },
    /// Hosted on DNS servers: an AD-integrated zone on domain controllers, a BIND zone.
    Servers {
        /// The servers that host it (server ids).
        servers: Vec<String>,
    },
}

/// [`ZoneScope`] as JSON has it, flat (see `super::tagged`).
#[derive(Deserialize)]
struct ZoneScopeRepr {
    kind: ZoneScopeKind,
    vpcs: Option<Vec<String>>,
    vnets: Option<Vec<String>>,
    networks: Option<Vec<String>>,
    servers: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ZoneScopeKind {
    Public,
    Route53Private,
    AzurePrivate,
    CloudDnsPrivate,
    Servers,
}

impl TryFrom<ZoneScopeRepr> for ZoneScope {
    type Error = String;
    fn try_from(r: ZoneScopeRepr) -> Result<Self, String> {
        use super::tagged::need;
        Ok(match r.kind {
            ZoneScopeKind::Public => ZoneScope::Public,
            ZoneScopeKind::Route53Private => ZoneScope::Route53Private {
                vpcs: need(r.vpcs, "vpcs")?,
            },
            ZoneScopeKind::AzurePrivate => ZoneScope::AzurePrivate {
                vnets: need(r.vnets, "vnets")?,
            },
            ZoneScopeKind::CloudDnsPrivate => ZoneScope::CloudDnsPrivate {
                networks: need(r.networks, "networks")?,
            },
            ZoneScopeKind::Servers => ZoneScope::Servers {
                servers: need(r.servers, "servers")?,
            },
        })
    }
}

impl ZoneScope {
    /// The network or server ids the zone is associated with, linked to or hosted on.
    pub fn members(&self) -> &[String] {
        match self {
            ZoneScope::Public => &[],
            ZoneScope::Route53Private { vpcs } => vpcs,
            ZoneScope::AzurePrivate { vnets } => vnets,
            ZoneScope::CloudDnsPrivate { networks } => networks,
            ZoneScope::Servers { servers } => servers,
        }
    }

    /// The same scope with other members (no change for a public zone).
    pub fn with_members(&self, members: Vec<String>) -> ZoneScope {
        match self {
            ZoneScope::Public => ZoneScope::Public,
            ZoneScope::Route53Private { .. } => ZoneScope::Route53Private { vpcs: members },
            ZoneScope::AzurePrivate { .. } => ZoneScope::AzurePrivate { vnets: members },
            ZoneScope::CloudDnsPrivate { .. } => ZoneScope::CloudDnsPrivate { networks: members },
            ZoneScope::Servers { .. } => ZoneScope::Servers { servers: members },
        }
    }

    /// What a learner calls this kind of zone.
    pub fn label(&self) -> &'static str {
        match self {
            ZoneScope::Public => "public zone",
            ZoneScope::Route53Private { .. } => "Route 53 private hosted zone",
            ZoneScope::AzurePrivate { .. } => "Azure private DNS zone",
            ZoneScope::CloudDnsPrivate { .. } => "Cloud DNS private zone",
            ZoneScope::Servers { .. } => "zone hosted on DNS servers",
        }
    }
}

fn default_negative_ttl() -> u32 {
    300
}

/// A zone: an origin, where it is visible, its records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    /// Id (unique among zones).
    pub id: String,
    /// The zone's apex.
    pub origin: DomainName,
    /// Where it is visible.
    pub scope: ZoneScope,
    /// Records, each at or below the origin.
    #[serde(default)]
    pub records: Vec<Record>,
    /// How long resolvers keep "no such name" from this zone (the SOA minimum), seconds.
    #[serde(default = "default_negative_ttl")]
    pub negative_ttl: u32,
}

/// What a zone says about a name and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZoneLookup {
    /// Records of the type asked (a CNAME chain inside the zone comes first).
    Answer(Vec<Record>),
    /// The name is an alias whose target lies outside this zone: the CNAME chain so far.
    Alias {
        /// The CNAME records followed inside the zone.
        chain: Vec<Record>,
        /// The name to resolve next.
        target: DomainName,
    },
    /// The name lies under a delegation: the child zone's apex and its name servers'
    /// addresses (glue found in this zone).
    Referral {
        /// The delegated name (the zone cut).
        cut: DomainName,
        /// The NS host names.
        hosts: Vec<DomainName>,
        /// The addresses found for them in this zone.
        addresses: Vec<Ipv4Addr>,
    },
    /// The name does not exist in the zone.
    NxDomain,
    /// The name exists but has no record of this type.
    NoData,
}

impl Zone {
    /// Whether `name` is inside this zone's namespace.
    pub fn covers(&self, name: &DomainName) -> bool {
        name.is_at_or_below(&self.origin)
    }

    /// The delegation (zone cut) covering `name`, if any: the NS records of the highest
    /// name strictly below the origin that is `name` or above it.
    fn cut_for(&self, name: &DomainName) -> Option<DomainName> {
        let mut best: Option<DomainName> = None;
        for r in &self.records {
            if r.rtype == RecordType::Ns
                && r.name != self.origin
                && name.is_at_or_below(&r.name)
                && best
                    .as_ref()
                    .is_none_or(|b| r.name.label_count() < b.label_count())
            {
                best = Some(r.name.clone());
            }
        }
        best
    }

    /// What the zone says about `name` / `rtype`, as an authoritative server answers
    /// (CNAMEs inside the zone followed, as BIND does; at most 8).
    pub fn lookup(&self, name: &DomainName, rtype: RecordType) -> ZoneLookup {
        let mut chain: Vec<Record> = Vec::new();
        let mut current = name.clone();
        for _ in 0..8 {
            if !self.covers(&current) {
                return ZoneLookup::Alias {
                    chain,
                    target: current,
                };
            }
            if let Some(cut) = self.cut_for(&current) {
                if !chain.is_empty() {
                    return ZoneLookup::Alias {
                        chain,
                        target: current,
                    };
                }
                let hosts: Vec<DomainName> = self
                    .records
                    .iter()
                    .filter(|r| r.rtype == RecordType::Ns && r.name == cut)
                    .filter_map(|r| DomainName::parse(&r.value).ok())
                    .collect();
                let addresses = self.addresses_of(&hosts);
                return ZoneLookup::Referral {
                    cut,
                    hosts,
                    addresses,
                };
            }
            let at: Vec<&Record> = self.records.iter().filter(|r| r.name == current).collect();
            let exact: Vec<Record> = at
                .iter()
                .filter(|r| r.rtype == rtype)
                .map(|r| (*r).clone())
                .collect();
            if !exact.is_empty() {
                chain.extend(exact);
                return ZoneLookup::Answer(chain);
            }
            if let Some(cname) = at.iter().find(|r| r.rtype == RecordType::Cname) {
                chain.push((*cname).clone());
                match DomainName::parse(&cname.value) {
                    Ok(t) => current = t,
                    Err(_) => return ZoneLookup::NxDomain,
                }
                continue;
            }
            if at.is_empty() && !self.has_names_below(&current) && current != self.origin {
                return if chain.is_empty() {
                    ZoneLookup::NxDomain
                } else {
                    ZoneLookup::Answer(chain)
                };
            }
            return if chain.is_empty() {
                ZoneLookup::NoData
            } else {
                ZoneLookup::Answer(chain)
            };
        }
        ZoneLookup::Answer(chain)
    }

    /// Whether any record lives strictly below `name` (then `name` exists as an empty
    /// non-terminal: "no data", not NXDOMAIN).
    fn has_names_below(&self, name: &DomainName) -> bool {
        self.records
            .iter()
            .any(|r| r.name != *name && r.name.is_at_or_below(name))
    }

    /// The IPv4 addresses this zone holds for `hosts` (glue).
    pub fn addresses_of(&self, hosts: &[DomainName]) -> Vec<Ipv4Addr> {
        let mut out = Vec::new();
        for h in hosts {
            for r in &self.records {
                if r.rtype == RecordType::A && r.name == *h {
                    if let Ok(a) = r.value.parse::<Ipv4Addr>() {
                        if !out.contains(&a) {
                            out.push(a);
                        }
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(n: &str, t: RecordType, v: &str) -> Record {
        Record::new(n, t, 300, v).unwrap()
    }

    fn zone() -> Zone {
        Zone {
            id: "z".into(),
            origin: "corp.example.com".parse().unwrap(),
            scope: ZoneScope::Public,
            records: vec![
                rec("a.corp.example.com", RecordType::A, "10.0.0.1"),
                rec(
                    "alias.corp.example.com",
                    RecordType::Cname,
                    "a.corp.example.com",
                ),
                rec("out.corp.example.com", RecordType::Cname, "www.other.net"),
                rec("x.y.corp.example.com", RecordType::A, "10.0.0.2"),
                rec(
                    "aws.corp.example.com",
                    RecordType::Ns,
                    "ns1.aws.corp.example.com",
                ),
                rec("ns1.aws.corp.example.com", RecordType::A, "10.16.0.10"),
            ],
            negative_ttl: 60,
        }
    }

    fn n(s: &str) -> DomainName {
        s.parse().unwrap()
    }

    #[test]
    fn answers_aliases_referrals_and_negatives() {
        let z = zone();
        assert!(
            matches!(z.lookup(&n("alias.corp.example.com"), RecordType::A), ZoneLookup::Answer(r) if r.len() == 2)
        );
        assert!(
            matches!(z.lookup(&n("out.corp.example.com"), RecordType::A), ZoneLookup::Alias { target, .. } if target == n("www.other.net"))
        );
        assert_eq!(
            z.lookup(&n("y.corp.example.com"), RecordType::A),
            ZoneLookup::NoData
        );
        assert_eq!(
            z.lookup(&n("a.corp.example.com"), RecordType::Txt),
            ZoneLookup::NoData
        );
        assert_eq!(
            z.lookup(&n("b.corp.example.com"), RecordType::A),
            ZoneLookup::NxDomain
        );
        match z.lookup(&n("db.aws.corp.example.com"), RecordType::A) {
            ZoneLookup::Referral { cut, addresses, .. } => {
                assert_eq!(cut, n("aws.corp.example.com"));
                assert_eq!(addresses, vec![Ipv4Addr::new(10, 16, 0, 10)]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            z.lookup(&n("alias.corp.example.com"), RecordType::Cname),
            ZoneLookup::Answer(r) if r.len() == 1
        ));
    }
}
