//! Reusable pieces of the pages.

pub mod prose;
pub mod quiz;
