//! Files a user names, read and written safely: the one place tally touches a path.
//!
//! Reading: a path may name anything, and a results folder is shared with other programs. A
//! FIFO would block a plain `open` forever, `/dev/zero` would fill memory, a directory reads as
//! nothing. So every file is opened without blocking, checked to be a regular file (by its
//! handle, after opening, so a path swapped in between cannot slip through), and a
//! whole-document format is read up to a documented limit ([`DOCUMENT_LIMIT`]). Formats read
//! line by line stream through [`open_stream`] instead and need no limit.
//!
//! Writing: [`write_atomic`] writes a new, uniquely named temporary file beside the target
//! (created exclusively, never through a symlink), flushes and syncs it, then renames it over
//! the target. A reader sees the old file or the new one, never part of one; on any failure
//! the old file is untouched and no temporary file is left behind.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, BufReader, Read, Write};
use std::path::Path;

/// The most tally reads of a whole-document file (a JSON dataset): 256 MB. London's largest
/// dataset is 30 kB; a file this large is not a results file.
pub const DOCUMENT_LIMIT: u64 = 256_000_000;

/// What is wrong with a file, in words for people.
#[derive(Debug)]
pub enum Problem {
    NotFound,
    /// Not a regular file: "a directory", "a FIFO (named pipe)", ...
    NotRegular(&'static str),
    PermissionDenied,
    /// Larger than the limit for its kind ("dataset").
    TooLarge {
        size: u64,
        limit: u64,
        what: &'static str,
    },
    Io(io::Error),
}

/// A file that cannot be read or written, and why.
#[derive(Debug)]
pub struct FileError {
    /// The path as the user gave it (shown cleaned).
    pub file: String,
    pub problem: Problem,
}

impl FileError {
    fn new(path: &Path, problem: Problem) -> Self {
        FileError {
            file: path.display().to_string(),
            problem,
        }
    }

    fn io(path: &Path, e: io::Error) -> Self {
        let problem = match e.kind() {
            io::ErrorKind::NotFound => Problem::NotFound,
            io::ErrorKind::PermissionDenied => Problem::PermissionDenied,
            io::ErrorKind::IsADirectory => Problem::NotRegular("a directory"),
            _ => Problem::Io(e),
        };
        FileError::new(path, problem)
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self.problem, Problem::NotFound)
    }

    /// The message without the file name: "is a directory, not a file".
    pub fn message(&self) -> String {
        match &self.problem {
            Problem::NotFound => "cannot read: it does not exist".to_string(),
            Problem::NotRegular(kind) => format!("is {kind}, not a regular file"),
            Problem::PermissionDenied => "cannot be read: permission denied".to_string(),
            Problem::TooLarge { size, limit, what } => format!(
                "is {}; the limit for a {what} is {}",
                human_size(*size),
                human_size(*limit)
            ),
            Problem::Io(e) => format!("cannot read: {e}"),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", crate::text::clean(&self.file), self.message())
    }
}

impl std::error::Error for FileError {}

/// `1.2 GB`, `256 MB`, `30.1 kB`, `12 bytes`: decimal units, as disks are sold.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "kB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            let value = bytes as f64 / unit as f64;
            return if value.fract() == 0.0 {
                format!("{value:.0} {name}")
            } else {
                format!("{value:.1} {name}")
            };
        }
    }
    format!("{bytes} byte{}", if bytes == 1 { "" } else { "s" })
}

/// What a file is, for a message, when it is not a regular file.
fn kind_of(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Open `path` for reading if it is a regular file: without blocking (a FIFO would wait for
/// a writer forever), and checked by the open handle.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), FileError> {
    // Looking first gives the clearest message for a directory or a FIFO without opening it.
    let meta = std::fs::metadata(path).map_err(|e| FileError::io(path, e))?;
    if let Some(kind) = kind_of(&meta) {
        return Err(FileError::new(path, Problem::NotRegular(kind)));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO swapped in since the look returns at once. It has no
        // effect on reading a regular file. O_NOCTTY: a terminal never becomes ours.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(|e| FileError::io(path, e))?;
    let meta = file.metadata().map_err(|e| FileError::io(path, e))?;
    if let Some(kind) = kind_of(&meta) {
        return Err(FileError::new(path, Problem::NotRegular(kind)));
    }
    Ok((file, meta))
}

/// Read a whole-document file (a dataset), refusing anything over `limit` bytes.
/// `what` names the kind of file in the message: "dataset".
pub fn read_document(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, FileError> {
    let (file, meta) = open_regular(path)?;
    let too_large = |size| FileError::new(path, Problem::TooLarge { size, limit, what });
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte past the limit tells a file that grew while being read.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The first `n` bytes of a file (all of it when shorter): enough to recognise what it is.
pub fn read_start(path: &Path, n: usize) -> Result<Vec<u8>, FileError> {
    let (file, _) = open_regular(path)?;
    let mut bytes = Vec::with_capacity(n.min(64 * 1024));
    file.take(n as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, e))?;
    Ok(bytes)
}

/// Open a file that is read line by line (ballots, cast vote records), buffered.
pub fn open_stream(path: &Path) -> Result<BufReader<File>, FileError> {
    open_regular(path).map(|(file, _)| BufReader::with_capacity(64 * 1024, file))
}

/// A file that cannot be written, and why.
#[derive(Debug)]
pub struct WriteError {
    pub file: String,
    pub error: io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot write {}: {}",
            crate::text::clean(&self.file),
            self.error
        )
    }
}

impl std::error::Error for WriteError {}

/// Replace `path` with `contents`, atomically: see the module comment.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, |f| f.write_all(contents))
}

