//! Published inter-region round-trip measurements, the model fitted to them, and the
//! model's error on them.
//!
//! The data is `core/data/latency/measurements.txt` (embedded); each data set is cited
//! there with its date, percentile and method. Points are split: a source marked
//! `holdout` is never fitted, and every fourth point of each fitted source is held out too,
//! so the report gives in-sample and out-of-sample error separately.
//!
//! ```
//! use cloudhop_core::latency::calibration::Calibration;
//! let cal = Calibration::builtin();
//! let report = cal.report(&cal.fit());
//! assert!(report.all.n > 100);
//! assert!(report.held_out.median_pct < 12.0);
//! ```

use super::catalog::{Catalog, Site};
use super::error::LatencyError;
use super::model::{fit, FitPoint, RttModel};
use serde::Serialize;
use std::sync::OnceLock;

/// The embedded measurements file.
pub const MEASUREMENTS_TXT: &str = include_str!("../../data/latency/measurements.txt");

/// A published data set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Short id used by points.
    pub id: String,
    /// Whether the whole source is held out of the fit.
    pub holdout: bool,
    /// Title of the publication.
    pub title: String,
    /// Where it was published.
    pub url: String,
    /// Date of the figures.
    pub date: String,
    /// Statistic published (`p50`, `mean`).
    pub percentile: String,
    /// How the figures were measured.
    pub method: String,
}

/// One measured round trip between two catalog sites.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measurement {
    /// Source id.
    pub source: String,
    /// One end.
    pub a: Site,
    /// The other end.
    pub b: Site,
    /// Published RTT, ms.
    pub rtt_ms: f64,
    /// Held out of the fit.
    pub holdout: bool,
}

/// The parsed measurements.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// Data sets.
    pub sources: Vec<Source>,
    /// Points in file order.
    pub points: Vec<Measurement>,
}

/// Absolute percentage error statistics.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct ErrorStats {
    /// Number of points.
    pub n: usize,
    /// Median absolute percentage error.
    pub median_pct: f64,
    /// 90th percentile (nearest rank) absolute percentage error.
    pub p90_pct: f64,
}

impl ErrorStats {
    /// Statistics of a list of absolute percentage errors.
    ///
    /// ```
    /// use cloudhop_core::latency::calibration::ErrorStats;
    /// let s = ErrorStats::of(vec![1.0, 2.0, 3.0, 4.0, 100.0]);
    /// assert_eq!((s.n, s.median_pct, s.p90_pct), (5, 3.0, 100.0));
    /// ```
    pub fn of(mut errors: Vec<f64>) -> ErrorStats {
        errors.retain(|e| e.is_finite());
        crate::order::sort_by(&mut errors, f64::total_cmp);
        let n = errors.len();
        if n == 0 {
            return ErrorStats::default();
        }
        let median = if n % 2 == 1 {
            errors[n / 2]
        } else {
            (errors[n / 2 - 1] + errors[n / 2]) / 2.0
        };
        let rank = ((0.9 * n as f64).ceil() as usize).clamp(1, n);
        ErrorStats {
            n,
            median_pct: median,
            p90_pct: errors[rank - 1],
        }
    }
}

/// The model's error on the measurements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationReport {
    /// On the points used in the fit.
    pub fitted: ErrorStats,
    /// On the held-out points (out of sample).
    pub held_out: ErrorStats,
    /// On all points.
    pub all: ErrorStats,
    /// All points, per source.
    pub by_source: Vec<(String, ErrorStats)>,
    /// Held-out points, per source.
    pub held_out_by_source: Vec<(String, ErrorStats)>,
    /// All points, per continent pair (e.g. `EU-NA`).
    pub by_continent_pair: Vec<(String, ErrorStats)>,
}

