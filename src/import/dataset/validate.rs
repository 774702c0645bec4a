//! Checks that a parsed contest is internally consistent, reporting every problem found.
//!
//! Parsing (`parse`) stops at the first malformed value; validation then looks at the whole
//! contest and lists everything that does not add up: unknown or missing candidates, totals
//! that disagree with their parts (naming both numbers), impossible turnouts, duplicate ids.
//! Whether the *count* adds up (transfers, final totals) is checked by `crate::count`.

use std::collections::{HashMap, HashSet};

use super::raw::{FORMAT_VERSION, RawContest};
use crate::model::ids::{Unknown, index, is_valid_id};
use crate::model::party;
use crate::model::{
    Candidate, Diagnostic, EXHAUSTED, Method, TurnoutBasis, VoteMap, Votes, VotingSystem,
    parse_colour,
};
use crate::text::{self, thousands};

mod areas;

/// Every problem with the contest, errors and warnings, in file order, and its counting
/// method when the system's fields make sense.
pub fn validate(c: &RawContest) -> (Vec<Diagnostic>, Option<Method>) {
    let mut v = Checker {
        out: Vec::new(),
        c,
        ids: index(&c.candidates),
        unknown: Unknown::new(&c.candidates),
    };
    v.header();
    v.candidates();
    v.figures();
    let method = v.method();
    v.tie_break_order();
    v.areas();
    v.sources();
    v.strings();
    (v.out, method)
}

struct Checker<'a> {
    out: Vec<Diagnostic>,
    c: &'a RawContest,
    /// Candidate id → position, built once: every check is linear in the file's size.
    ids: HashMap<&'a str, usize>,
    unknown: Unknown<'a>,
}

