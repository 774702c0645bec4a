//! Published counts for the tests of the words and the screens, built straight from the
//! model (the readers live elsewhere), each shaped like a real case another tabulator
//! published: Boulder 2023 (a batch eliminated with no transfers given), the Minneapolis
//! 2013 park board (three seats, fractional surpluses, two elected at once, a residual),
//! the three-way tie whose winner is elected below the threshold, a count whose writer adds
//! a one-candidate final round, a file with no votes yet, and a 36-candidate, 33-round
//! mayoral count with inactive ballots by kind and batch eliminations. Each is written out
//! here by hand, not read from the other tabulators' files: a few figures are the public
//! results themselves (Boulder's tallies, Minneapolis's leaders), the rest made up to the
//! real cases' shape.
//!
//! [`from_expected`] builds a count from an interop case's `expected.json` for an
//! `#[ignore]`d check against the real figures when `../shared/interop` is there.

use crate::count::Counted;
use crate::model::published::testing;
use crate::model::{
    Candidate, Contest, InactiveKinds, Published, PublishedRound, PublishedTie, PublishedTransfer,
    Votes, VotingSystem,
};

pub use crate::model::published::testing::{round, v};

pub fn to(from: usize, to: Option<usize>, votes: &str) -> PublishedTransfer {
    PublishedTransfer {
        from,
        to,
        votes: v(votes),
    }
}

pub fn kinds(no_choice: &str, overvotes: &str, skipped: &str) -> InactiveKinds {
    InactiveKinds {
        exhausted_choices: v(no_choice),
        overvotes: v(overvotes),
        skipped_rankings: v(skipped),
        repeated_rankings: Votes::ZERO,
    }
}

/// A contest holding `p`, with `names` as its candidates and round 1 as first preferences.
pub fn contest(id: &str, title: &str, names: &[&str], seats: u32, p: Published) -> Contest {
    let candidates: Vec<Candidate> = names
        .iter()
        .enumerate()
        .map(|(k, n)| testing::candidate(&format!("c{k}"), n))
        .collect();
    let first_preferences = p.rounds.first().map(|r| {
        r.tally
            .iter()
            .enumerate()
            .filter_map(|(k, t)| t.map(|t| (format!("c{k}"), t)))
            .collect()
    });
    Contest {
        id: id.into(),
        title: title.into(),
        area: String::new(),
        date: chrono::NaiveDate::from_ymd_opt(2023, 11, 7),
        first_preferences,
        ..testing::contest_of(candidates, seats, p)
    }
}

pub fn published(format: &str, system: VotingSystem, rounds: Vec<PublishedRound>) -> Published {
    Published {
        format: format.into(),
        ..testing::published(system, rounds)
    }
}

fn counted(c: Contest) -> Counted {
    Counted::new(c, Vec::new()).expect("a fixture counts")
}

/// Boulder 2023's shape: four candidates, the last two eliminated together in round 1 with
/// no transfers given (`"transfers": {}`), so round 2's are worked out from the tallies.
pub fn boulder() -> Counted {
    let mut r1 = round(&[Some("11347"), Some("6271"), Some("14087"), Some("729")]);
    r1.eliminated = vec![1, 3];
    r1.inactive = Some(v("1335"));
    r1.threshold = Some(v("16080"));
    let mut r2 = round(&[Some("16580"), None, Some("15382"), None]);
    r2.inactive = Some(v("1807"));
    r2.threshold = Some(v("15982"));
    r2.elected = vec![0];
    let p = published(
        "Universal Tabulator JSON",
        VotingSystem::InstantRunoff,
        vec![r1, r2],
    );
    counted(contest(
        "boulder-2023",
        "Boulder Mayor 2023",
        &[
            "Aaron Brockett",
            "Nicole Speer",
            "Bob Yates",
            "Paul Tweedlie",
        ],
        1,
        p,
    ))
}

