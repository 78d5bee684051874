//! BGP lab: an AS topology drawn as a graph, every AS's best route for a prefix, why it
//! won, and propagation played message by message. Announce, withdraw, fail links,
//! prepend, set local preference, leak and hijack; undo and reset; share by URL.
//!
//! Everything shown is computed by `cloudhop_core::bgp`; this module keeps UI state (a
//! [`LabState`], shareable in the URL) and draws.

mod graph;
mod panel;
mod scale;

use super::LabProps;
use cloudhop_core::bgp::asn::Asn;
use cloudhop_core::bgp::events::{Delivery, Simulation};
use cloudhop_core::bgp::exercise::{BgpAttempt, BgpExercise, Control};
use cloudhop_core::bgp::reconverge::reconverge;
use cloudhop_core::bgp::scenario::{IpNet, Ribs, Scenario};
use cloudhop_core::bgp::seeds::{seed, SEEDS};
use cloudhop_core::exercise::Verdict;
use cloudhop_core::labs::ExerciseSpec;
use cloudhop_core::share;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Most messages the lab plays for one scenario (lab scenarios need far fewer).
const PLAY_LIMIT: usize = 5_000;

/// The lab's state: the scenario, the prefix shown, the AS selected and an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabState {
    /// The scenario.
    pub sc: Scenario,
    /// The prefix whose routes are drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// ASes the learner marked (answer to a question exercise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<Asn>,
}

impl Default for LabState {
    fn default() -> Self {
        LabState {
            sc: seed("saas-exchange").unwrap_or_default(),
            prefix: None,
            answer: Vec::new(),
        }
    }
}

impl LabState {
    /// Parse a URL state (`share::encode`d JSON); `None` if it is not valid.
    pub fn from_url(text: &str) -> Option<LabState> {
        serde_json::from_str(&share::decode(text)).ok()
    }

    /// The URL form.
    pub fn to_url(&self) -> String {
        share::encode(&serde_json::to_string(self).unwrap_or_default())
    }
}

/// A simulation to play from, shared between renders (compared by identity).
#[derive(Clone, Debug)]
pub(crate) struct SimStart(pub Rc<Simulation>);

impl PartialEq for SimStart {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A message log to play: where it starts and the messages, in order.
#[derive(Clone)]
pub(crate) struct Replay {
    /// The simulation before the first message.
    pub start: SimStart,
    /// The messages.
    pub log: Vec<Delivery>,
    /// The log was cut at [`PLAY_LIMIT`].
    pub cut: bool,
}

impl Replay {
    /// Play `start` to the end (or to [`PLAY_LIMIT`]); also gives the final simulation.
    fn record(start: Simulation) -> (Replay, Simulation) {
        let mut sim = start.clone();
        let mut log = Vec::new();
        let mut cut = false;
        while let Some(d) = sim.step() {
            log.push(d);
            if log.len() >= PLAY_LIMIT {
                cut = true;
                break;
            }
        }
        let r = Replay {
            start: SimStart(Rc::new(start)),
            log,
            cut,
        };
        (r, sim)
    }
}

/// The converged state of a scenario, the messages of propagation from empty tables, and,
/// after a failure, restore, announcement or withdrawal, the messages of re-convergence.
#[derive(Clone)]
pub(crate) struct Computed {
    /// The stable routes, or why the scenario is refused.
    pub ribs: Result<Ribs, String>,
    /// Propagation from empty tables.
    pub scratch: Option<Replay>,
    /// Re-convergence from the previous scenario's converged state, and what changed
    /// ("failing the link AS 1 – AS 2").
    pub change: Option<(String, Replay)>,
}

fn compute((sc, from): &(Scenario, Option<Scenario>)) -> Computed {
    let net = match sc.network() {
        Ok(n) => n,
        Err(e) => {
            return Computed {
                ribs: Err(e),
                scratch: None,
                change: None,
            }
        }
    };
    let ribs = net.compute();
    let scratch = Simulation::new(&net).ok().map(|s| Replay::record(s).0);
    // Re-convergence only when it is cheap to check that it lands where the direct
    // computation does (it always should; if not, the log from empty tables is shown).
    let change = match (from, &ribs) {
        (Some(old), Ok(r)) => reconverge(old, sc).ok().and_then(|rc| {
            let what = rc.describe();
            let (replay, end) = Replay::record(rc.sim);
            (replay.cut || end.ribs() == *r).then_some((what, replay))
        }),
        _ => None,
    };
    Computed {
        ribs,
        scratch,
        change,
    }
}

/// The simulation after `k` messages from `start` (for the "why" panel and for playback).
pub(crate) fn simulation_at(start: &Simulation, k: usize) -> Simulation {
    let mut sim = start.clone();
    for _ in 0..k.min(PLAY_LIMIT) {
        if sim.step().is_none() {
            break;
        }
    }
    sim
}

/// The prefixes announced in the scenario, in address order.
pub(crate) fn prefixes(sc: &Scenario) -> Vec<IpNet> {
    let mut v: Vec<IpNet> = sc
        .announcements
        .iter()
        .filter_map(|a| a.prefix.parse().ok())
        .collect();
    v.sort();
    v.dedup();
    v
}

fn bgp_exercise(props: &LabProps) -> Option<BgpExercise> {
    match props.exercise.as_ref().map(|h| h.spec.as_ref()) {
        Some(ExerciseSpec::Bgp(ex)) => Some(ex.clone()),
        _ => None,
    }
}

fn start_state(props: &LabProps) -> LabState {
    if let Some(ex) = bgp_exercise(props) {
        return LabState {
            sc: ex.start().unwrap_or_default(),
            prefix: None,
            answer: Vec::new(),
        };
    }
    LabState::default()
}

fn initial_state(props: &LabProps) -> LabState {
    if bgp_exercise(props).is_some() {
        let saved = props
            .exercise
            .as_ref()
            .and_then(|h| h.saved_state.as_deref())
            .and_then(LabState::from_url);
        return saved.unwrap_or_else(|| start_state(props));
    }
    props
        .url_state
        .as_deref()
        .and_then(LabState::from_url)
        .unwrap_or_default()
}

/// Playback of propagation: how many messages are delivered, and whether it plays.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Playback {
    /// `None`: show the converged state. `Some(k)`: the state after `k` messages.
    pub at: Option<usize>,
    /// Advancing on a timer.
    pub playing: bool,
    /// Playing propagation from empty tables even when a re-convergence log exists.
    pub scratch: bool,
}

