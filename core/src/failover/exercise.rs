//! Exercises for the failover lab: a starting scenario, a goal the models check, and the
//! fields the learner may not change (the world: resolvers, request rates, hardware).
//!
//! In a lesson file (`lessons/content/exercises/failover.md`) the JSON block is a
//! [`FailoverExercise`]:
//!
//! ```json
//! { "start": { "model": "dns", "ttl_s": 300 },
//!   "goal": { "type": "dns_moved", "share": 0.95, "within_s": 60, "case": "typical" },
//!   "locked": ["capped_share", "resolver_min_ttl_s", "ignoring_share"] }
//! ```
//!
//! The learner's attempt is a [`FailoverAttempt`]: their scenario, and for a
//! `best_change` goal the index of the option they picked.
//!
//! ```
//! use cloudhop_core::failover::exercise::{FailoverAttempt, FailoverExercise};
//! use cloudhop_core::failover::scenario::Scenario;
//! let ex: FailoverExercise = serde_json::from_str(r#"{
//!     "start": {"model": "tunnel", "kind": "bgp"},
//!     "goal": {"type": "tunnel_outage", "max_s": 20, "case": "worst"},
//!     "locked": ["hold_time_s", "keepalive_s"]}"#).unwrap();
//! ex.validate().unwrap();
//! let start = FailoverAttempt { scenario: ex.start.clone(), choice: None };
//! assert!(!ex.check(&start).passed);
//! let bfd = ex.start.with_patch(&serde_json::json!({"bfd": true})).unwrap();
//! assert!(ex.check(&FailoverAttempt { scenario: bfd, choice: None }).passed);
//! ```

use super::error::FailoverError;
use super::knobs::{self, KnobValue, Locks};
use super::model::Model;
use super::scenario::Scenario;
use crate::exercise::Verdict;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Which case a goal is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    /// The lucky case.
    Best,
    /// The average case.
    #[default]
    Typical,
    /// The unlucky case.
    Worst,
}

impl Case {
    fn pick(self, s: super::timeline::Spread) -> f64 {
        match self {
            Case::Best => s.best,
            Case::Typical => s.typical,
            Case::Worst => s.worst,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Case::Best => "best",
            Case::Typical => "typical",
            Case::Worst => "worst",
        }
    }
}

/// One candidate change in a `best_change` goal: a label and a JSON merge patch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeOption {
    /// What the change is, for the learner.
    pub label: String,
    /// The change, as a JSON merge patch on the starting scenario.
    pub patch: Value,
}

/// What the learner must achieve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Goal {
    /// DNS: `share` of clients moved within `within_s` of the failure.
    DnsMoved {
        /// Share of clients, 0 to 1.
        share: f64,
        /// Seconds after the failure.
        within_s: f64,
        /// Which case is judged.
        #[serde(default)]
        case: Case,
    },
    /// Tunnel: the outage is at most `max_s`.
    TunnelOutage {
        /// Seconds.
        max_s: f64,
        /// Which case is judged.
        #[serde(default)]
        case: Case,
    },
    /// Pick the single change that shortens the headline duration most.
    BestChange {
        /// The candidates.
        options: Vec<ChangeOption>,
    },
    /// Region: RTO at most `max_rto_s`, and optionally RPO and standby-capacity limits.
    RegionRto {
        /// Seconds.
        max_rto_s: f64,
        /// Which case is judged.
        #[serde(default)]
        case: Case,
        /// Largest acceptable data loss, seconds (typical case).
        #[serde(default)]
        max_rpo_s: Option<f64>,
        /// Largest share of capacity you may keep running in the standby region.
        #[serde(default)]
        max_standby_share: Option<f64>,
    },
}

/// A failover exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailoverExercise {
    /// The scenario the learner starts from.
    pub start: Scenario,
    /// What they must achieve.
    pub goal: Goal,
    /// Dotted paths of fields that must stay as in `start`.
    #[serde(default)]
    pub locked: Vec<String>,
}

/// The learner's attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailoverAttempt {
    /// The scenario as they left it.
    pub scenario: Scenario,
    /// For `best_change` goals: the index of the option picked.
    #[serde(default)]
    pub choice: Option<usize>,
}

/// What is wrong with a failover exercise (for the author of a lesson file).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ExerciseError {
    /// The starting scenario does not run.
    StartInvalid(FailoverError),
    /// A locked path that the start does not have.
    NoSuchLockedField {
        /// The path.
        path: String,
        /// The start's model.
        model: Model,
    },
    /// A `dns_moved` share outside (0, 1].
    BadShare {
        /// The share.
        share: f64,
    },
    /// A time limit that is not a positive number of seconds.
    NotPositiveSeconds {
        /// The goal's field.
        field: &'static str,
    },
    /// A negative or non-finite `max_rpo_s`.
    BadRpo,
    /// A `max_standby_share` outside 0 to 1.
    BadStandbyShare,
    /// A `best_change` goal with fewer than two options.
    TooFewOptions,
    /// A `best_change` option that does not run.
    BadOption {
        /// Its number, from 1.
        number: usize,
        /// Its label.
        label: String,
        /// Why.
        error: FailoverError,
    },
    /// No `best_change` option shortens the outage.
    NoAnswer,
    /// The goal is for another model than the start's.
    WrongModel {
        /// The goal's model.
        needs: Model,
        /// The start's model.
        start: Model,
    },
    /// The start meets the goal already.
    AlreadyMet,
    /// Even the fastest settings the lab offers miss the goal.
    Unreachable {
        /// The check's message for those settings.
        verdict: String,
    },
    /// The engine refused a scenario.
    Engine(FailoverError),
}

