//! Any bytes as an OpaVote results file (`import::opavote`): parsed, checked against itself
//! and counted as published; when it loads, every text output made from it, and the count's
//! one invariant (continuing + exhausted + residual = valid, in every round). Nothing here
//! may panic, hang or grow without bound.
//!
//! Seeds: `fuzz/seeds/opavote/` (small files of tally's own, one for each shape: an instant
//! runoff with a recorded tie, a fixed-point STV count with surpluses moved a round apart,
//! a withdrawn candidate), passed as a second corpus directory (see `fuzz/README.md`).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "shared/contest_check.rs"]
mod contest_check;

fuzz_target!(|data: &[u8]| {
    // As every command opens it: recognised first, then read.
    let _ = tally::import::from_bytes("fuzz.json", data);
    let Ok(loaded) = tally::import::opavote::from_bytes("fuzz.json", data) else {
        return;
    };
    contest_check::check(&loaded);
});
