//! Any bytes as a Dominion export (`import::cvr::dominion`): the input split at 0xFF bytes
//! (never in UTF-8 JSON) into a `CvrExport.json`, then optionally a `CandidateManifest.json`
//! and a `ContestManifest.json` (a small real-shaped pair when absent), read as a bare folder
//! and with contest 1 and write-in Id 12; when it reads, every ballot is counted once and
//! every mark is a candidate. Nothing here may panic, hang or grow without bound.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tally::import::cvr::dominion::Contest;
use tally::import::cvr::{Names, Provider, Sink};

#[path = "shared/cvr_check.rs"]
mod cvr_check;

const CANDIDATES: &[u8] = br#"{"List":[{"Description":"Ann","Id":1,"ContestId":1},{"Description":"Ben","Id":3,"ContestId":1},{"Description":"(undeclared)","Id":12,"ContestId":1},{"Description":"Sam","Id":20,"ContestId":2}]}"#;
const CONTESTS: &[u8] =
    br#"{"List":[{"Description":"MAYOR","Id":1,"NumOfRanks":3},{"Description":"SHERIFF","Id":2}]}"#;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0xFF);
    let export = parts.next().unwrap_or_default();
    let candidates = parts.next().unwrap_or(CANDIDATES);
    let contests = parts.next().unwrap_or(CONTESTS);
    for (contest, write_in, open) in [(None, None, true), (Some("1"), Some("12"), false)] {
        let source = cvr_check::bare(Provider::Dominion, contest, write_in);
        let mut names = if open { Names::open() } else { Names::default() };
        if !open {
            names.add("Ann Lee", &["1".to_string()]);
            names.add("Ben Ito", &["3".to_string()]);
        }
        let Ok(mut reader) = Contest::new(candidates, contests, &source, &mut names, "c", "k")
        else {
            continue;
        };
        let mut sink = Sink::new();
        if reader
            .read_export(export, "fuzz/CvrExport.json", &mut names, &mut sink)
            .is_ok()
        {
            cvr_check::check(names, sink);
        }
    }
});
