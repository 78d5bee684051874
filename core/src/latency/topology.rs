//! Topologies over a set of sites: full mesh, hub-and-spoke, relayed and cloud exchange.
//!
//! | topology | path between two sites | tunnels / links to configure |
//! |---|---|---|
//! | `mesh` | direct, one tunnel | n(n-1)/2 |
//! | `hub:ID` | site → hub → site, two tunnels (the hub decrypts and re-encrypts) | n (n-1 if the hub is one of the sites) |
//! | `relay` | direct, except the `nat_share` of pairs stuck behind symmetric NAT, which go through the relay that minimises their RTT (one end-to-end tunnel) | n(n-1)/2 |
//! | `exchange:ID` | site → exchange metro → site over private circuits, no tunnels | n |
//!
//! `hub:best` / `hub:best-worst` pick the hub (among the sites, or given candidates) that
//! minimises the mean or the worst pair RTT; `exchange:best` / `exchange:best-worst` do
//! the same over the catalog's exchange metros.
//!
//! ```
//! use cloudhop_core::latency::topology::{Network, Params, TopologySpec};
//! use cloudhop_core::latency::catalog::{resolve_sites, SiteSpec};
//! let ids = ["aws:us-east-1", "aws:eu-west-1", "aws:ap-northeast-1", "aws:sa-east-1"];
//! let sites = resolve_sites(&ids.map(|s| SiteSpec::Id(s.into()))).unwrap();
//! let net = Network::new(sites).unwrap();
//! let p = Params::default();
//! let mesh = net.evaluate(&TopologySpec::Mesh, &p).unwrap();
//! let hub = net.evaluate(&TopologySpec::parse("hub:aws:us-east-1").unwrap(), &p).unwrap();
//! assert_eq!((mesh.links, hub.links), (6, 3));
//! // Every pair not touching the hub detours through Virginia.
//! assert!(hub.via_of(1, 2).is_some() && mesh.via_of(1, 2).is_none());
//! ```

use super::catalog::{resolve_sites, Catalog, Site, SiteKind, SiteSpec};
use super::geo::{floor_rtt_ms, UnitVec};
use super::model::{Estimate, RttModel};
use serde::{Deserialize, Serialize};

/// Largest network evaluated (the matrix grows with n²).
pub const MAX_SITES: usize = 2000;

/// How a hub or exchange is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// This site (id).
    Site(String),
    /// The candidate with the lowest mean pair RTT.
    BestMean,
    /// The candidate with the lowest worst-pair RTT.
    BestWorst,
}

/// A topology to evaluate. As text: `mesh`, `hub:ID`, `hub:best`, `hub:best-worst`,
/// `relay`, `exchange:ID` (`exchange:frankfurt` means `ix:frankfurt`), `exchange:best`,
/// `exchange:best-worst`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum TopologySpec {
    /// Full mesh of direct tunnels.
    Mesh,
    /// Hub and spoke.
    Hub(Choice),
    /// Direct with relay fallback for the NAT share of pairs.
    Relay,
    /// Through a cloud-exchange metro.
    Exchange(Choice),
}

impl TopologySpec {
    /// Parse the text form.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Choice, TopologySpec};
    /// assert_eq!(TopologySpec::parse("hub:best").unwrap(), TopologySpec::Hub(Choice::BestMean));
    /// assert_eq!(TopologySpec::parse("exchange:frankfurt").unwrap().label(), "exchange:ix:frankfurt");
    /// assert!(TopologySpec::parse("star").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<TopologySpec, String> {
        let t = text.trim();
        let choice = |rest: &str, exchange: bool| -> Result<Choice, String> {
            Ok(match rest {
                "best" | "best-mean" => Choice::BestMean,
                "best-worst" => Choice::BestWorst,
                "" => return Err(format!("`{t}` needs a site id after the colon")),
                id if exchange && !id.contains(':') => Choice::Site(format!("ix:{id}")),
                id => Choice::Site(id.to_string()),
            })
        };
        match t.split_once(':') {
            None if t == "mesh" => Ok(TopologySpec::Mesh),
            None if t == "relay" || t == "relayed" => Ok(TopologySpec::Relay),
            None if t == "hub" => Ok(TopologySpec::Hub(Choice::BestMean)),
            None if t == "exchange" => Ok(TopologySpec::Exchange(Choice::BestMean)),
            Some(("hub", rest)) => Ok(TopologySpec::Hub(choice(rest, false)?)),
            Some(("exchange", rest)) => Ok(TopologySpec::Exchange(choice(rest, true)?)),
            _ => Err(format!(
                "unknown topology `{t}` (use mesh, hub:SITE, hub:best, hub:best-worst, relay, exchange:METRO, exchange:best)"
            )),
        }
    }

    /// The text form.
    pub fn label(&self) -> String {
        let c = |c: &Choice| match c {
            Choice::Site(id) => id.clone(),
            Choice::BestMean => "best".into(),
            Choice::BestWorst => "best-worst".into(),
        };
        match self {
            TopologySpec::Mesh => "mesh".into(),
            TopologySpec::Relay => "relay".into(),
            TopologySpec::Hub(h) => format!("hub:{}", c(h)),
            TopologySpec::Exchange(x) => format!("exchange:{}", c(x)),
        }
    }

    /// `mesh`, `hub`, `relay` or `exchange`.
    pub fn kind(&self) -> &'static str {
        match self {
            TopologySpec::Mesh => "mesh",
            TopologySpec::Hub(_) => "hub",
            TopologySpec::Relay => "relay",
            TopologySpec::Exchange(_) => "exchange",
        }
    }
}

impl TryFrom<String> for TopologySpec {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        TopologySpec::parse(&s)
    }
}

impl From<TopologySpec> for String {
    fn from(t: TopologySpec) -> String {
        t.label()
    }
}

