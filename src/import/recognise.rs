//! What a file is, from its content, never its name: which reader takes it, or, for a
//! format tally does not read, a sentence saying what it looks like.
//!
//! The first line with anything on it decides (after a byte-order mark, and past `#`
//! comments): JSON is a dataset, unless its top-level fields are those of another
//! tabulator's results or cast vote records ([`Tabulator`]: RCTab, the Universal Tabulator,
//! OpaVote, NIST CDF, Dominion); a BLT file starts with its numbers of candidates and seats;
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
    /// JSON written by another tabulator, told by its top-level fields.
    Tabulator(Tabulator),
    /// A JSON object with none of the fields of any format tally knows (its first few
    /// top-level fields, for the message).
    UnknownJson { keys: Vec<String> },
}

/// Every top-level field of tally's dataset format: a JSON object with none of them, and
/// not another tabulator's, is not a dataset with mistakes but something else altogether.
const DATASET_KEYS: [&str; 23] = [
    "tally_format",
    "id",
    "title",
    "area",
    "date",
    "system",
    "status",
    "candidates",
    "electorate",
    "ballot_papers",
    "valid_votes",
    "rejected",
    "rejected_reasons",
    "turnout",
    "first_preferences",
    "second_choices",
    "second_round",
    "rounds",
    "tie_break_order",
    "areas",
    "declaration_times",
    "sources",
    "notes",
];

/// Another tabulator's JSON: published results, or what a count is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tabulator {
    /// RCTab's detailed results report (JSON format version 2): `config`, `jsonFormatVersion`,
    /// `results`; with the RCTab version that wrote it, when it says.
    RctabDetailed { generated_by: Option<String> },
    /// RCTab's summary (version 1), which is also the Universal Tabulator format RCVis
    /// reads: `config` and `results`.
    RctabSummary,
    /// OpaVote's results JSON: `candidates`, `rounds`, `n_seats`, `precision`.
    OpaVote,
    /// An RCTab contest configuration: `cvrFileSources`, `candidates`, `rules`.
    RctabConfig,
    /// A NIST SP 1500-103 cast vote record report (`CVR.CastVoteRecordReport`).
    NistCdf,
    /// A Dominion cast vote record export (CvrExport: `Sessions`).
    Dominion,
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
            Format::Tabulator(t) => match t {
                Tabulator::RctabDetailed { generated_by } => format!(
                    "an RCTab detailed results report (JSON version 2{})",
                    generated_by
                        .as_deref()
                        .map(|g| format!(", written by {}", crate::text::clean(g)))
                        .unwrap_or_default()
                ),
                Tabulator::RctabSummary => {
                    "an RCTab summary or Universal Tabulator results file (the JSON RCVis reads)"
                        .into()
                }
                Tabulator::OpaVote => "an OpaVote results file (JSON)".into(),
                Tabulator::RctabConfig => {
                    "an RCTab contest configuration (`cvrFileSources`, `rules`)".into()
                }
                Tabulator::NistCdf => {
                    "a NIST SP 1500-103 cast vote record report (CDF JSON)".into()
                }
                Tabulator::Dominion => "a Dominion cast vote record export (CvrExport JSON)".into(),
            },
            Format::UnknownJson { keys } => format!(
                "a JSON document in no format tally knows (its fields: {})",
                keys.iter()
                    .map(|k| format!("`{}`", crate::text::clean(k)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
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
            Format::Blt { .. } => {
                "count it as a contest: `tally rounds FILE` (one seat; docs/formats.md)"
            }
            Format::Zip => {
                "an ES&S cast vote record spreadsheet counts as a contest (`tally rounds FILE`, or its RCTab configuration; docs/formats.md); for a class's ballots, save the spreadsheet as CSV (docs/ballots.md)"
            }
            Format::Utf16 => {
                "tally reads UTF-8: in Excel, save it as \"CSV UTF-8 (Comma delimited)\" instead (docs/ballots.md)"
            }
            Format::Binary => "tally reads text files",
            Format::CastVoteRecords { .. } => {
                "count it through its RCTab configuration, `tally rounds CONFIG.json`, or, for RCTab's own CVR CSV, as it is: `tally rounds FILE` (docs/formats.md)"
            }
            Format::Tabulator(
                Tabulator::RctabDetailed { .. } | Tabulator::RctabSummary | Tabulator::OpaVote,
            ) => "open it as a contest: `tally FILE`, `tally rounds FILE` (docs/formats.md)",
            Format::Tabulator(Tabulator::RctabConfig) => {
                "count the contest it configures: `tally rounds FILE` (docs/formats.md)"
            }
            Format::Tabulator(Tabulator::NistCdf | Tabulator::Dominion) => {
                "count it as a contest: `tally rounds FILE`, or through its RCTab configuration (docs/formats.md)"
            }
            Format::UnknownJson { .. } => {
                "tally reads its own results datasets (docs/dataset-format.md); RCTab results (1.x summaries, 2.x detailed reports), Universal Tabulator JSON and OpaVote results (docs/formats.md); ballots files and Google or Microsoft Forms exports (docs/ballots.md)"
            }
        }
    }
}

