//! The lab's one reducer: the lab state and the selected matrix cell. Callbacks dispatch
//! edits that apply to the current state, so they capture nothing from the render that
//! made them and are created once (and the figures' properties stay equal across renders).
//! The edits themselves are the engine's (`Scenario`, `LatencyAnswer`).

use super::state::LabState;
use std::rc::Rc;
use yew::prelude::*;

/// An edit of the lab state.
pub(crate) type Edit = Rc<dyn Fn(&mut LabState)>;

/// The reducer's state.
#[derive(PartialEq)]
pub(crate) struct Lab {
    pub state: LabState,
    pub selected: Option<(usize, usize)>,
}

/// What the reducer does.
pub(crate) enum LabMsg {
    /// Apply an edit (the selection is dropped when the sites change in number).
    Edit(Edit),
    /// Select a matrix cell.
    Select((usize, usize)),
}

impl Reducible for Lab {
    type Action = LabMsg;

    fn reduce(self: Rc<Self>, msg: LabMsg) -> Rc<Self> {
        match msg {
            LabMsg::Edit(f) => {
                let mut state = self.state.clone();
                f(&mut state);
                let selected = if state.scenario.sites.len() != self.state.scenario.sites.len() {
                    None
                } else {
                    self.selected
                };
                Rc::new(Lab { state, selected })
            }
            LabMsg::Select(c) => Rc::new(Lab {
                state: self.state.clone(),
                selected: Some(c),
            }),
        }
    }
}

/// The callbacks handed to the controls and figures, made once per lab instance.
#[derive(PartialEq)]
pub(crate) struct Handlers {
    pub edit: Callback<Edit>,
    pub map_click: Callback<(f64, f64)>,
    pub toggle_fail: Callback<String>,
    pub fail_via: Callback<String>,
    pub remove_site: Callback<usize>,
    pub set_show: Callback<usize>,
    pub set_choice: Callback<(usize, String)>,
    pub select_cell: Callback<(usize, usize)>,
}

impl Handlers {
    pub fn new(d: &UseReducerDispatcher<Lab>) -> Handlers {
        let edit = {
            let d = d.clone();
            Callback::from(move |f: Edit| d.dispatch(LabMsg::Edit(f)))
        };
        let map_click = edit.reform(|(lat, lon): (f64, f64)| -> Edit {
            Rc::new(move |s: &mut LabState| s.scenario.add_office_at(lat, lon))
        });
        let toggle_fail = edit.reform(|id: String| -> Edit {
            Rc::new(move |s: &mut LabState| s.scenario.toggle_failed(&id))
        });
        // Failing a hub or exchange pins it first, so a "best" choice does not move away.
        let fail_via = edit.reform(|id: String| -> Edit {
            Rc::new(move |s: &mut LabState| s.scenario.toggle_failed_via(s.show, &id))
        });
        let remove_site = edit.reform(|idx: usize| -> Edit {
            Rc::new(move |s: &mut LabState| s.scenario.remove_site(idx))
        });
        let set_show =
            edit.reform(|i: usize| -> Edit { Rc::new(move |s: &mut LabState| s.show = i) });
        let set_choice = edit.reform(|(idx, value): (usize, String)| -> Edit {
            Rc::new(move |s: &mut LabState| s.scenario.set_choice(idx, &value))
        });
        let select_cell = {
            let d = d.clone();
            Callback::from(move |c: (usize, usize)| d.dispatch(LabMsg::Select(c)))
        };
        Handlers {
            edit,
            map_click,
            toggle_fail,
            fail_via,
            remove_site,
            set_show,
            set_choice,
            select_cell,
        }
    }
}
