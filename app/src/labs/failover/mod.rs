//! Failover lab: pick a scenario from the course's sources, turn the knobs, and watch the
//! timeline (detect, decide, propagate, recover) redraw, with lost requests and stale
//! reads counted. A second copy can be compared side by side; the whole state travels in
//! the URL. Every number comes from `cloudhop_core::failover`.

mod chart;
mod knobs;

use super::LabProps;
use chart::{fmt_count, fmt_duration};
use cloudhop_core::exercise::ExerciseSpec;
use cloudhop_core::failover::exercise::{FailoverAttempt, FailoverExercise, Goal};
use cloudhop_core::failover::scenario::{Figure, Report, Scenario, Unit};
use cloudhop_core::share;
use knobs::{Knob, KnobKind};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use yew::prelude::*;

/// Everything the lab shows, as it travels in the URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct LabState {
    /// The preset the scenario started from.
    #[serde(default)]
    preset: String,
    /// Setting A.
    a: Scenario,
    /// Setting B, when comparing.
    #[serde(default)]
    b: Option<Scenario>,
    /// For "which change" exercises: the option picked.
    #[serde(default)]
    choice: Option<usize>,
}

impl LabState {
    fn preset(id: &str) -> LabState {
        LabState {
            preset: id.to_string(),
            a: Scenario::preset(id).unwrap_or_else(|| Scenario::Dns(Default::default())),
            b: None,
            choice: None,
        }
    }

    fn parse(text: &str) -> Result<LabState, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("the scenario in this link could not be read ({e})"))
    }

    fn encode(&self) -> String {
        share::encode(&serde_json::to_string(self).unwrap_or_default())
    }
}

fn exercise_of(props: &LabProps) -> Option<Result<FailoverExercise, String>> {
    props.exercise.as_ref().map(|h| match &*h.spec {
        ExerciseSpec::Failover(e) => Ok(e.clone()),
        other => Err(format!(
            "this is a {} exercise, not a failover one",
            other.lab()
        )),
    })
}

fn initial(props: &LabProps) -> (LabState, Option<String>) {
    if let (Some(hook), Some(Ok(ex))) = (&props.exercise, exercise_of(props)) {
        let fresh = LabState {
            preset: String::new(),
            a: ex.start.clone(),
            b: None,
            choice: None,
        };
        let saved = hook
            .saved_state
            .as_deref()
            .and_then(|s| LabState::parse(s).ok())
            .filter(|s| s.a.model() == ex.start.model());
        return (saved.unwrap_or(fresh), None);
    }
    match props.url_state.as_deref() {
        Some(s) if !s.is_empty() => match LabState::parse(&share::decode(s)) {
            Ok(st) => (st, None),
            Err(e) => (LabState::preset("static-site"), Some(e)),
        },
        _ => (LabState::preset("static-site"), None),
    }
}

fn fmt_figure(f: &Figure) -> String {
    match f.unit {
        Unit::Seconds => fmt_duration(f.value),
        Unit::Count => fmt_count(f.value),
        Unit::Share => format!("{:.1}%", f.value * 100.0),
    }
}

fn knob_value_text(k: &Knob, v: &Value) -> String {
    match (k.kind, v.as_f64()) {
        (KnobKind::Range { unit: "share", .. }, Some(x)) => format!("{:.1}%", x * 100.0),
        (KnobKind::Range { unit: "s", .. }, Some(x)) => fmt_duration(x),
        (KnobKind::Range { unit, .. }, Some(x)) => {
            let t = if x.fract() == 0.0 {
                format!("{x:.0}")
            } else {
                format!("{x}")
            };
            if unit.is_empty() {
                t
            } else {
                format!("{t} {unit}")
            }
        }
        _ => v.to_string(),
    }
}

/// Which side a change applies to.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    A,
    B,
}

