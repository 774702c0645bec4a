//! Cast vote records, whatever wrote them: the parts every CVR reader shares.
//!
//! RCTab reads a contest's ballots from one or more files, each a [`Source`] with its
//! provider and settings (first vote column and row, the labels for an overvote, a skipped
//! rank and the undeclared write-in). Each format's reader ([`cdf`] NIST SP 1500-103 JSON,
//! [`dominion`] CvrExport folders, [`ess`] ES&S spreadsheets, [`csv`] RCTab's own CSV and its
//! generic candidate-per-column CSV) walks its file once, turns each cell into a [`Cell`]
//! through [`Names`] (so a name becomes a candidate index as it is read, and the labels mean
//! what the source says), and hands each ballot's ranks to a [`Sink`], which groups identical
//! rankings. What comes out is `model::cvr::CastVoteRecords`, counted by `count::rcv`.
//!
//! A record that cannot be read refuses the whole count, with the file and the place in it
//! (JSON path, row and column, line), as RCTab refuses to tabulate: a count that silently
//! dropped ballots could not be certified.

pub mod cdf;
pub mod csv;
pub mod dominion;
pub mod ess;
mod tracked;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::model::ballots::{Builder, Mark};
use crate::model::cvr::{CastVoteRecords, FileRead};
use crate::model::{CandidateIdx, Votes};
use crate::text::clean;

/// The most ranks a ballot may have: far more than any real ballot (RCTab's `max` is the
/// number of candidates), and a bound on what a file can make tally hold.
pub const MAX_RANK: usize = 1_000;

/// Who wrote a cast vote record file, as an RCTab configuration's `provider` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// `cdf`: NIST SP 1500-103 JSON.
    Cdf,
    /// `dominion`: a folder with `CvrExport*.json` and its manifests.
    Dominion,
    /// `ess`: an ES&S cast vote record spreadsheet (.xlsx).
    Ess,
    /// `csv`: RCTab's own normalised CVR CSV (`rctab_cvr.csv`).
    RctabCsv,
    /// `genericCsv`: one column per candidate, each cell the rank given.
    GenericCsv,
}

impl Provider {
    /// The provider an RCTab configuration names, or `None` for one tally does not read.
    pub fn from_config(name: &str) -> Option<Provider> {
        Some(match name {
            "cdf" => Provider::Cdf,
            "dominion" => Provider::Dominion,
            "ess" => Provider::Ess,
            "csv" => Provider::RctabCsv,
            "genericCsv" => Provider::GenericCsv,
            _ => return None,
        })
    }

    /// What a sentence calls it: "an ES&S spreadsheet".
    pub fn describe(self) -> &'static str {
        match self {
            Provider::Cdf => "NIST CDF JSON",
            Provider::Dominion => "Dominion CvrExport",
            Provider::Ess => "ES&S spreadsheet",
            Provider::RctabCsv => "RCTab CVR CSV",
            Provider::GenericCsv => "generic CSV",
        }
    }
}

/// What a cell may say besides a candidate, as a source's settings define it (RCTab's
/// `overvoteDelimiter`, `overvoteLabel`, `skippedRankLabel` (`undervoteLabel` before),
/// `undeclaredWriteInLabel`, `treatBlankAsUndeclaredWriteIn`). `None` or empty: the source
/// has no such label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    pub overvote_delimiter: Option<String>,
    pub overvote: Option<String>,
    pub skipped: Option<String>,
    pub write_in: Option<String>,
    pub blank_is_write_in: bool,
}

/// One file of cast vote records and how to read it: an RCTab configuration's
/// `cvrFileSources` entry, or a bare file named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file (or Dominion folder) to read, resolved against the configuration's folder.
    pub path: PathBuf,
    /// The file as messages and reports name it (as the configuration gives it).
    pub name: String,
    pub provider: Provider,
    /// The contest to read, when the file holds several (CDF: the contest's name or id;
    /// Dominion: the contest id).
    pub contest_id: Option<String>,
    /// The first column with a vote (1-based), for spreadsheets and generic CSV.
    pub first_vote_column: Option<u32>,
    /// The first row with a vote (1-based; the header is above it).
    pub first_vote_row: Option<u32>,
    /// The column holding each record's id (1-based), for messages.
    pub id_column: Option<u32>,
    /// The column holding the precinct (1-based).
    pub precinct_column: Option<u32>,
    /// How many ranks to read (the rules' `maxRankingsAllowed`; `None`: every rank the file
    /// has): a spreadsheet's rank columns are this many from the first vote column, so a
    /// trailing column (ES&S's `COUNT`) is never read as a rank.
    pub max_rankings: Option<u32>,
    pub labels: Labels,
}

