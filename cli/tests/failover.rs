//! `cloudhop failover` end to end: JSON or flags in, timeline and totals out, bad
//! parameters refused with exit status 2.

mod common;

use std::process::Output;

use serde_json::Value;

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    common::cloudhop("failover", args, stdin)
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

fn phase_durations(v: &Value) -> Vec<(String, f64)> {
    v["timeline"]
        .as_array()
        .expect("timeline array")
        .iter()
        .map(|p| {
            let d = p["end_s"].as_f64().unwrap() - p["start_s"].as_f64().unwrap();
            (p["kind"].as_str().unwrap().to_string(), d)
        })
        .collect()
}

#[test]
fn dns_flags_give_the_hand_calculated_timeline() {
    // 10 s checks × 2 failures: 15 s typical detection. TTL 60, every resolver honours it:
    // 95% moved 57 s after the switch; all moved after 60 s.
    let out = run(
        &[
            "dns",
            "--interval",
            "10",
            "--threshold",
            "2",
            "--ttl",
            "60",
            "--capped_share",
            "0",
            "--ignoring-share",
            "0",
            "--rate",
            "100",
        ],
        None,
    );
    let v = ok_json(&out);
    assert_eq!(v["model"], "dns");
    assert_eq!(
        phase_durations(&v),
        vec![
            ("detect".into(), 15.0),
            ("decide".into(), 0.0),
            ("propagate".into(), 57.0),
            ("recover".into(), 3.0)
        ]
    );
    assert_eq!(v["total_s"], 75.0);
    let t = &v["totals"];
    assert_eq!(t["time_to_share_s"]["typical"], 72.0);
    assert_eq!(t["detection_s"]["worst"], 20.0);
    // 100 req/s × (15 s + 60/2 s) = 4500 failed requests.
    assert_eq!(t["failed_requests"]["typical"], 4500.0);
    assert_eq!(v["params"]["ttl_s"], 60.0);
}

#[test]
fn tunnel_json_on_stdin() {
    let out = run(
        &["tunnel", "-"],
        Some(r#"{"kind":"bgp","hold_time_s":90,"keepalive_s":30}"#),
    );
    let v = ok_json(&out);
    // Hold 90, keepalive 30: detection 60 / 75 / 90 s; +2 s reconvergence +5 s propagation.
    assert_eq!(v["totals"]["detection_s"]["typical"], 75.0);
    assert_eq!(v["totals"]["traffic_gap_s"]["worst"], 97.0);
    let with_bfd = ok_json(&run(&["tunnel", "--kind", "bgp", "--bfd"], None));
    let gap = with_bfd["totals"]["traffic_gap_s"]["worst"]
        .as_f64()
        .unwrap();
    assert!((gap - 7.9).abs() < 1e-9, "{gap}");
}

#[test]
fn region_from_a_file_with_a_flag_override() {
    let dir = std::env::temp_dir().join(format!("cloudhop-failover-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("region.json");
    std::fs::write(
        &file,
        r#"{"decide_s": 0, "standby_capacity_share": 1, "warmup_s": 0,
            "data": {"strategy": "replica", "replica_lag_s": 2, "promote_s": 60},
            "dns": {"ttl_s": 60, "capped_share": 0, "ignoring_share": 0}}"#,
    )
    .unwrap();
    let v = ok_json(&run(
        &[file.to_str().unwrap(), "--dns.check_interval_s", "10"]
            .iter()
            .copied()
            .fold(vec!["region"], |mut a, x| {
                a.push(x);
                a
            }),
        None,
    ));
    // Detect (3 - 0.5) × 10 = 25; promote 60; 95% of 60 s TTL = 57; no warm-up.
    assert_eq!(v["totals"]["rto_s"]["typical"], 142.0);
    assert_eq!(v["totals"]["rpo_s"]["worst"], 2.0);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_parameters_exit_2_with_a_message() {
    let cases: [(&[&str], Option<&str>, &str); 10] = [
        (
            &["dns", "--model", "tunnel", "--kind", "bgp"],
            None,
            "--model",
        ),
        (&["dns", "--ttl", "1e300"], None, "ttl_s is 1e300"),
        (&["dns", "--ttl", "-5"], None, "ttl_s"),
        (&["dns", "--rate", "0"], None, "request_rate_per_s"),
        (&["tunnel", "--dpd_interval_s", "0"], None, "dpd_interval_s"),
        (&["dns", "--tll", "30"], None, "unknown field `tll`"),
        (&["dns", "-"], Some("{not json"), "bad parameters"),
        (&["dns", "-"], Some("[1,2]"), "JSON object"),
        (
            &["region", "-"],
            Some(r#"{"model":"dns"}"#),
            "`dns` scenario",
        ),
        (&["warp"], None, "unknown failover model"),
    ];
    for (args, stdin, needle) in cases {
        let out = run(args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(out.stdout.is_empty());
    }
    let missing = run(&["dns", "/no/such/file.json"], None);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn presets_and_help() {
    let v = ok_json(&run(&["presets"], None));
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"static-site") && ids.contains(&"region"));
    let help = run(&["--help"], None);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("cloudhop failover MODEL"));
    // Every preset's params run through the matching subcommand.
    for p in v.as_array().unwrap() {
        let params = p["params"].to_string();
        let model = p["params"]["model"].as_str().unwrap();
        let out = ok_json(&run(&[model, "-"], Some(&params)));
        assert!(out["total_s"].as_f64().unwrap() > 0.0);
    }
}

#[test]
fn empty_stdin_means_defaults() {
    let v = ok_json(&run(&["dns", "-"], Some("")));
    assert_eq!(v["params"]["check_interval_s"], 30.0);
    assert_eq!(v["totals"]["detection_s"]["typical"], 75.0);
}
