//! ES&S cast vote record spreadsheets (.xlsx): one row per ballot, one column per rank.
//!
//! ES&S exports a workbook whose first worksheet (`Marked Sheet`) has a header row and then
//! one row per ballot: a few columns about the ballot (record number, precinct, ballot style),
//! then the choices, first to last, each cell a candidate's name, the source's overvote or
//! skipped-rank (`undervote`) label, the undeclared write-in label (`UWI`), or nothing. As
//! RCTab reads it (`StreamingCvrReader`): the rank columns are the `max_rankings` columns from
//! the configured first vote column, so a trailing column such as Minneapolis 2013's `COUNT`
//! (always 1) is never read as a fourth rank; ballots start at the configured first vote row;
//! every cell is trimmed (Portland's names end in a space).
//!
//! The sheet is streamed cell by cell through calamine's cell reader, so a big sheet is never
//! held whole: memory is the workbook's shared strings (the distinct names) and one ballot.

use std::borrow::Cow;
use std::io::{BufReader, Cursor, Read, Seek};

use calamine::{DataRef, Reader, Xlsx};

use super::{Cell, Labels, MAX_RANK, Names, Sink, Source};
use crate::model::Votes;
use crate::text::clean;

/// The first column with a vote when the source does not say (1-based): ES&S's layout,
/// `Cast Vote Record, Precinct, Ballot Style` and then the choices, as RCTab suggests it.
pub const DEFAULT_FIRST_VOTE_COLUMN: u32 = 4;
/// The first row with a vote when the source does not say (1-based): under one header row.
pub const DEFAULT_FIRST_VOTE_ROW: u32 = 2;

/// The most columns a header row is kept for (RCTab allows columns 1 to 1,000).
const MAX_HEADER_COLUMNS: u32 = 2_000;

/// Read the ES&S spreadsheet `source` names: every ballot into `sink`, every cell through
/// `names`.
pub fn read(source: &Source, names: &mut Names, sink: &mut Sink) -> Result<(), String> {
    let (file, meta) = crate::files::open_regular(&source.path)
        .map_err(|e| format!("{}: {}", clean(&source.name), e.message()))?;
    if meta.len() > crate::files::DOCUMENT_LIMIT {
        return Err(format!(
            "{}: is {}; the limit for a spreadsheet is {}",
            clean(&source.name),
            crate::files::human_size(meta.len()),
            crate::files::human_size(crate::files::DOCUMENT_LIMIT)
        ));
    }
    read_from(
        BufReader::with_capacity(64 * 1024, file),
        source,
        names,
        sink,
    )
}

/// Read a spreadsheet held in memory (the fuzz target's entry point), as [`read`] reads a
/// file: `source.path` is not opened.
pub fn read_bytes(
    bytes: &[u8],
    source: &Source,
    names: &mut Names,
    sink: &mut Sink,
) -> Result<(), String> {
    read_from(Cursor::new(bytes), source, names, sink)
}

/// Column letters for a 0-based column: 0 → `A`, 26 → `AA`.
pub fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A cell's text, or what is wrong with it. Numbers are written as a spreadsheet shows them
/// (`1`, not `1.0`).
fn cell_text<'a>(value: &'a DataRef<'_>) -> Result<Cow<'a, str>, String> {
    Ok(match value {
        DataRef::Empty => Cow::Borrowed(""),
        DataRef::SharedString(s) => Cow::Borrowed(s),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cow::Borrowed(s.as_str())
        }
        DataRef::Int(i) => Cow::Owned(i.to_string()),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            Cow::Owned(format!("{}", *f as i64))
        }
        DataRef::Float(f) => Cow::Owned(f.to_string()),
        DataRef::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) => Cow::Owned(d.as_f64().to_string()),
        DataRef::Error(e) => return Err(format!("the cell holds a spreadsheet error ({e})")),
    })
}

/// Whether a header names a rank: ES&S writes `1ST CHOICE MAYOR MINNEAPOLIS` or `For Mayor
/// Choice 1 (45)`; others `Rank 1`, `Preference 1`.
pub fn looks_like_rank(header: &str) -> bool {
    let h = header.to_lowercase();
    h.contains("choice") || h.contains("rank") || h.contains("pref")
}

