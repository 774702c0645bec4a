//! The count as CSV: one row per candidate per round, plus the exhausted ballots and the
//! round's transfers (one `transfer` row per source and destination), then the areas (one
//! `area` row each, and one `area-candidate` row per candidate in a declared area).
//! `docs/rounds-json.md` documents the layout.
//!
//! Columns: [`ROUNDS_HEADER`]. `kind` says what a row is; `change` is what the round's
//! transfers added (0 in round 1; for a published count, the signed difference from the
//! previous round, negative when a surplus left); `share` is a percent of what `share_basis` names (the
//! votes in the round, or the area's valid votes). Only candidates still in the round
//! appear. Unknown figures are empty cells, never 0. A published count adds what it carries:
//! an `inactive` row per kind of inactive ballot (RCTab 2), a `residual` row for votes lost
//! to rounding, and `derived` on transfer rows worked out from the tallies.
//!
//! Every text cell is safe in a spreadsheet: control characters are escaped as everywhere
//! else, and a cell that would begin with `=`, `+`, `-`, `@`, a tab or a carriage return
//! (which spreadsheets run as a formula: a candidate called `=HYPERLINK(...)`) gets a leading
//! `'`, as OWASP recommends. Plain numbers are left as they are.

use crate::count::Counted;
use crate::model::Votes;

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

/// The header: the original nine columns, then those added for the share's basis, party ids,
/// the areas, the transfers' destinations, when each area declared and whether a transfer
/// was derived (appended, so readers that go by position keep working).
pub const ROUNDS_HEADER: [&str; 21] = [
    "round",
    "kind",
    "id",
    "name",
    "party",
    "votes",
    "change",
    "share",
    "status",
    "share_basis",
    "party_id",
    "area_id",
    "area",
    "electorate",
    "ballot_papers",
    "turnout",
    "to_id",
    "to",
    "declared_at",
    "declaration_times",
    "derived",
];

/// One row, by column name; columns not given are empty.
#[derive(Default)]
struct Row {
    round: String,
    kind: &'static str,
    id: String,
    name: String,
    party: String,
    votes: String,
    change: String,
    share: String,
    status: &'static str,
    share_basis: &'static str,
    party_id: String,
    area_id: String,
    area: String,
    electorate: String,
    ballot_papers: String,
    turnout: String,
    to_id: String,
    to: String,
    declared_at: String,
    declaration_times: &'static str,
    derived: &'static str,
}

impl Row {
    fn cells(self) -> [String; 21] {
        [
            self.round,
            self.kind.into(),
            self.id,
            self.name,
            self.party,
            self.votes,
            self.change,
            self.share,
            self.status.into(),
            self.share_basis.into(),
            self.party_id,
            self.area_id,
            self.area,
            self.electorate,
            self.ballot_papers,
            self.turnout,
            self.to_id,
            self.to,
            self.declared_at,
            self.declaration_times.into(),
            self.derived.into(),
        ]
    }
}

/// `12.34`, or empty when there is nothing to take a share of.
/// A candidate's `status` cell in round `r`: `elected` (in this round or earlier, still
/// holding votes in a multi-seat count), `eliminated` or `continuing`.
pub(super) fn status(r: &crate::count::Round, i: usize) -> &'static str {
    if r.elected.contains(&i) || r.states.get(i) == Some(&crate::count::State::Elected) {
        "elected"
    } else if r.eliminated.contains(&i) {
        "eliminated"
    } else {
        "continuing"
    }
}

fn share(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.2}")).unwrap_or_default()
}

fn number(v: Option<Votes>) -> String {
    v.map(|v| v.plain()).unwrap_or_default()
}

/// `after - before` with its sign: `-10` when a surplus left, `8.8832` when votes came in.
fn net_change(before: Votes, after: Votes) -> String {
    if after < before {
        format!("-{}", (before - after).plain())
    } else {
        (after - before).plain()
    }
}

