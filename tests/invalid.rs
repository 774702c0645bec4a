//! The corpora of invalid input: files tally opens as contests (`tests/data/invalid/
//! NN-what-is-wrong.json`, or `.blt`, `.csv`, `.xlsx`: any extension), each with one deliberate
//! problem, and next to it `NN-what-is-wrong.expected`, exactly what `tally check
//! tests/data/invalid/NN-what-is-wrong.json` prints (run from the crate root). A case that
//! needs more files (an RCTab configuration and the cast vote records it names) keeps them in
//! a folder of its own, `NN-what-is-wrong/`, which is not a case itself.
//!
//! Every case must be rejected with exit status 1, print exactly the expected lines, print
//! nothing raw that a terminal would interpret, and neither panic nor write to stderr.
//!
//! To add a case, write the `.json`, run `cargo build` and then
//! `./target/debug/tally check tests/data/invalid/NN-x.json > tests/data/invalid/NN-x.expected`
//! from the crate root, and read the `.expected`: it must name the JSON path (or line and
//! column) and say plainly what is wrong.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// The corpus, relative to the crate root (the paths appear like this in the messages).
const DIR: &str = "tests/data/invalid";

/// The corpus must not shrink below this by accident.
const MIN_CASES: usize = 30;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The names of the cases' files in the corpus directory, sorted: every file, and every
/// folder with an `.expected` of its own and no file of its name (a Dominion export is a
/// folder); any other folder holds the extra files of the case named like it.
fn file_names() -> Vec<String> {
    let dir = root().join(DIR);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry"))
        .filter(|entry| {
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            let name = entry.file_name().to_string_lossy().into_owned();
            is_file || (dir.join(format!("{name}.expected")).is_file() && !has_file(&dir, &name))
        })
        .map(|entry| entry.file_name().into_string().expect("a UTF-8 file name"))
        .collect();
    names.sort();
    names
}

/// Whether a file other than `.expected` is named `stem.*` in `dir`: then a folder `stem/`
/// holds that case's extra files, and is no case itself.
fn has_file(dir: &Path, stem: &str) -> bool {
    fs::read_dir(dir)
        .map(|entries| {
            entries.filter_map(Result::ok).any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                e.file_type().is_ok_and(|t| t.is_file())
                    && name
                        .strip_prefix(stem)
                        .is_some_and(|rest| rest.starts_with('.') && rest != ".expected")
            })
        })
        .unwrap_or(false)
}

/// File names in the corpus directory with this extension, sorted.
fn names_with(ext: &str) -> Vec<String> {
    file_names()
        .into_iter()
        .filter(|name| Path::new(name).extension().is_some_and(|e| e == ext))
        .collect()
}

/// Every case, as the path given to `tally check`: `tests/data/invalid/NN-x.json`.
fn cases() -> Vec<String> {
    file_names()
        .into_iter()
        .filter(|name| !name.ends_with(".expected"))
        .map(|name| format!("{DIR}/{name}"))
        .collect()
}

/// Run `tally check FILE...` from the crate root.
fn tally_check(files: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("check")
        .args(files)
        .current_dir(root())
        .output()
        .expect("the tally binary runs")
}

