//! The Areas view's tests: the table, its sorts and selection, undeclared areas, every size.

use super::*;
use crate::app::keys::Key;
use crate::app::{Msg, update};
use crate::story::areas::{AreaRow, AreaSort};

use crate::app::View;
use crate::ui::testing::{app, app_on, buffer, press, rows};

fn sorted(a: &App, sort: AreaSort) -> Vec<AreaRow> {
    a.contest_tables().areas.sorted(sort).cloned().collect()
}

/// The Areas view open, the sort changed `sorts` times and the selection moved down
/// `down` rows.
fn areas_at(a: &mut App, sorts: usize, down: usize) {
    update(a, Msg::Show(View::Areas));
    press(a, Key::Char('s'), sorts);
    press(a, Key::Down, down);
}

fn render(app: &App, w: u16, h: u16) -> Vec<String> {
    rows(&buffer(AreasView { app }, w, h))
}

#[test]
fn london_2016_has_fourteen_areas_led_by_name() {
    let a = app(4);
    let lines = render(&a, 100, 40);
    let all = lines.join("\n");
    assert!(
        lines[0].contains("Sorted by name (s changes the sort)"),
        "{all}"
    );
    let table: Vec<&String> = lines.iter().filter(|l| l.contains("unknown")).collect();
    assert_eq!(table.len(), 14, "{all}");
    let bc = table[0];
    assert!(bc.starts_with("› Barnet and Camden"), "{bc}");
    // Khan 74,927 of 183,124 valid; Goldsmith 73,722; no electorate in the data.
    assert!(bc.contains("Sadiq Khan") && bc.contains("40.9%"), "{bc}");
    assert!(bc.contains("40.3%") && bc.contains("unknown"), "{bc}");
    assert!(!bc.contains("0.00%"), "{bc}");
    // The chart of the selected area, beside the table at this width.
    assert!(
        all.contains("74,927") && all.contains("183,124 valid votes"),
        "{all}"
    );
}

