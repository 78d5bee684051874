//! Region failover (for example us-east-1 to us-west-2): DNS, data and capacity together.
//!
//! Health checks notice the region is down (the DNS model's detection). Then someone
//! decides (`decide_s`), and two things run side by side: the data is made writable in the
//! standby region (promote a replica, or restore a backup) and the missing capacity is
//! launched (`(1 - standby_capacity_share) · full_scale_up_s`). Only when both are done
//! does the record switch; then clients move as their caches expire (the DNS model's
//! propagation) and the new region warms up (`warmup_s`).
//!
//! RTO here is from the failure until the target share of clients reach the warmed-up
//! standby region. RPO is the replica's lag, or the backup's age.
//!
//! ```
//! use cloudhop_core::failover::region::{region_failover, RegionParams};
//! let r = region_failover(&RegionParams::default()).unwrap();
//! assert!(r.rto_s.best <= r.rto_s.typical && r.rto_s.typical <= r.rto_s.worst);
//! ```

use super::data::BackupParams;
use super::dns::{dns_failover, DnsParams};
use super::error::FailoverError;
use super::timeline::{check, PhaseKind, Spread, Timeline};
use serde::{Deserialize, Serialize};

/// How the standby region gets its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "strategy", rename_all = "lowercase", deny_unknown_fields)]
pub enum RegionData {
    /// An asynchronous cross-region replica, promoted at failover.
    Replica {
        /// How far the replica lags the primary, seconds.
        replica_lag_s: f64,
        /// Seconds to promote it to a writable primary.
        promote_s: f64,
    },
    /// Backups copied to the standby region and restored there.
    Backup {
        /// Seconds between backups.
        backup_interval_s: f64,
        /// Seconds from taking a backup until it is usable in the standby region.
        copy_lag_s: f64,
        /// Size of the data, GB.
        data_gb: f64,
        /// Restore throughput, GB per minute.
        restore_gb_per_min: f64,
    },
}

/// Parameters of a region failover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegionParams {
    /// Health checks, record and clients (the DNS model).
    pub dns: DnsParams,
    /// Seconds for people to decide to fail the region over.
    pub decide_s: f64,
    /// Where the data comes from.
    pub data: RegionData,
    /// Share of full capacity already running in the standby region (0 = pilot light).
    pub standby_capacity_share: f64,
    /// Seconds to launch a region's full capacity from nothing.
    pub full_scale_up_s: f64,
    /// Seconds for new capacity to warm up (caches, connection pools, JIT).
    pub warmup_s: f64,
    /// Writes per second at the primary (to count what is lost).
    pub write_rate_per_s: f64,
}

impl Default for RegionParams {
    fn default() -> Self {
        RegionParams {
            dns: DnsParams {
                ttl_s: 60.0,
                ..DnsParams::default()
            },
            decide_s: 600.0,
            data: RegionData::Replica {
                replica_lag_s: 5.0,
                promote_s: 300.0,
            },
            standby_capacity_share: 0.2,
            full_scale_up_s: 1200.0,
            warmup_s: 300.0,
            write_rate_per_s: 50.0,
        }
    }
}

impl RegionParams {
    /// Check every field; the message names the first bad one.
    ///
    /// ```
    /// use cloudhop_core::failover::region::RegionParams;
    /// let p = RegionParams { standby_capacity_share: 1.5, ..RegionParams::default() };
    /// assert!(p.validate().unwrap_err().to_string().contains("standby_capacity_share"));
    /// ```
    pub fn validate(&self) -> Result<(), FailoverError> {
        self.dns.validate().map_err(|e| e.within("dns"))?;
        check::non_negative("decide_s", self.decide_s)?;
        match &self.data {
            RegionData::Replica {
                replica_lag_s,
                promote_s,
            } => {
                check::non_negative("data.replica_lag_s", *replica_lag_s)?;
                check::non_negative("data.promote_s", *promote_s)?;
            }
            RegionData::Backup { .. } => {
                self.backup()
                    .map(|b| b.validate())
                    .transpose()
                    .map_err(|e| e.within("data"))?;
            }
        }
        check::share("standby_capacity_share", self.standby_capacity_share)?;
        check::non_negative("full_scale_up_s", self.full_scale_up_s)?;
        check::non_negative("warmup_s", self.warmup_s)?;
        check::non_negative("write_rate_per_s", self.write_rate_per_s)?;
        Ok(())
    }

