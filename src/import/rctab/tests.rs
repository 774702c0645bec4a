//! The RCTab reader on small files written for these tests.

use super::*;
use crate::count::Outcome;

fn load(json: &str) -> Counted {
    from_bytes("test.json", json.as_bytes()).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(|d| d.render("test.json"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

fn refused(json: &str) -> String {
    match from_bytes("test.json", json.as_bytes()) {
        Ok(_) => panic!("loaded, but should be refused:\n{json}"),
        Err(e) => e[0].render("test.json"),
    }
}

fn published(l: &Counted) -> &Published {
    match &l.contest.method {
        Method::Published(p) => p,
        other => panic!("{other:?}"),
    }
}

fn v(s: &str) -> Votes {
    Votes::parse_decimal(s).unwrap()
}

fn reader_warnings(l: &Counted) -> Vec<String> {
    published(l).warnings.clone()
}

/// An RCTab 2 detailed report: strings and numbers as RCTab writes them.
const DETAILED: &str = r#"{
  "config" : { "contest" : "Riverside Mayor", "date" : "2026-05-07", "generatedBy" : "RCTab 2.0.0",
               "jurisdiction" : "Riverside", "office" : "Mayor" },
  "jsonFormatVersion" : "1",
  "results" : [ {
    "inactiveBallots" : { "exhaustedChoices" : "0", "overvotes" : "2", "repeatedRankings" : "0", "skippedRankings" : "1" },
    "round" : 1,
    "tally" : { "Ada Okafor" : "40", "Betsy Hodges" : "35", "Tom Hughes" : "20", "Undeclared Write-ins" : "5" },
    "tallyResults" : [ { "eliminated" : "Undeclared Write-ins", "transfers" : { "Ada Okafor" : "1", "exhausted" : "4" } },
                       { "eliminated" : "Tom Hughes", "transfers" : { "Ada Okafor" : "3", "Betsy Hodges" : "15", "exhausted" : "2" } } ],
    "threshold" : "51"
  }, {
    "inactiveBallots" : { "exhaustedChoices" : "6", "overvotes" : "2", "repeatedRankings" : "0", "skippedRankings" : "1" },
    "round" : 2,
    "tally" : { "Ada Okafor" : "44", "Betsy Hodges" : "50" },
    "tallyResults" : [ { "elected" : "Betsy Hodges", "transfers" : { } } ],
    "threshold" : "48"
  } ],
  "summary" : { "finalThreshold" : "48", "numCandidates" : 4, "numWinners" : 1, "totalNumBallots" : "110", "undervotes" : 7 }
}"#;

#[test]
fn an_rctab_2_detailed_report_reads_with_its_inactive_ballots_by_kind() {
    let l = load(DETAILED);
    let p = published(&l);
    assert_eq!(p.format, "RCTab 2.0.0 detailed report");
    assert_eq!(p.system, VotingSystem::InstantRunoff);
    assert_eq!(
        (l.contest.seats, l.contest.title.as_str()),
        (1, "Riverside Mayor")
    );
    assert_eq!(l.contest.area, "Riverside");
    assert_eq!(
        l.contest.date.map(|d| d.to_string()).as_deref(),
        Some("2026-05-07")
    );
    let ids: Vec<&str> = l.contest.candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ada-okafor",
            "betsy-hodges",
            "tom-hughes",
            "undeclared-write-ins"
        ]
    );
    assert_eq!(l.contest.candidates[1].name, "Betsy Hodges");
    let fp = l.contest.first_preferences.as_ref().unwrap();
    assert_eq!(fp.get("betsy-hodges"), Some(v("35")));
    assert_eq!(
        (p.undervotes, p.total_ballots),
        (Some(v("7")), Some(v("110")))
    );
    // Round 1's tallyResults end round 1: a batch of two.
    assert_eq!(p.rounds[0].eliminated, vec![3, 2]);
    assert_eq!(p.rounds[0].threshold, Some(v("51")));
    assert_eq!(p.rounds[1].threshold, Some(v("48")));
    assert_eq!(p.rounds[0].inactive, Some(v("3")));
    let kinds = p.rounds[1].inactive_kinds.unwrap();
    assert_eq!((kinds.exhausted_choices, kinds.overvotes), (v("6"), v("2")));
    let t = p.rounds[0].transfers.as_ref().unwrap();
    assert!(t.contains(&PublishedTransfer {
        from: 3,
        to: None,
        votes: v("4")
    }));
    assert!(t.contains(&PublishedTransfer {
        from: 2,
        to: Some(1),
        votes: v("15")
    }));
    // 110 = 100 + 3 inactive + 7 blank: nothing to warn about.
    assert!(reader_warnings(&l).is_empty(), "{:?}", l.warnings);
    assert_eq!(l.count.outcome, Outcome::Elected(vec![1]));
    assert_eq!(l.count.rounds[1].exhausted, v("9"));
    assert!(!l.count.rounds[1].derived);
}