/// The Minneapolis 2013 park board's shape: three seats, the quota 14,866 in every round;
/// one elected in round 2 whose surplus moves in fractions; two elected together in round
/// 5, whose surpluses end the count; some of each surplus lost to rounding. Inactive
/// ballots by kind, and blank ballots beside them.
pub fn park_board() -> Counted {
    // Annie Young, Meg Forney, John Erwin, Brad Bourn, Steve Barland, Write-ins.
    let q = Some(v("14866"));
    let mut r1 = round(&[
        Some("13120"),
        Some("11020"),
        Some("14300"),
        Some("9040"),
        Some("8022"),
        Some("1958"),
    ]);
    r1.inactive = Some(v("67"));
    r1.inactive_kinds = Some(kinds("67", "0", "0"));
    r1.threshold = q;
    r1.eliminated = vec![5];
    r1.transfers = Some(vec![
        to(5, Some(0), "420"),
        to(5, Some(1), "380"),
        to(5, Some(2), "610"),
        to(5, Some(3), "250"),
        to(5, Some(4), "209"),
    ]);
    let mut r2 = round(&[
        Some("13540"),
        Some("11400"),
        Some("14910"),
        Some("9290"),
        Some("8231"),
        None,
    ]);
    r2.inactive = Some(v("156"));
    r2.inactive_kinds = Some(kinds("150", "6", "0"));
    r2.threshold = q;
    r2.elected = vec![2];
    r2.transfers = Some(vec![
        to(2, Some(0), "12.1234"),
        to(2, Some(1), "9.5"),
        to(2, Some(3), "14.25"),
        to(2, Some(4), "8.1"),
    ]);
    let mut r3 = round(&[
        Some("13552.1234"),
        Some("11409.5"),
        Some("14866"),
        Some("9304.25"),
        Some("8239.1"),
        None,
    ]);
    r3.inactive = Some(v("156"));
    r3.inactive_kinds = Some(kinds("150", "6", "0"));
    r3.threshold = q;
    r3.eliminated = vec![4];
    r3.transfers = Some(vec![
        to(4, Some(0), "1200"),
        to(4, Some(1), "2100.4"),
        to(4, Some(3), "1800.7"),
        to(4, None, "3138"),
    ]);
    let mut r4 = round(&[
        Some("14752.1234"),
        Some("13509.9"),
        Some("14866"),
        Some("11104.95"),
        None,
        None,
    ]);
    r4.inactive = Some(v("3294"));
    r4.inactive_kinds = Some(kinds("3282", "12", "0"));
    r4.threshold = q;
    r4.eliminated = vec![3];
    r4.transfers = Some(vec![
        to(3, Some(0), "2100.25"),
        to(3, Some(1), "4000.7"),
        to(3, None, "5004"),
    ]);
    let mut r5 = round(&[
        Some("16852.3734"),
        Some("17510.6"),
        Some("14866"),
        None,
        None,
        None,
    ]);
    r5.inactive = Some(v("8298"));
    r5.inactive_kinds = Some(kinds("8280", "18", "0"));
    r5.threshold = q;
    r5.elected = vec![1, 0];
    // Every seat is filled: the surpluses have nowhere to go (a little lost to rounding).
    r5.transfers = Some(vec![to(1, None, "2644.6"), to(0, None, "1986.3")]);
    let mut r6 = round(&[
        Some("14866"),
        Some("14866"),
        Some("14866"),
        None,
        None,
        None,
    ]);
    r6.inactive = Some(v("12928.9"));
    r6.inactive_kinds = Some(kinds("12910.9", "18", "0"));
    r6.threshold = q;
    let mut p = published(
        "RCTab 2.0.0 detailed report",
        VotingSystem::SingleTransferableVote,
        vec![r1, r2, r3, r4, r5, r6],
    );
    p.undervotes = Some(v("3011"));
    counted(contest(
        "park-2013",
        "Park Board at large 2013",
        &[
            "Annie Young",
            "Meg Forney",
            "John Erwin",
            "Brad Bourn",
            "Steve Barland",
            "Undeclared Write-ins",
        ],
        3,
        p,
    ))
}

/// The three-way tie: 3-3-3 in round 2 (Grumpy goes, as recorded), then 3-3 in round 3 and
/// Sneezy elected below the threshold of 5 by the tie-break.
pub fn tie_winner() -> Counted {
    // Dopey, Grumpy, Happy, Sneezy.
    let five = Some(v("5"));
    let mut r1 = round(&[Some("3"), Some("2"), Some("1"), Some("3")]);
    r1.threshold = five;
    r1.eliminated = vec![2];
    r1.inactive_kinds = Some(InactiveKinds::default());
    r1.inactive = Some(Votes::ZERO);
    r1.transfers = Some(vec![to(2, Some(1), "1")]);
    let mut r2 = round(&[Some("3"), Some("3"), None, Some("3")]);
    r2.threshold = five;
    r2.eliminated = vec![1];
    r2.inactive_kinds = Some(InactiveKinds::default());
    r2.inactive = Some(Votes::ZERO);
    r2.transfers = Some(vec![to(1, None, "3")]);
    r2.ties = vec![PublishedTie {
        tied: vec![0, 1, 3],
        chosen: vec![1],
        broken_by: None,
    }];
    let mut r3 = round(&[Some("3"), None, None, Some("3")]);
    r3.threshold = five;
    r3.elected = vec![3];
    r3.inactive_kinds = Some(kinds("3", "0", "0"));
    r3.inactive = Some(v("3"));
    let p = published(
        "RCTab 2.0.0 detailed report",
        VotingSystem::InstantRunoff,
        vec![r1, r2, r3],
    );
    counted(contest(
        "tiebreak",
        "Tie-break test",
        &["Dopey", "Grumpy", "Happy", "Sneezy"],
        1,
        p,
    ))
}

