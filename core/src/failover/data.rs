//! The data side of failover: caches fed across clouds go stale, and a backup restored in
//! another cloud loses what happened since it was taken.
//!
//! **Cache fed across clouds** (ad servers in one cloud whose caches receive batches from
//! a primary database in another). A batch leaves every `replication_interval_s` and
//! lands `replication_lag_s` later, so a cache's age is `lag + U·interval` with `U` even on
//! 0..1: mean `lag + interval/2`, max `lag + interval`. A key updated at random
//! (`key_update_rate_per_s` = `u`) is stale with probability
//! `1 - e^(-u·lag)·(1 - e^(-u·interval))/(u·interval)`. When the feed breaks, caches
//! stop receiving batches until it is rerouted and the next batch lands; over that window
//! `T` the expected stale reads are `r·(T - m·(1 - e^(-u·T))/u)`, where `m` is the factor
//! above.
//!
//! **Backup restored in another cloud.** Backups are taken every `backup_interval_s` and
//! arrive in the other cloud `copy_lag_s` later, so the newest usable backup is between
//! `copy_lag` and `copy_lag + interval` old (RPO); restoring takes detection, a decision,
//! moving `data_gb` at the restore rate, and starting services (RTO).
//!
//! ```
//! use cloudhop_core::failover::data::{backup_restore, BackupParams};
//! let r = backup_restore(&BackupParams::default()).unwrap();
//! assert_eq!(r.rpo_s.worst, 86_400.0 + 3_600.0);
//! ```

use super::error::FailoverError;
use super::timeline::{check, PhaseKind, Spread, Timeline};
use serde::{Deserialize, Serialize};

/// A cache in one cloud fed in batches from a primary database in another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CacheFeedParams {
    /// Seconds between batches pushed to the caches (0 = a continuous stream).
    pub replication_interval_s: f64,
    /// Seconds for a batch to cross clouds and be applied.
    pub replication_lag_s: f64,
    /// How often one cached key changes at the primary, per second.
    pub key_update_rate_per_s: f64,
    /// Reads per second served from the caches.
    pub read_rate_per_s: f64,
    /// Seconds until a broken feed is noticed.
    pub detect_s: f64,
    /// Seconds to decide to reroute the feed.
    pub decide_s: f64,
    /// Seconds to bring the feed up over the backup path.
    pub reroute_s: f64,
}

impl Default for CacheFeedParams {
    fn default() -> Self {
        CacheFeedParams {
            replication_interval_s: 60.0,
            replication_lag_s: 2.0,
            key_update_rate_per_s: 1.0 / 600.0,
            read_rate_per_s: 5000.0,
            detect_s: 120.0,
            decide_s: 300.0,
            reroute_s: 60.0,
        }
    }
}

impl CacheFeedParams {
    /// Check every field; the message names the first bad one.
    ///
    /// ```
    /// use cloudhop_core::failover::data::CacheFeedParams;
    /// let p = CacheFeedParams { read_rate_per_s: 0.0, ..CacheFeedParams::default() };
    /// assert!(p.validate().unwrap_err().to_string().contains("read_rate_per_s"));
    /// ```
    pub fn validate(&self) -> Result<(), FailoverError> {
        check::non_negative("replication_interval_s", self.replication_interval_s)?;
        check::non_negative("replication_lag_s", self.replication_lag_s)?;
        check::non_negative("key_update_rate_per_s", self.key_update_rate_per_s)?;
        check::positive("read_rate_per_s", self.read_rate_per_s)?;
        check::non_negative("detect_s", self.detect_s)?;
        check::non_negative("decide_s", self.decide_s)?;
        check::non_negative("reroute_s", self.reroute_s)?;
        Ok(())
    }
}

/// Staleness of the caches and what a broken feed adds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CacheFeedResult {
    /// Detect, decide, propagate (reroute), recover (next batch lands), typical case.
    pub timeline: Timeline,
    /// Age of cached data in normal running: best (a batch just landed), mean, worst.
    pub staleness_s: Spread,
    /// Share of reads that return an out-of-date value in normal running.
    pub stale_read_share: f64,
    /// Stale reads per second in normal running.
    pub stale_reads_per_s: f64,
    /// Stale reads from the feed breaking until caches are fresh again (typical).
    pub stale_reads_during_failover: f64,
    /// Of those, how many are extra compared with normal running.
    pub extra_stale_reads: f64,
}

/// `(1 - e^(-x))/x`, 1 at 0, without cancellation.
fn decay_mean(x: f64) -> f64 {
    if x <= 1e-12 {
        1.0
    } else {
        -(-x).exp_m1() / x
    }
}

