//! Any bytes as a class's ballots file (`docs/ballots.md`), in whatever layout the reader
//! recognises: checked by `shared/ballots_check.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "shared/ballots_check.rs"]
mod ballots_check;

fuzz_target!(|data: &[u8]| {
    ballots_check::check(data);
});
