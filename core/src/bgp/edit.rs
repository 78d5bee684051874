//! The edits a learner makes in the BGP lab, applied to a [`Scenario`] by one function
//! that validates them: fail or restore a link or an AS, prepend, set a local
//! preference, leak, announce, withdraw.
//!
//! Policy edits act on one (AS, neighbour) pair and leave the effective value of every
//! other neighbour as it was, even when the scenario holds an entry for all neighbours
//! (`{"asn": 2}` in `leaks`, or a prepend without `to`): such an entry is split into one
//! entry per remaining neighbour first. What a control shows comes from the same rules
//! the engines use ([`super::policy::Policy::prepend_times`],
//! [`super::policy::Policy::leaks_to`], [`super::policy::Policy::local_pref_override`]).
//!
//! ```
//! use cloudhop_core::bgp::edit::ScenarioEdit;
//! use cloudhop_core::bgp::scenario::Scenario;
//! let mut s = Scenario::from_json(r#"{"links": [{"peer": [1, 2]}, {"peer": [2, 3]}],
//!     "policy": {"leaks": [{"asn": 2}]}}"#).unwrap();
//! assert!(s.policy.leaks_to(2, 1) && s.policy.leaks_to(2, 3));
//! s.apply(&ScenarioEdit::SetLeak { asn: 2.into(), to: 1.into(), on: false }).unwrap();
//! assert!(!s.policy.leaks_to(2, 1), "off towards AS 1");
//! assert!(s.policy.leaks_to(2, 3), "still on towards AS 3");
//! ```

use super::asn::Asn;
use super::error::{BgpError, ErrorKind};
use super::network::Network;
use super::policy::{Leak, LocalPref, Prepend, PREPEND_MAX};
use super::scenario::{parse_prefix, Announcement, Scenario};
use ipnet::IpNet;

/// One edit of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioEdit {
    /// Fail the link between two ASes, or restore it if it is failed.
    ToggleLink(Asn, Asn),
    /// Fail an AS, or restore it if it is failed.
    ToggleAs(Asn),
    /// `asn` adds `times` extra copies of its ASN towards neighbour `to` (0: none).
    SetPrepend {
        /// The AS that prepends.
        asn: Asn,
        /// The neighbour.
        to: Asn,
        /// Extra copies, 0 to [`PREPEND_MAX`].
        times: u32,
    },
    /// `asn` gives routes from neighbour `from` local preference `value` (`None`: the
    /// default for the relationship).
    SetLocalPref {
        /// The AS that sets it.
        asn: Asn,
        /// The neighbour.
        from: Asn,
        /// The value, or none for the default.
        value: Option<u32>,
    },
    /// `asn` leaks every route to neighbour `to` (`on`), or stops.
    SetLeak {
        /// The leaking AS.
        asn: Asn,
        /// The neighbour.
        to: Asn,
        /// Leak or not.
        on: bool,
    },
    /// `origin` announces `prefix` (refused if it already does).
    Announce {
        /// The prefix.
        prefix: IpNet,
        /// The AS.
        origin: Asn,
    },
    /// `origin` stops announcing `prefix` (as written in the scenario, or the same
    /// network written another way).
    Withdraw {
        /// The prefix.
        prefix: String,
        /// The AS.
        origin: Asn,
    },
}

/// The choices a prepend control offers: none to 5 extra copies, and the value in effect
/// if a scenario sets more (never more than [`PREPEND_MAX`]), so the control always shows
/// what is in effect.
///
/// ```
/// use cloudhop_core::bgp::edit::prepend_choices;
/// assert_eq!(prepend_choices(2), vec![0, 1, 2, 3, 4, 5]);
/// assert_eq!(prepend_choices(8), vec![0, 1, 2, 3, 4, 5, 8]);
/// ```
pub fn prepend_choices(current: u32) -> Vec<u32> {
    let mut v: Vec<u32> = (0..=5).collect();
    if current > 5 {
        v.push(current.min(PREPEND_MAX));
    }
    v
}

fn network(sc: &Scenario) -> Result<Network, BgpError> {
    sc.network()
}

fn neighbours(sc: &Scenario, asn: Asn, nb: Asn) -> Result<Vec<Asn>, BgpError> {
    let net = network(sc)?;
    if !net.full.contains(asn) {
        return Err(ErrorKind::UnknownAs(asn.get()).into());
    }
    if net.full.relationship(asn, nb).is_none() {
        return Err(ErrorKind::NotNeighbours(asn.get(), nb.get()).into());
    }
    Ok(net
        .full
        .neighbors(asn)
        .into_iter()
        .map(|(n, _)| n)
        .collect())
}

