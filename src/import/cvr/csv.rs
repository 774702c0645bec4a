//! RCTab's two CSV layouts of cast vote records: its own normalised CVR CSV, and the generic
//! candidate-per-column CSV.
//!
//! - **RCTab CVR CSV** (`provider: csv`; RCTab 2's "convert to CSV", `rctab_cvr.csv`): one row
//!   per ballot, the ranks in columns found by their header (`Rank 1` … `Rank N`; the other
//!   columns, `Source Filepath` … `Precinct Portion`, or `Record Id` in an older layout, are
//!   not needed). RCTab writes each rank as a candidate's name (the undeclared write-in keeps
//!   the source's label, such as Dominion's code `12`), `undervote` for an empty rank,
//!   `overvote` for an explicit overvote, or several names joined by a newline inside one
//!   quoted cell (an overvote). Those two words are RCTab's own constants, not the source's
//!   labels, so they are read as such whatever the configuration says.
//! - **Generic CSV** (`provider: genericCsv`, as RCTab's `CsvCvrReader` reads it): transposed,
//!   one column per candidate from the first vote column, its header the candidate's name
//!   (the undeclared write-in label makes that column the write-in); each cell the RANK the
//!   ballot gives that candidate. Blank is not ranked; two candidates with one rank are an
//!   overvote; a rank number nobody has is a skipped rank; anything but a whole number from 1
//!   refuses the file.
//!
//! Both stream the file record by record with the `csv` crate: memory is one record.

use std::cell::{Cell as Shared, RefCell};
use std::collections::VecDeque;
use std::io::Read;

use super::{Cell, Labels, MAX_RANK, Names, Sink, Source};
use crate::model::{CandidateIdx, Votes};
use crate::text::clean;

/// What RCTab's CVR CSV writes for an empty rank.
pub const UNDERVOTE: &str = "undervote";
/// What RCTab's CVR CSV writes for an explicit overvote.
pub const OVERVOTE: &str = "overvote";

/// The generic CSV's first candidate column when the source does not say (1-based).
pub const GENERIC_FIRST_VOTE_COLUMN: u32 = 1;
/// The generic CSV's first ballot row when the source does not say (1-based; row 1 is the
/// header).
pub const GENERIC_FIRST_VOTE_ROW: u32 = 2;

/// Read RCTab's CVR CSV that `source` names.
pub fn read_rctab(source: &Source, names: &mut Names, sink: &mut Sink) -> Result<(), String> {
    let file = open(source)?;
    read_rctab_from(file, source, names, sink)
}

/// Read a generic candidate-per-column CSV that `source` names.
pub fn read_generic(source: &Source, names: &mut Names, sink: &mut Sink) -> Result<(), String> {
    let file = open(source)?;
    read_generic_from(file, source, names, sink)
}

/// [`read_rctab`] from bytes in memory (the fuzz target's entry point).
pub fn read_rctab_bytes(
    bytes: &[u8],
    source: &Source,
    names: &mut Names,
    sink: &mut Sink,
) -> Result<(), String> {
    read_rctab_from(bytes, source, names, sink)
}

/// [`read_generic`] from bytes in memory (the fuzz target's entry point).
pub fn read_generic_bytes(
    bytes: &[u8],
    source: &Source,
    names: &mut Names,
    sink: &mut Sink,
) -> Result<(), String> {
    read_generic_from(bytes, source, names, sink)
}

fn open(source: &Source) -> Result<impl Read, String> {
    crate::files::open_stream(&source.path)
        .map_err(|e| format!("{}: {}", clean(&source.name), e.message()))
}

fn reader<R: Read>(r: R) -> csv::Reader<Counting<R>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(Counting::new(r))
}

/// The file as the CSV parser reads it, noting where each newline is, so a record's line can
/// be told from its byte offset: the `csv` crate's own line count does not agree with a text
/// editor's once a quoted cell holds a newline (RCTab's overvote) in a file with CRLF line
/// ends. Only the newlines read ahead of the records taken are held (the parser's buffer).
struct Counting<R> {
    inner: R,
    /// Bytes read so far.
    offset: u64,
    /// Offsets of the newlines read but not yet before a record asked about.
    pending: RefCell<VecDeque<u64>>,
    /// Newlines before the last record asked about.
    passed: Shared<u64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut pending = self.pending.borrow_mut();
        for (i, _) in buf[..n].iter().enumerate().filter(|(_, b)| **b == b'\n') {
            pending.push_back(self.offset + i as u64);
        }
        self.offset += n as u64;
        Ok(n)
    }
}

