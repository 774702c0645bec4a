//! The count as JSON, for scripts: the schema is documented in `docs/rounds-json.md`. Also
//! the parts `compare` and `list` share with it ([`CandidateOut`], [`TurnoutOut`]) and the
//! one way every JSON output is printed ([`print()`]).
//!
//! Candidates are named by name (as people read them) and by id (which is unique), with
//! their party's stable id. The output is serde structs ([`Output`]) whose fields are the
//! documented schema, so the compiler checks it; one extra step escapes the C1 controls, DEL
//! and bidi overrides, which serde_json leaves raw, so the JSON is safe to print to a
//! terminal. The results by area are included, so the constituency table can be exported.

use serde::Serialize;

use crate::count::Counted;
use crate::count::{Destination, Outcome, Round, TieKind, TieRule};
use crate::model::rules::TieBrokenBy;
use crate::model::{InactiveKinds, Method, ResultStatus, TurnoutBasis, Votes, VotingSystem};
use crate::story::summary;

/// The schema version of this output.
pub const SCHEMA: u32 = 1;

pub fn rounds(l: &Counted) -> String {
    print(&Output::of(l))
}

/// Any of tally's JSON outputs, pretty-printed, made safe to print, ending in a newline.
pub fn print(output: &impl Serialize) -> String {
    match serde_json::to_string_pretty(output) {
        Ok(text) => escape_unsafe(&text) + "\n",
        // Only strings, numbers and maps with string keys: serializing cannot fail.
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}

/// The whole output, field for field as `docs/rounds-json.md` documents it.
#[derive(Serialize)]
pub struct Output<'a> {
    schema: u32,
    contest: ContestOut<'a>,
    candidates: Vec<CandidateOut<'a>>,
    valid_first_preferences: Votes,
    electorate: Option<Votes>,
    ballot_papers: Option<Votes>,
    rejected: Option<Votes>,
    turnout: Option<TurnoutOut>,
    partial: bool,
    outcome: &'static str,
    /// Seats to fill: 1, or several for a published count of the single transferable vote.
    seats: u32,
    /// The winner of a one-seat contest; `null` when several seats are filled (`winners`).
    winner: Option<&'a str>,
    winner_id: Option<&'a str>,
    /// Everyone elected, in the order of election (one name for a one-seat contest).
    winners: Vec<&'a str>,
    winner_ids: Vec<&'a str>,
    /// The winner's lead over the runner-up in the final round; `null` for several seats.
    margin: Option<Votes>,
    /// What the count was read from when another tabulator published it ("RCTab 2.0.0
    /// detailed report"); `null` for tally's own datasets and ballots.
    source_format: Option<&'a str>,
    /// Blank ballots, read but never counted (RCTab's `undervotes`), when the source says.
    undervotes: Option<Votes>,
    /// Ballots read, blank ones included (RCTab's `totalNumBallots`), when the source says.
    total_ballots: Option<Votes>,
    /// Ballots the publisher set aside as invalid before round 1 (OpaVote), when it says.
    invalid: Option<Votes>,
    /// What the reader repaired to read a file that breaks its format's rules, one sentence
    /// each (empty when none).
    repairs: &'a [String],
    /// How tally counted the contest from its cast vote records (the rules, the files);
    /// `null` for a count read from another tabulator or counted by tally's own methods.
    tabulation: Option<TabulationOut<'a>>,
    rounds: Vec<RoundOut<'a>>,
    /// The results by area; `null` when the dataset has none.
    areas: Option<Vec<AreaOut<'a>>>,
    /// `"illustrative"` when the areas' declaration times and order are made up (a replay
    /// of a contest without real times); `null` when they are as published.
    declaration_times: Option<crate::model::DeclarationTimes>,
}

/// One area (a constituency): its figures, and each candidate's votes there.
#[derive(Serialize)]
struct AreaOut<'a> {
    id: &'a str,
    name: &'a str,
    declared: bool,
    declared_at: Option<String>,
    electorate: Option<Votes>,
    ballot_papers: Option<Votes>,
    valid_votes: Option<Votes>,
    rejected: Option<Votes>,
    /// Ballot papers over electorate, in percent, when both are known.
    turnout: Option<f64>,
    /// Candidate name → first preferences (the only vote under first past the post), most
    /// first; `null` until the area declares.
    votes: Option<Pairs<'a>>,
    votes_by_id: Option<Pairs<'a>>,
}

