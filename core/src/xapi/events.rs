//! Learning events, computed as the difference between the progress record before and
//! after a change, and the statements that report them.
//!
//! The rules are [`Progress::standing`]'s: a lesson is *completed* when every quiz item
//! is answered and every exercise solved (nothing is left but raising the score), *passed*
//! when its standing first becomes passed (quiz at the pass mark and exercises solved),
//! and *failed* when it is completed with the quiz below the pass mark. An answer is one
//! more attempt on an item; an exercise attempt is one more check.

use super::launch::LaunchParams;
use super::statement::{
    en, Activity, ActivityDefinition, Context, ContextActivities, InteractionComponent, Score,
    Statement, StatementResult, Verb,
};
use super::uuid::{Uuid, NAMESPACE_URL};
use crate::progress::{LessonStanding, Progress};
use crate::quiz::{Answer, ItemKind, QuizItem};

/// The longest text response sent, in characters (longer answers are cut, marked `…`).
pub const MAX_RESPONSE_CHARS: usize = 1_000;

/// The ADL verbs cloudhop uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbId {
    /// The course was launched from the LMS.
    Launched,
    /// A quiz item was answered.
    Answered,
    /// A lesson was passed.
    Passed,
    /// A lesson was completed below the pass mark.
    Failed,
    /// A lesson was completed.
    Completed,
    /// An exercise was checked.
    Attempted,
}

impl VerbId {
    /// The verb's name, the last part of its IRI.
    pub fn name(self) -> &'static str {
        match self {
            VerbId::Launched => "launched",
            VerbId::Answered => "answered",
            VerbId::Passed => "passed",
            VerbId::Failed => "failed",
            VerbId::Completed => "completed",
            VerbId::Attempted => "attempted",
        }
    }

    /// The ADL IRI.
    ///
    /// ```
    /// use cloudhop_core::xapi::VerbId;
    /// assert_eq!(VerbId::Passed.iri(), "http://adlnet.gov/expapi/verbs/passed");
    /// ```
    pub fn iri(self) -> String {
        format!("http://adlnet.gov/expapi/verbs/{}", self.name())
    }

    /// The verb as a statement has it.
    pub fn verb(self) -> Verb {
        Verb {
            id: self.iri(),
            display: en(self.name()),
        }
    }
}

/// What the events need to know about one lesson of the course.
#[derive(Debug, Clone)]
pub struct LessonOutline<'a> {
    /// Lesson id.
    pub id: &'a str,
    /// Lesson title.
    pub title: &'a str,
    /// Pass mark, percent.
    pub pass_mark: u8,
    /// Quiz items, in order.
    pub items: &'a [QuizItem],
    /// Exercises in the lesson: id and title.
    pub exercises: Vec<(&'a str, &'a str)>,
}

impl LessonOutline<'_> {
    fn standing(&self, p: &Progress) -> LessonStanding {
        let items: Vec<&str> = self.items.iter().map(|q| q.id.as_str()).collect();
        let exercises: Vec<&str> = self.exercises.iter().map(|(id, _)| *id).collect();
        p.standing(self.id, &items, &exercises, self.pass_mark)
    }
}

/// One thing the learner did that is reported.
#[derive(Debug, Clone, PartialEq)]
pub enum LearningEvent {
    /// The course was launched; `session` tells launches apart.
    Launched {
        /// A per-launch id chosen by the app.
        session: String,
    },
    /// An item was answered: its `attempt`-th answer.
    Answered {
        /// Lesson id.
        lesson: String,
        /// Item id.
        item: String,
        /// Which answer (1 for the first).
        attempt: u32,
        /// Its score, percent.
        score: u8,
        /// The answer, in xAPI response form.
        response: String,
    },
    /// An exercise was checked: its `attempt`-th check.
    Attempted {
        /// Lesson id.
        lesson: String,
        /// Exercise id.
        exercise: String,
        /// Which check.
        attempt: u32,
        /// Whether its goal is met.
        passed: bool,
    },
    /// A lesson was completed.
    Completed {
        /// Lesson id.
        lesson: String,
        /// The lesson's score, percent.
        score: u8,
    },
    /// A lesson was passed.
    Passed {
        /// Lesson id.
        lesson: String,
        /// The lesson's score.
        score: u8,
    },
    /// A lesson was completed below the pass mark.
    Failed {
        /// Lesson id.
        lesson: String,
        /// The lesson's score.
        score: u8,
    },
}

