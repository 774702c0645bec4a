//! The Areas view's table: one row per area with its status (or its declaration time),
//! leader, leader's share, runner-up's share and turnout, scrolled so the selected row is
//! always in view. Columns that do not fit drop out in order of how little they say.
//!
//! Each column is a width in [`Columns`] (0 when hidden), a start in [`Xs`], a heading and a
//! cell in [`Line::draw`]: a new column adds one of each.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{share_text, turnout_text};
use crate::app::App;
use crate::story::against::{Against, AreaCall, Call};
use crate::story::areas::{AreaRow, AreaSort};
use crate::text::{fit, right, width};
use crate::ui::flow;
use crate::ui::put;
use crate::ui::theme::Palette;

/// Column widths of the table for a given width; optional columns drop out when narrow.
#[derive(Debug, Clone, Copy)]
pub(super) struct Columns {
    name: u16,
    /// 0 when hidden (the leader column then says "not declared").
    status: u16,
    /// When each area declared ("not yet" while it has not; ★ marks the new ones). It
    /// takes the status column's place: 0 when hidden.
    declared: u16,
    leader: u16,
    share: u16,
    /// 0 when hidden.
    runner_up: u16,
    turnout: u16,
    /// HOLD or GAIN against the baseline (`--against`): 0 without one.
    call: u16,
}

impl Columns {
    const MARKER: u16 = 2;
    const SWATCH: u16 = 2;

    /// The columns in `total` cells. `declared_nat` is the Declared column's natural width,
    /// 0 for none (the status column is shown instead).
    /// `call` is the HOLD/GAIN column's natural and shortest width, (0, 0) for none.
    pub(super) fn new(
        total: u16,
        name_nat: u16,
        leader_nat: u16,
        declared_nat: u16,
        call: (u16, u16),
    ) -> Self {
        let mut c = Columns {
            name: name_nat,
            status: if declared_nat > 0 { 0 } else { 12 },
            declared: declared_nat,
            leader: leader_nat,
            share: 6,
            runner_up: 6,
            turnout: 7,
            call: call.0,
        };
        let (name_min, leader_min) = (10.min(name_nat), 8.min(leader_nat));
        // Full names matter more than the status column (the leader column says "not
        // declared" without it), which matters more than the runner-up's share, which
        // matters more than the declaration times.
        if c.fixed() + name_nat + leader_nat > total {
            c.status = 0;
        }
        // With a baseline, HOLD or GAIN matters more than the runner-up's share: the call says
        // less ("GAIN +3.1", without "from Lab") before names are cut, then the runner-up goes.
        if c.call > 0 && c.fixed() + name_nat + leader_nat > total {
            c.call = call.1;
        }
        if c.call > 0 && c.fixed() + name_nat + leader_nat > total {
            c.runner_up = 0;
        }
        if c.fixed() + name_min + leader_min > total {
            c.runner_up = 0;
        }
        // HOLD or GAIN without "from whom" before the declaration times go.
        if c.fixed() + name_min + leader_min > total {
            c.call = call.1;
        }
        if c.fixed() + name_min + leader_min > total {
            c.declared = 0;
        }
        let avail = total.saturating_sub(c.fixed());
        if avail < name_nat + leader_nat {
            c.leader = leader_nat
                .min(avail.saturating_sub(name_nat))
                .max(leader_min);
            c.name = avail.saturating_sub(c.leader).max(name_min.min(avail));
        }
        c
    }

    /// Without the status column: when every area has declared it would say "declared"
    /// on every row, and its width is better given to the chart beside the table.
    pub(super) fn without_status(mut self) -> Self {
        self.status = 0;
        self
    }

    /// The whole table's width.
    pub(super) fn width(&self) -> u16 {
        self.fixed() + self.name + self.leader
    }

    /// Everything but the two name columns, with the one-cell gaps between columns.
    fn fixed(&self) -> u16 {
        let opt = |w: u16| if w > 0 { w + 1 } else { 0 };
        Self::MARKER
            + 1
            + opt(self.status)
            + opt(self.declared)
            + Self::SWATCH
            + 1
            + self.share
            + opt(self.runner_up)
            + 1
            + self.turnout
            + if self.call > 0 { self.call + 1 } else { 0 }
    }
}

/// Where each column starts.
struct Xs {
    name: u16,
    status: u16,
    declared: u16,
    leader: u16,
    share: u16,
    runner_up: u16,
    turnout: u16,
    call: u16,
}

