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
