//! The words for a count another tabulator published (RCTab, Universal Tabulator, OpaVote):
//! what London's counts never need to say.
//!
//! - Transfers the file does not give are worked out from the change in tallies
//!   ([`Round::derived`]): every sentence about them says so, and none says "0" for what is
//!   unknown.
//! - Inactive ballots by kind ("312 ballots inactive: 250 with no further choice, 62 at an
//!   overvote"), blank ballots said once and never as exhausted, votes lost to rounding.
//! - Several seats: the quota, surpluses moving on at a fraction of their value (at the
//!   published precision), candidates elected in order and held at the quota, "Elected: A,
//!   B and C".
//! - A winner below the threshold on a tie, a one-candidate final round, a batch of
//!   eliminations.
//!
//! [`narrate`](super::narrate), the text report, the presenter and the viewer take these
//! sentences when a contest is [`published`]; London's words are untouched.
//!
//! A count tally made itself from cast vote records (one with a [`tabulation`]) is held the
//! same way, but is no one else's: [`basis`] words its threshold and decisions as RCTab's
//! rules', and [`super::rules`] adds why ballots became inactive, why several candidates
//! went out together and how each tie was broken.

use crate::count::{Count, Counted, Destination, Outcome, Round, State, TieKind};
use crate::model::{Contest, Method, Published, Votes, VotingSystem};
use crate::story::words::{how_many, join_names, possessive, tie_sentence, tie_sentence_with};
use crate::text::{clean, share, thousands};

/// The published count a contest holds, if it is one.
pub fn published(c: &Contest) -> Option<&Published> {
    match &c.method {
        Method::Published(p) => Some(p),
        _ => None,
    }
}

pub use super::rules::tabulation;

/// Whose decisions a held count's are: a publisher's, or RCTab's rules' (tally's own count
/// from ballots), in the phrases every output uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    /// "as the published count has it" / "as RCTab's rules have it".
    pub has_it: &'static str,
    /// "the published threshold" / "the threshold under RCTab's rules".
    pub threshold: &'static str,
    /// "the threshold the published count gives" / "the threshold RCTab's rules give".
    pub gives: &'static str,
    /// "as the published count decided it" / "as RCTab's tie-break rule decided it".
    pub tie_decided: &'static str,
    /// "as the published count records" / "under RCTab's tie-break rule".
    pub records: &'static str,
    /// ", as published" / ", counted by tally": what the viewer's title adds.
    pub title: &'static str,
}

/// The words for a held count's decisions: RCTab's rules' when tally counted it.
pub fn basis(c: &Contest) -> Basis {
    if tabulation(c).is_some() {
        Basis {
            has_it: "as RCTab's rules have it",
            threshold: "the threshold under RCTab's rules",
            gives: "the threshold RCTab's rules give",
            tie_decided: "as RCTab's tie-break rule decided it",
            records: "under RCTab's tie-break rule",
            title: ", counted by tally (RCTab rules)",
        }
    } else {
        Basis {
            has_it: "as the published count has it",
            threshold: "the published threshold",
            gives: "the threshold the published count gives",
            tie_decided: "as the published count decided it",
            records: "as the published count records",
            title: ", as published",
        }
    }
}

