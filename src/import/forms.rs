//! A class's vote as the form tools export it: Google Forms and Microsoft Forms responses,
//! saved as CSV (comma, semicolon or tab separated), read into ballots.
//!
//! The layout is recognised from the header row (`docs/ballots.md`, "Forms exports"):
//!
//! - Google Forms, a ranking asked as a multiple-choice grid, either way round: columns
//!   `Question [1st choice]`, `Question [2nd choice]`… whose cells name the option, or columns
//!   `Question [Zoo]`, `Question [Beach]`… whose cells say the rank (`1st choice`, `2`,
//!   `Second`…). A grid whose rows are bare numbers (`[1]`, `[2]`) is told apart by its cells:
//!   if they are worded ranks (`1st choice`), the numbers are the options.
//! - Microsoft Forms, a Ranking question: one column whose cells list the options in order,
//!   `Zoo;Beach;Museum;`, after the `ID`, `Start time`, `Completion time`, `Email` and `Name`
//!   columns (the .xlsx export saved as CSV).
//!
//! Every other column (the timestamp, the email address, the name, other questions) is
//! skipped. Each response is one ballot; a response that cannot be a ballot (a cell that is
//! not a rank, two options at the same rank) is rejected with its line and column, and the
//! counting rules judge gaps and repeats as for any ballot.

use std::collections::HashMap;

use super::ballots_text::FileError;
use super::delimited::column_letter;
use crate::model::Votes;
use crate::model::ballots::{Ballots, Builder, Mark, Rejected};
use crate::text::thousands;

/// Which tool wrote the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Google,
    Microsoft,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Google => "Google Forms",
            Tool::Microsoft => "Microsoft Forms",
        }
    }
}

/// The first column's name in a Google Forms export, in the languages a school is likely to
/// use.
const TIMESTAMPS: [&str; 6] = [
    "timestamp",
    "horodateur",
    "zeitstempel",
    "marca temporal",
    "informazioni cronologiche",
    "tijdstempel",
];

/// Microsoft Forms' own columns: everything but the questions.
const MICROSOFT_COLUMNS: [&str; 10] = [
    "id",
    "start time",
    "completion time",
    "email",
    "name",
    "last modified time",
    "total points",
    "quiz feedback",
    "grade posted to learners",
    "language",
];

/// `Question [Zoo]`: the question and the grid row in brackets.
fn bracketed(cell: &str) -> Option<(&str, &str)> {
    let inner = cell.strip_suffix(']')?;
    let open = inner.rfind('[')?;
    let question = inner[..open].trim();
    let row = inner[open + 1..].trim();
    (!row.is_empty()).then_some((question, row))
}

/// Which tool wrote a header row, if one did: a Google export starts with its timestamp or
/// has a grid (two columns of one question in brackets); a Microsoft export starts `ID`,
/// `Start time` or `Completion time`.
pub fn tool(cells: &[String]) -> Option<Tool> {
    let first = cells.first()?.to_lowercase();
    if TIMESTAMPS.contains(&first.as_str()) {
        return Some(Tool::Google);
    }
    if first == "id"
        && cells
            .iter()
            .any(|c| matches!(c.to_lowercase().as_str(), "start time" | "completion time"))
    {
        return Some(Tool::Microsoft);
    }
    let mut questions: HashMap<&str, usize> = HashMap::new();
    for (q, _) in cells.iter().filter_map(|c| bracketed(c)) {
        let n = questions.entry(q).or_default();
        *n += 1;
        if *n >= 2 && !q.is_empty() {
            return Some(Tool::Google);
        }
    }
    None
}

const ORDINALS: [&str; 10] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];

/// Words that may surround a rank: `1st choice`, `Choice 1`, `Rank #2`, `second place`.
const RANK_WORDS: [&str; 7] = [
    "choice",
    "preference",
    "pref",
    "rank",
    "ranked",
    "place",
    "pick",
];

