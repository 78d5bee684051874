//! The learner's progress: answers, scores, reflections and exercises, with a versioned
//! storage format.
//!
//! The app keeps one [`Progress`] in the browser's `localStorage` as JSON (see
//! [`Progress::to_json`]). Reading it back goes through [`load`], which never fails: a value
//! that is damaged or written by a newer version is returned as [`KeptAside`] so that the
//! caller can store it under a backup key and tell the learner, and a fresh record starts.
//! Nothing the learner did is ever dropped silently.
//!
//! The stored document is an envelope:
//!
//! ```json
//! {"schema": "cloudhop-progress", "version": 2, "seed": 3141592653, "lessons": { "<lesson id>": { ... } }}
//! ```
//!
//! The `seed` is the learner's own number from which the order of every choice item's
//! options is computed ([`crate::quiz::QuizItem::shown_order`]). It travels with the record
//! (export, import), so the learner sees the same order on every device; the app draws it
//! once, at first use ([`Progress::needs_seed`], [`seed_from_random`]).
//!
//! Versions: 1 had no seed; 2 added it; 3 keeps each item's first-attempt score
//! ([`ItemProgress::first`]). A version-1 record is migrated by giving it a seed derived from
//! its own content (core has no randomness); its answers are unchanged and stay valid, since
//! answers were and are recorded by authored option index. A version-2 record is migrated
//! as it is: its items have no first-attempt score, and that stays *unknown* (`None`), never
//! guessed from the best or the last score.
//!
//! ```
//! use cloudhop_core::progress::{load, Progress};
//! let fresh = load(None);
//! assert!(fresh.kept_aside.is_none());
//! let damaged = load(Some("{not json"));
//! assert!(damaged.kept_aside.is_some());
//! assert_eq!(damaged.progress, Progress::default());
//! ```

use crate::quiz::{Answer, MarkError, Marking, QuizItem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The `schema` field every progress document carries.
pub const SCHEMA: &str = "cloudhop-progress";
/// The version this build writes. Older versions are migrated on load.
pub const VERSION: u32 = 3;
/// When a lesson counts as passed, for the course map: the rule
/// [`Progress::standing`] applies.
pub const PASS_RULE: &str = "A lesson is passed when its quiz reaches the pass mark and every exercise in it is solved. Retry as often as you like: your best score counts, and your first try is kept beside it.";
/// The longest reflection answer kept, in characters; longer text is refused, not cut.
pub const MAX_REFLECTION_CHARS: usize = 20_000;

/// Everything one learner has done.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Progress {
    /// The learner's seed for the order of quiz options. `0` (what [`Progress::default`]
    /// has) means none has been drawn yet; the app replaces it at first use.
    #[serde(default)]
    pub seed: u32,
    /// Which record this is in the browser: drawn afresh when a record replaces the stored
    /// one (a reset, an import), so that a tab can tell a replacement from another tab's
    /// change to the same record ([`crate::shared_record`]). `0` for a record that has not
    /// been replaced since it started.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub lineage: u32,
    /// The tabs that last saved this record, oldest first, each with how many of its own
    /// changes the record holds ([`crate::shared_record::OwnChanges`]). Kept in the stored
    /// record only: exports, receipts and LMS data leave it out.
    #[serde(skip)]
    pub writers: Vec<(u32, u32)>,
    /// Per lesson, keyed by lesson id.
    #[serde(default)]
    pub lessons: BTreeMap<String, LessonProgress>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Progress in one lesson.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LessonProgress {
    /// The learner has opened the lesson.
    #[serde(default)]
    pub opened: bool,
    /// Quiz items, keyed by item id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, ItemProgress>,
    /// Reflection answers, keyed by question id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reflections: BTreeMap<String, String>,
    /// Lab exercises, keyed by exercise id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub exercises: BTreeMap<String, ExerciseProgress>,
}

/// Progress on one quiz item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ItemProgress {
    /// Answers submitted (each counts, right or wrong).
    pub attempts: u32,
    /// The best score reached, `0..=100`.
    pub best: u8,
    /// The score of the first answer (`0` if the learner gave up before answering). `None`
    /// before the first answer, and for items answered before version 3 of the record,
    /// whose first score was not kept: unknown, not invented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<u8>,
    /// The score of the last answer.
    #[serde(default)]
    pub last_score: u8,
    /// The last answer submitted, to show it again after a reload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Answer>,
    /// Feedback shown for the last answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub last_feedback: Vec<String>,
    /// The learner gave up and the solution was revealed.
    #[serde(default)]
    pub gave_up: bool,
}

impl ItemProgress {
    /// The first-attempt score for a person: `"first try 0%"`, or `"first try not
    /// recorded"` for an item answered before it was kept.
    ///
    /// ```
    /// use cloudhop_core::progress::ItemProgress;
    /// let ip = ItemProgress { attempts: 2, best: 100, first: Some(0), ..Default::default() };
    /// assert_eq!(ip.first_text(), "first try 0%");
    /// ```
    pub fn first_text(&self) -> String {
        match self.first {
            Some(f) => format!("first try {f}%"),
            None => "first try not recorded".to_string(),
        }
    }

    /// Whether the explanation may be shown: only after an answer or giving up.
    ///
    /// ```
    /// use cloudhop_core::progress::ItemProgress;
    /// assert!(!ItemProgress::default().explanation_visible());
    /// assert!(ItemProgress { gave_up: true, ..Default::default() }.explanation_visible());
    /// ```
    pub fn explanation_visible(&self) -> bool {
        self.attempts > 0 || self.gave_up
    }
}

