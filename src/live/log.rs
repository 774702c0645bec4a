//! `tally watch FILE` without a terminal: one line of text per change to the file, for
//! scripts, logs and screens that are not terminals (`tally watch night.json > log`).
//!
//! [`line`] says in one line what a new version shows and what it changed against the
//! previous one: the file's time, how many areas are in, who leads and by how much (or who
//! won, with the last round's figures), PROVISIONAL or FINAL, and which areas are new. It is
//! pure, so more can be appended to it (a comparison with a baseline). [`follow`] runs the
//! same loader as the viewer and prints a line for each good version, the file's problems
//! on standard error, and returns once the result is final. It blocks on the loader's
//! channel: while nothing changes it uses no CPU.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc;

use chrono::{DateTime, FixedOffset};

use super::{Feed, loader};
use crate::count::{Counted, Outcome};
use crate::model::{Area, ResultStatus};
use crate::story::words::{how_many, join_names};
use crate::text::{clean, thousands};

/// Between the parts of a line.
pub const SEPARATOR: &str = " · ";

/// At most this many areas are named in a line's "new:" (and "revised:"); the rest are
/// counted ("and 4 more").
const NAMED: usize = 3;

/// How following ended without an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The result is final: its line has been printed.
    Final,
    /// Nobody reads the output any more (`tally watch FILE | head -3`).
    Closed,
}

/// One line for a new version `now` of the file, written at `at`, against the version
/// before it (`None` for the first one seen, whose areas are not called new):
///
/// `23:47:07 · 7 of 14 areas declared · Sadiq Khan leads Zac Goldsmith by 81,802 ·
/// PROVISIONAL · new: Enfield and Haringey`
pub fn line(previous: Option<&Counted>, now: &Counted, at: DateTime<FixedOffset>) -> String {
    let mut parts = vec![at.format("%H:%M:%S").to_string()];
    if let Some(areas) = now.contest.areas.as_ref().filter(|a| !a.is_empty()) {
        let declared = areas.iter().filter(|a| a.is_declared()).count();
        parts.push(format!("{declared} of {} areas declared", areas.len()));
    }
    parts.push(standing(now));
    parts.push(
        match now.contest.status {
            Some(ResultStatus::Final) => "FINAL",
            _ => "PROVISIONAL",
        }
        .to_string(),
    );
    if let Some(previous) = previous {
        parts.extend(changes(previous, now));
    }
    parts.join(SEPARATOR)
}

/// Who leads and by how much, or who won and by how much in the last round.
fn standing(l: &Counted) -> String {
    let c = &l.contest;
    let count = &l.count;
    let name = |i: usize| clean(&c.candidates[i].name).into_owned();
    let last = count.last();
    match &count.outcome {
        Outcome::NoVotes => "no votes counted yet".to_string(),
        Outcome::Elected(won) => {
            let w = won[0];
            let votes = last.tally(w).unwrap_or(last.votes[w]);
            let round = if count.rounds.len() > 1 {
                format!(" in round {}", last.number)
            } else {
                String::new()
            };
            let runner_up = last.standings().into_iter().find(|(i, _)| *i != w);
            match runner_up {
                Some((r, rv)) if rv >= votes => format!(
                    "{} wins on a tie-break over {}, both on {}{round}",
                    name(w),
                    name(r),
                    thousands(votes)
                ),
                Some((r, rv)) => format!(
                    "{} wins by {} over {}, {} to {}{round}",
                    name(w),
                    thousands(votes.saturating_sub(rv)),
                    name(r),
                    thousands(votes),
                    thousands(rv)
                ),
                None => format!(
                    "{} wins with {}{round}",
                    name(w),
                    how_many(votes, "vote", "votes")
                ),
            }
        }
        Outcome::Incomplete => {
            let standings = last.standings();
            let lead = match standings.as_slice() {
                [] => return "no votes counted yet".to_string(),
                [(a, v)] => format!("{} leads with {}", name(*a), how_many(*v, "vote", "votes")),
                [(a, va), (b, vb), ..] if va == vb => {
                    format!(
                        "{} and {} are level on {}",
                        name(*a),
                        name(*b),
                        thousands(*va)
                    )
                }
                [(a, va), (b, vb), ..] => format!(
                    "{} leads {} by {}",
                    name(*a),
                    name(*b),
                    thousands(va.saturating_sub(*vb))
                ),
            };
            if count.partial {
                lead
            } else {
                // Every area is in and nobody has won outright: the next round is awaited.
                format!("{lead}, round {} to come", count.rounds.len() + 1)
            }
        }
    }
}

