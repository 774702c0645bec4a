//! Instant runoff from rounds counted elsewhere (an official result sheet, an RCTab export).
//!
//! Round 1 is first preferences. Each entry of the dataset's `rounds` is one later round:
//! who was eliminated at the end of the previous round and where their ballots went. tally
//! re-does the arithmetic and checks that the eliminated were really at the bottom, that
//! nobody had already won, and that any published tally matches.

use super::step::{self, Move};
use super::ties::{TieBreak, TieKind, TieRule};
use super::{CandidateIdx, Count, Destination, Outcome, Round, first_round, majority};
use crate::model::ids::Ids;
use crate::model::{Contest, Diagnostic, EXHAUSTED, RoundSpec, Votes, VotingSystem};
use crate::text::thousands;

pub fn count(
    contest: &Contest,
    first: &[Votes],
    specs: &[RoundSpec],
) -> Result<Count, Vec<Diagnostic>> {
    let round1 = first_round(first);
    let valid = round1.continuing;
    let mut rounds = vec![round1];
    let mut ids = Ids::new(&contest.candidates);
    let mut outcome = if valid.is_zero() {
        Outcome::NoVotes
    } else {
        Outcome::Incomplete
    };

    if !valid.is_zero()
        && let Some(w) = decided(&rounds[0])
    {
        rounds[0].elect(w);
        outcome = Outcome::Elected(vec![w]);
    }
    for (k, spec) in specs.iter().enumerate() {
        let path = format!("rounds[{k}]");
        if let Outcome::Elected(won) = &outcome {
            let w = won[0];
            return Err(vec![Diagnostic::error(
                path,
                format!(
                    "`{}` already won in round {} with more than half of the votes; no further round can follow",
                    contest.candidates[w].id,
                    rounds.len()
                ),
            )]);
        }
        if valid.is_zero() {
            return Err(vec![Diagnostic::error(
                path,
                "there are no first preferences to transfer",
            )]);
        }
        if !super::within_limit(contest.candidates.len(), rounds.len() + 1) {
            return Err(vec![Diagnostic::error(
                path,
                format!(
                    "{} candidates over {} rounds is more than tally can hold ({} figures at most)",
                    thousands(contest.candidates.len() as u64),
                    thousands(rounds.len() as u64 + 1),
                    thousands(super::MAX_FIGURES as u64)
                ),
            )]);
        }
        let prev = rounds.last_mut().expect("round 1 exists");
        let eliminated = eliminations(contest, &mut ids, prev, spec, &path)?;
        prev.eliminated = eliminated.clone();
        let moves = moves(&mut ids, spec, &path)?;
        let mut next = step::apply(
            contest,
            prev,
            &eliminated,
            &moves,
            &format!("{path}.transfers"),
        )?;
        check_published(&mut ids, spec, &next, &path)?;
        if let Some(w) = decided(&next) {
            next.elect(w);
            outcome = Outcome::Elected(vec![w]);
        }
        rounds.push(next);
    }
    Ok(Count {
        system: VotingSystem::InstantRunoff,
        rounds,
        outcome,
        valid,
        partial: false,
    })
}

/// The winner of a round: more than half of the continuing votes.
fn decided(round: &Round) -> Option<CandidateIdx> {
    majority(round)
}

