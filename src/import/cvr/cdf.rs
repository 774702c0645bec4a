//! NIST SP 1500-103 cast vote records in JSON (the Common Data Format), read as RCTab reads
//! them, in one streaming pass.
//!
//! A CDF report names nothing directly. Each ballot (`CVR[]`) holds snapshots; the one whose
//! `@id` is the ballot's `CurrentSnapshotId` counts. Its `CVRContest[]` entries hold
//! `CVRContestSelection[]`, each a `ContestSelectionId` ranked at `SelectionPosition[].Rank`
//! (or at the selection's own `Rank`: the standard is ambiguous and RCTab takes both). The
//! names are three hops away, in `Election[]`: the contest's `ContestSelection[]` gives the
//! selection's `CandidateIds[0]`, and `Candidate[]` gives that candidate's `Name`. A position
//! with `HasIndication: "no"` or `IsAllocable: "no"` is no mark; `IsWriteIn` on a selection,
//! or `CVRWriteIn` on a position, is the undeclared write-in; two selections at one rank are
//! an overvote (the [`Sink`] makes it).
//!
//! Real reports are hundreds of megabytes, and RCTab writes its keys in alphabetical order,
//! so `CVR` comes before `Election`: the names are not known while the ballots are read. So
//! each ballot is kept as it is written, the contest's id and its `(rank, selection id)`
//! pairs, with ids interned into small integers and identical ballots grouped with a count:
//! what is held grows with the number of distinct ballots, never with the number of ballots.
//! Once the whole file is read, the contest is chosen (by the source's `contestId`, which may
//! be the contest's `Name` or `@id`), each selection resolved to a candidate through
//! [`Names`], and the groups handed to the [`Sink`] in the order first met.
//!
//! Every problem is refused naming the file and the JSON path of what is wrong
//! (`CVR[12].CVRSnapshot[0].CVRContest[0].CVRContestSelection[1].ContestSelectionId`).

use std::collections::HashMap;
use std::fmt;
use std::io::Read;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::tracked::{Each, Elements, Stop, Tracked};
use super::{Cell, MAX_RANK, Names, Sink, Source};
use crate::model::Votes;
use crate::text::clean;

/// The most distinct ids (contests, selections) or distinct ballots one file may hold: far
/// beyond a real election, and a bound on what a file can make tally keep.
const MAX_DISTINCT: usize = 10_000_000;

/// The most marks one ballot may carry across all its snapshots and contests.
const MAX_MARKS_PER_BALLOT: usize = 100_000;

/// A selection marked through a position's `CVRWriteIn`: the undeclared write-in, whatever
/// the selection is.
const WRITE_IN: u32 = u32::MAX;

/// Read one CDF JSON file (`source.path`) into `sink`.
pub fn read(source: &Source, names: &mut Names, sink: &mut Sink) -> Result<(), String> {
    let file = crate::files::open_stream(&source.path)
        .map_err(|e| format!("{}: {}", clean(&source.name), e.message()))?;
    read_from(file, &source.name, source, names, sink)
}

/// Read CDF JSON from `reader`, named `file` in messages (the fuzzer's way in: no files).
pub fn read_from(
    reader: impl Read,
    file: &str,
    source: &Source,
    names: &mut Names,
    sink: &mut Sink,
) -> Result<(), String> {
    let fail = |message: String| format!("{}: {message}", clean(file));
    let mut state = State::default();
    let mut de = serde_json::Deserializer::from_reader(reader);
    let walked = Report { state: &mut state }
        .deserialize(&mut de)
        .and_then(|()| de.end());
    if let Err(e) = walked {
        return Err(state.stop.explain(file, &e));
    }
    if !state.saw_cvr {
        return Err(fail(
            "there is no `CVR` list: a NIST SP 1500-103 report holds its ballots in `CVR[]`"
                .to_string(),
        ));
    }
    let Some(elections) = state.elections.take() else {
        return Err(fail(
            "there is no `Election` list: the candidates' names are in `Election[].Candidate[]`"
                .to_string(),
        ));
    };
    state.resolve(&elections, source, names, sink).map_err(fail)
}

// ---------------------------------------------------------------------------------------
// What is kept while reading.

/// Strings met in the file as small integers.
#[derive(Default)]
struct Interner {
    index: HashMap<String, u32>,
    strings: Vec<String>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> Result<u32, String> {
        if let Some(&i) = self.index.get(s) {
            return Ok(i);
        }
        if self.strings.len() >= MAX_DISTINCT {
            return Err(format!(
                "more than {MAX_DISTINCT} distinct ids: more than tally reads in one file"
            ));
        }
        let i = self.strings.len() as u32;
        self.index.insert(s.to_string(), i);
        self.strings.push(s.to_string());
        Ok(i)
    }

