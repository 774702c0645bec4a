//! Everything tally prints without the interactive viewer: the count as a table, JSON or
//! CSV, the list of embedded contests, and the comparison across contests.
//!
//! Reports are plain functions from loaded contests to a `String`. Every string that came
//! from a dataset is passed through `text::clean` here, so nothing in a file can reach the
//! terminal raw.

pub mod compare;
pub mod csv;
pub mod json;
pub mod list;
pub mod systems;
pub mod table;
pub mod text;