/// Which areas this version declares, revises or withdraws against the previous one.
fn changes(previous: &Counted, now: &Counted) -> Vec<String> {
    let before: HashMap<&str, &Area> = previous
        .contest
        .areas
        .iter()
        .flatten()
        .map(|a| (a.id.as_str(), a))
        .collect();
    let was_declared = |a: &Area| before.get(a.id.as_str()).is_some_and(|b| b.is_declared());
    let areas: Vec<&Area> = now.contest.areas.iter().flatten().collect();
    let new: Vec<&Area> = areas
        .iter()
        .copied()
        .filter(|a| a.is_declared() && !was_declared(a))
        .collect();
    let revised: Vec<&Area> = areas
        .iter()
        .copied()
        .filter(|a| {
            a.is_declared()
                && before
                    .get(a.id.as_str())
                    .is_some_and(|b| b.is_declared() && b.first_preferences != a.first_preferences)
        })
        .collect();
    let still_declared: Vec<&str> = areas
        .iter()
        .filter(|a| a.is_declared())
        .map(|a| a.id.as_str())
        .collect();
    let withdrawn: Vec<&Area> = previous
        .contest
        .areas
        .iter()
        .flatten()
        .filter(|b| b.is_declared() && !still_declared.contains(&b.id.as_str()))
        .collect();
    [("new", new), ("revised", revised), ("withdrawn", withdrawn)]
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(what, list)| format!("{what}: {}", named(&list)))
        .collect()
}

/// "Barnet and Camden", "A, B and C", "A, B, C and 4 more".
fn named(areas: &[&Area]) -> String {
    let names: Vec<String> = areas.iter().map(|a| clean(&a.name).into_owned()).collect();
    if names.len() <= NAMED {
        return join_names(&names);
    }
    format!(
        "{} and {} more",
        names[..NAMED].join(", "),
        names.len() - NAMED
    )
}

