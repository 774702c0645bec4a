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
