//! Replaying an election night from a complete contest with areas.
//!
//! [`stages`] turns the final result into the files a results desk would have published:
//! first nothing declared, then one more area at a time in order of declaration, then the
//! final declaration with the second round. Each stage is a valid, provisional dataset; the
//! last is the original contest.
//!
//! The order and times come from [`schedule`]: the real `declared_at` when every area has
//! one, written into the files as they are. Otherwise tally makes a plausible night up (the
//! smallest counts first, a few minutes apart, from 14:00 on the day after the poll) and
//! marks the files `"declaration_times": "illustrative"`, so that every screen showing them
//! can say the order and times are not the real ones.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveTime, TimeDelta};

use crate::model::{Area, Contest, ResultStatus};

/// Before the first declaration, and from the last area to the final declaration.
pub const GAP: Duration = Duration::from_secs(60);

/// Illustrative times: the first area declares at this time on the day after the poll…
const FIRST_AT: (u32, u32) = (14, 0);
/// …and each next one between 1 and this many whole minutes after the one before.
const MOST_MINUTES: u64 = 4;

/// One published version of the results.
#[derive(Debug, Clone)]
pub struct Stage {
    /// Real time from the first stage (before any speed-up).
    pub after: Duration,
    /// What this stage adds, for progress messages, with the declaration time used.
    pub label: String,
    pub contest: Contest,
}

/// When the areas declare in a replay.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Area indices in order of declaration.
    pub order: Vec<usize>,
    /// The time of each declaration, in that order.
    pub times: Vec<DateTime<FixedOffset>>,
    /// True when tally made the order and times up (or the dataset says they were made up).
    pub illustrative: bool,
}

/// The order and times of declaration: the dataset's own when every area has one, else an
/// illustrative night: smaller counts first (by ballot papers, else valid votes), each area
/// 1 to 4 minutes after the one before (the same every time: the gaps come from a hash of
/// the contest's and the area's ids), from 14:00 (UTC offset +00:00) on the day after
/// polling day.
pub fn schedule(contest: &Contest) -> Schedule {
    let areas = contest.areas.as_deref().unwrap_or(&[]);
    let mut order: Vec<usize> = (0..areas.len()).collect();
    let real: Option<Vec<DateTime<FixedOffset>>> = areas.iter().map(|a| a.declared_at).collect();
    if let Some(times) = real {
        // Stable: areas declared at the same time stay in dataset order.
        order.sort_by_key(|&i| times[i]);
        return Schedule {
            times: order.iter().map(|&i| times[i]).collect(),
            order,
            illustrative: contest.illustrative_times(),
        };
    }
    order.sort_by_key(|&i| size(&areas[i]));
    // Checked: a dataset may give any date the calendar holds, up to its last day.
    // A contest without a date (an imported count) is replayed as if polled today.
    let poll = contest
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let day = poll.checked_add_days(chrono::Days::new(1)).unwrap_or(poll);
    let first = NaiveTime::from_hms_opt(FIRST_AT.0, FIRST_AT.1, 0).unwrap_or_default();
    let mut at = day.and_time(first).and_utc().fixed_offset();
    let times = order
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            if k > 0 {
                let minutes = 1 + fnv(&[&contest.id, &areas[i].id]) % MOST_MINUTES;
                at = at
                    .checked_add_signed(TimeDelta::minutes(minutes as i64))
                    .unwrap_or(at);
            }
            at
        })
        .collect();
    Schedule {
        order,
        times,
        illustrative: true,
    }
}

/// How big an area's count is, for the illustrative order: ballot papers, else valid votes,
/// else the sum of its first preferences.
fn size(area: &Area) -> u64 {
    area.ballot_papers
        .or(area.valid_votes)
        .or_else(|| area.first_preferences.as_ref().and_then(|f| f.total()))
        .map_or(0, |v| v.get())
}

