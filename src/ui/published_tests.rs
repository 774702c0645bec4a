//! Published counts (RCTab, Universal Tabulator, OpaVote shapes) on every screen and in every
//! text output: snapshots at 80×24 and 120×40, read and reviewed, and the promises each
//! output keeps checked directly (derived transfers said so, no "0 transferred", no NaN,
//! several elected shown as elected).

use crate::app::{Theme, View};
use crate::count::Counted;
use crate::headless::{Shot, Size, Step, render};
use crate::story::fixtures;

fn shot(l: &Counted, view: View, step: Step, (w, h): (u16, u16), present: Option<usize>) -> String {
    let buf = render(
        vec![l.clone()],
        0,
        Shot {
            view,
            step,
            size: Size {
                width: w,
                height: h,
            },
            theme: Theme::Mono,
            present,
        },
    )
    .unwrap();
    crate::export::txt(&buf)
}

fn count_at(l: &Counted, step: f64, size: (u16, u16)) -> String {
    shot(l, View::Count, Step::At(step), size, None)
}

/// Every screen and output a published count has, checked for what must never show.
fn never(out: &str, what: &str) {
    for bad in ["NaN", "inf%", "0 transferred"] {
        assert!(!out.contains(bad), "{what} shows {bad:?}:\n{out}");
    }
}

#[test]
fn no_screen_or_output_shows_nan_or_an_unknown_as_zero() {
    for (name, l) in fixtures::all() {
        let steps = l.count.rounds.len();
        for size in [(80, 24), (120, 40), (40, 12)] {
            for k in 0..=steps * 2 {
                let step = k as f64 / 2.0;
                for view in [View::Count, View::Shares, View::Elections] {
                    never(&shot(&l, view, Step::At(step), size, None), name);
                }
            }
            for beat in 0..crate::story::present::beats(&l).len() {
                never(&shot(&l, View::Count, Step::Last, size, Some(beat)), name);
            }
        }
        never(&crate::report::text::rounds(&l), name);
        never(&crate::story::narrate::report(&l), name);
    }
}

#[test]
fn derived_transfers_are_said_to_be_derived_everywhere() {
    let l = fixtures::boulder();
    let step = crate::story::narrate::step(&l, 1).join(" ");
    assert!(
        step.contains("The file does not say where these ballots went; from the change in tallies: 5,233 to Aaron Brockett, 1,295 to Bob Yates and 472 exhausted."),
        "{step}"
    );
    let moving = crate::story::narrate::moving(&l, 1);
    assert!(moving.contains("the file does not say where"), "{moving}");
    let squeeze = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let report = squeeze(crate::report::text::rounds(&l));
    assert!(report.contains("From tallies"), "{report}");
    assert!(report.contains("The file does not say where"), "{report}");
    let told = squeeze(crate::story::narrate::report(&l));
    assert!(told.contains("does not say where"), "{told}");
    // Animated as one batch: one turn, both sources draining together.
    assert_eq!(crate::app::animation::turns(&l.count, 1).len(), 1);
    let mid = count_at(&l, 1.5, (80, 24));
    assert!(mid.contains("the file does not say"), "{mid}");
    let beats = crate::story::present::beats(&l);
    let transfer = beats
        .iter()
        .position(|b| matches!(b, crate::story::present::Beat::Transfer(..)))
        .unwrap();
    let beat = crate::story::present::frame(&l, beats[transfer]);
    assert!(
        beat.explanation.contains("The file does not say where"),
        "{}",
        beat.explanation
    );
}

#[test]
fn snapshots_boulder_a_batch_with_derived_transfers() {
    let l = fixtures::boulder();
    insta::assert_snapshot!("boulder_count_2_80x24", count_at(&l, 2.0, (80, 24)));
    insta::assert_snapshot!("boulder_count_mid_80x24", count_at(&l, 1.5, (80, 24)));
    insta::assert_snapshot!(
        "boulder_shares_80x24",
        shot(&l, View::Shares, Step::Last, (80, 24), None)
    );
    insta::assert_snapshot!("boulder_rounds", crate::report::text::rounds(&l));
    let beats = crate::story::present::beats(&l);
    let transfer = beats
        .iter()
        .position(|b| *b == crate::story::present::Beat::Transfer(1, 0))
        .unwrap();
    insta::assert_snapshot!(
        "boulder_present_transfer_80x24",
        shot(&l, View::Count, Step::Last, (80, 24), Some(transfer))
    );
}

