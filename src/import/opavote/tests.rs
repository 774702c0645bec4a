use serde_json::{Value, json};

use super::*;
use crate::count::ties::TieKind;
use crate::count::{Destination, Outcome, State};

/// A one-seat count in OpaVote 1.0's shape: a zero-vote candidate eliminated first, a tie
/// for last broken at random, a withdrawn candidate, three invalid ballots.
fn irv() -> Value {
    json!({
        "title": "Riverside Mayor", "version": "1.0", "method": "Instant Runoff Voting",
        "n_seats": 1, "n_votes": 22, "n_valid_votes": 19, "precision": 0,
        "candidates": ["Ada Okafor", "Tom Hughes", "Lee Chan", "Sam Roy", "Wyn Price"],
        "withdrawn": [4], "winners": [0],
        "tie_breaks": [[2, [1, 2], [2]]],
        "rounds": [
            {"n": 1, "count": [9, 5, 5, 0, 0], "exhausted": 0, "winners": [], "losers": [],
             "continuing": [0, 1, 2, 3], "action": {"type": "first", "desc": ""}},
            {"n": 2, "count": [9, 5, 5, 0, 0], "exhausted": 0, "winners": [], "losers": [3],
             "continuing": [0, 1, 2], "action": {"type": "eliminate", "candidates": [3], "desc": ""}},
            {"n": 3, "count": [11, 7, 0, 0, 0], "exhausted": 1, "winners": [0], "losers": [3, 2],
             "continuing": [1], "action": {"type": "eliminate", "candidates": [2], "desc": ""}}
        ]
    })
}

/// Three seats in OpaVote 1.1's shape (precision 6): two candidates over the quota at once,
/// their surpluses moved one a round, then a tie for last.
fn stv() -> Value {
    json!({
        "title": "Club Committee", "version": "1.0", "method": "Fractional Transfer STV",
        "n_seats": 3, "n_votes": 20, "n_valid_votes": 20, "precision": 6,
        "candidates": ["A", "B", "C", "D", "E"], "withdrawn": [], "winners": [0, 1, 2],
        "tie_breaks": [[3, [3, 4], [4]]],
        "rounds": [
            {"n": 1, "count": [8000000, 7000000, 3000000, 1000000, 1000000], "exhausted": 0,
             "thresh": 6000000, "surplus": 3000000, "winners": [0, 1], "losers": [],
             "continuing": [2, 3, 4], "action": {"type": "first", "desc": ""}},
            {"n": 2, "count": [6000000, 7000000, 4500000, 1500000, 1000000], "exhausted": 0,
             "thresh": 6000000, "surplus": 1000000, "winners": [0, 1], "losers": [],
             "continuing": [2, 3, 4], "action": {"type": "surplus", "candidates": [0], "desc": ""}},
            {"n": 3, "count": [6000000, 6000000, 4750000, 1500000, 1500000], "exhausted": 250000,
             "thresh": 6000000, "surplus": 0, "winners": [0, 1], "losers": [],
             "continuing": [2, 3, 4], "action": {"type": "surplus", "candidates": [1], "desc": ""}},
            {"n": 4, "count": [6000000, 6000000, 6250000, 1500000, 0], "exhausted": 250000,
             "thresh": 6000000, "surplus": 250000, "winners": [0, 1, 2], "losers": [4],
             "continuing": [3], "action": {"type": "eliminate", "candidates": [4], "desc": ""}}
        ]
    })
}

fn load(v: &Value) -> Result<Counted, Vec<Diagnostic>> {
    from_bytes("t.json", v.to_string().as_bytes())
}

fn published(c: &Counted) -> &Published {
    match &c.contest.method {
        Method::Published(p) => p,
        other => panic!("{other:?}"),
    }
}

/// The first problem, as `tally check` prints it.
fn refused(v: &Value) -> String {
    match load(v) {
        Ok(_) => panic!("loaded: {v}"),
        Err(d) => d[0].render("t.json"),
    }
}

