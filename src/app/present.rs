//! Presenter mode's state and keys: where the lesson is (`story::present` writes the
//! script), whether the numbers are hidden until the class has guessed, and whether the
//! explainers are open.

use super::App;
use super::keys::Action;

/// Presenter mode's place in the lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Presenter {
    /// Index into `story::present::beats`.
    pub beat: usize,
    /// Numbers stay hidden until a key reveals them (students guess first).
    pub hide_numbers: bool,
    /// With `hide_numbers`: this beat's numbers have been revealed.
    pub numbers_shown: bool,
    /// The explainers page is open.
    pub explain: bool,
}

impl App {
    /// This viewer, opened in presenter mode.
    pub fn presenting(mut self) -> Self {
        self.start_presenting();
        self
    }

    /// Open presenter mode at the start of the lesson.
    pub(super) fn start_presenting(&mut self) {
        self.animation = None;
        self.playback.stop();
        self.presenter = Some(Presenter::default());
    }

    /// Go to a beat of the lesson (for slides drawn without a terminal), its numbers shown.
    pub(super) fn go_to_beat(&mut self, beat: usize) -> bool {
        let beats = self.contest_tables().beats.len();
        match self.presenter.as_mut() {
            Some(p) if beat < beats => {
                p.beat = beat;
                p.numbers_shown = true;
                true
            }
            _ => false,
        }
    }

    /// Keys in presenter mode; `None` for keys that act as in the viewer.
    pub(super) fn present(&mut self, action: Action) -> Option<bool> {
        let beats = self.contest_tables().beats.len();
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
                let all = self.contest_tables().after_reveals;
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
}