/// The rank columns (0-based first column, how many) when the source does not give
/// `max_rankings`: from the first vote column, each column whose header looks like a rank
/// ([`looks_like_rank`]), up to the first that does not (Minneapolis' `COUNT`). When the
/// first vote column's own header does not look like a rank (or there is no header), every
/// column through the header's last is a rank.
fn ranks_from_header(header: &[(u32, String)], first: u32) -> u32 {
    let at = |col: u32| header.iter().find(|(c, _)| *c == col).map(|(_, h)| h);
    let last = header.iter().map(|(c, _)| *c).max();
    if at(first).is_some_and(|h| looks_like_rank(h)) {
        let mut n = 0;
        while at(first + n).is_some_and(|h| looks_like_rank(h)) {
            n += 1;
        }
        n
    } else {
        last.map_or(0, |l| l.saturating_sub(first) + 1)
    }
}

/// The message for a sheet that stops before the first vote column.
fn missing_columns(source: &Source, first: u32, header: &[(u32, String)]) -> String {
    let has = if header.is_empty() {
        "the sheet has no cells in its header row".to_string()
    } else {
        let cols: Vec<String> = header
            .iter()
            .take(12)
            .map(|(c, h)| format!("{} `{}`", column_letters(*c), clean(h)))
            .collect();
        let more = if header.len() > 12 { ", …" } else { "" };
        format!(
            "the sheet's header row has {} column{}: {}{more}",
            header.len(),
            if header.len() == 1 { "" } else { "s" },
            cols.join(", ")
        )
    };
    format!(
        "{}: expected the first choice in column {} (first vote column {}), but {has}",
        clean(&source.name),
        column_letters(first),
        first + 1
    )
}

/// The overvote-delimiter check RCTab makes: in a cell holding several candidates, no part
/// may be blank or the skipped-rank label.
fn check_delimited(text: &str, labels: &Labels) -> Result<(), String> {
    let Some(d) = labels
        .overvote_delimiter
        .as_deref()
        .filter(|d| !d.is_empty())
    else {
        return Ok(());
    };
    if !text.contains(d) {
        return Ok(());
    }
    let skipped = labels.skipped.as_deref().filter(|s| !s.is_empty());
    for part in text.split(d).map(str::trim) {
        if part.is_empty() || Some(part) == skipped {
            return Err(format!(
                "`{}` lists several candidates split by `{}`, and one of them is blank or the \
                 skipped-rank label",
                clean(text),
                clean(d)
            ));
        }
    }
    Ok(())
}

/// The ballot being read from one row.
struct Row {
    /// The sheet row (0-based).
    row: u32,
    /// Which rank columns had a cell (for `blank_is_write_in`: a missing cell is blank too).
    seen: Vec<bool>,
    /// Whether the id column had a value.
    has_id: bool,
}

/// [`read_sheet`], with a panic inside calamine turned into a refusal: calamine 0.38 can
/// overflow on a malformed cell reference (a column of many letters) or a `dimension` whose
/// end is before its start, which a build with overflow checks turns into a panic (both in
/// `fuzz/regressions/ess/`). The count is refused whole, so nothing half-read is
/// kept.
fn read_from<R: Read + Seek>(
    rs: R,
    source: &Source,
    names: &mut Names,
    sink: &mut Sink,
) -> Result<(), String> {
    let run = std::panic::AssertUnwindSafe(|| read_sheet(rs, source, names, sink));
    std::panic::catch_unwind(run).unwrap_or_else(|_| {
        Err(format!(
            "{}: the worksheet cannot be read (a malformed cell reference or dimension)",
            clean(&source.name)
        ))
    })
}

