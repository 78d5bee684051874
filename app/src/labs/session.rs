//! One lab session: the generic piece every lab uses to open (from a link, from saved
//! exercise work, or fresh), to keep its link in step, to check an exercise and to show the
//! goal, the verdict and anything that could not be read.
//!
//! A lab component calls [`use_lab_session`] once, starts its own state from
//! [`LabSession::opening`], calls [`LabSession::changed`] whenever its state changes and
//! [`LabSession::check`] from the goal's button, and renders [`exercise_goal`] and
//! [`lab_notice`]. Reading, versioning and checking are `core`'s
//! (`cloudhop_core::exercise`); what this adds is the browser: storage for what is kept
//! aside, and the callbacks of the page around the lab.

use super::LabProps;
use crate::components::message::message_view;
use crate::storage;
use cloudhop_core::exercise::{encode_state, open_link, restore, Restored, Verdict};
use cloudhop_core::labs::{LabId, Listed};
use std::rc::Rc;
use yew::prelude::*;

/// What a lab needs from its session. Cheap to clone; compare by what it holds.
pub struct LabSession<L: Listed> {
    /// The exercise, when the lab runs as one.
    pub exercise: Option<Rc<L::Exercise>>,
    /// The state the lab opens with (computed once, when the lab appears).
    pub opening: Rc<L::State>,
    /// What the learner must be told about the state the lab was opened with.
    pub notice: Option<AttrValue>,
    /// The verdict of the learner's last check, until the state changes again.
    pub verdict: Option<Verdict>,
    verdict_handle: UseStateHandle<Option<Verdict>>,
    on_check: Option<Callback<(Verdict, Option<String>)>>,
    on_state_change: Option<Callback<String>>,
    on_scenario: Option<Callback<String>>,
    /// Set when the opening text could not be read: the link is not rewritten until the
    /// learner changes something.
    opened_unreadable: bool,
}

impl<L: Listed> Clone for LabSession<L> {
    fn clone(&self) -> Self {
        LabSession {
            exercise: self.exercise.clone(),
            opening: self.opening.clone(),
            notice: self.notice.clone(),
            verdict: self.verdict.clone(),
            verdict_handle: self.verdict_handle.clone(),
            on_check: self.on_check.clone(),
            on_state_change: self.on_state_change.clone(),
            on_scenario: self.on_scenario.clone(),
            opened_unreadable: self.opened_unreadable,
        }
    }
}

impl<L: Listed> PartialEq for LabSession<L> {
    fn eq(&self, other: &Self) -> bool {
        self.exercise == other.exercise
            && Rc::ptr_eq(&self.opening, &other.opening)
            && self.notice == other.notice
            && self.verdict == other.verdict
            && self.on_check == other.on_check
            && self.on_state_change == other.on_state_change
            && self.on_scenario == other.on_scenario
    }
}

impl<L: Listed> LabSession<L> {
    /// The goal sentence, when the lab runs as an exercise.
    pub fn goal(&self) -> Option<AttrValue> {
        self.exercise
            .as_deref()
            .map(|ex| AttrValue::from(L::goal_text(ex)))
    }

    /// Check `state` against the exercise: the verdict is shown and reported, with the
    /// state in its text form, to the page (which saves it in the progress record).
    pub fn check(&self, state: &L::State) {
        let Some(ex) = self.exercise.as_deref() else {
            return;
        };
        let verdict = L::check(ex, state);
        if let Some(cb) = &self.on_check {
            cb.emit((verdict.clone(), Some(encode_state::<L>(state))));
        }
        self.verdict_handle.set(Some(verdict));
    }

    /// The lab's state changed: an old verdict no longer applies, and the page's link
    /// follows after the browser has drawn the change (a history update costs a few
    /// milliseconds). Dropping the returned timer cancels a pending write, so a dragged
    /// slider writes the link once: [`use_state_changes`] does that.
    pub fn changed(&self, state: &L::State) -> Option<gloo_timers::callback::Timeout> {
        if self.verdict_handle.is_some() {
            self.verdict_handle.set(None);
        }
        // A link that could not be read stays in the address bar until the learner
        // changes something, so it can still be copied and reported.
        let link = self
            .on_state_change
            .clone()
            .filter(|_| !(self.opened_unreadable && *state == *self.opening));
        let share = self.on_scenario.clone();
        if link.is_none() && share.is_none() {
            return None;
        }
        let text = encode_state::<L>(state);
        Some(gloo_timers::callback::Timeout::new(0, move || {
            if let Some(share) = share {
                share.emit(text.clone());
            }
            if let Some(link) = link {
                link.emit(text);
            }
        }))
    }

    /// The goal box for `state` (nothing outside an exercise): the goal, what the lab adds
    /// for this exercise (`extras`), Check and the verdict.
    pub fn goal_box(&self, state: &L::State, extras: impl FnOnce(&L::Exercise) -> Html) -> Html {
        let (Some(ex), Some(goal)) = (self.exercise.as_deref(), self.goal()) else {
            return html! {};
        };
        let on_check = {
            let (session, state) = (self.clone(), state.clone());
            Callback::from(move |()| session.check(&state))
        };
        exercise_goal(L::ID, goal, self.verdict.as_ref(), on_check, extras(ex))
    }

    /// Where "Reset" goes back to: the exercise's start, or the lab's default.
    pub fn start(&self) -> L::State {
        match self.exercise.as_deref() {
            Some(ex) => L::start(ex),
            None => L::default_state(),
        }
    }
}

