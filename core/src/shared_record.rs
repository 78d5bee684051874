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
//! "As stored now" is what this tab's process sees, and that can be a moment behind:
//! Chromium keeps a copy of `localStorage` in each renderer and passes another tab's write
//! on asynchronously, so two changes made in two tabs within a few milliseconds can each
//! start from a record without the other's (we measured 1 stale read in 200 on an idle
//! machine). The later save then holds only one of them. So each tab also remembers its
//! own changes, and every save says how many of each recent tab's changes it holds
//! ([`OwnChanges`]). When a record arrives whose writer had not seen some of them, the tab
//! puts them back and saves again ([`Follow::Repair`]); a change another tab made to the
//! same entry meanwhile wins, so two tabs never undo each other in turn. A reset or an import draws a new
//! [`Progress::lineage`], and changes remembered from the record it replaced are dropped.
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

use crate::progress::{ExerciseProgress, ItemProgress, LessonProgress, Progress, ProgressError};
use std::collections::{BTreeMap, VecDeque};

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
    /// Show this record and save it: it is the stored one with this tab's changes that it
    /// lacked put back (see [`OwnChanges`]).
    Repair(Progress),
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
/// the order of quiz options does not jump. This tab's changes that the record lacks,
/// because the other tab started from a copy without them, are put back
/// ([`Follow::Repair`]).
///
/// ```
/// use cloudhop_core::progress::Progress;
/// use cloudhop_core::shared_record::{follow, Follow, OwnChanges, Stored};
/// let mut mine = Progress::with_seed(5);
/// mine.open("l1");
/// let mut own = OwnChanges::new(1, &mine);
/// let theirs = Progress::with_seed(5);
/// assert_eq!(follow(Stored::Record(theirs.clone()), &mine, &mut own), Follow::Adopt(theirs));
/// assert_eq!(follow(Stored::Record(mine.clone()), &mine, &mut own), Follow::Stay);
/// assert_eq!(follow(Stored::Empty, &mine, &mut own), Follow::Adopt(Progress::with_seed(5)));
/// ```
pub fn follow(stored: Stored, mine: &Progress, own: &mut OwnChanges) -> Follow {
    match stored {
        // This tab's own copy: its own last save, seen again because the event that woke
        // this tab is older than that save, so it says nothing about what others hold.
        Stored::Record(p) if &p == mine => Follow::Stay,
        Stored::Record(p) => {
            let repaired = own.put_back(&p);
            if repaired != p {
                Follow::Repair(repaired)
            } else {
                Follow::Adopt(p)
            }
        }
        Stored::Empty => {
            let fresh = Progress::with_seed(mine.seed);
            own.start_over(&fresh);
            Follow::Adopt(fresh)
        }
        Stored::Newer(newer) => Follow::Reload { newer },
        Stored::Unreadable { .. } => Follow::Stay,
    }
}

/// One entry of a record that a change can touch on its own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Entry {
    Opened(String),
    Item(String, String),
    Reflection(String, String),
    Exercise(String, String),
}

/// An entry's value (`None`: absent).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Opened(bool),
    Item(Option<ItemProgress>),
    Reflection(Option<String>),
    Exercise(Option<ExerciseProgress>),
}

impl Entry {
    fn lesson(&self) -> &str {
        match self {
            Entry::Opened(l)
            | Entry::Item(l, _)
            | Entry::Reflection(l, _)
            | Entry::Exercise(l, _) => l,
        }
    }

    /// Every entry `p` holds in the lessons where it differs from `other` (a change
    /// touches one lesson, and a reflection is saved at every keystroke).
    fn differing_in<'a>(p: &'a Progress, other: &'a Progress) -> impl Iterator<Item = Entry> + 'a {
        p.lessons
            .iter()
            .filter(|(l, lp)| other.lessons.get(*l) != Some(*lp))
            .flat_map(|(l, lp)| {
                std::iter::once(Entry::Opened(l.clone()))
                    .chain(lp.items.keys().map(|k| Entry::Item(l.clone(), k.clone())))
                    .chain(
                        lp.reflections
                            .keys()
                            .map(|k| Entry::Reflection(l.clone(), k.clone())),
                    )
                    .chain(
                        lp.exercises
                            .keys()
                            .map(|k| Entry::Exercise(l.clone(), k.clone())),
                    )
            })
    }

