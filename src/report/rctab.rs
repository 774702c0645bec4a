//! The count as RCTab's results JSON (the version 1 summary, which RCVis and rcvformats call
//! the Universal Tabulator format), so that RCVis and other tools can draw tally's counts:
//! `tally rounds X --format rctab`. `docs/rctab-export.md` documents the choices.
//!
//! The document is `{"config": {contest, date, jurisdiction, threshold}, "results": [{round,
//! tally, tallyResults}]}`, as RCTab 1.x writes it: every figure a string with the decimals
//! it has (`"1863671"`, `"8.8832"`), candidates keyed by name. What the format cannot say is
//! left unsaid rather than guessed:
//! - Round N's `tallyResults` are what happens at the END of round N, as in tally: one
//!   `elected` or `eliminated` entry per candidate, whose `transfers` are that candidate's
//!   share of round N+1's transfers (plus `exhausted`, and a surplus's `residual surplus`).
//! - Ballots that moved from several candidates together (London's declared totals, or
//!   transfers derived from the tallies) cannot be split per candidate: each of those
//!   candidates gets `"transfers": {}`, which readers take as unknown and work out from the
//!   next round's tally, as tally's own reader does.
//! - An elimination in the last round has no next round to show: the format forbids it
//!   (rcvformats refuses one even beside a winner, a runner-up as RankIt writes it), so an
//!   incomplete count's last eliminations and a last-round runner-up are left out.
//! - Ballots already inactive in round 1 appear nowhere in RCTab 1.x's shape; when a count
//!   has them, every round's tally carries RCVis's `"Inactive Ballots"` row.
//! - Names are made unique (RCVis keys by name; see [`names`]).

use serde::Serialize;

use crate::count::{CandidateIdx, Counted, Destination, Round};
use crate::model::{Contest, Votes, VotingSystem};

/// RCVis's pseudo-candidate for ballots no longer counted, in the tally.
const INACTIVE: &str = "Inactive Ballots";
/// The transfer key of ballots that became inactive.
const EXHAUSTED: &str = "exhausted";
/// The transfer key of a surplus's votes lost to rounding.
const RESIDUAL: &str = "residual surplus";

/// The count as an RCTab version 1 summary document, pretty-printed and safe to print.
pub fn rounds(l: &Counted) -> String {
    super::json::print(&Document::of(l))
}

#[derive(Serialize)]
struct Document<'a> {
    config: Config<'a>,
    results: Vec<RoundOut>,
}

#[derive(Serialize)]
struct Config<'a> {
    contest: &'a str,
    /// Left out when the contest has no date of poll (RCVis treats it as optional).
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jurisdiction: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    threshold: Option<String>,
}

#[derive(Serialize)]
struct RoundOut {
    round: usize,
    tally: Figures,
    #[serde(rename = "tallyResults")]
    tally_results: Vec<TallyResult>,
}

/// One candidate elected or eliminated at the end of a round, and where their ballots went.
#[derive(Serialize)]
struct TallyResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    elected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eliminated: Option<String>,
    transfers: Figures,
}

/// Name → figure, written as a JSON object of strings in this order.
struct Figures(Vec<(String, Votes)>);

impl Serialize for Figures {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v.plain())))
    }
}

impl<'a> Document<'a> {
    fn of(l: &'a Counted) -> Self {
        let c = &l.contest;
        let names = names(c);
        let rounds = &l.count.rounds;
        // RCTab 1.x has no inactive counts: a reader takes round 1's total as every ballot.
        // Ballots already inactive then would be lost, so RCVis's row carries them.
        let inactive_row = !l.count.first().exhausted.is_zero();
        let results = rounds
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let mut tally: Vec<(String, Votes)> = r
                    .standings()
                    .into_iter()
                    .map(|(i, v)| (names[i].clone(), v))
                    .collect();
                if inactive_row {
                    tally.push((INACTIVE.into(), r.exhausted));
                }
                RoundOut {
                    round: r.number,
                    tally: Figures(tally),
                    tally_results: tally_results(&names, r, rounds.get(k + 1)),
                }
            })
            .collect();
        Document {
            config: Config {
                contest: &c.title,
                date: c.date.map(|d| d.format("%Y-%m-%d").to_string()),
                jurisdiction: Some(c.area.as_str()).filter(|a| !a.trim().is_empty()),
                // One figure for the whole count, as RCTab 1.x writes it: a single seat's
                // is the last round's (the majority moves as ballots exhaust; readers work
                // the earlier ones out); several seats' is round 1's quota, which RCTab fixes
                // there and readers apply to every round (a quota that moves, OpaVote's, is
                // kept only for round 1). First past the post has none: the most votes win.
                threshold: (l.count.system != VotingSystem::FirstPastThePost).then(|| {
                    let r = if c.seats > 1 {
                        l.count.rounds.first()
                    } else {
                        l.count.rounds.last()
                    };
                    r.map(|r| r.threshold).unwrap_or_default().plain()
                }),
            },
            results,
        }
    }
}

