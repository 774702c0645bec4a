//! Unit tests of the counting engine on small hand-made contests.

use super::*;

/// A contest as dataset text, read the way a file is (parsed, checked, counted).
fn contest(system: &str, candidates: &[&str], first: &str, extra: &str) -> String {
    let cands: Vec<String> = candidates
        .iter()
        .map(|id| {
            format!(
                r#"{{"id": "{id}", "name": "{}", "party": "P"}}"#,
                id.to_uppercase()
            )
        })
        .collect();
    let text = format!(
        r#"{{"id": "t", "title": "T", "area": "A", "date": "2020-01-02", "system": "{system}",
        "sources": [{{"id": "S", "title": "Made up for a test"}}],
        "candidates": [{}], "first_preferences": {first} {extra}}}"#,
        cands.join(",")
    );
    text
}

/// A round's tally as the tests write it: `None` for a candidate out of the count.
fn tallies(r: &Round) -> Vec<Option<u64>> {
    (0..r.votes.len())
        .map(|i| r.tally(i).map(Votes::get))
        .collect()
}

fn counted(c: String) -> Count {
    match crate::import::dataset::from_str(&c) {
        Ok(l) => l.count,
        Err(d) => panic!(
            "{}",
            d.iter()
                .map(|d| d.render("t"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

fn errors(c: String) -> Vec<String> {
    match crate::import::dataset::from_str(&c) {
        Ok(_) => panic!("expected errors"),
        Err(d) => d
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render("t"))
            .collect(),
    }
}

#[test]
fn sv_with_a_majority_ends_in_round_one() {
    let c = counted(contest(
        "supplementary-vote",
        &["a", "b", "c"],
        r#"{"a": 60, "b": 30, "c": 10}"#,
        "",
    ));
    assert_eq!(c.rounds.len(), 1);
    assert_eq!(c.outcome, Outcome::Elected(vec![0]));
    assert_eq!(c.rounds[0].threshold, 51);
    assert_eq!(c.rounds[0].elected, [0]);
}

#[test]
fn sv_aggregated_transfers_make_a_second_round() {
    let c = counted(contest(
        "supplementary-vote",
        &["a", "b", "c", "d"],
        r#"{"a": 40, "b": 35, "c": 15, "d": 10}"#,
        r#", "second_round": {"transfers": {"a": 5, "b": 12}, "totals": {"a": 45, "b": 47}, "non_transferable": 8}"#,
    ));
    let r2 = &c.rounds[1];
    assert_eq!(c.rounds[0].eliminated, [2, 3]);
    assert_eq!(tallies(r2), [Some(45), Some(47), None, None]);
    assert_eq!(r2.exhausted, 8);
    assert_eq!(r2.threshold, 47);
    assert_eq!(c.outcome, Outcome::Elected(vec![1]));
    assert_eq!(c.margin(), Some(Votes::new(2)));
    assert_eq!(
        r2.transfers[0].from,
        [2, 3],
        "aggregated transfers come from all eliminated together"
    );
}

#[test]
fn sv_matrix_gives_transfers_per_eliminated_candidate() {
    let c = counted(contest(
        "supplementary-vote",
        &["a", "b", "c", "d"],
        r#"{"a": 40, "b": 35, "c": 15, "d": 10}"#,
        r#", "second_round": {"transfers": {"a": 5, "b": 12}, "matrix": [
            {"first": "c", "second": {"a": 2, "b": 10, "d": 1}},
            {"first": "d", "second": {"a": 3, "b": 2}},
            {"first": "a", "second": {"b": 20}}]}"#,
    ));
    let r2 = &c.rounds[1];
    let from_c: Vec<(Destination, u64)> = r2
        .transfers
        .iter()
        .filter(|t| t.from == [2])
        .map(|t| (t.to, t.votes.get()))
        .collect();
    assert_eq!(
        from_c,
        [
            (Destination::Candidate(0), 2),
            (Destination::Candidate(1), 10),
            (Destination::Exhausted, 3)
        ],
        "a second choice for another eliminated candidate is non-transferable"
    );
    assert_eq!(tallies(r2)[0], Some(45));
    assert_eq!(r2.exhausted, 8);
}

#[test]
fn sv_matrix_that_disagrees_with_the_stated_transfers_is_rejected() {
    let e = errors(contest(
        "supplementary-vote",
        &["a", "b", "c"],
        r#"{"a": 40, "b": 35, "c": 25}"#,
        r#", "second_round": {"transfers": {"a": 5, "b": 12}, "matrix": [{"first": "c", "second": {"a": 6, "b": 12}}]}"#,
    ));
    assert_eq!(
        e,
        ["t: second_round.transfers.a: 5 stated, but the matrix gives 6"]
    );
}

#[test]
fn sv_final_totals_are_checked_naming_both_numbers() {
    let e = errors(contest(
        "supplementary-vote",
        &["a", "b", "c"],
        r#"{"a": 40, "b": 35, "c": 25}"#,
        r#", "second_round": {"transfers": {"a": 5, "b": 12}, "totals": {"a": 46}}"#,
    ));
    assert_eq!(
        e,
        ["t: second_round.totals.a: 46 stated, but first preferences 40 + transfers 5 = 45"]
    );
}

#[test]
fn sv_tie_for_second_place_is_broken_by_candidate_order_and_recorded() {
    let c = counted(contest(
        "supplementary-vote",
        &["a", "b", "c", "d"],
        r#"{"a": 40, "b": 25, "c": 25, "d": 10}"#,
        r#", "second_round": {"transfers": {"a": 5, "b": 12}}"#,
    ));
    let tie = &c.rounds[0].tie_breaks[0];
    assert_eq!(
        (tie.kind, &tie.tied, &tie.preferred, tie.votes.get()),
        (TieKind::SecondPlace, &vec![1, 2], &vec![1], 25)
    );
    assert_eq!(tie.rule, TieRule::CandidateOrder);
}

#[test]
fn sv_tie_break_order_can_favour_a_later_candidate() {
    let e = errors(contest(
        "supplementary-vote",
        &["a", "b", "c", "d"],
        r#"{"a": 40, "b": 25, "c": 25, "d": 10}"#,
        r#", "tie_break_order": ["c"], "second_round": {"transfers": {"a": 5, "b": 12}}"#,
    ));
    assert!(
        e[0].contains("`b` is not in the second round: only the top two, `a` and `c`, continue"),
        "{e:?}"
    );
}

#[test]
fn sv_tie_in_the_final_round_is_recorded() {
    let c = counted(contest(
        "supplementary-vote",
        &["a", "b", "c"],
        r#"{"a": 40, "b": 35, "c": 25}"#,
        r#", "second_round": {"transfers": {"a": 0, "b": 5}}"#,
    ));
    assert_eq!(c.outcome, Outcome::Elected(vec![0]));
    assert_eq!(c.rounds[1].tie_breaks[0].kind, TieKind::Winner);
}

#[test]
fn sv_without_second_round_is_incomplete() {
    let c = counted(contest(
        "supplementary-vote",
        &["a", "b", "c"],
        r#"{"a": 40, "b": 35, "c": 25}"#,
        "",
    ));
    assert_eq!(c.outcome, Outcome::Incomplete);
    assert_eq!(c.rounds[0].eliminated, [2]);
}

#[test]
fn fptp_elects_the_most_votes_without_a_majority() {
    let c = counted(contest(
        "first-past-the-post",
        &["a", "b", "c"],
        r#"{"a": 40, "b": 35, "c": 25}"#,
        "",
    ));
    assert_eq!((c.rounds.len(), c.outcome), (1, Outcome::Elected(vec![0])));
    assert!(c.rounds[0].votes[0] < c.rounds[0].threshold);
}

#[test]
fn no_votes_is_not_a_winner() {
    let c = counted(contest(
        "first-past-the-post",
        &["a", "b"],
        r#"{"a": 0, "b": 0}"#,
        "",
    ));
    assert_eq!(c.outcome, Outcome::NoVotes);
}

const IRV_ROUNDS: &str = r#", "rounds": [
    {"eliminated": ["d"], "transfers": [{"from": "d", "to": "c", "votes": 6}, {"from": "d", "to": "a", "votes": 2}], "tally": {"c": 21}},
    {"eliminated": ["c"], "transfers": [{"from": "c", "to": "b", "votes": 15}, {"from": "c", "to": "a", "votes": 3}], "exhausted": 5}
]"#;

#[test]
fn irv_imported_rounds_are_recounted_and_conserve_votes() {
    let c = counted(contest(
        "instant-runoff",
        &["a", "b", "c", "d"],
        r#"{"a": 40, "b": 35, "c": 15, "d": 10}"#,
        IRV_ROUNDS,
    ));
    assert_eq!(c.rounds.len(), 3);
    assert_eq!(tallies(&c.rounds[1]), [Some(42), Some(35), Some(21), None]);
    assert_eq!(c.rounds[1].exhausted, 2);
    assert_eq!(tallies(&c.rounds[2]), [Some(45), Some(50), None, None]);
    assert_eq!(c.rounds[2].exhausted, 5);
    assert_eq!(c.outcome, Outcome::Elected(vec![1]));
    for r in &c.rounds {
        assert_eq!(r.continuing + r.exhausted, 100);
    }
    assert_eq!(c.rounds[0].eliminated, [3]);
    assert_eq!(c.rounds[1].eliminated, [2]);
}

#[test]
fn irv_elimination_must_start_from_the_bottom() {
    let e = errors(contest(
        "instant-runoff",
        &["a", "b", "c", "d"],
        r#"{"a": 40, "b": 35, "c": 15, "d": 10}"#,
        r#", "rounds": [{"eliminated": ["c"]}]"#,
    ));
    assert_eq!(
        e,
        [
            "t: rounds[0].eliminated: `c` is eliminated with 15 votes while `d` continues with only 10: eliminations must start from the bottom"
        ]
    );
}

#[test]
fn irv_transfer_to_an_eliminated_candidate_is_rejected() {
    let e = errors(contest(
        "instant-runoff",
        &["a", "b", "c", "d"],
        r#"{"a": 40, "b": 35, "c": 15, "d": 10}"#,
        r#", "rounds": [{"eliminated": ["d"], "transfers": [{"from": "d", "to": "d", "votes": 1}]}]"#,
    ));
    assert!(
        e[0].starts_with("t: rounds[0].transfers[0]: transfer to `d`, who is not continuing"),
        "{e:?}"
    );
}

#[test]
fn irv_equal_last_places_record_how_the_tie_was_broken() {
    let c = counted(contest(
        "instant-runoff",
        &["a", "b", "c", "d"],
        r#"{"a": 50, "b": 30, "c": 10, "d": 10}"#,
        r#", "rounds": [{"eliminated": ["d"], "transfers": [{"from": "d", "to": "a", "votes": 10}]}]"#,
    ));
    let tie = &c.rounds[0].tie_breaks[0];
    assert_eq!(
        (tie.kind, tie.rule, &tie.preferred),
        (TieKind::Elimination, TieRule::CandidateOrder, &vec![2]),
        "c kept, d (later in the list) out: tally's own rule"
    );
    assert_eq!(c.outcome, Outcome::Elected(vec![0]));
}

#[test]
fn irv_ties_decided_against_tallys_rule_are_recorded_as_counted() {
    let c = counted(contest(
        "instant-runoff",
        &["a", "b", "c", "d"],
        r#"{"a": 50, "b": 30, "c": 10, "d": 10}"#,
        r#", "rounds": [{"eliminated": ["c"], "transfers": [{"from": "c", "to": "a", "votes": 10}]}]"#,
    ));
    assert_eq!(c.rounds[0].tie_breaks[0].rule, TieRule::AsCounted);
}

#[test]
fn explicit_exhausted_transfers_must_account_for_every_ballot() {
    let e = errors(contest(
        "instant-runoff",
        &["a", "b", "c"],
        r#"{"a": 40, "b": 35, "c": 25}"#,
        r#", "rounds": [{"eliminated": ["c"], "transfers": [{"from": "c", "to": "a", "votes": 10}, {"from": "c", "to": "exhausted", "votes": 10}]}]"#,
    ));
    assert!(e[0].contains("every ballot must be accounted for"), "{e:?}");
}

#[test]
fn partial_areas_sum_to_first_preferences() {
    let text = r#"{"id": "t", "title": "T", "area": "A", "date": "2020-01-02", "system": "first-past-the-post",
        "sources": [{"id": "S", "title": "Made up"}], "status": "provisional",
        "candidates": [{"id": "a", "name": "A", "party": "P"}, {"id": "b", "name": "B", "party": "Q"}],
        "areas": [{"id": "x", "name": "X", "first_preferences": {"a": 3, "b": 4}},
                  {"id": "y", "name": "Y", "first_preferences": {"a": 5, "b": 1}},
                  {"id": "z", "name": "Z"}]}"#;
    let l = crate::import::dataset::from_str(text).unwrap();
    assert!(l.count.partial);
    assert_eq!(tallies(&l.count.rounds[0]), [Some(8), Some(5)]);
}
