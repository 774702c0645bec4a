//! `tally ballots FILE --compare`: the same ballots counted under every system, winners side
//! by side, and each count round by round, as text, JSON or CSV (`docs/ballots.md`). A
//! winner that a tie decided is said so, with the tie and the rule that broke it, in the
//! words of the count report (`report::text::tie_sentence`).

use std::fmt::Write as _;

use super::table::{Align, Table};
use crate::count::ballots::Prepared;
use crate::count::{Counted, Round, TieBreak, TieKind, TieRule};
use crate::model::{Votes, VotingSystem};
use crate::story::words::join_names;
use crate::text::{clean, share, thousands, wrap};

/// What was read from the file, for the summary line: the ballots counted and rejected, and
/// the lines the rejected ones were reported on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Read {
    pub valid: Votes,
    pub rejected: Votes,
    /// Lines reported as rejected (a line may carry several ballots, or none: `0 × Zoo`).
    pub rejected_lines: usize,
}

impl Read {
    pub fn of(p: &Prepared) -> Self {
        Read {
            valid: p.valid(),
            rejected: p.rejected_total(),
            rejected_lines: p.rejected.len(),
        }
    }

    /// "18 valid ballots, none rejected", "3 valid ballots, 5 rejected on 6 lines".
    fn sentence(&self) -> String {
        let plural = |n: u64, one: &str, many: &str| {
            format!("{} {}", thousands(n), if n == 1 { one } else { many })
        };
        let valid = plural(self.valid.get(), "valid ballot", "valid ballots");
        if self.rejected_lines == 0 {
            return format!("{valid}, none rejected");
        }
        format!(
            "{valid}, {} rejected on {}",
            thousands(self.rejected),
            plural(self.rejected_lines as u64, "line", "lines")
        )
    }
}

/// How a system is named inside a sentence: "first past the post", "the Supplementary Vote".
fn in_sentence(system: VotingSystem) -> String {
    match system {
        VotingSystem::SupplementaryVote => format!("the {}", system.name()),
        _ => system.name().to_lowercase(),
    }
}

/// The ties a count broke, each with its round, and whether one decided the winner: a tie
/// for first place, or a tie that sent the eventual winner through or kept them in.
fn ties(l: &Counted) -> (Vec<(usize, &TieBreak)>, bool) {
    let winner = l.count.winner();
    let ties: Vec<(usize, &TieBreak)> = l
        .count
        .rounds
        .iter()
        .flat_map(|r| r.tie_breaks.iter().map(move |t| (r.number, t)))
        .collect();
    let decided = ties.iter().any(|(_, t)| {
        t.kind == TieKind::Winner || winner.is_some_and(|w| t.preferred.contains(&w))
    });
    (ties, decided)
}

/// The ties of one count in words: "the winner was decided by a tie: …".
fn tie_paragraph(l: &Counted) -> Option<String> {
    let (ties, decided) = ties(l);
    if ties.is_empty() {
        return None;
    }
    let system = l.contest.method.system();
    let sentences: Vec<String> = ties
        .iter()
        .map(|(_, t)| {
            super::text::tie_sentence_named(&l.contest, t, t.rule.describe_for_ballots(), |n| {
                clean(n).into_owned()
            })
        })
        .collect();
    let lead = if decided {
        "the winner was decided by a tie"
    } else {
        "a tie was broken along the way, and did not decide the winner"
    };
    let rule = if ties.iter().any(|(_, t)| t.rule == TieRule::CandidateOrder) {
        " The order the options are listed in the file is its `candidates:` line, or else the order in which the names first appear."
    } else {
        ""
    };
    Some(format!(
        "Under {}, {lead}: {}{rule}",
        in_sentence(system),
        sentences.join(" ")
    ))
}

