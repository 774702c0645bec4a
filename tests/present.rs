//! Presenter mode: snapshots of each kind of beat at 80×24 and at a projector's full screen,
//! and scripted key sequences through `update`.

// Helpers outside `#[test]` functions unwrap too: a panic is a failed test with its message.
#![allow(clippy::unwrap_used)]

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use tally::app::keys::Key;
use tally::app::{App, Msg, Options, Theme, update};
use tally::count::Counted;
use tally::count::ballots::{About, tally_file};
use tally::export::txt;
use tally::headless::render_app;
use tally::model::{Votes, VotingSystem};
use tally::story::present::{Beat, beats, frame};
use tally::text::thousands;

/// The class vote whose second place (Zoo and Beach, 5 each) and final (Park and Zoo, 8
/// each) are ties.
const TIE_CLASS: &str = "tests/data/present/tie-class.csv";

fn tie_class() -> Counted {
    let path = std::path::Path::new(TIE_CLASS);
    let about = About::file(path, None, None);
    let mut t = tally_file(path, &[VotingSystem::SupplementaryVote], &about).unwrap();
    t.counted.remove(0)
}

/// `tally present FILE`: one contest, presenter mode, as the command line opens it.
fn presenting_file(l: Counted, theme: Theme) -> App {
    App::new(
        vec![l],
        0,
        Options {
            animate: false,
            theme,
            ..Options::default()
        },
    )
    .presenting()
}

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
    assert_eq!(total, 18);
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
        screen.contains("All first preferences") && !screen.contains("more than half"),
        "a is a beat of its own, before the majority line:\n{screen}"
    );
    key(&mut app, Key::Right);

    key(&mut app, Key::Char('n'));
    let hidden = txt(&render_app(&mut app, 100, 30));
    assert!(
        !hidden.contains("685,541") && !hidden.contains("931,836"),
        "n hides the numbers:\n{hidden}"
    );
    key(&mut app, Key::Right);
    let revealed = txt(&render_app(&mut app, 100, 30));
    assert!(revealed.contains("685,541"), "the next key reveals them");
    assert!(revealed.contains("The majority line"), "…without moving on");

    key(&mut app, Key::End);
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
    // A class's ballots, mid-animation too, at every size.
    let mut class = App::new(vec![tie_class()], 0, Options::default()).presenting();
    let total = beats(class.contest()).len();
    for k in 0..total {
        update(
            &mut class,
            Msg::Tick(std::time::Duration::from_millis(k as u64 * 10_000)),
        );
        key(&mut class, Key::Right);
        update(
            &mut class,
            Msg::Tick(std::time::Duration::from_millis(k as u64 * 10_000 + 300)),
        );
        for (w, h) in [(1, 1), (20, 5), (40, 12), (61, 19), (80, 24), (250, 80)] {
            render_app(&mut class, w, h);
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

/// Rows of the screen as text, one string a row.
fn rows(buf: &Buffer) -> Vec<String> {
    txt(buf).lines().map(str::to_string).collect()
}

#[test]
fn the_winner_of_2021_is_on_screen_at_80x24() {
    let mut app = presenting("london-2021");
    key(&mut app, Key::End);
    let screen = txt(&render_app(&mut app, 80, 24));
    for part in [
        "✓ Sadiq Khan",
        "1,206,034 WINS",
        "Shaun Bailey",
        "✗ 18 others out",
        "Non-transferable",
        "= more than half",
    ] {
        assert!(screen.contains(part), "{part} is off screen:\n{screen}");
    }
    insta::assert_snapshot!("present_2021_winner_80x24", screen);
    insta::assert_snapshot!(
        "present_2021_winner_200x60",
        txt(&render_app(&mut app, 200, 60))
    );
    // Every transfer and result beat keeps the finalists, the pile and the line on screen.
    let all = beats(app.contest());
    let guess = all.iter().position(|b| *b == Beat::WhoWins).unwrap();
    key(&mut app, Key::Home);
    for (k, b) in all.iter().enumerate() {
        if k > guess {
            let screen = txt(&render_app(&mut app, 80, 24));
            for part in ["Sadiq Khan", "Shaun Bailey", "more than half", "others out"] {
                assert!(screen.contains(part), "{b:?}: {part}\n{screen}");
            }
        }
        key(&mut app, Key::Right);
    }
}

#[test]
fn what_does_not_fit_scrolls_behind_a_visible_more() {
    let mut app = presenting("london-2021");
    key(&mut app, Key::Char('a'));
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(screen.contains("↓ 7 more"), "{screen}");
    assert!(!screen.contains("Farah London"), "{screen}");
    key(&mut app, Key::Down);
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(screen.contains("↑ 1 more · ↓ 6 more"), "{screen}");
    key(&mut app, Key::PageDown);
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(
        screen.contains("↑ 7 more") && screen.contains("Brian Rose"),
        "PgDn goes to the end:\n{screen}"
    );
    // Clamped in the state: past the end nothing moves, and one ↑ moves at once.
    for _ in 0..30 {
        key(&mut app, Key::Down);
        render_app(&mut app, 80, 24);
    }
    key(&mut app, Key::Up);
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(screen.contains("↑ 6 more · ↓ 1 more"), "{screen}");
    // The wheel and g/G scroll presenter mode too.
    key(&mut app, Key::Char('g'));
    update(&mut app, Msg::Wheel(true));
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(screen.contains("↑ 3 more · ↓ 4 more"), "{screen}");
    key(&mut app, Key::Char('G'));
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(
        screen.contains("↑ 7 more (") && !screen.contains("· ↓"),
        "{screen}"
    );
    key(&mut app, Key::PageUp);
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(screen.contains("Shaun Bailey"), "{screen}");
    insta::assert_snapshot!("present_2021_all_first_80x24", screen);
    insta::assert_snapshot!(
        "present_2021_all_first_200x60",
        txt(&render_app(&mut app, 200, 60))
    );
    // A new beat starts at the top, with its focus in view.
    key(&mut app, Key::Right);
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(screen.contains("▶ Sadiq Khan"), "{screen}");
}

#[test]
fn the_guess_comes_before_any_final_total_on_screen() {
    for e in tally::import::embedded::ALL {
        let mut app = presenting(e.id);
        let l = app.contest().clone();
        let all = beats(&l);
        let guess = all.iter().position(|b| *b == Beat::WhoWins).unwrap();
        let last = l.count.last();
        let before = l
            .count
            .rounds
            .len()
            .checked_sub(2)
            .map(|r| &l.count.rounds[r]);
        let finals: Vec<String> = last
            .standings()
            .into_iter()
            .filter(|(i, v)| before.is_none_or(|r| r.tally(*i) != Some(*v)))
            .map(|(_, v)| thousands(v))
            .collect();
        for b in &all[..guess] {
            for (w, h) in [(80, 24), (200, 60)] {
                let screen = txt(&render_app(&mut app, w, h));
                for f in &finals {
                    assert!(
                        !screen.contains(f.as_str()),
                        "{} {b:?}: {f}\n{screen}",
                        e.id
                    );
                }
                assert!(!screen.contains("WINS"), "{} {b:?}", e.id);
            }
            key(&mut app, Key::Right);
        }
        let screen = txt(&render_app(&mut app, 80, 24));
        assert!(screen.contains("Make your guess"), "{}\n{screen}", e.id);
    }
}

/// The column of the ▲ and of the majority line above it, on a screen with both.
fn majority_columns(buf: &Buffer) -> Option<(usize, Vec<usize>)> {
    let rows = rows(buf);
    let (y, row) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains("more than half") && r.contains('▲'))?;
    let col = |s: &str, c: char| s.chars().position(|x| x == c);
    let marker = col(row, '▲')?;
    let lines = rows[..y].iter().filter_map(|r| col(r, '┃')).collect();
    Some((marker, lines))
}

#[test]
fn the_majority_marker_is_under_the_line_at_every_size() {
    for e in tally::import::embedded::ALL {
        let mut app = presenting(e.id);
        let total = beats(app.contest()).len();
        let mut checked = 0;
        for _ in 0..total {
            for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60)] {
                let buf = render_app(&mut app, w, h);
                if let Some((marker, lines)) = majority_columns(&buf) {
                    for l in &lines {
                        assert_eq!(*l, marker, "{} at {w}×{h}:\n{}", e.id, txt(&buf));
                    }
                    checked += usize::from(!lines.is_empty());
                }
            }
            key(&mut app, Key::Right);
        }
        assert!(checked > 0, "{}: no majority line checked", e.id);
    }
}

