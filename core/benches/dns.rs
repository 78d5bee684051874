//! Benchmarks for the DNS engine: a scenario of 500 networks and 2,000 rules must resolve
//! a name in well under a millisecond (issue 12), index included, so the lab can redraw
//! the trace on every edit.
use cloudhop_core::dns::cache::Cache;
use cloudhop_core::dns::names::DomainName;
use cloudhop_core::dns::records::RecordType;
use cloudhop_core::dns::resolve::{resolve, Resolver};
use cloudhop_core::dns::scenario::Scenario;
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};
use std::hint::black_box;

/// 200 AWS VPCs, 150 Azure VNets, 149 Google Cloud networks and an office; 1,200 Route 53
/// rules (each associated with 10 VPCs), 500 Azure ruleset rules, 300 Cloud DNS forwarding
/// zones; a private zone per cloud network; one domain controller hosting the AD zone.
fn big() -> Scenario {
    let mut networks = vec![json!({"id": "office", "kind": "on_prem", "cidr": "192.168.0.0/16"})];
    let mut links = Vec::new();
    let mut endpoints = Vec::new();
    let mut zones = vec![json!({"id": "corp", "origin": "corp.example.com",
        "scope": {"kind": "servers", "servers": ["dc1"]},
        "records": (0..2000).map(|i| json!({"name": format!("host{i}.r{}.corp.example.com", i % 1200), "type": "A", "ttl": 300, "value": "192.168.20.5"})).collect::<Vec<_>>()})];
    let kinds = [("aws_vpc", 200), ("azure_vnet", 150), ("gcp_vpc", 149)];
    let mut n = 0u32;
    let mut ids: Vec<Vec<String>> = vec![Vec::new(); 3];
    for (k, (kind, count)) in kinds.iter().enumerate() {
        for i in 0..*count {
            let id = format!("{kind}-{i}");
            let cidr = format!("10.{}.{}.0/24", n / 256, n % 256);
            networks.push(json!({"id": id, "kind": kind, "cidr": cidr}));
            links.push(json!({"id": format!("link-{id}"), "kind": "tunnel", "a": "office", "b": id, "routes_google_dns_range": true}));
            let zone_scope = match k {
                0 => json!({"kind": "route53_private", "vpcs": [id]}),
                1 => json!({"kind": "azure_private", "vnets": [id]}),
                _ => json!({"kind": "cloud_dns_private", "networks": [id]}),
            };
            zones.push(json!({"id": format!("pz-{id}"), "origin": format!("{id}.cloud.example.com"), "scope": zone_scope,
                "records": [{"name": format!("db.{id}.cloud.example.com"), "type": "A", "ttl": 300, "value": format!("10.{}.{}.10", n / 256, n % 256)}]}));
            ids[k].push(id);
            n += 1;
        }
    }
    endpoints.push(json!({"id": "r53-out", "kind": "route53_outbound", "network": "aws_vpc-0", "addresses": ["10.0.0.20"]}));
    endpoints.push(json!({"id": "r53-in", "kind": "route53_inbound", "network": "aws_vpc-0", "addresses": ["10.0.0.10"]}));
    endpoints.push(json!({"id": "az-out", "kind": "azure_outbound", "network": "azure_vnet-0", "addresses": ["10.0.200.20"]}));
    let mut rules = Vec::new();
    for i in 0..1200 {
        let vpcs: Vec<&String> = (0..10).map(|j| &ids[0][(i + j * 20) % 200]).collect();
        rules.push(
            json!({"id": format!("r53-{i}"), "domain": format!("r{i}.corp.example.com"),
            "action": {"kind": "forward", "targets": ["192.168.10.10"]},
            "scope": {"kind": "route53", "endpoint": "r53-out", "vpcs": vpcs}}),
        );
    }
    for i in 0..500 {
        let vnets: Vec<&String> = (0..5).map(|j| &ids[1][(i + j * 30) % 150]).collect();
        rules.push(json!({"id": format!("az-{i}"), "domain": format!("r{i}.corp.example.com"),
            "action": {"kind": "forward", "targets": ["192.168.10.10"]},
            "scope": {"kind": "azure_ruleset", "ruleset": "big", "endpoint": "az-out", "vnets": vnets}}));
    }
    for i in 0..300 {
        let nets: Vec<&String> = (0..5).map(|j| &ids[2][(i + j * 29) % 149]).collect();
        rules.push(
            json!({"id": format!("gcp-{i}"), "domain": format!("r{i}.corp.example.com"),
            "action": {"kind": "forward", "targets": ["192.168.10.10"]},
            "scope": {"kind": "cloud_dns", "networks": nets}}),
        );
    }
    let sc = json!({"networks": networks, "links": links, "endpoints": endpoints, "rules": rules, "zones": zones,
        "servers": [{"id": "dc1", "network": "office", "address": "192.168.10.10", "recursion": true, "domain_controller": true}],
        "clients": [{"id": "ec2", "network": "aws_vpc-0"}, {"id": "laptop", "network": "office", "resolver": "192.168.10.10"}]});
    let text = Value::to_string(&sc);
    Scenario::from_json(&text).unwrap_or_else(|e| panic!("bench scenario: {e}"))
}

fn bench(c: &mut Criterion) {
    let sc = big();
    assert_eq!((sc.networks.len(), sc.rules.len()), (500, 2000));
    // A name matched by a Route 53 rule among 1,200, forwarded to the domain controller.
    let name: DomainName = "host0.r0.corp.example.com".parse().unwrap_or_default();
    let first = resolve(&sc, "ec2", &name, RecordType::A, &mut Cache::new());
    assert!(first.is_ok_and(|r| r.answer.values(RecordType::A) == ["192.168.20.5"]));
    c.bench_function("dns/resolve/500-networks-2000-rules/with-index", |b| {
        b.iter(|| {
            resolve(
                black_box(&sc),
                "ec2",
                black_box(&name),
                RecordType::A,
                &mut Cache::new(),
            )
        })
    });
    let r = Resolver::new(&sc);
    c.bench_function("dns/resolve/500-networks-2000-rules/prepared", |b| {
        b.iter(|| r.resolve("ec2", black_box(&name), RecordType::A, &mut Cache::new()))
    });
    c.bench_function("dns/index/500-networks-2000-rules", |b| {
        b.iter(|| Resolver::new(black_box(&sc)))
    });
    c.bench_function("dns/validate/500-networks-2000-rules", |b| {
        b.iter(|| black_box(&sc).validate())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
