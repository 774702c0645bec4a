//! Counting cast vote records as RCTab (the certified open-source tabulator) counts them:
//! a single-winner ranked-choice count, round by round, under an [`RcvRules`].
//!
//! Cities publish every ballot as a cast vote record and certify the count RCTab makes of
//! them; tally recounts the same records under the same rules and must get the same rounds,
//! every tally, inactive ballot and tie-break included. What RCTab does, and so what this
//! does:
//! - Each round, a ballot still counting for a continuing candidate stays; any other
//!   ballot is read again from its first rank: a rank after too many skipped ranks
//!   (`maxSkippedRanksAllowed`, the gap before the first mark included), a candidate
//!   ranked again (`exhaustOnDuplicateCandidate`), or an overvote (`overvoteRule`) makes
//!   it inactive, by that kind; otherwise it counts for the first continuing candidate, or
//!   runs out of choices. Ranks after `maxRankingsAllowed` are not read. A ballot with
//!   no mark at all is an undervote: never counted, never inactive.
//! - The threshold is more than half of the round's votes (at least the minimum vote
//!   threshold); the undeclared write-in never wins, and no one wins while it has votes.
//! - Who goes: the undeclared write-in when it has votes; else everyone below the minimum
//!   vote threshold; else a batch (`batchElimination`) of those who could not pass the
//!   next candidate up even with all their votes together; else the last, a tie broken
//!   by `tiebreakMode` (drawing as RCTab's Java does, from `randomSeed`).
//!
//! The count works on distinct rankings, each with its weight, never ballot by ballot: a
//! round reads again only the rankings whose candidate has just gone, so a million ballots
//! of a few thousand distinct rankings count in milliseconds.

mod java;
#[cfg(test)]
mod tests;
mod ties;

use std::collections::HashMap;

use super::CandidateIdx;
use crate::model::ballots::Mark;
use crate::model::cvr::CastVoteRecords;
use crate::model::published::{
    InactiveKinds, Published, PublishedRound, PublishedTie, PublishedTransfer, Tabulation,
};
use crate::model::rules::{OvervoteRule, RcvRules, TiebreakMode};
use crate::model::{Votes, VotingSystem};
use crate::text::thousands;

/// What `tally check` and the reports call a count tally made.
pub const FORMAT: &str = "tally's count of cast vote records under RCTab's rules";

/// Count `records` under `rules`, round by round, as RCTab would: the rounds as a
/// [`Published`] count with `tabulation` set (rules, files), or why they cannot be counted
/// (one sentence: a record naming a candidate that does not exist, an overvote label under
/// `exhaustIfMultipleContinuing`, a random tie-break without a seed, every candidate below
/// the minimum vote threshold, a count too big to hold).
pub fn tabulate(records: &CastVoteRecords, rules: &RcvRules) -> Result<Published, String> {
    tabulate_with(records, rules, true)
}

