//! The command line: parse the arguments ([`args`]), hand each command to the library, and
//! turn how it ended into output and an exit status, from a type: [`Failure`] (1 for data
//! that cannot be used, 2 for bad usage) or the viewer's `app::Exit` (0, or 128 + a
//! signal's number). `run` takes two writers, so it is tested without a process.

pub mod args;

use std::ffi::OsString;
use std::io::{self, Write};

use clap::Parser;

use crate::app::{self, App, Options};
use crate::count::ballots::{About, Tallied, tally_file};
use crate::import::{self, OpenError};
use crate::story::narrate;
use crate::text::{clean, path as shown};
use crate::{export, headless, live, report, screenshots, tui};
use args::{BallotsArgs, Cli, Command, PresentArgs, RenderArgs, ReplayArgs, RuleFlags};

/// Why a command did not do what was asked, and so its exit status.
#[derive(Debug)]
pub enum Failure {
    /// The command line asks for something that cannot be (exit status 2).
    Usage(String),
    /// A file or its data cannot be used (exit status 1).
    Data(String),
    /// The terminal failed under the viewer (exit status 1).
    Terminal(io::Error),
}

impl Failure {
    pub fn code(&self) -> i32 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Data(_) | Failure::Terminal(_) => 1,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Usage(m) | Failure::Data(m) => f.write_str(m),
            Failure::Terminal(e) => write!(f, "the terminal failed: {e}"),
        }
    }
}

impl From<OpenError> for Failure {
    fn from(e: OpenError) -> Self {
        match e {
            OpenError::NotFound { .. } | OpenError::RulesNotApplicable { .. } => {
                Failure::Usage(e.to_string())
            }
            e => Failure::Data(e.to_string()),
        }
    }
}

/// What a command produced: text for standard output (and whether it reports a failure,
/// as `check` does for a bad file), or the viewer's ending.
enum Done {
    Print(String, bool),
    Viewed(app::Exit),
}

type Outcome = Result<Done, Failure>;

/// Text for standard output.
fn text(t: String) -> Outcome {
    Ok(Done::Print(t, false))
}

/// Run the command line. Returns the process exit status.
pub fn run<I, T>(argv: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            let to: &mut dyn Write = if e.exit_code() == 0 { out } else { err };
            let _ = to.write_all(e.render().to_string().as_bytes());
            return e.exit_code();
        }
    };
    match dispatch(cli, out, err) {
        Ok(Done::Print(text, failed)) => {
            // A closed pipe (`tally | head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            i32::from(failed)
        }
        Ok(Done::Viewed(exit)) => exit.code(),
        Err(failure) => {
            let _ = writeln!(err, "tally: {failure}");
            failure.code()
        }
    }
}

fn dispatch(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    use Command as C;
    let opening = |rules: &RuleFlags| import::OpenOptions {
        system: import::BALLOTS_SYSTEM,
        rules: rules.options(),
    };
    match cli.command {
        None => match cli.follow {
            Some(file) => watch(
                &file,
                cli.against.as_deref(),
                cli.viewer.options(),
                out,
                err,
            ),
            None if interactive() => {
                let (contests, index) = import::open_all(&cli.contests, &opening(&cli.rules))?;
                viewed(tui::run(App::new(contests, index, cli.viewer.options())))
            }
            None if cli.contests.is_empty() => {
                text(narrate::report(&import::resolve(import::DEFAULT)?))
            }
            None => text(narrate::reports(&import::all_with(
                &cli.contests,
                &opening(&cli.rules),
            )?)),
        },
        Some(C::List { format }) => text(report::list::list(&import::load_all()?, format)),
        Some(C::Check { files }) => {
            let (report, bad) = report::check::check(&files);
            Ok(Done::Print(report, bad > 0))
        }
        Some(C::Rounds {
            contest,
            format,
            output,
            rules,
        }) => written(
            report::rounds(&import::resolve_with(&contest, &opening(&rules))?, format),
            output.as_deref(),
        ),
        Some(C::Compare {
            contests,
            format,
            rules,
        }) => {
            let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
            text(report::compare::compare(
                &import::all_with(&contests, &opening(&rules))?,
                format,
                terminal,
            ))
        }
        Some(C::Narrate { contest, rules }) => text(narrate::report(&import::resolve_with(
            &contest,
            &opening(&rules),
        )?)),
        Some(C::Render(a)) => {
            let o = opening(&a.rules);
            render(a, &o)
        }
        Some(C::Screenshots { dir }) => {
            let written = screenshots::write_all(&dir).map_err(Failure::Data)?;
            text(written.join("\n") + "\n")
        }
        Some(C::Present(a)) => {
            let o = opening(&a.rules);
            present(a, &o)
        }
        Some(C::Ballots(a)) => ballots(a, err),
        Some(C::Watch {
            file,
            against,
            viewer,
        }) => watch(&file, against.as_deref(), viewer.options(), out, err),
        Some(C::Replay(a)) => replay(a, out),
    }
}