fn read_sheet<R: Read + Seek>(
    rs: R,
    source: &Source,
    names: &mut Names,
    sink: &mut Sink,
) -> Result<(), String> {
    let file = clean(&source.name).into_owned();
    let mut book: Xlsx<R> = Xlsx::new(rs).map_err(|e| {
        format!(
            "{file}: is not an Excel workbook (.xlsx) tally can read ({}); ES&S cast vote \
             records must be saved as an Excel Workbook",
            clean(&e.to_string())
        )
    })?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| format!("{file}: the workbook has no worksheet"))?;
    let mut cells = book.worksheet_cells_reader(&sheet).map_err(|e| {
        format!(
            "{file}: the first worksheet `{}` cannot be read ({})",
            clean(&sheet),
            clean(&e.to_string())
        )
    })?;

    let first_col = source
        .first_vote_column
        .unwrap_or(DEFAULT_FIRST_VOTE_COLUMN)
        .max(1)
        - 1;
    let first_row = source
        .first_vote_row
        .unwrap_or(DEFAULT_FIRST_VOTE_ROW)
        .max(1)
        - 1;
    // The header is the row above the first ballot, when there is one.
    let header_row = first_row.checked_sub(1);
    let id_col = source.id_column.and_then(|c| c.checked_sub(1));
    let mut header: Vec<(u32, String)> = Vec::new();
    // How many rank columns: known from the source, or from the header once it is read.
    let mut ranks: Option<u32> = source
        .max_rankings
        .map(|m| m.min(MAX_RANK as u32))
        .filter(|&m| m > 0);
    let mut row: Option<Row> = None;
    let mut last_row: Option<u32> = None;
    let place = |r: u32, c: u32, rank: u32| {
        format!(
            "{file}: row {}, column {} (Rank {rank})",
            r + 1,
            column_letters(c)
        )
    };

    loop {
        let cell = cells.next_cell().map_err(|e| {
            let at = last_row.map_or(String::new(), |r| format!(" after row {}", r + 1));
            format!(
                "{file}: the worksheet cannot be read{at} ({})",
                clean(&e.to_string())
            )
        })?;
        let Some(cell) = cell else { break };
        let (r, c) = cell.get_position();
        if let Some(last) = last_row
            && r < last
        {
            return Err(format!(
                "{file}: row {} comes after row {} in the worksheet; rows must be in order",
                r + 1,
                last + 1
            ));
        }
        if last_row != Some(r) {
            // A new row: the previous ballot is complete.
            if let Some(done) = row.take() {
                end_row(done, source, names, sink, &file, id_col)?;
            }
            last_row = Some(r);
        }
        if Some(r) == header_row {
            if c < MAX_HEADER_COLUMNS {
                header.push((
                    c,
                    cell_text(cell.get_value())
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                ));
            }
            continue;
        }
        if r < first_row {
            continue;
        }
        // The first ballot row: the rank columns must be settled, and exist.
        let n = match ranks {
            Some(n) => n,
            None => {
                let n = ranks_from_header(&header, first_col).min(MAX_RANK as u32);
                ranks = Some(n);
                n
            }
        };
        if row.is_none() {
            if header_row.is_some() && !header.iter().any(|(col, _)| *col >= first_col) {
                return Err(missing_columns(source, first_col, &header));
            }
            if n == 0 {
                return Err(missing_columns(source, first_col, &header));
            }
            sink.begin();
            row = Some(Row {
                row: r,
                seen: vec![false; n as usize],
                has_id: false,
            });
        }
        let Some(current) = row.as_mut() else {
            continue;
        };
        if Some(c) == id_col && !matches!(cell.get_value(), DataRef::Empty) {
            current.has_id = true;
        }
        if c < first_col || c - first_col >= n {
            continue;
        }
        let rank = c - first_col + 1;
        let text =
            cell_text(cell.get_value()).map_err(|e| format!("{}: {e}", place(r, c, rank)))?;
        let text = text.trim();
        current.seen[(rank - 1) as usize] = true;
        check_delimited(text, &source.labels).map_err(|e| format!("{}: {e}", place(r, c, rank)))?;
        let meaning = names
            .cell(text, &source.labels)
            .map_err(|e| format!("{}: {e}", place(r, c, rank)))?;
        // A skipped rank is not marked: a later mark leaves the gap, and none leaves nothing,
        // so a ballot ending in skipped ranks groups with the same ballot without them.
        if meaning != Cell::Skipped {
            sink.mark(rank as usize, meaning)
                .map_err(|e| format!("{}: {e}", place(r, c, rank)))?;
        }
    }
    if let Some(done) = row.take() {
        end_row(done, source, names, sink, &file, id_col)?;
    }
    if ranks.is_none() || last_row.is_none_or(|r| r < first_row) {
        // No ballot row at all: say what the sheet holds, unless its columns are wrong too.
        if header_row.is_some() && !header.iter().any(|(col, _)| *col >= first_col) {
            return Err(missing_columns(source, first_col, &header));
        }
    }
    Ok(())
}

