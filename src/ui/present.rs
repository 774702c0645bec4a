//! Presenter mode's screen, for a projector at the back of a lecture room: the beat's
//! headline in big text, thick bars, few elements, and the teacher-ready explanation in
//! bold. It scales from 80×24 up to full-screen 4K terminals by choosing the big-text size
//! and the bar thickness from the space there is.
//!
//! ```text
//! PRESENTING · Mayor of London 2004 · First preferences: 7 of 10 …    step 8 of 17   top_line
//!
//! ▜▛▀▌            ▜▌      █▖▟▌    ▝█          ▗█  ▗█  █▀▀     ▗▛▘ ▗▛▘ █▀▀           headline
//! ▀▀  ▀▀  ▝▀▝▘▀ ▀ ▀▘▝▘    ▀ ▝▘▝▀▝▘▝▀▘ ▝▀▘ ▀   ▀▀▀ ▀▀▀ ▝▀▘ ▗▛  ▝▀▘ ▝▀▘ ▝▀▘           (big text)
//!
//!   Lindsey German   ███▋                                             61,731     bars
//! ▶ Frank Maloney    ██████▉                                         115,665     (ballot
//!   Steven Norris                                                                order)
//!
//! Frank Maloney (UK Independence Party): 115,665 first preferences, 6.2% …      explanation
//!
//! → next  ← back  P leave  a all at once  n hide numbers  e explain  q quit     footer
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Alignment, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::GLYPH_W;
use super::bar::column;
use super::put;
use super::theme::Palette;
use crate::app::App;
use crate::model::Votes;
use crate::story::present::{self, Beat, State};
use crate::text::{clean, fit, right, thousands, width};

pub struct PresentView<'a> {
    pub app: &'a App,
}

/// The biggest text size that fits `text` in `area`: (pixel size, rows), or `None` for plain.
fn big_size(text: &str, area: Rect) -> Option<(PixelSize, u16)> {
    let chars = text.chars().count() as u16;
    [
        (PixelSize::Full, 8, 8),
        (PixelSize::HalfHeight, 4, 8),
        (PixelSize::Quadrant, 4, 4),
    ]
    .into_iter()
    .find(|&(_, rows, cols)| chars.saturating_mul(cols) <= area.width && rows <= area.height)
    .map(|(p, rows, _)| (p, rows))
}

/// Between the frame's edge and the slide, the top line and the footer.
const MARGIN: u16 = 1;
/// The top line keeps this many cells at its right for "step 12 of 19".
const STEP_W: u16 = 16;
/// The explanation takes up to this many lines, and at most a third of the slide.
const EXPLANATION_MAX: u16 = 5;
/// Bars are 1 to 3 rows thick, as the height allows.
const THICK_MAX: u16 = 3;
/// The name column's natural width.
const NAME_MIN: usize = 4;
const NAME_MAX: usize = 24;

/// What every part of the slide is drawn from.
struct Slide<'a> {
    app: &'a App,
    pal: Palette,
    beat: Beat,
    frame: present::Frame,
    /// The numbers are shown (not hidden for the class to guess).
    numbers: bool,
}

impl Widget for PresentView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let Some(p) = app.presenter().copied() else {
            return;
        };
        let beats = &app.contest_tables().beats;
        let Some(&beat) = beats.get(p.beat).or(beats.last()) else {
            return;
        };
        let slide = Slide {
            app,
            pal: Palette::new(app.options().theme),
            beat,
            frame: present::frame(app.contest(), beat),
            numbers: !p.hide_numbers || p.numbers_shown,
        };
        // The top line, a blank line, the slide, a blank line, the keys.
        let [top, _, body, _, footer] =
            Layout::vertical([Length(1), Length(1), Fill(1), Length(1), Length(1)]).areas(area);
        slide.top_line(top, p.beat, beats.len(), buf);
        slide.footer(footer, buf);
        let [body] = Layout::horizontal([Fill(1)])
            .horizontal_margin(MARGIN)
            .areas(body);
        if p.explain {
            slide.explainers(body, buf);
            return;
        }
        // The explanation at the bottom, bold for the back row; the headline at the top;
        // the bars between.
        let explanation = &slide.frame.explanation;
        let expl_h = (crate::text::wrap(explanation, body.width.max(1) as usize, "", "")
            .lines()
            .count() as u16)
            .min(EXPLANATION_MAX)
            .min(body.height / 3);
        let [room, _, expl] = Layout::vertical([Fill(1), Length(1), Length(expl_h)]).areas(body);
        Paragraph::new(explanation.as_str())
            .style(slide.pal.text().add_modifier(Modifier::BOLD))
            .wrap(Wrap { trim: true })
            .render(expl, buf);
        let big_h = slide.headline(room, buf);
        let [_, _, bars] = Layout::vertical([Length(big_h), Length(1), Fill(1)]).areas(room);
        slide.bars(bars, buf);
    }
}

