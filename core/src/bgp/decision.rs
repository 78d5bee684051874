//! The router-level BGP decision process: from the candidate routes for one prefix, pick
//! the best, and explain each step.
//!
//! The order is the common vendor order (Cisco IOS, Arista EOS and FRR agree on it):
//!
//! | # | step | prefer |
//! |---|---|---|
//! | 1 | [`Step::Weight`] | highest weight (local to the router, never sent to peers) |
//! | 2 | [`Step::LocalPref`] | highest local preference |
//! | 3 | [`Step::LocallyOriginated`] | a route this router originated (`network`, redistribution) |
//! | 4 | [`Step::AsPathLength`] | shortest AS path |
//! | 5 | [`Step::Origin`] | lowest origin code: IGP < EGP < incomplete |
//! | 6 | [`Step::Med`] | lowest MED, compared only between routes from the same neighbouring AS unless `always_compare_med` is on |
//! | 7 | [`Step::EbgpOverIbgp`] | a route learned over eBGP over one learned over iBGP |
//! | 8 | [`Step::IgpCost`] | lowest IGP cost to the next hop |
//! | 9 | [`Step::RouterId`] | lowest router id of the neighbour |
//! | 10 | [`Step::NeighborAddress`] | lowest neighbour address |
//!
//! Each step keeps the candidates that are best on that attribute; the process stops as soon
//! as one candidate is left. The trace lists, for each step that ran, who survived and why
//! the others were dropped.
//!
//! ```
//! use cloudhop_core::bgp::decision::{best_path, Candidate, DecisionOptions, Step};
//! let a = Candidate { id: "via-isp-a".into(), as_path: vec![64500, 65001].into(), ..Candidate::default() };
//! let b = Candidate { id: "via-isp-b".into(), as_path: vec![65001].into(), ..Candidate::default() };
//! let d = best_path(&[a, b], &DecisionOptions::default()).unwrap();
//! assert_eq!(d.best, 1);
//! assert_eq!(d.decided_by, Some(Step::AsPathLength));
//! ```

use super::asn::Asn;
use super::error::{BgpError, ErrorKind};
use super::path::AsPath;
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr};

/// The ORIGIN attribute: how the route entered BGP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// From an IGP or a `network` statement (code `i`).
    #[default]
    Igp,
    /// From the historic EGP protocol (code `e`).
    Egp,
    /// Redistributed from elsewhere (code `?`).
    Incomplete,
}

/// The kind of BGP session the route came over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Session {
    /// External BGP: from a router in another AS.
    #[default]
    Ebgp,
    /// Internal BGP: from a router in the same AS.
    Ibgp,
}

/// One candidate route for the prefix, with the attributes the decision process reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Candidate {
    /// A name for the route, shown in traces (for example `via-isp-a`).
    pub id: String,
    /// Cisco weight, local to the router (default 0).
    pub weight: u32,
    /// LOCAL_PREF (default 100).
    pub local_pref: u32,
    /// Originated by this router.
    pub locally_originated: bool,
    /// The AS path, nearest AS first.
    pub as_path: AsPath,
    /// The ORIGIN attribute.
    pub origin: Origin,
    /// MULTI_EXIT_DISC (default 0).
    pub med: u32,
    /// eBGP or iBGP.
    pub session: Session,
    /// IGP cost to the BGP next hop.
    pub igp_cost: u32,
    /// The BGP router id of the neighbour that sent the route.
    pub router_id: Ipv4Addr,
    /// The neighbour's address.
    pub neighbor: IpAddr,
}

impl Default for Candidate {
    fn default() -> Self {
        Candidate {
            id: String::new(),
            weight: 0,
            local_pref: 100,
            locally_originated: false,
            as_path: AsPath::new(),
            origin: Origin::Igp,
            med: 0,
            session: Session::Ebgp,
            igp_cost: 0,
            router_id: Ipv4Addr::UNSPECIFIED,
            neighbor: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        }
    }
}

impl Candidate {
    /// The neighbouring AS: the first AS in the path, `None` for a local route.
    pub fn neighbor_as(&self) -> Option<Asn> {
        self.as_path.first().copied()
    }
}

