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
    /// The rules of a bare file (no configuration): to be checked against RCTab's own
    /// defaults by the engine's author.
    fn default() -> Self {
        RcvRules {
            overvote: OvervoteRule::ExhaustImmediately,
            max_skipped: None,
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
