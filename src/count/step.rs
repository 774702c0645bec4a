//! One transfer step, shared by every preferential system: eliminated candidates' ballots
//! move to continuing candidates or become exhausted.
//!
//! The Supplementary Vote's second round and each imported instant-runoff round are both
//! a step; keeping the arithmetic and its checks in one place means they cannot disagree.

use std::collections::HashMap;

use super::{CandidateIdx, Destination, Round, State, Transfer, threshold};
use crate::model::{Contest, Diagnostic, Votes};

/// Ballots moving in a step, as the dataset gives them.
#[derive(Debug, Clone)]
pub struct Move {
    /// The eliminated candidate they came from; `None` for a total from all of the step's
    /// eliminated candidates together.
    pub from: Option<CandidateIdx>,
    pub to: Destination,
    pub votes: Votes,
    /// Where the dataset states this move, for error messages.
    pub path: String,
}

/// Apply a step to `prev`, giving the next round. `path` locates the step in the dataset.
pub fn apply(
    contest: &Contest,
    prev: &Round,
    eliminated: &[CandidateIdx],
    moves: &[Move],
    path: &str,
) -> Result<Round, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let id = |i: CandidateIdx| contest.candidates[i].id.as_str();
    let votes_of = |i: CandidateIdx| prev.tally(i).unwrap_or(Votes::ZERO);
    let mut is_eliminated = vec![false; contest.candidates.len()];
    for &e in eliminated {
        is_eliminated[e] = true;
    }

    let pooled = moves.iter().any(|m| m.from.is_none());
    let per_source = moves.iter().any(|m| m.from.is_some());
    if pooled && per_source {
        errors.push(Diagnostic::error(
            path,
            "give every transfer a `from`, or none of them: a mix cannot be checked against the eliminated candidates' votes",
        ));
        return Err(errors);
    }

    for m in moves {
        if let Some(from) = m.from
            && !is_eliminated[from]
        {
            errors.push(Diagnostic::error(
                &m.path,
                format!(
                    "transfer from `{}`, who is not eliminated in this round",
                    id(from)
                ),
            ));
        }
        if let Destination::Candidate(to) = m.to
            && (!prev.is_continuing(to) || is_eliminated[to])
        {
            let continuing: Vec<String> = (0..contest.candidates.len())
                .filter(|&i| prev.is_continuing(i) && !is_eliminated[i])
                .map(|i| format!("`{}`", id(i)))
                .collect();
            errors.push(Diagnostic::error(
                &m.path,
                format!(
                    "transfer to `{}`, who is not continuing in this round (continuing: {})",
                    id(to),
                    continuing.join(", ")
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Group the moves by source: each eliminated candidate, or all of them together.
    let groups: Vec<Vec<CandidateIdx>> = if pooled || moves.is_empty() {
        vec![eliminated.to_vec()]
    } else {
        eliminated.iter().map(|&e| vec![e]).collect()
    };
    // Each move's group, found once: the moves of a matrix can number candidates squared.
    let mut of_groups: Vec<Vec<&Move>> = vec![Vec::new(); groups.len()];
    if pooled || moves.is_empty() {
        of_groups[0] = moves.iter().collect();
    } else {
        let mut group_of = vec![usize::MAX; contest.candidates.len()];
        for (g, &e) in eliminated.iter().enumerate() {
            group_of[e] = g;
        }
        for m in moves {
            if let Some(from) = m.from {
                of_groups[group_of[from]].push(m);
            }
        }
    }
    let mut transfers: Vec<Transfer> = Vec::new();
    for (group, of_group) in groups.into_iter().zip(of_groups) {
        // Wide sums: a hostile file's transfers may add up to more than any count holds.
        let available: u128 = group.iter().map(|&e| u128::from(votes_of(e).raw())).sum();
        let moved: u128 = of_group.iter().map(|m| u128::from(m.votes.raw())).sum();
        // What is printed: a sum of transfers may be too large to be a `Votes`.
        let wide = |raw: u128| match u64::try_from(raw) {
            Ok(raw) => Votes::from_raw(raw).to_string(),
            Err(_) => crate::text::thousands_wide(raw / u128::from(Votes::new(1).raw())),
        };
        let who = if group.len() == 1 {
            format!("`{}`", id(group[0]))
        } else {
            "the eliminated candidates".to_string()
        };
        if moved > available {
            errors.push(Diagnostic::error(
                path,
                format!(
                    "transfers from {who} total {}, more than the {} votes they had",
                    wide(moved),
                    wide(available)
                ),
            ));
            continue;
        }
        let explicit_exhausted = of_group.iter().any(|m| m.to == Destination::Exhausted);
        if explicit_exhausted && moved != available {
            errors.push(Diagnostic::error(
                path,
                format!(
                    "transfers from {who} total {}, but they had {} votes: when `exhausted` is given, every ballot must be accounted for",
                    wide(moved),
                    wide(available)
                ),
            ));
            continue;
        }
        // This group's transfer to each destination, merging moves with the same one.
        let mut to_index: HashMap<Destination, usize> = HashMap::new();
        for m in of_group {
            if m.votes.is_zero() {
                continue;
            }
            match to_index.get(&m.to) {
                Some(&k) => transfers[k].votes += m.votes,
                None => {
                    to_index.insert(m.to, transfers.len());
                    transfers.push(Transfer {
                        from: group.clone(),
                        to: m.to,
                        votes: m.votes,
                    });
                }
            }
        }
        // What no move accounts for is exhausted (never alongside an explicit `exhausted`,
        // which must account for everything).
        let remainder = Votes::from_raw((available - moved) as u64);
        if !remainder.is_zero() {
            transfers.push(Transfer {
                from: group.clone(),
                to: Destination::Exhausted,
                votes: remainder,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut votes = prev.votes.clone();
    let mut states = prev.states.clone();
    for &e in eliminated {
        votes[e] = Votes::ZERO;
        states[e] = State::Excluded;
    }
    for t in &transfers {
        if let Destination::Candidate(to) = t.to {
            votes[to] += t.votes;
        }
    }
    let newly_exhausted: Votes = transfers
        .iter()
        .filter(|t| t.to == Destination::Exhausted)
        .map(|t| t.votes)
        .sum();
    let continuing: Votes = votes
        .iter()
        .zip(&states)
        .filter(|(_, s)| **s != State::Excluded)
        .map(|(v, _)| *v)
        .sum();
    Ok(Round {
        number: prev.number + 1,
        states,
        votes,
        transfers,
        exhausted: prev.exhausted + newly_exhausted,
        continuing,
        threshold: threshold(continuing),
        elected: Vec::new(),
        eliminated: Vec::new(),
        tie_breaks: Vec::new(),
        inactive: None,
        derived: false,
        residual: Votes::ZERO,
    })
}
