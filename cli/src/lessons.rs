//! `cloudhop lessons`: check and inspect course content.
//!
//! ```text
//! cloudhop lessons check [--strict] [DIR]
//!                                  validate; print every problem as file:line: message;
//!                                  then warn about course-wide answer-key biases (always
//!                                  false, longest option right...), an error with --strict
//! cloudhop lessons list [DIR]      the lessons as JSON (id, title, minutes, prerequisites, counts)
//! cloudhop lessons export [DIR]    the whole parsed course as JSON, answer keys included
//!                                  (for instructors' answer sheets and for tests)
//! ```
//!
//! Without `DIR` the course shipped in this binary is used.

use crate::output::{json, CliError, CliResult};
use cloudhop_lessons::{ContentError, Course};
use serde::Serialize;
use std::path::Path;

const USAGE: &str =
    "usage: cloudhop lessons check [--strict] [DIR] | cloudhop lessons list [DIR] | cloudhop lessons export [DIR]";

fn load(dir: Option<&String>) -> Result<Course, Vec<ContentError>> {
    match dir {
        Some(d) => cloudhop_lessons::load_dir(Path::new(d)),
        None => cloudhop_lessons::shipped(),
    }
}

pub(crate) fn report(errors: &[ContentError]) -> CliError {
    let mut msg: String = errors.iter().map(|e| format!("{e}\n")).collect();
    msg.push_str(&format!(
        "{} problem{} found",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    CliError::found(msg)
}

#[derive(Serialize)]
struct LessonRow<'a> {
    id: &'a str,
    title: &'a str,
    minutes: u32,
    prerequisites: &'a [String],
    quiz_items: usize,
    exercises: usize,
    reflections: usize,
    file: &'a str,
}

pub fn run(args: &[String]) -> CliResult {
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => return Err(CliError::usage(USAGE)),
    };
    // `--strict` belongs to `check` only, anywhere among its arguments.
    let strict = cmd == "check" && rest.iter().any(|a| a == "--strict");
    let rest: Vec<String> = rest
        .iter()
        .filter(|a| !(strict && *a == "--strict"))
        .cloned()
        .collect();
    if rest.len() > 1 || rest.first().is_some_and(|a| a.starts_with('-')) {
        return Err(CliError::usage(USAGE));
    }
    if let Some(d) = rest.first() {
        if !Path::new(d).is_dir() {
            return Err(CliError::usage(format!("{d} is not a folder")));
        }
    }
    match cmd {
        "check" => {
            let course = load(rest.first()).map_err(|e| report(&e))?;
            let items: usize = course.lessons.iter().map(|l| l.quiz.len()).sum();
            let exercises: usize = course.lessons.iter().map(|l| l.exercises.len()).sum();
            let balance = cloudhop_lessons::balance::check(&course);
            if !balance.biases.is_empty() {
                let n = balance.biases.len();
                let what = format!(
                    "{n} course-wide bias{} in the answer keys",
                    if n == 1 { "" } else { "es" }
                );
                if strict {
                    let listed: String = balance.biases.iter().map(|b| format!("{b}\n")).collect();
                    return Err(CliError::found(format!("{listed}{what} found")));
                }
                // A warning: printed, and the check still passes.
                let listed: String = balance
                    .biases
                    .iter()
                    .map(|b| format!("warning: {b}\n"))
                    .collect();
                eprintln!("{listed}{what} (a warning; `--strict` makes it an error)");
            }
            Ok(format!(
                "ok: {} lessons, {} quiz items, {} exercises, {} glossary terms",
                course.lessons.len(),
                items,
                exercises,
                course.glossary.len()
            ))
        }
        "list" => {
            let course = load(rest.first()).map_err(|e| report(&e))?;
            let rows: Vec<LessonRow> = course
                .lessons
                .iter()
                .map(|l| LessonRow {
                    id: &l.id,
                    title: &l.title,
                    minutes: l.minutes,
                    prerequisites: &l.prerequisites,
                    quiz_items: l.quiz.len(),
                    exercises: l.exercises.len(),
                    reflections: l.reflections.len(),
                    file: &l.file,
                })
                .collect();
            json(&rows)
        }
        "export" => {
            let course = load(rest.first()).map_err(|e| report(&e))?;
            json(&course)
        }
        other => Err(CliError::usage(format!(
            "unknown `lessons` command `{other}`\n{USAGE}"
        ))),
    }
}