impl<R> Counting<R> {
    fn new(inner: R) -> Self {
        Counting {
            inner,
            offset: 0,
            pending: RefCell::new(VecDeque::new()),
            passed: Shared::new(0),
        }
    }

    /// The line (1-based) of the byte at `offset`; offsets must not go backwards. A record
    /// the parser places on the `\n` of a CRLF (after taking the `\r` as its end) is after it.
    fn line_at(&self, offset: u64) -> u64 {
        let mut pending = self.pending.borrow_mut();
        while pending.front().is_some_and(|&at| at <= offset) {
            pending.pop_front();
            self.passed.set(self.passed.get() + 1);
        }
        self.passed.get() + 1
    }
}

/// The line `record` starts on (1-based).
fn line_of<R: Read>(csv: &csv::Reader<Counting<R>>, record: &csv::StringRecord) -> u64 {
    csv.get_ref()
        .line_at(record.position().map_or(0, |p| p.byte()))
}

/// The message for a record the CSV parser refuses (bad UTF-8, an unclosed quote).
fn csv_error<R: Read>(file: &str, e: &csv::Error, csv: &csv::Reader<Counting<R>>) -> String {
    let line = e.position().map_or(String::new(), |p| {
        format!("{}:", csv.get_ref().line_at(p.byte()))
    });
    let what = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8".to_string(),
        _ => clean(&e.to_string()).into_owned(),
    };
    format!("{file}:{line} {what}")
}

/// Read the header record: its fields, trimmed, without a byte order mark.
fn header<R: Read>(
    csv: &mut csv::Reader<Counting<R>>,
    file: &str,
    what: &str,
) -> Result<Vec<String>, String> {
    let mut record = csv::StringRecord::new();
    match csv.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return Err(format!("{file}: the file is empty; expected {what}")),
        Err(e) => return Err(csv_error(file, &e, csv)),
    }
    Ok(record
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = if i == 0 {
                h.trim_start_matches('\u{feff}')
            } else {
                h
            };
            h.trim().to_string()
        })
        .collect())
}

/// `Rank 3` → 3 (any case, spaces around).
fn rank_header(h: &str) -> Option<usize> {
    let (word, n) = h.split_at_checked(4)?;
    if !word.eq_ignore_ascii_case("rank") {
        return None;
    }
    let n = n.trim();
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok()
}

/// A header as a message quotes it: the first few fields.
fn describe_header(header: &[String]) -> String {
    if header.iter().all(String::is_empty) {
        return "an empty header".to_string();
    }
    let fields: Vec<String> = header
        .iter()
        .take(10)
        .map(|h| format!("`{}`", clean(h)))
        .collect();
    let more = if header.len() > 10 { ", …" } else { "" };
    format!("`{}`{more}", fields.join(", ").trim_matches('`'))
}

fn read_rctab_from<R: Read>(
    r: R,
    source: &Source,
    names: &mut Names,
    sink: &mut Sink,
) -> Result<(), String> {
    let file = clean(&source.name).into_owned();
    let mut csv = reader(r);
    let header = header(&mut csv, &file, "RCTab's header `… Rank 1, Rank 2, …`")?;
    // (column, rank) for each `Rank N` column.
    let mut ranks: Vec<(usize, usize)> = Vec::new();
    for (col, h) in header.iter().enumerate() {
        let Some(rank) = rank_header(h) else { continue };
        if rank == 0 || rank > MAX_RANK {
            return Err(format!(
                "{file}:1: column {} `{}`: ranks run from 1 to {MAX_RANK}",
                col + 1,
                clean(h)
            ));
        }
        if let Some(&(other, _)) = ranks.iter().find(|&&(_, r)| r == rank) {
            return Err(format!(
                "{file}:1: `Rank {rank}` is both column {} and column {}",
                other + 1,
                col + 1
            ));
        }
        ranks.push((col, rank));
    }
    if ranks.is_empty() {
        return Err(format!(
            "{file}:1: expected RCTab's CVR CSV columns `Rank 1`, `Rank 2`, …; the header has {}",
            describe_header(&header)
        ));
    }
    let mut record = csv::StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(&file, &e, &csv)),
        }
        let line = line_of(&csv, &record);
        if record.len() != header.len() {
            return Err(format!(
                "{file}:{line}: the row has {} fields; the header has {}",
                record.len(),
                header.len()
            ));
        }
        sink.begin();
        for &(col, rank) in &ranks {
            let text = record.get(col).unwrap_or("").trim();
            let at = |e: String| format!("{file}:{line}: `{}`: {e}", clean(&header[col]));
            if text.is_empty() || text == UNDERVOTE {
                continue;
            }
            if text.contains('\n') {
                for part in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
                    if part == UNDERVOTE {
                        return Err(at(format!(
                            "`{UNDERVOTE}` (an empty rank) among several candidates"
                        )));
                    }
                    let cell = rctab_cell(part, names, &source.labels).map_err(at)?;
                    mark(sink, rank, cell).map_err(at)?;
                }
            } else {
                let cell = rctab_cell(text, names, &source.labels).map_err(at)?;
                mark(sink, rank, cell).map_err(at)?;
            }
        }
        sink.end(Votes::new(1));
    }
    Ok(())
}

