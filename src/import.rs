//! The one door data comes in by: whatever a user names (an embedded contest's id, or a
//! file in a format tally reads, recognised by its content) becomes counted contests, for
//! every command and the viewer alike.
//!
//! One module per format: [`dataset`] (tally's own JSON), [`ballots_text`] (a class's
//! ballots, one per line, comma, semicolon or tab separated: [`delimited`]) and [`forms`]
//! (Google and Microsoft Forms exports, read by the same door as ballots); the London
//! elections are compiled in ([`embedded`]). Other tabulators' published counts are read by
//! [`rctab`] (RCTab's results JSON, the Universal Tabulator JSON) and [`opavote`]. Files are
//! opened through `files`: regular files only, without blocking, within a limit. A ballots file named where a contest is expected
//! (`tally rounds votes.csv`, the viewer) is counted under [`BALLOTS_SYSTEM`].

pub mod ballots_text;
pub mod blt;
pub mod cvr;
pub mod dataset;
pub mod delimited;
pub mod embedded;
pub mod forms;
pub mod opavote;
pub mod rctab;
pub mod rctab_config;
pub mod recognise;
pub mod recount;

use std::fmt;
use std::path::Path;

use crate::count::Counted;
use crate::count::ballots::{About, Rules, prepare};
use crate::files;
use crate::model::Diagnostic;
use crate::model::VotingSystem;

pub use recount::RuleOptions;

pub use embedded::{DEFAULT, load_all};

/// Why a contest could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// Neither an embedded contest nor a file that exists.
    NotFound {
        name: String,
        suggestion: Option<&'static str>,
    },
    /// The file could not be read: not a regular file, too large, unreadable.
    File(crate::files::FileError),
    /// A format tally recognises but cannot open as a contest here.
    Unsupported {
        file: String,
        format: recognise::Format,
    },
    /// A ballots file that cannot be counted: the message names the file and line.
    Ballots(String),
    /// Counting rules given for something that is not ballots (an embedded contest, a
    /// dataset, another tabulator's published count): a usage error.
    RulesNotApplicable { name: String },
    /// The data has problems.
    Invalid {
        file: String,
        diagnostics: Vec<Diagnostic>,
    },
}

impl OpenError {
    /// Exit status: 2 for a name that is neither a contest nor a file (bad usage), 1 for
    /// data that cannot be read or is wrong.
    pub fn exit_code(&self) -> i32 {
        match self {
            OpenError::NotFound { .. } | OpenError::RulesNotApplicable { .. } => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NotFound { name, suggestion } => {
                let name = crate::text::clean(name);
                write!(
                    f,
                    "no contest `{name}`: it is not an embedded contest and no such file exists"
                )?;
                match suggestion {
                    Some(s) => write!(f, " (did you mean `{s}`?)"),
                    None => write!(f, " (`tally list` shows the embedded contests)"),
                }
            }
            OpenError::File(e) => write!(f, "{e}"),
            OpenError::RulesNotApplicable { name } => write!(
                f,
                "{}: the counting rules (--overvote, --max-skipped, …) are for ballots (cast vote records, BLT and ballots files); this is counted as its data says",
                crate::text::clean(name)
            ),
            OpenError::Ballots(m) => f.write_str(m),
            OpenError::Unsupported {
                file,
                format: format @ recognise::Format::UnknownJson { .. },
            } => write!(
                f,
                "{}: this is {}: {}",
                crate::text::clean(file),
                format.describe(),
                format.advice()
            ),
            OpenError::Unsupported { file, format } => write!(
                f,
                "{}: this is {}: {}; tally opens datasets (docs/dataset-format.md), ballots files (docs/ballots.md), other tabulators' published results and cast vote records (docs/formats.md) as contests",
                crate::text::clean(file),
                format.describe(),
                format.advice()
            ),
            OpenError::Invalid { file, diagnostics } => {
                let lines: Vec<String> = diagnostics.iter().map(|d| d.render(file)).collect();
                f.write_str(&lines.join("\n"))
            }
        }
    }
}

impl std::error::Error for OpenError {}

/// Contests to open as the viewer would: an embedded id opens among all the embedded
/// contests, at its place (so `[`, `]` and the Elections view have the others); a file opens
/// alone. Returns the contests and the index of the named one.
pub fn open(name: &str) -> Result<(Vec<Counted>, usize), OpenError> {
    open_with(name, &OpenOptions::default())
}