/// A report for standard output, or written to `output` in one step (nothing printed).
fn written(report: String, output: Option<&std::path::Path>) -> Outcome {
    match output {
        Some(path) => crate::files::write_atomic(path, report.as_bytes())
            .map_err(|e| Failure::Data(e.to_string()))
            .and_then(|()| text(String::new())),
        None => text(report),
    }
}

/// The viewer needs a terminal on both ends; otherwise bare `tally` prints text.
fn interactive() -> bool {
    use std::io::IsTerminal;
    io::stdout().is_terminal() && io::stdin().is_terminal()
}

/// A command that needs a terminal, without one: bad usage, saying what to do instead.
fn needs_terminal(command: &str, instead: String) -> Outcome {
    Err(Failure::Usage(format!(
        "{command} needs a terminal; {instead}"
    )))
}

/// How the viewer ended, or the terminal's failure.
fn viewed(result: io::Result<app::Exit>) -> Outcome {
    result.map(Done::Viewed).map_err(Failure::Terminal)
}

/// `tally present CONTEST`: the viewer in presenter mode, among the embedded contests when
/// CONTEST is one of them. A class's ballots file is counted first, with `--system`. The
/// file is read before the terminal is asked for, so that a bad file is told either way.
fn present(a: PresentArgs, opening: &import::OpenOptions) -> Outcome {
    let (contests, index) = to_present(&a, opening)?;
    if !interactive() {
        let instead = match a.system {
            Some(_) => format!(
                "`tally ballots {} --system … --format text` tells the count as text",
                clean(&a.contest)
            ),
            None => format!(
                "`tally narrate {}` tells the count as text",
                clean(&a.contest)
            ),
        };
        return needs_terminal("present", instead);
    }
    let app = App::new(contests, index, a.viewer.options()).presenting();
    viewed(tui::run(app))
}

/// What `tally present` shows: an embedded contest or a dataset as it is, or a ballots file
/// (recognised by its content, not its name) counted under `--system` (by default the
/// Supplementary Vote, as every other command counts one).
fn to_present(
    a: &PresentArgs,
    opening: &import::OpenOptions,
) -> Result<(Vec<crate::count::Counted>, usize), Failure> {
    use crate::import::recognise::{Format, recognise};
    let path = std::path::Path::new(&a.contest);
    let refuse_system = || match a.system {
        Some(_) => Err(Failure::Usage(format!(
            "--system is for a class's ballots file; {} is counted as its data says",
            clean(&a.contest)
        ))),
        None => Ok(()),
    };
    if import::embedded::get(&a.contest).is_some() || !path.is_file() {
        refuse_system()?;
        return Ok(import::open_with(&a.contest, opening)?);
    }
    let start = crate::files::read_start(path, 64 * 1024).map_err(OpenError::File)?;
    match recognise(&start) {
        Format::BallotsText | Format::Forms(_) if !opening.rules.any() => {
            let bytes = crate::files::read_document(path, crate::files::DOCUMENT_LIMIT, "contest")
                .map_err(OpenError::File)?;
            let file = path.display().to_string();
            // As every command counts a ballots file: the Supplementary Vote unless
            // `--system` says otherwise. The header names the system on every slide.
            let system = a.system.unwrap_or(import::BALLOTS_SYSTEM);
            let about = About::file(path, a.title.clone(), a.date);
            Ok((vec![import::ballots(&file, &bytes, system, &about)?], 0))
        }
        _ => {
            refuse_system()?;
            Ok((vec![import::from_path(path, opening)?], 0))
        }
    }
}

/// `tally render`: one screen, drawn by the viewer's own code, as txt, ansi or svg.
fn render(a: RenderArgs, opening: &import::OpenOptions) -> Outcome {
    let (contests, index) = import::open_with(&a.contest, opening)?;
    let format = (a.format).unwrap_or_else(|| export::Format::for_file(a.output.as_deref()));
    let shot = headless::Shot {
        view: a.view,
        step: a.step,
        size: a.size,
        theme: Options::from_env(a.look.theme, false).theme,
        present: a.present.map(|p| usize::from(p) - 1),
    };
    let drawn = headless::draw(contests, index, shot, format)
        .map_err(|m| Failure::Usage(format!("{}: {m}", clean(&a.contest))))?;
    match a.output {
        Some(path) => crate::files::write_atomic(&path, drawn.as_bytes())
            .map_err(|e| Failure::Data(e.to_string()))
            .and_then(|()| text(String::new())),
        None => text(drawn),
    }
}

