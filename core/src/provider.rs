//! Where a network or a site lives: one of the three clouds, or on-premises.
//!
//! One type for every engine. The address planner ([`crate::cidr`]) places networks with
//! any of the four, in [`Provider::ALL`] order; the latency model ([`crate::latency`])
//! places cloud regions with the three clouds, in [`Provider::CLOUDS`] order, and keeps
//! the user's own sites apart (their site kind, not their provider, says so).
//!
//! In JSON a provider is its lowercase id: `aws`, `azure`, `gcp` or `onprem`.
//!
//! ```
//! use cloudhop_core::provider::Provider;
//! let p: Provider = "google".parse().unwrap();
//! assert_eq!((p.id(), p.title()), ("gcp", "Google Cloud"));
//! assert_eq!(serde_json::to_string(&Provider::Onprem).unwrap(), r#""onprem""#);
//! assert_eq!(Provider::from_prefix("azure"), Some(Provider::Azure));
//! assert_eq!(Provider::from_prefix("onprem"), None);
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a network lives: a cloud provider, or your own premises (the default).
///
/// ```
/// use cloudhop_core::provider::Provider;
/// assert_eq!(Provider::default(), Provider::Onprem);
/// assert_eq!(Provider::Aws.to_string(), "aws");
/// assert!(Provider::Gcp.is_cloud() && !Provider::Onprem.is_cloud());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Amazon Web Services.
    Aws,
    /// Microsoft Azure.
    Azure,
    /// Google Cloud.
    Gcp,
    /// Your own data centre or office.
    #[default]
    Onprem,
}

impl Provider {
    /// All providers in the address planner's display order: on-premises first, then
    /// the clouds alphabetically.
    ///
    /// ```
    /// use cloudhop_core::provider::Provider;
    /// let ids: Vec<&str> = Provider::ALL.iter().map(|p| p.id()).collect();
    /// assert_eq!(ids, ["onprem", "aws", "azure", "gcp"]);
    /// ```
    pub const ALL: [Provider; 4] = [
        Provider::Onprem,
        Provider::Aws,
        Provider::Azure,
        Provider::Gcp,
    ];

    /// The cloud providers in the latency lab's display order (the catalog's order).
    ///
    /// ```
    /// use cloudhop_core::provider::Provider;
    /// let ids: Vec<&str> = Provider::CLOUDS.iter().map(|p| p.id()).collect();
    /// assert_eq!(ids, ["aws", "gcp", "azure"]);
    /// ```
    pub const CLOUDS: [Provider; 3] = [Provider::Aws, Provider::Gcp, Provider::Azure];

    /// Parse a provider as a person types it: `aws` (or `amazon`), `azure`, `gcp` (or
    /// `google`, `googlecloud`), `onprem` (or `on-prem`, `on-premises`), in any case and
    /// with spaces around.
    ///
    /// ```
    /// use cloudhop_core::provider::Provider;
    /// assert_eq!(Provider::parse("GCP").unwrap(), Provider::Gcp);
    /// assert_eq!(Provider::parse(" on-prem ").unwrap(), Provider::Onprem);
    /// assert_eq!(
    ///     Provider::parse("Oracle").unwrap_err().to_string(),
    ///     "unknown provider `oracle`: use aws, azure, gcp or onprem"
    /// );
    /// ```
    pub fn parse(text: &str) -> Result<Provider, UnknownProvider> {
        match text.trim().to_ascii_lowercase().as_str() {
            "aws" | "amazon" => Ok(Provider::Aws),
            "azure" => Ok(Provider::Azure),
            "gcp" | "google" | "googlecloud" => Ok(Provider::Gcp),
            "onprem" | "on-prem" | "on-premises" => Ok(Provider::Onprem),
            other => Err(UnknownProvider {
                text: other.to_string(),
            }),
        }
    }

