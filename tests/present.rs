//! Presenter mode: snapshots of each kind of beat at 80×24 and at a projector's full screen,
//! and scripted key sequences through `update`.

// Helpers outside `#[test]` functions unwrap too: a panic is a failed test with its message.
#![allow(clippy::unwrap_used)]

use tally::app::keys::Key;
use tally::app::{App, Msg, Options, Theme, update};
use tally::export::txt;
use tally::headless::render_app;
use tally::story::present::{Beat, beats};

fn presenting(id: &str) -> App {
    presenting_in(id, Theme::Dark)
}

fn presenting_in(id: &str, theme: Theme) -> App {
    let index = tally::import::embedded::ALL
        .iter()
        .position(|e| e.id == id)
        .unwrap();
    let mut app = App::new(
        tally::import::load_all().unwrap(),
        index,
        Options {
            animate: false,
            theme,
            ..Options::default()
        },
    );
    update(&mut app, Msg::Key(Key::Char('P')));
    assert!(app.presenter().is_some(), "P opens presenter mode");
    app
}

fn key(app: &mut App, k: Key) {
    update(app, Msg::Key(k));
}

fn go_to(app: &mut App, beat: Beat) {
    let all = beats(app.contest());
    let target = all.iter().position(|b| *b == beat).unwrap();
    key(app, Key::Home);
    for _ in 0..target {
        key(app, Key::Right);
    }
}

#[test]
fn every_kind_of_beat_at_80x24_and_projector_size() {
    let mut app = presenting("london-2004");
    for (label, beat) in [
        ("candidates", Beat::Candidates),
        ("reveal-3", Beat::Reveal(3)),
        ("majority", Beat::Majority),
        ("eliminate", Beat::Eliminate(0)),
        ("transfer", Beat::Transfer(1, 0)),
        ("who-wins", Beat::WhoWins),
        ("winner", Beat::Winner),
    ] {
        go_to(&mut app, beat);
        insta::assert_snapshot!(
            format!("present_2004_{label}_80x24"),
            txt(&render_app(&mut app, 80, 24))
        );
    }
    go_to(&mut app, Beat::Transfer(1, 0));
    insta::assert_snapshot!(
        "present_2004_transfer_200x60",
        txt(&render_app(&mut app, 200, 60))
    );
}

#[test]
fn the_whole_lesson_by_key_presses() {
    let mut app = presenting("london-2004");
    let total = beats(app.contest()).len();
    assert_eq!(total, 17);
    let mut seen = Vec::new();
    for _ in 0..total + 3 {
        seen.push(txt(&render_app(&mut app, 80, 24)));
        key(&mut app, Key::Right);
    }
    assert_eq!(
        app.presenter().unwrap().beat,
        total - 1,
        "stops at the winner"
    );
    let all = seen.join("\n");
    for figure in [
        "6,692",
        "685,541",
        "931,836",
        "828,380",
        "667,178",
        "368,113",
        "Who wins?",
        "WINS",
    ] {
        assert!(all.contains(figure), "the lesson never shows {figure}");
    }
    key(&mut app, Key::Left);
    assert_eq!(app.presenter().unwrap().beat, total - 2, "back one beat");
    key(&mut app, Key::Char('P'));
    assert!(app.presenter().is_none(), "P leaves presenter mode");
}

#[test]
fn all_at_once_hidden_numbers_and_explainers() {
    let mut app = presenting("london-2004");
    key(&mut app, Key::Char('a'));
    let screen = txt(&render_app(&mut app, 100, 30));
    assert!(
        screen.contains("The majority line"),
        "a jumps past the reveals:\n{screen}"
    );

    key(&mut app, Key::Char('n'));
    let hidden = txt(&render_app(&mut app, 100, 30));
    assert!(
        !hidden.contains("685,541"),
        "n hides the numbers:\n{hidden}"
    );
    key(&mut app, Key::Right);
    let revealed = txt(&render_app(&mut app, 100, 30));
    assert!(revealed.contains("685,541"), "the next key reveals them");
    assert!(revealed.contains("The majority line"), "…without moving on");

    key(&mut app, Key::Char('e'));
    let explain = txt(&render_app(&mut app, 100, 40));
    assert!(
        explain.contains("Ken Livingstone would also have won, with 36.8%"),
        "{explain}"
    );
}

#[test]
fn the_winners_label_is_whole_however_many_digits() {
    let mut app = presenting("london-2016");
    key(&mut app, Key::End);
    let screen = txt(&render_app(&mut app, 120, 36));
    assert!(screen.contains("1,310,143 WINS"), "{screen}");
}

#[test]
fn presenter_mode_never_panics_at_any_size_or_beat() {
    for id in ["london-2004", "london-2021", "london-2024"] {
        let mut app = presenting(id);
        let total = beats(app.contest()).len();
        for _ in 0..total {
            for (w, h) in [
                (1, 1),
                (20, 5),
                (40, 12),
                (80, 24),
                (120, 40),
                (250, 80),
                (400, 110),
            ] {
                render_app(&mut app, w, h);
            }
            key(&mut app, Key::Right);
        }
    }
    let mut mono = presenting_in("london-2004", Theme::Mono);
    key(&mut mono, Key::End);
    let buf = render_app(&mut mono, 120, 40);
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset),
        "mono: no colour"
    );
}
