//! The failover lab's parameter space: which settings each model offers (a JSON path, a
//! label, a slider's range or a switch or a few choices), when a setting is in effect, and
//! the one way an edit is checked and applied to a scenario.
//!
//! The lab renders [`controls`] and sends each change back through [`apply`]; exercises
//! prove a goal reachable by folding edits through the same [`apply`]
//! ([`crate::failover::exercise::FailoverExercise::best_effort`]). So a value the lab
//! cannot set is never used to prove a goal, and a value the engine refuses is never
//! shown as if it were in effect.
//!
//! ```
//! use cloudhop_core::failover::knobs::{self, Edit, KnobValue, Locks};
//! use cloudhop_core::failover::scenario::Scenario;
//! let s = Scenario::preset("static-site").unwrap();
//! let ttl = knobs::find(&s, "ttl_s").unwrap();
//! let short = knobs::apply(&s, &Edit::new(ttl, KnobValue::Number(30.0)), &Locks::none()).unwrap();
//! assert_eq!(short.value_at("ttl_s"), Some(serde_json::json!(30.0)));
//! // Out of the slider's range: refused, with a message for a person.
//! let e = knobs::apply(&s, &Edit::new(ttl, KnobValue::Number(5000.0)), &Locks::none()).unwrap_err();
//! assert_eq!(e.to_string(), "Record TTL must be from 0 s to 15 min, not 83.3 min");
//! ```

mod spec;
mod table;

use super::display;
use super::error::FailoverError;
use super::scenario::Scenario;
use serde_json::{json, Value};
pub use spec::{ChoiceOption, Condition, Control, Knob, KnobUnit, KnobValue, Setting, Slider};

/// The knobs of a scenario's model, in the order the lab shows them.
///
/// ```
/// use cloudhop_core::failover::knobs::knobs_for;
/// use cloudhop_core::failover::scenario::Scenario;
/// let k = knobs_for(&Scenario::preset("region").unwrap());
/// assert_eq!(k[0].path, "dns.ttl_s");
/// ```
pub fn knobs_for(s: &Scenario) -> &'static [Knob] {
    match s {
        Scenario::Dns(_) => table::DNS,
        Scenario::Tunnel(_) => table::TUNNEL,
        Scenario::Cache(_) => table::CACHE,
        Scenario::Restore(_) => table::RESTORE,
        Scenario::Region(_) => table::REGION,
    }
}

/// The knob of a scenario's model at `path`, if the model has one.
///
/// ```
/// use cloudhop_core::failover::knobs::find;
/// use cloudhop_core::failover::scenario::Scenario;
/// let s = Scenario::preset("region").unwrap();
/// assert_eq!(find(&s, "dns.ttl_s").unwrap().label, "Record TTL");
/// assert!(find(&s, "ttl_s").is_none());
/// ```
pub fn find(s: &Scenario, path: &str) -> Option<&'static Knob> {
    knobs_for(s).iter().find(|k| k.path == path)
}

impl Knob {
    /// The knob's value in a scenario, if the scenario has the field.
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::{find, KnobValue};
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let s = Scenario::preset("interconnect").unwrap();
    /// assert_eq!(find(&s, "bfd").unwrap().value(&s), Some(KnobValue::Flag(false)));
    /// assert_eq!(find(&s, "kind").unwrap().value(&s), Some(KnobValue::Choice("bgp".into())));
    /// ```
    pub fn value(&self, s: &Scenario) -> Option<KnobValue> {
        let v = s.value_at(self.path)?;
        match self.control {
            Control::Slider(_) => v.as_f64().map(KnobValue::Number),
            Control::Toggle => v.as_bool().map(KnobValue::Flag),
            Control::Choice(_) => v.as_str().map(|t| KnobValue::Choice(t.to_string())),
        }
    }

    /// Is the knob in effect in this scenario (its field exists and its condition holds)?
    /// The lab shows only knobs in effect.
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::find;
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let s = Scenario::preset("interconnect").unwrap();
    /// assert!(!find(&s, "bfd_interval_ms").unwrap().in_effect(&s));
    /// let bfd = s.with_patch(&serde_json::json!({"bfd": true})).unwrap();
    /// assert!(find(&s, "bfd_interval_ms").unwrap().in_effect(&bfd));
    /// ```
    pub fn in_effect(&self, s: &Scenario) -> bool {
        if self.value(s).is_none() {
            return false;
        }
        match self.when {
            None => true,
            Some(c) => find(s, c.path)
                .and_then(|k| k.value(s))
                .is_some_and(|v| v.matches(c.is)),
        }
    }