fn warnings(c: &Counted) -> Vec<String> {
    c.warnings.iter().map(|d| d.render("t.json")).collect()
}

fn v(s: &str) -> Votes {
    Votes::parse_decimal(s).unwrap()
}

#[test]
fn a_one_seat_count_moves_each_elimination_to_the_round_it_ends() {
    let c = load(&irv()).unwrap();
    let p = published(&c);
    assert_eq!(p.format, "OpaVote 1.0 results");
    assert_eq!(p.system, VotingSystem::InstantRunoff);
    assert_eq!(c.contest.seats, 1);
    assert_eq!(c.contest.title, "Riverside Mayor");
    assert_eq!(c.contest.id, "riverside-mayor");
    // Wyn Price withdrew: left out, and said in a note.
    let ids: Vec<&str> = c.contest.candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["ada-okafor", "tom-hughes", "lee-chan", "sam-roy"]);
    // OpaVote's round 2 eliminates Sam Roy: he goes out at the end of round 1.
    let eliminated: Vec<&[usize]> = p.rounds.iter().map(|r| &r.eliminated[..]).collect();
    assert_eq!(eliminated, [&[3][..], &[2], &[]]);
    let elected: Vec<&[usize]> = p.rounds.iter().map(|r| &r.elected[..]).collect();
    assert_eq!(elected, [&[][..], &[], &[0]]);
    // Out of the count from the round after their elimination.
    assert_eq!(p.rounds[0].tally[3], Some(Votes::ZERO));
    assert_eq!(p.rounds[1].tally[3], None);
    assert_eq!(p.rounds[2].tally, [Some(v("11")), Some(v("7")), None, None]);
    assert_eq!(p.rounds[2].inactive, Some(v("1")));
    assert!(
        p.rounds
            .iter()
            .all(|r| r.transfers.is_none() && r.threshold.is_none())
    );
    // The recorded tie is in the round whose count was tied; `chosen` is the eliminated.
    assert_eq!(
        p.rounds[1].ties,
        [PublishedTie {
            tied: vec![1, 2],
            chosen: vec![2],
            broken_by: None,
        }]
    );
    assert_eq!((p.total_ballots, p.invalid), (Some(v("22")), Some(v("3"))));
    assert_eq!(c.contest.rejected, Some(v("3")));
    assert_eq!(c.contest.valid_votes, Some(v("19")));
    let fp = c.contest.first_preferences.as_ref().unwrap();
    assert_eq!(fp.get("ada-okafor"), Some(v("9")));
    assert_eq!(fp.get("wyn-price"), None);
    assert!(
        c.contest
            .notes
            .iter()
            .any(|n| n.contains("Withdrawn before the count, and not shown: Wyn Price.")),
        "{:?}",
        c.contest.notes
    );
    assert_eq!(c.contest.sources[0].title, "OpaVote 1.0 results: t.json");

    // Counted: the tie as tally tells it, the zero-vote batch moves nothing, the winner.
    let count = &c.count;
    assert!(
        count.rounds[0]
            .states
            .iter()
            .all(|s| *s == State::Continuing)
    );
    let tie = &count.rounds[1].tie_breaks[0];
    assert_eq!(
        (tie.kind, &tie.tied, &tie.preferred),
        (TieKind::Elimination, &vec![1, 2], &vec![1])
    );
    assert!(count.rounds[1].transfers.is_empty());
    assert!(count.rounds[2].derived);
    assert_eq!(count.rounds[2].received(0), v("2"));
    assert_eq!(count.rounds[2].newly_exhausted(), v("1"));
    assert_eq!(count.outcome, Outcome::Elected(vec![0]));
    for r in &count.rounds {
        assert_eq!(r.continuing + r.exhausted + r.residual, count.valid);
    }
}

