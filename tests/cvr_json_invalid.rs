//! Malformed NIST CDF JSON files and Dominion export folders, each refused with the file,
//! the place in it and what is wrong (`tests/data/cvr-invalid/NNN-what-is-wrong.json`, or a
//! folder `NNN-what-is-wrong/`, each beside `NNN-what-is-wrong.expected`).
//!
//! These are cases for the invalid corpus (`tests/invalid.rs`, numbers 100–109), waiting
//! until `tally check` opens a bare CDF file and a Dominion folder: then they move to
//! `tests/data/invalid/` and this test goes. Until then it reads each case through the
//! readers themselves, named as `tally check` will name it (`tests/data/invalid/NNN-...`),
//! and checks the message is exactly the `.expected` (the message and a newline).
//! `CVR_INVALID_UPDATE=1 cargo test --test cvr_json_invalid` rewrites the `.expected` files.

use std::fs;
use std::path::Path;

use tally::import::cvr::{Labels, Names, Provider, Sink, Source, read_source};

const DIR: &str = "tests/data/cvr-invalid";
/// Where the cases will live, as their messages name them.
const CORPUS: &str = "tests/data/invalid";

#[test]
fn every_malformed_cdf_file_and_dominion_folder_is_refused_where_it_goes_wrong() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<String> = fs::read_dir(root.join(DIR))
        .expect("the cases' folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .into_string()
                .expect("UTF-8")
        })
        .filter(|n| !n.ends_with(".expected"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "only {} cases", cases.len());
    let update = std::env::var_os("CVR_INVALID_UPDATE").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let path = root.join(DIR).join(case);
        let provider = if path.is_dir() {
            Provider::Dominion
        } else {
            Provider::Cdf
        };
        let source = Source {
            path: path.clone(),
            name: format!("{CORPUS}/{case}"),
            provider,
            contest_id: None,
            first_vote_column: None,
            first_vote_row: None,
            id_column: None,
            precinct_column: None,
            max_rankings: None,
            labels: Labels::default(),
        };
        let mut names = Names::open();
        let mut sink = Sink::new();
        let got = match read_source(&source, &mut names, &mut sink) {
            Ok(()) => format!("(read without a problem: {} ballots)\n", sink.read),
            Err(m) => format!("{m}\n"),
        };
        let stem = Path::new(case).with_extension("");
        let expected_file = root.join(DIR).join(format!("{}.expected", stem.display()));
        if update {
            fs::write(&expected_file, &got).expect("written");
            continue;
        }
        let expected = fs::read_to_string(&expected_file).unwrap_or_default();
        if got != expected || !got.starts_with(&format!("{CORPUS}/{case}")) {
            failures.push(format!(
                "=== {case}\n--- expected ---\n{expected}--- actual ---\n{got}--- end ---"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
