//! `cloudhop cidr`: address planning on the command line. JSON on stdout; bad input is a
//! message on stderr and exit code 2.

use crate::output::{json, parse_json, read_input, CliError, CliResult};
use cloudhop_core::cidr::ops::{self, Request, MAX_RESULTS};
use cloudhop_core::cidr::plan::{check_plan, Plan};
use cloudhop_core::cidr::prefix::{facts, parse_prefix, parse_prefix_list};
use cloudhop_core::cidr::provider::{self, Kind, Provider};
use cloudhop_core::cidr::IpNet;
use serde_json::{json as j, Value};

const USAGE: &str = "\
usage: cloudhop cidr <command> ...

commands:
  info PREFIX [--provider aws|azure|gcp|onprem] [--kind vpc|subnet]
                                     facts about a prefix, usable hosts for a provider
  split PREFIX --prefix-len N        equal subnets (at most 65536)
  summarize PREFIX...                minimal prefixes covering exactly the same addresses
  exclude SUPERNET PREFIX...         SUPERNET minus the others, minimal and sorted
  free SUPERNET --size N [PREFIX...] free /N blocks of SUPERNET not overlapping PREFIX...
  allocate SUPERNET --provider P NAME=HOSTS...
                                     subnets for host counts, largest first
  check PLAN.json                    overlaps, rule violations and fixes (- for stdin)

Prefixes print in canonical form (lowercase, IPv6 compressed as RFC 5952 says).
The plan format is described in docs/plan-format.md.
";

/// Arguments split into positionals and `--flag value` options.
struct Args {
    positional: Vec<String>,
    options: Vec<(String, String)>,
}

fn parse_args(args: &[String], flags: &[&str]) -> Result<Args, CliError> {
    let mut positional = Vec::new();
    let mut options = Vec::new();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if let Some(name) = a.strip_prefix("--") {
            let (name, value) = match name.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (name.to_string(), None),
            };
            if !flags.contains(&name.as_str()) {
                return Err(CliError::usage(format!(
                    "unknown option `--{name}`\n\n{USAGE}"
                )));
            }
            let value = match value {
                Some(v) => v,
                None => {
                    i += 1;
                    args.get(i)
                        .cloned()
                        .ok_or_else(|| CliError::usage(format!("`--{name}` needs a value")))?
                }
            };
            options.push((name, value));
        } else {
            positional.push(a.clone());
        }
        i += 1;
    }
    Ok(Args {
        positional,
        options,
    })
}

impl Args {
    fn option(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn number(&self, name: &str, max: u8) -> Result<u8, CliError> {
        let v = self
            .option(name)
            .ok_or_else(|| CliError::usage(format!("`--{name} N` is required")))?;
        let t = v.trim().trim_start_matches('/');
        t.parse::<u8>().ok().filter(|n| *n <= max).ok_or_else(|| {
            CliError::usage(format!(
                "`--{name} {v}`: give a prefix length from 0 to {max}"
            ))
        })
    }
}

fn one_prefix(text: &str, what: &str) -> Result<IpNet, CliError> {
    parse_prefix(text).map_err(|e| CliError::usage(format!("{what}: {e}")))
}

fn prefix_list(args: &[String]) -> Result<Vec<IpNet>, CliError> {
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate() {
        let v = parse_prefix_list(a)
            .map_err(|e| CliError::usage(format!("argument {}: {e}", i + 1)))?;
        out.extend(v);
    }
    Ok(out)
}

fn strings(v: &[IpNet]) -> Vec<String> {
    v.iter().map(|n| n.to_string()).collect()
}

/// Run `cloudhop cidr ARGS`.
pub fn run(args: &[String]) -> CliResult {
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("info") => info(rest),
        Some("split") => split(rest),
        Some("summarize" | "summarise") => summarize(rest),
        Some("exclude") => exclude(rest),
        Some("free") => free(rest),
        Some("allocate") => allocate(rest),
        Some("check") => check(rest),
        Some("-h" | "--help" | "help") => Ok(USAGE.trim_end().to_string()),
        Some(other) => Err(CliError::usage(format!(
            "unknown cidr command `{other}`\n\n{USAGE}"
        ))),
        None => Err(CliError::usage(USAGE)),
    }
}

