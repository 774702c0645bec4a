//! The Areas view's chart: the selected area's result as bars, largest first, with the
//! candidates that do not fit summed up on the last line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::share_text;
use super::turnout_text;
use crate::model::Contest;
use crate::story::areas::AreaRow;
use crate::text::{clean, fit, right, thousands, width};
use crate::ui::flow;
use crate::ui::put;
use crate::ui::theme::Palette;

pub(super) fn draw_chart(
    contest: &Contest,
    row: &AreaRow,
    rect: Rect,
    buf: &mut Buffer,
    pal: &Palette,
) {
    if rect.is_empty() {
        return;
    }
    let mut segments = vec![(row.name.clone(), pal.title())];
    if row.declared {
        segments.push((
            format!(" · {} valid votes", thousands(row.valid)),
            pal.dim(),
        ));
    }
    if let Some(t) = row.turnout {
        segments.push((format!(" · turnout {}", turnout_text(Some(t))), pal.dim()));
    }
    let title_h = flow(buf, rect, rect.y, &segments, 2.min(rect.height));
    let mut y = rect.y + title_h;
    if row.standings.is_empty() {
        put(buf, rect, rect.x, y, "Not declared yet.", pal.warning());
        return;
    }
    let room = rect.bottom().saturating_sub(y) as usize;
    if room == 0 {
        return;
    }
    let max = row.standings.first().map_or(1, |&(_, v)| v.max(1)) as f64;
    let name_w = row
        .standings
        .iter()
        .map(|&(i, _)| width(&clean(&contest.candidates[i].name)))
        .max()
        .unwrap_or(4)
        .clamp(4, 18) as u16;
    let votes_w = width(&thousands(row.standings[0].1)) as u16 + 1;
    let share_w = 7u16;
    // Whole names while the bars keep 10 cells; never more than a third of the width.
    let name_w = name_w
        .min(rect.width.saturating_sub(votes_w + share_w + 11))
        .max(name_w.min(rect.width / 3));
    let bar_x = rect.x + name_w + 1;
    let bar_w = rect.width.saturating_sub(name_w + 1 + votes_w + share_w);
    let (shown, rest) = if row.standings.len() > room {
        (room - 1, &row.standings[room - 1..])
    } else {
        (row.standings.len(), &row.standings[..0])
    };
    for &(i, votes) in &row.standings[..shown] {
        let cand = &contest.candidates[i];
        put(
            buf,
            rect,
            rect.x,
            y,
            &fit(&clean(&cand.name), name_w as usize),
            pal.text(),
        );
        if bar_w > 0 {
            crate::ui::bar::draw(
                buf,
                rect,
                bar_x,
                y,
                votes as f64,
                max,
                bar_w,
                pal.party(cand.colour.as_deref()),
            );
        }
        put(
            buf,
            rect,
            bar_x + bar_w,
            y,
            &right(&thousands(votes), votes_w as usize),
            pal.text(),
        );
        let share = (row.valid > 0).then(|| votes as f64 * 100.0 / row.valid as f64);
        put(
            buf,
            rect,
            bar_x + bar_w + votes_w,
            y,
            &right(&share_text(share), share_w as usize),
            pal.dim(),
        );
        y += 1;
    }
    if !rest.is_empty() {
        let votes = rest.iter().fold(0u64, |t, &(_, v)| t.saturating_add(v));
        let share = (row.valid > 0).then(|| votes as f64 * 100.0 / row.valid as f64);
        let text = format!(
            "+ {} more: {} votes, {}",
            rest.len(),
            thousands(votes),
            share_text(share)
        );
        put(buf, rect, rect.x, y, &text, pal.dim());
    }
}