pub(crate) enum PlayAction {
    Play(usize),
    Pause,
    Step(usize),
    Tick(usize),
    Restart,
    Finish,
}

impl Reducible for Playback {
    type Action = PlayAction;
    fn reduce(self: Rc<Self>, action: PlayAction) -> Rc<Self> {
        let p = *self;
        Rc::new(match action {
            PlayAction::Play(total) => {
                let at = match p.at {
                    Some(k) if k < total => k,
                    _ => 0,
                };
                Playback {
                    at: Some(at),
                    playing: true,
                    ..p
                }
            }
            PlayAction::Pause => Playback {
                playing: false,
                ..p
            },
            PlayAction::Step(total) => {
                let k = p.at.map_or(0, |k| k + 1);
                Playback {
                    at: Some(k.min(total)),
                    playing: false,
                    ..p
                }
            }
            PlayAction::Tick(total) => match p.at {
                Some(k) if k < total && p.playing => Playback {
                    at: Some(k + 1),
                    playing: k + 1 < total,
                    ..p
                },
                _ => Playback {
                    playing: false,
                    ..p
                },
            },
            PlayAction::Restart => Playback {
                at: Some(0),
                playing: false,
                scratch: true,
            },
            PlayAction::Finish => Playback::default(),
        })
    }
}

/// An edit to the lab state.
pub(crate) type Edit = Rc<dyn Fn(&mut LabState)>;

