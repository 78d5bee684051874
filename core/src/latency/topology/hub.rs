//! Choosing a hub or exchange: every candidate scored in closed form from its legs, then
//! ranked by the mean or the worst pair RTT.

use super::network::Network;
use super::params::Params;
use super::result::{HubScore, Objective};
use super::spec::Choice;
use crate::latency::catalog::{Catalog, Site, SiteKind};
use crate::latency::error::LatencyError;

impl Network {
    /// Score every candidate as a hub (or exchange, with `tunnels = false`).
    fn score_candidates(&self, candidates: &[&Site], p: &Params, tunnels: bool) -> Vec<HubScore> {
        let alive = self.alive(p);
        let t = if tunnels { p.tunnel_overhead_ms } else { 0.0 };
        let index: std::collections::HashMap<&str, usize> = self
            .sites
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        candidates
            .iter()
            .filter(|c| !p.failed.iter().any(|f| f == &c.id))
            .map(|c| {
                let hub_idx = index.get(c.id.as_str()).copied();
                let owned;
                let legs: &[f64] = match hub_idx {
                    Some(h) => {
                        let n = self.sites.len();
                        &self.direct[h * n..(h + 1) * n]
                    }
                    None => {
                        owned = self.legs_to(c);
                        &owned
                    }
                };
                let (mut sum, mut m) = (0.0, 0usize);
                let (mut top1, mut top2) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
                for (i, &a) in legs.iter().enumerate() {
                    if !alive[i] || Some(i) == hub_idx {
                        continue;
                    }
                    sum += a;
                    m += 1;
                    if a > top1 {
                        top2 = top1;
                        top1 = a;
                    } else if a > top2 {
                        top2 = a;
                    }
                }
                let mf = m as f64;
                let mut total = (mf - 1.0).max(0.0) * sum + mf * (mf - 1.0) / 2.0 * 2.0 * t;
                let mut count = m * m.saturating_sub(1) / 2;
                let mut worst = if m >= 2 { top1 + top2 + 2.0 * t } else { 0.0 };
                if hub_idx.is_some_and(|h| alive[h]) && m >= 1 {
                    total += sum + mf * t;
                    count += m;
                    worst = worst.max(top1 + t);
                }
                let mean = if count > 0 { total / count as f64 } else { 0.0 };
                HubScore {
                    id: c.id.clone(),
                    mean_ms: mean,
                    max_ms: worst,
                }
            })
            .collect()
    }

    /// Hub candidates ranked by the objective (best first). Candidates default to the
    /// sites themselves; failed ones are skipped.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Scenario, Objective};
    /// let sc: Scenario = serde_json::from_str(r#"{"sites": ["aws:eu-west-1", "aws:eu-central-1", "aws:eu-south-1"]}"#).unwrap();
    /// let net = sc.network().unwrap();
    /// let ranked = net.rank_hubs(Objective::Worst, &sc.params()).unwrap();
    /// assert_eq!(ranked[0].id, "aws:eu-central-1");
    /// ```
    pub fn rank_hubs(
        &self,
        objective: Objective,
        p: &Params,
    ) -> Result<Vec<HubScore>, LatencyError> {
        let scores = match &p.hub_candidates {
            Some(ids) => {
                let owned = ids
                    .iter()
                    .map(|id| self.site_by_id(id))
                    .collect::<Result<Vec<_>, _>>()?;
                let refs: Vec<&Site> = owned.iter().collect();
                self.score_candidates(&refs, p, true)
            }
            None => {
                let refs: Vec<&Site> = self.sites.iter().collect();
                self.score_candidates(&refs, p, true)
            }
        };
        Ok(rank(scores, objective))
    }

    /// Exchange metros ranked by the objective (best first).
    pub fn rank_exchanges(&self, objective: Objective, p: &Params) -> Vec<HubScore> {
        let cands: Vec<&Site> = Catalog::builtin().of_kind(SiteKind::Exchange).collect();
        rank(self.score_candidates(&cands, p, false), objective)
    }

    pub(super) fn choose(
        &self,
        choice: &Choice,
        p: &Params,
        exchange: bool,
    ) -> Result<Site, LatencyError> {
        let objective = match choice {
            Choice::Site(id) => return self.site_by_id(id),
            Choice::BestMean => Objective::Mean,
            Choice::BestWorst => Objective::Worst,
        };
        let ranked = if exchange {
            self.rank_exchanges(objective, p)
        } else {
            self.rank_hubs(objective, p)?
        };
        let best = ranked.first().ok_or(LatencyError::NoCandidate)?;
        self.site_by_id(&best.id)
    }
}

fn rank(mut scores: Vec<HubScore>, objective: Objective) -> Vec<HubScore> {
    crate::order::sort_by(&mut scores, |a, b| match objective {
        Objective::Mean => a
            .mean_ms
            .total_cmp(&b.mean_ms)
            .then(a.max_ms.total_cmp(&b.max_ms)),
        Objective::Worst => a
            .max_ms
            .total_cmp(&b.max_ms)
            .then(a.mean_ms.total_cmp(&b.mean_ms)),
    });
    scores
}
