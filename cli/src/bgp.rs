//! `cloudhop bgp` (being built).

use crate::output::{CliError, CliResult};

pub fn run(_args: &[String]) -> CliResult {
    Err(CliError::usage("`cloudhop bgp` is not available yet"))
}
