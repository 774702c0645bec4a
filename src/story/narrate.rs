//! The count in plain English, one step at a time, with the real numbers.
//!
//! The viewer shows the current step's sentences under the bars; a reader who cannot see
//! the bars gets the whole result from them. Pure functions of a loaded contest, so every
//! output (viewer, text) tells the same story.

use crate::count::Counted;
use crate::count::{Destination, Outcome, Round, TieKind};
use crate::model::{Votes, VotingSystem};
use crate::story::words::{how_many, join_names, tie_sentence};
use crate::text::{clean, share, thousands};

fn name(l: &Counted, i: usize) -> String {
    clean(&l.contest.candidates[i].name).into_owned()
}

/// What happened in round `index` (0-based), as sentences.
pub fn step(l: &Counted, index: usize) -> Vec<String> {
    step_sentences(l, index)
        .iter()
        .map(|s| super::words::tidy_stops(s))
        .collect()
}

fn step_sentences(l: &Counted, index: usize) -> Vec<String> {
    let count = &l.count;
    let Some(round) = count.rounds.get(index) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if count.outcome == Outcome::NoVotes {
        out.push("No votes have been counted yet.".to_string());
        return out;
    }
    if super::published::published(&l.contest).is_some() {
        return if index == 0 {
            super::published::first_round(l)
        } else {
            super::published::transfer_round(l, index)
        };
    }
    if index == 0 {
        out.extend(first_round(l, round));
    } else {
        out.extend(transfer_round(l, index));
    }
    out
}

fn first_round(l: &Counted, round: &Round) -> Vec<String> {
    let c = &l.contest;
    let mut out = Vec::new();
    let standings = round.standings();
    if let (Some(r), Some(reasons)) = (
        c.rejected.filter(|r| r.get() > 0),
        crate::report::text::rejected_reasons(c),
    ) {
        let (ballots, are) = if r == 1u64 {
            ("ballot was", "is")
        } else {
            ("ballots were", "are")
        };
        out.push(format!(
            "{} {ballots} rejected ({reasons}) and {are} not counted.",
            thousands(r)
        ));
    }
    let (leader, votes) = standings[0];
    let many = c.method.words().first;
    let valid_label = if round.continuing == 1u64 {
        format!("valid {}", many.strip_suffix('s').unwrap_or(many))
    } else {
        format!("valid {many}")
    };
    let partial = if l.count.partial {
        " (so far: only some areas have declared)"
    } else {
        ""
    };
    out.push(format!(
        "{} {} counted{partial}. {} leads with {} ({}).",
        thousands(round.continuing),
        valid_label,
        name(l, leader),
        thousands(votes),
        share(votes, round.continuing).unwrap_or_default()
    ));
    match c.method.system() {
        VotingSystem::FirstPastThePost => {
            if round.elected.contains(&leader) {
                let majority = if votes >= round.threshold {
                    "also more than half of all votes".to_string()
                } else {
                    format!("a majority ({}) is not needed", thousands(round.threshold))
                };
                out.push(format!(
                    "Under first past the post the most votes wins: {} is elected; {majority}.",
                    name(l, leader)
                ));
            } else if l.count.partial {
                out.push("Under first past the post the most votes wins, but nobody is elected until every area has declared.".to_string());
            }
        }
        _ => {
            let need = format!(
                "To win outright a candidate needs more than half of the {}: {}.",
                super::words::how_many(round.continuing.get(), "valid vote", "valid votes"),
                thousands(round.threshold)
            );
            out.push(need);
            if let Some(&w) = round.elected.first() {
                out.push(format!(
                    "{} has that, so is elected without further rounds.",
                    name(l, w)
                ));
            } else if !round.eliminated.is_empty() {
                let continuing: Vec<String> = standings
                    .iter()
                    .filter(|(i, _)| !round.eliminated.contains(i))
                    .map(|(i, _)| name(l, *i))
                    .collect();
                out.push(match c.method.system() {
                    VotingSystem::SupplementaryVote => format!(
                        "Nobody has that, so only the top two, {}, stay in. The other {} eliminated and their ballots' second choices are counted.",
                        join_names(&continuing),
                        match round.eliminated.len() {
                            1 => "1 is".to_string(),
                            n => format!("{n} are"),
                        }
                    ),
                    _ => {
                        let out_names: Vec<String> = round.eliminated.iter().map(|&i| name(l, i)).collect();
                        format!(
                            "Nobody has that, so the last, {}, {} eliminated and their ballots move to their next choice.",
                            join_names(&out_names),
                            if out_names.len() == 1 { "is" } else { "are" }
                        )
                    }
                });
            } else if l.count.partial {
                out.push(
                    "Nobody is elected or eliminated until every area has declared.".to_string(),
                );
            } else if l.count.outcome == Outcome::Incomplete {
                out.push("Nobody has that yet; the next round is not in the data.".to_string());
            }
        }
    }
    out.extend(round.tie_breaks.iter().map(|t| tie_sentence(c, t)));
    out
}

