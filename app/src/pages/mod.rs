//! The app's pages.

pub mod course_map;
pub mod glossary;
pub mod hand_in;
pub mod instructor;
pub mod lesson;
pub mod progress;
pub mod workshop;
