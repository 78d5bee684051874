//! SVG drawings of failover timelines (and, for DNS, the share of clients moved), drawn on
//! one time scale so two settings can be compared at a glance. Only the drawing is here
//! (scale, ticks, coordinates); every caption comes from `core::failover::display`.

use cloudhop_core::failover::display::{
    duration, phase_caption, phase_title, share_whole, tick_step,
};
use cloudhop_core::failover::scenario::Report;
use cloudhop_core::failover::timeline::PhaseKind;
use yew::prelude::*;

/// The drawing's width when it has not been measured yet.
const DEFAULT_W: f64 = 720.0;
/// The narrowest drawing (a phone's column is wider).
const MIN_W: f64 = 160.0;
const X0: f64 = 34.0;
const ROW: f64 = 30.0;
const GAP: f64 = 12.0;

/// The drawing's width: the measured width in CSS pixels, so one unit is one pixel and the
/// 11 px labels are 11 px on screen at any width.
fn width_of(measured: Option<f64>) -> f64 {
    measured.unwrap_or(DEFAULT_W).max(MIN_W)
}

/// Roughly how wide a phase label is at 11 px bold, plus padding.
fn label_width(text: &str) -> f64 {
    text.chars().count() as f64 * 7.0 + 10.0
}

fn x_of(t: f64, max: f64, w: f64) -> f64 {
    X0 + (t / max).clamp(0.0, 1.0) * (w - 14.0 - X0)
}

/// The longest timeline among the rows (at least one second).
pub fn scale_of(rows: &[(&str, &Report)]) -> f64 {
    rows.iter()
        .map(|(_, r)| r.timeline.total_s())
        .fold(1.0, f64::max)
}

/// Timelines as bars, one row per report.
pub fn timeline_svg(rows: &[(&str, &Report)], measured: Option<f64>) -> Html {
    let w_all = width_of(measured);
    let max = scale_of(rows);
    let h = rows.len() as f64 * (ROW + GAP) + 30.0;
    let step = tick_step(max, w_all);
    let ticks: Vec<f64> = (0..=((max / step).floor() as usize).min(40))
        .map(|i| i as f64 * step)
        .collect();
    let axis_y = rows.len() as f64 * (ROW + GAP) + 4.0;
    html! {
        <svg class="failover-timeline" viewBox={format!("0 0 {w_all} {h}")} role="img"
            aria-label="Failover timeline: detect, decide, propagate, recover">
            { for ticks.iter().map(|t| {
                let x = x_of(*t, max, w_all);
                html! { <g class="failover-tick">
                    <line x1={x.to_string()} x2={x.to_string()} y1="0" y2={axis_y.to_string()} />
                    <text x={x.to_string()} y={(axis_y + 16.0).to_string()} text-anchor="middle">{ duration(*t) }</text>
                </g> }
            }) }
            { for rows.iter().enumerate().map(|(i, (name, r))| {
                let y = i as f64 * (ROW + GAP) + 4.0;
                html! { <g class="failover-row">
                    <text class="failover-row-name" x="4" y={(y + ROW / 2.0 + 5.0).to_string()}>{ *name }</text>
                    { for r.timeline.phases().iter().filter(|p| p.duration_s() > 0.0).map(|p| {
                        let x = x_of(p.start_s, max, w_all);
                        let w = (x_of(p.end_s, max, w_all) - x).max(1.0);
                        let text = phase_caption(p);
                        let title = phase_title(p);
                        html! { <g>
                            <rect class={format!("failover-phase failover-phase-{}", p.kind.name())}
                                x={x.to_string()} y={y.to_string()} width={w.to_string()} height={ROW.to_string()} rx="3">
                                <title>{ title }</title>
                            </rect>
                            if w > label_width(&text) {
                                <text class="failover-phase-text" x={(x + 5.0).to_string()} y={(y + ROW / 2.0 + 4.0).to_string()}>
                                    { text.clone() }
                                </text>
                            }
                        </g> }
                    }) }
                </g> }
            }) }
        </svg>
    }
}

/// The four phase kinds as a legend.
pub fn legend() -> Html {
    html! {
        <ul class="failover-legend">
            { for PhaseKind::ALL.iter().map(|k| html! {
                <li><span class={format!("failover-swatch failover-phase-{}", k.name())}></span>{ k.name() }</li>
            }) }
        </ul>
    }
}

/// Share of clients moved against time (DNS models), on the same time scale.
pub fn moved_svg(rows: &[(&str, &Report)], target_share: f64, measured: Option<f64>) -> Html {
    let w_all = width_of(measured);
    let (x1, max) = (w_all - 14.0, scale_of(rows));
    let h = 130.0;
    let y_of = |share: f64| 10.0 + (1.0 - share.clamp(0.0, 1.0)) * (h - 30.0);
    let target_y = y_of(target_share);
    html! {
        <svg class="failover-moved" viewBox={format!("0 0 {w_all} {h}")} role="img"
            aria-label="Share of clients on the standby over time">
            <line class="failover-axis" x1={X0.to_string()} x2={x1.to_string()} y1={y_of(0.0).to_string()} y2={y_of(0.0).to_string()} />
            <line class="failover-target" x1={X0.to_string()} x2={x1.to_string()} y1={target_y.to_string()} y2={target_y.to_string()} />
            <text class="failover-axis-text" x="2" y={(target_y + 4.0).to_string()}>{ share_whole(target_share) }</text>
            <text class="failover-axis-text" x="2" y={(y_of(0.0) + 4.0).to_string()}>{ "0%" }</text>
            { for rows.iter().enumerate().map(|(i, (name, r))| {
                let mut pts: Vec<(f64, f64)> = r.moved_curve.clone();
                if let Some(last) = pts.last().copied() {
                    if last.0 < max { pts.push((max, last.1)); }
                }
                let points = pts.iter()
                    .map(|(t, s)| format!("{:.1},{:.1}", x_of(*t, max, w_all), y_of(*s)))
                    .collect::<Vec<_>>().join(" ");
                html! { <polyline class={format!("failover-curve failover-curve-{i}")} points={points}>
                    <title>{ format!("{name}: share of clients moved") }</title>
                </polyline> }
            }) }
        </svg>
    }
}
