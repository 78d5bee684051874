//! # cloudhop-lessons
//!
//! The course as data: lesson files in `lessons/content/` (format in `lessons/README.md`),
//! parsed and validated into a [`Course`]. The shipped files are embedded at build time, so
//! the web app and the CLI carry the course with them.
//!
//! Loading is a pipeline, in the spirit of mdBook's preprocessors:
//!
//! 1. each file is parsed on its own ([`parse::lesson`], [`parse::glossary`],
//!    [`parse::exercises`]), reporting every problem with its file and line;
//! 2. exercises are attached to their lessons;
//! 3. the whole course is checked across files ([`load_sources`]): unique ids, known and
//!    acyclic prerequisites, glossary links that resolve, safe link targets, exercise
//!    placements.
//!
//! Beyond validity, [`balance::check`] measures the answer keys across the whole course
//! (how many true/false items are true, how often the right option is the longest or in
//! one position), so the quizzes cannot be passed by a pattern.
//!
//! ```
//! let course = cloudhop_lessons::shipped().expect("the shipped course is valid");
//! assert_eq!(course.lessons[0].id, "multicloud-vs-hybrid");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod balance;
mod error;
pub mod exercise_check;
pub mod lab_exercise;
pub mod map;
pub mod markup;
pub mod model;
pub mod parse;
pub mod workshop;

pub use error::ContentError;
use exercise_check::{ExerciseCheck, Validate};
pub use model::{Course, Exercise, Lesson, Reflection, Section, Term};

use markup::{Block, Inline};
use std::collections::{BTreeMap, BTreeSet};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The content files shipped with this build: `(path, text)`.
pub fn shipped_files() -> &'static [(&'static str, &'static str)] {
    embedded::FILES
}

/// The shipped course, parsed and validated.
pub fn shipped() -> Result<Course, Vec<ContentError>> {
    shipped_with::<Validate>()
}

/// The shipped course, its exercises checked as `C` says ([`exercise_check`]).
pub fn shipped_with<C: ExerciseCheck>() -> Result<Course, Vec<ContentError>> {
    load_sources_with::<C>(embedded::FILES)
}

