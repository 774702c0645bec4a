//! A contest's results by area as a table: per area, who leads there and by how much, its
//! valid votes and its turnout, in each of the orders the Areas view offers.
//!
//! Worked out once per contest (see [`super::tables`]): the view then only picks the rows
//! that fit. It also holds the night's declarations, newest first, for the live ticker. A
//! turnout that cannot be computed is `None` ("unknown" on screen, never 0), and an area
//! that has not declared has no standings.

use std::cmp::{Ordering, Reverse};

use chrono::{DateTime, FixedOffset};

use crate::model::{Contest, Votes};
use crate::text::{clean, width};

/// The orders the table can be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaSort {
    Name,
    Turnout,
    LeaderShare,
    /// The latest declaration first; areas without a declaration time after those with.
    LatestDeclared,
}

impl AreaSort {
    pub const ALL: [AreaSort; 4] = [
        AreaSort::Name,
        AreaSort::Turnout,
        AreaSort::LeaderShare,
        AreaSort::LatestDeclared,
    ];

    /// The next order, as `s` steps through them.
    pub fn next(self) -> AreaSort {
        match self {
            AreaSort::Name => AreaSort::Turnout,
            AreaSort::Turnout => AreaSort::LeaderShare,
            AreaSort::LeaderShare => AreaSort::LatestDeclared,
            AreaSort::LatestDeclared => AreaSort::Name,
        }
    }

    /// "Sorted by …".
    pub fn name(self) -> &'static str {
        match self {
            AreaSort::Name => "name",
            AreaSort::Turnout => "turnout, highest first",
            AreaSort::LeaderShare => "leader's share, highest first",
            AreaSort::LatestDeclared => "latest declared first",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One area as the table shows it.
#[derive(Debug, Clone)]
pub struct AreaRow {
    /// The area's id in the dataset (for live highlights).
    pub id: String,
    /// The name, made safe to print.
    pub name: String,
    /// Whether the area has declared its result.
    pub declared: bool,
    /// Candidates with their votes in the area, most first (ties in candidate order);
    /// empty while the area has not declared.
    pub standings: Vec<(usize, u64)>,
    /// Valid votes: as published, or the sum of the first preferences.
    pub valid: u64,
    /// Ballot papers over electorate, in percent, when both are known.
    pub turnout: Option<f64>,
    /// When the area declared, if it has and the file says.
    pub declared_at: Option<DateTime<FixedOffset>>,
}

impl AreaRow {
    /// The share of the area's valid votes of the candidate in place `k` (0 = leader).
    pub fn share(&self, k: usize) -> Option<f64> {
        let &(_, votes) = self.standings.get(k)?;
        (self.valid > 0).then(|| votes as f64 * 100.0 / self.valid as f64)
    }
}

/// One declaration, as the live ticker lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    /// The area's id in the dataset.
    pub area_id: String,
    /// The area's name, made safe to print.
    pub name: String,
    pub at: DateTime<FixedOffset>,
}

/// How declaration times read: "14:05", or "Fri 14:05" when the night spans days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    /// The declarations fall on more than one day (each in its own offset).
    pub days: bool,
    /// The times are made up (`"declaration_times": "illustrative"`), not the real ones.
    pub illustrative: bool,
}

impl Clock {
    pub fn time(self, at: DateTime<FixedOffset>) -> String {
        crate::text::time_of_day(at, self.days)
    }

    /// What the Declared column says for a row: its time, "not yet", or "unknown" when it
    /// declared without one.
    pub fn row(self, row: &AreaRow) -> String {
        match (row.declared, row.declared_at) {
            (_, Some(at)) => self.time(at),
            (true, None) => "unknown".to_string(),
            (false, None) => "not yet".to_string(),
        }
    }
}

