//! The model note: the model, its fit to published measurements, and the sources.

use cloudhop_core::latency::calibration::Calibration;
use cloudhop_core::latency::explain;
use cloudhop_core::latency::model::RttModel;
use yew::prelude::*;

/// The model note: the same on every render, so drawn once.
#[function_component]
pub(crate) fn ModelNote() -> Html {
    model_note()
}

/// The model and its calibration, with sources.
pub(crate) fn model_note() -> Html {
    let cal = Calibration::builtin();
    let model = RttModel::calibrated();
    let rep = cal.report(model);
    html! {
        <details class="latency-model">
            <summary>{ "The model and how well it fits published measurements" }</summary>
            <p>{ explain::model_text(model) }</p>
            <p>{ explain::calibration_text(&rep) }</p>
            <table class="latency-inflation">
                <thead><tr><th>{ "zones" }</th><th>{ "inflation" }</th></tr></thead>
                <tbody>{ for model.inflation_table().into_iter().map(|(a, b, k)| html! {
                    <tr><td>{ format!("{} – {}", a.label(), b.label()) }</td><td>{ format!("{k:.2}") }</td></tr>
                }) }</tbody>
            </table>
            <p>{ "Sources:" }</p>
            <ul>{ for cal.sources.iter().map(|s| html! {
                <li>{ format!("{} ({}, {}, {}): {}. ", s.title, s.date, s.percentile, if s.holdout { "held out" } else { "fitted" }, s.method) }
                    <a href={s.url.clone()} target="_blank" rel="noopener noreferrer">{ s.url.clone() }</a></li>
            }) }</ul>
        </details>
    }
}
