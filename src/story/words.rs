//! Words shared by every way tally tells a count: round titles, lists of names, dates.
//!
//! What depends on the counting method (the name of the exhausted pile, what round 1
//! counts) is the method's [`Words`](crate::model::method::Words) table; this module puts
//! those words into the phrases the reports, the narration, the presenter and the viewer
//! all use, so they say the same thing.

use crate::count::{Count, Counted, Outcome, Round, TieBreak, TieKind, TieRule};
use crate::model::Contest;
use crate::text::{clean, share, thousands};

/// "Round 2 of 2: second preferences". `so_far` is added when the count is incomplete.
pub fn round_title(contest: &Contest, count: &Count, round: &Round) -> String {
    let total = count.rounds.len();
    let stopped = super::published::stopped_after(contest, count).is_some();
    let of = if matches!(count.outcome, Outcome::Incomplete | Outcome::NoVotes) && !stopped {
        format!("{total} so far")
    } else {
        total.to_string()
    };
    tidy_stops(&format!(
        "Round {} of {of}: {}",
        round.number,
        round_kind(contest, round)
    ))
}

/// What a round is, in a few words.
pub fn round_kind(contest: &Contest, round: &Round) -> String {
    let words = contest.method.words();
    match round.number {
        1 => words.first.to_string(),
        _ if !words.names_sources => words.later.to_string(),
        _ => {
            let from: Vec<usize> = round
                .transfers
                .iter()
                .flat_map(|t| t.from.iter().copied())
                .collect();
            // A published multi-seat count's surpluses: those sources are still in the
            // count, elected.
            let surplus = |i: &usize| round.states.get(*i) == Some(&crate::count::State::Elected);
            if !from.is_empty() && from.iter().all(surplus) {
                let mut names: Vec<String> = Vec::new();
                for &i in &from {
                    let name = crate::text::clean(&contest.candidates[i].name).into_owned();
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
                return match names.as_slice() {
                    [one] => format!("{} surplus", possessive(one)),
                    _ => format!("surpluses of {}", join_names(&names)),
                };
            }
            let mut names: Vec<String> = Vec::new();
            for i in from {
                let name = crate::text::clean(&contest.candidates[i].name).into_owned();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            if names.is_empty() && super::published::published(contest).is_some() {
                // A published count's round where nothing moves (a seat won exactly at the
                // quota leaves no surplus).
                "nothing to transfer".to_string()
            } else if names.is_empty() {
                words.later.to_string()
            } else {
                format!("{} from {}", words.later, join_names(&names))
            }
        }
    }
}

/// "1 vote", "1,863,671 votes": a count and its noun, agreeing (the sentences are read
/// aloud, and a class's small counts are often 1).
pub fn how_many(n: impl crate::text::Figure, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n.is_one() { one } else { many })
}

/// "A", "A and B", "A, B and C"; "Dion, Mark; Russell, Diane and Write-in" when a name
/// holds a comma (RCTab's "Surname, Forename"), which commas alone would not separate.
pub fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    let sep = if names.iter().any(|n| n.as_ref().contains(", ")) {
        "; "
    } else {
        ", "
    };
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(sep), last.as_ref())
        }
    }
}

