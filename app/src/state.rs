//! App-wide state: the course (parsed once) and the learner's progress (a reducer that
//! saves after every change).

use crate::storage;
use crate::workshop::WorkshopHandle;
use cloudhop_core::exercise::Verdict;
use cloudhop_core::progress::Progress;
use cloudhop_core::quiz::{Answer, Marking};
use cloudhop_core::shared_record::{self, Base, Follow, OwnChanges, Stored};
use cloudhop_lessons::exercise_check::AtUse;
use cloudhop_lessons::{ContentError, Course};
use std::rc::Rc;
use yew::prelude::*;

thread_local! {
    static COURSE: Rc<Result<Course, Vec<ContentError>>> =
        Rc::new(cloudhop_lessons::shipped_with::<AtUse>());
}

/// The shipped course (parsed on first use, then shared).
pub fn course() -> Rc<Result<Course, Vec<ContentError>>> {
    COURSE.with(Rc::clone)
}

/// Which progress record a [`ProgressState`] keeps.
#[derive(Clone, PartialEq)]
pub enum Record {
    /// The learner's own course record ([`storage::PROGRESS_KEY`]).
    Course,
    /// A workshop's record (`cloudhop_core::workshop::progress_key`), apart from the course's.
    Workshop(WorkshopHandle),
}

impl Record {
    /// The storage key.
    pub fn key(&self) -> String {
        match self {
            Record::Course => storage::PROGRESS_KEY.to_string(),
            Record::Workshop(w) => cloudhop_core::workshop::progress_key(w.id()),
        }
    }

    fn backup_prefix(&self) -> String {
        match self {
            Record::Course => storage::BACKUP_PREFIX.to_string(),
            Record::Workshop(w) => storage::workshop_backup_prefix(w.id()),
        }
    }

    /// The workshop's id, `None` for the course's own record.
    fn workshop_id(&self) -> Option<&str> {
        match self {
            Record::Course => None,
            Record::Workshop(w) => Some(w.id()),
        }
    }

    /// Run `f` on the lessons this record is about: the course, or the workshop's.
    fn with_course<R>(&self, f: impl FnOnce(&Course) -> R) -> Option<R> {
        match self {
            Record::Course => course().as_ref().as_ref().ok().map(f),
            Record::Workshop(w) => Some(f(&w.course)),
        }
    }
}

thread_local! {
    static SHARED: Result<Rc<Course>, Vec<ContentError>> =
        COURSE.with(|c| c.as_ref().clone().map(Rc::new));
}

/// The shipped course as the pages take it: one `Rc` made once, so the app's render on
/// every hash change (every link followed) neither copies the whole course nor makes the
/// pages compare it field by field.
pub fn shared_course() -> Result<Rc<Course>, Vec<ContentError>> {
    SHARED.with(Clone::clone)
}

/// Progress plus what the learner must be told about storage.
#[derive(Clone, PartialEq)]
pub struct ProgressState {
    /// Which record.
    pub record: Record,
    /// The record.
    pub progress: Progress,
    /// A message to show (storage problems, import results).
    pub notice: Option<Notice>,
    /// Whether saving is allowed (false when that would overwrite unreadable data).
    pub can_save: bool,
    /// The learner has been told that a save failed (they are told once, not at every
    /// change).
    pub told_unsaved: bool,
    /// This tab's changes to the record, to put back if another tab's save lacks them.
    own: OwnChanges,
}

/// A message banner.
#[derive(Clone, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// A warning (true) or good news (false).
    pub warning: bool,
}