/// Options that change the decision process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DecisionOptions {
    /// Compare MED between routes from different neighbouring ASes too
    /// (`bgp always-compare-med`).
    pub always_compare_med: bool,
}

/// A step of the decision process, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Highest weight.
    Weight,
    /// Highest local preference.
    LocalPref,
    /// Locally originated routes first.
    LocallyOriginated,
    /// Shortest AS path.
    AsPathLength,
    /// Lowest origin code.
    Origin,
    /// Lowest MED.
    Med,
    /// eBGP over iBGP.
    EbgpOverIbgp,
    /// Lowest IGP cost to the next hop.
    IgpCost,
    /// Lowest router id.
    RouterId,
    /// Lowest neighbour address.
    NeighborAddress,
}

impl Step {
    /// All steps in the order they run.
    pub const ORDER: [Step; 10] = [
        Step::Weight,
        Step::LocalPref,
        Step::LocallyOriginated,
        Step::AsPathLength,
        Step::Origin,
        Step::Med,
        Step::EbgpOverIbgp,
        Step::IgpCost,
        Step::RouterId,
        Step::NeighborAddress,
    ];

    /// A short title for the step.
    pub fn title(self) -> &'static str {
        match self {
            Step::Weight => "Highest weight",
            Step::LocalPref => "Highest local preference",
            Step::LocallyOriginated => "Locally originated",
            Step::AsPathLength => "Shortest AS path",
            Step::Origin => "Lowest origin (IGP < EGP < incomplete)",
            Step::Med => "Lowest MED",
            Step::EbgpOverIbgp => "eBGP over iBGP",
            Step::IgpCost => "Lowest IGP cost to next hop",
            Step::RouterId => "Lowest router id",
            Step::NeighborAddress => "Lowest neighbour address",
        }
    }
}

/// A candidate dropped at a step, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Elimination {
    /// Index of the candidate in the input.
    pub route: usize,
    /// Why it lost, for a person.
    pub reason: String,
}

/// What one step of the decision did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BestPathStep {
    /// The step.
    pub step: Step,
    /// Indexes of the candidates still in the running after this step.
    pub survivors: Vec<usize>,
    /// Candidates dropped at this step.
    pub eliminated: Vec<Elimination>,
}

/// The result: the best candidate and the trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BestPath {
    /// Index of the best candidate in the input.
    pub best: usize,
    /// The step that left only the winner (`None` when there was a single candidate).
    pub decided_by: Option<Step>,
    /// The steps that ran, in order.
    pub trace: Vec<BestPathStep>,
}

fn origin_name(o: Origin) -> &'static str {
    match o {
        Origin::Igp => "IGP",
        Origin::Egp => "EGP",
        Origin::Incomplete => "incomplete",
    }
}

fn label(c: &Candidate, i: usize) -> String {
    if c.id.is_empty() {
        format!("route {}", i + 1)
    } else {
        c.id.clone()
    }
}

/// Keep the candidates with the smallest `key`; describe the others.
fn keep_min<K: Ord + Copy>(
    cands: &[Candidate],
    alive: &[usize],
    key: impl Fn(&Candidate) -> K,
    reason: impl Fn(&Candidate, K) -> String,
) -> (Vec<usize>, Vec<Elimination>) {
    let Some(best) = alive.iter().filter_map(|&i| cands.get(i)).map(&key).min() else {
        return (alive.to_vec(), Vec::new());
    };
    let mut keep = Vec::new();
    let mut out = Vec::new();
    for &i in alive {
        let Some(c) = cands.get(i) else { continue };
        if key(c) == best {
            keep.push(i);
        } else {
            out.push(Elimination {
                route: i,
                reason: reason(c, best),
            });
        }
    }
    (keep, out)
}

