//! Presenter mode's script: a count broken into one idea per key press, each with what is on
//! screen and a teacher-ready sentence drawn from the data.
//!
//! The beats run: who stood; first preferences revealed one candidate at a time, smallest
//! first; all of them at once; the majority line and whether anyone crossed it; each tie
//! that decides something; each elimination; a "Who wins?" pause while the answer is still
//! unknown; each transfer of the last round; the totals after it; the winner. Pure functions of a count, so the
//! lesson is the same wherever it is shown, and testable without a screen.

use crate::count::Counted;
use crate::count::{Destination, Outcome, TieKind};
use crate::model::{Votes, VotingSystem};
use crate::story::explain::Explainer;
use crate::story::words::{capitalised, join_names};
use crate::text::{clean, share, thousands};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Beat {
    /// Who stood, no numbers yet.
    Candidates,
    /// First preferences of the `k` smallest candidates revealed.
    Reveal(usize),
    /// The majority line, and whether anyone crossed it.
    Majority,
    /// The eliminations at the end of this round (index).
    Eliminate(usize),
    /// One group of transfers into this round (round index, group index).
    Transfer(usize, usize),
    /// The totals after this round's transfers.
    Totals(usize),
    /// Every first preference at once, before the majority line (`a`).
    AllFirst,
    /// A tie broken in this round (round index, index in its `tie_breaks`).
    Tie(usize, usize),
    /// The pause for the class's guess, while the answer is still unknown.
    WhoWins,
    Winner,
}

/// How a candidate appears in a beat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Not revealed yet.
    Hidden,
    Shown,
    /// Out of the count (eliminated in this beat or before).
    Out,
    Winner,
}

/// What is on screen at a beat.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub heading: String,
    /// Per candidate: votes shown (`None` while hidden) and state.
    pub votes: Vec<Option<Votes>>,
    pub states: Vec<State>,
    /// Those going out in this beat (shown one by one; those out before are summed up).
    pub just_out: Vec<usize>,
    /// The exhausted / non-transferable row, once there is one.
    pub exhausted: Option<Votes>,
    /// The majority line, once it has been introduced.
    pub threshold: Option<Votes>,
    /// The candidate the beat is about (big text), if any.
    pub focus: Option<usize>,
    /// Big text: a name or a question.
    pub big: String,
    /// The big text with its figures hidden (`n`).
    pub big_hidden: String,
    /// The number to show big with it, if any.
    pub big_number: Option<Votes>,
    pub explanation: String,
    /// The explanation with every figure in it hidden (`n`), the words unchanged.
    pub explanation_hidden: String,
}

impl Frame {
    /// Whether anything on screen at this beat is a figure that `n` would hide: a bar, the
    /// majority line, a number in the headline or the sentence.
    pub fn has_figures(&self) -> bool {
        self.votes.iter().any(Option::is_some)
            || self.exhausted.is_some()
            || self.threshold.is_some()
            || self.big_number.is_some()
            || self.explanation != self.explanation_hidden
            || self.big != self.big_hidden
    }
}

/// First-round order for revealing: smallest first (ties in candidate order, reversed).
fn reveal_order(l: &Counted) -> Vec<usize> {
    let mut order: Vec<usize> = l
        .count
        .first()
        .standings()
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    order.reverse();
    order
}