    /// A value of this knob for a person: a slider's number with its unit, `on`/`off`, or
    /// a choice's label.
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::{find, KnobValue};
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let s = Scenario::preset("static-site").unwrap();
    /// let k = find(&s, "ttl_s").unwrap();
    /// assert_eq!(k.value_text(&KnobValue::Number(300.0)), "5 min");
    /// let m = find(&s, "mode").unwrap();
    /// assert_eq!(m.value_text(&KnobValue::Choice("manual".into())), "a person");
    /// ```
    pub fn value_text(&self, v: &KnobValue) -> String {
        match (self.control, v) {
            (Control::Slider(sl), KnobValue::Number(x)) => sl.unit.text(*x),
            (_, KnobValue::Number(x)) => display::number(*x),
            (_, KnobValue::Flag(on)) => (if *on { "on" } else { "off" }).to_string(),
            (Control::Choice(options), KnobValue::Choice(c)) => options
                .iter()
                .find(|o| o.value == c)
                .map_or_else(|| c.clone(), |o| o.label.to_string()),
            (_, KnobValue::Choice(c)) => c.clone(),
        }
    }
}

/// The fields an exercise keeps as they are: dotted paths (a path locks everything under
/// it), and whether switching a variant (the tunnel's kind) is refused.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Locks {
    paths: Vec<String>,
    variants: bool,
}

impl Locks {
    /// Nothing is locked (the free lab).
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::Locks;
    /// assert!(!Locks::none().is_locked("ttl_s"));
    /// ```
    pub fn none() -> Locks {
        Locks::default()
    }

    /// An exercise's locks: these paths, and the scenario's variant.
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::Locks;
    /// let l = Locks::exercise(vec!["dns".into()]);
    /// assert!(l.is_locked("dns.ttl_s") && l.is_locked("dns"));
    /// assert!(!l.is_locked("dns_update_s") && !l.is_locked("decide_s"));
    /// ```
    pub fn exercise(paths: Vec<String>) -> Locks {
        Locks {
            paths,
            variants: true,
        }
    }

