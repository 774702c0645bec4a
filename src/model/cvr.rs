//! Cast vote records gathered for one contest, ready to count under RCTab's rules.
//!
//! A city publishes its ballots as cast vote records in one of several formats (NIST CDF
//! JSON, RCTab's CSV, ES&S spreadsheets, a Dominion export folder, BLT files); the readers in
//! `import::cvr` turn each into the same thing: the candidates, every ballot's marks rank by
//! rank over candidate indices (identical rankings stored once, so memory follows the
//! distinct rankings, not the ballots), which candidate is the undeclared write-in, who is
//! excluded, and how many ballots each file held. `count::rcv` counts it.

use super::ballots::Ballots;
use super::contest::CandidateIdx;
use super::votes::Votes;

/// The cast vote records of one contest, from one or more files.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CastVoteRecords {
    /// The candidates (display names; the write-in's included) and the ballots' distinct
    /// rankings with their weights. `rejected` stays empty: a record that cannot be read
    /// refuses the whole count, naming the file and place, as RCTab does.
    pub ballots: Ballots,
    /// The undeclared write-in (RCTab's `undeclaredWriteInLabel`): eliminated first whenever
    /// it has votes.
    pub write_in: Option<CandidateIdx>,
    /// Candidates excluded by the configuration: never in the count, their marks passed
    /// over as if eliminated before round 1.
    pub excluded: Vec<CandidateIdx>,
    /// Ballots read from each file, in the order read: what RCTab asks an operator to
    /// confirm before counting.
    pub files: Vec<FileRead>,
}

/// The ballots one file held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRead {
    /// The file as named (in the configuration, or on the command line).
    pub file: String,
    /// Every ballot read from it for the contest, blank ones included.
    pub ballots: Votes,
}

impl CastVoteRecords {
    /// Every ballot read, from every file.
    pub fn total(&self) -> Votes {
        self.files.iter().map(|f| f.ballots).sum()
    }
}
