//! Re-convergence: what changed between two versions of a scenario, as operations a
//! running [`Simulation`] can apply, so a lab can start from the old converged state and
//! show only the WITHDRAW and UPDATE messages the change causes.
//!
//! Failing or restoring links and ASes, and announcing or withdrawing prefixes, are applied
//! incrementally. Anything else (policy, links added or removed, ASes added) is
//! [`Unsupported`]: replay from empty tables instead.
//!
//! ```
//! use cloudhop_core::bgp::events::MessageKind;
//! use cloudhop_core::bgp::reconverge::reconverge;
//! use cloudhop_core::bgp::scenario::Scenario;
//! let old = Scenario::from_json(r#"{"links": [{"provider": 1, "customer": 2},
//!     {"provider": 1, "customer": 3}],
//!     "announcements": [{"prefix": "10.0.0.0/24", "origin": 2}]}"#).unwrap();
//! let mut new = old.clone();
//! new.failed_links.push([1.into(), 2.into()]);
//! let mut r = reconverge(&old, &new).unwrap();
//! assert_eq!(r.describe(), "failing the link AS 1 – AS 2");
//! let first = r.sim.step().unwrap();
//! assert_eq!((first.message.from, first.message.to), (1.into(), 3.into()));
//! assert_eq!(first.message.kind, MessageKind::Withdraw);
//! r.sim.run(1000).unwrap();
//! assert_eq!(r.sim.ribs(), new.compute().unwrap());
//! ```

use super::asn::Asn;
use super::error::BgpError;
use super::events::Simulation;
use super::scenario::{parse_prefix, Network, Scenario};
use ipnet::IpNet;
use std::collections::BTreeSet;
use std::fmt;

/// One change a running simulation can apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// An announcement is taken back.
    Withdraw(IpNet, Asn),
    /// An AS goes down.
    FailAs(Asn),
    /// A link goes down (the two ends).
    FailLink(Asn, Asn),
    /// A link comes back up.
    RestoreLink(Asn, Asn),
    /// A failed AS comes back.
    RestoreAs(Asn),
    /// An AS starts announcing a prefix.
    Announce(IpNet, Asn),
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Withdraw(p, o) => write!(f, "AS {o} withdrawing {p}"),
            Change::FailAs(a) => write!(f, "failing AS {a}"),
            Change::FailLink(a, b) => write!(f, "failing the link AS {a} – AS {b}"),
            Change::RestoreLink(a, b) => write!(f, "restoring the link AS {a} – AS {b}"),
            Change::RestoreAs(a) => write!(f, "restoring AS {a}"),
            Change::Announce(p, o) => write!(f, "AS {o} announcing {p}"),
        }
    }
}

/// Why a change cannot be applied to a running simulation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<BgpError> for Unsupported {
    fn from(e: BgpError) -> Unsupported {
        Unsupported(e.into())
    }
}

fn link_set(links: &[[Asn; 2]]) -> BTreeSet<(Asn, Asn)> {
    links.iter().map(|&[a, b]| (a.min(b), a.max(b))).collect()
}

fn announcement_set(sc: &Scenario) -> Result<BTreeSet<(IpNet, Asn)>, Unsupported> {
    sc.announcements
        .iter()
        .map(|a| {
            parse_prefix(&a.prefix)
                .map(|p| (p, a.origin))
                .map_err(Unsupported::from)
        })
        .collect()
}

/// The changes that turn `old` into `new`, in the order they are applied: withdrawals, AS
/// and link failures, link and AS restores, announcements. Empty if routing is the same.
/// [`Unsupported`] when anything else differs (policy, links, ASes) or either scenario is
/// invalid.
pub fn changes(old: &Scenario, new: &Scenario) -> Result<Vec<Change>, Unsupported> {
    if old.links != new.links {
        return Err(Unsupported("the links changed".into()));
    }
    if old.ases != new.ases {
        return Err(Unsupported("the ASes changed".into()));
    }
    if old.policy != new.policy {
        return Err(Unsupported("the policy changed".into()));
    }
    old.network().map_err(Unsupported::from)?;
    new.network().map_err(Unsupported::from)?;
    let (ann_old, ann_new) = (announcement_set(old)?, announcement_set(new)?);
    let (links_old, links_new) = (link_set(&old.failed_links), link_set(&new.failed_links));
    let as_old: BTreeSet<Asn> = old.failed_ases.iter().copied().collect();
    let as_new: BTreeSet<Asn> = new.failed_ases.iter().copied().collect();
    let mut out = Vec::new();
    out.extend(
        ann_old
            .difference(&ann_new)
            .map(|&(p, o)| Change::Withdraw(p, o)),
    );
    out.extend(as_new.difference(&as_old).map(|&a| Change::FailAs(a)));
    out.extend(
        links_new
            .difference(&links_old)
            .map(|&(a, b)| Change::FailLink(a, b)),
    );
    out.extend(
        links_old
            .difference(&links_new)
            .map(|&(a, b)| Change::RestoreLink(a, b)),
    );
    out.extend(as_old.difference(&as_new).map(|&a| Change::RestoreAs(a)));
    out.extend(
        ann_new
            .difference(&ann_old)
            .map(|&(p, o)| Change::Announce(p, o)),
    );
    Ok(out)
}

