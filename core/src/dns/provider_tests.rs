//! Provider behaviour that no real DNS server has, each test citing the documentation it
//! follows (the real-resolver test, core/tests/dns_real.rs, covers what BIND and Unbound do).

use super::cache::Cache;
use super::diagnosis::{diagnose, Problem};
use super::edit::DnsEdit;
use super::presets;
use super::records::RecordType;
use super::resolve::resolve;
use super::scenario::Scenario;
use super::trace::{Answer, Decision, Step};
use crate::dns::precedence::Why;
use crate::dns::reach::Refusal;

fn sc(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

fn ask(sc: &Scenario, client: &str, name: &str) -> super::trace::Resolution {
    resolve(
        sc,
        client,
        &name.parse().unwrap(),
        RecordType::A,
        &mut Cache::new(),
    )
    .unwrap()
}

fn values(r: &super::trace::Resolution) -> Vec<String> {
    r.answer.values(RecordType::A)
}

const BASE: &str = r#"
  "networks": [{"id": "office", "kind": "on_prem", "cidr": "192.168.0.0/16"},
               {"id": "vpc", "kind": "aws_vpc", "cidr": "10.16.0.0/16"},
               {"id": "hub", "kind": "azure_vnet", "cidr": "10.40.0.0/16"},
               {"id": "spoke", "kind": "azure_vnet", "cidr": "10.41.0.0/16"},
               {"id": "gcp", "kind": "gcp_vpc", "cidr": "10.60.0.0/16"},
               {"id": "gcp2", "kind": "gcp_vpc", "cidr": "10.61.0.0/16"}],
  "servers": [{"id": "dc1", "network": "office", "address": "192.168.10.10", "recursion": true}],
  "endpoints": [{"id": "out", "kind": "route53_outbound", "network": "vpc", "addresses": ["10.16.0.20"]},
                {"id": "in", "kind": "route53_inbound", "network": "vpc", "addresses": ["10.16.0.10"]},
                {"id": "az-out", "kind": "azure_outbound", "network": "hub", "addresses": ["10.40.2.4"]},
                {"id": "az-in", "kind": "azure_inbound", "network": "hub", "addresses": ["10.40.0.4"]}],
  "clients": [{"id": "ec2", "network": "vpc"}, {"id": "vm", "network": "spoke"}, {"id": "hubvm", "network": "hub"},
              {"id": "g", "network": "gcp"}, {"id": "g2", "network": "gcp2"},
              {"id": "laptop", "network": "office", "resolver": "192.168.10.10"}]"#;

const CORP: &str = r#"{"id": "corp", "origin": "corp.example.com", "scope": {"kind": "servers", "servers": ["dc1"]},
   "records": [{"name": "fs.corp.example.com", "type": "A", "ttl": 300, "value": "192.168.20.5"}]}"#;

#[test]
fn route53_a_private_hosted_zone_without_the_record_is_nxdomain_not_public() {
    // "If there's a matching private hosted zone but there's no record that matches the
    // domain name and type in the request, Resolver doesn't forward the request to a
    // public DNS resolver. Instead, it returns NXDOMAIN"
    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html
    let s = sc(&format!(
        r#"{{{BASE}, "zones": [
      {{"id": "pub", "origin": "example.com", "scope": {{"kind": "public"}},
        "records": [{{"name": "www.example.com", "type": "A", "ttl": 60, "value": "203.0.113.1"}}]}},
      {{"id": "phz", "origin": "example.com", "scope": {{"kind": "route53_private", "vpcs": ["vpc"]}},
        "records": [{{"name": "db.example.com", "type": "A", "ttl": 60, "value": "10.16.1.1"}}]}}]}}"#
    ));
    let r = ask(&s, "ec2", "www.example.com");
    assert_eq!(r.answer, Answer::NxDomain);
    assert!(matches!(
        diagnose(&s, &r).unwrap().problem,
        Problem::PrivateZoneShadows { .. }
    ));
    // Outside the associated VPC the public zone answers.
    assert_eq!(
        values(&ask(&s, "hubvm", "www.example.com")),
        ["203.0.113.1"]
    );
}

