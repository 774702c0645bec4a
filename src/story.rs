//! The words: everything tally says about a count, in sentences and phrases, derived from
//! the counted contest and never from the screen.
//!
//! [`words`] (round titles, names, dates, the method's vocabulary), [`summary`] (turnout
//! with its basis, party shares: the facts several outputs need, derived once), [`narrate`]
//! (the count in plain sentences), [`present`] (presenter mode's script) and [`explain`]
//! (how the methods work, told with the contest). The viewer, the reports and the presenter
//! all take their words from here. [`areas`] is the results-by-area table, and [`tables`]
//! holds what the viewer draws from a contest, worked out once when it is loaded.

pub mod against;
pub mod areas;
pub mod explain;
#[cfg(test)]
pub mod fixtures;
pub mod narrate;
pub mod present;
pub mod published;
pub mod rules;
pub mod summary;
pub mod tables;
pub mod words;
