//! Topologies over a set of sites: full mesh, hub-and-spoke, relayed and cloud exchange.
//!
//! | topology | path between two sites | tunnels / links to configure |
//! |---|---|---|
//! | `mesh` | direct, one tunnel | n(n-1)/2 |
//! | `hub:ID` | site → hub → site, two tunnels (the hub decrypts and re-encrypts) | n (n-1 if the hub is one of the sites) |
//! | `relay` | direct, except the `nat_share` of pairs stuck behind symmetric NAT, which go through the relay that minimises their RTT (one end-to-end tunnel) | n(n-1)/2 |
//! | `exchange:ID` | site → exchange metro → site over private circuits, no tunnels | n |
//!
//! `hub:best` / `hub:best-worst` pick the hub (among the sites, or given candidates) that
//! minimises the mean or the worst pair RTT; `exchange:best` / `exchange:best-worst` do
//! the same over the catalog's exchange metros.
//!
//! ```
//! use cloudhop_core::latency::topology::{Network, Params, TopologySpec};
//! use cloudhop_core::latency::catalog::{resolve_sites, SiteSpec};
//! let ids = ["aws:us-east-1", "aws:eu-west-1", "aws:ap-northeast-1", "aws:sa-east-1"];
//! let sites = resolve_sites(&ids.map(|s| SiteSpec::Id(s.into()))).unwrap();
//! let net = Network::new(sites).unwrap();
//! let p = Params::default();
//! let mesh = net.evaluate(&TopologySpec::Mesh, &p).unwrap();
//! let hub = net.evaluate(&TopologySpec::parse("hub:aws:us-east-1").unwrap(), &p).unwrap();
//! assert_eq!((mesh.links, hub.links), (6, 3));
//! // Every pair not touching the hub detours through Virginia.
//! assert!(hub.via_of(1, 2).is_some() && mesh.via_of(1, 2).is_none());
//! ```
//!
//! | module | what it holds |
//! |---|---|
//! | `spec` | [`TopologySpec`], [`TopologyKind`], [`Choice`]: what to evaluate, and its text form |
//! | `params` | [`Params`]: tunnel overhead, NAT share, failures, relays, hub candidates |
//! | `scenario` | [`Scenario`]: sites, topologies and parameters together |
//! | `network` | [`Network`]: the sites and the direct RTT of every pair |
//! | `drawing` | [`Drawing`]: which links and intermediates a map draws |
//! | `edit` | the lab's edits of a [`Scenario`] (add, remove, fail, sliders) |
//! | `evaluate` | each topology's paths, the statistics, [`Network::failure_impact`] |
//! | `hub` | scoring and ranking hub and exchange candidates |
//! | `relay` | which pairs are relayed and the search for their best relay |
//! | `result` | [`TopologyResult`], [`HubScore`], [`FailureImpact`] |
//! | `working` | [`PairWorking`]: how one pair's RTT is made up |

mod drawing;
mod edit;
mod evaluate;
mod hub;
mod network;
mod params;
mod relay;
mod result;
mod scenario;
mod spec;
mod working;

pub use drawing::Drawing;
pub use edit::MAX_SLIDER_TUNNEL_MS;
pub use network::{floor_between, Network, MAX_SITES};
pub use params::Params;
pub use result::{FailureImpact, HubScore, Objective, TopologyResult};
pub use scenario::Scenario;
pub use spec::{Choice, TopologyKind, TopologySpec};
pub use working::{Legs, PairWorking};

#[cfg(test)]
mod tests;
