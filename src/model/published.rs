//! A count as another tabulator published it, round by round.
//!
//! RCTab, the Universal Tabulator JSON that RCVis reads, and OpaVote publish whole counts:
//! every round's tally, who was elected or eliminated at its end, where their ballots went,
//! and (RCTab 2) the inactive ballots by kind. tally shows such a count as published rather
//! than recounting it: the ballots are not in the file, and a multi-winner count (the single
//! transferable vote) is the publisher's arithmetic, fractions and all. The readers in
//! `import` check a file's consistency and build this; `count::published` turns it into the
//! rounds every view draws.

use super::contest::CandidateIdx;
use super::method::VotingSystem;
use super::rules::{TieBrokenBy, TiebreakMode};
use super::votes::Votes;

/// A whole count as published.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// What wrote it, as `tally check` says: "RCTab 2.0.0 detailed report".
    pub format: String,
    /// Instant runoff (one seat) or the single transferable vote (several).
    pub system: VotingSystem,
    /// Every round, in order; at least one.
    pub rounds: Vec<PublishedRound>,
    /// Blank ballots: read, but never counted and never exhausted (RCTab's `undervotes`).
    pub undervotes: Option<Votes>,
    /// Ballots read, blank ones included (RCTab's `totalNumBallots`).
    pub total_ballots: Option<Votes>,
    /// Ballots the publisher counted as invalid before round 1 (OpaVote's
    /// `n_votes - n_valid_votes`).
    pub invalid: Option<Votes>,
    /// What the reader repaired or could not check, one sentence each, said on loading.
    pub warnings: Vec<String>,
    /// Set when tally counted this itself, from cast vote records under RCTab's rules
    /// (`count::rcv`), rather than reading another tabulator's count: the rules and the
    /// files, for every output to say.
    pub tabulation: Option<Box<Tabulation>>,
}

/// How tally counted a contest from its cast vote records.
#[derive(Debug, Clone, PartialEq)]
pub struct Tabulation {
    /// The rules the count followed.
    pub rules: super::rules::RcvRules,
    /// The RCTab configuration they came from, when one was read (its file name).
    pub config: Option<String>,
    /// The configuration's own name for its rules (`rules.rulesDescription`: "Maine
    /// Rules"), when it gives one.
    pub description: Option<String>,
    /// The label of the undeclared write-in the files were read with (RCTab's
    /// `undeclaredWriteInLabel`, or `--write-in`), so the count can be repeated.
    pub write_in: Option<String>,
    /// Ballots read from each file.
    pub files: Vec<super::cvr::FileRead>,
}

/// One round as published.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedRound {
    /// Each candidate's votes (indexed like `Contest::candidates`); `None` when out of the
    /// count (eliminated before, or never in it).
    pub tally: Vec<Option<Votes>>,
    /// Inactive ballots so far (a running total), when the file gives them; otherwise
    /// the count works them out as round 1's votes less this round's.
    pub inactive: Option<Votes>,
    /// The same by kind, when the file gives them (RCTab 2).
    pub inactive_kinds: Option<InactiveKinds>,
    /// The votes needed to be elected in this round, as published.
    pub threshold: Option<Votes>,
    /// Elected at the end of this round, in order.
    pub elected: Vec<CandidateIdx>,
    /// Eliminated at the end of this round (a batch when several); their ballots move in the
    /// next round.
    pub eliminated: Vec<CandidateIdx>,
    /// Where the ballots of this round's elected (their surplus) and eliminated went, as
    /// published; `None` when the file does not say (then the next round's change in
    /// tallies is all that is known).
    pub transfers: Option<Vec<PublishedTransfer>>,
    /// Ties the publisher recorded as broken in this round (OpaVote's `tie_breaks`).
    pub ties: Vec<PublishedTie>,
    /// Those of `eliminated` whom the file does not eliminate but drops from the next
    /// round's tally: eliminated here by the reader's repair (with a warning), not by the
    /// publisher, so never said to have lost a tie.
    pub repaired: Vec<CandidateIdx>,
}

/// Ballots moving from one candidate at the end of a round.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedTransfer {
    pub from: CandidateIdx,
    /// A candidate, or `None` for ballots that became inactive (exhausted), or were lost to
    /// rounding ("residual surplus").
    pub to: Option<CandidateIdx>,
    pub votes: Votes,
}

/// A tie as recorded: who was tied, and whom the tie-break chose.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedTie {
    pub tied: Vec<CandidateIdx>,
    pub chosen: Vec<CandidateIdx>,
    /// How it was settled, when known (tally's own counts always say).
    pub broken_by: Option<super::rules::TieBrokenBy>,
}