    fn get(&self, s: &str) -> Option<u32> {
        self.index.get(s).copied()
    }
}

/// One ballot's part in one contest: the contest, then `(rank, selection)` pairs as written.
type Key = (u32, Box<[(u32, u32)]>);

#[derive(Default)]
struct State {
    contests: Interner,
    selections: Interner,
    /// Each distinct ballot's place in `groups`.
    index: HashMap<Key, usize>,
    /// Distinct ballots in the order first met, with how many there were.
    groups: Vec<(Key, u64)>,
    /// Where each (contest, selection) was first met, for a message about it.
    first_seen: HashMap<(u32, u32), String>,
    elections: Option<Vec<RawElection>>,
    saw_cvr: bool,
    /// Why the walk stopped, if it did.
    stop: Stop,
}

impl State {
    /// Keep one ballot (`CVR[i]`), read whole.
    fn ballot(&mut self, i: usize, cvr: RawCvr) -> Result<(), String> {
        let at = format!("CVR[{i}]");
        let Some(current) = cvr.current else {
            return Err(format!(
                "{at}: no `CurrentSnapshotId`: which of its snapshots counts is not said"
            ));
        };
        let snapshots = cvr.snapshots.unwrap_or_default();
        let Some((j, snapshot)) = snapshots
            .iter()
            .enumerate()
            .find(|(_, s)| s.id.as_deref() == Some(current.as_str()))
        else {
            return Err(format!(
                "{at}.CurrentSnapshotId: no `CVRSnapshot` has the `@id` `{}`",
                clean(&current)
            ));
        };
        let mut seen_contests = Vec::new();
        for (k, contest) in snapshot.contests.iter().flatten().enumerate() {
            let at = format!("{at}.CVRSnapshot[{j}].CVRContest[{k}]");
            let c = self
                .contests
                .intern(&contest.id)
                .map_err(|m| format!("{at}: {m}"))?;
            // A contest twice in one snapshot: the first counts, as in RCTab.
            if seen_contests.contains(&c) {
                continue;
            }
            seen_contests.push(c);
            let mut marks = Vec::new();
            for (s, selection) in contest.selections.iter().flatten().enumerate() {
                let at = format!("{at}.CVRContestSelection[{s}]");
                let id_at = format!("{at}.ContestSelectionId");
                let sel = self
                    .selections
                    .intern(&selection.id)
                    .map_err(|m| format!("{id_at}: {m}"))?;
                if !self.first_seen.contains_key(&(c, sel)) {
                    if self.first_seen.len() >= MAX_DISTINCT {
                        return Err(format!(
                            "{id_at}: more than {MAX_DISTINCT} distinct selections"
                        ));
                    }
                    self.first_seen.insert((c, sel), id_at);
                }
                if let Some(rank) = &selection.rank {
                    marks.push((rank.check(&format!("{at}.Rank"))?, sel));
                    continue;
                }
                for (p, position) in selection.positions.iter().flatten().enumerate() {
                    let at = format!("{at}.SelectionPosition[{p}]");
                    let marked = if position.write_in.is_some() {
                        WRITE_IN
                    } else {
                        sel
                    };
                    if position.indication.as_ref().is_some_and(Flag::is_no)
                        || position.allocable.as_ref().is_some_and(Flag::is_no)
                    {
                        continue;
                    }
                    let Some(rank) = &position.rank else {
                        return Err(format!(
                            "{at}: no `Rank`: a ranked-choice cast vote record ranks every mark"
                        ));
                    };
                    marks.push((rank.check(&format!("{at}.Rank"))?, marked));
                }
                if marks.len() > MAX_MARKS_PER_BALLOT {
                    return Err(format!(
                        "{at}: more than {MAX_MARKS_PER_BALLOT} marks on one ballot"
                    ));
                }
            }
            self.keep((c, marks.into_boxed_slice()))
                .map_err(|m| format!("{at}: {m}"))?;
        }
        Ok(())
    }

    fn keep(&mut self, key: Key) -> Result<(), String> {
        if let Some(&g) = self.index.get(&key) {
            self.groups[g].1 += 1;
            return Ok(());
        }
        if self.groups.len() >= MAX_DISTINCT {
            return Err(format!(
                "more than {MAX_DISTINCT} distinct ballots: more than tally reads in one file"
            ));
        }
        self.index.insert(key.clone(), self.groups.len());
        self.groups.push((key, 1));
        Ok(())
    }

