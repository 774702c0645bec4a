//! Tonight against last time: a contest (usually a live file, part declared) compared with a
//! baseline contest, as results pages do on election night.
//!
//! Everything is like for like. While only some areas have declared, both sides are summed
//! over those same areas (matched by id, else by name: London's 14 constituencies are the
//! same 2016–2024), so an early, unrepresentative set of areas is never set against a whole
//! city. Parties are matched by their stable id (`model::party`); an independent is a person,
//! never given a change. A figure that cannot be known (an electorate left out, a party that
//! did not stand) is `None`, shown as unknown, never as zero.
//!
//! Worked out once per version of the contest; the views and the line printer only word it.

use std::collections::HashMap;

use crate::count::{CandidateIdx, Counted};
use crate::model::{Area, Contest, Standing, Votes};
use crate::text::clean;

/// What the two sides are summed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The declared areas that the baseline also has: `matched` of the `declared` so far, of
    /// `total` areas.
    Areas {
        matched: usize,
        declared: usize,
        total: usize,
    },
    /// The whole contest on both sides (a complete count whose areas cannot be matched).
    Whole,
    /// Nothing can be compared yet: no area has declared, or the declared areas are not in
    /// the baseline and the count is not complete.
    Nothing,
}

/// One party (or independent) tonight, with its share in the baseline on the same basis.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyChange {
    pub standing: Standing,
    /// The party label, or for an independent the candidate's name (not yet cleaned).
    pub label: String,
    pub colour: Option<String>,
    pub votes: Votes,
    /// Percent of valid first preferences tonight, on the basis.
    pub share: f64,
    /// Its share in the baseline on the same basis; `None` for an independent or a party
    /// that did not stand.
    pub before: Option<f64>,
}

impl PartyChange {
    /// The change in points since the baseline, when the party stood in both.
    pub fn change(&self) -> Option<f64> {
        self.before.map(|b| self.share - b)
    }

    /// "Labour", or "Niko Omilana (Ind)".
    pub fn long_label(&self) -> String {
        match self.standing {
            Standing::Party(_) => clean(&self.label).into_owned(),
            Standing::Independent => format!("{} (Ind)", clean(&self.label)),
        }
    }

    /// "Lab", "LD", or "Omilana (Ind)": for narrow screens.
    pub fn short_label(&self) -> String {
        match self.standing {
            Standing::Party(_) => abbreviation(&self.label),
            Standing::Independent => format!("{} (Ind)", super::words::surname(&self.label)),
        }
    }
}

/// The two-party swing between the baseline's top two parties.
#[derive(Debug, Clone, PartialEq)]
pub struct Swing {
    /// The party votes swung from, and the one they swung to (labels, not yet cleaned).
    pub from: String,
    pub to: String,
    /// Points, never negative: half the difference of the two parties' changes.
    pub points: f64,
}

/// Who leads tonight and by how much.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    pub leader: CandidateIdx,
    pub second: CandidateIdx,
    pub margin: Votes,
    /// The count is complete and the leader has won.
    pub won: bool,
}

/// Turnout of the declared areas tonight, and of the same areas in the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TurnoutSoFar {
    pub now: Option<f64>,
    /// When `now` is a published figure on another basis than ballot papers: that basis
    /// ("basis not stated"), said beside it.
    pub now_basis: Option<&'static str>,
    pub before: Option<f64>,
    /// When every area is in and the baseline's areas lack the figures, the baseline's own
    /// published turnout for the whole contest, with its basis (London 2016's "45.3%", basis
    /// not stated), instead of unknown.
    pub published: Option<super::summary::Turnout>,
}

/// One declared area's result against the same area in the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaCall {
    /// The area's id tonight.
    pub id: String,
    pub call: Call,
    /// The change in the leader's party's share in this area since the baseline.
    pub change: Option<f64>,
    /// Who leads tonight, short: "Lab", or an independent's surname (cleaned).
    pub leader: String,
}

