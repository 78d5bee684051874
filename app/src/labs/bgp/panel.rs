//! The panel for one AS: its candidate routes for the prefix, the best one and the trace
//! of why, and the controls that change its policy. Every value a control shows is the
//! value in effect, as core's policy rules compute it.

use super::model::{LabAction, Refusal, SimStart, Slot};
use crate::components::message::message_view;
use cloudhop_core::bgp::asn::{is_private, Asn};
use cloudhop_core::bgp::edit::{prepend_choices, ScenarioEdit};
use cloudhop_core::bgp::exercise::Control;
use cloudhop_core::bgp::policy::{default_local_pref, parse_local_pref};
use cloudhop_core::bgp::replay::{simulation_at, PLAY_LIMIT};
use cloudhop_core::bgp::route::Learned;
use cloudhop_core::bgp::scenario::{parse_prefix, IpNet, Scenario};
use cloudhop_core::bgp::selection::{decide, AsStep};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of the AS panel.
#[derive(Properties, PartialEq)]
pub struct AsPanelProps {
    pub asn: Asn,
    pub sc: Scenario,
    /// Where playback starts (empty tables, or the state just after a change).
    pub start: Option<SimStart>,
    pub sim_at: Option<usize>,
    pub prefix: Option<IpNet>,
    pub on: Callback<LabAction>,
    pub allowed: Option<Vec<Control>>,
    pub question: bool,
    pub marked: bool,
    pub on_mark: Callback<Asn>,
    /// The last edit of this AS that was refused, and why.
    pub refused: Option<Refusal>,
}

/// The panel.
#[function_component]
pub fn AsPanel(p: &AsPanelProps) -> Html {
    let asn = p.asn;
    let new_prefix = use_state(String::new);
    let typed_error = use_state(|| None::<String>);
    let can = |c: Control| p.allowed.as_ref().is_none_or(|a| a.contains(&c));
    let name = p.sc.name_of(asn).unwrap_or("").to_string();
    let neighbors =
        p.sc.network()
            .map(|n| n.full.neighbors(asn))
            .unwrap_or_default();
    let failed_as = p.sc.failed_ases.contains(&asn);
    let message = |slot: Slot| {
        p.refused
            .as_ref()
            .filter(|r| r.slot == slot)
            .map(|r| r.message.clone())
    };
    let toggle_as = {
        let on = p.on.clone();
        Callback::from(move |_| on.emit(LabAction::Edit(asn, ScenarioEdit::ToggleAs(asn))))
    };
    let on_mark = {
        let cb = p.on_mark.clone();
        Callback::from(move |_| cb.emit(asn))
    };
    let policy = &p.sc.policy;
    html! {
        <div class="bgp-panel" data-asn={asn.to_string()}>
            <h3>{ format!("AS {asn}") }
                if !name.is_empty() { <span class="bgp-panel-name">{ format!(" · {name}") }</span> }
                if is_private(asn) { <span class="bgp-private">{ " private ASN" }</span> }
            </h3>
            if p.question {
                <button class={classes!("bgp-mark", p.marked.then_some("bgp-mark--on"))} onclick={on_mark} aria-pressed={p.marked.to_string()}>
                    { if p.marked { "✔ Marked as captured" } else { "Mark: traffic captured by the hijacker" } }
                </button>
            }
            if let (Some(prefix), Some(start)) = (p.prefix, p.start.clone()) {
                { why(&WhyProps { asn, prefix, start, sim_at: p.sim_at }) }
            }
            <h4>{ "Neighbours and policy" }</h4>
            <table class="bgp-neighbors">
                <thead><tr><th>{ "AS" }</th><th>{ "is my" }</th><th>{ "link" }</th><th>{ "prepend to" }</th><th>{ "local pref from" }</th><th>{ "leak to" }</th></tr></thead>
                <tbody>{ for neighbors.iter().map(|&(nb, role)| neighbour_row(&NeighbourRowProps {
                    asn, nb, role,
                    link_failed: p.sc.link_failed(asn, nb),
                    prepend: policy.prepend_times(asn, nb),
                    local_pref: policy.local_pref_override(asn, nb),
                    leaking: policy.leaks_to(asn, nb),
                    can_fail: can(Control::FailLink), can_prepend: can(Control::Prepend),
                    can_local_pref: can(Control::LocalPref), can_leak: can(Control::Leak),
                    on: p.on.clone(),
                })) }</tbody>
            </table>
            if let Some(e) = message(Slot::Policy) { <p class="bgp-error" role="alert">{ message_view(&e) }</p> }
            { announcements(&AnnouncementsProps { asn, sc: &p.sc, prefix: p.prefix,
                can: can(Control::Announce), on: p.on.clone(), error: message(Slot::Announce),
                new_prefix: new_prefix.clone(), typed_error: typed_error.clone() }) }
            <p><button class="bgp-fail-as" onclick={toggle_as} disabled={!can(Control::FailLink)}>
                { if failed_as { "Restore this AS" } else { "Fail this AS" } }</button></p>
        </div>
    }
}

