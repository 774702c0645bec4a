//! The viewer's state and the one function that changes it.
//!
//! `App` is everything the screen is drawn from: which contest, which step, which view and
//! each view's own state ([`views`]), the animation in progress, presenter mode ([`present`])
//! and live following ([`live`]). `update` applies one message (a key, a tick of the clock,
//! a resize, a click, news from a followed file, what the last drawing found out) and says
//! whether anything visible changed, so the loop redraws only then. The fields are private:
//! tests and headless drawing drive the app with messages too, so they can only build
//! states the viewer can reach. Time comes in with the messages, never from the system
//! clock, so tests can drive the viewer frame by frame. Nothing here knows about the
//! terminal.

pub mod animation;
pub mod keys;
pub mod live;
pub mod msg;
pub mod options;
pub mod present;
pub mod views;

use std::time::Duration;

use animation::{Animation, From, Shown};
use keys::Action;

use crate::count::Counted;
use crate::story::tables::{ContestTables, Tables};
pub use msg::{Exit, Geometry, Msg, PresentScroll, Signal};
pub use options::{DEFAULT_STEP, FRAME, Options, PLAY_PAUSE, Theme};
pub use present::Presenter;
pub use views::{AreaSort, ShareBasis, Views};

/// The views, in tab order. Also `tally render --view`'s values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
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

/// Playing through the steps by itself, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Playback {
    Stopped,
    /// Playing; the next step is due at this time (`None` while a step animates).
    Playing(Option<Duration>),
}

impl Playback {
    /// The one way to stop playing: nothing is left due to step on by itself.
    fn stop(&mut self) {
        *self = Playback::Stopped;
    }

    fn due(self) -> Option<Duration> {
        match self {
            Playback::Playing(at) => at,
            Playback::Stopped => None,
        }
    }
}

pub struct App {
    contests: Vec<Counted>,
    /// What the views draw from the contests, worked out when they were loaded.
    tables: Tables,
    current: usize,
    /// The round shown (0-based), or being animated to.
    round: usize,
    view: View,
    /// The view to return to when help is closed.
    before_help: View,
    views: Views,
    animation: Option<Animation>,
    playback: Playback,
    options: Options,
    now: Duration,
    /// Tabs and scroll limits, as last drawn.
    geometry: Geometry,
    /// Set when the viewer must end, with how.
    exit: Option<Exit>,
    /// Ctrl-Z or SIGTSTP asked to suspend: the loop around the app takes it (`take_suspend`),
    /// hands the terminal back and stops the process.
    suspend: bool,
    /// Following a file or a replay: `Some`.
    live: Option<live::Live>,
    /// Presenter mode: `Some`.
    presenter: Option<Presenter>,
    /// A short notice for the footer ("speed 2×") and when it goes.
    notice: Option<(String, Duration)>,
}

/// How long a notice stays in the footer.
pub const NOTICE: Duration = Duration::from_secs(2);