impl Tabulation {
    /// How a tie was broken, in words: "by the configuration's candidate order", "by round 2's
    /// votes", "by a random draw (seed 0)".
    pub fn broken_by(&self, by: TieBrokenBy) -> String {
        let t = self;
        match by {
            TieBrokenBy::CandidateOrder
                if t.rules.tiebreak == TiebreakMode::GeneratePermutation =>
            {
                match t.rules.random_seed {
                    Some(s) => format!("by the order of candidates drawn at the start (seed {s})"),
                    None => "by the order of candidates drawn at the start".to_string(),
                }
            }
            TieBrokenBy::CandidateOrder if t.config.is_some() => {
                "by the configuration's candidate order (the one listed later loses)".to_string()
            }
            TieBrokenBy::CandidateOrder => {
                "by the order the file first names the candidates in (the one listed later loses)"
                    .to_string()
            }
            TieBrokenBy::PreviousRound(n) => format!("by round {n}'s votes"),
            TieBrokenBy::Random => match t.rules.random_seed {
                Some(s) => format!("by a random draw (seed {s})"),
                None => "by a random draw".to_string(),
            },
        }
    }
}

/// Inactive ballots by why they stopped counting, as RCTab 2 reports them (running totals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InactiveKinds {
    /// Every ranked candidate has been eliminated.
    pub exhausted_choices: Votes,
    /// An overvote (two candidates at one rank) reached under the overvote rule.
    pub overvotes: Votes,
    /// More consecutive skipped rankings than allowed.
    pub skipped_rankings: Votes,
    /// A candidate ranked twice, under the repeated-ranking rule.
    pub repeated_rankings: Votes,
}

impl InactiveKinds {
    pub fn total(&self) -> Option<Votes> {
        self.exhausted_choices
            .checked_add(self.overvotes)?
            .checked_add(self.skipped_rankings)?
            .checked_add(self.repeated_rankings)
    }

    /// The kinds with ballots, as (words, ballots): "at an overvote", 312.
    pub fn parts(&self) -> Vec<(&'static str, Votes)> {
        [
            ("with no further choice", self.exhausted_choices),
            ("at an overvote", self.overvotes),
            ("after skipped rankings", self.skipped_rankings),
            ("at a repeated ranking", self.repeated_rankings),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_zero())
        .collect()
    }
}

/// Published counts built by hand, for the tests of everything that reads one (the count,
/// the reports); shaped as the readers build them.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::model::{Candidate, Contest, Method};

    /// A candidate with no party, as the readers make them.
    pub fn candidate(id: &str, name: &str) -> Candidate {
        Candidate {
            id: id.into(),
            name: name.into(),
            party: String::new(),
            party_id: None,
            colour: None,
        }
    }

    /// Candidates named `names` (ids their lower-case names) in a contest holding `p`.
    pub fn contest(names: &[&str], seats: u32, p: Published) -> Contest {
        let candidates = names
            .iter()
            .map(|n| candidate(&n.to_lowercase(), n))
            .collect();
        contest_of(candidates, seats, p)
    }

    pub fn contest_of(candidates: Vec<Candidate>, seats: u32, p: Published) -> Contest {
        Contest {
            id: "t".into(),
            title: "Test count".into(),
            area: "Somewhere".into(),
            date: chrono::NaiveDate::from_ymd_opt(2019, 11, 5),
            method: Method::Published(Box::new(p)),
            seats,
            status: None,
            candidates,
            electorate: None,
            ballot_papers: None,
            valid_votes: None,
            rejected: None,
            rejected_reasons: None,
            turnout: None,
            first_preferences: None,
            second_choices: None,
            tie_break_order: None,
            areas: None,
            declaration_times: None,
            sources: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// A decimal figure: `v("8.8832")`.
    pub fn v(s: &str) -> Votes {
        Votes::parse_decimal(s).expect("a decimal")
    }

    /// A round with these tallies (`None`: out of the count), no transfers, nobody out.
    pub fn round(tally: &[Option<&str>]) -> PublishedRound {
        PublishedRound {
            tally: tally.iter().map(|t| t.map(v)).collect(),
            inactive: None,
            inactive_kinds: None,
            threshold: None,
            elected: Vec::new(),
            eliminated: Vec::new(),
            transfers: Some(Vec::new()),
            ties: Vec::new(),
            repaired: Vec::new(),
        }
    }

    pub fn published(system: VotingSystem, rounds: Vec<PublishedRound>) -> Published {
        Published {
            format: "test".into(),
            system,
            rounds,
            undervotes: None,
            total_ballots: None,
            invalid: None,
            warnings: Vec::new(),
            tabulation: None,
        }
    }
}
