//! The failover lab's one reducer: the scenario(s) on screen, a refused edit's message,
//! and a count of the learner's changes. Every edit goes through `core`, which applies it
//! or says why not.

use super::exercise::{LabState, DEFAULT_PRESET};
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
}

/// The lab's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Lab {
    /// What is on screen (and in the link).
    pub state: LabState,
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
            refused: None,
            changes: 0,
            refusals: 0,
        }
    }

    fn changed(&self, state: LabState) -> Lab {
        Lab {
            state,
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
        };
        Rc::new(lab)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudhop_core::failover::knobs::{find, KnobValue};

    fn lab(preset: &str) -> Rc<Lab> {
        Rc::new(Lab::new(LabState::preset(preset)))
    }

    fn edit(lab: &Rc<Lab>, side: Side, path: &str, v: KnobValue, locks: Locks) -> Rc<Lab> {
        let s = match side {
            Side::A => &lab.state.a,
            Side::B => lab.state.b.as_ref().unwrap(),
        };
        let knob = find(s, path).unwrap();
        lab.clone()
            .reduce(Action::Edit(side, Edit::new(knob, v), locks))
    }

    #[test]
    fn an_edit_core_accepts_is_a_change() {
        let l = lab("static-site");
        let l = edit(&l, Side::A, "ttl_s", KnobValue::Number(30.0), Locks::none());
        assert_eq!(l.state.a.value_at("ttl_s"), Some(serde_json::json!(30.0)));
        assert_eq!((l.changes, l.refusals), (1, 0));
        assert!(l.refused.is_none());
    }

    #[test]
    fn a_refused_edit_changes_nothing_and_says_why() {
        let l = lab("static-site");
        let r = edit(
            &l,
            Side::A,
            "ttl_s",
            KnobValue::Number(5000.0),
            Locks::none(),
        );
        assert_eq!(r.state, l.state);
        assert_eq!((r.changes, r.refusals), (0, 1));
        assert_eq!(
            r.refused,
            Some((
                Side::A,
                "Record TTL must be from 0 s to 15 min, not 83.3 min".into()
            ))
        );
        let fixed = edit(
            &l,
            Side::A,
            "capped_share",
            KnobValue::Number(0.0),
            Locks::exercise(vec!["capped_share".into()]),
        );
        assert_eq!(fixed.state, l.state);
        assert!(fixed.refused.as_ref().unwrap().1.contains("fixed"));
    }

    #[test]
    fn compare_copies_a_and_edits_reach_only_their_side() {
        let l = lab("interconnect").reduce(Action::ToggleCompare);
        assert_eq!(l.state.b.as_ref(), Some(&l.state.a));
        let l = edit(&l, Side::B, "bfd", KnobValue::Flag(true), Locks::none());
        assert_eq!(l.state.a.value_at("bfd"), Some(serde_json::json!(false)));
        assert_eq!(
            l.state.b.as_ref().unwrap().value_at("bfd"),
            Some(serde_json::json!(true))
        );
        let l = l.reduce(Action::ToggleCompare);
        assert!(l.state.b.is_none() && l.changes == 3);
    }

    #[test]
    fn reset_goes_back_to_the_preset_or_the_exercise_start() {
        let l = edit(
            &lab("ipsec"),
            Side::A,
            "dpd_retries",
            KnobValue::Number(1.0),
            Locks::none(),
        );
        assert_eq!(
            l.clone().reduce(Action::Reset(None)).state,
            LabState::preset("ipsec")
        );
        let start = Rc::new(Scenario::preset("region").unwrap());
        let r = l.reduce(Action::Reset(Some(start.clone())));
        assert_eq!(r.state.a, *start);
        let mut none = LabState::preset("ipsec");
        none.preset.clear();
        let l = Rc::new(Lab::new(none)).reduce(Action::Reset(None));
        assert_eq!(l.state, LabState::preset(DEFAULT_PRESET));
    }

    #[test]
    fn a_followed_link_is_not_the_learner_s_change() {
        let l = lab("static-site").reduce(Action::Follow(Rc::new(LabState::preset("region"))));
        assert_eq!(l.state, LabState::preset("region"));
        assert_eq!(l.changes, 0);
        let l = l.reduce(Action::Choose(2));
        assert_eq!((l.state.choice, l.changes), (Some(2), 1));
    }
}
