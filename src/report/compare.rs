//! `tally compare`: turnout, winner, margin and each party's share across contests, as text,
//! JSON (`docs/compare-json.md`) or CSV.
//!
//! The contests are put in date order whatever order they were named in, so every change is
//! "since the previous contest in time", and the output says so. Parties are compared by
//! their stable id (`story::summary::party_table`): one row per party however its label
//! changed, one row per independent with no change. Unknown figures are printed as
//! "unknown" (JSON `null`, CSV empty); a turnout published on another basis than ballot
//! papers says so, because 38.1% of valid votes and 38.8% of ballot papers are not the same
//! measure. A party that did not stand is "–", which is not the same as 0%.

use std::fmt::Write as _;

use serde::Serialize;

use super::Format;
use super::csv::cell;
use super::json::{CandidateOut, TurnoutOut};
use super::table::{Align, Table};
use crate::count::Counted;
use crate::model::{Votes, VotingSystem};
use crate::story::summary::{self, PartyRow, RowKind};
use crate::story::words::join_names;
use crate::text::{clean, percent, signed_points, thousands};

/// The schema version of the JSON output.
pub const SCHEMA: u32 = 1;

/// The contests in date order (the order given among contests on the same day), and
/// whether that differs from the order given.
fn in_date_order(contests: &[Counted]) -> (Vec<&Counted>, bool) {
    let mut sorted: Vec<&Counted> = contests.iter().collect();
    // Undated contests (published counts often give no date) after the dated ones.
    sorted.sort_by_key(|l| (l.contest.date.is_none(), l.contest.date));
    let reordered = sorted
        .iter()
        .zip(contests)
        .any(|(a, b)| !std::ptr::eq(*a, b));
    (sorted, reordered)
}

/// The comparison in `format`. A text table cuts long party labels only when `cut_labels`
/// (stdout is a terminal, whose width is limited); into a pipe or file, labels are whole.
pub fn compare(contests: &[Counted], format: Format, cut_labels: bool) -> String {
    let (contests, reordered) = in_date_order(contests);
    match format {
        Format::Text => text(&contests, reordered, cut_labels),
        Format::Json => json(&contests, reordered),
        Format::Csv => csv(&contests),
    }
}

fn text(contests: &[&Counted], reordered: bool, cut_labels: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} contest{} in date order{}; each change is since the previous contest in time.\n",
        contests.len(),
        if contests.len() == 1 { "" } else { "s" },
        if reordered {
            " (not the order given)"
        } else {
            ""
        }
    );
    out.push_str(&overview(contests));
    out.push('\n');
    out.push_str(&shares(contests, cut_labels));
    out
}

fn overview(contests: &[&Counted]) -> String {
    let mut t = Table::new(&[
        ("Contest", Align::Left),
        ("Date", Align::Left),
        ("Electorate", Align::Right),
        ("Turnout", Align::Right),
        ("(of)", Align::Left),
        ("Winner", Align::Left),
        ("Party", Align::Left),
        ("Final margin", Align::Right),
    ]);
    t.max_left = Some(28);
    for l in contests {
        let c = &l.contest;
        let (turnout, basis) = match summary::turnout(c) {
            Some(t) => (t.display(), t.basis_label().to_string()),
            None => ("unknown".to_string(), String::new()),
        };
        let imported = crate::story::published::published(c).is_some();
        let (winner, party) = match summary::winner(l) {
            // Several seats: everyone elected, in order.
            Some(_) if l.count.elected().len() > 1 => {
                let names: Vec<String> = l
                    .count
                    .elected()
                    .iter()
                    .map(|&i| crate::story::words::surname(&c.candidates[i].name))
                    .collect();
                (join_names(&names), String::new())
            }
            // An imported count's file names no parties.
            Some(w) if imported && w.party.is_empty() => {
                (clean(&w.name).into_owned(), "unknown".into())
            }
            Some(w) => (clean(&w.name).into_owned(), clean(&w.party).into_owned()),
            None if l.count.outcome == crate::count::Outcome::NoVotes => {
                ("no votes yet".into(), String::new())
            }
            None => ("undecided".into(), String::new()),
        };
        // Several seats have no one margin: each was won at the quota.
        let margin = if l.count.elected().len() > 1 {
            "\u{2013}".to_string()
        } else {
            l.count
                .margin()
                .map(thousands)
                .unwrap_or_else(|| "unknown".into())
        };
        t.row(vec![
            clean(&c.id).into_owned(),
            crate::story::words::short_date(c),
            c.electorate
                .map(thousands)
                .unwrap_or_else(|| "unknown".into()),
            turnout,
            basis,
            winner,
            party,
            margin,
        ]);
    }
    let mut out = String::from("Turnout, winner and margin (in the final round)\n");
    out.push_str(&t.render(2));
    out.push('\n');
    out.push_str(&counts(contests));
    out
}

