//! `cloudhop workshop`: check a workshop file, make its link, and report on receipts.
//!
//! ```text
//! cloudhop workshop check FILE [--course DIR]
//!     validate against the course; every problem as file:line: message (exit 1);
//!     when valid, the workshop's plan as JSON
//! cloudhop workshop link FILE [--base URL] [--out PATH]
//!     the URL that opens the site at URL (default http://127.0.0.1:8080/) in workshop
//!     mode; when it would be longer than 2,000 characters, the learner workshop file is
//!     written to PATH (default ID.workshop.json) instead and the page that opens it named
//! cloudhop workshop report FILE RECEIPTS... [--csv roster|items] [--course DIR]
//!     the class report as JSON (receipt codes or files; a file may hold many pasted
//!     codes), refused receipts with their reason; or one of its CSV tables
//! cloudhop workshop receipts FILE (SCRIPTS.json | --synthetic N [--seed S]) [--at MS] [--course DIR]
//!     receipt codes, one per line, for learners written as data (a JSON list of
//!     `core::workshop::sample::Script`) or for N synthetic learners: fixtures for
//!     trying and testing the class report, not real hand-ins
//! ```

use crate::output::{json, parse_json, read_input, CliError, CliResult};
use cloudhop_core::workshop::sample::{self, Script};
use cloudhop_core::workshop::{link, report::Refusal, workshop_url, Class, WorkshopLink};
use cloudhop_lessons::workshop::{self, Resolved, WorkshopFile};
use cloudhop_lessons::Course;
use serde::Serialize;
use std::path::Path;

const USAGE: &str = "\
usage: cloudhop workshop <command> ...

commands:
  check FILE [--course DIR]          validate a workshop file (format: docs/workshop-format.md)
  link FILE [--base URL] [--out PATH]
                                     the workshop-mode URL, or the file to hand out when the
                                     URL would be over 2,000 characters
  report FILE RECEIPTS... [--csv roster|items] [--course DIR]
                                     the class report from receipt codes or files
  receipts FILE (SCRIPTS.json | --synthetic N [--seed S]) [--at MS] [--course DIR]
                                     receipt codes for scripted or synthetic learners
                                     (fixtures for the class report, one code a line)
";

/// The default site for `link`: where `scripts/serve` serves it.
const DEFAULT_BASE: &str = "http://127.0.0.1:8080/";

/// `--name value` options, in the order given.
type Options<'a> = Vec<(&'a str, &'a str)>;

/// Positionals and `--name value` options (each allowed name once).
fn split_args<'a>(
    args: &'a [String],
    allowed: &[&str],
) -> Result<(Vec<&'a str>, Options<'a>), CliError> {
    let mut pos = Vec::new();
    let mut opts: Options = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(name) = a.strip_prefix("--") {
            if !allowed.contains(&name) {
                return Err(CliError::usage(format!(
                    "unknown option `--{name}`\n\n{USAGE}"
                )));
            }
            if opts.iter().any(|(n, _)| *n == name) {
                return Err(CliError::usage(format!("`--{name}` is given twice")));
            }
            let v = it
                .next()
                .ok_or_else(|| CliError::usage(format!("`--{name}` needs a value")))?;
            opts.push((name, v.as_str()));
        } else {
            pos.push(a.as_str());
        }
    }
    Ok((pos, opts))
}

fn opt<'a>(opts: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    opts.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

fn course(dir: Option<&str>) -> Result<Course, CliError> {
    match dir {
        Some(d) if !Path::new(d).is_dir() => Err(CliError::usage(format!("{d} is not a folder"))),
        Some(d) => cloudhop_lessons::load_dir(Path::new(d)).map_err(|e| crate::lessons::report(&e)),
        None => cloudhop_lessons::shipped().map_err(|e| crate::lessons::report(&e)),
    }
}

/// Read, parse and check the workshop file at `path`.
fn load(path: &str, course: &Course) -> Result<(WorkshopFile, Resolved), CliError> {
    if path == "-" {
        return Err(CliError::usage("give the workshop file's path"));
    }
    let text = read_input(Some(path))?;
    workshop::load(path, &text, course).map_err(|e| crate::lessons::report(&e))
}

#[derive(Serialize)]
struct PlanRow<'a> {
    lesson: &'a str,
    title: &'a str,
    start_minute: u32,
    minutes: u32,
    pass_mark: u8,
    sections: Vec<&'a str>,
    items: Vec<&'a str>,
    exercises: Vec<&'a str>,
    extra_exercises: &'a [String],
}

#[derive(Serialize)]
struct Checked<'a> {
    ok: bool,
    id: &'a str,
    title: &'a str,
    hash: String,
    total_minutes: u32,
    lessons: Vec<PlanRow<'a>>,
}

fn check(args: &[String]) -> CliResult {
    let (pos, opts) = split_args(args, &["course"])?;
    let [path] = pos[..] else {
        return Err(CliError::usage(format!(
            "give one workshop file\n\n{USAGE}"
        )));
    };
    let course = course(opt(&opts, "course"))?;
    let (file, resolved) = load(path, &course)?;
    json(&Checked {
        ok: true,
        id: &file.workshop.id,
        title: &file.workshop.title,
        hash: file.workshop.content_hash().to_string(),
        total_minutes: resolved.total_minutes(),
        lessons: resolved
            .lessons
            .iter()
            .map(|wl| PlanRow {
                lesson: &wl.lesson.id,
                title: &wl.lesson.title,
                start_minute: wl.start_minute,
                minutes: wl.minutes,
                pass_mark: wl.lesson.pass_mark,
                sections: wl
                    .lesson
                    .sections
                    .iter()
                    .map(|s| s.title.as_str())
                    .collect(),
                items: wl.lesson.item_ids(),
                exercises: wl.lesson.exercise_ids(),
                extra_exercises: &wl.extra_exercises,
            })
            .collect(),
    })
}

