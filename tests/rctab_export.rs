//! `tally rounds X --format rctab`: every export keeps the rules rcvformats (RCVis's
//! validator) checks, without needing Python (`scripts/check-rcvformats.sh` runs rcvformats
//! itself), and reads back into the same rounds.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;
use tally::count::Counted;

fn run(args: &[&str]) -> String {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = tally::cli::run([&["tally"], args].concat(), &mut out, &mut err);
    assert_eq!(code, 0, "{args:?}: {}", String::from_utf8_lossy(&err));
    String::from_utf8(out).expect("UTF-8 output")
}

const BALLOTS: [&str; 3] = [
    "assets/examples/class-vote.csv",
    "assets/examples/three-winners.csv",
    "tests/data/ballots/tie.csv",
];

/// Every export to check: the embedded contests, and ballots counted under each system.
fn exports() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = tally::import::load_all()
        .expect("the embedded contests load")
        .iter()
        .map(|l| {
            let id = l.contest.id.clone();
            let doc = run(&["rounds", &id, "--format", "rctab"]);
            (id, doc)
        })
        .collect();
    for file in BALLOTS {
        let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
        for system in ["sv", "irv", "fptp"] {
            let doc = run(&["ballots", &path, "--system", system, "--format", "rctab"]);
            out.push((format!("{file} --system {system}"), doc));
        }
    }
    out
}

/// A figure as the schema allows: a string of digits with at most one point.
fn is_decimal(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        let (w, f) = s.split_once('.').unwrap_or((s, "0"));
        !f.is_empty()
            && w.bytes().all(|b| b.is_ascii_digit())
            && f.bytes().all(|b| b.is_ascii_digit())
    })
}

fn figure(v: &Value) -> f64 {
    v.as_str().and_then(|s| s.parse().ok()).expect("a figure")
}

/// rcvformats' `SchemaV0`: the JSON schema (no other keys; figures as decimal strings; one of
/// `elected`/`eliminated` per result) and its logic checks, as it states them.
fn check(label: &str, d: &Value) {
    let keys = |v: &Value| -> HashSet<String> {
        v.as_object().expect("an object").keys().cloned().collect()
    };
    let allowed = |v: &Value, ok: &[&str]| {
        for k in keys(v) {
            assert!(ok.contains(&k.as_str()), "{label}: unexpected key {k}");
        }
    };
    allowed(d, &["config", "results"]);
    allowed(
        &d["config"],
        &["contest", "date", "jurisdiction", "office", "threshold"],
    );
    assert!(d["config"]["contest"].is_string(), "{label}");
    if let Some(t) = d["config"].get("threshold") {
        assert!(is_decimal(t), "{label}: threshold {t}");
    }
    let results = d["results"].as_array().expect("results");
    assert!(!results.is_empty(), "{label}");
    let first: Vec<String> = keys(&results[0]["tally"]).into_iter().collect();
    assert!(
        first.iter().all(|n| !n.is_empty()),
        "{label}: an empty name"
    );
    let mut eliminated_so_far: HashSet<String> = HashSet::new();
    let mut prev_tally = results[0]["tally"].clone();
    let mut prev_elected: HashSet<String> = HashSet::new();
    for (k, r) in results.iter().enumerate() {
        allowed(r, &["round", "tally", "tallyResults"]);
        assert_eq!(r["round"], k + 1, "{label}");
        for (name, v) in r["tally"].as_object().expect("a tally") {
            assert!(is_decimal(v), "{label}: round {}: {name} {v}", k + 1);
            assert!(
                !eliminated_so_far.contains(name),
                "{label}: {name} back after elimination"
            );
            let before = figure(&prev_tally[name]);
            if figure(v) < before {
                assert!(
                    prev_elected.contains(name) && figure(v) > 0.0,
                    "{label}: {name} falls in round {}",
                    k + 1
                );
            }
        }
        let last = k + 1 == results.len();
        let mut elected = HashSet::new();
        for t in r["tallyResults"].as_array().expect("tallyResults") {
            allowed(t, &["elected", "eliminated", "transfers"]);
            let (e, x) = (t.get("elected"), t.get("eliminated"));
            assert!(e.is_some() != x.is_some(), "{label}: {t}");
            if let Some(x) = x {
                assert!(!last, "{label}: an elimination in the last round");
                eliminated_so_far.insert(x.as_str().expect("a name").to_string());
            }
            if let Some(e) = e {
                elected.insert(e.as_str().expect("a name").to_string());
            }
            // `transfers` is optional in the schema; tally always writes it.
            for v in t["transfers"].as_object().expect("transfers").values() {
                assert!(is_decimal(v), "{label}: transfer {v}");
            }
        }
        prev_tally = r["tally"].clone();
        prev_elected = elected;
    }
}

#[test]
fn every_export_keeps_the_rules_rcvformats_checks() {
    for (label, doc) in exports() {
        let d: Value = serde_json::from_str(&doc).unwrap_or_else(|e| panic!("{label}: {e}"));
        check(&label, &d);
    }
}

