//! The London mayoral elections 2000–2024, compiled into the binary.
//!
//! The JSON files in `assets/` are embedded with `include_str!`, so `tally` works from any
//! directory with no files around it. Each file cites its sources and carries its notes.

use std::path::Path;

use crate::load::{self, LoadError, Loaded};

/// One embedded dataset.
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    pub id: &'static str,
    /// Its file in `assets/`.
    pub file: &'static str,
    pub json: &'static str,
}

macro_rules! embedded {
    ($($id:literal),* $(,)?) => {
        &[$(Embedded { id: $id, file: concat!("assets/", $id, ".json"), json: include_str!(concat!("../assets/", $id, ".json")) }),*]
    };
}

/// Every embedded contest, oldest first.
pub const ALL: &[Embedded] = embedded!(
    "london-2000",
    "london-2004",
    "london-2008",
    "london-2012",
    "london-2016",
    "london-2021",
    "london-2024",
);

/// The contest shown when none is named.
pub const DEFAULT: &str = "london-2004";

pub fn get(id: &str) -> Option<&'static Embedded> {
    ALL.iter().find(|e| e.id == id)
}

impl Embedded {
    /// Parse, validate and count. The embedded files are checked by the test suite, so a
    /// failure here is a bug in tally, reported as an error all the same.
    pub fn load(&self) -> Result<Loaded, LoadError> {
        load::from_str(self.json).map_err(|diagnostics| LoadError::Invalid {
            file: self.file.to_string(),
            diagnostics,
        })
    }
}

/// Every embedded contest, loaded.
pub fn load_all() -> Result<Vec<Loaded>, LoadError> {
    ALL.iter().map(Embedded::load).collect()
}

/// A contest to open as the viewer would: an embedded id opens among all the embedded
/// contests, at its place (so `[`, `]` and the Elections view have the others); a file opens
/// alone. Returns the contests and the index of the named one.
pub fn open(name: &str) -> Result<(Vec<Loaded>, usize), LoadError> {
    match ALL.iter().position(|e| e.id == name) {
        Some(index) => Ok((load_all()?, index)),
        None => Ok((vec![resolve(name)?], 0)),
    }
}

/// A contest named on the command line: an embedded id, or a path to a dataset file.
pub fn resolve(name: &str) -> Result<Loaded, LoadError> {
    if let Some(e) = get(name) {
        return e.load();
    }
    let path = Path::new(name);
    if path.exists() {
        return load::from_file(path);
    }
    let suggestion = crate::model::parse::closest(name, ALL.iter().map(|e| e.id));
    Err(LoadError::NotFound {
        name: name.to_string(),
        suggestion,
    })
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

    #[test]
    fn open_places_an_embedded_contest_among_the_others_and_a_file_alone() {
        let (all, index) = open("london-2012").unwrap();
        assert_eq!(
            (all.len(), all[index].contest.id.as_str()),
            (ALL.len(), "london-2012")
        );
        let dir = std::env::temp_dir().join(format!("tally-open-{}.json", std::process::id()));
        std::fs::write(&dir, get("london-2008").unwrap().json).unwrap();
        let (one, index) = open(&dir.display().to_string()).unwrap();
        let _ = std::fs::remove_file(&dir);
        assert_eq!((one.len(), index), (1, 0));
    }

    #[test]
    fn unknown_names_suggest_an_embedded_id() {
        match resolve("london-2005") {
            Err(LoadError::NotFound { suggestion, .. }) => assert!(suggestion.is_some()),
            other => panic!("{other:?}"),
        }
    }
}
