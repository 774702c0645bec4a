//! A progress bar for long reads: "Reading votes.csv  42 MB / 120 MB, 1,234,567 ballots".
//!
//! A file of millions of ballots takes seconds to read, and a silent terminal looks stuck.
//! The bar goes to standard error, and only when standard error is a terminal: piped or
//! redirected, nothing is written, so output and error messages stay exactly as they are.
//! Short reads never show it: it starts only once a read has taken [`DELAY`]. It is cleared
//! when the read ends (or the reader is dropped, on an error too), before anything else is
//! printed and before the viewer takes the screen.
//!
//! A reader calls [`Progress::read`] as often as it likes (per line, per ballot): most calls
//! only compare two numbers.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::files::human_size;
use crate::text::{clean, thousands};

/// How long a read goes on before the bar appears.
pub const DELAY: Duration = Duration::from_millis(500);

/// How many bytes, or ballots, between two looks at the clock and the bar.
const STEP_BYTES: u64 = 256 * 1024;
const STEP_BALLOTS: u64 = 4096;

/// Where the bar goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Standard error (a terminal).
    Stderr,
    /// Nowhere: the bar is kept and updated, but drawn nowhere (tests).
    #[cfg_attr(not(test), expect(dead_code, reason = "the tests' bar, drawn nowhere"))]
    Hidden,
    /// No bar at all.
    Off,
}

/// The progress of reading one file.
#[derive(Debug)]
pub struct Progress {
    target: Target,
    /// "Reading votes.csv", made safe for the terminal.
    label: String,
    /// The file's size, when known.
    total: Option<u64>,
    started: Instant,
    delay: Duration,
    /// Where the next look at the clock is due.
    next_bytes: u64,
    next_ballots: u64,
    bytes: u64,
    ballots: u64,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Reading `file` (named as the user named it), of `total` bytes if known: a bar on
    /// standard error if it is a terminal, nothing otherwise.
    pub fn reading(file: &str, total: Option<u64>) -> Self {
        let target = if std::io::stderr().is_terminal() {
            Target::Stderr
        } else {
            Target::Off
        };
        Self::new(target, file, total, DELAY)
    }

    /// A read that shows nothing.
    pub fn none() -> Self {
        Self::new(Target::Off, "", None, DELAY)
    }

    fn new(target: Target, file: &str, total: Option<u64>, delay: Duration) -> Self {
        let name = std::path::Path::new(file)
            .file_name()
            .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
        Progress {
            target,
            label: format!("Reading {}", clean(&name)),
            total,
            started: Instant::now(),
            delay,
            next_bytes: STEP_BYTES,
            next_ballots: STEP_BALLOTS,
            bytes: 0,
            ballots: 0,
            bar: None,
        }
    }

    /// So far: `bytes` of the file read, and `ballots` read from it. Cheap: the clock and
    /// the bar are looked at only every [`STEP_BYTES`] bytes or [`STEP_BALLOTS`] ballots.
    #[inline]
    pub fn read(&mut self, bytes: u64, ballots: u64) {
        self.bytes = bytes;
        self.ballots = ballots;
        if bytes >= self.next_bytes || ballots >= self.next_ballots {
            self.next_bytes = bytes.saturating_add(STEP_BYTES);
            self.next_ballots = ballots.saturating_add(STEP_BALLOTS);
            self.show();
        }
    }

    /// `ballots` read so far, where bytes are not counted (a reader of a compressed file).
    #[inline]
    pub fn ballots(&mut self, ballots: u64) {
        self.read(self.bytes, ballots);
    }

    /// Start the bar once the read has taken long enough, and bring it up to date.
    fn show(&mut self) {
        if self.target == Target::Off {
            return;
        }
        if self.bar.is_none() {
            if self.started.elapsed() < self.delay {
                return;
            }
            self.bar = Some(self.start());
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.bytes);
            let size = match self.total {
                Some(total) => format!("{} / {}", human_size(self.bytes), human_size(total)),
                None => human_size(self.bytes),
            };
            let ballots = if self.ballots == 1 {
                "1 ballot".to_string()
            } else {
                format!("{} ballots", thousands(self.ballots))
            };
            bar.set_message(format!("{size}, {ballots}"));
        }
    }

    fn start(&self) -> ProgressBar {
        let draw = match self.target {
            Target::Stderr => ProgressDrawTarget::stderr_with_hz(10),
            Target::Hidden | Target::Off => ProgressDrawTarget::hidden(),
        };
        let (bar, template) = match self.total {
            Some(total) => (
                ProgressBar::with_draw_target(Some(total), draw),
                "{prefix}  {wide_bar}  {msg}",
            ),
            None => (
                ProgressBar::with_draw_target(None, draw),
                "{prefix}  {spinner}  {msg}",
            ),
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("█▉▊▋▌▍▎▏ "));
        }
        bar.set_prefix(self.label.clone());
        bar
    }

    /// The read is over: the bar, if one was drawn, is cleared from the terminal.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    /// Whether a bar has started (drawn, unless the target is hidden).
    pub fn is_shown(&self) -> bool {
        self.bar.is_some()
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_drawn_when_standard_error_is_not_a_terminal() {
        // However long the read and however much is read.
        let mut p = Progress::new(Target::Off, "votes.csv", Some(10 << 20), Duration::ZERO);
        for k in 1..=100u64 {
            p.read(k * STEP_BYTES, k * STEP_BALLOTS);
        }
        assert!(!p.is_shown());
        // Under test, standard error is captured, not a terminal.
        if !std::io::stderr().is_terminal() {
            let mut p = Progress::reading("votes.csv", Some(10 << 20));
            p.delay = Duration::ZERO;
            p.read(5 << 20, 1_000_000);
            assert!(!p.is_shown());
        }
    }

    #[test]
    fn a_bar_starts_only_after_the_delay_and_is_cleared_at_the_end() {
        let mut p = Progress::new(Target::Hidden, "dir/votes.csv", Some(10 << 20), DELAY);
        p.read(5 << 20, 1_000_000);
        assert!(!p.is_shown(), "a short read shows nothing");
        let mut p = Progress::new(
            Target::Hidden,
            "dir/votes.csv",
            Some(10 << 20),
            Duration::ZERO,
        );
        assert_eq!(p.label, "Reading votes.csv");
        p.read(100, 2);
        assert!(!p.is_shown(), "looked at only every step");
        p.read(5 << 20, 1_234_567);
        assert!(p.is_shown());
        let bar = p.bar.clone().unwrap();
        assert_eq!(bar.position(), 5 << 20);
        assert_eq!(bar.message(), "5.2 MB / 10.5 MB, 1,234,567 ballots");
        p.finish();
        assert!(!p.is_shown());
        assert!(bar.is_finished());
    }

    #[test]
    fn names_from_files_are_made_safe() {
        let p = Progress::new(Target::Hidden, "\u{1b}[2Jvotes.csv", None, Duration::ZERO);
        assert!(!p.label.contains('\u{1b}'), "{:?}", p.label);
    }
}
