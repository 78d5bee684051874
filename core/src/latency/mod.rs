//! Latency: where the clouds are, how long a round trip between them takes, and what
//! mesh, hub-and-spoke, relayed and exchange topologies cost in latency, links and failure
//! exposure.
//!
//! | module | what it holds |
//! |---|---|
//! | [`geo`] | positions, great-circle distance, the physical floor (light in fibre) |
//! | [`catalog`] | every AWS, Google Cloud and Azure region, relays, exchange metros, on-prem sites |
//! | [`model`] | the calibrated RTT estimate, never below the floor |
//! | [`calibration`] | published measurements, the fit and its error |
//! | [`topology`] | mesh / hub / relay / exchange matrices, statistics, failures, best hub |
//! | [`exercise`] | lesson exercises checked against the engine |
//! | [`explain`] | the model's formula and the working of estimates, topologies and pairs, in words |
//! | [`error`] | [`LatencyError`](error::LatencyError), the engine's error type |
//!
//! ```
//! use cloudhop_core::latency::topology::{Scenario, TopologySpec};
//! let sc: Scenario = serde_json::from_str(
//!     r#"{"sites": ["aws:us-east-1", "gcp:europe-west1", "azure:japaneast"]}"#).unwrap();
//! let net = sc.network().unwrap();
//! let mesh = net.evaluate(&TopologySpec::Mesh, &sc.params()).unwrap();
//! assert_eq!(mesh.links, 3);
//! ```

pub mod calibration;
pub mod catalog;
pub mod error;
pub mod exercise;
pub mod explain;
pub mod geo;
pub mod map_labels;
pub mod model;
pub mod topology;