impl AreaCall {
    /// "Lab HOLD", "Con GAIN from Lab": for the ticker. Nothing when the call is unknown.
    pub fn headline(&self) -> Option<String> {
        match self.call {
            Call::Unknown => None,
            _ => Some(format!("{} {}", self.leader, self.call.short())),
        }
    }
}

/// HOLD or GAIN, against the baseline's leader in the same area.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    /// The same party (or the same independent) leads as in the baseline.
    Hold,
    /// Another party leads now: `from` is the baseline leader's label (not yet cleaned).
    Gain { from: String, from_short: String },
    /// The baseline has no result for this area.
    Unknown,
}

impl Call {
    /// "HOLD", "GAIN from Con"; nothing when unknown.
    pub fn short(&self) -> String {
        match self {
            Call::Hold => "HOLD".into(),
            Call::Gain { from_short, .. } => format!("GAIN from {from_short}"),
            Call::Unknown => String::new(),
        }
    }
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Against {
    /// What the baseline is called on screen: its year, or its id when that is ambiguous.
    pub name: String,
    pub basis: Basis,
    /// Parties tonight, most votes first.
    pub parties: Vec<PartyChange>,
    pub swing: Option<Swing>,
    pub lead: Option<Lead>,
    pub turnout: TurnoutSoFar,
    /// Per declared area, in the contest's order.
    pub areas: Vec<AreaCall>,
    /// Whether the baseline has results by area (else areas are compared only as a whole,
    /// once every area is in, and no area gets a call).
    pub baseline_has_areas: bool,
}

/// A name for matching areas across contests: lower case, letters and digits only, with
/// "&" read as "and" ("Barnet & Camden" is "Barnet and Camden").
pub fn area_key(name: &str) -> String {
    name.replace('&', " and ")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// "Labour" → "Lab", "Liberal Democrat" → "LD", "Green Party" → "Green", "UK Independence
/// Party" → "UKI": a short form for narrow screens. A one-word name of up to five letters
/// stays whole; a longer one keeps its first three; several words give their initials, a
/// word in capitals whole. "Party", "the", "of", "for" and "and" are left out.
pub fn abbreviation(label: &str) -> String {
    let label = clean(label);
    let words: Vec<&str> = label
        .split_whitespace()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "party" | "the" | "of" | "for" | "and" | "&"
            )
        })
        .collect();
    match words.as_slice() {
        [] => label.into_owned(),
        [one] if one.chars().count() <= 5 => (*one).to_string(),
        [one] => one.chars().take(3).collect(),
        many => many
            .iter()
            .map(|w| {
                let letters = || w.chars().filter(|c| c.is_alphanumeric());
                if letters().count() > 1 && letters().all(|c| c.is_uppercase() || c.is_numeric()) {
                    letters().collect::<String>()
                } else {
                    letters()
                        .next()
                        .map(|c| c.to_uppercase().collect::<String>())
                        .unwrap_or_default()
                }
            })
            .collect(),
    }
}

/// Votes by standing (party id, or each independent alone by candidate) from a map of
/// candidate id → votes.
type Tally = Vec<(Standing, Option<CandidateIdx>, Votes)>;

fn add(tally: &mut Tally, contest: &Contest, i: CandidateIdx, votes: Votes) {
    let standing = contest.candidates[i].standing();
    let key = match standing {
        Standing::Party(_) => None,
        Standing::Independent => Some(i),
    };
    match tally
        .iter_mut()
        .find(|(s, k, _)| *s == standing && *k == key)
    {
        Some(entry) => entry.2 = entry.2.saturating_add(votes),
        None => tally.push((standing, key, votes)),
    }
}

fn tally_areas<'a>(contest: &Contest, areas: impl Iterator<Item = &'a Area>) -> Tally {
    let ids = contest.ids();
    let mut tally = Tally::new();
    for area in areas {
        for (id, votes) in area.first_preferences.iter().flat_map(|m| m.iter()) {
            if let Some(&i) = ids.get(id) {
                add(&mut tally, contest, i, votes);
            }
        }
    }
    tally
}