impl Checker<'_> {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(Diagnostic::error(path, message));
    }

    fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(Diagnostic::warning(path, message));
    }

    fn header(&mut self) {
        let c = self.c;
        if let Some(v) = c.tally_format
            && v != FORMAT_VERSION
        {
            self.error(
                "tally_format",
                format!(
                    "this file is format version {v}, but this tally reads version {FORMAT_VERSION}"
                ),
            );
        }
        if !is_valid_id(&c.id) {
            self.error("id", id_message(&c.id));
        }
        for (field, value) in [("title", &c.title), ("area", &c.area)] {
            if value.trim().is_empty() {
                self.error(field, format!("{field} is empty"));
            }
        }
    }

    fn candidates(&mut self) {
        let c = self.c;
        if c.candidates.is_empty() {
            self.error(
                "candidates",
                "the contest has no candidates; list at least one",
            );
            return;
        }
        let mut names: HashMap<&str, usize> = HashMap::new();
        let mut parties: HashMap<&str, (usize, Option<String>)> = HashMap::new();
        for (i, cand) in c.candidates.iter().enumerate() {
            let path = format!("candidates[{i}]");
            if !is_valid_id(&cand.id) {
                self.error(format!("{path}.id"), id_message(&cand.id));
            } else if cand.id == EXHAUSTED {
                self.error(
                    format!("{path}.id"),
                    format!("`{EXHAUSTED}` is reserved for ballots with no further preference; choose another id"),
                );
            }
            if let Some(&first) = self.ids.get(cand.id.as_str()).filter(|&&first| first != i) {
                self.error(
                    format!("{path}.id"),
                    format!("duplicate candidate id `{}` (also candidates[{first}]); each candidate needs its own id", cand.id),
                );
            }
            let first_named = *names.entry(cand.name.as_str()).or_insert(i);
            if cand.name.trim().is_empty() {
                self.error(format!("{path}.name"), "the candidate's name is empty");
            } else if first_named != i {
                let first = first_named;
                self.warning(
                    format!("{path}.name"),
                    format!("two candidates are called {:?} (also candidates[{first}]); readers cannot tell them apart", cand.name),
                );
            }
            self.party_id(i, cand, &mut parties);
            if let Some(colour) = &cand.colour
                && parse_colour(colour).is_none()
            {
                self.error(
                    format!("{path}.colour"),
                    format!("{colour:?} is not a colour; write it as #rrggbb, e.g. \"#e4003b\""),
                );
            }
        }
    }

    /// A candidate's `party_id`: usable as an id, not given to an independent, and the
    /// same for every candidate of the same party label (given or derived).
    fn party_id<'b>(
        &mut self,
        i: usize,
        cand: &'b Candidate,
        parties: &mut HashMap<&'b str, (usize, Option<String>)>,
    ) {
        let path = format!("candidates[{i}].party_id");
        if let Some(id) = &cand.party_id {
            if !is_valid_id(id) {
                self.error(
                    &path,
                    format!("{id:?} is not a usable party id: use letters, digits, `-`, `_` or `.` (at most 64), e.g. \"labour\""),
                );
                return;
            }
            if party::is_independent(&cand.party) {
                let label = if cand.party.trim().is_empty() {
                    "no party".to_string()
                } else {
                    format!("party {:?}", cand.party)
                };
                self.error(
                    &path,
                    format!("`{id}` is given to a candidate with {label}, who stands as an independent; independents are counted as themselves, so leave party_id out (or name the party in `party`)"),
                );
                return;
            }
        }
        let id = cand
            .party_id
            .clone()
            .or_else(|| party::derive_id(&cand.party));
        let (first, first_id) = parties
            .entry(cand.party.as_str())
            .or_insert((i, id.clone()))
            .clone();
        if first != i && first_id != id && !party::is_independent(&cand.party) {
            let shown = |id: &Option<String>| match id {
                Some(id) => format!("`{id}`"),
                None => "none".to_string(),
            };
            self.error(
                &path,
                format!(
                    "party {:?} has party id {} here but {} at candidates[{first}]; one party has one id",
                    cand.party,
                    shown(&id),
                    shown(&first_id)
                ),
            );
        }
    }

    /// A map of candidate id → votes: every key a candidate, and (if `complete`) every
    /// candidate present.
    fn candidate_map(&mut self, path: &str, map: &VoteMap, complete: bool) {
        for key in map.keys() {
            if !self.ids.contains_key(key) {
                let message = self.unknown(key);
                self.error(format!("{path}.{key}"), message);
            }
        }
        if complete {
            let keys: HashSet<&str> = map.keys().collect();
            for cand in &self.c.candidates {
                if !keys.contains(cand.id.as_str()) {
                    self.error(
                        path,
                        format!(
                            "no votes given for candidate `{}`; write 0 if they had none",
                            cand.id
                        ),
                    );
                }
            }
        }
    }

    fn unknown(&mut self, id: &str) -> String {
        self.unknown.message(id)
    }

    /// The figures shared by a contest and its areas: sums and turnout sanity.
    #[allow(clippy::too_many_arguments)]
    fn figure_set(
        &mut self,
        prefix: &str,
        first: Option<&VoteMap>,
        electorate: Option<Votes>,
        ballot_papers: Option<Votes>,
        valid: Option<Votes>,
        rejected: Option<Votes>,
        reasons: Option<&VoteMap>,
        second: Option<&VoteMap>,
    ) {
        let p = |f: &str| {
            if prefix.is_empty() {
                f.to_string()
            } else {
                format!("{prefix}.{f}")
            }
        };
        if let Some(first) = first {
            self.candidate_map(&p("first_preferences"), first, true);
        }
        let first_total = first.map(|m| m.total());
        if let Some(None) = first_total {
            self.error(
                p("first_preferences"),
                "the votes add up to more than tally can count",
            );
        }
        let first_total = first_total.flatten();
        if let (Some(valid), Some(total)) = (valid, first_total)
            && valid != total
        {
            self.error(
                p("valid_votes"),
                format!(
                    "{} stated, but the candidates' votes sum to {}",
                    thousands(valid),
                    thousands(total)
                ),
            );
        }
        if let (Some(b), Some(v), Some(r)) = (ballot_papers, valid, rejected) {
            match v.get().checked_add(r.get()) {
                Some(sum) if sum == b.get() => {}
                sum => self.error(
                    p("ballot_papers"),
                    format!(
                        "{} stated, but valid_votes {} + rejected {} = {}",
                        thousands(b),
                        thousands(v),
                        thousands(r),
                        sum.map(thousands).unwrap_or_else(|| "too many".into())
                    ),
                ),
            }
        }
        if let Some(reasons) = reasons {
            match (rejected, reasons.total()) {
                (None, _) => self.error(
                    p("rejected_reasons"),
                    "reasons are given but `rejected` (their total) is not",
                ),
                (Some(r), Some(sum)) if r != sum => self.error(
                    p("rejected_reasons"),
                    format!(
                        "the reasons sum to {}, but rejected is {}",
                        thousands(sum),
                        thousands(r)
                    ),
                ),
                _ => {}
            }
        }
        if let Some(e) = electorate {
            let voted = ballot_papers
                .map(|b| ("ballot_papers", b))
                .or(valid.map(|v| ("valid_votes", v)))
                .or(first_total.map(|t| ("first_preferences", t)));
            if let Some((field, voted)) = voted
                && voted.get() > e.get()
            {
                let pct = voted
                    .percent_of(e)
                    .map_or_else(|| "∞".to_string(), text::percent);
                self.error(
                    p(field),
                    format!(
                        "{} is more than the electorate of {}: a turnout of {pct}, above 100%",
                        thousands(voted),
                        thousands(e)
                    ),
                );
            }
        }
        if let Some(second) = second {
            self.candidate_map(&p("second_choices"), second, false);
            let most = ballot_papers.or(valid.zip(rejected).map(|(v, r)| v.saturating_add(r)));
            if let (Some(most), Some(total)) = (most, second.total())
                && total > most
            {
                self.error(
                    p("second_choices"),
                    format!(
                        "second choices sum to {}, more than the {} ballot papers",
                        thousands(total),
                        thousands(most)
                    ),
                );
            }
        }
    }

    fn figures(&mut self) {
        let c = self.c;
        if c.first_preferences.is_none() && c.areas.is_none() {
            self.error(
                "",
                "missing required field `first_preferences` (give them, or give `areas` to sum them from)",
            );
        }
        self.figure_set(
            "",
            c.first_preferences.as_ref(),
            c.electorate,
            c.ballot_papers,
            c.valid_votes,
            c.rejected,
            c.rejected_reasons.as_ref(),
            c.second_choices.as_ref(),
        );
        if let Some(t) = &c.turnout {
            if !t.percent.is_finite() || t.percent < 0.0 {
                self.error(
                    "turnout.percent",
                    format!("{} is not a percentage", t.percent),
                );
            } else if t.percent > 100.0 {
                self.error(
                    "turnout.percent",
                    format!("a turnout of {}% is above 100%", t.percent),
                );
            } else if let Some(computed) = computed_turnout(c, t.basis) {
                let tolerance = if t.approximate { 1.0 } else { 0.05 };
                if (computed - t.percent).abs() > tolerance {
                    self.warning(
                        "turnout.percent",
                        format!(
                            "published as {}%, but the figures give {:.2}% ({})",
                            t.percent,
                            computed,
                            t.basis.describe()
                        ),
                    );
                }
            }
            if let Some(src) = &t.source
                && !c.sources.iter().any(|s| &s.id == src)
            {
                self.error(
                    "turnout.source",
                    format!("no source with id `{src}` in `sources`"),
                );
            }
        }
    }

    /// The counting method: the system with the fields that go with it. Any other field
    /// given is an error, so the checked contest cannot hold a combination that makes no
    /// sense.
    fn method(&mut self) -> Option<Method> {
        let c = self.c;
        let sv = c.system == VotingSystem::SupplementaryVote;
        let irv = c.system == VotingSystem::InstantRunoff;
        let mut ok = true;
        if c.system == VotingSystem::SingleTransferableVote {
            ok = false;
            self.error(
                "system",
                "single-transferable-vote is not supported in a tally dataset yet: tally shows published counts of it (RCTab, Universal Tabulator and OpaVote files) but does not count it",
            );
        }
        if c.second_round.is_some() && !sv {
            ok = false;
            self.error(
                "second_round",
                format!(
                    "`second_round` is for supplementary-vote contests, but this one is {}",
                    c.system.slug()
                ),
            );
        }
        if c.rounds.is_some() && !irv {
            ok = false;
            let hint = if sv {
                "; use `second_round` for the Supplementary Vote"
            } else {
                ""
            };
            self.error(
                "rounds",
                format!(
                    "`rounds` is for instant-runoff contests, but this one is {}{hint}",
                    c.system.slug()
                ),
            );
        }
        ok.then(|| match c.system {
            VotingSystem::FirstPastThePost => Method::FirstPastThePost,
            VotingSystem::SupplementaryVote => Method::SupplementaryVote {
                second_round: c.second_round.clone(),
            },
            VotingSystem::InstantRunoff | VotingSystem::SingleTransferableVote => {
                Method::InstantRunoff {
                    rounds: c.rounds.clone().unwrap_or_default(),
                }
            }
        })
    }

    fn tie_break_order(&mut self) {
        let Some(order) = &self.c.tie_break_order else {
            return;
        };
        let mut seen = HashSet::new();
        for (i, id) in order.iter().enumerate() {
            if !self.ids.contains_key(id.as_str()) {
                let message = self.unknown(id);
                self.error(format!("tie_break_order[{i}]"), message);
            } else if !seen.insert(id) {
                self.error(
                    format!("tie_break_order[{i}]"),
                    format!("`{id}` is listed twice"),
                );
            }
        }
    }

    fn sources(&mut self) {
        let c = self.c;
        if c.sources.is_empty() {
            self.warning(
                "sources",
                "no sources are given; say where the figures come from",
            );
        }
        let mut source_ids: HashMap<&str, usize> = HashMap::new();
        for (i, s) in c.sources.iter().enumerate() {
            let first = *source_ids.entry(s.id.as_str()).or_insert(i);
            if s.id.trim().is_empty() {
                self.error(format!("sources[{i}].id"), "the source id is empty");
            } else if first != i {
                self.error(
                    format!("sources[{i}].id"),
                    format!("duplicate source id `{}` (also sources[{first}])", s.id),
                );
            }
            if s.title.trim().is_empty() {
                self.error(format!("sources[{i}].title"), "the source title is empty");
            }
        }
    }

    /// Strings that will be shown: control characters are escaped on display, but the file
    /// is probably damaged or hostile, so say so.
    fn strings(&mut self) {
        let c = self.c;
        let mut fields: Vec<(String, &str)> =
            vec![("title".into(), &c.title), ("area".into(), &c.area)];
        for (i, cand) in c.candidates.iter().enumerate() {
            fields.push((format!("candidates[{i}].name"), &cand.name));
            fields.push((format!("candidates[{i}].party"), &cand.party));
        }
        for (i, area) in c.areas.iter().flatten().enumerate() {
            fields.push((format!("areas[{i}].name"), &area.name));
        }
        for (i, note) in c.notes.iter().enumerate() {
            fields.push((format!("notes[{i}]"), note));
        }
        for (path, value) in fields {
            let mut found: Vec<String> = Vec::new();
            for c in value.chars().filter(|&c| text::is_unsafe(c)) {
                let code = format!("U+{:04X}", c as u32);
                if !found.contains(&code) {
                    found.push(code);
                }
            }
            if !found.is_empty() {
                self.warning(
                    path,
                    format!(
                        "contains control or bidirectional-override characters ({}); they are shown escaped, never raw",
                        found.join(", ")
                    ),
                );
            }
        }
    }
}

/// The turnout the contest's own figures give on a basis, if they are all known.
fn computed_turnout(c: &RawContest, basis: TurnoutBasis) -> Option<f64> {
    use TurnoutBasis::*;
    let electorate = c.electorate?;
    let voted = match basis {
        BallotPapers | Unstated => c.ballot_papers?,
        ValidVotes => c.valid_votes?,
    };
    voted.percent_of(electorate)
}

fn id_message(id: &str) -> String {
    if id.is_empty() {
        "the id is empty".to_string()
    } else {
        format!("{id:?} is not a usable id: use letters, digits, `-`, `_` or `.` (at most 64)")
    }
}

#[cfg(test)]
mod tests;
