//! (to be written: counting cast vote records under RCTab's rules)

use crate::model::cvr::CastVoteRecords;
use crate::model::published::Published;
use crate::model::rules::RcvRules;

/// Count `records` under `rules`, round by round, as RCTab would: the rounds as a
/// [`Published`] count with `tabulation` set (rules, files), or why they cannot be counted.
pub fn tabulate(_records: &CastVoteRecords, _rules: &RcvRules) -> Result<Published, String> {
    Err("not counted yet".into())
}
