//! The app's pages.

pub mod chunked;
pub mod class_lrs;
pub mod class_report;
pub mod course_map;
pub mod glossary;
pub mod hand_in;
pub mod instructor;
pub mod lesson;
pub mod presenter;
pub mod progress;
pub mod qr_scan;
pub mod workshop;
pub mod workshop_source;