/// What the "why" view explains.
struct WhyProps {
    asn: Asn,
    prefix: IpNet,
    start: SimStart,
    sim_at: Option<usize>,
}

/// Candidates, the best one and the trace of the decision.
fn why(p: &WhyProps) -> Html {
    let (asn, prefix) = (p.asn, p.prefix);
    let sim = simulation_at(&p.start.0, p.sim_at.unwrap_or(PLAY_LIMIT));
    let cands = sim.candidates(asn, prefix);
    let d = decide(asn, &cands);
    let rows = cands.iter().enumerate().map(|(i, c)| {
        let best = d.best == Some(i);
        let lost = d
            .trace
            .iter()
            .find_map(|s| s.eliminated.iter().find(|e| e.route == i).map(|_| s.step));
        let from = c.from.map(|f| format!("AS {f}")).unwrap_or_else(|| "itself".into());
        html! {
            <tr class={classes!("bgp-cand", best.then_some("bgp-cand--best"))}>
                <td>{ if best { "★ " } else { "" } }{ from }</td>
                <td>{ c.learned.name() }</td>
                <td>{ if c.from.is_none() { "-".to_string() } else { c.local_pref.to_string() } }</td>
                <td class="bgp-path">{ c.as_path.to_string() }</td>
                <td>{ match lost {
                    Some(step) => format!("lost: {}", step.title().to_lowercase()),
                    None if best => "best".to_string(),
                    None => String::new(),
                } }</td>
            </tr>
        }
    });
    let steps = d.trace.iter().map(|s| {
        html! {
            <li class="bgp-trace-step" data-step={format!("{:?}", s.step)}>
                <strong>{ s.step.title() }</strong>
                { format!(": {} left", s.survivors.len()) }
                if !s.eliminated.is_empty() {
                    <ul>{ for s.eliminated.iter().map(|e| html! { <li>{ e.reason.clone() }</li> }) }</ul>
                }
            </li>
        }
    });
    let summary = match d.best.and_then(|i| cands.get(i)) {
        Some(c) if c.from.is_none() => format!("AS {asn} originates {prefix}."),
        Some(c) => format!(
            "Best route to {prefix}: from AS {} ({}), AS path {}.",
            c.from.unwrap_or_default(),
            c.learned.name(),
            c.as_path
        ),
        None => format!("AS {asn} has no route to {prefix}."),
    };
    let decided = d.trace.last().map(|s| s.step);
    html! {
        <div class="bgp-why">
            <p class="bgp-best">{ summary }</p>
            if !cands.is_empty() {
                <table class="bgp-cands">
                    <thead><tr><th>{ "from" }</th><th>{ "learned" }</th><th>{ "local pref" }</th><th>{ "AS path" }</th><th></th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            if !d.trace.is_empty() {
                <ol class="bgp-trace" aria-label="Why this route">{ for steps }</ol>
            }
            if let Some(AsStep::NeighborAsn) = decided {
                <p class="bgp-note">{ "A tie on everything else: the lowest neighbour ASN decided. The lab uses it in place of a real router's last tie-breaks, the oldest route and then the lowest router ID; a real router never picks by the value of an ASN." }</p>
            }
        </div>
    }
}

/// One neighbour's row: the values in effect and what may change.
struct NeighbourRowProps {
    asn: Asn,
    nb: Asn,
    role: Learned,
    link_failed: bool,
    prepend: u32,
    local_pref: Option<u32>,
    leaking: bool,
    can_fail: bool,
    can_prepend: bool,
    can_local_pref: bool,
    can_leak: bool,
    on: Callback<LabAction>,
}

/// One neighbour: the link, prepending towards it, local preference for its routes, and
/// a leak to it.
fn neighbour_row(p: &NeighbourRowProps) -> Html {
    let (asn, nb) = (p.asn, p.nb);
    let edit = move |e: ScenarioEdit| LabAction::Edit(asn, e);
    let toggle_link = {
        let on = p.on.clone();
        Callback::from(move |_| on.emit(edit(ScenarioEdit::ToggleLink(asn, nb))))
    };
    let on_prepend = {
        let on = p.on.clone();
        let now = p.prepend;
        Callback::from(move |ev: Event| {
            let times: u32 = ev
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
                .unwrap_or(now);
            on.emit(edit(ScenarioEdit::SetPrepend { asn, to: nb, times }))
        })
    };
    let lp_text = p.local_pref.map(|v| v.to_string()).unwrap_or_default();
    let on_lp = {
        let on = p.on.clone();
        let shown = lp_text.clone();
        Callback::from(move |ev: Event| {
            let input = ev.target_unchecked_into::<HtmlInputElement>();
            match parse_local_pref(&input.value()) {
                Ok(value) => on.emit(edit(ScenarioEdit::SetLocalPref {
                    asn,
                    from: nb,
                    value,
                })),
                Err(e) => {
                    // Show the value in effect again, and why the text was refused.
                    input.set_value(&shown);
                    on.emit(LabAction::Refuse(Refusal {
                        asn,
                        slot: Slot::Policy,
                        message: e.to_string(),
                    }))
                }
            }
        })
    };
    let on_leak = {
        let on = p.on.clone();
        let on_now = !p.leaking;
        Callback::from(move |_| {
            on.emit(edit(ScenarioEdit::SetLeak {
                asn,
                to: nb,
                on: on_now,
            }))
        })
    };
    let prepend_now = p.prepend;
    html! {
        <tr data-neighbor={nb.to_string()}>
            <td>{ format!("AS {nb}") }</td>
            <td>{ p.role.name() }</td>
            <td><button class="bgp-link-toggle" onclick={toggle_link} disabled={!p.can_fail}>
                { if p.link_failed { "Restore" } else { "Fail" } }</button></td>
            <td><select class="bgp-prepend" onchange={on_prepend} disabled={!p.can_prepend}
                    aria-label={format!("Prepend towards AS {nb}")}>
                { for prepend_choices(prepend_now).into_iter().map(|t| html! {
                    <option value={t.to_string()} selected={t == prepend_now}>{ if t == 0 { "none".to_string() } else { format!("+{t}") } }</option>
                }) }
            </select></td>
            <td><input class="bgp-lp" type="number" min="0" max="1000" placeholder={default_local_pref(p.role).to_string()}
                    value={lp_text} onchange={on_lp}
                    disabled={!p.can_local_pref} aria-label={format!("Local preference for routes from AS {nb}")} /></td>
            <td><input class="bgp-leak" type="checkbox" checked={p.leaking} onclick={on_leak}
                    disabled={!p.can_leak} aria-label={format!("Leak every route to AS {nb}")} /></td>
        </tr>
    }
}

/// The announcement controls: what they show, and the panel's state for the field.
struct AnnouncementsProps<'a> {
    asn: Asn,
    sc: &'a Scenario,
    prefix: Option<IpNet>,
    can: bool,
    on: Callback<LabAction>,
    error: Option<String>,
    /// The text in the prefix field.
    new_prefix: UseStateHandle<String>,
    /// Why the text in the field is not a prefix.
    typed_error: UseStateHandle<Option<String>>,
}

