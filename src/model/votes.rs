//! Vote counts and maps of candidate id to votes, with the error messages people need.
//!
//! serde's defaults would accept a repeated key in a JSON object silently (the last one wins)
//! and describe `-5` as "invalid value: integer `-5`, expected u64". A results file is
//! written by people, so these types reject duplicates and say plainly what is wrong.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number of votes or ballots, 0 or more.
///
/// Every figure in a count is one of these, never a bare integer, so that the one place
/// that knows how votes are held is here. Today they are whole numbers, held exactly; a
/// count with fractional transfers (single transferable vote surpluses, five decimal places
/// in Scottish counts) will change the inside of this type, not the engine or the views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Votes(u64);

impl Votes {
    pub const ZERO: Votes = Votes(0);
    pub const MAX: Votes = Votes(u64::MAX);

    pub const fn new(whole: u64) -> Self {
        Votes(whole)
    }

    /// The number of whole votes.
    pub const fn get(self) -> u64 {
        self.0
    }

    /// For shares and drawing.
    pub fn as_f64(self) -> f64 {
        self.0 as f64
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn checked_add(self, other: Votes) -> Option<Votes> {
        self.0.checked_add(other.0).map(Votes)
    }

    pub fn saturating_add(self, other: Votes) -> Votes {
        Votes(self.0.saturating_add(other.0))
    }

    /// `self - other`, or zero when `other` is larger.
    pub fn saturating_sub(self, other: Votes) -> Votes {
        Votes(self.0.saturating_sub(other.0))
    }

    /// These votes as a percentage of `whole`, or `None` when `whole` is none: the one
    /// formula for a share, a turnout or a part of an electorate.
    pub fn percent_of(self, whole: Votes) -> Option<f64> {
        (!whole.is_zero()).then(|| self.as_f64() * 100.0 / whole.as_f64())
    }

    /// More than half of these votes: the smallest number that is a majority of them.
    pub fn majority(self) -> Votes {
        Votes(self.0 / 2 + 1)
    }
}

impl From<u64> for Votes {
    fn from(v: u64) -> Self {
        Votes(v)
    }
}

/// Whole votes as a number, for printing and arithmetic outside the count (shares).
impl From<Votes> for u64 {
    fn from(v: Votes) -> u64 {
        v.0
    }
}

impl PartialEq<u64> for Votes {
    fn eq(&self, other: &u64) -> bool {
        self.0 == *other
    }
}

impl std::ops::Add for Votes {
    type Output = Votes;
    /// Sums in a count cannot overflow: every figure is a part of the valid votes, which
    /// are checked to fit when the count starts.
    fn add(self, other: Votes) -> Votes {
        Votes(self.0 + other.0)
    }
}

impl std::ops::AddAssign for Votes {
    fn add_assign(&mut self, other: Votes) {
        self.0 += other.0;
    }
}

impl std::ops::Sub for Votes {
    type Output = Votes;
    fn sub(self, other: Votes) -> Votes {
        Votes(self.0 - other.0)
    }
}

impl std::iter::Sum for Votes {
    fn sum<I: Iterator<Item = Votes>>(iter: I) -> Votes {
        iter.fold(Votes::ZERO, |a, b| a + b)
    }
}

impl<'a> std::iter::Sum<&'a Votes> for Votes {
    fn sum<I: Iterator<Item = &'a Votes>>(iter: I) -> Votes {
        iter.copied().sum()
    }
}

/// `1,863,671`: with thousands separators, as every output prints votes.
impl fmt::Display for Votes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::text::thousands(self.0))
    }
}

impl Serialize for Votes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0)
    }
}

struct VotesVisitor;

impl Visitor<'_> for VotesVisitor {
    type Value = Votes;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number of votes (0 or more)")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Votes, E> {
        Ok(Votes(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Votes, E> {
        u64::try_from(v).map(Votes).map_err(|_| {
            E::custom(format!(
                "negative number {v}: a count of votes cannot be below 0"
            ))
        })
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Votes, E> {
        // serde_json reads an integer too large for 64 bits as a float.
        if v.fract() == 0.0 && v.abs() >= u64::MAX as f64 {
            let sign = if v < 0.0 { "negative and " } else { "" };
            return Err(E::custom(format!(
                "this number is {sign}too large for a count of votes (at most {})",
                crate::text::thousands(u64::MAX)
            )));
        }
        Err(E::custom(format!("{v} is not a whole number of votes")))
    }
}

impl<'de> Deserialize<'de> for Votes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(VotesVisitor)
    }
}

/// An ordered map from a key (usually a candidate id) to votes, as a JSON object.
///
/// Order is kept as written. A key that appears twice is an error naming the key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VoteMap(pub Vec<(String, Votes)>);

impl VoteMap {
    /// The value for one key. This looks through the map: to look up many keys, iterate
    /// once instead.
    pub fn get(&self, key: &str) -> Option<Votes> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, Votes)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// The sum of all values, or `None` if it would overflow.
    pub fn total(&self) -> Option<Votes> {
        self.0
            .iter()
            .try_fold(Votes::ZERO, |acc, (_, v)| acc.checked_add(*v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Into<String>, V: Into<Votes>> FromIterator<(K, V)> for VoteMap {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        VoteMap(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

impl Serialize for VoteMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

struct VoteMapVisitor;

impl<'de> Visitor<'de> for VoteMapVisitor {
    type Value = VoteMap;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of candidate id to votes, e.g. {\"smith\": 1200}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<VoteMap, A::Error> {
        let mut out: Vec<(String, Votes)> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!(
                    "`{key}` appears twice in this object; give each key once"
                )));
            }
            let value: Votes = map.next_value()?;
            out.push((key, value));
        }
        Ok(VoteMap(out))
    }
}

impl<'de> Deserialize<'de> for VoteMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(VoteMapVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_accept_whole_numbers_and_explain_the_rest() {
        assert_eq!(serde_json::from_str::<Votes>("12").unwrap(), Votes(12));
        let neg = serde_json::from_str::<Votes>("-5").unwrap_err().to_string();
        assert!(neg.contains("negative number -5"), "{neg}");
        let frac = serde_json::from_str::<Votes>("3.5")
            .unwrap_err()
            .to_string();
        assert!(frac.contains("3.5 is not a whole number"), "{frac}");
        let text = serde_json::from_str::<Votes>("\"12\"")
            .unwrap_err()
            .to_string();
        assert!(text.contains("expected a whole number of votes"), "{text}");
    }

    #[test]
    fn vote_map_keeps_order_and_rejects_duplicates() {
        let m: VoteMap = serde_json::from_str(r#"{"b": 2, "a": 1}"#).unwrap();
        assert_eq!(m.keys().collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(m.total(), Some(Votes::new(3)));
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"b":2,"a":1}"#);
        let dup = serde_json::from_str::<VoteMap>(r#"{"a": 1, "a": 2}"#)
            .unwrap_err()
            .to_string();
        assert!(dup.contains("`a` appears twice"), "{dup}");
    }

    #[test]
    fn total_reports_overflow_as_none() {
        let m: VoteMap = [("a", u64::MAX), ("b", 1)].into_iter().collect();
        assert_eq!(m.total(), None);
    }
}
