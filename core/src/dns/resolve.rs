//! Resolution: a client asks its resolver for a name and type; the query travels from
//! server to server as the scenario's rules, zones, endpoints and links say, and the
//! result is the client's [`Answer`] and the ordered trace of every step.
//!
//! What each server does with a query:
//!
//! - **A cloud network's resolver** (Route 53 Resolver at the VPC's +2 address, Azure DNS
//!   at 168.63.129.16, Cloud DNS at 169.254.169.254; also when reached through an inbound
//!   endpoint or inbound server policy) looks at the rules and private zones of *that*
//!   network and picks one by [`super::precedence`]. A forwarding rule sends the query out
//!   through its outbound endpoint (Route 53, Azure rulesets) or from Google's
//!   35.199.192.0/19 (Cloud DNS forwarding zones); a private zone answers from its
//!   records (a name missing from a matching private hosted zone is NXDOMAIN, never passed
//!   on to public DNS:
//!   <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html>);
//!   with neither, public DNS answers.
//! - **A DNS server you run** answers from the zones it hosts or forwards by its
//!   conditional forwarders (most specific first), otherwise sends everything to its
//!   default forwarders, recurses on the internet, or refuses (authoritative-only).
//! - Delegations (NS records below a zone's apex) are followed by servers that recurse; a
//!   Route 53 private hosted zone's delegation only with a `DELEGATE` rule
//!   (<https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/outbound-delegation-tutorial.html>).
//! - Forward targets are tried in order until one answers (Route 53 picks one at random
//!   and retries another: the same outcome when all behave alike).
//! - A query that comes back to a server already working on it is a loop: SERVFAIL.
//! - Answers a server got from elsewhere are cached ([`super::cache`]); a server's own
//!   zone data is not.
//!
//! ```
//! use cloudhop_core::dns::cache::Cache;
//! use cloudhop_core::dns::presets;
//! use cloudhop_core::dns::resolve::resolve;
//! use cloudhop_core::dns::trace::Answer;
//! let sc = presets::preset("ec2-to-ad").unwrap().solved().unwrap();
//! let mut cache = Cache::new();
//! let r = resolve(&sc, "ec2-app", &"fileserver.corp.example.com".parse().unwrap(),
//!                 cloudhop_core::dns::records::RecordType::A, &mut cache).unwrap();
//! assert_eq!(r.answer.values(cloudhop_core::dns::records::RecordType::A), vec!["192.168.20.5"]);
//! ```

use super::cache::Cache;
use super::error::DnsError;
use super::names::DomainName;
use super::network::{Network, NetworkKind, AZURE_DNS, GOOGLE_METADATA};
use super::precedence::{choose, source, Candidate, CandidateKind};
use super::reach::{Reachability, Refusal};
use super::records::{RecordType, Zone, ZoneLookup, ZoneScope};
use super::resolvers::DnsServer;
use super::rules::{Rule, RuleAction};
use super::scenario::{Listener, Scenario};
use super::trace::{Answer, Decision, Resolution, ServerRef, Step};
use std::collections::HashMap;
use std::net::Ipv4Addr;

/// The most queries one resolution may send before it is stopped.
pub const MAX_QUERIES: usize = 64;

/// A scenario indexed for resolving (build once, resolve many names).
#[derive(Debug)]
pub struct Resolver<'a> {
    sc: &'a Scenario,
    // Indexes into the scenario's lists rather than references: the same few map types
    // serve every index here and in `reach` (each map type is its own code in a bundle).
    nets: HashMap<&'a str, usize>,
    servers: HashMap<&'a str, usize>,
    listeners: HashMap<Ipv4Addr, Listener<'a>>,
    plus_two: HashMap<Ipv4Addr, usize>,
    reach: Reachability<'a>,
}

/// What a server got for a query, with how long "no such name" may be cached.
#[derive(Debug, Clone)]
struct Got {
    answer: Answer,
    negative_ttl: u32,
}

impl Got {
    fn of(answer: Answer) -> Got {
        Got {
            answer,
            negative_ttl: 0,
        }
    }
}

