//! RCTab's contest configuration (`*_config.json`): which cast vote record files to read and
//! how, who stands, and the counting rules: so `tally rounds CONFIG.json` counts a contest
//! exactly as RCTab would be told to.
//!
//! RCTab writes almost every setting as a JSON string (`"maxSkippedRanksAllowed" : "1"`,
//! `"randomSeed" : ""` for none), so each is read from a string or a number, empty meaning
//! not set. Paths in `cvrFileSources` are relative to the configuration's own folder. What
//! tally cannot count (several seats, a threshold other than a majority, a tie-break that
//! asks a person) is refused naming the setting, never counted some other way.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::cvr::{Labels, Names, Provider, Source};
use crate::model::rules::{OvervoteRule, RcvRules, TiebreakMode};
use crate::model::{Diagnostic, Votes};
use crate::text::clean;

/// A configuration, read and checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// `outputSettings.contestName`.
    pub contest_name: Option<String>,
    pub jurisdiction: Option<String>,
    pub office: Option<String>,
    pub date: Option<chrono::NaiveDate>,
    /// The files to read, resolved against the configuration's folder.
    pub sources: Vec<Source>,
    /// The candidates, in the configuration's order, with their aliases and exclusions.
    pub names: Names,
    pub rules: RcvRules,
    /// `rules.rulesDescription`: "Maine Rules".
    pub rules_description: Option<String>,
    /// What was read with a doubt (a file found beside the configuration rather than where
    /// it says), one diagnostic each.
    pub warnings: Vec<Diagnostic>,
}

/// A setting RCTab writes as a string, a number or a boolean.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Setting {
    Text(String),
    Number(serde_json::Number),
    Flag(bool),
}

