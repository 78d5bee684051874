//! What a map draws for a topology: the direct links that carry traffic, the links from
//! sites to a hub, exchange or relay, and the intermediate sites to mark.

use super::result::TopologyResult;
use super::spec::TopologyKind;
use crate::latency::catalog::Site;
use std::collections::BTreeSet;

/// The links of a topology result as drawn: only links some reachable pair uses.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drawing {
    /// Direct links `(i, j, rtt_ms)` with i < j, in row order (mesh, and the relay
    /// topology's unrelayed pairs).
    pub direct: Vec<(usize, usize, f64)>,
    /// Links `(site, k)` from a site to `intermediates[k]`: spokes to the hub or exchange,
    /// legs to a relay (by site, then relay id).
    pub to_intermediate: Vec<(usize, usize)>,
    /// Intermediates (indices into `intermediates`) to mark on the map beside the sites:
    /// a hub or exchange that is not one of them, every relay in use.
    pub extra: Vec<usize>,
}

impl TopologyResult {
    /// What to draw for this result over `sites` (the network's sites).
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Scenario, TopologySpec};
    /// let sc: Scenario = serde_json::from_str(r#"{"sites": ["aws:us-east-1", "aws:eu-west-1", "aws:ap-south-1"]}"#).unwrap();
    /// let net = sc.network().unwrap();
    /// let ex = net.evaluate(&TopologySpec::parse("exchange:london").unwrap(), &sc.params()).unwrap();
    /// let d = ex.drawing(net.sites());
    /// assert_eq!((d.direct.len(), d.to_intermediate.len(), d.extra.as_slice()), (0, 3, &[0][..]));
    /// let mesh = net.evaluate(&TopologySpec::Mesh, &sc.params()).unwrap();
    /// assert_eq!(mesh.drawing(net.sites()).direct.len(), 3);
    /// ```
    pub fn drawing(&self, sites: &[Site]) -> Drawing {
        let n = sites.len();
        let mut d = Drawing::default();
        match self.kind {
            TopologyKind::Hub | TopologyKind::Exchange => {
                if let Some(hub) = self.intermediates.first() {
                    for (i, s) in sites.iter().enumerate() {
                        let reachable = (0..n).any(|j| j != i && self.rtt(i, j).is_some());
                        if s.id != hub.id && reachable {
                            d.to_intermediate.push((i, 0));
                        }
                    }
                    if !sites.iter().any(|s| s.id == hub.id) {
                        d.extra.push(0);
                    }
                }
            }
            TopologyKind::Relay => {
                let mut legs = BTreeSet::new();
                for i in 0..n {
                    for j in (i + 1)..n {
                        match (self.via_of(i, j), self.rtt(i, j)) {
                            (Some(relay), Some(_)) => {
                                legs.insert((i, relay.id.as_str()));
                                legs.insert((j, relay.id.as_str()));
                            }
                            (None, Some(v)) => d.direct.push((i, j, v)),
                            _ => {}
                        }
                    }
                }
                for (i, rid) in &legs {
                    if let Some(k) = self.intermediates.iter().position(|x| x.id == *rid) {
                        d.to_intermediate.push((*i, k));
                    }
                }
                for (k, relay) in self.intermediates.iter().enumerate() {
                    if legs.iter().any(|(_, id)| *id == relay.id) {
                        d.extra.push(k);
                    }
                }
            }
            TopologyKind::Mesh => {
                for i in 0..n {
                    for j in (i + 1)..n {
                        if let Some(v) = self.rtt(i, j) {
                            d.direct.push((i, j, v));
                        }
                    }
                }
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use crate::latency::topology::{Params, Scenario, TopologySpec};

    fn scenario() -> Scenario {
        serde_json::from_str(
            r#"{"sites": ["aws:us-east-1", "gcp:europe-west1", "azure:japaneast", "aws:sa-east-1"]}"#,
        )
        .unwrap()
    }

    #[test]
    fn hub_spokes_skip_the_hub_and_cut_sites() {
        let sc = scenario();
        let net = sc.network().unwrap();
        let p = Params {
            failed: vec!["aws:sa-east-1".into()],
            ..sc.params()
        };
        let r = net
            .evaluate(&TopologySpec::parse("hub:aws:us-east-1").unwrap(), &p)
            .unwrap();
        let d = r.drawing(net.sites());
        assert_eq!(d.to_intermediate, [(1, 0), (2, 0)]);
        assert!(d.extra.is_empty() && d.direct.is_empty());
    }

    #[test]
    fn relayed_pairs_draw_legs_and_mark_their_relays() {
        let sc = scenario();
        let net = sc.network().unwrap();
        let all = Params {
            nat_share: 1.0,
            ..sc.params()
        };
        let r = net.evaluate(&TopologySpec::Relay, &all).unwrap();
        let d = r.drawing(net.sites());
        assert!(d.direct.is_empty());
        let used = r.intermediates_used();
        assert_eq!(d.extra.len(), used.len());
        for (site, k) in &d.to_intermediate {
            assert!(*site < 4 && used.contains(&r.intermediates[*k].id.as_str()));
        }
        let none = Params {
            nat_share: 0.0,
            ..sc.params()
        };
        let r = net.evaluate(&TopologySpec::Relay, &none).unwrap();
        let d = r.drawing(net.sites());
        assert_eq!(d.direct.len(), 6);
        assert!(d.to_intermediate.is_empty() && d.extra.is_empty());
    }
}
