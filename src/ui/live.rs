//! What the viewer adds when following live results: the status lines (LIVE, how many
//! areas are in, when the file last changed, PROVISIONAL or FINAL, the latest declarations,
//! what is wrong with the file now) and the list of areas still to declare.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Palette;
use crate::app::App;
use crate::model::ResultStatus;
use crate::story::against::Against;
use crate::story::areas::{Clock, Declaration};
use crate::text::{clean, thousands};

/// The live status: one line; the latest declarations on a second once an area has declared
/// with a time; and a warning when the file has a problem or is missing. In `width` columns
/// the first line leaves out what matters least (the file's name, then how long ago) rather
/// than being cut, the ticker lists as many whole declarations as fit, and the warning wraps.
pub fn status_lines(app: &App, pal: &Palette, width: u16) -> Vec<Line<'static>> {
    let Some(live) = app.live_state() else {
        return Vec::new();
    };
    let mut first = vec![Span::styled("● LIVE", pal.warning())];
    if let Some(l) = app.contests().get(app.current()) {
        let badge = match l.contest.status {
            Some(ResultStatus::Final) => "FINAL",
            _ => "PROVISIONAL",
        };
        first.push(Span::styled(format!("  {badge}"), pal.title()));
        if let Some(areas) = l.contest.areas.as_ref().filter(|a| !a.is_empty()) {
            let declared = areas.iter().filter(|a| a.is_declared()).count();
            first.push(Span::styled(
                format!("  {declared} of {} areas declared", areas.len()),
                pal.text(),
            ));
        }
    }
    let room = width as usize;
    let used = |spans: &[Span]| {
        spans
            .iter()
            .map(|s| crate::text::width(&s.content))
            .sum::<usize>()
    };
    if let (Some((at, _)), Some(ago)) = (live.updated, live.ago(app.now())) {
        let time = at.format("%H:%M:%S");
        let long = format!(" · updated {time}, {ago}");
        let short = format!(" · updated {time}");
        if let Some(t) = [long, short]
            .into_iter()
            .find(|t| used(&first) + crate::text::width(t) <= room)
        {
            first.push(Span::styled(t, pal.dim()));
        }
    }
    let source = format!(" · {}", clean(&live.source));
    if used(&first) + crate::text::width(&source) <= room {
        first.push(Span::styled(source, pal.dim()));
    }
    let mut lines = vec![Line::from(first)];
    if !app.contests().is_empty() {
        let areas = &app.contest_tables().areas;
        let against = live.against.as_ref();
        if let Some((head, items)) = ticker(areas.latest(), areas.clock(), against, room) {
            lines.push(Line::from(vec![
                Span::styled(head, pal.title()),
                Span::styled(items, pal.text()),
            ]));
        }
    }
    lines.extend(against_lines(app, pal, width));
    if let Some(problem) = &live.problem {
        let keep = if app.contests().is_empty() {
            ""
        } else {
            " (showing the last good version)"
        };
        let text = format!("⚠ {}{keep}", clean(problem));
        lines.extend(wrapped(&text, width, pal));
    } else if live.missing {
        let keep = if app.contests().is_empty() {
            ""
        } else {
            " (showing the last good version)"
        };
        let text = format!(
            "⚠ waiting for {}: it does not exist{keep}",
            clean(&live.source)
        );
        lines.extend(wrapped(&text, width, pal));
    }
    lines
}

