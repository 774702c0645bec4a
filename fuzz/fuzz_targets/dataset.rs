//! Any bytes as a dataset file: recognised (`import::recognise`), then parsed, validated and
//! counted (`import::dataset::from_str`), and when it loads, every text output made from it.
//! Nothing here may panic, hang or grow without bound.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "shared/contest_check.rs"]
mod contest_check;

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
    contest_check::check(&loaded);
});