impl<'a> AreaOut<'a> {
    fn of(c: &'a crate::model::Contest, area: &'a crate::model::Area) -> Self {
        let standings: Option<Vec<(&'a crate::model::Candidate, Votes)>> =
            area.first_preferences.as_ref().map(|fp| {
                let mut s: Vec<_> = c
                    .candidates
                    .iter()
                    .filter_map(|k| fp.get(&k.id).map(|v| (k, v)))
                    .collect();
                // Most votes first; ties in candidate order (the sort is stable).
                s.sort_by_key(|&(_, v)| std::cmp::Reverse(v));
                s
            });
        let summed = standings
            .as_ref()
            .map(|s| s.iter().map(|&(_, v)| v).sum::<Votes>());
        AreaOut {
            id: &area.id,
            name: &area.name,
            declared: area.is_declared(),
            declared_at: area.declared_at.map(|t| t.to_rfc3339()),
            electorate: area.electorate,
            ballot_papers: area.ballot_papers,
            valid_votes: area.valid_votes.or(summed),
            rejected: area.rejected,
            turnout: match (area.electorate, area.ballot_papers) {
                (Some(e), Some(b)) => b.percent_of(e),
                _ => None,
            },
            votes: standings
                .as_ref()
                .map(|s| Pairs(s.iter().map(|&(k, v)| (k.name.as_str(), v)).collect())),
            votes_by_id: standings
                .as_ref()
                .map(|s| Pairs(s.iter().map(|&(k, v)| (k.id.as_str(), v)).collect())),
        }
    }
}

/// A contest's identity: also at the head of each contest in `list` (flattened).
#[derive(Serialize)]
pub struct ContestOut<'a> {
    id: &'a str,
    title: &'a str,
    area: &'a str,
    date: Option<chrono::NaiveDate>,
    system: VotingSystem,
    status: Option<ResultStatus>,
}

impl<'a> ContestOut<'a> {
    pub fn of(c: &'a crate::model::Contest) -> Self {
        ContestOut {
            id: &c.id,
            title: &c.title,
            area: &c.area,
            date: c.date,
            system: c.method.system(),
            status: c.status,
        }
    }
}

/// A candidate: also the winner in `compare` and `list`.
#[derive(Serialize)]
pub struct CandidateOut<'a> {
    id: &'a str,
    name: &'a str,
    party: &'a str,
    /// The party's stable id; `null` for an independent.
    party_id: Option<&'a str>,
}

impl<'a> CandidateOut<'a> {
    pub fn of(k: &'a crate::model::Candidate) -> Self {
        CandidateOut {
            id: &k.id,
            name: &k.name,
            party: &k.party,
            party_id: k.party_id.as_deref(),
        }
    }
}

/// A contest's turnout with its basis: also in `compare`.
#[derive(Serialize)]
pub struct TurnoutOut {
    percent: f64,
    basis: TurnoutBasis,
    computed: bool,
    approximate: bool,
}

impl TurnoutOut {
    /// The turnout tally shows (`summary::turnout`), with the dataset's stated basis.
    pub fn of(c: &crate::model::Contest) -> Option<Self> {
        summary::turnout(c).map(|t| TurnoutOut {
            percent: t.percent,
            basis: c.turnout.as_ref().map(|p| p.basis).unwrap_or(t.basis),
            computed: t.computed,
            approximate: t.approximate,
        })
    }
}

#[derive(Serialize)]
struct RoundOut<'a> {
    number: usize,
    /// Candidate name → votes, in standing order.
    tally: Pairs<'a>,
    tally_by_id: Pairs<'a>,
    exhausted: Votes,
    continuing: Votes,
    threshold: Votes,
    elected: Vec<&'a str>,
    eliminated: Vec<&'a str>,
    transfers: Vec<TransferOut<'a>>,
    /// Whether `transfers` were worked out from the change in each tally because the
    /// published count does not say where the ballots went.
    derived: bool,
    /// What `exhausted` is made of, when the source says (RCTab 2); `null` otherwise.
    inactive: Option<InactiveOut>,
    /// Votes lost to rounding in fractional surplus transfers so far (a published count's
    /// "residual surplus"); 0 otherwise.
    residual: Votes,
    tie_breaks: Vec<TieOut<'a>>,
}

