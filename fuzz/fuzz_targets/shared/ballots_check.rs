//! What every ballots fuzz target checks of its input (`ballots`, `forms`): read it as
//! `tally ballots` does (any layout: plain, semicolons, tabs, Google or Microsoft Forms),
//! count it under every system, and assert that the engine accepts each count (written out
//! and read back as a dataset, every check applies) and that every round conserves the
//! votes; then every report of the comparison. A count the engine rejects is a bug in tally.

use tally::count::ballots::{About, Rules, prepare};
use tally::import::ballots_text;
use tally::model::VotingSystem;
use tally::model::ballots::Ballots;
use tally::report;

/// The one place that knows how the ballots reader is called: adapt it when its API changes.
pub fn read(data: &[u8]) -> Option<Ballots> {
    ballots_text::read(data).ok()
}

pub fn check(data: &[u8]) {
    let Some(parsed) = read(data) else {
        return;
    };
    let prepared = prepare(&parsed, &Rules::CLASS);
    let about = About {
        title: "Fuzzed ballots".into(),
        source: "fuzz.csv".into(),
        date: chrono::NaiveDate::from_ymd_opt(2024, 5, 2).expect("a real date"),
    };
    let mut counted = Vec::new();
    for system in [
        VotingSystem::FirstPastThePost,
        VotingSystem::SupplementaryVote,
        VotingSystem::InstantRunoff,
    ] {
        // Refusing too many candidates for an instant runoff is an answer, not a failure.
        let Ok(c) = prepared.count(system, &about) else {
            continue;
        };
        let json = tally::import::dataset::to_json(&c.contest).expect("a contest writes");
        if let Err(diagnostics) = tally::import::dataset::from_str(&json) {
            panic!(
                "the engine rejects the ballots' count under {system:?}:\n{diagnostics:#?}\n{json}"
            );
        }
        let count = &c.count;
        for round in &count.rounds {
            assert_eq!(
                round.continuing + round.exhausted,
                count.valid,
                "{system:?} round {}: continuing {} + exhausted {} is not the {} valid votes",
                round.number,
                round.continuing,
                round.exhausted,
                count.valid
            );
        }
        counted.push(c);
    }
    let read = report::systems::Read::of(&prepared);
    assert_eq!(read.rejected_lines, prepared.rejected.len());
    let _ = report::systems::compare(&counted, &read);
    let json = report::systems::compare_json(&counted, &prepared);
    serde_json::from_str::<serde_json::Value>(&json).expect("the comparison is JSON");
    let _ = report::systems::compare_csv(&counted);
}
