//! The count as CSV: one row per candidate per round, plus the exhausted ballots.
//!
//! Columns: `round, kind, id, name, party, votes, change, share, status`. `kind` is
//! `candidate` or `exhausted`; `change` is what the round's transfers added (0 in round 1);
//! `share` is the percent of continuing votes. Only candidates still in the round appear.

use crate::load::Loaded;
use crate::text::clean;

pub fn rounds(l: &Loaded) -> String {
    let c = &l.contest;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let header = [
        "round", "kind", "id", "name", "party", "votes", "change", "share", "status",
    ];
    let _ = w.write_record(header);
    for r in &l.count.rounds {
        for (i, cand) in c.candidates.iter().enumerate() {
            let Some(votes) = r.votes[i] else {
                continue;
            };
            let change = r.received(i);
            let status = if r.elected.contains(&i) {
                "elected"
            } else if r.eliminated.contains(&i) {
                "eliminated"
            } else {
                "continuing"
            };
            let share = if r.continuing > 0 {
                format!("{:.2}", votes as f64 * 100.0 / r.continuing as f64)
            } else {
                String::new()
            };
            let _ = w.write_record([
                r.number.to_string(),
                "candidate".into(),
                clean(&cand.id).into_owned(),
                clean(&cand.name).into_owned(),
                clean(&cand.party).into_owned(),
                votes.to_string(),
                change.to_string(),
                share,
                status.into(),
            ]);
        }
        let _ = w.write_record([
            r.number.to_string(),
            "exhausted".into(),
            String::new(),
            crate::report::exhausted_label(c.system).into(),
            String::new(),
            r.exhausted.to_string(),
            r.newly_exhausted().to_string(),
            String::new(),
            String::new(),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
