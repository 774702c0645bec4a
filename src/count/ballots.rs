//! Counting ballots: what their marks mean under the counting method's rules, then the
//! rounds, straight from the rankings.
//!
//! [`prepare`] applies the [`Rules`] to every distinct ranking once: a skipped choice or a
//! candidate marked twice either rejects the ballot (tally's class format) or is passed over.
//! The ballots that remain are rankings of distinct candidates with their weights, and
//! [`Prepared::count`] counts them under any system into a `Counted`: first past the post
//! from the first choices; the Supplementary Vote's transfers from each eliminated
//! candidate's ballots' second choices (so the transfer animates source by source); instant
//! runoff one elimination per round, each ballot moving to its next choice still in the
//! count. The arithmetic of each transfer is `step::apply`, the engine's own, and every tie
//! is broken and recorded by `ties`.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::step::{self, Move};
use super::sv::{self, Second};
use super::ties::{self, TieBreak, TieKind};
use super::{CandidateIdx, Count, Counted, Destination, Outcome, first_round, fptp, majority};
use crate::model::ballots::{Ballots, Mark, Rejected};
use crate::model::{
    Candidate, Contest, Diagnostic, Method, ResultStatus, Source, VoteMap, Votes, VotingSystem,
};
use crate::text::{clean, thousands};

/// What to do with an irregular mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The ballot is rejected, with the reason.
    Reject,
    /// The mark is passed over; the choices after it still count.
    Skip,
}

/// How a counting method reads irregular ballots. RCTab's `overvoteRule`,
/// `maxSkippedRanksAllowed` and `exhaustOnDuplicateCandidate` will be more of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// A rank left empty with a later rank marked.
    pub skipped: Action,
    /// A candidate marked a second time.
    pub repeated: Action,
}

impl Rules {
    /// tally's class format (`docs/ballots.md`): a ballot with a gap or a repeated choice is
    /// rejected, so the class sees it.
    pub const CLASS: Rules = Rules {
        skipped: Action::Reject,
        repeated: Action::Reject,
    };
}

/// Ballots ready to count under any system.
#[derive(Debug, Clone)]
pub struct Prepared {
    candidates: Vec<String>,
    /// Distinct rankings of distinct candidates, with their weights.
    rankings: Vec<(Vec<CandidateIdx>, Votes)>,
    /// Every ballot that cannot be counted, the reader's and the rules', by line.
    pub rejected: Vec<Rejected>,
}

/// What a count of ballots is called and where it comes from.
#[derive(Debug, Clone)]
pub struct About {
    pub title: String,
    /// The file the ballots came from, for the sources and notes.
    pub source: String,
    /// The date of the vote.
    pub date: chrono::NaiveDate,
}

impl About {
    /// Ballots from a file: titled as given or after the file, dated as given or today.
    pub fn file(
        path: &std::path::Path,
        title: Option<String>,
        date: Option<chrono::NaiveDate>,
    ) -> Self {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        About {
            title: title.or(stem).unwrap_or_else(|| "ballots".into()),
            source: path.display().to_string(),
            date: date.unwrap_or_else(|| chrono::Local::now().date_naive()),
        }
    }
}

/// A ballots file counted under some systems.
#[derive(Debug)]
pub struct Tallied {
    pub prepared: Prepared,
    /// One count per system asked for, in that order.
    pub counted: Vec<Counted>,
}

/// Read a ballots file, apply the class format's rules, and count it under `systems`: the
/// message naming the file (and line) when it cannot be.
pub fn tally_file(
    path: &std::path::Path,
    systems: &[VotingSystem],
    about: &About,
) -> Result<Tallied, String> {
    let ballots = crate::import::ballots_text::read_file(path)?;
    let prepared = prepare(&ballots, &Rules::CLASS);
    let counted = prepared
        .count_each(systems, about)
        .map_err(|m| format!("{}: {}", clean(&about.source), clean(&m)))?;
    Ok(Tallied { prepared, counted })
}

