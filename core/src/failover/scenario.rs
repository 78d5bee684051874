//! A failover scenario of any model, what it costs, and the lab's starting scenarios from
//! the course's sources (a static site in two clouds, an IPsec tunnel pair, an interconnect,
//! ad-server caches fed across clouds, a backup restored elsewhere, us-east-1 to us-west-2).
//!
//! Scenarios are JSON tagged by `model`, so the lab, the CLI and exercises share one shape:
//!
//! ```
//! use cloudhop_core::failover::scenario::Scenario;
//! let s = Scenario::from_json(r#"{"model":"dns","ttl_s":30}"#).unwrap();
//! let report = s.evaluate().unwrap();
//! assert_eq!(report.timeline.phases().len(), 4);
//! assert!(Scenario::from_json(r#"{"model":"dns","ttl":30}"#).unwrap_err().to_string().contains("ttl"));
//! ```

use super::data::{backup_restore, cache_feed, BackupParams, CacheFeedParams};
use super::dns::{dns_failover, DnsParams};
use super::error::FailoverError;
pub use super::model::{Model, UnknownModel};
use super::region::{region_failover, RegionParams};
use super::timeline::Timeline;
use super::tunnel::{tunnel_failover, BgpParams, IpsecParams, TunnelParams};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One failover scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "lowercase")]
pub enum Scenario {
    /// DNS failover between two copies of a service.
    Dns(DnsParams),
    /// An IPsec tunnel or BGP session failing over to a backup.
    Tunnel(TunnelParams),
    /// Caches fed across clouds, and their feed breaking.
    Cache(CacheFeedParams),
    /// A backup restored in another cloud.
    Restore(BackupParams),
    /// A whole region failing over.
    Region(RegionParams),
}

/// The unit of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Seconds.
    Seconds,
    /// A count (requests, packets, reads, writes).
    Count,
    /// A share from 0 to 1.
    Share,
}

/// A number worth showing, with what it means.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Stable key (`time_to_share_typical`, `packets_dropped_typical`, ...).
    pub key: &'static str,
    /// For a person.
    pub label: String,
    /// The value.
    pub value: f64,
    /// Its unit.
    pub unit: Unit,
}

/// What a scenario costs, in a shape every model shares.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The typical-case timeline.
    pub timeline: Timeline,
    /// The headline duration: what the lab compares first.
    pub headline: Figure,
    /// Things lost on the way (failed requests, dropped packets, stale reads, lost writes).
    pub losses: Vec<Figure>,
    /// Other figures (best and worst cases, detection, staleness).
    pub figures: Vec<Figure>,
    /// DNS models: share of clients moved against seconds after the failure.
    pub moved_curve: Vec<(f64, f64)>,
}

/// The typed result of a scenario, as the CLI prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "model", rename_all = "lowercase")]
pub enum Outcome {
    /// DNS failover result.
    Dns(super::dns::DnsResult),
    /// Tunnel failover result.
    Tunnel(super::tunnel::TunnelResult),
    /// Cache feed result.
    Cache(super::data::CacheFeedResult),
    /// Backup restore result.
    Restore(super::data::BackupResult),
    /// Region failover result.
    Region(super::region::RegionResult),
}

fn fig(key: &'static str, label: &str, value: f64, unit: Unit) -> Figure {
    Figure {
        key,
        label: label.to_string(),
        value,
        unit,
    }
}

impl Scenario {
    /// Parse scenario JSON, with a message naming what is wrong.
    pub fn from_json(text: &str) -> Result<Scenario, FailoverError> {
        serde_json::from_str(text).map_err(|e| FailoverError::BadScenario(e.to_string()))
    }

    /// Compact JSON for URLs and saved state.
    ///
    /// ```
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let s = Scenario::preset("ipsec").unwrap();
    /// assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The scenario's model; its [`Model::name`] is the JSON tag (`dns`, `tunnel`, ...).
    ///
    /// ```
    /// use cloudhop_core::failover::scenario::{Model, Scenario};
    /// let s = Scenario::preset("interconnect").unwrap();
    /// assert_eq!(s.model(), Model::Tunnel);
    /// assert_eq!(s.model().to_string(), "tunnel");
    /// ```
    pub fn model(&self) -> Model {
        match self {
            Scenario::Dns(_) => Model::Dns,
            Scenario::Tunnel(_) => Model::Tunnel,
            Scenario::Cache(_) => Model::Cache,
            Scenario::Restore(_) => Model::Restore,
            Scenario::Region(_) => Model::Region,
        }
    }

