//! SCORM: the course (or one workshop) as a package an LMS imports, and what the app tells
//! the LMS's runtime while a learner works in it.
//!
//! - [`launch`]: how the app knows it runs inside a package (the launch address the CLI
//!   writes into the manifest: `index.html?lms=scorm12&pkg=<id>`), typed.
//! - [`manifest`]: `imsmanifest.xml` for SCORM 1.2 and SCORM 2004 4th Edition.
//! - [`suspend`]: the progress record packed into `suspend_data` (4,096 characters in SCORM
//!   1.2, for the whole course) and read back.
//! - [`report`]: completion, success, score and exit, as the data-model values of each version,
//!   from the lesson standings `core::progress` computes.
//! - [`zip`]: the package's zip archive (stored or DEFLATE entries).
//!
//! The package is **one SCO**: one progress record spans the lessons (the course map, the
//! pass rule and the labs are shared), so one `suspend_data`, one score and one status
//! give the gradebook one grade for the course (or the workshop).
//!
//! ```
//! use cloudhop_core::scorm::Version;
//! assert_eq!(Version::parse("1.2"), Ok(Version::Scorm12));
//! assert_eq!(Version::Scorm2004.api_name(), "API_1484_11");
//! ```

pub mod launch;
pub mod manifest;
pub mod report;
pub mod suspend;
pub mod zip;

use std::fmt;

/// The SCORM edition a package is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    /// SCORM 1.2 (the runtime object is `API`).
    Scorm12,
    /// SCORM 2004 4th Edition (the runtime object is `API_1484_11`).
    Scorm2004,
}

/// A version name that is not `1.2` or `2004`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadVersion(pub String);

impl fmt::Display for BadVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown SCORM version `{}`: use 1.2 or 2004",
            shown(&self.0)
        )
    }
}

impl Version {
    /// From the command line's `1.2` or `2004`.
    ///
    /// ```
    /// use cloudhop_core::scorm::Version;
    /// assert_eq!(Version::parse("2004"), Ok(Version::Scorm2004));
    /// assert!(Version::parse("1.3").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Version, BadVersion> {
        match text.trim() {
            "1.2" => Ok(Version::Scorm12),
            "2004" => Ok(Version::Scorm2004),
            other => Err(BadVersion(other.to_string())),
        }
    }

    /// The name of the runtime object the LMS puts in a parent frame.
    pub fn api_name(self) -> &'static str {
        match self {
            Version::Scorm12 => "API",
            Version::Scorm2004 => "API_1484_11",
        }
    }

    /// The value of `lms=` in the launch address.
    ///
    /// ```
    /// assert_eq!(cloudhop_core::scorm::Version::Scorm12.token(), "scorm12");
    /// ```
    pub fn token(self) -> &'static str {
        match self {
            Version::Scorm12 => "scorm12",
            Version::Scorm2004 => "scorm2004",
        }
    }

    /// The version for a `lms=` token.
    pub fn from_token(token: &str) -> Option<Version> {
        match token {
            "scorm12" => Some(Version::Scorm12),
            "scorm2004" => Some(Version::Scorm2004),
            _ => None,
        }
    }

    /// The most characters `suspend_data` may hold: 4,096 in SCORM 1.2, 64,000 in 2004.
    /// cloudhop packs to the 1.2 limit in both, so a record moves between packages.
    pub fn suspend_limit(self) -> usize {
        match self {
            Version::Scorm12 => 4096,
            Version::Scorm2004 => 64_000,
        }
    }

    /// The most characters the location element may hold (`cmi.core.lesson_location`:
    /// 255; `cmi.location`: 1,000).
    pub fn location_limit(self) -> usize {
        match self {
            Version::Scorm12 => 255,
            Version::Scorm2004 => 1000,
        }
    }

    /// The data-model element for the location.
    pub fn location_element(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.lesson_location",
            Version::Scorm2004 => "cmi.location",
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Version::Scorm12 => "SCORM 1.2",
            Version::Scorm2004 => "SCORM 2004 4th Edition",
        })
    }
}

/// Text from input, as a message quotes it: at most 40 characters, no backticks.
fn shown(text: &str) -> String {
    text.chars().filter(|&c| c != '`').take(40).collect()
}
