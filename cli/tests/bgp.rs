//! Integration tests for `cloudhop bgp`, through the real binary.

mod common;

use std::process::Output;

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    common::cloudhop("bgp", args, stdin)
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

fn refused(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(2),
        "stdout: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(o.stdout.is_empty());
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const ISSUE_EXAMPLE: &str = r#"{"links": [{"provider": 1, "customer": 2}, {"peer": [3, 4]}],
  "announcements": [{"prefix": "10.0.0.0/24", "origin": 2}], "ases": [99]}"#;

#[test]
fn propagate_prints_the_documented_shape() {
    let out = stdout(&run(&["propagate"], Some(ISSUE_EXAMPLE)));
    let expected = r#"{
  "ribs": {
    "1": {
      "10.0.0.0/24": {
        "as_path": [
          2
        ],
        "relationship": "customer"
      }
    },
    "2": {
      "10.0.0.0/24": {
        "as_path": [],
        "relationship": "origin"
      }
    }
  }
}
"#;
    assert_eq!(out, expected);
}

#[test]
fn keys_are_sorted_numerically_and_by_address_and_output_is_byte_stable() {
    // ASNs 9, 10, 100 and prefixes 9.0.0.0/8, 10.0.0.0/8, 10.0.0.0/16, 2001:db8::/32:
    // string order would put "10" before "9".
    let input = r#"{"links": [{"provider": 100, "customer": 9}, {"provider": 100, "customer": 10}],
      "announcements": [{"prefix": "2001:db8::/32", "origin": 9}, {"prefix": "10.0.0.0/16", "origin": 9},
                        {"prefix": "10.0.0.0/8", "origin": 10}, {"prefix": "9.0.0.0/8", "origin": 10}]}"#;
    let a = stdout(&run(&["propagate", "-"], Some(input)));
    let b = stdout(&run(&["propagate"], Some(input)));
    assert_eq!(a, b);
    let pos = |s: &str| a.find(s).unwrap_or_else(|| panic!("{s} missing in {a}"));
    assert!(pos("\"9\": {") < pos("\"10\": {"));
    assert!(pos("\"10\": {") < pos("\"100\": {"));
    // Inside AS 100: 9/8 < 10/8 < 10.0/16 < IPv6.
    let at100 = &a[pos("\"100\": {")..];
    let p = |s: &str| at100.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(p("9.0.0.0/8") < p("10.0.0.0/8"));
    assert!(p("10.0.0.0/8") < p("10.0.0.0/16"));
    assert!(p("10.0.0.0/16") < p("2001:db8::/32"));
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(
        v["ribs"]["10"]["2001:db8::/32"]["as_path"],
        serde_json::json!([100, 9])
    );
    assert_eq!(v["ribs"]["10"]["2001:db8::/32"]["relationship"], "provider");
}

