//! What the engine computed for a scenario, shared by the lab and its figures.

use cloudhop_core::latency::catalog::Site;
use cloudhop_core::latency::error::LatencyError;
use cloudhop_core::latency::topology::{Network, Scenario, TopologyResult};
use std::fmt;

/// Why the lab cannot draw a scenario.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LabError {
    /// More sites than the page draws.
    TooManySites(usize),
    /// The engine refused the scenario.
    Engine(LatencyError),
}

impl fmt::Display for LabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabError::TooManySites(n) => write!(
                f,
                "{n} sites is more than this page draws ({MAX_LAB_SITES}); remove some, or use `cloudhop latency compare` for larger networks."
            ),
            LabError::Engine(e) => e.fmt(f),
        }
    }
}

/// What the engine computed for a scenario. Kept behind an `Rc` by `use_memo`, so the
/// figures can tell cheaply whether anything they draw changed.
pub(crate) struct Computed {
    pub scenario: Scenario,
    pub net: Result<Network, LabError>,
    pub results: Vec<Result<TopologyResult, LatencyError>>,
}

impl Computed {
    /// The sites, empty if the network could not be built.
    pub fn sites(&self) -> &[Site] {
        self.net.as_ref().map(|n| n.sites()).unwrap_or(&[])
    }
}

/// Most sites the lab draws (the CLI takes up to 2,000).
const MAX_LAB_SITES: usize = 300;

/// Evaluate every topology of the scenario (nothing past [`MAX_LAB_SITES`]).
pub(crate) fn compute(sc: &Scenario) -> Computed {
    let net = if sc.sites.len() > MAX_LAB_SITES {
        Err(LabError::TooManySites(sc.sites.len()))
    } else {
        sc.network().map_err(LabError::Engine)
    };
    let results = match &net {
        Ok(n) => {
            let p = sc.params();
            sc.topologies.iter().map(|t| n.evaluate(t, &p)).collect()
        }
        Err(_) => Vec::new(),
    };
    Computed {
        scenario: sc.clone(),
        net,
        results,
    }
}
