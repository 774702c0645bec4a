//! Vote counts and maps of candidate id to votes, with the error messages people need.
//!
//! serde's defaults would accept a repeated key in a JSON object silently (the last one wins)
//! and describe `-5` as "invalid value: integer `-5`, expected u64". A results file is
//! written by people, so these types reject duplicates and say plainly what is wrong.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number of votes or ballots, 0 or more, held exactly to a millionth of a vote.
///
/// Every figure in a count is one of these, never a bare integer, so that the one place
/// that knows how votes are held is here. Ballots are whole, but a published count of the
/// single transferable vote moves fractions of votes (RCTab writes four decimal places,
/// Scottish counts five, OpaVote up to six), and a threshold may be a half (400,814.5).
/// So a vote is held as a whole number of millionths: exact for every published figure,
/// added and compared as integers, and printed with only the decimals it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Votes(u64);

/// Millionths in one vote.
const SCALE: u64 = 1_000_000;

/// The most decimal places a figure may have.
pub const DECIMALS: usize = 6;

impl Votes {
    pub const ZERO: Votes = Votes(0);
    /// The largest figure tally holds: 18,446,744,073,709.551615 votes.
    pub const MAX: Votes = Votes(u64::MAX);
    /// The most whole votes a figure may be: 18,446,744,073,709.
    pub const MAX_WHOLE: u64 = u64::MAX / SCALE;

    /// `whole` votes; [`Votes::MAX`] when that is more than tally holds (see
    /// [`Votes::checked_whole`] to refuse instead).
    pub const fn new(whole: u64) -> Self {
        Votes(whole.saturating_mul(SCALE))
    }

    /// `whole` votes, or `None` when that is more than [`Votes::MAX_WHOLE`].
    pub const fn checked_whole(whole: u64) -> Option<Self> {
        match whole.checked_mul(SCALE) {
            Some(raw) => Some(Votes(raw)),
            None => None,
        }
    }

    /// The number of whole votes, any fraction dropped: for figures that are whole by
    /// nature (ballots, electorates). Print votes with `Display` or [`Votes::plain`], which
    /// keep the fraction.
    pub const fn get(self) -> u64 {
        self.0 / SCALE
    }

    /// Millionths of a vote: for exact sums wider than a `Votes` (`u128`).
    pub const fn raw(self) -> u64 {
        self.0
    }

    /// From millionths of a vote.
    pub const fn from_raw(raw: u64) -> Self {
        Votes(raw)
    }

    /// Whether this is a whole number of votes.
    pub const fn is_whole(self) -> bool {
        self.0.is_multiple_of(SCALE)
    }

    /// For shares and drawing.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
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
        (!whole.is_zero()).then(|| self.0 as f64 * 100.0 / whole.0 as f64)
    }

    /// More than half of these votes: the whole votes of half, plus one (RCTab's
    /// single-winner threshold, and tally's: 7 of 13, 7 of 12).
    pub fn majority(self) -> Votes {
        Votes::new(self.get() / 2 + 1)
    }

    /// A decimal as a results file writes it: `"38852"`, `"8.8832"`, `"400814.5"`, exactly.
    ///
    /// No sign, exponent or separators; at most six decimal places that are not zero.
    /// The error says what is wrong, for the reader to put beside the file and place.
    pub fn parse_decimal(text: &str) -> Result<Votes, String> {
        let t = text.trim();
        let (whole, fraction) = match t.split_once('.') {
            Some((w, f)) => (w, f),
            None => (t, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if t.is_empty()
            || whole.is_empty() && fraction.is_empty()
            || !digits(whole)
            || !digits(fraction)
        {
            // `-729.0` is a number, only one no count can be.
            let negative = whole.strip_prefix('-').is_some_and(|w| {
                digits(w) && !(w.is_empty() && fraction.is_empty()) && digits(fraction)
            });
            return Err(if negative {
                format!(
                    "`{}` is below 0: a count of votes cannot be negative",
                    crate::text::clean(text)
                )
            } else {
                format!(
                    "`{}` is not a number: expected a number of votes such as 1200 or 8.8832",
                    crate::text::clean(text)
                )
            });
        }
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > DECIMALS {
            return Err(format!(
                "`{t}` has more than {DECIMALS} decimal places, more than tally holds"
            ));
        }
        let whole: u64 = if whole.is_empty() {
            0
        } else {
            whole
                .trim_start_matches('0')
                .parse()
                .or_else(|e: std::num::ParseIntError| {
                    if whole.trim_start_matches('0').is_empty() {
                        Ok(0)
                    } else {
                        Err(e)
                    }
                })
                .map_err(|_| too_large(t))?
        };
        let mut millionths = 0u64;
        for (k, b) in fraction.bytes().enumerate() {
            millionths += u64::from(b - b'0') * 10u64.pow((DECIMALS - 1 - k) as u32);
        }
        Votes::checked_whole(whole)
            .and_then(|w| w.checked_add(Votes(millionths)))
            .ok_or_else(|| too_large(t))
    }

    /// Without thousands separators: `1863671`, `8.8832`, for CSV and other machine text.
    pub fn plain(self) -> String {
        let whole = self.get().to_string();
        match self.fraction_digits() {
            Some(f) => format!("{whole}.{f}"),
            None => whole,
        }
    }

    /// The decimals of a fractional figure, trailing zeros dropped; `None` when whole.
    fn fraction_digits(self) -> Option<String> {
        let f = self.0 % SCALE;
        (f != 0).then(|| {
            format!("{f:0width$}", width = DECIMALS)
                .trim_end_matches('0')
                .to_string()
        })
    }
}

fn too_large(text: &str) -> String {
    format!(
        "`{}` is too large for a count of votes (at most {})",
        crate::text::clean(text),
        crate::text::thousands(Votes::MAX_WHOLE)
    )
}

impl From<u64> for Votes {
    /// Whole votes (saturating at [`Votes::MAX`]).
    fn from(v: u64) -> Self {
        Votes::new(v)
    }
}

impl PartialEq<u64> for Votes {
    fn eq(&self, other: &u64) -> bool {
        other.checked_mul(SCALE) == Some(self.0)
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

/// `1,863,671`: with thousands separators, as every output prints votes; a fraction keeps
/// its decimals (`1,234.5`, `8.8832`).
impl fmt::Display for Votes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::text::thousands(self.get()))?;
        if let Some(d) = self.fraction_digits() {
            write!(f, ".{d}")?;
        }
        Ok(())
    }
}

