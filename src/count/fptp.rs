//! First past the post: one round, and the candidate with the most votes wins, majority or
//! not. The threshold is still computed, so that views can say whether the winner had more
//! than half.

use super::ties::{TieKind, rank_and_cut};
use super::{Count, Outcome, first_round};
use crate::model::{Contest, VotingSystem};

pub fn count(contest: &Contest, first: &[u64]) -> Count {
    let mut round = first_round(first);
    let valid = round.continuing;
    let outcome = if valid == 0 {
        Outcome::NoVotes
    } else {
        let standing: Vec<(usize, u64)> = first.iter().copied().enumerate().collect();
        let (ranked, tie) = rank_and_cut(contest, &standing, 1, TieKind::Winner);
        round.elected.push(ranked[0].0);
        round.tie_breaks.extend(tie);
        Outcome::Elected(ranked[0].0)
    };
    Count {
        system: VotingSystem::FirstPastThePost,
        rounds: vec![round],
        outcome,
        valid,
        partial: false,
    }
}
