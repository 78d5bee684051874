//! The hand-in receipt: what one learner did in a workshop, as a compact code, a file and
//! a QR code.
//!
//! **Code.** `CH1-` then base32 (RFC 4648, upper case, no padding) of four bytes of CRC-32
//! (big-endian) of the receipt's JSON followed by that JSON compressed with raw DEFLATE.
//! The `1` is the format version; a newer one is refused with a reason. Reading ignores
//! case, white space and `-` after the prefix, so a code wrapped by a mail client or typed
//! in lower case still reads. The alphabet (`A-Z`, `2-7`, `-`) is in QR's alphanumeric
//! mode, which keeps the QR code small.
//!
//! **File.** `{"schema": "cloudhop-receipt", "version": 1, "crc32": "<8 hex>", "receipt":
//! {...}}`, the CRC taken over the receipt written compactly.
//!
//! **Tamper-evident, not signed.** The checksum catches a mistyped or damaged code and an
//! edit made without recomputing it. It is not a signature: anyone who can run cloudhop can
//! write a receipt with any content and a right checksum. A report is evidence of what was
//! handed in, not proof of who did the work.
//!
//! **Quiz answers** are recorded per item: best score, attempts, whether the learner gave
//! up, and the last answer. A choice answer holds the options' authored indices (their
//! identity, see [`crate::quiz`]), never their position on the learner's screen.
//!
//! ```
//! use cloudhop_core::progress::Progress;
//! use cloudhop_core::quiz::{Answer, Choice, ItemKind, QuizItem};
//! use cloudhop_core::workshop::{ContentHash, Outline, OutlineLesson, Receipt};
//! let item = QuizItem { id: "q1".into(), prompt: "Pick".into(), explanation: "e".into(),
//!     kind: ItemKind::SingleChoice { options: vec![Choice::new("a", false), Choice::new("b", true)] } };
//! let outline = Outline { id: "w".into(), title: "W".into(), hash: ContentHash(7),
//!     lessons: vec![OutlineLesson { id: "l".into(), title: "L".into(), pass_mark: 70,
//!         items: vec![item.clone()], exercises: vec![], reflections: vec![] }] };
//! let mut p = Progress::default();
//! p.answer("l", &item, &Answer::Choices(vec![0])).unwrap();
//! let r = Receipt::from_progress(&outline, &p, "Ada", 1_700_000_000_000, false).unwrap();
//! let code = r.to_code();
//! assert!(code.starts_with("CH1-"));
//! assert_eq!(Receipt::read(&code).unwrap(), r);
//! assert_eq!(Receipt::read(&r.to_file()).unwrap(), r);
//! assert_eq!(r.items[0].last, Some(Answer::Choices(vec![0])));
//! ```

use super::{codec, ContentHash, Outline};
use crate::progress::{ExerciseProgress, ItemProgress, Progress};
use crate::quiz::Answer;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The receipt format version this build writes and reads.
pub const RECEIPT_VERSION: u32 = 1;
/// What every receipt code starts with (then the version and `-`).
pub const CODE_PREFIX: &str = "CH";
/// The `schema` of a receipt file.
pub const FILE_SCHEMA: &str = "cloudhop-receipt";
/// The longest learner name, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// The largest receipt a code or file may unpack to, in bytes.
const MAX_JSON_BYTES: usize = 1 << 20;

/// One learner's hand-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The name the learner chose (trimmed, 1 to [`MAX_NAME_CHARS`] characters).
    pub learner: String,
    /// The workshop id.
    pub workshop: String,
    /// The workshop's [`crate::workshop::Workshop::content_hash`] when the learner took it.
    pub hash: ContentHash,
    /// When it was handed in, in milliseconds since 1970 (the app passes `Date.now()`).
    pub handed_in_ms: u64,
    /// Quiz items the learner answered or gave up on, in workshop order.
    #[serde(default)]
    pub items: Vec<ItemResult>,
    /// Exercises the learner checked at least once, in workshop order.
    #[serde(default)]
    pub exercises: Vec<ExerciseResult>,
    /// Reflection answers, when the learner chose to include them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reflections: Vec<ReflectionAnswer>,
}

