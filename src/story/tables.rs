//! What the viewer draws from the contests that does not change while they are on screen,
//! worked out once when they are loaded (or a followed file brings a new version), never
//! on every frame.
//!
//! Per contest ([`ContestTables`]): its candidates' printable names and their orders (first
//! count, ballot paper), the bars' scale, its area table in every order, its turnout, the narration of each
//! round, the presenter's beats and the explainers. Across the contests
//! loaded ([`Across`]): each one's column heading, the one party table (the same one
//! `tally compare` prints), the turnout scale and where each method was used.

use super::areas::AreaTable;
use super::explain::{Explainer, explainers};
use super::present::{Beat, after_reveals, ballot_order, beats};
use super::summary::{self, PartyRow, Turnout};
use crate::count::{Count, Counted};
use crate::model::{Votes, VotingSystem};
use crate::text::{clean, width};

/// Everything derived from one contest.
pub struct ContestTables {
    /// Each candidate's name, made safe to print (`text::clean`).
    pub names: Vec<String>,
    /// The widest of those names, in terminal cells.
    pub name_width: usize,
    /// Candidates in first-count order, most votes first: the Count view's rows keep this
    /// order through every step, so a bar never jumps while it moves.
    pub first_order: Vec<usize>,
    /// The largest value any bar reaches in the count (votes, threshold or exhausted), so
    /// the bars' scale stays fixed through every step and animation.
    pub bar_scale: f64,
    pub areas: AreaTable,
    pub turnout: Option<Turnout>,
    /// Per round, what happened in it, in sentences.
    pub narration: Vec<String>,
    /// Per round, what is moving while its bars animate: nothing the bars have not shown
    /// yet (no totals, no winner).
    pub narration_moving: Vec<String>,
    /// Per round, when its transfer moves source by source: each source's sentence, keyed
    /// by the candidates whose ballots move in it (`narrate::moving_sources`).
    pub narration_sources: Vec<Vec<(Vec<usize>, String)>>,
    /// The presenter's lesson.
    pub beats: Vec<Beat>,
    /// The presenter's bars' order: as on the ballot paper, by surname.
    pub ballot_order: Vec<usize>,
    /// The beat after every first preference is revealed.
    pub after_reveals: usize,
    pub explainers: Vec<Explainer>,
}

impl ContestTables {
    pub fn new(l: &Counted) -> ContestTables {
        let names: Vec<String> = l
            .contest
            .candidates
            .iter()
            .map(|c| clean(&c.name).into_owned())
            .collect();
        ContestTables {
            name_width: names.iter().map(|n| width(n)).max().unwrap_or(0),
            names,
            first_order: l
                .count
                .first()
                .standings()
                .into_iter()
                .map(|(i, _)| i)
                .collect(),
            bar_scale: bar_scale(&l.count),
            areas: AreaTable::new(&l.contest),
            turnout: summary::turnout(&l.contest),
            narration: (0..l.count.rounds.len())
                .map(|r| super::narrate::step(l, r).join(" "))
                .collect(),
            narration_moving: (0..l.count.rounds.len())
                .map(|r| super::narrate::moving(l, r))
                .collect(),
            narration_sources: (0..l.count.rounds.len())
                .map(|r| super::narrate::moving_sources(l, r))
                .collect(),
            beats: beats(l),
            ballot_order: ballot_order(l),
            after_reveals: after_reveals(l),
            explainers: explainers(l),
        }
    }
}

/// The largest value any bar reaches in the count, at least 1.
fn bar_scale(count: &Count) -> f64 {
    count
        .rounds
        .iter()
        .flat_map(|r| r.votes.iter().copied().chain([r.threshold, r.exhausted]))
        .max()
        .unwrap_or(Votes::ZERO)
        .as_f64()
        .max(1.0)
}

/// Everything derived from the contests together.
pub struct Across {
    /// Per contest, its column heading: its year, or its id when two share a year.
    pub headings: Vec<String>,
    /// The party table as `tally compare` prints it (`summary::party_table`).
    pub parties: Vec<PartyRow>,
    /// Every party and independent before folding, for a screen with room for more rows
    /// than `parties` has (`summary::fold`).
    pub party_series: Vec<summary::Series>,
    /// The top of the turnout bars' scale, in percent (`summary::turnout_scale`).
    pub turnout_scale: f64,
    /// Where each method was used, for the help's titles.
    pub used_in: Vec<(VotingSystem, String)>,
}

impl Across {
    pub fn new(contests: &[Counted]) -> Across {
        Across {
            headings: summary::headings(contests),
            parties: summary::party_table(contests),
            party_series: summary::party_series(contests),
            turnout_scale: summary::turnout_scale(contests),
            used_in: VotingSystem::ALL
                .iter()
                .filter_map(|&s| summary::used_in(contests, s).map(|u| (s, u)))
                .collect(),
        }
    }

    /// Where `system` was used among the contests, if it was.
    pub fn used_in(&self, system: VotingSystem) -> Option<&str> {
        self.used_in
            .iter()
            .find(|(s, _)| *s == system)
            .map(|(_, u)| u.as_str())
    }
}

/// The tables for a set of contests.
pub struct Tables {
    pub contests: Vec<ContestTables>,
    pub across: Across,
}

impl Tables {
    pub fn new(contests: &[Counted]) -> Tables {
        Tables {
            contests: contests.iter().map(ContestTables::new).collect(),
            across: Across::new(contests),
        }
    }
}