/// The rows of a screen that name a candidate or the non-transferable pile, where a bar
/// would be drawn.
fn bar_cells_on_name_rows(screen: &str, l: &Counted) -> Vec<String> {
    let mut names: Vec<&str> = l
        .contest
        .candidates
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    names.push(l.contest.method.words().exhausted);
    screen
        .lines()
        .filter(|row| names.iter().any(|n| row.contains(&n[..n.len().min(10)])))
        .filter(|row| row.chars().any(|c| "█▉▊▋▌▍▎▏".contains(c)))
        .map(str::to_string)
        .collect()
}

#[test]
fn with_n_no_figure_of_the_beat_is_on_screen() {
    for e in tally::import::embedded::ALL {
        let mut app = presenting(e.id);
        let l = app.contest().clone();
        for (index, b) in beats(&l).into_iter().enumerate() {
            let f = frame(&l, b);
            assert_eq!(app.presenter().unwrap().beat, index, "{} {b:?}", e.id);
            key(&mut app, Key::Char('n'));
            if !app.presenter().unwrap().hidden {
                // Nothing to hide: `n` leaves the beat as it is and → is not spent on it.
                assert!(!f.has_figures(), "{} {b:?}: n hid nothing", e.id);
                key(&mut app, Key::Right);
                continue;
            }
            let figures: Vec<String> = f
                .votes
                .iter()
                .flatten()
                .chain(f.exhausted.iter())
                .chain(f.threshold.iter())
                .chain(f.big_number.iter())
                .filter(|v| **v >= Votes::new(1000))
                .map(|v| thousands(*v))
                .collect();
            for (w, h) in [(80, 24), (200, 60)] {
                let screen = txt(&render_app(&mut app, w, h));
                for fig in &figures {
                    assert!(
                        !screen.contains(fig.as_str()),
                        "{} {b:?} {w}×{h}: {fig} shown\n{screen}",
                        e.id
                    );
                }
                assert!(!screen.contains('%'), "{} {b:?}\n{screen}", e.id);
                assert!(
                    screen.contains("figures hidden") && screen.contains("→ reveal"),
                    "{} {b:?}: the screen says the figures are hidden\n{screen}",
                    e.id
                );
                for c in f.states.iter().zip(&l.contest.candidates).filter(|(_, c)| {
                    c.name.chars().count() < 16 && frame(&l, b).explanation.contains(&c.name)
                }) {
                    assert!(
                        screen.contains(c.1.name.as_str()),
                        "names stay: {}",
                        c.1.name
                    );
                }
            }
            let screen = txt(&render_app(&mut app, 80, 24));
            let bars = bar_cells_on_name_rows(&screen, &l);
            assert!(
                bars.is_empty(),
                "{} {b:?}: a hidden beat draws no bar: {bars:?}",
                e.id
            );
            // The next key reveals the figures on the same beat, the one after moves on.
            key(&mut app, Key::Right);
            let p = app.presenter().unwrap();
            assert!(!p.hidden && p.beat == index, "{} {b:?}", e.id);
            if let Some(t) = f.threshold {
                // The majority line's label is always on screen, in plain text.
                let screen = txt(&render_app(&mut app, 80, 24));
                let shown = format!("{} = more than half", thousands(t));
                assert!(screen.contains(&shown), "{} {b:?}: {shown}\n{screen}", e.id);
            }
            key(&mut app, Key::Right);
        }
    }
    let mut app = presenting("london-2004");
    go_to(&mut app, Beat::Majority);
    key(&mut app, Key::Char('n'));
    insta::assert_snapshot!(
        "present_2004_majority_hidden_80x24",
        txt(&render_app(&mut app, 80, 24))
    );
    insta::assert_snapshot!(
        "present_2004_majority_hidden_200x60",
        txt(&render_app(&mut app, 200, 60))
    );
}

