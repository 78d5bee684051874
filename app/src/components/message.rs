//! A message from an engine, with the names it quotes shown as code (see
//! `cloudhop_core::message`). Every part is a text node: nothing is parsed as markup.

use cloudhop_core::message::{parts, Part};
use yew::prelude::*;

/// Render `message`: plain text, and quoted names in `<code>`.
pub fn message_view(message: &str) -> Html {
    parts(message)
        .into_iter()
        .map(|p| match p {
            Part::Text(t) => html! { { t.to_string() } },
            Part::Name(n) => html! { <code>{ n.to_string() }</code> },
        })
        .collect()
}
