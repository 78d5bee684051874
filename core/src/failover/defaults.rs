//! Vendor defaults the models start from, each with the documentation it comes from
//! (checked 2026-11). The lab's presets and the exercises use these numbers.
//!
//! ```
//! use cloudhop_core::failover::defaults as d;
//! // Direct Connect without BFD waits for the 90 s hold timer; with BFD 3 × 300 ms.
//! assert_eq!(d::DX_BGP_HOLD_S, 90.0);
//! assert_eq!(d::DX_BFD_INTERVAL_MS * d::DX_BFD_MULTIPLIER as f64, 900.0);
//! ```

/// Route 53 health checks run every 30 s unless you pick the 10 s "fast" interval.
/// "If you don't specify a value for RequestInterval, the default value is 30 seconds";
/// the interval is "every 10 seconds or every 30 seconds".
/// Source: <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html>
/// and the Route 53 API `HealthCheckConfig.RequestInterval`.
pub const ROUTE53_CHECK_INTERVAL_S: f64 = 30.0;

/// The fast Route 53 health-check interval (same source as [`ROUTE53_CHECK_INTERVAL_S`]).
pub const ROUTE53_FAST_CHECK_INTERVAL_S: f64 = 10.0;

/// Route 53 `FailureThreshold`: consecutive failed checks before an endpoint is unhealthy;
/// 1 to 10, and 3 when not set (the console and CloudFormation default).
/// Source: <https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html>
pub const ROUTE53_FAILURE_THRESHOLD: u32 = 3;

/// The largest Route 53 failure threshold (same source).
pub const ROUTE53_MAX_FAILURE_THRESHOLD: u32 = 10;

/// AWS Site-to-Site VPN `DPDTimeoutSeconds`: at least 30. AWS documents two defaults:
/// 30 when a tunnel is created (`VpnTunnelOptionsSpecification`, also the CloudFormation
/// default) and 40 in `ModifyVpnTunnelOptionsSpecification`, which explains "A DPD timeout
/// of 40 seconds means that the VPN endpoint will consider the peer dead 30 seconds after
/// the first failed keep-alive". Either way the peer is dead 30 s after the first missed
/// keep-alive: AWS sends an R-U-THERE after 10 s without traffic and gives up after three
/// unanswered ones (knowledge-center article on VPN tunnel inactivity). The model uses
/// 10 s × (3 + 1), so detection takes 30 to 40 s after the failure.
/// Sources: <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html>,
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpnTunnelOptionsSpecification.html>,
/// <https://aws.amazon.com/premiumsupport/knowledge-center/vpn-tunnel-instability-inactivity/>
pub const AWS_VPN_DPD_TIMEOUT_S: f64 = 40.0;

/// The DPD timeout a newly created AWS VPN tunnel gets (see [`AWS_VPN_DPD_TIMEOUT_S`]).
pub const AWS_VPN_DPD_TIMEOUT_CREATE_S: f64 = 30.0;

/// DPD keep-alive interval implied by [`AWS_VPN_DPD_TIMEOUT_S`] (same source).
pub const AWS_VPN_DPD_INTERVAL_S: f64 = 10.0;

/// Missed keep-alives after the first failed one before the peer is declared dead
/// (30 s / 10 s, same source).
pub const AWS_VPN_DPD_RETRIES: u32 = 3;

/// AWS Site-to-Site VPN `RekeyMarginTimeSeconds`: default 270 s before the phase 2
/// lifetime (default 3600 s) ends. Source: as [`AWS_VPN_DPD_TIMEOUT_S`].
pub const AWS_VPN_REKEY_MARGIN_S: f64 = 270.0;

/// BGP over an AWS Site-to-Site VPN tunnel: keepalive 10 s, hold time 30 s, as in the
/// customer-gateway configuration AWS generates for a dynamic (BGP) VPN
/// (`neighbor 169.254.x.x timers 10 30 30`). Without BFD, a dead tunnel whose DPD is
/// slower than this is noticed by BGP 20 to 30 s after the failure.
/// Source: <https://docs.aws.amazon.com/vpn/latest/s2svpn/your-cgw.html> (example configuration files)
pub const AWS_VPN_BGP_HOLD_S: f64 = 30.0;
/// Keepalive of BGP over an AWS VPN tunnel (same source as [`AWS_VPN_BGP_HOLD_S`]).
pub const AWS_VPN_BGP_KEEPALIVE_S: f64 = 10.0;

/// AWS Direct Connect BGP: "Default hold timer 90 seconds", "Default keepalive timer 30
/// seconds", "BFD liveness detection minimum interval 300 ms", "BFD minimum multiplier 3".
/// Source: <https://docs.aws.amazon.com/directconnect/latest/UserGuide/bgp-specific-settings.html>
pub const DX_BGP_HOLD_S: f64 = 90.0;
/// Direct Connect default BGP keepalive (same source as [`DX_BGP_HOLD_S`]).
pub const DX_BGP_KEEPALIVE_S: f64 = 30.0;
/// Direct Connect BFD minimum interval in milliseconds (same source).
pub const DX_BFD_INTERVAL_MS: f64 = 300.0;
/// Direct Connect BFD minimum multiplier (same source).
pub const DX_BFD_MULTIPLIER: u32 = 3;

/// Azure ExpressRoute: "On the MSEE devices, BGP keep-alive and hold-time are typically
/// configured as 60 and 180 seconds respectively"; the lowest settable values are 3 s and
/// 10 s; BFD example `bfd interval 300 min_rx 300 multiplier 3`.
/// Source: <https://learn.microsoft.com/azure/expressroute/expressroute-bfd>
pub const EXPRESSROUTE_BGP_HOLD_S: f64 = 180.0;
/// ExpressRoute MSEE BGP keepalive (same source as [`EXPRESSROUTE_BGP_HOLD_S`]).
pub const EXPRESSROUTE_BGP_KEEPALIVE_S: f64 = 60.0;

/// Google Cloud Router: BGP keepalive interval "must be between 20 and 60. The default is
/// 20", and "hold time is three times the interval at which keepalive messages are sent".
/// Source: <https://cloud.google.com/compute/docs/reference/rest/v1/routers> (`bgp.keepaliveInterval`)
pub const GCP_BGP_KEEPALIVE_S: f64 = 20.0;
/// Cloud Router hold time: 3 × keepalive (same source as [`GCP_BGP_KEEPALIVE_S`]).
pub const GCP_BGP_HOLD_S: f64 = 60.0;
/// Cloud Router BFD `minTransmitInterval`/`minReceiveInterval`: 1000 to 30000 ms, default
/// 1000; `multiplier` 5 to 16, default 5.
/// Source: <https://cloud.google.com/compute/docs/reference/rest/v1/routers> (`RouterBgpPeerBfd`)
pub const GCP_BFD_INTERVAL_MS: f64 = 1000.0;
/// Cloud Router default BFD multiplier (same source as [`GCP_BFD_INTERVAL_MS`]).
pub const GCP_BFD_MULTIPLIER: u32 = 5;

/// Java caches a successful lookup for 30 s when no security manager is installed
/// (`networkaddress.cache.ttl`); AWS recommends 5 s for SDK clients. An example of a
/// client-side cache that stacks on top of the record's TTL.
/// Source: <https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/jvm-ttl-dns.html>
pub const JVM_DNS_CACHE_S: f64 = 30.0;
