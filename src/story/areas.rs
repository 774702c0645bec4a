//! A contest's results by area as a table: per area, who leads there and by how much, its
//! valid votes and its turnout, in each of the orders the Areas view offers.
//!
//! Worked out once per contest (see [`super::tables`]): the view then only picks the rows
//! that fit. A turnout that cannot be computed is `None` ("unknown" on screen, never 0),
//! and an area that has not declared has no standings.

use std::cmp::{Ordering, Reverse};

use crate::model::Contest;
use crate::text::{clean, width};

/// The orders the table can be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaSort {
    Name,
    Turnout,
    LeaderShare,
}

impl AreaSort {
    pub const ALL: [AreaSort; 3] = [AreaSort::Name, AreaSort::Turnout, AreaSort::LeaderShare];

    /// The next order, as `s` steps through them.
    pub fn next(self) -> AreaSort {
        match self {
            AreaSort::Name => AreaSort::Turnout,
            AreaSort::Turnout => AreaSort::LeaderShare,
            AreaSort::LeaderShare => AreaSort::Name,
        }
    }

    /// "Sorted by …".
    pub fn name(self) -> &'static str {
        match self {
            AreaSort::Name => "name",
            AreaSort::Turnout => "turnout, highest first",
            AreaSort::LeaderShare => "leader's share, highest first",
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
}

impl AreaRow {
    /// The share of the area's valid votes of the candidate in place `k` (0 = leader).
    pub fn share(&self, k: usize) -> Option<f64> {
        let &(_, votes) = self.standings.get(k)?;
        (self.valid > 0).then(|| votes as f64 * 100.0 / self.valid as f64)
    }
}

/// Every area of a contest, and the order of the rows under each sort.
#[derive(Debug, Clone, Default)]
pub struct AreaTable {
    rows: Vec<AreaRow>,
    /// Per `AreaSort`, indices into `rows`.
    orders: [Vec<usize>; 3],
    /// How many areas have declared.
    declared: usize,
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
                        .map(|(i, c)| (i, fp.get(&c.id).map_or(0, u64::from)))
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
        AreaTable {
            declared: rows.iter().filter(|r| r.declared).count(),
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
