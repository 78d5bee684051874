//! One stored progress record, written by several tabs.
//!
//! A learner may have cloudhop open in several tabs or windows of one browser. They share
//! one stored record, and each tab also holds a copy in memory. If a tab saved its copy,
//! the last tab to save would write over every change the others made since it loaded.
//! So a tab never saves its copy: at each change it reads the record as stored *now*,
//! applies its one change to that ([`base_for_change`]) and saves the result. When another
//! tab has saved, the browser tells this one (the `storage` event) and it takes the stored
//! record as its own ([`follow`]), so every tab shows every tab's work without a reload.
//!
//! Each change is therefore merged into the stored record rather than written over it, and
//! a reset or an import in one tab is what every tab then shows (the replaced record was
//! kept aside by the tab that replaced it).
//!
//! A record written by a newer release (another tab already runs an update) is never
//! written over: this tab stops saving and asks for a reload.
//!
//! ```
//! use cloudhop_core::progress::Progress;
//! use cloudhop_core::shared_record::{base_for_change, Base, Stored};
//!
//! // Tab A and tab B both loaded an empty record.
//! let a_copy = Progress::with_seed(7);
//! // B opened a lesson and saved.
//! let mut b = a_copy.clone();
//! b.open("cidr-basics");
//! let stored = b.to_json();
//! // A's change starts from what is stored, so B's work stays.
//! let Base::Apply(mut next) = base_for_change(Stored::read(Some(&stored)), &a_copy) else { panic!() };
//! next.open("bgp-basics");
//! assert!(next.lessons["cidr-basics"].opened && next.lessons["bgp-basics"].opened);
//! ```

use crate::progress::{Progress, ProgressError};

/// What storage holds at the moment a tab looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Nothing: a first visit, or the browser cleared the site's data.
    Empty,
    /// A record this release reads.
    Record(Progress),
    /// A record written by a newer release (its version), which this one must not touch.
    Newer(u64),
    /// Something this release cannot read as progress.
    Unreadable {
        /// The value, to keep aside unchanged.
        raw: String,
        /// Why it cannot be read.
        reason: ProgressError,
    },
}

impl Stored {
    /// Classify the stored value (`None`: the key is absent).
    ///
    /// ```
    /// use cloudhop_core::shared_record::Stored;
    /// assert_eq!(Stored::read(None), Stored::Empty);
    /// assert!(matches!(Stored::read(Some("{oops")), Stored::Unreadable { .. }));
    /// assert_eq!(
    ///     Stored::read(Some(r#"{"schema":"cloudhop-progress","version":99}"#)),
    ///     Stored::Newer(99)
    /// );
    /// ```
    pub fn read(raw: Option<&str>) -> Stored {
        match raw {
            None => Stored::Empty,
            Some(raw) => match Progress::from_json(raw) {
                Ok(p) => Stored::Record(p),
                Err(ProgressError::NewerVersion(v)) => Stored::Newer(v),
                Err(reason) => Stored::Unreadable {
                    raw: raw.to_string(),
                    reason,
                },
            },
        }
    }
}

/// What a tab applies its change to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// Apply the change to this record and save it.
    Apply(Progress),
    /// Keep the unreadable stored value aside first (it is the learner's data, written by
    /// something else), then apply the change to this tab's copy and save.
    KeepAsideThenApply {
        /// The stored value to keep aside.
        raw: String,
        /// This tab's copy, to apply the change to.
        progress: Progress,
    },
    /// Do not save: a newer release owns the record. Apply the change in memory only.
    Hold {
        /// The stored record's version.
        newer: u64,
    },
}

/// The record a change must be applied to, given what is stored now and this tab's copy.
///
/// The stored record wins over this tab's copy: every tab's saved changes are in it,
/// including a reset or an import made elsewhere. This tab's copy is used only when
/// nothing readable is stored (the browser cleared storage, or the value is damaged), so
/// that what the tab holds is not lost either.
///
/// ```
/// use cloudhop_core::progress::Progress;
/// use cloudhop_core::shared_record::{base_for_change, Base, Stored};
/// let mine = Progress::with_seed(3);
/// assert_eq!(base_for_change(Stored::Empty, &mine), Base::Apply(mine.clone()));
/// assert_eq!(base_for_change(Stored::Newer(9), &mine), Base::Hold { newer: 9 });
/// ```
pub fn base_for_change(stored: Stored, mine: &Progress) -> Base {
    match stored {
        Stored::Record(p) => Base::Apply(p),
        Stored::Empty => Base::Apply(mine.clone()),
        Stored::Newer(newer) => Base::Hold { newer },
        Stored::Unreadable { raw, .. } => Base::KeepAsideThenApply {
            raw,
            progress: mine.clone(),
        },
    }
}

/// What a tab does when another tab (or window) has written the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Follow {
    /// Show this record: the other tab's changes, a reset or an import.
    Adopt(Progress),
    /// Nothing to do: the stored record is this tab's copy, or unreadable (the next change
    /// keeps it aside; following it would throw this tab's copy away).
    Stay,
    /// A newer release wrote the record: stop saving and ask the learner to reload.
    Reload {
        /// The stored record's version.
        newer: u64,
    },
}

