//! The command line: argument definitions (clap derive) and dispatch to the reports.
//!
//! `run` takes the arguments and two writers and returns the exit status, so the whole
//! command line can be tested without spawning a process: 0 success, 1 bad data, 2 bad
//! usage (unknown flag, unknown contest); the viewer, ended by a signal, 128 + its number.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::count::Counted;
use crate::import::OpenError;
use crate::report;

const AFTER_HELP: &str = "\
Examples:
  tally                          the viewer, opening on London 2004 (text when piped)
  tally list                     the embedded contests
  tally rounds london-2016       another contest (or a dataset file)
  tally rounds --format json     the count as JSON for scripts
  tally compare                  turnout and shares across 2000-2024
  tally narrate london-2012      the count told in plain sentences
  tally render --step 1.5 -o f.svg   a frame half-way through the transfer, as an image
  tally check my-contest.json    validate a dataset file

Data format: docs/dataset-format.md";

/// Election counts in the terminal: first preferences, transfers round by round, and how
/// results compare across elections.
#[derive(Debug, Parser)]
#[command(name = "tally", version, about, args_conflicts_with_subcommands = true, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Contests to open: embedded ids (london-2004) or dataset files [default: every
    /// embedded contest, opening at london-2004]
    #[arg(value_name = "CONTEST")]
    pub contests: Vec<String>,
    /// Colours of the viewer [default: dark; mono when NO_COLOR is set]
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Show each step at once, without animation (also TALLY_REDUCED_MOTION=1)
    #[arg(long)]
    pub no_animation: bool,
    /// Follow a results file as it is rewritten (the same as `tally watch FILE`)
    #[arg(long, value_name = "FILE", conflicts_with = "contests")]
    pub follow: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Dark,
    Light,
    Mono,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the embedded contests: id, title, date, system and winner
    List,
    /// Validate dataset files, one line per problem as `file: json.path: message`
    #[command(
        after_help = "Exit status: 0 when every file is valid (warnings allowed), 1 otherwise."
    )]
    Check {
        /// Dataset files (JSON)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Show the count round by round: votes, shares, transfers, exhausted ballots, winner
    Rounds {
        /// An embedded contest id or a dataset file
        #[arg(value_name = "CONTEST", default_value = crate::import::DEFAULT)]
        contest: String,
        /// Output format (json: see docs/rounds-json.md)
        #[arg(short, long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Compare turnout, winner, margin and party shares across contests
    Compare {
        /// Embedded contest ids or dataset files [default: every embedded contest]
        #[arg(value_name = "CONTEST")]
        contests: Vec<String>,
    },
    /// Tell the whole count in plain sentences, step by step (for screen readers and scripts)
    Narrate {
        /// An embedded contest id or a dataset file
        #[arg(value_name = "CONTEST", default_value = crate::import::DEFAULT)]
        contest: String,
    },
    /// Draw the viewer's screen without a terminal: as text, ANSI colours or an SVG image
    #[command(after_help = "\
Steps: 0 is nothing counted, 1 the first count, 2 the second round, ...; a fraction is part way
through the animation (1.5 is half-way through the transfer), so frames can be made into an
animation. An embedded CONTEST is drawn among all the embedded contests, as the viewer shows it.

Examples:
  tally render london-2004 --view count --step last --format txt
  tally render london-2016 --view areas --size 120x36 -o areas.svg
  for s in 1 1.25 1.5 1.75 2; do tally render --step $s -o frame-$s.svg; done")]
    Render(RenderArgs),
    /// Follow a results file live: reloads on every change, keeps the last good version on screen
    #[command(after_help = "\
The file is a dataset (docs/dataset-format.md) that is rewritten as results come in: areas
without first_preferences are still to declare; status is provisional or final. Write it to a
temporary file and rename it into place; tally also copes with writers that do not.
Try it: `tally replay london-2016 --to /tmp/night.json` in one terminal and
`tally watch /tmp/night.json` in another. See docs/live-feed.md.")]
    Watch {
        /// The results file (it may not exist yet)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Colours [default: dark; mono when NO_COLOR is set]
        #[arg(long, value_enum)]
        theme: Option<ThemeArg>,
        /// Show each step at once, without animation
        #[arg(long)]
        no_animation: bool,
    },
    /// Replay an election night from a contest with areas: live, or written to a file
    #[command(after_help = "\
Declarations come in order of their declaration times, or in dataset order one a minute
when the dataset has none; the final declaration (with the second round) follows a minute
after the last area. --speed 60 makes a minute a second.

Examples:
  tally replay london-2016                       watch the night in the live view
  tally replay london-2024 --speed 60
  tally replay london-2016 --to /tmp/night.json  then: tally watch /tmp/night.json")]
    Replay {
        /// An embedded contest id or a dataset file, with every area declared
        #[arg(value_name = "CONTEST")]
        contest: String,
        /// How many times faster than real time
        #[arg(long, default_value_t = 10.0, value_parser = parse_speed)]
        speed: f64,
        /// Write each version to FILE instead of showing it, replacing the file each time in
        /// one step (a reader never sees part of a version)
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
        /// Colours [default: dark; mono when NO_COLOR is set]
        #[arg(long, value_enum)]
        theme: Option<ThemeArg>,
        /// Show each step at once, without animation
        #[arg(long)]
        no_animation: bool,
    },
    /// Presenter mode for a classroom projector: big text, one idea per key press
    #[command(after_help = "\
Keys: → or Enter next, ← back, a reveal all first preferences at once, n hide numbers until
the next key (students guess first), e explain the systems with this contest, [ ] other
contests, P leave presenter mode for the normal viewer, q quit.")]
    Present {
        /// An embedded contest id or a dataset file
        #[arg(value_name = "CONTEST", default_value = crate::import::DEFAULT)]
        contest: String,
        /// Colours [default: dark; mono when NO_COLOR is set]
        #[arg(long, value_enum)]
        theme: Option<ThemeArg>,
    },
    /// Count a class's own ballots (CSV or text, one ballot per line) and show the count
    #[command(after_help = "\
The file: one ballot per line, choices in order of preference by candidate name, separated by
commas (or >). Optional: a `candidates: A, B, C` line, a header `choice1,choice2,...`, a leading
count for repeated ballots (`12, Alice, Bob`), blank lines and # comments. SV uses the first two
choices, IRV all of them, FPTP the first. Ballots with an unknown name, a repeated choice or no
choice are rejected, and reported by line. See docs/ballots.md.

Examples:
  tally ballots assets/examples/class-vote.csv --system irv
  tally ballots assets/examples/three-winners.csv --compare")]
    Ballots {
        /// The ballots file
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// How to count them
        #[arg(long, value_enum, required_unless_present = "compare")]
        system: Option<SystemArg>,
        /// Count them under all three systems and show the winners side by side
        #[arg(long, conflicts_with = "system")]
        compare: bool,
        /// The contest's title [default: from the file name]
        #[arg(long)]
        title: Option<String>,
        /// The date of the vote, YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
        /// Print the rounds instead of opening the viewer (json: see docs/rounds-json.md)
        #[arg(short, long, value_enum)]
        format: Option<Format>,
        /// Colours [default: dark; mono when NO_COLOR is set]
        #[arg(long, value_enum)]
        theme: Option<ThemeArg>,
        /// Show each step at once, without animation
        #[arg(long)]
        no_animation: bool,
    },
    /// Regenerate the README's screenshots (SVG) from the product itself
    Screenshots {
        /// The folder to write them to; files of the same names are replaced
        #[arg(value_name = "DIR", default_value = "screenshots")]
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SystemArg {
    /// Supplementary Vote: first and second choices
    Sv,
    /// Instant runoff: every choice, one elimination per round
    Irv,
    /// First past the post: first choices only
    Fptp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    Count,
    Shares,
    Elections,
    Areas,
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Txt,
    Ansi,
    Svg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// Run the command line. Returns the process exit status.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = e.exit_code();
            let text = e.render().to_string();
            let _ = if code == 0 {
                out.write_all(text.as_bytes())
            } else {
                err.write_all(text.as_bytes())
            };
            return code;
        }
    };
    let result = match cli.command {
        None if cli.follow.is_some() => {
            let file = cli.follow.clone().unwrap_or_default();
            return watch(&file, viewer_options_from(cli.theme, cli.no_animation), err);
        }
        None if interactive() => return view(&cli, err),
        None => show(&cli.contests),
        Some(Command::List) => {
            crate::import::load_all().map(|all| Output::ok(report::list::list(&all)))
        }
        Some(Command::Check { files }) => Ok(check(&files)),
        Some(Command::Rounds { contest, format }) => crate::import::resolve(&contest).map(|l| {
            Output::ok(match format {
                Format::Text => report::text::rounds(&l),
                Format::Json => report::json::rounds(&l),
                Format::Csv => report::csv::rounds(&l),
            })
        }),
        Some(Command::Compare { contests }) => {
            resolve_all(&contests).map(|all| Output::ok(report::compare::compare(&all)))
        }
        Some(Command::Narrate { contest }) => {
            crate::import::resolve(&contest).map(|l| Output::ok(crate::story::narrate::report(&l)))
        }
        Some(Command::Render(args)) => return render(args, out, err),
        Some(Command::Screenshots { dir }) => return screenshots(&dir, out, err),
        Some(Command::Present { contest, theme }) => {
            return present(&contest, viewer_options_from(theme, true), err);
        }
        Some(Command::Ballots {
            file,
            system,
            compare,
            title,
            date,
            format,
            theme,
            no_animation,
        }) => {
            let args = BallotArgs {
                file,
                system,
                compare,
                title,
                date: date.unwrap_or_else(|| chrono::Local::now().date_naive()),
                format,
                options: viewer_options_from(theme, no_animation),
            };
            return ballots(args, out, err);
        }
        Some(Command::Watch {
            file,
            theme,
            no_animation,
        }) => {
            return watch(&file, viewer_options_from(theme, no_animation), err);
        }
        Some(Command::Replay {
            contest,
            speed,
            to,
            theme,
            no_animation,
        }) => {
            return replay(
                &contest,
                speed,
                to.as_deref(),
                viewer_options_from(theme, no_animation),
                out,
                err,
            );
        }
    };
    match result {
        Ok(output) => {
            // A closed pipe (`tally | head`) is not an error worth reporting.
            let _ = out.write_all(output.text.as_bytes());
            let _ = out.flush();
            output.code
        }
        Err(e) => {
            let _ = writeln!(err, "tally: {e}");
            e.exit_code()
        }
    }
}

struct Output {
    text: String,
    code: i32,
}

impl Output {
    fn ok(text: String) -> Self {
        Output { text, code: 0 }
    }
}

/// The viewer needs a terminal on both ends; otherwise bare `tally` prints text.
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// True when an environment variable is set to something other than "" or "0".
fn env_flag(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Viewer options from the flags and the environment.
pub fn viewer_options(cli: &Cli) -> crate::app::Options {
    viewer_options_from(cli.theme, cli.no_animation)
}

fn viewer_options_from(theme: Option<ThemeArg>, no_animation: bool) -> crate::app::Options {
    use crate::app::Theme;
    let theme = match theme {
        Some(ThemeArg::Dark) => Theme::Dark,
        Some(ThemeArg::Light) => Theme::Light,
        Some(ThemeArg::Mono) => Theme::Mono,
        // NO_COLOR: any non-empty value means no colour (no-color.org).
        None if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => Theme::Mono,
        None => Theme::Dark,
    };
    crate::app::Options {
        animate: !no_animation && !env_flag("TALLY_REDUCED_MOTION"),
        theme,
        ..Default::default()
    }
}

/// Bare `tally` in a terminal: the interactive viewer.
fn view(cli: &Cli, err: &mut dyn Write) -> i32 {
    let (contests, start) = if cli.contests.is_empty() {
        match crate::import::open(crate::import::DEFAULT) {
            Ok(found) => found,
            Err(e) => {
                let _ = writeln!(err, "tally: {e}");
                return e.exit_code();
            }
        }
    } else {
        match resolve_all(&cli.contests) {
            Ok(all) => (all, 0),
            Err(e) => {
                let _ = writeln!(err, "tally: {e}");
                return e.exit_code();
            }
        }
    };
    let app = crate::app::App::new(contests, start, viewer_options(cli));
    finish(crate::tui::run(app), err)
}

/// Named contests, or every embedded one when none is named.
fn resolve_all(names: &[String]) -> Result<Vec<Counted>, OpenError> {
    if names.is_empty() {
        crate::import::load_all()
    } else {
        names.iter().map(|n| crate::import::resolve(n)).collect()
    }
}

/// Bare `tally [CONTEST...]` without a terminal: each contest told as text (`narrate`).
fn show(names: &[String]) -> Result<Output, OpenError> {
    let names = if names.is_empty() {
        vec![crate::import::DEFAULT.to_string()]
    } else {
        names.to_vec()
    };
    let loaded: Vec<Counted> = names
        .iter()
        .map(|n| crate::import::resolve(n))
        .collect::<Result<_, _>>()?;
    let parts: Vec<String> = loaded.iter().map(crate::story::narrate::report).collect();
    Ok(Output::ok(parts.join(&format!("\n{}\n\n", "─".repeat(72)))))
}

/// The arguments of `tally render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// An embedded contest id or a dataset file
    #[arg(value_name = "CONTEST", default_value = crate::import::DEFAULT)]
    pub contest: String,
    /// Which view to draw
    #[arg(long, value_enum, default_value_t = ViewArg::Count)]
    pub view: ViewArg,
    /// The step to draw: a number (fractions are mid-animation) or `last`
    #[arg(long, default_value = "last")]
    pub step: crate::headless::Step,
    /// The terminal size to draw, WIDTHxHEIGHT
    #[arg(long, default_value = "120x40")]
    pub size: crate::headless::Size,
    /// Colours [default: dark; mono when NO_COLOR is set]
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Output format [default: from the -o file's extension (.svg, .ansi), else txt]
    #[arg(long, value_enum)]
    pub format: Option<RenderFormat>,
    /// Write to this file instead of standard output; an existing file is replaced (in one
    /// step: a reader sees the old file or the new one, never part of one)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Draw presenter mode at this step of the lesson (1 = who stood), e.g. for slides
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub present: Option<u16>,
}

/// `tally render`: one screen, drawn by the viewer's own code, as txt, ansi or svg.
fn render(a: RenderArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    use crate::app::{Theme, View};
    let (contests, index) = match crate::import::open(&a.contest) {
        Ok(found) => found,
        Err(e) => return fail(err, &e),
    };
    let theme = match a.theme {
        Some(ThemeArg::Dark) => Theme::Dark,
        Some(ThemeArg::Light) => Theme::Light,
        Some(ThemeArg::Mono) => Theme::Mono,
        None if env_flag("NO_COLOR") => Theme::Mono,
        None => Theme::Dark,
    };
    let view = match a.view {
        ViewArg::Count => View::Count,
        ViewArg::Shares => View::Shares,
        ViewArg::Elections => View::Elections,
        ViewArg::Areas => View::Areas,
        ViewArg::Help => View::Help,
    };
    let format = a.format.unwrap_or(
        match a
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
        {
            Some("svg") => RenderFormat::Svg,
            Some("ansi") => RenderFormat::Ansi,
            _ => RenderFormat::Txt,
        },
    );
    let shot = crate::headless::Shot {
        view,
        step: a.step,
        size: a.size,
        theme,
        present: a.present.map(|p| usize::from(p) - 1),
    };
    let buf = match crate::headless::render(contests, index, shot) {
        Ok(buf) => buf,
        Err(message) => {
            let _ = writeln!(err, "tally: {}: {message}", crate::text::clean(&a.contest));
            return 2;
        }
    };
    let text = match format {
        RenderFormat::Txt => crate::export::txt(&buf),
        RenderFormat::Ansi => crate::export::ansi::ansi(&buf),
        RenderFormat::Svg => crate::export::svg::svg(&buf, theme),
    };
    write_output(a.output.as_deref(), &text, out, err)
}

/// Write to a file (replacing it atomically), or to standard output when there is none.
fn write_output(
    path: Option<&std::path::Path>,
    text: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    match path {
        Some(p) => match crate::files::write_atomic(p, text.as_bytes()) {
            Ok(()) => 0,
            Err(e) => {
                let _ = writeln!(err, "tally: {e}");
                1
            }
        },
        None => {
            let _ = out.write_all(text.as_bytes());
            0
        }
    }
}

fn fail(err: &mut dyn Write, e: &OpenError) -> i32 {
    let _ = writeln!(err, "tally: {e}");
    e.exit_code()
}

/// `tally screenshots`: every screenshot in `screenshots::SET`, written to `dir`.
fn screenshots(dir: &std::path::Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if let Err(e) = std::fs::create_dir_all(dir) {
        let _ = writeln!(err, "tally: cannot create {}: {e}", crate::text::path(dir));
        return 1;
    }
    for s in crate::screenshots::SET {
        let svg = match crate::screenshots::draw(s) {
            Ok(svg) => svg,
            Err(e) => {
                let _ = writeln!(err, "tally: {}: {e}", s.file);
                return 1;
            }
        };
        let path = dir.join(s.file);
        let code = write_output(Some(&path), &svg, out, err);
        if code != 0 {
            return code;
        }
        let _ = writeln!(out, "wrote {} ({})", crate::text::path(&path), s.what);
    }
    0
}

fn parse_speed(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 1_000_000.0 => Ok(v),
        _ => Err(format!(
            "`{s}` is not a speed: give a number above 0, e.g. 60"
        )),
    }
}

/// `tally watch FILE`: the viewer, following the file.
fn watch(file: &std::path::Path, options: crate::app::Options, err: &mut dyn Write) -> i32 {
    if !interactive() {
        let _ = writeln!(
            err,
            "tally: watch needs a terminal; to read the file once, use `tally rounds {}`",
            crate::text::path(file)
        );
        return 2;
    }
    let name = file
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string());
    let app = crate::app::App::live(name, options);
    let path = file.to_path_buf();
    let result = crate::tui::run_with(app, move |tx| {
        crate::live::loader::spawn(path, move |feed| {
            tx.send(crate::app::Msg::Feed(Box::new(feed))).is_ok()
        });
    });
    finish(result, err)
}

