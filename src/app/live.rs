//! The viewer's live state: what the last good version was, when it came, what is wrong
//! with the file now, and which declarations are new.
//!
//! Applying a feed keeps everything the user chose (view, step, selected area) and never
//! replaces good data with bad: a problem or a missing file is shown beside what is there.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use super::App;
use super::animation::From;
use crate::count::Counted;
use crate::live::Feed;
use crate::story::against::Against;
use crate::story::tables::Tables;

/// How long a new declaration stays highlighted.
pub const FRESH: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Default)]
pub struct Live {
    /// What is followed: a file name, or "replay of london-2016".
    pub source: String,
    /// The newest generation applied; older ones are ignored.
    pub generation: u64,
    /// When the shown version was written (the file's time), and when it arrived (app clock).
    pub updated: Option<(DateTime<FixedOffset>, Duration)>,
    /// What is wrong with the file now, while the last good version stays on screen.
    pub problem: Option<String>,
    /// The file does not exist (at the moment).
    pub missing: bool,
    /// Areas that declared recently: (area id, app time it arrived).
    pub fresh: Vec<(String, Duration)>,
    /// The contest the night is compared with (`--against`), if any.
    pub baseline: Option<Box<Counted>>,
    /// The shown version against the baseline, worked out once per version.
    pub against: Option<Against>,
}

impl Live {
    pub fn new(source: impl Into<String>) -> Self {
        Live {
            source: source.into(),
            ..Live::default()
        }
    }

    /// Work out the comparison with the baseline again, for the version now shown.
    pub fn compare(&mut self, shown: Option<&Counted>) {
        self.against = match (shown, self.baseline.as_deref()) {
            (Some(now), Some(before)) => Some(Against::new(now, before)),
            _ => None,
        };
    }

    pub fn is_fresh(&self, area: &str, now: Duration) -> bool {
        self.fresh
            .iter()
            .any(|(id, at)| id == area && now < *at + FRESH)
    }

    /// "just now", "2 min ago", "1 h 5 min ago": to the minute, so that following a quiet
    /// file wakes the viewer once a minute at most.
    pub fn ago(&self, now: Duration) -> Option<String> {
        let (_, at) = self.updated?;
        let secs = now.saturating_sub(at).as_secs();
        Some(match secs {
            0..=59 => "just now".to_string(),
            60..=3599 => format!("{} min ago", secs / 60),
            _ => format!("{} h {} min ago", secs / 3600, (secs % 3600) / 60),
        })
    }

    /// When the screen must change by itself: a highlight ending, or the "ago" text.
    pub fn next_change(&self, now: Duration) -> Option<Duration> {
        let highlight = self
            .fresh
            .iter()
            .map(|(_, at)| *at + FRESH)
            .filter(|t| *t > now)
            .min();
        // The next whole minute since the update, when the "ago" text changes.
        let ago = self.updated.map(|(_, at)| {
            let minutes = now.saturating_sub(at).as_secs() / 60 + 1;
            at + Duration::from_secs(minutes * 60)
        });
        [highlight, ago].into_iter().flatten().min()
    }
}

fn declared(l: &Counted) -> Vec<String> {
    l.contest.declared_areas().map(|a| a.id.clone()).collect()
}

/// Apply a feed from the loader. Returns true when the screen must change.
pub fn apply(app: &mut App, feed: Feed) -> bool {
    let now = app.now;
    let Some(live) = app.live.as_mut() else {
        return false;
    };
    if feed.generation() <= live.generation {
        return false; // an older version finished after a newer one: never go back
    }
    live.generation = feed.generation();
    match feed {
        Feed::Problem { message, .. } => {
            live.problem = Some(message);
            live.missing = false;
            true
        }
        Feed::Missing { .. } => {
            live.missing = true;
            live.problem = None;
            true
        }
        Feed::Counted { loaded, at, .. } => {
            live.problem = None;
            live.missing = false;
            live.updated = Some((at, now));
            let fresh_ids: Vec<String> = match app.contests.get(app.current) {
                Some(old) => {
                    let before = declared(old);
                    declared(&loaded)
                        .into_iter()
                        .filter(|id| !before.contains(id))
                        .collect()
                }
                None => Vec::new(),
            };
            live.fresh.retain(|(_, t)| now < *t + FRESH);
            live.fresh.extend(fresh_ids.into_iter().map(|id| (id, now)));
            replace(app, *loaded);
            if let Some(live) = app.live.as_mut() {
                live.compare(app.contests.get(app.current));
            }
            true
        }
    }
}