/// Parameters of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Added per tunnel traversed (encapsulation, encryption, a VPN gateway), ms.
    pub tunnel_overhead_ms: f64,
    /// Share of pairs (0..=1) whose direct path fails behind symmetric NAT and must be
    /// relayed (relay topology only).
    pub nat_share: f64,
    /// Ids that are down: sites of the network, the hub, a relay or the exchange.
    pub failed: Vec<String>,
    /// Relay sites to use (default: every relay in the catalog).
    pub relays: Option<Vec<String>>,
    /// Hub candidates for `hub:best` (default: the sites themselves).
    pub hub_candidates: Option<Vec<String>>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            tunnel_overhead_ms: 1.0,
            nat_share: 0.25,
            failed: Vec::new(),
            relays: None,
            hub_candidates: None,
        }
    }
}

impl Params {
    /// Check the ranges.
    pub fn validate(&self) -> Result<(), String> {
        if !self.tunnel_overhead_ms.is_finite() || !(0.0..=100.0).contains(&self.tunnel_overhead_ms)
        {
            return Err(format!(
                "tunnel_overhead_ms {} is not between 0 and 100",
                self.tunnel_overhead_ms
            ));
        }
        if !self.nat_share.is_finite() || !(0.0..=1.0).contains(&self.nat_share) {
            return Err(format!(
                "nat_share {} is not between 0 and 1",
                self.nat_share
            ));
        }
        Ok(())
    }
}

/// A whole scenario as JSON: the CLI's `compare` input and the lab's URL state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The sites.
    pub sites: Vec<SiteSpec>,
    /// Topologies to compare (default: mesh, hub:best, relay, exchange:best).
    #[serde(default = "default_topologies")]
    pub topologies: Vec<TopologySpec>,
    /// See [`Params::tunnel_overhead_ms`].
    #[serde(default = "default_tunnel")]
    pub tunnel_overhead_ms: f64,
    /// See [`Params::nat_share`].
    #[serde(default = "default_nat")]
    pub nat_share: f64,
    /// See [`Params::failed`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
    /// See [`Params::relays`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relays: Option<Vec<String>>,
    /// See [`Params::hub_candidates`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hub_candidates: Option<Vec<String>>,
}

fn default_topologies() -> Vec<TopologySpec> {
    vec![
        TopologySpec::Mesh,
        TopologySpec::Hub(Choice::BestMean),
        TopologySpec::Relay,
        TopologySpec::Exchange(Choice::BestMean),
    ]
}
fn default_tunnel() -> f64 {
    Params::default().tunnel_overhead_ms
}
fn default_nat() -> f64 {
    Params::default().nat_share
}

impl Scenario {
    /// A scenario over these sites with default settings.
    pub fn new(sites: Vec<SiteSpec>) -> Scenario {
        Scenario {
            sites,
            topologies: default_topologies(),
            tunnel_overhead_ms: default_tunnel(),
            nat_share: default_nat(),
            failed: Vec::new(),
            relays: None,
            hub_candidates: None,
        }
    }

    /// The evaluation parameters.
    pub fn params(&self) -> Params {
        Params {
            tunnel_overhead_ms: self.tunnel_overhead_ms,
            nat_share: self.nat_share,
            failed: self.failed.clone(),
            relays: self.relays.clone(),
            hub_candidates: self.hub_candidates.clone(),
        }
    }

    /// Resolve the sites into a network (calibrated model).
    pub fn network(&self) -> Result<Network, String> {
        Network::new(resolve_sites(&self.sites)?)
    }

    /// Evaluate every topology of the scenario. A `failed` id that is neither a site of
    /// the network nor in the catalog is an error (with close matches), not a silent no-op.
    pub fn compare(&self) -> Result<Vec<TopologyResult>, String> {
        let net = self.network()?;
        for id in &self.failed {
            net.site_by_id(id).map_err(|e| format!("failed: {e}"))?;
        }
        let p = self.params();
        self.topologies
            .iter()
            .map(|t| net.evaluate(t, &p))
            .collect()
    }
}

/// The result of one topology.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopologyResult {
    /// Text form of the topology as evaluated (`hub:best` resolved to the chosen hub).
    pub topology: String,
    /// `mesh`, `hub`, `relay` or `exchange`.
    pub kind: String,
    /// The hub or exchange used.
    pub via: Option<String>,
    /// Tunnels or links to configure.
    pub links: usize,
    /// How `links` was counted.
    pub links_formula: String,
    /// Links a new site adds.
    pub new_site_links: usize,
    /// Sites whose configuration changes when a site is added (including the new one).
    pub new_site_touches: usize,
    /// Site pairs (i < j).
    pub pairs: usize,
    /// Pairs with no working path (failures).
    pub unreachable_pairs: usize,
    /// Pairs that go through a relay (relay topology).
    pub relayed_pairs: usize,
    /// Mean RTT over reachable pairs, ms.
    pub mean_ms: Option<f64>,
    /// 95th percentile (nearest rank) over reachable pairs, ms.
    pub p95_ms: Option<f64>,
    /// Worst reachable pair, ms.
    pub max_ms: Option<f64>,
    /// The worst pair's site ids.
    pub worst_pair: Option<(String, String)>,
    /// Mean over reachable pairs of RTT / direct model RTT.
    pub mean_stretch: Option<f64>,
    /// Largest RTT / direct model RTT.
    pub max_stretch: Option<f64>,
    /// Pair RTTs, row-major n×n, ms; `f64::INFINITY` where unreachable; 0 on the diagonal.
    #[serde(skip)]
    pub matrix: Vec<f64>,
    /// For each pair, the index into `intermediates` it goes through, or `u16::MAX`.
    #[serde(skip)]
    pub path_via: Vec<u16>,
    /// Intermediate sites used (hub, exchange, relays).
    #[serde(skip)]
    pub intermediates: Vec<Site>,
}

impl TopologyResult {
    /// RTT of pair (i, j), `None` if out of range or unreachable.
    pub fn rtt(&self, i: usize, j: usize) -> Option<f64> {
        let n = (self.matrix.len() as f64).sqrt() as usize;
        if i >= n || j >= n {
            return None;
        }
        self.matrix
            .get(i * n + j)
            .copied()
            .filter(|v| v.is_finite())
    }

    /// The intermediate site pair (i, j) goes through, if any.
    pub fn via_of(&self, i: usize, j: usize) -> Option<&Site> {
        let n = (self.matrix.len() as f64).sqrt() as usize;
        if i >= n || j >= n {
            return None;
        }
        let k = *self.path_via.get(i * n + j)?;
        self.intermediates.get(k as usize)
    }

