//! Quiz items, learner answers and scoring.
//!
//! A quiz item is one of four kinds:
//!
//! * [`ItemKind::SingleChoice`]: exactly one option is correct.
//! * [`ItemKind::MultipleChoice`]: one or more options are correct; partial credit applies.
//! * [`ItemKind::TrueFalse`]: a claim (often a common misconception) to judge.
//! * [`ItemKind::ShortAnswer`]: free text compared with accepted answers after a
//!   [`Normalizer`] has put both in canonical form.
//!
//! Scores are whole percentages (`0..=100`) so that they are exact, compare cleanly and
//! serialise without rounding surprises.
//!
//! # Partial credit for multiple choice
//!
//! With `k` correct options, each correct option ticked earns `100/k`, each wrong option
//! ticked costs `100/k`, and the result never goes below zero. The percentage is rounded
//! down. Ticking every option therefore scores `100 * (k - w) / k` where `w` is the number of
//! wrong options, which is zero whenever there are at least as many wrong options as right
//! ones: guessing "all of them" does not pay.
//!
//! ```
//! use cloudhop_core::quiz::{Answer, Choice, ItemKind, QuizItem};
//! let item = QuizItem {
//!     id: "reasons".into(),
//!     prompt: "Which are reasons for multi-cloud?".into(),
//!     explanation: "Lock-in and compliance are; free bandwidth is not.".into(),
//!     kind: ItemKind::MultipleChoice {
//!         options: vec![
//!             Choice::new("Avoiding lock-in", true),
//!             Choice::new("Compliance", true),
//!             Choice::new("Free bandwidth between clouds", false),
//!         ],
//!     },
//! };
//! assert_eq!(item.mark(&Answer::Choices(vec![0, 1])).unwrap().score, 100);
//! assert_eq!(item.mark(&Answer::Choices(vec![0])).unwrap().score, 50);
//! assert_eq!(item.mark(&Answer::Choices(vec![0, 2])).unwrap().score, 0);
//! ```
//!
//! # Shown order and recorded answers
//!
//! A learner sees a choice item's options in the order [`QuizItem::shown_order`] computes
//! from their seed and the item id (see [`shuffle`]); an option an author pinned keeps its
//! place. What is recorded never depends on that order: [`Answer::Choices`] holds
//! *authored* indices, the position of each option in the lesson file (and in
//! `cloudhop lessons export`), which is also what the app puts in each input's `value`.
//! The authored index is the option's identity in the same way an item id is the item's:
//! it is the same for every learner whatever they were shown, it is what marking, the
//! feedback per option and "show answer" read, and it stays valid as long as the author
//! does not reorder the options of an item learners have answered (`lessons/README.md`
//! says so, as it does for ids). A key made from the option text would not be more stable:
//! it would change with every corrected typo or fact, which happens far more often than
//! reordering, and it would leave answers recorded before it unreadable.

use serde::{Deserialize, Serialize};
use std::fmt;

pub mod shuffle;

/// One option of a choice item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The option text (inline markup allowed, rendered as text).
    pub text: String,
    /// Whether ticking this option is right.
    pub correct: bool,
    /// Feedback shown when the learner ticks this option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// The option keeps its authored position when the others are shuffled (an author's
    /// `@pin`, for "none of the above").
    #[serde(default, skip_serializing_if = "is_false")]
    pub pinned: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Choice {
    /// An option without feedback.
    ///
    /// ```
    /// let c = cloudhop_core::quiz::Choice::new("IPsec", true);
    /// assert!(c.correct && c.feedback.is_none());
    /// ```
    pub fn new(text: impl Into<String>, correct: bool) -> Self {
        Choice {
            text: text.into(),
            correct,
            feedback: None,
            pinned: false,
        }
    }

    /// The same option, pinned to its authored position.
    ///
    /// ```
    /// let c = cloudhop_core::quiz::Choice::new("None of the above", false).pin();
    /// assert!(c.pinned);
    /// ```
    pub fn pin(mut self) -> Self {
        self.pinned = true;
        self
    }
}

