//! Latency lab: sites on a world map, the RTT model with its working, and mesh /
//! hub-and-spoke / relay / exchange topologies compared side by side.
//!
//! Everything shown is computed by `cloudhop_core::latency`; this module keeps the UI
//! state (a [`LabState`], shareable in the URL) and draws.

mod figures;
mod map;
mod style;

use super::LabProps;
use cloudhop_core::exercise::{ExerciseSpec, Verdict};
use cloudhop_core::latency::catalog::{Catalog, Provider, SiteKind, SiteSpec};
use cloudhop_core::latency::exercise::{LatencyAnswer, LatencyExercise};
use cloudhop_core::latency::topology::{Choice, Network, Scenario, TopologyResult};
use cloudhop_core::share;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The lab's state: the scenario, which topology is drawn, and an exercise answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabState {
    /// Sites, topologies, sliders and failures.
    #[serde(flatten)]
    pub scenario: Scenario,
    /// Index of the topology drawn on the map.
    #[serde(default)]
    pub show: usize,
    /// The learner's answer, in exercise mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<LatencyAnswer>,
}

impl Default for LabState {
    fn default() -> Self {
        let ids = [
            "aws:us-east-1",
            "gcp:europe-west1",
            "azure:japaneast",
            "aws:ap-southeast-1",
            "gcp:southamerica-east1",
            "azure:australiaeast",
        ];
        LabState {
            scenario: Scenario::new(ids.iter().map(|s| SiteSpec::Id(s.to_string())).collect()),
            show: 0,
            answer: None,
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

/// What the engine computed for a scenario. Kept behind an `Rc` by `use_memo`, so the
/// figures below can tell cheaply whether anything they draw changed.
pub(crate) struct Computed {
    pub scenario: Scenario,
    pub net: Result<Network, String>,
    pub results: Vec<Result<TopologyResult, String>>,
}

impl Computed {
    /// The sites, empty if the network could not be built.
    pub fn sites(&self) -> &[cloudhop_core::latency::catalog::Site] {
        self.net.as_ref().map(|n| n.sites()).unwrap_or(&[])
    }
}

/// Most sites the lab draws (the CLI takes up to 2,000).
const MAX_LAB_SITES: usize = 300;

fn compute(sc: &Scenario) -> Computed {
    let net = if sc.sites.len() > MAX_LAB_SITES {
        Err(format!(
            "{} sites is more than this page draws ({MAX_LAB_SITES}); remove some, or use `cloudhop latency compare` for larger networks.",
            sc.sites.len()
        ))
    } else {
        sc.network().map_err(String::from)
    };
    let results = match &net {
        Ok(n) => {
            let p = sc.params();
            sc.topologies
                .iter()
                .map(|t| n.evaluate(t, &p).map_err(String::from))
                .collect()
        }
        Err(_) => Vec::new(),
    };
    Computed {
        scenario: sc.clone(),
        net,
        results,
    }
}

/// An edit of the lab state.
type Edit = Rc<dyn Fn(&mut LabState)>;

/// The lab state and the selected matrix cell, behind a reducer: callbacks dispatch edits
/// that apply to the current state, so they capture nothing from the render that made
/// them and can be created once (and the figures' properties stay equal across renders).
#[derive(PartialEq)]
struct Lab {
    state: LabState,
    selected: Option<(usize, usize)>,
}

enum LabMsg {
    Edit(Edit),
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

/// The callbacks handed to the figures, made once per lab instance.
struct Handlers {
    map_click: Callback<(f64, f64)>,
    toggle_fail: Callback<String>,
    fail_via: Callback<String>,
    remove_site: Callback<usize>,
    set_show: Callback<usize>,
    set_choice: Callback<(usize, String)>,
    select_cell: Callback<(usize, usize)>,
}

impl Handlers {
    fn new(d: &UseReducerDispatcher<Lab>) -> Handlers {
        let edit = {
            let d = d.clone();
            move |f: Edit| d.dispatch(LabMsg::Edit(f))
        };
        let map_click = {
            let edit = edit.clone();
            Callback::from(move |(lat, lon): (f64, f64)| {
                edit(Rc::new(move |s: &mut LabState| {
                    let k = (1..)
                        .find(|k| {
                            !s.scenario.sites.iter().any(|x| match x {
                                SiteSpec::OnPrem { name, .. } => *name == format!("Office {k}"),
                                SiteSpec::Id(id) => *id == format!("onprem:office-{k}"),
                            })
                        })
                        .unwrap_or(1);
                    s.scenario.sites.push(SiteSpec::OnPrem {
                        name: format!("Office {k}"),
                        lat: (lat * 10.0).round() / 10.0,
                        lon: (lon * 10.0).round() / 10.0,
                    });
                }))
            })
        };
        let toggle_fail = {
            let edit = edit.clone();
            Callback::from(move |id: String| {
                edit(Rc::new(move |s: &mut LabState| {
                    if let Some(pos) = s.scenario.failed.iter().position(|f| *f == id) {
                        s.scenario.failed.remove(pos);
                    } else {
                        s.scenario.failed.push(id.clone());
                    }
                }))
            })
        };
        // Failing a hub or exchange pins it first, so a "best" choice does not move away.
        let fail_via = {
            let edit = edit.clone();
            Callback::from(move |id: String| {
                edit(Rc::new(move |s: &mut LabState| {
                    let show = s.show;
                    if let Some(t) = s.scenario.topologies.get_mut(show) {
                        t.set_choice(Choice::Site(id.clone()));
                    }
                    if let Some(pos) = s.scenario.failed.iter().position(|f| *f == id) {
                        s.scenario.failed.remove(pos);
                    } else {
                        s.scenario.failed.push(id.clone());
                    }
                }))
            })
        };
        let remove_site = {
            let edit = edit.clone();
            Callback::from(move |idx: usize| {
                edit(Rc::new(move |s: &mut LabState| {
                    if idx < s.scenario.sites.len() {
                        s.scenario.sites.remove(idx);
                    }
                }))
            })
        };
        let set_show = {
            let edit = edit.clone();
            Callback::from(move |i: usize| edit(Rc::new(move |s: &mut LabState| s.show = i)))
        };
        let set_choice = {
            let edit = edit.clone();
            Callback::from(move |(idx, value): (usize, String)| {
                edit(Rc::new(move |s: &mut LabState| {
                    if let Some(t) = s.scenario.topologies.get_mut(idx) {
                        t.set_choice(Choice::from_value(&value));
                    }
                }))
            })
        };
        let select_cell = {
            let d = d.clone();
            Callback::from(move |c: (usize, usize)| d.dispatch(LabMsg::Select(c)))
        };
        Handlers {
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

/// Write the URL state after the browser has drawn the change (a history update costs a
/// few milliseconds); a newer state cancels a pending one, so a dragged slider writes once.
fn emit_later(cb: Callback<String>, url: String) -> impl FnOnce() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let window = web_sys::window();
    let f = Closure::once(move || cb.emit(url));
    let handle = window.as_ref().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(f.as_ref().unchecked_ref(), 0)
            .ok()
    });
    move || {
        if let (Some(w), Some(h)) = (window, handle) {
            w.clear_timeout_with_handle(h);
        }
        drop(f);
    }
}

fn latency_exercise(props: &LabProps) -> Option<LatencyExercise> {
    match props.exercise.as_ref().map(|h| h.spec.as_ref()) {
        Some(ExerciseSpec::Latency(ex)) => Some(ex.clone()),
        _ => None,
    }
}

fn initial_state(props: &LabProps) -> LabState {
    if let Some(ex) = latency_exercise(props) {
        let saved = props
            .exercise
            .as_ref()
            .and_then(|h| h.saved_state.as_deref())
            .and_then(LabState::from_url);
        return saved.unwrap_or(LabState {
            scenario: ex.starting_scenario(),
            show: 0,
            answer: None,
        });
    }
    props
        .url_state
        .as_deref()
        .and_then(LabState::from_url)
        .unwrap_or_default()
}

/// Latency lab.
#[function_component]
pub fn LatencyLab(props: &LabProps) -> Html {
    let lab = {
        let props = props.clone();
        use_reducer(move || Lab {
            state: initial_state(&props),
            selected: None,
        })
    };
    let verdict = use_state(|| None::<Verdict>);
    let add_provider = use_state(|| Provider::Aws);
    let computed = {
        let sc = lab.state.scenario.clone();
        use_memo(sc, compute)
    };
    let handlers = {
        let d = lab.dispatcher();
        use_memo((), move |_| Handlers::new(&d))
    };
    {
        let cb = props.on_state_change.clone();
        let in_exercise = props.exercise.is_some();
        use_effect_with(lab.state.clone(), move |s| {
            let pending = match (cb, in_exercise) {
                (Some(cb), false) => Some(emit_later(cb, s.to_url())),
                _ => None,
            };
            move || {
                if let Some(cancel) = pending {
                    cancel();
                }
            }
        });
    }

    let edit = {
        let d = lab.dispatcher();
        move |f: Edit| d.dispatch(LabMsg::Edit(f))
    };

    let exercise = latency_exercise(props);
    let in_exercise = exercise.is_some();
    let state = &lab.state;
    let sc = &state.scenario;

    // --- Controls -----------------------------------------------------------------
    let cat = Catalog::builtin();
    let on_provider = {
        let add_provider = add_provider.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            let p = Provider::ALL
                .into_iter()
                .find(|p| p.prefix() == v)
                .unwrap_or(Provider::Aws);
            add_provider.set(p);
        })
    };
    let on_add_region = {
        let edit = edit.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if v.is_empty() {
                return;
            }
            edit(Rc::new(move |s: &mut LabState| {
                if !s.scenario.sites.contains(&SiteSpec::Id(v.clone())) {
                    s.scenario.sites.push(SiteSpec::Id(v.clone()));
                }
            }));
        })
    };
    let on_add_all = {
        let edit = edit.clone();
        let p = *add_provider;
        Callback::from(move |_| {
            edit(Rc::new(move |s: &mut LabState| {
                for r in Catalog::builtin().regions_of(p) {
                    let spec = SiteSpec::Id(r.id.clone());
                    if !s.scenario.sites.contains(&spec) {
                        s.scenario.sites.push(spec);
                    }
                }
            }));
        })
    };
    let on_clear = {
        let edit = edit.clone();
        Callback::from(move |_| {
            edit(Rc::new(|s: &mut LabState| {
                s.scenario.sites.clear();
                s.scenario.failed.clear();
            }))
        })
    };
    let on_nat = {
        let edit = edit.clone();
        Callback::from(move |e: InputEvent| {
            let v: f64 = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .parse()
                .unwrap_or(25.0);
            edit(Rc::new(move |s: &mut LabState| {
                s.scenario.nat_share = (v / 100.0).clamp(0.0, 1.0)
            }))
        })
    };
    let on_tunnel = {
        let edit = edit.clone();
        Callback::from(move |e: InputEvent| {
            let v: f64 = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .parse()
                .unwrap_or(1.0);
            edit(Rc::new(move |s: &mut LabState| {
                s.scenario.tunnel_overhead_ms = v.clamp(0.0, 20.0)
            }))
        })
    };
    let reset = {
        let edit = edit.clone();
        let ex = exercise.clone();
        Callback::from(move |_| {
            let ex = ex.clone();
            edit(Rc::new(move |s: &mut LabState| {
                *s = match &ex {
                    Some(ex) => LabState {
                        scenario: ex.starting_scenario(),
                        show: 0,
                        answer: None,
                    },
                    None => LabState::default(),
                }
            }))
        })
    };