/// A writer that adds a one-candidate final round: the runner-up is eliminated in round 2
/// and round 3 holds the winner alone.
pub fn lone_final() -> Counted {
    let mut r1 = round(&[Some("40"), Some("35"), Some("25")]);
    r1.eliminated = vec![2];
    r1.transfers = Some(vec![to(2, Some(0), "12"), to(2, Some(1), "8")]);
    let mut r2 = round(&[Some("52"), Some("43"), None]);
    r2.eliminated = vec![1];
    r2.transfers = Some(vec![to(1, Some(0), "30")]);
    let mut r3 = round(&[Some("82"), None, None]);
    r3.elected = vec![0];
    let p = published(
        "Universal Tabulator JSON",
        VotingSystem::InstantRunoff,
        vec![r1, r2, r3],
    );
    counted(contest(
        "lone-final",
        "Council Ward 4",
        &["Ada Byron", "Ben Okri", "Cleo Diaz"],
        1,
        p,
    ))
}

/// A file with nothing counted yet: one round, two candidates on 0.
pub fn zero_votes() -> Counted {
    let mut r1 = round(&[Some("0"), Some("0")]);
    r1.threshold = Some(Votes::ZERO);
    let p = published(
        "Universal Tabulator JSON",
        VotingSystem::InstantRunoff,
        vec![r1],
    );
    counted(contest("zero", "Zero-vote election", &["Yes", "No"], 1, p))
}

/// Made-up names for the 36-candidate count, the longest as long as Minneapolis's.
const MAYOR: [&str; 36] = [
    "Betsy Hodges",
    "Mark Andrew",
    "Don Samuels",
    "Cam Winton",
    "Jackie Cherryhomes",
    "Bob Fine",
    "Dan Cohen",
    "Stephanie Woodruff",
    "Mark V Anderson",
    "Doug Mann",
    "Ole Savior",
    "James Everett",
    "Alicia K. Bennett",
    "Abdul M Rahaman the Rock",
    "Captain Jack Sparrow",
    "Christopher Clark",
    "Tony Lane",
    "Jaymie Kelly",
    "Mike Gould",
    "Kurtis W. Hanna",
    "Christopher Robin Zimmerman",
    "Jeffrey Alan Wagner",
    "Neal Baxter",
    "Troy Benjegerdes",
    "Gregg A. Iverson",
    "Merrill Anderson",
    "Joshua Rea",
    "Bill Kahn",
    "John Leslie Hartwig",
    "Edmund Bernard Bruyere",
    "James Jimmy L. Stroud, Jr.",
    "Rahn V. Workcuff",
    "Bob Again Carney Jr",
    "Cyd Gorman",
    "John Charles Wilson",
    "Undeclared Write-ins",
];