/// FNV-1a over the parts (each followed by a zero byte): a fixed, portable hash, so the
/// illustrative gaps are the same on every machine and in every version of Rust.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain([0u8].iter()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The stages of the night, or why the contest cannot be replayed.
pub fn stages(full: &Contest) -> Result<Vec<Stage>, String> {
    let areas = full.areas.as_deref().unwrap_or(&[]);
    if areas.is_empty() {
        return Err(format!(
            "{} has no results by area, so there is no night to replay (london-2016, london-2021 and london-2024 have them)",
            full.id
        ));
    }
    if areas.iter().any(|a| !a.is_declared()) {
        return Err(format!(
            "{} is not complete: every area must have declared to replay the night",
            full.id
        ));
    }
    let plan = schedule(full);
    // The complete contest with the times of this replay (real ones stay as they are).
    let mut timed = full.clone();
    for (k, &i) in plan.order.iter().enumerate() {
        let area = &mut timed.areas.as_mut().expect("areas")[i];
        area.declared_at = Some(plan.times[k]);
    }
    timed.declaration_times = plan
        .illustrative
        .then_some(crate::model::DeclarationTimes::Illustrative);
    let first = plan.times[0];
    let offsets: Vec<Duration> = plan
        .times
        .iter()
        .map(|t| GAP + (*t - first).to_std().unwrap_or_default())
        .collect();
    let last_at = plan.times[plan.times.len() - 1];
    let final_at = last_at
        .checked_add_signed(TimeDelta::seconds(GAP.as_secs() as i64))
        .unwrap_or(last_at);
    let days = first.date_naive() != final_at.date_naive();
    let illustrative = if plan.illustrative {
        ", illustrative"
    } else {
        ""
    };

    let mut base = timed.clone();
    base.status = Some(ResultStatus::Provisional);
    // Contest-wide figures are known only at the end: until then they are the sum of areas.
    base.first_preferences = None;
    base.second_choices = None;
    base.method = crate::model::Method::bare(base.method.system());
    base.valid_votes = None;
    base.ballot_papers = None;
    base.rejected = None;
    base.rejected_reasons = None;
    base.turnout = None;
    let electorate_complete = areas.iter().all(|a| a.electorate.is_some());
    if !electorate_complete {
        base.electorate = None;
    }
    for area in base.areas.iter_mut().flatten() {
        area.first_preferences = None;
        area.second_choices = None;
        area.ballot_papers = None;
        area.valid_votes = None;
        area.rejected = None;
        area.rejected_reasons = None;
        area.declared_at = None;
    }

    let opening = if plan.illustrative {
        "; illustrative order and times (the dataset has none)"
    } else {
        ""
    };
    let mut out = vec![Stage {
        after: Duration::ZERO,
        label: format!("0 of {} areas declared{opening}", areas.len()),
        contest: base.clone(),
    }];
    let mut current = base;
    for (k, &i) in plan.order.iter().enumerate() {
        let timed_area = &timed.areas.as_ref().expect("areas")[i];
        current.areas.as_mut().expect("areas")[i] = timed_area.clone();
        out.push(Stage {
            after: offsets[k],
            label: format!(
                "{} declared at {}{illustrative} ({} of {})",
                crate::text::clean(&timed_area.name),
                crate::text::time_of_day(plan.times[k], days),
                k + 1,
                areas.len()
            ),
            contest: current.clone(),
        });
    }
    let mut last = timed;
    last.status = Some(ResultStatus::Final);
    let end = offsets.last().copied().unwrap_or_default() + GAP;
    out.push(Stage {
        after: end,
        label: format!(
            "final declaration at {}{illustrative}",
            crate::text::time_of_day(final_at, days)
        ),
        contest: last,
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Votes;

    #[test]
    fn every_stage_of_2016_is_valid_and_the_last_is_the_result() {
        let full = crate::import::embedded::get("london-2016")
            .unwrap()
            .load()
            .unwrap()
            .contest;
        let stages = stages(&full).unwrap();
        assert_eq!(stages.len(), 16, "nothing, 14 areas, the final declaration");
        let mut declared_before = 0;
        for (k, s) in stages.iter().enumerate() {
            // Written and read back as the feed would be: every check of a dataset applies.
            let json = crate::import::dataset::to_json(&s.contest).unwrap();
            let l = crate::import::dataset::from_str(&json)
                .unwrap_or_else(|d| panic!("stage {k}: {d:?}"));
            let declared = s.contest.declared_areas().count();
            assert!(declared >= declared_before);
            declared_before = declared;
            if k < 15 {
                assert_eq!(
                    l.count.winner(),
                    None,
                    "no winner before the final declaration (stage {k})"
                );
            }
        }
        let last = crate::count::Counted::new(stages[15].contest.clone(), Vec::new()).unwrap();
        assert_eq!(last.count.rounds[1].tally(0), Some(Votes::new(1_310_143)));
        assert_eq!(stages[1].after, GAP);
    }

    fn london(year: u32) -> Contest {
        crate::import::embedded::get(&format!("london-{year}"))
            .unwrap()
            .load()
            .unwrap()
            .contest
    }

    #[test]
    fn without_times_the_smallest_counts_declare_first_a_few_minutes_apart() {
        let full = london(2024);
        let plan = schedule(&full);
        assert!(plan.illustrative);
        let areas = full.areas.as_ref().unwrap();
        let sizes: Vec<u64> = plan.order.iter().map(|&i| size(&areas[i])).collect();
        assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
        assert_eq!(
            plan.times[0].to_rfc3339(),
            "2024-05-03T14:00:00+00:00",
            "from 14:00 on the day after the poll"
        );
        let gaps: Vec<i64> = plan
            .times
            .windows(2)
            .map(|w| (w[1] - w[0]).num_minutes())
            .collect();
        assert!(gaps.iter().all(|g| (1..=4).contains(g)), "{gaps:?}");
        assert!(
            gaps.iter().any(|g| *g != gaps[0]),
            "the gaps vary: {gaps:?}"
        );
        assert_eq!(schedule(&full), plan, "the same night every time");
        // At the default speed (10) the whole night takes a few minutes at most.
        let stages = stages(&full).unwrap();
        let total = stages.last().unwrap().after.as_secs_f64() / 10.0;
        assert!((60.0..=300.0).contains(&total), "{total} s");
    }

    #[test]
    fn illustrative_times_are_written_marked_and_said_in_the_progress() {
        let stages = stages(&london(2016)).unwrap();
        for (k, s) in stages.iter().enumerate() {
            let json = crate::import::dataset::to_json(&s.contest).unwrap();
            assert!(
                json.contains("\"declaration_times\": \"illustrative\""),
                "stage {k}"
            );
            let back = crate::import::dataset::from_str(&json).unwrap();
            assert!(back.contest.illustrative_times(), "stage {k}");
            assert_eq!(back.contest, s.contest, "stage {k} reads back the same");
        }
        assert!(
            stages[0].label.contains("illustrative"),
            "{}",
            stages[0].label
        );
        assert!(
            stages[1]
                .label
                .ends_with("declared at 14:00, illustrative (1 of 14)"),
            "{}",
            stages[1].label
        );
        // Each area keeps its time from the stage it declares on, to the final declaration.
        let last = stages.last().unwrap();
        assert!(
            last.label.starts_with("final declaration at 14:"),
            "{}",
            last.label
        );
        for area in last.contest.areas.as_ref().unwrap() {
            let when = stages
                .iter()
                .find_map(|s| {
                    let a = s.contest.areas.as_ref()?.iter().find(|a| a.id == area.id)?;
                    a.declared_at
                })
                .unwrap();
            assert_eq!(area.declared_at, Some(when), "{}", area.id);
        }
        // Replaying a file the replay wrote: the same night, still illustrative.
        let again = schedule(&last.contest);
        assert_eq!(again, schedule(&london(2016)));
    }

    #[test]
    fn real_times_set_the_order_the_pace_and_the_times_written() {
        let mut full = london(2016);
        let first = DateTime::parse_from_rfc3339("2016-05-06T15:10:00+01:00").unwrap();
        // The last area in the file declares first, an hour before the next, into the next day.
        let n = full.areas.as_ref().unwrap().len();
        for (i, area) in full.areas.as_mut().unwrap().iter_mut().enumerate() {
            area.declared_at = Some(first + TimeDelta::minutes(((n - 1 - i) * 60) as i64));
        }
        let plan = schedule(&full);
        assert!(!plan.illustrative);
        assert_eq!(plan.order, (0..n).rev().collect::<Vec<_>>());
        let stages = stages(&full).unwrap();
        assert_eq!(stages[1].after, GAP);
        assert_eq!(stages[2].after, GAP + Duration::from_secs(60 * 60));
        let json = crate::import::dataset::to_json(&stages[2].contest).unwrap();
        assert!(
            !json.contains("declaration_times"),
            "real times are not marked"
        );
        assert!(
            json.contains("2016-05-06T16:10:00+01:00"),
            "the real time is written"
        );
        assert!(
            stages[1].label.ends_with("declared at Fri 15:10 (1 of 14)"),
            "the night spans two days: {}",
            stages[1].label
        );
    }

    #[test]
    fn a_contest_without_areas_cannot_be_replayed() {
        let c = crate::import::embedded::get("london-2004")
            .unwrap()
            .load()
            .unwrap()
            .contest;
        assert!(stages(&c).unwrap_err().contains("no results by area"));
    }
}

#[cfg(test)]
mod partial_tests {
    use super::*;

    #[test]
    fn nobody_wins_on_partial_figures_even_under_first_past_the_post() {
        let full = crate::import::embedded::get("london-2024")
            .unwrap()
            .load()
            .unwrap()
            .contest;
        let stages = stages(&full).unwrap();
        let one_area = crate::count::Counted::new(stages[1].contest.clone(), Vec::new()).unwrap();
        assert!(one_area.count.partial);
        assert_eq!(one_area.count.winner(), None);
        assert!(
            one_area.count.rounds[0].elected.is_empty()
                && one_area.count.rounds[0].eliminated.is_empty()
        );
        let all = crate::count::Counted::new(stages[14].contest.clone(), Vec::new()).unwrap();
        assert!(!all.count.partial, "every area in: a complete count");
        assert_eq!(all.count.winner(), all.contest.candidate_index("khan"));
    }
}

/// When each stage is due, from the start of the replay.
fn due(stage: &Stage, speed: f64) -> Duration {
    Duration::from_secs_f64(stage.after.as_secs_f64() / speed)
}

fn now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Play the stages in real time (divided by `speed`), passing each as a feed. Stops early
/// when `send` returns false.
pub fn spawn(stages: Vec<Stage>, speed: f64, send: impl Fn(super::Feed) -> bool + Send + 'static) {
    std::thread::spawn(move || {
        let start = std::time::Instant::now();
        for (k, stage) in stages.into_iter().enumerate() {
            std::thread::sleep(due(&stage, speed).saturating_sub(start.elapsed()));
            let at = now();
            let feed = match crate::count::Counted::new(stage.contest, Vec::new()) {
                Ok(loaded) => super::Feed::Counted {
                    generation: k as u64 + 1,
                    loaded: Box::new(loaded),
                    at,
                },
                Err(d) => super::Feed::Problem {
                    generation: k as u64 + 1,
                    message: format!("{d:?}"),
                },
            };
            if !send(feed) {
                return;
            }
        }
    });
}

/// Write each stage to `path` when it is due, atomically (`files::write_atomic`), so a
/// reader never sees a half-written file. Progress goes to `out`.
pub fn write_all(
    stages: &[Stage],
    speed: f64,
    path: &std::path::Path,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    let start = std::time::Instant::now();
    for stage in stages {
        std::thread::sleep(due(stage, speed).saturating_sub(start.elapsed()));
        let at = now();
        let text = crate::import::dataset::to_json(&stage.contest)
            .map_err(|e| format!("cannot write the contest: {e}"))?;
        crate::files::write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())?;
        let _ = writeln!(
            out,
            "{} {} → {}",
            at.format("%H:%M:%S"),
            stage.label,
            crate::text::path(path)
        );
        let _ = out.flush();
    }
    Ok(())
}

/// The night in the live viewer, `speed` times faster than it happened, compared with
/// `baseline` when one is given.
pub fn show(
    stages: Vec<Stage>,
    speed: f64,
    source: String,
    baseline: Option<crate::count::Counted>,
    options: crate::app::Options,
) -> std::io::Result<crate::app::Exit> {
    let mut app = crate::app::App::live(source, options);
    if let Some(b) = baseline {
        app = app.against(b);
    }
    crate::tui::run_with(app, move |tx| {
        spawn(stages, speed, move |feed| {
            tx.send(crate::app::Msg::Feed(Box::new(feed))).is_ok()
        });
    })
}
