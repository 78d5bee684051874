//! `cloudhop lessons` (being built).

use crate::output::{CliError, CliResult};

pub fn run(_args: &[String]) -> CliResult {
    Err(CliError::usage("`cloudhop lessons` is not available yet"))
}
