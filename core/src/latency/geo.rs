//! Positions on the Earth, great-circle distance and the physical floor of a round trip.
//!
//! Light in optical fibre travels at about 2/3 of its speed in vacuum (refractive index
//! about 1.5), so a round trip over a straight fibre covers about 100 km per millisecond of
//! distance between the ends. Real paths are longer than the great circle; see
//! [`crate::latency::model`] for the calibrated estimate on top of this floor.
//!
//! ```
//! use cloudhop_core::latency::geo::{great_circle_km, floor_rtt_ms, LatLon};
//! let london = LatLon::new(51.51, -0.13).unwrap();
//! let new_york = LatLon::new(40.71, -74.01).unwrap();
//! let d = great_circle_km(london, new_york);
//! assert!((d - 5570.0).abs() < 20.0);
//! assert!((floor_rtt_ms(d) - 55.7).abs() < 0.5);
//! ```

use super::error::LatencyError;
use serde::{Deserialize, Serialize};

/// Mean Earth radius (IUGG), kilometres.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Speed of light in vacuum, kilometres per millisecond.
pub const LIGHT_KM_PER_MS: f64 = 299.792_458;

/// Refractive index of optical fibre assumed for the floor (light at about 2/3 c).
pub const FIBRE_INDEX: f64 = 1.5;

/// Kilometres light covers in fibre per millisecond (about 200 km).
pub const FIBRE_KM_PER_MS: f64 = LIGHT_KM_PER_MS / FIBRE_INDEX;

/// A point on the Earth in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    /// Latitude, degrees north (-90..=90).
    pub lat: f64,
    /// Longitude, degrees east (-180..=180).
    pub lon: f64,
}

impl LatLon {
    /// A checked position: finite, latitude within ±90 and longitude within ±180.
    ///
    /// ```
    /// use cloudhop_core::latency::geo::LatLon;
    /// assert!(LatLon::new(91.0, 0.0).is_err());
    /// assert!(LatLon::new(f64::NAN, 0.0).is_err());
    /// assert!(LatLon::new(-33.9, 151.2).is_ok());
    /// ```
    pub fn new(lat: f64, lon: f64) -> Result<LatLon, LatencyError> {
        if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
            return Err(LatencyError::Latitude(lat));
        }
        if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
            return Err(LatencyError::Longitude(lon));
        }
        Ok(LatLon { lat, lon })
    }

    /// The position as a unit vector, for fast repeated distances.
    pub fn unit(self) -> UnitVec {
        let (la, lo) = (self.lat.to_radians(), self.lon.to_radians());
        UnitVec([la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()])
    }
}

/// A position as a unit vector from the Earth's centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitVec(pub [f64; 3]);

impl UnitVec {
    /// Great-circle distance to another unit vector, kilometres (numerically stable for
    /// both tiny and antipodal distances).
    ///
    /// ```
    /// use cloudhop_core::latency::geo::LatLon;
    /// let a = LatLon::new(0.0, 0.0).unwrap().unit();
    /// let b = LatLon::new(0.0, 90.0).unwrap().unit();
    /// assert!((a.distance_km(b) - 10007.5).abs() < 1.0);
    /// ```
    pub fn distance_km(self, other: UnitVec) -> f64 {
        let [ax, ay, az] = self.0;
        let [bx, by, bz] = other.0;
        let dot = ax * bx + ay * by + az * bz;
        let cx = ay * bz - az * by;
        let cy = az * bx - ax * bz;
        let cz = ax * by - ay * bx;
        let cross = (cx * cx + cy * cy + cz * cz).sqrt();
        EARTH_RADIUS_KM * cross.atan2(dot)
    }
}

/// Great-circle (haversine) distance between two positions, kilometres.
pub fn great_circle_km(a: LatLon, b: LatLon) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The physical floor of a round trip over `distance_km` of great circle: there and back
/// at the speed of light in fibre. No real path can be faster.
pub fn floor_rtt_ms(distance_km: f64) -> f64 {
    2.0 * distance_km / FIBRE_KM_PER_MS
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_distances() {
        let sydney = LatLon::new(-33.87, 151.21).unwrap();
        let sao_paulo = LatLon::new(-23.55, -46.63).unwrap();
        // About 13,370 km.
        let d = great_circle_km(sydney, sao_paulo);
        assert!((d - 13370.0).abs() < 60.0, "{d}");
        assert_eq!(great_circle_km(sydney, sydney), 0.0);
        // Floor: 100 km of distance per ms of round trip, about.
        assert!((floor_rtt_ms(1000.0) - 10.007).abs() < 0.01);
    }

    proptest! {
        #[test]
        fn unit_vectors_agree_with_haversine(
            la1 in -90.0f64..90.0, lo1 in -180.0f64..180.0,
            la2 in -90.0f64..90.0, lo2 in -180.0f64..180.0,
        ) {
            let a = LatLon::new(la1, lo1).unwrap();
            let b = LatLon::new(la2, lo2).unwrap();
            let h = great_circle_km(a, b);
            let u = a.unit().distance_km(b.unit());
            prop_assert!((h - u).abs() < 0.01, "{} vs {}", h, u);
            prop_assert!(h <= std::f64::consts::PI * EARTH_RADIUS_KM + 1e-6);
        }

        #[test]
        fn triangle_inequality(
            la1 in -90.0f64..90.0, lo1 in -180.0f64..180.0,
            la2 in -90.0f64..90.0, lo2 in -180.0f64..180.0,
            la3 in -90.0f64..90.0, lo3 in -180.0f64..180.0,
        ) {
            let (a, b, c) = (LatLon::new(la1, lo1).unwrap().unit(), LatLon::new(la2, lo2).unwrap().unit(), LatLon::new(la3, lo3).unwrap().unit());
            prop_assert!(a.distance_km(c) <= a.distance_km(b) + b.distance_km(c) + 1e-6);
        }
    }
}