#[test]
fn fixed_point_figures_are_divided_exactly_and_surpluses_move_one_a_round() {
    let c = load(&stv()).unwrap();
    assert!(published(&c).warnings.is_empty(), "{:?}", warnings(&c));
    let p = published(&c);
    assert_eq!(p.format, "OpaVote 1.1 results");
    assert_eq!(p.system, VotingSystem::SingleTransferableVote);
    assert_eq!(c.contest.seats, 3);
    // 8000000 at precision 6 is 8 votes, never 8 million.
    assert_eq!(p.rounds[0].tally[0], Some(v("8")));
    assert_eq!(p.rounds[1].tally[2], Some(v("4.5")));
    assert_eq!(p.rounds[2].tally[2], Some(v("4.75")));
    assert_eq!(p.rounds[2].inactive, Some(v("0.25")));
    assert_eq!(p.rounds[0].threshold, Some(v("6")));
    assert_eq!(p.rounds[0].elected, [0, 1]);
    assert_eq!(p.rounds[2].eliminated, [4]);
    assert_eq!(p.rounds[3].elected, [2]);
    assert_eq!(c.count.outcome, Outcome::Elected(vec![0, 1, 2]));
    // B's surplus moves in round 3, a round after A's: it is B's, not nobody's.
    let r3 = &c.count.rounds[2];
    assert!(r3.derived);
    assert!(
        r3.transfers.iter().all(|t| t.from == [1]),
        "{:?}",
        r3.transfers
    );
    assert_eq!(r3.received(2), v("0.25"));
    assert_eq!(r3.received(4), v("0.5"));
    assert_eq!(r3.newly_exhausted(), v("0.25"));
    let tie = &c.count.rounds[2].tie_breaks[0];
    assert_eq!((&tie.tied, &tie.preferred), (&vec![3, 4], &vec![3]));
    for r in &c.count.rounds {
        assert_eq!(r.continuing + r.exhausted + r.residual, c.count.valid);
    }
    assert_eq!(c.count.rounds[3].states[0], State::Elected);
    assert_eq!(c.count.rounds[3].votes[0], v("6"));
    assert!(c.count.rounds[3].transfers.iter().all(|t| t.from == [4]));
    assert!(
        c.count.rounds[3]
            .transfers
            .iter()
            .any(|t| t.to == Destination::Candidate(2) && t.votes == v("1.5"))
    );
}

#[test]
fn numbers_are_scaled_exactly_or_refused_when_finer_than_a_millionth() {
    let w = |n: u64, p: u64| Number::Whole(n).votes(p);
    assert_eq!(w(13_000_000, 6), Ok(v("13")));
    assert_eq!(w(8_000_001, 6), Ok(v("8.000001")));
    assert_eq!(w(4, 6), Ok(v("0.000004")));
    assert_eq!(w(0, 6), Ok(Votes::ZERO));
    assert_eq!(w(0, 30), Ok(Votes::ZERO));
    assert_eq!(w(1_327, 0), Ok(v("1327")));
    assert_eq!(w(1_300_000_000, 8), Ok(v("13")));
    assert_eq!(
        w(1_300_000_001, 8),
        Err("1300000001 at precision 8 is 13.00000001 votes, with 8 decimal places: tally holds votes to a millionth (6 places)".into())
    );
    assert_eq!(Number::Decimal(2.5).votes(0), Ok(v("2.5")));
    assert_eq!(Number::Decimal(13.0).votes(6), Ok(v("0.000013")));
    assert_eq!(
        Number::Decimal(0.0000001).votes(0),
        Err(
            "0.0000001 votes has 7 decimal places: tally holds votes to a millionth (6 places)"
                .into()
        )
    );
    assert!(w(u64::MAX, 0).unwrap_err().contains("too large"));
    assert_eq!(w(u64::MAX, 6), Ok(Votes::from_raw(u64::MAX)));
}

