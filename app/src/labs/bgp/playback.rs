//! The playback controls, the timer that plays propagation, and the message log.

use super::model::{Lab, LabAction};
use cloudhop_core::bgp::events::{Delivery, MessageKind};
use cloudhop_core::bgp::replay::{PlayAction, Playback};
use yew::prelude::*;

/// Advance playback every 700 ms while it plays.
#[hook]
pub(crate) fn use_play_timer(lab: &UseReducerHandle<Lab>, total: usize) {
    let lab = lab.clone();
    use_effect_with((lab.play.playing, total), move |(playing, total)| {
        let total = *total;
        // Dropping the interval stops it.
        let interval = playing.then(|| {
            let tick = lab.dispatcher();
            gloo_timers::callback::Interval::new(700, move || {
                tick.dispatch(LabAction::Play(PlayAction::Tick(total)))
            })
        });
        move || drop(interval)
    });
}

/// What the playback controls show.
pub(crate) struct PlayControlsProps {
    pub play: Playback,
    /// Messages in the log played.
    pub total: usize,
    /// The log is a re-convergence after a change.
    pub change: bool,
    /// The log was cut.
    pub cut: bool,
    pub on: Callback<PlayAction>,
}

/// Play or pause, step, from empty tables, converged, and the count.
pub(crate) fn play_controls(p: &PlayControlsProps) -> Html {
    let total = p.total;
    let at = p.play.shown(total);
    let send = |a: PlayAction| {
        let on = p.on.clone();
        Callback::from(move |_: MouseEvent| on.emit(a))
    };
    html! {
        <div class="bgp-play" role="group" aria-label="Propagation">
            if p.play.playing {
                <button class="bgp-pause" onclick={send(PlayAction::Pause)}>{ "❚❚ Pause" }</button>
            } else {
                <button class="bgp-playbtn" onclick={send(PlayAction::Play(total))}>{ "▶ Play" }</button>
            }
            <button class="bgp-step" onclick={send(PlayAction::Step(total))}
                disabled={at == Some(total)}>{ "Step ›" }</button>
            <button class="bgp-restart" onclick={send(PlayAction::Restart)}>{ "« From empty tables" }</button>
            <button class="bgp-converged" onclick={send(PlayAction::Finish)}
                disabled={at.is_none()}>{ "Converged »" }</button>
            <span class="bgp-play-count" data-at={at.map(|k| k.to_string()).unwrap_or_else(|| total.to_string())}
                data-total={total.to_string()}>
                { match at {
                    Some(k) => format!("{k} of {total} messages delivered"),
                    None => format!("{} after {total} messages{}",
                        if p.change { "re-converged" } else { "converged" },
                        if p.cut { " (cut)" } else { "" }),
                } }
            </span>
        </div>
    }
}

/// What the message log shows.
pub(crate) struct MessageLogProps<'a> {
    /// The messages shown (the last few delivered).
    pub shown: &'a [Delivery],
    /// The number of the first one shown, from 0.
    pub first: usize,
    pub total: usize,
    /// What changed, when the log is a re-convergence.
    pub change: Option<&'a str>,
}

/// What the log is, and its last few messages.
pub(crate) fn message_log(p: &MessageLogProps<'_>) -> Html {
    let total = p.total;
    let plural = if total == 1 { "message" } else { "messages" };
    let what = match &p.change {
        Some(c) => format!("After {c}: {total} {plural}"),
        None => format!("From empty tables: {total} {plural}"),
    };
    html! {
        <>
        <p class="bgp-log-what" data-mode={if p.change.is_some() { "change" } else { "scratch" }}>{ what }</p>
        <ol class="bgp-log" start={(p.first + 1).to_string()} aria-label="Messages">
            { for p.shown.iter().map(message_line) }
        </ol>
        </>
    }
}

fn message_line(d: &Delivery) -> Html {
    let m = &d.message;
    let (kind, path) = match &m.kind {
        MessageKind::Update { as_path } => ("UPDATE", format!(" [{}]", as_path)),
        MessageKind::Withdraw => ("WITHDRAW", String::new()),
    };
    let note = if !d.delivered {
        " · lost: link down"
    } else if d.looped {
        " · dropped: own AS in path"
    } else if d.best_changed {
        " · new best"
    } else {
        ""
    };
    html! {
        <li class={classes!("bgp-msg", if kind == "WITHDRAW" { "bgp-msg--withdraw" } else { "bgp-msg--update" })}>
            { format!("AS {} → AS {}: {kind} {}{path}{note}", m.from, m.to, m.prefix) }
        </li>
    }
}