/// How a short answer is put into canonical form before comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Normalizer {
    /// Trim, fold case, collapse inner white space, drop a trailing full stop.
    #[default]
    Text,
    /// Parse as an IPv4 or IPv6 prefix (white space anywhere is ignored) and compare the
    /// canonical form; `10.0.0.0/8`, ` 10.0.0.0 / 8 ` and `10.0.0.0/8.` are the same.
    /// Text that does not parse falls back to [`Normalizer::Text`].
    Cidr,
    /// Parse as a number (`1,000`, `1000.0` and `1e3` are the same); falls back to text.
    Number,
    /// Trim only: case and inner spacing matter.
    Exact,
}

impl Normalizer {
    /// The canonical form of `input` under this normaliser.
    ///
    /// ```
    /// use cloudhop_core::quiz::Normalizer;
    /// assert_eq!(Normalizer::Cidr.normalize(" 10.0.0.0/8 "), Normalizer::Cidr.normalize("10.0.0.0/8"));
    /// assert_eq!(Normalizer::Cidr.normalize("2001:DB8::/32"), "2001:db8::/32");
    /// assert_eq!(Normalizer::Text.normalize("  Route 53   Resolver. "), "route 53 resolver");
    /// assert_eq!(Normalizer::Number.normalize("1,000"), Normalizer::Number.normalize("1000.0"));
    /// ```
    pub fn normalize(self, input: &str) -> String {
        self.read(input, &[])
            .unwrap_or_else(|| normalize_text(input))
    }

    /// `input` in canonical form if it has the form this normaliser expects, after dropping
    /// one of `units` (a word the author allows before or after a number, such as
    /// `tunnels` or `AS`; case is ignored); `None` if it does not have that form (a
    /// [`Normalizer::Number`] answer that is not a number, a [`Normalizer::Cidr`] answer
    /// that is not a prefix). Text and exact answers always have their form.
    ///
    /// ```
    /// use cloudhop_core::quiz::Normalizer;
    /// let units = ["tunnels".to_string(), "tunnel".to_string()];
    /// assert_eq!(Normalizer::Number.read("45 tunnels", &units).as_deref(), Some("45"));
    /// assert_eq!(Normalizer::Number.read("4,096", &[]).as_deref(), Some("4096"));
    /// assert_eq!(Normalizer::Number.read("forty-five", &units), None);
    /// assert_eq!(Normalizer::Cidr.read("10.0.0.0", &[]), None);
    /// ```
    pub fn read(self, input: &str, units: &[String]) -> Option<String> {
        match self {
            Normalizer::Exact => Some(input.trim().to_string()),
            Normalizer::Text => Some(normalize_text(input)),
            Normalizer::Cidr => {
                let compact: String = input
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .trim_end_matches('.')
                    .to_string();
                compact
                    .parse::<ipnet::IpNet>()
                    .ok()
                    .map(|net| net.to_string())
            }
            Normalizer::Number => {
                let bare = without_unit(input.trim().trim_end_matches('.'), units);
                let compact: String = bare
                    .chars()
                    .filter(|c| *c != ',' && *c != '_' && !c.is_whitespace())
                    .collect();
                match compact.parse::<f64>() {
                    Ok(n) if n.is_finite() => Some(format_number(n)),
                    _ => None,
                }
            }
        }
    }

