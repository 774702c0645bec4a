//! Any bytes as another tabulator's published count: read as RCTab results JSON or
//! Universal Tabulator JSON (`import::rctab`), checked and counted, and when it loads, the
//! votes must add up in every round and every text output made from it must work. Nothing
//! here may panic, hang or grow without bound.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tally::report;
use tally::story::{narrate, present};

fuzz_target!(|data: &[u8]| {
    // The door every command uses: recognised, then read by whichever reader it is.
    let _ = tally::import::from_bytes("fuzz.json", data);
    let Ok(loaded) = tally::import::rctab::from_bytes("fuzz.json", data) else {
        return;
    };
    for r in &loaded.count.rounds {
        assert_eq!(
            r.continuing + r.exhausted + r.residual,
            loaded.count.valid,
            "round {}: the votes do not add up",
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
    for index in 0..loaded.count.rounds.len() {
        let _ = narrate::step(&loaded, index);
    }
    for beat in present::beats(&loaded) {
        let _ = present::frame(&loaded, beat);
    }
});
