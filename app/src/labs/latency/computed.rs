//! What the engine computed for a scenario, shared by the lab and its figures.

use cloudhop_core::latency::catalog::Site;
use cloudhop_core::latency::topology::{Network, Scenario, TopologyResult};

/// What the engine computed for a scenario. Kept behind an `Rc` by `use_memo`, so the
/// figures can tell cheaply whether anything they draw changed.
pub(crate) struct Computed {
    pub scenario: Scenario,
    pub net: Result<Network, String>,
    pub results: Vec<Result<TopologyResult, String>>,
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
        Err(format!(
            "{} sites is more than this page draws ({MAX_LAB_SITES}); remove some, or use `cloudhop latency compare` for larger networks.",
            sc.sites.len()
        ))
    } else {
        sc.network().map_err(String::from)
    };
    let results = match &net {
        Ok(n) => {
            let p = sc.params();
            sc.topologies
                .iter()
                .map(|t| n.evaluate(t, &p).map_err(String::from))
                .collect()
        }
        Err(_) => Vec::new(),
    };
    Computed {
        scenario: sc.clone(),
        net,
        results,
    }
}