/// [`open`], a file of ballots counted as `options` say.
pub fn open_with(name: &str, options: &OpenOptions) -> Result<(Vec<Counted>, usize), OpenError> {
    match embedded::ALL.iter().position(|e| e.id == name) {
        Some(_) if options.rules.any() => Err(OpenError::RulesNotApplicable {
            name: name.to_string(),
        }),
        Some(index) => Ok((load_all()?, index)),
        None => Ok((vec![resolve_with(name, options)?], 0)),
    }
}

/// Contests named on the command line, or every embedded one when none is named.
pub fn all(names: &[String]) -> Result<Vec<Counted>, OpenError> {
    all_with(names, &OpenOptions::default())
}

/// [`all`], files of ballots counted as `options` say.
pub fn all_with(names: &[String], options: &OpenOptions) -> Result<Vec<Counted>, OpenError> {
    match names {
        [] => load_all(),
        _ => names.iter().map(|n| resolve_with(n, options)).collect(),
    }
}

/// Contests for the viewer: the ones named, opening at the first; when none is named, the
/// embedded ones, opening at [`DEFAULT`]. Files of ballots are counted as `options` say.
pub fn open_all(
    names: &[String],
    options: &OpenOptions,
) -> Result<(Vec<Counted>, usize), OpenError> {
    match names {
        [] => open(DEFAULT),
        _ => Ok((all_with(names, options)?, 0)),
    }
}

/// One contest named on the command line: an embedded id, or a file (ballots counted under
/// [`BALLOTS_SYSTEM`]).
pub fn resolve(name: &str) -> Result<Counted, OpenError> {
    resolve_as(name, BALLOTS_SYSTEM)
}

/// One contest named on the command line, a ballots file or Forms export counted under
/// `system` (as `tally present votes.csv --system irv` asks); an embedded id or a dataset
/// opens as it is.
pub fn resolve_as(name: &str, system: VotingSystem) -> Result<Counted, OpenError> {
    resolve_with(
        name,
        &OpenOptions {
            system,
            rules: RuleOptions::default(),
        },
    )
}

/// How a file that holds ballots rather than results is counted: the system for a class's
/// ballots file, and the counting rules given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOptions {
    pub system: VotingSystem,
    pub rules: RuleOptions,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            system: BALLOTS_SYSTEM,
            rules: RuleOptions::default(),
        }
    }
}

/// One contest named on the command line, counted as `options` say when it holds ballots.
pub fn resolve_with(name: &str, options: &OpenOptions) -> Result<Counted, OpenError> {
    if let Some(e) = embedded::get(name) {
        if options.rules.any() {
            return Err(OpenError::RulesNotApplicable {
                name: name.to_string(),
            });
        }
        return e.load();
    }
    let path = Path::new(name);
    if path.exists() {
        return from_path(path, options);
    }
    let suggestion = crate::text::closest(name, embedded::ALL.iter().map(|e| e.id));
    Err(OpenError::NotFound {
        name: name.to_string(),
        suggestion,
    })
}

/// How much of a file is looked at to recognise it.
const RECOGNISE: usize = 64 * 1024;

/// A file or folder, recognised by its content: cast vote records (an RCTab configuration,
/// a CDF or RCTab CSV file, an ES&S spreadsheet, a Dominion export folder) are read as
/// streams, whatever their size; everything else is a document read whole within
/// [`files::DOCUMENT_LIMIT`].
pub fn from_path(path: &Path, options: &OpenOptions) -> Result<Counted, OpenError> {
    use recognise::{Format, Tabulator};
    if path.is_dir() {
        return recount::bare(path, cvr::Provider::Dominion, &options.rules);
    }
    let start = files::read_start(path, RECOGNISE).map_err(OpenError::File)?;
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&start);
    let bare = |provider| recount::bare(path, provider, &options.rules);
    match recognise::recognise(start) {
        Format::Tabulator(Tabulator::RctabConfig) => {
            let bytes = files::read_document(path, CONFIG_LIMIT, "RCTab configuration")
                .map_err(OpenError::File)?;
            recount::config(path, &bytes, &options.rules)
        }
        Format::Tabulator(Tabulator::NistCdf) => bare(cvr::Provider::Cdf),
        // One file of a Dominion export: the export is its folder.
        Format::Tabulator(Tabulator::Dominion) => recount::bare(
            path.parent().unwrap_or(Path::new(".")),
            cvr::Provider::Dominion,
            &options.rules,
        ),
        Format::Zip => bare(cvr::Provider::Ess),
        Format::Blt { seats, .. } => recount::blt(path, seats, &options.rules),
        Format::CastVoteRecords { .. } if has_rank_columns(start) => bare(cvr::Provider::RctabCsv),
        // A class's ballots are read line by line: a file of millions is never held whole
        // (nor limited to [`files::DOCUMENT_LIMIT`]).
        Format::BallotsText | Format::Forms(_) => {
            let read = ballots_text::read_file(path).map_err(OpenError::Ballots)?;
            ballots_as(&path.display().to_string(), read, options)
        }
        _ if options.rules.any() => Err(OpenError::RulesNotApplicable {
            name: path.display().to_string(),
        }),
        _ => {
            let file = path.display().to_string();
            let bytes = files::read_document(path, files::DOCUMENT_LIMIT, "dataset")
                .map_err(OpenError::File)?;
            from_bytes_with(&file, &bytes, options)
        }
    }
}

