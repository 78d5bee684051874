//! The knobs each failover model offers: which JSON field, what range, what it means.
//! Values are read with `Scenario::value_at` and written with `Scenario::with_patch`, so
//! the table below is all the lab needs to know about a model's parameters.

use cloudhop_core::failover::scenario::Scenario;
use serde_json::{json, Value};

/// How a knob is set.
#[derive(Clone, Copy, PartialEq)]
pub enum KnobKind {
    /// A slider.
    Range {
        min: f64,
        max: f64,
        step: f64,
        unit: &'static str,
    },
    /// A checkbox.
    Toggle,
    /// A few named settings, each a merge patch.
    Choice(&'static [(&'static str, &'static str)]),
}

/// One knob.
#[derive(Clone, Copy, PartialEq)]
pub struct Knob {
    /// Dotted JSON path.
    pub path: &'static str,
    /// Label for a person.
    pub label: &'static str,
    /// What it changes, shown as a tooltip.
    pub help: &'static str,
    /// How it is set.
    pub kind: KnobKind,
    /// Shown only when this path has this JSON value (as text).
    pub when: Option<(&'static str, &'static str)>,
}

const fn range(
    path: &'static str,
    label: &'static str,
    help: &'static str,
    min: f64,
    max: f64,
    step: f64,
    unit: &'static str,
) -> Knob {
    Knob {
        path,
        label,
        help,
        kind: KnobKind::Range {
            min,
            max,
            step,
            unit,
        },
        when: None,
    }
}

const fn when(mut k: Knob, path: &'static str, value: &'static str) -> Knob {
    k.when = Some((path, value));
    k
}

const DNS_MODES: &[(&str, &str)] = &[("health_check", "health checks"), ("manual", "a person")];

const DNS: &[Knob] = &[
    Knob {
        path: "mode",
        label: "Who flips the record",
        help: "Health checks on the DNS service, or a person who is paged",
        kind: KnobKind::Choice(DNS_MODES),
        when: None,
    },
    range(
        "ttl_s",
        "Record TTL",
        "How long resolvers may cache the answer",
        0.0,
        900.0,
        5.0,
        "s",
    ),
    when(
        range(
            "check_interval_s",
            "Health-check interval",
            "Route 53: 30 s, or 10 s for fast checks",
            5.0,
            60.0,
            5.0,
            "s",
        ),
        "mode",
        "\"health_check\"",
    ),
    when(
        range(
            "failure_threshold",
            "Failures before unhealthy",
            "Route 53: 1 to 10, default 3",
            1.0,
            10.0,
            1.0,
            "",
        ),
        "mode",
        "\"health_check\"",
    ),
    when(
        range(
            "alert_delay_s",
            "Until a person is alerted",
            "Alarm evaluation, paging, confirming",
            0.0,
            1800.0,
            30.0,
            "s",
        ),
        "mode",
        "\"manual\"",
    ),
    when(
        range(
            "human_action_s",
            "Person decides and edits",
            "Deciding and changing the record",
            0.0,
            1800.0,
            30.0,
            "s",
        ),
        "mode",
        "\"manual\"",
    ),
    range(
        "dns_update_s",
        "Change reaches DNS servers",
        "Propagation to the authoritative servers",
        0.0,
        120.0,
        5.0,
        "s",
    ),
    range(
        "capped_share",
        "Clients behind TTL-raising resolvers",
        "Share whose resolvers enforce a minimum TTL",
        0.0,
        0.5,
        0.01,
        "share",
    ),
    range(
        "resolver_min_ttl_s",
        "Their minimum TTL",
        "The floor those resolvers apply",
        0.0,
        3600.0,
        30.0,
        "s",
    ),
    range(
        "ignoring_share",
        "Clients ignoring TTLs",
        "Share that keeps answers for a fixed time",
        0.0,
        0.2,
        0.005,
        "share",
    ),
    range(
        "ignoring_hold_s",
        "How long they keep answers",
        "Fixed hold of TTL-ignoring clients",
        0.0,
        7200.0,
        60.0,
        "s",
    ),
    range(
        "client_cache_s",
        "Client-side cache",
        "Browser, OS or JVM cache on top (JVM: 30 s)",
        0.0,
        300.0,
        5.0,
        "s",
    ),
    range(
        "request_rate_per_s",
        "Requests per second",
        "Load across all clients",
        1.0,
        5000.0,
        1.0,
        "/s",
    ),
    range(
        "target_share",
        "Share of clients to time",
        "The share whose move is the headline",
        0.5,
        1.0,
        0.01,
        "share",
    ),
];

const TUNNEL_KINDS: &[(&str, &str)] = &[("ipsec", "IPsec VPN"), ("bgp", "BGP interconnect")];

const TUNNEL: &[Knob] = &[
    Knob {
        path: "kind",
        label: "Link",
        help: "IPsec tunnels with dead-peer detection, or BGP over a private interconnect",
        kind: KnobKind::Choice(TUNNEL_KINDS),
        when: None,
    },
    range(
        "dpd_interval_s",
        "DPD interval",
        "Seconds between dead-peer-detection keep-alives (AWS: 10)",
        1.0,
        60.0,
        1.0,
        "s",
    ),
    range(
        "dpd_retries",
        "DPD retries",
        "Keep-alives tried after the first unanswered one (AWS: 3)",
        0.0,
        10.0,
        1.0,
        "",
    ),
    Knob {
        path: "backup_established",
        label: "Backup tunnel kept up",
        help: "Both tunnels established, so no IKE negotiation at failover",
        kind: KnobKind::Toggle,
        when: None,
    },
    range(
        "ike_negotiation_s",
        "IKE negotiation",
        "Re-keying the backup: IKE and child SAs",
        0.0,
        120.0,
        1.0,
        "s",
    ),
    range(
        "route_switch_s",
        "Route switch",
        "Withdrawing routes over the dead tunnel",
        0.0,
        60.0,
        1.0,
        "s",
    ),
    Knob {
        path: "bfd",
        label: "BFD",
        help: "Bidirectional Forwarding Detection: sub-second failure detection",
        kind: KnobKind::Toggle,
        when: None,
    },
    when(
        range(
            "bfd_interval_ms",
            "BFD interval",
            "AWS minimum 300 ms; Cloud Router 1000 ms",
            50.0,
            3000.0,
            50.0,
            "ms",
        ),
        "bfd",
        "true",
    ),
    when(
        range(
            "bfd_multiplier",
            "BFD multiplier",
            "Missed packets before down (AWS 3, Cloud Router 5)",
            1.0,
            16.0,
            1.0,
            "",
        ),
        "bfd",
        "true",
    ),
    range(
        "hold_time_s",
        "BGP hold time",
        "Direct Connect 90 s, ExpressRoute 180 s, Cloud Router 60 s",
        3.0,
        240.0,
        1.0,
        "s",
    ),
    range(
        "keepalive_s",
        "BGP keepalive",
        "Usually a third of the hold time",
        1.0,
        80.0,
        1.0,
        "s",
    ),
    range(
        "reconvergence_s",
        "Best-path reselection",
        "BGP picks the backup path",
        0.0,
        60.0,
        1.0,
        "s",
    ),
    range(
        "route_propagation_s",
        "Route propagation",
        "New routes reach the route tables",
        0.0,
        60.0,
        1.0,
        "s",
    ),
    range(
        "app_recovery_s",
        "Sessions recover",
        "TCP retransmission back-off",
        0.0,
        60.0,
        1.0,
        "s",
    ),
    range(
        "packet_rate_pps",
        "Packets per second",
        "Traffic through the link",
        1.0,
        100_000.0,
        100.0,
        "/s",
    ),
];

const CACHE: &[Knob] = &[
    range(
        "replication_interval_s",
        "Replication interval",
        "Seconds between batches pushed to the caches",
        0.0,
        600.0,
        5.0,
        "s",
    ),
    range(
        "replication_lag_s",
        "Cross-cloud lag",
        "Transfer and apply time of a batch",
        0.0,
        60.0,
        1.0,
        "s",
    ),
    range(
        "key_update_rate_per_s",
        "Updates per key per second",
        "How often one cached item changes (1/600 = every 10 min)",
        0.0,
        0.02,
        0.0005,
        "/s",
    ),
    range(
        "read_rate_per_s",
        "Reads per second",
        "Reads served from the caches",
        1.0,
        50_000.0,
        100.0,
        "/s",
    ),
    range(
        "detect_s",
        "Notice the broken feed",
        "Monitoring on replication lag",
        0.0,
        1800.0,
        10.0,
        "s",
    ),
    range(
        "decide_s",
        "Decide to reroute",
        "A person or automation",
        0.0,
        1800.0,
        10.0,
        "s",
    ),
    range(
        "reroute_s",
        "Bring up the backup path",
        "For example a VPN when the interconnect is down",
        0.0,
        900.0,
        10.0,
        "s",
    ),
];

const RESTORE: &[Knob] = &[
    range(
        "backup_interval_s",
        "Backup interval",
        "Seconds between backups (86400 = daily)",
        900.0,
        172_800.0,
        900.0,
        "s",
    ),
    range(
        "copy_lag_s",
        "Copy to the other cloud",
        "Until a backup is usable there",
        0.0,
        21_600.0,
        300.0,
        "s",
    ),
    range(
        "data_gb",
        "Data size",
        "What must be restored",
        1.0,
        5000.0,
        10.0,
        "GB",
    ),
    range(
        "restore_gb_per_min",
        "Restore rate",
        "Throughput of the restore",
        0.1,
        50.0,
        0.1,
        "GB/min",
    ),
    range("detect_s", "Notice the failure", "", 0.0, 3600.0, 60.0, "s"),
    range(
        "decide_s",
        "Decide to restore elsewhere",
        "",
        0.0,
        7200.0,
        60.0,
        "s",
    ),
    range(
        "start_services_s",
        "Start services and check",
        "",
        0.0,
        7200.0,
        60.0,
        "s",
    ),
    range(
        "write_rate_per_s",
        "Writes per second",
        "To count what is lost",
        0.0,
        1000.0,
        1.0,
        "/s",
    ),
];

const STRATEGIES: &[(&str, &str)] = &[
    ("replica", "cross-region replica"),
    ("backup", "backup and restore"),
];

const REGION: &[Knob] = &[
    range(
        "dns.ttl_s",
        "Record TTL",
        "How long resolvers may cache the answer",
        0.0,
        900.0,
        5.0,
        "s",
    ),
    range(
        "dns.check_interval_s",
        "Health-check interval",
        "Route 53: 30 s or 10 s",
        5.0,
        60.0,
        5.0,
        "s",
    ),
    range(
        "dns.failure_threshold",
        "Failures before unhealthy",
        "Route 53: 1 to 10",
        1.0,
        10.0,
        1.0,
        "",
    ),
    range(
        "decide_s",
        "Decide to fail over",
        "People deciding; 0 if automated",
        0.0,
        3600.0,
        30.0,
        "s",
    ),
    Knob {
        path: "data.strategy",
        label: "Data in us-west-2",
        help: "Promote a replica, or restore the latest backup",
        kind: KnobKind::Choice(STRATEGIES),
        when: None,
    },
    when(
        range(
            "data.replica_lag_s",
            "Replica lag",
            "How far the replica is behind",
            0.0,
            300.0,
            1.0,
            "s",
        ),
        "data.strategy",
        "\"replica\"",
    ),
    when(
        range(
            "data.promote_s",
            "Promote the replica",
            "",
            0.0,
            1800.0,
            10.0,
            "s",
        ),
        "data.strategy",
        "\"replica\"",
    ),
    when(
        range(
            "data.backup_interval_s",
            "Backup interval",
            "",
            900.0,
            86_400.0,
            900.0,
            "s",
        ),
        "data.strategy",
        "\"backup\"",
    ),
    when(
        range("data.data_gb", "Data size", "", 1.0, 5000.0, 10.0, "GB"),
        "data.strategy",
        "\"backup\"",
    ),
    when(
        range(
            "data.restore_gb_per_min",
            "Restore rate",
            "",
            0.1,
            50.0,
            0.1,
            "GB/min",
        ),
        "data.strategy",
        "\"backup\"",
    ),
    range(
        "standby_capacity_share",
        "Capacity already running",
        "Share of full capacity kept warm in us-west-2",
        0.0,
        1.0,
        0.05,
        "share",
    ),
    range(
        "full_scale_up_s",
        "Launch full capacity from zero",
        "",
        0.0,
        3600.0,
        60.0,
        "s",
    ),
    range(
        "warmup_s",
        "Warm-up",
        "Caches, connection pools, JIT",
        0.0,
        1800.0,
        30.0,
        "s",
    ),
];

/// The knobs for a scenario's model.
pub fn knobs_for(s: &Scenario) -> &'static [Knob] {
    match s {
        Scenario::Dns(_) => DNS,
        Scenario::Tunnel(_) => TUNNEL,
        Scenario::Cache(_) => CACHE,
        Scenario::Restore(_) => RESTORE,
        Scenario::Region(_) => REGION,
    }
}