/// How each count went, comparable across systems and sources: seats, rounds, and the
/// ballots exhausted (or non-transferable) by the final round as a share of the valid first
/// preferences.
fn counts(contests: &[&Counted]) -> String {
    let mut t = Table::new(&[
        ("Contest", Align::Left),
        ("System", Align::Left),
        ("Seats", Align::Right),
        ("Rounds", Align::Right),
        ("Exhausted", Align::Right),
        ("(of valid)", Align::Right),
        ("Counted by", Align::Left),
    ]);
    t.max_left = Some(28);
    for l in contests {
        let c = &l.contest;
        let last = l.count.last();
        let from = match crate::story::published::published(c) {
            Some(p) if p.tabulation.is_some() => "tally (RCTab rules)".to_string(),
            Some(p) => clean(&p.format).into_owned(),
            None => "tally".to_string(),
        };
        t.row(vec![
            clean(&c.id).into_owned(),
            c.method.system().name().to_string(),
            c.seats.max(1).to_string(),
            l.count.rounds.len().to_string(),
            thousands(last.exhausted),
            crate::text::share(last.exhausted, l.count.valid).unwrap_or_else(|| "–".into()),
            from,
        ]);
    }
    let mut out =
        String::from("The counts: seats, rounds and ballots exhausted by the final round\n");
    out.push_str(&t.render(2));
    out
}

fn shares(contests: &[&Counted], cut_labels: bool) -> String {
    let table = summary::party_table(contests.iter().copied());
    let headings = summary::headings(contests.iter().copied());
    let mut columns: Vec<(&str, Align)> = vec![("Party", Align::Left)];
    columns.extend(headings.iter().map(|h| (h.as_str(), Align::Right)));
    let mut t = Table::new(&columns);
    t.max_left = cut_labels.then_some(38);

    for row in &table {
        let mut cells = vec![row.label()];
        for (i, v) in row.values.iter().enumerate() {
            cells.push(match (v, row.change(i)) {
                (None, _) if !summary::names_parties(contests[i]) => "unknown".to_string(),
                (None, _) => "\u{2013}".to_string(),
                (Some(v), None) => percent(*v),
                (Some(v), Some(change)) => format!("{} {}", percent(*v), signed_points(change)),
            });
        }
        t.row(cells);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "First-preference share by party, with the change in points since the previous contest"
    );
    out.push_str(&t.render(2));
    out.push_str("  \u{2013} = did not stand. Shares are of valid first preferences (of valid votes under first past the post).\n");
    out.push_str("  A party is one row however its name changed (under its latest name); each independent is\n  their own row; only parties have a change.\n");
    out
}

/// The JSON output, field for field as `docs/compare-json.md` documents it.
#[derive(Serialize)]
struct Output<'a> {
    schema: u32,
    order: &'static str,
    reordered: bool,
    share_basis: &'static str,
    contests: Vec<ContestOut<'a>>,
    parties: Vec<PartyOut<'a>>,
}