impl Columns {
    fn xs(&self, x: u16) -> Xs {
        let opt = |w: u16| if w > 0 { w + 1 } else { 0 };
        let name = x + Self::MARKER;
        let status = name + self.name + 1;
        let declared = status + opt(self.status);
        let leader = declared + opt(self.declared);
        let share = leader + Self::SWATCH + self.leader + 1;
        let runner_up = share + self.share + 1;
        let turnout = runner_up + opt(self.runner_up);
        Xs {
            name,
            status,
            declared,
            leader,
            share,
            runner_up,
            turnout,
            call: turnout + self.turnout + 1,
        }
    }
}

/// The table: the sort line, the column headings, and the rows around the selected one.
pub(super) fn draw_table(
    app: &App,
    selected: usize,
    cols: Columns,
    rect: Rect,
    buf: &mut Buffer,
    pal: &Palette,
) {
    if rect.is_empty() {
        return;
    }
    let table = &app.contest_tables().areas;
    let header_h = sort_line(app, rect, buf, pal);
    let xs = cols.xs(rect.x);
    let hy = rect.y + header_h;
    let room = rect.height.saturating_sub(header_h + 1) as usize;
    // Where the selection is, when not every row fits.
    let heading = if table.len() > room {
        format!("Area {}/{}", selected + 1, table.len())
    } else {
        "Area".to_string()
    };
    let against = app.live_state().and_then(|l| l.against.as_ref());
    headings(&heading, against, &cols, &xs, rect, hy, buf, pal);
    if room == 0 {
        return;
    }
    // When not every row fits, the last line says how many are below (as the other views'
    // lists do), so a short table does not look complete.
    let scrolls = table.len() > room && room >= 2;
    let room = if scrolls { room - 1 } else { room };
    // Scroll so the selected row is in view, centred when the table is longer than the room.
    let top = selected
        .saturating_sub(room / 2)
        .min(table.len().saturating_sub(room));
    let sort = app.views().areas.sort;
    for (k, row) in table.sorted(sort).enumerate().skip(top).take(room) {
        let y = hy + 1 + (k - top) as u16;
        let line = Line {
            cols: &cols,
            xs: &xs,
            rect,
            y,
        };
        line.draw(app, row, buf, pal);
        if k == selected {
            put(buf, rect, rect.x, y, "›", pal.title());
            buf.set_style(
                Rect {
                    y,
                    height: 1,
                    ..rect
                },
                pal.selected_tab(),
            );
        }
    }
    if scrolls {
        let below = table.len().saturating_sub(top + room);
        // New declarations out of sight, above and below the rows shown.
        let (mut new_above, mut new_below) = (0, 0);
        if let Some(live) = app.live_state() {
            for (k, row) in table.sorted(sort).enumerate() {
                if live.is_fresh(&row.id, app.now()) {
                    if k < top {
                        new_above += 1;
                    } else if k >= top + room {
                        new_below += 1;
                    }
                }
            }
        }
        let hint = scroll_hint(top, below, new_above, new_below);
        let y = hy + 1 + room as u16;
        let x = rect.right().saturating_sub(width(&hint) as u16).max(rect.x);
        let style = if new_above + new_below > 0 {
            pal.warning()
        } else {
            pal.dim()
        };
        put(buf, rect, x, y, &hint, style);
    }
}