impl Setting {
    /// The setting as text, trimmed; `None` when empty.
    fn text(&self) -> Option<String> {
        let t = match self {
            Setting::Text(s) => s.trim().to_string(),
            Setting::Number(n) => n.to_string(),
            Setting::Flag(b) => b.to_string(),
        };
        (!t.is_empty()).then_some(t)
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawConfig {
    #[serde(default)]
    output_settings: RawOutput,
    cvr_file_sources: Vec<RawSource>,
    candidates: Vec<RawCandidate>,
    rules: RawRules,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawOutput {
    contest_name: Option<Setting>,
    contest_date: Option<Setting>,
    contest_jurisdiction: Option<Setting>,
    contest_office: Option<Setting>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSource {
    file_path: Setting,
    provider: Option<Setting>,
    contest_id: Option<Setting>,
    first_vote_column_index: Option<Setting>,
    first_vote_row_index: Option<Setting>,
    id_column_index: Option<Setting>,
    precinct_column_index: Option<Setting>,
    overvote_delimiter: Option<Setting>,
    overvote_label: Option<Setting>,
    skipped_rank_label: Option<Setting>,
    /// RCTab before 1.3 called the skipped-rank label this.
    undervote_label: Option<Setting>,
    undeclared_write_in_label: Option<Setting>,
    treat_blank_as_undeclared_write_in: Option<Setting>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCandidate {
    name: Setting,
    /// RCTab 1.x gave one code per candidate; 2.x gives `aliases`.
    code: Option<Setting>,
    #[serde(default)]
    aliases: Vec<String>,
    excluded: Option<Setting>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRules {
    tiebreak_mode: Option<Setting>,
    overvote_rule: Option<Setting>,
    winner_election_mode: Option<Setting>,
    random_seed: Option<Setting>,
    number_of_winners: Option<Setting>,
    minimum_vote_threshold: Option<Setting>,
    max_skipped_ranks_allowed: Option<Setting>,
    max_rankings_allowed: Option<Setting>,
    non_integer_winning_threshold: Option<Setting>,
    does_first_round_determine_threshold: Option<Setting>,
    hare_quota: Option<Setting>,
    batch_elimination: Option<Setting>,
    continue_until_two_candidates_remain: Option<Setting>,
    stop_tabulation_early_after_round: Option<Setting>,
    exhaust_on_duplicate_candidate: Option<Setting>,
    rules_description: Option<Setting>,
    treat_blank_as_undeclared_write_in: Option<Setting>,
}

type Fail = Vec<Diagnostic>;

fn fail(path: impl Into<String>, message: impl Into<String>) -> Fail {
    vec![Diagnostic::error(path, message)]
}

/// Read the configuration at `path` (its `bytes`): the sources resolved against its folder.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Config, Fail> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        fail(
            "",
            format!(
                "byte {} is not UTF-8 text; RCTab writes UTF-8",
                e.valid_up_to() + 1
            ),
        )
    })?;
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: RawConfig = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let at = e.path().to_string();
        vec![super::dataset::parse::from_json_error(e.inner(), Some(at))]
    })?;
    de.end()
        .map_err(|e| vec![super::dataset::parse::from_json_error(&e, None)])?;
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut warnings = Vec::new();
    let rules = rules(&raw.rules)?;
    let blank_is_write_in = flag(
        &raw.rules.treat_blank_as_undeclared_write_in,
        "rules.treatBlankAsUndeclaredWriteIn",
    )?;
    let mut sources = Vec::with_capacity(raw.cvr_file_sources.len());
    if raw.cvr_file_sources.is_empty() {
        return Err(fail(
            "cvrFileSources",
            "no cast vote record files are listed: there is nothing to count",
        ));
    }
    for (k, s) in raw.cvr_file_sources.iter().enumerate() {
        let at = format!("cvrFileSources[{k}]");
        sources.push(source(
            s,
            &at,
            folder,
            &rules,
            blank_is_write_in,
            &mut warnings,
        )?);
    }
    let mut names = Names::default();
    if raw.candidates.is_empty() {
        return Err(fail("candidates", "no candidates are listed"));
    }
    for (k, c) in raw.candidates.iter().enumerate() {
        let at = format!("candidates[{k}]");
        let Some(name) = c.name.text() else {
            return Err(fail(format!("{at}.name"), "a candidate needs a name"));
        };
        if names.get(&name).is_some() {
            return Err(fail(
                format!("{at}.name"),
                format!("`{}` is listed twice", clean(&name)),
            ));
        }
        let mut aliases = c.aliases.clone();
        aliases.extend(c.code.as_ref().and_then(Setting::text));
        let i = names.add(&name, &aliases);
        if flag(&c.excluded, &format!("{at}.excluded"))? {
            names.excluded.push(i);
        }
    }
    let text = |s: &Option<Setting>| s.as_ref().and_then(Setting::text);
    let out = &raw.output_settings;
    let date = match text(&out.contest_date) {
        None => None,
        Some(d) => match crate::model::dates::parse_loose(&d) {
            Some(d) => Some(d),
            None => {
                warnings.push(Diagnostic::warning(
                    "outputSettings.contestDate",
                    format!(
                        "`{}` is not a date tally reads (2024-11-05 or 11/5/2024): the date of poll is shown as not given",
                        clean(&d)
                    ),
                ));
                None
            }
        },
    };
    Ok(Config {
        contest_name: text(&out.contest_name),
        jurisdiction: text(&out.contest_jurisdiction),
        office: text(&out.contest_office),
        date,
        sources,
        names,
        rules,
        rules_description: text(&raw.rules.rules_description),
        warnings,
    })
}

