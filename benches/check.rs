//! How long `tally check` takes for contests with many candidates: validation and counting
//! must grow linearly (or n·log n) with the file, never with the square of the candidates.
//! Beside each, the floor: parsing the same JSON into a `serde_json::Value`, which any reader
//! of the file must do. Results, with the machine and date, are in docs/performance.md.

use std::fmt::Write as _;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// A Supplementary Vote contest with `n` candidates: every candidate but the top two is
/// eliminated, so the second round moves ballots from `n - 2` of them, one matrix row each.
fn dataset(n: usize) -> String {
    let mut out = String::from(
        r#"{"id": "many", "title": "Many candidates", "area": "A", "date": "2026-01-01",
        "system": "supplementary-vote", "sources": [{"id": "S", "title": "generated"}],
        "candidates": ["#,
    );
    for i in 0..n {
        let sep = if i == 0 { "" } else { ", " };
        let _ = write!(out, r#"{sep}{{"id": "c{i}", "name": "Candidate {i}"}}"#);
    }
    out.push_str(r#"], "tie_break_order": ["c0", "c1"], "first_preferences": {"#);
    // c0 and c1 lead with 10n each; everyone else has 3, of whom 1 goes to c0, 1 to c1.
    for i in 0..n {
        let sep = if i == 0 { "" } else { ", " };
        let votes = if i < 2 { 10 * n } else { 3 };
        let _ = write!(out, r#"{sep}"c{i}": {votes}"#);
    }
    out.push_str(r#"}, "second_round": {"matrix": ["#);
    for i in 2..n {
        let sep = if i == 2 { "" } else { ", " };
        let _ = write!(
            out,
            r#"{sep}{{"first": "c{i}", "second": {{"c0": 1, "c1": 1}}}}"#
        );
    }
    out.push_str("]}}\n");
    out
}

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    for n in [1_000usize, 10_000, 100_000] {
        let text = dataset(n);
        let loaded =
            tally::import::dataset::from_str(&text).expect("the generated contest is valid");
        assert_eq!(loaded.count.rounds.len(), 2);
        group.bench_with_input(BenchmarkId::new("floor: parse JSON", n), &text, |b, t| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(t).map(|_| ()))
        });
        group.bench_with_input(
            BenchmarkId::new("parse, validate, count", n),
            &text,
            |b, t| b.iter(|| tally::import::dataset::from_str(t).map(|_| ())),
        );
    }
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