impl Slide<'_> {
    /// Where the lesson is: the contest, the beat's heading, and the step of how many.
    fn top_line(&self, area: Rect, beat: usize, beats: usize, buf: &mut Buffer) {
        let title = clean(&self.app.contest().contest.title);
        let top = format!("PRESENTING · {title} · {}", self.frame.heading);
        let room = area.width.saturating_sub(STEP_W) as usize;
        put(
            buf,
            area,
            area.x + MARGIN,
            area.y,
            &fit(&top, room),
            self.pal.title(),
        );
        let step = format!("step {} of {beats}", beat + 1);
        let x = area.right().saturating_sub(width(&step) as u16 + MARGIN);
        put(buf, area, x, area.y, &step, self.pal.dim());
    }

    /// The keys that matter here, from the key table.
    fn footer(&self, area: Rect, buf: &mut Buffer) {
        let keys: Vec<String> = crate::app::keys::presenter_footer()
            .iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect();
        put(
            buf,
            area,
            area.x + MARGIN,
            area.y,
            &keys.join("  "),
            self.pal.dim(),
        );
    }

    /// The explainers page (`e`).
    fn explainers(&self, body: Rect, buf: &mut Buffer) {
        let pal = &self.pal;
        let title = clean(&self.app.contest().contest.title);
        let mut lines = vec![Line::styled(
            format!("The voting systems, with {title}"),
            pal.title(),
        )];
        for e in &self.app.contest_tables().explainers {
            lines.push(Line::default());
            lines.push(Line::styled(e.title.as_str(), pal.title()));
            lines.push(Line::styled(
                e.body.as_str(),
                pal.text().add_modifier(Modifier::BOLD),
            ));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(body, buf);
    }

    /// The headline in big text: name and number together if they fit, else the name big
    /// with the number under it, else plain bold text. Returns the rows used.
    fn headline(&self, room: Rect, buf: &mut Buffer) -> u16 {
        let (f, pal) = (&self.frame, &self.pal);
        let number = f.big_number.map(|v| self.number(v));
        let headline = match &number {
            Some(v) => format!("{} {v}", f.big),
            None => f.big.clone(),
        };
        // Big text takes at most a third of the room.
        let limit = Rect {
            height: room.height / 3,
            ..room
        };
        let style = match f.focus.filter(|_| self.beat != Beat::WhoWins) {
            Some(i) => pal
                .party(self.app.contest().contest.candidates[i].colour.as_deref())
                .add_modifier(Modifier::BOLD),
            None => pal.title(),
        };
        let big = |text: &str, size: PixelSize, rows: u16, buf: &mut Buffer| {
            BigText::builder()
                .pixel_size(size)
                .style(style)
                .alignment(Alignment::Left)
                .lines(vec![Line::from(text.to_string())])
                .build()
                .render(
                    Rect {
                        height: rows,
                        ..room
                    },
                    buf,
                );
        };
        let under = Rect {
            height: limit.height.saturating_sub(1),
            ..limit
        };
        if let Some((size, rows)) = big_size(&headline, limit) {
            big(&headline, size, rows, buf);
            rows
        } else if let (Some(v), Some((size, rows))) = (&number, big_size(&f.big, under)) {
            big(&f.big, size, rows, buf);
            put(buf, room, room.x, room.y + rows, v, pal.title());
            rows + 1
        } else {
            put(buf, room, room.x, room.y, &headline, pal.title());
            1
        }
    }

    /// A number, or "?" while the class guesses.
    fn number(&self, v: Votes) -> String {
        if self.numbers {
            thousands(v)
        } else {
            "?".into()
        }
    }

    /// Thick bars in ballot-paper order, the exhausted row, and the majority line.
    fn bars(&self, bars: Rect, buf: &mut Buffer) {
        let (f, pal) = (&self.frame, &self.pal);
        let l = self.app.contest();
        let tables = self.app.contest_tables();
        let order = &tables.ballot_order;
        let rows_needed = order.len() as u16 + u16::from(f.exhausted.is_some()) + 1;
        let thick = (bars.height / rows_needed.max(1)).clamp(1, THICK_MAX);
        let name_w = tables.name_width.clamp(NAME_MIN, NAME_MAX) as u16;
        // The Count view's scale: fixed for the whole lesson, exhausted row included.
        let max = tables.bar_scale;
        // Room for the longest label, "1,310,143 WINS", and a space before it.
        let label_w = (width(&thousands(max as u64)) + " WINS".len() + 2) as u16;
        let bar_x = bars.x + GLYPH_W + name_w + 1;
        let bar_w = bars.width.saturating_sub(GLYPH_W + name_w + 1 + label_w);
        let rows = Rows {
            area: bars,
            thick,
            name_w,
            bar_x,
            bar_w,
            label_w,
            max,
        };
        let mut y = bars.y;
        for &i in order {
            if y >= bars.bottom() {
                break;
            }
            let cand = &l.contest.candidates[i];
            let state = f.states[i];
            let (glyph, style) = match state {
                State::Winner => ("✓", pal.elected()),
                State::Out => ("✗", pal.eliminated()),
                _ if f.focus == Some(i) => ("▶", pal.title()),
                _ => (" ", pal.text().add_modifier(Modifier::BOLD)),
            };
            let label = match (state, f.votes[i]) {
                (State::Hidden, _) => String::new(),
                (State::Out, _) => "out".into(),
                (_, Some(v)) if self.numbers => {
                    if state == State::Winner {
                        format!("{} WINS", thousands(v))
                    } else {
                        thousands(v)
                    }
                }
                (State::Winner, _) => "WINS".into(),
                (_, Some(_)) => "?".into(),
                (_, None) => String::new(),
            };
            let bar_style = if state == State::Out {
                pal.faded_bar()
            } else {
                pal.party(cand.colour.as_deref())
            };
            let value = f.votes[i].map(Votes::as_f64);
            let row = Row {
                glyph,
                name: &tables.names[i],
                value,
                label: &label,
                style,
                bar_style,
            };
            rows.draw(y, &row, buf);
            y += thick;
        }
        if let Some(e) = f.exhausted {
            let row = Row {
                glyph: " ",
                name: l.contest.method.words().exhausted,
                value: Some(e.as_f64()),
                label: &self.number(e),
                style: pal.dim(),
                bar_style: pal.exhausted_bar(),
            };
            rows.draw(y, &row, buf);
            y += thick;
        }
        if let Some(t) = f.threshold
            && bar_w > 0
        {
            let tx = bar_x + column(t.as_f64(), max, bar_w);
            for yy in bars.y..y.min(bars.bottom()) {
                if let Some(cell) = buf.cell_mut((tx, yy))
                    && cell.symbol() == " "
                {
                    cell.set_symbol("┃").set_style(pal.threshold());
                }
            }
            let label = format!("▲ {} = more than half", self.number(t));
            let lx = if tx + width(&label) as u16 <= bars.right() {
                tx
            } else {
                bars.right().saturating_sub(width(&label) as u16)
            };
            put(buf, bars, lx, y, &label, pal.threshold());
        }
    }
}