/// The state a lab opens with, and what to tell the learner about it.
fn open<L: Listed>(
    props: &LabProps,
    exercise: Option<&L::Exercise>,
) -> (Restored<L::State>, Option<String>) {
    let (restored, from_link) = match (exercise, &props.exercise) {
        (Some(ex), Some(hook)) => (restore::<L>(ex, hook.saved_state.as_deref()), false),
        _ => (open_link::<L>(props.url_state.as_deref()), true),
    };
    let notice = restored.problem.as_ref().map(|p| {
        // A link refused for its size is not kept: a hostile link must not fill the store.
        // (Saved work is the learner's own and already stored: it is kept as ever.)
        if from_link && !p.error.worth_keeping() {
            return format!(
                "The scenario in this link was not opened ({}), so the lab's own starting scenario is shown.",
                p.error
            );
        }
        let kept = storage::keep_lab_state_aside(L::SLUG, &p.text);
        match (from_link, kept) {
            (true, Ok(_)) => format!(
                "The scenario in this link could not be read ({}), so the lab's own starting scenario is shown. The link's text is kept aside in this browser; you can download it from the Progress page.",
                p.error
            ),
            (true, Err(_)) => format!(
                "The scenario in this link could not be read ({}), so the lab's own starting scenario is shown.",
                p.error
            ),
            (false, Ok(_)) => format!(
                "Your saved work on this exercise could not be restored ({}), so the exercise starts afresh. The saved copy is kept aside in this browser; you can download it from the Progress page.",
                p.error
            ),
            (false, Err(e)) => format!(
                "Your saved work on this exercise could not be restored ({}), so the exercise starts afresh. It could not be kept aside ({e}): it stays in your progress record until your next check.",
                p.error
            ),
        }
    });
    (restored, notice)
}

/// The session of a lab of type `L` with the page's properties.
#[hook]
pub fn use_lab_session<L: Listed>(props: &LabProps) -> LabSession<L> {
    let spec = props.exercise.as_ref().map(|h| h.spec.clone());
    // The exercise's parameters are checked here, when the lab is shown: the course and a
    // workshop's link load without running the labs' engines (`exercise_check::AtUse`), so
    // the course map need not fetch them. A refused exercise is said in its place.
    let exercise = use_memo(spec, |spec| {
        spec.as_deref().map(|s| match L::exercise_in(s) {
            None => Err(format!(
                "This exercise belongs to the {}, not the {}.",
                s.lab().title(),
                L::ID.title()
            )),
            Some(ex) => L::validate(ex).map(|()| Rc::new(ex.clone())).map_err(|m| {
                format!("This exercise cannot be run ({m}), so the lab opens without it.")
            }),
        })
    });
    let refused = match &*exercise {
        Some(Err(why)) => Some(why.clone()),
        _ => None,
    };
    let exercise = match &*exercise {
        Some(Ok(ex)) => Some(ex.clone()),
        _ => None,
    };
    let opened = {
        let props = props.clone();
        let ex = exercise.clone();
        use_state(move || {
            let (restored, notice) = open::<L>(&props, ex.as_deref());
            (Rc::new(restored.state), notice, restored.problem.is_some())
        })
    };
    let verdict_handle = use_state(|| None::<Verdict>);
    let (opening, notice, unreadable) = (*opened).clone();
    LabSession {
        exercise,
        opening,
        notice: refused.or(notice).map(AttrValue::from),
        verdict: (*verdict_handle).clone(),
        verdict_handle,
        on_check: props.exercise.as_ref().map(|h| h.on_check.clone()),
        on_state_change: props.on_state_change.clone(),
        on_scenario: props.on_scenario.clone(),
        opened_unreadable: unreadable,
    }
}

/// Tell the session whenever the lab's state changes (the link follows, an old verdict
/// goes); a newer state cancels the link write of the one before.
#[hook]
pub fn use_state_changes<L: Listed>(session: &LabSession<L>, state: &L::State) {
    let session = session.clone();
    use_effect_with(state.clone(), move |state| {
        let pending = session.changed(state);
        move || drop(pending)
    });
}

/// The goal box of every lab exercise: the goal, the lab's extras (allowed controls, an
/// answer), Check and the verdict. A view function rather than a component: it has no
/// state of its own, and each component costs the bundle about 2 KB.
fn exercise_goal(
    lab: LabId,
    goal: AttrValue,
    verdict: Option<&Verdict>,
    on_check: Callback<()>,
    extras: Html,
) -> Html {
    let slug = lab.slug();
    let onclick = on_check.reform(|_: MouseEvent| ());
    html! {
        <div class={classes!("lab-goal", format!("{slug}-goal"))}>
            <p class="lab-goal-text"><strong>{ "Goal: " }</strong>{ goal }</p>
            { extras }
            <button type="button" class={classes!("button", "primary", "lab-check", format!("{slug}-check"))} {onclick}>{ "Check" }</button>
            { verdict_view(lab, verdict) }
        </div>
    }
}

/// A verdict: one set of symbols and classes (`pass` / `fail`) in every lab.
pub fn verdict_view(lab: LabId, verdict: Option<&Verdict>) -> Html {
    let Some(v) = verdict else {
        return html! {};
    };
    html! {
        <p class={classes!("lab-verdict", format!("{}-verdict", lab.slug()), if v.passed { "pass" } else { "fail" })} role="status">
            { format!("{} ", v.symbol()) }{ message_view(&v.message) }
        </p>
    }
}

/// What could not be read when the lab opened, said the same way in every lab.
pub fn lab_notice(lab: LabId, notice: Option<&AttrValue>) -> Html {
    match notice {
        Some(text) => html! {
            <p class={classes!("lab-notice", format!("{}-error", lab.slug()))} role="alert">{ message_view(text) }</p>
        },
        None => html! {},
    }
}