/// BGP lab.
#[function_component]
pub fn BgpLab(props: &LabProps) -> Html {
    let state = {
        let props = props.clone();
        use_state(move || initial_state(&props))
    };
    let history = use_mut_ref(Vec::<LabState>::new);
    let selected = use_state(|| None::<Asn>);
    let verdict = use_state(|| None::<Verdict>);
    let play = use_reducer(Playback::default);
    // The scenario before the learner's last edit, when that edit was one a running network
    // can apply (a failure, a restore, an announcement): playback shows its re-convergence.
    let transition = use_state(|| None::<(Scenario, Scenario)>);
    let computed = {
        let from = transition
            .as_ref()
            .filter(|(_, to)| *to == state.sc)
            .map(|(from, _)| from.clone());
        use_memo((state.sc.clone(), from), compute)
    };
    // The log playback works on: re-convergence after a change, unless the learner asked
    // for propagation from empty tables.
    let replay: Option<&Replay> = match (&computed.change, play.scratch) {
        (Some((_, r)), false) => Some(r),
        _ => computed.scratch.as_ref(),
    };
    let change_text: Option<&str> = match (&computed.change, play.scratch) {
        (Some((what, _)), false) => Some(what.as_str()),
        _ => None,
    };
    let log: &[Delivery] = replay.map_or(&[], |r| r.log.as_slice());
    let cut = replay.is_some_and(|r| r.cut);
    let total = log.len();

    {
        let cb = props.on_state_change.clone();
        let in_exercise = props.exercise.is_some();
        use_effect_with((*state).clone(), move |s| {
            if let (Some(cb), false) = (cb, in_exercise) {
                cb.emit(s.to_url());
            }
        });
    }
    // The timer that plays propagation.
    {
        let play = play.clone();
        use_effect_with((play.playing, total), move |(playing, total)| {
            let total = *total;
            let mut handle: Option<(i32, Closure<dyn FnMut()>)> = None;
            if *playing {
                let tick = play.dispatcher();
                let cb =
                    Closure::<dyn FnMut()>::new(move || tick.dispatch(PlayAction::Tick(total)));
                if let Some(w) = web_sys::window() {
                    if let Ok(id) = w.set_interval_with_callback_and_timeout_and_arguments_0(
                        cb.as_ref().unchecked_ref(),
                        700,
                    ) {
                        handle = Some((id, cb));
                    }
                }
            }
            move || {
                if let (Some((id, _cb)), Some(w)) = (handle, web_sys::window()) {
                    w.clear_interval_with_handle(id);
                }
            }
        });
    }

    let edit = {
        let state = state.clone();
        let history = history.clone();
        let play = play.clone();
        let verdict = verdict.clone();
        let transition = transition.clone();
        Callback::from(move |f: Edit| {
            let mut s = (*state).clone();
            f(&mut s);
            if s != *state {
                history.borrow_mut().push((*state).clone());
                // Only a change of routing starts a re-convergence; choosing a prefix or
                // marking an AS keeps the one shown.
                if s.sc != state.sc {
                    transition.set(Some((state.sc.clone(), s.sc.clone())));
                }
                state.set(s);
                play.dispatch(PlayAction::Finish);
                verdict.set(None);
            }
        })
    };
    let on_undo = {
        let state = state.clone();
        let history = history.clone();
        let play = play.clone();
        let transition = transition.clone();
        Callback::from(move |_| {
            if let Some(prev) = history.borrow_mut().pop() {
                transition.set(None);
                state.set(prev);
                play.dispatch(PlayAction::Finish);
            }
        })
    };
    let on_reset = {
        let state = state.clone();
        let history = history.clone();
        let selected = selected.clone();
        let props = props.clone();
        let play = play.clone();
        let transition = transition.clone();
        Callback::from(move |_| {
            transition.set(None);
            let fresh = if bgp_exercise(&props).is_some() {
                start_state(&props)
            } else {
                LabState {
                    sc: seed_of(&state.sc),
                    ..LabState::default()
                }
            };
            history.borrow_mut().push((*state).clone());
            state.set(fresh);
            selected.set(None);
            play.dispatch(PlayAction::Finish);
        })
    };
    let on_seed = {
        let edit = edit.clone();
        let selected = selected.clone();
        let transition = transition.clone();
        Callback::from(move |e: Event| {
            let name = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Ok(sc) = seed(&name) {
                selected.set(None);
                edit.emit(Rc::new(move |s: &mut LabState| {
                    *s = LabState {
                        sc: sc.clone(),
                        ..LabState::default()
                    };
                }));
                // A new seed plays from empty tables.
                transition.set(None);
            }
        })
    };

    let exercise = bgp_exercise(props);
    let question = exercise.as_ref().is_some_and(|e| e.is_question());
    let allowed: Option<Vec<Control>> = exercise.as_ref().map(|e| e.allow.clone());

    let all_prefixes = prefixes(&state.sc);
    let prefix: Option<IpNet> = state
        .prefix
        .as_deref()
        .and_then(|p| p.parse().ok())
        .filter(|p| all_prefixes.contains(p))
        .or_else(|| all_prefixes.first().copied());
    let on_prefix = {
        let edit = edit.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            edit.emit(Rc::new(move |s: &mut LabState| s.prefix = Some(v.clone())));
        })
    };

    // What the graph shows: converged, or the simulation part-way.
    let at = play.at.map(|k| k.min(total));
    let start: Option<SimStart> = replay.map(|r| r.start.clone());
    let ribs: Option<Ribs> = match (&computed.ribs, at, &start) {
        (Ok(r), None, _) => Some(r.clone()),
        (Ok(_), Some(k), Some(st)) => Some(simulation_at(&st.0, k).ribs()),
        _ => None,
    };
    let last: Option<&Delivery> = at.and_then(|k| k.checked_sub(1)).and_then(|i| log.get(i));

    let on_select = {
        let selected = selected.clone();
        Callback::from(move |a: Asn| {
            selected.set(if *selected == Some(a) { None } else { Some(a) });
        })
    };

    let on_check = {
        let state = state.clone();
        let verdict = verdict.clone();
        let hook = props.exercise.clone();
        let exercise = exercise.clone();
        Callback::from(move |_| {
            let Some(ex) = exercise.as_ref() else { return };
            let attempt = BgpAttempt {
                scenario: state.sc.clone(),
                answer: state.answer.clone(),
            };
            let v = ex.check(&attempt);
            if let Some(h) = hook.as_ref() {
                h.on_check.emit((v.clone(), Some(state.to_url())));
            }
            verdict.set(Some(v));
        })
    };

    let d = play.dispatcher();
    let (d1, d2, d3, d4) = (d.clone(), d.clone(), d.clone(), d);
    let play_controls = html! {
        <div class="bgp-play" role="group" aria-label="Propagation">
            if play.playing {
                <button class="bgp-pause" onclick={Callback::from(move |_| d1.dispatch(PlayAction::Pause))}>{ "❚❚ Pause" }</button>
            } else {
                <button class="bgp-playbtn" onclick={Callback::from(move |_| d1.dispatch(PlayAction::Play(total)))}>{ "▶ Play" }</button>
            }
            <button class="bgp-step" onclick={Callback::from(move |_| d2.dispatch(PlayAction::Step(total)))}
                disabled={at == Some(total)}>{ "Step ›" }</button>
            <button class="bgp-restart" onclick={Callback::from(move |_| d3.dispatch(PlayAction::Restart))}>{ "« From empty tables" }</button>
            <button class="bgp-converged" onclick={Callback::from(move |_| d4.dispatch(PlayAction::Finish))}
                disabled={at.is_none()}>{ "Converged »" }</button>
            <span class="bgp-play-count" data-at={at.map(|k| k.to_string()).unwrap_or_else(|| total.to_string())}
                data-total={total.to_string()}>
                { match at {
                    Some(k) => format!("{k} of {total} messages delivered"),
                    None => format!("{} after {total} messages{}",
                        if change_text.is_some() { "re-converged" } else { "converged" },
                        if cut { " (cut)" } else { "" }),
                } }
            </span>
        </div>
    };

    let log_view = {
        let upto = at.unwrap_or(total);
        let start = upto.saturating_sub(8);
        let plural = if total == 1 { "message" } else { "messages" };
        let what = match change_text {
            Some(c) => format!("After {c}: {total} {plural}"),
            None => format!("From empty tables: {total} {plural}"),
        };
        html! {
            <>
            <p class="bgp-log-what" data-mode={if change_text.is_some() { "change" } else { "scratch" }}>{ what }</p>
            <ol class="bgp-log" start={(start + 1).to_string()} aria-label="Messages">
                { for log.iter().skip(start).take(upto - start).map(message_line) }
            </ol>
            </>
        }
    };

    let verdict_view = match &*verdict {
        Some(v) => html! {
            <p class={classes!("bgp-verdict", if v.passed { "bgp-verdict--pass" } else { "bgp-verdict--fail" })} role="status">
                { if v.passed { "✔ " } else { "✘ " } }{ v.message.clone() }
            </p>
        },
        None => html! {},
    };

    let seed_name = SEEDS
        .iter()
        .find(|(_, j)| {
            Scenario::from_json(j)
                .ok()
                .is_some_and(|s| s.title == state.sc.title)
        })
        .map(|(n, _)| *n)
        .unwrap_or("");

    let toggle_answer = {
        let edit = edit.clone();
        Callback::from(move |a: Asn| {
            edit.emit(Rc::new(move |s: &mut LabState| {
                if let Some(i) = s.answer.iter().position(|x| *x == a) {
                    s.answer.remove(i);
                } else {
                    s.answer.push(a);
                    s.answer.sort_unstable();
                }
            }))
        })
    };

    html! {
        <section class={classes!("lab", "bgp-lab", props.compact.then_some("bgp-lab--compact"))}>
            if !props.compact {
                <h2>{ "BGP lab" }</h2>
                <p class="bgp-intro">{ "Each box is an autonomous system. Solid lines join a provider (above) to a customer, dashed lines join peers. Pick a prefix to see every AS's best route (thick arrows show where traffic goes), click an AS to see why its route won, and play the UPDATE and WITHDRAW messages one by one." }</p>
            }
            if let Some(ex) = &exercise {
                <div class="bgp-goal">
                    <strong>{ "Goal: " }</strong>{ ex.goal_text() }
                    if let Some(a) = &allowed {
                        <span class="bgp-allowed">{ format!(" You may use: {}.", allowed_text(a)) }</span>
                    }
                    <button class="bgp-check" onclick={on_check}>{ "Check" }</button>
                    { verdict_view }
                </div>
            }
            <div class="bgp-toolbar">
                if exercise.is_none() {
                    <label>{ "Scenario " }
                        <select class="bgp-seed" onchange={on_seed}>
                            <option value="" selected={seed_name.is_empty()} disabled=true>{ "(custom)" }</option>
                            { for SEEDS.iter().map(|(n, j)| {
                                let title = Scenario::from_json(j).map(|s| s.title).unwrap_or_default();
                                html! { <option value={*n} selected={*n == seed_name}>{ title }</option> }
                            }) }
                        </select>
                    </label>
                }
                <label>{ "Prefix " }
                    <select class="bgp-prefix" onchange={on_prefix}>
                        { for all_prefixes.iter().map(|p| html! {
                            <option value={p.to_string()} selected={Some(*p) == prefix}>{ p.to_string() }</option>
                        }) }
                    </select>
                </label>
                <button class="bgp-undo" onclick={on_undo} disabled={history.borrow().is_empty()}>{ "↶ Undo" }</button>
                <button class="bgp-reset" onclick={on_reset}>{ "Reset" }</button>
            </div>
            { play_controls }
            if let Err(e) = &computed.ribs {
                <p class="bgp-error" role="alert">{ e.clone() }</p>
            }
            <div class="bgp-main">
                <graph::Graph
                    sc={state.sc.clone()}
                    ribs={ribs.clone()}
                    prefix={prefix}
                    selected={*selected}
                    last={last.cloned()}
                    question={question}
                    answer={state.answer.clone()}
                    on_select={on_select}
                />
                <aside class="bgp-side">
                    if let Some(asn) = *selected {
                        <panel::AsPanel
                            asn={asn}
                            sc={state.sc.clone()}
                            start={start.clone()}
                            sim_at={at}
                            prefix={prefix}
                            edit={edit.clone()}
                            allowed={allowed.clone()}
                            question={question}
                            marked={state.answer.contains(&asn)}
                            on_mark={toggle_answer.clone()}
                        />
                    } else {
                        <p class="bgp-hint">{ "Click an AS to see its candidate routes, the best one and why it won, and to change its policy." }</p>
                    }
                    <h3>{ "Messages" }</h3>
                    { log_view }
                </aside>
            </div>
            if exercise.is_none() {
                <scale::ScaleRun />
            }
        </section>
    }
}

