//! The Shares view: every candidate's share in the first round and in the final round, side
//! by side, so what the transfers changed can be read at a glance.
//!
//! A final-round share can be a percentage of two different totals, and reports quote both:
//! of every valid first preference (then the non-transferable or exhausted ballots are a
//! share of their own, shown as a row) or of the votes still in the final round (then the
//! finalists add up to 100% and the exhausted ballots are left out). `p` switches, and the
//! title always says which one is shown. The view summarises the whole count, so it uses
//! the contest's final round whatever step the Count view is on.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::put;
use super::theme::Palette;
use crate::app::{App, ShareBasis};
use crate::count::{Count, Outcome};
use crate::model::Votes;
use crate::model::VotingSystem;
use crate::text::{clean, fit, percent, right, thousands, width, wrap};

pub struct SharesView<'a> {
    pub app: &'a App,
}

/// Widths of the parts of one column ("First round" or "Final round").
#[derive(Debug, Clone, Copy)]
struct Column {
    x: u16,
    bar_w: u16,
    /// 0 when the column is too narrow for vote counts: shares only.
    votes_w: u16,
    pct_w: u16,
}

impl Column {
    fn new(x: u16, w: u16) -> Self {
        let pct_w = 7.min(w);
        let votes_w = if w >= 30 { 11 } else { 0 };
        Column {
            x,
            bar_w: w.saturating_sub(pct_w + votes_w + 1),
            votes_w,
            pct_w,
        }
    }

    /// One cell of the table: bar, votes and share; or a dash for "not in this round".
    #[allow(clippy::too_many_arguments)]
    fn draw(
        &self,
        buf: &mut Buffer,
        area: Rect,
        y: u16,
        value: Option<(Votes, Option<f64>)>,
        max_pct: f64,
        bar_style: Style,
        text_style: Style,
        pal: &Palette,
    ) {
        let after_bar = self.x + self.bar_w + u16::from(self.bar_w > 0);
        match value {
            Some((votes, pct)) => {
                if self.bar_w > 0 {
                    super::bar::draw(
                        buf,
                        area,
                        self.x,
                        y,
                        pct.unwrap_or(0.0),
                        max_pct,
                        self.bar_w,
                        bar_style,
                    );
                }
                if self.votes_w > 0 {
                    put(
                        buf,
                        area,
                        after_bar,
                        y,
                        &right(&thousands(votes), self.votes_w as usize),
                        text_style,
                    );
                }
                let share = pct.map(percent).unwrap_or_default();
                put(
                    buf,
                    area,
                    after_bar + self.votes_w,
                    y,
                    &right(&share, self.pct_w as usize),
                    pal.dim(),
                );
            }
            None => {
                put(
                    buf,
                    area,
                    after_bar + self.votes_w,
                    y,
                    &right("–", self.pct_w as usize),
                    pal.dim(),
                );
            }
        }
    }
}

/// `part` as a percentage of `whole`; `None` when there is nothing to divide by.
fn pct(part: Votes, whole: Votes) -> Option<f64> {
    part.percent_of(whole)
}

/// Draw `segments` from (area.x, y) on, starting a new line whenever the next segment does
/// not fit on the current one (a segment longer than a line is clipped). Returns the lines
/// used. Views use it for titles whose parts should break between phrases, not mid-word.
pub(super) fn flow(
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
        if i > 0 && x + w > area.right() && line + 1 < max_lines {
            line += 1;
            x = area.x;
            text = text.trim_start_matches([' ', '·']);
        }
        x += put(buf, area, x, y + line, text, *style);
    }
    line + 1
}

