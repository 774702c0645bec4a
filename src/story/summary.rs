//! Facts derived from a counted contest that several outputs need: turnout with its basis,
//! each party's share, the winner and margin.
//!
//! Derived once here so that `tally compare`, the text report and the viewer cannot
//! disagree. A figure that cannot be known is `None`, never zero. Parties are compared by
//! their stable id (`model::party`), so a party keeps one row however its label changes, and
//! each independent is a row of their own.

use std::collections::HashMap;

use crate::count::CandidateIdx;
use crate::count::Counted;
use crate::model::{Contest, Standing, TurnoutBasis, Votes};

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

/// What a party row stands for: a party (one series across contests, by id), one
/// independent candidate in one contest, or the small parties and independents folded
/// together.
#[derive(Debug, Clone, PartialEq)]
pub enum RowKind {
    /// A party, by its stable id (`model::party`).
    Party { id: String },
    /// An independent (or a candidate with no party): one person in one contest, never
    /// summed with other independents and never given a change.
    Independent { candidate: String },
    /// Parties and independents below [`MIN_SHARE`] everywhere.
    Others { parties: usize, independents: usize },
}

/// A party's (or an independent's) first-preference votes in one contest, summed over its
/// candidates.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyShare {
    /// The party's id, or `Independent`: then `candidates` holds exactly one candidate.
    pub standing: Standing,
    /// The label on the ballot (of its first candidate); for an independent, "Independent"
    /// or empty.
    pub party: String,
    pub votes: Votes,
    /// Percent of valid first preferences.
    pub percent: f64,
    pub candidates: Vec<CandidateIdx>,
    pub colour: Option<String>,
}

/// First-preference share by party, largest first. Candidates of one party (by id) are
/// summed; each independent is on their own.
/// Whether a contest says who stood for which party: not so for a count imported from
/// another tabulator's file with no party labels, whose candidates are then left out of
/// the party table (its column shows "unknown", never "did not stand").
pub fn names_parties(l: &Counted) -> bool {
    crate::story::published::published(&l.contest).is_none()
        || l.contest
            .candidates
            .iter()
            .any(|c| !c.party.trim().is_empty())
}

pub fn party_shares(l: &Counted) -> Vec<PartyShare> {
    let first = l.count.first();
    let mut out: Vec<PartyShare> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, cand) in l.contest.candidates.iter().enumerate() {
        let votes = first.votes[i];
        if let Some(id) = cand.party_id.as_deref()
            && let Some(&k) = index.get(id)
        {
            out[k].votes += votes;
            out[k].candidates.push(i);
            continue;
        }
        if let Some(id) = cand.party_id.as_deref() {
            index.insert(id, out.len());
        }
        out.push(PartyShare {
            standing: cand.standing(),
            party: cand.party.clone(),
            votes,
            percent: 0.0,
            candidates: vec![i],
            colour: cand.colour.clone(),
        });
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
    pub kind: RowKind,
    /// The party's name as the dataset gives it in the latest contest it stood in (not yet
    /// cleaned for display); an independent's party label; "Others".
    pub party: String,
    pub colour: Option<String>,
    /// Its share of valid first preferences in each contest; `None` where it did not stand.
    pub values: Vec<Option<f64>>,
    /// Its first-preference votes in each contest; `None` where it did not stand.
    pub votes: Vec<Option<Votes>>,
    /// For each contest, the contest before it in time (see [`PartyRow::change`]).
    pub previous: Vec<Option<usize>>,
}

impl PartyRow {
    /// "Labour", "Niko Omilana (Independent)", or "Others (15 parties, 4 independents)".
    pub fn label(&self) -> String {
        let clean = |s: &str| crate::text::clean(s).into_owned();
        match &self.kind {
            RowKind::Party { .. } => clean(&self.party),
            RowKind::Independent { candidate } if self.party.trim().is_empty() => clean(candidate),
            RowKind::Independent { candidate } => format!("{} (Independent)", clean(candidate)),
            RowKind::Others {
                parties,
                independents,
            } => {
                let count = |n: usize, one: &str, many: &str| {
                    format!("{n} {}", if n == 1 { one } else { many })
                };
                let parts: Vec<String> = [
                    (*parties > 0).then(|| count(*parties, "party", "parties")),
                    (*independents > 0)
                        .then(|| count(*independents, "independent", "independents")),
                ]
                .into_iter()
                .flatten()
                .collect();
                format!("Others ({})", parts.join(", "))
            }
        }
    }