/// The line under a table that does not fit: how many rows are above and below ("↑ 8 more ·
/// ↓ 3 more (j/↓)"), and how many of the rows out of sight have just declared ("↓ 3 more,
/// 1 new", "↑ 2 more, 2 new").
fn scroll_hint(above: usize, below: usize, new_above: usize, new_below: usize) -> String {
    let down = match (below, new_below) {
        (0, _) => None,
        (b, 0) => Some(format!("↓ {b} more (j/↓)")),
        (b, n) => Some(format!("↓ {b} more, {n} new (j/↓)")),
    };
    let up = match (above, new_above) {
        (0, _) => None,
        (a, 0) if down.is_some() => Some(format!("↑ {a} more")),
        (a, 0) => Some(format!("↑ {a} more (k/↑)")),
        (a, n) if down.is_some() => Some(format!("↑ {a} more, {n} new")),
        (a, n) => Some(format!("↑ {a} more, {n} new (k/↑)")),
    };
    [up, down]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "Sorted by name (s changes the sort) · 13 of 14 declared · ↑↓ select", over up to two
/// lines. Returns the lines used.
fn sort_line(app: &App, rect: Rect, buf: &mut Buffer, pal: &Palette) -> u16 {
    let table = &app.contest_tables().areas;
    let sort = app.views().areas.sort;
    let declared = table.declared();
    let mut segments: Vec<(String, Style)> = vec![
        (format!("Sorted by {}", sort.name()), pal.title()),
        (" (s changes the sort)".to_string(), pal.dim()),
    ];
    if sort == AreaSort::Turnout && table.sorted(sort).all(|r| r.turnout.is_none()) {
        segments.push((" · no area has a known turnout".to_string(), pal.dim()));
    }
    if sort == AreaSort::LatestDeclared && table.latest().is_empty() {
        segments.push((" · no area has a declaration time".to_string(), pal.dim()));
    }
    if table.clock().illustrative {
        segments.push((" · illustrative order and times".to_string(), pal.warning()));
    }
    if declared < table.len() {
        segments.push((
            format!(" · {declared} of {} declared", table.len()),
            pal.warning(),
        ));
    } else {
        segments.push((format!(" · {} areas", table.len()), pal.dim()));
    }
    segments.push((" · ↑↓ select".to_string(), pal.dim()));
    // What the HOLD/GAIN column says, last: it is the first to go when room is short.
    if let Some(a) = app.live_state().and_then(|l| l.against.as_ref())
        && a.baseline_has_areas
    {
        segments.push((
            format!(
                " · vs {}: who leads now against then, ± the leading party's share",
                a.name
            ),
            pal.dim(),
        ));
    }
    flow(buf, rect, rect.y, &segments, 2.min(rect.height))
}

/// The column headings on row `y`.
#[allow(clippy::too_many_arguments)]
fn headings(
    area_heading: &str,
    against: Option<&Against>,
    cols: &Columns,
    xs: &Xs,
    rect: Rect,
    y: u16,
    buf: &mut Buffer,
    pal: &Palette,
) {
    let head = pal.title();
    let name = fit(area_heading, cols.name as usize);
    put(buf, rect, xs.name, y, &name, head);
    if cols.status > 0 {
        put(buf, rect, xs.status, y, "Status", head);
    }
    if cols.declared > 0 {
        put(buf, rect, xs.declared, y, "Declared", head);
    }
    put(buf, rect, xs.leader, y, "Leader", head);
    let share = right("Share", cols.share as usize);
    put(buf, rect, xs.share, y, &share, head);
    if cols.runner_up > 0 {
        let second = right("2nd", cols.runner_up as usize);
        put(buf, rect, xs.runner_up, y, &second, head);
    }
    let turnout = right("Turnout", cols.turnout as usize);
    put(buf, rect, xs.turnout, y, &turnout, head);
    if let (true, Some(a)) = (cols.call > 0, against) {
        let text = fit(&format!("vs {}", a.name), cols.call as usize);
        put(buf, rect, xs.call, y, &text, head);
    }
}

/// Where one row of the table goes.
struct Line<'a> {
    cols: &'a Columns,
    xs: &'a Xs,
    rect: Rect,
    y: u16,
}

