//! A workshop against the course: the lessons a learner sees, in order.

use super::{Problem, Spot};
use crate::exercise_check::{ExerciseCheck, Validate};
use crate::markup::{self, Block, Inline};
use crate::model::slug;
use crate::{Course, Exercise, Lesson};
use cloudhop_core::workshop::{
    ItemChoice, Notes, Outline, OutlineExercise, OutlineLesson, OutlineReflection, Workshop,
};
use serde::Serialize;

/// A workshop resolved against the course.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolved {
    /// The workshop as given (notes included when it came from a file).
    pub workshop: Workshop,
    /// Its lessons, in workshop order.
    pub lessons: Vec<WorkshopLesson>,
}

/// One lesson as the workshop shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkshopLesson {
    /// The lesson with only the chosen sections and quiz items, the workshop's pass mark,
    /// and its exercises: the lesson's own (unless dropped) then the workshop's, which are
    /// not placed by `@exercise` and so show after the sections.
    pub lesson: Lesson,
    /// Minutes from the start of the workshop (the time plan).
    pub start_minute: u32,
    /// Planned minutes: the segment's, else the lesson's estimate.
    pub minutes: u32,
    /// The instructor's notes (empty for a workshop from a link).
    pub notes: Notes,
    /// Ids of the exercises written for the workshop.
    pub extra_exercises: Vec<String>,
}

impl Resolved {
    /// The lesson with this id.
    pub fn lesson(&self, id: &str) -> Option<&WorkshopLesson> {
        self.lessons.iter().find(|l| l.lesson.id == id)
    }

    /// Planned minutes in all.
    ///
    /// ```
    /// use cloudhop_lessons::workshop;
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// let w = workshop::parse("x.md", workshop::EXAMPLE).unwrap().workshop;
    /// let r = workshop::resolve(&w, &course).unwrap();
    /// let last = r.lessons.last().unwrap();
    /// assert_eq!(r.total_minutes(), last.start_minute + last.minutes);
    /// ```
    pub fn total_minutes(&self) -> u32 {
        self.lessons.iter().map(|l| l.minutes).sum()
    }

    /// The workshop as a course of its own: its lessons (as resolved) in workshop order and
    /// the course's glossary. The app's workshop pages render it as they render the course,
    /// so order, "lesson 2 of 3", pass marks, exercises and placement of exercise work all
    /// follow the workshop.
    ///
    /// ```
    /// use cloudhop_lessons::workshop;
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// let w = workshop::parse("x.md", workshop::EXAMPLE).unwrap().workshop;
    /// let own = workshop::resolve(&w, &course).unwrap().as_course(&course);
    /// let ids: Vec<&str> = own.lessons.iter().map(|l| l.id.as_str()).collect();
    /// assert_eq!(ids, ["multicloud-vs-hybrid", "address-planning", "failover"]);
    /// assert_eq!(own.exercise_home("class-mesh-tunnels"), Some("address-planning"));
    /// assert_eq!(own.glossary, course.glossary);
    /// ```
    pub fn as_course(&self, course: &Course) -> Course {
        Course {
            lessons: self.lessons.iter().map(|l| l.lesson.clone()).collect(),
            glossary: course.glossary.clone(),
        }
    }

    /// What receipts and the class report are computed against.
    pub fn outline(&self) -> Outline {
        Outline {
            id: self.workshop.id.clone(),
            title: self.workshop.title.clone(),
            hash: self.workshop.content_hash(),
            lessons: self
                .lessons
                .iter()
                .map(|wl| {
                    let l = &wl.lesson;
                    OutlineLesson {
                        id: l.id.clone(),
                        title: l.title.clone(),
                        pass_mark: l.pass_mark,
                        items: l.quiz.clone(),
                        exercises: l
                            .exercises
                            .iter()
                            .map(|e| OutlineExercise {
                                id: e.id.clone(),
                                title: e.title.clone(),
                            })
                            .collect(),
                        reflections: l
                            .reflections
                            .iter()
                            .map(|r| OutlineReflection {
                                id: r.id.clone(),
                                prompt: r.prompt.clone(),
                            })
                            .collect(),
                    }
                })
                .collect(),
        }
    }
}

fn drop_exercise_blocks(blocks: &mut Vec<Block>) {
    blocks.retain(|b| !matches!(b, Block::Exercise(_)));
}

/// Resolve `workshop` against `course`, or say every way in which it does not fit: an
/// unknown lesson, section or item, a lesson twice, an expected wrong answer for an item
/// the lesson does not ask, an exercise id already used, an exercise its lab refuses, or a
/// task with a link that is not allowed or a glossary term that does not exist.
pub fn resolve(workshop: &Workshop, course: &Course) -> Result<Resolved, Vec<Problem>> {
    resolve_with::<Validate>(workshop, course)
}

