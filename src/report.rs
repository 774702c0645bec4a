//! Everything tally prints without the interactive viewer: the count as a table, JSON or
//! CSV, the list of embedded contests, and the comparison across contests.
//!
//! Reports are plain functions from loaded contests to a `String`. Every string that came
//! from a dataset is passed through `text::clean` here, so nothing in a file can reach the
//! terminal raw.

pub mod check;
pub mod compare;
pub mod csv;
pub mod json;
pub mod list;
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

/// The count, round by round, in a format.
pub fn rounds(l: &Counted, format: Format) -> String {
    match format {
        Format::Text => text::rounds(l),
        Format::Json => json::rounds(l),
        Format::Csv => csv::rounds(l),
    }
}
