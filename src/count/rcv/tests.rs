//! The engine's tests: each rule of RCTab's on a small hand-made count, the whole count
//! through `count::published`, property tests (votes conserved, grouping and order do not
//! matter), and an opt-in comparison with RCTab's own reports.

use proptest::prelude::*;

use super::*;
use crate::count::Counted;
use crate::model::ballots::Builder;
use crate::model::cvr::FileRead;
use crate::model::published::testing::contest;
use crate::model::rules::TieBrokenBy;
use crate::model::{Method, Published};

/// A mark in the tests' shorthand: a candidate letter, `-` skipped, `=` the overvote label,
/// `AB` (two letters) an overvote.
fn mark(s: &str) -> Mark {
    match s {
        "-" => Mark::Skipped,
        "=" => Mark::Overvote(Box::new([])),
        one if one.len() == 1 => Mark::Candidate(idx(one)),
        many => Mark::Overvote(many.chars().map(|c| idx(&c.to_string())).collect()),
    }
}

fn idx(letter: &str) -> CandidateIdx {
    (letter.as_bytes()[0] - b'A') as usize
}

/// Cast vote records of `n` candidates "A", "B", … from lines like `"3: A B - C"`.
fn records(n: usize, lines: &[&str]) -> CastVoteRecords {
    let mut b = Builder::grouping();
    b.candidates_mut()
        .extend((0..n).map(|i| ((b'A' + i as u8) as char).to_string()));
    let mut total = Votes::ZERO;
    for line in lines {
        let (w, marks) = line.split_once(':').expect("weight: marks");
        let w = Votes::new(w.trim().parse().expect("a weight"));
        let marks: Vec<Mark> = marks.split_whitespace().map(mark).collect();
        b.add_marks(&marks, w);
        total += w;
    }
    CastVoteRecords {
        ballots: b.finish(),
        write_in: None,
        excluded: Vec::new(),
        files: vec![FileRead {
            file: "test.csv".into(),
            ballots: total,
        }],
    }
}

fn rules() -> RcvRules {
    RcvRules {
        max_skipped: None,
        ..RcvRules::default()
    }
}

/// A round's tally as whole votes, `None` out of the count.
fn tally(p: &Published, round: usize) -> Vec<Option<u64>> {
    p.rounds[round]
        .tally
        .iter()
        .map(|t| t.map(Votes::get))
        .collect()
}

fn kinds(p: &Published, round: usize) -> [u64; 4] {
    let k = p.rounds[round].inactive_kinds.expect("kinds");
    [
        k.exhausted_choices.get(),
        k.overvotes.get(),
        k.skipped_rankings.get(),
        k.repeated_rankings.get(),
    ]
}

/// The count goes through `count::published` with votes conserved in every round.
fn check(p: &Published, n: usize) {
    let names: Vec<String> = (0..n)
        .map(|i| ((b'A' + i as u8) as char).to_string())
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let c = contest(&names, 1, p.clone());
    let counted = Counted::new(c, Vec::new()).expect("counts");
    for r in &counted.count.rounds {
        assert_eq!(r.continuing + r.exhausted + r.residual, counted.count.valid);
        assert_eq!(r.residual, Votes::ZERO);
    }
    let total = p.total_ballots.expect("total");
    for r in &p.rounds {
        let counted: Votes = r.tally.iter().flatten().copied().sum();
        assert_eq!(
            counted + r.inactive.expect("inactive") + p.undervotes.expect("undervotes"),
            total
        );
    }
}

#[test]
fn a_majority_in_round_one_ends_the_count() {
    let r = records(3, &["6: A B", "3: B", "2: C A"]);
    let p = tabulate(&r, &rules()).unwrap();
    assert_eq!(p.rounds.len(), 1);
    assert_eq!(p.rounds[0].elected, vec![0]);
    assert_eq!(p.rounds[0].threshold, Some(Votes::new(6)));
    assert_eq!(p.format, FORMAT);
    assert_eq!(p.system, VotingSystem::InstantRunoff);
    let t = p.tabulation.as_ref().unwrap();
    assert_eq!((t.rules.clone(), t.files.len()), (rules(), 1));
    check(&p, 3);
}