    fn get(&self, p: &Progress) -> Value {
        let lp = p.lessons.get(self.lesson());
        match self {
            Entry::Opened(_) => Value::Opened(lp.is_some_and(|l| l.opened)),
            Entry::Item(_, k) => Value::Item(lp.and_then(|l| l.items.get(k)).cloned()),
            Entry::Reflection(_, k) => {
                Value::Reflection(lp.and_then(|l| l.reflections.get(k)).cloned())
            }
            Entry::Exercise(_, k) => Value::Exercise(lp.and_then(|l| l.exercises.get(k)).cloned()),
        }
    }

    fn set(&self, p: &mut Progress, value: Value) {
        let lesson = self.lesson().to_string();
        let lp = p.lessons.entry(lesson.clone()).or_default();
        match (self, value) {
            (Entry::Opened(_), Value::Opened(v)) => lp.opened = v,
            (Entry::Item(_, k), Value::Item(v)) => put(&mut lp.items, k, v),
            (Entry::Reflection(_, k), Value::Reflection(v)) => put(&mut lp.reflections, k, v),
            (Entry::Exercise(_, k), Value::Exercise(v)) => put(&mut lp.exercises, k, v),
            // An entry's value is always of its own kind (both come from `get`).
            _ => {}
        }
        // A lesson with nothing in it is the same as no lesson (`get` reads both alike).
        if p.lessons.get(&lesson) == Some(&LessonProgress::default()) {
            p.lessons.remove(&lesson);
        }
    }
}

fn put<V>(map: &mut BTreeMap<String, V>, key: &str, value: Option<V>) {
    match value {
        Some(v) => {
            map.insert(key.to_string(), v);
        }
        None => {
            map.remove(key);
        }
    }
}

/// How many tabs a stored record names in [`Progress::writers`]; the one that saved least
/// recently is dropped. A tab dropped from it reads every later record as lacking its
/// changes, and puts back only those whose entry still holds the value it replaced.
pub const MAX_WRITERS: usize = 8;

/// This tab's own changes to the record: for each entry it changed, the value it replaced,
/// its value now, and the number of the change that set it.
///
/// Every save stamps the record with this tab's count of changes
/// ([`Progress::writers`]), and a tab that starts from the record carries the stamps on.
/// So a record another tab saves says which of this tab's changes its writer had seen:
///
/// - one it had not seen, whose entry still holds the value it replaced, was lost to a
///   save from a stale copy, and is put back ([`Follow::Repair`]);
/// - one it had not seen, whose entry holds a third value, met a change made there at the
///   same time: that one wins, and the entry is no longer this tab's;
/// - one it had seen stays as the record has it, even back to an earlier value, and is no
///   longer this tab's once the record holds another value.
///
/// ```
/// use cloudhop_core::progress::Progress;
/// use cloudhop_core::shared_record::{follow, Follow, OwnChanges, Stored};
/// // Two tabs on one record; each opens a lesson from a copy without the other's.
/// let start = Progress::with_seed(4);
/// let mut own = OwnChanges::new(1, &start);
/// let mut mine = start.clone();
/// mine.open("cidr-basics");
/// own.note(&start, &mut mine);
/// let mut theirs = start.clone();
/// theirs.open("bgp-basics");
/// // Their save holds only their lesson: this tab puts its own back and saves both.
/// let Follow::Repair(both) = follow(Stored::Record(theirs), &mine, &mut own) else { panic!() };
/// assert!(both.lessons["cidr-basics"].opened && both.lessons["bgp-basics"].opened);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnChanges {
    /// This tab's name in [`Progress::writers`] (drawn at random per page).
    tab: u32,
    /// Changes this tab has saved.
    count: u32,
    /// The record the changes belong to: its seed and lineage.
    of: (u32, u32),
    changes: BTreeMap<Entry, Change>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    /// The entry's value now, as this tab set it.
    mine: Value,
    /// The number of the change that set `mine`.
    at: u32,
    /// What the entry held before: the value it had before this tab's first change to it
    /// (at `0`), then each value this tab gave it before `mine`, with the number of the
    /// change that set it; oldest first, the most recent [`MAX_EARLIER_VALUES`] only.
    /// Fingerprints, not values: a reflection is saved at every keystroke.
    earlier: VecDeque<(u32, u64)>,
    /// Whether older values than those in `earlier` were dropped.
    cut: bool,
}

