//! BLT ballot files: the ballots of an STV or instant-runoff count, as Scottish councils,
//! OpenSTV/OpaVote, droop and OpenTally publish and read them.
//!
//! A BLT file is a header (`10 3`: candidates, seats), optional withdrawn candidates (a line
//! of negative numbers, `-4`, or droop's `[withdrawn 4]`) and other options in brackets, then
//! one line per group of identical ballots (`12 3 1 0`: twelve ballots ranking candidate 3,
//! then candidate 1; the `0` closes the line), a lone `0`, the candidates' names in the
//! header's order, and a title. Names come quoted (`"Gary Barton"`), unquoted (`Rob MUNN`),
//! quoted with doubled quotes inside (`"John CARSON ""Glasgow Labour"""`), or only in
//! `# ALTERNATIVE NAME 1: Gary Barton (Ind)` comments (the Scottish archive's files with no
//! name lines at all). See `docs/formats.md` for every dialect and what tally makes of it.
//!
//! The file is read a line at a time, never whole; each ballot line goes straight into an
//! `import::cvr::Sink`, which groups identical rankings, so memory follows the distinct
//! rankings, not the ballots. What comes out is the same `model::cvr::CastVoteRecords` every
//! cast vote record reader makes, counted by `count::rcv`. Anything the file gets wrong
//! refuses the whole file, with the file, the line and what is wrong: a count that quietly
//! dropped a ballot line could not be trusted.

use std::collections::HashMap;
use std::io::{BufRead, Read};
use std::path::Path;

use super::ballots_text::MAX_LINE;
use super::cvr::{Cell, MAX_RANK, Names, Sink};
use crate::model::cvr::CastVoteRecords;
use crate::model::{CandidateIdx, Votes};
use crate::text::{clean, thousands};

/// The most candidates a BLT header may declare: as many as a ballot may rank
/// ([`MAX_RANK`]), far more than any real contest, and a bound on what a header can make
/// tally allocate (a header claiming four billion candidates is refused, not believed).
pub const MAX_CANDIDATES: u32 = MAX_RANK as u32;

/// The longest candidate name or title, in bytes: names are read before anything is
/// counted and held all together, so each is bounded.
pub const MAX_NAME: usize = 1_000;

/// A BLT file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blt {
    /// The candidates (candidate k of the file is index k-1), withdrawn ones in
    /// `excluded`, and the ballots grouped by ranking, read from one file.
    pub records: CastVoteRecords,
    /// The title after the names, when the file has one.
    pub title: Option<String>,
    /// Seats to fill, as the header says.
    pub seats: u32,
    /// Candidates, as the header says (every one of them has a name in `records`).
    pub candidates: u32,
}

/// Read a BLT file, or the message saying what is wrong with it (naming the file, and the
/// line where there is one).
pub fn read(path: &Path) -> Result<Blt, String> {
    let file = path.display().to_string();
    let input = crate::files::open_stream(path).map_err(|e| e.to_string())?;
    read_from(input, &file)
}

/// Read BLT text from `input`, a line at a time; `file` is how messages and the records
/// name it.
pub fn read_from(input: impl BufRead, file: &str) -> Result<Blt, String> {
    let mut lines = Lines {
        input,
        buf: Vec::new(),
        text: String::new(),
        line_no: 0,
        file,
    };
    let (candidates, seats) = header(&mut lines)?;
    let mut reader = Reader {
        candidates: candidates as usize,
        nicknames: HashMap::new(),
        withdrawn: Vec::new(),
        seen: vec![false; candidates as usize],
        sink: Sink::new(),
        total: Votes::ZERO,
    };
    reader.options_and_ballots(&mut lines)?;
    let (names, title) = names(&mut lines, reader.candidates)?;
    let mut list = Names::default();
    for name in &names {
        list.add(name, &[]);
    }
    list.excluded = reader.withdrawn;
    reader.sink.end_file(file);
    Ok(Blt {
        records: reader.sink.finish(list),
        title,
        seats,
        candidates,
    })
}

/// A file's lines, one at a time, never the whole file.
struct Lines<'a, R> {
    input: R,
    buf: Vec<u8>,
    text: String,
    line_no: usize,
    file: &'a str,
}

impl<R: BufRead> Lines<'_, R> {
    /// Read the next line into [`Lines::text`]: `false` at the end of the file.
    fn advance(&mut self) -> Result<bool, String> {
        self.buf.clear();
        self.text.clear();
        let read = (&mut self.input)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| message(self.file, self.line_no + 1, &format!("cannot be read: {e}")))?;
        if read == 0 {
            return Ok(false);
        }
        self.line_no += 1;
        if self.buf.len() > MAX_LINE {
            return Err(self.at(&format!(
                "the line is longer than {}: a BLT file has one ballot a line",
                crate::files::human_size(MAX_LINE as u64)
            )));
        }
        let text = crate::text::utf8(&self.buf).map_err(|e| {
            message(
                self.file,
                self.line_no,
                &format!(
                    "byte 0x{:02X} at column {} is not UTF-8 text; save the file as UTF-8",
                    e.byte, e.column
                ),
            )
        })?;
        let text = text.trim_end_matches(['\n', '\r']);
        let text = if self.line_no == 1 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        self.text.push_str(text);
        Ok(true)
    }

    /// The line last read, without its line ending (`\n`, `\r\n`) or, on the first line,
    /// a byte-order mark.
    fn text(&self) -> &str {
        &self.text
    }

    /// `message` about the line last read.
    fn at(&self, what: &str) -> String {
        message(self.file, self.line_no, what)
    }

    /// `message` about the file as a whole.
    fn whole(&self, what: &str) -> String {
        clean(&format!("{}: {what}", self.file)).into_owned()
    }
}

