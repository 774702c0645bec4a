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
//! scroll (with `app.views().elections.scroll.offset()`) when the terminal is too short, and clip at any width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::bar::bar;
use super::put;
use super::theme::Palette;
use crate::app::App;
use crate::model::TurnoutBasis;
use crate::story::summary::{self, Turnout};
use crate::text::{clean, fit, right, signed_points, thousands, width};

pub struct ElectionsView<'a> {
    pub app: &'a App,
}

/// At most one cell per percentage point of a 0–60% scale: wider bars add nothing.
const MAX_BAR: u16 = 60;
/// Narrower than this a bar says too little; the figures stand alone.
const MIN_BAR: u16 = 6;
/// The turnout figure column: "45.33%", "≈42%", "unknown".
const FIGURE_W: u16 = 7;
/// The turnout basis column: "of ballot papers", "basis not stated".
const BASIS_W: u16 = 16;
/// The current-contest and highlight markers before each contest row: "› ● ".
const MARKS_W: u16 = 4;
const GAP: u16 = 2;
/// The fill of a turnout bar that is not ballot papers over electorate, or approximate.
const HATCH: char = '░';

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

impl Ctx<'_> {
    fn highlighted(&self, i: usize) -> bool {
        self.app
            .views()
            .elections
            .highlighted
            .get(i)
            .copied()
            .unwrap_or(false)
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
            fit(&self.headings[i], self.head_w as usize),
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
            .map(|h| width(h))
            .max()
            .unwrap_or(4)
            .clamp(4, 16) as u16;
        let ctx = Ctx {
            app,
            pal,
            width: area.width,
            headings,
            head_w: head_w.min((area.width / 4).max(4)),
            scale_max: across.turnout_scale,
        };

        let title = format!(
            "Turnout and shares across {} contests",
            app.contests().len()
        );
        let used = put(buf, area, area.x, area.y, &title, pal.title());
        put(
            buf,
            area,
            area.x + used,
            area.y,
            " · t: highlight this contest",
            pal.dim(),
        );

        let mut rows: Vec<Row> = vec![Vec::new()];
        rows.extend(turnout_rows(&ctx));
        rows.push(Vec::new());
        rows.extend(share_rows(&ctx));
        rows.push(Vec::new());
        rows.extend(winner_rows(&ctx));

        let body = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };
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

/// True when a turnout is the measure the solid bars show: ballot papers over electorate,
/// exactly.
fn comparable(t: &Turnout) -> bool {
    t.basis == TurnoutBasis::BallotPapers && !t.approximate
}

/// "of ballot papers", "of valid votes", "basis not stated".
fn basis_text(t: &Turnout) -> String {
    match t.basis {
        TurnoutBasis::Unstated => t.basis_label().to_string(),
        _ => format!("of {}", t.basis_label()),
    }
}

