//! How the viewer looks and moves: the theme, animation and its speed, read from the
//! command line and the environment once, and the timings of frames and play.

use std::time::Duration;

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