/// The seed a scenario came from (by title), to reset to; the default seed otherwise.
fn seed_of(sc: &Scenario) -> Scenario {
    SEEDS
        .iter()
        .filter_map(|(_, j)| Scenario::from_json(j).ok())
        .find(|s| s.title == sc.title)
        .unwrap_or_else(|| LabState::default().sc)
}

fn allowed_text(a: &[Control]) -> String {
    if a.is_empty() {
        return "nothing but your eyes".into();
    }
    a.iter()
        .map(|c| match c {
            Control::Prepend => "prepending",
            Control::LocalPref => "local preference",
            Control::Leak => "leaks (transit)",
            Control::FailLink => "failing links",
            Control::Announce => "announcements",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn message_line(d: &Delivery) -> Html {
    use cloudhop_core::bgp::events::MessageKind;
    let m = &d.message;
    let (kind, path) = match &m.kind {
        MessageKind::Update { as_path } => (
            "UPDATE",
            format!(
                " [{}]",
                as_path
                    .iter()
                    .map(|a| a.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        ),
        MessageKind::Withdraw => ("WITHDRAW", String::new()),
    };
    let note = if !d.delivered {
        " · lost: link down"
    } else if d.looped {
        " · dropped: own AS in path"
    } else if d.best_changed {
        " · new best"
    } else {
        ""
    };
    html! {
        <li class={classes!("bgp-msg", if kind == "WITHDRAW" { "bgp-msg--withdraw" } else { "bgp-msg--update" })}>
            { format!("AS {} → AS {}: {kind} {}{path}{note}", m.from, m.to, m.prefix) }
        </li>
    }
}