/// Progress on one lab exercise.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExerciseProgress {
    /// Checks requested.
    pub attempts: u32,
    /// The goal has been met at least once.
    pub passed: bool,
    /// The lab's own state at the last check (opaque text, for example a plan as JSON), so
    /// the learner finds their work again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// A lesson's standing, computed from progress and the lesson's item ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonStanding {
    /// Mean best score over all items, `0..=100`.
    pub score: u8,
    /// Mean first-attempt score over all items (unanswered items count 0), `0..=100`;
    /// `None` when an answered item's first score is unknown (answered before version 3).
    pub first_score: Option<u8>,
    /// Items answered at least once.
    pub answered: usize,
    /// Items in the lesson.
    pub total: usize,
    /// Exercises passed.
    pub exercises_passed: usize,
    /// Exercises in the lesson.
    pub exercises_total: usize,
    /// `score >= pass_mark` with every item answered.
    pub quiz_passed: bool,
    /// The lesson is passed: the quiz reached the pass mark *and* every exercise is solved.
    pub passed: bool,
}

/// What a learner should go back to in one lesson (see [`Progress::to_revisit`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revisit {
    /// Positions of quiz items below full marks.
    pub items: Vec<usize>,
    /// Positions of exercises whose goal is not met.
    pub exercises: Vec<usize>,
}

impl LessonStanding {
    /// Started, but not passed.
    pub fn in_progress(&self) -> bool {
        !self.passed && (self.answered > 0 || self.exercises_passed > 0)
    }

    /// The best score with the first-attempt score beside it, for a person:
    /// `"best 100% · first try 50%"`, or `"best 80% · first try not recorded"` for answers
    /// given before the first try was kept.
    ///
    /// ```
    /// use cloudhop_core::progress::Progress;
    /// let s = Progress::default().standing("l", &["q"], &[], 70);
    /// assert_eq!(s.scores(), "best 0% · first try 0%");
    /// ```
    pub fn scores(&self) -> String {
        match self.first_score {
            Some(f) => format!("best {}% · first try {f}%", self.score),
            None => format!("best {}% · first try not recorded", self.score),
        }
    }

    /// Exercises whose goal is not met yet.
    pub fn exercises_to_solve(&self) -> usize {
        self.exercises_total.saturating_sub(self.exercises_passed)
    }

    /// What stands between the learner and a pass, for a person: empty once passed,
    /// otherwise the quiz's state and the exercises left, such as
    /// `"quiz passed, 1 exercise to solve"`.
    ///
    /// ```
    /// use cloudhop_core::progress::Progress;
    /// let mut p = Progress::default();
    /// p.exercise("l", "ex1", true, None);
    /// let s = p.standing("l", &[], &["ex1", "ex2"], 70);
    /// assert_eq!(s.status(), "quiz passed, 1 exercise to solve");
    /// let s = p.standing("l", &["q"], &["ex1"], 70);
    /// assert_eq!(s.status(), "quiz: 0 of 1 answered");
    /// ```
    pub fn status(&self) -> String {
        if self.passed {
            return String::new();
        }
        let quiz = if self.quiz_passed {
            "quiz passed".to_string()
        } else if self.answered < self.total {
            format!("quiz: {} of {} answered", self.answered, self.total)
        } else {
            format!("quiz {}%, below the pass mark", self.score)
        };
        match self.exercises_to_solve() {
            0 => quiz,
            n => format!(
                "{quiz}, {n} exercise{} to solve",
                if n == 1 { "" } else { "s" }
            ),
        }
    }
}

/// Why a reflection answer was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    /// Characters given.
    pub chars: usize,
}

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "this answer is {} characters long; the limit is {MAX_REFLECTION_CHARS}",
            self.chars
        )
    }
}

/// A learner's seed from a random number in `[0, 1)` (the app passes `Math.random()`),
/// never `0`, which means "not drawn yet". Values outside the range are folded into it.
///
/// ```
/// use cloudhop_core::progress::seed_from_random;
/// assert_ne!(seed_from_random(0.0), 0);
/// assert_ne!(seed_from_random(0.5), seed_from_random(0.25));
/// assert_ne!(seed_from_random(f64::NAN), 0);
/// ```
pub fn seed_from_random(random: f64) -> u32 {
    let unit = if random.is_finite() {
        random.abs().fract()
    } else {
        0.0
    };
    ((unit * 4_294_967_296.0) as u32).max(1)
}

/// A seed derived from text (a version-1 record's content), never `0`.
fn seed_from_text(text: &str) -> u32 {
    let h = crate::quiz::shuffle::fnv1a(text.as_bytes());
    ((h >> 32) as u32 ^ h as u32).max(1)
}

impl Progress {
    /// A fresh record with this seed.
    ///
    /// ```
    /// let p = cloudhop_core::progress::Progress::with_seed(77);
    /// assert_eq!(p.seed, 77);
    /// assert!(!p.needs_seed());
    /// ```
    pub fn with_seed(seed: u32) -> Progress {
        Progress {
            seed,
            ..Progress::default()
        }
    }

    /// Whether no seed has been drawn yet (the app then draws one and saves it).
    ///
    /// ```
    /// assert!(cloudhop_core::progress::Progress::default().needs_seed());
    /// ```
    pub fn needs_seed(&self) -> bool {
        self.seed == 0
    }