/// One `cvrFileSources` entry.
fn source(
    s: &RawSource,
    at: &str,
    folder: &Path,
    rules: &RcvRules,
    blank_is_write_in: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Source, Fail> {
    let text = |s: &Option<Setting>| s.as_ref().and_then(Setting::text);
    let Some(named) = s.file_path.text() else {
        return Err(fail(format!("{at}.filePath"), "no file is named"));
    };
    let provider_name = text(&s.provider).unwrap_or_default();
    let Some(provider) = Provider::from_config(&provider_name) else {
        return Err(fail(
            format!("{at}.provider"),
            format!(
                "`{}` is not a provider tally reads (it reads cdf, dominion, ess, csv and genericCsv)",
                clean(&provider_name)
            ),
        ));
    };
    let path = resolve(folder, &named, at, warnings);
    let column = |v: &Option<Setting>, key: &str| -> Result<Option<u32>, Fail> {
        match text(v) {
            None => Ok(None),
            Some(t) => match t.parse::<u32>() {
                Ok(n) if n >= 1 => Ok(Some(n)),
                _ => Err(fail(
                    format!("{at}.{key}"),
                    format!(
                        "`{}` is not a column or row number (1 is the first)",
                        clean(&t)
                    ),
                )),
            },
        }
    };
    Ok(Source {
        // Messages and reports name the file as it is found from here, not as the
        // configuration spells it relative to its folder.
        name: path.display().to_string(),
        path,
        provider,
        contest_id: text(&s.contest_id),
        first_vote_column: column(&s.first_vote_column_index, "firstVoteColumnIndex")?,
        first_vote_row: column(&s.first_vote_row_index, "firstVoteRowIndex")?,
        id_column: column(&s.id_column_index, "idColumnIndex")?,
        precinct_column: column(&s.precinct_column_index, "precinctColumnIndex")?,
        max_rankings: rules.max_rankings,
        labels: Labels {
            // RCTab keeps a delimiter's spaces ("; " is not ";").
            overvote_delimiter: match &s.overvote_delimiter {
                Some(Setting::Text(t)) if !t.is_empty() => Some(t.clone()),
                _ => None,
            },
            overvote: text(&s.overvote_label),
            skipped: text(&s.skipped_rank_label).or_else(|| text(&s.undervote_label)),
            write_in: text(&s.undeclared_write_in_label),
            blank_is_write_in: blank_is_write_in
                || flag(
                    &s.treat_blank_as_undeclared_write_in,
                    &format!("{at}.treatBlankAsUndeclaredWriteIn"),
                )?,
        },
    })
}

/// A `filePath` against the configuration's folder. When nothing is there but a file of the
/// same name sits beside the configuration (a configuration moved with its files, as RCTab's
/// own test folders are), that one is read, with a warning saying so.
fn resolve(folder: &Path, named: &str, at: &str, warnings: &mut Vec<Diagnostic>) -> PathBuf {
    let given = folder.join(named);
    if given.exists() {
        return follow_saved_link(given, at, warnings);
    }
    if let Some(leaf) = Path::new(named).file_name() {
        let beside = folder.join(leaf);
        if beside.exists() && beside != given {
            warnings.push(Diagnostic::warning(
                format!("{at}.filePath"),
                format!(
                    "`{}` does not exist; reading `{}` beside the configuration instead",
                    clean(named),
                    clean(&leaf.to_string_lossy())
                ),
            ));
            return beside;
        }
    }
    given
}

/// A symbolic link saved as a plain file (what git checks out where links are not made: a
/// few bytes holding the name of the file it points to, as RCTab's scale test has them):
/// the file it names, beside it, with a warning. Any other file is itself.
fn follow_saved_link(path: PathBuf, at: &str, warnings: &mut Vec<Diagnostic>) -> PathBuf {
    let small = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() < 1024);
    if !small {
        return path;
    }
    let Ok(text) = std::fs::read_to_string(&path) else {
        return path;
    };
    let target = text.trim();
    let plain = !target.is_empty()
        && !target.contains(['\n', '\0'])
        && !target.starts_with('/')
        && !target.contains("..");
    let Some(folder) = path.parent() else {
        return path;
    };
    let beside = folder.join(target);
    if plain && beside != path && beside.is_file() {
        warnings.push(Diagnostic::warning(
            format!("{at}.filePath"),
            format!(
                "`{}` holds only the name `{}` (a symbolic link saved as a file): reading that file",
                clean(&path.display().to_string()),
                clean(target)
            ),
        ));
        return beside;
    }
    path
}

/// A true/false setting (RCTab writes booleans, sometimes as strings); absent is false.
fn flag(v: &Option<Setting>, at: &str) -> Result<bool, Fail> {
    match v.as_ref().and_then(Setting::text).as_deref() {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(fail(at, format!("`{}` is not true or false", clean(other)))),
    }
}

/// A whole number setting; empty is `None`.
fn number(v: &Option<Setting>, at: &str) -> Result<Option<u64>, Fail> {
    match v.as_ref().and_then(Setting::text) {
        None => Ok(None),
        Some(t) => t
            .parse::<u64>()
            .map(Some)
            .map_err(|_| fail(at, format!("`{}` is not a whole number", clean(&t)))),
    }
}

fn small(n: Option<u64>, at: &str) -> Result<Option<u32>, Fail> {
    n.map(|n| u32::try_from(n).map_err(|_| fail(at, format!("{n} is more than tally can use"))))
        .transpose()
}

