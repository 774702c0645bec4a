//! The Help view: every key (from the one key table) and a short explanation of the
//! Supplementary Vote, exhausted ballots and first past the post.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Palette;
use crate::app::App;
use crate::app::keys::BINDINGS;
use crate::model::VotingSystem;
use crate::text::{fit, wrap};

pub struct HelpView<'a> {
    pub app: &'a App,
}

/// How the methods work, in general: (the method it is about, if one; title; text). A
/// method's title says where it was used among the contests loaded.
const EXPLAINERS: &[(Option<VotingSystem>, &str, &str)] = &[
    (
        Some(VotingSystem::SupplementaryVote),
        "The Supplementary Vote",
        "Each voter marks a first choice and, if they like, a second. If a candidate has more than half of the \
         valid first preferences, they win at once. Otherwise only the top two stay in: every other candidate is \
         eliminated together, and each of their ballots whose second choice is one of the two is added to that \
         candidate. The one with more votes then wins.",
    ),
    (
        None,
        "Non-transferable (exhausted) ballots",
        "An eliminated candidate's ballot that names neither finalist as second choice (or no second choice at \
         all) cannot be transferred. It stays counted in the first round but takes no part in the second, so the \
         winner needs more than half of the votes still in play, not of every ballot. In an instant runoff the \
         same happens when a ballot runs out of choices: it is exhausted.",
    ),
    (
        Some(VotingSystem::FirstPastThePost),
        "First past the post",
        "One vote each; the candidate with the most votes wins, whether or not that is more than half. There are \
         no transfers, so there is only one round.",
    ),
    (
        None,
        "Reading the Count view",
        "✓ marks the winner (also written ELECTED); ✗ marks a candidate eliminated in this step or earlier \
         (written eliminated or out). The dotted line ┊ and ▲ mark the votes needed to win. Colours are party \
         colours and never the only sign of anything; --theme mono or NO_COLOR turns them off.",
    ),
];

impl Widget for HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }
}

impl HelpView<'_> {
    /// Draw the view; returns how far it can scroll (its lines past those that fit), so the
    /// last line of help is as far as it goes.
    pub fn draw(self, area: Rect, buf: &mut Buffer) -> u16 {
        let pal = Palette::new(self.app.options().theme);
        let w = area.width.max(1) as usize;
        // Every visual line, wrapped once here; only the visible ones are drawn.
        let mut lines: Vec<Line> = vec![Line::styled("Keys", pal.title())];
        let key_w = BINDINGS
            .iter()
            .map(|b| crate::text::width(b.label))
            .max()
            .unwrap_or(4);
        let indent = " ".repeat(key_w + 4);
        for b in BINDINGS {
            let wrapped = wrap(b.description, w, &indent, &indent);
            for (k, text) in wrapped.lines().enumerate() {
                let keys = if k == 0 {
                    format!("  {}  ", fit(b.label, key_w))
                } else {
                    String::new()
                };
                let text = if k == 0 {
                    text.trim_start().to_string()
                } else {
                    text.to_string()
                };
                lines.push(Line::from(vec![
                    Span::styled(keys, pal.title()),
                    Span::styled(text, pal.text()),
                ]));
            }
        }
        let para = |title: String, body: &str, lines: &mut Vec<Line>| {
            lines.push(Line::default());
            lines.push(Line::styled(title, pal.title()));
            lines.extend(
                wrap(body, w, "", "")
                    .lines()
                    .map(|l| Line::styled(l.to_string(), pal.text())),
            );
        };
        lines.push(Line::styled(
            "  Mouse: click a tab to open its view; the wheel scrolls.",
            pal.dim(),
        ));
        let app = self.app;
        if let Some(l) = app.contests().get(app.current()) {
            lines.push(Line::default());
            lines.push(Line::styled(
                format!(
                    "With this contest: {}",
                    crate::text::clean(&l.contest.title)
                ),
                pal.title(),
            ));
            for e in &app.contest_tables().explainers {
                para(e.title.clone(), &e.body, &mut lines);
            }
        }
        for (system, title, body) in EXPLAINERS {
            let title = match system.and_then(|s| app.tables().across.used_in(s)) {
                Some(used) => format!("{title} ({used})"),
                None => title.to_string(),
            };
            para(title, body, &mut lines);
        }
        lines.push(Line::default());
        lines.push(Line::styled(
            "Press ? or Esc to go back; ↑ ↓ PgUp PgDn g G scroll.",
            pal.dim(),
        ));
        // When it does not all fit, the bottom row says how much more there is.
        let height = area.height as usize;
        let fits = lines.len() <= height;
        let visible = if fits {
            height
        } else {
            height.saturating_sub(1)
        };
        let max = lines.len().saturating_sub(visible);
        let max = u16::try_from(max).unwrap_or(u16::MAX);
        let offset = self.app.views().help.offset().min(max);
        for (k, line) in lines.iter().skip(offset as usize).take(visible).enumerate() {
            super::put_line(buf, area, area.y + k as u16, line);
        }
        if !fits && area.height > 0 {
            super::scroll_hint(buf, area, area.bottom() - 1, max - offset, &pal);
        }
        max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lists_every_key_and_explains_the_systems() {
        let app = crate::ui::testing::app(1);
        let area = Rect::new(0, 0, 100, 80);
        let mut buf = Buffer::empty(area);
        HelpView { app: &app }.render(area, &mut buf);
        let text: String = buf.content.iter().map(|c| c.symbol()).collect();
        for b in BINDINGS {
            assert!(text.contains(b.description), "{}", b.description);
        }
        assert!(text.contains("The Supplementary Vote") && text.contains("First past the post"));
    }
}