/// Whose ballots move into round `index`: "Simon Hughes's", "The 8 eliminated
/// candidates'".
fn whose(l: &Counted, index: usize) -> String {
    let prev = &l.count.rounds[index - 1];
    let gone: Vec<String> = prev.eliminated.iter().map(|&i| name(l, i)).collect();
    if gone.len() > 3 {
        format!("The {} eliminated candidates'", gone.len())
    } else {
        super::words::possessive(&join_names(&gone))
    }
}

/// What is happening while round `index`'s bars move, saying nothing they have not shown
/// yet: no destination's total, no winner.
pub fn moving(l: &Counted, index: usize) -> String {
    let count = &l.count;
    let Some(round) = count.rounds.get(index) else {
        return String::new();
    };
    let words = l.contest.method.words();
    if count.outcome == Outcome::NoVotes {
        return "No votes have been counted yet.".to_string();
    }
    if index == 0 {
        return format!("Counting the {}…", words.first);
    }
    if super::published::published(&l.contest).is_some() {
        return super::published::moving(l, index);
    }
    let moved: Votes = round.transfers.iter().map(|t| t.votes).sum();
    format!(
        "{} {} being looked at for a {}…",
        whose(l, index),
        how_many(moved, "ballot is", "ballots are"),
        words.next_choice
    )
}

/// While round `index`'s transfer moves source by source (several sources, each with its own
/// figures, as from a first-by-second matrix): each source's sentence, keyed by the
/// candidates whose ballots move in it, saying only where those ballots go ("Siân Berry's
/// 197,976 ballots: 93,745 to Sadiq Khan, 14,969 to Shaun Bailey, the rest
/// non-transferable."), never a total or the winner. Empty when the transfer moves as one.
pub fn moving_sources(l: &Counted, index: usize) -> Vec<(Vec<usize>, String)> {
    if super::published::published(&l.contest).is_some() {
        return super::published::moving_sources(l, index);
    }
    let Some(round) = l.count.rounds.get(index).filter(|_| index > 0) else {
        return Vec::new();
    };
    let groups = round.sources();
    if groups.len() < 2 {
        return Vec::new();
    }
    let exhausted = l.contest.method.words().exhausted.to_lowercase();
    groups
        .into_iter()
        .map(|from| {
            let moves: Vec<_> = round.transfers.iter().filter(|t| &t.from == from).collect();
            let total: Votes = moves.iter().map(|t| t.votes).sum();
            let mut parts: Vec<String> = moves
                .iter()
                .filter_map(|t| match t.to {
                    Destination::Candidate(i) if t.votes > Votes::ZERO => {
                        Some(format!("{} to {}", thousands(t.votes), name(l, i)))
                    }
                    _ => None,
                })
                .collect();
            let lost = moves
                .iter()
                .any(|t| t.to == Destination::Exhausted && t.votes > Votes::ZERO);
            if lost {
                parts.push(if parts.is_empty() {
                    format!("all {exhausted}")
                } else {
                    format!("the rest {exhausted}")
                });
            }
            let names: Vec<String> = from.iter().map(|&i| name(l, i)).collect();
            let sentence = format!(
                "{} {}: {}.",
                super::words::possessive(&join_names(&names)),
                how_many(total, "ballot", "ballots"),
                if parts.is_empty() {
                    "none to move".to_string()
                } else {
                    parts.join(", ")
                }
            );
            (from.clone(), sentence)
        })
        .collect()
}

/// Up to this many sources are told one by one in a step's sentences; more are summed up.
const FEW_SOURCES: usize = 3;