/// How many earlier values of one entry a tab remembers the fingerprints of.
const MAX_EARLIER_VALUES: usize = 32;

impl Change {
    /// The fingerprint of the entry as this tab had left it after its change number
    /// `seen`, if still remembered.
    fn as_of(&self, seen: u32) -> Option<u64> {
        match self.earlier.iter().rev().find(|(at, _)| *at <= seen) {
            Some((_, f)) => Some(*f),
            None if self.cut => None,
            None => self.earlier.front().map(|(_, f)| *f),
        }
    }
}

/// A fingerprint of a value, to tell whether a record holds it.
fn fingerprint(value: &Value) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{value:?}").hash(&mut h);
    h.finish()
}

impl OwnChanges {
    /// A tab named `tab` that holds `record` (as loaded) and has changed nothing yet.
    pub fn new(tab: u32, record: &Progress) -> OwnChanges {
        OwnChanges {
            tab,
            count: 0,
            of: (record.seed, record.lineage),
            changes: BTreeMap::new(),
        }
    }

    /// How many entries this tab has changed in the record it holds.
    ///
    /// ```
    /// use cloudhop_core::progress::Progress;
    /// use cloudhop_core::shared_record::OwnChanges;
    /// let start = Progress::with_seed(1);
    /// let mut own = OwnChanges::new(9, &start);
    /// let mut after = start.clone();
    /// after.open("l1");
    /// own.note(&start, &mut after);
    /// assert_eq!(own.len(), 1);
    /// assert_eq!(after.writers, vec![(9, 1)]);
    /// ```
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// Whether this tab has changed nothing in the record it holds.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Forget every change: the tab now holds `record`, which replaced the one they
    /// were made to.
    fn start_over(&mut self, record: &Progress) {
        self.of = (record.seed, record.lineage);
        self.changes.clear();
    }

    /// Stamp `record` as holding every change this tab has made.
    fn stamp(&self, record: &mut Progress) {
        record.writers.retain(|(t, _)| *t != self.tab);
        record.writers.push((self.tab, self.count));
        let extra = record.writers.len().saturating_sub(MAX_WRITERS);
        record.writers.drain(..extra);
    }

    /// Remember the change this tab is about to save, and stamp the record with it:
    /// `before` is the record it was applied to, `after` the record to save. A change that
    /// replaced the record (a reset, an import, a new seed) starts afresh: what was
    /// remembered belonged to the record replaced.
    pub fn note(&mut self, before: &Progress, after: &mut Progress) {
        self.count += 1;
        let of = (after.seed, after.lineage);
        if of != (before.seed, before.lineage) {
            self.start_over(after);
            after.writers.clear();
            self.stamp(after);
            return;
        }
        // The change was applied to a record that replaced the one remembered (another
        // tab's reset, read before its storage event came): remember from here.
        if of != self.of {
            self.start_over(before);
        }
        let mut touched: Vec<Entry> = Entry::differing_in(before, after)
            .chain(Entry::differing_in(after, before))
            .collect();
        touched.sort();
        touched.dedup();
        for entry in touched {
            let (was, now) = (entry.get(before), entry.get(after));
            if was == now {
                continue;
            }
            let at = self.count;
            match self.changes.get_mut(&entry) {
                Some(change) => {
                    change
                        .earlier
                        .push_back((change.at, fingerprint(&change.mine)));
                    if change.earlier.len() > MAX_EARLIER_VALUES {
                        change.earlier.pop_front();
                        change.cut = true;
                    }
                    change.mine = now;
                    change.at = at;
                }
                None => {
                    self.changes.insert(
                        entry,
                        Change {
                            earlier: VecDeque::from([(0, fingerprint(&was))]),
                            mine: now,
                            at,
                            cut: false,
                        },
                    );
                }
            }
        }
        self.stamp(after);
    }

