//! The contest types: one election for one office, and the parts it is made of.
//!
//! Every figure that an official source may not give (electorate, ballot papers, rejected
//! ballots, turnout) is an `Option`: unknown is absent, never zero. Candidates are referred to
//! by their stable `id` everywhere else. The parts (candidates, areas, sources, a declared
//! second round, published rounds) are also the dataset format's, so they carry its serde
//! rules; the [`Contest`] itself is built by a reader (`import`), checked.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::method::Method;
use super::votes::{VoteMap, Votes};

/// A candidate's position in `Contest::candidates` (and in every per-candidate list).
pub type CandidateIdx = usize;

/// One contest: a single election to a single office, checked.
///
/// This is what every reader produces and everything else works from. The dataset file's
/// own shape (with `system` and its optional per-system fields) is read by
/// `import::dataset`, which checks it and builds this.
#[derive(Debug, Clone, PartialEq)]
pub struct Contest {
    /// Short stable id, lower-case letters, digits and hyphens: `london-2004`.
    pub id: String,
    /// Human title: "Mayor of London 2004".
    pub title: String,
    /// The area the contest covers: "Greater London".
    pub area: String,
    /// Date of poll; `None` when the source does not give it (a published count often does
    /// not): shown as "date not given", never made up.
    pub date: Option<NaiveDate>,
    /// How it is counted, with the declared rounds the method needs.
    pub method: Method,
    /// Seats to fill: 1 for every method tally counts today.
    pub seats: u32,
    /// Whether the figures are final or still coming in (a live results file).
    pub status: Option<ResultStatus>,
    pub candidates: Vec<Candidate>,
    pub electorate: Option<Votes>,
    /// Ballot papers counted: valid votes plus rejected ballots.
    pub ballot_papers: Option<Votes>,
    /// Valid first-preference votes; equal to the sum of `first_preferences`.
    pub valid_votes: Option<Votes>,
    /// Ballot papers rejected (for the first preference, under SV).
    pub rejected: Option<Votes>,
    /// Why ballots were rejected: reason → count, summing to `rejected`.
    pub rejected_reasons: Option<VoteMap>,
    /// Turnout as published, for when the figures to compute it are not all known.
    pub turnout: Option<PublishedTurnout>,
    /// First preferences (or the only vote, under first past the post): candidate id → votes.
    /// `None` when `areas` are given: it is then the sum of the declared areas.
    pub first_preferences: Option<VoteMap>,
    /// Second choices marked on all valid ballots (not the transfers): candidate id → votes.
    pub second_choices: Option<VoteMap>,
    /// How ties are broken: candidate ids, highest priority first (e.g. the result of drawing
    /// lots). Candidates not listed come after, in the order of `candidates`.
    pub tie_break_order: Option<Vec<String>>,
    /// Results by area (e.g. the 14 GLA constituencies).
    pub areas: Option<Vec<Area>>,
    /// `Illustrative` when the areas' `declared_at` (and so their order) are made up, as
    /// `tally replay` writes for a contest without real times; `None` when they are real.
    pub declaration_times: Option<DeclarationTimes>,
    pub sources: Vec<Source>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResultStatus {
    Provisional,
    Final,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Stable id used everywhere else in the file: `livingstone`.
    pub id: String,
    pub name: String,
    /// Party or description; absent (empty) when there is none, as for counted ballots.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub party: String,
    /// The party's stable id, the same in every contest whatever the label says
    /// (`london-real` for "London Real" and "London Real Party"); `None` for an independent,
    /// who is counted as themself (see `model::party`). A dataset may leave it out: the
    /// reader then derives it from `party`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<String>,
    /// Party colour as `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

/// `#rrggbb` → (r, g, b).
pub fn parse_colour(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// A turnout figure as published, with what it is a percentage of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedTurnout {
    pub percent: f64,
    pub basis: TurnoutBasis,
    /// True when the source gives only a rounded or approximate figure ("about 42%").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// Which source (a `sources[].id`) gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What a published turnout counts, over the electorate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TurnoutBasis {
    /// All ballot papers counted, rejected ones included.
    BallotPapers,
    /// Valid votes only.
    ValidVotes,
    /// The source does not say.
    Unstated,
}

impl TurnoutBasis {
    pub fn describe(self) -> &'static str {
        match self {
            TurnoutBasis::BallotPapers => "ballot papers over electorate",
            TurnoutBasis::ValidVotes => "valid votes over electorate",
            TurnoutBasis::Unstated => "basis not stated",
        }
    }
}

/// The Supplementary Vote's second round as officially declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecondRound {
    /// Votes added to each finalist from the eliminated candidates' ballots.
    /// May be left out when `matrix` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfers: Option<VoteMap>,
    /// First choice → second choice → ballots, for the full first-by-second table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix: Option<Vec<MatrixRow>>,
    /// The declared final totals, checked against first preferences + transfers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<VoteMap>,
    /// The declared non-transferable total, checked against the count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_transferable: Option<Votes>,
}