/// A rank as a form or a spreadsheet writes it: `1st choice`, `Choice 2`, `3rd`, `#4`,
/// `Second`, `5`. Also whether it was a bare number (which could as well be an option's
/// name).
pub fn rank_label(s: &str) -> Option<(usize, bool)> {
    let lower = s.trim().to_lowercase();
    let mut words = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == ':' || c == '.')
        .filter(|w| !w.is_empty());
    let mut found = None;
    let mut worded = false;
    for w in &mut words {
        if RANK_WORDS.contains(&w) {
            worded = true;
            continue;
        }
        if found.is_some() {
            return None;
        }
        let w = w.strip_prefix('#').unwrap_or(w);
        if let Some(k) = ORDINALS.iter().position(|o| *o == w) {
            found = Some(k + 1);
            worded = true;
            continue;
        }
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        if digits.is_empty()
            || digits.len() > 4
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || !matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        {
            return None;
        }
        worded |= !suffix.is_empty();
        found = digits.parse::<usize>().ok().filter(|&n| n >= 1);
        found?;
    }
    found.map(|n| (n, !worded))
}

/// A rank in any language: text holding exactly one number from 1 to 99, whatever words or
/// ordinal marks surround it (`1. Wahl`, `1er choix`, `1.ª opción`, `1ª scelta`, `1e keuze`,
/// `Platz 1`), as well as everything [`rank_label`] reads.
pub fn any_rank(s: &str) -> Option<usize> {
    if let Some((n, _)) = rank_label(s) {
        return Some(n);
    }
    let mut runs = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty());
    let digits = runs.next()?;
    if runs.next().is_some() || digits.len() > 2 {
        return None;
    }
    digits.parse::<usize>().ok().filter(|&n| n >= 1)
}

/// Whether a grid's rows could be its ranks: each one number (see [`any_rank`]), together
/// 1, 2, … n for the n rows.
fn rows_are_ranks(rows: &[&str]) -> Option<Vec<usize>> {
    let ranks: Vec<usize> = rows.iter().map(|r| any_rank(r)).collect::<Option<_>>()?;
    let mut sorted = ranks.clone();
    sorted.sort_unstable();
    sorted
        .iter()
        .enumerate()
        .all(|(k, &n)| n == k + 1)
        .then_some(ranks)
}

/// How the ranking question's answers are laid out in the columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// Google, `Question [1st choice]`…: each cell names the option at that rank. The
    /// columns in order of rank.
    Ranks(Vec<usize>),
    /// Google, `Question [Zoo]`…: each cell says the option's rank. The columns, each with
    /// its option's candidate number.
    Options(Vec<(usize, usize)>),
    /// Google, `Question [1]`, `Question [2]`… or `Question [1. Wahl]`, `Question [Platz 2]`…
    /// (each row one small number, together 1 to n): ranks or options named by numbers, told
    /// by the first response's cells. The columns, each with its row and the row's number.
    Numbered(Vec<(usize, String, usize)>),
    /// Microsoft, one column of `Zoo;Beach;Museum;`. While there are several question
    /// columns, the first response says which holds lists.
    List(Vec<usize>),
}

/// An export's header, understood.
#[derive(Debug, Clone)]
pub struct Header {
    pub tool: Tool,
    /// The ranking question, as its column says.
    pub question: String,
    pub layout: Layout,
    /// Every column's name.
    pub columns: Vec<String>,
}

/// A header that is a Forms export: which columns hold the ranking, or why none does.
pub fn header(tool: Tool, cells: &[String]) -> Result<(Header, Vec<String>), String> {
    match tool {
        Tool::Google => google(cells),
        Tool::Microsoft => microsoft(cells),
    }
}