/// "Simon Hughes's", "Undeclared Write-ins'": a name's possessive. The rule: a name takes
/// "'s" (London's style, "Hughes's"), except a name that reads as a plural, whose last word
/// is hyphenated and ends in "s" ("Write-ins") or is a plural noun such as "Others", which
/// takes the apostrophe alone.
pub fn possessive(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or_default();
    let lower = last.to_lowercase();
    let plural = lower.ends_with('s')
        && (last.contains('-')
            || ["others", "writeins", "candidates", "votes", "ballots"].contains(&lower.as_str()));
    if plural {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// Collapses the doubled full stops that a name ending in "." ("Bryant, Peter G.") makes
/// before a sentence's own full stop, leaving real ellipses ("...") alone.
pub fn tidy_stops(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let doubled = c == '.'
            && i > 0
            && chars[i - 1] == '.'
            && chars.get(i + 1) != Some(&'.')
            && (i < 2 || chars[i - 2] != '.');
        if !doubled {
            out.push(c);
        }
    }
    out
}

/// " (150 more ballots inactive from the start)": said beside round 1's votes in play when
/// some ballots (an overvote or a skipped ranking at the top of a published count) were
/// inactive from round 1; empty when none were.
pub fn inactive_at_start(l: &Counted) -> String {
    let first = l.count.first();
    if first.exhausted.is_zero() {
        String::new()
    } else {
        format!(
            " ({} more {} inactive from the start)",
            thousands(first.exhausted),
            if first.exhausted == 1u64 {
                "ballot"
            } else {
                "ballots"
            }
        )
    }
}

/// "Thursday 10 June 2004", or "date not given".
pub fn long_date(contest: &Contest) -> String {
    match contest.date {
        Some(d) => d.format("%A %-d %B %Y").to_string(),
        None => NO_DATE.to_string(),
    }
}

/// "2004-06-10", or "date not given": for tables.
pub fn short_date(contest: &Contest) -> String {
    match contest.date {
        Some(d) => d.to_string(),
        None => NO_DATE.to_string(),
    }
}

/// What stands for a date of poll the source does not give.
pub const NO_DATE: &str = "date not given";

/// The last word of a name, made safe to print: "Niko Omilana" → "Omilana". For narrow
/// screens, where a full name does not fit.
pub fn surname(name: &str) -> String {
    crate::text::clean(name)
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// `first preferences` → `First preferences`.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The result in one sentence.
pub fn result_line(l: &Counted) -> String {
    let c = &l.contest;
    let count = &l.count;
    if let Some(line) = super::published::result_line(l) {
        return line;
    }
    match &count.outcome {
        Outcome::Elected(won) => {
            let w = won[0];
            let last = count.last();
            let votes = last.votes[w];
            let winner = &c.candidates[w];
            let runner_up = last.standings().into_iter().find(|(i, _)| *i != w);
            let margin = match (runner_up, count.margin()) {
                (Some((r, _)), Some(m)) => format!(
                    ", a margin of {} over {}",
                    thousands(m),
                    clean(&c.candidates[r].name)
                ),
                _ => String::new(),
            };
            let share = share(votes, last.continuing)
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            let party = if winner.party.is_empty() {
                String::new()
            } else {
                format!(" ({})", clean(&winner.party))
            };
            let mut line = format!(
                "Winner: {}{party} with {}{share} in round {}{margin}.",
                clean(&winner.name),
                how_many(votes, "vote", "votes"),
                last.number
            );
            let words = c.method.words();
            if !words.majority_needed && votes < last.threshold {
                line.push_str(&format!(
                    " Under {} the most votes wins; a majority is not needed.",
                    words.name.to_lowercase()
                ));
            } else if votes < last.threshold && super::published::published(c).is_some() {
                let tie = last
                    .tie_breaks
                    .iter()
                    .any(|t| t.kind == TieKind::Winner && t.preferred.contains(&w));
                line.push_str(&format!(
                    " Elected below the threshold of {}{}.",
                    thousands(last.threshold),
                    if tie {
                        format!(
                            ", on a tie broken {}",
                            super::published::basis(c).tie_decided
                        )
                    } else {
                        format!(", {}", super::published::basis(c).has_it)
                    }
                ));
            }
            line
        }
        Outcome::Incomplete if super::published::stopped_after(c, count).is_some() => {
            let last = count.last();
            let lead = last
                .standings()
                .first()
                .map(|&(i, v)| {
                    format!(
                        " {} leads with {}.",
                        clean(&c.candidates[i].name),
                        how_many(v, "vote", "votes")
                    )
                })
                .unwrap_or_default();
            format!(
                "No winner: the count stops after round {0}, as the rules ask (stopTabulationEarlyAfterRound {0}).{lead}",
                last.number
            )
        }
        Outcome::Incomplete => format!(
            "No winner yet: nobody has more than half of the votes, and round {} is not in the data yet.",
            count.rounds.len() + 1
        ),
        Outcome::NoVotes => "No votes have been counted yet.".to_string(),
    }
}

/// A tie the count broke, as a sentence: who tied, on what, who the rule favoured and by
/// which rule. "Zoo and Beach tied for second place on 5 votes: Zoo goes through, the tie
/// broken by the order of the candidates (…)."
pub fn tie_sentence(contest: &Contest, tie: &TieBreak) -> String {
    let rule = match tie.rule {
        TieRule::TieBreakOrder => "by the tie-break order the data records",
        TieRule::CandidateOrder => {
            "by the order of the candidates, first listed first (tally's rule when no tie-break order is recorded; an official count would draw lots)"
        }
        TieRule::AsCounted => "as the imported count decided it",
    };
    tie_sentence_with(contest, tie, rule)
}

/// [`tie_sentence`] with the words for how it was broken given: "by a random draw (seed
/// 0)" for a count tally made under RCTab's rules.
pub fn tie_sentence_with(contest: &Contest, tie: &TieBreak, rule: &str) -> String {
    let names = |of: &[usize]| -> Vec<String> {
        of.iter()
            .map(|&i| clean(&contest.candidates[i].name).into_owned())
            .collect()
    };
    let tied = names(&tie.tied);
    let preferred = names(&tie.preferred);
    let one = preferred.len() == 1;
    let (what, outcome) = match tie.kind {
        TieKind::SecondPlace => (
            "second place",
            if one { "goes through" } else { "go through" },
        ),
        TieKind::Elimination => ("last place", if one { "stays in" } else { "stay in" }),
        TieKind::Winner => ("first place", if one { "wins" } else { "win" }),
    };
    format!(
        "{} tied for {what} on {} {}: {} {outcome}, the tie broken {rule}.",
        join_names(&tied),
        thousands(tie.votes),
        if tie.votes == 1 { "vote" } else { "votes" },
        join_names(&preferred),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_commas_are_listed_with_semicolons() {
        assert_eq!(join_names(&["A", "B", "C"]), "A, B and C");
        assert_eq!(
            join_names(&["Dion, Mark N.", "Russell, Diane", "Write-in"]),
            "Dion, Mark N.; Russell, Diane and Write-in"
        );
        // A figure's thousands separator is not a name's comma.
        assert_eq!(
            join_names(&["A 1,000", "B 900", "C"]),
            "A 1,000, B 900 and C"
        );
    }

    #[test]
    fn possessives_follow_one_rule() {
        assert_eq!(possessive("Simon Hughes"), "Simon Hughes's");
        assert_eq!(possessive("Undeclared Write-ins"), "Undeclared Write-ins'");
        assert_eq!(possessive("Others"), "Others'");
        assert_eq!(possessive("Ken Livingstone"), "Ken Livingstone's");
    }

    #[test]
    fn a_name_ending_in_a_full_stop_gets_no_second() {
        assert_eq!(
            tidy_stops("transfers from Brennan, Michael F.."),
            "transfers from Brennan, Michael F."
        );
        assert_eq!(tidy_stops("wait... then."), "wait... then.");
    }
}
