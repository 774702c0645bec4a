//! The viewer's state and the one function that changes it.
//!
//! `App` is everything the screen is drawn from: which contest, which step, which view,
//! the animation in progress. `update` applies one message (a key, a tick of the clock, a
//! resize, a click) and says whether anything visible changed, so the loop redraws only
//! then. Time comes in with the messages, never from the system clock, so tests can drive
//! the viewer frame by frame. Nothing here knows about the terminal.

pub mod animation;
pub mod keys;
pub mod live;

use std::time::Duration;

use animation::{Animation, From, Shown};
use keys::{Action, Key};

use crate::count::Counted;

/// The views, in tab order. Also `tally render --view`'s values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    Count,
    Shares,
    Elections,
    Areas,
    Help,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Count,
        View::Shares,
        View::Elections,
        View::Areas,
        View::Help,
    ];

    /// The tab label, with the key that selects it.
    pub fn tab(self) -> &'static str {
        match self {
            View::Count => "1 Count",
            View::Shares => "2 Shares",
            View::Elections => "3 Elections",
            View::Areas => "4 Areas",
            View::Help => "? Help",
        }
    }
}

/// What shares are a percentage of, in the Shares view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareBasis {
    /// Of all valid first preferences: exhausted ballots show as their own share.
    ValidFirstPreferences,
    /// Of the votes still in the final round.
    FinalRound,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaSort {
    Name,
    Turnout,
    LeaderShare,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Key(Key),
    /// The clock: time since the viewer started.
    Tick(Duration),
    Resize(u16, u16),
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// News from a followed file or a replay.
    Feed(Box<crate::live::Feed>),
    /// A signal from outside (`kill`, a closed terminal), as `tui.rs` reports it.
    Signal(Signal),
}

/// What the viewer does about a signal; `tui.rs` sorts the operating system's into these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// End the viewer (SIGTERM, SIGHUP, SIGINT, SIGQUIT): the number is the signal's, for
    /// the exit status.
    End(i32),
    /// Suspend, as Ctrl-Z does (SIGTSTP).
    Suspend,
}

/// How the viewer ended, and so the process's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit (q, Esc, Ctrl-C as a key).
    Quit,
    /// A signal ended it; the number is the signal's.
    Signal(i32),
}

impl Exit {
    /// The exit status: 0 for a quit, and 128 + n for signal n, as a shell reports a
    /// process killed by that signal (130 for SIGINT, 143 for SIGTERM).
    pub fn code(self) -> i32 {
        match self {
            Exit::Quit => 0,
            Exit::Signal(n) => 128 + n,
        }
    }
}

/// Colour scheme. Also `--theme`'s values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Theme {
    Dark,
    Light,
    // No colour at all: every state is shown by glyph or text (NO_COLOR).
    Mono,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub animate: bool,
    pub step_duration: Duration,
    pub theme: Theme,
}

impl Options {
    /// Options from the command line's flags and the environment: the one place that reads
    /// `NO_COLOR` (set to anything but empty: no colour, as no-color.org says, unless a theme
    /// is given) and `TALLY_REDUCED_MOTION` (set, and not `0`: no animation).
    pub fn from_env(theme: Option<Theme>, no_animation: bool) -> Options {
        let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let theme = theme.unwrap_or(if set("NO_COLOR").is_some() {
            Theme::Mono
        } else {
            Theme::Dark
        });
        let reduced_motion = set("TALLY_REDUCED_MOTION").is_some_and(|v| v != "0");
        Options {
            animate: !no_animation && !reduced_motion,
            theme,
            ..Options::default()
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            animate: true,
            step_duration: DEFAULT_STEP,
            theme: Theme::Dark,
        }
    }
}

pub const DEFAULT_STEP: Duration = Duration::from_millis(1500);
/// Frame interval while animating: 60 frames per second.
pub const FRAME: Duration = Duration::from_micros(16_667);
/// How long play mode rests on a finished step before the next.
pub const PLAY_PAUSE: Duration = Duration::from_millis(1200);

