//! Counting from ballots: the Supplementary Vote's first-by-second matrix and the rounds of
//! an instant runoff, computed from each ballot's choices.
//!
//! The results are dataset structures (`SecondRound`, `RoundSpec`), so the engine in
//! [`super::sv`] and [`super::irv`] re-checks every figure exactly as it would for a count
//! published elsewhere. Instant runoff eliminates one candidate per round: the one with the
//! fewest votes; among equals, the one tally's tie rule favours least (the last in candidate
//! order), which the engine then records as a tie broken by candidate order.

use std::collections::BTreeMap;

use crate::model::{MatrixRow, RoundSpec, SecondRound, TransferSpec, VoteMap, Votes};

/// A ballot group: how many identical ballots, and their choices as candidate indices.
pub type Group = (u64, Vec<usize>);

/// The Supplementary Vote's second round from ballots: `None` when it is not needed (a
/// majority, or no votes). Uses only each ballot's first two choices.
pub fn sv_second_round(groups: &[Group], first: &[u64], ids: &[String]) -> Option<SecondRound> {
    let valid: u64 = first.iter().sum();
    if valid == 0 || first.iter().any(|&v| v > valid / 2) {
        return None;
    }
    let n = first.len();
    // Only the pairs some ballot has: a full table would be candidates squared.
    let mut table: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    for (count, choices) in groups {
        if let [a, b, ..] = choices[..] {
            *table.entry((a, b)).or_default() += count;
        }
    }
    let mut rows: Vec<Vec<(String, Votes)>> = vec![Vec::new(); n];
    for ((f, s), votes) in table {
        rows[f].push((ids[s].clone(), Votes::new(votes)));
    }
    let matrix = rows
        .into_iter()
        .enumerate()
        .filter(|&(f, _)| first[f] > 0)
        .map(|(f, second)| MatrixRow {
            first: ids[f].clone(),
            second: VoteMap(second),
        })
        .collect();
    Some(SecondRound {
        transfers: None,
        matrix: Some(matrix),
        totals: None,
        non_transferable: None,
    })
}

/// The rounds of an instant runoff after the first, from ballots.
pub fn irv_rounds(groups: &[Group], first: &[u64], ids: &[String]) -> Vec<RoundSpec> {
    let n = first.len();
    let mut continuing = vec![true; n];
    let mut votes = first.to_vec();
    // Each group's current choice: the position in its list of the candidate it counts for.
    let mut at: Vec<usize> = vec![0; groups.len()];
    let mut exhausted = 0u64;
    let mut rounds = Vec::new();
    loop {
        let live: Vec<usize> = (0..n).filter(|&i| continuing[i]).collect();
        let total: u64 = live.iter().map(|&i| votes[i]).sum();
        if total == 0 || live.len() <= 1 || live.iter().any(|&i| votes[i] > total / 2) {
            return rounds;
        }
        // The fewest votes; among equals, the last in candidate order goes.
        let low = live
            .iter()
            .map(|&i| votes[i])
            .min()
            .expect("live is not empty");
        let out = *live
            .iter()
            .rev()
            .find(|&&i| votes[i] == low)
            .expect("someone has the fewest");
        continuing[out] = false;
        let mut moved = vec![0u64; n];
        for (g, (count, choices)) in groups.iter().enumerate() {
            if choices.get(at[g]) != Some(&out) {
                continue;
            }
            match choices
                .iter()
                .enumerate()
                .skip(at[g] + 1)
                .find(|(_, c)| continuing[**c])
            {
                Some((k, &to)) => {
                    at[g] = k;
                    moved[to] += count;
                }
                None => {
                    at[g] = choices.len();
                    exhausted += count;
                }
            }
        }
        votes[out] = 0;
        for i in 0..n {
            votes[i] += moved[i];
        }
        rounds.push(RoundSpec {
            eliminated: vec![ids[out].clone()],
            transfers: (0..n)
                .filter(|&i| moved[i] > 0)
                .map(|i| TransferSpec {
                    from: Some(ids[out].clone()),
                    to: ids[i].clone(),
                    votes: Votes::new(moved[i]),
                })
                .collect(),
            // No tally: the engine computes it, and listing every continuing candidate in
            // every round would be candidates squared. The exhausted total is still checked.
            tally: None,
            exhausted: Some(Votes::new(exhausted)),
        });
    }
}
