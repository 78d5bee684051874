//! Tunnel and routing failover: an IPsec tunnel whose peer stops answering, or a BGP
//! session over an interconnect whose far end goes quiet.
//!
//! - **IPsec.** Dead-peer detection sends a keep-alive every `dpd_interval_s`; after the
//!   first unanswered one it tries `dpd_retries` more times. The failure lands somewhere in
//!   an interval, so detection takes `retries·i` at best, `(retries+½)·i` on average and
//!   `(retries+1)·i` at worst (AWS: 40 s timeout = dead 30 s after the first failed
//!   keep-alive). Then routes switch to the backup tunnel; if the backup is not already up
//!   it must first negotiate fresh IKE and child SAs (re-keying).
//! - **BGP.** Without BFD the session dies when the hold timer expires, `hold` after the
//!   last keepalive arrived: `hold - keepalive` at best, `hold - keepalive/2` typical,
//!   `hold` at worst. With BFD it dies after `multiplier` missed BFD packets.
//!
//! Packets are dropped from the failure until traffic flows on the backup (detect, decide,
//! propagate); the recover phase is sessions retrying, counted in the outage but not in
//! dropped packets.
//!
//! ```
//! use cloudhop_core::failover::tunnel::{tunnel_failover, BgpParams, TunnelParams};
//! let dx = BgpParams::default(); // Direct Connect: hold 90 s, keepalive 30 s, no BFD
//! let slow = tunnel_failover(&TunnelParams::Bgp(dx.clone())).unwrap();
//! let fast = tunnel_failover(&TunnelParams::Bgp(BgpParams { bfd: true, ..dx })).unwrap();
//! assert_eq!(slow.detection_s.worst, 90.0);
//! assert!((fast.detection_s.worst - 0.9).abs() < 1e-12);
//! ```

use super::defaults as d;
use super::error::FailoverError;
use super::timeline::{check, PhaseKind, Spread, Timeline};
use serde::{Deserialize, Serialize};

/// An IPsec tunnel with a backup tunnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IpsecParams {
    /// Seconds between dead-peer-detection keep-alives.
    pub dpd_interval_s: f64,
    /// Further keep-alives tried after the first unanswered one.
    pub dpd_retries: u32,
    /// Seconds to withdraw routes over the dead tunnel and prefer the backup.
    pub route_switch_s: f64,
    /// The backup tunnel is already up (both tunnels established, as AWS recommends).
    pub backup_established: bool,
    /// Seconds to negotiate IKE and IPsec SAs on the backup when it is not up.
    pub ike_negotiation_s: f64,
    /// Seconds for sessions to notice and retry (TCP retransmission back-off).
    pub app_recovery_s: f64,
    /// Packets per second through the tunnel.
    pub packet_rate_pps: f64,
}

impl Default for IpsecParams {
    fn default() -> Self {
        IpsecParams {
            dpd_interval_s: d::AWS_VPN_DPD_INTERVAL_S,
            dpd_retries: d::AWS_VPN_DPD_RETRIES,
            route_switch_s: 5.0,
            backup_established: false,
            ike_negotiation_s: 15.0,
            app_recovery_s: 3.0,
            packet_rate_pps: 2000.0,
        }
    }
}

/// A BGP session over an interconnect (Direct Connect, ExpressRoute, Cloud Interconnect).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BgpParams {
    /// BGP hold time, seconds (Direct Connect 90, ExpressRoute 180, Cloud Router 60).
    pub hold_time_s: f64,
    /// BGP keepalive interval, seconds.
    pub keepalive_s: f64,
    /// Bidirectional Forwarding Detection on the session.
    pub bfd: bool,
    /// BFD interval, milliseconds.
    pub bfd_interval_ms: f64,
    /// Missed BFD packets before the session is declared down.
    pub bfd_multiplier: u32,
    /// Seconds for best-path selection to pick the backup path.
    pub reconvergence_s: f64,
    /// Seconds for the new routes to reach route tables on the far side.
    pub route_propagation_s: f64,
    /// Seconds for sessions to notice and retry.
    pub app_recovery_s: f64,
    /// Packets per second over the interconnect.
    pub packet_rate_pps: f64,
}