#[test]
fn snapshots_park_board_three_seats_with_surpluses() {
    let l = fixtures::park_board();
    insta::assert_snapshot!("park_count_3_80x24", count_at(&l, 3.0, (80, 24)));
    insta::assert_snapshot!("park_count_last_120x40", count_at(&l, 6.0, (120, 40)));
    insta::assert_snapshot!(
        "park_shares_80x24",
        shot(&l, View::Shares, Step::Last, (80, 24), None)
    );
    let beats = crate::story::present::beats(&l);
    let surplus = beats
        .iter()
        .position(|b| *b == crate::story::present::Beat::Transfer(2, 0))
        .unwrap();
    let elected = beats
        .iter()
        .position(|b| *b == crate::story::present::Beat::Eliminate(1))
        .unwrap();
    insta::assert_snapshot!(
        "park_present_elected_80x24",
        shot(&l, View::Count, Step::Last, (80, 24), Some(elected))
    );
    insta::assert_snapshot!(
        "park_present_surplus_80x24",
        shot(&l, View::Count, Step::Last, (80, 24), Some(surplus))
    );
    insta::assert_snapshot!(
        "park_present_winner_80x24",
        shot(&l, View::Count, Step::Last, (80, 24), Some(beats.len() - 1))
    );
    insta::assert_snapshot!("park_rounds", crate::report::text::rounds(&l));
    insta::assert_snapshot!("park_narrate", crate::story::narrate::report(&l));
}

#[test]
fn snapshots_the_tie_winner_and_the_lone_final_round() {
    let l = fixtures::tie_winner();
    insta::assert_snapshot!("tie_count_last_80x24", count_at(&l, 3.0, (80, 24)));
    let beats = crate::story::present::beats(&l);
    insta::assert_snapshot!(
        "tie_present_winner_80x24",
        shot(&l, View::Count, Step::Last, (80, 24), Some(beats.len() - 1))
    );
    insta::assert_snapshot!("tie_rounds", crate::report::text::rounds(&l));
    let l = fixtures::lone_final();
    insta::assert_snapshot!("lone_count_last_80x24", count_at(&l, 3.0, (80, 24)));
}

#[test]
fn snapshots_zero_votes() {
    let l = fixtures::zero_votes();
    insta::assert_snapshot!("zero_count_80x24", count_at(&l, 1.0, (80, 24)));
    insta::assert_snapshot!(
        "zero_shares_80x24",
        shot(&l, View::Shares, Step::Last, (80, 24), None)
    );
    let beats = crate::story::present::beats(&l);
    insta::assert_snapshot!(
        "zero_present_last_80x24",
        shot(&l, View::Count, Step::Last, (80, 24), Some(beats.len() - 1))
    );
    insta::assert_snapshot!("zero_rounds", crate::report::text::rounds(&l));
}

#[test]
fn snapshots_a_36_candidate_count() {
    let l = fixtures::mayor();
    insta::assert_snapshot!("mayor_count_1_80x24", count_at(&l, 1.0, (80, 24)));
    insta::assert_snapshot!("mayor_count_12_80x24", count_at(&l, 12.0, (80, 24)));
    insta::assert_snapshot!("mayor_count_31_80x24", count_at(&l, 31.0, (80, 24)));
    // One source moving: its row is on screen, below the leaders, draining.
    let mid = count_at(&l, 11.5, (80, 24));
    assert!(mid.contains("Merrill Anderson"), "{mid}");
    insta::assert_snapshot!("mayor_count_12_mid_80x24", mid);
    insta::assert_snapshot!("mayor_count_32_mid_80x24", count_at(&l, 31.3, (80, 24)));
    insta::assert_snapshot!("mayor_count_33_80x24", count_at(&l, 33.0, (80, 24)));
    insta::assert_snapshot!("mayor_count_32_120x40", count_at(&l, 32.0, (120, 40)));
    insta::assert_snapshot!(
        "mayor_shares_80x24",
        shot(&l, View::Shares, Step::Last, (80, 24), None)
    );
    let beats = crate::story::present::beats(&l);
    let batch = beats
        .iter()
        .position(|b| *b == crate::story::present::Beat::Eliminate(30))
        .unwrap();
    let first_out = beats
        .iter()
        .position(|b| *b == crate::story::present::Beat::Eliminate(0))
        .unwrap();
    let screen = shot(&l, View::Count, Step::Last, (80, 24), Some(first_out));
    assert!(screen.contains("✗ Undeclared Write-ins"), "{screen}");
    insta::assert_snapshot!("mayor_present_first_out_80x24", screen);
    insta::assert_snapshot!(
        "mayor_present_batch_80x24",
        shot(&l, View::Count, Step::Last, (80, 24), Some(batch))
    );
    let totals = beats
        .iter()
        .position(|b| *b == crate::story::present::Beat::Totals(11))
        .unwrap();
    insta::assert_snapshot!(
        "mayor_present_totals_12_80x24",
        shot(&l, View::Count, Step::Last, (80, 24), Some(totals))
    );
    insta::assert_snapshot!(
        "mayor_present_totals_12_120x40",
        shot(&l, View::Count, Step::Last, (120, 40), Some(totals))
    );
    insta::assert_snapshot!(
        "mayor_present_winner_80x24",
        shot(&l, View::Count, Step::Last, (80, 24), Some(beats.len() - 1))
    );
}