/// One row read: blank rank cells become write-ins when the source says so; the ballot is
/// counted once.
fn end_row(
    done: Row,
    source: &Source,
    names: &mut Names,
    sink: &mut Sink,
    file: &str,
    id_col: Option<u32>,
) -> Result<(), String> {
    if let Some(col) = id_col
        && !done.has_id
    {
        return Err(format!(
            "{file}: row {}, column {}: the record has no id (id column {})",
            done.row + 1,
            column_letters(col),
            col + 1
        ));
    }
    if source.labels.blank_is_write_in {
        for (i, _) in done.seen.iter().enumerate().filter(|(_, seen)| !**seen) {
            let w = names.write_in();
            sink.mark(i + 1, Cell::Candidate(w))?;
        }
    }
    sink.end(Votes::new(1));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::cvr::{Provider, Sink};
    use crate::model::ballots::Mark;
    use crate::model::cvr::CastVoteRecords;
    use rust_xlsxwriter::Workbook;
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    fn labels() -> Labels {
        Labels {
            overvote: Some("overvote".into()),
            skipped: Some("undervote".into()),
            write_in: Some("UWI".into()),
            ..Labels::default()
        }
    }

    fn source(first_col: u32, max: Option<u32>) -> Source {
        Source {
            first_vote_column: Some(first_col),
            first_vote_row: Some(2),
            max_rankings: max,
            labels: labels(),
            ..Source::bare("cvr.xlsx", "cvr.xlsx", Provider::Ess)
        }
    }

    /// A workbook whose first sheet holds `rows` (numbers where a cell parses as one).
    fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Marked Sheet").unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if text.is_empty() {
                    continue;
                }
                match text.parse::<f64>() {
                    Ok(n) => sheet.write_number(r as u32, c as u16, n).unwrap(),
                    Err(_) => sheet.write_string(r as u32, c as u16, *text).unwrap(),
                };
            }
        }
        book.save_to_buffer().unwrap()
    }

    fn closed(list: &[&str]) -> Names {
        let mut names = Names::default();
        for n in list {
            names.add(n, &[]);
        }
        names
    }

    fn read_with(
        bytes: &[u8],
        source: &Source,
        mut names: Names,
    ) -> Result<CastVoteRecords, String> {
        let mut sink = Sink::new();
        read_bytes(bytes, source, &mut names, &mut sink)?;
        sink.end_file(&source.name);
        Ok(sink.finish(names))
    }

    /// Each distinct ranking as text (`A > - > B`, `[A+B]` an overvote), with its weight.
    fn rankings(cvr: &CastVoteRecords) -> BTreeMap<String, u64> {
        crate::import::cvr::testing::rankings(cvr, " > ", "-")
            .into_iter()
            .collect()
    }

    fn minneapolis_like() -> Vec<u8> {
        xlsx(&[
            &[
                "Precinct",
                "1ST CHOICE",
                "2ND CHOICE",
                "3RD CHOICE",
                "COUNT",
            ],
            &["W-1", "BETSY HODGES ", "undervote", "MARK ANDREW", "1"],
            &["W-1", "overvote", "BETSY HODGES", "undervote", "1"],
            &["W-2", "UWI", "", "undervote", "1"],
            &["W-2", "BETSY HODGES", "undervote", "MARK ANDREW", "1"],
            &["W-3", "undervote", "undervote", "undervote", "1"],
        ])
    }

    #[test]
    fn reads_ranks_and_labels_and_never_the_count_column() {
        let names = closed(&["BETSY HODGES", "MARK ANDREW"]);
        let cvr = read_with(&minneapolis_like(), &source(2, Some(3)), names).unwrap();
        let got = rankings(&cvr);
        let want: BTreeMap<String, u64> = [
            ("BETSY HODGES > - > MARK ANDREW", 2),
            ("[] > BETSY HODGES", 1),
            ("Undeclared Write-ins", 1),
            ("", 1),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        assert_eq!(got, want);
        assert_eq!(cvr.files[0].ballots.get(), 5);
        assert_eq!(cvr.write_in, Some(2));
    }

    #[test]
    fn without_max_rankings_the_rank_columns_are_those_headed_like_ranks() {
        let names = closed(&["BETSY HODGES", "MARK ANDREW"]);
        let with = read_with(&minneapolis_like(), &source(2, Some(3)), names.clone()).unwrap();
        let without = read_with(&minneapolis_like(), &source(2, None), names).unwrap();
        assert_eq!(rankings(&with), rankings(&without));
        assert!(looks_like_rank("For Mayor Choice 1 (45)"));
        assert!(!looks_like_rank("COUNT"));
    }

    #[test]
    fn an_unknown_name_is_refused_with_row_column_and_rank() {
        let bytes = xlsx(&[
            &[
                "Cast Vote Record",
                "Precinct",
                "Ballot Style",
                "Choice 1",
                "Choice 2",
            ],
            &["1", "P1", "S1", "Jane Doe", "John Roe"],
            &["2", "P1", "S1", "John Roe", "Jane Do"],
        ]);
        let err = read_with(
            &bytes,
            &source(4, Some(2)),
            closed(&["Jane Doe", "John Roe"]),
        )
        .unwrap_err();
        assert_eq!(
            err,
            "cvr.xlsx: row 3, column E (Rank 2): `Jane Do` is not a candidate in the \
             configuration; did you mean `Jane Doe`?"
        );
    }

    #[test]
    fn a_sheet_without_the_configured_columns_says_what_it_has() {
        let bytes = xlsx(&[
            &["Cast Vote Record", "Precinct", "Ballot Style"],
            &["1", "P1", "S1"],
        ]);
        let err = read_with(&bytes, &source(4, Some(3)), Names::open()).unwrap_err();
        assert_eq!(
            err,
            "cvr.xlsx: expected the first choice in column D (first vote column 4), but the \
             sheet's header row has 3 columns: A `Cast Vote Record`, B `Precinct`, C `Ballot \
             Style`"
        );
    }

    #[test]
    fn blank_cells_are_write_ins_when_the_source_says_so() {
        let bytes = xlsx(&[&["P", "C1", "C2"], &["x", "Ann", ""]]);
        let mut s = source(2, Some(2));
        s.labels.blank_is_write_in = true;
        let cvr = read_with(&bytes, &s, closed(&["Ann"])).unwrap();
        assert_eq!(
            rankings(&cvr).into_iter().collect::<Vec<_>>(),
            vec![("Ann > Undeclared Write-ins".to_string(), 1)]
        );
    }

    #[test]
    fn an_overvote_delimiter_splits_a_cell_and_refuses_a_blank_part() {
        let bytes = xlsx(&[&["P", "C1", "C2"], &["x", "Ann|Bob", "Bob"]]);
        let mut s = source(2, Some(2));
        s.labels.overvote_delimiter = Some("|".into());
        let cvr = read_with(&bytes, &s, closed(&["Ann", "Bob"])).unwrap();
        assert_eq!(
            rankings(&cvr).into_iter().collect::<Vec<_>>(),
            vec![("[Ann+Bob] > Bob".to_string(), 1)]
        );
        let bad = xlsx(&[&["P", "C1"], &["x", "Ann| "]]);
        let err = read_with(&bad, &s, closed(&["Ann", "Bob"])).unwrap_err();
        assert!(
            err.starts_with("cvr.xlsx: row 2, column B (Rank 1): `Ann|` lists several"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_record_id_is_refused() {
        let bytes = xlsx(&[&["Id", "C1"], &["1", "Ann"], &["", "Ann"]]);
        let mut s = source(2, Some(1));
        s.id_column = Some(1);
        let err = read_with(&bytes, &s, closed(&["Ann"])).unwrap_err();
        assert_eq!(
            err,
            "cvr.xlsx: row 3, column A: the record has no id (id column 1)"
        );
    }

    #[test]
    fn bytes_that_are_not_a_workbook_are_refused() {
        let err =
            read_with(b"Precinct,Choice 1\n", &source(2, Some(1)), Names::open()).unwrap_err();
        assert!(
            err.starts_with("cvr.xlsx: is not an Excel workbook (.xlsx)"),
            "{err}"
        );
        // A zip that is no workbook.
        let err = read_with(b"PK\x03\x04garbage", &source(2, Some(1)), Names::open()).unwrap_err();
        assert!(
            err.starts_with("cvr.xlsx: is not an Excel workbook"),
            "{err}"
        );
    }

    #[test]
    fn column_letters_run_like_a_spreadsheets() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    /// The first choices of every ballot: name, `overvote` or `skipped`.
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

    fn interop(path: &str) -> Option<PathBuf> {
        let p = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/interop")
            .join(path);
        p.exists().then_some(p)
    }

    fn real(path: PathBuf, first_col: u32, max: u32, names: &[&str]) -> CastVoteRecords {
        let mut s = source(first_col, Some(max));
        s.name = path.display().to_string();
        s.path = path;
        let mut names = closed(names);
        let mut sink = Sink::new();
        read(&s, &mut names, &mut sink).unwrap();
        sink.end_file(&s.name);
        sink.finish(names)
    }

    fn config_names(config: &Path) -> Vec<String> {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(config).unwrap()).unwrap();
        v["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    }

    /// The real files in `../shared/interop` when present (a fresh clone has none: then
    /// nothing is checked). The figures were counted independently with openpyxl.
    #[test]
    fn reads_the_real_ess_files_when_present() {
        let Some(mpls) = interop("cvr-ess-mpls-2013-mayor/2013_minneapolis_mayor_cvr.xlsx") else {
            eprintln!("../shared/interop is absent: the real ES&S files are not checked");
            return;
        };
        let config = interop("cvr-ess-mpls-2013-mayor/2013_minneapolis_mayor_config.json").unwrap();
        let list = config_names(&config);
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        let cvr = real(mpls, 2, 3, &list);
        assert_eq!(cvr.files[0].ballots.get(), 80_101);
        let first = first_choices(&cvr);
        assert_eq!(first["BETSY HODGES"], 28_935);
        assert_eq!(first["MARK ANDREW"], 19_584);
        assert_eq!(first["DON SAMUELS"], 8_335);
        assert_eq!(first["Undeclared Write-ins"], 117);
        assert_eq!(first["overvote"], 93);
        assert_eq!(first["skipped"], 834);
        let blank = cvr
            .ballots
            .rankings
            .iter()
            .filter(|r| r.marks.iter().all(|m| *m == Mark::Skipped))
            .map(|r| r.weight.get())
            .sum::<u64>();
        assert_eq!(blank, 639);
        // No candidate called "1": the COUNT column is not a rank.
        assert!(!cvr.ballots.candidates.iter().any(|c| c == "1"));

        let portland = interop("cvr-ess-portland-2015-mayor/2015_portland_mayor_cvr.xlsx").unwrap();
        let config =
            interop("cvr-ess-portland-2015-mayor/2015_portland_mayor_config.json").unwrap();
        let list = config_names(&config);
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        let cvr = real(portland, 4, 15, &list);
        assert_eq!(cvr.files[0].ballots.get(), 99);
        let first = first_choices(&cvr);
        assert_eq!(first["Mavodones, Nicholas M. Jr."], 13);
        assert_eq!(first["Carmona, Ralph C."], 12);
        assert_eq!(first["Bragdon, Charles E."], 11);
        assert_eq!(first["overvote"], 1);
        assert_eq!(first["skipped"], 2);
    }

    /// RCTab's scale test: the Minneapolis workbook read 13 times through the `_1` … `_13`
    /// link stubs, 1,041,313 ballots, every first choice 13 times the single file's.
    /// `cargo test --release -- --ignored scale` (slow in a debug build).
    #[test]
    #[ignore]
    fn reads_the_scale_test_thirteen_times() {
        let Some(one) = interop("cvr-ess-mpls-2013-mayor/2013_minneapolis_mayor_cvr.xlsx") else {
            return;
        };
        let config = interop("cvr-ess-mpls-2013-mayor/2013_minneapolis_mayor_config.json").unwrap();
        let list = config_names(&config);
        let mut names = closed(&list.iter().map(String::as_str).collect::<Vec<_>>());
        let mut sink = Sink::new();
        let started = std::time::Instant::now();
        for i in 1..=13 {
            let name = format!("2013_minneapolis_mayor_cvr_{i}.xlsx");
            let mut s = source(2, Some(3));
            s.path = one.with_file_name(&name);
            s.name = name;
            read(&s, &mut names, &mut sink).unwrap();
            sink.end_file(&s.name);
        }
        eprintln!("13 files read in {:?}", started.elapsed());
        let cvr = sink.finish(names);
        assert_eq!(cvr.ballots.total().get(), 1_041_313);
        assert_eq!(first_choices(&cvr)["BETSY HODGES"], 13 * 28_935);
    }
}
