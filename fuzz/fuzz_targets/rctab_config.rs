//! Any bytes as an RCTab contest configuration (`import::rctab_config`): read and checked
//! into sources, candidates and rules, or refused with the JSON path and what is wrong. When
//! it reads: at least one source and one candidate, every excluded candidate one of them,
//! the rules within what the engine takes (a tie-break that draws has its seed; no limit of
//! 0 rankings or a stop after round 0). The sources are not opened (they name files).
//! Nothing here may panic, hang or grow without bound.
//!
//! Seeds: `tests/data/invalid/110-116*.json` (configurations) are copied by `seed.sh`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tally::import::rctab_config;

fuzz_target!(|data: &[u8]| {
    let Ok(c) = rctab_config::read(std::path::Path::new("fuzz/config.json"), data) else {
        return;
    };
    assert!(!c.sources.is_empty());
    assert!(!c.names.names.is_empty());
    assert!(c.names.excluded.iter().all(|&i| i < c.names.names.len()));
    assert!(!c.names.open);
    let r = &c.rules;
    assert!(!r.tiebreak.needs_seed() || r.random_seed.is_some());
    assert_ne!(r.max_rankings, Some(0));
    assert_ne!(r.stop_after_round, Some(0));
    for s in &c.sources {
        assert_eq!(s.max_rankings, r.max_rankings);
    }
});