/// `irv()` with one change at a JSON pointer.
fn irv_with(pointer: &str, value: Value) -> Value {
    let mut f = irv();
    *f.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = value;
    f
}

fn stv_with(pointer: &str, value: Value) -> Value {
    let mut f = stv();
    *f.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = value;
    f
}

#[test]
fn inconsistent_files_are_refused_naming_the_place() {
    let cases = [
        (
            irv_with("/rounds/2/count", json!([11, 7, 0, 0])),
            "t.json: rounds[2].count: 4 figures for 5 candidates: `count` gives one per candidate, in the order of `candidates`",
        ),
        (
            irv_with("/rounds/1/losers", json!([5])),
            "t.json: rounds[1].losers[0]: 5 is not a candidate: the 5 candidates are numbered 0 to 4, in the order of `candidates`",
        ),
        (
            irv_with("/candidates/2", json!("Ada Okafor")),
            "t.json: candidates[2]: `Ada Okafor` is also candidates[0]: every candidate needs a name of their own",
        ),
        (
            irv_with("/candidates/1", json!("  ")),
            "t.json: candidates[1]: a candidate's name is empty",
        ),
        (
            irv_with("/rounds/2/count", json!([11, 7, 0, 2, 0])),
            "t.json: rounds[2].count[3]: Sam Roy is among the losers (eliminated) but has 2 votes in round 3",
        ),
        (
            irv_with("/rounds/2/losers", json!([2])),
            "t.json: rounds[2].losers: Sam Roy, eliminated in round 1, is missing: `losers` lists everyone eliminated so far",
        ),
        (
            irv_with("/rounds/1/count", json!([9, 4, 5, 0, 0])),
            "t.json: rounds[1].count[1]: Tom Hughes falls from 5 to 4 votes in round 2 without being elected or eliminated: votes only move by transfer",
        ),
        (
            irv_with("/rounds/2/count", json!([12, 7, 0, 0, 0])),
            "t.json: rounds[2]: the counts and exhausted ballots add up to 20, more than round 2's 19: votes cannot appear from nowhere",
        ),
        (
            irv_with("/rounds/2/action/candidates", json!([1])),
            "t.json: rounds[2].action.candidates: eliminates Tom Hughes, but `losers` adds Lee Chan",
        ),
        (
            irv_with("/rounds/1/n", json!(3)),
            "t.json: rounds[1].n: this is round 2 in the list, but `n` says 3: rounds are listed in order from 1",
        ),
        (
            irv_with("/rounds/0/count/4", json!(1)),
            "t.json: rounds[0].count[4]: Wyn Price withdrew (`withdrawn`) but has 1 vote in round 1",
        ),
        (
            irv_with("/rounds/0/losers", json!([1])),
            "t.json: rounds[0].losers: Tom Hughes is among the losers of round 1, before anyone can have been eliminated",
        ),
        (
            irv_with("/tie_breaks/0/0", json!(4)),
            "t.json: tie_breaks[0][0]: round 4 is not a round of this count (1 to 3)",
        ),
        (
            irv_with("/tie_breaks/0/2", json!([0])),
            "t.json: tie_breaks[0][2][0]: Ada Okafor was chosen by the tie-break but is not among the tied",
        ),
        (
            irv_with("/n_valid_votes", json!(23)),
            "t.json: n_valid_votes: 23 valid votes are more than the 22 votes cast (`n_votes`)",
        ),
        (
            irv_with("/n_seats", json!(0)),
            "t.json: n_seats: a count fills at least 1 seat",
        ),
        (
            irv_with("/rounds/2/winners", json!([0, 1])),
            "t.json: winners: the count elects 2 candidates for 1 seat (`n_seats`)",
        ),
        (
            irv_with("/rounds/2/winners", json!([4])),
            "t.json: rounds[2].winners[0]: Wyn Price withdrew (`withdrawn`) and cannot be elected",
        ),
        (
            irv_with("/rounds/1/winners", json!([0])),
            "t.json: rounds[2]: round 3 comes after every seat was filled (round 2)",
        ),
        (
            irv_with("/rounds/1/count/0", json!("nine")),
            "t.json: rounds[1].count[0]: invalid type: string \"nine\", expected a number of votes, 0 or more (line 1, column 371)",
        ),
        (
            irv_with("/rounds/1/count/0", json!(-9)),
            "t.json: rounds[1].count[0]: negative number -9: a count of votes cannot be below 0 (line 1, column 360)",
        ),
        (
            irv_with("/withdrawn/0", json!(1.5)),
            "t.json: withdrawn[0]: 1.5 is not a whole number, 0 or more (line 1, column 671)",
        ),
        (
            irv_with("/candidates", json!([])),
            "t.json: candidates: the file names no candidates",
        ),
        (
            irv_with("/rounds", json!([])),
            "t.json: rounds: the file has no rounds: OpaVote writes at least the count of first choices",
        ),
        (
            irv_with("/precision", json!(31)),
            "t.json: precision: 31 decimal places is more than tally reads (30 at most, and it holds votes to a millionth)",
        ),
        (
            stv_with("/rounds/3/exhausted", json!(0)),
            "t.json: rounds[3].exhausted: falls from 0.25 to 0: exhausted ballots are a running total",
        ),
        (
            {
                let mut f = stv();
                f["rounds"][3].as_object_mut().unwrap().remove("exhausted");
                f
            },
            "t.json: rounds[3]: has no `exhausted`, which round 1 gives: every round gives it or none does",
        ),
        (
            {
                let mut f = stv();
                f["rounds"][0].as_object_mut().unwrap().remove("exhausted");
                f
            },
            "t.json: rounds[1].exhausted: is given, but round 1 has no `exhausted`: every round gives it or none does",
        ),
        (
            stv_with("/rounds/1/action/candidates", json!([2])),
            "t.json: rounds[1].action.candidates[0]: C's surplus is transferred, but C has not been elected",
        ),
        (
            stv_with("/rounds/3/count/0", json!(6000000.5)),
            "t.json: rounds[3].count[0]: 6000000.5 at precision 6 is 6.0000005 votes, with 7 decimal places: tally holds votes to a millionth (6 places)",
        ),
        (
            stv_with("/rounds/2/winners", json!([0])),
            "t.json: rounds[2].winners: B, elected in round 1, is missing: `winners` lists everyone elected so far",
        ),
    ];
    for (file, expected) in cases {
        // Column numbers depend on serde_json's layout of the fixture: compare the rest.
        let got = refused(&file);
        let strip = |s: &str| s.split(" (line ").next().unwrap_or(s).to_string();
        assert_eq!(strip(&got), strip(expected), "{file}");
    }
}

