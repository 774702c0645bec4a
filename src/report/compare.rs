//! `tally compare`: turnout, winner, margin and each party's share across contests.
//!
//! Unknown figures are printed as "unknown"; a turnout published on another basis than
//! ballot papers says so, because 38.1% of valid votes and 38.8% of ballot papers are not
//! the same measure. A party that did not stand is "–", which is not the same as 0%.

use std::fmt::Write as _;

use super::table::{Align, Table};
use crate::count::Counted;
use crate::story::summary;
use crate::text::{clean, percent, signed_points, thousands};

pub fn compare(contests: &[Counted]) -> String {
    let mut out = String::new();
    out.push_str(&overview(contests));
    out.push('\n');
    out.push_str(&shares(contests));
    out
}

fn overview(contests: &[Counted]) -> String {
    let mut t = Table::new(&[
        ("Contest", Align::Left),
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
        let (winner, party) = match summary::winner(l) {
            Some(w) => (clean(&w.name).into_owned(), clean(&w.party).into_owned()),
            None => ("undecided".into(), String::new()),
        };
        let margin = l
            .count
            .margin()
            .map(thousands)
            .unwrap_or_else(|| "unknown".into());
        t.row(vec![
            clean(&c.id).into_owned(),
            c.electorate
                .map(|e| thousands(e.get()))
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
    out
}

fn shares(contests: &[Counted]) -> String {
    let table = summary::party_table(contests);
    let headings = summary::headings(contests);
    let mut columns: Vec<(&str, Align)> = vec![("Party", Align::Left)];
    columns.extend(headings.iter().map(|h| (h.as_str(), Align::Right)));
    let mut t = Table::new(&columns);
    t.max_left = Some(30);

    let cell = |i: usize, value: Option<f64>, prev: Option<f64>| match value {
        None => "\u{2013}".to_string(),
        Some(v) => match (i, prev) {
            (0, _) | (_, None) => percent(v),
            (_, Some(p)) => format!("{} {}", percent(v), signed_points(v - p)),
        },
    };
    for row in &table {
        let values = &row.values;
        let mut cells = vec![row.label()];
        for (i, v) in values.iter().enumerate() {
            cells.push(cell(i, *v, if i > 0 { values[i - 1] } else { None }));
        }
        t.row(cells);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "First-preference share by party, with the change in points from the previous contest"
    );
    out.push_str(&t.render(2));
    out.push_str("  \u{2013} = did not stand. Shares are of valid first preferences (of valid votes under first past the post).\n");
    out
}
