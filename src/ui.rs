//! Drawing the viewer: the frame around every view (tabs, header, footer) and one module
//! per view. Views are widgets drawn from `App`; they never change state and never do I/O.
//! Every string from a dataset goes through `text::clean` before it is drawn. Drawing
//! returns the `Geometry` the app needs for the next key (tab columns, scroll limits).
//!
//! ```text
//!  1 Count   2 Shares   3 Elections   4 Areas   ? Help              [ 2/7 ]   tabs
//!  Mayor of London 2004 · Thursday 10 June 2004 · Supplementary Vote           header
//!  Round 1 of 2: first preferences
//!  ● LIVE  PROVISIONAL  7 of 14 areas declared · updated 23:41:07, …          live.rs
//!
//!  ✓ Ken Livingstone   ███████████████████████▊         685,541  36.8%         the view:
//!  …                                                                           count.rs,
//!                                                                              shares.rs, …
//!  ← → step  Space play  [ ] contest  Tab view  P present  ? help  q quit      footer
//! ```
//!
//! Presenter mode (`present.rs`) draws the whole screen its own way.

pub mod areas;
pub mod bar;
pub mod count;
pub mod elections;
pub mod help;
pub mod live;
pub mod present;
#[cfg(test)]
mod published_tests;
pub mod shares;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::{App, Geometry, View};
use crate::story::words::{long_date, round_title};
use crate::text::{clean, width};
use theme::Palette;

/// Below this the viewer shows only a short message.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// The marker column before a candidate's name: "✓ ", "✗ ", "▶ ".
pub const GLYPH_W: u16 = 2;
/// The contest's title line and the round's.
const HEADER_H: u16 = 2;
/// The Count view lists the areas still out under the bars when it has more rows than
/// this, in at most `OUTSTANDING_MAX` lines.
const OUTSTANDING_FROM: u16 = 12;
const OUTSTANDING_MAX: u16 = 4;

/// The whole screen.
pub struct Screen<'a> {
    pub app: &'a App,
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }
}

impl Screen<'_> {
    /// Draw the screen and say what the app needs to know about it for the next key: where
    /// the tabs are and how far the view drawn can scroll (sent back as `Msg::Drawn`).
    pub fn draw(&self, area: Rect, buf: &mut Buffer) -> Geometry {
        let app = self.app;
        let pal = Palette::new(app.options().theme);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf, &pal);
            return Geometry::default();
        }
        if app.presenter().is_some() && !app.contests().is_empty() {
            let present = present::PresentView { app }.draw(area, buf);
            return Geometry {
                present,
                ..Geometry::default()
            };
        }
        let live_lines = live::status_lines(app, &pal, area.width.saturating_sub(2));
        let live_h = live_lines.len() as u16;
        // The frame: tabs, the contest's header, live status lines when following a file, a
        // blank line, the view, and the keys.
        let [tabs_row, header_rows, live_rows, _, body, footer_row] = Layout::vertical([
            Length(1),
            Length(HEADER_H),
            Length(live_h),
            Length(1),
            Fill(1),
            Length(1),
        ])
        .areas(area);
        let tabs = tabs(app, tabs_row, buf, &pal);
        if app.contests().is_empty() {
            waiting(app, area, live_lines, buf, &pal);
            footer(app, footer_row, buf, &pal);
            return Geometry {
                tabs,
                ..Geometry::default()
            };
        }
        header(app, header_rows, buf, &pal);
        let [live_rows] = Layout::horizontal([Fill(1)])
            .horizontal_margin(1)
            .areas(live_rows);
        ratatui::widgets::Paragraph::new(live_lines).render(live_rows, buf);
        let [mut body] = Layout::horizontal([Fill(1)])
            .horizontal_margin(1)
            .areas(body);
        // Live and partial: the areas still out, under the bars.
        if app.view() == View::Count && body.height > OUTSTANDING_FROM {
            let outstanding = live::Outstanding { app };
            if let Some((_, h)) = outstanding.fitting(body.width, OUTSTANDING_MAX) {
                let [rest, _, rect] = Layout::vertical([Fill(1), Length(1), Length(h)]).areas(body);
                outstanding.render(rect, buf);
                body = rest;
            }
        }
        let view = app.view();
        let scroll = match view {
            View::Count => Some(count::CountView { app }.draw(body, buf)),
            View::Shares => Some(shares::SharesView { app }.draw(body, buf)),
            View::Elections => Some(elections::ElectionsView { app }.draw(body, buf)),
            View::Areas => {
                areas::AreasView { app }.render(body, buf);
                None
            }
            View::Help => Some(help::HelpView { app }.draw(body, buf)),
        };
        footer(app, footer_row, buf, &pal);
        Geometry {
            tabs,
            scroll: scroll.map(|max| (view, max)),
            page: body.height,
            present: None,
        }
    }
}

