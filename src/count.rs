//! The counting engine: from a contest to its count, round by round.
//!
//! Pure functions with no I/O and no terminal: a [`Count`] is a list of [`Round`]s, each
//! with every continuing candidate's votes, the transfers that arrived in it, the running
//! exhausted total, the majority threshold, and who was elected or eliminated at its end.
//!
//! Conventions, relied on by every view and checked by the property tests:
//! - Round 1 is first preferences. A candidate eliminated "in round N" is listed in round
//!   N's `eliminated`; the transfers of their ballots appear in round N+1.
//! - Votes are conserved: in every round, continuing votes + exhausted = valid first
//!   preferences.
//! - The threshold is more than half of the votes still in play (continuing candidates).
//!
//! The systems live in their own modules: [`sv`] (Supplementary Vote), [`irv`] (instant
//! runoff from rounds counted elsewhere) and [`fptp`]; [`published`] takes a whole count
//! as another tabulator published it. Ties are broken by [`ties`].

pub mod ballots;
pub mod counted;
pub mod fptp;
pub mod irv;
pub mod published;
pub mod rcv;
pub mod step;
pub mod sv;
pub mod ties;

use crate::model::{Contest, Diagnostic, Method, Votes, VotingSystem};

pub use counted::Counted;
pub use ties::{TieBreak, TieKind, TieRule};

pub use crate::model::CandidateIdx;

/// The count of one contest.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub system: VotingSystem,
    pub rounds: Vec<Round>,
    pub outcome: Outcome,
    /// Valid first preferences: every round's continuing votes + exhausted add up to this.
    pub valid: Votes,
    /// True when the first preferences are the sum of only some of the contest's areas.
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// These candidates won, in the order they were elected (one under the single-winner
    /// methods; [`Count::winner`] is the one).
    Elected(Vec<CandidateIdx>),
    /// Nobody has won yet and the next round is not in the data (a live file before the
    /// second round is published, or an imported count that stops early).
    Incomplete,
    /// There are no votes to count yet.
    NoVotes,
}

/// Where a candidate stands in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// In the count, with votes.
    Continuing,
    /// Elected at the end of this round or before, with the votes they have.
    Elected,
    /// Eliminated in an earlier round (or never in the count): no votes.
    Excluded,
}

/// One round of the count.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// 1-based.
    pub number: usize,
    /// Each candidate's state (indexed like `Contest::candidates`).
    pub states: Vec<State>,
    /// Each candidate's votes; zero for an excluded one. [`Round::tally`] pairs the two.
    pub votes: Vec<Votes>,
    /// How ballots moved into this round (empty in round 1).
    pub transfers: Vec<Transfer>,
    /// Ballots with no further usable preference so far (running total).
    pub exhausted: Votes,
    /// Votes of the candidates in the count.
    pub continuing: Votes,
    /// More than half of `continuing`: the votes a candidate needs to win outright.
    pub threshold: Votes,
    /// Elected at the end of this round.
    pub elected: Vec<CandidateIdx>,
    /// Eliminated at the end of this round; their ballots move in the next.
    pub eliminated: Vec<CandidateIdx>,
    /// Ties decided in this round, and how.
    pub tie_breaks: Vec<TieBreak>,
    /// Which kinds of inactive ballots `exhausted` is made of, when the source says (an
    /// RCTab 2 report).
    pub inactive: Option<crate::model::InactiveKinds>,
    /// Whether `transfers` were worked out from the change in each tally, because the
    /// published count does not say where the ballots went (then each transfer is from all
    /// of the previous round's sources together).
    pub derived: bool,
    /// Votes lost to rounding in a published count's fractional surplus transfers ("residual
    /// surplus"): `continuing + exhausted + residual = valid` in every round.
    pub residual: Votes,
}

/// Ballots moving from one or more eliminated candidates to a destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// One candidate when the source gives transfers per candidate; several when it gives
    /// only a total for all of the round's eliminated candidates together.
    pub from: Vec<CandidateIdx>,
    pub to: Destination,
    pub votes: Votes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Destination {
    Candidate(CandidateIdx),
    /// Non-transferable (SV) or exhausted (IRV): no further usable preference.
    Exhausted,
}

/// The most figures a count holds: one per candidate per round. An instant runoff of `n`
/// candidates can take `n` rounds, so a file naming 10,000 candidates asks for 100 million;
/// the limit keeps memory bounded (about 160 MB) whatever a file asks for.
pub const MAX_FIGURES: usize = 10_000_000;

/// Whether a count of `candidates` over `rounds` rounds stays within [`MAX_FIGURES`].
pub fn within_limit(candidates: usize, rounds: usize) -> bool {
    candidates.saturating_mul(rounds) <= MAX_FIGURES
}

/// More than half of `votes`.
pub fn threshold(votes: Votes) -> Votes {
    votes.majority()
}

impl Round {
    /// A candidate's votes in this round, or `None` when they are out of the count.
    pub fn tally(&self, candidate: CandidateIdx) -> Option<Votes> {
        match self.states.get(candidate)? {
            State::Excluded => None,
            State::Continuing | State::Elected => Some(self.votes[candidate]),
        }
    }

    /// The sources of this round's transfers (one candidate, or several moving together),
    /// each once, in the order first listed.
    pub fn sources(&self) -> Vec<&Vec<CandidateIdx>> {
        let mut sources: Vec<&Vec<CandidateIdx>> = Vec::new();
        for t in &self.transfers {
            if !sources.contains(&&t.from) {
                sources.push(&t.from);
            }
        }
        sources
    }

    /// Votes this round's transfers added to each destination candidate.
    pub fn received(&self, candidate: CandidateIdx) -> Votes {
        self.transfers
            .iter()
            .filter(|t| t.to == Destination::Candidate(candidate))
            .map(|t| t.votes)
            .sum()
    }