/// Mark `cell` at `rank`, except a skipped rank: a later mark leaves the gap, and none leaves
/// nothing, so a ballot ending in `undervote` groups with the same ballot without them.
fn mark(sink: &mut Sink, rank: usize, cell: Cell) -> Result<(), String> {
    if cell == Cell::Skipped {
        return Ok(());
    }
    sink.mark(rank, cell)
}

/// One name (or `overvote`) of an RCTab CVR CSV cell.
fn rctab_cell(text: &str, names: &mut Names, labels: &Labels) -> Result<Cell, String> {
    if text == OVERVOTE {
        return Ok(Cell::Overvote);
    }
    names.cell(text, labels)
}

fn read_generic_from<R: Read>(
    r: R,
    source: &Source,
    names: &mut Names,
    sink: &mut Sink,
) -> Result<(), String> {
    let file = clean(&source.name).into_owned();
    let mut csv = reader(r);
    let header = header(&mut csv, &file, "a header naming a candidate per column")?;
    let first_col = source
        .first_vote_column
        .unwrap_or(GENERIC_FIRST_VOTE_COLUMN)
        .max(1) as usize
        - 1;
    let first_row = u64::from(
        source
            .first_vote_row
            .unwrap_or(GENERIC_FIRST_VOTE_ROW)
            .max(2),
    );
    if first_col >= header.len() {
        return Err(format!(
            "{file}:1: expected candidates from column {} (first vote column), but the header \
             has {} column{}: {}",
            first_col + 1,
            header.len(),
            if header.len() == 1 { "" } else { "s" },
            describe_header(&header)
        ));
    }
    if let Some(blank) = header[first_col..].iter().position(String::is_empty) {
        return Err(format!(
            "{file}:1: column {} has no candidate name in the header",
            first_col + blank + 1
        ));
    }
    // A header names only a candidate or the write-in: no other label applies to it.
    let header_labels = Labels {
        write_in: source.labels.write_in.clone(),
        ..Labels::default()
    };
    // Each column's candidate, found the first time a ballot ranks it (as RCTab checks only
    // the names ballots use).
    let mut candidates: Vec<Option<CandidateIdx>> = vec![None; header.len() - first_col];
    let mut record = csv::StringRecord::new();
    // Records read, the header being the first.
    let mut number: u64 = 1;
    loop {
        match csv.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(&file, &e, &csv)),
        }
        number += 1;
        let line = line_of(&csv, &record);
        if number < first_row {
            continue;
        }
        if record.len() > header.len() {
            return Err(format!(
                "{file}:{line}: the row has {} fields; the header has {}",
                record.len(),
                header.len()
            ));
        }
        sink.begin();
        for (col, text) in record.iter().enumerate().skip(first_col) {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let name = &header[col];
            let at =
                |e: String| format!("{file}:{line}: column {} (`{}`): {e}", col + 1, clean(name));
            let rank: i64 = text.parse().map_err(|_| {
                at(format!(
                    "expected a rank (a whole number), found `{}`",
                    clean(text)
                ))
            })?;
            if rank < 1 || rank > MAX_RANK as i64 {
                return Err(at(format!(
                    "rank {rank} is not one tally reads (ranks run from 1 to {MAX_RANK})"
                )));
            }
            let slot = &mut candidates[col - first_col];
            let i = match *slot {
                Some(i) => i,
                None => {
                    let i = match names.cell(name, &header_labels).map_err(&at)? {
                        Cell::Candidate(i) => i,
                        _ => return Err(at("the header is not a candidate's name".to_string())),
                    };
                    *slot = Some(i);
                    i
                }
            };
            sink.mark(rank as usize, Cell::Candidate(i)).map_err(at)?;
        }
        sink.end(Votes::new(1));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::cvr::Provider;
    use crate::model::ballots::Mark;
    use crate::model::cvr::CastVoteRecords;
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    fn source(provider: Provider, name: &str) -> Source {
        Source::bare(name, name, provider)
    }

    fn closed(list: &[&str]) -> Names {
        let mut names = Names::default();
        for n in list {
            names.add(n, &[]);
        }
        names
    }

    fn rctab(text: &str, s: &Source, mut names: Names) -> Result<CastVoteRecords, String> {
        let mut sink = Sink::new();
        read_rctab_bytes(text.as_bytes(), s, &mut names, &mut sink)?;
        sink.end_file(&s.name);
        Ok(sink.finish(names))
    }

    fn generic(text: &str, s: &Source, mut names: Names) -> Result<CastVoteRecords, String> {
        let mut sink = Sink::new();
        read_generic_bytes(text.as_bytes(), s, &mut names, &mut sink)?;
        sink.end_file(&s.name);
        Ok(sink.finish(names))
    }

    /// Each distinct ranking as text (`A > - > B`, `[A+B]` an overvote), with its weight,
    /// sorted.
    fn rankings(cvr: &CastVoteRecords) -> Vec<(String, u64)> {
        let mut out = crate::import::cvr::testing::rankings(cvr, " > ", "-");
        out.sort();
        out
    }

    fn owned(list: &[(&str, u64)]) -> Vec<(String, u64)> {
        list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    const RCTAB: &str = "Source Filepath,CVR Provider,Contest Id,RCTab CVR Id,Tabulator Id,\
Batch Id,Vendor Id,Precinct,Precinct Portion,Rank 1,Rank 2,Rank 3
a,dominion,1,1-1,1,1,1,,P1,Ann,12,Bob
a,dominion,1,1-2,1,1,2,,P1,undervote,Ann,undervote
a,dominion,1,1-3,1,1,3,,P1,\"Ann
Bob\",Bob,undervote
a,dominion,1,1-4,1,1,4,,P1,overvote,Ann,undervote
a,dominion,1,1-5,1,1,5,,P1,undervote,undervote,undervote
";

    #[test]
    fn rctab_csv_reads_names_undervotes_overvotes_and_newline_overvotes() {
        let mut s = source(Provider::RctabCsv, "rctab_cvr.csv");
        s.labels.write_in = Some("12".into());
        let cvr = rctab(RCTAB, &s, closed(&["Ann", "Bob"])).unwrap();
        assert_eq!(
            rankings(&cvr),
            owned(&[
                ("", 1),
                ("- > Ann", 1),
                ("Ann > Undeclared Write-ins > Bob", 1),
                ("[Ann+Bob] > Bob", 1),
                ("[] > Ann", 1),
            ])
        );
        assert_eq!(cvr.files[0].ballots.get(), 5);
    }

    #[test]
    fn rctab_csv_reads_the_old_layout_and_bare_files() {
        let old = "Contest Id,Tabulator Id,Batch Id,Record Id,Precinct,Precinct Portion,\
Rank 1,Rank 2\n1,1,1,1,,P,Cy,Di\n";
        let cvr = rctab(old, &source(Provider::RctabCsv, "old.csv"), Names::open()).unwrap();
        assert_eq!(rankings(&cvr), owned(&[("Cy > Di", 1)]));
        assert_eq!(cvr.ballots.candidates, vec!["Cy", "Di"]);
    }

    #[test]
    fn rctab_csv_refusals_name_the_line_and_column() {
        let s = source(Provider::RctabCsv, "r.csv");
        let err = rctab(RCTAB, &s, closed(&["Ann", "Bobby"])).unwrap_err();
        assert_eq!(
            err,
            "r.csv:2: `Rank 2`: `12` is not a candidate in the configuration"
        );
        let err = rctab(RCTAB, &s, closed(&["Ann", "12"])).unwrap_err();
        assert_eq!(
            err,
            "r.csv:2: `Rank 3`: `Bob` is not a candidate in the configuration"
        );
        let err = rctab("Precinct,Choice 1\nP,Ann\n", &s, Names::open()).unwrap_err();
        assert_eq!(
            err,
            "r.csv:1: expected RCTab's CVR CSV columns `Rank 1`, `Rank 2`, …; the header has \
             `Precinct`, `Choice 1`"
        );
        let err = rctab("Rank 1,Rank 2\nAnn\n", &s, Names::open()).unwrap_err();
        assert_eq!(err, "r.csv:2: the row has 1 fields; the header has 2");
        let err = rctab("Rank 1,Rank 1\nAnn,Bob\n", &s, Names::open()).unwrap_err();
        assert_eq!(err, "r.csv:1: `Rank 1` is both column 1 and column 2");
        let err = rctab("Rank 1\n\"Ann\nundervote\"\n", &s, Names::open()).unwrap_err();
        assert_eq!(
            err,
            "r.csv:2: `Rank 1`: `undervote` (an empty rank) among several candidates"
        );
        let err = read_rctab_bytes(b"Rank 1\n\xff\n", &s, &mut Names::open(), &mut Sink::new())
            .unwrap_err();
        assert_eq!(err, "r.csv:2: the text is not UTF-8");
        // The line counts the newline inside the quoted overvote above it.
        let err = rctab("Rank 1\n\"A\nB\"\nC\n", &s, closed(&["A", "B"])).unwrap_err();
        assert_eq!(
            err,
            "r.csv:4: `Rank 1`: `C` is not a candidate in the configuration; did you mean `B`?"
        );
        let err = rctab("Rank 1\r\n\"A\nB\"\r\nC\r\n", &s, closed(&["A", "B"])).unwrap_err();
        assert!(err.starts_with("r.csv:4: `Rank 1`: `C`"), "{err}");
        let err = rctab("", &s, Names::open()).unwrap_err();
        assert!(err.starts_with("r.csv: the file is empty"), "{err}");
    }

    const GENERIC: &str = "Response ID,precinct_id,batch_id,Lettuce,Broccoli,Cucumber,Write-In
R1,p1,b1,,2,1,
R2,p1,b1,2,3,,1
R3,p1,b1,1,1,,
R4,p1,b1,3,,1,
R5,p1,b1,,,,
";

    fn generic_source() -> Source {
        let mut s = source(Provider::GenericCsv, "g.csv");
        s.first_vote_column = Some(4);
        s.first_vote_row = Some(2);
        s.labels.write_in = Some("Write-In".into());
        s
    }

    #[test]
    fn generic_csv_reads_ranks_per_candidate_column() {
        let cvr = generic(
            GENERIC,
            &generic_source(),
            closed(&["Lettuce", "Broccoli", "Cucumber"]),
        )
        .unwrap();
        assert_eq!(
            rankings(&cvr),
            owned(&[
                ("", 1),
                ("Cucumber > - > Lettuce", 1),
                ("Cucumber > Broccoli", 1),
                ("Undeclared Write-ins > Lettuce > Broccoli", 1),
                ("[Lettuce+Broccoli]", 1),
            ])
        );
        assert_eq!(cvr.write_in, Some(3));
    }

    #[test]
    fn generic_csv_skips_rows_before_the_first_vote_row() {
        let mut s = generic_source();
        s.first_vote_row = Some(4);
        let cvr = generic(GENERIC, &s, Names::open()).unwrap();
        assert_eq!(cvr.files[0].ballots.get(), 3);
    }

    #[test]
    fn generic_csv_refusals_name_the_line_and_column() {
        let s = generic_source();
        let names = || closed(&["Lettuce", "Broccoli", "Cucumber"]);
        let bad = GENERIC.replace("R2,p1,b1,2,3,,1", "R2,p1,b1,2,x,,1");
        assert_eq!(
            generic(&bad, &s, names()).unwrap_err(),
            "g.csv:3: column 5 (`Broccoli`): expected a rank (a whole number), found `x`"
        );
        let bad = GENERIC.replace("R2,p1,b1,2,3,,1", "R2,p1,b1,2,0,,1");
        assert_eq!(
            generic(&bad, &s, names()).unwrap_err(),
            "g.csv:3: column 5 (`Broccoli`): rank 0 is not one tally reads (ranks run from 1 \
             to 1000)"
        );
        let bad = GENERIC.replace("Cucumber,Write-In", "Cucumbre,Write-In");
        assert_eq!(
            generic(&bad, &s, names()).unwrap_err(),
            "g.csv:2: column 6 (`Cucumbre`): `Cucumbre` is not a candidate in the \
             configuration; did you mean `Cucumber`?"
        );
        let bad = GENERIC.replace("Cucumber,Write-In", ",Write-In");
        assert_eq!(
            generic(&bad, &s, names()).unwrap_err(),
            "g.csv:1: column 6 has no candidate name in the header"
        );
        let mut far = s.clone();
        far.first_vote_column = Some(9);
        assert_eq!(
            generic("a,b\n1,2\n", &far, names()).unwrap_err(),
            "g.csv:1: expected candidates from column 9 (first vote column), but the header \
             has 2 columns: `a`, `b`"
        );
        assert_eq!(
            generic(
                "a,b\n1,2,3\n",
                &source(Provider::GenericCsv, "g.csv"),
                Names::open()
            )
            .unwrap_err(),
            "g.csv:2: the row has 3 fields; the header has 2"
        );
    }

    /// An unknown name in a column nobody ranks is no error (RCTab checks only names that
    /// ballots use).
    #[test]
    fn generic_csv_checks_only_names_a_ballot_ranks() {
        let text = "A,Nobody\n1,\n";
        let mut s = source(Provider::GenericCsv, "g.csv");
        s.first_vote_column = Some(1);
        let cvr = generic(text, &s, closed(&["A"])).unwrap();
        assert_eq!(rankings(&cvr), owned(&[("A", 1)]));
    }

    fn interop(path: &str) -> Option<PathBuf> {
        let p = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/interop")
            .join(path);
        p.exists().then_some(p)
    }

    fn first_choices(cvr: &CastVoteRecords) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        for r in &cvr.ballots.rankings {
            let k = match r.marks.first() {
                Some(Mark::Candidate(i)) => cvr.ballots.candidates[*i].clone(),
                Some(Mark::Overvote(_)) => "overvote".into(),
                _ => "skipped".into(),
            };
            *out.entry(k).or_default() += r.weight.get();
        }
        out
    }

    /// The real files in `../shared/interop` when present (a fresh clone has none: then
    /// nothing is checked). The figures were counted independently with Python's csv.
    #[test]
    fn reads_the_real_csv_files_when_present() {
        let Some(path) =
            interop("cvr-rctab-cvr-csv-alaska-2020/conversions_from_dominion_expected.csv")
        else {
            eprintln!("../shared/interop is absent: the real CSV files are not checked");
            return;
        };
        let mut s = source(Provider::RctabCsv, "alaska.csv");
        s.path = path;
        s.labels.write_in = Some("12".into());
        let mut names = closed(&[
            "Joseph R. Biden",
            "Tom Steyer",
            "Bernie Sanders",
            "Amy Klobuchar",
            "Tulsi Gabbard",
            "Elizabeth Warren",
            "Michael R. Bloomberg",
            "Pete Buttigieg",
        ]);
        let mut sink = Sink::new();
        read_rctab(&s, &mut names, &mut sink).unwrap();
        sink.end_file(&s.name);
        let cvr = sink.finish(names);
        assert_eq!(cvr.files[0].ballots.get(), 1_000);
        let blank: u64 = cvr
            .ballots
            .rankings
            .iter()
            .filter(|r| r.marks.is_empty())
            .map(|r| r.weight.get())
            .sum();
        assert_eq!(blank, 55);
        let overvotes = cvr
            .ballots
            .rankings
            .iter()
            .map(|r| {
                r.weight.get()
                    * r.marks
                        .iter()
                        .filter(|m| matches!(m, Mark::Overvote(l) if l.len() > 1))
                        .count() as u64
            })
            .sum::<u64>();
        assert_eq!(overvotes, 11);
        let first = first_choices(&cvr);
        assert_eq!(first["Undeclared Write-ins"], 104);
        assert_eq!(first["Tulsi Gabbard"], 116);
        assert_eq!(first["Joseph R. Biden"], 106);
        assert_eq!(first["overvote"], 2);
        assert_eq!(first["skipped"], 56);

        let path = interop("cvr-generic-csv-candidate-columns/generic_csv_test_cvr.csv").unwrap();
        let mut s = generic_source();
        s.path = path;
        let mut names = closed(&["Lettuce", "Broccoli", "Cucumber", "Cauliflower"]);
        let mut sink = Sink::new();
        read_generic(&s, &mut names, &mut sink).unwrap();
        sink.end_file(&s.name);
        let cvr = sink.finish(names);
        assert_eq!(cvr.files[0].ballots.get(), 26);
        let first = first_choices(&cvr);
        let want: BTreeMap<String, u64> = [
            ("Cucumber", 8),
            ("Cauliflower", 4),
            ("Lettuce", 5),
            ("Undeclared Write-ins", 6),
            ("Broccoli", 3),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        assert_eq!(first, want);
    }
}
