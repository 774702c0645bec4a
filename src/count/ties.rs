//! Ties: the one deterministic rule tally uses to break them, and the record of each.
//!
//! Statute usually breaks a tie by drawing lots, which a program cannot do. tally orders
//! tied candidates by the contest's `tie_break_order` (where a dataset can record the lots
//! actually drawn), then by their order in `candidates`. The first in that order is
//! preferred: it goes through to the second round, wins, or is spared elimination. Every
//! tie broken is recorded in the round so that the count can say so.

use super::CandidateIdx;
use crate::model::{Contest, Votes};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieKind {
    /// Supplementary Vote: equal votes at the boundary of the top two.
    SecondPlace,
    /// Equal votes for the last place(s) when eliminating.
    Elimination,
    /// Equal votes for first place at the end of the count.
    Winner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieRule {
    /// The contest's `tie_break_order`.
    TieBreakOrder,
    /// The order of `candidates` in the dataset.
    CandidateOrder,
    /// Decided as recorded in the dataset's own rounds (a count imported from elsewhere).
    AsCounted,
}

impl TieRule {
    pub fn describe(self) -> &'static str {
        match self {
            TieRule::TieBreakOrder => "by the dataset's tie-break order",
            TieRule::CandidateOrder => {
                "by the order of candidates in the dataset (tally's rule when none is recorded)"
            }
            TieRule::AsCounted => "as recorded in the imported count",
        }
    }
}

impl TieRule {
    /// [`TieRule::describe`] for a count of a ballots file, which has no "dataset": its
    /// order of candidates is the order the options are listed in the file.
    pub fn describe_for_ballots(self) -> &'static str {
        match self {
            TieRule::CandidateOrder => {
                "by the order the options are listed in the file (tally's rule, as no draw is recorded)"
            }
            other => other.describe(),
        }
    }
}

/// A tie and how it was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieBreak {
    pub kind: TieKind,
    /// Every candidate on the tied vote.
    pub tied: Vec<CandidateIdx>,
    /// Those the rule favoured: through to the next round, elected, or kept in.
    pub preferred: Vec<CandidateIdx>,
    /// The tied vote.
    pub votes: Votes,
    pub rule: TieRule,
}

/// Priority of each candidate for tie-breaking: lower is preferred.
pub fn priorities(contest: &Contest) -> Vec<usize> {
    let n = contest.candidates.len();
    let mut prio: Vec<usize> = (0..n).map(|i| n + i).collect();
    let ids = contest.ids();
    for (rank, id) in contest.tie_break_order.iter().flatten().enumerate() {
        if let Some(&i) = ids.get(id.as_str()) {
            prio[i] = prio[i].min(rank);
        }
    }
    prio
}

/// The rule that `priorities` applies between these candidates.
pub fn rule_for(contest: &Contest, tied: &[CandidateIdx]) -> TieRule {
    let order: std::collections::HashSet<&str> = contest
        .tie_break_order
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if tied
        .iter()
        .any(|&i| order.contains(contest.candidates[i].id.as_str()))
    {
        TieRule::TieBreakOrder
    } else {
        TieRule::CandidateOrder
    }
}

/// Rank candidates by votes (most first), ties by priority. Returns the ranking and, if
/// the cut after `keep` places falls inside a group of equal votes, the tie that decided it.
pub fn rank_and_cut(
    contest: &Contest,
    votes: &[(CandidateIdx, Votes)],
    keep: usize,
    kind: TieKind,
) -> (Vec<(CandidateIdx, Votes)>, Option<TieBreak>) {
    let prio = priorities(contest);
    let mut ranked = votes.to_vec();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(prio[a.0].cmp(&prio[b.0])));
    if keep == 0 || keep >= ranked.len() {
        return (ranked, None);
    }
    let boundary = ranked[keep - 1].1;
    if ranked[keep].1 != boundary {
        return (ranked, None);
    }
    let tied: Vec<CandidateIdx> = ranked
        .iter()
        .filter(|(_, v)| *v == boundary)
        .map(|(i, _)| *i)
        .collect();
    let preferred: Vec<CandidateIdx> = ranked[..keep]
        .iter()
        .filter(|(_, v)| *v == boundary)
        .map(|(i, _)| *i)
        .collect();
    let rule = rule_for(contest, &tied);
    let mut tied_sorted = tied;
    tied_sorted.sort_unstable();
    let tie = TieBreak {
        kind,
        tied: tied_sorted,
        preferred,
        votes: boundary,
        rule,
    };
    (ranked, Some(tie))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::dataset::parse::parse_contest;

    fn contest(order: &str) -> Contest {
        let raw = parse_contest(&format!(
            r#"{{"id": "t", "title": "T", "area": "A", "date": "2020-01-02", "system": "first-past-the-post",
            "candidates": [{{"id": "a", "name": "A", "party": "P"}}, {{"id": "b", "name": "B", "party": "P"}},
                           {{"id": "c", "name": "C", "party": "P"}}],
            "first_preferences": {{"a": 1, "b": 1, "c": 1}} {order}}}"#
        ))
        .unwrap();
        crate::import::dataset::check(raw).unwrap().0
    }

    fn votes(v: &[(usize, u64)]) -> Vec<(usize, Votes)> {
        v.iter().map(|&(i, n)| (i, Votes::new(n))).collect()
    }

    #[test]
    fn candidate_order_breaks_ties_by_default() {
        let c = contest("");
        let (ranked, tie) = rank_and_cut(
            &c,
            &votes(&[(0, 5), (1, 7), (2, 5)]),
            2,
            TieKind::SecondPlace,
        );
        assert_eq!(ranked, votes(&[(1, 7), (0, 5), (2, 5)]));
        let tie = tie.unwrap();
        assert_eq!(
            (tie.tied, tie.preferred, tie.rule),
            (vec![0, 2], vec![0], TieRule::CandidateOrder)
        );
    }

    #[test]
    fn tie_break_order_comes_first() {
        let c = contest(r#", "tie_break_order": ["c"]"#);
        let (ranked, tie) = rank_and_cut(
            &c,
            &votes(&[(0, 5), (1, 7), (2, 5)]),
            2,
            TieKind::SecondPlace,
        );
        assert_eq!(ranked[1], (2, Votes::new(5)));
        assert_eq!(tie.unwrap().rule, TieRule::TieBreakOrder);
    }

    #[test]
    fn no_tie_when_the_cut_is_clean() {
        let c = contest("");
        let (_, tie) = rank_and_cut(
            &c,
            &votes(&[(0, 5), (1, 7), (2, 4)]),
            2,
            TieKind::SecondPlace,
        );
        assert_eq!(tie, None);
    }
}
