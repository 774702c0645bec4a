//! The command line's arguments, as clap derives them: every subcommand and flag, and
//! nothing else. The viewer's flags are declared once ([`ViewerFlags`]) and flattened into
//! each command that opens the viewer. The longer help texts, shown after a command's
//! `--help`, are prose kept in `docs/help/` and compiled in.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::app::{Options, Theme, View};
use crate::model::VotingSystem;
use crate::{export, headless, import, report};

/// Election counts in the terminal: first preferences, transfers round by round, and how
/// results compare across elections.
#[derive(Debug, Parser)]
#[command(name = "tally", version, about, args_conflicts_with_subcommands = true, after_help = include_str!("../../docs/help/tally.txt"))]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Contests to open: embedded ids (london-2004) or dataset files [default: every
    /// embedded contest, opening at london-2004]
    #[arg(value_name = "CONTEST")]
    pub contests: Vec<String>,
    #[command(flatten)]
    pub viewer: ViewerFlags,
    /// Follow a results file as it is rewritten (the same as `tally watch FILE`)
    #[arg(long, value_name = "FILE", conflicts_with = "contests")]
    pub follow: Option<PathBuf>,
    /// With --follow: compare the night with another contest (as `tally watch --against`)
    #[arg(long, value_name = "CONTEST", requires = "follow")]
    pub against: Option<String>,
    #[command(flatten)]
    pub rules: RuleFlags,
}

/// RCTab's counting rules, for any command that counts ballots: they override an RCTab
/// configuration's, or RCTab's defaults for a bare cast vote record file; given for a
/// class's ballots file, they count it by instant runoff under RCTab's rules (docs/rules.md).
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Counting rules (cast vote records and ballots; docs/rules.md)")]
pub struct RuleFlags {
    /// What a ballot does at an overvote (overvoteRule: exhaustImmediately,
    /// alwaysSkipToNextRank, exhaustIfMultipleContinuing) [default: exhaust]
    #[arg(long, value_enum, value_name = "RULE")]
    pub overvote: Option<OvervoteFlag>,
    /// Consecutive skipped ranks a ballot may pass over: a number or `unlimited`
    /// (maxSkippedRanksAllowed) [default: 1]
    #[arg(long, value_name = "N|unlimited", value_parser = parse_limit("unlimited"))]
    pub max_skipped: Option<Limit>,
    /// Ranks read on each ballot: a number or `max` (maxRankingsAllowed) [default: max]
    #[arg(long, value_name = "N|max", value_parser = parse_limit("max"))]
    pub max_rankings: Option<Limit>,
    /// A candidate ranked twice stops the ballot (exhaustOnDuplicateCandidate)
    #[arg(long)]
    pub exhaust_on_duplicate: bool,
    /// Eliminate together every candidate who cannot catch up (batchElimination)
    #[arg(long)]
    pub batch_elimination: bool,
    /// Go on until two candidates remain (continueUntilTwoCandidatesRemain)
    #[arg(long)]
    pub continue_until_two: bool,
    /// How ties are broken (tiebreakMode: useCandidateOrder, random,
    /// previousRoundCountsThenRandom, previousRoundCountsThenUseCandidateOrder,
    /// generatePermutation) [default: candidate-order]
    #[arg(long, value_enum, value_name = "MODE")]
    pub tiebreak: Option<TiebreakFlag>,
    /// The seed of a tie-break that draws (randomSeed)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub seed: Option<i64>,
    /// Candidates with fewer first-round votes are eliminated at once (minimumVoteThreshold)
    #[arg(long, value_name = "VOTES")]
    pub minimum_votes: Option<u64>,
    /// Stop the count after this round (stopTabulationEarlyAfterRound)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub stop_after_round: Option<u32>,
    /// The label (or Dominion candidate id) of the undeclared write-in in a bare file
    /// (undeclaredWriteInLabel)
    #[arg(long, value_name = "LABEL")]
    pub write_in: Option<String>,
    /// Which contest to read from a cast vote record file holding several (CDF name or id,
    /// Dominion id)
    #[arg(long, value_name = "ID")]
    pub cvr_contest: Option<String>,
}

/// RCTab's overvote rules, as `--overvote` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OvervoteFlag {
    Exhaust,
    Skip,
    ExhaustIfMultiple,
}

/// RCTab's tie-break modes, as `--tiebreak` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TiebreakFlag {
    CandidateOrder,
    Random,
    PreviousRoundThenRandom,
    PreviousRoundThenCandidateOrder,
    Permutation,
}

/// A number, or no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit(pub Option<u32>);

/// A parser for a number or the word meaning "no limit".
fn parse_limit(unlimited: &'static str) -> impl Fn(&str) -> Result<Limit, String> + Clone {
    move |s: &str| {
        if s == unlimited {
            return Ok(Limit(None));
        }
        s.parse::<u32>()
            .map(|n| Limit(Some(n)))
            .map_err(|_| format!("a whole number or `{unlimited}`"))
    }
}