#[test]
fn the_checks_refuse_what_rcvformats_refuses() {
    let base = serde_json::json!({"config": {"contest": "c"}, "results": [
        {"round": 1, "tally": {"A": "5", "B": "3", "C": "1"},
         "tallyResults": [{"eliminated": "C", "transfers": {"B": "1"}}]},
        {"round": 2, "tally": {"A": "5", "B": "4"},
         "tallyResults": [{"elected": "A", "transfers": {}}]}]});
    check("good", &base);
    let mut bad = Vec::new();
    let mut late_elimination = base.clone();
    late_elimination["results"][1]["tallyResults"][0] =
        serde_json::json!({"eliminated": "B", "transfers": {}});
    bad.push(late_elimination);
    let mut back = base.clone();
    back["results"][1]["tally"]["C"] = "0".into();
    bad.push(back);
    let mut falls = base.clone();
    falls["results"][1]["tally"]["B"] = "2".into();
    bad.push(falls);
    let mut number = base.clone();
    number["results"][0]["tally"]["A"] = "5e3".into();
    bad.push(number);
    let mut extra = base.clone();
    extra["summary"] = serde_json::json!({});
    bad.push(extra);
    for d in bad {
        let refused = std::panic::catch_unwind(|| check("bad", &d)).is_err();
        assert!(refused, "accepted {d}");
    }
}

#[test]
fn the_export_can_be_written_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("london-2021.json");
    let p = path.display().to_string();
    assert_eq!(run(&["rounds", "london-2021", "-f", "rctab", "-o", &p]), "");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        run(&["rounds", "london-2021", "--format", "rctab"])
    );
    // 2021 published each eliminated candidate's second preferences: they are per candidate.
    let d: Value = serde_json::from_str(&written).unwrap();
    let berry = d["results"][0]["tallyResults"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["eliminated"] == "Siân Berry")
        .unwrap();
    assert_eq!(
        berry["transfers"],
        serde_json::json!({"Sadiq Khan": "93745", "Shaun Bailey": "14969", "exhausted": "89262"})
    );
}

#[test]
fn rctab_is_one_count_not_a_comparison() {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let path = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), BALLOTS[0]);
    let args = ["tally", "ballots", &path, "--compare", "--format", "rctab"];
    assert_eq!(tally::cli::run(args, &mut out, &mut err), 2);
    assert!(String::from_utf8_lossy(&err).contains("--format rctab writes one count"));
}

/// Each round as names → votes, exhausted, elected and eliminated names.
type Shown = (BTreeMap<String, String>, String, Vec<String>, Vec<String>);

fn shown(l: &Counted, names: &[String]) -> Vec<Shown> {
    let n = l.count.rounds.len();
    l.count
        .rounds
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let tally = r
                .standings()
                .into_iter()
                .map(|(i, v)| (names[i].clone(), v.plain()))
                .collect();
            let who = |v: &[usize]| v.iter().map(|&i| names[i].clone()).collect::<Vec<_>>();
            // The last round's eliminations have no next round: the export leaves them out
            // (rcvformats refuses them even beside a winner).
            let eliminated = if k + 1 == n {
                Vec::new()
            } else {
                who(&r.eliminated)
            };
            (tally, r.exhausted.plain(), who(&r.elected), eliminated)
        })
        .collect()
}

#[test]
fn the_export_reads_back_into_the_same_rounds() {
    let mut originals: Vec<(String, Counted)> = tally::import::load_all()
        .unwrap()
        .into_iter()
        .map(|l| (l.contest.id.clone(), l))
        .collect();
    for file in BALLOTS {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let bytes = std::fs::read(&path).unwrap();
        for system in [
            tally::model::VotingSystem::SupplementaryVote,
            tally::model::VotingSystem::InstantRunoff,
            tally::model::VotingSystem::FirstPastThePost,
        ] {
            let l = tally::import::from_bytes_as(file, &bytes, system).unwrap();
            originals.push((format!("{file} {system:?}"), l));
        }
    }
    // Published counts too, when the real files are beside the project (never in CI).
    let interop = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop");
    for case in std::fs::read_dir(&interop).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(case.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = f.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".json") || name == "expected.json" || name.contains("config") {
                continue;
            }
            if let Ok(l) = tally::import::from_file(&f.path()) {
                originals.push((f.path().display().to_string(), l));
            }
        }
    }
    for (label, original) in originals {
        let doc = tally::report::rctab::rounds(&original);
        let back = tally::import::from_bytes("export.json", doc.as_bytes())
            .unwrap_or_else(|e| panic!("{label}: {e}\n{doc}"));
        let names = tally::report::rctab::names(&original.contest);
        let back_names: Vec<String> = back
            .contest
            .candidates
            .iter()
            .map(|c| c.name.clone())
            .collect();
        assert_eq!(
            shown(&back, &back_names),
            shown(&original, &names),
            "{label}"
        );
        let winners = |l: &Counted, names: &[String]| -> Vec<String> {
            l.count
                .elected()
                .iter()
                .map(|&i| names[i].clone())
                .collect()
        };
        assert_eq!(
            winners(&back, &back_names),
            winners(&original, &names),
            "{label}"
        );
        // Thresholds: a single seat's in every round (the last written, the others worked
        // out as the count does); several seats' is one quota, round 1's, in every round.
        let thresholds = |l: &Counted| -> Vec<String> {
            l.count.rounds.iter().map(|r| r.threshold.plain()).collect()
        };
        let expected = if original.contest.seats > 1 {
            vec![thresholds(&original)[0].clone(); original.count.rounds.len()]
        } else {
            thresholds(&original)
        };
        if original.count.system != tally::model::VotingSystem::FirstPastThePost {
            assert_eq!(thresholds(&back), expected, "{label}");
        }
        assert_eq!(back.contest.title, original.contest.title, "{label}");
        assert_eq!(back.contest.date, original.contest.date, "{label}");
    }
}
