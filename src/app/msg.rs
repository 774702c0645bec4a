//! What the viewer is told: a message for everything that can happen (keys, the clock, a
//! click, a followed file's news, a signal, what the last drawing found out), and how the
//! viewer ended.

use std::time::Duration;

use super::View;
use super::keys::Key;

#[derive(Debug, Clone)]
pub enum Msg {
    Key(Key),
    /// The clock: time since the viewer started.
    Tick(Duration),
    Resize(u16, u16),
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// The mouse wheel turned: down (true) or up.
    Wheel(bool),
    /// News from a followed file or a replay.
    Feed(Box<crate::live::Feed>),
    /// A signal from outside (`kill`, a closed terminal), as `tui.rs` reports it.
    Signal(Signal),
    /// Open a view.
    Show(View),
    /// Show step `s` exactly as the viewer would at that moment: 0 is nothing counted yet,
    /// k is round k, and a fraction is that far into the animation towards the next round
    /// (1.5 is half-way through the transfer into round 2). Steps outside the count are
    /// ignored ([`App::steps`] says how many there are).
    Seek(f64),
    /// Presenter mode at this beat of the lesson (for slides).
    Beat(usize),
    /// What the last drawing found out: where the tabs are, how far the view can scroll.
    Drawn(Geometry),
}

/// What drawing the screen tells the app for the next key: the tabs' columns (for clicks)
/// and how far the view drawn can scroll. Drawing never changes the app; this comes back
/// as a message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Geometry {
    /// Each tab: (view, first column, last column + 1) on the top row.
    pub tabs: Vec<(View, u16, u16)>,
    /// The view drawn, and the most it can scroll (`None` for a view that does not scroll).
    pub scroll: Option<(View, u16)>,
    /// The rows the view had, for a page up or down.
    pub page: u16,
    /// Presenter mode's scrolling as drawn, when it is on screen.
    pub present: Option<PresentScroll>,
}

/// How presenter mode's scrolling part (the bars, or the explainers) was drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PresentScroll {
    /// The first row shown (the focus is kept in view until a key scrolls).
    pub offset: u16,
    /// The most it can scroll.
    pub max: u16,
    /// Rows on screen, for PgUp and PgDn.
    pub page: u16,
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
    /// The user quit (q, or Ctrl-C as a key).
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
