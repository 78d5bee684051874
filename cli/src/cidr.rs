//! `cloudhop cidr` (being built).

use crate::output::{CliError, CliResult};

pub fn run(_args: &[String]) -> CliResult {
    Err(CliError::usage("`cloudhop cidr` is not available yet"))
}