pub struct App {
    pub contests: Vec<Counted>,
    pub current: usize,
    /// The round shown (0-based), or being animated to.
    pub round: usize,
    pub view: View,
    /// The view to return to when help is closed.
    pub before_help: View,
    pub animation: Option<Animation>,
    pub playing: bool,
    pub next_play_at: Option<Duration>,
    pub basis: ShareBasis,
    pub options: Options,
    pub now: Duration,
    pub size: (u16, u16),
    /// Rows scrolled in long lists (Count view, Help).
    pub scroll: u16,
    pub area_selected: usize,
    pub area_sort: AreaSort,
    /// Per contest: highlighted in the Elections view.
    pub highlighted: Vec<bool>,
    /// Set when the viewer must end, with how.
    pub exit: Option<Exit>,
    /// Ctrl-Z or SIGTSTP asked to suspend: the loop around the app clears this, hands the
    /// terminal back and stops the process.
    pub suspend: bool,
    /// Following a file or a replay: `Some`.
    pub live: Option<live::Live>,
    /// Presenter mode: `Some`.
    pub presenter: Option<Presenter>,
}

/// Presenter mode's place in the lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Presenter {
    /// Index into `present::beats`.
    pub beat: usize,
    /// Numbers stay hidden until a key reveals them (students guess first).
    pub hide_numbers: bool,
    /// With `hide_numbers`: this beat's numbers have been revealed.
    pub numbers_shown: bool,
    /// The explainers page is open.
    pub explain: bool,
}

impl App {
    /// A viewer on `contests` (at least one), starting on `current` with the first count
    /// growing from zero (at once when animation is off).
    pub fn new(contests: Vec<Counted>, current: usize, options: Options) -> Self {
        assert!(!contests.is_empty(), "the viewer needs a contest");
        let mut app = Self::empty(options);
        app.highlighted = contests
            .iter()
            .map(|l| crate::import::embedded::highlighted(&l.contest.id))
            .collect();
        app.current = current.min(contests.len() - 1);
        app.contests = contests;
        app.open_current();
        app
    }

    /// A viewer following `source` (a file or a replay), with nothing to show until the
    /// first good version arrives.
    pub fn live(source: impl Into<String>, options: Options) -> Self {
        let mut app = Self::empty(options);
        app.live = Some(live::Live::new(source));
        app
    }

    fn empty(options: Options) -> Self {
        App {
            contests: Vec::new(),
            current: 0,
            round: 0,
            view: View::Count,
            before_help: View::Count,
            animation: None,
            playing: false,
            next_play_at: None,
            basis: ShareBasis::ValidFirstPreferences,
            options,
            now: Duration::ZERO,
            size: (80, 24),
            scroll: 0,
            area_selected: 0,
            area_sort: AreaSort::Name,
            highlighted: Vec::new(),
            exit: None,
            suspend: false,
            live: None,
            presenter: None,
        }
    }

    pub fn contest(&self) -> &Counted {
        &self.contests[self.current]
    }

    pub fn last_round(&self) -> usize {
        self.contest().count.rounds.len() - 1
    }

    /// Show step `s` exactly as the viewer would at that moment: 0 is nothing counted yet,
    /// k is round k, and a fraction is that far into the animation towards the next round
    /// (1.5 is half-way through the transfer into round 2). Errors name the valid range.
    pub fn show_step(&mut self, s: f64) -> Result<(), String> {
        let steps = self.contest().count.rounds.len();
        if !(0.0..=steps as f64).contains(&s) {
            return Err(format!(
                "step {s} is outside this count: steps go from 0 (nothing counted) to {steps} (the last round)"
            ));
        }
        let k = s.floor() as usize;
        let frac = s - s.floor();
        self.playing = false;
        self.next_play_at = None;
        self.now = Duration::from_secs(1) + Duration::from_secs_f64(frac);
        let (from, to) = match (k, frac > 0.0) {
            (0, _) => (From::Nothing, 0),
            (k, false) => {
                self.round = k - 1;
                self.animation = None;
                return Ok(());
            }
            (k, true) => (From::Round(k - 1), k),
        };
        self.round = to;
        self.animation = Some(Animation {
            from,
            to,
            started: Duration::from_secs(1),
            duration: Duration::from_secs(1),
        });
        Ok(())
    }