/// The title segments: which basis, how to switch, and which round is the final one.
fn title(count: &Count, system: VotingSystem, basis: ShareBasis) -> Vec<(String, bool)> {
    let rounds = count.rounds.len();
    if rounds < 2 {
        let words = system.words();
        let why = match &count.outcome {
            _ if words.one_round => {
                format!("{}: one round, so there is no second round", words.name)
            }
            Outcome::Elected(_) => "Decided in the first round: there is no second round".into(),
            _ => "Only the first round is in the data so far".into(),
        };
        return vec![
            ("Shares of valid votes".to_string(), true),
            (format!(" · {why}"), false),
        ];
    }
    let last = format!(" · Final round = round {rounds}");
    match basis {
        ShareBasis::ValidFirstPreferences => vec![
            ("Shares of valid first preferences".to_string(), true),
            (" (p: of the final round)".to_string(), false),
            (last, false),
        ],
        ShareBasis::FinalRound => vec![
            (
                "Final-round shares of the votes still in it".to_string(),
                true,
            ),
            (" (p: of valid first preferences)".to_string(), false),
            (last, false),
        ],
    }
}

impl Widget for SharesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }
}

impl SharesView<'_> {
    /// Draw the view; returns how far it can scroll (its rows past those that fit).
    pub fn draw(self, area: Rect, buf: &mut Buffer) -> u16 {
        if area.is_empty() {
            return 0;
        }
        let app = self.app;
        let pal = Palette::new(app.options().theme);
        let l = app.contest();
        let c = &l.contest;
        let count = &l.count;
        let first = count.first();
        let last = count.last();
        let two = count.rounds.len() > 1;
        let order: Vec<usize> = first.standings().into_iter().map(|(i, _)| i).collect();
        let valid = count.valid;
        let final_whole = match app.views().shares.basis {
            ShareBasis::ValidFirstPreferences => valid,
            ShareBasis::FinalRound => last.continuing,
        };
        let first_pct = |i: usize| pct(first.votes[i], valid);
        let final_pct = |i: usize| last.tally(i).and_then(|v| pct(v, final_whole));
        let exhausted_label = c.method.words().exhausted;

        // One scale for both columns, so a bar that grows between them really grew.
        let mut max_pct = order
            .iter()
            .flat_map(|&i| [first_pct(i), if two { final_pct(i) } else { None }])
            .flatten()
            .fold(0.0f64, f64::max);
        if two && app.views().shares.basis == ShareBasis::ValidFirstPreferences {
            max_pct = max_pct.max(pct(last.exhausted, valid).unwrap_or(0.0));
        }
        let max_pct = if max_pct > 0.0 { max_pct } else { 100.0 };

        // Title (one or two lines), then the column headings.
        let segments: Vec<(String, Style)> =
            title(count, c.method.system(), app.views().shares.basis)
                .into_iter()
                .map(|(t, bold)| (t, if bold { pal.title() } else { pal.dim() }))
                .collect();
        let title_h = flow(buf, area, area.y, &segments, 2.min(area.height));
        let header_y = area.y + title_h;

        // Columns: glyph, name, then one or two share columns.
        let name_w = c
            .candidates
            .iter()
            .map(|k| width(&clean(&k.name)))
            .chain(two.then(|| width(exhausted_label)))
            .max()
            .unwrap_or(4)
            .clamp(4, 22) as u16;
        let name_w = name_w.min(area.width / 3);
        let cols_x = area.x + 2 + name_w + 1;
        let rest = area.right().saturating_sub(cols_x);
        let columns: Vec<Column> = if two {
            let w = rest.saturating_sub(2) / 2;
            vec![Column::new(cols_x, w), Column::new(cols_x + w + 2, w)]
        } else {
            vec![Column::new(cols_x, rest)]
        };
        let headings = if two {
            let of = match app.views().shares.basis {
                ShareBasis::FinalRound => "Final round (of votes in it)",
                ShareBasis::ValidFirstPreferences => "Final round (of valid 1st prefs)",
            };
            vec!["First round", of]
        } else {
            vec!["Votes and share"]
        };
        for (col, h) in columns.iter().zip(&headings) {
            let w = col.bar_w + 1 + col.votes_w + col.pct_w;
            // The long heading when it fits, else just "Final round".
            let h = if width(h) > w as usize {
                h.split(" (").next().unwrap_or(h)
            } else {
                h
            };
            put(buf, area, col.x, header_y, &fit(h, w as usize), pal.title());
        }

        // The note under the table, if there is room for it as well as the rows.
        let note = if two {
            let label = exhausted_label.to_lowercase();
            match app.views().shares.basis {
                ShareBasis::ValidFirstPreferences => format!(
                    "Final round: {} votes for the candidates still in it and {} {label} \
                     ballots make up the {} valid first preferences.",
                    thousands(last.continuing),
                    thousands(last.exhausted),
                    thousands(valid)
                ),
                ShareBasis::FinalRound => format!(
                    "Final round: shares of the {} votes still in it, so they add up to 100%; \
                     the {} {label} ballots are left out.",
                    thousands(last.continuing),
                    thousands(last.exhausted)
                ),
            }
        } else {
            format!("{} valid votes.", thousands(valid))
        };
        let note_lines: Vec<String> = wrap(&note, area.width as usize, "", "")
            .lines()
            .map(str::to_string)
            .collect();
        let body_top = header_y + 1;
        let exhausted_h = u16::from(two);
        let space = area.bottom().saturating_sub(body_top + exhausted_h);
        let note_h = note_lines.len() as u16 + 1; // with a blank line before it
        let total_rows = order.len() as u16;
        let note_h = if space >= note_h + total_rows.min(5) {
            note_h
        } else {
            0
        };
        let mut rows_h = space.saturating_sub(note_h);
        let scrolling = total_rows > rows_h;
        if scrolling {
            rows_h = rows_h.saturating_sub(1); // the "more" hint
        }
        let scroll_max = total_rows.saturating_sub(rows_h);
        let scroll = app.views().shares.scroll.offset().min(scroll_max);

        let mut y = body_top;
        for &i in order.iter().skip(scroll as usize).take(rows_h as usize) {
            let cand = &c.candidates[i];
            let elected = count.winner() == Some(i) || last.elected.contains(&i);
            let out = !last.is_continuing(i) || last.eliminated.contains(&i);
            let (glyph, name_style) = if elected {
                ("✓", pal.elected())
            } else if out && two {
                ("✗", pal.eliminated())
            } else {
                (" ", pal.text())
            };
            put(buf, area, area.x, y, glyph, name_style);
            put(
                buf,
                area,
                area.x + 2,
                y,
                &fit(&clean(&cand.name), name_w as usize),
                name_style,
            );
            let party = pal.party(cand.colour.as_deref());
            let first_votes = first.votes[i];
            columns[0].draw(
                buf,
                area,
                y,
                Some((first_votes, first_pct(i))),
                max_pct,
                party,
                name_style,
                &pal,
            );
            if let Some(col) = columns.get(1) {
                let value = last.tally(i).map(|v| (v, final_pct(i)));
                col.draw(buf, area, y, value, max_pct, party, name_style, &pal);
            }
            y += 1;
        }
        if scrolling && rows_h > 0 {
            super::scroll_hint(buf, area, y, total_rows - rows_h - scroll, &pal);
            y += 1;
        }

        // The exhausted ballots: a share of their own, or set apart from the shares.
        if let Some(col) = columns.get(1) {
            put(buf, area, area.x, y, "·", pal.dim());
            put(
                buf,
                area,
                area.x + 2,
                y,
                &fit(exhausted_label, name_w as usize),
                pal.dim(),
            );
            match app.views().shares.basis {
                ShareBasis::ValidFirstPreferences => col.draw(
                    buf,
                    area,
                    y,
                    Some((last.exhausted, pct(last.exhausted, valid))),
                    max_pct,
                    pal.exhausted_bar(),
                    pal.dim(),
                    &pal,
                ),
                ShareBasis::FinalRound => {
                    let room = area.right().saturating_sub(col.x) as usize;
                    let votes = thousands(last.exhausted);
                    let text = [
                        "not counted in these shares",
                        "not in these shares",
                        "left out",
                    ]
                    .iter()
                    .map(|t| format!("{votes} {t}"))
                    .find(|t| width(t) <= room)
                    .unwrap_or(votes);
                    put(buf, area, col.x, y, &text, pal.dim());
                }
            }
            y += 1;
        }

        if note_h > 0 {
            y += 1;
            for line in &note_lines {
                put(buf, area, area.x, y, line, pal.dim());
                y += 1;
            }
        }
        scroll_max
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::Key;
    use crate::app::{Msg, update};

    use crate::app::View;
    use crate::ui::testing::{app, buffer, rows, scroll_down};

    fn render(app: &App, w: u16, h: u16) -> Vec<String> {
        rows(&buffer(SharesView { app }, w, h))
    }

    fn row<'a>(lines: &'a [String], name: &str) -> &'a str {
        lines
            .iter()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{}", lines.join("\n")))
    }

    #[test]
    fn london_2004_both_bases() {
        let mut a = app(1);
        let lines = render(&a, 110, 30);
        assert!(lines[0].contains("Shares of valid first preferences (p: of the final round)"));
        assert!(lines.join("\n").contains("Final round = round 2"));
        let ken = row(&lines, "Ken Livingstone");
        assert!(ken.starts_with("✓"), "{ken}");
        assert!(ken.contains("685,541") && ken.contains("36.8%"), "{ken}");
        assert!(ken.contains("828,380") && ken.contains("44.4%"), "{ken}");
        let nt = row(&lines, "Non-transferable");
        assert!(nt.contains('%'), "exhausted ballots have a share: {nt}");
        // A candidate out after the first round: a dash, not 0%.
        let out = row(&lines, "Simon Hughes");
        assert!(
            out.starts_with("✗") && out.trim_end().ends_with('–'),
            "{out}"
        );
        assert!(!out.contains("0.0%"), "{out}");

        update(&mut a, Msg::Key(Key::Char('p')));
        assert_eq!(a.views().shares.basis, ShareBasis::FinalRound);
        let lines = render(&a, 110, 30);
        assert!(lines[0].contains("(p: of valid first preferences)"));
        let ken = row(&lines, "Ken Livingstone");
        assert!(ken.contains("36.8%") && ken.contains("55.4%"), "{ken}");
        let nt = row(&lines, "Non-transferable");
        assert!(nt.contains("not counted in these shares"), "{nt}");
    }

    #[test]
    fn first_past_the_post_has_one_column() {
        let a = app(6);
        let lines = render(&a, 100, 30);
        let all = lines.join("\n");
        assert!(all.contains("no second round"), "{all}");
        assert!(!all.contains("Final round"), "{all}");
        assert!(row(&lines, "Sadiq Khan").contains('%'));
    }

    #[test]
    fn narrow_screens_keep_shares_and_scroll() {
        let mut a = app(5); // 2021: 20 candidates
        let lines = render(&a, 78, 19);
        let all = lines.join("\n");
        assert!(all.contains("more (j/↓)"), "{all}");
        assert!(row(&lines, "Sadiq Khan").contains('%'));
        let max = SharesView { app: &a }.draw(
            Rect::new(0, 0, 78, 19),
            &mut Buffer::empty(Rect::new(0, 0, 78, 19)),
        );
        scroll_down(&mut a, View::Shares, max, 200);
        let all = render(&a, 78, 19).join("\n");
        assert!(all.contains("scrolled (k/↑)"), "{all}");
    }

    #[test]
    fn never_panics_at_any_size() {
        for index in [0, 1, 5, 6] {
            let mut a = app(index);
            for toggled in [false, true] {
                if toggled {
                    update(&mut a, Msg::Key(Key::Char('p')));
                }
                for w in (0..=120).step_by(3).chain([1, 2, 119]) {
                    for h in (0..=40).step_by(3).chain([1, 2, 40]) {
                        render(&a, w, h);
                    }
                }
                // An area that does not start at the origin.
                let area = Rect::new(5, 3, 50, 10);
                let mut buf = Buffer::empty(Rect::new(0, 0, 60, 15));
                SharesView { app: &a }.render(area, &mut buf);
            }
        }
    }
}
