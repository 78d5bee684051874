//! The progress record packed into `suspend_data` and read back.
//!
//! SCORM 1.2 gives a SCO 4,096 characters of `suspend_data` for everything it keeps; the
//! course has 12 lessons, 73 quiz items, 27 exercises and reflections. JSON of the record
//! is far too long, so the record is packed against the course's shape ([`LessonShape`]:
//! the ids in order), in bytes, then as base64url text behind a tag:
//!
//! - `C1.` + base64url(bytes), or `C1z` + base64url(DEFLATE(bytes)) when that is shorter.
//! - bytes: the learner's seed (4 bytes, little-endian), then sections, each
//!   `tag (1) · lesson fingerprint (2) · length (varint) · body`. Tag 1 is a lesson's items
//!   and exercises in the shape's order, tag 2 one reflection. Unknown tags are skipped.
//!   A section whose fingerprint (of the lesson's ids and item kinds) matches no lesson of
//!   the course as it is now is dropped (the lesson changed), the others are kept.
//! - An item: flags, then attempts (varint), best, first (if known), last score, and the
//!   last answer (option bitmask, true/false in the flags, or up to
//!   [`MAX_TEXT_ANSWER_BYTES`] of typed text). Feedback is not stored: it is the marking of
//!   the last answer, computed again when the record is read.
//! - An exercise: `attempts · 2 + passed` (varint); the lab's own saved work (a plan, a
//!   scenario) is not packed: it stays in the browser's storage (see [`resume`]).
//!
//! What is left out, and said so in [`Packed`]: reflection text that does not fit in what
//! remains after everything else (reflections are taken whole, in course order, while they
//! fit), typed answers over [`MAX_TEXT_ANSWER_BYTES`] (the score is kept, the text is
//! not), and every exercise's saved work.
//!
//! ```
//! use cloudhop_core::progress::Progress;
//! use cloudhop_core::quiz::{Answer, ItemKind, QuizItem};
//! use cloudhop_core::scorm::suspend::{pack, unpack, LessonShape};
//! let items = vec![QuizItem { id: "tf".into(), prompt: "p".into(), explanation: "e".into(),
//!     kind: ItemKind::TrueFalse { answer: true, if_true: None, if_false: None } }];
//! let shape = vec![LessonShape { id: "l1", items: &items, exercises: vec!["ex"], reflections: vec!["r"] }];
//! let mut p = Progress::with_seed(42);
//! p.answer("l1", &items[0], &Answer::Bool(true)).unwrap();
//! p.exercise("l1", "ex", true, Some("{\"plan\":1}".into()));
//! p.reflect("l1", "r", "Keep DNS in one place.").unwrap();
//! let packed = pack(&p, &shape, 4096).unwrap();
//! assert!(packed.text.len() < 60 && packed.reflections_left_out.is_empty());
//! let back = unpack(&packed.text, &shape).unwrap();
//! assert_eq!(back.progress.lessons["l1"].items, p.lessons["l1"].items);
//! assert!(back.progress.lessons["l1"].exercises["ex"].passed);
//! assert_eq!(back.progress.lessons["l1"].reflections["r"], "Keep DNS in one place.");
//! ```

use crate::progress::{ExerciseProgress, ItemProgress, LessonProgress, Progress};
use crate::quiz::{Answer, ItemKind, QuizItem};
use crate::workshop::codec::{base64url, deflate, from_base64url, inflate};
use std::fmt;

/// The longest typed answer kept, in bytes of UTF-8 (short answers are an address, a
/// number, a word: `35.199.192.0/19` is 15).
pub const MAX_TEXT_ANSWER_BYTES: usize = 48;
/// The longest `suspend_data` read (SCORM 2004's limit): longer text is refused unread.
pub const MAX_READ_CHARS: usize = 64_000;
/// The most bytes the packed record may unpack to.
const MAX_UNPACKED: usize = 256 * 1024;

