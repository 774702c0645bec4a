//! A problem found in a dataset, located by JSON path or by line and column.
//!
//! One type for everything `tally check` reports, so that every error reads the same way:
//! `file: json.path: message` for a problem with the data, `file:line:column: message` for
//! JSON that does not parse.

use std::fmt;

use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole.
    File,
    /// A JSON path such as `candidates[2].name`.
    Path(String),
    /// A position in the text, for JSON that does not parse.
    Position { line: usize, column: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: Location::Path(path.into()),
            message: message.into(),
        }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location: Location::Path(path.into()),
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form that `tally check` prints, with every unsafe character escaped.
    pub fn render(&self, file: &str) -> String {
        let file = text::clean(file);
        let what = match self.severity {
            Severity::Error => String::new(),
            Severity::Warning => "warning: ".to_string(),
        };
        let message = text::clean(&self.message);
        match &self.location {
            Location::File => format!("{file}: {what}{message}"),
            Location::Path(p) if p.is_empty() => format!("{file}: {what}{message}"),
            Location::Path(p) => format!("{file}: {}: {what}{message}", text::clean(p)),
            Location::Position { line, column } => {
                format!("{file}:{line}:{column}: {what}{message}")
            }
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rendered = self.render("");
        f.write_str(rendered.trim_start_matches(": ").trim_start_matches(':'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_position_and_warning_forms() {
        let e = Diagnostic::error("candidates[1].id", "duplicate id");
        assert_eq!(e.render("a.json"), "a.json: candidates[1].id: duplicate id");
        let w = Diagnostic::warning("turnout", "differs");
        assert_eq!(w.render("a.json"), "a.json: turnout: warning: differs");
        let p = Diagnostic {
            severity: Severity::Error,
            location: Location::Position {
                line: 1,
                column: 4097,
            },
            message: "EOF while parsing an object".into(),
        };
        assert_eq!(
            p.render("results.json"),
            "results.json:1:4097: EOF while parsing an object"
        );
    }

    #[test]
    fn render_escapes_untrusted_text() {
        let e = Diagnostic::error(
            "first_preferences.\u{1b}[2J",
            "unknown candidate `\u{1b}[2J`",
        );
        let out = e.render("f\u{7}.json");
        assert!(!out.chars().any(crate::text::is_unsafe), "{out:?}");
    }
}