/// [`tabulate`], reading a ballot again from where it last counted (`resume`, the fast way)
/// or from its first rank as RCTab does (the tests check the two agree).
fn tabulate_with(
    records: &CastVoteRecords,
    rules: &RcvRules,
    resume: bool,
) -> Result<Published, String> {
    let n = records.ballots.candidates.len();
    if n == 0 {
        return Err("there are no candidates to count".into());
    }
    if let Some(r) = records.ballots.rejected.first() {
        return Err(format!("a ballot could not be read: {}", r.reason));
    }
    let mut excluded = vec![false; n];
    for &c in &records.excluded {
        *excluded
            .get_mut(c)
            .ok_or("an excluded candidate is not in the list")? = true;
    }
    if records.write_in.is_some_and(|w| w >= n) {
        return Err("the undeclared write-in is not in the candidate list".into());
    }
    if excluded.iter().all(|&e| e) {
        return Err("every candidate is excluded: there is no one to count".into());
    }
    if rules.tiebreak.needs_seed() && rules.random_seed.is_none() {
        return Err(format!(
            "the tie-break mode {} draws at random and needs a random seed (RCTab's randomSeed)",
            rules.tiebreak.as_rctab()
        ));
    }
    let prepared = Prepared::new(records, rules, n)?;
    let total = if records.files.is_empty() {
        prepared.weights.iter().copied().sum()
    } else {
        let total = records.total();
        let read: Votes = prepared.weights.iter().copied().sum();
        if total != read {
            return Err(format!(
                "the files hold {} ballots but {} were read",
                thousands(total),
                thousands(read)
            ));
        }
        total
    };
    let mut count = Counter::new(records, rules, &prepared, n)?;
    count.resume = resume;
    count.run()?;
    // A count stopped early by `stopTabulationEarlyAfterRound` is told from the rules
    // (`story::published`), not as a repair of the file: no warning here.
    Ok(Published {
        format: FORMAT.into(),
        system: VotingSystem::InstantRunoff,
        rounds: count.rounds,
        undervotes: Some(count.undervotes),
        total_ballots: Some(total),
        invalid: None,
        warnings: Vec::new(),
        tabulation: Some(Box::new(Tabulation {
            rules: rules.clone(),
            config: None,
            description: None,
            write_in: None,
            files: records.files.clone(),
        })),
    })
}

/// Why a ballot stopped counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ExhaustedChoices,
    Overvote,
    Skipped,
    Repeated,
}

/// Where a ranking's ballots are after a round's reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Counts(CandidateIdx),
    Inactive(Kind),
}

/// One marked rank of a ranking: its rank (1-based) and its candidates (`cands[start..end]`),
/// or the explicit overvote label.
#[derive(Debug, Clone, Copy)]
struct Entry {
    rank: u32,
    start: u32,
    end: u32,
    label: bool,
}

/// The rankings as RCTab reads them: the marked ranks within `maxRankingsAllowed`, flat.
struct Prepared {
    entries: Vec<Entry>,
    cands: Vec<CandidateIdx>,
    /// Each ranking's entries, `entries[span.0..span.1]`; empty for a blank ballot.
    spans: Vec<(usize, usize)>,
    weights: Vec<Votes>,
}

impl Prepared {
    fn new(records: &CastVoteRecords, rules: &RcvRules, n: usize) -> Result<Prepared, String> {
        let rankings = &records.ballots.rankings;
        let mut p = Prepared {
            entries: Vec::new(),
            cands: Vec::new(),
            spans: Vec::with_capacity(rankings.len()),
            weights: Vec::with_capacity(rankings.len()),
        };
        let limit = rules.max_rankings.map_or(usize::MAX, |m| m as usize);
        let check = |c: CandidateIdx| -> Result<CandidateIdx, String> {
            if c < n {
                Ok(c)
            } else {
                Err(format!(
                    "a ballot ranks candidate number {}, who is not in the list",
                    c + 1
                ))
            }
        };
        for ranking in rankings {
            let start = p.entries.len();
            for (at, mark) in ranking.marks.iter().enumerate().take(limit) {
                let rank = u32::try_from(at + 1).map_err(|_| "a ballot has too many ranks")?;
                let from = p.cands.len() as u32;
                let label = match mark {
                    Mark::Skipped => continue,
                    Mark::Candidate(c) => {
                        p.cands.push(check(*c)?);
                        false
                    }
                    Mark::Overvote(list) => {
                        for &c in list.iter() {
                            p.cands.push(check(c)?);
                        }
                        if list.is_empty()
                            && rules.overvote == OvervoteRule::ExhaustIfMultipleContinuing
                        {
                            return Err(
                                "a ballot is marked with the overvote label, which RCTab counts only \
                                 under the overvote rules exhaustImmediately or alwaysSkipToNextRank, \
                                 not exhaustIfMultipleContinuing"
                                    .into(),
                            );
                        }
                        list.is_empty()
                    }
                };
                p.entries.push(Entry {
                    rank,
                    start: from,
                    end: p.cands.len() as u32,
                    label,
                });
            }
            p.spans.push((start, p.entries.len()));
            p.weights.push(ranking.weight);
        }
        Ok(p)
    }
}