    let provider_select = html! {
        <div class="latency-add">
            <label>{ "Add a region: " }
                <select aria-label="provider" onchange={on_provider}>
                    { for Provider::ALL.iter().map(|p| html! {
                        <option value={p.prefix()} selected={*p == *add_provider}>{ p.label() }</option>
                    }) }
                </select>
            </label>
            <select aria-label="region" class="latency-region-select" onchange={on_add_region}>
                <option value="" selected=true>{ "choose a region…" }</option>
                { for cat.regions_of(*add_provider).map(|r| html! {
                    <option value={r.id.clone()}>{ format!("{} · {} ({})", r.id, r.name, r.metro) }</option>
                }) }
                <optgroup label="Exchange metros">
                    { for cat.of_kind(SiteKind::Exchange).map(|r| html! {
                        <option value={r.id.clone()}>{ format!("{} · {}", r.id, r.metro) }</option>
                    }) }
                </optgroup>
            </select>
            <button type="button" onclick={on_add_all}>{ format!("Add all {} regions", add_provider.label()) }</button>
            <button type="button" onclick={on_clear}>{ "Clear" }</button>
            <button type="button" onclick={reset}>{ "Reset" }</button>
            <span class="latency-hint">{ "Click the map to add an on-premises site." }</span>
        </div>
    };

