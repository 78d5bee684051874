//! The round-trip-time model: the physical floor, and a calibrated estimate above it.
//!
//! `rtt = max(floor, inflation(zone_a, zone_b) × floor + overhead)`, where `floor` is the
//! round trip at the speed of light in fibre over the great circle
//! ([`super::geo::floor_rtt_ms`]), `inflation` is how much longer real
//! routes are than the great circle between two routing zones (cables follow coasts and
//! land at a few points; Europe to East Asia goes around, North America to Japan goes
//! almost straight), and `overhead` is a fixed per-path cost (switching, serialisation,
//! the last kilometres inside each metro). Both are fitted to published measurements in
//! the calibration module (which also gives [`RttModel::calibrated`], the model fitted
//! on the embedded measurements); the inflation is never below 1 and the overhead
//! never below 0, so no estimate is ever below the floor.
//!
//! ```
//! use cloudhop_core::latency::{catalog::Catalog, model::RttModel};
//! let cat = Catalog::builtin();
//! let m = RttModel::calibrated();
//! let e = m.estimate(cat.get("aws:us-east-1").unwrap(), cat.get("aws:eu-west-1").unwrap());
//! assert!(e.rtt_ms >= e.floor_ms);
//! assert!(e.rtt_ms > 60.0 && e.rtt_ms < 100.0, "{}", e.rtt_ms);
//! ```

use super::catalog::{Site, Zone};
use super::geo::floor_rtt_ms;
use serde::Serialize;

/// Zone pairs need at least this many fitted measurements for an inflation of their own;
/// others use the global inflation.
pub const MIN_POINTS_PER_ZONE_PAIR: usize = 3;

/// A fitted model.
#[derive(Debug, Clone, PartialEq)]
pub struct RttModel {
    /// Fixed per-path overhead, ms.
    pub overhead_ms: f64,
    /// Route inflation for zone pairs without enough data.
    pub default_inflation: f64,
    /// Route inflation per zone pair (symmetric), where fitted.
    pub inflation: [[Option<f64>; 8]; 8],
}

/// How one estimate was computed, for showing the working.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// Great-circle distance, km.
    pub distance_km: f64,
    /// Physical floor: round trip at 2/3 c over the great circle, ms.
    pub floor_ms: f64,
    /// Route inflation used.
    pub inflation: f64,
    /// Whether the inflation was fitted for this zone pair (else the global one).
    pub zone_pair_fitted: bool,
    /// Fixed overhead, ms.
    pub overhead_ms: f64,
    /// The estimate, ms (never below `floor_ms`).
    pub rtt_ms: f64,
    /// The zones of the two ends.
    pub zones: (Zone, Zone),
}

/// One measured round trip, reduced to what the fit needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitPoint {
    /// Zone of one end.
    pub a: Zone,
    /// Zone of the other end.
    pub b: Zone,
    /// Great-circle distance, km.
    pub distance_km: f64,
    /// Measured RTT, ms.
    pub rtt_ms: f64,
}

impl RttModel {
    /// A model with one inflation everywhere (for tests and what-ifs).
    ///
    /// ```
    /// use cloudhop_core::latency::{catalog::Zone, model::RttModel};
    /// let m = RttModel::uniform(1.5, 4.0);
    /// assert!((m.rtt_ms(Zone::EU, Zone::NA, 1000.0) - (1.5 * 10.007 + 4.0)).abs() < 0.01);
    /// ```
    pub fn uniform(inflation: f64, overhead_ms: f64) -> RttModel {
        RttModel {
            overhead_ms: overhead_ms.max(0.0),
            default_inflation: inflation.max(1.0),
            inflation: [[None; 8]; 8],
        }
    }

    /// The inflation for a zone pair, and whether it was fitted for that pair.
    pub fn inflation_for(&self, a: Zone, b: Zone) -> (f64, bool) {
        match self.inflation[a.index()][b.index()] {
            Some(k) => (k, true),
            None => (self.default_inflation, false),
        }
    }

    /// Estimated RTT between two different sites `distance_km` apart, ms.
    pub fn rtt_ms(&self, a: Zone, b: Zone, distance_km: f64) -> f64 {
        let floor = floor_rtt_ms(distance_km);
        let (k, _) = self.inflation_for(a, b);
        (k * floor + self.overhead_ms).max(floor)
    }

    /// The estimate between two sites with its working. The same site to itself is 0.
    pub fn estimate(&self, a: &Site, b: &Site) -> Estimate {
        let distance_km = a.unit().distance_km(b.unit());
        let floor_ms = floor_rtt_ms(distance_km);
        let (inflation, zone_pair_fitted) = self.inflation_for(a.zone(), b.zone());
        let rtt_ms = if a.id == b.id {
            0.0
        } else {
            self.rtt_ms(a.zone(), b.zone(), distance_km)
        };
        Estimate {
            distance_km,
            floor_ms,
            inflation,
            zone_pair_fitted,
            overhead_ms: self.overhead_ms,
            rtt_ms,
            zones: (a.zone(), b.zone()),
        }
    }

    /// The fitted inflation table as `(zone, zone, inflation)` rows, each pair once.
    pub fn inflation_table(&self) -> Vec<(Zone, Zone, f64)> {
        let mut out = Vec::new();
        for (i, za) in Zone::ALL.iter().enumerate() {
            for zb in &Zone::ALL[i..] {
                if let Some(k) = self.inflation[za.index()][zb.index()] {
                    out.push((*za, *zb, k));
                }
            }
        }
        out
    }
}