    fn backup(&self) -> Option<BackupParams> {
        match &self.data {
            RegionData::Backup {
                backup_interval_s,
                copy_lag_s,
                data_gb,
                restore_gb_per_min,
            } => Some(BackupParams {
                backup_interval_s: *backup_interval_s,
                copy_lag_s: *copy_lag_s,
                data_gb: *data_gb,
                restore_gb_per_min: *restore_gb_per_min,
                ..BackupParams::default()
            }),
            RegionData::Replica { .. } => None,
        }
    }

    /// Seconds until the data is writable in the standby region, after the decision.
    ///
    /// ```
    /// use cloudhop_core::failover::region::RegionParams;
    /// assert_eq!(RegionParams::default().data_ready_s(), 300.0);
    /// ```
    pub fn data_ready_s(&self) -> f64 {
        match (&self.data, self.backup()) {
            (RegionData::Replica { promote_s, .. }, _) => *promote_s,
            (_, Some(b)) => b.restore_s(),
            _ => 0.0,
        }
    }

    /// Seconds until the standby region has full capacity, after the decision.
    ///
    /// ```
    /// use cloudhop_core::failover::region::RegionParams;
    /// assert_eq!(RegionParams::default().capacity_ready_s(), 960.0); // 80% of 1200 s
    /// ```
    pub fn capacity_ready_s(&self) -> f64 {
        (1.0 - self.standby_capacity_share) * self.full_scale_up_s
    }
}

/// What a region failover costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionResult {
    /// Detect, decide (and prepare data and capacity), propagate (DNS), recover (warm-up).
    pub timeline: Timeline,
    /// Seconds after the decision until the data is writable in the standby region.
    pub data_ready_s: f64,
    /// Seconds after the decision until the standby region has full capacity.
    pub capacity_ready_s: f64,
    /// From the failure until the target share of clients are served by the warm region.
    pub rto_s: Spread,
    /// Data lost, in seconds of writes.
    pub rpo_s: Spread,
    /// Writes lost.
    pub lost_writes: Spread,
    /// Requests that fail until clients have moved.
    pub failed_requests: Spread,
    /// Requests served slowly while the new region warms up (typical).
    pub slow_requests: f64,
}