fn info(args: &[String]) -> CliResult {
    let a = parse_args(args, &["provider", "kind"])?;
    let [prefix] = a.positional.as_slice() else {
        return Err(CliError::usage(
            "usage: cloudhop cidr info PREFIX [--provider aws|azure|gcp|onprem] [--kind vpc|subnet]",
        ));
    };
    let net = one_prefix(prefix, "PREFIX")?;
    let provider = match a.option("provider") {
        Some(p) => Provider::parse(p).map_err(CliError::usage)?,
        None => Provider::Onprem,
    };
    let kind = match a.option("kind") {
        None => Kind::Subnet,
        Some(k) => Kind::parse(k).map_err(CliError::usage)?,
    };
    let usable = provider::usable(provider, kind, &net).map_err(CliError::usage)?;
    let f = facts(&net);
    let mut v = serde_json::to_value(&f)
        .map_err(|e| CliError::usage(format!("could not write JSON: {e}")))?;
    if let Value::Object(m) = &mut v {
        m.insert("usable".into(), Value::String(usable));
        m.insert("provider".into(), Value::String(provider.id().into()));
        m.insert(
            "reserved".into(),
            serde_json::to_value(provider::reserved(provider, &net)).unwrap_or(Value::Null),
        );
    }
    json(&v)
}

fn split(args: &[String]) -> CliResult {
    let a = parse_args(args, &["prefix-len"])?;
    let [prefix] = a.positional.as_slice() else {
        return Err(CliError::usage(
            "usage: cloudhop cidr split PREFIX --prefix-len N",
        ));
    };
    let net = one_prefix(prefix, "PREFIX")?;
    let len = a.number("prefix-len", net.max_prefix_len())?;
    let v = ops::split(&net, len).map_err(CliError::usage)?;
    json(&strings(&v))
}

fn summarize(args: &[String]) -> CliResult {
    let a = parse_args(args, &[])?;
    if a.positional.is_empty() {
        return Err(CliError::usage("usage: cloudhop cidr summarize PREFIX..."));
    }
    json(&strings(&ops::summarize(&prefix_list(&a.positional)?)))
}

fn exclude(args: &[String]) -> CliResult {
    let a = parse_args(args, &[])?;
    let Some((sup, rest)) = a.positional.split_first() else {
        return Err(CliError::usage(
            "usage: cloudhop cidr exclude SUPERNET PREFIX...",
        ));
    };
    let sup = one_prefix(sup, "SUPERNET")?;
    let v = ops::exclude(&sup, &prefix_list(rest)?);
    if v.len() > MAX_RESULTS {
        return Err(CliError::usage(format!(
            "the result has {} prefixes, more than the limit of {MAX_RESULTS}",
            v.len()
        )));
    }
    json(&strings(&v))
}

fn free(args: &[String]) -> CliResult {
    let a = parse_args(args, &["size"])?;
    let Some((sup, rest)) = a.positional.split_first() else {
        return Err(CliError::usage(
            "usage: cloudhop cidr free SUPERNET --size N [PREFIX...]",
        ));
    };
    let sup = one_prefix(sup, "SUPERNET")?;
    let size = a.number("size", sup.max_prefix_len())?;
    let v =
        ops::free_blocks(&sup, size, &prefix_list(rest)?, MAX_RESULTS).map_err(CliError::usage)?;
    json(&strings(&v))
}

fn allocate(args: &[String]) -> CliResult {
    let a = parse_args(args, &["provider"])?;
    let Some((sup, rest)) = a.positional.split_first() else {
        return Err(CliError::usage(
            "usage: cloudhop cidr allocate SUPERNET --provider P NAME=HOSTS...",
        ));
    };
    let sup = one_prefix(sup, "SUPERNET")?;
    let provider =
        Provider::parse(a.option("provider").unwrap_or("onprem")).map_err(CliError::usage)?;
    let mut reqs = Vec::new();
    for r in rest {
        let (name, hosts) = r.split_once('=').ok_or_else(|| {
            CliError::usage(format!("`{r}`: write requests as NAME=HOSTS, like web=200"))
        })?;
        let hosts: u128 = hosts.trim().parse().map_err(|_| {
            CliError::usage(format!(
                "`{r}`: the host count `{hosts}` is not a whole number"
            ))
        })?;
        reqs.push(Request {
            name: name.to_string(),
            hosts,
        });
    }
    if reqs.is_empty() {
        return Err(CliError::usage(
            "allocate needs at least one NAME=HOSTS request",
        ));
    }
    let v = ops::allocate(&sup, &reqs, provider, &[]).map_err(CliError::usage)?;
    let out: Vec<Value> = v
        .iter()
        .map(|x| {
            j!({"name": x.name, "hosts": x.hosts.to_string(), "prefix": x.prefix.to_string(), "usable": x.usable})
        })
        .collect();
    json(&out)
}

fn check(args: &[String]) -> CliResult {
    let a = parse_args(args, &[])?;
    if a.positional.len() > 1 {
        return Err(CliError::usage("usage: cloudhop cidr check PLAN.json"));
    }
    let text = read_input(a.positional.first().map(String::as_str))?;
    let plan: Plan = parse_json(&text, "plan")?;
    let report = check_plan(&plan).map_err(CliError::usage)?;
    json(&report)
}
