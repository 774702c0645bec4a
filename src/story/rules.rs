//! The words for a count tally made itself from ballots under RCTab's rules (a
//! [`Tabulation`]): who counted it and from what, the ballots read per file, the blank
//! ballots, and each rule in words with RCTab's own name and value, so that the count can be
//! reproduced, in RCTab or with tally's options on a bare file.
//!
//! Every output takes these from here: the text report, `tally narrate` and `tally check`
//! (the lines), the rounds JSON (the settings as RCTab writes them), and the narration of
//! each round (why ballots became inactive, why several went out together, how a tie was
//! broken), through [`super::published`]. A count read from another tabulator's report has
//! no tabulation, and none of these words.

use crate::model::published::InactiveKinds;
use crate::model::published::Tabulation;
use crate::model::rules::{OvervoteRule, RcvRules, TiebreakMode};
use crate::model::{Contest, Published, Votes};
use crate::story::words::how_many;
use crate::text::{clean, thousands};

/// How tally counted the contest, when it counted it from ballots.
pub fn tabulation(c: &Contest) -> Option<&Tabulation> {
    super::published::published(c)?.tabulation.as_deref()
}

/// Every ballot read: the count's own total, else the files' sum.
fn total_read(p: &Published, t: &Tabulation) -> Votes {
    p.total_ballots
        .unwrap_or_else(|| t.files.iter().map(|f| f.ballots).sum())
}

/// "Counted by tally from 80,101 ballots in 1 file under RCTab's rules (Maine Rules;
/// configuration 2013_minneapolis_mayor_config.json)".
pub fn counted_by(p: &Published, t: &Tabulation) -> String {
    let mut about: Vec<String> = Vec::new();
    if let Some(d) = t.description.as_deref().filter(|d| !d.trim().is_empty()) {
        about.push(clean(d).into_owned());
    }
    if let Some(c) = &t.config {
        about.push(format!("configuration {}", clean(file_name(c))));
    }
    let about = if about.is_empty() {
        String::new()
    } else {
        format!(" ({})", about.join("; "))
    };
    format!(
        "Counted by tally from {} in {} under RCTab's rules{about}",
        how_many(total_read(p, t), "ballot", "ballots"),
        how_many(t.files.len() as u64, "file", "files"),
    )
}

/// A path's last part: the configuration as its folder's readers know it.
fn file_name(path: &str) -> &str {
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

/// The ballots read, file by file and in total (what RCTab asks an operator to confirm
/// before counting), then the blank ballots: "Ballots read: 80,101 from
/// 2013_minneapolis_mayor_cvr.xlsx", "Blank ballots (undervotes): 639, not counted, never
/// exhausted".
pub fn ballots_read(p: &Published, t: &Tabulation) -> Vec<String> {
    let mut out = Vec::new();
    match t.files.as_slice() {
        [one] => out.push(format!(
            "Ballots read: {} from {}",
            thousands(one.ballots),
            clean(&one.file)
        )),
        files => {
            out.push("Ballots read:".to_string());
            for f in files {
                out.push(format!("  {}: {}", clean(&f.file), thousands(f.ballots)));
            }
            out.push(format!("  Total: {}", thousands(total_read(p, t))));
        }
    }
    out.push(match p.undervotes {
        Some(v) => format!(
            "Blank ballots (undervotes): {}, not counted, never exhausted",
            thousands(v)
        ),
        None => "Blank ballots (undervotes): unknown".to_string(),
    });
    out
}

/// A number of ranks in RCTab's words: the figure, or `word` for no limit.
fn limit(n: Option<u32>, word: &str) -> String {
    n.map_or_else(|| word.to_string(), |n| n.to_string())
}

/// A setting as RCTab writes it in a configuration's `rules`: most as text ("1",
/// "unlimited", "" for none), the switches as `true`/`false`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    Text(String),
    Flag(bool),
}

impl std::fmt::Display for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Setting::Text(t) if t.is_empty() => f.write_str("not set"),
            Setting::Text(t) => f.write_str(t),
            Setting::Flag(b) => write!(f, "{b}"),
        }
    }
}