    /// The file is read: choose the contest, name its selections and hand the ballots on.
    fn resolve(
        self,
        elections: &[RawElection],
        source: &Source,
        names: &mut Names,
        sink: &mut Sink,
    ) -> Result<(), String> {
        let mut candidates: HashMap<&str, (String, &RawCandidate)> = HashMap::new();
        let mut contests = Vec::new();
        for (e, election) in elections.iter().enumerate() {
            for (c, candidate) in election.candidates.iter().flatten().enumerate() {
                let at = format!("Election[{e}].Candidate[{c}]");
                if candidates
                    .insert(&candidate.id, (at.clone(), candidate))
                    .is_some()
                {
                    return Err(format!(
                        "{at}.@id: `{}` is the id of an earlier candidate too",
                        clean(&candidate.id)
                    ));
                }
            }
            for (c, contest) in election.contests.iter().flatten().enumerate() {
                contests.push((format!("Election[{e}].Contest[{c}]"), contest));
            }
        }
        let (at, contest) = choose(&contests, source.contest_id.as_deref())?;
        let title = contest.title();
        let mut choices: HashMap<&str, usize> = HashMap::new();
        for (q, choice) in contest.selections.iter().flatten().enumerate() {
            if choices.insert(&choice.id, q).is_some() {
                return Err(format!(
                    "{at}.ContestSelection[{q}].@id: `{}` is the id of an earlier selection too",
                    clean(&choice.id)
                ));
            }
        }
        let choice_list: Vec<&RawChoice> = contest.selections.iter().flatten().collect();
        // What each of the contest's selections means, found when first needed (a bare file
        // finds them all first, so that every candidate stands, in the file's order).
        let mut meaning: Vec<Option<Cell>> = vec![None; choice_list.len()];
        let mut mean = |q: usize, names: &mut Names| -> Result<Cell, String> {
            if let Some(cell) = &meaning[q] {
                return Ok(cell.clone());
            }
            let at = format!("{at}.ContestSelection[{q}]");
            let choice = choice_list[q];
            let cell = if choice.write_in.as_ref().is_some_and(Flag::is_true) {
                Cell::Candidate(names.write_in())
            } else {
                let Some(first) = choice.candidate_ids.as_ref().and_then(|ids| ids.first()) else {
                    return Err(format!(
                        "{at}: no `CandidateIds`: which candidate this selection is is not said"
                    ));
                };
                let Some((cat, candidate)) = candidates.get(first.as_str()) else {
                    return Err(format!(
                        "{at}.CandidateIds[0]: `{}` is no candidate in `Election[].Candidate[]`",
                        clean(first)
                    ));
                };
                let Some(name) = candidate.name.as_deref().filter(|n| !n.trim().is_empty()) else {
                    return Err(format!("{cat}: the candidate has no `Name`"));
                };
                names
                    .cell(name, &source.labels)
                    .map_err(|m| format!("{cat}.Name: {m}"))?
            };
            meaning[q] = Some(cell.clone());
            Ok(cell)
        };
        if names.open {
            for (q, choice) in choice_list.iter().enumerate() {
                if !choice.write_in.as_ref().is_some_and(Flag::is_true) {
                    mean(q, names)?;
                }
            }
        }
        let Some(wanted) = self.contests.get(&contest.id) else {
            // No ballot has the contest: nothing to count from this file.
            return Ok(());
        };
        // Each interned selection's place in the contest, once.
        let mut place: HashMap<u32, usize> = HashMap::new();
        for ((c, marks), count) in &self.groups {
            if *c != wanted {
                continue;
            }
            sink.begin();
            for &(rank, sel) in marks.iter() {
                let cell = if sel == WRITE_IN {
                    Cell::Candidate(names.write_in())
                } else {
                    let q = match place.get(&sel) {
                        Some(&q) => q,
                        None => {
                            let id = &self.selections.strings[sel as usize];
                            let Some(&q) = choices.get(id.as_str()) else {
                                let seen = self
                                    .first_seen
                                    .get(&(*c, sel))
                                    .map_or("CVR[]", String::as_str);
                                return Err(format!(
                                    "{seen}: `{}` is no contest selection of `{}`",
                                    clean(id),
                                    clean(title)
                                ));
                            };
                            place.insert(sel, q);
                            q
                        }
                    };
                    mean(q, names)?
                };
                sink.mark(rank as usize, cell)?;
            }
            sink.end(Votes::new(*count));
        }
        Ok(())
    }
}