#[test]
fn ballots_that_do_not_add_up_to_the_total_are_a_warning() {
    let l = load(&DETAILED.replace("\"110\"", "\"111\""));
    assert_eq!(
        reader_warnings(&l),
        [
            "summary.totalNumBallots: 111 ballots, but round 1's 100 votes, 3 inactive ballots and 7 blank ones (undervotes) make 110"
        ]
    );
    assert!(
        l.warnings
            .iter()
            .any(|w| !w.is_error() && w.message.starts_with("111 ballots"))
    );
}

/// An RCTab 1 summary: every number a string, one threshold in `config`, no date.
const SUMMARY: &str = r#"{
  "config" : { "contest" : "Portland Mayor", "date" : "", "jurisdiction" : "Portland, ME", "office" : "Mayor", "threshold" : "6" },
  "results" : [ {
    "round" : 1,
    "tally" : { "Mavodones, Nicholas M. Jr." : "5", "Carmona, Ralph C." : "4", "Bragdon, Charles E." : "3" },
    "tallyResults" : [ { "eliminated" : "Bragdon, Charles E.", "transfers" : { "Carmona, Ralph C." : "1", "exhausted" : "2" } } ]
  }, {
    "round" : 2,
    "tally" : { "Mavodones, Nicholas M. Jr." : "5", "Carmona, Ralph C." : "5" },
    "tallyResults" : [ { "elected" : "Mavodones, Nicholas M. Jr.", "transfers" : { } } ]
  } ]
}"#;

#[test]
fn an_rctab_1_summary_reads_and_a_missing_date_is_never_made_up() {
    let l = load(SUMMARY);
    let p = published(&l);
    assert_eq!(p.format, "RCTab 1 summary or Universal Tabulator JSON");
    assert_eq!(l.contest.title, "Portland Mayor");
    assert_eq!(l.contest.id, "portland-mayor");
    // An empty date is no date: shown as "date not given", without a warning.
    assert_eq!(l.contest.date, None);
    assert!(reader_warnings(&l).is_empty(), "{:?}", reader_warnings(&l));
    // The summary's threshold is the last round's; earlier ones are worked out.
    assert_eq!(p.rounds[0].threshold, None);
    assert_eq!(p.rounds[1].threshold, Some(v("6")));
    assert_eq!(l.count.rounds[0].threshold, v("7"));
    assert_eq!(l.count.rounds[1].threshold, v("6"));
    // No inactive counts in version 1: exhausted is what left the count.
    assert_eq!(p.rounds[1].inactive, None);
    assert_eq!(l.count.rounds[1].exhausted, v("2"));
    // A 5-5 final round, won below the threshold by a tie-break, loads.
    assert_eq!(l.count.winner(), Some(0));
    assert_eq!(l.contest.candidates[0].id, "mavodones-nicholas-m-jr");
}