    /// The values on screen now.
    pub fn shown(&self) -> Shown {
        match &self.animation {
            Some(a) => animation::shown(&self.contest().count, a, self.now),
            None => animation::at_round(&self.contest().count, self.round),
        }
    }

    /// When the loop must wake next without input: the next frame while animating, the next
    /// play step while playing, otherwise never (the process sleeps).
    pub fn next_deadline(&self) -> Option<Duration> {
        if self.animation.is_some() {
            return Some(self.now + FRAME);
        }
        let live = self.live.as_ref().and_then(|l| l.next_change(self.now));
        [self.next_play_at, live].into_iter().flatten().min()
    }

    fn animate(&mut self, from: From, to: usize) {
        self.round = to;
        self.animation = self.options.animate.then_some(Animation {
            from,
            to,
            started: self.now,
            duration: self.options.step_duration,
        });
        if self.animation.is_none() {
            self.after_step();
        }
    }

    /// Open the current contest at its first count.
    fn open_current(&mut self) {
        self.scroll = 0;
        self.area_selected = 0;
        self.playing = false;
        self.next_play_at = None;
        self.animate(From::Nothing, 0);
    }

    /// A step has finished (its animation ended, or there was none).
    fn after_step(&mut self) {
        if self.playing {
            if self.round < self.last_round() {
                self.next_play_at = Some(self.now + PLAY_PAUSE);
            } else {
                self.playing = false;
                self.next_play_at = None;
            }
        }
    }

    fn step_forward(&mut self) -> bool {
        if self.round >= self.last_round() {
            return false;
        }
        self.animate(From::Round(self.round), self.round + 1);
        true
    }

    fn go_to(&mut self, round: usize) -> bool {
        let changed = round != self.round;
        self.round = round;
        self.animation = None;
        changed
    }

    fn switch_contest(&mut self, delta: isize) -> bool {
        let n = self.contests.len() as isize;
        if n == 1 {
            return false;
        }
        self.current = (self.current as isize + delta).rem_euclid(n) as usize;
        self.open_current();
        true
    }

