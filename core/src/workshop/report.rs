//! The class report: many receipts against one workshop.
//!
//! A [`Class`] holds the receipts accepted so far. [`Class::add_text`] reads pasted codes
//! or dropped files; a receipt that cannot be read, belongs to another workshop (or another
//! version of this one) or repeats a learner already handed in is a [`Refusal`] with a
//! reason, and the class is left exactly as it was. To replace a learner's hand-in, remove
//! the earlier one first ([`Class::remove`]). [`Class::report`] computes the
//! [`ClassReport`]: the roster, pass rates per lesson, the most-missed items with the wrong
//! answers chosen, exercise completion and reflection answers by question, plus CSV.
//!
//! Standings use the same rule as the learner's own pages ([`crate::progress::Progress::standing`]),
//! through [`Receipt::to_progress`]. Wrong answers are tallied from each learner's *last*
//! answer to an item (what a receipt keeps).
//!
//! ```
//! use cloudhop_core::workshop::{Class, ContentHash, Outline, Receipt};
//! let outline = Outline { id: "w".into(), title: "W".into(), hash: ContentHash(7), lessons: vec![] };
//! let r = Receipt { learner: "Ada".into(), workshop: "w".into(), hash: ContentHash(7),
//!     handed_in_ms: 0, items: vec![], exercises: vec![], reflections: vec![] };
//! let mut class = Class::new(outline);
//! assert!(class.add_text(&r.to_code()).is_ok());
//! let again = class.add_text(&r.to_code()).unwrap_err();
//! assert!(again.to_string().contains("already handed in"));
//! assert_eq!(class.report().roster.len(), 1);
//! ```

use super::receipt::{Receipt, ReceiptError};
use super::Outline;
use crate::progress::LessonStanding;
use crate::quiz::{Answer, ItemKind, Normalizer, QuizItem};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Why a receipt was not added. The class is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    /// What was refused, for a person: the learner's name when the receipt could be read,
    /// else the start of the text.
    pub what: String,
    /// Why.
    pub reason: RefusalReason,
}