/// Check a round's eliminations against the previous tally, recording a tie if the cut
/// fell between equal candidates.
fn eliminations(
    contest: &Contest,
    ids: &mut Ids,
    prev: &mut Round,
    spec: &RoundSpec,
    path: &str,
) -> Result<Vec<CandidateIdx>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut eliminated = Vec::new();
    let mut out = vec![false; contest.candidates.len()];
    if spec.eliminated.is_empty() {
        errors.push(Diagnostic::error(
            format!("{path}.eliminated"),
            "no candidate is eliminated; a round needs at least one",
        ));
    }
    for (j, id) in spec.eliminated.iter().enumerate() {
        let p = format!("{path}.eliminated[{j}]");
        match ids.get(id) {
            None => errors.push(Diagnostic::error(p, ids.unknown(id))),
            Some(i) if !prev.is_continuing(i) => errors.push(Diagnostic::error(
                p,
                format!("`{id}` is no longer in the count in round {}", prev.number),
            )),
            Some(i) if out[i] => {
                errors.push(Diagnostic::error(p, format!("`{id}` is listed twice")))
            }
            Some(i) => {
                out[i] = true;
                eliminated.push(i);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let standing = prev.standings();
    let survivors: Vec<(CandidateIdx, Votes)> =
        standing.iter().copied().filter(|&(i, _)| !out[i]).collect();
    if survivors.is_empty() {
        return Err(vec![Diagnostic::error(
            format!("{path}.eliminated"),
            "every candidate is eliminated; at least one must continue",
        )]);
    }
    let lowest_survivor = survivors
        .iter()
        .min_by_key(|(_, v)| *v)
        .copied()
        .expect("non-empty");
    let highest_out = standing
        .iter()
        .copied()
        .filter(|&(i, _)| out[i])
        .max_by_key(|(_, v)| *v)
        .expect("non-empty");
    if highest_out.1 > lowest_survivor.1 {
        return Err(vec![Diagnostic::error(
            format!("{path}.eliminated"),
            format!(
                "`{}` is eliminated with {} votes while `{}` continues with only {}: eliminations must start from the bottom",
                contest.candidates[highest_out.0].id,
                highest_out.1,
                contest.candidates[lowest_survivor.0].id,
                lowest_survivor.1
            ),
        )]);
    }
    if highest_out.1 == lowest_survivor.1 {
        let votes = highest_out.1;
        let tied: Vec<CandidateIdx> = standing
            .iter()
            .filter(|(_, v)| *v == votes)
            .map(|(i, _)| *i)
            .collect();
        let preferred: Vec<CandidateIdx> = tied.iter().copied().filter(|&i| !out[i]).collect();
        // Did the count follow tally's own rule (keep those first in priority)? Then say so.
        let prio = super::ties::priorities(contest);
        let mut by_priority = tied.clone();
        by_priority.sort_by_key(|&i| prio[i]);
        let kept_first = by_priority[..preferred.len()].iter().all(|&i| !out[i]);
        let rule = if kept_first {
            super::ties::rule_for(contest, &tied)
        } else {
            TieRule::AsCounted
        };
        prev.tie_breaks.push(TieBreak {
            kind: TieKind::Elimination,
            tied,
            preferred,
            votes,
            rule,
        });
    }
    eliminated.sort_unstable();
    Ok(eliminated)
}

fn moves(ids: &mut Ids, spec: &RoundSpec, path: &str) -> Result<Vec<Move>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (j, t) in spec.transfers.iter().enumerate() {
        let p = format!("{path}.transfers[{j}]");
        let from = match &t.from {
            None => None,
            Some(id) => match ids.get(id) {
                Some(i) => Some(i),
                None => {
                    errors.push(Diagnostic::error(format!("{p}.from"), ids.unknown(id)));
                    continue;
                }
            },
        };
        let to = if t.to == EXHAUSTED {
            Destination::Exhausted
        } else {
            match ids.get(&t.to) {
                Some(i) => Destination::Candidate(i),
                None => {
                    errors.push(Diagnostic::error(format!("{p}.to"), ids.unknown(&t.to)));
                    continue;
                }
            }
        };
        out.push(Move {
            from,
            to,
            votes: t.votes,
            path: p,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn check_published(
    ids: &mut Ids,
    spec: &RoundSpec,
    next: &Round,
    path: &str,
) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    if let Some(tally) = &spec.tally {
        for (id, stated) in tally.iter() {
            let p = format!("{path}.tally.{id}");
            match ids.get(id) {
                None => errors.push(Diagnostic::error(p, ids.unknown(id))),
                Some(i) => match next.tally(i) {
                    None => errors.push(Diagnostic::error(
                        p,
                        format!("`{id}` is not in the count in round {}", next.number),
                    )),
                    Some(v) if v != stated => errors.push(Diagnostic::error(
                        p,
                        format!("{stated} stated, but the count gives {v}"),
                    )),
                    Some(_) => {}
                },
            }
        }
    }
    if let Some(stated) = spec.exhausted
        && stated != next.exhausted
    {
        errors.push(Diagnostic::error(
            format!("{path}.exhausted"),
            format!("{stated} stated, but the count gives {}", next.exhausted),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