/// The comparison as text: the summary table, the verdict, the ties, and each count round
/// by round.
pub fn compare(counts: &[Counted], read: &Read) -> String {
    let mut out = String::new();
    let title = counts
        .first()
        .map(|l| clean(&l.contest.title).into_owned())
        .unwrap_or_default();
    let _ = writeln!(out, "{title}: {}\n", read.sentence());
    let mut t = Table::new(&[
        ("System", Align::Left),
        ("Winner", Align::Left),
        ("Rounds", Align::Right),
        ("Final round", Align::Left),
    ]);
    for l in counts {
        let last = l.count.last();
        let mut winner = l
            .count
            .winner()
            .map(|w| clean(&l.contest.candidates[w].name).into_owned())
            .unwrap_or_else(|| "none".into());
        if ties(l).1 {
            winner.push_str(" (by a tie)");
        }
        t.row(vec![
            l.contest.method.system().name().to_string(),
            winner,
            l.count.rounds.len().to_string(),
            tally_line(l, last),
        ]);
    }
    out.push_str(&t.render(0));
    let winners: Vec<(VotingSystem, String)> = counts
        .iter()
        .filter_map(|l| {
            l.count.winner().map(|w| {
                (
                    l.contest.method.system(),
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
        .map(|(s, w)| format!("{} elects {w}", in_sentence(*s)))
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
    for paragraph in counts.iter().filter_map(tie_paragraph) {
        out.push('\n');
        out.push_str(&wrap(&paragraph, 78, "", ""));
    }
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
fn tally_line(l: &Counted, r: &Round) -> String {
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

/// A percentage of the round's continuing votes to one decimal place, or null.
fn share_number(v: Votes, of: Votes) -> serde_json::Value {
    if of.is_zero() {
        return serde_json::Value::Null;
    }
    let pct = (v.get() as f64) * 100.0 / (of.get() as f64);
    serde_json::json!((pct * 10.0).round() / 10.0)
}

fn tie_kind(k: TieKind) -> &'static str {
    match k {
        TieKind::SecondPlace => "second-place",
        TieKind::Elimination => "elimination",
        TieKind::Winner => "winner",
    }
}

fn tie_rule(r: TieRule) -> &'static str {
    match r {
        TieRule::TieBreakOrder => "tie-break-order",
        TieRule::CandidateOrder => "candidate-order",
        TieRule::AsCounted => "as-counted",
    }
}

/// The comparison as JSON (`docs/ballots.md`): the ballots read and rejected (each rejected
/// line with its reason), then each system's winner, ties and rounds.
pub fn compare_json(counts: &[Counted], p: &Prepared) -> String {
    use serde_json::{Value, json};
    let read = Read::of(p);
    // Raw names: serde_json escapes them (`\u001b`), and `escape_unsafe` what it leaves.
    let name = |l: &Counted, i: usize| l.contest.candidates[i].name.clone();
    let systems: Vec<Value> = counts
        .iter()
        .map(|l| {
            let (ties, decided) = ties(l);
            let winner = l.count.winner();
            json!({
                "system": l.contest.method.system().slug(),
                "name": l.contest.method.system().name(),
                "winner": winner.map(|w| name(l, w)),
                "winner_id": winner.map(|w| l.contest.candidates[w].id.clone()),
                "decided_by_tie": decided,
                "ties": ties.iter().map(|(round, t)| json!({
                    "round": round,
                    "kind": tie_kind(t.kind),
                    "tied": t.tied.iter().map(|&i| name(l, i)).collect::<Vec<_>>(),
                    "preferred": t.preferred.iter().map(|&i| name(l, i)).collect::<Vec<_>>(),
                    "votes": t.votes.get(),
                    "rule": tie_rule(t.rule),
                    "explanation": super::text::tie_sentence_named(&l.contest, t, t.rule.describe_for_ballots(), str::to_string),
                })).collect::<Vec<_>>(),
                "rounds": l.count.rounds.iter().map(|r| json!({
                    "round": r.number,
                    "tally": r.standings().into_iter().map(|(i, v)| json!({
                        "id": l.contest.candidates[i].id,
                        "name": name(l, i),
                        "votes": v.get(),
                        "share": share_number(v, r.continuing),
                    })).collect::<Vec<_>>(),
                    "exhausted": r.exhausted.get(),
                    "eliminated": r.eliminated.iter().map(|&i| name(l, i)).collect::<Vec<_>>(),
                    "elected": r.elected.iter().map(|&i| name(l, i)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = json!({
        "title": counts.first().map(|l| l.contest.title.clone()),
        "valid_ballots": read.valid.get(),
        "rejected_ballots": read.rejected.get(),
        "rejected_lines": p.rejected.iter().map(|r| json!({
            "line": r.line,
            "ballots": r.count.get(),
            "reason": r.reason,
        })).collect::<Vec<_>>(),
        "same_winner": counts.iter().map(|l| l.count.winner().map(|w| name(l, w))).collect::<std::collections::HashSet<_>>().len() <= 1,
        "systems": systems,
    });
    match serde_json::to_string_pretty(&doc) {
        Ok(text) => super::json::escape_unsafe(&text) + "\n",
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// The comparison as CSV: one row per candidate (and the exhausted pile) per round per
/// system. Columns `system, winner, decided_by_tie, round, kind, name, votes, share,
/// status`; `kind` is `candidate` or `exhausted` (named as the method calls it:
/// `Non-transferable`, `Exhausted`); `share` is the percent of the round's continuing votes
/// to two decimals, as in the rounds CSV. Text cells are safe in a spreadsheet (`report::csv::cell`).
pub fn compare_csv(counts: &[Counted]) -> String {
    use super::csv::cell;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![
        [
            "system",
            "winner",
            "decided_by_tie",
            "round",
            "kind",
            "name",
            "votes",
            "share",
            "status",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for l in counts {
        let system = l.contest.method.system().slug().to_string();
        let winner = l
            .count
            .winner()
            .map(|i| cell(&l.contest.candidates[i].name))
            .unwrap_or_default();
        let decided = ties(l).1.to_string();
        for r in &l.count.rounds {
            let lead = |kind: &str| {
                vec![
                    system.clone(),
                    winner.clone(),
                    decided.clone(),
                    r.number.to_string(),
                    kind.to_string(),
                ]
            };
            for (i, v) in r.standings() {
                let status = super::csv::status(r, i);
                let mut row = lead("candidate");
                row.extend([
                    cell(&l.contest.candidates[i].name),
                    v.get().to_string(),
                    v.percent_of(r.continuing)
                        .map(|p| format!("{p:.2}"))
                        .unwrap_or_default(),
                    status.to_string(),
                ]);
                rows.push(row);
            }
            if r.number > 1 || !r.exhausted.is_zero() {
                let mut row = lead("exhausted");
                row.extend([
                    l.contest.method.words().exhausted.to_string(),
                    r.exhausted.get().to_string(),
                    String::new(),
                    String::new(),
                ]);
                rows.push(row);
            }
        }
    }
    for row in rows {
        let _ = w.write_record(&row);
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::ballots::{About, Rules, prepare};
    use crate::import::ballots_text::parse;

    fn counted(text: &str) -> (Vec<Counted>, Prepared) {
        let p = prepare(&parse(text).unwrap(), &Rules::CLASS);
        let about = About {
            title: "Trip".into(),
            source: "trip.csv".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        };
        (p.count_each(&VotingSystem::ALL, &about).unwrap(), p)
    }

    const TIE: &str = "candidates: Museum, Zoo, Beach, Castle\n6 × Museum, Beach\n5 × Zoo, Beach\n2 × Beach, Museum\n3 × Beach, Zoo\n4 × Castle, Beach\n";

    #[test]
    fn a_winner_decided_by_a_tie_is_said_so_with_the_rule() {
        let (counts, p) = counted(TIE);
        let text = compare(&counts, &Read::of(&p));
        assert!(text.contains("Museum (by a tie)"), "{text}");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Under the Supplementary Vote, the winner was decided by a tie: Zoo and Beach tied for second place on 5 votes; Zoo goes through, by the order the options are listed in the file"),
            "{flat}"
        );
        assert!(
            flat.contains("Museum and Zoo tied for first place on 8 votes; Museum wins, by the order the options are listed in the file"),
            "{flat}"
        );
        let json: serde_json::Value = serde_json::from_str(&compare_json(&counts, &p)).unwrap();
        let sv = &json["systems"][1];
        assert_eq!(sv["system"], "supplementary-vote");
        assert_eq!(sv["decided_by_tie"], true);
        assert_eq!(sv["ties"][1]["kind"], "winner");
        assert_eq!(sv["ties"][1]["rule"], "candidate-order");
        assert_eq!(json["systems"][0]["decided_by_tie"], false);
        assert_eq!(json["same_winner"], false);
    }

    #[test]
    fn the_summary_counts_rejected_ballots_and_the_lines_reported() {
        let (counts, p) = counted("candidates: A, B\n3 × A, A\n0 × B\nB\n");
        assert_eq!(p.rejected.len(), 2);
        let text = compare(&counts, &Read::of(&p));
        assert!(
            text.starts_with("Trip: 1 valid ballot, 3 rejected on 2 lines\n"),
            "{text}"
        );
        let csv = compare_csv(&counts);
        assert!(csv.starts_with("system,winner,decided_by_tie,round,kind,name,votes,share,status\nfirst-past-the-post,B,false,1,candidate,B,1,100.00,elected\n"), "{csv}");
    }
}