/// Resolve `name` / `rtype` for `client` against `sc`, using and filling `cache` at its
/// clock time. The scenario should be valid ([`Scenario::validate`]).
pub fn resolve(
    sc: &Scenario,
    client: &str,
    name: &DomainName,
    rtype: RecordType,
    cache: &mut Cache,
) -> Result<Resolution, DnsError> {
    Resolver::new(sc).resolve(client, name, rtype, cache)
}

impl<'a> Resolver<'a> {
    /// The network called `id`.
    fn net(&self, id: &str) -> Option<&'a Network> {
        self.nets.get(id).map(|&i| &self.sc.networks[i])
    }

    /// The DNS server called `id`.
    fn server(&self, id: &str) -> Option<&'a DnsServer> {
        self.servers.get(id).map(|&i| &self.sc.servers[i])
    }

    /// Index `sc`.
    pub fn new(sc: &'a Scenario) -> Resolver<'a> {
        Resolver {
            sc,
            nets: sc
                .networks
                .iter()
                .enumerate()
                .map(|(i, n)| (n.id.as_str(), i))
                .collect(),
            servers: sc
                .servers
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect(),
            listeners: sc.listeners(),
            plus_two: sc
                .networks
                .iter()
                .enumerate()
                .filter(|(_, n)| n.kind == NetworkKind::AwsVpc)
                .filter_map(|(i, n)| n.provider_resolver().map(|a| (a, i)))
                .collect(),
            reach: Reachability::new(&sc.links),
        }
    }

    /// Resolve for `client` (see [`resolve`]).
    pub fn resolve(
        &self,
        client: &str,
        name: &DomainName,
        rtype: RecordType,
        cache: &mut Cache,
    ) -> Result<Resolution, DnsError> {
        let c = self
            .sc
            .client(client)
            .ok_or_else(|| DnsError::new(format!("there is no client `{client}`")))?;
        let net = self
            .net(c.network.as_str())
            .ok_or_else(|| DnsError::new(format!("there is no network `{}`", c.network)))?;
        let to = c
            .resolver
            .or_else(|| net.provider_resolver())
            .ok_or_else(|| {
                DnsError::new(format!(
                    "client `{client}` has no resolver address (on premises one must be set)"
                ))
            })?;
        let at_s = cache.now();
        let mut walk = Walk {
            r: self,
            cache,
            trace: Vec::new(),
            active: Vec::new(),
            queries: 0,
        };
        let q = Q {
            name: name.clone(),
            rtype,
        };
        let got = walk.ask(&c.network, None, to, false, &q);
        Ok(Resolution {
            client: client.to_string(),
            name: name.clone(),
            rtype,
            at_s,
            answer: got.answer,
            trace: walk.trace,
        })
    }
}

/// Who answers at an address: the server, the inbound endpoint it is reached through,
/// and the network it is in.
type Listening = (ServerRef, Option<String>, String);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Q {
    name: DomainName,
    rtype: RecordType,
}

struct Walk<'w, 'a> {
    r: &'w Resolver<'a>,
    cache: &'w mut Cache,
    trace: Vec<Step>,
    active: Vec<(ServerRef, DomainName, RecordType)>,
    queries: usize,
}

