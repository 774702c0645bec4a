//! The loader thread: watches a results file and sends a [`Feed`] for every change.
//!
//! It watches the file's folder (so writers that replace the file by renaming, and files
//! that are deleted and created again, are seen) with the operating system's file watcher.
//! Where no watcher can be had it polls every 200 ms. Each change is read once, parsed and
//! validated here, never on the UI thread; identical contents are not sent twice.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::Feed;
use crate::load;

/// How often to look when the file watcher is unavailable (the limit is 250 ms).
pub const POLL: Duration = Duration::from_millis(200);

/// What the last look found, to send only changes.
#[derive(PartialEq)]
enum Seen {
    Nothing,
    Missing,
    Bytes(Vec<u8>),
}

/// Start watching `path`. Every change is passed to `send`; the thread ends when `send`
/// returns false (the viewer has gone).
pub fn spawn(path: PathBuf, send: impl Fn(Feed) -> bool + Send + 'static) {
    thread::spawn(move || run(&path, send));
}

fn run(path: &Path, send: impl Fn(Feed) -> bool) {
    let (tx, rx) = mpsc::channel::<()>();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let watcher = notify::recommended_watcher(move |_res: notify::Result<notify::Event>| {
        let _ = tx.send(());
    })
    .and_then(|mut w| w.watch(&dir, RecursiveMode::NonRecursive).map(|()| w));
    let polling = watcher.is_err();
    let mut seen = Seen::Nothing;
    let mut generation = 0u64;
    loop {
        if let Some(feed) = look(path, &mut seen, &mut generation)
            && !send(feed)
        {
            return;
        }
        // Wait for the next change, then take every change queued behind it: one read
        // covers a burst of writes.
        let next = if polling {
            rx.recv_timeout(POLL).map_err(|_| ())
        } else {
            rx.recv().map_err(|_| ())
        };
        if next.is_err() && !polling {
            return;
        }
        while rx.try_recv().is_ok() {}
    }
}

/// Read the file; a feed if anything changed since the last look.
fn look(path: &Path, seen: &mut Seen, generation: &mut u64) -> Option<Feed> {
    let now = Seen::from(std::fs::read(path));
    if now == *seen {
        return None;
    }
    *generation += 1;
    let generation = *generation;
    let feed = match &now {
        Seen::Missing | Seen::Nothing => Feed::Missing { generation },
        Seen::Bytes(bytes) => match parse(path, bytes) {
            Ok(loaded) => Feed::Loaded {
                generation,
                loaded: Box::new(loaded),
                at: modified(path),
            },
            Err(message) => Feed::Problem {
                generation,
                message,
            },
        },
    };
    *seen = now;
    Some(feed)
}

impl From<std::io::Result<Vec<u8>>> for Seen {
    fn from(r: std::io::Result<Vec<u8>>) -> Self {
        match r {
            Ok(bytes) => Seen::Bytes(bytes),
            Err(_) => Seen::Missing,
        }
    }
}

/// Parse and validate, or the first problem as one line naming the file.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<crate::load::Loaded, String> {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let text =
        std::str::from_utf8(bytes).map_err(|_| format!("{file}: the file is not UTF-8 text"))?;
    load::from_str(text).map_err(|diagnostics| {
        let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
        let first = errors
            .first()
            .map(|d| d.render(&file))
            .unwrap_or_else(|| format!("{file}: invalid"));
        match errors.len() {
            0 | 1 => first,
            n => format!("{first} (and {} more)", n - 1),
        }
    })
}

/// When the file was last written, in local time (now, if the system cannot say).
fn modified(path: &Path) -> chrono::DateTime<chrono::FixedOffset> {
    let time = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let local: chrono::DateTime<chrono::Local> =
        time.map(Into::into).unwrap_or_else(chrono::Local::now);
    local.fixed_offset()
}