/// Run the decision process over `cands`.
///
/// Errors on an empty list. Candidates that tie on every attribute (same neighbour
/// address too) are resolved in input order.
pub fn best_path(cands: &[Candidate], options: &DecisionOptions) -> Result<BestPath, BgpError> {
    if cands.is_empty() {
        return Err(ErrorKind::NoCandidates.into());
    }
    let mut alive: Vec<usize> = (0..cands.len()).collect();
    let mut trace = Vec::new();
    let mut decided_by = None;
    for step in Step::ORDER {
        if alive.len() <= 1 {
            break;
        }
        let (keep, out) = match step {
            Step::Weight => keep_min(
                cands,
                &alive,
                |c| std::cmp::Reverse(c.weight),
                |c, b| format!("weight {} is lower than {}", c.weight, b.0),
            ),
            Step::LocalPref => keep_min(
                cands,
                &alive,
                |c| std::cmp::Reverse(c.local_pref),
                |c, b| format!("local preference {} is lower than {}", c.local_pref, b.0),
            ),
            Step::LocallyOriginated => keep_min(
                cands,
                &alive,
                |c| !c.locally_originated,
                |_, _| "learned from a neighbour; another route is originated here".into(),
            ),
            Step::AsPathLength => keep_min(
                cands,
                &alive,
                |c| c.as_path.len(),
                |c, b| format!("AS path has {} ASes, another has {}", c.as_path.len(), b),
            ),
            Step::Origin => keep_min(
                cands,
                &alive,
                |c| c.origin,
                |c, b| {
                    format!(
                        "origin {} is worse than {}",
                        origin_name(c.origin),
                        origin_name(b)
                    )
                },
            ),
            Step::Med => med_step(cands, &alive, options.always_compare_med),
            Step::EbgpOverIbgp => keep_min(
                cands,
                &alive,
                |c| c.session == Session::Ibgp,
                |_, _| "learned over iBGP; another route came over eBGP".into(),
            ),
            Step::IgpCost => keep_min(
                cands,
                &alive,
                |c| c.igp_cost,
                |c, b| {
                    format!(
                        "IGP cost {} to the next hop is higher than {}",
                        c.igp_cost, b
                    )
                },
            ),
            Step::RouterId => keep_min(
                cands,
                &alive,
                |c| c.router_id,
                |c, b| format!("router id {} is higher than {}", c.router_id, b),
            ),
            Step::NeighborAddress => keep_min(
                cands,
                &alive,
                |c| c.neighbor,
                |c, b| format!("neighbour address {} is higher than {}", c.neighbor, b),
            ),
        };
        let eliminated: Vec<Elimination> = out
            .into_iter()
            .map(|mut e| {
                if let Some(c) = cands.get(e.route) {
                    e.reason = format!("{}: {}", label(c, e.route), e.reason);
                }
                e
            })
            .collect();
        let changed = !eliminated.is_empty();
        alive = keep;
        trace.push(BestPathStep {
            step,
            survivors: alive.clone(),
            eliminated,
        });
        if changed && alive.len() == 1 {
            decided_by = Some(step);
        }
    }
    let best = alive.first().copied().unwrap_or(0);
    Ok(BestPath {
        best,
        decided_by,
        trace,
    })
}

