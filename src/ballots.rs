//! Ballot files: a class's own votes, one ballot per line, counted by tally's engine.
//!
//! The format (documented in `docs/ballots.md`) is CSV or plain text: each line lists
//! choices in order of preference by candidate name, separated by commas (or by `>`).
//! Optional: a `candidates: A, B, C` line naming who stands (otherwise every name that
//! appears stands), a header `choice1,choice2,...`, a leading count for repeated ballots
//! (`12, Alice, Bob`), blank lines and `#` comments. A ballot with an unknown name, a
//! repeated choice or no choices is rejected, with its line and reason.
//!
//! Counting turns the ballots into an ordinary dataset, a [`Contest`], so the same engine,
//! checks and viewer apply: the Supplementary Vote gets the full first-by-second matrix,
//! instant runoff gets its rounds (one elimination per round), first past the post the
//! first choices.

use std::collections::BTreeMap;

use crate::count::ballots::{irv_rounds, sv_second_round};
use crate::model::{Candidate, Contest, Source, VoteMap, Votes, VotingSystem};
use crate::text::clean;

/// A ballot as read: its weight and its choices (candidate indices, in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    pub line: usize,
    pub count: u64,
    pub choices: Vec<usize>,
}

/// A line that could not be a valid ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub line: usize,
    pub count: u64,
    /// The kind of problem, for counting rejected ballots by reason.
    pub kind: &'static str,
    /// What exactly is wrong, naming the choice.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballots {
    pub candidates: Vec<String>,
    pub valid: Vec<Ballot>,
    pub rejected: Vec<Rejected>,
}

/// A problem with the file as a whole (not one ballot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub line: usize,
    pub message: String,
}

fn split(line: &str) -> Vec<String> {
    let sep = if line.contains('>') && !line.contains(',') {
        '>'
    } else {
        ','
    };
    line.split(sep)
        .map(|s| s.trim().trim_matches('"').trim().to_string())
        .collect()
}

/// Read a ballot file.
pub fn parse(text: &str) -> Result<Ballots, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut declared: Option<Vec<String>> = None;
    let mut rows: Vec<(usize, u64, Vec<String>)> = Vec::new();
    let mut rejected = Vec::new();
    let mut seen_ballot = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(list) = line
            .strip_prefix("candidates:")
            .or_else(|| line.strip_prefix("Candidates:"))
        {
            if seen_ballot || declared.is_some() {
                return Err(FileError {
                    line: line_no,
                    message: "the `candidates:` line must come once, before the ballots".into(),
                });
            }
            let names: Vec<String> = split(list).into_iter().filter(|n| !n.is_empty()).collect();
            if names.is_empty() {
                return Err(FileError {
                    line: line_no,
                    message: "`candidates:` lists nobody".into(),
                });
            }
            for (k, n) in names.iter().enumerate() {
                if names[..k].iter().any(|o| o.eq_ignore_ascii_case(n)) {
                    return Err(FileError {
                        line: line_no,
                        message: format!("`{n}` is listed twice in `candidates:`"),
                    });
                }
            }
            declared = Some(names);
            continue;
        }
        let mut cells = split(line);
        // A header: choice1,choice2,... (optionally after a count column).
        if !seen_ballot
            && cells
                .iter()
                .all(|c| c.to_lowercase().starts_with("choice") || c.eq_ignore_ascii_case("count"))
        {
            continue;
        }
        seen_ballot = true;
        let mut count = 1u64;
        if let Some(first) = cells.first()
            && !first.is_empty()
            && first.chars().all(|c| c.is_ascii_digit())
        {
            count = match first.parse::<u64>() {
                Ok(0) => {
                    rejected.push(Rejected {
                        line: line_no,
                        count: 0,
                        kind: "zero count",
                        reason: "a count of 0 ballots".into(),
                    });
                    continue;
                }
                Ok(n) => n,
                Err(_) => {
                    return Err(FileError {
                        line: line_no,
                        message: format!("the count {first} is too large"),
                    });
                }
            };
            cells.remove(0);
        }
        // Trailing empty cells are unused choices ("Alice,Bob,,").
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        rows.push((line_no, count, cells));
    }
    let candidates: Vec<String> = match declared {
        Some(names) => names,
        None => {
            let mut names: Vec<String> = Vec::new();
            for (_, _, cells) in &rows {
                for c in cells.iter().filter(|c| !c.is_empty()) {
                    if !names.iter().any(|n| n.eq_ignore_ascii_case(c)) {
                        names.push(c.clone());
                    }
                }
            }
            names
        }
    };
    if candidates.is_empty() {
        return Err(FileError {
            line: 0,
            message: "there are no ballots: each line lists choices, e.g. `Alice, Bob`".into(),
        });
    }
    let mut valid = Vec::new();
    for (line, count, cells) in rows {
        match ballot(&candidates, &cells) {
            Ok(choices) => valid.push(Ballot {
                line,
                count,
                choices,
            }),
            Err((kind, reason)) => rejected.push(Rejected {
                line,
                count,
                kind,
                reason,
            }),
        }
    }
    rejected.sort_by_key(|r| r.line);
    Ok(Ballots {
        candidates,
        valid,
        rejected,
    })
}