fn google(cells: &[String]) -> Result<(Header, Vec<String>), String> {
    // Each grid question, in order, with its columns and their rows.
    let mut grids: Vec<(&str, Vec<(usize, &str)>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (k, (q, row)) in cells
        .iter()
        .enumerate()
        .filter_map(|(k, c)| bracketed(c).map(|qr| (k, qr)))
    {
        match at.get(q) {
            Some(&g) => grids[g].1.push((k, row)),
            None => {
                at.insert(q, grids.len());
                grids.push((q, vec![(k, row)]));
            }
        }
    }
    let ranked = |cols: &[(usize, &str)]| {
        cols.iter().all(|(_, r)| rank_label(r).is_some())
            || rows_are_ranks(&cols.iter().map(|&(_, r)| r).collect::<Vec<_>>()).is_some()
    };
    let chosen: Vec<&(&str, Vec<(usize, &str)>)> = match grids.len() {
        0 => {
            return Err(
                "this Google Forms export has no ranking grid: ask the ranking as a multiple-choice grid, whose columns are exported as `Question [1st choice]`, `Question [2nd choice]`… (docs/ballots.md)"
                    .into(),
            );
        }
        1 => grids.iter().collect(),
        _ => grids.iter().filter(|(_, cols)| ranked(cols)).collect(),
    };
    let [(question, cols)] = chosen[..] else {
        let names: Vec<String> = grids.iter().map(|(q, _)| format!("`{q}`")).collect();
        let names = first_few(names);
        return Err(format!(
            "this Google Forms export has {} grid questions ({}); tally counts one ranking: delete the other questions' columns",
            thousands(grids.len() as u64),
            names.join(", ")
        ));
    };
    let mut options = Vec::new();
    let numbered = rows_are_ranks(&cols.iter().map(|&(_, r)| r).collect::<Vec<_>>());
    let layout = match cols
        .iter()
        .map(|(_, r)| rank_label(r))
        .collect::<Option<Vec<_>>>()
    {
        Some(ranks) if ranks.iter().all(|&(_, bare)| bare) => Layout::Numbered(
            cols.iter()
                .zip(&ranks)
                .map(|(&(k, row), &(n, _))| (k, row.to_string(), n))
                .collect(),
        ),
        // Rows numbered in another language (`[1. Wahl]`, `[Platz 2]`): the cells decide.
        None if numbered.is_some() => Layout::Numbered(
            cols.iter()
                .zip(numbered.iter().flatten())
                .map(|(&(k, row), &n)| (k, row.to_string(), n))
                .collect(),
        ),
        Some(ranks) => {
            let mut by_rank: Vec<(usize, usize)> = cols
                .iter()
                .zip(&ranks)
                .map(|(&(k, _), &(rank, _))| (rank, k))
                .collect();
            by_rank.sort();
            Layout::Ranks(by_rank.into_iter().map(|(_, k)| k).collect())
        }
        None => {
            let mut seen: HashMap<String, usize> = HashMap::new();
            let mut columns = Vec::new();
            for &(k, row) in cols {
                if let Some(&other) = seen.get(&row.to_lowercase()) {
                    return Err(format!(
                        "columns {} and {} are the same option, `{question} [{row}]`",
                        column_letter(other),
                        column_letter(k)
                    ));
                }
                seen.insert(row.to_lowercase(), k);
                columns.push((k, options.len()));
                options.push(row.to_string());
            }
            Layout::Options(columns)
        }
    };
    let header = Header {
        tool: Tool::Google,
        question: question.to_string(),
        layout,
        columns: cells.to_vec(),
    };
    Ok((header, options))
}

fn microsoft(cells: &[String]) -> Result<(Header, Vec<String>), String> {
    let questions: Vec<usize> = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            let c = c.to_lowercase();
            !MICROSOFT_COLUMNS.contains(&c.as_str())
                && !c.starts_with("points - ")
                && !c.starts_with("feedback - ")
        })
        .map(|(k, _)| k)
        .collect();
    if questions.is_empty() {
        return Err(
            "this Microsoft Forms export has no question column after its own (ID, Start time, Completion time, Email, Name)"
                .into(),
        );
    }
    let header = Header {
        tool: Tool::Microsoft,
        question: questions
            .first()
            .map(|&k| cells[k].clone())
            .unwrap_or_default(),
        layout: Layout::List(questions),
        columns: cells.to_vec(),
    };
    Ok((header, Vec::new()))
}

