//! Workshop files: an instructor's selection of the course, as text (format in
//! `docs/workshop-format.md`, linked from `lessons/README.md`).
//!
//! [`parse`] reads a file into a [`WorkshopFile`] (the core
//! [`cloudhop_core::workshop::Workshop`] plus the line of each part, for messages);
//! [`WorkshopFile::check`] checks it against the course with `file:line` messages;
//! [`resolve`] turns a workshop (from a file or a link) and the course into the
//! [`Resolved`] view a learner sees: its lessons in order, each a [`crate::Lesson`] with only
//! the chosen sections and items, the pass mark in effect and the workshop's exercises in
//! place, ready for the lesson page to render. [`Resolved::outline`] is what receipts and the
//! class report are computed against; [`Resolved::steps`] is the presenter's walk through it.
//!
//! ```
//! use cloudhop_lessons::workshop;
//! let course = cloudhop_lessons::shipped().unwrap();
//! let file = workshop::parse("example.workshop.md", workshop::EXAMPLE).unwrap();
//! assert!(file.check(&course).is_empty());
//! let resolved = workshop::resolve(&file.workshop, &course).unwrap();
//! assert_eq!(resolved.lessons[0].lesson.id, file.workshop.segments[0].lesson);
//! let outline = resolved.outline();
//! assert_eq!(outline.hash, file.workshop.content_hash());
//! ```

mod parse;
mod present;
mod resolve;

pub use parse::{parse, MAX_SEGMENT_MINUTES};
pub use present::{clock, time_slot, Step, StepKind};
pub use resolve::{resolve, Resolved, WorkshopLesson};

use crate::error::ContentError;
use crate::exercise_check::{ExerciseCheck, Validate};
use crate::Course;
use cloudhop_core::workshop::{link, LinkError, Workshop};
use std::fmt;

/// The complete example workshop documented in `docs/workshop-format.md`
/// (`lessons/workshops/example.workshop.md`).
pub const EXAMPLE: &str = include_str!("../../workshops/example.workshop.md");

/// A parsed workshop file: the workshop and where each part was written.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkshopFile {
    /// The file name, as given to [`parse`].
    pub file: String,
    /// The workshop.
    pub workshop: Workshop,
    lines: FileLines,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct FileLines {
    id: usize,
    segments: Vec<SegmentLines>,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct SegmentLines {
    heading: usize,
    sections: Vec<usize>,
    items: Option<usize>,
    expect: Vec<usize>,
    exercises: Vec<usize>,
}

/// Which part of a workshop a [`Problem`] is about (indices into
/// [`Workshop::segments`] and their lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// The workshop as a whole.
    Workshop,
    /// Segment `0`'s lesson.
    Lesson(usize),
    /// Segment `0`'s section `1`.
    Section(usize, usize),
    /// Segment `0`'s `Items:`.
    Items(usize),
    /// Segment `0`'s expected wrong answer `1`.
    Expect(usize, usize),
    /// Segment `0`'s extra exercise `1`.
    Exercise(usize, usize),
}

/// Something in a workshop that does not fit the course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub spot: Spot,
    /// What, for a person.
    pub message: String,
}

impl fmt::Display for Problem {
    /// The message, with the lesson's place in the workshop when there is one (for a
    /// workshop from a link, which has no lines).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.spot {
            Spot::Workshop => write!(f, "{}", self.message),
            Spot::Lesson(i)
            | Spot::Section(i, _)
            | Spot::Items(i)
            | Spot::Expect(i, _)
            | Spot::Exercise(i, _) => {
                write!(f, "lesson {} of the workshop: {}", i + 1, self.message)
            }
        }
    }
}

impl WorkshopFile {
    /// Check the workshop against `course`: lessons, sections, items and expected answers
    /// exist, exercise ids are new and exercises valid. Every problem has `file:line`.
    pub fn check(&self, course: &Course) -> Vec<ContentError> {
        match resolve(&self.workshop, course) {
            Ok(_) => Vec::new(),
            Err(problems) => problems
                .into_iter()
                .map(|p| ContentError::at(&self.file, self.line_of(p.spot), p.message))
                .collect(),
        }
    }

    fn line_of(&self, spot: Spot) -> usize {
        let seg = |i: usize| self.lines.segments.get(i);
        let pick = |i: usize, f: &dyn Fn(&SegmentLines) -> Option<usize>| {
            seg(i)
                .and_then(|s| f(s).or(Some(s.heading)))
                .unwrap_or(self.lines.id)
        };
        match spot {
            Spot::Workshop => self.lines.id,
            Spot::Lesson(i) => pick(i, &|_| None),
            Spot::Section(i, j) => pick(i, &|s| s.sections.get(j).copied()),
            Spot::Items(i) => pick(i, &|s| s.items),
            Spot::Expect(i, j) => pick(i, &|s| s.expect.get(j).copied()),
            Spot::Exercise(i, j) => pick(i, &|s| s.exercises.get(j).copied()),
        }
    }
}