/// Follow a write made by another tab. A record removed altogether (the learner erased
/// their data in another tab) is followed as a fresh record that keeps this tab's seed, so
/// the order of quiz options does not jump.
///
/// ```
/// use cloudhop_core::progress::Progress;
/// use cloudhop_core::shared_record::{follow, Follow, Stored};
/// let mut mine = Progress::with_seed(5);
/// mine.open("l1");
/// let theirs = Progress::with_seed(5);
/// assert_eq!(follow(Stored::Record(theirs.clone()), &mine), Follow::Adopt(theirs));
/// assert_eq!(follow(Stored::Record(mine.clone()), &mine), Follow::Stay);
/// assert_eq!(follow(Stored::Empty, &mine), Follow::Adopt(Progress::with_seed(5)));
/// ```
pub fn follow(stored: Stored, mine: &Progress) -> Follow {
    match stored {
        Stored::Record(p) if &p == mine => Follow::Stay,
        Stored::Record(p) => Follow::Adopt(p),
        Stored::Empty => Follow::Adopt(Progress::with_seed(mine.seed)),
        Stored::Newer(newer) => Follow::Reload { newer },
        Stored::Unreadable { .. } => Follow::Stay,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::{Answer, ItemKind, QuizItem};

    fn tf(id: &str) -> QuizItem {
        QuizItem {
            id: id.into(),
            prompt: "p".into(),
            explanation: "e".into(),
            kind: ItemKind::TrueFalse {
                answer: true,
                if_true: None,
                if_false: None,
            },
        }
    }

    /// Simulates tabs sharing one stored value: each change reads the store, applies one
    /// change and writes; after every write the other tabs follow it.
    struct Browser {
        stored: Option<String>,
        tabs: Vec<Progress>,
    }

    impl Browser {
        fn new(n: usize) -> Browser {
            Browser {
                stored: None,
                tabs: vec![Progress::with_seed(11); n],
            }
        }
        fn change(&mut self, tab: usize, f: impl FnOnce(&mut Progress)) {
            let Base::Apply(mut next) =
                base_for_change(Stored::read(self.stored.as_deref()), &self.tabs[tab])
            else {
                panic!("unexpected base")
            };
            f(&mut next);
            self.stored = Some(next.to_json());
            self.tabs[tab] = next;
            for other in 0..self.tabs.len() {
                if other != tab {
                    if let Follow::Adopt(p) =
                        follow(Stored::read(self.stored.as_deref()), &self.tabs[other])
                    {
                        self.tabs[other] = p;
                    }
                }
            }
        }
    }

    #[test]
    fn interleaved_changes_in_three_tabs_are_all_kept() {
        let mut b = Browser::new(3);
        b.change(0, |p| {
            p.answer("l1", &tf("q1"), &Answer::Bool(true)).unwrap();
        });
        b.change(1, |p| {
            p.answer("l1", &tf("q2"), &Answer::Bool(false)).unwrap();
        });
        b.change(2, |p| p.reflect("l2", "r1", "mesh first").unwrap());
        b.change(0, |p| p.exercise("l3", "ex", true, Some("plan".into())));
        b.change(1, |p| {
            p.reflect("l2", "r1", "mesh first, hub later").unwrap()
        });
        for tab in &b.tabs {
            assert_eq!(tab.item("l1", "q1").unwrap().best, 100);
            assert_eq!(tab.item("l1", "q2").unwrap().attempts, 1);
            assert_eq!(tab.lessons["l2"].reflections["r1"], "mesh first, hub later");
            assert!(tab.lessons["l3"].exercises["ex"].passed);
        }
        assert_eq!(
            Stored::read(b.stored.as_deref()),
            Stored::Record(b.tabs[2].clone())
        );
    }

    #[test]
    fn a_reset_in_one_tab_is_not_undone_by_another() {
        let mut b = Browser::new(2);
        b.change(0, |p| p.open("l1"));
        b.change(1, |p| *p = Progress::with_seed(99));
        // Tab 0 makes a change after the reset: the old work does not come back.
        b.change(0, |p| p.open("l2"));
        let stored = Progress::from_json(b.stored.as_deref().unwrap()).unwrap();
        assert_eq!(stored.seed, 99);
        assert!(!stored.lessons.contains_key("l1"));
        assert!(stored.lessons["l2"].opened);
    }

    #[test]
    fn without_reading_first_the_last_writer_would_win() {
        // The failure this module prevents: saving a tab's own copy.
        let start = Progress::with_seed(1);
        let mut a = start.clone();
        let mut b = start;
        a.open("l1");
        b.open("l2");
        let stored_after_a = a.to_json();
        let Base::Apply(mut from_store) = base_for_change(Stored::read(Some(&stored_after_a)), &b)
        else {
            panic!()
        };
        from_store.open("l2");
        assert!(from_store.lessons.contains_key("l1"), "A's work is kept");
        assert!(
            !b.lessons.contains_key("l1"),
            "B's own copy would have lost it"
        );
    }

    #[test]
    fn damaged_or_newer_values_are_never_written_over_unseen() {
        let mine = Progress::with_seed(2);
        match base_for_change(Stored::read(Some("{\"schema\":1")), &mine) {
            Base::KeepAsideThenApply { raw, progress } => {
                assert_eq!(raw, "{\"schema\":1");
                assert_eq!(progress, mine);
            }
            other => panic!("{other:?}"),
        }
        let newer = r#"{"schema":"cloudhop-progress","version":7,"seed":1,"lessons":{}}"#;
        assert_eq!(
            base_for_change(Stored::read(Some(newer)), &mine),
            Base::Hold { newer: 7 }
        );
        assert_eq!(
            follow(Stored::read(Some(newer)), &mine),
            Follow::Reload { newer: 7 }
        );
        assert_eq!(follow(Stored::read(Some("garbage")), &mine), Follow::Stay);
    }
}
