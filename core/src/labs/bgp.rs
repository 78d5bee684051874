//! The BGP lab on the lab contract: a scenario, the prefix drawn, and the ASes the learner
//! picked as an answer.

use crate::bgp::asn::Asn;
use crate::bgp::exercise::{BgpAttempt, BgpExercise};
use crate::bgp::scenario::Scenario;
use crate::bgp::seeds::default_seed;
use crate::exercise::{Lab, Verdict};
use crate::limits::{
    check_count, TooMuch, MAX_BGP_ASES, MAX_BGP_LINKS, MAX_BGP_PREFIXES, MAX_BGP_RULES,
};
use serde::{Deserialize, Serialize};

/// Everything the BGP lab shows, as links carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BgpState {
    /// The scenario.
    pub sc: Scenario,
    /// The prefix whose routes are drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// ASes the learner marked (the answer to a question exercise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<Asn>,
}

impl BgpState {
    /// A state showing `sc`, nothing picked.
    pub fn of(sc: Scenario) -> BgpState {
        BgpState {
            sc,
            prefix: None,
            answer: Vec::new(),
        }
    }
}

impl Default for BgpState {
    fn default() -> Self {
        BgpState::of(default_seed())
    }
}

/// The BGP lab.
///
/// ```
/// use cloudhop_core::exercise::Lab;
/// use cloudhop_core::labs::Bgp;
/// assert!(!Bgp::default_state().sc.ases.is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bgp;

impl Lab for Bgp {
    const SLUG: &'static str = "bgp";
    const TITLE: &'static str = "BGP lab";
    const SUMMARY: &'static str =
        "Best-path selection step by step; announcements, failures, hijacks.";
    type Exercise = BgpExercise;
    type State = BgpState;

    fn default_state() -> BgpState {
        BgpState::default()
    }

    fn validate(ex: &BgpExercise) -> Result<(), String> {
        ex.validate()
    }

    fn start(ex: &BgpExercise) -> BgpState {
        BgpState::of(ex.start().unwrap_or_default())
    }

    fn goal_text(ex: &BgpExercise) -> String {
        ex.goal_text()
    }

    fn check(ex: &BgpExercise, state: &BgpState) -> Verdict {
        ex.check(&BgpAttempt {
            scenario: state.sc.clone(),
            answer: state.answer.clone(),
        })
    }

    /// The distinct ASes, then links and prefixes, then each list of policy rules and
    /// failures: propagation works on every AS, link and prefix.
    fn within_limits(state: &BgpState) -> Result<(), TooMuch> {
        let sc = &state.sc;
        // One vector sorted once, not a tree of nodes: a hostile link of thousands of ASes
        // is counted in one allocation (a refusal must cost next to nothing in the page).
        let mut ases: Vec<_> = sc.ases.iter().map(|a| a.asn()).collect();
        for l in &sc.links {
            ases.extend(l.provider.into_iter().chain(l.customer));
            ases.extend(l.peer.into_iter().flatten());
        }
        ases.extend(sc.announcements.iter().map(|a| a.origin));
        ases.sort_unstable();
        ases.dedup();
        check_count("ASes", ases.len(), MAX_BGP_ASES)?;
        check_count("AS entries", sc.ases.len(), MAX_BGP_ASES)?;
        check_count("links", sc.links.len(), MAX_BGP_LINKS)?;
        check_count(
            "announced prefixes",
            sc.announcements.len(),
            MAX_BGP_PREFIXES,
        )?;
        let p = &sc.policy;
        check_count("prepend rules", p.prepend.len(), MAX_BGP_RULES)?;
        check_count("local-preference rules", p.local_pref.len(), MAX_BGP_RULES)?;
        check_count("route leaks", p.leaks.len(), MAX_BGP_RULES)?;
        check_count("failed links", sc.failed_links.len(), MAX_BGP_RULES)?;
        check_count("failed ASes", sc.failed_ases.len(), MAX_BGP_RULES)?;
        check_count("ASes in the answer", state.answer.len(), MAX_BGP_ASES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bgp::scenario::LinkSpec;
    use crate::exercise::decode_state;

    /// A chain of `n` ASes (n - 1 provider-customer links).
    fn chain(n: u32) -> BgpState {
        BgpState::of(Scenario {
            links: (1..n)
                .map(|i| LinkSpec::provider_customer(i, i + 1))
                .collect(),
            ..Scenario::default()
        })
    }

    #[test]
    fn the_default_and_a_scenario_at_the_limit_open() {
        assert!(Bgp::within_limits(&Bgp::default_state()).is_ok());
        assert!(Bgp::within_limits(&chain(MAX_BGP_ASES as u32)).is_ok());
    }

    #[test]
    fn too_many_ases_or_links_are_refused_with_the_count() {
        assert_eq!(
            Bgp::within_limits(&chain(MAX_BGP_ASES as u32 + 1))
                .unwrap_err()
                .to_string(),
            "it has 201 ASes, and cloudhop opens at most 200"
        );
        let mut dense = chain(3);
        dense.sc.links = vec![LinkSpec::peer(1, 2); MAX_BGP_LINKS + 1];
        assert_eq!(
            Bgp::within_limits(&dense).unwrap_err().to_string(),
            "it has 801 links, and cloudhop opens at most 800"
        );
    }

    #[test]
    fn a_link_with_thousands_of_ases_is_refused_before_the_lab_runs() {
        // As large a topology as fits in a link (10 million ASes cannot: the text would be
        // refused for its length first).
        let text = crate::exercise::encode_state::<Bgp>(&chain(1_500));
        let e = decode_state::<Bgp>(&text).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("it has 1,500 ASes, and cloudhop opens at most 200"),
            "{e}"
        );
        let huge = format!(
            r#"{{"lab":"bgp","v":1,"state":{{"sc":{{"links":[{}]}}}}}}"#,
            vec![r#"{"peer":[1,2]}"#; 10_000].join(",")
        );
        assert!(decode_state::<Bgp>(&huge)
            .unwrap_err()
            .to_string()
            .starts_with("it is too long"));
    }

    #[test]
    fn long_policy_lists_are_refused() {
        let mut s = chain(3);
        s.sc.failed_ases = vec![crate::bgp::asn::Asn(1); MAX_BGP_RULES + 1];
        assert_eq!(
            Bgp::within_limits(&s).unwrap_err().to_string(),
            "it has 201 failed ASes, and cloudhop opens at most 200"
        );
    }
}