impl std::fmt::Display for ExerciseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExerciseError::StartInvalid(e) => write!(f, "the starting scenario is invalid: {e}"),
            ExerciseError::NoSuchLockedField { path, model } => {
                write!(f, "locked field `{path}` is not in the {model} model")
            }
            ExerciseError::BadShare { share } => {
                write!(f, "share is {share}; it must be above 0 and at most 1")
            }
            ExerciseError::NotPositiveSeconds { field } => {
                write!(f, "{field} must be a positive number of seconds")
            }
            ExerciseError::BadRpo => {
                f.write_str("max_rpo_s must be a number of seconds, not negative")
            }
            ExerciseError::BadStandbyShare => f.write_str("max_standby_share must be from 0 to 1"),
            ExerciseError::TooFewOptions => {
                f.write_str("a best_change goal needs at least two options")
            }
            ExerciseError::BadOption {
                number,
                label,
                error,
            } => write!(f, "option {number} ({label}): {error}"),
            ExerciseError::NoAnswer => {
                f.write_str("no option shortens the outage; the exercise has no answer")
            }
            ExerciseError::WrongModel { needs, start } => {
                write!(
                    f,
                    "this goal needs a `{needs}` scenario, the start is `{start}`"
                )
            }
            ExerciseError::AlreadyMet => {
                f.write_str("the starting scenario already meets the goal")
            }
            ExerciseError::Unreachable { verdict } => write!(
                f,
                "the goal cannot be reached even with the fastest settings: {verdict}"
            ),
            ExerciseError::Engine(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ExerciseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExerciseError::StartInvalid(e)
            | ExerciseError::BadOption { error: e, .. }
            | ExerciseError::Engine(e) => Some(e),
            _ => None,
        }
    }
}

fn fmt_s(v: f64) -> String {
    if v >= 120.0 {
        format!("{:.1} min", v / 60.0)
    } else {
        format!("{v:.1} s")
    }
}