/// Every area of a contest, and the order of the rows under each sort.
#[derive(Debug, Clone, Default)]
pub struct AreaTable {
    rows: Vec<AreaRow>,
    /// Per `AreaSort`, indices into `rows`.
    orders: [Vec<usize>; 4],
    /// How many areas have declared.
    declared: usize,
    /// The declarations with a time, newest first (equal times by name).
    latest: Vec<Declaration>,
    clock: Clock,
    /// The widest area name, and the widest leader's name, in terminal cells.
    name_width: usize,
    leader_width: usize,
}

impl AreaTable {
    pub fn new(contest: &Contest) -> AreaTable {
        let rows: Vec<AreaRow> = contest
            .areas
            .iter()
            .flatten()
            .map(|area| {
                let mut standings: Vec<(usize, u64)> = match &area.first_preferences {
                    Some(fp) => contest
                        .candidates
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (i, fp.get(&c.id).map_or(0, Votes::get)))
                        .collect(),
                    None => Vec::new(),
                };
                standings.sort_by_key(|&(i, v)| (Reverse(v), i));
                let summed = standings
                    .iter()
                    .fold(0u64, |t, &(_, v)| t.saturating_add(v));
                let turnout = match (area.electorate, area.ballot_papers) {
                    (Some(e), Some(b)) => b.percent_of(e),
                    _ => None,
                };
                AreaRow {
                    id: area.id.clone(),
                    name: clean(&area.name).into_owned(),
                    declared: area.is_declared(),
                    valid: area.valid_votes.map_or(summed, |v| v.get()),
                    standings,
                    turnout,
                    declared_at: area.declared_at.filter(|_| area.is_declared()),
                }
            })
            .collect();
        let lower: Vec<String> = rows.iter().map(|r| r.name.to_lowercase()).collect();
        let by_name = |a: usize, b: usize| lower[a].cmp(&lower[b]);
        // Highest first, unknown last.
        let desc = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => b.total_cmp(&a),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        let orders = AreaSort::ALL.map(|sort| {
            let mut order: Vec<usize> = (0..rows.len()).collect();
            order.sort_by(|&a, &b| {
                let (ra, rb) = (&rows[a], &rows[b]);
                match sort {
                    AreaSort::Name => Ordering::Equal,
                    AreaSort::Turnout => desc(ra.turnout, rb.turnout),
                    AreaSort::LeaderShare => desc(ra.share(0), rb.share(0)),
                    // Latest first, then declared without a time, then not declared.
                    AreaSort::LatestDeclared => match (ra.declared_at, rb.declared_at) {
                        (Some(a), Some(b)) => b.cmp(&a),
                        (Some(_), None) => Ordering::Less,
                        (None, Some(_)) => Ordering::Greater,
                        (None, None) => rb.declared.cmp(&ra.declared),
                    },
                }
                .then_with(|| by_name(a, b))
            });
            order
        });
        let leader_width = rows
            .iter()
            .filter_map(|r| r.standings.first())
            .map(|&(i, _)| width(&clean(&contest.candidates[i].name)))
            .max()
            .unwrap_or(0);
        let latest: Vec<Declaration> = orders[AreaSort::LatestDeclared.index()]
            .iter()
            .map(|&i| &rows[i])
            .filter_map(|r| {
                Some(Declaration {
                    area_id: r.id.clone(),
                    name: r.name.clone(),
                    at: r.declared_at?,
                })
            })
            .collect();
        let days = latest.first().is_some_and(|f| {
            latest
                .iter()
                .any(|d| d.at.date_naive() != f.at.date_naive())
        });
        AreaTable {
            declared: rows.iter().filter(|r| r.declared).count(),
            clock: Clock {
                days,
                illustrative: contest.illustrative_times(),
            },
            latest,
            name_width: rows.iter().map(|r| width(&r.name)).max().unwrap_or(0),
            leader_width,
            rows,
            orders,
        }
    }

    /// How many areas have declared.
    pub fn declared(&self) -> usize {
        self.declared
    }

    /// The declarations that have a time, newest first.
    pub fn latest(&self) -> &[Declaration] {
        &self.latest
    }

    /// How this contest's declaration times read, and whether they are illustrative.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The widest area name, in terminal cells (0 with no areas).
    pub fn name_width(&self) -> usize {
        self.name_width
    }

    /// The widest name of a candidate leading an area, in terminal cells (0 when none
    /// has declared).
    pub fn leader_width(&self) -> usize {
        self.leader_width
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows in the order `sort` asks for. Unknown figures sort last.
    pub fn sorted(&self, sort: AreaSort) -> impl ExactSizeIterator<Item = &AreaRow> + Clone {
        self.orders[sort.index()].iter().map(|&i| &self.rows[i])
    }

    /// Row `k` in the order `sort` asks for.
    pub fn row(&self, sort: AreaSort, k: usize) -> Option<&AreaRow> {
        self.orders[sort.index()].get(k).map(|&i| &self.rows[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 2016 replay after `k` declarations.
    fn night(k: usize) -> Contest {
        let full = crate::import::embedded::get("london-2016")
            .unwrap()
            .load()
            .unwrap()
            .contest;
        crate::live::replay::stages(&full).unwrap()[k]
            .contest
            .clone()
    }

    #[test]
    fn latest_declared_first_then_without_a_time_then_still_out() {
        let mut contest = night(7);
        // One declared area lost its time: it goes after the timed ones.
        let untimed = contest
            .areas
            .as_mut()
            .unwrap()
            .iter_mut()
            .find(|a| a.is_declared())
            .unwrap();
        untimed.declared_at = None;
        let untimed = untimed.id.clone();
        let table = AreaTable::new(&contest);
        let rows: Vec<&AreaRow> = table.sorted(AreaSort::LatestDeclared).collect();
        let times: Vec<_> = rows.iter().map_while(|r| r.declared_at).collect();
        assert_eq!(times.len(), 6);
        assert!(times.windows(2).all(|w| w[0] > w[1]), "{times:?}");
        assert_eq!(rows[6].id, untimed);
        assert!(rows[7..].iter().all(|r| !r.declared));
        let clock = table.clock();
        assert_eq!(clock.row(rows[6]), "unknown");
        assert_eq!(clock.row(rows[7]), "not yet");
        assert_eq!(clock.row(rows[0]), times[0].format("%H:%M").to_string());
        // The ticker's items: the timed declarations, newest first.
        let latest: Vec<&str> = table.latest().iter().map(|d| d.area_id.as_str()).collect();
        let expected: Vec<&str> = rows[..6].iter().map(|r| r.id.as_str()).collect();
        assert_eq!(latest, expected);
        assert!(clock.illustrative && !clock.days);
    }

    #[test]
    fn a_night_across_midnight_names_the_day() {
        let mut contest = night(2);
        let first = contest
            .areas
            .as_mut()
            .unwrap()
            .iter_mut()
            .find(|a| a.is_declared())
            .unwrap();
        first.declared_at =
            Some(chrono::DateTime::parse_from_rfc3339("2016-05-07T00:20:00+01:00").unwrap());
        let table = AreaTable::new(&contest);
        let clock = table.clock();
        assert!(clock.days);
        assert_eq!(clock.time(table.latest()[0].at), "Sat 00:20");
        assert!(AreaTable::new(&night(0)).latest().is_empty());
    }

    #[test]
    fn every_order_holds_every_row_once() {
        for l in crate::import::load_all().unwrap() {
            let table = AreaTable::new(&l.contest);
            for sort in AreaSort::ALL {
                let mut ids: Vec<&str> = table.sorted(sort).map(|r| r.id.as_str()).collect();
                assert_eq!(ids.len(), table.len());
                ids.sort_unstable();
                ids.dedup();
                assert_eq!(ids.len(), table.len(), "{} by {sort:?}", l.contest.id);
            }
        }
    }
}
