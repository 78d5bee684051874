//! What the LMS is told: completion, success, score and exit, as the data-model elements
//! and values of each SCORM version, from the lessons' standings
//! ([`crate::progress::Progress::standing`]: the pass rule lives there, not here).
//!
//! - **Completed**: every quiz item of every lesson answered and every exercise checked at
//!   least once (or the course passed): the learner has been through all of it.
//! - **Passed**: every lesson passed. **Failed**: completed but not passed (the learner
//!   can still retry, and a later report says passed).
//! - **Score**: the lessons' scores (each the mean best score of its items, unanswered
//!   items counting 0) averaged with each lesson weighted by its number of items.
//!
//! ```
//! use cloudhop_core::progress::Progress;
//! use cloudhop_core::scorm::report::CourseResult;
//! use cloudhop_core::scorm::Version;
//! let p = Progress::default();
//! let s = p.standing("l", &["q1", "q2"], &[], 70);
//! let r = CourseResult::from_standings(&[s], true);
//! assert_eq!((r.completed, r.passed, r.score), (false, false, 0));
//! assert!(r.values(Version::Scorm12).contains(&("cmi.core.lesson_status", "incomplete".into())));
//! ```

use super::Version;
use crate::progress::LessonStanding;

/// The course's (or workshop's) result as an LMS records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CourseResult {
    /// Every quiz item of every lesson answered and every exercise checked at least once
    /// (or the course passed): the learner has been through all of it.
    pub completed: bool,
    /// Every lesson passed (quiz at its pass mark and every exercise solved).
    pub passed: bool,
    /// Mean best score over all items, `0..=100`.
    pub score: u8,
}

impl CourseResult {
    /// From each lesson's standing, and whether every exercise was checked at least once.
    pub fn from_standings(
        standings: &[LessonStanding],
        every_exercise_tried: bool,
    ) -> CourseResult {
        let items: usize = standings.iter().map(|s| s.total).sum();
        // A lesson's score is the rounded mean of its items' bests; the course's is the
        // mean weighted by item count, rounded half up the same way.
        let sum: usize = standings
            .iter()
            .map(|s| usize::from(s.score) * s.total)
            .sum();
        let score = (sum + items / 2)
            .checked_div(items)
            .map_or(0, |s| s.min(100) as u8);
        let passed = !standings.is_empty() && standings.iter().all(|s| s.passed);
        let completed = passed
            || (every_exercise_tried
                && !standings.is_empty()
                && standings.iter().all(|s| s.answered == s.total));
        CourseResult {
            completed,
            passed,
            score,
        }
    }

    /// The score scaled to `0..=1`, as SCORM 2004's `cmi.score.scaled` takes it.
    ///
    /// ```
    /// use cloudhop_core::scorm::report::CourseResult;
    /// let r = CourseResult { completed: true, passed: true, score: 85 };
    /// assert_eq!(r.scaled(), "0.85");
    /// assert_eq!(CourseResult { score: 100, ..r }.scaled(), "1");
    /// assert_eq!(CourseResult { score: 5, ..r }.scaled(), "0.05");
    /// ```
    pub fn scaled(&self) -> String {
        match self.score {
            100.. => "1".to_string(),
            0 => "0".to_string(),
            s => format!("0.{s:02}").trim_end_matches('0').to_string(),
        }
    }

