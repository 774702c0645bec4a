//! The viewer, tested without a terminal: whole screens rendered to ratatui's TestBackend
//! and compared with insta snapshots, styles asserted on key cells, scripted key sequences
//! driven through `update` with an injected clock, and a sweep of sizes from 1×1 up.

// Helpers outside `#[test]` functions unwrap too: a panic is a failed test with its message.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use tally::app::keys::Key;
use tally::app::{App, Msg, Options, Theme, View, update};
use tally::ui::Screen;

const LONDON: [&str; 7] = [
    "london-2000",
    "london-2004",
    "london-2008",
    "london-2012",
    "london-2016",
    "london-2021",
    "london-2024",
];

fn app_at(id: &str, options: Options) -> App {
    let index = LONDON.iter().position(|i| *i == id).unwrap();
    App::new(tally::import::load_all().unwrap(), index, options)
}

fn still(id: &str) -> App {
    app_at(
        id,
        Options {
            animate: false,
            ..Options::default()
        },
    )
}

fn render(app: &App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| f.render_widget(Screen { app }, f.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text, one line per row, trailing spaces trimmed.
fn text(buf: &Buffer) -> String {
    let w = buf.area.width as usize;
    let mut out = String::new();
    for row in buf.content.chunks(w) {
        let line: String = row.iter().map(|c| c.symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn screen(app: &App, w: u16, h: u16) -> String {
    text(&render(app, w, h))
}

fn key(app: &mut App, k: Key) {
    update(app, Msg::Key(k));
}

#[test]
fn every_view_before_and_after_the_transfer() {
    for id in ["london-2004", "london-2012", "london-2021"] {
        for (w, h) in [(80, 24), (120, 40)] {
            for (view, digit) in [
                (View::Count, '1'),
                (View::Shares, '2'),
                (View::Elections, '3'),
                (View::Areas, '4'),
                (View::Help, '?'),
            ] {
                let mut app = still(id);
                key(&mut app, Key::Char(digit));
                assert_eq!(app.view(), view);
                insta::assert_snapshot!(format!("{id}_{view:?}_first_{w}x{h}"), screen(&app, w, h));
                if view == View::Count || view == View::Shares {
                    key(&mut app, Key::End);
                    insta::assert_snapshot!(
                        format!("{id}_{view:?}_final_{w}x{h}"),
                        screen(&app, w, h)
                    );
                }
            }
        }
    }
}

#[test]
fn the_2004_screen_shows_the_declared_figures() {
    let mut app = still("london-2004");
    let first = screen(&app, 100, 30);
    assert!(
        first.contains("685,541") && first.contains("542,423"),
        "{first}"
    );
    key(&mut app, Key::Right);
    let last = screen(&app, 100, 30);
    for figure in ["828,380", "667,178", "368,113", "ELECTED"] {
        assert!(last.contains(figure), "missing {figure}:\n{last}");
    }
}

#[test]
fn areas_view_of_2016_lists_every_constituency() {
    let mut app = still("london-2016");
    key(&mut app, Key::Char('4'));
    insta::assert_snapshot!("london-2016_Areas_120x40", screen(&app, 120, 40));
}

/// The cell where `needle` starts on the screen.
fn find(buf: &Buffer, needle: &str) -> (u16, u16) {
    let t = text(buf);
    for (y, line) in t.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count() as u16;
            return (x, y as u16);
        }
    }
    panic!("{needle:?} not on screen:\n{t}");
}

#[test]
fn winner_and_eliminated_are_styled_and_marked_in_text() {
    let mut app = still("london-2004");
    key(&mut app, Key::End);
    let buf = render(&app, 100, 30);
    let (x, y) = find(&buf, "✓ Ken Livingstone");
    let tick = &buf[(x, y)];
    assert!(tick.modifier.contains(Modifier::BOLD));
    assert_eq!(tick.fg, Color::LightGreen);
    let (x, y) = find(&buf, "✗ Simon Hughes");
    assert_eq!(buf[(x, y)].fg, Color::Gray, "eliminated is dimmed");
    let (bx, by) = find(&buf, "ELECTED");
    assert!(buf[(bx, by)].modifier.contains(Modifier::BOLD));
}

#[test]
fn mono_uses_no_colour_and_still_marks_every_state() {
    let mut app = app_at(
        "london-2004",
        Options {
            animate: false,
            theme: Theme::Mono,
            ..Options::default()
        },
    );
    key(&mut app, Key::End);
    let buf = render(&app, 100, 30);
    for cell in &buf.content {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "a coloured cell {:?}",
            cell.symbol()
        );
    }
    let t = text(&buf);
    assert!(
        t.contains("✓ Ken Livingstone")
            && t.contains("ELECTED")
            && t.contains("✗ Simon Hughes")
            && t.contains("out")
    );
}

#[test]
fn scripted_session_with_an_injected_clock() {
    let ms = Duration::from_millis;
    let mut app = app_at("london-2004", Options::default());
    let mut frames = Vec::new();
    let mut snap =
        |app: &App, label: &str| frames.push(format!("=== {label}\n{}", screen(app, 80, 24)));

    update(&mut app, Msg::Tick(ms(750)));
    snap(&app, "the first count half grown");
    update(&mut app, Msg::Tick(ms(1600)));
    assert_eq!(app.next_deadline(), None, "idle after the animation");
    snap(&app, "first count complete");
    key(&mut app, Key::Right);
    update(&mut app, Msg::Tick(ms(2350)));
    snap(&app, "the transfer half way");
    key(&mut app, Key::Char(' '));
    snap(
        &app,
        "space finishes the animation; at the last step play restarts from the first count",
    );
    for t in (2_400..=30_000).step_by(100) {
        update(&mut app, Msg::Tick(ms(t)));
    }
    assert!(!app.is_playing(), "play stops at the last step");
    assert_eq!(app.round(), 1);
    snap(&app, "play ran through to the result");
    key(&mut app, Key::Char(']'));
    update(&mut app, Msg::Tick(ms(40_000)));
    snap(&app, "next contest: 2008");
    key(&mut app, Key::Tab);
    key(&mut app, Key::Tab);
    snap(&app, "Tab twice: Elections");
    update(&mut app, Msg::Resize(60, 20));
    frames.push(format!("=== resized to 60x20\n{}", screen(&app, 60, 20)));
    frames.push(format!("=== resized to 30x8\n{}", screen(&app, 30, 8)));
    key(&mut app, Key::Char('q'));
    assert_eq!(app.exit(), Some(tally::app::Exit::Quit));
    insta::assert_snapshot!("scripted_session", frames.join("\n"));
}

#[test]
fn no_size_from_1x1_up_panics_in_any_view_or_step() {
    let widths: Vec<u16> = (1..=250).step_by(13).chain([39, 40, 41, 80, 250]).collect();
    let heights: Vec<u16> = (1..=80).step_by(7).chain([11, 12, 13, 24, 80]).collect();
    let views = ['1', '2', '3', '4', '?'];
    // Straight into a buffer (the widgets are what can panic, not the test terminal), and
    // the contests shared between two threads: this is most of the suite's time.
    let sweep = |ids: Vec<&str>| {
        for id in ids {
            let mut app = app_at(id, Options::default());
            let rounds = app.contest().count.rounds.len();
            for step in 0..rounds {
                // Mid-animation too: half way into this step.
                for mid in [false, true] {
                    for v in views {
                        key(&mut app, Key::Char(v));
                        // Step k + 1 is round k counted; half a step less is half way
                        // through the transfer into it.
                        let at = if mid && step > 0 {
                            step as f64 + 0.5
                        } else {
                            step as f64 + 1.0
                        };
                        update(&mut app, Msg::Seek(at));
                        for &w in &widths {
                            for &h in &heights {
                                tally::headless::render_app(&mut app, w, h);
                            }
                        }
                    }
                }
            }
        }
    };
    let (even, odd): (Vec<_>, Vec<_>) = LONDON.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    std::thread::scope(|s| {
        s.spawn(|| sweep(even.into_iter().map(|(_, id)| *id).collect()));
        s.spawn(|| sweep(odd.into_iter().map(|(_, id)| *id).collect()));
    });
}

/// Draw as the viewer's loop does (the drawing's geometry goes back to the app) and read
/// the screen as text.
fn drawn(app: &mut App, w: u16, h: u16) -> String {
    text(&tally::headless::render_app(app, w, h))
}

#[test]
fn scrolling_stops_at_the_end_and_one_key_comes_back() {
    // 2021 has 20 candidates: at 80×24 the Count view scrolls.
    let mut app = still("london-2021");
    let top = drawn(&mut app, 80, 24);
    assert!(top.contains("more (j/↓)"), "{top}");
    for _ in 0..100 {
        key(&mut app, Key::Down);
        drawn(&mut app, 80, 24);
    }
    let end = drawn(&mut app, 80, 24);
    assert!(end.contains("↑ scrolled (k/↑)"), "{end}");
    key(&mut app, Key::Up);
    let back = drawn(&mut app, 80, 24);
    assert!(
        back.contains("↓ 1 more (j/↓)"),
        "one key back is one row back, not a dead zone: {back}"
    );
}

#[test]
fn help_scrolls_to_its_last_line_and_no_further() {
    let mut app = still("london-2004");
    key(&mut app, Key::Char('?'));
    for _ in 0..500 {
        key(&mut app, Key::Down);
        drawn(&mut app, 80, 24);
    }
    let end = drawn(&mut app, 80, 24);
    let rows: Vec<&str> = end.lines().collect();
    // Row 22 is the last of the view, above the footer.
    assert!(
        rows[22].contains("Press ? again to go back"),
        "the last line of help ends the view: {end}"
    );
    let filled = rows[4..23].iter().filter(|r| !r.trim().is_empty()).count();
    assert!(
        filled >= 15,
        "help fills the view, not a blank screen: {end}"
    );
    key(&mut app, Key::Up);
    let back = drawn(&mut app, 80, 24);
    assert_ne!(back, end, "one key up scrolls back at once");
}