#[test]
fn the_last_goes_and_its_ballots_move_in_the_next_round() {
    let r = records(3, &["4: A", "3: B", "2: C B", "1: C"]);
    let p = tabulate(&r, &rules()).unwrap();
    assert_eq!(tally(&p, 0), vec![Some(4), Some(3), Some(3)]);
    // B and C tie at 3: the later in the candidate order (C) goes.
    assert_eq!(p.rounds[0].eliminated, vec![2]);
    let tie = &p.rounds[0].ties[0];
    assert_eq!(
        (tie.tied.clone(), tie.chosen.clone()),
        (vec![1, 2], vec![2])
    );
    assert_eq!(tie.broken_by, Some(TieBrokenBy::CandidateOrder));
    assert_eq!(tally(&p, 1), vec![Some(4), Some(5), None]);
    assert_eq!(p.rounds[1].elected, vec![1]);
    let transfers = p.rounds[0].transfers.as_ref().unwrap();
    assert_eq!(
        transfers,
        &vec![
            PublishedTransfer {
                from: 2,
                to: Some(1),
                votes: Votes::new(2)
            },
            PublishedTransfer {
                from: 2,
                to: None,
                votes: Votes::new(1)
            },
        ]
    );
    assert_eq!(kinds(&p, 1), [1, 0, 0, 0]);
    check(&p, 3);
}

#[test]
fn skipped_ranks_count_the_gap_before_the_first_mark() {
    let lines = ["1: - A", "1: B - - A", "2: B", "2: A"];
    let mut rules0 = rules();
    rules0.max_skipped = Some(0);
    let p = tabulate(&records(2, &lines), &rules0).unwrap();
    // "- A" skips one rank before its first mark: too many for 0.
    assert_eq!(tally(&p, 0), vec![Some(2), Some(3)]);
    assert_eq!(kinds(&p, 0), [0, 0, 1, 0]);
    let mut rules1 = rules();
    rules1.max_skipped = Some(1);
    let p = tabulate(&records(2, &lines), &rules1).unwrap();
    assert_eq!(tally(&p, 0), vec![Some(3), Some(3)]);
    // Unlimited: all count; the tie goes to the candidate order.
    let p = tabulate(&records(2, &lines), &rules()).unwrap();
    assert_eq!(tally(&p, 0), vec![Some(3), Some(3)]);
    // With a limit of 1, "B - - A" exhausts by skipped rankings when B goes.
    let lines = ["1: B - - A", "4: A", "2: B", "2: C", "2: C B"];
    let p = tabulate(&records(3, &lines), &rules1).unwrap();
    assert_eq!(p.rounds[0].eliminated, vec![1]);
    assert_eq!(kinds(&p, 1), [2, 0, 1, 0]);
    check(&p, 3);
    // Unlimited: it goes on to A, who then has a majority.
    let p = tabulate(&records(3, &lines), &rules()).unwrap();
    assert_eq!(tally(&p, 1), vec![Some(5), None, Some(4)]);
    assert_eq!(p.rounds[1].elected, vec![0]);
}

#[test]
fn ranks_after_the_maximum_are_not_read() {
    let mut r2 = rules();
    r2.max_rankings = Some(2);
    let lines = ["1: - - A", "4: D", "3: C", "2: A B C", "1: B"];
    let p = tabulate(&records(4, &lines), &r2).unwrap();
    // "- - A" has no mark within two ranks: a blank ballot (an undervote).
    assert_eq!(p.undervotes, Some(Votes::new(1)));
    assert_eq!(tally(&p, 0), vec![Some(2), Some(1), Some(3), Some(4)]);
    // B goes, then A: "A B C" never reaches C, at rank 3, and D wins.
    assert_eq!(p.rounds[1].eliminated, vec![0]);
    assert_eq!(kinds(&p, 2), [3, 0, 0, 0]);
    assert_eq!(p.rounds[2].elected, vec![3]);
    check(&p, 4);
}

