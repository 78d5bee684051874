//! A lesson's code block: the text in `<pre><code>` as one text node, labelled with what it
//! is, and a Copy button that puts exactly that text on the clipboard. A diagram is shown
//! as a picture with its caption (its accessible name) and has no Copy button.

use cloudhop_lessons::markup::CodeBlock;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// What the last Copy did, shown beside the button (and announced: `role="status"`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Copied {
    Not,
    Done,
    /// The browser has no clipboard here (an insecure page, an old browser).
    Unavailable,
    /// The browser or the learner refused access.
    Refused,
}

impl Copied {
    fn text(self) -> &'static str {
        match self {
            Copied::Not => "",
            Copied::Done => "Copied",
            Copied::Unavailable => {
                "This browser offers no clipboard here: select the text and copy it by hand."
            }
            Copied::Refused => {
                "The browser refused access to the clipboard: select the text and copy it by hand."
            }
        }
    }
}

/// Write `text` to the clipboard; never throws into Rust (a missing `navigator.clipboard`
/// is looked up with `Reflect`, which catches, before it is called).
async fn write_clipboard(text: String) -> Copied {
    let Some(window) = web_sys::window() else {
        return Copied::Unavailable;
    };
    let navigator = window.navigator();
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !present {
        return Copied::Unavailable;
    }
    match JsFuture::from(navigator.clipboard().write_text(&text)).await {
        Ok(_) => Copied::Done,
        Err(_) => Copied::Refused,
    }
}

/// The Copy button's click (put `text` on the clipboard, then record what happened in
/// `copied`) and the classes of the status beside it. One for code blocks and other Copy
/// buttons.
fn copy_action(copied: &UseStateHandle<Copied>, text: String) -> (Callback<MouseEvent>, Classes) {
    let onclick = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(write_clipboard(text).await);
            });
        })
    };
    let status_class = classes!(
        "copy-status",
        matches!(**copied, Copied::Unavailable | Copied::Refused).then_some("bad")
    );
    (onclick, status_class)
}

/// Properties of [`CodeView`].
#[derive(Properties, PartialEq)]
pub struct CodeProps {
    /// The block as the lesson wrote it.
    pub block: CodeBlock,
}

/// One code block or diagram.
#[function_component]
pub fn CodeView(props: &CodeProps) -> Html {
    let copied = use_state(|| Copied::Not);
    let block = &props.block;
    let lang = block.language;
    let caption = (!block.caption.is_empty())
        .then(|| html! { <figcaption>{ block.caption.clone() }</figcaption> });
    if lang.is_diagram() {
        return html! {
            <figure class="code-block diagram">
                <pre role="img" aria-label={block.caption.clone()}><code>{ block.text.clone() }</code></pre>
                { caption }
            </figure>
        };
    }
    let (onclick, status_class) = copy_action(&copied, block.text.clone());
    html! {
        <figure class={classes!("code-block", format!("lang-{}", lang.tag()))}>
            <div class="code-head">
                <span class="code-lang">{ lang.label() }</span>
                <span class={status_class} role="status">{ copied.text() }</span>
                <button type="button" class="button quiet copy" {onclick}
                    aria-label={format!("Copy {}", lang.label())}>{ "Copy" }</button>
            </div>
            <pre tabindex="0"><code>{ block.text.clone() }</code></pre>
            { caption }
        </figure>
    }
}

/// Properties of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The text put on the clipboard.
    pub text: AttrValue,
    /// The button's accessible name (`Copy the link`).
    pub label: AttrValue,
}

/// A Copy button for a text shown elsewhere on the page (a workshop link, a receipt code),
/// with what the copy did beside it.
#[function_component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let copied = use_state(|| Copied::Not);
    let (onclick, status_class) = copy_action(&copied, props.text.to_string());
    html! {
        <span class="copy-control">
            <button type="button" class="button copy" {onclick} aria-label={props.label.clone()}>{ "Copy" }</button>
            <span class={status_class} role="status">{ copied.text() }</span>
        </span>
    }
}
