//! Any bytes as an ES&S cast vote record spreadsheet (`import::cvr::ess`): the workbook is
//! opened from memory by calamine and streamed cell by cell into a ballot sink. Nothing here
//! may panic, hang or grow without bound; when it reads, the ballots grouped must add up to
//! the ballots read.
//!
//! Input layout: 1 selector byte, then the .xlsx bytes. The selector's bits choose the
//! source's settings: bits 0-1 the rank columns (`max_rankings` absent, 1, 3 or 15), bit 2 a
//! closed candidate list (names refused unless listed) instead of an open one, bit 3 blank
//! cells as write-ins, bit 4 `|` as the overvote delimiter, bit 5 the first vote column 4
//! instead of 2, bit 6 an id column (1).
//!
//! Seeds: `fuzz/seeds/ess/` (tiny workbooks of tally's own, behind a selector byte).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "shared/cvr_check.rs"]
mod cvr_check;

use tally::import::cvr::{Provider, ess};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let (source, mut names) = cvr_check::source(Provider::Ess, selector);
    cvr_check::run(&source, &mut names, |source, names, sink| {
        ess::read_bytes(bytes, source, names, sink)
    });
});
