//! Walking a streamed JSON array one element at a time (a CDF report's `CVR`, a Dominion
//! export's `Sessions`), knowing where a value that cannot be read is (the JSON path after
//! the element's own place: `CVR[12].CVRSnapshot[0].CVRContest`), and saying why the walk
//! stopped, in the same words for both readers.

use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeOwned, DeserializeSeed, Deserializer, SeqAccess, Visitor,
};

use crate::text::clean;

/// Why a walk stopped: the reader's own message (the whole message after the file name), or
/// the JSON path where serde met a data error.
#[derive(Debug, Default)]
pub(super) struct Stop {
    pub message: Option<String>,
    pub place: Option<String>,
}

impl Stop {
    /// The message for an error that stopped the walk of `file`.
    pub fn explain(&self, file: &str, e: &serde_json::Error) -> String {
        let file = clean(file);
        if let Some(m) = &self.message {
            return format!("{file}: {m}");
        }
        use serde_json::error::Category;
        let full = e.to_string();
        let said = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(m, _)| m);
        match e.classify() {
            Category::Data => match &self.place {
                Some(place) => format!("{file}: {place}: {said}"),
                None => format!("{file}: {said} (line {}, column {})", e.line(), e.column()),
            },
            Category::Eof => format!(
                "{file}:{}:{}: {said} (the file ends too soon: is it complete?)",
                e.line(),
                e.column().max(1)
            ),
            _ => format!("{file}:{}:{}: {said}", e.line(), e.column().max(1)),
        }
    }
}

/// What takes the elements of a streamed array, each read whole.
pub(super) trait Elements {
    type Item: DeserializeOwned;
    fn stop(&mut self) -> &mut Stop;
    /// Element `i`, kept or counted; or why the whole file is refused.
    fn take(&mut self, i: usize, item: Self::Item) -> Result<(), String>;
}

/// A JSON array named `key` (`CVR`), described as `what` ("a list of cast vote records"),
/// handed to `state` one element at a time, each dropped before the next is read.
pub(super) struct Each<'s, S> {
    pub state: &'s mut S,
    pub key: &'static str,
    pub what: &'static str,
}

impl<'de, S: Elements> DeserializeSeed<'de> for Each<'_, S> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: Elements> Visitor<'de> for Each<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.what)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let state = self.state;
        let mut i = 0usize;
        loop {
            let prefix = format!("{}[{i}]", self.key);
            let next = seq.next_element_seed(Tracked::<S::Item> {
                prefix: &prefix,
                place: &mut state.stop().place,
                kind: std::marker::PhantomData,
            })?;
            let Some(item) = next else { break };
            if let Err(m) = state.take(i, item) {
                state.stop().message = Some(m);
                return Err(de::Error::custom("refused"));
            }
            i += 1;
        }
        Ok(())
    }
}

/// A value read whole, whose path is recorded (after `prefix`) when it cannot be read.
pub(super) struct Tracked<'p, T> {
    pub prefix: &'p str,
    pub place: &'p mut Option<String>,
    pub kind: std::marker::PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Tracked<'_, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        let mut track = serde_path_to_error::Track::new();
        T::deserialize(serde_path_to_error::Deserializer::new(d, &mut track)).inspect_err(|_| {
            let path = track.path().to_string();
            *self.place = Some(if path == "." {
                self.prefix.to_string()
            } else if path.starts_with('[') {
                format!("{}{path}", self.prefix)
            } else {
                format!("{}.{path}", self.prefix)
            });
        })
    }
}
