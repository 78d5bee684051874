//! How failover numbers read for a person: durations in seconds, minutes or hours, counts
//! with thousands separators, a report's figures, a phase's captions, and the difference
//! between two settings. The lab prints these strings as they are.
//!
//! ```
//! use cloudhop_core::failover::display;
//! assert_eq!(display::duration(90.0), "90 s");
//! assert_eq!(display::duration(150.0), "2.5 min");
//! assert_eq!(display::count(1234567.0), "1,234,567");
//! ```

use super::scenario::{Figure, Report, Unit};
use super::timeline::Phase;

/// A duration for people: seconds below two minutes, minutes below two hours, then hours,
/// with at most one decimal (`57 s`, `1.5 min`, `2 h`); `—` when not finite.
///
/// ```
/// use cloudhop_core::failover::display::duration;
/// assert_eq!(duration(57.0), "57 s");
/// assert_eq!(duration(7200.0), "2 h");
/// assert_eq!(duration(f64::INFINITY), "—");
/// ```
pub fn duration(s: f64) -> String {
    if !s.is_finite() {
        return "—".into();
    }
    let trim = |v: f64, unit: &str| {
        let t = format!("{v:.1}");
        let t = t.strip_suffix(".0").unwrap_or(&t).to_string();
        format!("{t} {unit}")
    };
    if s < 120.0 {
        trim(s, "s")
    } else if s < 7200.0 {
        trim(s / 60.0, "min")
    } else {
        trim(s / 3600.0, "h")
    }
}

