//! Benchmarks for the BGP engine.
//!
//! The headline figure: one prefix propagated over a generated tiered topology of 70,000
//! ASes (about the size of today's internet graph), with the direct O(V+E) computation.
//! Target: under 50 ms native release. `bgp_lab_convergence_after_a_failure` is what the
//! lab computes after each edit (routes and both message logs).
//! Run with `cargo bench -p cloudhop-core --bench bgp`.
use cloudhop_core::bgp::asn::Asn;
use cloudhop_core::bgp::decision::{best_path, Candidate, DecisionOptions};
use cloudhop_core::bgp::generate::tiered;
use cloudhop_core::bgp::propagation::propagate;
use cloudhop_core::bgp::replay::Convergence;
use cloudhop_core::bgp::seeds::seed;
use cloudhop_core::bgp::topology::Topology;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let g = tiered(70_000, 42);
    let topo = Topology::new(&g.links, &[]).expect("generated topology is valid");
    let origin = g.stub_origin;

    let mut group = c.benchmark_group("bgp_internet_70k");
    group.sample_size(30);
    group.bench_function("propagate_one_prefix", |b| {
        b.iter(|| {
            let s = propagate(black_box(&topo), black_box(&[origin])).expect("origin exists");
            black_box(s.reached())
        })
    });
    group.bench_function("propagate_with_hijack", |b| {
        let hijacker = Asn(g.tier1.first().map_or(1, |a| a.get()) + 500);
        b.iter(|| {
            let s =
                propagate(black_box(&topo), black_box(&[origin, hijacker])).expect("origins exist");
            black_box(s.reached())
        })
    });
    group.bench_function("build_topology", |b| {
        b.iter(|| {
            black_box(
                Topology::new(black_box(&g.links), &[])
                    .expect("valid")
                    .len(),
            )
        })
    });
    group.bench_function("generate", |b| {
        b.iter(|| black_box(tiered(70_000, 42).links.len()))
    });
    group.finish();

    let cands: Vec<Candidate> = (0..16u32)
        .map(|i| Candidate {
            id: format!("r{i}"),
            as_path: vec![64500 + i % 4, 65001].into(),
            med: i % 3,
            igp_cost: 10 - i % 5,
            router_id: std::net::Ipv4Addr::new(10, 0, 0, (i % 7) as u8),
            ..Candidate::default()
        })
        .collect();
    c.bench_function("bgp_best_path_16_candidates", |b| {
        b.iter(|| {
            black_box(best_path(black_box(&cands), &DecisionOptions::default()).map(|d| d.best))
        })
    });

    // What the lab computes after each edit: routes, the log from empty tables and the
    // re-convergence after a link failure, on the largest seed.
    let old = seed("internet-hijack").expect("seed");
    let mut new = old.clone();
    new.failed_links.push([Asn(64500), Asn(64502)]);
    c.bench_function("bgp_lab_convergence_after_a_failure", |b| {
        b.iter(|| {
            black_box(
                Convergence::of(black_box(&new), Some(&old))
                    .change
                    .is_some(),
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
