//! Exercises for the DNS lab: a starting scenario (a preset's id or a whole scenario), a
//! goal checked by resolving, and the edits that solve it (checked when the course loads:
//! the goal must fail at the start and hold after the solution).
//!
//! In a lesson's exercise file (the loader adds `"lab": "dns"`):
//!
//! ```json
//! {"start": "ec2-to-ad",
//!  "goal": {"kind": "resolve", "probes": [
//!    {"client": "ec2-app", "name": "fileserver.corp.example.com", "expect": ["192.168.20.5"]}]},
//!  "solution": "preset"}
//! ```
//!
//! | `kind` | met when |
//! |---|---|
//! | `resolve` | every probe's client gets exactly the `expect` values for its name and type |
//! | `failover` | every probe gets `before`; after the `change` edits and `within_s` seconds on the clock (caches kept), every probe gets `after` |
//!
//! `solution` is a list of edits, or `"preset"` for the preset's own solution.
//!
//! ```
//! use cloudhop_core::dns::exercise::DnsExercise;
//! let ex: DnsExercise = serde_json::from_str(r#"{"start": "forwarding-loop",
//!   "goal": {"kind": "resolve", "probes": [
//!     {"client": "laptop", "name": "db.aws.corp.example.com", "expect": ["10.16.4.21"]}]},
//!   "solution": "preset"}"#).unwrap();
//! ex.validate().unwrap();
//! assert!(!ex.check(&ex.start_scenario().unwrap()).passed);
//! ```

use super::cache::Cache;
use super::diagnosis::diagnose;
use super::edit::DnsEdit;
use super::error::DnsError;
use super::names::DomainName;
use super::presets;
use super::records::RecordType;
use super::resolve::{answer_values, Resolver};
use super::scenario::Scenario;
use crate::exercise::Verdict;
use serde::{Deserialize, Serialize};

/// The starting scenario: a preset's id or a whole scenario.
///
/// Read by hand rather than with `#[serde(untagged)]`: untagged enums buffer their input
/// and deserialize every type inside them a second time from the buffer, which cost the
/// DNS embed's bundle tens of kilobytes (issue 13, point 1). The JSON is the same.
///
/// ```
/// use cloudhop_core::dns::exercise::ScenarioRef;
/// let p: ScenarioRef = serde_json::from_str(r#""ec2-to-ad""#).unwrap();
/// assert_eq!(p, ScenarioRef::Preset("ec2-to-ad".into()));
/// assert!(serde_json::from_str::<ScenarioRef>("3").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ScenarioRef {
    /// A preset from [`super::presets`].
    Preset(String),
    /// A scenario written out.
    Inline(Box<Scenario>),
}

fn a_record() -> RecordType {
    RecordType::A
}

/// One question: a client, a name, a type, and the values expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Probe {
    /// The client asking.
    pub client: String,
    /// The name.
    pub name: DomainName,
    /// The type (A when not given).
    #[serde(rename = "type", default = "a_record")]
    pub rtype: RecordType,
    /// The values expected (for `resolve` goals; in any order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expect: Vec<String>,
}

/// What the learner must achieve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    deny_unknown_fields,
    try_from = "GoalRepr"
)]
pub enum Goal {
    /// Every probe gets its expected values.
    Resolve {
        /// The probes.
        probes: Vec<Probe>,
    },
    /// A switch of a name between clouds reaches every probe within a time budget.
    Failover {
        /// The clients and name (their `expect` is unused).
        probes: Vec<Probe>,
        /// The values before the switch.
        before: Vec<String>,
        /// The switch itself (applied by the check, not by the learner).
        change: Vec<DnsEdit>,
        /// The values after it.
        after: Vec<String>,
        /// The budget, seconds after the switch.
        within_s: u64,
    },
}

/// [`Goal`] as JSON has it, flat (see `super::tagged`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalRepr {
    kind: GoalKind,
    probes: Option<Vec<Probe>>,
    before: Option<Vec<String>>,
    change: Option<Vec<DnsEdit>>,
    after: Option<Vec<String>>,
    within_s: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum GoalKind {
    Resolve,
    Failover,
}

