//! Hybrid DNS: follow a query across on-premises and cloud resolvers, step by step.
//!
//! A [`scenario::Scenario`] holds networks (AWS VPCs, Azure VNets, Google Cloud VPC
//! networks, on-premises sites) and the links between them, DNS servers (domain
//! controllers, BIND), cloud resolver endpoints, rules, zones with records, and clients.
//! [`resolve::resolve`] sends a client's query through it and returns the answer and the
//! trace of every step; [`cache::Cache`] keeps answers for their TTL on a clock the lab
//! moves; [`diagnosis::diagnose`] names what is wrong behind a failure, with the fix.
//! The lab edits a scenario only through [`edit::DnsEdit`], which validates.
//!
//! | module | concept |
//! |---|---|
//! | [`names`] | domain names |
//! | [`records`] | records and zones, what a zone says about a name |
//! | [`network`] | networks, links, clients; the built-in resolver addresses |
//! | [`resolvers`] | DNS servers and cloud resolver endpoints |
//! | [`rules`] | forwarding rules, ruleset rules, forwarding and peering zones, conditional forwarders |
//! | [`precedence`] | which rule or zone wins, per provider, with sources |
//! | [`reach`] | whether a query can travel between networks, and why not |
//! | [`scenario`] | the whole scenario and its validation |
//! | [`cache`] | caches with TTLs and the clock |
//! | [`trace`] | answers and the typed steps of a trace |
//! | [`resolve`] | the resolution itself |
//! | [`explain`] | every text about a trace: one sentence per step |
//! | [`diagnosis`] | the misconfiguration behind a failure, in words, with the fix |
//! | [`edit`] | the learner's edits, validated |
//! | [`presets`] | ready-made scenarios, the exercises' starting points |
//! | [`exercise`] | exercises: goals, checks |
//! | [`error`] | `DnsError` |

pub mod cache;
pub mod diagnosis;
pub mod edit;
pub mod error;
pub mod exercise;
pub mod explain;
pub mod layout;
pub mod names;
pub mod network;
pub mod precedence;
pub mod presets;
pub mod reach;
pub mod records;
pub mod resolve;
pub mod resolvers;
pub mod rules;
pub mod scenario;
mod tagged;
pub mod trace;

#[cfg(test)]
mod provider_tests;
