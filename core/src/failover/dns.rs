//! DNS failover: health checks notice the failure, the record flips, and clients move as
//! their cached answers expire.
//!
//! The model, in closed form:
//!
//! - **Detect.** With health checks every `i` seconds and `k` failures needed, the failure
//!   lands somewhere in a check interval, so detection takes `(k-1)·i` at best,
//!   `(k-½)·i` on average and `k·i` at worst. Manual failover instead waits
//!   `alert_delay_s` for a person to be paged and look.
//! - **Decide.** `dns_update_s` for the answer to change at the authoritative servers
//!   (plus `human_action_s` when a person edits the record).
//! - **Propagate.** Clients fall into three cohorts: those behind resolvers that honour
//!   the TTL (they hold the old answer up to `ttl + client_cache`), those behind resolvers
//!   that raise low TTLs to a floor (`max(ttl, floor) + client_cache`), and those that
//!   ignore TTLs and hold the answer for a fixed time. A cohort holding answers for up to
//!   `H` seconds has cache ages spread evenly, so its members move evenly over `H`
//!   (typical); at worst every cache was refreshed just before the change and all move at
//!   `H`. The share moved is piecewise linear, so the time to reach a share is exact.
//!   The three cases combine: *best* = best detection + evenly spread caches, *typical* =
//!   average detection + evenly spread caches, *worst* = worst detection + caches all
//!   refreshed just before the record changed.
//! - **Failed requests.** Every request fails until the record changes; then the share
//!   still on the old address fails. A cohort with hold `H` adds `H/2` seconds of failure on
//!   average (`H` at worst).
//!
//! ```
//! use cloudhop_core::failover::dns::{dns_failover, DnsParams};
//! let p = DnsParams { ttl_s: 60.0, capped_share: 0.0, ignoring_share: 0.0, ..DnsParams::default() };
//! let r = dns_failover(&p).unwrap();
//! // 30 s checks, 3 failures: 75 s to detect on average; 95% of 60 s caches = 57 s.
//! assert_eq!(r.detection_s.typical, 75.0);
//! assert!((r.time_to_share_s.typical - 132.0).abs() < 1e-9);
//! ```

use super::defaults as d;
use super::error::FailoverError;
use super::timeline::{check, PhaseKind, Spread, Timeline};
use serde::{Deserialize, Serialize};

/// Who or what notices the failure and flips the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DnsMode {
    /// The DNS service's health checks (for example a Route 53 failover record).
    #[default]
    HealthCheck,
    /// A person is alerted and edits the record.
    Manual,
}

/// Parameters of a DNS failover. Missing fields in JSON take the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DnsParams {
    /// Health checks or a person.
    pub mode: DnsMode,
    /// Seconds between health checks (Route 53: 30, or 10 for fast checks).
    pub check_interval_s: f64,
    /// Consecutive failed checks before the endpoint counts as unhealthy (1 to 10).
    pub failure_threshold: u32,
    /// Manual mode: seconds until a person has been alerted and confirmed the failure.
    pub alert_delay_s: f64,
    /// Manual mode: seconds for the person to decide and edit the record.
    pub human_action_s: f64,
    /// Seconds for a changed answer to reach all authoritative servers.
    pub dns_update_s: f64,
    /// The record's TTL in seconds.
    pub ttl_s: f64,
    /// Share of clients behind resolvers that raise low TTLs to `resolver_min_ttl_s`.
    pub capped_share: f64,
    /// The floor those resolvers apply, seconds.
    pub resolver_min_ttl_s: f64,
    /// Share of clients whose resolvers or software ignore the TTL.
    pub ignoring_share: f64,
    /// How long those clients keep an answer, seconds.
    pub ignoring_hold_s: f64,
    /// The client's own cache (browser, JVM, OS) on top of the resolver's, seconds.
    pub client_cache_s: f64,
    /// Requests per second across all clients.
    pub request_rate_per_s: f64,
    /// The share of clients whose move we time (0.95 = 95%).
    pub target_share: f64,
}

