//! `tally watch FILE` with standard output in a pipe: the real binary follows a file written
//! stage by stage, atomically, and prints a line per change, the file's problems on
//! standard error, and exits 0 after the final declaration.
#![cfg(unix)]
// Helpers outside `#[test]` functions unwrap too: a panic is a failed test with its message.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use tally::live::replay;

/// Nothing here should take more than a fraction of this; it only stops a hang.
const TIMEOUT: Duration = Duration::from_secs(20);

fn stages_2016() -> Vec<String> {
    let full = tally::import::embedded::get("london-2016")
        .unwrap()
        .load()
        .unwrap()
        .contest;
    replay::stages(&full)
        .unwrap()
        .iter()
        .map(|s| tally::import::dataset::to_json(&s.contest).unwrap())
        .collect()
}

/// `tally watch path` with stdout and stderr in pipes, each line sent on a channel.
struct Watch {
    child: Child,
    out: mpsc::Receiver<String>,
    err: mpsc::Receiver<String>,
}

fn lines(from: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines() {
            let Ok(line) = line else { return };
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

impl Watch {
    fn start(path: &Path) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
            .arg("watch")
            .arg(path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = lines(child.stdout.take().unwrap());
        let err = lines(child.stderr.take().unwrap());
        Watch { child, out, err }
    }

    fn line(&self) -> String {
        self.out
            .recv_timeout(TIMEOUT)
            .expect("a line on standard output")
    }

    fn wait(&mut self) -> std::process::ExitStatus {
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if started.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("tally watch did not end");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn put(path: &Path, text: &str) {
    tally::files::write_atomic(path, text.as_bytes()).unwrap();
}

#[test]
fn a_line_per_declaration_problems_on_stderr_and_exit_0_when_final() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("night.json");
    let stages = stages_2016();
    let mut watch = Watch::start(&path);
    assert_eq!(
        watch.err.recv_timeout(TIMEOUT).unwrap(),
        "tally: night.json does not exist (waiting for a good version)"
    );
    let mut out = Vec::new();
    for (k, stage) in stages.iter().enumerate() {
        put(&path, stage);
        // Each version is printed before the next is written: one line each.
        out.push(watch.line());
        if k == 5 {
            // Half a file, renamed into place: a problem, and the run goes on.
            put(&path, &stages[6][..stages[6].len() / 2]);
            let problem = watch.err.recv_timeout(TIMEOUT).unwrap();
            assert!(
                problem.starts_with("tally: night.json:")
                    && problem.ends_with("(keeping the last good version)"),
                "{problem}"
            );
        }
    }
    let status = watch.wait();
    assert_eq!(status.code(), Some(0), "{status:?}");
    assert!(
        watch.out.recv_timeout(TIMEOUT).is_err(),
        "nothing after the final line"
    );
    assert!(watch.err.try_recv().is_err(), "one problem line, no more");
    assert_eq!(out.len(), 16, "{out:#?}");
    for (k, line) in out.iter().enumerate().take(15) {
        assert!(
            line.contains(&format!(" · {} of 14 areas declared · ", k.min(14))),
            "{line}"
        );
        assert!(line.contains(" · PROVISIONAL"), "{line}");
        assert_eq!(line.contains(" · new: "), k >= 1, "{line}");
        assert_eq!(line.contains(" leads "), k >= 1, "{line}");
    }
    assert!(out[0].ends_with("no votes counted yet · PROVISIONAL"));
    assert!(out[14].contains(", round 2 to come"), "{}", out[14]);
    assert!(
        out[15].ends_with(
            " · 14 of 14 areas declared · Sadiq Khan wins by 315,529 over Zac Goldsmith, 1,310,143 to 994,614 in round 2 · FINAL"
        ),
        "{}",
        out[15]
    );
    let time = &out[15][..8];
    assert!(
        chrono::NaiveTime::parse_from_str(time, "%H:%M:%S").is_ok(),
        "{time}"
    );
}

#[test]
fn a_signal_ends_it_quietly_and_a_closed_pipe_ends_it_with_0() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("night.json");
    let stages = stages_2016();
    put(&path, &stages[3]);

    let mut watch = Watch::start(&path);
    assert!(watch.line().contains("3 of 14 areas declared"));
    // SAFETY: sending a signal to our own child, which has not been waited for.
    unsafe { libc::kill(watch.child.id() as i32, libc::SIGTERM) };
    let status = watch.wait();
    assert_eq!(status.signal(), Some(libc::SIGTERM), "{status:?}");
    assert!(
        watch.err.recv_timeout(TIMEOUT).is_err(),
        "nothing on stderr"
    );

    // `tally watch FILE | head -1`: the reader goes away after a line; the next line
    // cannot be written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("watch")
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let err = lines(child.stderr.take().unwrap());
    let mut stdout = child.stdout.take().unwrap();
    let mut first = Vec::new();
    let mut byte = [0u8];
    while first.last() != Some(&b'\n') {
        assert_eq!(stdout.read(&mut byte).unwrap(), 1, "a first line");
        first.push(byte[0]);
    }
    drop(stdout);
    put(&path, &stages[4]);
    let mut watch = Watch {
        child,
        out: mpsc::channel().1,
        err,
    };
    let status = watch.wait();
    assert_eq!(status.code(), Some(0), "{status:?}");
    assert!(
        watch.err.recv_timeout(TIMEOUT).is_err(),
        "nothing on stderr"
    );
}

/// The lines shown in docs/live-feed.md are what tally prints for those stages (but the time).
#[test]
fn the_lines_in_the_live_feed_doc_are_real() {
    let doc = include_str!("../docs/live-feed.md");
    let start = doc.find("```text\n").unwrap() + "```text\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let shown: Vec<&str> = doc[start..end]
        .lines()
        .filter(|l| *l != "…")
        .map(|l| &l[8..])
        .collect();
    let full = tally::import::embedded::get("london-2016")
        .unwrap()
        .load()
        .unwrap()
        .contest;
    let stages: Vec<tally::count::Counted> = replay::stages(&full)
        .unwrap()
        .into_iter()
        .map(|s| tally::count::Counted::new(s.contest, Vec::new()).unwrap())
        .collect();
    let at = chrono::DateTime::parse_from_rfc3339("2016-05-06T23:41:07+01:00").unwrap();
    let printed: Vec<String> = [(None, 0), (Some(0), 1), (Some(13), 14), (Some(14), 15)]
        .into_iter()
        .map(|(before, k)| {
            let line = tally::live::log::line(before.map(|b| &stages[b]), &stages[k], at);
            line[8..].to_string()
        })
        .collect();
    assert_eq!(shown, printed);
}
