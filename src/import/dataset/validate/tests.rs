//! Validation's unit tests: every problem reported, with both numbers where sums disagree.

use super::*;
use crate::import::dataset::parse::parse_contest;

fn contest(extra: &str) -> RawContest {
    let text = format!(
        r#"{{"id": "t", "title": "T", "area": "A", "date": "2020-01-02", "system": "first-past-the-post",
        "sources": [{{"id": "S", "title": "Source"}}],
        "candidates": [{{"id": "a", "name": "Ann", "party": "P"}}, {{"id": "b", "name": "Bob", "party": "Q"}}]
        {extra}}}"#
    );
    parse_contest(&text).unwrap()
}

fn messages(c: &RawContest) -> Vec<String> {
    validate(c).0.iter().map(|d| d.render("f")).collect()
}

#[test]
fn a_consistent_contest_has_no_problems() {
    let c = contest(
        r#", "first_preferences": {"a": 10, "b": 5}, "valid_votes": 15, "rejected": 1, "ballot_papers": 16, "electorate": 40"#,
    );
    assert_eq!(messages(&c), Vec::<String>::new());
}

#[test]
fn sums_that_disagree_name_both_numbers() {
    let c = contest(r#", "first_preferences": {"a": 10, "b": 5}, "valid_votes": 16"#);
    assert_eq!(
        messages(&c),
        ["f: valid_votes: 16 stated, but the candidates' votes sum to 15"]
    );
}

#[test]
fn unknown_and_missing_candidates_are_reported() {
    let c = contest(r#", "first_preferences": {"a": 10, "bb": 5}"#);
    let m = messages(&c);
    assert!(
        m.contains(
            &"f: first_preferences.bb: unknown candidate `bb`: did you mean `b`?".to_string()
        ),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|l| l.contains("no votes given for candidate `b`")),
        "{m:?}"
    );
}

#[test]
fn turnout_above_100_percent_is_an_error() {
    let c = contest(r#", "first_preferences": {"a": 10, "b": 5}, "electorate": 12"#);
    assert_eq!(
        messages(&c),
        [
            "f: first_preferences: 15 is more than the electorate of 12: a turnout of 125.0%, above 100%"
        ]
    );
}

#[test]
fn party_ids_are_checked_where_they_are_given() {
    // Each candidate as `label=party_id`, or `label` with no party id.
    let check = |a: &str, b: &str| {
        let mut c = contest(r#", "first_preferences": {"a": 1, "b": 2}"#);
        for (cand, spec) in c.candidates.iter_mut().zip([a, b]) {
            let (label, id) = spec.split_once('=').unwrap_or((spec, ""));
            cand.party = label.to_string();
            cand.party_id = (!id.is_empty()).then(|| id.to_string());
        }
        messages(&c)
    };
    assert_eq!(
        check("Labour=labour", "London Real=london-real"),
        Vec::<String>::new()
    );
    assert_eq!(
        check("Labour", "Labour"),
        Vec::<String>::new(),
        "derived alike"
    );
    assert_eq!(
        check("Labour=lab our", "Green"),
        [
            "f: candidates[0].party_id: \"lab our\" is not a usable party id: use letters, digits, `-`, `_` or `.` (at most 64), e.g. \"labour\""
        ]
    );
    assert_eq!(
        check("Independent=independent", "Green"),
        [
            "f: candidates[0].party_id: `independent` is given to a candidate with party \"Independent\", who stands as an independent; independents are counted as themselves, so leave party_id out (or name the party in `party`)"
        ]
    );
    assert_eq!(
        check("=x", "Green"),
        [
            "f: candidates[0].party_id: `x` is given to a candidate with no party, who stands as an independent; independents are counted as themselves, so leave party_id out (or name the party in `party`)"
        ]
    );
    assert_eq!(
        check("Labour=labour", "Labour=lab"),
        [
            "f: candidates[1].party_id: party \"Labour\" has party id `lab` here but `labour` at candidates[0]; one party has one id"
        ]
    );
    assert_eq!(
        check("Labour=labour", "Labour"),
        Vec::<String>::new(),
        "the derived id `labour` is the given one"
    );
    assert_eq!(
        check("Labour Party=lab", "Labour Party"),
        [
            "f: candidates[1].party_id: party \"Labour Party\" has party id `labour` here but `lab` at candidates[0]; one party has one id"
        ]
    );
    // Two independents are two people, not one party with two ids.
    assert_eq!(check("Independent", "Independent"), Vec::<String>::new());
}
