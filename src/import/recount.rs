//! Counting a contest from its ballots under RCTab's rules: an RCTab configuration, a bare
//! cast vote record file, or a class's ballots file with rule options, opened as a contest.
//!
//! Each source is read in turn (`import::cvr`), the records counted (`count::rcv`), and the
//! contest built around the count: the candidates, round 1 as first preferences, the files
//! read with their ballots, and the rules, so every output can say how it was counted. The
//! rules come from the configuration, or RCTab's defaults for a bare file, and the
//! command-line options (`--overvote`, `--max-skipped`, …) override either.

use std::collections::HashSet;
use std::path::Path;

use super::OpenError;
use super::cvr::{self, Labels, Names, Provider, Sink, Source};
use super::rctab_config;
use crate::count::Counted;
use crate::count::ballots::{candidates_named, id_for};
use crate::model::cvr::CastVoteRecords;
use crate::model::rules::{OvervoteRule, RcvRules, TiebreakMode};
use crate::model::{Contest, Diagnostic, Method, VoteMap, Votes};
use crate::text::clean;

/// The counting rules given on the command line, each overriding the configuration's (or
/// the default) when set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleOptions {
    pub overvote: Option<OvervoteRule>,
    /// `Some(None)`: unlimited.
    pub max_skipped: Option<Option<u32>>,
    /// `Some(None)`: every rank.
    pub max_rankings: Option<Option<u32>>,
    pub exhaust_on_duplicate: bool,
    pub batch_elimination: bool,
    pub continue_until_two: bool,
    pub tiebreak: Option<TiebreakMode>,
    pub random_seed: Option<i64>,
    pub minimum_votes: Option<Votes>,
    pub stop_after_round: Option<u32>,
    /// The label (or Dominion candidate id) of the undeclared write-in in a bare file.
    pub write_in: Option<String>,
    /// The contest to read from a file holding several (CDF name or id, Dominion id).
    pub contest: Option<String>,
}

impl RuleOptions {
    /// Whether any rule is given: then a class's ballots file is counted under RCTab's
    /// rules rather than tally's class format.
    pub fn any(&self) -> bool {
        *self != RuleOptions::default()
    }

    /// `rules` with these options over them.
    pub fn apply(&self, mut rules: RcvRules) -> RcvRules {
        if let Some(o) = self.overvote {
            rules.overvote = o;
        }
        if let Some(m) = self.max_skipped {
            rules.max_skipped = m;
        }
        if let Some(m) = self.max_rankings {
            rules.max_rankings = m;
        }
        rules.exhaust_on_duplicate |= self.exhaust_on_duplicate;
        rules.batch_elimination |= self.batch_elimination;
        rules.continue_until_two |= self.continue_until_two;
        if let Some(t) = self.tiebreak {
            rules.tiebreak = t;
        }
        if let Some(s) = self.random_seed {
            rules.random_seed = Some(s);
        }
        if let Some(m) = self.minimum_votes {
            rules.minimum_vote_threshold = m;
        }
        if let Some(r) = self.stop_after_round {
            rules.stop_after_round = Some(r);
        }
        rules
    }
}

/// What a count from ballots is called, where it is, and when.
#[derive(Debug, Clone)]
struct About {
    title: String,
    area: String,
    date: Option<chrono::NaiveDate>,
    /// The configuration read, for the reports.
    config: Option<String>,
    /// "Maine Rules".
    rules_description: Option<String>,
    /// The write-in label the files were read with.
    write_in: Option<String>,
    /// Why excluded candidates are out: "excluded by the configuration".
    excluded_by: &'static str,
}