const TAG_LESSON: u8 = 1;
const TAG_REFLECTION: u8 = 2;

/// One lesson as the packing sees it: its id and, in order, its quiz items, exercise ids
/// and reflection ids. The app and the tests build it from the course (or a workshop).
#[derive(Debug, Clone, PartialEq)]
pub struct LessonShape<'a> {
    /// The lesson id.
    pub id: &'a str,
    /// The quiz items, in order.
    pub items: &'a [QuizItem],
    /// The exercise ids, in order.
    pub exercises: Vec<&'a str>,
    /// The reflection ids, in order.
    pub reflections: Vec<&'a str>,
}

impl LessonShape<'_> {
    /// A fingerprint of the lesson's ids and item kinds: a packed lesson is read only into
    /// a lesson of the same shape.
    pub fn fingerprint(&self) -> u16 {
        let mut text = format!("{}\n", self.id);
        for item in self.items {
            let (kind, n) = match &item.kind {
                ItemKind::SingleChoice { options } => ('s', options.len()),
                ItemKind::MultipleChoice { options } => ('m', options.len()),
                ItemKind::TrueFalse { .. } => ('t', 0),
                ItemKind::ShortAnswer { .. } => ('a', 0),
            };
            text.push_str(&format!("{}:{kind}{n}\n", item.id));
        }
        text.push_str(&format!(
            "{}\n{}",
            self.exercises.join(","),
            self.reflections.join(",")
        ));
        let h = crate::quiz::shuffle::fnv1a(text.as_bytes());
        (h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48)) as u16
    }
}

/// A packed record and what did not go into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    /// The `suspend_data` text.
    pub text: String,
    /// Reflections kept only in this browser, as `(lesson id, reflection id)`: no room left.
    pub reflections_left_out: Vec<(String, String)>,
    /// Items whose typed answer was too long to keep (their scores are kept).
    pub answers_left_out: usize,
    /// How long the text would be without compression (a bound that holds whatever the
    /// data: compression only ever shortens it).
    pub raw_chars: usize,
}

/// Why a record could not be packed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooBig {
    /// Characters needed without reflections.
    pub chars: usize,
    /// The limit.
    pub limit: usize,
}

impl fmt::Display for TooBig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the progress record needs {} characters, more than the LMS's {}",
            self.chars, self.limit
        )
    }
}

/// Pack `progress` for lessons `shape` into at most `limit` characters.
pub fn pack(progress: &Progress, shape: &[LessonShape], limit: usize) -> Result<Packed, TooBig> {
    let mut bytes = progress.seed.to_le_bytes().to_vec();
    let mut answers_left_out = 0;
    for lesson in shape {
        let Some(lp) = progress.lessons.get(lesson.id) else {
            continue;
        };
        let body = lesson_body(lesson, lp, &mut answers_left_out);
        section(&mut bytes, TAG_LESSON, lesson.fingerprint(), &body);
    }
    let mut text = to_text(&bytes);
    if text.len() > limit {
        return Err(TooBig {
            chars: text.len(),
            limit,
        });
    }
    let mut reflections_left_out = Vec::new();
    for lesson in shape {
        let Some(lp) = progress.lessons.get(lesson.id) else {
            continue;
        };
        for (i, rid) in lesson.reflections.iter().enumerate() {
            let Some(answer) = lp.reflections.get(*rid) else {
                continue;
            };
            let mut body = Vec::new();
            varint(&mut body, i as u64);
            body.extend_from_slice(answer.as_bytes());
            let mut more = bytes.clone();
            section(&mut more, TAG_REFLECTION, lesson.fingerprint(), &body);
            let candidate = to_text(&more);
            if candidate.len() <= limit {
                bytes = more;
                text = candidate;
            } else {
                reflections_left_out.push((lesson.id.to_string(), rid.to_string()));
            }
        }
    }
    Ok(Packed {
        raw_chars: 3 + base64url(&bytes).len(),
        text,
        reflections_left_out,
        answers_left_out,
    })
}