impl Scenario {
    /// Apply one edit. On error the scenario is unchanged and the message says why.
    ///
    /// ```
    /// use cloudhop_core::bgp::edit::ScenarioEdit;
    /// use cloudhop_core::bgp::seeds::seed;
    /// let mut s = seed("saas-exchange").unwrap();
    /// let p = "10.9.0.0/16".parse().unwrap();
    /// s.apply(&ScenarioEdit::Announce { prefix: p, origin: 65020.into() }).unwrap();
    /// let again = s.apply(&ScenarioEdit::Announce { prefix: p, origin: 65020.into() });
    /// assert_eq!(again.unwrap_err().to_string(), "AS 65020 already announces 10.9.0.0/16");
    /// ```
    pub fn apply(&mut self, edit: &ScenarioEdit) -> Result<(), BgpError> {
        match *edit {
            ScenarioEdit::ToggleLink(a, b) => self.toggle_link(a, b),
            ScenarioEdit::ToggleAs(a) => self.toggle_as(a),
            ScenarioEdit::SetPrepend { asn, to, times } => self.set_prepend(asn, to, times),
            ScenarioEdit::SetLocalPref { asn, from, value } => {
                neighbours(self, asn, from)?;
                self.policy
                    .local_pref
                    .retain(|x| !(x.asn == asn && x.from == from));
                if let Some(value) = value {
                    self.policy.local_pref.push(LocalPref { asn, from, value });
                }
                Ok(())
            }
            ScenarioEdit::SetLeak { asn, to, on } => self.set_leak(asn, to, on),
            ScenarioEdit::Announce { prefix, origin } => self.announce(prefix, origin),
            ScenarioEdit::Withdraw { ref prefix, origin } => self.withdraw(prefix, origin),
        }
    }

    fn toggle_link(&mut self, a: Asn, b: Asn) -> Result<(), BgpError> {
        let same = |&[x, y]: &[Asn; 2]| (x == a && y == b) || (x == b && y == a);
        if self.failed_links.iter().any(same) {
            self.failed_links.retain(|l| !same(l));
            return Ok(());
        }
        let net = network(self)?;
        if net.full.relationship(a, b).is_none() {
            return Err(ErrorKind::NotNeighbours(a.get(), b.get()).into());
        }
        self.failed_links.push([a, b]);
        Ok(())
    }

    fn toggle_as(&mut self, asn: Asn) -> Result<(), BgpError> {
        if self.failed_ases.contains(&asn) {
            self.failed_ases.retain(|x| *x != asn);
            return Ok(());
        }
        if !network(self)?.full.contains(asn) {
            return Err(ErrorKind::UnknownAs(asn.get()).into());
        }
        self.failed_ases.push(asn);
        Ok(())
    }

    fn set_prepend(&mut self, asn: Asn, to: Asn, times: u32) -> Result<(), BgpError> {
        if times > PREPEND_MAX {
            return Err(ErrorKind::PrependTimes {
                asn: asn.get(),
                times,
                max: PREPEND_MAX,
            }
            .into());
        }
        let all = neighbours(self, asn, to)?;
        let p = &mut self.policy;
        if p.prepend.iter().any(|x| x.asn == asn && x.to.is_none()) {
            // Split the entry for every neighbour so only `to` changes.
            let each: Vec<(Asn, u32)> = all
                .iter()
                .map(|&n| {
                    (
                        n,
                        if n == to {
                            times
                        } else {
                            p.prepend_times(asn, n)
                        },
                    )
                })
                .collect();
            p.prepend.retain(|x| x.asn != asn);
            p.prepend.extend(
                each.into_iter()
                    .filter(|&(_, t)| t > 0)
                    .map(|(n, t)| Prepend {
                        asn,
                        to: Some(n),
                        times: t,
                    }),
            );
        } else {
            p.prepend.retain(|x| !(x.asn == asn && x.to == Some(to)));
            if times > 0 {
                p.prepend.push(Prepend {
                    asn,
                    to: Some(to),
                    times,
                });
            }
        }
        Ok(())
    }

    fn set_leak(&mut self, asn: Asn, to: Asn, on: bool) -> Result<(), BgpError> {
        let all = neighbours(self, asn, to)?;
        let p = &mut self.policy;
        if on {
            if !p.leaks_to(asn, to) {
                p.leaks.push(Leak { asn, to: Some(to) });
            }
        } else if p.leaks.iter().any(|x| x.asn == asn && x.to.is_none()) {
            // An entry for all neighbours: keep it on for the others.
            p.leaks.retain(|x| x.asn != asn);
            p.leaks.extend(
                all.into_iter()
                    .filter(|&n| n != to)
                    .map(|n| Leak { asn, to: Some(n) }),
            );
        } else {
            p.leaks.retain(|x| !(x.asn == asn && x.to == Some(to)));
        }
        Ok(())
    }

