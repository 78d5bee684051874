//! A network: resolved sites with the direct model RTT of every pair, the base every
//! topology is evaluated on.

use super::params::Params;
use crate::latency::catalog::{Catalog, Site, Zone};
use crate::latency::error::LatencyError;
use crate::latency::geo::{floor_rtt_ms, UnitVec, EARTH_RADIUS_KM};
use crate::latency::model::{Estimate, RttModel};

/// Largest network evaluated (the matrix grows with n²).
pub const MAX_SITES: usize = 2000;

/// Resolved sites with the direct RTT of every pair, ready to evaluate topologies.
#[derive(Debug, Clone)]
pub struct Network {
    pub(super) sites: Vec<Site>,
    units: Vec<UnitVec>,
    zones: Vec<usize>,
    inflation: [f64; 64],
    model: RttModel,
    /// Row-major n×n direct RTTs, ms.
    pub(super) direct: Vec<f64>,
}

/// "No intermediate" in a path-via matrix.
pub(super) const NONE: u16 = u16::MAX;

/// Great-circle distance from the chord between two unit vectors (cheaper than atan2).
#[inline]
pub(super) fn chord_km(a: UnitVec, b: UnitVec) -> f64 {
    let (dx, dy, dz) = (a.0[0] - b.0[0], a.0[1] - b.0[1], a.0[2] - b.0[2]);
    let chord = (dx * dx + dy * dy + dz * dz).sqrt();
    2.0 * EARTH_RADIUS_KM * (chord / 2.0).min(1.0).asin()
}

/// Copy the upper triangle of a row-major n×n matrix onto the lower, in cache-sized
/// blocks.
pub(super) fn mirror_upper<T: Copy>(m: &mut [T], n: usize) {
    const B: usize = 64;
    for bi in (0..n).step_by(B) {
        for bj in (bi..n).step_by(B) {
            for i in bi..(bi + B).min(n) {
                for j in bj.max(i + 1)..(bj + B).min(n) {
                    m[j * n + i] = m[i * n + j];
                }
            }
        }
    }
}

impl Network {
    /// A network over `sites` with the calibrated model.
    pub fn new(sites: Vec<Site>) -> Result<Network, LatencyError> {
        Network::with_model(sites, RttModel::calibrated().clone())
    }

    /// A network with a given model.
    pub fn with_model(sites: Vec<Site>, model: RttModel) -> Result<Network, LatencyError> {
        if sites.len() > MAX_SITES {
            return Err(LatencyError::TooManySites {
                n: sites.len(),
                max: MAX_SITES,
            });
        }
        let mut seen = std::collections::HashSet::with_capacity(sites.len());
        for s in &sites {
            if !seen.insert(s.id.as_str()) {
                return Err(LatencyError::DuplicateSite(s.id.clone()));
            }
        }
        let n = sites.len();
        let units: Vec<UnitVec> = sites.iter().map(Site::unit).collect();
        let zones: Vec<usize> = sites.iter().map(|s| s.zone().index()).collect();
        let mut inflation = [model.default_inflation; 64];
        for za in Zone::ALL {
            for zb in Zone::ALL {
                inflation[za.index() * 8 + zb.index()] = model.inflation_for(za, zb).0;
            }
        }
        let c = model.overhead_ms;
        let mut direct = vec![0.0; n * n];
        for i in 0..n {
            let (ui, zi) = (units[i], zones[i] * 8);
            let row = &mut direct[i * n..(i + 1) * n];
            for j in (i + 1)..n {
                let floor = floor_rtt_ms(chord_km(ui, units[j]));
                row[j] = (inflation[zi + zones[j]] * floor + c).max(floor);
            }
        }
        mirror_upper(&mut direct, n);
        Ok(Network {
            sites,
            units,
            zones,
            inflation,
            model,
            direct,
        })
    }

    /// The sites.
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }

    /// The model.
    pub fn model(&self) -> &RttModel {
        &self.model
    }

    /// Direct model RTT between sites i and j (no tunnel), ms.
    pub fn direct(&self, i: usize, j: usize) -> Option<f64> {
        let n = self.sites.len();
        (i < n && j < n).then(|| self.direct[i * n + j])
    }

    /// How the direct estimate between sites i and j was computed.
    pub fn explain(&self, i: usize, j: usize) -> Option<Estimate> {
        Some(self.model.estimate(self.sites.get(i)?, self.sites.get(j)?))
    }

    pub(super) fn index_of(&self, id: &str) -> Option<usize> {
        self.sites.iter().position(|s| s.id == id)
    }

    /// A site of the network, or of the catalog, by id (with suggestions on error).
    pub fn site_by_id(&self, id: &str) -> Result<Site, LatencyError> {
        match self.index_of(id) {
            Some(i) => Ok(self.sites[i].clone()),
            None => Ok(Catalog::builtin().resolve(id)?.clone()),
        }
    }

    /// RTT from every site to `other` (0 for the site itself): a row of the direct
    /// matrix when `other` is one of the sites.
    pub(super) fn legs_to(&self, other: &Site) -> Vec<f64> {
        let n = self.sites.len();
        if let Some(h) = self.index_of(&other.id) {
            return self.direct[h * n..(h + 1) * n].to_vec();
        }
        let u = other.unit();
        let z = other.zone().index();
        let c = self.model.overhead_ms;
        self.units
            .iter()
            .zip(&self.zones)
            .map(|(su, zi)| {
                let floor = floor_rtt_ms(chord_km(*su, u));
                (self.inflation[zi * 8 + z] * floor + c).max(floor)
            })
            .collect()
    }

    pub(super) fn alive(&self, p: &Params) -> Vec<bool> {
        if p.failed.is_empty() {
            return vec![true; self.sites.len()];
        }
        self.sites
            .iter()
            .map(|s| !p.failed.iter().any(|f| f == &s.id))
            .collect()
    }
}

/// The physical floor between two sites, ms (for checks and explanations).
pub fn floor_between(a: &Site, b: &Site) -> f64 {
    floor_rtt_ms(a.unit().distance_km(b.unit()))
}
