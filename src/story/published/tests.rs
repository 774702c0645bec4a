//! The words for published counts, on fixtures shaped like the real cases.

use super::*;
use crate::story::fixtures;
use crate::story::narrate;

fn told(l: &Counted, round: usize) -> String {
    narrate::step(l, round).join(" ")
}

#[test]
fn inactive_ballots_are_told_by_kind_and_blank_ballots_once_apart() {
    let l = fixtures::mayor();
    let first = told(&l, 0);
    assert!(
        first.contains(
            "150 ballots inactive from the start: 103 at an overvote, 47 after skipped rankings."
        ),
        "{first}"
    );
    assert!(
        first.contains("639 ballots were blank (no choice marked) and not counted; they are not among the inactive ballots."),
        "{first}"
    );
    let later = told(&l, 1);
    assert!(
        later.contains("161 ballots inactive so far: 10 with no further choice, 104 at an overvote, 47 after skipped rankings."),
        "{later}"
    );
    assert!(
        !later.contains("blank"),
        "blank ballots are said once: {later}"
    );
    // The report says them once too, and never as exhausted.
    let report = narrate::report(&l);
    assert_eq!(report.matches("blank").count(), 1, "{report}");
}

#[test]
fn a_batch_is_eliminated_together_and_named() {
    let l = fixtures::mayor();
    let batch = told(&l, 30);
    assert!(
        batch.contains("2 candidates are eliminated together, with 5,619 votes between them: Bob Fine and Jackie Cherryhomes."),
        "{batch}"
    );
    // Each source's ballots as published, in the next round.
    let next = told(&l, 31);
    assert!(
        next.contains("Bob Fine's 2,095 ballots move to their next choice: 838 to Betsy Hodges"),
        "{next}"
    );
    assert_eq!(narrate::moving_sources(&l, 31).len(), 2);
}

#[test]
fn several_seats_have_a_quota_surpluses_and_everyone_elected_in_order() {
    let l = fixtures::park_board();
    assert!(told(&l, 0).contains("3 seats are to be filled; the quota is 14,866 votes"));
    let r2 = told(&l, 1);
    assert!(
        r2.contains("John Erwin reaches the quota of 14,866 with 14,910 votes and is elected. 1 of 3 seats filled."),
        "{r2}"
    );
    let r3 = told(&l, 2);
    assert!(
        r3.contains("John Erwin's surplus of 44 moves on at a fraction of each ballot's value: 14.25 to Brad Bourn, 12.1234 to Annie Young, 9.5 to Meg Forney and 8.1 to Steve Barland (0.0266 lost to rounding); John Erwin stays elected, held at the quota of 14,866."),
        "{r3}"
    );
    let r5 = told(&l, 4);
    assert!(
        r5.contains("Meg Forney and Annie Young reach the quota of 14,866 and are elected"),
        "{r5}"
    );
    assert!(
        r5.contains("Every seat is filled. Elected: John Erwin, Meg Forney and Annie Young."),
        "{r5}"
    );
    let r6 = told(&l, 5);
    assert!(r6.contains("0.1 votes lost to rounding so far"), "{r6}");
    assert_eq!(
        crate::story::words::result_line(&l),
        "Elected: John Erwin, Meg Forney and Annie Young, in order of election (rounds 2, 5 and 5). Quota 14,866."
    );
}

#[test]
fn a_winner_below_the_threshold_and_a_lone_final_round_are_explained() {
    let l = fixtures::tie_winner();
    let last = told(&l, 2);
    assert!(
        last.contains("Dopey and Sneezy tied for first place on 3 votes: Sneezy wins"),
        "{last}"
    );
    assert!(
        last.contains(
            "Sneezy is elected with 3 votes, below the threshold of 5: the tie decided it."
        ),
        "{last}"
    );
    assert!(
        crate::story::words::result_line(&l).contains("Elected below the threshold of 5, on a tie")
    );
    let l = fixtures::lone_final();
    assert!(
        told(&l, 2).contains(
            "Only Ada Byron is left in the count, so Ada Byron is elected with 82 votes."
        ),
        "{}",
        told(&l, 2)
    );
}

#[test]
fn no_votes_yet_divides_by_nothing() {
    let l = fixtures::zero_votes();
    assert_eq!(told(&l, 0), "No votes have been counted yet.");
    let report = narrate::report(&l);
    assert!(!report.contains("NaN") && !report.contains('%'), "{report}");
    // The presenter says so too: no shares of nothing, no empty brackets.
    for beat in crate::story::present::beats(&l) {
        let f = crate::story::present::frame(&l, beat);
        assert!(!f.explanation.contains("()"), "{}", f.explanation);
        assert!(!f.explanation.contains("of the 0"), "{}", f.explanation);
    }
    let all = crate::story::present::frame(&l, crate::story::present::Beat::AllFirst);
    assert_eq!(all.explanation, "No votes have been counted yet.");
}