    fn act(&mut self, action: Action) -> bool {
        if action == Action::Suspend {
            // The same in every mode, even before a live file has any data.
            self.suspend = true;
            return false;
        }
        if self.contests.is_empty() {
            // Waiting for the first good version of a live file: only views and quit work.
            return match action {
                Action::Quit => {
                    self.exit = Some(Exit::Quit);
                    true
                }
                Action::Show(v) => self.set_view(v),
                Action::Help => self.set_view(if self.view == View::Help {
                    self.before_help
                } else {
                    View::Help
                }),
                _ => false,
            };
        }
        if self.presenter.is_some()
            && let Some(changed) = self.present(action)
        {
            return changed;
        }
        match action {
            Action::Quit => {
                self.exit = Some(Exit::Quit);
                true
            }
            Action::StepForward => {
                self.playing = false;
                self.next_play_at = None;
                self.step_forward()
            }
            Action::StepBack => {
                self.playing = false;
                self.next_play_at = None;
                self.round > 0 && self.go_to(self.round - 1)
            }
            Action::First => {
                self.playing = false;
                self.go_to(0)
            }
            Action::Last => {
                self.playing = false;
                self.go_to(self.last_round())
            }
            Action::PlayPause => {
                if self.playing {
                    self.playing = false;
                    self.next_play_at = None;
                } else {
                    self.playing = true;
                    if self.round >= self.last_round() {
                        // Play from the start when at the end.
                        self.animate(From::Nothing, 0);
                    } else {
                        self.step_forward();
                    }
                }
                true
            }
            Action::Replay => {
                self.playing = false;
                self.next_play_at = None;
                self.animate(From::Nothing, 0);
                true
            }
            Action::NextContest => self.switch_contest(1),
            Action::PreviousContest => self.switch_contest(-1),
            Action::ToggleBasis => {
                self.basis = match self.basis {
                    ShareBasis::ValidFirstPreferences => ShareBasis::FinalRound,
                    ShareBasis::FinalRound => ShareBasis::ValidFirstPreferences,
                };
                true
            }
            Action::Faster | Action::Slower => {
                let ms = self.options.step_duration.as_millis() as u64;
                let ms = if action == Action::Faster {
                    (ms * 2 / 3).max(200)
                } else {
                    (ms * 3 / 2).min(10_000)
                };
                self.options.step_duration = Duration::from_millis(ms);
                true
            }
            Action::NextView | Action::PreviousView => {
                let views = View::ALL;
                let i = views.iter().position(|v| *v == self.view).unwrap_or(0) as isize;
                let d = if action == Action::NextView { 1 } else { -1 };
                self.set_view(views[(i + d).rem_euclid(views.len() as isize) as usize])
            }
            Action::Show(v) => self.set_view(v),
            Action::Help => {
                if self.view == View::Help {
                    self.set_view(self.before_help)
                } else {
                    self.set_view(View::Help)
                }
            }
            Action::Up => {
                if self.view == View::Areas {
                    let changed = self.area_selected > 0;
                    self.area_selected = self.area_selected.saturating_sub(1);
                    changed
                } else {
                    let changed = self.scroll > 0;
                    self.scroll = self.scroll.saturating_sub(1);
                    changed
                }
            }
            Action::Down => {
                if self.view == View::Areas {
                    let n = self.contest().contest.areas.as_ref().map_or(0, Vec::len);
                    let changed = self.area_selected + 1 < n;
                    if changed {
                        self.area_selected += 1;
                    }
                    changed
                } else {
                    // The view clamps the scroll to what it has to show.
                    self.scroll = self.scroll.saturating_add(1).min(200);
                    true
                }
            }
            Action::Sort => {
                self.area_sort = match self.area_sort {
                    AreaSort::Name => AreaSort::Turnout,
                    AreaSort::Turnout => AreaSort::LeaderShare,
                    AreaSort::LeaderShare => AreaSort::Name,
                };
                self.view == View::Areas
            }
            Action::Present => {
                self.start_presenting();
                true
            }
            // Suspend is handled above, before any mode can take the key.
            Action::RevealAll | Action::HideNumbers | Action::Explain | Action::Suspend => false,
            Action::ToggleHighlight => match self.highlighted.get_mut(self.current) {
                Some(h) => {
                    *h = !*h;
                    self.view == View::Elections
                }
                None => false,
            },
        }
    }

    /// This viewer, opened in presenter mode.
    pub fn presenting(mut self) -> Self {
        self.start_presenting();
        self
    }

    /// Open presenter mode at the start of the lesson.
    pub fn start_presenting(&mut self) {
        self.animation = None;
        self.playing = false;
        self.next_play_at = None;
        self.presenter = Some(Presenter::default());
    }

    /// Keys in presenter mode; `None` for keys that act as in the viewer.
    fn present(&mut self, action: Action) -> Option<bool> {
        let beats = crate::story::present::beats(self.contest()).len();
        let p = self.presenter.as_mut()?;
        let changed = match action {
            Action::Present => {
                self.presenter = None;
                true
            }
            Action::StepForward | Action::PlayPause => {
                if p.hide_numbers && !p.numbers_shown {
                    p.numbers_shown = true;
                    true
                } else if p.beat + 1 < beats {
                    p.beat += 1;
                    p.numbers_shown = false;
                    p.explain = false;
                    true
                } else {
                    false
                }
            }
            Action::StepBack => {
                let changed = p.beat > 0;
                p.beat = p.beat.saturating_sub(1);
                p.numbers_shown = true;
                changed
            }
            Action::First | Action::Replay => {
                p.beat = 0;
                p.numbers_shown = false;
                true
            }
            Action::Last => {
                p.beat = beats - 1;
                p.numbers_shown = true;
                true
            }
            Action::RevealAll => {
                let all = crate::story::present::after_reveals(self.contest());
                let p = self.presenter.as_mut()?;
                let changed = p.beat < all;
                p.beat = p.beat.max(all);
                p.numbers_shown = true;
                changed
            }
            Action::HideNumbers => {
                p.hide_numbers = !p.hide_numbers;
                p.numbers_shown = false;
                true
            }
            Action::Explain => {
                p.explain = !p.explain;
                true
            }
            Action::NextContest | Action::PreviousContest => {
                let changed =
                    self.switch_contest(if action == Action::NextContest { 1 } else { -1 });
                self.start_presenting();
                changed
            }
            Action::Help => {
                self.presenter = None;
                return None;
            }
            Action::Quit | Action::Faster | Action::Slower => return None,
            _ => false,
        };
        Some(changed)
    }

