//! The numbered site list, with fail and remove buttons.

use super::computed::Computed;
use super::style::site_class;
use cloudhop_core::latency::topology::Network;
use std::rc::Rc;
use yew::prelude::*;

/// The site list's properties: equal while the sites and the failures are.
#[derive(Properties)]
pub(crate) struct SiteListProps {
    pub computed: Rc<Computed>,
    pub toggle_fail: Callback<String>,
    pub remove: Callback<usize>,
}

impl PartialEq for SiteListProps {
    fn eq(&self, o: &Self) -> bool {
        let (a, b) = (&self.computed, &o.computed);
        self.toggle_fail == o.toggle_fail
            && self.remove == o.remove
            && (Rc::ptr_eq(a, b)
                || (a.net.is_ok() == b.net.is_ok()
                    && a.sites() == b.sites()
                    && a.scenario.failed == b.scenario.failed))
    }
}

/// The numbered site list.
#[function_component]
pub(crate) fn SiteList(p: &SiteListProps) -> Html {
    match &p.computed.net {
        Ok(net) => site_list(
            net,
            &p.computed.scenario.failed,
            p.toggle_fail.clone(),
            p.remove.clone(),
        ),
        Err(_) => html! {},
    }
}

/// The numbered site list with fail and remove buttons.
pub(crate) fn site_list(
    net: &Network,
    failed: &[String],
    toggle_fail: Callback<String>,
    remove: Callback<usize>,
) -> Html {
    let sites = net.sites();
    if sites.is_empty() {
        return html! { <p class="latency-empty">{ "No sites yet: add regions above or click the map." }</p> };
    }
    html! {
        <ol class="latency-sites" aria-label="sites">
            { for sites.iter().enumerate().map(|(i, s)| {
                let down = failed.contains(&s.id);
                let id = s.id.clone();
                let tf = toggle_fail.clone();
                let rm = remove.clone();
                html! {
                    <li class={classes!(site_class(s), down.then_some("latency-failed"))}>
                        <span class="latency-site-name" title={format!("{} ({}, {:.2}°, {:.2}°)", s.name, s.metro, s.pos.lat, s.pos.lon)}>
                            { format!("{}. {}", i + 1, s.id) }
                        </span>
                        <button type="button" class="latency-fail" aria-pressed={down.to_string()}
                            onclick={Callback::from(move |_| tf.emit(id.clone()))}>
                            { if down { "restore" } else { "fail" } }
                        </button>
                        <button type="button" class="latency-remove" aria-label={format!("remove {}", s.id)}
                            onclick={Callback::from(move |_| rm.emit(i))}>{ "×" }</button>
                    </li>
                }
            }) }
        </ol>
    }
}
