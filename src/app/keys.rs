//! The one table of keys. It decides what each key does, and it also builds the footer and
//! the help view, so what the screen says a key does is what it does.

use super::View;

/// A key press, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    /// A letter with Ctrl held.
    Ctrl(char),
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    Tab,
    BackTab,
    Enter,
    Esc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    StepBack,
    StepForward,
    PlayPause,
    First,
    Last,
    PreviousContest,
    NextContest,
    Replay,
    ToggleBasis,
    Faster,
    Slower,
    NextView,
    PreviousView,
    Show(View),
    Help,
    Up,
    Down,
    /// A page up or down the view's list (presenter mode: the bars or the explainers).
    PageUp,
    PageDown,
    /// The top or the bottom of the view's list.
    Top,
    Bottom,
    /// Count: list the candidates out in earlier rounds one by one, or fold them.
    ToggleOthers,
    /// Leave help, the presenter's explainers, or presenter mode opened from the viewer,
    /// and go back to the view.
    Close,
    Sort,
    ToggleHighlight,
    /// Presenter mode on or off.
    Present,
    /// Presenter: reveal every first preference at once.
    RevealAll,
    /// Presenter: hide numbers until a key reveals them.
    HideNumbers,
    /// Presenter: the explainers for this contest.
    Explain,
    /// Hand the terminal back and stop, as Ctrl-Z does in a shell (`fg` to come back).
    Suspend,
    Quit,
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written on screen.
    pub label: &'static str,
    pub action: Action,
    pub description: &'static str,
    /// Shown in the footer (with `short`) when there is room.
    pub short: Option<&'static str>,
    /// Shown in presenter mode's footer with these words: in full, and short for a
    /// narrow screen (the key is dropped only when even the short words don't fit).
    pub presenter: Option<(&'static str, &'static str)>,
}

use Action as A;
use Key as K;

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[K::Right, K::Char('l'), K::Enter],
        label: "→ l Enter",
        action: A::StepForward,
        description: "next step (animated)",
        short: Some("step"),
        presenter: Some(("next", "next")),
    },
    Binding {
        keys: &[K::Left, K::Char('h')],
        label: "← h",
        action: A::StepBack,
        description: "previous step (at once)",
        short: None,
        presenter: Some(("back", "back")),
    },
    Binding {
        keys: &[K::Char(' ')],
        label: "Space",
        action: A::PlayPause,
        description: "play or pause through every step",
        short: Some("play"),
        presenter: None,
    },
    Binding {
        keys: &[K::Home],
        label: "Home",
        action: A::First,
        description: "first step: the first count",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::End],
        label: "End",
        action: A::Last,
        description: "last step: the result",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char(']')],
        label: "]",
        action: A::NextContest,
        description: "next contest",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('[')],
        label: "[",
        action: A::PreviousContest,
        description: "previous contest",
        short: Some("contest"),
        presenter: None,
    },
    Binding {
        keys: &[K::Char('r')],
        label: "r",
        action: A::Replay,
        description: "replay the count from the start",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('p')],
        label: "p",
        action: A::ToggleBasis,
        description: "shares of valid first preferences / of the final round",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('+'), K::Char('=')],
        label: "+",
        action: A::Faster,
        description: "faster animation",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('-')],
        label: "-",
        action: A::Slower,
        description: "slower animation",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Tab],
        label: "Tab",
        action: A::NextView,
        description: "next view",
        short: Some("view"),
        presenter: None,
    },
    Binding {
        keys: &[K::BackTab],
        label: "Shift-Tab",
        action: A::PreviousView,
        description: "previous view",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('1')],
        label: "1",
        action: A::Show(View::Count),
        description: "Count: the bars, round by round",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('2')],
        label: "2",
        action: A::Show(View::Shares),
        description: "Shares: first and final round side by side",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('3')],
        label: "3",
        action: A::Show(View::Elections),
        description: "Elections: turnout and shares across contests",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('4')],
        label: "4",
        action: A::Show(View::Areas),
        description: "Areas: results by constituency",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Up, K::Char('k')],
        label: "↑ k",
        action: A::Up,
        description: "scroll up / previous area",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Down, K::Char('j')],
        label: "↓ j",
        action: A::Down,
        description: "scroll down / next area",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::PageUp],
        label: "PgUp",
        action: A::PageUp,
        description: "a page up (the list, the areas, the presenter's bars)",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::PageDown],
        label: "PgDn",
        action: A::PageDown,
        description: "a page down (the list, the areas, the presenter's bars)",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('g')],
        label: "g",
        action: A::Top,
        description: "top of the list / first area",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('G')],
        label: "G",
        action: A::Bottom,
        description: "bottom of the list / last area",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('o')],
        label: "o",
        action: A::ToggleOthers,
        description: "Count: list the candidates out one by one, or fold them into one row",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('s')],
        label: "s",
        action: A::Sort,
        description: "Areas: change the sort order",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('t')],
        label: "t",
        action: A::ToggleHighlight,
        description: "Elections: highlight this contest or not",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('P')],
        label: "P",
        action: A::Present,
        description: "presenter mode for a projector: big, one idea per key (P again to leave)",
        short: Some("present"),
        presenter: None,
    },
    Binding {
        keys: &[K::Char('a')],
        label: "a",
        action: A::RevealAll,
        description: "presenter: all first preferences at once (a beat of its own)",
        short: None,
        presenter: Some(("all at once", "all")),
    },
    Binding {
        keys: &[K::Char('n')],
        label: "n",
        action: A::HideNumbers,
        description: "presenter: hide every figure until the next key (guess first)",
        short: None,
        presenter: Some(("hide numbers", "hide")),
    },
    Binding {
        keys: &[K::Char('e')],
        label: "e",
        action: A::Explain,
        description: "presenter: explain the voting systems with this contest",
        short: None,
        presenter: Some(("explain", "explain")),
    },
    Binding {
        keys: &[K::Char('?')],
        label: "?",
        action: A::Help,
        description: "help: keys and how the systems work",
        short: Some("help"),
        presenter: None,
    },
    Binding {
        keys: &[K::Esc],
        label: "Esc",
        action: A::Close,
        description: "close: help, the presenter's explainers, or presenter mode (back to the viewer)",
        short: None,
        presenter: Some(("leave", "leave")),
    },
    Binding {
        keys: &[K::Ctrl('z')],
        label: "Ctrl-Z",
        action: A::Suspend,
        description: "suspend (fg to come back)",
        short: None,
        presenter: None,
    },
    Binding {
        keys: &[K::Char('q'), K::Ctrl('c')],
        label: "q Ctrl-C",
        action: A::Quit,
        description: "quit",
        short: Some("quit"),
        presenter: Some(("quit", "quit")),
    },
];

