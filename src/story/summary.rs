//! Facts derived from a counted contest that several outputs need: turnout with its basis,
//! each party's share, the winner and margin.
//!
//! Derived once here so that `tally compare`, the text report and the viewer cannot
//! disagree. A figure that cannot be known is `None`, never zero.

use std::collections::HashMap;

use crate::count::CandidateIdx;
use crate::count::Counted;
use crate::model::{Contest, TurnoutBasis, Votes};

/// A turnout figure and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turnout {
    pub percent: f64,
    pub basis: TurnoutBasis,
    /// True when computed from the contest's own electorate and ballot figures.
    pub computed: bool,
    pub approximate: bool,
}

impl Turnout {
    /// `45.33%`, `36.95%`, `≈42%`: computed figures to two decimals, published ones as
    /// published (no false precision).
    pub fn display(&self) -> String {
        if self.computed {
            format!("{:.2}%", self.percent)
        } else if self.approximate {
            format!("\u{2248}{}%", self.percent)
        } else {
            format!("{}%", self.percent)
        }
    }

    /// What the figure counts: "ballot papers", "valid votes", "basis not stated".
    pub fn basis_label(&self) -> &'static str {
        match self.basis {
            TurnoutBasis::BallotPapers => "ballot papers",
            TurnoutBasis::ValidVotes => "valid votes",
            TurnoutBasis::Unstated => "basis not stated",
        }
    }
}

/// Turnout: computed from ballot papers over electorate when both are known, otherwise as
/// published (with its basis), otherwise unknown.
pub fn turnout(c: &Contest) -> Option<Turnout> {
    if let (Some(e), Some(b)) = (c.electorate, c.ballot_papers)
        && let Some(percent) = b.percent_of(e)
    {
        return Some(Turnout {
            percent,
            basis: TurnoutBasis::BallotPapers,
            computed: true,
            approximate: false,
        });
    }
    c.turnout.as_ref().map(|t| Turnout {
        percent: t.percent,
        basis: t.basis,
        computed: false,
        approximate: t.approximate,
    })
}

/// A party's first-preference votes, summed over its candidates.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyShare {
    pub party: String,
    pub votes: Votes,
    /// Percent of valid first preferences.
    pub percent: f64,
    pub candidates: Vec<CandidateIdx>,
    pub colour: Option<String>,
}

/// First-preference share by party, largest first.
pub fn party_shares(l: &Counted) -> Vec<PartyShare> {
    let first = l.count.first();
    let mut out: Vec<PartyShare> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, cand) in l.contest.candidates.iter().enumerate() {
        let votes = first.votes[i];
        let label = if cand.party.is_empty() {
            "No party"
        } else {
            cand.party.as_str()
        };
        match index.get(label) {
            Some(&k) => {
                out[k].votes += votes;
                out[k].candidates.push(i);
            }
            None => {
                index.insert(label, out.len());
                out.push(PartyShare {
                    party: label.to_string(),
                    votes,
                    percent: 0.0,
                    candidates: vec![i],
                    colour: cand.colour.clone(),
                });
            }
        }
    }
    let valid = l.count.valid;
    for p in &mut out {
        p.percent = p.votes.percent_of(valid).unwrap_or(0.0);
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.votes));
    out
}

/// Parties below this share of first preferences in every contest compared fold into one
/// "Others" row: `tally compare` and the Elections view fold the same parties.
pub const MIN_SHARE: f64 = 1.0;

/// One row of the party table.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyRow {
    /// The party's name, as the dataset gives it (not yet cleaned for display).
    pub party: String,
    pub colour: Option<String>,
    /// Its share of valid first preferences in each contest; `None` where it did not stand.
    pub values: Vec<Option<f64>>,
    /// For the "Others" row, how many parties it holds; 0 for a party.
    pub folded: usize,
}

impl PartyRow {
    /// "Labour", or "Others (15 parties)".
    pub fn label(&self) -> String {
        match self.folded {
            0 => crate::text::clean(&self.party).into_owned(),
            1 => "Others (1 party)".to_string(),
            n => format!("Others ({n} parties)"),
        }
    }

    /// A shorter label for narrow screens, when there is one: "Others (15)".
    pub fn short_label(&self) -> Option<String> {
        (self.folded > 0).then(|| format!("Others ({})", self.folded))
    }
}

