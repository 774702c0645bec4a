//! Any bytes as a NIST SP 1500-103 CDF JSON file of cast vote records (`import::cvr::cdf`),
//! read as a bare file (the names learned from it) and under a configuration naming two
//! candidates; when it reads, every ballot is counted once and every mark is a candidate.
//! Nothing here may panic, hang or grow without bound.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tally::import::cvr::{Names, Provider, Sink, cdf};

#[path = "shared/cvr_check.rs"]
mod cvr_check;

fuzz_target!(|data: &[u8]| {
    let bare = cvr_check::bare(Provider::Cdf, None, None);
    let mut names = Names::open();
    let mut sink = Sink::new();
    if cdf::read_from(data, "fuzz.json", &bare, &mut names, &mut sink).is_ok() {
        cvr_check::check(names, sink);
    }
    let configured = cvr_check::bare(Provider::Cdf, Some("contest-1"), Some("Write-in"));
    let mut names = Names::default();
    names.add("Candidate A", &["a".to_string()]);
    names.add("Candidate B", &[]);
    let mut sink = Sink::new();
    if cdf::read_from(data, "fuzz.json", &configured, &mut names, &mut sink).is_ok() {
        cvr_check::check(names, sink);
    }
});
