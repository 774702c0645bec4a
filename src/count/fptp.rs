//! First past the post: one round, and the candidate with the most votes wins, majority or
//! not. The threshold is still computed, so that views can say whether the winner had more
//! than half.

use super::ties::{TieKind, rank_and_cut};
use super::{Count, Outcome, first_round};
use crate::model::{Contest, Votes, VotingSystem};

pub fn count(contest: &Contest, first: &[Votes]) -> Count {
    let mut round = first_round(first);
    let valid = round.continuing;
    let outcome = if valid.is_zero() {
        Outcome::NoVotes
    } else {
        let standing: Vec<(usize, Votes)> = first.iter().copied().enumerate().collect();
        let (ranked, tie) = rank_and_cut(contest, &standing, 1, TieKind::Winner);
        round.elect(ranked[0].0);
        round.tie_breaks.extend(tie);
        Outcome::Elected(vec![ranked[0].0])
    };
    Count {
        system: VotingSystem::FirstPastThePost,
        rounds: vec![round],
        outcome,
        valid,
        partial: false,
    }
}