impl Source {
    /// A file (or Dominion folder) named `name` as it stands, with nothing configured: every
    /// column, row and label the provider's default, all ranks read.
    pub fn bare(path: impl Into<PathBuf>, name: &str, provider: Provider) -> Source {
        Source {
            path: path.into(),
            name: name.to_string(),
            provider,
            contest_id: None,
            first_vote_column: None,
            first_vote_row: None,
            id_column: None,
            precinct_column: None,
            max_rankings: None,
            labels: Labels::default(),
        }
    }
}

/// What one cell (one rank of one ballot) says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Nothing: an empty rank (blank, or the skipped-rank label).
    Skipped,
    /// The explicit overvote label.
    Overvote,
    /// A candidate.
    Candidate(CandidateIdx),
    /// Several candidates in one cell, split at the overvote delimiter (an overvote).
    Several(Vec<CandidateIdx>),
}

/// The candidates of a contest, found by name or alias as cells are read.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Display names, in order (the configuration's, then any met in a bare file).
    pub names: Vec<String>,
    lookup: HashMap<String, CandidateIdx>,
    /// Whether names not yet known become candidates (a bare file, with no configuration
    /// listing who stands); otherwise an unknown name refuses the count.
    pub open: bool,
    /// The undeclared write-in, once its label has been met (or declared).
    pub write_in: Option<CandidateIdx>,
    /// Candidates the configuration excludes.
    pub excluded: Vec<CandidateIdx>,
}

/// What RCTab calls the undeclared write-in in its reports.
pub const WRITE_IN_NAME: &str = "Undeclared Write-ins";

impl Names {
    /// Names learned from the file itself.
    pub fn open() -> Self {
        Names {
            open: true,
            ..Self::default()
        }
    }

    /// A candidate standing under `name`, found also by each of `aliases`; its index.
    pub fn add(&mut self, name: &str, aliases: &[String]) -> CandidateIdx {
        if let Some(&i) = self.lookup.get(name) {
            return i;
        }
        let i = self.names.len();
        self.names.push(name.to_string());
        self.lookup.insert(name.to_string(), i);
        for a in aliases {
            self.lookup.entry(a.clone()).or_insert(i);
        }
        i
    }

    /// The candidate called `name` (or with it as an alias).
    pub fn get(&self, name: &str) -> Option<CandidateIdx> {
        self.lookup.get(name).copied()
    }

    /// The undeclared write-in's index, adding it as a candidate the first time.
    pub fn write_in(&mut self) -> CandidateIdx {
        match self.write_in {
            Some(i) => i,
            None => {
                let i = self.names.len();
                self.names.push(WRITE_IN_NAME.to_string());
                self.write_in = Some(i);
                i
            }
        }
    }

    /// One name (trimmed) as a candidate: the write-in label, a known name or alias, a new
    /// candidate in an open list; otherwise the message saying it is unknown.
    fn candidate(&mut self, name: &str, labels: &Labels) -> Result<CandidateIdx, String> {
        if labels.write_in.as_deref().is_some_and(|w| w == name) {
            return Ok(self.write_in());
        }
        if let Some(i) = self.get(name) {
            return Ok(i);
        }
        if self.open {
            return Ok(self.add(name, &[]));
        }
        let suggestion = crate::text::closest(name, self.names.iter().map(String::as_str))
            .map(|s| format!("; did you mean `{}`?", clean(s)))
            .unwrap_or_default();
        Err(format!(
            "`{}` is not a candidate in the configuration{suggestion}",
            clean(name)
        ))
    }

    /// What a cell's text (trimmed of spaces) means under a source's labels.
    pub fn cell(&mut self, text: &str, labels: &Labels) -> Result<Cell, String> {
        let text = text.trim();
        let is =
            |label: &Option<String>| label.as_deref().is_some_and(|l| !l.is_empty() && l == text);
        if text.is_empty() {
            return Ok(if labels.blank_is_write_in {
                Cell::Candidate(self.write_in())
            } else {
                Cell::Skipped
            });
        }
        if is(&labels.skipped) {
            return Ok(Cell::Skipped);
        }
        if is(&labels.overvote) {
            return Ok(Cell::Overvote);
        }
        if let Some(d) = labels
            .overvote_delimiter
            .as_deref()
            .filter(|d| !d.is_empty())
            && text.contains(d)
        {
            let mut several = Vec::new();
            for part in text.split(d).map(str::trim).filter(|p| !p.is_empty()) {
                let i = self.candidate(part, labels)?;
                if !several.contains(&i) {
                    several.push(i);
                }
            }
            return Ok(match several[..] {
                [] => Cell::Skipped,
                [one] => Cell::Candidate(one),
                _ => Cell::Several(several),
            });
        }
        Ok(Cell::Candidate(self.candidate(text, labels)?))
    }
}