/// A 36-candidate, 33-round instant runoff shaped like Minneapolis 2013's mayor: one
/// eliminated per round, then two batches of two, transfers per source as published, the
/// inactive ballots by kind and blank ballots beside them.
pub fn mayor() -> Counted {
    let n = MAYOR.len();
    // First preferences, most first; whole votes.
    let mut tally: Vec<u64> = (0..n)
        .map(|k| match k {
            0 => 28_951,
            1 => 19_584,
            2 => 8_335,
            3 => 7_523,
            4 => 3_524,
            5 => 2_095,
            _ => 1_600 / (k as u64 - 3) + (40 - k as u64),
        })
        .collect();
    let mut in_count = vec![true; n];
    let (mut overvotes, skipped, mut no_choice) = (103u64, 47u64, 0u64);
    // Which candidates go at the end of each round: the last one, then batches of two.
    let mut rounds = Vec::new();
    for r in 0..33 {
        let mut pr = PublishedRound {
            tally: (0..n)
                .map(|i| in_count[i].then(|| Votes::new(tally[i])))
                .collect(),
            inactive: Some(Votes::new(overvotes + skipped + no_choice)),
            inactive_kinds: Some(InactiveKinds {
                exhausted_choices: Votes::new(no_choice),
                overvotes: Votes::new(overvotes),
                skipped_rankings: Votes::new(skipped),
                repeated_rankings: Votes::ZERO,
            }),
            threshold: None,
            elected: Vec::new(),
            eliminated: Vec::new(),
            transfers: Some(Vec::new()),
            ties: Vec::new(),
            repaired: Vec::new(),
        };
        let continuing: u64 = (0..n).filter(|&i| in_count[i]).map(|i| tally[i]).sum();
        pr.threshold = Some(Votes::new(continuing / 2 + 1));
        if r == 32 {
            pr.elected = vec![0];
            rounds.push(pr);
            break;
        }
        let batch = if r >= 30 { 2 } else { 1 };
        let mut order: Vec<usize> = (0..n).filter(|&i| in_count[i]).collect();
        order.sort_by_key(|&i| (tally[i], std::cmp::Reverse(i)));
        let out: Vec<usize> = order[..batch].to_vec();
        let receivers: Vec<usize> = order[batch..].iter().rev().take(4).copied().collect();
        let mut transfers = Vec::new();
        for &e in &out {
            let votes = tally[e];
            // A fifth exhausted (an overvote now and then), the rest to the four leaders in
            // falling parts.
            let gone = votes / 5;
            let mut left = votes - gone;
            for (k, &to) in receivers.iter().enumerate() {
                let part = if k + 1 == receivers.len() {
                    left
                } else {
                    left / 2
                };
                left -= part;
                if part > 0 {
                    transfers.push(PublishedTransfer {
                        from: e,
                        to: Some(to),
                        votes: Votes::new(part),
                    });
                    tally[to] += part;
                }
            }
            if gone > 0 {
                transfers.push(PublishedTransfer {
                    from: e,
                    to: None,
                    votes: Votes::new(gone),
                });
            }
            let over = u64::from(r % 7 == 0).min(gone);
            overvotes += over;
            no_choice += gone - over;
            in_count[e] = false;
        }
        pr.eliminated = out;
        pr.transfers = Some(transfers);
        rounds.push(pr);
    }
    let mut p = published(
        "RCTab 2.0.0 detailed report",
        VotingSystem::InstantRunoff,
        rounds,
    );
    p.undervotes = Some(Votes::new(639));
    p.total_ballots = Some(Votes::new(80_101));
    counted(contest("mayor-2013", "Mayor 2013", &MAYOR, 1, p))
}

/// Every fixture, by name, for tests that sweep them all.
pub fn all() -> Vec<(&'static str, Counted)> {
    vec![
        ("boulder", boulder()),
        ("park_board", park_board()),
        ("tie_winner", tie_winner()),
        ("lone_final", lone_final()),
        ("zero_votes", zero_votes()),
        ("mayor", mayor()),
        ("tabulated", tabulated()),
    ]
}

