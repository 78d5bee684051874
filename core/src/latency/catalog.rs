//! The site catalog: every public AWS, Google Cloud and Azure region at its metro, relay
//! sites, exchange metros, and on-premises sites that the user adds.
//!
//! The catalog is `core/data/latency/sites.txt`, embedded at build time; the file cites its
//! sources. Ids are `provider:region-code` (`aws:us-east-1`, `gcp:europe-west1`,
//! `azure:westeurope`), `relay:<city>`, `ix:<metro>` and `onprem:<name>`.
//!
//! ```
//! use cloudhop_core::latency::catalog::{Catalog, Provider};
//! let cat = Catalog::builtin();
//! let fra = cat.get("aws:eu-central-1").unwrap();
//! assert_eq!(fra.metro, "Frankfurt");
//! assert_eq!(fra.provider(), Some(Provider::Aws));
//! let err = cat.resolve("aws:eu-centrl-1").unwrap_err().to_string();
//! assert!(err.contains("aws:eu-central-1"));
//! ```

use super::error::LatencyError;
use super::geo::{LatLon, UnitVec};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The embedded catalog file.
pub const SITES_TXT: &str = include_str!("../../data/latency/sites.txt");

/// A cloud provider: the one [`Provider`] type, shared with the address planner. Regions
/// belong to one of [`Provider::CLOUDS`]; an on-premises site is of [`SiteKind::OnPrem`]
/// and has no provider.
pub use crate::provider::Provider;

/// What a site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SiteKind {
    /// A cloud region.
    Region,
    /// A relay server (DERP-like) that forwards traffic when direct paths fail.
    Relay,
    /// An exchange / colocation metro with private interconnects to the clouds.
    Exchange,
    /// A site of the user's own (office, data centre).
    OnPrem,
}

/// A continent, as written in the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Continent {
    /// North America.
    NA,
    /// South America.
    SA,
    /// Europe.
    EU,
    /// Africa.
    AF,
    /// Middle East.
    ME,
    /// Asia.
    AS,
    /// Oceania.
    OC,
}

impl Continent {
    fn parse(s: &str) -> Option<Continent> {
        Some(match s {
            "NA" => Continent::NA,
            "SA" => Continent::SA,
            "EU" => Continent::EU,
            "AF" => Continent::AF,
            "ME" => Continent::ME,
            "AS" => Continent::AS,
            "OC" => Continent::OC,
            _ => return None,
        })
    }

    /// The continent's name.
    pub fn label(self) -> &'static str {
        match self {
            Continent::NA => "North America",
            Continent::SA => "South America",
            Continent::EU => "Europe",
            Continent::AF => "Africa",
            Continent::ME => "Middle East",
            Continent::AS => "Asia",
            Continent::OC => "Oceania",
        }
    }
}

/// Routing zones for the latency model: continents, with Asia split at 90°E into South
/// Asia (India) and East / Southeast Asia, whose routes to Europe differ greatly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Zone {
    /// North America.
    NA,
    /// South America.
    SA,
    /// Europe.
    EU,
    /// Africa.
    AF,
    /// Middle East.
    ME,
    /// South Asia (west of 90°E).
    SAS,
    /// East and Southeast Asia.
    AS,
    /// Oceania.
    OC,
}

impl Zone {
    /// All zones, in index order.
    pub const ALL: [Zone; 8] = [
        Zone::NA,
        Zone::SA,
        Zone::EU,
        Zone::AF,
        Zone::ME,
        Zone::SAS,
        Zone::AS,
        Zone::OC,
    ];

    /// Index into [`Zone::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The zone of a continent and longitude.
    pub fn of(continent: Continent, lon: f64) -> Zone {
        match continent {
            Continent::NA => Zone::NA,
            Continent::SA => Zone::SA,
            Continent::EU => Zone::EU,
            Continent::AF => Zone::AF,
            Continent::ME => Zone::ME,
            Continent::AS if lon < 90.0 => Zone::SAS,
            Continent::AS => Zone::AS,
            Continent::OC => Zone::OC,
        }
    }