/// How tally counted a contest from its ballots under RCTab's rules.
#[derive(Serialize)]
struct TabulationOut<'a> {
    /// Always "tally".
    counted_by: &'static str,
    /// Every rule, keyed and written as in an RCTab configuration's `rules`.
    rules: Settings,
    /// The configuration's own name for its rules ("Maine Rules"), when it gives one.
    rules_description: Option<&'a str>,
    /// The same rules as tally's command-line options, for a bare file.
    options: String,
    /// The RCTab configuration read, or `null` for a bare file.
    config: Option<&'a str>,
    /// Ballots read from each file, in the order read.
    files: Vec<FileOut<'a>>,
    total_ballots: Votes,
    /// Blank ballots: read, never counted, never exhausted; `null` when unknown.
    undervotes: Option<Votes>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    file: &'a str,
    ballots: Votes,
}

/// RCTab's settings as an object in RCTab's order: text as text, switches as booleans.
struct Settings(Vec<(&'static str, crate::story::rules::Setting)>);

impl Serialize for Settings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::story::rules::Setting;
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            match v {
                Setting::Text(t) => map.serialize_entry(k, t)?,
                Setting::Flag(b) => map.serialize_entry(k, b)?,
            }
        }
        map.end()
    }
}

impl<'a> TabulationOut<'a> {
    fn of(p: &'a crate::model::Published, t: &'a crate::model::published::Tabulation) -> Self {
        TabulationOut {
            counted_by: "tally",
            rules: Settings(crate::story::rules::settings(&t.rules)),
            rules_description: t.description.as_deref(),
            options: crate::story::rules::repeat(t),
            config: t.config.as_deref(),
            files: t
                .files
                .iter()
                .map(|f| FileOut {
                    file: &f.file,
                    ballots: f.ballots,
                })
                .collect(),
            total_ballots: p
                .total_ballots
                .unwrap_or_else(|| t.files.iter().map(|f| f.ballots).sum()),
            undervotes: p.undervotes,
        }
    }
}

/// Inactive ballots by why they stopped counting (running totals), as RCTab 2 reports them.
#[derive(Serialize)]
struct InactiveOut {
    exhausted_choices: Votes,
    overvotes: Votes,
    skipped_rankings: Votes,
    repeated_rankings: Votes,
}

impl InactiveOut {
    fn of(k: &InactiveKinds) -> Self {
        InactiveOut {
            exhausted_choices: k.exhausted_choices,
            overvotes: k.overvotes,
            skipped_rankings: k.skipped_rankings,
            repeated_rankings: k.repeated_rankings,
        }
    }
}

#[derive(Serialize)]
struct TransferOut<'a> {
    from: Vec<&'a str>,
    from_ids: Vec<&'a str>,
    to: Option<&'a str>,
    to_id: Option<&'a str>,
    exhausted: bool,
    votes: Votes,
}

#[derive(Serialize)]
struct TieOut<'a> {
    kind: &'static str,
    tied: Vec<&'a str>,
    preferred: Vec<&'a str>,
    votes: Votes,
    rule: &'static str,
    explanation: String,
    /// How a tally count's tie was broken: "candidate-order", "previous-round" (with
    /// `broken_by_round`) or "random"; `null` for other counts.
    broken_by: Option<&'static str>,
    broken_by_round: Option<u32>,
}

/// Pairs written as a JSON object, in their order.
struct Pairs<'a>(Vec<(&'a str, Votes)>);

