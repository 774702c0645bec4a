//! Forms exports (`import::forms`): the first byte chooses a header (each Google grid
//! layout, Microsoft Forms with one or several question columns), its separator (comma,
//! semicolon, tab), a byte-order mark and Windows line endings; the rest is the responses.
//! So every mutation explores the rows of a recognised export rather than its first line.
//! Each input is checked as `ballots` checks one (`shared/ballots_check.rs`), and also
//! opened as any command opens a file (`import::from_bytes`), which must answer, not panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "shared/ballots_check.rs"]
mod ballots_check;

/// Headers with `,` between cells, replaced by the chosen separator.
const HEADERS: [&str; 8] = [
    "Timestamp,Email address,Trip [1st choice],Trip [2nd choice],Trip [3rd choice]",
    "Timestamp,Email address,Your name,Trip [Zoo],Trip [Beach],Trip [Museum]",
    "Timestamp,Pick [1],Pick [2],Pick [3]",
    "Timestamp,Food [Pizza],Food [Pasta],Trip [First],Trip [Second]",
    "ID,Start time,Completion time,Email,Name,Rank the trips",
    "ID,Start time,Completion time,Email,Name,Class,Rank the trips",
    "\"Timestamp\",\"Rank, please [1st choice]\",\"Rank, please [2nd choice]\"",
    "Horodateur,Classez [Zoo],Classez [Plage]",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rows)) = data.split_first() else {
        return;
    };
    let header = HEADERS[usize::from(selector & 0x07)];
    let sep = [",", ";", "\t", ","][usize::from((selector >> 3) & 0x03)];
    let mut input = Vec::with_capacity(data.len() + 128);
    if selector & 0x20 != 0 {
        input.extend_from_slice("\u{feff}".as_bytes());
    }
    input.extend_from_slice(header.replace(',', sep).as_bytes());
    input.extend_from_slice(if selector & 0x40 != 0 { b"\r\n" } else { b"\n" });
    input.extend_from_slice(rows);
    ballots_check::check(&input);
    let _ = tally::import::from_bytes("fuzz.csv", &input);
});
