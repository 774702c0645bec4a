//! The Elections view's results: per contest its winner, party, final-round margin and
//! voting system.

use super::{Ctx, GAP, MARKS_W, Row, piece};
use crate::story::summary;
use crate::text::{clean, fit, right, thousands, width};

/// Winner, party, final-round margin and voting system per contest.
pub(super) fn winner_rows(ctx: &Ctx) -> Vec<Row> {
    let app = ctx.app;
    let pal = &ctx.pal;
    let facts: Vec<(String, String, String, String)> = app
        .contests()
        .iter()
        .map(|l| {
            let imported = crate::story::published::published(&l.contest).is_some();
            let elected = l.count.elected();
            let (name, party) = match summary::winner(l) {
                // Several seats: everyone elected, by surname, in order.
                Some(_) if elected.len() > 1 => {
                    let names: Vec<String> = elected
                        .iter()
                        .map(|&i| crate::story::words::surname(&l.contest.candidates[i].name))
                        .collect();
                    // Their parties as the single seat's column has them: "unknown" when
                    // an imported file names none.
                    let mut parties: Vec<String> = Vec::new();
                    for &i in elected.iter() {
                        let p = clean(&l.contest.candidates[i].party).into_owned();
                        if !p.is_empty() && !parties.contains(&p) {
                            parties.push(p);
                        }
                    }
                    let party = if parties.is_empty() && imported {
                        "unknown".to_string()
                    } else {
                        parties.join(", ")
                    };
                    (names.join(", "), party)
                }
                // An imported count's file names no parties.
                Some(w) if imported && w.party.is_empty() => {
                    (clean(&w.name).into_owned(), "unknown".to_string())
                }
                Some(w) => (clean(&w.name).into_owned(), clean(&w.party).into_owned()),
                None if l.count.outcome == crate::count::Outcome::NoVotes => {
                    ("no votes yet".to_string(), String::new())
                }
                None => ("undecided".to_string(), String::new()),
            };
            // Several seats have no one margin: each was won at the quota.
            let margin = if elected.len() > 1 {
                "–".to_string()
            } else {
                l.count
                    .margin()
                    .map_or_else(|| "unknown".to_string(), thousands)
            };
            let mut system = l.contest.method.system().name().to_string();
            if l.count.partial {
                system.push_str(" · partial");
            }
            if imported {
                // What can be compared with any count: its rounds and what was exhausted.
                let last = l.count.last();
                let rounds = l.count.rounds.len();
                system.push_str(&format!(
                    " · {rounds} round{}",
                    if rounds == 1 { "" } else { "s" }
                ));
                if let Some(s) = crate::text::share(last.exhausted, l.count.valid) {
                    system.push_str(&format!(" · {s} exhausted"));
                }
            }
            (name, party, margin, system)
        })
        .collect();
    let widest = |f: fn(&(String, String, String, String)) -> &String, min: usize| {
        facts
            .iter()
            .map(|x| width(f(x)))
            .max()
            .unwrap_or(0)
            .max(min) as u16
    };
    let mut name_w = widest(|f| &f.0, 6).min(24);
    let mut party_w = widest(|f| &f.1, 5).min(20);
    let margin_w = widest(|f| &f.2, 12);
    let mut system_w = widest(|f| &f.3, 6);

    let name_x = MARKS_W + ctx.head_w + 1;
    let total = |name_w: u16, party_w: u16, system_w: u16| {
        name_x + name_w + GAP + party_w + GAP + margin_w + GAP + system_w
    };
    if total(name_w, party_w, system_w) > ctx.width {
        system_w = 0;
    }
    let excess = total(name_w, party_w, system_w).saturating_sub(ctx.width);
    let cut = excess.min(party_w.saturating_sub(6));
    party_w -= cut;
    name_w -= (excess - cut).min(name_w.saturating_sub(6));
    let party_x = name_x + name_w + GAP;
    let margin_x = party_x + party_w + GAP;
    let system_x = margin_x + margin_w + GAP;

    let mut head = vec![
        piece(0, "Result", pal.title()),
        piece(name_x, "Winner", pal.title()),
        piece(party_x, "Party", pal.title()),
        piece(
            margin_x,
            right("Final margin", margin_w as usize),
            pal.title(),
        ),
    ];
    if system_w > 0 {
        head.push(piece(system_x, "System", pal.title()));
    }
    let mut rows = vec![head];
    for (i, (name, party, margin, system)) in facts.iter().enumerate() {
        let style = ctx.row_style(i);
        let mut row = ctx.contest_label(i);
        row.push(piece(name_x, fit(name, name_w as usize), style));
        row.push(piece(party_x, fit(party, party_w as usize), style));
        row.push(piece(margin_x, right(margin, margin_w as usize), style));
        if system_w > 0 {
            row.push(piece(system_x, system.clone(), style));
        }
        rows.push(row);
    }
    rows
}