    let sliders = html! {
        <div class="latency-sliders">
            <label>
                { format!("Pairs behind symmetric NAT (relayed): {:.0}%", sc.nat_share * 100.0) }
                <input type="range" min="0" max="100" step="5" aria-label="NAT share"
                    value={format!("{:.0}", sc.nat_share * 100.0)} oninput={on_nat} />
            </label>
            <label>
                { format!("Tunnel overhead: {:.1} ms per tunnel", sc.tunnel_overhead_ms) }
                <input type="range" min="0" max="10" step="0.5" aria-label="tunnel overhead"
                    value={format!("{}", sc.tunnel_overhead_ms)} oninput={on_tunnel} />
            </label>
        </div>
    };

    // Each figure is a component that re-renders only when what it draws changed (a tab
    // switch leaves the site list and the comparison alone; a slider, the model note).
    let body = match &computed.net {
        Err(e) => html! { <p class="latency-error" role="alert">{ e.clone() }</p> },
        Ok(_) => {
            let show = state.show.min(computed.results.len().saturating_sub(1));
            html! {
                <>
                    <map::WorldMap computed={computed.clone()} {show} on_click={handlers.map_click.clone()} />
                    <figures::SiteList computed={computed.clone()} toggle_fail={handlers.toggle_fail.clone()} remove={handlers.remove_site.clone()} />
                    <figures::TopologyTabs computed={computed.clone()} {show} set_show={handlers.set_show.clone()}
                        set_choice={handlers.set_choice.clone()} toggle_fail={handlers.fail_via.clone()} allow_best={!in_exercise} />
                    <figures::Comparison computed={computed.clone()} />
                    <figures::Matrix computed={computed.clone()} {show} selected={lab.selected} on_select={handlers.select_cell.clone()} />
                    <figures::ModelNote />
                </>
            }
        }
    };