/// Is the knob relevant to this scenario (its field exists and its condition holds)?
pub fn shown(k: &Knob, s: &Scenario) -> bool {
    if s.value_at(k.path).is_none() {
        return false;
    }
    match k.when {
        None => true,
        Some((path, want)) => {
            let want: Option<Value> = serde_json::from_str(want).ok();
            want.is_some() && s.value_at(path) == want
        }
    }
}

/// The patch that sets `path` to `value`.
pub fn patch_for(path: &str, value: Value) -> Value {
    path.rsplit('.').fold(value, |acc, key| json!({ key: acc }))
}

/// Apply a knob change. Switching a tunnel's kind or a region's data strategy replaces
/// that part with the defaults of the new choice.
pub fn apply(s: &Scenario, path: &str, value: Value) -> Result<Scenario, String> {
    apply_inner(s, path, value).map_err(|e| e.to_string())
}

fn apply_inner(
    s: &Scenario,
    path: &str,
    value: Value,
) -> Result<Scenario, cloudhop_core::failover::error::FailoverError> {
    match (path, value.as_str()) {
        ("kind", Some("ipsec")) => {
            Scenario::preset("ipsec").ok_or(cloudhop_core::failover::error::FailoverError::NoPhases)
        }
        ("kind", Some("bgp")) => Scenario::preset("interconnect")
            .ok_or(cloudhop_core::failover::error::FailoverError::NoPhases),
        ("data.strategy", Some("replica")) => s.with_patch(&json!({"data": {
            "strategy": "replica", "replica_lag_s": 5.0, "promote_s": 300.0,
            "backup_interval_s": null, "copy_lag_s": null, "data_gb": null,
            "restore_gb_per_min": null}})),
        ("data.strategy", Some("backup")) => s.with_patch(&json!({"data": {
            "strategy": "backup", "backup_interval_s": 3600.0, "copy_lag_s": 600.0,
            "data_gb": 500.0, "restore_gb_per_min": 5.0,
            "replica_lag_s": null, "promote_s": null}})),
        _ => s.with_patch(&patch_for(path, value)),
    }
}
