//! The Count view: one bar per candidate, smooth to an eighth of a cell, with votes, share
//! and state; the non-transferable/exhausted row; the majority threshold on the scale; and,
//! right under them, the narration of the current step. Rows keep their first-count order
//! through every step, so a bar never jumps while it moves.
//!
//! ```text
//! ✓ Ken Livingstone  ██████████████████████████▋       828,380  55.4% ELECTED   rows
//!   Steven Norris    █████████████████████▌  ┊         667,178  44.6%           (scroll)
//! ✗ 8 others out (o lists them)              ┊                                  folded
//!   Non-transferable ███████████▉                      368,113                  exhausted
//!      747,780 = more than half (not needed) ▲                                  scale
//!
//! The 8 eliminated candidates' 635,707 ballots were looked at for a second …   narration
//! ```
//!
//! Nothing is cut: the layout ([`Plan`]) gives the narration the lines it needs and the
//! list the rest; when that is too little the list scrolls (the candidates still in the
//! count stay on screen, the others scroll), then the narration scrolls behind a "more"
//! line. The ▲ is always in the threshold's column, its label on whichever side fits.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::GLYPH_W;
use super::bar::{column, draw};
use super::put;
use super::theme::Palette;
use crate::app::App;
use crate::app::animation::Shown;
use crate::count::Round;
use crate::model::{Contest, VotingSystem};
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
/// The explanation's longest line: on a wide terminal, a measure that reads easily.
const TEXT_MAX: u16 = 110;
/// The label of the votes a published count lost to rounding.
const ROUNDING: &str = "Lost to rounding";

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

/// One row of the candidate list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Candidate(usize),
    /// The candidates out of the count in earlier rounds, folded into one line.
    Others(usize),
}

/// Where everything goes, worked out from the text and the rows before anything is drawn,
/// so that no sentence is dropped: the list shrinks (and scrolls) first, then the
/// narration scrolls with a visible "more".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plan {
    /// Rows of the list shown.
    rows_h: u16,
    /// Whether the list has a scroll hint under it.
    list_hint: bool,
    /// A blank line between the scale and the narration.
    gap: u16,
    /// Lines of narration shown (not counting its "more" line).
    text_h: u16,
    /// Whether the narration has a "more" line under it.
    text_hint: bool,
    /// How far the list and the narration can scroll.
    list_max: u16,
    text_max: u16,
}

impl Plan {
    /// `height` rows for: `rows` list rows of which `pinned` always stay, `below` rows
    /// under the list (exhausted, scale), and `lines` of narration. `about` rows (those
    /// going out or moving in this step) are kept on screen before the narration is whole,
    /// up to half the room: a long narration must not squeeze out what it is about.
    fn new(height: u16, rows: u16, pinned: u16, below: u16, lines: u16, about: u16) -> Plan {
        let avail = height.saturating_sub(below);
        let all = |gap| Plan {
            rows_h: rows,
            list_hint: false,
            gap,
            text_h: lines,
            text_hint: false,
            list_max: 0,
            text_max: 0,
        };
        if rows + 1 + lines <= avail {
            return all(u16::from(lines > 0));
        }
        if rows + lines <= avail {
            return all(0);
        }
        // The list scrolls: it keeps the candidates still in the count and at least one
        // more row (fewer when even that leaves the narration no room), and gives the rest
        // to the narration. The list's hint line comes with scrolling.
        let room = avail.saturating_sub(1);
        // When even the candidates still in the count do not fit beside the narration (a
        // published count of 36), the narration comes first and the list keeps a window of
        // at least a few rows, scrolled to whatever moves.
        let keep = if pinned < rows { pinned + 1 } else { 1 }
            .min(rows)
            .min(room.saturating_sub(lines).max(3))
            .min(room.saturating_sub(2).max(1))
            .max((about + 1).min(rows).min(room / 2));
        if keep + lines <= room {
            let rows_h = room - lines;
            return Plan {
                rows_h,
                list_hint: true,
                gap: 0,
                text_h: lines,
                text_hint: false,
                list_max: rows - rows_h,
                text_max: 0,
            };
        }
        // Not even that: the narration scrolls too, behind a "more" line.
        let text_room = room.saturating_sub(keep);
        let (text_h, text_hint) = if text_room >= 2 {
            (text_room - 1, true)
        } else {
            (0, text_room == 1)
        };
        Plan {
            rows_h: keep,
            list_hint: keep < rows,
            gap: 0,
            text_h,
            text_hint,
            list_max: rows - keep,
            text_max: if text_hint { lines - text_h } else { 0 },
        }
    }
}