/// A bar of whole hatched cells: visibly not the same measure as the solid bars.
fn hatched(value: f64, max: f64, w: u16) -> String {
    let fraction = if max > 0.0 && value.is_finite() {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let cells = ((fraction * w as f64).round() as usize).min(w as usize);
    let mut out: String = std::iter::repeat_n(HATCH, cells).collect();
    out.extend(std::iter::repeat_n(' ', w as usize - cells));
    out
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

/// The scale line, one bar per contest, and the legend.
fn turnout_rows(ctx: &Ctx) -> Vec<Row> {
    let pal = &ctx.pal;
    let bar_x = MARKS_W + ctx.head_w + 1;
    let tail = 1 + FIGURE_W + GAP + BASIS_W;
    let mut bar_w = ctx.width.saturating_sub(bar_x + tail).min(MAX_BAR);
    if bar_w < MIN_BAR {
        bar_w = 0;
    }
    let fig_x = if bar_w > 0 { bar_x + bar_w + 1 } else { bar_x };
    let basis_x = fig_x + FIGURE_W + GAP;

    let mut rows = Vec::new();
    // The scale, above the bars.
    let mut scale = vec![piece(0, "Turnout", pal.title())];
    if bar_w > 0 {
        let top = ctx.scale_max as u16;
        let ticks: Vec<u16> = if bar_w >= 24 {
            (0..=top).step_by(20).collect()
        } else {
            vec![0, top]
        };
        for t in ticks {
            let label = format!("{t}%");
            let lw = width(&label) as u16;
            let col = (t as f64 / ctx.scale_max * bar_w as f64).round() as u16;
            let x = if t == 0 {
                0
            } else if col >= bar_w {
                bar_w.saturating_sub(lw)
            } else {
                col.saturating_sub(lw / 2)
            };
            scale.push(piece(bar_x + x, label, pal.dim()));
        }
        scale.push(piece(
            bar_x + bar_w + 2,
            format!("scale fixed at 0–{top}%"),
            pal.dim(),
        ));
    }
    rows.push(scale);

    for (i, tables) in ctx.app.tables().contests.iter().enumerate() {
        let style = ctx.row_style(i);
        let mut row = ctx.contest_label(i);
        match tables.turnout {
            Some(t) => {
                if bar_w > 0 {
                    // Highlighted rows' bars stand out; the others recede.
                    let (mut b, bar_style) = match (comparable(&t), ctx.highlighted(i)) {
                        (true, true) => (bar(t.percent, ctx.scale_max, bar_w), pal.text()),
                        (true, false) => (bar(t.percent, ctx.scale_max, bar_w), pal.dim()),
                        (false, true) => (hatched(t.percent, ctx.scale_max, bar_w), pal.dim()),
                        (false, false) => {
                            (hatched(t.percent, ctx.scale_max, bar_w), pal.faded_bar())
                        }
                    };
                    if t.percent > ctx.scale_max {
                        // Off the scale: the bar ends in an arrow.
                        b.pop();
                        b.push('▶');
                    }
                    row.push(piece(bar_x, b, bar_style));
                }
                row.push(piece(fig_x, right(&t.display(), FIGURE_W as usize), style));
                row.push(piece(basis_x, basis_text(&t), style));
            }
            None => row.push(piece(fig_x, right("unknown", FIGURE_W as usize), style)),
        }
        rows.push(row);
    }

    // The legend: what the fills and the markers mean.
    let long = [
        ("█", pal.text()),
        (" ballot papers ÷ electorate   ", pal.dim()),
        ("░", pal.dim()),
        (
            " other basis or approximate: not the same measure   ",
            pal.dim(),
        ),
        ("● highlighted (t)  › current", pal.dim()),
    ];
    let short = [
        ("█", pal.text()),
        (" ballot papers  ", pal.dim()),
        ("░", pal.dim()),
        (" other basis/approx.  ", pal.dim()),
        ("● highlighted  › current", pal.dim()),
    ];
    let long_w: usize = long.iter().map(|(s, _)| width(s)).sum();
    let legend: &[(&str, Style)] = if long_w + 2 <= ctx.width as usize {
        &long
    } else {
        &short
    };
    let mut x = 2;
    let mut row = Vec::new();
    for (s, style) in legend {
        row.push(piece(x, *s, *style));
        x = x.saturating_add(width(s) as u16);
    }
    rows.push(row);
    rows
}

/// `36.8 +23.7`: the share and the change in points from the previous contest; the share
/// alone for the first contest or when the party did not stand in the previous one.
fn share_cell(values: &[Option<f64>], i: usize) -> Option<String> {
    let v = values[i]?;
    let prev = i.checked_sub(1).and_then(|p| values[p]);
    Some(match prev {
        Some(p) => format!("{v:.1} {}", signed_points(v - p)),
        None => format!("{v:.1}"),
    })
}

/// Which contests' columns to show in `fit` columns: all when they fit; otherwise the
/// current one, then the highlighted ones nearest to it, then its other neighbours.
fn choose_columns(app: &App, fit: usize) -> Vec<usize> {
    let count = app.contests().len();
    if fit >= count {
        return (0..count).collect();
    }
    let cur = app.current().min(count.saturating_sub(1));
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&i| {
        let highlighted = app
            .views()
            .elections
            .highlighted
            .get(i)
            .copied()
            .unwrap_or(false);
        (i != cur, !highlighted, i.abs_diff(cur), i)
    });
    let mut chosen: Vec<usize> = order.into_iter().take(fit.max(1)).collect();
    chosen.sort_unstable();
    chosen
}

/// The table of first-preference shares: parties down, contests across.
fn share_rows(ctx: &Ctx) -> Vec<Row> {
    let app = ctx.app;
    let pal = &ctx.pal;
    let table = &app.tables().across.parties;
    let count = app.contests().len();

    let col_label = |i: usize| {
        let mut s = String::new();
        if i == app.current() {
            s.push('›');
        }
        if ctx.highlighted(i) {
            s.push('●');
        }
        s.push_str(&ctx.headings[i]);
        s
    };
    let cells: Vec<Vec<Option<String>>> = table
        .iter()
        .map(|p| (0..count).map(|i| share_cell(&p.values, i)).collect())
        .collect();
    let col_w = cells
        .iter()
        .flatten()
        .flatten()
        .map(|c| width(c))
        .chain((0..count).map(|i| width(&col_label(i)) + 1))
        .max()
        .unwrap_or(4)
        .max(4) as u16;
    let label_w = table
        .iter()
        .map(|p| width(&p.label()) + 2)
        .max()
        .unwrap_or(8)
        .clamp(8, 24) as u16;
    // As many columns as fit beside a party label of at least MIN_LABEL cells: a shortened
    // name costs less than a hidden year.
    const MIN_LABEL: u16 = 14;
    let fit_cols = ((ctx.width.saturating_sub(MIN_LABEL) / (col_w + GAP)) as usize).min(count);
    let label_w = label_w.min(
        ctx.width
            .saturating_sub(fit_cols as u16 * (col_w + GAP))
            .max(MIN_LABEL),
    );
    let shown = choose_columns(app, fit_cols);
    let col_x = |k: usize| label_w + GAP + k as u16 * (col_w + GAP);

    let mut rows = Vec::new();
    let mut head = vec![piece(
        0,
        first_fitting(&["Share of first prefs %", "Share %"], label_w),
        pal.title(),
    )];
    for (k, &i) in shown.iter().enumerate() {
        head.push(piece(
            col_x(k),
            right(&col_label(i), col_w as usize),
            ctx.row_style(i),
        ));
    }
    rows.push(head);

    for (p, cells) in table.iter().zip(&cells) {
        let mut row = Vec::new();
        if p.colour.is_some() {
            row.push(piece(0, "▌", pal.party(p.colour.as_deref())));
        }
        let room = label_w.saturating_sub(2) as usize;
        let label = match p.short_label() {
            Some(short) if width(&p.label()) > room => short,
            _ => p.label(),
        };
        row.push(piece(2, fit(&label, room), pal.text()));
        for (k, &i) in shown.iter().enumerate() {
            let (text, style) = match &cells[i] {
                Some(c) if ctx.highlighted(i) => (c.as_str(), pal.title()),
                Some(c) => (c.as_str(), pal.text()),
                None => ("–", pal.dim()),
            };
            row.push(piece(col_x(k), right(text, col_w as usize), style));
        }
        rows.push(row);
    }

    let note = first_fitting(
        &[
            "% of valid first preferences (valid votes under first past the post) · ± points on the previous contest · – did not stand",
            "% of valid first preferences · ± points on the previous contest · – did not stand",
            "% of valid first preferences · ± points on previous contest · – did not stand",
            "% of valid first prefs · ± points on previous contest · – did not stand",
            "± points on the previous contest · – did not stand",
        ],
        ctx.width,
    );
    let mut foot = vec![piece(0, note, pal.dim())];
    let hidden: Vec<&str> = (0..count)
        .filter(|i| !shown.contains(i))
        .map(|i| ctx.headings[i].as_str())
        .collect();
    if !hidden.is_empty() {
        let what = format!(
            "Hidden for width: {} ([ ] moves the current contest)",
            hidden.join(", ")
        );
        let at = width(note) as u16 + 3;
        if (at as usize) + width(&what) <= ctx.width as usize {
            foot.push(piece(at, what, pal.warning()));
            rows.push(foot);
        } else {
            rows.push(foot);
            rows.push(vec![piece(0, what, pal.warning())]);
        }
    } else {
        rows.push(foot);
    }
    rows
}

/// Winner, party, final-round margin and voting system per contest.
fn winner_rows(ctx: &Ctx) -> Vec<Row> {
    let app = ctx.app;
    let pal = &ctx.pal;
    let facts: Vec<(String, String, String, String)> = app
        .contests()
        .iter()
        .map(|l| {
            let (name, party) = match summary::winner(l) {
                Some(w) => (clean(&w.name).into_owned(), clean(&w.party).into_owned()),
                None => ("undecided".to_string(), String::new()),
            };
            let margin = l
                .count
                .margin()
                .map_or_else(|| "unknown".to_string(), thousands);
            let mut system = l.contest.method.system().name().to_string();
            if l.count.partial {
                system.push_str(" · partial");
            }
            (name, party, margin, system)
        })
        .collect();
    let widest = |f: fn(&(String, String, String, String)) -> &String, min: usize| {
        facts
            .iter()
            .map(|x| width(f(x)))
            .max()
            .unwrap_or(0)
            .max(min) as u16
    };
    let mut name_w = widest(|f| &f.0, 6).min(24);
    let mut party_w = widest(|f| &f.1, 5).min(20);
    let margin_w = widest(|f| &f.2, 12);
    let mut system_w = widest(|f| &f.3, 6);

    let name_x = MARKS_W + ctx.head_w + 1;
    let total = |name_w: u16, party_w: u16, system_w: u16| {
        name_x + name_w + GAP + party_w + GAP + margin_w + GAP + system_w
    };
    if total(name_w, party_w, system_w) > ctx.width {
        system_w = 0;
    }
    let excess = total(name_w, party_w, system_w).saturating_sub(ctx.width);
    let cut = excess.min(party_w.saturating_sub(6));
    party_w -= cut;
    name_w -= (excess - cut).min(name_w.saturating_sub(6));
    let party_x = name_x + name_w + GAP;
    let margin_x = party_x + party_w + GAP;
    let system_x = margin_x + margin_w + GAP;

    let mut head = vec![
        piece(0, "Result", pal.title()),
        piece(name_x, "Winner", pal.title()),
        piece(party_x, "Party", pal.title()),
        piece(
            margin_x,
            right("Final margin", margin_w as usize),
            pal.title(),
        ),
    ];
    if system_w > 0 {
        head.push(piece(system_x, "System", pal.title()));
    }
    let mut rows = vec![head];
    for (i, (name, party, margin, system)) in facts.iter().enumerate() {
        let style = ctx.row_style(i);
        let mut row = ctx.contest_label(i);
        row.push(piece(name_x, fit(name, name_w as usize), style));
        row.push(piece(party_x, fit(party, party_w as usize), style));
        row.push(piece(margin_x, right(margin, margin_w as usize), style));
        if system_w > 0 {
            row.push(piece(system_x, system.clone(), style));
        }
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Options;
    use crate::count::Counted;
    use ratatui::style::Modifier;

    fn contests() -> Vec<Counted> {
        crate::import::load_all().unwrap()
    }

    fn app_with(contests: Vec<Counted>, current: usize) -> App {
        App::new(
            contests,
            current,
            Options {
                animate: false,
                ..Default::default()
            },
        )
    }

    fn render(app: &App, w: u16, h: u16) -> Buffer {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        ElectionsView { app }.render(area, &mut buf);
        buf
    }

    fn lines(buf: &Buffer) -> Vec<String> {
        let a = buf.area;
        (a.top()..a.bottom())
            .map(|y| {
                (a.left()..a.right())
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect()
    }

    /// The turnout row for `year`: the first row after the scale line that names it.
    fn turnout_row(lines: &[String], year: &str) -> usize {
        let scale = lines
            .iter()
            .position(|l| l.starts_with("Turnout"))
            .expect("a scale line");
        scale
            + 1
            + lines[scale + 1..]
                .iter()
                .position(|l| l.contains(&format!(" {year} ")))
                .unwrap_or_else(|| panic!("no turnout row for {year}:\n{}", lines.join("\n")))
    }

    const BAR_CHARS: &str = "█▉▊▋▌▍▎▏░▶";

    #[test]
    fn highlighted_years_are_marked_and_bold() {
        let app = app_with(contests(), 1);
        let buf = render(&app, 110, 36);
        let ls = lines(&buf);
        for year in ["2004", "2008", "2012"] {
            let y = turnout_row(&ls, year);
            let x = ls[y].chars().position(|c| c == '●').expect("a ● marker");
            let cell = &buf[(x as u16, y as u16)];
            assert!(cell.modifier.contains(Modifier::BOLD), "{year} marker");
            let hx = ls[y].find(year).unwrap();
            let hx = ls[y][..hx].chars().count() as u16;
            assert!(buf[(hx, y as u16)].modifier.contains(Modifier::BOLD));
        }
        for year in ["2000", "2016", "2021", "2024"] {
            let y = turnout_row(&ls, year);
            assert!(ls[y].contains('○'), "{year} is not highlighted: {}", ls[y]);
            assert!(!ls[y].contains('●'));
        }
        let y = turnout_row(&ls, "2004");
        assert!(ls[y].starts_with('›'), "2004 is current: {}", ls[y]);
    }

    #[test]
    fn turnout_figures_say_their_basis() {
        let app = app_with(contests(), 1);
        let ls = lines(&render(&app, 110, 36));
        let y2008 = turnout_row(&ls, "2008");
        assert!(ls[y2008].contains("45.33%"), "{}", ls[y2008]);
        assert!(ls[y2008].contains('█') && !ls[y2008].contains('░'));
        let y2012 = turnout_row(&ls, "2012");
        assert!(ls[y2012].contains("38.1%"));
        assert!(ls[y2012].contains("of valid votes"), "{}", ls[y2012]);
        assert!(
            ls[y2012].contains('░') && !ls[y2012].contains('█'),
            "hatched"
        );
        let y2021 = turnout_row(&ls, "2021");
        assert!(ls[y2021].contains("≈42%"), "{}", ls[y2021]);
        assert!(ls[y2021].contains("basis not stated"));
        assert!(ls[y2021].contains('░'));
        let text = ls.join("\n");
        assert!(text.contains("scale fixed at 0–60%"));
        assert!(text.contains("Turnout and shares across 7 contests · t: highlight this contest"));
    }

    #[test]
    fn unknown_turnout_draws_no_bar() {
        let mut all = contests();
        let mut blank = all[2].clone();
        blank.contest.turnout = None;
        blank.contest.electorate = None;
        all[2] = blank;
        let app = app_with(all, 1);
        let ls = lines(&render(&app, 110, 36));
        let y = turnout_row(&ls, "2008");
        assert!(ls[y].contains("unknown"), "{}", ls[y]);
        assert!(
            !ls[y].chars().any(|c| BAR_CHARS.contains(c)),
            "no bar: {}",
            ls[y]
        );
    }

    #[test]
    fn shares_by_year_with_change_in_points() {
        let app = app_with(contests(), 1);
        // Tall enough for all 18 parties over 1% (as `tally compare` shows them) and the
        // winners below.
        let ls = lines(&render(&app, 110, 50));
        let labour = ls
            .iter()
            .find(|l| l.contains("Labour") && !l.contains("Livingstone"))
            .unwrap();
        assert!(labour.contains("36.8 +23.7"), "{labour}");
        let text = ls.join("\n");
        assert!(text.contains("Others ("));
        assert!(text.contains("–"), "did not stand");
        // Winners and margins.
        assert!(text.contains("Ken Livingstone") && text.contains("161,202"));
        assert!(text.contains("First past the post"));
    }

    #[test]
    fn narrow_tables_keep_the_current_and_highlighted_contests() {
        let app = app_with(contests(), 5); // 2021
        let ls = lines(&render(&app, 60, 40));
        let text = ls.join("\n");
        assert!(text.contains("Hidden for width"), "{text}");
        let head = ls.iter().find(|l| l.starts_with("Share")).unwrap();
        assert!(head.contains("›2021"), "the current contest: {head}");
        assert!(
            head.contains("●2012"),
            "the nearest highlighted one: {head}"
        );
        let note = ls.iter().find(|l| l.contains("Hidden")).unwrap();
        assert!(note.contains("2004") && !note.contains("2021"), "{note}");
    }

    #[test]
    fn short_screens_scroll() {
        let mut app = app_with(contests(), 1);
        let ls = lines(&render(&app, 100, 12));
        assert!(ls[11].contains("more (j/↓)"), "{}", ls[11]);
        let max = ElectionsView { app: &app }.draw(
            Rect::new(0, 0, 100, 12),
            &mut Buffer::empty(Rect::new(0, 0, 100, 12)),
        );
        crate::ui::testing::scroll_down(&mut app, crate::app::View::Elections, max, 200);
        let ls = lines(&render(&app, 100, 12));
        assert!(ls[11].contains("scrolled"));
        assert!(ls.iter().any(|l| l.contains("Sadiq Khan")), "the end shows");
    }

    #[test]
    fn never_panics_at_any_size() {
        let apps = [
            app_with(contests(), 1),
            app_with(contests().into_iter().take(1).collect(), 0),
        ];
        for app in &apps {
            for w in (1..=160).step_by(3) {
                for h in (1..=50).step_by(2) {
                    render(app, w, h);
                }
            }
            // And in an area that does not start at the origin.
            let area = Rect::new(5, 3, 50, 20);
            let mut buf = Buffer::empty(Rect::new(0, 0, 60, 30));
            ElectionsView { app }.render(area, &mut buf);
        }
    }
}
