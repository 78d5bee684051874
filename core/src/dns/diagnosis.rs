//! The misconfiguration behind a failed or stale resolution, in words a learner
//! understands, with the fix.
//!
//! [`diagnose`] reads a resolution's trace (the first refused hop, loop or unfollowed
//! delegation; for NXDOMAIN, which server gave up and which zone it could not see) and
//! compares with a fresh resolution to spot an answer served stale from a cache.
//!
//! ```
//! use cloudhop_core::dns::cache::Cache;
//! use cloudhop_core::dns::diagnosis::{diagnose, Problem};
//! use cloudhop_core::dns::presets;
//! use cloudhop_core::dns::records::RecordType;
//! use cloudhop_core::dns::resolve::resolve;
//! let sc = presets::preset("onprem-to-phz").unwrap().scenario;
//! let r = resolve(&sc, "laptop", &"db.aws.corp.example.com".parse().unwrap(), RecordType::A, &mut Cache::new()).unwrap();
//! let d = diagnose(&sc, &r).unwrap();
//! assert!(matches!(d.problem, Problem::PlusTwoFromOutside { .. }));
//! assert!(d.fix.contains("inbound endpoint"));
//! ```

use super::cache::Cache;
use super::names::DomainName;
use super::network::NetworkKind;
use super::reach::Refusal;
use super::records::{Zone, ZoneLookup, ZoneScope};
use super::resolve::Resolver;
use super::resolvers::EndpointKind;
use super::scenario::Scenario;
use super::trace::{Answer, Decision, Resolution, ServerRef, Step};
use serde::{Deserialize, Serialize};
use std::net::Ipv4Addr;

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// A query sent to a VPC's +2 resolver from outside the VPC.
    PlusTwoFromOutside {
        /// The VPC.
        vpc: String,
    },
    /// 168.63.129.16 or 169.254.169.254 asked from outside its cloud.
    ProviderAddressOutside {
        /// The address.
        address: Ipv4Addr,
    },
    /// No link between two networks.
    NoRoute {
        /// From.
        from: String,
        /// To.
        to: String,
    },
    /// Two networks joined only through several peerings.
    PeeringNotTransitive {
        /// From.
        from: String,
        /// To.
        to: String,
    },
    /// A link blocks port 53.
    Port53Blocked {
        /// The link.
        link: String,
    },
    /// No return route for 35.199.192.0/19.
    NoGoogleReturnRoute {
        /// The link.
        link: String,
    },
    /// Nothing listens at an address queries are sent to.
    NothingListens {
        /// The address.
        address: Ipv4Addr,
    },
    /// Queries sent to an outbound endpoint.
    OutboundEndpointAsked {
        /// The endpoint.
        endpoint: String,
    },
    /// A forwarding loop.
    Loop {
        /// The servers on the circle.
        servers: Vec<ServerRef>,
    },
    /// A cloud resolver does not know a zone hosted on your DNS servers.
    NoRuleToServers {
        /// The cloud network.
        network: String,
        /// The zone.
        zone: String,
    },
    /// A resolver cannot see a cloud network's private zone.
    NoPathToPrivateZone {
        /// Who gave up.
        server: ServerRef,
        /// The zone.
        zone: String,
        /// A network the zone is visible in.
        network: String,
    },
    /// A DNS server does not know a zone another server hosts.
    NoForwarderToServers {
        /// The server that gave up.
        server: String,
        /// The zone.
        zone: String,
    },
    /// A private zone of the right kind exists but is not associated with the network.
    ZoneNotAssociated {
        /// The zone.
        zone: String,
        /// The network.
        network: String,
    },
    /// A private zone covers a name that only the public zone has.
    PrivateZoneShadows {
        /// The private zone.
        zone: String,
        /// The public zone.
        public_zone: String,
    },
    /// The zone that answers has no such record.
    MissingRecord {
        /// The zone.
        zone: String,
    },
    /// A private zone's delegation is not followed.
    DelegationNotFollowed {
        /// The zone.
        zone: String,
        /// The delegated name.
        cut: DomainName,
    },
    /// An authoritative-only server was asked for a name it does not host.
    NotAuthoritative {
        /// The server.
        server: String,
    },
    /// The answer came from a cache and is out of date.
    Stale {
        /// The server whose cache answered.
        server: ServerRef,
        /// Seconds until it expires.
        remaining_s: u32,
    },
    /// The resolution took too many steps.
    TooManySteps,
}

