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

/// The file tally reads in a case: `expected.json`'s RCTab configuration (cast vote records
/// are counted through it) or `input`, or else the one file that is not the answer (a
/// configuration first).
fn input(case: &Path, expected: Option<&Value>) -> PathBuf {
    if let Some(inputs) = expected.and_then(|e| e["inputs"].as_array()) {
        let role = |i: &&Value| i["role"].as_str().unwrap_or_default().to_string();
        let config = inputs
            .iter()
            .find(|i| role(i).starts_with("rctab-config") && !role(i).contains("scale"));
        if let Some(i) = config.or_else(|| inputs.iter().find(|i| role(i) == "input")) {
            return case.join(i["file"].as_str().expect("a file name"));
        }
    }
    let files: Vec<PathBuf> = std::fs::read_dir(case)
        .expect("the case is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n != "expected.json"))
        .collect();
    if let Some(config) = files.iter().find(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with("_config.json"))
    }) {
        return config.clone();
    }
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
        if let (Some(want), Some(got)) = (w["inactive"].as_object(), r.inactive) {
            for (key, figure) in [
                ("exhaustedChoices", got.exhausted_choices),
                ("overvotes", got.overvotes),
                ("skippedRankings", got.skipped_rankings),
                ("repeatedRankings", got.repeated_rankings),
            ] {
                // tally counts RCTab's last surplus that no one could take with the
                // exhausted choices, as RCTab's transfers do.
                let surplus = match (key, want.get("finalRoundSurplus")) {
                    ("exhaustedChoices", Some(s)) => votes(s),
                    _ => Votes::ZERO,
                };
                if let Some(v) = want.get(key)
                    && votes(v) + surplus != figure
                {
                    out.push(format!("round {n}: {key} {figure}, expected {v}"));
                }
            }
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
        // Several seats may be refused, saying why.
        (Err(e), false)
            if expected.as_ref().is_some_and(|x| {
                x["expect"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with("accept-or-refuse")
            }) && e
                .to_string()
                .contains("single transferable vote is not supported yet") =>
        {
            Vec::new()
        }
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

#[test]
#[ignore = "needs ../shared/interop; run with --ignored"]
fn cast_vote_records_and_blt_files() {
    // The RCTab CSV case has no configuration of its own (its folder's names the Dominion
    // export it was converted from): it is checked against that export below.
    run(&[
        "cvr-cdf",
        "cvr-dominion",
        "cvr-ess",
        "cvr-generic",
        "blt-",
        "edge-blt-",
    ]);
}

/// RCTab's CSV of the Alaska 2020 Dominion export, counted bare with the options that say
/// the configuration's rules, gives the same count as the export through its configuration.
#[test]
#[ignore = "needs ../shared/interop; run with --ignored"]
fn the_rctab_csv_of_alaska_counts_as_its_dominion_folder() {
    let Some(root) = corpus() else {
        return;
    };
    let folder = tally::import::from_file(
        &root.join("cvr-dominion-alaska-2020/dominion_alaska_config.json"),
    )
    .expect("the Dominion export counts");
    let options = tally::import::OpenOptions {
        rules: tally::import::RuleOptions {
            overvote: Some(tally::model::rules::OvervoteRule::ExhaustImmediately),
            max_skipped: Some(Some(1)),
            max_rankings: Some(Some(8)),
            batch_elimination: true,
            write_in: Some("12".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let csv = tally::import::from_path(
        &root.join("cvr-rctab-cvr-csv-alaska-2020/conversions_from_dominion_expected.csv"),
        &options,
    )
    .expect("the CSV counts");
    let rounds = |l: &Counted| -> Vec<Vec<(String, Votes)>> {
        l.count
            .rounds
            .iter()
            .map(|r| {
                let mut t: Vec<(String, Votes)> = r
                    .standings()
                    .into_iter()
                    .map(|(i, v)| (l.contest.candidates[i].name.clone(), v))
                    .collect();
                t.sort();
                t.push(("(exhausted)".into(), r.exhausted));
                t
            })
            .collect()
    };
    assert_eq!(rounds(&csv), rounds(&folder));
    assert_eq!(
        names(&csv, csv.count.elected()),
        names(&folder, folder.count.elected())
    );
}

/// RCTab's scale test: the Minneapolis 2013 spreadsheet read 13 times is 1,041,313 ballots,
/// every round exactly 13 times the single file's.
#[test]
#[ignore = "needs ../shared/interop; run with --ignored (release: a few seconds)"]
fn the_scale_test_is_thirteen_times_every_round() {
    let Some(root) = corpus() else {
        return;
    };
    let case = root.join("cvr-ess-mpls-2013-mayor");
    let one = tally::import::from_file(&case.join("2013_minneapolis_mayor_config.json"))
        .expect("the single file counts");
    let many = tally::import::from_file(&case.join("2013_minneapolis_mayor_scale_config.json"))
        .expect("the scale test counts");
    assert_eq!(one.count.rounds.len(), many.count.rounds.len());
    let thirteen = |v: Votes| Votes::from_raw(v.raw() * 13);
    for (a, b) in one.count.rounds.iter().zip(&many.count.rounds) {
        assert_eq!(
            a.votes.iter().map(|&v| thirteen(v)).collect::<Vec<_>>(),
            b.votes,
            "round {}",
            a.number
        );
        assert_eq!(thirteen(a.exhausted), b.exhausted, "round {}", a.number);
        assert_eq!(a.eliminated, b.eliminated, "round {}", a.number);
    }
    assert_eq!(names(&many, many.count.elected()), ["BETSY HODGES"]);
    let total: u64 = match &many.contest.method {
        tally::model::Method::Published(p) => p.total_ballots.expect("a total").get(),
        _ => 0,
    };
    assert_eq!(total, 1_041_313);
}