    /// The matrix as rows rounded to 0.1 ms, `None` where unreachable.
    pub fn matrix_rows(&self) -> Vec<Vec<Option<f64>>> {
        let n = (self.matrix.len() as f64).sqrt() as usize;
        self.matrix
            .chunks(n.max(1))
            .take(n)
            .map(|row| {
                row.iter()
                    .map(|v| v.is_finite().then(|| (v * 10.0).round() / 10.0))
                    .collect()
            })
            .collect()
    }
}

/// A hub candidate's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HubScore {
    /// Candidate id.
    pub id: String,
    /// Mean pair RTT through it, ms.
    pub mean_ms: f64,
    /// Worst pair RTT through it, ms.
    pub max_ms: f64,
}

/// What objective a best hub minimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objective {
    /// Mean pair RTT.
    Mean,
    /// Worst pair RTT.
    Worst,
}

/// What changes when one id fails.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailureImpact {
    /// The failed id.
    pub failed: String,
    /// Pairs that lose their path (among pairs that had one).
    pub pairs_lost: usize,
    /// Pairs still connected but slower.
    pub pairs_slower: usize,
    /// Mean before, ms.
    pub mean_before_ms: Option<f64>,
    /// Mean after, over pairs still reachable, ms.
    pub mean_after_ms: Option<f64>,
}

/// Resolved sites with the direct RTT of every pair, ready to evaluate topologies.
#[derive(Debug, Clone)]
pub struct Network {
    sites: Vec<Site>,
    units: Vec<UnitVec>,
    zones: Vec<usize>,
    inflation: [f64; 64],
    model: RttModel,
    direct: Vec<f64>,
}

const NONE: u16 = u16::MAX;

/// Great-circle distance from the chord between two unit vectors (cheaper than atan2).
#[inline]
fn chord_km(a: UnitVec, b: UnitVec) -> f64 {
    let (dx, dy, dz) = (a.0[0] - b.0[0], a.0[1] - b.0[1], a.0[2] - b.0[2]);
    let chord = (dx * dx + dy * dy + dz * dz).sqrt();
    2.0 * super::geo::EARTH_RADIUS_KM * (chord / 2.0).min(1.0).asin()
}

/// Copy the upper triangle of a row-major n×n matrix onto the lower, in cache-sized
/// blocks.
fn mirror_upper<T: Copy>(m: &mut [T], n: usize) {
    const B: usize = 64;
    for bi in (0..n).step_by(B) {
        for bj in (bi..n).step_by(B) {
            for i in bi..(bi + B).min(n) {
                for j in bj.max(i + 1)..(bj + B).min(n) {
                    m[j * n + i] = m[i * n + j];
                }
            }
        }
    }
}

impl Network {
    /// A network over `sites` with the calibrated model.
    pub fn new(sites: Vec<Site>) -> Result<Network, String> {
        Network::with_model(sites, RttModel::calibrated().clone())
    }

    /// A network with a given model.
    pub fn with_model(sites: Vec<Site>, model: RttModel) -> Result<Network, String> {
        if sites.len() > MAX_SITES {
            return Err(format!(
                "{} sites is more than the {MAX_SITES} supported",
                sites.len()
            ));
        }
        let mut seen = std::collections::HashSet::with_capacity(sites.len());
        for s in &sites {
            if !seen.insert(s.id.as_str()) {
                return Err(format!("site `{}` is listed twice", s.id));
            }
        }
        let n = sites.len();
        let units: Vec<UnitVec> = sites.iter().map(Site::unit).collect();
        let zones: Vec<usize> = sites.iter().map(|s| s.zone().index()).collect();
        let mut inflation = [model.default_inflation; 64];
        for za in super::catalog::Zone::ALL {
            for zb in super::catalog::Zone::ALL {
                inflation[za.index() * 8 + zb.index()] = model.inflation_for(za, zb).0;
            }
        }
        let c = model.overhead_ms;
        let mut direct = vec![0.0; n * n];
        for i in 0..n {
            let (ui, zi) = (units[i], zones[i] * 8);
            let row = &mut direct[i * n..(i + 1) * n];
            for j in (i + 1)..n {
                let floor = floor_rtt_ms(chord_km(ui, units[j]));
                row[j] = (inflation[zi + zones[j]] * floor + c).max(floor);
            }
        }
        mirror_upper(&mut direct, n);
        Ok(Network {
            sites,
            units,
            zones,
            inflation,
            model,
            direct,
        })
    }

