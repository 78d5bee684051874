//! Property tests: random valid parameters never give negative or inverted phases or
//! disordered cases; random invalid ones are refused with a message, never a panic.

use super::data::{BackupParams, CacheFeedParams};
use super::dns::{DnsMode, DnsParams};
use super::knobs::{self, KnobValue};
use super::region::{RegionData, RegionParams};
use super::scenario::Scenario;
use super::tunnel::{BgpParams, IpsecParams, TunnelParams};
use proptest::prelude::*;

fn secs() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 0.0..100.0f64, 0.0..100_000.0f64]
}

fn pos() -> impl Strategy<Value = f64> {
    0.001..100_000.0f64
}

prop_compose! {
    fn dns()(manual in any::<bool>(), i in pos(), k in 1u32..=10, alert in secs(), human in secs(),
             upd in secs(), ttl in secs(), capped in 0.0..0.5f64, floor in secs(),
             ign in 0.0..0.5f64, hold in secs(), cc in secs(), rate in pos(), share in 0.01..=1.0f64)
             -> DnsParams {
        DnsParams { mode: if manual { DnsMode::Manual } else { DnsMode::HealthCheck },
            check_interval_s: i, failure_threshold: k, alert_delay_s: alert, human_action_s: human,
            dns_update_s: upd, ttl_s: ttl, capped_share: capped, resolver_min_ttl_s: floor,
            ignoring_share: ign, ignoring_hold_s: hold, client_cache_s: cc,
            request_rate_per_s: rate, target_share: share }
    }
}

prop_compose! {
    fn tunnel()(ipsec in any::<bool>(), a in pos(), n in 0u32..10, b in secs(), up in any::<bool>(),
                c in secs(), e in secs(), rate in pos(), keep in 1.0..60.0f64, extra in 0.0..300.0f64,
                bfd in any::<bool>(), ms in 1.0..5000.0f64, m in 1u32..=20) -> TunnelParams {
        if ipsec {
            TunnelParams::Ipsec(IpsecParams { dpd_interval_s: a, dpd_retries: n, route_switch_s: b,
                backup_established: up, ike_negotiation_s: c, app_recovery_s: e, packet_rate_pps: rate })
        } else {
            TunnelParams::Bgp(BgpParams { hold_time_s: keep + extra, keepalive_s: keep, bfd,
                bfd_interval_ms: ms, bfd_multiplier: m, reconvergence_s: b, route_propagation_s: c,
                app_recovery_s: e, packet_rate_pps: rate })
        }
    }
}

prop_compose! {
    fn region()(d in dns(), decide in secs(), replica in any::<bool>(), lag in secs(), promote in secs(),
                interval in pos(), gb in secs(), rate in pos(), standby in 0.0..=1.0f64,
                scale in secs(), warm in secs(), writes in secs()) -> RegionParams {
        RegionParams { dns: d, decide_s: decide,
            data: if replica { RegionData::Replica { replica_lag_s: lag, promote_s: promote } }
                  else { RegionData::Backup { backup_interval_s: interval, copy_lag_s: lag,
                         data_gb: gb, restore_gb_per_min: rate } },
            standby_capacity_share: standby, full_scale_up_s: scale, warmup_s: warm,
            write_rate_per_s: writes }
    }
}

fn scenario() -> impl Strategy<Value = Scenario> {
    prop_oneof![
        dns().prop_map(Scenario::Dns),
        tunnel().prop_map(Scenario::Tunnel),
        (secs(), secs(), 0.0..1.0f64, pos(), secs(), secs(), secs()).prop_map(
            |(i, l, u, r, a, b, c)| Scenario::Cache(CacheFeedParams {
                replication_interval_s: i,
                replication_lag_s: l,
                key_update_rate_per_s: u,
                read_rate_per_s: r,
                detect_s: a,
                decide_s: b,
                reroute_s: c
            })
        ),
        (pos(), secs(), secs(), pos(), secs(), secs(), secs(), secs()).prop_map(
            |(i, l, gb, rate, a, b, c, w)| Scenario::Restore(BackupParams {
                backup_interval_s: i,
                copy_lag_s: l,
                data_gb: gb,
                restore_gb_per_min: rate,
                detect_s: a,
                decide_s: b,
                start_services_s: c,
                write_rate_per_s: w
            })
        ),
        region().prop_map(Scenario::Region),
    ]
}

