//! Any bytes as another tabulator's published count: read as RCTab results JSON or
//! Universal Tabulator JSON (`import::rctab`), checked and counted, and when it loads, the
//! votes must add up in every round and every text output made from it must work. Nothing
//! here may panic, hang or grow without bound.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "shared/contest_check.rs"]
mod contest_check;

fuzz_target!(|data: &[u8]| {
    // The door every command uses: recognised, then read by whichever reader it is.
    let _ = tally::import::from_bytes("fuzz.json", data);
    let Ok(loaded) = tally::import::rctab::from_bytes("fuzz.json", data) else {
        return;
    };
    contest_check::check(&loaded);
});
