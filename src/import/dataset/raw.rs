//! The dataset file's own shape, for serde: every field as the format (version 1) names it,
//! including `system` and the per-system fields, `second_round` and `rounds`, that the
//! checked `model::Contest` holds as one `Method`. `docs/dataset-format.md` documents it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{
    Area, Candidate, Contest, DeclarationTimes, Method, PublishedTurnout, ResultStatus, RoundSpec,
    SecondRound, Source, VoteMap, Votes, VotingSystem,
};

/// The version of the dataset format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A contest exactly as a dataset file states it: `system`, and the fields that go with
/// each system, each optional. [`super::check`] turns it into a checked `Contest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContest {
    /// Format version; absent means 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tally_format: Option<u32>,
    /// Short stable id, lower-case letters, digits and hyphens: `london-2004`.
    pub id: String,
    /// Human title: "Mayor of London 2004".
    pub title: String,
    /// The area the contest covers: "Greater London".
    pub area: String,
    /// Date of poll.
    #[serde(deserialize_with = "crate::model::dates::date")]
    pub date: NaiveDate,
    pub system: VotingSystem,
    /// Whether the figures are final or still coming in (a live results file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ResultStatus>,
    pub candidates: Vec<Candidate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electorate: Option<Votes>,
    /// Ballot papers counted: valid votes plus rejected ballots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ballot_papers: Option<Votes>,
    /// Valid first-preference votes; must equal the sum of `first_preferences`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_votes: Option<Votes>,
    /// Ballot papers rejected (for the first preference, under SV).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Votes>,
    /// Why ballots were rejected: reason → count; must sum to `rejected`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected_reasons: Option<VoteMap>,
    /// Turnout as published, for when the figures to compute it are not all known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turnout: Option<PublishedTurnout>,
    /// First preferences (or the only vote, under first past the post): candidate id → votes.
    /// May be left out when `areas` are given: it is then the sum of the declared areas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_preferences: Option<VoteMap>,
    /// Second choices marked on all valid ballots (not the transfers): candidate id → votes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_choices: Option<VoteMap>,
    /// Supplementary Vote: the second round, when nobody won on first preferences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_round: Option<SecondRound>,
    /// Instant runoff: the rounds after the first, as counted elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounds: Option<Vec<RoundSpec>>,
    /// How ties are broken: candidate ids, highest priority first (e.g. the result of drawing
    /// lots). Candidates not listed come after, in the order of `candidates`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie_break_order: Option<Vec<String>>,
    /// Results by area (e.g. the 14 GLA constituencies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub areas: Option<Vec<Area>>,
    /// `"illustrative"` when the areas' `declared_at` (and so their order) are made up;
    /// absent when they are the real times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declaration_times: Option<DeclarationTimes>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl RawContest {
    /// The raw form of a checked contest, for writing it out.
    pub fn from_contest(c: &Contest) -> Self {
        let (second_round, rounds) = match &c.method {
            Method::FirstPastThePost => (None, None),
            Method::SupplementaryVote { second_round } => (second_round.clone(), None),
            Method::InstantRunoff { rounds } => {
                (None, (!rounds.is_empty()).then(|| rounds.clone()))
            }
            // Shown as published, never written as a dataset (`dataset::to_json` refuses).
            Method::Published(_) => (None, None),
        };
        RawContest {
            tally_format: Some(FORMAT_VERSION),
            id: c.id.clone(),
            title: c.title.clone(),
            area: c.area.clone(),
            date: c.date.unwrap_or_default(),
            system: c.method.system(),
            status: c.status,
            candidates: c.candidates.clone(),
            electorate: c.electorate,
            ballot_papers: c.ballot_papers,
            valid_votes: c.valid_votes,
            rejected: c.rejected,
            rejected_reasons: c.rejected_reasons.clone(),
            turnout: c.turnout.clone(),
            first_preferences: c.first_preferences.clone(),
            second_choices: c.second_choices.clone(),
            second_round,
            rounds,
            tie_break_order: c.tie_break_order.clone(),
            areas: c.areas.clone(),
            declaration_times: c.declaration_times,
            sources: c.sources.clone(),
            notes: c.notes.clone(),
        }
    }
}
