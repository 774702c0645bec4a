//! Every way of ending the viewer restores the terminal: the real binary runs on a
//! pseudo-terminal and is ended by SIGTERM, SIGHUP, SIGINT and SIGQUIT. Each case checks
//! the exit status, the escape sequences written after the signal, and the tty's own
//! settings (raw mode undone).
//!
//! The pseudo-terminal is the child's controlling terminal (a new session), so this works
//! the same when `cargo test` itself runs without a terminal.
#![cfg(unix)]

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use libc::c_int;

const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
/// crossterm's `DisableMouseCapture`: off, every mode `EnableMouseCapture` switched on.
const MOUSE_OFF: [&[u8]; 5] = [
    b"\x1b[?1006l",
    b"\x1b[?1015l",
    b"\x1b[?1003l",
    b"\x1b[?1002l",
    b"\x1b[?1000l",
];
/// Nothing here should take more than a fraction of this; it only stops a hang.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Held while a pseudo-terminal is opened and a child spawned, so that no child of a test
/// running in parallel inherits another test's terminal before it is marked close-on-exec.
static SPAWN: Mutex<()> = Mutex::new(());

/// `tally` running on its own pseudo-terminal, 80×24.
struct Session {
    child: Child,
    /// Kept open to read the tty's settings after tally has exited.
    slave: Option<OwnedFd>,
    output: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
    /// A file `watch` follows lives in here.
    _dir: tempfile::TempDir,
}

/// Which of the viewer's commands to run.
#[derive(Clone, Copy)]
enum Viewer {
    /// Bare `tally`.
    Browse,
    /// `tally present london-2004`.
    Present,
    /// `tally watch FILE`, for a file that does not exist yet.
    Watch,
}

impl Viewer {
    /// Text in its first frame.
    fn first_frame(self) -> &'static str {
        match self {
            Viewer::Browse => "Count",
            Viewer::Present => "PRESENTING",
            Viewer::Watch => "Waiting",
        }
    }
}

fn check(rc: c_int, what: &str) {
    assert!(rc != -1, "{what}: {}", io::Error::last_os_error());
}

impl Session {
    fn start(viewer: Viewer) -> Session {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = dir.path().join("night.json");
        let args: Vec<&OsStr> = match viewer {
            Viewer::Browse => vec![],
            Viewer::Present => vec!["present".as_ref(), "london-2004".as_ref()],
            Viewer::Watch => vec!["watch".as_ref(), file.as_os_str()],
        };
        let mut command = Command::new(env!("CARGO_BIN_EXE_tally"));
        command.args(args);
        Session::spawn(command, dir)
    }

