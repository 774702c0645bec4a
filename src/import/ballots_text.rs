//! A class's own ballots, one per line: the format of `tally ballots`.
//!
//! CSV or plain text (`docs/ballots.md`): each line lists choices in order of preference by
//! candidate name, separated by commas (or by `>`). Optional: a `candidates: A, B, C` line
//! naming who stands (otherwise every name that appears stands), a header
//! `choice1,choice2,...`, a leading count for repeated ballots (`12, Alice, Bob`), blank
//! lines and `#` comments. The file is read line by line (never whole), and becomes
//! `model::Ballots`: a name nobody stands as, or a count of 0, rejects the ballot here, with
//! its line; a skipped choice or a repeated one is a mark, which the counting method's rules
//! interpret (`count::ballots::Rules`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, Read};

use super::delimited;
use super::forms::{self, Tool};
use super::recognise::{Format, recognise};
use crate::model::Votes;
use crate::model::ballots::{Ballots, Builder, Mark, Rejected, is_irregular};
use crate::progress::Progress;
use crate::text::{clean, closest, thousands};

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
/// megabytes is not a ballots file (and must not fill memory). A Forms export's response
/// whose quoted cells run over several lines is held to the same length.
pub const MAX_LINE: usize = 1_000_000;

/// Read a ballots file, or the message saying what is wrong with it (naming the file, and
/// the line where there is one).
///
/// A long read shows its progress on standard error when that is a terminal
/// (`crate::progress`), cleared before this returns.
pub fn read_file(path: &std::path::Path) -> Result<Ballots, String> {
    let file = path.display().to_string();
    let input = crate::files::open_stream(path).map_err(|e| e.to_string())?;
    let size = input.get_ref().metadata().ok().map(|m| m.len());
    let mut progress = Progress::reading(&file, size);
    let read = read_with(input, &mut progress);
    progress.finish();
    read.map_err(|e| e.render(&file))
}

/// Read ballots text.
pub fn parse(text: &str) -> Result<Ballots, FileError> {
    read(text.as_bytes())
}

/// A file's lines, one at a time, never the whole file.
struct Lines<R> {
    input: R,
    buf: Vec<u8>,
    line_no: usize,
}

