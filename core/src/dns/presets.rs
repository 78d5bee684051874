//! Ready-made scenarios: the lab's default (three clouds and an office, everything
//! working) and the starting points of the four exercises, each with the edits that
//! solve it.
//!
//! | id | what is wrong at the start |
//! |---|---|
//! | `hybrid` | nothing: a working design to explore |
//! | `ec2-to-ad` | the VPC has no rule for `corp.example.com`, and the VPN blocks DNS |
//! | `onprem-to-phz` | the domain controller delegates `aws.corp.example.com` to the VPC's +2 address |
//! | `forwarding-loop` | a Route 53 rule sends `aws.corp.example.com` back to the domain controller |
//! | `failover-ttl` | the record's TTL is an hour and an office forwarder keeps answers 15 minutes |
//!
//! ```
//! use cloudhop_core::dns::presets;
//! for p in presets::all() {
//!     p.scenario.validate().unwrap();
//!     p.solved().unwrap();
//! }
//! assert!(presets::preset("nope").is_none());
//! ```

use super::edit::DnsEdit;
use super::error::DnsError;
use super::scenario::Scenario;

/// A ready-made scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Preset {
    /// Its id.
    pub id: &'static str,
    /// A title for people.
    pub title: &'static str,
    /// The client whose query the lab shows first.
    pub client: &'static str,
    /// The name it asks.
    pub name: &'static str,
    /// The scenario.
    pub scenario: Scenario,
    /// Edits that solve its exercise (none for the default).
    pub solution: Vec<DnsEdit>,
}

impl Preset {
    /// The scenario with the solution applied.
    pub fn solved(&self) -> Result<Scenario, DnsError> {
        let mut s = self.scenario.clone();
        s.apply_all(&self.solution)?;
        Ok(s)
    }
}

/// The ids, in menu order.
pub const IDS: [&str; 5] = [
    "hybrid",
    "ec2-to-ad",
    "onprem-to-phz",
    "forwarding-loop",
    "failover-ttl",
];

const OFFICE: &str = r#"{"id": "office", "kind": "on_prem", "cidr": "192.168.0.0/16"}"#;
const VPC: &str = r#"{"id": "vpc-app", "kind": "aws_vpc", "cidr": "10.16.0.0/16"}"#;
const DC1: &str = r#"{"id": "dc1", "network": "office", "address": "192.168.10.10", "recursion": true, "domain_controller": true}"#;
const OUT1: &str = r#"{"id": "out-1", "kind": "route53_outbound", "network": "vpc-app", "addresses": ["10.16.0.20", "10.16.1.20"]}"#;
const IN1: &str = r#"{"id": "in-1", "kind": "route53_inbound", "network": "vpc-app", "addresses": ["10.16.0.10", "10.16.1.10"]}"#;
const PUBLIC: &str = r#"{"id": "example-public", "origin": "example.com", "scope": {"kind": "public"},
  "records": [{"name": "www.example.com", "type": "A", "ttl": 300, "value": "203.0.113.10"}]}"#;
const PHZ: &str = r#"{"id": "aws-private", "origin": "aws.corp.example.com", "scope": {"kind": "route53_private", "vpcs": ["vpc-app"]},
  "records": [{"name": "db.aws.corp.example.com", "type": "A", "ttl": 300, "value": "10.16.4.21"}]}"#;
const EC2: &str = r#"{"id": "ec2-app", "network": "vpc-app"}"#;
const LAPTOP: &str = r#"{"id": "laptop", "network": "office", "resolver": "192.168.10.10"}"#;

fn corp_zone(extra: &str) -> String {
    format!(
        r#"{{"id": "corp", "origin": "corp.example.com", "scope": {{"kind": "servers", "servers": ["dc1"]}},
  "records": [
    {{"name": "fileserver.corp.example.com", "type": "A", "ttl": 300, "value": "192.168.20.5"}},
    {{"name": "dc1.corp.example.com", "type": "A", "ttl": 3600, "value": "192.168.10.10"}}{extra}
  ]}}"#
    )
}

fn delegation(child: &str, addresses: &[&str]) -> String {
    let mut s = format!(
        r#",
    {{"name": "{child}.corp.example.com", "type": "NS", "ttl": 3600, "value": "ns1.{child}.corp.example.com"}}"#
    );
    for a in addresses {
        s.push_str(&format!(
            r#",
    {{"name": "ns1.{child}.corp.example.com", "type": "A", "ttl": 3600, "value": "{a}"}}"#
        ));
    }
    s
}

fn vpn(dns: bool) -> String {
    format!(
        r#"{{"id": "vpn", "kind": "tunnel", "a": "office", "b": "vpc-app", "dns_allowed": {dns}}}"#
    )
}

