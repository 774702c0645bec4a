//! The counting rules of a ranked-choice count from cast vote records, as RCTab (the
//! certified open-source tabulator) defines them.
//!
//! An RCTab contest configuration's `rules` (read by `import::rctab_config`) and the
//! command-line options for a bare file (`--overvote`, `--max-skipped`, …) both become one
//! [`RcvRules`]; the engine (`count::rcv`) follows it exactly, and every report prints it, so
//! a count can be reproduced. The defaults are RCTab's own where RCTab has one, and are
//! printed beside the count like any other choice.

use super::votes::Votes;

/// What a ballot does when the count reaches a rank with several candidates marked (an
/// overvote), or the explicit overvote label. RCTab's `overvoteRule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OvervoteRule {
    /// `exhaustImmediately`: the ballot stops counting there.
    ExhaustImmediately,
    /// `alwaysSkipToNextRank`: the rank is passed over.
    AlwaysSkipToNextRank,
    /// `exhaustIfMultipleContinuing`: the ballot stops counting when more than one of the
    /// marked candidates is still continuing; with one, it counts for that one; with none,
    /// the rank is passed over.
    ExhaustIfMultipleContinuing,
}

/// How a tie (for elimination, or between winners) is settled. RCTab's `tiebreakMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TiebreakMode {
    /// `useCandidateOrder`: the candidate listed later in the configuration loses.
    UseCandidateOrder,
    /// `random`: a draw, reproducible from `random_seed`.
    Random,
    /// `previousRoundCountsThenRandom`: the one with fewer votes in the latest round where
    /// the tied candidates differ loses; a draw if they never differ.
    PreviousRoundCountsThenRandom,
    /// `previousRoundCountsThenUseCandidateOrder`: as above, then candidate order.
    PreviousRoundCountsThenUseCandidateOrder,
    /// `generatePermutation`: one random order of all candidates drawn at the start, used
    /// like a candidate order.
    GeneratePermutation,
}

/// How a tie was settled, recorded with the tie so every output can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TieBrokenBy {
    /// The order of the candidates in the configuration (or a drawn permutation).
    CandidateOrder,
    /// The votes of an earlier round (1-based), where the tied candidates differed.
    PreviousRound(u32),
    /// A random draw from the seed.
    Random,
}

/// RCTab's rules for a single-winner ranked-choice count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RcvRules {
    /// RCTab's `overvoteRule`.
    pub overvote: OvervoteRule,
    /// RCTab's `maxSkippedRanksAllowed`: how many consecutive empty ranks a ballot may pass
    /// over before it stops counting; `None` is "unlimited".
    pub max_skipped: Option<u32>,
    /// RCTab's `maxRankingsAllowed`: ranks after this one are not read; `None` is "max" (all).
    pub max_rankings: Option<u32>,
    /// RCTab's `exhaustOnDuplicateCandidate`: a candidate ranked a second time stops the
    /// ballot (otherwise the repeat is passed over).
    pub exhaust_on_duplicate: bool,
    /// RCTab's `batchElimination`: every candidate who cannot catch the next one up, even
    /// with all the votes below, goes at once.
    pub batch_elimination: bool,
    /// RCTab's `continueUntilTwoCandidatesRemain`: go on eliminating after someone has a
    /// majority, until two are left.
    pub continue_until_two: bool,
    /// RCTab's `tiebreakMode`.
    pub tiebreak: TiebreakMode,
    /// RCTab's `randomSeed`, for the modes that draw.
    pub random_seed: Option<i64>,
    /// RCTab's `minimumVoteThreshold`: candidates below it in round 1 are eliminated at
    /// once (zero: none).
    pub minimum_vote_threshold: Votes,
    /// RCTab's `stopTabulationEarlyAfterRound`: the count stops after this round.
    pub stop_after_round: Option<u32>,
}

