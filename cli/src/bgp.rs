//! `cloudhop bgp`: route propagation between ASes and the best-path decision process.

use crate::output::{json, parse_json, read_input, CliError, CliResult};
use cloudhop_core::bgp::asn::Asn;
use cloudhop_core::bgp::decision::{best_path, Candidate, DecisionOptions};
use cloudhop_core::bgp::path::AsPath;
use cloudhop_core::bgp::route::Route;
use cloudhop_core::bgp::scenario::{IpNet, Scenario};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const USAGE: &str = "\
usage: cloudhop bgp <command> [FILE|-]

commands:
  propagate [FILE|-]   every AS's best route per prefix under the standard policy
                       (customer > peer > provider, then shortest AS path, then lowest
                       neighbour ASN; export own and customer routes to all, the rest to
                       customers only). Input JSON:
                       {\"links\": [{\"provider\": 1, \"customer\": 2}, {\"peer\": [3, 4]}],
                        \"announcements\": [{\"prefix\": \"10.0.0.0/24\", \"origin\": 7}],
                        \"ases\": [99]}
                       optional: \"policy\" {\"prepend\", \"local_pref\", \"leaks\"},
                       \"failed_links\" [[A, B]], \"failed_ases\" [A]
                       -> {\"ribs\": {\"<asn>\": {\"<prefix>\": {\"as_path\": [...],
                           \"relationship\": \"customer|peer|provider|origin\"}}}}
  best-path [FILE|-]   the router-level decision process. Input JSON:
                       {\"routes\": [{\"id\": \"a\", \"weight\": 0, \"local_pref\": 100,
                         \"locally_originated\": false, \"as_path\": [65001],
                         \"origin\": \"igp|egp|incomplete\", \"med\": 0,
                         \"session\": \"ebgp|ibgp\", \"igp_cost\": 0,
                         \"router_id\": \"10.0.0.1\", \"neighbor\": \"192.0.2.1\"}, ...],
                        \"always_compare_med\": false}
                       -> {\"best\", \"best_id\", \"decided_by\", \"trace\": [{\"step\",
                           \"survivors\", \"eliminated\": [{\"route\", \"reason\"}]}]}

FILE is a path; - or nothing reads standard input. Bad input: message on stderr, exit 2.
";

pub fn run(args: &[String]) -> CliResult {
    let file = || -> Result<Option<&str>, CliError> {
        match args.get(1..).unwrap_or(&[]) {
            [] => Ok(None),
            [f] => Ok(Some(f.as_str())),
            _ => Err(CliError::usage(format!("too many arguments\n\n{USAGE}"))),
        }
    };
    match args.first().map(String::as_str) {
        Some("propagate") => propagate(file()?),
        Some("best-path") => best(file()?),
        Some("-h" | "--help" | "help") => Ok(USAGE.trim_end().to_string()),
        Some(other) => Err(CliError::usage(format!(
            "unknown bgp command `{other}`\n\n{USAGE}"
        ))),
        None => Err(CliError::usage(USAGE)),
    }
}

/// One AS's routes, prefixes in address order.
struct AsRibs<'a>(&'a BTreeMap<IpNet, Route>);

#[derive(Serialize)]
struct RouteOut<'a> {
    as_path: &'a AsPath,
    relationship: &'static str,
}

impl Serialize for AsRibs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (p, r) in self.0 {
            m.serialize_entry(
                &p.to_string(),
                &RouteOut {
                    as_path: &r.as_path,
                    relationship: r.learned.name(),
                },
            )?;
        }
        m.end()
    }
}

/// All ASes, ASNs in numeric order (a JSON object keyed by strings would sort "10" before "9").
struct AllRibs(BTreeMap<Asn, BTreeMap<IpNet, Route>>);

impl Serialize for AllRibs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (asn, routes) in &self.0 {
            m.serialize_entry(&asn.to_string(), &AsRibs(routes))?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct PropagateOut {
    ribs: AllRibs,
}

fn propagate(file: Option<&str>) -> CliResult {
    let text = read_input(file)?;
    // serde would read a struct from a JSON array too (`[]` as an empty scenario).
    if !text.trim_start().starts_with('{') {
        return Err(CliError::usage(
            "bad bgp scenario: expected a JSON object like {\"links\": [...], \"announcements\": [...]}",
        ));
    }
    let scenario: Scenario = parse_json(&text, "bgp scenario")?;
    let ribs = scenario.compute().map_err(CliError::usage)?;
    json(&PropagateOut {
        ribs: AllRibs(ribs.by_as()),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BestPathRequest {
    routes: Vec<Candidate>,
    #[serde(default)]
    always_compare_med: bool,
}

#[derive(Serialize)]
struct BestPathOut<'a> {
    best: usize,
    best_id: &'a str,
    decided_by: Option<cloudhop_core::bgp::decision::Step>,
    trace: &'a [cloudhop_core::bgp::decision::BestPathStep],
}

fn best(file: Option<&str>) -> CliResult {
    let text = read_input(file)?;
    // A bare array of routes, or the wrapped object: parse the form the input looks like,
    // so its error message (line, column, field) is the one shown.
    let bare = text.trim_start().starts_with('[');
    let direct = if bare {
        serde_json::from_str::<Vec<Candidate>>(&text).map(|routes| BestPathRequest {
            routes,
            always_compare_med: false,
        })
    } else {
        serde_json::from_str::<BestPathRequest>(&text)
    };
    let req = direct.map_err(|e| CliError::usage(format!("bad candidate routes: {e}")))?;
    let opts = DecisionOptions {
        always_compare_med: req.always_compare_med,
    };
    let d = best_path(&req.routes, &opts).map_err(CliError::usage)?;
    let best_id = req.routes.get(d.best).map(|c| c.id.as_str()).unwrap_or("");
    json(&BestPathOut {
        best: d.best,
        best_id,
        decided_by: d.decided_by,
        trace: &d.trace,
    })
}
