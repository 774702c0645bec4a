//! Explainers: how the voting systems work and how they differ, told with the contest on
//! screen. "Under first past the post Livingstone would also have won, with 36.8%" is worth
//! more in a classroom than any general description. Pure functions of a loaded contest.

use crate::count::Counted;
use crate::model::{Votes, VotingSystem};
use crate::story::words::{how_many, join_names};
use crate::text::{clean, share, thousands};

pub struct Explainer {
    pub title: String,
    pub body: String,
}

fn name(l: &Counted, i: usize) -> String {
    clean(&l.contest.candidates[i].name).into_owned()
}

/// Whether the contest was counted by tally from a file of ballots (`count::ballots` names
/// its source `ballots`): the ballots are known, so they can be counted under every system,
/// as `tally ballots FILE --compare` does.
fn from_ballots(l: &Counted) -> bool {
    l.contest.counted_from_ballots()
}

/// What to say of another system for a count from a ballots file, naming the file.
fn recount(l: &Counted) -> String {
    let file = l
        .contest
        .sources
        .iter()
        .find(|s| s.id == "ballots")
        .map(|s| clean(&s.title).into_owned())
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| "FILE".into());
    format!(
        "These ballots are known one by one, so they can be counted under every system: `tally ballots {file} --compare` shows each system's winner from them."
    )
}