#[test]
fn dates_in_other_shapes_are_read_or_said_to_be_unreadable() {
    let l = load(&SUMMARY.replace(r#""date" : """#, r#""date" : "11/3/2015""#));
    assert_eq!(
        l.contest.date.map(|d| d.to_string()).as_deref(),
        Some("2015-11-03")
    );
    assert_eq!(l.contest.title, "Portland Mayor");
    let l = load(&SUMMARY.replace(r#""date" : """#, r#""date" : "2015-11-03T00:00:00""#));
    assert_eq!(
        l.contest.date.map(|d| d.to_string()).as_deref(),
        Some("2015-11-03")
    );
    let l = load(&SUMMARY.replace(r#""date" : """#, r#""date" : "soon""#));
    assert_eq!(
        (l.contest.title.as_str(), l.contest.date),
        ("Portland Mayor", None)
    );
    assert!(reader_warnings(&l)[0].contains("`soon` is not a date tally reads"));
}

/// The Universal Tabulator as RCVis writes it: JSON numbers, an `Inactive Ballots` row, a
/// batch with empty transfers (Boulder 2023's shape).
const UT: &str = r#"{"config": {"date": "2023-11-07", "contest": "Boulder Mayor", "threshold": 400.5},
  "results": [{"round": 1, "tally": {"Aaron": 300.0, "Nicole": 150, "Bob": 350, "Paul": 20, "Inactive Ballots": 30.0},
     "tallyResults": [{"eliminated": "Nicole", "transfers": {}}, {"eliminated": "Paul", "transfers": {}}]},
   {"round": 2, "tally": {"Aaron": 410, "Bob": 391, "Inactive Ballots": 49},
     "tallyResults": [{"elected": "Aaron"}]}]}"#;

#[test]
fn universal_tabulator_inactive_ballots_are_never_a_candidate_and_empty_transfers_are_unknown() {
    let l = load(UT);
    let p = published(&l);
    assert_eq!(p.format, "Universal Tabulator JSON");
    assert_eq!(l.contest.candidates.len(), 4);
    assert!(
        l.contest
            .candidates
            .iter()
            .all(|c| c.name != "Inactive Ballots")
    );
    assert_eq!(p.rounds[0].inactive, Some(v("30")));
    assert_eq!(p.rounds[1].inactive, Some(v("49")));
    assert_eq!(p.rounds[0].transfers, None);
    assert_eq!(p.rounds[1].threshold, Some(v("400.5")));
    let r2 = &l.count.rounds[1];
    assert!(r2.derived);
    assert_eq!(r2.received(0), v("110"));
    assert_eq!(r2.newly_exhausted(), v("19"));
    assert_eq!(l.count.rounds[0].exhausted, v("30"));
}

/// Two seats, fractional surpluses, a `residual surplus` and a last round with no results
/// (Eastpointe 2019's shape).
const STV: &str = r#"{
  "config" : { "contest" : "Council", "date" : "2019-11-05", "threshold" : "34" },
  "results" : [ {
    "round" : 1, "tally" : { "Harvey" : "40", "Larry" : "30", "Mary" : "20", "Sarah" : "10" },
    "tallyResults" : [ { "elected" : "Harvey", "transfers" : { "Larry" : "2.5", "Mary" : "3.4", "residual surplus" : "0.1" } } ]
  }, {
    "round" : 2, "tally" : { "Harvey" : "34", "Larry" : "32.5", "Mary" : "23.4", "Sarah" : "10" },
    "tallyResults" : [ { "eliminated" : "Sarah", "transfers" : { "Larry" : "8", "exhausted" : "2" } } ]
  }, {
    "round" : 3, "tally" : { "Harvey" : "34", "Larry" : "40.5", "Mary" : "23.4" },
    "tallyResults" : [ { "elected" : "Larry", "transfers" : { "Mary" : "6", "exhausted" : "0.5" } } ]
  }, {
    "round" : 4, "tally" : { "Harvey" : "34", "Larry" : "34", "Mary" : "29.4" },
    "tallyResults" : [ ]
  } ]
}"#;

#[test]
fn a_multi_seat_count_keeps_its_quota_fractions_and_elected_candidates() {
    let l = load(STV);
    let p = published(&l);
    assert_eq!(
        (l.contest.seats, p.system),
        (2, VotingSystem::SingleTransferableVote)
    );
    assert!(p.rounds.iter().all(|r| r.threshold == Some(v("34"))));
    // The residual surplus is not a transfer: the count leaves it as lost to rounding.
    assert_eq!(p.rounds[0].transfers.as_ref().unwrap().len(), 2);
    assert_eq!(l.count.rounds[1].residual, v("0.1"));
    assert_eq!(l.count.outcome, Outcome::Elected(vec![0, 1]));
    assert_eq!(l.count.rounds[3].votes[0], v("34"));
    for r in &l.count.rounds {
        assert_eq!(r.continuing + r.exhausted + r.residual, l.count.valid);
    }
}

#[test]
fn a_candidate_elected_at_the_quota_exactly_has_nothing_to_pass_on() {
    let json = r#"{"config": {"contest": "C", "date": "2020-01-01", "threshold": "10"},
      "results": [{"round": 1, "tally": {"A": "10", "B": "7", "C": "3"},
                   "tallyResults": [{"elected": "A", "transfers": {}}]},
                  {"round": 2, "tally": {"A": "10", "B": "7", "C": "3"},
                   "tallyResults": [{"eliminated": "C", "transfers": {"B": "3"}}]},
                  {"round": 3, "tally": {"A": "10", "B": "10"},
                   "tallyResults": [{"elected": "B", "transfers": {}}]}]}"#;
    let l = load(json);
    assert_eq!(published(&l).rounds[0].transfers, Some(Vec::new()));
    assert!(!l.count.rounds[1].derived);
    assert_eq!(l.contest.seats, 2);
}

#[test]
fn a_candidate_who_leaves_without_being_eliminated_is_read_as_eliminated_with_a_warning() {
    // RankIt's export: B and D vanish after round 1; only C is eliminated.
    let json = r#"{"config": {"contest": "Books", "date": "2021-01-16", "threshold": "9"},
      "results": [{"round": 1, "tally": {"A": "5", "B": "0", "C": "1", "D": "1", "E": "4"},
                   "tallyResults": [{"eliminated": "C"}]},
                  {"round": 2, "tally": {"A": "6", "E": "4"},
                   "tallyResults": [{"elected": "A", "eliminated": "E"}]}]}"#;
    let l = load(json);
    let p = published(&l);
    assert_eq!(p.rounds[0].eliminated, vec![2, 1, 3]);
    assert_eq!(
        p.rounds[0].repaired,
        vec![1, 3],
        "the repair is recorded as such"
    );
    assert_eq!(
        reader_warnings(&l),
        [
            "results[1].tally: `B` (0 votes in round 1) is not in round 2's tally but was not eliminated: read as eliminated at the end of round 1",
            "results[1].tally: `D` (1 vote in round 1) is not in round 2's tally but was not eliminated: read as eliminated at the end of round 1",
        ]
    );
    assert_eq!(
        p.rounds[0].transfers, None,
        "where D's ballot went is unknown"
    );
    assert_eq!(l.count.winner(), Some(0));
    assert!(l.warnings.iter().filter(|w| !w.is_error()).count() >= 2);
}

#[test]
fn an_eliminated_candidate_listed_again_with_no_votes_is_out_of_the_count() {
    let json = r#"{"config": {"contest": "C", "date": "2020-01-01"},
      "results": [{"round": 1, "tally": {"A": "5", "B": "3", "C": "1"},
                   "tallyResults": [{"eliminated": "C", "transfers": {"B": "1"}}]},
                  {"round": 2, "tally": {"A": "5", "B": "4", "C": "0"},
                   "tallyResults": [{"elected": "A"}]}]}"#;
    let l = load(json);
    assert_eq!(published(&l).rounds[1].tally[2], None);
    assert_eq!(reader_warnings(&l).len(), 1);
}

#[test]
fn a_one_candidate_final_round_and_a_zero_vote_file_load() {
    // timrcv adds a last round with the winner alone.
    let json = r#"{"config": {"contest": "CSV", "date": "2020-07-19", "threshold": "4"},
      "results": [{"round": 1, "tally": {"A": "3", "B": "3"},
                   "tallyResults": [{"eliminated": "B", "transfers": {"A": "3"}}]},
                  {"round": 2, "tally": {"A": "6"}, "tallyResults": [{"elected": "A", "transfers": {}}]}]}"#;
    assert_eq!(load(json).count.winner(), Some(0));
    let zero = r#"{"config": {"contest": "Upcoming", "date": "2021-06-14", "threshold": "0"},
      "results": [{"round": 1, "tally": {"Somebody": "0", "Another body": "0"}, "tallyResults": []}]}"#;
    let l = load(zero);
    assert_eq!(l.count.outcome, Outcome::NoVotes);
    assert_eq!(published(&l).rounds[0].threshold, None, "\"0\" is unknown");
}

