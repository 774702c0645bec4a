//! What the cast vote record targets (`ess`, `cvr_csv`) share: a source's settings chosen by
//! a selector byte, and the check that a read that succeeds adds up.

use std::path::PathBuf;

use tally::import::cvr::{Labels, Names, Provider, Sink, Source};

/// The source (and candidate list) a selector byte chooses: see the `ess` target's header.
pub fn source(provider: Provider, selector: u8) -> (Source, Names) {
    let max_rankings = [None, Some(1), Some(3), Some(15)][usize::from(selector & 3)];
    let mut names = if selector & 4 != 0 {
        let mut names = Names::default();
        for n in ["Ann", "Bob", "Cy", "BETSY HODGES", "Lettuce"] {
            names.add(n, &[]);
        }
        names
    } else {
        Names::open()
    };
    names.open = selector & 4 == 0;
    let source = Source {
        path: PathBuf::from("fuzz"),
        name: "fuzz".into(),
        provider,
        contest_id: None,
        first_vote_column: Some(if selector & 0x20 != 0 { 4 } else { 2 }),
        first_vote_row: Some(2),
        id_column: (selector & 0x40 != 0).then_some(1),
        precinct_column: None,
        max_rankings,
        labels: Labels {
            overvote_delimiter: (selector & 0x10 != 0).then(|| "|".to_string()),
            overvote: Some("overvote".into()),
            skipped: Some("undervote".into()),
            write_in: Some("UWI".into()),
            blank_is_write_in: selector & 8 != 0,
        },
    };
    (source, names)
}

/// Read with `read`; when it succeeds, every ballot read is in exactly one group, and every
/// mark names a known candidate.
pub fn run(
    source: &Source,
    names: &mut Names,
    read: impl FnOnce(&Source, &mut Names, &mut Sink) -> Result<(), String>,
) {
    let mut sink = Sink::new();
    if read(source, names, &mut sink).is_err() {
        return;
    }
    sink.end_file(&source.name);
    let read_count = sink.read;
    let cvr = sink.finish(std::mem::take(names));
    let grouped: u64 = cvr.ballots.rankings.iter().map(|r| r.weight.get()).sum();
    assert_eq!(grouped, read_count, "ballots grouped != ballots read");
    assert_eq!(cvr.files[0].ballots.get(), read_count);
    let n = cvr.ballots.candidates.len();
    for r in &cvr.ballots.rankings {
        assert!(r.marks.len() <= tally::import::cvr::MAX_RANK);
        for m in &r.marks {
            match m {
                tally::model::ballots::Mark::Candidate(i) => assert!(*i < n),
                tally::model::ballots::Mark::Overvote(list) => {
                    assert!(list.iter().all(|i| *i < n))
                }
                tally::model::ballots::Mark::Skipped => {}
            }
        }
    }
}
