//! One setting's results: the headline (and how it compares with setting A), what is lost,
//! the other figures and the phases, every text from `core::failover::display`.

use crate::components::message::message_view;
use cloudhop_core::failover::display::{self, Delta};
use cloudhop_core::failover::error::FailoverError;
use cloudhop_core::failover::scenario::Report;
use yew::prelude::*;

/// What a setting's results show.
pub struct ResultsProps<'a> {
    /// `A` or `B`.
    pub name: &'static str,
    pub report: &'a Result<Report, FailoverError>,
    /// Setting A's report, when this is B.
    pub other: Option<&'a Result<Report, FailoverError>>,
}

/// A setting's results, or why it cannot run. (A view function: a component per piece
/// costs a few KB of wasm each.)
pub fn results(p: &ResultsProps<'_>) -> Html {
    let r = match p.report {
        Err(e) => {
            return html! { <div class="failover-results failover-error" role="alert">{ message_view(&format!("Setting {}: {e}", p.name)) }</div> }
        }
        Ok(r) => r,
    };
    let delta = p
        .other
        .and_then(|o| o.as_ref().ok())
        .and_then(|o| Delta::between(r, o));
    html! {
        <div class="failover-results">
            <p class="failover-headline">
                <span class="failover-headline-value" data-key={r.headline.key}>{ display::figure(&r.headline) }</span>
                <span class="failover-headline-label">{ r.headline.label.clone() }</span>
                if let Some(d) = delta {
                    <span class={classes!("failover-delta", if d.is_better() { "failover-better" } else { "failover-worse" })}>
                        { d.text("A") }
                    </span>
                }
            </p>
            <ul class="failover-losses">
                { for r.losses.iter().map(|f| html! {
                    <li data-key={f.key}><strong>{ display::figure(f) }</strong>{ " " }{ f.label.clone() }</li>
                }) }
            </ul>
            <dl class="failover-figures">
                { for r.figures.iter().map(|f| html! {
                    <><dt>{ f.label.clone() }</dt><dd data-key={f.key}>{ display::figure(f) }</dd></>
                }) }
            </dl>
            <ol class="failover-phases">
                { for r.timeline.phases().iter().map(|p| html! {
                    <li class={format!("failover-phase-item-{}", p.kind.name())}>
                        <span class={format!("failover-swatch failover-phase-{}", p.kind.name())}></span>
                        <strong>{ p.kind.name() }</strong>{ display::phase_line(p) }
                    </li>
                }) }
            </ol>
        </div>
    }
}