fn knob_view(
    k: &Knob,
    s: &Scenario,
    side: Side,
    locked: bool,
    on: &Callback<(Side, String, Value)>,
) -> Html {
    let value = s.value_at(k.path).unwrap_or(Value::Null);
    let id = format!(
        "failover-{}-{}",
        if side == Side::A { "a" } else { "b" },
        k.path.replace('.', "-")
    );
    let path = k.path.to_string();
    let control = match k.kind {
        KnobKind::Range { min, max, step, .. } => {
            let on = on.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                if let Ok(v) = input.value().parse::<f64>() {
                    let jv = if v.fract() == 0.0 && v.abs() < 1e15 {
                        json!(v as i64)
                    } else {
                        json!(v)
                    };
                    on.emit((side, path.clone(), jv));
                }
            });
            let current = value.as_f64().unwrap_or(min);
            html! {
                <input type="range" id={id.clone()} data-path={k.path} min={min.to_string()} max={max.to_string()}
                    step={step.to_string()} value={current.to_string()} disabled={locked} {oninput} />
            }
        }
        KnobKind::Toggle => {
            let on = on.clone();
            let checked = value.as_bool().unwrap_or(false);
            let onchange = Callback::from(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                on.emit((side, path.clone(), json!(input.checked())));
            });
            html! { <input type="checkbox" id={id.clone()} data-path={k.path} {checked} disabled={locked} {onchange} /> }
        }
        KnobKind::Choice(options) => {
            let on = on.clone();
            let current = value.as_str().unwrap_or_default().to_string();
            let onchange = Callback::from(move |e: Event| {
                let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
                on.emit((side, path.clone(), json!(sel.value())));
            });
            html! {
                <select id={id.clone()} data-path={k.path} disabled={locked} {onchange}>
                    { for options.iter().map(|(v, label)| html! {
                        <option value={*v} selected={*v == current}>{ *label }</option>
                    }) }
                </select>
            }
        }
    };
    html! {
        <div class={classes!("failover-knob", locked.then_some("failover-locked"))} title={k.help}>
            <label for={id}>{ k.label }{ if locked { " (fixed)" } else { "" } }</label>
            { control }
            if !matches!(k.kind, KnobKind::Toggle | KnobKind::Choice(_)) {
                <output>{ knob_value_text(k, &value) }</output>
            }
        </div>
    }
}

fn results_view(
    name: &str,
    report: &Result<Report, cloudhop_core::failover::error::FailoverError>,
    other: Option<&Result<Report, cloudhop_core::failover::error::FailoverError>>,
) -> Html {
    match report {
        Err(e) => {
            html! { <div class="failover-results failover-error" role="alert">{ format!("Setting {name}: {e}") }</div> }
        }
        Ok(r) => {
            let delta = other
                .and_then(|o| o.as_ref().ok())
                .map(|o| r.headline.value - o.headline.value);
            html! {
                <div class="failover-results">
                    <p class="failover-headline">
                        <span class="failover-headline-value" data-key={r.headline.key}>{ fmt_figure(&r.headline) }</span>
                        <span class="failover-headline-label">{ r.headline.label.clone() }</span>
                        if let Some(d) = delta.filter(|d| d.abs() > 1e-9) {
                            <span class={classes!("failover-delta", if d < 0.0 { "failover-better" } else { "failover-worse" })}>
                                { format!("{}{} vs A", if d < 0.0 { "−" } else { "+" }, fmt_duration(d.abs())) }
                            </span>
                        }
                    </p>
                    <ul class="failover-losses">
                        { for r.losses.iter().map(|f| html! {
                            <li data-key={f.key}><strong>{ fmt_figure(f) }</strong>{ " " }{ f.label.clone() }</li>
                        }) }
                    </ul>
                    <dl class="failover-figures">
                        { for r.figures.iter().map(|f| html! {
                            <><dt>{ f.label.clone() }</dt><dd data-key={f.key}>{ fmt_figure(f) }</dd></>
                        }) }
                    </dl>
                    <ol class="failover-phases">
                        { for r.timeline.phases().iter().map(|p| html! {
                            <li class={format!("failover-phase-item-{}", p.kind.name())}>
                                <span class={format!("failover-swatch failover-phase-{}", p.kind.name())}></span>
                                <strong>{ p.kind.name() }</strong>{ format!(" {} — {}", fmt_duration(p.duration_s()), p.label) }
                            </li>
                        }) }
                    </ol>
                </div>
            }
        }
    }
}