    /// The sites.
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }

    /// The model.
    pub fn model(&self) -> &RttModel {
        &self.model
    }

    /// Direct model RTT between sites i and j (no tunnel), ms.
    pub fn direct(&self, i: usize, j: usize) -> Option<f64> {
        let n = self.sites.len();
        (i < n && j < n).then(|| self.direct[i * n + j])
    }

    /// How the direct estimate between sites i and j was computed.
    pub fn explain(&self, i: usize, j: usize) -> Option<Estimate> {
        Some(self.model.estimate(self.sites.get(i)?, self.sites.get(j)?))
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.sites.iter().position(|s| s.id == id)
    }

    /// A site of the network, or of the catalog, by id (with suggestions on error).
    pub fn site_by_id(&self, id: &str) -> Result<Site, String> {
        match self.index_of(id) {
            Some(i) => Ok(self.sites[i].clone()),
            None => Catalog::builtin().resolve(id).cloned(),
        }
    }

    /// RTT from every site to `other` (0 for the site itself): a row of the direct
    /// matrix when `other` is one of the sites.
    fn legs_to(&self, other: &Site) -> Vec<f64> {
        let n = self.sites.len();
        if let Some(h) = self.index_of(&other.id) {
            return self.direct[h * n..(h + 1) * n].to_vec();
        }
        let u = other.unit();
        let z = other.zone().index();
        let c = self.model.overhead_ms;
        self.units
            .iter()
            .zip(&self.zones)
            .map(|(su, zi)| {
                let floor = floor_rtt_ms(chord_km(*su, u));
                (self.inflation[zi * 8 + z] * floor + c).max(floor)
            })
            .collect()
    }

    fn alive(&self, p: &Params) -> Vec<bool> {
        if p.failed.is_empty() {
            return vec![true; self.sites.len()];
        }
        self.sites
            .iter()
            .map(|s| !p.failed.iter().any(|f| f == &s.id))
            .collect()
    }

    /// Score every candidate as a hub (or exchange, with `tunnels = false`).
    fn score_candidates(&self, candidates: &[&Site], p: &Params, tunnels: bool) -> Vec<HubScore> {
        let alive = self.alive(p);
        let t = if tunnels { p.tunnel_overhead_ms } else { 0.0 };
        let index: std::collections::HashMap<&str, usize> = self
            .sites
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        candidates
            .iter()
            .filter(|c| !p.failed.iter().any(|f| f == &c.id))
            .map(|c| {
                let hub_idx = index.get(c.id.as_str()).copied();
                let owned;
                let legs: &[f64] = match hub_idx {
                    Some(h) => {
                        let n = self.sites.len();
                        &self.direct[h * n..(h + 1) * n]
                    }
                    None => {
                        owned = self.legs_to(c);
                        &owned
                    }
                };
                let (mut sum, mut m) = (0.0, 0usize);
                let (mut top1, mut top2) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
                for (i, &a) in legs.iter().enumerate() {
                    if !alive[i] || Some(i) == hub_idx {
                        continue;
                    }
                    sum += a;
                    m += 1;
                    if a > top1 {
                        top2 = top1;
                        top1 = a;
                    } else if a > top2 {
                        top2 = a;
                    }
                }
                let mf = m as f64;
                let mut total = (mf - 1.0).max(0.0) * sum + mf * (mf - 1.0) / 2.0 * 2.0 * t;
                let mut count = m * m.saturating_sub(1) / 2;
                let mut worst = if m >= 2 { top1 + top2 + 2.0 * t } else { 0.0 };
                if hub_idx.is_some_and(|h| alive[h]) && m >= 1 {
                    total += sum + mf * t;
                    count += m;
                    worst = worst.max(top1 + t);
                }
                let mean = if count > 0 { total / count as f64 } else { 0.0 };
                HubScore {
                    id: c.id.clone(),
                    mean_ms: mean,
                    max_ms: worst,
                }
            })
            .collect()
    }

    /// Hub candidates ranked by the objective (best first). Candidates default to the
    /// sites themselves; failed ones are skipped.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Scenario, Objective};
    /// let sc: Scenario = serde_json::from_str(r#"{"sites": ["aws:eu-west-1", "aws:eu-central-1", "aws:eu-south-1"]}"#).unwrap();
    /// let net = sc.network().unwrap();
    /// let ranked = net.rank_hubs(Objective::Worst, &sc.params()).unwrap();
    /// assert_eq!(ranked[0].id, "aws:eu-central-1");
    /// ```
    pub fn rank_hubs(&self, objective: Objective, p: &Params) -> Result<Vec<HubScore>, String> {
        let scores = match &p.hub_candidates {
            Some(ids) => {
                let owned = ids
                    .iter()
                    .map(|id| self.site_by_id(id))
                    .collect::<Result<Vec<_>, _>>()?;
                let refs: Vec<&Site> = owned.iter().collect();
                self.score_candidates(&refs, p, true)
            }
            None => {
                let refs: Vec<&Site> = self.sites.iter().collect();
                self.score_candidates(&refs, p, true)
            }
        };
        Ok(rank(scores, objective))
    }

    /// Exchange metros ranked by the objective (best first).
    pub fn rank_exchanges(&self, objective: Objective, p: &Params) -> Vec<HubScore> {
        let cands: Vec<&Site> = Catalog::builtin().of_kind(SiteKind::Exchange).collect();
        rank(self.score_candidates(&cands, p, false), objective)
    }

    fn choose(&self, choice: &Choice, p: &Params, exchange: bool) -> Result<Site, String> {
        let objective = match choice {
            Choice::Site(id) => return self.site_by_id(id),
            Choice::BestMean => Objective::Mean,
            Choice::BestWorst => Objective::Worst,
        };
        let ranked = if exchange {
            self.rank_exchanges(objective, p)
        } else {
            self.rank_hubs(objective, p)?
        };
        let best = ranked
            .first()
            .ok_or("no candidate is available (all have failed or there are no sites)")?;
        self.site_by_id(&best.id)
    }

    /// Evaluate one topology.
    pub fn evaluate(&self, spec: &TopologySpec, p: &Params) -> Result<TopologyResult, String> {
        p.validate()?;
        let n = self.sites.len();
        let alive = self.alive(p);
        let t = p.tunnel_overhead_ms;
        let mut matrix = vec![f64::INFINITY; n * n];
        let mut path_via = vec![NONE; n * n];
        let mut intermediates = Vec::new();
        let mut relayed = 0usize;
        let pairs = n * n.saturating_sub(1) / 2;
        let (links, links_formula, new_links, touches, via, label);
        match spec {
            TopologySpec::Mesh => {
                for i in 0..n {
                    if !alive[i] {
                        continue;
                    }
                    let row = &mut matrix[i * n..(i + 1) * n];
                    let drow = &self.direct[i * n..(i + 1) * n];
                    for j in (i + 1)..n {
                        if alive[j] {
                            row[j] = drow[j] + t;
                        }
                    }
                }
                links = pairs;
                links_formula = format!("n(n-1)/2 = {n}×{}/2 = {pairs}", n.saturating_sub(1));
                (new_links, touches, via, label) = (n, n + 1, None, "mesh".to_string());
            }
            TopologySpec::Hub(choice) | TopologySpec::Exchange(choice) => {
                let exchange = matches!(spec, TopologySpec::Exchange(_));
                let hub = self.choose(choice, p, exchange)?;
                let hub_up = !p.failed.iter().any(|f| f == &hub.id);
                let hub_idx = self.index_of(&hub.id);
                let legs = self.legs_to(&hub);
                let tt = if exchange { 0.0 } else { t };
                intermediates.push(hub.clone());
                for i in 0..n {
                    if !(alive[i] && hub_up) {
                        continue;
                    }
                    let row = &mut matrix[i * n..(i + 1) * n];
                    let vrow = &mut path_via[i * n..(i + 1) * n];
                    let i_is_hub = Some(i) == hub_idx;
                    for j in (i + 1)..n {
                        if !alive[j] {
                            continue;
                        }
                        row[j] = if i_is_hub || Some(j) == hub_idx {
                            legs[i] + legs[j] + tt
                        } else {
                            vrow[j] = 0;
                            legs[i] + legs[j] + 2.0 * tt
                        };
                    }
                }
                let spokes = n - usize::from(hub_idx.is_some());
                links = spokes;
                links_formula = if exchange {
                    format!("one private circuit per site = {spokes}")
                } else if hub_idx.is_some() {
                    format!("n-1 spokes (the hub is a site) = {spokes}")
                } else {
                    format!("n spokes = {spokes}")
                };
                new_links = 1;
                touches = if exchange { 1 } else { 2 };
                label = format!("{}:{}", spec.kind(), hub.id);
                via = Some(hub.id);
            }
            TopologySpec::Relay => {
                let relays: Vec<Site> = match &p.relays {
                    Some(ids) => ids
                        .iter()
                        .map(|id| self.site_by_id(id))
                        .collect::<Result<_, _>>()?,
                    None => Catalog::builtin()
                        .of_kind(SiteKind::Relay)
                        .cloned()
                        .collect(),
                };
                let relays: Vec<Site> = relays
                    .into_iter()
                    .filter(|r| !p.failed.iter().any(|f| f == &r.id))
                    .take(NONE as usize - 1)
                    .collect();
                // legs[r * n + i]: RTT from relay r to site i, one contiguous row per relay,
                // so the search below runs down rows (vector code) rather than per pair.
                let r_count = relays.len();
                let mut legs = Vec::with_capacity(r_count * n);
                for relay in &relays {
                    legs.extend(self.legs_to(relay));
                }
                let hashes: Vec<u64> = self.sites.iter().map(|s| fnv(&s.id)).collect();
                // For one site i, the best relay to every later site j at once:
                // best[j] = min over r of leg(i, r) + leg(r, j), the lowest r on a tie.
                let mut best = vec![f64::INFINITY; n];
                let mut arg = vec![-1.0f64; n];
                let any_relayed = p.nat_share > 0.0 && r_count > 0;
                for i in 0..n {
                    if !alive[i] {
                        continue;
                    }
                    if any_relayed {
                        relay_row(&legs, n, i, &mut best[i + 1..], &mut arg[i + 1..]);
                    }
                    for j in (i + 1)..n {
                        if !alive[j] {
                            continue;
                        }
                        if !needs_relay(hashes[i], hashes[j], p.nat_share) {
                            matrix[i * n + j] = self.direct[i * n + j] + t;
                            continue;
                        }
                        relayed += 1;
                        if arg[j] >= 0.0 {
                            matrix[i * n + j] = best[j] + t;
                            path_via[i * n + j] = arg[j] as u16;
                        }
                    }
                }
                intermediates = relays;
                links = pairs;
                links_formula = format!(
                    "n(n-1)/2 = {pairs} tunnels (the relays need no configuration: a coordination server hands out keys)"
                );
                (new_links, touches, via, label) = (n, n + 1, None, "relay".to_string());
            }
        }
        // Statistics over the upper triangle, then mirror.
        let mut values = Vec::with_capacity(pairs);
        let (mut sum, mut stretch_sum, mut max_stretch) = (0.0, 0.0, 0.0f64);
        let mut worst: Option<(f64, usize, usize)> = None;
        for i in 0..n {
            matrix[i * n + i] = 0.0;
            let row = &matrix[i * n..(i + 1) * n];
            let drow = &self.direct[i * n..(i + 1) * n];
            for j in (i + 1)..n {
                let v = row[j];
                if v.is_finite() {
                    values.push(v);
                    sum += v;
                    let d = drow[j];
                    let s = if d > 0.0 { v / d } else { 1.0 };
                    stretch_sum += s;
                    max_stretch = max_stretch.max(s);
                    if worst.is_none_or(|(w, _, _)| v > w) {
                        worst = Some((v, i, j));
                    }
                }
            }
        }
        mirror_upper(&mut matrix, n);
        mirror_upper(&mut path_via, n);
        let reach = values.len();
        let p95 = percentile(&mut values, 0.95);
        let some = |x: f64| (reach > 0).then_some(x);
        Ok(TopologyResult {
            topology: label,
            kind: spec.kind().into(),
            via,
            links,
            links_formula,
            new_site_links: new_links,
            new_site_touches: touches,
            pairs,
            unreachable_pairs: pairs - reach,
            relayed_pairs: relayed,
            mean_ms: some(sum / reach.max(1) as f64),
            p95_ms: p95,
            max_ms: worst.map(|w| w.0),
            worst_pair: worst.map(|(_, i, j)| (self.sites[i].id.clone(), self.sites[j].id.clone())),
            mean_stretch: some(stretch_sum / reach.max(1) as f64),
            max_stretch: some(max_stretch),
            matrix,
            path_via,
            intermediates,
        })
    }

    /// What failing `id` (a site, the hub, a relay or the exchange) does to a topology.
    /// Best-hub choices are made before the failure (the hub does not move).
    pub fn failure_impact(
        &self,
        spec: &TopologySpec,
        p: &Params,
        id: &str,
    ) -> Result<FailureImpact, String> {
        let before = self.evaluate(spec, p)?;
        let fixed = match (&before.via, spec) {
            (Some(v), TopologySpec::Hub(_)) => TopologySpec::Hub(Choice::Site(v.clone())),
            (Some(v), TopologySpec::Exchange(_)) => TopologySpec::Exchange(Choice::Site(v.clone())),
            _ => spec.clone(),
        };
        let mut q = p.clone();
        q.failed.push(id.to_string());
        let after = self.evaluate(&fixed, &q)?;
        let (mut lost, mut slower) = (0, 0);
        for (b, a) in before.matrix.iter().zip(&after.matrix) {
            if b.is_finite() && !a.is_finite() {
                lost += 1;
            } else if b.is_finite() && *a > b + 1e-9 {
                slower += 1;
            }
        }
        Ok(FailureImpact {
            failed: id.to_string(),
            pairs_lost: lost / 2,
            pairs_slower: slower / 2,
            mean_before_ms: before.mean_ms,
            mean_after_ms: after.mean_ms,
        })
    }
}

