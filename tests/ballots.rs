//! A class's own ballots: the format, the three systems, and the comparison.

// Helpers outside `#[test]` functions unwrap too: a panic is a failed test with its message.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Output};

use proptest::prelude::*;
use tally::count::ballots::{About, Rules, prepare};
use tally::model::Votes;
use tally::model::VotingSystem;
use tally::model::ballots::{Ballots, Builder, Mark};

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
        prop::collection::vec(ballot, 0..40).prop_map(move |raw| {
            let mut b = Builder::new();
            b.candidates_mut()
                .extend((0..n).map(|i| format!("Candidate {i}")));
            for (line, (count, order, len)) in raw.into_iter().enumerate() {
                let marks = order[..len].iter().map(|&i| Mark::Candidate(i)).collect();
                b.add(marks, Votes::new(count), line + 1);
            }
            b.finish()
        })
    })
}

/// A ballots count as a dataset that publishes its rounds, as an official count would.
fn published(c: &tally::count::Counted) -> tally::model::Contest {
    use tally::count::Destination;
    use tally::model::{Method, RoundSpec, SecondRound, TransferSpec, VoteMap};
    let id = |i: usize| c.contest.candidates[i].id.clone();
    let mut contest = c.contest.clone();
    let rounds = &c.count.rounds;
    contest.method = match c.count.system {
        VotingSystem::FirstPastThePost => Method::FirstPastThePost,
        VotingSystem::SupplementaryVote => Method::SupplementaryVote {
            second_round: rounds.get(1).map(|r2| {
                let finalists: Vec<usize> = r2.standings().into_iter().map(|(i, _)| i).collect();
                SecondRound {
                    transfers: Some(finalists.iter().map(|&f| (id(f), r2.received(f))).collect()),
                    matrix: None,
                    totals: Some(finalists.iter().map(|&f| (id(f), r2.votes[f])).collect()),
                    non_transferable: Some(r2.exhausted),
                }
            }),
        },
        VotingSystem::SingleTransferableVote => unreachable!("ballots are not counted by STV"),
        VotingSystem::InstantRunoff => Method::InstantRunoff {
            rounds: rounds
                .windows(2)
                .map(|w| RoundSpec {
                    eliminated: w[0].eliminated.iter().map(|&i| id(i)).collect(),
                    transfers: w[1]
                        .transfers
                        .iter()
                        .map(|t| TransferSpec {
                            from: Some(id(t.from[0])),
                            to: match t.to {
                                Destination::Candidate(i) => id(i),
                                Destination::Exhausted => "exhausted".into(),
                            },
                            votes: t.votes,
                        })
                        .collect(),
                    tally: Some(
                        w[1].standings()
                            .into_iter()
                            .map(|(i, v)| (id(i), v))
                            .collect::<VoteMap>(),
                    ),
                    exhausted: Some(w[1].exhausted),
                })
                .collect(),
        },
    };
    contest
}

