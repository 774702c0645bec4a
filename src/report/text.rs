//! The count as a readable text table, round by round: what `tally rounds` prints.

use std::fmt::Write as _;

use super::table::{Align, Table};
use crate::count::Counted;
use crate::count::{Destination, Round, TieBreak, TieKind};
use crate::model::{ResultStatus, Votes, VotingSystem};
use crate::story::words::{how_many, join_names, long_date, result_line, round_title};
use crate::story::{published, summary};
use crate::text::{clean, share, signed_change, thousands, wrap};

/// Sentences are wrapped to this many columns; tables are as wide as they need to be.
const WIDTH: usize = 78;

/// The whole count: header, each round, the result, and the data's sources and notes.
pub fn rounds(l: &Counted) -> String {
    let mut out = header(l);
    for round in &l.count.rounds {
        out.push('\n');
        out.push_str(&round_section(l, round));
    }
    out.push('\n');
    out.push_str(&wrap(&result_line(l), WIDTH, "", ""));
    out.push_str(&sources_and_notes(l));
    out
}

fn header(l: &Counted) -> String {
    let c = &l.contest;
    let mut out = String::new();
    let _ = writeln!(out, "{}", clean(&c.title));
    let status = match c.status {
        Some(ResultStatus::Provisional) => " · PROVISIONAL",
        Some(ResultStatus::Final) => " · final",
        None => "",
    };
    let area = if c.area.trim().is_empty() {
        String::new()
    } else {
        format!("{} · ", clean(&c.area))
    };
    let _ = writeln!(
        out,
        "{area}{} · {}{status}",
        long_date(c),
        c.method.system().name()
    );
    let valid_label = format!("Valid {}", c.method.words().first);
    let turnout = match summary::turnout(c) {
        Some(t) => format!("{} ({})", t.display(), t.basis_label()),
        None => "unknown".to_string(),
    };
    let known =
        |v: Option<crate::model::Votes>| v.map(thousands).unwrap_or_else(|| "unknown".into());
    let _ = writeln!(
        out,
        "{valid_label} {}{} · Turnout {turnout} · Electorate {} · Rejected {}",
        thousands(l.count.first().continuing),
        crate::story::words::inactive_at_start(l),
        known(c.electorate),
        known(c.rejected)
    );
    if let Some(reasons) = rejected_reasons(c) {
        let _ = writeln!(out, "Rejected because: {reasons}");
    }
    if let Some(p) = published::published(c) {
        let seats = if published::multi_seat(l) {
            format!(" · {} seats", c.seats.max(1))
        } else {
            String::new()
        };
        if let Some(t) = published::tabulation(c) {
            // Counted by tally: from what, the ballots read, the rules and the options
            // that repeat it, before the rounds.
            out.push_str(&crate::story::rules::preamble_text(p, t, WIDTH));
        } else {
            let _ = writeln!(
                out,
                "As published ({}), not recounted{seats}",
                clean(&p.format)
            );
            if let Some(blank) = published::blank_ballots(l) {
                out.push_str(&wrap(&blank, WIDTH, "", ""));
            }
        }
    }
    if l.count.partial {
        let areas = c.areas.as_deref().unwrap_or(&[]);
        let declared = areas.iter().filter(|a| a.is_declared()).count();
        let _ = writeln!(
            out,
            "Partial: {declared} of {} areas declared; the figures are the sum of those areas so far.",
            areas.len()
        );
    }
    out
}