/// MED: lowest wins, but only among routes from the same neighbouring AS unless
/// `always_compare` is set. A route whose neighbouring AS sent no other surviving route
/// stays in the running.
fn med_step(
    cands: &[Candidate],
    alive: &[usize],
    always_compare: bool,
) -> (Vec<usize>, Vec<Elimination>) {
    let group = |c: &Candidate| {
        if always_compare {
            None
        } else {
            c.neighbor_as()
        }
    };
    let mut keep = Vec::new();
    let mut out = Vec::new();
    for &i in alive {
        let Some(c) = cands.get(i) else { continue };
        let g = group(c);
        let best_in_group = alive
            .iter()
            .filter_map(|&j| cands.get(j))
            .filter(|o| group(o) == g)
            .map(|o| o.med)
            .min()
            .unwrap_or(c.med);
        if c.med <= best_in_group {
            keep.push(i);
        } else {
            let scope = match g {
                Some(asn) if !always_compare => format!("another route from AS {asn}"),
                _ if always_compare => "another route (always-compare-med is on)".to_string(),
                _ => "another locally learned route".to_string(),
            };
            out.push(Elimination {
                route: i,
                reason: format!(
                    "MED {} is higher than {} on {}",
                    c.med, best_in_group, scope
                ),
            });
        }
    }
    (keep, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(id: &str) -> Candidate {
        Candidate {
            id: id.into(),
            as_path: vec![64500, 65001].into(),
            router_id: Ipv4Addr::new(10, 0, 0, 1),
            neighbor: "192.0.2.1".parse().unwrap(),
            ..Candidate::default()
        }
    }

    /// Two candidates equal on everything before `step`; the second one is better on
    /// `step` alone and on nothing else that runs earlier. It must win, decided by `step`.
    fn decides(step: Step, worse: Candidate, better: Candidate) {
        let d = best_path(&[worse, better], &DecisionOptions::default()).unwrap();
        assert_eq!(d.best, 1, "winner at {step:?}");
        assert_eq!(d.decided_by, Some(step));
        let last = d.trace.last().unwrap();
        assert_eq!(last.step, step);
        assert_eq!(last.survivors, vec![1]);
        assert_eq!(last.eliminated.len(), 1);
        assert_eq!(last.eliminated[0].route, 0);
        // Every earlier step kept both.
        for s in &d.trace[..d.trace.len() - 1] {
            assert_eq!(s.survivors, vec![0, 1], "{:?} should keep both", s.step);
        }
    }

    #[test]
    fn weight_alone_decides() {
        let a = base("a");
        let b = Candidate {
            weight: 10,
            neighbor: "192.0.2.9".parse().unwrap(),
            ..base("b")
        };
        decides(Step::Weight, a, b);
    }

    #[test]
    fn weight_beats_every_later_attribute() {
        let a = Candidate {
            local_pref: 500,
            as_path: vec![1].into(),
            ..base("a")
        };
        let b = Candidate {
            weight: 1,
            as_path: vec![1, 2, 3, 4].into(),
            ..base("b")
        };
        let d = best_path(&[a, b], &DecisionOptions::default()).unwrap();
        assert_eq!((d.best, d.decided_by), (1, Some(Step::Weight)));
    }

    #[test]
    fn local_pref_alone_decides() {
        let a = base("a");
        let b = Candidate {
            local_pref: 200,
            as_path: vec![1, 2, 3, 4].into(),
            ..base("b")
        };
        decides(Step::LocalPref, a, b);
    }

    #[test]
    fn locally_originated_alone_decides() {
        let a = base("a");
        let b = Candidate {
            locally_originated: true,
            as_path: AsPath::new(),
            ..base("b")
        };
        // Path length would also pick b, but originated runs first.
        decides(Step::LocallyOriginated, a, b);
    }

    #[test]
    fn as_path_length_alone_decides() {
        let a = Candidate {
            origin: Origin::Igp,
            ..base("a")
        };
        let b = Candidate {
            as_path: vec![65001].into(),
            origin: Origin::Incomplete,
            med: 50,
            ..base("b")
        };
        decides(Step::AsPathLength, a, b);
    }

    #[test]
    fn origin_alone_decides() {
        let a = Candidate {
            origin: Origin::Incomplete,
            ..base("a")
        };
        let b = Candidate {
            origin: Origin::Egp,
            med: 99,
            ..base("b")
        };
        decides(Step::Origin, a, b);
        let c = Candidate {
            origin: Origin::Egp,
            ..base("c")
        };
        let d = Candidate {
            origin: Origin::Igp,
            igp_cost: 50,
            ..base("d")
        };
        decides(Step::Origin, c, d);
    }

    #[test]
    fn med_alone_decides_within_the_same_neighbour_as() {
        let a = Candidate {
            med: 20,
            ..base("a")
        };
        let b = Candidate {
            med: 10,
            session: Session::Ibgp,
            igp_cost: 9,
            ..base("b")
        };
        decides(Step::Med, a, b);
    }

    #[test]
    fn med_is_not_compared_across_neighbour_ases_by_default() {
        // Different neighbouring AS: MED is ignored, so eBGP over iBGP decides.
        let a = Candidate {
            med: 50,
            as_path: vec![64501, 65001].into(),
            ..base("a")
        };
        let b = Candidate {
            med: 10,
            as_path: vec![64500, 65001].into(),
            session: Session::Ibgp,
            ..base("b")
        };
        let d = best_path(&[a.clone(), b.clone()], &DecisionOptions::default()).unwrap();
        assert_eq!(d.best, 0);
        assert_eq!(d.decided_by, Some(Step::EbgpOverIbgp));
        let med = d.trace.iter().find(|s| s.step == Step::Med).unwrap();
        assert!(med.eliminated.is_empty());
        // With always-compare-med, the lower MED wins at the MED step.
        let opts = DecisionOptions {
            always_compare_med: true,
        };
        let d = best_path(&[a, b], &opts).unwrap();
        assert_eq!(d.best, 1);
        assert_eq!(d.decided_by, Some(Step::Med));
        assert!(d.trace.last().unwrap().eliminated[0]
            .reason
            .contains("always-compare"));
    }

    #[test]
    fn med_groups_by_neighbour_as_among_three() {
        // a and b from AS 64500 (b has lower MED), c from AS 64501 with high MED.
        let a = Candidate {
            med: 30,
            ..base("a")
        };
        let b = Candidate {
            med: 5,
            ..base("b")
        };
        let c = Candidate {
            med: 100,
            as_path: vec![64501, 65001].into(),
            ..base("c")
        };
        let d = best_path(&[a, b, c], &DecisionOptions::default()).unwrap();
        let med = d.trace.iter().find(|s| s.step == Step::Med).unwrap();
        assert_eq!(med.survivors, vec![1, 2]);
        assert_eq!(med.eliminated[0].route, 0);
        assert!(med.eliminated[0].reason.contains("AS 64500"));
    }

    #[test]
    fn ebgp_over_ibgp_alone_decides() {
        let a = Candidate {
            session: Session::Ibgp,
            ..base("a")
        };
        let b = Candidate {
            igp_cost: 100,
            router_id: Ipv4Addr::new(10, 9, 9, 9),
            ..base("b")
        };
        decides(Step::EbgpOverIbgp, a, b);
    }

    #[test]
    fn igp_cost_alone_decides() {
        let a = Candidate {
            igp_cost: 20,
            ..base("a")
        };
        let b = Candidate {
            igp_cost: 10,
            router_id: Ipv4Addr::new(10, 9, 9, 9),
            ..base("b")
        };
        decides(Step::IgpCost, a, b);
    }

    #[test]
    fn router_id_alone_decides() {
        let a = Candidate {
            router_id: Ipv4Addr::new(10, 0, 0, 2),
            ..base("a")
        };
        let b = Candidate {
            neighbor: "192.0.2.200".parse().unwrap(),
            ..base("b")
        };
        decides(Step::RouterId, a, b);
    }

    #[test]
    fn neighbor_address_alone_decides() {
        let a = Candidate {
            neighbor: "192.0.2.7".parse().unwrap(),
            ..base("a")
        };
        let b = Candidate {
            neighbor: "192.0.2.3".parse().unwrap(),
            ..base("b")
        };
        decides(Step::NeighborAddress, a, b);
    }

    #[test]
    fn single_candidate_needs_no_step_and_empty_is_an_error() {
        let d = best_path(&[base("a")], &DecisionOptions::default()).unwrap();
        assert_eq!((d.best, d.decided_by, d.trace.len()), (0, None, 0));
        assert!(best_path(&[], &DecisionOptions::default()).is_err());
    }

    #[test]
    fn candidates_parse_from_json_with_defaults() {
        let c: Candidate = serde_json::from_str(
            r#"{"id": "x", "as_path": [1, 2], "origin": "incomplete", "session": "ibgp",
                "router_id": "1.1.1.1", "neighbor": "2001:db8::1"}"#,
        )
        .unwrap();
        assert_eq!(c.local_pref, 100);
        assert_eq!(c.origin, Origin::Incomplete);
        assert!(serde_json::from_str::<Candidate>(r#"{"lokal_pref": 1}"#).is_err());
    }
}