/// What two counts of the same ballots must agree on, round by round.
fn summary(count: &tally::count::Count) -> Vec<String> {
    let mut out: Vec<String> = count
        .rounds
        .iter()
        .map(|r| {
            format!(
                "{:?} {:?} exhausted {} threshold {} elected {:?} eliminated {:?} ties {:?}",
                r.votes, r.states, r.exhausted, r.threshold, r.elected, r.eliminated, r.tie_breaks
            )
        })
        .collect();
    out.push(format!("{:?}", count.outcome));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Whatever the ballots, each system's count is a dataset the engine accepts, and
    /// votes are conserved in every round.
    #[test]
    fn any_ballots_count_cleanly_under_every_system(b in arbitrary_ballots()) {
        let about = About { title: "Generated".into(), source: "proptest".into(), date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() };
        let prepared = prepare(&b, &Rules::CLASS);
        for system in [VotingSystem::FirstPastThePost, VotingSystem::SupplementaryVote, VotingSystem::InstantRunoff] {
            let c = prepared.count(system, &about).map_err(TestCaseError::fail)?;
            // Written out and read back as a dataset file, so every check applies, and the
            // engine counting the published figures agrees with the count from ballots.
            let json = tally::import::dataset::to_json(&c.contest).unwrap();
            let loaded = tally::import::dataset::from_str(&json).map_err(|d| TestCaseError::fail(format!("{system:?}: {d:?}")))?;
            prop_assert_eq!(&loaded.count.rounds[0].votes, &c.count.rounds[0].votes);
            // And with the count's own rounds published in it, the engine re-checks every
            // transfer and reaches the same rounds and result.
            let json = tally::import::dataset::to_json(&published(&c)).unwrap();
            let rechecked = tally::import::dataset::from_str(&json).map_err(|d| TestCaseError::fail(format!("{system:?} published: {d:?}\n{json}")))?;
            prop_assert_eq!(summary(&rechecked.count), summary(&c.count));
            let loaded = c;
            let valid: u64 = b.rankings.iter().map(|x| x.weight.get()).sum();
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
    let b = tally::import::ballots_text::parse("candidates: Ann, Bob\nAnn, Ann\n").unwrap();
    let prepared = prepare(&b, &Rules::CLASS);
    assert_eq!(prepared.rejected.len(), 1);
    let about = About {
        title: "Empty".into(),
        source: "test".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    };
    for system in [
        VotingSystem::FirstPastThePost,
        VotingSystem::SupplementaryVote,
        VotingSystem::InstantRunoff,
    ] {
        let l = prepared.count(system, &about).unwrap();
        let mut app = App::new(vec![l], 0, Options::default());
        for k in ['1', '2', '3', '4', '?', 'P'] {
            update(&mut app, Msg::Key(Key::Char(k)));
            for _ in 0..20 {
                tally::headless::render_app(&mut app, 80, 24);
                tally::headless::render_app(&mut app, 200, 60);
                update(&mut app, Msg::Key(Key::Right));
            }
        }
    }
}

/// One class vote, as the class's own file and as the four other layouts schools collect it
/// in (`tests/data/forms/`).
const TRIP: [&str; 6] = [
    "tests/data/forms/trip-plain.csv",
    "tests/data/forms/trip-google-ranks.csv",
    "tests/data/forms/trip-google-options.csv",
    "tests/data/forms/trip-microsoft.csv",
    "tests/data/forms/trip-semicolons.csv",
    "tests/data/forms/trip-tabs.txt",
];

/// Each system's winner and final round, from `tally ballots FILE --compare --format json`.
fn results(file: &str) -> Vec<(String, String, serde_json::Value)> {
    let out = tally(&["ballots", file, "--compare", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "{file}: nothing rejected");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid_ballots"], 18, "{file}");
    v["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let last = s["rounds"].as_array().unwrap().last().unwrap();
            (
                s["system"].as_str().unwrap().to_string(),
                s["winner"].as_str().unwrap().to_string(),
                last["tally"].clone(),
            )
        })
        .collect()
}

#[test]
fn every_export_layout_of_one_class_vote_elects_what_the_plain_file_does() {
    let plain = results(TRIP[0]);
    let winners: Vec<&str> = plain.iter().map(|(_, w, _)| w.as_str()).collect();
    assert_eq!(
        winners,
        ["Museum", "Beach", "Zoo"],
        "three systems, three winners"
    );
    for file in &TRIP[1..] {
        assert_eq!(results(file), plain, "{file}");
    }
    // And one system at a time, as the viewer and the rounds report count them.
    for file in TRIP {
        let out = tally(&["ballots", file, "--system", "irv", "--format", "csv"]);
        assert_eq!(out.status.code(), Some(0), "{file}");
        let csv = text(&out.stdout);
        assert!(
            csv.lines()
                .any(|l| l.contains(",Zoo,") && l.split(',').nth(8) == Some("elected")),
            "{file}:\n{csv}"
        );
    }
}

#[test]
fn google_grids_whose_rank_rows_are_in_another_language_are_read_as_ranks() {
    // The same vote as `trip-google-ranks.csv`, exported in German (two ways, one with its
    // columns out of order), French, Spanish, Italian and Dutch.
    let plain = results(TRIP[0]);
    for lang in ["de", "de-platz", "fr", "es", "it", "nl"] {
        let file = format!("tests/data/forms/trip-google-ranks-{lang}.csv");
        assert_eq!(results(&file), plain, "{file}");
    }
}

#[test]
fn every_command_that_opens_a_contest_counts_every_layout() {
    // `import::open` is how the viewer, `rounds`, `narrate`, `render` and `present` open a
    // file: ballots are counted under the Supplementary Vote.
    for file in TRIP {
        let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
        let (contests, index) = tally::import::open(&path).unwrap();
        let l = &contests[index];
        assert_eq!(l.count.system, VotingSystem::SupplementaryVote, "{file}");
        let w = l.count.winner().unwrap();
        assert_eq!(l.contest.candidates[w].name, "Beach", "{file}");
        assert_eq!(l.count.valid, 18, "{file}");
    }
    let out = tally(&["rounds", TRIP[3], "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains(",Beach,"),
        "{}",
        text(&out.stdout)
    );
    let out = tally(&["render", TRIP[4], "--size", "80x24", "--format", "txt"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("✓ Beach"),
        "{}",
        text(&out.stdout)
    );
    let out = tally(&["narrate", TRIP[2]]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("Beach"));
}

#[test]
fn numbered_options_are_counted_as_options() {
    let out = tally(&[
        "ballots",
        "tests/data/ballots/numbered.csv",
        "--system",
        "fptp",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // `3, 1`, `3, 2` and `3` are three ballots for option 3 (not three for 1, three for 2
    // and three empty ones), and `2 × 2, 3` is two.
    assert_eq!(v["valid_first_preferences"], 7);
    let out = tally(&["ballots", "tests/data/ballots/numbered.csv", "--compare"]);
    let report = text(&out.stdout);
    assert!(
        report.contains("First past the post  Option 3 "),
        "option 3 has the most first choices:\n{report}"
    );
    // Said as options in sentences, while the ids keep the numbers the ballots use.
    let out = tally(&["narrate", "tests/data/ballots/numbered.csv"]);
    let told = text(&out.stdout);
    assert!(
        told.contains("Option 3\nleads with 3") || told.contains("Option 3 leads with 3"),
        "{told}"
    );
    let candidates = v["candidates"].as_array().unwrap();
    assert_eq!(candidates[0]["id"], "1");
    assert_eq!(candidates[0]["name"], "Option 1");
}

#[test]
fn compare_says_when_a_tie_decided_the_winner() {
    let out = tally(&["ballots", "tests/data/ballots/tie-sv.csv", "--compare"]);
    assert_eq!(out.status.code(), Some(0));
    let report = text(&out.stdout);
    assert!(
        report.contains("Supplementary Vote   Museum (by a tie)"),
        "{report}"
    );
    insta::assert_snapshot!("tie_sv_compare", report);
}

#[test]
fn a_tie_in_a_ballots_file_is_broken_by_the_order_of_the_file_not_a_dataset() {
    let out = tally(&["ballots", "tests/data/ballots/tie.csv", "--compare"]);
    assert_eq!(out.status.code(), Some(0));
    let report = text(&out.stdout).replace('\n', " ");
    assert!(!report.contains("dataset"), "{report}");
    assert!(report.contains("by the order the options are listed in the file"));
}

#[test]
fn compare_honours_format() {
    let out = tally(&[
        "ballots",
        "tests/data/ballots/mistakes.csv",
        "--compare",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reported = text(&out.stderr).lines().count();
    assert_eq!(reported, 6);
    assert_eq!(v["rejected_lines"].as_array().unwrap().len(), reported);
    assert_eq!(v["rejected_ballots"], 5);
    assert_eq!(v["systems"].as_array().unwrap().len(), 3);
    let out = tally(&[
        "ballots",
        "tests/data/ballots/mistakes.csv",
        "--compare",
        "--format",
        "text",
    ]);
    assert!(
        text(&out.stdout).starts_with("mistakes: 3 valid ballots, 5 rejected on 6 lines\n"),
        "the summary counts the lines reported:\n{}",
        text(&out.stdout)
    );
    let out = tally(&[
        "ballots",
        "tests/data/forms/trip-plain.csv",
        "--compare",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let csv = text(&out.stdout);
    let mut rows = csv.lines();
    assert_eq!(
        rows.next(),
        Some("system,winner,decided_by_tie,round,kind,name,votes,share,status")
    );
    assert!(
        csv.contains("instant-runoff,Zoo,false,3,candidate,Zoo,12,66.67,elected"),
        "two decimals, as in the rounds CSV:\n{csv}"
    );
}

#[test]
fn compare_json_escapes_names_as_json_and_csv_names_the_exhausted_pile() {
    let file = "tests/data/ballots/control-characters.csv";
    let out = tally(&["ballots", file, "--compare", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json = text(&out.stdout);
    assert!(json.contains(r#""name": "Be\u001b[31mach""#), "{json}");
    assert!(
        !json.contains("u{1b}"),
        "no Rust-style escape as text:\n{json}"
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["systems"][1]["winner"], "Be\u{1b}[31mach",
        "the raw name, escaped"
    );
    let out = tally(&["ballots", file, "--compare", "--format", "csv"]);
    let csv = text(&out.stdout);
    assert!(
        csv.contains(",2,exhausted,Non-transferable,3,,")
            && csv.contains(",2,exhausted,Exhausted,1,,"),
        "{csv}"
    );
}

#[test]
fn the_format_doc_examples_read_as_they_say() {
    let doc = include_str!("../docs/ballots.md");
    let blocks: Vec<&str> = doc
        .split("```text\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    // The class pet: four candidates, three distinct ballots, the last three times.
    let b = tally::import::ballots_text::parse(blocks[0]).unwrap();
    assert_eq!(b.candidates.len(), 4);
    let weights: Vec<u64> = b.rankings.iter().map(|r| r.weight.get()).collect();
    assert_eq!(weights, [1, 1, 3]);
    // Numbered options: `3, 1` ranks 3 then 1, and `2 × 2, 3` is two ballots.
    let b = tally::import::ballots_text::parse(blocks[1]).unwrap();
    assert_eq!(b.candidates, ["1", "2", "3"]);
    assert_eq!(
        b.rankings[0].marks,
        [Mark::Candidate(2), Mark::Candidate(0)]
    );
    assert_eq!(b.rankings[1].weight, 2);
}

#[test]
fn a_ballots_file_opens_under_the_system_asked_for() {
    let path = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), TRIP[1]);
    for (system, winner) in [
        (VotingSystem::FirstPastThePost, "Museum"),
        (VotingSystem::SupplementaryVote, "Beach"),
        (VotingSystem::InstantRunoff, "Zoo"),
    ] {
        let l = tally::import::resolve_as(&path, system).unwrap();
        assert_eq!(l.count.system, system);
        assert_eq!(l.contest.candidates[l.count.winner().unwrap()].name, winner);
    }
    // An embedded contest opens as it is, whatever system is asked for ballots.
    let l = tally::import::resolve_as("london-2024", VotingSystem::InstantRunoff).unwrap();
    assert_eq!(l.count.system, VotingSystem::FirstPastThePost);
}

/// Where `text` says "1 votes", "1 ballots", "1 are", "1 were" or "1 candidates": a count of
/// one with a plural (not "11 votes" or "2,001 votes").
fn one_with_a_plural(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for bad in ["1 votes", "1 ballots", "1 are", "1 were", "1 candidates"] {
        for (at, _) in text.match_indices(bad) {
            let before = text[..at].chars().next_back();
            if !before.is_some_and(|c| c.is_ascii_digit() || c == ',') {
                let line = text[..at].rsplit('\n').next().unwrap_or_default();
                found.push(format!("{bad:?} in: {line}{bad}…"));
            }
        }
    }
    found
}

#[test]
fn a_count_of_one_is_said_in_the_singular() {
    let mut said = String::new();
    for file in [
        "tests/data/ballots/ones.csv",
        "tests/data/ballots/ones-tie.csv",
        "tests/data/ballots/one-ballot.csv",
    ] {
        let out = tally(&["narrate", file]);
        assert_eq!(out.status.code(), Some(0));
        said.push_str(&text(&out.stdout));
        for system in ["sv", "irv", "fptp"] {
            let out = tally(&["ballots", file, "--system", system]);
            assert_eq!(out.status.code(), Some(0));
            said.push_str(&text(&out.stdout));
        }
        // The Count view's sentences at every step, and mid-transfer ("… being looked at").
        // One ballot is counted in one round: there is no step 1.5 or 2.
        let steps: &[&str] = if file.ends_with("one-ballot.csv") {
            &["1", "last"]
        } else {
            &["1", "1.5", "2", "last"]
        };
        for &step in steps {
            let out = tally(&[
                "render", file, "--view", "count", "--step", step, "--size", "100x30",
            ]);
            assert_eq!(out.status.code(), Some(0), "{file} {step}");
            said.push_str(&text(&out.stdout));
        }
        let out = tally(&["ballots", file, "--compare"]);
        said.push_str(&text(&out.stdout));
    }
    // The cases are there to be said.
    for expected in [
        "Castle: 1 vote, 16.7%.",
        "The other 1 is eliminated",
        "Castle's 1 ballot was looked at",
        "Castle's 1 ballot is being looked at",
        "tied for last place on 1 vote;",
        "From Castle (1 ballot)",
        "1 valid first preference counted",
        "more than half of the 1 valid vote:",
    ] {
        assert!(said.contains(expected), "{expected:?} in:\n{said}");
    }
    let found = one_with_a_plural(&said);
    assert!(found.is_empty(), "{}", found.join("\n"));
}