    /// Mark `answer` to `item` of lesson `lesson` and record it: attempts go up, the best
    /// score is kept, and the first answer's score is kept beside it ([`ItemProgress::first`]). After the learner has given up, answers are still marked and counted
    /// but no longer raise the best score (the solution was visible).
    ///
    /// ```
    /// use cloudhop_core::progress::Progress;
    /// use cloudhop_core::quiz::{Answer, ItemKind, QuizItem};
    /// let item = QuizItem { id: "tf".into(), prompt: "Hybrid means two clouds.".into(),
    ///     explanation: "Hybrid is on-premises plus cloud.".into(),
    ///     kind: ItemKind::TrueFalse { answer: false, if_true: None, if_false: None } };
    /// let mut p = Progress::default();
    /// p.answer("l1", &item, &Answer::Bool(true)).unwrap();
    /// p.answer("l1", &item, &Answer::Bool(false)).unwrap();
    /// p.answer("l1", &item, &Answer::Bool(true)).unwrap();
    /// let ip = &p.lessons["l1"].items["tf"];
    /// assert_eq!((ip.attempts, ip.best, ip.last_score, ip.first), (3, 100, 0, Some(0)));
    /// ```
    pub fn answer(
        &mut self,
        lesson: &str,
        item: &QuizItem,
        answer: &Answer,
    ) -> Result<Marking, MarkError> {
        let marking = item.mark(answer)?;
        let ip = self
            .lessons
            .entry(lesson.to_string())
            .or_default()
            .items
            .entry(item.id.clone())
            .or_default();
        if ip.attempts == 0 && ip.first.is_none() {
            ip.first = Some(if ip.gave_up { 0 } else { marking.score });
        }
        ip.attempts = ip.attempts.saturating_add(1);
        if !ip.gave_up {
            ip.best = ip.best.max(marking.score);
        }
        ip.last_score = marking.score;
        ip.last = Some(answer.clone());
        ip.last_feedback = marking.feedback.clone();
        Ok(marking)
    }

    /// The learner gives up on an item: the solution and explanation become visible. Giving
    /// up before any answer makes the first-attempt score 0.
    pub fn give_up(&mut self, lesson: &str, item_id: &str) {
        let ip = self
            .lessons
            .entry(lesson.to_string())
            .or_default()
            .items
            .entry(item_id.to_string())
            .or_default();
        if ip.attempts == 0 && ip.first.is_none() {
            ip.first = Some(0);
        }
        ip.gave_up = true;
    }

    /// Progress on one item, if any.
    pub fn item(&self, lesson: &str, item_id: &str) -> Option<&ItemProgress> {
        self.lessons.get(lesson)?.items.get(item_id)
    }

    /// Note that a lesson was opened.
    pub fn open(&mut self, lesson: &str) {
        self.lessons.entry(lesson.to_string()).or_default().opened = true;
    }

    /// Store a reflection answer. An empty answer removes the entry.
    ///
    /// ```
    /// let mut p = cloudhop_core::progress::Progress::default();
    /// p.reflect("l1", "r1", "Keep DNS in one place.").unwrap();
    /// assert_eq!(p.lessons["l1"].reflections["r1"], "Keep DNS in one place.");
    /// assert!(p.reflect("l1", "r1", &"x".repeat(30_000)).is_err());
    /// ```
    pub fn reflect(&mut self, lesson: &str, question: &str, text: &str) -> Result<(), TooLong> {
        let chars = text.chars().count();
        if chars > MAX_REFLECTION_CHARS {
            return Err(TooLong { chars });
        }
        let lp = self.lessons.entry(lesson.to_string()).or_default();
        if text.trim().is_empty() {
            lp.reflections.remove(question);
        } else {
            lp.reflections
                .insert(question.to_string(), text.to_string());
        }
        Ok(())
    }