    /// What form an answer must have, for a learner whose answer did not have it, with an
    /// example that is none of the `accepted` answers (so it gives nothing away); `None`
    /// for text and exact answers, which have no form to miss.
    ///
    /// ```
    /// use cloudhop_core::quiz::Normalizer;
    /// assert_eq!(Normalizer::Number.expected_form(&[], &["45".into()]).unwrap(),
    ///     "a number, like 4096");
    /// assert_eq!(Normalizer::Number.expected_form(&["tunnels".into()], &["4096".into()]).unwrap(),
    ///     "a number, like 12 or 12 tunnels");
    /// assert!(Normalizer::Text.expected_form(&[], &[]).is_none());
    /// ```
    pub fn expected_form(self, units: &[String], accepted: &[String]) -> Option<String> {
        let taken = |example: &str| {
            let canon = self.read(example, units);
            accepted.iter().any(|a| self.read(a, units) == canon)
        };
        let pick = |examples: &[&'static str]| {
            examples
                .iter()
                .copied()
                .find(|e| !taken(e))
                .unwrap_or(examples[0])
        };
        match self {
            Normalizer::Text | Normalizer::Exact => None,
            Normalizer::Number => {
                let n = pick(&["4096", "12", "250"]);
                Some(match units.first() {
                    Some(unit) => format!("a number, like {n} or {n} {unit}"),
                    None => format!("a number, like {n}"),
                })
            }
            Normalizer::Cidr => Some(format!(
                "a prefix in CIDR notation, like {}",
                pick(&["192.0.2.0/24", "198.51.100.0/24"])
            )),
        }
    }
}

/// `input` without one of `units` at its start or end (case ignored; the longest unit that
/// fits wins), trimmed. A unit must stand apart from letters: `AS64512` and `45 tunnels`
/// lose theirs, `45 tunnelsx` keeps it.
fn without_unit<'a>(input: &'a str, units: &[String]) -> &'a str {
    let mut sorted: Vec<&str> = units
        .iter()
        .map(|u| u.trim())
        .filter(|u| !u.is_empty())
        .collect();
    sorted.sort_by_key(|u| std::cmp::Reverse(u.len()));
    let mut s = input.trim();
    let lower = s.to_lowercase();
    if lower.len() == s.len() {
        if let Some(u) = sorted.iter().find(|u| {
            let u = u.to_lowercase();
            lower.ends_with(&u)
                && !lower[..lower.len() - u.len()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
        }) {
            s = s[..s.len() - u.len()].trim_end();
        }
        let lower = s.to_lowercase();
        if let Some(u) = sorted.iter().find(|u| {
            let u = u.to_lowercase();
            lower.starts_with(&u)
                && !lower[u.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
        }) {
            s = s[u.len()..].trim_start();
        }
    }
    s
}

fn normalize_text(input: &str) -> String {
    let folded = input.trim().to_lowercase();
    let collapsed = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.trim_end_matches('.').trim_end().to_string()
}

fn format_number(n: f64) -> String {
    if n == n.trunc() && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A known wrong short answer with targeted feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownWrong {
    /// The wrong answer as the learner might type it (normalised before comparison).
    pub answer: String,
    /// Why it is wrong.
    pub feedback: String,
}

/// What kind of item this is, with its answer key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemKind {
    /// Exactly one option is correct.
    SingleChoice {
        /// The options in authored order (a learner sees them in
        /// [`QuizItem::shown_order`]).
        options: Vec<Choice>,
    },
    /// One or more options are correct; see the module docs for partial credit.
    MultipleChoice {
        /// The options in authored order (a learner sees them in
        /// [`QuizItem::shown_order`]).
        options: Vec<Choice>,
    },
    /// A claim to judge true or false.
    TrueFalse {
        /// Whether the claim is true.
        answer: bool,
        /// Feedback for a learner who answers "true".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        if_true: Option<String>,
        /// Feedback for a learner who answers "false".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        if_false: Option<String>,
    },
    /// Free text compared with accepted answers.
    ShortAnswer {
        /// Accepted answers (at least one).
        accepted: Vec<String>,
        /// How answers are normalised before comparison.
        #[serde(default)]
        normalizer: Normalizer,
        /// Words a learner may write before or after a number (`tunnels`, `%`, `AS`),
        /// dropped before comparison; see [`Normalizer::read`].
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        units: Vec<String>,
        /// Wrong answers worth a specific hint.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        known_wrong: Vec<KnownWrong>,
    },
}

impl ItemKind {
    /// The name used in lesson files (`single`, `multiple`, `truefalse`, `short`).
    pub fn keyword(&self) -> &'static str {
        match self {
            ItemKind::SingleChoice { .. } => "single",
            ItemKind::MultipleChoice { .. } => "multiple",
            ItemKind::TrueFalse { .. } => "truefalse",
            ItemKind::ShortAnswer { .. } => "short",
        }
    }
}

