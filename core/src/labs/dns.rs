//! The DNS lab on the lab contract: a scenario and the query being traced (client, name,
//! type).

use crate::dns::cache::Cache;
use crate::dns::diagnosis::{diagnose, Diagnosis};
use crate::dns::error::DnsError;
use crate::dns::exercise::DnsExercise;
use crate::dns::explain::step_text;
use crate::dns::names::DomainName;
use crate::dns::presets;
use crate::dns::records::RecordType;
use crate::dns::resolve::resolve;
use crate::dns::scenario::Scenario;
use crate::dns::trace::Resolution;
use crate::exercise::{Lab, Verdict};
use crate::limits::{
    check_count, TooMuch, MAX_DNS_NETWORKS, MAX_DNS_NODES, MAX_DNS_RECORDS, MAX_DNS_RULES,
    MAX_DNS_ZONES,
};
use serde::{Deserialize, Serialize};

/// The preset the lab opens with on its own page.
pub const DEFAULT_PRESET: &str = "hybrid";

fn a_record() -> RecordType {
    RecordType::A
}

/// Everything the DNS lab shows, as links carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DnsState {
    /// The scenario.
    pub sc: Scenario,
    /// The client whose query is traced.
    pub client: String,
    /// The name asked (as typed; checked when resolving).
    pub name: String,
    /// The type asked.
    #[serde(rename = "type", default = "a_record")]
    pub rtype: RecordType,
}

impl DnsState {
    /// The state of preset `id` (the default preset for an unknown id), asking the
    /// preset's own question.
    ///
    /// ```
    /// use cloudhop_core::labs::DnsState;
    /// let s = DnsState::preset("hybrid");
    /// assert_eq!(s.client, "laptop");
    /// assert_eq!(s.name, "db.aws.corp.example.com");
    /// ```
    pub fn preset(id: &str) -> DnsState {
        match presets::preset(id).or_else(|| presets::preset(DEFAULT_PRESET)) {
            Some(p) => DnsState {
                client: p.client.to_string(),
                name: p.name.to_string(),
                rtype: RecordType::A,
                sc: p.scenario,
            },
            None => DnsState::of(Scenario::default(), String::new()),
        }
    }

    /// A state showing `sc`, asking its first client about `name`.
    pub fn of(sc: Scenario, name: String) -> DnsState {
        DnsState {
            client: sc.clients.first().map(|c| c.id.clone()).unwrap_or_default(),
            sc,
            name,
            rtype: RecordType::A,
        }
    }

    /// The name, checked.
    pub fn domain(&self) -> Result<DomainName, DnsError> {
        DomainName::parse(&self.name)
    }

    /// Resolve the state's query with `cache` (at its clock) and diagnose the result:
    /// what the lab page shows.
    ///
    /// ```
    /// use cloudhop_core::dns::cache::Cache;
    /// use cloudhop_core::labs::DnsState;
    /// let t = DnsState::preset("onprem-to-phz").traced(&mut Cache::new()).unwrap();
    /// assert_eq!(t.resolution.answer.code(), "SERVFAIL");
    /// assert!(t.diagnosis.is_some());
    /// assert_eq!(t.steps.len(), t.resolution.trace.len());
    /// ```
    pub fn traced(&self, cache: &mut Cache) -> Result<Traced, DnsError> {
        let name = self.domain()?;
        let resolution = resolve(&self.sc, &self.client, &name, self.rtype, cache)?;
        let diagnosis = diagnose(&self.sc, &resolution);
        let steps = resolution
            .trace
            .iter()
            .map(|s| step_text(&self.sc, s))
            .collect();
        Ok(Traced {
            resolution,
            diagnosis,
            steps,
        })
    }
}

/// A traced query as the lab shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Traced {
    /// The answer and the trace.
    pub resolution: Resolution,
    /// What is wrong, if anything.
    pub diagnosis: Option<Diagnosis>,
    /// One sentence per trace step.
    pub steps: Vec<String>,
}

impl Default for DnsState {
    fn default() -> Self {
        DnsState::preset(DEFAULT_PRESET)
    }
}

/// The DNS lab.
///
/// ```
/// use cloudhop_core::exercise::Lab;
/// use cloudhop_core::labs::Dns;
/// assert_eq!(Dns::default_state().sc.networks.len(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dns;

impl Lab for Dns {
    const SLUG: &'static str = "dns";
    const TITLE: &'static str = "Hybrid DNS lab";
    const SUMMARY: &'static str =
        "Follow a query across on-premises and cloud resolvers, hop by hop.";

    /// Networks, then each list of servers, endpoints, links and clients, then rules, zones
    /// and records: resolution walks them for every query.
    fn within_limits(state: &DnsState) -> Result<(), TooMuch> {
        let sc = &state.sc;
        check_count("networks", sc.networks.len(), MAX_DNS_NETWORKS)?;
        check_count("DNS servers", sc.servers.len(), MAX_DNS_NODES)?;
        check_count("resolver endpoints", sc.endpoints.len(), MAX_DNS_NODES)?;
        check_count("links", sc.links.len(), MAX_DNS_NODES)?;
        check_count("clients", sc.clients.len(), MAX_DNS_NODES)?;
        check_count("forwarding rules", sc.rules.len(), MAX_DNS_RULES)?;
        check_count("zones", sc.zones.len(), MAX_DNS_ZONES)?;
        let records = sc.zones.iter().map(|z| z.records.len()).sum();
        check_count("records", records, MAX_DNS_RECORDS)
    }
    type Exercise = DnsExercise;
    type State = DnsState;