    /// A shorter label for narrow screens, when there is one: "Others (15)", or
    /// "Ind. Livingstone", which keeps saying that the row is one independent.
    pub fn short_label(&self) -> Option<String> {
        match &self.kind {
            RowKind::Others {
                parties,
                independents,
            } => Some(format!("Others ({})", parties + independents)),
            RowKind::Independent { candidate } if !self.party.trim().is_empty() => {
                Some(format!("Ind. {}", super::words::surname(candidate)))
            }
            _ => None,
        }
    }

    /// The party's id, for a party.
    pub fn id(&self) -> Option<&str> {
        match &self.kind {
            RowKind::Party { id } => Some(id),
            _ => None,
        }
    }

    /// The change in points in contest `i` since the previous contest in time (whatever
    /// the order of the columns), when it stood in both. Only a party has a change: an
    /// independent stands in one contest only, and "Others" holds different parties and
    /// people in each contest.
    pub fn change(&self, i: usize) -> Option<f64> {
        if !matches!(self.kind, RowKind::Party { .. }) {
            return None;
        }
        let now = (*self.values.get(i)?)?;
        let before = (*self.values.get((*self.previous.get(i)?)?)?)?;
        Some(now - before)
    }
}

/// For each contest, the one before it in time: by date, then (on the same day) in the
/// order given.
fn previous_in_time(contests: &[&Counted]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..contests.len()).collect();
    // Undated contests (imported counts that give no date) after the dated ones.
    order.sort_by_key(|&k| {
        let date = contests[k].contest.date;
        (date.is_none(), date, k)
    });
    let mut previous = vec![None; contests.len()];
    for pair in order.windows(2) {
        previous[pair[1]] = Some(pair[0]);
    }
    previous
}

/// Each party's first-preference share across contests: the parties (by id) and the
/// independents with at least [`MIN_SHARE`] in some contest, largest best share first, then
/// "Others" for the rest. A party is labelled as it was in the latest of the contests it
/// stood in.
pub fn party_table<'a>(contests: impl IntoIterator<Item = &'a Counted>) -> Vec<PartyRow> {
    let all = party_series(contests);
    let keep = all.iter().filter(|s| s.best >= MIN_SHARE).count();
    fold(&all, keep)
}

/// One party's (or independent's) row before any folding, with its best share in any
/// contest, which orders the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub row: PartyRow,
    pub best: f64,
}

/// The table with the first `keep` series as rows and the rest folded into "Others" (none
/// when nothing is left over). A screen with room for more rows than `party_table` gives
/// shows more parties by keeping more ([`party_series`] once, this per size).
pub fn fold(all: &[Series], keep: usize) -> Vec<PartyRow> {
    let keep = keep.min(all.len());
    let (shown, folded) = all.split_at(keep);
    let mut rows: Vec<PartyRow> = shown.iter().map(|s| s.row.clone()).collect();
    let Some(first) = folded.first() else {
        return rows;
    };
    let n = first.row.values.len();
    let independents = folded
        .iter()
        .filter(|s| matches!(s.row.kind, RowKind::Independent { .. }))
        .count();
    rows.push(PartyRow {
        kind: RowKind::Others {
            parties: folded.len() - independents,
            independents,
        },
        party: "Others".to_string(),
        colour: None,
        values: (0..n)
            .map(|k| {
                let parts: Vec<f64> = folded.iter().filter_map(|s| s.row.values[k]).collect();
                (!parts.is_empty()).then(|| parts.iter().sum())
            })
            .collect(),
        votes: (0..n)
            .map(|k| {
                let parts: Vec<Votes> = folded.iter().filter_map(|s| s.row.votes[k]).collect();
                (!parts.is_empty()).then(|| parts.into_iter().sum())
            })
            .collect(),
        previous: first.row.previous.clone(),
    });
    rows
}