impl App {
    /// A viewer on `contests` (at least one), starting on `current` with the first count
    /// growing from zero (at once when animation is off).
    pub fn new(contests: Vec<Counted>, current: usize, options: Options) -> Self {
        assert!(!contests.is_empty(), "the viewer needs a contest");
        let mut app = Self::empty(options);
        app.views.elections.highlighted = contests
            .iter()
            .map(|l| crate::import::embedded::highlighted(&l.contest.id))
            .collect();
        app.current = current.min(contests.len() - 1);
        app.tables = Tables::new(&contests);
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

    /// Compare what is followed with `baseline` ("how does this compare with last time?"):
    /// `tally watch FILE --against london-2016`. Only a live viewer has a baseline.
    pub fn against(mut self, baseline: Counted) -> Self {
        if let Some(live) = self.live.as_mut() {
            live.baseline = Some(Box::new(baseline));
            live.compare(self.contests.get(self.current));
        }
        self
    }

    fn empty(options: Options) -> Self {
        App {
            contests: Vec::new(),
            tables: Tables::new(&[]),
            current: 0,
            round: 0,
            view: View::Count,
            before_help: View::Count,
            views: Views::default(),
            animation: None,
            playback: Playback::Stopped,
            options,
            now: Duration::ZERO,
            geometry: Geometry::default(),
            exit: None,
            suspend: false,
            live: None,
            presenter: None,
            notice: None,
        }
    }

    /// Every contest loaded (none yet while a followed file has no good version).
    pub fn contests(&self) -> &[Counted] {
        &self.contests
    }

    /// The index of the contest on screen.
    pub fn current(&self) -> usize {
        self.current
    }

    pub fn contest(&self) -> &Counted {
        &self.contests[self.current]
    }

    /// What the views draw from the contests: per contest and across them.
    pub fn tables(&self) -> &Tables {
        &self.tables
    }

    /// What the views draw from the contest on screen.
    pub fn contest_tables(&self) -> &ContestTables {
        &self.tables.contests[self.current]
    }

    /// The round shown (0-based), or being animated to.
    pub fn round(&self) -> usize {
        self.round
    }

    pub fn last_round(&self) -> usize {
        self.contest().count.rounds.len() - 1
    }

    /// How many steps the count has: step 0 is nothing counted, step k is round k.
    pub fn steps(&self) -> usize {
        self.contest().count.rounds.len()
    }

    pub fn view(&self) -> View {
        self.view
    }

    /// Each view's own state.
    pub fn views(&self) -> &Views {
        &self.views
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The app's clock: time since the viewer started.
    pub fn now(&self) -> Duration {
        self.now
    }

    pub fn is_playing(&self) -> bool {
        self.playback != Playback::Stopped
    }

    /// Whether a step's animation stands paused (Space).
    pub fn is_paused(&self) -> bool {
        self.animation.is_some_and(|a| a.paused.is_some())
    }

    /// Whether Space would pause now: playing, or a step moving in the viewer.
    pub fn space_pauses(&self) -> bool {
        self.is_playing()
            || (self.presenter.is_none() && self.animation.is_some_and(|a| a.paused.is_none()))
    }

    pub fn live_state(&self) -> Option<&live::Live> {
        self.live.as_ref()
    }

    pub fn presenter(&self) -> Option<&Presenter> {
        self.presenter.as_ref()
    }

    /// The footer's notice now ("speed 2×"), if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice
            .as_ref()
            .filter(|(_, until)| self.now < *until)
            .map(|(text, _)| text.as_str())
    }

    /// Set when the viewer must end, with how.
    pub fn exit(&self) -> Option<Exit> {
        self.exit
    }

    /// Whether a suspend was asked for; asking clears it.
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
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
        if let Some(a) = self.animation
            && a.paused.is_none()
        {
            return Some(self.now + FRAME);
        }
        let live = self.live.as_ref().and_then(|l| l.next_change(self.now));
        let notice = self.notice.as_ref().map(|(_, until)| *until);
        [self.playback.due(), live, notice]
            .into_iter()
            .flatten()
            .min()
    }

    fn seek(&mut self, s: f64) -> bool {
        let steps = self.steps();
        if !(0.0..=steps as f64).contains(&s) {
            return false;
        }
        let k = s.floor() as usize;
        let frac = s - s.floor();
        self.playback.stop();
        self.now = Duration::from_secs(1) + Duration::from_secs_f64(frac);
        let (from, to) = match (k, frac > 0.0) {
            (0, _) => (From::Nothing, 0),
            (k, false) => {
                self.round = k - 1;
                self.animation = None;
                return true;
            }
            (k, true) => (From::Round(k - 1), k),
        };
        self.round = to;
        self.animation = Some(Animation {
            from,
            to,
            started: Duration::from_secs(1),
            duration: Duration::from_secs(1),
            paused: None,
        });
        true
    }