impl Simulation {
    /// Apply one change; `new` is the network the changes lead to (it says which links
    /// and announcements are live once they are all applied). A change already in effect
    /// (a link whose AS is down, say) does nothing.
    pub fn apply(&mut self, change: Change, new: &Network) -> Result<(), BgpError> {
        let live = |p: IpNet, o: Asn| new.announcements.contains(&(p, o));
        match change {
            Change::Withdraw(p, o) => {
                if !live(p, o) {
                    self.withdraw(p, o);
                }
            }
            Change::FailAs(a) => {
                if self.topology().contains(a) {
                    self.fail_as(a)?;
                }
            }
            Change::FailLink(a, b) => {
                if self.topology().relationship(a, b).is_some() {
                    self.fail_link(a, b)?;
                }
            }
            Change::RestoreLink(a, b) => {
                let link = new.topology.links().iter().find(|l| l.joins(a, b)).copied();
                if let (Some(l), None) = (link, self.topology().relationship(a, b)) {
                    self.restore_link(l)?;
                }
            }
            Change::RestoreAs(a) => {
                if new.topology.contains(a) {
                    let links: Vec<_> = new
                        .topology
                        .links()
                        .iter()
                        .filter(|l| {
                            let (x, y) = l.ends();
                            x == a || y == a
                        })
                        .copied()
                        .collect();
                    let prefixes: Vec<IpNet> = new
                        .announcements
                        .iter()
                        .filter(|(_, o)| *o == a)
                        .map(|(p, _)| *p)
                        .collect();
                    self.restore_as(a, &links, &prefixes)?;
                }
            }
            Change::Announce(p, o) => {
                if live(p, o) {
                    self.announce(p, o)?;
                }
            }
        }
        Ok(())
    }
}

/// A re-convergence ready to play: the simulation at `old`'s converged state with the
/// changes applied and their first messages queued, nothing delivered yet.
#[derive(Debug, Clone)]
pub struct Reconvergence {
    /// The changes applied.
    pub changes: Vec<Change>,
    /// The running network.
    pub sim: Simulation,
}

