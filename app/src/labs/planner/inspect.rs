//! Facts about one prefix: the bit view, addresses, special-use ranges and usable hosts
//! per provider.

use crate::components::message::message_view;
use cloudhop_core::cidr::prefix::{facts, parse_prefix, Bit};
use cloudhop_core::cidr::provider::usable_by_provider;
use cloudhop_core::message::grouped;
use yew::prelude::*;

/// Properties of [`inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectProps {
    /// The prefix text (may be invalid: the error is shown).
    pub text: String,
    /// Called as the learner types another prefix.
    pub on_text: Callback<String>,
}

/// The inspector panel.
pub fn inspector(props: &InspectProps) -> Html {
    let on_input = {
        let cb = props.on_text.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    let body = match parse_prefix(&props.text) {
        Err(e) => {
            html! { <p class="planner-error" role="alert">{ message_view(&e.to_string()) }</p> }
        }
        Ok(net) => {
            let f = facts(&net);
            let len = f.prefix_len as usize;
            let bits: Html = f
                .bit_view()
                .into_iter()
                .map(|b| match b {
                    Bit::Network(c) => html! { <span class="planner-bit net">{ c }</span> },
                    Bit::Host(c) => html! { <span class="planner-bit host">{ c }</span> },
                    Bit::Separator(c) => html! { <span class="planner-bit sep">{ c }</span> },
                })
                .collect();
            let rows: Html = usable_by_provider(&net)
                .into_iter()
                .map(|(p, usable)| {
                    let (val, class) = match usable {
                        Ok(u) => (grouped(&u), "planner-ok"),
                        Err(e) => (e.to_string(), "planner-error"),
                    };
                    html! { <tr><th scope="row">{ p.title() }</th><td class={class}>{ val }</td></tr> }
                })
                .collect();
            let special = if f.special_use.is_empty() {
                "none (public address space)".to_string()
            } else {
                f.special_use.join(", ")
            };
            html! {
                <>
                <div class="planner-bits" role="group" aria-label={format!("{} network bits, {} host bits", len, f.host_bits())}>
                    { bits }
                </div>
                <p class="planner-legend"><span class="planner-bit net">{"1"}</span>{ format!(" network bits: {len}  ") }<span class="planner-bit host">{"0"}</span>{ " host bits" }</p>
                <dl class="planner-facts">
                    <dt>{"Network"}</dt><dd>{ &f.network }</dd>
                    <dt>{"Broadcast"}</dt><dd>{ f.broadcast.clone().unwrap_or_else(|| "none (IPv6)".into()) }</dd>
                    <dt>{"Netmask"}</dt><dd>{ &f.netmask }</dd>
                    <dt>{"First – last"}</dt><dd>{ format!("{} – {}", f.first, f.last) }</dd>
                    <dt>{"Addresses"}</dt><dd>{ grouped(&f.addresses) }</dd>
                    <dt>{"Special use"}</dt><dd>{ special }</dd>
                </dl>
                <table class="planner-usable">
                    <caption>{"Usable hosts in one subnet of this size"}</caption>
                    <tbody>{ rows }</tbody>
                </table>
                </>
            }
        }
    };
    html! {
        <section class="planner-card planner-inspect" aria-label="Prefix inspector">
            <h3>{"Inspect a prefix"}</h3>
            <label class="planner-field">{"Prefix "}
                <input type="text" value={props.text.clone()} oninput={on_input} spellcheck="false"
                    aria-label="Prefix to inspect" class="planner-mono" />
            </label>
            { body }
        </section>
    }
}
