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
//! → next  ← back  Esc leave  a all at once  n hide numbers  e explain  q quit   footer
//! ```
//!
//! Once candidates are out, those out before this beat fold into one line ("18 others
//! out") under the bars of those still in the count, so the finalists, the non-transferable
//! pile and the majority line stay on screen; whatever still does not fit scrolls (↑ ↓ PgUp
//! PgDn) behind a visible "↓ N more". With `n` every figure is hidden (bars, sentence,
//! headline) until the next key; the names stay.

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Alignment, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use super::GLYPH_W;
use super::bar::column;
use super::put;
use super::theme::Palette;
use crate::app::keys::Action;
use crate::app::{App, PresentScroll};
use crate::model::Votes;
use crate::story::explain::Explainer;
use crate::story::present::{self, Beat, State};
use crate::text::{clean, fit, right, thousands, width, wrap};

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
/// Bars are 1 to 6 rows thick, as the height allows; from 4 their figures are big text too.
const THICK_MAX: u16 = 6;
/// Big figures at the bars' ends: quadrant pixels, 4 columns and 4 rows a character.
const BIG_FIGURE: (u16, u16) = (4, 4);
/// Options without a party colour: the Okabe–Ito palette, told apart with any colour vision.
const OKABE_ITO: [&str; 7] = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
];
/// The name column's natural width.
const NAME_MIN: usize = 4;
const NAME_MAX: usize = 24;

pub struct PresentView<'a> {
    pub app: &'a App,
}

/// What every part of the slide is drawn from.
struct Slide<'a> {
    app: &'a App,
    pal: Palette,
    beat: Beat,
    frame: present::Frame,
    /// The numbers are shown (not hidden for the class to guess).
    numbers: bool,
    /// The row to start the scrolling part at; `None` keeps the focus in view.
    scroll: Option<u16>,
    /// While a transfer animates: the beat before, and how far (eased) the bars have moved
    /// from it.
    motion: Option<(present::Frame, f64)>,
}

impl Widget for PresentView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }
}

impl PresentView<'_> {
    /// Draw the slide; says how its scrolling part (bars or explainers) was drawn.
    pub fn draw(self, area: Rect, buf: &mut Buffer) -> Option<PresentScroll> {
        let app = self.app;
        let p = app.presenter().copied()?;
        let beats = &app.contest_tables().beats;
        let index = p.beat.min(beats.len().saturating_sub(1));
        let &beat = beats.get(index)?;
        let slide = Slide {
            app,
            pal: Palette::new(app.options().theme),
            beat,
            frame: present::frame(app.contest(), beat),
            numbers: !p.hidden,
            scroll: p.scroll,
            // Hidden figures never move: the bars move when they are revealed.
            motion: app
                .presenter_motion()
                .filter(|_| index > 0 && !p.hidden)
                .map(|t| (present::frame(app.contest(), beats[index - 1]), t)),
        };
        // The top line, a blank line, the slide, a blank line, the keys.
        let [top, _, body, _, footer] =
            Layout::vertical([Length(1), Length(1), Fill(1), Length(1), Length(1)]).areas(area);
        slide.top_line(top, index, beats.len(), buf);
        let esc = match (p.explain, p.from_viewer) {
            (true, _) => Some("close"),
            (false, true) => Some("leave"),
            (false, false) => None,
        };
        slide.footer(footer, esc, buf);
        let [body] = Layout::horizontal([Fill(1)])
            .horizontal_margin(MARGIN)
            .areas(body);
        if p.explain {
            let revealed = present::winner_revealed(beats, index);
            return Some(slide.explainers(body, revealed, buf));
        }
        // The explanation at the bottom, bold for the back row; the headline at the top;
        // the bars between.
        let lines = wrapped(slide.explanation(), body.width);
        let room_for_text = (body.height / 2).max(1);
        let expl_h = (lines.len() as u16).min(room_for_text);
        let [room, _, expl] = Layout::vertical([Fill(1), Length(1), Length(expl_h)]).areas(body);
        slide.explanation_lines(&lines, expl, buf);
        let big_h = slide.headline(room, buf);
        let [_, _, bars] = Layout::vertical([Length(big_h), Length(1), Fill(1)]).areas(room);
        Some(slide.bars(bars, buf))
    }
}

/// `text` wrapped to `w` columns, one string a line.
fn wrapped(text: &str, w: u16) -> Vec<String> {
    wrap(text, w.max(1) as usize, "", "")
        .lines()
        .map(str::to_string)
        .collect()
}

