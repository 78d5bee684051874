//! Integration tests of `cloudhop cidr`: the built binary, JSON on stdout, exit code 2 and a
//! message on stderr for bad input.

mod common;

use std::process::Output;

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    common::cloudhop("cidr", args, None)
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    common::cloudhop("cidr", args, Some(input))
}

fn ok_json(args: &[&str]) -> Value {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn bad(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "{args:?} should exit 2");
    assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    err
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_str().expect("strings").to_string())
        .collect()
}

#[test]
fn info_ipv4_with_provider() {
    let v = ok_json(&["info", "10.0.0.0/24", "--provider", "aws"]);
    assert_eq!(v["prefix"], "10.0.0.0/24");
    assert_eq!(v["version"], 4);
    assert_eq!(v["network"], "10.0.0.0");
    assert_eq!(v["broadcast"], "10.0.0.255");
    assert_eq!(v["netmask"], "255.255.255.0");
    assert_eq!(v["hostmask"], "0.0.0.255");
    assert_eq!(v["first"], "10.0.0.0");
    assert_eq!(v["last"], "10.0.0.255");
    assert_eq!(v["addresses"], "256");
    assert_eq!(v["usable"], "251");
    assert_eq!(v["special_use"][0], "Private-Use (RFC 1918)");
    assert_eq!(v["reserved"].as_array().map(Vec::len), Some(5));
    let v = ok_json(&["info", "10.0.0.0/24", "--provider=gcp"]);
    assert_eq!(v["usable"], "252");
    let v = ok_json(&["info", "10.0.0.0/24"]);
    assert_eq!(v["usable"], "254");
}

#[test]
fn info_ipv6_edges() {
    let v = ok_json(&["info", "::/0"]);
    assert_eq!(v["version"], 6);
    assert_eq!(v["broadcast"], Value::Null);
    assert_eq!(v["addresses"], "340282366920938463463374607431768211456");
    let v = ok_json(&["info", "2001:DB8:0:0::/32"]);
    assert_eq!(v["prefix"], "2001:db8::/32");
    assert_eq!(v["special_use"][0], "Documentation (RFC 3849)");
    let v = ok_json(&["info", "fd00:1::/64", "--provider", "azure"]);
    assert_eq!(v["usable"], "18446744073709551611");
}

#[test]
fn info_refuses_bad_input_with_clear_messages() {
    assert!(bad(&["info", "10.0.0.1/16"]).contains("did you mean 10.0.0.0/16?"));
    assert!(bad(&["info", "10.0.0.256/8"]).contains("larger than 255"));
    assert!(
        bad(&["info", "10.0.0.0/30", "--provider", "azure"]).contains("smallest allowed is /29")
    );
    assert!(bad(&["info", "10.0.0.0/8", "--provider", "aws"]).contains("largest allowed is /16"));
    assert!(bad(&["info", "10.0.0.0/8", "--provider", "oracle"]).contains("unknown provider"));
    assert!(bad(&["info"]).contains("usage"));
    assert!(bad(&["info", "10.0.0.0/8", "--provider"]).contains("needs a value"));
    assert!(bad(&["info", "10.0.0.0/8", "--bogus", "1"]).contains("unknown option"));
    assert!(bad(&["nonsense"]).contains("unknown cidr command"));
}

#[test]
fn split_and_its_limit() {
    let v = ok_json(&["split", "10.0.0.0/24", "--prefix-len", "26"]);
    assert_eq!(
        strings(&v),
        [
            "10.0.0.0/26",
            "10.0.0.64/26",
            "10.0.0.128/26",
            "10.0.0.192/26"
        ]
    );
    let v = ok_json(&["split", "2001:db8::/32", "--prefix-len=34"]);
    assert_eq!(
        strings(&v),
        [
            "2001:db8::/34",
            "2001:db8:4000::/34",
            "2001:db8:8000::/34",
            "2001:db8:c000::/34"
        ]
    );
    assert_eq!(
        ok_json(&["split", "10.0.0.0/16", "--prefix-len", "32"])
            .as_array()
            .map(Vec::len),
        Some(65_536)
    );
    assert!(bad(&["split", "10.0.0.0/8", "--prefix-len", "32"]).contains("65536"));
    assert!(bad(&["split", "10.0.0.0/8"]).contains("--prefix-len N"));
    assert!(bad(&["split", "10.0.0.0/8", "--prefix-len", "x"]).contains("0 to 32"));
    assert!(bad(&["split", "10.0.0.0/24", "--prefix-len", "16"]).contains("bigger"));
}

#[test]
fn summarize_sorts_ipv4_first_and_is_minimal() {
    let v = ok_json(&[
        "summarize",
        "fd00::/9",
        "10.0.1.0/24",
        "fd80::/9",
        "10.0.0.0/24,10.0.0.128/25",
        "192.168.0.0/24",
    ]);
    assert_eq!(strings(&v), ["10.0.0.0/23", "192.168.0.0/24", "fd00::/8"]);
    assert!(bad(&["summarize", "10.0.0.0/8", "oops"]).contains("argument 2"));
    assert!(bad(&["summarize"]).contains("usage"));
}

