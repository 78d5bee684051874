//! Pieces of the page chrome shared by the course's pages and workshop mode: the theme
//! toggle and replacing the hash in place.

use crate::storage;
use yew::prelude::*;

/// Replace the URL's hash without adding a history entry or re-routing.
pub fn replace_hash(hash: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// The theme: `None` follows the system.
fn apply_theme(theme: Option<&str>) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match theme {
            Some(t) => root.set_attribute("data-theme", t),
            None => root.remove_attribute("data-theme"),
        };
    }
}

/// The theme toggle in the page header.
#[function_component]
pub fn ThemeToggle() -> Html {
    let theme = use_state(|| storage::get(storage::THEME_KEY));
    {
        let t = (*theme).clone();
        use_effect_with(t, |t| apply_theme(t.as_deref()));
    }
    let next = match theme.as_deref() {
        None => Some("dark"),
        Some("dark") => Some("light"),
        _ => None,
    };
    let label = match theme.as_deref() {
        None => "Theme: system",
        Some("dark") => "Theme: dark",
        _ => "Theme: light",
    };
    let onclick = {
        let theme = theme.clone();
        Callback::from(move |_: MouseEvent| {
            match next {
                Some(t) => {
                    let _ = storage::set(storage::THEME_KEY, t);
                }
                None => storage::remove(storage::THEME_KEY),
            }
            theme.set(next.map(str::to_string));
        })
    };
    html! { <button class="button quiet theme-toggle" {onclick} aria-label={format!("{label}. Change theme")}>{ label }</button> }
}
