//! Published counts from RCTab and the Universal Tabulator JSON that RCVis reads, read and
//! checked into a [`Published`] count (`docs/formats.md`).
//!
//! Three shapes, one reader: RCTab 1.x's summary (`config`, `results[]` of `round`, `tally`,
//! `tallyResults`), the same shape written by other tools (the Universal Tabulator format:
//! numbers as strings or JSON numbers, an `"Inactive Ballots"` pseudo-candidate, transfer
//! keys `exhausted` and `residual surplus`), and RCTab 2.x's detailed report
//! (`jsonFormatVersion`, `summary`, and per round `threshold` and `inactiveBallots` by kind).
//! Round N's `tallyResults` happen at the END of round N; their ballots show in round N+1.
//!
//! Every number is read exactly from its text ([`raw`]). The file is checked as rcvformats
//! checks it, and more: names unique and not empty; nobody back in the count after leaving
//! it; nobody's votes falling except by a transfer out; no round counting more votes than
//! the one before; no elimination in the last round unless someone is elected there;
//! transfers only to candidates still in the count, no more than the source had, and, when
//! a round's are all given, exactly what makes the next round's tally. These are what
//! `count::published` relies on: every round of a file that passes adds up.
//!
//! Two repairs are unambiguous and made with a warning each: a candidate who leaves the
//! count without being eliminated (RankIt's exports) is read as eliminated in the round they
//! were last in (where their ballots went is then unknown, so that round's transfers are
//! worked out from the tallies), and an eliminated candidate still listed with 0 votes is
//! read as out of the count. Anything else wrong is refused, naming the JSON path and the
//! candidate: the first problem only, as later ones may follow from it.

pub mod raw;

use std::collections::{HashMap, HashSet};

use serde_json::value::RawValue;

use self::raw::Entries;
use crate::count::Counted;
use crate::count::ballots::{candidates_named, id_for};
use crate::model::{
    Candidate, Contest, Diagnostic, InactiveKinds, Method, Published, PublishedRound,
    PublishedTransfer, Source, VoteMap, Votes, VotingSystem,
};
use crate::text::thousands;

type Fail = Vec<Diagnostic>;

/// A results file's bytes, read, checked and counted; on failure, the first problem.
pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Counted, Fail> {
    let (contest, warnings) = read(file, bytes)?;
    Counted::new(contest, warnings)
}

/// A results file's bytes as a checked contest and the reader's warnings (one per repair or
/// figure that does not add up), or the first problem.
pub fn read(file: &str, bytes: &[u8]) -> Result<(Contest, Vec<Diagnostic>), Fail> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        vec![Diagnostic::error(
            "",
            format!(
                "byte {} is not UTF-8 text; save the file as UTF-8",
                e.valid_up_to() + 1
            ),
        )]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc =
        raw::document(text).map_err(|e| vec![super::dataset::parse::from_json_error(&e, None)])?;
    let doc = doc.unique("").map_err(|d| vec![d])?;
    Reader::default().read(file, &doc).map_err(|d| vec![d])
}

/// Tally keys and transfer targets that are never candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pseudo {
    /// `Inactive Ballots` (RCVis) or `exhausted`: ballots no longer counted.
    Inactive,
    /// `residual surplus`: a surplus's votes lost to rounding.
    Residual,
}

fn pseudo(name: &str) -> Option<Pseudo> {
    let n = name.trim();
    if n.eq_ignore_ascii_case("inactive ballots") || n.eq_ignore_ascii_case("exhausted") {
        Some(Pseudo::Inactive)
    } else if n.eq_ignore_ascii_case("residual surplus") {
        Some(Pseudo::Residual)
    } else {
        None
    }
}

/// One `tallyResults` entry as written.
struct Result1<'a> {
    path: String,
    elected: Option<usize>,
    eliminated: Option<usize>,
    transfers: Option<Entries<'a>>,
}

#[derive(Default)]
struct Reader {
    warnings: Vec<Diagnostic>,
    /// Whether any figure was a JSON number or the tally had `Inactive Ballots`: signs of
    /// a Universal Tabulator file written by another tool than RCTab.
    ut_signs: bool,
}

/// The rounds' `results[k]` path.
fn at(k: usize) -> String {
    format!("results[{k}]")
}

