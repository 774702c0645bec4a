//! The JSON layer of the RCTab reader: objects read entry by entry, in order and with a key
//! given twice kept twice (so a name repeated in a tally is found, not silently overwritten),
//! and every value borrowed as written ([`RawValue`]), so that a number is read from its
//! text, `"8.8832"` or `400814.5` alike, exactly and never through a float.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::model::{Diagnostic, Votes};

/// A JSON object's entries, in order, repeated keys included.
#[derive(Debug, Default)]
pub struct Entries<'a>(pub Vec<(String, &'a RawValue)>);

impl<'a> Entries<'a> {
    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// These entries, if no key is given twice: a field of the format's given twice is
    /// ambiguous (which one counts?), so it is an error naming the field.
    pub fn unique(self, path: &str) -> Result<Self, Diagnostic> {
        let mut seen = std::collections::HashSet::with_capacity(self.0.len());
        for (k, _) in &self.0 {
            if !seen.insert(k.as_str()) {
                let at = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                return Err(Diagnostic::error(at, format!("`{k}` is given twice")));
            }
        }
        Ok(self)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Entries<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Entries<'a>, M::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'a RawValue = map.next_value()?;
                    out.push((key, value));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// What a JSON value is, from its first character, for messages.
pub fn what(raw: &RawValue) -> &'static str {
    match raw.get().trim_start().bytes().next() {
        Some(b'{') => "an object",
        Some(b'[') => "a list",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "true or false",
        Some(b'n') => "null",
        _ => "a number",
    }
}

fn wrong(path: &str, expected: &str, raw: &RawValue) -> Diagnostic {
    Diagnostic::error(path, format!("expected {expected}, found {}", what(raw)))
}

fn starts(raw: &RawValue, c: u8) -> bool {
    raw.get().trim_start().as_bytes().first() == Some(&c)
}

/// An object's entries, or a message naming `path`.
pub fn object<'a>(raw: &'a RawValue, path: &str) -> Result<Entries<'a>, Diagnostic> {
    if !starts(raw, b'{') {
        return Err(wrong(path, "an object `{ ... }`", raw));
    }
    serde_json::from_str(raw.get()).map_err(|e| Diagnostic::error(path, e.to_string()))
}

/// A list's items, or a message naming `path`.
pub fn array<'a>(raw: &'a RawValue, path: &str) -> Result<Vec<&'a RawValue>, Diagnostic> {
    if !starts(raw, b'[') {
        return Err(wrong(path, "a list `[ ... ]`", raw));
    }
    serde_json::from_str(raw.get()).map_err(|e| Diagnostic::error(path, e.to_string()))
}

/// A string, or a message naming `path`.
pub fn string(raw: &RawValue, path: &str) -> Result<String, Diagnostic> {
    if !starts(raw, b'"') {
        return Err(wrong(path, "a string", raw));
    }
    serde_json::from_str(raw.get()).map_err(|e| Diagnostic::error(path, e.to_string()))
}

/// Whether the value is `null`.
pub fn is_null(raw: &RawValue) -> bool {
    raw.get().trim() == "null"
}

/// A number of votes written as a JSON string (`"38852"`, `"8.8832"`) or number (`500`,
/// `400814.5`), read exactly from its text.
pub fn votes(raw: &RawValue, path: &str) -> Result<Votes, Diagnostic> {
    let text = raw.get().trim();
    let digits = if starts(raw, b'"') {
        string(raw, path)?
    } else if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        if text.contains(['e', 'E']) {
            return Err(Diagnostic::error(
                path,
                format!(
                    "`{text}` is written with an exponent: expected a number of votes such as 1200 or 8.8832"
                ),
            ));
        }
        text.to_string()
    } else {
        return Err(wrong(
            path,
            "a number of votes such as \"1200\" or 8.8832",
            raw,
        ));
    };
    Votes::parse_decimal(&digits).map_err(|m| Diagnostic::error(path, m))
}

/// A whole number (a round's number, a number of seats), as a JSON number or a string.
pub fn whole(raw: &RawValue, path: &str) -> Result<u64, Diagnostic> {
    let v = votes(raw, path)?;
    if v.is_whole() {
        Ok(v.get())
    } else {
        Err(Diagnostic::error(
            path,
            format!("expected a whole number, found {v}"),
        ))
    }
}

/// Parse a document's top level, or the serde_json error (for its line and column).
pub fn document(text: &str) -> Result<Entries<'_>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let entries = Entries::deserialize(&mut de)?;
    de.end()?;
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(s: &str) -> &RawValue {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn numbers_are_read_exactly_from_strings_and_numbers() {
        assert_eq!(votes(raw(r#""38852""#), "x").unwrap(), Votes::new(38852));
        assert_eq!(votes(raw("400814.5"), "x").unwrap().plain(), "400814.5");
        assert_eq!(votes(raw(r#""8.8832""#), "x").unwrap().plain(), "8.8832");
        assert_eq!(votes(raw("11347.0"), "x").unwrap(), Votes::new(11347));
        // 17 significant digits: a float would lose the last ones.
        assert_eq!(
            votes(raw("12345678901.123456"), "x").unwrap().plain(),
            "12345678901.123456"
        );
        let e = votes(raw("-5"), "results[0].tally.A").unwrap_err();
        assert_eq!(
            e.render("f.json"),
            "f.json: results[0].tally.A: `-5` is below 0: a count of votes cannot be negative"
        );
        assert!(
            votes(raw("1e5"), "x")
                .unwrap_err()
                .message
                .contains("exponent")
        );
        assert_eq!(
            votes(raw("null"), "x").unwrap_err().message,
            "expected a number of votes such as \"1200\" or 8.8832, found null"
        );
        assert!(votes(raw(r#""12 votes""#), "x").is_err());
    }

    #[test]
    fn objects_keep_order_and_repeated_keys() {
        let e = object(raw(r#"{"b": 1, "a": 2, "b": 3}"#), "x").unwrap();
        let keys: Vec<&str> = e.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a", "b"]);
        assert_eq!(e.get("b").unwrap().get(), "1");
        assert_eq!(
            object(raw("[1]"), "results[2].tally").unwrap_err().message,
            "expected an object `{ ... }`, found a list"
        );
    }
}
