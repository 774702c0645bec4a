//! Every input the fuzzers (`fuzz/`) ever broke tally with, kept in `fuzz/regressions/` and
//! checked here the way its fuzz target checks it: read, counted under every system, and
//! accepted by the engine, or refused with a message, never a panic.

use std::path::Path;

use tally::ballots;
use tally::model::VotingSystem;

fn inputs(target: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn every_ballots_regression_is_read_or_refused_and_counts_cleanly() {
    let files = inputs("ballots");
    assert!(files.len() >= 6, "{files:?}");
    let date = chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(parsed) = ballots::read(&bytes[..]) else {
            continue; // refused with a message: the overflowing sums
        };
        for system in [
            VotingSystem::FirstPastThePost,
            VotingSystem::SupplementaryVote,
            VotingSystem::InstantRunoff,
        ] {
            let Ok(contest) = ballots::contest(&parsed, system, "T", "fuzz.csv", date) else {
                continue;
            };
            let loaded = tally::import::dataset::from_str(
                &tally::import::dataset::to_json(&contest).unwrap(),
            )
            .unwrap_or_else(|d| panic!("{}: {system:?}: {d:#?}", path.display()));
            for r in &loaded.count.rounds {
                assert_eq!(r.continuing + r.exhausted, loaded.count.valid);
            }
        }
    }
}

#[test]
fn sums_that_overflowed_are_refused_naming_the_line() {
    for name in [
        "ballot-papers-overflow.csv",
        "first-preference-sum-overflows.csv",
        "rejected-sum-overflows.csv",
        "valid-votes-sum-overflows.csv",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/ballots")
            .join(name);
        let e = ballots::read(&std::fs::read(&path).unwrap()[..]).unwrap_err();
        assert_eq!(e.line, 2, "{name}");
        assert!(
            e.message.contains("more than tally can count"),
            "{name}: {}",
            e.message
        );
    }
}