impl FailoverExercise {
    /// The goal in one sentence, for the learner.
    ///
    /// ```
    /// use cloudhop_core::failover::exercise::{Case, FailoverExercise, Goal};
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let ex = FailoverExercise { start: Scenario::preset("static-site").unwrap(),
    ///     goal: Goal::DnsMoved { share: 0.95, within_s: 60.0, case: Case::Typical }, locked: vec![] };
    /// assert_eq!(ex.goal_text(), "95% of clients on the standby within 60.0 s of the failure (typical case).");
    /// ```
    pub fn goal_text(&self) -> String {
        match &self.goal {
            Goal::DnsMoved {
                share,
                within_s,
                case,
            } => format!(
                "{:.0}% of clients on the standby within {} of the failure ({} case).",
                share * 100.0,
                fmt_s(*within_s),
                case.word()
            ),
            Goal::TunnelOutage { max_s, case } => format!(
                "Tunnel outage at most {} ({} case).",
                fmt_s(*max_s),
                case.word()
            ),
            Goal::BestChange { .. } => {
                "Pick the one change that shortens the outage the most.".to_string()
            }
            Goal::RegionRto {
                max_rto_s,
                case,
                max_rpo_s,
                max_standby_share,
            } => {
                let mut s = format!(
                    "Recovery time at most {} ({} case)",
                    fmt_s(*max_rto_s),
                    case.word()
                );
                if let Some(r) = max_rpo_s {
                    s.push_str(&format!(", data loss at most {}", fmt_s(*r)));
                }
                if let Some(c) = max_standby_share {
                    s.push_str(&format!(
                        ", with at most {:.0}% of capacity running in the standby region",
                        c * 100.0
                    ));
                }
                s.push('.');
                s
            }
        }
    }

    /// Is this field locked (the learner may not change it)?
    ///
    /// ```
    /// use cloudhop_core::failover::exercise::{Goal, FailoverExercise, Case};
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let ex = FailoverExercise { start: Scenario::preset("region").unwrap(),
    ///     goal: Goal::RegionRto { max_rto_s: 900.0, case: Case::Typical, max_rpo_s: None, max_standby_share: None },
    ///     locked: vec!["dns".into()] };
    /// assert!(ex.is_locked("dns.ttl_s"));
    /// assert!(!ex.is_locked("decide_s"));
    /// ```
    pub fn is_locked(&self, path: &str) -> bool {
        self.locks().is_locked(path)
    }

    /// What the learner may not change, for the lab's controls and [`knobs::apply`]:
    /// the locked fields, and the scenario's variant (the tunnel's kind).
    ///
    /// ```
    /// use cloudhop_core::failover::exercise::FailoverExercise;
    /// use cloudhop_core::failover::knobs::{self, Edit, KnobValue};
    /// let ex: FailoverExercise = serde_json::from_str(r#"{"start": {"model": "dns"},
    ///     "goal": {"type": "dns_moved", "share": 0.95, "within_s": 60},
    ///     "locked": ["capped_share"]}"#).unwrap();
    /// let k = knobs::find(&ex.start, "capped_share").unwrap();
    /// let e = knobs::apply(&ex.start, &Edit::new(k, KnobValue::Number(0.0)), &ex.locks()).unwrap_err();
    /// assert_eq!(e.to_string(), "Clients behind TTL-raising resolvers is fixed in this exercise");
    /// ```
    pub fn locks(&self) -> Locks {
        Locks::exercise(self.locked.clone())
    }

    /// Check that the exercise makes sense: the start runs, the goal fits its model and is
    /// not met already, locked fields exist, and the goal can be reached. The message is
    /// [`FailoverExercise::problem`]'s.
    pub fn validate(&self) -> Result<(), String> {
        self.problem().map_err(|e| e.to_string())
    }

    /// What is wrong with the exercise, typed (see [`FailoverExercise::validate`]).
    ///
    /// ```
    /// use cloudhop_core::failover::exercise::{ExerciseError, FailoverExercise};
    /// let ex: FailoverExercise = serde_json::from_str(r#"{"start": {"model": "dns"},
    ///     "goal": {"type": "tunnel_outage", "max_s": 20}}"#).unwrap();
    /// let e = ex.problem().unwrap_err();
    /// use cloudhop_core::failover::scenario::Model;
    /// assert_eq!(e, ExerciseError::WrongModel { needs: Model::Tunnel, start: Model::Dns });
    /// assert_eq!(e.to_string(), "this goal needs a `tunnel` scenario, the start is `dns`");
    /// ```
    pub fn problem(&self) -> Result<(), ExerciseError> {
        self.start.evaluate().map_err(ExerciseError::StartInvalid)?;
        for path in &self.locked {
            if self.start.value_at(path).is_none() {
                return Err(ExerciseError::NoSuchLockedField {
                    path: path.clone(),
                    model: self.start.model(),
                });
            }
        }
        let seconds = |field: &'static str, v: f64| {
            if v.is_finite() && v > 0.0 {
                Ok(())
            } else {
                Err(ExerciseError::NotPositiveSeconds { field })
            }
        };
        let model_needed = match &self.goal {
            Goal::DnsMoved {
                share, within_s, ..
            } => {
                if !(share.is_finite() && *share > 0.0 && *share <= 1.0) {
                    return Err(ExerciseError::BadShare { share: *share });
                }
                seconds("within_s", *within_s)?;
                Some(Model::Dns)
            }
            Goal::TunnelOutage { max_s, .. } => {
                seconds("max_s", *max_s)?;
                Some(Model::Tunnel)
            }
            Goal::RegionRto {
                max_rto_s,
                max_rpo_s,
                max_standby_share,
                ..
            } => {
                seconds("max_rto_s", *max_rto_s)?;
                if max_rpo_s.is_some_and(|r| !(r.is_finite() && r >= 0.0)) {
                    return Err(ExerciseError::BadRpo);
                }
                if max_standby_share.is_some_and(|c| !(0.0..=1.0).contains(&c)) {
                    return Err(ExerciseError::BadStandbyShare);
                }
                Some(Model::Region)
            }
            Goal::BestChange { options } => {
                if options.len() < 2 {
                    return Err(ExerciseError::TooFewOptions);
                }
                let base = self.headline(&self.start).map_err(ExerciseError::Engine)?;
                let mut best = f64::INFINITY;
                for (i, o) in options.iter().enumerate() {
                    let bad = |error| ExerciseError::BadOption {
                        number: i + 1,
                        label: o.label.clone(),
                        error,
                    };
                    let s = self.start.with_patch(&o.patch).map_err(bad)?;
                    let v = self.headline(&s).map_err(bad)?;
                    best = best.min(v);
                }
                if best >= base {
                    return Err(ExerciseError::NoAnswer);
                }
                None
            }
        };
        if let Some(m) = model_needed {
            if self.start.model() != m {
                return Err(ExerciseError::WrongModel {
                    needs: m,
                    start: self.start.model(),
                });
            }
            let start_attempt = FailoverAttempt {
                scenario: self.start.clone(),
                choice: None,
            };
            if self.check(&start_attempt).passed {
                return Err(ExerciseError::AlreadyMet);
            }
            let best = self.best_effort();
            let verdict = self.check(&FailoverAttempt {
                scenario: best,
                choice: None,
            });
            if !verdict.passed {
                return Err(ExerciseError::Unreachable {
                    verdict: verdict.message,
                });
            }
        }
        Ok(())
    }

    /// The starting scenario with every unlocked knob at its fastest sensible setting;
    /// `validate` uses it to prove the goal is reachable. The settings go through the
    /// lab's own controls ([`knobs::apply_all`]), so only what a learner can set counts.
    ///
    /// ```
    /// use cloudhop_core::failover::exercise::FailoverExercise;
    /// let ex: FailoverExercise = serde_json::from_str(r#"{"start": {"model": "tunnel", "kind": "ipsec"},
    ///     "goal": {"type": "tunnel_outage", "max_s": 30}, "locked": ["dpd_retries"]}"#).unwrap();
    /// let best = ex.best_effort();
    /// assert_eq!(best.value_at("dpd_interval_s"), Some(serde_json::json!(1.0)));
    /// assert_eq!(best.value_at("dpd_retries"), ex.start.value_at("dpd_retries"));
    /// ```
    pub fn best_effort(&self) -> Scenario {
        use KnobValue::{Choice, Flag, Number};
        let standby = match &self.goal {
            Goal::RegionRto {
                max_standby_share: Some(c),
                ..
            } => *c,
            _ => 1.0,
        };
        let fastest: Vec<(&'static str, KnobValue)> = match &self.start {
            Scenario::Dns(_) => vec![
                ("mode", Choice("health_check".into())),
                ("check_interval_s", Number(10.0)),
                ("failure_threshold", Number(1.0)),
                ("ttl_s", Number(0.0)),
                ("dns_update_s", Number(0.0)),
            ],
            Scenario::Tunnel(_) => vec![
                ("dpd_interval_s", Number(1.0)),
                ("dpd_retries", Number(0.0)),
                ("backup_established", Flag(true)),
                ("bfd", Flag(true)),
            ],
            Scenario::Region(_) => vec![
                ("dns.check_interval_s", Number(10.0)),
                ("dns.failure_threshold", Number(1.0)),
                ("dns.ttl_s", Number(0.0)),
                ("decide_s", Number(0.0)),
                ("standby_capacity_share", Number(standby)),
                ("warmup_s", Number(0.0)),
                ("data.strategy", Choice("replica".into())),
                ("data.replica_lag_s", Number(1.0)),
                ("data.promote_s", Number(60.0)),
            ],
            Scenario::Cache(_) | Scenario::Restore(_) => vec![],
        };
        knobs::apply_all(&self.start, &fastest, &self.locks()).0
    }

    fn headline(&self, s: &Scenario) -> Result<f64, FailoverError> {
        Ok(s.evaluate()?.headline.value)
    }

    /// Check an attempt against the goal.
    pub fn check(&self, attempt: &FailoverAttempt) -> Verdict {
        if attempt.scenario.model() != self.start.model() {
            return Verdict::fail(format!(
                "This exercise is about a {} scenario, not {}.",
                self.start.model(),
                attempt.scenario.model()
            ));
        }
        // The lab keeps a variant (the tunnel's kind) as the exercise set it; so does the check.
        for knob in knobs::knobs_for(&self.start).iter().filter(|k| k.variant) {
            if let (Some(want), got) = (knob.value(&self.start), knob.value(&attempt.scenario)) {
                if got.as_ref() != Some(&want) {
                    return Verdict::fail(format!(
                        "{} is fixed in this exercise: put it back to {}.",
                        knob.label,
                        knob.value_text(&want)
                    ));
                }
            }
        }
        for path in &self.locked {
            if attempt.scenario.value_at(path) != self.start.value_at(path) {
                return Verdict::fail(format!(
                    "`{path}` is part of the world, not yours to change: put it back."
                ));
            }
        }
        match &self.goal {
            Goal::DnsMoved {
                share,
                within_s,
                case,
            } => {
                let Scenario::Dns(p) = &attempt.scenario else {
                    return Verdict::fail("This exercise needs a DNS scenario.");
                };
                let mut p = p.clone();
                p.target_share = *share;
                match super::dns::dns_failover(&p) {
                    Err(e) => Verdict::fail(format!("The scenario is invalid: {e}")),
                    Ok(r) => {
                        let t = case.pick(r.time_to_share_s);
                        let what = format!(
                            "{:.0}% of clients have moved after {}",
                            share * 100.0,
                            fmt_s(t)
                        );
                        if t <= *within_s + 1e-9 {
                            Verdict::pass(format!("{what}, within {}.", fmt_s(*within_s)))
                        } else {
                            Verdict::fail(format!(
                                "{what}; the goal is {}. Detection takes {}; where else does the time go?",
                                fmt_s(*within_s),
                                fmt_s(case.pick(r.detection_s))
                            ))
                        }
                    }
                }
            }
            Goal::TunnelOutage { max_s, case } => {
                let Scenario::Tunnel(p) = &attempt.scenario else {
                    return Verdict::fail("This exercise needs a tunnel scenario.");
                };
                match super::tunnel::tunnel_failover(p) {
                    Err(e) => Verdict::fail(format!("The scenario is invalid: {e}")),
                    Ok(r) => {
                        let t = case.pick(r.outage_s);
                        if t <= *max_s + 1e-9 {
                            Verdict::pass(format!(
                                "The outage is {} ({} case), within {}.",
                                fmt_s(t),
                                case.word(),
                                fmt_s(*max_s)
                            ))
                        } else {
                            Verdict::fail(format!(
                                "The outage is {} ({} case); the goal is {}.",
                                fmt_s(t),
                                case.word(),
                                fmt_s(*max_s)
                            ))
                        }
                    }
                }
            }
            Goal::BestChange { options } => self.check_choice(options, attempt.choice),
            Goal::RegionRto {
                max_rto_s,
                case,
                max_rpo_s,
                max_standby_share,
            } => {
                let Scenario::Region(p) = &attempt.scenario else {
                    return Verdict::fail("This exercise needs a region scenario.");
                };
                if let Some(c) = max_standby_share {
                    if p.standby_capacity_share > c + 1e-9 {
                        return Verdict::fail(format!(
                            "Standby capacity is {:.0}%; the budget allows {:.0}%.",
                            p.standby_capacity_share * 100.0,
                            c * 100.0
                        ));
                    }
                }
                match super::region::region_failover(p) {
                    Err(e) => Verdict::fail(format!("The scenario is invalid: {e}")),
                    Ok(r) => {
                        if let Some(max) = max_rpo_s {
                            if r.rpo_s.typical > max + 1e-9 {
                                return Verdict::fail(format!(
                                    "You would lose {} of data; the limit is {}.",
                                    fmt_s(r.rpo_s.typical),
                                    fmt_s(*max)
                                ));
                            }
                        }
                        let t = case.pick(r.rto_s);
                        if t <= *max_rto_s + 1e-9 {
                            Verdict::pass(format!(
                                "Recovery takes {} ({} case), within {}.",
                                fmt_s(t),
                                case.word(),
                                fmt_s(*max_rto_s)
                            ))
                        } else {
                            Verdict::fail(format!(
                                "Recovery takes {} ({} case); the target is {}. The slowest step after the decision: {}.",
                                fmt_s(t),
                                case.word(),
                                fmt_s(*max_rto_s),
                                if r.data_ready_s >= r.capacity_ready_s { "getting the data ready" } else { "launching capacity" }
                            ))
                        }
                    }
                }
            }
        }
    }

    fn check_choice(&self, options: &[ChangeOption], choice: Option<usize>) -> Verdict {
        let Some(i) = choice else {
            return Verdict::fail("Pick one of the changes first.");
        };
        let Some(opt) = options.get(i) else {
            // `choice` may come from a saved state or a link: no overflow on usize::MAX.
            return Verdict::fail(format!("There is no option {}.", i.saturating_add(1)));
        };
        let base = match self.headline(&self.start) {
            Ok(v) => v,
            Err(e) => return Verdict::fail(format!("The scenario is invalid: {e}")),
        };
        let mut values = Vec::with_capacity(options.len());
        for o in options {
            match self
                .start
                .with_patch(&o.patch)
                .and_then(|s| self.headline(&s))
            {
                Ok(v) => values.push(v),
                Err(e) => return Verdict::fail(format!("Option `{}` is invalid: {e}", o.label)),
            }
        }
        let best = values.iter().copied().fold(f64::INFINITY, f64::min);
        let mine = values.get(i).copied().unwrap_or(f64::INFINITY);
        if mine <= best + 1e-9 {
            Verdict::pass(format!(
                "Yes: {} cuts the outage from {} to {}.",
                opt.label,
                fmt_s(base),
                fmt_s(mine)
            ))
        } else {
            Verdict::fail(format!(
                "{} brings the outage from {} to {}, but another change does better. Look at which phase is longest.",
                opt.label,
                fmt_s(base),
                fmt_s(mine)
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dns_exercise() -> FailoverExercise {
        serde_json::from_value(json!({
            "start": {"model": "dns", "ttl_s": 300, "capped_share": 0.05,
                      "resolver_min_ttl_s": 60, "ignoring_share": 0.03, "ignoring_hold_s": 900},
            "goal": {"type": "dns_moved", "share": 0.95, "within_s": 60, "case": "typical"},
            "locked": ["capped_share", "resolver_min_ttl_s", "ignoring_share", "ignoring_hold_s",
                       "client_cache_s", "request_rate_per_s"]
        }))
        .unwrap()
    }

    fn attempt(s: Scenario) -> FailoverAttempt {
        FailoverAttempt {
            scenario: s,
            choice: None,
        }
    }

    #[test]
    fn dns_goal_needs_fast_checks_and_a_short_ttl() {
        let ex = dns_exercise();
        ex.validate().unwrap();
        // Fast checks alone: 15 s + 95% of 300 s caches: far too slow.
        let checks = ex
            .start
            .with_patch(&json!({"check_interval_s": 10, "failure_threshold": 2}))
            .unwrap();
        assert!(!ex.check(&attempt(checks.clone())).passed);
        // And TTL 30: 15 + 34.6 s (hand calculation in dns.rs tests).
        let both = checks.with_patch(&json!({"ttl_s": 30})).unwrap();
        let v = ex.check(&attempt(both));
        assert!(v.passed, "{}", v.message);
        // A short TTL with default checks: 75 s detection alone misses.
        let ttl_only = ex.start.with_patch(&json!({"ttl_s": 30})).unwrap();
        assert!(!ex.check(&attempt(ttl_only)).passed);
        // Cheating on the world is refused.
        let cheat = ex
            .start
            .with_patch(&json!({"ignoring_share": 0, "capped_share": 0,
            "check_interval_s": 10, "failure_threshold": 1, "ttl_s": 30}))
            .unwrap();
        let v = ex.check(&attempt(cheat));
        assert!(
            !v.passed && v.message.contains("capped_share"),
            "{}",
            v.message
        );
    }

    #[test]
    fn target_share_in_the_attempt_cannot_lower_the_bar() {
        let ex = dns_exercise();
        let s = ex
            .start
            .with_patch(&json!({"target_share": 0.1, "check_interval_s": 10,
            "failure_threshold": 1}))
            .unwrap();
        assert!(!ex.check(&attempt(s)).passed);
    }

    fn tunnel_choice() -> FailoverExercise {
        serde_json::from_value(json!({
            "start": {"model": "tunnel", "kind": "ipsec"},
            "goal": {"type": "best_change", "options": [
                {"label": "halve the DPD interval", "patch": {"dpd_interval_s": 5}},
                {"label": "keep the backup tunnel up", "patch": {"backup_established": true}},
                {"label": "one DPD retry fewer", "patch": {"dpd_retries": 2}},
                {"label": "faster route switch", "patch": {"route_switch_s": 1}}
            ]}
        }))
        .unwrap()
    }

    #[test]
    fn best_change_is_computed_not_hard_coded() {
        // Start: 35 + 5 + 15 + 3 = 58. Options: DPD 5 s → 17.5+5+15+3 = 40.5;
        // backup up → 35+5+0+3 = 43; retries 2 → 25+23 = 48; switch 1 → 54.
        let ex = tunnel_choice();
        ex.validate().unwrap();
        let pick = |i| {
            ex.check(&FailoverAttempt {
                scenario: ex.start.clone(),
                choice: Some(i),
            })
        };
        assert!(pick(0).passed, "{}", pick(0).message);
        assert!(pick(0).message.contains("40.5 s"));
        assert!(!pick(1).passed);
        assert!(!pick(3).passed);
        assert!(!pick(9).passed);
        assert!(!pick(usize::MAX).passed, "a choice from a crafted link");
        assert!(!ex.check(&attempt(ex.start.clone())).passed);
    }

    #[test]
    fn region_goal_with_a_capacity_budget() {
        let ex: FailoverExercise = serde_json::from_value(json!({
            "start": {"model": "region"},
            "goal": {"type": "region_rto", "max_rto_s": 900, "case": "typical",
                     "max_rpo_s": 60, "max_standby_share": 0.5},
            "locked": ["dns.capped_share", "dns.ignoring_share", "full_scale_up_s", "write_rate_per_s"]
        }))
        .unwrap();
        ex.validate().unwrap();
        let over_budget = ex
            .start
            .with_patch(&json!({"standby_capacity_share": 1.0, "decide_s": 0}))
            .unwrap();
        let v = ex.check(&attempt(over_budget));
        assert!(!v.passed && v.message.contains("budget"), "{}", v.message);
        // Standby 50%: capacity 600 s; decide 60; promote 300 → prepare 660;
        // detect 75; DNS 112.5 (TTL 60); warm-up 300 → 1147.5: too slow.
        let half = ex
            .start
            .with_patch(&json!({"standby_capacity_share": 0.5, "decide_s": 60}))
            .unwrap();
        assert!(!ex.check(&attempt(half.clone())).passed);
        // Automate the decision, warm faster, fast checks: 15 + 600 + 112.5 + 60 = 787.5.
        let tuned = half
            .with_patch(&json!({"decide_s": 0, "warmup_s": 60,
                "dns": {"check_interval_s": 10, "failure_threshold": 2}}))
            .unwrap();
        let v = ex.check(&attempt(tuned));
        assert!(v.passed, "{}", v.message);
    }

    #[test]
    fn validate_refuses_broken_exercises() {
        let mut ex = dns_exercise();
        ex.locked.push("no_such_field".into());
        assert!(ex.validate().unwrap_err().contains("no_such_field"));
        let mut ex = dns_exercise();
        ex.goal = Goal::DnsMoved {
            share: 0.95,
            within_s: 1.0,
            case: Case::Worst,
        };
        assert!(ex.validate().unwrap_err().contains("cannot be reached"));
        let mut ex = dns_exercise();
        ex.goal = Goal::DnsMoved {
            share: 0.95,
            within_s: 100_000.0,
            case: Case::Typical,
        };
        assert!(ex.validate().unwrap_err().contains("already"));
        let mut ex = dns_exercise();
        ex.goal = Goal::TunnelOutage {
            max_s: 10.0,
            case: Case::Typical,
        };
        assert!(ex.validate().unwrap_err().contains("tunnel"));
        let mut ex = tunnel_choice();
        ex.goal = Goal::BestChange {
            options: vec![
                ChangeOption {
                    label: "slower".into(),
                    patch: json!({"dpd_interval_s": 60}),
                },
                ChangeOption {
                    label: "bad".into(),
                    patch: json!({"dpd_interval_s": -1}),
                },
            ],
        };
        assert!(ex.validate().unwrap_err().contains("option 2"));
    }

    /// The lab fixes the tunnel's kind in an exercise (`Locks::exercise`); an attempt that
    /// switched it anyway (a crafted saved state) used to be checked as if it were allowed.
    #[test]
    fn the_check_keeps_the_variant_the_lab_keeps() {
        let ex: FailoverExercise = serde_json::from_value(json!({
            "start": {"model": "tunnel", "kind": "ipsec"},
            "goal": {"type": "tunnel_outage", "max_s": 30, "case": "typical"}}))
        .unwrap();
        ex.validate().unwrap();
        let bgp_with_bfd = Scenario::preset("interconnect")
            .unwrap()
            .with_patch(&json!({"bfd": true}))
            .unwrap();
        let v = ex.check(&attempt(bgp_with_bfd));
        assert!(!v.passed);
        assert_eq!(
            v.message,
            "Link is fixed in this exercise: put it back to IPsec VPN."
        );
    }

    fn region_exercise(start: Value) -> FailoverExercise {
        serde_json::from_value(json!({"start": start,
            "goal": {"type": "region_rto", "max_rto_s": 900, "case": "typical"}}))
        .unwrap()
    }

    /// The lab offers no control for the region's DNS mode. The old `best_effort` set
    /// `dns.mode` anyway, so it called a goal reachable (177.5 s) that a learner stuck with
    /// manual DNS failover cannot reach: the lab's controls get to 1072.5 s at best.
    #[test]
    fn reachable_means_reachable_with_the_lab_s_controls() {
        let ex = region_exercise(json!({"model": "region", "dns": {"mode": "manual"}}));
        let best = ex.best_effort();
        assert_eq!(best.value_at("dns.mode"), Some(json!("manual")));
        assert!((best.evaluate().unwrap().headline.value - 1072.5).abs() < 1e-6);
        let e = ex.validate().unwrap_err();
        assert!(e.contains("cannot be reached"), "{e}");
    }

    /// A region starting on backups: the lab switches the data strategy to a replica (the
    /// backup's fields cleared). The old `best_effort` merged the replica's fields into the
    /// backup's, which no longer parsed, so it kept the backup and called the goal
    /// unreachable.
    #[test]
    fn best_effort_switches_a_region_from_backup_to_replica_as_the_lab_does() {
        let ex = region_exercise(json!({"model": "region", "data": {"strategy": "backup",
            "backup_interval_s": 3600, "copy_lag_s": 600, "data_gb": 500, "restore_gb_per_min": 5}}));
        let best = ex.best_effort();
        assert_eq!(best.value_at("data.strategy"), Some(json!("replica")));
        assert_eq!(best.value_at("data.promote_s"), Some(json!(60.0)));
        assert_eq!(best.value_at("data.data_gb"), None);
        ex.validate().unwrap();
        // Locking the data keeps the backup, and the goal is out of reach.
        let mut locked = ex.clone();
        locked.locked = vec!["data".into()];
        assert!(locked.validate().unwrap_err().contains("cannot be reached"));
    }

    #[test]
    fn best_effort_keeps_locked_fields_and_the_start_s_own_model() {
        let ex = dns_exercise();
        let best = ex.best_effort();
        for path in &ex.locked {
            assert_eq!(best.value_at(path), ex.start.value_at(path), "{path}");
        }
        assert_eq!(best.value_at("ttl_s"), Some(json!(0.0)));
        assert_eq!(best.value_at("check_interval_s"), Some(json!(10.0)));
    }

    #[test]
    fn exercise_errors_keep_the_old_messages() {
        let cases = [
            (
                ExerciseError::NoSuchLockedField {
                    path: "x".into(),
                    model: Model::Dns,
                },
                "locked field `x` is not in the dns model",
            ),
            (
                ExerciseError::BadShare { share: 1.5 },
                "share is 1.5; it must be above 0 and at most 1",
            ),
            (
                ExerciseError::NotPositiveSeconds { field: "within_s" },
                "within_s must be a positive number of seconds",
            ),
            (
                ExerciseError::BadRpo,
                "max_rpo_s must be a number of seconds, not negative",
            ),
            (
                ExerciseError::BadStandbyShare,
                "max_standby_share must be from 0 to 1",
            ),
            (
                ExerciseError::TooFewOptions,
                "a best_change goal needs at least two options",
            ),
            (
                ExerciseError::NoAnswer,
                "no option shortens the outage; the exercise has no answer",
            ),
            (
                ExerciseError::AlreadyMet,
                "the starting scenario already meets the goal",
            ),
            (
                ExerciseError::StartInvalid(FailoverError::NotPositive {
                    field: "ttl_s".into(),
                }),
                "the starting scenario is invalid: ttl_s must be more than zero",
            ),
        ];
        for (e, text) in cases {
            assert_eq!(e.to_string(), text);
        }
        let mut ex = dns_exercise();
        ex.goal = Goal::DnsMoved {
            share: 0.0,
            within_s: 60.0,
            case: Case::Typical,
        };
        assert_eq!(
            ex.problem().unwrap_err(),
            ExerciseError::BadShare { share: 0.0 }
        );
    }

    /// The shipped exercises (lessons/content/exercises/failover.md), by id.
    fn shipped() -> Vec<(String, FailoverExercise)> {
        let text = include_str!("../../../lessons/content/exercises/failover.md");
        let mut out = Vec::new();
        for part in text.split("## Exercise: ").skip(1) {
            let id = part.lines().next().unwrap_or_default().trim().to_string();
            let json = part
                .split("```json")
                .nth(1)
                .and_then(|rest| rest.split("```").next())
                .unwrap_or_else(|| panic!("{id}: no json block"));
            let ex: FailoverExercise =
                serde_json::from_str(json).unwrap_or_else(|e| panic!("{id}: {e}"));
            out.push((id, ex));
        }
        out
    }

    #[test]
    fn shipped_exercises_validate_and_have_solutions() {
        let all = shipped();
        assert_eq!(all.len(), 6);
        for (id, ex) in &all {
            ex.validate().unwrap_or_else(|e| panic!("{id}: {e}"));
            let start = ex.check(&attempt(ex.start.clone()));
            assert!(!start.passed, "{id}: the start already passes");
            let (scenario, choice) = match id.as_str() {
                "dns-under-a-minute" => (
                    ex.start
                        .with_patch(&json!({"check_interval_s": 10, "failure_threshold": 2, "ttl_s": 30}))
                        .unwrap(),
                    None,
                ),
                // 35+5+15+3 = 58 s; halving DPD: 17.5+5+15+3 = 40.5 s beats keeping the
                // backup up (43 s), a retry fewer (48 s) and a faster switch (54 s).
                "tunnel-one-change" => (ex.start.clone(), Some(1)),
                // Worst case 40 + 5 + 15 + 3 = 63 s; with the backup up 40 + 5 + 3 = 48 s.
                "backup-tunnel-ready" => (
                    ex.start
                        .with_patch(&json!({"backup_established": true}))
                        .unwrap(),
                    None,
                ),
                // BFD 300 ms × 3 = 0.9 s + 2 + 5 + 3 = 10.9 s worst case.
                "interconnect-without-hold-timers" => {
                    (ex.start.with_patch(&json!({"bfd": true})).unwrap(), None)
                }
                // DPD 5 s × 4 = 20 s + 5 s switch + 0 (backup up) + 3 s = 28 s.
                "dpd-timers" => (
                    ex.start
                        .with_patch(&json!({"dpd_interval_s": 5, "backup_established": true}))
                        .unwrap(),
                    None,
                ),
                // 15 + max(300 promote, 600 launch) + 112.5 + 60 = 787.5 s.
                "region-rto-on-a-budget" => (
                    ex.start
                        .with_patch(&json!({"standby_capacity_share": 0.5, "decide_s": 0,
                            "warmup_s": 60, "dns": {"check_interval_s": 10, "failure_threshold": 2}}))
                        .unwrap(),
                    None,
                ),
                other => panic!("no solution written for {other}"),
            };
            let v = ex.check(&FailoverAttempt { scenario, choice });
            assert!(v.passed, "{id}: {}", v.message);
        }
        // Wrong answers fail for the right reason.
        let tunnel = &all
            .iter()
            .find(|(id, _)| id == "tunnel-one-change")
            .unwrap()
            .1;
        let wrong = tunnel.check(&FailoverAttempt {
            scenario: tunnel.start.clone(),
            choice: Some(0),
        });
        assert!(
            !wrong.passed && wrong.message.contains("43.0 s"),
            "{}",
            wrong.message
        );
        let bgp = &all
            .iter()
            .find(|(id, _)| id == "interconnect-without-hold-timers")
            .unwrap()
            .1;
        let timers = bgp
            .start
            .with_patch(&json!({"hold_time_s": 3, "keepalive_s": 1}))
            .unwrap();
        let v = bgp.check(&attempt(timers));
        assert!(
            !v.passed && v.message.contains("hold_time_s"),
            "{}",
            v.message
        );
    }
}