impl Line<'_> {
    /// One area: name, status or declaration time, leader, leader's share, runner-up's
    /// share, turnout.
    fn draw(&self, app: &App, row: &AreaRow, buf: &mut Buffer, pal: &Palette) {
        let (cols, xs, rect, y) = (self.cols, self.xs, self.rect, self.y);
        put(
            buf,
            rect,
            xs.name,
            y,
            &fit(&row.name, cols.name as usize),
            pal.text(),
        );
        let fresh = app
            .live_state()
            .is_some_and(|l| l.is_fresh(&row.id, app.now()));
        if cols.declared > 0 {
            let time = app.contest_tables().areas.clock().row(row);
            let (text, style) = if fresh {
                (format!("★ {time}"), pal.warning())
            } else if !row.declared {
                (time, pal.warning())
            } else if row.declared_at.is_none() {
                (time, pal.dim())
            } else {
                (time, pal.text())
            };
            let text = fit(&text, cols.declared as usize);
            put(buf, rect, xs.declared, y, &text, style);
        }
        if cols.status > 0 {
            let (status, style) = if fresh {
                ("NEW ★", pal.warning())
            } else if row.declared {
                ("declared", pal.text())
            } else {
                ("not declared", pal.warning())
            };
            put(buf, rect, xs.status, y, status, style);
        }
        match row.standings.first() {
            Some(&(i, _)) => {
                let colour = app.contest().contest.candidates[i].colour.as_deref();
                put(buf, rect, xs.leader, y, "▍", pal.party(colour));
                let name = &app.contest_tables().names[i];
                let name = fit(name, cols.leader as usize);
                put(buf, rect, xs.leader + Columns::SWATCH, y, &name, pal.text());
            }
            None => {
                // The status or Declared column already says so.
                let text = if cols.status > 0 || cols.declared > 0 {
                    "  –"
                } else {
                    "not declared"
                };
                let w = (Columns::SWATCH + cols.leader) as usize;
                put(buf, rect, xs.leader, y, &fit(text, w), pal.warning());
            }
        }
        let share = right(&share_text(row.share(0)), cols.share as usize);
        put(buf, rect, xs.share, y, &share, pal.text());
        if cols.runner_up > 0 {
            let second = right(&share_text(row.share(1)), cols.runner_up as usize);
            put(buf, rect, xs.runner_up, y, &second, pal.dim());
        }
        // An area still to declare has no turnout yet: not "unknown".
        let turnout = if row.declared {
            turnout_text(row.turnout)
        } else {
            "–".to_string()
        };
        let turnout = right(&turnout, cols.turnout as usize);
        put(buf, rect, xs.turnout, y, &turnout, pal.text());
        let against = app.live_state().and_then(|l| l.against.as_ref());
        if let (true, Some(a)) = (cols.call > 0, against) {
            let (long, short) = call_texts(a.area(&row.id));
            let text = if width(&long) <= cols.call as usize {
                long
            } else {
                short
            };
            let style = if row.declared { pal.text() } else { pal.dim() };
            put(
                buf,
                rect,
                xs.call,
                y,
                &fit(&text, cols.call as usize),
                style,
            );
        }
    }
}

/// An area's call against the baseline, long and short: "GAIN from Lab +5.1" and "GAIN
/// +5.1", "HOLD +2.6"; "–" while it has not declared, "unknown" when the baseline has no
/// result for it.
pub(super) fn call_texts(call: Option<&AreaCall>) -> (String, String) {
    let Some(c) = call else {
        return ("–".into(), "–".into());
    };
    let change = c
        .change
        .map(|x| format!(" {}", crate::text::signed_points(x)))
        .unwrap_or_default();
    match &c.call {
        Call::Hold => (format!("HOLD{change}"), format!("HOLD{change}")),
        Call::Gain { from_short, .. } => (
            format!("GAIN from {from_short}{change}"),
            format!("GAIN{change}"),
        ),
        Call::Unknown => ("unknown".into(), "unknown".into()),
    }
}

/// The HOLD/GAIN column's natural and shortest widths for this view, (0, 0) without a
/// baseline.
pub(super) fn call_widths(app: &App) -> (u16, u16) {
    let Some(a) = app.live_state().and_then(|l| l.against.as_ref()) else {
        return (0, 0);
    };
    // Nothing to call an area against.
    if !a.baseline_has_areas {
        return (0, 0);
    }
    let heading = width(&format!("vs {}", a.name));
    let texts: Vec<(String, String)> = a.areas.iter().map(|c| call_texts(Some(c))).collect();
    let long = texts.iter().map(|t| width(&t.0)).max().unwrap_or(0);
    let short = texts.iter().map(|t| width(&t.1)).max().unwrap_or(0);
    // "unknown" and "–" fit in the heading's width or in "HOLD +2.6".
    let floor = heading.max(9);
    (long.max(floor) as u16, short.max(floor) as u16)
}

#[cfg(test)]
mod tests {
    use super::scroll_hint;

    #[test]
    fn the_scroll_hint_counts_new_declarations_out_of_sight() {
        assert_eq!(scroll_hint(0, 3, 0, 0), "↓ 3 more (j/↓)");
        assert_eq!(scroll_hint(0, 3, 0, 1), "↓ 3 more, 1 new (j/↓)");
        assert_eq!(scroll_hint(5, 0, 0, 0), "↑ 5 more (k/↑)");
        assert_eq!(scroll_hint(5, 0, 2, 0), "↑ 5 more, 2 new (k/↑)");
        assert_eq!(
            scroll_hint(8, 4, 1, 2),
            "↑ 8 more, 1 new · ↓ 4 more, 2 new (j/↓)"
        );
        assert_eq!(scroll_hint(8, 4, 0, 0), "↑ 8 more · ↓ 4 more (j/↓)");
    }
}