    /// The share of clients whose move is the headline, for models that move clients
    /// (DNS); the lab draws it as the target line of the clients-moved chart.
    ///
    /// ```
    /// use cloudhop_core::failover::scenario::Scenario;
    /// assert_eq!(Scenario::preset("static-site").unwrap().target_share(), Some(0.95));
    /// assert_eq!(Scenario::preset("region").unwrap().target_share(), None);
    /// ```
    pub fn target_share(&self) -> Option<f64> {
        match self {
            Scenario::Dns(p) => Some(p.target_share),
            _ => None,
        }
    }

    /// Run the model and keep its typed result.
    pub fn outcome(&self) -> Result<Outcome, FailoverError> {
        Ok(match self {
            Scenario::Dns(p) => Outcome::Dns(dns_failover(p)?),
            Scenario::Tunnel(p) => Outcome::Tunnel(tunnel_failover(p)?),
            Scenario::Cache(p) => Outcome::Cache(cache_feed(p)?),
            Scenario::Restore(p) => Outcome::Restore(backup_restore(p)?),
            Scenario::Region(p) => Outcome::Region(region_failover(p)?),
        })
    }

    /// Run the model and summarise it for display and comparison.
    pub fn evaluate(&self) -> Result<Report, FailoverError> {
        Ok(match self.outcome()? {
            Outcome::Dns(r) => {
                let share = match self {
                    Scenario::Dns(p) => p.target_share * 100.0,
                    _ => 95.0,
                };
                Report {
                    headline: fig(
                        "time_to_share_typical",
                        &format!("{share:.0}% of clients moved (typical)"),
                        r.time_to_share_s.typical,
                        Unit::Seconds,
                    ),
                    losses: vec![fig(
                        "failed_requests_typical",
                        "failed requests (typical)",
                        r.failed_requests.typical,
                        Unit::Count,
                    )],
                    figures: vec![
                        fig(
                            "detection_typical",
                            "detection (typical)",
                            r.detection_s.typical,
                            Unit::Seconds,
                        ),
                        fig(
                            "time_to_share_best",
                            &format!("{share:.0}% moved, best case"),
                            r.time_to_share_s.best,
                            Unit::Seconds,
                        ),
                        fig(
                            "time_to_share_worst",
                            &format!("{share:.0}% moved, worst case"),
                            r.time_to_share_s.worst,
                            Unit::Seconds,
                        ),
                        fig(
                            "all_moved_typical",
                            "every client moved (typical)",
                            r.all_moved_s.typical,
                            Unit::Seconds,
                        ),
                        fig(
                            "failed_requests_worst",
                            "failed requests (worst)",
                            r.failed_requests.worst,
                            Unit::Count,
                        ),
                    ],
                    moved_curve: r.moved_curve,
                    timeline: r.timeline,
                }
            }
            Outcome::Tunnel(r) => Report {
                headline: fig(
                    "outage_typical",
                    "outage (typical)",
                    r.outage_s.typical,
                    Unit::Seconds,
                ),
                losses: vec![fig(
                    "packets_dropped_typical",
                    "packets dropped (typical)",
                    r.packets_dropped.typical,
                    Unit::Count,
                )],
                figures: vec![
                    fig(
                        "detection_typical",
                        "detection (typical)",
                        r.detection_s.typical,
                        Unit::Seconds,
                    ),
                    fig(
                        "outage_best",
                        "outage, best case",
                        r.outage_s.best,
                        Unit::Seconds,
                    ),
                    fig(
                        "outage_worst",
                        "outage, worst case",
                        r.outage_s.worst,
                        Unit::Seconds,
                    ),
                    fig(
                        "traffic_gap_typical",
                        "no traffic flows (typical)",
                        r.traffic_gap_s.typical,
                        Unit::Seconds,
                    ),
                    fig(
                        "packets_dropped_worst",
                        "packets dropped (worst)",
                        r.packets_dropped.worst,
                        Unit::Count,
                    ),
                ],
                moved_curve: Vec::new(),
                timeline: r.timeline,
            },
            Outcome::Cache(r) => Report {
                headline: fig(
                    "window",
                    "caches without fresh data",
                    r.timeline.total_s(),
                    Unit::Seconds,
                ),
                losses: vec![
                    fig(
                        "stale_reads_during_failover",
                        "stale reads until caches are fresh",
                        r.stale_reads_during_failover,
                        Unit::Count,
                    ),
                    fig(
                        "extra_stale_reads",
                        "of which extra",
                        r.extra_stale_reads,
                        Unit::Count,
                    ),
                ],
                figures: vec![
                    fig(
                        "staleness_typical",
                        "cache age, mean",
                        r.staleness_s.typical,
                        Unit::Seconds,
                    ),
                    fig(
                        "staleness_worst",
                        "cache age, max",
                        r.staleness_s.worst,
                        Unit::Seconds,
                    ),
                    fig(
                        "stale_read_share",
                        "stale reads in normal running",
                        r.stale_read_share,
                        Unit::Share,
                    ),
                    fig(
                        "stale_reads_per_s",
                        "stale reads per second",
                        r.stale_reads_per_s,
                        Unit::Count,
                    ),
                ],
                moved_curve: Vec::new(),
                timeline: r.timeline,
            },
            Outcome::Restore(r) => Report {
                headline: fig("rto", "recovery time (RTO)", r.rto_s, Unit::Seconds),
                losses: vec![fig(
                    "lost_writes_typical",
                    "writes lost (typical)",
                    r.lost_writes.typical,
                    Unit::Count,
                )],
                figures: vec![
                    fig(
                        "rpo_typical",
                        "data lost (RPO, typical)",
                        r.rpo_s.typical,
                        Unit::Seconds,
                    ),
                    fig(
                        "rpo_worst",
                        "data lost (RPO, worst)",
                        r.rpo_s.worst,
                        Unit::Seconds,
                    ),
                ],
                moved_curve: Vec::new(),
                timeline: r.timeline,
            },
            Outcome::Region(r) => Report {
                headline: fig(
                    "rto_typical",
                    "recovery time (RTO, typical)",
                    r.rto_s.typical,
                    Unit::Seconds,
                ),
                losses: vec![
                    fig(
                        "failed_requests_typical",
                        "failed requests (typical)",
                        r.failed_requests.typical,
                        Unit::Count,
                    ),
                    fig(
                        "lost_writes_typical",
                        "writes lost (typical)",
                        r.lost_writes.typical,
                        Unit::Count,
                    ),
                    fig(
                        "slow_requests",
                        "slow requests while warming up",
                        r.slow_requests,
                        Unit::Count,
                    ),
                ],
                figures: vec![
                    fig("rto_worst", "RTO, worst case", r.rto_s.worst, Unit::Seconds),
                    fig(
                        "rpo_typical",
                        "data lost (RPO, typical)",
                        r.rpo_s.typical,
                        Unit::Seconds,
                    ),
                    fig(
                        "data_ready",
                        "data ready after the decision",
                        r.data_ready_s,
                        Unit::Seconds,
                    ),
                    fig(
                        "capacity_ready",
                        "capacity ready after the decision",
                        r.capacity_ready_s,
                        Unit::Seconds,
                    ),
                ],
                moved_curve: Vec::new(),
                timeline: r.timeline,
            },
        })
    }