impl Walk<'_, '_> {
    /// Who answers at `to` for a query from network `from`, the inbound endpoint it
    /// arrives at, and the network it is in.
    fn identify(
        &self,
        from: &str,
        to: Ipv4Addr,
    ) -> Result<Listening, (Option<ServerRef>, Refusal)> {
        let r = self.r;
        if let Some(n) = r.net(from) {
            if n.provider_resolver() == Some(to) {
                return Ok((
                    ServerRef::Provider {
                        network: n.id.clone(),
                    },
                    None,
                    n.id.clone(),
                ));
            }
        }
        if to == AZURE_DNS || to == GOOGLE_METADATA {
            return Err((
                None,
                Refusal::ProviderAddressOutside {
                    address: to,
                    from: from.to_string(),
                },
            ));
        }
        if let Some(vpc) = r.plus_two.get(&to).map(|&i| &r.sc.networks[i]) {
            return Err((
                Some(ServerRef::Provider {
                    network: vpc.id.clone(),
                }),
                Refusal::PlusTwoFromOutside {
                    vpc: vpc.id.clone(),
                    address: to,
                },
            ));
        }
        match r.listeners.get(&to) {
            Some(Listener::Server(s)) => Ok((
                ServerRef::Server { id: s.id.clone() },
                None,
                s.network.clone(),
            )),
            Some(Listener::Endpoint(e)) if e.kind.answers() => Ok((
                ServerRef::Provider {
                    network: e.network.clone(),
                },
                Some(e.id.clone()),
                e.network.clone(),
            )),
            Some(Listener::Endpoint(e)) => Err((
                None,
                Refusal::OutboundEndpoint {
                    endpoint: e.id.clone(),
                },
            )),
            None => Err((None, Refusal::NothingListens { address: to })),
        }
    }

    /// Send `q` from network `from` (through outbound endpoint `via`) to `to`.
    fn ask(&mut self, from: &str, via: Option<&str>, to: Ipv4Addr, google: bool, q: &Q) -> Got {
        self.queries += 1;
        if self.queries > MAX_QUERIES {
            self.trace.push(Step::TooManySteps);
            return Got::of(Answer::ServFail);
        }
        let query =
            |server: Option<ServerRef>, inbound: Option<String>, links: Vec<String>| Step::Query {
                from: from.to_string(),
                via: via.map(str::to_string),
                to,
                server,
                inbound,
                name: q.name.clone(),
                rtype: q.rtype,
                links,
            };
        let (server, inbound, net) = match self.identify(from, to) {
            Ok(x) => x,
            Err((server, why)) => {
                self.trace.push(query(server, None, Vec::new()));
                self.trace.push(Step::Refused { to, why });
                return Got::of(Answer::Timeout);
            }
        };
        let links = match self.r.reach.path(from, &net, google) {
            Ok(l) => l,
            Err(why) => {
                self.trace.push(query(Some(server), inbound, Vec::new()));
                self.trace.push(Step::Refused { to, why });
                return Got::of(Answer::Timeout);
            }
        };
        self.trace.push(query(Some(server.clone()), inbound, links));
        let got = self.enter(&server, q);
        self.trace.push(Step::Reply {
            server,
            answer: got.answer.clone(),
        });
        got
    }

    /// Work on `q` at `server`, unless it is already doing so (a loop).
    fn enter(&mut self, server: &ServerRef, q: &Q) -> Got {
        let key = (server.clone(), q.name.clone(), q.rtype);
        if let Some(pos) = self.active.iter().position(|k| *k == key) {
            let mut servers: Vec<ServerRef> =
                self.active[pos..].iter().map(|k| k.0.clone()).collect();
            servers.push(server.clone());
            self.trace.push(Step::Loop {
                servers,
                name: q.name.clone(),
            });
            return Got::of(Answer::ServFail);
        }
        self.active.push(key);
        let got = self.serve(server, q);
        self.active.pop();
        got
    }

    fn min_cache_ttl(&self, server: &ServerRef) -> u32 {
        match server {
            ServerRef::Server { id } => {
                self.r.server(id).and_then(|s| s.min_cache_ttl).unwrap_or(0)
            }
            _ => 0,
        }
    }