/// The contest to count: the one `wanted` names (its `Name`, else its `@id`), or the only one.
fn choose<'a>(
    contests: &'a [(String, &'a RawContest)],
    wanted: Option<&str>,
) -> Result<(&'a str, &'a RawContest), String> {
    let listed = || {
        let shown: Vec<String> = contests
            .iter()
            .take(10)
            .map(|(_, c)| format!("`{}`", clean(c.title())))
            .collect();
        let more = contests.len().saturating_sub(10);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        format!("{}{more}", shown.join(", "))
    };
    if contests.is_empty() {
        return Err("`Election[].Contest[]` is empty: the file names no contest".to_string());
    }
    let found = match wanted {
        Some(w) => contests
            .iter()
            .find(|(_, c)| c.name.as_deref() == Some(w))
            .or_else(|| contests.iter().find(|(_, c)| c.id == w))
            .ok_or_else(|| {
                format!(
                    "`{}` is no contest in this file (by `Name` or `@id`); it has {}",
                    clean(w),
                    listed()
                )
            })?,
        None if contests.len() == 1 => &contests[0],
        None => {
            return Err(format!(
                "the file holds {} contests ({}): say which to count (the source's `contestId`)",
                contests.len(),
                listed()
            ));
        }
    };
    Ok((found.0.as_str(), found.1))
}

/// The report's `CVR` array: each ballot kept as it is read (`State::ballot`).
impl Elements for State {
    type Item = RawCvr;
    fn stop(&mut self) -> &mut Stop {
        &mut self.stop
    }
    fn take(&mut self, i: usize, item: RawCvr) -> Result<(), String> {
        self.ballot(i, item)
    }
}

// ---------------------------------------------------------------------------------------
// The walk: the report object, its `CVR` array one ballot at a time.

struct Report<'s> {
    state: &'s mut State,
}

impl<'de> DeserializeSeed<'de> for Report<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Report<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a NIST SP 1500-103 cast vote record report (a JSON object)")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        let state = self.state;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "CVR" => {
                    if std::mem::replace(&mut state.saw_cvr, true) {
                        state.stop.message = Some("`CVR` appears twice in the report".to_string());
                        return Err(de::Error::custom("duplicate"));
                    }
                    map.next_value_seed(Each {
                        state: &mut *state,
                        key: "CVR",
                        what: "a list of cast vote records",
                    })
                    .inspect_err(|_| {
                        state.stop.place.get_or_insert_with(|| "CVR".to_string());
                    })?;
                }
                "Election" => {
                    if state.elections.is_some() {
                        state.stop.message =
                            Some("`Election` appears twice in the report".to_string());
                        return Err(de::Error::custom("duplicate"));
                    }
                    let elections = map.next_value_seed(Tracked::<Vec<RawElection>> {
                        prefix: "Election",
                        place: &mut state.stop.place,
                        kind: std::marker::PhantomData,
                    })?;
                    state.elections = Some(elections);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// The parts of a report tally reads; everything else is skipped unread.

#[derive(Deserialize)]
struct RawCvr {
    #[serde(rename = "CurrentSnapshotId", default)]
    current: Option<String>,
    #[serde(rename = "CVRSnapshot", default)]
    snapshots: Option<Vec<RawSnapshot>>,
}

#[derive(Deserialize)]
struct RawSnapshot {
    #[serde(rename = "@id", default)]
    id: Option<String>,
    #[serde(rename = "CVRContest", default)]
    contests: Option<Vec<RawCvrContest>>,
}

#[derive(Deserialize)]
struct RawCvrContest {
    #[serde(rename = "ContestId")]
    id: String,
    #[serde(rename = "CVRContestSelection", default)]
    selections: Option<Vec<RawSelection>>,
}

#[derive(Deserialize)]
struct RawSelection {
    #[serde(rename = "ContestSelectionId")]
    id: String,
    #[serde(rename = "Rank", default)]
    rank: Option<Rank>,
    #[serde(rename = "SelectionPosition", default)]
    positions: Option<Vec<RawPosition>>,
}

#[derive(Deserialize)]
struct RawPosition {
    #[serde(rename = "HasIndication", default)]
    indication: Option<Flag>,
    #[serde(rename = "IsAllocable", default)]
    allocable: Option<Flag>,
    #[serde(rename = "Rank", default)]
    rank: Option<Rank>,
    #[serde(rename = "CVRWriteIn", default)]
    write_in: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct RawElection {
    #[serde(rename = "Candidate", default)]
    candidates: Option<Vec<RawCandidate>>,
    #[serde(rename = "Contest", default)]
    contests: Option<Vec<RawContest>>,
}

#[derive(Deserialize)]
struct RawCandidate {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "Name", default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct RawContest {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "Name", default)]
    name: Option<String>,
    #[serde(rename = "ContestSelection", default)]
    selections: Option<Vec<RawChoice>>,
}

impl RawContest {
    /// What a message calls it: its name, else its id.
    fn title(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Deserialize)]
struct RawChoice {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "CandidateIds", default)]
    candidate_ids: Option<Vec<String>>,
    #[serde(rename = "IsWriteIn", default)]
    write_in: Option<Flag>,
}