/// The reason in a [`Refusal`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RefusalReason {
    /// The text is not a readable receipt (bad checksum, damaged, newer version...).
    Unreadable {
        /// The reader's message.
        message: String,
    },
    /// The receipt is for another workshop.
    OtherWorkshop {
        /// The workshop id it names.
        workshop: String,
    },
    /// The receipt is for another version of this workshop (its content hash differs).
    OtherVersion,
    /// This learner has already handed in.
    Duplicate {
        /// The learner's name as first handed in.
        learner: String,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.reason {
            RefusalReason::Unreadable { message } => write!(f, "{}: {message}", self.what),
            RefusalReason::OtherWorkshop { workshop } => write!(
                f,
                "{}: this receipt is for workshop `{workshop}`, not this one",
                self.what
            ),
            RefusalReason::OtherVersion => write!(
                f,
                "{}: this receipt is for another version of this workshop (it was changed since the learner opened it)",
                self.what
            ),
            RefusalReason::Duplicate { learner } => write!(
                f,
                "{}: {learner} has already handed in; remove that receipt first to replace it",
                self.what
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// The receipts accepted so far for one workshop.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    outline: Outline,
    receipts: Vec<Receipt>,
}

fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Split pasted text into receipts: each code starts with `CH<version>-` at the start of
/// the text or after white space; a text starting with `{` is one file.
///
/// ```
/// use cloudhop_core::workshop::report::split_receipts;
/// assert_eq!(split_receipts("CH1-AAAA\nCH1-BB BB\n"), vec!["CH1-AAAA", "CH1-BB BB"]);
/// assert_eq!(split_receipts("{\"a\": 1}"), vec!["{\"a\": 1}"]);
/// assert!(split_receipts("  ").is_empty());
/// ```
pub fn split_receipts(text: &str) -> Vec<&str> {
    let t = text.trim();
    if t.is_empty() {
        return Vec::new();
    }
    if t.starts_with('{') {
        return vec![t];
    }
    let b = t.as_bytes();
    let starts_code = |i: usize| {
        (i == 0 || b[i - 1].is_ascii_whitespace())
            && b.get(i..i + 2)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"CH"))
            && {
                let digits = b[i + 2..].iter().take_while(|c| c.is_ascii_digit()).count();
                digits > 0 && b.get(i + 2 + digits) == Some(&b'-')
            }
    };
    let mut starts: Vec<usize> = (0..b.len()).filter(|&i| starts_code(i)).collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &s)| t[s..starts.get(k + 1).copied().unwrap_or(b.len())].trim())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Class {
    /// An empty class for `outline`.
    pub fn new(outline: Outline) -> Class {
        Class {
            outline,
            receipts: Vec::new(),
        }
    }

    /// The workshop outline.
    pub fn outline(&self) -> &Outline {
        &self.outline
    }

    /// The receipts accepted, in the order they were added.
    pub fn receipts(&self) -> &[Receipt] {
        &self.receipts
    }

    /// Add a receipt already read.
    pub fn add(&mut self, receipt: Receipt) -> Result<(), Refusal> {
        let what = receipt.learner.clone();
        let refuse = |reason| {
            Err(Refusal {
                what: what.clone(),
                reason,
            })
        };
        if receipt.workshop != self.outline.id {
            return refuse(RefusalReason::OtherWorkshop {
                workshop: receipt.workshop,
            });
        }
        if receipt.hash != self.outline.hash {
            return refuse(RefusalReason::OtherVersion);
        }
        let key = name_key(&receipt.learner);
        if let Some(first) = self.receipts.iter().find(|r| name_key(&r.learner) == key) {
            return refuse(RefusalReason::Duplicate {
                learner: first.learner.clone(),
            });
        }
        self.receipts.push(receipt);
        Ok(())
    }

    /// Read one receipt (code or file) and add it.
    pub fn add_text(&mut self, text: &str) -> Result<&Receipt, Refusal> {
        let receipt = Receipt::read(text).map_err(|e: ReceiptError| Refusal {
            what: {
                let start: String = text.trim().chars().take(16).collect();
                if text.trim().chars().count() > 16 {
                    format!("{start}…")
                } else {
                    start
                }
            },
            reason: RefusalReason::Unreadable {
                message: e.to_string(),
            },
        })?;
        self.add(receipt)?;
        Ok(&self.receipts[self.receipts.len() - 1])
    }

    /// Split pasted text into receipts ([`split_receipts`]) and add each; one result per
    /// receipt found, in order.
    pub fn add_pasted(&mut self, text: &str) -> Vec<Result<String, Refusal>> {
        split_receipts(text)
            .into_iter()
            .map(|t| self.add_text(t).map(|r| r.learner.clone()))
            .collect()
    }

    /// Remove the receipt of `learner` (names compare ignoring case); whether there was one.
    pub fn remove(&mut self, learner: &str) -> bool {
        let key = name_key(learner);
        let before = self.receipts.len();
        self.receipts.retain(|r| name_key(&r.learner) != key);
        self.receipts.len() != before
    }

    /// The accepted receipts as text to keep (one code per line, in the order added), for
    /// the app's store under [`super::class_key`]; [`Class::restore`] reads it back.
    ///
    /// ```
    /// use cloudhop_core::workshop::{Class, ContentHash, Outline, Receipt};
    /// let o = Outline { id: "w".into(), title: "W".into(), hash: ContentHash(7), lessons: vec![] };
    /// let r = |name: &str| Receipt { learner: name.into(), workshop: "w".into(), hash: ContentHash(7),
    ///     handed_in_ms: 0, items: vec![], exercises: vec![], reflections: vec![] };
    /// let mut class = Class::new(o.clone());
    /// class.add(r("Ada")).unwrap();
    /// class.add(r("Bo")).unwrap();
    /// let (back, refused) = Class::restore(o, &class.to_stored());
    /// assert_eq!((back, refused.len()), (class, 0));
    /// ```
    pub fn to_stored(&self) -> String {
        self.receipts
            .iter()
            .map(Receipt::to_code)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A class for `outline` from text kept by [`Class::to_stored`] (or any pasted
    /// receipts), and what could not be taken back (a receipt of another version of the
    /// workshop, once it was edited, or damaged text), each with its reason.
    pub fn restore(outline: Outline, stored: &str) -> (Class, Vec<Refusal>) {
        let mut class = Class::new(outline);
        let refused = class
            .add_pasted(stored)
            .into_iter()
            .filter_map(Result::err)
            .collect();
        (class, refused)
    }

    /// The report over the receipts accepted.
    pub fn report(&self) -> ClassReport {
        ClassReport::compute(&self.outline, &self.receipts)
    }

    /// The report over the receipts accepted and `others` (learners read from an LRS,
    /// which the class does not keep): one of `others` whose name is already in the class,
    /// or that is for another workshop, is refused as [`Class::add`] would, so a learner
    /// who also handed in a receipt is counted once.
    ///
    /// ```
    /// use cloudhop_core::workshop::{Class, ContentHash, Outline, Receipt};
    /// let o = Outline { id: "w".into(), title: "W".into(), hash: ContentHash(7), lessons: vec![] };
    /// let r = |name: &str| Receipt { learner: name.into(), workshop: "w".into(), hash: ContentHash(7),
    ///     handed_in_ms: 0, items: vec![], exercises: vec![], reflections: vec![] };
    /// let mut class = Class::new(o);
    /// class.add(r("Ada")).unwrap();
    /// let (report, refused) = class.report_with(&[r("ada"), r("Bo")]);
    /// assert_eq!(report.roster.len(), 2);
    /// assert_eq!(refused.len(), 1);
    /// assert_eq!(class.receipts().len(), 1);
    /// ```
    pub fn report_with(&self, others: &[Receipt]) -> (ClassReport, Vec<Refusal>) {
        let mut all = self.clone();
        let refused = others
            .iter()
            .filter_map(|r| all.add(r.clone()).err())
            .collect();
        (all.report(), refused)
    }
}

/// Everything the class report page shows, computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassReport {
    /// Workshop id.
    pub workshop: String,
    /// Workshop title.
    pub title: String,
    /// One row per learner, by name.
    pub roster: Vec<RosterRow>,
    /// One row per lesson, in workshop order.
    pub lessons: Vec<LessonRate>,
    /// Items at least one learner missed, the most missed first (ties in workshop order).
    pub missed: Vec<MissedItem>,
    /// One row per exercise, in workshop order.
    pub exercises: Vec<ExerciseCompletion>,
    /// Reflection answers, one group per question that has any, in workshop order.
    pub reflections: Vec<ReflectionGroup>,
}

/// One learner's standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterRow {
    /// The chosen name.
    pub learner: String,
    /// When the receipt was made (ms since 1970).
    pub handed_in_ms: u64,
    /// Mean of the lesson scores, `0..=100`.
    pub score: u8,
    /// Lessons passed.
    pub lessons_passed: usize,
    /// Quiz items answered.
    pub items_answered: usize,
    /// Exercises whose goal was met.
    pub exercises_passed: usize,
    /// Per lesson, in workshop order.
    pub standings: Vec<LessonStanding>,
}