#[test]
fn propagate_reads_a_file_and_applies_policy_extras() {
    let dir = std::env::temp_dir().join(format!("cloudhop-bgp-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("net.json");
    std::fs::write(
        &file,
        r#"{"links": [{"provider": 1, "customer": 9}, {"provider": 2, "customer": 9},
                      {"provider": 5, "customer": 1}, {"provider": 5, "customer": 2}],
            "announcements": [{"prefix": "10.9.0.0/16", "origin": 9}],
            "policy": {"prepend": [{"asn": 9, "to": 1, "times": 2}]}}"#,
    )
    .unwrap();
    let out = stdout(&run(&["propagate", file.to_str().unwrap()], None));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["ribs"]["5"]["10.9.0.0/16"]["as_path"],
        serde_json::json!([2, 9])
    );
    assert_eq!(
        v["ribs"]["1"]["10.9.0.0/16"]["as_path"],
        serde_json::json!([9, 9, 9])
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_topologies_exit_2_naming_the_ases() {
    let cycle = r#"{"links": [{"provider": 1, "customer": 2}, {"provider": 2, "customer": 3}, {"provider": 3, "customer": 1}], "announcements": []}"#;
    let e = refused(&run(&["propagate"], Some(cycle)));
    assert!(
        e.contains("cycle") && e.contains("AS 1") && e.contains("AS 3"),
        "{e}"
    );
    let zero = r#"{"links": [{"provider": 0, "customer": 2}], "announcements": []}"#;
    assert!(refused(&run(&["propagate"], Some(zero))).contains("AS 0"));
    let twice =
        r#"{"links": [{"provider": 1, "customer": 2}, {"peer": [1, 2]}], "announcements": []}"#;
    let e = refused(&run(&["propagate"], Some(twice)));
    assert!(
        e.contains("AS 1") && e.contains("AS 2") && e.contains("twice"),
        "{e}"
    );
    let unknown = r#"{"links": [{"peer": [1, 2]}], "announcements": [{"prefix": "10.0.0.0/8", "origin": 7}]}"#;
    assert!(refused(&run(&["propagate"], Some(unknown))).contains("AS 7"));
    let syntax = r#"{"links": [{"peer": [1, 2]}"#;
    assert!(refused(&run(&["propagate"], Some(syntax))).contains("bad bgp scenario"));
    // serde reads a struct from an array: `[]` must not pass as an empty scenario.
    assert!(refused(&run(&["propagate"], Some("[]"))).contains("JSON object"));
    assert!(refused(&run(&["propagate"], Some(" null"))).contains("JSON object"));
    let huge = r#"{"links": [{"provider": 4294967296, "customer": 2}], "announcements": []}"#;
    assert!(refused(&run(&["propagate"], Some(huge))).contains("4294967296"));
    let selfish = r#"{"links": [{"peer": [3, 3]}], "announcements": []}"#;
    assert!(refused(&run(&["propagate"], Some(selfish))).contains("AS 3"));
    let missing = refused(&run(&["propagate", "/nonexistent/net.json"], None));
    assert!(missing.contains("/nonexistent/net.json"));
}

#[test]
fn best_path_gives_the_winner_and_the_trace() {
    let input = r#"{"routes": [
        {"id": "via-isp-a", "as_path": [64500, 65001], "neighbor": "192.0.2.1"},
        {"id": "via-isp-b", "as_path": [64501, 65001], "med": 5, "neighbor": "192.0.2.2"},
        {"id": "via-ibgp", "as_path": [64500, 65001], "session": "ibgp", "neighbor": "10.0.0.2"}]}"#;
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["best-path"], Some(input)))).unwrap();
    assert_eq!(v["best_id"], "via-isp-a");
    assert_eq!(v["decided_by"], "neighbor_address");
    let steps: Vec<&str> = v["trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps[0], "weight");
    assert!(steps.contains(&"ebgp_over_ibgp"));
    // With always-compare-med, MED 5 loses to MED 0 at the MED step.
    let cmp = input.replacen(
        "{\"routes\"",
        "{\"always_compare_med\": true, \"routes\"",
        1,
    );
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["best-path"], Some(&cmp)))).unwrap();
    let med = v["trace"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "med")
        .unwrap();
    assert_eq!(med["eliminated"][0]["route"], 1);
    // A bare array works too.
    let bare = r#"[{"id": "x", "local_pref": 50}, {"id": "y", "local_pref": 150}]"#;
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["best-path"], Some(bare)))).unwrap();
    assert_eq!(
        (v["best"].as_u64(), v["decided_by"].as_str()),
        (Some(1), Some("local_pref"))
    );
}

#[test]
fn best_path_bad_input_exits_2() {
    assert!(refused(&run(&["best-path"], Some(r#"{"routes": []}"#))).contains("no candidate"));
    let e = refused(&run(
        &["best-path"],
        Some(r#"{"routes": [{"lokal_pref": 1}]}"#),
    ));
    assert!(e.contains("lokal_pref"), "{e}");
    assert!(refused(&run(&["best-path"], Some("not json"))).contains("bad candidate routes"));
    // A bare array's own error is shown, not the wrapped form's "expected a sequence".
    let e = refused(&run(&["best-path"], Some(r#"[{"as_path": [4294967296]}]"#)));
    assert!(e.contains("4294967296"), "{e}");
    let e = refused(&run(
        &["best-path"],
        Some(r#"[{"router_id": "300.1.1.1"}]"#),
    ));
    assert!(e.contains("IPv4 address"), "{e}");
    assert!(refused(&run(&["frobnicate"], None)).contains("unknown bgp command"));
    assert!(refused(&run(&[], None)).contains("usage"));
    assert!(refused(&run(&["propagate", "a", "b"], None)).contains("too many"));
}

#[test]
fn help_exits_0() {
    assert!(stdout(&run(&["--help"], None)).contains("best-path"));
}