#[test]
fn the_overvote_rules() {
    let lines = ["2: AB C", "3: A", "3: B", "1: C", "1: = C"];
    let ei = RcvRules {
        overvote: OvervoteRule::ExhaustImmediately,
        ..rules()
    };
    let p = tabulate(&records(3, &lines), &ei).unwrap();
    assert_eq!(tally(&p, 0), vec![Some(3), Some(3), Some(1)]);
    assert_eq!(kinds(&p, 0), [0, 3, 0, 0]);
    let skip = RcvRules {
        overvote: OvervoteRule::AlwaysSkipToNextRank,
        ..rules()
    };
    let p = tabulate(&records(3, &lines), &skip).unwrap();
    assert_eq!(tally(&p, 0), vec![Some(3), Some(3), Some(4)]);
    // An overvote at the last rank under skip: exhausted choices, not an overvote.
    let p = tabulate(&records(2, &["1: A AB", "2: B", "2: A"]), &skip).unwrap();
    assert_eq!(kinds(&p, 0), [0, 0, 0, 0]);
    let multi = RcvRules {
        overvote: OvervoteRule::ExhaustIfMultipleContinuing,
        ..rules()
    };
    let lines = ["2: AB C", "3: A", "4: B", "1: C B"];
    let p = tabulate(&records(3, &lines), &multi).unwrap();
    // A and B both continue: the overvote exhausts.
    assert_eq!(kinds(&p, 0), [0, 2, 0, 0]);
    // With C out first and then... A's overvote ballot: with one of them gone it counts.
    let lines = ["2: CB A", "3: A", "4: B", "1: C"];
    let p = tabulate(&records(3, &lines), &multi).unwrap();
    assert_eq!(tally(&p, 0), vec![Some(3), Some(4), Some(1)]);
    assert_eq!(kinds(&p, 0), [0, 2, 0, 0]);
    let lines = ["2: AC B", "3: A", "4: B", "1: A"];
    let mut r = records(3, &lines);
    r.excluded = vec![2];
    let p = tabulate(&r, &multi).unwrap();
    // C is excluded, so only A of "AC" continues: the ballot counts for A.
    assert_eq!(tally(&p, 0), vec![Some(6), Some(4), None]);
    let err = tabulate(&records(2, &["1: = A"]), &multi).unwrap_err();
    assert!(err.contains("overvote label"), "{err}");
}

#[test]
fn a_repeated_candidate_exhausts_only_under_the_rule() {
    let lines = ["2: C C A", "3: A", "4: B", "1: C"];
    let dup = RcvRules {
        exhaust_on_duplicate: true,
        ..rules()
    };
    let p = tabulate(&records(3, &lines), &dup).unwrap();
    // C's ballots are read again when C goes; the repeat stops them there.
    assert_eq!(p.rounds[0].eliminated, vec![2]);
    assert_eq!(kinds(&p, 1), [1, 0, 0, 2]);
    let p = tabulate(&records(3, &lines), &rules()).unwrap();
    assert_eq!(tally(&p, 1), vec![Some(5), Some(4), None]);
    check(&p, 3);
}

#[test]
fn blank_ballots_are_undervotes_never_inactive() {
    let p = tabulate(&records(2, &["5: - -", "2: ", "3: A", "1: B"]), &rules()).unwrap();
    assert_eq!(p.undervotes, Some(Votes::new(7)));
    assert_eq!(p.total_ballots, Some(Votes::new(11)));
    assert_eq!(p.rounds[0].inactive, Some(Votes::ZERO));
    check(&p, 2);
}

#[test]
fn the_write_in_goes_first_and_cannot_win_while_it_has_votes() {
    let mut r = records(3, &["6: A", "3: B", "1: C A"]);
    r.write_in = Some(2);
    let p = tabulate(&r, &rules()).unwrap();
    // A has a majority in round 1, but the write-in has votes: it goes first.
    assert!(p.rounds[0].elected.is_empty());
    assert_eq!(p.rounds[0].eliminated, vec![2]);
    assert_eq!(tally(&p, 1), vec![Some(7), Some(3), None]);
    assert_eq!(p.rounds[1].elected, vec![0]);
    // With no votes it is an ordinary candidate in the count, outside the candidate order.
    let mut r = records(3, &["6: A", "6: B"]);
    r.write_in = Some(2);
    let p = tabulate(&r, &rules()).unwrap();
    assert_eq!(p.rounds[0].eliminated, vec![2]);
    check(&p, 3);
}

#[test]
fn an_excluded_candidate_is_never_in_the_count() {
    let mut r = records(3, &["4: A", "3: C B", "2: B"]);
    r.excluded = vec![2];
    let p = tabulate(&r, &rules()).unwrap();
    assert_eq!(tally(&p, 0), vec![Some(4), Some(5), None]);
    assert_eq!(p.rounds[0].elected, vec![1]);
    check(&p, 3);
}

#[test]
fn a_batch_goes_together_when_all_of_it_cannot_pass_the_next() {
    let lines = ["8: A", "5: B", "2: C B", "1: D"];
    let batch = RcvRules {
        batch_elimination: true,
        ..rules()
    };
    let p = tabulate(&records(4, &lines), &batch).unwrap();
    // 1 < 2 and 1 + 2 < 5: D and C; 8 is not below 8, so B stays.
    assert_eq!(p.rounds[0].eliminated, vec![3, 2]);
    assert_eq!(tally(&p, 1), vec![Some(8), Some(7), None, None]);
    let p = tabulate(&records(4, &["10: A", "5: B", "3: C B", "2: D"]), &batch).unwrap();
    // 2 < 3, but 2 + 3 = 5 is not below 5: only D, which is no batch: the last goes alone.
    assert_eq!(p.rounds[0].eliminated, vec![3]);
    check(&p, 4);
}