/// One row of a first-by-second preference table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixRow {
    /// The first choice (candidate id).
    pub first: String,
    /// Second choice (candidate id) → ballots with that first and second choice.
    pub second: VoteMap,
}

/// One round of an instant-runoff count after the first, as counted elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundSpec {
    /// Candidates eliminated at the end of the previous round, whose ballots move now.
    pub eliminated: Vec<String>,
    /// Where their ballots went. Ballots not listed are exhausted.
    #[serde(default)]
    pub transfers: Vec<TransferSpec>,
    /// The tally after this round's transfers, as published; checked against the count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tally: Option<VoteMap>,
    /// The running exhausted total after this round, as published; checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exhausted: Option<Votes>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferSpec {
    /// The eliminated candidate the ballots came from; absent when the source publishes
    /// only a total for all of the round's eliminated candidates together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The receiving candidate, or `"exhausted"`.
    pub to: String,
    pub votes: Votes,
}

/// The reserved word for "no further preference" in `TransferSpec::to`.
pub const EXHAUSTED: &str = "exhausted";

/// Results for one area of the contest (a constituency, a borough, a ward).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electorate: Option<Votes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ballot_papers: Option<Votes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_votes: Option<Votes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Votes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected_reasons: Option<VoteMap>,
    /// Absent while the area has not declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_preferences: Option<VoteMap>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_choices: Option<VoteMap>,
    /// When the area's result was declared.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::option_date_time"
    )]
    pub declared_at: Option<DateTime<FixedOffset>>,
}

impl Area {
    pub fn is_declared(&self) -> bool {
        self.first_preferences.is_some()
    }
}

/// What a dataset's `declaration_times` may say about its areas' `declared_at`. Absent, they
/// are the real times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeclarationTimes {
    /// Made up to show a night (order and times), not when the areas really declared.
    Illustrative,
}

/// Where the figures come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short tag that notes and `turnout.source` may refer to: `BBC04`.
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::option_date"
    )]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Contest {
    /// Whether tally counted this contest itself from a file of ballots (`count::ballots`
    /// names its one source `ballots`): the ballots are known, and a tie was broken by the
    /// order of the options in that file rather than of a dataset's candidates.
    pub fn counted_from_ballots(&self) -> bool {
        self.sources.iter().any(|s| s.id == "ballots")
    }

    /// How a tie was broken, in the words that suit where the contest came from.
    pub fn tie_rule_words(&self, rule: crate::count::ties::TieRule) -> &'static str {
        if self.counted_from_ballots() {
            rule.describe_for_ballots()
        } else {
            rule.describe()
        }
    }

    /// The position of a candidate by id. This looks through the list: to look up many ids,
    /// build [`Contest::ids`] once.
    pub fn candidate_index(&self, id: &str) -> Option<usize> {
        self.candidates.iter().position(|c| c.id == id)
    }

    /// Candidate id → position (the first, if an id is repeated), for lookups in linear time
    /// overall: a contest may have 100,000 candidates.
    pub fn ids(&self) -> std::collections::HashMap<&str, usize> {
        super::ids::index(&self.candidates)
    }

    /// Areas that have declared, in file order.
    pub fn declared_areas(&self) -> impl Iterator<Item = &Area> {
        self.areas.iter().flatten().filter(|a| a.is_declared())
    }

    /// Whether the areas' declaration order and times are illustrative, not real.
    pub fn illustrative_times(&self) -> bool {
        self.declaration_times == Some(DeclarationTimes::Illustrative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse() {
        assert_eq!(parse_colour("#E4003B"), Some((0xe4, 0x00, 0x3b)));
        assert_eq!(parse_colour("red"), None);
        assert_eq!(parse_colour("#12345"), None);
    }
}