impl Serialize for Pairs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'a> Output<'a> {
    pub fn of(l: &'a Counted) -> Self {
        let c = &l.contest;
        let name = |i: usize| c.candidates[i].name.as_str();
        let id = |i: usize| c.candidates[i].id.as_str();
        let names = |v: &[usize]| v.iter().map(|&i| name(i)).collect::<Vec<_>>();
        let ids = |v: &[usize]| v.iter().map(|&i| id(i)).collect::<Vec<_>>();
        let published = match &c.method {
            Method::Published(p) => Some(p.as_ref()),
            _ => None,
        };
        let tab = published.and_then(|p| p.tabulation.as_deref());
        // How a tie of round `index` (0-based) was broken, as the count recorded it.
        let recorded = |index: usize, tied: &[usize]| -> Option<TieBrokenBy> {
            let mut tied = tied.to_vec();
            tied.sort_unstable();
            published?.rounds.get(index)?.ties.iter().find_map(|t| {
                let mut those = t.tied.clone();
                those.sort_unstable();
                (those == tied).then_some(t.broken_by).flatten()
            })
        };
        let round = |r: &Round| {
            let standings = r.standings();
            RoundOut {
                number: r.number,
                tally: Pairs(standings.iter().map(|&(i, v)| (name(i), v)).collect()),
                tally_by_id: Pairs(standings.iter().map(|&(i, v)| (id(i), v)).collect()),
                exhausted: r.exhausted,
                continuing: r.continuing,
                threshold: r.threshold,
                elected: names(&r.elected),
                eliminated: names(&r.eliminated),
                transfers: r
                    .transfers
                    .iter()
                    .map(|t| {
                        let to = match t.to {
                            Destination::Candidate(i) => Some(i),
                            Destination::Exhausted => None,
                        };
                        TransferOut {
                            from: names(&t.from),
                            from_ids: ids(&t.from),
                            to: to.map(name),
                            to_id: to.map(id),
                            exhausted: to.is_none(),
                            votes: t.votes,
                        }
                    })
                    .collect(),
                derived: r.derived,
                inactive: r.inactive.as_ref().map(InactiveOut::of),
                residual: r.residual,
                tie_breaks: r
                    .tie_breaks
                    .iter()
                    .map(|t| TieOut {
                        kind: match t.kind {
                            TieKind::SecondPlace => "second-place",
                            TieKind::Elimination => "elimination",
                            TieKind::Winner => "winner",
                        },
                        tied: names(&t.tied),
                        preferred: names(&t.preferred),
                        votes: t.votes,
                        rule: match t.rule {
                            TieRule::TieBreakOrder => "tie-break-order",
                            TieRule::CandidateOrder => "candidate-order",
                            TieRule::AsCounted => "as-counted",
                        },
                        explanation: match tab.zip(recorded(r.number - 1, &t.tied)) {
                            Some((tab, by)) => tab.broken_by(by),
                            None => t.rule.describe().to_string(),
                        },
                        broken_by: recorded(r.number - 1, &t.tied).map(|by| match by {
                            TieBrokenBy::CandidateOrder => "candidate-order",
                            TieBrokenBy::PreviousRound(_) => "previous-round",
                            TieBrokenBy::Random => "random",
                        }),
                        broken_by_round: match recorded(r.number - 1, &t.tied) {
                            Some(TieBrokenBy::PreviousRound(n)) => Some(n),
                            _ => None,
                        },
                    })
                    .collect(),
            }
        };
        let outcome = match l.count.outcome {
            Outcome::Elected(_) => "elected",
            Outcome::Incomplete => "incomplete",
            Outcome::NoVotes => "no-votes",
        };
        // "The winner" is one seat's; with several, `winners` says who (and no margin).
        let one_seat = c.seats <= 1;
        let winner = l.count.winner().filter(|_| one_seat);
        Output {
            schema: SCHEMA,
            contest: ContestOut::of(c),
            candidates: c.candidates.iter().map(CandidateOut::of).collect(),
            valid_first_preferences: l.count.valid,
            electorate: c.electorate,
            ballot_papers: c.ballot_papers,
            rejected: c.rejected,
            turnout: TurnoutOut::of(c),
            partial: l.count.partial,
            outcome,
            seats: c.seats.max(1),
            winner: winner.map(name),
            winner_id: winner.map(id),
            winners: names(l.count.elected()),
            winner_ids: ids(l.count.elected()),
            margin: l.count.margin().filter(|_| one_seat),
            source_format: published.map(|p| p.format.as_str()),
            repairs: published.map_or(&[], |p| p.warnings.as_slice()),
            tabulation: published
                .and_then(|p| Some(TabulationOut::of(p, p.tabulation.as_deref()?))),
            undervotes: published.and_then(|p| p.undervotes),
            total_ballots: published.and_then(|p| p.total_ballots),
            invalid: published.and_then(|p| p.invalid),
            rounds: l.count.rounds.iter().map(round).collect(),
            areas: c
                .areas
                .as_ref()
                .map(|areas| areas.iter().map(|a| AreaOut::of(c, a)).collect()),
            declaration_times: c.declaration_times,
        }
    }
}