    /// Answer `q` at `server`: from its cache, or by deciding, then cache what came from
    /// elsewhere.
    fn serve(&mut self, server: &ServerRef, q: &Q) -> Got {
        if let Some(e) = self.cache.get(server, &q.name, q.rtype) {
            let remaining = e.remaining(self.cache.now());
            let mut answer = e.answer.clone();
            if let Answer::Records { records } = &mut answer {
                for r in records.iter_mut() {
                    r.ttl = remaining;
                }
            }
            self.trace.push(Step::CacheHit {
                server: server.clone(),
                remaining_s: remaining,
                stored_at_s: e.stored_at_s,
            });
            return Got {
                answer,
                negative_ttl: remaining,
            };
        }
        let (got, from_elsewhere) = match server {
            ServerRef::Provider { network } => self.at_provider(network, q),
            ServerRef::Server { id } => self.at_server(id, q),
            ServerRef::Internet => (self.public(None, q), true),
        };
        let got = if self.recurses(server) {
            self.complete_alias(server, q, got)
        } else {
            got
        };
        if from_elsewhere {
            let ttl = match &got.answer {
                Answer::Records { records } => records.iter().map(|r| r.ttl).min(),
                Answer::NxDomain | Answer::NoData => Some(got.negative_ttl),
                _ => None,
            };
            if let Some(ttl) = ttl {
                let ttl = ttl.max(self.min_cache_ttl(server));
                if ttl > 0 {
                    self.cache
                        .store(server, &q.name, q.rtype, got.answer.clone(), ttl);
                    self.trace.push(Step::Cached {
                        server: server.clone(),
                        ttl_s: ttl,
                    });
                }
            }
        }
        got
    }

    fn recurses(&self, server: &ServerRef) -> bool {
        match server {
            ServerRef::Server { id } => self
                .r
                .server(id)
                .is_some_and(|s| s.recursion || !s.forwarders.is_empty()),
            _ => true,
        }
    }

    /// A recursive server that got only a CNAME chain resolves the chain's target itself.
    fn complete_alias(&mut self, server: &ServerRef, q: &Q, got: Got) -> Got {
        let Answer::Records { records } = &got.answer else {
            return got;
        };
        if q.rtype == RecordType::Cname || records.iter().any(|r| r.rtype == q.rtype) {
            return got;
        }
        let Some(last) = records.last().filter(|r| r.rtype == RecordType::Cname) else {
            return got;
        };
        let Ok(target) = DomainName::parse(&last.value) else {
            return got;
        };
        self.queries += 1;
        if self.queries > MAX_QUERIES {
            self.trace.push(Step::TooManySteps);
            return Got::of(Answer::ServFail);
        }
        self.trace.push(Step::Cname {
            server: server.clone(),
            from: last.name.clone(),
            to: target.clone(),
        });
        let chain = records.clone();
        let next = self.enter(
            server,
            &Q {
                name: target,
                rtype: q.rtype,
            },
        );
        match next.answer {
            Answer::Records { records } => {
                let mut all = chain;
                all.extend(records);
                Got::of(Answer::Records { records: all })
            }
            _ => next,
        }
    }

    fn candidates(rules: &[&Rule], zones: &[&Zone], name: &DomainName) -> Vec<Candidate> {
        let mut out = Vec::new();
        for r in rules {
            if r.covers(name) && !matches!(r.action, RuleAction::Delegate) {
                out.push(Candidate {
                    kind: CandidateKind::Rule,
                    id: r.id.clone(),
                    domain: r.domain.clone(),
                });
            }
        }
        for z in zones {
            if z.covers(name) {
                out.push(Candidate {
                    kind: CandidateKind::Zone,
                    id: z.id.clone(),
                    domain: z.origin.clone(),
                });
            }
        }
        out
    }

