//! A class's own ballots: the format, the three systems, and the comparison.

use std::process::{Command, Output};

use proptest::prelude::*;
use tally::ballots::{Ballot, Ballots};
use tally::model::VotingSystem;

fn tally(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn text(o: &[u8]) -> String {
    String::from_utf8(o.to_vec()).unwrap()
}

#[test]
fn three_winners_from_the_same_ballots() {
    let out = tally(&["ballots", "assets/examples/three-winners.csv", "--compare"]);
    assert_eq!(out.status.code(), Some(0));
    let report = text(&out.stdout);
    assert!(report.contains("3 different winners"), "{report}");
    for line in [
        "First past the post  Museum",
        "Supplementary Vote   Beach",
        "Instant runoff       Zoo",
    ] {
        assert!(report.contains(line), "missing {line:?}:\n{report}");
    }
    insta::assert_snapshot!("three_winners_compare", report);
}

#[test]
fn the_class_vote_under_each_system() {
    for system in ["fptp", "sv", "irv"] {
        let out = tally(&[
            "ballots",
            "assets/examples/class-vote.csv",
            "--system",
            system,
            "--date",
            "2026-11-20",
        ]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            text(&out.stderr),
            "assets/examples/class-vote.csv:30: rejected: `Hamster` is chosen twice\n"
        );
        insta::assert_snapshot!(format!("class_vote_{system}"), text(&out.stdout));
    }
}

#[test]
fn bad_ballots_are_reported_by_line_and_counted_as_rejected() {
    let out = tally(&[
        "ballots",
        "tests/data/ballots/mistakes.csv",
        "--system",
        "irv",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "rejected ballots do not stop the count"
    );
    assert_eq!(
        text(&out.stderr),
        "tests/data/ballots/mistakes.csv:4: rejected: unknown candidate `Alcie`; did you mean `Alice`?\n\
         tests/data/ballots/mistakes.csv:5: rejected: `Bob` is chosen twice\n\
         tests/data/ballots/mistakes.csv:6: rejected: an empty ballot: no choices\n\
         tests/data/ballots/mistakes.csv:7: rejected: unknown candidate `Zed`\n\
         tests/data/ballots/mistakes.csv:8: rejected: choice 2 is empty but a later choice is not\n\
         tests/data/ballots/mistakes.csv:9: rejected: a count of 0 ballots\n"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["rejected"], 5,
        "five rejected ballots (the zero count adds none)"
    );
    assert_eq!(v["valid_first_preferences"], 3);
}

#[test]
fn a_file_that_is_not_a_ballot_list_is_an_error() {
    let out = tally(&[
        "ballots",
        "tests/data/ballots/candidates-late.csv",
        "--system",
        "sv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "tally: tests/data/ballots/candidates-late.csv:2: the `candidates:` line must come once, before the ballots\n"
    );
    let out = tally(&["ballots", "assets/examples/class-vote.csv"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a system or --compare is needed"
    );
}

fn arbitrary_ballots() -> impl Strategy<Value = Ballots> {
    (1usize..7).prop_flat_map(|n| {
        let ballot = (
            1u64..20,
            Just(n).prop_flat_map(|n| Just((0..n).collect::<Vec<usize>>()).prop_shuffle()),
            1usize..=n,
        );
        prop::collection::vec(ballot, 0..40).prop_map(move |raw| Ballots {
            candidates: (0..n).map(|i| format!("Candidate {i}")).collect(),
            valid: raw
                .into_iter()
                .enumerate()
                .map(|(line, (count, order, len))| Ballot {
                    line,
                    count,
                    choices: order[..len].to_vec(),
                })
                .collect(),
            rejected: Vec::new(),
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Whatever the ballots, each system's count is a dataset the engine accepts, and
    /// votes are conserved in every round.
    #[test]
    fn any_ballots_count_cleanly_under_every_system(b in arbitrary_ballots()) {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for system in [VotingSystem::FirstPastThePost, VotingSystem::SupplementaryVote, VotingSystem::InstantRunoff] {
            let c = tally::ballots::contest(&b, system, "Generated", "proptest", date).unwrap();
            // Written out and read back as a dataset file, so every check applies.
            let json = tally::import::dataset::to_json(&c).unwrap();
            let loaded = tally::import::dataset::from_str(&json).map_err(|d| TestCaseError::fail(format!("{system:?}: {d:?}")))?;
            let valid: u64 = b.valid.iter().map(|x| x.count).sum();
            prop_assert_eq!(loaded.count.valid, valid);
            for r in &loaded.count.rounds {
                prop_assert_eq!(r.continuing + r.exhausted, valid);
            }
            if valid > 0 {
                prop_assert!(loaded.count.winner().is_some(), "{:?} always elects someone", system);
            }
        }
    }
}

#[test]
fn a_count_with_no_valid_votes_draws_everywhere_without_panicking() {
    use tally::app::keys::Key;
    use tally::app::{App, Msg, Options, update};
    let b = tally::ballots::parse("candidates: Ann, Bob\nAnn, Ann\n").unwrap();
    assert_eq!(b.rejected.len(), 1);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for system in [
        VotingSystem::FirstPastThePost,
        VotingSystem::SupplementaryVote,
        VotingSystem::InstantRunoff,
    ] {
        let l = tally::count::Counted::new(
            tally::ballots::contest(&b, system, "Empty", "test", date).unwrap(),
            Vec::new(),
        )
        .unwrap();
        let mut app = App::new(vec![l], 0, Options::default());
        for k in ['1', '2', '3', '4', '?', 'P'] {
            update(&mut app, Msg::Key(Key::Char(k)));
            for _ in 0..20 {
                tally::headless::render_app(&app, 80, 24);
                tally::headless::render_app(&app, 200, 60);
                update(&mut app, Msg::Key(Key::Right));
            }
        }
    }
}