/// Run the cache-feed model.
///
/// ```
/// use cloudhop_core::failover::data::{cache_feed, CacheFeedParams};
/// let p = CacheFeedParams { replication_interval_s: 0.0, replication_lag_s: 0.0, ..CacheFeedParams::default() };
/// assert_eq!(cache_feed(&p).unwrap().stale_read_share, 0.0);
/// ```
pub fn cache_feed(p: &CacheFeedParams) -> Result<CacheFeedResult, FailoverError> {
    p.validate()?;
    let i = p.replication_interval_s;
    let lag = p.replication_lag_s;
    let u = p.key_update_rate_per_s;
    let r = p.read_rate_per_s;
    let fresh = (-u * lag).exp() * decay_mean(u * i);
    let stale_read_share = (1.0 - fresh).clamp(0.0, 1.0);
    let recover = i / 2.0 + lag;
    let timeline = Timeline::sequence(&[
        (PhaseKind::Detect, "the broken feed is noticed", p.detect_s),
        (PhaseKind::Decide, "decide to reroute the feed", p.decide_s),
        (
            PhaseKind::Propagate,
            "feed comes up over the backup path",
            p.reroute_s,
        ),
        (PhaseKind::Recover, "next batch reaches the caches", recover),
    ])?;
    let window = timeline.total_s();
    let during = if u > 0.0 {
        r * (window - fresh * window * decay_mean(u * window))
    } else {
        0.0
    };
    let during = during.max(0.0);
    let baseline = r * window * stale_read_share;
    Ok(CacheFeedResult {
        timeline,
        staleness_s: Spread {
            best: lag,
            typical: lag + i / 2.0,
            worst: lag + i,
        },
        stale_read_share,
        stale_reads_per_s: r * stale_read_share,
        stale_reads_during_failover: during,
        extra_stale_reads: (during - baseline).max(0.0),
    })
}

/// Backups copied to another cloud and restored there when the first one fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupParams {
    /// Seconds between backups.
    pub backup_interval_s: f64,
    /// Seconds from taking a backup until it is usable in the other cloud.
    pub copy_lag_s: f64,
    /// Size of the data to restore, GB.
    pub data_gb: f64,
    /// Restore throughput, GB per minute.
    pub restore_gb_per_min: f64,
    /// Seconds until the failure is noticed.
    pub detect_s: f64,
    /// Seconds to decide to restore in the other cloud.
    pub decide_s: f64,
    /// Seconds to start services on the restored data and check them.
    pub start_services_s: f64,
    /// Writes per second at the primary (to count what is lost).
    pub write_rate_per_s: f64,
}

impl Default for BackupParams {
    fn default() -> Self {
        BackupParams {
            backup_interval_s: 86_400.0,
            copy_lag_s: 3_600.0,
            data_gb: 500.0,
            restore_gb_per_min: 5.0,
            detect_s: 300.0,
            decide_s: 1_800.0,
            start_services_s: 600.0,
            write_rate_per_s: 10.0,
        }
    }
}

impl BackupParams {
    /// Check every field; the message names the first bad one.
    ///
    /// ```
    /// use cloudhop_core::failover::data::BackupParams;
    /// let p = BackupParams { restore_gb_per_min: 0.0, ..BackupParams::default() };
    /// assert!(p.validate().unwrap_err().to_string().contains("restore_gb_per_min"));
    /// ```
    pub fn validate(&self) -> Result<(), FailoverError> {
        check::positive("backup_interval_s", self.backup_interval_s)?;
        check::non_negative("copy_lag_s", self.copy_lag_s)?;
        check::non_negative("data_gb", self.data_gb)?;
        check::positive("restore_gb_per_min", self.restore_gb_per_min)?;
        check::non_negative("detect_s", self.detect_s)?;
        check::non_negative("decide_s", self.decide_s)?;
        check::non_negative("start_services_s", self.start_services_s)?;
        check::non_negative("write_rate_per_s", self.write_rate_per_s)?;
        Ok(())
    }

    /// Seconds to move the data at the restore rate.
    ///
    /// ```
    /// use cloudhop_core::failover::data::BackupParams;
    /// assert_eq!(BackupParams::default().restore_s(), 6000.0); // 500 GB at 5 GB/min
    /// ```
    pub fn restore_s(&self) -> f64 {
        self.data_gb / self.restore_gb_per_min * 60.0
    }

