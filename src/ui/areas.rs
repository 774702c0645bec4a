//! The Areas view: results by area (the GLA constituencies), one table row each with who
//! leads there, by how much, and the turnout, plus a bar chart of the selected area.
//!
//! A contest-wide result hides where it was won; this view shows it. Areas that have not
//! declared yet are listed as such rather than left out, and a turnout that cannot be
//! computed is "unknown", never 0. `app.views().areas.selected` counts rows of the sorted table, so
//! ↑/↓ walk down the screen whatever the sort.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::put;
use super::shares::flow;
use super::theme::Palette;
use crate::app::App;
use crate::model::Contest;
use crate::story::areas::{AreaRow, AreaSort};
use crate::text::{clean, fit, percent, right, thousands, width, wrap};

/// The narrowest the chart gets beside the table.
const CHART_MIN: u16 = 34;

pub struct AreasView<'a> {
    pub app: &'a App,
}

fn share_text(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_string(), percent)
}

fn turnout_text(t: Option<f64>) -> String {
    t.map_or_else(|| "unknown".to_string(), |t| format!("{t:.2}%"))
}

/// Column widths of the table for a given width; optional columns drop out when narrow.
#[derive(Debug, Clone, Copy)]
struct Columns {
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

    fn new(total: u16, name_nat: u16, leader_nat: u16) -> Self {
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
    fn width(&self) -> u16 {
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
        let cands = contest.candidates.len() as u16;
        let name_nat = table.name_width().clamp(4, 24) as u16;
        let leader_nat = table.leader_width().clamp(6, 18) as u16;

        let (cols, table_rect, chart) = if area.width >= 100 {
            // The table as wide as it needs (dropping the status column if it must, as the
            // leader column then says "not declared"), the chart the rest.
            let cols = Columns::new(area.width - 3 - CHART_MIN, name_nat, leader_nat);
            let table_w = cols.width().min(area.width - 3 - CHART_MIN);
            for y in area.y..area.bottom() {
                put(buf, area, area.x + table_w + 1, y, "│", pal.dim());
            }
            let table_rect = Rect {
                width: table_w,
                ..area
            };
            let chart = Rect {
                x: area.x + table_w + 3,
                width: area.width - table_w - 3,
                ..area
            };
            (cols, table_rect, chart)
        } else {
            // Sort line and headings, the rows, a blank line, then the chart.
            let avail = area.height.saturating_sub(3);
            let n = table.len() as u16;
            let table_rows = if n + 1 + cands <= avail {
                n
            } else {
                (avail / 2).max(n.min(3)).min(n)
            };
            let table_h = (2 + table_rows).min(area.height);
            let chart_y = area.y + table_h + 1;
            let table_rect = Rect {
                height: table_h,
                ..area
            };
            let chart = Rect {
                y: chart_y.min(area.bottom()),
                height: area.bottom().saturating_sub(chart_y),
                ..area
            };
            (
                Columns::new(area.width, name_nat, leader_nat),
                table_rect,
                chart,
            )
        };
        draw_table(app, selected, cols, table_rect, buf, &pal);
        draw_chart(contest, selected_row, chart, buf, &pal);
    }
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
    let hint = if with.is_empty() {
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

fn draw_table(
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

fn draw_chart(contest: &Contest, row: &AreaRow, rect: Rect, buf: &mut Buffer, pal: &Palette) {
    if rect.is_empty() {
        return;
    }
    let mut segments = vec![(row.name.clone(), pal.title())];
    if row.declared {
        segments.push((
            format!(" · {} valid votes", thousands(row.valid)),
            pal.dim(),
        ));
    }
    if let Some(t) = row.turnout {
        segments.push((format!(" · turnout {}", turnout_text(Some(t))), pal.dim()));
    }
    let title_h = flow(buf, rect, rect.y, &segments, 2.min(rect.height));
    let mut y = rect.y + title_h;
    if row.standings.is_empty() {
        put(buf, rect, rect.x, y, "Not declared yet.", pal.warning());
        return;
    }
    let room = rect.bottom().saturating_sub(y) as usize;
    if room == 0 {
        return;
    }
    let max = row.standings.first().map_or(1, |&(_, v)| v.max(1)) as f64;
    let name_w = row
        .standings
        .iter()
        .map(|&(i, _)| width(&clean(&contest.candidates[i].name)))
        .max()
        .unwrap_or(4)
        .clamp(4, 18) as u16;
    let votes_w = width(&thousands(row.standings[0].1)) as u16 + 1;
    let share_w = 7u16;
    // Whole names while the bars keep 10 cells; never more than a third of the width.
    let name_w = name_w
        .min(rect.width.saturating_sub(votes_w + share_w + 11))
        .max(name_w.min(rect.width / 3));
    let bar_x = rect.x + name_w + 1;
    let bar_w = rect.width.saturating_sub(name_w + 1 + votes_w + share_w);
    let (shown, rest) = if row.standings.len() > room {
        (room - 1, &row.standings[room - 1..])
    } else {
        (row.standings.len(), &row.standings[..0])
    };
    for &(i, votes) in &row.standings[..shown] {
        let cand = &contest.candidates[i];
        put(
            buf,
            rect,
            rect.x,
            y,
            &fit(&clean(&cand.name), name_w as usize),
            pal.text(),
        );
        if bar_w > 0 {
            super::bar::draw(
                buf,
                rect,
                bar_x,
                y,
                votes as f64,
                max,
                bar_w,
                pal.party(cand.colour.as_deref()),
            );
        }
        put(
            buf,
            rect,
            bar_x + bar_w,
            y,
            &right(&thousands(votes), votes_w as usize),
            pal.text(),
        );
        let share = (row.valid > 0).then(|| votes as f64 * 100.0 / row.valid as f64);
        put(
            buf,
            rect,
            bar_x + bar_w + votes_w,
            y,
            &right(&share_text(share), share_w as usize),
            pal.dim(),
        );
        y += 1;
    }
    if !rest.is_empty() {
        let votes = rest.iter().fold(0u64, |t, &(_, v)| t.saturating_add(v));
        let share = (row.valid > 0).then(|| votes as f64 * 100.0 / row.valid as f64);
        let text = format!(
            "+ {} more: {} votes, {}",
            rest.len(),
            thousands(votes),
            share_text(share)
        );
        put(buf, rect, rect.x, y, &text, pal.dim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::Key;
    use crate::app::{Msg, update};

    use crate::app::View;
    use crate::ui::testing::{app, app_on, buffer, press, rows};

    fn sorted(a: &App, sort: AreaSort) -> Vec<AreaRow> {
        a.contest_tables().areas.sorted(sort).cloned().collect()
    }

    /// The Areas view open, the sort changed `sorts` times and the selection moved down
    /// `down` rows.
    fn areas_at(a: &mut App, sorts: usize, down: usize) {
        update(a, Msg::Show(View::Areas));
        press(a, Key::Char('s'), sorts);
        press(a, Key::Down, down);
    }

    fn render(app: &App, w: u16, h: u16) -> Vec<String> {
        rows(&buffer(AreasView { app }, w, h))
    }

    #[test]
    fn london_2016_has_fourteen_areas_led_by_name() {
        let a = app(4);
        let lines = render(&a, 100, 40);
        let all = lines.join("\n");
        assert!(
            lines[0].contains("Sorted by name (s changes the sort)"),
            "{all}"
        );
        let table: Vec<&String> = lines.iter().filter(|l| l.contains("unknown")).collect();
        assert_eq!(table.len(), 14, "{all}");
        let bc = table[0];
        assert!(bc.starts_with("› Barnet and Camden"), "{bc}");
        // Khan 74,927 of 183,124 valid; Goldsmith 73,722; no electorate in the data.
        assert!(bc.contains("Sadiq Khan") && bc.contains("40.9%"), "{bc}");
        assert!(bc.contains("40.3%") && bc.contains("unknown"), "{bc}");
        assert!(!bc.contains("0.00%"), "{bc}");
        // The chart of the selected area, beside the table at this width.
        assert!(
            all.contains("74,927") && all.contains("183,124 valid votes"),
            "{all}"
        );
    }

    #[test]
    fn the_selected_row_is_marked_and_highlighted() {
        let mut a = app(4);
        update(&mut a, Msg::Key(Key::Char('4')));
        update(&mut a, Msg::Key(Key::Down));
        let area = Rect::new(0, 0, 100, 30);
        let mut buf = Buffer::empty(area);
        AreasView { app: &a }.render(area, &mut buf);
        let y = (0..30)
            .find(|&y| buf[(0, y)].symbol() == "›")
            .expect("a marked row");
        let text: String = (0..40).map(|x| buf[(x, y)].symbol()).collect();
        assert!(text.contains("Bexley and Bromley"), "{text}");
        let style = buf[(5, y)].style();
        assert!(
            style
                .add_modifier
                .contains(ratatui::style::Modifier::REVERSED)
        );
    }

    #[test]
    fn london_2024_turnouts_and_sorts() {
        let mut a = app(6);
        let rows = sorted(&a, AreaSort::Name);
        let bc = &rows[0];
        assert_eq!(bc.name, "Barnet and Camden");
        assert_eq!(turnout_text(bc.turnout), "39.59%"); // 163,825 / 413,809
        let all = render(&a, 100, 40).join("\n");
        assert!(all.contains("39.59%"), "{all}");
        assert!(!all.contains("unknown"), "{all}");

        areas_at(&mut a, 1, 0);
        let rows = sorted(&a, AreaSort::Turnout);
        let t: Vec<f64> = rows.iter().map(|r| r.turnout.unwrap()).collect();
        assert!(t.windows(2).all(|w| w[0] >= w[1]), "{t:?}");
        let lines = render(&a, 100, 40);
        assert!(lines[0].contains("Sorted by turnout"), "{}", lines[0]);

        let rows = sorted(&a, AreaSort::LeaderShare);
        let s: Vec<f64> = rows.iter().map(|r| r.share(0).unwrap()).collect();
        assert!(s.windows(2).all(|w| w[0] >= w[1]), "{s:?}");
    }

    #[test]
    fn selection_far_down_stays_visible_on_a_short_screen() {
        let mut a = app(6);
        areas_at(&mut a, 0, 13);
        let lines = render(&a, 80, 19);
        let all = lines.join("\n");
        let marked = lines.iter().find(|l| l.starts_with('›')).expect(&all);
        assert!(marked.contains("West Central"), "{all}");
        assert!(all.contains("Area 14/14"), "{all}");
        // The chart below: largest first, the rest summed up.
        assert!(all.contains("West Central · "), "{all}");
        assert!(all.contains("more:"), "{all}");
    }

    #[test]
    fn undeclared_areas_say_so_and_sort_last() {
        let mut contests = crate::import::load_all().unwrap();
        let areas = contests[4].contest.areas.as_mut().unwrap();
        areas[0].first_preferences = None;
        let mut a = app_on(contests, 4);
        let rows = sorted(&a, AreaSort::LeaderShare);
        assert_eq!(rows[13].name, "Barnet and Camden");
        areas_at(&mut a, 2, 13);
        let all = render(&a, 100, 30).join("\n");
        assert!(all.contains("not declared"), "{all}");
        assert!(all.contains("13 of 14 declared"), "{all}");
        assert!(all.contains("Not declared yet."), "{all}");
    }

    #[test]
    fn contests_without_areas_explain_where_to_find_them() {
        let a = app(1);
        let all = render(&a, 80, 10).join(" ");
        assert!(
            all.contains("This dataset has no results by area."),
            "{all}"
        );
        assert!(all.contains("Mayor of London 2016"), "{all}");
        assert!(all.contains("press [ or ]"), "{all}");
    }

    #[test]
    fn never_panics_at_any_size() {
        for index in [1, 4, 6] {
            // By name at the top, by turnout at row 14, by leader's share past the end.
            for (sort, sel) in [(0, 0), (1, 13), (2, 99)] {
                let mut a = app(index);
                areas_at(&mut a, sort, sel);
                for w in (0..=120).step_by(3).chain([1, 2, 119]) {
                    for h in (0..=40).step_by(3).chain([1, 2, 40]) {
                        render(&a, w, h);
                    }
                }
                let area = Rect::new(7, 2, 101, 12);
                let mut buf = Buffer::empty(Rect::new(0, 0, 110, 15));
                AreasView { app: &a }.render(area, &mut buf);
            }
        }
    }
}