impl LearningEvent {
    /// The verb.
    pub fn verb(&self) -> VerbId {
        match self {
            LearningEvent::Launched { .. } => VerbId::Launched,
            LearningEvent::Answered { .. } => VerbId::Answered,
            LearningEvent::Attempted { .. } => VerbId::Attempted,
            LearningEvent::Completed { .. } => VerbId::Completed,
            LearningEvent::Passed { .. } => VerbId::Passed,
            LearningEvent::Failed { .. } => VerbId::Failed,
        }
    }

    /// A text naming the event once per learner and registration: the statement id's name
    /// (with the registration and the learner's [`crate::xapi::Agent::ifi`] before it).
    pub fn key(&self) -> String {
        match self {
            LearningEvent::Launched { session } => format!("launched/{session}"),
            LearningEvent::Answered {
                lesson,
                item,
                attempt,
                ..
            } => format!("answered/{lesson}/{item}/{attempt}"),
            LearningEvent::Attempted {
                lesson,
                exercise,
                attempt,
                ..
            } => format!("attempted/{lesson}/{exercise}/{attempt}"),
            LearningEvent::Completed { lesson, .. } => format!("completed/{lesson}"),
            LearningEvent::Passed { lesson, .. } => format!("passed/{lesson}"),
            LearningEvent::Failed { lesson, .. } => format!("failed/{lesson}"),
        }
    }
}

/// An answer in the xAPI response form: choice ids (authored indices) joined by `[,]`,
/// `true`/`false`, or the text (cut at [`MAX_RESPONSE_CHARS`]).
///
/// ```
/// use cloudhop_core::quiz::Answer;
/// use cloudhop_core::xapi::response;
/// assert_eq!(response(&Answer::Choices(vec![2, 0])), "0[,]2");
/// assert_eq!(response(&Answer::Bool(false)), "false");
/// ```
pub fn response(answer: &Answer) -> String {
    match answer {
        Answer::Choices(c) => {
            let mut c = c.clone();
            c.sort_unstable();
            c.dedup();
            c.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("[,]")
        }
        Answer::Bool(b) => b.to_string(),
        Answer::Text(t) if t.chars().count() > MAX_RESPONSE_CHARS => {
            let cut: String = t.chars().take(MAX_RESPONSE_CHARS - 1).collect();
            format!("{cut}…")
        }
        Answer::Text(t) => t.clone(),
    }
}

/// The events between two records of the same learner, in course order: per lesson, its
/// answers, then its exercise checks, then completed, passed or failed. Reflections, the
/// seed, opening a lesson and giving up are not events.
///
/// ```
/// use cloudhop_core::progress::Progress;
/// use cloudhop_core::quiz::{Answer, ItemKind, QuizItem};
/// use cloudhop_core::xapi::{events, LearningEvent, LessonOutline};
/// let items = vec![QuizItem { id: "tf".into(), prompt: "Hybrid is two clouds.".into(),
///     explanation: String::new(),
///     kind: ItemKind::TrueFalse { answer: false, if_true: None, if_false: None } }];
/// let outline = [LessonOutline { id: "l1", title: "Hybrid", pass_mark: 70, items: &items, exercises: vec![] }];
/// let old = Progress::default();
/// let mut new = old.clone();
/// new.answer("l1", &items[0], &Answer::Bool(false)).unwrap();
/// let ev = events(&old, &new, &outline);
/// let verbs: Vec<&str> = ev.iter().map(|e| e.verb().name()).collect();
/// assert_eq!(verbs, ["answered", "completed", "passed"]);
/// ```
pub fn events(old: &Progress, new: &Progress, lessons: &[LessonOutline]) -> Vec<LearningEvent> {
    let mut out = Vec::new();
    for lesson in lessons {
        let id = lesson.id.to_string();
        for item in lesson.items {
            let Some(now) = new.item(lesson.id, &item.id) else {
                continue;
            };
            let before = old.item(lesson.id, &item.id).map_or(0, |i| i.attempts);
            if now.attempts > before {
                if let Some(answer) = &now.last {
                    out.push(LearningEvent::Answered {
                        lesson: id.clone(),
                        item: item.id.clone(),
                        attempt: now.attempts,
                        score: now.last_score,
                        response: response(answer),
                    });
                }
            }
        }
        for (ex, _) in &lesson.exercises {
            let attempts = |p: &Progress| {
                p.lessons
                    .get(lesson.id)
                    .and_then(|l| l.exercises.get(*ex))
                    .map(|e| (e.attempts, e.passed))
            };
            let before = attempts(old).map_or(0, |a| a.0);
            if let Some((now, passed)) = attempts(new) {
                if now > before {
                    out.push(LearningEvent::Attempted {
                        lesson: id.clone(),
                        exercise: ex.to_string(),
                        attempt: now,
                        passed,
                    });
                }
            }
        }
        let (was, is) = (lesson.standing(old), lesson.standing(new));
        let complete = |s: &LessonStanding| s.answered == s.total && s.exercises_to_solve() == 0;
        if complete(&is) && !complete(&was) {
            out.push(LearningEvent::Completed {
                lesson: id.clone(),
                score: is.score,
            });
            if !is.passed {
                out.push(LearningEvent::Failed {
                    lesson: id.clone(),
                    score: is.score,
                });
            }
        }
        if is.passed && !was.passed {
            out.push(LearningEvent::Passed {
                lesson: id,
                score: is.score,
            });
        }
    }
    out
}

