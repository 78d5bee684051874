//! Reusable pieces of the pages.

pub mod code;
pub mod message;
pub mod prose;
pub mod quiz;
pub mod share_embed;