impl RuleFlags {
    /// The options these flags give.
    pub fn options(&self) -> import::RuleOptions {
        use crate::model::rules::{OvervoteRule, TiebreakMode};
        import::RuleOptions {
            overvote: self.overvote.map(|o| match o {
                OvervoteFlag::Exhaust => OvervoteRule::ExhaustImmediately,
                OvervoteFlag::Skip => OvervoteRule::AlwaysSkipToNextRank,
                OvervoteFlag::ExhaustIfMultiple => OvervoteRule::ExhaustIfMultipleContinuing,
            }),
            max_skipped: self.max_skipped.map(|l| l.0),
            max_rankings: self.max_rankings.map(|l| l.0),
            exhaust_on_duplicate: self.exhaust_on_duplicate,
            batch_elimination: self.batch_elimination,
            continue_until_two: self.continue_until_two,
            tiebreak: self.tiebreak.map(|t| match t {
                TiebreakFlag::CandidateOrder => TiebreakMode::UseCandidateOrder,
                TiebreakFlag::Random => TiebreakMode::Random,
                TiebreakFlag::PreviousRoundThenRandom => {
                    TiebreakMode::PreviousRoundCountsThenRandom
                }
                TiebreakFlag::PreviousRoundThenCandidateOrder => {
                    TiebreakMode::PreviousRoundCountsThenUseCandidateOrder
                }
                TiebreakFlag::Permutation => TiebreakMode::GeneratePermutation,
            }),
            random_seed: self.seed,
            minimum_votes: self
                .minimum_votes
                .map(|v| crate::model::Votes::checked_whole(v).unwrap_or(crate::model::Votes::MAX)),
            stop_after_round: self.stop_after_round,
            write_in: self.write_in.clone(),
            contest: self.cvr_contest.clone(),
        }
    }
}

/// The look of anything tally draws: declared once, for every command that draws.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ThemeFlag {
    /// Colours [default: dark; mono when NO_COLOR is set]
    #[arg(long, value_enum)]
    pub theme: Option<Theme>,
}

/// The viewer's flags: declared once, for every command that opens it.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ViewerFlags {
    #[command(flatten)]
    pub look: ThemeFlag,
    /// Show each step at once, without animation (also TALLY_REDUCED_MOTION=1)
    #[arg(long)]
    pub no_animation: bool,
}

impl ViewerFlags {
    /// The viewer's options: these flags and the environment (`app::Options::from_env`).
    pub fn options(self) -> Options {
        Options::from_env(self.look.theme, self.no_animation)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the embedded contests: id, title, date, system and winner
    List {
        /// Output format (json and csv: see docs/compare-json.md)
        #[arg(short, long, value_enum, default_value_t = report::Format::Text)]
        format: report::Format,
    },
    /// Validate dataset files, one line per problem as `file: json.path: message`
    #[command(after_help = include_str!("../../docs/help/check.txt"))]
    Check {
        /// Dataset files (JSON)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Show the count round by round: votes, shares, transfers, exhausted ballots, winner
    Rounds {
        /// An embedded contest id, or a file: a dataset, published results, ballots, cast vote
        /// records or an RCTab configuration
        #[arg(value_name = "CONTEST", default_value = import::DEFAULT)]
        contest: String,
        /// Output format (json and csv, with the areas: see docs/rounds-json.md; rctab:
        /// RCTab's results JSON, which RCVis draws, see docs/rctab-export.md)
        #[arg(short, long, value_enum, default_value_t = report::RoundsFormat::Text)]
        format: report::RoundsFormat,
        /// Write to this file instead of standard output; an existing file is replaced (in one
        /// step: a reader sees the old file or the new one, never part of one)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleFlags,
    },
    /// Compare turnout, winner, margin and party shares across contests, in date order
    Compare {
        /// Embedded contest ids or dataset files, in any order: they are compared in date
        /// order [default: every embedded contest]
        #[arg(value_name = "CONTEST")]
        contests: Vec<String>,
        /// Output format (json and csv: see docs/compare-json.md)
        #[arg(short, long, value_enum, default_value_t = report::Format::Text)]
        format: report::Format,
        #[command(flatten)]
        rules: RuleFlags,
    },
    /// Tell the whole count in plain sentences, step by step (for screen readers and scripts)
    Narrate {
        /// An embedded contest id, or a file: a dataset, published results, ballots, cast vote
        /// records or an RCTab configuration
        #[arg(value_name = "CONTEST", default_value = import::DEFAULT)]
        contest: String,
        #[command(flatten)]
        rules: RuleFlags,
    },
    /// Draw the viewer's screen without a terminal: as text, ANSI colours or an SVG image
    #[command(after_help = include_str!("../../docs/help/render.txt"))]
    Render(RenderArgs),
    /// Follow a results file live: reloads on every change, keeps the last good version on screen
    #[command(after_help = include_str!("../../docs/help/watch.txt"))]
    Watch {
        /// The results file (it may not exist yet)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Compare the night with another contest (an embedded id or a file): share changes
        /// by party, swing, turnout, HOLD or GAIN per area, like for like
        #[arg(long, value_name = "CONTEST")]
        against: Option<String>,
        #[command(flatten)]
        viewer: ViewerFlags,
    },
    /// Replay an election night from a contest with areas: live, or written to a file
    #[command(after_help = include_str!("../../docs/help/replay.txt"))]
    Replay(ReplayArgs),
    /// Presenter mode for a classroom projector: big text, one idea per key press
    #[command(after_help = include_str!("../../docs/help/present.txt"))]
    Present(PresentArgs),
    /// Count a class's own ballots (CSV or text, or a Forms export) and show the count
    #[command(after_help = include_str!("../../docs/help/ballots.txt"))]
    Ballots(BallotsArgs),
    /// Regenerate the README's screenshots (SVG) from the product itself
    Screenshots {
        /// The folder to write them to; files of the same names are replaced
        #[arg(value_name = "DIR", default_value = "screenshots")]
        dir: PathBuf,
    },
}

/// `--speed`: a number above 0, at most a million.
fn parse_speed(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 1_000_000.0 => Ok(v),
        _ => Err(format!(
            "`{s}` is not a speed: give a number above 0, e.g. 60"
        )),
    }
}

/// The arguments of `tally render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// An embedded contest id, or a file: a dataset, published results, ballots, cast vote
    /// records or an RCTab configuration
    #[arg(value_name = "CONTEST", default_value = import::DEFAULT)]
    pub contest: String,
    /// Which view to draw
    #[arg(long, value_enum, default_value_t = View::Count)]
    pub view: View,
    /// The step to draw: a number (fractions are mid-animation) or `last`
    #[arg(long, default_value = "last")]
    pub step: headless::Step,
    /// The terminal size to draw, WIDTHxHEIGHT
    #[arg(long, default_value = "120x40")]
    pub size: headless::Size,
    #[command(flatten)]
    pub look: ThemeFlag,
    /// Output format [default: from the -o file's extension (.svg, .ansi), else txt]
    #[arg(long, value_enum)]
    pub format: Option<export::Format>,
    /// Write to this file instead of standard output; an existing file is replaced (in one
    /// step: a reader sees the old file or the new one, never part of one)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Draw presenter mode at this step of the lesson (1 = who stood), e.g. for slides
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub present: Option<u16>,
    #[command(flatten)]
    pub rules: RuleFlags,
}