/// `(action, keys, what, what in short)` for presenter mode's footer, in table order.
pub fn presenter_footer() -> Vec<(Action, &'static str, &'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter_map(|b| {
            b.presenter.map(|(w, short)| {
                (
                    b.action,
                    b.label.split_whitespace().next().unwrap_or(b.label),
                    w,
                    short,
                )
            })
        })
        .collect()
}

/// What a key does, if anything.
pub fn action_for(key: Key) -> Option<Action> {
    BINDINGS
        .iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

/// `(keys, what)` pairs for the footer, in table order. While `playing` (or a step moves),
/// Space says "pause", and while a step stands `paused`, "resume": what it does then.
pub fn footer(playing: bool, paused: bool) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.short.is_some()) {
        let keys = match b.action {
            A::StepForward => "← →",
            A::PreviousContest => "[ ]",
            A::Quit => "q",
            _ => b.label,
        };
        let what = match b.action {
            A::PlayPause if paused => "resume",
            A::PlayPause if playing => "pause",
            _ => b.short.unwrap_or_default(),
        };
        out.push((keys, what));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen: Vec<Key> = Vec::new();
        for b in BINDINGS {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} is bound twice");
                seen.push(*k);
            }
        }
    }

    #[test]
    fn the_footer_comes_from_the_table() {
        let f = footer(false, false);
        assert!(
            f.contains(&("← →", "step")) && f.contains(&("q", "quit")),
            "{f:?}"
        );
        assert!(f.contains(&("Space", "play")), "{f:?}");
        assert!(footer(true, false).contains(&("Space", "pause")));
        assert!(footer(false, true).contains(&("Space", "resume")));
        assert_eq!(
            action_for(Key::Esc),
            Some(Action::Close),
            "Esc closes, q quits"
        );
        assert_eq!(action_for(Key::Ctrl('c')), Some(Action::Quit));
        assert_eq!(action_for(Key::Char('x')), None);
    }
}