/// Apply the rules to every ranking.
pub fn prepare(b: &Ballots, rules: &Rules) -> Prepared {
    let mut rankings: Vec<(Vec<CandidateIdx>, Votes)> = Vec::new();
    let mut index: HashMap<Vec<CandidateIdx>, usize> = HashMap::new();
    let mut rejected = b.rejected.clone();
    for r in &b.rankings {
        let choices = match read(&r.marks, &b.candidates, rules) {
            Ok(choices) => choices,
            Err((kind, reason)) => {
                for &(line, count) in &r.lines {
                    rejected.push(Rejected {
                        line,
                        count,
                        kind,
                        reason: reason.clone(),
                    });
                }
                continue;
            }
        };
        match index.get(&choices) {
            Some(&k) => rankings[k].1 += r.weight,
            None => {
                index.insert(choices.clone(), rankings.len());
                rankings.push((choices, r.weight));
            }
        }
    }
    rejected.sort_by_key(|r| r.line);
    Prepared {
        candidates: b.candidates.clone(),
        rankings,
        rejected,
    }
}

/// A ballot's choices under the rules, or why it is rejected.
fn read(
    marks: &[Mark],
    names: &[String],
    rules: &Rules,
) -> Result<Vec<CandidateIdx>, (&'static str, String)> {
    let empty = || ("empty ballot", "an empty ballot: no choices".to_string());
    if marks.is_empty() {
        return Err(empty());
    }
    let mut choices: Vec<CandidateIdx> = Vec::with_capacity(marks.len());
    for (k, mark) in marks.iter().enumerate() {
        match mark {
            Mark::Skipped => match rules.skipped {
                Action::Reject => {
                    return Err((
                        "gap in choices",
                        format!("choice {} is empty but a later choice is not", k + 1),
                    ));
                }
                Action::Skip => {}
            },
            Mark::Candidate(i) if choices.contains(i) => match rules.repeated {
                Action::Reject => {
                    return Err((
                        "repeated choice",
                        format!("`{}` is chosen twice", names[*i]),
                    ));
                }
                Action::Skip => {}
            },
            Mark::Candidate(i) => choices.push(*i),
            // A class's ballots text has no overvotes; the ballots that do are cast vote
            // records, counted under RCTab's rules (`count::rcv`).
            Mark::Overvote(_) => {
                return Err((
                    "overvote",
                    format!("choice {} marks several candidates", k + 1),
                ));
            }
        }
    }
    if choices.is_empty() {
        return Err(empty());
    }
    Ok(choices)
}

impl Prepared {
    /// Valid ballots: those with a ranking to count.
    pub fn valid(&self) -> Votes {
        self.rankings.iter().map(|(_, w)| *w).sum()
    }

    /// Rejected ballots.
    pub fn rejected_total(&self) -> Votes {
        self.rejected.iter().map(|r| r.count).sum()
    }

    /// Count the ballots under each system in turn, or say why one cannot be.
    pub fn count_each(
        &self,
        systems: &[VotingSystem],
        about: &About,
    ) -> Result<Vec<Counted>, String> {
        systems.iter().map(|&s| self.count(s, about)).collect()
    }

    /// Count the ballots under `system`, or say why they cannot be (too many candidates for
    /// an instant runoff within [`super::MAX_FIGURES`]).
    pub fn count(&self, system: VotingSystem, about: &About) -> Result<Counted, String> {
        let n = self.candidates.len();
        if system == VotingSystem::InstantRunoff && !super::within_limit(n, n) {
            return Err(format!(
                "{} candidates: an instant runoff of this many can take as many rounds, more than tally can hold ({} figures at most); count them by first past the post or the Supplementary Vote",
                thousands(n as u64),
                thousands(super::MAX_FIGURES as u64)
            ));
        }
        let contest = self.contest(system, about);
        let mut first = vec![Votes::ZERO; n];
        for (choices, weight) in &self.rankings {
            first[choices[0]] += *weight;
        }
        let count = match system {
            VotingSystem::SingleTransferableVote => {
                return Err(
                    "the single transferable vote is not supported yet: tally counts one seat from ballots (instant runoff, the Supplementary Vote, first past the post)"
                        .to_string(),
                );
            }
            VotingSystem::FirstPastThePost => Ok(fptp::count(&contest, &first)),
            VotingSystem::SupplementaryVote => {
                sv::count(&contest, &first, Second::Ballots(&self.rankings))
            }
            VotingSystem::InstantRunoff => irv(&contest, &first, &self.rankings),
        };
        // The engine's checks cannot fail on what was counted here: if they do, it is a bug
        // in tally, said as one.
        let count = count.map_err(|d| internal(&d))?;
        Counted::with_count(contest, count, Vec::new()).map_err(|d| internal(&d))
    }

