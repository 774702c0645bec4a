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
    /// A whole count as another tabulator published it (RCTab, Universal Tabulator, OpaVote):
    /// shown as published, checked for consistency, not recounted.
    Published(Box<super::published::Published>),
}

impl Method {
    /// Which system this is, without its figures.
    pub fn system(&self) -> VotingSystem {
        match self {
            Method::FirstPastThePost => VotingSystem::FirstPastThePost,
            Method::SupplementaryVote { .. } => VotingSystem::SupplementaryVote,
            Method::InstantRunoff { .. } => VotingSystem::InstantRunoff,
            Method::Published(p) => p.system,
        }
    }

    /// The method of `system`, with nothing published beyond the first preferences.
    pub fn bare(system: VotingSystem) -> Self {
        match system {
            VotingSystem::FirstPastThePost => Method::FirstPastThePost,
            VotingSystem::SupplementaryVote => Method::SupplementaryVote { second_round: None },
            VotingSystem::InstantRunoff | VotingSystem::SingleTransferableVote => {
                Method::InstantRunoff { rounds: Vec::new() }
            }
        }
    }
}

/// A counting system by name: what a dataset's `"system"` says and `--system` chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum VotingSystem {
    /// Supplementary Vote: first and second choices
    #[value(name = "sv")]
    SupplementaryVote,
    /// Instant runoff: every choice, one elimination per round
    #[value(name = "irv")]
    InstantRunoff,
    /// First past the post: first choices only
    #[value(name = "fptp")]
    FirstPastThePost,
    /// Single transferable vote: several seats, surpluses and eliminations transferred.
    /// tally shows published counts of it; it does not count ballots by it yet.
    #[value(skip)]
    SingleTransferableVote,
}

/// The words a count under one method is told in. One table per method, so every output
/// says a method's things the same way, and a new method is one entry to add.
#[derive(Debug)]
pub struct Words {
    /// "Supplementary Vote".
    pub name: &'static str,
    /// As a dataset and `--system` write it: "supplementary-vote".
    pub slug: &'static str,
    /// What round 1 counts: "first preferences" ("votes" when there is only one).
    pub first: &'static str,
    /// What the rounds after the first count: "second preferences", "transfers".
    pub later: &'static str,
    /// Whether later rounds are named after whose ballots move ("transfers from Hughes").
    pub names_sources: bool,
    /// Ballots with no further usable preference: "Non-transferable", "Exhausted".
    pub exhausted: &'static str,
    /// What a moving ballot goes to: "second choice", "next choice".
    pub next_choice: &'static str,
    /// Why ballots became exhausted, said of them: "named neither", "had no further choice".
    pub why_exhausted: &'static str,
    /// The same, in the present: "name neither finalist", "have no further choice".
    pub exhausts: &'static str,
    /// The same, of one ballot: "names neither finalist", "has no further choice".
    pub exhausts_one: &'static str,
    /// How a voter fills in the ballot, as a sentence.
    pub ballot: &'static str,
    /// Whether a winner needs more than half of the votes (all but first past the post).
    pub majority_needed: bool,
    /// Whether the count is always one round.
    pub one_round: bool,
}

const SUPPLEMENTARY_VOTE: Words = Words {
    name: "Supplementary Vote",
    slug: "supplementary-vote",
    first: "first preferences",
    later: "second preferences",
    names_sources: false,
    exhausted: "Non-transferable",
    next_choice: "second choice",
    why_exhausted: "named neither",
    exhausts: "name neither finalist",
    exhausts_one: "names neither finalist",
    ballot: "Each voter marked a first choice and, if they wished, a second.",
    majority_needed: true,
    one_round: false,
};

const INSTANT_RUNOFF: Words = Words {
    name: "Instant runoff",
    slug: "instant-runoff",
    first: "first preferences",
    later: "transfers",
    names_sources: true,
    exhausted: "Exhausted",
    next_choice: "next choice",
    why_exhausted: "had no further choice",
    exhausts: "have no further choice",
    exhausts_one: "has no further choice",
    ballot: "Each voter ranked the candidates in order of preference.",
    majority_needed: true,
    one_round: false,
};

const FIRST_PAST_THE_POST: Words = Words {
    name: "First past the post",
    slug: "first-past-the-post",
    first: "votes",
    later: "votes",
    names_sources: false,
    exhausted: "Exhausted",
    next_choice: "next choice",
    why_exhausted: "had no further choice",
    exhausts: "have no further choice",
    exhausts_one: "has no further choice",
    ballot: "Each voter marked one choice.",
    majority_needed: false,
    one_round: true,
};

const SINGLE_TRANSFERABLE_VOTE: Words = Words {
    name: "Single transferable vote",
    slug: "single-transferable-vote",
    first: "first preferences",
    later: "transfers",
    names_sources: true,
    exhausted: "Exhausted",
    next_choice: "next choice",
    why_exhausted: "had no further choice",
    exhausts: "have no further choice",
    exhausts_one: "has no further choice",
    ballot: "Each voter ranked the candidates in order of preference; several seats were filled.",
    majority_needed: true,
    one_round: false,
};

impl VotingSystem {
    /// Every system, in the order a comparison lists them.
    pub const ALL: [VotingSystem; 3] = [
        VotingSystem::FirstPastThePost,
        VotingSystem::SupplementaryVote,
        VotingSystem::InstantRunoff,
    ];

    pub fn words(self) -> &'static Words {
        match self {
            VotingSystem::SupplementaryVote => &SUPPLEMENTARY_VOTE,
            VotingSystem::InstantRunoff => &INSTANT_RUNOFF,
            VotingSystem::FirstPastThePost => &FIRST_PAST_THE_POST,
            VotingSystem::SingleTransferableVote => &SINGLE_TRANSFERABLE_VOTE,
        }
    }

    pub fn name(self) -> &'static str {
        self.words().name
    }

    pub fn slug(self) -> &'static str {
        self.words().slug
    }
}

impl Method {
    /// The words this method's count is told in.
    pub fn words(&self) -> &'static Words {
        self.system().words()
    }
}