fn round_section(l: &Counted, round: &Round) -> String {
    let c = &l.contest;
    let count = &l.count;
    let mut out = String::new();
    let _ = writeln!(out, "{}", round_title(c, count, round));
    let is_published = published::published(c).is_some();
    if is_published {
        if let Some(line) = published::threshold_sentence(l, round) {
            out.push_str(&wrap(&line, WIDTH, "", ""));
        }
    } else if !c.method.words().majority_needed {
        let _ = writeln!(
            out,
            "The most votes wins. (A majority would be {}: more than half of {}.)",
            thousands(round.threshold),
            thousands(round.continuing)
        );
    } else if c.method.system() == crate::model::VotingSystem::SupplementaryVote && round.number > 1
    {
        // The Supplementary Vote's second round elects whichever finalist has more: more
        // than half is what they will usually have, not what they need.
        let _ = writeln!(
            out,
            "The finalist with more votes wins. (More than half of the {} votes still in play would be {}.)",
            thousands(round.continuing),
            thousands(round.threshold)
        );
    } else if !round.continuing.is_zero() {
        let in_play = if round.number == 1 {
            "valid votes"
        } else {
            "votes still in play"
        };
        let _ = writeln!(
            out,
            "Needed to win: {}, more than half of the {} {in_play}",
            thousands(round.threshold),
            thousands(round.continuing)
        );
    }
    out.push('\n');

    let transfer_round = round.number > 1;
    let prev = transfer_round.then(|| &count.rounds[round.number - 2]);
    let with_party = c.candidates.iter().any(|k| !k.party.is_empty());
    let mut columns = vec![("Candidate", Align::Left), ("Party", Align::Left)];
    if !with_party {
        columns.pop();
    }
    if transfer_round {
        // Transfers the file does not give are the change in tallies: said so below.
        let label = if round.derived {
            "From tallies"
        } else {
            "Transfer"
        };
        columns.extend([("Before", Align::Right), (label, Align::Right)]);
    }
    columns.extend([
        ("Votes", Align::Right),
        ("Share", Align::Right),
        ("", Align::Left),
    ]);
    let mut table = Table::new(&columns);
    table.max_left = Some(32);
    for (i, votes) in round.standings() {
        let cand = &c.candidates[i];
        let mut row = vec![
            clean(&cand.name).into_owned(),
            clean(&cand.party).into_owned(),
        ];
        if !with_party {
            row.pop();
        }
        if let Some(prev) = prev {
            row.push(prev.tally(i).map(thousands).unwrap_or_default());
            // A published count's net change: a surplus leaves its candidate at the quota.
            row.push(if is_published {
                signed_change(prev.tally(i).unwrap_or(Votes::ZERO), votes)
            } else {
                signed_change(Votes::ZERO, round.received(i))
            });
        }
        row.push(thousands(votes));
        row.push(share(votes, round.continuing).unwrap_or_default());
        row.push(status(round, i).to_string());
        table.row(row);
    }
    let residual_row = !round.residual.is_zero();
    if transfer_round || !round.exhausted.is_zero() {
        let mut row = vec![c.method.words().exhausted.to_string()];
        if with_party {
            row.push(String::new());
        }
        if let Some(prev) = prev {
            row.push(thousands(prev.exhausted));
            row.push(signed_change(Votes::ZERO, round.newly_exhausted()));
        }
        row.extend([thousands(round.exhausted), String::new(), String::new()]);
        table.row(row);
    }
    if residual_row {
        let mut row = vec!["Lost to rounding".to_string()];
        if with_party {
            row.push(String::new());
        }
        if let Some(prev) = prev {
            row.push(thousands(prev.residual));
            row.push(signed_change(prev.residual, round.residual));
        }
        row.extend([thousands(round.residual), String::new(), String::new()]);
        table.row(row);
    }
    out.push_str(&table.render(2));

    if is_published {
        // Where the ballots went (or that the file does not say), the inactive ballots by
        // kind, then what happened at the end of the round.
        let mut lines = published::transfer_sentences(l, round.number - 1);
        lines.extend(published::inactive_line(l, round.number - 1));
        lines.extend(published::outcome_sentences(l, round.number - 1));
        if !lines.is_empty() {
            out.push('\n');
        }
        for line in lines {
            out.push_str(&wrap(&line, WIDTH, "  ", "    "));
        }
        return out;
    }
    if transfer_round {
        out.push('\n');
        out.push_str(&transfers(l, round));
    }
    for tie in &round.tie_breaks {
        let text = format!("Tie: {}", tie_sentence(c, tie));
        out.push_str(&wrap(&text, WIDTH, "  ", "    "));
    }
    if !round.eliminated.is_empty() {
        out.push_str(&elimination_line(l, round));
    }
    out
}

/// A broken tie in words, with the rule that broke it: "Zoo and Beach tied for second place
/// on 5 votes; Zoo goes through, by the order of candidates in the dataset (…)." Also what
/// `tally ballots --compare` says of a tie (`report::systems`).
pub fn tie_sentence(c: &crate::model::Contest, tie: &TieBreak) -> String {
    tie_sentence_named(c, tie, c.tie_rule_words(tie.rule), |name| {
        clean(name).into_owned()
    })
}

/// [`tie_sentence`] with each name as `name` makes it: made safe for a terminal, or raw for
/// JSON, whose own escapes serde writes.
pub fn tie_sentence_named(
    c: &crate::model::Contest,
    tie: &TieBreak,
    rule: &str,
    name: impl Fn(&str) -> String,
) -> String {
    let names: Vec<String> = tie
        .tied
        .iter()
        .map(|&i| name(&c.candidates[i].name))
        .collect();
    let preferred: Vec<String> = tie
        .preferred
        .iter()
        .map(|&i| name(&c.candidates[i].name))
        .collect();
    let (what, outcome) = match tie.kind {
        TieKind::SecondPlace => ("second place", "goes through"),
        TieKind::Elimination => ("last place", "stays in"),
        TieKind::Winner => ("first place", "wins"),
    };
    let verb = if preferred.len() == 1 {
        outcome.to_string()
    } else {
        outcome
            .replace("goes", "go")
            .replace("stays", "stay")
            .replace("wins", "win")
    };
    format!(
        "{} tied for {what} on {}; {} {verb}, {}.",
        join_names(&names),
        how_many(tie.votes, "vote", "votes"),
        join_names(&preferred),
        rule
    )
}