/// Where each tab goes on the top row: (view, first column, last column + 1).
pub fn tab_spans() -> Vec<(View, u16, u16)> {
    let mut x = 1u16;
    View::ALL
        .iter()
        .map(|&v| {
            let w = width(v.tab()) as u16 + 2;
            let span = (v, x, x + w);
            x += w + 1;
            span
        })
        .collect()
}

/// Following a file that has not yet had a good version.
fn waiting(app: &App, area: Rect, live_lines: Vec<Line<'static>>, buf: &mut Buffer, pal: &Palette) {
    let source = app
        .live_state()
        .map(|l| clean(&l.source).into_owned())
        .unwrap_or_default();
    let mut lines = live_lines;
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("Waiting for {source}: nothing valid to show yet."),
        pal.title(),
    ));
    lines.push(Line::styled(
        "The screen fills in as soon as a good version of the file arrives; q quits.",
        pal.dim(),
    ));
    let rect = Rect {
        x: area.x + 1,
        y: area.y + 2,
        width: area.width - 2,
        height: area.height - 3,
    };
    ratatui::widgets::Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .render(rect, buf);
}

fn too_small(area: Rect, buf: &mut Buffer, pal: &Palette) {
    let lines = [
        format!("Terminal too small ({}×{}).", area.width, area.height),
        format!("tally needs {MIN_WIDTH}×{MIN_HEIGHT}. q quits."),
    ];
    for (i, l) in lines.iter().enumerate() {
        let y = area.y + i as u16;
        if y < area.bottom() {
            buf.set_stringn(area.x, y, l, area.width as usize, pal.warning());
        }
    }
}

/// Draw the tabs; returns the ones that fitted, for clicks.
fn tabs(app: &App, area: Rect, buf: &mut Buffer, pal: &Palette) -> Vec<(View, u16, u16)> {
    let mut drawn = Vec::new();
    for (v, x, end) in tab_spans() {
        if end > area.width {
            break;
        }
        drawn.push((v, area.x + x, area.x + end));
        let style = if v == app.view() {
            pal.selected_tab()
        } else {
            pal.dim()
        };
        buf.set_stringn(
            area.x + x,
            area.y,
            format!(" {} ", v.tab()),
            (end - x) as usize,
            style,
        );
    }
    // Which contest of how many, at the right.
    if app.contests().is_empty() {
        return drawn;
    }
    let label = format!("[ {}/{} ]", app.current() + 1, app.contests().len());
    let lw = width(&label) as u16;
    let last_tab = tab_spans().last().map_or(0, |t| t.2);
    if area.width > last_tab + lw + 2 {
        buf.set_string(area.right() - lw - 1, area.y, label, pal.dim());
    }
    drawn
}