fn to_text(bytes: &[u8]) -> String {
    let raw = base64url(bytes);
    let packed = base64url(&deflate(bytes));
    if packed.len() < raw.len() {
        format!("C1z{packed}")
    } else {
        format!("C1.{raw}")
    }
}

fn section(out: &mut Vec<u8>, tag: u8, fingerprint: u16, body: &[u8]) {
    out.push(tag);
    out.extend_from_slice(&fingerprint.to_le_bytes());
    varint(out, body.len() as u64);
    out.extend_from_slice(body);
}

const F_PRESENT: u8 = 1;
const F_GAVE_UP: u8 = 2;
const F_FIRST: u8 = 4;
const F_LAST: u8 = 8;
const F_BOOL_TRUE: u8 = 16;

fn lesson_body(shape: &LessonShape, lp: &LessonProgress, left_out: &mut usize) -> Vec<u8> {
    let mut b = vec![u8::from(lp.opened)];
    for item in shape.items {
        let Some(ip) = lp.items.get(&item.id) else {
            b.push(0);
            continue;
        };
        let mut flags = F_PRESENT;
        if ip.gave_up {
            flags |= F_GAVE_UP;
        }
        if ip.first.is_some() {
            flags |= F_FIRST;
        }
        let answer: Option<Vec<u8>> = match (&ip.last, &item.kind) {
            (Some(Answer::Bool(v)), ItemKind::TrueFalse { .. }) => {
                if *v {
                    flags |= F_BOOL_TRUE;
                }
                Some(vec![])
            }
            (
                Some(Answer::Choices(c)),
                ItemKind::SingleChoice { .. } | ItemKind::MultipleChoice { .. },
            ) if c.iter().all(|&i| i < 64) => {
                let mask = c.iter().fold(0u64, |m, &i| m | (1 << i));
                let mut v = vec![];
                varint(&mut v, mask);
                Some(v)
            }
            (Some(Answer::Text(t)), ItemKind::ShortAnswer { .. }) => {
                if t.len() <= MAX_TEXT_ANSWER_BYTES {
                    let mut v = vec![t.len() as u8];
                    v.extend_from_slice(t.as_bytes());
                    Some(v)
                } else {
                    *left_out += 1;
                    None
                }
            }
            _ => None,
        };
        if answer.is_some() {
            flags |= F_LAST;
        }
        b.push(flags);
        varint(&mut b, u64::from(ip.attempts));
        b.push(ip.best.min(100));
        if let Some(f) = ip.first {
            b.push(f.min(100));
        }
        b.push(ip.last_score.min(100));
        if let Some(a) = answer {
            b.extend_from_slice(&a);
        }
    }
    for ex in &shape.exercises {
        let v = lp
            .exercises
            .get(*ex)
            .map_or(0, |e| u64::from(e.attempts) * 2 + u64::from(e.passed));
        varint(&mut b, v);
    }
    b
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Why `suspend_data` could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuspendError {
    /// Longer than [`MAX_READ_CHARS`].
    TooLong(usize),
    /// Not text this build writes (no `C1` tag).
    NotOurs,
    /// The text or its compressed data is damaged.
    Damaged(&'static str),
}

impl fmt::Display for SuspendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SuspendError::TooLong(n) => write!(
                f,
                "the LMS's saved data is {n} characters long, more than {MAX_READ_CHARS}"
            ),
            SuspendError::NotOurs => {
                f.write_str("the LMS's saved data was not written by cloudhop")
            }
            SuspendError::Damaged(why) => write!(f, "the LMS's saved data is damaged ({why})"),
        }
    }
}

