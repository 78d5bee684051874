//! The stable routing state of a [`Network`]: the direct computation of
//! [`super::propagation`] under the default policy, the event-driven engine of
//! [`super::events`] when a policy extra is on.
//!
//! This lives apart from [`super::network`] so that the data types do not depend on the
//! engines that fill them (no module cycle).
//!
//! ```
//! use cloudhop_core::bgp::scenario::Scenario;
//! let s = Scenario::from_json(r#"{"links": [{"provider": 1, "customer": 2}],
//!     "announcements": [{"prefix": "10.0.0.0/24", "origin": 2}],
//!     "policy": {"prepend": [{"asn": 2, "times": 1}]}}"#).unwrap();
//! let ribs = s.network().unwrap().compute().unwrap();
//! assert_eq!(ribs.route("10.0.0.0/24".parse().unwrap(), 1).unwrap().as_path, vec![2, 2]);
//! ```

use super::error::BgpError;
use super::events::{Simulation, DEFAULT_MESSAGE_LIMIT};
use super::network::{Network, Ribs};
use super::propagation::propagate;
use std::collections::BTreeMap;

impl Network {
    /// The stable state: direct computation under the default policy, the event-driven
    /// engine when extras are on (it errors if no stable state is reached).
    pub fn compute(&self) -> Result<Ribs, BgpError> {
        if self.policy.is_empty() {
            let mut by_prefix = BTreeMap::new();
            for (p, origins) in self.origins() {
                let s = propagate(&self.topology, &origins)?;
                by_prefix.insert(p, s.table(&self.topology));
            }
            Ok(Ribs { by_prefix })
        } else {
            let mut sim = Simulation::new(self)?;
            sim.run(DEFAULT_MESSAGE_LIMIT)?;
            Ok(sim.ribs())
        }
    }
}