fn status(round: &Round, i: usize) -> &'static str {
    if round.elected.contains(&i) {
        "elected"
    } else if round.states.get(i) == Some(&crate::count::State::Elected) {
        "elected earlier"
    } else if round.eliminated.contains(&i) {
        "eliminated"
    } else {
        ""
    }
}

fn elimination_line(l: &Counted, round: &Round) -> String {
    let c = &l.contest;
    let names: Vec<String> = round
        .eliminated
        .iter()
        .map(|&i| clean(&c.candidates[i].name).into_owned())
        .collect();
    let ballots: Votes = round
        .eliminated
        .iter()
        .filter_map(|&i| round.tally(i))
        .sum();
    let who = match names.len() {
        1 => format!("{} is", names[0]),
        2..=4 => format!("{} are", join_names(&names)),
        n => format!("The other {n} candidates are"),
    };
    match c.method.system() {
        VotingSystem::SupplementaryVote => {
            let finalists: Vec<String> = round
                .standings()
                .into_iter()
                .filter(|(i, _)| !round.eliminated.contains(i))
                .map(|(i, _)| clean(&c.candidates[i].name).into_owned())
                .collect();
            let text = format!(
                "Nobody has more than half, so only the top two, {}, continue. {who} eliminated; \
                 their {} looked at for a second choice.",
                join_names(&finalists),
                how_many(ballots, "ballot is", "ballots are")
            );
            wrap(&text, WIDTH, "  ", "  ")
        }
        _ => wrap(
            &format!(
                "{who} eliminated, with {} vote{}{}.",
                thousands(ballots),
                if ballots == 1 { "" } else { "s" },
                if names.len() > 1 { " between them" } else { "" }
            ),
            WIDTH,
            "  ",
            "  ",
        ),
    }
}

/// Where the ballots went, source by source.
fn transfers(l: &Counted, round: &Round) -> String {
    let c = &l.contest;
    let mut out = String::new();
    let mut sources: Vec<&Vec<usize>> = Vec::new();
    for t in &round.transfers {
        if !sources.contains(&&t.from) {
            sources.push(&t.from);
        }
    }
    for from in sources {
        let moved: Vec<_> = round.transfers.iter().filter(|t| &t.from == from).collect();
        let total: Votes = moved.iter().map(|t| t.votes).sum();
        let source = if from.len() == 1 {
            clean(&c.candidates[from[0]].name).into_owned()
        } else {
            format!("the {} eliminated candidates", from.len())
        };
        let parts: Vec<String> = moved
            .iter()
            .map(|t| {
                let to = match t.to {
                    Destination::Candidate(i) => clean(&c.candidates[i].name).into_owned(),
                    Destination::Exhausted => c.method.words().exhausted.to_lowercase(),
                };
                format!(
                    "{to} {} ({})",
                    signed_change(Votes::ZERO, t.votes),
                    share(t.votes, total).unwrap_or_default()
                )
            })
            .collect();
        let text = format!(
            "From {source} ({}): {}.",
            how_many(total, "ballot", "ballots"),
            parts.join(", ")
        );
        out.push_str(&wrap(&text, WIDTH, "  ", "    "));
    }
    out
}

/// "voting for too many 32,217, unmarked 12,292, …", largest first, if the data says why.
pub fn rejected_reasons(c: &crate::model::Contest) -> Option<String> {
    let reasons = c.rejected_reasons.as_ref()?;
    let mut parts: Vec<(&str, Votes)> = reasons.iter().filter(|(_, v)| !v.is_zero()).collect();
    parts.sort_by_key(|(_, v)| std::cmp::Reverse(*v));
    (!parts.is_empty()).then(|| {
        parts
            .iter()
            .map(|(k, v)| format!("{} {}", clean(k), thousands(*v)))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn sources_and_notes(l: &Counted) -> String {
    let c = &l.contest;
    let mut out = String::new();
    if !c.sources.is_empty() {
        out.push_str("\nSources:\n");
        for s in &c.sources {
            let mut line = format!("[{}] {}", clean(&s.id), clean(&s.title));
            if let Some(p) = &s.publisher {
                let _ = write!(line, ", {}", clean(p));
            }
            if let Some(d) = s.date {
                let _ = write!(line, ", {}", d.format("%-d %B %Y"));
            }
            if let Some(u) = &s.url {
                let _ = write!(line, " <{}>", clean(u));
            }
            out.push_str(&wrap(&line, WIDTH, "  ", "    "));
        }
    }
    if !c.notes.is_empty() {
        out.push_str("\nNotes:\n");
        for note in &c.notes {
            out.push_str(&wrap(&clean(note), WIDTH, "  - ", "    "));
        }
    }
    if let Some(p) = crate::story::published::published(c)
        && !p.warnings.is_empty()
    {
        out.push_str("\nRead with repairs (the file breaks its format's rules):\n");
        for w in &p.warnings {
            out.push_str(&wrap(&clean(w), WIDTH, "  - ", "    "));
        }
    }
    out
}
