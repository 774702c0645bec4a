//! Any bytes as a class's ballots file: read it, count it under every system, and check
//! that the count is a dataset the engine accepts (written out and read back, every check
//! applies) and that every round conserves the votes. A count the engine rejects is a bug in
//! tally, so it is asserted here.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tally::count::ballots::{About, Rules, prepare};
use tally::import::ballots_text;
use tally::model::VotingSystem;
use tally::model::ballots::Ballots;
use tally::report;

/// The one place that knows how the ballots reader is called: adapt it when its API changes.
fn read(data: &[u8]) -> Option<Ballots> {
    ballots_text::read(data).ok()
}

fuzz_target!(|data: &[u8]| {
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
            panic!("the engine rejects the ballots' count under {system:?}:\n{diagnostics:#?}\n{json}");
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
    let _ = report::systems::compare(&counted, &report::systems::Read::of(&prepared));
    let _ = report::systems::compare_json(&counted, &prepared);
    let _ = report::systems::compare_csv(&counted);
});
