//! A hybrid DNS scenario: networks and links, DNS servers and cloud endpoints, rules,
//! zones and clients, and the check that it holds together ([`Scenario::validate`]).
//!
//! ```
//! use cloudhop_core::dns::scenario::Scenario;
//! let sc = Scenario::from_json(r#"{
//!   "networks": [{"id": "vpc-app", "kind": "aws_vpc", "cidr": "10.16.0.0/16"}],
//!   "clients": [{"id": "ec2", "network": "vpc-app"}]
//! }"#).unwrap();
//! assert_eq!(sc.networks.len(), 1);
//! let bad = Scenario::from_json(r#"{"clients": [{"id": "ec2", "network": "nowhere"}]}"#);
//! assert!(bad.unwrap_err().to_string().contains("nowhere"));
//! ```

use super::error::DnsError;
use super::network::{Client, Link, Network, NetworkKind};
use super::records::{Zone, ZoneScope};
use super::resolvers::{DnsServer, Endpoint, EndpointKind};
use super::rules::{Rule, RuleAction, RuleScope};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::net::Ipv4Addr;

/// Limits that keep a scenario (from a link or a file) small enough to show.
pub const MAX_NETWORKS: usize = 1000;
/// Most rules in a scenario.
pub const MAX_RULES: usize = 5000;
/// Most zones in a scenario.
pub const MAX_ZONES: usize = 1000;
/// Most records in all zones together.
pub const MAX_RECORDS: usize = 20_000;
/// Most targets of one forwarding rule.
pub const MAX_TARGETS: usize = 8;

/// Everything the lab models.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// VPCs, VNets, VPC networks and on-premises sites.
    #[serde(default)]
    pub networks: Vec<Network>,
    /// Tunnels, interconnects and peerings.
    #[serde(default)]
    pub links: Vec<Link>,
    /// DNS servers you run (domain controllers, BIND, Unbound).
    #[serde(default)]
    pub servers: Vec<DnsServer>,
    /// Cloud resolver endpoints.
    #[serde(default)]
    pub endpoints: Vec<Endpoint>,
    /// Forwarding rules, ruleset rules, forwarding and peering zones, conditional forwarders.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Zones with their records.
    #[serde(default)]
    pub zones: Vec<Zone>,
    /// The machines that ask.
    #[serde(default)]
    pub clients: Vec<Client>,
}

/// What an address in a scenario belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listener<'a> {
    /// A DNS server.
    Server(&'a DnsServer),
    /// A resolver endpoint.
    Endpoint(&'a Endpoint),
}

fn check_id(kind: &str, id: &str) -> Result<(), DnsError> {
    if id.is_empty() || id.len() > 40 {
        return Err(DnsError::new(format!(
            "a {kind} id must have 1 to 40 characters (`{id}`)"
        )));
    }
    if !id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        return Err(DnsError::new(format!(
            "the {kind} id `{id}` may hold only letters, digits, `-`, `_` and `.`"
        )));
    }
    Ok(())
}

fn unique<'a>(kind: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), DnsError> {
    let mut seen = HashSet::new();
    for id in ids {
        check_id(kind, id)?;
        if !seen.insert(id) {
            return Err(DnsError::new(format!("two {kind}s are called `{id}`")));
        }
    }
    Ok(())
}

impl Scenario {
    /// Read a scenario from JSON and validate it.
    pub fn from_json(text: &str) -> Result<Scenario, DnsError> {
        let sc: Scenario = serde_json::from_str(text)
            .map_err(|e| DnsError::new(crate::exercise::readable_json_error(&e)))?;
        sc.validate()?;
        Ok(sc)
    }

    /// The scenario as pretty JSON.
    ///
    /// Written compact and re-indented ([`crate::pretty_json`]): the scenario's
    /// serialisation then exists once in a bundle (the lab's link writes it compact).
    pub fn to_json(&self) -> String {
        crate::pretty_json::indent(&serde_json::to_string(self).unwrap_or_default())
    }

    /// The network called `id`.
    pub fn network(&self, id: &str) -> Option<&Network> {
        self.networks.iter().find(|n| n.id == id)
    }

    /// The server called `id`.
    pub fn server(&self, id: &str) -> Option<&DnsServer> {
        self.servers.iter().find(|s| s.id == id)
    }

