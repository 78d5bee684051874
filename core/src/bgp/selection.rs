//! The AS-level rules of the standard model, shared by every engine here:
//!
//! - **import**: a route whose AS path already holds the receiving AS is dropped;
//! - **preference**: the AS's own route, then the highest local preference (by default
//!   customer > peer > provider, see [`super::policy`]), then the shortest AS path, then the
//!   lowest ASN of the neighbour it was learned from;
//! - **export**: routes that are the AS's own or learned from customers go to every
//!   neighbour; routes learned from peers or providers go to customers only (unless a leak
//!   says otherwise). Prepending adds copies of the sender's ASN.
//!
//! [`decide`] also explains the choice step by step, for the lab's "why this route" panel.
//!
//! ```
//! use cloudhop_core::bgp::selection::{decide, AsCandidate, AsStep};
//! use cloudhop_core::bgp::route::Learned;
//! let c = vec![
//!     AsCandidate::learned(3, Learned::Provider, vec![3, 9], 100),
//!     AsCandidate::learned(2, Learned::Peer, vec![2, 5, 9], 200),
//! ];
//! let d = decide(1, &c);
//! assert_eq!(d.best, Some(1));
//! assert_eq!(d.trace.last().unwrap().step, AsStep::LocalPref);
//! ```

use super::asn::Asn;
use super::decision::Elimination;
use super::path::AsPath;
use super::policy::Policy;
use super::route::{Learned, Route};
use serde::{Deserialize, Serialize};

/// A route an AS could pick: its own, or one a neighbour sent.
///
/// ```
/// use cloudhop_core::bgp::route::Learned;
/// use cloudhop_core::bgp::selection::AsCandidate;
/// let c = AsCandidate::learned(2, Learned::Peer, vec![2, 9], 200);
/// assert_eq!((c.from, c.as_path.len()), (Some(2.into()), 2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsCandidate {
    /// The neighbour that sent it (`None` for the AS's own route).
    pub from: Option<Asn>,
    /// What that neighbour is to this AS.
    pub learned: Learned,
    /// The AS path as received.
    pub as_path: AsPath,
    /// Local preference given on import.
    pub local_pref: u32,
}

impl AsCandidate {
    /// The AS's own route.
    ///
    /// ```
    /// use cloudhop_core::bgp::route::Learned;
    /// use cloudhop_core::bgp::selection::AsCandidate;
    /// let own = AsCandidate::own();
    /// assert_eq!((own.from, own.learned), (None, Learned::Origin));
    /// assert!(own.as_path.is_empty());
    /// ```
    pub fn own() -> AsCandidate {
        AsCandidate {
            from: None,
            learned: Learned::Origin,
            as_path: AsPath::new(),
            local_pref: u32::MAX,
        }
    }

    /// A route received from `from`.
    ///
    /// ```
    /// use cloudhop_core::bgp::route::Learned;
    /// use cloudhop_core::bgp::selection::AsCandidate;
    /// let c = AsCandidate::learned(3356, Learned::Provider, vec![3356, 65001], 100);
    /// assert_eq!(c.local_pref, 100);
    /// ```
    pub fn learned(
        from: impl Into<Asn>,
        learned: Learned,
        as_path: impl Into<AsPath>,
        local_pref: u32,
    ) -> AsCandidate {
        AsCandidate {
            from: Some(from.into()),
            learned,
            as_path: as_path.into(),
            local_pref,
        }
    }

    /// The route this candidate becomes when chosen.
    ///
    /// ```
    /// use cloudhop_core::bgp::route::Learned;
    /// use cloudhop_core::bgp::selection::AsCandidate;
    /// let r = AsCandidate::learned(2, Learned::Customer, vec![2], 300).to_route();
    /// assert_eq!((r.from, r.as_path, r.learned), (Some(2.into()), vec![2].into(), Learned::Customer));
    /// ```
    pub fn to_route(&self) -> Route {
        Route {
            as_path: self.as_path.clone(),
            learned: self.learned,
            from: self.from,
        }
    }

    fn key(&self) -> (bool, std::cmp::Reverse<u32>, usize, Asn) {
        (
            self.from.is_some(),
            std::cmp::Reverse(self.local_pref),
            self.as_path.len(),
            self.from.unwrap_or(Asn(0)),
        )
    }
}