#[test]
fn continuing_until_two_keeps_counting_after_the_winner() {
    let lines = ["7: A", "2: B", "1: C", "1: D C"];
    let two = RcvRules {
        continue_until_two: true,
        ..rules()
    };
    let p = tabulate(&records(4, &lines), &two).unwrap();
    assert_eq!(p.rounds[0].elected, vec![0]);
    // D and C (tied at 1, then C and B at 2: the later goes), then a last round of two.
    assert_eq!(p.rounds.len(), 4);
    assert_eq!(p.rounds[1].eliminated, vec![3]);
    assert_eq!(p.rounds[2].eliminated, vec![2]);
    // The winner stays in the tally; the last round has two candidates.
    assert_eq!(tally(&p, 3), vec![Some(7), Some(2), None, None]);
    assert!(p.rounds[3].eliminated.is_empty() && p.rounds[3].elected.is_empty());
    let p2 = tabulate(&records(4, &lines), &two).unwrap();
    assert_eq!(p, p2);
    check(&p, 4);
}

#[test]
fn the_count_stops_after_the_round_asked_for() {
    let lines = ["4: A", "3: B", "2: C", "1: D"];
    let stop = RcvRules {
        stop_after_round: Some(2),
        ..rules()
    };
    let p = tabulate(&records(4, &lines), &stop).unwrap();
    assert_eq!(p.rounds.len(), 2);
    assert_eq!(p.rounds[1].eliminated, vec![2]);
    assert!(p.rounds[1].transfers.is_none());
    // Said from the rules, not as a repair of the file.
    assert!(p.warnings.is_empty());
    check(&p, 4);
}

#[test]
fn below_the_minimum_vote_threshold_all_go_at_once() {
    let lines = ["10: A", "8: B", "2: C B", "1: D"];
    let min = RcvRules {
        minimum_vote_threshold: Votes::new(3),
        ..rules()
    };
    let p = tabulate(&records(4, &lines), &min).unwrap();
    assert_eq!(p.rounds[0].eliminated, vec![3, 2]);
    let high = RcvRules {
        minimum_vote_threshold: Votes::new(50),
        ..rules()
    };
    let err = tabulate(&records(4, &lines), &high).unwrap_err();
    assert!(err.contains("minimum vote threshold"), "{err}");
    // The threshold is never below the minimum.
    let p = tabulate(
        &records(2, &["3: A", "1: B"]),
        &RcvRules {
            minimum_vote_threshold: Votes::new(1),
            ..rules()
        },
    )
    .unwrap();
    assert_eq!(p.rounds[0].threshold, Some(Votes::new(3)));
}

#[test]
fn a_tied_final_round_is_won_by_the_tie_break() {
    // RCTab's tiebreak_previous_round_counts_then_random test, rebuilt from its published
    // rounds: 9 ballots, seed 12345; Happy goes, then a three-way tie that round 1
    // settles (Grumpy had fewest), then Dopey and Sneezy 3-3, tied in every round: a draw,
    // which RCTab's report gives to Sneezy.
    let mut r = records(4, &["3: A", "2: B", "1: C B", "3: D"]);
    r.ballots.candidates = ["Dopey", "Grumpy", "Happy", "Sneezy"]
        .map(String::from)
        .to_vec();
    let rules = RcvRules {
        tiebreak: TiebreakMode::PreviousRoundCountsThenRandom,
        random_seed: Some(12345),
        ..rules()
    };
    let p = tabulate(&r, &rules).unwrap();
    assert_eq!(p.rounds[0].eliminated, vec![2]);
    assert_eq!(p.rounds[1].eliminated, vec![1]);
    assert_eq!(
        p.rounds[1].ties[0].broken_by,
        Some(TieBrokenBy::PreviousRound(1))
    );
    assert_eq!(p.rounds[2].elected, vec![3]);
    assert_eq!(p.rounds[2].threshold, Some(Votes::new(4)));
    assert_eq!(p.rounds[2].ties[0].broken_by, Some(TieBrokenBy::Random));
    assert_eq!(kinds(&p, 2), [3, 0, 0, 0]);
}