/// Reads the responses of one export into ballots.
pub struct Reader {
    header: Header,
    /// Each option's name, lower-cased, to its candidate number.
    index: HashMap<String, usize>,
    ballots: Builder,
}

impl Reader {
    /// A reader for the responses under `header`, whose options, when the header names
    /// them, stand in that order; otherwise every option named in a response stands, in
    /// order of first appearance.
    pub fn new(header: Header, options: Vec<String>) -> Self {
        let mut reader = Reader {
            header,
            index: HashMap::new(),
            ballots: Builder::new(),
        };
        for o in options {
            reader.candidate(&o);
        }
        reader
    }

    /// The candidate number of an option, standing from now on if it did not yet.
    fn candidate(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(&name.to_lowercase()) {
            return i;
        }
        let candidates = self.ballots.candidates_mut();
        let i = candidates.len();
        candidates.push(name.to_string());
        self.index.insert(name.to_lowercase(), i);
        i
    }

    /// `column D (`Trip [Zoo]`)`
    fn column(&self, k: usize) -> String {
        let name = self.header.columns.get(k).map(String::as_str).unwrap_or("");
        format!("column {} (`{name}`)", column_letter(k))
    }

    /// One response, read at `line`.
    pub fn row(&mut self, line: usize, cells: &[String]) -> Result<(), FileError> {
        if cells.iter().all(String::is_empty) {
            return Ok(()); // a blank line, as spreadsheets leave at the end
        }
        if cells.len() > self.header.columns.len() {
            self.reject(
                line,
                "too many cells",
                format!(
                    "{} cells, but the header has {} columns",
                    cells.len(),
                    self.header.columns.len()
                ),
            );
            return Ok(());
        }
        let cell = |k: usize| cells.get(k).map(String::as_str).unwrap_or("");
        if let Layout::Numbered(cols) = &self.header.layout {
            // Worded ranks in the cells (`1st choice`) make the bracketed rows options; names
            // in the cells (`Zoo`, `Hund`, `Room 1`) make them ranks.
            let worded = cols
                .iter()
                .filter(|(k, _, _)| !cell(*k).is_empty())
                .all(|(k, _, _)| rank_label(cell(*k)).is_some_and(|(_, bare)| !bare));
            let any = cols.iter().any(|(k, _, _)| !cell(*k).is_empty());
            if any {
                self.header.layout = if worded {
                    let cols = cols.clone();
                    Layout::Options(
                        cols.iter()
                            .map(|(k, name, _)| (*k, self.candidate(name)))
                            .collect(),
                    )
                } else {
                    let mut by_rank: Vec<(usize, usize)> =
                        cols.iter().map(|&(k, _, n)| (n, k)).collect();
                    by_rank.sort();
                    Layout::Ranks(by_rank.into_iter().map(|(_, k)| k).collect())
                };
            }
        }
        if let Layout::List(cols) = &self.header.layout
            && cols.len() > 1
        {
            let lists: Vec<usize> = cols
                .iter()
                .copied()
                .filter(|&k| cell(k).contains(';'))
                .collect();
            match lists[..] {
                [k] => {
                    self.header.question = self.header.columns[k].clone();
                    self.header.layout = Layout::List(vec![k]);
                }
                _ => {
                    let names = first_few(cols.iter().map(|&k| self.column(k)).collect());
                    return Err(FileError {
                        line,
                        message: format!(
                            "this Microsoft Forms export has {} question columns ({}), and {} here: keep only the ranking question's column",
                            thousands(cols.len() as u64),
                            names.join(", "),
                            if lists.is_empty() {
                                "none of them holds a ranking such as `Zoo;Beach;Museum;`"
                                    .to_string()
                            } else {
                                format!(
                                    "{} of them hold rankings such as `Zoo;Beach;Museum;`",
                                    lists.len()
                                )
                            },
                        ),
                    });
                }
            }
        }
        let marks = match self.header.layout.clone() {
            Layout::Ranks(cols) => {
                let mut marks: Vec<Mark> = cols
                    .iter()
                    .map(|&k| match cell(k) {
                        "" => Mark::Skipped,
                        name => Mark::Candidate(self.candidate(name)),
                    })
                    .collect();
                while marks.last() == Some(&Mark::Skipped) {
                    marks.pop();
                }
                marks
            }
            Layout::Numbered(_) => Vec::new(), // no cell answered: an empty ballot
            Layout::Options(cols) => {
                let mut at_rank: Vec<Vec<usize>> = vec![Vec::new(); cols.len()];
                for &(k, option) in &cols {
                    let text = cell(k);
                    if text.is_empty() {
                        continue;
                    }
                    match any_rank(text) {
                        Some(rank) if rank <= cols.len() => at_rank[rank - 1].push(option),
                        Some(_) => {
                            let reason = format!(
                                "{}: `{text}`, but there are only {} options to rank",
                                self.column(k),
                                cols.len()
                            );
                            self.reject(line, "rank out of range", reason);
                            return Ok(());
                        }
                        None => {
                            let reason = format!(
                                "{}: `{text}` is not a rank such as `1st choice`",
                                self.column(k)
                            );
                            self.reject(line, "not a rank", reason);
                            return Ok(());
                        }
                    }
                }
                if let Some((rank, names)) = at_rank.iter().enumerate().find(|(_, o)| o.len() > 1) {
                    let names: Vec<String> = names
                        .iter()
                        .map(|&i| self.ballots.candidates()[i].clone())
                        .collect();
                    let reason = format!(
                        "{} are {} ranked {}",
                        crate::story::words::join_names(&names),
                        if names.len() == 2 { "both" } else { "all" },
                        ordinal(rank + 1)
                    );
                    self.reject(line, "same rank twice", reason);
                    return Ok(());
                }
                while at_rank.last().is_some_and(Vec::is_empty) {
                    at_rank.pop();
                }
                at_rank
                    .iter()
                    .map(|o| o.first().map_or(Mark::Skipped, |&i| Mark::Candidate(i)))
                    .collect()
            }
            Layout::List(cols) => {
                let text = cols.first().map_or("", |&k| cell(k));
                text.split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|name| Mark::Candidate(self.candidate(name)))
                    .collect()
            }
        };
        self.ballots.add(marks, Votes::new(1), line);
        Ok(())
    }

    fn reject(&mut self, line: usize, kind: &'static str, reason: String) {
        self.ballots.reject(Rejected {
            line,
            count: Votes::new(1),
            kind,
            reason,
        });
    }

    /// The ballots, or why there are none.
    pub fn finish(self) -> Result<Ballots, FileError> {
        let ballots = self.ballots.finish();
        if ballots.total().is_zero() {
            return Err(FileError {
                line: 0,
                message: format!(
                    "this {} export has no responses: only its header",
                    self.header.tool.name()
                ),
            });
        }
        // Every response rejected for one reason is the layout misread (or a form set up
        // wrongly), not a vote of nobody: refuse it, showing the first.
        if ballots.rankings.is_empty()
            && let Some(first) = ballots.rejected.first()
            && ballots.rejected.iter().all(|r| r.kind == first.kind)
        {
            return Err(FileError {
                line: first.line,
                message: format!(
                    "every response ({}) is rejected, this one because {}; the rows of `{}` were read as {} (docs/ballots.md, \"Forms exports\")",
                    thousands(ballots.total()),
                    first.reason,
                    self.header.question,
                    match self.header.layout {
                        Layout::Options(_) =>
                            "options, so each cell must be a rank: rows that are ranks hold one number each, 1, 2, 3…",
                        _ => "ranks, so each cell must name an option",
                    }
                ),
            });
        }
        if ballots.candidates.is_empty() {
            return Err(FileError {
                line: 0,
                message: format!(
                    "no response to `{}` names an option: there is nothing to count ({} responses)",
                    self.header.question,
                    thousands(ballots.total())
                ),
            });
        }
        Ok(ballots)
    }
}