/// The steps of the AS-level choice, in order.
///
/// ```
/// use cloudhop_core::bgp::selection::AsStep;
/// assert_eq!(serde_json::to_string(&AsStep::AsPathLength).unwrap(), r#""as_path_length""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AsStep {
    /// Import: drop routes whose AS path holds this AS.
    LoopCheck,
    /// The AS's own route wins.
    OwnRoute,
    /// Highest local preference (customer > peer > provider unless overridden).
    LocalPref,
    /// Shortest AS path.
    AsPathLength,
    /// Lowest ASN of the neighbour.
    NeighborAsn,
}

impl AsStep {
    /// A short title.
    ///
    /// ```
    /// use cloudhop_core::bgp::selection::AsStep;
    /// assert_eq!(AsStep::LocalPref.title(), "Highest local preference");
    /// ```
    pub fn title(self) -> &'static str {
        match self {
            AsStep::LoopCheck => "Loop check on import",
            AsStep::OwnRoute => "Own route first",
            AsStep::LocalPref => "Highest local preference",
            AsStep::AsPathLength => "Shortest AS path",
            AsStep::NeighborAsn => "Lowest neighbour ASN",
        }
    }
}

/// What one step did.
///
/// ```
/// use cloudhop_core::bgp::route::Learned;
/// use cloudhop_core::bgp::selection::{decide, AsCandidate, AsStep};
/// let c = vec![AsCandidate::learned(2, Learned::Peer, vec![2, 9], 200),
///     AsCandidate::learned(3, Learned::Peer, vec![3, 4, 9], 200)];
/// let step = decide(1, &c).trace.pop().unwrap();
/// assert_eq!((step.step, step.survivors), (AsStep::AsPathLength, vec![0]));
/// assert!(step.eliminated[0].reason.contains("AS path has 3 ASes, another has 2"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsTraceStep {
    /// The step.
    pub step: AsStep,
    /// Candidates still in the running.
    pub survivors: Vec<usize>,
    /// Candidates dropped here, with the reason.
    pub eliminated: Vec<Elimination>,
}

/// The choice at one AS for one prefix.
///
/// ```
/// use cloudhop_core::bgp::selection::{decide, AsCandidate};
/// let d = decide(1, &[AsCandidate::own()]);
/// assert_eq!(d.best, Some(0));
/// assert!(d.trace.is_empty(), "one candidate needs no step");
/// assert_eq!(decide(1, &[]).best, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsDecision {
    /// Index of the chosen candidate, if any is usable.
    pub best: Option<usize>,
    /// The steps that ran.
    pub trace: Vec<AsTraceStep>,
}

fn who(c: &AsCandidate) -> String {
    match c.from {
        Some(f) => format!("from AS {f} ({})", c.learned.name()),
        None => "own route".into(),
    }
}

/// The index of the best usable candidate at `me`, without a trace.
///
/// ```
/// use cloudhop_core::bgp::route::Learned;
/// use cloudhop_core::bgp::selection::{best_index, AsCandidate};
/// let c = vec![AsCandidate::learned(2, Learned::Customer, vec![2, 1], 300),
///     AsCandidate::learned(3, Learned::Provider, vec![3, 9], 100)];
/// assert_eq!(best_index(1, &c), Some(1), "the first holds AS 1: a loop");
/// ```
pub fn best_index(me: impl Into<Asn>, cands: &[AsCandidate]) -> Option<usize> {
    let me = me.into();
    cands
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.as_path.contains(&me))
        .min_by_key(|(_, c)| c.key())
        .map(|(i, _)| i)
}

