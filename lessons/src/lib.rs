//! The course as data (being built).
