//! `imsmanifest.xml`: one organization, one item, one SCO resource listing every file of
//! the package.
//!
//! SCORM 1.2 (ADL SCORM 1.2 CAM: IMS CP 1.1.2 `imscp_rootv1p1p2`, `adlcp_rootv1p2`,
//! `adlcp:scormtype="sco"`, schemaversion `1.2`) and SCORM 2004 4th Edition (IMS CP 1.1
//! `imscp_v1p1`, `adlcp_v1p3`, `adlseq_v1p3`, `adlnav_v1p3`, `imsss`,
//! `adlcp:scormType="sco"`, schemaversion `2004 4th Edition`). Every text is XML-escaped.
//!
//! ```
//! use cloudhop_core::scorm::manifest::Manifest;
//! use cloudhop_core::scorm::launch::{Launch, PackageId};
//! use cloudhop_core::scorm::Version;
//! let m = Manifest {
//!     launch: Launch { version: Version::Scorm12, package: PackageId::course(), workshop: None },
//!     title: "Networks & <clouds>".into(),
//!     mastery_score: Some(70),
//!     files: vec!["index.html".into()],
//! };
//! let xml = m.to_xml();
//! assert!(xml.contains(r#"adlcp:scormtype="sco""#));
//! assert!(xml.contains("<schemaversion>1.2</schemaversion>"));
//! assert!(xml.contains("Networks &amp; &lt;clouds&gt;"));
//! ```

use super::launch::Launch;
use super::Version;

/// What the manifest says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The launch (version, package id, workshop) the resource's `href` carries.
    pub launch: Launch,
    /// The title an LMS shows for the package and its one item.
    pub title: String,
    /// SCORM 1.2's `adlcp:masteryscore` (percent), or `None`. cloudhop reports the status
    /// itself, so an LMS needs none; 2004 has no such element in the manifest.
    pub mastery_score: Option<u8>,
    /// Every file of the package, relative to its root, `/`-separated.
    pub files: Vec<String>,
}

/// XML-escape text for an element or an attribute value.
///
/// ```
/// assert_eq!(cloudhop_core::scorm::manifest::escape(r#"a<b>&"c'"#), "a&lt;b&gt;&amp;&quot;c&apos;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all are left out.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

impl Manifest {
    /// The document.
    pub fn to_xml(&self) -> String {
        let id = self.launch.package.as_str();
        let title = escape(&self.title);
        let href = escape(&self.launch.href());
        let files: String = self
            .files
            .iter()
            .map(|f| format!("      <file href=\"{}\"/>\n", escape(f)))
            .collect();
        match self.launch.version {
            Version::Scorm12 => {
                let mastery = self
                    .mastery_score
                    .map(|m| format!("        <adlcp:masteryscore>{m}</adlcp:masteryscore>\n"))
                    .unwrap_or_default();
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="{id}-org">
    <organization identifier="{id}-org">
      <title>{title}</title>
      <item identifier="{id}-item" identifierref="{id}-sco" isvisible="true">
        <title>{title}</title>
{mastery}      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{id}-sco" type="webcontent" adlcp:scormtype="sco" href="{href}">
{files}    </resource>
  </resources>
</manifest>
"#
                )
            }
            Version::Scorm2004 => format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="{id}-org">
    <organization identifier="{id}-org">
      <title>{title}</title>
      <item identifier="{id}-item" identifierref="{id}-sco">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{id}-sco" type="webcontent" adlcp:scormType="sco" href="{href}">
{files}    </resource>
  </resources>
</manifest>
"#
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scorm::launch::PackageId;

    fn manifest(version: Version) -> Manifest {
        Manifest {
            launch: Launch {
                version,
                package: PackageId::new("cloudhop-day-one").unwrap(),
                workshop: Some("#/workshop?w=1.a&b".into()),
            },
            title: "Day \"one\"".into(),
            mastery_score: None,
            files: vec!["index.html".into(), "a&b.js".into()],
        }
    }

    #[test]
    fn scorm_2004_manifest_declares_what_an_lms_expects() {
        let xml = manifest(Version::Scorm2004).to_xml();
        for needle in [
            "<schemaversion>2004 4th Edition</schemaversion>",
            r#"adlcp:scormType="sco""#,
            r#"xmlns="http://www.imsglobal.org/xsd/imscp_v1p1""#,
            r#"xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3""#,
            "imsss_v1p0.xsd",
            r#"href="index.html?lms=scorm2004&amp;pkg=cloudhop-day-one&amp;w=1.a&amp;b""#,
            r#"<file href="a&amp;b.js"/>"#,
            "<title>Day &quot;one&quot;</title>",
        ] {
            assert!(xml.contains(needle), "{needle} missing in\n{xml}");
        }
        assert!(!xml.contains("scormtype="));
    }

    #[test]
    fn scorm_12_manifest_uses_the_12_schemas() {
        let mut m = manifest(Version::Scorm12);
        m.mastery_score = Some(70);
        let xml = m.to_xml();
        assert!(xml.contains(r#"xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2""#));
        assert!(xml.contains(r#"adlcp:scormtype="sco""#));
        assert!(xml.contains("<adlcp:masteryscore>70</adlcp:masteryscore>"));
        assert!(!xml.contains("scormType"));
        // Balanced: every element opened is closed (a cheap well-formedness check).
        assert_eq!(
            xml.matches("<item ").count(),
            xml.matches("</item>").count()
        );
        assert_eq!(
            xml.matches("<resource ").count(),
            xml.matches("</resource>").count()
        );
    }

    #[test]
    fn control_characters_are_left_out() {
        assert_eq!(escape("a\u{1}b\tc"), "ab\tc");
    }
}
