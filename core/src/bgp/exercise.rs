//! Exercises for the BGP lab: a starting scenario, a goal the engine checks, and which
//! controls the learner may use.
//!
//! In a lesson's exercise file the JSON block looks like this (the loader adds `"lab"`):
//!
//! ```json
//! {"scenario": "saas-exchange",
//!  "goal": {"kind": "route_via", "asn": 65010, "prefix": "10.1.0.0/16", "via": 64600},
//!  "allow": ["local_pref", "prepend"],
//!  "solution": {"policy": {"local_pref": [{"asn": 65010, "from": 64600, "value": 250}]}}}
//! ```
//!
//! `scenario` is a seed name from [`super::seeds`] or a whole scenario object. Goals:
//!
//! | `kind` | met when |
//! |---|---|
//! | `route_via` | `asn`'s best route to `prefix` was learned from neighbour `via` |
//! | `traffic` | traffic from `from` to address `dest` arrives at an origin of the matching prefix, passing every AS in `through`, no AS in `avoid` and no link in `avoid_links` |
//! | `reach` | every AS in `ases` has a route to `prefix` and its traffic arrives |
//! | `hijack_capture` | the learner names exactly the ASes whose traffic to `dest` ends at `hijacker` (an answer, not a change) |
//!
//! Goals that ask for a change carry a `solution` (a policy and failed links applied to
//! the start): [`BgpExercise::validate`] checks that the goal is not met at the start, that
//! the solution meets it, and that it uses only allowed controls, so an impossible goal is
//! an error when the course loads.
//!
//! ```
//! use cloudhop_core::bgp::exercise::{BgpAttempt, BgpExercise};
//! let ex: BgpExercise = serde_json::from_str(r#"{"scenario": "saas-exchange",
//!   "goal": {"kind": "route_via", "asn": 65010, "prefix": "10.1.0.0/16", "via": 64600},
//!   "allow": ["local_pref", "prepend"],
//!   "solution": {"policy": {"local_pref": [{"asn": 65010, "from": 64600, "value": 250}]}}}"#).unwrap();
//! ex.validate().unwrap();
//! let start = ex.start().unwrap();
//! assert!(!ex.check(&BgpAttempt { scenario: start.clone(), answer: vec![] }).passed);
//! ```

use super::asn::Asn;
use super::forwarding::{captured_by, trace};
use super::policy::Policy;
use super::scenario::{parse_prefix, Ribs, Scenario};
use super::seeds::seed;
use crate::exercise::Verdict;
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

/// The starting scenario: a seed's name or a whole scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ScenarioRef {
    /// A seed from [`super::seeds`].
    Seed(String),
    /// A scenario written out.
    Inline(Box<Scenario>),
}

/// What the learner must achieve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Goal {
    /// `asn`'s best route to `prefix` is learned from `via`.
    RouteVia {
        /// The AS whose route is checked.
        asn: Asn,
        /// The prefix.
        prefix: String,
        /// The neighbour it must come from.
        via: Asn,
    },
    /// Traffic from `from` to `dest` arrives, through and around the given ASes and links.
    Traffic {
        /// Where traffic starts.
        from: Asn,
        /// The destination address.
        dest: IpAddr,
        /// ASes it must pass.
        #[serde(default)]
        through: Vec<Asn>,
        /// ASes it must not pass.
        #[serde(default)]
        avoid: Vec<Asn>,
        /// Links (pairs of ASes, either direction) it must not cross.
        #[serde(default)]
        avoid_links: Vec<[Asn; 2]>,
    },
    /// Every AS in `ases` reaches `prefix`.
    Reach {
        /// The prefix.
        prefix: String,
        /// The ASes that must reach it.
        ases: Vec<Asn>,
    },
    /// Name the ASes whose traffic to `dest` the `hijacker` captures.
    HijackCapture {
        /// The address under attack.
        dest: IpAddr,
        /// The AS announcing what is not its own.
        hijacker: Asn,
    },
}

