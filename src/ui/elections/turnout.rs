//! The Elections view's turnout section: a scale line, one bar per contest on that one
//! fixed scale, and a legend. A turnout on another basis, or approximate, is hatched; an
//! unknown one draws no bar.

use ratatui::style::Style;

use super::{Ctx, GAP, MARKS_W, Row, piece};
use crate::model::TurnoutBasis;
use crate::story::summary::Turnout;
use crate::text::{right, width};
use crate::ui::bar::bar;

/// At most one cell per percentage point of a 0–60% scale: wider bars add nothing.
const MAX_BAR: u16 = 60;
/// Narrower than this a bar says too little; the figures stand alone.
const MIN_BAR: u16 = 6;
/// The turnout figure column: "45.33%", "≈42%", "unknown".
const FIGURE_W: u16 = 7;
/// The turnout basis column: "of ballot papers", "basis not stated".
const BASIS_W: u16 = 16;
/// The fill of a turnout bar that is not ballot papers over electorate, or approximate.
const HATCH: char = '░';
/// Ticks on the scale every this many percent, when the bars are wide enough to show them.
const TICK: usize = 20;
/// Bars narrower than this show only the two ends of the scale.
const TICKS_MIN_BAR: u16 = 24;

/// The scale line, one bar per contest, and the legend.
pub(super) fn turnout_rows(ctx: &Ctx) -> Vec<Row> {
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
        let ticks: Vec<u16> = if bar_w >= TICKS_MIN_BAR {
            (0..=top).step_by(TICK).collect()
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
    // A narrow view breaks the legend between its items rather than cutting the last.
    let mut x = 2;
    let mut row = Vec::new();
    for (s, style) in legend {
        let w = width(s.trim_end()) as u16;
        if x > 2 && x + w > ctx.width && !row.is_empty() {
            rows.push(std::mem::take(&mut row));
            x = 2;
        }
        row.push(piece(x, *s, *style));
        x = x.saturating_add(width(s) as u16);
    }
    rows.push(row);
    rows
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