proptest! {
    #[test]
    fn valid_scenarios_give_well_formed_timelines(s in scenario()) {
        let r = s.evaluate();
        prop_assert!(r.is_ok(), "{:?} refused: {:?}", s, r.err());
        let r = r.unwrap_or_else(|_| unreachable!());
        prop_assert!(r.timeline.is_well_formed(), "{:?}", r.timeline);
        prop_assert!(r.headline.value.is_finite() && r.headline.value >= 0.0);
        for f in r.losses.iter().chain(&r.figures) {
            prop_assert!(f.value.is_finite() && f.value >= 0.0, "{} = {}", f.key, f.value);
        }
    }

    #[test]
    fn cases_are_ordered(p in dns(), t in tunnel(), g in region()) {
        let d = super::dns::dns_failover(&p).unwrap_or_else(|e| panic!("{e}"));
        prop_assert!(d.detection_s.is_ordered() && d.time_to_share_s.is_ordered(), "{:?}", d);
        prop_assert!(d.failed_requests.is_ordered() && d.all_moved_s.is_ordered());
        prop_assert!(d.moved_curve.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1 + 1e-9));
        let t = super::tunnel::tunnel_failover(&t).unwrap_or_else(|e| panic!("{e}"));
        prop_assert!(t.outage_s.is_ordered() && t.packets_dropped.is_ordered());
        let g = super::region::region_failover(&g).unwrap_or_else(|e| panic!("{e}"));
        prop_assert!(g.rto_s.is_ordered() && g.rpo_s.is_ordered());
    }

    #[test]
    fn shorter_ttl_never_slows_dns_failover(p in dns(), cut in 0.0..1.0f64) {
        let shorter = DnsParams { ttl_s: p.ttl_s * cut, ..p.clone() };
        let a = super::dns::dns_failover(&p).unwrap_or_else(|e| panic!("{e}"));
        let b = super::dns::dns_failover(&shorter).unwrap_or_else(|e| panic!("{e}"));
        prop_assert!(b.time_to_share_s.typical <= a.time_to_share_s.typical + 1e-6);
        prop_assert!(b.failed_requests.typical <= a.failed_requests.typical + 1e-6);
    }

    #[test]
    fn bad_numbers_are_refused_with_a_message(s in scenario(), field in 0usize..20,
            bad in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), -1e9..-0.001f64]) {
        // Break one numeric field through JSON and check the result is an Err with a message
        // (or, for fields where the number is irrelevant, still a well-formed timeline).
        let mut v = serde_json::to_value(&s).unwrap_or_default();
        let keys: Vec<String> = v.as_object().map(|o| o.iter()
            .filter(|(_, x)| x.is_f64()).map(|(k, _)| k.clone()).collect()).unwrap_or_default();
        if let Some(k) = keys.get(field % keys.len().max(1)) {
            let parsed: Result<Scenario, _> = if bad.is_finite() {
                v[k.as_str()] = serde_json::json!(bad);
                serde_json::from_value(v)
            } else {
                // JSON cannot carry NaN or infinity; build the value directly instead.
                let mut s2 = serde_json::to_value(&s).unwrap_or_default();
                s2[k.as_str()] = serde_json::json!(-1.0);
                serde_json::from_value(s2)
            };
            if let Ok(s) = parsed {
                match s.evaluate() {
                    Err(e) => prop_assert!(!e.to_string().is_empty()),
                    Ok(r) => prop_assert!(false, "negative {} accepted: {:?}", k, r.headline),
                }
            }
        }
    }

    #[test]
    fn slider_and_link_values_never_panic(preset in 0usize..6, key in 0usize..40,
            value in prop_oneof![
                Just(serde_json::json!(null)), Just(serde_json::json!(true)),
                Just(serde_json::json!("manual")), Just(serde_json::json!(u64::MAX)),
                Just(serde_json::json!(-1)), Just(serde_json::json!(1e308)),
                Just(serde_json::json!(f64::MIN_POSITIVE)), Just(serde_json::json!({})),
                (-1e12..1e12f64).prop_map(|v| serde_json::json!(v))]) {
        // What the lab does with a knob or a decoded link: patch one field of a preset,
        // evaluate, and check it against an exercise goal. Errors are fine; panics are not.
        let (id, _) = Scenario::PRESETS[preset];
        let s = Scenario::preset(id).unwrap_or_else(|| unreachable!());
        let v = serde_json::to_value(&s).unwrap_or_default();
        let mut paths: Vec<String> = Vec::new();
        if let Some(o) = v.as_object() {
            for (k, x) in o {
                paths.push(k.clone());
                if let Some(inner) = x.as_object() {
                    paths.extend(inner.keys().map(|ik| format!("{k}.{ik}")));
                }
            }
        }
        let path = &paths[key % paths.len()];
        let patch = path.rsplit('.').fold(value, |acc, k| serde_json::json!({ k: acc }));
        if let Ok(changed) = s.with_patch(&patch) {
            if let Ok(r) = changed.evaluate() {
                prop_assert!(r.timeline.is_well_formed());
            }
            let ex = super::exercise::FailoverExercise {
                start: s.clone(),
                goal: super::exercise::Goal::BestChange { options: vec![] },
                locked: vec![path.clone()],
            };
            let _ = ex.check(&super::exercise::FailoverAttempt { scenario: changed, choice: Some(usize::MAX) });
        }
    }

    #[test]
    fn a_knob_edit_is_refused_or_shown_as_set(preset in 0usize..6, key in 0usize..20,
            value in prop_oneof![
                Just(KnobValue::Flag(true)), Just(KnobValue::Flag(false)),
                Just(KnobValue::Choice("manual".into())), Just(KnobValue::Choice("backup".into())),
                Just(KnobValue::Number(f64::NAN)), Just(KnobValue::Number(f64::INFINITY)),
                Just(KnobValue::Number(-1.0)), Just(KnobValue::Number(1e308)),
                (-1e6..1e6f64).prop_map(KnobValue::Number),
                (0u32..20).prop_map(|v| KnobValue::Number(f64::from(v)))]) {
        // What a control can send: any value for any knob. Either the edit is refused, or
        // the lab then shows exactly that value, within the knob's range.
        let (id, _) = Scenario::PRESETS[preset];
        let s = Scenario::preset(id).unwrap_or_else(|| unreachable!());
        let all = knobs::knobs_for(&s);
        let knob = &all[key % all.len()];
        if let Ok(next) = knobs::apply(&s, &knobs::Edit::new(knob, value.clone()), &knobs::Locks::none()) {
            if let Some(c) = knobs::controls(&next, &knobs::Locks::none())
                .into_iter()
                .find(|c| c.knob.path == knob.path)
            {
                prop_assert_eq!(&c.value, &value);
                if let (knobs::Control::Slider(sl), KnobValue::Number(x)) = (knob.control, &value) {
                    prop_assert!(*x >= sl.min && *x <= sl.max);
                }
            } else {
                // Only a variant switch may take the knob away (tunnel kind, new preset).
                prop_assert!(knob.variant || matches!(knob.control, knobs::Control::Choice(_)));
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        if let Ok(s) = Scenario::from_json(&text) {
            let _ = s.evaluate();
        }
    }

    #[test]
    fn nan_and_infinity_are_refused(p in dns(), which in 0usize..4,
            bad in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY)]) {
        let mut q = p;
        match which {
            0 => q.ttl_s = bad,
            1 => q.check_interval_s = bad,
            2 => q.capped_share = bad,
            _ => q.request_rate_per_s = bad,
        }
        prop_assert!(super::dns::dns_failover(&q).is_err());
    }
}
