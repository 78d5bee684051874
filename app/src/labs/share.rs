//! The Share / embed control under every lab (its page and a lesson's exercise): for the
//! scenario on screen, the link, the iframe snippet, the `<cloudhop-lab>` snippet and the
//! mdBook fence (with its `book.toml` lines), each with Copy, and a live preview of the
//! embed (an iframe of this site). The texts are `cloudhop_core::embed::Snippets`; they are
//! shown as text, never as HTML. The preview is made only while the control is open.

use super::LabProps;
use crate::components::code::CopyButton;
use cloudhop_core::embed::{SiteBase, Snippets};
use cloudhop_core::labs::LabId;
use std::cell::Cell;
use yew::prelude::*;

thread_local! {
    static SHOWN: Cell<u32> = const { Cell::new(0) };
}

/// A prefix for the control's element ids: a lesson page can show several labs.
fn next_uid() -> String {
    let n = SHOWN.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    format!("share{n}")
}

/// Properties of [`ShareEmbed`].
#[derive(Properties, PartialEq)]
pub struct ShareEmbedProps {
    /// The lab.
    pub lab: LabId,
    /// The scenario on screen (the text a link's `s=` carries); none until the lab says.
    pub state: Option<AttrValue>,
}

/// One snippet: its name, the text, and Copy.
fn snippet(id: &str, name: &str, what: &str, text: &str) -> Html {
    let head_id = format!("{id}-name");
    html! {
        <div class="share-snippet" data-snippet={id.to_string()}>
            <div class="share-snippet-head">
                <span class="share-snippet-name" id={head_id.clone()}>{ name.to_string() }</span>
                <CopyButton text={AttrValue::from(text.to_string())} label={AttrValue::from(format!("Copy {what}"))} />
            </div>
            <pre tabindex="0" aria-labelledby={head_id}><code>{ text.to_string() }</code></pre>
        </div>
    }
}

/// The control.
#[function_component]
pub fn ShareEmbed(props: &ShareEmbedProps) -> Html {
    let open = use_state(|| false);
    let uid = use_memo((), |_| next_uid());
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let d: web_sys::Element = e.target_unchecked_into();
            open.set(d.has_attribute("open"));
        })
    };
    let slug = props.lab.slug();
    let body = if *open {
        let href = gloo_utils::window().location().href().unwrap_or_default();
        match SiteBase::from_page_url(&href) {
            Ok(site) => {
                let s = Snippets::new(&site, props.lab, props.state.as_deref());
                let id = |k: &str| format!("{uid}-{slug}-{k}");
                html! {
                    <div class="share-embed-body">
                        <p class="share-embed-note">{ "For the scenario on screen now: each text changes as you change the lab." }</p>
                        { snippet(&id("link"), "Link", "the link", &s.link) }
                        { snippet(&id("iframe"), "iframe", "the iframe snippet", &s.iframe) }
                        { snippet(&id("element"), "<cloudhop-lab> element", "the element snippet", &s.element) }
                        { snippet(&id("mdbook"), "mdBook block", "the mdBook block", &s.mdbook) }
                        { snippet(&id("book-toml"), "book.toml (for the mdBook block, with mdbook-cloudhop)", "the book.toml lines", &s.book_toml) }
                        <figure class="share-preview">
                            <figcaption>{ "Preview of the embed" }</figcaption>
                            <iframe src={s.embed_url.clone()} title={format!("Preview: {} embedded", props.lab.title())} loading="lazy"></iframe>
                        </figure>
                    </div>
                }
            }
            Err(e) => html! { <p class="share-embed-note">{ e.to_string() }</p> },
        }
    } else {
        html! {}
    };
    html! {
        <details class="share-embed" data-lab={slug} {ontoggle}>
            <summary>{ "Share / embed" }</summary>
            { body }
        </details>
    }
}

/// Properties of [`ShareableLab`].
#[derive(Properties, PartialEq)]
pub struct ShareableLabProps {
    /// The lab.
    pub lab: LabId,
    /// Its properties (the page's).
    pub props: LabProps,
}

/// A lab with its Share / embed control below, kept to the scenario the lab reports.
#[function_component]
pub fn ShareableLab(p: &ShareableLabProps) -> Html {
    let scenario = use_state_eq(|| None::<AttrValue>);
    let on_scenario = {
        let scenario = scenario.clone();
        use_callback((), move |s: String, _| {
            scenario.set(Some(AttrValue::from(s)))
        })
    };
    let props = LabProps {
        on_scenario: Some(on_scenario),
        ..p.props.clone()
    };
    html! {
        <>
            { super::view(p.lab, props) }
            <ShareEmbed lab={p.lab} state={(*scenario).clone()} />
        </>
    }
}
