//! Failover timelines: how long DNS, tunnel, data and region failovers take, phase by
//! phase, and what is lost on the way.
//!
//! | module | what it models |
//! |---|---|
//! | [`error`] | what can go wrong, as [`error::FailoverError`] |
//! | [`timeline`] | phases (detect, decide, propagate, recover) and their invariants |
//! | [`defaults`] | vendor defaults with the documentation they come from |
//! | [`dns`] | health checks, TTLs, resolvers that cap or ignore them, client caches |
//! | [`tunnel`] | IPsec dead-peer detection and re-keying; BGP hold timers and BFD |
//! | [`data`] | caches fed across clouds; restoring a backup in another cloud |
//! | [`region`] | a region failover: DNS, data and capacity together |
//! | [`knobs`] | the lab's settings per model: ranges, conditions, checked edits |
//! | [`display`] | durations, counts, figures and phase captions for a person |
//! | [`model`] | the models by name ([`model::Model`]) |
//! | [`scenario`] | any of the above as tagged JSON, presets, comparable reports |
//! | [`exercise`] | lesson exercises checked against the models |
//!
//! ```
//! use cloudhop_core::failover::scenario::Scenario;
//! let report = Scenario::preset("static-site").unwrap().evaluate().unwrap();
//! assert!(report.timeline.is_well_formed());
//! ```

pub mod data;
pub mod defaults;
pub mod display;
pub mod dns;
pub mod error;
pub mod exercise;
pub mod knobs;
pub mod model;
pub mod region;
pub mod scenario;
pub mod timeline;
pub mod tunnel;

#[cfg(test)]
mod props;
