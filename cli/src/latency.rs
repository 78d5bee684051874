//! `cloudhop latency`: round-trip estimates and topology comparisons.

use crate::output::{json, parse_json, read_input, CliError, CliResult};
use cloudhop_core::latency::calibration::Calibration;
use cloudhop_core::latency::catalog::{Catalog, Provider, SiteKind};
use cloudhop_core::latency::explain;
use cloudhop_core::latency::model::RttModel;
use cloudhop_core::latency::topology::Scenario;
use serde_json::{json as j, Value};

const USAGE: &str = "\
usage: cloudhop latency <command>

commands:
  rtt SITE_A SITE_B        estimated round trip between two sites
                           -> {\"a\", \"b\", \"distance_km\", \"floor_ms\", \"rtt_ms\"}
                           (--explain adds the model's inflation and overhead)
  compare [FILE|-]         compare topologies over a set of sites; input JSON:
                           {\"sites\": [\"aws:us-east-1\", {\"name\": \"HQ\", \"lat\": 48.1, \"lon\": 11.6}, ...],
                            \"topologies\": [\"mesh\", \"hub:aws:us-east-1\", \"hub:best\", \"hub:best-worst\",
                                           \"relay\", \"exchange:ix:frankfurt\", \"exchange:best\"],
                            \"nat_share\": 0.25, \"tunnel_overhead_ms\": 1.0, \"failed\": [\"SITE\"]}
                           -> per topology: links, mean_ms, p95_ms, max_ms, matrix (ms, null = no path)
  sites [aws|gcp|azure|relay|exchange]
                           list catalog sites
  calibration              the model's parameters and its error on published measurements

Site ids: aws:us-east-1, gcp:europe-west1, azure:westeurope, relay:fra, ix:frankfurt.
";

pub fn run(args: &[String]) -> CliResult {
    match args.first().map(String::as_str) {
        Some("rtt") => rtt(&args[1..]),
        Some("compare") => compare(args.get(1).map(String::as_str)),
        Some("sites") => sites(args.get(1).map(String::as_str)),
        Some("calibration") => calibration(),
        Some("-h" | "--help" | "help") => Ok(USAGE.trim_end().to_string()),
        Some(other) => Err(CliError::usage(format!(
            "unknown latency command `{other}`\n\n{USAGE}"
        ))),
        None => Err(CliError::usage(USAGE)),
    }
}

fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

fn rtt(args: &[String]) -> CliResult {
    let explain = args.iter().any(|a| a == "--explain");
    let ids: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if let Some(flag) = args
        .iter()
        .find(|a| a.starts_with("--") && *a != "--explain")
    {
        return Err(CliError::usage(format!("unknown option `{flag}`")));
    }
    let [a, b] = ids.as_slice() else {
        return Err(CliError::usage(
            "usage: cloudhop latency rtt SITE_A SITE_B [--explain]",
        ));
    };
    let cat = Catalog::builtin();
    let sa = cat.resolve(a).map_err(CliError::usage)?;
    let sb = cat.resolve(b).map_err(CliError::usage)?;
    let e = RttModel::calibrated().estimate(sa, sb);
    let mut out = j!({
        "a": sa.id,
        "b": sb.id,
        "distance_km": round(e.distance_km, 1),
        "floor_ms": round(e.floor_ms, 2),
        "rtt_ms": round(e.rtt_ms, 1),
    });
    if explain {
        if let Value::Object(m) = &mut out {
            m.insert("inflation".into(), j!(round(e.inflation, 3)));
            m.insert(
                "inflation_fitted_for_zone_pair".into(),
                j!(e.zone_pair_fitted),
            );
            m.insert("zones".into(), j!([e.zones.0.label(), e.zones.1.label()]));
            m.insert("overhead_ms".into(), j!(round(e.overhead_ms, 2)));
            m.insert("formula".into(), j!(explain::estimate_formula(&e)));
        }
    }
    json(&out)
}

fn compare(arg: Option<&str>) -> CliResult {
    let text = read_input(arg)?;
    let sc: Scenario = parse_json(&text, "scenario")?;
    let results = sc.compare().map_err(CliError::usage)?;
    let net = sc.network().map_err(CliError::usage)?;
    let ids: Vec<&str> = net.sites().iter().map(|s| s.id.as_str()).collect();
    let rows: Vec<Value> = results
        .iter()
        .map(|r| {
            let opt = |v: Option<f64>| v.map(|x| round(x, 1));
            j!({
                "topology": r.topology,
                "kind": r.kind,
                "via": r.via,
                "links": r.links,
                "links_formula": r.links_formula,
                "new_site_links": r.new_site_links,
                "mean_ms": opt(r.mean_ms),
                "p95_ms": opt(r.p95_ms),
                "max_ms": opt(r.max_ms),
                "worst_pair": r.worst_pair,
                "mean_stretch": r.mean_stretch.map(|x| round(x, 3)),
                "max_stretch": r.max_stretch.map(|x| round(x, 3)),
                "pairs": r.pairs,
                "unreachable_pairs": r.unreachable_pairs,
                "relayed_pairs": r.relayed_pairs,
                "matrix": r.matrix_rows(),
            })
        })
        .collect();
    json(&j!({
        "sites": ids,
        "nat_share": sc.nat_share,
        "tunnel_overhead_ms": sc.tunnel_overhead_ms,
        "failed": sc.failed,
        "topologies": rows,
    }))
}

fn sites(filter: Option<&str>) -> CliResult {
    let cat = Catalog::builtin();
    let keep = |s: &&cloudhop_core::latency::catalog::Site| -> bool {
        match filter {
            None => true,
            Some(f) if Provider::from_prefix(f).is_some() => {
                s.provider() == Provider::from_prefix(f)
            }
            Some("relay") => s.kind == SiteKind::Relay,
            Some("exchange" | "ix") => s.kind == SiteKind::Exchange,
            Some(_) => false,
        }
    };
    if let Some(f) = filter {
        if !["aws", "gcp", "azure", "relay", "exchange", "ix"].contains(&f) {
            return Err(CliError::usage(format!(
                "unknown filter `{f}` (use aws, gcp, azure, relay or exchange)"
            )));
        }
    }
    let list: Vec<Value> = cat
        .sites()
        .iter()
        .filter(keep)
        .map(|s| {
            j!({"id": s.id, "name": s.name, "metro": s.metro, "lat": s.pos.lat, "lon": s.pos.lon,
                "continent": s.continent.label(), "kind": s.kind})
        })
        .collect();
    json(&list)
}

fn calibration() -> CliResult {
    let cal = Calibration::builtin();
    let model = cal.fit();
    let report = cal.report(&model);
    let table: Vec<Value> = model
        .inflation_table()
        .into_iter()
        .map(|(a, b, k)| j!({"zones": [a.label(), b.label()], "inflation": round(k, 3)}))
        .collect();
    json(&j!({
        "model": explain::MODEL_FORMULA,
        "overhead_ms": round(model.overhead_ms, 2),
        "default_inflation": round(model.default_inflation, 3),
        "inflation": table,
        "sources": cal.sources,
        "error": report,
    }))
}