    /// Recovery point: age of the newest usable backup at the failure.
    ///
    /// ```
    /// use cloudhop_core::failover::data::BackupParams;
    /// let r = BackupParams { backup_interval_s: 100.0, copy_lag_s: 10.0, ..BackupParams::default() }.rpo_s();
    /// assert_eq!((r.best, r.typical, r.worst), (10.0, 60.0, 110.0));
    /// ```
    pub fn rpo_s(&self) -> Spread {
        Spread {
            best: self.copy_lag_s,
            typical: self.copy_lag_s + self.backup_interval_s / 2.0,
            worst: self.copy_lag_s + self.backup_interval_s,
        }
    }
}

/// Recovery point and time for a restore in another cloud.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupResult {
    /// Detect, decide, propagate (restore the data), recover (start services).
    pub timeline: Timeline,
    /// Recovery point objective met: data lost, in seconds of writes.
    pub rpo_s: Spread,
    /// Recovery time: from the failure until service is back.
    pub rto_s: f64,
    /// Writes lost.
    pub lost_writes: Spread,
}

/// Run the backup-restore model.
///
/// ```
/// use cloudhop_core::failover::data::{backup_restore, BackupParams};
/// let r = backup_restore(&BackupParams::default()).unwrap();
/// assert_eq!(r.rto_s, 300.0 + 1800.0 + 6000.0 + 600.0);
/// ```
pub fn backup_restore(p: &BackupParams) -> Result<BackupResult, FailoverError> {
    p.validate()?;
    let label = format!("restore {} GB in the other cloud", p.data_gb);
    let timeline = Timeline::sequence(&[
        (PhaseKind::Detect, "the failure is noticed", p.detect_s),
        (PhaseKind::Decide, "decide to restore elsewhere", p.decide_s),
        (PhaseKind::Propagate, &label, p.restore_s()),
        (
            PhaseKind::Recover,
            "start services and check them",
            p.start_services_s,
        ),
    ])?;
    let rpo = p.rpo_s();
    Ok(BackupResult {
        rto_s: timeline.total_s(),
        timeline,
        rpo_s: rpo,
        lost_writes: rpo.map(|v| v * p.write_rate_per_s),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn cache_staleness_by_hand() {
        // Interval 60, lag 2, u = 1/600, r = 5000.
        // fresh = e^(-2/600) · (1 - e^(-0.1)) / 0.1
        let r = cache_feed(&CacheFeedParams::default()).unwrap();
        let fresh = (-2.0f64 / 600.0).exp() * (1.0 - (-0.1f64).exp()) / 0.1;
        assert!(close(r.stale_read_share, 1.0 - fresh));
        assert!(r.stale_read_share > 0.05 && r.stale_read_share < 0.06);
        assert_eq!(
            r.staleness_s,
            Spread {
                best: 2.0,
                typical: 32.0,
                worst: 62.0
            }
        );
        // Window: 120 + 300 + 60 + 32 = 512 s.
        let t: f64 = 512.0;
        let u = 1.0 / 600.0;
        let during = 5000.0 * (t - fresh * (1.0 - (-u * t).exp()) / u);
        assert!(close(r.timeline.total_s(), t));
        assert!(close(r.stale_reads_during_failover, during));
        assert!(close(
            r.extra_stale_reads,
            during - 5000.0 * t * (1.0 - fresh)
        ));
        assert!(r.extra_stale_reads > 0.0);
    }

    #[test]
    fn never_updated_keys_are_never_stale() {
        let p = CacheFeedParams {
            key_update_rate_per_s: 0.0,
            ..CacheFeedParams::default()
        };
        let r = cache_feed(&p).unwrap();
        assert_eq!(r.stale_read_share, 0.0);
        assert_eq!(r.stale_reads_during_failover, 0.0);
    }

    #[test]
    fn backup_by_hand() {
        let r = backup_restore(&BackupParams::default()).unwrap();
        assert_eq!(
            r.rpo_s,
            Spread {
                best: 3600.0,
                typical: 46_800.0,
                worst: 90_000.0
            }
        );
        assert_eq!(r.lost_writes.typical, 468_000.0);
        assert_eq!(r.rto_s, 8700.0);
        assert!(r.timeline.is_well_formed());
    }

    #[test]
    fn refuses_bad_parameters() {
        assert!(cache_feed(&CacheFeedParams {
            detect_s: -3.0,
            ..CacheFeedParams::default()
        })
        .unwrap_err()
        .to_string()
        .contains("detect_s"));
        assert!(backup_restore(&BackupParams {
            backup_interval_s: 0.0,
            ..BackupParams::default()
        })
        .unwrap_err()
        .to_string()
        .contains("backup_interval_s"));
    }
}
