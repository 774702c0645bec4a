//! A count as another tabulator published it, turned into tally's rounds.
//!
//! Nothing is recounted: the tallies, the inactive ballots and the threshold are the
//! publisher's. What this adds is what every view needs and a file may leave out:
//! - the transfers into each round, as published, with what they leave unaccounted for
//!   exhausted (an eliminated candidate's ballots) or lost to rounding (a surplus);
//! - when the file does not say where ballots went (an empty or missing `transfers` for a
//!   source that had votes: "unknown", never "none"), transfers worked out from the change in
//!   each tally, from all of the round's sources together, and marked [`Round::derived`];
//! - the ties the cut fell on, as recorded or as the figures show them;
//! - the outcome: elected in order once every seat is filled.
//!
//! The readers check a file's consistency (names, votes that only move by transfer, no
//! elimination without a next round) before building a [`Published`]; what is left here
//! cannot fail on a checked count, but says so with a diagnostic if it does.

use std::collections::HashMap;

use super::ties::{TieBreak, TieKind, TieRule};
use super::{CandidateIdx, Count, Destination, Outcome, Round, State, Transfer};
use crate::model::{Contest, Diagnostic, Published, PublishedRound, Votes, VotingSystem};

pub fn count(contest: &Contest, p: &Published) -> Result<Count, Vec<Diagnostic>> {
    let n = contest.candidates.len();
    let Some(first) = p.rounds.first() else {
        return Err(vec![Diagnostic::error(
            "results",
            "the count has no rounds",
        )]);
    };
    if let Some((k, _)) = p
        .rounds
        .iter()
        .enumerate()
        .find(|(_, r)| r.tally.len() != n)
    {
        return Err(vec![Diagnostic::error(
            format!("results[{k}].tally"),
            "a round does not give every candidate's place in the count",
        )]);
    }
    let counted = |r: &PublishedRound| -> Votes { r.tally.iter().flatten().copied().sum() };
    let valid = counted(first) + first.inactive.unwrap_or(Votes::ZERO);
    let seats = contest.seats.max(1) as usize;
    let mut rounds: Vec<Round> = Vec::with_capacity(p.rounds.len());
    let mut elected_so_far: Vec<CandidateIdx> = Vec::new();
    // The same as flags, so each round's states take linear time however many are elected.
    let mut is_elected = vec![false; n];
    for (k, pr) in p.rounds.iter().enumerate() {
        let continuing = counted(pr);
        // Lost to rounding so far; a file without inactive counts leaves the rest of what is
        // no longer counted exhausted.
        let mut residual = rounds.last().map_or(Votes::ZERO, |r| r.residual);
        let out_of_count = valid.saturating_sub(continuing);
        let exhausted = pr
            .inactive
            .unwrap_or_else(|| out_of_count.saturating_sub(residual));
        if pr.inactive.is_some() {
            residual = out_of_count.saturating_sub(exhausted);
        }
        let threshold = pr.threshold.unwrap_or_else(|| match p.system {
            VotingSystem::SingleTransferableVote => droop(valid, seats),
            _ => super::threshold(continuing),
        });
        let states: Vec<State> = pr
            .tally
            .iter()
            .enumerate()
            .map(|(i, t)| match t {
                None => State::Excluded,
                Some(_) if is_elected[i] => State::Elected,
                Some(_) => State::Continuing,
            })
            .collect();
        let votes: Vec<Votes> = pr.tally.iter().map(|t| t.unwrap_or(Votes::ZERO)).collect();
        let mut round = Round {
            number: k + 1,
            states,
            votes,
            transfers: Vec::new(),
            exhausted,
            continuing,
            threshold,
            elected: Vec::new(),
            eliminated: pr.eliminated.clone(),
            tie_breaks: Vec::new(),
            inactive: pr.inactive_kinds,
            derived: false,
            residual,
        };
        if let Some(prev) = rounds.last() {
            let (transfers, derived, lost) = transfers_into(&p.rounds[k - 1], prev, &round);
            round.transfers = transfers;
            round.derived = derived;
            if pr.inactive.is_none() {
                round.residual = round.residual.saturating_add(lost);
                round.exhausted = out_of_count.saturating_sub(round.residual);
            }
        }
        for &i in &pr.elected {
            round.elect(i);
            elected_so_far.push(i);
            is_elected[i] = true;
        }
        round.tie_breaks = ties(pr, &round);
        rounds.push(round);
    }
    // A count that stops with seats still to fill shows whom it elected; the readers warn.
    let outcome = if !elected_so_far.is_empty() {
        Outcome::Elected(elected_so_far)
    } else if valid.is_zero() {
        Outcome::NoVotes
    } else {
        Outcome::Incomplete
    };
    Ok(Count {
        system: p.system,
        rounds,
        outcome,
        valid,
        partial: false,
    })
}

