//! The Areas view's table: one row per area with its status, leader, leader's share,
//! runner-up's share and turnout, scrolled so the selected row is always in view. Columns
//! that do not fit drop out in order of how little they say.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{share_text, turnout_text};
use crate::app::App;
use crate::story::areas::AreaSort;
use crate::text::{clean, fit, right};
use crate::ui::flow;
use crate::ui::put;
use crate::ui::theme::Palette;

/// Column widths of the table for a given width; optional columns drop out when narrow.
#[derive(Debug, Clone, Copy)]
pub(super) struct Columns {
    name: u16,
    /// 0 when hidden (the leader column then says "not declared").
    status: u16,
    leader: u16,
    share: u16,
    /// 0 when hidden.
    runner_up: u16,
    turnout: u16,
}

impl Columns {
    const MARKER: u16 = 2;
    const SWATCH: u16 = 2;

    pub(super) fn new(total: u16, name_nat: u16, leader_nat: u16) -> Self {
        let mut c = Columns {
            name: name_nat,
            status: 12,
            leader: leader_nat,
            share: 6,
            runner_up: 6,
            turnout: 7,
        };
        let (name_min, leader_min) = (10.min(name_nat), 8.min(leader_nat));
        // Full names matter more than the status column (the leader column says "not
        // declared" without it), which matters more than the runner-up's share.
        if c.fixed() + name_nat + leader_nat > total {
            c.status = 0;
        }
        if c.fixed() + name_min + leader_min > total {
            c.runner_up = 0;
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
            + Self::SWATCH
            + 1
            + self.share
            + opt(self.runner_up)
            + 1
            + self.turnout
    }
}

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
    let contest = &app.contest().contest;
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
    if declared < table.len() {
        segments.push((
            format!(" · {declared} of {} declared", table.len()),
            pal.warning(),
        ));
    } else {
        segments.push((format!(" · {} areas", table.len()), pal.dim()));
    }
    segments.push((" · ↑↓ select".to_string(), pal.dim()));
    let header_h = flow(buf, rect, rect.y, &segments, 2.min(rect.height));

    // x of each column.
    let x_name = rect.x + Columns::MARKER;
    let x_status = x_name + cols.name + 1;
    let x_leader = x_status + if cols.status > 0 { cols.status + 1 } else { 0 };
    let x_share = x_leader + Columns::SWATCH + cols.leader + 1;
    let x_runner = x_share + cols.share + 1;
    let x_turnout = x_runner
        + if cols.runner_up > 0 {
            cols.runner_up + 1
        } else {
            0
        };

    let hy = rect.y + header_h;
    let head = pal.title();
    let room = rect.height.saturating_sub(header_h + 1) as usize;
    // Where the selection is, when not every row fits.
    let heading = if table.len() > room {
        format!("Area {}/{}", selected + 1, table.len())
    } else {
        "Area".to_string()
    };
    put(
        buf,
        rect,
        x_name,
        hy,
        &fit(&heading, cols.name as usize),
        head,
    );
    if cols.status > 0 {
        put(buf, rect, x_status, hy, "Status", head);
    }
    put(buf, rect, x_leader, hy, "Leader", head);
    put(
        buf,
        rect,
        x_share,
        hy,
        &right("Share", cols.share as usize),
        head,
    );
    if cols.runner_up > 0 {
        put(
            buf,
            rect,
            x_runner,
            hy,
            &right("2nd", cols.runner_up as usize),
            head,
        );
    }
    put(
        buf,
        rect,
        x_turnout,
        hy,
        &right("Turnout", cols.turnout as usize),
        head,
    );

    // Scroll so the selected row is in view, centred when the table is longer than the room.
    if room == 0 {
        return;
    }
    let top = selected
        .saturating_sub(room / 2)
        .min(table.len().saturating_sub(room));
    for (k, row) in table.sorted(sort).enumerate().skip(top).take(room) {
        let y = hy + 1 + (k - top) as u16;
        let is_selected = k == selected;
        if is_selected {
            put(buf, rect, rect.x, y, "›", pal.title());
        }
        put(
            buf,
            rect,
            x_name,
            y,
            &fit(&row.name, cols.name as usize),
            pal.text(),
        );
        if cols.status > 0 {
            let fresh = app
                .live_state()
                .as_ref()
                .is_some_and(|l| l.is_fresh(&row.id, app.now()));
            let (status, style) = if fresh {
                ("NEW ★", pal.warning())
            } else if row.declared {
                ("declared", pal.text())
            } else {
                ("not declared", pal.warning())
            };
            put(buf, rect, x_status, y, status, style);
        }
        match row.standings.first() {
            Some(&(i, _)) => {
                let cand = &contest.candidates[i];
                put(
                    buf,
                    rect,
                    x_leader,
                    y,
                    "▍",
                    pal.party(cand.colour.as_deref()),
                );
                put(
                    buf,
                    rect,
                    x_leader + Columns::SWATCH,
                    y,
                    &fit(&clean(&cand.name), cols.leader as usize),
                    pal.text(),
                );
            }
            None => {
                let text = if cols.status > 0 {
                    "  –"
                } else {
                    "not declared"
                };
                let w = (Columns::SWATCH + cols.leader) as usize;
                put(buf, rect, x_leader, y, &fit(text, w), pal.warning());
            }
        }
        put(
            buf,
            rect,
            x_share,
            y,
            &right(&share_text(row.share(0)), cols.share as usize),
            pal.text(),
        );
        if cols.runner_up > 0 {
            put(
                buf,
                rect,
                x_runner,
                y,
                &right(&share_text(row.share(1)), cols.runner_up as usize),
                pal.dim(),
            );
        }
        put(
            buf,
            rect,
            x_turnout,
            y,
            &right(&turnout_text(row.turnout), cols.turnout as usize),
            pal.text(),
        );
        if is_selected {
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
}