impl<R: BufRead> Lines<R> {
    /// The next line's bytes (in `buf`), or `None` at the end.
    fn next_raw(&mut self) -> Result<Option<usize>, FileError> {
        self.buf.clear();
        self.line_no += 1;
        let read = (&mut self.input)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| FileError {
                line: self.line_no,
                message: format!("cannot be read: {e}"),
            })?;
        Ok((read > 0).then_some(self.line_no))
    }

    /// The line in `buf` as text: UTF-8, at most [`MAX_LINE`] bytes, without its line ending
    /// (`\n` or Windows' `\r\n`) or, on the first line, a byte-order mark.
    fn text(&self) -> Result<&str, FileError> {
        let line = self.line_no;
        if self.buf.len() > MAX_LINE {
            return Err(too_long(line));
        }
        let text = crate::text::utf8(&self.buf).map_err(|e| FileError {
            line,
            message: format!(
                "byte 0x{:02X} at column {} is not UTF-8 text; save the file as UTF-8",
                e.byte, e.column
            ),
        })?;
        let text = text.trim_end_matches(['\n', '\r']);
        let text = if line == 1 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        Ok(text)
    }

    /// The line in `buf` without its line ending, as bytes: a line read before, and so
    /// known to be text, is looked up by these ([`Reader::seen`]).
    fn content(&self) -> &[u8] {
        let mut end = self.buf.len();
        while end > 0 && matches!(self.buf[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        &self.buf[..end]
    }

    /// The next line as text.
    fn next(&mut self) -> Result<Option<(usize, String)>, FileError> {
        match self.next_raw()? {
            Some(n) => Ok(Some((n, self.text()?.to_string()))),
            None => Ok(None),
        }
    }

    /// A record of delimited text starting with `first` (read at `line`): while a quote is
    /// open, the cell goes on over the line break.
    fn record(&mut self, line: usize, first: String) -> Result<String, FileError> {
        let mut record = first;
        // Counted a line at a time, so a cell of many lines costs no more than its length.
        let mut open = delimited::open_quote(&record);
        while open {
            let Some((_, more)) = self.next()? else {
                return Err(FileError {
                    line,
                    message: "a quote (`\"`) opened on this line is never closed".into(),
                });
            };
            open ^= delimited::open_quote(&more);
            record.push('\n');
            record.push_str(&more);
            if record.len() > MAX_LINE {
                return Err(too_long(line));
            }
        }
        Ok(record)
    }
}

fn too_long(line: usize) -> FileError {
    FileError {
        line,
        message: format!(
            "the line is longer than {}: a ballot is a list of names, one ballot per line",
            crate::files::human_size(MAX_LINE as u64)
        ),
    }
}

/// Read a ballots file line by line, without holding the file in memory: a class's ballots
/// (`docs/ballots.md`), or a Google or Microsoft Forms export (`import::forms`), told apart by
/// the first line with anything on it.
pub fn read(input: impl BufRead) -> Result<Ballots, FileError> {
    read_with(input, &mut Progress::none())
}

/// [`read`], telling `progress` how far it has gone.
fn read_with(input: impl BufRead, progress: &mut Progress) -> Result<Ballots, FileError> {
    read_remembering(input, progress, SEEN_LINES)
}

/// [`read_with`], remembering at most `remember` lines read before ([`Reader::seen`]; the
/// tests compare with none).
fn read_remembering(
    input: impl BufRead,
    progress: &mut Progress,
    remember: usize,
) -> Result<Ballots, FileError> {
    let mut lines = Lines {
        input,
        buf: Vec::new(),
        line_no: 0,
    };
    let mut reader = Reader {
        remember,
        ..Reader::default()
    };
    // Whether the first line with anything on it has been looked at for another format.
    let mut looked = false;
    let mut bytes = 0u64;
    while let Some(line_no) = lines.next_raw()? {
        bytes += lines.buf.len() as u64;
        progress.read(bytes, reader.total);
        // A line read before makes the same ballot: counted again without reading it again.
        if lines.buf.len() <= MAX_LINE
            && let Some(&(at, count)) = reader.seen.get(lines.content())
        {
            reader.again(line_no, at, count)?;
            continue;
        }
        let content = lines.buf.trim_ascii();
        if !looked && !content.is_empty() && !content.starts_with(b"#") {
            looked = true;
            match recognise(&lines.buf) {
                Format::BallotsText => {}
                // A number alone is JSON too, but here, where ballots are expected, it is a
                // ballot for an option named by a number.
                Format::Dataset if content.iter().all(u8::is_ascii_digit) => {}
                Format::Forms(tool) => {
                    let first = lines.text()?.to_string();
                    return read_forms(tool, line_no, first, &mut lines);
                }
                format => {
                    return Err(FileError {
                        line: 0,
                        message: format!(
                            "this is {}, not ballots text: {}",
                            format.describe(),
                            format.advice()
                        ),
                    });
                }
            }
        }
        let text = lines.text()?;
        reader.line(line_no, text)?;
    }
    reader.finish()
}

/// A Forms export: its header (at `line`, `first`), then one response per record.
fn read_forms<R: BufRead>(
    tool: Tool,
    line: usize,
    first: String,
    lines: &mut Lines<R>,
) -> Result<Ballots, FileError> {
    let header = lines.record(line, first)?;
    let sep = delimited::detect(&header).unwrap_or(',');
    let (header, options) = forms::header(tool, &delimited::split(&header, sep))
        .map_err(|message| FileError { line, message })?;
    let mut reader = forms::Reader::new(header, options);
    while let Some((line, text)) = lines.next()? {
        let record = lines.record(line, text)?;
        reader.row(line, &delimited::split(&record, sep))?;
    }
    reader.finish()
}

/// `3 × Zoo`, `3x Zoo`, `3 *`: a count of repeated ballots that cannot be taken for a
/// choice. The count's digits and the rest of the cell.
fn times(cell: &str) -> Option<(&str, &str)> {
    let digits_end = cell
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(cell.len());
    let (digits, rest) = cell.split_at(digits_end);
    if digits.is_empty() {
        return None;
    }
    let rest = rest.trim_start();
    let mut chars = rest.chars();
    let sign = chars.next()?;
    let after = chars.as_str();
    match sign {
        '×' | '*' => Some((digits, after.trim_start())),
        'x' | 'X' if after.is_empty() || after.starts_with(char::is_whitespace) => {
            Some((digits, after.trim_start()))
        }
        _ => None,
    }
}

fn is_number(cell: &str) -> bool {
    !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit())
}

