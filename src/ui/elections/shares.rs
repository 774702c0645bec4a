//! The Elections view's party table: parties down, contests across, each share with its
//! change from the contest before. The table is `summary::party_table`, the one `tally
//! compare` prints; when not every contest fits, the current one and its highlighted
//! neighbours are kept.

use super::{Ctx, GAP, Row, first_fitting, piece};
use crate::app::App;
use crate::story::summary::PartyRow;
use crate::text::{fit, right, signed_points, width};

/// The party column's widest: long names ("Christian Peoples Alliance") whole on a wide
/// screen; narrower screens shorten them before they hide a contest.
const LABEL_MAX: usize = 40;

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

/// Which contests' columns to show in `fit` columns: all when they fit; otherwise the
/// current one, then the highlighted ones nearest to it, then its other neighbours.
fn choose_columns(app: &App, fit: usize) -> Vec<usize> {
    let count = app.contests().len();
    if fit >= count {
        return (0..count).collect();
    }
    let cur = app.current().min(count.saturating_sub(1));
    let mut order: Vec<usize> = (0..count).collect();
    let elections = &app.views().elections;
    order.sort_by_key(|&i| {
        let highlighted = elections.is_highlighted(i);
        (i != cur, !highlighted, i.abs_diff(cur), i)
    });
    let mut chosen: Vec<usize> = order.into_iter().take(fit.max(1)).collect();
    chosen.sort_unstable();
    chosen
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
