//! Animation as state: what is on screen between two steps, as a function of time.
//!
//! A step forward animates from what was shown to the next round: the first count grows
//! from zero; a transfer drains the eliminated candidates' bars and grows the receivers and
//! the exhausted row by exactly the transferred amounts, source by source when the data
//! gives transfers per candidate, all together otherwise. Source by source, each source has
//! its turn ([`turns`]): the biggest first, a floor of time each and the rest by ballots,
//! so the whole stays within a few steps however many sources there are; what is moving
//! now is part of what is shown, for the sentence and the list's scroll. Space can pause an
//! animation where it is. Values at the end are the exact round figures, not floating-point
//! approximations.

use std::time::Duration;

use crate::count::{Count, Destination};
use crate::model::Votes;

/// Where an animation starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// Nothing counted yet: the first count grows from zero.
    Nothing,
    /// The previous round.
    Round(usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Animation {
    pub from: From,
    /// The round index being animated to.
    pub to: usize,
    pub started: Duration,
    pub duration: Duration,
    /// Paused (Space) at this time: the animation stands still until resumed.
    pub paused: Option<Duration>,
}

impl Animation {
    /// Linear progress 0..=1 at `now` (at the pause, while paused).
    pub fn progress(&self, now: Duration) -> f64 {
        if self.duration.is_zero() {
            return 1.0;
        }
        let now = self.paused.unwrap_or(now);
        (now.saturating_sub(self.started).as_secs_f64() / self.duration.as_secs_f64())
            .clamp(0.0, 1.0)
    }

    /// Paused at `now`, or resumed from where it was paused.
    pub fn toggle_pause(&mut self, now: Duration) {
        match self.paused.take() {
            Some(at) => self.started += now.saturating_sub(at),
            None => self.paused = Some(now),
        }
    }

    pub fn finished(&self, now: Duration) -> bool {
        self.progress(now) >= 1.0
    }
}

/// Smooth start and end.
pub fn ease(t: f64) -> f64 {
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

/// The values on screen: per candidate (`None` when not shown) and the exhausted row.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub votes: Vec<Option<f64>>,
    pub exhausted: f64,
    /// The round whose labels (status, round title) apply.
    pub round: usize,
    /// `Some(p)` while animating.
    pub progress: Option<f64>,
    /// While a transfer from several sources animates: the source whose ballots are moving
    /// now (its turn's candidates, as in the count's transfers). `None` when all move as one.
    pub moving: Option<Vec<usize>>,
}

/// Each candidate's votes in a round, `None` for those out of the count.
fn tallies(r: &crate::count::Round) -> Vec<Option<f64>> {
    (0..r.votes.len())
        .map(|i| r.tally(i).map(Votes::as_f64))
        .collect()
}

/// Exactly round `index`.
pub fn at_round(count: &Count, index: usize) -> Shown {
    let r = &count.rounds[index];
    Shown {
        votes: tallies(r),
        exhausted: r.exhausted.as_f64(),
        round: index,
        progress: None,
        moving: None,
    }
}

/// Of a transfer with several sources, the least time each source gets, in steps (the
/// speed's step duration): long enough to see which row is moving and read its name.
const FLOOR: f64 = 0.1;
/// The time shared among the sources in proportion to their ballots, in steps.
const POOL: f64 = 2.0;

/// One source's turn in a transfer: the candidates whose ballots move together (one, when
/// the data gives transfers per candidate), how many ballots, and when they move, as
/// fractions of the whole animation.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub from: Vec<usize>,
    pub ballots: f64,
    pub start: f64,
    pub end: f64,
}