impl Default for BgpParams {
    fn default() -> Self {
        BgpParams {
            hold_time_s: d::DX_BGP_HOLD_S,
            keepalive_s: d::DX_BGP_KEEPALIVE_S,
            bfd: false,
            bfd_interval_ms: d::DX_BFD_INTERVAL_MS,
            bfd_multiplier: d::DX_BFD_MULTIPLIER,
            reconvergence_s: 2.0,
            route_propagation_s: 5.0,
            app_recovery_s: 3.0,
            packet_rate_pps: 20_000.0,
        }
    }
}

/// Which kind of link fails over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TunnelParams {
    /// IPsec VPN with dead-peer detection.
    Ipsec(IpsecParams),
    /// BGP over a private interconnect, with or without BFD.
    Bgp(BgpParams),
}

impl Default for TunnelParams {
    fn default() -> Self {
        TunnelParams::Ipsec(IpsecParams::default())
    }
}

impl TunnelParams {
    /// Check every field; the message names the first bad one.
    ///
    /// ```
    /// use cloudhop_core::failover::tunnel::{BgpParams, TunnelParams};
    /// let p = TunnelParams::Bgp(BgpParams { hold_time_s: 10.0, keepalive_s: 30.0, ..BgpParams::default() });
    /// assert!(p.validate().unwrap_err().to_string().contains("keepalive"));
    /// ```
    pub fn validate(&self) -> Result<(), FailoverError> {
        match self {
            TunnelParams::Ipsec(p) => {
                check::positive("dpd_interval_s", p.dpd_interval_s)?;
                check::count("dpd_retries", p.dpd_retries, 0, 100)?;
                check::non_negative("route_switch_s", p.route_switch_s)?;
                check::non_negative("ike_negotiation_s", p.ike_negotiation_s)?;
                check::non_negative("app_recovery_s", p.app_recovery_s)?;
                check::positive("packet_rate_pps", p.packet_rate_pps)?;
            }
            TunnelParams::Bgp(p) => {
                check::positive("hold_time_s", p.hold_time_s)?;
                check::positive("keepalive_s", p.keepalive_s)?;
                if p.keepalive_s > p.hold_time_s {
                    return Err(FailoverError::KeepaliveOverHold {
                        keepalive_s: p.keepalive_s,
                        hold_time_s: p.hold_time_s,
                    });
                }
                check::positive("bfd_interval_ms", p.bfd_interval_ms)?;
                check::count("bfd_multiplier", p.bfd_multiplier, 1, 255)?;
                check::non_negative("reconvergence_s", p.reconvergence_s)?;
                check::non_negative("route_propagation_s", p.route_propagation_s)?;
                check::non_negative("app_recovery_s", p.app_recovery_s)?;
                check::positive("packet_rate_pps", p.packet_rate_pps)?;
            }
        }
        Ok(())
    }
}

/// What a tunnel failover costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TunnelResult {
    /// Detect, decide, propagate, recover (typical case).
    pub timeline: Timeline,
    /// From the failure until the dead link is noticed.
    pub detection_s: Spread,
    /// From the failure until traffic flows on the backup (packets drop meanwhile).
    pub traffic_gap_s: Spread,
    /// From the failure until applications have recovered.
    pub outage_s: Spread,
    /// Packets dropped in the traffic gap.
    pub packets_dropped: Spread,
}