/// Load every `.md` file under `dir` (native only). File names in messages start with `dir`.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_dir(dir: &std::path::Path) -> Result<Course, Vec<ContentError>> {
    fn walk(d: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
        for e in std::fs::read_dir(d)? {
            let p = e?.path();
            if p.is_dir() {
                walk(&p, out)?;
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut paths = Vec::new();
    walk(dir, &mut paths).map_err(|e| {
        vec![ContentError::file(
            &dir.display().to_string(),
            format!("cannot read the folder: {e}"),
        )]
    })?;
    cloudhop_core::order::sort(&mut paths);
    let mut files = Vec::new();
    let mut errs = Vec::new();
    for p in &paths {
        match std::fs::read_to_string(p) {
            Ok(t) => files.push((p.display().to_string(), t)),
            Err(e) => errs.push(ContentError::file(
                &p.display().to_string(),
                format!("cannot read the file: {e}"),
            )),
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    load_sources(&borrowed)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Which kind of content a path holds.
enum FileKind<'a> {
    Lesson,
    Glossary,
    Exercises(&'a str),
    Other,
}

fn kind_of(path: &str) -> FileKind<'_> {
    let name = file_name(path);
    let normal = path.replace('\\', "/");
    if name.eq_ignore_ascii_case("README.md") {
        FileKind::Other
    } else if name == "glossary.md" {
        FileKind::Glossary
    } else if normal.contains("/exercises/") || normal.starts_with("exercises/") {
        FileKind::Exercises(name.trim_end_matches(".md"))
    } else {
        FileKind::Lesson
    }
}

/// Parse and validate a course from `(path, text)` pairs. Paths decide the kind of file:
/// `glossary.md`, `exercises/<lab>.md`, and any other `.md` is a lesson (`README.md` is
/// skipped). Lessons are ordered by path.
///
/// ```
/// use cloudhop_lessons::load_sources;
/// let lesson = "---\nid: a\ntitle: A\nsummary: S\nminutes: 5\nprerequisites: b\n---\n## Intro\nHello.\n";
/// let errs = load_sources(&[("a.md", lesson)]).unwrap_err();
/// assert_eq!(errs[0].to_string(), "a.md:6: prerequisite `b` of lesson `a` does not exist");
/// ```
pub fn load_sources(files: &[(&str, &str)]) -> Result<Course, Vec<ContentError>> {
    load_sources_with::<Validate>(files)
}

/// [`load_sources`], its exercises checked as `C` says ([`exercise_check`]).
pub fn load_sources_with<C: ExerciseCheck>(
    files: &[(&str, &str)],
) -> Result<Course, Vec<ContentError>> {
    let mut errs = Vec::new();
    let mut lessons: Vec<Lesson> = Vec::new();
    let mut glossary = Vec::new();
    let mut glossary_file = None;
    let mut exercises: Vec<(String, Exercise)> = Vec::new();
    let mut sorted: Vec<&(&str, &str)> = files.iter().collect();
    cloudhop_core::order::sort_by_key(&mut sorted, |(p, _)| *p);
    let text_of: BTreeMap<&str, &str> = files.iter().map(|(p, t)| (*p, *t)).collect();
    for (path, text) in sorted {
        match kind_of(path) {
            FileKind::Other => {}
            FileKind::Lesson => match parse::lesson(path, text) {
                Ok(l) => lessons.push(l),
                Err(e) => errs.extend(e),
            },
            FileKind::Glossary => match parse::glossary(path, text) {
                Ok(g) => {
                    glossary = g;
                    glossary_file = Some(*path);
                }
                Err(e) => errs.extend(e),
            },
            FileKind::Exercises(lab) => match parse::exercises_with::<C>(path, lab, text) {
                Ok(list) => exercises.extend(list.into_iter().map(|e| (path.to_string(), e))),
                Err(e) => errs.extend(e),
            },
        }
    }

    let line_in = |file: &str, needle: &str| -> Option<usize> {
        text_of
            .get(file)
            .and_then(|t| t.lines().position(|l| l.contains(needle)).map(|i| i + 1))
    };
    let err_near = |file: &str, needle: &str, msg: String| match line_in(file, needle) {
        Some(l) => ContentError::at(file, l, msg),
        None => ContentError::file(file, msg),
    };

    // Unique lesson ids.
    let mut first_file: BTreeMap<&str, &str> = BTreeMap::new();
    for l in &lessons {
        if let Some(other) = first_file.insert(&l.id, &l.file) {
            errs.push(err_near(
                &l.file,
                "id:",
                format!("lesson id `{}` is already used by {other}", l.id),
            ));
        }
    }
    let ids: BTreeSet<String> = lessons.iter().map(|l| l.id.clone()).collect();

    // Prerequisites and related lessons exist; prerequisites have no cycle.
    for l in &lessons {
        for p in &l.prerequisites {
            if p == &l.id {
                errs.push(err_near(
                    &l.file,
                    "prerequisites:",
                    format!("lesson `{}` lists itself as a prerequisite", l.id),
                ));
            } else if !ids.contains(p.as_str()) {
                errs.push(err_near(
                    &l.file,
                    "prerequisites:",
                    format!("prerequisite `{p}` of lesson `{}` does not exist", l.id),
                ));
            }
        }
        for r in &l.related {
            if !ids.contains(r.as_str()) {
                errs.push(err_near(
                    &l.file,
                    "related:",
                    format!("related lesson `{r}` of lesson `{}` does not exist", l.id),
                ));
            }
        }
    }
    if let Some(cycle) = prerequisite_cycle(&lessons) {
        let file = lessons
            .iter()
            .find(|l| l.id == cycle[0])
            .map_or("", |l| l.file.as_str());
        errs.push(err_near(
            file,
            "prerequisites:",
            format!("prerequisites form a cycle: {}", cycle.join(" -> ")),
        ));
    }

    // Exercises: unique ids, known lessons, attached in file order.
    let mut exercise_ids: BTreeMap<String, String> = BTreeMap::new();
    for (file, ex) in exercises {
        if let Some(other) = exercise_ids.insert(ex.id.clone(), file.clone()) {
            errs.push(err_near(
                &file,
                &format!("Exercise: {}", ex.id),
                format!("exercise id `{}` is already used in {other}", ex.id),
            ));
            continue;
        }
        match lessons.iter_mut().find(|l| l.id == ex.lesson) {
            Some(l) => l.exercises.push(ex),
            None => errs.push(err_near(
                &file,
                &format!("Exercise: {}", ex.id),
                format!(
                    "exercise `{}` names lesson `{}`, which does not exist",
                    ex.id, ex.lesson
                ),
            )),
        }
    }

    // Placements, glossary links and link targets.
    let resolve = |term: &str| {
        let key = term.trim().to_lowercase();
        glossary.iter().any(|t: &Term| t.matches(&key))
    };
    let check_spans = |file: &str, spans: &[Inline], errs: &mut Vec<ContentError>| {
        for s in markup::descendants(spans) {
            match s {
                Inline::Glossary { term, .. } if !resolve(term) => errs.push(err_near(
                    file,
                    &format!("[[{term}"),
                    format!("glossary link `[[{term}]]` names no term in the glossary"),
                )),
                Inline::Link { href, .. } if !markup::safe_href(href) => errs.push(err_near(
                    file,
                    href,
                    format!("link target `{href}` is not allowed (use https://, http://, mailto: or an in-app #/ link)"),
                )),
                Inline::Link { href, .. } => {
                    if let Some(id) = href.strip_prefix("#/lesson/") {
                        if !ids.contains(id) {
                            errs.push(err_near(file, href, format!("link to lesson `{id}`, which does not exist")));
                        }
                    }
                }
                _ => {}
            }
        }
    };
    for l in &lessons {
        let mut placed = BTreeSet::new();
        for b in l.sections.iter().flat_map(|s| s.blocks.iter()) {
            if let Block::Exercise(id) = b {
                if l.exercise(id).is_none() {
                    errs.push(err_near(
                        &l.file,
                        &format!("@exercise {id}"),
                        format!(
                            "`@exercise {id}`: no exercise `{id}` belongs to lesson `{}`",
                            l.id
                        ),
                    ));
                } else if !placed.insert(id.clone()) {
                    errs.push(err_near(
                        &l.file,
                        &format!("@exercise {id}"),
                        format!("exercise `{id}` is placed twice"),
                    ));
                }
            }
        }
        let mut spans = Vec::new();
        for s in &l.sections {
            spans.extend(markup::spans_in(&s.blocks));
        }
        for q in &l.quiz {
            spans.extend(markup::inline(&q.prompt));
            spans.extend(markup::inline(&q.explanation));
        }
        l.takeaways
            .iter()
            .for_each(|t| spans.extend(t.iter().cloned()));
        l.sources
            .iter()
            .for_each(|t| spans.extend(t.iter().cloned()));
        check_spans(&l.file, &spans, &mut errs);
        for ex in &l.exercises {
            let file = exercise_ids.get(&ex.id).cloned().unwrap_or_default();
            check_spans(&file, &markup::spans_in(&ex.task), &mut errs);
        }
    }
    if let Some(file) = glossary_file {
        for t in &glossary {
            check_spans(file, &markup::spans_in(&t.definition), &mut errs);
        }
    }

    if errs.is_empty() {
        Ok(Course { lessons, glossary })
    } else {
        Err(errs)
    }
}

/// A cycle in the prerequisite graph, as lesson ids with the first repeated at the end.
fn prerequisite_cycle(lessons: &[Lesson]) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let index: BTreeMap<&str, usize> = lessons
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.as_str(), i))
        .collect();
    let mut marks = vec![Mark::New; lessons.len()];
    let mut stack: Vec<usize> = Vec::new();
    fn visit(
        i: usize,
        lessons: &[Lesson],
        index: &BTreeMap<&str, usize>,
        marks: &mut [Mark],
        stack: &mut Vec<usize>,
    ) -> Option<Vec<String>> {
        marks[i] = Mark::Active;
        stack.push(i);
        for p in &lessons[i].prerequisites {
            let Some(&j) = index.get(p.as_str()) else {
                continue;
            };
            if j == i {
                continue; // reported separately
            }
            match marks[j] {
                Mark::Active => {
                    let from = stack.iter().position(|&s| s == j).unwrap_or(0);
                    let mut cycle: Vec<String> = stack[from..]
                        .iter()
                        .map(|&s| lessons[s].id.clone())
                        .collect();
                    cycle.push(lessons[j].id.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(c) = visit(j, lessons, index, marks, stack) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks[i] = Mark::Done;
        None
    }
    for i in 0..lessons.len() {
        if marks[i] == Mark::New {
            if let Some(c) = visit(i, lessons, &index, &mut marks, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}