fn tally_whole(l: &Counted) -> Tally {
    let mut tally = Tally::new();
    for (i, &v) in l.count.first().votes.iter().enumerate() {
        add(&mut tally, &l.contest, i, v);
    }
    tally
}

fn total(t: &Tally) -> Votes {
    t.iter()
        .fold(Votes::new(0), |sum, (_, _, v)| sum.saturating_add(*v))
}

fn party_share(t: &Tally, party: &str) -> Option<f64> {
    let whole = total(t);
    t.iter()
        .find(|(s, _, _)| matches!(s, Standing::Party(p) if p == party))
        .and_then(|(_, _, v)| v.percent_of(whole))
}

/// Ballot papers over electorate, summed over `areas`, when every one of them gives both.
fn areas_turnout<'a>(areas: impl Iterator<Item = &'a Area>) -> Option<f64> {
    let mut papers = 0u64;
    let mut electorate = 0u64;
    let mut any = false;
    for a in areas {
        papers = papers.checked_add(a.ballot_papers?.get())?;
        electorate = electorate.checked_add(a.electorate?.get())?;
        any = true;
    }
    if !any {
        return None;
    }
    Votes::new(papers).percent_of(Votes::new(electorate))
}

/// The name a baseline goes by: the year of its date, unless `now` is the same year.
fn baseline_name(now: &Contest, before: &Contest) -> String {
    use chrono::Datelike;
    // A class's ballots have no election year of their own (the date is the file's).
    match before.date.map(|d| d.year()) {
        Some(year)
            if now.date.map(|d| d.year()) != Some(year) && !before.counted_from_ballots() =>
        {
            year.to_string()
        }
        _ => clean(&before.id).into_owned(),
    }
}

impl Against {
    /// Compare `now` with `before`.
    pub fn new(now: &Counted, before: &Counted) -> Against {
        let now_areas: Vec<&Area> = now.contest.declared_areas().collect();
        let before_areas: HashMap<String, &Area> = before
            .contest
            .declared_areas()
            .flat_map(|a| [(format!("id:{}", a.id), a), (area_key(&a.name), a)])
            .collect();
        let find = |a: &Area| {
            before_areas
                .get(&format!("id:{}", a.id))
                .or_else(|| before_areas.get(&area_key(&a.name)))
                .copied()
        };
        let pairs: Vec<(&Area, &Area)> = now_areas
            .iter()
            .filter_map(|&a| find(a).map(|b| (a, b)))
            .collect();
        let total_areas = now.contest.areas.as_ref().map_or(0, |a| a.len());
        let all_matched = !pairs.is_empty() && pairs.len() == now_areas.len();
        let (basis, t_now, t_before) = if !pairs.is_empty() && (now.count.partial || all_matched) {
            (
                Basis::Areas {
                    matched: pairs.len(),
                    declared: now_areas.len(),
                    total: total_areas,
                },
                tally_areas(&now.contest, pairs.iter().map(|p| p.0)),
                tally_areas(&before.contest, pairs.iter().map(|p| p.1)),
            )
        } else if !now.count.partial && !now.count.valid.is_zero() {
            (Basis::Whole, tally_whole(now), tally_whole(before))
        } else {
            (Basis::Nothing, Tally::new(), Tally::new())
        };

        let whole_now = total(&t_now);
        let mut parties: Vec<PartyChange> = t_now
            .iter()
            .map(|(standing, key, votes)| {
                let cand = candidate_of(&now.contest, standing, *key);
                let label = match standing {
                    Standing::Party(_) => cand.map(|c| c.party.clone()).unwrap_or_default(),
                    Standing::Independent => cand.map(|c| c.name.clone()).unwrap_or_default(),
                };
                PartyChange {
                    standing: standing.clone(),
                    label,
                    colour: cand.and_then(|c| c.colour.clone()),
                    votes: *votes,
                    share: votes.percent_of(whole_now).unwrap_or(0.0),
                    before: match standing {
                        Standing::Party(p) => party_share(&t_before, p),
                        Standing::Independent => None,
                    },
                }
            })
            .collect();
        parties.sort_by_key(|p| std::cmp::Reverse(p.votes));

        let swing = swing(before, &t_now, &t_before);
        let lead = lead(now);
        let turnout = match basis {
            Basis::Areas { matched, total, .. } => {
                let same = if pairs.len() == now_areas.len() {
                    areas_turnout(pairs.iter().map(|p| p.1))
                } else {
                    None
                };
                TurnoutSoFar {
                    now: areas_turnout(now_areas.iter().copied()),
                    now_basis: None,
                    before: same,
                    published: if same.is_none() && matched == total {
                        super::summary::turnout(&before.contest)
                    } else {
                        None
                    },
                }
            }
            Basis::Whole => {
                let tonight = super::summary::turnout(&now.contest);
                TurnoutSoFar {
                    now: tonight.map(|t| t.percent),
                    now_basis: tonight
                        .filter(|t| t.basis != crate::model::TurnoutBasis::BallotPapers)
                        .map(|t| t.basis_label()),
                    before: None,
                    published: super::summary::turnout(&before.contest),
                }
            }
            Basis::Nothing => TurnoutSoFar::default(),
        };
        let areas = now_areas
            .iter()
            .map(|&a| area_call(now, before, a, find(a)))
            .collect();
        Against {
            name: baseline_name(&now.contest, &before.contest),
            basis,
            parties,
            swing,
            lead,
            turnout,
            areas,
            baseline_has_areas: before.contest.declared_areas().next().is_some(),
        }
    }