    /// Run `command` as the only process of a new session on a new terminal.
    fn spawn(mut command: Command, dir: tempfile::TempDir) -> Session {
        let lock = SPAWN.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut master, mut slave) = (-1, -1);
        let mut size = libc::winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two descriptors; the name and termios may be null.
        check(
            unsafe {
                libc::openpty(
                    &mut master,
                    &mut slave,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    &raw mut size, // `*mut` on macOS, `*const` on Linux
                )
            },
            "openpty",
        );
        for fd in [master, slave] {
            // SAFETY: fd was just opened by openpty.
            check(
                unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) },
                "fcntl",
            );
        }
        // SAFETY: both were just opened and are owned by nothing else.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let stdio = || Stdio::from(slave.try_clone().expect("dup the terminal"));
        command
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .env_remove("TALLY_REDUCED_MOTION")
            .stdin(stdio())
            .stdout(stdio())
            .stderr(stdio());
        // SAFETY: only async-signal-safe calls between fork and exec. A new session, with
        // the pseudo-terminal (now on fd 0) as its controlling terminal.
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() == -1 || libc::ioctl(0, libc::TIOCSCTTY, 0) == -1 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("start tally");
        drop(command);
        drop(lock);

        let output = Arc::new(Mutex::new(Vec::new()));
        let mut from_child = File::from(master);
        let sink = Arc::clone(&output);
        let reader = thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            // Ends with an error (EIO) once no one holds the terminal's side open.
            while let Ok(n @ 1..) = from_child.read(&mut chunk) {
                sink.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .extend_from_slice(&chunk[..n]);
            }
        });
        Session {
            child,
            slave: Some(slave),
            output,
            reader: Some(reader),
            _dir: dir,
        }
    }

    fn pid(&self) -> c_int {
        self.child.id() as c_int
    }

    fn len(&self) -> usize {
        self.output
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Wait until what tally wrote from `since` on satisfies `done`; fail after the timeout.
    fn wait_output(&mut self, since: usize, what: &str, done: impl Fn(&[u8]) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let tail = {
                let out = self.output.lock().unwrap_or_else(PoisonError::into_inner);
                if done(&out[since.min(out.len())..]) {
                    return;
                }
                String::from_utf8_lossy(&out[since.min(out.len())..]).into_owned()
            };
            if Instant::now() > deadline {
                self.kill();
                let start = tail.len().saturating_sub(600);
                let start = (start..tail.len())
                    .find(|i| tail.is_char_boundary(*i))
                    .unwrap_or(0);
                panic!(
                    "waited {TIMEOUT:?} for {what}; the output ends {:?}",
                    &tail[start..]
                );
            }
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Wait for the alternate screen and a first frame after `since`; the output's length then.
    fn wait_frame(&mut self, since: usize, text: &str) -> usize {
        self.wait_output(since, &format!("a frame showing {text:?}"), |out| {
            find(out, ENTER_ALTERNATE_SCREEN)
                .is_some_and(|at| find(&out[at..], text.as_bytes()).is_some())
        });
        self.len()
    }

    /// Wait for the restore sequences after `since`.
    fn wait_restored(&mut self, since: usize) {
        self.wait_output(
            since,
            "the terminal restored (main screen, mouse off, cursor shown)",
            |out| {
                [LEAVE_ALTERNATE_SCREEN, SHOW_CURSOR]
                    .iter()
                    .chain(MOUSE_OFF.iter())
                    .all(|seq| find(out, seq).is_some())
            },
        );
    }

    fn signal(&self, signal: c_int) {
        // SAFETY: a plain kill(2) to our own child.
        check(unsafe { libc::kill(self.pid(), signal) }, "kill");
    }

    /// The tty's line discipline is cooked again: raw mode clears ICANON and ECHO.
    fn cooked(&self) -> bool {
        // SAFETY: termios is plain data, filled in by tcgetattr.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let fd = self.slave.as_ref().map_or(-1, |fd| fd.as_raw_fd());
        check(unsafe { libc::tcgetattr(fd, &mut t) }, "tcgetattr");
        t.c_lflag & (libc::ICANON | libc::ECHO) == (libc::ICANON | libc::ECHO)
    }

    fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for tally") {
                return status;
            }
            if Instant::now() > deadline {
                self.kill();
                panic!("tally did not exit within {TIMEOUT:?}");
            }
            thread::sleep(Duration::from_millis(5));
        }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill();
        }
        // Closing the last descriptor of the terminal's side ends the reader with EIO.
        drop(self.slave.take());
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Start `viewer`, send `signal` once it has drawn, and check it restored the terminal and
/// exited with 128 + the signal's number.
fn ended_by(viewer: Viewer, signal: c_int) {
    let mut s = Session::start(viewer);
    s.wait_frame(0, viewer.first_frame());
    assert!(!s.cooked(), "the viewer runs in raw mode");
    let mark = s.len();
    s.signal(signal);
    let status = s.wait_exit();
    assert_eq!(
        (status.signal(), status.code()),
        (None, Some(128 + signal)),
        "tally exits with 128 + {signal} rather than dying of the signal: {status:?}"
    );
    s.wait_restored(mark);
    assert!(s.cooked(), "raw mode is off again (ICANON and ECHO set)");
}

macro_rules! ended_by {
    ($($name:ident: $viewer:ident, $signal:ident;)*) => {
        $(
            #[test]
            fn $name() {
                ended_by(Viewer::$viewer, libc::$signal);
            }
        )*
    };
}

ended_by! {
    viewer_sigterm: Browse, SIGTERM;
    viewer_sighup: Browse, SIGHUP;
    viewer_sigint: Browse, SIGINT;
    viewer_sigquit: Browse, SIGQUIT;
    present_sigterm: Present, SIGTERM;
    present_sighup: Present, SIGHUP;
    present_sigint: Present, SIGINT;
    present_sigquit: Present, SIGQUIT;
    watch_sigterm: Watch, SIGTERM;
    watch_sighup: Watch, SIGHUP;
    watch_sigint: Watch, SIGINT;
    watch_sigquit: Watch, SIGQUIT;
}