/// `file:line: what`, safe to print.
fn message(file: &str, line: usize, what: &str) -> String {
    clean(&format!("{file}:{line}: {what}")).into_owned()
}

/// A line's numbers and words, without a `#` comment at its end.
fn content(line: &str) -> &str {
    line.split_once('#')
        .map_or(line, |(before, _)| before)
        .trim()
}

/// A token from the file, for a message: cut short when long.
fn shown(token: &str) -> String {
    const MOST: usize = 40;
    match token.char_indices().nth(MOST) {
        Some((at, _)) => format!("{}…", &token[..at]),
        None => token.to_string(),
    }
}

/// "1 candidate", "10 candidates".
fn candidates_noun(n: usize) -> String {
    format!(
        "{} candidate{}",
        thousands(n as u64),
        if n == 1 { "" } else { "s" }
    )
}

/// The header: the numbers of candidates and of seats, on the first line with anything on
/// it (blank lines and `#` comments before it are passed over).
fn header<R: BufRead>(lines: &mut Lines<'_, R>) -> Result<(u32, u32), String> {
    let mut seen_anything = false;
    while lines.advance()? {
        seen_anything |= !lines.text().trim().is_empty();
        let text = content(lines.text());
        if text.is_empty() {
            continue;
        }
        let numbers: Vec<&str> = text.split_ascii_whitespace().take(3).collect();
        let [candidates, seats] = numbers[..] else {
            return Err(lines.at(&format!(
                "the header should be two numbers, the candidates and the seats (such as `10 3`), not `{}`",
                shown(text)
            )));
        };
        let number = |t: &str, what: &str| -> Result<u64, String> {
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(lines.at(&format!(
                    "the header's {what} `{}` is not a number: the header is two numbers, the candidates and the seats (such as `10 3`)",
                    shown(t)
                )));
            }
            Ok(t.parse().unwrap_or(u64::MAX))
        };
        let c = number(candidates, "number of candidates")?;
        let s = number(seats, "number of seats")?;
        if c > u64::from(MAX_CANDIDATES) {
            return Err(lines.at(&format!(
                "the header says {} candidates; tally reads at most {}",
                shown(candidates),
                thousands(u64::from(MAX_CANDIDATES))
            )));
        }
        if s == 0 {
            return Err(lines.at("the header says 0 seats: a count fills at least one"));
        }
        let Ok(s) = u32::try_from(s) else {
            return Err(lines.at(&format!(
                "the header says {} seats, more than tally reads",
                shown(seats)
            )));
        };
        return Ok((c as u32, s));
    }
    Err(lines.whole(if seen_anything {
        "the file has no header: a BLT file starts with the numbers of candidates and of seats (such as `10 3`)"
    } else {
        "the file is empty: a BLT file starts with the numbers of candidates and of seats (such as `10 3`)"
    }))
}

/// What is read between the header and the names.
struct Reader {
    candidates: usize,
    /// droop's `[nick a b c]`: a word for each candidate, usable wherever a number is.
    nicknames: HashMap<String, CandidateIdx>,
    withdrawn: Vec<CandidateIdx>,
    /// For each candidate, whether it is already in the `=` group being read (all false
    /// between groups): a group is read in time proportional to its length.
    seen: Vec<bool>,
    sink: Sink,
    /// Every ballot read: the weights' sum, kept within what a count holds.
    total: Votes,
}

impl Reader {
    /// Options, withdrawn candidates and the ballots, up to and including the lone `0`.
    fn options_and_ballots<R: BufRead>(&mut self, lines: &mut Lines<'_, R>) -> Result<(), String> {
        let mut ballots_begun = false;
        while lines.advance()? {
            let text = content(lines.text());
            if text.is_empty() {
                continue;
            }
            if text == "0" {
                return Ok(());
            }
            if text.starts_with('[') {
                if ballots_begun {
                    return Err(lines.at(&format!(
                        "the option `{}` comes after ballot lines: options come before the first ballot",
                        shown(text)
                    )));
                }
                self.option(text).map_err(|e| lines.at(&e))?;
                continue;
            }
            if text.starts_with('-') {
                if ballots_begun {
                    return Err(lines.at(&format!(
                        "`{}` after ballot lines: withdrawn candidates (`-4`) come before the first ballot",
                        shown(text)
                    )));
                }
                self.withdrawn_line(text).map_err(|e| lines.at(&e))?;
                continue;
            }
            if text.starts_with('"') {
                return Err(lines.at(&format!(
                    "a name, `{}`, before the lone `0` that ends the ballots",
                    shown(text)
                )));
            }
            ballots_begun = true;
            self.ballot(text).map_err(|e| lines.at(&e))?;
        }
        Err(lines.at(
            "the file ends before the lone `0` that ends the ballots (and the names that follow it)",
        ))
    }

    /// A line of withdrawn candidates: `-4`, `-2 -7`.
    fn withdrawn_line(&mut self, text: &str) -> Result<(), String> {
        for token in text.split_ascii_whitespace() {
            let number = token.strip_prefix('-').filter(|n| !n.is_empty());
            let Some(number) = number.filter(|n| n.bytes().all(|b| b.is_ascii_digit())) else {
                return Err(format!(
                    "`{}` in a line of withdrawn candidates: each is a candidate's number after a minus sign (`-4`)",
                    shown(token)
                ));
            };
            let i = self.number(number, "withdrawn candidate")?;
            self.withdraw(i);
        }
        Ok(())
    }

    fn withdraw(&mut self, i: CandidateIdx) {
        if !self.withdrawn.contains(&i) {
            self.withdrawn.push(i);
        }
    }