#[test]
fn ties_are_told_with_the_rule_that_broke_them() {
    let mut app = presenting_file(tie_class(), Theme::Dark);
    let all = beats(app.contest());
    let ties: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Beat::Tie(..)))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(ties.len(), 2, "{all:?}");
    let elimination = all.iter().position(|b| *b == Beat::Eliminate(0)).unwrap();
    assert_eq!(
        ties[0] + 1,
        elimination,
        "second place is told before Beach goes out"
    );
    assert_eq!(
        ties[1] + 1,
        all.len() - 1,
        "the final tie just before the winner"
    );
    key(&mut app, Key::Home);
    for _ in 0..ties[0] {
        key(&mut app, Key::Right);
    }
    let second = txt(&render_app(&mut app, 80, 24));
    for part in [
        "Zoo and Beach are tied for second place on 5 votes each",
        "the order the options are listed in the file",
        "Zoo goes through",
    ] {
        assert!(second.contains(part), "{part}\n{second}");
    }
    insta::assert_snapshot!("present_tie_second_80x24", second);
    insta::assert_snapshot!(
        "present_tie_second_200x60",
        txt(&render_app(&mut app, 200, 60))
    );
    for _ in ties[0]..ties[1] {
        key(&mut app, Key::Right);
    }
    let last = txt(&render_app(&mut app, 80, 24));
    for part in [
        "Park and Zoo are tied for first place on 8 votes each",
        "Park wins",
    ] {
        assert!(last.contains(part), "{part}\n{last}");
    }
    insta::assert_snapshot!("present_tie_final_80x24", last);
    insta::assert_snapshot!(
        "present_tie_final_200x60",
        txt(&render_app(&mut app, 200, 60))
    );
}

