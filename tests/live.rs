//! Following a results file that is rewritten badly and often: the loader, the live model
//! and the screen.

// Helpers outside `#[test]` functions unwrap too: a panic is a failed test with its message.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::DateTime;
use tally::app::{App, Msg, Options, update};
use tally::live::{Feed, loader, replay};
use tally::model::Contest;

fn stages_2016() -> Vec<Contest> {
    let full = tally::import::embedded::get("london-2016")
        .unwrap()
        .load()
        .unwrap()
        .contest;
    replay::stages(&full)
        .unwrap()
        .into_iter()
        .map(|s| s.contest)
        .collect()
}

fn write(path: &Path, text: &str) {
    // Deliberately not atomic: a reader may catch the file half-written.
    std::fs::write(path, text).unwrap();
}

/// 500 rewrites: half-written files, garbage, invalid contests, valid growing contests and
/// deletions. The live model only ever holds one of the valid versions, and ends on the last.
#[test]
fn five_hundred_bad_and_good_writes_leave_only_valid_data_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.json");
    let stages = stages_2016();
    let valid: Vec<String> = stages
        .iter()
        .map(|c| tally::import::dataset::to_json(c).unwrap())
        .collect();

    let (tx, rx) = mpsc::channel::<Feed>();
    loader::spawn(path.clone(), move |feed| tx.send(feed).is_ok());

    let writer_path = path.clone();
    let writer_valid = valid.clone();
    let writer = std::thread::spawn(move || {
        for i in 0..500usize {
            let good = &writer_valid[(i / 33).min(writer_valid.len() - 1)];
            match i % 6 {
                0 | 3 => write(&writer_path, good),
                1 => write(&writer_path, &good[..good.len() / 2]),
                2 => write(&writer_path, "{ not json at all \u{1b}[2J"),
                4 => write(
                    &writer_path,
                    &good.replace("\"khan\": 74927", "\"khan\": -1"),
                ),
                _ => {
                    let _ = std::fs::remove_file(&writer_path);
                }
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        // The last word is a valid, complete version.
        let last = writer_valid.last().unwrap().clone();
        write(&writer_path, &last);
        last
    });

    let mut app = App::live(
        "results.json",
        Options {
            animate: false,
            ..Options::default()
        },
    );
    let started = Instant::now();
    let mut writer = Some(writer);
    let mut last_written = None;
    let mut applied = 0;
    loop {
        if let Some(w) = writer.take_if(|w| w.is_finished()) {
            last_written = Some(w.join().unwrap());
        }
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(feed) => {
                update(&mut app, Msg::Feed(Box::new(feed)));
                applied += 1;
                if let Some(l) = app.contests().first() {
                    let shown = tally::import::dataset::to_json(&l.contest).unwrap();
                    assert!(
                        valid.contains(&shown),
                        "the model holds something that was never a valid version"
                    );
                }
            }
            Err(_) => {
                if let Some(last) = &last_written {
                    let shown = app
                        .contests()
                        .first()
                        .map(|l| tally::import::dataset::to_json(&l.contest).unwrap());
                    if shown.as_ref() == Some(last) && app.live_state().unwrap().problem.is_none() {
                        break;
                    }
                }
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the loader did not settle on the last valid version"
        );
    }
    assert!(applied > 10, "the loader reported the changes ({applied})");
    let final_count = &app.contest().count;
    assert_eq!(
        final_count.rounds[1].tally(0).map(|v| v.get()),
        Some(1_310_143)
    );
}

fn live_screen(k: usize) -> String {
    live_screen_at(k, 100, 34)
}

fn live_screen_at(k: usize, w: u16, h: u16) -> String {
    let mut app = App::live(
        "night.json",
        Options {
            animate: false,
            ..Options::default()
        },
    );
    update(&mut app, Msg::Tick(Duration::from_secs(60)));
    let loaded = tally::count::Counted::new(stages_2016()[k].clone(), Vec::new()).unwrap();
    let at = DateTime::parse_from_rfc3339("2016-05-06T23:41:07+01:00").unwrap();
    update(
        &mut app,
        Msg::Feed(Box::new(Feed::Counted {
            generation: 1,
            loaded: Box::new(loaded),
            at,
        })),
    );
    update(&mut app, Msg::Tick(Duration::from_secs(180)));
    let buf = tally::headless::render_app(&mut app, w, h);
    tally::export::txt(&buf)
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The list of areas still out is never cut mid-sentence: it is whole, or said shorter,
/// at every size and every stage of the night.
#[test]
fn the_areas_still_out_are_never_cut_off() {
    for k in 0..14 {
        for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60)] {
            let screen = live_screen_at(k, w, h);
            let flat = squeeze(&screen);
            let Some(at) = flat.find("Still to declare") else {
                continue;
            };
            let tail = &flat[at..];
            assert!(
                tail.contains("early declarations need not be representative of the rest.")
                    || tail.contains("Totals so far may not represent the rest."),
                "stage {k} at {w}x{h}: the list of areas still out is cut:\n{screen}"
            );
        }
    }
    // The status line leaves out what does not fit rather than cutting it.
    for (w, h) in [(60, 20), (80, 24), (120, 40)] {
        let screen = live_screen_at(7, w, h);
        let status = screen.lines().find(|l| l.contains("● LIVE")).unwrap();
        let end = status.trim_end();
        assert!(
            end.ends_with("night.json")
                || end.ends_with("ago")
                || end.ends_with("declared")
                || end.ends_with(":07"),
            "{w}x{h}: the status line is cut: {status}"
        );
    }
    let small = live_screen_at(3, 80, 24);
    assert!(
        small.contains("Still to declare: 11 of 14 areas (listed in the Areas view, 4)"),
        "{small}"
    );
}