#[test]
fn random_and_permutation_tie_breaks_follow_the_seed() {
    let lines = ["1: A", "1: B", "1: C", "1: D", "4: E"];
    let by = |mode, seed| {
        let rules = RcvRules {
            tiebreak: mode,
            random_seed: seed,
            ..rules()
        };
        tabulate(&records(5, &lines), &rules).map(|p| p.rounds[0].eliminated.clone())
    };
    // The same seed, the same draw; a draw needs a seed.
    assert_eq!(
        by(TiebreakMode::Random, Some(7)),
        by(TiebreakMode::Random, Some(7))
    );
    assert!(by(TiebreakMode::Random, None).is_err());
    // Drawn by hand from Java's generator: new Random(0).nextDouble() = 0.7309…, so of the
    // four tied (A, B, C, D by name) floor(0.7309 × 4) = 2: the third, C, goes.
    assert_eq!(by(TiebreakMode::Random, Some(0)), Ok(vec![2]));
    // Candidate order: the last of the tied.
    assert_eq!(by(TiebreakMode::UseCandidateOrder, None), Ok(vec![3]));
    // A generated permutation: sorted names shuffled by Collections.shuffle(Random(0)).
    let mut perm: Vec<usize> = (0..5).collect();
    java::shuffle(&mut perm, &mut java::JavaRandom::new(0));
    let last_tied = *perm.iter().rev().find(|&&c| c < 4).unwrap();
    assert_eq!(
        by(TiebreakMode::GeneratePermutation, Some(0)),
        Ok(vec![last_tied])
    );
}

#[test]
fn bad_records_are_refused_with_a_sentence() {
    let mut r = records(2, &["1: A"]);
    r.ballots.rankings[0].marks = vec![Mark::Candidate(5)];
    assert!(
        tabulate(&r, &rules())
            .unwrap_err()
            .contains("candidate number 6")
    );
    let mut r = records(2, &["1: A"]);
    r.files[0].ballots = Votes::new(2);
    assert!(
        tabulate(&r, &rules())
            .unwrap_err()
            .contains("the files hold 2 ballots")
    );
    let mut r = records(2, &["1: A"]);
    r.excluded = vec![0, 1];
    assert!(tabulate(&r, &rules()).is_err());
    assert!(tabulate(&records(0, &[]), &rules()).is_err());
}

#[test]
fn a_million_ballots_are_counted_by_their_few_rankings() {
    let mut b = Builder::grouping();
    b.candidates_mut().extend((0..12).map(|i| format!("C{i}")));
    let mut total = Votes::ZERO;
    let mut k = 0u64;
    for a in 0..12usize {
        for c in 0..12usize {
            for d in 0..12usize {
                k += 1;
                let w = Votes::new(1_000_000 / 1728 + k % 7);
                b.add_marks(
                    &[Mark::Candidate(a), Mark::Candidate(c), Mark::Candidate(d)],
                    w,
                );
                total += w;
            }
        }
    }
    let r = CastVoteRecords {
        ballots: b.finish(),
        write_in: None,
        excluded: Vec::new(),
        files: vec![FileRead {
            file: "big".into(),
            ballots: total,
        }],
    };
    // How fast is the `count` benchmark's (`benches/ballots.rs`); here, that it adds up.
    let p = tabulate(&r, &RcvRules::default()).unwrap();
    assert!(total.get() > 1_000_000);
    assert!(p.rounds.len() > 2);
    check(&p, 12);
}

// Property tests.

fn arb_marks(n: usize) -> impl Strategy<Value = Vec<Mark>> {
    let one = prop_oneof![
        6 => (0..n).prop_map(Mark::Candidate),
        2 => Just(Mark::Skipped),
        1 => proptest::collection::vec(0..n, 0..3).prop_map(|v| Mark::Overvote(v.into())),
    ];
    proptest::collection::vec(one, 0..6)
}

fn arb_rules() -> impl Strategy<Value = RcvRules> {
    (
        0..3usize,
        proptest::option::of(0..3u32),
        proptest::option::of(1..6u32),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0..4usize,
        0..3u64,
    )
        .prop_map(|(ov, skip, max, dup, batch, two, tie, min)| RcvRules {
            overvote: [
                OvervoteRule::ExhaustImmediately,
                OvervoteRule::AlwaysSkipToNextRank,
                OvervoteRule::ExhaustIfMultipleContinuing,
            ][ov],
            max_skipped: skip,
            max_rankings: max,
            exhaust_on_duplicate: dup,
            batch_elimination: batch,
            continue_until_two: two,
            tiebreak: [
                TiebreakMode::UseCandidateOrder,
                TiebreakMode::Random,
                TiebreakMode::PreviousRoundCountsThenRandom,
                TiebreakMode::GeneratePermutation,
            ][tie],
            random_seed: Some(42),
            minimum_vote_threshold: Votes::new(min),
            stop_after_round: None,
        })
}