/// How a lesson went for the class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LessonRate {
    /// Lesson id.
    pub lesson: String,
    /// Lesson title.
    pub title: String,
    /// The pass mark in effect.
    pub pass_mark: u8,
    /// Learners who passed.
    pub passed: usize,
    /// Learners in the report.
    pub learners: usize,
    /// `passed` of `learners` in whole percent (0 with no learners).
    pub pass_rate: u8,
    /// Mean lesson score over the learners.
    pub mean_score: u8,
}

/// A quiz item the class missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissedItem {
    /// Lesson id.
    pub lesson: String,
    /// Item id.
    pub item: String,
    /// The question.
    pub prompt: String,
    /// Learners who answered it.
    pub answered: usize,
    /// Learners below full marks on it (gave up included).
    pub missed: usize,
    /// Learners who gave up.
    pub gave_up: usize,
    /// The wrong answers chosen (last answers), the most chosen first.
    pub wrong: Vec<WrongAnswer>,
}

/// One wrong answer and how many chose it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WrongAnswer {
    /// For a choice item, the authored index of the option.
    pub option: Option<usize>,
    /// The option text, `true`/`false`, or the typed answer in canonical form.
    pub answer: String,
    /// Learners whose last answer held it.
    pub count: usize,
}

/// How many learners did an exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExerciseCompletion {
    /// Lesson id.
    pub lesson: String,
    /// Exercise id.
    pub exercise: String,
    /// Title.
    pub title: String,
    /// Learners who met the goal.
    pub passed: usize,
    /// Learners who checked at least once.
    pub attempted: usize,
    /// Learners in the report.
    pub learners: usize,
}

