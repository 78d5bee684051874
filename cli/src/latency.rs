//! `cloudhop latency` (being built).

use crate::output::{CliError, CliResult};

pub fn run(_args: &[String]) -> CliResult {
    Err(CliError::usage("`cloudhop latency` is not available yet"))
}