/// A diagnosis: the problem, what it means, how to fix it, and the step to highlight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// What is wrong (typed).
    pub problem: Problem,
    /// What is wrong, in words.
    pub text: String,
    /// How to fix it.
    pub fix: String,
    /// The index of the trace step where it shows, if one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<usize>,
}

/// A server as a learner reads it: "the Route 53 Resolver of `vpc-app`", "`dc1`",
/// "public DNS".
///
/// ```
/// use cloudhop_core::dns::diagnosis::server_label;
/// use cloudhop_core::dns::presets;
/// use cloudhop_core::dns::trace::ServerRef;
/// let sc = presets::preset("hybrid").unwrap().scenario;
/// assert_eq!(server_label(&sc, &ServerRef::Provider { network: "vnet-hub".into() }), "Azure DNS in `vnet-hub`");
/// ```
pub fn server_label(sc: &Scenario, s: &ServerRef) -> String {
    match s {
        ServerRef::Provider { network } => match sc.network(network).map(|n| n.kind) {
            Some(NetworkKind::AwsVpc) => format!("the Route 53 Resolver of `{network}`"),
            Some(NetworkKind::AzureVnet) => format!("Azure DNS in `{network}`"),
            Some(NetworkKind::GcpVpc) => format!("Cloud DNS in `{network}`"),
            _ => format!("the resolver of `{network}`"),
        },
        ServerRef::Server { id } => match sc.server(id) {
            Some(s) if s.domain_controller => format!("domain controller `{id}`"),
            _ => format!("DNS server `{id}`"),
        },
        ServerRef::Internet => "public DNS".into(),
    }
}

fn addresses(list: &[Ipv4Addr]) -> String {
    list.iter()
        .map(|a| a.to_string())
        .collect::<Vec<_>>()
        .join(" and ")
}

fn inbound_of(sc: &Scenario, network: &str) -> Option<String> {
    sc.endpoints
        .iter()
        .find(|e| e.network == network && e.kind.answers())
        .map(|e| format!("`{}` ({})", e.id, addresses(&e.addresses)))
}

fn outbound_in(sc: &Scenario, network: &str, kind: EndpointKind) -> Option<String> {
    sc.endpoints
        .iter()
        .find(|e| e.network == network && e.kind == kind)
        .map(|e| e.id.clone())
}

