//! Presenter mode's script: a count broken into one idea per key press, each with what is on
//! screen and a teacher-ready sentence drawn from the data.
//!
//! The beats run: who stood; first preferences revealed one candidate at a time, smallest
//! first; the majority line and whether anyone crossed it; each elimination; each transfer;
//! the totals after it; a "Who wins?" pause; the winner. Pure functions of a count, so the
//! lesson is the same wherever it is shown, and testable without a screen.

use crate::count::Counted;
use crate::count::{Destination, Outcome};
use crate::model::{Votes, VotingSystem};
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
    /// The exhausted / non-transferable row, once there is one.
    pub exhausted: Option<Votes>,
    /// The majority line, once it has been introduced.
    pub threshold: Option<Votes>,
    /// The candidate the beat is about (big text), if any.
    pub focus: Option<usize>,
    /// Big text: a name or a question.
    pub big: String,
    /// The number to show big with it, if any.
    pub big_number: Option<Votes>,
    pub explanation: String,
}

fn name(l: &Counted, i: usize) -> String {
    clean(&l.contest.candidates[i].name).into_owned()
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
pub fn beats(l: &Counted) -> Vec<Beat> {
    let count = &l.count;
    let n_c = l.contest.candidates.len();
    let mut out = vec![Beat::Candidates];
    out.extend((1..=n_c).map(Beat::Reveal));
    out.push(Beat::Majority);
    for r in 1..count.rounds.len() {
        out.push(Beat::Eliminate(r - 1));
        let groups = groups(l, r).len();
        out.extend((0..groups).map(|g| Beat::Transfer(r, g)));
        out.push(Beat::Totals(r));
    }
    if matches!(count.outcome, Outcome::Elected(_)) {
        out.push(Beat::WhoWins);
        out.push(Beat::Winner);
    }
    out
}

/// The beat after all first preferences are revealed (for "all at once").
pub fn after_reveals(l: &Counted) -> usize {
    1 + l.contest.candidates.len()
}

/// The distinct source groups of a round's transfers, in order.
fn groups(l: &Counted, r: usize) -> Vec<Vec<usize>> {
    let mut gs: Vec<Vec<usize>> = Vec::new();
    for t in &l.count.rounds[r].transfers {
        if !gs.contains(&t.from) {
            gs.push(t.from.clone());
        }
    }
    gs
}

/// What is on screen at `beat`.
pub fn frame(l: &Counted, beat: Beat) -> Frame {
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
        exhausted: None,
        threshold: None,
        focus: None,
        big: String::new(),
        big_number: None,
        explanation: String::new(),
    };
    // Rounds fully shown before this beat, and the state they give.
    let show_round = |f: &mut Frame, r: usize| {
        let round = &count.rounds[r];
        for i in 0..nc {
            match round.tally(i) {
                Some(v) => {
                    f.votes[i] = Some(v);
                    f.states[i] = State::Shown;
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
    match beat {
        Beat::Candidates => {
            f.heading = "Who stood".into();
            f.states = vec![State::Hidden; nc];
            f.big = clean(&c.title).into_owned();
            f.explanation = format!("{} candidates stood for {}. {ballot}", nc, clean(&c.title));
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
            f.big = name(l, i);
            f.big_number = Some(v);
            let party = if c.candidates[i].party.is_empty() {
                String::new()
            } else {
                format!(" ({})", clean(&c.candidates[i].party))
            };
            f.explanation = format!(
                "{}{party}: {} {valid_word}, {} of the {} valid votes.",
                name(l, i),
                thousands(v),
                share(v, count.valid).unwrap_or_default(),
                thousands(count.valid)
            );
            if k == nc {
                f.explanation.push_str(&format!(
                    " That is every one of the {} counted.",
                    thousands(count.valid)
                ));
            }
        }
        Beat::Majority => {
            show_round(&mut f, 0);
            f.heading = "The majority line".into();
            f.threshold = Some(first.threshold);
            let (leader, lv) = first.standings()[0];
            f.focus = Some(leader);
            f.big = "More than half?".into();
            f.big_number = Some(first.threshold);
            f.explanation = match c.method.system() {
                VotingSystem::FirstPastThePost => format!(
                    "More than half of the {} valid votes would be {}. Under first past the post nobody needs that: the most votes wins, and {} has the most, {}.",
                    thousands(count.valid),
                    thousands(first.threshold),
                    name(l, leader),
                    thousands(lv)
                ),
                _ if first.elected.contains(&leader) => format!(
                    "More than half of the {} valid votes is {}. {} has {}, more than that, and is elected on first preferences.",
                    thousands(count.valid),
                    thousands(first.threshold),
                    name(l, leader),
                    thousands(lv)
                ),
                VotingSystem::SupplementaryVote => format!(
                    "More than half of the {} valid votes is {}. Nobody has that, so only the top two stay in.",
                    thousands(count.valid),
                    thousands(first.threshold)
                ),
                VotingSystem::InstantRunoff => format!(
                    "More than half of the {} valid votes is {}. Nobody has that, so the candidate with the fewest votes goes out and their ballots move on.",
                    thousands(count.valid),
                    thousands(first.threshold)
                ),
            };
        }
        Beat::Eliminate(r) => {
            show_round(&mut f, r);
            f.threshold = Some(count.rounds[r].threshold);
            mark_out(&mut f, r);
            let round = &count.rounds[r];
            let names: Vec<String> = round.eliminated.iter().map(|&i| name(l, i)).collect();
            let ballots: Votes = round
                .eliminated
                .iter()
                .filter_map(|&i| round.tally(i))
                .sum();
            f.heading = "Eliminated".into();
            f.big = if names.len() == 1 {
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
            f.explanation = match c.method.system() {
                VotingSystem::SupplementaryVote => format!(
                    "{who} are eliminated together. Their {} ballots are looked at again for a second choice.",
                    thousands(ballots)
                ),
                _ => format!(
                    "{who} {} the fewest votes and {} eliminated. Their {} ballots go to each voter's next choice still in the count.",
                    if names.len() == 1 { "has" } else { "have" },
                    if names.len() == 1 { "is" } else { "are" },
                    thousands(ballots)
                ),
            };
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
            let mut group_total = Votes::ZERO;
            for (k, group) in gs.iter().enumerate().take(g + 1) {
                for &e in group {
                    votes[e] = Some(Votes::ZERO);
                }
                for t in count.rounds[r]
                    .transfers
                    .iter()
                    .filter(|t| &t.from == group)
                {
                    match t.to {
                        Destination::Candidate(i) => votes[i] = votes[i].map(|v| v + t.votes),
                        Destination::Exhausted => exhausted += t.votes,
                    }
                    if k == g {
                        group_total += t.votes;
                        this.push(match t.to {
                            Destination::Candidate(i) => {
                                format!("{} to {}", thousands(t.votes), name(l, i))
                            }
                            Destination::Exhausted => format!(
                                "{} {}",
                                thousands(t.votes),
                                format_args!(
                                    "{} ({})",
                                    words.exhausts,
                                    words.exhausted.to_lowercase()
                                )
                            ),
                        });
                    }
                }
            }
            f.votes = votes;
            f.exhausted = Some(exhausted);
            let group = &gs[g];
            let from = if group.len() == 1 {
                format!("{}'s", name(l, group[0]))
            } else {
                format!("the {} eliminated candidates'", group.len())
            };
            f.heading = format!(
                "Transfers from {}",
                if group.len() == 1 {
                    name(l, group[0])
                } else {
                    format!("{} candidates", group.len())
                }
            );
            let (to, tv) = count.rounds[r]
                .transfers
                .iter()
                .filter(|t| &t.from == group)
                .filter_map(|t| match t.to {
                    Destination::Candidate(i) => Some((i, t.votes)),
                    Destination::Exhausted => None,
                })
                .max_by_key(|(_, v)| *v)
                .unwrap_or((0, Votes::ZERO));
            f.focus = Some(to);
            f.big = format!("+{} {}", thousands(tv), name(l, to));
            f.explanation = format!(
                "Of {from} {} ballots: {}.",
                thousands(group_total),
                join_names(&this)
            );
        }
        Beat::Totals(r) => {
            show_round(&mut f, r);
            let round = &count.rounds[r];
            f.threshold = Some(round.threshold);
            f.heading = format!("After round {}", round.number);
            let standings = round.standings();
            let (top, tv) = standings[0];
            f.focus = Some(top);
            f.big = name(l, top);
            f.big_number = Some(tv);
            let parts: Vec<String> = standings
                .iter()
                .map(|(i, v)| format!("{} {}", name(l, *i), thousands(*v)))
                .collect();
            f.explanation = format!(
                "{}; {} {}. {} votes are still in play, and more than half of them is {}.",
                join_names(&parts),
                c.method.words().exhausted.to_lowercase(),
                thousands(round.exhausted),
                thousands(round.continuing),
                thousands(round.threshold)
            );
            if round.elected.is_empty() && !round.eliminated.is_empty() {
                f.explanation.push_str(" Still nobody has that.");
            }
        }
        Beat::WhoWins => {
            show_round(&mut f, count.rounds.len() - 1);
            f.threshold = Some(count.last().threshold);
            f.heading = "Who wins?".into();
            f.big = "Who wins?".into();
            f.explanation = "Who wins? Make your guess before the next key.".into();
        }
        Beat::Winner => {
            let last_index = count.rounds.len() - 1;
            show_round(&mut f, last_index);
            let last = count.last();
            f.threshold = Some(last.threshold);
            if let Some(w) = count.winner() {
                f.states[w] = State::Winner;
                let wv = last.votes[w];
                f.focus = Some(w);
                f.big = name(l, w);
                f.big_number = Some(wv);
                f.heading = "The winner".into();
                f.explanation = format!(
                    "{} wins with {} votes: {} of the votes in the last round, {} of all valid votes.",
                    name(l, w),
                    thousands(wv),
                    share(wv, last.continuing).unwrap_or_default(),
                    share(wv, count.valid).unwrap_or_default()
                );
            }
        }
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
    fn london_2004_is_taught_in_nineteen_beats() {
        let l = london("london-2004");
        let b = beats(&l);
        assert_eq!(b.first(), Some(&Beat::Candidates));
        assert_eq!(b[1], Beat::Reveal(1));
        assert_eq!(b[11], Beat::Majority);
        assert_eq!(
            &b[12..],
            [
                Beat::Eliminate(0),
                Beat::Transfer(1, 0),
                Beat::Totals(1),
                Beat::WhoWins,
                Beat::Winner
            ]
        );
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