#[test]
fn snapshots_compare_and_elections_with_london_and_imported_counts() {
    let mut all = vec![
        crate::import::embedded::get("london-2021")
            .unwrap()
            .load()
            .unwrap(),
    ];
    all.push(fixtures::mayor());
    all.push(fixtures::park_board());
    all.push(fixtures::zero_votes());
    let compared = crate::report::compare::compare(&all, crate::report::Format::Text, false);
    insta::assert_snapshot!("compare_london_and_imported", compared);
    let json: serde_json::Value = serde_json::from_str(&crate::report::compare::compare(
        &all,
        crate::report::Format::Json,
        false,
    ))
    .unwrap();
    let park = &json["contests"][2];
    assert_eq!(park["id"], "park-2013");
    assert_eq!(park["elected"], serde_json::json!(["c2", "c1", "c0"]));
    assert_eq!(
        (park["seats"].as_u64(), park["rounds"].as_u64()),
        (Some(3), Some(6))
    );
    assert!(park["margin"].is_null(), "several seats, no one margin");
    assert_eq!(park["exhausted"].as_f64(), Some(12_928.9));
    assert!(json["contests"][1]["turnout"].is_null());
    for (w, h) in [(80, 24), (120, 40), (160, 60)] {
        let buf = render(
            all.clone(),
            1,
            Shot {
                view: View::Elections,
                step: Step::Last,
                size: Size {
                    width: w,
                    height: h,
                },
                theme: Theme::Mono,
                present: None,
            },
        )
        .unwrap();
        insta::assert_snapshot!(
            format!("elections_london_and_imported_{w}x{h}"),
            crate::export::txt(&buf)
        );
    }
}

#[test]
fn every_sentence_is_whole_at_80x24_and_120x40() {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (name, l) in fixtures::all() {
        for size in [(80, 24), (120, 40)] {
            for round in 0..l.count.rounds.len() {
                let said = squeeze(&crate::story::narrate::step(&l, round).join(" "));
                let screen = squeeze(&count_at(&l, (round + 1) as f64, size));
                assert!(
                    screen.contains(&said),
                    "{name} round {} at {size:?}: not whole:\n{said}\n{}",
                    round + 1,
                    count_at(&l, (round + 1) as f64, size)
                );
            }
        }
    }
}

#[test]
fn no_size_panics_in_any_view_step_or_beat() {
    let sizes = [
        (1, 1),
        (10, 3),
        (39, 11),
        (40, 12),
        (52, 16),
        (64, 20),
        (80, 24),
        (100, 30),
        (120, 40),
        (200, 60),
    ];
    for (_, l) in fixtures::all() {
        let steps = l.count.rounds.len();
        let beats = crate::story::present::beats(&l).len();
        for &size in &sizes {
            for step in [0.0, 0.5, 1.0, steps as f64 - 0.5, steps as f64] {
                for view in [
                    View::Count,
                    View::Shares,
                    View::Elections,
                    View::Areas,
                    View::Help,
                ] {
                    shot(&l, view, Step::At(step.max(0.0)), size, None);
                }
            }
            for beat in [0, beats / 2, beats - 1] {
                shot(&l, View::Count, Step::Last, size, Some(beat));
            }
        }
    }
}

#[test]
fn snapshots_a_count_tally_made_from_ballots() {
    let l = fixtures::tabulated();
    insta::assert_snapshot!("tabulated_rounds", crate::report::text::rounds(&l));
    insta::assert_snapshot!("tabulated_narrate", crate::story::narrate::report(&l));
    insta::assert_snapshot!("tabulated_json", crate::report::json::rounds(&l));
    insta::assert_snapshot!("tabulated_count_1_80x24", count_at(&l, 1.0, (80, 24)));
    insta::assert_snapshot!("tabulated_count_2_80x24", count_at(&l, 2.0, (80, 24)));
    insta::assert_snapshot!("tabulated_count_3_120x40", count_at(&l, 3.0, (120, 40)));
    insta::assert_snapshot!("tabulated_count_last_120x40", count_at(&l, 4.0, (120, 40)));
    let beats = crate::story::present::beats(&l);
    for (k, beat) in beats.iter().enumerate() {
        let size = if k % 2 == 0 { (80, 24) } else { (120, 40) };
        insta::assert_snapshot!(
            format!("tabulated_present_{k}_{}x{}", size.0, size.1),
            shot(&l, View::Count, Step::Last, size, Some(k))
        );
        let _ = beat;
    }
}

#[test]
fn a_count_tally_made_never_says_published() {
    let l = fixtures::tabulated();
    let mut outs = vec![
        crate::report::text::rounds(&l),
        crate::story::narrate::report(&l),
    ];
    for size in [(80, 24), (120, 40)] {
        for k in 0..=8 {
            outs.push(count_at(&l, k as f64 / 2.0, size));
        }
        for beat in 0..crate::story::present::beats(&l).len() {
            outs.push(shot(&l, View::Count, Step::Last, size, Some(beat)));
        }
    }
    for out in outs {
        for bad in ["published", "not recounted", "imported count"] {
            assert!(!out.contains(bad), "says {bad:?}:\n{out}");
        }
    }
}