    let exercise_panel = exercise.map(|ex| {
        let answer = state.answer.clone().unwrap_or_default();
        let options = ex.options();
        let on_pick = {
            let edit = edit.clone();
            Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                edit(Rc::new(move |s: &mut LabState| {
                    let a = s.answer.get_or_insert_with(LatencyAnswer::default);
                    a.pick = if v.is_empty() { Vec::new() } else { vec![v.clone()] };
                }))
            })
        };
        let on_toggle = {
            let edit = edit.clone();
            Callback::from(move |id: String| {
                edit(Rc::new(move |s: &mut LabState| {
                    let a = s.answer.get_or_insert_with(LatencyAnswer::default);
                    if let Some(p) = a.pick.iter().position(|x| *x == id) {
                        a.pick.remove(p);
                    } else {
                        a.pick.push(id.clone());
                    }
                }))
            })
        };
        let on_number = {
            let edit = edit.clone();
            Callback::from(move |e: InputEvent| {
                let v = e.target_unchecked_into::<HtmlInputElement>().value();
                edit(Rc::new(move |s: &mut LabState| {
                    let a = s.answer.get_or_insert_with(LatencyAnswer::default);
                    a.number = v.trim().parse().ok();
                }))
            })
        };
        let multi = matches!(ex, LatencyExercise::RegionChoice { .. });
        let on_check = {
            let ex = ex.clone();
            let state = state.clone();
            let verdict = verdict.clone();
            let hook = props.exercise.clone();
            Callback::from(move |_| {
                let v = ex.check(&state.answer.clone().unwrap_or_default());
                verdict.set(Some(v.clone()));
                if let Some(h) = &hook {
                    h.on_check.emit((v, Some(state.to_url())));
                }
            })
        };
        let control = if options.is_empty() {
            html! {
                <label>{ "Your answer: " }
                    <input type="number" min="0" step="1" aria-label="answer" class="latency-answer-number"
                        value={answer.number.map(|n| n.to_string()).unwrap_or_default()} oninput={on_number} />
                </label>
            }
        } else if multi {
            html! {
                <fieldset class="latency-answer-multi"><legend>{ "Your regions" }</legend>
                    { for options.iter().map(|o| {
                        let id = o.clone();
                        let cb = on_toggle.clone();
                        html! {
                            <label>
                                <input type="checkbox" checked={answer.pick.contains(o)}
                                    onchange={Callback::from(move |_| cb.emit(id.clone()))} />
                                { o.clone() }
                            </label>
                        }
                    }) }
                </fieldset>
            }
        } else {
            html! {
                <label>{ "Your answer: " }
                    <select aria-label="answer" class="latency-answer-select" onchange={on_pick}>
                        <option value="" selected={answer.pick.is_empty()}>{ "choose…" }</option>
                        { for options.iter().map(|o| html! {
                            <option value={o.clone()} selected={answer.pick.first() == Some(o)}>{ o.clone() }</option>
                        }) }
                    </select>
                </label>
            }
        };
        html! {
            <div class="latency-exercise">
                <p class="latency-goal"><strong>{ "Goal: " }</strong>{ ex.goal() }</p>
                { control }
                <button type="button" class="latency-check" onclick={on_check}>{ "Check" }</button>
                { match &*verdict {
                    Some(v) => html! {
                        <p class={classes!("latency-verdict", if v.passed { "pass" } else { "fail" })} role="status">
                            { if v.passed { "✓ " } else { "✗ " } }{ v.message.clone() }
                        </p>
                    },
                    None => html! {},
                } }
            </div>
        }
    });

    html! {
        <section class={classes!("lab", "latency-lab", props.compact.then_some("compact"))}>
            if !props.compact {
                <h2>{ "Latency lab" }</h2>
                <p class="latency-intro">
                    { "How long a round trip takes between cloud regions, relays, exchange metros and your own sites, and what a full mesh, a hub, relays or a cloud exchange cost in latency, tunnels and failure exposure. Every figure opens to show how it was computed." }
                </p>
            }
            { for exercise_panel }
            { provider_select }
            { sliders }
            { body }
        </section>
    }
}
