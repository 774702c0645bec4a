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

/// The screen as text, one line per row, trailing spaces trimmed: as `tally render` writes it.
fn text(buf: &Buffer) -> String {
    tally::export::txt(buf)
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
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
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

#[test]
fn areas_view_of_2024_says_when_more_areas_are_below() {
    let mut app = still("london-2024");
    key(&mut app, Key::Char('4'));
    let small = screen(&app, 80, 24);
    assert!(small.contains("↓ 7 more (j/↓)"), "{small}");
    insta::assert_snapshot!("london-2024_Areas_80x24", small);
    let big = screen(&app, 200, 60);
    assert!(!big.contains("more (j/↓)"), "all 14 fit: {big}");
    insta::assert_snapshot!("london-2024_Areas_200x60", big);
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
    // The eliminated listed one by one, not folded.
    key(&mut app, Key::Char('o'));
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
    key(&mut app, Key::Char('o'));
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
    snap(&app, "space pauses the transfer half way");
    assert_eq!(app.next_deadline(), None, "paused: no frames");
    let paused = screen(&app, 80, 24);
    update(&mut app, Msg::Tick(ms(2_800)));
    assert_eq!(screen(&app, 80, 24), paused, "nothing moves while paused");
    key(&mut app, Key::Char(' '));
    update(&mut app, Msg::Tick(ms(3_600)));
    assert_eq!(app.next_deadline(), None, "resumed and finished");
    key(&mut app, Key::Char(' '));
    snap(&app, "at the last step space plays from the first count");
    for t in (3_700..=30_000).step_by(100) {
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
    let top = drawn(&mut app, 80, 24);
    assert!(top.contains("more (j/↓)"), "help says it goes on: {top}");
    for _ in 0..500 {
        key(&mut app, Key::Down);
        drawn(&mut app, 80, 24);
    }
    let end = drawn(&mut app, 80, 24);
    let rows: Vec<&str> = end.lines().collect();
    // Row 22 is the last of the view, above the footer: the scroll hint, under the last
    // line of help.
    assert!(
        rows[21].contains("Press ? or Esc to go back") && rows[22].contains("↑ scrolled"),
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

/// The sizes issue 11 names: every render at these must say its sentences whole.
const SIZES: [(u16, u16); 4] = [(60, 20), (80, 24), (120, 40), (200, 60)];

/// Text with every run of whitespace made one space, for finding a wrapped sentence.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every moment of the count: each round settled, and half way into each.
fn moments(app: &App) -> Vec<f64> {
    let steps = app.steps();
    let mut out = Vec::new();
    for k in 1..=steps {
        out.push(k as f64 - 0.5);
        out.push(k as f64);
    }
    out
}

/// The Count view's sentence now, as the view chooses it (moving or settled).
fn narration(app: &App) -> String {
    tally::ui::count::narration(app, &app.shown()).to_string()
}

#[test]
fn no_sentence_is_cut_in_the_count_view_at_any_size_or_step() {
    for id in LONDON {
        let mut app = app_at(id, Options::default());
        for at in moments(&app) {
            for (w, h) in SIZES {
                update(&mut app, Msg::Show(View::Count));
                update(&mut app, Msg::Seek(at));
                let said = squeeze(&narration(&app));
                let first = drawn(&mut app, w, h);
                if squeeze(&first).contains(&said) {
                    continue;
                }
                assert!(
                    first.contains("more (j/↓)"),
                    "{id} step {at} at {w}x{h}: the sentence is cut with no \"more\":\n{first}\n{said}"
                );
                // Scrolling to the end shows the rest of it.
                let ending: String = said
                    .chars()
                    .rev()
                    .take(40)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                key(&mut app, Key::Char('G'));
                let end = drawn(&mut app, w, h);
                assert!(
                    squeeze(&end).contains(&ending),
                    "{id} step {at} at {w}x{h}: the end of the sentence is never shown:\n{end}"
                );
            }
        }
    }
}

/// The column of `ch` on each row where it appears.
fn columns_of(buf: &Buffer, ch: &str) -> Vec<u16> {
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol() == ch {
                out.push(x);
            }
        }
    }
    out
}

#[test]
fn the_majority_marker_is_always_under_the_threshold_line() {
    for id in LONDON {
        let mut app = app_at(id, Options::default());
        for at in moments(&app) {
            for (w, h) in SIZES.into_iter().chain([(70, 22), (100, 30)]) {
                update(&mut app, Msg::Seek(at));
                let buf = tally::headless::render_app(&mut app, w, h);
                let line = columns_of(&buf, "┊");
                let marker = columns_of(&buf, "▲");
                if line.is_empty() {
                    continue;
                }
                assert_eq!(marker.len(), 1, "{id} {at} {w}x{h}:\n{}", text(&buf));
                assert!(
                    line.iter().all(|x| *x == marker[0]),
                    "{id} step {at} at {w}x{h}: ▲ at {} but the line at {line:?}:\n{}",
                    marker[0],
                    text(&buf)
                );
            }
        }
    }
}

#[test]
fn first_past_the_post_draws_the_line_its_marker_points_at() {
    // `tally london-2024`: the ▲ under "majority 1,242,217 (not needed)" used to point at
    // nothing, as no line was drawn under first past the post.
    let app = still("london-2024");
    for (w, h) in [(60, 20), (80, 24), (200, 60)] {
        let buf = render(&app, w, h);
        let line = columns_of(&buf, "┊");
        let marker = columns_of(&buf, "▲");
        assert_eq!(marker.len(), 1, "{w}x{h}:\n{}", text(&buf));
        assert!(
            !line.is_empty() && line.iter().all(|x| *x == marker[0]),
            "{w}x{h}: ▲ at {marker:?}, line at {line:?}:\n{}",
            text(&buf)
        );
        if w >= 80 {
            assert!(text(&buf).contains("majority 1,242,217 (not needed"));
        }
        insta::assert_snapshot!(format!("london-2024_Count_{w}x{h}"), text(&buf));
    }
}

#[test]
fn the_final_round_line_is_not_called_what_wins() {
    // The Supplementary Vote's second round is won by the most votes: more than half is
    // not needed, whether the winner has it (London 2004) or not (an 8–8 tie).
    let mut app = tie_app();
    update(&mut app, Msg::Seek(2.0));
    let small = drawn(&mut app, 80, 24);
    assert!(
        small.contains("9 = more than half (not needed) ▲"),
        "{small}"
    );
    let big = drawn(&mut app, 200, 60);
    assert!(
        big.contains("9 = more than half of 16 (not needed in the final round) ▲"),
        "{big}"
    );
    for screen in [&small, &big] {
        assert!(!screen.contains("to win"), "{screen}");
    }
    let mut app = still("london-2004");
    let first = screen(&app, 80, 24);
    assert!(
        first.contains("931,836 to win: more than half of 1,863,671 ▲"),
        "{first}"
    );
    key(&mut app, Key::End);
    let last = screen(&app, 80, 24);
    assert!(
        last.contains("747,780 = more than half (not needed) ▲"),
        "{last}"
    );
    assert!(!last.contains("to win"), "{last}");
}

#[test]
fn the_finalists_stay_in_view_and_the_eliminated_fold_into_one_row() {
    let mut app = app_at("london-2021", Options::default());
    update(&mut app, Msg::Seek(1.0));
    // Scrolled to the bottom of the first count, then the transfer starts.
    key(&mut app, Key::Char('G'));
    drawn(&mut app, 80, 24);
    update(&mut app, Msg::Seek(1.5));
    for _ in 0..30 {
        key(&mut app, Key::Down);
        drawn(&mut app, 80, 24);
    }
    let mid = drawn(&mut app, 80, 24);
    assert!(
        mid.contains("Sadiq Khan") && mid.contains("Shaun Bailey"),
        "both finalists on screen during the transfer, however scrolled:\n{mid}"
    );
    update(&mut app, Msg::Seek(2.0));
    let end = drawn(&mut app, 80, 24);
    assert!(end.contains("18 others out (o lists them)"), "{end}");
    assert!(
        end.contains("Sadiq Khan wins with 1,206,034 votes"),
        "{end}"
    );
    insta::assert_snapshot!("london-2021_Count_final_folded_80x24", end);
    key(&mut app, Key::Char('o'));
    let open = drawn(&mut app, 80, 24);
    assert!(
        open.contains("Siân Berry") && !open.contains("others out"),
        "{open}"
    );
    assert!(
        open.contains("Sadiq Khan") && open.contains("more (j/↓)"),
        "{open}"
    );
    key(&mut app, Key::Char('o'));
    assert!(drawn(&mut app, 80, 24).contains("18 others out"));
}

fn tie_app() -> App {
    let path = std::path::Path::new("tests/data/ballots/tie.csv");
    let about = tally::count::ballots::About {
        title: "Class trip".into(),
        source: path.display().to_string(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    };
    let tallied = tally::count::ballots::tally_file(
        path,
        &[tally::model::VotingSystem::SupplementaryVote],
        &about,
    )
    .unwrap();
    App::new(
        tallied.counted,
        0,
        Options {
            animate: false,
            ..Options::default()
        },
    )
}

#[test]
fn a_tie_is_told_with_the_rule_that_broke_it() {
    let mut app = tie_app();
    update(&mut app, Msg::Seek(1.0));
    for (w, h) in [(80, 24), (200, 60)] {
        let first = drawn(&mut app, w, h);
        assert!(
            squeeze(&first).contains(
                "Zoo and Beach tied for second place on 5 votes: Zoo goes through, the tie broken by the order of the candidates"
            ),
            "{first}"
        );
        insta::assert_snapshot!(format!("tie_first_{w}x{h}"), first);
    }
    update(&mut app, Msg::Seek(2.0));
    for (w, h) in [(80, 24), (200, 60)] {
        let last = drawn(&mut app, w, h);
        assert!(
            squeeze(&last).contains(
                "Museum and Zoo tied for first place on 8 votes: Museum wins, the tie broken by the order of the candidates"
            ),
            "{last}"
        );
        insta::assert_snapshot!(format!("tie_final_{w}x{h}"), last);
    }
}

#[test]
fn while_the_bars_move_the_sentence_does_not_run_ahead() {
    let mut app = app_at("london-2004", Options::default());
    update(&mut app, Msg::Seek(1.5));
    let mid = drawn(&mut app, 80, 24);
    assert!(!mid.contains("wins with"), "{mid}");
    assert!(!mid.contains("828,380"), "{mid}");
    assert!(mid.contains("are being looked at for a second"), "{mid}");
    update(&mut app, Msg::Seek(0.5));
    let growing = drawn(&mut app, 80, 24);
    assert!(!growing.contains("leads with"), "{growing}");
    assert!(
        growing.contains("Counting the first preferences"),
        "{growing}"
    );
}

#[test]
fn the_shares_view_follows_the_step() {
    let mut app = still("london-2021");
    key(&mut app, Key::Char('2'));
    update(&mut app, Msg::Seek(1.0));
    let first = drawn(&mut app, 80, 24);
    assert!(
        !first.contains('✓'),
        "no winner before the count has one:\n{first}"
    );
    assert!(
        !first.contains("47.6%"),
        "no final-round share yet:\n{first}"
    );
    assert_eq!(
        first.matches("not counted yet").count(),
        1,
        "said once, not in the title, the column and the sentence:\n{first}"
    );
    let wide = drawn(&mut app, 200, 60);
    assert_eq!(wide.matches("not counted yet").count(), 1, "{wide}");
    update(&mut app, Msg::Seek(2.0));
    let last = drawn(&mut app, 80, 24);
    assert!(
        last.contains("✓ Sadiq Khan") && last.contains("47.6%"),
        "{last}"
    );
}

#[test]
fn the_footer_shows_the_speed_set_and_says_pause_while_playing() {
    let ms = Duration::from_millis;
    let mut app = app_at("london-2004", Options::default());
    update(&mut app, Msg::Tick(ms(2000)));
    key(&mut app, Key::Char('+'));
    let faster = screen(&app, 80, 24);
    let footer = faster.lines().nth(23).unwrap();
    assert!(footer.contains("speed 1.5× (1.0 s a step)"), "{footer}");
    update(&mut app, Msg::Tick(ms(4100)));
    let later = screen(&app, 80, 24);
    assert!(!later.contains("speed 1.5×"), "the notice passes:\n{later}");
    key(&mut app, Key::Char(' '));
    let playing = screen(&app, 80, 24);
    assert!(
        playing.lines().nth(23).unwrap().contains("Space pause"),
        "{playing}"
    );
}

#[test]
fn a_narrow_footer_keeps_help_and_quit() {
    let app = app_at("london-2004", Options::default());
    for w in [40, 60, 80] {
        let s = screen(&app, w, 20);
        let footer = s.lines().last().unwrap();
        for item in ["← → step", "? help", "q quit"] {
            assert!(footer.contains(item), "{w}: {footer}");
        }
    }
    let s = screen(&app, 60, 20);
    assert!(!s.lines().last().unwrap().contains("P present"));
}

/// London 2021 one step into its transfer, `after` into it, at the default speed: the
/// first count settled, → pressed, the clock moved on (frozen with `Msg::Tick`).
fn london_2021_transfer_after(after: Duration) -> App {
    let mut app = app_at("london-2021", Options::default());
    update(&mut app, Msg::Tick(Duration::from_secs(2)));
    key(&mut app, Key::Right);
    update(&mut app, Msg::Tick(Duration::from_secs(2) + after));
    app
}

#[test]
fn the_2021_transfer_names_the_source_moving_and_shows_its_row() {
    let ms = Duration::from_millis;
    // Siân Berry's ballots move first: the most.
    let app = london_2021_transfer_after(ms(500));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&app, w, h);
        assert!(
            squeeze(&s).contains(
                "Siân Berry's 197,976 ballots: 93,745 to Sadiq Khan, 14,969 to Shaun Bailey, the rest non-transferable."
            ),
            "{s}"
        );
        assert!(s.contains("✗ Siân Berry"), "{s}");
        assert!(
            !s.contains("wins with"),
            "the sentence does not run ahead:\n{s}"
        );
        insta::assert_snapshot!(format!("london-2021_transfer_berry_{w}x{h}"), s);
    }
    // Late in the transfer a small source moves, below the rows that fit at 80×24: the list
    // scrolls to show it, whatever its own scroll.
    let mut app = london_2021_transfer_after(ms(5_000));
    let said = narration(&app);
    let who = said.split("'s ").next().unwrap().to_string();
    assert!(said.contains(" ballots: "), "{said}");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&app, w, h);
        assert!(
            s.contains(&format!("✗ {who}")),
            "{who}'s row is on screen:\n{s}"
        );
        insta::assert_snapshot!(format!("london-2021_transfer_late_{w}x{h}"), s);
    }
    key(&mut app, Key::Char('g'));
    assert!(
        narration(&app).contains("Sadiq Khan wins"),
        "a key completes the transfer"
    );
}