/// The reader's state between lines.
#[derive(Default)]
struct Reader {
    /// From a `candidates:` line.
    declared: bool,
    /// Each candidate's name, lower-cased, to its index: names match whatever their case.
    index: HashMap<String, usize>,
    ballots: Builder,
    seen_ballot: bool,
    /// The separator between choices: the first ballot (or header) line with one outside
    /// quotes decides (`delimited::detect`).
    sep: Option<char>,
    /// Whether an option is named by a number (`candidates: 1, 2, 3`): then a leading number
    /// is a choice, and only `3 × …` repeats a ballot.
    numbered: bool,
    /// Every ballot read so far, valid or rejected: when this fits, every sum of its parts
    /// fits too.
    total: u64,
    /// Each name as spelled on a ballot read so far (up to [`SPELLINGS`] of them) to its
    /// candidate: found without lower-casing it again.
    spelled: HashMap<String, usize>,
    /// Lines read before that made a regular ballot (up to [`SEEN_LINES`] of them, each at
    /// most [`SEEN_LINE`] bytes), to the ranking they made and their count: a file of a
    /// million ballots repeats a few hundred lines, each read once and then only looked up.
    /// Forgotten when anything that decides how a line reads changes (a new candidate, the
    /// separator).
    seen: HashMap<Box<[u8]>, (usize, u64)>,
    /// How many lines [`Self::seen`] may hold.
    remember: usize,
}

/// How many distinct lines [`Reader::seen`] remembers, and the longest it remembers: at
/// most a few megabytes, however many ballots.
const SEEN_LINES: usize = 4096;
const SEEN_LINE: usize = 512;