/// Choose among `cands` at AS `me` and explain each step.
///
/// ```
/// use cloudhop_core::bgp::route::Learned;
/// use cloudhop_core::bgp::selection::{decide, AsCandidate, AsStep};
/// let c = vec![AsCandidate::learned(2, Learned::Customer, vec![2, 1, 7], 300),
///     AsCandidate::learned(3, Learned::Provider, vec![3, 7], 100)];
/// let d = decide(1, &c);
/// assert_eq!(d.best, Some(1));
/// assert_eq!(d.trace[0].step, AsStep::LoopCheck);
/// assert_eq!(d.trace[0].eliminated[0].reason,
///     "from AS 2 (customer): AS path 2 1 7 already holds AS 1");
/// ```
pub fn decide(me: impl Into<Asn>, cands: &[AsCandidate]) -> AsDecision {
    let me = me.into();
    let mut alive: Vec<usize> = Vec::new();
    let mut dropped = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if c.as_path.contains(&me) {
            dropped.push(Elimination {
                route: i,
                reason: format!("{}: AS path {} already holds AS {me}", who(c), c.as_path),
            });
        } else {
            alive.push(i);
        }
    }
    let mut trace = Vec::new();
    if !dropped.is_empty() {
        trace.push(AsTraceStep {
            step: AsStep::LoopCheck,
            survivors: alive.clone(),
            eliminated: dropped,
        });
    }
    type Key = fn(&AsCandidate) -> u64;
    let steps: [(AsStep, Key); 4] = [
        (AsStep::OwnRoute, |c| u64::from(c.from.is_some())),
        (AsStep::LocalPref, |c| u64::from(u32::MAX - c.local_pref)),
        (AsStep::AsPathLength, |c| c.as_path.len() as u64),
        (AsStep::NeighborAsn, |c| {
            u64::from(c.from.map_or(0, Asn::get))
        }),
    ];
    for (step, key) in steps {
        if alive.len() <= 1 {
            break;
        }
        let Some(min) = alive.iter().filter_map(|&i| cands.get(i)).map(key).min() else {
            break;
        };
        let best_here = alive
            .iter()
            .filter_map(|&i| cands.get(i))
            .find(|c| key(c) == min)
            .cloned();
        let mut keep = Vec::new();
        let mut out = Vec::new();
        for &i in &alive {
            let Some(c) = cands.get(i) else { continue };
            if key(c) == min {
                keep.push(i);
                continue;
            }
            let b = best_here.as_ref();
            let reason = match step {
                AsStep::OwnRoute => "the AS originates this prefix itself".to_string(),
                AsStep::LocalPref => format!(
                    "local preference {} is lower than {}",
                    c.local_pref,
                    b.map_or(0, |b| b.local_pref)
                ),
                AsStep::AsPathLength => format!(
                    "AS path has {} ASes, another has {}",
                    c.as_path.len(),
                    b.map_or(0, |b| b.as_path.len())
                ),
                AsStep::NeighborAsn => format!(
                    "neighbour AS {} is higher than AS {}",
                    c.from.unwrap_or(Asn(0)),
                    b.and_then(|b| b.from).unwrap_or(Asn(0))
                ),
                AsStep::LoopCheck => String::new(),
            };
            out.push(Elimination {
                route: i,
                reason: format!("{}: {reason}", who(c)),
            });
        }
        alive = keep;
        trace.push(AsTraceStep {
            step,
            survivors: alive.clone(),
            eliminated: out,
        });
    }
    AsDecision {
        best: alive.first().copied(),
        trace,
    }
}

/// Does `sender` (holding a route it `learned` as given) export it to neighbour `to`,
/// which is `to_role` to the sender (`Customer` if `to` is the sender's customer)?
///
/// ```
/// use cloudhop_core::bgp::policy::Policy;
/// use cloudhop_core::bgp::route::Learned;
/// use cloudhop_core::bgp::selection::exports;
/// let p = Policy::default();
/// assert!(exports(&p, 1, Learned::Customer, 2, Learned::Peer));
/// assert!(!exports(&p, 1, Learned::Peer, 2, Learned::Provider), "no free transit");
/// ```
pub fn exports(
    policy: &Policy,
    sender: impl Into<Asn>,
    learned: Learned,
    to: impl Into<Asn>,
    to_role: Learned,
) -> bool {
    let (sender, to) = (sender.into(), to.into());
    match learned {
        Learned::Origin | Learned::Customer => true,
        Learned::Peer | Learned::Provider => {
            to_role == Learned::Customer || policy.leaks_to(sender, to)
        }
    }
}