/// The real cases' figures, when `../shared/interop` is there: every round's words are
/// built without a panic, the winners named and the batch told.
#[test]
#[ignore = "needs ../shared/interop"]
fn the_real_cases_are_told() {
    for case in [
        "rctab-v2-detailed-mpls-2013-mayor",
        "rctab-v2-detailed-mpls-2013-park-multiwinner",
        "ut-boulder-2023-mayor",
        "rctab-v2-detailed-tiebreak-three-way",
        "edge-ut-zero-votes",
        "ut-eastpointe-2019-council-multiwinner",
    ] {
        let Some(l) = fixtures::from_expected(case) else {
            panic!("{case}: not there or not read");
        };
        let squeeze = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let report = squeeze(narrate::report(&l));
        let rounds = squeeze(crate::report::text::rounds(&l));
        for out in [&report, &rounds] {
            assert!(
                !out.contains("NaN") && !out.contains("0 transferred"),
                "{case}"
            );
        }
        if case.contains("mpls-2013-mayor") {
            assert!(report.contains("BETSY HODGES"), "{report}");
            assert!(report.contains("eliminated together"), "{report}");
        }
        if case.contains("boulder") {
            assert!(report.contains("does not say where"), "{report}");
        }
    }
}

#[test]
fn a_seat_won_exactly_at_the_quota_has_no_surplus_to_move() {
    use fixtures::{contest, published, round, to, v};
    let mut r1 = round(&[Some("34"), Some("36"), Some("30")]);
    r1.threshold = Some(v("34"));
    r1.elected = vec![1, 0];
    r1.transfers = Some(vec![to(1, Some(2), "2")]);
    let mut r2 = round(&[Some("34"), Some("34"), Some("32")]);
    r2.threshold = Some(v("34"));
    let p = published("test", VotingSystem::SingleTransferableVote, vec![r1, r2]);
    let l = Counted::new(contest("t", "T", &["Ann", "Bo", "Cy"], 2, p), Vec::new()).unwrap();
    let r2 = told(&l, 1);
    assert!(
        r2.starts_with("Bo's surplus of 2 moves on at a fraction of each ballot's value: 2 to Cy; Bo stays elected, held at the quota of 34. Ann was elected with no surplus: nothing of theirs moves on."),
        "{r2}"
    );
    // Where nothing moves at all, the round says so rather than naming no one.
    let mut r1 = round(&[Some("34"), Some("33"), Some("33")]);
    r1.threshold = Some(v("34"));
    r1.elected = vec![0];
    let mut r2 = round(&[Some("34"), Some("33"), Some("33")]);
    r2.threshold = Some(v("34"));
    r2.eliminated = vec![2];
    r2.ties = vec![crate::model::PublishedTie {
        tied: vec![1, 2],
        chosen: vec![2],
        broken_by: None,
    }];
    r2.transfers = Some(vec![to(2, Some(1), "33")]);
    let mut r3 = round(&[Some("34"), Some("66"), None]);
    r3.threshold = Some(v("34"));
    r3.elected = vec![1];
    let p = published(
        "test",
        VotingSystem::SingleTransferableVote,
        vec![r1, r2, r3],
    );
    let l = Counted::new(contest("t", "T", &["Ann", "Bo", "Cy"], 2, p), Vec::new()).unwrap();
    let title = crate::story::words::round_title(&l.contest, &l.count, &l.count.rounds[1]);
    assert_eq!(title, "Round 2 of 3: nothing to transfer");
    assert_eq!(
        narrate::moving(&l, 1),
        "Ann was elected with no surplus: nothing of theirs moves on."
    );
}