/// An RCTab contest configuration at `path` (its `bytes`), counted.
pub fn config(path: &Path, bytes: &[u8], options: &RuleOptions) -> Result<Counted, OpenError> {
    let file = path.display().to_string();
    let invalid = |diagnostics| OpenError::Invalid {
        file: file.clone(),
        diagnostics,
    };
    let c = rctab_config::read(path, bytes).map_err(invalid)?;
    let rules = options.apply(c.rules.clone());
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().trim_end_matches("_config").to_string());
    let about = About {
        title: c
            .contest_name
            .clone()
            .or_else(|| c.office.clone())
            .or(stem)
            .unwrap_or_else(|| "Cast vote records".into()),
        area: c.jurisdiction.clone().unwrap_or_default(),
        date: c.date,
        config: Some(file.clone()),
        rules_description: c.rules_description.clone(),
        write_in: c.sources.iter().find_map(|s| s.labels.write_in.clone()),
        excluded_by: "is excluded by the configuration",
    };
    let mut sources = c.sources.clone();
    for s in &mut sources {
        s.max_rankings = rules.max_rankings;
        if let (Some(contest), None) = (&options.contest, &s.contest_id) {
            s.contest_id = Some(contest.clone());
        }
    }
    let mut names = c.names.clone();
    // RCTab stands the undeclared write-in whenever a source names its label, with votes or
    // none (Portland 2015's report lists it at 0 and eliminates it in round 1's batch).
    if sources.iter().any(|s| s.labels.write_in.is_some()) {
        names.write_in();
    }
    let records = read_all(&sources, names, Some(&file))?;
    count(records, &rules, &about, c.warnings)
}

/// A bare cast vote record file (or Dominion folder) with no configuration: candidates as
/// the file names them, the provider's usual labels, RCTab's default rules and `options`.
pub fn bare(path: &Path, provider: Provider, options: &RuleOptions) -> Result<Counted, OpenError> {
    let rules = options.apply(RcvRules::default());
    let name = path.display().to_string();
    let labels = match provider {
        // RCTab writes its CSV with these words, and ES&S its spreadsheets.
        Provider::RctabCsv => Labels {
            overvote_delimiter: Some("\n".into()),
            overvote: Some("overvote".into()),
            skipped: Some("undervote".into()),
            ..Labels::default()
        },
        Provider::Ess => Labels {
            overvote: Some("overvote".into()),
            skipped: Some("undervote".into()),
            ..Labels::default()
        },
        _ => Labels::default(),
    };
    let source = Source {
        contest_id: options.contest.clone(),
        max_rankings: rules.max_rankings,
        labels: Labels {
            write_in: options.write_in.clone(),
            ..labels
        },
        ..Source::bare(path, &name, provider)
    };
    let about = About {
        title: file_title(path),
        area: String::new(),
        date: None,
        config: None,
        rules_description: None,
        write_in: options.write_in.clone(),
        excluded_by: "is excluded",
    };
    let records = read_all(&[source], Names::open(), None)?;
    count(records, &rules, &about, Vec::new())
}

/// A class's ballots file, as read, counted under RCTab's rules, as the options ask:
/// the same ballots the class format reads, each irregular one read by the rules instead of
/// rejected. A ballot the file cannot give at all (a name nobody stands as) refuses the
/// count, naming its line.
pub fn ballots(
    file: &str,
    ballots: crate::model::ballots::Ballots,
    options: &RuleOptions,
) -> Result<Counted, OpenError> {
    let rules = options.apply(RcvRules::default());
    if let Some(r) = ballots.rejected.first() {
        return Err(OpenError::Ballots(format!(
            "{}:{}: {}",
            clean(file),
            r.line,
            clean(&r.reason)
        )));
    }
    let total = ballots.total();
    let records = CastVoteRecords {
        ballots,
        write_in: None,
        excluded: Vec::new(),
        files: vec![crate::model::cvr::FileRead {
            file: file.to_string(),
            ballots: total,
        }],
    };
    let about = About {
        title: file_title(Path::new(file)),
        area: String::new(),
        date: None,
        config: None,
        rules_description: None,
        write_in: None,
        excluded_by: "is excluded",
    };
    count(records, &rules, &about, Vec::new())
}