    /// `stored` (saved by another tab) with this tab's changes its writer had not seen put
    /// back, stamped if any was.
    fn put_back(&mut self, stored: &Progress) -> Progress {
        if (stored.seed, stored.lineage) != self.of {
            self.start_over(stored);
            return stored.clone();
        }
        let seen = stored
            .writers
            .iter()
            .find(|(t, _)| *t == self.tab)
            .map_or(0, |(_, n)| *n);
        let mut repaired = stored.clone();
        let mut put = false;
        self.changes.retain(|entry, change| {
            let theirs = entry.get(stored);
            if theirs == change.mine {
                true
            } else if change.at <= seen {
                // Seen there and changed since: that change stands, the entry is theirs.
                false
            } else if change.as_of(seen) == Some(fingerprint(&theirs)) {
                // The entry is as this tab had left it when the writer's copy was taken:
                // the writer did not touch it, and this tab's later value was lost.
                entry.set(&mut repaired, change.mine.clone());
                put = true;
                true
            } else {
                // Changed there too, unseen: that change wins.
                false
            }
        });
        if put {
            self.stamp(&mut repaired);
        }
        repaired
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

    /// Tabs as Chromium runs them: each reads its own copy of the store, which learns of
    /// another tab's write only when that write's event is delivered to it. Events come in
    /// the order the writes were made; one older than this tab's own last write does not
    /// change its copy (Chromium's renderer ignores a remote change to a key while its own
    /// write to it is in flight, and the store holds the later write), though the page
    /// still hears of it.
    struct LaggingBrowser {
        stored: Option<String>,
        tabs: Vec<Tab>,
        writes: usize,
    }

    struct Tab {
        /// This tab's copy of the store.
        view: Option<String>,
        /// Writes of other tabs not yet delivered to this one, oldest first, numbered in
        /// the order they were made.
        inbox: Vec<(usize, String)>,
        /// The number of this tab's own last write.
        wrote: usize,
        shown: Progress,
        own: OwnChanges,
    }

    impl LaggingBrowser {
        fn new(n: usize) -> LaggingBrowser {
            let start = Progress::with_seed(11);
            LaggingBrowser {
                stored: Some(start.to_json()),
                tabs: (0..n)
                    .map(|i| Tab {
                        view: Some(start.to_json()),
                        inbox: vec![],
                        wrote: 0,
                        shown: start.clone(),
                        own: OwnChanges::new(i as u32, &start),
                    })
                    .collect(),
                writes: 0,
            }
        }
        fn write(&mut self, tab: usize, value: String) {
            self.writes += 1;
            let n = self.writes;
            self.stored = Some(value.clone());
            self.tabs[tab].view = Some(value.clone());
            self.tabs[tab].wrote = n;
            for (i, t) in self.tabs.iter_mut().enumerate() {
                if i != tab {
                    t.inbox.push((n, value.clone()));
                }
            }
        }
        /// A change in `tab`, from its own (possibly stale) copy of the store.
        fn change(&mut self, tab: usize, f: impl FnOnce(&mut Progress)) {
            let t = &mut self.tabs[tab];
            let Base::Apply(mut next) = base_for_change(Stored::read(t.view.as_deref()), &t.shown)
            else {
                panic!("unexpected base")
            };
            let before = next.clone();
            f(&mut next);
            t.own.note(&before, &mut next);
            t.shown = next.clone();
            self.write(tab, next.to_json());
        }
        /// Deliver the oldest pending write to `tab`; false if none was pending.
        fn deliver_one(&mut self, tab: usize) -> bool {
            let t = &mut self.tabs[tab];
            if t.inbox.is_empty() {
                return false;
            }
            let (n, value) = t.inbox.remove(0);
            if n > t.wrote {
                t.view = Some(value);
            }
            match follow(Stored::read(t.view.as_deref()), &t.shown, &mut t.own) {
                Follow::Adopt(p) => t.shown = p,
                Follow::Repair(p) => {
                    t.shown = p.clone();
                    self.write(tab, p.to_json());
                }
                Follow::Stay => {}
                other => panic!("{other:?}"),
            }
            true
        }
        /// Deliver everything, round-robin, until nothing is pending.
        fn settle(&mut self) {
            for _ in 0..10_000 {
                let mut any = false;
                for tab in 0..self.tabs.len() {
                    any |= self.deliver_one(tab);
                }
                if !any {
                    return;
                }
            }
            panic!("the tabs never settled");
        }
        /// A change in `tab` that every other tab then hears of before anything else
        /// happens (tabs that never race).
        fn change_seen(&mut self, tab: usize, f: impl FnOnce(&mut Progress)) {
            self.change(tab, f);
            self.settle();
        }
        fn stored(&self) -> Progress {
            Progress::from_json(self.stored.as_deref().unwrap()).unwrap()
        }
        fn assert_agreed(&self) {
            let stored = self.stored();
            for (i, t) in self.tabs.iter().enumerate() {
                assert_eq!(t.shown, stored, "tab {i} shows what is stored");
            }
        }
    }

    #[test]
    fn two_changes_from_stale_copies_are_both_kept() {
        let mut b = LaggingBrowser::new(2);
        b.change(0, |p| {
            p.answer("l1", &tf("q1"), &Answer::Bool(true)).unwrap();
        });
        // Tab 1 has not heard of tab 0's write yet: its save holds only q2.
        b.change(1, |p| {
            p.answer("l1", &tf("q2"), &Answer::Bool(true)).unwrap();
        });
        assert!(b.stored().item("l1", "q1").is_none(), "the race this mends");
        b.settle();
        b.assert_agreed();
        let stored = b.stored();
        assert_eq!(stored.item("l1", "q1").unwrap().attempts, 1);
        assert_eq!(stored.item("l1", "q2").unwrap().attempts, 1);
        assert!(b.writes <= 5, "{} writes", b.writes);
    }

    #[test]
    fn without_putting_changes_back_the_stale_save_would_lose_one() {
        // What `follow` did before `OwnChanges`: adopt the stored record as it is.
        let start = Progress::with_seed(3);
        let mut mine = start.clone();
        mine.open("l1");
        let mut theirs = start.clone();
        theirs.open("l2");
        let mut forgetful = OwnChanges::new(1, &start);
        assert_eq!(
            follow(Stored::Record(theirs.clone()), &mine, &mut forgetful),
            Follow::Adopt(theirs.clone())
        );
        let mut remembering = OwnChanges::new(1, &start);
        remembering.note(&start, &mut mine);
        let Follow::Repair(both) = follow(Stored::Record(theirs), &mine, &mut remembering) else {
            panic!()
        };
        assert!(both.lessons["l1"].opened && both.lessons["l2"].opened);
    }

    #[test]
    fn a_reset_or_an_import_elsewhere_drops_what_this_tab_had_not_seen_confirmed() {
        let mut b = LaggingBrowser::new(2);
        b.change(0, |p| p.open("l1"));
        b.settle();
        // Tab 0 answers; nobody has confirmed it when tab 1 (which has seen it) resets.
        b.change(0, |p| {
            p.answer("l1", &tf("q1"), &Answer::Bool(true)).unwrap();
        });
        b.settle();
        b.change(1, |p| {
            *p = Progress::with_seed(99);
            p.lineage = 5;
        });
        b.settle();
        b.assert_agreed();
        assert!(b.stored().lessons.is_empty(), "the reset stands");
        // An import of a record with this very seed, under a new lineage, stands too.
        b.change(0, |p| p.open("l2"));
        b.change(1, |p| {
            let mut imported = Progress::with_seed(99);
            imported.open("l3");
            imported.lineage = 6;
            *p = imported;
        });
        b.settle();
        b.assert_agreed();
        assert_eq!(
            b.stored().lessons.keys().collect::<Vec<_>>(),
            ["l3"],
            "the import replaced l2"
        );
    }

    #[test]
    fn two_tabs_changing_one_entry_at_once_settle_on_one_value() {
        let mut b = LaggingBrowser::new(2);
        b.change(0, |p| p.reflect("l1", "r", "from tab 0").unwrap());
        b.change(1, |p| p.reflect("l1", "r", "from tab 1").unwrap());
        b.settle();
        b.assert_agreed();
        let text = &b.stored().lessons["l1"].reflections["r"];
        assert!(text == "from tab 0" || text == "from tab 1");
        assert_eq!(
            b.writes, 2,
            "neither tab puts its text back over the other's"
        );
    }

    #[test]
    fn a_later_change_in_another_tab_is_not_undone() {
        let mut b = LaggingBrowser::new(2);
        b.change(0, |p| p.reflect("l1", "r", "first draft").unwrap());
        b.settle();
        // Tab 1 saw the draft and rewrites it; tab 0's own draft is not put back.
        b.change(1, |p| p.reflect("l1", "r", "second draft").unwrap());
        b.settle();
        b.assert_agreed();
        assert_eq!(b.stored().lessons["l1"].reflections["r"], "second draft");
    }

    proptest::proptest! {
        /// Any interleaving of changes to distinct entries and of event deliveries: once
        /// every event is delivered, every tab shows the stored record and it holds every
        /// change.
        #[test]
        fn every_change_survives_any_interleaving(
            steps in proptest::collection::vec((0usize..3, proptest::bool::ANY), 1..40)
        ) {
            let mut b = LaggingBrowser::new(3);
            let mut made = vec![];
            for (n, (tab, deliver)) in steps.into_iter().enumerate() {
                if deliver {
                    b.deliver_one(tab);
                } else {
                    let id = format!("q{n}");
                    b.change(tab, |p| {
                        p.answer("l1", &tf(&id), &Answer::Bool(true)).unwrap();
                    });
                    made.push(id);
                }
            }
            b.settle();
            b.assert_agreed();
            let stored = b.stored();
            for id in &made {
                proptest::prop_assert!(stored.item("l1", id).is_some(), "{} was lost", id);
            }
        }

        /// Changes to the same few entries from several tabs at once, with any delivery
        /// order: the tabs settle (no tab puts its value back over another's for ever) and
        /// agree with what is stored; an entry only one tab touched keeps its last value.
        #[test]
        fn tabs_settle_when_they_change_the_same_entries(
            steps in proptest::collection::vec((0usize..3, 0u8..4, 0u8..3), 1..40)
        ) {
            let mut b = LaggingBrowser::new(3);
            let mut last_by = std::collections::BTreeMap::new();
            for (n, (tab, what, entry)) in steps.into_iter().enumerate() {
                match what {
                    0 => {
                        b.deliver_one(tab);
                    }
                    1 => b.change(tab, |p| {
                        p.answer("l1", &tf(&format!("q{entry}")), &Answer::Bool(n % 2 == 0)).unwrap();
                    }),
                    _ => {
                        let text = format!("tab {tab}, step {n}");
                        b.change(tab, |p| p.reflect("l1", &format!("r{entry}"), &text).unwrap());
                        last_by.entry(entry).or_insert_with(Vec::new).push((tab, text));
                    }
                }
            }
            b.settle();
            b.assert_agreed();
            let stored = b.stored();
            for (entry, writes) in last_by {
                let only_one_tab = writes.iter().all(|(t, _)| *t == writes[0].0);
                if only_one_tab {
                    proptest::prop_assert_eq!(
                        &stored.lessons["l1"].reflections[&format!("r{entry}")],
                        &writes.last().unwrap().1
                    );
                }
            }
        }
    }

    #[test]
    fn interleaved_changes_in_three_tabs_are_all_kept() {
        let mut b = LaggingBrowser::new(3);
        b.change_seen(0, |p| {
            p.answer("l1", &tf("q1"), &Answer::Bool(true)).unwrap();
        });
        b.change_seen(1, |p| {
            p.answer("l1", &tf("q2"), &Answer::Bool(false)).unwrap();
        });
        b.change_seen(2, |p| p.reflect("l2", "r1", "mesh first").unwrap());
        b.change_seen(0, |p| p.exercise("l3", "ex", true, Some("plan".into())));
        b.change_seen(1, |p| {
            p.reflect("l2", "r1", "mesh first, hub later").unwrap()
        });
        for tab in b.tabs.iter().map(|t| &t.shown) {
            assert_eq!(tab.item("l1", "q1").unwrap().best, 100);
            assert_eq!(tab.item("l1", "q2").unwrap().attempts, 1);
            assert_eq!(tab.lessons["l2"].reflections["r1"], "mesh first, hub later");
            assert!(tab.lessons["l3"].exercises["ex"].passed);
        }
        assert_eq!(
            Stored::read(b.stored.as_deref()),
            Stored::Record(b.tabs[2].shown.clone())
        );
    }

    #[test]
    fn a_reset_in_one_tab_is_not_undone_by_another() {
        let mut b = LaggingBrowser::new(2);
        b.change_seen(0, |p| p.open("l1"));
        b.change_seen(1, |p| *p = Progress::with_seed(99));
        // Tab 0 makes a change after the reset: the old work does not come back.
        b.change_seen(0, |p| p.open("l2"));
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
        let mut own = OwnChanges::new(1, &mine);
        assert_eq!(
            follow(Stored::read(Some(newer)), &mine, &mut own),
            Follow::Reload { newer: 7 }
        );
        assert_eq!(
            follow(Stored::read(Some("garbage")), &mine, &mut own),
            Follow::Stay
        );
    }
}