/// Columns that only a voting system's cast vote record export has.
const CVR_COLUMNS: [&str; 11] = [
    "precinct",
    "precinct_id",
    "tabulator id",
    "batch id",
    "batch_id",
    // RCTab's generic CSV as survey tools (Qualtrics) write it: it needs its configuration,
    // which says where the candidates' columns start.
    "response id",
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
    if first.starts_with('{') {
        if let Some(t) = tabulator(text) {
            return Format::Tabulator(t);
        }
        let keys = top_level_keys(text);
        if !keys.is_empty() && !keys.iter().any(|k| DATASET_KEYS.contains(&k.as_str())) {
            return Format::UnknownJson {
                keys: keys.into_iter().take(5).collect(),
            };
        }
        return Format::Dataset;
    }
    if first.starts_with('[') || is_json_scalar(first) {
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

/// Another tabulator's JSON, from the top-level fields of the object `text` starts with (as
/// far as the start of the file goes), or `None`: then it is read as a dataset, whose reader
/// says best what is wrong with it.
fn tabulator(text: &str) -> Option<Tabulator> {
    let keys = top_level_keys(text);
    let has = |k: &str| keys.iter().any(|key| key == k);
    if has("tally_format") {
        return None;
    }
    if has("config") && (has("results") || keys.first().is_some_and(|k| k == "config")) {
        return Some(
            if has("jsonFormatVersion") || text.contains("\"generatedBy\"") {
                Tabulator::RctabDetailed {
                    generated_by: string_after(text, "\"generatedBy\""),
                }
            } else {
                Tabulator::RctabSummary
            },
        );
    }
    // A Universal Tabulator file may leave `config` out: its rounds still say what it is.
    if has("results") && !has("config") && text.contains("\"tallyResults\"") {
        return Some(Tabulator::RctabSummary);
    }
    if has("cvrFileSources") || has("tabulatorVersion") {
        return Some(Tabulator::RctabConfig);
    }
    if has("@type") && text.contains("CastVoteRecordReport") {
        return Some(Tabulator::NistCdf);
    }
    if has("Sessions") && (has("ElectionId") || has("Version")) {
        return Some(Tabulator::Dominion);
    }
    let opavote = [
        "n_seats",
        "n_votes",
        "n_valid_votes",
        "precision",
        "tie_breaks",
    ];
    if opavote.iter().filter(|k| has(k)).count() >= 2 {
        return Some(Tabulator::OpaVote);
    }
    None
}

/// The fields of the top-level object, in order, as far as `text` goes: a truncated start
/// gives the ones it holds. Values are skipped, nested ones included.
fn top_level_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut chars = text.trim_start().chars().peekable();
    if chars.next() != Some('{') {
        return keys;
    }
    // Depth inside the top-level object's values; 0 where a key may start.
    let mut depth = 0usize;
    let mut expect_key = true;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut s = String::new();
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                s.push(e);
                            }
                        }
                        '"' => {
                            closed = true;
                            break;
                        }
                        c => s.push(c),
                    }
                }
                if !closed {
                    break;
                }
                if depth == 0 && expect_key {
                    keys.push(s);
                    expect_key = false;
                }
            }
            '{' | '[' => depth += 1,
            '}' | ']' => {
                if depth == 0 {
                    break; // the end of the top-level object
                }
                depth -= 1;
            }
            ',' if depth == 0 => expect_key = true,
            _ => {}
        }
    }
    keys
}