impl RttModel {
    /// The model fitted on the embedded measurements (computed once). Defined here, with
    /// the measurements, so that the model module does not depend on this one.
    ///
    /// ```
    /// use cloudhop_core::latency::model::RttModel;
    /// let m = RttModel::calibrated();
    /// assert!(m.default_inflation >= 1.0 && m.overhead_ms >= 0.0);
    /// ```
    pub fn calibrated() -> &'static RttModel {
        static M: OnceLock<RttModel> = OnceLock::new();
        M.get_or_init(|| Calibration::builtin().fit())
    }
}

impl Calibration {
    /// The embedded measurements (parsed once; an empty set if the file were broken,
    /// which the tests rule out).
    pub fn builtin() -> &'static Calibration {
        static C: OnceLock<Calibration> = OnceLock::new();
        C.get_or_init(|| {
            Calibration::parse(MEASUREMENTS_TXT).unwrap_or(Calibration {
                sources: Vec::new(),
                points: Vec::new(),
            })
        })
    }

    /// Parse measurements text.
    pub fn parse(text: &str) -> Result<Calibration, LatencyError> {
        let cat = Catalog::builtin();
        let mut sources: Vec<Source> = Vec::new();
        let mut points = Vec::new();
        let mut fitted_index = 0usize;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let at = |e: LatencyError| e.on_line(n + 1);
            let f: Vec<&str> = line.split('|').map(str::trim).collect();
            match f.as_slice() {
                ["source", id, role, title, url, date, pct, method] => {
                    let holdout = match *role {
                        "holdout" => true,
                        "fit" => false,
                        other => return Err(at(LatencyError::SourceRole(other.to_string()))),
                    };
                    sources.push(Source {
                        id: id.to_string(),
                        holdout,
                        title: title.to_string(),
                        url: url.to_string(),
                        date: date.to_string(),
                        percentile: pct.to_string(),
                        method: method.to_string(),
                    });
                }
                ["point", src, a, b, rtt] => {
                    let source = sources
                        .iter()
                        .find(|s| s.id == *src)
                        .ok_or_else(|| at(LatencyError::UnknownSource(src.to_string())))?;
                    let site = |id: &str| cat.resolve(id).cloned().map_err(at);
                    let rtt_ms: f64 = rtt
                        .parse()
                        .ok()
                        .filter(|v: &f64| v.is_finite() && *v > 0.0)
                        .ok_or_else(|| at(LatencyError::NotPositive(rtt.to_string())))?;
                    let holdout = if source.holdout {
                        true
                    } else {
                        fitted_index += 1;
                        fitted_index % 4 == 0
                    };
                    points.push(Measurement {
                        source: src.to_string(),
                        a: site(a)?,
                        b: site(b)?,
                        rtt_ms,
                        holdout,
                    });
                }
                _ => return Err(at(LatencyError::NotAMeasurementLine)),
            }
        }
        Ok(Calibration { sources, points })
    }

    fn fit_point(m: &Measurement) -> FitPoint {
        FitPoint {
            a: m.a.zone(),
            b: m.b.zone(),
            distance_km: m.a.unit().distance_km(m.b.unit()),
            rtt_ms: m.rtt_ms,
        }
    }

    /// Fit the model on the points that are not held out.
    pub fn fit(&self) -> RttModel {
        let pts: Vec<FitPoint> = self
            .points
            .iter()
            .filter(|m| !m.holdout)
            .map(Self::fit_point)
            .collect();
        fit(&pts)
    }

    /// Absolute percentage error of `model` on one measurement.
    pub fn error_pct(model: &RttModel, m: &Measurement) -> f64 {
        let p = Self::fit_point(m);
        let est = model.rtt_ms(p.a, p.b, p.distance_km);
        100.0 * (est - m.rtt_ms).abs() / m.rtt_ms
    }

    /// The error report of `model` on these measurements.
    pub fn report(&self, model: &RttModel) -> CalibrationReport {
        let errs = |pred: &dyn Fn(&Measurement) -> bool| {
            ErrorStats::of(
                self.points
                    .iter()
                    .filter(|m| pred(m))
                    .map(|m| Self::error_pct(model, m))
                    .collect(),
            )
        };
        let by_source = self
            .sources
            .iter()
            .map(|s| (s.id.clone(), errs(&|m| m.source == s.id)))
            .collect();
        let held_out_by_source = self
            .sources
            .iter()
            .map(|s| (s.id.clone(), errs(&|m| m.source == s.id && m.holdout)))
            .collect();
        let pair = |m: &Measurement| {
            let mut c = [
                format!("{:?}", m.a.continent),
                format!("{:?}", m.b.continent),
            ];
            crate::order::sort(&mut c);
            c.join("-")
        };
        let mut pairs: Vec<String> = self.points.iter().map(pair).collect();
        crate::order::sort(&mut pairs);
        pairs.dedup();
        let by_continent_pair = pairs
            .into_iter()
            .map(|p| {
                let s = errs(&|m| pair(m) == p);
                (p, s)
            })
            .collect();
        CalibrationReport {
            fitted: errs(&|m| !m.holdout),
            held_out: errs(&|m| m.holdout),
            all: errs(&|_| true),
            by_source,
            held_out_by_source,
            by_continent_pair,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measurements_parse_and_cite_their_sources() {
        let cal = Calibration::parse(MEASUREMENTS_TXT).expect("embedded measurements parse");
        assert!(cal.points.len() >= 200, "{}", cal.points.len());
        assert!(cal.sources.len() >= 3);
        for s in &cal.sources {
            assert!(s.url.starts_with("https://"), "{}", s.url);
            assert!(!s.date.is_empty() && !s.percentile.is_empty() && !s.method.is_empty());
        }
        let held = cal.points.iter().filter(|m| m.holdout).count();
        assert!(held * 4 >= cal.points.len(), "held out {held}");
        assert!(
            Calibration::parse("point|nope|aws:us-east-1|aws:us-east-2|10")
                .unwrap_err()
                .to_string()
                .contains("unknown source")
        );
    }

    /// The calibration target: median absolute percentage error within 12%, in and out of
    /// sample. Prints the full report (run with `--nocapture` to see it).
    #[test]
    fn model_error_on_published_measurements_is_within_target() {
        let cal = Calibration::builtin();
        let model = cal.fit();
        let r = cal.report(&model);
        println!(
            "overhead {:.2} ms, default inflation {:.3}",
            model.overhead_ms, model.default_inflation
        );
        for (a, b, k) in model.inflation_table() {
            println!("  inflation {:?}-{:?}: {k:.3}", a, b);
        }
        let show = |name: &str, s: &ErrorStats| {
            println!(
                "{name:>28}: n={:>3} median {:>5.1}% p90 {:>5.1}%",
                s.n, s.median_pct, s.p90_pct
            )
        };
        show("fitted (in sample)", &r.fitted);
        show("held out (out of sample)", &r.held_out);
        show("all", &r.all);
        for (s, e) in &r.by_source {
            show(&format!("source {s}"), e);
        }
        for (s, e) in &r.held_out_by_source {
            show(&format!("held out {s}"), e);
        }
        for (s, e) in &r.by_continent_pair {
            show(&format!("continents {s}"), e);
        }
        assert!(
            r.all.median_pct <= 12.0,
            "median error {:.1}%",
            r.all.median_pct
        );
        assert!(
            r.held_out.median_pct <= 12.0,
            "held-out median {:.1}%",
            r.held_out.median_pct
        );
        for (s, e) in &r.by_source {
            assert!(e.median_pct <= 12.0, "{s}: median {:.1}%", e.median_pct);
        }
        assert!(r.all.p90_pct < 35.0, "p90 {:.1}%", r.all.p90_pct);
    }

    #[test]
    fn a_distance_only_model_is_worse_than_the_calibrated_one() {
        // The zone-pair inflation earns its keep: one global inflation does worse.
        let cal = Calibration::builtin();
        let calibrated = cal.report(&cal.fit()).held_out.median_pct;
        let global = RttModel::uniform(cal.fit().default_inflation, cal.fit().overhead_ms);
        let plain = cal.report(&global).held_out.median_pct;
        assert!(calibrated < plain, "{calibrated} vs {plain}");
    }
}
