//! The count as CSV: one row per candidate per round, plus the exhausted ballots.
//!
//! Columns: `round, kind, id, name, party, votes, change, share, status`. `kind` is
//! `candidate` or `exhausted`; `change` is what the round's transfers added (0 in round 1);
//! `share` is the percent of continuing votes. Only candidates still in the round appear.
//!
//! Every text cell is safe in a spreadsheet: control characters are escaped as everywhere
//! else, and a cell that would begin with `=`, `+`, `-`, `@`, a tab or a carriage return
//! (which spreadsheets run as a formula: a candidate called `=HYPERLINK(...)`) gets a leading
//! `'`, as OWASP recommends. Plain numbers are left as they are.

use crate::count::Counted;

/// A text cell that no spreadsheet will run as a formula.
pub fn cell(s: &str) -> String {
    let s = crate::text::escape(s);
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(&s) {
        format!("'{s}")
    } else {
        s.into_owned()
    }
}

/// `-12`, `+3.5`: a number a spreadsheet reads as a number, not a formula.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

pub fn rounds(l: &Counted) -> String {
    let c = &l.contest;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let header = [
        "round", "kind", "id", "name", "party", "votes", "change", "share", "status",
    ];
    let _ = w.write_record(header);
    for r in &l.count.rounds {
        for (i, cand) in c.candidates.iter().enumerate() {
            let Some(votes) = r.tally(i) else {
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
            let share = votes
                .percent_of(r.continuing)
                .map(|p| format!("{p:.2}"))
                .unwrap_or_default();
            let _ = w.write_record([
                r.number.to_string(),
                "candidate".into(),
                cell(&cand.id),
                cell(&cand.name),
                cell(&cand.party),
                votes.get().to_string(),
                change.get().to_string(),
                share,
                status.into(),
            ]);
        }
        let _ = w.write_record([
            r.number.to_string(),
            "exhausted".into(),
            String::new(),
            c.method.words().exhausted.into(),
            String::new(),
            r.exhausted.get().to_string(),
            r.newly_exhausted().get().to_string(),
            String::new(),
            String::new(),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_be_formulas_are_neutralised() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        for risky in ["+1+1", "-2+3", "@SUM(A1)", "=1"] {
            assert!(cell(risky).starts_with('\''), "{risky}");
        }
        // Controls are escaped first, so a tab or a carriage return cannot lead a cell raw.
        assert_eq!(cell("\tx"), "\\u{9}x");
        for plain in ["Ken Livingstone", "-5", "+3.5", "12", "O'Brien", ""] {
            assert_eq!(cell(plain), plain);
        }
    }
}