fn ballot(candidates: &[String], cells: &[String]) -> Result<Vec<usize>, (&'static str, String)> {
    if cells.iter().all(String::is_empty) {
        return Err(("empty ballot", "an empty ballot: no choices".into()));
    }
    let mut choices = Vec::new();
    for (k, cell) in cells.iter().enumerate() {
        if cell.is_empty() {
            return Err((
                "gap in choices",
                format!("choice {} is empty but a later choice is not", k + 1),
            ));
        }
        let Some(i) = candidates.iter().position(|c| c.eq_ignore_ascii_case(cell)) else {
            let hint = crate::model::parse::closest(cell, candidates.iter().map(String::as_str))
                .map(|b| format!("; did you mean `{b}`?"))
                .unwrap_or_default();
            return Err((
                "unknown candidate",
                format!("unknown candidate `{cell}`{hint}"),
            ));
        };
        if choices.contains(&i) {
            return Err((
                "repeated choice",
                format!("`{}` is chosen twice", candidates[i]),
            ));
        }
        choices.push(i);
    }
    Ok(choices)
}

/// An id from a name: `Ada Okafor` → `ada-okafor`, unique within `taken`.
fn id_for(name: &str, taken: &[String]) -> String {
    let mut id: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if id.is_empty() || id == crate::model::EXHAUSTED {
        id = format!("candidate-{}", taken.len() + 1);
    }
    let base = id.clone();
    let mut k = 2;
    while taken.contains(&id) {
        id = format!("{base}-{k}");
        k += 1;
    }
    id.chars().take(64).collect()
}

/// The ballots counted under `system`, as a dataset.
/// `date` is the date of the vote (tally uses today when none is given).
pub fn contest(
    b: &Ballots,
    system: VotingSystem,
    title: &str,
    source: &str,
    date: chrono::NaiveDate,
) -> Contest {
    let mut ids: Vec<String> = Vec::new();
    for name in &b.candidates {
        let id = id_for(name, &ids);
        ids.push(id);
    }
    let n = b.candidates.len();
    let mut first = vec![0u64; n];
    for ballot in &b.valid {
        first[ballot.choices[0]] += ballot.count;
    }
    let valid: u64 = first.iter().sum();
    let rejected: u64 = b.rejected.iter().map(|r| r.count).sum();
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    for r in &b.rejected {
        *reasons.entry(r.kind.to_string()).or_default() += r.count;
    }
    let groups: Vec<(u64, Vec<usize>)> = b
        .valid
        .iter()
        .map(|ballot| (ballot.count, ballot.choices.clone()))
        .collect();
    let mut c = Contest {
        tally_format: Some(crate::model::FORMAT_VERSION),
        id: id_for(title, &[]),
        title: title.to_string(),
        area: "Ballots".to_string(),
        date,
        system,
        status: Some(crate::model::ResultStatus::Final),
        candidates: b
            .candidates
            .iter()
            .zip(&ids)
            .map(|(name, id)| Candidate {
                id: id.clone(),
                name: name.clone(),
                party: String::new(),
                colour: None,
            })
            .collect(),
        electorate: None,
        ballot_papers: Some(Votes(valid + rejected)),
        valid_votes: Some(Votes(valid)),
        rejected: Some(Votes(rejected)),
        rejected_reasons: (!reasons.is_empty()).then(|| reasons.into_iter().collect::<VoteMap>()),
        turnout: None,
        first_preferences: Some(ids.iter().cloned().zip(first.iter().copied()).collect()),
        second_choices: None,
        second_round: None,
        rounds: None,
        tie_break_order: None,
        areas: None,
        sources: vec![Source {
            id: "ballots".into(),
            title: clean(source).into_owned(),
            publisher: None,
            date: None,
            url: None,
        }],
        notes: vec![format!(
            "Counted by tally from {} valid ballot{} in {}.",
            valid,
            if valid == 1 { "" } else { "s" },
            clean(source)
        )],
    };
    match system {
        VotingSystem::FirstPastThePost => {}
        VotingSystem::SupplementaryVote => c.second_round = sv_second_round(&groups, &first, &ids),
        VotingSystem::InstantRunoff => c.rounds = Some(irv_rounds(&groups, &first, &ids)),
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_optional_part_of_the_format() {
        let text = "# a class vote\ncandidates: Alice, Bob, Cara\ncount,choice1,choice2\n3, Alice, Bob\n\nBob > Cara\nalice,cara,\n";
        let b = parse(text).unwrap();
        assert_eq!(b.candidates, ["Alice", "Bob", "Cara"]);
        assert_eq!(b.valid.len(), 3);
        assert_eq!(
            b.valid[0],
            Ballot {
                line: 4,
                count: 3,
                choices: vec![0, 1]
            }
        );
        assert_eq!(b.valid[1].choices, [1, 2], "`>` separates too");
        assert_eq!(
            b.valid[2].choices,
            [0, 2],
            "names match whatever their case"
        );
    }

    #[test]
    fn bad_ballots_are_rejected_with_their_line_and_reason() {
        let text = "candidates: Alice, Bob\nAlice, Alcie\nBob, Bob\n, \nZed\nAlice,,Bob\n0,Alice\n";
        let b = parse(text).unwrap();
        let reasons: Vec<(usize, &str)> = b
            .rejected
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (2, "unknown candidate `Alcie`; did you mean `Alice`?"),
                (3, "`Bob` is chosen twice"),
                (4, "an empty ballot: no choices"),
                (5, "unknown candidate `Zed`"),
                (6, "choice 2 is empty but a later choice is not"),
                (7, "a count of 0 ballots"),
            ]
        );
    }

    #[test]
    fn ids_are_unique_and_safe() {
        assert_eq!(id_for("Ada Okafor", &[]), "ada-okafor");
        assert_eq!(id_for("Ada Okafor", &["ada-okafor".into()]), "ada-okafor-2");
        assert_eq!(id_for("Exhausted", &[]), "candidate-1");
        assert_eq!(id_for("!!!", &[]), "candidate-1");
    }
}
