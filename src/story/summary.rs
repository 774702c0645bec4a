//! Facts derived from a counted contest that several outputs need: turnout with its basis,
//! each party's share, the winner and margin.
//!
//! Derived once here so that `tally compare`, the text report and the viewer cannot
//! disagree. A figure that cannot be known is `None`, never zero.

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
        && e.get() > 0
    {
        return Some(Turnout {
            percent: b.get() as f64 * 100.0 / e.get() as f64,
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
    for (i, cand) in l.contest.candidates.iter().enumerate() {
        let votes = first.votes[i];
        let label = if cand.party.is_empty() {
            "No party"
        } else {
            cand.party.as_str()
        };
        match out.iter_mut().find(|p| p.party == label) {
            Some(p) => {
                p.votes += votes;
                p.candidates.push(i);
            }
            None => out.push(PartyShare {
                party: if cand.party.is_empty() {
                    "No party".to_string()
                } else {
                    cand.party.clone()
                },
                votes,
                percent: 0.0,
                candidates: vec![i],
                colour: cand.colour.clone(),
            }),
        }
    }
    let valid = l.count.valid;
    for p in &mut out {
        p.percent = if valid.is_zero() {
            0.0
        } else {
            p.votes.as_f64() * 100.0 / valid.as_f64()
        };
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.votes));
    out
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
}