/// A file, recognised by its content, as `tally check` opens it: ballots counted as they
/// would be without options.
pub fn from_file(path: &Path) -> Result<Counted, OpenError> {
    from_path(path, &OpenOptions::default())
}

/// The largest RCTab configuration read: a few kilobytes in practice.
const CONFIG_LIMIT: u64 = 16 * 1024 * 1024;

/// Whether a cast vote record CSV's header has RCTab's `Rank 1` column.
fn has_rank_columns(start: &[u8]) -> bool {
    let text = String::from_utf8_lossy(start);
    let header = text.lines().next().unwrap_or_default();
    delimited::split(header, ',')
        .iter()
        .any(|c| c.trim().eq_ignore_ascii_case("rank 1"))
}

/// The system a ballots file is counted under when it is opened as a contest without one
/// being asked for: the Supplementary Vote, as the London elections tally shows.
/// `tally ballots FILE --system` chooses.
pub const BALLOTS_SYSTEM: VotingSystem = VotingSystem::SupplementaryVote;

/// A file's bytes, named `file` in messages, in whichever format its content is. Ballots
/// (a class's file or a Forms export) are counted under [`BALLOTS_SYSTEM`], titled after
/// the file and dated today.
pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Counted, OpenError> {
    from_bytes_as(file, bytes, BALLOTS_SYSTEM)
}

/// [`from_bytes`], ballots counted under `system`.
pub fn from_bytes_as(file: &str, bytes: &[u8], system: VotingSystem) -> Result<Counted, OpenError> {
    from_bytes_with(
        file,
        bytes,
        &OpenOptions {
            system,
            rules: RuleOptions::default(),
        },
    )
}

/// [`from_bytes`], ballots counted as `options` say.
pub fn from_bytes_with(
    file: &str,
    bytes: &[u8],
    options: &OpenOptions,
) -> Result<Counted, OpenError> {
    // A byte order mark (Windows editors and some publishers write one) is no part of the
    // document: every reader sees the text after it, and line 1's columns count from there,
    // as an editor shows them.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &bytes[..bytes.len().min(64 * 1024)];
    match recognise::recognise(start) {
        recognise::Format::Dataset => {
            dataset::from_bytes(bytes).map_err(|diagnostics| OpenError::Invalid {
                file: file.to_string(),
                diagnostics,
            })
        }
        recognise::Format::BallotsText | recognise::Format::Forms(_) => {
            let read = ballots_text::read(bytes).map_err(|e| OpenError::Ballots(e.render(file)))?;
            ballots_as(file, read, options)
        }
        recognise::Format::Tabulator(recognise::Tabulator::OpaVote) => {
            opavote::from_bytes(file, bytes).map_err(|diagnostics| OpenError::Invalid {
                file: file.to_string(),
                diagnostics,
            })
        }
        // Another tabulator's JSON: a document cut short says so first (it may still be
        // being written); then the published count, or what it is and that tally does not
        // read it yet.
        format @ recognise::Format::Tabulator(_) => {
            match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
                Err(e) if e.is_eof() || e.is_syntax() => Err(OpenError::Invalid {
                    file: file.to_string(),
                    diagnostics: vec![dataset::parse::from_json_error(&e, None)],
                }),
                _ => match format {
                    recognise::Format::Tabulator(
                        recognise::Tabulator::RctabDetailed { .. }
                        | recognise::Tabulator::RctabSummary,
                    ) => rctab::from_bytes(file, bytes).map_err(|diagnostics| OpenError::Invalid {
                        file: file.to_string(),
                        diagnostics,
                    }),
                    format => Err(OpenError::Unsupported {
                        file: file.to_string(),
                        format,
                    }),
                },
            }
        }
        format => Err(OpenError::Unsupported {
            file: file.to_string(),
            format,
        }),
    }
}