fn make_link(args: &[String]) -> CliResult {
    let (pos, opts) = split_args(args, &["base", "out", "course"])?;
    let [path] = pos[..] else {
        return Err(CliError::usage(format!(
            "give one workshop file\n\n{USAGE}"
        )));
    };
    let course = course(opt(&opts, "course"))?;
    let (file, _) = load(path, &course)?;
    let base = opt(&opts, "base").unwrap_or(DEFAULT_BASE);
    if !(base.starts_with("https://") || base.starts_with("http://")) {
        return Err(CliError::usage(format!(
            "`--base` must be the site's http:// or https:// address, not `{base}`"
        )));
    }
    match workshop_url(base, &file.workshop) {
        WorkshopLink::Url(url) => Ok(url),
        WorkshopLink::TooLong {
            chars,
            page,
            file: text,
        } => {
            let default_out = format!("{}.workshop.json", file.workshop.id);
            let out = opt(&opts, "out").unwrap_or(&default_out);
            std::fs::write(out, &text)
                .map_err(|e| CliError::usage(format!("could not write {out}: {e}")))?;
            Ok(format!(
                "The link would be {chars} characters long, over the {} that survive being pasted anywhere.\n\
                 Wrote {out} instead: hand it out, and have learners open {page} and choose that file.",
                link::MAX_URL_CHARS
            ))
        }
    }
}

#[derive(Serialize)]
struct ReportOut<'a> {
    report: cloudhop_core::workshop::ClassReport,
    refused: Vec<RefusedOut<'a>>,
}

#[derive(Serialize)]
struct RefusedOut<'a> {
    source: &'a str,
    message: String,
    refusal: Refusal,
}

fn report(args: &[String]) -> CliResult {
    let (pos, opts) = split_args(args, &["csv", "course"])?;
    let Some((path, receipts)) = pos.split_first() else {
        return Err(CliError::usage(format!(
            "give the workshop file and the receipts\n\n{USAGE}"
        )));
    };
    let course = course(opt(&opts, "course"))?;
    let (_, resolved) = load(path, &course)?;
    let mut class = Class::new(resolved.outline());
    let mut texts = Vec::new();
    for r in receipts {
        texts.push((*r, read_input(Some(r))?));
    }
    let mut refused = Vec::new();
    for (source, text) in &texts {
        for result in class.add_pasted(text) {
            if let Err(refusal) = result {
                refused.push(RefusedOut {
                    source,
                    message: refusal.to_string(),
                    refusal,
                });
            }
        }
    }
    for r in &refused {
        eprintln!("refused ({}): {}", r.source, r.message);
    }
    let report = class.report();
    match opt(&opts, "csv") {
        None => json(&ReportOut { report, refused }),
        Some("roster") => Ok(report.roster_csv().trim_end().to_string()),
        Some("items") => Ok(report.items_csv().trim_end().to_string()),
        Some(other) => Err(CliError::usage(format!(
            "`--csv` is `roster` or `items`, not `{other}`"
        ))),
    }
}

/// The most synthetic learners `receipts` writes.
const MAX_SYNTHETIC: usize = 10_000;

fn receipts(args: &[String]) -> CliResult {
    let (pos, opts) = split_args(args, &["synthetic", "seed", "at", "course"])?;
    let number = |name: &str, default: u64| -> Result<u64, CliError> {
        opt(&opts, name).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| CliError::usage(format!("`--{name}` is a whole number, not `{v}`")))
        })
    };
    let at = number("at", 1_764_680_000_000)?;
    let seed = number("seed", 1)?;
    let (path, scripts_path) = match (&pos[..], opt(&opts, "synthetic")) {
        ([path], Some(_)) => (*path, None),
        ([path, scripts], None) => (*path, Some(*scripts)),
        _ => {
            return Err(CliError::usage(format!(
                "give the workshop file and either a scripts file or `--synthetic N`\n\n{USAGE}"
            )))
        }
    };
    let course = course(opt(&opts, "course"))?;
    let (_, resolved) = load(path, &course)?;
    let outline = resolved.outline();
    let scripts: Vec<Script> = match scripts_path {
        Some(p) => parse_json(&read_input(Some(p))?, "learner scripts")?,
        None => {
            let n = number("synthetic", 0)?;
            if n == 0 || n > MAX_SYNTHETIC as u64 {
                return Err(CliError::usage(format!(
                    "`--synthetic` is a number of learners from 1 to {MAX_SYNTHETIC}"
                )));
            }
            sample::synthetic(&outline, n as usize, seed)
        }
    };
    let mut codes = Vec::new();
    for (i, s) in scripts.iter().enumerate() {
        let r = s
            .receipt(&outline, at)
            .map_err(|e| CliError::usage(format!("learner {} ({}): {e}", i + 1, s.learner)))?;
        codes.push(r.to_code());
    }
    Ok(codes.join("\n"))
}

pub fn run(args: &[String]) -> CliResult {
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("check") => check(rest),
        Some("link") => make_link(rest),
        Some("report") => report(rest),
        Some("receipts") => receipts(rest),
        Some("-h" | "--help" | "help") => Ok(USAGE.trim_end().to_string()),
        Some(other) => Err(CliError::usage(format!(
            "unknown workshop command `{other}`\n\n{USAGE}"
        ))),
        None => Err(CliError::usage(USAGE)),
    }
}