/// The Droop quota, for a multi-winner count whose file gives no threshold: the smallest
/// whole number of votes more than `valid / (seats + 1)`.
fn droop(valid: Votes, seats: usize) -> Votes {
    Votes::new(valid.get() / (seats as u64 + 1) + 1)
}

/// The transfers into `next` from the sources of `prev` (`prev_pub` as published), whether
/// they had to be derived from the change in tallies, and the votes of surpluses that no
/// transfer accounts for (lost to rounding).
fn transfers_into(
    prev_pub: &PublishedRound,
    prev: &Round,
    next: &Round,
) -> (Vec<Transfer>, bool, Votes) {
    // Surpluses: of those elected at the end of `prev`, and of any elected earlier whose
    // votes fall now (OpaVote moves one surplus a round, the largest first).
    let mut surpluses: Vec<CandidateIdx> = prev.elected.clone();
    let listed = flags(&surpluses, prev.votes.len());
    surpluses.extend((0..prev.votes.len()).filter(|&i| {
        !listed[i] && prev.states[i] == State::Elected && next.votes[i] < prev.votes[i]
    }));
    let sources: Vec<CandidateIdx> = surpluses.iter().chain(&prev.eliminated).copied().collect();
    // Votes to pass on: all of an eliminated candidate's, an elected one's surplus (none
    // when elected at the threshold exactly: then `{}` is known to mean nothing moved).
    let is_surplus = flags(&surpluses, prev.votes.len());
    let had_votes = sources.iter().any(|&s| {
        let to_move = if is_surplus[s] {
            prev.votes[s].saturating_sub(next.votes[s])
        } else {
            prev.votes[s]
        };
        !to_move.is_zero()
    });
    let known = match &prev_pub.transfers {
        Some(t) => !t.is_empty() || !had_votes,
        None => !had_votes,
    };
    if !known {
        return (derive(&sources, prev, next), true, Votes::ZERO);
    }
    // Transfers merged by source and destination, in the order first given, and what each
    // source passed on: one pass over the file's transfers, however many a batch has.
    let mut out: Vec<Transfer> = Vec::new();
    let mut at: HashMap<(CandidateIdx, Destination), usize> = HashMap::new();
    let mut add = |from: CandidateIdx, to: Destination, votes: Votes| {
        if votes.is_zero() {
            return;
        }
        match at.get(&(from, to)) {
            Some(&k) => out[k].votes += votes,
            None => {
                at.insert((from, to), out.len());
                out.push(Transfer {
                    from: vec![from],
                    to,
                    votes,
                });
            }
        }
    };
    let mut moved = vec![Votes::ZERO; prev.votes.len()];
    for t in prev_pub.transfers.iter().flatten() {
        let to = t.to.map_or(Destination::Exhausted, Destination::Candidate);
        add(t.from, to, t.votes);
        if let Some(m) = moved.get_mut(t.from) {
            *m = m.saturating_add(t.votes);
        }
    }
    // An eliminated candidate's ballots that no transfer names became inactive; a
    // surplus's votes that no transfer names were lost to rounding.
    for &s in &prev.eliminated {
        add(
            s,
            Destination::Exhausted,
            prev.votes[s].saturating_sub(moved[s]),
        );
    }
    let mut lost = Votes::ZERO;
    for &s in &surpluses {
        let surplus = prev.votes[s].saturating_sub(next.votes[s]);
        lost += surplus.saturating_sub(moved[s]);
    }
    (out, false, lost)
}

/// `true` at each of `list`'s candidates, of `n`: a linear-time `contains`.
fn flags(list: &[CandidateIdx], n: usize) -> Vec<bool> {
    let mut v = vec![false; n];
    for &i in list {
        v[i] = true;
    }
    v
}