    /// Move exercise records to the lesson that now holds each exercise, so work done
    /// before an exercise moved between lessons is shown where the exercise is. `home`
    /// names an exercise's lesson (or `None` for an exercise the course no longer has:
    /// its record stays where it is). Where both lessons hold a record, the two are joined:
    /// attempts added, passed if either passed, the state of the one that passed (else the
    /// newer place's). Returns how many records moved.
    ///
    /// ```
    /// use cloudhop_core::progress::Progress;
    /// let mut p = Progress::default();
    /// p.exercise("old-lesson", "ex", true, Some("work".into()));
    /// let moved = p.follow_exercises(|id| (id == "ex").then_some("new-lesson"));
    /// assert_eq!(moved, 1);
    /// assert!(p.lessons["new-lesson"].exercises["ex"].passed);
    /// assert!(!p.lessons["old-lesson"].exercises.contains_key("ex"));
    /// ```
    pub fn follow_exercises<'a>(&mut self, home: impl Fn(&str) -> Option<&'a str>) -> usize {
        let mut strays: Vec<(String, String, String)> = Vec::new();
        for (lesson, lp) in &self.lessons {
            for ex in lp.exercises.keys() {
                if let Some(to) = home(ex).filter(|to| to != lesson) {
                    strays.push((lesson.clone(), ex.clone(), to.to_string()));
                }
            }
        }
        for (from, ex, to) in &strays {
            let Some(old) = self
                .lessons
                .get_mut(from)
                .and_then(|lp| lp.exercises.remove(ex))
            else {
                continue;
            };
            let target = self.lessons.entry(to.clone()).or_default();
            match target.exercises.get_mut(ex) {
                None => {
                    target.exercises.insert(ex.clone(), old);
                }
                Some(new) => {
                    new.attempts = new.attempts.saturating_add(old.attempts);
                    if old.passed && !new.passed {
                        new.passed = true;
                        new.state = old.state;
                    }
                }
            }
        }
        strays.len()
    }

    /// Record an exercise check. `passed` stays true once reached.
    pub fn exercise(&mut self, lesson: &str, exercise: &str, passed: bool, state: Option<String>) {
        let ep = self
            .lessons
            .entry(lesson.to_string())
            .or_default()
            .exercises
            .entry(exercise.to_string())
            .or_default();
        ep.attempts = ep.attempts.saturating_add(1);
        ep.passed |= passed;
        if state.is_some() {
            ep.state = state;
        }
    }

    /// A lesson's standing given its item ids, exercise ids and pass mark (percent).
    ///
    /// ```
    /// use cloudhop_core::progress::Progress;
    /// let p = Progress::default();
    /// let s = p.standing("l1", &["a", "b"], &["ex"], 70);
    /// assert_eq!((s.score, s.answered, s.total, s.passed), (0, 0, 2, false));
    /// ```
    pub fn standing(
        &self,
        lesson: &str,
        item_ids: &[&str],
        exercise_ids: &[&str],
        pass_mark: u8,
    ) -> LessonStanding {
        let lp = self.lessons.get(lesson);
        let bests: Vec<u8> = item_ids
            .iter()
            .map(|id| lp.and_then(|l| l.items.get(*id)).map_or(0, |i| i.best))
            .collect();
        let answered = item_ids
            .iter()
            .filter(|id| {
                lp.and_then(|l| l.items.get(**id))
                    .is_some_and(|i| i.attempts > 0)
            })
            .count();
        let exercises_passed = exercise_ids
            .iter()
            .filter(|id| {
                lp.and_then(|l| l.exercises.get(**id))
                    .is_some_and(|e| e.passed)
            })
            .count();
        let firsts: Option<Vec<u8>> = item_ids
            .iter()
            .map(|id| match lp.and_then(|l| l.items.get(*id)) {
                Some(i) if i.attempts > 0 || i.gave_up => i.first,
                _ => Some(0),
            })
            .collect();
        let score = crate::quiz::lesson_score(&bests);
        // The pass mark is held against the exact mean, not the rounded score: 69.5% does
        // not pass a 70% mark.
        let quiz_passed = answered == item_ids.len()
            && bests.iter().map(|&b| u32::from(b)).sum::<u32>()
                >= u32::from(pass_mark) * bests.len() as u32;
        LessonStanding {
            score,
            first_score: firsts.map(|f| crate::quiz::lesson_score(&f)),
            answered,
            total: item_ids.len(),
            exercises_passed,
            exercises_total: exercise_ids.len(),
            quiz_passed,
            passed: quiz_passed && exercises_passed == exercise_ids.len(),
        }
    }

    /// What to revisit in a lesson: the positions (0-based) of quiz items not yet at full
    /// marks, and of exercises whose goal is not met yet, in lesson order.
    ///
    /// ```
    /// use cloudhop_core::progress::Progress;
    /// let p = Progress::default();
    /// let r = p.to_revisit("l1", &["a", "b"], &["ex"]);
    /// assert_eq!((r.items, r.exercises), (vec![0, 1], vec![0]));
    /// ```
    pub fn to_revisit(&self, lesson: &str, item_ids: &[&str], exercise_ids: &[&str]) -> Revisit {
        let lp = self.lessons.get(lesson);
        Revisit {
            items: (0..item_ids.len())
                .filter(|&i| {
                    lp.and_then(|l| l.items.get(item_ids[i]))
                        .is_none_or(|it| it.best < 100)
                })
                .collect(),
            exercises: (0..exercise_ids.len())
                .filter(|&i| {
                    !lp.and_then(|l| l.exercises.get(exercise_ids[i]))
                        .is_some_and(|e| e.passed)
                })
                .collect(),
        }
    }

    /// Serialise as the current versioned envelope.
    ///
    /// ```
    /// let json = cloudhop_core::progress::Progress::default().to_json();
    /// assert!(json.starts_with(r#"{"schema":"cloudhop-progress","version":3,"seed":0"#));
    /// ```
    pub fn to_json(&self) -> String {
        let envelope = Envelope {
            schema: SCHEMA.to_string(),
            version: VERSION,
            seed: self.seed,
            lineage: self.lineage,
            writers: self.writers.clone(),
            lessons: self.lessons.clone(),
        };
        serde_json::to_string(&envelope).unwrap_or_else(|_| String::from("{}"))
    }

    /// The record as a file for the learner to keep: [`Progress::to_json`] without
    /// [`Progress::writers`], which only the tabs of this browser read.
    ///
    /// ```
    /// use cloudhop_core::progress::Progress;
    /// let mut p = Progress::with_seed(3);
    /// p.writers.push((77, 1));
    /// assert!(p.to_json().contains(r#""writers":[[77,1]]"#));
    /// assert!(!p.exported().contains("writers"));
    /// ```
    pub fn exported(&self) -> String {
        Progress {
            writers: Vec::new(),
            ..self.clone()
        }
        .to_json()
    }

    /// Parse and validate a progress document (a stored value or an imported file),
    /// migrating older versions. Refuses anything it cannot read in full.
    ///
    /// ```
    /// use cloudhop_core::progress::{Progress, ProgressError};
    /// let p = Progress::default();
    /// assert_eq!(Progress::from_json(&p.to_json()).unwrap(), p);
    /// assert!(matches!(Progress::from_json(r#"{"schema":"cloudhop-progress","version":99}"#),
    ///     Err(ProgressError::NewerVersion(99))));
    /// ```
    pub fn from_json(raw: &str) -> Result<Progress, ProgressError> {
        let value: serde_json::Value =
            serde_json::from_str(raw).map_err(|e| ProgressError::NotJson(e.to_string()))?;
        let obj = value.as_object().ok_or(ProgressError::NotProgress(
            "the top level is not an object".into(),
        ))?;
        match obj.get("schema").and_then(|s| s.as_str()) {
            Some(SCHEMA) => {}
            Some(other) => {
                return Err(ProgressError::NotProgress(format!(
                    "its schema is \"{other}\", not \"{SCHEMA}\""
                )))
            }
            None => {
                return Err(ProgressError::NotProgress(
                    "it has no \"schema\" field".into(),
                ))
            }
        }
        let version =
            obj.get("version")
                .and_then(|v| v.as_u64())
                .ok_or(ProgressError::NotProgress(
                    "it has no whole-number \"version\" field".into(),
                ))?;
        if version > u64::from(VERSION) {
            return Err(ProgressError::NewerVersion(version));
        }
        let migrated = migrate(value, version as u32)?;
        let envelope: Envelope =
            serde_json::from_value(migrated).map_err(|e| ProgressError::Invalid(e.to_string()))?;
        let progress = Progress {
            seed: envelope.seed,
            lineage: envelope.lineage,
            writers: envelope.writers,
            lessons: envelope.lessons,
        };
        progress.validate()?;
        Ok(progress)
    }

    fn validate(&self) -> Result<(), ProgressError> {
        for (lesson, lp) in &self.lessons {
            for (id, ip) in &lp.items {
                if ip.best > 100 || ip.last_score > 100 {
                    return Err(ProgressError::Invalid(format!(
                        "lesson \"{lesson}\", item \"{id}\": a score above 100"
                    )));
                }
            }
            for (id, text) in &lp.reflections {
                if text.chars().count() > MAX_REFLECTION_CHARS {
                    return Err(ProgressError::Invalid(format!(
                        "lesson \"{lesson}\", reflection \"{id}\": longer than {MAX_REFLECTION_CHARS} characters"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Merge another record into this one, keeping the better of each: best scores, the
    /// larger attempt counts, passed exercises, and reflections (this record's text wins
    /// where both have one). This record's seed is kept (the other's if this one has none),
    /// so the options the learner sees here do not move.
    ///
    /// ```
    /// use cloudhop_core::progress::Progress;
    /// let mut a = Progress::default();
    /// a.reflect("l", "r", "mine").unwrap();
    /// let mut b = Progress::default();
    /// b.reflect("l", "r", "theirs").unwrap();
    /// b.reflect("l", "r2", "new").unwrap();
    /// a.merge(&b);
    /// assert_eq!(a.lessons["l"].reflections["r"], "mine");
    /// assert_eq!(a.lessons["l"].reflections["r2"], "new");
    /// ```
    pub fn merge(&mut self, other: &Progress) {
        if self.needs_seed() {
            self.seed = other.seed;
        }
        for (lesson, theirs) in &other.lessons {
            let mine = self.lessons.entry(lesson.clone()).or_default();
            mine.opened |= theirs.opened;
            for (id, t) in &theirs.items {
                let m = mine.items.entry(id.clone()).or_default();
                if t.attempts > m.attempts {
                    m.last = t.last.clone();
                    m.last_score = t.last_score;
                    m.last_feedback = t.last_feedback.clone();
                }
                if m.attempts == 0 && m.first.is_none() {
                    m.first = t.first;
                }
                m.attempts = m.attempts.max(t.attempts);
                m.best = m.best.max(t.best);
                m.gave_up |= t.gave_up;
            }
            for (id, text) in &theirs.reflections {
                mine.reflections
                    .entry(id.clone())
                    .or_insert_with(|| text.clone());
            }
            for (id, t) in &theirs.exercises {
                let m = mine.exercises.entry(id.clone()).or_default();
                m.attempts = m.attempts.max(t.attempts);
                m.passed |= t.passed;
                if m.state.is_none() {
                    m.state = t.state.clone();
                }
            }
        }
    }
}

/// Bring a document of an older `version` to the current layout. Each arm moves one
/// version forward, so a document from any earlier release walks the whole chain.
fn migrate(value: serde_json::Value, version: u32) -> Result<serde_json::Value, ProgressError> {
    match version {
        VERSION => Ok(value),
        // Version 1 had no seed. Give the record one derived from its content: stable for
        // that record (a file imported twice gives the same order), different between
        // learners who have done different things. Answers stay as they are: they were
        // and are authored option indices.
        1 => {
            let mut value = value;
            let seed = seed_from_text(&value.to_string());
            if let Some(obj) = value.as_object_mut() {
                obj.insert("seed".into(), seed.into());
                obj.insert("version".into(), 2.into());
            }
            migrate(value, 2)
        }
        // Version 2 kept no first-attempt score. Its items stay without one, which reads as
        // unknown: inventing it from the best or last score would misreport the learner.
        2 => {
            let mut value = value;
            if let Some(obj) = value.as_object_mut() {
                obj.insert("version".into(), 3.into());
            }
            migrate(value, 3)
        }
        // Version 0 never shipped; there is nothing older than version 1 to migrate.
        other => Err(ProgressError::NotProgress(format!(
            "version {other} was never written by cloudhop"
        ))),
    }
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    schema: String,
    version: u32,
    /// Required from version 2 on: a version-2 or later document without one is refused.
    seed: u32,
    /// Absent before it was kept, and while it is `0`.
    #[serde(default, skip_serializing_if = "is_zero")]
    lineage: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    writers: Vec<(u32, u32)>,
    #[serde(default)]
    lessons: BTreeMap<String, LessonProgress>,
}

/// Why a progress document was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressError {
    /// Not JSON at all.
    NotJson(String),
    /// JSON, but not a cloudhop progress document.
    NotProgress(String),
    /// Written by a newer cloudhop than this one.
    NewerVersion(u64),
    /// The right kind of document with a bad field.
    Invalid(String),
}

impl fmt::Display for ProgressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProgressError::NotJson(e) => write!(f, "the file is not valid JSON ({e})"),
            ProgressError::NotProgress(why) => {
                write!(f, "the file is not cloudhop progress: {why}")
            }
            ProgressError::NewerVersion(v) => write!(
                f,
                "the file is progress version {v}, written by a newer cloudhop; this one reads up to version {VERSION}"
            ),
            ProgressError::Invalid(e) => write!(f, "the progress file has a bad field: {e}"),
        }
    }
}

impl std::error::Error for ProgressError {}

/// A stored value that could not be read, to keep under a backup key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptAside {
    /// The value exactly as it was stored.
    pub raw: String,
    /// Why it could not be read, for the learner.
    pub reason: ProgressError,
}

/// The outcome of [`load`]: always a usable record, plus anything that had to be set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The record to use.
    pub progress: Progress,
    /// The stored value that could not be read, if any.
    pub kept_aside: Option<KeptAside>,
}