/// What happens at the end of round `r`: each candidate elected (in order), then each
/// eliminated, with their transfers into `next`. Without a next round there is nowhere to
/// show an elimination, so none is written: rcvformats (RCVis) refuses one in the last
/// round even beside a winner (a runner-up, as RankIt writes it), which tally reads.
fn tally_results(names: &[String], r: &Round, next: Option<&Round>) -> Vec<TallyResult> {
    let elected = r.elected.iter().map(|&s| (s, true));
    let eliminated = r.eliminated.iter().filter(|_| next.is_some());
    elected
        .chain(eliminated.map(|&s| (s, false)))
        .map(|(s, is_elected)| {
            let name = &names[s];
            TallyResult {
                elected: is_elected.then(|| name.clone()),
                eliminated: (!is_elected).then(|| name.clone()),
                transfers: Figures(next.map_or_else(Vec::new, |n| transfers_from(names, s, r, n))),
            }
        })
        .collect()
}

/// Where source `s`'s ballots went from round `r` into `next`: each destination's votes,
/// `exhausted`, and for a surplus the votes no transfer accounts for (`residual surplus`).
/// Empty (unknown, to a reader) when `next`'s transfers were derived from the tallies or
/// came from `s` together with other candidates.
fn transfers_from(
    names: &[String],
    s: CandidateIdx,
    r: &Round,
    next: &Round,
) -> Vec<(String, Votes)> {
    let pooled = next
        .transfers
        .iter()
        .any(|t| t.from.len() > 1 && t.from.contains(&s));
    if next.derived || pooled {
        return Vec::new();
    }
    let mut out: Vec<(String, Votes)> = Vec::new();
    let mut add = |to: &str, votes: Votes| match out.iter_mut().find(|(k, _)| k == to) {
        Some((_, v)) => *v += votes,
        None => out.push((to.to_string(), votes)),
    };
    let mut moved = Votes::ZERO;
    for t in next.transfers.iter().filter(|t| t.from == [s]) {
        let to = match t.to {
            Destination::Candidate(i) => names[i].as_str(),
            Destination::Exhausted => EXHAUSTED,
        };
        add(to, t.votes);
        moved += t.votes;
    }
    if r.elected.contains(&s) {
        // A surplus: what the candidate gave up less what went somewhere was lost to rounding.
        let surplus = r.votes[s].saturating_sub(next.tally(s).unwrap_or(Votes::ZERO));
        let lost = surplus.saturating_sub(moved);
        if !lost.is_zero() {
            add(RESIDUAL, lost);
        }
    }
    out
}

/// Each candidate's name in the document, unique: RCVis and every reader key the tally by
/// name. A name is trimmed; an empty one becomes the candidate's id. Candidates who share a
/// name, and one whose name a reader takes for something else (`exhausted`, `residual
/// surplus`, `Inactive Ballots`, in any case), are told apart by their ids: `Jane Smith
/// (smith-2)`. A name that still clashes (someone really called `Jane Smith (smith-2)`) gets
/// its own id and a number: `Jane Smith (smith-2) (odd) (2)`.
pub fn names(c: &Contest) -> Vec<String> {
    let reserved = |n: &str| {
        [INACTIVE, EXHAUSTED, RESIDUAL]
            .iter()
            .any(|r| r.eq_ignore_ascii_case(n))
    };
    let base: Vec<&str> = c
        .candidates
        .iter()
        .map(|k| match k.name.trim() {
            "" => k.id.trim(),
            n => n,
        })
        .collect();
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    for b in &base {
        *seen.entry(b).or_default() += 1;
    }
    let mut taken: std::collections::HashSet<String> = Default::default();
    let mut out = Vec::with_capacity(base.len());
    for (k, b) in c.candidates.iter().zip(&base) {
        let mut name = if seen[b] > 1 || reserved(b) {
            format!("{b} ({})", k.id)
        } else {
            b.to_string()
        };
        // At most one more try per candidate: each try is a name no one else has yet.
        let mut n = 1;
        while taken.contains(&name) || reserved(&name) {
            n += 1;
            name = format!("{b} ({}) ({n})", k.id);
        }
        taken.insert(name.clone());
        out.push(name);
    }
    out
}

