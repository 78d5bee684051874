use super::relay::{min_sum, relay_row};
use super::*;
use crate::latency::catalog::{resolve_sites, Catalog, SiteSpec};
use crate::latency::model::RttModel;
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
    let n =
        Network::with_model(resolve_sites(&specs).unwrap(), RttModel::uniform(1.6, 3.0)).unwrap();
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
        .to_string()
        .contains("nat_share"));
    p = params();
    p.tunnel_overhead_ms = f64::NAN;
    assert!(n.evaluate(&TopologySpec::Mesh, &p).is_err());
    let e = n
        .evaluate(&TopologySpec::parse("hub:aws:us-est-1").unwrap(), &params())
        .unwrap_err()
        .to_string();
    assert!(e.contains("aws:us-east-1"), "{e}");
    let empty = Network::new(Vec::new()).unwrap();
    let r = empty.evaluate(&TopologySpec::Mesh, &params()).unwrap();
    assert_eq!((r.pairs, r.mean_ms), (0, None));
    assert!(empty
        .evaluate(&TopologySpec::Hub(Choice::BestMean), &params())
        .is_err());
    let sc: Result<Scenario, _> = serde_json::from_str(r#"{"sites": [], "topologies": ["ring"]}"#);
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
    let e = sc.compare().unwrap_err().to_string();
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

#[test]
fn a_result_knows_the_spec_it_was_evaluated_as() {
    let n = net(&FIVE);
    for text in [
        "mesh",
        "relay",
        "hub:best",
        "hub:best-worst",
        "hub:gcp:europe-west1",
        "exchange:best",
        "exchange:london",
    ] {
        let spec = TopologySpec::parse(text).unwrap();
        let r = n.evaluate(&spec, &params()).unwrap();
        assert_eq!(r.spec().label(), r.topology, "{text}");
        assert_eq!(
            TopologySpec::parse(&r.topology).unwrap(),
            r.spec(),
            "{text}"
        );
        assert_eq!(r.spec().kind(), r.kind);
        // Evaluating the resolved spec gives the same result.
        assert_eq!(n.evaluate(&r.spec(), &params()).unwrap(), r);
    }
}

#[test]
fn a_pairs_working_adds_up_to_its_matrix_entry() {
    let n = net(&FIVE);
    let mut p = params();
    p.nat_share = 1.0;
    p.tunnel_overhead_ms = 2.0;
    for text in ["mesh", "relay", "hub:aws:us-east-1", "exchange:ix:ashburn"] {
        let r = n.evaluate(&TopologySpec::parse(text).unwrap(), &p).unwrap();
        for i in 0..5 {
            for j in 0..5 {
                let Some(w) = r.working(&n, p.tunnel_overhead_ms, i, j) else {
                    assert_eq!(i, j);
                    continue;
                };
                let legs = match &w.legs {
                    Some(l) => l.first.rtt_ms + l.second.rtt_ms,
                    None => w.direct.rtt_ms,
                };
                let total = w.rtt_ms.unwrap();
                assert!((legs + w.tunnels_ms - total).abs() < 1e-6, "{text} {i} {j}");
                assert_eq!(w.tunnels, r.kind.tunnels_on_path(w.legs.is_some()));
            }
        }
    }
    let mesh = n.evaluate(&TopologySpec::Mesh, &p).unwrap();
    assert!(mesh.working(&n, 1.0, 0, 0).is_none());
    assert!(mesh.working(&n, 1.0, 0, 9).is_none());
}
