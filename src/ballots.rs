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

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, Read};

use crate::count::ballots::{irv_rounds, sv_second_round};
use crate::model::{Candidate, Contest, Method, Source, VoteMap, Votes, VotingSystem};
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
    /// 0 when the problem is not on one line (no ballots at all).
    pub line: usize,
    pub message: String,
}

impl FileError {
    /// `votes.csv:7: message`, or `votes.csv: message` for the file as a whole.
    pub fn render(&self, file: &str) -> String {
        let file = clean(file);
        let message = clean(&self.message);
        match self.line {
            0 => format!("{file}: {message}"),
            line => format!("{file}:{line}: {message}"),
        }
    }
}

/// The longest line read: a ballot is a list of names, and a file whose "line" runs to
/// megabytes is not a ballots file (and must not fill memory).
pub const MAX_LINE: usize = 1_000_000;

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

/// Read ballots text.
pub fn parse(text: &str) -> Result<Ballots, FileError> {
    read(text.as_bytes())
}

/// Read a ballots file line by line, without holding the file in memory.
pub fn read(mut input: impl BufRead) -> Result<Ballots, FileError> {
    let mut reader = Reader::default();
    let mut buf: Vec<u8> = Vec::new();
    let mut line_no = 0;
    // Whether the first line with anything on it has been looked at for another format.
    let mut looked = false;
    loop {
        buf.clear();
        line_no += 1;
        let read = (&mut input)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| FileError {
                line: line_no,
                message: format!("cannot be read: {e}"),
            })?;
        if read == 0 {
            break;
        }
        if !looked && !buf.trim_ascii().is_empty() && !buf.starts_with(b"#") {
            looked = true;
            if let Some(what) = not_ballots(&buf) {
                return Err(FileError {
                    line: 0,
                    message: what,
                });
            }
        }
        if buf.len() > MAX_LINE {
            return Err(FileError {
                line: line_no,
                message: format!(
                    "the line is longer than {}: a ballot is a list of names, one ballot per line",
                    crate::files::human_size(MAX_LINE as u64)
                ),
            });
        }
        let text = std::str::from_utf8(&buf).map_err(|e| {
            let column = String::from_utf8_lossy(&buf[..e.valid_up_to()])
                .chars()
                .count()
                + 1;
            FileError {
                line: line_no,
                message: format!(
                    "byte 0x{:02X} at column {column} is not UTF-8 text; save the file as UTF-8",
                    buf[e.valid_up_to()]
                ),
            }
        })?;
        let text = text.trim_end_matches(['\n', '\r']);
        let text = if line_no == 1 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        reader.line(line_no, text)?;
    }
    reader.finish()
}

/// What a file that is plainly not ballots text looks like, from its first line (up to
/// [`MAX_LINE`] bytes): a sentence saying so, or `None`.
fn not_ballots(first: &[u8]) -> Option<String> {
    if first.starts_with(b"PK\x03\x04") {
        return Some(
            "this is a zip archive, such as an .xlsx spreadsheet, not ballots text: save the ballots from the spreadsheet as CSV (docs/ballots.md)"
                .into(),
        );
    }
    if first.contains(&0) {
        return Some("this is a binary file, not ballots text (docs/ballots.md)".into());
    }
    let text = String::from_utf8_lossy(first);
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.starts_with('{') || text.starts_with('[') {
        return Some(
            "this is a JSON document, not ballots text: for a results dataset use `tally rounds FILE` (docs/dataset-format.md); tally does not read other JSON formats yet"
                .into(),
        );
    }
    // BLT: the first line is the number of candidates and of seats, `9 1`.
    let numbers: Vec<&str> = text.split_whitespace().collect();
    if numbers.len() == 2 && numbers.iter().all(|n| n.parse::<u32>().is_ok()) {
        return Some(format!(
            "this looks like a BLT ballot file ({} candidates, {} seat{}), not ballots text: tally does not read BLT files yet",
            numbers[0],
            numbers[1],
            if numbers[1] == "1" { "" } else { "s" }
        ));
    }
    let cells: Vec<String> = split(text).iter().map(|c| c.to_lowercase()).collect();
    const EXPORT_COLUMNS: [&str; 8] = [
        "precinct",
        "tabulator id",
        "batch id",
        "rctab cvr id",
        "cvr number",
        "cast vote record",
        "ballot id",
        "ballotid",
    ];
    if let Some(c) = cells.iter().find(|c| EXPORT_COLUMNS.contains(&c.as_str())) {
        return Some(format!(
            "this looks like a voting system's cast vote record export (a `{c}` column), not ballots text: tally does not read those yet"
        ));
    }
    if cells.first().is_some_and(|c| c == "timestamp") {
        return Some(
            "this looks like a Google or Microsoft Forms export (a `Timestamp` column), not ballots text: tally does not read form exports yet; copy the choice columns into a ballots file (docs/ballots.md)"
                .into(),
        );
    }
    None
}

