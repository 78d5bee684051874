//! Instructor-led workshops: the workshop as data, the link that opens it, the learner's
//! hand-in receipt and the class report built from many receipts. No server is involved:
//! everything travels as text (a URL, a receipt code, a file, a QR code).
//!
//! | module | what it holds |
//! |---|---|
//! | this one | [`Workshop`] (what an instructor wrote), [`ContentHash`], [`Outline`] (what a report is computed against), [`progress_key`] |
//! | [`link`] | the versioned `#/workshop?w=1.…` link and the file used when a link is too long |
//! | [`receipt`] | [`receipt::Receipt`]: code `CH1-…`, JSON file, QR matrix |
//! | [`report`] | [`report::Class`] (receipts accepted so far, kept under [`class_key`]) and [`report::ClassReport`] |
//! | [`sample`] | [`sample::Script`]: what a learner did, as data, made into a receipt; [`sample::synthetic`] classes for tests and benches |
//!
//! The workshop *file* (text an instructor writes) is parsed by `cloudhop-lessons`
//! (`cloudhop_lessons::workshop`), next to the lesson format, which also checks it against
//! the course and resolves it into the lessons, sections and exercises a learner sees. This
//! module holds only what is independent of lesson text.
//!
//! **Progress.** Work done in a workshop is kept in its own [`crate::progress::Progress`]
//! record, stored under [`progress_key`] (one per workshop id), never in the learner's own
//! course record: taking a workshop neither passes nor spoils the learner's course lessons.
//! Lesson, item and exercise ids inside it are the course's; a workshop's extra exercises are
//! recorded under the lesson they are placed in.
//!
//! ```
//! use cloudhop_core::workshop::{progress_key, Segment, Workshop};
//! let w = Workshop {
//!     id: "day-one".into(),
//!     title: "Day one".into(),
//!     pass_mark: 70,
//!     segments: vec![Segment::whole("multicloud-vs-hybrid")],
//! };
//! assert_eq!(progress_key(&w.id), "cloudhop.workshop.day-one");
//! assert_eq!(w.for_learners().content_hash(), w.content_hash());
//! ```

use crate::labs::ExerciseSpec;
use crate::quiz::QuizItem;
use serde::{Deserialize, Serialize};
use std::fmt;

pub(crate) mod codec;
pub mod link;
pub mod receipt;
pub mod report;
pub mod sample;

pub use link::{decode_link, encode_link, workshop_url, LinkError, WorkshopLink};
pub use receipt::{QrMatrix, Receipt, ReceiptError};
pub use report::{Class, ClassReport, Refusal};

/// The pass mark a workshop has when its file gives none, in percent.
pub const DEFAULT_PASS_MARK: u8 = 70;

/// A workshop: an instructor's selection and order of lessons, with extra exercises, pass
/// marks, a time plan and notes. Built by `cloudhop_lessons::workshop::parse` from a
/// workshop file, or read back from a link ([`decode_link`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workshop {
    /// Stable id (lowercase letters, digits, `-`): receipts and workshop progress are keyed
    /// by it.
    pub id: String,
    /// Shown at the top of every workshop page.
    pub title: String,
    /// Default pass mark for every lesson, `0..=100`; a segment may override it.
    pub pass_mark: u8,
    /// The lessons in the order the class takes them.
    pub segments: Vec<Segment>,
}

/// One lesson of a workshop, in its place in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// The course lesson's id.
    pub lesson: String,
    /// The prose sections to show, by the slug of their heading (see
    /// `cloudhop_lessons::model::slug`), in lesson order; empty means every section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
    /// Which quiz items to ask.
    #[serde(default)]
    pub items: ItemChoice,
    /// Pass mark for this lesson in this workshop, overriding [`Workshop::pass_mark`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_mark: Option<u8>,
    /// Planned minutes for this segment (the time plan); `None` means the lesson's own
    /// estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Whether the lesson's own lab exercises are kept (default yes).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub lesson_exercises: bool,
    /// Extra exercises written for this workshop, shown after the lesson's sections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exercises: Vec<WorkshopExercise>,
    /// For the instructor only: dropped from links and learner files
    /// ([`Workshop::for_learners`]).
    #[serde(default, skip_serializing_if = "Notes::is_empty")]
    pub notes: Notes,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Segment {
    /// A whole lesson with the workshop's defaults.
    ///
    /// ```
    /// let s = cloudhop_core::workshop::Segment::whole("failover");
    /// assert!(s.sections.is_empty() && s.lesson_exercises);
    /// ```
    pub fn whole(lesson: impl Into<String>) -> Segment {
        Segment {
            lesson: lesson.into(),
            sections: Vec::new(),
            items: ItemChoice::All,
            pass_mark: None,
            minutes: None,
            lesson_exercises: true,
            exercises: Vec::new(),
            notes: Notes::default(),
        }
    }
}