/// Every rule as RCTab's configuration names and writes it, in RCTab's order.
pub fn settings(r: &RcvRules) -> Vec<(&'static str, Setting)> {
    use Setting::{Flag, Text};
    let whole = |v: Votes| Text(v.plain());
    vec![
        ("tiebreakMode", Text(r.tiebreak.as_rctab().into())),
        ("overvoteRule", Text(r.overvote.as_rctab().into())),
        (
            "randomSeed",
            Text(r.random_seed.map(|s| s.to_string()).unwrap_or_default()),
        ),
        ("minimumVoteThreshold", whole(r.minimum_vote_threshold)),
        (
            "maxSkippedRanksAllowed",
            Text(limit(r.max_skipped, "unlimited")),
        ),
        ("maxRankingsAllowed", Text(limit(r.max_rankings, "max"))),
        ("batchElimination", Flag(r.batch_elimination)),
        (
            "continueUntilTwoCandidatesRemain",
            Flag(r.continue_until_two),
        ),
        (
            "stopTabulationEarlyAfterRound",
            Text(
                r.stop_after_round
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            ),
        ),
        ("exhaustOnDuplicateCandidate", Flag(r.exhaust_on_duplicate)),
    ]
}

/// The overvote rule in words, as a clause: "the ballot is exhausted".
fn overvote_words(r: OvervoteRule) -> &'static str {
    match r {
        OvervoteRule::ExhaustImmediately => "the ballot is exhausted",
        OvervoteRule::AlwaysSkipToNextRank => "the ranking is passed over",
        OvervoteRule::ExhaustIfMultipleContinuing => {
            "the ballot is exhausted if more than one of the marked candidates is continuing; with one, it counts for that one; with none, the ranking is passed over"
        }
    }
}

/// The seed in words: ", seed 0", or nothing when there is none.
fn seed(r: &RcvRules) -> String {
    r.random_seed
        .map(|s| format!(", seed {s}"))
        .unwrap_or_default()
}

