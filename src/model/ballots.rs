//! Ballots as cast: each distinct ranking once, with how many ballots carry it.
//!
//! A reader (`import::ballots_text`, and the cast vote record readers to come) turns each
//! ballot into marks over candidate indices and hands them to a [`Builder`], which stores
//! identical rankings once: a million ballots of a ten-candidate race are a few thousand
//! rankings. What a mark means when it is irregular (a skipped rank, the same candidate
//! twice, no mark at all) is not decided here: that is a rule of the counting method
//! (`count::ballots::Rules`). Ballots a reader cannot take at all (a name nobody stands
//! as, a count of none) are kept as [`Rejected`], with their line.

use std::collections::HashMap;

use super::votes::Votes;

use super::contest::CandidateIdx;

/// One preference on a ballot, in order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Mark {
    /// A candidate at this rank.
    Candidate(CandidateIdx),
    /// Nothing at this rank (RCTab's undervote or skipped rank). Readers of cast vote
    /// records keep every rank as read, trailing empty ones included; a class's ballots
    /// text has no trailing ones.
    Skipped,
    /// Several candidates at this rank (an overvote), in the order read; empty for a rank
    /// marked only with the explicit overvote label (RCTab's `overvoteLabel`).
    Overvote(Box<[CandidateIdx]>),
}

/// A distinct ranking and the ballots that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    pub marks: Vec<Mark>,
    /// How many ballots carry exactly this ranking.
    pub weight: Votes,
    /// Where the ballots with this ranking were read (line, ballots), kept only for an
    /// irregular ranking, which a rule may reject: a rejection is reported by line.
    pub lines: Vec<(usize, Votes)>,
}

impl Ranking {
    /// Whether a counting rule has to decide what this ranking means: no marks, a skipped
    /// rank, or a candidate marked twice.
    pub fn is_irregular(&self) -> bool {
        is_irregular(&self.marks)
    }
}

/// Whether a counting rule has to decide what these marks mean (see
/// [`Ranking::is_irregular`]).
pub fn is_irregular(marks: &[Mark]) -> bool {
    if marks.is_empty()
        || marks
            .iter()
            .any(|m| matches!(m, Mark::Skipped | Mark::Overvote(_)))
    {
        return true;
    }
    // Every mark is a candidate: one marked twice? A ballot usually has few marks, and
    // comparing each with those before it is then quicker than hashing them.
    if marks.len() <= 16 {
        return marks
            .iter()
            .enumerate()
            .any(|(k, m)| marks[..k].contains(m));
    }
    let mut seen = std::collections::HashSet::new();
    marks.iter().any(|m| !seen.insert(m))
}

/// A ballot that cannot be counted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub line: usize,
    pub count: Votes,
    /// The kind of problem, for counting rejected ballots by reason.
    pub kind: &'static str,
    /// What exactly is wrong, naming the choice.
    pub reason: String,
}

/// The ballots of one contest.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ballots {
    /// The candidates' names; a mark refers to one by its position here.
    pub candidates: Vec<String>,
    /// Each distinct ranking once, in the order first read.
    pub rankings: Vec<Ranking>,
    /// Ballots the reader could not take, in line order.
    pub rejected: Vec<Rejected>,
}

impl Ballots {
    /// Every ballot read, counted or not.
    pub fn total(&self) -> Votes {
        self.rankings.iter().map(|r| r.weight).sum::<Votes>()
            + self.rejected.iter().map(|r| r.count).sum::<Votes>()
    }
}

/// Collects ballots into distinct rankings.
#[derive(Debug, Default)]
pub struct Builder {
    ballots: Ballots,
    index: HashMap<Vec<Mark>, usize>,
    /// Whether an irregular ranking remembers the lines it was read at (a class's file,
    /// whose rules reject such a ballot by line); cast vote records do not, so memory does
    /// not grow with the ballots.
    no_lines: bool,
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder that keeps no lines: for cast vote records, whose irregular ballots are
    /// counted under RCTab's rules, never rejected by line.
    pub fn grouping() -> Self {
        Builder {
            no_lines: true,
            ..Self::default()
        }
    }

    /// `weight` ballots marked `marks` (borrowed: nothing is allocated when the ranking has
    /// been seen before), for cast vote records. The caller keeps the total within what a
    /// count can hold.
    pub fn add_marks(&mut self, marks: &[Mark], weight: Votes) {
        match self.index.get(marks) {
            Some(&at) => self.ballots.rankings[at].weight += weight,
            None => {
                self.add_read(marks, weight, 0);
            }
        }
    }

    /// The candidates, once known (they may grow as a reader meets new names).
    pub fn candidates_mut(&mut self) -> &mut Vec<String> {
        &mut self.ballots.candidates
    }

    pub fn candidates(&self) -> &[String] {
        &self.ballots.candidates
    }

    /// `weight` ballots marked `marks`, read at `line`. The caller keeps the total within
    /// what a count can hold.
    pub fn add(&mut self, marks: Vec<Mark>, weight: Votes, line: usize) {
        self.add_read(&marks, weight, line);
    }

    /// [`Self::add`] with the marks borrowed (nothing is allocated when the ranking has been
    /// seen before): the ranking's place, for [`Self::add_weight`].
    pub fn add_read(&mut self, marks: &[Mark], weight: Votes, line: usize) -> usize {
        let at = match self.index.get(marks) {
            Some(&at) => at,
            None => {
                self.index
                    .insert(marks.to_vec(), self.ballots.rankings.len());
                self.ballots.rankings.push(Ranking {
                    marks: marks.to_vec(),
                    weight: Votes::ZERO,
                    lines: Vec::new(),
                });
                self.ballots.rankings.len() - 1
            }
        };
        let no_lines = self.no_lines;
        let ranking = &mut self.ballots.rankings[at];
        ranking.weight += weight;
        if !no_lines && is_irregular(marks) {
            ranking.lines.push((line, weight));
        }
        at
    }

    /// `weight` more ballots with the regular ranking at `at` (from [`Self::add_read`]),
    /// without looking it up again. The caller keeps the total within what a count can hold.
    pub fn add_weight(&mut self, at: usize, weight: Votes) {
        if let Some(ranking) = self.ballots.rankings.get_mut(at) {
            ranking.weight += weight;
        }
    }

    /// A ballot that cannot be counted.
    pub fn reject(&mut self, rejected: Rejected) {
        self.ballots.rejected.push(rejected);
    }

    pub fn finish(self) -> Ballots {
        self.ballots
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_rankings_are_stored_once_and_irregular_ones_remember_their_lines() {
        let mut b = Builder::new();
        b.candidates_mut()
            .extend(["A".to_string(), "B".to_string()]);
        let ab = vec![Mark::Candidate(0), Mark::Candidate(1)];
        b.add(ab.clone(), Votes::new(3), 1);
        b.add(ab.clone(), Votes::new(2), 5);
        let twice = vec![Mark::Candidate(1), Mark::Candidate(1)];
        b.add(twice.clone(), Votes::new(1), 7);
        let b = b.finish();
        assert_eq!(b.rankings.len(), 2);
        assert_eq!(
            (b.rankings[0].weight, b.rankings[0].lines.len()),
            (Votes::new(5), 0)
        );
        assert!(b.rankings[1].is_irregular());
        assert_eq!(b.rankings[1].lines, [(7, Votes::new(1))]);
        assert_eq!(b.total(), Votes::new(6));
    }
}