    /// Is this path (or a part of the scenario containing it) locked?
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::Locks;
    /// let l = Locks::exercise(vec!["data".into(), "decide_s".into()]);
    /// assert!(l.is_locked("data.promote_s") && l.is_locked("decide_s"));
    /// assert!(!l.is_locked("decide_sx") && !l.is_locked("dns.decide_s"));
    /// ```
    pub fn is_locked(&self, path: &str) -> bool {
        self.paths.iter().any(|l| {
            path == l
                || path
                    .strip_prefix(l.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    }

    /// Is this knob fixed (its path is locked, or it switches the variant in an exercise)?
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::{find, Locks};
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let s = Scenario::preset("ipsec").unwrap();
    /// let kind = find(&s, "kind").unwrap();
    /// assert!(!Locks::none().fixes(kind));
    /// assert!(Locks::exercise(vec![]).fixes(kind));
    /// ```
    pub fn fixes(&self, k: &Knob) -> bool {
        self.is_locked(k.path) || (self.variants && k.variant)
    }
}

/// A knob as the lab shows it: the knob, its current value and whether it is fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct KnobControl {
    /// The knob.
    pub knob: &'static Knob,
    /// Its value now.
    pub value: KnobValue,
    /// Fixed by the exercise: shown, not editable.
    pub locked: bool,
}

impl KnobControl {
    /// The value for a person (what the lab prints beside a slider).
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::{controls, Locks};
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let c = controls(&Scenario::preset("static-site").unwrap(), &Locks::none());
    /// let texts: Vec<String> = c.iter().take(3).map(|c| c.value_text()).collect();
    /// assert_eq!(texts, ["health checks", "5 min", "30 s"]);
    /// ```
    pub fn value_text(&self) -> String {
        self.knob.value_text(&self.value)
    }
}

/// The knobs in effect in a scenario, with their values, in order.
///
/// ```
/// use cloudhop_core::failover::knobs::{controls, Locks};
/// use cloudhop_core::failover::scenario::Scenario;
/// let s = Scenario::preset("interconnect").unwrap();
/// let c = controls(&s, &Locks::exercise(vec!["hold_time_s".into()]));
/// assert!(c.iter().all(|c| c.knob.path != "bfd_interval_ms"), "BFD is off");
/// let hold = c.iter().find(|c| c.knob.path == "hold_time_s").unwrap();
/// assert!(hold.locked);
/// assert_eq!(hold.value_text(), "90 s");
/// ```
pub fn controls(s: &Scenario, locks: &Locks) -> Vec<KnobControl> {
    knobs_for(s)
        .iter()
        .filter(|k| k.in_effect(s))
        .filter_map(|k| {
            Some(KnobControl {
                knob: k,
                value: k.value(s)?,
                locked: locks.fixes(k),
            })
        })
        .collect()
}

/// A change to one knob.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// The knob.
    pub knob: &'static Knob,
    /// Its new value.
    pub value: KnobValue,
}

impl Edit {
    /// Set `knob` to `value` (checked only when applied, by [`apply`]).
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::{find, Edit, KnobValue};
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let s = Scenario::preset("interconnect").unwrap();
    /// let e = Edit::new(find(&s, "bfd").unwrap(), KnobValue::Flag(true));
    /// assert_eq!(e.knob.label, "BFD");
    /// ```
    pub fn new(knob: &'static Knob, value: KnobValue) -> Edit {
        Edit { knob, value }
    }
}

/// The merge patch that sets `path` to `value`: `a.b` and 1 give `{"a": {"b": 1}}`.
fn patch_for(path: &str, value: Value) -> Value {
    path.rsplit('.').fold(value, |acc, key| json!({ key: acc }))
}

/// The new value as JSON, checked against the knob: the right kind, and for a slider a
/// finite number within its range (whole for counts).
fn checked_json(k: &Knob, v: &KnobValue) -> Result<Value, FailoverError> {
    let control = k.label;
    match (k.control, v) {
        (Control::Slider(sl), KnobValue::Number(x)) => {
            if !x.is_finite() {
                return Err(FailoverError::NotANumber {
                    field: k.path.to_string(),
                    value: *x,
                });
            }
            let slack = 1e-9 * sl.max.abs().max(1.0);
            if *x < sl.min - slack || *x > sl.max + slack {
                return Err(FailoverError::OutOfRange {
                    control,
                    value: sl.unit.text(*x),
                    min: sl.unit.text(sl.min),
                    max: sl.unit.text(sl.max),
                });
            }
            if sl.whole() {
                if x.fract() != 0.0 {
                    return Err(FailoverError::NotWhole { control, value: *x });
                }
                // Within a small slider's range, so the conversion is exact.
                Ok(json!(*x as i64))
            } else {
                Ok(json!(*x))
            }
        }
        (Control::Slider(_), _) => Err(FailoverError::WrongKind {
            control,
            takes: "a number",
        }),
        (Control::Toggle, KnobValue::Flag(on)) => Ok(json!(*on)),
        (Control::Toggle, _) => Err(FailoverError::WrongKind {
            control,
            takes: "on or off",
        }),
        (Control::Choice(options), KnobValue::Choice(c)) => {
            if options.iter().any(|o| o.value == c) {
                Ok(json!(c))
            } else {
                Err(FailoverError::NoSuchOption {
                    control,
                    option: c.clone(),
                })
            }
        }
        (Control::Choice(_), _) => Err(FailoverError::WrongKind {
            control,
            takes: "one of its options",
        }),
    }
}

/// Apply an edit, or refuse it with a message: the knob must belong to the scenario's
/// model, be in effect and not fixed, and the value must fit the knob. Switching a
/// tunnel's kind or a region's data strategy replaces that part with the new choice's
/// defaults. The result may still be a scenario the models refuse (a keepalive longer than
/// the hold time): [`Scenario::evaluate`] says why.
///
/// ```
/// use cloudhop_core::failover::knobs::{apply, find, Edit, KnobValue, Locks};
/// use cloudhop_core::failover::scenario::Scenario;
/// let s = Scenario::preset("region").unwrap();
/// let strategy = find(&s, "data.strategy").unwrap();
/// let backup = apply(&s, &Edit::new(strategy, KnobValue::Choice("backup".into())), &Locks::none()).unwrap();
/// assert_eq!(backup.value_at("data.data_gb"), Some(serde_json::json!(500.0)));
/// // The replica's lag is no longer in effect: refused, not silently kept.
/// let lag = find(&s, "data.replica_lag_s").unwrap();
/// let e = apply(&backup, &Edit::new(lag, KnobValue::Number(1.0)), &Locks::none()).unwrap_err();
/// assert_eq!(e.to_string(), "Replica lag does not apply with these settings");
/// ```
pub fn apply(s: &Scenario, edit: &Edit, locks: &Locks) -> Result<Scenario, FailoverError> {
    let Some(k) = find(s, edit.knob.path) else {
        return Err(FailoverError::NoSuchControl {
            control: edit.knob.label,
            model: s.model(),
        });
    };
    if locks.fixes(k) {
        return Err(FailoverError::Fixed { control: k.label });
    }
    if !k.in_effect(s) {
        return Err(FailoverError::NotInEffect { control: k.label });
    }
    let value = checked_json(k, &edit.value)?;
    if matches!(k.control, Control::Choice(_)) && k.value(s) == Some(edit.value.clone()) {
        // Choosing what is chosen changes nothing (and resets no defaults).
        return Ok(s.clone());
    }
    match (k.path, value.as_str()) {
        ("kind", Some(kind)) => {
            let preset = if kind == "bgp" {
                "interconnect"
            } else {
                "ipsec"
            };
            Scenario::preset(preset).ok_or(FailoverError::NotInEffect { control: k.label })
        }
        ("data.strategy", Some("replica")) => s.with_patch(&json!({"data": {
            "strategy": "replica", "replica_lag_s": 5.0, "promote_s": 300.0,
            "backup_interval_s": null, "copy_lag_s": null, "data_gb": null,
            "restore_gb_per_min": null}})),
        ("data.strategy", Some("backup")) => s.with_patch(&json!({"data": {
            "strategy": "backup", "backup_interval_s": 3600.0, "copy_lag_s": 600.0,
            "data_gb": 500.0, "restore_gb_per_min": 5.0,
            "replica_lag_s": null, "promote_s": null}})),
        (path, _) => s.with_patch(&patch_for(path, value)),
    }
}

/// Apply edits one after the other, by path, skipping any that is refused; returns the
/// scenario and the refusals. Exercises use it for their fastest settings.
///
/// ```
/// use cloudhop_core::failover::knobs::{apply_all, KnobValue, Locks};
/// use cloudhop_core::failover::scenario::Scenario;
/// let s = Scenario::preset("ipsec").unwrap();
/// let (fast, refused) = apply_all(&s, &[("dpd_retries", KnobValue::Number(0.0)),
///     ("bfd", KnobValue::Flag(true))], &Locks::none());
/// assert_eq!(fast.value_at("dpd_retries"), Some(serde_json::json!(0)));
/// assert_eq!(refused.len(), 1, "an IPsec tunnel has no BFD");
/// ```
pub fn apply_all(
    s: &Scenario,
    edits: &[(&'static str, KnobValue)],
    locks: &Locks,
) -> (Scenario, Vec<FailoverError>) {
    let mut refused = Vec::new();
    let mut cur = s.clone();
    for (path, value) in edits {
        let step = match find(&cur, path) {
            Some(knob) => apply(&cur, &Edit::new(knob, value.clone()), locks),
            None => Err(FailoverError::NoSuchControl {
                control: path,
                model: cur.model(),
            }),
        };
        match step {
            Ok(next) => cur = next,
            Err(e) => refused.push(e),
        }
    }
    (cur, refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(s: &Scenario, path: &str, v: KnobValue) -> Result<Scenario, FailoverError> {
        apply(s, &Edit::new(find(s, path).unwrap(), v), &Locks::none())
    }

    #[test]
    fn every_knob_of_every_preset_reads_and_sets() {
        for (id, _) in Scenario::PRESETS {
            let s = Scenario::preset(id).unwrap();
            assert!(controls(&s, &Locks::none()).len() >= 5, "{id}");
            for k in knobs_for(&s) {
                if let (Control::Slider(sl), true) = (k.control, k.in_effect(&s)) {
                    assert!(sl.min < sl.max && sl.step > 0.0, "{id}: {}", k.path);
                    for x in [sl.min, sl.max] {
                        let next = edit(&s, k.path, KnobValue::Number(x))
                            .unwrap_or_else(|e| panic!("{id}: {} = {x}: {e}", k.path));
                        assert_eq!(
                            next.value_at(k.path).and_then(|v| v.as_f64()),
                            Some(x),
                            "{id}: {}",
                            k.path
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn values_outside_a_slider_or_of_the_wrong_kind_are_refused() {
        let s = Scenario::preset("static-site").unwrap();
        let cases = [
            (
                "ttl_s",
                KnobValue::Number(-5.0),
                "Record TTL must be from 0 s to 15 min, not -5 s",
            ),
            (
                "ttl_s",
                KnobValue::Number(f64::NAN),
                "ttl_s must be a number, not NaN",
            ),
            ("ttl_s", KnobValue::Flag(true), "Record TTL takes a number"),
            (
                "failure_threshold",
                KnobValue::Number(2.5),
                "Failures before unhealthy must be a whole number, not 2.5",
            ),
            (
                "failure_threshold",
                KnobValue::Number(11.0),
                "Failures before unhealthy must be from 1 to 10, not 11",
            ),
            (
                "mode",
                KnobValue::Choice("magic".into()),
                "Who flips the record has no option \u{201c}magic\u{201d}",
            ),
            (
                "alert_delay_s",
                KnobValue::Number(60.0),
                "Until a person is alerted does not apply with these settings",
            ),
        ];
        for (path, v, msg) in cases {
            assert_eq!(edit(&s, path, v).unwrap_err().to_string(), msg);
        }
        // A knob of another model.
        let tunnel = Scenario::preset("ipsec").unwrap();
        let dpd = find(&tunnel, "dpd_interval_s").unwrap();
        let e = apply(&s, &Edit::new(dpd, KnobValue::Number(5.0)), &Locks::none()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "DPD interval is not a setting of the dns model"
        );
    }

    #[test]
    fn locked_fields_and_variants_are_fixed_in_exercises() {
        let s = Scenario::preset("ipsec").unwrap();
        let locks = Locks::exercise(vec!["dpd_retries".into()]);
        let kind = find(&s, "kind").unwrap();
        let e = apply(
            &s,
            &Edit::new(kind, KnobValue::Choice("bgp".into())),
            &locks,
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "Link is fixed in this exercise");
        let retries = find(&s, "dpd_retries").unwrap();
        assert!(apply(&s, &Edit::new(retries, KnobValue::Number(1.0)), &locks).is_err());
        // Free play: the kind switches to the interconnect's defaults.
        let bgp = apply(
            &s,
            &Edit::new(kind, KnobValue::Choice("bgp".into())),
            &Locks::none(),
        )
        .unwrap();
        assert_eq!(bgp, Scenario::preset("interconnect").unwrap());
        // A prefix locks only whole path segments.
        let l = Locks::exercise(vec!["dns".into()]);
        assert!(!l.is_locked("dns_update_s"));
    }

    #[test]
    fn whole_numbers_are_written_as_integers() {
        let s = Scenario::preset("static-site").unwrap();
        let next = edit(&s, "failure_threshold", KnobValue::Number(2.0)).unwrap();
        assert_eq!(next.value_at("failure_threshold"), Some(json!(2)));
    }

    #[test]
    fn switching_the_data_strategy_and_back_keeps_a_valid_scenario() {
        let s = Scenario::preset("region").unwrap();
        let b = edit(&s, "data.strategy", KnobValue::Choice("backup".into())).unwrap();
        assert!(b.evaluate().is_ok());
        let r = edit(&b, "data.strategy", KnobValue::Choice("replica".into())).unwrap();
        assert_eq!(r, s);
    }

    #[test]
    fn controls_follow_conditions() {
        let s = Scenario::preset("static-site").unwrap();
        let paths: Vec<&str> = controls(&s, &Locks::none())
            .iter()
            .map(|c| c.knob.path)
            .collect();
        assert!(paths.contains(&"check_interval_s") && !paths.contains(&"alert_delay_s"));
        let manual = edit(&s, "mode", KnobValue::Choice("manual".into())).unwrap();
        let paths: Vec<&str> = controls(&manual, &Locks::none())
            .iter()
            .map(|c| c.knob.path)
            .collect();
        assert!(!paths.contains(&"check_interval_s") && paths.contains(&"alert_delay_s"));
    }
}