/// Everything that changes progress.
pub enum Action {
    /// A lesson was opened.
    Open(String),
    /// An answer to `item` (by index) in `lesson`.
    Answer {
        /// Lesson id.
        lesson: String,
        /// Item id.
        item: String,
        /// The answer.
        answer: Answer,
    },
    /// Give up on an item.
    GiveUp {
        /// Lesson id.
        lesson: String,
        /// Item id.
        item: String,
    },
    /// A reflection answer changed.
    Reflect {
        /// Lesson id.
        lesson: String,
        /// Question id.
        question: String,
        /// The text.
        text: String,
    },
    /// An exercise was checked.
    Exercise {
        /// Lesson id.
        lesson: String,
        /// Exercise id.
        exercise: String,
        /// The verdict.
        verdict: Verdict,
        /// The lab state at the check.
        state: Option<String>,
    },
    /// Replace everything with an imported record (the current one is kept aside first).
    Import(Progress),
    /// Start afresh (the current record is kept aside first).
    Reset,
    /// Remove everything cloudhop stored in this browser; a fresh record starts in memory.
    Erase,
    /// Another tab or window wrote the stored record: show what it holds now.
    StoredChanged,
    /// Show a message.
    Notify(Notice),
    /// Hide the message.
    Dismiss,
}

impl Action {
    /// Whether this changes one lesson's entry in the record (applied to the record as
    /// stored now).
    fn edits_lesson(&self) -> bool {
        matches!(
            self,
            Action::Open(_)
                | Action::Answer { .. }
                | Action::GiveUp { .. }
                | Action::Reflect { .. }
                | Action::Exercise { .. }
        )
    }

    /// Whether this replaces the whole record.
    fn replaces_record(&self) -> bool {
        matches!(self, Action::Import(_) | Action::Reset)
    }
}

impl ProgressState {
    /// Load from storage. A record without a seed for the order of quiz options (a first
    /// visit, or a fresh record after an unreadable one) gets one now, saved at once so
    /// that the order does not change on the next visit.
    pub fn load() -> Self {
        Self::load_for(Record::Course)
    }

    /// [`ProgressState::load`] for `record` (a workshop's record in workshop mode).
    pub fn load_for(record: Record) -> Self {
        let loaded = storage::load_record(&record.key(), &record.backup_prefix());
        // Work on an exercise that has moved to another lesson is shown where it now is
        // (saved with the next change).
        let mut progress = placed(&record, loaded.progress);
        let mut notice = loaded.notice;
        // Inside a SCORM package, the LMS's copy (suspend_data) joined with this one.
        let (from_lms, lms_notice) = record
            .with_course(|c| crate::scorm::resume(record.workshop_id(), c, progress.clone()))
            .unwrap_or_else(|| (progress.clone(), None));
        if from_lms != progress && loaded.can_save {
            let _ = storage::save_record(&record.key(), &from_lms);
        }
        progress = from_lms;
        notice = notice.or(lms_notice);
        if progress.needs_seed() {
            progress.seed = fresh_seed();
            if loaded.can_save {
                if let Err(e) = storage::save_record(&record.key(), &progress) {
                    notice.get_or_insert(format!("Progress could not be saved: {e}. Export it from the Progress page to keep it."));
                }
            }
        }
        ProgressState {
            record,
            own: OwnChanges::new(this_tab(), &progress),
            progress,
            notice: notice.map(|text| Notice {
                text,
                warning: true,
            }),
            can_save: loaded.can_save,
            told_unsaved: false,
        }
    }

    /// A record kept in memory only, never saved (a component rendered on its own, tests).
    pub fn in_memory(progress: Progress) -> Self {
        ProgressState {
            record: Record::Course,
            own: OwnChanges::new(this_tab(), &progress),
            progress,
            notice: None,
            can_save: false,
            told_unsaved: false,
        }
    }

    /// Mark an answer without changing state (used to show the marking at once).
    pub fn mark(&self, lesson: &str, item: &str, answer: &Answer) -> Option<Marking> {
        let course = course();
        let course = course.as_ref().as_ref().ok()?;
        let q = course.lesson(lesson)?.quiz.iter().find(|q| q.id == item)?;
        q.mark(answer).ok()
    }
}

/// What a learner is told when a newer release owns the stored record.
fn newer_release_notice(version: u64) -> Notice {
    Notice {
        text: format!("cloudhop was updated in another tab (its progress record is version {version}). Reload this page to keep working with it: until then, changes made here are not saved."),
        warning: true,
    }
}

