//! `tally check`: every problem in every file, one line each (`file: json.path: message`),
//! and a line saying what each good file holds (and, for another tabulator's published
//! count, which format it was read as).

use std::path::PathBuf;

use crate::model::Method;
use crate::text::clean;

/// The report, and how many files have errors (warnings are allowed).
pub fn check(paths: &[PathBuf]) -> (String, usize) {
    let mut text = String::new();
    let mut bad = 0;
    for path in paths {
        let file = path.display().to_string();
        match crate::import::from_file(path) {
            Ok(l) => {
                for w in &l.warnings {
                    text.push_str(&w.render(&file));
                    text.push('\n');
                }
                let rounds = l.count.rounds.len();
                // A published count says what wrote it: "RCTab 2.0.0 detailed report: ".
                let format = match &l.contest.method {
                    Method::Published(p) => format!("{}: ", p.format),
                    _ => String::new(),
                };
                text.push_str(&format!(
                    "{}: ok ({}{}, {} candidates, {rounds} round{})\n",
                    clean(&file),
                    clean(&format),
                    clean(&l.contest.id),
                    l.contest.candidates.len(),
                    if rounds == 1 { "" } else { "s" }
                ));
                // Counted by tally: from what, the ballots read and the rules, as the report
                // opens with, each on its own line.
                if let Method::Published(p) = &l.contest.method
                    && let Some(t) = p.tabulation.as_deref()
                {
                    for line in crate::story::rules::preamble(p, t) {
                        text.push_str(&format!("  {line}\n"));
                    }
                }
            }
            Err(e) => {
                bad += 1;
                text.push_str(&e.to_string());
                text.push('\n');
            }
        }
    }
    (text, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_count_says_which_format_it_was_read_as() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/published");
        let (text, bad) = check(&[dir.join("riverside-rctab2-detailed.json")]);
        assert_eq!(bad, 0);
        assert!(
            text.ends_with(
                "riverside-rctab2-detailed.json: ok (RCTab 2.0.0 detailed report: riverside-mayor, 4 candidates, 2 rounds)\n"
            ),
            "{text}"
        );
        let (text, _) = check(&[dir.join("books-rankit-vanishing.json")]);
        assert_eq!(text.matches(": warning: ").count(), 2, "{text}");
        assert!(text.contains("ok (RCTab 1 summary or Universal Tabulator JSON: which-book-next"));
    }
}