    fn announce(&mut self, prefix: IpNet, origin: Asn) -> Result<(), BgpError> {
        let prefix = prefix.trunc();
        if self.announces(prefix, origin) {
            return Err(ErrorKind::DuplicateAnnouncement {
                prefix,
                origin: origin.get(),
            }
            .into());
        }
        if let Ok(net) = self.network() {
            if !net.full.contains(origin) {
                return Err(ErrorKind::UnknownAs(origin.get()).into());
            }
        }
        self.announcements.push(Announcement {
            prefix: prefix.to_string(),
            origin,
        });
        Ok(())
    }

    fn withdraw(&mut self, prefix: &str, origin: Asn) -> Result<(), BgpError> {
        let parsed = parse_prefix(prefix).ok();
        let matches = |a: &Announcement| {
            a.origin == origin
                && (a.prefix == prefix
                    || (parsed.is_some() && parse_prefix(&a.prefix).ok() == parsed))
        };
        if !self.announcements.iter().any(matches) {
            return Err(ErrorKind::NotAnnounced {
                prefix: prefix.to_string(),
                origin: origin.get(),
            }
            .into());
        }
        self.announcements.retain(|a| !matches(a));
        Ok(())
    }

    /// True if `origin` announces `prefix` (however the scenario writes it).
    ///
    /// ```
    /// use cloudhop_core::bgp::seeds::seed;
    /// let s = seed("saas-exchange").unwrap();
    /// assert!(s.announces("10.1.0.0/16".parse().unwrap(), 65001));
    /// assert!(!s.announces("10.1.0.0/16".parse().unwrap(), 65010));
    /// ```
    pub fn announces(&self, prefix: IpNet, origin: impl Into<Asn>) -> bool {
        let origin = origin.into();
        self.announcements
            .iter()
            .any(|a| a.origin == origin && parse_prefix(&a.prefix).ok() == Some(prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bgp::seeds::seed;

    fn wan() -> Scenario {
        Scenario::from_json(
            r#"{"links": [{"peer": [1, 2]}, {"peer": [2, 3]}, {"provider": 2, "customer": 4},
                {"provider": 1, "customer": 10}, {"provider": 3, "customer": 30}],
                "announcements": [{"prefix": "10.30.0.0/16", "origin": 30}]}"#,
        )
        .unwrap()
    }

    /// Bug (issue 10): the panel looked for `to == Some(nb)` only, so a leak to all
    /// neighbours showed unchecked, and unchecking it could not turn it off. The old
    /// toggle pushed a second entry and left the leak on.
    #[test]
    fn a_leak_to_all_turned_off_for_one_neighbour_stays_on_for_the_others() {
        let mut s = wan();
        s.policy.leaks.push(Leak {
            asn: Asn(2),
            to: None,
        });
        for n in [1, 3, 4] {
            assert!(s.policy.leaks_to(2, n), "a leak to all covers AS {n}");
        }
        s.apply(&ScenarioEdit::SetLeak {
            asn: Asn(2),
            to: Asn(1),
            on: false,
        })
        .unwrap();
        assert!(!s.policy.leaks_to(2, 1));
        assert!(s.policy.leaks_to(2, 3) && s.policy.leaks_to(2, 4));
        // And on again: one entry, not a duplicate.
        s.apply(&ScenarioEdit::SetLeak {
            asn: Asn(2),
            to: Asn(1),
            on: true,
        })
        .unwrap();
        s.apply(&ScenarioEdit::SetLeak {
            asn: Asn(2),
            to: Asn(1),
            on: true,
        })
        .unwrap();
        assert_eq!(
            s.policy
                .leaks
                .iter()
                .filter(|l| l.to == Some(Asn(1)))
                .count(),
            1
        );
        // Off for a plain entry removes only it.
        s.apply(&ScenarioEdit::SetLeak {
            asn: Asn(2),
            to: Asn(3),
            on: false,
        })
        .unwrap();
        assert!(!s.policy.leaks_to(2, 3) && s.policy.leaks_to(2, 1));
        assert!(s.compute().is_ok());
    }

    /// Bug (issue 10): a prepend without `to` was shown as "none" and setting one
    /// neighbour added an entry whose `max` with the shared one hid the change.
    #[test]
    fn a_prepend_to_all_changed_for_one_neighbour_keeps_the_others() {
        let mut s = wan();
        s.policy.prepend.push(Prepend {
            asn: Asn(2),
            to: None,
            times: 3,
        });
        s.apply(&ScenarioEdit::SetPrepend {
            asn: Asn(2),
            to: Asn(1),
            times: 1,
        })
        .unwrap();
        assert_eq!(s.policy.prepend_times(2, 1), 1);
        assert_eq!(s.policy.prepend_times(2, 3), 3);
        assert_eq!(s.policy.prepend_times(2, 4), 3);
        s.apply(&ScenarioEdit::SetPrepend {
            asn: Asn(2),
            to: Asn(3),
            times: 0,
        })
        .unwrap();
        assert_eq!(s.policy.prepend_times(2, 3), 0);
        assert_eq!(s.policy.prepend_times(2, 4), 3);
        assert!(s.compute().is_ok());
        let e = s
            .apply(&ScenarioEdit::SetPrepend {
                asn: Asn(2),
                to: Asn(1),
                times: 11,
            })
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "prepend by AS 2: times must be 1 to 10, not 11"
        );
    }