/// Where a reader puts ballots: one ballot at a time, rank by rank, grouped as they come.
#[derive(Debug)]
pub struct Sink {
    builder: Builder,
    /// The ballot being read: one mark per rank, from rank 1.
    marks: Vec<Mark>,
    files: Vec<FileRead>,
    /// Ballots read from the current file.
    in_file: Votes,
    /// Every ballot read so far, for a progress bar.
    pub read: u64,
    /// The bar on standard error while a long read goes on (`progress`; nothing unless
    /// standard error is a terminal).
    progress: crate::progress::Progress,
}

impl Default for Sink {
    fn default() -> Self {
        Sink {
            builder: Builder::grouping(),
            marks: Vec::new(),
            files: Vec::new(),
            in_file: Votes::ZERO,
            read: 0,
            progress: crate::progress::Progress::none(),
        }
    }
}

impl Sink {
    pub fn new() -> Self {
        Self::default()
    }

    /// A new ballot: nothing marked yet.
    pub fn begin(&mut self) {
        self.marks.clear();
    }

    /// The ballot being read marks `cell` at `rank` (1-based). A second candidate at the
    /// same rank makes an overvote; the same candidate twice at one rank is one mark.
    /// A rank beyond [`MAX_RANK`] is refused with the message.
    pub fn mark(&mut self, rank: usize, cell: Cell) -> Result<(), String> {
        if rank == 0 || rank > MAX_RANK {
            return Err(format!(
                "rank {rank} is not one tally reads (ranks run from 1 to {MAX_RANK})"
            ));
        }
        if self.marks.len() < rank {
            self.marks.resize(rank, Mark::Skipped);
        }
        let at = &mut self.marks[rank - 1];
        let add = |at: &mut Mark, i: CandidateIdx| {
            *at = match std::mem::replace(at, Mark::Skipped) {
                Mark::Skipped => Mark::Candidate(i),
                Mark::Candidate(j) if j == i => Mark::Candidate(j),
                Mark::Candidate(j) => Mark::Overvote(vec![j, i].into()),
                Mark::Overvote(list) if list.contains(&i) => Mark::Overvote(list),
                Mark::Overvote(list) => {
                    let mut list = list.into_vec();
                    list.push(i);
                    Mark::Overvote(list.into())
                }
            }
        };
        match cell {
            Cell::Skipped => {}
            Cell::Candidate(i) => add(at, i),
            Cell::Several(list) => {
                for i in list {
                    add(at, i);
                }
            }
            Cell::Overvote => {
                if let Mark::Skipped | Mark::Candidate(_) = at {
                    let list: Vec<CandidateIdx> = match at {
                        Mark::Candidate(j) => vec![*j],
                        _ => Vec::new(),
                    };
                    *at = Mark::Overvote(list.into());
                }
            }
        }
        Ok(())
    }

    /// The ballot being read is complete: `weight` ballots marked so (1 for a CVR; a BLT
    /// line may carry more). The caller keeps the total within what a count can hold.
    pub fn end(&mut self, weight: Votes) {
        self.builder.add_marks(&self.marks, weight);
        self.in_file += weight;
        self.read += 1;
        self.progress.ballots(self.read);
    }

    /// A long read (of `file`, and any after it: the half second before a bar shows runs
    /// from here, whatever the number of files) shows a progress bar on standard error, if it
    /// is a terminal. Each file's end clears it; it comes back while the next is read.
    pub fn show_progress(&mut self, file: &str) {
        self.progress = crate::progress::Progress::reading(file, None);
    }

    /// The current file is read: its ballots are recorded under `name`.
    pub fn end_file(&mut self, name: &str) {
        self.progress.finish();
        self.files.push(FileRead {
            file: name.to_string(),
            ballots: std::mem::replace(&mut self.in_file, Votes::ZERO),
        });
    }

    /// Every file read: the records, with the candidates `names` holds.
    pub fn finish(self, names: Names) -> CastVoteRecords {
        let mut ballots = self.builder.finish();
        ballots.candidates = names.names;
        CastVoteRecords {
            ballots,
            write_in: names.write_in,
            excluded: names.excluded,
            files: self.files,
        }
    }
}

/// Read one source's ballots into `sink`, its cells through `names`: the message naming the
/// file and place when a record cannot be read.
pub fn read_source(source: &Source, names: &mut Names, sink: &mut Sink) -> Result<(), String> {
    let read = match source.provider {
        Provider::Cdf => cdf::read(source, names, sink),
        Provider::Dominion => dominion::read(source, names, sink),
        Provider::Ess => ess::read(source, names, sink),
        Provider::RctabCsv => csv::read_rctab(source, names, sink),
        Provider::GenericCsv => csv::read_generic(source, names, sink),
    };
    // The bar is cleared before any message is printed.
    sink.progress.finish();
    read?;
    sink.end_file(&source.name);
    Ok(())
}