impl Reconvergence {
    /// The changes for a person: "failing the link AS 1 – AS 2".
    pub fn describe(&self) -> String {
        self.changes
            .iter()
            .map(Change::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Start from `old`'s converged state and apply what changed to reach `new`. Playing the
/// simulation to the end gives `new`'s converged state. [`Unsupported`] when the change is
/// not one a running network can apply, when nothing changed, or when `old` never settles.
pub fn reconverge(old: &Scenario, new: &Scenario) -> Result<Reconvergence, Unsupported> {
    let changes = changes(old, new)?;
    if changes.is_empty() {
        return Err(Unsupported("routing did not change".into()));
    }
    let old_net = old.network().map_err(Unsupported::from)?;
    let new_net = new.network().map_err(Unsupported::from)?;
    let mut sim = Simulation::from_converged(&old_net).map_err(Unsupported::from)?;
    for &c in &changes {
        sim.apply(c, &new_net).map_err(Unsupported::from)?;
    }
    Ok(Reconvergence { changes, sim })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bgp::events::{MessageKind, DEFAULT_MESSAGE_LIMIT};
    use crate::bgp::policy::LocalPref;
    use crate::bgp::propagation::tests::random_topology;
    use crate::bgp::scenario::{Announcement, LinkSpec};
    use crate::bgp::seeds::seed;
    use crate::bgp::topology::Link;
    use proptest::prelude::*;

    fn settle(old: &Scenario, new: &Scenario) -> Reconvergence {
        let mut r = reconverge(old, new).unwrap();
        r.sim.run(DEFAULT_MESSAGE_LIMIT).unwrap();
        r
    }

    #[test]
    fn failing_a_link_on_the_path_starts_with_withdraws_and_ends_at_the_new_state() {
        let old = seed("saas-exchange").unwrap();
        let mut new = old.clone();
        new.failed_links.push([Asn(65001), Asn(64600)]);
        let mut r = reconverge(&old, &new).unwrap();
        assert_eq!(r.changes, vec![Change::FailLink(Asn(64600), Asn(65001))]);
        assert_eq!(r.describe(), "failing the link AS 64600 – AS 65001");
        assert_eq!(r.sim.delivered(), 0);
        let first = r.sim.step().unwrap();
        assert_eq!(first.message.kind, MessageKind::Withdraw);
        assert_eq!(first.message.from, 64600);
        r.sim.run(DEFAULT_MESSAGE_LIMIT).unwrap();
        assert_eq!(r.sim.ribs(), new.compute().unwrap());
    }

    #[test]
    fn as_failure_restore_and_announcements_are_incremental() {
        let old = seed("internet-hijack").unwrap();
        let mut failed = old.clone();
        failed.failed_ases.push(Asn(64503));
        assert_eq!(settle(&old, &failed).sim.ribs(), failed.compute().unwrap());
        // And back: restoring the AS is incremental too.
        let back = settle(&failed, &old);
        assert_eq!(back.changes, vec![Change::RestoreAs(Asn(64503))]);
        assert_eq!(back.describe(), "restoring AS 64503");
        assert_eq!(back.sim.ribs(), old.compute().unwrap());
        // The hijacker withdraws, then announces again.
        let mut quiet = old.clone();
        quiet.announcements.retain(|a| a.origin != 64666);
        let w = settle(&old, &quiet);
        assert_eq!(w.describe(), "AS 64666 withdrawing 198.51.100.0/24");
        assert_eq!(w.sim.ribs(), quiet.compute().unwrap());
        let a = settle(&quiet, &old);
        assert_eq!(a.describe(), "AS 64666 announcing 198.51.100.0/24");
        assert_eq!(a.sim.ribs(), old.compute().unwrap());
    }

    #[test]
    fn policy_and_topology_edits_are_unsupported() {
        let old = seed("saas-exchange").unwrap();
        let mut lp = old.clone();
        lp.policy.local_pref.push(LocalPref {
            asn: Asn(65010),
            from: Asn(64600),
            value: 250,
        });
        assert!(reconverge(&old, &lp).unwrap_err().0.contains("policy"));
        let mut linked = old.clone();
        linked.links.push(LinkSpec::peer(65020, 65010));
        assert!(reconverge(&old, &linked).unwrap_err().0.contains("links"));
        assert!(reconverge(&old, &old).is_err(), "nothing changed");
        let mut dup = old.clone();
        dup.announcements.push(old.announcements[0].clone());
        assert_eq!(changes(&old, &dup), Ok(vec![]));
    }

    fn scenario(links: &[Link], origins: &[Asn]) -> Scenario {
        Scenario {
            links: links.iter().map(|&l| LinkSpec::from(l)).collect(),
            announcements: origins
                .iter()
                .enumerate()
                .map(|(i, &o)| Announcement {
                    prefix: format!("10.{}.0.0/16", i % 2),
                    origin: o,
                })
                .collect(),
            ases: origins
                .iter()
                .map(|&o| crate::bgp::scenario::AsEntry::Plain(o))
                .collect(),
            ..Scenario::default()
        }
    }

    /// Mark links and ASes failed and drop announcements, by the bits of `mask`.
    fn vary(s: &Scenario, links: &[Link], mask: u64) -> Scenario {
        let mut v = s.clone();
        let bit = |i: usize| (mask >> (i % 64)) & 1 == 1;
        for (i, l) in links.iter().enumerate() {
            let (a, b) = l.ends();
            if bit(i) {
                v.failed_links.push([b, a]);
            }
            if bit(i + 17) && !v.failed_ases.contains(&a) {
                v.failed_ases.push(a);
            }
        }
        let mut i = 0;
        v.announcements.retain(|_| {
            i += 1;
            !bit(i + 40)
        });
        v
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// From any converged state, any mix of failures, restores, announcements and
        /// withdrawals played to the end is the direct computation of the new scenario.
        #[test]
        fn reconvergence_ends_at_the_direct_computation(
            (links, origins) in random_topology(), m_old in any::<u64>(), m_new in any::<u64>(),
        ) {
            let base = scenario(&links, &origins);
            // Sparse masks: a few changes at a time, as a learner makes them.
            let old = vary(&base, &links, m_old & m_old.rotate_left(7));
            let new = vary(&base, &links, m_new & m_new.rotate_left(13));
            match reconverge(&old, &new) {
                Ok(mut r) => {
                    r.sim.run(DEFAULT_MESSAGE_LIMIT).unwrap();
                    prop_assert_eq!(r.sim.ribs(), new.compute().unwrap());
                }
                Err(e) => prop_assert_eq!(e.0, "routing did not change"),
            }
        }
    }
}
