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
use tally::report;
use tally::story::{narrate, present};

fuzz_target!(|data: &[u8]| {
    // As every command opens it: recognised first, then read.
    let _ = tally::import::from_bytes("fuzz.json", data);
    let Ok(loaded) = tally::import::opavote::from_bytes("fuzz.json", data) else {
        return;
    };
    let count = &loaded.count;
    for r in &count.rounds {
        assert_eq!(
            r.continuing + r.exhausted + r.residual,
            count.valid,
            "round {} does not conserve the votes",
            r.number
        );
    }
    let _ = report::text::rounds(&loaded);
    let json = report::json::rounds(&loaded);
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
        panic!("report::json::rounds wrote JSON that does not parse: {e}\n{json}");
    }
    let _ = report::csv::rounds(&loaded);
    let _ = narrate::report(&loaded);
    for index in 0..count.rounds.len() {
        let _ = narrate::step(&loaded, index);
    }
    for beat in present::beats(&loaded) {
        let _ = present::frame(&loaded, beat);
    }
});