/// Run the region failover model.
///
/// ```
/// use cloudhop_core::failover::region::{region_failover, RegionParams};
/// let hot = RegionParams { standby_capacity_share: 1.0, ..RegionParams::default() };
/// assert_eq!(region_failover(&hot).unwrap().capacity_ready_s, 0.0);
/// ```
pub fn region_failover(p: &RegionParams) -> Result<RegionResult, FailoverError> {
    p.validate()?;
    let data_ready = p.data_ready_s();
    let capacity_ready = p.capacity_ready_s();
    let prepare = p.decide_s + data_ready.max(capacity_ready);
    let mut dns = p.dns.clone();
    dns.dns_update_s += prepare;
    // Each field may be up to 30 years; say which sum is too long rather than blaming
    // `dns.dns_update_s`, which the learner did not set.
    check::non_negative(
        "deciding and preparing the standby region (decide_s + the slower of data and capacity + dns.dns_update_s)",
        dns.dns_update_s,
    )?;
    let d = dns_failover(&dns).map_err(|e| e.within("dns"))?;
    let detect = d.detection_s;
    let decide_total = d.switch_s.typical - detect.typical;
    let propagate_typical = d.time_to_share_s.typical - d.switch_s.typical;
    let propagate_worst = d.time_to_share_s.worst - d.switch_s.worst;
    let slower = if data_ready >= capacity_ready {
        "promote or restore the data"
    } else {
        "launch the missing capacity"
    };
    let decide_label = format!("decide, then {slower}");
    let propagate_label = format!(
        "{:.0}% of clients' caches expire",
        p.dns.target_share * 100.0
    );
    let timeline = Timeline::sequence(&[
        (PhaseKind::Detect, "health checks fail", detect.typical),
        (PhaseKind::Decide, &decide_label, decide_total),
        (PhaseKind::Propagate, &propagate_label, propagate_typical),
        (
            PhaseKind::Recover,
            "the standby region warms up",
            p.warmup_s,
        ),
    ])?;
    let rto = Spread {
        best: d.switch_s.best + propagate_typical + p.warmup_s,
        typical: d.switch_s.typical + propagate_typical + p.warmup_s,
        worst: d.switch_s.worst + propagate_worst + p.warmup_s,
    };
    let rpo = match (&p.data, p.backup()) {
        (RegionData::Replica { replica_lag_s, .. }, _) => Spread::all(*replica_lag_s),
        (_, Some(b)) => b.rpo_s(),
        _ => Spread::all(0.0),
    };
    Ok(RegionResult {
        timeline,
        data_ready_s: data_ready,
        capacity_ready_s: capacity_ready,
        rto_s: rto,
        rpo_s: rpo,
        lost_writes: rpo.map(|v| v * p.write_rate_per_s),
        failed_requests: d.failed_requests,
        slow_requests: p.dns.request_rate_per_s * p.warmup_s / 2.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_region_by_hand() {
        // Detect 75 (30 s × 3). Decide 600 + max(promote 300, 0.8 × 1200 = 960) = 1560.
        // DNS: TTL 60: 93% hold 60, 5% hold 300, 2% hold 1800. 95% moved:
        // at 60 s: 0.93 + 0.05·0.2 + 0.02·60/1800 = 0.94067 < 0.95, so
        // 0.93 + t(0.05/300 + 0.02/1800) = 0.95 → t = 0.02 / (0.05/300 + 0.02/1800) = 112.5.
        // Warm-up 300. RTO typical = 75 + 1560 + 112.5 + 300.
        let r = region_failover(&RegionParams::default()).unwrap();
        let t: f64 = 0.02 / (0.05 / 300.0 + 0.02 / 1800.0);
        assert!((t - 112.5).abs() < 1e-9);
        assert!((r.rto_s.typical - (75.0 + 1560.0 + 112.5 + 300.0)).abs() < 1e-9);
        // Worst: detect 90; 95% of caches refreshed just before: 93% + 5% hold ≤ 300 s.
        assert!((r.rto_s.worst - (90.0 + 1560.0 + 300.0 + 300.0)).abs() < 1e-9);
        assert_eq!(r.rpo_s, Spread::all(5.0));
        assert_eq!(r.lost_writes.typical, 250.0);
        assert!(r.timeline.is_well_formed());
        assert!((r.timeline.total_s() - r.rto_s.typical).abs() < 1e-9);
    }

    #[test]
    fn backup_restore_dominates_when_slow() {
        let p = RegionParams {
            data: RegionData::Backup {
                backup_interval_s: 3600.0,
                copy_lag_s: 600.0,
                data_gb: 1000.0,
                restore_gb_per_min: 10.0,
            },
            ..RegionParams::default()
        };
        let r = region_failover(&p).unwrap();
        assert_eq!(r.data_ready_s, 6000.0);
        assert_eq!(
            r.rpo_s,
            Spread {
                best: 600.0,
                typical: 2400.0,
                worst: 4200.0
            }
        );
        assert!(r.timeline.phases()[1].label.contains("data"));
        assert!((r.timeline.phases()[1].duration_s() - 6600.0).abs() < 1e-9);
    }

    #[test]
    fn too_long_a_preparation_is_named_not_blamed_on_dns() {
        // Each field is within bounds; their sum (1e9 + 0.8 × 1e9) is not.
        let p = RegionParams {
            decide_s: 1.0e9,
            full_scale_up_s: 1.0e9,
            ..RegionParams::default()
        };
        let e = region_failover(&p).unwrap_err().to_string();
        assert!(e.starts_with("deciding and preparing"), "{e}");
        assert!(!e.starts_with("dns:"), "{e}");
    }

    #[test]
    fn refuses_bad_nested_parameters() {
        let p = RegionParams {
            dns: DnsParams {
                ttl_s: -1.0,
                ..DnsParams::default()
            },
            ..RegionParams::default()
        };
        assert!(region_failover(&p)
            .unwrap_err()
            .to_string()
            .starts_with("dns: ttl_s"));
        let p = RegionParams {
            data: RegionData::Backup {
                backup_interval_s: 3600.0,
                copy_lag_s: 0.0,
                data_gb: 10.0,
                restore_gb_per_min: 0.0,
            },
            ..RegionParams::default()
        };
        assert!(region_failover(&p)
            .unwrap_err()
            .to_string()
            .contains("restore_gb_per_min"));
    }
}
