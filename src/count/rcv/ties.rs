//! Ties in a count of cast vote records, settled as RCTab's `tiebreakMode` settles them:
//! by the candidate order (or a permutation drawn once from the seed), by a draw, or by
//! the tied candidates' votes in earlier rounds and then a draw or the candidate order.

use super::{Counter, java};
use crate::model::CandidateIdx;
use crate::model::Votes;
use crate::model::rules::{TieBrokenBy, TiebreakMode};

impl Counter<'_> {
    /// Settle a tie among `tied` (for a winner, or for the one to go), as RCTab's
    /// `tiebreakMode` does.
    pub(super) fn break_tie(
        &mut self,
        tied: &[CandidateIdx],
        winner: bool,
    ) -> Result<(CandidateIdx, TieBrokenBy), String> {
        let mut sorted = tied.to_vec();
        sorted.sort_by(|&a, &b| java::compare(&self.names[a], &self.names[b]));
        match self.rules.tiebreak {
            TiebreakMode::UseCandidateOrder | TiebreakMode::GeneratePermutation => Ok((
                self.by_permutation(&sorted, winner)?,
                TieBrokenBy::CandidateOrder,
            )),
            TiebreakMode::Random => Ok((self.draw(&sorted)?, TieBrokenBy::Random)),
            TiebreakMode::PreviousRoundCountsThenRandom
            | TiebreakMode::PreviousRoundCountsThenUseCandidateOrder => {
                let mut contention = sorted;
                for r in (1..self.round as usize).rev() {
                    let names: Vec<&str> =
                        contention.iter().map(|&c| self.names[c].as_str()).collect();
                    let order: Vec<CandidateIdx> = java::hash_set_order(&names)
                        .into_iter()
                        .map(|i| contention[i])
                        .collect();
                    let votes =
                        |c: CandidateIdx| self.rounds[r - 1].tally[c].unwrap_or(Votes::ZERO);
                    let pick = if winner {
                        order.iter().map(|&c| votes(c)).max()
                    } else {
                        order.iter().map(|&c| votes(c)).min()
                    };
                    let Some(pick) = pick else { break };
                    contention = order.into_iter().filter(|&c| votes(c) == pick).collect();
                    if contention.len() == 1 {
                        return Ok((contention[0], TieBrokenBy::PreviousRound(r as u32)));
                    }
                }
                if self.rules.tiebreak == TiebreakMode::PreviousRoundCountsThenRandom {
                    Ok((self.draw(&contention)?, TieBrokenBy::Random))
                } else {
                    Ok((
                        self.by_permutation(&contention, winner)?,
                        TieBrokenBy::CandidateOrder,
                    ))
                }
            }
        }
    }

    /// The first of `tied` in the candidate order for a winner, the last for a loser.
    fn by_permutation(&self, tied: &[CandidateIdx], winner: bool) -> Result<CandidateIdx, String> {
        let mut is_tied = vec![false; self.n];
        for &c in tied {
            is_tied[c] = true;
        }
        let found = if winner {
            self.permutation.iter().find(|&&c| is_tied[c])
        } else {
            self.permutation.iter().rev().find(|&&c| is_tied[c])
        };
        found
            .copied()
            .ok_or_else(|| "a tie among candidates who are not in the candidate order".into())
    }

    fn draw(&mut self, among: &[CandidateIdx]) -> Result<CandidateIdx, String> {
        let random = self
            .random
            .as_mut()
            .ok_or("a random tie-break needs a random seed")?;
        Ok(among[random.pick(among.len())])
    }
}