#[test]
fn inconsistent_files_are_refused_naming_the_place_and_the_candidate() {
    let base = r#"{"config": {"contest": "C", "date": "2020-01-01"}, "results": [
        {"round": 1, "tally": {"A": "5", "B": "3", "C": "2"},
         "tallyResults": [{"eliminated": "C", "transfers": {"B": "2"}}]},
        {"round": 2, "tally": {"A": "5", "B": "5"}, "tallyResults": [{"elected": "A"}]}]}"#;
    load(base);
    let cases = [
        (
            r#""A": "5", "B": "5""#,
            r#""A": "4", "B": "5""#,
            "test.json: results[1].tally.A: `A` has 4 votes in round 2, fewer than round 1's 5: votes only leave a candidate who is eliminated or elected with a surplus",
        ),
        (
            r#""A": "5", "B": "5""#,
            r#""A": "5", "B": "5", "C": "1""#,
            "test.json: results[1].tally.C: `C` was eliminated in round 1 but has 1 vote in round 2: a candidate never comes back after elimination",
        ),
        (
            r#""A": "5", "B": "5""#,
            r#""A": "5", "B": "5", "D": "0""#,
            "test.json: results[1].tally.D: `D` is in round 2's tally but not in round 1's: nobody joins the count after round 1",
        ),
        (
            r#"{"B": "2"}"#,
            r#"{"B": "3"}"#,
            "test.json: results[0].tallyResults[0].transfers: `C` passes on 3 votes but has 2",
        ),
        (
            r#"{"B": "2"}"#,
            r#"{"Z": "2"}"#,
            "test.json: results[0].tallyResults[0].transfers.Z: transfers to `Z`, who is not a candidate",
        ),
        (
            r#""B": "3", "C": "2""#,
            r#""B": "3", "C": "2", "": "1""#,
            "test.json: results[0].tally: a candidate's name is empty (`\"\"`): every candidate needs a name",
        ),
        (
            r#""B": "3", "C": "2""#,
            r#""B": "3", "C": "2", "B": "1""#,
            "test.json: results[0].tally.B: `B` is named twice in round 1's tally: names must be unique",
        ),
        (
            r#""B": "3", "C""#,
            r#""B": "x3", "C""#,
            "test.json: results[0].tally.B: `x3` is not a number: expected a number of votes such as 1200 or 8.8832",
        ),
        (
            r#"{"elected": "A"}"#,
            r#"{"eliminated": "B"}"#,
            "test.json: results[1].tallyResults[0].eliminated: `B` is eliminated in round 2, the last round, and nobody is elected: an elimination needs a next round to show where the ballots went (is the file complete?)",
        ),
        (
            r#"{"round": 2"#,
            r#"{"round": 3"#,
            "test.json: results[1].round: round 3 where round 2 was expected: the rounds must be in order, from 1",
        ),
        (
            r#"{"elected": "A"}"#,
            r#"{"elected": "C"}"#,
            "test.json: results[1].tallyResults[0].elected: `C` is elected in round 2 but is not in its tally",
        ),
        (
            r#"{"elected": "A"}"#,
            r#"{"transfers": {}}"#,
            "test.json: results[1].tallyResults[0]: names neither `elected` nor `eliminated`",
        ),
        (
            r#""A": "5", "B": "5""#,
            r#""A": "5", "B": "6""#,
            "test.json: results[1].tally.B: `B` has 6 votes in round 2, but round 1's 3 and the 2 transferred to them make 5: the tally and the transfers disagree",
        ),
        (
            r#"{"B": "2"}"#,
            r#"{"B": "1"}"#,
            "test.json: results[1].tally.B: `B` has 5 votes in round 2, but round 1's 3 and the 1 transferred to them make 4: the tally and the transfers disagree",
        ),
    ];
    for (from, to, message) in cases {
        let json = base.replacen(from, to, 1);
        assert_ne!(json, base, "{from}");
        assert_eq!(refused(&json), message, "{to}");
    }
}

