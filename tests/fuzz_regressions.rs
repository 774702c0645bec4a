//! Every input the fuzzers (`fuzz/`) ever broke tally with, kept in `fuzz/regressions/` and
//! checked here the way its fuzz target checks it: read, counted under every system, and
//! accepted by the engine, or refused with a message, never a panic.

use std::path::Path;

use tally::count::ballots::{About, Rules, prepare};
use tally::import::ballots_text;
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
    let about = About {
        title: "T".into(),
        source: "fuzz.csv".into(),
        date: chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(),
    };
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(parsed) = ballots_text::read(&bytes[..]) else {
            continue; // refused with a message: the overflowing sums
        };
        let prepared = prepare(&parsed, &Rules::CLASS);
        for system in [
            VotingSystem::FirstPastThePost,
            VotingSystem::SupplementaryVote,
            VotingSystem::InstantRunoff,
        ] {
            let Ok(counted) = prepared.count(system, &about) else {
                continue; // too many candidates for an instant runoff: refused with a message
            };
            let json = tally::import::dataset::to_json(&counted.contest).unwrap();
            tally::import::dataset::from_str(&json)
                .unwrap_or_else(|d| panic!("{}: {system:?}: {d:#?}", path.display()));
            for r in &counted.count.rounds {
                assert_eq!(r.continuing + r.exhausted, counted.count.valid);
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
        let e = ballots_text::read(&std::fs::read(&path).unwrap()[..]).unwrap_err();
        // Counts beyond what tally holds (18,446,744,073,709 votes, since votes are held
        // to a millionth) are refused on their own line; sums that grow past it, on the
        // line that makes them.
        assert!(
            (e.line == 1 && e.message.contains("too large"))
                || (e.line == 2 && e.message.contains("more than tally can count")),
            "{name}: line {}: {}",
            e.line,
            e.message
        );
    }
}

#[test]
fn every_opavote_regression_loads_or_is_refused_and_every_output_is_made() {
    let files = inputs("opavote");
    assert!(!files.is_empty());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let file = path.display().to_string();
        let Ok(loaded) = tally::import::opavote::from_bytes(&file, &bytes) else {
            continue;
        };
        for r in &loaded.count.rounds {
            assert_eq!(r.continuing + r.exhausted + r.residual, loaded.count.valid);
        }
        let _ = tally::report::text::rounds(&loaded);
        let _ = tally::story::narrate::report(&loaded);
        for beat in tally::story::present::beats(&loaded) {
            let _ = tally::story::present::frame(&loaded, beat);
        }
    }
}

#[test]
fn every_rctab_regression_is_refused_or_adds_up_in_every_round() {
    let files = inputs("rctab");
    assert!(!files.is_empty());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        match tally::import::rctab::from_bytes("fuzz.json", &bytes) {
            Err(e) => assert!(e.iter().any(|d| d.is_error()), "{}", path.display()),
            Ok(l) => {
                for r in &l.count.rounds {
                    assert_eq!(r.continuing + r.exhausted + r.residual, l.count.valid);
                }
            }
        }
    }
    // The first find: a surplus whose tallies disagree with its transfers.
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/rctab/surplus-tally-disagrees-with-transfers.json"),
    )
    .unwrap();
    let e = tally::import::rctab::from_bytes("f.json", &bytes).unwrap_err();
    assert_eq!(
        e[0].render("f.json"),
        "f.json: results[1].tally.Harvey: `Harvey` has 34 votes in round 2, but round 1's 40 less the 5 they passed on make 35: the tally and the transfers disagree"
    );
}

/// ES&S inputs (a selector byte, then the workbook: see `fuzz/fuzz_targets/ess.rs`) are read
/// or refused, never a panic: calamine's overflow on a long column reference is caught and
/// refused.
#[test]
fn every_ess_regression_is_read_or_refused() {
    use tally::import::cvr::{Names, Provider, Sink, Source, ess};
    for path in inputs("ess") {
        let bytes = std::fs::read(&path).expect("the input");
        let Some((_, workbook)) = bytes.split_first() else {
            continue;
        };
        let source = Source {
            first_vote_column: Some(2),
            first_vote_row: Some(2),
            ..Source::bare(path.clone(), "fuzz", Provider::Ess)
        };
        let mut sink = Sink::new();
        let _ = ess::read_bytes(workbook, &source, &mut Names::open(), &mut sink);
    }
}
