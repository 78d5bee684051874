//! The toolbar (presets, undo, reset), export and import of the scenario as JSON (the
//! format of `cloudhop dns resolve`), and the lab's notes with the documentation behind
//! each provider's order of rules and zones.

use super::model::{Action, Model};
use cloudhop_core::dns::network::NetworkKind;
use cloudhop_core::dns::precedence::source;
use cloudhop_core::dns::presets;
use cloudhop_core::labs::DnsState;
use std::rc::Rc;
use yew::prelude::*;

/// What the toolbar shows.
pub struct ToolbarProps {
    pub in_exercise: bool,
    pub can_undo: bool,
    pub start: Rc<DnsState>,
    pub dispatch: Callback<Action>,
    /// This lab's prefix for element ids.
    pub uid: AttrValue,
}

/// Presets (free lab), undo and reset.
pub fn toolbar(p: &ToolbarProps) -> Html {
    let d = &p.dispatch;
    let on_preset = d.reform(|e: Event| {
        let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Action::Preset(s.value())
    });
    let start = p.start.clone();
    html! {
        <div class="dns-toolbar">
            if !p.in_exercise {
                <label for={format!("{}-preset", p.uid)}>{ "Scenario " }
                    <select id={format!("{}-preset", p.uid)} class="dns-preset" onchange={on_preset}>
                        { for presets::all().iter().map(|pr| html! {
                            <option value={pr.id}>{ pr.title }</option>
                        }) }
                    </select>
                </label>
            }
            <button type="button" class="dns-small dns-undo" disabled={!p.can_undo}
                onclick={d.reform(|_: MouseEvent| Action::Undo)}>{ "Undo" }</button>
            <button type="button" class="dns-small dns-reset"
                onclick={d.reform(move |_: MouseEvent| Action::Reset(start.clone()))}>{ "Reset" }</button>
        </div>
    }
}

/// Export and import.
pub fn import_export(m: &Model, linked: bool, d: &Callback<Action>, uid: &str) -> Html {
    let json = m.state.sc.to_json();
    let on_download = {
        let text = json.clone();
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            if let Err(e) =
                crate::pages::progress::download("dns-scenario.json", &text, "application/json")
            {
                d.emit(Action::Notice(format!("The download did not start: {e}")));
            }
        })
    };
    let on_text = d.reform(|e: InputEvent| {
        let t: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        Action::ImportText(t.value())
    });
    html! {
        <section class="dns-card dns-io" aria-labelledby={format!("{uid}-io-title")}>
            <h3 id={format!("{uid}-io-title")}>{ "Export and import" }</h3>
            <p class="dns-muted">
                { if linked { "The link in the address bar holds this scenario and query. " } else { "Download the scenario to keep or share it. " } }
                { "The JSON is the format of " }<code>{ "cloudhop dns resolve" }</code>{ "." }
            </p>
            <button type="button" class="dns-small dns-download" onclick={on_download}>{ "Download dns-scenario.json" }</button>
            <details>
                <summary>{ "Show JSON" }</summary>
                <pre class="dns-json">{ json }</pre>
            </details>
            <label class="dns-field" for={format!("{uid}-import")}><span>{ "Paste a scenario (JSON)" }</span>
                <textarea id={format!("{uid}-import")} class="dns-import-text" rows="4" value={m.import_text.clone()} oninput={on_text} spellcheck="false" />
            </label>
            <button type="button" class="dns-small dns-import" disabled={m.import_text.trim().is_empty()}
                onclick={d.reform(|_: MouseEvent| Action::Import)}>{ "Import" }</button>
        </section>
    }
}

/// The lab's notes: which source wins where, and where each provider documents it.
pub fn notes(uid: &str) -> Html {
    let kinds = [
        (Some(NetworkKind::AwsVpc), "Route 53 Resolver (AWS)", "A forwarding rule beats a private hosted zone of the same domain; otherwise the most specific domain wins."),
        (Some(NetworkKind::AzureVnet), "Azure DNS Private Resolver", "Private zones linked to the VNet are consulted first; the forwarding ruleset linked to it is used only for names no linked zone covers (then the longest matching rule wins). So a linked zone beats a rule of the same domain, even a more specific one."),
        (Some(NetworkKind::GcpVpc), "Cloud DNS (Google Cloud)", "Private, forwarding and peering zones match by the longest suffix. A private zone and a forwarding zone of one name for one network are refused: the order is not documented clearly."),
        (None, "Your DNS servers (BIND, Unbound, AD)", "The most specific zone or conditional forwarder answers; a child of a zone the server hosts is delegated with NS records."),
    ];
    html! {
        <section class="dns-card dns-notes" aria-labelledby={format!("{uid}-notes-title")}>
            <h3 id={format!("{uid}-notes-title")}>{ "Notes: which source wins" }</h3>
            <ul>
                { for kinds.iter().map(|(k, who, what)| {
                    let url = source(*k);
                    html! {
                        <li><strong>{ *who }</strong>{ ": " }{ *what }{ " Source: " }
                            <a href={url} target="_blank" rel="noopener noreferrer">{ url }</a></li>
                    }
                }) }
            </ul>
        </section>
    }
}
