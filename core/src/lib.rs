//! # cloudhop-core
//!
//! The pure engines behind cloudhop. Nothing here knows about the browser: every function
//! takes plain data and returns plain data, so the same code runs in the web app (compiled
//! to WebAssembly), in the `cloudhop` command-line tool and in tests.
//!
//! | module | what it computes |
//! |---|---|
//! | [`cidr`] | IPv4/IPv6 prefixes, address plans, overlaps, free space |
//! | [`bgp`] | best-path selection and route propagation between autonomous systems |
//! | [`latency`] | region catalog, round-trip-time model, mesh / hub / relay / exchange topologies |
//! | [`dns`] | hybrid DNS: resolvers, endpoints, rules, zones; resolution traced step by step |
//! | [`failover`] | DNS, tunnel and region failover timelines |
//! | [`provider`] | the clouds and on-premises: one `Provider` for the planner and the latency model |
//! | [`quiz`] | quiz items, answers and scoring |
//! | [`progress`] | the learner's progress and its versioned storage format |
//! | [`exercise`] | the lab contract: exercises, verdicts, versioned lab state |
//! | [`labs`] | the labs, listed once, each on the contract |
//! | [`share`] | scenario text that travels in URLs |
//! | [`embed`] | embedding a lab: embed URL parameters, host origin, the `cloudhop:*` messages |
//! | [`shared_record`] | one stored progress record written by several tabs |
//! | [`message`] | messages for people: the names they quote |
//! | [`order`] | one stable sort for the whole program (small wasm) |
//! | [`pretty_json`] | pretty JSON from compact text (one serialisation per type in a bundle) |
//! | [`workshop`] | instructor-led workshops: links, hand-in receipts, class reports |
//! | [`xapi`] | xAPI statements for a learning record store: launch parameters, events, statements |
//!
//! Bad input is an `Err` with a message for a person, never a panic: a panic in
//! WebAssembly kills the page.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod bgp;
pub mod cidr;
pub mod dns;
pub mod embed;
pub mod exercise;
pub mod failover;
pub mod labs;
pub mod latency;
pub mod legible;
pub mod limits;
pub mod message;
pub mod order;
pub mod pretty_json;
pub mod progress;
pub mod provider;
pub mod quiz;
pub mod scorm;
pub mod share;
pub mod shared_record;
pub mod workshop;
pub mod xapi;
