//! The Count view: one bar per candidate, smooth to an eighth of a cell, with votes, share
//! and state; the non-transferable/exhausted row; the majority threshold on the scale; and
//! the narration of the current step. Rows keep their first-count order through every
//! step, so a bar never jumps while it moves.
//!
//! ```text
//! ✓ Ken Livingstone  ██████████████████████████▋       828,380  55.4% ELECTED   rows
//!   Steven Norris    █████████████████████▌  ┊         667,178  44.6%           (scroll)
//! ✗ Simon Hughes                             ┊               –        out
//!                                                                 ↓ 6 more (j/↓)
//!   Non-transferable ███████████▉                      368,113                  exhausted
//! 747,780 to win: more than half of 1,495,558 ▲                                 scale
//!
//! The 8 eliminated candidates' 635,707 ballots were looked at for a second …   narration
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::GLYPH_W;
use super::bar::{column, draw};
use super::put;
use super::theme::Palette;
use crate::app::App;
use crate::app::animation::Shown;
use crate::count::Round;
use crate::model::Contest;
use crate::text::{fit, right, thousands, width};

pub struct CountView<'a> {
    pub app: &'a App,
}

/// The name column's natural width: at least 4 cells, at most 22, and never more than a
/// third of the view.
const NAME_MIN: usize = 4;
const NAME_MAX: usize = 22;
/// "1,234,567" with room to spare, and "55.4%".
const VOTES_W: u16 = 11;
const SHARE_W: u16 = 7;
/// "eliminated"; dropped when the bars would be narrower than `BAR_MIN`.
const STATE_W: u16 = 10;
const BAR_MIN: u16 = 10;
/// The narration takes up to this many lines, and only while the rest keeps `REST_MIN`.
const NARRATION_MAX: u16 = 6;
const REST_MIN: u16 = 9;

impl Widget for CountView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }
}

/// Where a row's columns are.
struct Columns {
    name_w: u16,
    bar_x: u16,
    bar_w: u16,
    /// 0 when the state column is hidden.
    state_w: u16,
}

impl Columns {
    fn new(name_width: usize, area: Rect) -> Columns {
        let name_w = name_width.clamp(NAME_MIN, NAME_MAX) as u16;
        let name_w = name_w.min(area.width / 3);
        let fixed = GLYPH_W + name_w + 1 + VOTES_W + SHARE_W;
        let state_w = if area.width < fixed + STATE_W + BAR_MIN {
            0
        } else {
            STATE_W
        };
        Columns {
            name_w,
            bar_x: area.x + GLYPH_W + name_w + 1,
            bar_w: area.width.saturating_sub(fixed + state_w + 1),
            state_w,
        }
    }

    /// Where the votes column starts.
    fn votes_x(&self) -> u16 {
        self.bar_x + self.bar_w
    }
}

/// What every part of the view is drawn from, for this frame.
struct Frame<'a> {
    app: &'a App,
    contest: &'a Contest,
    pal: Palette,
    shown: Shown,
    /// The round whose labels apply.
    round: &'a Round,
    cols: Columns,
    /// The top of the bars' scale.
    max: f64,
    /// The column of the threshold marker.
    threshold_x: u16,
    /// The votes still in the count, on screen now: what the shares are of.
    continuing: f64,
}

impl CountView<'_> {
    /// Draw the view; returns how far it can scroll (its rows past those that fit).
    pub fn draw(self, area: Rect, buf: &mut Buffer) -> u16 {
        let app = self.app;
        let l = app.contest();
        let tables = app.contest_tables();
        let shown = app.shown();
        let words = l.contest.method.words();
        let cols = Columns::new(tables.name_width.max(width(words.exhausted)), area);
        let max = tables.bar_scale;
        let round = &l.count.rounds[shown.round];
        let f = Frame {
            app,
            contest: &l.contest,
            pal: Palette::new(app.options().theme),
            threshold_x: cols.bar_x + column(round.threshold.as_f64(), max, cols.bar_w),
            continuing: shown.votes.iter().flatten().sum(),
            shown,
            round,
            cols,
            max,
        };

        // Narration takes the bottom: as many lines as it needs, up to its maximum, while
        // the rest keeps its minimum. Bars take the rest (scrolling if they must).
        let narration = tables
            .narration
            .get(f.shown.round)
            .map_or("", String::as_str);
        let needed = crate::text::wrap(narration, area.width.max(1) as usize, "", "")
            .lines()
            .count() as u16;
        let narration_h = needed
            .min(NARRATION_MAX)
            .min(area.height.saturating_sub(REST_MIN));
        let [bars, narration_rect] = Layout::vertical([Fill(1), Length(narration_h)]).areas(area);

        let show_exhausted = f.shown.round > 0 || f.shown.exhausted > 0.0;
        // Under the rows: the scroll hint or a blank line, the exhausted row, the scale.
        let below = 2 + u16::from(show_exhausted);
        let rows_h = bars.height.saturating_sub(below);
        let total_rows = tables.first_order.len() as u16;
        let scroll_max = total_rows.saturating_sub(rows_h);
        let scroll = app.views().count.offset().min(scroll_max);
        let mut y = bars.y;
        for &i in tables
            .first_order
            .iter()
            .skip(scroll as usize)
            .take(rows_h as usize)
        {
            f.candidate_row(i, area, y, buf);
            y += 1;
        }
        if total_rows > rows_h && rows_h > 0 {
            super::scroll_hint(buf, area, y, total_rows - rows_h - scroll, &f.pal);
            y += 1;
        }
        f.threshold_marks(area.y..y.min(area.y + rows_h), buf);
        if show_exhausted {
            f.exhausted_row(area, y, buf);
            y += 1;
        }
        f.threshold_label(area, y, buf);
        if narration_h > 0 {
            Paragraph::new(narration)
                .style(f.pal.text())
                .wrap(Wrap { trim: true })
                .render(narration_rect, buf);
        }
        scroll_max
    }
}

