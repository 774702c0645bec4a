//! The election data model: what a contest is, as read from a dataset file.
//!
//! These are plain serde types with no terminal code and no counting logic. A contest is
//! parsed by [`parse`], checked for internal consistency by [`validate`], and counted by
//! `crate::count`. The JSON format they define is documented in `docs/dataset-format.md`.

pub mod contest;
pub mod dates;
pub mod diagnostic;
pub mod parse;
pub mod validate;
pub mod votes;

pub use contest::*;
pub use diagnostic::{Diagnostic, Location, Severity};
pub use votes::{VoteMap, Votes};
