//! Reading one element of a streamed JSON array at a time (a CDF report's `CVR`, a Dominion
//! export's `Sessions`) while knowing where a value that cannot be read is: the JSON path
//! after the element's own place (`CVR[12].CVRSnapshot[0].CVRContest`), for the message.

use serde::de::{Deserialize, DeserializeSeed, Deserializer};

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