    /// An option in brackets, on one line: `[withdrawn 4]`, `[nick a b c]` (droop), and
    /// `[tie 3 2 1]`, `[droop precision=5]`, which are read and set aside (they say how
    /// droop breaks ties and does its arithmetic; RCTab's rules say that for tally's count).
    fn option(&mut self, text: &str) -> Result<(), String> {
        let Some(inside) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else {
            return Err(format!(
                "the option `{}` has no closing `]` on its line",
                shown(text)
            ));
        };
        let mut words = inside.split_ascii_whitespace();
        let name = words.next().unwrap_or("");
        match name {
            "withdrawn" => {
                for w in words {
                    let i = self.candidate(w, "withdrawn candidate")?;
                    self.withdraw(i);
                }
            }
            "nick" => {
                let nicks: Vec<&str> = words.collect();
                if nicks.len() != self.candidates {
                    return Err(format!(
                        "`[nick]` gives {} nicknames for {}: one each, in order",
                        nicks.len(),
                        candidates_noun(self.candidates)
                    ));
                }
                let mut map = HashMap::with_capacity(nicks.len());
                for (i, nick) in nicks.into_iter().enumerate() {
                    if nick.bytes().all(|b| b.is_ascii_digit())
                        || nick.contains(['=', '(', ')'])
                        || nick == "-"
                    {
                        return Err(format!(
                            "`{}` cannot be a nickname: a nickname is a word, not a number",
                            shown(nick)
                        ));
                    }
                    if map.insert(nick.to_string(), i).is_some() {
                        return Err(format!("the nickname `{}` is given twice", shown(nick)));
                    }
                }
                self.nicknames = map;
            }
            "tie" => {
                for w in words {
                    self.candidate(w, "candidate in `[tie]`")?;
                }
            }
            "droop" => {}
            _ => {
                return Err(format!(
                    "unknown option `[{}]`: tally reads `[withdrawn]`, `[nick]`, `[tie]` and `[droop]`",
                    shown(name)
                ));
            }
        }
        Ok(())
    }

    /// A candidate's number, `what` for the message.
    fn number(&self, digits: &str, what: &str) -> Result<CandidateIdx, String> {
        let n: u64 = digits.parse().unwrap_or(u64::MAX);
        if n == 0 || n > self.candidates as u64 {
            return Err(if n == 0 {
                format!(
                    "{what} 0: candidates are numbered from 1 to {}",
                    self.candidates
                )
            } else {
                format!(
                    "{what} {}, but the header says {}",
                    shown(digits),
                    candidates_noun(self.candidates)
                )
            });
        }
        Ok(n as usize - 1)
    }

    /// A candidate by number (from 1) or nickname.
    fn candidate(&self, token: &str, what: &str) -> Result<CandidateIdx, String> {
        if let Some(&i) = self.nicknames.get(token) {
            return Ok(i);
        }
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            return self.number(token, what);
        }
        let nick = if self.nicknames.is_empty() {
            ""
        } else {
            " or a nickname from `[nick]`"
        };
        Err(format!(
            "{what} `{}` is not a candidate: expected a number from 1 to {}{nick}",
            shown(token),
            self.candidates
        ))
    }

    /// A ballot line: `weight pref pref ... 0`, the weight whole or decimal; a preference is
    /// a candidate, `-` for a skipped rank (OpenSTV), or candidates joined by `=`, ranked
    /// equal (an overvote at that rank). OpenSTV's ballot id in parentheses may lead it.
    fn ballot(&mut self, text: &str) -> Result<(), String> {
        let mut tokens = text.split_ascii_whitespace();
        let mut first = tokens.next().unwrap_or("");
        if first.starts_with('(') {
            let mut id = first;
            while !id.ends_with(')') {
                id = tokens
                    .next()
                    .ok_or("the ballot id in parentheses is never closed with `)`")?;
            }
            first = tokens
                .next()
                .ok_or("the ballot id in parentheses is not followed by a weight")?;
        }
        let weight = weight(first)?;
        self.sink.begin();
        let mut rank = 0;
        let mut closed = false;
        for token in tokens {
            if closed {
                return Err(format!(
                    "`{}` after the ballot's closing 0: one ballot line a line",
                    shown(token)
                ));
            }
            if token == "0" {
                closed = true;
                continue;
            }
            rank += 1;
            let cell = if token == "-" {
                Cell::Skipped
            } else if token.contains('=') {
                let mut several = Vec::new();
                for part in token.split('=') {
                    let i = self.candidate(part, "preference")?;
                    if !std::mem::replace(&mut self.seen[i], true) {
                        several.push(i);
                    }
                }
                for &i in &several {
                    self.seen[i] = false;
                }
                match several[..] {
                    [one] => Cell::Candidate(one),
                    _ => Cell::Several(several),
                }
            } else {
                Cell::Candidate(self.candidate(token, "preference")?)
            };
            self.sink.mark(rank, cell)?;
        }
        if !closed {
            return Err("ballot line has no closing 0".into());
        }
        if weight.is_zero() {
            return Err(
                "a ballot line with weight 0: a line's first number is how many ballots it stands for (the lone `0` ends the ballots)"
                    .into(),
            );
        }
        self.total = self.total.checked_add(weight).ok_or_else(|| {
            format!(
                "the ballots' weights add up to more than tally holds (at most {})",
                thousands(Votes::MAX_WHOLE)
            )
        })?;
        self.sink.end(weight);
        Ok(())
    }
}

/// A ballot line's weight: how many ballots it stands for, whole or decimal.
fn weight(token: &str) -> Result<Votes, String> {
    if token.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        Votes::parse_decimal(token).map_err(|e| format!("the ballot line's weight: {e}"))
    } else {
        Err(format!(
            "`{}` is not a weight: a ballot line starts with how many ballots it stands for (such as `12 3 1 0`)",
            shown(token)
        ))
    }
}