fn corp_rule(id: &str, target: &str) -> String {
    format!(
        r#"{{"id": "{id}", "domain": "corp.example.com", "action": {{"kind": "forward", "targets": ["{target}"]}},
  "scope": {{"kind": "route53", "endpoint": "out-1", "vpcs": ["vpc-app"]}}}}"#
    )
}

fn scenario(json: &str) -> Scenario {
    // The presets are written here and checked by the tests; a mistake shows as an empty
    // scenario in the tests, never as a panic in the page.
    serde_json::from_str(json).unwrap_or_default()
}

fn edits(json: &str) -> Vec<DnsEdit> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The preset `id`.
pub fn preset(id: &str) -> Option<Preset> {
    Some(match id {
        "hybrid" => Preset {
            id: "hybrid",
            client: "laptop",
            name: "db.aws.corp.example.com",
            title: "Three clouds and an office, resolving both ways",
            scenario: scenario(&format!(
                r#"{{"networks": [{OFFICE}, {VPC},
    {{"id": "vnet-hub", "kind": "azure_vnet", "cidr": "10.40.0.0/16"}},
    {{"id": "gcp-net", "kind": "gcp_vpc", "cidr": "10.60.0.0/16"}}],
  "links": [{vpn},
    {{"id": "expressroute", "kind": "interconnect", "a": "office", "b": "vnet-hub"}},
    {{"id": "interconnect-gcp", "kind": "interconnect", "a": "office", "b": "gcp-net", "routes_google_dns_range": true}}],
  "servers": [{DC1}],
  "endpoints": [{OUT1}, {IN1},
    {{"id": "az-in", "kind": "azure_inbound", "network": "vnet-hub", "addresses": ["10.40.0.4"]}},
    {{"id": "az-out", "kind": "azure_outbound", "network": "vnet-hub", "addresses": ["10.40.2.4"]}},
    {{"id": "gcp-in", "kind": "gcp_inbound", "network": "gcp-net", "addresses": ["10.60.0.5"]}}],
  "rules": [{rule},
    {{"id": "az-corp", "domain": "corp.example.com", "action": {{"kind": "forward", "targets": ["192.168.10.10"]}},
      "scope": {{"kind": "azure_ruleset", "ruleset": "corp-ruleset", "endpoint": "az-out", "vnets": ["vnet-hub"]}}}},
    {{"id": "gcp-corp", "domain": "corp.example.com", "action": {{"kind": "forward", "targets": ["192.168.10.10"]}},
      "scope": {{"kind": "cloud_dns", "networks": ["gcp-net"]}}}}],
  "zones": [{corp}, {PHZ}, {PUBLIC},
    {{"id": "azure-private", "origin": "azure.corp.example.com", "scope": {{"kind": "azure_private", "vnets": ["vnet-hub"]}},
      "records": [{{"name": "web.azure.corp.example.com", "type": "A", "ttl": 300, "value": "10.40.1.50"}}]}},
    {{"id": "gcp-private", "origin": "gcp.corp.example.com", "scope": {{"kind": "cloud_dns_private", "networks": ["gcp-net"]}},
      "records": [{{"name": "api.gcp.corp.example.com", "type": "A", "ttl": 300, "value": "10.60.1.5"}}]}}],
  "clients": [{LAPTOP}, {EC2},
    {{"id": "vm-azure", "network": "vnet-hub"}},
    {{"id": "vm-gcp", "network": "gcp-net"}}]}}"#,
                vpn = vpn(true),
                rule = corp_rule("corp-fwd", "192.168.10.10"),
                corp = corp_zone(&format!(
                    "{}{}{}",
                    delegation("aws", &["10.16.0.10", "10.16.1.10"]),
                    delegation("azure", &["10.40.0.4"]),
                    delegation("gcp", &["10.60.0.5"])
                )),
            )),
            solution: Vec::new(),
        },
        "ec2-to-ad" => Preset {
            id: "ec2-to-ad",
            client: "ec2-app",
            name: "fileserver.corp.example.com",
            title: "An EC2 instance resolves an Active Directory name",
            scenario: scenario(&format!(
                r#"{{"networks": [{OFFICE}, {VPC}], "links": [{vpn}], "servers": [{DC1}],
  "endpoints": [{OUT1}], "zones": [{corp}, {PUBLIC}], "clients": [{EC2}, {LAPTOP}]}}"#,
                vpn = vpn(false),
                corp = corp_zone(""),
            )),
            solution: edits(&format!(
                r#"[{{"edit": "put_rule", "rule": {rule}}},
  {{"edit": "set_link_dns", "link": "vpn", "allowed": true}}]"#,
                rule = corp_rule("corp-fwd", "192.168.10.10")
            )),
        },
        "onprem-to-phz" => Preset {
            id: "onprem-to-phz",
            client: "laptop",
            name: "db.aws.corp.example.com",
            title: "Office clients resolve a private hosted zone",
            scenario: scenario(&format!(
                r#"{{"networks": [{OFFICE}, {VPC}], "links": [{vpn}], "servers": [{DC1}],
  "endpoints": [{OUT1}], "rules": [{rule}], "zones": [{corp}, {PHZ}, {PUBLIC}], "clients": [{EC2}, {LAPTOP}]}}"#,
                vpn = vpn(true),
                rule = corp_rule("corp-fwd", "192.168.10.10"),
                corp = corp_zone(&delegation("aws", &["10.16.0.2"])),
            )),
            solution: edits(&format!(
                r#"[{{"edit": "put_endpoint", "endpoint": {IN1}}},
  {{"edit": "set_records", "zone": "corp", "name": "ns1.aws.corp.example.com", "type": "A", "ttl": 3600,
    "values": ["10.16.0.10", "10.16.1.10"]}}]"#
            )),
        },
        "forwarding-loop" => Preset {
            id: "forwarding-loop",
            client: "laptop",
            name: "db.aws.corp.example.com",
            title: "Find and break a forwarding loop",
            scenario: scenario(&format!(
                r#"{{"networks": [{OFFICE}, {VPC}], "links": [{vpn}], "servers": [{DC1}],
  "endpoints": [{OUT1}, {IN1}],
  "rules": [{rule},
    {{"id": "aws-to-dc", "domain": "aws.corp.example.com", "action": {{"kind": "forward", "targets": ["192.168.10.10"]}},
      "scope": {{"kind": "route53", "endpoint": "out-1", "vpcs": ["vpc-app"]}}}}],
  "zones": [{corp}, {PHZ}, {PUBLIC}], "clients": [{EC2}, {LAPTOP}]}}"#,
                vpn = vpn(true),
                rule = corp_rule("corp-fwd", "192.168.10.10"),
                corp = corp_zone(&delegation("aws", &["10.16.0.10", "10.16.1.10"])),
            )),
            solution: edits(r#"[{"edit": "remove", "kind": "rule", "id": "aws-to-dc"}]"#),
        },
        "failover-ttl" => Preset {
            id: "failover-ttl",
            client: "ec2-app",
            name: "app.corp.example.com",
            title: "Fail a name over between clouds within two minutes",
            scenario: scenario(&format!(
                r#"{{"networks": [{OFFICE}, {VPC}, {{"id": "vnet-app", "kind": "azure_vnet", "cidr": "10.40.0.0/16"}}],
  "links": [{vpn}, {{"id": "expressroute", "kind": "interconnect", "a": "office", "b": "vnet-app"}}],
  "servers": [{DC1},
    {{"id": "fwd1", "network": "office", "address": "192.168.10.53", "recursion": true,
      "forwarders": ["192.168.10.10"], "min_cache_ttl": 900}}],
  "endpoints": [{OUT1}, {{"id": "az-out", "kind": "azure_outbound", "network": "vnet-app", "addresses": ["10.40.2.4"]}}],
  "rules": [{rule},
    {{"id": "az-corp", "domain": "corp.example.com", "action": {{"kind": "forward", "targets": ["192.168.10.10"]}},
      "scope": {{"kind": "azure_ruleset", "ruleset": "corp-ruleset", "endpoint": "az-out", "vnets": ["vnet-app"]}}}}],
  "zones": [{corp}, {PUBLIC}],
  "clients": [{EC2}, {{"id": "vm-azure", "network": "vnet-app"}},
    {{"id": "laptop", "network": "office", "resolver": "192.168.10.53"}}]}}"#,
                vpn = vpn(true),
                rule = corp_rule("corp-fwd", "192.168.10.53"),
                corp = corp_zone(
                    r#",
    {"name": "app.corp.example.com", "type": "A", "ttl": 3600, "value": "10.16.4.50"}"#
                ),
            )),
            solution: edits(
                r#"[{"edit": "set_ttl", "zone": "corp", "name": "app.corp.example.com", "type": "A", "ttl": 60},
  {"edit": "put_server", "server": {"id": "fwd1", "network": "office", "address": "192.168.10.53",
    "recursion": true, "forwarders": ["192.168.10.10"]}}]"#,
            ),
        },
        _ => return None,
    })
}

/// Every preset, in menu order.
pub fn all() -> Vec<Preset> {
    IDS.iter().filter_map(|id| preset(id)).collect()
}