/// The answers to one reflection question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReflectionGroup {
    /// Lesson id.
    pub lesson: String,
    /// Question id.
    pub question: String,
    /// The question.
    pub prompt: String,
    /// `(learner, answer)`, by learner name.
    pub answers: Vec<(String, String)>,
}

fn percent(part: usize, whole: usize) -> u8 {
    (part * 100 + whole / 2)
        .checked_div(whole)
        .map_or(0, |p| p.min(100) as u8)
}

/// The wrong parts of a last answer, as `(option, label)`.
fn wrong_parts(item: &QuizItem, answer: &Answer) -> Vec<(Option<usize>, String)> {
    if item.mark(answer).is_ok_and(|m| m.correct) {
        return Vec::new();
    }
    match (&item.kind, answer) {
        (
            ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options },
            Answer::Choices(ticked),
        ) => {
            let mut t = ticked.clone();
            crate::order::sort_dedup(&mut t);
            t.into_iter()
                .filter_map(|i| {
                    options
                        .get(i)
                        .filter(|o| !o.correct)
                        .map(|o| (Some(i), o.text.clone()))
                })
                .collect()
        }
        (ItemKind::TrueFalse { .. }, Answer::Bool(b)) => vec![(None, b.to_string())],
        (ItemKind::ShortAnswer { normalizer, .. }, Answer::Text(t)) => {
            vec![(None, normalizer.normalize(t))]
        }
        (_, Answer::Text(t)) => vec![(None, Normalizer::Text.normalize(t))],
        _ => Vec::new(),
    }
}

impl ClassReport {
    /// The report over `receipts` for `outline`, and the refusals (each receipt is added
    /// in turn, as [`Class::add`] does).
    pub fn from_receipts(outline: &Outline, receipts: &[Receipt]) -> (ClassReport, Vec<Refusal>) {
        let mut class = Class::new(outline.clone());
        let refused = receipts
            .iter()
            .filter_map(|r| class.add(r.clone()).err())
            .collect();
        (class.report(), refused)
    }