impl ProgressState {
    /// Point `self.progress` at the record as stored now, before a change is applied to it,
    /// so that the changes other tabs saved are kept (see [`shared_record`]).
    fn rebase(&mut self) {
        if !self.can_save {
            return;
        }
        match shared_record::base_for_change(stored(&self.record), &self.progress) {
            Base::Apply(p) => self.progress = placed(&self.record, p),
            Base::KeepAsideThenApply { raw, progress } => {
                self.progress = progress;
                if let Err(e) = storage::keep_aside_under(&self.record.backup_prefix(), &raw) {
                    self.can_save = false;
                    self.notice = Some(Notice {
                        text: format!("The saved progress has been changed by something else and cannot be read; it could not be kept aside ({e}), so nothing will be saved over it. Export your work from the Progress page."),
                        warning: true,
                    });
                }
            }
            Base::Hold { newer } => {
                self.can_save = false;
                self.notice = Some(newer_release_notice(newer));
            }
        }
    }
}

/// What storage holds now (another tab may have written since this one last looked).
fn stored(record: &Record) -> Stored {
    Stored::read(storage::get(&record.key()).as_deref())
}

/// A record with exercise work shown where each exercise now is (a record saved by an
/// older release may hold it under the lesson it used to be in).
fn placed(record: &Record, mut p: Progress) -> Progress {
    record.with_course(|c| c.place_exercises(&mut p));
    p
}

/// The stored record as text, to keep aside before a reset or an import replaces it: the
/// stored one (it holds every tab's work), else this tab's copy.
fn record_to_keep(record: &Record, mine: &Progress) -> String {
    storage::get(&record.key()).unwrap_or_else(|| mine.to_json())
}