impl Default for RcvRules {
    /// RCTab's own defaults where it has them: `maxSkippedRanksAllowed` 1 (RCTab's
    /// suggested value), `maxRankingsAllowed` "max", and `false` for every switch
    /// (`exhaustOnDuplicateCandidate`, `batchElimination`, `continueUntilTwoCandidatesRemain`),
    /// no minimum vote threshold, no early stop. RCTab makes the operator choose an
    /// overvote rule and a tie-break mode; tally picks `exhaustImmediately` (the rule the
    /// certified jurisdictions in RCTab's own tests use, and the only one that also takes
    /// the explicit overvote label as written) and `useCandidateOrder` (needs no seed: a
    /// count that can be repeated by anyone from the candidate list alone).
    fn default() -> Self {
        RcvRules {
            overvote: OvervoteRule::ExhaustImmediately,
            max_skipped: Some(1),
            max_rankings: None,
            exhaust_on_duplicate: false,
            batch_elimination: false,
            continue_until_two: false,
            tiebreak: TiebreakMode::UseCandidateOrder,
            random_seed: None,
            minimum_vote_threshold: Votes::ZERO,
            stop_after_round: None,
        }
    }
}

impl OvervoteRule {
    /// Every rule, in RCTab's order.
    pub const ALL: [OvervoteRule; 3] = [
        OvervoteRule::AlwaysSkipToNextRank,
        OvervoteRule::ExhaustImmediately,
        OvervoteRule::ExhaustIfMultipleContinuing,
    ];

    /// The rule named as RCTab's configuration names it (`"exhaustImmediately"`).
    pub fn from_rctab(name: &str) -> Option<OvervoteRule> {
        Self::ALL.into_iter().find(|r| r.as_rctab() == name)
    }

    /// The rule as RCTab's configuration writes it.
    pub fn as_rctab(self) -> &'static str {
        match self {
            OvervoteRule::ExhaustImmediately => "exhaustImmediately",
            OvervoteRule::AlwaysSkipToNextRank => "alwaysSkipToNextRank",
            OvervoteRule::ExhaustIfMultipleContinuing => "exhaustIfMultipleContinuing",
        }
    }
}

impl TiebreakMode {
    /// Every mode tally counts without asking anyone, in RCTab's order.
    pub const ALL: [TiebreakMode; 5] = [
        TiebreakMode::Random,
        TiebreakMode::PreviousRoundCountsThenRandom,
        TiebreakMode::UseCandidateOrder,
        TiebreakMode::GeneratePermutation,
        TiebreakMode::PreviousRoundCountsThenUseCandidateOrder,
    ];

    /// The mode named as RCTab's configuration names it (`"useCandidateOrder"`). RCTab's
    /// `stopCountingAndAsk` and `previousRoundCountsThenAsk` need a person at the count and
    /// are not modes tally has: `None`.
    pub fn from_rctab(name: &str) -> Option<TiebreakMode> {
        Self::ALL.into_iter().find(|m| m.as_rctab() == name)
    }

    /// The mode as RCTab's configuration writes it. `previousRoundCountsThenUseCandidateOrder`
    /// is tally's own (RCTab has no such mode): previous rounds, then candidate order.
    pub fn as_rctab(self) -> &'static str {
        match self {
            TiebreakMode::UseCandidateOrder => "useCandidateOrder",
            TiebreakMode::Random => "random",
            TiebreakMode::PreviousRoundCountsThenRandom => "previousRoundCountsThenRandom",
            TiebreakMode::PreviousRoundCountsThenUseCandidateOrder => {
                "previousRoundCountsThenUseCandidateOrder"
            }
            TiebreakMode::GeneratePermutation => "generatePermutation",
        }
    }

    /// Whether the mode draws at random, and so needs RCTab's `randomSeed`.
    pub fn needs_seed(self) -> bool {
        matches!(
            self,
            TiebreakMode::Random
                | TiebreakMode::PreviousRoundCountsThenRandom
                | TiebreakMode::GeneratePermutation
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rctab_names_go_both_ways_and_the_asking_modes_are_refused() {
        for r in OvervoteRule::ALL {
            assert_eq!(OvervoteRule::from_rctab(r.as_rctab()), Some(r));
        }
        for m in TiebreakMode::ALL {
            assert_eq!(TiebreakMode::from_rctab(m.as_rctab()), Some(m));
        }
        assert_eq!(TiebreakMode::from_rctab("stopCountingAndAsk"), None);
        assert_eq!(TiebreakMode::from_rctab("previousRoundCountsThenAsk"), None);
        assert_eq!(OvervoteRule::from_rctab("ExhaustImmediately"), None);
    }

    #[test]
    fn rctab_suggests_one_skipped_rank() {
        assert_eq!(RcvRules::default().max_skipped, Some(1));
    }
}
