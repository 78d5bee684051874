//! `cloudhop failover` (being built).

use crate::output::{CliError, CliResult};

pub fn run(_args: &[String]) -> CliResult {
    Err(CliError::usage("`cloudhop failover` is not available yet"))
}