/// The turns of the transfer into round `to`: each source once, the biggest first (ties in
/// the order published), each given a floor of time and the rest in proportion to its
/// ballots. One source (or the totals only) is one turn over the whole animation.
pub fn turns(count: &Count, to: usize) -> Vec<Turn> {
    let Some(target) = count.rounds.get(to) else {
        return Vec::new();
    };
    let mut turns: Vec<Turn> = Vec::new();
    for tr in &target.transfers {
        match turns.iter_mut().find(|t| t.from == tr.from) {
            Some(t) => t.ballots += tr.votes.as_f64(),
            None => turns.push(Turn {
                from: tr.from.clone(),
                ballots: tr.votes.as_f64(),
                start: 0.0,
                end: 1.0,
            }),
        }
    }
    // Stable: equal sources keep the published order.
    turns.sort_by(|a, b| b.ballots.total_cmp(&a.ballots));
    let (floor, pool) = shares(turns.len());
    let all: f64 = turns.iter().map(|t| t.ballots).sum();
    let length = floor * turns.len() as f64 + pool;
    let mut at = 0.0;
    for t in &mut turns {
        let share = if all > 0.0 { t.ballots / all } else { 0.0 };
        t.start = at / length;
        at += floor + pool * share;
        t.end = at / length;
    }
    if let Some(last) = turns.last_mut() {
        last.end = 1.0;
    }
    turns
}

/// Each source's floor and the shared pool, in steps, for `sources` sources: the floor
/// shrinks when there are many, so the whole stays within twice the pool.
fn shares(sources: usize) -> (f64, f64) {
    match sources {
        0 | 1 => (1.0, 0.0),
        k => (FLOOR.min(POOL / k as f64), POOL),
    }
}

/// How many steps the animation into round `to` lasts: one, or for a transfer from several
/// sources each source's floor plus the shared pool (at most `2 × POOL`).
pub fn steps(count: &Count, from: From, to: usize) -> f64 {
    let sources = match from {
        From::Nothing => 1,
        From::Round(_) => turns(count, to).len(),
    };
    let (floor, pool) = shares(sources);
    floor * sources.max(1) as f64 + pool
}