    /// A cloud network's resolver. The flag: the answer came from elsewhere (cacheable).
    fn at_provider(&mut self, network: &str, q: &Q) -> (Got, bool) {
        let r = self.r;
        let Some(net) = r.net(network) else {
            return (Got::of(Answer::ServFail), false);
        };
        let me = ServerRef::Provider {
            network: network.to_string(),
        };
        // Rules and private zones covering the name and used by this network. Scanned on
        // each decision rather than indexed: cheaper than building an index per edit.
        let rules: Vec<&Rule> =
            r.sc.rules
                .iter()
                .filter(|x| x.covers(&q.name) && x.applies_to_network(network))
                .collect();
        let zones: Vec<&Zone> =
            r.sc.zones
                .iter()
                .filter(|z| {
                    !matches!(z.scope, ZoneScope::Public | ZoneScope::Servers { .. })
                        && z.covers(&q.name)
                        && z.scope.members().iter().any(|m| m == network)
                })
                .collect();
        let (rules, zones) = (rules.as_slice(), zones.as_slice());
        let candidates = Self::candidates(rules, zones, &q.name);
        let Some((chosen, why)) = choose(Some(net.kind), &candidates) else {
            self.trace.push(Step::Decided {
                server: me,
                decision: Decision::Public,
            });
            return (self.public(Some(network), q), true);
        };
        self.trace.push(Step::Decided {
            server: me.clone(),
            decision: Decision::Matched {
                chosen: chosen.clone(),
                candidates: candidates.clone(),
                why,
                source: source(Some(net.kind)).to_string(),
            },
        });
        match chosen.kind {
            CandidateKind::Zone => {
                let Some(zone) = zones.iter().find(|z| z.id == chosen.id).copied() else {
                    return (Got::of(Answer::ServFail), false);
                };
                self.private_zone(net, &me, zone, rules, q)
            }
            CandidateKind::Rule => {
                let Some(rule) = rules.iter().find(|x| x.id == chosen.id).copied() else {
                    return (Got::of(Answer::ServFail), false);
                };
                match &rule.action {
                    RuleAction::Forward { targets } => {
                        self.trace.push(Step::Forward {
                            server: me,
                            rule: Some(rule.id.clone()),
                            targets: targets.clone(),
                        });
                        let (from, via, google) = match rule.scope.endpoint() {
                            Some(ep) => match r.sc.endpoint(ep) {
                                Some(e) => (e.network.as_str(), Some(e.id.as_str()), false),
                                None => return (Got::of(Answer::ServFail), false),
                            },
                            None => (network, None, net.kind == NetworkKind::GcpVpc),
                        };
                        (self.forward(from, via, targets, google, q), true)
                    }
                    RuleAction::System => {
                        // SYSTEM: resolve here, private hosted zones first, then public DNS
                        // (resolver-forwarding-outbound-queries-rule-values.html).
                        let zc = Self::candidates(&[], zones, &q.name);
                        match choose(Some(net.kind), &zc) {
                            Some((z, zwhy)) => {
                                self.trace.push(Step::Decided {
                                    server: me.clone(),
                                    decision: Decision::Matched {
                                        chosen: z.clone(),
                                        candidates: zc.clone(),
                                        why: zwhy,
                                        source: source(Some(net.kind)).to_string(),
                                    },
                                });
                                match zones.iter().find(|x| x.id == z.id).copied() {
                                    Some(zone) => self.private_zone(net, &me, zone, rules, q),
                                    None => (Got::of(Answer::ServFail), false),
                                }
                            }
                            None => {
                                self.trace.push(Step::Decided {
                                    server: me,
                                    decision: Decision::Public,
                                });
                                (self.public(Some(network), q), true)
                            }
                        }
                    }
                    RuleAction::Peer { network: producer } => {
                        // Cloud DNS peering zone: resolved in the producer network's order
                        // (https://cloud.google.com/dns/docs/zones/zones-overview#peering_zones).
                        let target = ServerRef::Provider {
                            network: producer.clone(),
                        };
                        self.trace.push(Step::Query {
                            from: network.to_string(),
                            via: None,
                            to: GOOGLE_METADATA,
                            server: Some(target.clone()),
                            inbound: None,
                            name: q.name.clone(),
                            rtype: q.rtype,
                            links: Vec::new(),
                        });
                        let got = self.enter(&target, q);
                        self.trace.push(Step::Reply {
                            server: target,
                            answer: got.answer.clone(),
                        });
                        (got, false)
                    }
                    RuleAction::Delegate => (Got::of(Answer::ServFail), false),
                }
            }
        }
    }

