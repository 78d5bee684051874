//! Learners as data: what a learner did in a workshop, written out ([`Script`]), turned into
//! the receipt the app would hand in. For tests, demos and benches of the class report
//! (`cloudhop workshop receipts`), never for marking real learners.
//!
//! A script's answers go through the same marking as the app's ([`Progress::answer`]), so a
//! receipt made from a script is the receipt of a learner who answered that way.
//! [`synthetic`] writes `n` varied scripts from a seed: the same seed gives the same class.
//!
//! ```
//! use cloudhop_core::quiz::{Answer, ItemKind, QuizItem};
//! use cloudhop_core::workshop::sample::Script;
//! use cloudhop_core::workshop::{ContentHash, Outline, OutlineLesson};
//! let item = QuizItem { id: "tf".into(), prompt: "Hybrid means two clouds.".into(),
//!     explanation: "On-premises plus cloud.".into(),
//!     kind: ItemKind::TrueFalse { answer: false, if_true: None, if_false: None } };
//! let outline = Outline { id: "w".into(), title: "W".into(), hash: ContentHash(1),
//!     lessons: vec![OutlineLesson { id: "l".into(), title: "L".into(), pass_mark: 70,
//!         items: vec![item], exercises: vec![], reflections: vec![] }] };
//! let script: Script = serde_json::from_str(
//!     r#"{"learner": "Ada", "answers": {"l/tf": {"type": "bool", "value": true}}}"#).unwrap();
//! let receipt = script.receipt(&outline, 0).unwrap();
//! assert_eq!(receipt.items[0].best, 0);
//! assert!(Script { learner: "Bo".into(), answers: [("l/nope".to_string(), Answer::Bool(true).into())].into(),
//!     ..Default::default() }.receipt(&outline, 0).is_err());
//! ```

use super::receipt::Receipt;
use super::Outline;
use crate::progress::Progress;
use crate::quiz::{Answer, ItemKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What one learner did, by `lesson/item`, `lesson/exercise` and `lesson/question` keys.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// The name the learner hands in under.
    pub learner: String,
    /// Answers, each marked as the app marks it; a list answers the item several times
    /// in turn (`[first, ..., last]`).
    #[serde(default)]
    pub answers: BTreeMap<String, Answers>,
    /// Items the learner gave up on (before or after answering).
    #[serde(default)]
    pub gave_up: Vec<String>,
    /// Exercise checks: whether the goal was met.
    #[serde(default)]
    pub exercises: BTreeMap<String, bool>,
    /// Reflection answers.
    #[serde(default)]
    pub reflections: BTreeMap<String, String>,
}

/// One answer or several in turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answers {
    /// One answer.
    One(Answer),
    /// Several, first to last.
    Many(Vec<Answer>),
}

impl From<Answer> for Answers {
    fn from(a: Answer) -> Answers {
        Answers::One(a)
    }
}

impl Answers {
    fn list(&self) -> &[Answer] {
        match self {
            Answers::One(a) => std::slice::from_ref(a),
            Answers::Many(v) => v,
        }
    }
}

fn split_key<'a>(key: &'a str, what: &str) -> Result<(&'a str, &'a str), String> {
    key.split_once('/')
        .ok_or_else(|| format!("`{key}` is not `lesson/{what}`"))
}

impl Script {
    /// The receipt this learner would hand in for `outline` (reflections included), or
    /// what in the script does not fit the workshop.
    pub fn receipt(&self, outline: &Outline, handed_in_ms: u64) -> Result<Receipt, String> {
        let mut p = Progress::default();
        let lesson = |id: &str| {
            outline
                .lesson(id)
                .ok_or_else(|| format!("the workshop has no lesson `{id}`"))
        };
        for (key, answers) in &self.answers {
            let (l, i) = split_key(key, "item")?;
            let item = lesson(l)?
                .items
                .iter()
                .find(|q| q.id == i)
                .ok_or_else(|| format!("lesson `{l}` asks no item `{i}` in this workshop"))?;
            for a in answers.list() {
                p.answer(l, item, a).map_err(|e| format!("`{key}`: {e}"))?;
            }
        }
        for key in &self.gave_up {
            let (l, i) = split_key(key, "item")?;
            if !lesson(l)?.items.iter().any(|q| q.id == i) {
                return Err(format!("lesson `{l}` asks no item `{i}` in this workshop"));
            }
            p.give_up(l, i);
        }
        for (key, passed) in &self.exercises {
            let (l, e) = split_key(key, "exercise")?;
            if !lesson(l)?.exercises.iter().any(|x| x.id == e) {
                return Err(format!(
                    "lesson `{l}` has no exercise `{e}` in this workshop"
                ));
            }
            p.exercise(l, e, *passed, None);
        }
        for (key, text) in &self.reflections {
            let (l, r) = split_key(key, "question")?;
            if !lesson(l)?.reflections.iter().any(|x| x.id == r) {
                return Err(format!("lesson `{l}` has no reflection `{r}`"));
            }
            p.reflect(l, r, text).map_err(|e| format!("`{key}`: {e}"))?;
        }
        Receipt::from_progress(outline, &p, &self.learner, handed_in_ms, true)
            .map_err(|e| e.to_string())
    }
}