/// The names after the ballots, then the title: one a line, quoted or not, or (when there
/// are no name lines) in `# ALTERNATIVE NAME n:` comments.
fn names<R: BufRead>(
    lines: &mut Lines<'_, R>,
    candidates: usize,
) -> Result<(Vec<String>, Option<String>), String> {
    // Names then the title: at most one more than the candidates is kept.
    let mut items: Vec<String> = Vec::new();
    let mut alternative: Vec<Option<String>> = Vec::new();
    let mut last_line = lines.line_no;
    while items.len() <= candidates {
        if !lines.advance()? {
            break;
        }
        let text = lines.text().trim();
        if text.is_empty() {
            continue;
        }
        last_line = lines.line_no;
        if let Some(comment) = text.strip_prefix('#') {
            if let Some((k, name)) = alternative_name(comment)
                && (1..=candidates).contains(&k)
            {
                if name.len() > MAX_NAME {
                    return Err(lines.at(&too_long()));
                }
                if alternative.is_empty() {
                    alternative.resize(candidates, None);
                }
                alternative[k - 1] = Some(name.to_string());
            }
            continue;
        }
        let read = if text.starts_with('"') {
            quoted(text).map_err(|e| lines.at(&e))?
        } else {
            vec![text.to_string()]
        };
        for name in read {
            if name.len() > MAX_NAME {
                return Err(lines.at(&too_long()));
            }
            if items.len() < candidates {
                let k = items.len() + 1;
                if name.is_empty() {
                    return Err(lines.at(&format!("candidate {k}'s name is empty")));
                }
                if let Some(j) = items.iter().position(|n| *n == name) {
                    return Err(lines.at(&format!(
                        "candidate {k} has the same name as candidate {}, `{}`: each needs a name of their own",
                        j + 1,
                        shown(&name)
                    )));
                }
            }
            if items.len() <= candidates {
                items.push(name);
            }
        }
    }
    if items.len() >= candidates {
        let title = (items.len() > candidates)
            .then(|| items.pop())
            .flatten()
            .filter(|t| !t.is_empty());
        return Ok((items, title));
    }
    let complete = !alternative.is_empty() && alternative.iter().all(Option::is_some);
    if complete && items.len() <= 1 {
        let names: Vec<String> = alternative.into_iter().flatten().collect();
        if let Some(k) = (1..names.len()).find(|&k| names[..k].contains(&names[k])) {
            return Err(message(
                lines.file,
                last_line,
                &format!(
                    "`# ALTERNATIVE NAME {}` is the same as another: each candidate needs a name of their own",
                    k + 1
                ),
            ));
        }
        return Ok((names, items.pop().filter(|t| !t.is_empty())));
    }
    let found = alternative.iter().filter(|a| a.is_some()).count();
    let comments = if found > 0 {
        format!(" (and `# ALTERNATIVE NAME` comments name {found} of them, not all)",)
    } else {
        String::new()
    };
    Err(message(
        lines.file,
        last_line.max(1),
        &format!(
            "the header says {}, but {} the ballots{comments}: a name line is missing",
            candidates_noun(candidates),
            match items.len() {
                0 => "no name follows".to_string(),
                1 => "only 1 name follows".to_string(),
                n => format!("only {n} names follow"),
            }
        ),
    ))
}

fn too_long() -> String {
    format!(
        "a name longer than {} characters: a name line holds one candidate's name",
        thousands(MAX_NAME as u64)
    )
}

/// `ALTERNATIVE NAME 3: Fiacra Fullerton (Sol)` (the comment's text after `#`): the
/// candidate's number and name.
fn alternative_name(comment: &str) -> Option<(usize, &str)> {
    let rest = comment.trim_start();
    let prefix = "ALTERNATIVE NAME";
    if !rest
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    {
        return None;
    }
    let (number, name) = rest[prefix.len()..].split_once(':')?;
    let number = number.trim();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let name = name.trim();
    (!name.is_empty()).then(|| (number.parse().unwrap_or(usize::MAX), name))
}

/// The quoted strings on a line (`"Gary Barton"`; several on one line are several names),
/// a quote inside one doubled (`"John CARSON ""Glasgow Labour"""`); a `#` after them starts a
/// comment. A line that starts and ends with a quote but has lone quotes inside
/// (`"John "Jack" Smith"`) is one name, the quotes inside kept.
fn quoted(text: &str) -> Result<Vec<String>, String> {
    match quoted_strict(text) {
        Ok(names) => Ok(names),
        Err(e) => match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(inside) => Ok(vec![inside.replace("\"\"", "\"").trim().to_string()]),
            None => Err(e),
        },
    }
}