/// Published counts to test the reports with (shared with `json` and `csv`'s tests).
#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::published::testing::{candidate, contest_of as contest, published, round, v};
    use crate::model::{InactiveKinds, PublishedTransfer};
    use serde_json::Value;

    fn counted(c: Contest) -> Counted {
        Counted::new(c, Vec::new()).unwrap()
    }

    fn doc(l: &Counted) -> Value {
        serde_json::from_str(&rounds(l)).unwrap()
    }

    fn transfer(from: usize, to: Option<usize>, votes: &str) -> PublishedTransfer {
        PublishedTransfer {
            from,
            to,
            votes: v(votes),
        }
    }

    /// Eastpointe's shape: two seats, a fractional surplus with a residual, then an
    /// elimination and a second surplus with exhausted ballots.
    pub(in crate::report) fn two_seats() -> Counted {
        let mut r1 = round(&[Some("144"), Some("96"), Some("80"), Some("80")]);
        r1.elected = vec![0];
        r1.transfers = Some(vec![
            transfer(0, Some(1), "8.8832"),
            transfer(0, Some(2), "1.1104"),
        ]);
        r1.threshold = Some(v("134"));
        let mut r2 = round(&[Some("134"), Some("104.8832"), Some("81.1104"), Some("80")]);
        r2.eliminated = vec![3];
        r2.transfers = Some(vec![transfer(3, Some(1), "80")]);
        r2.threshold = Some(v("134"));
        let mut r3 = round(&[Some("134"), Some("184.8832"), Some("81.1104"), None]);
        r3.elected = vec![1];
        r3.transfers = Some(vec![
            transfer(1, Some(2), "50.5632"),
            transfer(1, None, "0.304"),
        ]);
        r3.threshold = Some(v("134"));
        let mut r4 = round(&[Some("134"), Some("134"), Some("131.6736"), None]);
        r4.threshold = Some(v("134"));
        let names = [
            "Harvey Curley",
            "Larry Edwards",
            "Mary Hall-Rayford",
            "Sarah Lucido",
        ];
        let candidates = names
            .iter()
            .map(|n| candidate(&n.to_lowercase().replace(' ', "-"), n))
            .collect();
        counted(contest(
            candidates,
            2,
            published(VotingSystem::SingleTransferableVote, vec![r1, r2, r3, r4]),
        ))
    }

    #[test]
    fn a_multi_seat_count_keeps_its_fractions_surpluses_and_residuals() {
        let d = doc(&two_seats());
        assert_eq!(d["config"]["threshold"], "134");
        assert_eq!(d["config"]["date"], "2019-11-05");
        assert_eq!(d["config"]["jurisdiction"], "Somewhere");
        let r = d["results"].as_array().unwrap();
        assert_eq!(r.len(), 4);
        assert_eq!(r[1]["tally"]["Larry Edwards"], "104.8832");
        let first = &r[0]["tallyResults"][0];
        assert_eq!(first["elected"], "Harvey Curley");
        assert_eq!(first["transfers"]["Larry Edwards"], "8.8832");
        assert_eq!(first["transfers"]["Mary Hall-Rayford"], "1.1104");
        assert_eq!(first["transfers"]["residual surplus"], "0.0064");
        assert_eq!(r[1]["tallyResults"][0]["eliminated"], "Sarah Lucido");
        assert_eq!(
            r[1]["tallyResults"][0]["transfers"],
            serde_json::json!({"Larry Edwards": "80"})
        );
        let third = &r[2]["tallyResults"][0]["transfers"];
        assert_eq!(third["exhausted"], "0.304");
        assert_eq!(third["residual surplus"], "0.016");
        assert_eq!(r[3]["tallyResults"], serde_json::json!([]));
        // Elected candidates stay in the tally at the quota.
        assert_eq!(r[3]["tally"]["Harvey Curley"], "134");
        assert!(r[3]["tally"].get("Sarah Lucido").is_none());
    }

    /// Boulder's shape: two eliminated at once, transfers not published, ballots already
    /// inactive in round 1 (by kind, as RCTab 2 gives them).
    pub(in crate::report) fn batch() -> Counted {
        let kinds = |e: &str, o: &str| InactiveKinds {
            exhausted_choices: v(e),
            overvotes: v(o),
            ..InactiveKinds::default()
        };
        let mut r1 = round(&[Some("11347"), Some("6271"), Some("14087"), Some("729")]);
        r1.eliminated = vec![1, 3];
        r1.inactive = Some(v("1335"));
        r1.inactive_kinds = Some(kinds("1300", "35"));
        r1.transfers = None;
        let mut r2 = round(&[Some("16580"), None, Some("15382"), None]);
        r2.inactive = Some(v("1807"));
        r2.inactive_kinds = Some(kinds("1760", "47"));
        r2.elected = vec![0];
        let candidates = ["A", "B", "C", "D"]
            .iter()
            .map(|n| candidate(n, n))
            .collect();
        let mut p = published(VotingSystem::InstantRunoff, vec![r1, r2]);
        p.undervotes = Some(v("12"));
        p.total_ballots = Some(v("33781"));
        counted(contest(candidates, 1, p))
    }

    #[test]
    fn transfers_from_several_candidates_together_or_derived_are_left_unknown() {
        let l = batch();
        assert!(l.count.rounds[1].derived);
        let d = doc(&l);
        let results = d["results"][0]["tallyResults"].as_array().unwrap();
        assert_eq!(results.len(), 2);
        for r in results {
            assert_eq!(r["transfers"], serde_json::json!({}), "{r}");
        }
        // Inactive from round 1: RCVis's row carries it in every round.
        assert_eq!(d["results"][0]["tally"]["Inactive Ballots"], "1335");
        assert_eq!(d["results"][1]["tally"]["Inactive Ballots"], "1807");
        assert_eq!(d["config"]["threshold"], l.count.last().threshold.plain());
    }

    #[test]
    fn an_incomplete_count_ends_without_the_elimination_it_cannot_show() {
        let mut r1 = round(&[Some("5"), Some("4"), Some("2")]);
        r1.eliminated = vec![2];
        let candidates = ["A", "B", "C"].iter().map(|n| candidate(n, n)).collect();
        let l = counted(contest(
            candidates,
            1,
            published(VotingSystem::InstantRunoff, vec![r1]),
        ));
        let d = doc(&l);
        assert_eq!(d["results"][0]["tallyResults"], serde_json::json!([]));
        assert!(d["results"][0]["tally"].get("Inactive Ballots").is_none());
    }

    #[test]
    fn a_runner_up_eliminated_beside_the_winner_in_the_last_round_is_left_out() {
        // RankIt writes one; rcvformats refuses "an elimination on the last round".
        let mut r1 = round(&[Some("5"), Some("4"), Some("2")]);
        r1.eliminated = vec![2];
        r1.transfers = Some(vec![transfer(2, Some(0), "2")]);
        let mut r2 = round(&[Some("7"), Some("4"), None]);
        r2.elected = vec![0];
        r2.eliminated = vec![1];
        let candidates = ["A", "B", "C"].iter().map(|n| candidate(n, n)).collect();
        let l = counted(contest(
            candidates,
            1,
            published(VotingSystem::InstantRunoff, vec![r1, r2]),
        ));
        let d = doc(&l);
        assert_eq!(
            d["results"][1]["tallyResults"],
            serde_json::json!([{"elected": "A", "transfers": {}}])
        );
        let back = crate::import::from_bytes("x.json", rounds(&l).as_bytes()).unwrap();
        let last = back.count.last();
        assert_eq!(
            (last.elected.clone(), last.eliminated.clone()),
            (vec![0], vec![])
        );
    }

    #[test]
    fn names_are_unique_and_never_a_pseudo_candidate() {
        let c = contest(
            vec![
                candidate("smith-1", "Jane Smith"),
                candidate("smith-2", " Jane Smith "),
                candidate("ex", "Exhausted"),
                candidate("blank", "  "),
                candidate("odd", "Jane Smith (smith-1)"),
                candidate("ib", "inactive ballots"),
            ],
            1,
            published(VotingSystem::InstantRunoff, vec![round(&[None; 6])]),
        );
        assert_eq!(
            names(&c),
            [
                "Jane Smith (smith-1)",
                "Jane Smith (smith-2)",
                "Exhausted (ex)",
                "blank",
                "Jane Smith (smith-1) (odd) (2)",
                "inactive ballots (ib)",
            ]
        );
    }

    #[test]
    fn first_past_the_post_has_no_threshold() {
        let l = crate::import::resolve("london-2024").unwrap();
        let d = doc(&l);
        assert!(d["config"].get("threshold").is_none(), "{}", d["config"]);
        assert_eq!(d["results"][0]["tallyResults"][0]["elected"], "Sadiq Khan");
    }

    #[test]
    fn london_2004_is_written_as_rctab_writes_a_summary() {
        let l = crate::import::resolve("london-2004").unwrap();
        insta::assert_snapshot!(rounds(&l));
    }
}