impl Default for DnsParams {
    fn default() -> Self {
        DnsParams {
            mode: DnsMode::HealthCheck,
            check_interval_s: d::ROUTE53_CHECK_INTERVAL_S,
            failure_threshold: d::ROUTE53_FAILURE_THRESHOLD,
            alert_delay_s: 300.0,
            human_action_s: 600.0,
            dns_update_s: 0.0,
            ttl_s: 300.0,
            capped_share: 0.05,
            resolver_min_ttl_s: 300.0,
            ignoring_share: 0.02,
            ignoring_hold_s: 1800.0,
            client_cache_s: 0.0,
            request_rate_per_s: 200.0,
            target_share: 0.95,
        }
    }
}

impl DnsParams {
    /// Check every field; the message names the first bad one.
    ///
    /// ```
    /// use cloudhop_core::failover::dns::DnsParams;
    /// let bad = DnsParams { ttl_s: -5.0, ..DnsParams::default() };
    /// assert!(bad.validate().unwrap_err().to_string().contains("ttl_s"));
    /// ```
    pub fn validate(&self) -> Result<(), FailoverError> {
        check::positive("check_interval_s", self.check_interval_s)?;
        check::count(
            "failure_threshold",
            self.failure_threshold,
            1,
            d::ROUTE53_MAX_FAILURE_THRESHOLD,
        )?;
        check::non_negative("alert_delay_s", self.alert_delay_s)?;
        check::non_negative("human_action_s", self.human_action_s)?;
        check::non_negative("dns_update_s", self.dns_update_s)?;
        check::non_negative("ttl_s", self.ttl_s)?;
        check::share("capped_share", self.capped_share)?;
        check::non_negative("resolver_min_ttl_s", self.resolver_min_ttl_s)?;
        check::share("ignoring_share", self.ignoring_share)?;
        check::non_negative("ignoring_hold_s", self.ignoring_hold_s)?;
        check::non_negative("client_cache_s", self.client_cache_s)?;
        check::positive("request_rate_per_s", self.request_rate_per_s)?;
        check::share("target_share", self.target_share)?;
        if self.target_share == 0.0 {
            return Err(FailoverError::NotPositive {
                field: "target_share".into(),
            });
        }
        if self.capped_share + self.ignoring_share > 1.0 + 1e-12 {
            return Err(FailoverError::SharesOverAll {
                capped: self.capped_share,
                ignoring: self.ignoring_share,
            });
        }
        Ok(())
    }

    /// The client cohorts: (share of clients, longest hold of the old answer in seconds).
    ///
    /// ```
    /// use cloudhop_core::failover::dns::DnsParams;
    /// let p = DnsParams { ttl_s: 10.0, capped_share: 0.1, resolver_min_ttl_s: 60.0,
    ///     ignoring_share: 0.0, client_cache_s: 5.0, ..DnsParams::default() };
    /// assert_eq!(p.cohorts(), vec![(0.9, 15.0), (0.1, 65.0), (0.0, 1805.0)]);
    /// ```
    pub fn cohorts(&self) -> Vec<(f64, f64)> {
        let honouring = (1.0 - self.capped_share - self.ignoring_share).max(0.0);
        vec![
            (honouring, self.ttl_s + self.client_cache_s),
            (
                self.capped_share,
                self.ttl_s.max(self.resolver_min_ttl_s) + self.client_cache_s,
            ),
            (
                self.ignoring_share,
                self.ignoring_hold_s + self.client_cache_s,
            ),
        ]
    }
}

/// What a DNS failover costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DnsResult {
    /// Detect, decide, propagate (to the target share), recover (the last clients), typical case.
    pub timeline: Timeline,
    /// From the failure until it is noticed.
    pub detection_s: Spread,
    /// From the failure until the answer has changed at the authoritative servers.
    pub switch_s: Spread,
    /// From the failure until `target_share` of clients use the new address.
    pub time_to_share_s: Spread,
    /// From the failure until every client has moved.
    pub all_moved_s: Spread,
    /// Requests that fail from the failure until every client has moved.
    pub failed_requests: Spread,
    /// Share of clients moved against seconds after the failure (typical case); the curve
    /// is straight between these points.
    pub moved_curve: Vec<(f64, f64)>,
}

