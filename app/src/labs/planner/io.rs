//! The export and import card: download the plan as JSON, show it, paste one in.

use super::model::{Action, Dispatch};
use yew::prelude::*;

/// Properties of [`import_export`].
#[derive(Properties, PartialEq)]
pub struct IoProps {
    /// The plan as indented JSON.
    pub json: String,
    /// The import field as typed.
    pub import_text: String,
    /// The page keeps the plan in its link (the lab page and embeds; not a lesson, whose
    /// link is the lesson's).
    pub linked: bool,
    pub dispatch: Dispatch,
}

/// Export and import.
pub fn import_export(props: &IoProps) -> Html {
    let on_download = {
        let text = props.json.clone();
        let d = props.dispatch.clone();
        Callback::from(move |_| {
            if let Err(e) = crate::pages::progress::download("plan.json", &text, "application/json")
            {
                d.dispatch(Action::Notice(format!("The download did not start: {e}")));
            }
        })
    };
    let on_import_text = {
        let d = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let t: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            d.dispatch(Action::ImportText(t.value()));
        })
    };
    let on_import = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Import))
    };
    html! {
        <section class="planner-card planner-io" aria-label="Export and import">
            <h3>{"Export and import"}</h3>
            <p class="planner-muted">
                { if props.linked { "The link in the address bar holds this plan. " } else { "Download the plan to keep or share it. " } }
                {"The JSON is the format of "}<code>{"cloudhop cidr check"}</code>{"."}
            </p>
            <button class="planner-btn" onclick={on_download}>{"Download plan.json"}</button>
            <details>
                <summary>{"Show JSON"}</summary>
                <pre class="planner-json">{ props.json.clone() }</pre>
            </details>
            <label class="planner-field planner-import">{"Paste a plan (JSON)"}
                <textarea rows="4" value={props.import_text.clone()} oninput={on_import_text} spellcheck="false"
                    aria-label="Plan JSON to import" class="planner-mono" />
            </label>
            <button class="planner-btn" onclick={on_import} disabled={props.import_text.trim().is_empty()}>{"Import"}</button>
        </section>
    }
}