#[test]
fn space_pauses_the_transfer_on_its_source_and_resumes_it() {
    let ms = Duration::from_millis;
    let mut app = london_2021_transfer_after(ms(500));
    key(&mut app, Key::Char(' '));
    assert!(app.is_paused());
    assert_eq!(app.next_deadline(), None, "paused: no frames, no CPU");
    let before = narration(&app);
    update(&mut app, Msg::Tick(ms(60_000)));
    assert_eq!(narration(&app), before, "still on Siân Berry");
    assert!(screen(&app, 80, 24).contains("paused"));
    key(&mut app, Key::Char(' '));
    assert!(!app.is_paused() && app.next_deadline().is_some(), "resumed");
    update(&mut app, Msg::Tick(ms(70_000)));
    assert_eq!(app.next_deadline(), None, "and finished");
    assert!(narration(&app).contains("Sadiq Khan wins"));
}

#[test]
fn without_a_matrix_the_transfer_moves_as_one_as_before() {
    for id in ["london-2004", "london-2016"] {
        let mut app = app_at(id, Options::default());
        update(&mut app, Msg::Tick(Duration::from_secs(2)));
        key(&mut app, Key::Right);
        update(&mut app, Msg::Tick(Duration::from_millis(2_750)));
        assert!(
            narration(&app).contains("are being looked at for a second choice"),
            "{id}: {}",
            narration(&app)
        );
        // One step's time, as before.
        update(&mut app, Msg::Tick(Duration::from_millis(3_499)));
        assert!(app.next_deadline().is_some(), "{id}");
        update(&mut app, Msg::Tick(Duration::from_millis(3_500)));
        assert_eq!(app.next_deadline(), None, "{id}");
    }
}