fn header(app: &App, area: Rect, buf: &mut Buffer, pal: &Palette) {
    let l = app.contest();
    let c = &l.contest;
    let shown = app.shown();
    let title = clean(&c.title).into_owned();
    let partial = if l.count.partial { "  PARTIAL" } else { "" };
    // Said shorter rather than cut: the date without its weekday, then without the date.
    let system = c.method.system().name();
    // A count another tabulator published is shown as published, never recounted: said so;
    // one tally counted from ballots says that instead.
    let full = if crate::story::published::published(c).is_some() {
        let seats = if crate::story::published::multi_seat(l) {
            format!(", {} seats", c.seats.max(1))
        } else {
            String::new()
        };
        format!("{system}{seats}{}", crate::story::published::basis(c).title)
    } else {
        system.to_string()
    };
    let room = area.width.saturating_sub(2) as usize;
    let about = [
        format!(" · {} · {full}", long_date(c)),
        format!(
            " · {} · {full}",
            c.date
                .map_or(crate::story::words::NO_DATE.to_string(), |d| d
                    .format("%-d %b %Y")
                    .to_string())
        ),
        format!(" · {full}"),
        format!(" · {system}"),
        String::new(),
    ]
    .into_iter()
    .find(|a| width(&title) + width(a) + width(partial) <= room)
    .unwrap_or_default();
    let mut first = vec![
        Span::styled(title, pal.title()),
        Span::styled(about, pal.dim()),
    ];
    if l.count.partial {
        first.push(Span::styled(partial, pal.warning()));
    }
    Line::from(first).render(
        Rect {
            height: 1,
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            ..area
        },
        buf,
    );
    let round = &l.count.rounds[shown.round];
    let state = if app.is_paused() {
        "  ‖ paused (Space resumes)"
    } else if app.is_playing() {
        "  ▶ playing"
    } else if shown.progress.is_some() {
        "  ▸ counting"
    } else {
        ""
    };
    let animation = if app.options().animate {
        ""
    } else {
        "  (animation off)"
    };
    let room =
        (area.width.saturating_sub(2) as usize).saturating_sub(width(state) + width(animation));
    let title = shorten_at_word(&round_title(c, &l.count, round), room);
    let mut second = vec![Span::styled(title, pal.title())];
    second.push(Span::styled(state, pal.dim()));
    if !animation.is_empty() {
        second.push(Span::styled(animation, pal.dim()));
    }
    Line::from(second).render(
        Rect {
            y: area.y + 1,
            height: 1,
            x: area.x + 1,
            width: area.width.saturating_sub(2),
        },
        buf,
    );
}

/// `s` within `w` cells: whole as it is, or cut at a word boundary with "…" (a round's
/// title naming many candidates must not end mid-name).
fn shorten_at_word(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    for word in s.split_whitespace() {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if width(&next) + 1 > w {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        return crate::text::fit(s, w).trim_end().to_string();
    }
    let out = out.trim_end_matches([',', ';', ':']);
    format!("{out}…")
}

/// The keys, from the key table, and at the right a passing notice ("speed 2×"), which
/// takes the place of the last keys when the row is short.
fn footer(app: &App, area: Rect, buf: &mut Buffer, pal: &Palette) {
    let notice = app.notice().map(|n| (n, width(n) as u16 + 2));
    let right = match notice {
        Some((_, w)) if w + 1 < area.width => area.right() - w,
        _ => area.right(),
    };
    let items = crate::app::keys::footer(app.space_pauses(), app.is_paused());
    let item_w = |(keys, what): &(&str, &str)| (width(keys) + 1 + width(what) + 2) as u16;
    // When not every item fits, stepping, help and quit stay (a newcomer can always find
    // the rest in help) and the others go, last first; those kept are drawn in table order.
    let essential = |what: &str| matches!(what, "step" | "help" | "quit");
    let mut room = right.saturating_sub(area.x + 1);
    let mut keep = vec![false; items.len()];
    let by_priority = (0..items.len())
        .filter(|&k| essential(items[k].1))
        .chain((0..items.len()).filter(|&k| !essential(items[k].1)));
    for k in by_priority {
        let w = item_w(&items[k]);
        if w <= room {
            keep[k] = true;
            room -= w;
        } else if !essential(items[k].1) {
            break;
        }
    }
    let mut x = area.x + 1;
    for (keys, what) in items
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(i, _)| *i)
    {
        let item_w = item_w(&(keys, what));
        buf.set_string(x, area.y, keys, pal.title());
        buf.set_string(x + width(keys) as u16 + 1, area.y, what, pal.dim());
        x += item_w;
    }
    if let Some((text, w)) = notice
        && w + 1 < area.width
    {
        put(buf, area, area.right() - w + 1, area.y, text, pal.warning());
    }
}

