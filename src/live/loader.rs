//! The loader thread: watches a results file and sends a [`Feed`] for every change.
//!
//! It watches the file's folder (so writers that replace the file by renaming, and files
//! that are deleted and created again, are seen) with the operating system's file watcher,
//! and sleeps until an event arrives. Only events that can change the followed path wake it
//! ([`concerns`]): its own reads, other readers' and changes to other files in the folder do
//! not, so a night of following costs nothing while nothing is declared. Before reading, it
//! compares the file's size, times and inode with the version it last read
//! ([`Fingerprint`]); a close after writing is always read, because it is the writer's own
//! "done". Where no watcher can be had it polls every 200 ms, which then costs one `stat`.
//!
//! The file is opened as every command opens one (`files`): a regular file only, without
//! blocking, up to the dataset limit. Each version is parsed and validated here, never on
//! the UI thread, and identical contents are not sent twice. Versions are read as the first
//! good one was (a dataset, or ballots): text written over a dataset is a problem.

use std::ffi::{OsStr, OsString};
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, SystemTime};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};

use super::Feed;
use crate::files::{self, FileError};
use crate::import::recognise::{Format, recognise};
use crate::text::clean;

/// How often to look when the file watcher is unavailable (the limit is 250 ms).
pub const POLL: Duration = Duration::from_millis(200);

/// What a watcher event means for the followed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Nothing: another file, or only a read (the loader's own, or another reader's).
    No,
    /// The file may have changed: look at its size, times and inode first.
    Look,
    /// A writer closed the file, or it was created or renamed into place: read it.
    Read,
}

/// Whether `event` (from a watcher on the followed file's folder) concerns the file called
/// `name` in it. Opening, reading and closing without writing never change a file.
pub fn concerns(event: &notify::Event, name: &OsStr) -> Wake {
    if event.need_rescan() {
        return Wake::Read; // the watcher lost events: whatever happened, look again
    }
    if !event.paths.iter().any(|p| p.file_name() == Some(name)) {
        return Wake::No;
    }
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => Wake::Read,
        EventKind::Access(_) => Wake::No,
        EventKind::Create(_) => Wake::Read,
        EventKind::Modify(notify::event::ModifyKind::Name(_)) => Wake::Read,
        // Data written, metadata (permissions), removal, or a kind this platform does not
        // name: the fingerprint decides.
        EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any | EventKind::Other => {
            Wake::Look
        }
    }
}

/// What identifies a version of the file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64, i64, i64),
}

impl Fingerprint {
    pub fn of(meta: &Metadata) -> Self {
        Fingerprint {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt;
                // Device and inode (a file renamed into place), and the change time, which
                // moves with every write even when the size and modification time do not.
                (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec())
            },
        }
    }
}

/// What the last look found, to send only changes.
#[derive(PartialEq)]
enum Seen {
    Nothing,
    Missing,
    Unreadable(String),
    Bytes(Vec<u8>),
}

/// Start watching `path`. Every change is passed to `send`; the thread ends when `send`
/// returns false (the viewer has gone).
pub fn spawn(path: PathBuf, send: impl Fn(Feed) -> bool + Send + 'static) {
    thread::spawn(move || run(&path, send));
}

fn run(path: &Path, send: impl Fn(Feed) -> bool) {
    let (tx, rx) = mpsc::channel::<Wake>();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name: OsString = path.file_name().map(OsStr::to_owned).unwrap_or_default();
    let watcher = {
        let name = name.clone();
        notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            let wake = match res {
                Ok(event) => concerns(&event, &name),
                Err(_) => Wake::Read,
            };
            if wake != Wake::No {
                let _ = tx.send(wake);
            }
        })
        .and_then(|mut w| w.watch(&dir, RecursiveMode::NonRecursive).map(|()| w))
    };
    let polling = watcher.is_err();
    let mut state = State {
        path,
        name: clean(&name.to_string_lossy()).into_owned(),
        seen: Seen::Nothing,
        read: None,
        generation: 0,
        dataset: None,
    };
    let mut wake = Wake::Read;
    loop {
        if let Some(feed) = state.look(wake == Wake::Read)
            && !send(feed)
        {
            return;
        }
        // Wait for the next change, then take every change queued behind it: one look
        // covers a burst of writes.
        let next = if polling {
            match rx.recv_timeout(POLL) {
                Ok(w) => Ok(w),
                Err(mpsc::RecvTimeoutError::Timeout) => Ok(Wake::Look),
                Err(mpsc::RecvTimeoutError::Disconnected) => Err(()),
            }
        } else {
            rx.recv().map_err(|_| ())
        };
        let Ok(first) = next else {
            return;
        };
        wake = first;
        while let Ok(w) = rx.try_recv() {
            if w == Wake::Read {
                wake = Wake::Read;
            }
        }
    }
}

