//! Benchmarks for the cidr engine. The targets (native release):
//! overlap check of 100,000 prefixes under 50 ms, free-block search in a /8 with 100,000
//! allocations under 10 ms.
//!
//! Run: `cargo bench -p cloudhop-core --bench cidr`.

use cloudhop_core::cidr::ops::{free_blocks, overlapping_pairs, summarize};
use cloudhop_core::cidr::plan::{check_plan, Network, Plan};
use cloudhop_core::cidr::provider::{Kind, Provider};
use criterion::{criterion_group, criterion_main, Criterion};
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::hint::black_box;
use std::net::{Ipv4Addr, Ipv6Addr};

/// Deterministic xorshift so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// `n` prefixes as in a large real plan: blocks from /20 to /28 packed into 10.0.0.0/8 and
/// fd00::/8 (one in ten is IPv6), shuffled, with one in a hundred moved onto another block
/// so there are about 1,000 overlaps to report.
fn prefixes(n: usize, seed: u64) -> Vec<IpNet> {
    let mut r = Rng(seed);
    let mut next4: u32 = 0x0a00_0000;
    let mut next6: u128 = 0xfd00_u128 << 112;
    let mut v: Vec<IpNet> = (0..n)
        .map(|i| {
            let x = r.next();
            if i % 10 == 9 {
                let len = 56 + (x % 9) as u8;
                let size = 1u128 << (128 - len as u32);
                next6 = next6.div_ceil(size) * size;
                let net = Ipv6Net::new(Ipv6Addr::from(next6), len).unwrap();
                next6 += size;
                IpNet::V6(net)
            } else {
                let len = 20 + (x % 9) as u8;
                let size = 1u32 << (32 - len as u32);
                next4 = next4.div_ceil(size) * size;
                let net = Ipv4Net::new(Ipv4Addr::from(next4), len).unwrap();
                next4 += size;
                IpNet::V4(net)
            }
        })
        .collect();
    for i in (1..v.len()).rev() {
        let j = (r.next() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    for i in (0..v.len()).step_by(100) {
        let j = (r.next() % v.len() as u64) as usize;
        v[i] = v[j];
    }
    v
}

/// `n` small allocations (/24 to /28) in 10.0.0.0/8.
fn allocations(n: usize, seed: u64) -> Vec<IpNet> {
    let mut r = Rng(seed);
    (0..n)
        .map(|_| {
            let x = r.next();
            let a = 0x0a00_0000 | (x as u32 & 0x00ff_ffff);
            let len = 24 + (x >> 32) as u8 % 5;
            IpNet::V4(Ipv4Net::new(Ipv4Addr::from(a), len).unwrap().trunc())
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let nets = prefixes(100_000, 0x9e37_79b9_7f4a_7c15);
    eprintln!(
        "overlapping pairs in the bench data: {}",
        overlapping_pairs(&nets).len()
    );
    c.bench_function("overlapping_pairs 100k prefixes", |b| {
        b.iter(|| black_box(overlapping_pairs(black_box(&nets))).len())
    });

    // The same 100,000 prefixes as a plan of 100,000 networks: parse, rules, overlaps,
    // suggestions.
    let plan = Plan {
        networks: nets
            .iter()
            .enumerate()
            .map(|(i, n)| Network {
                name: format!("net{i}"),
                provider: Provider::Onprem,
                kind: Kind::Subnet,
                blocks: vec![n.to_string()],
                within: None,
            })
            .collect(),
        ..Default::default()
    };
    c.bench_function("check_plan 100k networks", |b| {
        b.iter(|| black_box(check_plan(black_box(&plan)).map(|r| r.overlaps.len())))
    });

    let used = allocations(100_000, 0x2545_f491_4f6c_dd1d);
    let slash8: IpNet = "10.0.0.0/8".parse().unwrap();
    c.bench_function("free /20 blocks in a /8 with 100k allocations", |b| {
        b.iter(|| black_box(free_blocks(&slash8, 20, black_box(&used), 65_536)).map(|v| v.len()))
    });
    c.bench_function("free /24 blocks in a /8 with 100k allocations", |b| {
        b.iter(|| black_box(free_blocks(&slash8, 24, black_box(&used), 65_536)).map(|v| v.len()))
    });
    c.bench_function("summarize 100k prefixes", |b| {
        b.iter(|| black_box(summarize(black_box(&used))).len())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
