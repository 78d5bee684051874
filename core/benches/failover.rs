//! Benchmarks for the failover models: each should take microseconds, so the lab can
//! redraw on every slider move and compare two settings at once.
use cloudhop_core::failover::exercise::{FailoverAttempt, FailoverExercise};
use cloudhop_core::failover::scenario::Scenario;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    for (id, _) in Scenario::PRESETS {
        let Some(s) = Scenario::preset(id) else {
            continue;
        };
        c.bench_function(&format!("failover/evaluate/{id}"), |b| {
            b.iter(|| black_box(&s).evaluate())
        });
    }
    let s = Scenario::preset("region").unwrap_or_else(|| unreachable!());
    let json = s.to_json();
    c.bench_function("failover/parse_and_evaluate/region", |b| {
        b.iter(|| Scenario::from_json(black_box(&json)).and_then(|s| s.evaluate()))
    });
    let ex: Result<FailoverExercise, _> = serde_json::from_str(
        r#"{"start":{"model":"tunnel","kind":"ipsec"},"goal":{"type":"best_change","options":[
        {"label":"a","patch":{"dpd_interval_s":5}},{"label":"b","patch":{"backup_established":true}},
        {"label":"c","patch":{"dpd_retries":2}},{"label":"d","patch":{"route_switch_s":1}}]}}"#,
    );
    if let Ok(ex) = ex {
        let attempt = FailoverAttempt {
            scenario: ex.start.clone(),
            choice: Some(0),
        };
        c.bench_function("failover/check/best_change", |b| {
            b.iter(|| ex.check(black_box(&attempt)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