impl Reader {
    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Diagnostic::warning(path, message));
    }

    fn votes(&mut self, raw: &RawValue, path: &str) -> Result<Votes, Diagnostic> {
        if !raw.get().trim_start().starts_with('"') {
            self.ut_signs = true;
        }
        raw::votes(raw, path)
    }

    fn read(
        mut self,
        file: &str,
        doc: &Entries<'_>,
    ) -> Result<(Contest, Vec<Diagnostic>), Diagnostic> {
        let config = match doc.get("config") {
            Some(c) if !raw::is_null(c) => raw::object(c, "config")?.unique("config")?,
            _ => Entries::default(),
        };
        let text = |key: &str| -> Result<Option<String>, Diagnostic> {
            match config.get(key) {
                Some(v) if !raw::is_null(v) => {
                    let s = raw::string(v, &format!("config.{key}"))?;
                    Ok((!s.trim().is_empty()).then(|| s.trim().to_string()))
                }
                _ => Ok(None),
            }
        };
        let contest_name = text("contest")?;
        let office = text("office")?;
        let jurisdiction = text("jurisdiction")?;
        let date_text = text("date")?;
        let generated_by = text("generatedBy")?;
        let detailed = doc.get("jsonFormatVersion").is_some() || generated_by.is_some();
        let config_threshold = match config.get("threshold") {
            Some(v) if !raw::is_null(v) => self.votes(v, "config.threshold")?,
            _ => Votes::ZERO,
        };
        let summary = match doc.get("summary") {
            Some(s) if !raw::is_null(s) => raw::object(s, "summary")?.unique("summary")?,
            _ => Entries::default(),
        };
        let summary_figure = |key: &str| -> Result<Option<Votes>, Diagnostic> {
            match summary.get(key) {
                Some(v) if !raw::is_null(v) => raw::votes(v, &format!("summary.{key}")).map(Some),
                _ => Ok(None),
            }
        };
        let num_winners = match summary.get("numWinners") {
            Some(v) if !raw::is_null(v) => Some(raw::whole(v, "summary.numWinners")?),
            _ => None,
        };
        let total_ballots = summary_figure("totalNumBallots")?;
        let undervotes = summary_figure("undervotes")?;

        let Some(results) = doc.get("results") else {
            return Err(Diagnostic::error(
                "",
                "missing `results`: the rounds of the count",
            ));
        };
        let results = raw::array(results, "results")?;
        if results.is_empty() {
            return Err(Diagnostic::error("results", "the file has no rounds"));
        }

        // Every round's tally first: the candidates are round 1's.
        let mut tallies: Vec<Vec<(String, Votes)>> = Vec::with_capacity(results.len());
        let mut inactive: Vec<(Option<Votes>, Option<InactiveKinds>, String)> = Vec::new();
        let mut rounds_raw: Vec<Entries<'_>> = Vec::with_capacity(results.len());
        for (k, r) in results.iter().enumerate() {
            let path = at(k);
            let round = raw::object(r, &path)?.unique(&path)?;
            if let Some(n) = round.get("round").filter(|n| !raw::is_null(n)) {
                let n = raw::whole(n, &format!("{path}.round"))?;
                if n != k as u64 + 1 {
                    return Err(Diagnostic::error(
                        format!("{path}.round"),
                        format!(
                            "round {n} where round {} was expected: the rounds must be in order, from 1",
                            k + 1
                        ),
                    ));
                }
            }
            let Some(tally) = round.get("tally") else {
                return Err(Diagnostic::error(
                    path,
                    format!("round {} has no `tally`", k + 1),
                ));
            };
            let tally_path = format!("{path}.tally");
            let tally = raw::object(tally, &tally_path)?;
            let mut seen: HashSet<&str> = HashSet::with_capacity(tally.0.len());
            let mut names = Vec::with_capacity(tally.0.len());
            let mut pseudo_inactive: Option<Votes> = None;
            for (name, v) in &tally.0 {
                let p = format!("{tally_path}.{name}");
                if name.trim().is_empty() {
                    return Err(Diagnostic::error(
                        tally_path,
                        format!(
                            "a candidate's name is empty (`{name:?}`): every candidate needs a name"
                        ),
                    ));
                }
                if !seen.insert(name.as_str()) {
                    return Err(Diagnostic::error(
                        p,
                        format!(
                            "`{name}` is named twice in round {}'s tally: names must be unique",
                            k + 1
                        ),
                    ));
                }
                let votes = self.votes(v, &p)?;
                match pseudo(name) {
                    Some(Pseudo::Inactive) => {
                        self.ut_signs = true;
                        if pseudo_inactive.replace(votes).is_some() {
                            return Err(Diagnostic::error(
                                p,
                                "the inactive ballots are given twice in this tally",
                            ));
                        }
                    }
                    Some(Pseudo::Residual) => {}
                    None => names.push((name.clone(), votes)),
                }
            }
            let kinds = match round.get("inactiveBallots") {
                Some(ib) if !raw::is_null(ib) => {
                    Some(self.kinds(ib, &format!("{path}.inactiveBallots"))?)
                }
                _ => None,
            };
            let entry = match kinds {
                Some((total, kinds)) => (Some(total), kinds, format!("{path}.inactiveBallots")),
                None => (
                    pseudo_inactive,
                    None,
                    format!("{tally_path}.Inactive Ballots"),
                ),
            };
            inactive.push(entry);
            tallies.push(names);
            rounds_raw.push(round);
        }

        // The candidates, in round 1's order, with ids made from their names.
        let first = &tallies[0];
        let n = first.len();
        if !crate::count::within_limit(n, tallies.len()) {
            return Err(Diagnostic::error(
                "results",
                format!(
                    "{} candidates over {} rounds is more than tally can hold ({} figures at most)",
                    thousands(n as u64),
                    thousands(tallies.len() as u64),
                    thousands(crate::count::MAX_FIGURES as u64)
                ),
            ));
        }
        let candidates = candidates_named(first.iter().map(|(name, _)| name.as_str()));
        let index: HashMap<&str, usize> = first
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (name.as_str(), i))
            .collect();

        // Round by round: the tally, then what happened at its end.
        let mut rounds: Vec<PublishedRound> = Vec::with_capacity(tallies.len());
        let mut entries: Vec<Vec<Result1<'_>>> = Vec::with_capacity(tallies.len());
        let mut left: Vec<Option<usize>> = vec![None; n]; // eliminated at the end of round k
        let mut elected_in: Vec<Option<usize>> = vec![None; n];
        let mut valid = Votes::ZERO;
        let mut prev_inactive: Option<Votes> = None;
        for (k, names) in tallies.iter().enumerate() {
            let tally_path = format!("{}.tally", at(k));
            let mut tally: Vec<Option<Votes>> = vec![None; n];
            let mut counted = Votes::ZERO;
            for (name, v) in names {
                let p = format!("{tally_path}.{name}");
                let Some(&i) = index.get(name.as_str()) else {
                    return Err(Diagnostic::error(
                        p,
                        format!(
                            "`{name}` is in round {}'s tally but not in round 1's: nobody joins the count after round 1",
                            k + 1
                        ),
                    ));
                };
                if k > 0 && (rounds[k - 1].tally[i].is_none() || left[i].is_some()) {
                    match left[i] {
                        Some(j) if v.is_zero() => {
                            self.warn(
                                p,
                                format!(
                                    "`{name}` was eliminated in round {} but is listed again in round {} with 0 votes: read as out of the count",
                                    j + 1,
                                    k + 1
                                ),
                            );
                            continue;
                        }
                        Some(j) => {
                            return Err(Diagnostic::error(
                                p,
                                format!(
                                    "`{name}` was eliminated in round {} but has {} in round {}: a candidate never comes back after elimination",
                                    j + 1,
                                    votes_word(*v),
                                    k + 1
                                ),
                            ));
                        }
                        None => {
                            return Err(Diagnostic::error(
                                p,
                                format!(
                                    "`{name}` left the count after round {} but is back in round {}",
                                    last_in(&rounds, i).map_or(1, |r| r + 1),
                                    k + 1
                                ),
                            ));
                        }
                    }
                }
                counted = counted
                    .checked_add(*v)
                    .ok_or_else(|| too_many(&tally_path))?;
                tally[i] = Some(*v);
            }
            let (round_inactive, kinds, inactive_path) = inactive[k].clone();
            let total = counted
                .checked_add(round_inactive.unwrap_or(Votes::ZERO))
                .ok_or_else(|| too_many(&tally_path))?;
            if let (Some(before), Some(now)) = (prev_inactive, round_inactive)
                && now < before
            {
                return Err(Diagnostic::error(
                    inactive_path,
                    format!(
                        "round {} has {now} inactive ballots, fewer than round {k}'s {before}: an inactive ballot stays inactive",
                        k + 1
                    ),
                ));
            }
            prev_inactive = round_inactive.or(prev_inactive);
            if k > 0 {
                self.against_previous(&candidates, &mut rounds[k - 1], &tally, k, &elected_in)?;
                for &i in &rounds[k - 1].eliminated {
                    left[i] = Some(k - 1);
                }
                let transfers = self.transfers(
                    &candidates,
                    &index,
                    &rounds[k - 1],
                    &entries[k - 1],
                    Some(&tally),
                    k - 1,
                )?;
                rounds[k - 1].transfers = transfers;
            }
            if k > 0 {
                let before: Votes = rounds[k - 1].tally.iter().flatten().copied().sum();
                let both = rounds[k - 1].inactive.zip(round_inactive);
                let (was, is) = match both {
                    Some((a, b)) => (before.saturating_add(a), counted.saturating_add(b)),
                    None => (before, counted),
                };
                if is > was {
                    return Err(Diagnostic::error(
                        tally_path.clone(),
                        format!(
                            "round {} counts {is} votes{}, more than round {k}'s {was}: ballots only leave the count",
                            k + 1,
                            if both.is_some() {
                                " with the inactive ballots"
                            } else {
                                ""
                            }
                        ),
                    ));
                }
            }
            if k == 0 {
                valid = total;
            } else if total > valid {
                return Err(Diagnostic::error(
                    tally_path.clone(),
                    format!(
                        "round {} counts {total} votes{}, more than round 1's {valid}: votes cannot appear from nowhere",
                        k + 1,
                        if round_inactive.is_some() {
                            " with the inactive ballots"
                        } else {
                            ""
                        }
                    ),
                ));
            }
            let threshold = match rounds_raw[k].get("threshold") {
                Some(t) if !raw::is_null(t) => {
                    Some(self.votes(t, &format!("{}.threshold", at(k)))?)
                }
                _ => None,
            }
            .filter(|t| !t.is_zero());
            let mut round = PublishedRound {
                tally,
                inactive: round_inactive,
                inactive_kinds: kinds,
                threshold,
                elected: Vec::new(),
                eliminated: Vec::new(),
                transfers: None,
                ties: Vec::new(),
                repaired: Vec::new(),
            };
            let these = self.results(&rounds_raw[k], k, &index, &mut round, &candidates)?;
            for &i in &round.elected {
                if let Some(j) = elected_in[i] {
                    return Err(Diagnostic::error(
                        format!("{}.tallyResults", at(k)),
                        format!(
                            "`{}` is elected again in round {}, after round {}",
                            candidates[i].name,
                            k + 1,
                            j + 1
                        ),
                    ));
                }
                elected_in[i] = Some(k);
            }
            for &i in &round.eliminated {
                left[i] = Some(k);
            }
            entries.push(these);
            rounds.push(round);
        }
        let last = rounds.len() - 1;
        let transfers = self.transfers(
            &candidates,
            &index,
            &rounds[last],
            &entries[last],
            None,
            last,
        )?;
        rounds[last].transfers = transfers;
        if rounds[last].elected.is_empty()
            && let Some(e) = entries[last].iter().find(|e| e.eliminated.is_some())
        {
            let name = &candidates[e.eliminated.unwrap_or_default()].name;
            return Err(Diagnostic::error(
                format!("{}.eliminated", e.path),
                format!(
                    "`{name}` is eliminated in round {}, the last round, and nobody is elected: an elimination needs a next round to show where the ballots went (is the file complete?)",
                    last + 1
                ),
            ));
        }

        // Thresholds: RCTab 2 gives one per round. A summary's single figure is the final
        // round's (RCTab 1 writes the last threshold; RCVis files the same), so it stands for
        // every round of a multi-seat count (the quota is fixed) but only for the last round
        // of a single-seat one, whose earlier majorities the count works out as RCTab does.
        let elected: Vec<usize> = rounds.iter().flat_map(|r| r.elected.clone()).collect();
        let seats = match num_winners {
            Some(0) => {
                return Err(Diagnostic::error(
                    "summary.numWinners",
                    "0 seats: a contest fills at least one",
                ));
            }
            Some(w) => {
                if elected.len() as u64 > w {
                    return Err(Diagnostic::error(
                        "summary.numWinners",
                        format!(
                            "{w} seat{} but the rounds elect {}",
                            if w == 1 { "" } else { "s" },
                            elected.len()
                        ),
                    ));
                }
                if (elected.len() as u64) < w && !valid.is_zero() {
                    self.warn(
                        "summary.numWinners",
                        format!(
                            "{w} seats but the rounds elect {}: the count is shown as it stops",
                            elected.len()
                        ),
                    );
                }
                u32::try_from(w).unwrap_or(u32::MAX)
            }
            None => u32::try_from(elected.len().max(1)).unwrap_or(u32::MAX),
        };
        if !config_threshold.is_zero() {
            let from = if seats > 1 { 0 } else { last };
            for r in &mut rounds[from..] {
                r.threshold.get_or_insert(config_threshold);
            }
        }

        if let (Some(total), Some(under)) = (total_ballots, undervotes) {
            let first_inactive = rounds[0].inactive.unwrap_or(Votes::ZERO);
            let counted: Votes = rounds[0].tally.iter().flatten().copied().sum();
            let sum = counted
                .checked_add(first_inactive)
                .and_then(|s| s.checked_add(under));
            if sum != Some(total) {
                self.warn(
                    "summary.totalNumBallots",
                    format!(
                        "{total} ballots, but round 1's {counted} votes, {first_inactive} inactive ballots and {under} blank ones (undervotes) make {}",
                        sum.map_or("more than tally can hold".to_string(), |s| s.to_string())
                    ),
                );
            }
        }

        let format = if detailed {
            match &generated_by {
                Some(g) => format!("{g} detailed report"),
                None => "RCTab detailed report".to_string(),
            }
        } else if self.ut_signs {
            "Universal Tabulator JSON".to_string()
        } else {
            "RCTab 1 summary or Universal Tabulator JSON".to_string()
        };

        // No date, or one tally cannot read, is shown as "date not given", never made up.
        let date_text = date_text.filter(|t| !t.trim().is_empty());
        let date = match date_text.as_deref().map(crate::model::dates::parse_loose) {
            Some(Some(d)) => Some(d),
            Some(None) => {
                let t = date_text.as_deref().unwrap_or_default();
                self.warn(
                    "config.date",
                    format!(
                        "`{}` is not a date tally reads (2024-11-05 or 11/5/2024): the date of poll is shown as not given",
                        crate::text::clean(t)
                    ),
                );
                None
            }
            None => None,
        };
        let stem = std::path::Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        let title = contest_name
            .clone()
            .or_else(|| office.clone())
            .or(stem)
            .unwrap_or_else(|| "Published count".to_string());
        let id = id_for(
            contest_name.as_deref().unwrap_or(&title),
            &mut HashSet::new(),
        );
        let mut notes = Vec::new();
        if let Some(o) = &office
            && Some(o) != contest_name.as_ref()
        {
            notes.push(format!("Office: {o}."));
        }
        notes.push(format!(
            "Shown as published in {}: tally does not recount it.",
            crate::text::clean(file)
        ));
        let first_preferences: VoteMap = candidates
            .iter()
            .zip(&rounds[0].tally)
            .map(|(c, v)| (c.id.clone(), v.unwrap_or(Votes::ZERO)))
            .collect();
        let first_total = first_preferences.total();
        let published = Published {
            format: format.clone(),
            system: if seats > 1 {
                VotingSystem::SingleTransferableVote
            } else {
                VotingSystem::InstantRunoff
            },
            rounds,
            undervotes,
            total_ballots,
            invalid: None,
            warnings: self.warnings.iter().map(sentence).collect(),
            tabulation: None,
        };
        let contest = Contest {
            id,
            title,
            area: jurisdiction.unwrap_or_default(),
            date,
            method: Method::Published(Box::new(published)),
            seats,
            status: None,
            candidates,
            electorate: None,
            ballot_papers: None,
            valid_votes: first_total,
            rejected: None,
            rejected_reasons: None,
            turnout: None,
            first_preferences: Some(first_preferences),
            second_choices: None,
            tie_break_order: None,
            areas: None,
            declaration_times: None,
            sources: vec![Source {
                id: "published".to_string(),
                // "RCTab 2.0.0 detailed report" names its writer already.
                publisher: generated_by.filter(|g| !format.contains(g.as_str())),
                title: format,
                date: None,
                url: None,
            }],
            notes,
        };
        Ok((contest, self.warnings))
    }

    /// RCTab 2's `inactiveBallots`: the total and the kinds (`None` when a kind tally does
    /// not know is given: the total still counts it).
    fn kinds(
        &mut self,
        raw: &RawValue,
        path: &str,
    ) -> Result<(Votes, Option<InactiveKinds>), Diagnostic> {
        let entries = raw::object(raw, path)?;
        let mut kinds = InactiveKinds::default();
        let mut known = true;
        let mut total = Votes::ZERO;
        for (key, v) in &entries.0 {
            let p = format!("{path}.{key}");
            let votes = self.votes(v, &p)?;
            total = total.checked_add(votes).ok_or_else(|| too_many(path))?;
            let slot = match key.as_str() {
                "exhaustedChoices" => &mut kinds.exhausted_choices,
                // A last surplus that no one could take: RCTab's transfers call it exhausted.
                "finalRoundSurplus" => &mut kinds.exhausted_choices,
                "overvotes" => &mut kinds.overvotes,
                "skippedRankings" => &mut kinds.skipped_rankings,
                "repeatedRankings" => &mut kinds.repeated_rankings,
                _ => {
                    known = false;
                    continue;
                }
            };
            *slot = slot.checked_add(votes).ok_or_else(|| too_many(path))?;
        }
        Ok((total, known.then_some(kinds)))
    }

    /// A round's `tallyResults`: who is elected and eliminated at its end (into `round`),
    /// and the entries with their transfers, read later against the next round.
    fn results<'a>(
        &mut self,
        round_raw: &Entries<'a>,
        k: usize,
        index: &HashMap<&str, usize>,
        round: &mut PublishedRound,
        candidates: &[Candidate],
    ) -> Result<Vec<Result1<'a>>, Diagnostic> {
        let path = format!("{}.tallyResults", at(k));
        let list = match round_raw.get("tallyResults") {
            Some(r) if !raw::is_null(r) => raw::array(r, &path)?,
            _ => Vec::new(),
        };
        let mut out = Vec::with_capacity(list.len());
        let mut named: HashSet<usize> = HashSet::new();
        for (j, entry) in list.into_iter().enumerate() {
            let p = format!("{path}[{j}]");
            let e = raw::object(entry, &p)?.unique(&p)?;
            let name_of = |key: &str| -> Result<Option<usize>, Diagnostic> {
                let Some(v) = e.get(key).filter(|v| !raw::is_null(v)) else {
                    return Ok(None);
                };
                let kp = format!("{p}.{key}");
                let name = raw::string(v, &kp)?;
                match index.get(name.as_str()) {
                    Some(&i) if round.tally[i].is_some() => Ok(Some(i)),
                    Some(_) => Err(Diagnostic::error(
                        kp,
                        format!(
                            "`{name}` is {key} in round {} but is not in its tally",
                            k + 1
                        ),
                    )),
                    None => Err(Diagnostic::error(
                        kp,
                        format!(
                            "`{name}` is {key} in round {} but is not a candidate in the tally",
                            k + 1
                        ),
                    )),
                }
            };
            let elected = name_of("elected")?;
            let eliminated = name_of("eliminated")?;
            let transfers = match e.get("transfers") {
                Some(t) if !raw::is_null(t) => Some(raw::object(t, &format!("{p}.transfers"))?),
                _ => None,
            };
            match (elected, eliminated) {
                (None, None) => {
                    return Err(Diagnostic::error(
                        p,
                        "names neither `elected` nor `eliminated`",
                    ));
                }
                (Some(_), Some(_)) if transfers.as_ref().is_some_and(|t| !t.0.is_empty()) => {
                    return Err(Diagnostic::error(
                        p,
                        "names both an elected and an eliminated candidate, so its transfers cannot be told apart",
                    ));
                }
                _ => {}
            }
            for (i, is_elected) in [(elected, true), (eliminated, false)] {
                let Some(i) = i else { continue };
                if !named.insert(i) {
                    return Err(Diagnostic::error(
                        p.clone(),
                        format!(
                            "`{}` is named twice in round {}'s results",
                            candidates[i].name,
                            k + 1
                        ),
                    ));
                }
                if is_elected {
                    round.elected.push(i);
                } else {
                    round.eliminated.push(i);
                }
            }
            out.push(Result1 {
                path: p,
                elected,
                eliminated,
                transfers,
            });
        }
        Ok(out)
    }

    /// Round `k + 1`'s tally against round `k`'s: a candidate who left without being
    /// eliminated is read as eliminated (a warning); nobody's votes fall unless they were
    /// elected at the end of round `k` (their surplus moves).
    fn against_previous(
        &mut self,
        candidates: &[Candidate],
        prev: &mut PublishedRound,
        tally: &[Option<Votes>],
        k: usize,
        elected_in: &[Option<usize>],
    ) -> Result<(), Diagnostic> {
        let elected: HashSet<usize> = prev.elected.iter().copied().collect();
        let eliminated: HashSet<usize> = prev.eliminated.iter().copied().collect();
        for (i, c) in candidates.iter().enumerate() {
            let Some(before) = prev.tally[i] else {
                continue;
            };
            let source = elected.contains(&i) || eliminated.contains(&i);
            match tally[i] {
                None if !source && elected_in[i].is_none() => {
                    self.warn(
                        format!("{}.tally", at(k)),
                        format!(
                            "`{}` ({} in round {k}) is not in round {}'s tally but was not eliminated: read as eliminated at the end of round {k}",
                            c.name,
                            votes_word(before),
                            k + 1
                        ),
                    );
                    prev.eliminated.push(i);
                    prev.repaired.push(i);
                }
                Some(now) if now < before && !elected.contains(&i) => {
                    return Err(Diagnostic::error(
                        format!("{}.tally.{}", at(k), c.name),
                        format!(
                            "`{}` has {now} votes in round {}, fewer than round {k}'s {before}: votes only leave a candidate who is eliminated or elected with a surplus",
                            c.name,
                            k + 1
                        ),
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Round `k`'s transfers, checked against the next round's tally (`None` for the last
    /// round). `None` (unknown) when a source with votes to pass on has no transfers listed.
    fn transfers(
        &mut self,
        candidates: &[Candidate],
        index: &HashMap<&str, usize>,
        round: &PublishedRound,
        entries: &[Result1<'_>],
        next: Option<&[Option<Votes>]>,
        k: usize,
    ) -> Result<Option<Vec<PublishedTransfer>>, Diagnostic> {
        let mut out = Vec::new();
        let mut listed: HashSet<usize> = HashSet::new();
        // Everything each source passed on, a residual surplus included.
        let mut passed: HashMap<usize, Votes> = HashMap::new();
        for e in entries {
            let Some(from) = e.elected.or(e.eliminated) else {
                continue;
            };
            let Some(transfers) = &e.transfers else {
                continue;
            };
            if !transfers.0.is_empty() {
                listed.insert(from);
            }
            let had = round.tally[from].unwrap_or(Votes::ZERO);
            let mut moved = Votes::ZERO;
            let mut seen: HashSet<&str> = HashSet::new();
            for (name, v) in &transfers.0 {
                let p = format!("{}.transfers.{name}", e.path);
                if !seen.insert(name.as_str()) {
                    return Err(Diagnostic::error(
                        p,
                        format!("`{name}` is named twice in these transfers"),
                    ));
                }
                let votes = self.votes(v, &p)?;
                moved = moved.checked_add(votes).ok_or_else(|| too_many(&p))?;
                let to = match pseudo(name) {
                    Some(Pseudo::Residual) => continue,
                    Some(Pseudo::Inactive) => None,
                    None => {
                        let Some(&to) = index.get(name.as_str()) else {
                            return Err(Diagnostic::error(
                                p,
                                format!("transfers to `{name}`, who is not a candidate"),
                            ));
                        };
                        if to == from {
                            return Err(Diagnostic::error(
                                p,
                                format!("`{name}` transfers votes to themself"),
                            ));
                        }
                        if let Some(next) = next
                            && next[to].is_none()
                        {
                            return Err(Diagnostic::error(
                                p,
                                format!(
                                    "transfers to `{name}`, who is not in round {}'s tally",
                                    k + 2
                                ),
                            ));
                        }
                        Some(to)
                    }
                };
                out.push(PublishedTransfer { from, to, votes });
            }
            if moved > had {
                return Err(Diagnostic::error(
                    format!("{}.transfers", e.path),
                    format!(
                        "`{}` passes on {moved} votes but has {had}",
                        candidates[from].name
                    ),
                ));
            }
            passed.insert(from, moved);
        }
        let Some(next) = next else {
            return Ok(Some(out));
        };
        // A source with votes to pass on and nothing listed: where they went is unknown.
        let elected: HashSet<usize> = round.elected.iter().copied().collect();
        let unknown = round.elected.iter().chain(&round.eliminated).any(|&s| {
            let had = round.tally[s].unwrap_or(Votes::ZERO);
            let to_move = if elected.contains(&s) {
                had.saturating_sub(next[s].unwrap_or(Votes::ZERO))
            } else {
                had
            };
            !to_move.is_zero() && !listed.contains(&s)
        });
        // Worked out from the tallies, every gain is credited to all of the round's sources
        // together: keep that within what a count holds.
        let sources = round.elected.len() + round.eliminated.len();
        let gainers = next.iter().flatten().count();
        if unknown && !crate::count::within_limit(sources, gainers + 1) {
            return Err(Diagnostic::error(
                format!("{}.tallyResults", at(k)),
                format!(
                    "{} candidates leave the count at once with no transfers given, among {}: more than tally can work out ({} figures at most)",
                    thousands(sources as u64),
                    thousands(gainers as u64),
                    thousands(crate::count::MAX_FIGURES as u64)
                ),
            ));
        }
        if !unknown {
            self.tallies_match(candidates, round, next, &out, &passed, &listed, k)?;
        }
        Ok((!unknown).then_some(out))
    }
}

/// A warning as one sentence with its place: `config.date: the file gives no date...`.
fn sentence(d: &Diagnostic) -> String {
    match &d.location {
        crate::model::Location::Path(p) if !p.is_empty() => format!("{p}: {}", d.message),
        _ => d.message.clone(),
    }
}

impl Reader {
    /// With every transfer of round `k` known, round `k + 1`'s tally must be what they make:
    /// each candidate's votes plus what they received, and an elected candidate's less what
    /// they passed on. Otherwise the file contradicts itself.
    #[allow(clippy::too_many_arguments)]
    fn tallies_match(
        &self,
        candidates: &[Candidate],
        round: &PublishedRound,
        next: &[Option<Votes>],
        out: &[PublishedTransfer],
        passed: &HashMap<usize, Votes>,
        listed: &HashSet<usize>,
        k: usize,
    ) -> Result<(), Diagnostic> {
        let mut received: HashMap<usize, Votes> = HashMap::new();
        for t in out {
            if let Some(to) = t.to {
                let r = received.entry(to).or_default();
                *r = r
                    .checked_add(t.votes)
                    .ok_or_else(|| too_many("transfers"))?;
            }
        }
        let elected: HashSet<usize> = round.elected.iter().copied().collect();
        for (i, c) in candidates.iter().enumerate() {
            let (Some(before), Some(now)) = (round.tally[i], next[i]) else {
                continue;
            };
            let gained = received.get(&i).copied().unwrap_or(Votes::ZERO);
            let (expected, what) = if elected.contains(&i) && listed.contains(&i) {
                let out = passed.get(&i).copied().unwrap_or(Votes::ZERO);
                (
                    before.saturating_sub(out).checked_add(gained),
                    format!("less the {out} they passed on"),
                )
            } else {
                (
                    before.checked_add(gained),
                    format!("and the {gained} transferred to them"),
                )
            };
            if expected != Some(now) {
                return Err(Diagnostic::error(
                    format!("{}.tally.{}", at(k + 1), c.name),
                    format!(
                        "`{}` has {now} votes in round {}, but round {}'s {before} {what} make {}: the tally and the transfers disagree",
                        c.name,
                        k + 2,
                        k + 1,
                        expected.map_or("too many".to_string(), |e| e.to_string())
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The last round (0-based) in which candidate `i` was in the count, before now.
fn last_in(rounds: &[PublishedRound], i: usize) -> Option<usize> {
    rounds.iter().rposition(|r| r.tally[i].is_some())
}

/// "1 vote", "8.5 votes", "1,204 votes".
fn votes_word(v: Votes) -> String {
    if v == 1 {
        "1 vote".to_string()
    } else {
        format!("{v} votes")
    }
}

fn too_many(path: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        format!(
            "these votes add up to more than tally can hold (at most {})",
            thousands(Votes::MAX_WHOLE)
        ),
    )
}

#[cfg(test)]
mod tests;