#[test]
fn options_without_party_colours_get_distinct_colour_blind_safe_colours() {
    let mut app = presenting_file(tie_class(), Theme::Dark);
    key(&mut app, Key::Char('a'));
    let buf = render_app(&mut app, 80, 24);
    let mut colours: Vec<Color> = Vec::new();
    for row in rows(&buf).iter().enumerate() {
        let (y, text) = row;
        let bar = text.find(['█', '▏', '▎', '▍', '▌', '▋', '▊', '▉']);
        if let Some(x) = bar
            && ["Beach", "Museum", "Park", "Zoo"]
                .iter()
                .any(|n| text.trim_start().starts_with(n))
        {
            // The bar's first cell.
            let x = text[..x].chars().count() as u16;
            colours.push(buf[(x, y as u16)].fg);
        }
    }
    assert_eq!(colours.len(), 4, "{}", txt(&buf));
    let mut distinct = colours.clone();
    distinct.dedup();
    distinct.sort_by_key(|c| format!("{c:?}"));
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "{colours:?}");
    assert!(
        colours.contains(&Color::Rgb(0xE6, 0x9F, 0x00)),
        "{colours:?}"
    );
    let mut mono = presenting_file(tie_class(), Theme::Mono);
    key(&mut mono, Key::Char('a'));
    let buf = render_app(&mut mono, 80, 24);
    assert!(buf.content.iter().all(|c| c.fg == Color::Reset));
}

#[test]
fn esc_closes_the_explainers_then_leaves_to_the_viewer_and_only_q_quits() {
    // Opened from the viewer with P.
    let mut app = presenting("london-2004");
    key(&mut app, Key::Char('e'));
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(screen.contains("Esc close"), "{screen}");
    key(&mut app, Key::Esc);
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(screen.contains("Esc leave"), "{screen}");
    assert!(
        !app.presenter().unwrap().explain,
        "Esc closes the explainers"
    );
    key(&mut app, Key::Esc);
    assert!(app.presenter().is_none(), "Esc goes back to the viewer");
    assert!(app.exit().is_none());
    // Opened by `tally present`: there is no viewer to go back to, and Esc does not quit.
    let mut app = presenting_file(tie_class(), Theme::Dark);
    key(&mut app, Key::Esc);
    assert!(app.presenter().is_some() && app.exit().is_none());
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(!screen.contains("Esc"), "no Esc in the footer:\n{screen}");
    key(&mut app, Key::Char('q'));
    assert!(app.exit().is_some(), "q quits");
}