impl TryFrom<GoalRepr> for Goal {
    type Error = String;
    fn try_from(r: GoalRepr) -> Result<Self, String> {
        use super::tagged::need;
        Ok(match r.kind {
            GoalKind::Resolve => Goal::Resolve {
                probes: need(r.probes, "probes")?,
            },
            GoalKind::Failover => Goal::Failover {
                probes: need(r.probes, "probes")?,
                before: need(r.before, "before")?,
                change: need(r.change, "change")?,
                after: need(r.after, "after")?,
                within_s: need(r.within_s, "within_s")?,
            },
        })
    }
}

/// The solution: edits, or the preset's own (read by hand, as [`ScenarioRef`] is).
///
/// ```
/// use cloudhop_core::dns::exercise::Solution;
/// let s: Solution = serde_json::from_str(r#""preset""#).unwrap();
/// assert_eq!(s, Solution::Preset("preset".into()));
/// assert_eq!(serde_json::from_str::<Solution>("[]").unwrap(), Solution::Edits(vec![]));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Solution {
    /// `"preset"`: the start preset's solution.
    Preset(String),
    /// Edits applied to the start.
    Edits(Vec<DnsEdit>),
}

impl<'de> Deserialize<'de> for ScenarioRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ScenarioRef;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a preset's id or a whole scenario")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ScenarioRef, E> {
                Ok(ScenarioRef::Preset(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ScenarioRef, A::Error> {
                Scenario::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|s| ScenarioRef::Inline(Box::new(s)))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Solution {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Solution;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("\"preset\" or a list of edits")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Solution, E> {
                Ok(Solution::Preset(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Solution, A::Error> {
                Vec::<DnsEdit>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(Solution::Edits)
            }
        }
        d.deserialize_any(V)
    }
}

/// A DNS lab exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DnsExercise {
    /// Where it starts.
    pub start: ScenarioRef,
    /// What to achieve.
    pub goal: Goal,
    /// Edits that solve it (checked when the course loads).
    pub solution: Solution,
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    crate::order::sort_by(&mut v, |a, b| a.cmp(b));
    v
}

impl DnsExercise {
    /// The starting scenario.
    pub fn start_scenario(&self) -> Result<Scenario, DnsError> {
        let sc = match &self.start {
            ScenarioRef::Preset(id) => {
                presets::preset(id)
                    .ok_or_else(|| {
                        DnsError::new(format!(
                            "unknown DNS preset `{id}` (known: {})",
                            presets::IDS.join(", ")
                        ))
                    })?
                    .scenario
            }
            ScenarioRef::Inline(sc) => (**sc).clone(),
        };
        sc.validate()?;
        Ok(sc)
    }

    /// The solution's edits.
    pub fn solution_edits(&self) -> Result<Vec<DnsEdit>, DnsError> {
        match (&self.solution, &self.start) {
            (Solution::Edits(e), _) => Ok(e.clone()),
            (Solution::Preset(p), ScenarioRef::Preset(id)) if p == "preset" => {
                Ok(presets::preset(id).map(|p| p.solution).unwrap_or_default())
            }
            (Solution::Preset(p), _) => Err(DnsError::new(format!(
                "solution `{p}`: only \"preset\" (with a preset start) or a list of edits"
            ))),
        }
    }

    /// The probes of the goal.
    pub fn probes(&self) -> &[Probe] {
        match &self.goal {
            Goal::Resolve { probes } | Goal::Failover { probes, .. } => probes,
        }
    }

    /// Check that the exercise makes sense: the start is valid, the probes' clients
    /// exist, the goal fails at the start and holds after the solution.
    pub fn validate(&self) -> Result<(), String> {
        let start = self.start_scenario().map_err(|e| e.to_string())?;
        if self.probes().is_empty() {
            return Err("the goal needs at least one probe".into());
        }
        for p in self.probes() {
            if start.client(&p.client).is_none() {
                return Err(format!("probe: there is no client `{}`", p.client));
            }
        }
        if let Goal::Failover {
            change, within_s, ..
        } = &self.goal
        {
            if change.is_empty() {
                return Err("a failover goal needs the `change` edits".into());
            }
            if *within_s == 0 || *within_s > 86_400 {
                return Err("`within_s` must be from 1 s to a day".into());
            }
        }
        if self.check(&start).passed {
            return Err("the goal is already met at the start".into());
        }
        let edits = self.solution_edits().map_err(|e| e.to_string())?;
        let mut solved = start;
        solved
            .apply_all(&edits)
            .map_err(|e| format!("the solution cannot be applied: {e}"))?;
        let v = self.check(&solved);
        if !v.passed {
            return Err(format!(
                "the solution does not meet the goal: {}",
                v.message
            ));
        }
        Ok(())
    }

    /// One sentence saying what to achieve.
    pub fn goal_text(&self) -> String {
        match &self.goal {
            Goal::Resolve { probes } => {
                let parts: Vec<String> = probes
                    .iter()
                    .map(|p| {
                        format!(
                            "`{}` resolve {} ({}) to {}",
                            p.client,
                            p.name,
                            p.rtype,
                            p.expect.join(", ")
                        )
                    })
                    .collect();
                format!("Make {}.", parts.join(", and "))
            }
            Goal::Failover {
                probes,
                before,
                after,
                within_s,
                ..
            } => {
                let clients: Vec<String> =
                    probes.iter().map(|p| format!("`{}`", p.client)).collect();
                let name = probes
                    .first()
                    .map(|p| p.name.to_string())
                    .unwrap_or_default();
                format!(
                    "When {name} is switched from {} to {}, {} must all get the new address within {within_s} s, even right after a lookup.",
                    before.join(", "),
                    after.join(", "),
                    clients.join(", ")
                )
            }
        }
    }

    /// Check the learner's scenario.
    pub fn check(&self, sc: &Scenario) -> Verdict {
        if let Err(e) = sc.validate() {
            return Verdict::fail(format!("The scenario is not valid: {e}"));
        }
        match &self.goal {
            Goal::Resolve { probes } => {
                let r = Resolver::new(sc);
                for p in probes {
                    let mut cache = Cache::new();
                    let res = match r.resolve(&p.client, &p.name, p.rtype, &mut cache) {
                        Ok(res) => res,
                        Err(e) => return Verdict::fail(e.to_string()),
                    };
                    let got = answer_values(&res.answer, p.rtype);
                    if got != sorted(p.expect.clone()) {
                        let why = diagnose(sc, &res)
                            .map(|d| format!(" {}", d.text))
                            .unwrap_or_default();
                        return Verdict::fail(format!(
                            "`{}` asks for {} and gets {}.{why}",
                            p.client,
                            p.name,
                            res.answer.summary()
                        ));
                    }
                }
                Verdict::pass(if probes.len() == 1 {
                    format!(
                        "`{}` resolves {} to {}.",
                        probes[0].client,
                        probes[0].name,
                        probes[0].expect.join(", ")
                    )
                } else {
                    "Every client resolves its name.".to_string()
                })
            }
            Goal::Failover {
                probes,
                before,
                change,
                after,
                within_s,
            } => {
                let mut cache = Cache::new();
                let r = Resolver::new(sc);
                for p in probes {
                    match r.resolve(&p.client, &p.name, p.rtype, &mut cache) {
                        Ok(res)
                            if answer_values(&res.answer, p.rtype) == sorted(before.clone()) => {}
                        Ok(res) => {
                            return Verdict::fail(format!(
                                "Before the switch `{}` should get {} for {} and gets {}.",
                                p.client,
                                before.join(", "),
                                p.name,
                                res.answer.summary()
                            ))
                        }
                        Err(e) => return Verdict::fail(e.to_string()),
                    }
                }
                let mut after_sc = sc.clone();
                if let Err(e) = after_sc.apply_all(change) {
                    return Verdict::fail(format!(
                        "The switch cannot be made in this scenario: {e}"
                    ));
                }
                cache.advance(*within_s);
                let r = Resolver::new(&after_sc);
                for p in probes {
                    match r.resolve(&p.client, &p.name, p.rtype, &mut cache) {
                        Ok(res) if answer_values(&res.answer, p.rtype) == sorted(after.clone()) => {
                        }
                        Ok(res) => {
                            let why = diagnose(&after_sc, &res)
                                .map(|d| format!(" {}", d.text))
                                .unwrap_or_default();
                            return Verdict::fail(format!(
                                "{within_s} s after the switch `{}` still gets {}.{why}",
                                p.client,
                                res.answer.summary()
                            ));
                        }
                        Err(e) => return Verdict::fail(e.to_string()),
                    }
                }
                Verdict::pass(format!(
                    "Every client gets {} within {within_s} s of the switch.",
                    after.join(", ")
                ))
            }
        }
    }
}
