//! How long a million ballots take from file to rounds (issue 14): tally's real path (read the
//! ballots text, group identical rankings, count an instant runoff) beside the floor, a plain
//! read of the same file line by line, split at commas, which any reader must do. The target
//! is at most 1.5× the floor; the same file counted under RCTab's rules (`count::rcv`) is
//! measured beside them. Results, with the machine and date, are in
//! docs/performance.md; peak memory is measured on the binary there, not here.

#[path = "support/london_like.rs"]
mod london_like;

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tally::count::ballots::{About, tally_file};
use tally::model::VotingSystem;

const BALLOTS: u64 = 1_000_000;

/// The floor: every line read into one reused buffer (as UTF-8 text) and split at commas,
/// the fields counted and nothing else.
fn read_and_split(path: &Path) -> usize {
    let file = std::fs::File::open(path).expect("the generated file opens");
    let mut input = BufReader::with_capacity(64 * 1024, file);
    let mut line = String::new();
    let mut fields = 0;
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => fields += line.trim_end().split(',').count(),
            Err(e) => panic!("the generated file reads: {e}"),
        }
    }
    fields
}

fn ballots(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("1M.csv");
    let mut out = BufWriter::new(std::fs::File::create(&path).expect("the file is created"));
    london_like::write(&mut out, BALLOTS).expect("the ballots are written");
    out.flush().expect("the ballots are written");
    drop(out);
    let about = About {
        title: "1M".into(),
        source: path.display().to_string(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
    };
    let systems = [VotingSystem::InstantRunoff];
    // What is measured is right: every ballot read, counted, in several rounds.
    let tallied = tally_file(&path, &systems, &about).expect("the ballots count");
    assert_eq!(tallied.prepared.valid().get(), BALLOTS);
    assert!(tallied.counted[0].count.rounds.len() > 1);

    let mut group = c.benchmark_group("ballots 1M");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("floor: read and split", |b| {
        b.iter(|| read_and_split(&path))
    });
    group.bench_function("file to rounds", |b| {
        b.iter(|| tally_file(&path, &systems, &about).map(|t| t.counted.len()))
    });
    // The same file counted under RCTab's rules (`count::rcv`, as cast vote records are):
    // read, group, count with batch elimination.
    let rcv = tally::import::OpenOptions {
        rules: tally::import::RuleOptions {
            batch_elimination: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let counted =
        tally::import::from_path(&path, &rcv).expect("the ballots count by RCTab's rules");
    assert_eq!(counted.count.valid.get(), BALLOTS);
    group.bench_function("file to rounds, RCTab's rules", |b| {
        b.iter(|| tally::import::from_path(&path, &rcv).map(|l| l.count.rounds.len()))
    });
    group.finish();
}

criterion_group!(benches, ballots);
criterion_main!(benches);
