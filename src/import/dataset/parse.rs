//! Reading a contest from JSON text, with errors that say where and what.
//!
//! serde_json reports the line and column; `serde_path_to_error` adds the JSON path; and an
//! unknown field or variant gets a "did you mean" suggestion instead of a list of every field.

use super::raw::RawContest;
use crate::model::{Diagnostic, Location, Severity};
use crate::text::{closest, list};

/// Parse a contest. Only the first problem can be reported here: JSON parsing stops at it.
pub fn parse_contest(text: &str) -> Result<RawContest, Diagnostic> {
    // Editors on some systems start UTF-8 files with an invisible byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(Diagnostic {
            severity: Severity::Error,
            location: Location::File,
            message: "the file is empty; a dataset is one JSON object describing a contest".into(),
        });
    }
    if let Some(found) = not_an_object(trimmed) {
        let line = text.len() - trimmed.len();
        let line = text[..line].matches('\n').count() + 1;
        return Err(Diagnostic {
            severity: Severity::Error,
            location: Location::Position { line, column: 1 },
            message: format!(
                "a dataset is one JSON object `{{ ... }}` describing a contest, but this file holds {found}"
            ),
        });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let contest: RawContest = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        from_json_error(e.inner(), Some(path))
    })?;
    de.end().map_err(|e| from_json_error(&e, None))?;
    Ok(contest)
}

/// What the text holds, if it is JSON but not an object.
fn not_an_object(trimmed: &str) -> Option<&'static str> {
    match trimmed.chars().next()? {
        '{' => None,
        '[' => Some("an array"),
        '"' => Some("a string"),
        't' | 'f' => Some("a boolean"),
        'n' => Some("null"),
        '-' | '0'..='9' => Some("a number"),
        _ => None,
    }
}

/// Turn a serde_json error into a diagnostic. Syntax errors are placed by line and column;
/// data errors by JSON path, with the line and column added to the message.
pub fn from_json_error(e: &serde_json::Error, path: Option<String>) -> Diagnostic {
    use serde_json::error::Category;
    let full = e.to_string();
    let message = match full.rsplit_once(" at line ") {
        Some((m, _)) => m.to_string(),
        None => full,
    };
    let message = suggest(&message).unwrap_or(message);
    // Columns count from 1; serde_json says 0 for the position before a line's first character.
    let (line, column) = (e.line(), e.column().max(1));
    match e.classify() {
        Category::Data => {
            let mut path = path.filter(|p| p != ".").unwrap_or_default();
            // "duplicate field `title`" is about that field, not the object holding it.
            if let Some(field) = message
                .strip_prefix("duplicate field `")
                .and_then(|r| r.split('`').next())
            {
                path = if path.is_empty() {
                    field.to_string()
                } else {
                    format!("{path}.{field}")
                };
            }
            let message = message.replace("missing field `", "missing required field `");
            Diagnostic {
                severity: Severity::Error,
                location: Location::Path(path),
                message: format!("{message} (line {line}, column {column})"),
            }
        }
        _ => {
            let message = if message.starts_with("EOF") {
                format!("{message} (the file ends too soon: is it complete?)")
            } else if message == "trailing characters" {
                "unexpected text after the end of the contest object (trailing characters)"
                    .to_string()
            } else {
                message
            };
            Diagnostic {
                severity: Severity::Error,
                location: Location::Position { line, column },
                message,
            }
        }
    }
}

/// Rewrite serde's "unknown field `x`, expected one of `a`, `b`" into a suggestion.
fn suggest(message: &str) -> Option<String> {
    let (kind, rest) = if let Some(rest) = message.strip_prefix("unknown field `") {
        ("field", rest)
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        ("value", rest)
    } else {
        return None;
    };
    let (found, expected) = rest.split_once('`')?;
    let options: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    if options.is_empty() {
        return Some(format!("unknown {kind} `{found}`: nothing is allowed here"));
    }
    match closest(found, options.iter().copied()) {
        Some(best) => Some(format!("unknown {kind} `{found}`: did you mean `{best}`?")),
        None => Some(format!(
            "unknown {kind} `{found}`: expected one of {}",
            list(&options)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"id": "t", "title": "T", "area": "A", "date": "2020-01-02",
        "system": "first-past-the-post",
        "candidates": [{"id": "a", "name": "A", "party": "P"}],
        "first_preferences": {"a": 1}}"#;

    #[test]
    fn minimal_contest_parses() {
        let c = parse_contest(MINIMAL).unwrap();
        assert_eq!(c.id, "t");
        assert_eq!(c.electorate, None);
    }

    #[test]
    fn misspelt_field_gets_a_suggestion_and_a_path() {
        let text = MINIMAL.replace("\"area\"", "\"arae\"");
        let d = parse_contest(&text).unwrap_err();
        assert!(
            d.message
                .starts_with("unknown field `arae`: did you mean `area`?"),
            "{}",
            d.message
        );
        let nested = MINIMAL.replace("\"party\"", "\"partie\"");
        let d = parse_contest(&nested).unwrap_err();
        assert_eq!(
            d.location,
            Location::Path("candidates[0].partie".into()),
            "{d:?}"
        );
        assert!(d.message.contains("did you mean `party`?"), "{}", d.message);
    }

    #[test]
    fn unknown_system_suggests_the_right_spelling() {
        let text = MINIMAL.replace("first-past-the-post", "first_past_the_post");
        let d = parse_contest(&text).unwrap_err();
        assert!(
            d.message.contains("did you mean `first-past-the-post`?"),
            "{}",
            d.message
        );
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let d = parse_contest("{\n  \"id\": \"t\",\n  \"title\" \"T\"\n}").unwrap_err();
        assert_eq!(
            d.location,
            Location::Position {
                line: 3,
                column: 11
            }
        );
        let d = parse_contest(&MINIMAL[..40]).unwrap_err();
        assert!(d.message.starts_with("EOF while parsing"), "{}", d.message);
        let d = parse_contest(&format!("{MINIMAL} x")).unwrap_err();
        assert!(d.message.contains("trailing characters"), "{}", d.message);
    }

    #[test]
    fn not_an_object_empty_and_bom_are_explained() {
        let d = parse_contest("[1, 2]").unwrap_err();
        assert!(
            d.message.contains("but this file holds an array"),
            "{}",
            d.message
        );
        assert_eq!(parse_contest(" \n ").unwrap_err().location, Location::File);
        assert!(parse_contest(&format!("\u{feff}{MINIMAL}")).is_ok());
    }

    #[test]
    fn root_level_problems_are_located_by_field() {
        let d = parse_contest(&MINIMAL.replace("\"title\": \"T\",", "")).unwrap_err();
        assert_eq!(d.location, Location::Path(String::new()));
        assert!(
            d.message.starts_with("missing required field `title`"),
            "{}",
            d.message
        );
        let d = parse_contest(
            &MINIMAL.replace("\"title\": \"T\",", "\"title\": \"T\", \"title\": \"U\","),
        )
        .unwrap_err();
        assert_eq!(d.location, Location::Path("title".into()));
    }
}