    /// The endpoint called `id`.
    pub fn endpoint(&self, id: &str) -> Option<&Endpoint> {
        self.endpoints.iter().find(|e| e.id == id)
    }

    /// The rule called `id`.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The zone called `id`.
    pub fn zone(&self, id: &str) -> Option<&Zone> {
        self.zones.iter().find(|z| z.id == id)
    }

    /// The client called `id`.
    pub fn client(&self, id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == id)
    }

    /// The link called `id`.
    pub fn link(&self, id: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.id == id)
    }

    /// Every address a server or endpoint listens on, and what owns it.
    pub fn listeners(&self) -> HashMap<Ipv4Addr, Listener<'_>> {
        let mut out = HashMap::new();
        for s in &self.servers {
            out.insert(s.address, Listener::Server(s));
        }
        for e in &self.endpoints {
            for a in &e.addresses {
                out.insert(*a, Listener::Endpoint(e));
            }
        }
        out
    }

    /// Check that everything refers to what exists, addresses lie in their networks and
    /// no two things claim one address, and each rule and zone fits its provider.
    ///
    /// ```
    /// use cloudhop_core::dns::scenario::Scenario;
    /// let e = Scenario::from_json(r#"{
    ///   "networks": [{"id": "vnet", "kind": "azure_vnet", "cidr": "10.40.0.0/16"}],
    ///   "endpoints": [{"id": "in", "kind": "route53_inbound", "network": "vnet", "addresses": ["10.40.0.4"]}]
    /// }"#).unwrap_err();
    /// assert!(e.to_string().contains("needs an AWS VPC"));
    /// ```
    pub fn validate(&self) -> Result<(), DnsError> {
        if self.networks.len() > MAX_NETWORKS {
            return Err(DnsError::new(format!(
                "{} networks; the lab handles up to {MAX_NETWORKS}",
                self.networks.len()
            )));
        }
        if self.rules.len() > MAX_RULES {
            return Err(DnsError::new(format!(
                "{} rules; the lab handles up to {MAX_RULES}",
                self.rules.len()
            )));
        }
        if self.zones.len() > MAX_ZONES {
            return Err(DnsError::new(format!(
                "{} zones; the lab handles up to {MAX_ZONES}",
                self.zones.len()
            )));
        }
        let records: usize = self.zones.iter().map(|z| z.records.len()).sum();
        if records > MAX_RECORDS {
            return Err(DnsError::new(format!(
                "{records} records; the lab handles up to {MAX_RECORDS}"
            )));
        }
        unique("network", self.networks.iter().map(|n| n.id.as_str()))?;
        unique("link", self.links.iter().map(|n| n.id.as_str()))?;
        unique("server", self.servers.iter().map(|n| n.id.as_str()))?;
        unique("endpoint", self.endpoints.iter().map(|n| n.id.as_str()))?;
        unique("rule", self.rules.iter().map(|n| n.id.as_str()))?;
        unique("zone", self.zones.iter().map(|n| n.id.as_str()))?;
        unique("client", self.clients.iter().map(|n| n.id.as_str()))?;
        let nets: HashMap<&str, &Network> =
            self.networks.iter().map(|n| (n.id.as_str(), n)).collect();
        self.validate_networks()?;
        let net = |what: &str, id: &str| -> Result<&Network, DnsError> {
            nets.get(id)
                .copied()
                .ok_or_else(|| DnsError::new(format!("{what}: there is no network `{id}`")))
        };
        for l in &self.links {
            net(&format!("link `{}`", l.id), &l.a)?;
            net(&format!("link `{}`", l.id), &l.b)?;
            if l.a == l.b {
                return Err(DnsError::new(format!(
                    "link `{}` joins `{}` to itself",
                    l.id, l.a
                )));
            }
        }
        let mut claimed: HashMap<Ipv4Addr, String> = HashMap::new();
        for n in &self.networks {
            if n.kind == NetworkKind::AwsVpc {
                if let Some(a) = n.provider_resolver() {
                    claimed.insert(a, format!("the Route 53 Resolver of `{}`", n.id));
                }
            }
        }
        let mut claim = |a: Ipv4Addr, who: String| -> Result<(), DnsError> {
            if let Some(prev) = claimed.get(&a) {
                return Err(DnsError::new(format!("{who} and {prev} both use {a}")));
            }
            claimed.insert(a, who);
            Ok(())
        };
        for s in &self.servers {
            let what = format!("server `{}`", s.id);
            let n = net(&what, &s.network)?;
            if !n.cidr.contains(&s.address) {
                return Err(DnsError::new(format!(
                    "{what}: {} is not inside `{}` ({})",
                    s.address, n.id, n.cidr
                )));
            }
            if s.forwarders.len() > MAX_TARGETS {
                return Err(DnsError::new(format!(
                    "{what}: at most {MAX_TARGETS} forwarders"
                )));
            }
            if s.min_cache_ttl.is_some_and(|t| t > super::records::MAX_TTL) {
                return Err(DnsError::new(format!(
                    "{what}: the minimum cache time is longer than a week"
                )));
            }
            claim(s.address, what)?;
        }
        for e in &self.endpoints {
            let what = format!("endpoint `{}`", e.id);
            let n = net(&what, &e.network)?;
            if n.kind != e.kind.network_kind() {
                return Err(DnsError::new(format!(
                    "{what}: a {} needs an {}, and `{}` is an {}",
                    e.kind.label(),
                    e.kind.network_kind().label(),
                    n.id,
                    n.kind.label()
                )));
            }
            if e.kind.answers() && e.addresses.is_empty() {
                return Err(DnsError::new(format!(
                    "{what}: an inbound endpoint needs at least one address"
                )));
            }
            if e.addresses.len() > MAX_TARGETS {
                return Err(DnsError::new(format!(
                    "{what}: at most {MAX_TARGETS} addresses"
                )));
            }
            for a in &e.addresses {
                if !n.cidr.contains(a) {
                    return Err(DnsError::new(format!(
                        "{what}: {a} is not inside `{}` ({})",
                        n.id, n.cidr
                    )));
                }
                claim(*a, what.clone())?;
            }
        }
        for r in &self.rules {
            self.validate_rule(r, &nets)
                .map_err(|e| e.context(format!("rule `{}`", r.id)))?;
        }
        self.validate_rule_overlaps()?;
        for z in &self.zones {
            self.validate_zone(z, &nets)
                .map_err(|e| e.context(format!("zone `{}`", z.id)))?;
        }
        self.validate_zone_overlaps()?;
        for c in &self.clients {
            let what = format!("client `{}`", c.id);
            let n = net(&what, &c.network)?;
            if n.kind == NetworkKind::OnPrem && c.resolver.is_none() {
                return Err(DnsError::new(format!(
                    "{what}: an on-premises client needs a resolver address (its DNS server)"
                )));
            }
        }
        Ok(())
    }

    fn validate_networks(&self) -> Result<(), DnsError> {
        let mut sorted: Vec<&Network> = self.networks.iter().collect();
        crate::order::sort_by(&mut sorted, |a, b| a.cidr.network().cmp(&b.cidr.network()));
        for w in sorted.windows(2) {
            if w[0].cidr.contains(&w[1].cidr.network()) {
                return Err(DnsError::new(format!(
                    "networks `{}` ({}) and `{}` ({}) overlap",
                    w[0].id, w[0].cidr, w[1].id, w[1].cidr
                )));
            }
        }
        for n in &self.networks {
            if n.kind != NetworkKind::OnPrem && n.cidr.prefix_len() > 28 {
                return Err(DnsError::new(format!(
                    "network `{}`: a cloud network's range is /28 or larger",
                    n.id
                )));
            }
        }
        Ok(())
    }

    fn validate_rule(&self, r: &Rule, nets: &HashMap<&str, &Network>) -> Result<(), DnsError> {
        let members = |kind: NetworkKind, ids: &[String]| -> Result<(), DnsError> {
            for id in ids {
                let n = nets
                    .get(id.as_str())
                    .ok_or_else(|| DnsError::new(format!("there is no network `{id}`")))?;
                if n.kind != kind {
                    return Err(DnsError::new(format!(
                        "a {} applies to an {}, and `{id}` is an {}",
                        r.scope.label(),
                        kind.label(),
                        n.kind.label()
                    )));
                }
            }
            if let Some((_, d)) = ids.iter().enumerate().find(|(i, d)| ids[..*i].contains(d)) {
                return Err(DnsError::new(format!("`{d}` is listed twice")));
            }
            Ok(())
        };
        let outbound = |id: &str, kind: EndpointKind| -> Result<(), DnsError> {
            let e = self
                .endpoint(id)
                .ok_or_else(|| DnsError::new(format!("there is no endpoint `{id}`")))?;
            if e.kind != kind {
                return Err(DnsError::new(format!(
                    "`{id}` is a {}, not a {}",
                    e.kind.label(),
                    kind.label()
                )));
            }
            Ok(())
        };
        if let RuleAction::Forward { targets } = &r.action {
            if targets.is_empty() {
                return Err(DnsError::new("a forwarding rule needs at least one target"));
            }
            if targets.len() > MAX_TARGETS {
                return Err(DnsError::new(format!("at most {MAX_TARGETS} targets")));
            }
        }
        match (&r.scope, &r.action) {
            (RuleScope::Route53 { endpoint, vpcs }, action) => {
                members(NetworkKind::AwsVpc, vpcs)?;
                match action {
                    RuleAction::Peer { .. } => {
                        return Err(DnsError::new(
                            "peering zones are Cloud DNS; Route 53 rules forward, delegate or are SYSTEM rules",
                        ))
                    }
                    RuleAction::System => {
                        if !endpoint.is_empty() {
                            outbound(endpoint, EndpointKind::Route53Outbound)?;
                        }
                    }
                    _ => outbound(endpoint, EndpointKind::Route53Outbound)?,
                }
            }
            (
                RuleScope::AzureRuleset {
                    endpoint,
                    vnets,
                    ruleset,
                },
                action,
            ) => {
                check_id("ruleset", ruleset)?;
                members(NetworkKind::AzureVnet, vnets)?;
                outbound(endpoint, EndpointKind::AzureOutbound)?;
                if !matches!(action, RuleAction::Forward { .. }) {
                    return Err(DnsError::new(
                        "an Azure forwarding ruleset rule only forwards",
                    ));
                }
            }
            (RuleScope::CloudDns { networks }, action) => {
                members(NetworkKind::GcpVpc, networks)?;
                match action {
                    RuleAction::Forward { .. } => {}
                    RuleAction::Peer { network } => {
                        let n = nets.get(network.as_str()).ok_or_else(|| {
                            DnsError::new(format!("there is no network `{network}`"))
                        })?;
                        if n.kind != NetworkKind::GcpVpc {
                            return Err(DnsError::new(format!(
                                "a peering zone targets a Google Cloud VPC network; `{network}` is an {}",
                                n.kind.label()
                            )));
                        }
                        if networks.contains(network) {
                            return Err(DnsError::new(format!(
                                "a peering zone in `{network}` may not target `{network}` itself"
                            )));
                        }
                    }
                    _ => {
                        return Err(DnsError::new(
                            "a Cloud DNS zone here is a forwarding zone or a peering zone",
                        ))
                    }
                }
            }
            (RuleScope::Server { server }, action) => {
                if self.server(server).is_none() {
                    return Err(DnsError::new(format!("there is no server `{server}`")));
                }
                if !matches!(action, RuleAction::Forward { .. }) {
                    return Err(DnsError::new("a conditional forwarder only forwards"));
                }
            }
        }
        Ok(())
    }

    /// Two rules of one kind for one domain used by one network (or one server) are
    /// ambiguous: every provider refuses them.
    fn validate_rule_overlaps(&self) -> Result<(), DnsError> {
        // Key: (a server's forwarder?, the server or network, the domain, DELEGATE?).
        let mut seen: HashMap<(bool, &str, &str, bool), &str> = HashMap::new();
        for r in &self.rules {
            let delegate = matches!(r.action, RuleAction::Delegate);
            let users: &[String] = match &r.scope {
                RuleScope::Server { server } => std::slice::from_ref(server),
                s => s.networks(),
            };
            let on_server = matches!(r.scope, RuleScope::Server { .. });
            for u in users {
                if let Some(prev) = seen.insert(
                    (on_server, u.as_str(), r.domain.as_str(), delegate),
                    r.id.as_str(),
                ) {
                    return Err(DnsError::new(format!(
                        "rules `{prev}` and `{}` both cover {} for {} `{u}`",
                        r.id,
                        r.domain,
                        if on_server { "server" } else { "network" }
                    )));
                }
            }
        }
        Ok(())
    }

    fn validate_zone(&self, z: &Zone, nets: &HashMap<&str, &Network>) -> Result<(), DnsError> {
        for r in &z.records {
            if !r.name.is_at_or_below(&z.origin) {
                return Err(DnsError::new(format!(
                    "{} is not inside {}",
                    r.name, z.origin
                )));
            }
            r.clone().checked()?;
        }
        if z.negative_ttl > super::records::MAX_TTL {
            return Err(DnsError::new("the negative TTL is longer than a week"));
        }
        let kind = match &z.scope {
            ZoneScope::Public => return Ok(()),
            ZoneScope::Route53Private { .. } => NetworkKind::AwsVpc,
            ZoneScope::AzurePrivate { .. } => NetworkKind::AzureVnet,
            ZoneScope::CloudDnsPrivate { .. } => NetworkKind::GcpVpc,
            ZoneScope::Servers { servers } => {
                for s in servers {
                    if self.server(s).is_none() {
                        return Err(DnsError::new(format!("there is no server `{s}`")));
                    }
                }
                return Ok(());
            }
        };
        for id in z.scope.members() {
            let n = nets
                .get(id.as_str())
                .ok_or_else(|| DnsError::new(format!("there is no network `{id}`")))?;
            if n.kind != kind {
                return Err(DnsError::new(format!(
                    "a {} is associated with an {}; `{id}` is an {}",
                    z.scope.label(),
                    kind.label(),
                    n.kind.label()
                )));
            }
        }
        Ok(())
    }

    fn validate_zone_overlaps(&self) -> Result<(), DnsError> {
        let mut seen: HashMap<(&str, String), &str> = HashMap::new();
        // The rules that can conflict with a zone: a server's forwarders, and Cloud DNS
        // zones by name.
        let server_rules: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|r| matches!(r.scope, RuleScope::Server { .. }))
            .collect();
        let mut cloud_by_name: HashMap<&str, Vec<&Rule>> = HashMap::new();
        for r in &self.rules {
            if matches!(r.scope, RuleScope::CloudDns { .. }) {
                cloud_by_name.entry(r.domain.as_str()).or_default().push(r);
            }
        }
        for z in &self.zones {
            let members: Vec<String> = match &z.scope {
                ZoneScope::Public => vec!["public DNS".into()],
                ZoneScope::Servers { servers } => {
                    servers.iter().map(|s| format!("server `{s}`")).collect()
                }
                s => s
                    .members()
                    .iter()
                    .map(|n| format!("network `{n}`"))
                    .collect(),
            };
            for m in members {
                if let Some(prev) = seen.insert((z.origin.as_str(), m.clone()), z.id.as_str()) {
                    return Err(DnsError::new(format!(
                        "zones `{prev}` and `{}` are both {} for {m}",
                        z.id, z.origin
                    )));
                }
            }
            // Documented orders are not clear for these ties: the lab refuses them
            // instead of guessing (see `precedence`).
            let same_name = cloud_by_name
                .get(z.origin.as_str())
                .map_or(&[][..], Vec::as_slice);
            for r in server_rules.iter().chain(same_name.iter()) {
                // A server that hosts a zone answers every name in it: a child is handed to
                // other servers by a delegation (NS records), not a conditional forwarder,
                // as lesson 05 teaches for Active Directory.
                if let (ZoneScope::Servers { servers }, RuleScope::Server { server }) =
                    (&z.scope, &r.scope)
                {
                    if servers.contains(server) && r.domain.is_at_or_below(&z.origin) {
                        return Err(DnsError::new(format!(
                            "server `{server}` hosts {} (zone `{}`), so rule `{}` for {} would never be used: delegate {} in that zone with NS records instead",
                            z.origin, z.id, r.id, r.domain, r.domain
                        )));
                    }
                }
                if r.domain != z.origin {
                    continue;
                }
                match (&z.scope, &r.scope) {
                    (
                        ZoneScope::CloudDnsPrivate { networks },
                        RuleScope::CloudDns { networks: rn },
                    ) if networks.iter().any(|n| rn.contains(n)) => {
                        return Err(DnsError::new(format!(
                            "private zone `{}` and forwarding or peering zone `{}` are both {} for one network; Cloud DNS's order for that tie is not documented clearly, so the lab refuses it",
                            z.id, r.id, z.origin
                        )));
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
}