#[derive(Serialize)]
struct ContestOut<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<chrono::NaiveDate>,
    system: VotingSystem,
    electorate: Option<Votes>,
    ballot_papers: Option<Votes>,
    valid_first_preferences: Votes,
    turnout: Option<TurnoutOut>,
    winner: Option<CandidateOut<'a>>,
    margin: Option<Votes>,
    seats: u32,
    /// Everyone elected, in order of election (the winner alone for one seat).
    elected: Vec<&'a str>,
    rounds: usize,
    /// Ballots exhausted (or non-transferable) by the final round.
    exhausted: Votes,
}

#[derive(Serialize)]
struct PartyOut<'a> {
    kind: &'static str,
    id: Option<&'a str>,
    name: String,
    candidate: Option<&'a str>,
    folded: Option<Folded>,
    results: Vec<ResultOut<'a>>,
}

#[derive(Serialize)]
struct Folded {
    parties: usize,
    independents: usize,
}

#[derive(Serialize)]
struct ResultOut<'a> {
    contest: &'a str,
    votes: Option<Votes>,
    share: Option<f64>,
    change: Option<f64>,
}

/// What a row is, as the JSON and CSV name it.
fn kind(row: &PartyRow) -> &'static str {
    match row.kind {
        RowKind::Party { .. } => "party",
        RowKind::Independent { .. } => "independent",
        RowKind::Others { .. } => "others",
    }
}

fn json(contests: &[&Counted], reordered: bool) -> String {
    let table = summary::party_table(contests.iter().copied());
    let output = Output {
        schema: SCHEMA,
        order: "date",
        reordered,
        share_basis: "valid-first-preferences",
        contests: contests
            .iter()
            .map(|l| {
                let c = &l.contest;
                ContestOut {
                    id: &c.id,
                    title: &c.title,
                    date: c.date,
                    system: c.method.system(),
                    electorate: c.electorate,
                    ballot_papers: c.ballot_papers,
                    valid_first_preferences: l.count.valid,
                    turnout: TurnoutOut::of(c),
                    winner: summary::winner(l).map(CandidateOut::of),
                    // Several seats have no one margin.
                    margin: l.count.margin().filter(|_| l.count.elected().len() < 2),
                    seats: c.seats.max(1),
                    elected: l
                        .count
                        .elected()
                        .iter()
                        .map(|&i| c.candidates[i].id.as_str())
                        .collect(),
                    rounds: l.count.rounds.len(),
                    exhausted: l.count.last().exhausted,
                }
            })
            .collect(),
        parties: table
            .iter()
            .map(|row| PartyOut {
                kind: kind(row),
                id: row.id(),
                name: match &row.kind {
                    RowKind::Others { .. } => row.label(),
                    _ => row.party.clone(),
                },
                candidate: match &row.kind {
                    RowKind::Independent { candidate } => Some(candidate),
                    _ => None,
                },
                folded: match row.kind {
                    RowKind::Others {
                        parties,
                        independents,
                    } => Some(Folded {
                        parties,
                        independents,
                    }),
                    _ => None,
                },
                results: contests
                    .iter()
                    .enumerate()
                    .map(|(i, l)| ResultOut {
                        contest: &l.contest.id,
                        votes: row.votes[i],
                        share: row.values[i],
                        change: row.change(i),
                    })
                    .collect(),
            })
            .collect(),
    };
    super::json::print(&output)
}