/// A count, rounded, with thousands separators; `—` when not finite.
///
/// ```
/// use cloudhop_core::failover::display::count;
/// assert_eq!(count(4500.0), "4,500");
/// assert_eq!(count(-1234.4), "-1,234");
/// assert_eq!(count(f64::NAN), "—");
/// ```
pub fn count(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A plain number: no decimals when whole.
///
/// ```
/// use cloudhop_core::failover::display::number;
/// assert_eq!(number(3.0), "3");
/// assert_eq!(number(0.25), "0.25");
/// ```
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// A share as a percentage with one decimal.
///
/// ```
/// use cloudhop_core::failover::display::share;
/// assert_eq!(share(0.955), "95.5%");
/// ```
pub fn share(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// A share as a whole percentage (the target line of the clients-moved chart).
///
/// ```
/// use cloudhop_core::failover::display::share_whole;
/// assert_eq!(share_whole(0.95), "95%");
/// ```
pub fn share_whole(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

/// A report's figure in its unit.
///
/// ```
/// use cloudhop_core::failover::display::figure;
/// use cloudhop_core::failover::scenario::Scenario;
/// let r = Scenario::preset("interconnect").unwrap().evaluate().unwrap();
/// assert_eq!(figure(&r.headline), "85 s");
/// ```
pub fn figure(f: &Figure) -> String {
    match f.unit {
        Unit::Seconds => duration(f.value),
        Unit::Count => count(f.value),
        Unit::Share => share(f.value),
    }
}

/// A phase's caption on a timeline bar: its kind and duration (`detect 75 s`).
///
/// ```
/// use cloudhop_core::failover::display::phase_caption;
/// use cloudhop_core::failover::scenario::Scenario;
/// let r = Scenario::preset("interconnect").unwrap().evaluate().unwrap();
/// assert_eq!(phase_caption(&r.timeline.phases()[0]), "detect 75 s");
/// ```
pub fn phase_caption(p: &Phase) -> String {
    format!("{} {}", p.kind.name(), duration(p.duration_s()))
}

/// A phase's tooltip: kind, what happens, from when to when.
///
/// ```
/// use cloudhop_core::failover::display::phase_title;
/// use cloudhop_core::failover::timeline::{PhaseKind, Timeline};
/// let t = Timeline::sequence(&[(PhaseKind::Detect, "checks fail", 75.0)]).unwrap();
/// assert_eq!(phase_title(&t.phases()[0]), "detect: checks fail (0 s → 75 s)");
/// ```
pub fn phase_title(p: &Phase) -> String {
    format!(
        "{}: {} ({} → {})",
        p.kind.name(),
        p.label,
        duration(p.start_s),
        duration(p.end_s)
    )
}

/// A phase in the list under the results, after its kind: ` 75 s — checks fail`.
///
/// ```
/// use cloudhop_core::failover::display::phase_line;
/// use cloudhop_core::failover::timeline::{PhaseKind, Timeline};
/// let t = Timeline::sequence(&[(PhaseKind::Detect, "checks fail", 75.0)]).unwrap();
/// assert_eq!(phase_line(&t.phases()[0]), " 75 s — checks fail");
/// ```
pub fn phase_line(p: &Phase) -> String {
    format!(" {} — {}", duration(p.duration_s()), p.label)
}

/// How a setting's headline compares with another's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Delta {
    /// This headline minus the other, seconds.
    pub seconds: f64,
}

impl Delta {
    /// The difference of two reports' headlines, when there is one.
    ///
    /// ```
    /// use cloudhop_core::failover::display::Delta;
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let a = Scenario::preset("interconnect").unwrap();
    /// let b = a.with_patch(&serde_json::json!({"bfd": true})).unwrap();
    /// let (ra, rb) = (a.evaluate().unwrap(), b.evaluate().unwrap());
    /// let d = Delta::between(&rb, &ra).unwrap();
    /// assert!(d.is_better());
    /// assert_eq!(d.text("A"), "−74.2 s vs A");
    /// assert!(Delta::between(&ra, &ra).is_none());
    /// ```
    pub fn between(report: &Report, other: &Report) -> Option<Delta> {
        let seconds = report.headline.value - other.headline.value;
        (seconds.abs() > 1e-9).then_some(Delta { seconds })
    }

    /// Shorter than the other.
    pub fn is_better(&self) -> bool {
        self.seconds < 0.0
    }

    /// `−12 s vs A` or `+1.5 min vs A`.
    pub fn text(&self, other: &str) -> String {
        format!(
            "{}{} vs {other}",
            if self.is_better() { "−" } else { "+" },
            duration(self.seconds.abs())
        )
    }
}

/// The step between the time axis's ticks for a timeline `max_s` seconds long drawn
/// `width_px` CSS pixels wide: a round duration giving about one tick per 110 px (three to
/// six ticks), so that tick labels never run into each other on a phone.
///
/// ```
/// use cloudhop_core::failover::display::tick_step;
/// assert_eq!(tick_step(1800.0, 700.0), 300.0); // six ticks of 5 min
/// assert_eq!(tick_step(1800.0, 320.0), 600.0); // three of 10 min on a phone
/// ```
pub fn tick_step(max_s: f64, width_px: f64) -> f64 {
    let ticks = if width_px.is_finite() {
        (width_px / 110.0).floor().clamp(3.0, 6.0)
    } else {
        6.0
    };
    let raw = (max_s / ticks).max(1e-9);
    let candidates = [
        1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0,
        10_800.0, 21_600.0, 43_200.0, 86_400.0,
    ];
    candidates
        .iter()
        .copied()
        .find(|c| *c >= raw)
        .unwrap_or_else(|| (raw / 86_400.0).ceil() * 86_400.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_change_unit_at_two_minutes_and_two_hours() {
        assert_eq!(duration(119.9), "119.9 s");
        assert_eq!(duration(120.0), "2 min");
        assert_eq!(duration(7199.0), "120 min");
        assert_eq!(duration(5400.0), "90 min");
        assert_eq!(duration(9000.0), "2.5 h");
        assert_eq!(duration(0.75), "0.8 s");
    }

    #[test]
    fn counts_group_digits() {
        assert_eq!(count(0.0), "0");
        assert_eq!(count(999.0), "999");
        assert_eq!(count(1000.0), "1,000");
        assert_eq!(count(-1_000_000.0), "-1,000,000");
        assert_eq!(count(f64::MAX), count(i64::MAX as f64));
    }

    #[test]
    fn figures_in_each_unit() {
        let r = super::super::scenario::Scenario::preset("ad-caches")
            .unwrap()
            .evaluate()
            .unwrap();
        for f in r.losses.iter().chain(&r.figures) {
            let t = figure(f);
            match f.unit {
                Unit::Share => assert!(t.ends_with('%'), "{t}"),
                Unit::Seconds => {
                    assert!(t.ends_with(" s") || t.ends_with("min") || t.ends_with(" h"))
                }
                Unit::Count => assert!(t.chars().all(|c| c.is_ascii_digit() || c == ',')),
            }
        }
    }
}