impl Reducible for ProgressState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let mut changed = true;
        if action.edits_lesson() {
            next.rebase();
        }
        // The record a change is applied to: this tab remembers what it changed, and an
        // answer or a check makes its statements from the difference (xapi).
        let base =
            (action.edits_lesson() || action.replaces_record()).then(|| next.progress.clone());
        let makes_statements = matches!(action, Action::Answer { .. } | Action::Exercise { .. });
        match action {
            Action::Open(lesson) => {
                changed = !next.progress.lessons.get(&lesson).is_some_and(|l| l.opened);
                if !changed && next.progress == self.progress {
                    return self;
                }
                next.progress.open(&lesson);
            }
            Action::Answer {
                lesson,
                item,
                answer,
            } => {
                let q = next
                    .record
                    .with_course(|c| {
                        c.lesson(&lesson)
                            .and_then(|l| l.quiz.iter().find(|q| q.id == item))
                            .cloned()
                    })
                    .flatten();
                match &q {
                    Some(q) => {
                        if let Err(e) = next.progress.answer(&lesson, q, &answer) {
                            next.notice = Some(Notice {
                                text: e.to_string(),
                                warning: true,
                            });
                            changed = false;
                        }
                    }
                    None => changed = false,
                }
            }
            Action::GiveUp { lesson, item } => next.progress.give_up(&lesson, &item),
            Action::Reflect {
                lesson,
                question,
                text,
            } => {
                if let Err(e) = next.progress.reflect(&lesson, &question, &text) {
                    next.notice = Some(Notice {
                        text: e.to_string(),
                        warning: true,
                    });
                    changed = false;
                }
            }
            Action::Exercise {
                lesson,
                exercise,
                verdict,
                state,
            } => next
                .progress
                .exercise(&lesson, &exercise, verdict.passed, state),
            Action::Import(p) => {
                let kept = storage::keep_aside_under(
                    &self.record.backup_prefix(),
                    &record_to_keep(&self.record, &self.progress),
                );
                next.progress = placed(&self.record, p);
                // Another record now: other tabs stop putting back what they changed in
                // the one it replaced, even when it has the same seed.
                next.progress.lineage = fresh_seed();
                // The imported seed comes along, so the options keep the order the learner
                // saw where the file came from; a record without one gets one.
                if next.progress.needs_seed() {
                    next.progress.seed = fresh_seed();
                }
                next.can_save = true;
                next.notice = Some(match kept {
                    Ok(_) => Notice {
                        text: "Progress imported. The record it replaced is kept on the Progress page, under \"Kept-aside records\".".into(),
                        warning: false,
                    },
                    Err(e) => Notice {
                        text: format!("Progress imported. The record it replaced could not be kept aside ({e}): export it first next time."),
                        warning: true,
                    },
                });
            }
            Action::Reset => {
                let kept = storage::keep_aside_under(
                    &self.record.backup_prefix(),
                    &record_to_keep(&self.record, &self.progress),
                );
                next.progress = Progress::with_seed(fresh_seed());
                next.progress.lineage = fresh_seed();
                next.can_save = true;
                let warning = kept.is_err();
                next.notice = Some(Notice {
                    text: match kept {
                        Ok(_) => "A fresh record has started. The old one is kept on the Progress page, under \"Kept-aside records\".".to_string(),
                        Err(e) => format!("A fresh record has started; the old one could not be kept aside ({e})."),
                    },
                    warning,
                });
            }
            Action::Erase => {
                storage::erase_all();
                crate::xapi::erase();
                next.progress = Progress::with_seed(fresh_seed());
                next.can_save = true;
                next.told_unsaved = false;
                next.notice = Some(Notice {
                    text: "Everything cloudhop stored in this browser has been erased.".into(),
                    warning: false,
                });
                changed = false;
            }
            Action::StoredChanged => {
                match shared_record::follow(stored(&self.record), &self.progress, &mut next.own) {
                    Follow::Adopt(p) => next.progress = placed(&self.record, p),
                    // Another tab saved from a copy without some of this tab's changes:
                    // they are back, and saved again.
                    Follow::Repair(p) => {
                        next.progress = placed(&self.record, p);
                        if next.can_save {
                            let _ = storage::save_record(&next.record.key(), &next.progress);
                        }
                    }
                    Follow::Stay => return self,
                    Follow::Reload { newer } => {
                        next.can_save = false;
                        next.notice = Some(newer_release_notice(newer));
                    }
                }
                changed = false;
            }
            Action::Notify(n) => {
                next.notice = Some(n);
                changed = false;
            }
            Action::Dismiss => {
                next.notice = None;
                changed = false;
            }
        }
        if let (true, true, Some(before)) = (changed, makes_statements, &base) {
            next.record
                .with_course(|c| crate::xapi::progress_changed(c, before, &next.progress));
        }
        if changed && next.can_save {
            if let Some(base) = &base {
                next.own.note(base, &mut next.progress);
            }
            match storage::save_record(&next.record.key(), &next.progress) {
                Ok(()) => next.told_unsaved = false,
                // Told once: a full store fails at every change, and a banner at every
                // answer would bury the lesson.
                Err(e) if !next.told_unsaved => {
                    next.told_unsaved = true;
                    next.notice = Some(Notice {
                        text: format!("Progress could not be saved: {e}. You can keep working; use Export on the Progress page to keep what you do."),
                        warning: true,
                    });
                }
                Err(_) => {}
            }
        }
        if changed {
            // Inside a SCORM package: the LMS gets the record, status and score.
            let record = next.record.clone();
            let said = record
                .with_course(|c| crate::scorm::saved(record.workshop_id(), c, &next.progress))
                .flatten();
            if let Some(text) = said {
                next.notice = Some(Notice {
                    text,
                    warning: true,
                });
            }
        }
        Rc::new(next)
    }
}

/// The handle components use to read and change progress.
pub type ProgressHandle = UseReducerHandle<ProgressState>;

/// A new learner's seed for the order of quiz options, from `Math.random()` (core turns
/// it into a non-zero seed). Only its difference between learners matters, not secrecy.
fn fresh_seed() -> u32 {
    cloudhop_core::progress::seed_from_random(js_sys::Math::random())
}

/// This page's name among the tabs that save the record ([`OwnChanges`]), drawn once.
fn this_tab() -> u32 {
    thread_local! {
        static TAB: u32 = fresh_seed();
    }
    TAB.with(|t| *t)
}

/// The progress handle from context. Outside the app's provider (a component rendered on
/// its own) it is an empty record that never touches storage, so a component never fails
/// for want of a provider and never loads, backs up or overwrites stored data twice.
#[hook]
pub fn use_progress() -> ProgressHandle {
    let detached = use_reducer(|| ProgressState::in_memory(Progress::default()));
    use_context::<ProgressHandle>().unwrap_or(detached)
}