#[test]
fn a_falsely_falling_exhausted_pile_is_not_a_false_alarm_when_exhausted_is_left_out() {
    // Without `exhausted`, totals are compared count against count: falling is allowed.
    let mut f = irv();
    for r in f["rounds"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("exhausted");
    }
    let c = load(&f).unwrap();
    assert_eq!(c.count.rounds[2].exhausted, v("1"));
}

#[test]
fn unambiguous_repairs_load_with_a_warning() {
    // A winner no round elects: elected at the end of the last round.
    let mut f = irv_with("/rounds/2/winners", json!([]));
    f["rounds"][2]["continuing"] = json!([0, 1]);
    let c = load(&f).unwrap();
    assert_eq!(c.count.outcome, Outcome::Elected(vec![0]));
    assert!(
        warnings(&c).contains(&"t.json: winners[0]: warning: Ada Okafor is a winner, but no round elects them: tally shows Ada Okafor elected at the end of round 3".to_string()),
        "{:?}",
        warnings(&c)
    );
    assert_eq!(
        published(&c).warnings[0],
        "winners[0]: Ada Okafor is a winner, but no round elects them: tally shows Ada Okafor elected at the end of round 3"
    );

    // `continuing` that disagrees: said once, and ignored.
    let c = load(&irv_with("/rounds/1/continuing", json!([0]))).unwrap();
    assert_eq!(
        warnings(&c)[0],
        "t.json: rounds[1].continuing: warning: disagrees with `winners` and `losers` (everyone else is continuing): tally goes by `winners` and `losers`"
    );

    // A recorded tie that the figures do not show as a tie is not shown.
    let c = load(&irv_with("/tie_breaks/0/0", json!(1))).unwrap();
    assert_eq!(
        warnings(&c)[0],
        "t.json: tie_breaks[0]: warning: the tie-break between Tom Hughes and Lee Chan is not shown: Lee Chan, whom it chose, is neither elected nor eliminated at the end of round 1"
    );
    assert!(published(&c).rounds.iter().all(|r| r.ties.is_empty()));

    // Valid votes that disagree with round 1; a file without a title.
    let mut f = irv_with("/n_valid_votes", json!(20));
    f.as_object_mut().unwrap().remove("title");
    let c = load(&f).unwrap();
    let w = warnings(&c);
    assert!(w.contains(&"t.json: n_valid_votes: warning: says 20 valid votes, but round 1 counts 19: tally shows the rounds as counted".to_string()), "{w:?}");
    assert!(
        w.contains(
            &"t.json: title: warning: the file has no title: the contest is named after the file"
                .to_string()
        ),
        "{w:?}"
    );
    assert_eq!(c.contest.title, "t");

    // A count that stops with seats unfilled.
    let mut f = stv();
    f["rounds"].as_array_mut().unwrap().pop();
    f["winners"] = json!([0, 1]);
    f["tie_breaks"] = json!([]);
    let c = load(&f).unwrap();
    assert_eq!(
        warnings(&c),
        [
            "t.json: n_seats: warning: the count elects 2 candidates for 3 seats: it stops with seats unfilled"
        ]
    );
}

