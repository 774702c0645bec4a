//! The election data model: what a contest is, checked, whatever file it came from.
//!
//! Plain types with no terminal code, no I/O and no counting logic: a [`Contest`] with its
//! candidates, figures and counting [`Method`], parties as one series across contests
//! ([`party`]), the vote counts ([`Votes`]), candidate ids
//! ([`ids`]), and the [`Diagnostic`] every reader reports problems with. Readers (`import`)
//! build these from files; the engine (`count`) counts them.

pub mod ballots;
pub mod contest;
pub mod cvr;
pub mod dates;
pub mod diagnostic;
pub mod ids;
pub mod method;
pub mod party;
pub mod published;
pub mod rules;
pub mod votes;

pub use contest::*;
pub use diagnostic::{Diagnostic, Location, Severity};
pub use method::{Method, VotingSystem};
pub use party::Standing;
pub use published::{InactiveKinds, Published, PublishedRound, PublishedTie, PublishedTransfer};
pub use votes::{VoteMap, Votes};
