//! Everything tally prints without the interactive viewer: the count as a table, JSON or
//! CSV, the list of embedded contests, and the comparison across contests.
//!
//! Reports are plain functions from loaded contests to a `String`. Every string that came
//! from a dataset is passed through `text::clean` here, so nothing in a file can reach the
//! terminal raw.

pub mod compare;
pub mod csv;
pub mod json;
pub mod list;
pub mod systems;
pub mod table;
pub mod text;

use crate::count::{Count, Outcome, Round};
use crate::model::{Contest, VotingSystem};

/// "Round 2 of 2: second preferences". `so_far` is added when the count is incomplete.
pub fn round_title(contest: &Contest, count: &Count, round: &Round) -> String {
    let total = count.rounds.len();
    let of = if matches!(count.outcome, Outcome::Incomplete | Outcome::NoVotes) {
        format!("{total} so far")
    } else {
        total.to_string()
    };
    format!(
        "Round {} of {of}: {}",
        round.number,
        round_kind(contest, round)
    )
}

/// What a round is, in a few words.
pub fn round_kind(contest: &Contest, round: &Round) -> String {
    match (contest.method.system(), round.number) {
        (VotingSystem::FirstPastThePost, _) => "votes".to_string(),
        (_, 1) => "first preferences".to_string(),
        (VotingSystem::SupplementaryVote, _) => "second preferences".to_string(),
        (VotingSystem::InstantRunoff, _) => {
            let from: Vec<usize> = round
                .transfers
                .iter()
                .flat_map(|t| t.from.iter().copied())
                .collect();
            let mut names: Vec<String> = Vec::new();
            for i in from {
                let name = crate::text::clean(&contest.candidates[i].name).into_owned();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            if names.is_empty() {
                "transfers".to_string()
            } else {
                format!("transfers from {}", join_names(&names))
            }
        }
    }
}

/// The word for ballots with no further preference under this system.
pub fn exhausted_label(system: VotingSystem) -> &'static str {
    match system {
        VotingSystem::SupplementaryVote => "Non-transferable",
        _ => "Exhausted",
    }
}

/// "A", "A and B", "A, B and C".
pub fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// "Thursday 10 June 2004".
pub fn long_date(contest: &Contest) -> String {
    contest.date.format("%A %-d %B %Y").to_string()
}