/// Which of a lesson's quiz items a segment asks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemChoice {
    /// Every item, in lesson order.
    #[default]
    All,
    /// No quiz in this segment.
    None,
    /// These item ids, in lesson order.
    Only(Vec<String>),
}

impl ItemChoice {
    /// Whether item `id` is asked.
    ///
    /// ```
    /// use cloudhop_core::workshop::ItemChoice;
    /// assert!(ItemChoice::All.includes("q1"));
    /// assert!(!ItemChoice::None.includes("q1"));
    /// assert!(ItemChoice::Only(vec!["q1".into()]).includes("q1"));
    /// ```
    pub fn includes(&self, id: &str) -> bool {
        match self {
            ItemChoice::All => true,
            ItemChoice::None => false,
            ItemChoice::Only(ids) => ids.iter().any(|i| i == id),
        }
    }
}

/// A lab exercise written for a workshop: the same parameters as a lesson exercise
/// (an [`ExerciseSpec`], read and validated by the same code), with its own task text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopExercise {
    /// Stable id, unique in the workshop and not used by any course exercise.
    pub id: String,
    /// Title.
    pub title: String,
    /// A hint the learner can reveal.
    pub hint: String,
    /// The task, as lesson markup (paragraphs, lists, inline spans), shown as text.
    pub task: String,
    /// The lab and its parameters.
    pub spec: ExerciseSpec,
}

/// An instructor's notes for one segment. Never shown to learners.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Notes {
    /// How to spend the time (`5 min intro, 10 min lab`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<String>,
    /// Questions to put to the class.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<String>,
    /// Wrong answers to expect, per quiz item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expect: Vec<ExpectedWrong>,
    /// Anything else, one paragraph per entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
}

impl Notes {
    /// No notes at all.
    pub fn is_empty(&self) -> bool {
        self.timing.is_none()
            && self.prompts.is_empty()
            && self.expect.is_empty()
            && self.other.is_empty()
    }
}

/// A wrong answer the instructor expects on one quiz item, and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedWrong {
    /// The quiz item's id in the segment's lesson.
    pub item: String,
    /// The note.
    pub note: String,
}

/// A 64-bit fingerprint of a workshop's learner-visible content, so that receipts made
/// against another version of the workshop are recognised. Not a cryptographic hash.
///
/// Written as 16 lowercase hex digits.
///
/// ```
/// use cloudhop_core::workshop::ContentHash;
/// let h = ContentHash(0xab);
/// assert_eq!(h.to_string(), "00000000000000ab");
/// assert_eq!("00000000000000ab".parse::<ContentHash>(), Ok(h));
/// assert!("xyz".parse::<ContentHash>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub u64);

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl std::str::FromStr for ContentHash {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 16 {
            return Err(format!("a workshop hash has 16 hex digits, not `{s}`"));
        }
        u64::from_str_radix(s, 16)
            .map(ContentHash)
            .map_err(|_| format!("`{s}` is not a workshop hash (16 hex digits)"))
    }
}

impl Serialize for ContentHash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ContentHash {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl Workshop {
    /// The workshop as learners get it: the same, without the instructor's notes (which
    /// hold the wrong answers to expect).
    ///
    /// ```
    /// use cloudhop_core::workshop::{Segment, Workshop};
    /// let mut s = Segment::whole("failover");
    /// s.notes.prompts.push("Who has seen a DNS TTL ignored?".into());
    /// let w = Workshop { id: "w".into(), title: "W".into(), pass_mark: 70, segments: vec![s] };
    /// assert!(w.for_learners().segments[0].notes.is_empty());
    /// ```
    pub fn for_learners(&self) -> Workshop {
        let mut w = self.clone();
        for s in &mut w.segments {
            s.notes = Notes::default();
        }
        w
    }

    /// The fingerprint of what learners see (notes excluded, so editing notes does not
    /// orphan receipts). Receipts carry it; a report refuses receipts with another one.
    pub fn content_hash(&self) -> ContentHash {
        let json = serde_json::to_string(&self.for_learners()).unwrap_or_default();
        ContentHash(crate::quiz::shuffle::fnv1a(json.as_bytes()))
    }

    /// The pass mark of segment `index` (its own, else the workshop's).
    ///
    /// ```
    /// use cloudhop_core::workshop::{Segment, Workshop};
    /// let mut s = Segment::whole("b");
    /// s.pass_mark = Some(90);
    /// let w = Workshop { id: "w".into(), title: "W".into(), pass_mark: 60,
    ///     segments: vec![Segment::whole("a"), s] };
    /// assert_eq!((w.pass_mark_of(0), w.pass_mark_of(1)), (60, 90));
    /// ```
    pub fn pass_mark_of(&self, index: usize) -> u8 {
        self.segments
            .get(index)
            .and_then(|s| s.pass_mark)
            .unwrap_or(self.pass_mark)
    }