    fn compute(outline: &Outline, receipts: &[Receipt]) -> ClassReport {
        let n = receipts.len();
        let mut sorted: Vec<&Receipt> = receipts.iter().collect();
        crate::order::sort_by_key(&mut sorted, |r| name_key(&r.learner));
        let progress: Vec<_> = sorted.iter().map(|r| r.to_progress()).collect();

        let roster: Vec<RosterRow> = sorted
            .iter()
            .zip(&progress)
            .map(|(r, p)| {
                let standings = outline.standings(p);
                let scores: Vec<u8> = standings.iter().map(|s| s.score).collect();
                RosterRow {
                    learner: r.learner.clone(),
                    handed_in_ms: r.handed_in_ms,
                    score: crate::quiz::lesson_score(&scores),
                    lessons_passed: standings.iter().filter(|s| s.passed).count(),
                    items_answered: standings.iter().map(|s| s.answered).sum(),
                    exercises_passed: standings.iter().map(|s| s.exercises_passed).sum(),
                    standings,
                }
            })
            .collect();

        let lessons = outline
            .lessons
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let passed = roster.iter().filter(|r| r.standings[i].passed).count();
                let scores: Vec<u8> = roster.iter().map(|r| r.standings[i].score).collect();
                LessonRate {
                    lesson: l.id.clone(),
                    title: l.title.clone(),
                    pass_mark: l.pass_mark,
                    passed,
                    learners: n,
                    pass_rate: percent(passed, n),
                    mean_score: crate::quiz::lesson_score(&scores),
                }
            })
            .collect();

        let mut missed = Vec::new();
        let mut exercises = Vec::new();
        let mut reflections = Vec::new();
        for l in &outline.lessons {
            for q in &l.items {
                let mut m = MissedItem {
                    lesson: l.id.clone(),
                    item: q.id.clone(),
                    prompt: q.prompt.clone(),
                    answered: 0,
                    missed: 0,
                    gave_up: 0,
                    wrong: Vec::new(),
                };
                let mut tally: BTreeMap<(Option<usize>, String), usize> = BTreeMap::new();
                for ip in progress.iter().filter_map(|p| p.item(&l.id, &q.id)) {
                    if ip.attempts > 0 {
                        m.answered += 1;
                    }
                    if ip.gave_up {
                        m.gave_up += 1;
                    }
                    if ip.best < 100 {
                        m.missed += 1;
                    }
                    if let Some(last) = &ip.last {
                        for key in wrong_parts(q, last) {
                            *tally.entry(key).or_default() += 1;
                        }
                    }
                }
                if m.missed > 0 {
                    m.wrong = tally
                        .into_iter()
                        .map(|((option, answer), count)| WrongAnswer {
                            option,
                            answer,
                            count,
                        })
                        .collect();
                    crate::order::sort_by_key(&mut m.wrong, |w| std::cmp::Reverse(w.count));
                    missed.push(m);
                }
            }
            for e in &l.exercises {
                let records = progress
                    .iter()
                    .filter_map(|p| p.lessons.get(&l.id)?.exercises.get(&e.id));
                let (mut passed, mut attempted) = (0, 0);
                for ep in records {
                    attempted += usize::from(ep.attempts > 0);
                    passed += usize::from(ep.passed);
                }
                exercises.push(ExerciseCompletion {
                    lesson: l.id.clone(),
                    exercise: e.id.clone(),
                    title: e.title.clone(),
                    passed,
                    attempted,
                    learners: n,
                });
            }
            for q in &l.reflections {
                let answers: Vec<(String, String)> = sorted
                    .iter()
                    .zip(&progress)
                    .filter_map(|(r, p)| {
                        let text = p.lessons.get(&l.id)?.reflections.get(&q.id)?;
                        Some((r.learner.clone(), text.clone()))
                    })
                    .collect();
                if !answers.is_empty() {
                    reflections.push(ReflectionGroup {
                        lesson: l.id.clone(),
                        question: q.id.clone(),
                        prompt: q.prompt.clone(),
                        answers,
                    });
                }
            }
        }
        crate::order::sort_by_key(&mut missed, |m| std::cmp::Reverse(m.missed));

        ClassReport {
            workshop: outline.id.clone(),
            title: outline.title.clone(),
            roster,
            lessons,
            missed,
            exercises,
            reflections,
        }
    }

    /// The roster as CSV: learner, handed in (UTC), score, lessons passed, then score and
    /// passed per lesson. Cells are quoted as RFC 4180 says and guarded against formula
    /// injection ([`csv_cell`]).
    pub fn roster_csv(&self) -> String {
        let mut head = vec![
            "learner".to_string(),
            "handed in (UTC)".into(),
            "score".into(),
            "lessons passed".into(),
            "items answered".into(),
            "exercises passed".into(),
        ];
        for l in &self.lessons {
            head.push(format!("{} score", l.lesson));
            head.push(format!("{} passed", l.lesson));
        }
        let mut rows = vec![head];
        for r in &self.roster {
            let mut row = vec![
                r.learner.clone(),
                utc_time(r.handed_in_ms),
                r.score.to_string(),
                format!("{} of {}", r.lessons_passed, self.lessons.len()),
                r.items_answered.to_string(),
                r.exercises_passed.to_string(),
            ];
            for s in &r.standings {
                row.push(s.score.to_string());
                row.push(if s.passed { "yes" } else { "no" }.into());
            }
            rows.push(row);
        }
        csv(&rows)
    }

    /// The missed items as CSV: lesson, item, question, answered, missed, gave up, and the
    /// wrong answers chosen with their counts.
    pub fn items_csv(&self) -> String {
        let mut rows = vec![vec![
            "lesson".to_string(),
            "item".into(),
            "question".into(),
            "answered".into(),
            "missed".into(),
            "gave up".into(),
            "wrong answers chosen".into(),
        ]];
        for m in &self.missed {
            let wrong: Vec<String> = m
                .wrong
                .iter()
                .map(|w| format!("{} ({})", w.answer, w.count))
                .collect();
            rows.push(vec![
                m.lesson.clone(),
                m.item.clone(),
                m.prompt.clone(),
                m.answered.to_string(),
                m.missed.to_string(),
                m.gave_up.to_string(),
                wrong.join("; "),
            ]);
        }
        csv(&rows)
    }
}