    /// Whether any party stood on both sides: without one (a class's ballots against a
    /// mayoral election), there are no changes or swing to show.
    pub fn has_common_party(&self) -> bool {
        self.parties.iter().any(|p| p.before.is_some())
    }

    /// The call for the area with this id, when it has declared.
    pub fn area(&self, id: &str) -> Option<&AreaCall> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// "Sadiq Khan leads Zac Goldsmith by 81,802", "Sadiq Khan won, 315,529 ahead of Zac
    /// Goldsmith" (names cleaned).
    pub fn lead_text(&self, contest: &Contest, short: bool) -> Option<String> {
        let lead = self.lead.as_ref()?;
        let name = |i: CandidateIdx| {
            let n = &contest.candidates[i].name;
            if short {
                super::words::surname(n)
            } else {
                clean(n).into_owned()
            }
        };
        let margin = crate::text::thousands(lead.margin);
        Some(if lead.won {
            format!(
                "{} won by {margin} over {}",
                name(lead.leader),
                name(lead.second)
            )
        } else {
            format!(
                "{} leads {} by {margin}",
                name(lead.leader),
                name(lead.second)
            )
        })
    }

    /// "swing Con to Lab 2.1" (short) or "swing Conservative to Labour 2.1".
    pub fn swing_text(&self, short: bool) -> Option<String> {
        let s = self.swing.as_ref()?;
        let label = |l: &str| {
            if short {
                abbreviation(l)
            } else {
                clean(l).into_owned()
            }
        };
        Some(format!(
            "swing {} to {} {:.1}",
            label(&s.from),
            label(&s.to),
            (s.points * 10.0).round() / 10.0
        ))
    }

    /// "turnout 45.1% (2016: 44.0%)", with "unknown" for a side that cannot be computed,
    /// and a published figure as published, with its basis when that is not ballot papers
    /// ("2016: 45.3%, basis not stated").
    pub fn turnout_text(&self) -> String {
        let p = |t: Option<f64>| t.map_or("unknown".to_string(), |t| format!("{t:.1}%"));
        let before = match (self.turnout.before, self.turnout.published) {
            (Some(b), _) => p(Some(b)),
            (None, Some(t)) if t.computed => p(Some(t.percent)),
            (None, Some(t)) if t.basis == crate::model::TurnoutBasis::BallotPapers => t.display(),
            (None, Some(t)) => format!("{}, {}", t.display(), t.basis_label()),
            (None, None) => p(None),
        };
        let now = match self.turnout.now_basis {
            Some(basis) if self.turnout.now.is_some() => {
                format!("{}, {basis}", p(self.turnout.now))
            }
            _ => p(self.turnout.now),
        };
        format!("turnout {now} ({}: {before})", self.name)
    }

