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
fn rounds_json_for_2021_has_its_areas_electorate_and_transfers_source_by_source() {
    let v: Value =
        serde_json::from_str(&stdout(&["rounds", "london-2021", "--format", "json"])).unwrap();
    assert_eq!(v["areas"].as_array().unwrap().len(), 14);
    assert_eq!(v["electorate"], 6_191_387);
    let turnout = &v["turnout"];
    assert_eq!(
        format!("{:.2}", turnout["percent"].as_f64().unwrap()),
        "42.73"
    );
    assert_eq!(turnout["basis"], "ballot-papers");
    assert_eq!(turnout["computed"], true);
    // Round 2, from the first-by-second matrix: each of the 18 eliminated candidates' ballots
    // to Khan, to Bailey and non-transferable.
    let transfers = v["rounds"][1]["transfers"].as_array().unwrap();
    assert_eq!(transfers.len(), 18 * 3);
    let mut totals = std::collections::BTreeMap::new();
    let mut sources = std::collections::BTreeSet::new();
    for t in transfers {
        let from = t["from_ids"].as_array().unwrap();
        assert_eq!(from.len(), 1, "one source each: {t}");
        sources.insert(from[0].as_str().unwrap().to_string());
        let to = t["to_id"].as_str().unwrap_or("exhausted").to_string();
        assert_eq!(t["exhausted"], t["to_id"].is_null(), "{t}");
        *totals.entry(to).or_insert(0) += t["votes"].as_u64().unwrap();
    }
    assert_eq!(sources.len(), 18);
    assert_eq!(totals["khan"], 192_313);
    assert_eq!(totals["bailey"], 84_550);
    assert_eq!(totals["exhausted"], 347_722);
    let one = |from: &str, to: &str| {
        transfers
            .iter()
            .find(|t| t["from_ids"][0] == from && t["to_id"] == to)
            .map(|t| t["votes"].clone())
    };
    assert_eq!(one("berry", "khan"), Some(Value::from(93_745)));
    assert_eq!(one("porritt", "bailey"), Some(Value::from(15_206)));
}