/// The bars' geometry.
struct Rows {
    area: Rect,
    thick: u16,
    name_w: u16,
    bar_x: u16,
    bar_w: u16,
    label_w: u16,
    max: f64,
}

/// One bar: glyph, name, bar and the label at its end.
struct Row<'a> {
    glyph: &'a str,
    name: &'a str,
    value: Option<f64>,
    label: &'a str,
    style: Style,
    bar_style: Style,
}

impl Rows {
    /// A bar `thick` rows high from row `y`, its words on the middle row.
    fn draw(&self, y: u16, row: &Row, buf: &mut Buffer) {
        let area = self.area;
        for k in 0..self.thick {
            let yy = y + k;
            if yy >= area.bottom() {
                break;
            }
            if k == self.thick / 2 {
                put(buf, area, area.x, yy, row.glyph, row.style);
                put(
                    buf,
                    area,
                    area.x + GLYPH_W,
                    yy,
                    &fit(row.name, self.name_w as usize),
                    row.style,
                );
                put(
                    buf,
                    area,
                    self.bar_x + self.bar_w + 1,
                    yy,
                    &right(row.label, self.label_w as usize - 1),
                    row.style,
                );
            }
            if let Some(v) = row.value
                && self.bar_w > 0
            {
                super::bar::draw(
                    buf,
                    area,
                    self.bar_x,
                    yy,
                    v,
                    self.max,
                    self.bar_w,
                    row.bar_style,
                );
            }
        }
    }
}