/// Percent-encode one path segment of an activity id.
fn segment(text: &str) -> String {
    let mut s = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// The stable activity ids under the launch's `activity_id`.
#[derive(Debug, Clone)]
pub struct ActivityIds<'a> {
    /// The course's activity id.
    pub course: &'a str,
}

impl ActivityIds<'_> {
    /// `<course>/lessons/<lesson>`.
    ///
    /// ```
    /// let ids = cloudhop_core::xapi::ActivityIds { course: "https://ex.org/c" };
    /// assert_eq!(ids.lesson("02-cidr"), "https://ex.org/c/lessons/02-cidr");
    /// assert_eq!(ids.item("02-cidr", "q 1"), "https://ex.org/c/lessons/02-cidr/items/q%201");
    /// assert_eq!(ids.exercise("plan"), "https://ex.org/c/exercises/plan");
    /// ```
    pub fn lesson(&self, lesson: &str) -> String {
        format!("{}/lessons/{}", self.course, segment(lesson))
    }

    /// `<course>/lessons/<lesson>/items/<item>`.
    pub fn item(&self, lesson: &str, item: &str) -> String {
        format!("{}/items/{}", self.lesson(lesson), segment(item))
    }

    /// `<course>/exercises/<exercise>`.
    pub fn exercise(&self, exercise: &str) -> String {
        format!("{}/exercises/{}", self.course, segment(exercise))
    }
}

const ACTIVITY_TYPES: &str = "http://adlnet.gov/expapi/activities/";

fn activity(id: String, kind: &str, name: &str, description: Option<&str>) -> Activity {
    Activity {
        object_type: "Activity".into(),
        id,
        definition: Some(ActivityDefinition {
            name: Some(en(name)),
            description: description.map(en),
            kind: Some(format!("{ACTIVITY_TYPES}{kind}")),
            ..ActivityDefinition::default()
        }),
    }
}

/// The statement reporting `event`, with a name-based id from the registration and the
/// event ([`LearningEvent::key`]): the same event always makes the same statement id.
/// `timestamp` is the app's clock (ISO 8601). `None` for an event naming a lesson, item or
/// exercise not in `lessons`.
pub fn statement(
    event: &LearningEvent,
    launch: &LaunchParams,
    course_title: &str,
    lessons: &[LessonOutline],
    timestamp: Option<&str>,
) -> Option<Statement> {
    let ids = ActivityIds {
        course: &launch.activity_id,
    };
    let course = activity(launch.activity_id.clone(), "course", course_title, None);
    let lesson_of = |id: &str| lessons.iter().find(|l| l.id == id);
    let lesson_activity = |l: &LessonOutline| activity(ids.lesson(l.id), "lesson", l.title, None);
    let (object, result, parent, grouping) = match event {
        LearningEvent::Launched { .. } => (course, None, vec![], vec![]),
        LearningEvent::Answered {
            lesson,
            item,
            score,
            response,
            ..
        } => {
            let l = lesson_of(lesson)?;
            let (n, q) = l.items.iter().enumerate().find(|(_, q)| &q.id == item)?;
            let mut object = activity(
                ids.item(lesson, item),
                "cmi.interaction",
                &format!("{} — Q{}", l.title, n + 1),
                Some(&q.prompt),
            );
            if let Some(def) = object.definition.as_mut() {
                let (kind, options) = match &q.kind {
                    ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options } => {
                        ("choice", Some(options))
                    }
                    ItemKind::TrueFalse { .. } => ("true-false", None),
                    ItemKind::ShortAnswer { .. } => ("fill-in", None),
                };
                def.interaction_type = Some(kind.into());
                def.choices = options.map(|o| {
                    o.iter()
                        .enumerate()
                        .map(|(i, c)| InteractionComponent {
                            id: i.to_string(),
                            description: en(&c.text),
                        })
                        .collect()
                });
            }
            let result = StatementResult {
                score: Some(Score::percent(*score)),
                success: Some(*score == 100),
                completion: Some(true),
                response: Some(response.clone()),
            };
            (object, Some(result), vec![lesson_activity(l)], vec![course])
        }
        LearningEvent::Attempted {
            lesson,
            exercise,
            passed,
            ..
        } => {
            let l = lesson_of(lesson)?;
            let (_, title) = l.exercises.iter().find(|(id, _)| id == exercise)?;
            let object = activity(ids.exercise(exercise), "simulation", title, None);
            let result = StatementResult {
                success: Some(*passed),
                completion: Some(*passed),
                ..StatementResult::default()
            };
            (object, Some(result), vec![lesson_activity(l)], vec![course])
        }
        LearningEvent::Completed { lesson, score }
        | LearningEvent::Passed { lesson, score }
        | LearningEvent::Failed { lesson, score } => {
            let l = lesson_of(lesson)?;
            let result = StatementResult {
                score: Some(Score::percent(*score)),
                success: match event {
                    LearningEvent::Passed { .. } => Some(true),
                    LearningEvent::Failed { .. } => Some(false),
                    _ => None,
                },
                completion: Some(true),
                response: None,
            };
            (lesson_activity(l), Some(result), vec![course], vec![])
        }
    };
    let id = statement_id(launch, &event.key());
    Some(Statement {
        id: id.to_string(),
        actor: launch.actor.clone(),
        verb: event.verb().verb(),
        object,
        result,
        context: Context {
            registration: launch.registration.to_string(),
            context_activities: ContextActivities { parent, grouping },
            platform: "cloudhop".into(),
            language: super::statement::LANGUAGE.into(),
        },
        timestamp: timestamp.map(str::to_string),
        version: "1.0.0".into(),
    })
}

