//! The address-space card: the prefix to show, the bar of its parts (click to divide,
//! Shift+click or J to join, U to use) and the same parts as a table. What the parts are,
//! who uses them and how wide they are comes from `cloudhop_core::cidr::space`.

use super::model::{Action, Dispatch};
use super::provider_class;
use crate::components::message::message_view;
use cloudhop_core::cidr::plan::Plan;
use cloudhop_core::cidr::prefix::parse_prefix;
use cloudhop_core::cidr::space::{AddressSpace, Leaf, Usage};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`space_card`].
#[derive(Properties, PartialEq)]
pub struct SpaceProps {
    pub plan: Rc<Plan>,
    /// The address space to show, as typed.
    pub root_text: String,
    /// The view (valid while `root_text` is a prefix).
    pub space: AddressSpace,
    pub dispatch: Dispatch,
}

/// The address-space card.
pub fn space_card(props: &SpaceProps) -> Html {
    let on_root = {
        let d = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let t: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::Root(t.value()));
        })
    };
    let bar = match parse_prefix(&props.root_text) {
        Err(e) => html! { <p class="planner-error">{ message_view(&e.to_string()) }</p> },
        Ok(_) => {
            html! { { space_bar(&BarProps { plan: props.plan.clone(), space: props.space.clone(), dispatch: props.dispatch.clone() }) } }
        }
    };
    html! {
        <section class="planner-card planner-space" aria-label="Address space">
            <h3>{"Address space"}</h3>
            <label class="planner-field">{"Show "}
                <input class="planner-mono" type="text" value={props.root_text.clone()} oninput={on_root}
                    aria-label="Address space to show" spellcheck="false" />
            </label>
            { bar }
        </section>
    }
}

/// Properties of [`space_bar`].
#[derive(Properties, PartialEq)]
pub struct BarProps {
    pub plan: Rc<Plan>,
    pub space: AddressSpace,
    pub dispatch: Dispatch,
}

/// The bar of parts, the hint, and the parts as a table.
pub fn space_bar(props: &BarProps) -> Html {
    let root = props.space.root;
    let leaves = props.space.leaves(&props.plan);
    let segs: Html = leaves
        .iter()
        .map(|leaf| segment(&props.plan, &props.space, leaf, &props.dispatch))
        .collect();
    let list: Html = leaves
        .iter()
        .map(|leaf| table_row(&props.plan, &props.space, leaf, &props.dispatch))
        .collect();
    html! {
        <>
        <div class="planner-bar" role="group" aria-label={format!("Address space {root}")}>{ segs }</div>
        <p class="planner-muted">{"Click a block to divide it, Shift+click (or J) to join it with its neighbour, U or “Use” to give a free block to the selected network."}</p>
        <details class="planner-leaves">
            <summary>{ format!("{} blocks in {root}", leaves.len()) }</summary>
            <table><tbody>{ list }</tbody></table>
        </details>
        </>
    }
}

/// The name of network `i`.
fn name(plan: &Plan, i: usize) -> Option<&str> {
    plan.networks.get(i).map(|n| n.name.as_str())
}

/// One part of the bar, as wide as its share of the root.
fn segment(plan: &Plan, space: &AddressSpace, leaf: &Leaf, d: &Dispatch) -> Html {
    let (class, who) = match &leaf.usage {
        Usage::Free => (classes!("planner-seg", "free"), "free".to_string()),
        Usage::One(i, full) => {
            let n = plan.networks.get(*i);
            (
                classes!(
                    "planner-seg",
                    n.map(|n| provider_class(n.provider)),
                    (!full).then_some("partial")
                ),
                n.map(|n| {
                    if *full {
                        n.name.clone()
                    } else {
                        format!("part used by {}", n.name)
                    }
                })
                .unwrap_or_default(),
            )
        }
        Usage::Many(v) => (
            classes!("planner-seg", "conflict"),
            format!(
                "conflict: {}",
                v.iter()
                    .filter_map(|i| name(plan, *i))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        ),
    };
    let net = leaf.net;
    let on_click = {
        let d = d.clone();
        Callback::from(move |e: MouseEvent| {
            if e.shift_key() || e.alt_key() {
                d.dispatch(Action::Join(net));
            } else {
                d.dispatch(Action::Split(net));
            }
        })
    };
    let on_key = {
        let d = d.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "j" | "J" | "Backspace" => {
                e.prevent_default();
                d.dispatch(Action::Join(net));
            }
            "u" | "U" => d.dispatch(Action::UseLeaf(net)),
            "i" | "I" => d.dispatch(Action::Inspect(net.to_string())),
            _ => {}
        })
    };
    let style = format!("flex-grow: {}", space.width(&net));
    let title = format!(
        "{net} — {who}. Click: split. Shift+click or J: join. U: use for the selected network."
    );
    html! {
        <button class={class} ~style={style} title={title.clone()} aria-label={title}
            onclick={on_click} onkeydown={on_key}>
            <span class="planner-seg-label">{ net.to_string() }</span>
        </button>
    }
}

/// One part as a table row with Divide, Join and (for a free part) Use.
fn table_row(plan: &Plan, space: &AddressSpace, leaf: &Leaf, d: &Dispatch) -> Html {
    let net = leaf.net;
    let who = match &leaf.usage {
        Usage::Free => html! { <span class="planner-muted">{"free"}</span> },
        Usage::One(i, full) => {
            let name = name(plan, *i).unwrap_or_default().to_string();
            html! { <span>{ if *full { name } else { format!("partly {name}") } }</span> }
        }
        Usage::Many(_) => html! { <span class="planner-error">{"conflict"}</span> },
    };
    let dsplit = d.clone();
    let djoin = d.clone();
    let duse = d.clone();
    html! {
        <tr>
            <td class="planner-mono">{ net.to_string() }</td>
            <td>{ who }</td>
            <td>
                <button class="planner-btn small" disabled={!space.can_split(&net)}
                    onclick={Callback::from(move |_| dsplit.dispatch(Action::Split(net)))}>{"Divide"}</button>
                <button class="planner-btn small" disabled={!space.can_join(&net)}
                    onclick={Callback::from(move |_| djoin.dispatch(Action::Join(net)))}>{"Join"}</button>
                if matches!(leaf.usage, Usage::Free) {
                    <button class="planner-btn small"
                        onclick={Callback::from(move |_| duse.dispatch(Action::UseLeaf(net)))}>{"Use"}</button>
                }
            </td>
        </tr>
    }
}
