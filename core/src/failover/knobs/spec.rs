//! What a knob is: its control (a slider with its range and unit, a switch, or a few
//! choices), the condition under which it is in effect, and its values. The tables in
//! `table` are built from the constructors here.

use super::super::display;

/// What a slider's number is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnobUnit {
    /// Seconds (shown as seconds, minutes or hours).
    Seconds,
    /// Milliseconds.
    Milliseconds,
    /// A share from 0 to 1 (shown as a percentage).
    Share,
    /// A whole number with no unit (retries, failures, a multiplier).
    Count,
    /// Events per second.
    PerSecond,
    /// Gigabytes.
    Gigabytes,
    /// Gigabytes per minute.
    GigabytesPerMinute,
}

impl KnobUnit {
    /// The unit's symbol after a number (empty for counts and shares).
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::KnobUnit;
    /// assert_eq!(KnobUnit::GigabytesPerMinute.symbol(), "GB/min");
    /// assert_eq!(KnobUnit::Count.symbol(), "");
    /// ```
    pub fn symbol(self) -> &'static str {
        match self {
            KnobUnit::Seconds => "s",
            KnobUnit::Milliseconds => "ms",
            KnobUnit::Share | KnobUnit::Count => "",
            KnobUnit::PerSecond => "/s",
            KnobUnit::Gigabytes => "GB",
            KnobUnit::GigabytesPerMinute => "GB/min",
        }
    }

    /// A value in this unit for a person: `1.5 min`, `12.5%`, `300 ms`, `3`.
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::KnobUnit;
    /// assert_eq!(KnobUnit::Seconds.text(90.0), "90 s");
    /// assert_eq!(KnobUnit::Share.text(0.125), "12.5%");
    /// assert_eq!(KnobUnit::Milliseconds.text(300.0), "300 ms");
    /// assert_eq!(KnobUnit::GigabytesPerMinute.text(0.5), "0.5 GB/min");
    /// ```
    pub fn text(self, v: f64) -> String {
        match self {
            KnobUnit::Share => format!("{:.1}%", v * 100.0),
            KnobUnit::Seconds => display::duration(v),
            other => {
                let t = if v.fract() == 0.0 {
                    format!("{v:.0}")
                } else {
                    format!("{v}")
                };
                match other.symbol() {
                    "" => t,
                    unit => format!("{t} {unit}"),
                }
            }
        }
    }
}

/// A slider: its ends, its step and its unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slider {
    /// Lowest value.
    pub min: f64,
    /// Highest value.
    pub max: f64,
    /// Step between values.
    pub step: f64,
    /// Unit of the value.
    pub unit: KnobUnit,
}

impl Slider {
    /// Whole numbers only (counts).
    ///
    /// ```
    /// use cloudhop_core::failover::knobs::{find, Control};
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let s = Scenario::preset("static-site").unwrap();
    /// let Control::Slider(threshold) = find(&s, "failure_threshold").unwrap().control else { panic!() };
    /// let Control::Slider(ttl) = find(&s, "ttl_s").unwrap().control else { panic!() };
    /// assert!(threshold.whole() && !ttl.whole());
    /// ```
    pub fn whole(&self) -> bool {
        self.unit == KnobUnit::Count
    }
}

/// One of a choice knob's options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceOption {
    /// The JSON value (`health_check`).
    pub value: &'static str,
    /// For a person (`health checks`).
    pub label: &'static str,
}

/// How a knob is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Control {
    /// A slider over a range of numbers.
    Slider(Slider),
    /// A switch, on or off.
    Toggle,
    /// A few named settings.
    Choice(&'static [ChoiceOption]),
}

/// A value a knob may have (what a condition compares with).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// A switch that is on (`true`) or off.
    Flag(bool),
    /// A choice's option value.
    Choice(&'static str),
}

/// A knob is in effect only when another knob has a given setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    /// The other knob's path.
    pub path: &'static str,
    /// The setting it must have.
    pub is: Setting,
}

/// One knob of a model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Knob {
    /// Dotted JSON path in the scenario (`ttl_s`, `dns.ttl_s`, `data.strategy`).
    pub path: &'static str,
    /// Label for a person.
    pub label: &'static str,
    /// What it changes (a tooltip); may be empty.
    pub help: &'static str,
    /// How it is set.
    pub control: Control,
    /// In effect only under this condition.
    pub when: Option<Condition>,
    /// Switching it replaces the scenario with the defaults of another variant (an IPsec
    /// tunnel or a BGP interconnect); exercises keep it fixed.
    pub variant: bool,
}

/// A knob's current or new value.
#[derive(Debug, Clone, PartialEq)]
pub enum KnobValue {
    /// A slider's number.
    Number(f64),
    /// A switch.
    Flag(bool),
    /// A choice's option value.
    Choice(String),
}

impl KnobValue {
    pub(super) fn matches(&self, s: Setting) -> bool {
        match (self, s) {
            (KnobValue::Flag(a), Setting::Flag(b)) => *a == b,
            (KnobValue::Choice(a), Setting::Choice(b)) => a == b,
            _ => false,
        }
    }
}

pub(super) const fn knob(
    path: &'static str,
    label: &'static str,
    help: &'static str,
    c: Control,
) -> Knob {
    Knob {
        path,
        label,
        help,
        control: c,
        when: None,
        variant: false,
    }
}

pub(super) const fn range(
    path: &'static str,
    label: &'static str,
    help: &'static str,
    min: f64,
    max: f64,
    step: f64,
    unit: KnobUnit,
) -> Knob {
    knob(
        path,
        label,
        help,
        Control::Slider(Slider {
            min,
            max,
            step,
            unit,
        }),
    )
}

pub(super) const fn toggle(path: &'static str, label: &'static str, help: &'static str) -> Knob {
    knob(path, label, help, Control::Toggle)
}

pub(super) const fn choice(
    path: &'static str,
    label: &'static str,
    help: &'static str,
    options: &'static [ChoiceOption],
) -> Knob {
    knob(path, label, help, Control::Choice(options))
}

pub(super) const fn option(value: &'static str, label: &'static str) -> ChoiceOption {
    ChoiceOption { value, label }
}

pub(super) const fn when(mut k: Knob, path: &'static str, is: Setting) -> Knob {
    k.when = Some(Condition { path, is });
    k
}

pub(super) const fn variant(mut k: Knob) -> Knob {
    k.variant = true;
    k
}