/// For site `i`: for every later site (`best.len()` of them, starting at `i + 1`), the
/// smallest `leg(i, r) + leg(r, j)` over relays `r` and the relay that gives it (the lowest
/// `r` on a tie). `legs` holds one row of `n` leg RTTs per relay.
///
/// The loop runs relay by relay down contiguous rows, which the compiler turns into
/// branch-free vector code: for 1,000 sites and 25 relays this is several times faster
/// than a search per pair (a sorted early-exit search per pair was slower still: its
/// branches mispredict).
fn relay_row(legs: &[f64], n: usize, i: usize, best: &mut [f64], arg: &mut [f64]) {
    best.fill(f64::INFINITY);
    arg.fill(-1.0);
    // `arg` holds relay indices as f64 so that both selects are the same width: the
    // compiler then emits one compare and two blends per pair of lanes, with no branch.
    for (r, row) in legs.chunks_exact(n).enumerate() {
        let (a, rf) = (row[i], r as f64);
        let len = best.len();
        let (row, arg) = (&row[i + 1..i + 1 + len], &mut arg[..len]);
        for k in 0..len {
            let v = a + row[k];
            let old = best[k];
            // An all-ones mask where this relay is better: two selects as bit operations,
            // which SSE2 has (it has no blend instruction, and a plain `if` on the second
            // select was compiled to a branch per lane).
            let mask = ((v < old) as u64).wrapping_neg();
            best[k] = f64::from_bits((v.to_bits() & mask) | (old.to_bits() & !mask));
            arg[k] = f64::from_bits((rf.to_bits() & mask) | (arg[k].to_bits() & !mask));
        }
    }
}