/// A record read from `suspend_data`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpacked {
    /// The record (exercises without their saved work; see [`resume`]).
    pub progress: Progress,
    /// Sections for lessons that are not in the course as it is now, or have changed.
    pub sections_dropped: usize,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, SuspendError> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or(SuspendError::Damaged("it ends too early"))?;
        self.at += 1;
        Ok(b)
    }
    fn take(&mut self, n: usize) -> Result<&[u8], SuspendError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(SuspendError::Damaged("it ends too early"))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn varint(&mut self) -> Result<u64, SuspendError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(SuspendError::Damaged("a number is too long"))
    }
    fn score(&mut self) -> Result<u8, SuspendError> {
        Ok(self.byte()?.min(100))
    }
    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

/// Read `suspend_data` for lessons `shape`. Empty text is an empty record.
pub fn unpack(text: &str, shape: &[LessonShape]) -> Result<Unpacked, SuspendError> {
    if text.len() > MAX_READ_CHARS {
        return Err(SuspendError::TooLong(text.len()));
    }
    let bytes = if let Some(raw) = text.strip_prefix("C1.") {
        from_base64url(raw).ok_or(SuspendError::Damaged("not base64url"))?
    } else if let Some(packed) = text.strip_prefix("C1z") {
        let packed = from_base64url(packed).ok_or(SuspendError::Damaged("not base64url"))?;
        inflate(&packed, MAX_UNPACKED).map_err(|_| SuspendError::Damaged("bad compression"))?
    } else {
        return Err(SuspendError::NotOurs);
    };
    let mut r = Reader {
        bytes: &bytes,
        at: 0,
    };
    let seed = r.take(4)?;
    let mut progress =
        Progress::with_seed(u32::from_le_bytes([seed[0], seed[1], seed[2], seed[3]]));
    let mut sections_dropped = 0;
    while !r.done() {
        let tag = r.byte()?;
        let fp = u16::from_le_bytes([r.byte()?, r.byte()?]);
        let len = usize::try_from(r.varint()?).map_err(|_| SuspendError::Damaged("too long"))?;
        let body = r.take(len)?;
        let Some(lesson) = shape.iter().find(|l| l.fingerprint() == fp) else {
            sections_dropped += 1;
            continue;
        };
        let mut b = Reader { bytes: body, at: 0 };
        match tag {
            TAG_LESSON => {
                let lp = read_lesson(&mut b, lesson)?;
                let entry = progress.lessons.entry(lesson.id.to_string()).or_default();
                entry.opened = lp.opened;
                entry.items = lp.items;
                entry.exercises = lp.exercises;
            }
            TAG_REFLECTION => {
                let i = b.varint()?;
                let text = std::str::from_utf8(&body[b.at..])
                    .map_err(|_| SuspendError::Damaged("a reflection is not UTF-8"))?;
                let rid = usize::try_from(i)
                    .ok()
                    .and_then(|i| lesson.reflections.get(i))
                    .ok_or(SuspendError::Damaged("no such reflection"))?;
                if text.chars().count() <= crate::progress::MAX_REFLECTION_CHARS
                    && !text.trim().is_empty()
                {
                    progress
                        .lessons
                        .entry(lesson.id.to_string())
                        .or_default()
                        .reflections
                        .insert(rid.to_string(), text.to_string());
                }
            }
            _ => sections_dropped += 1,
        }
    }
    Ok(Unpacked {
        progress,
        sections_dropped,
    })
}