/// A small seeded generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `0..bound` (`bound > 0`).
    fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.next()) * bound as u128) >> 64) as usize
    }

    /// True with `percent` in 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Wrong short answers tried in turn until one has the form an item expects.
const WRONG_TEXTS: [&str; 5] = [
    "not sure",
    "4094",
    "10.0.0.0/24",
    "192.0.2.0/30",
    "2001:db8::/64",
];

/// `n` learners (`Learner 001`, ...) for `outline`, from `seed`: each has a skill from 30%
/// to 95% and answers every item right with that chance (else a wrong option, the opposite
/// of a true/false claim, or a wrong word), sometimes after a wrong first try; gives up on
/// one item in twenty; checks every exercise (met with their skill's chance); and writes a
/// sentence for each reflection question.
///
/// ```
/// use cloudhop_core::workshop::sample::synthetic;
/// use cloudhop_core::workshop::{ContentHash, Outline};
/// let o = Outline { id: "w".into(), title: "W".into(), hash: ContentHash(1), lessons: vec![] };
/// let class = synthetic(&o, 3, 7);
/// assert_eq!(class.len(), 3);
/// assert_eq!(class[2].learner, "Learner 003");
/// assert_eq!(class, synthetic(&o, 3, 7));
/// ```
pub fn synthetic(outline: &Outline, n: usize, seed: u64) -> Vec<Script> {
    let mut rng = Rng(seed);
    (1..=n)
        .map(|k| {
            let skill = 30 + rng.below(66);
            let mut s = Script {
                learner: format!("Learner {k:03}"),
                ..Script::default()
            };
            for l in &outline.lessons {
                for q in &l.items {
                    let key = format!("{}/{}", l.id, q.id);
                    if rng.chance(5) {
                        s.gave_up.push(key);
                        continue;
                    }
                    let right = rng.chance(skill);
                    let answer = |right: bool, rng: &mut Rng| match &q.kind {
                        ItemKind::SingleChoice { options }
                        | ItemKind::MultipleChoice { options } => {
                            let want: Vec<usize> = (0..options.len())
                                .filter(|&i| options[i].correct == right)
                                .collect();
                            let picked = if right || want.is_empty() {
                                want
                            } else {
                                vec![want[rng.below(want.len())]]
                            };
                            Answer::Choices(picked)
                        }
                        ItemKind::TrueFalse { answer, .. } => Answer::Bool(*answer == right),
                        ItemKind::ShortAnswer { accepted, .. } => {
                            let right_text = accepted.first().cloned().unwrap_or_default();
                            if right {
                                Answer::Text(right_text)
                            } else {
                                // A wrong answer in the form the item expects.
                                WRONG_TEXTS
                                    .iter()
                                    .map(|t| Answer::Text((*t).to_string()))
                                    .find(|a| q.mark(a).is_ok_and(|m| !m.correct))
                                    .unwrap_or(Answer::Text(right_text))
                            }
                        }
                    };
                    let last = answer(right, &mut rng);
                    let answers = if right && rng.chance(20) {
                        Answers::Many(vec![answer(false, &mut rng), last])
                    } else {
                        Answers::One(last)
                    };
                    s.answers.insert(key, answers);
                }
                for e in &l.exercises {
                    s.exercises
                        .insert(format!("{}/{}", l.id, e.id), rng.chance(skill));
                }
                for r in &l.reflections {
                    s.reflections.insert(
                        format!("{}/{}", l.id, r.id),
                        format!(
                            "Learner {k:03} on {}: the part about {} was {}.",
                            l.title,
                            r.id,
                            ["new to me", "what we do at work", "hard to follow"][rng.below(3)]
                        ),
                    );
                }
            }
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::{Choice, QuizItem};
    use crate::workshop::{Class, Receipt};
    use crate::workshop::{ContentHash, OutlineExercise, OutlineLesson, OutlineReflection};

    fn outline() -> Outline {
        Outline {
            id: "w".into(),
            title: "W".into(),
            hash: ContentHash(3),
            lessons: vec![OutlineLesson {
                id: "a".into(),
                title: "A".into(),
                pass_mark: 70,
                items: vec![
                    QuizItem {
                        id: "pick".into(),
                        prompt: "Pick".into(),
                        explanation: "e".into(),
                        kind: ItemKind::SingleChoice {
                            options: vec![
                                Choice::new("right", true),
                                Choice::new("wrong", false),
                                Choice::new("also wrong", false),
                            ],
                        },
                    },
                    QuizItem {
                        id: "claim".into(),
                        prompt: "Claim".into(),
                        explanation: "e".into(),
                        kind: ItemKind::TrueFalse {
                            answer: true,
                            if_true: None,
                            if_false: None,
                        },
                    },
                ],
                exercises: vec![OutlineExercise {
                    id: "ex".into(),
                    title: "Ex".into(),
                }],
                reflections: vec![OutlineReflection {
                    id: "why".into(),
                    prompt: "Why?".into(),
                }],
            }],
        }
    }

    #[test]
    fn a_script_is_marked_as_the_app_marks() {
        let o = outline();
        let s: Script = serde_json::from_str(
            r#"{"learner": "Ada",
                "answers": {"a/pick": [{"type": "choices", "value": [1]}, {"type": "choices", "value": [0]}],
                            "a/claim": {"type": "bool", "value": false}},
                "exercises": {"a/ex": true},
                "reflections": {"a/why": "<b>because</b>"}}"#,
        )
        .unwrap();
        let r = s.receipt(&o, 5).unwrap();
        let pick = r.items.iter().find(|i| i.item == "pick").unwrap();
        assert_eq!((pick.attempts, pick.best, pick.first), (2, 100, Some(0)));
        let claim = r.items.iter().find(|i| i.item == "claim").unwrap();
        assert_eq!(claim.best, 0);
        assert!(r.exercises[0].passed);
        assert_eq!(r.reflections[0].text, "<b>because</b>");
        // Round trip through the code, as pasted.
        assert_eq!(Receipt::read(&r.to_code()).unwrap(), r);
    }

    #[test]
    fn scripts_that_do_not_fit_say_why() {
        let o = outline();
        let bad = |json: &str| {
            serde_json::from_str::<Script>(json)
                .unwrap()
                .receipt(&o, 0)
                .unwrap_err()
        };
        assert!(
            bad(r#"{"learner": "A", "answers": {"x/pick": {"type": "bool", "value": true}}}"#)
                .contains("no lesson `x`")
        );
        assert!(
            bad(r#"{"learner": "A", "answers": {"a/pick": {"type": "bool", "value": true}}}"#)
                .contains("a/pick")
        );
        assert!(bad(r#"{"learner": "A", "exercises": {"a/none": true}}"#).contains("no exercise"));
        assert!(bad(r#"{"learner": "A", "gave_up": ["nokey"]}"#).contains("lesson/item"));
        assert!(bad(r#"{"learner": " "}"#).contains("name"));
        assert!(serde_json::from_str::<Script>(r#"{"learner": "A", "typo": 1}"#).is_err());
    }

    #[test]
    fn a_synthetic_class_is_varied_and_every_receipt_is_accepted() {
        let o = outline();
        let scripts = synthetic(&o, 200, 42);
        assert_eq!(scripts, synthetic(&o, 200, 42));
        assert_ne!(scripts, synthetic(&o, 200, 43));
        let mut class = Class::new(o.clone());
        let codes: Vec<String> = scripts
            .iter()
            .map(|s| s.receipt(&o, 1).unwrap().to_code())
            .collect();
        let results = class.add_pasted(&codes.join("\n"));
        assert!(results.iter().all(Result::is_ok));
        let report = class.report();
        assert_eq!(report.roster.len(), 200);
        // Neither everyone nor no one passes; both wrong options get chosen.
        let rate = report.lessons[0].pass_rate;
        assert!((10..90).contains(&rate), "{rate}");
        let pick = report.missed.iter().find(|m| m.item == "pick").unwrap();
        assert_eq!(pick.wrong.len(), 2, "{pick:?}");
        assert!(report.missed.iter().any(|m| m.gave_up > 0));
        assert_eq!(report.reflections[0].answers.len(), 200);
    }
}