    /// "vs 2016, same 7 areas", "vs 2016", or "vs 2016: nothing to compare yet".
    pub fn basis_text(&self) -> String {
        match self.basis {
            Basis::Areas { matched, total, .. } if matched == total => format!("vs {}", self.name),
            Basis::Areas {
                matched, declared, ..
            } if matched == declared => format!(
                "vs {}, same {}",
                self.name,
                super::words::how_many(matched as u64, "area", "areas")
            ),
            Basis::Areas { matched, .. } => format!(
                "vs {}, the {} it also has",
                self.name,
                super::words::how_many(matched as u64, "area", "areas")
            ),
            Basis::Whole => format!("vs {}", self.name),
            Basis::Nothing if !self.baseline_has_areas => format!(
                "vs {0}: compared once every area is in ({0} has no results by area)",
                self.name
            ),
            Basis::Nothing => format!("vs {}: nothing to compare yet", self.name),
        }
    }

    /// The parties worth a place in a line, largest first: those with at least
    /// [`MIN_SHARE`](super::summary::MIN_SHARE) tonight, as in `tally compare`.
    pub fn parties_shown(&self) -> impl Iterator<Item = &PartyChange> {
        self.parties
            .iter()
            .filter(|p| p.share >= super::summary::MIN_SHARE)
    }

    /// "Lab 42.9 +3.1" (short) or "Labour 42.9% +3.1"; an independent or a new party has
    /// no change ("new" for a party that did not stand).
    pub fn party_text(&self, p: &PartyChange, short: bool) -> String {
        let label = if short {
            p.short_label()
        } else {
            p.long_label()
        };
        let change = match (&p.standing, p.change()) {
            (_, Some(c)) => crate::text::signed_points(c),
            (Standing::Party(_), None) => "new".to_string(),
            (Standing::Independent, None) => String::new(),
        };
        let share = if short {
            format!("{:.1}", p.share)
        } else {
            format!("{:.1}%", p.share)
        };
        format!("{label} {share} {change}").trim_end().to_string()
    }

    /// The line a script reads: "vs 2016, same 7 areas: Lab 42.9 +3.1, Con 36.6 −2.0 …;
    /// swing Con to Lab 2.1; turnout …".
    pub fn line(&self) -> String {
        if self.basis == Basis::Nothing {
            return self.basis_text();
        }
        if !self.has_common_party() {
            return format!("{}: no party in common", self.basis_text());
        }
        let parties: Vec<String> = self
            .parties_shown()
            .map(|p| self.party_text(p, true))
            .collect();
        let mut parts = vec![parties.join(", ")];
        parts.extend(self.swing_text(true));
        parts.push(self.turnout_text());
        format!("{}: {}", self.basis_text(), parts.join("; "))
    }
}

fn swing(before: &Counted, t_now: &Tally, t_before: &Tally) -> Option<Swing> {
    // The baseline's top two parties over the whole baseline contest: the pair the night is
    // measured between does not change as areas come in.
    let mut whole = tally_whole(before);
    whole.retain(|(s, _, _)| matches!(s, Standing::Party(_)));
    whole.sort_by_key(|(_, _, v)| std::cmp::Reverse(*v));
    let [(Standing::Party(a), ..), (Standing::Party(b), ..), ..] = whole.as_slice() else {
        return None;
    };
    let change = |p: &str| Some(party_share(t_now, p)? - party_share(t_before, p)?);
    let (ca, cb) = (change(a)?, change(b)?);
    let s = (ca - cb) / 2.0;
    let label = |p: &str| {
        before
            .contest
            .candidates
            .iter()
            .find(|c| c.party_id.as_deref() == Some(p))
            .map(|c| c.party.clone())
            .unwrap_or_else(|| p.to_string())
    };
    let (from, to) = if s >= 0.0 { (b, a) } else { (a, b) };
    Some(Swing {
        from: label(from),
        to: label(to),
        points: s.abs(),
    })
}