    /// The contest the ballots make: candidates, first preferences, valid and rejected
    /// ballots with their reasons, and where they came from.
    fn contest(&self, system: VotingSystem, about: &About) -> Contest {
        let mut taken = HashSet::new();
        let ids: Vec<String> = self
            .candidates
            .iter()
            .map(|name| id_for(name, &mut taken))
            .collect();
        let mut first = vec![Votes::ZERO; self.candidates.len()];
        for (choices, weight) in &self.rankings {
            first[choices[0]] += *weight;
        }
        let valid = self.valid();
        let rejected = self.rejected_total();
        let mut reasons: BTreeMap<String, Votes> = BTreeMap::new();
        for r in &self.rejected {
            *reasons.entry(r.kind.to_string()).or_default() += r.count;
        }
        let source = clean(&about.source).into_owned();
        // Options named by numbers ("candidates: 1, 2, 3") read as "Option 1" in sentences
        // and tables ("1 leads with 3" would not); their ids, and so the ballots, keep the
        // numbers as typed.
        let numbered = !self.candidates.is_empty()
            && self
                .candidates
                .iter()
                .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        Contest {
            id: id_for(&about.title, &mut HashSet::new()),
            title: about.title.clone(),
            area: "Ballots".to_string(),
            date: Some(about.date),
            method: Method::bare(system),
            seats: 1,
            status: Some(ResultStatus::Final),
            candidates: self
                .candidates
                .iter()
                .zip(&ids)
                .map(|(name, id)| Candidate {
                    id: id.clone(),
                    name: if numbered {
                        format!("Option {name}")
                    } else {
                        name.clone()
                    },
                    party: String::new(),
                    party_id: None,
                    colour: None,
                })
                .collect(),
            electorate: None,
            ballot_papers: Some(valid + rejected),
            valid_votes: Some(valid),
            rejected: Some(rejected),
            rejected_reasons: (!reasons.is_empty())
                .then(|| reasons.into_iter().collect::<VoteMap>()),
            turnout: None,
            first_preferences: Some(ids.iter().cloned().zip(first).collect()),
            second_choices: None,
            tie_break_order: None,
            areas: None,
            declaration_times: None,
            sources: vec![Source {
                id: "ballots".into(),
                title: source.clone(),
                publisher: None,
                date: None,
                url: None,
            }],
            notes: vec![format!(
                "Counted by tally from {} valid ballot{} in {source}.",
                valid.get(),
                if valid == 1 { "" } else { "s" },
            )],
        }
    }
}

fn internal(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render("ballots"))
        .collect();
    format!("internal error counting the ballots: {}", lines.join("; "))
}

/// The Supplementary Vote's transfers from ballots: for each eliminated candidate (in
/// order), the ballots whose second choice is a finalist (in order). What is left of an
/// eliminated candidate's ballots is non-transferable.
pub(super) fn second_round_moves(
    rankings: &[(Vec<CandidateIdx>, Votes)],
    finalists: &[CandidateIdx],
    eliminated: &[CandidateIdx],
) -> Vec<Move> {
    let mut table: HashMap<(CandidateIdx, CandidateIdx), Votes> = HashMap::new();
    for (choices, weight) in rankings {
        if let [a, b, ..] = choices[..] {
            *table.entry((a, b)).or_default() += *weight;
        }
    }
    let mut finalists = finalists.to_vec();
    finalists.sort_unstable();
    let mut moves = Vec::new();
    for &e in eliminated {
        for &f in &finalists {
            if let Some(&votes) = table.get(&(e, f)) {
                moves.push(Move {
                    from: Some(e),
                    to: Destination::Candidate(f),
                    votes,
                    path: String::new(),
                });
            }
        }
    }
    moves
}