    fn set_view(&mut self, v: View) -> bool {
        if v == self.view {
            return false;
        }
        if v == View::Help {
            self.before_help = self.view;
        }
        self.view = v;
        self.scroll = 0;
        true
    }
}

/// The tabs across the top: (view, first column, last column + 1), for drawing and clicks.
pub fn tab_spans() -> Vec<(View, u16, u16)> {
    let mut x = 1u16;
    View::ALL
        .iter()
        .map(|&v| {
            let w = crate::text::width(v.tab()) as u16 + 2;
            let span = (v, x, x + w);
            x += w + 1;
            span
        })
        .collect()
}

/// Apply one message. Returns true when the screen must be redrawn.
pub fn update(app: &mut App, msg: Msg) -> bool {
    match msg {
        Msg::Tick(now) => {
            let before = app.now;
            app.now = app.now.max(now);
            // A live highlight ending or the "updated … ago" text changing.
            let mut changed = app
                .live
                .as_ref()
                .and_then(|l| l.next_change(before))
                .is_some_and(|t| t <= app.now);
            if let Some(a) = app.animation {
                changed = true;
                if a.finished(app.now) {
                    app.animation = None;
                    app.after_step();
                }
            }
            if let Some(at) = app.next_play_at
                && app.now >= at
            {
                app.next_play_at = None;
                changed |= app.step_forward();
            }
            changed
        }
        Msg::Resize(w, h) => {
            app.size = (w, h);
            true
        }
        Msg::Key(key) => {
            // A key during an animation completes it at once, then acts: nobody waits.
            let finished = app.animation.take().is_some();
            if finished {
                app.after_step();
            }
            let acted = keys::action_for(key).is_some_and(|a| app.act(a));
            finished || acted
        }
        Msg::Feed(feed) => live::apply(app, *feed),
        Msg::Signal(Signal::End(n)) => {
            app.exit = Some(Exit::Signal(n));
            false
        }
        Msg::Signal(Signal::Suspend) => {
            app.suspend = true;
            false
        }
        Msg::Click(column, row) => {
            if row != 0 {
                return false;
            }
            match tab_spans()
                .into_iter()
                .find(|(_, a, b)| column >= *a && column < *b)
            {
                Some((v, _, _)) => app.set_view(v),
                None => false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(a.playing && a.round == 1);
        update(&mut a, Msg::Tick(ms(4000)));
        assert!(!a.playing, "stops at the last step");
        assert_eq!(a.next_deadline(), None);
    }

    #[test]
    fn show_step_places_the_count_at_any_moment() {
        let mut a = app(true);
        a.show_step(2.0).unwrap();
        assert_eq!(a.shown().votes[0], Some(828_380.0));
        a.show_step(1.0).unwrap();
        assert_eq!(a.shown().votes[0], Some(685_541.0));
        a.show_step(1.5).unwrap();
        let mid = a.shown().votes[0].unwrap();
        assert!((mid - (685_541.0 + 142_839.0 / 2.0)).abs() < 1.0, "{mid}");
        a.show_step(0.0).unwrap();
        assert_eq!(a.shown().votes[0], Some(0.0));
        assert!(
            a.show_step(2.5)
                .unwrap_err()
                .contains("from 0 (nothing counted) to 2")
        );
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
        let (_, x, _) = tab_spans()[2];
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
        a.suspend = false;
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
}
