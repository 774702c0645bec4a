//! Property tests of the counting invariants on generated contests.
//!
//! Every generated contest is built the way a dataset would be (JSON text through
//! `tally::load`), so parsing and validation are exercised too. Invariants checked in
//! every round of every count:
//! - votes are conserved: continuing votes + exhausted = valid first preferences;
//! - the threshold is more than half of the continuing votes;
//! - transfers come only from candidates eliminated in the previous round, and a
//!   candidate's votes are its previous votes plus what it received;
//! - eliminated candidates never come back; the winner leads the final round.
//!
//! And: no input, however malformed, makes loading panic.

// Helpers outside `#[test]` functions unwrap too: a panic is a failed test with its message.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use serde_json::{Value, json};
use tally::count::{Count, Destination, Outcome, Round, State};

fn candidates(n: usize) -> Vec<Value> {
    (0..n).map(|i| json!({"id": format!("c{i}"), "name": format!("Candidate {i}"), "party": format!("Party {}", i % 3)})).collect()
}

fn base(system: &str, first: &[u64]) -> Value {
    let fp: serde_json::Map<String, Value> = first
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("c{i}"), json!(v)))
        .collect();
    json!({
        "id": "generated", "title": "Generated", "area": "Nowhere", "date": "2020-05-07",
        "system": system, "candidates": candidates(first.len()), "first_preferences": fp,
        "sources": [{"id": "gen", "title": "proptest"}],
    })
}

/// A round's tally in whole votes: `None` for a candidate out of the count.
fn tallies(r: &Round) -> Vec<Option<u64>> {
    (0..r.votes.len())
        .map(|i| r.tally(i).map(|v| v.get()))
        .collect()
}

fn check_invariants(count: &Count) -> Result<(), TestCaseError> {
    let valid = count.valid.get();
    let mut out_of_count: Vec<usize> = Vec::new();
    for (k, r) in count.rounds.iter().enumerate() {
        let votes = tallies(r);
        let continuing: u64 = votes.iter().flatten().sum();
        prop_assert_eq!(continuing, r.continuing.get(), "round {}", r.number);
        prop_assert_eq!(
            continuing + r.exhausted.get(),
            valid,
            "votes conserved in round {}",
            r.number
        );
        prop_assert_eq!(r.threshold.get(), r.continuing.get() / 2 + 1);
        prop_assert_eq!(r.number, k + 1);
        for (i, state) in r.states.iter().enumerate() {
            prop_assert_eq!(
                *state == State::Elected,
                count.rounds[..=k].iter().any(|p| p.elected.contains(&i)),
                "candidate {} is in the elected state from the round they are elected",
                i
            );
        }
        for &gone in &out_of_count {
            prop_assert!(
                votes[gone].is_none(),
                "candidate {} came back in round {}",
                gone,
                r.number
            );
        }
        if k > 0 {
            let prev = &count.rounds[k - 1];
            for t in &r.transfers {
                for from in &t.from {
                    prop_assert!(
                        prev.eliminated.contains(from),
                        "transfer from {} not eliminated in round {}",
                        from,
                        prev.number
                    );
                }
                if let Destination::Candidate(to) = t.to {
                    prop_assert!(votes[to].is_some());
                }
            }
            let moved: u64 = r.transfers.iter().map(|t| t.votes.get()).sum();
            let before = tallies(prev);
            let eliminated_votes: u64 = prev.eliminated.iter().map(|&e| before[e].unwrap()).sum();
            prop_assert_eq!(
                moved,
                eliminated_votes,
                "every eliminated ballot goes somewhere"
            );
            for (i, v) in votes.iter().enumerate() {
                if let Some(v) = v {
                    prop_assert_eq!(
                        *v,
                        before[i].unwrap() + r.received(i).get(),
                        "candidate {} = previous + received",
                        i
                    );
                }
            }
            prop_assert_eq!(r.exhausted, prev.exhausted + r.newly_exhausted());
        }
        out_of_count.extend(r.eliminated.iter().copied());
    }
    if let Outcome::Elected(won) = &count.outcome {
        let w = won[0];
        let last = count.last();
        let votes = tallies(last);
        let best = votes.iter().flatten().max().copied().unwrap();
        prop_assert_eq!(votes[w], Some(best), "the winner leads the final round");
        prop_assert_eq!(&last.elected, &vec![w]);
    }
    Ok(())
}

