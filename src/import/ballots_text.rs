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

use std::collections::HashMap;
use std::io::{BufRead, Read};

use super::recognise::{Format, recognise};
use crate::model::Votes;
use crate::model::ballots::{Ballots, Builder, Mark, Rejected};
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

/// Read a ballots file, or the message saying what is wrong with it (naming the file, and
/// the line where there is one).
pub fn read_file(path: &std::path::Path) -> Result<Ballots, String> {
    let file = path.display().to_string();
    let input = crate::files::open_stream(path).map_err(|e| e.to_string())?;
    read(input).map_err(|e| e.render(&file))
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
            let format = recognise(&buf);
            if format != Format::BallotsText {
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
        if buf.len() > MAX_LINE {
            return Err(FileError {
                line: line_no,
                message: format!(
                    "the line is longer than {}: a ballot is a list of names, one ballot per line",
                    crate::files::human_size(MAX_LINE as u64)
                ),
            });
        }
        let text = crate::text::utf8(&buf).map_err(|e| FileError {
            line: line_no,
            message: format!(
                "byte 0x{:02X} at column {} is not UTF-8 text; save the file as UTF-8",
                e.byte, e.column
            ),
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

/// The reader's state between lines.
#[derive(Default)]
struct Reader {
    /// From a `candidates:` line.
    declared: bool,
    /// Each candidate's name, lower-cased, to its index: names match whatever their case.
    index: HashMap<String, usize>,
    ballots: Builder,
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
                    thousands(u64::MAX)
                ))
            })?;
            cells.remove(0);
        }
        self.total = self.total.checked_add(count).ok_or_else(|| {
            err(format!(
                "the ballots add up to more than tally can count (at most {})",
                thousands(u64::MAX)
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
        // A name nobody stands as cannot be a mark: the ballot is rejected here. What the
        // other irregular marks mean is the counting method's to say.
        let mut marks = Vec::with_capacity(cells.len());
        for cell in &cells {
            if cell.is_empty() {
                marks.push(Mark::Skipped);
                continue;
            }
            match self.index.get(&cell.to_lowercase()) {
                Some(&i) => marks.push(Mark::Candidate(i)),
                None => {
                    let candidates = self.ballots.candidates();
                    let hint = closest(cell, candidates.iter().map(String::as_str))
                        .map(|b| format!("; did you mean `{b}`?"))
                        .unwrap_or_default();
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
        self.ballots.add(marks, count, line_no);
        Ok(())
    }

    fn add(&mut self, name: &str) {
        let candidates = self.ballots.candidates_mut();
        self.index.insert(name.to_lowercase(), candidates.len());
        candidates.push(name.to_string());
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
                Mark::Skipped => None,
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
        assert_eq!(b.total(), Votes::MAX);
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