pub fn rounds(l: &Counted) -> String {
    let c = &l.contest;
    let is_published = crate::story::published::published(c).is_some();
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(ROUNDS_HEADER);
    for (k, r) in l.count.rounds.iter().enumerate() {
        let before = k.checked_sub(1).and_then(|k| l.count.rounds.get(k));
        for (i, cand) in c.candidates.iter().enumerate() {
            let Some(votes) = r.tally(i) else {
                continue;
            };
            let status = status(r, i);
            // A published count's net change (a surplus leaves its candidate at the quota,
            // so it is negative), as `tally rounds` shows it; else what transfers added.
            let change = match before {
                Some(b) if is_published => net_change(b.tally(i).unwrap_or(Votes::ZERO), votes),
                _ => r.received(i).plain(),
            };
            let row = Row {
                round: r.number.to_string(),
                kind: "candidate",
                id: cell(&cand.id),
                name: cell(&cand.name),
                party: cell(&cand.party),
                votes: votes.plain(),
                change,
                share: share(votes.percent_of(r.continuing)),
                status,
                share_basis: "votes-in-round",
                party_id: cand.party_id.as_deref().map(cell).unwrap_or_default(),
                ..Row::default()
            };
            let _ = w.write_record(row.cells());
        }
        let row = Row {
            round: r.number.to_string(),
            kind: "exhausted",
            name: c.method.words().exhausted.into(),
            votes: r.exhausted.plain(),
            change: r.newly_exhausted().plain(),
            ..Row::default()
        };
        let _ = w.write_record(row.cells());
        inactive(r, &mut w);
        if !r.residual.is_zero() {
            let row = Row {
                round: r.number.to_string(),
                kind: "residual",
                name: "Residual surplus".into(),
                votes: r.residual.plain(),
                ..Row::default()
            };
            let _ = w.write_record(row.cells());
        }
        let prev = r.number.checked_sub(2).and_then(|k| l.count.rounds.get(k));
        transfers(c, prev, r, &mut w);
    }
    for area in c.areas.iter().flatten() {
        let fp = area.first_preferences.as_ref();
        let summed: Option<Votes> =
            fp.map(|fp| c.candidates.iter().filter_map(|k| fp.get(&k.id)).sum());
        let valid = area.valid_votes.or(summed);
        let turnout = match (area.electorate, area.ballot_papers) {
            (Some(e), Some(b)) => b.percent_of(e),
            _ => None,
        };
        let row = Row {
            kind: "area",
            id: cell(&area.id),
            name: cell(&area.name),
            votes: number(valid),
            status: if area.is_declared() {
                "declared"
            } else {
                "not-declared"
            },
            area_id: cell(&area.id),
            area: cell(&area.name),
            electorate: number(area.electorate),
            ballot_papers: number(area.ballot_papers),
            turnout: share(turnout),
            declared_at: area.declared_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            declaration_times: if c.illustrative_times() && area.declared_at.is_some() {
                "illustrative"
            } else {
                ""
            },
            ..Row::default()
        };
        let _ = w.write_record(row.cells());
        let Some(fp) = fp else { continue };
        for cand in &c.candidates {
            let Some(votes) = fp.get(&cand.id) else {
                continue;
            };
            let row = Row {
                round: "1".into(),
                kind: "area-candidate",
                id: cell(&cand.id),
                name: cell(&cand.name),
                party: cell(&cand.party),
                votes: votes.plain(),
                share: share(valid.and_then(|v| votes.percent_of(v))),
                share_basis: "area-valid-votes",
                party_id: cand.party_id.as_deref().map(cell).unwrap_or_default(),
                area_id: cell(&area.id),
                area: cell(&area.name),
                ..Row::default()
            };
            let _ = w.write_record(row.cells());
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The kinds of inactive ballots in round `r`, when the source gives them (RCTab 2): one
/// `inactive` row per kind, with its running total.
fn inactive(r: &crate::count::Round, w: &mut ::csv::Writer<Vec<u8>>) {
    let Some(k) = &r.inactive else { return };
    for (id, name, votes) in [
        (
            "exhausted_choices",
            "Exhausted choices",
            k.exhausted_choices,
        ),
        ("overvotes", "Overvotes", k.overvotes),
        ("skipped_rankings", "Skipped rankings", k.skipped_rankings),
        (
            "repeated_rankings",
            "Repeated rankings",
            k.repeated_rankings,
        ),
    ] {
        let row = Row {
            round: r.number.to_string(),
            kind: "inactive",
            id: id.into(),
            name: name.into(),
            votes: votes.plain(),
            ..Row::default()
        };
        let _ = w.write_record(row.cells());
    }
}

/// Round `r`'s transfers: one row per source and destination, in the count's order. A
/// source is one candidate (eliminated, or elected with a surplus: a matrix, or one at a
/// time), or all of them together when only totals are known or the transfers were derived
/// from the tallies (then `id` is empty). `prev` is the round the sources left at the end of.
fn transfers(
    c: &crate::model::Contest,
    prev: Option<&crate::count::Round>,
    r: &crate::count::Round,
    w: &mut ::csv::Writer<Vec<u8>>,
) {
    use crate::count::Destination;
    // Everything a source had went somewhere (the rest as exhausted), so its transfers sum
    // to its ballots. Summed once: a matrix gives up to candidates × candidates transfers.
    let mut of_source: std::collections::HashMap<&[usize], Votes> = Default::default();
    for t in &r.transfers {
        *of_source.entry(t.from.as_slice()).or_insert(Votes::ZERO) += t.votes;
    }
    for t in &r.transfers {
        let from_source = of_source
            .get(t.from.as_slice())
            .copied()
            .unwrap_or(Votes::ZERO);
        let (id, name, party, party_id) = match t.from.as_slice() {
            [one] => {
                let k = &c.candidates[*one];
                (
                    cell(&k.id),
                    cell(&k.name),
                    cell(&k.party),
                    k.party_id.as_deref().map(cell).unwrap_or_default(),
                )
            }
            several => {
                let elected = several
                    .iter()
                    .filter(|i| prev.is_some_and(|p| p.elected.contains(i)))
                    .count();
                let which = match elected {
                    0 => "eliminated",
                    e if e == several.len() => "elected",
                    _ => "elected and eliminated",
                };
                (
                    String::new(),
                    format!("The {} {which} candidates", several.len()),
                    String::new(),
                    String::new(),
                )
            }
        };
        let (to_id, to) = match t.to {
            Destination::Candidate(i) => (cell(&c.candidates[i].id), cell(&c.candidates[i].name)),
            Destination::Exhausted => ("exhausted".into(), c.method.words().exhausted.into()),
        };
        let row = Row {
            round: r.number.to_string(),
            kind: "transfer",
            id,
            name,
            party,
            votes: t.votes.plain(),
            share: share(t.votes.percent_of(from_source)),
            share_basis: "source-ballots",
            party_id,
            to_id,
            to,
            derived: if r.derived { "true" } else { "false" },
            ..Row::default()
        };
        let _ = w.write_record(row.cells());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of a kind, as (round, id, name, votes, derived).
    fn rows<'a>(csv: &'a str, kind: &str) -> Vec<[&'a str; 5]> {
        csv.lines()
            .map(|l| l.split(',').collect::<Vec<_>>())
            .filter(|r| r[1] == kind)
            .map(|r| [r[0], r[2], r[3], r[5], r[20]])
            .collect()
    }

    #[test]
    fn a_published_count_adds_inactive_kinds_residual_and_derived_transfers() {
        let batch = rounds(&crate::report::rctab::tests::batch());
        assert_eq!(
            rows(&batch, "inactive"),
            [
                ["1", "exhausted_choices", "Exhausted choices", "1300", ""],
                ["1", "overvotes", "Overvotes", "35", ""],
                ["1", "skipped_rankings", "Skipped rankings", "0", ""],
                ["1", "repeated_rankings", "Repeated rankings", "0", ""],
                ["2", "exhausted_choices", "Exhausted choices", "1760", ""],
                ["2", "overvotes", "Overvotes", "47", ""],
                ["2", "skipped_rankings", "Skipped rankings", "0", ""],
                ["2", "repeated_rankings", "Repeated rankings", "0", ""],
            ]
        );
        assert!(rows(&batch, "residual").is_empty(), "none lost: no row");
        let transfers = rows(&batch, "transfer");
        assert_eq!(transfers.len(), 3, "to A, to C and exhausted");
        for t in transfers {
            assert_eq!(
                (t[1], t[2], t[4]),
                ("", "The 2 eliminated candidates", "true")
            );
        }
        let two = rounds(&crate::report::rctab::tests::two_seats());
        assert_eq!(
            rows(&two, "residual"),
            [
                ["2", "", "Residual surplus", "0.0064", ""],
                ["3", "", "Residual surplus", "0.0064", ""],
                ["4", "", "Residual surplus", "0.0224", ""],
            ]
        );
        assert!(rows(&two, "inactive").is_empty(), "no kinds given: no rows");
        let from_curley: Vec<_> = rows(&two, "transfer")
            .into_iter()
            .filter(|t| t[1] == "harvey-curley")
            .map(|t| (t[0], t[3], t[4]))
            .collect();
        assert_eq!(
            from_curley,
            [("2", "8.8832", "false"), ("2", "1.1104", "false")]
        );
    }

    #[test]
    fn a_published_count_gives_the_net_change_and_keeps_those_elected_earlier() {
        let two = rounds(&crate::report::rctab::tests::two_seats());
        // (round, id, change, status) of each candidate row.
        let got: Vec<[&str; 4]> = two
            .lines()
            .map(|l| l.split(',').collect::<Vec<_>>())
            .filter(|r| r[1] == "candidate" && r[2] != "sarah-lucido")
            .map(|r| [r[0], r[2], r[6], r[8]])
            .collect();
        assert_eq!(
            got,
            [
                ["1", "harvey-curley", "0", "elected"],
                ["1", "larry-edwards", "0", "continuing"],
                ["1", "mary-hall-rayford", "0", "continuing"],
                ["2", "harvey-curley", "-10", "elected"],
                ["2", "larry-edwards", "8.8832", "continuing"],
                ["2", "mary-hall-rayford", "1.1104", "continuing"],
                ["3", "harvey-curley", "0", "elected"],
                ["3", "larry-edwards", "80", "elected"],
                ["3", "mary-hall-rayford", "0", "continuing"],
                ["4", "harvey-curley", "0", "elected"],
                ["4", "larry-edwards", "-50.8832", "elected"],
                ["4", "mary-hall-rayford", "50.5632", "continuing"],
            ]
        );
    }

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
