//! Candidate ids: what makes one usable, looking many up at once, and the message for one
//! that is not there.
//!
//! Files refer to candidates by id everywhere; a contest may have 100,000 of them, so ids
//! are indexed once ([`index`], [`Ids`]) rather than searched for, and the "did you mean"
//! suggestions, which compare an id with every candidate, are given for a few only.

use std::collections::HashMap;

use super::contest::Candidate;
use crate::text::closest;

/// Candidate id → position (the first, if an id is repeated).
pub fn index(candidates: &[Candidate]) -> HashMap<&str, usize> {
    let mut ids = HashMap::with_capacity(candidates.len());
    for (i, c) in candidates.iter().enumerate() {
        ids.entry(c.id.as_str()).or_insert(i);
    }
    ids
}

/// How many unknown ids get a "did you mean" suggestion.
const SUGGESTIONS: usize = 20;

/// An id is safe to use as a key, a file name and a command-line argument.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.'))
}

/// "unknown candidate `x`" messages, with a "did you mean" suggestion for the first
/// [`SUGGESTIONS`] of them: each suggestion compares with every candidate, so a file with
/// thousands of unknown ids must not cost thousands times thousands.
pub struct Unknown<'a> {
    candidates: &'a [Candidate],
    left: usize,
}

impl<'a> Unknown<'a> {
    pub fn new(candidates: &'a [Candidate]) -> Self {
        Unknown {
            candidates,
            left: SUGGESTIONS,
        }
    }

    pub fn message(&mut self, id: &str) -> String {
        if self.left == 0 {
            return format!("unknown candidate `{id}`: no candidate has this id");
        }
        self.left -= 1;
        unknown_candidate(id, self.candidates)
    }
}

/// A contest's candidate ids, indexed once, with the messages for ids that are not there.
pub struct Ids<'a> {
    map: HashMap<&'a str, usize>,
    unknown: Unknown<'a>,
}

impl<'a> Ids<'a> {
    pub fn new(candidates: &'a [Candidate]) -> Self {
        Ids {
            map: index(candidates),
            unknown: Unknown::new(candidates),
        }
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.map.get(id).copied()
    }

    /// The message for an id that is not a candidate's.
    pub fn unknown(&mut self, id: &str) -> String {
        self.unknown.message(id)
    }
}

/// "unknown candidate `x`", with the closest id as a suggestion.
pub fn unknown_candidate(id: &str, candidates: &[Candidate]) -> String {
    match closest(id, candidates.iter().map(|c| c.id.as_str())) {
        Some(best) => format!("unknown candidate `{id}`: did you mean `{best}`?"),
        None => format!("unknown candidate `{id}`: no candidate has this id"),
    }
}