#[test]
fn rounds_csv_lists_the_transfers_by_source() {
    let rows = |id: &str| -> Vec<Vec<String>> {
        stdout(&["rounds", id, "--format", "csv"])
            .lines()
            .map(|l| l.split(',').map(String::from).collect())
            .collect()
    };
    let all = rows("london-2021");
    let col = |name: &str| all[0].iter().position(|h| h == name).unwrap();
    let (kind, id, votes, share, to_id) = (
        col("kind"),
        col("id"),
        col("votes"),
        col("share"),
        col("to_id"),
    );
    let transfers: Vec<&Vec<String>> = all.iter().filter(|r| r[kind] == "transfer").collect();
    assert_eq!(transfers.len(), 18 * 3);
    let berry: Vec<(&str, &str, &str)> = transfers
        .iter()
        .filter(|r| r[id] == "berry")
        .map(|r| (r[to_id].as_str(), r[votes].as_str(), r[share].as_str()))
        .collect();
    assert_eq!(
        berry,
        [
            ("khan", "93745", "47.35"),
            ("bailey", "14969", "7.56"),
            ("exhausted", "89262", "45.09")
        ]
    );
    let to = |who: &str| -> u64 {
        transfers
            .iter()
            .filter(|r| r[to_id] == who)
            .map(|r| r[votes].parse::<u64>().unwrap())
            .sum()
    };
    assert_eq!(
        (to("khan"), to("bailey"), to("exhausted")),
        (192_313, 84_550, 347_722)
    );
    // 2004 declared only totals: one source, all eight together, with no id.
    let all = rows("london-2004");
    let transfers: Vec<&Vec<String>> = all.iter().filter(|r| r[kind] == "transfer").collect();
    assert_eq!(transfers.len(), 3);
    for r in transfers {
        assert_eq!(r[id], "");
        assert_eq!(r[3], "The 8 eliminated candidates");
    }
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

    // A built-in contest is not a file to follow: waiting for one would wait forever.
    let out = tally(&["watch", "london-2016"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("use `tally replay london-2016`"), "{err}");
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
    let text = include_str!("../assets/london-2012.json")
        .replace(
            "\"Boris Johnson\"",
            "\"Boris\\u001b[2J\\u009b31m\\u202eJohnson\"",
        )
        // An independent's name is a row label in compare; a party label of controls only
        // gets a derived id.
        .replace("\"Siobhan Benita\"", "\"Siobhan\\u001b[2JBenita\"")
        .replace(
            "\"party\": \"British National Party\",\n      \"party_id\": \"british-national-party\"",
            "\"party\": \"\\u202e\\u001b\"",
        );
    assert!(
        text.contains("\\u202e\\u001b\""),
        "the party label was replaced"
    );
    std::fs::write(&path, text).unwrap();
    let p = path.display().to_string();
    for format in ["text", "json", "csv"] {
        for args in [
            &["rounds", &p, "--format", format][..],
            &["compare", &p, "london-2008", "--format", format][..],
        ] {
            let out = stdout(args);
            assert!(
                !out.chars().any(|c| tally::text::is_unsafe(c) && c != '\n'),
                "{args:?}: {out:?}"
            );
        }
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
fn watch_without_a_terminal_prints_a_final_file_and_ends() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("night.json");
    let text = tally::import::dataset::to_json(
        &tally::import::embedded::get("london-2016")
            .unwrap()
            .load()
            .unwrap()
            .contest,
    )
    .unwrap();
    std::fs::write(&path, text).unwrap();
    let out = tally(&["watch", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(0));
    let lines = String::from_utf8(out.stdout).unwrap();
    assert_eq!(lines.lines().count(), 1, "{lines}");
    assert!(lines.trim_end().ends_with(
        " · 14 of 14 areas declared · Sadiq Khan wins by 315,529 over Zac Goldsmith, 1,310,143 to 994,614 in round 2 · FINAL"
    ), "{lines}");
    assert!(out.stderr.is_empty());
}

#[test]
fn replay_explains_what_it_needs() {
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
    // Named where a class's ballots are expected, a BLT file says what it is and how to
    // count it.
    let out = tally(&["ballots", &blt.display().to_string(), "--system", "irv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "this is a BLT ballot file (3 candidates, 1 seat), not ballots text: count it as a contest: `tally rounds FILE`"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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

#[test]
fn compare_puts_contests_in_date_order_and_says_so() {
    let given = stdout(&["compare", "london-2024", "london-2012", "london-2021"]);
    let ordered = stdout(&["compare", "london-2012", "london-2021", "london-2024"]);
    assert!(
        given.starts_with("3 contests in date order (not the order given); each change is since the previous contest in time."),
        "{given}"
    );
    assert!(
        ordered.starts_with("3 contests in date order; "),
        "{ordered}"
    );
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&given), body(&ordered));
    insta::assert_snapshot!("compare_given_out_of_order", given);
}

#[test]
fn compare_and_list_as_json_and_csv() {
    let args = ["compare", "london-2024", "london-2021", "--format"];
    insta::assert_snapshot!("compare_json", stdout(&[&args[..], &["json"]].concat()));
    insta::assert_snapshot!("compare_csv", stdout(&[&args[..], &["csv"]].concat()));
    insta::assert_snapshot!("list_json", stdout(&["list", "--format", "json"]));
    insta::assert_snapshot!("list_csv", stdout(&["list", "--format", "csv"]));

    // Every figure agrees with the count: a party's votes and share in each contest.
    let v: Value = serde_json::from_str(&stdout(&["compare", "--format", "json"])).unwrap();
    let contests = v["contests"].as_array().unwrap();
    for (i, c) in contests.iter().enumerate() {
        let rounds: Value = serde_json::from_str(&stdout(&[
            "rounds",
            c["id"].as_str().unwrap(),
            "--format",
            "json",
        ]))
        .unwrap();
        let valid = rounds["valid_first_preferences"].as_u64().unwrap();
        assert_eq!(c["valid_first_preferences"], valid);
        let mut total = 0;
        for p in v["parties"].as_array().unwrap() {
            let r = &p["results"][i];
            assert_eq!(r["contest"], c["id"]);
            if let Some(votes) = r["votes"].as_u64() {
                total += votes;
                let share = r["share"].as_f64().unwrap();
                assert!((share - votes as f64 * 100.0 / valid as f64).abs() < 1e-9);
            } else {
                assert!(r["share"].is_null() && r["change"].is_null(), "{p}");
            }
        }
        assert_eq!(total, valid, "{}: every vote in one row", c["id"]);
    }
    // Unknown is null, never 0.
    assert_eq!(contests[1]["electorate"], Value::Null, "2004's electorate");
}

#[test]
fn rounds_exports_the_areas() {
    let v: Value =
        serde_json::from_str(&stdout(&["rounds", "london-2024", "--format", "json"])).unwrap();
    let areas = v["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 14);
    // Each candidate's votes summed over the areas are the London-wide first round.
    for (name, total) in v["rounds"][0]["tally"].as_object().unwrap() {
        let summed: u64 = areas
            .iter()
            .map(|a| a["votes"][name].as_u64().unwrap())
            .sum();
        assert_eq!(Some(summed), total.as_u64(), "{name}");
    }
    for a in areas {
        assert_eq!(a["declared"], true);
        let votes: u64 = a["votes_by_id"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(Some(votes), a["valid_votes"].as_u64(), "{}", a["name"]);
        let turnout =
            a["ballot_papers"].as_f64().unwrap() * 100.0 / a["electorate"].as_f64().unwrap();
        assert!((a["turnout"].as_f64().unwrap() - turnout).abs() < 1e-9);
    }
    // 2016's areas have no electorate: turnout is unknown (null), not 0.
    let v: Value =
        serde_json::from_str(&stdout(&["rounds", "london-2016", "--format", "json"])).unwrap();
    assert_eq!(v["areas"][0]["electorate"], Value::Null);
    assert_eq!(v["areas"][0]["turnout"], Value::Null);
    // A contest without areas says so with null, not an empty list.
    let v: Value =
        serde_json::from_str(&stdout(&["rounds", "london-2004", "--format", "json"])).unwrap();
    assert_eq!(v["areas"], Value::Null);
    assert_eq!(v["candidates"][0]["party_id"], "labour");
    assert_eq!(
        v["candidates"][9]["party_id"],
        Value::Null,
        "an independent"
    );

    insta::assert_snapshot!(
        "rounds_csv_areas",
        stdout(&["rounds", "london-2024", "--format", "csv"])
    );
}

#[test]
fn the_csv_share_says_its_basis() {
    let csv = stdout(&["rounds", "london-2016", "--format", "csv"]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (kind, basis, share) = (col("kind"), col("share_basis"), col("share"));
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let expected = match cells[kind] {
            "candidate" => "votes-in-round",
            "area-candidate" => "area-valid-votes",
            "transfer" => "source-ballots",
            _ => "",
        };
        assert_eq!(cells[basis], expected, "{line}");
        assert_eq!(cells[share].is_empty(), expected.is_empty(), "{line}");
    }
}

#[test]
fn the_elections_view_follows_parties_by_id() {
    // The Elections view draws the same party table: London Real is one row with a change,
    // independents are their own rows, and neither they nor "Others" get a change.
    let screen = stdout(&[
        "render",
        "london-2021",
        "--view",
        "elections",
        "--size",
        "200x60",
        "--format",
        "txt",
    ]);
    let row = |start: &str| {
        screen
            .lines()
            .find(|l| l.trim_start_matches([' ', '▌']).starts_with(start))
            .unwrap_or_else(|| panic!("no {start} row:\n{screen}"))
            .to_string()
    };
    assert!(
        row("London Real Party").ends_with("1.2    0.3 −0.9"),
        "{}",
        row("London Real Party")
    );
    for start in [
        "Ken Livingstone (Independent)",
        "Niko Omilana (Independent)",
        "Others (",
    ] {
        let r = row(start);
        assert!(!r.contains('+') && !r.contains('−'), "{r}");
    }
    insta::assert_snapshot!("elections_london-2021_200x60", screen);
}

#[test]
fn areas_not_yet_declared_are_exported_as_unknown_not_zero() {
    let doc = include_str!("../docs/live-feed.md");
    let start = doc.find("```json\n").unwrap() + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("night.json");
    std::fs::write(&path, &doc[start..end]).unwrap();
    let p = path.display().to_string();

    let v: Value = serde_json::from_str(&stdout(&["rounds", &p, "--format", "json"])).unwrap();
    let (north, south) = (&v["areas"][0], &v["areas"][1]);
    assert_eq!(north["declared"], true);
    assert_eq!(north["declared_at"], "2026-05-08T14:05:00+01:00");
    assert_eq!(north["valid_votes"], 19_200, "summed from the candidates");
    assert_eq!(north["turnout"], Value::Null, "no ballot papers: unknown");
    assert_eq!(south["declared"], false);
    for field in [
        "votes",
        "votes_by_id",
        "valid_votes",
        "ballot_papers",
        "turnout",
    ] {
        assert_eq!(south[field], Value::Null, "{field}");
    }
    assert_eq!(south["electorate"], 48_000);

    let csv = stdout(&["rounds", &p, "--format", "csv"]);
    let areas: Vec<&str> = csv
        .lines()
        .filter(|l| l.split(',').nth(1).is_some_and(|k| k.starts_with("area")))
        .collect();
    assert_eq!(
        areas,
        [
            ",area,north,North,,19200,,,declared,,,north,North,52000,,,,,2026-05-08T14:05:00+01:00,,",
            "1,area-candidate,okafor,Ada Okafor,Labour,9000,,46.88,,area-valid-votes,labour,north,North,,,,,,,,",
            "1,area-candidate,hughes,Tom Hughes,Conservative,7000,,36.46,,area-valid-votes,conservative,north,North,,,,,,,,",
            "1,area-candidate,byrne,Niamh Byrne,Green,3200,,16.67,,area-valid-votes,green,north,North,,,,,,,,",
            ",area,south,South,,,,,not-declared,,,south,South,48000,,,,,,,",
        ]
    );
}

#[test]
fn compare_into_a_pipe_does_not_cut_party_labels() {
    // The tests' stdout is a pipe: no terminal width to fit.
    let out = stdout(&["compare", "london-2004", "london-2008", "london-2012"]);
    assert!(
        out.contains("Christian Choice (Christian Peoples Alliance and Christian Party)"),
        "{out}"
    );
    assert!(!out.contains('…'), "{out}");
}