/// Ballots (a class's file or a Forms export) counted under `system`, or the message naming
/// the file and line.
pub fn ballots(
    file: &str,
    bytes: &[u8],
    system: VotingSystem,
    about: &About,
) -> Result<Counted, OpenError> {
    let read = ballots_text::read(bytes).map_err(|e| OpenError::Ballots(e.render(file)))?;
    count_ballots(file, &read, system, about)
}

/// Ballots read from `file` (a class's file or a Forms export), counted as `options` say:
/// under RCTab's rules when any is given, else under the system by the class format's
/// rules; titled after the file and dated today.
fn ballots_as(
    file: &str,
    read: crate::model::ballots::Ballots,
    options: &OpenOptions,
) -> Result<Counted, OpenError> {
    if options.rules.any() {
        return recount::ballots(file, read, &options.rules);
    }
    let about = About::file(Path::new(file), None, None);
    count_ballots(file, &read, options.system, &about)
}

/// Ballots read from `file`, counted under `system` by the class format's rules.
fn count_ballots(
    file: &str,
    read: &crate::model::ballots::Ballots,
    system: VotingSystem,
    about: &About,
) -> Result<Counted, OpenError> {
    prepare(read, &Rules::CLASS)
        .count(system, about)
        .map_err(|message| {
            OpenError::Ballots(format!(
                "{}: {}",
                crate::text::clean(file),
                crate::text::clean(&message)
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ballots_file_is_counted_as_the_options_say_and_rules_elsewhere_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.csv");
        std::fs::write(&path, "Ann, Bob\nBob\nAnn\nCy, Bob\n").unwrap();
        let plain = from_path(&path, &OpenOptions::default()).unwrap();
        assert_eq!(
            plain.contest.method.system(),
            VotingSystem::SupplementaryVote
        );
        let rules = OpenOptions {
            rules: RuleOptions {
                batch_elimination: true,
                ..RuleOptions::default()
            },
            ..OpenOptions::default()
        };
        let counted = from_path(&path, &rules).unwrap();
        assert!(matches!(
            &counted.contest.method,
            crate::model::Method::Published(p) if p.tabulation.is_some()
        ));
        let e = resolve_with("london-2004", &rules).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
    }

    #[test]
    fn open_places_an_embedded_contest_among_the_others_and_a_file_alone() {
        let (all, index) = open("london-2012").unwrap();
        assert_eq!(
            (all.len(), all[index].contest.id.as_str()),
            (embedded::ALL.len(), "london-2012")
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copy.json");
        std::fs::write(&path, embedded::get("london-2008").unwrap().json).unwrap();
        let (one, index) = open(&path.display().to_string()).unwrap();
        assert_eq!((one.len(), index), (1, 0));
    }

    #[test]
    fn unknown_names_suggest_an_embedded_id() {
        match resolve("london-2005") {
            Err(OpenError::NotFound { suggestion, .. }) => assert!(suggestion.is_some()),
            other => panic!("{other:?}"),
        }
    }

    /// A byte order mark before a results file or a dataset is read through, and a fault
    /// after one is placed where it is without the mark.
    #[test]
    fn a_byte_order_mark_is_read_through_with_places_unchanged() {
        const BOM: &[u8] = b"\xEF\xBB\xBF";
        let ut: &[u8] = include_bytes!("../tests/data/published/council-ut-two-seats.json");
        let dataset = embedded::get("london-2008").unwrap().json.as_bytes();
        for doc in [ut, dataset] {
            let plain = from_bytes("a.json", doc).unwrap();
            let marked = from_bytes("a.json", &[BOM, doc].concat()).unwrap();
            assert_eq!(marked.count.rounds, plain.count.rounds);
            assert_eq!(marked.contest.candidates, plain.contest.candidates);
        }
        // A fault: the same message, line and column with or without the mark.
        let text = std::str::from_utf8(ut).unwrap();
        let broken = text.replacen("\"Harvey\" : \"40\"", "\"Harvey\" : \"forty\"", 1);
        let broken = broken.as_bytes();
        let plain = from_bytes("a.json", broken).unwrap_err().to_string();
        let marked = from_bytes("a.json", &[BOM, broken].concat())
            .unwrap_err()
            .to_string();
        assert_eq!(marked, plain);
        assert!(plain.contains("forty"), "{plain}");
        // A document cut short, told on line 2 as without the mark.
        let cut = &ut[..ut.iter().position(|&b| b == b'}').unwrap()];
        let plain = from_bytes("a.json", cut).unwrap_err().to_string();
        let marked = from_bytes("a.json", &[BOM, cut].concat())
            .unwrap_err()
            .to_string();
        assert_eq!(marked, plain);
        assert!(plain.contains("a.json:2:"), "{plain}");
    }
}
