//! The list of networks: one row per network with its fields, its problems and its usable
//! hosts, and the Add button.

use super::model::{Action, Dispatch};
use super::provider_class;
use crate::components::message::message_view;
use cloudhop_core::cidr::plan::{Network, Plan, Report, Violation};
use cloudhop_core::cidr::provider::{Kind, Provider};
use cloudhop_core::message::grouped;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`network_list`].
#[derive(Properties, PartialEq)]
pub struct ListProps {
    pub plan: Rc<Plan>,
    pub report: Rc<Report>,
    /// The blocks fields as typed.
    pub drafts: Vec<String>,
    pub selected: Option<usize>,
    /// Networks the exercise does not let the learner change.
    pub locked: Vec<String>,
    pub dispatch: Dispatch,
}

/// The networks card.
pub fn network_list(props: &ListProps) -> Html {
    let rows: Html = props
        .plan
        .networks
        .iter()
        .enumerate()
        .map(|(i, n)| {
            network_row(&RowProps {
                index: i,
                network: n.clone(),
                draft: props.drafts.get(i).cloned().unwrap_or_default(),
                locked: props.locked.contains(&n.name),
                selected: props.selected == Some(i),
                violations: props
                    .report
                    .violations_of(&n.name)
                    .into_iter()
                    .cloned()
                    .collect(),
                conflicted: props.report.in_conflict(&n.name),
                dispatch: props.dispatch.clone(),
            })
        })
        .collect();
    let on_add = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Add))
    };
    html! {
        <section class="planner-card planner-networks" aria-label="Networks">
            <h3>{"Networks"}</h3>
            <ul class="planner-net-list">{ rows }</ul>
            <button class="planner-btn" onclick={on_add}>{"+ Add network"}</button>
        </section>
    }
}

/// Properties of [`network_row`].
#[derive(Properties, PartialEq)]
pub struct RowProps {
    /// Position in the plan.
    pub index: usize,
    pub network: Network,
    /// Its blocks field as typed.
    pub draft: String,
    pub locked: bool,
    pub selected: bool,
    /// Its rule violations.
    pub violations: Vec<Violation>,
    /// Whether it overlaps another network.
    pub conflicted: bool,
    pub dispatch: Dispatch,
}

/// One network.
pub fn network_row(props: &RowProps) -> Html {
    let (i, n, d, locked, selected) = (
        props.index,
        &props.network,
        &props.dispatch,
        props.locked,
        props.selected,
    );
    let on_name = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let t: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::Name(i, t.value()));
        })
    };
    let on_provider = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let t: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(p) = Provider::parse(&t.value()) {
                d.dispatch(Action::Provider(i, p));
            }
        })
    };
    let on_kind = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let t: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Action::Kind(i, Kind::from_id(&t.value())));
        })
    };
    let on_blocks = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let t: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::Blocks(i, t.value()));
        })
    };
    let on_remove = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Remove(i)))
    };
    let on_select = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Select(i)))
    };
    let usable_text: Vec<String> = n
        .usable_blocks()
        .iter()
        .map(|(p, u)| format!("{p}: {} usable", grouped(&u.to_string())))
        .collect();
    let class = classes!(
        "planner-net",
        provider_class(n.provider),
        selected.then_some("selected"),
        props.conflicted.then_some("conflict"),
        (!props.violations.is_empty()).then_some("invalid")
    );
    html! {
        <li class={class}>
            <div class="planner-net-row">
                <span class="planner-swatch" aria-hidden="true"></span>
                <input class="planner-name" type="text" value={n.name.clone()} oninput={on_name}
                    aria-label={format!("Name of network {}", i + 1)} disabled={locked} />
                <select onchange={on_provider} aria-label={format!("Provider of {}", n.name)} disabled={locked}>
                    { for Provider::ALL.iter().map(|p| html! {
                        <option value={p.id()} selected={*p == n.provider}>{ p.title() }</option>
                    }) }
                </select>
                <select onchange={on_kind} aria-label={format!("Kind of {}", n.name)} disabled={locked}>
                    { for Kind::ALL.iter().map(|k| html! {
                        <option value={k.id()} selected={*k == n.kind}>{ k.label(n.provider) }</option>
                    }) }
                </select>
                <input class="planner-blocks planner-mono" type="text" value={props.draft.clone()} oninput={on_blocks}
                    placeholder="10.0.0.0/16, fd00::/48" spellcheck="false"
                    aria-label={format!("CIDR blocks of {}", n.name)} disabled={locked} />
                <button class="planner-btn" onclick={on_select} aria-pressed={selected.to_string()}
                    title="Select: blocks you pick in the address-space bar are added to this network">
                    { if selected { "Selected" } else { "Select" } }
                </button>
                <button class="planner-btn" onclick={on_remove} disabled={locked}
                    aria-label={format!("Remove {}", n.name)}>{"✕"}</button>
            </div>
            if locked { <p class="planner-muted">{"Fixed in this exercise."}</p> }
            { for props.violations.iter().map(|v| html! { <p class="planner-error">{ message_view(&v.message) }</p> }) }
            if !usable_text.is_empty() {
                <p class="planner-muted planner-mono">{ usable_text.join(" · ") }</p>
            }
        </li>
    }
}
