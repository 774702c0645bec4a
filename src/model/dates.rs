//! Dates and times in dataset files, with messages that say what was expected.
//!
//! chrono's own errors ("input is out of range") do not tell a person that 30 February does
//! not exist or that dates are written YYYY-MM-DD; these deserializers do.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::Error;
use serde::{Deserialize, Deserializer};

fn parse_date<E: Error>(s: &str) -> Result<NaiveDate, E> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(E::custom(format!(
            "{s:?} is not a date in the form YYYY-MM-DD (e.g. \"2004-06-10\")"
        )));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        E::custom(format!(
            "{s:?} is not a real date: there is no such day in that month"
        ))
    })
}

fn parse_date_time<E: Error>(s: &str) -> Result<DateTime<FixedOffset>, E> {
    DateTime::parse_from_rfc3339(s).map_err(|_| {
        E::custom(format!(
            "{s:?} is not a date and time with its UTC offset, e.g. \"2016-05-06T23:41:07+01:00\""
        ))
    })
}

pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    parse_date(&String::deserialize(d)?)
}

pub fn option_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| parse_date(&s))
        .transpose()
}

pub fn option_date_time<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| parse_date_time(&s))
        .transpose()
}

/// A date as other tabulators write it: `2024-11-05` (or a date and time starting so), or
/// `11/5/2024`.
pub fn parse_loose(text: &str) -> Option<chrono::NaiveDate> {
    let t = text.trim();
    if let Some(d) = t
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    chrono::NaiveDate::parse_from_str(t, "%m/%d/%Y").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_a_date_looks_like() {
        let e = parse_date::<serde_json::Error>("10/06/2004")
            .unwrap_err()
            .to_string();
        assert!(e.contains("form YYYY-MM-DD"), "{e}");
        let e = parse_date::<serde_json::Error>("2004-02-30")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a real date"), "{e}");
        assert!(parse_date::<serde_json::Error>("2004-02-29").is_ok());
        let e = parse_date_time::<serde_json::Error>("2016-05-06 23:41")
            .unwrap_err()
            .to_string();
        assert!(e.contains("UTC offset"), "{e}");
    }
}
