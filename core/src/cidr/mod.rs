//! Address planning: exact CIDR arithmetic for IPv4 and IPv6, provider rules and a
//! multi-cloud plan checker.
//!
//! | module | what it does |
//! |---|---|
//! | [`prefix`] | parse addresses and prefixes with precise errors; facts about a prefix |
//! | [`special`] | the IANA special-purpose registries (RFC 1918, RFC 6598, ULA, ...) |
//! | [`provider`] | reserved addresses and size limits of AWS, Azure, Google Cloud, on-premises |
//! | [`ops`] | split, allocate, summarise, exclude, free blocks |
//! | [`plan`] | a plan of named networks: overlaps, rule violations, suggested fixes, edits |
//! | [`space`] | the address-space view: a prefix divided and joined, each part's users |
//! | [`exercise`] | planner exercises for the lessons |
//! | [`CidrError`] | the error every fallible function here returns |
//!
//! Everything works on [`ipnet::IpNet`]. Internally a prefix is also a closed range of
//! integers (IPv4 in the low 32 bits of a `u128`), which keeps the arithmetic exact at
//! `/0`, `/32` and `/128`.
//!
//! ```
//! use cloudhop_core::cidr::{ops, prefix};
//! let a = prefix::parse_prefix("10.0.0.0/24").unwrap();
//! let b = prefix::parse_prefix("10.0.1.0/24").unwrap();
//! let sum = ops::summarize(&[a, b]);
//! assert_eq!(sum[0].to_string(), "10.0.0.0/23");
//! ```

pub use error::CidrError;
pub use ipnet::IpNet;

mod error;
pub mod exercise;
pub mod ops;
pub mod plan;
pub mod prefix;
pub mod provider;
pub mod space;
mod span;
pub mod special;

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
