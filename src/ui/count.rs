//! The Count view: one bar per candidate, smooth to an eighth of a cell, with votes, share
//! and state; the non-transferable/exhausted row; the majority threshold on the scale; and
//! the narration of the current step. Rows keep their first-count order through every
//! step, so a bar never jumps while it moves.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::bar::{column, draw};
use super::put;
use super::theme::Palette;
use crate::app::App;
use crate::model::Votes;
use crate::text::{clean, fit, right, thousands, width};

pub struct CountView<'a> {
    pub app: &'a App,
}

/// The largest value any bar reaches in the contest (votes or threshold): the scale stays
/// fixed through every step and animation.
pub fn scale(count: &crate::count::Count) -> f64 {
    count
        .rounds
        .iter()
        .flat_map(|r| r.votes.iter().copied().chain([r.threshold, r.exhausted]))
        .max()
        .unwrap_or(Votes::ZERO)
        .as_f64()
        .max(1.0)
}

impl Widget for CountView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }
}

impl CountView<'_> {
    /// Draw the view; returns how far it can scroll (its rows past those that fit).
    pub fn draw(self, area: Rect, buf: &mut Buffer) -> u16 {
        let app = self.app;
        let pal = Palette::new(app.options().theme);
        let l = app.contest();
        let c = &l.contest;
        let count = &l.count;
        let shown = app.shown();
        let round = &count.rounds[shown.round];
        let order: Vec<usize> = count.rounds[0]
            .standings()
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        let max = scale(count);
        let continuing_total: f64 = shown.votes.iter().flatten().sum();

        // Columns: glyph, name, bar, votes, share, state.
        let name_w = c
            .candidates
            .iter()
            .map(|k| width(&clean(&k.name)))
            .chain([width(c.method.words().exhausted)])
            .max()
            .unwrap_or(4)
            .clamp(4, 22) as u16;
        let name_w = name_w.min(area.width / 3);
        let (votes_w, share_w) = (11u16, 7u16);
        let mut state_w = 10u16;
        let fixed = 2 + name_w + 1 + votes_w + share_w;
        if area.width < fixed + state_w + 10 {
            state_w = 0;
        }
        let bar_w = area.width.saturating_sub(fixed + state_w + 1);
        let bar_x = area.x + 2 + name_w + 1;

        // Narration takes the bottom; bars take the rest (scrolling if they must).
        let narration = app
            .contest_tables()
            .narration
            .get(shown.round)
            .map_or("", String::as_str);
        // As many lines as the narration needs, up to 6, leaving the bars at least 6 rows.
        let needed = crate::text::wrap(narration, area.width.max(1) as usize, "", "")
            .lines()
            .count() as u16;
        let narration_h = needed.min(6).min(area.height.saturating_sub(9));
        let show_exhausted = shown.round > 0 || shown.exhausted > 0.0;
        let extra = 1 + u16::from(show_exhausted); // the scale row, the exhausted row
        let rows_h = area.height.saturating_sub(narration_h + extra + 1);
        let total_rows = order.len() as u16;
        let scroll_max = total_rows.saturating_sub(rows_h);
        let scroll = app.views().count.offset().min(scroll_max);
        let visible = order.iter().skip(scroll as usize).take(rows_h as usize);

        let mut y = area.y;
        for &i in visible {
            let cand = &c.candidates[i];
            let value = shown.votes[i];
            let elected = round.elected.contains(&i) && shown.progress.is_none();
            let out = value.is_none() || (shown.progress.is_some() && !round.is_continuing(i));
            // Not while the count is still growing: the outcome is shown when it is known.
            let eliminated_here = round.eliminated.contains(&i) && shown.progress.is_none();
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
            put(
                buf,
                area,
                area.x + 2,
                y,
                &fit(&clean(&cand.name), name_w as usize),
                name_style,
            );
            let v = value.unwrap_or(0.0);
            let bar_style = if value.is_none() || out {
                pal.faded_bar()
            } else {
                pal.party(cand.colour.as_deref())
            };
            if bar_w > 0 {
                draw(buf, area, bar_x, y, v, max, bar_w, bar_style);
            }
            let votes = match value {
                Some(v) => thousands(v.round() as u64),
                None => "–".to_string(),
            };
            let x = bar_x + bar_w;
            put(
                buf,
                area,
                x,
                y,
                &right(&votes, votes_w as usize),
                name_style,
            );
            let share = match value {
                Some(v) if continuing_total > 0.0 => {
                    format!("{:.1}%", v * 100.0 / continuing_total)
                }
                _ => String::new(),
            };
            put(
                buf,
                area,
                x + votes_w,
                y,
                &right(&share, share_w as usize),
                pal.dim(),
            );
            if state_w > 0 {
                let state = if elected {
                    "ELECTED"
                } else if value.is_none() {
                    "out"
                } else if eliminated_here {
                    "eliminated"
                } else {
                    ""
                };
                put(
                    buf,
                    area,
                    x + votes_w + share_w + 1,
                    y,
                    state,
                    if elected { pal.elected() } else { pal.dim() },
                );
            }
            y += 1;
        }
        if total_rows > rows_h && rows_h > 0 {
            super::scroll_hint(buf, area, y, total_rows - rows_h - scroll, &pal);
            y += 1;
        }
        // Threshold marker on every row the bars do not cover, then the scale label.
        let tx = bar_x + column(round.threshold.as_f64(), max, bar_w);
        if bar_w > 0 && c.method.words().majority_needed {
            for row in area.y..y.min(area.y + rows_h) {
                if let Some(cell) = buf.cell_mut((tx, row))
                    && cell.symbol() == " "
                {
                    cell.set_symbol("┊").set_style(pal.threshold());
                }
            }
        }
        if show_exhausted {
            let label = c.method.words().exhausted;
            put(
                buf,
                area,
                area.x + 2,
                y,
                &fit(label, name_w as usize),
                pal.dim(),
            );
            if bar_w > 0 {
                draw(
                    buf,
                    area,
                    bar_x,
                    y,
                    shown.exhausted,
                    max,
                    bar_w,
                    pal.exhausted_bar(),
                );
            }
            put(
                buf,
                area,
                bar_x + bar_w,
                y,
                &right(&thousands(shown.exhausted.round() as u64), votes_w as usize),
                pal.dim(),
            );
            y += 1;
        }
        if bar_w > 0 {
            let label = if !c.method.words().majority_needed {
                format!(
                    "▲ majority {} (not needed: most votes wins)",
                    thousands(round.threshold)
                )
            } else {
                format!(
                    "▲ {} to win: more than half of {}",
                    thousands(round.threshold),
                    thousands(round.continuing)
                )
            };
            // "▲ label" from the marker, or "label ▲" ending at it when there is no room.
            let lw = width(&label) as u16;
            let (label, lx) = if tx + lw <= area.right() {
                (label, tx)
            } else {
                let flipped = format!("{} ▲", label.trim_start_matches("▲ "));
                let x = (tx + 1).saturating_sub(width(&flipped) as u16).max(area.x);
                (flipped, x)
            };
            put(buf, area, lx, y, &label, pal.threshold());
        }
        if narration_h > 0 {
            let top = area.bottom().saturating_sub(narration_h);
            let rect = Rect {
                x: area.x,
                y: top,
                width: area.width,
                height: narration_h,
            };
            Paragraph::new(narration)
                .style(pal.text())
                .wrap(Wrap { trim: true })
                .render(rect, buf);
        }
        scroll_max
    }
}