/// The count in progress.
struct Counter<'a> {
    rules: &'a RcvRules,
    p: &'a Prepared,
    names: &'a [String],
    n: usize,
    write_in: Option<CandidateIdx>,
    excluded: Vec<bool>,
    /// Eliminated in which round (1-based), if at all.
    eliminated_in: Vec<Option<u32>>,
    eliminated_count: usize,
    winners: Vec<CandidateIdx>,
    is_winner: Vec<bool>,
    /// RCTab's `numCandidates`: the write-in included, the excluded not.
    num_candidates: usize,
    /// RCTab's `numDeclaredCandidates`: the excluded included, the write-in not.
    num_declared: usize,
    tally: Vec<Votes>,
    /// The rankings counting for each candidate now.
    holders: Vec<Vec<u32>>,
    /// Where in its entries each ranking last counted, to read it again from there: every
    /// rank before it was passed over and would be again (candidates only ever leave).
    pos: Vec<u32>,
    resume: bool,
    kinds: InactiveKinds,
    undervotes: Votes,
    /// A candidate stamp per reading, to find a repeated candidate without clearing a set;
    /// the last slot is the overvote label.
    seen: Vec<u32>,
    stamp: u32,
    random: Option<java::JavaRandom>,
    /// The order of the candidates for the permutation tie-breaks (the write-in is not in
    /// it, as in RCTab).
    permutation: Vec<CandidateIdx>,
    round: u32,
    rounds: Vec<PublishedRound>,
}