fn read_lesson(r: &mut Reader, shape: &LessonShape) -> Result<LessonProgress, SuspendError> {
    let mut lp = LessonProgress {
        opened: r.byte()? & 1 == 1,
        ..LessonProgress::default()
    };
    for item in shape.items {
        let flags = r.byte()?;
        if flags & F_PRESENT == 0 {
            continue;
        }
        let attempts = u32::try_from(r.varint()?).unwrap_or(u32::MAX);
        let best = r.score()?;
        let first = if flags & F_FIRST != 0 {
            Some(r.score()?)
        } else {
            None
        };
        let last_score = r.score()?;
        let last = if flags & F_LAST != 0 {
            Some(match &item.kind {
                ItemKind::TrueFalse { .. } => Answer::Bool(flags & F_BOOL_TRUE != 0),
                ItemKind::SingleChoice { .. } | ItemKind::MultipleChoice { .. } => {
                    let mask = r.varint()?;
                    Answer::Choices((0..64).filter(|i| mask & (1 << i) != 0).collect())
                }
                ItemKind::ShortAnswer { .. } => {
                    let n = r.byte()? as usize;
                    let t = std::str::from_utf8(r.take(n)?)
                        .map_err(|_| SuspendError::Damaged("an answer is not UTF-8"))?;
                    Answer::Text(t.to_string())
                }
            })
        } else {
            None
        };
        // The feedback is the marking of the last answer; an answer the item no longer
        // takes (an option gone) is not shown again.
        let marking = last.as_ref().and_then(|a| item.mark(a).ok());
        let (last, last_feedback) = match marking {
            Some(m) => (last, m.feedback),
            None => (None, vec![]),
        };
        lp.items.insert(
            item.id.clone(),
            ItemProgress {
                attempts,
                best,
                first,
                last_score,
                last,
                last_feedback,
                gave_up: flags & F_GAVE_UP != 0,
            },
        );
    }
    for ex in &shape.exercises {
        let v = r.varint()?;
        if v != 0 {
            lp.exercises.insert(
                ex.to_string(),
                ExerciseProgress {
                    attempts: u32::try_from(v / 2).unwrap_or(u32::MAX),
                    passed: v % 2 == 1,
                    state: None,
                },
            );
        }
    }
    Ok(lp)
}

