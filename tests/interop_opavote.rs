//! The OpaVote cases of `../shared/interop/` (real files other people published), opened as
//! every command opens a file, and compared with the publisher's answer (`expected.json`)
//! where the case has one, or with the figures worked out by hand where it has none.
//!
//! Opt-in: a fresh clone has no `../shared`, so these are `#[ignore]`d. Run them with
//! `cargo test --test interop_opavote -- --ignored`.

use std::path::{Path, PathBuf};

use tally::count::{Counted, Outcome};
use tally::model::Votes;

fn case(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/interop")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("{} is not here: skipped", dir.display());
        None
    }
}

fn open(path: &Path) -> Counted {
    tally::import::from_file(path).unwrap_or_else(|e| panic!("{e}"))
}

fn index(c: &Counted, name: &str) -> usize {
    c.contest
        .candidates
        .iter()
        .position(|x| x.name == name)
        .unwrap_or_else(|| panic!("no candidate {name}"))
}

/// A figure from `expected.json` (a JSON number, possibly `4e-06`) against tally's.
fn same(expected: &serde_json::Value, got: Votes, what: &str) {
    let e = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {expected}"));
    assert!(
        (e - got.as_f64()).abs() < 1e-9,
        "{what}: expected {e}, tally has {got}"
    );
}

#[test]
#[ignore = "needs ../shared/interop"]
fn opavote_v1_1_fractional_stv_matches_its_expected_json() {
    let Some(dir) = case("opavote-v1.1-fractional-stv") else {
        return;
    };
    let c = open(&dir.join("2022-example.json"));
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    assert_eq!(
        u64::from(c.contest.seats),
        expected["seats"].as_u64().unwrap()
    );
    let rounds = expected["rounds"].as_array().unwrap();
    assert_eq!(c.count.rounds.len(), rounds.len());
    let mut elected = Vec::new();
    for (k, er) in rounds.iter().enumerate() {
        let r = &c.count.rounds[k];
        for (name, votes) in er["tally"].as_object().unwrap() {
            let i = index(&c, name);
            same(votes, r.votes[i], &format!("round {}: {name}", k + 1));
        }
        same(
            &er["exhausted"],
            r.exhausted,
            &format!("round {}: exhausted", k + 1),
        );
        same(
            &er["threshold"],
            r.threshold,
            &format!("round {}: threshold", k + 1),
        );
        elected.extend(
            r.elected
                .iter()
                .map(|&i| c.contest.candidates[i].name.clone()),
        );
        let so_far: Vec<String> = er["elected_so_far"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect();
        assert_eq!(elected, so_far, "round {}", k + 1);
    }
    let winners: Vec<String> = c
        .count
        .elected()
        .iter()
        .map(|&i| c.contest.candidates[i].name.clone())
        .collect();
    assert_eq!(winners, ["BBB", "Implement"]);
    // Never 13 million votes: 13.
    assert_eq!(c.count.first().votes[index(&c, "BBB")].to_string(), "13");
    assert_eq!(c.count.rounds[1].exhausted.to_string(), "0.000004");
    assert_eq!(c.count.rounds[0].threshold.to_string(), "8.000001");
    assert_eq!(c.count.rounds[1].threshold.to_string(), "7.999999");
}

#[test]
#[ignore = "needs ../shared/interop"]
fn opavote_v1_0_debates_2019_gives_the_rounds_worked_out_by_hand() {
    let Some(dir) = case("opavote-v1.0-debates-2019") else {
        return;
    };
    let c = open(&dir.join("fairvote.json"));
    let name = |i: usize| c.contest.candidates[i].name.as_str();
    let count = &c.count;
    assert_eq!(count.rounds.len(), 19);
    // 1,327 votes, 3 of them invalid: 1,324 counted, and conserved in every round.
    assert_eq!(c.contest.ballot_papers, Some(Votes::new(1_327)));
    assert_eq!(c.contest.rejected, Some(Votes::new(3)));
    assert_eq!(count.valid, Votes::new(1_324));
    for r in &count.rounds {
        assert_eq!(r.continuing + r.exhausted + r.residual, count.valid);
        assert_eq!(r.residual, Votes::ZERO);
    }
    // One elimination a round, each at the end of the round before OpaVote lists it;
    // the first is the zero-vote batch (Eric Swalwell alone), which moves nothing.
    let eliminated: Vec<Vec<&str>> = count
        .rounds
        .iter()
        .map(|r| r.eliminated.iter().map(|&i| name(i)).collect())
        .collect();
    let order = [
        "Eric Swalwell",
        "Beto O’Rourke",
        "Tim Ryan",
        "Michael Bennet",
        "Bill de Blasio",
        "Kirsten Gillibrand",
        "John Hickenlooper",
        "John Delaney",
        "Jay Inslee",
        "Marianne Williamson",
        "Cory Booker",
        "Joe Biden",
        "Julián Castro",
        "Amy Klobuchar",
        "Tulsi Gabbard",
        "Pete Buttigieg",
        "Andrew Yang",
        "Kamala Harris",
    ];
    for (k, who) in order.iter().enumerate() {
        assert_eq!(eliminated[k], [*who], "round {}", k + 1);
    }
    assert!(eliminated[18].is_empty());
    let swalwell = index(&c, "Eric Swalwell");
    assert_eq!(count.rounds[0].votes[swalwell], Votes::ZERO);
    assert!(count.rounds[1].transfers.is_empty());
    assert_eq!(count.rounds[1].votes, {
        let mut v = count.rounds[0].votes.clone();
        v[swalwell] = Votes::ZERO;
        v
    });
    // The three recorded tie-breaks, in the rounds whose count was tied, the one chosen
    // eliminated: Ryan–O'Rourke on 1 (round 2), de Blasio–Bennet on 4 (round 4),
    // Delaney–Inslee on 10 (round 8).
    for (round, tied, out, votes) in [
        (2, ["Tim Ryan", "Beto O’Rourke"], "Beto O’Rourke", 1),
        (4, ["Bill de Blasio", "Michael Bennet"], "Michael Bennet", 4),
        (8, ["John Delaney", "Jay Inslee"], "John Delaney", 10),
    ] {
        let r = &count.rounds[round - 1];
        let tie = &r.tie_breaks[0];
        let mut names: Vec<&str> = tie.tied.iter().map(|&i| name(i)).collect();
        names.sort_unstable();
        let mut want = tied.to_vec();
        want.sort_unstable();
        assert_eq!(names, want, "round {round}");
        assert!(!tie.preferred.contains(&index(&c, out)), "round {round}");
        assert_eq!(tie.votes, Votes::new(votes), "round {round}");
        assert_eq!(r.eliminated, [index(&c, out)], "round {round}");
    }
    // The last round: Warren 631, Sanders 577, 116 exhausted; Warren elected.
    let last = count.last();
    assert_eq!(last.votes[index(&c, "Elizabeth Warren")], Votes::new(631));
    assert_eq!(last.votes[index(&c, "Bernie Sanders")], Votes::new(577));
    assert_eq!(last.exhausted, Votes::new(116));
    assert_eq!(
        count.outcome,
        Outcome::Elected(vec![index(&c, "Elizabeth Warren")])
    );
    // Round 1 as published: Sanders 417, Warren 242, Harris 199, Yang 198.
    for (who, votes) in [
        ("Bernie Sanders", 417),
        ("Elizabeth Warren", 242),
        ("Kamala Harris", 199),
        ("Andrew Yang", 198),
    ] {
        assert_eq!(
            count.first().votes[index(&c, who)],
            Votes::new(votes),
            "{who}"
        );
    }
}