impl Slide<'_> {
    /// Where the lesson is: the contest, the beat's heading, and the step of how many. The
    /// beat's heading is always whole: the step, the contest's title and "PRESENTING" give
    /// way first, in that order of the last to go.
    fn top_line(&self, area: Rect, beat: usize, beats: usize, buf: &mut Buffer) {
        let title = clean(&self.app.contest().contest.title);
        let heading = if self.numbers {
            self.frame.heading.clone()
        } else {
            format!("{} · figures hidden", self.frame.heading)
        };
        let (long, short) = (
            format!("step {} of {beats}", beat + 1),
            format!("{}/{beats}", beat + 1),
        );
        let room = area.width.saturating_sub(2 * MARGIN) as usize;
        let tops = [
            (format!("PRESENTING · {title} · {heading}"), long.as_str()),
            (format!("{title} · {heading}"), long.as_str()),
            (heading.clone(), long.as_str()),
            (heading.clone(), short.as_str()),
            (heading.clone(), ""),
        ];
        let (top, step) = tops
            .iter()
            .find(|(t, s)| width(t) + 2 + width(s) <= room)
            .unwrap_or(&tops[4]);
        put(
            buf,
            area,
            area.x + MARGIN,
            area.y,
            &fit(top, room),
            self.pal.title(),
        );
        let x = area.right().saturating_sub(width(step) as u16 + MARGIN);
        put(buf, area, x, area.y, step, self.pal.dim());
    }

    /// The keys that matter here, from the key table; Esc only when it has something to
    /// close or leave, with the word for what it does now; while the figures are hidden,
    /// → reveals them. Narrow, the words get short first; then "all at once" and Esc give
    /// way; next, back, hide numbers, explain and quit always stay.
    fn footer(&self, area: Rect, esc: Option<&str>, buf: &mut Buffer) {
        let keys: Vec<(Action, &str, &str, &str)> = crate::app::keys::presenter_footer()
            .into_iter()
            .filter_map(|(a, k, w, short)| match (a, esc) {
                (Action::Close, None) => None,
                (Action::Close, Some(now)) => Some((a, k, now, now)),
                (Action::StepForward, _) if !self.numbers => Some((a, k, "reveal", "reveal")),
                (Action::HideNumbers, _) if !self.numbers => Some((a, k, "show numbers", "show")),
                _ => Some((a, k, w, short)),
            })
            .collect();
        let room = area.width.saturating_sub(MARGIN) as usize;
        let line = |keys: &[(Action, &str, &str, &str)], short: bool| {
            keys.iter()
                .map(|(_, k, w, s)| format!("{k} {}", if short { s } else { w }))
                .collect::<Vec<_>>()
                .join("  ")
        };
        let mut text = line(&keys, false);
        if width(&text) > room {
            let mut keys = keys.clone();
            text = line(&keys, true);
            for drop in [Action::RevealAll, Action::Close] {
                if width(&text) <= room {
                    break;
                }
                keys.retain(|k| k.0 != drop);
                text = line(&keys, true);
            }
        }
        put(
            buf,
            area,
            area.x + MARGIN,
            area.y,
            &fit(&text, room),
            self.pal.dim(),
        );
    }

    /// The sentence under the slide, its figures hidden while the class guesses.
    fn explanation(&self) -> &str {
        if self.numbers {
            &self.frame.explanation
        } else {
            &self.frame.explanation_hidden
        }
    }

    /// The sentence's lines; when the slide is too small for all of them, the last one
    /// shown says that there is more (never a sentence cut without a mark).
    fn explanation_lines(&self, lines: &[String], area: Rect, buf: &mut Buffer) {
        let style = self.pal.text().add_modifier(Modifier::BOLD);
        let shown = area.height as usize;
        for (k, line) in lines.iter().take(shown).enumerate() {
            let y = area.y + k as u16;
            if k + 1 == shown && lines.len() > shown {
                let more = " … (more: a bigger window)";
                let keep = (area.width as usize).saturating_sub(width(more));
                put(buf, area, area.x, y, &fit(line, keep), style);
                put(
                    buf,
                    area,
                    area.x + keep as u16,
                    y,
                    &fit(more, area.width as usize - keep),
                    self.pal.dim(),
                );
            } else {
                put(buf, area, area.x, y, line, style);
            }
        }
    }

    /// The explainers page (`e`): with the contest's own figures once the winner has been
    /// revealed, in general terms before that. Scrolls, with a visible "more".
    fn explainers(&self, body: Rect, revealed: bool, buf: &mut Buffer) -> PresentScroll {
        let pal = &self.pal;
        let title = clean(&self.app.contest().contest.title);
        let general;
        let explainers: &[Explainer] = if revealed {
            &self.app.contest_tables().explainers
        } else {
            general = present::explainers_before_the_result(self.app.contest());
            &general
        };
        let mut lines: Vec<(String, Style)> =
            vec![(format!("The voting systems, with {title}"), pal.title())];
        for e in explainers {
            lines.push((String::new(), pal.text()));
            lines.push((e.title.clone(), pal.title()));
            for l in wrapped(&e.body, body.width) {
                lines.push((l, pal.text().add_modifier(Modifier::BOLD)));
            }
        }
        let (offset, max, page) = scroll_window(lines.len(), body.height, self.scroll, None);
        for (k, (text, style)) in lines.iter().skip(offset).take(page).enumerate() {
            put(buf, body, body.x, body.y + k as u16, text, *style);
        }
        more_marker(
            buf,
            body,
            body.y + page as u16,
            offset,
            max - offset.min(max),
            pal,
        );
        PresentScroll {
            offset: offset as u16,
            max: max as u16,
            page: page as u16,
        }
    }

    /// The headline in big text: name and number together if they fit, else the name big
    /// with the number under it, else plain bold text. Returns the rows used.
    fn headline(&self, room: Rect, buf: &mut Buffer) -> u16 {
        let (f, pal) = (&self.frame, &self.pal);
        let words = if self.numbers { &f.big } else { &f.big_hidden };
        // A hidden headline that asks a question needs no "?" for its number.
        let number = f
            .big_number
            .filter(|_| self.numbers || !words.ends_with('?'))
            .map(|v| self.number(v));
        let headline = match &number {
            Some(v) => format!("{words} {v}"),
            None => words.clone(),
        };
        // Big text takes at most a third of the room.
        let limit = Rect {
            height: room.height / 3,
            ..room
        };
        // Hidden, the focus's colour would say who leads: the title's colour then.
        let style = match f
            .focus
            .filter(|_| self.beat != Beat::WhoWins && self.numbers)
        {
            Some(i) => self.colour(i).add_modifier(Modifier::BOLD),
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
        } else if let (Some(v), Some((size, rows))) = (&number, big_size(words, under)) {
            big(words, size, rows, buf);
            put(buf, room, room.x, room.y + rows, v, pal.title());
            rows + 1
        } else {
            put(
                buf,
                room,
                room.x,
                room.y,
                &fit(&headline, room.width as usize),
                pal.title(),
            );
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

    /// A candidate's colour: the party's, or else one of the Okabe–Ito colours, by the
    /// candidate's place among those without one.
    fn colour(&self, i: usize) -> Style {
        let candidates = &self.app.contest().contest.candidates;
        match candidates[i].colour.as_deref() {
            Some(c) => self.pal.party(Some(c)),
            None => {
                let k = candidates[..i]
                    .iter()
                    .filter(|c| c.colour.is_none())
                    .count();
                self.pal.party(Some(OKABE_ITO[k % OKABE_ITO.len()]))
            }
        }
    }

    /// Thick bars, the exhausted row and the majority line. Those in the count come in
    /// ballot-paper order (then, in an elimination, those going out now); those out before
    /// are one line. The candidates' rows scroll when they do not all fit.
    fn bars(&self, bars: Rect, buf: &mut Buffer) -> PresentScroll {
        let (f, pal) = (&self.frame, &self.pal);
        let l = self.app.contest();
        let tables = self.app.contest_tables();
        let order = &tables.ballot_order;
        let folded: usize = (0..f.states.len())
            .filter(|i| f.states[*i] == State::Out && !f.just_out.contains(i))
            .count();
        let list: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| f.states[i] != State::Out)
            .chain(order.iter().copied().filter(|i| f.just_out.contains(i)))
            .collect();
        let label_rows = u16::from(f.threshold.is_some());
        let rows_needed = list.len() as u16 + u16::from(f.exhausted.is_some());
        let fixed = u16::from(folded > 0) + label_rows;
        let thick = (bars.height.saturating_sub(fixed) / rows_needed.max(1)).clamp(1, THICK_MAX);
        // Names and the exhausted row's word whole, within reason.
        let name_w = tables
            .name_width
            .max(width(l.contest.method.words().exhausted))
            .clamp(NAME_MIN, NAME_MAX) as u16;
        // The Count view's scale: fixed for the whole lesson, exhausted row included.
        let max = tables.bar_scale;
        // Room for the longest label, "1,310,143 WINS", and a space before it; big when
        // the bars are thick enough for big figures and the slide wide enough.
        let longest = width(&thousands(max as u64)) + 1 + width(self.win_word());
        let big_w = longest as u16 * BIG_FIGURE.0 + 2;
        let big_figures =
            thick >= BIG_FIGURE.1 && bars.width >= GLYPH_W + name_w + 1 + big_w + bars.width / 2;
        let thick = if big_figures { thick } else { thick.min(3) };
        let label_w = if big_figures {
            big_w
        } else {
            longest as u16 + 2
        };
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
            big_figures,
        };
        // The pinned part under the list: the folded line, the exhausted row, the label.
        let pinned = u16::from(folded > 0) + u16::from(f.exhausted.is_some()) * thick + label_rows;
        let list_room = bars.height.saturating_sub(pinned);
        let focus_at = f.focus.and_then(|i| list.iter().position(|&j| j == i));
        let (offset, max_scroll, shown) =
            scroll_window(list.len(), list_room / thick.max(1), self.scroll, focus_at);
        let mut y = bars.y;
        for &i in list.iter().skip(offset).take(shown) {
            self.candidate_row(&rows, i, y, buf);
            y += thick;
        }
        let mut line_end = y;
        if shown < list.len() {
            more_marker(buf, bars, y, offset, list.len() - offset - shown, pal);
            y += 1;
        }
        if folded > 0 {
            let what = if folded == 1 {
                "1 other out".to_string()
            } else {
                format!("{folded} others out")
            };
            put(buf, bars, bars.x, y, "✗", pal.eliminated());
            put(buf, bars, bars.x + GLYPH_W, y, &what, pal.eliminated());
            y += 1;
        }
        if let Some(e) = f.exhausted {
            let value = self.length(self.moving(|p| p.exhausted, Some(e)));
            let row = Row {
                glyph: " ",
                name: l.contest.method.words().exhausted,
                value,
                label: &self.figure(value, e),
                style: pal.dim(),
                bar_style: pal.exhausted_bar(),
            };
            rows.draw(y, &row, buf);
            y += thick;
            line_end = y;
        }
        if f.threshold.is_some() && !self.numbers {
            // Hidden: no line and no ▲, whose place against the scale is a figure too.
            put(
                buf,
                bars,
                bar_x,
                y,
                &format!("? {}", line_words(self.app)),
                pal.threshold(),
            );
        } else if let Some(t) = f.threshold
            && bar_w > 0
        {
            let tx = threshold_column(t, max, bar_x, bar_w);
            for yy in bars.y..line_end.min(bars.bottom()) {
                if let Some(cell) = buf.cell_mut((tx, yy))
                    && cell.symbol() == " "
                {
                    cell.set_symbol("┃").set_style(pal.threshold());
                }
            }
            let text = format!("{} {}", self.number(t), line_words(self.app));
            majority_label(buf, bars, tx, y, &text, pal.threshold());
        }
        PresentScroll {
            offset: offset as u16,
            max: max_scroll as u16,
            page: shown as u16,
        }
    }

    /// A value on screen: where it ends, or on its way there from the beat before.
    fn moving(
        &self,
        before: impl Fn(&present::Frame) -> Option<Votes>,
        end: Option<Votes>,
    ) -> Option<f64> {
        match &self.motion {
            Some((prev, t)) => {
                let from = before(prev).map_or(0.0, Votes::as_f64);
                let to = end.map_or(0.0, Votes::as_f64);
                Some(from + (to - from) * t).filter(|_| end.is_some() || before(prev).is_some())
            }
            None => end.map(Votes::as_f64),
        }
    }

    /// A bar's length as drawn: none while the figures are hidden, since a length tells
    /// the answer as well as a number does (the names stay).
    fn length(&self, value: Option<f64>) -> Option<f64> {
        value.filter(|_| self.numbers)
    }

    /// A figure at a bar's end: exact when still, rounded on the way.
    fn figure(&self, value: Option<f64>, end: Votes) -> String {
        match (&self.motion, value) {
            (Some(_), Some(v)) if self.numbers => thousands(Votes::new(v.round() as u64)),
            _ => self.number(end),
        }
    }

    /// The word beside a winner's figure: one seat is won, several are each elected to.
    fn win_word(&self) -> &'static str {
        if self.app.contest().contest.seats > 1 {
            "ELECTED"
        } else {
            "WINS"
        }
    }

    /// One candidate's bar.
    fn candidate_row(&self, rows: &Rows, i: usize, y: u16, buf: &mut Buffer) {
        let (f, pal) = (&self.frame, &self.pal);
        let tables = self.app.contest_tables();
        let state = f.states[i];
        let (glyph, style) = match state {
            State::Winner => ("✓", pal.elected()),
            State::Out => ("✗", pal.eliminated()),
            _ if f.focus == Some(i) && self.numbers => ("▶", pal.title()),
            _ => (" ", pal.text().add_modifier(Modifier::BOLD)),
        };
        let label = match (state, f.votes[i]) {
            (State::Hidden, _) => String::new(),
            (State::Out, _) => "out".into(),
            (_, Some(v)) if self.numbers => {
                let figure = self.figure(self.moving(|p| p.votes[i], f.votes[i]), v);
                if state == State::Winner {
                    format!("{figure} {}", self.win_word())
                } else {
                    figure
                }
            }
            (State::Winner, _) => format!("? {}", self.win_word()),
            (_, Some(_)) => "?".into(),
            (_, None) => String::new(),
        };
        let bar_style = if state == State::Out {
            pal.faded_bar()
        } else {
            self.colour(i)
        };
        let row = Row {
            glyph,
            name: &tables.names[i],
            value: self.length(self.moving(|p| p.votes[i], f.votes[i])),
            label: &label,
            style,
            bar_style,
        };
        rows.draw(y, &row, buf);
    }
}

