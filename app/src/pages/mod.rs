//! The app's pages.

pub mod course_map;
pub mod glossary;
pub mod lesson;
pub mod progress;