/// The JSON string after `key` and its colon (`"generatedBy" : "RCTab 2.0.0"`), if the text
/// has one.
fn string_after(text: &str, key: &str) -> Option<String> {
    let rest = &text[text.find(key)? + key.len()..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let end = rest.find('\n').unwrap_or(rest.len());
    let mut de = serde_json::Deserializer::from_str(&rest[..end]);
    serde::Deserialize::deserialize(&mut de).ok()
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
    fn json_with_no_field_of_any_format_is_told_from_a_dataset_with_mistakes() {
        // Every dataset field is known to the dataset reader (none is "unknown field").
        for key in DATASET_KEYS {
            let e = crate::import::dataset::from_str(&format!("{{\"{key}\": null}}")).unwrap_err();
            assert!(
                e.iter().all(|d| !d.message.contains("unknown field")),
                "{key}: {e:?}"
            );
        }
        assert_eq!(
            recognise(br#"{"election": "x", "votes": {}}"#),
            Format::UnknownJson {
                keys: vec!["election".into(), "votes".into()]
            }
        );
        // One dataset field is enough to be read, and told, as a dataset.
        assert_eq!(
            recognise(br#"{"election": "x", "title": "T"}"#),
            Format::Dataset
        );
        assert_eq!(recognise(b"{}"), Format::Dataset);
    }

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
        assert_eq!(
            recognise(b"Response ID,precinct_id,batch_id,Lettuce,Broccoli\n"),
            Format::CastVoteRecords {
                column: "response id".into()
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

    #[test]
    fn other_tabulators_json_is_told_by_its_top_level_fields() {
        let t = |s: &str| recognise(s.as_bytes());
        assert_eq!(
            t(
                r#"{ "config" : { "contest" : "Mayor", "generatedBy" : "RCTab 2.0.0" },
                 "jsonFormatVersion" : "1", "results" : [ ] }"#
            ),
            Format::Tabulator(Tabulator::RctabDetailed {
                generated_by: Some("RCTab 2.0.0".into())
            })
        );
        assert_eq!(
            t(r#"{"config": {"contest": "Mayor", "threshold": 15982}, "results": [{"round": 1}]}"#),
            Format::Tabulator(Tabulator::RctabSummary)
        );
        assert_eq!(
            t(r#"{"results": [{"round": 1, "tally": {"A": "3"}, "tallyResults": []}]}"#),
            Format::Tabulator(Tabulator::RctabSummary)
        );
        // Cut off inside `config`: its first field is enough.
        assert_eq!(
            t("{\n  \"config\" : {\n    \"contest\" : \"Elimination"),
            Format::Tabulator(Tabulator::RctabSummary)
        );
        assert_eq!(
            t(r#"{"n_seats": 2, "n_votes": 24, "title": "x", "precision": 6, "candidates": []}"#),
            Format::Tabulator(Tabulator::OpaVote)
        );
        assert_eq!(
            t(r#"{ "tabulatorVersion" : "TEST", "outputSettings" : {}, "cvrFileSources" : [] }"#),
            Format::Tabulator(Tabulator::RctabConfig)
        );
        assert_eq!(
            t(r#"{ "@type" : "CVR.CastVoteRecordReport", "CVR" : [ ] }"#),
            Format::Tabulator(Tabulator::NistCdf)
        );
        assert_eq!(
            t(r#"{"Version": "5.10.50.85", "ElectionId": "x", "Sessions": []}"#),
            Format::Tabulator(Tabulator::Dominion)
        );
        // A dataset, even one that names a field `config` inside a value, stays a dataset.
        assert_eq!(
            t(r#"{"tally_format": 1, "id": "x", "notes": ["config", "results"]}"#),
            Format::Dataset
        );
        assert_eq!(
            t(r#"{"id": "x", "title": "{\"config\": 1}", "candidates": [{"id": "config"}]}"#),
            Format::Dataset
        );
        assert_eq!(
            top_level_keys(r#"{"a": {"b": [1, {"c": 2}]}, "d\"e": "}", "f": 3}"#),
            ["a", "d\"e", "f"]
        );
    }
}