/// The AS path `to` receives when `sender` exports a route with `path`.
///
/// ```
/// use cloudhop_core::bgp::policy::Policy;
/// use cloudhop_core::bgp::selection::exported_path;
/// assert_eq!(exported_path(&Policy::default(), 5, 6, &[7.into()]), vec![5, 7]);
/// ```
pub fn exported_path(
    policy: &Policy,
    sender: impl Into<Asn>,
    to: impl Into<Asn>,
    path: &[Asn],
) -> AsPath {
    let (sender, to) = (sender.into(), to.into());
    let copies = 1 + policy.prepend_times(sender, to) as usize;
    AsPath::prepended(sender, copies, path)
}

/// The route as the receiver sees it: flip the sender's view of the receiver.
///
/// ```
/// use cloudhop_core::bgp::route::Learned;
/// use cloudhop_core::bgp::selection::learned_as;
/// // The sender's customer learns the route from its provider.
/// assert_eq!(learned_as(Learned::Customer), Learned::Provider);
/// assert_eq!(learned_as(Learned::Peer), Learned::Peer);
/// ```
pub fn learned_as(role_of_receiver_at_sender: Learned) -> Learned {
    match role_of_receiver_at_sender {
        Learned::Customer => Learned::Provider,
        Learned::Provider => Learned::Customer,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_route_beats_everything() {
        let c = vec![
            AsCandidate::learned(2, Learned::Customer, vec![2], 300),
            AsCandidate::own(),
        ];
        let d = decide(1, &c);
        assert_eq!(d.best, Some(1));
        assert_eq!(d.trace[0].step, AsStep::OwnRoute);
    }

    #[test]
    fn loops_are_dropped_first() {
        let c = vec![
            AsCandidate::learned(2, Learned::Customer, vec![2, 1, 7], 300),
            AsCandidate::learned(3, Learned::Provider, vec![3, 4, 5, 7], 100),
        ];
        let d = decide(1, &c);
        assert_eq!(d.best, Some(1));
        assert_eq!(d.trace[0].step, AsStep::LoopCheck);
        assert!(d.trace[0].eliminated[0]
            .reason
            .contains("already holds AS 1"));
        assert_eq!(best_index(1, &c), Some(1));
    }

    #[test]
    fn length_then_neighbour_asn() {
        let c = vec![
            AsCandidate::learned(9, Learned::Peer, vec![9, 7], 200),
            AsCandidate::learned(4, Learned::Peer, vec![4, 7], 200),
            AsCandidate::learned(3, Learned::Peer, vec![3, 5, 7], 200),
        ];
        let d = decide(1, &c);
        assert_eq!(d.best, Some(1));
        let steps: Vec<AsStep> = d.trace.iter().map(|s| s.step).collect();
        assert_eq!(
            steps,
            vec![
                AsStep::OwnRoute,
                AsStep::LocalPref,
                AsStep::AsPathLength,
                AsStep::NeighborAsn
            ]
        );
        assert_eq!(best_index(1, &c), Some(1));
    }

    #[test]
    fn export_rules() {
        let p = Policy::default();
        use Learned::*;
        for to_role in [Customer, Peer, Provider] {
            assert!(exports(&p, 1, Origin, 2, to_role));
            assert!(exports(&p, 1, Customer, 2, to_role));
            assert_eq!(exports(&p, 1, Peer, 2, to_role), to_role == Customer);
            assert_eq!(exports(&p, 1, Provider, 2, to_role), to_role == Customer);
        }
        let leak = Policy {
            leaks: vec![super::super::policy::Leak {
                asn: Asn(1),
                to: Some(Asn(2)),
            }],
            ..Policy::default()
        };
        assert!(exports(&leak, 1, Provider, 2, Provider));
        assert!(!exports(&leak, 1, Provider, 3, Provider));
    }

    #[test]
    fn prepending_repeats_the_sender() {
        let p = Policy {
            prepend: vec![super::super::policy::Prepend {
                asn: Asn(5),
                to: None,
                times: 2,
            }],
            ..Policy::default()
        };
        assert_eq!(exported_path(&p, 5, 6, &[Asn(7)]), vec![5, 5, 5, 7]);
        assert_eq!(
            exported_path(&Policy::default(), 5, 6, &[Asn(7)]),
            vec![5, 7]
        );
    }
}