fn build(n: usize, ballots: &[(Vec<Mark>, u64)], grouped: bool) -> CastVoteRecords {
    let mut b = if grouped {
        Builder::grouping()
    } else {
        Builder::new()
    };
    b.candidates_mut()
        .extend((0..n).map(|i| ((b'A' + i as u8) as char).to_string()));
    let mut total = Votes::ZERO;
    for (marks, w) in ballots {
        if grouped {
            b.add_marks(marks, Votes::new(*w));
        } else {
            for line in 0..*w {
                b.add(marks.clone(), Votes::new(1), line as usize);
            }
        }
        total += Votes::new(*w);
    }
    CastVoteRecords {
        ballots: b.finish(),
        write_in: Some(n - 1),
        excluded: Vec::new(),
        files: vec![FileRead {
            file: "p".into(),
            ballots: total,
        }],
    }
}

proptest! {
    #[test]
    fn votes_are_conserved_and_grouping_and_order_do_not_matter(
        n in 2..6usize,
        raw in proptest::collection::vec((0..6usize, 1..4u64), 0..30),
        marks in proptest::collection::vec(arb_marks(6), 30),
        rules in arb_rules(),
        seed in any::<u64>(),
    ) {
        // Candidates beyond `n` folded in.
        let ballots: Vec<(Vec<Mark>, u64)> = raw
            .iter()
            .enumerate()
            .map(|(i, &(_, w))| {
                let m = marks[i % marks.len()]
                    .iter()
                    .map(|m| match m {
                        Mark::Candidate(c) => Mark::Candidate(c % n),
                        Mark::Overvote(l) => Mark::Overvote(l.iter().map(|c| c % n).collect()),
                        Mark::Skipped => Mark::Skipped,
                    })
                    .collect();
                (m, w)
            })
            .collect();
        let grouped = tabulate(&build(n, &ballots, true), &rules);
        let single = tabulate(&build(n, &ballots, false), &rules);
        let mut shuffled = ballots.clone();
        let mut r = java::JavaRandom::new(seed as i64);
        java::shuffle(&mut shuffled, &mut r);
        let reordered = tabulate(&build(n, &shuffled, true), &rules);
        // Reading a ballot again from where it last counted is reading it from the start.
        let from_start = tabulate_with(&build(n, &ballots, true), &rules, false);
        prop_assert_eq!(&grouped, &from_start);
        match (&grouped, &single, &reordered) {
            (Ok(g), Ok(s), Ok(o)) => {
                let strip = |p: &Published| {
                    let mut p = p.clone();
                    for r in &mut p.rounds {
                        if let Some(t) = r.transfers.as_mut() {
                            t.sort_by_key(|t| (t.from, t.to.is_none(), t.to));
                        }
                    }
                    p
                };
                prop_assert_eq!(strip(g), strip(s));
                prop_assert_eq!(strip(g), strip(o));
                let total = g.total_ballots.unwrap();
                for r in &g.rounds {
                    let counted: Votes = r.tally.iter().flatten().copied().sum();
                    prop_assert_eq!(counted + r.inactive.unwrap() + g.undervotes.unwrap(), total);
                    prop_assert_eq!(r.inactive, r.inactive_kinds.unwrap().total());
                }
                let names: Vec<String> = (0..n).map(|i| ((b'A' + i as u8) as char).to_string()).collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let c = contest(&names, 1, g.clone());
                let counted = Counted::new(c, Vec::new());
                prop_assert!(counted.is_ok());
                if let Ok(counted) = counted {
                    for r in &counted.count.rounds {
                        prop_assert_eq!(r.continuing + r.exhausted + r.residual, counted.count.valid);
                    }
                }
            }
            (Err(a), Err(b), Err(c)) => {
                prop_assert_eq!(a, b);
                prop_assert_eq!(a, c);
            }
            _ => prop_assert!(false, "{:?} / {:?} / {:?}", grouped, single, reordered),
        }
    }
}