/// A rank as written: a whole number, or the digits of one in a string.
struct Rank(i64);

impl Rank {
    /// The rank, when tally reads it (1 to [`MAX_RANK`]); otherwise the message at `at`.
    fn check(&self, at: &str) -> Result<u32, String> {
        match u32::try_from(self.0) {
            Ok(r) if r >= 1 && (r as usize) <= MAX_RANK => Ok(r),
            _ => Err(format!(
                "{at}: rank {} is not one tally reads (ranks run from 1 to {MAX_RANK})",
                self.0
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Rank {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rank, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Rank;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a rank (a whole number)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Rank, E> {
                Ok(Rank(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Rank, E> {
                Ok(Rank(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Rank, E> {
                if v.fract() == 0.0 && v.abs() < 1e15 {
                    Ok(Rank(v as i64))
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(v), &self))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Rank, E> {
                v.trim()
                    .parse::<i64>()
                    .map(Rank)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// A yes/no value as CDF writers give it: `"yes"`, `"no"`, `"unknown"`, `"true"`, or a JSON
/// boolean.
struct Flag(String);

impl Flag {
    fn is_no(&self) -> bool {
        self.0.eq_ignore_ascii_case("no") || self.0.eq_ignore_ascii_case("false")
    }
    fn is_true(&self) -> bool {
        self.0.eq_ignore_ascii_case("true") || self.0.eq_ignore_ascii_case("yes")
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Flag, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"yes\", \"no\" or a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                Ok(Flag(v.trim().to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::cvr::Provider;
    use crate::model::ballots::Mark;
    use crate::model::cvr::CastVoteRecords;

    fn source(contest: Option<&str>) -> Source {
        Source {
            contest_id: contest.map(str::to_string),
            ..Source::bare("t.json", "t.json", Provider::Cdf)
        }
    }

    /// One ballot's JSON: each `(selection, rank)` a position, in contest `contest-1`.
    fn ballot(marks: &[(&str, u32)]) -> String {
        let sels: Vec<String> = marks
            .iter()
            .map(|(s, r)| {
                format!(
                    r#"{{"ContestSelectionId": "{s}", "SelectionPosition": [{{"HasIndication": "yes", "IsAllocable": "unknown", "NumberVotes": 1, "Rank": {r}}}]}}"#
                )
            })
            .collect();
        format!(
            r#"{{"@type": "CVR.CVR", "CVRSnapshot": [{{"@id": "s", "CVRContest": [{{"ContestId": "contest-1", "CVRContestSelection": [{}]}}]}}], "CurrentSnapshotId": "s"}}"#,
            sels.join(", ")
        )
    }

    const ELECTION: &str = r#"[{"@id": "e", "Candidate": [
        {"@id": "c-a", "Name": "Alice"}, {"@id": "c-b", "Name": "Bob"},
        {"@id": "c-c", "Name": "Carol"}, {"@id": "c-x", "Name": "Other Race"}],
      "Contest": [{"@id": "contest-1", "Name": "Mayor", "ContestSelection": [
        {"@id": "cs-a", "CandidateIds": ["c-a"]}, {"@id": "cs-b", "CandidateIds": ["c-b"]},
        {"@id": "cs-c", "CandidateIds": ["c-c"]}, {"@id": "cs-w", "IsWriteIn": "true"}]}]}]"#;

    /// A report with these ballots, `Election` after `CVR` (as RCTab writes it) or before.
    fn report(ballots: &[String], election_first: bool) -> String {
        let cvr = format!(r#""CVR": [{}]"#, ballots.join(", "));
        let election = format!(r#""Election": {ELECTION}"#);
        if election_first {
            format!(
                r#"{{"@type": "CVR.CastVoteRecordReport", {election}, {cvr}, "Version": "1.0.0"}}"#
            )
        } else {
            format!(
                r#"{{"@type": "CVR.CastVoteRecordReport", {cvr}, {election}, "Version": "1.0.0"}}"#
            )
        }
    }

    fn read_all(
        files: &[&str],
        source: &Source,
        mut names: Names,
    ) -> Result<CastVoteRecords, String> {
        let mut sink = Sink::new();
        for (k, json) in files.iter().enumerate() {
            let name = format!("f{k}.json");
            read_from(json.as_bytes(), &name, source, &mut names, &mut sink)?;
            sink.end_file(&name);
        }
        Ok(sink.finish(names))
    }

    fn bare(json: &str) -> Result<CastVoteRecords, String> {
        read_all(&[json], &source(None), Names::open())
    }

    /// Each ranking as names (`A>B`, `[A+B]` for an overvote, `_` for a skipped rank) with
    /// its weight, in the order first read.
    fn shown(cvr: &CastVoteRecords) -> Vec<(String, u64)> {
        crate::import::cvr::testing::rankings(cvr, ">", "_")
    }

    #[test]
    fn names_come_through_selection_and_candidate_whichever_comes_first() {
        let ballots = [
            ballot(&[("cs-a", 1), ("cs-b", 2)]),
            ballot(&[("cs-b", 1)]),
            ballot(&[("cs-a", 1), ("cs-b", 2)]),
            ballot(&[]),
        ];
        for election_first in [false, true] {
            let cvr = bare(&report(&ballots, election_first)).unwrap();
            // Carol has no vote and still stands, in the file's order; the write-in
            // selection is not a candidate until someone writes in.
            assert_eq!(cvr.ballots.candidates, ["Alice", "Bob", "Carol"]);
            assert_eq!(
                shown(&cvr),
                [
                    ("Alice>Bob".into(), 2),
                    ("Bob".into(), 1),
                    (String::new(), 1)
                ]
            );
            assert_eq!(cvr.total(), Votes::new(4));
        }
    }

    #[test]
    fn two_selections_at_one_rank_are_an_overvote_and_gaps_are_skipped_ranks() {
        let cvr = bare(&report(
            &[ballot(&[("cs-a", 1), ("cs-b", 1), ("cs-c", 3)])],
            false,
        ))
        .unwrap();
        assert_eq!(shown(&cvr), [("[Alice+Bob]>_>Carol".into(), 1)]);
    }

    #[test]
    fn write_ins_by_selection_or_by_position() {
        let by_position = ballot(&[("cs-b", 1)]).replace(
            r#""Rank": 1}"#,
            r#""Rank": 1, "CVRWriteIn": {"Text": "Zed"}}"#,
        );
        let cvr = bare(&report(
            &[ballot(&[("cs-w", 1), ("cs-a", 2)]), by_position],
            false,
        ))
        .unwrap();
        assert_eq!(cvr.ballots.candidates[3], crate::import::cvr::WRITE_IN_NAME);
        assert_eq!(cvr.write_in, Some(3));
        let w = crate::import::cvr::WRITE_IN_NAME;
        assert_eq!(shown(&cvr), [(format!("{w}>Alice"), 1), (w.to_string(), 1)]);
    }

    #[test]
    fn positions_without_indication_or_not_allocable_are_no_marks() {
        let json = report(&[ballot(&[("cs-a", 1), ("cs-b", 2), ("cs-c", 3)])], false)
            .replacen(r#""HasIndication": "yes""#, r#""HasIndication": "no""#, 1)
            .replacen(
                r#""IsAllocable": "unknown", "NumberVotes": 1, "Rank": 2"#,
                r#""IsAllocable": "no", "NumberVotes": 1, "Rank": 2"#,
                1,
            );
        assert_eq!(shown(&bare(&json).unwrap()), [("_>_>Carol".into(), 1)]);
    }

    #[test]
    fn the_rank_may_sit_on_the_selection() {
        let one = r#"{"CVRSnapshot": [{"@id": "s", "CVRContest": [{"ContestId": "contest-1", "CVRContestSelection": [
            {"ContestSelectionId": "cs-c", "Rank": "1"}, {"ContestSelectionId": "cs-a", "Rank": 2}]}]}], "CurrentSnapshotId": "s"}"#;
        assert_eq!(
            shown(&bare(&report(&[one.to_string()], false)).unwrap()),
            [("Carol>Alice".into(), 1)]
        );
    }

    #[test]
    fn only_the_current_snapshot_counts() {
        let json = r#"{"CVRSnapshot": [
            {"@id": "scan", "Type": "original", "CVRContest": [{"ContestId": "contest-1", "CVRContestSelection": [{"ContestSelectionId": "cs-a", "Rank": 1}]}]},
            {"@id": "fixed", "Type": "modified", "CVRContest": [{"ContestId": "contest-1", "CVRContestSelection": [{"ContestSelectionId": "cs-b", "Rank": 1}]}]}],
            "CurrentSnapshotId": "fixed"}"#;
        assert_eq!(
            shown(&bare(&report(&[json.to_string()], false)).unwrap()),
            [("Bob".into(), 1)]
        );
        let none = json.replace(
            r#""CurrentSnapshotId": "fixed""#,
            r#""CurrentSnapshotId": "gone""#,
        );
        assert_eq!(
            bare(&report(&[ballot(&[]), none], false)).unwrap_err(),
            "f0.json: CVR[1].CurrentSnapshotId: no `CVRSnapshot` has the `@id` `gone`"
        );
    }

    #[test]
    fn a_contest_may_span_two_files() {
        let one = report(&[ballot(&[("cs-a", 1)]), ballot(&[("cs-b", 1)])], false);
        let two = report(&[ballot(&[("cs-a", 1)])], true);
        let cvr = read_all(&[&one, &two], &source(Some("Mayor")), Names::open()).unwrap();
        assert_eq!(shown(&cvr), [("Alice".into(), 2), ("Bob".into(), 1)]);
        let files: Vec<(String, u64)> = cvr
            .files
            .iter()
            .map(|f| (f.file.clone(), f.ballots.get()))
            .collect();
        assert_eq!(files, [("f0.json".into(), 2), ("f1.json".into(), 1)]);
    }

    #[test]
    fn the_configuration_names_the_candidates() {
        let mut names = Names::default();
        names.add("Alice Smith", &["Alice".to_string()]);
        names.add("Bob", &[]);
        let json = report(&[ballot(&[("cs-b", 1), ("cs-a", 2)])], false);
        let cvr = read_all(&[&json], &source(Some("contest-1")), names.clone()).unwrap();
        assert_eq!(shown(&cvr), [("Bob>Alice Smith".into(), 1)]);
        let carol = report(&[ballot(&[("cs-c", 1)])], false);
        assert_eq!(
            read_all(&[&carol], &source(None), names).unwrap_err(),
            "f0.json: Election[0].Candidate[2].Name: `Carol` is not a candidate in the configuration"
        );
    }

    #[test]
    fn a_dangling_selection_is_refused_where_it_is() {
        let json = report(
            &[ballot(&[("cs-a", 1)]), ballot(&[("cs-a", 1), ("cs-9", 2)])],
            false,
        );
        assert_eq!(
            bare(&json).unwrap_err(),
            "f0.json: CVR[1].CVRSnapshot[0].CVRContest[0].CVRContestSelection[1].ContestSelectionId: `cs-9` is no contest selection of `Mayor`"
        );
    }

    #[test]
    fn ranks_out_of_range_and_bad_values_are_refused_with_their_path() {
        let zero = report(&[ballot(&[("cs-a", 0)])], false);
        assert_eq!(
            bare(&zero).unwrap_err(),
            "f0.json: CVR[0].CVRSnapshot[0].CVRContest[0].CVRContestSelection[0].SelectionPosition[0].Rank: rank 0 is not one tally reads (ranks run from 1 to 1000)"
        );
        let word =
            report(&[ballot(&[("cs-a", 1)])], false).replace(r#""Rank": 1"#, r#""Rank": "first""#);
        assert_eq!(
            bare(&word).unwrap_err(),
            "f0.json: CVR[0].CVRSnapshot[0].CVRContest[0].CVRContestSelection[0].SelectionPosition[0].Rank: invalid value: string \"first\", expected a rank (a whole number)"
        );
        let unranked = report(&[ballot(&[("cs-a", 1)])], false).replace(r#", "Rank": 1"#, "");
        assert_eq!(
            bare(&unranked).unwrap_err(),
            "f0.json: CVR[0].CVRSnapshot[0].CVRContest[0].CVRContestSelection[0].SelectionPosition[0]: no `Rank`: a ranked-choice cast vote record ranks every mark"
        );
    }

    #[test]
    fn the_contest_is_chosen_by_name_or_id_or_must_be_said() {
        let two = report(&[ballot(&[("cs-a", 1)])], false).replace(
            r#""ContestSelection": [
        {"@id": "cs-a""#,
            r#""ContestSelection": []}, {"@id": "contest-2", "Name": "Sheriff", "ContestSelection": [
        {"@id": "cs-a""#,
        );
        assert_eq!(
            bare(&two).unwrap_err(),
            "f0.json: the file holds 2 contests (`Mayor`, `Sheriff`): say which to count (the source's `contestId`)"
        );
        assert_eq!(
            read_all(&[&two], &source(Some("Clerk")), Names::open()).unwrap_err(),
            "f0.json: `Clerk` is no contest in this file (by `Name` or `@id`); it has `Mayor`, `Sheriff`"
        );
        // The ballots are in contest-1, whose selections were moved to contest-2.
        assert!(
            read_all(&[&two], &source(Some("Mayor")), Names::open())
                .unwrap_err()
                .ends_with("`cs-a` is no contest selection of `Mayor`")
        );
        let cvr = read_all(&[&two], &source(Some("contest-2")), Names::open()).unwrap();
        assert_eq!(cvr.total(), Votes::ZERO);
    }

    #[test]
    fn broken_json_is_placed_by_line_and_column() {
        let json = report(&[ballot(&[("cs-a", 1)])], false);
        let cut = &json[..json.len() / 2];
        let e = bare(cut).unwrap_err();
        assert!(e.starts_with("f0.json:2:"), "{e}");
        assert!(
            e.ends_with("(the file ends too soon: is it complete?)"),
            "{e}"
        );
        assert_eq!(
            bare("[1, 2]").unwrap_err(),
            "f0.json: invalid type: sequence, expected a NIST SP 1500-103 cast vote record report (a JSON object) (line 1, column 1)"
        );
        assert_eq!(
            bare(r#"{"Election": []}"#).unwrap_err(),
            "f0.json: there is no `CVR` list: a NIST SP 1500-103 report holds its ballots in `CVR[]`"
        );
        assert_eq!(
            bare(r#"{"CVR": 3}"#).unwrap_err(),
            "f0.json: CVR: invalid type: integer `3`, expected a list of cast vote records"
        );
    }

    /// The real files in `../shared/interop` (not in a fresh clone): ballots and first
    /// choices as counted independently from the JSON.
    #[test]
    #[ignore = "reads ../shared/interop when present"]
    fn real_cdf_files_read_every_ballot() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop");
        if !root.exists() {
            return;
        }
        let read = |files: &[&str], contest: &str| {
            let mut names = Names::open();
            let mut sink = Sink::new();
            for f in files {
                let mut s = source(Some(contest));
                s.path = root.join(f);
                s.name = f.to_string();
                super::super::read_source(&s, &mut names, &mut sink).unwrap();
            }
            let cvr = sink.finish(names);
            let mut first: Vec<(String, u64)> = Vec::new();
            for r in &cvr.ballots.rankings {
                let k = match r.marks.first() {
                    Some(Mark::Candidate(i)) => cvr.ballots.candidates[*i].clone(),
                    Some(Mark::Overvote(_)) => "overvote".into(),
                    _ => "none".into(),
                };
                match first.iter_mut().find(|(n, _)| *n == k) {
                    Some(e) => e.1 += r.weight.get(),
                    None => first.push((k, r.weight.get())),
                }
            }
            first.sort();
            (cvr.total().get(), first)
        };
        let f = |v: &[(&str, u64)]| {
            v.iter()
                .map(|(n, c)| (n.to_string(), *c))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            read(
                &["cvr-cdf-json-duplicate-exhaust/test_set_6_duplicate_exhaust_cvr.json"],
                "test set 6"
            ),
            (
                15,
                f(&[
                    ("Candidate A Name", 5),
                    ("Candidate B Name", 4),
                    ("Candidate C Name", 4),
                    ("Candidate D Name", 2)
                ])
            )
        );
        assert_eq!(
            read(
                &["cvr-cdf-json-overvote-exhaust/test_set_1_exhaust_at_overvote_cvr.json"],
                "test set 1"
            ),
            (
                15,
                f(&[
                    ("Candidate A Name", 5),
                    ("Candidate B Name", 6),
                    ("Candidate C Name", 2),
                    ("Candidate D Name", 1),
                    ("overvote", 1)
                ])
            )
        );
        assert_eq!(
            read(
                &[
                    "cvr-cdf-json-two-files/test_set_8_multi_cdf_cvr_1.json",
                    "cvr-cdf-json-two-files/test_set_8_multi_cdf_cvr_2.json"
                ],
                "Test Set 0"
            ),
            (
                24,
                f(&[
                    ("Candidate A Name", 8),
                    ("Candidate B Name", 6),
                    ("Candidate C Name", 6),
                    ("Candidate D Name", 2),
                    ("none", 2)
                ])
            )
        );
    }
}