/// The result on one quiz item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    /// Lesson id.
    pub lesson: String,
    /// Item id.
    pub item: String,
    /// Answers submitted.
    pub attempts: u32,
    /// Best score, `0..=100`.
    pub best: u8,
    /// The first answer's score (the workshop's record keeps it from the first answer on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<u8>,
    /// Whether the learner gave up (the solution was shown).
    #[serde(default)]
    pub gave_up: bool,
    /// The last answer: for a choice item, the authored indices of the options ticked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Answer>,
}

/// The verdict on one exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseResult {
    /// Lesson id.
    pub lesson: String,
    /// Exercise id.
    pub exercise: String,
    /// Checks requested.
    pub attempts: u32,
    /// The goal was met.
    pub passed: bool,
}

/// One reflection answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReflectionAnswer {
    /// Lesson id.
    pub lesson: String,
    /// Question id.
    pub question: String,
    /// The learner's text (shown as text, never as HTML).
    pub text: String,
}

/// Why a receipt could not be made or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptError {
    /// The learner name is empty, too long or has control characters.
    BadName(String),
    /// The text is neither a receipt code nor a receipt file.
    NotAReceipt,
    /// Written by a newer cloudhop.
    NewerVersion(u32),
    /// The checksum does not match: mistyped, cut short or edited.
    BadChecksum,
    /// The content does not read, with why.
    Damaged(String),
    /// The content breaks a rule (score over 100...).
    Invalid(String),
    /// Too much to fit in one QR code (long reflections): use the code or the file.
    TooLargeForQr,
}

impl fmt::Display for ReceiptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReceiptError::BadName(why) => write!(f, "{why}"),
            ReceiptError::NotAReceipt => write!(
                f,
                "this is not a cloudhop receipt (a code starts with `CH1-`, a file with {{\"schema\": \"{FILE_SCHEMA}\"…)"
            ),
            ReceiptError::NewerVersion(v) => write!(
                f,
                "this receipt was made by a newer cloudhop (version {v}; this one reads up to {RECEIPT_VERSION})"
            ),
            ReceiptError::BadChecksum => write!(
                f,
                "the receipt's checksum does not match: it was mistyped, cut short or edited"
            ),
            ReceiptError::Damaged(why) => write!(f, "the receipt is damaged: {why}"),
            ReceiptError::Invalid(why) => write!(f, "the receipt is not valid: {why}"),
            ReceiptError::TooLargeForQr => write!(
                f,
                "this receipt is too large for one QR code; hand in the code or the file"
            ),
        }
    }
}

impl std::error::Error for ReceiptError {}

/// A QR code as modules (dark or light squares), row by row; the app draws it (SVG).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side (without the quiet zone, which the drawing adds: 4 modules).
    pub width: usize,
    /// `width * width` modules, row by row; `true` is dark.
    pub modules: Vec<bool>,
}

impl QrMatrix {
    /// Whether the module at column `x`, row `y` is dark (`false` outside).
    pub fn dark(&self, x: usize, y: usize) -> bool {
        x < self.width
            && self
                .modules
                .get(y * self.width + x)
                .copied()
                .unwrap_or(false)
    }
}