/// [`write_atomic`] with the contents written by `write`, so that a failure part way
/// (a full disk) can be tested.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let fail = |error: io::Error| WriteError {
        file: path.display().to_string(),
        error: plain(error),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut builder = tempfile::Builder::new();
    // `.night.json.` + random + `.tmp`: hidden, unique, created with O_EXCL.
    let prefix = format!(".{name}.");
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // As a new file would be (0666 less the umask), not tempfile's private 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // Dropping the temporary file on any error below removes it.
    let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
    write(tmp.as_file_mut()).map_err(fail)?;
    tmp.as_file_mut().flush().map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// An error without the temporary file's path that tempfile adds to its errors
/// (`... at path "/dir/.night.json.x7Gq.tmp"`): the random name means nothing to the user,
/// who named the target.
fn plain(error: io::Error) -> io::Error {
    let text = error.to_string();
    match text.split_once(" at path \"") {
        Some((said, _)) => io::Error::new(error.kind(), said.to_string()),
        None => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_person_would_say_them() {
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(1), "1 byte");
        assert_eq!(human_size(30_112), "30.1 kB");
        assert_eq!(human_size(DOCUMENT_LIMIT), "256 MB");
        assert_eq!(human_size(1_200_000_000), "1.2 GB");
    }

    #[test]
    fn a_directory_is_named_as_one() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_document(dir.path(), DOCUMENT_LIMIT, "dataset").unwrap_err();
        assert_eq!(e.message(), "is a directory, not a regular file");
        let e = read_document(&dir.path().join("nope"), DOCUMENT_LIMIT, "dataset").unwrap_err();
        assert!(e.is_not_found(), "{e}");
        assert_eq!(e.message(), "cannot read: it does not exist");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, vec![b' '; 2_000]).unwrap();
        let e = read_document(&path, 1_500, "dataset").unwrap_err();
        assert_eq!(e.message(), "is 2 kB; the limit for a dataset is 1.5 kB");
        assert_eq!(read_document(&path, 2_000, "dataset").unwrap().len(), 2_000);
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_at_once() {
        let e = read_document(Path::new("/dev/zero"), DOCUMENT_LIMIT, "dataset").unwrap_err();
        assert_eq!(e.message(), "is a character device, not a regular file");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let e = open_stream(&fifo).unwrap_err();
        assert_eq!(e.message(), "is a FIFO (named pipe), not a regular file");
        // A symlink to a device is judged by what it points to.
        let link = dir.path().join("night.json");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let e = read_document(&link, DOCUMENT_LIMIT, "dataset").unwrap_err();
        assert_eq!(e.message(), "is a character device, not a regular file");
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_file_says_permission_denied() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locked.json");
        std::fs::write(&path, "{}").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&path).is_ok() {
            return; // running as root: permissions do not apply
        }
        let e = read_document(&path, DOCUMENT_LIMIT, "dataset").unwrap_err();
        assert_eq!(e.message(), "cannot be read: permission denied");
    }

    #[test]
    fn a_write_into_a_missing_folder_says_so_without_the_temporary_name() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_atomic(&dir.path().join("nope/out.svg"), b"x").unwrap_err();
        let said = e.to_string();
        assert!(
            said.ends_with("No such file or directory (os error 2)"),
            "{said}"
        );
        assert!(
            !said.contains("at path") && !said.contains(".out.svg."),
            "{said}"
        );
    }

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.svg");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("night.json");
        std::fs::write(&path, "the last good version").unwrap();
        // A disk that fills up half way.
        let e = write_atomic_with(&path, |f| {
            f.write_all(b"{\"id\": ")?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        })
        .unwrap_err();
        assert!(e.to_string().contains("No space left on device"), "{e}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "the last good version"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // A rename that fails: the target is a directory.
        let target = dir.path().join("a-folder");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep"), "x").unwrap();
        assert!(write_atomic(&target, b"data").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        assert!(target.join("keep").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let path = dir.path().join("night.json");
        // Yesterday's predictable temporary name, and the target itself, point elsewhere.
        std::os::unix::fs::symlink(&victim, dir.path().join("night.json.tmp")).unwrap();
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        write_atomic(&path, b"{}").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}");
        assert!(!std::fs::symlink_metadata(&path).unwrap().is_symlink());
    }
}