    /// The lowercase id, as used in JSON and as the prefix of a cloud region's site id
    /// (`aws:us-east-1`).
    ///
    /// ```
    /// use cloudhop_core::provider::Provider;
    /// assert_eq!(Provider::Azure.id(), "azure");
    /// assert_eq!(Provider::Onprem.id(), "onprem");
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Azure => "azure",
            Provider::Gcp => "gcp",
            Provider::Onprem => "onprem",
        }
    }

    /// The cloud provider whose regions' site ids start with this prefix (`aws`, `gcp`,
    /// `azure`), if any. `onprem` is none: an on-premises site is the user's own, not a
    /// provider's region.
    ///
    /// ```
    /// use cloudhop_core::provider::Provider;
    /// assert_eq!(Provider::from_prefix("gcp"), Some(Provider::Gcp));
    /// assert_eq!(Provider::from_prefix("ibm"), None);
    /// assert_eq!(Provider::from_prefix("onprem"), None);
    /// ```
    pub fn from_prefix(prefix: &str) -> Option<Provider> {
        Provider::CLOUDS.into_iter().find(|p| p.id() == prefix)
    }

    /// Whether this is one of the three clouds (not on-premises).
    ///
    /// ```
    /// use cloudhop_core::provider::Provider;
    /// assert!(Provider::Azure.is_cloud());
    /// assert!(!Provider::Onprem.is_cloud());
    /// ```
    pub fn is_cloud(self) -> bool {
        self != Provider::Onprem
    }

    /// The provider's name for people.
    ///
    /// ```
    /// use cloudhop_core::provider::Provider;
    /// assert_eq!(Provider::Gcp.title(), "Google Cloud");
    /// assert_eq!(Provider::Onprem.title(), "On-premises");
    /// ```
    pub fn title(self) -> &'static str {
        match self {
            Provider::Aws => "AWS",
            Provider::Azure => "Azure",
            Provider::Gcp => "Google Cloud",
            Provider::Onprem => "On-premises",
        }
    }

    /// The name with its indefinite article, to start a phrase: "an AWS", "an Azure",
    /// "a Google Cloud", "an on-premises".
    ///
    /// ```
    /// use cloudhop_core::provider::Provider;
    /// assert_eq!(format!("{} subnet", Provider::Gcp.with_article()), "a Google Cloud subnet");
    /// ```
    pub fn with_article(self) -> &'static str {
        match self {
            Provider::Aws => "an AWS",
            Provider::Azure => "an Azure",
            Provider::Gcp => "a Google Cloud",
            Provider::Onprem => "an on-premises",
        }
    }

    /// Where the address rules of [`crate::cidr::provider`] come from: the provider's
    /// documentation, or the RFCs for on-premises networks.
    ///
    /// ```
    /// use cloudhop_core::provider::Provider;
    /// assert_eq!(Provider::Gcp.source(), "https://cloud.google.com/vpc/docs/subnets");
    /// assert!(Provider::Onprem.source().starts_with("RFC"));
    /// ```
    pub fn source(self) -> &'static str {
        match self {
            Provider::Aws => "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
            Provider::Azure => {
                "https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq"
            }
            Provider::Gcp => "https://cloud.google.com/vpc/docs/subnets",
            Provider::Onprem => "RFC 919, RFC 3021, RFC 4291, RFC 6164",
        }
    }
}

/// The id: `aws`, `azure`, `gcp` or `onprem`.
///
/// ```
/// use cloudhop_core::provider::Provider;
/// assert_eq!(format!("{}", Provider::Gcp), "gcp");
/// ```
impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The same as [`Provider::parse`].
///
/// ```
/// use cloudhop_core::provider::Provider;
/// assert_eq!("Amazon".parse::<Provider>().unwrap(), Provider::Aws);
/// assert!("ibm".parse::<Provider>().is_err());
/// ```
impl FromStr for Provider {
    type Err = UnknownProvider;

    fn from_str(text: &str) -> Result<Provider, UnknownProvider> {
        Provider::parse(text)
    }
}

/// A provider name that is none of the four, as [`Provider::parse`] read it (trimmed,
/// lowercase).
///
/// ```
/// use cloudhop_core::provider::Provider;
/// let e = Provider::parse(" IBM ").unwrap_err();
/// assert_eq!(e.text(), "ibm");
/// assert_eq!(e.to_string(), "unknown provider `ibm`: use aws, azure, gcp or onprem");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownProvider {
    text: String,
}