/// Instant runoff from ballots: while nobody has more than half of the votes in play, the
/// candidate with the fewest goes (among equals, the one the tie rule favours least, which
/// is recorded), and each of their ballots moves to its next choice still in the count.
fn irv(
    contest: &Contest,
    first: &[Votes],
    rankings: &[(Vec<CandidateIdx>, Votes)],
) -> Result<Count, Vec<Diagnostic>> {
    let mut round = first_round(first);
    let valid = round.continuing;
    let done = |rounds, outcome| Count {
        system: VotingSystem::InstantRunoff,
        rounds,
        outcome,
        valid,
        partial: false,
    };
    if valid.is_zero() {
        return Ok(done(vec![round], Outcome::NoVotes));
    }
    let prio = ties::priorities(contest);
    // Each ranking's current choice: the position in its list of the candidate it counts for.
    let mut at = vec![0usize; rankings.len()];
    let mut rounds = Vec::new();
    loop {
        if let Some(w) = majority(&round) {
            round.elect(w);
            rounds.push(round);
            return Ok(done(rounds, Outcome::Elected(vec![w])));
        }
        let standing = round.standings();
        let Some(&(_, low)) = standing.last() else {
            rounds.push(round);
            return Ok(done(rounds, Outcome::Incomplete));
        };
        if round.continuing.is_zero() || standing.len() <= 1 {
            rounds.push(round);
            return Ok(done(rounds, Outcome::Incomplete));
        }
        let mut tied: Vec<CandidateIdx> = standing
            .iter()
            .filter(|(_, v)| *v == low)
            .map(|(i, _)| *i)
            .collect();
        tied.sort_unstable();
        let out = *tied
            .iter()
            .max_by_key(|&&i| prio[i])
            .expect("someone has the fewest votes");
        // A tie only when someone with the same votes stays in.
        if tied.len() > 1 {
            round.tie_breaks.push(TieBreak {
                kind: TieKind::Elimination,
                preferred: tied.iter().copied().filter(|&i| i != out).collect(),
                votes: low,
                rule: ties::rule_for(contest, &tied),
                tied,
            });
        }
        round.eliminated = vec![out];
        let mut moved = vec![Votes::ZERO; first.len()];
        for (g, (choices, weight)) in rankings.iter().enumerate() {
            if choices.get(at[g]) != Some(&out) {
                continue;
            }
            let next = choices
                .iter()
                .enumerate()
                .skip(at[g] + 1)
                .find(|&(_, &c)| c != out && round.is_continuing(c));
            match next {
                Some((k, &to)) => {
                    at[g] = k;
                    moved[to] += *weight;
                }
                None => at[g] = choices.len(),
            }
        }
        let moves: Vec<Move> = moved
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_zero())
            .map(|(to, &votes)| Move {
                from: Some(out),
                to: Destination::Candidate(to),
                votes,
                path: String::new(),
            })
            .collect();
        let next = step::apply(contest, &round, &[out], &moves, "")?;
        rounds.push(round);
        round = next;
    }
}

/// Candidates with no party, as ballots and other tabulators' files give them, in order:
/// each with an id made from its name ([`id_for`]), unique among them.
pub(crate) fn candidates_named<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<Candidate> {
    let mut taken = HashSet::new();
    names
        .into_iter()
        .map(|name| Candidate {
            id: id_for(name, &mut taken),
            name: name.to_string(),
            party: String::new(),
            party_id: None,
            colour: None,
        })
        .collect()
}

/// The longest id tally makes from a name (ids may be 64 characters; this leaves room for
/// a `-2` that tells two long names apart).
const ID_STEM: usize = 56;

