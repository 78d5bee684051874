//! The app's pages.

pub mod class_report;
pub mod course_map;
pub mod glossary;
pub mod lesson;
pub mod presenter;
pub mod progress;
pub mod qr_scan;
pub mod workshop_source;