/// The loader's memory of the file.
struct State<'a> {
    path: &'a Path,
    /// The file's name, cleaned, for messages.
    name: String,
    seen: Seen,
    /// The fingerprint of the version last read.
    read: Option<Fingerprint>,
    generation: u64,
    /// Whether the first good version was a dataset (rather than a ballots file): later
    /// versions must be read the same way, so that an error page or stray text written
    /// over a results feed is a problem, not one ballot for "<html>" that wins.
    dataset: Option<bool>,
}

impl State<'_> {
    /// Look at the file (reading it only if it may have changed, or if `force`); a feed if
    /// anything changed since the last look.
    fn look(&mut self, force: bool) -> Option<Feed> {
        let now = match std::fs::metadata(self.path) {
            Ok(meta) => {
                let fingerprint = Fingerprint::of(&meta);
                if !force && self.read == Some(fingerprint) {
                    return None;
                }
                self.read = Some(fingerprint);
                match files::read_document(self.path, files::DOCUMENT_LIMIT, "dataset") {
                    Ok(bytes) => Seen::Bytes(bytes),
                    Err(e) => self.unusable(&e),
                }
            }
            Err(e) => {
                self.read = None;
                self.unusable(&FileError {
                    file: String::new(),
                    problem: match e.kind() {
                        std::io::ErrorKind::NotFound => files::Problem::NotFound,
                        std::io::ErrorKind::PermissionDenied => files::Problem::PermissionDenied,
                        _ => files::Problem::Io(e),
                    },
                })
            }
        };
        if now == self.seen {
            return None;
        }
        self.generation += 1;
        let generation = self.generation;
        let feed = match &now {
            Seen::Missing | Seen::Nothing => Feed::Missing { generation },
            Seen::Unreadable(message) => Feed::Problem {
                generation,
                message: message.clone(),
            },
            Seen::Bytes(bytes) => match self
                .same_kind(bytes)
                .and_then(|dataset| parse(&self.name, bytes).map(|loaded| (dataset, loaded)))
            {
                Ok((dataset, loaded)) => {
                    self.dataset = Some(dataset);
                    Feed::Counted {
                        generation,
                        loaded: Box::new(loaded),
                        at: modified(self.read),
                    }
                }
                Err(message) => Feed::Problem {
                    generation,
                    message,
                },
            },
        };
        self.seen = now;
        Some(feed)
    }

    /// Whether `bytes` read as a dataset, or why not when the good versions before did
    /// (or the other way round).
    fn same_kind(&self, bytes: &[u8]) -> Result<bool, String> {
        let format = recognise(&bytes[..bytes.len().min(64 * 1024)]);
        let dataset = format == Format::Dataset;
        match self.dataset {
            Some(before) if before != dataset => Err(format!(
                "{}: reads as {}, not {} like the versions before it",
                self.name,
                format.describe(),
                if before { "a dataset" } else { "ballots" }
            )),
            _ => Ok(dataset),
        }
    }

    fn unusable(&self, e: &FileError) -> Seen {
        if e.is_not_found() {
            Seen::Missing
        } else {
            Seen::Unreadable(format!("{}: {}", self.name, e.message()))
        }
    }
}

/// Parse and validate, or the first problem as one line naming the file.
pub fn parse(file: &str, bytes: &[u8]) -> Result<crate::count::Counted, String> {
    crate::import::from_bytes(file, bytes).map_err(|e| match e {
        crate::import::OpenError::Invalid { file, diagnostics } => {
            let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
            let first = errors
                .first()
                .map(|d| d.render(&file))
                .unwrap_or_else(|| format!("{}: invalid", clean(&file)));
            match errors.len() {
                0 | 1 => first,
                n => format!("{first} (and {} more)", n - 1),
            }
        }
        other => other.to_string(),
    })
}