/// What the line is: more than half, a published count's threshold, or (several seats) the
/// quota.
fn line_words(app: &App) -> &'static str {
    let l = app.contest();
    if crate::story::published::multi_seat(l) {
        "= quota"
    } else if crate::story::published::published(&l.contest).is_some() {
        "to win"
    } else {
        "= more than half"
    }
}

/// The column of the majority line: the same for the line and for its ▲.
fn threshold_column(t: Votes, max: f64, bar_x: u16, bar_w: u16) -> u16 {
    bar_x + column(t.as_f64(), max, bar_w)
}

/// "▲ 931,836 = more than half", the ▲ exactly under the line at `tx`: the words to its
/// right when they fit there, else to its left.
fn majority_label(buf: &mut Buffer, area: Rect, tx: u16, y: u16, text: &str, style: Style) {
    put(buf, area, tx, y, "▲", style);
    let w = width(text) as u16;
    if tx + 2 + w <= area.right() {
        put(buf, area, tx + 2, y, text, style);
    } else {
        // `fit` pads to the width it is given: give it no more than the text needs.
        let sw = w.min(tx.saturating_sub(area.x + 1));
        put(buf, area, tx - 1 - sw, y, &fit(text, sw as usize), style);
    }
}

/// Which of `len` rows to show in `room` rows: (first, most it can scroll, how many).
/// With no scroll chosen, the focus row is kept in view; a row is kept for the marker
/// when not everything fits.
fn scroll_window(
    len: usize,
    room: u16,
    scroll: Option<u16>,
    focus: Option<usize>,
) -> (usize, usize, usize) {
    let room = room as usize;
    if len <= room {
        return (0, 0, len);
    }
    let shown = room.saturating_sub(1).max(1).min(len);
    let max = len - shown;
    let offset = match (scroll, focus) {
        (Some(s), _) => s as usize,
        (None, Some(at)) if at >= shown => at + 1 - shown,
        _ => 0,
    };
    (offset.min(max), max, shown)
}