#[test]
fn live_header_and_outstanding_areas_at_0_7_and_14_of_14() {
    for k in [0, 7, 14] {
        insta::assert_snapshot!(format!("live_{k}_of_14"), live_screen(k));
    }
}

/// The live viewer on the Areas view after stage `k` of the 2016 replay arrived (stage
/// `k - 1` before it), `since` after it arrived: the area it declared is new for 5 seconds.
fn live_areas_at(k: usize, since: Duration, w: u16, h: u16) -> String {
    let mut app = App::live(
        "night.json",
        Options {
            animate: false,
            ..Options::default()
        },
    );
    let stages = stages_2016();
    let at = DateTime::parse_from_rfc3339("2016-05-06T23:41:07+01:00").unwrap();
    update(&mut app, Msg::Tick(Duration::from_secs(60)));
    update(&mut app, Msg::Show(tally::app::View::Areas));
    for (generation, stage) in [k.saturating_sub(1), k].into_iter().enumerate() {
        let loaded = tally::count::Counted::new(stages[stage].clone(), Vec::new()).unwrap();
        update(
            &mut app,
            Msg::Feed(Box::new(Feed::Counted {
                generation: generation as u64 + 1,
                loaded: Box::new(loaded),
                at,
            })),
        );
    }
    update(&mut app, Msg::Tick(Duration::from_secs(60) + since));
    let buf = tally::headless::render_app(&mut app, w, h);
    tally::export::txt(&buf)
}

#[test]
fn live_areas_view_with_declaration_times_at_0_7_and_14_of_14() {
    let fresh = Duration::from_secs(2);
    for k in [0, 7, 14] {
        insta::assert_snapshot!(
            format!("live_areas_{k}_of_14"),
            live_areas_at(k, fresh, 100, 34)
        );
    }
    insta::assert_snapshot!("live_areas_7_of_14_80x24", live_areas_at(7, fresh, 80, 24));
}

/// The replay's illustrative times say so in the ticker, and in the Areas view; the latest
/// declaration comes first in the ticker.
#[test]
fn illustrative_times_say_so_on_screen() {
    let screen = live_areas_at(7, Duration::from_secs(120), 120, 40);
    let ticker = screen
        .lines()
        .find(|l| l.contains("Latest (illustrative times): "))
        .unwrap_or_else(|| panic!("{screen}"));
    let stages = stages_2016();
    let newest = stages[7]
        .areas
        .iter()
        .flatten()
        .filter(|a| a.declared_at.is_some())
        .max_by_key(|a| a.declared_at)
        .unwrap();
    let first = ticker.split("): ").nth(1).unwrap();
    assert!(first.starts_with(&format!(
        "{} {}",
        newest.declared_at.unwrap().format("%H:%M"),
        newest.name
    )));
    assert!(
        screen.contains("Sorted by name (s changes the sort) · illustrative order and times"),
        "{screen}"
    );
    assert!(!live_areas_at(0, Duration::ZERO, 120, 40).contains("Latest"));
}

/// A script reading a replayed night's file as JSON learns that its times are made up; a
/// real contest says nothing of the kind.
#[test]
fn the_rounds_json_of_a_replayed_night_says_its_times_are_illustrative() {
    let json = |c: &Contest| {
        let counted = tally::count::Counted::new(c.clone(), Vec::new()).unwrap();
        let text = tally::report::rounds(&counted, tally::report::Format::Json);
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    };
    let night = json(&stages_2016()[7]);
    assert_eq!(night["declaration_times"], "illustrative");
    let areas = night["areas"].as_array().unwrap();
    let timed = areas.iter().filter(|a| a["declared_at"].is_string());
    assert_eq!(timed.count(), 7, "the 7 areas declared so far have times");
    let full = tally::import::embedded::get("london-2016")
        .unwrap()
        .load()
        .unwrap();
    assert!(json(&full.contest)["declaration_times"].is_null());
}
