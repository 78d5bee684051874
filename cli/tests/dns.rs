//! `cloudhop dns resolve` end to end: a preset or a scenario file in, the answer, the
//! trace and the diagnosis out as JSON; bad input refused with exit status 2.

mod common;

use serde_json::Value;
use std::process::Output;

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    common::cloudhop("dns", args, stdin)
}

fn ok_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn refused(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn a_working_preset_resolves_with_its_trace() {
    let v = ok_json(&run(
        &[
            "resolve",
            "hybrid",
            "--from",
            "laptop",
            "--name",
            "db.aws.corp.example.com",
        ],
        None,
    ));
    assert_eq!(v["code"], "NOERROR");
    assert_eq!(v["answer"]["records"][0]["value"], "10.16.4.21");
    assert!(v["diagnosis"].is_null());
    let steps: Vec<&str> = v["trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    // laptop → dc1 (zone corp, delegation) → inbound endpoint → private hosted zone.
    assert_eq!(steps[0], "query");
    assert!(steps.contains(&"referral"));
    let inbound = v["trace"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["inbound"].is_string())
        .expect("a hop into the inbound endpoint");
    assert_eq!(inbound["inbound"], "in-1");
    assert_eq!(inbound["links"][0], "vpn");
}

#[test]
fn a_broken_preset_gets_its_diagnosis() {
    let v = ok_json(&run(
        &[
            "resolve",
            "forwarding-loop",
            "--from",
            "laptop",
            "--name",
            "db.aws.corp.example.com",
            "--type",
            "a",
        ],
        None,
    ));
    assert_eq!(v["code"], "SERVFAIL");
    assert_eq!(v["diagnosis"]["problem"]["kind"], "loop");
    let step = v["diagnosis"]["step"].as_u64().unwrap() as usize;
    assert_eq!(v["trace"][step]["step"], "loop");
}

#[test]
fn a_scenario_file_on_standard_input_works() {
    let sc = r#"{"networks": [{"id": "vpc", "kind": "aws_vpc", "cidr": "10.1.0.0/16"}],
      "zones": [{"id": "p", "origin": "example.com", "scope": {"kind": "public"},
                 "records": [{"name": "www.example.com", "type": "A", "ttl": 60, "value": "203.0.113.7"}]},
                {"id": "phz", "origin": "example.com", "scope": {"kind": "route53_private", "vpcs": ["vpc"]}}],
      "clients": [{"id": "ec2", "network": "vpc"}]}"#;
    let v = ok_json(&run(
        &["resolve", "-", "--from", "ec2", "--name", "www.example.com"],
        Some(sc),
    ));
    // The private hosted zone shadows the public name.
    assert_eq!(v["code"], "NXDOMAIN");
    assert_eq!(v["diagnosis"]["problem"]["kind"], "private_zone_shadows");
}

#[test]
fn bad_input_exits_2_with_a_message() {
    assert!(refused(&run(
        &["resolve", "hybrid", "--name", "a.example.com"],
        None
    ))
    .contains("--from"));
    assert!(refused(&run(&["resolve", "hybrid", "--from", "laptop"], None)).contains("--name"));
    assert!(refused(&run(
        &["resolve", "hybrid", "--from", "nobody", "--name", "a.b"],
        None
    ))
    .contains("no client `nobody`"));
    assert!(refused(&run(
        &[
            "resolve",
            "hybrid",
            "--from",
            "laptop",
            "--name",
            "bad..name"
        ],
        None
    ))
    .contains("empty label"));
    assert!(refused(&run(
        &["resolve", "hybrid", "--from", "laptop", "--name", "a.b", "--type", "MX"],
        None
    ))
    .contains("unknown record type"));
    assert!(refused(&run(
        &["resolve", "no-such-thing", "--from", "x", "--name", "a.b"],
        None
    ))
    .contains("neither a file nor a preset"));
    assert!(refused(&run(
        &["resolve", "-", "--from", "x", "--name", "a.b"],
        Some("{not json")
    ))
    .contains("bad scenario"));
    assert!(refused(&run(
        &["resolve", "-", "--from", "x", "--name", "a.b"],
        Some(r#"{"clients": [{"id": "x", "network": "nowhere"}]}"#)
    ))
    .contains("nowhere"));
    assert!(refused(&run(&["frobnicate"], None)).contains("unknown dns command"));
    assert!(refused(&run(&[], None)).contains("usage"));
}

#[test]
fn presets_are_listed() {
    let v = ok_json(&run(&["presets"], None));
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "hybrid",
            "ec2-to-ad",
            "onprem-to-phz",
            "forwarding-loop",
            "failover-ttl"
        ]
    );
}