/// The tie-break mode in words: "random draw, seed 0".
fn tiebreak_words(r: &RcvRules) -> String {
    match r.tiebreak {
        TiebreakMode::UseCandidateOrder => "the candidate listed later loses".to_string(),
        TiebreakMode::Random => format!("random draw{}", seed(r)),
        TiebreakMode::PreviousRoundCountsThenRandom => format!(
            "fewer votes in the latest round where they differ loses, else a random draw{}",
            seed(r)
        ),
        TiebreakMode::PreviousRoundCountsThenUseCandidateOrder => {
            "fewer votes in the latest round where they differ loses, else the candidate listed later".to_string()
        }
        TiebreakMode::GeneratePermutation => format!(
            "one random order of all candidates, drawn at the start{}",
            seed(r)
        ),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The rules used, one a line, in words with RCTab's name and value: "Overvote: the ballot
/// is exhausted (overvoteRule exhaustImmediately)".
pub fn lines(r: &RcvRules) -> Vec<String> {
    let skipped = match r.max_skipped {
        None => "any number in a row".to_string(),
        Some(0) => "none: a skipped ranking exhausts the ballot".to_string(),
        Some(n) => format!("at most {n} in a row; more exhausts the ballot"),
    };
    let read = match r.max_rankings {
        None => "all".to_string(),
        Some(n) => n.to_string(),
    };
    let repeated = if r.exhaust_on_duplicate {
        "the ballot is exhausted"
    } else {
        "passed over"
    };
    let seed_key = if r.tiebreak.needs_seed() {
        format!(
            ", randomSeed {}",
            r.random_seed
                .map_or_else(|| "not set".to_string(), |s| s.to_string())
        )
    } else {
        String::new()
    };
    let minimum = if r.minimum_vote_threshold.is_zero() {
        "none".to_string()
    } else {
        format!(
            "{} in round 1; fewer are eliminated at once",
            how_many(r.minimum_vote_threshold, "vote", "votes")
        )
    };
    let stop = match r.stop_after_round {
        None => "no".to_string(),
        Some(n) => format!("yes, after round {n}"),
    };
    vec![
        format!(
            "Overvote: {} (overvoteRule {})",
            overvote_words(r.overvote),
            r.overvote.as_rctab()
        ),
        format!(
            "Skipped rankings: {skipped} (maxSkippedRanksAllowed {})",
            limit(r.max_skipped, "unlimited")
        ),
        format!(
            "Rankings read: {read} (maxRankingsAllowed {})",
            limit(r.max_rankings, "max")
        ),
        format!(
            "Repeated candidate: {repeated} (exhaustOnDuplicateCandidate {})",
            r.exhaust_on_duplicate
        ),
        format!(
            "Batch elimination: {} (batchElimination {})",
            yes_no(r.batch_elimination),
            r.batch_elimination
        ),
        format!(
            "Ties: {} (tiebreakMode {}{seed_key})",
            tiebreak_words(r),
            r.tiebreak.as_rctab()
        ),
        format!(
            "Continue until two remain: {} (continueUntilTwoCandidatesRemain {})",
            yes_no(r.continue_until_two),
            r.continue_until_two
        ),
        format!(
            "Minimum vote threshold: {minimum} (minimumVoteThreshold {})",
            r.minimum_vote_threshold.plain()
        ),
        format!(
            "Stop after round: {stop} (stopTabulationEarlyAfterRound {})",
            limit(r.stop_after_round, "not set")
        ),
    ]
}

/// The same rules as tally's command-line options (`src/cli/args.rs`), every one given so
/// that a bare file counts the same way: "--overvote exhaust --max-skipped 1 …".
pub fn options(r: &RcvRules) -> String {
    let mut out = vec![
        format!(
            "--overvote {}",
            match r.overvote {
                OvervoteRule::ExhaustImmediately => "exhaust",
                OvervoteRule::AlwaysSkipToNextRank => "skip",
                OvervoteRule::ExhaustIfMultipleContinuing => "exhaust-if-multiple",
            }
        ),
        format!("--max-skipped {}", limit(r.max_skipped, "unlimited")),
        format!("--max-rankings {}", limit(r.max_rankings, "max")),
    ];
    if r.exhaust_on_duplicate {
        out.push("--exhaust-on-duplicate".into());
    }
    if r.batch_elimination {
        out.push("--batch-elimination".into());
    }
    if r.continue_until_two {
        out.push("--continue-until-two".into());
    }
    out.push(format!(
        "--tiebreak {}",
        match r.tiebreak {
            TiebreakMode::UseCandidateOrder => "candidate-order",
            TiebreakMode::Random => "random",
            TiebreakMode::PreviousRoundCountsThenRandom => "previous-round-then-random",
            TiebreakMode::PreviousRoundCountsThenUseCandidateOrder => {
                "previous-round-then-candidate-order"
            }
            TiebreakMode::GeneratePermutation => "permutation",
        }
    ));
    if let Some(s) = r.random_seed {
        out.push(format!("--seed {s}"));
    }
    if !r.minimum_vote_threshold.is_zero() {
        // The option takes whole votes, as RCTab's setting does.
        out.push(format!(
            "--minimum-votes {}",
            r.minimum_vote_threshold.plain()
        ));
    }
    if let Some(n) = r.stop_after_round {
        out.push(format!("--stop-after-round {n}"));
    }
    out.join(" ")
}

/// The options that repeat a count on a bare file: the rules' ([`options`]) and the
/// write-in label the files were read with.
pub fn repeat(t: &Tabulation) -> String {
    let mut out = options(&t.rules);
    if let Some(w) = &t.write_in {
        let plain = !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if plain {
            out.push_str(&format!(" --write-in {w}"));
        } else {
            out.push_str(&format!(" --write-in '{}'", w.replace('\'', "'\\''")));
        }
    }
    out
}

/// Everything said before the rounds of a count tally made: who counted it, the ballots
/// read, the rules, and the options that repeat it; one line each (to be wrapped).
pub fn preamble(p: &Published, t: &Tabulation) -> Vec<String> {
    let mut out = vec![counted_by(p, t)];
    out.extend(ballots_read(p, t));
    out.push("Rules used:".to_string());
    out.extend(lines(&t.rules).into_iter().map(|l| format!("  {l}")));
    out.push(format!(
        "The same count from a bare file: tally rounds FILE {}",
        repeat(t)
    ));
    out
}

/// [`preamble`] wrapped to `width`, each line's run-on indented under it.
pub fn preamble_text(p: &Published, t: &Tabulation, width: usize) -> String {
    preamble(p, t)
        .iter()
        .map(|line| match line.strip_prefix("  ") {
            Some(inner) => crate::text::wrap(inner, width, "  ", "    "),
            None => crate::text::wrap(line, width, "", "  "),
        })
        .collect()
}

/// Why ballots of one kind became inactive, with the rule behind it: "at an overvote
/// (overvote rule: exhaust immediately)", "after more than 1 skipped ranking in a row".
fn kind_words(r: &RcvRules, kind: Kind) -> String {
    match kind {
        Kind::Exhausted => "with no further choice".to_string(),
        Kind::Overvote => format!(
            "at an overvote (overvote rule: {})",
            match r.overvote {
                OvervoteRule::ExhaustImmediately => "exhaust immediately",
                OvervoteRule::AlwaysSkipToNextRank => "skip to the next ranking",
                OvervoteRule::ExhaustIfMultipleContinuing =>
                    "exhaust if more than one marked candidate is continuing",
            }
        ),
        Kind::Skipped => match r.max_skipped {
            Some(0) => "at a skipped ranking (none may be skipped)".to_string(),
            Some(n) => format!(
                "after more than {} in a row",
                how_many(n as u64, "skipped ranking", "skipped rankings")
            ),
            None => "after skipped rankings".to_string(),
        },
        Kind::Repeated => {
            "at a candidate ranked twice (a repeated candidate exhausts the ballot)".to_string()
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Exhausted,
    Overvote,
    Skipped,
    Repeated,
}

fn by_kind(k: &InactiveKinds) -> [(Kind, Votes); 4] {
    [
        (Kind::Exhausted, k.exhausted_choices),
        (Kind::Overvote, k.overvotes),
        (Kind::Skipped, k.skipped_rankings),
        (Kind::Repeated, k.repeated_rankings),
    ]
}

/// The ballots that became inactive in a round, by kind and with the rule that made them
/// so: "312 more ballots exhausted at an overvote (overvote rule: exhaust immediately);
/// 5,000 inactive so far." In round 1 (`before` is `None`): "… inactive from the start".
/// `None` when no ballot became inactive.
pub fn inactive_growth(
    r: &RcvRules,
    now: &InactiveKinds,
    before: Option<&InactiveKinds>,
) -> Option<String> {
    let was = before.copied().unwrap_or_default();
    let grew: Vec<(Kind, Votes)> = by_kind(now)
        .into_iter()
        .zip(by_kind(&was))
        .map(|((k, v), (_, w))| (k, v.saturating_sub(w)))
        .filter(|(_, v)| !v.is_zero())
        .collect();
    let more: Votes = grew.iter().map(|&(_, v)| v).sum();
    if more.is_zero() {
        return None;
    }
    let total = now
        .total()
        .map(thousands)
        .unwrap_or_else(|| "unknown".into());
    if before.is_none() {
        let parts: Vec<String> = grew
            .iter()
            .map(|&(k, v)| format!("{} {}", thousands(v), kind_words(r, k)))
            .collect();
        return Some(match parts.as_slice() {
            [_] => format!(
                "{} inactive from the start, {}.",
                how_many(more, "ballot is", "ballots are"),
                kind_words(r, grew[0].0)
            ),
            _ => format!(
                "{} inactive from the start: {}.",
                how_many(more, "ballot is", "ballots are"),
                crate::story::words::join_names(&parts)
            ),
        });
    }
    Some(match grew.as_slice() {
        [(k, v)] => format!(
            "{} {} {}; {total} inactive so far.",
            thousands(*v),
            if *v == 1u64 {
                "more ballot is exhausted"
            } else {
                "more ballots are exhausted"
            },
            kind_words(r, *k)
        ),
        _ => {
            let parts: Vec<String> = grew
                .iter()
                .map(|&(k, v)| format!("{} {}", thousands(v), kind_words(r, k)))
                .collect();
            format!(
                "{} exhausted: {}; {total} inactive so far.",
                how_many(more, "more ballot is", "more ballots are"),
                crate::story::words::join_names(&parts)
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cvr::FileRead;
    use crate::model::rules::TieBrokenBy;

    fn maine() -> RcvRules {
        RcvRules {
            max_skipped: Some(1),
            max_rankings: Some(3),
            batch_elimination: true,
            tiebreak: TiebreakMode::Random,
            random_seed: Some(0),
            ..RcvRules::default()
        }
    }

    fn tab(files: &[(&str, u64)], config: Option<&str>) -> Tabulation {
        Tabulation {
            rules: maine(),
            config: config.map(Into::into),
            description: Some("Maine Rules".into()),
            write_in: None,
            files: files
                .iter()
                .map(|&(f, n)| FileRead {
                    file: f.into(),
                    ballots: Votes::new(n),
                })
                .collect(),
        }
    }

    fn counted(total: u64, undervotes: Option<u64>) -> Published {
        Published {
            total_ballots: Some(Votes::new(total)),
            undervotes: undervotes.map(Votes::new),
            ..crate::model::published::testing::published(
                crate::model::VotingSystem::InstantRunoff,
                Vec::new(),
            )
        }
    }

    #[test]
    fn counted_by_names_the_ballots_files_rules_and_configuration() {
        let t = tab(
            &[("2013_minneapolis_mayor_cvr.xlsx", 80_101)],
            Some("cases/mpls/2013_minneapolis_mayor_config.json"),
        );
        assert_eq!(
            counted_by(&counted(80_101, Some(0)), &t),
            "Counted by tally from 80,101 ballots in 1 file under RCTab's rules (Maine Rules; configuration 2013_minneapolis_mayor_config.json)"
        );
        let mut bare = tab(&[("a.csv", 1), ("b.csv", 0)], None);
        bare.description = None;
        assert_eq!(
            counted_by(&counted(1, None), &bare),
            "Counted by tally from 1 ballot in 2 files under RCTab's rules"
        );
    }

    #[test]
    fn ballots_read_per_file_total_and_blank() {
        let t = tab(&[("a.json", 10), ("b.json", 5)], None);
        assert_eq!(
            ballots_read(&counted(15, Some(2)), &t),
            [
                "Ballots read:",
                "  a.json: 10",
                "  b.json: 5",
                "  Total: 15",
                "Blank ballots (undervotes): 2, not counted, never exhausted"
            ]
        );
        let one = tab(&[("a.json", 10)], None);
        assert_eq!(
            ballots_read(&counted(10, None), &one),
            [
                "Ballots read: 10 from a.json",
                "Blank ballots (undervotes): unknown"
            ]
        );
    }

    #[test]
    fn every_rule_in_words_with_rctabs_name() {
        assert_eq!(
            lines(&maine()),
            [
                "Overvote: the ballot is exhausted (overvoteRule exhaustImmediately)",
                "Skipped rankings: at most 1 in a row; more exhausts the ballot (maxSkippedRanksAllowed 1)",
                "Rankings read: 3 (maxRankingsAllowed 3)",
                "Repeated candidate: passed over (exhaustOnDuplicateCandidate false)",
                "Batch elimination: yes (batchElimination true)",
                "Ties: random draw, seed 0 (tiebreakMode random, randomSeed 0)",
                "Continue until two remain: no (continueUntilTwoCandidatesRemain false)",
                "Minimum vote threshold: none (minimumVoteThreshold 0)",
                "Stop after round: no (stopTabulationEarlyAfterRound not set)",
            ]
        );
        let other = RcvRules {
            overvote: OvervoteRule::AlwaysSkipToNextRank,
            exhaust_on_duplicate: true,
            max_skipped: None,
            minimum_vote_threshold: Votes::new(150),
            stop_after_round: Some(4),
            ..RcvRules::default()
        };
        let l = lines(&other);
        assert_eq!(
            l[0],
            "Overvote: the ranking is passed over (overvoteRule alwaysSkipToNextRank)"
        );
        assert_eq!(
            l[1],
            "Skipped rankings: any number in a row (maxSkippedRanksAllowed unlimited)"
        );
        assert_eq!(l[2], "Rankings read: all (maxRankingsAllowed max)");
        assert_eq!(
            l[3],
            "Repeated candidate: the ballot is exhausted (exhaustOnDuplicateCandidate true)"
        );
        assert_eq!(
            l[5],
            "Ties: the candidate listed later loses (tiebreakMode useCandidateOrder)"
        );
        assert_eq!(
            l[7],
            "Minimum vote threshold: 150 votes in round 1; fewer are eliminated at once (minimumVoteThreshold 150)"
        );
        assert_eq!(
            l[8],
            "Stop after round: yes, after round 4 (stopTabulationEarlyAfterRound 4)"
        );
    }

    #[test]
    fn the_options_repeat_the_rules() {
        assert_eq!(
            options(&maine()),
            "--overvote exhaust --max-skipped 1 --max-rankings 3 --batch-elimination --tiebreak random --seed 0"
        );
        let other = RcvRules {
            overvote: OvervoteRule::ExhaustIfMultipleContinuing,
            exhaust_on_duplicate: true,
            continue_until_two: true,
            tiebreak: TiebreakMode::PreviousRoundCountsThenUseCandidateOrder,
            max_skipped: None,
            minimum_vote_threshold: Votes::new(150),
            stop_after_round: Some(4),
            ..RcvRules::default()
        };
        assert_eq!(
            options(&other),
            "--overvote exhaust-if-multiple --max-skipped unlimited --max-rankings max --exhaust-on-duplicate --continue-until-two --tiebreak previous-round-then-candidate-order --minimum-votes 150 --stop-after-round 4"
        );
    }

    #[test]
    fn the_settings_are_as_rctab_writes_them() {
        let s = settings(&RcvRules {
            max_skipped: None,
            ..RcvRules::default()
        });
        let get = |k: &str| s.iter().find(|(key, _)| *key == k).unwrap().1.clone();
        assert_eq!(get("randomSeed"), Setting::Text(String::new()));
        assert_eq!(
            get("maxSkippedRanksAllowed"),
            Setting::Text("unlimited".into())
        );
        assert_eq!(get("maxRankingsAllowed"), Setting::Text("max".into()));
        assert_eq!(get("batchElimination"), Setting::Flag(false));
        assert_eq!(get("minimumVoteThreshold"), Setting::Text("0".into()));
        assert_eq!(s.len(), 10);
    }

    #[test]
    fn inactive_ballots_grow_by_kind_with_their_rule() {
        let r = maine();
        let k = |e: u64, o: u64, s: u64| InactiveKinds {
            exhausted_choices: Votes::new(e),
            overvotes: Votes::new(o),
            skipped_rankings: Votes::new(s),
            repeated_rankings: Votes::ZERO,
        };
        assert_eq!(
            inactive_growth(&r, &k(0, 12, 0), None).unwrap(),
            "12 ballots are inactive from the start, at an overvote (overvote rule: exhaust immediately)."
        );
        assert_eq!(
            inactive_growth(&r, &k(0, 324, 0), Some(&k(0, 12, 0))).unwrap(),
            "312 more ballots are exhausted at an overvote (overvote rule: exhaust immediately); 324 inactive so far."
        );
        assert_eq!(
            inactive_growth(&r, &k(100, 12, 3), Some(&k(0, 12, 2))).unwrap(),
            "101 more ballots are exhausted: 100 with no further choice and 1 after more than 1 skipped ranking in a row; 115 inactive so far."
        );
        assert_eq!(inactive_growth(&r, &k(0, 12, 0), Some(&k(0, 12, 0))), None);
    }

    #[test]
    fn ties_say_how_they_were_broken() {
        let t = tab(&[("a", 1)], Some("c.json"));
        assert_eq!(
            t.broken_by(TieBrokenBy::CandidateOrder),
            "by the configuration's candidate order (the one listed later loses)"
        );
        assert_eq!(
            t.broken_by(TieBrokenBy::PreviousRound(2)),
            "by round 2's votes"
        );
        assert_eq!(
            t.broken_by(TieBrokenBy::Random),
            "by a random draw (seed 0)"
        );
    }
}