/// Fit the model to measurements by least squares on relative error: alternately the
/// inflation per zone pair (with at least [`MIN_POINTS_PER_ZONE_PAIR`] points, else the
/// global one) and the shared overhead, each in closed form, until they settle.
/// Inflations are kept ≥ 1 and the overhead ≥ 0.
///
/// ```
/// use cloudhop_core::latency::{catalog::Zone, model::{fit, FitPoint}};
/// // Synthetic data made with inflation 1.4 and overhead 5 ms is recovered.
/// let pts: Vec<FitPoint> = [500.0, 2000.0, 6000.0, 9000.0]
///     .iter()
///     .map(|&d| FitPoint { a: Zone::EU, b: Zone::NA, distance_km: d, rtt_ms: 1.4 * d / 99.93 + 5.0 })
///     .collect();
/// let m = fit(&pts);
/// assert!((m.default_inflation - 1.4).abs() < 0.01);
/// assert!((m.overhead_ms - 5.0).abs() < 0.1);
/// ```
pub fn fit(points: &[FitPoint]) -> RttModel {
    let pts: Vec<&FitPoint> = points
        .iter()
        .filter(|p| p.rtt_ms > 0.0 && p.rtt_ms.is_finite() && p.distance_km.is_finite())
        .collect();
    let mut counts = [[0usize; 8]; 8];
    for p in &pts {
        counts[p.a.index()][p.b.index()] += 1;
        if p.a != p.b {
            counts[p.b.index()][p.a.index()] += 1;
        }
    }
    // Weighted least squares with weight 1/y²: relative error.
    let solve_k = |c: f64, sel: &dyn Fn(&FitPoint) -> bool| -> Option<f64> {
        let (mut num, mut den) = (0.0, 0.0);
        for p in pts.iter().filter(|p| sel(p)) {
            let f = floor_rtt_ms(p.distance_km);
            let w = 1.0 / (p.rtt_ms * p.rtt_ms);
            num += w * f * (p.rtt_ms - c);
            den += w * f * f;
        }
        (den > 0.0).then(|| (num / den).max(1.0))
    };
    let mut model = RttModel::uniform(1.5, 3.0);
    for _ in 0..200 {
        let c = model.overhead_ms;
        model.default_inflation = solve_k(c, &|_| true).unwrap_or(1.5);
        for za in Zone::ALL {
            for zb in Zone::ALL {
                let enough = counts[za.index()][zb.index()] >= MIN_POINTS_PER_ZONE_PAIR;
                model.inflation[za.index()][zb.index()] = if enough {
                    solve_k(c, &|p: &FitPoint| {
                        (p.a, p.b) == (za, zb) || (p.a, p.b) == (zb, za)
                    })
                } else {
                    None
                };
            }
        }
        let (mut num, mut den) = (0.0, 0.0);
        for p in &pts {
            let (k, _) = model.inflation_for(p.a, p.b);
            let w = 1.0 / (p.rtt_ms * p.rtt_ms);
            num += w * (p.rtt_ms - k * floor_rtt_ms(p.distance_km));
            den += w;
        }
        let next = if den > 0.0 { (num / den).max(0.0) } else { 0.0 };
        let settled = (next - model.overhead_ms).abs() < 1e-9;
        model.overhead_ms = next;
        if settled {
            break;
        }
    }
    model
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::latency::catalog::Catalog;
    use proptest::prelude::*;

    #[test]
    fn calibrated_parameters_are_physical() {
        let m = RttModel::calibrated();
        assert!(
            m.overhead_ms >= 0.0 && m.overhead_ms < 10.0,
            "{}",
            m.overhead_ms
        );
        assert!(m.default_inflation >= 1.0 && m.default_inflation < 3.0);
        for (_, _, k) in m.inflation_table() {
            assert!((1.0..3.5).contains(&k), "{k}");
        }
        // Transpacific routes are straighter than Europe - East Asia routes.
        let (pacific, _) = m.inflation_for(Zone::NA, Zone::AS);
        let (eu_asia, _) = m.inflation_for(Zone::EU, Zone::AS);
        assert!(pacific < eu_asia, "{pacific} vs {eu_asia}");
    }

    #[test]
    fn same_site_is_zero_and_same_metro_costs_the_overhead() {
        let cat = Catalog::builtin();
        let m = RttModel::calibrated();
        let a = cat.get("aws:us-east-1").unwrap();
        let b = cat.get("gcp:us-east4").unwrap();
        assert_eq!(m.estimate(a, a).rtt_ms, 0.0);
        let e = m.estimate(a, b);
        assert!(e.distance_km < 1.0);
        assert!((e.rtt_ms - m.overhead_ms).abs() < 0.1);
    }

    proptest! {
        #[test]
        fn never_below_the_floor(i in 0usize..200, j in 0usize..200) {
            let cat = Catalog::builtin();
            let n = cat.sites().len();
            let (a, b) = (&cat.sites()[i % n], &cat.sites()[j % n]);
            let e = RttModel::calibrated().estimate(a, b);
            prop_assert!(e.rtt_ms >= e.floor_ms);
            prop_assert!(e.rtt_ms.is_finite());
        }

        #[test]
        fn fit_never_gives_sub_floor_parameters(ys in proptest::collection::vec((1.0f64..20000.0, 0.1f64..500.0), 1..30)) {
            let pts: Vec<FitPoint> = ys.iter().map(|&(d, y)| FitPoint { a: Zone::EU, b: Zone::AS, distance_km: d, rtt_ms: y }).collect();
            let m = fit(&pts);
            prop_assert!(m.default_inflation >= 1.0);
            prop_assert!(m.overhead_ms >= 0.0);
            for &(d, _) in &ys {
                prop_assert!(m.rtt_ms(Zone::EU, Zone::AS, d) >= floor_rtt_ms(d));
            }
        }
    }
}
