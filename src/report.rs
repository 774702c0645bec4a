//! Everything tally prints without the interactive viewer: the count as a table, JSON, CSV
//! or RCTab's results JSON, the list of embedded contests, and the comparison across contests.
//!
//! Reports are plain functions from loaded contests to a `String`. Every string that came
//! from a dataset is passed through `text::clean` here, so nothing in a file can reach the
//! terminal raw.

pub mod check;
pub mod compare;
pub mod csv;
pub mod json;
pub mod list;
pub mod rctab;
pub mod systems;
pub mod table;
pub mod text;

use crate::count::Counted;

/// The forms a report can be printed in: readable text, JSON for scripts, or CSV for
/// spreadsheets (`docs/rounds-json.md` for the count, `docs/compare-json.md` for `compare`
/// and `list`). Also `--format`'s values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// The forms the count can be printed in (`tally rounds --format`): the report formats, and
/// RCTab's results JSON for other tabulators and RCVis (`docs/rctab-export.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoundsFormat {
    Text,
    Json,
    Csv,
    Rctab,
}

impl From<Format> for RoundsFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Text => RoundsFormat::Text,
            Format::Json => RoundsFormat::Json,
            Format::Csv => RoundsFormat::Csv,
        }
    }
}

/// The count, round by round, in a format.
pub fn rounds(l: &Counted, format: impl Into<RoundsFormat>) -> String {
    match format.into() {
        RoundsFormat::Text => text::rounds(l),
        RoundsFormat::Json => json::rounds(l),
        RoundsFormat::Csv => csv::rounds(l),
        RoundsFormat::Rctab => rctab::rounds(l),
    }
}