/// The smallest `a[r] + b[r]` and its index, the lowest index on a tie (the per-pair
/// reference for [`relay_row`]).
#[cfg(test)]
fn min_sum(a: &[f64], b: &[f64]) -> Option<(f64, usize)> {
    let mut best = (f64::INFINITY, usize::MAX);
    for (r, (x, y)) in a.iter().zip(b).enumerate() {
        if x + y < best.0 {
            best = (x + y, r);
        }
    }
    (best.1 != usize::MAX).then_some(best)
}

fn rank(mut scores: Vec<HubScore>, objective: Objective) -> Vec<HubScore> {
    scores.sort_by(|a, b| match objective {
        Objective::Mean => a
            .mean_ms
            .total_cmp(&b.mean_ms)
            .then(a.max_ms.total_cmp(&b.max_ms)),
        Objective::Worst => a
            .max_ms
            .total_cmp(&b.max_ms)
            .then(a.mean_ms.total_cmp(&b.mean_ms)),
    });
    scores
}

/// Nearest-rank percentile (reorders `values`).
fn percentile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    let (_, v, _) = values.select_nth_unstable_by(rank - 1, f64::total_cmp);
    Some(*v)
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Whether a pair is among the `share` of pairs whose direct path fails: a stable hash of
/// the two ids (order-independent) compared with the share.
fn needs_relay(a: u64, b: u64, share: f64) -> bool {
    if share <= 0.0 {
        return false;
    }
    if share >= 1.0 {
        return true;
    }
    let mut x = a ^ b;
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    ((x >> 11) as f64 / (1u64 << 53) as f64) < share
}

