//! Presenter mode's screen, for a projector at the back of a lecture room: the beat's
//! headline in big text, thick bars, few elements, and the teacher-ready explanation in
//! bold. It scales from 80×24 up to full-screen 4K terminals by choosing the big-text size
//! and the bar thickness from the space there is.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tui_big_text::{BigText, PixelSize};

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

/// Ballot-paper order: alphabetical by surname (the last word of the name), so the layout
/// gives nothing away before the votes are revealed.
fn ballot_order(app: &App) -> Vec<usize> {
    let c = &app.contest().contest;
    let mut order: Vec<usize> = (0..c.candidates.len()).collect();
    let key = |i: usize| {
        let name = c.candidates[i].name.to_lowercase();
        let surname = name.split_whitespace().last().unwrap_or("").to_string();
        (surname, name)
    };
    order.sort_by_key(|&i| key(i));
    order
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

impl Widget for PresentView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let pal = Palette::new(app.options().theme);
        let l = app.contest();
        let Some(p) = app.presenter().copied() else {
            return;
        };
        let beats = &app.contest_tables().beats;
        let Some(&beat) = beats.get(p.beat).or(beats.last()) else {
            return;
        };
        let f = present::frame(l, beat);
        let numbers = !p.hide_numbers || p.numbers_shown;

        // Top line: where we are.
        let top = format!("PRESENTING · {} · {}", clean(&l.contest.title), f.heading);
        put(
            buf,
            area,
            area.x + 1,
            area.y,
            &fit(&top, area.width.saturating_sub(16) as usize),
            pal.title(),
        );
        let step = format!("step {} of {}", p.beat + 1, beats.len());
        put(
            buf,
            area,
            area.right().saturating_sub(width(&step) as u16 + 1),
            area.y,
            &step,
            pal.dim(),
        );

        // Footer: the keys that matter here, from the key table.
        let keys: Vec<String> = crate::app::keys::presenter_footer()
            .iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect();
        put(
            buf,
            area,
            area.x + 1,
            area.bottom() - 1,
            &keys.join("  "),
            pal.dim(),
        );

        let body = Rect {
            x: area.x + 1,
            y: area.y + 2,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(4),
        };
        if p.explain {
            let mut lines = vec![Line::styled(
                format!("The voting systems, with {}", clean(&l.contest.title)),
                pal.title(),
            )];
            for e in &app.contest_tables().explainers {
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
            return;
        }

        // The explanation at the bottom, bold for the back row.
        let expl_h = (crate::text::wrap(&f.explanation, body.width.max(1) as usize, "", "")
            .lines()
            .count() as u16)
            .min(5)
            .min(body.height / 3);
        let expl = Rect {
            y: body.bottom().saturating_sub(expl_h),
            height: expl_h,
            ..body
        };
        Paragraph::new(f.explanation.clone())
            .style(pal.text().add_modifier(Modifier::BOLD))
            .wrap(Wrap { trim: true })
            .render(expl, buf);

        // The headline in big text: name and number together if they fit, else the name
        // big with the number under it, else plain bold text.
        let number = f
            .big_number
            .map(|v| if numbers { thousands(v) } else { "?".into() });
        let headline = match &number {
            Some(v) => format!("{} {v}", f.big),
            None => f.big.clone(),
        };
        let room = Rect {
            height: body.height.saturating_sub(expl_h + 1),
            ..body
        };
        let limit = Rect {
            height: room.height / 3,
            ..room
        };
        let style = match f.focus.filter(|_| beat != Beat::WhoWins) {
            Some(i) => pal
                .party(l.contest.candidates[i].colour.as_deref())
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
        let big_h = if let Some((size, rows)) = big_size(&headline, limit) {
            big(&headline, size, rows, buf);
            rows
        } else if let (Some(v), Some((size, rows))) = (
            &number,
            big_size(
                &f.big,
                Rect {
                    height: limit.height.saturating_sub(1),
                    ..limit
                },
            ),
        ) {
            big(&f.big, size, rows, buf);
            put(buf, room, room.x, room.y + rows, v, pal.title());
            rows + 1
        } else {
            put(buf, room, room.x, room.y, &headline, pal.title());
            1
        };

        // Thick bars, ballot-paper order.
        let bars = Rect {
            y: room.y + big_h + 1,
            height: room.height.saturating_sub(big_h + 1),
            ..room
        };
        let order = ballot_order(app);
        let rows_needed = order.len() as u16 + u16::from(f.exhausted.is_some()) + 1;
        let thick = (bars.height / rows_needed.max(1)).clamp(1, 3);
        let name_w = l
            .contest
            .candidates
            .iter()
            .map(|c| width(&clean(&c.name)))
            .max()
            .unwrap_or(4)
            .clamp(4, 24) as u16;
        // The Count view's scale: fixed for the whole lesson, exhausted row included.
        let max = super::count::scale(&l.count);
        // Room for the longest label, "1,310,143 WINS", and a space before it.
        let label_w = (width(&thousands(max as u64)) + " WINS".len() + 2) as u16;
        let bar_x = bars.x + 2 + name_w + 1;
        let bar_w = bars.width.saturating_sub(2 + name_w + 1 + label_w);
        let mut y = bars.y;
        let row = |y: u16,
                   glyph: &str,
                   name: &str,
                   value: Option<f64>,
                   label: &str,
                   style: ratatui::style::Style,
                   bar_style: ratatui::style::Style,
                   buf: &mut Buffer| {
            for k in 0..thick {
                let yy = y + k;
                if yy >= bars.bottom() {
                    break;
                }
                if k == thick / 2 {
                    put(buf, bars, bars.x, yy, glyph, style);
                    put(
                        buf,
                        bars,
                        bars.x + 2,
                        yy,
                        &fit(name, name_w as usize),
                        style,
                    );
                    put(
                        buf,
                        bars,
                        bar_x + bar_w + 1,
                        yy,
                        &right(label, label_w as usize - 1),
                        style,
                    );
                }
                if let Some(v) = value
                    && bar_w > 0
                {
                    super::bar::draw(buf, bars, bar_x, yy, v, max, bar_w, bar_style);
                }
            }
        };
        for &i in &order {
            if y >= bars.bottom() {
                break;
            }
            let cand = &l.contest.candidates[i];
            let name = clean(&cand.name);
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
                (_, Some(v)) if numbers => {
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
            row(y, glyph, &name, value, &label, style, bar_style, buf);
            y += thick;
        }
        if let Some(e) = f.exhausted {
            let label = if numbers { thousands(e) } else { "?".into() };
            row(
                y,
                " ",
                l.contest.method.words().exhausted,
                Some(e.as_f64()),
                &label,
                pal.dim(),
                pal.exhausted_bar(),
                buf,
            );
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
            let label = format!(
                "▲ {} = more than half",
                if numbers { thousands(t) } else { "?".into() }
            );
            let lx = if tx + width(&label) as u16 <= bars.right() {
                tx
            } else {
                bars.right().saturating_sub(width(&label) as u16)
            };
            put(buf, bars, lx, y, &label, pal.threshold());
        }
    }
}