#[test]
fn route53_a_rule_beats_a_private_hosted_zone_of_the_same_name_and_system_rules_undo_forwarding() {
    // Private hosted zones are autodefined rules, and "If you create a forwarding rule for
    // the same domain as an autodefined rule, Resolver forwards queries for that domain".
    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network-autodefined-rules.html
    // SYSTEM: "Resolver resolves DNS queries for specified subdomains that would otherwise
    // be resolved by DNS resolvers on your network."
    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-outbound-queries-rule-values.html
    let mut s = sc(&format!(
        r#"{{{BASE}, "links": [{{"id": "vpn", "kind": "tunnel", "a": "office", "b": "vpc"}}],
      "rules": [{{"id": "fwd", "domain": "corp.example.com", "action": {{"kind": "forward", "targets": ["192.168.10.10"]}},
                 "scope": {{"kind": "route53", "endpoint": "out", "vpcs": ["vpc"]}}}}],
      "zones": [{CORP},
        {{"id": "phz", "origin": "corp.example.com", "scope": {{"kind": "route53_private", "vpcs": ["vpc"]}},
          "records": [{{"name": "fs.corp.example.com", "type": "A", "ttl": 60, "value": "10.16.9.9"}},
                      {{"name": "x.local.corp.example.com", "type": "A", "ttl": 60, "value": "10.16.9.8"}}]}}]}}"#
    ));
    let r = ask(&s, "ec2", "fs.corp.example.com");
    assert_eq!(values(&r), ["192.168.20.5"], "the rule wins the tie");
    assert!(r.trace.iter().any(|st| matches!(
        st,
        Step::Decided {
            decision: Decision::Matched {
                why: Why::RuleWinsTie,
                ..
            },
            ..
        }
    )));
    // A SYSTEM rule for a subdomain brings it back to the private hosted zone.
    s.apply(&serde_json::from_str::<DnsEdit>(
        r#"{"edit": "put_rule", "rule": {"id": "sys", "domain": "local.corp.example.com", "action": {"kind": "system"},
            "scope": {"kind": "route53", "endpoint": "", "vpcs": ["vpc"]}}}"#,
    ).unwrap()).unwrap();
    assert_eq!(
        values(&ask(&s, "ec2", "x.local.corp.example.com")),
        ["10.16.9.8"]
    );
}

#[test]
fn route53_delegation_in_a_private_hosted_zone_needs_a_delegate_rule() {
    // "Delegate – ... delegate authority for a subdomain, hosted in a private hosted zone,
    // to your on-premises resolver"; NS records in the private hosted zone are a prerequisite.
    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-outbound-queries-rule-values.html
    let base = BASE.replace(
        r#""servers": [{"id": "dc1", "network": "office", "address": "192.168.10.10", "recursion": true}]"#,
        r#""servers": [{"id": "dc1", "network": "office", "address": "192.168.10.10", "recursion": true},
                  {"id": "ns-onprem", "network": "office", "address": "192.168.10.53"}]"#,
    );
    let mut s = sc(&format!(
        r#"{{{base}, "links": [{{"id": "vpn", "kind": "tunnel", "a": "office", "b": "vpc"}}],
      "zones": [{{"id": "phz", "origin": "aws.example.com", "scope": {{"kind": "route53_private", "vpcs": ["vpc"]}},
          "records": [{{"name": "onprem.aws.example.com", "type": "NS", "ttl": 60, "value": "ns.onprem.aws.example.com"}},
                      {{"name": "ns.onprem.aws.example.com", "type": "A", "ttl": 60, "value": "192.168.10.53"}}]}},
        {{"id": "child", "origin": "onprem.aws.example.com", "scope": {{"kind": "servers", "servers": ["ns-onprem"]}},
          "records": [{{"name": "app.onprem.aws.example.com", "type": "A", "ttl": 60, "value": "192.168.30.1"}}]}}]}}"#
    ));
    let r = ask(&s, "ec2", "app.onprem.aws.example.com");
    assert_eq!(r.answer, Answer::ServFail);
    assert!(matches!(
        diagnose(&s, &r).unwrap().problem,
        Problem::DelegationNotFollowed { .. }
    ));
    s.apply(&serde_json::from_str::<DnsEdit>(
        r#"{"edit": "put_rule", "rule": {"id": "del", "domain": "onprem.aws.example.com", "action": {"kind": "delegate"},
            "scope": {"kind": "route53", "endpoint": "out", "vpcs": ["vpc"]}}}"#,
    ).unwrap()).unwrap();
    let r = ask(&s, "ec2", "app.onprem.aws.example.com");
    assert_eq!(values(&r), ["192.168.30.1"]);
    assert!(r
        .trace
        .iter()
        .any(|st| matches!(st, Step::Query { via: Some(v), .. } if v == "out")));
}