fn lead(now: &Counted) -> Option<Lead> {
    let round = now.count.last();
    let standings = round.standings();
    let (leader, top) = *standings.first()?;
    let (second, next) = *standings.get(1)?;
    if top.is_zero() {
        return None;
    }
    Some(Lead {
        leader,
        second,
        margin: top.saturating_sub(next),
        won: now.count.winner() == Some(leader),
    })
}

/// Who leads a tally: its entry, or `None` when nobody has a vote. On equal votes, the
/// first in the contest's order.
fn leader(tally: &Tally) -> Option<&(Standing, Option<CandidateIdx>, Votes)> {
    let best = tally.iter().fold(
        None,
        |best: Option<&(Standing, Option<CandidateIdx>, Votes)>, x| match best {
            Some(b) if b.2 >= x.2 => Some(b),
            _ => Some(x),
        },
    )?;
    (!best.2.is_zero()).then_some(best)
}

/// The candidate a tally entry stands for: the independent themself, or the party's first
/// candidate in the contest.
fn candidate_of<'a>(
    contest: &'a Contest,
    standing: &Standing,
    key: Option<CandidateIdx>,
) -> Option<&'a crate::model::Candidate> {
    key.or_else(|| {
        contest
            .candidates
            .iter()
            .position(|c| c.standing() == *standing)
    })
    .map(|i| &contest.candidates[i])
}

/// "Lab" for a party; an independent's surname.
fn short_name(standing: &Standing, c: &crate::model::Candidate) -> String {
    match standing {
        Standing::Party(_) => abbreviation(&c.party),
        Standing::Independent => super::words::surname(&c.name),
    }
}

