//! Parties as one series across contests: which candidates stand for a party, and the
//! stable id that says two labels are the same party.
//!
//! A party's label on the ballot changes ("London Real" in 2021, "London Real Party" in
//! 2024), so comparing contests by label splits one party in two; and "Independent" is a
//! description, not a party, so summing every independent as one party (and giving that sum
//! a "change" between different people) misleads. A candidate's `party_id` says which party
//! they stand for, the same id in every contest; an independent has none and is counted as
//! themself. Datasets may give `party_id` (the embedded ones always do); when it is absent it
//! is derived from the label ([`derive_id`]), so the same label is the same party.
//! `docs/dataset-format.md` documents the ids and the rules.

use super::contest::Candidate;

/// A label that means "stands for no party": empty, `Independent`, `Independent (no
/// description)`, `No description`, `Non-party`, `No party` (case and spacing aside). A
/// party whose name merely contains the word ("Independent Working Class Association") is
/// a party.
pub fn is_independent(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
    matches!(
        l.as_str(),
        "" | "independent"
            | "independent (no description)"
            | "independent candidate"
            | "no description"
            | "non-party"
            | "no party"
    )
}

/// The id of a party with no id given: its label in lower case, letters and digits, words
/// joined by `-`, without a leading "the" or a trailing "party", so "London Real Party" and
/// "London Real" are `london-real`. `None` for an independent ([`is_independent`]).
pub fn derive_id(label: &str) -> Option<String> {
    if is_independent(label) {
        return None;
    }
    let lower = label.to_lowercase();
    let mut words: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if words.len() > 1 && words.first().is_some_and(|w| w == "the") {
        words.remove(0);
    }
    if words.len() > 1 && words.last().is_some_and(|w| w == "party") {
        words.pop();
    }
    if words.is_empty() {
        // A label of punctuation (or control characters) only: an id from its bytes, the
        // same for the same label, and safe to print anywhere.
        let hex: String = label.trim().bytes().map(|b| format!("{b:02x}")).collect();
        return Some(format!("x-{hex}"));
    }
    Some(words.join("-"))
}

/// Who a candidate's votes count for across contests.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Standing {
    /// A party, by its id: one series across contests.
    Party(String),
    /// An independent (or a candidate with no party): themself alone, in one contest.
    Independent,
}

impl Candidate {
    /// Whom this candidate stands for: the party by id, or themself.
    pub fn standing(&self) -> Standing {
        match &self.party_id {
            Some(id) => Standing::Party(id.clone()),
            None => Standing::Independent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn independents_are_recognised_but_parties_with_the_word_are_not() {
        for l in [
            "",
            "Independent",
            " independent ",
            "Independent (no description)",
            "No  description",
        ] {
            assert!(is_independent(l), "{l:?}");
            assert_eq!(derive_id(l), None);
        }
        assert!(!is_independent("Independent Working Class Association"));
        assert_eq!(
            derive_id("Independent Working Class Association").as_deref(),
            Some("independent-working-class-association")
        );
    }

    #[test]
    fn derived_ids_join_the_same_party_under_slightly_different_labels() {
        assert_eq!(derive_id("London Real").as_deref(), Some("london-real"));
        assert_eq!(
            derive_id("London Real Party").as_deref(),
            Some("london-real")
        );
        assert_eq!(derive_id("The Green Party").as_deref(), Some("green"));
        assert_eq!(
            derive_id("Women's Equality Party").as_deref(),
            Some("women-s-equality")
        );
        assert_eq!(derive_id("Party").as_deref(), Some("party"));
        assert_eq!(derive_id("***").as_deref(), Some("x-2a2a2a"));
        assert_eq!(derive_id("\u{202e}\u{1b}").as_deref(), Some("x-e280ae1b"));
        assert_eq!(derive_id("Siân's Ñ").as_deref(), Some("siân-s-ñ"));
    }
}