/// Name what went wrong in `res` (a resolution of `sc`), or `None` when it worked and is
/// fresh.
pub fn diagnose(sc: &Scenario, res: &Resolution) -> Option<Diagnosis> {
    // A cached answer that a fresh resolution would not give.
    if res.used_cache() {
        let mut fresh_cache = Cache::new();
        fresh_cache.advance(res.at_s);
        if let Ok(fresh) =
            Resolver::new(sc).resolve(&res.client, &res.name, res.rtype, &mut fresh_cache)
        {
            if fresh.answer.values(res.rtype) != res.answer.values(res.rtype)
                || fresh.answer.code() != res.answer.code()
            {
                if let Some((
                    i,
                    Step::CacheHit {
                        server,
                        remaining_s,
                        ..
                    },
                )) = res
                    .trace
                    .iter()
                    .enumerate()
                    .find(|(_, s)| matches!(s, Step::CacheHit { .. }))
                {
                    let who = server_label(sc, server);
                    let floor = match server {
                        ServerRef::Server { id } => sc
                            .server(id)
                            .and_then(|s| s.min_cache_ttl)
                            .map(|m| format!(" It keeps every answer at least {m} s (its minimum cache TTL)."))
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    return Some(Diagnosis {
                        problem: Problem::Stale {
                            server: server.clone(),
                            remaining_s: *remaining_s,
                        },
                        text: format!(
                            "This answer is stale: {who} answered from its cache, {remaining_s} s before the entry expires; the zone now says {}.{floor}",
                            fresh.answer.summary()
                        ),
                        fix: format!(
                            "Wait {remaining_s} s, or make changes visible sooner: lower the record's TTL before a planned change{}.",
                            if floor.is_empty() { "" } else { ", and lower the server's minimum cache TTL" }
                        ),
                        step: Some(i),
                    });
                }
            }
        }
    }
    match &res.answer {
        Answer::Records { .. } | Answer::Referral { .. } => None,
        a if a.is_failure() => failure(sc, res),
        _ => negative(sc, res),
    }
}

fn failure(sc: &Scenario, res: &Resolution) -> Option<Diagnosis> {
    for (i, s) in res.trace.iter().enumerate() {
        let d = match s {
            Step::Loop { servers, .. } => {
                let names: Vec<String> = servers.iter().map(|s| server_label(sc, s)).collect();
                Diagnosis {
                    problem: Problem::Loop {
                        servers: servers.clone(),
                    },
                    text: format!(
                        "Forwarding loop: the query for {} goes {} and comes back, so nobody ever answers (SERVFAIL).",
                        res.name,
                        names.join(" → ")
                    ),
                    fix: "Send each domain towards the server that hosts its zone, never back where it came from: remove or narrow the rule that forwards the name back (a rule beats a private zone of the same name, so a rule for the cloud's own zone sends its queries away).".into(),
                    step: Some(i),
                }
            }
            Step::Refused { to, why } => refused(sc, res, i, *to, why),
            Step::DelegationNotFollowed { zone, cut, server } => Diagnosis {
                problem: Problem::DelegationNotFollowed {
                    zone: zone.clone(),
                    cut: cut.clone(),
                },
                text: format!(
                    "Zone `{zone}` delegates {cut} to other name servers, and {} does not follow a private zone's delegation by itself.",
                    server_label(sc, server)
                ),
                fix: format!(
                    "Create a Route 53 Resolver rule of type DELEGATE for {cut} through an outbound endpoint, associated with the VPC; or answer {cut} from a private zone or a forwarding rule."
                ),
                step: Some(i),
            },
            Step::Decided {
                server: ServerRef::Server { id },
                decision: Decision::NotAuthoritative,
            } => Diagnosis {
                problem: Problem::NotAuthoritative { server: id.clone() },
                text: format!(
                    "DNS server `{id}` only answers for its own zones and does not resolve {} (REFUSED).",
                    res.name
                ),
                fix: format!(
                    "Ask a resolver that recurses, or let `{id}` forward what it does not host."
                ),
                step: Some(i),
            },
            Step::TooManySteps => Diagnosis {
                problem: Problem::TooManySteps,
                text: "The query was passed on too many times and was stopped.".into(),
                fix: "Look for servers forwarding to each other; each domain should reach the server hosting it in a few hops.".into(),
                step: Some(i),
            },
            _ => continue,
        };
        return Some(d);
    }
    None
}

fn refused(sc: &Scenario, res: &Resolution, i: usize, to: Ipv4Addr, why: &Refusal) -> Diagnosis {
    let (problem, text, fix) = match why {
        Refusal::PlusTwoFromOutside { vpc, address } => {
            let ep = inbound_of(sc, vpc);
            (
                Problem::PlusTwoFromOutside { vpc: vpc.clone() },
                format!(
                    "Queries are sent to {address}, the +2 resolver of `{vpc}`, from outside the VPC. AWS does not support forwarding to the +2 address from outside: it answers only the VPC's own instances."
                ),
                match ep {
                    Some(ep) => format!(
                        "Point the forwarder or delegation at the inbound endpoint {ep} instead of {address}."
                    ),
                    None => format!(
                        "Create a Route 53 Resolver inbound endpoint in `{vpc}` and point the forwarder or delegation for {} at its addresses instead of {address}.",
                        res.name
                    ),
                },
            )
        }
        Refusal::ProviderAddressOutside { address, from } => (
            Problem::ProviderAddressOutside { address: *address },
            format!(
                "{address} is asked from `{from}`, but that address answers only inside its own cloud's networks."
            ),
            "Forward to an inbound endpoint (Azure DNS Private Resolver) or an inbound server policy address (Cloud DNS) in the network instead.".into(),
        ),
        Refusal::NoRoute { from, to: dest } => (
            Problem::NoRoute {
                from: from.clone(),
                to: dest.clone(),
            },
            format!("No link carries traffic from `{from}` to `{dest}`, so the query to {to} never arrives."),
            format!("Join `{from}` and `{dest}` with a VPN tunnel or an interconnect (and allow DNS across it)."),
        ),
        Refusal::PeeringNotTransitive { from, to: dest } => (
            Problem::PeeringNotTransitive {
                from: from.clone(),
                to: dest.clone(),
            },
            format!("`{from}` reaches `{dest}` only through more than one peering, and peering is not transitive."),
            format!("Peer `{from}` with `{dest}` directly, or join them through a tunnel or interconnect."),
        ),
        Refusal::Port53Blocked { link } => (
            Problem::Port53Blocked { link: link.clone() },
            format!("Link `{link}` does not let DNS through (port 53), so the query to {to} times out."),
            format!("Allow DNS, UDP and TCP port 53, across `{link}` (security groups, NSGs, firewall rules on both sides)."),
        ),
        Refusal::NoGoogleReturnRoute { link } => (
            Problem::NoGoogleReturnRoute { link: link.clone() },
            format!("Cloud DNS forwards from 35.199.192.0/19, and the other side of `{link}` has no route back to that range, so answers never return."),
            format!("Advertise 35.199.192.0/19 to on-premises over `{link}` (a custom route advertisement on the Cloud Router) and let it reach the DNS servers."),
        ),
        Refusal::NothingListens { address } => (
            Problem::NothingListens { address: *address },
            format!("Nothing answers DNS at {address}."),
            format!("Point the rule or client at a DNS server or inbound endpoint address; {address} belongs to none."),
        ),
        Refusal::OutboundEndpoint { endpoint } => (
            Problem::OutboundEndpointAsked {
                endpoint: endpoint.clone(),
            },
            format!("Queries are sent to outbound endpoint `{endpoint}`, which only sends queries out of its network and answers none."),
            "Send queries into a cloud network through an inbound endpoint.".into(),
        ),
        Refusal::NotAuthoritative { server } => (
            Problem::NotAuthoritative {
                server: server.clone(),
            },
            format!("`{server}` does not answer for {}.", res.name),
            "Ask a server that hosts the zone or recurses.".into(),
        ),
    };
    Diagnosis {
        problem,
        text,
        fix,
        step: Some(i),
    }
}

/// NXDOMAIN or no data: who said so, and what it could not see.
fn negative(sc: &Scenario, res: &Resolution) -> Option<Diagnosis> {
    // The last answer from a zone, or the last "public DNS" decision.
    let mut last_auth = None;
    let mut last_public = None;
    for (i, s) in res.trace.iter().enumerate() {
        match s {
            Step::Authoritative {
                zone,
                answer,
                server,
            } if !answer.is_failure() => last_auth = Some((i, zone.clone(), server.clone())),
            Step::Decided {
                server,
                decision: Decision::Public,
            } => last_public = Some((i, server.clone())),
            _ => {}
        }
    }
    let covering = |z: &&Zone| z.covers(&res.name);
    if let Some((pi, server)) = &last_public {
        if last_auth.as_ref().is_none_or(|(ai, _, _)| ai < pi) {
            // Public DNS said no: which private or hosted zone holds the name?
            let mut zones: Vec<&Zone> = sc
                .zones
                .iter()
                .filter(covering)
                .filter(|z| z.scope != ZoneScope::Public)
                .collect();
            crate::order::sort_by(&mut zones, |a, b| {
                b.origin.label_count().cmp(&a.origin.label_count())
            });
            let zone = zones.first()?;
            return Some(unseen_zone(sc, res, *pi, server, zone));
        }
    }
    let (i, zone_id, _server) = last_auth?;
    let zone = sc.zone(&zone_id)?;
    if zone.scope != ZoneScope::Public {
        if let Some(public) = sc.zones.iter().filter(covering).find(|z| {
            z.scope == ZoneScope::Public
                && matches!(z.lookup(&res.name, res.rtype), ZoneLookup::Answer(_))
        }) {
            return Some(Diagnosis {
                problem: Problem::PrivateZoneShadows {
                    zone: zone.id.clone(),
                    public_zone: public.id.clone(),
                },
                text: format!(
                    "{} `{}` covers {} and has no such record, so it answers {} and the public zone `{}`, which has the name, is never asked.",
                    capital(zone.scope.label()),
                    zone.id,
                    zone.origin,
                    res.answer.code(),
                    public.id
                ),
                fix: format!(
                    "Add {} to `{}` as well (split-horizon zones must hold every name clients use), or narrow the private zone to a subdomain.",
                    res.name, zone.id
                ),
                step: Some(i),
            });
        }
    }
    Some(Diagnosis {
        problem: Problem::MissingRecord {
            zone: zone.id.clone(),
        },
        text: format!(
            "Zone `{}` answers for {} and has no {} record for {}.",
            zone.id, zone.origin, res.rtype, res.name
        ),
        fix: format!(
            "Add the record to zone `{}`, or check the name for a typo.",
            zone.id
        ),
        step: Some(i),
    })
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn unseen_zone(
    sc: &Scenario,
    res: &Resolution,
    i: usize,
    server: &ServerRef,
    zone: &Zone,
) -> Diagnosis {
    let who = server_label(sc, server);
    let name = &res.name;
    let origin = &zone.origin;
    match (server, &zone.scope) {
        (ServerRef::Provider { network }, ZoneScope::Servers { servers }) => {
            let target = servers
                .first()
                .and_then(|s| sc.server(s))
                .map_or_else(|| "the DNS servers hosting it".to_string(), |s| format!("`{}` ({})", s.id, s.address));
            let kind = sc.network(network).map(|n| n.kind);
            let fix = match kind {
                Some(NetworkKind::AzureVnet) => format!(
                    "Add a rule for {origin} to {target} in a DNS forwarding ruleset{}, and link the ruleset to `{network}`.",
                    outbound_in(sc, network, EndpointKind::AzureOutbound).map_or_else(
                        || " (create an outbound endpoint of a DNS Private Resolver for it)".to_string(),
                        |e| format!(" using outbound endpoint `{e}`")
                    )
                ),
                Some(NetworkKind::GcpVpc) => format!(
                    "Create a Cloud DNS forwarding zone for {origin} targeting {target}, authorised for `{network}`, and advertise 35.199.192.0/19 back over the link."
                ),
                _ => format!(
                    "Create a Route 53 Resolver forwarding rule for {origin} to {target}{}, and associate it with `{network}`.",
                    outbound_in(sc, network, EndpointKind::Route53Outbound).map_or_else(
                        || " through an outbound endpoint (create one in the VPC first)".to_string(),
                        |e| format!(" through outbound endpoint `{e}`")
                    )
                ),
            };
            Diagnosis {
                problem: Problem::NoRuleToServers {
                    network: network.clone(),
                    zone: zone.id.clone(),
                },
                text: format!(
                    "{} does not know {origin}, which lives on your DNS servers, so it asks public DNS, which says {name} does not exist.",
                    capital(&who)
                ),
                fix,
                step: Some(i),
            }
        }
        (ServerRef::Server { id }, ZoneScope::Servers { .. }) => Diagnosis {
            problem: Problem::NoForwarderToServers {
                server: id.clone(),
                zone: zone.id.clone(),
            },
            text: format!("{} does not host {origin} and has no forwarder for it, so public DNS answers NXDOMAIN.", capital(&who)),
            fix: format!("Add a conditional forwarder for {origin} on `{id}` pointing at a server that hosts zone `{}`.", zone.id),
            step: Some(i),
        },
        (server, scope) => {
            let members = scope.members();
            let here = match server {
                ServerRef::Provider { network } => Some(network.clone()),
                _ => None,
            };
            // The same cloud, not associated with this network: associate it.
            if let Some(net) = &here {
                let same_kind = sc.network(net).map(|n| n.kind)
                    == match scope {
                        ZoneScope::Route53Private { .. } => Some(NetworkKind::AwsVpc),
                        ZoneScope::AzurePrivate { .. } => Some(NetworkKind::AzureVnet),
                        ZoneScope::CloudDnsPrivate { .. } => Some(NetworkKind::GcpVpc),
                        _ => None,
                    };
                if same_kind {
                    return Diagnosis {
                        problem: Problem::ZoneNotAssociated {
                            zone: zone.id.clone(),
                            network: net.clone(),
                        },
                        text: format!(
                            "{} `{}` holds {origin} but is not associated with `{net}`, so {who} does not see it and asks public DNS.",
                            capital(scope.label()),
                            zone.id
                        ),
                        fix: format!("Associate (link) zone `{}` with `{net}`.", zone.id),
                        step: Some(i),
                    };
                }
            }
            let network = members.first().cloned().unwrap_or_default();
            let inbound = inbound_of(sc, &network);
            let fix = match (server, inbound) {
                (ServerRef::Server { id }, Some(ep)) => format!(
                    "On `{id}`, send {origin} to inbound endpoint {ep}: a conditional forwarder, or a delegation (NS records) if {origin} is under a zone `{id}` hosts."
                ),
                (ServerRef::Server { id }, None) => format!(
                    "Create an inbound endpoint in `{network}`, then on `{id}` send {origin} to its addresses (a conditional forwarder, or a delegation if {origin} is under a zone `{id}` hosts)."
                ),
                (_, Some(ep)) => format!("Forward {origin} to inbound endpoint {ep} with a rule used by this network."),
                (_, None) => format!(
                    "Create an inbound endpoint in `{network}` and forward {origin} to it with a rule used by this network."
                ),
            };
            Diagnosis {
                problem: Problem::NoPathToPrivateZone {
                    server: server.clone(),
                    zone: zone.id.clone(),
                    network: network.clone(),
                },
                text: format!(
                    "{} `{}` holds {origin}, but it is visible only inside `{network}`; {who} cannot see it and asks public DNS, which says {name} does not exist.",
                    capital(scope.label()),
                    zone.id
                ),
                fix,
                step: Some(i),
            }
        }
    }
}
