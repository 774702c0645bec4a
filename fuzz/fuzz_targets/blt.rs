//! Any bytes as a BLT ballot file (`import::blt`): read a line at a time into grouped
//! rankings, or refused with a message naming the file and line; also opened as every
//! command opens a file (`import::from_bytes`). When it reads, the records must hold together:
//! a name for each of the header's candidates, every mark and withdrawn candidate one of them,
//! no ranking beyond `cvr::MAX_RANK`, and the file's ballots the sum of the rankings' weights.
//! Nothing here may panic, hang or grow without bound (a header may claim any number of
//! candidates, a weight any size).
//!
//! Seeds: `fuzz/seeds/blt/` (small files of tally's own, one for each dialect), passed as a
//! second corpus directory (see `fuzz/README.md`); dictionary `blt.dict`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tally::import::blt;
use tally::import::cvr::MAX_RANK;
use tally::model::Votes;
use tally::model::ballots::Mark;

fuzz_target!(|data: &[u8]| {
    let _ = tally::import::from_bytes("fuzz.blt", data);
    let Ok(b) = blt::read_from(data, "fuzz.blt") else {
        return;
    };
    let records = &b.records;
    let n = records.ballots.candidates.len();
    assert_eq!(n, b.candidates as usize);
    assert!(b.candidates <= blt::MAX_CANDIDATES);
    assert!(b.seats >= 1);
    assert!(records.excluded.iter().all(|&i| i < n));
    assert!(records.ballots.candidates.iter().all(|c| !c.is_empty()));
    let mut sum = Votes::ZERO;
    for r in &records.ballots.rankings {
        assert!(r.marks.len() <= MAX_RANK);
        assert!(!r.weight.is_zero());
        for m in &r.marks {
            match m {
                Mark::Candidate(i) => assert!(*i < n),
                Mark::Overvote(list) => {
                    assert!(list.len() >= 2);
                    assert!(list.iter().all(|&i| i < n));
                }
                Mark::Skipped => {}
            }
        }
        sum = sum.checked_add(r.weight).expect("the weights were summed when read");
    }
    assert_eq!(records.files.len(), 1);
    assert_eq!(records.files[0].file, "fuzz.blt");
    assert_eq!(records.files[0].ballots, sum);
    assert_eq!(records.total(), sum);
});