    /// A private zone answers; a delegation in it is followed only by a Route 53
    /// `DELEGATE` rule for that name associated with the VPC.
    fn private_zone(
        &mut self,
        net: &Network,
        me: &ServerRef,
        zone: &Zone,
        rules: &[&Rule],
        q: &Q,
    ) -> (Got, bool) {
        match zone.lookup(&q.name, q.rtype) {
            ZoneLookup::Referral { cut, addresses, .. } => {
                let delegate = rules
                    .iter()
                    .find(|r| matches!(r.action, RuleAction::Delegate) && r.domain == cut)
                    .copied();
                match delegate
                    .and_then(|d| d.scope.endpoint())
                    .and_then(|ep| self.r.sc.endpoint(ep))
                {
                    Some(ep) if net.kind == NetworkKind::AwsVpc => {
                        self.trace.push(Step::Referral {
                            server: me.clone(),
                            zone: zone.id.clone(),
                            cut,
                            targets: addresses.clone(),
                        });
                        (
                            self.follow(&ep.network, Some(&ep.id), &addresses, false, q),
                            true,
                        )
                    }
                    _ => {
                        self.trace.push(Step::DelegationNotFollowed {
                            server: me.clone(),
                            zone: zone.id.clone(),
                            cut,
                        });
                        (Got::of(Answer::ServFail), false)
                    }
                }
            }
            other => (self.zone_answer(me, zone, other), false),
        }
    }

    /// A zone's answer, traced (not a referral).
    fn zone_answer(&mut self, me: &ServerRef, zone: &Zone, lookup: ZoneLookup) -> Got {
        let got = match lookup {
            ZoneLookup::Answer(records) => Got::of(Answer::Records { records }),
            ZoneLookup::Alias { chain, .. } => Got::of(Answer::Records { records: chain }),
            ZoneLookup::NxDomain => Got {
                answer: Answer::NxDomain,
                negative_ttl: zone.negative_ttl,
            },
            ZoneLookup::NoData => Got {
                answer: Answer::NoData,
                negative_ttl: zone.negative_ttl,
            },
            ZoneLookup::Referral { cut, addresses, .. } => Got::of(Answer::Referral {
                cut,
                servers: addresses,
            }),
        };
        self.trace.push(Step::Authoritative {
            server: me.clone(),
            zone: zone.id.clone(),
            answer: got.answer.clone(),
        });
        got
    }

    /// A DNS server you run.
    fn at_server(&mut self, id: &str, q: &Q) -> (Got, bool) {
        let r = self.r;
        let Some(s) = r.server(id) else {
            return (Got::of(Answer::ServFail), false);
        };
        let me = ServerRef::Server { id: id.to_string() };
        let rules: Vec<&Rule> =
            r.sc.rules
                .iter()
                .filter(|x| x.on_server(id) && x.covers(&q.name))
                .collect();
        let zones: Vec<&Zone> = r
            .sc
            .zones
            .iter()
            .filter(|z| {
                matches!(&z.scope, ZoneScope::Servers { servers } if servers.iter().any(|s| s == id))
                    && z.covers(&q.name)
            })
            .collect();
        let (rules, zones) = (rules.as_slice(), zones.as_slice());
        let candidates = Self::candidates(rules, zones, &q.name);
        let Some((chosen, why)) = choose(None, &candidates) else {
            if !s.forwarders.is_empty() {
                self.trace.push(Step::Decided {
                    server: me.clone(),
                    decision: Decision::DefaultForwarders,
                });
                self.trace.push(Step::Forward {
                    server: me,
                    rule: None,
                    targets: s.forwarders.clone(),
                });
                return (
                    self.forward(&s.network, None, &s.forwarders, false, q),
                    true,
                );
            }
            if s.recursion {
                self.trace.push(Step::Decided {
                    server: me,
                    decision: Decision::Public,
                });
                return (self.public(Some(&s.network), q), true);
            }
            self.trace.push(Step::Decided {
                server: me,
                decision: Decision::NotAuthoritative,
            });
            return (Got::of(Answer::Refused), false);
        };
        self.trace.push(Step::Decided {
            server: me.clone(),
            decision: Decision::Matched {
                chosen: chosen.clone(),
                candidates: candidates.clone(),
                why,
                source: source(None).to_string(),
            },
        });
        match chosen.kind {
            CandidateKind::Zone => {
                let Some(zone) = zones.iter().find(|z| z.id == chosen.id).copied() else {
                    return (Got::of(Answer::ServFail), false);
                };
                match zone.lookup(&q.name, q.rtype) {
                    ZoneLookup::Referral { cut, addresses, .. } if s.recursion => {
                        self.trace.push(Step::Referral {
                            server: me,
                            zone: zone.id.clone(),
                            cut,
                            targets: addresses.clone(),
                        });
                        (self.follow(&s.network, None, &addresses, false, q), true)
                    }
                    other => (self.zone_answer(&me, zone, other), false),
                }
            }
            CandidateKind::Rule => {
                let Some(rule) = rules.iter().find(|x| x.id == chosen.id).copied() else {
                    return (Got::of(Answer::ServFail), false);
                };
                let RuleAction::Forward { targets } = &rule.action else {
                    return (Got::of(Answer::ServFail), false);
                };
                self.trace.push(Step::Forward {
                    server: me,
                    rule: Some(rule.id.clone()),
                    targets: targets.clone(),
                });
                (self.forward(&s.network, None, targets, false, q), true)
            }
        }
    }