/// The hint at the right end of row `y` that a list scrolls: how many rows are below, or
/// that it has been scrolled to the end.
pub fn scroll_hint(buf: &mut Buffer, area: Rect, y: u16, more: u16, pal: &Palette) {
    let hint = if more > 0 {
        format!("↓ {more} more (j/↓)")
    } else {
        "↑ scrolled (k/↑)".to_string()
    };
    let x = area.right().saturating_sub(width(&hint) as u16).max(area.x);
    put(buf, area, x, y, &hint, pal.dim());
}

/// Draw `segments` from (area.x, y) on, starting a new line whenever the next segment does
/// not fit on the current one (a segment longer than a line is clipped). When no line is
/// left, a segment that does not fit is left out, never cut mid-word. Returns the lines
/// used. Views use it for titles whose parts should break between phrases, not mid-word.
pub fn flow(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    segments: &[(String, Style)],
    max_lines: u16,
) -> u16 {
    if area.is_empty() || max_lines == 0 {
        return 0;
    }
    let mut line = 0u16;
    let mut x = area.x;
    for (i, (text, style)) in segments.iter().enumerate() {
        let mut text = text.as_str();
        let w = width(text) as u16;
        if i > 0 && x + w > area.right() {
            if line + 1 >= max_lines {
                // No line left: leave this part out rather than cut it mid-word.
                continue;
            }
            line += 1;
            x = area.x;
            text = text.trim_start_matches([' ', '·']);
        }
        x += put(buf, area, x, y + line, text, *style);
    }
    line + 1
}

/// Write `text` at (x, y) within `area`, clipped; returns the columns used.
pub fn put(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    text: &str,
    style: ratatui::style::Style,
) -> u16 {
    if y < area.y || y >= area.bottom() || x >= area.right() || x < area.x {
        return 0;
    }
    let room = (area.right() - x) as usize;
    // Printable ASCII, Latin-1 letters and tally's own symbols are one cell a character:
    // write them straight in. Anything else goes through ratatui, which measures graphemes
    // (and never writes control characters).
    if text.chars().all(crate::text::is_simple) {
        let mut used = 0;
        for c in text.chars().take(room) {
            buf[(x + used, y)].set_char(c).set_style(style);
            used += 1;
        }
        return used;
    }
    let (end, _) = buf.set_stringn(x, y, text, room, style);
    end - x
}

/// Write a line of styled spans at (x, y) within `area`, clipped.
pub fn put_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line) {
    let mut x = area.x;
    for span in &line.spans {
        x += put(buf, area, x, y, &span.content, line.style.patch(span.style));
    }
}

/// Helpers for the views' unit tests: an app on the embedded contests, and a widget drawn
/// into a buffer and read back as rows of text.
#[cfg(test)]
pub(crate) mod testing {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    use crate::app::keys::Key;
    use crate::app::{App, Geometry, Msg, Options, View, update};
    use crate::count::Counted;

    /// A viewer on every embedded contest, at `index`, with animation off.
    pub fn app(index: usize) -> App {
        app_on(crate::import::load_all().unwrap(), index)
    }

    /// A viewer on `contests`, at `index`, with animation off.
    pub fn app_on(contests: Vec<Counted>, index: usize) -> App {
        App::new(
            contests,
            index,
            Options {
                animate: false,
                ..Options::default()
            },
        )
    }

    /// Press `key` `times` times.
    pub fn press(app: &mut App, key: Key, times: usize) {
        for _ in 0..times {
            update(app, Msg::Key(key));
        }
    }

    /// Open `view`, tell the app it was drawn able to scroll `max` rows (as the screen
    /// does), and press ↓ `times` times.
    pub fn scroll_down(app: &mut App, view: View, max: u16, times: usize) {
        update(app, Msg::Show(view));
        update(
            app,
            Msg::Drawn(Geometry {
                scroll: Some((view, max)),
                ..Geometry::default()
            }),
        );
        press(app, Key::Down, times);
    }

    pub fn buffer(widget: impl Widget, w: u16, h: u16) -> Buffer {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        widget.render(area, &mut buf);
        buf
    }

    pub fn rows(buf: &Buffer) -> Vec<String> {
        let (w, h) = (buf.area.width, buf.area.height);
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect()
    }
}