/// The arguments of `tally present`.
#[derive(Debug, clap::Args)]
pub struct PresentArgs {
    /// An embedded contest id, a dataset file, or a class's ballots file (recognised by
    /// its content)
    #[arg(value_name = "CONTEST", default_value = import::DEFAULT)]
    pub contest: String,
    /// How to count a ballots file (as `tally ballots --system`) [default: sv]; a dataset
    /// says its own
    #[arg(long, value_enum)]
    pub system: Option<VotingSystem>,
    /// A ballots file's title [default: from the file name]
    #[arg(long)]
    pub title: Option<String>,
    /// The date of a ballots file's vote, YYYY-MM-DD [default: today]
    #[arg(long)]
    pub date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub viewer: ViewerFlags,
    #[command(flatten)]
    pub rules: RuleFlags,
}

/// The arguments of `tally ballots`.
#[derive(Debug, clap::Args)]
pub struct BallotsArgs {
    /// The ballots file: one ballot per line, or a Google or Microsoft Forms export (CSV)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// How to count them
    #[arg(long, value_enum, required_unless_present = "compare")]
    pub system: Option<VotingSystem>,
    /// Count them under all three systems and show the winners side by side
    #[arg(long, conflicts_with = "system")]
    pub compare: bool,
    /// The contest's title [default: from the file name]
    #[arg(long)]
    pub title: Option<String>,
    /// The date of the vote, YYYY-MM-DD [default: today]
    #[arg(long)]
    pub date: Option<chrono::NaiveDate>,
    /// Print the rounds instead of opening the viewer (json: see docs/rounds-json.md; rctab:
    /// docs/rctab-export.md); with --compare, the comparison as text, JSON or CSV
    /// (docs/ballots.md)
    #[arg(short, long, value_enum)]
    pub format: Option<report::RoundsFormat>,
    #[command(flatten)]
    pub viewer: ViewerFlags,
    #[command(flatten)]
    pub rules: RuleFlags,
}

/// The arguments of `tally replay`.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// An embedded contest id or a dataset file, with every area declared
    #[arg(value_name = "CONTEST")]
    pub contest: String,
    /// How many times faster than real time
    #[arg(long, default_value_t = 10.0, value_parser = parse_speed)]
    pub speed: f64,
    /// Write each version to FILE instead of showing it, replacing the file each time in
    /// one step (a reader never sees part of a version)
    #[arg(long, value_name = "FILE")]
    pub to: Option<PathBuf>,
    /// Compare the night with another contest in the live view (with --to, give it to
    /// `tally watch FILE --against CONTEST` instead)
    #[arg(long, value_name = "CONTEST", conflicts_with = "to")]
    pub against: Option<String>,
    #[command(flatten)]
    pub viewer: ViewerFlags,
}
