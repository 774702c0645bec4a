//! The Shares view: every candidate's share in the first round and in the final round, side
//! by side, so what the transfers changed can be read at a glance.
//!
//! A final-round share can be a percentage of two different totals, and reports quote both:
//! of every valid first preference (then the non-transferable or exhausted ballots are a
//! share of their own, shown as a row) or of the votes still in the final round (then the
//! finalists add up to 100% and the exhausted ballots are left out). `p` switches, and the
//! title always says which one is shown. The view summarises the whole count, so it uses
//! the round the count is at: the final round once it is counted; before that, the round
//! reached so far, or nothing ("not counted yet") while only the first round is in.
//!
//! ```text
//! Shares of valid first preferences (p: of the final round) · Final round = round 2   title
//!                    First round                   Final round (of valid 1st prefs)   headings
//! ✓ Ken Livingstone  ███████████▊  685,541  36.8%  ██████████████  828,380  44.4%     rows
//! ✗ Simon Hughes     ██████▌       284,645  15.3%                                –    (scroll)
//! · Non-transferable                               ██████▌         368,113  19.8%     exhausted
//!
//! Final round: 1,495,558 votes for the candidates still in it and 368,113 …           note
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::GLYPH_W;
use super::theme::Palette;
use super::{flow, put};
use crate::app::{App, ShareBasis};
use crate::count::{Count, Outcome, Round};
use crate::model::Votes;
use crate::model::VotingSystem;
use crate::text::{fit, percent, right, thousands, width, wrap};

pub struct SharesView<'a> {
    pub app: &'a App,
}

/// How a cell is drawn: on which scale, and in which styles.
#[derive(Clone, Copy)]
struct Cell<'a> {
    max_pct: f64,
    bar: Style,
    text: Style,
    pal: &'a Palette,
}

/// Widths of the parts of one column ("First round" or "Final round").
#[derive(Debug, Clone, Copy)]
struct Column {
    x: u16,
    bar_w: u16,
    /// 0 when the column is too narrow for vote counts: shares only.
    votes_w: u16,
    pct_w: u16,
}

impl Column {
    fn new(x: u16, w: u16) -> Self {
        let pct_w = 7.min(w);
        let votes_w = if w >= 30 { 11 } else { 0 };
        Column {
            x,
            bar_w: w.saturating_sub(pct_w + votes_w + 1),
            votes_w,
            pct_w,
        }
    }

    /// One cell of the table: bar, votes and share; or a dash for "not in this round".
    fn draw(
        &self,
        buf: &mut Buffer,
        area: Rect,
        y: u16,
        value: Option<(Votes, Option<f64>)>,
        how: &Cell,
    ) {
        let Cell {
            max_pct,
            bar: bar_style,
            text: text_style,
            pal,
        } = *how;
        let after_bar = self.x + self.bar_w + u16::from(self.bar_w > 0);
        match value {
            Some((votes, pct)) => {
                if self.bar_w > 0 {
                    super::bar::draw(
                        buf,
                        area,
                        self.x,
                        y,
                        pct.unwrap_or(0.0),
                        max_pct,
                        self.bar_w,
                        bar_style,
                    );
                }
                if self.votes_w > 0 {
                    put(
                        buf,
                        area,
                        after_bar,
                        y,
                        &right(&thousands(votes), self.votes_w as usize),
                        text_style,
                    );
                }
                let share = pct.map(percent).unwrap_or_default();
                put(
                    buf,
                    area,
                    after_bar + self.votes_w,
                    y,
                    &right(&share, self.pct_w as usize),
                    pal.dim(),
                );
            }
            None => {
                put(
                    buf,
                    area,
                    after_bar + self.votes_w,
                    y,
                    &right("–", self.pct_w as usize),
                    pal.dim(),
                );
            }
        }
    }
}

/// `part` as a percentage of `whole`; `None` when there is nothing to divide by.
fn pct(part: Votes, whole: Votes) -> Option<f64> {
    part.percent_of(whole)
}