impl Frame<'_> {
    /// Candidate `i`'s row: ✓ or ✗, name, bar, votes, share of the votes still in, state.
    fn candidate_row(&self, i: usize, area: Rect, y: u16, buf: &mut Buffer) {
        let (pal, cols, shown) = (&self.pal, &self.cols, &self.shown);
        let cand = &self.contest.candidates[i];
        let value = shown.votes[i];
        let settled = shown.progress.is_none();
        let elected = self.round.elected.contains(&i) && settled;
        let out = value.is_none() || (!settled && !self.round.is_continuing(i));
        // Not while the count is still growing: the outcome is shown when it is known.
        let eliminated_here = self.round.eliminated.contains(&i) && settled;
        let (glyph, glyph_style) = if elected {
            ("✓", pal.elected())
        } else if out || eliminated_here {
            ("✗", pal.eliminated())
        } else {
            (" ", pal.text())
        };
        put(buf, area, area.x, y, glyph, glyph_style);
        let name_style = if elected {
            pal.elected()
        } else if value.is_none() {
            pal.eliminated()
        } else {
            pal.text()
        };
        let name = &self.app.contest_tables().names[i];
        put(
            buf,
            area,
            area.x + GLYPH_W,
            y,
            &fit(name, cols.name_w as usize),
            name_style,
        );
        let bar_style = if out {
            pal.faded_bar()
        } else {
            pal.party(cand.colour.as_deref())
        };
        self.bar(area, y, value.unwrap_or(0.0), bar_style, buf);
        let votes = match value {
            Some(v) => thousands(v.round() as u64),
            None => "–".to_string(),
        };
        let x = cols.votes_x();
        put(
            buf,
            area,
            x,
            y,
            &right(&votes, VOTES_W as usize),
            name_style,
        );
        let share = match value {
            Some(v) if self.continuing > 0.0 => format!("{:.1}%", v * 100.0 / self.continuing),
            _ => String::new(),
        };
        put(
            buf,
            area,
            x + VOTES_W,
            y,
            &right(&share, SHARE_W as usize),
            pal.dim(),
        );
        if cols.state_w > 0 {
            let state = if elected {
                "ELECTED"
            } else if value.is_none() {
                "out"
            } else if eliminated_here {
                "eliminated"
            } else {
                ""
            };
            let style = if elected { pal.elected() } else { pal.dim() };
            put(buf, area, x + VOTES_W + SHARE_W + 1, y, state, style);
        }
    }

    fn bar(&self, area: Rect, y: u16, value: f64, style: Style, buf: &mut Buffer) {
        let cols = &self.cols;
        if cols.bar_w > 0 {
            draw(buf, area, cols.bar_x, y, value, self.max, cols.bar_w, style);
        }
    }

    /// The threshold's dotted line on every row the bars do not cover, when a majority is
    /// what wins.
    fn threshold_marks(&self, rows: std::ops::Range<u16>, buf: &mut Buffer) {
        if self.cols.bar_w == 0 || !self.contest.method.words().majority_needed {
            return;
        }
        for row in rows {
            if let Some(cell) = buf.cell_mut((self.threshold_x, row))
                && cell.symbol() == " "
            {
                cell.set_symbol("┊").set_style(self.pal.threshold());
            }
        }
    }

    /// The non-transferable (exhausted) ballots, as a row of their own.
    fn exhausted_row(&self, area: Rect, y: u16, buf: &mut Buffer) {
        let label = self.contest.method.words().exhausted;
        let pal = &self.pal;
        put(
            buf,
            area,
            area.x + GLYPH_W,
            y,
            &fit(label, self.cols.name_w as usize),
            pal.dim(),
        );
        self.bar(area, y, self.shown.exhausted, pal.exhausted_bar(), buf);
        let votes = thousands(self.shown.exhausted.round() as u64);
        put(
            buf,
            area,
            self.cols.votes_x(),
            y,
            &right(&votes, VOTES_W as usize),
            pal.dim(),
        );
    }

    /// "▲ 747,780 to win: more than half of 1,495,558" from the marker, or ending at it
    /// ("… ▲") when there is no room to its right.
    fn threshold_label(&self, area: Rect, y: u16, buf: &mut Buffer) {
        if self.cols.bar_w == 0 {
            return;
        }
        let round = self.round;
        let label = if self.contest.method.words().majority_needed {
            format!(
                "▲ {} to win: more than half of {}",
                thousands(round.threshold),
                thousands(round.continuing)
            )
        } else {
            format!(
                "▲ majority {} (not needed: most votes wins)",
                thousands(round.threshold)
            )
        };
        let tx = self.threshold_x;
        let lw = width(&label) as u16;
        let (label, lx) = if tx + lw <= area.right() {
            (label, tx)
        } else {
            let flipped = format!("{} ▲", label.trim_start_matches("▲ "));
            let x = (tx + 1).saturating_sub(width(&flipped) as u16).max(area.x);
            (flipped, x)
        };
        put(buf, area, lx, y, &label, self.pal.threshold());
    }
}