    /// The elements and values to set, in order, for `version`. `cmi.*.exit` is `suspend`
    /// so that the LMS hands `suspend_data` back at the next launch.
    ///
    /// ```
    /// use cloudhop_core::scorm::report::CourseResult;
    /// use cloudhop_core::scorm::Version;
    /// let r = CourseResult { completed: true, passed: false, score: 40 };
    /// let v = r.values(Version::Scorm2004);
    /// assert!(v.contains(&("cmi.completion_status", "completed".into())));
    /// assert!(v.contains(&("cmi.success_status", "failed".into())));
    /// assert!(v.contains(&("cmi.score.scaled", "0.4".into())));
    /// assert_eq!(r.values(Version::Scorm12)[0], ("cmi.core.lesson_status", "failed".into()));
    /// ```
    pub fn values(&self, version: Version) -> Vec<(&'static str, String)> {
        let raw = self.score.to_string();
        match version {
            Version::Scorm12 => {
                let status = if self.passed {
                    "passed"
                } else if self.completed {
                    "failed"
                } else {
                    "incomplete"
                };
                vec![
                    ("cmi.core.lesson_status", status.to_string()),
                    ("cmi.core.score.raw", raw),
                    ("cmi.core.score.min", "0".to_string()),
                    ("cmi.core.score.max", "100".to_string()),
                    ("cmi.core.exit", "suspend".to_string()),
                ]
            }
            Version::Scorm2004 => {
                let completion = if self.completed {
                    "completed"
                } else {
                    "incomplete"
                };
                let success = if self.passed {
                    "passed"
                } else if self.completed {
                    "failed"
                } else {
                    "unknown"
                };
                vec![
                    ("cmi.completion_status", completion.to_string()),
                    ("cmi.success_status", success.to_string()),
                    ("cmi.score.scaled", self.scaled()),
                    ("cmi.score.raw", raw),
                    ("cmi.score.min", "0".to_string()),
                    ("cmi.score.max", "100".to_string()),
                    ("cmi.exit", "suspend".to_string()),
                ]
            }
        }
    }
}

/// A location for the LMS (`cmi.core.lesson_location` / `cmi.location`): the route, if it
/// fits the version's limit, else `None` (the location is left as it was).
///
/// ```
/// use cloudhop_core::scorm::report::location;
/// use cloudhop_core::scorm::Version;
/// assert_eq!(location("#/lesson/failover", Version::Scorm12), Some("#/lesson/failover"));
/// assert_eq!(location(&"x".repeat(300), Version::Scorm12), None);
/// ```
pub fn location(route: &str, version: Version) -> Option<&str> {
    (route.chars().count() <= version.location_limit()).then_some(route)
}

/// The session's length as the version writes it: SCORM 1.2's `cmi.core.session_time`
/// (`HHHH:MM:SS`) or 2004's `cmi.session_time` (an ISO 8601 duration).
///
/// ```
/// use cloudhop_core::scorm::report::session_time;
/// use cloudhop_core::scorm::Version;
/// assert_eq!(session_time(3725, Version::Scorm12), ("cmi.core.session_time", "0001:02:05".to_string()));
/// assert_eq!(session_time(3725, Version::Scorm2004), ("cmi.session_time", "PT1H2M5S".to_string()));
/// ```
pub fn session_time(seconds: u64, version: Version) -> (&'static str, String) {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match version {
        Version::Scorm12 => (
            "cmi.core.session_time",
            format!("{:04}:{m:02}:{s:02}", h.min(9999)),
        ),
        Version::Scorm2004 => ("cmi.session_time", format!("PT{h}H{m}M{s}S")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Progress;

    #[test]
    fn passed_needs_every_lesson_and_score_is_weighted_by_items() {
        let mut p = Progress::default();
        p.exercise("a", "ex", true, None);
        let a = p.standing("a", &[], &["ex"], 70);
        let b = p.standing("b", &["q1", "q2", "q3"], &[], 70);
        let r = CourseResult::from_standings(&[a, b], true);
        assert!(!r.passed && !r.completed);
        assert_eq!(r.score, 0);
        assert!(CourseResult::from_standings(&[a], false).passed);
        assert!(!CourseResult::from_standings(&[], true).passed);
        let mut q = Progress::default();
        q.give_up("b", "q1");
        for id in ["q1", "q2", "q3"] {
            q.answer(
                "b",
                &crate::quiz::QuizItem {
                    id: id.into(),
                    prompt: "p".into(),
                    explanation: "e".into(),
                    kind: crate::quiz::ItemKind::TrueFalse {
                        answer: true,
                        if_true: None,
                        if_false: None,
                    },
                },
                &crate::quiz::Answer::Bool(false),
            )
            .unwrap();
        }
        let b = q.standing("b", &["q1", "q2", "q3"], &["ex"], 70);
        // All answered, wrong; the exercise not tried: not completed. Tried: completed, failed.
        assert!(!CourseResult::from_standings(&[b], false).completed);
        let r = CourseResult::from_standings(&[b], true);
        assert!(r.completed && !r.passed);
        assert_eq!(r.values(Version::Scorm12)[0].1, "failed");
    }
}