/// A control in the lab a learner may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Control {
    /// AS-path prepending.
    Prepend,
    /// Local-preference overrides.
    LocalPref,
    /// Route leaks (in a private WAN: letting a router give transit).
    Leak,
    /// Failing and restoring links and ASes.
    FailLink,
    /// Announcing and withdrawing prefixes.
    Announce,
}

impl Control {
    /// The name a learner reads, in the goal box ("You may use: ...") and in messages.
    ///
    /// ```
    /// use cloudhop_core::bgp::exercise::Control;
    /// assert_eq!(Control::Leak.label(), "leaks");
    /// assert_eq!(Control::FailLink.to_string(), "failing links");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Control::Prepend => "prepending",
            Control::LocalPref => "local preference",
            Control::Leak => "leaks",
            Control::FailLink => "failing links",
            Control::Announce => "announcements",
        }
    }
}

impl std::fmt::Display for Control {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// The controls as a learner reads them: "prepending, local preference", or "nothing but
/// your eyes" when none is allowed.
///
/// ```
/// use cloudhop_core::bgp::exercise::{allowed_text, Control};
/// assert_eq!(allowed_text(&[Control::LocalPref, Control::Leak]), "local preference, leaks");
/// assert_eq!(allowed_text(&[]), "nothing but your eyes");
/// ```
pub fn allowed_text(controls: &[Control]) -> String {
    if controls.is_empty() {
        return "nothing but your eyes".into();
    }
    controls
        .iter()
        .map(|c| c.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Changes applied to the start that meet the goal: proof the goal is possible.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Solution {
    /// Policy extras added to the start's.
    pub policy: Policy,
    /// Links to fail.
    pub failed_links: Vec<[Asn; 2]>,
}

/// Parameters of a BGP exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BgpExercise {
    /// The starting scenario.
    pub scenario: ScenarioRef,
    /// The goal.
    pub goal: Goal,
    /// Controls the learner may use.
    #[serde(default)]
    pub allow: Vec<Control>,
    /// A change that meets the goal (required unless the goal is `hijack_capture`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<Solution>,
}

/// What the learner hands in: the scenario as they left it, and for question goals the
/// ASes they picked.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BgpAttempt {
    /// The scenario after the learner's changes.
    pub scenario: Scenario,
    /// The ASes picked as the answer.
    pub answer: Vec<Asn>,
}

fn list(v: &[Asn]) -> String {
    v.iter()
        .map(|a| format!("AS {a}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl BgpExercise {
    /// The starting scenario.
    pub fn start(&self) -> Result<Scenario, String> {
        match &self.scenario {
            ScenarioRef::Seed(name) => seed(name).map_err(String::from),
            ScenarioRef::Inline(s) => Ok((**s).clone()),
        }
    }

    /// True for goals answered by picking ASes rather than by changing the network.
    pub fn is_question(&self) -> bool {
        matches!(self.goal, Goal::HijackCapture { .. })
    }

    /// One sentence saying what to achieve, for the lab's goal box.
    pub fn goal_text(&self) -> String {
        match &self.goal {
            Goal::RouteVia { asn, prefix, via } => {
                format!("AS {asn} must reach {prefix} through its neighbour AS {via}.")
            }
            Goal::Traffic { from, dest, through, avoid, avoid_links } => {
                let mut s = format!("Traffic from AS {from} to {dest} must arrive");
                if !through.is_empty() {
                    s.push_str(&format!(", passing {}", list(through)));
                }
                if !avoid.is_empty() {
                    s.push_str(&format!(", avoiding {}", list(avoid)));
                }
                for [a, b] in avoid_links {
                    s.push_str(&format!(", not over the link AS {a} - AS {b}"));
                }
                s.push('.');
                s
            }
            Goal::Reach { prefix, ases } => format!("{} must all reach {prefix}.", list(ases)),
            Goal::HijackCapture { dest, hijacker } => format!(
                "Click every AS whose traffic to {dest} ends up at the hijacker AS {hijacker}, then check."
            ),
        }
    }

    /// Check the parameters: the scenario builds, the goal names real ASes and prefixes,
    /// is not met at the start, and the solution meets it with allowed controls only.
    pub fn validate(&self) -> Result<(), String> {
        let start = self.start()?;
        let net = start.network()?;
        let known = |a: &Asn| {
            if net.full.contains(*a) {
                Ok(())
            } else {
                Err(format!(
                    "the goal names AS {a}, which is not in the scenario"
                ))
            }
        };
        let announced = |p: &str| -> Result<(), String> {
            let p = parse_prefix(p)?;
            if net.announcements.iter().any(|(q, _)| *q == p) {
                Ok(())
            } else {
                Err(format!("the goal names {p}, which nobody announces"))
            }
        };
        match &self.goal {
            Goal::RouteVia { asn, prefix, via } => {
                known(asn)?;
                known(via)?;
                announced(prefix)?;
                if net.full.relationship(*asn, *via).is_none() {
                    return Err(format!("AS {via} is not a neighbour of AS {asn}"));
                }
            }
            Goal::Traffic {
                from,
                through,
                avoid,
                avoid_links,
                ..
            } => {
                known(from)?;
                through.iter().chain(avoid).try_for_each(known)?;
                avoid_links.iter().flatten().try_for_each(known)?;
            }
            Goal::Reach { prefix, ases } => {
                announced(prefix)?;
                if ases.is_empty() {
                    return Err("a reach goal needs at least one AS".into());
                }
                ases.iter().try_for_each(known)?;
            }
            Goal::HijackCapture { dest, hijacker } => {
                known(hijacker)?;
                if !net
                    .announcements
                    .iter()
                    .any(|(p, o)| o == hijacker && p.contains(dest))
                {
                    return Err(format!("AS {hijacker} announces no prefix holding {dest}"));
                }
                let ribs = net.compute()?;
                if captured_by(&ribs, net.topology.asns(), *dest, *hijacker).is_empty() {
                    return Err(
                        "the hijack captures nobody's traffic: there is nothing to find".into(),
                    );
                }
                return Ok(());
            }
        }
        let ribs = net.compute()?;
        if self.goal_met(&ribs).is_ok() {
            return Err("the goal is already met at the start".into());
        }
        let Some(sol) = &self.solution else {
            return Err("give a `solution` that meets the goal, to show it is possible".into());
        };
        let mut solved = start.clone();
        solved
            .policy
            .prepend
            .extend(sol.policy.prepend.iter().cloned());
        solved
            .policy
            .local_pref
            .extend(sol.policy.local_pref.iter().cloned());
        solved.policy.leaks.extend(sol.policy.leaks.iter().cloned());
        solved.failed_links.extend(sol.failed_links.iter().copied());
        self.allowed_changes(&start, &solved)
            .map_err(|e| format!("the solution breaks the rules: {e}"))?;
        let ribs = solved
            .compute()
            .map_err(|e| format!("the solution does not compute: {e}"))?;
        self.goal_met(&ribs)
            .map(|_| ())
            .map_err(|e| format!("the solution does not meet the goal: {e}"))
    }

    /// Is the goal met in this routing state? `Err` says what is still wrong.
    fn goal_met(&self, ribs: &Ribs) -> Result<String, String> {
        match &self.goal {
            Goal::RouteVia { asn, prefix, via } => {
                let p = parse_prefix(prefix)?;
                match ribs.route(p, *asn) {
                    Some(r) if r.from == Some(*via) => Ok(format!(
                        "AS {asn} now reaches {p} through AS {via} (AS path {}).",
                        r.as_path
                    )),
                    Some(r) => Err(match r.from {
                        Some(f) => {
                            format!("AS {asn} still reaches {p} through AS {f}, not AS {via}.")
                        }
                        None => format!("AS {asn} originates {p} itself."),
                    }),
                    None => Err(format!("AS {asn} has no route to {p} at all.")),
                }
            }
            Goal::Traffic {
                from,
                dest,
                through,
                avoid,
                avoid_links,
            } => {
                let t = trace(ribs, *from, *dest);
                let path = t
                    .hops
                    .iter()
                    .map(|a| a.to_string())
                    .collect::<Vec<_>>()
                    .join(" -> ");
                if let Some(problem) = t.problem {
                    return Err(format!(
                        "Traffic from AS {from} does not arrive: {problem}."
                    ));
                }
                if let Some(a) = through.iter().find(|a| !t.hops.contains(a)) {
                    return Err(format!("Traffic goes {path}, not through AS {a}."));
                }
                if let Some(a) = avoid.iter().find(|a| t.hops.contains(a)) {
                    return Err(format!("Traffic goes {path}, through AS {a}."));
                }
                for [a, b] in avoid_links {
                    if t.hops
                        .windows(2)
                        .any(|w| (w[0] == *a && w[1] == *b) || (w[0] == *b && w[1] == *a))
                    {
                        return Err(format!(
                            "Traffic goes {path}, over the link AS {a} - AS {b}."
                        ));
                    }
                }
                Ok(format!("Traffic from AS {from} goes {path}."))
            }
            Goal::Reach { prefix, ases } => {
                let p = parse_prefix(prefix)?;
                let dest = p.network();
                let missing: Vec<Asn> = ases
                    .iter()
                    .copied()
                    .filter(|a| trace(ribs, *a, dest).reached.is_none())
                    .collect();
                if missing.is_empty() {
                    Ok(format!("{} all reach {p}.", list(ases)))
                } else {
                    Err(format!("{} cannot reach {p}.", list(&missing)))
                }
            }
            Goal::HijackCapture { .. } => Err("this goal is an answer, not a routing state".into()),
        }
    }

    /// Did the learner change only what the exercise allows?
    fn allowed_changes(&self, start: &Scenario, now: &Scenario) -> Result<(), String> {
        let asns = |s: &Scenario| {
            let mut v: Vec<Asn> = s.ases.iter().map(|e| e.asn()).collect();
            crate::order::sort(&mut v);
            v
        };
        if start.links != now.links || asns(start) != asns(now) {
            return Err("the ASes and links must stay as they are".into());
        }
        let allowed = |c: Control| self.allow.contains(&c);
        let mut broken: Vec<Control> = Vec::new();
        if start.policy.prepend != now.policy.prepend && !allowed(Control::Prepend) {
            broken.push(Control::Prepend);
        }
        if start.policy.local_pref != now.policy.local_pref && !allowed(Control::LocalPref) {
            broken.push(Control::LocalPref);
        }
        if start.policy.leaks != now.policy.leaks && !allowed(Control::Leak) {
            broken.push(Control::Leak);
        }
        if (start.failed_links != now.failed_links || start.failed_ases != now.failed_ases)
            && !allowed(Control::FailLink)
        {
            broken.push(Control::FailLink);
        }
        if start.announcements != now.announcements && !allowed(Control::Announce) {
            broken.push(Control::Announce);
        }
        if broken.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = broken.iter().map(|c| c.label()).collect();
        let ok: Vec<&str> = self.allow.iter().map(|c| c.label()).collect();
        Err(format!(
            "this exercise does not allow changing {} (allowed: {}); undo that change",
            names.join(", "),
            if ok.is_empty() {
                "nothing".to_string()
            } else {
                ok.join(", ")
            }
        ))
    }

    /// Check the learner's attempt.
    pub fn check(&self, attempt: &BgpAttempt) -> Verdict {
        let start = match self.start() {
            Ok(s) => s,
            Err(e) => return Verdict::fail(e),
        };
        if let Goal::HijackCapture { dest, hijacker } = &self.goal {
            let ribs = match start.compute() {
                Ok(r) => r,
                Err(e) => return Verdict::fail(e),
            };
            let ases: Vec<Asn> = start
                .network()
                .map(|n| n.topology.asns().to_vec())
                .unwrap_or_default();
            let truth = captured_by(&ribs, &ases, *dest, *hijacker);
            let mut picked = attempt.answer.clone();
            crate::order::sort(&mut picked);
            picked.dedup();
            let missed: Vec<Asn> = truth
                .iter()
                .copied()
                .filter(|a| !picked.contains(a))
                .collect();
            let extra: Vec<Asn> = picked
                .iter()
                .copied()
                .filter(|a| !truth.contains(a))
                .collect();
            return if missed.is_empty() && extra.is_empty() {
                Verdict::pass(format!(
                    "Right: the hijack captures traffic from {}.",
                    list(&truth)
                ))
            } else if picked.is_empty() {
                Verdict::fail("Click the ASes whose traffic the hijacker captures, then check.")
            } else {
                let mut parts = Vec::new();
                if !missed.is_empty() {
                    parts.push(format!("{} more captured", missed.len()));
                }
                if !extra.is_empty() {
                    parts.push(format!(
                        "{} of yours still reach the real origin ({})",
                        extra.len(),
                        list(&extra)
                    ));
                }
                Verdict::fail(format!(
                    "Not yet: {}. Trace the best route of each AS.",
                    parts.join("; ")
                ))
            };
        }
        if let Err(e) = self.allowed_changes(&start, &attempt.scenario) {
            return Verdict::fail(format!("Not allowed: {e}."));
        }
        match attempt.scenario.compute() {
            Err(e) => Verdict::fail(e),
            Ok(ribs) => match self.goal_met(&ribs) {
                Ok(m) => Verdict::pass(m),
                Err(m) => Verdict::fail(m),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bgp::policy::{Leak, LocalPref, Prepend};
    use crate::labs::ExerciseSpec;

    fn ex(json: &str) -> BgpExercise {
        serde_json::from_str(json).unwrap()
    }

    fn interconnect() -> BgpExercise {
        ex(r#"{"scenario": "saas-exchange",
          "goal": {"kind": "route_via", "asn": 65010, "prefix": "10.1.0.0/16", "via": 64600},
          "allow": ["local_pref", "prepend"],
          "solution": {"policy": {"local_pref": [{"asn": 65010, "from": 64600, "value": 250}]}}}"#)
    }

    #[test]
    fn deserialises_from_lesson_json_through_exercise_spec() {
        let spec: ExerciseSpec = serde_json::from_str(
            r#"{"lab": "bgp", "scenario": "saas-exchange",
              "goal": {"kind": "route_via", "asn": 65010, "prefix": "10.1.0.0/16", "via": 64600},
              "allow": ["local_pref"],
              "solution": {"policy": {"local_pref": [{"asn": 65010, "from": 64600, "value": 250}]}}}"#,
        )
        .unwrap();
        assert_eq!(spec.lab(), "bgp");
        spec.validate().unwrap();
    }

    #[test]
    fn interconnect_exercise_passes_with_local_pref_and_not_with_prepend() {
        let e = interconnect();
        e.validate().unwrap();
        let mut s = e.start().unwrap();
        let v = e.check(&BgpAttempt {
            scenario: s.clone(),
            answer: vec![],
        });
        assert!(!v.passed);
        assert!(v.message.contains("through AS 65001"), "{}", v.message);
        // Prepending on the tunnel does not beat local preference (peer over provider).
        s.policy.prepend.push(Prepend {
            asn: Asn(65001),
            to: Some(Asn(65010)),
            times: 5,
        });
        assert!(
            !e.check(&BgpAttempt {
                scenario: s.clone(),
                answer: vec![]
            })
            .passed
        );
        s.policy.local_pref.push(LocalPref {
            asn: Asn(65010),
            from: Asn(64600),
            value: 300,
        });
        let v = e.check(&BgpAttempt {
            scenario: s.clone(),
            answer: vec![],
        });
        assert!(v.passed, "{}", v.message);
        // Failing the tunnel also moves the route, but is not allowed.
        let mut cut = e.start().unwrap();
        cut.failed_links.push([Asn(65001), Asn(65010)]);
        let v = e.check(&BgpAttempt {
            scenario: cut,
            answer: vec![],
        });
        assert!(
            !v.passed && v.message.contains("failing links"),
            "{}",
            v.message
        );
    }

    #[test]
    fn hijack_question_checks_the_answer() {
        let e = ex(
            r#"{"scenario": "internet-hijack", "goal": {"kind": "hijack_capture", "dest": "198.51.100.20", "hijacker": 64666}}"#,
        );
        e.validate().unwrap();
        let s = e.start().unwrap();
        let right: Vec<Asn> = [64501, 64503, 64504, 64505, 64520, 64530].map(Asn).to_vec();
        let v = e.check(&BgpAttempt {
            scenario: s.clone(),
            answer: right.clone(),
        });
        assert!(v.passed, "{}", v.message);
        let v = e.check(&BgpAttempt {
            scenario: s.clone(),
            answer: vec![Asn(64505), Asn(64504), Asn(64500)],
        });
        assert!(!v.passed);
        assert!(v.message.contains("AS 64500"), "{}", v.message);
        assert!(
            !e.check(&BgpAttempt {
                scenario: s,
                answer: vec![]
            })
            .passed
        );
    }

    #[test]
    fn wan_transit_exercise_needs_a_leak() {
        let e = ex(
            r#"{"scenario": {"links": [{"peer": [1, 2]}, {"peer": [2, 3]}, {"provider": 1, "customer": 10}, {"provider": 3, "customer": 30}],
              "announcements": [{"prefix": "10.30.0.0/16", "origin": 30}]},
            "goal": {"kind": "reach", "prefix": "10.30.0.0/16", "ases": [10]},
            "allow": ["leak"],
            "solution": {"policy": {"leaks": [{"asn": 2, "to": 1}]}}}"#,
        );
        e.validate().unwrap();
        let mut s = e.start().unwrap();
        assert!(
            !e.check(&BgpAttempt {
                scenario: s.clone(),
                answer: vec![]
            })
            .passed
        );
        s.policy.leaks.push(Leak {
            asn: Asn(2),
            to: None,
        });
        let v = e.check(&BgpAttempt {
            scenario: s,
            answer: vec![],
        });
        assert!(v.passed, "{}", v.message);
    }

    #[test]
    fn traffic_goal_reports_the_path() {
        let e = ex(r#"{"scenario": "private-wan",
            "goal": {"kind": "traffic", "from": 65110, "dest": "10.30.0.1", "avoid_links": [[65101, 65103]]},
            "allow": ["local_pref", "leak"],
            "solution": {"policy": {"leaks": [{"asn": 65102, "to": 65101}], "local_pref": [{"asn": 65101, "from": 65102, "value": 250}]}}}"#);
        e.validate().unwrap();
        let v = e.check(&BgpAttempt {
            scenario: e.start().unwrap(),
            answer: vec![],
        });
        assert!(!v.passed);
        assert!(
            v.message.contains("65110 -> 65101 -> 65103 -> 65130"),
            "{}",
            v.message
        );
    }

    #[test]
    fn validate_refuses_impossible_or_trivial_goals() {
        // Already met.
        let e = ex(
            r#"{"scenario": "saas-exchange", "goal": {"kind": "route_via", "asn": 65010, "prefix": "10.1.0.0/16", "via": 65001}}"#,
        );
        assert!(e.validate().unwrap_err().contains("already met"));
        // Not a neighbour.
        let e = ex(
            r#"{"scenario": "saas-exchange", "goal": {"kind": "route_via", "asn": 65020, "prefix": "10.1.0.0/16", "via": 65001}}"#,
        );
        assert!(e.validate().unwrap_err().contains("not a neighbour"));
        // No solution given.
        let e = ex(
            r#"{"scenario": "saas-exchange", "goal": {"kind": "route_via", "asn": 65010, "prefix": "10.1.0.0/16", "via": 64600}, "allow": ["prepend"]}"#,
        );
        assert!(e.validate().unwrap_err().contains("solution"));
        // A solution that uses a control the learner does not have.
        let e = ex(
            r#"{"scenario": "saas-exchange", "goal": {"kind": "route_via", "asn": 65010, "prefix": "10.1.0.0/16", "via": 64600}, "allow": ["prepend"],
            "solution": {"policy": {"local_pref": [{"asn": 65010, "from": 64600, "value": 250}]}}}"#,
        );
        assert!(e.validate().unwrap_err().contains("local preference"));
        // A solution that does not work.
        let e = ex(
            r#"{"scenario": "saas-exchange", "goal": {"kind": "route_via", "asn": 65010, "prefix": "10.1.0.0/16", "via": 64600}, "allow": ["prepend"],
            "solution": {"policy": {"prepend": [{"asn": 65001, "to": 65010, "times": 3}]}}}"#,
        );
        assert!(e.validate().unwrap_err().contains("does not meet"));
        // Unknown AS, unknown seed, unannounced prefix.
        let e = ex(
            r#"{"scenario": "saas-exchange", "goal": {"kind": "reach", "prefix": "10.1.0.0/16", "ases": [7]}}"#,
        );
        assert!(e.validate().unwrap_err().contains("AS 7"));
        let e = ex(
            r#"{"scenario": "nope", "goal": {"kind": "reach", "prefix": "10.1.0.0/16", "ases": [7]}}"#,
        );
        assert!(e.validate().is_err());
        let e = ex(
            r#"{"scenario": "saas-exchange", "goal": {"kind": "reach", "prefix": "10.9.0.0/16", "ases": [65010]}}"#,
        );
        assert!(e.validate().unwrap_err().contains("nobody announces"));
        // A hijack goal for an AS that hijacks nothing.
        let e = ex(
            r#"{"scenario": "internet-hijack", "goal": {"kind": "hijack_capture", "dest": "198.51.100.20", "hijacker": 64530}}"#,
        );
        assert!(e.validate().is_err());
        // Typos in the JSON are refused.
        assert!(serde_json::from_str::<BgpExercise>(r#"{"scenario": "x", "goal": {"kind": "route_via", "asn": 1, "prefix": "p", "via": 2, "extra": 1}}"#).is_err());
    }

    /// Bug (issue 10): the app wrote "leaks (transit)" in the goal box while the check
    /// said "leaks"; both now read [`Control::label`].
    #[test]
    fn the_goal_box_and_the_check_name_controls_alike() {
        let e = ex(r#"{"scenario": "saas-exchange",
            "goal": {"kind": "route_via", "asn": 65010, "prefix": "10.1.0.0/16", "via": 64600},
            "allow": ["prepend", "leak"]}"#);
        assert_eq!(allowed_text(&e.allow), "prepending, leaks");
        let mut s = e.start().unwrap();
        s.failed_links.push([Asn(65001), Asn(65010)]);
        let v = e.check(&BgpAttempt {
            scenario: s,
            answer: vec![],
        });
        assert!(
            v.message.contains("(allowed: prepending, leaks)"),
            "{}",
            v.message
        );
    }

    /// Issue 10: the learner saw Rust debug output, "(AS path [64600, 65001])".
    #[test]
    fn a_passed_route_goal_shows_the_path_as_numbers() {
        let e = interconnect();
        let mut s = e.start().unwrap();
        s.policy.local_pref.push(LocalPref {
            asn: Asn(65010),
            from: Asn(64600),
            value: 300,
        });
        let v = e.check(&BgpAttempt {
            scenario: s,
            answer: vec![],
        });
        assert!(v.passed);
        assert!(
            v.message.ends_with("(AS path 64600 65001)."),
            "{}",
            v.message
        );
    }

    #[test]
    fn goal_text_is_a_sentence() {
        assert!(interconnect()
            .goal_text()
            .contains("AS 65010 must reach 10.1.0.0/16 through its neighbour AS 64600"));
    }
}
