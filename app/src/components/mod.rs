//! Reusable pieces of the pages.

pub mod code;
pub mod message;
pub mod prose;
pub mod quiz;
