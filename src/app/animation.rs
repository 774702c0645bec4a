//! Animation as state: what is on screen between two steps, as a function of time.
//!
//! A step forward animates from what was shown to the next round: the first count grows
//! from zero; a transfer drains the eliminated candidates' bars and grows the receivers and
//! the exhausted row by exactly the transferred amounts, source by source when the data
//! gives transfers per candidate, all together otherwise. Values at the end are the exact
//! round figures, not floating-point approximations.

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
}

impl Animation {
    /// Linear progress 0..=1 at `now`.
    pub fn progress(&self, now: Duration) -> f64 {
        if self.duration.is_zero() {
            return 1.0;
        }
        (now.saturating_sub(self.started).as_secs_f64() / self.duration.as_secs_f64())
            .clamp(0.0, 1.0)
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
    }
}

/// What an animation shows at `now`.
pub fn shown(count: &Count, a: &Animation, now: Duration) -> Shown {
    let p = a.progress(now);
    if p >= 1.0 {
        return at_round(count, a.to);
    }
    let t = ease(p);
    let target = &count.rounds[a.to];
    match a.from {
        From::Nothing => Shown {
            votes: tallies(target)
                .into_iter()
                .map(|v| v.map(|v| v * t))
                .collect(),
            exhausted: target.exhausted.as_f64() * t,
            round: a.to,
            progress: Some(p),
        },
        From::Round(prev_index) => {
            let prev = &count.rounds[prev_index];
            let mut votes = tallies(prev);
            let mut exhausted = prev.exhausted.as_f64();
            // Each source group moves in its own slice of the animation.
            let mut groups: Vec<&Vec<usize>> = Vec::new();
            for tr in &target.transfers {
                if !groups.contains(&&tr.from) {
                    groups.push(&tr.from);
                }
            }
            let k = groups.len().max(1) as f64;
            for (g, from) in groups.iter().enumerate() {
                let local = ((t * k) - g as f64).clamp(0.0, 1.0);
                for &e in from.iter() {
                    if let Some(v) = votes[e].as_mut() {
                        *v -= prev.votes[e].as_f64() * local;
                    }
                }
                for tr in target.transfers.iter().filter(|tr| &tr.from == *from) {
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
        };
        let early = shown(&l.count, &a, secs(0.3));
        assert!(early.votes[2].unwrap() < 15.0, "C drains first");
        assert_eq!(early.votes[3], Some(10.0), "D waits its turn");
        let late = shown(&l.count, &a, secs(0.8));
        assert!(late.votes[2].unwrap().abs() < 1e-9, "C is empty");
        assert!(late.votes[3].unwrap() < 10.0, "then D drains");
    }
}