impl CountView<'_> {
    /// Draw the view; returns how far it can scroll: the list's rows past those that fit,
    /// then the narration's lines past those that fit.
    pub fn draw(self, area: Rect, buf: &mut Buffer) -> u16 {
        let app = self.app;
        let l = app.contest();
        let tables = app.contest_tables();
        let shown = app.shown();
        let words = l.contest.method.words();
        let rounding = l.count.rounds.iter().any(|r| !r.residual.is_zero());
        let label_w = width(words.exhausted).max(if rounding { width(ROUNDING) } else { 0 });
        let cols = Columns::new(tables.name_width.max(label_w), area);
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

        let narration = narration(app, &f.shown);
        let lines: Vec<String> = if narration.is_empty() {
            Vec::new()
        } else {
            crate::text::wrap(narration, area.width.clamp(1, TEXT_MAX) as usize, "", "")
                .lines()
                .map(str::to_string)
                .collect()
        };

        let (rows, pinned) = f.rows();
        let show_exhausted = f.shown.round > 0 || f.shown.exhausted > 0.0;
        // Under the rows: the exhausted row, votes lost to rounding (a published count's
        // fractional surpluses), and the scale.
        let show_residual = !f.round.residual.is_zero();
        let below = 1 + u16::from(show_exhausted) + u16::from(show_residual);
        let plan = Plan::new(
            area.height,
            rows.len() as u16,
            pinned.iter().filter(|p| **p).count() as u16,
            below,
            lines.len() as u16,
            f.about_rows(&rows).iter().filter(|a| **a).count() as u16,
        );
        // When the candidates still in the count do not all fit (a published count of 36 at
        // 80×24), those this step is about stay instead: the ones whose ballots are moving
        // and the ones going out at the end of the round; the rest scroll, most votes first.
        let pinned = if pinned.iter().filter(|p| **p).count() > plan.rows_h as usize {
            f.about_rows(&rows)
        } else {
            pinned
        };
        let offset = app.views().count.offset();
        // The moving source's row is on screen, however the list was scrolled: the scroll
        // drawn follows it while it moves (the view's own scroll is left as it was).
        let list_scroll = follow(
            &pinned,
            plan.rows_h,
            offset.min(plan.list_max),
            moving_row(&rows, &f.shown),
        )
        .min(plan.list_max);
        let text_scroll = offset.saturating_sub(list_scroll).min(plan.text_max);

        let mut y = area.y;
        for row in visible(&pinned, plan.rows_h, list_scroll)
            .into_iter()
            .map(|k| rows[k])
        {
            match row {
                Row::Candidate(i) => f.candidate_row(i, area, y, buf),
                Row::Others(n) => f.others_row(n, area, y, buf),
            }
            y += 1;
        }
        let rows_end = y;
        if plan.list_hint {
            super::scroll_hint(buf, area, y, plan.list_max - list_scroll, &f.pal);
            y += 1;
        }
        f.threshold_marks(area.y..rows_end, buf);
        if show_exhausted {
            f.exhausted_row(area, y, buf);
            y += 1;
        }
        if show_residual {
            f.residual_row(area, y, buf);
            y += 1;
        }
        f.threshold_label(area, y, buf);
        y += 1 + plan.gap;
        for line in lines
            .iter()
            .skip(text_scroll as usize)
            .take(plan.text_h as usize)
        {
            put(buf, area, area.x, y, line, f.pal.text());
            y += 1;
        }
        if plan.text_hint {
            let more = (plan.text_max - text_scroll).min(lines.len() as u16);
            super::scroll_hint(buf, area, y, more, &f.pal);
        }
        plan.list_max + plan.text_max
    }
}

/// The sentence under the bars for `shown`. While the bars move it says what is moving, not
/// where it ends: in a transfer told source by source, the source moving now and where its
/// ballots go; otherwise what is being looked at. Settled, what happened in the round.
pub fn narration<'a>(app: &'a App, shown: &Shown) -> &'a str {
    let tables = app.contest_tables();
    if shown.progress.is_none() {
        return tables.narration.get(shown.round).map_or("", String::as_str);
    }
    let source = shown.moving.as_ref().and_then(|from| {
        tables
            .narration_sources
            .get(shown.round)?
            .iter()
            .find(|(f, _)| f == from)
    });
    match source {
        Some((_, sentence)) => sentence,
        None => tables
            .narration_moving
            .get(shown.round)
            .map_or("", String::as_str),
    }
}