/// Parse `text` and check it against `course`: the workshop and its resolved view, or every
/// problem with `file:line` (what `cloudhop workshop check` and the app's paste page run).
///
/// ```
/// let course = cloudhop_lessons::shipped().unwrap();
/// let text = "---\nid: w\ntitle: W\n---\n## Lesson: no-such-lesson\n";
/// let errs = cloudhop_lessons::workshop::load("w.md", text, &course).unwrap_err();
/// assert_eq!(errs[0].to_string(), "w.md:5: there is no lesson `no-such-lesson` in the course");
/// ```
pub fn load(
    file: &str,
    text: &str,
    course: &Course,
) -> Result<(WorkshopFile, Resolved), Vec<ContentError>> {
    let parsed = parse(file, text)?;
    let errs = parsed.check(course);
    if !errs.is_empty() {
        return Err(errs);
    }
    let resolved = resolve(&parsed.workshop, course).map_err(|p| {
        p.into_iter()
            .map(|p| ContentError::file(file, p.to_string()))
            .collect::<Vec<_>>()
    })?;
    Ok((parsed, resolved))
}

/// Why a workshop link or learner file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The link or file itself does not read (see [`LinkError`]).
    Link(LinkError),
    /// It reads, but does not fit this version of the course (a lesson, section or item it
    /// names is not here): each problem.
    Course(Vec<String>),
}

impl fmt::Display for OpenError {
    /// One message for a learner.
    ///
    /// ```
    /// use cloudhop_lessons::workshop::{open, OpenError};
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// let e = open("#/workshop?w=7.abc", &course).unwrap_err();
    /// assert!(e.to_string().contains("newer cloudhop"));
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Link(e) => write!(f, "{e}"),
            OpenError::Course(problems) => write!(
                f,
                "this workshop does not fit this version of the course ({}); ask your instructor for a link made for this site",
                problems.join("; ")
            ),
        }
    }
}

impl std::error::Error for OpenError {}

/// Open a workshop a learner was given: a link (a whole URL, a `#/workshop?w=…` hash or the
/// bare payload) or the learner file written by [`link::to_file`] (text starting with `{`),
/// resolved against `course`.
///
/// ```
/// use cloudhop_core::workshop::{encode_link, link};
/// use cloudhop_lessons::workshop::{self, open, OpenError};
/// let course = cloudhop_lessons::shipped().unwrap();
/// let w = workshop::parse("x.md", workshop::EXAMPLE).unwrap().workshop;
/// let by_link = open(&format!("https://x.org/#/workshop?w={}", encode_link(&w)), &course).unwrap();
/// let by_file = open(&link::to_file(&w), &course).unwrap();
/// assert_eq!(by_link, by_file);
/// assert_eq!(by_link.workshop, w.for_learners());
/// assert!(matches!(open("{}", &course), Err(OpenError::Link(_))));
/// ```
pub fn open(text: &str, course: &Course) -> Result<Resolved, OpenError> {
    open_with::<Validate>(text, course)
}

/// [`open`], the workshop's own exercises checked as `C` says ([`crate::exercise_check`]):
/// the app's learner side opens links with `AtUse`, and each lab checks its exercise.
pub fn open_with<C: ExerciseCheck>(text: &str, course: &Course) -> Result<Resolved, OpenError> {
    let workshop = if text.trim_start().starts_with('{') {
        link::from_file(text)
    } else {
        cloudhop_core::workshop::decode_link(text)
    }
    .map_err(OpenError::Link)?;
    resolve::resolve_with::<C>(&workshop, course)
        .map_err(|ps| OpenError::Course(ps.iter().map(ToString::to_string).collect()))
}

#[cfg(test)]
mod open_tests {
    use super::*;
    use cloudhop_core::workshop::{encode_link, Segment};