#[test]
fn structure_and_syntax_errors_name_the_place() {
    assert_eq!(
        refused(r#"{"config": {}, "results": []}"#),
        "test.json: results: the file has no rounds"
    );
    assert_eq!(
        refused(r#"{"config": {}, "results": [{"round": 1}]}"#),
        "test.json: results[0]: round 1 has no `tally`"
    );
    assert_eq!(
        refused(r#"{"config": {"contest": 3}, "results": []}"#),
        "test.json: config.contest: expected a string, found a number"
    );
    assert_eq!(
        refused(r#"{"config": {"contest": "C"#),
        "test.json:1:25: EOF while parsing a string (the file ends too soon: is it complete?)"
    );
    assert_eq!(
        refused(
            r#"{"config": {}, "results": [{"tally": {"A": "1"}, "inactiveBallots": {"overvotes": "-1"}}]}"#
        ),
        "test.json: results[0].inactiveBallots.overvotes: `-1` is below 0: a count of votes cannot be negative"
    );
}

#[test]
fn a_field_given_twice_is_refused() {
    assert_eq!(
        refused(r#"{"config": {}, "results": [{"tally": {"A": "1"}}], "results": []}"#),
        "test.json: results: `results` is given twice"
    );
    assert_eq!(
        refused(r#"{"config": {}, "results": [{"tally": {"A": "1"}, "tally": {"A": "2"}}]}"#),
        "test.json: results[0].tally: `tally` is given twice"
    );
}

#[test]
fn sums_too_large_to_hold_are_refused_not_overflowed() {
    let big = Votes::MAX_WHOLE.to_string();
    let json =
        format!(r#"{{"config": {{}}, "results": [{{"tally": {{"A": "{big}", "B": "{big}"}}}}]}}"#);
    assert!(refused(&json).contains("more than tally can hold"));
}

#[test]
fn the_example_in_docs_formats_md_reads_as_it_says() {
    let doc = include_str!("../../../docs/formats.md");
    let json = doc
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/formats.md has a JSON example");
    assert_eq!(json.trim(), DETAILED.trim());
    let l = load(json);
    let line = format!(
        "riverside.json: ok ({}: {}, {} candidates, {} rounds)",
        published(&l).format,
        l.contest.id,
        l.contest.candidates.len(),
        l.count.rounds.len()
    );
    assert!(doc.contains(&line), "{line}");
}

#[test]
fn the_published_examples_in_tests_data_all_load() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/published");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let l = from_bytes(&path.display().to_string(), &bytes)
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        for r in &l.count.rounds {
            assert_eq!(r.continuing + r.exhausted + r.residual, l.count.valid);
        }
        n += 1;
    }
    assert!(n >= 5);
}

#[test]
fn the_votes_in_the_count_never_grow_from_one_round_to_the_next() {
    // Transfers unknown, and the tallies grow by more than the eliminated had.
    let json = r#"{"config": {"contest": "C", "date": "2020-01-01"}, "results": [
        {"round": 1, "tally": {"A": "5", "B": "3", "C": "2"}, "tallyResults": [{"eliminated": "C"}]},
        {"round": 2, "tally": {"A": "6", "B": "5"}, "tallyResults": [{"elected": "A"}]}]}"#;
    assert_eq!(
        refused(json),
        "test.json: results[1].tally: round 2 counts 11 votes, more than round 1's 10: ballots only leave the count"
    );
    // With the inactive ballots, the two together.
    let json = r#"{"config": {"contest": "C", "date": "2020-01-01"}, "results": [
        {"round": 1, "tally": {"A": "5", "B": "3", "C": "2", "Inactive Ballots": "4"}, "tallyResults": [{"eliminated": "C"}]},
        {"round": 2, "tally": {"A": "6", "B": "3", "Inactive Ballots": "6"}, "tallyResults": [{"elected": "A"}]}]}"#;
    assert_eq!(
        refused(json),
        "test.json: results[1].tally: round 2 counts 15 votes with the inactive ballots, more than round 1's 14: ballots only leave the count"
    );
}