/// Each party's first-preference share across contests: the parties with at least
/// [`MIN_SHARE`] in some contest, largest best share first, then "Others" for the rest.
pub fn party_table<'a>(contests: impl IntoIterator<Item = &'a Counted>) -> Vec<PartyRow> {
    let per_contest: Vec<Vec<PartyShare>> = contests.into_iter().map(party_shares).collect();
    // Each party's best share anywhere, and its colour (the first one given).
    let mut parties: Vec<(String, f64, Option<String>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for shares in &per_contest {
        for p in shares {
            match index.get(&p.party) {
                Some(&k) => {
                    let (_, best, colour) = &mut parties[k];
                    *best = best.max(p.percent);
                    if colour.is_none() {
                        colour.clone_from(&p.colour);
                    }
                }
                None => {
                    index.insert(p.party.clone(), parties.len());
                    parties.push((p.party.clone(), p.percent, p.colour.clone()));
                }
            }
        }
    }
    parties.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (shown, folded): (Vec<_>, Vec<_>) = parties
        .into_iter()
        .partition(|(_, best, _)| *best >= MIN_SHARE);
    let share_in = |shares: &[PartyShare], party: &str| {
        shares.iter().find(|p| p.party == party).map(|p| p.percent)
    };
    let mut rows: Vec<PartyRow> = shown
        .into_iter()
        .map(|(party, _, colour)| PartyRow {
            values: per_contest.iter().map(|s| share_in(s, &party)).collect(),
            party,
            colour,
            folded: 0,
        })
        .collect();
    if !folded.is_empty() {
        let minor: std::collections::HashSet<&str> =
            folded.iter().map(|(p, _, _)| p.as_str()).collect();
        rows.push(PartyRow {
            party: "Others".to_string(),
            colour: None,
            values: per_contest
                .iter()
                .map(|s| {
                    let parts: Vec<f64> = s
                        .iter()
                        .filter(|p| minor.contains(p.party.as_str()))
                        .map(|p| p.percent)
                        .collect();
                    (!parts.is_empty()).then(|| parts.iter().sum())
                })
                .collect(),
            folded: folded.len(),
        });
    }
    rows
}

/// The top of a turnout scale for these contests: the highest turnout rounded up to a
/// multiple of 20%, so the scale is the same whichever of them is on screen and no bar is
/// stretched to fill it (London's 45% gives 60%). 20% at least, 100% at most.
pub fn turnout_scale<'a>(contests: impl IntoIterator<Item = &'a Counted>) -> f64 {
    let highest = contests
        .into_iter()
        .filter_map(|l| turnout(&l.contest))
        .map(|t| t.percent)
        .fold(0.0f64, f64::max);
    ((highest / 20.0).ceil() * 20.0).clamp(20.0, 100.0)
}

/// Where a method was used among these contests, for a heading: "Mayor of London
/// 2000–2021", "Mayor of London 2024", or "3 contests" when they are not one office.
pub fn used_in<'a>(
    contests: impl IntoIterator<Item = &'a Counted>,
    system: crate::model::VotingSystem,
) -> Option<String> {
    let mut offices: Vec<String> = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    for l in contests
        .into_iter()
        .filter(|l| l.contest.method.system() == system)
    {
        let y = year(&l.contest);
        let title = crate::text::clean(&l.contest.title);
        let office = title.trim_end_matches(&y.to_string()).trim().to_string();
        if !offices.contains(&office) {
            offices.push(office);
        }
        years.push(y);
    }
    let (first, last) = (years.iter().min()?, years.iter().max()?);
    Some(match offices.as_slice() {
        [office] if first == last => format!("{office} {first}"),
        [office] => format!("{office} {first}–{last}"),
        _ => format!("{} contests", years.len()),
    })
}

/// Each contest's column heading: its year, or its id when another contest has the same
/// year.
pub fn headings(contests: &[Counted]) -> Vec<String> {
    let mut per_year: HashMap<i32, usize> = HashMap::new();
    for l in contests {
        *per_year.entry(year(&l.contest)).or_default() += 1;
    }
    contests
        .iter()
        .map(|l| {
            let y = year(&l.contest);
            if per_year.get(&y).copied().unwrap_or(0) > 1 {
                crate::text::clean(&l.contest.id).into_owned()
            } else {
                y.to_string()
            }
        })
        .collect()
}

/// The year of the poll, for column headings.
pub fn year(c: &Contest) -> i32 {
    use chrono::Datelike;
    c.date.year()
}

/// The winner's name and party, if decided.
pub fn winner(l: &Counted) -> Option<&crate::model::Candidate> {
    l.count.winner().map(|w| &l.contest.candidates[w])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turnout_prefers_computed_figures_and_keeps_published_precision() {
        let c2008 = crate::import::embedded::get("london-2008")
            .unwrap()
            .load()
            .unwrap();
        let t = turnout(&c2008.contest).unwrap();
        assert!(t.computed);
        assert_eq!(t.display(), "45.33%");
        let c2012 = crate::import::embedded::get("london-2012")
            .unwrap()
            .load()
            .unwrap();
        let t = turnout(&c2012.contest).unwrap();
        assert_eq!(
            (t.display(), t.basis_label()),
            ("38.1%".to_string(), "valid votes")
        );
        let c2021 = crate::import::embedded::get("london-2021")
            .unwrap()
            .load()
            .unwrap();
        assert_eq!(turnout(&c2021.contest).unwrap().display(), "\u{2248}42%");
    }

    #[test]
    fn party_shares_sum_candidates_of_the_same_party() {
        let l = crate::import::embedded::get("london-2021")
            .unwrap()
            .load()
            .unwrap();
        let shares = party_shares(&l);
        let independents = shares.iter().find(|p| p.party == "Independent").unwrap();
        assert_eq!(independents.candidates.len(), 4);
        assert_eq!(independents.votes, 49_628 + 11_869 + 9_682 + 6_309);
        let total: Votes = shares.iter().map(|p| p.votes).sum();
        assert_eq!(total, 2_531_357);
    }

    #[test]
    fn the_turnout_scale_and_where_a_method_was_used_come_from_the_contests() {
        let all = crate::import::load_all().unwrap();
        assert_eq!(
            turnout_scale(&all),
            60.0,
            "London's highest, 45.33%, rounded up to 20%"
        );
        assert_eq!(turnout_scale(&all[..0]), 20.0);
        use crate::model::VotingSystem::*;
        assert_eq!(
            used_in(&all, SupplementaryVote).as_deref(),
            Some("Mayor of London 2000–2021")
        );
        assert_eq!(
            used_in(&all, FirstPastThePost).as_deref(),
            Some("Mayor of London 2024")
        );
        assert_eq!(used_in(&all, InstantRunoff), None);
        let highlighted: Vec<bool> = all
            .iter()
            .map(|l| crate::import::embedded::highlighted(&l.contest.id))
            .collect();
        assert_eq!(highlighted, [false, true, true, true, false, false, false]);
    }
}