#[test]
fn the_plus_two_and_azure_addresses_answer_only_inside_their_networks() {
    // "Forwarding from on-premises directly to the VPC's plus-2 address is not supported"
    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-DSN-queries-to-vpc.html
    let s = sc(&format!(
        r#"{{{BASE}, "links": [{{"id": "vpn", "kind": "tunnel", "a": "office", "b": "vpc"}}],
      "rules": [{{"id": "to-plus2", "domain": "aws.example.com", "action": {{"kind": "forward", "targets": ["10.16.0.2"]}},
                 "scope": {{"kind": "server", "server": "dc1"}}}},
                {{"id": "to-azure", "domain": "azure.example.com", "action": {{"kind": "forward", "targets": ["168.63.129.16"]}},
                 "scope": {{"kind": "server", "server": "dc1"}}}},
                {{"id": "to-out", "domain": "out.example.com", "action": {{"kind": "forward", "targets": ["10.16.0.20"]}},
                 "scope": {{"kind": "server", "server": "dc1"}}}}]}}"#
    ));
    let r = ask(&s, "laptop", "db.aws.example.com");
    assert_eq!(r.answer, Answer::ServFail);
    assert!(r.trace.iter().any(|st| matches!(
        st,
        Step::Refused {
            why: Refusal::PlusTwoFromOutside { .. },
            ..
        }
    )));
    let d = diagnose(&s, &r).unwrap();
    assert!(
        d.fix.contains("inbound endpoint `in` (10.16.0.10)"),
        "{}",
        d.fix
    );
    let r = ask(&s, "laptop", "x.azure.example.com");
    assert!(r.trace.iter().any(|st| matches!(
        st,
        Step::Refused {
            why: Refusal::ProviderAddressOutside { .. },
            ..
        }
    )));
    let r = ask(&s, "laptop", "x.out.example.com");
    assert!(r.trace.iter().any(|st| matches!(
        st,
        Step::Refused {
            why: Refusal::OutboundEndpoint { .. },
            ..
        }
    )));
}

#[test]
fn azure_a_ruleset_linked_to_a_spoke_forwards_from_the_hub_endpoint_without_peering() {
    // "The virtual network links for DNS forwarding rulesets enable resources in other
    // VNets to use forwarding rules when resolving DNS names" and the peering shown "is not
    // required for name resolution".
    // https://learn.microsoft.com/en-us/azure/dns/private-resolver-endpoints-rulesets
    let s = sc(&format!(
        r#"{{{BASE}, "links": [{{"id": "er", "kind": "interconnect", "a": "office", "b": "hub"}}],
      "rules": [{{"id": "az", "domain": "corp.example.com", "action": {{"kind": "forward", "targets": ["192.168.10.10"]}},
                 "scope": {{"kind": "azure_ruleset", "ruleset": "rs", "endpoint": "az-out", "vnets": ["spoke"]}}}}],
      "zones": [{CORP}]}}"#
    ));
    let r = ask(&s, "vm", "fs.corp.example.com");
    assert_eq!(values(&r), ["192.168.20.5"]);
    assert!(r.trace.iter().any(|st| matches!(st, Step::Query { from, via: Some(v), links, .. } if from == "hub" && v == "az-out" && links == &["er"])));
    // The hub itself is not linked to the ruleset: public DNS, NXDOMAIN, and the diagnosis
    // says to link the ruleset.
    let r = ask(&s, "hubvm", "fs.corp.example.com");
    assert_eq!(r.answer, Answer::NxDomain);
    let d = diagnose(&s, &r).unwrap();
    assert!(matches!(d.problem, Problem::NoRuleToServers { .. }));
    assert!(d.fix.contains("ruleset"), "{}", d.fix);
}