/// The title segments: which basis, how to switch, and which round the second column is.
fn title(count: &Count, system: VotingSystem, basis: ShareBasis, at: usize) -> Vec<(String, bool)> {
    let rounds = count.rounds.len();
    if rounds < 2 {
        let words = system.words();
        let why = match &count.outcome {
            _ if words.one_round => {
                format!("{}: one round, so there is no second round", words.name)
            }
            Outcome::Elected(_) => "Decided in the first round: there is no second round".into(),
            _ => "Only the first round is in the data so far".into(),
        };
        return vec![
            ("Shares of valid votes".to_string(), true),
            (format!(" · {why}"), false),
        ];
    }
    let last = if at + 1 >= rounds {
        format!(" · Final round = round {rounds}")
    } else if at == 0 {
        // The final-round column says "not counted yet"; the title need not say it too.
        format!(" · Round 1 of {rounds} (→ for the next)")
    } else {
        format!(" · Round {} of {rounds} so far (→ for the next)", at + 1)
    };
    match basis {
        ShareBasis::ValidFirstPreferences => vec![
            ("Shares of valid first preferences".to_string(), true),
            (" (p: of the final round)".to_string(), false),
            (last, false),
        ],
        ShareBasis::FinalRound => vec![
            (
                "Final-round shares of the votes still in it".to_string(),
                true,
            ),
            (" (p: of valid first preferences)".to_string(), false),
            (last, false),
        ],
    }
}

impl Widget for SharesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }
}

/// The name column's natural width, and never more than a third of the view.
const NAME_MIN: usize = 4;
const NAME_MAX: usize = 22;
/// Between the two columns of shares.
const COLUMN_GAP: u16 = 2;
/// The note under the table is shown only if this many rows still fit beside it.
const ROWS_BEFORE_NOTE: u16 = 5;

/// What every part of the view is drawn from, for this frame.
struct Frame<'a> {
    app: &'a App,
    pal: Palette,
    count: &'a Count,
    basis: ShareBasis,
    /// Two rounds to compare (else one column).
    two: bool,
    /// The round the count is at (0-based, settled): the second column shows it, and
    /// nothing while it is the first.
    at: usize,
    /// That round, when it is a later one.
    later: Option<&'a Round>,
    /// What the final-round shares are of: valid first preferences, or the votes in it.
    final_whole: Votes,
    /// The top of both columns' scale, in percent.
    max_pct: f64,
    name_w: u16,
    columns: Vec<Column>,
    exhausted_label: &'static str,
}