/// Put a new version of the contest on screen, keeping the user's place.
fn replace(app: &mut App, loaded: Counted) {
    let first = app.contests.is_empty();
    let old_rounds = app
        .contests
        .get(app.current)
        .map_or(0, |l| l.count.rounds.len());
    let was_at_end = first || app.round + 1 >= old_rounds;
    app.animation = None;
    if first {
        app.contests.push(loaded);
        app.tables = Tables::new(&app.contests);
        app.current = 0;
        app.round = 0;
        app.animate(From::Nothing, 0);
        return;
    }
    // The same area stays selected, wherever a new declaration puts it in the order
    // (sorted by latest declared, each one arrives at the top).
    let sort = app.views.areas.sort;
    let selected = app
        .contest_tables()
        .areas
        .row(sort, app.views.areas.selected)
        .map(|r| r.id.clone());
    app.contests[app.current] = loaded;
    app.tables = Tables::new(&app.contests);
    let last = app.last_round();
    let areas = &app.contest_tables().areas;
    let at = selected.and_then(|id| areas.sorted(sort).position(|r| r.id == id));
    app.views.areas.selected =
        at.unwrap_or(app.views.areas.selected.min(areas.len().saturating_sub(1)));
    if was_at_end && last + 1 > old_rounds {
        // A new round was published (the second round on the night): show it coming in.
        app.round = old_rounds - 1;
        app.animate(From::Round(app.round), app.round + 1);
    } else {
        app.round = app.round.min(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::Key;
    use crate::app::{Msg, Options, View, update};
    use crate::live::replay;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2016-05-06T23:41:07+01:00").unwrap()
    }

    fn stage(k: usize) -> Box<Counted> {
        let full = crate::import::embedded::get("london-2016")
            .unwrap()
            .load()
            .unwrap()
            .contest;
        let stages = replay::stages(&full).unwrap();
        Box::new(crate::count::Counted::new(stages[k].contest.clone(), Vec::new()).unwrap())
    }

    fn feed(app: &mut App, generation: u64, k: usize) -> bool {
        update(
            app,
            Msg::Feed(Box::new(Feed::Counted {
                generation,
                loaded: stage(k),
                at: at(),
            })),
        )
    }

    fn live_app() -> App {
        App::live(
            "night.json",
            Options {
                animate: false,
                ..Options::default()
            },
        )
    }

    #[test]
    fn older_generations_never_replace_newer_ones() {
        let mut app = live_app();
        assert!(feed(&mut app, 5, 7));
        assert!(!feed(&mut app, 4, 3), "generation 4 finished late: ignored");
        assert_eq!(app.contest().contest.declared_areas().count(), 7);
    }

    #[test]
    fn problems_and_deletions_keep_the_last_good_version() {
        let mut app = live_app();
        feed(&mut app, 1, 7);
        update(
            &mut app,
            Msg::Feed(Box::new(Feed::Problem {
                generation: 2,
                message: "night.json:1:44: EOF".into(),
            })),
        );
        assert_eq!(app.contest().contest.declared_areas().count(), 7);
        assert_eq!(
            app.live.as_ref().unwrap().problem.as_deref(),
            Some("night.json:1:44: EOF")
        );
        update(
            &mut app,
            Msg::Feed(Box::new(Feed::Missing { generation: 3 })),
        );
        assert!(app.live.as_ref().unwrap().missing);
        assert_eq!(app.contest().contest.declared_areas().count(), 7);
        feed(&mut app, 4, 8);
        let live = app.live.as_ref().unwrap();
        assert!(
            live.problem.is_none() && !live.missing,
            "recovers by itself"
        );
    }

    #[test]
    fn the_tables_the_views_draw_from_follow_each_new_version() {
        let mut app = live_app();
        feed(&mut app, 1, 7);
        assert_eq!(app.contest_tables().areas.declared(), 7);
        let narration = app.contest_tables().narration.clone();
        feed(&mut app, 2, 14);
        assert_eq!(app.contest_tables().areas.declared(), 14);
        assert_ne!(app.contest_tables().narration, narration);
    }

    #[test]
    fn the_view_area_and_step_survive_a_reload_and_new_areas_are_fresh() {
        let mut app = live_app();
        feed(&mut app, 1, 7);
        update(&mut app, Msg::Key(Key::Char('4')));
        update(&mut app, Msg::Key(Key::Down));
        update(&mut app, Msg::Key(Key::Down));
        update(&mut app, Msg::Tick(Duration::from_secs(100)));
        feed(&mut app, 2, 8);
        assert_eq!((app.view, app.views.areas.selected), (View::Areas, 2));
        let live = app.live.as_ref().unwrap();
        let before: Vec<String> = declared(&stage(7));
        let new_area = &declared(&stage(8))
            .into_iter()
            .find(|id| !before.contains(id))
            .unwrap();
        assert!(live.is_fresh(new_area, app.now));
        assert!(
            !live.is_fresh(new_area, app.now + FRESH),
            "the highlight fades"
        );
        assert_eq!(app.next_deadline(), Some(app.now + Duration::from_secs(5)));
    }

    #[test]
    fn sorted_by_latest_declared_the_selected_area_stays_selected_as_new_ones_arrive() {
        let mut app = live_app();
        feed(&mut app, 1, 5);
        update(&mut app, Msg::Key(Key::Char('4')));
        for _ in 0..3 {
            update(&mut app, Msg::Key(Key::Char('s')));
        }
        assert_eq!(app.views.areas.sort, crate::app::AreaSort::LatestDeclared);
        // The second latest declaration.
        update(&mut app, Msg::Key(Key::Char('g')));
        update(&mut app, Msg::Key(Key::Down));
        assert_eq!(app.views.areas.selected, 1);
        let selected = |app: &App| {
            app.contest_tables()
                .areas
                .row(app.views.areas.sort, app.views.areas.selected)
                .unwrap()
                .id
                .clone()
        };
        let before = selected(&app);
        feed(&mut app, 2, 6);
        feed(&mut app, 3, 7);
        assert_eq!(selected(&app), before);
        assert_eq!(app.views.areas.selected, 3, "two new ones came in above it");
    }

    #[test]
    fn the_second_round_arriving_animates_like_a_transfer() {
        let mut app = App::live("night.json", Options::default());
        feed(&mut app, 1, 14);
        update(&mut app, Msg::Tick(Duration::from_secs(5)));
        assert_eq!(app.round, 0);
        feed(&mut app, 2, 15);
        assert_eq!(app.round, 1);
        assert!(app.animation.is_some(), "the transfer animates");
    }

    #[test]
    fn updated_ago_reads_like_a_person_would_say_it() {
        let mut app = live_app();
        update(&mut app, Msg::Tick(Duration::from_secs(10)));
        feed(&mut app, 1, 3);
        let live = app.live.as_ref().unwrap();
        assert_eq!(
            live.ago(Duration::from_secs(12)).as_deref(),
            Some("just now")
        );
        assert_eq!(
            live.ago(Duration::from_secs(45)).as_deref(),
            Some("just now"),
            "to the minute: seconds would wake the viewer every second"
        );
        assert_eq!(
            live.next_change(Duration::from_secs(45)),
            Some(Duration::from_secs(70))
        );
        assert_eq!(
            live.ago(Duration::from_secs(130)).as_deref(),
            Some("2 min ago")
        );
    }
}
