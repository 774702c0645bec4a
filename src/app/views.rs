//! Each view's own small state: how far it is scrolled, and its choices (the Shares view's
//! basis, the Elections view's highlights, the Areas view's selection and sort).
//!
//! A scroll is clamped against how far its view can scroll, which drawing reports back
//! (`Geometry::scroll`): a key past the end does nothing, so there is no dead zone to
//! climb back out of and no scrolling into a blank screen.

/// What shares are a percentage of, in the Shares view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareBasis {
    /// Of all valid first preferences: exhausted ballots show as their own share.
    ValidFirstPreferences,
    /// Of the votes still in the final round.
    FinalRound,
}

pub use crate::story::areas::AreaSort;

/// How far a view is scrolled, and how far it can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scroll {
    offset: u16,
    /// The most it can scroll, as last drawn; `None` before it has been drawn.
    max: Option<u16>,
}

impl Scroll {
    /// Rows scrolled past.
    pub fn offset(&self) -> u16 {
        self.offset
    }

    /// Scroll by `rows` (negative: up), stopping at the top and at the end as last drawn.
    /// True if it moved.
    pub(super) fn by(&mut self, rows: i32) -> bool {
        let before = self.offset;
        let max = i32::from(self.max.unwrap_or(u16::MAX));
        self.offset = (i32::from(self.offset) + rows).clamp(0, max) as u16;
        self.offset != before
    }

    #[cfg(test)]
    pub(super) fn up(&mut self) -> bool {
        self.by(-1)
    }

    #[cfg(test)]
    pub(super) fn down(&mut self) -> bool {
        self.by(1)
    }

    pub(super) fn reset(&mut self) {
        self.offset = 0;
    }

    /// The view was drawn and can scroll `max` rows: clamp to it. True if that moved it.
    pub(super) fn limit(&mut self, max: u16) -> bool {
        self.max = Some(max);
        let before = self.offset;
        self.offset = self.offset.min(max);
        self.offset != before
    }
}

/// Every view's state.
#[derive(Debug, Clone, Default)]
pub struct Views {
    pub count: Scroll,
    /// The Count view lists the candidates out in earlier rounds one by one (`o`), rather
    /// than folded into one row.
    pub count_others: bool,
    pub shares: SharesState,
    pub elections: ElectionsState,
    pub areas: AreasState,
    pub help: Scroll,
}

#[derive(Debug, Clone, Copy)]
pub struct SharesState {
    pub basis: ShareBasis,
    pub scroll: Scroll,
}

impl Default for SharesState {
    fn default() -> Self {
        SharesState {
            basis: ShareBasis::ValidFirstPreferences,
            scroll: Scroll::default(),
        }
    }
}

impl SharesState {
    pub(super) fn toggle_basis(&mut self) {
        self.basis = match self.basis {
            ShareBasis::ValidFirstPreferences => ShareBasis::FinalRound,
            ShareBasis::FinalRound => ShareBasis::ValidFirstPreferences,
        };
    }
}

#[derive(Debug, Clone, Default)]
pub struct ElectionsState {
    /// Per contest: highlighted (bold, `●`) or not.
    pub highlighted: Vec<bool>,
    pub scroll: Scroll,
}

impl ElectionsState {
    pub fn is_highlighted(&self, contest: usize) -> bool {
        self.highlighted.get(contest).copied().unwrap_or(false)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct AreasState {
    /// The selected row of the sorted table, so ↑/↓ walk down the screen whatever the sort.
    pub selected: usize,
    pub sort: AreaSort,
}

impl Default for AreasState {
    fn default() -> Self {
        AreasState {
            selected: 0,
            sort: AreaSort::Name,
        }
    }
}

impl AreasState {
    /// The next sort order, keeping the same area selected (at its row in the new order).
    pub(super) fn next_sort(&mut self, table: &crate::story::areas::AreaTable) {
        let id = table.row(self.sort, self.selected).map(|r| r.id.clone());
        self.sort = self.sort.next();
        if let Some(id) = id {
            self.selected = table
                .sorted(self.sort)
                .position(|r| r.id == id)
                .unwrap_or(0);
        }
    }

    /// Move the selection by `rows` (negative: up) among `n` areas, stopping at the first
    /// and the last. True if it moved.
    pub(super) fn move_by(&mut self, rows: i32, n: usize) -> bool {
        let before = self.selected;
        let last = n.saturating_sub(1) as i64;
        self.selected = (self.selected as i64 + i64::from(rows)).clamp(0, last) as usize;
        self.selected != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scroll_stops_where_its_view_ends_and_comes_straight_back() {
        let mut s = Scroll::default();
        assert!(!s.limit(2) && s.down() && s.down());
        assert!(!s.down(), "at the end: nothing to scroll");
        assert!(s.up(), "one key back is one row back");
        assert_eq!(s.offset(), 1);
        // A taller terminal can show more: the scroll comes back with it.
        assert!(s.limit(0));
        assert_eq!(s.offset(), 0);
    }
}
