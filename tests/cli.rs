//! Integration tests of the `tally` binary: every subcommand's output (insta snapshots),
//! exit statuses, and behaviour a shell user relies on.

use std::process::{Command, Output};

use serde_json::Value;

fn tally(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(args)
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the binary runs")
}

fn stdout(args: &[&str]) -> String {
    let out = tally(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "tally {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn bare_tally_prints_the_2004_count() {
    let text = stdout(&[]);
    for figure in [
        "685,541",
        "828,380",
        "542,423",
        "667,178",
        "368,113",
        "Winner: Ken Livingstone",
    ] {
        assert!(text.contains(figure), "missing {figure}:\n{text}");
    }
    assert_eq!(text, stdout(&["narrate", "london-2004"]));
}

#[test]
fn rounds_text_for_every_embedded_contest() {
    for id in [
        "london-2000",
        "london-2004",
        "london-2008",
        "london-2012",
        "london-2016",
        "london-2021",
        "london-2024",
    ] {
        insta::assert_snapshot!(format!("rounds_{id}"), stdout(&["rounds", id]));
    }
}

#[test]
fn rounds_json_has_the_documented_fields() {
    let v: Value =
        serde_json::from_str(&stdout(&["rounds", "london-2004", "--format", "json"])).unwrap();
    let rounds = v["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[0]["number"], 1);
    assert_eq!(rounds[0]["tally"]["Ken Livingstone"], 685_541);
    assert_eq!(rounds[0]["tally"]["Steven Norris"], 542_423);
    assert_eq!(rounds[0]["eliminated"].as_array().unwrap().len(), 8);
    assert_eq!(rounds[1]["tally"]["Ken Livingstone"], 828_380);
    assert_eq!(rounds[1]["tally"]["Steven Norris"], 667_178);
    assert_eq!(rounds[1]["exhausted"], 368_113);
    assert_eq!(rounds[1]["elected"], serde_json::json!(["Ken Livingstone"]));
    let to_livingstone = rounds[1]["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["to"] == "Ken Livingstone")
        .unwrap();
    assert_eq!(to_livingstone["votes"], 142_839);
    assert_eq!(v["winner"], "Ken Livingstone");
    assert_eq!(v["margin"], 161_202);
    assert_eq!(v["electorate"], Value::Null, "unknown is null, not 0");
    let names: Vec<&str> = rounds[0]["tally"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        &names[..2],
        ["Ken Livingstone", "Steven Norris"],
        "tally is ordered by votes"
    );
}

#[test]
fn rounds_csv() {
    insta::assert_snapshot!(stdout(&["rounds", "london-2004", "--format", "csv"]));
}

#[test]
fn list_and_compare() {
    insta::assert_snapshot!("list", stdout(&["list"]));
    insta::assert_snapshot!("compare", stdout(&["compare"]));
    insta::assert_snapshot!(
        "compare_2004_2008_2012",
        stdout(&["compare", "london-2004", "london-2008", "london-2012"])
    );
}

#[test]
fn help_for_every_subcommand() {
    insta::assert_snapshot!("help", stdout(&["--help"]));
    for sub in [
        "list",
        "check",
        "rounds",
        "compare",
        "narrate",
        "render",
        "screenshots",
        "watch",
        "replay",
        "present",
        "ballots",
    ] {
        insta::assert_snapshot!(format!("help_{sub}"), stdout(&[sub, "--help"]));
    }
}

#[test]
fn check_accepts_the_embedded_datasets() {
    let assets = concat!(env!("CARGO_MANIFEST_DIR"), "/assets");
    let files: Vec<String> = std::fs::read_dir(assets)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(files.len(), 7);
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let text = stdout(&args);
    assert_eq!(
        text.lines().filter(|l| l.contains(": ok (london-")).count(),
        7,
        "{text}"
    );
}

#[test]
fn bad_usage_exits_2_with_a_message() {
    let out = tally(&["rounds", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'xml'"));

    let out = tally(&["rounds", "london-2005"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no contest `london-2005`") && err.contains("did you mean"),
        "{err}"
    );

    let out = tally(&["check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_data_exits_1_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\"id\": \"x\",").unwrap();
    let p = path.display().to_string();
    let out = tally(&["rounds", &p]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(&format!("tally: {p}:1:11: EOF while parsing")),
        "{err}"
    );

    let out = tally(&[
        "check",
        &dir.path().join("missing.json").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("missing.json: cannot read"));
}

#[test]
fn a_file_is_counted_like_an_embedded_contest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.json");
    std::fs::write(&path, include_str!("../assets/london-2012.json")).unwrap();
    assert_eq!(
        stdout(&["rounds", &path.display().to_string()]),
        stdout(&["rounds", "london-2012"])
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(["compare"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn hostile_names_are_escaped_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.json");
    let text = include_str!("../assets/london-2012.json").replace(
        "\"Boris Johnson\"",
        "\"Boris\\u001b[2J\\u009b31m\\u202eJohnson\"",
    );
    std::fs::write(&path, text).unwrap();
    let p = path.display().to_string();
    for format in ["text", "json", "csv"] {
        let out = stdout(&["rounds", &p, "--format", format]);
        assert!(
            !out.chars().any(|c| tally::text::is_unsafe(c) && c != '\n'),
            "{format}: {out:?}"
        );
    }
    let check = stdout(&["check", &p]);
    assert!(
        check.contains("warning: contains control or bidirectional-override characters (U+001B, U+009B, U+202E)"),
        "{check}"
    );
}

#[test]
fn committed_text_screenshots_are_current() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/screenshots");
    for (file, args) in [
        ("rounds-london-2004.txt", &["rounds", "london-2004"][..]),
        ("compare.txt", &["compare"][..]),
    ] {
        let committed = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        assert!(
            committed == stdout(args),
            "screenshots/{file} is stale: regenerate it with `cargo run -- {} > screenshots/{file}`",
            args.join(" ")
        );
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.json");
    std::fs::write(
        &path,
        format!("\u{feff}{}", include_str!("../assets/london-2004.json")),
    )
    .unwrap();
    assert!(stdout(&["check", &path.display().to_string()]).contains(": ok (london-2004"));
}

#[test]
fn narrate_tells_every_embedded_contest() {
    for id in [
        "london-2000",
        "london-2004",
        "london-2008",
        "london-2012",
        "london-2016",
        "london-2021",
        "london-2024",
    ] {
        insta::assert_snapshot!(format!("narrate_{id}"), stdout(&["narrate", id]));
    }
}

#[test]
fn render_draws_the_viewer_screen_in_three_formats() {
    let txt = stdout(&[
        "render",
        "london-2004",
        "--view",
        "count",
        "--step",
        "last",
        "--format",
        "txt",
    ]);
    for figure in ["828,380", "667,178", "368,113", "ELECTED"] {
        assert!(txt.contains(figure), "missing {figure}:\n{txt}");
    }
    assert_eq!(txt.lines().count(), 40, "the default size is 120x40");
    let ansi = stdout(&[
        "render", "--format", "ansi", "--size", "80x24", "--theme", "dark",
    ]);
    assert!(
        ansi.contains("\x1b[0;38;2;228;0;59m"),
        "Labour red bars in ANSI"
    );
    let svg = stdout(&["render", "--format", "svg", "--size", "80x24"]);
    roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let mid = stdout(&["render", "--step", "1.5", "--size", "100x30"]);
    assert!(
        mid.contains("756,961"),
        "half-way: 685,541 + 142,839 / 2:\n{mid}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.svg");
    assert_eq!(stdout(&["render", "-o", &path.display().to_string()]), "");
    assert!(
        std::fs::read_to_string(&path).unwrap().starts_with("<svg"),
        "the format follows the extension"
    );
}

#[test]
fn render_rejects_bad_steps_and_sizes() {
    let out = tally(&["render", "--step", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("step 3 is outside this count"));
    let out = tally(&["render", "--size", "wide"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WIDTHxHEIGHT"));
}

#[test]
fn replay_to_a_file_ends_on_the_declared_result() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("night.json");
    let p = path.display().to_string();
    let out = stdout(&["replay", "london-2016", "--speed", "100000", "--to", &p]);
    assert_eq!(
        out.lines().count(),
        16,
        "nothing, 14 areas, the final declaration:\n{out}"
    );
    assert!(out.lines().nth(7).unwrap().contains("(7 of 14)"));
    let final_rounds = stdout(&["rounds", &p]);
    assert!(
        final_rounds.contains("1,310,143") && final_rounds.contains("994,614"),
        "{final_rounds}"
    );
    assert!(
        !dir.path().join("night.json.tmp").exists(),
        "written by rename"
    );
}

#[test]
fn watch_and_replay_explain_what_they_need() {
    let out = tally(&["watch", "/tmp/tally-no-such-file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("watch needs a terminal"));
    let out = tally(&["replay", "london-2004", "--to", "/tmp/tally-never.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no results by area"));
    let out = tally(&["replay", "london-2016", "--speed", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_file_in_another_format_is_recognised_by_its_content_and_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    // A class's ballots, whatever the file is called, are counted (under the Supplementary
    // Vote) by any command that opens a contest.
    let named_json = dir.path().join("results.json");
    std::fs::write(&named_json, "candidates: Ann, Bob\nAnn, Bob\n").unwrap();
    let out = tally(&["rounds", &named_json.display().to_string()]);
    assert_eq!(out.status.code(), Some(0));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.starts_with("results\nBallots · ") && report.contains("Supplementary Vote"),
        "{report}"
    );
    let blt = dir.path().join("ward.txt");
    std::fs::write(&blt, "3 1\n1 2 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"Ward\"\n").unwrap();
    let out = tally(&["check", &blt.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains(
        "this is a BLT ballot file (3 candidates, 1 seat): tally does not read BLT files yet"
    ),);
}

#[test]
fn no_color_means_the_same_for_every_command_whatever_its_value() {
    let ansi = |no_color: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tally"));
        cmd.args(["render", "--format", "ansi"])
            .env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(ansi(None).contains("38;2;"), "colours by default");
    // no-color.org: any non-empty value, "0" included, means no colour.
    for v in ["1", "0", "yes"] {
        assert!(!ansi(Some(v)).contains("38;2;"), "NO_COLOR={v}");
    }
    assert!(
        ansi(Some("")).contains("38;2;"),
        "an empty NO_COLOR is unset"
    );
}
