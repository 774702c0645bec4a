//! The app's own tests: messages in, state and deadlines out.

use super::*;
use crate::app::keys::Key;

fn app(animate: bool) -> App {
    let all = crate::import::load_all().unwrap();
    App::new(
        all,
        1,
        Options {
            animate,
            ..Options::default()
        },
    )
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn opens_on_the_first_count_growing_and_settles() {
    let mut a = app(true);
    assert_eq!(a.contest().contest.id, "london-2004");
    assert!(a.animation.is_some());
    assert_eq!(a.next_deadline(), Some(FRAME));
    assert!(update(&mut a, Msg::Tick(ms(2000))));
    assert!(a.animation.is_none());
    assert_eq!(a.next_deadline(), None, "idle: no wake-ups");
    assert_eq!(a.shown().votes[0], Some(685_541.0));
}

#[test]
fn a_key_during_an_animation_completes_it_then_acts() {
    let mut a = app(true);
    update(&mut a, Msg::Key(Key::Right));
    assert_eq!(a.round, 1);
    assert!(a.animation.is_some(), "the transfer animates");
    update(&mut a, Msg::Key(Key::Left));
    assert_eq!(
        (a.round, a.animation),
        (0, None),
        "stepping back is immediate"
    );
}

#[test]
fn without_animation_steps_are_immediate() {
    let mut a = app(false);
    assert!(a.animation.is_none());
    update(&mut a, Msg::Key(Key::Right));
    assert_eq!(a.shown().votes[0], Some(828_380.0));
    assert!(
        !update(&mut a, Msg::Key(Key::Right)),
        "nothing after the last round"
    );
}

#[test]
fn play_runs_through_every_step_and_stops() {
    let mut a = app(true);
    update(&mut a, Msg::Tick(ms(2000)));
    update(&mut a, Msg::Key(Key::Char(' ')));
    assert!(a.is_playing() && a.round == 1);
    update(&mut a, Msg::Tick(ms(4000)));
    assert!(!a.is_playing(), "stops at the last step");
    assert_eq!(a.next_deadline(), None);
}

#[test]
fn seek_places_the_count_at_any_moment() {
    let mut a = app(true);
    assert!(update(&mut a, Msg::Seek(2.0)));
    assert_eq!(a.shown().votes[0], Some(828_380.0));
    update(&mut a, Msg::Seek(1.0));
    assert_eq!(a.shown().votes[0], Some(685_541.0));
    update(&mut a, Msg::Seek(1.5));
    let mid = a.shown().votes[0].unwrap();
    assert!((mid - (685_541.0 + 142_839.0 / 2.0)).abs() < 1.0, "{mid}");
    update(&mut a, Msg::Seek(0.0));
    assert_eq!(a.shown().votes[0], Some(0.0));
    assert!(!update(&mut a, Msg::Seek(2.5)), "past the last step");
    assert_eq!(a.shown().votes[0], Some(0.0), "and nothing moved");
}

#[test]
fn contests_views_and_quit() {
    let mut a = app(false);
    update(&mut a, Msg::Key(Key::Char(']')));
    assert_eq!(a.contest().contest.id, "london-2008");
    update(&mut a, Msg::Key(Key::Char('[')));
    update(&mut a, Msg::Key(Key::Char('[')));
    assert_eq!(a.contest().contest.id, "london-2000");
    update(&mut a, Msg::Key(Key::Char('[')));
    assert_eq!(a.contest().contest.id, "london-2024", "wraps around");
    update(&mut a, Msg::Key(Key::Tab));
    assert_eq!(a.view, View::Shares);
    update(&mut a, Msg::Key(Key::Char('?')));
    assert_eq!(a.view, View::Help);
    update(&mut a, Msg::Key(Key::Char('?')));
    assert_eq!(a.view, View::Shares, "help returns where it was opened");
    assert!(
        !update(&mut a, Msg::Click(20, 0)),
        "no tabs before the screen is drawn"
    );
    crate::headless::render_app(&mut a, 100, 30);
    let (_, x, _) = crate::ui::tab_spans()[2];
    update(&mut a, Msg::Click(x + 1, 0));
    assert_eq!(a.view, View::Elections);
    update(&mut a, Msg::Key(Key::Ctrl('c')));
    assert_eq!(a.exit, Some(Exit::Quit));
    assert_eq!(Exit::Quit.code(), 0);
}

#[test]
fn signals_end_or_suspend_the_viewer_in_every_mode() {
    let mut a = app(true);
    update(&mut a, Msg::Key(Key::Ctrl('z')));
    assert!(
        a.suspend && a.exit.is_none(),
        "Ctrl-Z asks the loop to suspend"
    );
    assert!(a.take_suspend() && !a.take_suspend(), "taking it clears it");
    a.start_presenting();
    update(&mut a, Msg::Key(Key::Ctrl('z')));
    assert!(a.suspend, "presenter mode too");
    let mut waiting = App::live("night.json", Options::default());
    update(&mut waiting, Msg::Signal(Signal::Suspend));
    assert!(waiting.suspend, "and a live view with nothing loaded yet");
    update(&mut waiting, Msg::Signal(Signal::End(15)));
    assert_eq!(waiting.exit, Some(Exit::Signal(15)));
    assert_eq!(Exit::Signal(15).code(), 143);
}

/// A made-up instant runoff with three rounds, so play has a step to take after a pause.
fn three_rounds() -> App {
    let text = r#"{"id": "t", "title": "T", "area": "A", "date": "2020-01-02",
        "system": "instant-runoff",
        "sources": [{"id": "S", "title": "Made up for a test"}],
        "candidates": [{"id": "a", "name": "A", "party": "P"}, {"id": "b", "name": "B", "party": "P"},
                       {"id": "c", "name": "C", "party": "P"}, {"id": "d", "name": "D", "party": "P"}],
        "first_preferences": {"a": 40, "b": 35, "c": 15, "d": 10},
        "rounds": [
            {"eliminated": ["d"], "transfers": [{"from": "d", "to": "c", "votes": 6}, {"from": "d", "to": "a", "votes": 2}]},
            {"eliminated": ["c"], "transfers": [{"from": "c", "to": "b", "votes": 15}, {"from": "c", "to": "a", "votes": 3}]}
        ]}"#;
    let counted = crate::import::dataset::from_str(text).unwrap();
    App::new(vec![counted], 0, Options::default())
}