#[test]
fn azure_an_inbound_endpoint_answers_zones_linked_to_its_vnet() {
    // "Private DNS zones linked to the virtual network where the inbound endpoint is
    // provisioned are resolved by the inbound endpoint."
    // https://learn.microsoft.com/en-us/azure/dns/private-resolver-endpoints-rulesets
    let mut s = sc(&format!(
        r#"{{{BASE}, "links": [{{"id": "er", "kind": "interconnect", "a": "office", "b": "hub"}}],
      "rules": [{{"id": "fw", "domain": "azure.example.com", "action": {{"kind": "forward", "targets": ["10.40.0.4"]}},
                 "scope": {{"kind": "server", "server": "dc1"}}}}],
      "zones": [{{"id": "pz", "origin": "azure.example.com", "scope": {{"kind": "azure_private", "vnets": ["spoke"]}},
          "records": [{{"name": "web.azure.example.com", "type": "A", "ttl": 60, "value": "10.41.1.5"}}]}}]}}"#
    ));
    let r = ask(&s, "laptop", "web.azure.example.com");
    assert_eq!(
        r.answer,
        Answer::NxDomain,
        "the zone is linked to the spoke, not the hub"
    );
    s.apply(&DnsEdit::SetZoneMembers {
        zone: "pz".into(),
        members: vec!["spoke".into(), "hub".into()],
    })
    .unwrap();
    assert_eq!(
        values(&ask(&s, "laptop", "web.azure.example.com")),
        ["10.41.1.5"]
    );
}

#[test]
fn cloud_dns_forwarding_needs_a_route_back_to_35_199_192_0_19() {
    // "Cloud DNS sends queries from the 35.199.192.0/19 range ... your on-premises network
    // must have routes for it" (forwarding targets, private routing)
    // https://cloud.google.com/dns/docs/zones/zones-overview
    let mut s = sc(&format!(
        r#"{{{BASE}, "links": [{{"id": "ic", "kind": "interconnect", "a": "office", "b": "gcp"}}],
      "rules": [{{"id": "fz", "domain": "corp.example.com", "action": {{"kind": "forward", "targets": ["192.168.10.10"]}},
                 "scope": {{"kind": "cloud_dns", "networks": ["gcp"]}}}}],
      "zones": [{CORP}]}}"#
    ));
    let r = ask(&s, "g", "fs.corp.example.com");
    assert_eq!(r.answer, Answer::ServFail);
    let d = diagnose(&s, &r).unwrap();
    assert_eq!(
        d.problem,
        Problem::NoGoogleReturnRoute { link: "ic".into() }
    );
    let mut link = s.link("ic").unwrap().clone();
    link.routes_google_dns_range = true;
    s.apply(&DnsEdit::PutLink { link }).unwrap();
    assert_eq!(
        values(&ask(&s, "g", "fs.corp.example.com")),
        ["192.168.20.5"]
    );
}

