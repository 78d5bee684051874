//! The query and its trace: pick the client, the name and the type; play the trace hop by
//! hop (to the start, back, step, play, to the end); each step's sentence from core, the
//! hop being played marked, the answer, and the diagnosis with its fix and its step.

use super::model::{Action, Model};
use crate::components::message::message_view;
use cloudhop_core::dns::records::RecordType;
use cloudhop_core::labs::DnsState;
use yew::prelude::*;

/// The client, name and type to ask.
pub fn query_picker(st: &DnsState, d: &Callback<Action>, uid: &str) -> Html {
    let (client_id, name_id, type_id) = (
        format!("{uid}-client"),
        format!("{uid}-name"),
        format!("{uid}-type"),
    );
    let on_client = d.reform(|e: Event| {
        let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Action::Client(s.value())
    });
    let on_type = d.reform(|e: Event| {
        let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let t = RecordType::ALL
            .iter()
            .copied()
            .find(|t| t.to_string() == s.value())
            .unwrap_or(RecordType::A);
        Action::Type(t)
    });
    // The name is asked when the field is left or Enter is pressed, not at each key.
    let on_name = d.reform(|e: Event| {
        let i: web_sys::HtmlInputElement = e.target_unchecked_into();
        Action::Name(i.value())
    });
    let on_submit = Callback::from(|e: SubmitEvent| e.prevent_default());
    html! {
        <form class="dns-query" aria-label="The query" onsubmit={on_submit}>
            <label class="dns-field" for={client_id.clone()}><span>{ "Client" }</span>
                <select id={client_id} class="dns-client" onchange={on_client}>
                    { for st.sc.clients.iter().map(|c| html! {
                        <option value={c.id.clone()} selected={c.id == st.client}>{ format!("{} ({})", c.id, c.network) }</option>
                    }) }
                </select>
            </label>
            <label class="dns-field dns-name" for={name_id.clone()}><span>{ "Name" }</span>
                <input id={name_id} class="dns-name-input" type="text" value={st.name.clone()} onchange={on_name}
                    spellcheck="false" autocomplete="off" />
            </label>
            <label class="dns-field" for={type_id.clone()}><span>{ "Type" }</span>
                <select id={type_id} class="dns-type" onchange={on_type}>
                    { for RecordType::ALL.iter().map(|t| html! {
                        <option value={t.to_string()} selected={*t == st.rtype}>{ t.to_string() }</option>
                    }) }
                </select>
            </label>
            <button type="submit" class="dns-small dns-ask">{ "Ask" }</button>
        </form>
    }
}

/// The player, the trace, the answer and the diagnosis.
pub fn trace_panel(m: &Model, d: &Callback<Action>) -> Html {
    let t = match &m.traced {
        Ok(t) => t,
        Err(why) => {
            return html! {
                <section class="dns-trace" aria-label="Trace">
                    <p class="dns-refused" role="alert">{ message_view(why) }</p>
                </section>
            }
        }
    };
    let n = t.steps.len();
    let diag_step = t.diagnosis.as_ref().and_then(|x| x.step);
    let cur = m.current();
    // The arrows are decoration (hidden from screen readers), and drawn from the Arrows and
    // Geometric Shapes blocks, which common fonts cover: the media-control symbols (U+23EE)
    // are missing from many (a box in headless Chromium).
    let btn = |glyph: Glyph,
               label: &'static str,
               class: &'static str,
               action: fn() -> Action,
               disabled: bool| {
        let mark =
            |g: &'static str| html! { <span class="dns-glyph" aria-hidden="true">{ g }</span> };
        html! {
            <button type="button" class={classes!("dns-small", class)} {disabled}
                onclick={d.reform(move |_: MouseEvent| action())}>
                { match glyph { Glyph::Before(g) => mark(g), Glyph::After(_) => html! {} } }
                { label }
                { match glyph { Glyph::After(g) => mark(g), Glyph::Before(_) => html! {} } }
            </button>
        }
    };
    let play = {
        let on = !m.playing;
        html! {
            <button type="button" class="dns-small dns-play" aria-pressed={if m.playing { "true" } else { "false" }}
                onclick={d.reform(move |_: MouseEvent| Action::Play(on))}>{ if m.playing { "Pause" } else { "Play" } }</button>
        }
    };
    let answer = &t.resolution.answer;
    let done = m.played >= n;
    html! {
        <section class="dns-trace" aria-label="Trace">
            <h3>{ "Trace" }</h3>
            <div class="dns-player" role="group" aria-label="Play the query hop by hop">
                { btn(Glyph::Before("⇤ "), "Start", "dns-to-start", || Action::ToStart, m.played == 0) }
                { btn(Glyph::Before("◀ "), "Back", "dns-back", || Action::Back, m.played == 0) }
                { btn(Glyph::After(" ▶"), "Step", "dns-step", || Action::Step, done) }
                { play }
                { btn(Glyph::After(" ⇥"), "End", "dns-to-end", || Action::ToEnd, done) }
                <span class="dns-position" aria-live="polite">{ format!("step {} of {n}", m.played) }</span>
            </div>
            <ol class="dns-steps">
                { for t.steps.iter().enumerate().take(m.played).map(|(i, s)| {
                    let current = cur == Some(i);
                    let diagnosed = diag_step == Some(i);
                    let onclick = d.reform(move |_: MouseEvent| Action::ShowStep(i));
                    html! {
                        <li class={classes!("dns-step-line", current.then_some("dns-step-current"), diagnosed.then_some("dns-step-diagnosed"))}
                            aria-current={current.then_some("step")} data-step={i.to_string()}>
                            <button type="button" class="dns-step-go" {onclick} aria-label={format!("Show step {}", i + 1)}>{ (i + 1).to_string() }</button>
                            <span>{ message_view(s) }</span>
                        </li>
                    }
                }) }
            </ol>
            if done {
                <p class={classes!("dns-answer", if answer.is_failure() { "dns-answer-fail" } else { "dns-answer-ok" })} role="status">
                    { answer_line(answer.code(), &answer.summary()) }
                    if t.resolution.used_cache() { <span class="dns-muted">{ " (from a cache)" }</span> }
                </p>
            } else {
                <p class="dns-muted">{ format!("{} more steps to play.", n - m.played) }</p>
            }
            if let Some(x) = &t.diagnosis {
                <div class="dns-diagnosis" role="note" aria-label="Diagnosis">
                    <p><strong>{ "What is wrong: " }</strong>{ message_view(&x.text) }</p>
                    <p><strong>{ "Fix: " }</strong>{ message_view(&x.fix) }</p>
                    if let Some(i) = x.step {
                        <button type="button" class="dns-small dns-show-diagnosed"
                            onclick={d.reform(move |_: MouseEvent| Action::ShowStep(i))}>{ format!("Show step {}", i + 1) }</button>
                    }
                </div>
            }
        </section>
    }
}

/// The answer's code and summary, without saying the code twice ("SERVFAIL: SERVFAIL: ...").
fn answer_line(code: &str, summary: &str) -> Html {
    match summary
        .strip_prefix(code)
        .and_then(|r| r.strip_prefix(": "))
    {
        Some(rest) => html! { <><strong>{ format!("{code}: ") }</strong>{ rest.to_string() }</> },
        None => html! { <><strong>{ format!("{code}: ") }</strong>{ summary.to_string() }</> },
    }
}

/// A player button's arrow, before or after its label.
#[derive(Clone, Copy)]
enum Glyph {
    Before(&'static str),
    After(&'static str),
}