/// The reader's state between lines.
#[derive(Default)]
struct Reader {
    /// From a `candidates:` line.
    declared: bool,
    candidates: Vec<String>,
    /// Each candidate's name, lower-cased, to its index: names match whatever their case.
    index: HashMap<String, usize>,
    valid: Vec<Ballot>,
    rejected: Vec<Rejected>,
    seen_ballot: bool,
    /// Every ballot read so far, valid or rejected: when this fits, every sum of its parts
    /// fits too.
    total: u64,
}

impl Reader {
    fn line(&mut self, line_no: usize, raw: &str) -> Result<(), FileError> {
        let err = |message: String| FileError {
            line: line_no,
            message,
        };
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            return Ok(());
        }
        if let Some(list) = line
            .strip_prefix("candidates:")
            .or_else(|| line.strip_prefix("Candidates:"))
        {
            if self.seen_ballot || self.declared {
                return Err(err(
                    "the `candidates:` line must come once, before the ballots".into(),
                ));
            }
            let names: Vec<String> = split(list).into_iter().filter(|n| !n.is_empty()).collect();
            if names.is_empty() {
                return Err(err("`candidates:` lists nobody".into()));
            }
            for n in &names {
                if self.index.contains_key(&n.to_lowercase()) {
                    return Err(err(format!("`{n}` is listed twice in `candidates:`")));
                }
                self.add(n);
            }
            self.declared = true;
            return Ok(());
        }
        let mut cells = split(line);
        // A header: choice1,choice2,... (optionally after a count column).
        if !self.seen_ballot
            && cells
                .iter()
                .all(|c| c.to_lowercase().starts_with("choice") || c.eq_ignore_ascii_case("count"))
        {
            return Ok(());
        }
        self.seen_ballot = true;
        let mut count = 1u64;
        if let Some(first) = cells.first()
            && !first.is_empty()
            && first.chars().all(|c| c.is_ascii_digit())
        {
            count = first.parse::<u64>().map_err(|_| {
                err(format!(
                    "the count {first} is too large (at most {})",
                    crate::text::thousands(u64::MAX)
                ))
            })?;
            cells.remove(0);
        }
        self.total = self.total.checked_add(count).ok_or_else(|| {
            err(format!(
                "the ballots add up to more than tally can count (at most {})",
                crate::text::thousands(u64::MAX)
            ))
        })?;
        if count == 0 {
            self.rejected.push(Rejected {
                line: line_no,
                count: 0,
                kind: "zero count",
                reason: "a count of 0 ballots".into(),
            });
            return Ok(());
        }
        // Trailing empty cells are unused choices ("Alice,Bob,,").
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if !self.declared {
            // Everyone named on any ballot stands, in order of first appearance.
            for c in cells.iter().filter(|c| !c.is_empty()) {
                if !self.index.contains_key(&c.to_lowercase()) {
                    self.add(c);
                }
            }
        }
        match ballot(&self.candidates, &self.index, &cells) {
            Ok(choices) => self.valid.push(Ballot {
                line: line_no,
                count,
                choices,
            }),
            Err((kind, reason)) => self.rejected.push(Rejected {
                line: line_no,
                count,
                kind,
                reason,
            }),
        }
        Ok(())
    }

    fn add(&mut self, name: &str) {
        self.index
            .insert(name.to_lowercase(), self.candidates.len());
        self.candidates.push(name.to_string());
    }

    fn finish(self) -> Result<Ballots, FileError> {
        if self.candidates.is_empty() {
            return Err(FileError {
                line: 0,
                message: "there are no ballots: each line lists choices, e.g. `Alice, Bob`".into(),
            });
        }
        Ok(Ballots {
            candidates: self.candidates,
            valid: self.valid,
            rejected: self.rejected,
        })
    }
}