/// One row per contest (`kind` `contest`: its figures), then one per party per contest it
/// stood in (`party`, `independent` or `others`: votes, share, change). See
/// `docs/compare-json.md`.
fn csv(contests: &[&Counted]) -> String {
    let table = summary::party_table(contests.iter().copied());
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "kind",
        "contest",
        "date",
        "party_id",
        "name",
        "votes",
        "share_of_valid_first_preferences",
        "change_in_points",
        "electorate",
        "ballot_papers",
        "turnout",
        "turnout_basis",
        "turnout_approximate",
        "winner",
        "winner_party_id",
        "margin",
    ]);
    let number = |v: Option<Votes>| v.map(|v| v.plain()).unwrap_or_default();
    for l in contests {
        let c = &l.contest;
        let turnout = summary::turnout(c);
        let winner = summary::winner(l);
        let _ = w.write_record([
            "contest".to_string(),
            cell(&c.id),
            c.date.map(|d| d.to_string()).unwrap_or_default(),
            String::new(),
            cell(&c.title),
            l.count.valid.plain(),
            String::new(),
            String::new(),
            number(c.electorate),
            number(c.ballot_papers),
            turnout
                .map(|t| match t.computed {
                    true => format!("{:.2}", t.percent),
                    false => t.percent.to_string(),
                })
                .unwrap_or_default(),
            turnout
                .map(|t| t.basis_label().to_string())
                .unwrap_or_default(),
            turnout
                .map(|t| t.approximate.to_string())
                .unwrap_or_default(),
            winner.map(|w| cell(&w.name)).unwrap_or_default(),
            winner
                .and_then(|w| w.party_id.as_deref())
                .map(cell)
                .unwrap_or_default(),
            number(l.count.margin()),
        ]);
    }
    for row in &table {
        let name = match &row.kind {
            RowKind::Independent { candidate } => candidate.clone(),
            RowKind::Others { .. } => row.label(),
            RowKind::Party { .. } => row.party.clone(),
        };
        for (i, l) in contests.iter().enumerate() {
            let Some(share) = row.values[i] else {
                continue;
            };
            let _ = w.write_record([
                kind(row).to_string(),
                cell(&l.contest.id),
                l.contest.date.map(|d| d.to_string()).unwrap_or_default(),
                row.id().map(cell).unwrap_or_default(),
                cell(&name),
                number(row.votes[i]),
                format!("{share:.2}"),
                row.change(i).map(|c| format!("{c:.2}")).unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(ids: &[&str]) -> Vec<Counted> {
        ids.iter()
            .map(|id| crate::import::embedded::get(id).unwrap().load().unwrap())
            .collect()
    }

    #[test]
    fn contests_are_compared_in_date_order_whatever_the_order_given() {
        let given = load(&["london-2012", "london-2004", "london-2008"]);
        let sorted = load(&["london-2004", "london-2008", "london-2012"]);
        let text = compare(&given, Format::Text, true);
        assert!(
            text.starts_with("3 contests in date order (not the order given); each change is since the previous contest in time."),
            "{text}"
        );
        // The same tables as when named in order.
        let (a, b) = (compare(&sorted, Format::Text, true), text);
        assert_eq!(
            a.lines().skip(1).collect::<Vec<_>>(),
            b.lines().skip(1).collect::<Vec<_>>()
        );
        let json: serde_json::Value =
            serde_json::from_str(&compare(&given, Format::Json, true)).unwrap();
        assert_eq!(json["reordered"], true);
        let ids: Vec<&str> = json["contests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["london-2004", "london-2008", "london-2012"]);
    }

    #[test]
    fn changes_are_between_the_same_party_in_consecutive_contests() {
        let all = crate::import::load_all().unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&compare(&all, Format::Json, true)).unwrap();
        let row = |id: &str| {
            json["parties"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["id"] == id)
                .unwrap_or_else(|| panic!("no {id}"))
                .clone()
        };
        // London Real (2021) and London Real Party (2024) are one party: 2024 has a change.
        let real = row("london-real");
        let results = real["results"].as_array().unwrap();
        let share = |i: usize| results[i]["share"].as_f64();
        assert_eq!(share(4), None, "did not stand in 2016");
        let change = results[6]["change"].as_f64().unwrap();
        assert!((change - (share(6).unwrap() - share(5).unwrap())).abs() < 1e-9);
        // Every independent stood once and has no change.
        for p in json["parties"].as_array().unwrap() {
            if p["kind"] == "independent" {
                let stood: Vec<&serde_json::Value> = p["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|r| !r["share"].is_null())
                    .collect();
                assert_eq!(stood.len(), 1, "{p}");
                assert!(stood[0]["change"].is_null(), "{p}");
                assert!(p["id"].is_null());
            }
        }
    }
}
