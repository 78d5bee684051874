//! (latency engine: being built; see the issue for this lab.)

pub mod exercise;