/// A whole figure as a JSON integer; a fraction as a JSON number written as its decimal,
/// exactly (`0.000004`, where a double would print `4e-6`). Votes are only written as JSON:
/// the decimal goes through serde_json's `RawValue`, which another serializer would take for
/// a struct; `serde_json::to_value` reads it as the number it is.
impl Serialize for Votes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_whole() {
            s.serialize_u64(self.get())
        } else {
            match serde_json::value::RawValue::from_string(self.plain()) {
                Ok(raw) => raw.serialize(s),
                Err(_) => s.serialize_f64(self.as_f64()),
            }
        }
    }
}

struct VotesVisitor;

impl Visitor<'_> for VotesVisitor {
    type Value = Votes;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number of votes (0 or more)")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Votes, E> {
        Votes::checked_whole(v).ok_or_else(|| E::custom(too_large(&v.to_string())))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Votes, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(E::custom(format!(
                "negative number {v}: a count of votes cannot be below 0"
            ))),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Votes, E> {
        // serde_json reads an integer too large for 64 bits as a float.
        if v.fract() == 0.0 && v.abs() >= u64::MAX as f64 {
            let sign = if v < 0.0 { "negative and " } else { "" };
            return Err(E::custom(format!(
                "this number is {sign}too large for a count of votes (at most {})",
                crate::text::thousands(Votes::MAX_WHOLE)
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
        assert_eq!(serde_json::from_str::<Votes>("12").unwrap(), Votes::new(12));
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
        let m: VoteMap = [("a", Votes::MAX_WHOLE), ("b", 1)].into_iter().collect();
        assert_eq!(m.total(), None);
    }

    #[test]
    fn decimals_parse_exactly_and_print_as_published() {
        let v = |s| Votes::parse_decimal(s).unwrap();
        assert_eq!(v("38852"), Votes::new(38852));
        assert_eq!(v("8.8832").to_string(), "8.8832");
        assert_eq!(v("400814.5").to_string(), "400,814.5");
        assert_eq!(v("400814.5").plain(), "400814.5");
        assert_eq!(v("13.000000"), Votes::new(13));
        assert_eq!(v("0.000001"), Votes::from_raw(1));
        assert_eq!(v("0.1") + v("0.2"), v("0.3"));
        assert_eq!(v(".5"), v("0.5"));
        assert_eq!(v("007"), Votes::new(7));
        assert_eq!(v("18446744073709"), Votes::new(Votes::MAX_WHOLE));
        for bad in ["", ".", "-1", "1e5", "1,000", "1.2.3", "0x10", " ", "+3"] {
            assert!(Votes::parse_decimal(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            Votes::parse_decimal("-729.0").unwrap_err(),
            "`-729.0` is below 0: a count of votes cannot be negative"
        );
        for bad in ["-", "-.", "--1", "-x"] {
            let e = Votes::parse_decimal(bad).unwrap_err();
            assert!(e.contains("is not a number"), "{bad:?}: {e}");
        }
        let e = Votes::parse_decimal("1.0000001").unwrap_err();
        assert!(e.contains("more than 6 decimal places"), "{e}");
        let e = Votes::parse_decimal("18446744073710").unwrap_err();
        assert!(e.contains("too large"), "{e}");
        let e = Votes::parse_decimal("99999999999999999999999").unwrap_err();
        assert!(e.contains("too large"), "{e}");
    }

    #[test]
    fn fractions_serialise_as_numbers_with_their_decimals() {
        let v = Votes::parse_decimal("8.8832").unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), "8.8832");
        // Small fractions keep their decimals (a double would print `4e-6`), pretty or not,
        // and read back as the same number.
        let tiny = Votes::parse_decimal("0.000004").unwrap();
        assert_eq!(serde_json::to_string(&tiny).unwrap(), "0.000004");
        assert_eq!(
            serde_json::to_string_pretty(&[tiny]).unwrap(),
            "[\n  0.000004\n]"
        );
        assert_eq!(
            serde_json::to_value(tiny).unwrap(),
            serde_json::json!(0.000004)
        );
        assert_eq!(serde_json::to_string(&Votes::new(12)).unwrap(), "12");
        assert_eq!(Votes::new(12), 12u64);
        assert_ne!(v, 8u64);
        assert_eq!(Votes::new(7).majority(), Votes::new(4));
        assert_eq!(Votes::new(12).majority(), Votes::new(7));
    }
}
