//! Presenter mode's state and keys: where the lesson is (`story::present` writes the
//! script), whether this beat's figures are hidden until the class has guessed, whether the
//! explainers are open, and how far the bars or the explainers are scrolled.
//!
//! `n` hides every figure of the beat on screen (bars, sentence, headline) until the next
//! key: a one-shot, not a lasting mode. → (or Space, or `n` again) then reveals them on the
//! same beat, and a transfer's bars move only then; any key that moves through the lesson
//! shows its beat in full. A beat with no figure (who stood, the first guess) has nothing to
//! hide, so `n` leaves it as it is and the next → moves on.

use super::App;
use super::PresentScroll;
use super::animation::{Animation, From, ease};
use super::keys::Action;
use crate::story::present::Beat;

/// Presenter mode's place in the lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Presenter {
    /// Index into `story::present::beats`.
    pub beat: usize,
    /// This beat's figures are hidden (`n`) until the next key reveals them.
    pub hidden: bool,
    /// The explainers page is open.
    pub explain: bool,
    /// Opened from the viewer with P (Esc goes back to it), not by `tally present`.
    pub from_viewer: bool,
    /// The first row of the scrolling part shown; `None` keeps the beat's focus in view.
    pub scroll: Option<u16>,
    /// How the scrolling part was last drawn.
    pub drawn: PresentScroll,
}

impl Presenter {
    /// A new beat or page: back to the top, the focus in view.
    fn moved(&mut self) {
        self.scroll = None;
    }

    /// Scroll by `delta` rows from what is on screen, within what was drawn.
    pub(super) fn scroll_by(&mut self, delta: i32) -> bool {
        let from = self.scroll.unwrap_or(self.drawn.offset);
        let to = (i32::from(from) + delta).clamp(0, i32::from(self.drawn.max)) as u16;
        let changed = to != self.drawn.offset;
        self.scroll = Some(to);
        changed
    }

    /// What the screen found out; true when the scroll had to be clamped.
    pub(super) fn drawn(&mut self, drawn: PresentScroll) -> bool {
        self.drawn = drawn;
        match self.scroll {
            Some(s) if s > drawn.max => {
                self.scroll = Some(drawn.max);
                true
            }
            _ => false,
        }
    }
}

impl App {
    /// This viewer, opened in presenter mode.
    pub fn presenting(mut self) -> Self {
        self.start_presenting_from(false);
        self
    }

    /// Open presenter mode at the start of the lesson.
    pub(super) fn start_presenting(&mut self) {
        let from_viewer = self.presenter.is_some_and(|p| p.from_viewer);
        self.start_presenting_from(false);
        if let Some(p) = self.presenter.as_mut() {
            p.from_viewer = from_viewer;
        }
    }

    /// Open presenter mode at the start of the lesson, from the viewer (P) or not.
    pub(super) fn start_presenting_from(&mut self, from_viewer: bool) {
        self.animation = None;
        self.playback.stop();
        self.presenter = Some(Presenter {
            from_viewer,
            ..Presenter::default()
        });
    }

    /// Go to a beat of the lesson (for slides drawn without a terminal), its numbers shown.
    pub(super) fn go_to_beat(&mut self, beat: usize) -> bool {
        let beats = self.contest_tables().beats.len();
        match self.presenter.as_mut() {
            Some(p) if beat < beats => {
                p.beat = beat;
                p.hidden = false;
                true
            }
            _ => false,
        }
    }

    /// How far the bars have moved into this beat, eased (0 to 1), while a transfer beat
    /// animates; `None` when the beat is shown as it ends.
    pub fn presenter_motion(&self) -> Option<f64> {
        self.presenter.as_ref()?;
        self.animation
            .filter(|a| !a.finished(self.now))
            .map(|a| ease(a.progress(self.now)))
    }

