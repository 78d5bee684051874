//! Benchmarks for the latency engine: 1,000 sites, the full matrix for each of the four
//! topologies (target: all four under 100 ms in a native release build).
use cloudhop_core::latency::catalog::Continent;
use cloudhop_core::latency::catalog::{Site, SiteKind};
use cloudhop_core::latency::geo::LatLon;
use cloudhop_core::latency::topology::{Choice, Network, Params, TopologySpec};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

/// 1,000 on-premises-like sites on a deterministic spread over the inhabited latitudes.
fn sites(n: usize) -> Vec<Site> {
    let continents = [
        Continent::NA,
        Continent::EU,
        Continent::AS,
        Continent::SA,
        Continent::OC,
        Continent::AF,
        Continent::ME,
    ];
    (0..n)
        .map(|i| {
            let f = i as f64;
            let lat = ((f * 0.618_033_988_75).fract() * 120.0) - 50.0;
            let lon = ((f * 0.414_213_562_37).fract() * 360.0) - 180.0;
            Site {
                id: format!("onprem:site-{i}"),
                name: format!("Site {i}"),
                metro: format!("Site {i}"),
                pos: LatLon { lat, lon },
                continent: continents[i % continents.len()],
                kind: SiteKind::OnPrem,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let p = Params {
        nat_share: 1.0,
        ..Params::default()
    };
    let specs = [
        TopologySpec::Mesh,
        TopologySpec::Hub(Choice::BestMean),
        TopologySpec::Relay,
        TopologySpec::Exchange(Choice::BestWorst),
    ];
    let mut g = c.benchmark_group("latency_1000_sites");
    g.sample_size(10);
    g.bench_function("network (direct matrix)", |b| {
        b.iter(|| Network::new(black_box(sites(1000))).map(|n| n.sites().len()))
    });
    let net = Network::new(sites(1000)).expect("network");
    for spec in &specs {
        g.bench_function(spec.label(), |b| {
            b.iter(|| net.evaluate(black_box(spec), &p).map(|r| r.mean_ms))
        });
    }
    g.bench_function("all four topologies from scratch", |b| {
        b.iter(|| {
            let net = Network::new(black_box(sites(1000))).expect("network");
            specs
                .iter()
                .map(|s| net.evaluate(s, &p).map(|r| r.links).unwrap_or(0))
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
