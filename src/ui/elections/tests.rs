//! The Elections view's tests: what it shows, at every size.

use super::*;
use crate::count::Counted;
use crate::ui::testing::app_on;
use ratatui::style::Modifier;
use shares::choose_columns as choose_cols;

fn contests() -> Vec<Counted> {
    crate::import::load_all().unwrap()
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
    let app = app_on(contests(), 1);
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
    let app = app_on(contests(), 1);
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
    assert!(ls[y2021].contains("42.73%"), "{}", ls[y2021]);
    assert!(ls[y2021].contains('█') && !ls[y2021].contains('░'));
    let text = ls.join("\n");
    assert!(text.contains("scale fixed at 0–60%"));
    assert!(text.contains("Turnout and shares across 7 contests · t: highlight this contest"));
}

#[test]
fn an_approximate_turnout_says_so_and_is_hatched() {
    let mut all = contests();
    let y2021 = all
        .iter()
        .position(|l| l.contest.id == "london-2021")
        .unwrap();
    // As 2021 was embedded before its electorate was known: "about 42%", basis unstated.
    all[y2021].contest.electorate = None;
    all[y2021].contest.turnout = Some(crate::model::PublishedTurnout {
        percent: 42.0,
        basis: crate::model::TurnoutBasis::Unstated,
        approximate: true,
        source: None,
    });
    let app = app_on(all, 1);
    let ls = lines(&render(&app, 110, 36));
    let y = turnout_row(&ls, "2021");
    assert!(ls[y].contains("≈42%"), "{}", ls[y]);
    assert!(ls[y].contains("basis not stated"));
    assert!(ls[y].contains('░'));
}

#[test]
fn unknown_turnout_draws_no_bar() {
    let mut all = contests();
    let mut blank = all[2].clone();
    blank.contest.turnout = None;
    blank.contest.electorate = None;
    all[2] = blank;
    let app = app_on(all, 1);
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
    let app = app_on(contests(), 1);
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
fn narrow_tables_show_a_window_of_neighbouring_contests() {
    // The trial's screen: 60x20 on 2021, with 2004, 2008 and 2012 highlighted. A shown
    // column must never skip a contest between it and the column to its left, or its change
    // reads as if it were on that column.
    let app = app_on(contests(), 5); // 2021
    let ls = lines(&render(&app, 60, 60));
    let head = ls.iter().find(|l| l.starts_with("Share")).unwrap();
    let years: Vec<&str> = head
        .split_whitespace()
        .filter(|w| w.contains("20"))
        .collect();
    assert_eq!(years, ["2016", "›2021", "2024"], "{head}");
    let at = ls.iter().position(|l| l.starts_with("Share")).unwrap();
    assert_eq!(
        ls[at - 1].trim_end(),
        "4 contests not shown: 2000, 2004, 2008, 2012 ([ ] to move)",
        "said above the table"
    );
    let text = ls.join("\n");
    assert!(
        text.contains("± on the previous contest in time: 2016 on 2012 (not shown)"),
        "{text}"
    );
}

#[test]
fn hidden_contests_are_said_on_the_first_screen() {
    // `tally` then `3` at 80x24: 2021 and 2024 do not fit; that is said where it is seen,
    // not in a footnote below the fold.
    let app = app_on(contests(), 1);
    let ls = lines(&render(&app, 80, 20));
    let text = ls.join("\n");
    assert!(
        text.contains("2 contests not shown: 2021, 2024 (wider terminal, or [ ] to move)"),
        "{text}"
    );
    let head = ls.iter().find(|l| l.starts_with("Share")).unwrap();
    assert!(head.contains("2000") && head.contains("2016"), "{head}");
}

#[test]
fn all_contests_shown_say_nothing_hidden() {
    let app = app_on(contests(), 1);
    let text = lines(&render(&app, 200, 60)).join("\n");
    assert!(!text.contains("not shown"), "{text}");
    assert!(
        !text.contains("in time:"),
        "every change is on its left: {text}"
    );
}

#[test]
fn contests_out_of_date_order_say_which_contest_a_change_is_on() {
    let all = contests();
    let pick = |year: &str| {
        all.iter()
            .find(|c| c.contest.id.ends_with(year))
            .unwrap()
            .clone()
    };
    let app = app_on(vec![pick("2012"), pick("2000"), pick("2004")], 0);
    let text = lines(&render(&app, 120, 40)).join("\n");
    assert!(
        text.contains("± on the previous contest in time: 2012 on 2004"),
        "{text}"
    );
    assert!(!text.contains("not shown"), "{text}");
}

#[test]
fn the_window_of_columns_keeps_to_the_ends() {
    assert_eq!(choose_cols(7, 0, 3), [0, 1, 2]);
    assert_eq!(choose_cols(7, 3, 3), [2, 3, 4]);
    assert_eq!(choose_cols(7, 6, 3), [4, 5, 6]);
    assert_eq!(choose_cols(7, 3, 4), [2, 3, 4, 5]);
    assert_eq!(choose_cols(7, 3, 0), [3]);
    assert_eq!(choose_cols(3, 1, 5), [0, 1, 2]);
}

#[test]
fn long_party_names_are_whole_when_there_is_room() {
    let app = app_on(contests(), 5);
    let text = lines(&render(&app, 200, 60)).join("\n");
    assert!(
        text.contains("Christian Choice (Christian Peoples Alliance and Christian Party)"),
        "{text}"
    );
}

#[test]
fn short_screens_scroll() {
    let mut app = app_on(contests(), 1);
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
fn one_contest_is_not_called_contests() {
    let app = app_on(contests().into_iter().take(1).collect(), 0);
    let ls = lines(&render(&app, 100, 30));
    assert!(
        ls[0].starts_with("Turnout and shares of 1 contest ·"),
        "{}",
        ls[0]
    );
}

#[test]
fn never_panics_at_any_size() {
    let apps = [
        app_on(contests(), 1),
        app_on(contests().into_iter().take(1).collect(), 0),
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

#[test]
fn tall_screens_show_more_parties_before_folding() {
    let contests = contests();
    let app = app_on(contests, 5);
    let folded = app.tables().across.parties.len();
    let party_rows = |h| {
        let l = lines(&render(&app, 200, h));
        let first = l.iter().position(|l| l.starts_with("Share")).unwrap();
        let last = l.iter().position(|l| l.starts_with("% of valid")).unwrap();
        (
            last - first - 1,
            l[last - 1].trim_start().starts_with("Others ("),
        )
    };
    assert_eq!(party_rows(40), (folded, true), "as compare folds");
    let (tall, others) = party_rows(60);
    assert!(tall > folded + 5 && others, "{tall}");
    let (all, others) = party_rows(120);
    assert_eq!(
        (all, others),
        (app.tables().across.party_series.len(), false)
    );
}

#[test]
fn long_ids_are_cut_in_the_middle_so_they_stay_apart() {
    let a = super::fit_middle("2013-minneapolis-mayor", 16);
    let b = super::fit_middle("2013-minneapolis-park-board", 16);
    assert_ne!(a, b);
    assert_eq!(crate::text::width(&a), 16);
    assert!(a.starts_with("2013-") && a.ends_with("mayor"), "{a}");
    assert_eq!(super::fit_middle("2004", 6), "2004  ");
}