/// The AS's announcements with Withdraw, a field to announce a prefix, and the hijack
/// buttons for the prefix shown.
fn announcements(p: &AnnouncementsProps<'_>) -> Html {
    let asn = p.asn;
    let new_prefix = p.new_prefix.clone();
    let typed_error = p.typed_error.clone();
    let own: Vec<String> =
        p.sc.announcements
            .iter()
            .filter(|a| a.origin == asn)
            .map(|a| a.prefix.clone())
            .collect();
    let withdraws = own.iter().map(|pf| {
        let onclick = {
            let on = p.on.clone();
            let prefix = pf.clone();
            Callback::from(move |_| {
                on.emit(LabAction::Edit(
                    asn,
                    ScenarioEdit::Withdraw {
                        prefix: prefix.clone(),
                        origin: asn,
                    },
                ))
            })
        };
        html! {
            <li>{ pf.clone() }{ " " }
                <button class="bgp-withdraw" onclick={onclick} disabled={!p.can}>{ "Withdraw" }</button>
            </li>
        }
    });
    let on_prefix_input = {
        let new_prefix = new_prefix.clone();
        Callback::from(move |e: InputEvent| {
            new_prefix.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_announce = {
        let on = p.on.clone();
        let new_prefix = new_prefix.clone();
        let typed_error = typed_error.clone();
        Callback::from(move |_| match parse_prefix(&new_prefix) {
            Ok(pf) => {
                typed_error.set(None);
                on.emit(LabAction::AnnounceAndShow(asn, pf))
            }
            Err(err) => typed_error.set(Some(err.to_string())),
        })
    };
    let hijack = p.prefix.filter(|pf| !p.sc.announces(*pf, asn));
    let hijack_buttons = hijack.map(|pf| {
        let more = pf
            .subnets(pf.prefix_len().saturating_add(1).min(pf.max_prefix_len()))
            .ok()
            .and_then(|mut s| s.next());
        let ann = |prefix: IpNet| {
            let on = p.on.clone();
            Callback::from(move |_| {
                on.emit(LabAction::Edit(
                    asn,
                    ScenarioEdit::Announce {
                        prefix,
                        origin: asn,
                    },
                ))
            })
        };
        html! {
            <p class="bgp-hijack">
                <button class="bgp-hijack-same" onclick={ann(pf)} disabled={!p.can}>
                    { format!("Hijack: announce {pf}") }</button>
                if let Some(m) = more.filter(|m| *m != pf) {
                    <button class="bgp-hijack-more" onclick={ann(m)} disabled={!p.can}>
                        { format!("More-specific: announce {m}") }</button>
                }
            </p>
        }
    });
    let error = (*typed_error).clone().or_else(|| p.error.clone());
    html! {
        <>
            <h4>{ "Announcements" }</h4>
            <ul class="bgp-own">{ for withdraws }</ul>
            <p class="bgp-announce">
                <input class="bgp-new-prefix" type="text" placeholder="10.9.0.0/16" value={(*new_prefix).clone()}
                    oninput={on_prefix_input} aria-label="Prefix to announce" disabled={!p.can} />
                <button class="bgp-announce-btn" onclick={on_announce} disabled={!p.can}>{ "Announce" }</button>
            </p>
            if let Some(err) = error { <p class="bgp-error">{ message_view(&err) }</p> }
            { for hijack_buttons }
        </>
    }
}
