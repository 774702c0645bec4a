//! tally's own dataset format: one JSON object per contest (`docs/dataset-format.md`), read,
//! checked and written.
//!
//! Reading goes text → [`raw::RawContest`] (the file's shape, with errors located by line and
//! column or JSON path: [`parse`]) → every problem found in the whole contest, and the
//! counting method when the system's fields make sense ([`validate`]) → a checked
//! `model::Contest` (with every party's id, given or derived) → counted. Writing turns a contest back into the raw shape.

pub mod parse;
pub mod raw;
pub mod validate;

pub use raw::{FORMAT_VERSION, RawContest};

use crate::count::Counted;
use crate::model::{Contest, Diagnostic, Location, Severity};

/// Check a raw contest: the checked contest and its warnings, or every problem (errors
/// first, then warnings).
pub fn check(raw: RawContest) -> Result<(Contest, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (mut diagnostics, method) = validate::validate(&raw);
    let method = match method {
        Some(m) if !diagnostics.iter().any(Diagnostic::is_error) => m,
        _ => {
            diagnostics.sort_by_key(|d| d.severity);
            return Err(diagnostics);
        }
    };
    let contest = Contest {
        id: raw.id,
        title: raw.title,
        area: raw.area,
        date: Some(raw.date),
        method,
        seats: 1,
        status: raw.status,
        candidates: with_party_ids(raw.candidates),
        electorate: raw.electorate,
        ballot_papers: raw.ballot_papers,
        valid_votes: raw.valid_votes,
        rejected: raw.rejected,
        rejected_reasons: raw.rejected_reasons,
        turnout: raw.turnout,
        first_preferences: raw.first_preferences,
        second_choices: raw.second_choices,
        tie_break_order: raw.tie_break_order,
        areas: raw.areas,
        declaration_times: raw.declaration_times,
        sources: raw.sources,
        notes: raw.notes,
    };
    Ok((contest, diagnostics))
}

/// Every candidate with a party id: the file's, or one derived from the party's label
/// (`model::party::derive_id`); independents have none.
fn with_party_ids(mut candidates: Vec<crate::model::Candidate>) -> Vec<crate::model::Candidate> {
    for c in &mut candidates {
        if c.party_id.is_none() {
            c.party_id = crate::model::party::derive_id(&c.party);
        }
    }
    candidates
}

/// Parse, check and count dataset text. On failure, every diagnostic (errors first, then
/// warnings).
pub fn from_str(text: &str) -> Result<Counted, Vec<Diagnostic>> {
    let raw = parse::parse_contest(text).map_err(|d| vec![d])?;
    let (contest, warnings) = check(raw)?;
    Counted::new(contest, warnings)
}

/// Parse, check and count a file's bytes; a file that is not UTF-8 is placed by line and
/// column like any other syntax error.
pub fn from_bytes(bytes: &[u8]) -> Result<Counted, Vec<Diagnostic>> {
    let text = crate::text::utf8(bytes).map_err(|e| {
        vec![Diagnostic {
            severity: Severity::Error,
            location: Location::Position {
                line: e.line,
                column: e.column,
            },
            message: format!(
                "byte 0x{:02X} is not UTF-8 text; save the file as UTF-8",
                e.byte
            ),
        }]
    })?;
    from_str(text)
}

/// A contest as dataset JSON (pretty-printed, ending in a newline): what `replay --to`
/// writes, and what reads back as the same contest.
pub fn to_json(contest: &Contest) -> Result<String, serde_json::Error> {
    if let crate::model::Method::Published(p) = &contest.method {
        return Err(serde::ser::Error::custom(format!(
            "a count published as {} is shown as published; it cannot be written as a tally dataset (use `tally rounds --format json` or `--format rctab`)",
            p.format
        )));
    }
    let raw = RawContest::from_contest(contest);
    serde_json::to_string_pretty(&raw).map(|t| t + "\n")
}