    /// The starting scenarios, as `(id, title)`.
    ///
    /// ```
    /// use cloudhop_core::failover::scenario::Scenario;
    /// for (id, _) in Scenario::PRESETS {
    ///     assert!(Scenario::preset(id).unwrap().evaluate().is_ok());
    /// }
    /// ```
    pub const PRESETS: [(&'static str, &'static str); 6] = [
        ("static-site", "Static site in two clouds, switched by DNS"),
        ("ipsec", "IPsec tunnel pair between clouds"),
        ("interconnect", "BGP over Direct Connect"),
        (
            "ad-caches",
            "Ad-server caches fed from a primary DB in another cloud",
        ),
        ("restore", "Restore a backup in another cloud"),
        ("region", "us-east-1 to us-west-2 region failover"),
    ];

    /// A starting scenario by id (see [`Scenario::PRESETS`]).
    pub fn preset(id: &str) -> Option<Scenario> {
        Some(match id {
            "static-site" => Scenario::Dns(DnsParams::default()),
            "ipsec" => Scenario::Tunnel(TunnelParams::Ipsec(IpsecParams::default())),
            "interconnect" => Scenario::Tunnel(TunnelParams::Bgp(BgpParams::default())),
            "ad-caches" => Scenario::Cache(CacheFeedParams::default()),
            "restore" => Scenario::Restore(BackupParams::default()),
            "region" => Scenario::Region(RegionParams::default()),
            _ => return None,
        })
    }