fn csv(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","))
        .map(|line| line + "\r\n")
        .collect()
}

/// One CSV cell: a cell that a spreadsheet would read as a formula (starting with `=`,
/// `+`, `-`, `@`, tab or carriage return) gets a leading `'`; a cell with a comma, quote,
/// line break or outer space is quoted, quotes doubled.
///
/// ```
/// use cloudhop_core::workshop::report::csv_cell;
/// assert_eq!(csv_cell("Ada"), "Ada");
/// assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(csv_cell("-1"), "'-1");
/// assert_eq!(csv_cell("a, b"), "\"a, b\"");
/// ```
pub fn csv_cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r'])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ')
    {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// `YYYY-MM-DD HH:MM` in UTC for milliseconds since 1970.
///
/// ```
/// use cloudhop_core::workshop::report::utc_time;
/// assert_eq!(utc_time(0), "1970-01-01 00:00");
/// assert_eq!(utc_time(1_764_683_100_000), "2025-12-02 13:45");
/// ```
pub fn utc_time(ms: u64) -> String {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{m:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Progress;
    use crate::quiz::Choice;
    use crate::workshop::{ContentHash, OutlineExercise, OutlineLesson, OutlineReflection};

    fn outline() -> Outline {
        let single = QuizItem {
            id: "pick".into(),
            prompt: "Pick one".into(),
            explanation: "e".into(),
            kind: ItemKind::SingleChoice {
                options: vec![
                    Choice::new("right", true),
                    Choice::new("=wrong", false),
                    Choice::new("other", false),
                ],
            },
        };
        let tf = QuizItem {
            id: "claim".into(),
            prompt: "Claim".into(),
            explanation: "e".into(),
            kind: ItemKind::TrueFalse {
                answer: false,
                if_true: None,
                if_false: None,
            },
        };
        Outline {
            id: "w".into(),
            title: "W".into(),
            hash: ContentHash(9),
            lessons: vec![
                OutlineLesson {
                    id: "a".into(),
                    title: "A".into(),
                    pass_mark: 50,
                    items: vec![single, tf],
                    exercises: vec![OutlineExercise {
                        id: "ex".into(),
                        title: "Ex".into(),
                    }],
                    reflections: vec![OutlineReflection {
                        id: "why".into(),
                        prompt: "Why?".into(),
                    }],
                },
                OutlineLesson {
                    id: "b".into(),
                    title: "B".into(),
                    pass_mark: 70,
                    items: vec![],
                    exercises: vec![],
                    reflections: vec![],
                },
            ],
        }
    }

    fn learner(o: &Outline, name: &str, pick: usize, claim: bool, ex: bool) -> Receipt {
        let mut p = Progress::default();
        let l = &o.lessons[0];
        p.answer("a", &l.items[0], &Answer::Choices(vec![pick]))
            .unwrap();
        p.answer("a", &l.items[1], &Answer::Bool(claim)).unwrap();
        p.exercise("a", "ex", ex, None);
        p.reflect("a", "why", &format!("because {name}")).unwrap();
        Receipt::from_progress(o, &p, name, 1000, true).unwrap()
    }

    #[test]
    fn three_learners() {
        let o = outline();
        let receipts = vec![
            learner(&o, "Cy", 0, false, true),
            learner(&o, "Ada", 1, false, true),
            learner(&o, "Bo", 1, true, true),
        ];
        let (r, refused) = ClassReport::from_receipts(&o, &receipts);
        assert!(refused.is_empty());
        let names: Vec<_> = r.roster.iter().map(|x| x.learner.as_str()).collect();
        assert_eq!(names, ["Ada", "Bo", "Cy"]);
        // Ada 50% (passes 50, exercise solved), Bo 0%, Cy 100%.
        assert_eq!(r.roster[0].standings[0].score, 50);
        assert!(r.roster[0].standings[0].passed);
        assert!(!r.roster[1].standings[0].passed);
        assert_eq!((r.lessons[0].passed, r.lessons[0].pass_rate), (2, 67));
        // Most missed: `pick` (Ada, Bo) with `=wrong` chosen twice, then `claim` (Bo).
        assert_eq!(r.missed[0].item, "pick");
        assert_eq!(r.missed[0].missed, 2);
        assert_eq!(
            r.missed[0].wrong,
            vec![WrongAnswer {
                option: Some(1),
                answer: "=wrong".into(),
                count: 2
            }]
        );
        assert_eq!(r.missed[1].item, "claim");
        assert_eq!(r.missed[1].wrong[0].answer, "true");
        assert_eq!((r.exercises[0].passed, r.exercises[0].attempted), (3, 3));
        assert_eq!(r.reflections[0].answers.len(), 3);
        assert_eq!(
            r.reflections[0].answers[0],
            ("Ada".into(), "because Ada".into())
        );
        let items = r.items_csv();
        assert!(items.contains("'=wrong (2)"), "{items}");
        let roster = r.roster_csv();
        assert!(
            roster.starts_with("learner,handed in (UTC),score"),
            "{roster}"
        );
        assert!(roster.contains("\r\nAda,1970-01-01 00:00,"), "{roster}");
        // Ada's quiz without the exercise solved does not pass the lesson.
        let (r, _) = ClassReport::from_receipts(&o, &[learner(&o, "Dee", 1, false, false)]);
        assert_eq!(r.roster[0].standings[0].score, 50);
        assert!(!r.roster[0].standings[0].passed);
    }

    #[test]
    fn refusals_change_nothing() {
        let o = outline();
        let mut class = Class::new(o.clone());
        class.add(learner(&o, "Ada", 0, false, true)).unwrap();
        let before = class.clone();
        let mut other = learner(&o, "Bo", 0, false, true);
        other.workshop = "x".into();
        let mut old = learner(&o, "Cy", 0, false, true);
        old.hash = ContentHash(1);
        let dup = learner(&o, " ada ", 1, true, false);
        for (r, want) in [
            (other, "workshop `x`"),
            (old, "another version"),
            (dup, "Ada has already handed in"),
        ] {
            let e = class.add(r).unwrap_err().to_string();
            assert!(e.contains(want), "{e}");
            assert_eq!(class, before);
        }
        let e = class.add_text("CH1-AAAAAAAAAAAA").unwrap_err();
        assert!(matches!(e.reason, RefusalReason::Unreadable { .. }));
        assert_eq!(class, before);
        // Replacing: remove, then add.
        assert!(class.remove("ADA"));
        class.add(learner(&o, "Ada", 1, true, false)).unwrap();
        assert_eq!(class.report().roster[0].score, 0);
        // Pasted together.
        let text = format!(
            "{}\n{}\n{}",
            learner(&o, "Bo", 0, false, true).to_code(),
            learner(&o, "Cy", 0, false, true).to_code(),
            learner(&o, "bo", 0, false, true).to_code()
        );
        let results = class.add_pasted(&text);
        assert_eq!(results.len(), 3);
        assert!(results[0].is_ok() && results[1].is_ok() && results[2].is_err());
    }
}
