//! `tally list`: the embedded contests, one line each, as text, JSON or CSV
//! (`docs/compare-json.md`), in date order.

use serde::Serialize;

use super::Format;
use super::csv::cell;
use super::json::CandidateOut;
use super::table::{Align, Table};
use crate::count::Counted;
use crate::model::Votes;
use crate::story::summary;
use crate::text::clean;

/// The schema version of the JSON output.
pub const SCHEMA: u32 = 1;

pub fn list(contests: &[Counted], format: Format) -> String {
    let mut contests: Vec<&Counted> = contests.iter().collect();
    // Undated contests (imported counts that give no date) last.
    contests.sort_by_key(|l| (l.contest.date.is_none(), l.contest.date));
    match format {
        Format::Text => text(&contests),
        Format::Json => json(&contests),
        Format::Csv => csv(&contests),
    }
}

fn text(contests: &[&Counted]) -> String {
    let mut t = Table::new(&[
        ("ID", Align::Left),
        ("TITLE", Align::Left),
        ("DATE", Align::Left),
        ("SYSTEM", Align::Left),
        ("WINNER", Align::Left),
    ]);
    for l in contests {
        let c = &l.contest;
        let winner = match summary::winner(l) {
            Some(w) => format!("{} ({})", clean(&w.name), clean(&w.party)),
            None => "undecided".to_string(),
        };
        t.row(vec![
            clean(&c.id).into_owned(),
            clean(&c.title).into_owned(),
            crate::story::words::short_date(c),
            c.method.system().name().into(),
            winner,
        ]);
    }
    t.render(0)
}

#[derive(Serialize)]
struct Output<'a> {
    schema: u32,
    contests: Vec<ContestOut<'a>>,
}

#[derive(Serialize)]
struct ContestOut<'a> {
    #[serde(flatten)]
    contest: super::json::ContestOut<'a>,
    candidates: usize,
    areas: Option<usize>,
    valid_first_preferences: Votes,
    winner: Option<CandidateOut<'a>>,
    margin: Option<Votes>,
}

fn json(contests: &[&Counted]) -> String {
    super::json::print(&Output {
        schema: SCHEMA,
        contests: contests
            .iter()
            .map(|l| {
                let c = &l.contest;
                ContestOut {
                    contest: super::json::ContestOut::of(c),
                    candidates: c.candidates.len(),
                    areas: c.areas.as_ref().map(Vec::len),
                    valid_first_preferences: l.count.valid,
                    winner: summary::winner(l).map(CandidateOut::of),
                    margin: l.count.margin(),
                }
            })
            .collect(),
    })
}

fn csv(contests: &[&Counted]) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "id",
        "title",
        "date",
        "system",
        "winner_id",
        "winner",
        "winner_party",
        "winner_party_id",
        "margin",
    ]);
    for l in contests {
        let c = &l.contest;
        let winner = summary::winner(l);
        let text = |f: fn(&crate::model::Candidate) -> Option<&str>| {
            winner.and_then(f).map(cell).unwrap_or_default()
        };
        let _ = w.write_record([
            cell(&c.id),
            cell(&c.title),
            c.date.map(|d| d.to_string()).unwrap_or_default(),
            c.method.system().slug().to_string(),
            text(|w| Some(&w.id)),
            text(|w| Some(&w.name)),
            text(|w| Some(&w.party)),
            text(|w| w.party_id.as_deref()),
            l.count.margin().map(|m| m.plain()).unwrap_or_default(),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