    #[test]
    fn a_link_for_another_course_says_what_does_not_fit() {
        let course = crate::shipped().unwrap();
        let w = Workshop {
            id: "w".into(),
            title: "W".into(),
            pass_mark: 70,
            segments: vec![Segment::whole("failover"), Segment::whole("gone-lesson")],
        };
        let e = open(&encode_link(&w), &course).unwrap_err();
        assert_eq!(
            e,
            OpenError::Course(vec![
                "lesson 2 of the workshop: there is no lesson `gone-lesson` in the course".into()
            ])
        );
        assert!(e
            .to_string()
            .contains("does not fit this version of the course"));
        for bad in [
            "",
            "#/workshop",
            "#/workshop?w=1.",
            "#/workshop?w=1.%%%",
            "{\"schema\":1}",
        ] {
            assert!(
                matches!(open(bad, &course), Err(OpenError::Link(_))),
                "{bad}"
            );
        }
    }

    /// A link whose exercise its lab refuses: `open` says so; the app's learner side opens
    /// it with `AtUse` (the lab says it when shown); both read everything else alike.
    #[test]
    fn an_exercise_its_lab_refuses_is_refused_at_open_or_left_for_the_lab() {
        use crate::exercise_check::AtUse;
        use cloudhop_core::labs::ExerciseSpec;
        use cloudhop_core::workshop::WorkshopExercise;
        let course = crate::shipped().unwrap();
        let mut seg = Segment::whole("failover");
        seg.exercises.push(WorkshopExercise {
            id: "w-hub".into(),
            title: "A hub nowhere".into(),
            hint: String::new(),
            task: "Pick the hub.".into(),
            spec: ExerciseSpec::from_lab_json(
                "latency",
                serde_json::json!({"kind": "best-hub", "goal": "worst",
                    "sites": ["aws:us-east-1", "aws:nowhere-9"]}),
            )
            .unwrap(),
        });
        let w = Workshop {
            id: "w".into(),
            title: "W".into(),
            pass_mark: 70,
            segments: vec![seg],
        };
        let link = encode_link(&w);
        let OpenError::Course(problems) = open(&link, &course).unwrap_err() else {
            panic!("a course problem");
        };
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("exercise `w-hub`"), "{problems:?}");
        let resolved = open_with::<AtUse>(&link, &course).unwrap();
        assert_eq!(resolved.lessons[0].extra_exercises, ["w-hub"]);
        let mut bad = w.clone();
        bad.segments[0].lesson = "gone-lesson".into();
        assert!(
            matches!(
                open_with::<AtUse>(&encode_link(&bad), &course),
                Err(OpenError::Course(_))
            ),
            "everything else is still checked"
        );
    }
}

/// A workshop an instructor page opened, and whether it came from the workshop file (so it
/// has the instructor's notes; a link or learner file carries none).
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The workshop against the course.
    pub resolved: Resolved,
    /// Opened from the workshop file the instructor wrote.
    pub from_file: bool,
}

/// Open whatever an instructor pasted or chose: a workshop link (a URL or its `1.…`
/// payload) or a learner workshop file, both read by [`open`], or the workshop file itself
/// (parsed and checked by [`load`]). Every problem, for a person.
///
/// ```
/// use cloudhop_core::workshop::encode_link;
/// use cloudhop_lessons::workshop::{self, open_pasted};
/// let course = cloudhop_lessons::shipped().unwrap();
/// let from_file = open_pasted(workshop::EXAMPLE, &course).unwrap();
/// assert!(from_file.from_file);
/// assert!(!from_file.resolved.lessons[0].notes.is_empty());
/// let payload = encode_link(&from_file.resolved.workshop);
/// let from_link = open_pasted(&format!("https://example.org/#/workshop?w={payload}"), &course).unwrap();
/// assert!(!from_link.from_file && from_link.resolved.lessons[0].notes.is_empty());
/// assert_eq!(from_link.resolved.outline(), from_file.resolved.outline());
/// assert!(open_pasted("1.!!", &course).unwrap_err()[0].contains("damaged"));
/// ```
pub fn open_pasted(text: &str, course: &Course) -> Result<Opened, Vec<String>> {
    let t = text.trim();
    if t.is_empty() {
        return Err(vec![
            "paste the workshop file, its link, or the learner workshop file first".into(),
        ]);
    }
    let first_line = t.lines().next().unwrap_or("");
    let is_link = !t.contains('\n')
        && (t.contains("w=")
            || first_line
                .split_once('.')
                .is_some_and(|(v, _)| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())));
    if t.starts_with('{') || is_link {
        return match open(t, course) {
            Ok(resolved) => Ok(Opened {
                resolved,
                from_file: false,
            }),
            Err(OpenError::Link(e)) => Err(vec![e.to_string()]),
            Err(OpenError::Course(problems)) => Err(problems),
        };
    }
    let (_, resolved) = load("workshop file", t, course)
        .map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    Ok(Opened {
        resolved,
        from_file: true,
    })
}