/// The night against the baseline (`--against`), in two lines (three when narrow): what is
/// compared, who leads, the swing and turnout; then each party's share with its change. In `width` columns the
/// long forms give way to short ones ("Lab", surnames); what does not fit on the first line
/// (turnout, then the swing) starts the second, and the smallest parties are left out; nothing
/// is cut mid-way.
pub fn against_lines(app: &App, pal: &Palette, width: u16) -> Vec<Line<'static>> {
    let (Some(live), Some(l)) = (app.live_state(), app.contests().get(app.current())) else {
        return Vec::new();
    };
    let Some(a) = live.against.as_ref() else {
        return Vec::new();
    };
    let room = width as usize;
    let w = crate::text::width;
    let head = a.basis_text();
    if a.basis == crate::story::against::Basis::Nothing || !a.has_common_party() {
        let text = crate::text::wrap(&a.line(), room.max(1), "", "");
        return text
            .lines()
            .map(|l| Line::styled(l.to_string(), pal.dim()))
            .collect();
    }
    // The first line: the basis, then as many of lead, swing and turnout as fit.
    let forms = |short: bool| -> Vec<String> {
        [
            a.lead_text(&l.contest, short),
            a.swing_text(short),
            Some(a.turnout_text()),
        ]
        .into_iter()
        .flatten()
        .collect()
    };
    let sep = " · ";
    let joined = |parts: &[String]| parts.join(sep);
    let mut parts = forms(false);
    if w(&head) + 2 + w(&joined(&parts)) > room {
        parts = forms(true);
    }
    // What does not fit on the first line starts the second.
    let mut carried = Vec::new();
    while parts.len() > 1 && w(&head) + 2 + w(&joined(&parts)) > room {
        carried.insert(0, parts.pop().unwrap_or_default());
    }
    let mut first = vec![Span::styled(format!("{head}: "), pal.title())];
    let rest = joined(&parts);
    first.push(Span::styled(
        crate::text::fit(&rest, room.saturating_sub(w(&head) + 2)),
        pal.text(),
    ));
    // The second line: what was carried, then parties, largest first, as many as fit.
    let mut spans = Vec::new();
    let mut used = 0;
    for part in carried {
        let extra = if spans.is_empty() { 0 } else { w(sep) } + w(&part);
        if used + extra > room {
            break;
        }
        if !spans.is_empty() {
            spans.push(Span::styled(sep, pal.dim()));
        }
        spans.push(Span::styled(part, pal.text()));
        used += extra;
    }
    // When what was carried leaves less than half the line, the parties get a line of their
    // own rather than one or two of them being shown.
    let mut lines = vec![Line::from(first)];
    if used > room / 2 {
        lines.push(Line::from(std::mem::take(&mut spans)));
        used = 0;
    }
    let shown: Vec<_> = a.parties_shown().collect();
    let texts =
        |short: bool| -> Vec<String> { shown.iter().map(|p| a.party_text(p, short)).collect() };
    let mut items = texts(false);
    if used + w(sep) + w(&joined(&items)) + 2 * items.len() > room {
        items = texts(true);
    }
    for (item, p) in items.iter().zip(&shown) {
        let extra = if spans.is_empty() { 0 } else { w(sep) } + 2 + w(item);
        if used + extra > room {
            break;
        }
        if !spans.is_empty() {
            spans.push(Span::styled(sep, pal.dim()));
        }
        // The swatch is the party's colour; the label beside it says who it is.
        spans.push(Span::styled("▍ ", pal.party(p.colour.as_deref())));
        spans.push(Span::styled(item.clone(), pal.text()));
        used += extra;
    }
    lines.push(Line::from(spans));
    lines
}

/// The ticker of the latest declarations, newest first, in at most `room` cells: its head
/// ("Latest: ", saying when the times are illustrative) and as many whole declarations as
/// fit ("16:05 Barnet and Camden · 15:40 Brent and Harrow · …", with "Lab HOLD" after each
/// when there is a baseline), never a name cut. `None`
/// when there is none, or not even one fits.
pub fn ticker(
    latest: &[Declaration],
    clock: Clock,
    against: Option<&Against>,
    room: usize,
) -> Option<(String, String)> {
    let heads: &[&str] = if clock.illustrative {
        &["Latest (illustrative times): ", "Latest (illustrative): "]
    } else {
        &["Latest: "]
    };
    // Narrow, the calls go before the head is shortened; the ticker goes only when not even
    // one name fits.
    let tries = [(heads[0], true), (heads[0], false)]
        .into_iter()
        .chain(heads.get(1).map(|h| (*h, false)));
    for (head, calls) in tries {
        if let Some(items) = ticker_items(latest, clock, against.filter(|_| calls), head, room) {
            return Some((head.to_string(), items));
        }
    }
    None
}

/// As many declarations as fit after `head` in `room` cells, or `None` when not one does.
fn ticker_items(
    latest: &[Declaration],
    clock: Clock,
    against: Option<&Against>,
    head: &str,
    room: usize,
) -> Option<String> {
    let w = crate::text::width;
    let mut items = String::new();
    for (k, d) in latest.iter().enumerate() {
        let sep = if k == 0 { "" } else { " · " };
        // With a baseline, each area's call: "14:15 Barnet and Camden Lab HOLD".
        let call = against
            .and_then(|a| a.area(&d.area_id))
            .and_then(|c| c.headline())
            .map(|h| format!(" {h}"))
            .unwrap_or_default();
        let item = format!("{sep}{} {}{call}", clock.time(d.at), d.name);
        // Room for this one and, when more follow, the "…" that says so.
        let more = if k + 1 < latest.len() { " · …" } else { "" };
        if w(head) + w(&items) + w(&item) + w(more) > room {
            if k == 0 {
                return None;
            }
            items.push_str(" · …");
            break;
        }
        items.push_str(&item);
    }
    (!items.is_empty()).then_some(items)
}

/// A warning over as many lines as it needs in `width` columns.
fn wrapped(text: &str, width: u16, pal: &Palette) -> Vec<Line<'static>> {
    crate::text::wrap(text, width.max(1) as usize, "", "  ")
        .lines()
        .map(|l| Line::styled(l.to_string(), pal.warning()))
        .collect()
}

/// Areas still to declare, with their share of the electorate and a caution.
pub struct Outstanding<'a> {
    pub app: &'a App,
}