/// Records shown as text, for the readers' tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::Mark;
    use crate::model::cvr::CastVoteRecords;

    /// Each distinct ranking as text, in the order first read, with its weight: candidates
    /// by name, an overvote as `[A+B]`, a skipped rank as `skipped`, ranks joined by
    /// `between` (`A>_>B`, or `A > - > B`).
    pub fn rankings(cvr: &CastVoteRecords, between: &str, skipped: &str) -> Vec<(String, u64)> {
        let name = |i: usize| cvr.ballots.candidates[i].clone();
        cvr.ballots
            .rankings
            .iter()
            .map(|r| {
                let marks: Vec<String> = r
                    .marks
                    .iter()
                    .map(|m| match m {
                        Mark::Candidate(i) => name(*i),
                        Mark::Skipped => skipped.to_string(),
                        Mark::Overvote(list) => format!(
                            "[{}]",
                            list.iter().map(|&i| name(i)).collect::<Vec<_>>().join("+")
                        ),
                    })
                    .collect();
                (marks.join(between), r.weight.get())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Labels {
        Labels {
            overvote_delimiter: Some("|".into()),
            overvote: Some("overvote".into()),
            skipped: Some("undervote".into()),
            write_in: Some("UWI".into()),
            blank_is_write_in: false,
        }
    }

    #[test]
    fn cells_mean_what_the_source_labels_say() {
        let mut n = Names::default();
        n.add("Ann", &["A1".to_string()]);
        n.add("Bob", &[]);
        let l = labels();
        assert_eq!(n.cell(" Ann ", &l), Ok(Cell::Candidate(0)));
        assert_eq!(n.cell("A1", &l), Ok(Cell::Candidate(0)));
        assert_eq!(n.cell("", &l), Ok(Cell::Skipped));
        assert_eq!(n.cell("undervote", &l), Ok(Cell::Skipped));
        assert_eq!(n.cell("overvote", &l), Ok(Cell::Overvote));
        assert_eq!(n.cell("Ann|Bob", &l), Ok(Cell::Several(vec![0, 1])));
        assert_eq!(n.cell("Bob|Bob", &l), Ok(Cell::Candidate(1)));
        assert_eq!(n.cell("UWI", &l), Ok(Cell::Candidate(2)));
        assert_eq!(n.names[2], WRITE_IN_NAME);
        assert_eq!(
            n.cell("Anne", &l),
            Err("`Anne` is not a candidate in the configuration; did you mean `Ann`?".into())
        );
        let blank = Labels {
            blank_is_write_in: true,
            ..l
        };
        assert_eq!(n.cell("", &blank), Ok(Cell::Candidate(2)));
        let mut open = Names::open();
        assert_eq!(open.cell("Zed", &Labels::default()), Ok(Cell::Candidate(0)));
    }

    #[test]
    fn marks_at_one_rank_make_an_overvote_and_ballots_are_grouped_by_file() {
        let mut sink = Sink::new();
        for _ in 0..2 {
            sink.begin();
            sink.mark(1, Cell::Candidate(0)).unwrap();
            sink.mark(3, Cell::Candidate(1)).unwrap();
            sink.end(Votes::new(1));
        }
        sink.begin();
        sink.mark(1, Cell::Candidate(0)).unwrap();
        sink.mark(1, Cell::Candidate(1)).unwrap();
        sink.mark(1, Cell::Candidate(0)).unwrap();
        sink.mark(2, Cell::Overvote).unwrap();
        sink.end(Votes::new(1));
        assert!(sink.mark(MAX_RANK + 1, Cell::Skipped).is_err());
        sink.end_file("a.csv");
        let mut names = Names::default();
        names.add("Ann", &[]);
        names.add("Bob", &[]);
        let r = sink.finish(names);
        assert_eq!(r.total(), Votes::new(3));
        assert_eq!(r.files[0].file, "a.csv");
        let rankings: Vec<(&[Mark], Votes)> = r
            .ballots
            .rankings
            .iter()
            .map(|k| (k.marks.as_slice(), k.weight))
            .collect();
        assert_eq!(
            rankings,
            [
                (
                    &[Mark::Candidate(0), Mark::Skipped, Mark::Candidate(1)][..],
                    Votes::new(2)
                ),
                (
                    &[
                        Mark::Overvote(vec![0, 1].into()),
                        Mark::Overvote(Box::new([]))
                    ][..],
                    Votes::new(1)
                ),
            ]
        );
        assert!(r.ballots.rankings.iter().all(|k| k.lines.is_empty()));
    }
}
