//! Every text the lab shows about a trace: one sentence per step, for the trace list and
//! the hop-by-hop player.
//!
//! ```
//! use cloudhop_core::dns::cache::Cache;
//! use cloudhop_core::dns::explain::step_text;
//! use cloudhop_core::dns::presets;
//! use cloudhop_core::dns::records::RecordType;
//! use cloudhop_core::dns::resolve::resolve;
//! let sc = presets::preset("hybrid").unwrap().scenario;
//! let r = resolve(&sc, "laptop", &"db.aws.corp.example.com".parse().unwrap(), RecordType::A, &mut Cache::new()).unwrap();
//! assert_eq!(step_text(&sc, &r.trace[0]), "`office` asks domain controller `dc1` (192.168.10.10) for db.aws.corp.example.com A.");
//! ```

use super::diagnosis::server_label;
use super::precedence::{CandidateKind, Why};
use super::reach::Refusal;
use super::scenario::Scenario;
use super::trace::{Decision, Step};
use std::net::Ipv4Addr;

fn list(a: &[Ipv4Addr]) -> String {
    a.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a hop was refused, in words.
pub fn refusal_text(why: &Refusal) -> String {
    match why {
        Refusal::NoRoute { from, to } => format!("no link joins `{from}` to `{to}`"),
        Refusal::PeeringNotTransitive { from, to } => {
            format!("`{from}` and `{to}` are joined only through several peerings, which are not transitive")
        }
        Refusal::Port53Blocked { link } => format!("link `{link}` blocks DNS (port 53)"),
        Refusal::NoGoogleReturnRoute { link } => {
            format!("no route back to 35.199.192.0/19 over `{link}`")
        }
        Refusal::NothingListens { address } => format!("nothing answers DNS at {address}"),
        Refusal::OutboundEndpoint { endpoint } => {
            format!("`{endpoint}` is an outbound endpoint and answers no queries")
        }
        Refusal::PlusTwoFromOutside { vpc, address } => format!(
            "{address} is the +2 resolver of `{vpc}`; AWS does not support asking it from outside the VPC"
        ),
        Refusal::ProviderAddressOutside { address, from } => {
            format!("{address} answers only inside its own cloud's networks, not from `{from}`")
        }
        Refusal::NotAuthoritative { server } => format!("`{server}` does not answer for this name"),
    }
}

/// One step in words.
pub fn step_text(sc: &Scenario, step: &Step) -> String {
    match step {
        Step::Query {
            from,
            via,
            to,
            server,
            inbound,
            name,
            rtype,
            links,
        } => {
            let who = server.as_ref().map_or_else(
                || to.to_string(),
                |s| format!("{} ({to})", server_label(sc, s)),
            );
            let via = via
                .as_ref()
                .map(|v| format!(" through outbound endpoint `{v}`"))
                .unwrap_or_default();
            let inbound = inbound
                .as_ref()
                .map(|i| format!(" at inbound endpoint `{i}`"))
                .unwrap_or_default();
            let links = if links.is_empty() {
                String::new()
            } else {
                format!(
                    " over {}",
                    links
                        .iter()
                        .map(|l| format!("`{l}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            format!("`{from}` asks {who}{inbound}{via}{links} for {name} {rtype}.")
        }
        Step::Refused { to, why } => {
            format!("The query to {to} gets no answer: {}.", refusal_text(why))
        }
        Step::CacheHit {
            server,
            remaining_s,
            stored_at_s,
        } => format!(
            "{} answers from its cache (stored at {stored_at_s} s, {remaining_s} s left).",
            capital(&server_label(sc, server))
        ),
        Step::Decided { server, decision } => {
            let who = capital(&server_label(sc, server));
            match decision {
                Decision::Matched { chosen, candidates, why, .. } => {
                    let what = match chosen.kind {
                        CandidateKind::Rule => sc
                            .rule(&chosen.id)
                            .map_or("rule", |r| r.scope.label())
                            .to_string(),
                        CandidateKind::Zone => sc
                            .zone(&chosen.id)
                            .map_or("zone", |z| z.scope.label())
                            .to_string(),
                    };
                    let others: Vec<String> = candidates
                        .iter()
                        .filter(|c| **c != *chosen)
                        .map(|c| format!("`{}` ({})", c.id, c.domain))
                        .collect();
                    let over = if others.is_empty() || *why == Why::Only {
                        String::new()
                    } else {
                        format!(" over {}", others.join(", "))
                    };
                    format!(
                        "{who} uses {what} `{}` for {}{over}: {}.",
                        chosen.id,
                        chosen.domain,
                        why.text()
                    )
                }
                Decision::Public => format!("{who} has no rule or zone for the name and resolves it on the internet."),
                Decision::DefaultForwarders => format!("{who} has no zone or forwarder for the name and sends it to its default forwarders."),
                Decision::NotAuthoritative => format!("{who} does not host the name and does not recurse: it refuses."),
            }
        }
        Step::Forward {
            server,
            rule,
            targets,
        } => format!(
            "{} forwards{} to {}.",
            capital(&server_label(sc, server)),
            rule.as_ref()
                .map(|r| format!(" by rule `{r}`"))
                .unwrap_or_default(),
            list(targets)
        ),
        Step::Referral {
            server,
            zone,
            cut,
            targets,
        } => format!(
            "Zone `{zone}` delegates {cut} to {}; {} follows the delegation.",
            list(targets),
            server_label(sc, server)
        ),
        Step::DelegationNotFollowed { server, zone, cut } => format!(
            "Zone `{zone}` delegates {cut}, but {} does not follow it (no DELEGATE rule).",
            server_label(sc, server)
        ),
        Step::Cname { server, from, to } => format!(
            "{from} is an alias of {to}; {} resolves {to} next.",
            server_label(sc, server)
        ),
        Step::Loop { servers, name } => format!(
            "Loop: the query for {name} came back to {} ({}).",
            servers
                .first()
                .map(|s| server_label(sc, s))
                .unwrap_or_default(),
            servers
                .iter()
                .map(|s| server_label(sc, s))
                .collect::<Vec<_>>()
                .join(" → ")
        ),
        Step::Authoritative {
            server,
            zone,
            answer,
        } => format!(
            "{} answers from zone `{zone}`: {}.",
            capital(&server_label(sc, server)),
            answer.summary()
        ),
        Step::Reply { server, answer } => format!(
            "{} replies: {}.",
            capital(&server_label(sc, server)),
            answer.summary()
        ),
        Step::Cached { server, ttl_s } => format!(
            "{} keeps the answer for {ttl_s} s.",
            capital(&server_label(sc, server))
        ),
        Step::TooManySteps => "Too many queries: the resolution is stopped.".into(),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