impl Outstanding<'_> {
    /// The text, or `None` when every area is in (or the contest has none).
    pub fn text(&self) -> Option<String> {
        let l = self.app.contests().get(self.app.current())?;
        let areas = l.contest.areas.as_ref()?;
        let out: Vec<_> = areas.iter().filter(|a| !a.is_declared()).collect();
        if out.is_empty() {
            return None;
        }
        let total: Option<u64> = areas.iter().map(|a| a.electorate.map(|e| e.get())).sum();
        let share = |e: Option<u64>| match (e, total) {
            (Some(e), Some(t)) if t > 0 => format!("{:.1}%", e as f64 * 100.0 / t as f64),
            _ => "share unknown".to_string(),
        };
        let out_electorate: Option<u64> = out.iter().map(|a| a.electorate.map(|e| e.get())).sum();
        let head = match (out_electorate, total) {
            (Some(o), Some(t)) if t > 0 => format!(
                "Still to declare: {} of {} areas, {} electors ({:.1}% of the electorate): ",
                out.len(),
                areas.len(),
                thousands(o),
                o as f64 * 100.0 / t as f64
            ),
            _ => format!(
                "Still to declare: {} of {} areas (electorate by area unknown): ",
                out.len(),
                areas.len()
            ),
        };
        let list: Vec<String> = out
            .iter()
            .map(|a| match total {
                Some(_) => format!(
                    "{} ({})",
                    clean(&a.name),
                    share(a.electorate.map(|e| e.get()))
                ),
                None => clean(&a.name).into_owned(),
            })
            .collect();
        Some(format!(
            "{head}{}. The totals above are the sum of the areas in so far; early declarations need not be representative of the rest.",
            list.join(", ")
        ))
    }

    /// The same said shorter, for when the whole list does not fit: how many areas are
    /// out and where to see them, with the caution.
    pub fn short_text(&self) -> Option<String> {
        let l = self.app.contests().get(self.app.current())?;
        let areas = l.contest.areas.as_ref()?;
        let out = areas.iter().filter(|a| !a.is_declared()).count();
        if out == 0 {
            return None;
        }
        Some(format!(
            "Still to declare: {out} of {} areas (listed in the Areas view, 4). Totals so far may not represent the rest.",
            areas.len()
        ))
    }

    /// The text to show in `width` columns and at most `max_lines` lines: the whole list
    /// when it fits, else the short form, never a sentence cut off. With its height.
    pub fn fitting(&self, width: u16, max_lines: u16) -> Option<(String, u16)> {
        let lines = |t: &str| {
            crate::text::wrap(t, width.max(1) as usize, "", "")
                .lines()
                .count() as u16
        };
        let long = self.text()?;
        let h = lines(&long);
        if h <= max_lines {
            return Some((long, h));
        }
        let short = self.short_text()?;
        let h = lines(&short);
        (h <= max_lines).then_some((short, h))
    }
}

impl Widget for Outstanding<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let pal = Palette::new(self.app.options().theme);
        if let Some((text, _)) = self.fitting(area.width, area.height) {
            Paragraph::new(text)
                .style(pal.dim())
                .wrap(Wrap { trim: true })
                .render(area, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declarations() -> Vec<Declaration> {
        let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
        vec![
            Declaration {
                area_id: "bc".into(),
                name: "Barnet and Camden".into(),
                at: at("2016-05-06T16:05:00+01:00"),
            },
            Declaration {
                area_id: "bh".into(),
                name: "Brent and Harrow".into(),
                at: at("2016-05-06T15:40:00+01:00"),
            },
            Declaration {
                area_id: "ce".into(),
                name: "City and East".into(),
                at: at("2016-05-06T15:02:00+01:00"),
            },
        ]
    }

    fn line(room: usize, illustrative: bool) -> Option<String> {
        let clock = Clock {
            days: false,
            illustrative,
        };
        ticker(&declarations(), clock, None, room).map(|(h, i)| h + &i)
    }

    #[test]
    fn the_ticker_lists_whole_declarations_newest_first_as_many_as_fit() {
        let all = "Latest: 16:05 Barnet and Camden · 15:40 Brent and Harrow · 15:02 City and East";
        assert_eq!(line(200, false).as_deref(), Some(all));
        assert_eq!(line(all.chars().count(), false).as_deref(), Some(all));
        // One cell short: the last name is not cut, "…" says there are more.
        let two = "Latest: 16:05 Barnet and Camden · 15:40 Brent and Harrow · …";
        assert_eq!(line(all.chars().count() - 1, false).as_deref(), Some(two));
        assert_eq!(line(two.chars().count(), false).as_deref(), Some(two));
        let one = "Latest: 16:05 Barnet and Camden · …";
        assert_eq!(line(two.chars().count() - 1, false).as_deref(), Some(one));
        assert_eq!(line(one.chars().count() - 1, false), None, "nothing fits");
        for room in 0..120 {
            if let Some(l) = line(room, true) {
                assert!(l.chars().count() <= room, "{room}: {l}");
                assert!(
                    l.starts_with("Latest (illustrative times): 16:05 Barnet and Camden")
                        || l.starts_with("Latest (illustrative): 16:05 Barnet and Camden"),
                    "{l}"
                );
            }
        }
        // Narrow, the head says it shorter before the ticker goes.
        let short = "Latest (illustrative): 16:05 Barnet and Camden · …";
        assert_eq!(line(short.chars().count(), true).as_deref(), Some(short));
        assert_eq!(
            ticker(&[], Clock::default(), None, 200),
            None,
            "nothing declared"
        );
    }
}