/// The viewer's end as the process's exit status: 0 after a quit, 128 + n after signal n,
/// 1 when the terminal failed.
fn finish(result: std::io::Result<crate::app::Exit>, err: &mut dyn Write) -> i32 {
    match result {
        Ok(exit) => exit.code(),
        Err(e) => {
            let _ = writeln!(err, "tally: the terminal failed: {e}");
            1
        }
    }
}

/// `tally replay CONTEST`: the night again, live or into a file.
fn replay(
    contest: &str,
    speed: f64,
    to: Option<&std::path::Path>,
    options: crate::app::Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let loaded = match crate::import::resolve(contest) {
        Ok(l) => l,
        Err(e) => return fail(err, &e),
    };
    let stages = match crate::live::replay::stages(&loaded.contest) {
        Ok(s) => s,
        Err(message) => {
            let _ = writeln!(err, "tally: {message}");
            return 2;
        }
    };
    match to {
        Some(path) => crate::live::replay::write_all(&stages, speed, path, out, err),
        None => {
            if !interactive() {
                let _ = writeln!(
                    err,
                    "tally: replay needs a terminal to show the night; use --to FILE to write it instead"
                );
                return 2;
            }
            let app = crate::app::App::live(
                format!("replay of {} at {speed}×", loaded.contest.id),
                options,
            );
            let result = crate::tui::run_with(app, move |tx| {
                crate::live::replay::spawn(stages, speed, move |feed| {
                    tx.send(crate::app::Msg::Feed(Box::new(feed))).is_ok()
                });
            });
            finish(result, err)
        }
    }
}

