//! Replaying an election night from a complete contest with areas.
//!
//! [`stages`] turns the final result into the files a results desk would have published:
//! first nothing declared, then one more area at a time in order of declaration (dataset
//! order, one a minute, when there are no declaration times), then the final declaration
//! with the second round. Each stage is a valid, provisional dataset; the last is the
//! original contest.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use crate::model::{Contest, ResultStatus};

/// Between declarations when the dataset has no times, and from the last area to the final
/// declaration.
pub const GAP: Duration = Duration::from_secs(60);

/// One published version of the results.
#[derive(Debug, Clone)]
pub struct Stage {
    /// Real time from the first stage (before any speed-up).
    pub after: Duration,
    /// What this stage adds, for progress messages.
    pub label: String,
    pub contest: Contest,
}

/// The stages of the night, or why the contest cannot be replayed.
pub fn stages(full: &Contest) -> Result<Vec<Stage>, String> {
    let areas = full.areas.as_deref().unwrap_or(&[]);
    if areas.is_empty() {
        return Err(format!(
            "{} has no results by area, so there is no night to replay (london-2016 and london-2024 have them)",
            full.id
        ));
    }
    if areas.iter().any(|a| !a.is_declared()) {
        return Err(format!(
            "{} is not complete: every area must have declared to replay the night",
            full.id
        ));
    }
    // Order of declaration: by time where every area has one, else as listed.
    let mut order: Vec<usize> = (0..areas.len()).collect();
    let timed = areas.iter().all(|a| a.declared_at.is_some());
    if timed {
        order.sort_by_key(|&i| areas[i].declared_at);
    }
    let offsets: Vec<Duration> = if timed {
        let first = areas[order[0]].declared_at.expect("timed");
        order
            .iter()
            .map(|&i| {
                (areas[i].declared_at.expect("timed") - first)
                    .to_std()
                    .unwrap_or_default()
            })
            .collect()
    } else {
        (0..order.len()).map(|k| GAP * (k as u32 + 1)).collect()
    };

    let mut base = full.clone();
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

    let mut out = vec![Stage {
        after: Duration::ZERO,
        label: format!("0 of {} areas declared", areas.len()),
        contest: base.clone(),
    }];
    let mut current = base;
    for (k, &i) in order.iter().enumerate() {
        let full_area = &areas[i];
        let area = &mut current.areas.as_mut().expect("areas")[i];
        *area = full_area.clone();
        out.push(Stage {
            after: offsets[k],
            label: format!(
                "{} declared ({} of {})",
                crate::text::clean(&full_area.name),
                k + 1,
                areas.len()
            ),
            contest: current.clone(),
        });
    }
    let mut last = full.clone();
    last.status = Some(ResultStatus::Final);
    let end = offsets.last().copied().unwrap_or_default() + GAP;
    out.push(Stage {
        after: end,
        label: "final declaration".to_string(),
        contest: last,
    });
    Ok(out)
}

/// Give each declared area of a stage the time it is declared in this replay.
pub fn stamp(contest: &mut Contest, previous: Option<&Contest>, at: DateTime<FixedOffset>) {
    for area in contest.areas.iter_mut().flatten() {
        if area.is_declared() && area.declared_at.is_none() {
            let before = previous
                .and_then(|p| p.areas.as_ref())
                .and_then(|areas| areas.iter().find(|a| a.id == area.id))
                .and_then(|a| a.declared_at);
            area.declared_at = Some(before.unwrap_or(at));
        }
    }
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
        let mut previous: Option<Contest> = None;
        for (k, stage) in stages.into_iter().enumerate() {
            std::thread::sleep(due(&stage, speed).saturating_sub(start.elapsed()));
            let at = now();
            let mut contest = stage.contest;
            stamp(&mut contest, previous.as_ref(), at);
            let feed = match crate::count::Counted::new(contest.clone(), Vec::new()) {
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
            previous = Some(contest);
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
    let mut previous: Option<Contest> = None;
    for stage in stages {
        std::thread::sleep(due(stage, speed).saturating_sub(start.elapsed()));
        let at = now();
        let mut contest = stage.contest.clone();
        stamp(&mut contest, previous.as_ref(), at);
        let text = crate::import::dataset::to_json(&contest)
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
        previous = Some(contest);
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