/// The row of the list whose ballots are moving now, if one candidate's are.
fn moving_row(rows: &[Row], shown: &Shown) -> Option<usize> {
    let from = shown.moving.as_ref()?;
    rows.iter()
        .position(|r| matches!(r, Row::Candidate(i) if from.first() == Some(i)))
}

/// The list's scroll, moved the least so that row `target` is on screen (as `visible`
/// lays the rows out); `scroll` as it is when there is none or it already shows.
fn follow(pinned: &[bool], rows_h: u16, scroll: u16, target: Option<usize>) -> u16 {
    let Some(target) = target else {
        return scroll;
    };
    if visible(pinned, rows_h, scroll).contains(&target) {
        return scroll;
    }
    let (n, h) = (pinned.len(), rows_h as usize);
    let kept = pinned.iter().filter(|p| **p).count();
    let (index, window) = if kept < n && kept < h {
        // Among the rows that scroll.
        (pinned[..target].iter().filter(|p| !**p).count(), h - kept)
    } else {
        (target, h.max(1))
    };
    let s = scroll as usize;
    let s = if index < s { index } else { index + 1 - window };
    s as u16
}

/// Which of the list's rows are on screen, in order: every pinned row (the candidates
/// still in the count) and a window of the others, scrolled by `scroll`; or a plain window
/// when the pinned rows do not fit.
fn visible(pinned: &[bool], rows_h: u16, scroll: u16) -> Vec<usize> {
    let (n, h, s) = (pinned.len(), rows_h as usize, scroll as usize);
    if h >= n {
        return (0..n).collect();
    }
    let kept = pinned.iter().filter(|p| **p).count();
    if kept < n && kept <= h {
        let window = h - kept;
        let mut free = 0;
        let mut out = Vec::new();
        for (k, &p) in pinned.iter().enumerate() {
            if p {
                out.push(k);
            } else {
                if free >= s && free < s + window {
                    out.push(k);
                }
                free += 1;
            }
        }
        return out;
    }
    (s.min(n)..(s + h).min(n)).collect()
}