    /// Apply a JSON merge patch (RFC 7386) and parse the result.
    ///
    /// ```
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let s = Scenario::preset("interconnect").unwrap();
    /// let fast = s.with_patch(&serde_json::json!({"bfd": true})).unwrap();
    /// assert!(fast.evaluate().unwrap().headline.value < s.evaluate().unwrap().headline.value);
    /// assert!(s.with_patch(&serde_json::json!({"bfd": "yes"})).is_err());
    /// ```
    pub fn with_patch(&self, patch: &Value) -> Result<Scenario, FailoverError> {
        let mut v =
            serde_json::to_value(self).map_err(|e| FailoverError::BadChange(e.to_string()))?;
        merge_patch(&mut v, patch);
        serde_json::from_value(v).map_err(|e| FailoverError::BadChange(e.to_string()))
    }

    /// The JSON value at a dotted path (`ttl_s`, `dns.ttl_s`), if there is one.
    ///
    /// ```
    /// use cloudhop_core::failover::scenario::Scenario;
    /// let s = Scenario::preset("region").unwrap();
    /// assert_eq!(s.value_at("dns.ttl_s"), Some(serde_json::json!(60.0)));
    /// assert_eq!(s.value_at("nope"), None);
    /// ```
    pub fn value_at(&self, path: &str) -> Option<Value> {
        let v = serde_json::to_value(self).ok()?;
        path.split('.')
            .try_fold(&v, |cur, key| cur.get(key))
            .cloned()
    }
}

/// RFC 7386 merge patch: objects merge key by key, `null` deletes, anything else replaces.
fn merge_patch(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_tags_round_trip() {
        let s = Scenario::from_json(r#"{"model":"tunnel","kind":"bgp","bfd":true}"#).unwrap();
        match &s {
            Scenario::Tunnel(TunnelParams::Bgp(b)) => assert!(b.bfd),
            other => panic!("parsed as {other:?}"),
        }
        assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
        let r = Scenario::from_json(
            r#"{"model":"region","data":{"strategy":"backup","backup_interval_s":3600,"copy_lag_s":60,"data_gb":10,"restore_gb_per_min":1}}"#,
        )
        .unwrap();
        assert_eq!(r.evaluate().unwrap().figures[2].value, 600.0);
    }

    #[test]
    fn refuses_unknown_models_and_fields() {
        assert!(Scenario::from_json(r#"{"model":"carrier-pigeon"}"#).is_err());
        assert!(Scenario::from_json(r#"{"model":"tunnel","kind":"ipsec","dpd":3}"#).is_err());
        assert!(Scenario::from_json("[1,2]").is_err());
    }

    #[test]
    fn headline_matches_the_timeline_for_tunnels_and_regions() {
        for id in ["ipsec", "interconnect", "region", "restore", "ad-caches"] {
            let r = Scenario::preset(id).unwrap().evaluate().unwrap();
            assert!(
                (r.headline.value - r.timeline.total_s()).abs() < 1e-9,
                "{id}"
            );
        }
    }
}