/// What each candidate and the exhausted pile gained from `prev` to `next`, from all of
/// `prev`'s sources together.
fn derive(sources: &[CandidateIdx], prev: &Round, next: &Round) -> Vec<Transfer> {
    let mut out = Vec::new();
    let is_source = flags(sources, next.states.len());
    for (i, state) in next.states.iter().enumerate() {
        if *state == State::Excluded || is_source[i] {
            continue;
        }
        let gain = next.votes[i].saturating_sub(prev.votes[i]);
        if !gain.is_zero() {
            out.push(Transfer {
                from: sources.to_vec(),
                to: Destination::Candidate(i),
                votes: gain,
            });
        }
    }
    let gain = next.exhausted.saturating_sub(prev.exhausted);
    if !gain.is_zero() {
        out.push(Transfer {
            from: sources.to_vec(),
            to: Destination::Exhausted,
            votes: gain,
        });
    }
    out
}

/// The ties of a round: as the publisher recorded them, or else as the figures show them
/// (the eliminated on the same votes as someone kept in; a winner elected below the
/// threshold on the same votes as another).
fn ties(pr: &PublishedRound, round: &Round) -> Vec<TieBreak> {
    if !pr.ties.is_empty() {
        return pr
            .ties
            .iter()
            .filter(|t| !t.tied.is_empty())
            .map(|t| {
                let elects = t.chosen.iter().any(|c| round.elected.contains(c));
                let (kind, preferred) = if elects {
                    (TieKind::Winner, t.chosen.clone())
                } else {
                    let kept = t.tied.iter().copied().filter(|c| !t.chosen.contains(c));
                    (TieKind::Elimination, kept.collect())
                };
                TieBreak {
                    kind,
                    tied: t.tied.clone(),
                    preferred,
                    votes: round.votes[t.tied[0]],
                    rule: TieRule::AsCounted,
                }
            })
            .collect();
    }
    let mut out = Vec::new();
    let in_count = |i: usize| round.states[i] != State::Excluded;
    // Whether each candidate is eliminated or elected at the end of this round: looked up,
    // not searched for, as a batch may hold most of the candidates.
    let mut leaving = vec![false; round.votes.len()];
    for &i in round.eliminated.iter().chain(&round.elected) {
        leaving[i] = true;
    }
    if let Some(&top_out) = round.eliminated.iter().max_by_key(|&&i| round.votes[i]) {
        let votes = round.votes[top_out];
        let kept: Vec<CandidateIdx> = (0..round.votes.len())
            .filter(|&i| in_count(i) && !leaving[i] && round.votes[i] == votes)
            .collect();
        if !kept.is_empty() {
            let mut tied: Vec<CandidateIdx> = kept.clone();
            tied.extend(
                round
                    .eliminated
                    .iter()
                    .filter(|&&i| round.votes[i] == votes),
            );
            tied.sort_unstable();
            out.push(TieBreak {
                kind: TieKind::Elimination,
                tied,
                preferred: kept,
                votes,
                rule: TieRule::AsCounted,
            });
        }
    }
    // Those staying in, by their votes, for the winners below the threshold to be found
    // among in one pass.
    let mut staying: std::collections::HashMap<Votes, Vec<CandidateIdx>> =
        std::collections::HashMap::new();
    if round
        .elected
        .iter()
        .any(|&w| round.votes[w] < round.threshold)
    {
        let mut elected = vec![false; round.votes.len()];
        for &i in &round.elected {
            elected[i] = true;
        }
        for i in (0..round.votes.len()).filter(|&i| in_count(i) && !elected[i]) {
            staying.entry(round.votes[i]).or_default().push(i);
        }
    }
    for &w in &round.elected {
        let votes = round.votes[w];
        if votes >= round.threshold {
            continue;
        }
        let others: Vec<CandidateIdx> = staying.get(&votes).cloned().unwrap_or_default();
        if !others.is_empty() {
            let mut tied = others;
            tied.push(w);
            tied.sort_unstable();
            out.push(TieBreak {
                kind: TieKind::Winner,
                tied,
                preferred: vec![w],
                votes,
                rule: TieRule::AsCounted,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::published::testing::{contest, published, round, v};
    use crate::model::{Method, PublishedTransfer};

    #[test]
    fn a_batch_with_unknown_transfers_is_derived_from_the_tallies() {
        // Boulder 2023's shape: two eliminated at once with `transfers: {}`.
        let mut r1 = round(&[Some("11347"), Some("6271"), Some("14087"), Some("729")]);
        r1.eliminated = vec![1, 3];
        r1.inactive = Some(v("1335"));
        let mut r2 = round(&[Some("16580"), None, Some("15382"), None]);
        r2.inactive = Some(v("1807"));
        r2.elected = vec![0];
        let c = contest(
            &["A", "B", "C", "D"],
            1,
            published(VotingSystem::InstantRunoff, vec![r1, r2]),
        );
        let Method::Published(p) = &c.method else {
            unreachable!()
        };
        let count = count(&c, p).unwrap();
        let r2 = &count.rounds[1];
        assert!(r2.derived);
        assert_eq!(r2.received(0), v("5233"));
        assert_eq!(r2.received(2), v("1295"));
        assert_eq!(r2.newly_exhausted(), v("472"));
        assert!(r2.transfers.iter().all(|t| t.from == [1, 3]));
        // Conserved: 5,233 + 1,295 + 472 = 7,000 = 6,271 + 729.
        for r in &count.rounds {
            assert_eq!(r.continuing + r.exhausted + r.residual, count.valid);
        }
        assert_eq!(count.outcome, Outcome::Elected(vec![0]));
        assert_eq!(count.rounds[0].exhausted, v("1335"));
    }

    #[test]
    fn published_transfers_leave_the_rest_exhausted_and_a_tied_winner_is_a_tie() {
        // The three-way tie-break case: 3-3 in the last round, threshold 4.
        let mut r1 = round(&[Some("3"), Some("3"), Some("3")]);
        r1.eliminated = vec![2];
        r1.transfers = Some(vec![PublishedTransfer {
            from: 2,
            to: Some(0),
            votes: v("1"),
        }]);
        let mut r2 = round(&[Some("4"), Some("3"), None]);
        r2.elected = vec![1];
        r2.threshold = Some(v("5"));
        let c = contest(
            &["A", "B", "C"],
            1,
            published(VotingSystem::InstantRunoff, vec![r1, r2]),
        );
        let Method::Published(p) = &c.method else {
            unreachable!()
        };
        let count = count(&c, p).unwrap();
        assert!(!count.rounds[1].derived);
        assert_eq!(count.rounds[1].newly_exhausted(), v("2"));
        assert_eq!(count.rounds[1].exhausted, v("2"));
        let tie = &count.rounds[0].tie_breaks[0];
        assert_eq!(
            (tie.kind, &tie.tied, &tie.preferred),
            (TieKind::Elimination, &vec![0, 1, 2], &vec![0, 1])
        );
        assert_eq!(count.winner(), Some(1));
    }

    #[test]
    fn a_multi_winner_count_keeps_fractions_and_its_residual() {
        // Eastpointe's shape: 2 seats, a surplus moved in fractions, some lost to rounding.
        let mut r1 = round(&[Some("144"), Some("96"), Some("160")]);
        r1.elected = vec![2];
        r1.transfers = Some(vec![
            PublishedTransfer {
                from: 2,
                to: Some(0),
                votes: v("8.8832"),
            },
            PublishedTransfer {
                from: 2,
                to: Some(1),
                votes: v("17.1104"),
            },
        ]);
        let r2 = round(&[Some("152.8832"), Some("113.1104"), Some("134")]);
        let c = contest(
            &["A", "B", "C"],
            2,
            published(VotingSystem::SingleTransferableVote, vec![r1, r2]),
        );
        let Method::Published(p) = &c.method else {
            unreachable!()
        };
        let count = count(&c, p).unwrap();
        assert_eq!(count.first().threshold, v("134"));
        let r2 = &count.rounds[1];
        assert_eq!(r2.received(0).to_string(), "8.8832");
        assert_eq!(r2.residual, v("0.0064"));
        assert_eq!(r2.exhausted, Votes::ZERO);
        assert_eq!(r2.states[2], State::Elected);
        assert_eq!(count.outcome, Outcome::Elected(vec![2]));
    }

    #[test]
    fn nothing_counted_yet_is_no_votes() {
        let r1 = round(&[Some("0"), Some("0")]);
        let c = contest(
            &["A", "B"],
            1,
            published(VotingSystem::InstantRunoff, vec![r1]),
        );
        let Method::Published(p) = &c.method else {
            unreachable!()
        };
        let count = count(&c, p).unwrap();
        assert_eq!(count.outcome, Outcome::NoVotes);
        assert_eq!(count.valid, Votes::ZERO);
    }
}