#[test]
fn precision_beyond_a_millionth_reads_when_the_extra_digits_are_zero() {
    let mut f = stv();
    f["precision"] = json!(8);
    for r in f["rounds"].as_array_mut().unwrap() {
        for key in ["count"] {
            for x in r[key].as_array_mut().unwrap() {
                *x = json!(x.as_u64().unwrap() * 100);
            }
        }
        for key in ["exhausted", "thresh"] {
            r[key] = json!(r[key].as_u64().unwrap() * 100);
        }
    }
    let c = load(&f).unwrap();
    assert_eq!(published(&c).rounds[2].tally[2], Some(v("4.75")));
    f["rounds"][0]["thresh"] = json!(600000001);
    assert_eq!(
        refused(&f),
        "t.json: rounds[0].thresh: 600000001 at precision 8 is 6.00000001 votes, with 8 decimal places: tally holds votes to a millionth (6 places)"
    );
}

#[test]
fn the_file_recognised_as_opavote_opens_through_import_and_a_truncated_one_says_so() {
    let text = r#"{"n_seats": 1, "n_votes": 100, "title": "Riverside Mayor", "precision": 0, "withdrawn": [], "method": "IRV", "version": "1.0", "candidates": ["Ada Okafor", "Tom Hughes"], "winners": [0], "tie_breaks": [], "options": [], "rounds": [{"count": [60, 40], "winners": [0], "losers": []}], "n_valid_votes": 100}"#;
    let c = crate::import::from_bytes("r.json", text.as_bytes()).unwrap();
    assert_eq!(c.count.winner(), Some(0));
    assert_eq!(c.count.rounds.len(), 1);
    match crate::import::from_bytes("r.json", &text.as_bytes()[..150]) {
        Err(e) => assert_eq!(
            e.to_string(),
            "r.json:1:150: EOF while parsing a string (the file ends too soon: is it complete?)"
        ),
        Ok(_) => panic!("a truncated file loaded"),
    }
}

