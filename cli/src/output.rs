//! Shared output and error handling for every subcommand.

use std::io::Read;
use std::process::ExitCode;

/// A failed command: a message for stderr and an exit code.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub code: u8,
}

impl CliError {
    /// Bad input or usage: exit code 2.
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 2,
        }
    }

    /// The command ran and found problems (for example invalid lessons): exit code 1.
    pub fn found(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 1,
        }
    }
}

/// What a successful command prints on stdout.
pub type CliResult = Result<String, CliError>;

/// Print the result and turn it into an exit code.
pub fn finish(result: CliResult) -> ExitCode {
    match result {
        Ok(out) => {
            if out.is_empty() {
                return ExitCode::SUCCESS;
            }
            // Not `println!`: it panics when the reader has gone away (`cloudhop ... | head`).
            // A closed pipe is the reader's choice, not an error worth a message.
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            match writeln!(stdout, "{out}").and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("cloudhop: cannot write the result: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(e) => {
            if e.code == 1 {
                eprintln!("{}", e.message.trim_end());
            } else {
                eprintln!("cloudhop: {}", e.message.trim_end());
            }
            ExitCode::from(e.code)
        }
    }
}

/// Pretty JSON for any serialisable value.
pub fn json<T: serde::Serialize>(value: &T) -> CliResult {
    serde_json::to_string_pretty(value)
        .map_err(|e| CliError::usage(format!("could not write JSON: {e}")))
}

/// Read the input named by `arg`: a file path, or standard input for `-` or nothing.
pub fn read_input(arg: Option<&str>) -> Result<String, CliError> {
    match arg {
        None | Some("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| CliError::usage(format!("could not read standard input: {e}")))?;
            Ok(s)
        }
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| CliError::usage(format!("could not read {path}: {e}"))),
    }
}

/// Parse JSON input into `T`, with the line and column of any error.
pub fn parse_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, CliError> {
    serde_json::from_str(text).map_err(|e| CliError::usage(format!("bad {what}: {e}")))
}