#[test]
fn cloud_dns_peering_zone_resolves_in_the_producer_network() {
    // "DNS peering lets you send requests for records that come from one zone's namespace
    // to another VPC network" (peering zones), resolved in the producer's order.
    // https://cloud.google.com/dns/docs/zones/zones-overview#peering_zones
    let s = sc(&format!(
        r#"{{{BASE},
      "rules": [{{"id": "peer", "domain": "shared.example.com", "action": {{"kind": "peer", "network": "gcp2"}},
                 "scope": {{"kind": "cloud_dns", "networks": ["gcp"]}}}}],
      "zones": [{{"id": "pz", "origin": "shared.example.com", "scope": {{"kind": "cloud_dns_private", "networks": ["gcp2"]}},
          "records": [{{"name": "api.shared.example.com", "type": "A", "ttl": 60, "value": "10.61.0.9"}}]}}]}}"#
    ));
    assert_eq!(
        values(&ask(&s, "g", "api.shared.example.com")),
        ["10.61.0.9"]
    );
    // A private zone and a forwarding zone of one name for one network: refused.
    let e = Scenario::from_json(&format!(
        r#"{{{BASE},
      "rules": [{{"id": "peer", "domain": "shared.example.com", "action": {{"kind": "peer", "network": "gcp2"}},
                 "scope": {{"kind": "cloud_dns", "networks": ["gcp"]}}}}],
      "zones": [{{"id": "pz", "origin": "shared.example.com", "scope": {{"kind": "cloud_dns_private", "networks": ["gcp"]}}}}]}}"#
    ))
    .unwrap_err();
    assert!(e.to_string().contains("refuses it"), "{e}");
}

#[test]
fn peering_is_not_transitive() {
    // "VPC peering does not support transitive peering relationships"
    // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html
    let s = sc(&format!(
        r#"{{{BASE}, "links": [{{"id": "p1", "kind": "peering", "a": "vpc", "b": "hub"}},
                              {{"id": "p2", "kind": "peering", "a": "hub", "b": "office"}}],
      "rules": [{{"id": "fwd", "domain": "corp.example.com", "action": {{"kind": "forward", "targets": ["192.168.10.10"]}},
                 "scope": {{"kind": "route53", "endpoint": "out", "vpcs": ["vpc"]}}}}],
      "zones": [{CORP}]}}"#
    ));
    let r = ask(&s, "ec2", "fs.corp.example.com");
    assert_eq!(r.answer, Answer::ServFail);
    assert!(matches!(
        diagnose(&s, &r).unwrap().problem,
        Problem::PeeringNotTransitive { .. }
    ));
}

#[test]
fn a_cached_answer_is_stale_after_a_change_until_its_ttl_runs_out() {
    let p = presets::preset("failover-ttl").unwrap();
    let mut s = p.scenario.clone();
    s.apply(&DnsEdit::SetTtl {
        zone: "corp".into(),
        name: "app.corp.example.com".parse().unwrap(),
        rtype: RecordType::A,
        ttl: 60,
    })
    .unwrap();
    let name = "app.corp.example.com".parse().unwrap();
    let mut cache = Cache::new();
    let first = resolve(&s, "vm-azure", &name, RecordType::A, &mut cache).unwrap();
    assert_eq!(first.answer.values(RecordType::A), ["10.16.4.50"]);
    assert!(first
        .trace
        .iter()
        .any(|st| matches!(st, Step::Cached { ttl_s: 60, .. })));
    s.apply(&DnsEdit::SetRecordValues {
        zone: "corp".into(),
        name: "app.corp.example.com".parse().unwrap(),
        rtype: RecordType::A,
        values: vec!["10.40.1.50".into()],
    })
    .unwrap();
    cache.advance(59);
    let stale = resolve(&s, "vm-azure", &name, RecordType::A, &mut cache).unwrap();
    assert_eq!(stale.answer.values(RecordType::A), ["10.16.4.50"]);
    match diagnose(&s, &stale).unwrap().problem {
        Problem::Stale { remaining_s, .. } => assert_eq!(remaining_s, 1),
        other => panic!("{other:?}"),
    }
    cache.advance(1);
    let fresh = resolve(&s, "vm-azure", &name, RecordType::A, &mut cache).unwrap();
    assert_eq!(fresh.answer.values(RecordType::A), ["10.40.1.50"]);
    // The office forwarder keeps answers at least 900 s (Unbound's cache-min-ttl).
    let mut s = p.scenario.clone();
    s.apply(&DnsEdit::SetTtl {
        zone: "corp".into(),
        name: "app.corp.example.com".parse().unwrap(),
        rtype: RecordType::A,
        ttl: 60,
    })
    .unwrap();
    let mut cache = Cache::new();
    resolve(&s, "laptop", &name, RecordType::A, &mut cache).unwrap();
    s.apply(&DnsEdit::SetRecordValues {
        zone: "corp".into(),
        name: "app.corp.example.com".parse().unwrap(),
        rtype: RecordType::A,
        values: vec!["10.40.1.50".into()],
    })
    .unwrap();
    cache.advance(600);
    let r = resolve(&s, "laptop", &name, RecordType::A, &mut cache).unwrap();
    assert_eq!(r.answer.values(RecordType::A), ["10.16.4.50"]);
    assert!(diagnose(&s, &r).unwrap().text.contains("at least 900 s"));
}

