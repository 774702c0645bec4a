//! The only code that touches the terminal: setup and restore, the input thread, and the
//! loop that feeds messages to `app::update` and redraws when it says something changed.
//!
//! Idle, the loop blocks on the event channel with no timeout: no timer wakes the process.
//! While something animates it wakes once per frame (60 per second), and while playing it
//! wakes when the next step is due. Restoring the terminal is done by a guard's `Drop`, so
//! it happens on quit, on error and on panic (ratatui's panic hook restores it too).

use std::io;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Instant;

use crossterm::cursor::Show;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{self, LeaveAlternateScreen};

use crate::app::keys::Key;
use crate::app::{App, Exit, Msg, update};
use crate::ui::Screen;

/// Restores the terminal when dropped.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        leave();
    }
}

/// Hand the terminal back as it was before the viewer: mouse reporting off, the cursor
/// shown, the main screen back, raw mode off. Each step is tried whatever happened to the
/// one before. `ratatui::restore` undoes only raw mode and the alternate screen, so this
/// does not rely on it. Mouse reporting goes first, so the terminal stops sending reports
/// before the tty echoes input again.
fn leave() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, Show);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = terminal::disable_raw_mode();
}

/// Run the viewer until the user quits.
pub fn run(app: App) -> io::Result<Exit> {
    run_with(app, |_| {})
}

/// Run the viewer with something else feeding it messages too (a file loader, a replay):
/// `start` is given a sender on the viewer's one event channel.
pub fn run_with(mut app: App, start: impl FnOnce(mpsc::Sender<Msg>)) -> io::Result<Exit> {
    // The guard first: if setup fails half way, what was switched on is switched off.
    let _guard = Guard;
    let mut terminal = ratatui::try_init()?;
    execute!(io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    update(&mut app, Msg::Resize(size.width, size.height));

    let (tx, rx) = mpsc::channel::<Msg>();
    start(tx.clone());
    thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if let Some(msg) = translate(ev)
                && tx.send(msg).is_err()
            {
                break;
            }
        }
    });

    let start = Instant::now();
    terminal.draw(|f| f.render_widget(Screen { app: &app }, f.area()))?;
    loop {
        let msg = match app.next_deadline() {
            Some(deadline) => match rx.recv_timeout(deadline.saturating_sub(start.elapsed())) {
                Ok(msg) => Some(msg),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            },
            None => match rx.recv() {
                Ok(msg) => Some(msg),
                Err(_) => break,
            },
        };
        let mut changed = update(&mut app, Msg::Tick(start.elapsed()));
        if let Some(msg) = msg {
            changed |= update(&mut app, msg);
        }
        if let Some(exit) = app.exit {
            return Ok(exit);
        }
        if changed {
            terminal.draw(|f| f.render_widget(Screen { app: &app }, f.area()))?;
        }
    }
    Ok(Exit::Quit)
}

/// A terminal event as a message, or `None` for events the viewer ignores (key releases
/// and repeats, mouse moves).
pub fn translate(ev: Event) -> Option<Msg> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            let key = match k.code {
                KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
                KeyCode::Char(c) => Key::Char(c),
                KeyCode::Left => Key::Left,
                KeyCode::Right => Key::Right,
                KeyCode::Up => Key::Up,
                KeyCode::Down => Key::Down,
                KeyCode::Home => Key::Home,
                KeyCode::End => Key::End,
                KeyCode::PageUp => Key::PageUp,
                KeyCode::PageDown => Key::PageDown,
                KeyCode::Tab => Key::Tab,
                KeyCode::BackTab => Key::BackTab,
                KeyCode::Enter => Key::Enter,
                KeyCode::Esc => Key::Esc,
                _ => return None,
            };
            Some(Msg::Key(key))
        }
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
            Some(Msg::Click(m.column, m.row))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEvent, KeyEventState};

    fn key(code: KeyCode, modifiers: KeyModifiers, kind: KeyEventKind) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers,
            kind,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn only_key_presses_count() {
        let press = |code, modifiers| translate(key(code, modifiers, KeyEventKind::Press));
        assert!(matches!(
            press(KeyCode::Right, KeyModifiers::NONE),
            Some(Msg::Key(Key::Right))
        ));
        assert!(
            translate(key(
                KeyCode::Right,
                KeyModifiers::NONE,
                KeyEventKind::Release
            ))
            .is_none()
        );
        assert!(matches!(
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Msg::Key(Key::Ctrl('c')))
        ));
    }
}