/// An id from a name: `Ada Okafor` → `ada-okafor`, unique within `taken` (which it joins).
pub(crate) fn id_for(name: &str, taken: &mut HashSet<String>) -> String {
    let slug = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>();
    let mut stem = String::new();
    for word in slug.split('-').filter(|s| !s.is_empty()) {
        if stem.len() + 1 + word.len() > ID_STEM {
            if stem.is_empty() {
                stem = word[..ID_STEM].to_string();
            }
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(word);
    }
    if stem.is_empty() || stem == crate::model::EXHAUSTED {
        stem = format!("candidate-{}", taken.len() + 1);
    }
    let mut id = stem.clone();
    let mut k = 2;
    while taken.contains(&id) {
        id = format!("{stem}-{k}");
        k += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ballots_text::parse;

    fn about() -> About {
        About {
            title: "T".into(),
            source: "f".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        }
    }

    #[test]
    fn the_class_rules_reject_gaps_repeats_and_empty_ballots_by_line() {
        let text = "candidates: Alice, Bob\nAlice, Alcie\nBob, Bob\n, \nZed\nAlice,,Bob\n0,Alice\n";
        let p = prepare(&parse(text).unwrap(), &Rules::CLASS);
        let reasons: Vec<(usize, &str)> = p
            .rejected
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (2, "unknown candidate `Alcie`; did you mean `Alice`?"),
                (3, "`Bob` is chosen twice"),
                (4, "an empty ballot: no choices"),
                (5, "unknown candidate `Zed`"),
                (6, "choice 2 is empty but a later choice is not"),
                (7, "a count of 0 ballots"),
            ]
        );
        assert_eq!(p.valid(), Votes::ZERO);
    }

    #[test]
    fn rules_that_skip_pass_over_the_mark_and_count_the_rest() {
        let b = parse("candidates: Alice, Bob\nAlice,,Bob\nBob, Bob, Alice\n").unwrap();
        let skip = Rules {
            skipped: Action::Skip,
            repeated: Action::Skip,
        };
        let p = prepare(&b, &skip);
        assert!(p.rejected.is_empty());
        assert_eq!(
            p.rankings,
            [(vec![0, 1], Votes::new(1)), (vec![1, 0], Votes::new(1))]
        );
    }

    #[test]
    fn ids_are_unique_and_safe() {
        let mut taken = HashSet::new();
        assert_eq!(id_for("Ada Okafor", &mut taken), "ada-okafor");
        assert_eq!(id_for("Ada Okafor", &mut taken), "ada-okafor-2");
        assert_eq!(id_for("Exhausted", &mut HashSet::new()), "candidate-1");
        assert_eq!(id_for("!!!", &mut HashSet::new()), "candidate-1");
    }

    #[test]
    fn names_alike_for_64_characters_still_get_their_own_ids() {
        let long = "a".repeat(64);
        let b = parse(&format!("{long}x\n{long}y\n{long}x\n")).unwrap();
        let mut taken = HashSet::new();
        let ids: Vec<String> = b.candidates.iter().map(|n| id_for(n, &mut taken)).collect();
        assert_ne!(ids[0], ids[1]);
        assert!(
            ids.iter().all(|i| crate::model::ids::is_valid_id(i)),
            "{ids:?}"
        );
        let p = prepare(&b, &Rules::CLASS);
        for system in [
            VotingSystem::FirstPastThePost,
            VotingSystem::SupplementaryVote,
            VotingSystem::InstantRunoff,
        ] {
            assert_eq!(p.count(system, &about()).unwrap().count.valid, 3);
        }
    }

    #[test]
    fn too_many_candidates_for_an_instant_runoff_are_refused_not_counted() {
        let names: String = (0..3_200).map(|i| format!("c{i}\n")).collect();
        let p = prepare(&parse(&names).unwrap(), &Rules::CLASS);
        let e = p.count(VotingSystem::InstantRunoff, &about()).unwrap_err();
        assert!(e.starts_with("3,200 candidates: an instant runoff"), "{e}");
        // The other systems count them: one round, or two with a sparse matrix.
        for system in [
            VotingSystem::FirstPastThePost,
            VotingSystem::SupplementaryVote,
        ] {
            assert_eq!(p.count(system, &about()).unwrap().count.valid, 3_200);
        }
    }
}