    fn animate(&mut self, from: From, to: usize) {
        self.round = to;
        // A transfer from many sources takes longer, so each can be seen (at most a few
        // steps; see `animation::turns`).
        let steps = animation::steps(&self.contest().count, from, to);
        self.animation = self.options.animate.then_some(Animation {
            from,
            to,
            started: self.now,
            duration: self.options.step_duration.mul_f64(steps),
            paused: None,
        });
        if self.animation.is_none() {
            self.after_step();
        }
    }

    /// Open the current contest at its first count.
    fn open_current(&mut self) {
        self.scroll_of(self.view).map(views::Scroll::reset);
        self.views.areas.selected = 0;
        self.playback.stop();
        self.animate(From::Nothing, 0);
    }

    /// A step has finished (its animation ended, or there was none).
    fn after_step(&mut self) {
        if self.is_playing() {
            self.playback = if self.round < self.last_round() {
                Playback::Playing(Some(self.now + PLAY_PAUSE))
            } else {
                Playback::Stopped
            };
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

    /// The scroll of a view that scrolls.
    fn scroll_of(&mut self, view: View) -> Option<&mut views::Scroll> {
        match view {
            View::Count => Some(&mut self.views.count),
            View::Shares => Some(&mut self.views.shares.scroll),
            View::Elections => Some(&mut self.views.elections.scroll),
            View::Help => Some(&mut self.views.help),
            View::Areas => None,
        }
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
                Action::Help => self.toggle_help(),
                Action::Close => self.view == View::Help && self.toggle_help(),
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
                self.playback.stop();
                self.step_forward()
            }
            Action::StepBack => {
                self.playback.stop();
                self.round > 0 && self.go_to(self.round - 1)
            }
            Action::First => {
                self.playback.stop();
                self.go_to(0)
            }
            Action::Last => {
                self.playback.stop();
                self.go_to(self.last_round())
            }
            Action::PlayPause => {
                if self.is_playing() {
                    self.playback.stop();
                } else {
                    self.playback = Playback::Playing(None);
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
                self.playback.stop();
                self.animate(From::Nothing, 0);
                true
            }
            Action::NextContest => self.switch_contest(1),
            Action::PreviousContest => self.switch_contest(-1),
            Action::ToggleBasis => {
                self.views.shares.toggle_basis();
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
                self.notice = Some((speed_notice(&self.options), self.now + NOTICE));
                true
            }
            Action::NextView | Action::PreviousView => {
                let views = View::ALL;
                let i = views.iter().position(|v| *v == self.view).unwrap_or(0) as isize;
                let d = if action == Action::NextView { 1 } else { -1 };
                self.set_view(views[(i + d).rem_euclid(views.len() as isize) as usize])
            }
            Action::Show(v) => self.set_view(v),
            Action::Help => self.toggle_help(),
            Action::Up => self.scroll_by(-1),
            Action::Down => self.scroll_by(1),
            Action::PageUp => self.scroll_by(-i32::from(self.page())),
            Action::PageDown => self.scroll_by(i32::from(self.page())),
            Action::Top => self.scroll_by(-i32::from(u16::MAX)),
            Action::Bottom => self.scroll_by(i32::from(u16::MAX)),
            Action::ToggleOthers => {
                self.views.count_others = !self.views.count_others;
                self.view == View::Count
            }
            Action::Close => self.view == View::Help && self.toggle_help(),
            Action::Sort => {
                let table = &self.tables.contests[self.current].areas;
                self.views.areas.next_sort(table);
                self.view == View::Areas
            }
            Action::Present => {
                self.start_presenting_from(true);
                true
            }
            // Suspend is handled above, before any mode can take the key.
            Action::RevealAll | Action::HideNumbers | Action::Explain | Action::Suspend => false,
            Action::ToggleHighlight => match self.views.elections.highlighted.get_mut(self.current)
            {
                Some(h) => {
                    *h = !*h;
                    self.view == View::Elections
                }
                None => false,
            },
        }
    }

    /// A page of the view drawn: its height as last drawn, less a row of context.
    fn page(&self) -> u16 {
        self.geometry.page.saturating_sub(1).max(1)
    }

    /// Scroll the view (or move the Areas selection) by `rows`, clamped at both ends.
    fn scroll_by(&mut self, rows: i32) -> bool {
        if self.view == View::Areas {
            let n = self.contest_tables().areas.len();
            return self.views.areas.move_by(rows, n);
        }
        self.scroll_of(self.view).is_some_and(|s| s.by(rows))
    }

    fn toggle_help(&mut self) -> bool {
        if self.view == View::Help {
            self.set_view(self.before_help)
        } else {
            self.set_view(View::Help)
        }
    }

    fn set_view(&mut self, v: View) -> bool {
        if v == self.view {
            return false;
        }
        if v == View::Help {
            self.before_help = self.view;
        }
        self.view = v;
        self.scroll_of(v).map(views::Scroll::reset);
        true
    }

    /// What the last drawing found out: keep the tabs for clicks, clamp the view's scroll.
    fn drawn(&mut self, geometry: Geometry) -> bool {
        let clamped = match geometry.scroll {
            Some((view, max)) => self.scroll_of(view).is_some_and(|s| s.limit(max)),
            None => false,
        };
        let clamped = match (self.presenter.as_mut(), geometry.present) {
            (Some(p), Some(drawn)) => p.drawn(drawn) || clamped,
            _ => clamped,
        };
        self.geometry = geometry;
        clamped
    }
}

/// Rows a turn of the mouse wheel scrolls.
const WHEEL: i32 = 3;

/// "speed 1.5× (1.0 s a step)": the animation speed, as a multiple of the default.
fn speed_notice(options: &Options) -> String {
    let times = DEFAULT_STEP.as_secs_f64() / options.step_duration.as_secs_f64();
    let times = if (times - times.round()).abs() < 0.05 {
        format!("{}", times.round())
    } else {
        format!("{times:.1}")
    };
    let off = if options.animate {
        ""
    } else {
        ", animation off"
    };
    format!(
        "speed {times}× ({:.1} s a step{off})",
        options.step_duration.as_secs_f64()
    )
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
                // Paused, nothing moves.
                changed |= a.paused.is_none();
                if a.finished(app.now) {
                    app.animation = None;
                    app.after_step();
                }
            }
            if app
                .notice
                .as_ref()
                .is_some_and(|(_, until)| *until <= app.now)
            {
                app.notice = None;
                changed = true;
            }
            if let Some(at) = app.playback.due()
                && app.now >= at
            {
                app.playback = Playback::Playing(None);
                changed |= app.step_forward();
            }
            changed
        }
        Msg::Resize(..) => true,
        Msg::Wheel(down) => {
            if app.contests.is_empty() {
                return false;
            }
            let rows = if down { WHEEL } else { -WHEEL };
            match app.presenter.as_mut() {
                Some(p) => p.scroll_by(rows),
                None => app.scroll_by(rows),
            }
        }
        Msg::Key(key) => {
            // Space during the viewer's animation pauses it where it is (to read which
            // source is moving), and again resumes it; play stops.
            let action = keys::action_for(key);
            if action == Some(Action::PlayPause)
                && app.presenter.is_none()
                && let Some(a) = app.animation.as_mut()
            {
                a.toggle_pause(app.now);
                app.playback.stop();
                return true;
            }
            // Any other key during an animation completes it at once, then acts: nobody
            // waits.
            let finished = app.animation.take().is_some();
            if finished {
                app.after_step();
            }
            let acted = action.is_some_and(|a| app.act(a));
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
            let tab = app
                .geometry
                .tabs
                .iter()
                .find(|(_, a, b)| column >= *a && column < *b)
                .map(|t| t.0);
            tab.is_some_and(|v| app.set_view(v))
        }
        Msg::Show(v) => app.set_view(v),
        Msg::Seek(s) => !app.contests.is_empty() && app.seek(s),
        Msg::Beat(beat) => {
            if app.presenter.is_none() && !app.contests.is_empty() {
                app.start_presenting();
            }
            app.go_to_beat(beat)
        }
        Msg::Drawn(geometry) => app.drawn(geometry),
    }
}

#[cfg(test)]
mod tests;
