//! How a contest is counted: the method, with what it needs from the file.
//!
//! A dataset file says `"system"` and, depending on it, gives a `second_round` (the
//! Supplementary Vote's declared second round) or `rounds` (an instant runoff counted
//! elsewhere). Reading the file checks the combination once; from then on a contest holds
//! one [`Method`] and a combination that makes no sense (rounds of an instant runoff on a
//! first-past-the-post contest) cannot be held at all. The single transferable vote will
//! be one more variant, with its seats and rule.

use serde::{Deserialize, Serialize};

use super::contest::{RoundSpec, SecondRound};

/// The counting method, and the published figures it is counted from beyond the first
/// preferences.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// One round: the most votes wins.
    FirstPastThePost,
    /// The top two go through; the others' second choices for them are added. The second
    /// round as declared, once it has been.
    SupplementaryVote { second_round: Option<SecondRound> },
    /// One elimination (or a batch) per round, ballots moving to their next choice. The
    /// rounds after the first as counted elsewhere; none when they are counted from ballots.
    InstantRunoff { rounds: Vec<RoundSpec> },
}

impl Method {
    /// Which system this is, without its figures.
    pub fn system(&self) -> VotingSystem {
        match self {
            Method::FirstPastThePost => VotingSystem::FirstPastThePost,
            Method::SupplementaryVote { .. } => VotingSystem::SupplementaryVote,
            Method::InstantRunoff { .. } => VotingSystem::InstantRunoff,
        }
    }

    /// The method of `system`, with nothing published beyond the first preferences.
    pub fn bare(system: VotingSystem) -> Self {
        match system {
            VotingSystem::FirstPastThePost => Method::FirstPastThePost,
            VotingSystem::SupplementaryVote => Method::SupplementaryVote { second_round: None },
            VotingSystem::InstantRunoff => Method::InstantRunoff { rounds: Vec::new() },
        }
    }
}

/// A counting system by name: what a dataset's `"system"` says and `--system` chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VotingSystem {
    SupplementaryVote,
    InstantRunoff,
    FirstPastThePost,
}

impl VotingSystem {
    pub fn name(self) -> &'static str {
        match self {
            VotingSystem::SupplementaryVote => "Supplementary Vote",
            VotingSystem::InstantRunoff => "Instant runoff",
            VotingSystem::FirstPastThePost => "First past the post",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            VotingSystem::SupplementaryVote => "supplementary-vote",
            VotingSystem::InstantRunoff => "instant-runoff",
            VotingSystem::FirstPastThePost => "first-past-the-post",
        }
    }
}