/// One quiz item with a stable id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizItem {
    /// Stable id, unique within its lesson; progress is keyed by it.
    pub id: String,
    /// The question (or, for true/false, the claim).
    pub prompt: String,
    /// Shown after the learner submits an answer or gives up, never before.
    pub explanation: String,
    /// The kind and its answer key.
    pub kind: ItemKind,
}

/// A learner's answer to one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// Authored indices of the ticked options (one for single choice): positions in the
    /// item's `options`, never positions on screen (see the module docs).
    Choices(Vec<usize>),
    /// True or false.
    Bool(bool),
    /// Typed text.
    Text(String),
}

/// Why an answer could not be marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkError {
    /// The answer is of a different kind than the item (text for a choice item, ...).
    WrongKind {
        /// The item's kind keyword.
        expected: &'static str,
    },
    /// An option index does not exist.
    NoSuchOption {
        /// The index given.
        index: usize,
        /// How many options the item has.
        count: usize,
    },
    /// Nothing was selected or typed.
    Empty,
    /// A single-choice answer ticked more than one option.
    TooMany,
    /// A short answer not in the form the item expects (not a number, not a prefix): it
    /// is refused, not marked, so a slip of form costs no attempt.
    Form {
        /// The form expected, with an example ([`Normalizer::expected_form`]).
        expected: String,
    },
}

impl fmt::Display for MarkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MarkError::WrongKind { expected } => {
                write!(f, "this answer does not fit a `{expected}` item")
            }
            MarkError::NoSuchOption { index, count } => {
                write!(f, "option {index} does not exist (the item has {count})")
            }
            MarkError::Empty => write!(f, "choose or type an answer first"),
            MarkError::TooMany => write!(f, "choose only one option"),
            MarkError::Form { expected } => write!(f, "expected {expected}"),
        }
    }
}

impl std::error::Error for MarkError {}

/// The result of marking one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marking {
    /// Whole percentage, `0..=100`.
    pub score: u8,
    /// Whether the answer is fully right (`score == 100`).
    pub correct: bool,
    /// Feedback for what the learner chose, in authored option order (may be empty).
    pub feedback: Vec<String>,
}

