//! BGP: how routers pick a best path, and how routes spread between autonomous systems.
//!
//! | module | what it holds |
//! |---|---|
//! | [`asn`] | AS numbers: reserved and private ranges, reading one a learner typed |
//! | [`path`] | AS paths as a learner reads and writes them ("64600 65001") |
//! | [`error`] | what can go wrong in a learner's edit or input, as sentences |
//! | [`decision`] | the router-level best-path decision process, with a step-by-step trace |
//! | [`route`] | an AS-level route: the AS path and whom it was learned from |
//! | [`topology`] | ASes and their business relationships (customer, provider, peer), validated |
//! | [`policy`] | teaching extras on top of the default policy: prepending, local preference, leaks |
//! | [`network`] | a scenario checked and built, and the routing tables (`Ribs`) computed over it |
//! | [`scenario`] | a whole lab scenario as JSON: links, announcements, policy, failures |
//! | [`edit`] | the lab's edits of a scenario, validated: failures, policy, announcements |
//! | [`selection`] | the AS-level preference and export rules, and why one route wins |
//! | [`propagation`] | the stable routing state, computed directly in O(V+E) |
//! | [`events`] | the same state reached by UPDATE and WITHDRAW messages, one at a time |
//! | [`stable`] | a network's stable state: direct, or event-driven when extras are on |
//! | [`reconverge`] | a scenario edit (failure, restore, announcement) applied to a converged network |
//! | [`replay`] | playback of propagation and re-convergence for the lab, and its controls |
//! | [`forwarding`] | longest-prefix match and the path traffic really takes |
//! | [`seeds`] | the lab's ready-made scenarios |
//! | [`generate`] | tiered synthetic internet topologies for benchmarks |
//! | [`exercise`] | lab exercises and their checks |
//!
//! ```
//! use cloudhop_core::bgp::scenario::Scenario;
//! let s = Scenario::from_json(r#"{"links": [{"provider": 1, "customer": 2}, {"peer": [1, 3]}],
//!     "announcements": [{"prefix": "10.0.0.0/24", "origin": 2}]}"#).unwrap();
//! let ribs = s.compute().unwrap();
//! let at3 = ribs.route("10.0.0.0/24".parse().unwrap(), 3).unwrap();
//! assert_eq!(at3.as_path, vec![1, 2]);
//! ```

pub mod asn;
pub mod decision;
pub mod drawing;
pub mod edit;
pub mod error;
pub mod events;
pub mod exercise;
pub mod forwarding;
pub mod generate;
pub mod network;
pub mod path;
pub mod policy;
pub mod propagation;
pub mod reconverge;
pub mod replay;
pub mod route;
pub mod scenario;
pub mod seeds;
pub mod selection;
pub mod stable;
pub mod topology;