    /// A transfer beat reached by a step forward moves its bars, as the viewer's transfer
    /// does (the viewer's animation, its speed, `--no-animation`/`TALLY_REDUCED_MOTION`).
    fn animate_beat(&mut self) {
        let Some(p) = self.presenter else {
            return;
        };
        let beat = self.contest_tables().beats.get(p.beat).copied();
        self.animation = match beat {
            Some(Beat::Transfer(r, _)) if self.options.animate && p.beat > 0 => Some(Animation {
                from: From::Round(r - 1),
                to: r,
                started: self.now,
                duration: self.options.step_duration,
                paused: None,
            }),
            _ => None,
        };
    }

    /// Keys in presenter mode; `None` for keys that act as in the viewer.
    pub(super) fn present(&mut self, action: Action) -> Option<bool> {
        let beats = self.contest_tables().beats.len();
        let all = self.contest_tables().after_reveals;
        let has_figures = self.presenter.is_some_and(|p| {
            self.contest_tables()
                .beats
                .get(p.beat)
                .is_some_and(|&b| crate::story::present::frame(self.contest(), b).has_figures())
        });
        let p = self.presenter.as_mut()?;
        let before = *p;
        match action {
            Action::Present => {
                self.presenter = None;
                self.animation = None;
                return Some(true);
            }
            Action::Close => {
                if p.explain {
                    p.explain = false;
                    p.moved();
                } else if p.from_viewer {
                    self.presenter = None;
                    self.animation = None;
                    return Some(true);
                }
            }
            Action::StepForward | Action::PlayPause | Action::HideNumbers if p.hidden => {
                // The next key reveals this beat's figures; a transfer moves now.
                p.hidden = false;
                self.animate_beat();
                return Some(true);
            }
            Action::StepForward | Action::PlayPause if p.beat + 1 < beats => {
                p.beat += 1;
                p.explain = false;
                p.moved();
                self.animate_beat();
                return Some(true);
            }
            Action::StepBack => {
                p.beat = p.beat.saturating_sub(1);
                p.hidden = false;
                p.explain = false;
                p.moved();
            }
            Action::First | Action::Replay => {
                p.beat = 0;
                p.hidden = false;
                p.explain = false;
                p.moved();
            }
            Action::Last => {
                p.beat = beats - 1;
                p.hidden = false;
                p.explain = false;
                p.moved();
            }
            Action::RevealAll if p.beat < all => {
                p.beat = all;
                p.hidden = false;
                p.explain = false;
                p.moved();
            }
            // Only a beat with a figure on screen has something to hide; elsewhere `n` does
            // nothing, so no later key is spent revealing nothing.
            Action::HideNumbers if has_figures && !p.explain => {
                p.hidden = true;
                // A transfer waits, its bars still, until the figures are revealed.
                self.animation = None;
            }
            Action::Explain => {
                p.hidden = false;
                p.explain = !p.explain;
                p.moved();
            }
            Action::Up | Action::Down => {
                let changed = p.scroll_by(if action == Action::Down { 1 } else { -1 });
                return Some(changed);
            }
            Action::Top | Action::Bottom => {
                let all = i32::from(u16::MAX);
                return Some(p.scroll_by(if action == Action::Bottom { all } else { -all }));
            }
            Action::PageUp | Action::PageDown => {
                let page = i32::from(p.drawn.page.saturating_sub(1).max(1));
                let changed = p.scroll_by(if action == Action::PageDown {
                    page
                } else {
                    -page
                });
                return Some(changed);
            }
            Action::NextContest | Action::PreviousContest => {
                let changed =
                    self.switch_contest(if action == Action::NextContest { 1 } else { -1 });
                self.start_presenting();
                return Some(changed);
            }
            Action::Help => {
                self.presenter = None;
                return None;
            }
            Action::Quit | Action::Faster | Action::Slower | Action::Suspend => return None,
            _ => {}
        }
        Some(self.presenter.as_ref() != Some(&before))
    }
}
