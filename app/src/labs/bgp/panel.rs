//! The panel for one AS: its candidate routes for the prefix, the best one and the trace
//! of why, and the controls that change its policy.

use super::{simulation_at, Edit, LabState, SimStart, PLAY_LIMIT};
use cloudhop_core::bgp::asn::{is_private, Asn};
use cloudhop_core::bgp::exercise::Control;
use cloudhop_core::bgp::policy::{Leak, LocalPref, Prepend};
use cloudhop_core::bgp::route::Learned;
use cloudhop_core::bgp::scenario::{parse_prefix, Announcement, IpNet, Scenario};
use cloudhop_core::bgp::selection::{decide, AsStep};
use std::rc::Rc;
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
    pub edit: Callback<Edit>,
    pub allowed: Option<Vec<Control>>,
    pub question: bool,
    pub marked: bool,
    pub on_mark: Callback<Asn>,
}

fn path_text(p: &[Asn]) -> String {
    if p.is_empty() {
        "(own)".into()
    } else {
        p.iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The panel.
#[function_component]
pub fn AsPanel(p: &AsPanelProps) -> Html {
    let asn = p.asn;
    let new_prefix = use_state(String::new);
    let announce_error = use_state(|| None::<String>);
    let can = |c: Control| p.allowed.as_ref().is_none_or(|a| a.contains(&c));
    let edit = |f: Edit| p.edit.emit(f);
    let name = p.sc.name_of(asn).unwrap_or("").to_string();
    let net = p.sc.network().ok();
    let neighbors = net
        .as_ref()
        .map(|n| n.full.neighbors(asn))
        .unwrap_or_default();
    let failed_as = p.sc.failed_ases.contains(&asn);

    // Candidates, best and trace.
    let why = match (
        p.prefix,
        p.start
            .as_ref()
            .map(|s| simulation_at(&s.0, p.sim_at.unwrap_or(PLAY_LIMIT))),
    ) {
        (Some(prefix), Some(sim)) => {
            let cands = sim.candidates(asn, prefix);
            let d = decide(asn, &cands);
            let rows = cands.iter().enumerate().map(|(i, c)| {
                let best = d.best == Some(i);
                let lost = d
                    .trace
                    .iter()
                    .find_map(|s| s.eliminated.iter().find(|e| e.route == i).map(|e| (s.step, e.reason.clone())));
                let from = c.from.map(|f| format!("AS {f}")).unwrap_or_else(|| "itself".into());
                html! {
                    <tr class={classes!("bgp-cand", best.then_some("bgp-cand--best"))}>
                        <td>{ if best { "★ " } else { "" } }{ from }</td>
                        <td>{ c.learned.name() }</td>
                        <td>{ if c.from.is_none() { "-".to_string() } else { c.local_pref.to_string() } }</td>
                        <td class="bgp-path">{ path_text(&c.as_path) }</td>
                        <td>{ match &lost {
                            Some((step, _)) => format!("lost: {}", step.title().to_lowercase()),
                            None if best => "best".to_string(),
                            None => String::new(),
                        } }</td>
                    </tr>
                }
            });
            let steps = d.trace.iter().map(|s| {
                let title = s.step.title();
                html! {
                    <li class="bgp-trace-step" data-step={format!("{:?}", s.step)}>
                        <strong>{ title }</strong>
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
                    c.from.unwrap_or(0),
                    c.learned.name(),
                    path_text(&c.as_path)
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
                        <p class="bgp-note">{ "A tie on everything else: the lowest neighbour ASN decided." }</p>
                    }
                </div>
            }
        }
        _ => html! {},
    };

    // Per-neighbour controls.
    let neighbor_rows = neighbors.iter().map(|&(nb, role)| {
        let link_failed = p.sc.link_failed(asn, nb);
        let toggle_link = {
            let e = p.edit.clone();
            Callback::from(move |_| {
                e.emit(Rc::new(move |s: &mut LabState| {
                    if let Some(i) = s.sc.failed_links.iter().position(|&[x, y]| (x == asn && y == nb) || (x == nb && y == asn)) {
                        s.sc.failed_links.remove(i);
                    } else {
                        s.sc.failed_links.push([asn, nb]);
                    }
                }))
            })
        };
        let prepend_now = p.sc.policy.prepend.iter().find(|x| x.asn == asn && x.to == Some(nb)).map_or(0, |x| x.times);
        let on_prepend = {
            let e = p.edit.clone();
            Callback::from(move |ev: Event| {
                let times: u32 = ev.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(0);
                e.emit(Rc::new(move |s: &mut LabState| {
                    s.sc.policy.prepend.retain(|x| !(x.asn == asn && x.to == Some(nb)));
                    if times > 0 {
                        s.sc.policy.prepend.push(Prepend { asn, to: Some(nb), times });
                    }
                }))
            })
        };
        let lp_now = p.sc.policy.local_pref.iter().find(|x| x.asn == asn && x.from == nb).map(|x| x.value);
        let on_lp = {
            let e = p.edit.clone();
            Callback::from(move |ev: Event| {
                let text = ev.target_unchecked_into::<HtmlInputElement>().value();
                let value: Option<u32> = text.trim().parse().ok();
                e.emit(Rc::new(move |s: &mut LabState| {
                    s.sc.policy.local_pref.retain(|x| !(x.asn == asn && x.from == nb));
                    if let Some(v) = value {
                        s.sc.policy.local_pref.push(LocalPref { asn, from: nb, value: v });
                    }
                }))
            })
        };
        let leaking = p.sc.policy.leaks.iter().any(|x| x.asn == asn && x.to == Some(nb));
        let on_leak = {
            let e = p.edit.clone();
            Callback::from(move |_| {
                e.emit(Rc::new(move |s: &mut LabState| {
                    if let Some(i) = s.sc.policy.leaks.iter().position(|x| x.asn == asn && x.to == Some(nb)) {
                        s.sc.policy.leaks.remove(i);
                    } else {
                        s.sc.policy.leaks.push(Leak { asn, to: Some(nb) });
                    }
                }))
            })
        };
        let default_lp = match role {
            Learned::Customer => 300,
            Learned::Peer => 200,
            _ => 100,
        };
        html! {
            <tr data-neighbor={nb.to_string()}>
                <td>{ format!("AS {nb}") }</td>
                <td>{ role.name() }</td>
                <td><button class="bgp-link-toggle" onclick={toggle_link} disabled={!can(Control::FailLink)}>
                    { if link_failed { "Restore" } else { "Fail" } }</button></td>
                <td><select class="bgp-prepend" onchange={on_prepend} disabled={!can(Control::Prepend)}
                        aria-label={format!("Prepend towards AS {nb}")}>
                    { for (0..=5u32).map(|t| html! { <option value={t.to_string()} selected={t == prepend_now}>{ if t == 0 { "none".to_string() } else { format!("+{t}") } }</option> }) }
                </select></td>
                <td><input class="bgp-lp" type="number" min="0" max="1000" placeholder={default_lp.to_string()}
                        value={lp_now.map(|v| v.to_string()).unwrap_or_default()} onchange={on_lp}
                        disabled={!can(Control::LocalPref)} aria-label={format!("Local preference for routes from AS {nb}")} /></td>
                <td><input class="bgp-leak" type="checkbox" checked={leaking} onclick={on_leak}
                        disabled={!can(Control::Leak)} aria-label={format!("Leak every route to AS {nb}")} /></td>
            </tr>
        }
    });

    // Announcements by this AS.
    let own: Vec<(usize, String)> =
        p.sc.announcements
            .iter()
            .enumerate()
            .filter(|(_, a)| a.origin == asn)
            .map(|(i, a)| (i, a.prefix.clone()))
            .collect();
    let withdraws = own.iter().map(|(i, pf)| {
        let i = *i;
        let onclick = {
            let e = p.edit.clone();
            Callback::from(move |_| {
                e.emit(Rc::new(move |s: &mut LabState| {
                    if i < s.sc.announcements.len() {
                        s.sc.announcements.remove(i);
                    }
                }))
            })
        };
        html! {
            <li>{ pf.clone() }{ " " }
                <button class="bgp-withdraw" onclick={onclick} disabled={!can(Control::Announce)}>{ "Withdraw" }</button>
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
        let e = p.edit.clone();
        let new_prefix = new_prefix.clone();
        let announce_error = announce_error.clone();
        Callback::from(move |_| match parse_prefix(&new_prefix) {
            Ok(pf) => {
                announce_error.set(None);
                let pf = pf.to_string();
                e.emit(Rc::new(move |s: &mut LabState| {
                    s.sc.announcements.push(Announcement {
                        prefix: pf.clone(),
                        origin: asn,
                    });
                    s.prefix = Some(pf.clone());
                }))
            }
            Err(err) => announce_error.set(Some(err)),
        })
    };
    let hijack = p.prefix.filter(|pf| {
        !own.iter()
            .any(|(_, o)| o.parse::<IpNet>().ok() == Some(*pf))
    });
    let hijack_buttons = hijack.map(|pf| {
        let same = pf.to_string();
        let more = pf.subnets(pf.prefix_len().saturating_add(1).min(pf.max_prefix_len())).ok().and_then(|mut s| s.next());
        let ann = |prefix: String| {
            let e = p.edit.clone();
            Callback::from(move |_| {
                let prefix = prefix.clone();
                e.emit(Rc::new(move |s: &mut LabState| {
                    s.sc.announcements.push(Announcement { prefix: prefix.clone(), origin: asn });
                }))
            })
        };
        html! {
            <p class="bgp-hijack">
                <button class="bgp-hijack-same" onclick={ann(same.clone())} disabled={!can(Control::Announce)}>
                    { format!("Hijack: announce {same}") }</button>
                if let Some(m) = more.filter(|m| *m != pf) {
                    <button class="bgp-hijack-more" onclick={ann(m.to_string())} disabled={!can(Control::Announce)}>
                        { format!("More-specific: announce {m}") }</button>
                }
            </p>
        }
    });
    let toggle_as = {
        let e = p.edit.clone();
        Callback::from(move |_| {
            e.emit(Rc::new(move |s: &mut LabState| {
                if let Some(i) = s.sc.failed_ases.iter().position(|x| *x == asn) {
                    s.sc.failed_ases.remove(i);
                } else {
                    s.sc.failed_ases.push(asn);
                }
            }))
        })
    };
    let on_mark = {
        let cb = p.on_mark.clone();
        Callback::from(move |_| cb.emit(asn))
    };
    let _ = edit;

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
            { why }
            <h4>{ "Neighbours and policy" }</h4>
            <table class="bgp-neighbors">
                <thead><tr><th>{ "AS" }</th><th>{ "is my" }</th><th>{ "link" }</th><th>{ "prepend to" }</th><th>{ "local pref from" }</th><th>{ "leak to" }</th></tr></thead>
                <tbody>{ for neighbor_rows }</tbody>
            </table>
            <h4>{ "Announcements" }</h4>
            <ul class="bgp-own">{ for withdraws }</ul>
            <p class="bgp-announce">
                <input class="bgp-new-prefix" type="text" placeholder="10.9.0.0/16" value={(*new_prefix).clone()}
                    oninput={on_prefix_input} aria-label="Prefix to announce" disabled={!can(Control::Announce)} />
                <button class="bgp-announce-btn" onclick={on_announce} disabled={!can(Control::Announce)}>{ "Announce" }</button>
            </p>
            if let Some(err) = &*announce_error { <p class="bgp-error">{ err.clone() }</p> }
            { for hijack_buttons }
            <p><button class="bgp-fail-as" onclick={toggle_as} disabled={!can(Control::FailLink)}>
                { if failed_as { "Restore this AS" } else { "Fail this AS" } }</button></p>
        </div>
    }
}