#[test]
fn exclude_and_free() {
    let v = ok_json(&["exclude", "10.0.0.0/16", "10.0.0.0/18", "10.0.128.0/24"]);
    assert_eq!(
        strings(&v),
        [
            "10.0.64.0/18",
            "10.0.129.0/24",
            "10.0.130.0/23",
            "10.0.132.0/22",
            "10.0.136.0/21",
            "10.0.144.0/20",
            "10.0.160.0/19",
            "10.0.192.0/18"
        ]
    );
    let v = ok_json(&[
        "free",
        "10.0.0.0/16",
        "--size",
        "18",
        "10.0.0.0/18",
        "10.0.128.0/24",
    ]);
    assert_eq!(strings(&v), ["10.0.64.0/18", "10.0.192.0/18"]);
    let v = ok_json(&["free", "10.0.0.0/30", "--size", "32"]);
    assert_eq!(strings(&v).len(), 4);
    assert!(bad(&["free", "10.0.0.0/8", "--size", "32"]).contains("more than 65536"));
    assert!(bad(&["free", "10.0.0.0/16", "--size", "8"]).contains("cannot fit"));
    assert!(bad(&["exclude"]).contains("usage"));
}

#[test]
fn allocate_subnets_for_hosts() {
    let v = ok_json(&[
        "allocate",
        "10.0.0.0/22",
        "--provider",
        "aws",
        "web=100",
        "db=300",
    ]);
    assert_eq!(v[0]["name"], "web");
    assert_eq!(v[0]["prefix"], "10.0.2.0/25");
    assert_eq!(v[1]["prefix"], "10.0.0.0/23");
    assert_eq!(v[1]["usable"], "507");
    assert!(bad(&["allocate", "10.0.0.0/24", "--provider", "aws", "web"]).contains("NAME=HOSTS"));
    assert!(bad(&["allocate", "10.0.0.0/24", "--provider", "aws", "web=9000"]).contains("no room"));
}

const PLAN: &str = r#"{"networks": [
  {"name": "office", "provider": "onprem", "blocks": ["10.0.0.0/16"]},
  {"name": "aws-prod", "provider": "aws", "kind": "vpc", "blocks": ["10.0.128.0/17"]},
  {"name": "gcp-web", "provider": "gcp", "blocks": ["172.16.0.0/30"]}
]}"#;

#[test]
fn check_plan_from_file_and_stdin() {
    let dir = std::env::temp_dir().join(format!("cloudhop-cidr-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("plan.json");
    std::fs::write(&path, PLAN).expect("write plan");
    let v = ok_json(&["check", path.to_str().expect("utf-8 path")]);
    let o = &v["overlaps"][0];
    assert_eq!(o["a"], "office");
    assert_eq!(o["a_cidr"], "10.0.0.0/16");
    assert_eq!(o["b"], "aws-prod");
    assert_eq!(o["b_cidr"], "10.0.128.0/17");
    assert_eq!(o["overlap"], "10.0.128.0/17");
    assert_eq!(v["violations"][0]["network"], "gcp-web");
    assert_eq!(v["violations"][0]["rule"], "size");
    assert_eq!(v["suggestions"][0]["replacement"], "10.1.0.0/17");
    std::fs::remove_dir_all(&dir).ok();

    let out = run_stdin(&["check", "-"], PLAN);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["overlaps"].as_array().map(Vec::len), Some(1));

    let clean = r#"{"networks": [{"name": "a", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]}]}"#;
    let out = run_stdin(&["check"], clean);
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["overlaps"], Value::Array(vec![]));
    assert_eq!(v["violations"], Value::Array(vec![]));
}

#[test]
fn check_refuses_bad_plans() {
    let out = run_stdin(&["check"], "{not json");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad plan"));
    let out = run_stdin(
        &["check"],
        r#"{"networks": [{"name": "a", "cidr": "10.0.0.0/8"}]}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field `cidr`"));
    assert!(bad(&["check", "/nonexistent/plan.json"]).contains("could not read"));
}

#[test]
fn info_kind_is_read_by_core_with_the_same_message() {
    let v = ok_json(&[
        "info",
        "10.0.0.0/16",
        "--provider",
        "azure",
        "--kind",
        "vnet",
    ]);
    assert_eq!(v["usable"], "65531");
    let e = bad(&["info", "10.0.0.0/24", "--kind", "zone"]);
    assert!(e.contains("unknown kind `zone`: use vpc or subnet"), "{e}");
    let e = bad(&["info", "10.0.0.0/24", "--kind", "network"]);
    assert!(e.contains("unknown kind `network`"), "{e}");
}

#[test]
fn check_prints_rule_ids_as_before() {
    let plan = r#"{"networks": [
      {"name": "x", "blocks": ["oops"]},
      {"name": "y", "provider": "gcp", "blocks": ["10.0.0.0/30"]},
      {"name": "z", "provider": "aws", "blocks": ["192.0.2.0/24"], "within": "nope"},
      {"name": "e"}
    ]}"#;
    let out = run_stdin(&["check", "-"], plan);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["parse", "within", "size", "special", "empty"]);
}
