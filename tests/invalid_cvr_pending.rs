//! Malformed cast vote records for the ES&S and RCTab CSV readers, waiting to join
//! `tests/data/invalid/`: each `tests/data/invalid-pending/NN-x.json` is an RCTab contest
//! configuration whose one source (in folder `NN-x/`) has one deliberate problem, and
//! `NN-x.expected` is the reader's message plus a newline, exactly what `tally check NN-x.json`
//! is to print once configurations are wired into `tally check`. Until then this test reads
//! each source through `import::cvr::read_source` with the settings this minimal reading of
//! the configuration gives, and compares the message. (When `tally check` reads
//! configurations, move the cases into `tests/data/invalid/` and delete this file.)
//!
//! `TALLY_BLESS=1 cargo test --test invalid_cvr_pending` writes missing `.expected` files;
//! read each before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use tally::import::cvr::{Labels, Names, Provider, Sink, Source, read_source};

const DIR: &str = "tests/data/invalid-pending";

fn text(v: &serde_json::Value, key: &str) -> Option<String> {
    v[key]
        .as_str()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn number(v: &serde_json::Value, key: &str) -> Option<u32> {
    text(v, key).and_then(|s| s.parse().ok())
}

/// The message reading `config`'s first source gives.
fn message(config: &Path) -> String {
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(config).expect("the config")).expect("JSON");
    let s = &v["cvrFileSources"][0];
    let file = text(s, "filePath").expect("a filePath");
    let source = Source {
        path: config.parent().expect("a folder").join(&file),
        name: file,
        provider: Provider::from_config(&text(s, "provider").expect("a provider"))
            .expect("a provider tally reads"),
        contest_id: text(s, "contestId"),
        first_vote_column: number(s, "firstVoteColumnIndex"),
        first_vote_row: number(s, "firstVoteRowIndex"),
        id_column: number(s, "idColumnIndex"),
        precinct_column: number(s, "precinctColumnIndex"),
        max_rankings: number(&v["rules"], "maxRankingsAllowed"),
        labels: Labels {
            overvote_delimiter: text(s, "overvoteDelimiter"),
            overvote: text(s, "overvoteLabel"),
            skipped: text(s, "skippedRankLabel"),
            write_in: text(s, "undeclaredWriteInLabel"),
            blank_is_write_in: s["treatBlankAsUndeclaredWriteIn"]
                .as_bool()
                .unwrap_or(false),
        },
    };
    let mut names = Names::default();
    for c in v["candidates"].as_array().expect("candidates") {
        names.add(c["name"].as_str().expect("a name"), &[]);
    }
    let mut sink = Sink::new();
    match read_source(&source, &mut names, &mut sink) {
        Ok(()) => panic!("{}: read without an error", config.display()),
        Err(e) => e,
    }
}

#[test]
fn each_pending_case_is_refused_with_its_message() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    let mut configs: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("the pending cases")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    configs.sort();
    assert!(configs.len() >= 7, "the pending cases are missing");
    let bless = std::env::var_os("TALLY_BLESS").is_some();
    let mut wrong = Vec::new();
    for config in &configs {
        let got = format!("{}\n", message(config));
        let expected = config.with_extension("expected");
        match fs::read_to_string(&expected) {
            Ok(want) if want == got => {}
            Ok(want) => wrong.push(format!("{}:\n  want {want}  got  {got}", config.display())),
            Err(_) if bless => fs::write(&expected, &got).expect("write .expected"),
            Err(_) => wrong.push(format!("{}: no .expected", config.display())),
        }
        assert!(
            !got.chars().any(|c| c.is_control() && c != '\n'),
            "{}: raw control characters",
            config.display()
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