/// The explainers for this contest, most relevant first.
pub fn explainers(l: &Counted) -> Vec<Explainer> {
    let count = &l.count;
    if count.valid == 0 || count.partial {
        return vec![Explainer {
            title: "Not yet".into(),
            body: "The explanations use the full result, which is not in yet.".into(),
        }];
    }
    let first = count.first();
    let valid = count.valid;
    let standings = first.standings();
    let (leader, leader_votes) = standings[0];
    let title = clean(&l.contest.title).into_owned();
    let mut out = Vec::new();
    let fptp_line = |l: &Counted| -> String {
        let actual = l.count.winner();
        let same = actual == Some(leader);
        let how = format!(
            "with {} of the valid votes",
            share(leader_votes, valid).unwrap_or_default()
        );
        match (l.contest.method.system(), same) {
            (VotingSystem::FirstPastThePost, _) => String::new(),
            (_, true) => format!(
                "Under first past the post {} would also have won, {how}.",
                name(l, leader)
            ),
            (_, false) => format!(
                "Under first past the post {} would have won instead, {how}: the most first choices is enough.",
                name(l, leader)
            ),
        }
    };
    match l.contest.method.system() {
        VotingSystem::SupplementaryVote => {
            let mut body = format!(
                "Each voter marks a first choice and, if they like, a second. To win at once a candidate needs more than half of the valid first preferences: in {title}, {} of {}.",
                thousands(first.threshold),
                thousands(valid)
            );
            if first.elected.contains(&leader) {
                body.push_str(&format!(
                    " {} had {}, so was elected without a second round.",
                    name(l, leader),
                    thousands(leader_votes)
                ));
                out.push(Explainer {
                    title: "How the Supplementary Vote works".into(),
                    body,
                });
            } else if count.rounds.len() > 1 {
                let r2 = &count.rounds[1];
                let finalists: Vec<String> =
                    r2.standings().iter().map(|(i, _)| name(l, *i)).collect();
                let moved: Votes = r2.transfers.iter().map(|t| t.votes).sum();
                body.push_str(&format!(
                    " The leader, {}, had {}, so every candidate but the top two, {}, was eliminated at once. The {} of the {} {} looked at again: each one whose second choice was a finalist was added to that finalist.",
                    name(l, leader),
                    thousands(leader_votes),
                    join_names(&finalists),
                    how_many(moved, "ballot", "ballots"),
                    how_many(
                        first.eliminated.len() as u64,
                        "eliminated candidate",
                        "eliminated candidates"
                    ),
                    if moved == 1 { "was" } else { "were" }
                ));
                out.push(Explainer {
                    title: "How the Supplementary Vote works".into(),
                    body,
                });
                let nt = r2.exhausted;
                let w = count.winner().unwrap_or(leader);
                let wv = r2.votes[w];
                out.push(Explainer {
                    title: "Why ballots become non-transferable".into(),
                    body: format!(
                        "{} of those {} ({}) named neither finalist as second choice: a second choice for another eliminated candidate, or none at all. They cannot count in the second round. So {} won with {}: {} of the votes still in play, but {} of all valid first preferences.",
                        thousands(nt),
                        how_many(moved, "ballot", "ballots"),
                        share(nt, moved).unwrap_or_default(),
                        name(l, w),
                        thousands(wv),
                        share(wv, r2.continuing).unwrap_or_default(),
                        share(wv, valid).unwrap_or_default()
                    ),
                });
            }
            out.push(Explainer {
                title: "Compared with first past the post".into(),
                body: fptp_line(l),
            });
            let how = "Instant runoff also transfers ballots, but eliminates one candidate at a time and follows each ballot to its next choice still in the count, through as many choices as the voter ranked, so fewer ballots run out. The Supplementary Vote stops after two choices and two rounds.";
            let recount = if from_ballots(l) {
                recount(l)
            } else {
                "Its ballot asks for two choices at most and only the transfers to the top two count, so an election held under it cannot be recounted as an instant runoff.".into()
            };
            out.push(Explainer {
                title: "Compared with instant runoff".into(),
                body: format!("{how} {recount}"),
            });
        }
        VotingSystem::FirstPastThePost => {
            let others = valid - leader_votes;
            out.push(Explainer {
                title: "How first past the post works".into(),
                body: format!(
                    "Each voter marks one choice and the most votes wins. In {title} {} won with {} ({}), although {} voted for someone else ({}). No second choices are asked for and nothing is transferred.",
                    name(l, leader),
                    thousands(leader_votes),
                    share(leader_votes, valid).unwrap_or_default(),
                    thousands(others),
                    share(others, valid).unwrap_or_default()
                ),
            });
            let sv = if leader_votes >= first.threshold {
                format!(
                    "Under the Supplementary Vote {} would also have won at once, with more than half ({} were needed).",
                    name(l, leader),
                    thousands(first.threshold)
                )
            } else {
                let runner = standings
                    .get(1)
                    .map(|(i, _)| name(l, *i))
                    .unwrap_or_default();
                format!(
                    "Under the Supplementary Vote nobody had the {} votes needed to win outright, so a second round between {} and {} would have been counted from second choices. {}",
                    thousands(first.threshold),
                    name(l, leader),
                    runner,
                    if from_ballots(l) {
                        recount(l)
                    } else {
                        "This ballot did not ask for them, so who would have won cannot be known."
                            .into()
                    }
                )
            };
            out.push(Explainer {
                title: "Compared with the Supplementary Vote".into(),
                body: sv,
            });
            out.push(Explainer {
                title: "Compared with instant runoff".into(),
                body: format!(
                    "Instant runoff asks voters to rank the candidates and eliminates the last one round by round, moving their ballots on, until someone has more than half of the votes still in play. {}",
                    if from_ballots(l) {
                        recount(l)
                    } else {
                        "With one choice per voter, that cannot be recounted here.".into()
                    }
                ),
            });
        }
        VotingSystem::SingleTransferableVote => {
            let rounds = count.rounds.len();
            let elected: Vec<String> = count.elected().iter().map(|&i| name(l, i)).collect();
            let mut body = format!(
                "Voters rank the candidates, and {} seats are filled. A candidate who reaches the quota ({} votes here) is elected; the votes they have beyond it (their surplus) move on to each voter's next choice at a fraction of their value. When nobody reaches it, the candidate with the fewest votes is eliminated and their ballots move on. The count of {title} took {rounds} round{}",
                l.contest.seats,
                thousands(first.threshold),
                if rounds == 1 { "" } else { "s" }
            );
            if elected.is_empty() {
                body.push('.');
            } else {
                body.push_str(&format!(" and elected {}.", join_names(&elected)));
            }
            out.push(Explainer {
                title: "How the single transferable vote works".into(),
                body,
            });
        }
        VotingSystem::InstantRunoff => {
            let rounds = count.rounds.len();
            let last = count.last();
            let mut body = format!(
                "Voters rank the candidates. While nobody has more than half of the votes still in play, the candidate with the fewest is eliminated and their ballots move to each voter's next choice still in the count. The count of {title} took {rounds} round{}.",
                if rounds == 1 { "" } else { "s" }
            );
            if let Some(w) = count.winner() {
                body.push_str(&format!(
                    " {} won in the last round with {} of the {} votes still in play; {} run out of choices (exhausted).",
                    name(l, w),
                    thousands(last.votes[w]),
                    thousands(last.continuing),
                    how_many(last.exhausted, "ballot had", "ballots had")
                ));
                // A published count may elect on a tie, below the threshold.
                if let Some(tie) = last
                    .tie_breaks
                    .iter()
                    .find(|t| t.kind == crate::count::TieKind::Winner && t.preferred.contains(&w))
                {
                    body.push(' ');
                    body.push_str(&crate::story::words::tie_sentence(&l.contest, tie));
                }
            }
            out.push(Explainer {
                title: "How instant runoff works".into(),
                body,
            });
            out.push(Explainer {
                title: "Compared with first past the post".into(),
                body: fptp_line(l),
            });
            out.push(Explainer {
                title: "Compared with the Supplementary Vote".into(),
                body: format!(
                    "The Supplementary Vote uses only the first two choices: if nobody has more than half of the first preferences, every candidate but the top two is eliminated at once, and each of their ballots whose second choice is one of the two is added to that one. Later choices are never looked at.{}",
                    if from_ballots(l) {
                        format!(" {}", recount(l))
                    } else {
                        String::new()
                    }
                ),
            });
        }
    }
    out.retain(|e| !e.body.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_text(id: &str) -> String {
        let l = crate::import::embedded::get(id).unwrap().load().unwrap();
        explainers(&l)
            .iter()
            .map(|e| format!("{}: {}", e.title, e.body))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn london_2004_is_explained_with_its_own_numbers() {
        let t = all_text("london-2004");
        assert!(
            t.contains("Under first past the post Ken Livingstone would also have won, with 36.8%"),
            "{t}"
        );
        assert!(t.contains("931,836 of 1,863,671"), "{t}");
        assert!(
            t.contains("368,113 of those 635,707 ballots (57.9%)"),
            "{t}"
        );
        assert!(
            t.contains(
                "55.4% of the votes still in play, but 44.4% of all valid first preferences"
            ),
            "{t}"
        );
    }

    fn class_text(system: VotingSystem) -> String {
        let path = std::path::Path::new("assets/examples/three-winners.csv");
        let about = crate::count::ballots::About::file(path, None, None);
        let t = crate::count::ballots::tally_file(path, &[system], &about).unwrap();
        explainers(&t.counted[0])
            .iter()
            .map(|e| format!("{}: {}", e.title, e.body))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_ballots_file_can_be_recounted_under_every_system() {
        let sv = class_text(VotingSystem::SupplementaryVote);
        assert!(!sv.contains("cannot be recounted"), "{sv}");
        assert!(sv.contains("counted under every system"), "{sv}");
        let fptp = class_text(VotingSystem::FirstPastThePost);
        assert!(
            !fptp.contains("cannot be") && fptp.contains("counted under every system"),
            "{fptp}"
        );
        let irv = class_text(VotingSystem::InstantRunoff);
        assert!(
            irv.contains("Compared with the Supplementary Vote"),
            "{irv}"
        );
        assert!(
            irv.contains("`tally ballots assets/examples/three-winners.csv --compare`"),
            "{irv}"
        );
        assert!(
            irv.contains("still in the count. The count of three-winners took"),
            "a sentence starts with a capital whatever the title: {irv}"
        );
        // A declared London result, whose ballots are not known, still says so.
        assert!(all_text("london-2004").contains("cannot be recounted as an instant runoff"));
    }

    #[test]
    fn london_2024_compares_with_the_supplementary_vote() {
        let t = all_text("london-2024");
        assert!(
            t.contains("second round between Sadiq Khan and Susan Hall"),
            "{t}"
        );
        assert!(
            t.contains("1,396,207 voted for someone else (56.2%)"),
            "{t}"
        );
    }
}