/// Every party (by id) and independent across the contests as its own series, largest best
/// share first: [`party_table`] before folding.
pub fn party_series<'a>(contests: impl IntoIterator<Item = &'a Counted>) -> Vec<Series> {
    let contests: Vec<&Counted> = contests.into_iter().collect();
    let per_contest: Vec<Vec<PartyShare>> = contests
        .iter()
        .map(|l| {
            if names_parties(l) {
                party_shares(l)
            } else {
                Vec::new()
            }
        })
        .collect();
    // One series per party id, and one per independent candidacy, with the date of the
    // latest contest it stood in (which names it).
    let mut series: Vec<(Series, Option<chrono::NaiveDate>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let n = contests.len();
    let previous = previous_in_time(&contests);
    for (k, (l, shares)) in contests.iter().zip(&per_contest).enumerate() {
        let date = l.contest.date;
        for p in shares {
            let slot = match &p.standing {
                Standing::Party(id) => index.get(id).copied(),
                Standing::Independent => None,
            };
            match slot {
                Some(s) => {
                    let (entry, latest) = &mut series[s];
                    entry.row.values[k] = Some(p.percent);
                    entry.row.votes[k] = Some(p.votes);
                    entry.best = entry.best.max(p.percent);
                    if date >= *latest {
                        *latest = date;
                        entry.row.party.clone_from(&p.party);
                    }
                    if entry.row.colour.is_none() {
                        entry.row.colour.clone_from(&p.colour);
                    }
                }
                None => {
                    let kind = match &p.standing {
                        Standing::Party(id) => {
                            index.insert(id.clone(), series.len());
                            RowKind::Party { id: id.clone() }
                        }
                        Standing::Independent => RowKind::Independent {
                            candidate: p
                                .candidates
                                .first()
                                .map(|&i| l.contest.candidates[i].name.clone())
                                .unwrap_or_default(),
                        },
                    };
                    let (mut values, mut votes) = (vec![None; n], vec![None; n]);
                    values[k] = Some(p.percent);
                    votes[k] = Some(p.votes);
                    series.push((
                        Series {
                            row: PartyRow {
                                kind,
                                party: p.party.clone(),
                                colour: p.colour.clone(),
                                values,
                                votes,
                                previous: previous.clone(),
                            },
                            best: p.percent,
                        },
                        date,
                    ));
                }
            }
        }
    }
    let mut series: Vec<Series> = series.into_iter().map(|(s, _)| s).collect();
    series.sort_by(|a, b| b.best.total_cmp(&a.best));
    series
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
    let mut years: Vec<Option<i32>> = Vec::new();
    for l in contests
        .into_iter()
        .filter(|l| l.contest.method.system() == system)
    {
        let y = year(&l.contest);
        let title = crate::text::clean(&l.contest.title);
        let office = match y {
            Some(y) => title.trim_end_matches(&y.to_string()).trim().to_string(),
            None => title.trim().to_string(),
        };
        if !offices.contains(&office) {
            offices.push(office);
        }
        years.push(y);
    }
    let dated: Vec<i32> = years.iter().flatten().copied().collect();
    Some(
        match (offices.as_slice(), dated.iter().min(), dated.iter().max()) {
            ([office], Some(first), Some(last)) if dated.len() == years.len() => {
                if first == last {
                    format!("{office} {first}")
                } else {
                    format!("{office} {first}–{last}")
                }
            }
            ([office], None, None) if years.len() == 1 => office.clone(),
            _ if years.is_empty() => return None,
            _ => format!("{} contests", years.len()),
        },
    )
}

/// Each contest's column heading: its year, or its id when another contest has the same
/// year or the contest is a count imported from another tabulator (not one of a series of
/// dated datasets, and its file may give no date).
pub fn headings<'a>(contests: impl IntoIterator<Item = &'a Counted>) -> Vec<String> {
    let contests: Vec<&Counted> = contests.into_iter().collect();
    let mut per_year: HashMap<Option<i32>, usize> = HashMap::new();
    for l in &contests {
        *per_year.entry(year(&l.contest)).or_default() += 1;
    }
    contests
        .iter()
        .map(|l| {
            let y = year(&l.contest);
            let imported = super::published::published(&l.contest).is_some();
            match y {
                Some(y) if !imported && per_year.get(&Some(y)).copied().unwrap_or(0) == 1 => {
                    y.to_string()
                }
                // Imported, shared or not given: the id tells it apart.
                _ => crate::text::clean(&l.contest.id).into_owned(),
            }
        })
        .collect()
}

