//! Any bytes as a class's ballots file: read it, count it under every system, and check
//! that the engine accepts what the ballots counter made and that every round conserves
//! the votes. A contest the engine rejects is a bug in tally, so it is asserted here.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tally::ballots::{self, Ballots};
use tally::model::VotingSystem;
use tally::report;

/// The one place that knows how the ballots reader is called: adapt it when its API changes.
fn read(data: &[u8]) -> Option<Ballots> {
    ballots::read(data).ok()
}

fuzz_target!(|data: &[u8]| {
    let Some(parsed) = read(data) else {
        return;
    };
    let date = chrono::NaiveDate::from_ymd_opt(2024, 5, 2).expect("a real date");
    let mut counted = Vec::new();
    for system in [
        VotingSystem::FirstPastThePost,
        VotingSystem::SupplementaryVote,
        VotingSystem::InstantRunoff,
    ] {
        // Refusing too many candidates for an instant runoff is an answer, not a failure.
        let Ok(contest) = ballots::contest(&parsed, system, "Fuzzed ballots", "fuzz.csv", date)
        else {
            continue;
        };
        let loaded = match tally::import::dataset::from_str(&tally::import::dataset::to_json(&contest).expect("a contest writes")) {
            Ok(l) => l,
            Err(diagnostics) => panic!(
                "the engine rejects what the ballots counter made under {system:?}:\n{diagnostics:#?}\n{contest:#?}"
            ),
        };
        let count = &loaded.count;
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
        counted.push(loaded);
    }
    let valid: u64 = parsed.valid.iter().map(|b| b.count).sum();
    let rejected: u64 = parsed.rejected.iter().map(|r| r.count).sum();
    let _ = report::systems::compare(&counted, valid, rejected);
});
