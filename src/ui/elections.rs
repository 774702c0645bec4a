//! The Elections view: every loaded contest side by side, the viewer's form of
//! `tally compare`. Turnout as bars on one fixed scale, each party's first-preference share
//! by year with the change from the contest before, and each winner with the final-round
//! margin.
//!
//! Comparisons across years mislead easily, so this view is careful about three things:
//! an unknown turnout draws no bar at all (an empty bar would read as 0%); a turnout on
//! another basis than ballot papers, or only approximate, is written so and drawn with a
//! hatched fill, because it is not the same measure; and the scale is fixed for the contests
//! loaded (up to their highest turnout rounded up to 20%: 0–60% for London) rather than
//! stretched to the current contest's figure. Highlighted contests (`t`) are marked with `●` and
//! drawn bold, not told apart by colour alone.
//!
//! The view is composed as rows of positioned text first and drawn second, so that it can
//! scroll (`views().elections.scroll`) when the terminal is too short, and clip at any width.
//! Each section has its file:
//!
//! ```text
//! Turnout and shares across 7 contests · t: highlight this contest       title
//!
//! Turnout  0%         20%         40%         60%  scale fixed at 0–60%  ┐
//! › ● 2004 ░░░░░░░░░░░░░░░░░░░░░             36.95%  basis not stated     │ turnout.rs
//!   ● 2008 █████████████████████████▍        45.33%  of ballot papers     │
//!   █ ballot papers  ░ other basis/approx.  ● highlighted  › current      ┘
//!
//! Share %               2000      ›●2004       ●2008                      ┐
//! ▌ Labour              13.1  36.8 +23.7   37.0 +0.2                      │ shares.rs
//! % of valid first preferences · ± points on the previous contest …       ┘
//!
//! Result   Winner           Party         Final margin  System            ┐ winners.rs
//! › ● 2004 Ken Livingstone  Labour             161,202  Supplementary Vote┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::put;
use super::theme::Palette;
use crate::app::App;
use crate::story::summary;
use crate::text::{fit, width};
use shares::share_rows;
use turnout::turnout_rows;
use winners::winner_rows;

mod shares;
mod turnout;
mod winners;

pub struct ElectionsView<'a> {
    pub app: &'a App,
}

/// The current-contest and highlight markers before each contest row: "› ● ".
const MARKS_W: u16 = 4;
/// Between columns.
const GAP: u16 = 2;
/// The contest heading column: at least "2004", at most this, and no more than a quarter
/// of the width.
const HEAD_MIN: u16 = 4;
const HEAD_MAX: u16 = 16;

/// A piece of text at a column (relative to the view's left edge).
struct Piece {
    x: u16,
    text: String,
    style: Style,
}

/// One line of the view.
type Row = Vec<Piece>;

fn piece(x: u16, text: impl Into<String>, style: Style) -> Piece {
    Piece {
        x,
        text: text.into(),
        style,
    }
}

/// What the view needs to know about every contest for this frame.
struct Ctx<'a> {
    app: &'a App,
    pal: Palette,
    width: u16,
    /// Column heading per contest: its year, or its id when two share a year.
    headings: &'a [String],
    /// Width of the contest heading column in the turnout and winner sections.
    head_w: u16,
    /// The top of the turnout scale, in percent: the same whichever contest is current, so
    /// a year's bar means the same (`summary::turnout_scale`, worked out on loading).
    scale_max: f64,
}

/// `s` padded to `w` cells, or cut in the middle ("2013-minn…park-board"): ids that
/// share a beginning differ at their end, which a cut at the end would hide.
fn fit_middle(s: &str, w: usize) -> String {
    if width(s) <= w || w < 5 {
        return fit(s, w);
    }
    let chars: Vec<char> = s.chars().collect();
    let tail_w = (w - 1) / 2;
    let mut tail = String::new();
    for &c in chars.iter().rev() {
        if width(&tail) + width(&c.to_string()) > tail_w {
            break;
        }
        tail.insert(0, c);
    }
    let head_w = w - 1 - width(&tail);
    let mut head = String::new();
    for &c in &chars {
        if width(&head) + width(&c.to_string()) > head_w {
            break;
        }
        head.push(c);
    }
    fit(&format!("{head}…{tail}"), w)
}