/// At most the first five of a list for a message, then how many more.
fn first_few(mut names: Vec<String>) -> Vec<String> {
    const SHOWN: usize = 5;
    if names.len() > SHOWN {
        let more = names.len() - SHOWN;
        names.truncate(SHOWN);
        names.push(format!("and {} more", thousands(more as u64)));
    }
    names
}

/// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(s: &str) -> Vec<String> {
        s.split(',').map(str::to_string).collect()
    }

    #[test]
    fn ranks_are_read_however_a_form_words_them() {
        for (s, want) in [
            ("1st choice", Some((1, false))),
            ("Choice 2", Some((2, false))),
            ("Second", Some((2, false))),
            ("#3", Some((3, true))),
            ("3rd", Some((3, false))),
            ("4", Some((4, true))),
            ("Rank 10", Some((10, false))),
            ("First place", Some((1, false))),
            ("Zoo", None),
            ("0", None),
            ("1st and 2nd", None),
            ("2x", None),
            ("", None),
            ("choice", None),
        ] {
            assert_eq!(rank_label(s), want, "{s:?}");
        }
        assert_eq!(
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal),
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
            ]
        );
    }

    #[test]
    fn a_rank_in_any_language_is_one_small_number() {
        for (s, want) in [
            ("1. Wahl", Some(1)),
            ("1er choix", Some(1)),
            ("2e choix", Some(2)),
            ("1.ª opción", Some(1)),
            ("3ª scelta", Some(3)),
            ("1e keuze", Some(1)),
            ("Platz 4", Some(4)),
            ("2nd choice", Some(2)),
            ("Hund", None),
            ("0. Wahl", None),
            ("Raum 1 oder 2", None),
            ("Platz 100", None),
        ] {
            assert_eq!(any_rank(s), want, "{s:?}");
        }
        assert_eq!(
            rows_are_ranks(&["Platz 2", "Platz 1", "Platz 3"]),
            Some(vec![2, 1, 3])
        );
        assert_eq!(rows_are_ranks(&["Raum 1", "Raum 3"]), None, "not 1 to n");
        assert_eq!(rows_are_ranks(&["Raum 1", "Raum 1"]), None);
    }

    #[test]
    fn the_tool_is_told_from_the_header() {
        assert_eq!(tool(&cells("Timestamp,Q [1st choice]")), Some(Tool::Google));
        assert_eq!(tool(&cells("Q [Zoo],Q [Beach]")), Some(Tool::Google));
        assert_eq!(
            tool(&cells("ID,Start time,Completion time,Email,Name,Rank")),
            Some(Tool::Microsoft)
        );
        assert_eq!(tool(&cells("Zoo [north],Beach")), None);
        assert_eq!(tool(&cells("Id,Zoo")), None);
    }

    #[test]
    fn a_google_header_says_which_way_round_its_grid_is() {
        let (h, options) = header(
            Tool::Google,
            &cells("Timestamp,Email address,Trip [2nd choice],Trip [1st choice]"),
        )
        .unwrap();
        assert_eq!((h.layout, options.len()), (Layout::Ranks(vec![3, 2]), 0));
        let (h, options) =
            header(Tool::Google, &cells("Timestamp,Trip [Zoo],Trip [Beach]")).unwrap();
        assert_eq!(
            (h.layout, options),
            (
                Layout::Options(vec![(1, 0), (2, 1)]),
                vec!["Zoo".into(), "Beach".into()]
            )
        );
        // Two grids: the one whose rows are ranks is the ranking.
        let (h, _) = header(
            Tool::Google,
            &cells("Timestamp,Food [Pizza],Food [Pasta],Trip [1st choice],Trip [2nd choice]"),
        )
        .unwrap();
        assert_eq!(h.question, "Trip");
        let e = header(Tool::Google, &cells("Timestamp,Food [Pizza],Trip [Zoo]")).unwrap_err();
        assert!(e.contains("2 grid questions (`Food`, `Trip`)"), "{e}");
        let e = header(Tool::Google, &cells("Timestamp,Which trip?")).unwrap_err();
        assert!(e.contains("no ranking grid"), "{e}");
    }
}
