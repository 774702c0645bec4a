//! Every way of ending the viewer restores the terminal: the real binary runs on a
//! pseudo-terminal and is ended by SIGTERM, SIGHUP, SIGINT and SIGQUIT, or suspended by
//! Ctrl-Z and SIGTSTP and continued. Each case checks the exit status, the escape sequences
//! written after the signal, and the tty's own settings (raw mode undone). Last, job control
//! in bash: Ctrl-Z, `bg`, `fg` and `kill %1`.
//!
//! The pseudo-terminal is the child's controlling terminal (a new session), so this works
//! the same when `cargo test` itself runs without a terminal.
#![cfg(unix)]

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read, Write};
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
    /// The terminal's side: what we type goes in here.
    master: File,
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
        let mut from_child = File::from(master.try_clone().expect("dup the master"));
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
            master: File::from(master),
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

    fn type_bytes(&mut self, bytes: &[u8]) {
        self.master.write_all(bytes).expect("type on the terminal");
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

    /// Wait until the child is stopped (not exited).
    fn wait_stopped(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let mut status = 0;
            // SAFETY: waitpid on our own child; WNOHANG so it never blocks. WUNTRACED reports
            // a stop and leaves an exit to be collected by `Child::try_wait`.
            let pid =
                unsafe { libc::waitpid(self.pid(), &mut status, libc::WUNTRACED | libc::WNOHANG) };
            if pid == self.pid() {
                assert!(
                    libc::WIFSTOPPED(status),
                    "tally ended instead of stopping: status {status:#x}"
                );
                return;
            }
            check(pid, "waitpid");
            if Instant::now() > deadline {
                self.kill();
                panic!("tally did not stop within {TIMEOUT:?}");
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

/// Suspend with `how`, check the terminal is handed back and the process stopped, continue
/// it and check it takes the terminal again and redraws, then quit with `q`.
fn suspend_and_continue(viewer: Viewer, how: impl FnOnce(&mut Session)) {
    let mut s = Session::start(viewer);
    s.wait_frame(0, viewer.first_frame());
    let mark = s.len();
    how(&mut s);
    s.wait_stopped();
    s.wait_restored(mark);
    assert!(s.cooked(), "raw mode is off while suspended");

    let mark = s.len();
    s.signal(libc::SIGCONT);
    s.wait_frame(mark, viewer.first_frame());
    let deadline = Instant::now() + TIMEOUT;
    while s.cooked() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(5));
    }
    assert!(!s.cooked(), "raw mode again after continuing");

    s.type_bytes(b"q");
    let status = s.wait_exit();
    assert_eq!(status.code(), Some(0), "q after continuing: {status:?}");
    assert!(s.cooked());
}

#[test]
fn ctrl_z_suspends_the_viewer_and_fg_brings_it_back() {
    // In raw mode Ctrl-Z is the byte 0x1a, a key, not SIGTSTP.
    suspend_and_continue(Viewer::Browse, |s| s.type_bytes(b"\x1a"));
}

#[test]
fn ctrl_z_suspends_the_presenter() {
    suspend_and_continue(Viewer::Present, |s| s.type_bytes(b"\x1a"));
}

#[test]
fn sigtstp_suspends_watch() {
    suspend_and_continue(Viewer::Watch, |s| s.signal(libc::SIGTSTP));
}

/// Job control in a real shell (bash): Ctrl-Z, `bg` (tally runs on in the background and
/// leaves the terminal to the shell), `fg` (it takes the terminal back), and `kill %1` on the
/// stopped job (bash sends SIGTERM and SIGCONT: tally ends without taking the terminal,
/// which in the background would stop it again on SIGTTOU).
#[test]
fn job_control_in_bash() {
    let bash = ["/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let Some(bash) = bash else {
        eprintln!("no bash: job control not tested");
        return;
    };
    let mut command = Command::new(bash);
    command
        .args(["--norc", "--noprofile", "-i"])
        .env("PS1", "$ ")
        .env("HISTFILE", "/dev/null")
        // bash's job messages in English ("Stopped", "Exit 143").
        .env("LC_ALL", "C");
    let mut s = Session::spawn(command, tempfile::tempdir().expect("a temporary folder"));
    s.wait_output(0, "the prompt", |out| find(out, b"$ ").is_some());
    let tally = env!("CARGO_BIN_EXE_tally");
    s.type_bytes(format!("'{tally}'\r").as_bytes());
    s.wait_frame(0, "Count");
    let stopped = |out: &[u8]| find(out, b"Stopped").is_some();

    let mark = s.len();
    s.type_bytes(b"\x1a");
    s.wait_output(mark, "bash reporting the job stopped", stopped);
    s.wait_restored(mark);

    let mark = s.len();
    s.type_bytes(b"bg; sleep 0.3; jobs\r");
    s.wait_output(mark, "the job running in the background", |out| {
        find(out, b"Running").is_some()
    });
    let out = s.output.lock().unwrap_or_else(PoisonError::into_inner);
    assert!(
        find(&out[mark..], ENTER_ALTERNATE_SCREEN).is_none(),
        "in the background tally leaves the terminal alone"
    );
    drop(out);

    let mark = s.len();
    s.type_bytes(b"fg\r");
    s.wait_frame(mark, "Count");

    let mark = s.len();
    s.type_bytes(b"\x1a");
    s.wait_output(mark, "bash reporting the job stopped", stopped);
    let mark = s.len();
    s.type_bytes(b"kill %1\r");
    // Ask until bash has seen the job end (`wait` could still see it as stopped).
    let deadline = Instant::now() + TIMEOUT;
    while find(
        &s.output.lock().unwrap_or_else(PoisonError::into_inner)[mark..],
        b"Exit 143",
    )
    .is_none()
    {
        assert!(
            Instant::now() < deadline,
            "the job did not end with 143 after `kill %1`"
        );
        thread::sleep(Duration::from_millis(100));
        s.type_bytes(b"jobs\r");
    }
    let out = s.output.lock().unwrap_or_else(PoisonError::into_inner);
    assert!(
        find(&out[mark..], ENTER_ALTERNATE_SCREEN).is_none(),
        "continued in the background to end, tally does not take the terminal"
    );
}
