//! The failover lab's one reducer: the scenario(s) on screen, the last verdict, a refused
//! edit's message, and a count of the learner's changes (the lab reports each change to
//! the page, which keeps the URL in step). Every edit goes through `core`, which applies it
//! or says why not.

use super::exercise::{LabState, DEFAULT_PRESET};
use cloudhop_core::exercise::Verdict;
use cloudhop_core::failover::knobs::{self, Edit, Locks};
use cloudhop_core::failover::scenario::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// Which side a change applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    /// `a` or `b`, as in element ids and `data-side`.
    pub fn key(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }

    /// `A` or `B`, as people read it.
    pub fn name(self) -> &'static str {
        match self {
            Side::A => "A",
            Side::B => "B",
        }
    }
}

/// What the learner (or a followed link) does.
pub enum Action {
    /// Turn a knob on one side; `Locks` are the exercise's.
    Edit(Side, Edit, Locks),
    /// Open a preset.
    Preset(String),
    /// Start or stop comparing with a copy.
    ToggleCompare,
    /// Back to the exercise's start, or to the preset.
    Reset(Option<Rc<Scenario>>),
    /// Pick an option of a "which change" exercise.
    Choose(usize),
    /// A shared link opened while the lab is on screen.
    Follow(Rc<LabState>),
    /// A check's verdict.
    Checked(Verdict),
}

/// The lab's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Lab {
    /// What is on screen (and in the link).
    pub state: LabState,
    /// The last check's verdict, until the next change.
    pub verdict: Option<Verdict>,
    /// The last refused edit: its side and why.
    pub refused: Option<(Side, String)>,
    /// How many changes the learner made (the page hears of each).
    pub changes: u64,
    /// How many edits were refused: the controls redraw at their values on each.
    pub refusals: u64,
}

impl Lab {
    pub fn new(state: LabState) -> Lab {
        Lab {
            state,
            verdict: None,
            refused: None,
            changes: 0,
            refusals: 0,
        }
    }

    fn changed(&self, state: LabState) -> Lab {
        Lab {
            state,
            verdict: None,
            refused: None,
            changes: self.changes + 1,
            refusals: self.refusals,
        }
    }
}

impl Reducible for Lab {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.state.clone();
        let lab = match action {
            Action::Edit(side, edit, locks) => {
                let target = match side {
                    Side::A => Some(&mut next.a),
                    Side::B => next.b.as_mut(),
                };
                let Some(s) = target else { return self };
                match knobs::apply(s, &edit, &locks) {
                    Ok(changed) => {
                        *s = changed;
                        self.changed(next)
                    }
                    // Refused: the scenario stays, the control is redrawn at its value.
                    Err(e) => Lab {
                        refused: Some((side, e.to_string())),
                        refusals: self.refusals + 1,
                        ..(*self).clone()
                    },
                }
            }
            Action::Preset(id) => self.changed(LabState::preset(&id)),
            Action::ToggleCompare => {
                next.b = match next.b {
                    Some(_) => None,
                    None => Some(next.a.clone()),
                };
                self.changed(next)
            }
            Action::Reset(Some(start)) => self.changed(LabState::start(&start)),
            Action::Reset(None) => self.changed(LabState::preset(if next.preset.is_empty() {
                DEFAULT_PRESET
            } else {
                &next.preset
            })),
            Action::Choose(i) => {
                next.choice = Some(i);
                self.changed(next)
            }
            Action::Follow(state) => Lab {
                state: (*state).clone(),
                ..(*self).clone()
            },
            Action::Checked(v) => Lab {
                verdict: Some(v),
                ..(*self).clone()
            },
        };
        Rc::new(lab)
    }
}