#[test]
fn the_selected_row_is_marked_and_highlighted() {
    let mut a = app(4);
    update(&mut a, Msg::Key(Key::Char('4')));
    update(&mut a, Msg::Key(Key::Down));
    let area = Rect::new(0, 0, 100, 30);
    let mut buf = Buffer::empty(area);
    AreasView { app: &a }.render(area, &mut buf);
    let y = (0..30)
        .find(|&y| buf[(0, y)].symbol() == "›")
        .expect("a marked row");
    let text: String = (0..40).map(|x| buf[(x, y)].symbol()).collect();
    assert!(text.contains("Bexley and Bromley"), "{text}");
    let style = buf[(5, y)].style();
    assert!(
        style
            .add_modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

#[test]
fn london_2024_turnouts_and_sorts() {
    let mut a = app(6);
    let rows = sorted(&a, AreaSort::Name);
    let bc = &rows[0];
    assert_eq!(bc.name, "Barnet and Camden");
    assert_eq!(turnout_text(bc.turnout), "39.59%"); // 163,825 / 413,809
    let all = render(&a, 100, 40).join("\n");
    assert!(all.contains("39.59%"), "{all}");
    assert!(!all.contains("unknown"), "{all}");

    areas_at(&mut a, 1, 0);
    let rows = sorted(&a, AreaSort::Turnout);
    let t: Vec<f64> = rows.iter().map(|r| r.turnout.unwrap()).collect();
    assert!(t.windows(2).all(|w| w[0] >= w[1]), "{t:?}");
    let lines = render(&a, 100, 40);
    assert!(lines[0].contains("Sorted by turnout"), "{}", lines[0]);

    let rows = sorted(&a, AreaSort::LeaderShare);
    let s: Vec<f64> = rows.iter().map(|r| r.share(0).unwrap()).collect();
    assert!(s.windows(2).all(|w| w[0] >= w[1]), "{s:?}");
}

#[test]
fn selection_far_down_stays_visible_on_a_short_screen() {
    let mut a = app(6);
    areas_at(&mut a, 0, 13);
    let lines = render(&a, 80, 19);
    let all = lines.join("\n");
    let marked = lines.iter().find(|l| l.starts_with('›')).expect(&all);
    assert!(marked.contains("West Central"), "{all}");
    assert!(all.contains("Area 14/14"), "{all}");
    // The chart below: largest first, the rest summed up.
    assert!(all.contains("West Central · "), "{all}");
    assert!(all.contains("more:"), "{all}");
}

#[test]
fn a_table_longer_than_the_screen_says_how_many_rows_are_below() {
    // `tally london-2024`, view 4, at 80x24 listed 8 of 14 areas with nothing to say more
    // were below.
    let mut a = app(6);
    areas_at(&mut a, 0, 0);
    let lines = render(&a, 80, 24);
    let all = lines.join("\n");
    let hint = lines
        .iter()
        .find(|l| l.contains("more (j/↓)"))
        .unwrap_or_else(|| panic!("no ↓ more hint:\n{all}"));
    let more: usize = hint
        .split_whitespace()
        .skip_while(|w| *w != "↓")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{hint}"));
    assert!(more > 0 && more < 14, "{hint}");
    // At the end of the list it says how many are above instead.
    areas_at(&mut a, 0, 13);
    let end = render(&a, 80, 24).join("\n");
    assert!(end.contains(&format!("↑ {more} more (k/↑)")), "{end}");
}

#[test]
fn undeclared_areas_say_so_and_sort_last() {
    let mut contests = crate::import::load_all().unwrap();
    let areas = contests[4].contest.areas.as_mut().unwrap();
    areas[0].first_preferences = None;
    let mut a = app_on(contests, 4);
    let rows = sorted(&a, AreaSort::LeaderShare);
    assert_eq!(rows[13].name, "Barnet and Camden");
    areas_at(&mut a, 2, 13);
    let all = render(&a, 100, 30).join("\n");
    assert!(all.contains("not declared"), "{all}");
    assert!(all.contains("13 of 14 declared"), "{all}");
    assert!(all.contains("Not declared yet."), "{all}");
}

#[test]
fn contests_without_areas_explain_where_to_find_them() {
    let a = app(1);
    let all = render(&a, 80, 10).join(" ");
    assert!(
        all.contains("This dataset has no results by area."),
        "{all}"
    );
    assert!(all.contains("Mayor of London 2016"), "{all}");
    assert!(all.contains("press [ or ]"), "{all}");
}

#[test]
fn never_panics_at_any_size() {
    for index in [1, 4, 6] {
        // By name at the top, by turnout at row 14, by leader's share past the end.
        for (sort, sel) in [(0, 0), (1, 13), (2, 99)] {
            let mut a = app(index);
            areas_at(&mut a, sort, sel);
            for w in (0..=120).step_by(3).chain([1, 2, 119]) {
                for h in (0..=40).step_by(3).chain([1, 2, 40]) {
                    render(&a, w, h);
                }
            }
            let area = Rect::new(7, 2, 101, 12);
            let mut buf = Buffer::empty(Rect::new(0, 0, 110, 15));
            AreasView { app: &a }.render(area, &mut buf);
        }
    }
}

#[test]
fn when_every_area_has_declared_the_chart_gets_the_status_columns_width() {
    let a = app(4);
    let lines = render(&a, 118, 38);
    let all = lines.join("\n");
    assert!(
        !all.contains("Status"),
        "every area declared: no status column\n{all}"
    );
    let khan = lines
        .iter()
        .find(|l| l.contains("│ Sadiq Khan"))
        .unwrap_or_else(|| panic!("{all}"));
    let bar = khan.chars().filter(|c| *c == '█').count();
    assert!(bar >= 20, "the chart's bars have room: {khan}");
}

/// The live viewer after `k` declarations of the 2016 replay, the last of them new.
fn live_night(k: usize) -> App {
    let full = crate::import::embedded::get("london-2016")
        .unwrap()
        .load()
        .unwrap()
        .contest;
    let stages = crate::live::replay::stages(&full).unwrap();
    let mut a = App::live(
        "night.json",
        crate::app::Options {
            animate: false,
            ..crate::app::Options::default()
        },
    );
    let at = chrono::DateTime::parse_from_rfc3339("2016-05-06T23:41:07+01:00").unwrap();
    update(&mut a, Msg::Tick(std::time::Duration::from_secs(60)));
    for (g, stage) in [k - 1, k].into_iter().enumerate() {
        let loaded = crate::count::Counted::new(stages[stage].contest.clone(), Vec::new()).unwrap();
        update(
            &mut a,
            Msg::Feed(Box::new(crate::live::Feed::Counted {
                generation: g as u64 + 1,
                loaded: Box::new(loaded),
                at,
            })),
        );
    }
    a
}

#[test]
fn new_declarations_out_of_sight_are_counted_in_the_scroll_hint() {
    // The 14th declaration is North East: below the rows shown when sorted by name.
    let mut a = live_night(14);
    areas_at(&mut a, 0, 0);
    let all = render(&a, 80, 24).join("\n");
    assert!(all.contains("↓ 6 more, 1 new (j/↓)"), "{all}");
    // The 7th is Barnet and Camden: from the bottom of the list, it is above.
    let mut a = live_night(7);
    areas_at(&mut a, 0, 13);
    let all = render(&a, 80, 24).join("\n");
    assert!(all.contains("↑ 6 more, 1 new (k/↑)"), "{all}");
    // The highlight fades, and the hint with it.
    update(&mut a, Msg::Tick(std::time::Duration::from_secs(70)));
    let all = render(&a, 80, 24).join("\n");
    assert!(
        all.contains("↑ 6 more (k/↑)") && !all.contains("new"),
        "{all}"
    );
    // Sorted by latest declared first, the new one is at the top, in sight.
    let mut a = live_night(14);
    areas_at(&mut a, 3, 0);
    press(&mut a, Key::Char('g'), 1);
    let lines = render(&a, 80, 24);
    let all = lines.join("\n");
    assert!(
        lines[0].contains("Sorted by latest declared first"),
        "{all}"
    );
    assert!(all.contains("↓ 6 more (j/↓)"), "{all}");
    let first = lines.iter().find(|l| l.starts_with('›')).unwrap();
    assert!(
        first.contains("North East") && first.contains("★ 14:32"),
        "{all}"
    );
}

#[test]
fn the_declared_column_gives_way_at_80_columns_and_below() {
    let mut a = live_night(7);
    areas_at(&mut a, 0, 0);
    for w in [80u16, 70, 60, 50, 40] {
        let lines = render(&a, w, 24);
        let all = lines.join("\n");
        let heading = lines.iter().find(|l| l.contains("Area 1/14")).unwrap();
        let row = lines.iter().find(|l| l.starts_with('›')).unwrap();
        if w >= 80 {
            // Every column and every name whole at 80.
            assert!(
                heading.contains("Declared") && heading.contains("2nd"),
                "{all}"
            );
            assert!(
                row.contains("Barnet and Camden") && row.contains("★ 14:15"),
                "{all}"
            );
            assert!(row.contains("Sadiq Khan"), "{all}");
        }
        if heading.contains("Declared") {
            assert!(row.contains("14:15"), "{w}: {all}");
        } else {
            // Without the column the leader column says which areas are out.
            assert!(all.contains("not decl"), "{w}: {all}");
        }
    }
    let narrow = render(&a, 40, 24).join("\n");
    assert!(!narrow.contains("Declared"), "{narrow}");
}