/// First preferences and, for each candidate, how their ballots' second choices split.
fn sv_case() -> impl Strategy<Value = (Vec<u64>, Vec<Vec<u64>>)> {
    (2usize..9).prop_flat_map(|n| {
        prop::collection::vec(0u64..200_000, n).prop_flat_map(move |first| {
            let rows: Vec<_> = first
                .iter()
                .map(|&f| prop::collection::vec(0u64..=1000, n).prop_map(move |w| split(f, &w)))
                .collect();
            (Just(first), rows)
        })
    })
}

/// Split `total` in proportion to `weights`, leaving the rounding remainder (and a share
/// for "no second choice") unallocated.
fn split(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u64 = weights.iter().sum::<u64>() + 500;
    weights.iter().map(|w| total * w / sum).collect()
}

fn sv_contest(first: &[u64], rows: &[Vec<u64>], with_matrix: bool) -> (String, Vec<usize>) {
    let mut ranked: Vec<usize> = (0..first.len()).collect();
    ranked.sort_by(|&a, &b| first[b].cmp(&first[a]).then(a.cmp(&b)));
    let finalists = vec![ranked[0], ranked[1]];
    let mut v = base("supplementary-vote", first);
    let valid: u64 = first.iter().sum();
    if valid == 0 || first[ranked[0]] > valid / 2 {
        return (v.to_string(), finalists);
    }
    let mut transfers = serde_json::Map::new();
    for &f in &finalists {
        let t: u64 = (0..first.len())
            .filter(|i| !finalists.contains(i))
            .map(|i| if i == f { 0 } else { rows[i][f] })
            .sum();
        transfers.insert(format!("c{f}"), json!(t));
    }
    let mut second = json!({"transfers": transfers});
    if with_matrix {
        let matrix: Vec<Value> = rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let cells: serde_json::Map<String, Value> = row
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(j, v)| (format!("c{j}"), json!(v)))
                    .collect();
                json!({"first": format!("c{i}"), "second": cells})
            })
            .collect();
        second["matrix"] = json!(matrix);
    }
    v["second_round"] = second;
    (v.to_string(), finalists)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn supplementary_vote_counts_keep_every_invariant((first, rows) in sv_case(), with_matrix in any::<bool>()) {
        let (text, finalists) = sv_contest(&first, &rows, with_matrix);
        let loaded = tally::import::dataset::from_str(&text).map_err(|d| TestCaseError::fail(format!("{d:?}\n{text}")))?;
        check_invariants(&loaded.count)?;
        let count = &loaded.count;
        if count.rounds.len() == 2 {
            let r2 = &count.rounds[1];
            for &f in &finalists {
                prop_assert_eq!(tallies(r2)[f], Some(first[f] + r2.received(f).get()), "finalist total = first + transfers");
            }
            prop_assert_eq!(tallies(r2).iter().flatten().count(), 2, "only the top two continue");
        }
    }

    #[test]
    fn matrix_and_totals_give_the_same_second_round((first, rows) in sv_case()) {
        let a = tally::import::dataset::from_str(&sv_contest(&first, &rows, true).0).unwrap();
        let b = tally::import::dataset::from_str(&sv_contest(&first, &rows, false).0).unwrap();
        prop_assert_eq!(&a.count.last().votes, &b.count.last().votes);
        prop_assert_eq!(a.count.last().exhausted, b.count.last().exhausted);
        prop_assert_eq!(a.count.outcome, b.count.outcome);
    }

    #[test]
    fn first_past_the_post_elects_a_top_candidate(first in prop::collection::vec(0u64..1_000_000, 1..15)) {
        let loaded = tally::import::dataset::from_str(&base("first-past-the-post", &first).to_string()).unwrap();
        check_invariants(&loaded.count)?;
        prop_assert_eq!(loaded.count.rounds.len(), 1);
        if first.iter().any(|&v| v > 0) {
            let w = loaded.count.winner().unwrap();
            prop_assert_eq!(first[w], *first.iter().max().unwrap());
            prop_assert_eq!(w, first.iter().position(|&v| v == first[w]).unwrap(), "ties go to the earlier candidate");
        }
    }

    #[test]
    fn instant_runoff_rounds_keep_every_invariant(
        first in prop::collection::vec(0u64..100_000, 2..10),
        seeds in prop::collection::vec(prop::collection::vec(0u64..=100, 11), 10),
    ) {
        let text = irv_contest(&first, &seeds);
        let loaded = tally::import::dataset::from_str(&text).map_err(|d| TestCaseError::fail(format!("{d:?}\n{text}")))?;
        check_invariants(&loaded.count)?;
        if !loaded.count.valid.is_zero() {
            prop_assert!(matches!(loaded.count.outcome, Outcome::Elected(_)), "a full IRV count elects someone");
        }
    }

    #[test]
    fn no_input_makes_loading_panic(text in ".{0,400}") {
        let _ = tally::import::dataset::from_str(&text);
    }

    #[test]
    fn hostile_numbers_and_strings_never_panic((first, rows) in sv_case(), field in 0usize..6, value in any::<u64>(), text in "\\PC{0,12}") {
        let (json_text, _) = sv_contest(&first, &rows, true);
        let mut v: Value = serde_json::from_str(&json_text).unwrap();
        match field {
            0 => v["first_preferences"]["c0"] = json!(value),
            1 => v["valid_votes"] = json!(value),
            2 => v["electorate"] = json!(value),
            3 => v["candidates"][0]["name"] = json!(text),
            4 => v["second_round"]["transfers"] = json!({"c0": value, "c1": value}),
            _ => v["areas"] = json!([{"id": "a", "name": text, "first_preferences": {"c0": value}}, {"id": "b", "name": "B", "first_preferences": {"c0": value}}]),
        }
        if let Ok(l) = tally::import::dataset::from_str(&v.to_string()) {
            check_invariants(&l.count)?;
            let report = tally::report::text::rounds(&l);
            prop_assert!(!report.chars().any(|c| c.is_control() && c != '\n'), "control characters reached the report");
        }
    }
}

