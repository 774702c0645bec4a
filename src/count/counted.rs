//! The counted contest: a checked contest with its count and what is worth knowing about
//! it. The hub of tally: every reader's contest becomes one of these, and every report, view
//! and story is drawn from one, so what is shown has always been counted and checked.

use crate::count::{self, Count, Outcome, TieKind};
use crate::model::{Contest, Diagnostic, VotingSystem};

/// A contest, counted.
#[derive(Debug, Clone)]
pub struct Counted {
    pub contest: Contest,
    pub count: Count,
    /// Things worth knowing that do not make the data wrong: the reader's warnings, then
    /// the count's (an incomplete count, each tie broken).
    pub warnings: Vec<Diagnostic>,
}

impl Counted {
    /// A contest with a count made elsewhere (from ballots), with the count's warnings.
    pub fn with_count(
        contest: Contest,
        count: Count,
        mut warnings: Vec<Diagnostic>,
    ) -> Result<Counted, Vec<Diagnostic>> {
        warnings.extend(count_warnings(&contest, &count));
        Ok(Counted {
            contest,
            count,
            warnings,
        })
    }

    /// Count a checked contest. `warnings` are the reader's, kept with the result. On
    /// failure, the count's errors and then those warnings.
    pub fn new(
        contest: Contest,
        mut warnings: Vec<Diagnostic>,
    ) -> Result<Counted, Vec<Diagnostic>> {
        match count::count(&contest) {
            Ok(count) => {
                warnings.extend(count_warnings(&contest, &count));
                Ok(Counted {
                    contest,
                    count,
                    warnings,
                })
            }
            Err(mut errors) => {
                errors.extend(warnings);
                Err(errors)
            }
        }
    }
}

/// What `tally check` should mention about a count that is valid but notable.
fn count_warnings(contest: &Contest, count: &Count) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if count.outcome == Outcome::Incomplete {
        let what = match contest.method.system() {
            VotingSystem::SupplementaryVote => "`second_round` is not given",
            _ => "no further `rounds` are given",
        };
        out.push(Diagnostic::warning(
            "",
            format!(
                "nobody has more than half of the votes and {what}: the count stops after round {}",
                count.rounds.len()
            ),
        ));
    }
    for round in &count.rounds {
        for tie in &round.tie_breaks {
            let names: Vec<_> = tie
                .tied
                .iter()
                .map(|&i| crate::text::clean(&contest.candidates[i].name))
                .collect();
            let what = match tie.kind {
                TieKind::SecondPlace => "second place",
                TieKind::Elimination => "elimination",
                TieKind::Winner => "first place",
            };
            // A count tally made itself says how its rules broke the tie.
            let how = match &contest.method {
                crate::model::Method::Published(p) => p.tabulation.as_ref().and_then(|t| {
                    let mut tied = tie.tied.clone();
                    tied.sort_unstable();
                    p.rounds
                        .get(round.number - 1)?
                        .ties
                        .iter()
                        .find(|pt| {
                            let mut those = pt.tied.clone();
                            those.sort_unstable();
                            those == tied
                        })?
                        .broken_by
                        .map(|by| t.broken_by(by))
                }),
                _ => None,
            };
            out.push(Diagnostic::warning(
                "",
                format!(
                    "round {}: a tie for {what} between `{}` was broken {}",
                    round.number,
                    names.join("`, `"),
                    how.as_deref().unwrap_or(tie.rule.describe())
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::published::testing::{candidate, contest_of, published, round};

    #[test]
    fn a_tie_warning_names_the_candidates_cleaned() {
        // B and C tie for last on 2; C is eliminated as published.
        let mut r1 = round(&[Some("5"), Some("2"), Some("2")]);
        r1.eliminated = vec![2];
        let mut r2 = round(&[Some("7"), Some("2"), None]);
        r2.elected = vec![0];
        let candidates = vec![
            candidate("a", "Ann"),
            candidate("bob-long-id", "Bob \u{1b}[31mRed"),
            candidate("cy", "Cy Twombly"),
        ];
        let p = published(VotingSystem::InstantRunoff, vec![r1, r2]);
        let l = Counted::new(contest_of(candidates, 1, p), Vec::new()).unwrap();
        let ties: Vec<&str> = l
            .warnings
            .iter()
            .map(|w| w.message.as_str())
            .filter(|m| m.contains("a tie"))
            .collect();
        assert_eq!(ties.len(), 1, "{:?}", l.warnings);
        let t = ties[0];
        assert!(
            t.starts_with("round 1: a tie for elimination between `Bob "),
            "{t}"
        );
        assert!(t.contains("Red`, `Cy Twombly` was broken"), "{t}");
        assert!(!t.contains('\u{1b}') && !t.contains("bob-long-id"), "{t}");
    }
}
