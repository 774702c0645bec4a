//! Loading a contest: text → parsed → validated → counted, or every problem found.
//!
//! This is the one door data comes in by, for the command line and the viewer alike, so a
//! contest that is shown has always passed every check.

use std::fmt;
use std::path::Path;

use crate::count::{self, Count, Outcome, TieKind};
use crate::files;
use crate::model::{Contest, Diagnostic, VotingSystem, parse, validate};

/// A contest that parsed, validated and counted.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub contest: Contest,
    pub count: Count,
    /// Things worth knowing that do not make the data wrong.
    pub warnings: Vec<Diagnostic>,
}

/// Parse, validate and count. On failure, every diagnostic (errors first, then warnings).
pub fn from_str(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let contest = parse::parse_contest(text).map_err(|d| vec![d])?;
    from_contest(contest)
}

/// Validate and count a contest already in memory.
pub fn from_contest(contest: Contest) -> Result<Loaded, Vec<Diagnostic>> {
    let mut diagnostics = validate::validate(&contest);
    if diagnostics.iter().any(Diagnostic::is_error) {
        diagnostics.sort_by_key(|d| d.severity);
        return Err(diagnostics);
    }
    match count::count(&contest) {
        Ok(count) => {
            diagnostics.extend(count_warnings(&contest, &count));
            Ok(Loaded {
                contest,
                count,
                warnings: diagnostics,
            })
        }
        Err(mut errors) => {
            errors.extend(diagnostics);
            Err(errors)
        }
    }
}

/// What `tally check` should mention about a count that is valid but notable.
fn count_warnings(contest: &Contest, count: &Count) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if count.outcome == Outcome::Incomplete {
        let what = match contest.system {
            VotingSystem::SupplementaryVote => "`second_round` is not given",
            _ => "no further `rounds` are given",
        };
        out.push(Diagnostic::warning(
            "",
            format!(
                "nobody has more than half of the votes and {what}: the count stops after round {}",
                count.rounds.len()
            ),
        ));
    }
    for round in &count.rounds {
        for tie in &round.tie_breaks {
            let names: Vec<&str> = tie
                .tied
                .iter()
                .map(|&i| contest.candidates[i].id.as_str())
                .collect();
            let what = match tie.kind {
                TieKind::SecondPlace => "second place",
                TieKind::Elimination => "elimination",
                TieKind::Winner => "first place",
            };
            out.push(Diagnostic::warning(
                "",
                format!(
                    "round {}: a tie for {what} between `{}` was broken {}",
                    round.number,
                    names.join("`, `"),
                    tie.rule.describe()
                ),
            ));
        }
    }
    out
}

/// Why a contest could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// Neither an embedded contest nor a file that exists.
    NotFound {
        name: String,
        suggestion: Option<&'static str>,
    },
    /// The file could not be read: not a regular file, too large, unreadable.
    File(crate::files::FileError),
    /// The data has problems.
    Invalid {
        file: String,
        diagnostics: Vec<Diagnostic>,
    },
}

impl LoadError {
    /// Exit status: 2 for a name that is neither a contest nor a file (bad usage), 1 for
    /// data that cannot be read or is wrong.
    pub fn exit_code(&self) -> i32 {
        match self {
            LoadError::NotFound { .. } => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound { name, suggestion } => {
                let name = crate::text::clean(name);
                write!(
                    f,
                    "no contest `{name}`: it is not an embedded contest and no such file exists"
                )?;
                match suggestion {
                    Some(s) => write!(f, " (did you mean `{s}`?)"),
                    None => write!(f, " (`tally list` shows the embedded contests)"),
                }
            }
            LoadError::File(e) => write!(f, "{e}"),
            LoadError::Invalid { file, diagnostics } => {
                let lines: Vec<String> = diagnostics.iter().map(|d| d.render(file)).collect();
                f.write_str(&lines.join("\n"))
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Load a contest from a file: a regular file of at most [`files::DOCUMENT_LIMIT`] bytes.
pub fn from_file(path: &Path) -> Result<Loaded, LoadError> {
    let file = path.display().to_string();
    let bytes =
        files::read_document(path, files::DOCUMENT_LIMIT, "dataset").map_err(LoadError::File)?;
    from_bytes(&file, bytes)
}

/// Load a contest from a file's bytes, named `file` in messages.
pub fn from_bytes(file: &str, bytes: Vec<u8>) -> Result<Loaded, LoadError> {
    let file = file.to_string();
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&bytes[..at]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        LoadError::Invalid {
            file: file.clone(),
            diagnostics: vec![Diagnostic {
                severity: crate::model::Severity::Error,
                location: crate::model::Location::Position { line, column },
                message: format!(
                    "byte 0x{:02X} is not UTF-8 text; save the file as UTF-8",
                    bytes[at]
                ),
            }],
        }
    })?;
    from_str(&text).map_err(|diagnostics| LoadError::Invalid { file, diagnostics })
}