    /// Short label.
    pub fn label(self) -> &'static str {
        match self {
            Zone::NA => "North America",
            Zone::SA => "South America",
            Zone::EU => "Europe",
            Zone::AF => "Africa",
            Zone::ME => "Middle East",
            Zone::SAS => "South Asia",
            Zone::AS => "East Asia",
            Zone::OC => "Oceania",
        }
    }
}

/// One site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    /// Stable id, e.g. `aws:us-east-1`.
    pub id: String,
    /// Name for people, e.g. `US East (N. Virginia)`.
    pub name: String,
    /// The metro the site is modelled at.
    pub metro: String,
    /// Position of the metro.
    pub pos: LatLon,
    /// Continent.
    pub continent: Continent,
    /// What the site is.
    pub kind: SiteKind,
}

impl Site {
    /// The provider, for cloud regions.
    ///
    /// ```
    /// use cloudhop_core::latency::catalog::{Catalog, Provider, Site};
    /// let cat = Catalog::builtin();
    /// assert_eq!(cat.get("gcp:europe-west1").unwrap().provider(), Some(Provider::Gcp));
    /// assert_eq!(Site::on_prem("HQ", 45.0, 5.0).unwrap().provider(), None);
    /// ```
    pub fn provider(&self) -> Option<Provider> {
        Provider::from_prefix(self.id.split(':').next()?)
    }

    /// The routing zone used by the model.
    pub fn zone(&self) -> Zone {
        Zone::of(self.continent, self.pos.lon)
    }

    /// The position as a unit vector.
    pub fn unit(&self) -> UnitVec {
        self.pos.unit()
    }

    /// An on-premises site at a position. Its id is `onprem:` and the name made
    /// lowercase with non-alphanumerics as `-`; its continent is that of the nearest
    /// catalog site.
    ///
    /// ```
    /// use cloudhop_core::latency::catalog::{Continent, Site};
    /// let hq = Site::on_prem("HQ Lyon", 45.76, 4.84).unwrap();
    /// assert_eq!(hq.id, "onprem:hq-lyon");
    /// assert_eq!(hq.continent, Continent::EU);
    /// assert!(Site::on_prem("", 0.0, 0.0).is_err());
    /// ```
    pub fn on_prem(name: &str, lat: f64, lon: f64) -> Result<Site, LatencyError> {
        let name = name.trim();
        let slug = slug(name);
        if slug.is_empty() {
            return Err(LatencyError::EmptySiteName);
        }
        if name.chars().count() > 60 {
            return Err(LatencyError::SiteNameTooLong(name.to_string()));
        }
        let pos = LatLon::new(lat, lon).map_err(|e| LatencyError::SitePosition {
            name: name.to_string(),
            error: Box::new(e),
        })?;
        let u = pos.unit();
        let continent = Catalog::builtin()
            .sites()
            .iter()
            .min_by(|a, b| u.distance_km(a.unit()).total_cmp(&u.distance_km(b.unit())))
            .map(|s| s.continent)
            .unwrap_or(Continent::EU);
        Ok(Site {
            id: format!("onprem:{slug}"),
            name: name.to_string(),
            metro: name.to_string(),
            pos,
            continent,
            kind: SiteKind::OnPrem,
        })
    }
}

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A site given by id, or an on-premises site given by name and position (JSON: a string,
/// or `{"name": ..., "lat": ..., "lon": ...}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SiteSpec {
    /// A catalog id (or `onprem:` id already defined earlier in the list).
    Id(String),
    /// A user-defined on-premises site.
    OnPrem {
        /// Name.
        name: String,
        /// Latitude, degrees.
        lat: f64,
        /// Longitude, degrees.
        lon: f64,
    },
}

/// The catalog of known sites.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    sites: Vec<Site>,
}