/// [`resolve`], the workshop's own exercises checked as `C` says
/// ([`crate::exercise_check`]).
pub fn resolve_with<C: ExerciseCheck>(
    workshop: &Workshop,
    course: &Course,
) -> Result<Resolved, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut lessons = Vec::new();
    let mut start = 0u32;
    let mut extra_ids: Vec<&str> = Vec::new();
    for (i, seg) in workshop.segments.iter().enumerate() {
        let problem = |spot, message| Problem { spot, message };
        let Some(source) = course.lesson(&seg.lesson) else {
            problems.push(problem(
                Spot::Lesson(i),
                format!("there is no lesson `{}` in the course", seg.lesson),
            ));
            continue;
        };
        if workshop.segments[..i]
            .iter()
            .any(|s| s.lesson == seg.lesson)
        {
            problems.push(problem(
                Spot::Lesson(i),
                format!("lesson `{}` is in the workshop twice", seg.lesson),
            ));
            continue;
        }
        let mut lesson = source.clone();
        lesson.pass_mark = workshop.pass_mark_of(i);

        // Sections, in lesson order.
        for (j, want) in seg.sections.iter().enumerate() {
            if !source.sections.iter().any(|s| &slug(&s.title) == want) {
                let known: Vec<String> = source.sections.iter().map(|s| s.title.clone()).collect();
                problems.push(problem(
                    Spot::Section(i, j),
                    format!(
                        "lesson `{}` has no section `{want}` (its sections: {})",
                        seg.lesson,
                        known.join(" | ")
                    ),
                ));
            }
        }
        if !seg.sections.is_empty() {
            lesson
                .sections
                .retain(|s| seg.sections.contains(&slug(&s.title)));
        }

        // Quiz items.
        if let ItemChoice::Only(ids) = &seg.items {
            for id in ids {
                if !source.quiz.iter().any(|q| &q.id == id) {
                    problems.push(problem(
                        Spot::Items(i),
                        format!(
                            "lesson `{}` has no quiz item `{id}` (its items: {})",
                            seg.lesson,
                            source.item_ids().join(", ")
                        ),
                    ));
                }
            }
        }
        let keep: Vec<bool> = source
            .quiz
            .iter()
            .map(|q| seg.items.includes(&q.id))
            .collect();
        let mut k = keep.iter();
        lesson.quiz.retain(|_| *k.next().unwrap_or(&false));
        let mut k = keep.iter();
        lesson.item_lines.retain(|_| *k.next().unwrap_or(&false));
        for (j, e) in seg.notes.expect.iter().enumerate() {
            if !lesson.quiz.iter().any(|q| q.id == e.item) {
                problems.push(problem(
                    Spot::Expect(i, j),
                    format!(
                        "the expected wrong answer is for item `{}`, which this lesson does not ask in the workshop",
                        e.item
                    ),
                ));
            }
        }

        // Exercises.
        if !seg.lesson_exercises {
            lesson.exercises.clear();
            for s in &mut lesson.sections {
                drop_exercise_blocks(&mut s.blocks);
            }
        }
        for (j, ex) in seg.exercises.iter().enumerate() {
            let spot = Spot::Exercise(i, j);
            if let Some(home) = course.exercise_home(&ex.id) {
                problems.push(problem(
                    spot,
                    format!(
                        "exercise id `{}` is already used by an exercise of lesson `{home}`",
                        ex.id
                    ),
                ));
                continue;
            }
            if extra_ids.contains(&ex.id.as_str()) {
                problems.push(problem(
                    spot,
                    format!("exercise id `{}` is used twice in the workshop", ex.id),
                ));
                continue;
            }
            extra_ids.push(&ex.id);
            if let Err(m) = C::check(&ex.spec) {
                problems.push(problem(spot, format!("exercise `{}`: {m}", ex.id)));
                continue;
            }
            let numbered = crate::parse::numbered(&ex.task);
            let task = match markup::blocks(&numbered) {
                Ok(b) if !b.is_empty() => b,
                Ok(_) => {
                    problems.push(problem(
                        spot,
                        format!("exercise `{}` has no task text", ex.id),
                    ));
                    continue;
                }
                Err((_, m)) => {
                    problems.push(problem(spot, format!("exercise `{}`: {m}", ex.id)));
                    continue;
                }
            };
            let mut bad = Vec::new();
            for s in markup::descendants(&markup::spans_in(&task)) {
                match s {
                    Inline::Link { href, .. } if !markup::safe_href(href) => bad.push(format!(
                        "link target `{href}` is not allowed (use https://, http://, mailto: or an in-app #/ link)"
                    )),
                    Inline::Glossary { term, .. } if course.term(term).is_none() => bad.push(
                        format!("glossary link `[[{term}]]` names no term in the glossary"),
                    ),
                    _ => {}
                }
            }
            if !bad.is_empty() {
                for m in bad {
                    problems.push(problem(spot, format!("exercise `{}`: {m}", ex.id)));
                }
                continue;
            }
            lesson.exercises.push(Exercise {
                id: ex.id.clone(),
                lesson: seg.lesson.clone(),
                title: ex.title.clone(),
                hint: ex.hint.clone(),
                task,
                spec: ex.spec.clone(),
            });
        }

        let minutes = seg.minutes.unwrap_or(source.minutes);
        lessons.push(WorkshopLesson {
            lesson,
            start_minute: start,
            minutes,
            notes: seg.notes.clone(),
            extra_exercises: seg.exercises.iter().map(|e| e.id.clone()).collect(),
        });
        start = start.saturating_add(minutes);
    }
    if problems.is_empty() {
        Ok(Resolved {
            workshop: workshop.clone(),
            lessons,
        })
    } else {
        Err(problems)
    }
}