/// How many spellings of the names [`Reader::spelled`] remembers.
const SPELLINGS: usize = 4096;

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
        // What decides how this line reads, as it stands before reading it: if reading it
        // changes that, reading it again may read differently.
        let before = (self.ballots.candidates().len(), self.sep);
        if let Some(list) = line
            .strip_prefix("candidates:")
            .or_else(|| line.strip_prefix("Candidates:"))
        {
            if self.seen_ballot || self.declared {
                return Err(err(
                    "the `candidates:` line must come once, before the ballots".into(),
                ));
            }
            // The list's own separator: the ballots may be pasted with another.
            let names: Vec<String> = delimited::split(list, delimited::detect(list).unwrap_or(','))
                .into_iter()
                .filter(|n| !n.is_empty())
                .collect();
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
            self.numbered = names.iter().any(|n| is_number(n));
            return Ok(());
        }
        let mut cells = self.split(line);
        // A header: choice1,choice2,... (optionally after a count column).
        if !self.seen_ballot
            && cells
                .iter()
                .all(|c| c.to_lowercase().starts_with("choice") || c.eq_ignore_ascii_case("count"))
        {
            return Ok(());
        }
        self.seen_ballot = true;
        let too_large = |first: &str| {
            err(format!(
                "the count {first} is too large (at most {})",
                thousands(Votes::MAX_WHOLE)
            ))
        };
        let mut count = 1u64;
        // Whether the line says its count with `×`.
        let mut times_given = false;
        let first = cells.first().cloned().unwrap_or_default();
        if let Some((digits, rest)) = times(&first)
            && self.lookup(&first).is_none()
        {
            // `3 × Zoo, Beach`: a count that cannot be a choice.
            count = digits
                .parse::<u64>()
                .ok()
                .filter(|&c| c <= Votes::MAX_WHOLE)
                .ok_or_else(|| too_large(digits))?;
            times_given = true;
            if rest.is_empty() {
                cells.remove(0);
            } else {
                cells[0] = Cow::Owned(rest.to_string());
            }
        } else if is_number(&first) && !self.numbered && cells[1..].iter().any(|c| !c.is_empty()) {
            // `12, Alice, Bob`: a leading count, unless the options are numbers. A number
            // alone on a line is a choice: a count of no choices would mean nothing.
            if !self.declared
                && cells.len() > 1
                && cells[1..].iter().all(|c| c.is_empty() || is_number(c))
            {
                return Err(err(format!(
                    "`{}` is ambiguous: is {first} a count of ballots, or the first choice? When options are named by numbers, list them on a `candidates:` line (then a leading number is a choice) and write repeated ballots as `{first} × {}`",
                    cells.join(", "),
                    cells[1..].join(", ")
                )));
            }
            count = first
                .parse::<u64>()
                .ok()
                .filter(|&c| c <= Votes::MAX_WHOLE)
                .ok_or_else(|| too_large(&first))?;
            cells.remove(0);
        }
        self.total = self
            .total
            .checked_add(count)
            .filter(|&t| t <= Votes::MAX_WHOLE)
            .ok_or_else(|| {
                err(format!(
                    "the ballots add up to more than tally can count (at most {})",
                    thousands(Votes::MAX_WHOLE)
                ))
            })?;
        let count = Votes::new(count);
        if count.is_zero() {
            self.ballots.reject(Rejected {
                line: line_no,
                count,
                kind: "zero count",
                reason: "a count of 0 ballots".into(),
            });
            return Ok(());
        }
        // Trailing empty cells are unused choices ("Alice,Bob,,").
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        if !self.declared {
            // Everyone named on any ballot stands, in order of first appearance.
            for c in cells.iter().filter(|c| !c.is_empty()) {
                if self.lookup(c).is_none() {
                    self.add(c);
                }
            }
        }
        // A name nobody stands as cannot be a mark: the ballot is rejected here. What the
        // other irregular marks mean is the counting method's to say.
        let mut marks = Vec::with_capacity(cells.len());
        for cell in &cells {
            if cell.is_empty() {
                marks.push(Mark::Skipped);
                continue;
            }
            match self.lookup(cell) {
                Some(i) => marks.push(Mark::Candidate(i)),
                None => {
                    let candidates = self.ballots.candidates();
                    let hint =
                        if self.numbered && !times_given && is_number(cell) && marks.is_empty() {
                            format!("; to repeat a ballot, write its count as `{cell} × …`")
                        } else if is_number(cell) {
                            String::new()
                        } else {
                            closest(cell, candidates.iter().map(String::as_str))
                                .map(|b| format!("; did you mean `{b}`?"))
                                .unwrap_or_default()
                        };
                    self.ballots.reject(Rejected {
                        line: line_no,
                        count,
                        kind: "unknown candidate",
                        reason: format!("unknown candidate `{cell}`{hint}"),
                    });
                    return Ok(());
                }
            }
        }
        let regular = !is_irregular(&marks);
        let at = self.ballots.add_read(&marks, count, line_no);
        if regular
            && raw.len() <= SEEN_LINE
            && self.seen.len() < self.remember
            && before == (self.ballots.candidates().len(), self.sep)
        {
            self.seen.insert(raw.as_bytes().into(), (at, count.get()));
        }
        Ok(())
    }

    /// A line read before (into [`Self::seen`]), at `line_no`: its `count` ballots join
    /// the ranking at `at`, as reading it again would have them do.
    fn again(&mut self, line_no: usize, at: usize, count: u64) -> Result<(), FileError> {
        self.total = self
            .total
            .checked_add(count)
            .filter(|&t| t <= Votes::MAX_WHOLE)
            .ok_or_else(|| FileError {
                line: line_no,
                message: format!(
                    "the ballots add up to more than tally can count (at most {})",
                    thousands(Votes::MAX_WHOLE)
                ),
            })?;
        self.ballots.add_weight(at, Votes::new(count));
        Ok(())
    }

    /// A line's cells: split at the file's separator, or at `>` (`Zoo > Beach`). Borrowed
    /// from the line unless a quote makes a cell differ from its text.
    fn split<'a>(&mut self, line: &'a str) -> Vec<Cow<'a, str>> {
        if self.sep.is_none() {
            self.sep = delimited::detect(line);
            if self.sep.is_some() {
                self.seen.clear();
            }
        }
        let sep = self.sep.unwrap_or(',');
        let split = |sep: char| -> Vec<Cow<'a, str>> {
            if line.contains('"') {
                delimited::split(line, sep)
                    .into_iter()
                    .map(Cow::Owned)
                    .collect()
            } else {
                // What `delimited::split` makes of a line without quotes.
                line.split(sep).map(|c| Cow::Borrowed(c.trim())).collect()
            }
        };
        let cells = split(sep);
        if cells.len() == 1 && line.contains('>') {
            return split('>');
        }
        cells
    }

    /// The candidate a choice names, whatever its case.
    fn lookup(&mut self, name: &str) -> Option<usize> {
        if let Some(&i) = self.spelled.get(name) {
            return Some(i);
        }
        let i = *self.index.get(&name.to_lowercase())?;
        if self.spelled.len() < SPELLINGS {
            self.spelled.insert(name.to_string(), i);
        }
        Some(i)
    }

    fn add(&mut self, name: &str) {
        let candidates = self.ballots.candidates_mut();
        self.index.insert(name.to_lowercase(), candidates.len());
        candidates.push(name.to_string());
        // A new name can change how a line read before reads (`3 x Zoo` may now be a
        // name rather than a count).
        self.seen.clear();
    }

    fn finish(self) -> Result<Ballots, FileError> {
        if self.ballots.candidates().is_empty() {
            return Err(FileError {
                line: 0,
                message: "there are no ballots: each line lists choices, e.g. `Alice, Bob`".into(),
            });
        }
        Ok(self.ballots.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(b: &Ballots, k: usize) -> Vec<usize> {
        b.rankings[k]
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Candidate(i) => Some(*i),
                Mark::Skipped | Mark::Overvote(_) => None,
            })
            .collect()
    }

    #[test]
    fn every_optional_part_of_the_format() {
        let text = "# a class vote\ncandidates: Alice, Bob, Cara\ncount,choice1,choice2\n3, Alice, Bob\n\nBob > Cara\nalice,cara,\n";
        let b = parse(text).unwrap();
        assert_eq!(b.candidates, ["Alice", "Bob", "Cara"]);
        assert_eq!(b.rankings.len(), 3);
        assert_eq!(
            (choices(&b, 0), b.rankings[0].weight),
            (vec![0, 1], Votes::new(3))
        );
        assert_eq!(choices(&b, 1), [1, 2], "`>` separates too");
        assert_eq!(choices(&b, 2), [0, 2], "names match whatever their case");
    }

    #[test]
    fn names_nobody_stands_as_and_zero_counts_are_rejected_here_with_their_line() {
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
                (5, "unknown candidate `Zed`"),
                (7, "a count of 0 ballots"),
            ]
        );
        // The repeated choice, the empty ballot and the gap are marks, for the rules.
        let irregular: Vec<&Vec<(usize, Votes)>> = b
            .rankings
            .iter()
            .filter(|r| r.is_irregular())
            .map(|r| &r.lines)
            .collect();
        assert_eq!(irregular.len(), 3);
        assert_eq!(
            b.rankings[0].marks,
            [Mark::Candidate(1), Mark::Candidate(1)]
        );
        assert!(b.rankings[1].marks.is_empty());
        assert_eq!(
            b.rankings[2].marks,
            [Mark::Candidate(0), Mark::Skipped, Mark::Candidate(1)]
        );
    }

    #[test]
    fn a_line_read_again_counts_as_reading_it_would() {
        // Repeated lines (looked up, not read again) count, with their counts.
        let b = parse("Zoo, Beach\n2, Beach\nZoo, Beach\n2, Beach\nZoo, Beach\n").unwrap();
        let read: Vec<(Vec<usize>, u64)> = (0..b.rankings.len())
            .map(|k| (choices(&b, k), b.rankings[k].weight.get()))
            .collect();
        assert_eq!(read, [(vec![0, 1], 3), (vec![1], 4)]);
        // A name that appears later can change how a line reads: `3 x Zoo` is a count of
        // three until someone called `3 x Zoo` stands, then a choice.
        let b = parse("3 x Zoo, Beach\nBeach, 3 x Zoo\n3 x Zoo, Beach\n").unwrap();
        assert_eq!(b.candidates, ["Zoo", "Beach", "3 x Zoo"]);
        let read: Vec<(Vec<usize>, u64)> = (0..b.rankings.len())
            .map(|k| (choices(&b, k), b.rankings[k].weight.get()))
            .collect();
        assert_eq!(
            read,
            [(vec![0, 1], 3), (vec![1, 2], 1), (vec![2, 1], 1)],
            "the third line is read again, not looked up"
        );
        // Irregular and rejected lines are reported at each line they are on.
        let b = parse("candidates: Zoo, Beach\nZoo, Zoo\nZed\nZoo, Zoo\nZed\n").unwrap();
        assert_eq!(
            b.rankings[0].lines,
            [(2, Votes::new(1)), (4, Votes::new(1))]
        );
        let lines: Vec<usize> = b.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 5]);
        // A sum that overflows on a repeated line names that line.
        let e = parse("9223372036854, Zoo\n9223372036854, Zoo\n9223372036854, Zoo\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("more than tally can count"),
            "{}",
            e.message
        );
        // Windows line endings and a trailing comment are part of what is looked up.
        let b = parse("Zoo,Beach\r\nZoo,Beach\nZoo,Beach # late\n").unwrap();
        assert_eq!(b.rankings[0].weight.get(), 3);
    }

    proptest::proptest! {
        /// Remembering lines read before changes nothing: any file of names, counts,
        /// separators, quotes and comments reads the same with and without it.
        #[test]
        fn remembering_lines_changes_nothing(
            lines in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "Zoo", "zoo", "Beach", " Museum", "3 x Zoo", "2", "3", "0", "3 ×",
                        "\"Zoo\"", "\"A, B\"", "", " ", "Zed", "# c", ">", "choice1",
                        "candidates: Zoo, Beach, 3", "18446744073709",
                    ]),
                    0..5,
                ),
                0..30,
            ),
            sep in proptest::sample::select(vec![",", ";", "\t", " > "]),
        ) {
            // Every line twice over, so that lines are read again.
            let text: String = lines.iter().map(|l| l.join(sep) + "\n").collect::<String>().repeat(2);
            let none = read_remembering(text.as_bytes(), &mut Progress::none(), 0);
            let some = read_remembering(text.as_bytes(), &mut Progress::none(), SEEN_LINES);
            proptest::prop_assert_eq!(none, some, "{:?}", text);
        }
    }

    #[test]
    fn sums_that_overflow_are_an_error_naming_the_line() {
        let e = parse("18446744073709, Alice\n1, Alice\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.message.contains("more than tally can count"),
            "{}",
            e.message
        );
        let e = parse("18446744073710, Alice\n").unwrap_err();
        assert_eq!((e.line, e.message.contains("too large")), (1, true));
        // The largest total that fits is fine, rejected ballots included.
        let b = parse("18446744073708, Alice\n1, Bob, Bob\n").unwrap();
        assert_eq!(b.total(), Votes::new(Votes::MAX_WHOLE));
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
        assert!(
            what(b"Timestamp,Which pet?\n").contains("Google Forms export has no ranking grid")
        );
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

    #[test]
    fn numbered_options_are_choices_and_times_repeats_a_ballot() {
        let b = parse("candidates: 1, 2, 3\n3, 1\n2 × 1, 2\n4x 2\n5 * 3, 2\n").unwrap();
        assert_eq!(b.candidates, ["1", "2", "3"]);
        let read: Vec<(Vec<usize>, u64)> = (0..b.rankings.len())
            .map(|k| (choices(&b, k), b.rankings[k].weight.get()))
            .collect();
        assert_eq!(
            read,
            [
                (vec![2, 0], 1),
                (vec![0, 1], 2),
                (vec![1], 4),
                (vec![2, 1], 5)
            ],
            "`3, 1` ranks 3 then 1"
        );
        // A number that is not an option, first on the line, says how to repeat a ballot.
        let b = parse("candidates: 1, 2\n7, 1\n").unwrap();
        assert_eq!(
            b.rejected[0].reason,
            "unknown candidate `7`; to repeat a ballot, write its count as `7 × …`"
        );
        // Old files keep working: a count before names, and `×` with names.
        let b = parse("12, Alice, Bob\n3 × Bob\n3x, Alice\n").unwrap();
        let weights: Vec<u64> = b.rankings.iter().map(|r| r.weight.get()).collect();
        assert_eq!(weights, [12, 3, 3]);
        // A name that looks like a count is still a name when it stands.
        let b = parse("candidates: 2 x 4, Relay\n2 x 4, Relay\n").unwrap();
        assert_eq!(
            (choices(&b, 0), b.rankings[0].weight.get()),
            (vec![0, 1], 1)
        );
    }

    #[test]
    fn a_number_alone_on_a_line_is_a_choice() {
        let b = parse("1\n2,\n1\n").unwrap();
        assert_eq!(b.candidates, ["1", "2"]);
        assert_eq!(b.rankings[0].weight, 2);
        assert!(b.rejected.is_empty());
    }

    #[test]
    fn numbers_alone_without_a_candidates_line_are_ambiguous_and_refused() {
        let e = parse("Zoo, Beach\n3, 1\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.message
                .starts_with("`3, 1` is ambiguous: is 3 a count of ballots, or the first choice?"),
            "{}",
            e.message
        );
        assert!(e.message.contains("`3 × 1`"), "{}", e.message);
    }

    #[test]
    fn semicolons_tabs_quotes_a_bom_and_windows_line_endings() {
        let want = |b: &Ballots| (b.candidates.clone(), choices(b, 0), choices(b, 1));
        let plain = parse("Zoo, Beach, Museum\nBeach, Museum\n").unwrap();
        for text in [
            "\u{feff}Zoo;Beach;Museum\r\nBeach;Museum\r\n",
            "Zoo\tBeach\tMuseum\nBeach\tMuseum\t\t\n",
            "\"Zoo\";\"Beach\";Museum\nBeach;Museum;\n",
            "choice1;choice2;choice3\r\nZoo;Beach;Museum\r\nBeach;Museum\r\n",
        ] {
            assert_eq!(want(&parse(text).unwrap()), want(&plain), "{text:?}");
        }
        // The first line with a separator decides; a one-choice line reads the same.
        let b = parse("Zoo\nBeach;Zoo\n").unwrap();
        assert_eq!(choices(&b, 1), [1, 0]);
        // A `candidates:` line typed with commas over ballots pasted with tabs.
        let b =
            parse("candidates: Zoo, Beach, Museum\nZoo\tBeach\tMuseum\nBeach\tMuseum\n").unwrap();
        assert_eq!(want(&b), want(&plain));
        // Quotes keep a separator inside a name.
        let b = parse("candidates: \"Smith, J\", Bob\n\"Smith, J\", Bob\n").unwrap();
        assert_eq!(b.candidates, ["Smith, J", "Bob"]);
        assert!(b.rejected.is_empty());
    }

    #[test]
    fn forms_exports_are_read_as_ballots() {
        // Microsoft Forms saved by Excel with semicolons: the ranking cell is quoted.
        let ms = "\u{feff}ID;Start time;Completion time;Email;Name;Rank the trips\r\n1;11/20/26 9:01;11/20/26 9:02;anonymous;;\"Zoo;Beach;Museum;\"\r\n2;11/20/26 9:03;11/20/26 9:04;anonymous;;\"Beach;Museum;Zoo;\"\r\n";
        let b = parse(ms).unwrap();
        assert_eq!(b.candidates, ["Zoo", "Beach", "Museum"]);
        assert_eq!(
            (choices(&b, 0), choices(&b, 1)),
            (vec![0, 1, 2], vec![1, 2, 0])
        );
        // Several question columns: the one holding lists is the ranking.
        let ms = "ID,Start time,Completion time,Email,Name,Class,Rank the trips\n1,a,b,c,d,9C,Zoo;Beach;\n";
        let b = parse(ms).unwrap();
        assert_eq!(b.candidates, ["Zoo", "Beach"]);
        let e = parse("ID,Start time,Completion time,Email,Name,Class,Rank\n1,a,b,c,d,9C,Zoo\n")
            .unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.message.contains(
                "2 question columns (column F (`Class`), column G (`Rank`)), and none of them holds"
            ),
            "{}",
            e.message
        );
        // A Google grid whose rows are numbers: worded ranks in the cells make them options.
        let g = "Timestamp,Pick [1],Pick [2],Pick [3]\nx,2nd choice,1st choice,3rd choice\nx,1st choice,,2nd choice\n";
        let b = parse(g).unwrap();
        assert_eq!(b.candidates, ["1", "2", "3"]);
        assert_eq!(
            (choices(&b, 0), choices(&b, 1)),
            (vec![1, 0, 2], vec![0, 2])
        );
        // …and names in the cells make them ranks.
        let b = parse("Timestamp,Pick [1],Pick [2]\nx,Zoo,Beach\n").unwrap();
        assert_eq!(
            (b.candidates.clone(), choices(&b, 0)),
            (vec!["Zoo".to_string(), "Beach".into()], vec![0, 1])
        );
        // A cell that runs over a line break is one cell of one response.
        let g = "Timestamp,T [1st choice],T [2nd choice],Notes\nx,Zoo,Beach,\"one\ntwo\"\nx,Beach,Zoo,\n";
        let b = parse(g).unwrap();
        assert_eq!(b.rankings.len(), 2);
        assert_eq!(b.rankings[1].lines, Vec::<(usize, Votes)>::new());
    }

    #[test]
    fn bad_responses_are_rejected_naming_the_line_and_column() {
        let g = "Timestamp,Trip [Zoo],Trip [Beach],Trip [Museum]\nx,1st choice,1st choice,2nd choice\nx,maybe,,\nx,9th choice,,\nx,1st choice,,3rd choice\nx,,,\nx,a,b,c,d\n";
        let b = parse(g).unwrap();
        let reasons: Vec<(usize, &str)> = b
            .rejected
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (2, "Zoo and Beach are both ranked 1st"),
                (
                    3,
                    "column B (`Trip [Zoo]`): `maybe` is not a rank such as `1st choice`"
                ),
                (
                    4,
                    "column B (`Trip [Zoo]`): `9th choice`, but there are only 3 options to rank"
                ),
                (7, "5 cells, but the header has 4 columns"),
            ]
        );
        // The gap (no 2nd choice) is a mark for the counting rules.
        assert_eq!(
            b.rankings[0].marks,
            [Mark::Candidate(0), Mark::Skipped, Mark::Candidate(2)]
        );
        let e = parse("Timestamp,T [1st choice]\nx,\"Zoo\n").unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (2, "a quote (`\"`) opened on this line is never closed")
        );
        let e = parse("Timestamp,T [1st choice],T [2nd choice]\n").unwrap_err();
        assert_eq!(
            e.message,
            "this Google Forms export has no responses: only its header"
        );
    }

    #[test]
    fn long_headers_and_long_cells_take_time_in_proportion_to_their_length() {
        // 60,000 distinct grid questions: looked up, not searched for, one by one.
        let mut header = String::from("Timestamp");
        for k in 0..60_000 {
            header.push_str(&format!(",Q{k} [x]"));
        }
        let e = parse(&header).unwrap_err();
        assert!(e.message.contains("60,000 grid questions"), "{}", e.message);
        assert!(e.message.contains("and 59,995 more"), "{}", e.message);
        // A quoted cell of 400,000 lines: each line's quotes counted once.
        let text = format!("Timestamp,T [1st choice]\nx,\"{}\"\n", "\n".repeat(400_000));
        let b = parse(&text).unwrap_err();
        assert!(b.message.contains("no response"), "{}", b.message);
    }
}
