//! What every cast vote record reader must give, whatever it read: each ballot counted
//! once, every mark a candidate the records name. Shared by the `cdf` and `dominion` targets.

use tally::import::cvr::{Labels, Names, Provider, Sink, Source};
use tally::model::ballots::Mark;

/// A source as a bare file or folder gives it, with `contest` and a write-in label.
pub fn source(provider: Provider, contest: Option<&str>, write_in: Option<&str>) -> Source {
    Source {
        path: "fuzz".into(),
        name: "fuzz".into(),
        provider,
        contest_id: contest.map(str::to_string),
        first_vote_column: None,
        first_vote_row: None,
        id_column: None,
        precinct_column: None,
        max_rankings: None,
        labels: Labels {
            write_in: write_in.map(str::to_string),
            ..Labels::default()
        },
    }
}

/// The records read into `sink` hold together.
pub fn check(names: Names, mut sink: Sink) {
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
    if let Some(w) = cvr.write_in {
        assert!(w < n);
    }
}