/// Failover lab.
#[function_component]
pub fn FailoverLab(props: &LabProps) -> Html {
    let init = use_memo((), {
        let props = props.clone();
        move |_| initial(&props)
    });
    let state = use_state(|| init.0.clone());
    let verdict = use_state(|| None::<cloudhop_core::exercise::Verdict>);
    {
        // Follow a shared link opened while the lab is already on screen.
        let state = state.clone();
        let in_exercise = props.exercise.is_some();
        use_effect_with(props.url_state.clone(), move |url| {
            if let (false, Some(text)) = (in_exercise, url.as_deref()) {
                if let Ok(next) = LabState::parse(&share::decode(text)) {
                    if next != *state {
                        state.set(next);
                    }
                }
            }
        });
    }
    let exercise = exercise_of(props);
    let ex = exercise.as_ref().and_then(|e| e.as_ref().ok()).cloned();

    let update = {
        let state = state.clone();
        let notify = if props.exercise.is_some() {
            None
        } else {
            props.on_state_change.clone()
        };
        let verdict = verdict.clone();
        Callback::from(move |next: LabState| {
            if let Some(cb) = &notify {
                cb.emit(next.encode());
            }
            verdict.set(None);
            state.set(next);
        })
    };

    let on_knob = {
        let state = state.clone();
        let update = update.clone();
        Callback::from(move |(side, path, value): (Side, String, Value)| {
            let mut next = (*state).clone();
            let target = match side {
                Side::A => Some(&mut next.a),
                Side::B => next.b.as_mut(),
            };
            if let Some(s) = target {
                if let Ok(changed) = knobs::apply(s, &path, value) {
                    *s = changed;
                    update.emit(next);
                }
            }
        })
    };

    let on_preset = {
        let update = update.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            update.emit(LabState::preset(&sel.value()));
        })
    };
    let on_compare = {
        let state = state.clone();
        let update = update.clone();
        Callback::from(move |_| {
            let mut next = (*state).clone();
            next.b = match next.b {
                Some(_) => None,
                None => Some(next.a.clone()),
            };
            update.emit(next);
        })
    };
    let on_reset = {
        let update = update.clone();
        let start = ex.as_ref().map(|e| e.start.clone());
        let preset = state.preset.clone();
        Callback::from(move |_| {
            update.emit(match &start {
                Some(s) => LabState {
                    preset: String::new(),
                    a: s.clone(),
                    b: None,
                    choice: None,
                },
                None => LabState::preset(if preset.is_empty() {
                    "static-site"
                } else {
                    &preset
                }),
            })
        })
    };
    let on_check = {
        let state = state.clone();
        let verdict = verdict.clone();
        let hook = props.exercise.clone();
        let ex = ex.clone();
        Callback::from(move |_| {
            if let (Some(hook), Some(ex)) = (&hook, &ex) {
                let attempt = FailoverAttempt {
                    scenario: state.a.clone(),
                    choice: state.choice,
                };
                let v = ex.check(&attempt);
                let saved = serde_json::to_string(&*state).ok();
                hook.on_check.emit((v.clone(), saved));
                verdict.set(Some(v));
            }
        })
    };

    let report_a = state.a.evaluate();
    let report_b = state.b.as_ref().map(|b| b.evaluate());
    let mut rows: Vec<(&str, &Report)> = Vec::new();
    if let Ok(r) = &report_a {
        rows.push(("A", r));
    }
    if let Some(Ok(r)) = &report_b {
        rows.push(("B", r));
    }
    let target_share = match &state.a {
        Scenario::Dns(p) => Some(p.target_share),
        _ => None,
    };
    let locked = |path: &str| ex.as_ref().is_some_and(|e| e.is_locked(path));

    let column = |side: Side, s: &Scenario| -> Html {
        html! {
            <fieldset class="failover-knobs">
                <legend>{ if side == Side::A { "Setting A" } else { "Setting B" } }</legend>
                { for knobs::knobs_for(s).iter().filter(|k| knobs::shown(k, s)).map(|k|
                    knob_view(k, s, side, locked(k.path) || (ex.is_some() && k.path == "kind"), &on_knob)) }
            </fieldset>
        }
    };

    let choice_view = match ex.as_ref().map(|e| &e.goal) {
        Some(Goal::BestChange { options }) => {
            let state = state.clone();
            let update = update.clone();
            html! {
                <fieldset class="failover-choices">
                    <legend>{ "Which single change shortens the outage most?" }</legend>
                    { for options.iter().enumerate().map(|(i, o)| {
                        let checked = state.choice == Some(i);
                        let state = state.clone();
                        let update = update.clone();
                        let onchange = Callback::from(move |_| {
                            let mut next = (*state).clone();
                            next.choice = Some(i);
                            update.emit(next);
                        });
                        html! { <label class="failover-choice">
                            <input type="radio" name="failover-choice" value={i.to_string()}
                                {checked} {onchange} />
                            { o.label.clone() }
                        </label> }
                    }) }
                </fieldset>
            }
        }
        _ => html! {},
    };

    html! {
        <section class={classes!("lab", "failover-lab", props.compact.then_some("failover-compact"))}>
            if !props.compact {
                <header class="failover-header">
                    <h2>{ "Failover lab" }</h2>
                    <p>{ "Every failover is a timeline: noticing the failure, deciding, the change spreading, and getting back to normal. Turn the knobs and see which phase each one shortens, and what is lost on the way." }</p>
                </header>
            }
            if let Some(msg) = &init.1 {
                <p class="failover-error" role="alert">{ msg.clone() }</p>
            }
            if let Some(Err(msg)) = &exercise {
                <p class="failover-error" role="alert">{ msg.clone() }</p>
            }
            if let Some(e) = &ex {
                <div class="failover-goal">
                    <strong>{ "Goal: " }</strong>{ e.goal_text() }
                    if !e.locked.is_empty() {
                        <span class="failover-muted">{ " Fields marked fixed are part of the world; leave them." }</span>
                    }
                </div>
            }
            <div class="failover-toolbar">
                if ex.is_none() {
                    <label>{ "Scenario " }
                        <select class="failover-preset" onchange={on_preset}>
                            { for Scenario::PRESETS.iter().map(|(id, title)| html! {
                                <option value={*id} selected={state.preset == *id}>{ *title }</option>
                            }) }
                        </select>
                    </label>
                    <button type="button" class="failover-compare" onclick={on_compare}>
                        { if state.b.is_some() { "Stop comparing" } else { "Compare with a copy" } }
                    </button>
                }
                <button type="button" class="failover-reset" onclick={on_reset}>{ "Reset" }</button>
                if ex.is_some() {
                    <button type="button" class="failover-check" onclick={on_check}>{ "Check" }</button>
                }
            </div>
            if let Some(v) = &*verdict {
                <p class={classes!("failover-verdict", if v.passed { "failover-pass" } else { "failover-fail" })} role="status">
                    { if v.passed { "✓ " } else { "✗ " } }{ v.message.clone() }
                </p>
            }
            { choice_view }
            <div class="failover-chart">
                if rows.is_empty() {
                    <p class="failover-muted">{ "Fix the settings below to see a timeline." }</p>
                } else {
                    { chart::timeline_svg(&rows) }
                    { chart::legend() }
                    if let Some(share) = target_share {
                        <p class="failover-chart-caption">{ "Clients on the standby over time" }</p>
                        { chart::moved_svg(&rows, share) }
                    }
                }
            </div>
            <div class={classes!("failover-columns", state.b.is_some().then_some("failover-two"))}>
                <div class="failover-column" data-side="a">
                    { column(Side::A, &state.a) }
                    { results_view("A", &report_a, None) }
                </div>
                if let (Some(b), Some(rb)) = (&state.b, &report_b) {
                    <div class="failover-column" data-side="b">
                        { column(Side::B, b) }
                        { results_view("B", rb, Some(&report_a)) }
                    </div>
                }
            </div>
        </section>
    }
}
