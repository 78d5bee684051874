//! The failover lab on the lab contract: one setting (or two, compared), the preset it
//! started from, and the option picked in a "which change" exercise.

use crate::exercise::{Lab, Verdict};
use crate::failover::exercise::{FailoverAttempt, FailoverExercise};
use crate::failover::region::RegionParams;
use crate::failover::scenario::Scenario;
use crate::failover::tunnel::TunnelParams;
use crate::limits::{check_amount, TooMuch, MAX_FAILOVER_RATE_PER_S};
use serde::{Deserialize, Serialize};

/// The preset the lab opens with on its own page.
pub const DEFAULT_PRESET: &str = "static-site";

/// Everything the failover lab shows, as links carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailoverState {
    /// The preset the scenario started from (empty in an exercise).
    #[serde(default)]
    pub preset: String,
    /// Setting A.
    pub a: Scenario,
    /// Setting B, when comparing.
    #[serde(default)]
    pub b: Option<Scenario>,
    /// For "which change" exercises: the option picked.
    #[serde(default)]
    pub choice: Option<usize>,
}

impl FailoverState {
    /// The state of preset `id` (the DNS defaults for an unknown id).
    ///
    /// ```
    /// use cloudhop_core::labs::FailoverState;
    /// assert_eq!(FailoverState::preset("static-site").preset, "static-site");
    /// ```
    pub fn preset(id: &str) -> FailoverState {
        FailoverState {
            preset: id.to_string(),
            a: Scenario::preset(id).unwrap_or_else(|| Scenario::Dns(Default::default())),
            b: None,
            choice: None,
        }
    }
}

impl FailoverState {
    /// An exercise's start: `scenario` alone, no preset, nothing picked.
    pub fn start(scenario: &Scenario) -> FailoverState {
        FailoverState {
            preset: String::new(),
            a: scenario.clone(),
            b: None,
            choice: None,
        }
    }
}

impl Default for FailoverState {
    fn default() -> Self {
        FailoverState::preset(DEFAULT_PRESET)
    }
}

/// The failover lab.
///
/// ```
/// use cloudhop_core::exercise::Lab;
/// use cloudhop_core::labs::Failover;
/// assert_eq!(Failover::default_state().preset, "static-site");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failover;

impl Lab for Failover {
    const SLUG: &'static str = "failover";
    const TITLE: &'static str = "Failover lab";
    const SUMMARY: &'static str = "DNS, tunnel and region failover as timelines you can tune.";
    type Exercise = FailoverExercise;
    type State = FailoverState;

    fn default_state() -> FailoverState {
        FailoverState::default()
    }

    fn validate(ex: &FailoverExercise) -> Result<(), String> {
        ex.validate()
    }

    fn start(ex: &FailoverExercise) -> FailoverState {
        FailoverState::start(&ex.start)
    }

    fn goal_text(ex: &FailoverExercise) -> String {
        ex.goal_text()
    }

    fn check(ex: &FailoverExercise, state: &FailoverState) -> Verdict {
        ex.check(&FailoverAttempt {
            scenario: state.a.clone(),
            choice: state.choice,
        })
    }

    /// A saved state fits while it models the same kind of failover as the exercise.
    fn fits(ex: &FailoverExercise, state: &FailoverState) -> bool {
        state.a.model() == ex.start.model()
    }

    /// The models are closed formulas (no work grows with a number), but their counts of
    /// requests, packets, reads and writes lost do: rates are kept to what real services see.
    fn within_limits(state: &FailoverState) -> Result<(), TooMuch> {
        for sc in std::iter::once(&state.a).chain(&state.b) {
            for (what, rate) in rates(sc) {
                check_amount(what, rate, MAX_FAILOVER_RATE_PER_S)?;
            }
        }
        Ok(())
    }
}

/// Every rate a scenario models, with what it counts (for a message).
fn rates(sc: &Scenario) -> Vec<(&'static str, f64)> {
    match sc {
        Scenario::Dns(p) => vec![("requests a second", p.request_rate_per_s)],
        Scenario::Tunnel(TunnelParams::Ipsec(p)) => vec![("packets a second", p.packet_rate_pps)],
        Scenario::Tunnel(TunnelParams::Bgp(p)) => vec![("packets a second", p.packet_rate_pps)],
        Scenario::Cache(p) => vec![
            ("key updates a second", p.key_update_rate_per_s),
            ("reads a second", p.read_rate_per_s),
        ],
        Scenario::Restore(p) => vec![("writes a second", p.write_rate_per_s)],
        Scenario::Region(RegionParams {
            dns,
            write_rate_per_s,
            ..
        }) => vec![
            ("requests a second", dns.request_rate_per_s),
            ("writes a second", *write_rate_per_s),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::{decode_state, encode_state};

    #[test]
    fn every_preset_opens() {
        for (id, _) in Scenario::PRESETS {
            let s = FailoverState::preset(id);
            assert!(Failover::within_limits(&s).is_ok(), "{id}");
        }
    }

    #[test]
    fn a_billion_clients_a_second_is_refused() {
        let mut s = FailoverState::default();
        let Scenario::Dns(p) = &mut s.a else {
            panic!("the default is a DNS failover")
        };
        p.request_rate_per_s = 1e9;
        let e = decode_state::<Failover>(&encode_state::<Failover>(&s)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "it asks for 10^9 requests a second, and cloudhop models at most 10^8"
        );
        // In setting B as well.
        let mut two = FailoverState::preset("ipsec");
        let mut b = FailoverState::preset("region").a;
        if let Scenario::Region(r) = &mut b {
            r.write_rate_per_s = 5e8;
        }
        two.b = Some(b);
        assert!(Failover::within_limits(&two)
            .unwrap_err()
            .to_string()
            .contains("writes a second"));
    }
}