/// Characters that must never reach a terminal raw: controls other than the newline that
/// ends each line, and the bidirectional overrides that make text display out of order.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// What is wrong with one case's run, if anything.
fn problems(case: &str, output: &Output) -> Vec<String> {
    let mut out = Vec::new();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("panicked") {
        out.push(format!("tally panicked:\n{stderr}"));
    } else if !stderr.is_empty() {
        out.push(format!("stderr is not empty:\n{stderr}"));
    }
    if output.status.code() != Some(1) {
        out.push(format!("exit status {}, expected 1", output.status));
    }
    if std::str::from_utf8(&output.stdout).is_err() {
        out.push("stdout is not UTF-8".to_string());
    }
    let raw: Vec<String> = stdout
        .chars()
        .filter(|&c| is_unsafe(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    if !raw.is_empty() {
        out.push(format!(
            "stdout contains raw control characters: {}",
            raw.join(", ")
        ));
    }
    let expected_file = Path::new(case).with_extension("expected");
    let shown = expected_file.display();
    match fs::read_to_string(root().join(&expected_file)) {
        Err(e) => out.push(format!(
            "cannot read {shown}: {e}\n--- actual ---\n{stdout}--- end ---"
        )),
        Ok(expected) if expected != stdout => out.push(format!(
            "stdout differs from {shown}\n--- expected ---\n{expected}--- actual ---\n{stdout}--- end ---"
        )),
        Ok(_) => {}
    }
    out
}

#[test]
fn every_invalid_file_is_rejected_with_the_expected_message() {
    let cases = cases();
    assert!(
        cases.len() >= MIN_CASES,
        "only {} cases in {DIR}; there should be at least {MIN_CASES}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let output = tally_check(std::slice::from_ref(case));
        let found = problems(case, &output);
        if !found.is_empty() {
            failures.push(format!("=== {case}\n{}", found.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} invalid cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_expected_file_has_its_case() {
    let stems: Vec<String> = cases()
        .iter()
        .map(|c| {
            let name = c.strip_prefix(&format!("{DIR}/")).expect("in the corpus");
            if root().join(c).is_dir() {
                name.to_string()
            } else {
                Path::new(name).with_extension("").display().to_string()
            }
        })
        .collect();
    let orphans: Vec<String> = names_with("expected")
        .into_iter()
        .filter(|name| {
            let stem = name.strip_suffix(".expected").expect("named *.expected");
            !stems.iter().any(|s| s == stem)
        })
        .collect();
    assert!(
        orphans.is_empty(),
        "`.expected` files in {DIR} without a case: {}",
        orphans.join(", ")
    );
}

#[test]
fn checking_every_invalid_file_at_once_reports_each_of_them() {
    let cases = cases();
    assert!(cases.len() >= MIN_CASES, "only {} cases", cases.len());
    let output = tally_check(&cases);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit status; stderr:\n{stderr}"
    );
    assert!(stderr.is_empty(), "stderr:\n{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines.len() >= cases.len(),
        "{} lines of output for {} files:\n{stdout}",
        lines.len(),
        cases.len()
    );
    let silent: Vec<&String> = cases
        .iter()
        .filter(|case| {
            !lines.iter().any(|l| {
                // A folder's case names the file in it that goes wrong.
                l.strip_prefix(case.as_str())
                    .is_some_and(|rest| rest.starts_with(':') || rest.starts_with('/'))
            })
        })
        .collect();
    assert!(
        silent.is_empty(),
        "no line of output for {silent:?}:\n{stdout}"
    );
}

/// The corpus of ballots files and Forms exports that cannot be counted, or only in part:
/// `tests/data/invalid-ballots/NN-what-is-wrong.*`, each with `NN-what-is-wrong.expected`:
/// its first line `exit: N`, then exactly what `tally ballots FILE --compare` writes to
/// standard error (the file, the line, the column or cell, and what is wrong).
const BALLOTS_DIR: &str = "tests/data/invalid-ballots";

#[test]
fn every_bad_ballots_file_is_explained_where_it_goes_wrong() {
    let dir = root().join(BALLOTS_DIR);
    let mut cases: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .into_string()
                .expect("UTF-8")
        })
        .filter(|n| !n.ends_with(".expected"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 18,
        "only {} cases in {BALLOTS_DIR}",
        cases.len()
    );
    let mut failures = Vec::new();
    for name in &cases {
        let case = format!("{BALLOTS_DIR}/{name}");
        let output = Command::new(env!("CARGO_BIN_EXE_tally"))
            .args(["ballots", &case, "--compare"])
            .current_dir(root())
            .output()
            .expect("the tally binary runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let actual = format!("exit: {}\n{stderr}", output.status.code().unwrap_or(-1));
        let expected_file = root().join(Path::new(&case).with_extension("expected"));
        let expected = fs::read_to_string(&expected_file).unwrap_or_default();
        if stderr.contains("panicked") || actual != expected {
            failures.push(format!(
                "=== {case}\n--- expected ---\n{expected}--- actual ---\n{actual}--- end ---"
            ));
        }
        let raw: Vec<char> = stderr.chars().filter(|&c| is_unsafe(c)).collect();
        if !raw.is_empty() {
            failures.push(format!("=== {case}: raw control characters {raw:?}"));
        }
        if output.status.code() == Some(1) && !stderr.starts_with(&format!("tally: {case}")) {
            failures.push(format!("=== {case}: the message does not name the file"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
