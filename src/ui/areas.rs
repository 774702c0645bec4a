//! The Areas view: results by area (the GLA constituencies), one table row each with who
//! leads there, by how much, and the turnout, plus a bar chart of the selected area.
//!
//! A contest-wide result hides where it was won; this view shows it. Areas that have not
//! declared yet are listed as such rather than left out, and a turnout that cannot be
//! computed is "unknown", never 0. The table is worked out once per contest
//! (`story::areas`); the selection counts rows of the sorted table, so ↑/↓ walk down the
//! screen whatever the sort. Side by side when there is room, else the chart under the table:
//!
//! ```text
//! Sorted by name (s changes the sort) · 14 areas  │ Barnet and Camden · 183,946 valid…
//!   Area          Status    Leader         Share  │ Sadiq Khan      ██████████  41.6%
//! › Barnet and …  declared  ▍Sadiq Khan    41.6%  │ Zac Goldsmith   ████████▋   36.0%
//!   table.rs                                      │ chart.rs
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Layout, Rect};
use ratatui::widgets::Widget;

use super::put;
use super::theme::Palette;
use crate::app::App;
use crate::story::areas::AreaSort;
use crate::text::{clean, percent, wrap};
use chart::draw_chart;
use table::{Columns, draw_table};

mod chart;
mod table;

/// The narrowest the chart gets beside the table.
const CHART_MIN: u16 = 34;
/// From this width the chart goes beside the table, not under it.
const SIDE_BY_SIDE: u16 = 100;
/// Between the table and the chart: a gap, the divider, a gap.
const DIVIDER_W: u16 = 3;
/// The area name column's natural width, whatever the names.
const NAME_MIN: usize = 4;
const NAME_MAX: usize = 24;
/// The leader column's natural width.
const LEADER_MIN: usize = 6;
const LEADER_MAX: usize = 18;
/// Under the table: the sort line, the column headings and a blank line.
const TABLE_CHROME: u16 = 3;
/// When the table and the chart do not both fit, the table keeps at least this many rows.
const TABLE_MIN_ROWS: u16 = 3;

pub struct AreasView<'a> {
    pub app: &'a App,
}

fn share_text(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_string(), percent)
}

fn turnout_text(t: Option<f64>) -> String {
    t.map_or_else(|| "unknown".to_string(), |t| format!("{t:.2}%"))
}

impl Widget for AreasView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let app = self.app;
        let pal = Palette::new(app.options().theme);
        let contest = &app.contest().contest;
        let table = &app.contest_tables().areas;
        let sort = app.views().areas.sort;
        let selected = app
            .views()
            .areas
            .selected
            .min(table.len().saturating_sub(1));
        let Some(selected_row) = table.row(sort, selected) else {
            no_areas(app, area, buf, &pal);
            return;
        };
        let name_nat = table.name_width().clamp(NAME_MIN, NAME_MAX) as u16;
        let leader_nat = table.leader_width().clamp(LEADER_MIN, LEADER_MAX) as u16;
        let declared_nat = declared_width(app);
        let call = table::call_widths(app);

        let (cols, table_rect, chart) = if area.width >= SIDE_BY_SIDE {
            // The table as wide as it needs (dropping the status column if it must, as the
            // leader column then says "not declared"), the chart the rest.
            let room = area.width - DIVIDER_W - CHART_MIN;
            let mut cols = Columns::new(room, name_nat, leader_nat, declared_nat, call);
            if table.declared() == table.len() {
                cols = cols.without_status();
            }
            let [table_rect, _, divider, _, chart] = Layout::horizontal([
                Length(cols.width().min(room)),
                Length(1),
                Length(1),
                Length(1),
                Fill(1),
            ])
            .areas(area);
            for y in divider.top()..divider.bottom() {
                put(buf, area, divider.x, y, "│", pal.dim());
            }
            (cols, table_rect, chart)
        } else {
            // Sort line and headings, the rows, a blank line, then the chart: every row
            // when the chart fits under them, otherwise about half the height each.
            let avail = area.height.saturating_sub(TABLE_CHROME);
            let n = table.len() as u16;
            let cands = contest.candidates.len() as u16;
            let table_rows = if n + 1 + cands <= avail {
                n
            } else {
                (avail / 2).max(n.min(TABLE_MIN_ROWS)).min(n)
            };
            let table_h = (2 + table_rows).min(area.height);
            let gap = 1.min(area.height - table_h);
            let [table_rect, _, chart] =
                Layout::vertical([Length(table_h), Length(gap), Fill(1)]).areas(area);
            (
                Columns::new(area.width, name_nat, leader_nat, declared_nat, call),
                table_rect,
                chart,
            )
        };
        draw_table(app, selected, cols, table_rect, buf, &pal);
        draw_chart(contest, selected_row, chart, buf, &pal);
    }
}

/// The Declared column's natural width, or 0 when the table has none: it is shown when an
/// area has a declaration time, when the times are illustrative, and on a live night with
/// areas still out; it is wide enough for its heading, every row's time and the ★ that
/// marks a new declaration.
fn declared_width(app: &App) -> u16 {
    let table = &app.contest_tables().areas;
    let live = app.live_state().is_some();
    let night = live && table.declared() < table.len();
    if table.latest().is_empty() && !table.clock().illustrative && !night {
        return 0;
    }
    let clock = table.clock();
    let widest = table
        .sorted(AreaSort::Name)
        .map(|r| {
            let star = if live && r.declared { 2 } else { 0 };
            crate::text::width(&clock.row(r)) + star
        })
        .max()
        .unwrap_or(0);
    widest.max(crate::text::width("Declared")) as u16
}

fn no_areas(app: &App, area: Rect, buf: &mut Buffer, pal: &Palette) {
    let with: Vec<(String, usize)> = app
        .contests()
        .iter()
        .filter_map(|l| {
            let k = l.contest.areas.as_ref().map_or(0, Vec::len);
            (k > 0).then(|| (clean(&l.contest.title).into_owned(), k))
        })
        .collect();
    let imported = app
        .contests()
        .iter()
        .all(|l| matches!(l.contest.method, crate::model::method::Method::Published(_)));
    let hint = if with.is_empty() && imported {
        "A count imported from another tabulator has no results by area.".to_string()
    } else if with.is_empty() {
        "Add an `areas` list to a dataset file to see results by constituency, ward or \
         borough (docs/dataset-format.md)."
            .to_string()
    } else {
        let names: Vec<&str> = with.iter().map(|(t, _)| t.as_str()).collect();
        let counts = if with.iter().all(|(_, k)| *k == with[0].1) {
            format!("all {} areas", with[0].1)
        } else {
            "results by area".to_string()
        };
        let (verb, them) = if with.len() == 1 {
            ("has", "it")
        } else {
            ("have", "them")
        };
        format!(
            "{} {verb} {counts}: press [ or ] to go to {them}.",
            crate::story::words::join_names(&names)
        )
    };
    let text = format!("This dataset has no results by area. {hint}");
    let lines = wrap(&text, area.width as usize, "", "");
    for (y, line) in (area.y..area.bottom()).zip(lines.lines()) {
        put(buf, area, area.x, y, line, pal.text());
    }
}

#[cfg(test)]
mod tests;
