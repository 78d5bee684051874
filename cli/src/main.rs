//! `cloudhop`: the engines on the command line, JSON in and out.
//!
//! Exit codes: 0 for a result (even a result that reports problems, such as overlaps),
//! 1 for `lessons check` or `workshop check` finding errors, 2 for bad input or usage.

mod bgp;
mod cidr;
mod dns;
mod failover;
mod latency;
mod lessons;
mod output;
mod package;
mod workshop;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cloudhop <command> ...

commands:
  lessons check [DIR]        validate lesson files (default: the shipped course)
  cidr ...                   address planning (cloudhop cidr --help)
  bgp ...                    BGP best path and propagation (cloudhop bgp --help)
  latency ...                round-trip times and topologies (cloudhop latency --help)
  failover ...               failover timelines (cloudhop failover --help)
  dns ...                    hybrid DNS resolution, traced (cloudhop dns --help)
  workshop ...               workshop files, links and class reports (cloudhop workshop --help)
  package scorm ...          the built site as a SCORM 1.2 or 2004 package (cloudhop package --help)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    let result = match args.first().map(String::as_str) {
        Some("lessons") => lessons::run(rest),
        Some("cidr") => cidr::run(rest),
        Some("bgp") => bgp::run(rest),
        Some("latency") => latency::run(rest),
        Some("failover") => failover::run(rest),
        Some("dns") => dns::run(rest),
        Some("workshop") => workshop::run(rest),
        Some("package") => package::run(rest),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("--version" | "-V") => {
            println!("cloudhop {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(output::CliError::usage(format!(
            "unknown command `{other}`\n\n{USAGE}"
        ))),
        None => Err(output::CliError::usage(USAGE.to_string())),
    };
    output::finish(result)
}