/// A learner name as kept: trimmed and checked.
fn checked_name(name: &str) -> Result<String, ReceiptError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ReceiptError::BadName(
            "type the name your instructor will see first".into(),
        ));
    }
    let n = name.chars().count();
    if n > MAX_NAME_CHARS {
        return Err(ReceiptError::BadName(format!(
            "the name is {n} characters long; the limit is {MAX_NAME_CHARS}"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(ReceiptError::BadName(
            "the name has a control character (a tab or line break)".into(),
        ));
    }
    Ok(name.to_string())
}

impl Receipt {
    /// The receipt for a learner's workshop `progress` (their record under
    /// [`super::progress_key`]): every item and exercise of `outline` they touched, and, if
    /// `with_reflections`, their reflection answers.
    pub fn from_progress(
        outline: &Outline,
        progress: &Progress,
        learner: &str,
        handed_in_ms: u64,
        with_reflections: bool,
    ) -> Result<Receipt, ReceiptError> {
        let learner = checked_name(learner)?;
        let mut items = Vec::new();
        let mut exercises = Vec::new();
        let mut reflections = Vec::new();
        for l in &outline.lessons {
            let Some(lp) = progress.lessons.get(&l.id) else {
                continue;
            };
            for q in &l.items {
                if let Some(ip) = lp
                    .items
                    .get(&q.id)
                    .filter(|ip| ip.attempts > 0 || ip.gave_up)
                {
                    items.push(ItemResult {
                        lesson: l.id.clone(),
                        item: q.id.clone(),
                        attempts: ip.attempts,
                        best: ip.best,
                        first: ip.first,
                        gave_up: ip.gave_up,
                        last: ip.last.clone(),
                    });
                }
            }
            for e in &l.exercises {
                if let Some(ep) = lp.exercises.get(&e.id).filter(|ep| ep.attempts > 0) {
                    exercises.push(ExerciseResult {
                        lesson: l.id.clone(),
                        exercise: e.id.clone(),
                        attempts: ep.attempts,
                        passed: ep.passed,
                    });
                }
            }
            if with_reflections {
                for r in &l.reflections {
                    if let Some(text) = lp.reflections.get(&r.id) {
                        reflections.push(ReflectionAnswer {
                            lesson: l.id.clone(),
                            question: r.id.clone(),
                            text: text.clone(),
                        });
                    }
                }
            }
        }
        Ok(Receipt {
            learner,
            workshop: outline.id.clone(),
            hash: outline.hash,
            handed_in_ms,
            items,
            exercises,
            reflections,
        })
    }

    /// The receipt as a progress record (scores, attempts, verdicts, reflections), so that
    /// standings are computed by the one rule, [`Progress::standing`].
    pub fn to_progress(&self) -> Progress {
        let mut p = Progress::default();
        for i in &self.items {
            p.lessons.entry(i.lesson.clone()).or_default().items.insert(
                i.item.clone(),
                ItemProgress {
                    attempts: i.attempts,
                    best: i.best,
                    first: i.first,
                    last_score: 0,
                    last: i.last.clone(),
                    last_feedback: Vec::new(),
                    gave_up: i.gave_up,
                },
            );
        }
        for e in &self.exercises {
            p.lessons
                .entry(e.lesson.clone())
                .or_default()
                .exercises
                .insert(
                    e.exercise.clone(),
                    ExerciseProgress {
                        attempts: e.attempts,
                        passed: e.passed,
                        state: None,
                    },
                );
        }
        for r in &self.reflections {
            p.lessons
                .entry(r.lesson.clone())
                .or_default()
                .reflections
                .insert(r.question.clone(), r.text.clone());
        }
        p
    }

    fn json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The receipt code, `CH1-…` (see the module docs).
    pub fn to_code(&self) -> String {
        let json = self.json();
        let mut bytes = codec::crc32(json.as_bytes()).to_be_bytes().to_vec();
        bytes.extend(codec::deflate(json.as_bytes()));
        format!("{CODE_PREFIX}{RECEIPT_VERSION}-{}", codec::base32(&bytes))
    }

    /// The receipt file (JSON, readable, checksummed).
    pub fn to_file(&self) -> String {
        let doc = serde_json::json!({
            "schema": FILE_SCHEMA,
            "version": RECEIPT_VERSION,
            "crc32": format!("{:08x}", codec::crc32(self.json().as_bytes())),
            "receipt": self,
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }

    /// A file name for [`Receipt::to_file`]: `receipt-<workshop>-<learner>.json`, the name
    /// reduced to letters, digits and `-`.
    ///
    /// ```
    /// # use cloudhop_core::workshop::{ContentHash, Receipt};
    /// let r = Receipt { learner: "Ada L.".into(), workshop: "w".into(), hash: ContentHash(1),
    ///     handed_in_ms: 0, items: vec![], exercises: vec![], reflections: vec![] };
    /// assert_eq!(r.file_name(), "receipt-w-ada-l.json");
    /// ```
    pub fn file_name(&self) -> String {
        let mut name = String::new();
        for c in self.learner.chars() {
            if c.is_alphanumeric() {
                name.extend(c.to_lowercase());
            } else if !name.ends_with('-') && !name.is_empty() {
                name.push('-');
            }
        }
        let name = name.trim_end_matches('-');
        format!(
            "receipt-{}-{}.json",
            self.workshop,
            if name.is_empty() { "learner" } else { name }
        )
    }

    /// The QR code of [`Receipt::to_code`] (error correction level M: a quarter of a
    /// projected or photographed code may be unreadable).
    pub fn qr(&self) -> Result<QrMatrix, ReceiptError> {
        let code = qrcode::QrCode::with_error_correction_level(
            self.to_code().as_bytes(),
            qrcode::EcLevel::M,
        )
        .map_err(|_| ReceiptError::TooLargeForQr)?;
        Ok(QrMatrix {
            width: code.width(),
            modules: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        })
    }

    /// Read a receipt code or a receipt file (whichever `text` is).
    pub fn read(text: &str) -> Result<Receipt, ReceiptError> {
        let t = text.trim();
        if t.starts_with('{') {
            Self::from_file(t)
        } else {
            Self::from_code(t)
        }
    }

    /// Read a receipt code.
    pub fn from_code(text: &str) -> Result<Receipt, ReceiptError> {
        let t = text.trim();
        let head: String = t.chars().take(CODE_PREFIX.len()).collect();
        if !head.eq_ignore_ascii_case(CODE_PREFIX) {
            return Err(ReceiptError::NotAReceipt);
        }
        let rest = &t[head.len()..];
        let Some((version, body)) = rest.split_once('-') else {
            return Err(ReceiptError::NotAReceipt);
        };
        match version.trim().parse::<u32>() {
            Ok(RECEIPT_VERSION) => {}
            Ok(v) if v > RECEIPT_VERSION => return Err(ReceiptError::NewerVersion(v)),
            _ => return Err(ReceiptError::NotAReceipt),
        }
        let body: String = body
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let bytes = codec::from_base32(&body).ok_or_else(|| {
            ReceiptError::Damaged("it has characters a receipt code does not use".into())
        })?;
        if bytes.len() < 5 {
            return Err(ReceiptError::BadChecksum);
        }
        let (crc, packed) = bytes.split_at(4);
        let json = codec::inflate(packed, MAX_JSON_BYTES).map_err(|_| ReceiptError::BadChecksum)?;
        if codec::crc32(&json).to_be_bytes() != crc {
            return Err(ReceiptError::BadChecksum);
        }
        let receipt: Receipt = serde_json::from_slice(&json)
            .map_err(|e| ReceiptError::Damaged(format!("its content does not read: {e}")))?;
        receipt.checked()
    }

    /// Read a receipt file.
    pub fn from_file(text: &str) -> Result<Receipt, ReceiptError> {
        let doc: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| ReceiptError::Damaged(format!("the file is not JSON: {e}")))?;
        if doc.get("schema").and_then(|s| s.as_str()) != Some(FILE_SCHEMA) {
            return Err(ReceiptError::NotAReceipt);
        }
        match doc.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(RECEIPT_VERSION) => {}
            Some(v) if v > u64::from(RECEIPT_VERSION) => {
                return Err(ReceiptError::NewerVersion(
                    u32::try_from(v).unwrap_or(u32::MAX),
                ))
            }
            _ => return Err(ReceiptError::Damaged("it has no readable version".into())),
        }
        let receipt: Receipt = serde_json::from_value(doc["receipt"].clone())
            .map_err(|e| ReceiptError::Damaged(format!("its content does not read: {e}")))?;
        let crc = doc.get("crc32").and_then(|c| c.as_str()).unwrap_or("");
        if crc != format!("{:08x}", codec::crc32(receipt.json().as_bytes())) {
            return Err(ReceiptError::BadChecksum);
        }
        receipt.checked()
    }

    /// Rules a receipt read from outside must keep.
    fn checked(mut self) -> Result<Receipt, ReceiptError> {
        self.learner = checked_name(&self.learner)
            .map_err(|e| ReceiptError::Invalid(format!("the learner name: {e}")))?;
        if let Some(i) = self.items.iter().find(|i| i.best > 100) {
            return Err(ReceiptError::Invalid(format!(
                "item `{}` has a score of {} (over 100)",
                i.item, i.best
            )));
        }
        if let Some(r) = self
            .reflections
            .iter()
            .find(|r| r.text.chars().count() > crate::progress::MAX_REFLECTION_CHARS)
        {
            return Err(ReceiptError::Invalid(format!(
                "the answer to `{}` is over the length limit",
                r.question
            )));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn answer() -> impl Strategy<Value = Option<Answer>> {
        prop_oneof![
            Just(None),
            proptest::collection::vec(0usize..6, 0..4).prop_map(|v| Some(Answer::Choices(v))),
            any::<bool>().prop_map(|b| Some(Answer::Bool(b))),
            "\\PC{0,30}".prop_map(|s| Some(Answer::Text(s))),
        ]
    }

    prop_compose! {
        fn receipt()(
            learner in "[A-Za-z][A-Za-z .'-]{0,20}",
            hash in any::<u64>(),
            ms in any::<u64>(),
            items in proptest::collection::vec(
                ("[a-z]{1,8}", "[a-z0-9-]{1,12}", any::<u32>(), 0u8..=100, any::<bool>(), answer()), 0..20),
            exercises in proptest::collection::vec(("[a-z]{1,8}", "[a-z-]{1,12}", any::<u32>(), any::<bool>()), 0..5),
            reflections in proptest::collection::vec(("[a-z]{1,8}", "[a-z-]{1,8}", "\\PC{1,60}"), 0..3),
        ) -> Receipt {
            Receipt {
                learner: learner.trim().to_string(),
                workshop: "w".into(),
                hash: ContentHash(hash),
                handed_in_ms: ms,
                items: items.into_iter().map(|(lesson, item, attempts, best, gave_up, last)|
                    ItemResult { lesson, item, attempts, best, first: None, gave_up, last }).collect(),
                exercises: exercises.into_iter().map(|(lesson, exercise, attempts, passed)|
                    ExerciseResult { lesson, exercise, attempts, passed }).collect(),
                reflections: reflections.into_iter().map(|(lesson, question, text)|
                    ReflectionAnswer { lesson, question, text }).collect(),
            }
        }
    }

    proptest! {
        #[test]
        fn codes_and_files_round_trip(r in receipt()) {
            prop_assert_eq!(Receipt::read(&r.to_code()).unwrap(), r.clone());
            prop_assert_eq!(Receipt::read(&r.to_file()).unwrap(), r.clone());
            // Lower case, wrapped lines and groups still read.
            let code = r.to_code().to_lowercase();
            let wrapped: String = code.chars().enumerate()
                .flat_map(|(i, c)| if i > 4 && i % 20 == 0 { vec!['\n', ' ', c] } else { vec![c] }).collect();
            prop_assert_eq!(Receipt::read(&wrapped).unwrap(), r);
        }

        #[test]
        fn reading_never_panics(s in "\\PC{0,300}") {
            let _ = Receipt::read(&s);
            let _ = Receipt::read(&format!("CH1-{s}"));
            let _ = Receipt::read(&format!("{{\"schema\":\"cloudhop-receipt\",\"version\":1,{s}"));
        }

        #[test]
        fn a_changed_character_is_caught(r in receipt(), at in any::<prop::sample::Index>(), by in 1u8..31) {
            let code = r.to_code();
            let body = &code[4..];
            let i = at.index(body.len());
            const B32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            let old = B32.iter().position(|&c| c == body.as_bytes()[i]).unwrap();
            let new = B32[(old + by as usize) % 32] as char;
            let mut changed = code.clone();
            changed.replace_range(4 + i..5 + i, &new.to_string());
            // Either refused, or (a change only in the last character's unused bits) the same.
            if let Ok(back) = Receipt::read(&changed) {
                prop_assert_eq!(back, r);
            }
        }
    }

    fn sample() -> Receipt {
        Receipt {
            learner: "Ada".into(),
            workshop: "w".into(),
            hash: ContentHash(1),
            handed_in_ms: 5,
            items: vec![ItemResult {
                lesson: "l".into(),
                item: "q".into(),
                attempts: 1,
                best: 100,
                first: Some(100),
                gave_up: false,
                last: Some(Answer::Choices(vec![1])),
            }],
            exercises: vec![],
            reflections: vec![],
        }
    }

    #[test]
    fn refusals_say_why() {
        let r = sample();
        let code = r.to_code();
        let cases = [
            ("hello".to_string(), "not a cloudhop receipt"),
            (
                code.replacen("CH1-", "CH2-", 1),
                "newer cloudhop (version 2",
            ),
            (code[..code.len() - 6].to_string(), "checksum"),
            (format!("{code}1"), "characters"),
            (
                r.to_file().replace("\"Ada\"", "\"Eve\""),
                "checksum does not match",
            ),
            (
                r.to_file().replace("\"version\": 1", "\"version\": 3"),
                "newer",
            ),
        ];
        for (text, want) in cases {
            let e = Receipt::read(&text).unwrap_err().to_string();
            assert!(e.contains(want), "{text}: {e}");
        }
        let mut bad = sample();
        bad.items[0].best = 150;
        assert!(Receipt::read(&bad.to_code())
            .unwrap_err()
            .to_string()
            .contains("over 100"));
        bad = sample();
        bad.learner = " ".into();
        assert!(Receipt::read(&bad.to_code()).is_err());
    }

    #[test]
    fn qr_holds_the_code() {
        let q = sample().qr().unwrap();
        assert!(q.width >= 21);
        assert_eq!(q.modules.len(), q.width * q.width);
        // Finder pattern: the top-left corner is dark.
        assert!(q.dark(0, 0) && !q.dark(q.width, 0));
        let mut huge = sample();
        huge.reflections.push(ReflectionAnswer {
            lesson: "l".into(),
            question: "r".into(),
            text: (0..3000u64)
                .map(|i| format!("{:x}", i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40))
                .collect(),
        });
        assert_eq!(huge.qr(), Err(ReceiptError::TooLargeForQr));
    }

    #[test]
    fn names_are_checked() {
        let o = Outline {
            id: "w".into(),
            title: "W".into(),
            hash: ContentHash(1),
            lessons: vec![],
        };
        let p = Progress::default();
        assert!(Receipt::from_progress(&o, &p, "  ", 0, false).is_err());
        assert!(Receipt::from_progress(&o, &p, &"x".repeat(81), 0, false).is_err());
        assert!(Receipt::from_progress(&o, &p, "a\tb", 0, false).is_err());
        assert_eq!(
            Receipt::from_progress(&o, &p, "  Ada ", 0, false)
                .unwrap()
                .learner,
            "Ada"
        );
    }
}