/// Follow `path` with the viewer's loader and print a line for each good version to
/// `out`, until one is final, each compared with `baseline` when one is given (`--against`).
/// `name` is the file as messages call it.
pub fn follow(
    path: PathBuf,
    name: &str,
    baseline: Option<&Counted>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Ended> {
    let (tx, rx) = mpsc::channel::<Feed>();
    loader::spawn(path, move |feed| tx.send(feed).is_ok());
    // `recv` blocks: no CPU while nothing changes. The loader never stops by itself.
    print(rx.iter(), name, baseline, out, err)?
        .ok_or_else(|| io::Error::other(format!("stopped following {}", clean(name))))
}

/// Print the feeds as they come: a line per good version on `out`, a line per problem or
/// disappearance on `err`. `None` when the feeds end before the result is final. With a
/// `baseline`, each line ends with the comparison (`story::against`): "vs 2016, same 7
/// areas: Lab 39.8 −3.1, …; swing Lab to Con 1.8; turnout …".
pub fn print(
    feeds: impl IntoIterator<Item = Feed>,
    name: &str,
    baseline: Option<&Counted>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Option<Ended>> {
    let mut last: Option<Counted> = None;
    for feed in feeds {
        let keep = if last.is_some() {
            "keeping the last good version"
        } else {
            "waiting for a good version"
        };
        match feed {
            Feed::Counted { loaded, at, .. } => {
                // The same contest again (rewritten, or good again after a bad write).
                if last.as_ref().is_some_and(|l| l.contest == loaded.contest) {
                    continue;
                }
                let mut text = line(last.as_ref(), &loaded, at);
                if let Some(b) = baseline {
                    text.push_str(SEPARATOR);
                    text.push_str(&crate::story::against::Against::new(&loaded, b).line());
                }
                match writeln!(out, "{text}").and_then(|()| out.flush()) {
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                        return Ok(Some(Ended::Closed));
                    }
                    r => r?,
                }
                let done = loaded.contest.status == Some(ResultStatus::Final);
                last = Some(*loaded);
                if done {
                    return Ok(Some(Ended::Final));
                }
            }
            // Standard error is for people: if it is closed, there is nobody to tell.
            Feed::Problem { message, .. } => {
                let _ = writeln!(err, "tally: {} ({keep})", clean(&message));
            }
            Feed::Missing { .. } => {
                let _ = writeln!(err, "tally: {} does not exist ({keep})", clean(name));
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::replay;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-05-08T14:05:09+01:00").unwrap()
    }

    /// A night in Riverside with `declared` of its three areas in, and when `last`, the
    /// second round and status final.
    fn riverside(declared: usize, last: bool) -> Counted {
        let areas = [
            ("north", "North", "9000, \"hughes\": 7000, \"byrne\": 3200"),
            ("south", "South", "6000, \"hughes\": 8500, \"byrne\": 2000"),
            ("east", "East", "5000, \"hughes\": 1100, \"byrne\": 1400"),
        ];
        let areas: Vec<String> = areas
            .iter()
            .enumerate()
            .map(|(k, (id, name, fp))| {
                let figures = if k < declared {
                    format!(", \"first_preferences\": {{ \"okafor\": {fp} }}")
                } else {
                    String::new()
                };
                format!("{{ \"id\": \"{id}\", \"name\": \"{name}\"{figures} }}")
            })
            .collect();
        let (status, second) = if last {
            (
                "final",
                ", \"second_round\": { \"transfers\": { \"okafor\": 2500, \"hughes\": 900 } }",
            )
        } else {
            ("provisional", "")
        };
        let json = format!(
            r#"{{ "id": "riverside-2026", "title": "Mayor of Riverside 2026", "area": "Riverside",
              "date": "2026-05-07", "system": "supplementary-vote", "status": "{status}",
              "candidates": [
                {{ "id": "okafor", "name": "Ada Okafor", "party": "Labour" }},
                {{ "id": "hughes", "name": "Tom Hughes", "party": "Conservative" }},
                {{ "id": "byrne", "name": "Niamh Byrne", "party": "Green" }} ],
              "areas": [{}]{second},
              "sources": [{{ "id": "RC26", "title": "Riverside Council results feed" }}] }}"#,
            areas.join(", ")
        );
        crate::import::dataset::from_str(&json).unwrap()
    }

    fn london_2016() -> Vec<Counted> {
        let full = crate::import::embedded::get("london-2016")
            .unwrap()
            .load()
            .unwrap()
            .contest;
        replay::stages(&full)
            .unwrap()
            .into_iter()
            .map(|s| Counted::new(s.contest, Vec::new()).unwrap())
            .collect()
    }

    #[test]
    fn each_declaration_is_a_line_with_the_lead_and_the_new_area() {
        let night: Vec<Counted> = (0..=3).map(|k| riverside(k, false)).collect();
        let lines: Vec<String> = (0..=3usize)
            .map(|k| line(k.checked_sub(1).map(|p| &night[p]), &night[k], at()))
            .collect();
        assert_eq!(
            lines,
            [
                "14:05:09 · 0 of 3 areas declared · no votes counted yet · PROVISIONAL",
                "14:05:09 · 1 of 3 areas declared · Ada Okafor leads Tom Hughes by 2,000 · PROVISIONAL · new: North",
                "14:05:09 · 2 of 3 areas declared · Tom Hughes leads Ada Okafor by 500 · PROVISIONAL · new: South",
                // Every area in, nobody with more than half: the second round is awaited.
                "14:05:09 · 3 of 3 areas declared · Ada Okafor leads Tom Hughes by 3,400, round 2 to come · PROVISIONAL · new: East",
            ]
        );
        assert_eq!(
            line(Some(&night[3]), &riverside(3, true), at()),
            "14:05:09 · 3 of 3 areas declared · Ada Okafor wins by 5,000 over Tom Hughes, 22,500 to 17,500 in round 2 · FINAL"
        );
    }

    #[test]
    fn the_first_line_seen_calls_nothing_new_and_a_jump_names_three_and_counts_the_rest() {
        assert!(!line(None, &riverside(2, false), at()).contains("new:"));
        assert!(
            line(Some(&riverside(0, false)), &riverside(2, false), at())
                .ends_with("new: North and South")
        );
        let s = london_2016();
        let jump = line(Some(&s[2]), &s[9], at());
        assert!(
            jump.contains("9 of 14 areas declared") && jump.ends_with(" and 4 more"),
            "{jump}"
        );
        assert_eq!(jump.matches(", ").count(), 2, "three named: {jump}");
    }

    #[test]
    fn revised_and_withdrawn_areas_are_named() {
        let before = riverside(2, false);
        let mut contest = before.contest.clone();
        let fp = contest.areas.as_mut().unwrap()[0]
            .first_preferences
            .as_mut()
            .unwrap();
        fp.0[2].1 = crate::model::Votes::new(3300); // Niamh Byrne, 3,200 before
        let revised = Counted::new(contest, Vec::new()).unwrap();
        let text = line(Some(&before), &revised, at());
        assert!(text.ends_with("PROVISIONAL · revised: North"), "{text}");
        let back = line(Some(&before), &riverside(1, false), at());
        assert!(back.ends_with("withdrawn: South"), "{back}");
    }

    #[test]
    fn the_final_line_of_london_2016_gives_the_second_round() {
        let s = london_2016();
        assert_eq!(
            line(Some(&s[14]), &s[15], at()),
            "14:05:09 · 14 of 14 areas declared · Sadiq Khan wins by 315,529 over Zac Goldsmith, 1,310,143 to 994,614 in round 2 · FINAL"
        );
    }

    #[test]
    fn first_past_the_post_wins_in_one_round_and_untrusted_names_are_cleaned() {
        let full = crate::import::embedded::get("london-2024")
            .unwrap()
            .load()
            .unwrap();
        let text = line(None, &full, at());
        assert!(
            text.contains(
                "Sadiq Khan wins by 275,828 over Susan Hall, 1,088,225 to 812,397 · FINAL"
            ),
            "{text}"
        );
        assert!(!text.contains("in round"), "one round: {text}");

        let mut evil = riverside(1, false);
        evil.contest.candidates[0].name = "Ada\u{1b}[2J Okafor".into();
        let text = line(Some(&riverside(0, false)), &evil, at());
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("Ada\\u{1b}[2J Okafor leads"), "{text}");
        let mut evil2 = riverside(2, false);
        evil2.contest.areas.as_mut().unwrap()[1].name = "South\u{7}".into();
        let text = line(Some(&riverside(1, false)), &evil2, at());
        assert!(text.ends_with("new: South\\u{7}"), "{text}");
    }

    #[test]
    fn a_contest_without_areas_leaves_the_areas_out() {
        let l = crate::import::embedded::get("london-2004")
            .unwrap()
            .load()
            .unwrap();
        let text = line(None, &l, at());
        assert!(
            text.starts_with("14:05:09 · Ken Livingstone wins by "),
            "{text}"
        );
    }

    #[test]
    fn problems_go_to_stderr_identical_versions_print_nothing_and_final_ends_it() {
        let counted = |generation, k: usize, last| Feed::Counted {
            generation,
            loaded: Box::new(riverside(k, last)),
            at: at(),
        };
        let feeds = vec![
            Feed::Missing { generation: 1 },
            counted(2, 0, false),
            Feed::Problem {
                generation: 3,
                message: "night.json:1:44: EOF \u{1b}[2J".into(),
            },
            counted(4, 0, false),
            counted(5, 1, false),
            counted(6, 3, true),
            counted(7, 2, false),
        ];
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let ended = print(feeds, "night.json", None, &mut out, &mut err).unwrap();
        assert_eq!(ended, Some(Ended::Final));
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "the same version twice is one line: {out}");
        assert!(lines[2].ends_with("FINAL · new: South and East"), "{out}");
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "tally: night.json does not exist (waiting for a good version)\n\
             tally: night.json:1:44: EOF \\u{1b}[2J (keeping the last good version)\n"
        );
    }

    #[test]
    fn with_a_baseline_each_line_ends_with_the_comparison() {
        let full = crate::import::embedded::get("london-2024")
            .unwrap()
            .load()
            .unwrap();
        let baseline = crate::import::embedded::get("london-2016")
            .unwrap()
            .load()
            .unwrap();
        let feeds = crate::live::replay::stages(&full.contest)
            .unwrap()
            .into_iter()
            .enumerate()
            .map(|(k, stage)| Feed::Counted {
                generation: k as u64 + 1,
                loaded: Box::new(Counted::new(stage.contest, Vec::new()).unwrap()),
                at: at(),
            });
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let ended = print(feeds, "night.json", Some(&baseline), &mut out, &mut err).unwrap();
        assert_eq!(ended, Some(Ended::Final));
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 16, "{out}");
        assert!(
            lines[0].ends_with(" · vs 2016: nothing to compare yet"),
            "{out}"
        );
        assert!(lines[7].contains(" · vs 2016, same 7 areas: Lab "), "{out}");
        assert!(
            lines[15]
                .contains("swing Con to Lab 1.0; turnout 40.5% (2016: 45.3%, basis not stated)"),
            "{out}"
        );
    }

    #[test]
    fn a_closed_output_ends_it_quietly() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let feeds = vec![Feed::Counted {
            generation: 1,
            loaded: Box::new(riverside(0, false)),
            at: at(),
        }];
        let mut err = Vec::new();
        assert_eq!(
            print(feeds, "night.json", None, &mut Closed, &mut err).unwrap(),
            Some(Ended::Closed)
        );
        assert!(err.is_empty());
    }
}