/// The id of the statement named `key` (an event's [`LearningEvent::key`], or a cmi5
/// verb's): a name-based UUID under the course, of the registration, the learner and
/// the key. The same statement always gets the same id, so a resend is stored once.
pub(crate) fn statement_id(launch: &LaunchParams, key: &str) -> Uuid {
    Uuid::v5(
        &Uuid::v5(&NAMESPACE_URL, &launch.activity_id),
        // The learner is part of the name: a class launched with one registration (one
        // workshop session) must not have two learners' answers share an id, or the LRS
        // keeps the first and answers 409 for the second.
        &format!("{}/{}/{key}", launch.registration, launch.actor.ifi()),
    )
}

/// The statements for the change from `old` to `new` ([`events`] then [`statement`]).
pub fn statements_for_change(
    launch: &LaunchParams,
    course_title: &str,
    old: &Progress,
    new: &Progress,
    lessons: &[LessonOutline],
    timestamp: Option<&str>,
) -> Vec<Statement> {
    events(old, new, lessons)
        .iter()
        .filter_map(|e| statement(e, launch, course_title, lessons, timestamp))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::quiz::Choice;

    /// A true/false item and a single-choice one (shared with the cmi5 tests).
    pub(crate) fn items() -> Vec<QuizItem> {
        vec![
            QuizItem {
                id: "tf".into(),
                prompt: "Hybrid is two clouds.".into(),
                explanation: String::new(),
                kind: ItemKind::TrueFalse {
                    answer: false,
                    if_true: None,
                    if_false: None,
                },
            },
            QuizItem {
                id: "pick".into(),
                prompt: "Pick the private range.".into(),
                explanation: String::new(),
                kind: ItemKind::SingleChoice {
                    options: vec![
                        Choice {
                            text: "10.0.0.0/8".into(),
                            correct: true,
                            feedback: None,
                            pinned: false,
                        },
                        Choice {
                            text: "8.8.8.0/24".into(),
                            correct: false,
                            feedback: None,
                            pinned: false,
                        },
                    ],
                },
            },
        ]
    }

    fn launch() -> LaunchParams {
        LaunchParams::from_query("endpoint=%2FxAPI%2F&auth=Basic%20dTpw&actor=%7B%22mbox%22%3A%22mailto%3Aana%40example.org%22%7D&registration=1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed&activity_id=https%3A%2F%2Fex.org%2Fc").unwrap()
    }

    fn outline(items: &[QuizItem]) -> Vec<LessonOutline<'_>> {
        vec![LessonOutline {
            id: "l1",
            title: "Hybrid",
            pass_mark: 70,
            items,
            exercises: vec![("plan", "Plan a VPC")],
        }]
    }

    #[test]
    fn a_lesson_taken_step_by_step() {
        let items = items();
        let outline = outline(&items);
        let mut p = Progress::default();
        let mut verbs = Vec::new();
        let mut step = |p: &mut Progress, f: &dyn Fn(&mut Progress)| {
            let old = p.clone();
            f(p);
            verbs.push(
                events(&old, p, &outline)
                    .iter()
                    .map(|e| e.verb().name())
                    .collect::<Vec<_>>()
                    .join(","),
            );
        };
        step(&mut p, &|p| {
            p.answer("l1", &items[0], &Answer::Bool(true)).unwrap();
        });
        step(&mut p, &|p| {
            p.answer("l1", &items[1], &Answer::Choices(vec![0]))
                .unwrap();
        });
        step(&mut p, &|p| p.exercise("l1", "plan", false, None));
        step(&mut p, &|p| {
            p.reflect("l1", "r", "private thoughts").unwrap()
        });
        step(&mut p, &|p| p.exercise("l1", "plan", true, None));
        step(&mut p, &|p| {
            p.answer("l1", &items[0], &Answer::Bool(false)).unwrap();
        });
        assert_eq!(
            verbs,
            [
                "answered",
                "answered",
                "attempted",
                "",
                "attempted,completed,failed",
                "answered,passed"
            ]
        );
    }

    #[test]
    fn statements_have_ids_results_and_language_maps() {
        let items = items();
        let outline = outline(&items);
        let old = Progress::default();
        let mut new = old.clone();
        new.answer("l1", &items[1], &Answer::Choices(vec![1]))
            .unwrap();
        new.reflect("l1", "r", "my secret thoughts").unwrap();
        let s = statements_for_change(&launch(), "cloudhop", &old, &new, &outline, None);
        assert_eq!(s.len(), 1);
        let v: serde_json::Value = serde_json::from_str(&s[0].to_json()).unwrap();
        assert_eq!(v["verb"]["id"], "http://adlnet.gov/expapi/verbs/answered");
        assert_eq!(v["object"]["id"], "https://ex.org/c/lessons/l1/items/pick");
        assert_eq!(v["object"]["definition"]["name"]["en-US"], "Hybrid — Q2");
        assert_eq!(v["object"]["definition"]["interactionType"], "choice");
        assert_eq!(
            v["object"]["definition"]["choices"][1]["description"]["en-US"],
            "8.8.8.0/24"
        );
        assert_eq!(v["result"]["response"], "1");
        assert_eq!(v["result"]["success"], false);
        assert_eq!(v["result"]["score"]["scaled"], 0.0);
        assert_eq!(
            v["context"]["registration"],
            "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed"
        );
        assert_eq!(
            v["context"]["contextActivities"]["parent"][0]["id"],
            "https://ex.org/c/lessons/l1"
        );
        assert_eq!(v["actor"]["mbox"], "mailto:ana@example.org");
        assert!(!s[0].to_json().contains("secret"));
        // Same event, same id; another attempt, another id.
        let again = statements_for_change(
            &launch(),
            "cloudhop",
            &old,
            &new,
            &outline,
            Some("2026-01-01T00:00:00Z"),
        );
        assert_eq!(again[0].id, s[0].id);
        let mut third = new.clone();
        third
            .answer("l1", &items[1], &Answer::Choices(vec![1]))
            .unwrap();
        let next = statements_for_change(&launch(), "cloudhop", &new, &third, &outline, None);
        assert_ne!(next[0].id, s[0].id);
        assert_eq!(s[0].uuid().unwrap().to_string(), s[0].id);
        // Another learner on the same registration: the same event, another id.
        let mut bo = launch();
        bo.actor.mbox = Some("mailto:bo@example.org".into());
        let theirs = statements_for_change(&bo, "cloudhop", &old, &new, &outline, None);
        assert_ne!(theirs[0].id, s[0].id);
        assert_eq!(&s[0].id[14..15], "5");
    }

    #[test]
    fn unknown_lessons_make_no_statement() {
        let e = LearningEvent::Passed {
            lesson: "gone".into(),
            score: 100,
        };
        assert!(statement(&e, &launch(), "c", &[], None).is_none());
        let l = LearningEvent::Launched {
            session: "s1".into(),
        };
        let s = statement(&l, &launch(), "c", &[], None).unwrap();
        assert_eq!(s.object.id, "https://ex.org/c");
    }

    #[test]
    fn long_text_responses_are_cut() {
        let r = response(&Answer::Text("x".repeat(5000)));
        assert_eq!(r.chars().count(), MAX_RESPONSE_CHARS);
    }
}
