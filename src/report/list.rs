//! `tally list`: the embedded contests, one line each.

use super::table::{Align, Table};
use crate::count::Counted;
use crate::story::summary;
use crate::text::clean;

pub fn list(contests: &[Counted]) -> String {
    let mut t = Table::new(&[
        ("ID", Align::Left),
        ("TITLE", Align::Left),
        ("DATE", Align::Left),
        ("SYSTEM", Align::Left),
        ("WINNER", Align::Left),
    ]);
    for l in contests {
        let c = &l.contest;
        let winner = match summary::winner(l) {
            Some(w) => format!("{} ({})", clean(&w.name), clean(&w.party)),
            None => "undecided".to_string(),
        };
        t.row(vec![
            clean(&c.id).into_owned(),
            clean(&c.title).into_owned(),
            c.date.to_string(),
            c.method.system().name().into(),
            winner,
        ]);
    }
    t.render(0)
}
