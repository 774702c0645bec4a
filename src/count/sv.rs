//! The Supplementary Vote: a first round of first preferences and, unless somebody has more
//! than half of them, a second round between the top two.
//!
//! Every other candidate is eliminated at once. Their ballots whose second choice is one of
//! the two finalists are added to that finalist; the rest are non-transferable. The second
//! round comes from the dataset either as a total per finalist (what is usually declared)
//! or as the full first-by-second matrix, from which the transfers per eliminated candidate
//! are derived. Declared final totals and the non-transferable figure are checked.

use super::step::{self, Move};
use super::ties::{TieKind, rank_and_cut};
use super::{CandidateIdx, Count, Destination, Outcome, first_round, majority};
use crate::model::ids::Unknown;
use crate::model::{Contest, Diagnostic, SecondRound, Votes, VotingSystem};

/// Where the second round comes from.
#[derive(Debug, Clone, Copy)]
pub enum Second<'a> {
    /// As declared in a dataset; `None` while it has not been (the count stops after
    /// round 1).
    Declared(Option<&'a SecondRound>),
    /// Counted from ballots: each ranking's first two choices.
    Ballots(&'a [(Vec<CandidateIdx>, Votes)]),
}

pub fn count(contest: &Contest, first: &[Votes], second: Second) -> Result<Count, Vec<Diagnostic>> {
    let second_round = match second {
        Second::Declared(declared) => declared,
        Second::Ballots(_) => None,
    };
    let mut round1 = first_round(first);
    let valid = round1.continuing;
    let done = |rounds, outcome| Count {
        system: VotingSystem::SupplementaryVote,
        rounds,
        outcome,
        valid,
        partial: false,
    };

    if valid.is_zero() {
        if second_round.is_some() {
            return Err(vec![Diagnostic::error(
                "second_round",
                "a second round is given, but there are no first preferences",
            )]);
        }
        return Ok(done(vec![round1], Outcome::NoVotes));
    }
    if let Some(winner) = majority(&round1) {
        if second_round.is_some() {
            return Err(vec![Diagnostic::error(
                "second_round",
                format!(
                    "a second round is given, but `{}` has more than half of the first preferences ({} of {}) and is elected in round 1",
                    contest.candidates[winner].id, first[winner], valid
                ),
            )]);
        }
        round1.elect(winner);
        return Ok(done(vec![round1], Outcome::Elected(vec![winner])));
    }

    let standing: Vec<(CandidateIdx, Votes)> = first.iter().copied().enumerate().collect();
    let (ranked, tie) = rank_and_cut(contest, &standing, 2, TieKind::SecondPlace);
    let finalists: Vec<CandidateIdx> = ranked.iter().take(2).map(|(i, _)| *i).collect();
    let mut eliminated: Vec<CandidateIdx> = ranked.iter().skip(2).map(|(i, _)| *i).collect();
    eliminated.sort_unstable();
    round1.eliminated = eliminated.clone();
    round1.tie_breaks.extend(tie);

    let moves = match second {
        Second::Declared(None) => return Ok(done(vec![round1], Outcome::Incomplete)),
        Second::Declared(Some(declared)) => {
            moves(contest, declared, first, &finalists, &eliminated)?
        }
        Second::Ballots(rankings) => {
            super::ballots::second_round_moves(rankings, &finalists, &eliminated)
        }
    };
    let mut round2 = step::apply(contest, &round1, &eliminated, &moves, "second_round")?;
    if let Some(declared) = second_round {
        check_declared(contest, declared, first, &finalists, &round2)?;
    }

    let final_votes: Vec<(CandidateIdx, Votes)> =
        finalists.iter().map(|&f| (f, round2.votes[f])).collect();
    let (ranked, tie) = rank_and_cut(contest, &final_votes, 1, TieKind::Winner);
    let winner = ranked[0].0;
    round2.elect(winner);
    round2.tie_breaks.extend(tie);
    Ok(done(vec![round1, round2], Outcome::Elected(vec![winner])))
}

/// The second round's transfers, from the matrix (per eliminated candidate) or the totals.
fn moves(
    contest: &Contest,
    second: &SecondRound,
    first: &[Votes],
    finalists: &[CandidateIdx],
    eliminated: &[CandidateIdx],
) -> Result<Vec<Move>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let finalist_ids = || {
        finalists
            .iter()
            .map(|&f| format!("`{}`", contest.candidates[f].id))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let from_matrix = second
        .matrix
        .as_ref()
        .map(|rows| matrix_moves(contest, rows, first, finalists, eliminated, &mut errors));
    let ids = contest.ids();
    let mut unknown = Unknown::new(&contest.candidates);
    let stated = match &second.transfers {
        Some(map) => {
            let mut out = Vec::new();
            for (id, votes) in map.iter() {
                let path = format!("second_round.transfers.{id}");
                match ids.get(id).copied() {
                    None => errors.push(Diagnostic::error(path, unknown.message(id))),
                    Some(i) if !finalists.contains(&i) => errors.push(Diagnostic::error(
                        path,
                        format!(
                            "`{id}` is not in the second round: only the top two, {}, continue",
                            finalist_ids()
                        ),
                    )),
                    Some(i) => out.push((i, votes)),
                }
            }
            for &f in finalists {
                if map.get(&contest.candidates[f].id).is_none() {
                    errors.push(Diagnostic::error(
                        "second_round.transfers",
                        format!(
                            "no transfer given for finalist `{}`; write 0 if they received none",
                            contest.candidates[f].id
                        ),
                    ));
                }
            }
            Some(out)
        }
        None => None,
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    match (from_matrix, stated) {
        (Some(matrix), stated) => {
            for (to, votes) in stated.into_iter().flatten() {
                let derived: Votes = matrix
                    .iter()
                    .filter(|m| m.to == Destination::Candidate(to))
                    .map(|m| m.votes)
                    .sum();
                if derived != votes {
                    errors.push(Diagnostic::error(
                        format!("second_round.transfers.{}", contest.candidates[to].id),
                        format!("{} stated, but the matrix gives {}", votes, derived),
                    ));
                }
            }
            if errors.is_empty() {
                Ok(matrix)
            } else {
                Err(errors)
            }
        }
        (None, Some(stated)) => Ok(stated
            .into_iter()
            .map(|(to, votes)| Move {
                from: None,
                to: Destination::Candidate(to),
                votes,
                path: format!("second_round.transfers.{}", contest.candidates[to].id),
            })
            .collect()),
        (None, None) => Err(vec![Diagnostic::error(
            "second_round",
            "give `transfers` (votes added to each finalist) or `matrix` (first-by-second preferences)",
        )]),
    }
}

fn matrix_moves(
    contest: &Contest,
    rows: &[crate::model::MatrixRow],
    first: &[Votes],
    finalists: &[CandidateIdx],
    eliminated: &[CandidateIdx],
    errors: &mut Vec<Diagnostic>,
) -> Vec<Move> {
    let mut moves = Vec::new();
    let ids = contest.ids();
    let mut unknown = Unknown::new(&contest.candidates);
    let nc = contest.candidates.len();
    let mut seen = vec![false; nc];
    let mut is_finalist = vec![false; nc];
    for &f in finalists {
        is_finalist[f] = true;
    }
    let mut is_eliminated = vec![false; nc];
    for &e in eliminated {
        is_eliminated[e] = true;
    }
    for (r, row) in rows.iter().enumerate() {
        let path = format!("second_round.matrix[{r}]");
        let Some(&from) = ids.get(row.first.as_str()) else {
            errors.push(Diagnostic::error(
                format!("{path}.first"),
                unknown.message(&row.first),
            ));
            continue;
        };
        if seen[from] {
            errors.push(Diagnostic::error(
                format!("{path}.first"),
                format!(
                    "a second row for `{}`; give each first choice once",
                    row.first
                ),
            ));
            continue;
        }
        seen[from] = true;
        let mut total: u128 = 0;
        for (id, votes) in row.second.iter() {
            let cell = || format!("{path}.second.{id}");
            total += u128::from(votes.raw());
            match ids.get(id).copied() {
                None => errors.push(Diagnostic::error(cell(), unknown.message(id))),
                Some(to) if to == from => errors.push(Diagnostic::error(
                    cell(),
                    "a second choice the same as the first is not a second preference; leave it out",
                )),
                Some(to) if is_finalist[to] && is_eliminated[from] => {
                    moves.push(Move { from: Some(from), to: Destination::Candidate(to), votes, path: cell() })
                }
                Some(_) => {}
            }
        }
        if total > u128::from(first[from].raw()) {
            errors.push(Diagnostic::error(
                format!("{path}.second"),
                format!(
                    "second choices of `{}`'s voters sum to {}, more than their {} first preferences",
                    row.first,
                    crate::text::thousands_wide(total / u128::from(Votes::new(1).raw())),
                    first[from]
                ),
            ));
        }
    }
    for &e in eliminated {
        if !first[e].is_zero() && !seen[e] {
            errors.push(Diagnostic::error(
                "second_round.matrix",
                format!(
                    "no row for eliminated candidate `{}`: where their ballots went is unknown",
                    contest.candidates[e].id
                ),
            ));
        }
    }
    moves
}

/// Check the declared final totals and non-transferable figure against the count.
fn check_declared(
    contest: &Contest,
    second: &SecondRound,
    first: &[Votes],
    finalists: &[CandidateIdx],
    round2: &super::Round,
) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    if let Some(totals) = &second.totals {
        let ids = contest.ids();
        let mut unknown = Unknown::new(&contest.candidates);
        for (id, stated) in totals.iter() {
            let path = format!("second_round.totals.{id}");
            match ids.get(id).copied() {
                None => errors.push(Diagnostic::error(path, unknown.message(id))),
                Some(i) if !finalists.contains(&i) => errors.push(Diagnostic::error(
                    path,
                    format!("`{id}` is not in the second round"),
                )),
                Some(i) => {
                    let computed = round2.votes[i];
                    if computed != stated {
                        errors.push(Diagnostic::error(
                            path,
                            format!(
                                "{} stated, but first preferences {} + transfers {} = {}",
                                stated,
                                first[i],
                                round2.received(i),
                                computed
                            ),
                        ));
                    }
                }
            }
        }
    }
    if let Some(stated) = second.non_transferable
        && stated != round2.exhausted
    {
        let eliminated: Votes = round2.transfers.iter().map(|t| t.votes).sum();
        errors.push(Diagnostic::error(
            "second_round.non_transferable",
            format!(
                "{} stated, but the eliminated candidates' {} ballots less {} transferred leave {}",
                stated,
                eliminated,
                eliminated - round2.exhausted,
                round2.exhausted
            ),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
