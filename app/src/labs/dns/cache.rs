//! The resolvers' caches and their clock: every live entry with the time it has left, and
//! buttons that move the clock on, empty the caches or ask again. The caches outlive
//! edits, so a learner sees an old answer served after a change until its TTL runs out.

use super::model::{Action, Model};
use cloudhop_core::dns::diagnosis::server_label;
use yew::prelude::*;

/// The cache panel.
pub fn cache_panel(m: &Model, d: &Callback<Action>) -> Html {
    let now = m.cache.now();
    let mut entries: Vec<_> = m.cache.entries().collect();
    entries.sort_by(|a, b| (a.name.as_str(), a.stored_at_s).cmp(&(b.name.as_str(), b.stored_at_s)));
    let advance = |s: u64, label: &'static str| {
        html! {
            <button type="button" class="dns-small dns-advance" data-seconds={s.to_string()}
                onclick={d.reform(move |_: MouseEvent| Action::Advance(s))}>{ label }</button>
        }
    };
    html! {
        <section class="dns-cache" aria-label="Caches">
            <h3>{ "Caches" }</h3>
            <p class="dns-clock" aria-live="polite">{ format!("Clock: {now} s") }</p>
            <div class="dns-cache-buttons" role="group" aria-label="Clock and caches">
                { advance(30, "+30 s") }
                { advance(300, "+5 min") }
                { advance(3600, "+1 h") }
                <button type="button" class="dns-small dns-ask-again" onclick={d.reform(|_: MouseEvent| Action::AskAgain)}>{ "Ask again" }</button>
                <button type="button" class="dns-small dns-flush" onclick={d.reform(|_: MouseEvent| Action::Flush)}>{ "Empty caches" }</button>
            </div>
            if entries.is_empty() {
                <p class="dns-muted">{ "Nothing cached." }</p>
            } else {
                <ul class="dns-cache-entries">
                    { for entries.iter().map(|e| html! {
                        <li class="dns-cache-entry">
                            <span class="dns-cache-what">{ format!("{} {}", e.name, e.rtype) }</span>
                            <span>{ format!(" at {}: {} ", server_label(&m.state.sc, &e.server).replace('`', ""), e.answer.summary()) }</span>
                            <span class="dns-cache-left">{ format!("({} s left)", e.remaining(now)) }</span>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