fn area_call(now: &Counted, before: &Counted, area: &Area, then: Option<&Area>) -> AreaCall {
    let unknown = AreaCall {
        id: area.id.clone(),
        call: Call::Unknown,
        change: None,
        leader: String::new(),
    };
    let Some(then) = then else {
        return unknown;
    };
    let t_now = tally_areas(&now.contest, std::iter::once(area));
    let t_before = tally_areas(&before.contest, std::iter::once(then));
    let (Some((standing, key, _)), Some((was, was_key, _))) = (leader(&t_now), leader(&t_before))
    else {
        return unknown;
    };
    let (Some(cand), Some(was_cand)) = (
        candidate_of(&now.contest, standing, *key),
        candidate_of(&before.contest, was, *was_key),
    ) else {
        return unknown;
    };
    let same = match (standing, was) {
        (Standing::Party(a), Standing::Party(b)) => a == b,
        (Standing::Independent, Standing::Independent) => {
            area_key(&cand.name) == area_key(&was_cand.name)
        }
        _ => false,
    };
    let change = match standing {
        Standing::Party(p) => party_share(&t_now, p)
            .zip(party_share(&t_before, p))
            .map(|(a, b)| a - b),
        Standing::Independent => None,
    };
    let call = if same {
        Call::Hold
    } else {
        Call::Gain {
            from: match was {
                Standing::Party(_) => was_cand.party.clone(),
                Standing::Independent => was_cand.name.clone(),
            },
            from_short: short_name(was, was_cand),
        }
    };
    AreaCall {
        id: area.id.clone(),
        call,
        change,
        leader: short_name(standing, cand),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::replay;

    fn load(id: &str) -> Counted {
        crate::import::embedded::get(id).unwrap().load().unwrap()
    }

    /// London 2024 with the first `k` areas of its replay declared.
    fn night_2024(k: usize) -> Counted {
        let stages = replay::stages(&load("london-2024").contest).unwrap();
        Counted::new(stages[k].contest.clone(), Vec::new()).unwrap()
    }

    /// A party's votes summed over the named areas, straight from the dataset.
    fn votes(c: &Contest, areas: &[&str], candidate: &str) -> u64 {
        c.areas
            .iter()
            .flatten()
            .filter(|a| areas.contains(&a.id.as_str()))
            .map(|a| {
                a.first_preferences
                    .as_ref()
                    .unwrap()
                    .get(candidate)
                    .unwrap()
                    .get()
            })
            .sum()
    }

    fn valid(c: &Contest, areas: &[&str]) -> u64 {
        c.areas
            .iter()
            .flatten()
            .filter(|a| areas.contains(&a.id.as_str()))
            .map(|a| a.first_preferences.as_ref().unwrap().total().unwrap().get())
            .sum()
    }

    #[test]
    fn part_declared_nights_compare_only_the_same_areas_on_both_sides() {
        let now = night_2024(7);
        let before = load("london-2016");
        let a = Against::new(&now, &before);
        assert_eq!(
            a.basis,
            Basis::Areas {
                matched: 7,
                declared: 7,
                total: 14
            }
        );
        let ids: Vec<&str> = now
            .contest
            .declared_areas()
            .map(|a| a.id.as_str())
            .collect();
        let lab = a
            .parties
            .iter()
            .find(|p| p.standing == Standing::Party("labour".into()))
            .unwrap();
        let share_now =
            votes(&now.contest, &ids, "khan") as f64 * 100.0 / valid(&now.contest, &ids) as f64;
        let full_2024 = load("london-2024");
        let share_then = votes(&before.contest, &ids, "khan") as f64 * 100.0
            / valid(&before.contest, &ids) as f64;
        assert!((lab.share - share_now).abs() < 1e-9);
        assert!((lab.before.unwrap() - share_then).abs() < 1e-9);
        assert_ne!(
            lab.share,
            full_2024.count.first().votes[0]
                .percent_of(full_2024.count.valid)
                .unwrap(),
            "the share so far, not the final one"
        );
        assert_eq!(a.name, "2016");
        assert_eq!(a.basis_text(), "vs 2016, same 7 areas");
        assert_eq!(a.areas.len(), 7);
    }

    #[test]
    fn the_whole_night_gives_the_changes_swing_lead_and_calls() {
        let now = night_2024(15);
        let a = Against::new(&now, &load("london-2016"));
        assert_eq!(a.basis_text(), "vs 2016");
        let change = |id: &str| {
            a.parties
                .iter()
                .find(|p| p.standing == Standing::Party(id.into()))
                .and_then(|p| p.change())
                .unwrap()
        };
        // 2024: Khan 1,088,225 and Hall 812,397 of 2,484,432; 2016, summed over the 14
        // constituencies: Khan 1,148,716 and Goldsmith 909,755 of 2,596,961.
        let lab = 1_088_225.0 * 100.0 / 2_484_432.0 - 1_148_716.0 * 100.0 / 2_596_961.0;
        let con = 812_397.0 * 100.0 / 2_484_432.0 - 909_755.0 * 100.0 / 2_596_961.0;
        assert!(
            (change("labour") - lab).abs() < 1e-9,
            "{}",
            change("labour")
        );
        assert!((change("conservative") - con).abs() < 1e-9);
        let s = a.swing.clone().unwrap();
        assert_eq!((s.from.as_str(), s.to.as_str()), ("Conservative", "Labour"));
        assert!((s.points - (lab - con) / 2.0).abs() < 1e-9);
        assert_eq!(
            a.swing_text(true).unwrap(),
            format!("swing Con to Lab {:.1}", (lab - con) / 2.0)
        );
        assert_eq!(
            a.lead_text(&now.contest, false).unwrap(),
            "Sadiq Khan won by 275,828 over Susan Hall"
        );
        // Turnout: 2024 has each constituency's electorate, 2016 does not.
        assert!((a.turnout.now.unwrap() - 2_495_559.0 * 100.0 / 6_162_428.0).abs() < 1e-9);
        assert_eq!(a.turnout.before, None);
        // Every area is in: the whole contest's published figure stands in, basis and all.
        assert_eq!(
            a.turnout_text(),
            "turnout 40.5% (2016: 45.3%, basis not stated)"
        );
        let part = Against::new(&night_2024(7), &load("london-2016"));
        assert_eq!(part.turnout.published, None, "not for some areas");
        assert!(part.turnout_text().ends_with("(2016: unknown)"));
        // Barnet and Camden: Khan first both times; Brent and Harrow: Khan in 2016, Hall in 2024.
        assert_eq!(a.area("barnet-and-camden").unwrap().call, Call::Hold);
        assert_eq!(
            a.area("brent-and-harrow").unwrap().call.short(),
            "GAIN from Lab"
        );
        assert_eq!(
            a.area("brent-and-harrow").unwrap().headline().unwrap(),
            "Con GAIN from Lab"
        );
        assert_eq!(
            a.area("barnet-and-camden").unwrap().headline().unwrap(),
            "Lab HOLD"
        );
        assert_eq!(a.areas.len(), 14);
    }

    #[test]
    fn independents_never_get_a_change_and_new_parties_say_so() {
        let now = night_2024(15);
        let a = Against::new(&now, &load("london-2016"));
        let ind = a
            .parties
            .iter()
            .find(|p| p.standing == Standing::Independent)
            .unwrap();
        assert_eq!(ind.change(), None);
        assert!(!a.party_text(ind, true).contains('+'));
        let reform = a.parties.iter().find(|p| p.label == "Reform UK").unwrap();
        assert!(a.party_text(reform, false).ends_with("new"));
    }

    #[test]
    fn nothing_declared_compares_nothing_and_says_so() {
        let a = Against::new(&night_2024(0), &load("london-2016"));
        assert_eq!(a.basis, Basis::Nothing);
        assert_eq!(a.lead, None);
        assert_eq!(a.line(), "vs 2016: nothing to compare yet");
    }

    #[test]
    fn a_baseline_without_areas_says_when_it_will_be_compared() {
        let stages = replay::stages(&load("london-2016").contest).unwrap();
        let part = Counted::new(stages[7].contest.clone(), Vec::new()).unwrap();
        let a = Against::new(&part, &load("london-2012"));
        assert_eq!(
            a.line(),
            "vs 2012: compared once every area is in (2012 has no results by area)"
        );
        assert!(!a.baseline_has_areas);
    }

    #[test]
    fn a_class_vote_as_baseline_has_no_party_in_common() {
        let ballots =
            crate::import::from_bytes("class.csv", b"Zoo,Beach\nBeach,Zoo\nZoo,Castle\n").unwrap();
        let a = Against::new(&load("london-2021"), &ballots);
        assert!(!a.has_common_party());
        assert!(a.line().ends_with(": no party in common"), "{}", a.line());
        assert!(!a.name.starts_with("20"), "no made-up year: {}", a.name);
    }

    #[test]
    fn contests_without_areas_compare_whole() {
        let a = Against::new(&load("london-2012"), &load("london-2008"));
        assert_eq!(a.basis, Basis::Whole);
        // Each side's published turnout says what it is a percentage of.
        let t = Against::new(&load("london-2016"), &load("london-2012")).turnout_text();
        assert_eq!(
            t,
            "turnout 45.3%, basis not stated (2012: 38.1%, valid votes)"
        );
        let s = a.swing.unwrap();
        // 2008's top two were the Conservatives and Labour.
        assert!(s.from == "Labour" || s.from == "Conservative");
    }

    #[test]
    fn areas_match_by_name_whatever_the_spelling_of_and() {
        assert_eq!(area_key("Barnet & Camden"), area_key("Barnet and Camden"));
        assert_eq!(area_key("City and East"), "cityandeast");
        assert_ne!(area_key("North East"), area_key("South West"));
    }

    #[test]
    fn abbreviations_read_like_results_pages() {
        for (label, short) in [
            ("Labour", "Lab"),
            ("Conservative", "Con"),
            ("Green Party", "Green"),
            ("Liberal Democrat", "LD"),
            ("UK Independence Party", "UKI"),
            ("Reform UK", "RUK"),
            ("Respect", "Res"),
            ("Women's Equality Party", "WE"),
            ("", ""),
        ] {
            assert_eq!(abbreviation(label), short, "{label}");
        }
        assert!(!abbreviation("\u{1b}[2J Red").contains('\u{1b}'));
    }
}