impl<'a> Counter<'a> {
    fn new(
        records: &'a CastVoteRecords,
        rules: &'a RcvRules,
        p: &'a Prepared,
        n: usize,
    ) -> Result<Counter<'a>, String> {
        let mut excluded = vec![false; n];
        for &c in &records.excluded {
            excluded[c] = true;
        }
        let names = &records.ballots.candidates;
        let mut random = rules.random_seed.map(java::JavaRandom::new);
        let mut permutation: Vec<CandidateIdx> =
            (0..n).filter(|&c| Some(c) != records.write_in).collect();
        if rules.tiebreak == TiebreakMode::GeneratePermutation {
            let r = random
                .as_mut()
                .ok_or("generatePermutation needs a random seed")?;
            permutation.sort_by(|&a, &b| java::compare(&names[a], &names[b]));
            java::shuffle(&mut permutation, r);
        }
        Ok(Counter {
            rules,
            p,
            names,
            n,
            write_in: records.write_in,
            num_candidates: n - excluded.iter().filter(|&&e| e).count(),
            num_declared: n - usize::from(records.write_in.is_some()),
            excluded,
            eliminated_in: vec![None; n],
            eliminated_count: 0,
            winners: Vec::new(),
            is_winner: vec![false; n],
            tally: vec![Votes::ZERO; n],
            holders: vec![Vec::new(); n],
            pos: vec![0; p.spans.len()],
            resume: true,
            kinds: InactiveKinds::default(),
            undervotes: Votes::ZERO,
            seen: vec![0; n + 1],
            stamp: 0,
            random,
            permutation,
            round: 0,
            rounds: Vec::new(),
        })
    }

    /// Whether a ballot may count for `c` now (RCTab's `isCandidateContinuing`).
    fn continuing(&self, c: CandidateIdx) -> bool {
        !self.excluded[c]
            && self.eliminated_in[c].is_none()
            && (!self.is_winner[c] || self.rules.continue_until_two)
    }

    /// Read a ranking as RCTab does whenever a ballot needs a new home: from its first rank,
    /// or, the same thing faster, from the rank it last counted at.
    fn walk(&mut self, k: usize) -> Fate {
        let (from, to) = self.p.spans[k];
        let entries = &self.p.entries[from..to];
        let last_rank = entries.last().map_or(0, |e| e.rank);
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.stamp = 1;
        }
        let start = if self.resume {
            (self.pos[k] as usize).min(entries.len())
        } else {
            0
        };
        if self.rules.exhaust_on_duplicate {
            for e in &entries[..start] {
                let cands = &self.p.cands[e.start as usize..e.end as usize];
                for slot in cands.iter().copied().chain(e.label.then_some(self.n)) {
                    self.seen[slot] = self.stamp;
                }
            }
        }
        let mut last_seen = start.checked_sub(1).map_or(0, |i| entries[i].rank);
        for (at, e) in entries.iter().enumerate().skip(start) {
            if let Some(max) = self.rules.max_skipped
                && u64::from(e.rank - last_seen) > u64::from(max) + 1
            {
                return Fate::Inactive(Kind::Skipped);
            }
            last_seen = e.rank;
            let cands = &self.p.cands[e.start as usize..e.end as usize];
            if self.rules.exhaust_on_duplicate {
                let slots = cands.iter().copied().chain(e.label.then_some(self.n));
                for slot in slots {
                    if self.seen[slot] == self.stamp {
                        return Fate::Inactive(Kind::Repeated);
                    }
                    self.seen[slot] = self.stamp;
                }
            }
            let skip = if e.label {
                match self.rules.overvote {
                    OvervoteRule::ExhaustImmediately => return Fate::Inactive(Kind::Overvote),
                    _ => true,
                }
            } else if cands.len() <= 1 {
                false
            } else {
                match self.rules.overvote {
                    OvervoteRule::ExhaustImmediately => return Fate::Inactive(Kind::Overvote),
                    OvervoteRule::AlwaysSkipToNextRank => true,
                    OvervoteRule::ExhaustIfMultipleContinuing => {
                        if cands.iter().filter(|&&c| self.continuing(c)).count() > 1 {
                            return Fate::Inactive(Kind::Overvote);
                        }
                        false
                    }
                }
            };
            if skip {
                if e.rank == last_rank {
                    return Fate::Inactive(Kind::ExhaustedChoices);
                }
                continue;
            }
            if let Some(&c) = cands.iter().find(|&&c| self.continuing(c)) {
                self.pos[k] = at as u32;
                return Fate::Counts(c);
            }
        }
        Fate::Inactive(Kind::ExhaustedChoices)
    }

    /// Put ranking `k` where `fate` says.
    fn settle(&mut self, k: usize, fate: Fate) {
        let w = self.p.weights[k];
        match fate {
            Fate::Counts(c) => {
                self.tally[c] += w;
                self.holders[c].push(k as u32);
            }
            Fate::Inactive(kind) => {
                let slot = match kind {
                    Kind::ExhaustedChoices => &mut self.kinds.exhausted_choices,
                    Kind::Overvote => &mut self.kinds.overvotes,
                    Kind::Skipped => &mut self.kinds.skipped_rankings,
                    Kind::Repeated => &mut self.kinds.repeated_rankings,
                };
                *slot += w;
            }
        }
    }

    /// RCTab's `shouldContinueTabulating`.
    fn should_continue(&self) -> bool {
        if self.rules.stop_after_round.is_some_and(|s| self.round >= s) {
            false
        } else if self.rules.continue_until_two {
            self.eliminated_count + self.winners.len() + 1 < self.num_candidates
                || self.eliminated_in.contains(&Some(self.round))
        } else {
            self.winners.is_empty()
        }
    }

    fn run(&mut self) -> Result<(), String> {
        // Each round elects or eliminates someone, so a count has at most a round per
        // candidate and one more.
        let most_rounds = self.n + 2;
        while self.should_continue() {
            if self.rounds.len() >= most_rounds {
                return Err("the count does not end (a bug in tally)".into());
            }
            if !super::within_limit(self.n, self.rounds.len() + 1) {
                return Err(format!(
                    "the count of {} candidates needs more than {} figures",
                    thousands(self.n as u64),
                    thousands(super::MAX_FIGURES as u64)
                ));
            }
            self.round += 1;
            if self.round == 1 {
                self.first_reading();
            } else {
                self.read_again();
            }
            self.decide()?;
        }
        Ok(())
    }

    fn first_reading(&mut self) {
        for k in 0..self.p.spans.len() {
            let (from, to) = self.p.spans[k];
            if from == to {
                self.undervotes += self.p.weights[k];
                continue;
            }
            let fate = self.walk(k);
            self.settle(k, fate);
        }
    }

    /// The ballots of those eliminated at the end of the last round, read again; where they
    /// went is that round's transfers.
    fn read_again(&mut self) {
        let Some(prev) = self.rounds.last() else {
            return;
        };
        let sources = prev.eliminated.clone();
        let mut moved: HashMap<(CandidateIdx, Option<CandidateIdx>), Votes> = HashMap::new();
        for &s in &sources {
            self.tally[s] = Votes::ZERO;
            for k in std::mem::take(&mut self.holders[s]) {
                let k = k as usize;
                let fate = self.walk(k);
                self.settle(k, fate);
                let to = match fate {
                    Fate::Counts(c) => Some(c),
                    Fate::Inactive(_) => None,
                };
                *moved.entry((s, to)).or_insert(Votes::ZERO) += self.p.weights[k];
            }
        }
        let mut transfers: Vec<PublishedTransfer> = moved
            .into_iter()
            .map(|((from, to), votes)| PublishedTransfer { from, to, votes })
            .collect();
        let mut at = vec![usize::MAX; self.n];
        for (i, &s) in sources.iter().enumerate() {
            at[s] = i;
        }
        transfers.sort_by_key(|t| (at[t.from], t.to.is_none(), t.to));
        if let Some(prev) = self.rounds.last_mut() {
            prev.transfers = Some(transfers);
        }
    }

    /// The candidates in this round's tally (RCTab's round tally): continuing ones, and
    /// winners while the count goes on to two.
    fn in_round(&self) -> Vec<CandidateIdx> {
        (0..self.n).filter(|&c| self.continuing(c)).collect()
    }

    /// This round's threshold, winners and eliminations, recorded as a round.
    fn decide(&mut self) -> Result<(), String> {
        let in_round = self.in_round();
        if in_round.is_empty() {
            return Err("no candidate is left in the count".into());
        }
        let active: Votes = in_round.iter().map(|&c| self.tally[c]).sum();
        let mut threshold = active.majority();
        if self.rules.minimum_vote_threshold > threshold {
            threshold = self.rules.minimum_vote_threshold;
        }
        let mut round = PublishedRound {
            tally: (0..self.n)
                .map(|c| self.continuing(c).then_some(self.tally[c]))
                .collect(),
            inactive: self.kinds.total(),
            inactive_kinds: Some(self.kinds),
            threshold: Some(threshold),
            elected: Vec::new(),
            eliminated: Vec::new(),
            transfers: None,
            ties: Vec::new(),
            repaired: Vec::new(),
        };
        let winners = self.identify_winners(&in_round, threshold, &mut round)?;
        if !winners.is_empty() {
            for &w in &winners {
                self.is_winner[w] = true;
                self.winners.push(w);
            }
            round.elected = winners;
            round.transfers = Some(Vec::new());
        } else if self.winners.is_empty()
            || (self.rules.continue_until_two && self.eliminated_count + 2 < self.num_candidates)
        {
            let out = self.eliminate(&in_round, &mut round)?;
            for &c in &out {
                self.eliminated_in[c] = Some(self.round);
            }
            self.eliminated_count += out.len();
            round.eliminated = out;
        } else {
            round.transfers = Some(Vec::new());
        }
        self.rounds.push(round);
        Ok(())
    }

    /// RCTab's `identifyWinners` for one seat.
    fn identify_winners(
        &mut self,
        in_round: &[CandidateIdx],
        threshold: Votes,
        round: &mut PublishedRound,
    ) -> Result<Vec<CandidateIdx>, String> {
        if self
            .write_in
            .is_some_and(|w| self.continuing(w) && !self.tally[w].is_zero())
        {
            return Ok(Vec::new());
        }
        if !self.winners.is_empty() {
            return Ok(Vec::new());
        }
        if in_round.len() <= 1 {
            return Ok(in_round.to_vec());
        }
        let selected: Vec<CandidateIdx> = in_round
            .iter()
            .copied()
            .filter(|&c| self.tally[c] >= threshold && Some(c) != self.write_in)
            .collect();
        if !selected.is_empty() {
            return Ok(selected);
        }
        let min = self.rules.minimum_vote_threshold;
        if in_round.len() == 2 && in_round.iter().all(|&c| self.tally[c] >= min) {
            let top = in_round
                .iter()
                .map(|&c| self.tally[c])
                .max()
                .unwrap_or(Votes::ZERO);
            let tied: Vec<CandidateIdx> = in_round
                .iter()
                .copied()
                .filter(|&c| self.tally[c] == top)
                .collect();
            if tied.len() == 1 {
                return Ok(tied);
            }
            let (winner, by) = self.break_tie(&tied, true)?;
            round.ties.push(PublishedTie {
                tied,
                chosen: vec![winner],
                broken_by: Some(by),
            });
            return Ok(vec![winner]);
        }
        Ok(Vec::new())
    }

    /// Who goes at the end of this round, in RCTab's order of ways.
    fn eliminate(
        &mut self,
        in_round: &[CandidateIdx],
        round: &mut PublishedRound,
    ) -> Result<Vec<CandidateIdx>, String> {
        if let Some(w) = self.write_in
            && self.continuing(w)
            && !self.tally[w].is_zero()
        {
            return Ok(vec![w]);
        }
        // From fewest votes up; equal votes by candidate order (RCTab's order there is its
        // hash map's, and means nothing).
        let mut sorted = in_round.to_vec();
        sorted.sort_by_key(|&c| (self.tally[c], c));
        let min = self.rules.minimum_vote_threshold;
        if !min.is_zero() {
            let below: Vec<CandidateIdx> = sorted
                .iter()
                .copied()
                .filter(|&c| self.tally[c] < min)
                .collect();
            if below.len() == self.num_declared
                || (!below.is_empty() && below.len() == sorted.len())
            {
                return Err(format!(
                    "every candidate is below the minimum vote threshold of {}: the count cannot go on (RCTab stops here too)",
                    min.plain()
                ));
            }
            if !below.is_empty() {
                return Ok(below);
            }
        }
        if self.rules.batch_elimination {
            let batch = self.batch(&sorted);
            if batch.len() > 1 {
                return Ok(batch);
            }
        }
        let low = self.tally[sorted[0]];
        let tied: Vec<CandidateIdx> = sorted
            .iter()
            .copied()
            .take_while(|&c| self.tally[c] == low)
            .collect();
        if tied.len() == 1 {
            return Ok(tied);
        }
        let (loser, by) = self.break_tie(&tied, false)?;
        let mut tied = tied;
        tied.sort_unstable();
        round.ties.push(PublishedTie {
            tied,
            chosen: vec![loser],
            broken_by: Some(by),
        });
        Ok(vec![loser])
    }

    /// RCTab's batch elimination over `sorted` (fewest votes first): everyone below a
    /// point where all the votes below cannot reach the next tally up.
    fn batch(&self, sorted: &[CandidateIdx]) -> Vec<CandidateIdx> {
        let mut running = Votes::ZERO;
        let mut seen = 0usize;
        let mut eliminations = 0usize;
        let mut previous = 0usize;
        let mut at = 0;
        while at < sorted.len() {
            let votes = self.tally[sorted[at]];
            let group = sorted[at..]
                .iter()
                .take_while(|&&c| self.tally[c] == votes)
                .count();
            if running < votes && seen > eliminations {
                previous = eliminations;
                eliminations = seen;
            }
            running =
                running.saturating_add(Votes::from_raw(votes.raw().saturating_mul(group as u64)));
            seen += group;
            at += group;
        }
        if self.rules.continue_until_two
            && eliminations + self.eliminated_count + 1 == self.num_candidates
        {
            eliminations = previous;
        }
        sorted[..eliminations].to_vec()
    }
}
