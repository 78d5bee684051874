//! Running the real `cloudhop` binary from the integration tests.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Run `cloudhop <group> <args...>`, feeding `stdin` when given (otherwise stdin is empty),
/// and collect its exit status, stdout and stderr.
pub fn cloudhop(group: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cloudhop"))
        .arg(group)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start cloudhop");
    let mut pipe = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        pipe.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(pipe);
    child.wait_with_output().expect("run cloudhop")
}
