//! What the cast vote record targets share: the sources they read with (a bare file's, or
//! one chosen by a selector byte), and the check that a read that succeeds holds together:
//! each ballot counted once, every mark a candidate the records name.

use std::path::PathBuf;

use tally::import::cvr::{Labels, Names, Provider, Sink, Source};
use tally::model::ballots::Mark;

/// The source (and candidate list) a selector byte chooses (`ess`, `cvr_csv`): see the `ess`
/// target's header.
#[allow(dead_code, reason = "not every target chooses its source by a selector")]
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

/// A source as a bare file or folder gives it (`cdf`, `dominion`), with `contest` and a
/// write-in label.
#[allow(dead_code, reason = "not every target reads a bare source")]
pub fn bare(provider: Provider, contest: Option<&str>, write_in: Option<&str>) -> Source {
    let mut source = Source::bare("fuzz", "fuzz", provider);
    source.contest_id = contest.map(str::to_string);
    source.labels.write_in = write_in.map(str::to_string);
    source
}

/// Read with `read`, one ballot per record; when it succeeds, every ballot read is in
/// exactly one group of weight 1 each, and the records hold together ([`check`]).
#[allow(dead_code, reason = "not every target reads one ballot per record")]
pub fn run(
    source: &Source,
    names: &mut Names,
    read: impl FnOnce(&Source, &mut Names, &mut Sink) -> Result<(), String>,
) {
    let mut sink = Sink::new();
    if read(source, names, &mut sink).is_err() {
        return;
    }
    let read_count = sink.read;
    let cvr = check(std::mem::take(names), sink);
    let grouped: u64 = cvr.ballots.rankings.iter().map(|r| r.weight.get()).sum();
    assert_eq!(grouped, read_count, "ballots grouped != ballots read");
}

/// The records read into `sink` hold together: every ballot in one group, the file's total
/// theirs, every mark a candidate.
pub fn check(names: Names, mut sink: Sink) -> tally::model::cvr::CastVoteRecords {
    sink.end_file("fuzz");
    let read = sink.read;
    let cvr = sink.finish(names);
    let n = cvr.ballots.candidates.len();
    assert!(cvr.ballots.rankings.len() as u64 <= read.max(1));
    assert_eq!(cvr.total(), cvr.ballots.total());
    for r in &cvr.ballots.rankings {
        assert!(r.marks.len() <= tally::import::cvr::MAX_RANK);
        for m in &r.marks {
            match m {
                Mark::Candidate(i) => assert!(*i < n),
                Mark::Overvote(list) => assert!(list.iter().all(|i| *i < n)),
                Mark::Skipped => {}
            }
        }
    }
    cvr
}
