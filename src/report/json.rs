//! The count as JSON, for scripts: the schema is documented in `docs/rounds-json.md`.
//!
//! Candidates are named by name (as people read them) and by id (which is unique). The
//! output is plain `serde_json`, with one extra step: C1 control characters and bidi
//! overrides, which serde_json leaves raw, are escaped too, so the JSON is safe to print
//! to a terminal.

use serde_json::{Map, Value, json};

use crate::count::Counted;
use crate::count::{Destination, Outcome, Round, TieKind, TieRule};
use crate::story::summary;

/// The schema version of this output.
pub const SCHEMA: u32 = 1;

pub fn rounds(l: &Counted) -> String {
    let value = rounds_value(l);
    escape_unsafe(&serde_json::to_string_pretty(&value).expect("a Value always serializes")) + "\n"
}

pub fn rounds_value(l: &Counted) -> Value {
    let c = &l.contest;
    let name = |i: usize| Value::String(c.candidates[i].name.clone());
    let id = |i: usize| Value::String(c.candidates[i].id.clone());
    let names = |v: &[usize]| Value::Array(v.iter().map(|&i| name(i)).collect());
    let ids = |v: &[usize]| Value::Array(v.iter().map(|&i| id(i)).collect());

    let round_value = |r: &Round| {
        let mut tally = Map::new();
        let mut tally_by_id = Map::new();
        for (i, votes) in r.standings() {
            tally.insert(c.candidates[i].name.clone(), json!(votes));
            tally_by_id.insert(c.candidates[i].id.clone(), json!(votes));
        }
        let transfers: Vec<Value> = r
            .transfers
            .iter()
            .map(|t| {
                let (to, to_id) = match t.to {
                    Destination::Candidate(i) => (name(i), id(i)),
                    Destination::Exhausted => (Value::Null, Value::Null),
                };
                json!({
                    "from": names(&t.from),
                    "from_ids": ids(&t.from),
                    "to": to,
                    "to_id": to_id,
                    "exhausted": t.to == Destination::Exhausted,
                    "votes": t.votes,
                })
            })
            .collect();
        let ties: Vec<Value> = r
            .tie_breaks
            .iter()
            .map(|t| {
                json!({
                    "kind": match t.kind { TieKind::SecondPlace => "second-place", TieKind::Elimination => "elimination", TieKind::Winner => "winner" },
                    "tied": names(&t.tied),
                    "preferred": names(&t.preferred),
                    "votes": t.votes,
                    "rule": match t.rule { TieRule::TieBreakOrder => "tie-break-order", TieRule::CandidateOrder => "candidate-order", TieRule::AsCounted => "as-counted" },
                    "explanation": t.rule.describe(),
                })
            })
            .collect();
        json!({
            "number": r.number,
            "tally": tally,
            "tally_by_id": tally_by_id,
            "exhausted": r.exhausted,
            "continuing": r.continuing,
            "threshold": r.threshold,
            "elected": names(&r.elected),
            "eliminated": names(&r.eliminated),
            "transfers": transfers,
            "tie_breaks": ties,
        })
    };

    let (outcome, winner, winner_id) = match &l.count.outcome {
        Outcome::Elected(won) => ("elected", name(won[0]), id(won[0])),
        Outcome::Incomplete => ("incomplete", Value::Null, Value::Null),
        Outcome::NoVotes => ("no-votes", Value::Null, Value::Null),
    };
    let opt = |v: Option<crate::model::Votes>| v.map(|v| json!(v.get())).unwrap_or(Value::Null);
    let turnout = summary::turnout(c).map(|t| {
        json!({"percent": t.percent, "basis": c.turnout.as_ref().map(|p| p.basis).unwrap_or(t.basis), "computed": t.computed, "approximate": t.approximate})
    });
    json!({
        "schema": SCHEMA,
        "contest": {
            "id": c.id,
            "title": c.title,
            "area": c.area,
            "date": c.date,
            "system": c.method.system(),
            "status": c.status,
        },
        "candidates": c.candidates.iter().map(|k| json!({"id": k.id, "name": k.name, "party": k.party})).collect::<Vec<_>>(),
        "valid_first_preferences": l.count.valid,
        "electorate": opt(c.electorate),
        "ballot_papers": opt(c.ballot_papers),
        "rejected": opt(c.rejected),
        "turnout": turnout,
        "partial": l.count.partial,
        "outcome": outcome,
        "winner": winner,
        "winner_id": winner_id,
        "margin": l.count.margin(),
        "rounds": l.count.rounds.iter().map(round_value).collect::<Vec<_>>(),
    })
}

/// Escape the unsafe characters serde_json leaves raw (DEL, the C1 controls, which some
/// terminals act on, and bidi overrides) as `\uXXXX`. serde_json escapes the C0 controls
/// itself; outside strings JSON has only printable ASCII, so these can only occur inside
/// strings, where the escape means the same character.
pub fn escape_unsafe(s: &str) -> String {
    let unsafe_raw = |c: char| c == '\u{7f}' || (!c.is_ascii() && crate::text::is_unsafe(c));
    if !s.chars().any(unsafe_raw) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_raw(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_and_bidi_overrides_are_escaped_and_still_valid_json() {
        let raw = serde_json::to_string(&json!({"n": "a\u{9b}2J\u{202e}b\u{7f}c"})).unwrap();
        let safe = escape_unsafe(&raw);
        assert!(!safe.chars().any(crate::text::is_unsafe), "{safe:?}");
        assert!(safe.contains("\\u007f"), "DEL is escaped: {safe:?}");
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["n"], "a\u{9b}2J\u{202e}b\u{7f}c");
    }
}