#[test]
fn the_explainers_wait_for_the_result_and_never_cut_a_sentence() {
    let mut app = presenting("london-2004");
    go_to(&mut app, Beat::WhoWins);
    key(&mut app, Key::Char('e'));
    let early = txt(&render_app(&mut app, 200, 60));
    for name in ["Livingstone", "Norris", "828,380", "would also have won"] {
        assert!(!early.contains(name), "{name} before the result:\n{early}");
    }
    assert!(
        early.contains("How the Supplementary Vote works"),
        "{early}"
    );
    key(&mut app, Key::End);
    key(&mut app, Key::Char('e'));
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(screen.contains("↓ "), "a visible more:\n{screen}");
    insta::assert_snapshot!("present_2004_explain_80x24", screen);
    insta::assert_snapshot!(
        "present_2004_explain_200x60",
        txt(&render_app(&mut app, 200, 60))
    );
    // Scrolled to the end, the last sentence is whole.
    for _ in 0..60 {
        key(&mut app, Key::Down);
        render_app(&mut app, 80, 24);
    }
    let end = txt(&render_app(&mut app, 80, 24));
    assert!(
        end.contains("so fewer ballots run out.") || end.contains("two rounds."),
        "{end}"
    );
    let whole: String = end.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(whole.contains("recounted as an instant runoff."), "{end}");
}

