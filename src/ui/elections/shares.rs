//! The Elections view's party table: parties down, contests across, each share with its
//! change from the contest before. The table is `summary::party_table`, the one `tally
//! compare` prints. When not every contest fits, a window of neighbouring columns around
//! the current one is shown, the hidden contests are named above the table, and a change
//! that is not on the column to its left (the window's first column, or contests opened out
//! of date order) says which contest it is on.

use super::{Ctx, GAP, Row, first_fitting, piece};
use crate::story::summary::PartyRow;
use crate::text::{fit, right, signed_points, width};

/// The party column's widest: long names ("Christian Peoples Alliance") whole on a wide
/// screen; narrower screens shorten them before they hide a contest.
const LABEL_MAX: usize = 70;

/// `36.8 +23.7`: the share and the change in points from the previous contest
/// (`PartyRow::change`); the share alone for the first contest, when the party did not stand
/// in the previous one, and for an independent or "Others", which have no change.
fn share_cell(row: &PartyRow, i: usize) -> Option<String> {
    let v = row.values[i]?;
    Some(match row.change(i) {
        Some(change) => format!("{v:.1} {}", signed_points(change)),
        None => format!("{v:.1}"),
    })
}

/// Which contests' columns to show in `fit` columns: all when they fit; otherwise a
/// window of neighbouring columns around the current contest (as nearly centred on it as
/// the ends allow), so that no contest is skipped between two shown columns and `[ ]`
/// slides the window.
pub(super) fn choose_columns(count: usize, cur: usize, fit: usize) -> Vec<usize> {
    if fit >= count {
        return (0..count).collect();
    }
    let fit = fit.max(1);
    let cur = cur.min(count.saturating_sub(1));
    let start = cur.saturating_sub((fit - 1) / 2).min(count - fit);
    (start..start + fit).collect()
}

/// The shown columns whose change is not on the column to their left: "2008 on 2004 (not
/// shown)" when the window starts after the first contest, or "2016 on 2021" when the
/// contests were opened out of date order. Empty when every change reads left to right.
fn changes_not_on_the_left(
    shown: &[usize],
    previous: &[Option<usize>],
    headings: &[String],
) -> Vec<String> {
    shown
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| {
            let p = (*previous.get(i)?)?;
            let left = k.checked_sub(1).map(|k| shown[k]);
            (left != Some(p)).then(|| {
                let hidden = if shown.contains(&p) {
                    ""
                } else {
                    " (not shown)"
                };
                format!("{} on {}{hidden}", headings[i], headings[p])
            })
        })
        .collect()
}

/// The table of first-preference shares: parties down (`table`'s rows), contests across.
pub(super) fn share_rows(ctx: &Ctx, table: &[PartyRow]) -> Vec<Row> {
    let app = ctx.app;
    let pal = &ctx.pal;
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
        .map(|p| (0..count).map(|i| share_cell(p, i)).collect())
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
        .clamp(8, LABEL_MAX) as u16;
    // As many columns as fit beside a party label of at least MIN_LABEL cells: a shortened
    // name costs less than a hidden year.
    const MIN_LABEL: u16 = 14;
    let fit_cols = ((ctx.width.saturating_sub(MIN_LABEL) / (col_w + GAP)) as usize).min(count);
    let label_w = label_w.min(
        ctx.width
            .saturating_sub(fit_cols as u16 * (col_w + GAP))
            .max(MIN_LABEL),
    );
    let shown = choose_columns(count, app.current(), fit_cols);
    let col_x = |k: usize| label_w + GAP + k as u16 * (col_w + GAP);

    let mut rows = Vec::new();
    // Hidden contests are said above the table, where they are seen with it (a footnote
    // can be scrolled out of sight).
    let hidden: Vec<&str> = (0..count)
        .filter(|i| !shown.contains(i))
        .map(|i| ctx.headings[i].as_str())
        .collect();
    if !hidden.is_empty() {
        let n = hidden.len();
        let contests = if n == 1 { "contest" } else { "contests" };
        let list = hidden.join(", ");
        let variants = [
            format!("{n} {contests} not shown: {list} (wider terminal, or [ ] to move)"),
            format!("{n} {contests} not shown: {list} ([ ] to move)"),
            format!("{n} not shown: {list} ([ ] to move)"),
            format!("{n} not shown: {list}"),
        ];
        let text = variants
            .iter()
            .find(|v| width(v) <= ctx.width as usize)
            .cloned()
            .unwrap_or_else(|| fit(&variants[3], ctx.width as usize));
        rows.push(vec![piece(0, text, pal.warning())]);
    }
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
                None if !crate::story::summary::names_parties(&ctx.app.contests()[i]) => {
                    ("unknown", pal.dim())
                }
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
    rows.push(vec![piece(0, note, pal.dim())]);
    // A change is on the previous contest in time; where that is not the column to its
    // left, say which it is.
    let previous = table.first().map(|p| p.previous.as_slice()).unwrap_or(&[]);
    let odd = changes_not_on_the_left(&shown, previous, ctx.headings);
    if !odd.is_empty() {
        let odd = odd.join(", ");
        let variants = [
            format!("± on the previous contest in time: {odd}"),
            format!("± on the contest before in time: {odd}"),
            format!("± on previous in time: {odd}"),
        ];
        let text = variants
            .iter()
            .find(|v| width(v) <= ctx.width as usize)
            .cloned()
            .unwrap_or_else(|| fit(&variants[2], ctx.width as usize));
        rows.push(vec![piece(0, text, pal.warning())]);
    }
    rows
}