impl Catalog {
    /// The built-in catalog (parsed once).
    pub fn builtin() -> &'static Catalog {
        static CAT: OnceLock<Catalog> = OnceLock::new();
        CAT.get_or_init(|| {
            // The embedded file is checked by the tests; an error here would be a build
            // defect, and an empty catalog keeps the page alive.
            Catalog::parse(SITES_TXT).unwrap_or(Catalog { sites: Vec::new() })
        })
    }

    /// Parse catalog text (`id|name|metro|lat|lon|continent` lines; `#` comments).
    pub fn parse(text: &str) -> Result<Catalog, LatencyError> {
        let mut sites: Vec<Site> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let at = |e: LatencyError| e.on_line(n + 1);
            let f: Vec<&str> = line.split('|').map(str::trim).collect();
            let [id, name, metro, lat, lon, cont] = f.as_slice() else {
                return Err(at(LatencyError::CatalogFields));
            };
            let num = |s: &str| {
                s.parse::<f64>()
                    .map_err(|_| at(LatencyError::NotANumber(s.to_string())))
            };
            let pos = LatLon::new(num(lat)?, num(lon)?).map_err(at)?;
            let continent = Continent::parse(cont)
                .ok_or_else(|| at(LatencyError::UnknownContinent(cont.to_string())))?;
            let kind = match id.split(':').next() {
                Some(p) if Provider::from_prefix(p).is_some() => SiteKind::Region,
                Some("relay") => SiteKind::Relay,
                Some("ix") => SiteKind::Exchange,
                _ => return Err(at(LatencyError::UnknownIdPrefix(id.to_string()))),
            };
            if sites.iter().any(|s| s.id == *id) {
                return Err(at(LatencyError::DuplicateId(id.to_string())));
            }
            sites.push(Site {
                id: id.to_string(),
                name: name.to_string(),
                metro: metro.to_string(),
                pos,
                continent,
                kind,
            });
        }
        Ok(Catalog { sites })
    }

    /// All sites in file order.
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }

    /// Sites of one kind.
    pub fn of_kind(&self, kind: SiteKind) -> impl Iterator<Item = &Site> {
        self.sites.iter().filter(move |s| s.kind == kind)
    }

    /// Regions of one provider.
    pub fn regions_of(&self, provider: Provider) -> impl Iterator<Item = &Site> {
        self.sites
            .iter()
            .filter(move |s| s.provider() == Some(provider))
    }

    /// A site by exact id.
    pub fn get(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.id == id)
    }

    /// A site by id, or an error that names close matches.
    pub fn resolve(&self, id: &str) -> Result<&Site, LatencyError> {
        if let Some(s) = self.get(id.trim()) {
            return Ok(s);
        }
        Err(LatencyError::UnknownSite {
            id: id.to_string(),
            suggestions: self.suggest(id, 3).into_iter().map(Into::into).collect(),
        })
    }

    /// Up to `n` ids closest to `query` (edit distance on the id and on the part after
    /// the prefix; metro names also match).
    ///
    /// ```
    /// use cloudhop_core::latency::catalog::Catalog;
    /// let s = Catalog::builtin().suggest("us-east1", 3);
    /// assert_eq!(s[0], "gcp:us-east1");
    /// ```
    pub fn suggest(&self, query: &str, n: usize) -> Vec<&str> {
        let q = query.trim().to_ascii_lowercase();
        let q_tail = q.split_once(':').map(|(_, t)| t).unwrap_or(&q);
        let mut scored: Vec<(usize, &str)> = self
            .sites
            .iter()
            .map(|s| {
                let id = s.id.as_str();
                let tail = id.split_once(':').map(|(_, t)| t).unwrap_or(id);
                let mut d = edit_distance(&q, id).min(edit_distance(q_tail, tail) + 1);
                if s.metro.to_ascii_lowercase() == q_tail {
                    d = d.min(1);
                }
                (d, id)
            })
            .collect();
        crate::order::sort(&mut scored);
        let limit = (q.len() / 3).max(2) + 1;
        scored
            .into_iter()
            .filter(|(d, _)| *d <= limit)
            .take(n)
            .map(|(_, id)| id)
            .collect()
    }
}

