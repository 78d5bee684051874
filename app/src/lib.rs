//! The cloudhop web app: Yew function components over `cloudhop-core` and
//! `cloudhop-lessons`. It renders what the engines compute and keeps UI state; it computes
//! nothing of its own.

#![forbid(unsafe_code)]

pub mod app;
pub mod chrome;
pub mod chunks;
pub mod components;
pub mod embed;
pub mod labs;
pub mod pages;
pub mod route;
pub mod scope;
pub mod scorm;
pub mod state;
pub mod storage;
pub mod workshop;
pub mod xapi;