/// When the version was written, in local time (now, if the system cannot say).
fn modified(read: Option<Fingerprint>) -> chrono::DateTime<chrono::FixedOffset> {
    let time = read.and_then(|f| f.modified);
    let local: chrono::DateTime<chrono::Local> =
        time.map(Into::into).unwrap_or_else(chrono::Local::now);
    local.fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};

    fn event(kind: EventKind, paths: &[&str]) -> notify::Event {
        let mut e = notify::Event::new(kind);
        for p in paths {
            e = e.add_path(PathBuf::from(p));
        }
        e
    }

    #[test]
    fn only_changes_to_the_followed_file_wake_the_loader() {
        let name = OsStr::new("night.json");
        let on = |kind| concerns(&event(kind, &["/feed/night.json"]), name);
        // Reads never change the file: the loader's own, and every other reader's.
        assert_eq!(
            on(EventKind::Access(AccessKind::Open(AccessMode::Any))),
            Wake::No
        );
        assert_eq!(on(EventKind::Access(AccessKind::Read)), Wake::No);
        assert_eq!(
            on(EventKind::Access(AccessKind::Close(AccessMode::Read))),
            Wake::No
        );
        // A writer finishing, a creation or a rename into place: read.
        assert_eq!(
            on(EventKind::Access(AccessKind::Close(AccessMode::Write))),
            Wake::Read
        );
        assert_eq!(on(EventKind::Create(CreateKind::File)), Wake::Read);
        assert_eq!(
            on(EventKind::Modify(ModifyKind::Name(RenameMode::To))),
            Wake::Read
        );
        // Written to, or removed: look at the fingerprint first.
        assert_eq!(
            on(EventKind::Modify(ModifyKind::Data(DataChange::Any))),
            Wake::Look
        );
        assert_eq!(on(EventKind::Remove(RemoveKind::File)), Wake::Look);
        // Another file in the same folder costs nothing, whatever happens to it.
        let other = event(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            &["/feed/other.json"],
        );
        assert_eq!(concerns(&other, name), Wake::No);
        let renamed_away = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &["/feed/night.json", "/feed/old.json"],
        );
        assert_eq!(
            concerns(&renamed_away, name),
            Wake::Read,
            "a rename from it counts"
        );
        let lost = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert_eq!(concerns(&lost, name), Wake::Read);
    }

    fn state(path: &Path) -> State<'_> {
        State {
            path,
            name: "night.json".into(),
            seen: Seen::Nothing,
            read: None,
            generation: 0,
            dataset: None,
        }
    }

    #[test]
    fn an_unchanged_file_is_not_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("night.json");
        std::fs::write(&path, "{").unwrap();
        let mut s = state(&path);
        assert!(matches!(s.look(false), Some(Feed::Problem { .. })));
        // The fingerprint matches: no read, so the contents written behind the loader's back
        // without changing size, times or inode are not even looked at.
        assert!(s.look(false).is_none());
        std::fs::write(&path, "[]").unwrap();
        assert!(
            matches!(s.look(false), Some(Feed::Problem { .. })),
            "changed: read"
        );
        assert!(
            s.look(true).is_none(),
            "forced, but the same bytes: nothing new"
        );
    }

    #[test]
    fn text_written_over_a_dataset_is_a_problem_not_a_ballot() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("night.json");
        let doc = include_str!("../../docs/live-feed.md");
        let start = doc.find("```json\n").unwrap() + "```json\n".len();
        let end = start + doc[start..].find("```").unwrap();
        std::fs::write(&path, &doc[start..end]).unwrap();
        let mut s = state(&path);
        assert!(matches!(s.look(false), Some(Feed::Counted { .. })));
        // A proxy's error page would otherwise be one ballot for "<html>…", and final.
        std::fs::write(&path, "<html>502 Bad Gateway</html>\n").unwrap();
        match s.look(false) {
            Some(Feed::Problem { message, .. }) => assert_eq!(
                message,
                "night.json: reads as a ballots file (one ballot per line), not a dataset like the versions before it"
            ),
            other => panic!("{other:?}"),
        }
        std::fs::write(&path, &doc[start..end]).unwrap();
        assert!(matches!(s.look(false), Some(Feed::Counted { .. })));

        // A class's ballots file can be followed as such.
        let votes = dir.path().join("votes.txt");
        std::fs::write(&votes, "Zoo, Beach\n").unwrap();
        let mut s = state(&votes);
        assert!(matches!(s.look(false), Some(Feed::Counted { .. })));
        std::fs::write(&votes, "Zoo, Beach\nBeach\n").unwrap();
        assert!(matches!(s.look(false), Some(Feed::Counted { .. })));
    }

    #[test]
    fn a_directory_or_a_device_is_named_and_a_missing_file_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("night.json");
        let mut s = state(&path);
        assert!(matches!(s.look(false), Some(Feed::Missing { .. })));
        std::fs::create_dir(&path).unwrap();
        match s.look(false) {
            Some(Feed::Problem { message, .. }) => {
                assert_eq!(message, "night.json: is a directory, not a regular file")
            }
            other => panic!("{other:?}"),
        }
        #[cfg(unix)]
        {
            std::fs::remove_dir(&path).unwrap();
            std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
            match s.look(false) {
                Some(Feed::Problem { message, .. }) => assert_eq!(
                    message,
                    "night.json: is a character device, not a regular file"
                ),
                other => panic!("{other:?}"),
            }
        }
    }
}
