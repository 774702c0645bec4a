//! `tally ballots FILE --compare`: the same ballots counted under every system, winners side
//! by side, and each count round by round.

use std::fmt::Write as _;

use super::table::{Align, Table};
use crate::count::Counted;
use crate::model::Votes;
use crate::story::words::join_names;
use crate::text::{clean, share, thousands, wrap};

pub fn compare(counts: &[Counted], valid: Votes, rejected: Votes) -> String {
    let mut out = String::new();
    let title = counts
        .first()
        .map(|l| clean(&l.contest.title).into_owned())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{title}: {} valid ballots, {} rejected\n",
        thousands(valid),
        thousands(rejected)
    );
    let mut t = Table::new(&[
        ("System", Align::Left),
        ("Winner", Align::Left),
        ("Rounds", Align::Right),
        ("Final round", Align::Left),
    ]);
    for l in counts {
        let last = l.count.last();
        let winner = l
            .count
            .winner()
            .map(|w| clean(&l.contest.candidates[w].name).into_owned())
            .unwrap_or_else(|| "none".into());
        t.row(vec![
            l.contest.method.system().name().to_string(),
            winner,
            l.count.rounds.len().to_string(),
            tally_line(l, last),
        ]);
    }
    out.push_str(&t.render(0));
    let winners: Vec<(String, String)> = counts
        .iter()
        .filter_map(|l| {
            l.count.winner().map(|w| {
                (
                    l.contest.method.system().name().to_string(),
                    clean(&l.contest.candidates[w].name).into_owned(),
                )
            })
        })
        .collect();
    let distinct = {
        let mut names: Vec<&String> = winners.iter().map(|(_, w)| w).collect();
        names.sort();
        names.dedup();
        names.len()
    };
    out.push('\n');
    let parts: Vec<String> = winners
        .iter()
        .map(|(s, w)| format!("{} elects {w}", s.to_lowercase()))
        .collect();
    let verdict = match distinct {
        0 => "Nobody is elected under any system: there are no valid votes.".to_string(),
        1 => format!(
            "Every system elects the same candidate: {}.",
            join_names(&parts)
        ),
        d => format!(
            "The system changes the winner ({d} different winners from the same ballots): {}.",
            join_names(&parts)
        ),
    };
    out.push_str(&wrap(&verdict, 78, "", ""));
    for l in counts {
        let _ = writeln!(out, "\n{}", l.contest.method.system().name());
        for r in &l.count.rounds {
            let mut line = format!("Round {}: {}", r.number, tally_line(l, r));
            if !r.eliminated.is_empty() {
                let names: Vec<String> = r
                    .eliminated
                    .iter()
                    .map(|&i| clean(&l.contest.candidates[i].name).into_owned())
                    .collect();
                let _ = write!(line, ". Eliminated: {}", join_names(&names));
            }
            if let Some(&w) = r.elected.first() {
                let _ = write!(line, ". Elected: {}", clean(&l.contest.candidates[w].name));
            }
            line.push('.');
            out.push_str(&wrap(&line, 78, "  ", "    "));
        }
    }
    out
}

/// "Zoo 21 (70.0%), Museum 9 (30.0%); exhausted 0"
fn tally_line(l: &Counted, r: &crate::count::Round) -> String {
    let parts: Vec<String> = r
        .standings()
        .into_iter()
        .map(|(i, v)| {
            let pct = share(v, r.continuing)
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            format!(
                "{} {}{pct}",
                clean(&l.contest.candidates[i].name),
                thousands(v)
            )
        })
        .collect();
    let mut s = parts.join(", ");
    if r.number > 1 {
        let _ = write!(
            s,
            "; {} {}",
            l.contest.method.words().exhausted.to_lowercase(),
            thousands(r.exhausted)
        );
    }
    s
}