    fn default_state() -> DnsState {
        DnsState::default()
    }

    fn validate(ex: &DnsExercise) -> Result<(), String> {
        ex.validate()
    }

    fn start(ex: &DnsExercise) -> DnsState {
        let sc = ex
            .start_scenario()
            .unwrap_or_else(|_| DnsState::default().sc);
        let first = ex.probes().first();
        DnsState {
            client: first
                .map(|p| p.client.clone())
                .or_else(|| sc.clients.first().map(|c| c.id.clone()))
                .unwrap_or_default(),
            name: first.map(|p| p.name.to_string()).unwrap_or_default(),
            rtype: first.map_or(RecordType::A, |p| p.rtype),
            sc,
        }
    }

    fn goal_text(ex: &DnsExercise) -> String {
        ex.goal_text()
    }

    fn check(ex: &DnsExercise, state: &DnsState) -> Verdict {
        ex.check(&state.sc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::edit::DnsEdit;
    use crate::exercise::{decode_state, encode_state};

    fn exercise(json: &str) -> DnsExercise {
        serde_json::from_str(json).unwrap()
    }

    /// The four exercises of lesson 05 and 10, as the lesson files write them.
    fn the_four() -> Vec<(DnsExercise, Vec<DnsEdit>)> {
        let texts = [
            r#"{"start": "ec2-to-ad", "goal": {"kind": "resolve", "probes": [
                {"client": "ec2-app", "name": "fileserver.corp.example.com", "expect": ["192.168.20.5"]}]},
                "solution": "preset"}"#,
            r#"{"start": "onprem-to-phz", "goal": {"kind": "resolve", "probes": [
                {"client": "laptop", "name": "db.aws.corp.example.com", "expect": ["10.16.4.21"]}]},
                "solution": "preset"}"#,
            r#"{"start": "forwarding-loop", "goal": {"kind": "resolve", "probes": [
                {"client": "laptop", "name": "db.aws.corp.example.com", "expect": ["10.16.4.21"]},
                {"client": "ec2-app", "name": "fileserver.corp.example.com", "expect": ["192.168.20.5"]}]},
                "solution": "preset"}"#,
            r#"{"start": "failover-ttl", "goal": {"kind": "failover",
                "probes": [{"client": "ec2-app", "name": "app.corp.example.com"},
                           {"client": "vm-azure", "name": "app.corp.example.com"},
                           {"client": "laptop", "name": "app.corp.example.com"}],
                "before": ["10.16.4.50"], "after": ["10.40.1.50"], "within_s": 120,
                "change": [{"edit": "set_record_values", "zone": "corp", "name": "app.corp.example.com", "type": "A", "values": ["10.40.1.50"]}]},
                "solution": "preset"}"#,
        ];
        texts
            .iter()
            .map(|t| {
                let ex = exercise(t);
                let edits = ex.solution_edits().unwrap();
                (ex, edits)
            })
            .collect()
    }

    #[test]
    fn a_link_with_too_many_networks_is_refused_before_the_lab_runs() {
        let mut state = Dns::default_state();
        let first = state.sc.networks[0].clone();
        for i in 0..150 {
            let mut n = first.clone();
            n.id = format!("extra-{i}");
            state.sc.networks.push(n);
        }
        let text = crate::exercise::encode_state::<Dns>(&state);
        let e = crate::exercise::decode_state::<Dns>(&text).unwrap_err();
        assert!(e.to_string().starts_with("it has 15"), "{e}");
        assert!(
            e.to_string()
                .contains("networks, and cloudhop opens at most 100"),
            "{e}"
        );
        assert!(Dns::within_limits(&Dns::default_state()).is_ok());
    }

    #[test]
    fn each_exercise_is_unsolved_at_start_and_solved_by_its_edits() {
        for (ex, edits) in the_four() {
            Dns::validate(&ex).unwrap();
            let mut state = Dns::start(&ex);
            let v = Dns::check(&ex, &state);
            assert!(!v.passed, "{:?} passes at the start", ex.start);
            assert!(!v.message.is_empty());
            for e in &edits {
                state.sc.apply(e).unwrap();
            }
            let v = Dns::check(&ex, &state);
            assert!(v.passed, "{:?}: {}", ex.start, v.message);
        }
    }

    #[test]
    fn half_a_solution_is_not_enough() {
        // Each of these exercises needs both of its edits: one alone still fails.
        for (ex, edits) in the_four().into_iter().filter(|(_, e)| e.len() == 2) {
            for e in &edits {
                let mut state = Dns::start(&ex);
                state.sc.apply(e).unwrap();
                assert!(
                    !Dns::check(&ex, &state).passed,
                    "{:?} solved by {e:?} alone",
                    ex.start
                );
            }
        }
    }

    #[test]
    fn an_exercise_met_at_the_start_is_refused() {
        let ex = exercise(
            r#"{"start": "hybrid", "goal": {"kind": "resolve", "probes": [
                {"client": "laptop", "name": "db.aws.corp.example.com", "expect": ["10.16.4.21"]}]},
                "solution": []}"#,
        );
        assert!(Dns::validate(&ex).unwrap_err().contains("already met"));
        let ex = exercise(
            r#"{"start": "nope", "goal": {"kind": "resolve", "probes": []}, "solution": []}"#,
        );
        assert!(Dns::validate(&ex)
            .unwrap_err()
            .contains("unknown DNS preset"));
    }

    #[test]
    fn the_state_round_trips_through_a_link() {
        let s = Dns::default_state();
        let text = encode_state::<Dns>(&s);
        assert_eq!(decode_state::<Dns>(&text).unwrap(), s);
    }
}