/// Read a stored value (or its absence) into a usable record. Never fails.
///
/// ```
/// use cloudhop_core::progress::{load, Progress};
/// let mut p = Progress::default();
/// p.open("l1");
/// let back = load(Some(&p.to_json()));
/// assert_eq!(back.progress, p);
/// assert!(back.kept_aside.is_none());
/// ```
pub fn load(stored: Option<&str>) -> Loaded {
    match stored {
        None => Loaded {
            progress: Progress::default(),
            kept_aside: None,
        },
        Some(raw) => match Progress::from_json(raw) {
            Ok(progress) => Loaded {
                progress,
                kept_aside: None,
            },
            Err(reason) => Loaded {
                progress: Progress::default(),
                kept_aside: Some(KeptAside {
                    raw: raw.to_string(),
                    reason,
                }),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn exercise_records_follow_their_exercise_to_its_new_lesson() {
        let mut p = Progress::default();
        p.exercise(
            "connecting-clouds",
            "interconnect-over-tunnel",
            true,
            Some("mine".into()),
        );
        p.exercise(
            "bgp-multicloud-wan",
            "interconnect-over-tunnel",
            false,
            None,
        );
        p.exercise("connecting-clouds", "gone-exercise", false, None);
        let home = |id: &str| (id == "interconnect-over-tunnel").then_some("bgp-multicloud-wan");
        assert_eq!(p.follow_exercises(home), 1);
        let e = &p.lessons["bgp-multicloud-wan"].exercises["interconnect-over-tunnel"];
        assert_eq!(
            (e.attempts, e.passed, e.state.as_deref()),
            (2, true, Some("mine"))
        );
        assert!(!p.lessons["connecting-clouds"]
            .exercises
            .contains_key("interconnect-over-tunnel"));
        // An exercise the course no longer has keeps its record where it was.
        assert!(p.lessons["connecting-clouds"]
            .exercises
            .contains_key("gone-exercise"));
        // Nothing left to move.
        assert_eq!(p.follow_exercises(home), 0);
    }

    use super::*;
    use crate::quiz::{Choice, ItemKind};

    fn item() -> QuizItem {
        QuizItem {
            id: "q1".into(),
            prompt: "p".into(),
            explanation: "e".into(),
            kind: ItemKind::SingleChoice {
                options: vec![Choice::new("a", false), Choice::new("b", true)],
            },
        }
    }

    #[test]
    fn best_score_is_kept_and_attempts_counted() {
        let mut p = Progress::default();
        p.answer("l", &item(), &Answer::Choices(vec![0])).unwrap();
        assert_eq!(p.item("l", "q1").unwrap().best, 0);
        p.answer("l", &item(), &Answer::Choices(vec![1])).unwrap();
        p.answer("l", &item(), &Answer::Choices(vec![0])).unwrap();
        let ip = p.item("l", "q1").unwrap();
        assert_eq!((ip.attempts, ip.best, ip.last_score), (3, 100, 0));
        assert_eq!(ip.last, Some(Answer::Choices(vec![0])));
        // An unmarkable answer changes nothing.
        assert!(p.answer("l", &item(), &Answer::Text("x".into())).is_err());
        assert_eq!(p.item("l", "q1").unwrap().attempts, 3);
    }

    #[test]
    fn giving_up_reveals_and_freezes_best() {
        let mut p = Progress::default();
        assert!(p.item("l", "q1").is_none());
        p.give_up("l", "q1");
        assert!(p.item("l", "q1").unwrap().explanation_visible());
        p.answer("l", &item(), &Answer::Choices(vec![1])).unwrap();
        let ip = p.item("l", "q1").unwrap();
        assert_eq!((ip.best, ip.last_score, ip.attempts), (0, 100, 1));
    }

    #[test]
    fn revisit_lists_items_below_full_marks_and_unmet_exercises() {
        let mut p = Progress::default();
        p.answer("l", &item(), &Answer::Choices(vec![0])).unwrap();
        let mut q2 = item();
        q2.id = "q2".into();
        p.answer("l", &q2, &Answer::Choices(vec![1])).unwrap();
        p.exercise("l", "ex2", true, None);
        let r = p.to_revisit("l", &["q1", "q2", "q3"], &["ex1", "ex2"]);
        assert_eq!(r.items, vec![0, 2], "q2 is at full marks");
        assert_eq!(r.exercises, vec![0], "ex2 is met");
    }

    #[test]
    fn standing_needs_every_item_and_the_pass_mark() {
        let mut p = Progress::default();
        p.answer("l", &item(), &Answer::Choices(vec![1])).unwrap();
        let s = p.standing("l", &["q1", "q2"], &[], 50);
        assert_eq!((s.score, s.answered, s.passed), (50, 1, false));
        assert!(s.in_progress());
        let mut q2 = item();
        q2.id = "q2".into();
        p.answer("l", &q2, &Answer::Choices(vec![0])).unwrap();
        assert!(p.standing("l", &["q1", "q2"], &[], 50).passed);
        assert!(!p.standing("l", &["q1", "q2"], &[], 51).passed);
        p.exercise("l", "ex", false, None);
        p.exercise("l", "ex", true, Some("{}".into()));
        p.exercise("l", "ex", false, None);
        let s = p.standing("l", &["q1"], &["ex", "ex2"], 50);
        assert_eq!((s.exercises_passed, s.exercises_total), (1, 2));
        assert_eq!(p.lessons["l"].exercises["ex"].state.as_deref(), Some("{}"));
    }

    #[test]
    fn round_trip_and_refusals() {
        let mut p = Progress::default();
        p.answer("l", &item(), &Answer::Choices(vec![1])).unwrap();
        p.reflect("l", "r", "text with <b>tags</b> & \"quotes\"")
            .unwrap();
        p.exercise("l", "ex", true, Some("state".into()));
        assert_eq!(Progress::from_json(&p.to_json()).unwrap(), p);

        let cases = [
            ("", "not valid JSON"),
            ("[1,2]", "top level is not an object"),
            (r#"{"version":1}"#, "no \"schema\""),
            (r#"{"schema":"other","version":1}"#, "schema is \"other\""),
            (
                r#"{"schema":"cloudhop-progress"}"#,
                "no whole-number \"version\"",
            ),
            (
                r#"{"schema":"cloudhop-progress","version":7}"#,
                "newer cloudhop",
            ),
            (
                r#"{"schema":"cloudhop-progress","version":0}"#,
                "never written",
            ),
            (
                r#"{"schema":"cloudhop-progress","version":1,"lessons":{"l":{"items":{"q":{"attempts":1,"best":101}}}}}"#,
                "above 100",
            ),
            (
                r#"{"schema":"cloudhop-progress","version":1,"lessons":{"l":{"items":{"q":{"attempts":-1,"best":1}}}}}"#,
                "bad field",
            ),
        ];
        for (raw, expect) in cases {
            let err = Progress::from_json(raw).unwrap_err().to_string();
            assert!(err.contains(expect), "{raw:?}: {err}");
        }
    }

    #[test]
    fn load_keeps_damaged_values_aside() {
        for raw in ["{", "null", r#"{"schema":"cloudhop-progress","version":2}"#] {
            let l = load(Some(raw));
            assert_eq!(l.progress, Progress::default());
            assert_eq!(l.kept_aside.as_ref().unwrap().raw, raw);
        }
    }

    #[test]
    fn version_1_records_get_a_seed_and_keep_their_answers() {
        let v1 = r#"{"schema":"cloudhop-progress","version":1,"lessons":{"l":{"opened":true,"items":{"q1":{"attempts":2,"best":100,"last_score":100,"last":{"type":"choices","value":[1]}}}}}}"#;
        let p = Progress::from_json(v1).unwrap();
        assert!(!p.needs_seed(), "a migrated record has a seed");
        assert_eq!(
            p.seed,
            Progress::from_json(v1).unwrap().seed,
            "the same record, the same seed"
        );
        let ip = p.item("l", "q1").unwrap();
        assert_eq!((ip.attempts, ip.best), (2, 100));
        assert_eq!(ip.last, Some(Answer::Choices(vec![1])));
        assert!(
            item().mark(ip.last.as_ref().unwrap()).unwrap().correct,
            "the old answer still marks right"
        );
        // Another learner's record gets another seed.
        let other = v1.replace(r#""attempts":2"#, r#""attempts":3"#);
        assert_ne!(Progress::from_json(&other).unwrap().seed, p.seed);
        // Written back, it is the current version with the same seed.
        let again = p.to_json();
        assert!(again.contains(r#""version":3"#), "{again}");
        assert_eq!(Progress::from_json(&again).unwrap(), p);
    }

    #[test]
    fn the_seed_travels_with_the_record() {
        let mut p = Progress::with_seed(123_456);
        p.answer("l", &item(), &Answer::Choices(vec![1])).unwrap();
        let back = Progress::from_json(&p.to_json()).unwrap();
        assert_eq!(back.seed, 123_456);
        // A version-2 record must carry its seed; a newer version is refused.
        for (raw, expect) in [
            (
                r#"{"schema":"cloudhop-progress","version":2,"lessons":{}}"#,
                "seed",
            ),
            (
                r#"{"schema":"cloudhop-progress","version":4,"seed":1}"#,
                "newer cloudhop",
            ),
            (
                r#"{"schema":"cloudhop-progress","version":2,"seed":-1}"#,
                "bad field",
            ),
        ] {
            let err = Progress::from_json(raw).unwrap_err().to_string();
            assert!(err.contains(expect), "{raw}: {err}");
        }
        // Merging keeps this record's seed, or takes the other's when this has none.
        let mut fresh = Progress::default();
        fresh.merge(&back);
        assert_eq!(fresh.seed, 123_456);
        let mut mine = Progress::with_seed(9);
        mine.merge(&back);
        assert_eq!(mine.seed, 9);
    }

    #[test]
    fn the_first_attempt_is_kept_beside_the_best() {
        let mut p = Progress::default();
        let mut q2 = item();
        q2.id = "q2".into();
        p.answer("l", &item(), &Answer::Choices(vec![0])).unwrap();
        p.answer("l", &item(), &Answer::Choices(vec![1])).unwrap();
        p.answer("l", &q2, &Answer::Choices(vec![1])).unwrap();
        let ip = p.item("l", "q1").unwrap();
        assert_eq!((ip.first, ip.best), (Some(0), 100));
        let s = p.standing("l", &["q1", "q2"], &[], 70);
        assert_eq!((s.score, s.first_score), (100, Some(50)));
        // Giving up first counts as a first attempt of 0, even when answered right after.
        p.give_up("l", "q3");
        let mut q3 = item();
        q3.id = "q3".into();
        p.answer("l", &q3, &Answer::Choices(vec![1])).unwrap();
        assert_eq!(p.item("l", "q3").unwrap().first, Some(0));
        // It survives a round trip.
        assert_eq!(Progress::from_json(&p.to_json()).unwrap(), p);
    }

    #[test]
    fn version_2_records_keep_everything_and_their_first_scores_stay_unknown() {
        let v2 = r#"{"schema":"cloudhop-progress","version":2,"seed":42,"lessons":{"l":{"opened":true,"items":{"q1":{"attempts":3,"best":100,"last_score":0,"last":{"type":"choices","value":[0]}}},"reflections":{"r":"kept"},"exercises":{"ex":{"attempts":2,"passed":true,"state":"work"}}}}}"#;
        let mut p = Progress::from_json(v2).unwrap();
        assert_eq!(p.seed, 42);
        let ip = p.item("l", "q1").unwrap();
        assert_eq!((ip.attempts, ip.best, ip.first), (3, 100, None));
        assert_eq!(p.lessons["l"].reflections["r"], "kept");
        assert_eq!(
            p.lessons["l"].exercises["ex"].state.as_deref(),
            Some("work")
        );
        let s = p.standing("l", &["q1"], &["ex"], 70);
        assert_eq!((s.score, s.first_score, s.passed), (100, None, true));
        // A later answer is not the first: it stays unknown.
        p.answer("l", &item(), &Answer::Choices(vec![1])).unwrap();
        assert_eq!(p.item("l", "q1").unwrap().first, None);
        let again = p.to_json();
        assert!(again.contains(r#""version":3"#), "{again}");
        assert_eq!(Progress::from_json(&again).unwrap(), p);
    }

    #[test]
    fn a_lesson_passes_only_with_its_exercises_solved() {
        let mut p = Progress::default();
        p.answer("l", &item(), &Answer::Choices(vec![1])).unwrap();
        let s = p.standing("l", &["q1"], &["ex1", "ex2"], 70);
        assert!(s.quiz_passed && !s.passed && s.in_progress());
        assert_eq!(s.status(), "quiz passed, 2 exercises to solve");
        p.exercise("l", "ex1", true, None);
        p.exercise("l", "ex2", true, None);
        let s = p.standing("l", &["q1"], &["ex1", "ex2"], 70);
        assert!(s.passed);
        assert_eq!(s.status(), "");
        // Exercises alone do not pass either.
        let mut q2 = item();
        q2.id = "q2".into();
        p.answer("l", &q2, &Answer::Choices(vec![0])).unwrap();
        let s = p.standing("l", &["q1", "q2"], &["ex1", "ex2"], 70);
        assert!(!s.passed);
        assert_eq!(s.status(), "quiz 50%, below the pass mark");
    }

    #[test]
    fn merge_keeps_the_best_of_both() {
        let mut a = Progress::default();
        a.answer("l", &item(), &Answer::Choices(vec![0])).unwrap();
        let mut b = Progress::default();
        b.answer("l", &item(), &Answer::Choices(vec![1])).unwrap();
        b.answer("l", &item(), &Answer::Choices(vec![0])).unwrap();
        b.exercise("l", "ex", true, None);
        a.merge(&b);
        let ip = a.item("l", "q1").unwrap();
        assert_eq!((ip.attempts, ip.best), (2, 100));
        assert!(a.lessons["l"].exercises["ex"].passed);
    }
}