/// Simulate an instant-runoff count and write its rounds as a dataset would.
fn irv_contest(first: &[u64], seeds: &[Vec<u64>]) -> String {
    let n = first.len();
    let mut v = base("instant-runoff", first);
    let mut votes: Vec<Option<u64>> = first.iter().map(|&f| Some(f)).collect();
    let mut rounds = Vec::new();
    let total: u64 = first.iter().sum();
    for seed in seeds {
        let continuing: u64 = votes.iter().flatten().sum();
        if total == 0
            || votes.iter().flatten().any(|&x| x > continuing / 2)
            || votes.iter().flatten().count() < 2
        {
            break;
        }
        let lowest = (0..n)
            .filter(|&i| votes[i].is_some())
            .min_by_key(|&i| (votes[i].unwrap(), std::cmp::Reverse(i)))
            .unwrap();
        let pile = votes[lowest].take().unwrap();
        let survivors: Vec<usize> = (0..n).filter(|&i| votes[i].is_some()).collect();
        let weights: Vec<u64> = survivors.iter().map(|&i| seed[i]).collect();
        let shares = split(pile, &weights);
        let mut transfers = Vec::new();
        for (&to, &s) in survivors.iter().zip(&shares) {
            if s > 0 {
                votes[to] = votes[to].map(|x| x + s);
                transfers.push(
                    json!({"from": format!("c{lowest}"), "to": format!("c{to}"), "votes": s}),
                );
            }
        }
        rounds.push(json!({"eliminated": [format!("c{lowest}")], "transfers": transfers}));
    }
    v["rounds"] = json!(rounds);
    v.to_string()
}