/// A count tally made itself from cast vote records under RCTab's rules, as `count::rcv`
/// builds one: five candidates and the undeclared write-in (eliminated first), ballots
/// exhausted at overvotes and after skipped rankings, two eliminated together by batch
/// elimination, a tie for last place broken by the configuration's candidate order, and
/// blank ballots beside the count.
pub fn tabulated() -> Counted {
    use crate::model::cvr::FileRead;
    use crate::model::published::Tabulation;
    use crate::model::rules::{RcvRules, TieBrokenBy};
    let kinds_of = |no_choice: &str, overvotes: &str, skipped: &str| {
        let k = kinds(no_choice, overvotes, skipped);
        (Some(k.total().expect("small")), Some(k))
    };
    // Ada Ames, Ben Bell, Cy Cole, Di Dunn, Ed Eng, Undeclared Write-ins.
    let mut r1 = round(&[
        Some("400"),
        Some("220"),
        Some("180"),
        Some("60"),
        Some("50"),
        Some("40"),
    ]);
    (r1.inactive, r1.inactive_kinds) = kinds_of("0", "20", "10");
    r1.eliminated = vec![5];
    r1.transfers = Some(vec![
        to(5, Some(0), "10"),
        to(5, Some(1), "10"),
        to(5, Some(2), "5"),
        to(5, Some(3), "5"),
        to(5, Some(4), "5"),
        to(5, None, "5"),
    ]);
    let mut r2 = round(&[
        Some("410"),
        Some("230"),
        Some("185"),
        Some("65"),
        Some("55"),
        None,
    ]);
    (r2.inactive, r2.inactive_kinds) = kinds_of("3", "22", "10");
    r2.eliminated = vec![3, 4];
    r2.transfers = Some(vec![
        to(3, Some(0), "20"),
        to(3, Some(1), "10"),
        to(3, Some(2), "25"),
        to(3, None, "10"),
        to(4, Some(0), "10"),
        to(4, Some(1), "5"),
        to(4, Some(2), "35"),
        to(4, None, "5"),
    ]);
    let mut r3 = round(&[Some("440"), Some("245"), Some("245"), None, None, None]);
    (r3.inactive, r3.inactive_kinds) = kinds_of("9", "26", "15");
    r3.eliminated = vec![2];
    r3.ties = vec![PublishedTie {
        tied: vec![1, 2],
        chosen: vec![2],
        broken_by: Some(TieBrokenBy::CandidateOrder),
    }];
    r3.transfers = Some(vec![
        to(2, Some(0), "100"),
        to(2, Some(1), "120"),
        to(2, None, "25"),
    ]);
    let mut r4 = round(&[Some("540"), Some("365"), None, None, None, None]);
    (r4.inactive, r4.inactive_kinds) = kinds_of("29", "31", "15");
    r4.elected = vec![0];
    let mut p = published(
        "tally's count of cast vote records under RCTab's rules",
        VotingSystem::InstantRunoff,
        vec![r1, r2, r3, r4],
    );
    p.undervotes = Some(v("20"));
    p.total_ballots = Some(v("1000"));
    p.tabulation = Some(Box::new(Tabulation {
        rules: RcvRules {
            max_skipped: Some(1),
            max_rankings: Some(3),
            batch_elimination: true,
            ..RcvRules::default()
        },
        config: Some("city_mayor_config.json".into()),
        description: Some("City Rules".into()),
        write_in: None,
        files: vec![FileRead {
            file: "city_cvr.json".into(),
            ballots: v("1000"),
        }],
    }));
    counted(contest(
        "city-mayor",
        "City Mayor",
        &[
            "Ada Ames",
            "Ben Bell",
            "Cy Cole",
            "Di Dunn",
            "Ed Eng",
            crate::import::cvr::WRITE_IN_NAME,
        ],
        1,
        p,
    ))
}

/// A count from an interop case's `expected.json` (case name → its folder under
/// `../shared/interop`), for the `#[ignore]`d checks against the real figures; `None` when
/// the folder is not there.
pub fn from_expected(case: &str) -> Option<Counted> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/interop")
        .join(case)
        .join("expected.json");
    let text = std::fs::read_to_string(path).ok()?;
    let doc: serde_json::Value = serde_json::from_str(&text).ok()?;
    let rounds = doc["rounds"].as_array()?;
    let mut names: Vec<String> = Vec::new();
    for r in rounds {
        for name in r["tally"].as_object().into_iter().flatten().map(|(k, _)| k) {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    let idx = |n: &serde_json::Value| names.iter().position(|m| Some(m.as_str()) == n.as_str());
    let num = |x: &serde_json::Value| -> Option<Votes> {
        match x {
            serde_json::Value::Number(n) => Votes::parse_decimal(&n.to_string()).ok(),
            serde_json::Value::String(s) => Votes::parse_decimal(s).ok(),
            _ => None,
        }
    };
    let seats = doc["seats"].as_u64().unwrap_or(1) as u32;
    let mut out = Vec::new();
    for r in rounds {
        let tally = names
            .iter()
            .map(|n| r["tally"].get(n).and_then(num))
            .collect();
        let kinds = r["inactive"].as_object().map(|k| InactiveKinds {
            exhausted_choices: k.get("exhaustedChoices").and_then(num).unwrap_or_default(),
            overvotes: k.get("overvotes").and_then(num).unwrap_or_default(),
            skipped_rankings: k.get("skippedRankings").and_then(num).unwrap_or_default(),
            repeated_rankings: k.get("repeatedRankings").and_then(num).unwrap_or_default(),
        });
        let list = |key: &str| -> Vec<usize> {
            r[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(idx)
                .collect()
        };
        out.push(PublishedRound {
            tally,
            inactive: r.get("exhausted").and_then(num),
            inactive_kinds: kinds,
            threshold: r.get("threshold").and_then(num),
            elected: list("elected"),
            eliminated: list("eliminated"),
            // expected.json restates the tallies, not the transfers: derived.
            transfers: None,
            ties: Vec::new(),
            repaired: Vec::new(),
        });
    }
    let system = if seats > 1 {
        VotingSystem::SingleTransferableVote
    } else {
        VotingSystem::InstantRunoff
    };
    let mut p = published("expected.json", system, out);
    p.undervotes = doc["undervotes"].as_u64().map(Votes::new);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    Counted::new(contest(case, case, &names, seats, p), Vec::new()).ok()
}