fn quoted_strict(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.next() {
            None | Some('#') => return Ok(out),
            Some('"') => {}
            Some(_) => {
                return Err(format!(
                    "text after a quoted name on the line `{}`: one name a line, in quotes (a quote inside doubled: `\"\"`) or not",
                    shown(text)
                ));
            }
        }
        let mut name = String::new();
        loop {
            match chars.next() {
                None => {
                    return Err(format!(
                        "the quote opened in `{}` is never closed",
                        shown(text)
                    ));
                }
                Some('"') if chars.next_if_eq(&'"').is_some() => name.push('"'),
                Some('"') => break,
                Some(c) => name.push(c),
            }
        }
        out.push(name.trim().to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ballots::Mark;

    fn read_str(text: &str) -> Result<Blt, String> {
        read_from(text.as_bytes(), "t.blt")
    }

    /// The ballots as (marks as candidate numbers from 1, 0 for skipped, negative lists for
    /// overvotes joined), weight, sorted.
    fn ballots(b: &Blt) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = b
            .records
            .ballots
            .rankings
            .iter()
            .map(|r| {
                let marks: Vec<String> = r
                    .marks
                    .iter()
                    .map(|m| match m {
                        Mark::Candidate(i) => (i + 1).to_string(),
                        Mark::Skipped => "-".to_string(),
                        Mark::Overvote(list) => list
                            .iter()
                            .map(|i| (i + 1).to_string())
                            .collect::<Vec<_>>()
                            .join("="),
                    })
                    .collect();
                (marks.join(" "), r.weight.plain())
            })
            .collect();
        out.sort();
        out
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = list
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_quoted_file_reads_names_title_seats_and_grouped_ballots() {
        let b = read_str(
            "3 1\n4 1 2 0\n2 3 0\n1 1 2 0\n0\n\"Castor\"\n\"Pollux\"\n\"Helen\"\n\"The twins\"\n",
        )
        .unwrap();
        assert_eq!(b.records.ballots.candidates, ["Castor", "Pollux", "Helen"]);
        assert_eq!(b.title.as_deref(), Some("The twins"));
        assert_eq!((b.seats, b.candidates), (1, 3));
        assert_eq!(ballots(&b), pairs(&[("1 2", "5"), ("3", "2")]));
        assert_eq!(b.records.total(), Votes::new(7));
        assert_eq!(b.records.files.len(), 1);
        assert_eq!(b.records.files[0].file, "t.blt");
        assert!(b.records.excluded.is_empty());
        assert_eq!(b.records.write_in, None);
    }

    #[test]
    fn unquoted_names_and_no_final_newline() {
        let b = read_str("2 1\n3 1 0\n1 2 1 0\n0\nRob MUNN\nLorna SLATER\nWard 12 - Leith Walk")
            .unwrap();
        assert_eq!(b.records.ballots.candidates, ["Rob MUNN", "Lorna SLATER"]);
        assert_eq!(b.title.as_deref(), Some("Ward 12 - Leith Walk"));
        // No title at all is fine too.
        let b = read_str("2 1\n3 1 0\n0\nRob MUNN\nLorna SLATER").unwrap();
        assert_eq!(b.title, None);
    }

    #[test]
    fn doubled_quotes_inside_a_quoted_name_are_one_quote() {
        let b = read_str(
            "2 1\n1 1 0\n0\n\"John CARSON \"\"Glasgow Labour\"\"\"\n\"Jen BELL \"\"Green\"\"\"\nWard 1 Linn\n",
        )
        .unwrap();
        assert_eq!(
            b.records.ballots.candidates,
            ["John CARSON \"Glasgow Labour\"", "Jen BELL \"Green\""]
        );
        assert_eq!(b.title.as_deref(), Some("Ward 1 Linn"));
        // Lone quotes inside a quoted line are kept as they are.
        let b = read_str("1 1\n1 1 0\n0\n\"John \"Jack\" Smith\"\n").unwrap();
        assert_eq!(b.records.ballots.candidates, ["John \"Jack\" Smith"]);
        // Several quoted names on one line (droop reads words, not lines).
        let b = read_str("2 1\n1 1 0\n0\n\"A\" \"B\" \"Title\" # the end\n").unwrap();
        assert_eq!(b.records.ballots.candidates, ["A", "B"]);
        assert_eq!(b.title.as_deref(), Some("Title"));
    }

    #[test]
    fn names_only_in_alternative_name_comments() {
        let text = "3 1\n2 1 0\n1 3 2 0\n0\n\
            # ALTERNATIVE NAME 1: Gary Barton (Ind)\n\
            # ALTERNATIVE NAME 3: Fiacra Fullerton (Sol)\n\
            # ALTERNATIVE NAME 2: Alasdair Duke - Wardrop (Grn)\n\
            Calton ward";
        let b = read_str(text).unwrap();
        assert_eq!(
            b.records.ballots.candidates,
            [
                "Gary Barton (Ind)",
                "Alasdair Duke - Wardrop (Grn)",
                "Fiacra Fullerton (Sol)"
            ]
        );
        assert_eq!(b.title.as_deref(), Some("Calton ward"));
        // With name lines as well, the name lines are the names.
        let text =
            "1 1\n1 1 0\n0\n# ALTERNATIVE NAME 1: Gary Barton (Ind)\n\"Gary Barton\"\n\"Calton\"\n";
        let b = read_str(text).unwrap();
        assert_eq!(b.records.ballots.candidates, ["Gary Barton"]);
        // Comments that name only some candidates do not make up for missing lines.
        let text = "2 1\n1 1 0\n0\n# ALTERNATIVE NAME 1: Gary Barton (Ind)\nCalton";
        assert_eq!(
            read_str(text).unwrap_err(),
            "t.blt:5: the header says 2 candidates, but only 1 name follows the ballots (and `# ALTERNATIVE NAME` comments name 1 of them, not all): a name line is missing"
        );
    }

    #[test]
    fn a_bom_windows_line_endings_comments_and_non_ascii_names() {
        let b = read_str(
            "\u{feff}# made by hand\r\n3 2\r\n4 1 2 0 # four of these\r\n\r\n2 3 0\r\n0\r\n\"Cåstor\"\r\n\"Pøllüx\"\r\n\"Hélen\"\r\n\"Pøllüx and Hélen should tie\"",
        )
        .unwrap();
        assert_eq!(b.records.ballots.candidates, ["Cåstor", "Pøllüx", "Hélen"]);
        assert_eq!(b.title.as_deref(), Some("Pøllüx and Hélen should tie"));
        assert_eq!((b.seats, b.candidates), (2, 3));
        assert_eq!(ballots(&b), pairs(&[("1 2", "4"), ("3", "2")]));
    }

    #[test]
    fn withdrawn_candidates_as_negative_numbers_or_an_option() {
        let text = "4 1\n-4 -2\n1 4 1 0\n2 2 3 0\n0\nA\nB\nC\nD\n";
        let b = read_str(text).unwrap();
        assert_eq!(b.records.excluded, [3, 1]);
        // The withdrawn keep their marks: the count passes over them.
        assert_eq!(ballots(&b), pairs(&[("4 1", "1"), ("2 3", "2")]));
        let b = read_str("4 1\n[withdrawn 4]\n-2\n[withdrawn 2]\n1 1 0\n0\nA\nB\nC\nD\n").unwrap();
        assert_eq!(b.records.excluded, [3, 1]);
        assert_eq!(
            read_str("4 1\n-5\n1 1 0\n0\nA\nB\nC\nD\n").unwrap_err(),
            "t.blt:2: withdrawn candidate 5, but the header says 4 candidates"
        );
        assert_eq!(
            read_str("4 1\n-2 3\n1 1 0\n0\nA\nB\nC\nD\n").unwrap_err(),
            "t.blt:2: `3` in a line of withdrawn candidates: each is a candidate's number after a minus sign (`-4`)"
        );
        assert_eq!(
            read_str("4 1\n1 1 0\n-2\n0\nA\nB\nC\nD\n").unwrap_err(),
            "t.blt:3: `-2` after ballot lines: withdrawn candidates (`-4`) come before the first ballot"
        );
    }

    #[test]
    fn droop_options_are_read_and_nicknames_name_candidates() {
        let b = read_str(
            "3 2\n[tie 3 2 1 ]\n[droop precision=5 meek]\n4 1 2 0\n2 3 0\n0\n\"Castor\"\n\"Pollux\"\n\"Helen\"\n\"t\"\n",
        )
        .unwrap();
        assert_eq!(ballots(&b), pairs(&[("1 2", "4"), ("3", "2")]));
        let b = read_str("3 2\n[nick a b c]\n[withdrawn c]\n5 a b 0\n1 b=c 0\n3 c 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"t\"\n")
            .unwrap();
        assert_eq!(b.records.excluded, [2]);
        assert_eq!(
            ballots(&b),
            pairs(&[("1 2", "5"), ("2=3", "1"), ("3", "3")])
        );
        assert_eq!(
            read_str("3 1\n[tie 3 2 4]\n1 1 0\n0\nA\nB\nC\n").unwrap_err(),
            "t.blt:2: candidate in `[tie]` 4, but the header says 3 candidates"
        );
        assert_eq!(
            read_str("3 1\n[quota hare]\n1 1 0\n0\nA\nB\nC\n").unwrap_err(),
            "t.blt:2: unknown option `[quota]`: tally reads `[withdrawn]`, `[nick]`, `[tie]` and `[droop]`"
        );
        assert_eq!(
            read_str("3 1\n[tie 3 2 1\n1 1 0\n0\nA\nB\nC\n").unwrap_err(),
            "t.blt:2: the option `[tie 3 2 1` has no closing `]` on its line"
        );
        assert_eq!(
            read_str("3 1\n[nick a b]\n1 1 0\n0\nA\nB\nC\n").unwrap_err(),
            "t.blt:2: `[nick]` gives 2 nicknames for 3 candidates: one each, in order"
        );
        assert_eq!(
            read_str("2 1\n[nick a a]\n1 1 0\n0\nA\nB\n").unwrap_err(),
            "t.blt:2: the nickname `a` is given twice"
        );
        assert_eq!(
            read_str("2 1\n1 1 0\n[tie 1 2]\n0\nA\nB\n").unwrap_err(),
            "t.blt:3: the option `[tie 1 2]` comes after ballot lines: options come before the first ballot"
        );
    }

    #[test]
    fn weights_whole_or_decimal_add_up_exactly() {
        let b = read_str("2 1\n1.5 1 0\n2.25 1 0\n683 2 1 0\n0\nA\nB\n").unwrap();
        assert_eq!(ballots(&b), pairs(&[("1", "3.75"), ("2 1", "683")]));
        assert_eq!(b.records.total().plain(), "686.75");
        let big = Votes::MAX_WHOLE;
        let e = read_str(&format!("2 1\n{big} 1 0\n1 2 0\n0\nA\nB\n")).unwrap_err();
        assert_eq!(
            e,
            "t.blt:3: the ballots' weights add up to more than tally holds (at most 18,446,744,073,709)"
        );
        assert_eq!(
            read_str("2 1\nten 1 0\n0\nA\nB\n").unwrap_err(),
            "t.blt:2: `ten` is not a weight: a ballot line starts with how many ballots it stands for (such as `12 3 1 0`)"
        );
        assert_eq!(
            read_str("2 1\n1.0000001 1 0\n0\nA\nB\n").unwrap_err(),
            "t.blt:2: the ballot line's weight: `1.0000001` has more than 6 decimal places, more than tally holds"
        );
        assert_eq!(
            read_str("2 1\n0 1 0\n0\nA\nB\n").unwrap_err(),
            "t.blt:2: a ballot line with weight 0: a line's first number is how many ballots it stands for (the lone `0` ends the ballots)"
        );
    }

    #[test]
    fn skipped_and_equal_preferences_and_blank_ballots() {
        // OpenSTV's `-` is a skipped rank; `=` ranks several candidates equal: an overvote at
        // that rank, which the count's overvote rule decides; `5 0` is five blank ballots.
        let b =
            read_str("3 1\n1 1 - 2 0\n2 1=2 3 0\n1 2=2 0\n5 0\n(b7) 1 3 0\n0\nA\nB\nC\n").unwrap();
        assert_eq!(
            ballots(&b),
            pairs(&[
                ("", "5"),
                ("1 - 2", "1"),
                ("1=2 3", "2"),
                ("2", "1"),
                ("3", "1")
            ])
        );
        assert_eq!(b.records.total(), Votes::new(10));
    }

    #[test]
    fn ballot_lines_that_cannot_be_read_name_their_line() {
        let bad = |text: &str| read_str(text).unwrap_err();
        assert_eq!(
            bad("2 1\n1 1 2\n0\nA\nB\n"),
            "t.blt:2: ballot line has no closing 0"
        );
        assert_eq!(
            bad("10 1\n1 1 12 0\n0\n"),
            "t.blt:2: preference 12, but the header says 10 candidates"
        );
        assert_eq!(
            bad("1 1\n1 1 0 2 0\n0\nA\n"),
            "t.blt:2: `2` after the ballot's closing 0: one ballot line a line"
        );
        assert_eq!(
            bad("2 1\n1 1 x 0\n0\nA\nB\n"),
            "t.blt:2: preference `x` is not a candidate: expected a number from 1 to 2"
        );
        assert_eq!(
            bad("2 1\n1 1 -2 0\n0\nA\nB\n"),
            "t.blt:2: preference `-2` is not a candidate: expected a number from 1 to 2"
        );
        assert_eq!(
            bad("2 1\n1 1 0\n\"A\"\n\"B\"\n"),
            "t.blt:3: a name, `\"A\"`, before the lone `0` that ends the ballots"
        );
        assert_eq!(
            bad("2 1\n1 1 0\n"),
            "t.blt:2: the file ends before the lone `0` that ends the ballots (and the names that follow it)"
        );
        assert_eq!(
            bad("2 1\n(7)\n0\nA\nB\n"),
            "t.blt:2: the ballot id in parentheses is not followed by a weight"
        );
        assert_eq!(
            bad("2 1\n(7 1 1 0\n0\nA\nB\n"),
            "t.blt:2: the ballot id in parentheses is never closed with `)`"
        );
        let mut long = "1 1\n1".to_string();
        long.push_str(&" 1".repeat(MAX_RANK + 1));
        long.push_str(" 0\n0\nA\n");
        assert_eq!(
            read_str(&long).err().as_deref().unwrap_or("read"),
            "t.blt:2: rank 1001 is not one tally reads (ranks run from 1 to 1000)"
        );
    }

    #[test]
    fn headers_that_are_not_two_numbers() {
        let bad = |text: &str| read_str(text).unwrap_err();
        assert_eq!(
            bad(""),
            "t.blt: the file is empty: a BLT file starts with the numbers of candidates and of seats (such as `10 3`)"
        );
        assert_eq!(
            bad("# only a comment\n\n"),
            "t.blt: the file has no header: a BLT file starts with the numbers of candidates and of seats (such as `10 3`)"
        );
        assert_eq!(
            bad("10\n"),
            "t.blt:1: the header should be two numbers, the candidates and the seats (such as `10 3`), not `10`"
        );
        assert_eq!(
            bad("10 3 2\n"),
            "t.blt:1: the header should be two numbers, the candidates and the seats (such as `10 3`), not `10 3 2`"
        );
        assert_eq!(
            bad("ten 3\n"),
            "t.blt:1: the header's number of candidates `ten` is not a number: the header is two numbers, the candidates and the seats (such as `10 3`)"
        );
        assert_eq!(
            bad("4294967295 1\n0\n"),
            "t.blt:1: the header says 4294967295 candidates; tally reads at most 1,000"
        );
        assert_eq!(
            bad("99999999999999999999999 1\n0\n"),
            "t.blt:1: the header says 99999999999999999999999 candidates; tally reads at most 1,000"
        );
        assert_eq!(
            bad("3 0\n0\n"),
            "t.blt:1: the header says 0 seats: a count fills at least one"
        );
        assert_eq!(
            bad("3 99999999999\n0\n"),
            "t.blt:1: the header says 99999999999 seats, more than tally reads"
        );
        // No candidates is a file (Stack Exchange publishes them for elections that never
        // happened); the count has nothing to do.
        let b = read_str("0 2\n0\n\"An election that never was\"\n").unwrap();
        assert!(b.records.ballots.candidates.is_empty());
        assert_eq!(b.title.as_deref(), Some("An election that never was"));
    }

    #[test]
    fn names_that_cannot_be_read() {
        let bad = |text: &str| read_str(text).unwrap_err();
        assert_eq!(
            bad("3 1\n1 1 0\n0\n\"A\"\n\"B\"\n"),
            "t.blt:5: the header says 3 candidates, but only 2 names follow the ballots: a name line is missing"
        );
        assert_eq!(
            bad("1 1\n1 1 0\n0\n"),
            "t.blt:3: the header says 1 candidate, but no name follows the ballots: a name line is missing"
        );
        assert_eq!(
            bad("2 1\n1 1 0\n0\n\"A\"\n\"A\"\n"),
            "t.blt:5: candidate 2 has the same name as candidate 1, `A`: each needs a name of their own"
        );
        assert_eq!(
            bad("2 1\n1 1 0\n0\n\"A\"\n\"\"\n"),
            "t.blt:5: candidate 2's name is empty"
        );
        assert_eq!(
            bad("2 1\n1 1 0\n0\n\"A\"\n\"B\n"),
            "t.blt:5: the quote opened in `\"B` is never closed"
        );
        assert_eq!(
            bad("2 1\n1 1 0\n0\n\"A\" B\n"),
            "t.blt:4: text after a quoted name on the line `\"A\" B`: one name a line, in quotes (a quote inside doubled: `\"\"`) or not"
        );
        let long = format!("1 1\n1 1 0\n0\n{}\n", "x".repeat(MAX_NAME + 1));
        assert_eq!(
            bad(&long),
            "t.blt:4: a name longer than 1,000 characters: a name line holds one candidate's name"
        );
    }

    #[test]
    fn what_a_file_cannot_show_a_terminal() {
        let e = read_str("2 1\n1 1 \u{1b}[31m 0\n0\nA\nB\n").unwrap_err();
        assert!(!e.contains('\u{1b}'), "{e}");
        let e = read_from(&b"2 1\n1 1 \xff 0\n"[..], "t.blt").unwrap_err();
        assert_eq!(
            e,
            "t.blt:2: byte 0xFF at column 5 is not UTF-8 text; save the file as UTF-8"
        );
        let mut long = b"2 1\n1".to_vec();
        long.extend(std::iter::repeat_n(b' ', MAX_LINE + 10));
        let e = read_from(&long[..], "t.blt").unwrap_err();
        assert_eq!(
            e,
            "t.blt:2: the line is longer than 1 MB: a BLT file has one ballot a line"
        );
    }

    #[test]
    fn memory_follows_distinct_rankings_not_ballots() {
        let mut text = String::from("3 1\n");
        for k in 0..30_000 {
            text.push_str(["1 1 2 0\n", "1 2 0\n", "1 3 1 2 0\n"][k % 3]);
        }
        text.push_str("0\nA\nB\nC\n");
        let b = read_str(&text).unwrap();
        assert_eq!(b.records.ballots.rankings.len(), 3);
        assert_eq!(b.records.total(), Votes::new(30_000));
    }

    #[test]
    fn long_equal_groups_take_time_in_proportion_to_their_length() {
        // A line of nearly a megabyte, one `=` group of 1,000 candidates named over and over.
        let group: Vec<String> = (0..200_000).map(|k| (k % 1_000 + 1).to_string()).collect();
        let text = format!("1000 1\n1 {} 0\n0\n", group.join("="));
        let mut names = String::new();
        for k in 1..=1_000 {
            names.push_str(&format!("C{k}\n"));
        }
        let b = read_str(&(text + &names)).unwrap();
        let [ranking] = &b.records.ballots.rankings[..] else {
            panic!("one ranking")
        };
        assert!(matches!(&ranking.marks[..], [Mark::Overvote(list)] if list.len() == 1_000));
    }

    /// The real BLT files in `../shared/interop` (other people's data, never copied here),
    /// when that folder is there: names, seats, ballots, and the first preferences their
    /// publishers give. Skipped in a clone without it.
    #[test]
    fn the_real_blt_files_in_the_interop_corpus() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop");
        if !root.is_dir() {
            eprintln!("skipped: no {}", root.display());
            return;
        }
        // (case, file, seats, ballots, first candidate, last candidate, title)
        let cases = [
            (
                "blt-edinburgh-2019-leith-walk",
                "edinburgh_2019_by_election_leith_walk.blt",
                1,
                7_267,
                "Steven ALEXANDER",
                "Paul Mitchell STIRLING",
                Some("Ward 12 - Leith Walk"),
            ),
            (
                "blt-glasgow-2022-linn",
                "glasgow_2022_by_election_linn_ward.blt",
                1,
                5_132,
                "Jen BELL \"Elect a Scottish Green Councillor\"",
                "Pauline SUTHERLAND \"Scottish Conservative and Unionist Party\"",
                Some("Ward 1 Linn"),
            ),
            (
                "blt-glasgow-2007-calton",
                "Calton-2007.blt",
                3,
                5_199,
                "Gary Barton",
                "Alison E Thewliss",
                Some("CALTON"),
            ),
            (
                "edge-blt-alternative-name-comments",
                "glasgow_2007_calton.blt",
                3,
                5_199,
                "Gary Barton (Ind)",
                "Alison E Thewliss (SNP)",
                Some("Calton ward"),
            ),
            (
                "edge-blt-bom-unicode",
                "42ubom.blt",
                2,
                6,
                "Cåstor",
                "Hélen",
                Some("Pøllüx and Hélen should tie"),
            ),
            (
                "edge-blt-withdrawn-candidate",
                "SCw.blt",
                4,
                94,
                "Budd Dickinson",
                "Steve Kramer",
                Some("GPUS Steering Committee Election 2005-07-24"),
            ),
        ];
        for (case, file, seats, total, first, last, title) in cases {
            let dir = root.join(case);
            let b = read(&dir.join(file)).unwrap_or_else(|e| panic!("{case}: {e}"));
            let names = &b.records.ballots.candidates;
            assert_eq!(names.len(), b.candidates as usize, "{case}");
            assert_eq!(names.first().map(String::as_str), Some(first), "{case}");
            assert_eq!(names.last().map(String::as_str), Some(last), "{case}");
            assert_eq!(b.title.as_deref(), title, "{case}");
            assert_eq!(b.seats, seats, "{case}");
            assert_eq!(b.records.total(), Votes::new(total), "{case}");
            // First preferences: each ballot's first candidate still standing.
            let mut firsts = vec![Votes::ZERO; names.len()];
            for r in &b.records.ballots.rankings {
                let first = r.marks.iter().find_map(|m| match m {
                    Mark::Candidate(i) if !b.records.excluded.contains(i) => Some(*i),
                    _ => None,
                });
                if let Some(i) = first {
                    firsts[i] += r.weight;
                }
            }
            let Ok(text) = std::fs::read_to_string(dir.join("expected.json")) else {
                continue; // Linn: no published answer in the folder
            };
            let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
            let published = expected["rounds"][0]["tally"]
                .as_object()
                .or(expected["first_preferences"].as_object())
                .unwrap_or_else(|| panic!("{case}: no first preferences"));
            assert_eq!(
                published.len(),
                names.len() - b.records.excluded.len(),
                "{case}"
            );
            for (name, votes) in published {
                let i = names
                    .iter()
                    .position(|n| n == name || n.starts_with(&format!("{name} (")))
                    .unwrap_or_else(|| panic!("{case}: no candidate {name}"));
                assert_eq!(
                    firsts[i],
                    Votes::new(votes.as_u64().unwrap()),
                    "{case}: {name}"
                );
            }
        }
        let sw = read(&root.join("edge-blt-withdrawn-candidate/SCw.blt")).unwrap();
        assert_eq!(sw.records.excluded, [3]);
        assert_eq!(sw.records.ballots.candidates[3], "Pat LaMarche");
    }
}
