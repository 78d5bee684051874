//! Integration tests for `cloudhop latency`, through the real binary.

mod common;

use std::process::Output;

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    common::cloudhop("latency", args, stdin)
}

fn json(o: &Output) -> serde_json::Value {
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

#[test]
fn rtt_between_two_regions() {
    let v = json(&run(&["rtt", "aws:us-east-1", "gcp:europe-west1"], None));
    assert_eq!(v["a"], "aws:us-east-1");
    assert_eq!(v["b"], "gcp:europe-west1");
    let d = v["distance_km"].as_f64().unwrap();
    let floor = v["floor_ms"].as_f64().unwrap();
    let rtt = v["rtt_ms"].as_f64().unwrap();
    assert!((6000.0..6400.0).contains(&d), "{d}");
    assert!((floor - d / 99.93).abs() < 0.1);
    assert!(rtt >= floor && rtt < 2.0 * floor, "{rtt} {floor}");
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 5);
    let e = json(&run(
        &["rtt", "aws:us-east-1", "gcp:europe-west1", "--explain"],
        None,
    ));
    assert!(e["formula"].as_str().unwrap().contains("max(floor"));
}

#[test]
fn unknown_site_exits_2_with_suggestions() {
    let o = run(&["rtt", "aws:us-east-l", "gcp:europe-west1"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("did you mean") && err.contains("aws:us-east-1"),
        "{err}"
    );
    let o = run(
        &["compare", "-"],
        Some(r#"{"sites": ["azure:westeurop", "aws:us-east-1"]}"#),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("azure:westeurope"));
}

#[test]
fn compare_reports_every_topology() {
    let input = r#"{"sites": ["aws:us-east-1", "gcp:europe-west1", "azure:japaneast", "aws:sa-east-1",
        {"name": "HQ", "lat": 48.14, "lon": 11.58}],
        "topologies": ["mesh", "hub:aws:us-east-1", "hub:best", "relay", "exchange:ix:frankfurt"],
        "nat_share": 0.5}"#;
    let v = json(&run(&["compare", "-"], Some(input)));
    let tops = v["topologies"].as_array().unwrap();
    assert_eq!(tops.len(), 5);
    assert_eq!(v["sites"][4], "onprem:hq");
    let mesh = &tops[0];
    assert_eq!(mesh["links"], 10);
    assert_eq!(tops[1]["links"], 4);
    assert_eq!(tops[4]["links"], 5);
    for t in tops {
        let m = t["matrix"].as_array().unwrap();
        assert_eq!(m.len(), 5);
        assert_eq!(m[0][0], 0.0);
        assert_eq!(m[1][2], m[2][1]);
        let mean = t["mean_ms"].as_f64().unwrap();
        let p95 = t["p95_ms"].as_f64().unwrap();
        let max = t["max_ms"].as_f64().unwrap();
        assert!(mean <= p95 + 1e-9 && p95 <= max + 1e-9, "{t}");
    }
    assert!(tops[1]["mean_ms"].as_f64() >= mesh["mean_ms"].as_f64());
}

#[test]
fn compare_from_a_file_and_with_a_failed_hub() {
    let dir = std::env::temp_dir().join(format!("cloudhop-latency-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.json");
    std::fs::write(&path, r#"{"sites": ["aws:us-east-1", "aws:eu-west-1", "aws:ap-south-1"], "topologies": ["hub:aws:us-east-1", "mesh"], "failed": ["aws:us-east-1"]}"#).unwrap();
    let v = json(&run(&["compare", path.to_str().unwrap()], None));
    let hub = &v["topologies"][0];
    assert_eq!(hub["unreachable_pairs"], 3);
    assert!(hub["mean_ms"].is_null());
    assert!(hub["matrix"][1][2].is_null());
    let mesh = &v["topologies"][1];
    assert_eq!(mesh["unreachable_pairs"], 2);
    assert!(mesh["matrix"][1][2].as_f64().is_some());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_exits_2() {
    for (args, stdin) in [
        (vec!["compare", "-"], Some("{not json")),
        (
            vec!["compare", "-"],
            Some(r#"{"sites": ["aws:us-east-1"], "topologies": ["ring"]}"#),
        ),
        (
            vec!["compare", "-"],
            Some(r#"{"sites": ["aws:us-east-1", "aws:us-east-2"], "nat_share": 2}"#),
        ),
        (vec!["compare", "/nonexistent/file.json"], None),
        (vec!["rtt", "aws:us-east-1"], None),
        (vec!["bogus"], None),
        (vec!["sites", "ibm"], None),
        (
            vec!["compare", "-"],
            Some(r#"{"sites": ["aws:us-east-1", "aws:us-east-2"], "failed": ["aws:us-east1"]}"#),
        ),
    ] {
        let o = run(&args, stdin);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!o.stderr.is_empty());
    }
}

#[test]
fn sites_and_calibration() {
    let v = json(&run(&["sites", "gcp"], None));
    let list = v.as_array().unwrap();
    assert!(list.len() >= 40);
    assert!(list
        .iter()
        .all(|s| s["id"].as_str().unwrap().starts_with("gcp:")));
    let c = json(&run(&["calibration"], None));
    assert!(c["error"]["held_out"]["median_pct"].as_f64().unwrap() <= 12.0);
    assert!(c["sources"].as_array().unwrap().len() >= 3);
}