    #[test]
    fn plain_policy_edits_behave_as_the_lab_always_did() {
        let mut s = seed("saas-exchange").unwrap();
        s.apply(&ScenarioEdit::SetPrepend {
            asn: Asn(65001),
            to: Asn(64600),
            times: 2,
        })
        .unwrap();
        assert_eq!(
            s.policy.prepend,
            vec![Prepend {
                asn: Asn(65001),
                to: Some(Asn(64600)),
                times: 2
            }]
        );
        s.apply(&ScenarioEdit::SetPrepend {
            asn: Asn(65001),
            to: Asn(64600),
            times: 0,
        })
        .unwrap();
        assert!(s.policy.prepend.is_empty());
        s.apply(&ScenarioEdit::SetLocalPref {
            asn: Asn(65010),
            from: Asn(64600),
            value: Some(250),
        })
        .unwrap();
        assert_eq!(s.policy.local_pref_override(65010, 64600), Some(250));
        s.apply(&ScenarioEdit::SetLocalPref {
            asn: Asn(65010),
            from: Asn(64600),
            value: Some(300),
        })
        .unwrap();
        assert_eq!(s.policy.local_pref.len(), 1);
        s.apply(&ScenarioEdit::SetLocalPref {
            asn: Asn(65010),
            from: Asn(64600),
            value: None,
        })
        .unwrap();
        assert!(s.policy.is_empty());
        let e = s
            .apply(&ScenarioEdit::SetLeak {
                asn: Asn(65020),
                to: Asn(65001),
                on: true,
            })
            .unwrap_err();
        assert_eq!(e.to_string(), "AS 65020 and AS 65001 are not neighbours");
    }

    #[test]
    fn links_and_ases_fail_and_come_back() {
        let mut s = seed("saas-exchange").unwrap();
        s.apply(&ScenarioEdit::ToggleLink(Asn(65010), Asn(65001)))
            .unwrap();
        assert!(s.link_failed(65001, 65010));
        s.apply(&ScenarioEdit::ToggleLink(Asn(65001), Asn(65010)))
            .unwrap();
        assert!(s.failed_links.is_empty());
        assert!(s
            .apply(&ScenarioEdit::ToggleLink(Asn(65020), Asn(65001)))
            .is_err());
        s.apply(&ScenarioEdit::ToggleAs(Asn(65001))).unwrap();
        assert_eq!(s.failed_ases, vec![65001]);
        s.apply(&ScenarioEdit::ToggleAs(Asn(65001))).unwrap();
        assert!(s.failed_ases.is_empty());
        assert_eq!(
            s.apply(&ScenarioEdit::ToggleAs(Asn(7))).unwrap_err().kind(),
            &ErrorKind::UnknownAs(7)
        );
    }

    /// Bug (issue 10): "Announce" accepted the same prefix twice.
    #[test]
    fn the_same_announcement_twice_is_refused_and_withdraw_removes_it() {
        let mut s = seed("saas-exchange").unwrap();
        let before = s.clone();
        let p: IpNet = "10.1.0.0/16".parse().unwrap();
        let e = s
            .apply(&ScenarioEdit::Announce {
                prefix: p,
                origin: Asn(65001),
            })
            .unwrap_err();
        assert_eq!(e.to_string(), "AS 65001 already announces 10.1.0.0/16");
        assert_eq!(s, before, "unchanged");
        // Someone else announcing it is a hijack, allowed.
        s.apply(&ScenarioEdit::Announce {
            prefix: p,
            origin: Asn(65020),
        })
        .unwrap();
        s.apply(&ScenarioEdit::Withdraw {
            prefix: "10.1.0.0/16".into(),
            origin: Asn(65020),
        })
        .unwrap();
        assert_eq!(s, before);
        assert!(s
            .apply(&ScenarioEdit::Withdraw {
                prefix: "10.1.0.0/16".into(),
                origin: Asn(65020)
            })
            .is_err());
        assert!(s
            .apply(&ScenarioEdit::Announce {
                prefix: p,
                origin: Asn(7)
            })
            .is_err());
    }
}