/// The record to work with at a launch: the LMS's (`from_lms`, unpacked) for everything it
/// holds, with what the packing leaves out taken from this browser's copy (`local`) where
/// that has it: each exercise's saved work, and reflections the LMS copy has no room for.
/// Without LMS data the local copy is used as it is.
///
/// ```
/// use cloudhop_core::progress::Progress;
/// use cloudhop_core::scorm::suspend::resume;
/// let mut local = Progress::with_seed(5);
/// local.exercise("l", "ex", false, Some("my plan".into()));
/// local.reflect("l", "r", "long thoughts").unwrap();
/// let mut lms = Progress::with_seed(5);
/// lms.exercise("l", "ex", true, None);
/// let p = resume(&local, Some(lms));
/// let ex = &p.lessons["l"].exercises["ex"];
/// assert!(ex.passed);
/// assert_eq!(ex.state.as_deref(), Some("my plan"));
/// assert_eq!(p.lessons["l"].reflections["r"], "long thoughts");
/// ```
pub fn resume(local: &Progress, from_lms: Option<Progress>) -> Progress {
    let Some(mut p) = from_lms else {
        return local.clone();
    };
    if p.seed == 0 {
        p.seed = local.seed;
    }
    for (lid, llp) in &local.lessons {
        let lp = p.lessons.entry(lid.clone()).or_default();
        for (eid, lex) in &llp.exercises {
            if let Some(ex) = lp.exercises.get_mut(eid) {
                if ex.state.is_none() {
                    ex.state = lex.state.clone();
                }
            }
        }
        for (rid, text) in &llp.reflections {
            lp.reflections
                .entry(rid.clone())
                .or_insert_with(|| text.clone());
        }
    }
    p.lessons.retain(|_, lp| {
        lp.opened || !lp.items.is_empty() || !lp.exercises.is_empty() || !lp.reflections.is_empty()
    });
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::{Choice, Normalizer};

    fn items() -> Vec<QuizItem> {
        let choice = |correct| Choice {
            text: "o".into(),
            correct,
            feedback: Some("because".into()),
            pinned: false,
        };
        vec![
            QuizItem {
                id: "s".into(),
                prompt: "p".into(),
                explanation: "e".into(),
                kind: ItemKind::SingleChoice {
                    options: vec![choice(false), choice(true), choice(false)],
                },
            },
            QuizItem {
                id: "a".into(),
                prompt: "p".into(),
                explanation: "e".into(),
                kind: ItemKind::ShortAnswer {
                    accepted: vec!["10.0.0.0/16".into()],
                    normalizer: Normalizer::default(),
                    units: vec![],
                    known_wrong: vec![],
                },
            },
        ]
    }

    #[test]
    fn round_trip_keeps_items_and_feedback() {
        let items = items();
        let shape = vec![LessonShape {
            id: "l",
            items: &items,
            exercises: vec!["e1", "e2"],
            reflections: vec!["r"],
        }];
        let mut p = Progress::with_seed(9);
        p.open("l");
        p.answer("l", &items[0], &Answer::Choices(vec![0])).unwrap();
        p.answer("l", &items[0], &Answer::Choices(vec![1])).unwrap();
        p.give_up("l", "a");
        p.answer("l", &items[1], &Answer::Text("10.0.0.0/16".into()))
            .unwrap();
        p.exercise("l", "e2", false, None);
        let packed = pack(&p, &shape, 4096).unwrap();
        let back = unpack(&packed.text, &shape).unwrap();
        assert_eq!(back.progress, p);
        assert_eq!(back.sections_dropped, 0);
    }

    #[test]
    fn a_changed_lesson_is_dropped_not_misread() {
        let items = items();
        let old = vec![LessonShape {
            id: "l",
            items: &items,
            exercises: vec![],
            reflections: vec![],
        }];
        let mut p = Progress::with_seed(1);
        p.answer("l", &items[0], &Answer::Choices(vec![1])).unwrap();
        let text = pack(&p, &old, 4096).unwrap().text;
        let new = vec![LessonShape {
            id: "l",
            items: &items[..1],
            exercises: vec![],
            reflections: vec![],
        }];
        let back = unpack(&text, &new).unwrap();
        assert_eq!(back.sections_dropped, 1);
        assert!(back.progress.lessons.is_empty());
    }

    #[test]
    fn long_reflections_and_answers_are_left_out_and_said() {
        let items = items();
        let shape = vec![LessonShape {
            id: "l",
            items: &items,
            exercises: vec![],
            reflections: vec!["r1", "r2"],
        }];
        let mut p = Progress::with_seed(1);
        p.answer("l", &items[1], &Answer::Text("x".repeat(100)))
            .unwrap();
        p.reflect("l", "r1", "short").unwrap();
        // Random-looking text does not compress.
        let mut x = 0x9E37_79B9u32;
        let noise: String = (0..6000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                char::from(b'!' + (x % 90) as u8)
            })
            .collect();
        p.reflect("l", "r2", &noise).unwrap();
        let packed = pack(&p, &shape, 4096).unwrap();
        assert!(packed.text.len() <= 4096);
        assert_eq!(packed.reflections_left_out, vec![("l".into(), "r2".into())]);
        assert_eq!(packed.answers_left_out, 1);
        let back = unpack(&packed.text, &shape).unwrap();
        let lp = &back.progress.lessons["l"];
        assert_eq!(lp.reflections["r1"], "short");
        assert!(!lp.reflections.contains_key("r2"));
        assert_eq!(lp.items["a"].last, None);
        assert_eq!(lp.items["a"].attempts, 1);
    }

    #[test]
    fn refuses_what_it_did_not_write() {
        assert_eq!(unpack("", &[]).unwrap_err(), SuspendError::NotOurs);
        assert_eq!(unpack("{\"x\":1}", &[]).unwrap_err(), SuspendError::NotOurs);
        assert!(matches!(
            unpack("C1.!!", &[]),
            Err(SuspendError::Damaged(_))
        ));
        assert!(matches!(
            unpack("C1.AAA", &[]),
            Err(SuspendError::Damaged(_))
        ));
        assert!(matches!(
            unpack("C1zAAAA", &[]),
            Err(SuspendError::Damaged(_))
        ));
        let long = format!("C1.{}", "A".repeat(MAX_READ_CHARS));
        assert!(matches!(unpack(&long, &[]), Err(SuspendError::TooLong(_))));
    }
}
