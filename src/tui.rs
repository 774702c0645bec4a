//! The only code that touches the terminal: setup and restore, signals, the input thread,
//! and the loop that feeds messages to `app::update` and redraws when it says something
//! changed.
//!
//! Idle, the loop blocks on the event channel with no timeout: no timer wakes the process.
//! While something animates it wakes once per frame (60 per second), and while playing it
//! wakes when the next step is due. Restoring the terminal is done by a guard's `Drop`, so
//! it happens on quit, on error and on panic (ratatui's panic hook restores it too).
//!
//! Signals come in on the same channel as keys (Unix): SIGTERM, SIGHUP, SIGINT and SIGQUIT
//! end the loop as `q` does, so the guard restores the terminal, and the status they leave
//! with travels back as an [`Exit`]. Ctrl-Z (in raw mode the terminal sends it as a key, not
//! as SIGTSTP) and a real SIGTSTP hand the terminal back and stop the process; continued in
//! the foreground (`fg`), it takes the terminal again and repaints it all.

use std::io;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::cursor::Show;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{self, LeaveAlternateScreen};
use ratatui::DefaultTerminal;

use crate::app::keys::Key;
use crate::app::{App, Exit, Msg, update};
use crate::ui::Screen;

/// The terminal is in the viewer's mode while `taken`; dropping the guard hands it back.
struct Guard {
    taken: bool,
}

impl Guard {
    /// Hand the terminal back, once: a second "leave the alternate screen" would move the
    /// shell's cursor to where it was when the viewer started.
    fn release(&mut self) {
        if std::mem::take(&mut self.taken) {
            leave();
        }
    }

    /// Take the terminal again after a suspension.
    fn retake(&mut self) -> io::Result<()> {
        // First, so that whatever `enter` switches on before failing is switched off.
        self.taken = true;
        enter()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.release();
    }
}

/// Hand the terminal back as it was before the viewer: mouse reporting off, the cursor
/// shown, the main screen back, raw mode off. Each step is tried whatever happened to the
/// one before (after SIGHUP the terminal may be gone). `ratatui::restore` undoes only raw
/// mode and the alternate screen, so this does not rely on it. Mouse reporting goes first,
/// so the terminal stops sending reports before the tty echoes input again.
fn leave() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, Show);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = terminal::disable_raw_mode();
}

/// Take the terminal again after a suspension: everything `leave` undid. (The cursor is
/// hidden again by the next draw.)
fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        EnableMouseCapture
    )
}

/// How often to look whether the terminal is ours again, while continued in the background.
const AWAY: Duration = Duration::from_millis(100);

/// Run the viewer until the user quits or a signal ends it.
pub fn run(app: App) -> io::Result<Exit> {
    run_with(app, |_| {})
}