    /// Ballots that became exhausted in this round.
    pub fn newly_exhausted(&self) -> Votes {
        self.transfers
            .iter()
            .filter(|t| t.to == Destination::Exhausted)
            .map(|t| t.votes)
            .sum()
    }

    /// Candidates in the count, most votes first (ties in candidate order).
    pub fn standings(&self) -> Vec<(CandidateIdx, Votes)> {
        let mut v: Vec<(CandidateIdx, Votes)> = (0..self.votes.len())
            .filter_map(|i| self.tally(i).map(|v| (i, v)))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// In the count this round: continuing, or elected and still holding votes.
    pub fn is_continuing(&self, candidate: CandidateIdx) -> bool {
        self.tally(candidate).is_some()
    }

    /// Elect a candidate at the end of this round.
    pub(crate) fn elect(&mut self, candidate: CandidateIdx) {
        self.elected.push(candidate);
        self.states[candidate] = State::Elected;
    }
}

impl Count {
    /// The winner of a single-winner count: the first elected.
    pub fn winner(&self) -> Option<CandidateIdx> {
        self.elected().first().copied()
    }

    /// Everyone elected, in order.
    pub fn elected(&self) -> &[CandidateIdx] {
        match &self.outcome {
            Outcome::Elected(e) => e,
            _ => &[],
        }
    }

    pub fn last(&self) -> &Round {
        self.rounds
            .last()
            .expect("a count always has a first round")
    }

    pub fn first(&self) -> &Round {
        &self.rounds[0]
    }

    /// The winner's lead over the runner-up in the final round.
    pub fn margin(&self) -> Option<Votes> {
        let winner = self.winner()?;
        let last = self.last();
        let w = last.tally(winner)?;
        let runner_up = last
            .standings()
            .into_iter()
            .filter(|(i, _)| *i != winner)
            .map(|(_, v)| v)
            .max();
        Some(w.saturating_sub(runner_up.unwrap_or(Votes::ZERO)))
    }
}

/// Count a checked contest.
///
/// Errors are problems with the count itself: transfers to a candidate who is not in the
/// round, declared totals that are not first preferences plus transfers, and the like.
pub fn count(contest: &Contest) -> Result<Count, Vec<Diagnostic>> {
    let (first, partial) = first_preferences(contest);
    // Every later sum is a part of this one, so once it fits, nothing else can overflow.
    let total: u128 = first.iter().map(|v| u128::from(v.raw())).sum();
    if total > u128::from(Votes::MAX.raw()) {
        return Err(vec![Diagnostic::error(
            "first_preferences",
            format!(
                "the votes add up to {}, more than tally can count (at most {})",
                crate::text::thousands_wide(total / u128::from(Votes::new(1).raw())),
                crate::text::thousands(Votes::MAX_WHOLE)
            ),
        )]);
    }
    let counted = match &contest.method {
        Method::SupplementaryVote { second_round } => {
            sv::count(contest, &first, sv::Second::Declared(second_round.as_ref()))
        }
        Method::InstantRunoff { rounds } => irv::count(contest, &first, rounds),
        Method::FirstPastThePost => Ok(fptp::count(contest, &first)),
        Method::Published(p) => published::count(contest, p),
    }?;
    if partial {
        // Areas are still out: the figures are a running tally, so nobody is elected or
        // eliminated on them, whatever they show so far.
        let mut rounds = counted.rounds;
        rounds.truncate(1);
        let round = &mut rounds[0];
        for i in std::mem::take(&mut round.elected) {
            round.states[i] = State::Continuing;
        }
        round.eliminated.clear();
        round.tie_breaks.clear();
        let outcome = if counted.valid.is_zero() {
            Outcome::NoVotes
        } else {
            Outcome::Incomplete
        };
        return Ok(Count {
            rounds,
            outcome,
            partial,
            ..counted
        });
    }
    Ok(Count { partial, ..counted })
}

/// First preferences per candidate: as stated, or summed from the declared areas.
/// The flag is true when some areas have not declared.
pub fn first_preferences(contest: &Contest) -> (Vec<Votes>, bool) {
    let n = contest.candidates.len();
    let ids = contest.ids();
    let mut votes = vec![Votes::ZERO; n];
    let mut add = |fp: &crate::model::VoteMap| {
        for (id, v) in fp.iter() {
            if let Some(&i) = ids.get(id) {
                votes[i] = votes[i].saturating_add(v);
            }
        }
    };
    if let Some(fp) = &contest.first_preferences {
        add(fp);
        return (votes, false);
    }
    let mut outstanding = false;
    for area in contest.areas.iter().flatten() {
        match &area.first_preferences {
            Some(fp) => add(fp),
            None => outstanding = true,
        }
    }
    (votes, outstanding)
}

/// Round 1: everybody's first preferences.
pub(crate) fn first_round(first: &[Votes]) -> Round {
    let continuing: Votes = first.iter().sum();
    Round {
        number: 1,
        states: vec![State::Continuing; first.len()],
        votes: first.to_vec(),
        transfers: Vec::new(),
        exhausted: Votes::ZERO,
        continuing,
        threshold: threshold(continuing),
        elected: Vec::new(),
        eliminated: Vec::new(),
        tie_breaks: Vec::new(),
        inactive: None,
        derived: false,
        residual: Votes::ZERO,
    }
}

/// The candidate with more than half the continuing votes, if any.
pub(crate) fn majority(round: &Round) -> Option<CandidateIdx> {
    if round.continuing.is_zero() {
        return None;
    }
    (0..round.votes.len()).find(|&i| round.tally(i).is_some_and(|v| v >= round.threshold))
}

#[cfg(test)]
mod tests;
