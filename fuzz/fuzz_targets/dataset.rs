//! Any bytes as a dataset file: recognised (`import::recognise`), then parsed, validated and
//! counted (`import::dataset::from_str`), and when it loads, every text output made from it.
//! Nothing here may panic, hang or grow without bound.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tally::report;
use tally::story::{narrate, present};

fuzz_target!(|data: &[u8]| {
    // Every file is recognised before it is read: telling a dataset from another
    // tabulator's JSON by its top-level fields must not panic or hang on any bytes.
    let _ = tally::import::recognise::recognise(&data[..data.len().min(64 * 1024)]);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(loaded) = tally::import::dataset::from_str(text) else {
        return;
    };

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
