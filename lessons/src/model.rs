//! The course as typed data, as the loader produces it.

use crate::markup::{Block, Inline};
use cloudhop_core::labs::ExerciseSpec;
use cloudhop_core::progress::{LessonStanding, Progress};
use cloudhop_core::quiz::QuizItem;
use serde::Serialize;

/// The default pass mark, in percent.
pub const DEFAULT_PASS_MARK: u8 = 70;

/// A whole course: lessons in order, exercises attached to them, and the glossary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Course {
    /// Lessons in file order.
    pub lessons: Vec<Lesson>,
    /// Glossary terms in file order.
    pub glossary: Vec<Term>,
}

impl Course {
    /// The lesson with this id.
    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }

    /// The id of the lesson that holds exercise `id`.
    ///
    /// ```
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// assert_eq!(course.exercise_home("interconnect-over-tunnel"), Some("bgp-multicloud-wan"));
    /// assert_eq!(course.exercise_home("no-such-exercise"), None);
    /// ```
    pub fn exercise_home(&self, id: &str) -> Option<&str> {
        self.lessons
            .iter()
            .find(|l| l.exercises.iter().any(|e| e.id == id))
            .map(|l| l.id.as_str())
    }

    /// Progress with every exercise record under the lesson that now holds the exercise
    /// (see `Progress::follow_exercises`): how a record from before a course edit is read.
    ///
    /// ```
    /// use cloudhop_core::progress::Progress;
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// let mut p = Progress::default();
    /// p.exercise("connecting-clouds", "interconnect-over-tunnel", true, None);
    /// assert_eq!(course.place_exercises(&mut p), 1);
    /// assert!(p.lessons["bgp-multicloud-wan"].exercises["interconnect-over-tunnel"].passed);
    /// ```
    pub fn place_exercises(&self, progress: &mut Progress) -> usize {
        progress.follow_exercises(|id| self.exercise_home(id))
    }

    /// The course's lessons as SCORM's `suspend_data` packing sees them (ids in order; see
    /// `cloudhop_core::scorm::suspend`).
    ///
    /// ```
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// let shape = course.scorm_shape();
    /// assert_eq!(shape.len(), course.lessons.len());
    /// assert_eq!(shape[0].items.len(), course.lessons[0].quiz.len());
    /// ```
    pub fn scorm_shape(&self) -> Vec<cloudhop_core::scorm::suspend::LessonShape<'_>> {
        self.lessons
            .iter()
            .map(|l| cloudhop_core::scorm::suspend::LessonShape {
                id: &l.id,
                items: &l.quiz,
                exercises: l.exercise_ids(),
                reflections: l.reflections.iter().map(|r| r.id.as_str()).collect(),
            })
            .collect()
    }

    /// The course's result for an LMS from `progress`: every lesson's standing
    /// (`Lesson::standing`) and whether every exercise was checked, put together by
    /// `cloudhop_core::scorm::report`.
    ///
    /// ```
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// let r = course.scorm_result(&Default::default());
    /// assert!(!r.passed && !r.completed);
    /// ```
    pub fn scorm_result(&self, progress: &Progress) -> cloudhop_core::scorm::report::CourseResult {
        let standings: Vec<LessonStanding> =
            self.lessons.iter().map(|l| l.standing(progress)).collect();
        let tried = self.lessons.iter().all(|l| {
            l.exercises.iter().all(|e| {
                progress
                    .lessons
                    .get(&l.id)
                    .and_then(|lp| lp.exercises.get(&e.id))
                    .is_some_and(|ep| ep.attempts > 0)
            })
        });
        cloudhop_core::scorm::report::CourseResult::from_standings(&standings, tried)
    }

    /// Each lesson's depth in the prerequisite graph: 0 for no prerequisites, otherwise one
    /// more than its deepest prerequisite. The course map draws one column per depth.
    ///
    /// ```
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// let depth = course.depths();
    /// assert_eq!(depth[0], 0);
    /// assert_eq!(depth.len(), course.lessons.len());
    /// ```
    pub fn depths(&self) -> Vec<usize> {
        let mut depth: Vec<Option<usize>> = vec![None; self.lessons.len()];
        // The loader guarantees no cycles, so this settles in at most n rounds; the bound
        // keeps it finite even for a hand-built course that has one.
        for _ in 0..=self.lessons.len() {
            let mut changed = false;
            for (i, l) in self.lessons.iter().enumerate() {
                let mut d = Some(0);
                for p in &l.prerequisites {
                    let pd = self
                        .lessons
                        .iter()
                        .position(|x| &x.id == p)
                        .and_then(|j| depth[j]);
                    d = match (d, pd) {
                        (Some(a), Some(b)) => Some(a.max(b + 1)),
                        _ => None,
                    };
                }
                if d.is_some() && d != depth[i] {
                    depth[i] = d;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        depth.into_iter().map(|d| d.unwrap_or(0)).collect()
    }

    /// The glossary term a `[[...]]` link names (by name or alias, ignoring case).
    ///
    /// ```
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// assert!(course.term("bgp").is_some());
    /// ```
    pub fn term(&self, name: &str) -> Option<&Term> {
        let key = name.trim().to_lowercase();
        self.glossary.iter().find(|t| t.matches(&key))
    }
}

/// One lesson.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lesson {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// One-line summary.
    pub summary: String,
    /// Estimated minutes.
    pub minutes: u32,
    /// Lesson ids to take first.
    pub prerequisites: Vec<String>,
    /// Related lesson ids.
    pub related: Vec<String>,
    /// Quiz percentage needed to pass.
    pub pass_mark: u8,
    /// Prose sections in order.
    pub sections: Vec<Section>,
    /// Quiz items in order.
    pub quiz: Vec<QuizItem>,
    /// The line of each quiz item's `### type: id` heading, in the same order as `quiz`
    /// (for messages; not part of the export).
    #[serde(skip)]
    pub item_lines: Vec<usize>,
    /// Key takeaways.
    pub takeaways: Vec<Vec<Inline>>,
    /// Reflection questions.
    pub reflections: Vec<Reflection>,
    /// Sources checked.
    pub sources: Vec<Vec<Inline>>,
    /// Lab exercises for this lesson (from `exercises/*.md`).
    pub exercises: Vec<Exercise>,
    /// The file it came from, for messages.
    pub file: String,
}

impl Lesson {
    /// Ids of the quiz items, in order.
    pub fn item_ids(&self) -> Vec<&str> {
        self.quiz.iter().map(|q| q.id.as_str()).collect()
    }

    /// Ids of the exercises, in order.
    pub fn exercise_ids(&self) -> Vec<&str> {
        self.exercises.iter().map(|e| e.id.as_str()).collect()
    }

    /// The learner's standing in this lesson: score, answered items, exercises met, passed.
    ///
    /// ```
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// let lesson = &course.lessons[0];
    /// let s = lesson.standing(&Default::default());
    /// assert_eq!((s.answered, s.passed), (0, false));
    /// assert_eq!(s.total, lesson.quiz.len());
    /// ```
    pub fn standing(&self, progress: &Progress) -> LessonStanding {
        progress.standing(
            &self.id,
            &self.item_ids(),
            &self.exercise_ids(),
            self.pass_mark,
        )
    }

    /// What to revisit in this lesson, for a person: `Q2` for a quiz item below full marks,
    /// `exercise “title”` for an exercise whose goal is not met, in lesson order.
    ///
    /// ```
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// let lesson = &course.lessons[0];
    /// let todo = lesson.to_revisit(&Default::default());
    /// assert_eq!(todo[0], "Q1");
    /// assert_eq!(todo.len(), lesson.quiz.len() + lesson.exercises.len());
    /// ```
    pub fn to_revisit(&self, progress: &Progress) -> Vec<String> {
        let r = progress.to_revisit(&self.id, &self.item_ids(), &self.exercise_ids());
        r.items
            .iter()
            .map(|i| format!("Q{}", i + 1))
            .chain(
                r.exercises
                    .iter()
                    .map(|&i| format!("exercise “{}”", self.exercises[i].title)),
            )
            .collect()
    }

    /// The line of the `index`-th quiz item's heading in [`Lesson::file`], if known.
    pub fn item_line(&self, index: usize) -> Option<usize> {
        self.item_lines.get(index).copied()
    }

    /// The exercise with this id.
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// Exercises not placed by an `@exercise` line; the app shows them after the sections.
    pub fn unplaced_exercises(&self) -> Vec<&Exercise> {
        let placed: Vec<&str> = self
            .sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Exercise(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        self.exercises
            .iter()
            .filter(|e| !placed.contains(&e.id.as_str()))
            .collect()
    }
}

/// A prose section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Heading.
    pub title: String,
    /// Body.
    pub blocks: Vec<Block>,
}

/// A reflection question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reflection {
    /// Stable id (answers are stored under it).
    pub id: String,
    /// The question.
    pub prompt: String,
}

/// A lab exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exercise {
    /// Stable id, unique in the course.
    pub id: String,
    /// The lesson it belongs to.
    pub lesson: String,
    /// Title.
    pub title: String,
    /// A hint the learner can reveal.
    pub hint: String,
    /// The task, as prose.
    pub task: Vec<Block>,
    /// The lab and its parameters.
    pub spec: ExerciseSpec,
}

/// A glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// URL-safe id derived from the name.
    pub id: String,
    /// The name as written in the heading.
    pub name: String,
    /// Other names links may use.
    pub aliases: Vec<String>,
    /// The definition.
    pub definition: Vec<Block>,
}

impl Term {
    /// Whether a lower-cased link target names this term.
    pub fn matches(&self, lowered: &str) -> bool {
        self.name.to_lowercase() == lowered
            || self.id == lowered
            || self.aliases.iter().any(|a| a.to_lowercase() == lowered)
    }
}

/// Turn a name into an id: lowercase ASCII letters and digits, other runs become `-`.
///
/// ```
/// assert_eq!(cloudhop_lessons::model::slug("AS (autonomous system)"), "as-autonomous-system");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