impl Ctx<'_> {
    fn highlighted(&self, i: usize) -> bool {
        self.app.views().elections.is_highlighted(i)
    }

    /// Bold for highlighted contests, dim for the rest.
    fn row_style(&self, i: usize) -> Style {
        if self.highlighted(i) {
            self.pal.title()
        } else {
            self.pal.dim()
        }
    }

    /// `›` for the current contest, then `●` (highlighted) or `○`, then the heading.
    fn contest_label(&self, i: usize) -> Row {
        let style = self.row_style(i);
        let mut row = Vec::new();
        if i == self.app.current() {
            row.push(piece(0, "›", self.pal.title()));
        }
        let mark = if self.highlighted(i) { "●" } else { "○" };
        row.push(piece(2, mark, style));
        row.push(piece(
            MARKS_W,
            fit_middle(&self.headings[i], self.head_w as usize),
            style,
        ));
        row
    }
}

impl Widget for ElectionsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }
}

impl ElectionsView<'_> {
    /// Draw the view; returns how far it can scroll (its rows past those that fit).
    pub fn draw(self, area: Rect, buf: &mut Buffer) -> u16 {
        if area.width == 0 || area.height == 0 {
            return 0;
        }
        let app = self.app;
        let pal = Palette::new(app.options().theme);
        let across = &app.tables().across;
        let headings = &across.headings;
        let head_w = headings
            .iter()
            .map(|h| width(h) as u16)
            .max()
            .unwrap_or(HEAD_MIN)
            .clamp(HEAD_MIN, HEAD_MAX);
        let ctx = Ctx {
            app,
            pal,
            width: area.width,
            headings,
            head_w: head_w.min((area.width / 4).max(HEAD_MIN)),
            scale_max: across.turnout_scale,
        };
        let [title_row, body] = Layout::vertical([Length(1), Fill(1)]).areas(area);

        let n = app.contests().len();
        let title = if n == 1 {
            "Turnout and shares of 1 contest".to_string()
        } else {
            format!("Turnout and shares across {n} contests")
        };
        // The hint is said shorter, or left to the key table, rather than cut.
        let room = area.width.saturating_sub(width(&title) as u16);
        let hint = first_fitting(
            &[" · t: highlight this contest", " · t: highlight", ""],
            room,
        );
        Line::from(vec![
            Span::styled(title, pal.title()),
            Span::styled(hint, pal.dim()),
        ])
        .render(title_row, buf);

        let turnout = turnout_rows(&ctx);
        let winners = winner_rows(&ctx);
        let mut shares = share_rows(&ctx, &across.parties);
        // A tall screen shows more parties before folding the rest into "Others": as many
        // as the rows left over allow (all of them when they all fit).
        let others = 3 + turnout.len() + winners.len() + shares.len() - across.parties.len();
        let room = (body.height as usize).saturating_sub(others);
        if room > across.parties.len() && across.party_series.len() > across.parties.len() {
            let keep = if across.party_series.len() <= room {
                room
            } else {
                room - 1
            };
            shares = share_rows(&ctx, &summary::fold(&across.party_series, keep));
        }
        let mut rows: Vec<Row> = vec![Vec::new()];
        rows.extend(turnout);
        rows.push(Vec::new());
        rows.extend(shares);
        rows.push(Vec::new());
        rows.extend(winners);

        draw(
            &rows,
            body,
            app.views().elections.scroll.offset(),
            &pal,
            buf,
        )
    }
}

/// Draw `rows` into `area` from row `scroll` (clamped), with a hint on the last line when
/// they do not all fit. Returns how far they can scroll.
fn draw(rows: &[Row], area: Rect, scroll: u16, pal: &Palette, buf: &mut Buffer) -> u16 {
    if area.height == 0 {
        return 0;
    }
    let total = rows.len();
    let fits = total <= area.height as usize;
    let visible = if fits {
        total
    } else {
        area.height as usize - 1
    };
    let scroll_max = total - visible;
    let scroll = (scroll as usize).min(scroll_max);
    for (k, row) in rows.iter().skip(scroll).take(visible).enumerate() {
        let y = area.y + k as u16;
        for p in row {
            put(buf, area, area.x.saturating_add(p.x), y, &p.text, p.style);
        }
    }
    if !fits {
        let more = (total - visible - scroll) as u16;
        super::scroll_hint(buf, area, area.bottom() - 1, more, pal);
    }
    scroll_max as u16
}

/// The first choice of `variants` that fits in `w` cells, or the last.
fn first_fitting<'s>(variants: &[&'s str], w: u16) -> &'s str {
    variants
        .iter()
        .find(|v| width(v) <= w as usize)
        .or(variants.last())
        .copied()
        .unwrap_or("")
}

#[cfg(test)]
mod tests;
