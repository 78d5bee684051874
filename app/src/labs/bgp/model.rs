//! The lab's state ([`LabState`], shareable in the URL) and its one reducer: the state,
//! undo history, the AS selected, playback, the last refused edit. Every scenario edit goes through `cloudhop_core`
//! ([`Scenario::apply`]), which validates it; this only keeps UI state.

use cloudhop_core::bgp::asn::Asn;
use cloudhop_core::bgp::edit::ScenarioEdit;
use cloudhop_core::bgp::events::Simulation;
use cloudhop_core::bgp::replay::{PlayAction, Playback};
use cloudhop_core::bgp::scenario::{IpNet, Scenario};
use cloudhop_core::bgp::seeds::seed;
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

/// The lab's state: the scenario, the prefix shown and an answer. It is core's
/// (`cloudhop_core::labs::BgpState`), so links and saved work are read and versioned there.
pub use cloudhop_core::labs::BgpState as LabState;

/// A simulation to play from, shared between renders (compared by identity).
#[derive(Clone, Debug)]
pub(crate) struct SimStart(pub Arc<Simulation>);

impl PartialEq for SimStart {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Where a refused edit's message is shown in the AS panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Under the neighbours and policy table.
    Policy,
    /// Under the announcement controls.
    Announce,
}

/// A refused edit: whose panel, where, and why.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Refusal {
    pub asn: Asn,
    pub slot: Slot,
    pub message: String,
}

/// What the learner does.
pub(crate) enum LabAction {
    /// A scenario edit, validated by core.
    Edit(Asn, ScenarioEdit),
    /// An announcement that also becomes the prefix shown.
    AnnounceAndShow(Asn, IpNet),
    /// A value typed into a control that core refused before it became an edit.
    Refuse(Refusal),
    /// Show another prefix.
    ChoosePrefix(String),
    /// Mark or unmark an AS (question exercises).
    ToggleAnswer(Asn),
    /// Open a seed scenario by name.
    Seed(String),
    /// Back one edit.
    Undo,
    /// Back to the start (computed by the exercise plumbing).
    Reset(Box<LabState>),
    /// Select an AS, or unselect it.
    Select(Asn),
    /// A playback control or the timer.
    Play(PlayAction),
}

/// The lab's UI state.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lab {
    pub state: LabState,
    pub history: Vec<LabState>,
    /// The scenario before the learner's last edit, and after it, when that edit changed
    /// routing: playback shows its re-convergence when it is one a network can apply.
    pub transition: Option<(Scenario, Scenario)>,
    pub selected: Option<Asn>,
    pub play: Playback,
    pub refused: Option<Refusal>,
}

impl Lab {
    pub fn new(state: LabState) -> Lab {
        Lab {
            state,
            history: Vec::new(),
            transition: None,
            selected: None,
            play: Playback::default(),
            refused: None,
        }
    }

    /// The scenario to re-converge from, if the last edit led to the scenario shown.
    pub fn from(&self) -> Option<Scenario> {
        self.transition
            .as_ref()
            .filter(|(_, to)| *to == self.state.sc)
            .map(|(from, _)| from.clone())
    }

    /// Make `next` the state: history, re-convergence, playback and verdict follow.
    fn change(&mut self, next: LabState) {
        if next == self.state {
            return;
        }
        let old = std::mem::replace(&mut self.state, next);
        // Only a change of routing starts a re-convergence; choosing a prefix or marking
        // an AS keeps the one shown.
        if old.sc != self.state.sc {
            self.transition = Some((old.sc.clone(), self.state.sc.clone()));
        }
        self.history.push(old);
        self.play = Playback::default();
    }

    fn edit(&mut self, asn: Asn, slot: Slot, edit: &ScenarioEdit, show: Option<String>) {
        let mut next = self.state.clone();
        match next.sc.apply(edit) {
            Ok(()) => {
                if show.is_some() {
                    next.prefix = show;
                }
                self.refused = None;
                self.change(next);
            }
            Err(e) => {
                self.refused = Some(Refusal {
                    asn,
                    slot,
                    message: e.to_string(),
                })
            }
        }
    }
}

fn slot_of(edit: &ScenarioEdit) -> Slot {
    match edit {
        ScenarioEdit::Announce { .. } | ScenarioEdit::Withdraw { .. } => Slot::Announce,
        _ => Slot::Policy,
    }
}

impl Reducible for Lab {
    type Action = LabAction;

    fn reduce(self: Rc<Self>, action: LabAction) -> Rc<Self> {
        let mut m = (*self).clone();
        match action {
            LabAction::Edit(asn, edit) => m.edit(asn, slot_of(&edit), &edit, None),
            LabAction::AnnounceAndShow(asn, prefix) => m.edit(
                asn,
                Slot::Announce,
                &ScenarioEdit::Announce {
                    prefix,
                    origin: asn,
                },
                Some(prefix.trunc().to_string()),
            ),
            LabAction::Refuse(r) => m.refused = Some(r),
            LabAction::ChoosePrefix(p) => {
                let mut next = m.state.clone();
                next.prefix = Some(p);
                m.change(next);
            }
            LabAction::ToggleAnswer(a) => {
                let mut next = m.state.clone();
                if let Some(i) = next.answer.iter().position(|x| *x == a) {
                    next.answer.remove(i);
                } else {
                    next.answer.push(a);
                    cloudhop_core::order::sort(&mut next.answer);
                }
                m.change(next);
            }
            LabAction::Seed(name) => {
                if let Ok(sc) = seed(&name) {
                    m.selected = None;
                    m.refused = None;
                    m.change(LabState {
                        sc,
                        ..LabState::default()
                    });
                    // A new seed plays from empty tables.
                    m.transition = None;
                }
            }
            LabAction::Undo => {
                if let Some(prev) = m.history.pop() {
                    m.transition = None;
                    m.state = prev;
                    m.play = Playback::default();
                    m.refused = None;
                }
            }
            LabAction::Reset(fresh) => {
                m.transition = None;
                let old = std::mem::replace(&mut m.state, *fresh);
                m.history.push(old);
                m.selected = None;
                m.play = Playback::default();
                m.refused = None;
            }
            LabAction::Select(a) => {
                m.selected = if m.selected == Some(a) { None } else { Some(a) };
                m.refused = None;
            }
            LabAction::Play(a) => m.play = m.play.apply(a),
        }
        Rc::new(m)
    }
}