#[test]
fn home_or_end_while_playing_stops_play_for_good() {
    for (k, round) in [(Key::Home, 0), (Key::End, 2)] {
        let mut a = three_rounds();
        assert_eq!(a.steps(), 3);
        update(&mut a, Msg::Tick(ms(2000)));
        update(&mut a, Msg::Key(Key::Char(' ')));
        // The step into round 2 has animated; the next is due after a pause.
        update(&mut a, Msg::Tick(ms(4000)));
        assert!(a.is_playing() && a.next_deadline() == Some(ms(5200)));
        update(&mut a, Msg::Key(k));
        assert!(!a.is_playing(), "{k:?} stops play");
        assert_eq!(a.next_deadline(), None, "{k:?}: nothing is left due");
        update(&mut a, Msg::Tick(ms(20_000)));
        assert_eq!(a.round, round, "{k:?}: the count stays where it was put");
    }
}

#[test]
fn a_scroll_is_clamped_to_what_the_view_last_drew() {
    let mut a = app(false);
    update(&mut a, Msg::Show(View::Help));
    let geometry = |max| Geometry {
        scroll: Some((View::Help, max)),
        ..Geometry::default()
    };
    update(&mut a, Msg::Drawn(geometry(3)));
    for _ in 0..10 {
        update(&mut a, Msg::Key(Key::Down));
    }
    assert_eq!(a.views.help.offset(), 3, "no further than the view goes");
    assert!(update(&mut a, Msg::Key(Key::Up)), "and one key comes back");
    assert_eq!(a.views.help.offset(), 2);
    // A taller terminal: less to scroll, and the screen is drawn again.
    assert!(update(&mut a, Msg::Drawn(geometry(1))));
    assert_eq!(a.views.help.offset(), 1);
    assert!(!update(&mut a, Msg::Drawn(geometry(1))), "settled");
}

fn drawn_with(a: &mut App, view: View, max: u16, page: u16) {
    update(
        a,
        Msg::Drawn(Geometry {
            scroll: Some((view, max)),
            page,
            ..Geometry::default()
        }),
    );
}

#[test]
fn pages_top_and_bottom_scroll_lists_and_home_end_still_move_the_count() {
    let mut a = app(false);
    update(&mut a, Msg::Show(View::Help));
    drawn_with(&mut a, View::Help, 40, 10);
    assert!(update(&mut a, Msg::Key(Key::PageDown)));
    assert_eq!(a.views.help.offset(), 9, "a page less a row of context");
    update(&mut a, Msg::Key(Key::PageDown));
    update(&mut a, Msg::Key(Key::PageUp));
    assert_eq!(a.views.help.offset(), 9);
    assert!(update(&mut a, Msg::Key(Key::Char('G'))));
    assert_eq!(a.views.help.offset(), 40, "G: the bottom, and no further");
    assert!(!update(&mut a, Msg::Key(Key::PageDown)), "no dead zone");
    assert!(update(&mut a, Msg::Key(Key::Char('g'))));
    assert_eq!(a.views.help.offset(), 0);
    // Home and End are the count's.
    update(&mut a, Msg::Key(Key::End));
    assert_eq!(a.round, a.last_round());
    update(&mut a, Msg::Key(Key::Home));
    assert_eq!(a.round, 0);
}