/// Run the tunnel failover model.
///
/// ```
/// use cloudhop_core::failover::tunnel::{tunnel_failover, IpsecParams, TunnelParams};
/// let r = tunnel_failover(&TunnelParams::Ipsec(IpsecParams::default())).unwrap();
/// // AWS DPD: dead 30..40 s after the failure; +5 s switch, +15 s IKE, +3 s retries.
/// assert_eq!(r.outage_s.typical, 35.0 + 5.0 + 15.0 + 3.0);
/// ```
pub fn tunnel_failover(p: &TunnelParams) -> Result<TunnelResult, FailoverError> {
    p.validate()?;
    let (detection, parts): (Spread, [(PhaseKind, &str, f64); 3]) = match p {
        TunnelParams::Ipsec(t) => {
            let i = t.dpd_interval_s;
            let r = f64::from(t.dpd_retries);
            let negotiate = if t.backup_established {
                0.0
            } else {
                t.ike_negotiation_s
            };
            (
                Spread {
                    best: r * i,
                    typical: (r + 0.5) * i,
                    worst: (r + 1.0) * i,
                },
                [
                    (
                        PhaseKind::Decide,
                        "routes move to the backup tunnel",
                        t.route_switch_s,
                    ),
                    (
                        PhaseKind::Propagate,
                        if t.backup_established {
                            "backup tunnel already up"
                        } else {
                            "backup tunnel negotiates IKE and IPsec SAs"
                        },
                        negotiate,
                    ),
                    (PhaseKind::Recover, "sessions retransmit", t.app_recovery_s),
                ],
            )
        }
        TunnelParams::Bgp(b) => {
            let detection = if b.bfd {
                let i = b.bfd_interval_ms / 1000.0;
                let m = f64::from(b.bfd_multiplier);
                Spread {
                    best: (m - 1.0) * i,
                    typical: (m - 0.5) * i,
                    worst: m * i,
                }
            } else {
                Spread {
                    best: b.hold_time_s - b.keepalive_s,
                    typical: b.hold_time_s - b.keepalive_s / 2.0,
                    worst: b.hold_time_s,
                }
            };
            (
                detection,
                [
                    (
                        PhaseKind::Decide,
                        "BGP selects the backup path",
                        b.reconvergence_s,
                    ),
                    (
                        PhaseKind::Propagate,
                        "routes reach the route tables",
                        b.route_propagation_s,
                    ),
                    (PhaseKind::Recover, "sessions retransmit", b.app_recovery_s),
                ],
            )
        }
    };
    let detect_label = match p {
        TunnelParams::Ipsec(_) => "dead-peer detection times out",
        TunnelParams::Bgp(b) if b.bfd => "BFD declares the peer down",
        TunnelParams::Bgp(_) => "BGP hold timer expires",
    };
    let timeline = Timeline::sequence(&[
        (PhaseKind::Detect, detect_label, detection.typical),
        parts[0],
        parts[1],
        parts[2],
    ])?;
    let switch = parts[0].2 + parts[1].2;
    let traffic_gap_s = detection.map(|v| v + switch);
    let outage_s = traffic_gap_s.map(|v| v + parts[2].2);
    let rate = match p {
        TunnelParams::Ipsec(t) => t.packet_rate_pps,
        TunnelParams::Bgp(b) => b.packet_rate_pps,
    };
    Ok(TunnelResult {
        timeline,
        detection_s: detection,
        traffic_gap_s,
        outage_s,
        packets_dropped: traffic_gap_s.map(|v| v * rate),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_vpn_defaults_by_hand() {
        let r = tunnel_failover(&TunnelParams::Ipsec(IpsecParams::default())).unwrap();
        assert_eq!(
            r.detection_s,
            Spread {
                best: 30.0,
                typical: 35.0,
                worst: 40.0
            }
        );
        assert_eq!(r.traffic_gap_s.worst, 60.0);
        assert_eq!(r.packets_dropped.typical, 55.0 * 2000.0);
        assert!(r.timeline.is_well_formed());
        assert_eq!(r.timeline.total_s(), r.outage_s.typical);
    }

    #[test]
    fn established_backup_skips_negotiation() {
        let p = IpsecParams {
            backup_established: true,
            ..IpsecParams::default()
        };
        let r = tunnel_failover(&TunnelParams::Ipsec(p)).unwrap();
        assert_eq!(r.outage_s.typical, 35.0 + 5.0 + 3.0);
        assert_eq!(r.timeline.time_in(PhaseKind::Propagate), 0.0);
    }

    #[test]
    fn hold_timers_by_hand() {
        // ExpressRoute: hold 180, keepalive 60 → 120 / 150 / 180.
        let p = BgpParams {
            hold_time_s: d::EXPRESSROUTE_BGP_HOLD_S,
            keepalive_s: d::EXPRESSROUTE_BGP_KEEPALIVE_S,
            ..BgpParams::default()
        };
        let r = tunnel_failover(&TunnelParams::Bgp(p)).unwrap();
        assert_eq!(
            r.detection_s,
            Spread {
                best: 120.0,
                typical: 150.0,
                worst: 180.0
            }
        );
        // Cloud Router BFD: 1000 ms × 5 → 4 / 4.5 / 5 s.
        let g = BgpParams {
            bfd: true,
            bfd_interval_ms: d::GCP_BFD_INTERVAL_MS,
            bfd_multiplier: d::GCP_BFD_MULTIPLIER,
            ..BgpParams::default()
        };
        let r = tunnel_failover(&TunnelParams::Bgp(g)).unwrap();
        assert_eq!(
            r.detection_s,
            Spread {
                best: 4.0,
                typical: 4.5,
                worst: 5.0
            }
        );
        assert_eq!(r.traffic_gap_s.typical, 4.5 + 2.0 + 5.0);
        // BGP over an AWS VPN tunnel: hold 30, keepalive 10 → 20 / 25 / 30 s.
        let v = BgpParams {
            hold_time_s: d::AWS_VPN_BGP_HOLD_S,
            keepalive_s: d::AWS_VPN_BGP_KEEPALIVE_S,
            ..BgpParams::default()
        };
        let r = tunnel_failover(&TunnelParams::Bgp(v)).unwrap();
        assert_eq!(
            r.detection_s,
            Spread {
                best: 20.0,
                typical: 25.0,
                worst: 30.0
            }
        );
    }

    #[test]
    fn aws_dpd_defaults_agree_on_thirty_seconds_after_the_first_miss() {
        // Create-time default 30 s, modify-time default 40 s; both mean dead 30 s after the
        // first unanswered keep-alive, which is what retries × interval gives.
        assert_eq!(
            f64::from(d::AWS_VPN_DPD_RETRIES) * d::AWS_VPN_DPD_INTERVAL_S,
            d::AWS_VPN_DPD_TIMEOUT_CREATE_S
        );
        assert_eq!(
            f64::from(d::AWS_VPN_DPD_RETRIES + 1) * d::AWS_VPN_DPD_INTERVAL_S,
            d::AWS_VPN_DPD_TIMEOUT_S
        );
    }

    #[test]
    fn refuses_bad_parameters_with_messages() {
        let cases = [
            (
                TunnelParams::Ipsec(IpsecParams {
                    dpd_interval_s: 0.0,
                    ..IpsecParams::default()
                }),
                "dpd_interval_s",
            ),
            (
                TunnelParams::Ipsec(IpsecParams {
                    packet_rate_pps: 0.0,
                    ..IpsecParams::default()
                }),
                "packet_rate_pps",
            ),
            (
                TunnelParams::Ipsec(IpsecParams {
                    route_switch_s: -1.0,
                    ..IpsecParams::default()
                }),
                "route_switch_s",
            ),
            (
                TunnelParams::Bgp(BgpParams {
                    bfd_multiplier: 0,
                    ..BgpParams::default()
                }),
                "bfd_multiplier",
            ),
            (
                TunnelParams::Bgp(BgpParams {
                    hold_time_s: f64::INFINITY,
                    ..BgpParams::default()
                }),
                "hold_time_s",
            ),
        ];
        for (p, word) in cases {
            let e = tunnel_failover(&p).unwrap_err().to_string();
            assert!(e.contains(word), "{e}");
        }
    }
}