/// A BLT ballot file of one seat, counted by instant runoff under RCTab's rules (RCTab's
/// defaults and the options); several seats are refused before any ballot is read.
pub fn blt(path: &Path, seats: u32, options: &RuleOptions) -> Result<Counted, OpenError> {
    let file = path.display().to_string();
    if seats != 1 {
        return Err(OpenError::Ballots(format!(
            "{}: {seats} seats: single transferable vote is not supported yet (tally counts a BLT file of one seat, by instant runoff)",
            clean(&file)
        )));
    }
    let read = super::blt::read(path).map_err(OpenError::Ballots)?;
    let rules = options.apply(RcvRules::default());
    let about = About {
        title: read.title.clone().unwrap_or_else(|| file_title(path)),
        area: String::new(),
        date: None,
        config: None,
        rules_description: None,
        write_in: None,
        excluded_by: "is withdrawn in the file",
    };
    count(read.records, &rules, &about, Vec::new())
}

/// A title from a file's name: `2015_portland_mayor_cvr.xlsx` → `2015_portland_mayor_cvr`.
fn file_title(path: &Path) -> String {
    path.file_stem()
        .or(path.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Cast vote records".into())
}

/// Every source read in turn into one set of records. A record that cannot be read is
/// refused with its file and place, after the configuration's entry that names the file
/// when there is one (`config.json: cvrFileSources[1]: cvr_2.json: CVR[3]...: ...`).
fn read_all(
    sources: &[Source],
    mut names: Names,
    config: Option<&str>,
) -> Result<CastVoteRecords, OpenError> {
    let mut sink = Sink::new();
    if let Some(label) = config.or(sources.first().map(|s| s.name.as_str())) {
        sink.show_progress(label);
    }
    for (k, source) in sources.iter().enumerate() {
        cvr::read_source(source, &mut names, &mut sink).map_err(|message| {
            OpenError::Ballots(match config {
                Some(c) => format!("{}: cvrFileSources[{k}]: {message}", clean(c)),
                None => message,
            })
        })?;
    }
    Ok(sink.finish(names))
}

/// Count the records and build the contest around the count.
fn count(
    records: CastVoteRecords,
    rules: &RcvRules,
    about: &About,
    warnings: Vec<Diagnostic>,
) -> Result<Counted, OpenError> {
    let where_ = about
        .config
        .clone()
        .or_else(|| records.files.first().map(|f| f.file.clone()))
        .unwrap_or_default();
    let mut published = crate::count::rcv::tabulate(&records, rules)
        .map_err(|m| OpenError::Ballots(format!("{}: {}", clean(&where_), clean(&m))))?;
    if let Some(t) = published.tabulation.as_mut() {
        t.config = about.config.clone();
        t.description = about.rules_description.clone();
        t.write_in = about.write_in.clone();
    }
    let candidates = candidates_named(records.ballots.candidates.iter().map(String::as_str));
    let first: VoteMap = match published.rounds.first() {
        Some(r) => candidates
            .iter()
            .zip(&r.tally)
            .map(|(c, v)| (c.id.clone(), v.unwrap_or(Votes::ZERO)))
            .collect(),
        None => VoteMap::default(),
    };
    let valid = first.total();
    // How it was counted (the files, the ballots, the rules) is the tabulation's, which
    // every output words (`story::rules`); the notes keep what else the reader knows.
    let notes: Vec<String> = records
        .excluded
        .iter()
        .map(|&i| {
            format!(
                "{} {}.",
                clean(&records.ballots.candidates[i]),
                about.excluded_by
            )
        })
        .collect();
    let sources = records
        .files
        .iter()
        .enumerate()
        .map(|(k, f)| crate::model::Source {
            id: format!("cvr-{}", k + 1),
            title: clean(&f.file).into_owned(),
            publisher: None,
            date: None,
            url: None,
        })
        .collect();
    let contest = Contest {
        id: id_for(&about.title, &mut HashSet::new()),
        title: about.title.clone(),
        area: about.area.clone(),
        date: about.date,
        method: Method::Published(Box::new(published)),
        seats: 1,
        status: None,
        candidates,
        electorate: None,
        ballot_papers: None,
        valid_votes: valid,
        rejected: None,
        rejected_reasons: None,
        turnout: None,
        first_preferences: Some(first),
        second_choices: None,
        tie_break_order: None,
        areas: None,
        declaration_times: None,
        sources,
        notes,
    };
    Counted::new(contest, warnings).map_err(|diagnostics| OpenError::Invalid {
        file: where_,
        diagnostics,
    })
}