#[test]
fn other_versions_and_methods_load_with_a_word_and_bad_text_is_placed() {
    let c = load(&irv_with("/version", json!(2))).unwrap();
    assert_eq!(published(&c).format, "OpaVote 1.1 results");
    assert!(warnings(&c).contains(&"t.json: version: warning: version 2 is not one tally knows (1.0 and 1.1): read as 1.1".to_string()));
    let c = load(&irv_with("/method", json!("Approval"))).unwrap();
    assert!(warnings(&c).contains(&"t.json: method: warning: `Approval` is not instant runoff or the single transferable vote: the rounds are shown as published, as an instant runoff".to_string()), "{:?}", warnings(&c));
    let d = read("t.json", b"{\"candidates\": [\"\xff\"]}").unwrap_err();
    assert_eq!(
        d[0].render("t.json"),
        "t.json:1:18: byte 0xFF is not UTF-8 text; OpaVote writes UTF-8"
    );
    let d = read(
        "t.json",
        br#"{"candidates": ["A"], "rounds": [{"count": [1], "winners": []}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        d[0].render("t.json"),
        "t.json: rounds[0]: missing required field `losers` (line 1, column 62)"
    );
}

#[test]
fn the_example_in_docs_formats_md_loads_and_prints_what_the_doc_says() {
    let doc = include_str!("../../../docs/formats.md");
    let section = &doc[doc.find("## OpaVote").unwrap()..];
    let section = section[3..]
        .find("\n## ")
        .map_or(section, |end| &section[..end + 3]);
    let block = |tag: &str| -> &str {
        let start = section.find(&format!("```{tag}\n")).unwrap() + tag.len() + 4;
        &section[start..start + section[start..].find("```").unwrap()]
    };
    let c = from_bytes("riverside.json", block("json").as_bytes()).unwrap();
    assert_eq!(c.count.winner(), Some(0));
    let printed = crate::report::text::rounds(&c);
    for line in block("text").lines().skip(1) {
        assert!(printed.contains(line), "{line:?} is not in:\n{printed}");
    }
}

#[test]
fn a_batch_too_big_to_work_out_is_refused_and_a_big_zero_batch_loads() {
    // 4,000 candidates with a vote each eliminated at once, 2,600 staying in: 10.4 million
    // figures of transfers to work out.
    let (out, stay) = (4_000usize, 2_600usize);
    let n = out + stay;
    let names: Vec<String> = (0..n).map(|i| format!("C{i}")).collect();
    let first: Vec<u64> = (0..n).map(|i| if i < out { 1 } else { 2 }).collect();
    let second: Vec<u64> = (0..n)
        .map(|i| {
            if i < out {
                0
            } else if i < out + 2 {
                2 + 2_000
            } else {
                2
            }
        })
        .collect();
    let losers: Vec<usize> = (0..out).collect();
    let f = json!({
        "title": "Big", "n_seats": 1, "precision": 0, "candidates": names,
        "rounds": [
            {"count": first, "exhausted": 0, "winners": [], "losers": []},
            {"count": second, "exhausted": 0, "winners": [], "losers": losers}
        ]
    });
    assert_eq!(
        refused(&f),
        "t.json: rounds[1]: the ballots of 4,000 candidates move at once in round 2: working out where they went takes more figures than tally holds (10,000,000 at most)"
    );
    // The same batch with no votes moves nothing: it loads, and quickly.
    let mut f = f;
    for i in 0..out {
        f["rounds"][0]["count"][i] = json!(0);
    }
    for i in out..out + 2 {
        f["rounds"][1]["count"][i] = json!(2);
    }
    let started = std::time::Instant::now();
    let c = load(&f).unwrap();
    assert_eq!(c.count.rounds[0].eliminated.len(), out);
    assert!(c.count.rounds[1].transfers.is_empty());
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