/// One eliminated candidate's ballots in a round, where the data gives them per candidate.
struct Source {
    from: usize,
    total: Votes,
    /// Where they went, in the order of the count's transfers (finalists, then the pile).
    to: Vec<(Destination, Votes)>,
}

/// Round `index`'s ballots by the eliminated candidate they came from, when several were
/// eliminated together and the data says where each one's ballots went (a first-by-second
/// matrix); `None` for one source, or for totals given only for all of them together.
fn sources(l: &Counted, index: usize) -> Option<Vec<Source>> {
    let prev = l.count.rounds.get(index.checked_sub(1)?)?;
    let round = l.count.rounds.get(index)?;
    let per_source = round.transfers.iter().any(|t| t.from.len() == 1);
    if !per_source || prev.eliminated.len() < 2 {
        return None;
    }
    Some(
        prev.eliminated
            .iter()
            .map(|&e| {
                let to: Vec<(Destination, Votes)> = round
                    .transfers
                    .iter()
                    .filter(|t| t.from == [e])
                    .map(|t| (t.to, t.votes))
                    .collect();
                Source {
                    from: e,
                    total: to.iter().map(|&(_, v)| v).sum(),
                    to,
                }
            })
            .collect(),
    )
}

/// Where each eliminated candidate's ballots went, one line each, for a step that sums them
/// up because there are too many to tell in sentences; `None` otherwise.
fn source_lines(l: &Counted, index: usize) -> Option<Vec<String>> {
    // A published count's step already tells each source.
    if super::published::published(&l.contest).is_some() {
        return None;
    }
    let sources = sources(l, index).filter(|s| s.len() > FEW_SOURCES)?;
    let exhausted = l.contest.method.words().exhausted.to_lowercase();
    Some(
        sources
            .iter()
            .map(|s| {
                let bits: Vec<String> =
                    s.to.iter()
                        .map(|&(to, votes)| match to {
                            Destination::Candidate(i) => {
                                format!("{} to {}", thousands(votes), name(l, i))
                            }
                            Destination::Exhausted => format!("{} {exhausted}", thousands(votes)),
                        })
                        .collect();
                format!(
                    "{}, {}: {}.",
                    name(l, s.from),
                    how_many(s.total, "ballot", "ballots"),
                    join_names(&bits)
                )
            })
            .collect(),
    )
}