impl QuizItem {
    /// The options of a choice item as `(authored index, option)` in the order the learner
    /// with `seed` sees them; empty for true/false and short-answer items.
    ///
    /// ```
    /// use cloudhop_core::quiz::{Choice, ItemKind, QuizItem};
    /// let item = QuizItem { id: "which".into(), prompt: "Which?".into(), explanation: "e".into(),
    ///     kind: ItemKind::SingleChoice { options: vec![
    ///         Choice::new("A", true), Choice::new("B", false), Choice::new("C", false),
    ///         Choice::new("None of the above", false).pin()] } };
    /// let shown = item.shown_order(2024);
    /// assert_eq!(shown.len(), 4);
    /// assert_eq!(shown[3].0, 3, "pinned: still last");
    /// assert_eq!(shown, item.shown_order(2024), "the same learner, the same order");
    /// ```
    pub fn shown_order(&self, seed: u32) -> Vec<(usize, &Choice)> {
        match &self.kind {
            ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options } => {
                let pinned: Vec<bool> = options.iter().map(|o| o.pinned).collect();
                shuffle::option_order(seed, &self.id, &pinned)
                    .into_iter()
                    .filter_map(|i| options.get(i).map(|o| (i, o)))
                    .collect()
            }
            ItemKind::TrueFalse { .. } | ItemKind::ShortAnswer { .. } => Vec::new(),
        }
    }

    /// Mark `answer` against this item.
    ///
    /// ```
    /// use cloudhop_core::quiz::{Answer, ItemKind, Normalizer, QuizItem};
    /// let item = QuizItem {
    ///     id: "vpc-range".into(),
    ///     prompt: "Which RFC 1918 block is the largest?".into(),
    ///     explanation: "10.0.0.0/8 holds 16,777,216 addresses.".into(),
    ///     kind: ItemKind::ShortAnswer {
    ///         accepted: vec!["10.0.0.0/8".into()],
    ///         normalizer: Normalizer::Cidr,
    ///         units: vec![],
    ///         known_wrong: vec![],
    ///     },
    /// };
    /// assert!(item.mark(&Answer::Text(" 10.0.0.0/8 ".into())).unwrap().correct);
    /// assert!(!item.mark(&Answer::Text("192.168.0.0/16".into())).unwrap().correct);
    /// ```
    pub fn mark(&self, answer: &Answer) -> Result<Marking, MarkError> {
        match (&self.kind, answer) {
            (ItemKind::SingleChoice { options }, Answer::Choices(ticked)) => {
                check_indices(ticked, options.len())?;
                if ticked.len() > 1 {
                    return Err(MarkError::TooMany);
                }
                let chosen = &options[ticked[0]];
                Ok(Marking::new(
                    if chosen.correct { 100 } else { 0 },
                    chosen.feedback.iter().cloned().collect(),
                ))
            }
            (ItemKind::MultipleChoice { options }, Answer::Choices(ticked)) => {
                check_indices(ticked, options.len())?;
                let mut ticked = ticked.clone();
                crate::order::sort(&mut ticked);
                ticked.dedup();
                let k = options.iter().filter(|o| o.correct).count().max(1) as i64;
                let right = ticked.iter().filter(|&&i| options[i].correct).count() as i64;
                let wrong = ticked.len() as i64 - right;
                let score = ((right - wrong).max(0) * 100 / k) as u8;
                let feedback = ticked
                    .iter()
                    .filter_map(|&i| options[i].feedback.clone())
                    .collect();
                Ok(Marking::new(score, feedback))
            }
            (
                ItemKind::TrueFalse {
                    answer: key,
                    if_true,
                    if_false,
                },
                Answer::Bool(given),
            ) => {
                let fb = if *given { if_true } else { if_false };
                Ok(Marking::new(
                    if given == key { 100 } else { 0 },
                    fb.iter().cloned().collect(),
                ))
            }
            (
                ItemKind::ShortAnswer {
                    accepted,
                    normalizer,
                    units,
                    known_wrong,
                },
                Answer::Text(text),
            ) => {
                if text.trim().is_empty() {
                    return Err(MarkError::Empty);
                }
                // An answer out of form is still compared as text (an author may accept
                // `99.7%` literally), and if it is wrong the learner is told the form.
                let canon = |a: &str| {
                    normalizer
                        .read(a, units)
                        .unwrap_or_else(|| normalize_text(a))
                };
                let read = normalizer.read(text, units);
                let given = read.clone().unwrap_or_else(|| normalize_text(text));
                let right = accepted.iter().any(|a| canon(a) == given);
                let feedback: Vec<String> = if right {
                    vec![]
                } else {
                    known_wrong
                        .iter()
                        .filter(|w| canon(&w.answer) == given)
                        .map(|w| w.feedback.clone())
                        .collect()
                };
                // Out of form, and neither accepted nor a known mistake: refused.
                if !right && feedback.is_empty() && read.is_none() {
                    if let Some(expected) = normalizer.expected_form(units, accepted) {
                        return Err(MarkError::Form { expected });
                    }
                }
                Ok(Marking::new(if right { 100 } else { 0 }, feedback))
            }
            (kind, _) => Err(MarkError::WrongKind {
                expected: kind.keyword(),
            }),
        }
    }

    /// A model answer to show after the learner gives up, as display text.
    ///
    /// ```
    /// use cloudhop_core::quiz::{ItemKind, QuizItem};
    /// let item = QuizItem { id: "q".into(), prompt: "Multi-cloud is always more reliable.".into(),
    ///     explanation: String::new(), kind: ItemKind::TrueFalse { answer: false, if_true: None, if_false: None } };
    /// assert_eq!(item.solution(), "False");
    /// ```
    pub fn solution(&self) -> String {
        match &self.kind {
            ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options } => options
                .iter()
                .filter(|o| o.correct)
                .map(|o| o.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            ItemKind::TrueFalse { answer, .. } => {
                if *answer { "True" } else { "False" }.to_string()
            }
            ItemKind::ShortAnswer { accepted, .. } => accepted.first().cloned().unwrap_or_default(),
        }
    }
}