/// RCTab's own reports, counted again: set `TALLY_RCTAB_CASE` to a JSON file made from a
/// case in `../shared/interop` (candidates, write-in, excluded, the configuration's rules,
/// the rankings with weights, and RCTab's rounds) and run
/// `cargo test rcv::tests::matches_an_rctab_report -- --ignored`. Every round's tally,
/// inactive ballots by kind, threshold, eliminated and elected must match.
#[test]
#[ignore]
fn matches_an_rctab_report() {
    use serde_json::Value;
    let Ok(path) = std::env::var("TALLY_RCTAB_CASE") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("the case file");
    let case: Value = serde_json::from_str(&text).expect("JSON");
    let names: Vec<String> = case["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let mut b = Builder::grouping();
    b.candidates_mut().extend(names.iter().cloned());
    let mut total = Votes::ZERO;
    for r in case["rankings"].as_array().unwrap() {
        let w = Votes::new(r[0].as_u64().unwrap());
        let marks: Vec<Mark> = r[1]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| match m {
                Value::Null => Mark::Skipped,
                Value::Number(c) => Mark::Candidate(c.as_u64().unwrap() as usize),
                Value::Array(l) => {
                    Mark::Overvote(l.iter().map(|c| c.as_u64().unwrap() as usize).collect())
                }
                _ => panic!("a mark"),
            })
            .collect();
        b.add_marks(&marks, w);
        total += w;
    }
    let records = CastVoteRecords {
        ballots: b.finish(),
        write_in: case["write_in"].as_u64().map(|w| w as usize),
        excluded: case["excluded"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_u64().unwrap() as usize)
            .collect(),
        files: vec![FileRead {
            file: path.clone(),
            ballots: total,
        }],
    };
    let rule = |k: &str| case["rules"][k].as_str().map(str::to_string);
    let rules = RcvRules {
        overvote: OvervoteRule::from_rctab(&rule("overvoteRule").unwrap()).unwrap(),
        max_skipped: rule("maxSkippedRanksAllowed").and_then(|s| s.parse().ok()),
        max_rankings: rule("maxRankingsAllowed").and_then(|s| s.parse().ok()),
        exhaust_on_duplicate: case["rules"]["exhaustOnDuplicateCandidate"]
            .as_bool()
            .unwrap_or(false),
        batch_elimination: case["rules"]["batchElimination"].as_bool().unwrap_or(false),
        continue_until_two: case["rules"]["continueUntilTwoCandidatesRemain"]
            .as_bool()
            .unwrap_or(false),
        tiebreak: TiebreakMode::from_rctab(&rule("tiebreakMode").unwrap()).unwrap(),
        random_seed: rule("randomSeed").and_then(|s| s.parse().ok()),
        minimum_vote_threshold: rule("minimumVoteThreshold")
            .and_then(|s| Votes::parse_decimal(&s).ok())
            .unwrap_or(Votes::ZERO),
        stop_after_round: rule("stopTabulationEarlyAfterRound").and_then(|s| s.parse().ok()),
    };
    let started = std::time::Instant::now();
    let p = tabulate(&records, &rules).expect("counts");
    eprintln!(
        "counted {} ballots in {:?}",
        thousands(total),
        started.elapsed()
    );
    let expected = &case["expected"];
    if let Some(undervotes) = expected["undervotes"].as_u64() {
        assert_eq!(p.undervotes.unwrap().get(), undervotes);
    }
    let want = expected["rounds"].as_array().unwrap();
    assert_eq!(p.rounds.len(), want.len(), "rounds");
    let named = |list: &[CandidateIdx]| {
        let mut v: Vec<String> = list.iter().map(|&c| names[c].clone()).collect();
        v.sort();
        v
    };
    for (k, (got, want)) in p.rounds.iter().zip(want).enumerate() {
        let mut tally: Vec<(String, u64)> = got
            .tally
            .iter()
            .enumerate()
            .filter_map(|(c, t)| t.map(|t| (names[c].clone(), t.get())))
            .collect();
        tally.sort();
        let mut expected_tally: Vec<(String, u64)> = want["tally"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
            .collect();
        expected_tally.sort();
        assert_eq!(tally, expected_tally, "round {} tally", k + 1);
        // An RCTab 1 summary has no inactive ballots or thresholds: checked when given.
        let w = &want["inactive"];
        if !w.is_null() {
            let kinds = got.inactive_kinds.unwrap();
            assert_eq!(
                [
                    kinds.exhausted_choices.get(),
                    kinds.overvotes.get(),
                    kinds.skipped_rankings.get(),
                    kinds.repeated_rankings.get()
                ],
                [
                    w["exhaustedChoices"].as_u64().unwrap(),
                    w["overvotes"].as_u64().unwrap(),
                    w["skippedRankings"].as_u64().unwrap(),
                    w["repeatedRankings"].as_u64().unwrap()
                ],
                "round {} inactive",
                k + 1
            );
        }
        if let Some(threshold) = want["threshold"].as_u64() {
            assert_eq!(
                got.threshold.unwrap().get(),
                threshold,
                "round {} threshold",
                k + 1
            );
        }
        let list = |key: &str| {
            let mut v: Vec<String> = want[key]
                .as_array()
                .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
                .unwrap_or_default();
            v.sort();
            v
        };
        assert_eq!(
            named(&got.eliminated),
            list("eliminated"),
            "round {} eliminated",
            k + 1
        );
        assert_eq!(
            named(&got.elected),
            list("elected"),
            "round {} elected",
            k + 1
        );
        if let (Some(transfers), Some(want)) = (&got.transfers, want["transfers"].as_object()) {
            for (from, to) in want {
                let from = names.iter().position(|n| n == from).unwrap();
                for (to, votes) in to.as_object().unwrap() {
                    let to = names.iter().position(|n| n == to);
                    let got: Votes = transfers
                        .iter()
                        .filter(|t| t.from == from && t.to == to)
                        .map(|t| t.votes)
                        .sum();
                    assert_eq!(
                        got.get(),
                        votes.as_u64().unwrap(),
                        "round {} transfers",
                        k + 1
                    );
                }
            }
        }
    }
    let contest_names: Vec<&str> = names.iter().map(String::as_str).collect();
    let c = contest(&contest_names, 1, p);
    assert!(matches!(c.method, Method::Published(_)));
    let counted = Counted::new(c, Vec::new()).expect("counts");
    for r in &counted.count.rounds {
        assert_eq!(r.continuing + r.exhausted + r.residual, counted.count.valid);
    }
}

/// Candidates named as in RCTab's tie-break tests, in its configuration's order, each with
/// `votes` one-choice ballots.
fn named(names: &[&str], votes: u64) -> CastVoteRecords {
    let lines: Vec<String> = (0..names.len())
        .map(|i| format!("{votes}: {}", (b'A' + i as u8) as char))
        .collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let mut r = records(names.len(), &lines);
    r.ballots.candidates = names.iter().map(|s| s.to_string()).collect();
    r
}

#[test]
fn rctabs_random_tie_break_test_draws_the_same() {
    // RCTab's tiebreak_seed_test: three candidates on 3 votes each, seed 1. RCTab's report
    // eliminates Yinka Dare, then elects George Gervin on a 3-3 tie.
    let r = named(&["Mookie Blaylock", "Yinka Dare", "George Gervin"], 3);
    let rules = RcvRules {
        tiebreak: TiebreakMode::Random,
        random_seed: Some(1),
        overvote: OvervoteRule::AlwaysSkipToNextRank,
        max_skipped: Some(0),
        max_rankings: Some(1),
        batch_elimination: true,
        ..RcvRules::default()
    };
    let p = tabulate(&r, &rules).unwrap();
    assert_eq!(p.rounds[0].eliminated, vec![1]);
    assert_eq!(p.rounds[1].elected, vec![2]);
    assert_eq!(p.rounds[1].threshold, Some(Votes::new(4)));
    assert_eq!(kinds(&p, 1), [3, 0, 0, 0]);
}

#[test]
fn rctabs_generated_permutation_test_orders_the_same() {
    // RCTab's tiebreak_generate_permutation_test: four on 2 votes each, seed 12345. RCTab's
    // report eliminates Mookie Blaylock, then Yinka Dare, and elects George Gervin.
    let r = named(
        &[
            "Mookie Blaylock",
            "Yinka Dare",
            "George Gervin",
            "Sedale Threatt",
        ],
        2,
    );
    let rules = RcvRules {
        tiebreak: TiebreakMode::GeneratePermutation,
        random_seed: Some(12345),
        max_rankings: Some(1),
        batch_elimination: true,
        ..RcvRules::default()
    };
    let p = tabulate(&r, &rules).unwrap();
    assert_eq!(p.rounds[0].eliminated, vec![0]);
    assert_eq!(p.rounds[1].eliminated, vec![1]);
    assert_eq!(p.rounds[2].elected, vec![2]);
}

#[test]
fn a_batch_never_leaves_the_winner_alone_when_counting_on_to_two() {
    // A wins at once; going on to two, the batch D + C + B would leave A alone, so RCTab
    // takes back its last step: D alone (no batch), then C, then A and B remain.
    let lines = ["10: A", "3: B", "2: C", "1: D"];
    let rules = RcvRules {
        batch_elimination: true,
        continue_until_two: true,
        ..rules()
    };
    let p = tabulate(&records(4, &lines), &rules).unwrap();
    assert_eq!(p.rounds[0].elected, vec![0]);
    assert_eq!(p.rounds[1].eliminated, vec![3]);
    assert_eq!(p.rounds[2].eliminated, vec![2]);
    assert_eq!(tally(&p, 3), vec![Some(10), Some(3), None, None]);
    assert_eq!(p.rounds.len(), 4);
    check(&p, 4);
}