/// The `rules`: what tally counts exactly as RCTab does, or the setting it cannot.
fn rules(r: &RawRules) -> Result<RcvRules, Fail> {
    let text = |s: &Option<Setting>| s.as_ref().and_then(Setting::text);
    if let Some(mode) = text(&r.winner_election_mode)
        && mode != "singleWinnerMajority"
    {
        return Err(fail(
            "rules.winnerElectionMode",
            format!(
                "`{}`: tally counts cast vote records for one winner by a majority (singleWinnerMajority); the single transferable vote and RCTab's other multi-winner modes are not supported yet",
                clean(&mode)
            ),
        ));
    }
    let seats = number(&r.number_of_winners, "rules.numberOfWinners")?.unwrap_or(1);
    if seats != 1 {
        return Err(fail(
            "rules.numberOfWinners",
            format!("{seats} seats: single transferable vote is not supported yet"),
        ));
    }
    for (v, key) in [
        (
            &r.non_integer_winning_threshold,
            "nonIntegerWinningThreshold",
        ),
        (
            &r.does_first_round_determine_threshold,
            "doesFirstRoundDetermineThreshold",
        ),
        (&r.hare_quota, "hareQuota"),
    ] {
        if flag(v, &format!("rules.{key}"))? {
            return Err(fail(
                format!("rules.{key}"),
                "true is not supported yet: tally's threshold is a majority of the round's continuing votes",
            ));
        }
    }
    let one_of = |names: &[&str]| {
        let (last, rest) = names.split_last().expect("a list");
        format!("{} and {last}", rest.join(", "))
    };
    let overvote_names: Vec<&str> = OvervoteRule::ALL.iter().map(|o| o.as_rctab()).collect();
    let overvote = match text(&r.overvote_rule) {
        Some(name) if OvervoteRule::from_rctab(&name).is_some() => {
            OvervoteRule::from_rctab(&name).expect("just checked")
        }
        other => {
            return Err(fail(
                "rules.overvoteRule",
                format!(
                    "{}: the rule is one of {}",
                    other.map_or("missing".to_string(), |o| format!("`{}`", clean(&o))),
                    one_of(&overvote_names)
                ),
            ));
        }
    };
    let modes: Vec<&str> = TiebreakMode::ALL.iter().map(|t| t.as_rctab()).collect();
    let tiebreak = match text(&r.tiebreak_mode) {
        Some(name) if TiebreakMode::from_rctab(&name).is_some() => {
            TiebreakMode::from_rctab(&name).expect("just checked")
        }
        Some(m) if m == "stopCountingAndAsk" || m == "previousRoundCountsThenAsk" => {
            return Err(fail(
                "rules.tiebreakMode",
                format!(
                    "`{m}` asks a person to break each tie: tally counts without asking; choose {}",
                    one_of(&modes).replacen(" and ", " or ", 1)
                ),
            ));
        }
        other => {
            return Err(fail(
                "rules.tiebreakMode",
                format!(
                    "{}: the mode is one of {}",
                    other.map_or("missing".to_string(), |o| format!("`{}`", clean(&o))),
                    one_of(&modes)
                ),
            ));
        }
    };
    let random_seed = match text(&r.random_seed) {
        None => None,
        Some(t) => Some(t.parse::<i64>().map_err(|_| {
            fail(
                "rules.randomSeed",
                format!("`{}` is not a whole number", clean(&t)),
            )
        })?),
    };
    if random_seed.is_none() && tiebreak.needs_seed() {
        return Err(fail(
            "rules.randomSeed",
            "a tie-break that draws needs a seed, so that the count can be repeated",
        ));
    }
    let max_skipped = match text(&r.max_skipped_ranks_allowed).as_deref() {
        Some("unlimited") => None,
        _ => Some(
            small(
                number(&r.max_skipped_ranks_allowed, "rules.maxSkippedRanksAllowed")?,
                "rules.maxSkippedRanksAllowed",
            )?
            .ok_or_else(|| {
                fail(
                    "rules.maxSkippedRanksAllowed",
                    "missing: a number, or unlimited",
                )
            })?,
        ),
    };
    let max_rankings = match text(&r.max_rankings_allowed).as_deref() {
        Some("max") | None => None,
        _ => small(
            number(&r.max_rankings_allowed, "rules.maxRankingsAllowed")?,
            "rules.maxRankingsAllowed",
        )?,
    };
    if max_rankings == Some(0) {
        return Err(fail(
            "rules.maxRankingsAllowed",
            "0 rankings: a ballot needs at least one",
        ));
    }
    let minimum = number(&r.minimum_vote_threshold, "rules.minimumVoteThreshold")?.unwrap_or(0);
    let minimum_vote_threshold = Votes::checked_whole(minimum).ok_or_else(|| {
        fail(
            "rules.minimumVoteThreshold",
            format!("{minimum} is more votes than tally can hold"),
        )
    })?;
    let stop_after_round = small(
        number(
            &r.stop_tabulation_early_after_round,
            "rules.stopTabulationEarlyAfterRound",
        )?,
        "rules.stopTabulationEarlyAfterRound",
    )?;
    if stop_after_round == Some(0) {
        return Err(fail(
            "rules.stopTabulationEarlyAfterRound",
            "0: the count has at least one round",
        ));
    }
    Ok(RcvRules {
        overvote,
        max_skipped,
        max_rankings,
        exhaust_on_duplicate: flag(
            &r.exhaust_on_duplicate_candidate,
            "rules.exhaustOnDuplicateCandidate",
        )?,
        batch_elimination: flag(&r.batch_elimination, "rules.batchElimination")?,
        continue_until_two: flag(
            &r.continue_until_two_candidates_remain,
            "rules.continueUntilTwoCandidatesRemain",
        )?,
        tiebreak,
        random_seed,
        minimum_vote_threshold,
        stop_after_round,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A configuration as RCTab 2 writes one, with `rules` and a source changed by `edit`.
    fn config(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v = serde_json::json!({
            "tabulatorVersion": "2.0.0",
            "outputSettings": {
                "contestName": "Test Mayor",
                "contestDate": "2023-11-07",
                "contestJurisdiction": "Somewhere",
                "contestOffice": "Mayor"
            },
            "cvrFileSources": [{
                "filePath": "cvr.xlsx",
                "contestId": "",
                "firstVoteColumnIndex": "2",
                "firstVoteRowIndex": "2",
                "idColumnIndex": "",
                "precinctColumnIndex": "1",
                "overvoteDelimiter": "",
                "provider": "ess",
                "overvoteLabel": "overvote",
                "skippedRankLabel": "undervote",
                "undeclaredWriteInLabel": "UWI",
                "treatBlankAsUndeclaredWriteIn": false
            }],
            "candidates": [
                {"name": "Ann", "excluded": false, "aliases": ["A1"]},
                {"name": "Bob", "excluded": true, "aliases": []},
                {"name": "Cy", "code": "C9"}
            ],
            "rules": {
                "tiebreakMode": "random",
                "overvoteRule": "exhaustImmediately",
                "winnerElectionMode": "singleWinnerMajority",
                "randomSeed": "0",
                "numberOfWinners": "1",
                "decimalPlacesForVoteArithmetic": "4",
                "minimumVoteThreshold": "0",
                "maxSkippedRanksAllowed": "1",
                "maxRankingsAllowed": "3",
                "nonIntegerWinningThreshold": false,
                "doesFirstRoundDetermineThreshold": false,
                "hareQuota": false,
                "batchElimination": true,
                "continueUntilTwoCandidatesRemain": false,
                "stopTabulationEarlyAfterRound": "",
                "exhaustOnDuplicateCandidate": false,
                "rulesDescription": "Maine Rules"
            }
        });
        edit(&mut v);
        v.to_string()
    }

    fn read_in(dir: &Path, text: &str) -> Result<Config, Fail> {
        let path = dir.join("x_config.json");
        read(&path, text.as_bytes())
    }

    fn error(text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let e = read_in(dir.path(), text).unwrap_err();
        e[0].render("c.json")
    }

    #[test]
    fn a_configuration_gives_its_sources_candidates_and_rules() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cvr.xlsx"), b"PK").unwrap();
        let c = read_in(dir.path(), &config(|_| {})).unwrap();
        assert_eq!(c.contest_name.as_deref(), Some("Test Mayor"));
        assert_eq!(c.date, chrono::NaiveDate::from_ymd_opt(2023, 11, 7));
        assert_eq!(c.rules_description.as_deref(), Some("Maine Rules"));
        let s = &c.sources[0];
        assert_eq!(s.provider, Provider::Ess);
        assert_eq!(s.path, dir.path().join("cvr.xlsx"));
        assert_eq!((s.first_vote_column, s.first_vote_row), (Some(2), Some(2)));
        assert_eq!(s.max_rankings, Some(3));
        assert_eq!(s.labels.write_in.as_deref(), Some("UWI"));
        assert_eq!(s.labels.skipped.as_deref(), Some("undervote"));
        assert_eq!(s.labels.overvote_delimiter, None);
        assert_eq!(c.names.names, ["Ann", "Bob", "Cy"]);
        assert_eq!(c.names.get("A1"), Some(0));
        assert_eq!(c.names.get("C9"), Some(2));
        assert_eq!(c.names.excluded, [1]);
        assert!(!c.names.open);
        let r = &c.rules;
        assert_eq!(r.overvote, OvervoteRule::ExhaustImmediately);
        assert_eq!((r.max_skipped, r.max_rankings), (Some(1), Some(3)));
        assert!(r.batch_elimination && !r.continue_until_two && !r.exhaust_on_duplicate);
        assert_eq!((r.tiebreak, r.random_seed), (TiebreakMode::Random, Some(0)));
        assert_eq!(r.stop_after_round, None);
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn unlimited_and_max_are_no_limit() {
        let dir = tempfile::tempdir().unwrap();
        let c = read_in(
            dir.path(),
            &config(|v| {
                v["rules"]["maxSkippedRanksAllowed"] = "unlimited".into();
                v["rules"]["maxRankingsAllowed"] = "max".into();
                v["rules"]["stopTabulationEarlyAfterRound"] = 4.into();
            }),
        )
        .unwrap();
        assert_eq!((c.rules.max_skipped, c.rules.max_rankings), (None, None));
        assert_eq!(c.rules.stop_after_round, Some(4));
    }

    #[test]
    fn what_tally_cannot_count_is_refused_naming_the_setting() {
        assert_eq!(
            error(&config(|v| v["rules"]["numberOfWinners"] = "3".into())),
            "c.json: rules.numberOfWinners: 3 seats: single transferable vote is not supported yet"
        );
        assert!(
            error(&config(
                |v| v["rules"]["tiebreakMode"] = "stopCountingAndAsk".into()
            ))
            .starts_with("c.json: rules.tiebreakMode: `stopCountingAndAsk` asks a person")
        );
        assert!(
            error(&config(|v| v["rules"]["overvoteRule"] = "sometimes".into()))
                .starts_with("c.json: rules.overvoteRule: `sometimes`: the rule is one of")
        );
        assert_eq!(
            error(&config(|v| v["rules"]["randomSeed"] = "".into())),
            "c.json: rules.randomSeed: a tie-break that draws needs a seed, so that the count can be repeated"
        );
        assert_eq!(
            error(&config(
                |v| v["cvrFileSources"][0]["provider"] = "hart".into()
            )),
            "c.json: cvrFileSources[0].provider: `hart` is not a provider tally reads (it reads cdf, dominion, ess, csv and genericCsv)"
        );
        assert_eq!(
            error(&config(|v| v["candidates"][2]["name"] = "Ann".into())),
            "c.json: candidates[2].name: `Ann` is listed twice"
        );
        assert!(
            error(&config(
                |v| v["rules"]["maxSkippedRanksAllowed"] = "a few".into()
            ))
            .starts_with("c.json: rules.maxSkippedRanksAllowed: `a few` is not a whole number")
        );
        let e = error("{\"cvrFileSources\": []");
        assert!(e.contains("EOF") || e.contains("end"), "{e}");
    }

    #[test]
    fn a_file_moved_beside_the_configuration_or_saved_as_a_link_is_found_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cvr.xlsx"), b"PK").unwrap();
        let c = read_in(
            dir.path(),
            &config(|v| v["cvrFileSources"][0]["filePath"] = "../elsewhere/cvr.xlsx".into()),
        )
        .unwrap();
        assert_eq!(c.sources[0].path, dir.path().join("cvr.xlsx"));
        assert!(
            c.warnings[0].message.contains("does not exist"),
            "{:?}",
            c.warnings
        );
        std::fs::write(dir.path().join("cvr_1.xlsx"), b"cvr.xlsx").unwrap();
        let c = read_in(
            dir.path(),
            &config(|v| v["cvrFileSources"][0]["filePath"] = "cvr_1.xlsx".into()),
        )
        .unwrap();
        assert_eq!(c.sources[0].path, dir.path().join("cvr.xlsx"));
        assert!(
            c.warnings[0].message.contains("symbolic link"),
            "{:?}",
            c.warnings
        );
    }
}