/// Escape the unsafe characters serde_json leaves raw (DEL, the C1 controls, which some
/// terminals act on, and bidi overrides) as `\uXXXX`. serde_json escapes the C0 controls
/// itself; outside strings JSON has only printable ASCII, so these can only occur inside
/// strings, where the escape means the same character.
pub fn escape_unsafe(s: &str) -> String {
    let unsafe_raw = |c: char| c == '\u{7f}' || (!c.is_ascii() && crate::text::is_unsafe(c));
    if !s.chars().any(unsafe_raw) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_raw(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn several_seats_have_winners_in_order_and_no_single_winner_or_margin() {
        let l = crate::report::rctab::tests::two_seats();
        let d: Value = serde_json::from_str(&rounds(&l)).unwrap();
        assert_eq!(d["seats"], 2);
        assert_eq!(d["winners"], json!(["Harvey Curley", "Larry Edwards"]));
        assert_eq!(d["winner_ids"], json!(["harvey-curley", "larry-edwards"]));
        assert_eq!(d["winner"], Value::Null);
        assert_eq!(d["winner_id"], Value::Null);
        assert_eq!(d["margin"], Value::Null);
        assert_eq!(d["source_format"], "test");
        assert_eq!(d["contest"]["system"], "single-transferable-vote");
        let r2 = &d["rounds"][1];
        assert_eq!(r2["tally"]["Larry Edwards"], 104.8832);
        assert_eq!(r2["residual"], 0.0064);
        assert_eq!(r2["derived"], false);
        assert_eq!(r2["inactive"], Value::Null);
        assert_eq!(r2["transfers"][0]["votes"], 8.8832);
    }

    #[test]
    fn a_published_count_says_what_it_carries() {
        let l = crate::report::rctab::tests::batch();
        let d: Value = serde_json::from_str(&rounds(&l)).unwrap();
        assert_eq!(
            (d["seats"].clone(), d["winner"].clone()),
            (json!(1), json!("A"))
        );
        assert_eq!(d["winners"], json!(["A"]));
        assert_eq!(
            (d["undervotes"].clone(), d["total_ballots"].clone()),
            (json!(12), json!(33781))
        );
        assert_eq!(d["invalid"], Value::Null);
        let r2 = &d["rounds"][1];
        assert_eq!(r2["derived"], true);
        assert_eq!(r2["residual"], 0);
        assert_eq!(
            r2["inactive"],
            json!({"exhausted_choices": 1760, "overvotes": 47, "skipped_rankings": 0, "repeated_rankings": 0})
        );
        assert_eq!(d["rounds"][0]["derived"], false);
        // One seat from tally's own data: winners is the winner, nothing published.
        let london = crate::import::resolve("london-2004").unwrap();
        let d: Value = serde_json::from_str(&rounds(&london)).unwrap();
        assert_eq!(d["winners"], json!([d["winner"].clone()]));
        for field in ["source_format", "undervotes", "total_ballots", "invalid"] {
            assert_eq!(d[field], Value::Null, "{field}");
        }
        assert_eq!(d["rounds"][1]["inactive"], Value::Null);
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_escaped_and_still_valid_json() {
        let raw = serde_json::to_string(&json!({"n": "a\u{9b}2J\u{202e}b\u{7f}c"})).unwrap();
        let safe = escape_unsafe(&raw);
        assert!(!safe.chars().any(crate::text::is_unsafe), "{safe:?}");
        assert!(safe.contains("\\u007f"), "DEL is escaped: {safe:?}");
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["n"], "a\u{9b}2J\u{202e}b\u{7f}c");
    }
}