#[test]
fn present_opens_a_class_ballots_file_with_a_system() {
    let tally = env!("CARGO_BIN_EXE_tally");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(tally)
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // Without --system, counted as every command counts a ballots file: the Supplementary
    // Vote (only the terminal is missing).
    let (code, err) = run(&["present", TIE_CLASS]);
    assert_eq!(code, Some(2));
    assert!(err.contains("present needs a terminal"), "{err}");
    // Read and counted; only the terminal is missing.
    let (code, err) = run(&["present", TIE_CLASS, "--system", "sv"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("present needs a terminal"), "{err}");
    // By content, not by name: ballots named .json are still ballots.
    let dir = tempfile::tempdir().unwrap();
    let misnamed = dir.path().join("votes.json");
    std::fs::copy(TIE_CLASS, &misnamed).unwrap();
    let (code, err) = run(&["present", misnamed.to_str().unwrap(), "--system", "irv"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("present needs a terminal"), "{err}");
    let (code, err) = run(&["present", "london-2004", "--system", "irv"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--system is for a class's ballots file"),
        "{err}"
    );
}

#[test]
fn the_transfer_moves_as_in_the_viewer_unless_motion_is_off() {
    let index = tally::import::embedded::ALL
        .iter()
        .position(|e| e.id == "london-2021")
        .unwrap();
    let open = |animate: bool| {
        let options = Options {
            animate,
            ..Options::default()
        };
        let mut app = App::new(tally::import::load_all().unwrap(), index, options).presenting();
        let all = beats(app.contest());
        let guess = all.iter().position(|b| *b == Beat::WhoWins).unwrap();
        for _ in 0..guess {
            key(&mut app, Key::Right);
        }
        app
    };
    let mut app = open(true);
    let step = app.options().step_duration;
    update(&mut app, Msg::Tick(std::time::Duration::from_secs(10)));
    key(&mut app, Key::Right);
    update(
        &mut app,
        Msg::Tick(std::time::Duration::from_secs(10) + step / 2),
    );
    assert!(
        app.next_deadline().is_some(),
        "frames keep coming while it moves"
    );
    // The first of 4 transfers (the first-by-second table: the three biggest of the 18
    // eliminated alone, then the other 15 together): Siân Berry's 197,976 ballots, 93,745
    // of them to Khan (1,013,721 → 1,107,466).
    let half = txt(&render_app(&mut app, 80, 24));
    assert!(
        !half.contains("1,107,466") && !half.contains("1,013,721"),
        "half-way, Khan is between his totals:\n{half}"
    );
    assert!(half.contains("Transfers from Siân Berry"), "{half}");
    insta::assert_snapshot!("present_2021_transfer_half_80x24", half);
    update(
        &mut app,
        Msg::Tick(std::time::Duration::from_secs(10) + step * 2),
    );
    let end = txt(&render_app(&mut app, 80, 24));
    // Khan 1,013,721 + 93,745; Bailey 893,051 + 14,969; 89,262 non-transferable.
    assert!(
        end.contains("1,107,466") && end.contains("908,020") && end.contains("89,262"),
        "{end}"
    );
    assert!(app.next_deadline().is_none(), "still again: no more frames");
    // The other 3, one key each, come to the declared totals.
    let all = beats(app.contest());
    let transfers = all
        .iter()
        .filter(|b| matches!(b, Beat::Transfer(..)))
        .count();
    assert_eq!(transfers, 4);
    for k in 1..transfers {
        key(&mut app, Key::Right);
        // Each moves in its turn.
        update(
            &mut app,
            Msg::Tick(std::time::Duration::from_secs(10) + step * (2 + 2 * k as u32)),
        );
    }
    let last = txt(&render_app(&mut app, 80, 24));
    assert!(last.contains("Transfers from 15 candidates"), "{last}");
    assert!(
        last.contains("1,206,034") && last.contains("977,601") && last.contains("347,722"),
        "{last}"
    );

    // --no-animation / TALLY_REDUCED_MOTION: the totals at once.
    let mut app = open(false);
    key(&mut app, Key::Right);
    let at_once = txt(&render_app(&mut app, 80, 24));
    assert!(at_once.contains("1,107,466"), "{at_once}");
    assert!(app.next_deadline().is_none());
}

#[test]
fn no_sentence_is_cut_at_any_size() {
    let mut contests: Vec<App> = tally::import::embedded::ALL
        .iter()
        .map(|e| presenting(e.id))
        .collect();
    contests.push(presenting_file(tie_class(), Theme::Dark));
    for mut app in contests {
        let l = app.contest().clone();
        for b in beats(&l) {
            let f = frame(&l, b);
            for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60)] {
                let screen = txt(&render_app(&mut app, w, h));
                let words: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
                let sentence: String = f
                    .explanation
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(
                    words.contains(&sentence),
                    "{} {b:?} at {w}×{h}: the sentence is not whole\n{screen}",
                    l.contest.id
                );
            }
            key(&mut app, Key::Right);
        }
    }
}

#[test]
fn a_narrow_footer_keeps_next_back_and_quit() {
    let mut app = presenting("london-2021");
    let screen = txt(&render_app(&mut app, 60, 20));
    let footer = screen.lines().last().unwrap();
    for k in ["→ next", "← back", "q quit"] {
        assert!(footer.contains(k), "{footer}");
    }
}

#[test]
fn hiding_the_figures_keeps_who_stood() {
    let mut app = presenting("london-2004");
    key(&mut app, Key::Char('n'));
    let screen = txt(&render_app(&mut app, 80, 24));
    for c in &app.contest().contest.candidates {
        assert!(screen.contains(c.name.as_str()), "{}:\n{screen}", c.name);
    }
    assert!(
        screen.contains("10 candidates stood for Mayor of London 2004"),
        "{screen}"
    );
}

#[test]
fn n_hides_until_the_next_key_only() {
    let mut app = presenting("london-2021");
    go_to(&mut app, Beat::Reveal(4));
    let at = app.presenter().unwrap().beat;
    key(&mut app, Key::Char('n'));
    key(&mut app, Key::Right);
    key(&mut app, Key::Right);
    let p = app.presenter().unwrap();
    assert_eq!(p.beat, at + 1, "n, →, →: revealed, then the next beat");
    assert!(
        !p.hidden,
        "the next beat opens with its figures: n is one-shot"
    );
    let screen = txt(&render_app(&mut app, 80, 24));
    assert!(
        screen.contains("→ next") && screen.contains("n hide numbers"),
        "{screen}"
    );
    // At "Who stood" there is nothing to hide: n does nothing, → moves on.
    key(&mut app, Key::Home);
    let before = txt(&render_app(&mut app, 80, 24));
    key(&mut app, Key::Char('n'));
    assert_eq!(txt(&render_app(&mut app, 80, 24)), before);
    key(&mut app, Key::Right);
    assert_eq!(app.presenter().unwrap().beat, 1, "no key is swallowed");
    // Hidden, the sentence does not list the names in vote order.
    go_to(&mut app, Beat::AllFirst);
    key(&mut app, Key::Char('n'));
    let hidden = txt(&render_app(&mut app, 80, 24));
    assert!(
        hidden.contains("Who has the most?") && !hidden.contains("Sadiq Khan has"),
        "{hidden}"
    );
    insta::assert_snapshot!("present_2021_all_first_hidden_80x24", hidden);
}

#[test]
fn a_hidden_transfer_moves_only_when_revealed() {
    let index = tally::import::embedded::ALL
        .iter()
        .position(|e| e.id == "london-2021")
        .unwrap();
    let options = Options {
        animate: true,
        ..Options::default()
    };
    let mut app = App::new(tally::import::load_all().unwrap(), index, options).presenting();
    let all = beats(app.contest());
    let transfer = all
        .iter()
        .position(|b| matches!(b, Beat::Transfer(..)))
        .unwrap();
    for _ in 0..transfer {
        key(&mut app, Key::Right);
    }
    let step = app.options().step_duration;
    let t0 = std::time::Duration::from_secs(10);
    update(&mut app, Msg::Tick(t0));
    key(&mut app, Key::Char('n'));
    assert!(app.next_deadline().is_none(), "hidden, the bars stay still");
    update(&mut app, Msg::Tick(t0 + step / 2));
    let hidden = txt(&render_app(&mut app, 80, 24));
    assert!(
        !hidden.contains("1,206,034") && !hidden.contains("1,013,721"),
        "{hidden}"
    );
    assert!(
        bar_cells_on_name_rows(&hidden, app.contest()).is_empty(),
        "{hidden}"
    );
    insta::assert_snapshot!("present_2021_transfer_hidden_80x24", hidden);
    // → reveals: now the bars move, from the round before.
    key(&mut app, Key::Right);
    assert!(
        app.next_deadline().is_some(),
        "revealed, the transfer moves"
    );
    update(&mut app, Msg::Tick(t0 + step / 2 + step / 2));
    let half = txt(&render_app(&mut app, 80, 24));
    // Siân Berry's ballots: Khan 1,013,721 → 1,107,466.
    assert!(
        !half.contains("1,107,466") && !half.contains("1,013,721"),
        "half-way, Khan is between his totals:\n{half}"
    );
    update(&mut app, Msg::Tick(t0 + step * 3));
    let end = txt(&render_app(&mut app, 80, 24));
    assert!(end.contains("1,107,466"), "{end}");
}

#[test]
fn the_top_line_gives_each_beats_title_whole_and_the_footer_its_keys() {
    let mut contests: Vec<App> = tally::import::embedded::ALL
        .iter()
        .map(|e| presenting(e.id))
        .collect();
    contests.push(presenting_file(tie_class(), Theme::Dark));
    for mut app in contests {
        let l = app.contest().clone();
        for b in beats(&l) {
            let f = frame(&l, b);
            for (w, h) in [(60, 20), (80, 24)] {
                let screen = txt(&render_app(&mut app, w, h));
                let top = screen.lines().next().unwrap();
                assert!(
                    top.contains(&f.heading),
                    "{} {b:?} {w}×{h}: {top:?}",
                    l.contest.id
                );
                let footer = screen.lines().last().unwrap();
                for k in ["→ next", "← back", "n hide", "e explain", "q quit"] {
                    assert!(footer.contains(k), "{w}×{h}: {footer}");
                }
            }
            key(&mut app, Key::Right);
        }
    }
}

#[test]
fn all_first_preferences_are_told_in_plain_words_under_any_system() {
    let l = presenting("london-2024").contest().clone();
    let f = frame(&l, Beat::AllFirst);
    assert!(
        f.explanation
            .starts_with("Of the 2,484,432 valid votes, Sadiq Khan has 1,088,225 (43.8%)"),
        "{}",
        f.explanation
    );
    assert!(!f.explanation.contains("by votes"), "{}", f.explanation);
}

#[test]
fn counts_of_one_are_said_in_the_singular_on_every_beat() {
    for file in [
        "tests/data/ballots/ones.csv",
        "tests/data/ballots/ones-tie.csv",
    ] {
        let path = std::path::Path::new(file);
        let about = About::file(path, None, None);
        let systems = [
            VotingSystem::SupplementaryVote,
            VotingSystem::InstantRunoff,
            VotingSystem::FirstPastThePost,
        ];
        let t = tally_file(path, &systems, &about).unwrap();
        for l in &t.counted {
            let mut said = String::new();
            for b in beats(l) {
                let f = frame(l, b);
                said.push_str(&f.explanation);
                said.push('\n');
            }
            for wrong in [
                "1 votes",
                "1 ballots",
                "1 are ",
                "1 were",
                "1 candidates",
                "1 have",
            ] {
                assert!(!said.contains(wrong), "{file}: {wrong:?} in\n{said}");
            }
        }
    }
}
