//! Playback of propagation, for the lab: the converged state of a scenario, the log of
//! messages that leads there from empty tables, and after a failure, restore,
//! announcement or withdrawal the log of the re-convergence; and the arithmetic of the
//! play, pause, step and "converged" controls.
//!
//! ```
//! use cloudhop_core::bgp::replay::Convergence;
//! use cloudhop_core::bgp::seeds::seed;
//! let old = seed("saas-exchange").unwrap();
//! let mut new = old.clone();
//! new.failed_links.push([65001.into(), 65010.into()]);
//! let c = Convergence::of(&new, Some(&old));
//! let (what, replay) = c.change.as_ref().unwrap();
//! assert_eq!(what, "failing the link AS 65001 – AS 65010");
//! // Playing the re-convergence to the end gives the routes shown at once.
//! assert_eq!(replay.at(replay.log.len()).ribs(), *c.ribs.as_ref().unwrap());
//! ```

use super::error::BgpError;
use super::events::{Delivery, Simulation};
use super::network::Ribs;
use super::reconverge::reconverge;
use super::scenario::Scenario;
use std::sync::Arc;

/// Most messages the lab plays for one scenario (lab scenarios need far fewer).
pub const PLAY_LIMIT: usize = 5_000;

/// A message log to play: where it starts and the messages, in order.
#[derive(Debug, Clone)]
pub struct Replay {
    /// The simulation before the first message (shared: the lab compares it by identity).
    pub start: Arc<Simulation>,
    /// The messages.
    pub log: Vec<Delivery>,
    /// The log was cut at [`PLAY_LIMIT`].
    pub cut: bool,
}

impl Replay {
    /// Play `start` to the end (or to [`PLAY_LIMIT`]); also gives the final simulation.
    ///
    /// ```
    /// use cloudhop_core::bgp::events::Simulation;
    /// use cloudhop_core::bgp::replay::Replay;
    /// use cloudhop_core::bgp::seeds::seed;
    /// let net = seed("saas-exchange").unwrap().network().unwrap();
    /// let (r, end) = Replay::record(Simulation::new(&net).unwrap());
    /// assert!(!r.cut && r.log.len() > 4);
    /// assert_eq!(end.ribs(), net.compute().unwrap());
    /// ```
    pub fn record(start: Simulation) -> (Replay, Simulation) {
        let mut sim = start.clone();
        let mut log = Vec::new();
        let mut cut = false;
        while let Some(d) = sim.step() {
            log.push(d);
            if log.len() >= PLAY_LIMIT {
                cut = true;
                break;
            }
        }
        let r = Replay {
            start: Arc::new(start),
            log,
            cut,
        };
        (r, sim)
    }

    /// The simulation after `k` messages of this log.
    pub fn at(&self, k: usize) -> Simulation {
        simulation_at(&self.start, k)
    }
}

/// The simulation after `k` messages from `start` (at most [`PLAY_LIMIT`]).
///
/// ```
/// use cloudhop_core::bgp::events::Simulation;
/// use cloudhop_core::bgp::replay::simulation_at;
/// use cloudhop_core::bgp::seeds::seed;
/// let net = seed("saas-exchange").unwrap().network().unwrap();
/// let start = Simulation::new(&net).unwrap();
/// assert_eq!(simulation_at(&start, 2).delivered(), 2);
/// ```
pub fn simulation_at(start: &Simulation, k: usize) -> Simulation {
    let mut sim = start.clone();
    for _ in 0..k.min(PLAY_LIMIT) {
        if sim.step().is_none() {
            break;
        }
    }
    sim
}

/// The converged state of a scenario, the messages of propagation from empty tables,
/// and, after a change a running network can apply, the messages of re-convergence.
#[derive(Debug, Clone)]
pub struct Convergence {
    /// The stable routes, or why the scenario is refused.
    pub ribs: Result<Ribs, BgpError>,
    /// Propagation from empty tables.
    pub scratch: Option<Replay>,
    /// Re-convergence from the previous scenario's converged state, and what changed
    /// ("failing the link AS 1 – AS 2").
    pub change: Option<(String, Replay)>,
}

impl Convergence {
    /// Compute `sc`, and its re-convergence from `from` when there is one. The
    /// re-convergence is kept only when it lands exactly where the direct computation
    /// does (it always should; if it did not, the log from empty tables is what is shown)
    /// or when its log was cut.
    pub fn of(sc: &Scenario, from: Option<&Scenario>) -> Convergence {
        let net = match sc.network() {
            Ok(n) => n,
            Err(e) => {
                return Convergence {
                    ribs: Err(e),
                    scratch: None,
                    change: None,
                }
            }
        };
        let ribs = net.compute();
        let scratch = Simulation::new(&net).ok().map(|s| Replay::record(s).0);
        let change = match (from, &ribs) {
            (Some(old), Ok(r)) => reconverge(old, sc).ok().and_then(|rc| {
                let what = rc.describe();
                let (replay, end) = Replay::record(rc.sim);
                (replay.cut || end.ribs() == *r).then_some((what, replay))
            }),
            _ => None,
        };
        Convergence {
            ribs,
            scratch,
            change,
        }
    }

    /// The log playback works on: the re-convergence after a change, unless `scratch`
    /// (the learner asked for propagation from empty tables) or there is none.
    pub fn replay(&self, scratch: bool) -> Option<&Replay> {
        match (&self.change, scratch) {
            (Some((_, r)), false) => Some(r),
            _ => self.scratch.as_ref(),
        }
    }

    /// What changed, when the log played is a re-convergence.
    pub fn change_text(&self, scratch: bool) -> Option<&str> {
        match (&self.change, scratch) {
            (Some((what, _)), false) => Some(what.as_str()),
            _ => None,
        }
    }
}

