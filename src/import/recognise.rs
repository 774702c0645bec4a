//! What a file is, from its content, never its name: which reader takes it, or, for a
//! format tally does not read, a sentence saying what it looks like.
//!
//! The first line with anything on it decides (after a byte-order mark, and past `#`
//! comments): JSON is a dataset; a BLT file starts with its numbers of candidates and seats;
//! a voting system's cast vote record export or a Forms export has its tell-tale columns
//! (whichever separator, `import::delimited`, the line uses); a spreadsheet is a zip
//! archive; anything else that is text is a class's ballots.

use super::delimited;
use super::forms::{self, Tool};

/// A file's format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// JSON, or nothing at all: tally's dataset format, whose reader explains best what is
    /// wrong with a JSON document that is not a dataset.
    Dataset,
    /// A class's ballots, one per line.
    BallotsText,
    /// A BLT ballot file, with its numbers of candidates and seats.
    Blt { candidates: u32, seats: u32 },
    /// A zip archive: an .xlsx spreadsheet, or a folder of exports.
    Zip,
    /// UTF-16 text, with its byte-order mark: what Excel's "Unicode Text" saves.
    Utf16,
    /// Not text.
    Binary,
    /// A cast vote record export, with the column that tells.
    CastVoteRecords { column: String },
    /// A Google or Microsoft Forms export, read as ballots (`import::forms`).
    Forms(Tool),
}

impl Format {
    /// What the file looks like, for a sentence: "a BLT ballot file (9 candidates, 1 seat)".
    pub fn describe(&self) -> String {
        match self {
            Format::Dataset => "a JSON document".into(),
            Format::BallotsText => "a ballots file (one ballot per line)".into(),
            Format::Blt { candidates, seats } => format!(
                "a BLT ballot file ({candidates} candidates, {seats} seat{})",
                if *seats == 1 { "" } else { "s" }
            ),
            Format::Zip => "a zip archive, such as an .xlsx spreadsheet".into(),
            Format::Utf16 => "UTF-16 text (Excel's Unicode Text)".into(),
            Format::Binary => "a binary file".into(),
            Format::CastVoteRecords { column } => {
                format!("a voting system's cast vote record export (a `{column}` column)")
            }
            Format::Forms(tool) => format!("a {} export", tool.name()),
        }
    }

    /// What a reader of another format should add about this one: how to go on.
    pub fn advice(&self) -> &'static str {
        match self {
            Format::Dataset => {
                "for a results dataset use `tally rounds FILE` (docs/dataset-format.md)"
            }
            Format::BallotsText | Format::Forms(_) => {
                "count it with `tally ballots FILE --system sv|irv|fptp` (docs/ballots.md)"
            }
            Format::Blt { .. } => "tally does not read BLT files yet",
            Format::Zip => "save the ballots from the spreadsheet as CSV (docs/ballots.md)",
            Format::Utf16 => {
                "tally reads UTF-8: in Excel, save it as \"CSV UTF-8 (Comma delimited)\" instead (docs/ballots.md)"
            }
            Format::Binary => "tally reads text files",
            Format::CastVoteRecords { .. } => "tally does not read cast vote records yet",
        }
    }
}

/// Columns that only a voting system's cast vote record export has.
const CVR_COLUMNS: [&str; 8] = [
    "precinct",
    "tabulator id",
    "batch id",
    "rctab cvr id",
    "cvr number",
    "cast vote record",
    "ballot id",
    "ballotid",
];

/// Recognise a file from its start (the first few kilobytes are enough).
pub fn recognise(start: &[u8]) -> Format {
    if start.starts_with(b"PK\x03\x04") {
        return Format::Zip;
    }
    if start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF") {
        return Format::Utf16;
    }
    if start.contains(&0) {
        return Format::Binary;
    }
    let text = String::from_utf8_lossy(start);
    let text = text.trim_start_matches('\u{feff}');
    let Some(first) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return Format::Dataset; // empty: the dataset reader says what a file should hold
    };
    if first.starts_with(['{', '[']) || is_json_scalar(first) {
        return Format::Dataset;
    }
    let numbers: Vec<&str> = first.split_whitespace().collect();
    if let [candidates, seats] = numbers[..]
        && let (Ok(candidates), Ok(seats)) = (candidates.parse(), seats.parse())
    {
        return Format::Blt { candidates, seats };
    }
    let cells = delimited::split(first, delimited::detect(first).unwrap_or(','));
    if let Some(c) = cells
        .iter()
        .map(|c| c.to_lowercase())
        .find(|c| CVR_COLUMNS.contains(&c.as_str()))
    {
        return Format::CastVoteRecords { column: c };
    }
    match forms::tool(&cells) {
        Some(tool) => Format::Forms(tool),
        None => Format::BallotsText,
    }
}

/// `42`, `-1.5`, `true`, `null`, `"text"`: a line that is one JSON value and nothing else
/// (a line that starts with a quoted cell, `"Timestamp","Email address"`, is not).
fn is_json_scalar(line: &str) -> bool {
    matches!(line, "true" | "false" | "null")
        || serde_json::from_str::<f64>(line).is_ok()
        || serde_json::from_str::<String>(line).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart_by_their_content() {
        assert_eq!(recognise(b"{\"id\": \"x\"}"), Format::Dataset);
        assert_eq!(recognise(b"  \n [1, 2]"), Format::Dataset);
        assert_eq!(recognise(b""), Format::Dataset);
        assert_eq!(
            recognise(b"42"),
            Format::Dataset,
            "the dataset reader explains it"
        );
        assert_eq!(
            recognise(b"\xef\xbb\xbf9 1\n42 2 7 1 0\n0\n"),
            Format::Blt {
                candidates: 9,
                seats: 1
            }
        );
        assert_eq!(recognise(b"PK\x03\x04\x14\x00"), Format::Zip);
        assert_eq!(recognise(b"a\x00b"), Format::Binary);
        assert_eq!(recognise(b"\xFF\xFEZ\x00o\x00o\x00"), Format::Utf16);
        assert_eq!(recognise(b"\xFE\xFF\x00Z\x00o\x00o"), Format::Utf16);
        assert_eq!(
            recognise(b"Source Filepath,CVR Provider,Contest Id,RCTab CVR Id,Precinct,Rank 1\n"),
            Format::CastVoteRecords {
                column: "rctab cvr id".into()
            }
        );
        assert_eq!(
            recognise(b"Timestamp,Rank [Hamster]\n"),
            Format::Forms(Tool::Google)
        );
        assert_eq!(
            recognise(b"\xef\xbb\xbfID;Start time;Completion time;Email;Name;Rank the trips\r\n"),
            Format::Forms(Tool::Microsoft)
        );
        assert_eq!(
            recognise(b"Timestamp\tTrip [Zoo]\tTrip [Beach]\n"),
            Format::Forms(Tool::Google)
        );
        assert_eq!(
            recognise(b"Ballot ID;Rank 1;Rank 2\n"),
            Format::CastVoteRecords {
                column: "ballot id".into()
            }
        );
        assert_eq!(recognise(b"Zoo;Beach;Museum\n"), Format::BallotsText);
        assert_eq!(
            recognise(b"\"Timestamp\",\"Trip [Zoo]\",\"Trip [Beach]\"\n"),
            Format::Forms(Tool::Google)
        );
        assert_eq!(recognise(b"\"just a string\""), Format::Dataset);
        assert_eq!(
            recognise(b"# our vote\n3, Alice, Bob\n"),
            Format::BallotsText
        );
        assert_eq!(recognise(b"Alice > Bob\n"), Format::BallotsText);
    }
}