/// Ballot-paper order: alphabetical by surname (the last word of the name), so the
/// presenter's layout gives nothing away before the votes are revealed.
pub fn ballot_order(l: &Counted) -> Vec<usize> {
    let c = &l.contest;
    let keys: Vec<(String, String)> = c
        .candidates
        .iter()
        .map(|cand| {
            let name = cand.name.to_lowercase();
            let surname = name.split_whitespace().last().unwrap_or("").to_string();
            (surname, name)
        })
        .collect();
    let mut order: Vec<usize> = (0..c.candidates.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    order
}

/// Every beat of the count, in order.
///
/// The guess comes while the answer is still unknown: after the last elimination and before
/// any ballot moves in the last round; when the count ends in its first round (first past
/// the post, or a majority at once) the first preferences are the result, so the guess
/// comes straight after "who stood". A tie is told where it decides something: before the
/// elimination or second round it settles, or before the winner.
pub fn beats(l: &Counted) -> Vec<Beat> {
    let count = &l.count;
    let n_c = l.contest.candidates.len();
    let last = count.rounds.len() - 1;
    let elected = matches!(count.outcome, Outcome::Elected(_));
    let published = super::published::published(&l.contest).is_some();
    let ties = |r: usize, winner: bool| {
        count.rounds[r]
            .tie_breaks
            .iter()
            .enumerate()
            .filter(move |(_, t)| (t.kind == TieKind::Winner) == winner)
            .map(move |(k, _)| Beat::Tie(r, k))
    };
    let mut out = vec![Beat::Candidates];
    if elected && last == 0 {
        out.push(Beat::WhoWins);
    }
    out.extend((1..=n_c).map(Beat::Reveal));
    out.push(Beat::AllFirst);
    out.push(Beat::Majority);
    for r in 1..count.rounds.len() {
        out.extend(ties(r - 1, false));
        // A published count's round may end with someone elected (told in the same beat,
        // their surplus to move) or, rarely, with nothing at all.
        let prev = &count.rounds[r - 1];
        if !prev.eliminated.is_empty() || !prev.elected.is_empty() || !published {
            out.push(Beat::Eliminate(r - 1));
        }
        if elected && r == last {
            out.push(Beat::WhoWins);
        }
        let groups = groups(l, r).len();
        out.extend((0..groups).map(|g| Beat::Transfer(r, g)));
        out.push(Beat::Totals(r));
    }
    if elected {
        out.extend(ties(last, true));
        out.push(Beat::Winner);
    }
    out
}

/// The "all first preferences" beat (`a` jumps there).
pub fn after_reveals(l: &Counted) -> usize {
    beats(l)
        .iter()
        .position(|b| *b == Beat::AllFirst)
        .unwrap_or(0)
}

/// Whether the lesson at beat `index` has told the result (the winner's beat, or the
/// last beat of a count with no winner): the explainers then use the contest's figures.
pub fn winner_revealed(beats: &[Beat], index: usize) -> bool {
    match beats.iter().position(|b| *b == Beat::Winner) {
        Some(w) => index >= w,
        None => index + 1 >= beats.len(),
    }
}

/// The explainers for `e` before the result is told: how the systems work, in general
/// terms, without a figure or a name from this contest that the lesson has not reached.
pub fn explainers_before_the_result(l: &Counted) -> Vec<Explainer> {
    let this = l.contest.method.system();
    let mut out = vec![Explainer {
        title: "Not yet".into(),
        body: "This contest's own figures come into these explanations once its winner has been revealed; until then, how each system works.".into(),
    }];
    let systems = [
        (
            VotingSystem::SupplementaryVote,
            "How the Supplementary Vote works",
            "Each voter marks a first choice and, if they like, a second. A candidate with more than half of the valid first preferences wins at once. Otherwise every candidate but the top two is eliminated together, and each of their ballots whose second choice is one of the two is added to that one. Ballots with no second choice for either of the two are non-transferable: they take no part in the second round.",
        ),
        (
            VotingSystem::InstantRunoff,
            "How instant runoff works",
            "Voters rank the candidates. While nobody has more than half of the votes still in play, the candidate with the fewest is eliminated and their ballots move to each voter's next choice still in the count. Ballots that run out of choices are exhausted.",
        ),
        (
            VotingSystem::SingleTransferableVote,
            "How the single transferable vote works",
            "Voters rank the candidates, and several seats are filled. A candidate whose votes reach the quota is elected, and the votes they have beyond it, their surplus, move on to each voter's next choice at a fraction of each ballot's value. When nobody reaches the quota and no surplus is left to move, the candidate with the fewest votes is eliminated and their ballots move on. Ballots that run out of choices are exhausted. It goes on until every seat is filled.",
        ),
        (
            VotingSystem::FirstPastThePost,
            "How first past the post works",
            "Each voter marks one choice and the most votes wins, with or without more than half. No second choices are asked for and nothing is transferred.",
        ),
    ];
    // This contest's system first, then the others to compare with.
    for (system, title, body) in systems
        .iter()
        .filter(|s| s.0 == this)
        .chain(systems.iter().filter(|s| s.0 != this))
    {
        let _ = system;
        out.push(Explainer {
            title: (*title).into(),
            body: (*body).into(),
        });
    }
    out
}

/// Of a round with many sources (London 2021's published table has 18), this many of the
/// biggest get a beat each; the rest move together in one more, so that a class is not
/// taken through eighteen key presses.
const SOLO_SOURCES: usize = 3;

/// The source groups of a round's transfers, each a beat: the distinct sources in order,
/// or, when there are more than `SOLO_SOURCES + 1`, the biggest `SOLO_SOURCES` alone (the
/// biggest first) and the others together.
fn groups(l: &Counted, r: usize) -> Vec<Vec<usize>> {
    let transfers = &l.count.rounds[r].transfers;
    let mut gs: Vec<Vec<usize>> = Vec::new();
    for t in transfers {
        if !gs.contains(&t.from) {
            gs.push(t.from.clone());
        }
    }
    if gs.len() <= SOLO_SOURCES + 1 {
        return gs;
    }
    let ballots = |g: &Vec<usize>| -> Votes {
        transfers
            .iter()
            .filter(|t| &t.from == g)
            .fold(Votes::ZERO, |sum, t| sum + t.votes)
    };
    // Stable: equal sources keep the published order.
    gs.sort_by_key(|g| std::cmp::Reverse(ballots(g)));
    let mut rest: Vec<usize> = gs.split_off(SOLO_SOURCES).into_iter().flatten().collect();
    rest.sort_unstable();
    rest.dedup();
    gs.push(rest);
    gs
}

/// Whether a transfer from `from` belongs to the beat of `group`.
fn in_group(group: &[usize], from: &[usize]) -> bool {
    !from.is_empty() && from.iter().all(|f| group.contains(f))
}

/// Figures in the sentences (votes and shares) are marked while they are written, so that
/// the screen can show the sentence with every figure hidden (`n`) and nothing else changed:
/// names, titles and how many candidates stood stay.
const FIG_START: char = '\u{E000}';
const FIG_END: char = '\u{E001}';

/// A figure in a sentence.
fn fig(s: impl std::fmt::Display) -> String {
    format!("{FIG_START}{s}{FIG_END}")
}

/// A number of votes in a sentence.
fn num(v: Votes) -> String {
    fig(thousands(v))
}

/// A figure and its noun, in the singular for one: "1 vote", "2 ballots" (the figure marked
/// as `num` marks it; the noun is not a figure and stays when figures are hidden).
fn num_of(v: Votes, one: &str, many: &str) -> String {
    format!("{} {}", num(v), if v == 1u64 { one } else { many })
}

/// "; 150 more ballots were inactive from the start": round 1's exhausted pile, said beside
/// the votes in play (nothing when there is none).
fn inactive_from_the_start(exhausted: Votes) -> String {
    if exhausted.is_zero() {
        String::new()
    } else if exhausted == 1u64 {
        format!(
            "; {} more ballot was inactive from the start",
            num(exhausted)
        )
    } else {
        format!(
            "; {} more ballots were inactive from the start",
            num(exhausted)
        )
    }
}

/// A share in a sentence.
fn pct(part: Votes, whole: Votes) -> String {
    fig(share(part, whole).unwrap_or_default())
}

/// The sentence as shown, and as shown with its figures hidden.
fn unmark(marked: &str) -> (String, String) {
    let mut plain = String::with_capacity(marked.len());
    let mut hidden = String::with_capacity(marked.len());
    let mut inside = false;
    for c in marked.chars() {
        match c {
            FIG_START => {
                inside = true;
                hidden.push('?');
            }
            FIG_END => inside = false,
            _ => {
                plain.push(c);
                if !inside {
                    hidden.push(c);
                }
            }
        }
    }
    (plain, hidden)
}

/// A name, without the figure marks (names are never hidden).
fn name(l: &Counted, i: usize) -> String {
    unmarked(&clean(&l.contest.candidates[i].name))
}

fn unmarked(s: &str) -> String {
    s.chars()
        .filter(|&c| c != FIG_START && c != FIG_END)
        .collect()
}

/// What is on screen at `beat`.
pub fn frame(l: &Counted, beat: Beat) -> Frame {
    let mut f = frame_untidied(l, beat);
    for s in [
        &mut f.heading,
        &mut f.big,
        &mut f.big_hidden,
        &mut f.explanation,
        &mut f.explanation_hidden,
    ] {
        *s = super::words::tidy_stops(s);
    }
    f
}

fn frame_untidied(l: &Counted, beat: Beat) -> Frame {
    let c = &l.contest;
    let count = &l.count;
    let first = count.first();
    let nc = c.candidates.len();
    let order = reveal_order(l);
    let all_first: Vec<Option<Votes>> = (0..nc).map(|i| first.tally(i)).collect();
    let mut f = Frame {
        heading: String::new(),
        votes: vec![None; nc],
        states: vec![State::Hidden; nc],
        just_out: Vec::new(),
        exhausted: None,
        threshold: None,
        focus: None,
        big: String::new(),
        big_hidden: String::new(),
        big_number: None,
        explanation: String::new(),
        explanation_hidden: String::new(),
    };
    let multi = super::published::multi_seat(l);
    let published = super::published::published(c).is_some();
    // Rounds fully shown before this beat, and the state they give (with several seats,
    // those elected stay marked so).
    let show_round = |f: &mut Frame, r: usize| {
        let round = &count.rounds[r];
        for i in 0..nc {
            match round.tally(i) {
                Some(v) => {
                    f.votes[i] = Some(v);
                    f.states[i] = if multi && round.states[i] == crate::count::State::Elected {
                        State::Winner
                    } else {
                        State::Shown
                    };
                }
                None => {
                    f.votes[i] = None;
                    f.states[i] = State::Out;
                }
            }
        }
        if r > 0 {
            f.exhausted = Some(round.exhausted);
        }
    };
    let mark_out = |f: &mut Frame, r: usize| {
        for &e in &count.rounds[r].eliminated {
            f.states[e] = State::Out;
        }
    };
    let words = c.method.words();
    let ballot = words.ballot;
    let valid_word = words.first;
    let exhausted_word = words.exhausted.to_lowercase();
    // A sentence of its own for hidden figures, where hiding the figures alone would still
    // tell the answer (names in vote order).
    let mut hidden_explanation: Option<String> = None;
    // Likewise the big text.
    let mut hidden_big: Option<String> = None;
    // The big text and the sentence, with their figures marked.
    let (big, explanation): (String, String) = match beat {
        Beat::Candidates => {
            f.heading = "Who stood".into();
            (
                unmarked(&clean(&c.title)),
                format!(
                    "{} for {}. {ballot}",
                    if nc == 1 {
                        "1 candidate stood".to_string()
                    } else {
                        format!("{nc} candidates stood")
                    },
                    unmarked(&clean(&c.title))
                ),
            )
        }
        Beat::Reveal(k) => {
            f.heading = format!("{}: {k} of {nc} revealed", capitalised(words.first));
            for &i in order.iter().take(k) {
                f.votes[i] = all_first[i];
                f.states[i] = State::Shown;
            }
            let i = order[k.saturating_sub(1).min(nc - 1)];
            let v = all_first[i].unwrap_or(Votes::ZERO);
            f.focus = Some(i);
            f.big_number = Some(v);
            let party = if c.candidates[i].party.is_empty() {
                String::new()
            } else {
                format!(" ({})", unmarked(&clean(&c.candidates[i].party)))
            };
            // "1 first preference", "1 vote": the table's words are plurals.
            let one = valid_word.strip_suffix('s').unwrap_or(valid_word);
            // The votes in play in round 1: ballots inactive from the start (an overvote or
            // a skipped first ranking in a published count) are no one's first preference.
            let in_play = first.continuing;
            let mut e = if in_play.is_zero() {
                format!(
                    "{}{party}: {}. No votes have been counted yet.",
                    name(l, i),
                    num_of(v, one, valid_word)
                )
            } else {
                format!(
                    "{}{party}: {}, {} of the {} valid votes.",
                    name(l, i),
                    num_of(v, one, valid_word),
                    pct(v, in_play),
                    num(in_play)
                )
            };
            if k == nc && !in_play.is_zero() {
                e.push_str(&format!(
                    " That is every one of the {} counted{}.",
                    num(in_play),
                    inactive_from_the_start(first.exhausted)
                ));
            }
            (name(l, i), e)
        }
        Beat::AllFirst => {
            show_round(&mut f, 0);
            f.heading = format!("All {valid_word}");
            let standings = first.standings();
            let rest: Votes = standings.iter().skip(3).map(|(_, v)| *v).sum();
            let others = standings.len().saturating_sub(3);
            // "Of the 2,484,432 valid votes, Sadiq Khan has 1,088,225 (43.8%), …": the
            // same words whatever the system calls its first count.
            let in_play = first.continuing;
            let mut e = if in_play.is_zero() {
                "No votes have been counted yet.".to_string()
            } else {
                format!("Of the {} valid votes, ", num(in_play))
            };
            if !in_play.is_zero() {
                let named: Vec<String> = standings
                    .iter()
                    .take(3)
                    .enumerate()
                    .map(|(k, (i, v))| {
                        format!(
                            "{}{} {} ({})",
                            name(l, *i),
                            if k == 0 { " has" } else { "" },
                            num(*v),
                            pct(*v, in_play)
                        )
                    })
                    .collect();
                e.push_str(&join_names(&named));
                if others > 0 {
                    e.push_str(&if others == 1 {
                        format!("; the other 1 has {}", num(rest))
                    } else {
                        format!("; the other {others} have {} between them", num(rest))
                    });
                }
                e.push_str(&inactive_from_the_start(first.exhausted));
                e.push('.');
            }
            // Hidden, the names in vote order would tell the answer.
            hidden_explanation = Some(if in_play.is_zero() {
                "No votes have been counted yet.".to_string()
            } else {
                format!(
                    "All {} valid votes are counted. Who has the most?",
                    num(in_play)
                )
            });
            (format!("All {valid_word}"), e)
        }
        Beat::Majority => {
            show_round(&mut f, 0);
            f.heading = "The majority line".into();
            // Nothing counted: no line to draw.
            f.threshold = (!count.valid.is_zero()).then_some(first.threshold);
            let (leader, lv) = first.standings()[0];
            f.focus = Some(leader);
            f.big_number = Some(first.threshold);
            // Who goes at the end of round 1: the undeclared write-in first (RCTab's rule, in
            // a count tally made), a batch together, or the one with the fewest votes.
            let who_goes = if super::published::write_in_first(l, 0).is_some() {
                "so the undeclared write-ins go out first, as RCTab's rules do, and their ballots move on"
            } else if first.eliminated.len() > 1 {
                "so the candidates at the bottom go out together and their ballots move on"
            } else {
                "so the candidate with the fewest votes goes out and their ballots move on"
            };
            let e = match c.method.system() {
                _ if count.valid.is_zero() => {
                    "No votes yet: nothing has been counted, so nobody is ahead.".to_string()
                }
                _ if published
                    && !multi
                    && first.threshold != first.continuing.majority()
                    && !first.continuing.is_zero() =>
                {
                    format!(
                        "To win a candidate needs {} votes, {}. {}",
                        num(first.threshold),
                        super::published::basis(c).gives,
                        if first.elected.contains(&leader) {
                            format!(
                                "{} has {}, and is elected on first preferences.",
                                name(l, leader),
                                num(lv)
                            )
                        } else {
                            format!("Nobody has that, {}.", who_goes)
                        }
                    )
                }
                _ if multi && !first.elected.is_empty() => {
                    let won: Vec<String> = first.elected.iter().map(|&i| name(l, i)).collect();
                    format!(
                        "{} seats are to be filled, and the quota is {} of the {} valid votes. {} {} it, and {} elected.",
                        c.seats,
                        num(first.threshold),
                        num(first.continuing),
                        join_names(&won),
                        if won.len() == 1 { "reaches" } else { "reach" },
                        if won.len() == 1 { "is" } else { "are" }
                    )
                }
                VotingSystem::FirstPastThePost => format!(
                    "More than half of the {} valid votes would be {}. Under first past the post nobody needs that: the most votes wins, and {} has the most, {}.",
                    num(first.continuing),
                    num(first.threshold),
                    name(l, leader),
                    num(lv)
                ),
                _ if first.elected.contains(&leader) => format!(
                    "More than half of the {} valid votes is {}. {} has {}, more than that, and is elected on first preferences.",
                    num(first.continuing),
                    num(first.threshold),
                    name(l, leader),
                    num(lv)
                ),
                VotingSystem::SupplementaryVote => format!(
                    "More than half of the {} valid votes is {}. Nobody has that, so only the top two stay in.",
                    num(first.continuing),
                    num(first.threshold)
                ),
                VotingSystem::SingleTransferableVote => format!(
                    "{} seats are to be filled, and the quota is {} of the {} valid votes. Nobody has that yet, so the candidate with the fewest votes goes out and their ballots move on.",
                    c.seats,
                    num(first.threshold),
                    num(first.continuing)
                ),
                VotingSystem::InstantRunoff => format!(
                    "More than half of the {} valid votes is {}. Nobody has that, {}.",
                    num(first.continuing),
                    num(first.threshold),
                    who_goes
                ),
            };
            let big = if multi {
                "The quota"
            } else if published {
                "The threshold"
            } else {
                "More than half?"
            };
            (big.into(), e)
        }
        Beat::Tie(r, k) => {
            show_round(&mut f, r);
            let round = &count.rounds[r];
            f.threshold = Some(round.threshold);
            f.heading = "A tie".into();
            match round.tie_breaks.get(k) {
                Some(tie) => {
                    let tied: Vec<String> = tie.tied.iter().map(|&i| name(l, i)).collect();
                    let preferred: Vec<String> =
                        tie.preferred.iter().map(|&i| name(l, i)).collect();
                    let (what, one, many) = match tie.kind {
                        TieKind::SecondPlace => ("second place", "goes through", "go through"),
                        TieKind::Elimination => ("last place", "stays in", "stay in"),
                        TieKind::Winner => ("first place", "wins", "win"),
                    };
                    f.focus = tie.preferred.first().copied();
                    f.big_number = Some(tie.votes);
                    (
                        "A tie".into(),
                        format!(
                            "{} are tied for {what} on {} each. The tie was broken {}: {} {}.",
                            join_names(&tied),
                            num_of(tie.votes, "vote", "votes"),
                            super::published::tie_rule(l, r, tie)
                                .unwrap_or_else(|| c.tie_rule_words(tie.rule).to_string()),
                            join_names(&preferred),
                            if preferred.len() == 1 { one } else { many }
                        ),
                    )
                }
                None => ("A tie".into(), "A tie.".into()),
            }
        }
        Beat::Eliminate(r) if count.rounds[r].eliminated.is_empty() => {
            // A published count's round that ends with someone elected: their surplus
            // moves next; or, rarely, with nothing at all.
            show_round(&mut f, r);
            let round = &count.rounds[r];
            f.threshold = Some(round.threshold);
            for &w in &round.elected {
                f.states[w] = State::Winner;
            }
            let won: Vec<String> = round.elected.iter().map(|&i| name(l, i)).collect();
            f.heading = "Elected".into();
            f.focus = round.elected.first().copied();
            f.big_number = f.focus.map(|w| round.votes[w]);
            let e = if won.is_empty() {
                "Nobody is elected or eliminated in this round.".to_string()
            } else {
                let surplus: Votes = round
                    .elected
                    .iter()
                    .map(|&w| round.votes[w].saturating_sub(round.threshold))
                    .sum();
                format!(
                    "{} {} the quota of {} and {} elected. {}",
                    join_names(&won),
                    if won.len() == 1 { "reaches" } else { "reach" },
                    num(round.threshold),
                    if won.len() == 1 { "is" } else { "are" },
                    if surplus.is_zero() {
                        "There is no surplus to move on.".to_string()
                    } else {
                        format!(
                            "The surplus, the {} beyond the quota, moves on to the voters' next choices at a fraction of each ballot's value.",
                            num_of(surplus, "vote", "votes")
                        )
                    }
                )
            };
            (join_names(&won), e)
        }
        Beat::Eliminate(r) => {
            show_round(&mut f, r);
            f.threshold = Some(count.rounds[r].threshold);
            mark_out(&mut f, r);
            let round = &count.rounds[r];
            f.just_out = round.eliminated.clone();
            // A long list (a published count of 36) scrolls to those going out.
            if published {
                f.focus = round.eliminated.first().copied();
            }
            let names: Vec<String> = round.eliminated.iter().map(|&i| name(l, i)).collect();
            let ballots: Votes = round
                .eliminated
                .iter()
                .filter_map(|&i| round.tally(i))
                .sum();
            f.heading = "Eliminated".into();
            let big = if names.len() == 1 {
                names[0].clone()
            } else {
                format!("{} out", names.len())
            };
            f.big_number = Some(ballots);
            let who = if names.len() > 4 {
                format!("{} candidates", names.len())
            } else {
                join_names(&names)
            };
            let e = match c.method.system() {
                VotingSystem::SupplementaryVote => format!(
                    "{who} {} eliminated together. Their {} looked at again for a second choice.",
                    if names.len() == 1 { "is" } else { "are" },
                    if ballots == 1u64 {
                        format!("{} ballot is", num(ballots))
                    } else {
                        format!("{} ballots are", num(ballots))
                    }
                ),
                _ => {
                    let go = if ballots == 1u64 {
                        format!("{} ballot goes", num(ballots))
                    } else {
                        format!("{} ballots go", num(ballots))
                    };
                    // A count tally made says why, when a rule rather than the fewest
                    // votes decided it: the write-in first, a batch, the minimum.
                    match super::published::write_in_first(l, r) {
                        Some(first) => format!(
                            "{first} Their {go} to each voter's next choice still in the count."
                        ),
                        None => format!(
                            "{who} {} the fewest votes and {} eliminated.{} Their {go} to each voter's next choice still in the count.",
                            if names.len() == 1 { "has" } else { "have" },
                            if names.len() == 1 { "is" } else { "are" },
                            super::published::together_because(l, r)
                                .filter(|_| names.len() > 1)
                                .map(|why| format!(" {why}"))
                                .unwrap_or_default(),
                        ),
                    }
                }
            };
            (big, e)
        }
        Beat::Transfer(r, g) => {
            // The previous round, with this round's groups up to g applied.
            let prev = &count.rounds[r - 1];
            show_round(&mut f, r - 1);
            mark_out(&mut f, r - 1);
            f.threshold = Some(count.rounds[r].threshold);
            let gs = groups(l, r);
            let mut exhausted = prev.exhausted;
            let mut votes: Vec<Option<Votes>> = f.votes.clone();
            let mut this: Vec<String> = Vec::new();
            // Where each part of `this` comes on the ballot paper (the pile last).
            let mut this_at: Vec<usize> = Vec::new();
            let on_paper = ballot_order(l);
            let mut group_total = Votes::ZERO;
            // This beat's ballots by destination, in the order first met (a group of several
            // sources adds theirs together).
            let mut moved: Vec<(Destination, Votes)> = Vec::new();
            for (k, group) in gs.iter().enumerate().take(g + 1) {
                for &e in group {
                    votes[e] = Some(Votes::ZERO);
                }
                for t in count.rounds[r]
                    .transfers
                    .iter()
                    .filter(|t| in_group(group, &t.from))
                {
                    match t.to {
                        Destination::Candidate(i) => votes[i] = votes[i].map(|v| v + t.votes),
                        Destination::Exhausted => exhausted += t.votes,
                    }
                    if k == g {
                        group_total += t.votes;
                        match moved.iter_mut().find(|(to, _)| *to == t.to) {
                            Some((_, v)) => *v += t.votes,
                            None => moved.push((t.to, t.votes)),
                        }
                    }
                }
            }
            for (to, v) in &moved {
                this_at.push(match to {
                    Destination::Candidate(i) => {
                        on_paper.iter().position(|j| j == i).unwrap_or(usize::MAX)
                    }
                    Destination::Exhausted => usize::MAX,
                });
                this.push(match to {
                    Destination::Candidate(i) => format!("{} to {}", num(*v), name(l, *i)),
                    Destination::Exhausted => format!(
                        "{} {} ({exhausted_word})",
                        num(*v),
                        if *v == 1u64 {
                            words.exhausts_one
                        } else {
                            words.exhausts
                        }
                    ),
                });
            }
            // Those the group's ballots went out from show as out, not as empty bars; an
            // elected candidate whose surplus moved keeps what they keep (the quota).
            for group in gs.iter().take(g + 1) {
                for &e in group {
                    match count.rounds[r].tally(e) {
                        Some(kept) if prev.elected.contains(&e) => {
                            votes[e] = Some(kept);
                            f.states[e] = State::Winner;
                        }
                        _ => {
                            votes[e] = None;
                            f.states[e] = State::Out;
                        }
                    }
                }
            }
            f.votes = votes;
            f.exhausted = Some(exhausted);
            let group = &gs[g];
            let surplus_of =
                (group.len() == 1 && prev.elected.contains(&group[0])).then(|| name(l, group[0]));
            let from = if group.len() == 1 {
                super::words::possessive(&name(l, group[0]))
            } else if group.len() <= 3 {
                let names: Vec<String> = group.iter().map(|&i| name(l, i)).collect();
                super::words::possessive(&join_names(&names))
            } else {
                format!("the {} eliminated candidates'", group.len())
            };
            let derived = count.rounds[r].derived;
            f.heading = format!(
                "Transfers from {}",
                if group.len() == 1 {
                    name(l, group[0])
                } else {
                    format!("{} candidates", group.len())
                }
            );
            let (to, tv) = moved
                .iter()
                .filter_map(|(to, v)| match to {
                    Destination::Candidate(i) => Some((*i, *v)),
                    Destination::Exhausted => None,
                })
                .max_by_key(|(_, v)| *v)
                .unwrap_or((0, Votes::ZERO));
            f.focus = Some(to);
            let sentence = |this: &[String]| {
                if let Some(who) = &surplus_of {
                    format!(
                        "{} surplus moves on at a fraction of each ballot's value, {} in all: {}.",
                        super::words::possessive(who),
                        num_of(group_total, "vote", "votes"),
                        join_names(this)
                    )
                } else if derived {
                    // The file does not say where they went: only the change in tallies.
                    format!(
                        "The file does not say where {from} {} went; from the change in tallies: {}.",
                        num_of(group_total, "ballot", "ballots"),
                        join_names(this)
                    )
                } else if this.is_empty() {
                    format!("Of {from} ballots, none move.")
                } else {
                    format!(
                        "Of {from} {}: {}.",
                        num_of(group_total, "ballot", "ballots"),
                        join_names(this)
                    )
                }
            };
            let e = sentence(&this);
            // Hidden: the gains in ballot-paper order, which says nothing of who gains most.
            let mut paper: Vec<(usize, String)> = this_at.into_iter().zip(this).collect();
            paper.sort_by_key(|(at, _)| *at);
            let paper: Vec<String> = paper.into_iter().map(|(_, s)| s).collect();
            hidden_explanation = Some(sentence(&paper));
            // Hidden, the name of the biggest gain would tell where the ballots went.
            hidden_big = Some("Who gains?".into());
            (format!("+{} {}", num(tv), name(l, to)), e)
        }
        Beat::Totals(r) => {
            show_round(&mut f, r);
            let round = &count.rounds[r];
            f.threshold = Some(round.threshold);
            f.heading = format!("After round {}", round.number);
            let standings = round.standings();
            let (top, tv) = standings[0];
            f.focus = Some(top);
            f.big_number = Some(tv);
            let sentence = |parts: Vec<String>| {
                let line = if multi {
                    format!("the quota is {}", num(round.threshold))
                } else if published && round.threshold != round.continuing.majority() {
                    format!(
                        "{} is {}",
                        super::published::basis(c).threshold,
                        num(round.threshold)
                    )
                } else {
                    format!(
                        "more than half of {} is {}",
                        if round.continuing == 1u64 {
                            "it"
                        } else {
                            "them"
                        },
                        num(round.threshold)
                    )
                };
                let mut e = format!(
                    "{}; {exhausted_word} {}. {} still in play, and {line}.",
                    join_names(&parts),
                    num(round.exhausted),
                    if round.continuing == 1u64 {
                        format!("{} vote is", num(round.continuing))
                    } else {
                        format!("{} votes are", num(round.continuing))
                    },
                );
                if round.elected.is_empty() && !round.eliminated.is_empty() {
                    e.push_str(" Still nobody has that.");
                }
                // A count tally made says which rule stopped the ballots that stopped.
                if super::published::tabulation(c).is_some()
                    && let Some(why) = super::published::inactive_line(l, r)
                {
                    e.push(' ');
                    e.push_str(&why);
                }
                e
            };
            // Many still in (a published count of 36): the top four by name, the rest
            // together, so the sentence leaves the bars room at 80×24.
            const NAMED: usize = 4;
            let many = standings.len() > NAMED + 1;
            let mut parts: Vec<String> = standings
                .iter()
                .take(if many { NAMED } else { standings.len() })
                .map(|(i, v)| format!("{} {}", name(l, *i), num(*v)))
                .collect();
            if many {
                let rest: Votes = standings[NAMED..].iter().map(|(_, v)| *v).sum();
                parts.push(format!(
                    "the other {} with {} between them",
                    standings.len() - NAMED,
                    num(rest)
                ));
            }
            let e = sentence(parts);
            // Hidden: the same sentence in ballot-paper order, which tells nobody's place
            // (with many, only how many are still in).
            hidden_explanation = Some(if many {
                sentence(vec![format!("{} candidates are still in", standings.len())])
            } else {
                sentence(
                    ballot_order(l)
                        .into_iter()
                        .filter_map(|i| {
                            round.tally(i).map(|v| format!("{} {}", name(l, i), num(v)))
                        })
                        .collect(),
                )
            });
            hidden_big = Some("Who leads?".into());
            (name(l, top), e)
        }
        Beat::WhoWins => {
            f.heading = "Who wins?".into();
            let last = count.rounds.len() - 1;
            let e = if last == 0 {
                format!("Who wins? Make your guess before the {valid_word} are revealed.")
            } else {
                // As the last elimination left it: no ballot of the last round moved yet.
                show_round(&mut f, last - 1);
                mark_out(&mut f, last - 1);
                f.threshold = Some(count.rounds[last - 1].threshold);
                let left: Vec<String> = count.rounds[last]
                    .standings()
                    .iter()
                    .map(|(i, _)| name(l, *i))
                    .collect();
                format!(
                    "{} are left in. Who wins? Make your guess before the ballots move.",
                    if left.len() > 4 {
                        format!("{} candidates", left.len())
                    } else {
                        join_names(&left)
                    }
                )
            };
            ("Who wins?".into(), e)
        }
        Beat::Winner => {
            let last_index = count.rounds.len() - 1;
            show_round(&mut f, last_index);
            let last = count.last();
            f.threshold = Some(last.threshold);
            f.heading = "The winner".into();
            let won = count.elected();
            match count.winner() {
                Some(_) if multi => {
                    f.heading = "Elected".into();
                    for &w in won {
                        f.states[w] = State::Winner;
                    }
                    f.focus = won.first().copied();
                    let names: Vec<String> = won.iter().map(|&i| name(l, i)).collect();
                    (
                        format!("{} elected", won.len()),
                        format!(
                            "Elected, in order: {}. Each reached the quota of {}, or was elected {}.",
                            join_names(&names),
                            num(last.threshold),
                            super::published::basis(c).has_it
                        ),
                    )
                }
                Some(w) if published && last.votes[w] < last.threshold => {
                    f.states[w] = State::Winner;
                    let wv = last.votes[w];
                    f.focus = Some(w);
                    f.big_number = Some(wv);
                    let tie = last
                        .tie_breaks
                        .iter()
                        .any(|t| t.kind == TieKind::Winner && t.preferred.contains(&w));
                    let alone = last.standings().len() == 1;
                    (
                        name(l, w),
                        format!(
                            "{} wins with {}, below the threshold of {}: {}",
                            name(l, w),
                            num_of(wv, "vote", "votes"),
                            num(last.threshold),
                            if tie {
                                format!(
                                    "the tie decided it, {}.",
                                    super::published::basis(c).records
                                )
                            } else if alone {
                                "nobody else is left in the count.".to_string()
                            } else {
                                format!("{}.", super::published::basis(c).has_it)
                            }
                        ),
                    )
                }
                Some(w) => {
                    f.states[w] = State::Winner;
                    let wv = last.votes[w];
                    f.focus = Some(w);
                    f.big_number = Some(wv);
                    (
                        name(l, w),
                        format!(
                            "{} wins with {}: {} of the votes in the last round, {} of all valid votes.",
                            name(l, w),
                            num_of(wv, "vote", "votes"),
                            pct(wv, last.continuing),
                            pct(wv, count.valid)
                        ),
                    )
                }
                None => ("The winner".into(), "No winner.".into()),
            }
        }
    };
    (f.big, f.big_hidden) = unmark(&big);
    (f.explanation, f.explanation_hidden) = unmark(&explanation);
    if let Some(h) = hidden_explanation {
        f.explanation_hidden = unmark(&h).1;
    }
    if let Some(h) = hidden_big {
        f.big_hidden = unmark(&h).1;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london(id: &str) -> Counted {
        crate::import::embedded::get(id).unwrap().load().unwrap()
    }

    #[test]
    fn london_2004_asks_for_the_guess_before_the_transfer() {
        let l = london("london-2004");
        let b = beats(&l);
        assert_eq!(b.first(), Some(&Beat::Candidates));
        assert_eq!(b[1], Beat::Reveal(1));
        assert_eq!(b[11], Beat::AllFirst);
        assert_eq!(b[12], Beat::Majority);
        assert_eq!(
            &b[13..],
            [
                Beat::Eliminate(0),
                Beat::WhoWins,
                Beat::Transfer(1, 0),
                Beat::Totals(1),
                Beat::Winner
            ]
        );
        assert_eq!(after_reveals(&l), 11);
    }

    /// The texts of a frame that could give a figure away.
    fn texts(f: &Frame) -> String {
        format!("{} | {} | {:?}", f.big, f.explanation, f.big_number)
    }

    #[test]
    fn no_beat_shows_a_final_total_before_the_guess() {
        for e in crate::import::embedded::ALL {
            let l = e.load().unwrap();
            let all = beats(&l);
            let Some(guess) = all.iter().position(|b| *b == Beat::WhoWins) else {
                continue;
            };
            let count = &l.count;
            let last = count.last();
            // The final totals that the lesson has not shown before the last round.
            let earlier = count.rounds.len().checked_sub(2).map(|r| &count.rounds[r]);
            let finals: Vec<(usize, Votes)> = last
                .standings()
                .into_iter()
                .filter(|(i, v)| earlier.is_none_or(|r| r.tally(*i) != Some(*v)))
                .collect();
            assert!(!finals.is_empty(), "{}", e.id);
            for b in &all[..guess] {
                let f = frame(&l, *b);
                for &(i, v) in &finals {
                    assert_ne!(f.votes[i], Some(v), "{} {b:?} shows a final total", e.id);
                    assert_ne!(f.big_number, Some(v), "{} {b:?}", e.id);
                    assert!(
                        !texts(&f).contains(&thousands(v)),
                        "{} {b:?} says a final total: {}",
                        e.id,
                        texts(&f)
                    );
                }
                assert!(!f.states.contains(&State::Winner), "{} {b:?}", e.id);
            }
        }
    }

    #[test]
    fn a_count_decided_in_its_first_round_asks_before_any_figure() {
        let l = london("london-2024");
        let b = beats(&l);
        assert_eq!(&b[..3], [Beat::Candidates, Beat::WhoWins, Beat::Reveal(1)]);
        assert_eq!(b.last(), Some(&Beat::Winner));
    }

    #[test]
    fn hidden_sentences_keep_the_words_and_lose_every_figure() {
        for e in crate::import::embedded::ALL {
            let l = e.load().unwrap();
            for b in beats(&l) {
                let f = frame(&l, b);
                let figures = f
                    .votes
                    .iter()
                    .flatten()
                    .chain(f.exhausted.iter())
                    .chain(f.threshold.iter())
                    .chain(f.big_number.iter())
                    .chain(std::iter::once(&l.count.valid));
                for v in figures.filter(|v| **v >= Votes::new(100)) {
                    let shown = thousands(*v);
                    assert!(
                        !f.explanation_hidden.contains(&shown) && !f.big_hidden.contains(&shown),
                        "{} {b:?}: {shown} in {} / {}",
                        e.id,
                        f.explanation_hidden,
                        f.big_hidden
                    );
                }
                assert!(
                    !f.explanation_hidden.contains('%'),
                    "{} {b:?}: {}",
                    e.id,
                    f.explanation_hidden
                );
                // "All first preferences" hidden names nobody: its names come in vote order.
                for c in l.contest.candidates.iter().filter(|_| b != Beat::AllFirst) {
                    if f.explanation.contains(c.name.as_str()) {
                        assert!(f.explanation_hidden.contains(c.name.as_str()), "{b:?}");
                    }
                }
            }
        }
        let l = london("london-2004");
        let f = frame(&l, Beat::Candidates);
        assert_eq!(
            (f.explanation_hidden.as_str(), f.big_hidden.as_str()),
            (f.explanation.as_str(), "Mayor of London 2004"),
            "who stood has no votes to hide: names, the title's year and how many stood stay"
        );
    }

    #[test]
    fn hidden_sentences_do_not_list_names_by_votes() {
        let l = london("london-2021");
        let t = frame(&l, Beat::Transfer(1, 0));
        assert!(
            t.explanation_hidden
                .contains("? to Shaun Bailey, ? to Sadiq Khan and ?"),
            "ballot-paper order, not by votes: {}",
            t.explanation_hidden
        );
        assert_eq!(t.big_hidden, "Who gains?");
        let r = frame(&l, Beat::Totals(1));
        assert!(
            r.explanation_hidden
                .starts_with("Shaun Bailey ? and Sadiq Khan ?"),
            "{}",
            r.explanation_hidden
        );
        assert_eq!(r.big_hidden, "Who leads?");
        let a = frame(&l, Beat::AllFirst);
        assert!(
            !a.explanation_hidden.contains("Khan"),
            "{}",
            a.explanation_hidden
        );
    }

    #[test]
    fn a_transfer_names_every_gain_and_the_non_transferable_pile() {
        // 2004 declared only the totals: one transfer from all the eliminated together.
        let l = london("london-2004");
        let f = frame(&l, Beat::Transfer(1, 0));
        for part in [
            "142,839 to Ken Livingstone",
            "124,755 to Steven Norris",
            "368,113 name neither finalist (non-transferable)",
        ] {
            assert!(f.explanation.contains(part), "{}", f.explanation);
        }
        assert!(!beats(&l).contains(&Beat::Transfer(1, 1)));
    }

    #[test]
    fn with_a_matrix_the_biggest_sources_transfer_alone_and_the_rest_together() {
        // 2021's first-by-second table: 18 eliminated candidates. The three biggest
        // (Berry, Porritt, Omilana) have a beat each, largest first; the other 15 move
        // together in a fourth; then the totals.
        let l = london("london-2021");
        let all = beats(&l);
        let transfers: Vec<&Beat> = all
            .iter()
            .filter(|b| matches!(b, Beat::Transfer(..)))
            .collect();
        assert_eq!(transfers.len(), 4);
        let rest = frame(&l, Beat::Transfer(1, 3));
        // The 15 smallest: 624,585 ballots of the 18, less Berry's 197,976, Porritt's
        // 111,716 and Omilana's 49,628.
        let rest_ballots = 624_585 - 197_976 - 111_716 - 49_628;
        assert!(
            rest.explanation.starts_with(&format!(
                "Of the 15 eliminated candidates' {} ballots:",
                crate::text::thousands(rest_ballots as u64)
            )),
            "{}",
            rest.explanation
        );
        assert_eq!(rest.heading, "Transfers from 15 candidates");
        // After the last transfer beat, every eliminated candidate is out and the
        // finalists hold their final totals.
        let t = frame(&l, Beat::Totals(1));
        let last = frame(&l, Beat::Transfer(1, 3));
        assert_eq!(last.votes, t.votes);
        let f = frame(&l, Beat::Transfer(1, 0));
        assert!(
            f.explanation.starts_with("Of Siân Berry's 197,976 ballots: 93,745 to Sadiq Khan, 14,969 to Shaun Bailey and 89,262 name neither finalist (non-transferable)"),
            "{}",
            f.explanation
        );
        let f = frame(&l, Beat::Transfer(1, 1));
        assert!(
            f.explanation.contains("15,206 to Shaun Bailey"),
            "Porritt's: {}",
            f.explanation
        );
        let t = frame(&l, Beat::Totals(1));
        for part in ["1,206,034", "977,601"] {
            assert!(t.explanation.contains(part), "{}", t.explanation);
        }
    }

    #[test]
    fn before_the_winner_the_explainers_name_nobody() {
        let l = london("london-2004");
        let all = beats(&l);
        let winner = all.iter().position(|b| *b == Beat::Winner).unwrap();
        assert!(!winner_revealed(&all, winner - 1));
        assert!(winner_revealed(&all, winner));
        let text: String = explainers_before_the_result(&l)
            .iter()
            .map(|e| format!("{} {}", e.title, e.body))
            .collect();
        for c in &l.contest.candidates {
            assert!(!text.contains(c.name.as_str()), "{}", c.name);
        }
        assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
    }

    #[test]
    fn reveals_go_from_smallest_and_hide_the_rest() {
        let l = london("london-2004");
        let f = frame(&l, Beat::Reveal(1));
        let nagalingam = l.contest.candidate_index("nagalingam").unwrap();
        assert_eq!(f.focus, Some(nagalingam));
        assert_eq!(f.votes.iter().filter(|v| v.is_some()).count(), 1);
        assert!(f.explanation.contains("6,692"), "{}", f.explanation);
    }

    #[test]
    fn the_majority_beat_explains_the_threshold_from_the_data() {
        let l = london("london-2004");
        let f = frame(&l, Beat::Majority);
        assert_eq!(
            f.explanation,
            "More than half of the 1,863,671 valid votes is 931,836. Nobody has that, so only the top two stay in."
        );
    }

    #[test]
    fn the_transfer_and_winner_beats_carry_the_declared_figures() {
        let l = london("london-2004");
        let t = frame(&l, Beat::Transfer(1, 0));
        assert_eq!(t.votes[0], Some(Votes::new(828_380)));
        assert_eq!(t.exhausted, Some(Votes::new(368_113)));
        assert!(
            t.explanation.contains("142,839 to Ken Livingstone"),
            "{}",
            t.explanation
        );
        let who = frame(&l, Beat::WhoWins);
        assert!(
            !who.states.contains(&State::Winner),
            "the pause keeps the winner hidden"
        );
        let w = frame(&l, Beat::Winner);
        assert_eq!(w.states[0], State::Winner);
        assert!(
            w.explanation
                .contains("828,380 votes: 55.4% of the votes in the last round"),
            "{}",
            w.explanation
        );
    }

    #[test]
    fn every_beat_of_every_contest_has_an_explanation() {
        for e in crate::import::embedded::ALL {
            let l = e.load().unwrap();
            for b in beats(&l) {
                assert!(!frame(&l, b).explanation.is_empty(), "{} {b:?}", e.id);
            }
        }
    }
}
