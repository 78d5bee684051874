//! The `mdbook-cloudhop` command mdBook runs: `mdbook-cloudhop supports <renderer>` (exit 0
//! when it supports it), else the book as JSON on standard input, the book with its labs
//! on standard output. Errors go to standard error (mdBook shows them) with exit 1.

use mdbook_cloudhop::Cloudhop;
use mdbook_preprocessor::Preprocessor;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("supports") => {
            let renderer = args.get(1).map(String::as_str).unwrap_or("");
            match Cloudhop.supports_renderer(renderer) {
                Ok(true) => ExitCode::SUCCESS,
                _ => ExitCode::FAILURE,
            }
        }
        Some("--version" | "-V") => {
            println!("mdbook-cloudhop {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("mdbook-cloudhop: unknown argument `{other}` (mdBook runs it with no argument, or `supports <renderer>`)");
            ExitCode::from(2)
        }
        None => match run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
    }
}

fn run() -> Result<(), String> {
    let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin().lock())
        .map_err(|e| format!("cloudhop: the book from mdBook cannot be read: {e:#}"))?;
    if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
        eprintln!(
            "cloudhop: built for mdBook {}, run by mdBook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version
        );
    }
    let book = Cloudhop.run(&ctx, book).map_err(|e| format!("{e:#}"))?;
    let json = serde_json::to_vec(&book).map_err(|e| format!("cloudhop: {e}"))?;
    let mut out = std::io::stdout().lock();
    out.write_all(&json)
        .and_then(|()| out.flush())
        .map_err(|e| format!("cloudhop: the book cannot be written out: {e}"))
}