impl<'a> Frame<'a> {
    fn new(app: &'a App, area: Rect) -> Frame<'a> {
        let l = app.contest();
        let count = &l.count;
        let basis = app.views().shares.basis;
        let two = count.rounds.len() > 1;
        // While a step animates, the round before it is the one counted.
        let shown = app.shown();
        let at = if shown.progress.is_some() {
            shown.round.saturating_sub(1)
        } else {
            shown.round
        };
        let later = count.rounds.get(at).filter(|_| at > 0);
        let exhausted_label = l.contest.method.words().exhausted;
        let name_w = app
            .contest_tables()
            .name_width
            .max(if two { width(exhausted_label) } else { 0 })
            .clamp(NAME_MIN, NAME_MAX) as u16;
        let name_w = name_w.min(area.width / 3);
        let cols_x = area.x + GLYPH_W + name_w + 1;
        let rest = area.right().saturating_sub(cols_x);
        let columns = if two {
            let w = rest.saturating_sub(COLUMN_GAP) / 2;
            vec![
                Column::new(cols_x, w),
                Column::new(cols_x + w + COLUMN_GAP, w),
            ]
        } else {
            vec![Column::new(cols_x, rest)]
        };
        let mut f = Frame {
            app,
            pal: Palette::new(app.options().theme),
            count,
            basis,
            two,
            at,
            later,
            final_whole: match basis {
                ShareBasis::ValidFirstPreferences => count.valid,
                ShareBasis::FinalRound => later.map_or(count.valid, |r| r.continuing),
            },
            max_pct: 100.0,
            name_w,
            columns,
            exhausted_label,
        };
        f.max_pct = f.scale();
        f
    }

    /// One scale for both columns and every step, so a bar that grows between them really
    /// grew and nothing rescales as the count moves on.
    fn scale(&self) -> f64 {
        let count = self.count;
        let mut max = self
            .app
            .contest_tables()
            .first_order
            .iter()
            .filter_map(|&i| self.first_pct(i))
            .fold(0.0f64, f64::max);
        if self.two {
            for r in &count.rounds[1..] {
                let whole = match self.basis {
                    ShareBasis::ValidFirstPreferences => count.valid,
                    ShareBasis::FinalRound => r.continuing,
                };
                for i in 0..r.votes.len() {
                    if let Some(p) = r.tally(i).and_then(|v| pct(v, whole)) {
                        max = max.max(p);
                    }
                }
                if self.basis == ShareBasis::ValidFirstPreferences {
                    max = max.max(pct(r.exhausted, count.valid).unwrap_or(0.0));
                }
            }
        }
        if max > 0.0 { max } else { 100.0 }
    }

    fn first_pct(&self, i: usize) -> Option<f64> {
        // Of the votes in play in round 1, as the Count view and the presenter say.
        pct(self.count.first().votes[i], self.count.first().continuing)
    }

    fn final_pct(&self, i: usize) -> Option<f64> {
        let v = self.later?.tally(i)?;
        pct(v, self.final_whole)
    }

    /// The columns' headings, the long form when it fits.
    fn headings(&self, area: Rect, y: u16, buf: &mut Buffer) {
        let final_round = self.at + 1 >= self.count.rounds.len();
        let round = if final_round {
            "Final round".to_string()
        } else if self.at == 0 {
            "Final round: not counted yet".to_string()
        } else {
            format!("Round {}", self.at + 1)
        };
        let headings = if self.two {
            let of = match (self.basis, self.later.is_some()) {
                (_, false) => round,
                (ShareBasis::FinalRound, true) => format!("{round} (of votes in it)"),
                (ShareBasis::ValidFirstPreferences, true) => {
                    format!("{round} (of valid 1st prefs)")
                }
            };
            vec!["First round".to_string(), of]
        } else {
            vec!["Votes and share".to_string()]
        };
        for (col, h) in self.columns.iter().zip(&headings) {
            let w = col.bar_w + 1 + col.votes_w + col.pct_w;
            // The long heading when it fits, else just "Final round".
            let h = if width(h) > w as usize {
                let h = h.split(" (").next().unwrap_or(h);
                h.split(':').next().unwrap_or(h)
            } else {
                h
            };
            put(buf, area, col.x, y, &fit(h, w as usize), self.pal.title());
        }
    }

    /// The sentence under the table: what the final round's votes add up to.
    fn note(&self) -> String {
        let valid = self.count.valid;
        if !self.two {
            return format!("{} valid votes.", thousands(valid));
        }
        let Some(last) = self.later else {
            return "→ counts the later rounds, one step at a time.".to_string();
        };
        let round = if self.at + 1 >= self.count.rounds.len() {
            "Final round".to_string()
        } else {
            format!("Round {}", self.at + 1)
        };
        let label = self.exhausted_label.to_lowercase();
        let rounding = if last.residual.is_zero() {
            String::new()
        } else {
            format!(" with {} lost to rounding", thousands(last.residual))
        };
        match self.basis {
            ShareBasis::ValidFirstPreferences => format!(
                "{round}: {} votes for the candidates still in it and {} {label} \
                 ballots{rounding} make up the {} valid first preferences.",
                thousands(last.continuing),
                thousands(last.exhausted),
                thousands(valid)
            ),
            ShareBasis::FinalRound => format!(
                "{round}: shares of the {} votes still in it, so they add up to 100%; \
                 the {} {label} ballots are left out.",
                thousands(last.continuing),
                thousands(last.exhausted)
            ),
        }
    }

    /// Candidate `i`: ✓ or ✗, name, and a bar, votes and share per column.
    fn candidate_row(&self, i: usize, area: Rect, y: u16, buf: &mut Buffer) {
        let (count, pal) = (self.count, &self.pal);
        let first = count.first();
        // The states as of the round the count is at, never ahead of it.
        let now = &count.rounds[self.at.min(count.rounds.len() - 1)];
        let cand = &self.app.contest().contest.candidates[i];
        // Elected in this round or before (held at the quota in a multi-seat count).
        let elected = now.states.get(i) == Some(&crate::count::State::Elected);
        let out = !now.is_continuing(i) || now.eliminated.contains(&i);
        let (glyph, name_style) = if elected {
            ("✓", pal.elected())
        } else if out && self.two {
            ("✗", pal.eliminated())
        } else {
            (" ", pal.text())
        };
        put(buf, area, area.x, y, glyph, name_style);
        let name = &self.app.contest_tables().names[i];
        put(
            buf,
            area,
            area.x + GLYPH_W,
            y,
            &fit(name, self.name_w as usize),
            name_style,
        );
        let party = pal.party(cand.colour.as_deref());
        let first_value = Some((first.votes[i], self.first_pct(i)));
        let cell = Cell {
            max_pct: self.max_pct,
            bar: party,
            text: name_style,
            pal,
        };
        self.columns[0].draw(buf, area, y, first_value, &cell);
        if let (Some(col), Some(later)) = (self.columns.get(1), self.later) {
            let value = later.tally(i).map(|v| (v, self.final_pct(i)));
            col.draw(buf, area, y, value, &cell);
        }
    }

    /// The exhausted ballots: a share of their own, or set apart from the shares.
    fn exhausted_row(&self, area: Rect, y: u16, buf: &mut Buffer) {
        let (Some(col), Some(last)) = (self.columns.get(1), self.later) else {
            return;
        };
        let pal = &self.pal;
        put(buf, area, area.x, y, "·", pal.dim());
        put(
            buf,
            area,
            area.x + GLYPH_W,
            y,
            &fit(self.exhausted_label, self.name_w as usize),
            pal.dim(),
        );
        match self.basis {
            ShareBasis::ValidFirstPreferences => {
                let value = (last.exhausted, pct(last.exhausted, self.count.valid));
                let cell = Cell {
                    max_pct: self.max_pct,
                    bar: pal.exhausted_bar(),
                    text: pal.dim(),
                    pal,
                };
                col.draw(buf, area, y, Some(value), &cell);
            }
            ShareBasis::FinalRound => {
                let room = area.right().saturating_sub(col.x) as usize;
                let votes = thousands(last.exhausted);
                let text = [
                    "not counted in these shares",
                    "not in these shares",
                    "left out",
                ]
                .iter()
                .map(|t| format!("{votes} {t}"))
                .find(|t| width(t) <= room)
                .unwrap_or(votes);
                put(buf, area, col.x, y, &text, pal.dim());
            }
        }
    }
}

impl SharesView<'_> {
    /// Draw the view; returns how far it can scroll (its rows past those that fit).
    pub fn draw(self, area: Rect, buf: &mut Buffer) -> u16 {
        if area.is_empty() {
            return 0;
        }
        let f = Frame::new(self.app, area);
        let pal = &f.pal;

        // Title (one or two lines), then the column headings.
        let segments: Vec<(String, Style)> = title(
            f.count,
            f.app.contest().contest.method.system(),
            f.basis,
            f.at,
        )
        .into_iter()
        .map(|(t, bold)| (t, if bold { pal.title() } else { pal.dim() }))
        .collect();
        let title_h = flow(buf, area, area.y, &segments, 2.min(area.height));
        let header_y = area.y + title_h;
        f.headings(area, header_y, buf);

        // The rows, then the exhausted row, then the note if there is room for it too.
        let note = f.note();
        let note_lines: Vec<String> = wrap(&note, area.width as usize, "", "")
            .lines()
            .map(str::to_string)
            .collect();
        let body_top = header_y + 1;
        let space = area.bottom().saturating_sub(body_top + u16::from(f.two));
        let note_h = note_lines.len() as u16 + 1; // with a blank line before it
        let order = &f.app.contest_tables().first_order;
        let total_rows = order.len() as u16;
        let note_h = if space >= note_h + total_rows.min(ROWS_BEFORE_NOTE) {
            note_h
        } else {
            0
        };
        let mut rows_h = space.saturating_sub(note_h);
        let scrolling = total_rows > rows_h;
        if scrolling {
            rows_h = rows_h.saturating_sub(1); // the "more" hint
        }
        let scroll_max = total_rows.saturating_sub(rows_h);
        let scroll = f.app.views().shares.scroll.offset().min(scroll_max);

        let mut y = body_top;
        for &i in order.iter().skip(scroll as usize).take(rows_h as usize) {
            f.candidate_row(i, area, y, buf);
            y += 1;
        }
        if scrolling && rows_h > 0 {
            super::scroll_hint(buf, area, y, total_rows - rows_h - scroll, pal);
            y += 1;
        }
        if f.two {
            f.exhausted_row(area, y, buf);
            y += 1;
        }
        if note_h > 0 {
            y += 1;
            for line in &note_lines {
                put(buf, area, area.x, y, line, pal.dim());
                y += 1;
            }
        }
        scroll_max
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::Key;
    use crate::app::{Msg, update};

    use crate::app::View;
    use crate::ui::testing::{app, buffer, rows, scroll_down};

    fn render(app: &App, w: u16, h: u16) -> Vec<String> {
        rows(&buffer(SharesView { app }, w, h))
    }

    fn row<'a>(lines: &'a [String], name: &str) -> &'a str {
        lines
            .iter()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{}", lines.join("\n")))
    }

    #[test]
    fn london_2004_both_bases() {
        let mut a = app(1);
        // At the result: the view follows the step.
        update(&mut a, Msg::Key(Key::End));
        let lines = render(&a, 110, 30);
        assert!(lines[0].contains("Shares of valid first preferences (p: of the final round)"));
        assert!(lines.join("\n").contains("Final round = round 2"));
        let ken = row(&lines, "Ken Livingstone");
        assert!(ken.starts_with("✓"), "{ken}");
        assert!(ken.contains("685,541") && ken.contains("36.8%"), "{ken}");
        assert!(ken.contains("828,380") && ken.contains("44.4%"), "{ken}");
        let nt = row(&lines, "Non-transferable");
        assert!(nt.contains('%'), "exhausted ballots have a share: {nt}");
        // A candidate out after the first round: a dash, not 0%.
        let out = row(&lines, "Simon Hughes");
        assert!(
            out.starts_with("✗") && out.trim_end().ends_with('–'),
            "{out}"
        );
        assert!(!out.contains("0.0%"), "{out}");

        update(&mut a, Msg::Key(Key::Char('p')));
        assert_eq!(a.views().shares.basis, ShareBasis::FinalRound);
        let lines = render(&a, 110, 30);
        assert!(lines[0].contains("(p: of valid first preferences)"));
        let ken = row(&lines, "Ken Livingstone");
        assert!(ken.contains("36.8%") && ken.contains("55.4%"), "{ken}");
        let nt = row(&lines, "Non-transferable");
        assert!(nt.contains("not counted in these shares"), "{nt}");
    }

    #[test]
    fn first_past_the_post_has_one_column() {
        let a = app(6);
        let lines = render(&a, 100, 30);
        let all = lines.join("\n");
        assert!(all.contains("no second round"), "{all}");
        assert!(!all.contains("Final round"), "{all}");
        assert!(row(&lines, "Sadiq Khan").contains('%'));
    }

    #[test]
    fn narrow_screens_keep_shares_and_scroll() {
        let mut a = app(5); // 2021: 20 candidates
        let lines = render(&a, 78, 19);
        let all = lines.join("\n");
        assert!(all.contains("more (j/↓)"), "{all}");
        assert!(row(&lines, "Sadiq Khan").contains('%'));
        let max = SharesView { app: &a }.draw(
            Rect::new(0, 0, 78, 19),
            &mut Buffer::empty(Rect::new(0, 0, 78, 19)),
        );
        scroll_down(&mut a, View::Shares, max, 200);
        let all = render(&a, 78, 19).join("\n");
        assert!(all.contains("scrolled (k/↑)"), "{all}");
    }

    #[test]
    fn never_panics_at_any_size() {
        for index in [0, 1, 5, 6] {
            let mut a = app(index);
            for toggled in [false, true] {
                if toggled {
                    update(&mut a, Msg::Key(Key::Char('p')));
                }
                for w in (0..=120).step_by(3).chain([1, 2, 119]) {
                    for h in (0..=40).step_by(3).chain([1, 2, 40]) {
                        render(&a, w, h);
                    }
                }
                // An area that does not start at the origin.
                let area = Rect::new(5, 3, 50, 10);
                let mut buf = Buffer::empty(Rect::new(0, 0, 60, 15));
                SharesView { app: &a }.render(area, &mut buf);
            }
        }
    }
}
