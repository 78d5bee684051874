//! `cloudhop dns`: hybrid DNS resolution with its trace, as JSON.
//!
//! ```text
//! cloudhop dns resolve SCENARIO --from CLIENT --name NAME [--type A]
//! cloudhop dns presets
//! ```
//!
//! SCENARIO is a JSON file, `-` for standard input, or a preset's id. The output is the
//! answer, the ordered trace and, when something is wrong, the diagnosis. Bad input
//! exits 2 with a message.

use crate::output::{json, read_input, CliError, CliResult};
use cloudhop_core::dns::cache::Cache;
use cloudhop_core::dns::diagnosis::{diagnose, Diagnosis};
use cloudhop_core::dns::names::DomainName;
use cloudhop_core::dns::presets;
use cloudhop_core::dns::records::RecordType;
use cloudhop_core::dns::resolve::resolve;
use cloudhop_core::dns::scenario::Scenario;
use cloudhop_core::dns::trace::{Answer, Step};
use serde::Serialize;

const USAGE: &str = "\
usage: cloudhop dns resolve SCENARIO --from CLIENT --name NAME [--type A]
       cloudhop dns presets

SCENARIO is a JSON scenario file, `-` for standard input, or a preset id
(see `cloudhop dns presets`). --type is A (default), AAAA, CNAME, NS or TXT.

Output: {\"client\", \"name\", \"type\", \"answer\": {...}, \"code\", \"trace\": [steps],
\"diagnosis\": {...} or null}. Bad input exits with status 2.
";

#[derive(Serialize)]
struct Out<'a> {
    client: &'a str,
    name: &'a DomainName,
    #[serde(rename = "type")]
    rtype: RecordType,
    code: &'static str,
    answer: &'a Answer,
    trace: &'a [Step],
    diagnosis: Option<Diagnosis>,
}

#[derive(Serialize)]
struct PresetOut {
    id: &'static str,
    title: &'static str,
    clients: Vec<String>,
}

/// Run `cloudhop dns ...`.
pub fn run(args: &[String]) -> CliResult {
    match args.first().map(String::as_str) {
        Some("resolve") => resolve_cmd(&args[1..]),
        Some("presets") => json(
            &presets::all()
                .into_iter()
                .map(|p| PresetOut {
                    id: p.id,
                    title: p.title,
                    clients: p.scenario.clients.iter().map(|c| c.id.clone()).collect(),
                })
                .collect::<Vec<_>>(),
        ),
        Some("-h" | "--help" | "help") => Ok(USAGE.trim_end().to_string()),
        Some(other) => Err(CliError::usage(format!(
            "unknown dns command `{other}`\n\n{USAGE}"
        ))),
        None => Err(CliError::usage(USAGE)),
    }
}

fn scenario(arg: &str) -> Result<Scenario, CliError> {
    if arg != "-" && !std::path::Path::new(arg).exists() {
        return presets::preset(arg).map(|p| p.scenario).ok_or_else(|| {
            CliError::usage(format!(
                "`{arg}` is neither a file nor a preset (presets: {})",
                presets::IDS.join(", ")
            ))
        });
    }
    let text = read_input(Some(arg))?;
    Scenario::from_json(&text).map_err(|e| CliError::usage(format!("bad scenario: {e}")))
}

fn resolve_cmd(args: &[String]) -> CliResult {
    let mut file = None;
    let (mut from, mut name, mut rtype) = (None, None, RecordType::A);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| CliError::usage(format!("{flag} needs a value\n\n{USAGE}")))
        };
        match a.as_str() {
            "--from" => from = Some(value("--from")?),
            "--name" => name = Some(value("--name")?),
            "--type" => {
                rtype = RecordType::parse(&value("--type")?)
                    .map_err(|e| CliError::usage(e.to_string()))?
            }
            f if f.starts_with("--") => {
                return Err(CliError::usage(format!("unknown flag `{f}`\n\n{USAGE}")))
            }
            _ if file.is_none() => file = Some(a.clone()),
            _ => return Err(CliError::usage(format!("too many arguments\n\n{USAGE}"))),
        }
    }
    let file = file.ok_or_else(|| CliError::usage(format!("a SCENARIO is needed\n\n{USAGE}")))?;
    let from =
        from.ok_or_else(|| CliError::usage(format!("--from CLIENT is needed\n\n{USAGE}")))?;
    let name = name.ok_or_else(|| CliError::usage(format!("--name NAME is needed\n\n{USAGE}")))?;
    let name = DomainName::parse(&name).map_err(|e| CliError::usage(e.to_string()))?;
    let sc = scenario(&file)?;
    if sc.client(&from).is_none() {
        return Err(CliError::usage(format!(
            "there is no client `{from}` (clients: {})",
            sc.clients
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let res = resolve(&sc, &from, &name, rtype, &mut Cache::new())
        .map_err(|e| CliError::usage(e.to_string()))?;
    json(&Out {
        client: &from,
        name: &res.name,
        rtype,
        code: res.answer.code(),
        answer: &res.answer,
        trace: &res.trace,
        diagnosis: diagnose(&sc, &res),
    })
}