/// `tally watch FILE [--against CONTEST]`: the viewer, following the file; without a
/// terminal, a line per change on standard output until the result is final (exit 0). A
/// closed output ends it quietly; Ctrl-C and SIGTERM end it with their default action (no
/// handler is installed when there is no terminal to restore).
fn watch(
    file: &std::path::Path,
    against: Option<&str>,
    options: Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let baseline = against.map(import::resolve).transpose()?;
    // `tally watch london-2016` means a built-in contest, not a file still to be written.
    let named = file.to_string_lossy();
    if !file.exists() && import::embedded::get(&named).is_some() {
        return Err(Failure::Usage(format!(
            "{} is a built-in contest, not a results file: to watch its night, use `tally replay {}`",
            clean(&named),
            clean(&named)
        )));
    }
    if !interactive() {
        let name = file
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string());
        return live::log::follow(file.to_path_buf(), &name, baseline.as_ref(), out, err)
            .map_err(|e| Failure::Data(format!("watch {}: {e}", shown(file))))
            .and_then(|_| text(String::new()));
    }
    viewed(live::watch(file, baseline, options))
}

/// `tally replay CONTEST`: the night again, live or into a file.
fn replay(a: ReplayArgs, out: &mut dyn Write) -> Outcome {
    let (l, speed) = (import::resolve(&a.contest)?, a.speed);
    let stages = live::replay::stages(&l.contest).map_err(Failure::Usage)?;
    let baseline = a.against.as_deref().map(import::resolve).transpose()?;
    match a.to {
        Some(path) => live::replay::write_all(&stages, speed, &path, out)
            .map_err(Failure::Data)
            .and_then(|()| text(String::new())),
        None if !interactive() => {
            needs_terminal("replay", "use --to FILE to write it instead".into())
        }
        None => {
            let source = format!("replay of {} at {speed}×", l.contest.id);
            viewed(live::replay::show(
                stages,
                speed,
                source,
                baseline,
                a.viewer.options(),
            ))
        }
    }
}

/// `tally ballots FILE` with counting rules: an instant runoff under RCTab's rules.
fn ballots_by_rules(a: BallotsArgs, rules: &import::RuleOptions) -> Outcome {
    use crate::model::VotingSystem;
    if a.compare || a.system.is_some_and(|s| s != VotingSystem::InstantRunoff) {
        return Err(Failure::Usage(
            "the counting rules (--overvote, --max-skipped, …) are RCTab's rules for an instant runoff: use them with --system irv"
                .into(),
        ));
    }
    let file = a.file.display().to_string();
    let read = import::ballots_text::read_file(&a.file).map_err(OpenError::Ballots)?;
    let mut l = import::recount::ballots(&file, read, rules)?;
    if let Some(title) = a.title {
        l.contest.title = title;
    }
    if a.date.is_some() {
        l.contest.date = a.date;
    }
    match a.format {
        None if interactive() => viewed(tui::run(App::new(vec![l], 0, a.viewer.options()))),
        format => text(report::rounds(
            &l,
            format.unwrap_or(report::RoundsFormat::Text),
        )),
    }
}

/// `tally ballots FILE`: count a ballots file, then show it (viewer, rounds, or comparison).
fn ballots(a: BallotsArgs, err: &mut dyn Write) -> Outcome {
    let rules = a.rules.options();
    if rules.any() {
        return ballots_by_rules(a, &rules);
    }
    let systems = match a.system {
        Some(s) if !a.compare => vec![s],
        _ => crate::model::VotingSystem::ALL.to_vec(),
    };
    let about = About::file(&a.file, a.title, a.date);
    let Tallied {
        prepared,
        mut counted,
    } = tally_file(&a.file, &systems, &about).map_err(Failure::Data)?;
    for r in &prepared.rejected {
        let file = clean(&about.source);
        let _ = writeln!(err, "{file}:{}: rejected: {}", r.line, clean(&r.reason));
    }
    if a.compare {
        use report::RoundsFormat as F;
        return text(match a.format {
            None | Some(F::Text) => {
                report::systems::compare(&counted, &report::systems::Read::of(&prepared))
            }
            Some(F::Json) => report::systems::compare_json(&counted, &prepared),
            Some(F::Csv) => report::systems::compare_csv(&counted),
            Some(F::Rctab) => {
                return Err(Failure::Usage(
                    "--format rctab writes one count: choose it with --system instead of --compare"
                        .into(),
                ));
            }
        });
    }
    let l = counted.remove(0);
    match a.format {
        None if interactive() => viewed(tui::run(App::new(vec![l], 0, a.viewer.options()))),
        format => text(report::rounds(
            &l,
            format.unwrap_or(report::RoundsFormat::Text),
        )),
    }
}