impl Frame<'_> {
    /// The list's rows, in first-count order, and which of them stay on screen when the
    /// list scrolls (the candidates still in the count). Candidates out in earlier rounds
    /// fold into one row at the end unless `o` has opened them.
    fn rows(&self) -> (Vec<Row>, Vec<bool>) {
        let order = &self.app.contest_tables().first_order;
        let votes = &self.shown.votes;
        let out = order.iter().filter(|&&i| votes[i].is_none()).count();
        let fold = !self.app.views().count_others && out >= 2;
        let mut rows = Vec::with_capacity(order.len());
        let mut pinned = Vec::with_capacity(order.len());
        for &i in order {
            if fold && votes[i].is_none() {
                continue;
            }
            rows.push(Row::Candidate(i));
            pinned.push(
                votes[i].is_some()
                    && self.round.is_continuing(i)
                    && !self.round.eliminated.contains(&i),
            );
        }
        if fold {
            rows.push(Row::Others(out));
            pinned.push(false);
        }
        (rows, pinned)
    }

    /// Which rows this step is about: while the bars move, the candidates whose ballots
    /// are moving (as the count's transfers name them); settled, those going out or
    /// elected at the end of the round.
    fn about_rows(&self, rows: &[Row]) -> Vec<bool> {
        let round = self.round;
        let moving: Vec<usize> = if self.shown.progress.is_some() {
            round
                .transfers
                .iter()
                .flat_map(|t| t.from.clone())
                .collect()
        } else {
            Vec::new()
        };
        rows.iter()
            .map(|r| match r {
                Row::Candidate(i) => {
                    moving.contains(i)
                        || (self.shown.progress.is_none()
                            && (round.eliminated.contains(i) || round.elected.contains(i)))
                }
                Row::Others(_) => false,
            })
            .collect()
    }

    /// "✗ 18 others out (o lists them)": the candidates out in earlier rounds, folded.
    fn others_row(&self, n: usize, area: Rect, y: u16, buf: &mut Buffer) {
        let pal = &self.pal;
        put(buf, area, area.x, y, "✗", pal.eliminated());
        let text = format!("{n} others out (o lists them)");
        let room = area.width.saturating_sub(GLYPH_W) as usize;
        put(
            buf,
            area,
            area.x + GLYPH_W,
            y,
            &fit(&text, room),
            pal.eliminated(),
        );
    }

    /// Candidate `i`'s row: ✓ or ✗, name, bar, votes, share of the votes still in, state.
    fn candidate_row(&self, i: usize, area: Rect, y: u16, buf: &mut Buffer) {
        let (pal, cols, shown) = (&self.pal, &self.cols, &self.shown);
        let cand = &self.contest.candidates[i];
        let value = shown.votes[i];
        let settled = shown.progress.is_none();
        // Elected in this round or before (held at the quota in a multi-seat count).
        // While the bars move, only those elected before this round (held at the quota).
        let elected = self.round.states.get(i) == Some(&crate::count::State::Elected)
            && (settled || !self.round.elected.contains(&i));
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
        // Settled, the round's exact figure (a published fraction at its precision);
        // moving, whole votes.
        let votes = match (value, self.round.tally(i)) {
            (Some(_), Some(exact)) if settled => thousands(exact),
            (Some(v), _) => thousands(v.round() as u64),
            (None, _) => "–".to_string(),
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

    /// The threshold's dotted line on every row the bars do not cover: more than half of
    /// the votes, drawn under every system so that the ▲ under it points at something;
    /// its label says whether it is needed.
    fn threshold_marks(&self, rows: std::ops::Range<u16>, buf: &mut Buffer) {
        if self.cols.bar_w == 0 {
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

    /// Votes lost to rounding so far (no bar: a fraction of a vote).
    fn residual_row(&self, area: Rect, y: u16, buf: &mut Buffer) {
        let pal = &self.pal;
        put(
            buf,
            area,
            area.x + GLYPH_W,
            y,
            &fit(ROUNDING, self.cols.name_w as usize),
            pal.dim(),
        );
        put(
            buf,
            area,
            self.cols.votes_x(),
            y,
            &right(&thousands(self.round.residual), VOTES_W as usize),
            pal.dim(),
        );
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
        let votes = if self.shown.progress.is_none() {
            thousands(self.round.exhausted)
        } else {
            thousands(self.shown.exhausted.round() as u64)
        };
        // A figure as wide as its column ("17,552.5192") would run into a full bar: it
        // starts a space after the bar instead, in the share column this row leaves empty.
        let (x, figure) = if width(&votes) >= VOTES_W as usize {
            (self.cols.votes_x() + 1, votes)
        } else {
            (self.cols.votes_x(), right(&votes, VOTES_W as usize))
        };
        put(buf, area, x, y, &figure, pal.dim());
    }

    /// "▲ 747,780 to win: more than half of 1,495,558" from the marker, or ending at it
    /// ("… ▲") when there is no room to its right. The ▲ is always in the threshold's
    /// column: when neither way fits, the label is said shorter ("▲ 747,780 to win"), and
    /// at the narrowest the ▲ stands alone.
    fn threshold_label(&self, area: Rect, y: u16, buf: &mut Buffer) {
        let round = self.round;
        // Nothing counted yet (a live night before its first declaration): "1 to win: more
        // than half of 0" would say nothing true.
        if self.cols.bar_w == 0 || round.continuing.is_zero() {
            return;
        }
        // The Supplementary Vote's second round is won by the most votes, and any count
        // can end on a tie below the line: then more than half is not what wins.
        let final_round =
            self.contest.method.system() == VotingSystem::SupplementaryVote && round.number > 1;
        let won_below = round
            .elected
            .iter()
            .any(|&w| round.votes.get(w).is_some_and(|v| *v < round.threshold));
        let t = thousands(round.threshold);
        let c = thousands(round.continuing);
        let published = crate::story::published::published(self.contest).is_some();
        let basis = crate::story::published::basis(self.contest);
        let multi = self.contest.seats > 1
            || self.contest.method.system() == VotingSystem::SingleTransferableVote;
        let labels = if multi {
            vec![
                format!("quota {t}: elected on reaching it"),
                format!("quota {t}"),
            ]
        } else if published && won_below {
            vec![
                format!("{t} to win ({}; elected below it)", basis.threshold),
                format!("{t} to win (not reached)"),
                format!("{t} to win"),
            ]
        } else if published && round.threshold != round.continuing.majority() {
            vec![
                format!("{t} to win ({})", basis.threshold),
                format!("{t} to win"),
            ]
        } else if !self.contest.method.words().majority_needed {
            vec![
                format!("majority {t} (not needed: most votes wins)"),
                format!("majority {t} (not needed)"),
            ]
        } else if final_round || won_below {
            vec![
                format!("{t} = more than half of {c} (not needed in the final round)"),
                format!("{t} = more than half (not needed in the final round)"),
                format!("{t} = more than half (not needed)"),
                format!("{t} = more than half"),
            ]
        } else {
            vec![
                format!("{t} to win: more than half of {c}"),
                format!("{t} to win"),
            ]
        };
        let (x, label) = marker_label(self.threshold_x, area, &labels);
        put(buf, area, x, y, &label, self.pal.threshold());
    }
}

/// Where to write the ▲ at column `tx` with the first of `labels` that fits whole beside
/// it (right of it, else left of it): (first column, text). The ▲ alone when none fits.
fn marker_label(tx: u16, area: Rect, labels: &[String]) -> (u16, String) {
    for label in labels {
        let lw = width(label) as u16 + 2;
        if tx + lw <= area.right() {
            return (tx, format!("▲ {label}"));
        }
        if tx >= area.x + lw - 1 {
            return (tx + 1 - lw, format!("{label} ▲"));
        }
    }
    (tx, "▲".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_gives_the_narration_its_lines_before_the_list() {
        // Room for everything, with a blank line.
        let p = Plan::new(20, 5, 2, 2, 4, 0);
        assert_eq!(
            (p.rows_h, p.gap, p.text_h, p.list_max, p.text_max),
            (5, 1, 4, 0, 0)
        );
        // The list scrolls so the narration is whole.
        let p = Plan::new(14, 20, 2, 2, 6, 0);
        assert_eq!(
            (p.rows_h, p.list_hint, p.text_h, p.text_hint),
            (5, true, 6, false)
        );
        assert_eq!(p.list_max, 15);
        // Too short even so: the list keeps the pinned rows and one more, the narration
        // scrolls behind a "more" line.
        let p = Plan::new(9, 20, 2, 2, 8, 0);
        assert_eq!((p.rows_h, p.text_h, p.text_hint), (3, 2, true));
        assert_eq!(p.text_max, 6);
        assert!(
            p.rows_h + u16::from(p.list_hint) + 2 + p.text_h < 9,
            "with its more line"
        );
        // Six going out of fifteen beside a long narration: the six stay on screen and the
        // narration scrolls.
        let p = Plan::new(21, 15, 15, 1, 14, 6);
        assert!(p.rows_h >= 7, "{p:?}");
        assert!(p.text_hint);
    }

    #[test]
    fn pinned_rows_stay_while_the_others_scroll() {
        let pinned = [true, true, false, false, false, false];
        assert_eq!(visible(&pinned, 4, 0), vec![0, 1, 2, 3]);
        assert_eq!(visible(&pinned, 4, 2), vec![0, 1, 4, 5]);
        // Too few rows for the pinned ones and another: a plain window.
        assert_eq!(visible(&pinned, 1, 1), vec![1]);
        // Exactly the pinned rows: they, not the first rows.
        let pinned = [false, false, true, true];
        assert_eq!(visible(&pinned, 2, 0), vec![2, 3]);
    }

    #[test]
    fn the_marker_stays_in_its_column_whichever_label_fits() {
        let area = Rect::new(0, 0, 40, 1);
        let labels = [
            "747,780 to win: more than half".to_string(),
            "747,780 to win".to_string(),
        ];
        let (x, l) = marker_label(5, area, &labels);
        assert_eq!((x, l.as_str()), (5, "▲ 747,780 to win: more than half"));
        let (x, l) = marker_label(35, area, &labels);
        assert_eq!(x + width(&l) as u16 - 1, 35, "ends at the line: {l}");
        let (x, l) = marker_label(20, area, &labels);
        assert_eq!((x, l.as_str()), (20, "▲ 747,780 to win"));
        let narrow = Rect::new(0, 0, 12, 1);
        assert_eq!(marker_label(6, narrow, &labels), (6, "▲".to_string()));
    }
}