impl UnknownProvider {
    /// The name that was not understood.
    ///
    /// ```
    /// use cloudhop_core::provider::Provider;
    /// assert_eq!(Provider::parse("Oracle").unwrap_err().text(), "oracle");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for UnknownProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown provider `{}`: use aws, azure, gcp or onprem",
            self.text
        )
    }
}

impl std::error::Error for UnknownProvider {}

/// The message, for callers that carry messages as text (as every engine's error does).
///
/// ```
/// use cloudhop_core::provider::Provider;
/// let m: String = Provider::parse("ibm").unwrap_err().into();
/// assert_eq!(m, "unknown provider `ibm`: use aws, azure, gcp or onprem");
/// ```
impl From<UnknownProvider> for String {
    fn from(e: UnknownProvider) -> String {
        e.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ids_are_the_lowercase_ids_both_ways() {
        for p in Provider::ALL {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.id()));
            assert_eq!(serde_json::from_str::<Provider>(&json).unwrap(), p);
            assert_eq!(p.to_string(), p.id());
        }
    }

    #[test]
    fn an_unknown_json_id_lists_the_four_in_the_planners_words() {
        let e = serde_json::from_str::<Provider>(r#""ibm""#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown variant `ibm`, expected one of `aws`, `azure`, `gcp`, `onprem` at line 1 column 5"
        );
    }

    #[test]
    fn the_two_orders() {
        assert_eq!(
            Provider::ALL,
            [
                Provider::Onprem,
                Provider::Aws,
                Provider::Azure,
                Provider::Gcp
            ]
        );
        assert_eq!(
            Provider::CLOUDS,
            [Provider::Aws, Provider::Gcp, Provider::Azure]
        );
        // The clouds are ALL without on-premises, and every cloud is in ALL.
        for p in Provider::ALL {
            assert_eq!(Provider::CLOUDS.contains(&p), p.is_cloud(), "{p}");
        }
    }

    #[test]
    fn parse_reads_every_id_and_alias_and_names_the_unknown() {
        for p in Provider::ALL {
            assert_eq!(Provider::parse(p.id()), Ok(p));
            assert_eq!(Provider::parse(&p.id().to_uppercase()), Ok(p));
            assert_eq!(p.id().parse::<Provider>(), Ok(p));
        }
        for (text, p) in [
            ("amazon", Provider::Aws),
            ("Google", Provider::Gcp),
            ("googlecloud", Provider::Gcp),
            ("on-prem", Provider::Onprem),
            (" On-Premises\t", Provider::Onprem),
        ] {
            assert_eq!(Provider::parse(text), Ok(p), "{text}");
        }
        let e = Provider::parse(" Oracle ").unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown provider `oracle`: use aws, azure, gcp or onprem"
        );
        assert_eq!(
            Provider::parse("").unwrap_err().to_string(),
            "unknown provider ``: use aws, azure, gcp or onprem"
        );
    }

    #[test]
    fn site_prefixes_name_only_clouds() {
        for p in Provider::CLOUDS {
            assert_eq!(Provider::from_prefix(p.id()), Some(p));
        }
        for prefix in ["onprem", "relay", "ix", "AWS", ""] {
            assert_eq!(Provider::from_prefix(prefix), None, "{prefix}");
        }
    }

    #[test]
    fn names_for_people() {
        let titles: Vec<&str> = Provider::ALL.iter().map(|p| p.title()).collect();
        assert_eq!(titles, ["On-premises", "AWS", "Azure", "Google Cloud"]);
        let with: Vec<&str> = Provider::ALL.iter().map(|p| p.with_article()).collect();
        assert_eq!(
            with,
            ["an on-premises", "an AWS", "an Azure", "a Google Cloud"]
        );
        for p in Provider::CLOUDS {
            assert!(p.source().starts_with("https://"), "{p}");
        }
    }
}