/// Share of clients moved `t` seconds after the answer changed, with cache ages spread
/// evenly (the typical case).
///
/// ```
/// use cloudhop_core::failover::dns::moved_share;
/// let cohorts = [(0.5, 0.0), (0.5, 100.0)];
/// assert_eq!(moved_share(&cohorts, 50.0), 0.75);
/// ```
pub fn moved_share(cohorts: &[(f64, f64)], t: f64) -> f64 {
    cohorts
        .iter()
        .map(|&(w, h)| {
            if h <= 0.0 || t >= h {
                w
            } else {
                w * (t / h).max(0.0)
            }
        })
        .sum()
}

/// Seconds after the change until `share` of clients have moved, typical case (exact: the
/// curve is piecewise linear between the cohorts' hold times).
///
/// ```
/// use cloudhop_core::failover::dns::time_to_share;
/// assert_eq!(time_to_share(&[(1.0, 60.0)], 0.95), 57.0);
/// assert_eq!(time_to_share(&[(0.5, 0.0), (0.5, 100.0)], 0.75), 50.0);
/// ```
pub fn time_to_share(cohorts: &[(f64, f64)], share: f64) -> f64 {
    let mut prev_t = 0.0;
    let mut prev_f = moved_share(cohorts, 0.0);
    if prev_f >= share {
        return 0.0;
    }
    let mut holds: Vec<f64> = cohorts
        .iter()
        .filter(|(w, h)| *w > 0.0 && *h > 0.0)
        .map(|&(_, h)| h)
        .collect();
    crate::order::sort_by(&mut holds, f64::total_cmp);
    holds.dedup();
    for &b in &holds {
        let f = moved_share(cohorts, b);
        if f >= share {
            let slope = (f - prev_f) / (b - prev_t);
            return if slope > 0.0 {
                (prev_t + (share - prev_f) / slope).min(b)
            } else {
                b
            };
        }
        prev_t = b;
        prev_f = f;
    }
    holds.last().copied().unwrap_or(0.0)
}

/// Seconds after the change until `share` of clients have moved when every cache was
/// refreshed just before it (the worst case).
///
/// ```
/// use cloudhop_core::failover::dns::time_to_share_worst;
/// assert_eq!(time_to_share_worst(&[(0.9, 30.0), (0.1, 300.0)], 0.95), 300.0);
/// assert_eq!(time_to_share_worst(&[(0.9, 30.0), (0.1, 300.0)], 0.9), 30.0);
/// ```
pub fn time_to_share_worst(cohorts: &[(f64, f64)], share: f64) -> f64 {
    let mut sorted: Vec<(f64, f64)> = cohorts.iter().copied().filter(|c| c.0 > 0.0).collect();
    crate::order::sort_by(&mut sorted, |a, b| a.1.total_cmp(&b.1));
    let mut acc = 0.0;
    for &(w, h) in &sorted {
        acc += w;
        if acc >= share - 1e-12 {
            return h;
        }
    }
    sorted.last().map_or(0.0, |c| c.1)
}