fn transfer_round(l: &Counted, index: usize) -> Vec<String> {
    let c = &l.contest;
    let count = &l.count;
    let round = &count.rounds[index];
    let mut out = Vec::new();
    let moved: Votes = round.transfers.iter().map(|t| t.votes).sum();
    let whose = whose(l, index);
    let words = c.method.words();
    let what = words.next_choice;
    let mut parts: Vec<String> = Vec::new();
    for (i, _) in round.standings() {
        let got = round.received(i);
        parts.push(format!("{} went to {}", thousands(got), name(l, i)));
    }
    let exhausted = round.newly_exhausted();
    let none = format!(
        "{} {} and {} {}",
        thousands(exhausted),
        words.why_exhausted,
        if exhausted == 1 { "is" } else { "are" },
        words.exhausted.to_lowercase()
    );
    parts.push(none);
    out.push(format!(
        "{whose} {} looked at for a {what}: {}.",
        how_many(moved, "ballot was", "ballots were"),
        join_names(&parts)
    ));
    match sources(l, index) {
        // A few: each in full.
        Some(sources) if sources.len() <= FEW_SOURCES => {
            for s in &sources {
                let bits: Vec<String> = s
                    .to
                    .iter()
                    .map(|&(to, votes)| match to {
                        Destination::Candidate(i) => format!("{} {}", thousands(votes), name(l, i)),
                        Destination::Exhausted => format!("{} none", thousands(votes)),
                    })
                    .collect();
                out.push(format!(
                    "From {} ({}): {}.",
                    name(l, s.from),
                    thousands(s.total),
                    bits.join(", ")
                ));
            }
        }
        // Many (London 2021's eighteen): the largest source of each candidate who gained.
        // The report lists them all after the step (`source_lines`).
        Some(sources) => {
            let mut largest: Vec<String> = Vec::new();
            for (i, _) in round.standings() {
                let mut best: Option<(&Source, Votes)> = None;
                for s in &sources {
                    let Some(&(_, votes)) =
                        s.to.iter().find(|(to, _)| *to == Destination::Candidate(i))
                    else {
                        continue;
                    };
                    // The first of equal sources (in the order they were eliminated).
                    if best.is_none_or(|(_, most)| votes > most) {
                        best = Some((s, votes));
                    }
                }
                if let Some((s, votes)) = best.filter(|(_, v)| !v.is_zero()) {
                    largest.push(format!(
                        "{} of {} {} to {}",
                        thousands(votes),
                        super::words::possessive(&name(l, s.from)),
                        thousands(s.total),
                        name(l, i)
                    ));
                }
            }
            if !largest.is_empty() {
                out.push(format!(
                    "The largest from one candidate: {}.",
                    join_names(&largest)
                ));
            }
        }
        None => {}
    }
    out.extend(round.tie_breaks.iter().map(|t| tie_sentence(c, t)));
    let won_on_a_tie = round.tie_breaks.iter().any(|t| t.kind == TieKind::Winner);
    if let Some(&w) = round.elected.first()
        && won_on_a_tie
    {
        out.push(format!(
            "{} is elected with {} ({} of the {} still in play).",
            name(l, w),
            how_many(round.votes[w], "vote", "votes"),
            share(round.votes[w], round.continuing).unwrap_or_default(),
            thousands(round.continuing),
        ));
    } else if let Some(&w) = round.elected.first() {
        let votes = round.votes[w];
        out.push(format!(
            "{} wins with {}, {} of the {} still in play (more than half is {}).",
            name(l, w),
            how_many(votes, "vote", "votes"),
            share(votes, round.continuing).unwrap_or_default(),
            thousands(round.continuing),
            thousands(round.threshold)
        ));
    } else if !round.eliminated.is_empty() {
        let out_names: Vec<String> = round.eliminated.iter().map(|&i| name(l, i)).collect();
        out.push(format!(
            "Nobody has more than half of the {} votes still in play ({} needed), so {} {} eliminated next.",
            thousands(round.continuing),
            thousands(round.threshold),
            join_names(&out_names),
            if out_names.len() == 1 { "is" } else { "are" }
        ));
    }
    out
}

/// Several contests told one after another, with a rule between them.
pub fn reports(contests: &[Counted]) -> String {
    let parts: Vec<String> = contests.iter().map(report).collect();
    parts.join(&format!("\n{}\n\n", "─".repeat(72)))
}

