//! Real files from other tabulators (`../shared/interop`, next to the project, when it is
//! there), read by tally and compared with the publisher's answer in each case's
//! `expected.json`: every round's tally, exhausted ballots, threshold, eliminated and
//! elected, and the winners. Opt-in (`cargo test --test interop -- --ignored`): a fresh clone
//! has no `../shared`, and these files are other people's data, never copied into the
//! project.
//!
//! To cover another importer, add its case-name prefixes to a `#[test]` like
//! [`rctab_and_universal_tabulator`]; [`check_case`] does the rest.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tally::count::Counted;
use tally::model::Votes;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop");
    dir.is_dir().then_some(dir)
}

/// The cases whose folder name starts with one of `prefixes`.
fn cases(root: &Path, prefixes: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("the corpus is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            p.is_dir() && prefixes.iter().any(|x| name.starts_with(x))
        })
        .collect();
    out.sort();
    out
}

/// The file tally reads in a case: `expected.json`'s `input`, or else the one JSON file that
/// is not the answer.
fn input(case: &Path, expected: Option<&Value>) -> PathBuf {
    if let Some(inputs) = expected.and_then(|e| e["inputs"].as_array())
        && let Some(i) = inputs.iter().find(|i| i["role"] == "input")
    {
        return case.join(i["file"].as_str().expect("a file name"));
    }
    let files: Vec<PathBuf> = std::fs::read_dir(case)
        .expect("the case is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n != "expected.json"))
        .collect();
    assert_eq!(
        files.len(),
        1,
        "{}: which file is the input?",
        case.display()
    );
    files[0].clone()
}

fn votes(v: &Value) -> Votes {
    Votes::parse_decimal(&v.to_string()).unwrap_or_else(|e| panic!("{v}: {e}"))
}

fn names(l: &Counted, list: &[usize]) -> Vec<String> {
    let mut v: Vec<String> = list
        .iter()
        .map(|&i| l.contest.candidates[i].name.clone())
        .collect();
    v.sort();
    v
}

fn expected_names(v: &Value) -> Vec<String> {
    let mut v: Vec<String> = v
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// What differs between tally's reading of a case and its `expected.json`.
fn compare(l: &Counted, e: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let want: Vec<String> = match (&e["winners"], &e["winner"]) {
        (w @ Value::Array(_), _) => expected_names(w),
        (_, Value::String(w)) => vec![w.clone()],
        _ => Vec::new(),
    };
    let got = names(l, l.count.elected());
    let mut want_sorted = want.clone();
    want_sorted.sort();
    if got != want_sorted {
        out.push(format!("winners {got:?}, expected {want:?}"));
    }
    if let Some(seats) = e["seats"].as_u64()
        && u64::from(l.contest.seats) != seats
    {
        out.push(format!("{} seats, expected {seats}", l.contest.seats));
    }
    let rounds = e["rounds"].as_array().cloned().unwrap_or_default();
    if rounds.len() != l.count.rounds.len() {
        out.push(format!(
            "{} rounds, expected {}",
            l.count.rounds.len(),
            rounds.len()
        ));
    }
    for (w, r) in rounds.iter().zip(&l.count.rounds) {
        let n = r.number;
        let tally: Vec<(String, Votes)> = r
            .standings()
            .into_iter()
            .map(|(i, v)| (l.contest.candidates[i].name.clone(), v))
            .collect();
        let want: Vec<(String, Votes)> = w["tally"]
            .as_object()
            .map(|o| o.iter().map(|(k, v)| (k.clone(), votes(v))).collect())
            .unwrap_or_default();
        for (name, v) in &want {
            match tally.iter().find(|(k, _)| k == name) {
                Some((_, got)) if got == v => {}
                other => out.push(format!(
                    "round {n}: {name} {:?}, expected {v}",
                    other.map(|(_, g)| g.to_string())
                )),
            }
        }
        for (name, v) in &tally {
            if !want.iter().any(|(k, _)| k == name) {
                out.push(format!("round {n}: {name} shown with {v}, not expected"));
            }
        }
        if !w["exhausted"].is_null() && r.exhausted != votes(&w["exhausted"]) {
            out.push(format!(
                "round {n}: exhausted {}, expected {}",
                r.exhausted, w["exhausted"]
            ));
        }
        if !w["threshold"].is_null() && r.threshold != votes(&w["threshold"]) {
            out.push(format!(
                "round {n}: threshold {}, expected {}",
                r.threshold, w["threshold"]
            ));
        }
        if names(l, &r.eliminated) != expected_names(&w["eliminated"]) {
            out.push(format!(
                "round {n}: eliminated {:?}, expected {}",
                names(l, &r.eliminated),
                w["eliminated"]
            ));
        }
        if names(l, &r.elected) != expected_names(&w["elected"]) {
            out.push(format!(
                "round {n}: elected {:?}, expected {}",
                names(l, &r.elected),
                w["elected"]
            ));
        }
    }
    out
}

/// Read one case and compare it: a `reject` case (or a `bad-` one) must be refused with a
/// message naming the file; every case that loads must conserve its votes in every round.
fn check_case(case: &Path) -> Vec<String> {
    let expected: Option<Value> = std::fs::read(case.join("expected.json"))
        .ok()
        .map(|b| serde_json::from_slice(&b).expect("expected.json is JSON"));
    let file = input(case, expected.as_ref());
    let reject = expected.as_ref().map_or_else(
        || {
            case.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("bad-"))
        },
        |e| e["expect"] == "reject",
    );
    match (tally::import::from_file(&file), reject) {
        (Err(e), true) => {
            let message = e.to_string();
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            if message.contains(name.as_ref()) {
                Vec::new()
            } else {
                vec![format!("refused without naming the file: {message}")]
            }
        }
        (Ok(_), true) => vec!["loaded, but it should be refused".into()],
        (Err(e), false) => vec![format!("refused: {e}")],
        (Ok(l), false) => {
            let mut out: Vec<String> = l
                .count
                .rounds
                .iter()
                .filter(|r| r.continuing + r.exhausted + r.residual != l.count.valid)
                .map(|r| format!("round {}: the votes do not add up", r.number))
                .collect();
            if let Some(e) = &expected {
                out.extend(compare(&l, e));
            }
            out
        }
    }
}

fn run(prefixes: &[&str]) {
    let Some(root) = corpus() else {
        eprintln!("no ../shared/interop here: nothing to check");
        return;
    };
    let mut failed = Vec::new();
    let cases = cases(&root, prefixes);
    assert!(!cases.is_empty(), "no cases start with {prefixes:?}");
    for case in &cases {
        let problems = check_case(case);
        let name = case.file_name().unwrap_or_default().to_string_lossy();
        if problems.is_empty() {
            eprintln!("ok   {name}");
        } else {
            eprintln!("FAIL {name}");
            for p in problems.iter().take(8) {
                eprintln!("       {p}");
            }
            failed.push(name.into_owned());
        }
    }
    assert!(failed.is_empty(), "failed: {failed:?}");
}

#[test]
#[ignore = "needs ../shared/interop; run with --ignored"]
fn rctab_and_universal_tabulator() {
    run(&["rctab-", "ut-", "edge-ut-", "bad-"]);
}