/// Levenshtein distance between two strings (by character).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Resolve a list of site specs into sites: catalog ids through the catalog, on-premises
/// sites built from their position. Duplicate ids are an error.
///
/// ```
/// use cloudhop_core::latency::catalog::{resolve_sites, SiteSpec};
/// let specs = vec![
///     SiteSpec::Id("aws:us-east-1".into()),
///     SiteSpec::OnPrem { name: "Office".into(), lat: 48.1, lon: 11.6 },
/// ];
/// let sites = resolve_sites(&specs).unwrap();
/// assert_eq!(sites[1].id, "onprem:office");
/// ```
pub fn resolve_sites(specs: &[SiteSpec]) -> Result<Vec<Site>, LatencyError> {
    let cat = Catalog::builtin();
    let mut out: Vec<Site> = Vec::with_capacity(specs.len());
    for spec in specs {
        let site = match spec {
            SiteSpec::Id(id) => cat.resolve(id)?.clone(),
            SiteSpec::OnPrem { name, lat, lon } => Site::on_prem(name, *lat, *lon)?,
        };
        if out.iter().any(|s| s.id == site.id) {
            return Err(LatencyError::DuplicateSite(site.id));
        }
        out.push(site);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_parses_and_covers_the_providers() {
        let cat = Catalog::parse(SITES_TXT).expect("embedded catalog parses");
        assert_eq!(cat.sites().len(), Catalog::builtin().sites().len());
        let count = |p| cat.regions_of(p).count();
        assert!(count(Provider::Aws) >= 35, "aws {}", count(Provider::Aws));
        assert!(count(Provider::Gcp) >= 40, "gcp {}", count(Provider::Gcp));
        assert!(
            count(Provider::Azure) >= 50,
            "azure {}",
            count(Provider::Azure)
        );
        assert!(cat.of_kind(SiteKind::Relay).count() >= 20);
        assert!(cat.of_kind(SiteKind::Exchange).count() >= 20);
        for s in cat.sites() {
            let (prefix, code) = s.id.split_once(':').expect("prefixed id");
            assert!(!code.is_empty() && !prefix.is_empty());
            assert!(code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
    }

    #[test]
    fn only_cloud_regions_have_a_provider() {
        let cat = Catalog::builtin();
        for s in cat.sites() {
            assert_eq!(
                s.provider().is_some(),
                s.kind == SiteKind::Region,
                "{}",
                s.id
            );
            assert!(s.provider().is_none_or(Provider::is_cloud), "{}", s.id);
        }
        // Every region is in exactly one cloud's list, and no site is on-premises.
        let in_some_cloud: usize = Provider::CLOUDS
            .iter()
            .map(|p| cat.regions_of(*p).count())
            .sum();
        assert_eq!(in_some_cloud, cat.of_kind(SiteKind::Region).count());
        assert_eq!(cat.regions_of(Provider::Onprem).count(), 0);
        let hq = Site::on_prem("HQ", 48.1, 11.6).unwrap();
        assert_eq!((hq.kind, hq.provider()), (SiteKind::OnPrem, None));
    }

    #[test]
    fn an_onprem_id_in_the_catalog_file_stays_an_unknown_prefix() {
        let e = Catalog::parse("onprem:x|X|Y|1|2|EU").unwrap_err();
        assert_eq!(e.to_string(), "line 1: unknown id prefix in `onprem:x`");
        let ok = Catalog::parse("azure:x|X|Y|1|2|EU").unwrap();
        assert_eq!(ok.sites()[0].kind, SiteKind::Region);
    }

    #[test]
    fn well_known_regions_sit_in_their_metros() {
        let cat = Catalog::builtin();
        let near = |id: &str, lat: f64, lon: f64| {
            let s = cat.get(id).unwrap_or_else(|| panic!("{id} missing"));
            assert!(
                (s.pos.lat - lat).abs() < 1.5 && (s.pos.lon - lon).abs() < 1.5,
                "{id} at {:?}",
                s.pos
            );
        };
        near("aws:us-east-1", 39.0, -77.5);
        near("gcp:europe-west1", 50.5, 3.8);
        near("azure:westeurope", 52.4, 4.9);
        near("gcp:asia-northeast1", 35.7, 139.7);
        near("azure:australiaeast", -33.9, 151.2);
        assert_eq!(
            cat.get("azure:brazilsouth").map(|s| s.continent),
            Some(Continent::SA)
        );
        assert_eq!(cat.get("aws:ap-south-1").map(Site::zone), Some(Zone::SAS));
        assert_eq!(
            cat.get("aws:ap-northeast-1").map(Site::zone),
            Some(Zone::AS)
        );
    }

    #[test]
    fn recently_opened_regions_are_in_the_catalog() {
        // Regions opened 2024-2026 (and restricted ones the Azure list shows): a catalog
        // that lags the providers' lists fails here.
        let cat = Catalog::builtin();
        for (id, lat, lon) in [
            ("aws:mx-central-1", 20.6, -100.4),
            ("aws:ap-southeast-5", 3.1, 101.7),
            ("aws:ap-southeast-6", -36.8, 174.8),
            ("aws:ap-southeast-7", 13.8, 100.5),
            ("aws:ap-east-2", 25.0, 121.6),
            ("aws:eusc-de-east-1", 52.4, 13.1),
            ("gcp:africa-south1", -26.2, 28.0),
            ("gcp:asia-southeast3", 13.8, 100.5),
            ("gcp:europe-north2", 59.3, 18.1),
            ("gcp:me-central2", 26.4, 50.1),
            ("gcp:northamerica-south1", 20.6, -100.4),
            ("azure:belgiumcentral", 50.8, 4.4),
            ("azure:brazilsoutheast", -22.9, -43.2),
            ("azure:swedensouth", 55.6, 13.0),
            ("azure:newzealandnorth", -36.8, 174.8),
            ("azure:chilecentral", -33.4, -70.7),
            ("azure:malaysiawest", 3.1, 101.7),
            ("azure:indonesiacentral", -6.2, 106.8),
        ] {
            let s = cat.get(id).unwrap_or_else(|| panic!("{id} missing"));
            assert!(
                (s.pos.lat - lat).abs() < 0.5 && (s.pos.lon - lon).abs() < 0.5,
                "{id} at {:?}",
                s.pos
            );
        }
    }

    #[test]
    fn bad_catalog_lines_are_reported_with_line_numbers() {
        assert!(Catalog::parse("aws:x|a|b|1|2")
            .unwrap_err()
            .to_string()
            .contains("line 1"));
        assert!(Catalog::parse("# c\naws:x|a|b|100|2|EU")
            .unwrap_err()
            .to_string()
            .contains("line 2"));
        assert!(Catalog::parse("foo:x|a|b|1|2|EU")
            .unwrap_err()
            .to_string()
            .contains("prefix"));
        assert!(Catalog::parse("aws:x|a|b|1|2|EU\naws:x|a|b|1|2|EU")
            .unwrap_err()
            .to_string()
            .contains("duplicate"));
    }

    #[test]
    fn unknown_ids_get_close_suggestions() {
        let cat = Catalog::builtin();
        let e = cat.resolve("azure:westeurpe").unwrap_err().to_string();
        assert!(e.contains("azure:westeurope"), "{e}");
        let e = cat.resolve("aws:eu-west-9").unwrap_err().to_string();
        assert!(e.contains("aws:eu-west-"), "{e}");
        let e = cat
            .resolve("zzzzzzzzzzzzzzzzzzzzzzz")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown site"), "{e}");
        assert!(!e.contains("did you mean"), "{e}");
    }

    #[test]
    fn resolving_rejects_duplicates_and_bad_positions() {
        let twice = [
            SiteSpec::Id("aws:us-east-1".into()),
            SiteSpec::Id("aws:us-east-1".into()),
        ];
        assert!(resolve_sites(&twice)
            .unwrap_err()
            .to_string()
            .contains("twice"));
        let bad = [SiteSpec::OnPrem {
            name: "x".into(),
            lat: 0.0,
            lon: 200.0,
        }];
        assert!(resolve_sites(&bad)
            .unwrap_err()
            .to_string()
            .contains("longitude"));
        let json: Vec<SiteSpec> =
            serde_json::from_str(r#"["gcp:us-east1", {"name": "HQ", "lat": 1, "lon": 2}]"#)
                .unwrap();
        assert_eq!(resolve_sites(&json).unwrap().len(), 2);
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