    /// The segment for lesson `id`.
    pub fn segment(&self, lesson: &str) -> Option<&Segment> {
        self.segments.iter().find(|s| s.lesson == lesson)
    }
}

/// The key under which the app stores the [`crate::progress::Progress`] of workshop `id`
/// (separate from the course record, `cloudhop.progress`).
pub fn progress_key(workshop_id: &str) -> String {
    format!("cloudhop.workshop.{workshop_id}")
}

/// The key under which the instructor's class report keeps the receipts accepted for
/// workshop `id` ([`report::Class::to_stored`]), so a reload keeps the class.
///
/// ```
/// assert_eq!(cloudhop_core::workshop::class_key("day-one"), "cloudhop.class.day-one");
/// ```
pub fn class_key(workshop_id: &str) -> String {
    format!("cloudhop.class.{workshop_id}")
}

/// A workshop resolved against the course, reduced to what receipts and reports need: per
/// lesson, its title, pass mark, the quiz items asked (with their answer keys), the exercises
/// and the reflection questions. Built by `cloudhop_lessons::workshop::Resolved::outline`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    /// The workshop id.
    pub id: String,
    /// The workshop title.
    pub title: String,
    /// [`Workshop::content_hash`].
    pub hash: ContentHash,
    /// The lessons in workshop order.
    pub lessons: Vec<OutlineLesson>,
}

/// One lesson in an [`Outline`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutlineLesson {
    /// Lesson id.
    pub id: String,
    /// Lesson title.
    pub title: String,
    /// The pass mark in effect in this workshop.
    pub pass_mark: u8,
    /// The quiz items asked, in lesson order.
    pub items: Vec<QuizItem>,
    /// The exercises (the lesson's own, if kept, then the workshop's), as `(id, title)`.
    pub exercises: Vec<OutlineExercise>,
    /// The reflection questions.
    pub reflections: Vec<OutlineReflection>,
}

/// An exercise in an [`OutlineLesson`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineExercise {
    /// Exercise id.
    pub id: String,
    /// Title.
    pub title: String,
}

/// A reflection question in an [`OutlineLesson`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineReflection {
    /// Question id.
    pub id: String,
    /// The question.
    pub prompt: String,
}

impl OutlineLesson {
    /// Ids of the items asked.
    pub fn item_ids(&self) -> Vec<&str> {
        self.items.iter().map(|i| i.id.as_str()).collect()
    }

    /// Ids of the exercises.
    pub fn exercise_ids(&self) -> Vec<&str> {
        self.exercises.iter().map(|e| e.id.as_str()).collect()
    }
}

impl Outline {
    /// The learner's standing in each lesson of the workshop, from their workshop progress.
    ///
    /// ```
    /// use cloudhop_core::workshop::{ContentHash, Outline, OutlineLesson};
    /// let o = Outline { id: "w".into(), title: "W".into(), hash: ContentHash(1),
    ///     lessons: vec![OutlineLesson { id: "l".into(), title: "L".into(), pass_mark: 70,
    ///         items: vec![], exercises: vec![], reflections: vec![] }] };
    /// assert_eq!(o.standings(&Default::default()).len(), 1);
    /// ```
    pub fn standings(
        &self,
        progress: &crate::progress::Progress,
    ) -> Vec<crate::progress::LessonStanding> {
        self.lessons
            .iter()
            .map(|l| progress.standing(&l.id, &l.item_ids(), &l.exercise_ids(), l.pass_mark))
            .collect()
    }

    /// The lesson with this id.
    pub fn lesson(&self, id: &str) -> Option<&OutlineLesson> {
        self.lessons.iter().find(|l| l.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_do_not_change_the_hash_but_content_does() {
        let mut w = Workshop {
            id: "w".into(),
            title: "W".into(),
            pass_mark: 70,
            segments: vec![Segment::whole("a")],
        };
        let h = w.content_hash();
        w.segments[0].notes.other.push("bring coffee".into());
        assert_eq!(w.content_hash(), h);
        w.segments[0].pass_mark = Some(80);
        assert_ne!(w.content_hash(), h);
    }

    #[test]
    fn workshops_round_trip_through_json() {
        let mut s = Segment::whole("a");
        s.items = ItemChoice::Only(vec!["q1".into()]);
        s.lesson_exercises = false;
        s.sections = vec!["intro".into()];
        let w = Workshop {
            id: "w".into(),
            title: "W".into(),
            pass_mark: 70,
            segments: vec![s],
        };
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(serde_json::from_str::<Workshop>(&json).unwrap(), w);
    }
}