#[test]
fn an_elimination_from_a_repair_is_said_and_makes_no_tie() {
    use crate::model::published::testing;
    // Dee vanishes from round 2 without being eliminated; the reader marks her eliminated
    // at the end of round 1 and says so in a warning. Her 1 vote equals Bea's and Cal's,
    // but nothing was tied: the file broke a rule.
    let mut r1 = testing::round(&[Some("3"), Some("1"), Some("1"), Some("1")]);
    r1.eliminated = vec![3];
    r1.repaired = vec![3];
    r1.transfers = None;
    let mut r2 = testing::round(&[Some("4"), Some("1"), Some("1"), None]);
    r2.elected = vec![0];
    let mut p = testing::published(VotingSystem::InstantRunoff, vec![r1, r2]);
    p.warnings.push(
        "results[1].tally: `Dee` (1 vote in round 1) is not in round 2's tally but was not \
         eliminated: read as eliminated at the end of round 1"
            .into(),
    );
    let c = testing::contest(&["Ann", "Bea", "Cal", "Dee"], 1, p);
    let l = Counted::new(c, Vec::new()).expect("counts");
    let first = told(&l, 0);
    assert!(!first.contains("tied"), "{first}");
    assert!(
        first.contains("The file does not say Dee was eliminated: it is missing from the next round, so tally reads it as eliminated here (a repair)."),
        "{first}"
    );
}

/// The tabulated fixture with its Published changed by `f`, counted again.
fn tabulated_with(f: impl FnOnce(&mut Published)) -> Counted {
    let mut c = fixtures::tabulated().contest;
    if let Method::Published(p) = &mut c.method {
        f(p);
    }
    Counted::new(c, Vec::new()).expect("counts")
}

#[test]
fn a_count_tally_made_words_its_rules_not_a_publishers() {
    let l = fixtures::tabulated();
    assert!(tabulation(&l.contest).is_some());
    assert_eq!(basis(&l.contest).has_it, "as RCTab's rules have it");
    let first = told(&l, 0);
    assert!(
        first.contains(
            "Undeclared Write-ins, with 40 votes, are eliminated first, as RCTab's rules do."
        ),
        "{first}"
    );
    // Said once: not also "the fewest votes … is eliminated".
    assert!(!first.contains("so Undeclared Write-ins"), "{first}");
    let second = told(&l, 1);
    assert!(second.contains("(batch elimination)"), "{second}");
    assert!(
        second
            .contains("2 at an overvote (overvote rule: exhaust immediately); 35 inactive so far."),
        "{second}"
    );
    let third = told(&l, 2);
    assert!(
        third.contains("the tie broken by the configuration's candidate order"),
        "{third}"
    );
    // Another tabulator's count keeps its words.
    let published = fixtures::boulder();
    assert_eq!(
        basis(&published.contest).has_it,
        "as the published count has it"
    );
    assert!(tabulation(&published.contest).is_none());
}

#[test]
fn ties_broken_by_an_earlier_round_or_a_draw_say_so() {
    use crate::model::rules::{TieBrokenBy, TiebreakMode};
    let by_round = tabulated_with(|p| {
        p.rounds[2].ties[0].broken_by = Some(TieBrokenBy::PreviousRound(2));
    });
    assert!(
        told(&by_round, 2).contains("the tie broken by round 2's votes"),
        "{}",
        told(&by_round, 2)
    );
    let drawn = tabulated_with(|p| {
        p.rounds[2].ties[0].broken_by = Some(TieBrokenBy::Random);
        let t = p.tabulation.as_mut().unwrap();
        t.rules.tiebreak = TiebreakMode::Random;
        t.rules.random_seed = Some(7);
    });
    assert!(
        told(&drawn, 2).contains("the tie broken by a random draw (seed 7)"),
        "{}",
        told(&drawn, 2)
    );
}

#[test]
fn a_count_stopped_early_says_so() {
    let l = tabulated_with(|p| {
        p.rounds.truncate(3);
        p.rounds[2].eliminated.clear();
        p.rounds[2].ties.clear();
        p.tabulation.as_mut().unwrap().rules.stop_after_round = Some(3);
    });
    let last = told(&l, 2);
    assert!(
        last.contains(
            "The count stops after round 3, as the rules ask (stopTabulationEarlyAfterRound 3)."
        ),
        "{last}"
    );
    let report = crate::report::text::rounds(&l);
    assert!(
        report.contains("Stop after round: yes, after round 3"),
        "{report}"
    );
    assert!(report.contains("Round 3 of 3: transfers"), "{report}");
    let flat = report.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("No winner: the count stops after round 3, as the rules ask (stopTabulationEarlyAfterRound 3). Ada Ames leads with 440 votes."),
        "{report}"
    );
    // Not said of the same count run to the end.
    assert!(!told(&fixtures::tabulated(), 3).contains("stops after"));
}

#[test]
fn compare_says_tally_counted_it_under_rctabs_rules() {
    let out = crate::report::compare::compare(
        &[fixtures::tabulated(), fixtures::boulder()],
        crate::report::Format::Text,
        false,
    );
    assert!(out.contains("tally (RCTab rules)"), "{out}");
    assert!(out.contains("Universal Tabulator JSON"), "{out}");
}