/// Run the DNS failover model.
///
/// ```
/// use cloudhop_core::failover::dns::{dns_failover, DnsParams, DnsMode};
/// let manual = DnsParams { mode: DnsMode::Manual, ..DnsParams::default() };
/// let r = dns_failover(&manual).unwrap();
/// assert_eq!(r.detection_s.best, 300.0);
/// assert!(dns_failover(&DnsParams { request_rate_per_s: 0.0, ..manual }).is_err());
/// ```
pub fn dns_failover(p: &DnsParams) -> Result<DnsResult, FailoverError> {
    p.validate()?;
    let (detection, decide, detect_label) = match p.mode {
        DnsMode::HealthCheck => {
            let i = p.check_interval_s;
            let k = f64::from(p.failure_threshold);
            (
                Spread {
                    best: (k - 1.0) * i,
                    typical: (k - 0.5) * i,
                    worst: k * i,
                },
                p.dns_update_s,
                "health checks fail",
            )
        }
        DnsMode::Manual => (
            Spread::all(p.alert_delay_s),
            p.human_action_s + p.dns_update_s,
            "a person is alerted",
        ),
    };
    let cohorts = p.cohorts();
    let switch = detection.map(|v| v + decide);
    let prop_typical = time_to_share(&cohorts, p.target_share);
    let prop_worst = time_to_share_worst(&cohorts, p.target_share);
    let max_hold = cohorts
        .iter()
        .filter(|c| c.0 > 0.0)
        .map(|c| c.1)
        .fold(0.0, f64::max);
    let time_to_share_s = Spread {
        best: switch.best + prop_typical,
        typical: switch.typical + prop_typical,
        worst: switch.worst + prop_worst,
    };
    let all_moved_s = switch.map(|v| v + max_hold);
    let tail_avg: f64 = cohorts.iter().map(|(w, h)| w * h / 2.0).sum();
    let failed_requests = Spread {
        best: p.request_rate_per_s * (switch.best + tail_avg),
        typical: p.request_rate_per_s * (switch.typical + tail_avg),
        worst: p.request_rate_per_s * (switch.worst + 2.0 * tail_avg),
    };
    let decide_label = match p.mode {
        DnsMode::HealthCheck => "failover record answers with the standby",
        DnsMode::Manual => "the person edits the record",
    };
    let propagate_label = format!("{:.0}% of clients' caches expire", p.target_share * 100.0);
    let timeline = Timeline::sequence(&[
        (PhaseKind::Detect, detect_label, detection.typical),
        (PhaseKind::Decide, decide_label, decide),
        (PhaseKind::Propagate, &propagate_label, prop_typical),
        (
            PhaseKind::Recover,
            "the last clients' caches expire",
            (max_hold - prop_typical).max(0.0),
        ),
    ])?;
    let mut moved_curve = vec![(0.0, 0.0), (switch.typical, 0.0)];
    let mut holds: Vec<f64> = cohorts.iter().filter(|c| c.0 > 0.0).map(|c| c.1).collect();
    holds.push(0.0);
    crate::order::sort_by(&mut holds, f64::total_cmp);
    holds.dedup();
    for h in holds {
        moved_curve.push((switch.typical + h, moved_share(&cohorts, h).min(1.0)));
    }
    Ok(DnsResult {
        timeline,
        detection_s: detection,
        switch_s: switch,
        time_to_share_s,
        all_moved_s,
        failed_requests,
        moved_curve,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn route53_defaults_by_hand() {
        // 30 s checks × 3 failures: best 60, typical 75, worst 90.
        // Cohorts: 93% hold 300 s, 5% hold max(300,300)=300 s, 2% hold 1800 s.
        // 95% moved: 0.98·t/300 + 0.02·t/1800 = 0.95 → t = 0.95 / (0.98/300 + 0.02/1800)
        let r = dns_failover(&DnsParams::default()).unwrap();
        assert_eq!(r.detection_s.best, 60.0);
        assert_eq!(r.detection_s.typical, 75.0);
        assert_eq!(r.detection_s.worst, 90.0);
        let prop = 0.95 / (0.98 / 300.0 + 0.02 / 1800.0);
        assert!(close(r.time_to_share_s.typical, 75.0 + prop));
        assert!(close(r.time_to_share_s.best, 60.0 + prop));
        // Worst: everyone refreshed just before; 98% hold 300 s, so 95% need 300 s.
        assert_eq!(r.time_to_share_s.worst, 390.0);
        assert_eq!(r.all_moved_s.typical, 75.0 + 1800.0);
        // Failed requests: 200/s × (75 + 0.98·150 + 0.02·900) = 200 × 240 = 48,000.
        assert!(close(r.failed_requests.typical, 48_000.0));
        assert!(close(
            r.failed_requests.worst,
            200.0 * (90.0 + 0.98 * 300.0 + 0.02 * 1800.0)
        ));
        assert!(r.timeline.is_well_formed());
        assert!(close(r.timeline.total_s(), r.all_moved_s.typical));
    }

    #[test]
    fn low_ttl_fast_checks_by_hand() {
        // 10 s × 2: typical detection 15 s. TTL 30, 5% capped at 60, 3% hold 900 s.
        // Share at 30 s: 0.92 + 0.05·0.5 + 0.03·30/900 = 0.946 < 0.95, so the answer is
        // past 30: 0.92 + t(0.05/60 + 0.03/900) = 0.95 → t = 0.03/(0.05/60 + 0.03/900).
        let p = DnsParams {
            check_interval_s: 10.0,
            failure_threshold: 2,
            ttl_s: 30.0,
            capped_share: 0.05,
            resolver_min_ttl_s: 60.0,
            ignoring_share: 0.03,
            ignoring_hold_s: 900.0,
            ..DnsParams::default()
        };
        let r = dns_failover(&p).unwrap();
        let t = 0.03 / (0.05 / 60.0 + 0.03 / 900.0);
        assert!(
            close(r.time_to_share_s.typical, 15.0 + t),
            "{}",
            r.time_to_share_s.typical
        );
        assert!(r.time_to_share_s.typical < 60.0);
    }

    #[test]
    fn client_cache_stacks_on_ttl() {
        let p = DnsParams {
            ttl_s: 60.0,
            capped_share: 0.0,
            ignoring_share: 0.0,
            client_cache_s: 30.0,
            target_share: 1.0,
            ..DnsParams::default()
        };
        let r = dns_failover(&p).unwrap();
        assert_eq!(r.all_moved_s.typical, 75.0 + 90.0);
        assert_eq!(r.time_to_share_s.typical, 75.0 + 90.0);
    }

    #[test]
    fn manual_failover_is_slow_but_certain() {
        let p = DnsParams {
            mode: DnsMode::Manual,
            alert_delay_s: 120.0,
            human_action_s: 300.0,
            dns_update_s: 60.0,
            ttl_s: 0.0,
            capped_share: 0.0,
            ignoring_share: 0.0,
            ..DnsParams::default()
        };
        let r = dns_failover(&p).unwrap();
        assert_eq!(r.time_to_share_s, Spread::all(480.0));
        assert_eq!(r.failed_requests, Spread::all(480.0 * 200.0));
    }

    #[test]
    fn moved_curve_ends_at_everyone() {
        let r = dns_failover(&DnsParams::default()).unwrap();
        let last = r.moved_curve.last().unwrap();
        assert!(close(last.1, 1.0));
        assert!(r
            .moved_curve
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1 + 1e-12));
    }

    #[test]
    fn refuses_bad_parameters_with_messages() {
        let cases = [
            (
                DnsParams {
                    check_interval_s: 0.0,
                    ..DnsParams::default()
                },
                "check_interval_s",
            ),
            (
                DnsParams {
                    failure_threshold: 0,
                    ..DnsParams::default()
                },
                "failure_threshold",
            ),
            (
                DnsParams {
                    failure_threshold: 11,
                    ..DnsParams::default()
                },
                "failure_threshold",
            ),
            (
                DnsParams {
                    ttl_s: f64::NAN,
                    ..DnsParams::default()
                },
                "ttl_s",
            ),
            (
                DnsParams {
                    capped_share: 0.7,
                    ignoring_share: 0.6,
                    ..DnsParams::default()
                },
                "more than all",
            ),
            (
                DnsParams {
                    target_share: 0.0,
                    ..DnsParams::default()
                },
                "target_share",
            ),
            (
                DnsParams {
                    request_rate_per_s: -1.0,
                    ..DnsParams::default()
                },
                "request_rate_per_s",
            ),
        ];
        for (p, word) in cases {
            let e = dns_failover(&p).unwrap_err().to_string();
            assert!(e.contains(word), "{e}");
        }
    }
}