#[test]
fn the_mouse_wheel_scrolls_the_view_and_moves_the_area_selection() {
    let mut a = app(false);
    update(&mut a, Msg::Show(View::Help));
    drawn_with(&mut a, View::Help, 40, 10);
    assert!(update(&mut a, Msg::Wheel(true)));
    assert_eq!(a.views.help.offset(), 3);
    update(&mut a, Msg::Wheel(false));
    update(&mut a, Msg::Wheel(false));
    assert_eq!(a.views.help.offset(), 0, "clamped at the top");
    // 2016 has areas.
    update(&mut a, Msg::Key(Key::Char(']')));
    update(&mut a, Msg::Key(Key::Char(']')));
    update(&mut a, Msg::Key(Key::Char(']')));
    update(&mut a, Msg::Show(View::Areas));
    assert_eq!(a.contest().contest.id, "london-2016");
    update(&mut a, Msg::Wheel(true));
    assert_eq!(a.views.areas.selected, 3);
    update(&mut a, Msg::Key(Key::Char('G')));
    assert_eq!(a.views.areas.selected, 13);
}

#[test]
fn esc_closes_help_and_never_quits() {
    let mut a = app(false);
    update(&mut a, Msg::Show(View::Shares));
    update(&mut a, Msg::Key(Key::Char('?')));
    assert_eq!(a.view, View::Help);
    assert!(update(&mut a, Msg::Key(Key::Esc)));
    assert_eq!(
        a.view,
        View::Shares,
        "back to the view help was opened from"
    );
    update(&mut a, Msg::Key(Key::Esc));
    assert_eq!(a.exit, None, "Esc does not quit");
    update(&mut a, Msg::Key(Key::Char('q')));
    assert_eq!(a.exit, Some(Exit::Quit));
    // Following a file with nothing to show yet: the same.
    let mut w = App::live("night.json", Options::default());
    update(&mut w, Msg::Key(Key::Char('?')));
    assert_eq!(w.view, View::Help);
    assert!(update(&mut w, Msg::Key(Key::Esc)));
    assert_eq!((w.view, w.exit), (View::Count, None));
}

#[test]
fn speed_keys_say_the_speed_they_set_for_a_moment() {
    let mut a = app(false);
    update(&mut a, Msg::Tick(ms(1000)));
    update(&mut a, Msg::Key(Key::Char('+')));
    assert_eq!(a.notice(), Some("speed 1.5× (1.0 s a step, animation off)"));
    assert_eq!(
        a.next_deadline(),
        Some(ms(1000) + NOTICE),
        "wakes to clear it"
    );
    update(&mut a, Msg::Key(Key::Char('-')));
    update(&mut a, Msg::Key(Key::Char('-')));
    assert_eq!(a.notice(), Some("speed 0.7× (2.2 s a step, animation off)"));
    assert!(
        update(&mut a, Msg::Tick(ms(1000) + NOTICE)),
        "cleared: redraw"
    );
    assert_eq!(a.notice(), None);
    assert_eq!(a.next_deadline(), None);
}

#[test]
fn sorting_the_areas_keeps_the_selected_area() {
    let mut a = app(false);
    for _ in 0..3 {
        update(&mut a, Msg::Key(Key::Char(']')));
    }
    update(&mut a, Msg::Show(View::Areas));
    update(&mut a, Msg::Key(Key::Down));
    update(&mut a, Msg::Key(Key::Down));
    let table = &a.contest_tables().areas;
    let id = table
        .row(a.views.areas.sort, a.views.areas.selected)
        .unwrap()
        .id
        .clone();
    for _ in 0..4 {
        update(&mut a, Msg::Key(Key::Char('s')));
        let table = &a.contest_tables().areas;
        let now = table
            .row(a.views.areas.sort, a.views.areas.selected)
            .unwrap();
        assert_eq!(now.id, id, "sorted by {:?}", a.views.areas.sort);
    }
}

/// London 2021 (its transfer told source by source), settled on its first count.
fn london_2021(animate: bool) -> App {
    let all = crate::import::load_all().unwrap();
    let i = all
        .iter()
        .position(|l| l.contest.id == "london-2021")
        .unwrap();
    let mut a = App::new(
        all,
        i,
        Options {
            animate,
            ..Options::default()
        },
    );
    update(&mut a, Msg::Tick(ms(2000)));
    a
}

#[test]
fn the_2021_transfer_takes_a_few_steps_at_the_speed_chosen_or_none_without_animation() {
    // At the default speed: 18 sources, 3.8 steps of 1.5 s.
    let mut a = london_2021(true);
    update(&mut a, Msg::Key(Key::Right));
    update(&mut a, Msg::Tick(ms(2000 + 5_690)));
    assert!(a.animation.is_some(), "still moving");
    update(&mut a, Msg::Tick(ms(2000 + 5_710)));
    assert_eq!(a.next_deadline(), None, "done within 5.7 s");
    // `+`: a step of 1 s, so 3.8 s.
    let mut a = london_2021(true);
    update(&mut a, Msg::Key(Key::Char('+')));
    update(&mut a, Msg::Key(Key::Right));
    update(&mut a, Msg::Tick(ms(2000 + 3_790)));
    assert!(a.animation.is_some());
    update(&mut a, Msg::Tick(ms(2000 + 3_810)));
    assert!(a.animation.is_none());
    // No animation: at once.
    let mut a = london_2021(false);
    update(&mut a, Msg::Key(Key::Right));
    assert!(a.animation.is_none() && a.round == 1);
}
