//! Any bytes as RCTab's CVR CSV or its generic candidate-per-column CSV
//! (`import::cvr::csv`), streamed record by record into a ballot sink. Nothing here may
//! panic, hang or grow without bound; when it reads, the ballots grouped must add up to the
//! ballots read.
//!
//! Input layout: 1 selector byte, then the CSV bytes. Bit 7 chooses the reader (0: RCTab's
//! CVR CSV, 1: generic CSV); the other bits choose the source's settings as in the `ess`
//! target (`fuzz_targets/shared/cvr_check.rs`).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "shared/cvr_check.rs"]
mod cvr_check;

use tally::import::cvr::{Provider, csv};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let provider = if selector & 0x80 == 0 {
        Provider::RctabCsv
    } else {
        Provider::GenericCsv
    };
    let (source, mut names) = cvr_check::source(provider, selector);
    cvr_check::run(&source, &mut names, |source, names, sink| match provider {
        Provider::RctabCsv => csv::read_rctab_bytes(bytes, source, names, sink),
        _ => csv::read_generic_bytes(bytes, source, names, sink),
    });
});