/// "↑ 3 more · ↓ 5 more (↑ ↓ scroll)" when rows are off screen.
fn more_marker(buf: &mut Buffer, area: Rect, y: u16, above: usize, below: usize, pal: &Palette) {
    if above == 0 && below == 0 {
        return;
    }
    let mut parts = Vec::new();
    if above > 0 {
        parts.push(format!("↑ {above} more"));
    }
    if below > 0 {
        parts.push(format!("↓ {below} more"));
    }
    let text = format!("{} (↑ ↓ PgUp PgDn scroll)", parts.join(" · "));
    put(
        buf,
        area,
        area.x,
        y,
        &fit(&text, area.width as usize),
        pal.title(),
    );
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
    /// The figures at the bars' ends in big text.
    big_figures: bool,
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
        let label_x = self.bar_x + self.bar_w + 1;
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
                if !self.big_figures {
                    put(
                        buf,
                        area,
                        label_x,
                        yy,
                        &right(row.label, self.label_w as usize - 1),
                        row.style,
                    );
                }
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
        let y = y + self.thick.saturating_sub(BIG_FIGURE.1) / 2;
        if self.big_figures && y + BIG_FIGURE.1 <= area.bottom() {
            BigText::builder()
                .pixel_size(PixelSize::Quadrant)
                .style(row.style)
                .alignment(Alignment::Right)
                .lines(vec![Line::from(row.label.to_string())])
                .build()
                .render(
                    Rect {
                        x: label_x,
                        y,
                        width: self.label_w.saturating_sub(1),
                        height: BIG_FIGURE.1,
                    },
                    buf,
                );
        }
    }
}