fn ballot(
    candidates: &[String],
    index: &HashMap<String, usize>,
    cells: &[String],
) -> Result<Vec<usize>, (&'static str, String)> {
    if cells.iter().all(String::is_empty) {
        return Err(("empty ballot", "an empty ballot: no choices".into()));
    }
    let mut choices: Vec<usize> = Vec::with_capacity(cells.len());
    for (k, cell) in cells.iter().enumerate() {
        if cell.is_empty() {
            return Err((
                "gap in choices",
                format!("choice {} is empty but a later choice is not", k + 1),
            ));
        }
        let Some(&i) = index.get(&cell.to_lowercase()) else {
            let hint = crate::text::closest(cell, candidates.iter().map(String::as_str))
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

/// The longest id tally makes from a name (ids may be 64 characters; this leaves room for
/// a `-2` that tells two long names apart).
const ID_STEM: usize = 56;

/// An id from a name: `Ada Okafor` → `ada-okafor`, unique within `taken` (which it joins).
fn id_for(name: &str, taken: &mut HashSet<String>) -> String {
    let slug = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>();
    let mut stem = String::new();
    for word in slug.split('-').filter(|s| !s.is_empty()) {
        if stem.len() + 1 + word.len() > ID_STEM {
            if stem.is_empty() {
                stem = word[..ID_STEM].to_string();
            }
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(word);
    }
    if stem.is_empty() || stem == crate::model::EXHAUSTED {
        stem = format!("candidate-{}", taken.len() + 1);
    }
    let mut id = stem.clone();
    let mut k = 2;
    while taken.contains(&id) {
        id = format!("{stem}-{k}");
        k += 1;
    }
    taken.insert(id.clone());
    id
}

/// The ballots counted under `system`, as a dataset, or why they cannot be (too many
/// candidates for an instant runoff within [`crate::count::MAX_FIGURES`]).
/// `date` is the date of the vote (tally uses today when none is given).
pub fn contest(
    b: &Ballots,
    system: VotingSystem,
    title: &str,
    source: &str,
    date: chrono::NaiveDate,
) -> Result<Contest, String> {
    let n = b.candidates.len();
    if system == VotingSystem::InstantRunoff && !crate::count::within_limit(n, n) {
        return Err(format!(
            "{} candidates: an instant runoff of this many can take as many rounds, more than tally can hold ({} figures at most); count them by first past the post or the Supplementary Vote",
            crate::text::thousands(n as u64),
            crate::text::thousands(crate::count::MAX_FIGURES as u64)
        ));
    }
    let mut taken = HashSet::new();
    let ids: Vec<String> = b
        .candidates
        .iter()
        .map(|name| id_for(name, &mut taken))
        .collect();
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
        id: id_for(title, &mut HashSet::new()),
        title: title.to_string(),
        area: "Ballots".to_string(),
        date,
        method: Method::bare(system),
        seats: 1,
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
        ballot_papers: Some(Votes::new(valid + rejected)),
        valid_votes: Some(Votes::new(valid)),
        rejected: Some(Votes::new(rejected)),
        rejected_reasons: (!reasons.is_empty()).then(|| reasons.into_iter().collect::<VoteMap>()),
        turnout: None,
        first_preferences: Some(ids.iter().cloned().zip(first.iter().copied()).collect()),
        second_choices: None,
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
        VotingSystem::SupplementaryVote => {
            c.method = Method::SupplementaryVote {
                second_round: sv_second_round(&groups, &first, &ids),
            }
        }
        VotingSystem::InstantRunoff => {
            c.method = Method::InstantRunoff {
                rounds: irv_rounds(&groups, &first, &ids),
            }
        }
    }
    Ok(c)
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
        let mut taken = HashSet::new();
        assert_eq!(id_for("Ada Okafor", &mut taken), "ada-okafor");
        assert_eq!(id_for("Ada Okafor", &mut taken), "ada-okafor-2");
        assert_eq!(id_for("Exhausted", &mut HashSet::new()), "candidate-1");
        assert_eq!(id_for("!!!", &mut HashSet::new()), "candidate-1");
    }

    #[test]
    fn names_alike_for_64_characters_still_get_their_own_ids() {
        let long = "a".repeat(64);
        let b = parse(&format!("{long}x\n{long}y\n{long}x\n")).unwrap();
        let mut taken = HashSet::new();
        let ids: Vec<String> = b.candidates.iter().map(|n| id_for(n, &mut taken)).collect();
        assert_ne!(ids[0], ids[1]);
        assert!(
            ids.iter().all(|i| crate::model::ids::is_valid_id(i)),
            "{ids:?}"
        );
        for system in [
            VotingSystem::FirstPastThePost,
            VotingSystem::SupplementaryVote,
            VotingSystem::InstantRunoff,
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let l = crate::count::Counted::new(
                contest(&b, system, "T", "f", date).unwrap(),
                Vec::new(),
            )
            .unwrap();
            assert_eq!(l.count.valid, 3);
        }
    }

    #[test]
    fn too_many_candidates_for_an_instant_runoff_are_refused_not_counted() {
        let names: String = (0..3_200).map(|i| format!("c{i}\n")).collect();
        let b = parse(&names).unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let e = contest(&b, VotingSystem::InstantRunoff, "T", "f", date).unwrap_err();
        assert!(e.starts_with("3,200 candidates: an instant runoff"), "{e}");
        // The other systems count them: one round, or two with a sparse matrix.
        for system in [
            VotingSystem::FirstPastThePost,
            VotingSystem::SupplementaryVote,
        ] {
            let l = crate::count::Counted::new(
                contest(&b, system, "T", "f", date).unwrap(),
                Vec::new(),
            );
            assert_eq!(l.unwrap().count.valid, 3_200);
        }
    }

    #[test]
    fn sums_that_overflow_are_an_error_naming_the_line() {
        let e = parse("18446744073709551615, Alice\n1, Alice\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.message.contains("more than tally can count"),
            "{}",
            e.message
        );
        let e = parse("18446744073709551616, Alice\n").unwrap_err();
        assert_eq!((e.line, e.message.contains("too large")), (1, true));
        // The largest total that fits is fine, rejected ballots included.
        let b = parse("18446744073709551614, Alice\n1, Bob, Bob\n").unwrap();
        assert_eq!(b.rejected[0].count, 1);
    }

    #[test]
    fn files_that_are_not_ballots_say_what_they_look_like() {
        let what = |text: &[u8]| read(text).unwrap_err().message;
        assert!(what(b"{\"id\": \"london-2004\"}").contains("JSON document"));
        assert!(what(b"  [1, 2]").contains("JSON document"));
        assert!(what(b"9 1\n42 2 7 1 0\n0\n").contains("BLT ballot file (9 candidates, 1 seat)"));
        assert!(what(b"PK\x03\x04\x14\x00").contains("zip archive"));
        assert!(what(b"a\x00b").contains("binary"));
        assert!(
            what(b"Source Filepath,CVR Provider,Contest Id,RCTab CVR Id,Precinct,Rank 1\n")
                .contains("cast vote record export (a `rctab cvr id` column)")
        );
        assert!(what(b"Timestamp,Rank [Hamster]\n").contains("Forms export"));
        // Ballots that merely start with a number are still ballots.
        assert!(read(&b"3, Alice, Bob\n"[..]).is_ok());
    }

    #[test]
    fn a_line_without_end_is_refused_before_it_fills_memory() {
        let mut text = b"Alice, Bob\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_LINE + 10));
        let e = read(&text[..]).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("longer than 1 MB"), "{}", e.message);
        let e = read(&b"Alice\n\xff\xfe\n"[..]).unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (
                2,
                "byte 0xFF at column 1 is not UTF-8 text; save the file as UTF-8"
            )
        );
    }
}
