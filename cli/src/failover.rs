//! `cloudhop failover`: failover timelines as JSON.
//!
//! ```text
//! cloudhop failover dns|tunnel|region|cache|restore [FILE|-] [--field value ...]
//! cloudhop failover presets
//! ```
//!
//! Parameters come from a JSON file (or standard input with `-`, or piped in), then flags
//! override single fields (`--ttl_s 30`, `--ttl-s 30`, `--dns.ttl_s 30`, a few short names
//! such as `--ttl`). Missing fields take the documented defaults. The output is the
//! parameters used, the typical-case timeline and the totals. Bad parameters exit 2.

use crate::output::{json, parse_json, read_input, CliError, CliResult};
use cloudhop_core::failover::scenario::{Model, Scenario};
use serde_json::{json, Map, Value};
use std::io::IsTerminal;

const USAGE: &str = "\
usage: cloudhop failover MODEL [FILE|-] [--field value ...]
       cloudhop failover presets

MODEL is one of:
  dns       DNS failover: health checks, TTL, resolvers, client caches, manual failover
  tunnel    IPsec (dead-peer detection, re-keying) or BGP over an interconnect (hold timer, BFD)
  region    region failover: DNS, data (replica or backup) and capacity together
  cache     caches fed across clouds: staleness, and stale reads when the feed breaks
  restore   restoring a backup in another cloud: recovery point and time

Parameters are JSON fields (see `cloudhop failover presets` for every field and its default).
FILE or `-` (standard input) gives them as a JSON object; flags set single fields:
  --ttl_s 30   --ttl-s 30   --dns.ttl_s 30   --bfd (same as --bfd true)
Short names: --ttl, --interval, --threshold, --rate, --share, --kind.

Output: {\"model\", \"params\", \"timeline\": [phases], \"total_s\", \"totals\": {...}}.
Times are seconds after the failure. Bad parameters exit with status 2.
";

fn alias(model: Model, key: &str) -> String {
    let key = key.replace('-', "_");
    let short = match key.as_str() {
        "ttl" => "ttl_s",
        "interval" => "check_interval_s",
        "threshold" => "failure_threshold",
        "share" => "target_share",
        "rate" => match model {
            Model::Tunnel => "packet_rate_pps",
            Model::Cache => "read_rate_per_s",
            Model::Restore => "write_rate_per_s",
            Model::Dns | Model::Region => "request_rate_per_s",
        },
        _ => return key,
    };
    let short = short.to_string();
    if model == Model::Region && key != "rate" {
        format!("dns.{short}")
    } else if model == Model::Region {
        "dns.request_rate_per_s".into()
    } else {
        short
    }
}

/// A flag's value: JSON when it parses (numbers, booleans), otherwise a string.
fn flag_value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
}

fn set_path(obj: &mut Map<String, Value>, path: &str, value: Value) -> Result<(), CliError> {
    let mut parts = path.split('.').peekable();
    let mut cur = obj;
    while let Some(part) = parts.next() {
        if part.is_empty() {
            return Err(CliError::usage(format!("bad flag name `--{path}`")));
        }
        if parts.peek().is_none() {
            cur.insert(part.to_string(), value);
            return Ok(());
        }
        let next = cur
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        cur = next
            .as_object_mut()
            .ok_or_else(|| CliError::usage(format!("`{part}` in `--{path}` is not an object")))?;
    }
    Ok(())
}

pub fn run(args: &[String]) -> CliResult {
    let Some(model) = args.first().map(String::as_str) else {
        return Err(CliError::usage(USAGE));
    };
    let kind: Model = match model {
        "-h" | "--help" | "help" => return Ok(USAGE.trim_end().to_string()),
        "presets" => return presets(),
        other => other
            .parse()
            .map_err(|e| CliError::usage(format!("{e}\n\n{USAGE}")))?,
    };
    let mut file: Option<&str> = None;
    let mut flags: Vec<(String, Value)> = Vec::new();
    let mut i = 1;
    while let Some(arg) = args.get(i) {
        if let Some(name) = arg.strip_prefix("--") {
            if name == "help" {
                return Ok(USAGE.trim_end().to_string());
            }
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (name, None),
            };
            let value = match inline {
                Some(v) => flag_value(&v),
                None => match args.get(i + 1) {
                    Some(v) if !v.starts_with("--") => {
                        i += 1;
                        flag_value(v)
                    }
                    _ => Value::Bool(true),
                },
            };
            let path = alias(kind, name);
            if path == "model" {
                return Err(CliError::usage(format!(
                    "--model cannot be set by a flag: the command `failover {model}` names the model"
                )));
            }
            flags.push((path, value));
        } else if file.is_none() {
            file = Some(arg.as_str());
        } else {
            return Err(CliError::usage(format!(
                "unexpected argument `{arg}`: give at most one FILE\n\n{USAGE}"
            )));
        }
        i += 1;
    }
    let text = match file {
        Some(f) => read_input(Some(f))?,
        None if flags.is_empty() && !std::io::stdin().is_terminal() => read_input(None)?,
        None => String::new(),
    };
    let mut obj: Map<String, Value> = if text.trim().is_empty() {
        Map::new()
    } else {
        match parse_json::<Value>(&text, "parameters")? {
            Value::Object(o) => o,
            _ => return Err(CliError::usage("bad parameters: expected a JSON object")),
        }
    };
    match obj.get("model") {
        Some(Value::String(m)) if m != model => {
            return Err(CliError::usage(format!(
            "bad parameters: the input is a `{m}` scenario but the command is `failover {model}`"
        )))
        }
        _ => {}
    }
    obj.insert("model".into(), json!(model));
    if kind == Model::Tunnel && !obj.contains_key("kind") {
        obj.insert("kind".into(), json!("ipsec"));
    }
    for (path, value) in flags {
        set_path(&mut obj, &path, value)?;
    }
    let scenario: Scenario = serde_json::from_value(Value::Object(obj))
        .map_err(|e| CliError::usage(format!("bad parameters: {e}")))?;
    let outcome = scenario
        .outcome()
        .map_err(|e| CliError::usage(format!("bad parameters: {e}")))?;
    let mut totals = serde_json::to_value(&outcome)
        .map_err(|e| CliError::usage(format!("could not write JSON: {e}")))?;
    let timeline = totals
        .as_object_mut()
        .and_then(|o| {
            o.remove("model");
            o.remove("timeline")
        })
        .unwrap_or(Value::Null);
    let phases = timeline.get("phases").cloned().unwrap_or(Value::Null);
    let total_s = phases
        .as_array()
        .and_then(|p| p.last())
        .and_then(|p| p.get("end_s"))
        .cloned()
        .unwrap_or(json!(0.0));
    json(&json!({
        "model": model,
        "params": scenario,
        "timeline": phases,
        "total_s": total_s,
        "totals": totals,
    }))
}

fn presets() -> CliResult {
    let list: Vec<Value> = Scenario::PRESETS
        .iter()
        .filter_map(|(id, title)| {
            Scenario::preset(id).map(|s| json!({ "id": id, "title": title, "params": s }))
        })
        .collect();
    json(&list)
}
