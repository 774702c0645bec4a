//! The documentation's examples are real: the worked example in docs/dataset-format.md
//! must load and count exactly as the text around it says.

#[test]
fn the_worked_example_in_the_format_doc_is_valid_and_counts_as_described() {
    let doc = include_str!("../docs/dataset-format.md");
    let start = doc.find("```json\n").expect("the doc has a JSON example") + "```json\n".len();
    let end = start + doc[start..].find("```").expect("the example ends");
    let loaded =
        tally::import::dataset::from_str(&doc[start..end]).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let count = &loaded.count;
    let okafor = loaded.contest.candidate_index("okafor").unwrap();
    let hughes = loaded.contest.candidate_index("hughes").unwrap();
    assert_eq!(count.rounds[0].threshold, 20_251);
    assert_eq!(count.last().tally(okafor).map(|v| v.get()), Some(20_500));
    assert_eq!(count.last().tally(hughes).map(|v| v.get()), Some(16_600));
    assert_eq!(count.last().exhausted, 3_400);
    assert_eq!(count.winner(), Some(okafor));
    // Party ids: given (Labour), derived from the label (Conservative), none (Independent).
    let party_ids: Vec<Option<&str>> = loaded
        .contest
        .candidates
        .iter()
        .map(|c| c.party_id.as_deref())
        .collect();
    assert_eq!(
        party_ids,
        [Some("labour"), Some("conservative"), Some("green"), None]
    );
    for figure in [
        "40,500",
        "20,251",
        "9,000",
        "3,500",
        "2,100",
        "3,400",
        "20,500 to 16,600",
    ] {
        assert!(doc.contains(figure), "the doc's prose mentions {figure}");
    }
}

#[test]
fn the_readme_lists_every_key_in_the_key_table() {
    let readme = include_str!("../README.md");
    for b in tally::app::keys::BINDINGS {
        let row = format!("| `{}` | {} |", b.label, b.description);
        assert!(readme.contains(&row), "README.md lacks the key row {row}");
    }
}

#[test]
fn the_live_feed_example_is_a_valid_partial_count() {
    let doc = include_str!("../docs/live-feed.md");
    let start = doc.find("```json\n").expect("an example") + "```json\n".len();
    let end = start + doc[start..].find("```").expect("the example ends");
    let loaded =
        tally::import::dataset::from_str(&doc[start..end]).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(loaded.count.partial);
    assert_eq!(loaded.count.winner(), None);
    assert_eq!(loaded.count.valid, 19_200);
}

#[test]
fn the_format_doc_names_every_embedded_party_id_and_independent() {
    let doc = include_str!("../docs/dataset-format.md");
    for l in tally::import::load_all().unwrap() {
        for c in &l.contest.candidates {
            match &c.party_id {
                Some(id) => assert!(doc.contains(&format!("`{id}`")), "the doc lacks `{id}`"),
                None => assert!(
                    doc.contains(&c.name),
                    "the doc lacks independent {}",
                    c.name
                ),
            }
        }
    }
}

#[test]
fn the_documented_csv_headers_are_the_ones_printed() {
    let first_line = |args: &[&str]| {
        let mut out = Vec::new();
        let code = tally::cli::run([&["tally"], args].concat(), &mut out, &mut Vec::new());
        assert_eq!(code, 0);
        String::from_utf8(out)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    let rounds = include_str!("../docs/rounds-json.md");
    let compare = include_str!("../docs/compare-json.md");
    for (doc, args) in [
        (rounds, &["rounds", "london-2024", "--format", "csv"][..]),
        (compare, &["compare", "--format", "csv"][..]),
        (compare, &["list", "--format", "csv"][..]),
    ] {
        let header = first_line(args);
        assert!(doc.contains(&format!("\n{header}\n")), "{args:?}: {header}");
    }
}

#[test]
fn the_rounds_json_doc_names_every_field_printed() {
    let doc = include_str!("../docs/rounds-json.md");
    let mut out = Vec::new();
    let args = ["tally", "rounds", "london-2021", "--format", "json"];
    assert_eq!(tally::cli::run(args, &mut out, &mut Vec::new()), 0);
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_object().expect("an object").keys().cloned().collect()
    };
    let named = [
        keys(&v),
        keys(&v["rounds"][1]),
        keys(&v["rounds"][1]["transfers"][0]),
        keys(&v["areas"][0]),
    ]
    .concat();
    for key in named {
        assert!(
            doc.contains(&format!("`{key}`")) || doc.contains(&format!("\"{key}\"")),
            "docs/rounds-json.md lacks `{key}`"
        );
    }
    // The inactive kinds, which London does not have.
    for kind in [
        "exhausted_choices",
        "overvotes",
        "skipped_rankings",
        "repeated_rankings",
    ] {
        assert!(doc.contains(&format!("`{kind}`")), "lacks `{kind}`");
    }
}

#[test]
fn the_rctab_export_doc_shows_what_is_printed() {
    let doc = include_str!("../docs/rctab-export.md");
    let mut out = Vec::new();
    let args = ["tally", "rounds", "london-2004", "--format", "rctab"];
    assert_eq!(tally::cli::run(args, &mut out, &mut Vec::new()), 0);
    let printed = String::from_utf8(out).expect("UTF-8");
    for line in [
        r#""contest": "Mayor of London 2004","#,
        r#""threshold": "747780""#,
        r#""Ken Livingstone": "828380""#,
    ] {
        assert!(printed.contains(line), "the export lacks {line}");
        assert!(doc.contains(line), "the doc lacks {line}");
    }
}