    /// Try each target in order; the first that answers wins. A referral from a target
    /// (an authoritative-only server) is followed.
    fn forward(
        &mut self,
        from: &str,
        via: Option<&str>,
        targets: &[Ipv4Addr],
        google: bool,
        q: &Q,
    ) -> Got {
        for &t in targets {
            let mut got = self.ask(from, via, t, google, q);
            if let Answer::Referral { servers, .. } = &got.answer {
                let servers = servers.clone();
                got = self.follow(from, via, &servers, google, q);
            }
            if !got.answer.is_failure() {
                return got;
            }
        }
        Got::of(Answer::ServFail)
    }

    /// Follow a delegation: ask the delegated servers (and any further delegation), at
    /// most 8 levels deep.
    fn follow(
        &mut self,
        from: &str,
        via: Option<&str>,
        servers: &[Ipv4Addr],
        google: bool,
        q: &Q,
    ) -> Got {
        let mut servers = servers.to_vec();
        for _ in 0..8 {
            if servers.is_empty() {
                return Got::of(Answer::ServFail);
            }
            let mut next = None;
            let mut last = Got::of(Answer::ServFail);
            for &t in &servers {
                let got = self.ask(from, via, t, google, q);
                match &got.answer {
                    Answer::Referral { servers: s, .. } => {
                        next = Some(s.clone());
                        break;
                    }
                    a if !a.is_failure() => return got,
                    _ => last = got,
                }
            }
            match next {
                Some(s) => servers = s,
                None => {
                    return match last.answer {
                        Answer::Timeout | Answer::Refused => Got::of(Answer::ServFail),
                        _ => last,
                    }
                }
            }
        }
        Got::of(Answer::ServFail)
    }

    /// Public DNS: the most specific public zone covering the name answers; none: the
    /// name does not exist. Delegations in public zones are followed from `from`.
    fn public(&mut self, from: Option<&str>, q: &Q) -> Got {
        let best = self
            .r
            .sc
            .zones
            .iter()
            .filter(|z| z.scope == ZoneScope::Public && z.covers(&q.name))
            .max_by_key(|z| z.origin.label_count());
        let Some(zone) = best else {
            self.trace.push(Step::Reply {
                server: ServerRef::Internet,
                answer: Answer::NxDomain,
            });
            return Got {
                answer: Answer::NxDomain,
                negative_ttl: 300,
            };
        };
        match zone.lookup(&q.name, q.rtype) {
            ZoneLookup::Referral { cut, addresses, .. } => {
                self.trace.push(Step::Referral {
                    server: ServerRef::Internet,
                    zone: zone.id.clone(),
                    cut,
                    targets: addresses.clone(),
                });
                match from {
                    Some(f) => self.follow(f, None, &addresses, false, q),
                    None => Got::of(Answer::ServFail),
                }
            }
            other => self.zone_answer(&ServerRef::Internet, zone, other),
        }
    }
}

/// The record values a resolution returns for its type, for comparisons.
pub fn answer_values(answer: &Answer, rtype: RecordType) -> Vec<String> {
    let mut v = answer.values(rtype);
    crate::order::sort_by(&mut v, |a, b| a.cmp(b));
    v
}