impl Marking {
    fn new(score: u8, feedback: Vec<String>) -> Self {
        Marking {
            score,
            correct: score == 100,
            feedback,
        }
    }
}

fn check_indices(ticked: &[usize], count: usize) -> Result<(), MarkError> {
    if ticked.is_empty() {
        return Err(MarkError::Empty);
    }
    match ticked.iter().find(|&&i| i >= count) {
        Some(&index) => Err(MarkError::NoSuchOption { index, count }),
        None => Ok(()),
    }
}

/// A lesson's score: the mean of the best score of every item, unanswered items counting 0.
///
/// ```
/// use cloudhop_core::quiz::lesson_score;
/// assert_eq!(lesson_score(&[100, 50, 0, 100]), 63); // 62.5, rounded half up
/// assert_eq!(lesson_score(&[100, 100, 100, 100, 0, 0]), 67); // 4 of 6, not 66
/// assert_eq!(lesson_score(&[]), 0);
/// ```
pub fn lesson_score(best_scores: &[u8]) -> u8 {
    if best_scores.is_empty() {
        return 0;
    }
    let sum: u32 = best_scores.iter().map(|&s| u32::from(s)).sum();
    let n = best_scores.len() as u32;
    // Rounded to the nearest whole percent, halves up: 4 of 6 right is 67%, as people
    // round, not 66%. At most 100, so it fits in a u8.
    ((sum + n / 2) / n) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn multi(correct: &[bool]) -> QuizItem {
        QuizItem {
            id: "m".into(),
            prompt: "p".into(),
            explanation: "e".into(),
            kind: ItemKind::MultipleChoice {
                options: correct
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| Choice {
                        feedback: Some(format!("fb{i}")),
                        ..Choice::new(format!("o{i}"), c)
                    })
                    .collect(),
            },
        }
    }

    fn single() -> QuizItem {
        QuizItem {
            id: "s".into(),
            prompt: "p".into(),
            explanation: "e".into(),
            kind: ItemKind::SingleChoice {
                options: vec![
                    Choice {
                        feedback: Some("not this".into()),
                        ..Choice::new("wrong", false)
                    },
                    Choice::new("right", true),
                ],
            },
        }
    }

    #[test]
    fn single_choice_marks_and_gives_feedback() {
        let item = single();
        let wrong = item.mark(&Answer::Choices(vec![0])).unwrap();
        assert_eq!((wrong.score, wrong.correct), (0, false));
        assert_eq!(wrong.feedback, vec!["not this".to_string()]);
        let right = item.mark(&Answer::Choices(vec![1])).unwrap();
        assert_eq!((right.score, right.correct), (100, true));
        assert_eq!(
            item.mark(&Answer::Choices(vec![0, 1])),
            Err(MarkError::TooMany)
        );
        assert_eq!(item.mark(&Answer::Choices(vec![])), Err(MarkError::Empty));
        assert_eq!(
            item.mark(&Answer::Choices(vec![2])),
            Err(MarkError::NoSuchOption { index: 2, count: 2 })
        );
        assert_eq!(
            item.mark(&Answer::Bool(true)),
            Err(MarkError::WrongKind { expected: "single" })
        );
    }

    #[test]
    fn multiple_choice_partial_credit_rule() {
        // Three correct of five.
        let item = multi(&[true, true, true, false, false]);
        let s = |t: Vec<usize>| item.mark(&Answer::Choices(t)).unwrap().score;
        assert_eq!(s(vec![0, 1, 2]), 100);
        assert_eq!(s(vec![0, 1]), 66); // 2/3 rounded down
        assert_eq!(s(vec![0]), 33);
        assert_eq!(s(vec![0, 1, 2, 3]), 66); // one wrong costs one third
        assert_eq!(s(vec![0, 3]), 0);
        assert_eq!(s(vec![0, 3, 4]), 0); // never below zero
        assert_eq!(s(vec![3]), 0);
        assert_eq!(s(vec![0, 1, 2, 3, 4]), 33); // ticking all does not pay in full
        assert_eq!(s(vec![0, 0, 1, 1, 2]), 100); // duplicates count once
        let m = item.mark(&Answer::Choices(vec![3, 0])).unwrap();
        assert_eq!(m.feedback, vec!["fb0".to_string(), "fb3".to_string()]);
    }

    #[test]
    fn true_false_feedback_follows_the_answer_given() {
        let item = QuizItem {
            id: "tf".into(),
            prompt: "Multi-cloud automatically improves reliability.".into(),
            explanation: "e".into(),
            kind: ItemKind::TrueFalse {
                answer: false,
                if_true: Some("It adds failure points.".into()),
                if_false: None,
            },
        };
        let t = item.mark(&Answer::Bool(true)).unwrap();
        assert_eq!(t.score, 0);
        assert_eq!(t.feedback, vec!["It adds failure points.".to_string()]);
        assert!(item.mark(&Answer::Bool(false)).unwrap().correct);
    }

    #[test]
    fn short_answer_normalisers() {
        let item = QuizItem {
            id: "sa".into(),
            prompt: "p".into(),
            explanation: "e".into(),
            kind: ItemKind::ShortAnswer {
                accepted: vec!["10.0.0.0/8".into()],
                normalizer: Normalizer::Cidr,
                units: vec![],
                known_wrong: vec![KnownWrong {
                    answer: "192.168.0.0/16".into(),
                    feedback: "That is the on-premises range.".into(),
                }],
            },
        };
        for ok in ["10.0.0.0/8", " 10.0.0.0/8 ", "10.0.0.0 / 8", "10.0.0.0/8."] {
            assert!(item.mark(&Answer::Text(ok.into())).unwrap().correct, "{ok}");
        }
        let w = item.mark(&Answer::Text("192.168.0.0/16 ".into())).unwrap();
        assert_eq!(
            w.feedback,
            vec!["That is the on-premises range.".to_string()]
        );
        assert!(
            !item
                .mark(&Answer::Text("10.0.0.0/9".into()))
                .unwrap()
                .correct
        );
        assert_eq!(
            item.mark(&Answer::Text("   ".into())),
            Err(MarkError::Empty)
        );
        assert_eq!(Normalizer::Number.normalize("66"), "66");
        assert_eq!(Normalizer::Number.normalize("66.0"), "66");
        assert_eq!(Normalizer::Number.normalize("1e3"), "1000");
        assert_eq!(Normalizer::Number.normalize("about ten"), "about ten");
        assert_eq!(Normalizer::Exact.normalize(" AbC "), "AbC");
        assert_eq!(
            Normalizer::Cidr.normalize("2001:0DB8:0:0::/32"),
            "2001:db8::/32"
        );
        assert_eq!(Normalizer::Cidr.normalize("Not A Prefix"), "not a prefix");
    }

    fn short(accepted: &[&str], normalizer: Normalizer, units: &[&str]) -> QuizItem {
        QuizItem {
            id: "sa".into(),
            prompt: "p".into(),
            explanation: "e".into(),
            kind: ItemKind::ShortAnswer {
                accepted: accepted.iter().map(|a| a.to_string()).collect(),
                normalizer,
                units: units.iter().map(|u| u.to_string()).collect(),
                known_wrong: vec![],
            },
        }
    }

    #[test]
    fn short_answers_accept_what_a_person_types_for_the_same_answer() {
        let mesh = short(&["45"], Normalizer::Number, &["tunnels", "tunnel", "links"]);
        for ok in [
            "45",
            "45 tunnels",
            "45 Tunnels",
            "45tunnels",
            "45 links",
            "45.",
            " 45.0 ",
        ] {
            let m = mesh.mark(&Answer::Text(ok.into())).unwrap();
            assert!(m.correct, "{ok}");
            assert!(m.feedback.is_empty(), "{ok}");
        }
        let m = mesh.mark(&Answer::Text("44 tunnels".into())).unwrap();
        assert!(!m.correct);
        assert!(m.feedback.is_empty(), "a number, only the wrong one");
        // Out of form: refused (not marked) with the form expected, never the answer.
        for refused in ["forty-five", "45 routers", "tunnels"] {
            let e = mesh.mark(&Answer::Text(refused.into())).unwrap_err();
            assert_eq!(
                e.to_string(),
                "expected a number, like 4096 or 4096 tunnels",
                "{refused}"
            );
        }
        let size = short(&["4096"], Normalizer::Number, &[]);
        for ok in ["4096", "4,096", "4 096", "4_096", "4096.0"] {
            assert!(size.mark(&Answer::Text(ok.into())).unwrap().correct, "{ok}");
        }
        assert_eq!(
            size.mark(&Answer::Text("lots".into())).unwrap_err(),
            MarkError::Form {
                expected: "a number, like 12".into()
            },
            "the example is not the answer"
        );
        let asn = short(&["64512"], Normalizer::Number, &["AS"]);
        for ok in ["AS64512", "as 64512", "64512", "64,512"] {
            assert!(asn.mark(&Answer::Text(ok.into())).unwrap().correct, "{ok}");
        }
        let pct = short(&["99.7"], Normalizer::Number, &["%", "percent"]);
        for ok in ["99.7%", "99.7 %", "99.70 percent", "99.7"] {
            assert!(pct.mark(&Answer::Text(ok.into())).unwrap().correct, "{ok}");
        }
        let cidr = short(&["10.0.0.0/8"], Normalizer::Cidr, &[]);
        assert_eq!(
            cidr.mark(&Answer::Text("10.0.0.0".into()))
                .unwrap_err()
                .to_string(),
            "expected a prefix in CIDR notation, like 192.0.2.0/24"
        );
        // A known mistake out of form is marked, with its feedback.
        let mut known = short(&["45"], Normalizer::Number, &[]);
        if let ItemKind::ShortAnswer { known_wrong, .. } = &mut known.kind {
            known_wrong.push(KnownWrong {
                answer: "n squared".into(),
                feedback: "Each pair needs one tunnel.".into(),
            });
        }
        let m = known.mark(&Answer::Text("N squared".into())).unwrap();
        assert_eq!((m.correct, m.feedback.len()), (false, 1));
        // Text answers have no form to miss: no such message.
        let text = short(&["hybrid"], Normalizer::Text, &[]);
        assert!(text
            .mark(&Answer::Text("multi".into()))
            .unwrap()
            .feedback
            .is_empty());
        // An accepted answer outside the form still counts when the author wrote it.
        let literal = short(&["about 90"], Normalizer::Number, &[]);
        assert!(
            literal
                .mark(&Answer::Text("About 90".into()))
                .unwrap()
                .correct
        );
    }

    #[test]
    fn answers_round_trip_through_json() {
        for a in [
            Answer::Choices(vec![1, 2]),
            Answer::Bool(false),
            Answer::Text("x".into()),
        ] {
            let s = serde_json::to_string(&a).unwrap();
            assert_eq!(serde_json::from_str::<Answer>(&s).unwrap(), a);
        }
    }
}
