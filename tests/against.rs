//! Election night against last time: `tally watch FILE --against CONTEST` and `tally replay
//! CONTEST --against CONTEST`, on screen (snapshots of the live header at 0, 7 and 14 of 14
//! areas) and on the command line.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use chrono::DateTime;
use tally::app::{App, Msg, Options, View, update};
use tally::count::Counted;
use tally::live::{Feed, replay};

fn load(id: &str) -> Counted {
    tally::import::embedded::get(id).unwrap().load().unwrap()
}

/// London 2024's night at stage `k` (0: nothing declared; 15: the final declaration),
/// against London 2016, in `view`.
fn screen(k: usize, view: View, w: u16, h: u16) -> String {
    let stages = replay::stages(&load("london-2024").contest).unwrap();
    let mut app = App::live(
        "night.json",
        Options {
            animate: false,
            ..Options::default()
        },
    )
    .against(load("london-2016"));
    update(&mut app, Msg::Tick(Duration::from_secs(60)));
    let loaded = Counted::new(stages[k].contest.clone(), Vec::new()).unwrap();
    let at = DateTime::parse_from_rfc3339("2024-05-04T17:41:07+01:00").unwrap();
    update(
        &mut app,
        Msg::Feed(Box::new(Feed::Counted {
            generation: 1,
            loaded: Box::new(loaded),
            at,
        })),
    );
    let key = match view {
        View::Areas => '4',
        View::Shares => '2',
        _ => '1',
    };
    update(&mut app, Msg::Key(tally::app::keys::Key::Char(key)));
    update(&mut app, Msg::Tick(Duration::from_secs(180)));
    let buf = tally::headless::render_app(&mut app, w, h);
    tally::export::txt(&buf)
}

#[test]
fn the_live_header_against_2016_at_0_7_and_14_of_14() {
    for (k, name) in [
        (0, "0_of_14"),
        (7, "7_of_14"),
        (14, "14_of_14"),
        (15, "final"),
    ] {
        insta::assert_snapshot!(
            format!("against_count_{name}_80x24"),
            screen(k, View::Count, 80, 24)
        );
        insta::assert_snapshot!(
            format!("against_count_{name}_120x40"),
            screen(k, View::Count, 120, 40)
        );
    }
}

#[test]
fn the_areas_view_against_2016_at_0_7_and_14_of_14() {
    for (k, name) in [(0, "0_of_14"), (7, "7_of_14"), (14, "14_of_14")] {
        insta::assert_snapshot!(
            format!("against_areas_{name}_80x24"),
            screen(k, View::Areas, 80, 24)
        );
        insta::assert_snapshot!(
            format!("against_areas_{name}_120x40"),
            screen(k, View::Areas, 120, 40)
        );
    }
}

#[test]
fn every_declared_area_is_called_hold_or_gain_against_2016() {
    let s = screen(14, View::Areas, 200, 60);
    assert!(s.contains("vs 2016"), "{s}");
    let rows: Vec<&str> = s
        .lines()
        .filter(|l| !l.contains("Latest") && (l.contains(" HOLD") || l.contains(" GAIN")))
        .collect();
    // All 14 constituencies are in the table. In 2024 the Conservatives took Brent and
    // Harrow and Ealing and Hillingdon from Labour, and Labour took South West and West
    // Central from the Conservatives; the other ten kept their 2016 leader.
    assert_eq!(rows.len(), 14, "{s}");
    let gains: Vec<&str> = rows
        .iter()
        .copied()
        .filter(|l| l.contains("GAIN"))
        .collect();
    assert_eq!(gains.len(), 4, "{gains:#?}");
    for area in [
        "Brent and Harrow",
        "Ealing and Hillingdon",
        "South West",
        "West Central",
    ] {
        assert!(gains.iter().any(|l| l.contains(area)), "{area}: {gains:#?}");
    }
}

#[test]
fn the_comparison_line_never_cuts_a_part_in_half() {
    for k in [1, 7, 14, 15] {
        for (w, h) in [(60, 20), (80, 24), (100, 30), (200, 60)] {
            let s = screen(k, View::Count, w, h);
            let line = s
                .lines()
                .find(|l| l.trim_start().starts_with("vs 2016"))
                .unwrap_or_else(|| panic!("no comparison at {w}×{h}, stage {k}:\n{s}"));
            assert!(!line.contains('…'), "cut at {w}×{h}: {line}");
            assert!(line.contains("leads") || line.contains("won"), "{line}");
        }
    }
}