/// Where playback is: how many messages are delivered, and whether it plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Playback {
    /// `None`: show the converged state. `Some(k)`: the state after `k` messages.
    pub at: Option<usize>,
    /// Advancing on a timer.
    pub playing: bool,
    /// Playing propagation from empty tables even when a re-convergence log exists.
    pub scratch: bool,
}

/// What the playback controls (and the timer) ask for. `total` is the length of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlayAction {
    /// Play from where it is (from the start if at the end or converged).
    Play(usize),
    /// Stop the timer.
    Pause,
    /// One message further, and stop.
    Step(usize),
    /// The timer's beat: one message further while playing.
    Tick(usize),
    /// Back to empty tables.
    Restart,
    /// Show the converged state.
    Finish,
}

impl Playback {
    /// The playback after `action`.
    ///
    /// ```
    /// use cloudhop_core::bgp::replay::{PlayAction, Playback};
    /// let p = Playback::default().apply(PlayAction::Step(3));
    /// assert_eq!(p.at, Some(0));
    /// let p = p.apply(PlayAction::Play(3)).apply(PlayAction::Tick(3)).apply(PlayAction::Tick(3));
    /// assert_eq!((p.at, p.playing), (Some(2), true));
    /// let p = p.apply(PlayAction::Tick(3));
    /// assert_eq!((p.at, p.playing), (Some(3), false), "stops at the end");
    /// assert_eq!(p.apply(PlayAction::Finish), Playback::default());
    /// ```
    pub fn apply(self, action: PlayAction) -> Playback {
        let p = self;
        match action {
            PlayAction::Play(total) => {
                let at = match p.at {
                    Some(k) if k < total => k,
                    _ => 0,
                };
                Playback {
                    at: Some(at),
                    playing: true,
                    ..p
                }
            }
            PlayAction::Pause => Playback {
                playing: false,
                ..p
            },
            PlayAction::Step(total) => {
                let k = p.at.map_or(0, |k| k + 1);
                Playback {
                    at: Some(k.min(total)),
                    playing: false,
                    ..p
                }
            }
            PlayAction::Tick(total) => match p.at {
                Some(k) if k < total && p.playing => Playback {
                    at: Some(k + 1),
                    playing: k + 1 < total,
                    ..p
                },
                _ => Playback {
                    playing: false,
                    ..p
                },
            },
            PlayAction::Restart => Playback {
                at: Some(0),
                playing: false,
                scratch: true,
            },
            PlayAction::Finish => Playback::default(),
        }
    }

    /// The number of messages delivered in what is shown, within a log of `total`
    /// (`None`: converged).
    pub fn shown(self, total: usize) -> Option<usize> {
        self.at.map(|k| k.min(total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bgp::asn::Asn;
    use crate::bgp::seeds::seed;

    #[test]
    fn a_policy_edit_plays_from_empty_tables() {
        let old = seed("internet-hijack").unwrap();
        let mut new = old.clone();
        new.policy.prepend.push(crate::bgp::policy::Prepend {
            asn: Asn(64502),
            to: Some(Asn(64510)),
            times: 1,
        });
        let c = Convergence::of(&new, Some(&old));
        assert!(c.change.is_none());
        assert!(c.replay(false).is_some());
        assert_eq!(c.change_text(false), None);
    }

    #[test]
    fn a_failure_plays_its_reconvergence_unless_asked_for_scratch() {
        let old = seed("internet-hijack").unwrap();
        let mut new = old.clone();
        new.failed_links.push([Asn(64502), Asn(64500)]);
        let c = Convergence::of(&new, Some(&old));
        assert_eq!(
            c.change_text(false),
            Some("failing the link AS 64500 – AS 64502")
        );
        let rc = c.replay(false).unwrap();
        let scratch = c.replay(true).unwrap();
        assert!(scratch.log.len() > rc.log.len());
        // Both logs end at the routes shown.
        let ribs = c.ribs.clone().unwrap();
        assert_eq!(rc.at(rc.log.len()).ribs(), ribs);
        assert_eq!(scratch.at(scratch.log.len()).ribs(), ribs);
        assert_eq!(scratch.at(0).ribs().by_prefix.len(), 1, "origins only");
    }

    #[test]
    fn a_broken_scenario_has_no_logs() {
        let mut s = seed("saas-exchange").unwrap();
        s.failed_ases.push(Asn(7));
        let c = Convergence::of(&s, None);
        assert!(c.ribs.unwrap_err().contains("AS 7"));
        assert!(c.scratch.is_none() && c.change.is_none());
    }

    #[test]
    fn playback_controls() {
        let p = Playback::default();
        assert_eq!(p.shown(9), None);
        // Play from converged starts at 0; pause keeps the place.
        let p = p.apply(PlayAction::Play(2));
        assert_eq!((p.at, p.playing), (Some(0), true));
        let p = p.apply(PlayAction::Pause);
        assert_eq!((p.at, p.playing), (Some(0), false));
        // A tick while paused does nothing but keep it paused.
        assert_eq!(p.apply(PlayAction::Tick(2)).at, Some(0));
        // Step stops at the end.
        let p = p
            .apply(PlayAction::Step(2))
            .apply(PlayAction::Step(2))
            .apply(PlayAction::Step(2));
        assert_eq!(p.at, Some(2));
        // Play at the end starts again.
        assert_eq!(p.apply(PlayAction::Play(2)).at, Some(0));
        // Restart asks for the log from empty tables; Finish goes back to the change log.
        let r = p.apply(PlayAction::Restart);
        assert_eq!((r.at, r.scratch), (Some(0), true));
        assert!(!r.apply(PlayAction::Finish).scratch);
        // What is shown never passes the log's end.
        assert_eq!(Playback { at: Some(9), ..p }.shown(4), Some(4));
    }
}
