//! How the app knows it runs inside a package: the launch address in the manifest carries
//! `lms=<version>` and `pkg=<package id>` in its query (`index.html?lms=scorm12&pkg=cloudhop-course`),
//! and for a workshop package `w=<workshop link>`. A standalone copy has none of these.
//!
//! ```
//! use cloudhop_core::scorm::launch::{Launch, PackageId};
//! use cloudhop_core::scorm::Version;
//! let l = Launch { version: Version::Scorm2004, package: PackageId::new("cloudhop-course").unwrap(), workshop: None };
//! assert_eq!(l.href(), "index.html?lms=scorm2004&pkg=cloudhop-course");
//! assert_eq!(Launch::from_query("?lms=scorm2004&pkg=cloudhop-course"), Ok(Some(l)));
//! assert_eq!(Launch::from_query(""), Ok(None));
//! ```

use super::Version;
use std::fmt;

/// The longest package id.
pub const MAX_ID_CHARS: usize = 64;

/// A package's identifier: `a-z`, `0-9` and `-`, 1 to 64 characters. It names the manifest
/// and prefixes every storage key the app writes inside the package.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PackageId(String);

impl PackageId {
    /// Check an id.
    ///
    /// ```
    /// use cloudhop_core::scorm::launch::PackageId;
    /// assert!(PackageId::new("cloudhop-day-one").is_ok());
    /// assert!(PackageId::new("Day One").is_err());
    /// ```
    pub fn new(id: &str) -> Result<PackageId, LaunchError> {
        let ok = !id.is_empty()
            && id.chars().count() <= MAX_ID_CHARS
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if ok {
            Ok(PackageId(id.to_string()))
        } else {
            Err(LaunchError::BadPackageId(super::shown(id)))
        }
    }

    /// The id of a package built from workshop `id` (ids of workshops are free text):
    /// `cloudhop-` and the id's letters and digits, lower case, other runs as one `-`.
    ///
    /// ```
    /// use cloudhop_core::scorm::launch::PackageId;
    /// assert_eq!(PackageId::for_workshop("Day One/2026").as_str(), "cloudhop-day-one-2026");
    /// assert_eq!(PackageId::course().as_str(), "cloudhop-course");
    /// ```
    pub fn for_workshop(id: &str) -> PackageId {
        let mut slug = String::new();
        for c in id.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        let slug = if slug.is_empty() { "workshop" } else { slug };
        let id: String = format!("cloudhop-{slug}")
            .chars()
            .take(MAX_ID_CHARS)
            .collect();
        PackageId(id.trim_end_matches('-').to_string())
    }

    /// The id of the whole-course package.
    pub fn course() -> PackageId {
        PackageId("cloudhop-course".to_string())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The prefix of every storage key the app writes inside this package, so a package
    /// and a standalone copy (keys `cloudhop.…`) on one origin never share a key.
    ///
    /// ```
    /// use cloudhop_core::scorm::launch::PackageId;
    /// assert_eq!(PackageId::course().storage_prefix(), "scorm.cloudhop-course:");
    /// ```
    pub fn storage_prefix(&self) -> String {
        format!("scorm.{}:", self.0)
    }
}

impl fmt::Display for PackageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A launch inside a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    /// The SCORM version of the package.
    pub version: Version,
    /// The package's id.
    pub package: PackageId,
    /// For a workshop package, the workshop link (`#/workshop?w=1.…`) the package opens.
    pub workshop: Option<String>,
}

/// Why a launch address was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LaunchError {
    /// `lms=` names no version this build knows.
    UnknownLms(String),
    /// `pkg=` is missing.
    NoPackageId,
    /// `pkg=` is not a package id.
    BadPackageId(String),
}

impl fmt::Display for LaunchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LaunchError::UnknownLms(t) => write!(
                f,
                "the launch address names an unknown LMS runtime `{t}` (scorm12 or scorm2004)"
            ),
            LaunchError::NoPackageId => f.write_str("the launch address has no package id (pkg=)"),
            LaunchError::BadPackageId(t) => write!(
                f,
                "`{t}` is not a package id: use a-z, 0-9 and -, at most {MAX_ID_CHARS} characters"
            ),
        }
    }
}

impl Launch {
    /// Read `location.search`: `Ok(None)` without `lms=` (a standalone copy).
    pub fn from_query(search: &str) -> Result<Option<Launch>, LaunchError> {
        let mut lms = None;
        let mut pkg = None;
        let mut workshop = None;
        for pair in search.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "lms" => lms = Some(v),
                "pkg" => pkg = Some(v),
                "w" => workshop = Some(format!("#/workshop?w={v}")),
                _ => {}
            }
        }
        let Some(lms) = lms else { return Ok(None) };
        let version =
            Version::from_token(lms).ok_or_else(|| LaunchError::UnknownLms(super::shown(lms)))?;
        let package = PackageId::new(pkg.ok_or(LaunchError::NoPackageId)?)?;
        Ok(Some(Launch {
            version,
            package,
            workshop,
        }))
    }

    /// The launch address relative to the package root, as the manifest's `href`.
    ///
    /// ```
    /// use cloudhop_core::scorm::launch::{Launch, PackageId};
    /// use cloudhop_core::scorm::Version;
    /// let l = Launch { version: Version::Scorm12, package: PackageId::course(), workshop: Some("#/workshop?w=1.abc".into()) };
    /// assert_eq!(l.href(), "index.html?lms=scorm12&pkg=cloudhop-course&w=1.abc");
    /// assert_eq!(Launch::from_query(&l.href()["index.html".len()..]), Ok(Some(l)));
    /// ```
    pub fn href(&self) -> String {
        let mut out = format!(
            "index.html?lms={}&pkg={}",
            self.version.token(),
            self.package
        );
        if let Some(w) = &self.workshop {
            let payload = w.rsplit_once("w=").map_or(w.as_str(), |(_, p)| p);
            out.push_str("&w=");
            out.push_str(payload);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bad_launches() {
        assert!(matches!(
            Launch::from_query("?lms=aicc&pkg=x"),
            Err(LaunchError::UnknownLms(_))
        ));
        assert_eq!(
            Launch::from_query("?lms=scorm12"),
            Err(LaunchError::NoPackageId)
        );
        assert!(matches!(
            Launch::from_query("?lms=scorm12&pkg=%3Cx%3E"),
            Err(LaunchError::BadPackageId(_))
        ));
        assert_eq!(Launch::from_query("?s=1&x"), Ok(None));
    }

    #[test]
    fn workshop_ids_become_package_ids() {
        for id in ["", "---", "Ünïcode", &"x".repeat(200), "a"] {
            let p = PackageId::for_workshop(id);
            assert!(PackageId::new(p.as_str()).is_ok(), "{id:?} -> {p}");
        }
    }
}