/// The year of the poll, for column headings.
pub fn year(c: &Contest) -> Option<i32> {
    use chrono::Datelike;
    c.date.map(|d| d.year())
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
        let t = turnout(&c2021.contest).unwrap();
        assert!(t.computed);
        assert_eq!(t.display(), "42.73%");
        // A published "about 42%", when the figures to compute it are not known.
        let mut rough = c2021.contest.clone();
        rough.electorate = None;
        rough.turnout = Some(crate::model::PublishedTurnout {
            percent: 42.0,
            basis: TurnoutBasis::Unstated,
            approximate: true,
            source: None,
        });
        assert_eq!(turnout(&rough).unwrap().display(), "\u{2248}42%");
    }

    #[test]
    fn independents_are_people_not_a_party() {
        let l = crate::import::embedded::get("london-2021")
            .unwrap()
            .load()
            .unwrap();
        let shares = party_shares(&l);
        let independents: Vec<&PartyShare> = shares
            .iter()
            .filter(|p| p.standing == Standing::Independent)
            .collect();
        let stood = l
            .contest
            .candidates
            .iter()
            .filter(|c| crate::model::party::is_independent(&c.party))
            .count();
        assert_eq!(independents.len(), stood);
        assert!(independents.iter().all(|p| p.candidates.len() == 1));
        let total: Votes = shares.iter().map(|p| p.votes).sum();
        assert_eq!(total, l.count.valid, "every vote is in one row");
    }

    /// Two contests from dataset text: (candidates, first preferences) each.
    fn pair(a: (&str, &str), b: (&str, &str)) -> Vec<Counted> {
        [("x-2001", "2001-05-03", a), ("x-2005", "2005-05-05", b)]
            .iter()
            .map(|(id, date, (candidates, votes))| {
                let text = format!(
                    r#"{{"id": "{id}", "title": "X", "area": "A", "date": "{date}", "system": "first-past-the-post", "candidates": [{candidates}], "first_preferences": {{{votes}}}}}"#
                );
                crate::import::dataset::from_str(&text).unwrap()
            })
            .collect()
    }

    #[test]
    fn a_party_is_one_row_by_id_and_independents_get_no_change() {
        let contests = pair(
            (
                r#"{"id": "a", "name": "Ann", "party": "Real", "party_id": "real"},
                   {"id": "b", "name": "Bo", "party": "Independent"}"#,
                r#""a": 60, "b": 40"#,
            ),
            (
                r#"{"id": "c", "name": "Cy", "party": "Real Party", "party_id": "real"},
                   {"id": "d", "name": "Di", "party": "Independent"}"#,
                r#""c": 45, "d": 55"#,
            ),
        );
        let rows = party_table(&contests);
        let labels: Vec<String> = rows.iter().map(PartyRow::label).collect();
        assert_eq!(
            labels,
            ["Real Party", "Di (Independent)", "Bo (Independent)"],
            "one party under its latest label; two people, largest first"
        );
        assert_eq!(rows[0].values, [Some(60.0), Some(45.0)]);
        assert_eq!(rows[0].change(1), Some(-15.0));
        // In columns out of date order, the change is still since the earlier contest.
        let reversed: Vec<&Counted> = contests.iter().rev().collect();
        let rows = party_table(reversed);
        assert_eq!(rows[0].values, [Some(45.0), Some(60.0)]);
        assert_eq!((rows[0].change(0), rows[0].change(1)), (Some(-15.0), None));
        let rows = party_table(&contests);
        assert_eq!(rows[1].short_label().as_deref(), Some("Ind. Di"));
        for r in &rows[1..] {
            assert_eq!(r.values.iter().flatten().count(), 1, "{r:?}");
            assert_eq!((r.change(0), r.change(1)), (None, None));
        }
        // Without ids, the same label is the same party (derived ids).
        let derived = pair(
            (
                r#"{"id": "a", "name": "Ann", "party": "London Real"}"#,
                r#""a": 5"#,
            ),
            (
                r#"{"id": "a", "name": "Ann", "party": "London Real Party"}"#,
                r#""a": 5"#,
            ),
        );
        assert_eq!(party_table(&derived).len(), 1);
    }

    #[test]
    fn folding_keeps_every_vote_and_the_default_folds_below_the_minimum_share() {
        let contests = crate::import::load_all().unwrap();
        let all = party_series(&contests);
        let table = party_table(&contests);
        let kept = all.iter().filter(|s| s.best >= MIN_SHARE).count();
        assert_eq!(table, fold(&all, kept));
        assert!(matches!(
            table.last().map(|r| &r.kind),
            Some(RowKind::Others { .. })
        ));
        for keep in [0, 1, kept, kept + 5, all.len(), all.len() + 3] {
            let rows = fold(&all, keep);
            assert_eq!(
                rows.len(),
                keep.min(all.len()) + usize::from(keep < all.len())
            );
            for (k, l) in contests.iter().enumerate() {
                let sum: Votes = rows.iter().filter_map(|r| r.votes[k]).sum();
                assert_eq!(sum, l.count.first().votes.iter().copied().sum::<Votes>());
            }
        }
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