/// `tally check`: every problem in every file, then a summary; 1 if any file has errors.
fn check(files: &[PathBuf]) -> Output {
    let mut text = String::new();
    let mut bad = 0;
    for path in files {
        let file = path.display().to_string();
        match crate::import::from_file(path) {
            Ok(l) => {
                for w in &l.warnings {
                    text.push_str(&w.render(&file));
                    text.push('\n');
                }
                text.push_str(&format!(
                    "{}: ok ({}, {} candidates, {} round{})\n",
                    crate::text::clean(&file),
                    crate::text::clean(&l.contest.id),
                    l.contest.candidates.len(),
                    l.count.rounds.len(),
                    if l.count.rounds.len() == 1 { "" } else { "s" }
                ));
            }
            Err(e) => {
                bad += 1;
                text.push_str(&e.to_string());
                text.push('\n');
            }
        }
    }
    Output {
        text,
        code: if bad > 0 { 1 } else { 0 },
    }
}

struct BallotArgs {
    file: PathBuf,
    system: Option<SystemArg>,
    compare: bool,
    title: Option<String>,
    date: chrono::NaiveDate,
    format: Option<Format>,
    options: crate::app::Options,
}

/// `tally ballots FILE`: count a ballots file, then show it (viewer, rounds, or comparison).
fn ballots(a: BallotArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    use crate::count::ballots::{About, Rules, prepare};
    use crate::model::VotingSystem as S;
    use crate::text::clean;
    let file = a.file.display().to_string();
    let ballots = match crate::import::ballots_text::read_file(&a.file) {
        Ok(b) => b,
        Err(message) => {
            let _ = writeln!(err, "tally: {message}");
            return 1;
        }
    };
    let prepared = prepare(&ballots, &Rules::CLASS);
    for r in &prepared.rejected {
        let _ = writeln!(
            err,
            "{}:{}: rejected: {}",
            clean(&file),
            r.line,
            clean(&r.reason)
        );
    }
    let stem = a
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ballots".into());
    let about = About {
        title: a.title.clone().unwrap_or(stem),
        source: file.clone(),
        date: a.date,
    };
    let systems: Vec<S> = if a.compare {
        vec![S::FirstPastThePost, S::SupplementaryVote, S::InstantRunoff]
    } else {
        vec![match a.system {
            Some(SystemArg::Sv) => S::SupplementaryVote,
            Some(SystemArg::Irv) => S::InstantRunoff,
            Some(SystemArg::Fptp) | None => S::FirstPastThePost,
        }]
    };
    let mut counted = Vec::new();
    for system in systems {
        match prepared.count(system, &about) {
            Ok(c) => counted.push(c),
            Err(message) => {
                let _ = writeln!(err, "tally: {}: {}", clean(&file), clean(&message));
                return 1;
            }
        }
    }
    if a.compare {
        let (valid, rejected) = (prepared.valid(), prepared.rejected_total());
        let _ = out.write_all(report::systems::compare(&counted, valid, rejected).as_bytes());
        return 0;
    }
    let l = counted.remove(0);
    match a.format {
        None if interactive() => {
            let app = crate::app::App::new(vec![l], 0, a.options);
            finish(crate::tui::run(app), err)
        }
        format => {
            let text = match format.unwrap_or(Format::Text) {
                Format::Text => report::text::rounds(&l),
                Format::Json => report::json::rounds(&l),
                Format::Csv => report::csv::rounds(&l),
            };
            let _ = out.write_all(text.as_bytes());
            0
        }
    }
}

/// `tally present CONTEST`: the viewer in presenter mode, among the embedded contests when
/// CONTEST is one of them.
fn present(contest: &str, options: crate::app::Options, err: &mut dyn Write) -> i32 {
    if !interactive() {
        let _ = writeln!(
            err,
            "tally: present needs a terminal; `tally narrate {}` tells the count as text",
            crate::text::clean(contest)
        );
        return 2;
    }
    let (contests, index) = match crate::import::open(contest) {
        Ok(found) => found,
        Err(e) => return fail(err, &e),
    };
    let mut app = crate::app::App::new(contests, index, options);
    app.start_presenting();
    finish(crate::tui::run(app), err)
}