/// What an animation shows at `now`.
pub fn shown(count: &Count, a: &Animation, now: Duration) -> Shown {
    let p = a.progress(now);
    if p >= 1.0 {
        return at_round(count, a.to);
    }
    let target = &count.rounds[a.to];
    match a.from {
        From::Nothing => {
            let t = ease(p);
            Shown {
                votes: tallies(target)
                    .into_iter()
                    .map(|v| v.map(|v| v * t))
                    .collect(),
                exhausted: target.exhausted.as_f64() * t,
                round: a.to,
                progress: Some(p),
                moving: None,
            }
        }
        From::Round(prev_index) => {
            let prev = &count.rounds[prev_index];
            let mut votes = tallies(prev);
            let mut exhausted = prev.exhausted.as_f64();
            let mut moving = None;
            // Each source moves in its own turn, eased within it.
            let turns = turns(count, a.to);
            let several = turns.len() > 1;
            for turn in turns {
                let span = (turn.end - turn.start).max(f64::EPSILON);
                let local = ease(((p - turn.start) / span).clamp(0.0, 1.0));
                if several && moving.is_none() && p < turn.end {
                    moving = Some(turn.from.clone());
                }
                // Each source drains by what leaves it: all of an eliminated candidate's
                // votes, an elected candidate's surplus (they keep the quota).
                for &e in &turn.from {
                    if let Some(v) = votes[e].as_mut() {
                        let kept = target.tally(e).unwrap_or(Votes::ZERO);
                        *v -= prev.votes[e].saturating_sub(kept).as_f64() * local;
                    }
                }
                for tr in target.transfers.iter().filter(|tr| tr.from == turn.from) {
                    let amount = tr.votes.as_f64() * local;
                    match tr.to {
                        Destination::Candidate(i) => {
                            if let Some(v) = votes[i].as_mut() {
                                *v += amount;
                            }
                        }
                        Destination::Exhausted => exhausted += amount,
                    }
                }
            }
            Shown {
                votes,
                exhausted,
                round: a.to,
                progress: Some(p),
                moving,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn the_first_count_grows_from_zero_to_first_preferences() {
        let l = crate::import::embedded::get("london-2004")
            .unwrap()
            .load()
            .unwrap();
        let a = Animation {
            from: From::Nothing,
            to: 0,
            started: secs(1.0),
            duration: secs(1.5),
            paused: None,
        };
        assert_eq!(shown(&l.count, &a, secs(1.0)).votes[0], Some(0.0));
        let half = shown(&l.count, &a, secs(1.75)).votes[0].unwrap();
        assert!((half - 685_541.0 / 2.0).abs() < 1.0, "{half}");
        assert_eq!(shown(&l.count, &a, secs(3.0)), at_round(&l.count, 0));
    }

    #[test]
    fn a_transfer_moves_exactly_the_transferred_amounts() {
        let l = crate::import::embedded::get("london-2004")
            .unwrap()
            .load()
            .unwrap();
        let a = Animation {
            from: From::Round(0),
            to: 1,
            started: Duration::ZERO,
            duration: secs(1.0),
            paused: None,
        };
        let mid = shown(&l.count, &a, secs(0.5));
        let total: f64 = mid.votes.iter().flatten().sum::<f64>() + mid.exhausted;
        assert!(
            (total - 1_863_671.0).abs() < 1e-3,
            "votes are conserved mid-animation: {total}"
        );
        assert!(
            mid.votes[2].unwrap() < 284_645.0 && mid.votes[2].unwrap() > 0.0,
            "Hughes drains"
        );
        let end = shown(&l.count, &a, secs(1.0));
        assert_eq!(end.votes[0], Some(828_380.0));
        assert_eq!(end.votes[2], None);
        assert_eq!(end.exhausted, 368_113.0);
    }

    #[test]
    fn with_a_matrix_each_source_drains_in_its_own_turn() {
        let text = r#"{"id": "t", "title": "T", "area": "A", "date": "2020-01-02", "system": "supplementary-vote",
            "sources": [{"id": "S", "title": "test"}],
            "candidates": [{"id": "a", "name": "A", "party": "P"}, {"id": "b", "name": "B", "party": "Q"},
                           {"id": "c", "name": "C", "party": "R"}, {"id": "d", "name": "D", "party": "S"}],
            "first_preferences": {"a": 40, "b": 35, "c": 15, "d": 10},
            "second_round": {"matrix": [{"first": "c", "second": {"a": 2, "b": 10}}, {"first": "d", "second": {"a": 3, "b": 2}}]}}"#;
        let l = crate::import::dataset::from_str(text).unwrap();
        let a = Animation {
            from: From::Round(0),
            to: 1,
            started: Duration::ZERO,
            duration: secs(1.0),
            paused: None,
        };
        let early = shown(&l.count, &a, secs(0.3));
        assert!(early.votes[2].unwrap() < 15.0, "C drains first");
        assert_eq!(early.votes[3], Some(10.0), "D waits its turn");
        let late = shown(&l.count, &a, secs(0.8));
        assert!(late.votes[2].unwrap().abs() < 1e-9, "C is empty");
        assert!(late.votes[3].unwrap() < 10.0, "then D drains");
    }

    fn london(id: &str) -> crate::count::Counted {
        crate::import::embedded::get(id).unwrap().load().unwrap()
    }

    #[test]
    fn the_2021_transfer_takes_a_few_steps_biggest_source_first_each_its_floor() {
        let l = london("london-2021");
        let turns = turns(&l.count, 1);
        assert_eq!(turns.len(), 18, "one turn per eliminated candidate");
        let berry = l
            .contest
            .candidates
            .iter()
            .position(|c| c.name == "Siân Berry");
        assert_eq!(
            turns[0].from,
            vec![berry.unwrap()],
            "the most ballots first"
        );
        assert!(
            turns.windows(2).all(|w| w[0].ballots >= w[1].ballots),
            "biggest first"
        );
        assert!(
            turns.windows(2).all(|w| w[0].end == w[1].start),
            "one after another"
        );
        assert_eq!((turns[0].start, turns[17].end), (0.0, 1.0));
        let steps = steps(&l.count, From::Round(0), 1);
        // At the default speed (1.5 s a step): under 6 s in all, yet each source on screen
        // for at least a tenth of a step (150 ms) and Siân Berry's for over a second.
        let total = steps * crate::app::DEFAULT_STEP.as_secs_f64();
        assert!((3.0..=6.0).contains(&total), "{total}");
        for t in &turns {
            assert!((t.end - t.start) * steps >= FLOOR - 1e-9, "{t:?}");
        }
        assert!((turns[0].end - turns[0].start) * total > 1.0);
        // The bound holds however many sources there are.
        for k in [2, 10, 18, 50, 1000] {
            let (floor, pool) = shares(k);
            assert!(floor * k as f64 + pool <= 2.0 * POOL + 1e-9, "{k}");
        }
    }

    #[test]
    fn without_per_source_figures_a_transfer_is_one_turn_of_one_step() {
        for id in ["london-2004", "london-2016"] {
            let l = london(id);
            assert_eq!(turns(&l.count, 1).len(), 1, "{id}");
            assert_eq!(steps(&l.count, From::Round(0), 1), 1.0, "{id}");
            assert_eq!(steps(&l.count, From::Nothing, 0), 1.0, "{id}");
            let a = Animation {
                from: From::Round(0),
                to: 1,
                started: Duration::ZERO,
                duration: secs(1.0),
                paused: None,
            };
            assert_eq!(
                shown(&l.count, &a, secs(0.5)).moving,
                None,
                "{id}: all as one"
            );
        }
    }

    #[test]
    fn the_source_moving_is_the_one_whose_turn_it_is() {
        let l = london("london-2021");
        let turns = turns(&l.count, 1);
        let a = Animation {
            from: From::Round(0),
            to: 1,
            started: Duration::ZERO,
            duration: secs(10.0),
            paused: None,
        };
        for t in &turns {
            let mid = (t.start + t.end) / 2.0 * 10.0;
            let shown = shown(&l.count, &a, secs(mid));
            assert_eq!(shown.moving.as_ref(), Some(&t.from));
            let e = t.from[0];
            let v = shown.votes[e].unwrap();
            assert!(
                v > 0.0 && v < l.count.rounds[0].votes[e].as_f64(),
                "draining"
            );
        }
        assert_eq!(shown(&l.count, &a, secs(10.0)).moving, None, "settled");
    }

    #[test]
    fn a_derived_batch_is_one_turn_and_a_surplus_keeps_the_quota() {
        // Boulder's shape: two eliminated together, transfers worked out from the tallies.
        let l = crate::story::fixtures::boulder();
        let t = turns(&l.count, 1);
        assert_eq!(t.len(), 1, "one batch: {t:?}");
        assert_eq!(t[0].from, vec![1, 3]);
        let a = Animation {
            from: From::Round(0),
            to: 1,
            started: Duration::ZERO,
            duration: secs(1.0),
            paused: None,
        };
        let mid = shown(&l.count, &a, secs(0.5));
        assert_eq!(mid.moving, None, "all as one");
        assert!(mid.votes[1].unwrap() < 6_271.0 && mid.votes[3].unwrap() < 729.0);
        // A surplus drains to the quota, never below it.
        let l = crate::story::fixtures::park_board();
        let a = Animation {
            from: From::Round(1),
            to: 2,
            started: Duration::ZERO,
            duration: secs(1.0),
            paused: None,
        };
        for k in 0..=10 {
            let v = shown(&l.count, &a, secs(k as f64 / 10.0)).votes[2].unwrap();
            assert!((14_866.0 - 1e-6..=14_910.0 + 1e-6).contains(&v), "{k}: {v}");
        }
    }

    #[test]
    fn a_paused_animation_stands_still_and_resumes_where_it_was() {
        let mut a = Animation {
            from: From::Nothing,
            to: 0,
            started: Duration::ZERO,
            duration: secs(2.0),
            paused: None,
        };
        a.toggle_pause(secs(0.5));
        assert_eq!(a.progress(secs(100.0)), 0.25);
        a.toggle_pause(secs(100.0));
        assert_eq!(a.progress(secs(100.5)), 0.5);
        assert!(a.finished(secs(101.5)));
    }
}