/// Run the viewer with something else feeding it messages too (a file loader, a replay):
/// `start` is given a sender on the viewer's one event channel.
pub fn run_with(mut app: App, start: impl FnOnce(mpsc::Sender<Msg>)) -> io::Result<Exit> {
    let (tx, rx) = mpsc::channel::<Msg>();
    // Signals before the terminal is touched, so from the first frame every way out restores
    // it. Declared before the guard, so dropped after it: the handlers stay until the
    // terminal is restored.
    #[cfg(unix)]
    let _signals = signals::Listener::start(tx.clone())?;
    // The guard next: if setup fails half way, what was switched on is switched off.
    let mut guard = Guard { taken: true };
    let mut terminal = ratatui::try_init()?;
    execute!(io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    update(&mut app, Msg::Resize(size.width, size.height));

    start(tx.clone());
    // Not joined: it blocks reading the terminal, and ends with the process.
    thread::spawn(move || read_input(tx));

    let start = Instant::now();
    draw(&mut terminal, &mut app)?;
    loop {
        let wake = match app.next_deadline() {
            // Away (continued in the background): look again soon whether the terminal is
            // ours, since `fg` on a running job hands it over without a signal.
            deadline if !guard.taken => {
                let away = start.elapsed() + AWAY;
                Some(deadline.map_or(away, |d| d.min(away)))
            }
            deadline => deadline,
        };
        let msg = match wake {
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
        if let Some(exit) = app.exit() {
            return Ok(exit);
        }
        if app.take_suspend() {
            suspend(&mut guard, &mut terminal);
        }
        // Continued, in the foreground: the terminal is ours again. Continued in the
        // background instead (`bg`, or `kill %1`, which continues a stopped job so that it
        // gets its SIGTERM), the terminal is the shell's: setting its modes would stop tally
        // again (SIGTTOU), so wait until `fg` gives it back.
        if !guard.taken && in_foreground() {
            guard.retake()?;
            // `resize`, not `clear`: both clear the screen and make the next draw repaint
            // every cell, but `clear` first asks the terminal where its cursor is, and the
            // answer cannot get past the input thread blocked reading (crossterm gives up
            // after 2 s, with an error). The size may have changed while tally was away.
            let size = terminal.size()?;
            terminal.resize(size.into())?;
            update(&mut app, Msg::Resize(size.width, size.height));
            changed = true;
        }
        if changed && guard.taken {
            draw(&mut terminal, &mut app)?;
        }
    }
    Ok(Exit::Quit)
}

/// Failed reads in a row, with tally in the foreground, after which the terminal is taken
/// to be gone and the input thread ends.
const READ_RETRIES: u32 = 50;
/// The pause after a failed read.
const READ_BACKOFF: Duration = Duration::from_millis(100);

/// Read the terminal's events onto the channel until the viewer ends. While tally is
/// continued in the background a read fails instead of stopping the process (the viewer
/// ignores SIGTTIN; see `signals`): the input was the shell's. Wait and read again, until
/// `fg` gives the terminal back.
fn read_input(tx: mpsc::Sender<Msg>) {
    let mut failures = 0;
    loop {
        match event::read() {
            Ok(ev) => {
                failures = 0;
                if let Some(msg) = translate(ev)
                    && tx.send(msg).is_err()
                {
                    return;
                }
            }
            Err(_) => {
                if in_foreground() {
                    failures += 1;
                    if failures > READ_RETRIES {
                        return;
                    }
                }
                thread::sleep(READ_BACKOFF);
            }
        }
    }
}

/// Draw the screen, and tell the app what the drawing found out (where the tabs are, how far
/// the view can scroll). If that clamps a scroll, draw again: the second drawing is final.
fn draw(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    for _ in 0..2 {
        let mut geometry = Default::default();
        terminal.draw(|f| geometry = Screen { app }.draw(f.area(), f.buffer_mut()))?;
        if !update(app, Msg::Drawn(geometry)) {
            break;
        }
    }
    Ok(())
}

/// Ctrl-Z or SIGTSTP: hand the terminal back and stop until continued (SIGCONT, from `fg`,
/// `bg` or `kill %1`).
#[cfg(unix)]
fn suspend(guard: &mut Guard, terminal: &mut DefaultTerminal) {
    guard.release();
    // ratatui shows the cursor when dropped if it thinks it hidden: tell it it is shown, so
    // a tally ended while in the background writes nothing on the shell's terminal.
    let _ = terminal.show_cursor();
    // SIGSTOP, not SIGTSTP: the viewer's own handler would catch SIGTSTP, and the kernel
    // discards a SIGTSTP whose default action would stop a process in an orphaned process
    // group, where SIGSTOP always stops. This returns once the process is continued.
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
}

/// Windows has no job control: Ctrl-Z does nothing.
#[cfg(not(unix))]
fn suspend(_guard: &mut Guard, _terminal: &mut DefaultTerminal) {}

/// Whether tally's process group owns the terminal (is the shell's foreground job).
#[cfg(unix)]
fn in_foreground() -> bool {
    // SAFETY: two queries with no pointers; tcgetpgrp returns -1 when stdin is no terminal.
    unsafe { libc::tcgetpgrp(libc::STDIN_FILENO) == libc::getpgrp() }
}

#[cfg(not(unix))]
fn in_foreground() -> bool {
    true
}

/// Signals as messages on the viewer's channel, for as long as the viewer runs.
#[cfg(unix)]
mod signals {
    use std::io;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex, PoisonError, mpsc};
    use std::thread::{self, JoinHandle};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    use signal_hook::iterator::{Handle, Signals};

    use crate::app::{Msg, Signal};

    const HANDLED: [i32; 5] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP];

    /// Once set up, the handlers that give each signal its default action back whenever no
    /// viewer is listening. signal-hook cannot restore the default disposition: unregistering
    /// its last handler for SIGINT leaves SIGINT ignored. So these stay registered, and the
    /// flag says whether they act.
    static DEFAULTS: Mutex<Option<Arc<AtomicBool>>> = Mutex::new(None);

    fn defaults() -> io::Result<Arc<AtomicBool>> {
        let mut slot = DEFAULTS.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(flag) = slot.as_ref() {
            return Ok(Arc::clone(flag));
        }
        let flag = Arc::new(AtomicBool::new(true));
        for n in HANDLED {
            signal_hook::flag::register_conditional_default(n, Arc::clone(&flag))?;
        }
        *slot = Some(Arc::clone(&flag));
        Ok(flag)
    }

    /// Forwards the handled signals to the channel from `start` until dropped; after that
    /// they act as they would have without tally (a later SIGINT still ends the process).
    pub struct Listener {
        handle: Handle,
        thread: Option<JoinHandle<()>>,
        defaults: Arc<AtomicBool>,
        /// SIGTTIN's disposition before the viewer, put back when it ends.
        ttin: libc::sighandler_t,
    }

    impl Listener {
        pub fn start(tx: mpsc::Sender<Msg>) -> io::Result<Self> {
            let defaults = defaults()?;
            // Continued in the background (`bg`), a read of the terminal would stop the
            // whole process with SIGTTIN, and the shell may then see the job stop just as
            // `fg` brings it back. Ignored, the read fails instead (`read_input` waits).
            // SAFETY: setting a standard signal's disposition to "ignore"; no handler runs.
            let ttin = unsafe { libc::signal(libc::SIGTTIN, libc::SIG_IGN) };
            let mut signals = Signals::new(HANDLED)?;
            defaults.store(false, Ordering::SeqCst);
            let handle = signals.handle();
            let thread = thread::spawn(move || {
                for n in signals.forever() {
                    let signal = match n {
                        SIGTSTP => Signal::Suspend,
                        n => Signal::End(n),
                    };
                    if tx.send(Msg::Signal(signal)).is_err() {
                        break;
                    }
                }
            });
            Ok(Listener {
                handle,
                thread: Some(thread),
                defaults,
                ttin,
            })
        }
    }

    impl Drop for Listener {
        fn drop(&mut self) {
            self.defaults.store(true, Ordering::SeqCst);
            if self.ttin != libc::SIG_ERR {
                // SAFETY: putting back the disposition `start` found.
                unsafe { libc::signal(libc::SIGTTIN, self.ttin) };
            }
            // Ends the thread's loop; dropping its `Signals` unregisters the handlers.
            self.handle.close();
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }
}

/// A terminal event as a message, or `None` for events the viewer ignores (key releases
/// and repeats, mouse moves). The wheel scrolls.
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
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Msg::Wheel(true)),
            MouseEventKind::ScrollUp => Some(Msg::Wheel(false)),
            _ => None,
        },
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

    #[test]
    fn the_mouse_wheel_scrolls_and_a_left_click_clicks() {
        use crossterm::event::MouseEvent;
        let mouse = |kind| {
            translate(Event::Mouse(MouseEvent {
                kind,
                column: 4,
                row: 0,
                modifiers: KeyModifiers::NONE,
            }))
        };
        assert!(matches!(
            mouse(MouseEventKind::ScrollDown),
            Some(Msg::Wheel(true))
        ));
        assert!(matches!(
            mouse(MouseEventKind::ScrollUp),
            Some(Msg::Wheel(false))
        ));
        assert!(matches!(
            mouse(MouseEventKind::Down(MouseButton::Left)),
            Some(Msg::Click(4, 0))
        ));
        assert!(mouse(MouseEventKind::Moved).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn signals_arrive_as_messages_while_listening() {
        use crate::app::Signal;
        use signal_hook::consts::SIGHUP;
        use std::time::Duration;
        let (tx, rx) = mpsc::channel();
        let listener = signals::Listener::start(tx).unwrap();
        // Unhandled, SIGHUP would end the test binary.
        signal_hook::low_level::raise(SIGHUP).unwrap();
        let msg = rx.recv_timeout(Duration::from_secs(5));
        assert!(
            matches!(msg, Ok(Msg::Signal(Signal::End(SIGHUP)))),
            "{msg:?}"
        );
        drop(listener);
        assert!(rx.recv().is_err(), "the listener's thread has ended");
    }

    /// signal-hook cannot give a signal its default disposition back, so after the viewer
    /// a SIGINT would be swallowed but for `signals::DEFAULTS`. The signal ends the process,
    /// so this runs in a child: this test binary again, running only this test.
    #[cfg(unix)]
    #[test]
    fn after_the_viewer_sigint_ends_the_process_again() {
        use signal_hook::consts::SIGINT;
        use std::os::unix::process::ExitStatusExt;
        const NAME: &str = "tui::tests::after_the_viewer_sigint_ends_the_process_again";
        if std::env::var_os("TALLY_SIGNAL_PROBE").is_some() {
            let (tx, _rx) = mpsc::channel();
            drop(signals::Listener::start(tx).unwrap());
            signal_hook::low_level::raise(SIGINT).unwrap();
            std::process::exit(3); // SIGINT was swallowed
        }
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", NAME, "--test-threads=1"])
            .env("TALLY_SIGNAL_PROBE", "1")
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.signal(), Some(SIGINT), "{status:?}");
    }
}
