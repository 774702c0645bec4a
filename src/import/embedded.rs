//! The London mayoral elections 2000–2024, compiled into the binary.
//!
//! The JSON files in `assets/` are embedded with `include_str!`, so `tally` works from any
//! directory with no files around it. Each file cites its sources and carries its notes.

use super::OpenError;
use crate::count::Counted;

/// One embedded dataset.
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    pub id: &'static str,
    /// Its file in `assets/`.
    pub file: &'static str,
    pub json: &'static str,
    /// Highlighted in the Elections view from the start: the comparison the embedded set
    /// is studied for (London's 2004, 2008 and 2012), which `t` changes.
    pub highlighted: bool,
}

macro_rules! embedded {
    ($($id:literal $highlighted:literal),* $(,)?) => {
        &[$(Embedded {
            id: $id,
            file: concat!("assets/", $id, ".json"),
            json: include_str!(concat!("../../assets/", $id, ".json")),
            highlighted: $highlighted,
        }),*]
    };
}

/// Every embedded contest, oldest first.
pub const ALL: &[Embedded] = embedded!(
    "london-2000" false,
    "london-2004" true,
    "london-2008" true,
    "london-2012" true,
    "london-2016" false,
    "london-2021" false,
    "london-2024" false,
);

/// Whether a contest is highlighted from the start: an embedded one the set marks so.
pub fn highlighted(id: &str) -> bool {
    get(id).is_some_and(|e| e.highlighted)
}

/// The contest shown when none is named.
pub const DEFAULT: &str = "london-2004";

pub fn get(id: &str) -> Option<&'static Embedded> {
    ALL.iter().find(|e| e.id == id)
}

impl Embedded {
    /// Parse, validate and count. The embedded files are checked by the test suite, so a
    /// failure here is a bug in tally, reported as an error all the same.
    pub fn load(&self) -> Result<Counted, OpenError> {
        super::dataset::from_str(self.json).map_err(|diagnostics| OpenError::Invalid {
            file: self.file.to_string(),
            diagnostics,
        })
    }
}

/// Every embedded contest, loaded.
pub fn load_all() -> Result<Vec<Counted>, OpenError> {
    ALL.iter().map(Embedded::load).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_dataset_loads_without_warnings_and_has_its_own_id() {
        for e in ALL {
            let loaded = e.load().unwrap_or_else(|err| panic!("{err}"));
            assert_eq!(loaded.contest.id, e.id);
            let warnings: Vec<String> = loaded.warnings.iter().map(|d| d.render(e.file)).collect();
            assert!(warnings.is_empty(), "{warnings:#?}");
            assert!(
                !loaded.contest.sources.is_empty(),
                "{} cites no sources",
                e.id
            );
        }
    }
}
