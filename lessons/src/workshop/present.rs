//! The presenter's walk through a workshop: one step per lesson (its place in the time
//! plan), then one per quiz item it asks and one per exercise, in workshop order. The
//! presenter view (`#/instructor/present`) shows one step at a time.

use super::Resolved;

/// What a presenter step puts on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// The lesson: its title, time in the plan and sections.
    Lesson,
    /// Quiz item `n` of the lesson (index into its `quiz`).
    Item(usize),
    /// Exercise `n` of the lesson (index into its `exercises`).
    Exercise(usize),
}

/// One step: lesson `lesson` (index into [`Resolved::lessons`]) and what of it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Index of the lesson in the workshop.
    pub lesson: usize,
    /// What is shown.
    pub kind: StepKind,
}

impl Resolved {
    /// Every presenter step, in order.
    ///
    /// ```
    /// use cloudhop_lessons::workshop::{self, StepKind};
    /// let course = cloudhop_lessons::shipped().unwrap();
    /// let w = workshop::parse("x.md", workshop::EXAMPLE).unwrap().workshop;
    /// let r = workshop::resolve(&w, &course).unwrap();
    /// let steps = r.steps();
    /// assert_eq!(steps[0].kind, StepKind::Lesson);
    /// assert_eq!(steps[1].kind, StepKind::Item(0));
    /// let lessons = steps.iter().filter(|s| s.kind == StepKind::Lesson).count();
    /// assert_eq!(lessons, r.lessons.len());
    /// ```
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        for (i, wl) in self.lessons.iter().enumerate() {
            steps.push(Step {
                lesson: i,
                kind: StepKind::Lesson,
            });
            steps.extend((0..wl.lesson.quiz.len()).map(|n| Step {
                lesson: i,
                kind: StepKind::Item(n),
            }));
            steps.extend((0..wl.lesson.exercises.len()).map(|n| Step {
                lesson: i,
                kind: StepKind::Exercise(n),
            }));
        }
        steps
    }
}

/// A minute of the plan as a clock from the start, `h:mm`.
///
/// ```
/// use cloudhop_lessons::workshop::clock;
/// assert_eq!(clock(0), "0:00");
/// assert_eq!(clock(65), "1:05");
/// ```
pub fn clock(minute: u32) -> String {
    format!("{}:{:02}", minute / 60, minute % 60)
}

/// The time a lesson has in the plan, for a person: `0:25 – 1:05 (40 min)`.
///
/// ```
/// assert_eq!(cloudhop_lessons::workshop::time_slot(25, 40), "0:25 – 1:05 (40 min)");
/// ```
pub fn time_slot(start_minute: u32, minutes: u32) -> String {
    format!(
        "{} – {} ({minutes} min)",
        clock(start_minute),
        clock(start_minute.saturating_add(minutes))
    )
}