/// The complete result as plain sentences: who stood, first preferences and shares, the
/// threshold, each step and why, where ballots went, the final totals and the winner.
/// Enough for someone who cannot see the bars to learn everything the viewer shows.
pub fn report(l: &Counted) -> String {
    use crate::story::words::{long_date, result_line, round_kind};
    use crate::text::wrap;
    const W: usize = 78;
    let c = &l.contest;
    let count = &l.count;
    let mut out = String::new();
    out.push_str(&wrap(
        &format!(
            "{}{} {}{}. Voting system: {}.",
            clean(&c.title),
            if c.title.trim_end().ends_with(['.', '?', '!']) {
                ""
            } else {
                "."
            },
            if c.area.trim().is_empty() {
                String::new()
            } else {
                format!("{}, ", clean(&c.area))
            },
            long_date(c),
            c.method.system().name()
        ),
        W,
        "",
        "",
    ));
    let known =
        |v: Option<crate::model::Votes>| v.map(thousands).unwrap_or_else(|| "unknown".into());
    let turnout = match crate::story::summary::turnout(c) {
        Some(t) => format!("{} ({})", t.display(), t.basis_label()),
        None => "unknown".to_string(),
    };
    out.push_str(&wrap(
        &format!(
            "Electorate {}. Turnout {turnout}. Valid votes {}{}. Rejected ballots {}.",
            known(c.electorate),
            thousands(count.first().continuing),
            super::words::inactive_at_start(l),
            known(c.rejected)
        ),
        W,
        "",
        "",
    ));
    if let Some(p) = super::published::published(c) {
        let seats = if super::published::multi_seat(l) {
            format!(" {} seats.", c.seats.max(1))
        } else {
            String::new()
        };
        match super::published::tabulation(c) {
            Some(t) => {
                out.push_str(&super::rules::preamble_text(p, t, W));
            }
            None => out.push_str(&wrap(
                &format!(
                    "As published ({}): shown as the file gives it, not recounted.{seats}",
                    clean(&p.format)
                ),
                W,
                "",
                "",
            )),
        }
        if let Some(repairs) = super::published::repairs_sentence(p) {
            out.push_str(&wrap(&repairs, W, "", ""));
        }
    }
    out.push('\n');
    let first = count.first();
    let by = c.method.words().first;
    out.push_str(&format!(
        "Who stood: {}, by {by}.\n",
        how_many(c.candidates.len() as u64, "candidate", "candidates")
    ));
    for (i, votes) in first.standings() {
        let cand = &c.candidates[i];
        // "Name, Party: …", or "Name: …" for a candidate with no party label (a class's
        // ballot options).
        let party = clean(&cand.party);
        let who = if party.trim().is_empty() {
            clean(&cand.name).into_owned()
        } else {
            format!("{}, {party}", clean(&cand.name))
        };
        out.push_str(&wrap(
            &format!(
                "{who}: {}, {}.",
                how_many(votes, "vote", "votes"),
                share(votes, first.continuing).unwrap_or_else(|| "no share".into())
            ),
            W,
            "  ",
            "    ",
        ));
    }
    for (i, round) in count.rounds.iter().enumerate() {
        out.push('\n');
        let title = format!(
            "Step {} of {}: {}.",
            i + 1,
            count.rounds.len(),
            round_kind(c, round)
        );
        out.push_str(&wrap(
            &format!("{title} {}", step(l, i).join(" ")),
            W,
            "",
            "",
        ));
        if let Some(lines) = source_lines(l, i) {
            out.push_str("Where each eliminated candidate's ballots went:\n");
            for line in lines {
                out.push_str(&wrap(&line, W, "  ", "    "));
            }
        }
    }
    let last = count.last();
    if count.rounds.len() > 1 {
        out.push('\n');
        let totals: Vec<String> = last
            .standings()
            .into_iter()
            .map(|(i, v)| {
                format!(
                    "{} {} ({})",
                    name(l, i),
                    thousands(v),
                    share(v, last.continuing).unwrap_or_default()
                )
            })
            .collect();
        let residual = if last.residual.is_zero() {
            String::new()
        } else {
            format!("; lost to rounding {}", thousands(last.residual))
        };
        out.push_str(&wrap(
            &format!(
                "Final totals: {}; {} {}{residual}.",
                join_names(&totals),
                c.method.words().exhausted.to_lowercase(),
                thousands(last.exhausted)
            ),
            W,
            "",
            "",
        ));
    }
    out.push('\n');
    out.push_str(&wrap(&result_line(l), W, "", ""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_exhausted_ballot_is_said_in_the_singular() {
        let text = r#"{"id": "t", "title": "T", "area": "A", "date": "2020-01-02",
            "system": "instant-runoff",
            "sources": [{"id": "S", "title": "Made up for a test"}],
            "candidates": [{"id": "a", "name": "A", "party": "P"}, {"id": "b", "name": "B", "party": "P"},
                           {"id": "c", "name": "C", "party": "P"}, {"id": "d", "name": "D", "party": "P"}],
            "first_preferences": {"a": 30, "b": 29, "c": 10, "d": 3},
            "rounds": [
                {"eliminated": ["d"], "transfers": [{"from": "d", "to": "a", "votes": 2}]},
                {"eliminated": ["c"], "transfers": [{"from": "c", "to": "a", "votes": 5}, {"from": "c", "to": "b", "votes": 5}]}
            ]}"#;
        let l = crate::import::dataset::from_str(text).unwrap();
        let told = step(&l, 1).join(" ");
        assert!(
            told.contains("1 had no further choice and is exhausted"),
            "{told}"
        );
    }

    #[test]
    fn a_candidate_without_a_party_is_named_without_an_empty_one() {
        let text = r#"{"id": "t", "title": "T", "area": "A", "date": "2020-01-02",
            "system": "first-past-the-post",
            "sources": [{"id": "S", "title": "Made up for a test"}],
            "candidates": [{"id": "a", "name": "Zoo"}, {"id": "b", "name": "Beach", "party": "P"}],
            "first_preferences": {"a": 3, "b": 2}}"#;
        let l = crate::import::dataset::from_str(text).unwrap();
        let told = report(&l);
        assert!(told.contains("  Zoo: 3 votes"), "{told}");
        assert!(told.contains("  Beach, P: 2 votes"), "{told}");
    }

    #[test]
    fn london_2004_is_told_with_its_numbers() {
        let l = crate::import::embedded::get("london-2004")
            .unwrap()
            .load()
            .unwrap();
        let first = step(&l, 0).join(" ");
        assert!(
            first.contains("Ken Livingstone leads with 685,541 (36.8%)"),
            "{first}"
        );
        assert!(
            first.contains("more than half of the 1,863,671 valid votes: 931,836"),
            "{first}"
        );
        let second = step(&l, 1).join(" ");
        assert!(
            second.contains("142,839 went to Ken Livingstone"),
            "{second}"
        );
        assert!(
            second.contains("368,113 named neither and are non-transferable"),
            "{second}"
        );
        assert!(
            second.contains("Ken Livingstone wins with 828,380 votes"),
            "{second}"
        );
    }

    #[test]
    fn many_sources_are_summed_up_in_the_step_and_listed_in_the_report() {
        // London 2021: 18 eliminated candidates, each with their own transfers.
        let l = crate::import::embedded::get("london-2021")
            .unwrap()
            .load()
            .unwrap();
        let second = step(&l, 1).join(" ");
        assert!(
            second.contains("The largest from one candidate: 93,745 of Siân Berry's 197,976 to Sadiq Khan and 19,649 of Laurence Fox's 47,634 to Shaun Bailey."),
            "{second}"
        );
        assert!(!second.contains("From "), "{second}");
        let r = report(&l);
        let listed = r
            .split("Where each eliminated candidate's ballots went:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("no list:\n{r}"));
        let listed = listed.split("\n\n").next().unwrap().replace("\n    ", " ");
        let lines: Vec<&str> = listed.lines().collect();
        assert_eq!(lines.len(), 18, "{listed}");
        assert_eq!(
            lines[0],
            "  Siân Berry, 197,976 ballots: 93,745 to Sadiq Khan, 14,969 to Shaun Bailey and 89,262 non-transferable."
        );
        assert!(lines[1].contains("15,206 to Shaun Bailey"), "{}", lines[1]);
        // A count with one pooled source has no such list.
        let l = crate::import::embedded::get("london-2004")
            .unwrap()
            .load()
            .unwrap();
        assert!(!report(&l).contains("Where each"));
    }

    #[test]
    fn the_report_tells_2012_completely() {
        let l = crate::import::embedded::get("london-2012")
            .unwrap()
            .load()
            .unwrap();
        let r = report(&l);
        for needle in [
            "Boris Johnson, Conservative: 971,931 votes, 44.0%",
            "Carlos Cortiglia",
            "1,104,238",
            "82,880 went to Boris Johnson",
            "161,391",
            "Final totals: Boris Johnson 1,054,811",
            "Winner: Boris Johnson",
        ] {
            assert!(
                r.replace('\n', " ").contains(needle),
                "missing {needle}:\n{r}"
            );
        }
    }

    #[test]
    fn fptp_says_a_majority_is_not_needed() {
        let l = crate::import::embedded::get("london-2024")
            .unwrap()
            .load()
            .unwrap();
        let text = step(&l, 0).join(" ");
        assert!(
            text.contains("Sadiq Khan is elected; a majority (1,242,217) is not needed"),
            "{text}"
        );
    }

    #[test]
    fn each_2021_source_is_told_with_where_its_ballots_go() {
        let l = crate::import::embedded::get("london-2021")
            .unwrap()
            .load()
            .unwrap();
        let sources = moving_sources(&l, 1);
        assert_eq!(sources.len(), 18);
        let berry = l
            .contest
            .candidates
            .iter()
            .position(|c| c.name == "Siân Berry")
            .unwrap();
        let (_, said) = sources.iter().find(|(f, _)| f == &[berry]).unwrap();
        assert_eq!(
            said,
            "Siân Berry's 197,976 ballots: 93,745 to Sadiq Khan, 14,969 to Shaun Bailey, the rest non-transferable."
        );
        assert!(
            sources.iter().all(|(_, s)| !s.contains("wins")),
            "no result before the bars show it"
        );
        let london_2004 = crate::import::embedded::get("london-2004")
            .unwrap()
            .load()
            .unwrap();
        assert!(moving_sources(&london_2004, 1).is_empty(), "one batch");
    }
}