/// The physical floor between two sites, ms (for checks and explanations).
pub fn floor_between(a: &Site, b: &Site) -> f64 {
    floor_rtt_ms(a.unit().distance_km(b.unit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn net(ids: &[&str]) -> Network {
        let specs: Vec<SiteSpec> = ids.iter().map(|s| SiteSpec::Id(s.to_string())).collect();
        Network::new(resolve_sites(&specs).unwrap()).unwrap()
    }

    fn params() -> Params {
        Params::default()
    }

    const FIVE: [&str; 5] = [
        "aws:us-east-1",
        "gcp:europe-west1",
        "azure:southeastasia",
        "aws:sa-east-1",
        "gcp:asia-northeast1",
    ];

    #[test]
    fn tunnel_counts_mesh_quadratic_hub_linear() {
        let ids: Vec<&str> = Catalog::builtin().sites()[..12]
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        let n = net(&ids);
        let mesh = n.evaluate(&TopologySpec::Mesh, &params()).unwrap();
        assert_eq!(mesh.links, 66);
        assert_eq!(mesh.new_site_links, 12);
        let hub_in = n
            .evaluate(
                &TopologySpec::parse(&format!("hub:{}", ids[0])).unwrap(),
                &params(),
            )
            .unwrap();
        assert_eq!(hub_in.links, 11);
        let hub_out = n
            .evaluate(&TopologySpec::parse("hub:ix:frankfurt").unwrap(), &params())
            .unwrap();
        assert_eq!(hub_out.links, 12);
        assert_eq!(hub_out.new_site_links, 1);
        let ex = n
            .evaluate(&TopologySpec::parse("exchange:ashburn").unwrap(), &params())
            .unwrap();
        assert_eq!(ex.links, 12);
        assert_eq!(ex.via.as_deref(), Some("ix:ashburn"));
    }

    #[test]
    fn mesh_adds_exactly_one_tunnel_overhead_to_direct() {
        let n = net(&FIVE);
        let mut p = params();
        p.tunnel_overhead_ms = 2.5;
        let mesh = n.evaluate(&TopologySpec::Mesh, &p).unwrap();
        for i in 0..5 {
            for j in 0..5 {
                let expect = if i == j {
                    0.0
                } else {
                    n.direct(i, j).unwrap() + 2.5
                };
                assert!((mesh.rtt(i, j).unwrap() - expect).abs() < 1e-9);
            }
        }
        assert_eq!(mesh.pairs, 10);
        assert!(mesh.p95_ms.unwrap() <= mesh.max_ms.unwrap());
        assert!(mesh.mean_ms.unwrap() <= mesh.max_ms.unwrap());
    }

    #[test]
    fn hub_paths_are_sums_of_legs_and_never_beat_mesh_without_overhead() {
        // With one inflation everywhere the model obeys the triangle inequality, so a hub
        // can only add latency. (With zone-pair inflations a detour can beat a badly
        // routed direct path: see `a_detour_can_beat_a_badly_routed_direct_path`.)
        let specs: Vec<SiteSpec> = FIVE.iter().map(|s| SiteSpec::Id(s.to_string())).collect();
        let n = Network::with_model(resolve_sites(&specs).unwrap(), RttModel::uniform(1.6, 3.0))
            .unwrap();
        let mut p = params();
        p.tunnel_overhead_ms = 0.0;
        let mesh = n.evaluate(&TopologySpec::Mesh, &p).unwrap();
        let hub = n
            .evaluate(&TopologySpec::parse("hub:aws:us-east-1").unwrap(), &p)
            .unwrap();
        // gcp:europe-west1 (1) to azure:southeastasia (2) via us-east-1 (0)
        let via = n.direct(1, 0).unwrap() + n.direct(0, 2).unwrap();
        assert!((hub.rtt(1, 2).unwrap() - via).abs() < 1e-9);
        assert_eq!(
            hub.via_of(1, 2).map(|s| s.id.as_str()),
            Some("aws:us-east-1")
        );
        assert!(hub.via_of(0, 2).is_none());
        for i in 0..5 {
            for j in 0..5 {
                assert!(hub.rtt(i, j).unwrap() + 1e-9 >= mesh.rtt(i, j).unwrap());
            }
        }
        assert!(hub.mean_stretch.unwrap() > 1.0);
    }

    #[test]
    fn best_hub_for_mean_and_for_worst_match_brute_force() {
        let n = net(&FIVE);
        let p = params();
        for (objective, spec) in [
            (Objective::Mean, "hub:best"),
            (Objective::Worst, "hub:best-worst"),
        ] {
            let mut brute: Vec<(f64, String)> = FIVE
                .iter()
                .map(|h| {
                    let r = n
                        .evaluate(&TopologySpec::parse(&format!("hub:{h}")).unwrap(), &p)
                        .unwrap();
                    let v = match objective {
                        Objective::Mean => r.mean_ms.unwrap(),
                        Objective::Worst => r.max_ms.unwrap(),
                    };
                    (v, h.to_string())
                })
                .collect();
            brute.sort_by(|a, b| a.0.total_cmp(&b.0));
            let ranked = n.rank_hubs(objective, &p).unwrap();
            assert_eq!(ranked[0].id, brute[0].1);
            let best = n.evaluate(&TopologySpec::parse(spec).unwrap(), &p).unwrap();
            assert_eq!(best.via.as_deref(), Some(brute[0].1.as_str()));
            let score = match objective {
                Objective::Mean => (ranked[0].mean_ms, best.mean_ms.unwrap()),
                Objective::Worst => (ranked[0].max_ms, best.max_ms.unwrap()),
            };
            assert!((score.0 - score.1).abs() < 1e-9, "{score:?}");
        }
    }

    #[test]
    fn hub_failure_cuts_everything_mesh_failure_only_that_site() {
        let n = net(&FIVE);
        let p = params();
        let hub = TopologySpec::parse("hub:aws:us-east-1").unwrap();
        let imp = n.failure_impact(&hub, &p, "aws:us-east-1").unwrap();
        assert_eq!(imp.pairs_lost, 10);
        assert_eq!(imp.mean_after_ms, None);
        let spoke = n.failure_impact(&hub, &p, "aws:sa-east-1").unwrap();
        assert_eq!(spoke.pairs_lost, 4);
        let mesh = n
            .failure_impact(&TopologySpec::Mesh, &p, "aws:us-east-1")
            .unwrap();
        assert_eq!(mesh.pairs_lost, 4);
        let ex = n
            .failure_impact(
                &TopologySpec::parse("exchange:ix:ashburn").unwrap(),
                &p,
                "ix:ashburn",
            )
            .unwrap();
        assert_eq!(ex.pairs_lost, 10);
        // A best hub stays put when it fails (failure is what happens to the design).
        let best = n
            .failure_impact(
                &TopologySpec::Hub(Choice::BestMean),
                &p,
                &n.rank_hubs(Objective::Mean, &p).unwrap()[0].id.clone(),
            )
            .unwrap();
        assert_eq!(best.pairs_lost, 10);
    }

    #[test]
    fn relay_failure_reroutes_to_the_next_relay() {
        let n = net(&["onprem:a", "onprem:b"].map(|_| "aws:eu-west-1")[..1]);
        drop(n);
        let sites = resolve_sites(&[
            SiteSpec::OnPrem {
                name: "Lisbon office".into(),
                lat: 38.72,
                lon: -9.14,
            },
            SiteSpec::OnPrem {
                name: "Oslo office".into(),
                lat: 59.91,
                lon: 10.75,
            },
        ])
        .unwrap();
        let net = Network::new(sites).unwrap();
        let mut p = params();
        p.nat_share = 1.0;
        let r = net.evaluate(&TopologySpec::Relay, &p).unwrap();
        assert_eq!(r.relayed_pairs, 1);
        let first = r.via_of(0, 1).unwrap().id.clone();
        let imp = net
            .failure_impact(&TopologySpec::Relay, &p, &first)
            .unwrap();
        assert_eq!(imp.pairs_lost, 0);
        assert_eq!(imp.pairs_slower, 1);
        p.relays = Some(vec![first.clone()]);
        let only = net
            .failure_impact(&TopologySpec::Relay, &p, &first)
            .unwrap();
        assert_eq!(only.pairs_lost, 1);
    }

    #[test]
    fn nat_share_controls_how_many_pairs_are_relayed() {
        let ids: Vec<&str> = Catalog::builtin().sites()[..60]
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        let n = net(&ids);
        let mut p = params();
        let mut last = 0;
        for share in [0.0, 0.25, 0.5, 1.0] {
            p.nat_share = share;
            let r = n.evaluate(&TopologySpec::Relay, &p).unwrap();
            let frac = r.relayed_pairs as f64 / r.pairs as f64;
            assert!((frac - share).abs() < 0.06, "share {share} gave {frac}");
            assert!(r.relayed_pairs >= last);
            last = r.relayed_pairs;
        }
        p.nat_share = 0.0;
        let none = n.evaluate(&TopologySpec::Relay, &p).unwrap();
        let mesh = n.evaluate(&TopologySpec::Mesh, &p).unwrap();
        assert_eq!(none.matrix, mesh.matrix);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let n = net(&FIVE);
        let mut p = params();
        p.nat_share = 1.5;
        assert!(n
            .evaluate(&TopologySpec::Relay, &p)
            .unwrap_err()
            .contains("nat_share"));
        p = params();
        p.tunnel_overhead_ms = f64::NAN;
        assert!(n.evaluate(&TopologySpec::Mesh, &p).is_err());
        let e = n
            .evaluate(&TopologySpec::parse("hub:aws:us-est-1").unwrap(), &params())
            .unwrap_err();
        assert!(e.contains("aws:us-east-1"), "{e}");
        let empty = Network::new(Vec::new()).unwrap();
        let r = empty.evaluate(&TopologySpec::Mesh, &params()).unwrap();
        assert_eq!((r.pairs, r.mean_ms), (0, None));
        assert!(empty
            .evaluate(&TopologySpec::Hub(Choice::BestMean), &params())
            .is_err());
        let sc: Result<Scenario, _> =
            serde_json::from_str(r#"{"sites": [], "topologies": ["ring"]}"#);
        assert!(sc.is_err());
    }

    #[test]
    fn scenario_round_trips_through_json() {
        let sc: Scenario = serde_json::from_str(
            r#"{"sites": ["aws:us-east-1", {"name": "HQ", "lat": 48.85, "lon": 2.35}], "topologies": ["mesh", "hub:best", "exchange:paris"], "nat_share": 0.5}"#,
        )
        .unwrap();
        let text = serde_json::to_string(&sc).unwrap();
        let back: Scenario = serde_json::from_str(&text).unwrap();
        assert_eq!(sc, back);
        let res = sc.compare().unwrap();
        assert_eq!(res.len(), 3);
        assert_eq!(res[2].topology, "exchange:ix:paris");
    }

    #[test]
    fn a_mistyped_failed_id_is_an_error_with_suggestions() {
        let mut sc: Scenario = serde_json::from_str(
            r#"{"sites": ["aws:us-east-1", "aws:eu-west-1", {"name": "HQ", "lat": 48.85, "lon": 2.35}], "topologies": ["mesh", "relay"]}"#,
        )
        .unwrap();
        sc.failed = vec!["aws:us-east1".into()];
        let e = sc.compare().unwrap_err();
        assert!(e.contains("aws:us-east-1"), "{e}");
        // Sites of the network (on-prem too), relays, hubs and exchanges may fail.
        sc.failed = vec!["onprem:hq".into(), "relay:fra".into(), "ix:london".into()];
        let res = sc.compare().unwrap();
        assert_eq!(res[0].unreachable_pairs, 2);
    }

    #[test]
    fn a_detour_can_beat_a_badly_routed_direct_path() {
        // Europe - East Asia routes are the most inflated in the measurements; for some
        // pairs a hub elsewhere is faster than the direct route, yet never below the floor.
        let n = net(&["aws:eu-central-1", "aws:ap-northeast-2", "gcp:asia-south1"]);
        let mut p = params();
        p.tunnel_overhead_ms = 0.0;
        let hub = n
            .evaluate(&TopologySpec::parse("hub:gcp:asia-south1").unwrap(), &p)
            .unwrap();
        let direct = n.direct(0, 1).unwrap();
        let via = hub.rtt(0, 1).unwrap();
        let floor = floor_between(&n.sites()[0], &n.sites()[1]);
        assert!(floor <= via, "{floor} {via}");
        println!("direct {direct:.1} via Mumbai {via:.1} floor {floor:.1}");
    }

    proptest! {
        #[test]
        fn relay_rows_equal_the_per_pair_minimum(
            legs in proptest::collection::vec(proptest::collection::vec(0.0f64..400.0, 6), 1..30),
            i in 0usize..6,
        ) {
            // Whole numbers make ties common, to check the lowest relay wins them.
            let legs: Vec<Vec<f64>> = legs.iter().map(|row| row.iter().map(|x| x.floor()).collect()).collect();
            let n = 6;
            let flat: Vec<f64> = legs.iter().flatten().copied().collect();
            let mut best = vec![0.0; n - i - 1];
            let mut arg = vec![0.0f64; n - i - 1];
            relay_row(&flat, n, i, &mut best, &mut arg);
            for j in (i + 1)..n {
                let a: Vec<f64> = legs.iter().map(|row| row[i]).collect();
                let b: Vec<f64> = legs.iter().map(|row| row[j]).collect();
                let (m, r) = min_sum(&a, &b).unwrap();
                prop_assert_eq!(best[j - i - 1], m);
                prop_assert_eq!(arg[j - i - 1] as usize, r);
            }
        }

        /// No topology, relayed or not, ever beats the physical floor of a pair.
        #[test]
        fn nothing_beats_the_floor(idx in proptest::collection::vec(0usize..186, 2..12), share in 0.0f64..=1.0, t in 0.0f64..5.0) {
            let cat = Catalog::builtin();
            let mut ids: Vec<&str> = idx.iter().map(|&i| cat.sites()[i % cat.sites().len()].id.as_str()).collect();
            ids.sort();
            ids.dedup();
            let n = net(&ids);
            let p = Params { nat_share: share, tunnel_overhead_ms: t, ..Params::default() };
            for spec in ["mesh", "relay", "hub:best", "hub:best-worst", "exchange:best", "exchange:london"] {
                let r = n.evaluate(&TopologySpec::parse(spec).unwrap(), &p).unwrap();
                for i in 0..ids.len() {
                    for j in 0..ids.len() {
                        if i != j {
                            let floor = floor_between(&n.sites()[i], &n.sites()[j]);
                            prop_assert!(r.rtt(i, j).unwrap() + 1e-9 >= floor, "{} {} {}", spec, ids[i], ids[j]);
                        }
                    }
                }
            }
        }
    }
}