/// Whether several seats are filled: then the threshold is a quota.
/// "The file breaks its format's rules in 2 places; read with these repairs: …", or `None`
/// when it needed none: a reader's repair is never silent, whatever the command.
pub fn repairs_sentence(p: &Published) -> Option<String> {
    match p.warnings.as_slice() {
        [] => None,
        [one] => Some(format!(
            "The file breaks its format's rules once; read with this repair: {}",
            clean(one)
        )),
        many => Some(format!(
            "The file breaks its format's rules in {} places; read with these repairs: {}",
            many.len(),
            many.iter()
                .map(|w| clean(w).trim_end_matches('.').to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

/// Those eliminated at the end of round `index` (0-based) only by the reader's repair: the
/// file drops them from the next round's tally without eliminating them
/// (`PublishedRound::repaired`; the reader's warning says so too).
fn repaired_eliminations(l: &Counted, index: usize) -> Vec<usize> {
    published(&l.contest)
        .and_then(|p| p.rounds.get(index))
        .map(|r| r.repaired.clone())
        .unwrap_or_default()
}

pub fn multi_seat(l: &Counted) -> bool {
    l.contest.seats > 1 || l.count.system == VotingSystem::SingleTransferableVote
}

fn name(l: &Counted, i: usize) -> String {
    clean(&l.contest.candidates[i].name).into_owned()
}

fn names(l: &Counted, of: &[usize]) -> Vec<String> {
    of.iter().map(|&i| name(l, i)).collect()
}

/// The threshold's name: "the quota" with several seats, else "the threshold".
pub fn threshold_word(l: &Counted) -> &'static str {
    if multi_seat(l) { "quota" } else { "threshold" }
}

/// "639 blank ballots (undervotes) were read and not counted; they are not exhausted."
pub fn blank_ballots(l: &Counted) -> Option<String> {
    let blank = published(&l.contest)?.undervotes.filter(|v| !v.is_zero())?;
    Some(format!(
        "{} {} blank (no choice marked) and not counted; {} not among the inactive ballots.",
        how_many(blank, "ballot", "ballots"),
        if blank == 1u64 { "was" } else { "were" },
        if blank == 1u64 { "it is" } else { "they are" },
    ))
}

/// The kinds of the inactive ballots so far, when the file gives them: "312 ballots
/// inactive: 250 with no further choice, 62 at an overvote". `None` when there are none.
pub fn inactive_phrase(round: &Round) -> Option<String> {
    let kinds = round.inactive?;
    let total = kinds.total()?;
    if total.is_zero() {
        return None;
    }
    let parts = kinds.parts();
    // One kind: "all" of them, not the same figure twice.
    if let [(words, _)] = parts.as_slice() {
        let all = if total == 1u64 { "it" } else { "all" };
        return Some(format!(
            "{} inactive: {all} {words}",
            how_many(total, "ballot", "ballots")
        ));
    }
    let parts: Vec<String> = parts
        .into_iter()
        .map(|(words, v)| format!("{} {words}", thousands(v)))
        .collect();
    Some(format!(
        "{} inactive: {}",
        how_many(total, "ballot", "ballots"),
        parts.join(", ")
    ))
}

/// The inactive ballots of a round as a sentence: "from the start" in round 1, "so far"
/// after.
pub fn inactive_sentence(round: &Round) -> Option<String> {
    let phrase = inactive_phrase(round)?;
    let when = if round.number == 1 {
        " from the start"
    } else {
        " so far"
    };
    let (head, tail) = phrase.split_once(" inactive:")?;
    Some(format!("{head} inactive{when}:{tail}."))
}

/// "0.1 votes lost to rounding so far (surplus transfers in fractions)."
pub fn residual_sentence(round: &Round) -> Option<String> {
    (!round.residual.is_zero()).then(|| {
        format!(
            "{} lost to rounding so far, in surplus transfers made in fractions.",
            how_many(round.residual, "vote", "votes")
        )
    })
}

/// What the threshold is, as the file gives it: "3 seats are to be filled; the quota is
/// 14,866 votes." or "To win a candidate needs 39,657 votes, more than half of the 79,312
/// in play."
pub fn threshold_sentence(l: &Counted, round: &Round) -> Option<String> {
    if round.continuing.is_zero() {
        return None;
    }
    let t = thousands(round.threshold);
    if multi_seat(l) {
        return Some(format!(
            "{} seats are to be filled; the quota is {t} votes: a candidate who reaches it is elected.",
            l.contest.seats.max(1)
        ));
    }
    let basis = if round.threshold == round.continuing.majority() {
        format!(
            ", more than half of the {} in play",
            thousands(round.continuing)
        )
    } else {
        format!(" ({})", basis(&l.contest).threshold)
    };
    Some(format!("To win a candidate needs {t} votes{basis}."))
}

/// Whose ballots move into round `index`: each source as "Annie Young's surplus" or "Bob
/// Fine's ballots".
fn sources_of(l: &Counted, index: usize) -> (Vec<usize>, Vec<usize>) {
    let prev = &l.count.rounds[index - 1];
    (prev.elected.clone(), prev.eliminated.clone())
}

/// A candidate's surplus moving into round `index`: what they had beyond what they keep.
fn surplus(l: &Counted, index: usize, s: usize) -> Votes {
    let prev = &l.count.rounds[index - 1];
    let now = l.count.rounds[index].tally(s).unwrap_or(Votes::ZERO);
    prev.votes[s].saturating_sub(now)
}

/// Destinations in words, the largest first: "120 to Betsy Hodges, 80 to Mark Andrew and
/// 25 exhausted"; past five destinations the smallest are summed ("37 to 9 others").
fn destinations(l: &Counted, moves: &[(Destination, Votes)]) -> String {
    let mut to_candidates: Vec<(usize, Votes)> = moves
        .iter()
        .filter_map(|&(to, v)| match to {
            Destination::Candidate(i) if !v.is_zero() => Some((i, v)),
            _ => None,
        })
        .collect();
    to_candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let exhausted: Votes = moves
        .iter()
        .filter(|(to, _)| *to == Destination::Exhausted)
        .map(|&(_, v)| v)
        .sum();
    const SHOWN: usize = 4;
    // Everyone when that is at most two more than SHOWN: "251 to 2 others" would hide two
    // names to save one.
    let all = to_candidates.len() <= SHOWN + 2;
    let mut parts: Vec<String> = to_candidates
        .iter()
        .take(if all { to_candidates.len() } else { SHOWN })
        .map(|&(i, v)| format!("{} to {}", thousands(v), name(l, i)))
        .collect();
    if !all {
        let rest = &to_candidates[SHOWN..];
        let votes: Votes = rest.iter().map(|&(_, v)| v).sum();
        parts.push(format!("{} to {} others", thousands(votes), rest.len()));
    }
    if !exhausted.is_zero() {
        parts.push(format!(
            "{} {}",
            thousands(exhausted),
            l.contest.method.words().exhausted.to_lowercase()
        ));
    }
    if parts.is_empty() {
        "none moved".to_string()
    } else {
        join_names(&parts)
    }
}

/// One source's sentence: "Annie Young's surplus of 178.1234 moves on at a fraction of its
/// value: 100 to Meg Forney and 78.1234 exhausted; she keeps the quota." / "Bob Fine's
/// 2,095 ballots move to their next choice: …".
fn source_sentence(l: &Counted, index: usize, s: usize) -> String {
    let round = &l.count.rounds[index];
    let moves: Vec<(Destination, Votes)> = round
        .transfers
        .iter()
        .filter(|t| t.from == [s])
        .map(|t| (t.to, t.votes))
        .collect();
    let moved: Votes = moves.iter().map(|&(_, v)| v).sum();
    let prev = &l.count.rounds[index - 1];
    if prev.elected.contains(&s) {
        let surplus = surplus(l, index, s);
        let lost = surplus.saturating_sub(moved);
        let lost = if lost.is_zero() {
            String::new()
        } else {
            format!(" ({} lost to rounding)", thousands(lost))
        };
        let keeps = match round.tally(s) {
            Some(v) if v == round.threshold => format!(
                "; {} stays elected, held at the quota of {}",
                name(l, s),
                thousands(v)
            ),
            _ => String::new(),
        };
        format!(
            "{} surplus of {} moves on at a fraction of each ballot's value: {}{lost}{keeps}.",
            possessive(&name(l, s)),
            thousands(surplus),
            destinations(l, &moves)
        )
    } else {
        format!(
            "{} {} to their next choice: {}.",
            possessive(&name(l, s)),
            how_many(prev.votes[s], "ballot moves", "ballots move"),
            destinations(l, &moves)
        )
    }
}

/// Sources in words: "Annie Young's surplus and Bob Fine's ballots", "the 5 eliminated
/// candidates' ballots".
fn whose(l: &Counted, index: usize) -> String {
    let (elected, eliminated) = sources_of(l, index);
    let mut parts: Vec<String> = elected
        .iter()
        .map(|&s| format!("{} surplus", possessive(&name(l, s))))
        .collect();
    match eliminated.len() {
        0 => {}
        1 => parts.push(format!("{} ballots", possessive(&name(l, eliminated[0])))),
        2..=4 => {
            let n = names(l, &eliminated);
            parts.push(format!("the ballots of {}", join_names(&n)));
        }
        n => parts.push(format!("the {n} eliminated candidates' ballots")),
    }
    join_names(&parts)
}

/// Where the ballots moving into round `index` went, as sentences: one per source as
/// published, or (derived) one for all of them, saying the file does not give them.
pub fn transfer_sentences(l: &Counted, index: usize) -> Vec<String> {
    let Some(round) = l.count.rounds.get(index).filter(|_| index > 0) else {
        return Vec::new();
    };
    let (elected, eliminated) = sources_of(l, index);
    if round.derived {
        let moves: Vec<(Destination, Votes)> =
            round.transfers.iter().map(|t| (t.to, t.votes)).collect();
        let moved: Votes = moves.iter().map(|&(_, v)| v).sum();
        let whose = crate::story::words::capitalised(&whose(l, index));
        let one_surplus = elected.len() == 1 && eliminated.is_empty();
        return vec![format!(
            "{whose} {} on ({}). The file does not say where these ballots went; from the change in tallies: {}.",
            if one_surplus { "moves" } else { "move" },
            how_many(moved, "vote", "votes"),
            destinations(l, &moves)
        )];
    }
    // Sources with nothing to pass on (no votes, or elected with no surplus: the last seat
    // filled below the quota) are not told.
    let passes_on = |s: usize| {
        let held = l.count.rounds[index - 1].votes[s];
        let moved = round.transfers.iter().any(|t| t.from == [s]);
        !held.is_zero() && (!elected.contains(&s) || moved || !surplus(l, index, s).is_zero())
    };
    elected
        .iter()
        .chain(&eliminated)
        .filter(|&&s| passes_on(s))
        .map(|&s| source_sentence(l, index, s))
        .collect()
}

/// What happened at the end of round `index`: ties, who was elected (and why, when below
/// the threshold), who was eliminated, and the seats filled.
pub fn outcome_sentences(l: &Counted, index: usize) -> Vec<String> {
    let count = &l.count;
    let round = &count.rounds[index];
    let c = &l.contest;
    // Candidates the reader marked eliminated because the file drops them without saying
    // so: a tie with them is the reader's inference from a repair, not the count's.
    let repaired = repaired_eliminations(l, index);
    let mut out: Vec<String> = round
        .tie_breaks
        .iter()
        .filter(|t| !t.tied.iter().any(|i| repaired.contains(i)))
        .map(|t| match tie_rule(l, index, t) {
            Some(rule) => tie_sentence_with(c, t, &rule),
            None => tie_sentence(c, t),
        })
        .collect();
    // The write-in going first is said once, in place of "the fewest votes".
    let write_in = write_in_first(l, index);
    let write_in_alone = write_in.is_some() && round.eliminated.len() == 1;
    out.extend(write_in);
    let t = thousands(round.threshold);
    let word = threshold_word(l);
    let in_count: Vec<usize> = (0..round.votes.len())
        .filter(|&i| round.states[i] == State::Continuing || round.elected.contains(&i))
        .collect();
    let (reached, below): (Vec<usize>, Vec<usize>) = round
        .elected
        .iter()
        .partition(|&&w| round.votes[w] >= round.threshold);
    let multi = multi_seat(l);
    if !reached.is_empty() {
        let n = names(l, &reached);
        if multi && reached.len() == 1 {
            out.push(format!(
                "{} reaches the quota of {t} with {} and is elected.",
                n[0],
                how_many(round.votes[reached[0]], "vote", "votes")
            ));
        } else if multi {
            let with: Vec<String> = reached
                .iter()
                .map(|&w| format!("{} {}", name(l, w), thousands(round.votes[w])))
                .collect();
            out.push(format!(
                "{} {} the quota of {t} and {} elected ({}).",
                join_names(&n),
                if n.len() == 1 { "reaches" } else { "reach" },
                if n.len() == 1 { "is" } else { "are" },
                join_names(&with)
            ));
        } else {
            let w = reached[0];
            let votes = round.votes[w];
            if in_count.len() == 1 {
                out.push(format!(
                    "Only {0} is left in the count, so {0} is elected with {1}.",
                    name(l, w),
                    how_many(votes, "vote", "votes")
                ));
            } else {
                out.push(format!(
                    "{} wins with {}, {} of the {} still in play ({t} needed).",
                    name(l, w),
                    how_many(votes, "vote", "votes"),
                    share(votes, round.continuing).unwrap_or_default(),
                    thousands(round.continuing)
                ));
            }
        }
    }
    for &w in &below {
        let votes = how_many(round.votes[w], "vote", "votes");
        let on_tie = round
            .tie_breaks
            .iter()
            .any(|tb| tb.kind == TieKind::Winner && tb.preferred.contains(&w));
        let continuing = in_count.len();
        let seats_left =
            (c.seats.max(1) as usize).saturating_sub(count_elected_before(count, index));
        out.push(if in_count.len() == 1 {
            format!(
                "Only {0} is left in the count, so {0} is elected with {votes}.",
                name(l, w)
            )
        } else if on_tie {
            format!(
                "{} is elected with {votes}, below the {word} of {t}: the tie decided it.",
                name(l, w)
            )
        } else if continuing <= seats_left {
            format!(
                "{} is elected with {votes} without reaching the {word} of {t}: only as many candidates are left as seats.",
                name(l, w)
            )
        } else {
            format!(
                "{} is elected with {votes}, below the {word} of {t}, {}.",
                name(l, w),
                basis(c).has_it
            )
        });
    }
    match round.eliminated.len() {
        0 => {}
        1 if write_in_alone => {}
        1 => {
            let e = round.eliminated[0];
            let nobody = if round.elected.is_empty() {
                if multi && count_elected_before(count, index) > 0 {
                    format!("Nobody else reaches the quota of {t}, so ")
                } else if multi {
                    format!("Nobody reaches the quota of {t}, so ")
                } else {
                    format!("Nobody has the {t} votes needed, so ")
                }
            } else {
                String::new()
            };
            let who = format!(
                "{}, with {}, is eliminated",
                name(l, e),
                how_many(round.votes[e], "vote", "votes")
            );
            out.push(if nobody.is_empty() {
                format!("{who}.")
            } else {
                format!("{nobody}{who}.")
            });
        }
        n => {
            let between: Votes = round.eliminated.iter().map(|&e| round.votes[e]).sum();
            out.push(format!(
                "{n} candidates are eliminated together, with {} between them: {}.{}",
                how_many(between, "vote", "votes"),
                join_names(&names(l, &round.eliminated)),
                together_because(l, index)
                    .map(|why| format!(" {why}"))
                    .unwrap_or_default()
            ));
        }
    }
    if !repaired.is_empty() {
        let names = names(l, &repaired);
        out.push(format!(
            "The file does not say {} {} eliminated: {} missing from the next round, so tally reads {} as eliminated here (a repair).",
            join_names(&names),
            if names.len() == 1 { "was" } else { "were" },
            if names.len() == 1 { "it is" } else { "they are" },
            if names.len() == 1 { "it" } else { "them" },
        ));
    }
    if multi && !round.elected.is_empty() {
        let so_far = count_elected_before(count, index) + round.elected.len();
        let seats = c.seats.max(1) as usize;
        if so_far >= seats {
            out.push(format!(
                "Every seat is filled. {}.",
                elected_phrase(l).unwrap_or_default()
            ));
        } else {
            out.push(format!("{so_far} of {seats} seats filled."));
        }
    }
    let last = index + 1 == count.rounds.len();
    if last {
        out.extend(stopped_early(l));
    }
    if last
        && round.elected.is_empty()
        && round.eliminated.is_empty()
        && let Some(elected) = elected_phrase(l)
    {
        out.push(format!("The count ends here. {elected}."));
    }
    out
}

/// How a tally count's tie at the end of round `index` was broken, as its engine recorded
/// it: "by the configuration's candidate order (…)"; `None` for another tabulator's count.
pub fn tie_rule(l: &Counted, index: usize, tie: &crate::count::TieBreak) -> Option<String> {
    let t = tabulation(&l.contest)?;
    let round = published(&l.contest)?.rounds.get(index)?;
    let mut tied = tie.tied.clone();
    tied.sort_unstable();
    let recorded = round.ties.iter().find(|r| {
        let mut r = r.tied.clone();
        r.sort_unstable();
        r == tied
    });
    Some(match recorded.and_then(|r| r.broken_by) {
        Some(by) => t.broken_by(by),
        None => basis(&l.contest).tie_decided.to_string(),
    })
}

/// "Undeclared Write-ins are eliminated first, as RCTab's rules do." when a tally count
/// eliminates the undeclared write-in, with votes, before anyone else.
pub fn write_in_first(l: &Counted, index: usize) -> Option<String> {
    tabulation(&l.contest)?;
    let round = &l.count.rounds[index];
    let earlier = l.count.rounds[..index]
        .iter()
        .any(|r| !r.eliminated.is_empty());
    let w = round.eliminated.iter().copied().find(|&i| {
        l.contest.candidates[i].name == crate::import::cvr::WRITE_IN_NAME
            && !round.votes[i].is_zero()
    })?;
    (!earlier).then(|| {
        format!(
            "{}, with {}, are eliminated first, as RCTab's rules do.",
            name(l, w),
            how_many(round.votes[w], "vote", "votes")
        )
    })
}

/// Why a tally count eliminated several candidates at once: under the minimum vote
/// threshold in round 1, or because (batch elimination) even with every vote below them
/// none could catch the next candidate.
pub fn together_because(l: &Counted, index: usize) -> Option<String> {
    let t = tabulation(&l.contest)?;
    let round = &l.count.rounds[index];
    let min = t.rules.minimum_vote_threshold;
    if index == 0 && !min.is_zero() && round.eliminated.iter().all(|&e| round.votes[e] < min) {
        return Some(format!(
            "Each has fewer than the minimum of {} (minimumVoteThreshold).",
            how_many(min, "vote", "votes")
        ));
    }
    t.rules.batch_elimination.then(|| {
        "Even with every vote below them, none could catch the next candidate (batch elimination).".to_string()
    })
}

/// "The count stops after round 3, as the rules ask (stopTabulationEarlyAfterRound 3)."
/// when a tally count stopped there.
fn stopped_early(l: &Counted) -> Option<String> {
    stopped_after(&l.contest, &l.count).map(|n| {
        format!(
            "The count stops after round {n}, as the rules ask (stopTabulationEarlyAfterRound {n})."
        )
    })
}

/// The round after which a tally count stopped because its rules say so
/// (`stopTabulationEarlyAfterRound`), when it ended there: then it is over, not "so far".
pub fn stopped_after(c: &Contest, count: &Count) -> Option<u32> {
    let n = tabulation(c)?.rules.stop_after_round?;
    (count.rounds.len() == n as usize).then_some(n)
}

/// The inactive ballots of round `index` in one sentence: for a tally count, those that
/// became inactive in the round by kind, with the rule behind each; for another's, the
/// running total by kind.
pub fn inactive_line(l: &Counted, index: usize) -> Option<String> {
    let round = &l.count.rounds[index];
    match tabulation(&l.contest) {
        Some(t) => {
            let now = round.inactive?;
            let before = match index {
                0 => None,
                _ => Some(l.count.rounds[index - 1].inactive.unwrap_or_default()),
            };
            super::rules::inactive_growth(&t.rules, &now, before.as_ref())
        }
        None => inactive_sentence(round),
    }
}

fn count_elected_before(count: &Count, index: usize) -> usize {
    count.rounds[..index].iter().map(|r| r.elected.len()).sum()
}

/// "Elected: Meg Forney, Annie Young and John Erwin" (in order of election), or "Winner:
/// Betsy Hodges"; `None` when nobody is elected.
pub fn elected_phrase(l: &Counted) -> Option<String> {
    let won = l.count.elected();
    match won {
        [] => None,
        [one] if !multi_seat(l) => Some(format!("Winner: {}", name(l, *one))),
        _ => Some(format!("Elected: {}", join_names(&names(l, won)))),
    }
}

/// Round 1 of a published count, as sentences.
pub fn first_round(l: &Counted) -> Vec<String> {
    let round = l.count.first();
    let mut out = Vec::new();
    let standings = round.standings();
    let words = l.contest.method.words();
    if let Some((leader, votes)) = standings.first() {
        out.push(format!(
            "{} valid {} counted. {} leads with {} ({}).",
            thousands(round.continuing),
            if round.continuing == 1u64 {
                "first preference"
            } else {
                words.first
            },
            name(l, *leader),
            thousands(*votes),
            share(*votes, round.continuing).unwrap_or_default()
        ));
    }
    out.extend(blank_ballots(l));
    out.extend(inactive_line(l, 0));
    out.extend(threshold_sentence(l, round));
    out.extend(outcome_sentences(l, 0));
    out
}

/// A later round of a published count, as sentences.
pub fn transfer_round(l: &Counted, index: usize) -> Vec<String> {
    let round = &l.count.rounds[index];
    let mut out = transfer_sentences(l, index);
    out.extend(no_surplus(l, index));
    out.extend(inactive_line(l, index));
    // The running total, once there is more than this round's sources said.
    let prev_residual = l.count.rounds[index - 1].residual;
    if round.residual != prev_residual && (!prev_residual.is_zero() || round.derived) {
        out.extend(residual_sentence(round));
    }
    out.extend(outcome_sentences(l, index));
    out
}

/// "John Erwin was elected with no surplus: nothing of theirs moves on." for those elected
/// at the end of the previous round with nothing beyond the quota.
fn no_surplus(l: &Counted, index: usize) -> Option<String> {
    let prev = &l.count.rounds[index - 1];
    let round = &l.count.rounds[index];
    let none: Vec<usize> = prev
        .elected
        .iter()
        .copied()
        .filter(|&s| {
            surplus(l, index, s).is_zero() && !round.transfers.iter().any(|t| t.from == [s])
        })
        .collect();
    if none.is_empty() {
        return None;
    }
    let n = names(l, &none);
    Some(format!(
        "{} {} elected with no surplus: nothing of theirs moves on.",
        join_names(&n),
        if n.len() == 1 { "was" } else { "were" },
    ))
}

/// While round `index`'s bars move: whose ballots are moving, nothing of where they end.
pub fn moving(l: &Counted, index: usize) -> String {
    let round = &l.count.rounds[index];
    if round.transfers.is_empty() {
        return no_surplus(l, index).unwrap_or_else(|| "Nothing moves in this round…".into());
    }
    let whose = crate::story::words::capitalised(&whose(l, index));
    let prev = &l.count.rounds[index - 1];
    let are = if prev.elected.len() == 1 && prev.eliminated.is_empty() {
        "is"
    } else {
        "are"
    };
    if round.derived {
        format!(
            "{whose} {are} moving to their next choices (the file does not say where: the change in tallies will show it)…"
        )
    } else {
        format!("{whose} {are} moving to their next choices…")
    }
}

/// While round `index`'s transfer moves source by source: each source's sentence, keyed
/// by its candidate (empty when it moves as one, as a derived transfer always does).
pub fn moving_sources(l: &Counted, index: usize) -> Vec<(Vec<usize>, String)> {
    let Some(round) = l.count.rounds.get(index).filter(|_| index > 0) else {
        return Vec::new();
    };
    if round.derived {
        return Vec::new();
    }
    let groups = round.sources();
    if groups.len() < 2 {
        return Vec::new();
    }
    groups
        .into_iter()
        .filter(|g| g.len() == 1)
        .map(|g| (g.clone(), source_sentence(l, index, g[0])))
        .collect()
}

/// The result in one sentence, for a published count: several elected in order, a winner
/// below the threshold, a lone final round.
pub fn result_line(l: &Counted) -> Option<String> {
    let count = &l.count;
    let Outcome::Elected(won) = &count.outcome else {
        return None;
    };
    if !multi_seat(l) {
        return None;
    }
    let rounds: Vec<String> = won
        .iter()
        .filter_map(|&w| {
            count
                .rounds
                .iter()
                .find(|r| r.elected.contains(&w))
                .map(|r| r.number.to_string())
        })
        .collect();
    let seats = l.contest.seats.max(1) as usize;
    let unfilled = if won.len() < seats {
        format!(" ({} of {seats} seats filled)", won.len())
    } else {
        String::new()
    };
    Some(format!(
        "{}{unfilled}, in order of election (rounds {}). Quota {}.",
        elected_phrase(l)?,
        join_names(&rounds),
        thousands(count.last().threshold)
    ))
}

#[cfg(test)]
mod tests;