#[test]
fn a_cname_into_another_zone_is_chased_by_the_resolver() {
    let s = sc(&format!(
        r#"{{{BASE}, "zones": [
      {{"id": "pub", "origin": "example.com", "scope": {{"kind": "public"}},
        "records": [{{"name": "www.example.com", "type": "CNAME", "ttl": 60, "value": "web.example.net"}}]}},
      {{"id": "net", "origin": "example.net", "scope": {{"kind": "public"}},
        "records": [{{"name": "web.example.net", "type": "A", "ttl": 30, "value": "198.51.100.4"}}]}}]}}"#
    ));
    let r = ask(&s, "ec2", "www.example.com");
    assert_eq!(values(&r), ["198.51.100.4"]);
    assert!(matches!(&r.answer, Answer::Records { records } if records.len() == 2));
    assert!(r.trace.iter().any(|st| matches!(st, Step::Cname { .. })));
}

#[test]
fn edits_that_break_the_scenario_are_refused_and_change_nothing() {
    let mut s = presets::preset("hybrid").unwrap().scenario;
    let before = s.clone();
    for bad in [
        r#"{"edit": "remove", "kind": "network", "id": "nope"}"#,
        r#"{"edit": "set_rule_networks", "rule": "corp-fwd", "networks": ["vnet-hub"]}"#,
        r#"{"edit": "put_endpoint", "endpoint": {"id": "x", "kind": "route53_inbound", "network": "vpc-app", "addresses": ["10.99.0.1"]}}"#,
        r#"{"edit": "put_endpoint", "endpoint": {"id": "x", "kind": "route53_inbound", "network": "vpc-app", "addresses": ["10.16.0.2"]}}"#,
        r#"{"edit": "set_ttl", "zone": "corp", "name": "fileserver.corp.example.com", "type": "A", "ttl": 9999999}"#,
        r#"{"edit": "set_records", "zone": "corp", "name": "elsewhere.example.org", "type": "A", "ttl": 60, "values": ["10.0.0.1"]}"#,
        r#"{"edit": "put_rule", "rule": {"id": "dup", "domain": "corp.example.com", "action": {"kind": "forward", "targets": ["192.168.10.10"]}, "scope": {"kind": "route53", "endpoint": "out-1", "vpcs": ["vpc-app"]}}}"#,
        r#"{"edit": "put_rule", "rule": {"id": "inside", "domain": "aws.corp.example.com", "action": {"kind": "forward", "targets": ["10.16.0.10"]}, "scope": {"kind": "server", "server": "dc1"}}}"#,
    ] {
        let e: DnsEdit = serde_json::from_str(bad).unwrap_or_else(|e| panic!("{bad}: {e}"));
        let err = s.apply(&e).unwrap_err();
        assert!(!err.to_string().is_empty());
        assert_eq!(s, before, "{bad} changed the scenario");
    }
}
