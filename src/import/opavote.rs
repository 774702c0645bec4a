//! OpaVote's results JSON (versions 1.0 and 1.1), read as a count published elsewhere.
//!
//! OpaVote (like OpenSTV, which it grew from) writes a whole count as arrays indexed like
//! `candidates`: each round's `count[i]` is `candidates[i]`'s votes, and `winners`,
//! `losers`, `continuing`, `withdrawn` and an action's `candidates` are positions in that
//! list. Three things about it are easy to get wrong, and each is done here once:
//! - **Round n's `count` is after round n's action** (`first`, `eliminate`, `surplus`):
//!   the candidates `losers` adds in round n were eliminated at the end of round n − 1, as
//!   tally, RCTab and RCVis number rounds; their ballots move in round n. `winners` and
//!   `losers` are cumulative.
//! - **Every count, threshold and exhausted figure is fixed point**: divided by
//!   10^`precision`, exactly (version 1.1 writes 13 votes as `13000000` with precision 6).
//!   `n_votes` and `n_valid_votes` are ballots, never scaled.
//! - **Nothing says where each candidate's ballots went**: the transfers are left unknown
//!   (`transfers: None`), and `count::published` works them out from the tallies and marks
//!   them so.
//!
//! Before anything is built the file is checked for consistency: arrays as long as
//! `candidates`, positions in range, names unique and non-empty, a candidate never back
//! after elimination, votes that fall only by transfer. A problem is refused naming its
//! JSON path (`rounds[3].count`); what can be repaired without guessing is repaired and said
//! in a warning.

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::count::Counted;
use crate::model::{
    Contest, Diagnostic, Location, Method, Published, PublishedRound, PublishedTie, Severity,
    Source, VoteMap, Votes, VotingSystem,
};

/// The most decimal places a `precision` may ask for. tally holds votes to a millionth;
/// more places are read only when the digits past the sixth are zero.
const MAX_PRECISION: u64 = 30;

/// Read, check and count an OpaVote results file (`file` names it in messages and, when
/// the file has no title, titles it).
pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Counted, Vec<Diagnostic>> {
    let (contest, warnings) = read(file, bytes)?;
    Counted::new(contest, warnings)
}

/// The checked contest and the reader's warnings, or the first problem.
pub fn read(file: &str, bytes: &[u8]) -> Result<(Contest, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = crate::text::utf8(bytes).map_err(|e| {
        vec![Diagnostic {
            severity: Severity::Error,
            location: Location::Position {
                line: e.line,
                column: e.column,
            },
            message: format!(
                "byte 0x{:02X} is not UTF-8 text; OpaVote writes UTF-8",
                e.byte
            ),
        }]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: RawResults = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        vec![super::dataset::parse::from_json_error(
            e.inner(),
            Some(path),
        )]
    })?;
    de.end()
        .map_err(|e| vec![super::dataset::parse::from_json_error(&e, None)])?;
    Check::new(file, &raw).map_err(|d| vec![d])?.contest(&raw)
}

// ---------------------------------------------------------------------------------------
// The file's shape. Fields tally does not use (`msg`, `options`, `desc`, `surplus`) are
// skipped; those OpaVote always writes are required.

#[derive(Deserialize)]
struct RawResults {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    version: Option<serde_json::Value>,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    n_seats: Option<Whole>,
    #[serde(default)]
    n_votes: Option<Number>,
    #[serde(default)]
    n_valid_votes: Option<Number>,
    #[serde(default)]
    precision: Option<Whole>,
    candidates: Vec<String>,
    #[serde(default)]
    withdrawn: Option<Vec<Whole>>,
    #[serde(default)]
    winners: Option<Vec<Whole>>,
    #[serde(default)]
    tie_breaks: Option<Vec<RawTie>>,
    rounds: Vec<RawRound>,
}

/// `[round, [tied], [chosen]]`: the round whose count was tied (1-based), the tied, and
/// whom the tie-break picked (to eliminate, or to elect).
type RawTie = (Whole, Vec<Whole>, Vec<Whole>);

#[derive(Deserialize)]
struct RawRound {
    #[serde(default)]
    n: Option<Whole>,
    count: Vec<Number>,
    #[serde(default)]
    exhausted: Option<Number>,
    #[serde(default)]
    thresh: Option<Number>,
    /// Only to tell version 1.1 (which writes it) from 1.0.
    #[serde(default)]
    surplus: Option<Number>,
    winners: Vec<Whole>,
    losers: Vec<Whole>,
    #[serde(default)]
    continuing: Option<Vec<Whole>>,
    #[serde(default)]
    action: Option<RawAction>,
}

#[derive(Deserialize)]
struct RawAction {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    candidates: Vec<Whole>,
}

/// A whole number, 0 or more: a position in `candidates`, a round, seats, a precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Whole(u64);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Whole;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number, 0 or more")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Whole, E> {
                Ok(Whole(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Whole, E> {
                u64::try_from(v).map(Whole).map_err(|_| {
                    E::custom(format!(
                        "{v} is below 0: expected a whole number, 0 or more"
                    ))
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Whole, E> {
                // 2^53: every whole number below it is exact as a double.
                if v >= 0.0 && v.fract() == 0.0 && v < 9_007_199_254_740_992.0 {
                    Ok(Whole(v as u64))
                } else {
                    Err(E::custom(format!("{v} is not a whole number, 0 or more")))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A figure as written, before it is divided by 10^`precision`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Number {
    Whole(u64),
    /// A number written with a point; always finite, 0 or more and below 2^64.
    Decimal(f64),
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number of votes, 0 or more")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number::Whole(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                match u64::try_from(v) {
                    Ok(v) => Ok(Number::Whole(v)),
                    Err(_) => Err(E::custom(format!(
                        "negative number {v}: a count of votes cannot be below 0"
                    ))),
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                if v < 0.0 {
                    Err(E::custom(format!(
                        "negative number {v}: a count of votes cannot be below 0"
                    )))
                } else if v >= 18_446_744_073_709_551_616.0 || !v.is_finite() {
                    Err(E::custom(
                        "this number is too large for a count of votes".to_string(),
                    ))
                } else {
                    Ok(Number::Decimal(v))
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl Number {
    /// As written: `13000000`, `2.5` (a double prints its shortest exact form, never with an
    /// exponent).
    fn text(self) -> String {
        match self {
            Number::Whole(v) => v.to_string(),
            Number::Decimal(v) => format!("{v}"),
        }
    }

    /// Divided by 10^`precision`, exactly, or why not.
    fn votes(self, precision: u64) -> Result<Votes, String> {
        let text = self.text();
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits = format!("{whole}{fraction}");
        // Where the point goes among `digits`, counting from the left.
        let point = whole.len() as i64 - precision as i64;
        let shifted = if point <= 0 {
            format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
        } else {
            let (w, f) = digits.split_at(point as usize);
            format!("{w}.{f}")
        };
        let places = shifted
            .split_once('.')
            .map_or(0, |(_, f)| f.trim_end_matches('0').len());
        if places > crate::model::votes::DECIMALS {
            let shown = shifted.trim_end_matches('0');
            return Err(if precision == 0 {
                format!(
                    "{shown} votes has {places} decimal places: tally holds votes to a millionth (6 places)"
                )
            } else {
                format!(
                    "{text} at precision {precision} is {shown} votes, with {places} decimal places: tally holds votes to a millionth (6 places)"
                )
            });
        }
        Votes::parse_decimal(&shifted)
    }
}

// ---------------------------------------------------------------------------------------
// Checking and building.

/// What the whole file says before its rounds are read: candidates, precision, seats.
struct Check<'a> {
    file: &'a str,
    names: Vec<&'a str>,
    precision: u64,
    seats: u32,
    withdrawn: Vec<bool>,
    warnings: Vec<Diagnostic>,
}

fn error(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(path, message)
}

/// "1 vote", "2.5 votes".
fn votes_words(v: Votes) -> String {
    format!("{v} vote{}", if v == 1 { "" } else { "s" })
}

/// `A`, `A and B`, `A, B and C`.
fn and(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl<'a> Check<'a> {
    fn new(file: &'a str, raw: &'a RawResults) -> Result<Self, Diagnostic> {
        let n = raw.candidates.len();
        if n == 0 {
            return Err(error("candidates", "the file names no candidates"));
        }
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(n);
        for (i, name) in raw.candidates.iter().enumerate() {
            let key = name.trim();
            if key.is_empty() {
                return Err(error(
                    format!("candidates[{i}]"),
                    "a candidate's name is empty",
                ));
            }
            if let Some(j) = seen.insert(key, i) {
                return Err(error(
                    format!("candidates[{i}]"),
                    format!(
                        "`{key}` is also candidates[{j}]: every candidate needs a name of their own"
                    ),
                ));
            }
        }
        if raw.rounds.is_empty() {
            return Err(error(
                "rounds",
                "the file has no rounds: OpaVote writes at least the count of first choices",
            ));
        }
        if !crate::count::within_limit(n, raw.rounds.len()) {
            return Err(error(
                "rounds",
                format!(
                    "{} candidates over {} rounds is more than tally can hold ({} figures at most)",
                    crate::text::thousands(n as u64),
                    crate::text::thousands(raw.rounds.len() as u64),
                    crate::text::thousands(crate::count::MAX_FIGURES as u64)
                ),
            ));
        }
        let precision = raw.precision.map_or(0, |p| p.0);
        if precision > MAX_PRECISION {
            return Err(error(
                "precision",
                format!(
                    "{precision} decimal places is more than tally reads ({MAX_PRECISION} at most, and it holds votes to a millionth)"
                ),
            ));
        }
        let mut check = Check {
            file,
            names: raw.candidates.iter().map(String::as_str).collect(),
            precision,
            seats: 1,
            withdrawn: vec![false; n],
            warnings: Vec::new(),
        };
        for (k, &w) in raw.withdrawn.iter().flatten().enumerate() {
            let i = check.index(w, &format!("withdrawn[{k}]"))?;
            if std::mem::replace(&mut check.withdrawn[i], true) {
                return Err(error(
                    format!("withdrawn[{k}]"),
                    format!("{} is listed twice", check.names[i]),
                ));
            }
        }
        if check.withdrawn.iter().all(|&w| w) {
            return Err(error(
                "withdrawn",
                "every candidate withdrew: there is no count to show",
            ));
        }
        check.seats = match raw.n_seats {
            Some(Whole(0)) => return Err(error("n_seats", "a count fills at least 1 seat")),
            Some(Whole(s)) if s > n as u64 => {
                return Err(error(
                    "n_seats",
                    format!("{s} seats, but only {n} candidates"),
                ));
            }
            Some(Whole(s)) => s as u32,
            None => {
                let elected = raw.winners.as_ref().map_or(0, Vec::len).max(1);
                check.warn(
                    "n_seats",
                    format!(
                        "the number of seats is not given: tally takes it to be the {elected} the count elects"
                    ),
                );
                elected.min(n) as u32
            }
        };
        Ok(check)
    }

    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Diagnostic::warning(path, message));
    }

    /// A position in `candidates`, or the error at `path`.
    fn index(&self, w: Whole, path: &str) -> Result<usize, Diagnostic> {
        let n = self.names.len();
        if w.0 < n as u64 {
            Ok(w.0 as usize)
        } else {
            Err(error(
                path,
                format!(
                    "{} is not a candidate: the {n} candidates are numbered 0 to {}, in the order of `candidates`",
                    w.0,
                    n - 1
                ),
            ))
        }
    }

    /// Positions in `candidates`, in the order given, each once. In time and memory
    /// proportional to the list (a file may hold many short lists over many candidates).
    fn indices(&self, list: &[Whole], path: &str) -> Result<Vec<usize>, Diagnostic> {
        let n = self.names.len() as u64;
        let mut out = Vec::with_capacity(list.len());
        for (k, &w) in list.iter().enumerate() {
            let i = if w.0 < n {
                w.0 as usize
            } else {
                self.index(w, &format!("{path}[{k}]"))?
            };
            out.push(i);
        }
        let mut sorted: Vec<(usize, usize)> = out.iter().copied().zip(0..).collect();
        sorted.sort_unstable();
        if let Some(pair) = sorted.windows(2).find(|p| p[0].0 == p[1].0) {
            let (i, k) = (pair[0].0, pair[0].1.max(pair[1].1));
            return Err(error(
                format!("{path}[{k}]"),
                format!("{} is listed twice", self.names[i]),
            ));
        }
        Ok(out)
    }

    fn votes(&self, n: Number, path: &str) -> Result<Votes, Diagnostic> {
        n.votes(self.precision).map_err(|m| error(path, m))
    }

    /// The whole count, checked, as a contest.
    fn contest(mut self, raw: &RawResults) -> Result<(Contest, Vec<Diagnostic>), Vec<Diagnostic>> {
        let rounds = self.rounds(raw).map_err(|d| vec![d])?;
        let published = self.published(raw, rounds).map_err(|d| vec![d])?;
        Ok(self.build(raw, published))
    }

    /// Every round in tally's semantics, checked; the ties and winners come after.
    fn rounds(&mut self, raw: &RawResults) -> Result<Vec<PublishedRound>, Diagnostic> {
        let n = self.names.len();
        let mut out: Vec<PublishedRound> = Vec::with_capacity(raw.rounds.len());
        // Round (1-based, tally's numbering) in which each candidate was elected or
        // eliminated at the end of; 0 while not.
        let mut elected_in = vec![0usize; n];
        let mut eliminated_in = vec![0usize; n];
        let mut prev_counts: Vec<Votes> = Vec::new();
        let mut prev_exhausted: Option<Votes> = None;
        let mut prev_total: u128 = 0;
        let mut continuing_warned = false;
        let mut filled_in = 0usize;
        // Figures of transfers to be worked out, so far.
        let mut derived = 0usize;
        for (k, r) in raw.rounds.iter().enumerate() {
            let number = k + 1;
            let path = format!("rounds[{k}]");
            if let Some(Whole(said)) = r.n
                && said != number as u64
            {
                return Err(error(
                    format!("{path}.n"),
                    format!(
                        "this is round {number} in the list, but `n` says {said}: rounds are listed in order from 1"
                    ),
                ));
            }
            if filled_in > 0 {
                return Err(error(
                    path,
                    format!("round {number} comes after every seat was filled (round {filled_in})"),
                ));
            }
            if r.count.len() != n {
                return Err(error(
                    format!("{path}.count"),
                    format!(
                        "{} figures for {n} candidates: `count` gives one per candidate, in the order of `candidates`",
                        r.count.len()
                    ),
                ));
            }
            let counts = r
                .count
                .iter()
                .enumerate()
                .map(|(i, &c)| self.votes(c, &format!("{path}.count[{i}]")))
                .collect::<Result<Vec<Votes>, _>>()?;
            let exhausted = r
                .exhausted
                .map(|e| self.votes(e, &format!("{path}.exhausted")))
                .transpose()?;
            // Totals are compared round to round: counted and exhausted together, or counted
            // alone, but the same in every round.
            if k > 0 && exhausted.is_some() != prev_exhausted.is_some() {
                return Err(if exhausted.is_some() {
                    error(
                        format!("{path}.exhausted"),
                        "is given, but round 1 has no `exhausted`: every round gives it or none does",
                    )
                } else {
                    error(
                        path,
                        "has no `exhausted`, which round 1 gives: every round gives it or none does",
                    )
                });
            }
            let threshold = r
                .thresh
                .map(|t| self.votes(t, &format!("{path}.thresh")))
                .transpose()?;
            let winners = self.indices(&r.winners, &format!("{path}.winners"))?;
            let losers = self.indices(&r.losers, &format!("{path}.losers"))?;
            let mut is_loser = vec![false; n];
            for &i in &losers {
                is_loser[i] = true;
            }
            let mut is_winner = vec![false; n];
            for (j, &i) in winners.iter().enumerate() {
                is_winner[i] = true;
                let at = format!("{path}.winners[{j}]");
                if self.withdrawn[i] {
                    return Err(error(
                        at,
                        format!(
                            "{} withdrew (`withdrawn`) and cannot be elected",
                            self.names[i]
                        ),
                    ));
                }
                if is_loser[i] {
                    return Err(error(
                        at,
                        format!("{} is among the losers of this round too", self.names[i]),
                    ));
                }
            }
            // Cumulative: nobody elected or eliminated before may be missing now.
            for i in 0..n {
                if elected_in[i] > 0 && !is_winner[i] {
                    return Err(error(
                        format!("{path}.winners"),
                        format!(
                            "{}, elected in round {}, is missing: `winners` lists everyone elected so far",
                            self.names[i], elected_in[i]
                        ),
                    ));
                }
                if eliminated_in[i] > 0 && !is_loser[i] {
                    return Err(error(
                        format!("{path}.losers"),
                        format!(
                            "{}, eliminated in round {}, is missing: `losers` lists everyone eliminated so far",
                            self.names[i], eliminated_in[i]
                        ),
                    ));
                }
            }
            if k == 0
                && let Some(&i) = losers.iter().find(|&&i| !self.withdrawn[i])
            {
                return Err(error(
                    format!("{path}.losers"),
                    format!(
                        "{} is among the losers of round 1, before anyone can have been eliminated",
                        self.names[i]
                    ),
                ));
            }
            for i in 0..n {
                if (is_loser[i] || self.withdrawn[i]) && !counts[i].is_zero() {
                    let why = if self.withdrawn[i] {
                        "withdrew (`withdrawn`)"
                    } else {
                        "is among the losers (eliminated)"
                    };
                    return Err(error(
                        format!("{path}.count[{i}]"),
                        format!(
                            "{} {why} but has {} in round {number}",
                            self.names[i],
                            votes_words(counts[i])
                        ),
                    ));
                }
                if k > 0
                    && counts[i] < prev_counts[i]
                    && !is_loser[i]
                    && elected_in[i] == 0
                    && !is_winner[i]
                {
                    return Err(error(
                        format!("{path}.count[{i}]"),
                        format!(
                            "{} falls from {} to {} votes in round {number} without being elected or eliminated: votes only move by transfer",
                            self.names[i], prev_counts[i], counts[i]
                        ),
                    ));
                }
            }
            if let (Some(before), Some(now)) = (prev_exhausted, exhausted)
                && now < before
            {
                return Err(error(
                    format!("{path}.exhausted"),
                    format!("falls from {before} to {now}: exhausted ballots are a running total"),
                ));
            }
            let total: u128 = counts
                .iter()
                .chain(&exhausted)
                .map(|v| u128::from(v.raw()))
                .sum();
            if k == 0 && total > u128::from(Votes::MAX.raw()) {
                return Err(error(
                    format!("{path}.count"),
                    format!(
                        "the votes add up to more than tally can count (at most {})",
                        crate::text::thousands(Votes::MAX_WHOLE)
                    ),
                ));
            }
            if k > 0 && total > prev_total {
                let shown = |t: u128| Votes::from_raw(t.min(u128::from(u64::MAX)) as u64);
                return Err(error(
                    path,
                    format!(
                        "the counts{} add up to {}, more than round {k}'s {}: votes cannot appear from nowhere",
                        if exhausted.is_some() {
                            " and exhausted ballots"
                        } else {
                            ""
                        },
                        shown(total),
                        shown(prev_total)
                    ),
                ));
            }
            // Whom this round's action took out: eliminated at the end of the round before.
            if k > 0 {
                let newly: Vec<usize> = losers
                    .iter()
                    .copied()
                    .filter(|&i| eliminated_in[i] == 0 && !self.withdrawn[i])
                    .collect();
                self.check_action(r, &path, &newly, &elected_in)?;
                // `count::published` works out where ballots went as one figure per source
                // per candidate still in: bounded like the tallies.
                let surpluses = (0..n)
                    .filter(|&i| {
                        elected_in[i] == k || elected_in[i] > 0 && counts[i] < prev_counts[i]
                    })
                    .count();
                if surpluses > 0 || newly.iter().any(|&i| !prev_counts[i].is_zero()) {
                    let staying = (0..n)
                        .filter(|&i| !is_loser[i] && !self.withdrawn[i])
                        .count();
                    let sources = newly.len() + surpluses;
                    derived = derived.saturating_add(sources.saturating_mul(staying + 1));
                    if derived > crate::count::MAX_FIGURES {
                        return Err(error(
                            path,
                            format!(
                                "the ballots of {} candidates move at once in round {number}: working out where they went takes more figures than tally holds ({} at most)",
                                crate::text::thousands(sources as u64),
                                crate::text::thousands(crate::count::MAX_FIGURES as u64)
                            ),
                        ));
                    }
                }
                let mut newly = newly;
                newly.sort_unstable();
                for &i in &newly {
                    eliminated_in[i] = k;
                }
                out[k - 1].eliminated = newly;
            }
            let mut elected = Vec::new();
            for &i in &winners {
                if elected_in[i] == 0 {
                    elected_in[i] = number;
                    elected.push(i);
                }
            }
            if let Some(list) = &r.continuing
                && !continuing_warned
            {
                let listed = self.indices(list, &format!("{path}.continuing"))?;
                let mut expected: Vec<usize> = (0..n)
                    .filter(|&i| !is_winner[i] && !is_loser[i] && !self.withdrawn[i])
                    .collect();
                let mut listed_sorted = listed;
                listed_sorted.sort_unstable();
                expected.sort_unstable();
                if listed_sorted != expected {
                    continuing_warned = true;
                    self.warn(
                        format!("{path}.continuing"),
                        "disagrees with `winners` and `losers` (everyone else is continuing): tally goes by `winners` and `losers`",
                    );
                }
            }
            let tally = (0..n)
                .map(|i| (!is_loser[i] && !self.withdrawn[i]).then_some(counts[i]))
                .collect();
            if elected_in.iter().filter(|&&e| e > 0).count() >= self.seats as usize {
                filled_in = number;
            }
            out.push(PublishedRound {
                tally,
                inactive: exhausted,
                inactive_kinds: None,
                threshold,
                elected,
                eliminated: Vec::new(),
                // OpaVote gives the tallies after each round, never who gave what to whom.
                transfers: None,
                ties: Vec::new(),
                repaired: Vec::new(),
            });
            prev_counts = counts;
            prev_exhausted = exhausted;
            prev_total = total;
        }
        Ok(out)
    }

    /// The action of round `k + 1` (at `path`) against whom its `losers` add (`newly`).
    fn check_action(
        &self,
        r: &RawRound,
        path: &str,
        newly: &[usize],
        elected_in: &[usize],
    ) -> Result<(), Diagnostic> {
        let Some(action) = &r.action else {
            return Ok(());
        };
        let named = self.indices(&action.candidates, &format!("{path}.action.candidates"))?;
        match action.kind.as_deref() {
            Some("eliminate") => {
                if newly.is_empty() {
                    return Err(error(
                        format!("{path}.losers"),
                        "the round's action is an elimination, but `losers` adds nobody",
                    ));
                }
                let mut a = named.clone();
                let mut b = newly.to_vec();
                a.sort_unstable();
                b.sort_unstable();
                if !named.is_empty() && a != b {
                    let list =
                        |v: &[usize]| and(&v.iter().map(|&i| self.names[i]).collect::<Vec<_>>());
                    return Err(error(
                        format!("{path}.action.candidates"),
                        format!(
                            "eliminates {}, but `losers` adds {}",
                            list(&named),
                            list(newly)
                        ),
                    ));
                }
            }
            Some("surplus") => {
                if let Some((j, &i)) = named.iter().enumerate().find(|&(_, &i)| elected_in[i] == 0)
                {
                    return Err(error(
                        format!("{path}.action.candidates[{j}]"),
                        format!(
                            "{}'s surplus is transferred, but {} has not been elected",
                            self.names[i], self.names[i]
                        ),
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The rounds with their ties and the file's winners: the published count.
    fn published(
        &mut self,
        raw: &RawResults,
        mut rounds: Vec<PublishedRound>,
    ) -> Result<Published, Diagnostic> {
        // Sorted, to look candidates up in them (`eliminated` already is).
        let elected_sorted: Vec<Vec<usize>> = rounds
            .iter()
            .map(|r| {
                let mut e = r.elected.clone();
                e.sort_unstable();
                e
            })
            .collect();
        for (j, (round, tied, chosen)) in raw.tie_breaks.iter().flatten().enumerate() {
            let path = format!("tie_breaks[{j}]");
            let r = round.0;
            if r == 0 || r > rounds.len() as u64 {
                return Err(error(
                    format!("{path}[0]"),
                    format!(
                        "round {r} is not a round of this count (1 to {})",
                        rounds.len()
                    ),
                ));
            }
            let tied = self.indices(tied, &format!("{path}[1]"))?;
            let chosen = self.indices(chosen, &format!("{path}[2]"))?;
            if tied.len() < 2 {
                return Err(error(
                    format!("{path}[1]"),
                    "a tie is between two or more candidates",
                ));
            }
            if chosen.is_empty() {
                return Err(error(
                    format!("{path}[2]"),
                    "names nobody as chosen by the tie-break",
                ));
            }
            let mut tied_sorted = tied.clone();
            tied_sorted.sort_unstable();
            if let Some((m, &i)) = chosen
                .iter()
                .enumerate()
                .find(|(_, i)| tied_sorted.binary_search(i).is_err())
            {
                return Err(error(
                    format!("{path}[2][{m}]"),
                    format!(
                        "{} was chosen by the tie-break but is not among the tied",
                        self.names[i]
                    ),
                ));
            }
            let pr = &mut rounds[r as usize - 1];
            let names = |v: &[usize]| and(&v.iter().map(|&i| self.names[i]).collect::<Vec<_>>());
            // OpaVote records whom the tie-break picked to eliminate (or to elect): tally's
            // `chosen` means the same (`count::published::ties`).
            let why_not = if let Some(&i) = tied.iter().find(|&&i| pr.tally[i].is_none()) {
                Some(format!(
                    "{} is not in the count in round {r}",
                    self.names[i]
                ))
            } else if tied.iter().any(|&i| pr.tally[i] != pr.tally[tied[0]]) {
                Some(format!("they do not have the same votes in round {r}"))
            } else if let Some(&i) = chosen.iter().find(|i| {
                pr.eliminated.binary_search(i).is_err()
                    && elected_sorted[r as usize - 1].binary_search(i).is_err()
            }) {
                Some(format!(
                    "{}, whom it chose, is neither elected nor eliminated at the end of round {r}",
                    self.names[i]
                ))
            } else {
                None
            };
            match why_not {
                None => pr.ties.push(PublishedTie {
                    tied,
                    chosen,
                    broken_by: None,
                }),
                Some(why) => {
                    let message =
                        format!("the tie-break between {} is not shown: {why}", names(&tied));
                    self.warn(path, message);
                }
            }
        }
        let mut all_elected: Vec<usize> = rounds.iter().flat_map(|r| r.elected.clone()).collect();
        let mut is_elected = vec![false; self.names.len()];
        for &e in &all_elected {
            is_elected[e] = true;
        }
        if let Some(list) = &raw.winners {
            let winners = self.indices(list, "winners")?;
            let mut is_winner = vec![false; self.names.len()];
            for &w in &winners {
                is_winner[w] = true;
            }
            let last = rounds.len();
            for (j, &w) in winners.iter().enumerate() {
                if is_elected[w] {
                    continue;
                }
                let out = rounds.iter().any(|r| r.tally[w].is_none())
                    || rounds
                        .iter()
                        .any(|r| r.eliminated.binary_search(&w).is_ok());
                if out {
                    return Err(error(
                        format!("winners[{j}]"),
                        format!(
                            "{} is a winner, but the rounds eliminate them",
                            self.names[w]
                        ),
                    ));
                }
                let name = self.names[w];
                self.warn(
                    format!("winners[{j}]"),
                    format!("{name} is a winner, but no round elects them: tally shows {name} elected at the end of round {last}"),
                );
                rounds[last - 1].elected.push(w);
                all_elected.push(w);
                is_elected[w] = true;
            }
            for &e in &all_elected {
                if !is_winner[e] {
                    self.warn(
                        "winners",
                        format!(
                            "{} is elected in the rounds but not listed in `winners`: tally goes by the rounds",
                            self.names[e]
                        ),
                    );
                }
            }
        }
        let seats = self.seats as usize;
        if all_elected.len() > seats {
            return Err(error(
                "winners",
                format!(
                    "the count elects {} candidates for {seats} seat{} (`n_seats`)",
                    all_elected.len(),
                    if seats == 1 { "" } else { "s" }
                ),
            ));
        }
        if seats > 1 && !all_elected.is_empty() && all_elected.len() < seats {
            self.warn(
                "n_seats",
                format!(
                    "the count elects {} candidate{} for {seats} seats: it stops with seats unfilled",
                    all_elected.len(),
                    if all_elected.len() == 1 { "" } else { "s" }
                ),
            );
        }
        let system = if seats == 1 {
            VotingSystem::InstantRunoff
        } else {
            VotingSystem::SingleTransferableVote
        };
        if let Some(m) = &raw.method {
            let lower = m.to_lowercase();
            let stv = lower.contains("stv") || lower.contains("transferable");
            let irv = [
                "irv",
                "instant",
                "runoff",
                "alternative vote",
                "preferential",
            ]
            .iter()
            .any(|w| lower.contains(w));
            if !stv && !irv {
                self.warn(
                    "method",
                    format!(
                        "`{m}` is not instant runoff or the single transferable vote: the rounds are shown as published, as {}",
                        if seats == 1 { "an instant runoff" } else { "a single transferable vote count" }
                    ),
                );
            } else if irv && !stv && seats > 1 {
                self.warn(
                    "method",
                    format!("`{m}` fills one seat, but `n_seats` is {seats}: the rounds are shown as published, as a single transferable vote count"),
                );
            }
        }
        let one_one = raw
            .rounds
            .iter()
            .any(|r| r.thresh.is_some() || r.surplus.is_some());
        let version = match &raw.version {
            Some(serde_json::Value::String(v)) if v == "1.1" => "1.1",
            Some(serde_json::Value::String(v)) if v == "1.0" => {
                if one_one {
                    "1.1"
                } else {
                    "1.0"
                }
            }
            None => {
                if one_one {
                    "1.1"
                } else {
                    "1.0"
                }
            }
            Some(other) => {
                let said = match other {
                    serde_json::Value::String(s) => s.clone(),
                    v => v.to_string(),
                };
                self.warn(
                    "version",
                    format!("version {said} is not one tally knows (1.0 and 1.1): read as 1.1"),
                );
                "1.1"
            }
        };
        let n_votes = raw
            .n_votes
            .map(|v| v.votes(0).map_err(|m| error("n_votes", m)))
            .transpose()?;
        let n_valid = raw
            .n_valid_votes
            .map(|v| v.votes(0).map_err(|m| error("n_valid_votes", m)))
            .transpose()?;
        let invalid = match (n_votes, n_valid) {
            (Some(all), Some(valid)) if valid > all => {
                return Err(error(
                    "n_valid_votes",
                    format!("{valid} valid votes are more than the {all} votes cast (`n_votes`)"),
                ));
            }
            (Some(all), Some(valid)) => Some(all - valid),
            _ => None,
        };
        let first = &rounds[0];
        let counted: Votes = first.tally.iter().flatten().copied().sum::<Votes>()
            + first.inactive.unwrap_or(Votes::ZERO);
        if let Some(valid) = n_valid
            && valid != counted
        {
            self.warn(
                "n_valid_votes",
                format!(
                    "says {valid} valid votes, but round 1 counts {counted}: tally shows the rounds as counted"
                ),
            );
        }
        Ok(Published {
            format: format!("OpaVote {version} results"),
            system,
            rounds,
            undervotes: None,
            total_ballots: n_votes,
            invalid,
            warnings: self
                .warnings
                .iter()
                .map(|d| match &d.location {
                    Location::Path(p) if !p.is_empty() => format!("{p}: {}", d.message),
                    _ => d.message.clone(),
                })
                .collect(),
            tabulation: None,
        })
    }

    /// The contest around the published count. Withdrawn candidates are left out of it
    /// (and said in a note): they were never in the count.
    fn build(mut self, raw: &RawResults, mut published: Published) -> (Contest, Vec<Diagnostic>) {
        let kept: Vec<usize> = (0..self.names.len())
            .filter(|&i| !self.withdrawn[i])
            .collect();
        if kept.len() < self.names.len() {
            let mut new_index = vec![0; self.names.len()];
            for (j, &i) in kept.iter().enumerate() {
                new_index[i] = j;
            }
            // The withdrawn are never elected, eliminated or in a tie shown (`rounds`,
            // `published`), so every index left is of a kept candidate.
            for r in &mut published.rounds {
                r.tally = kept.iter().map(|&i| r.tally[i]).collect();
                let lists = [&mut r.elected, &mut r.eliminated];
                for x in lists.into_iter().flatten() {
                    *x = new_index[*x];
                }
                for t in &mut r.ties {
                    for x in t.tied.iter_mut().chain(t.chosen.iter_mut()) {
                        *x = new_index[*x];
                    }
                }
            }
        }
        let stem = std::path::Path::new(self.file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "OpaVote results".into());
        let title = match raw.title.as_deref().map(str::trim) {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => {
                self.warn(
                    "title",
                    "the file has no title: the contest is named after the file",
                );
                stem
            }
        };
        let candidates =
            crate::count::ballots::candidates_named(kept.iter().map(|&i| self.names[i]));
        let first = &published.rounds[0];
        let valid: Votes = first.tally.iter().flatten().copied().sum::<Votes>()
            + first.inactive.unwrap_or(Votes::ZERO);
        let first_preferences: VoteMap = candidates
            .iter()
            .zip(&first.tally)
            .filter_map(|(c, t)| t.map(|v| (c.id.clone(), v)))
            .collect();
        let withdrawn: Vec<&str> = (0..self.names.len())
            .filter(|&i| self.withdrawn[i])
            .map(|i| self.names[i])
            .collect();
        let method = raw
            .method
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty());
        let mut notes = vec![format!(
            "The count as OpaVote published it{}, {} seat{}: shown round by round as published, not recounted. OpaVote does not say where each candidate's ballots went: each round's transfers are worked out from the change in the tallies.",
            method.map(|m| format!(" ({m})")).unwrap_or_default(),
            self.seats,
            if self.seats == 1 { "" } else { "s" }
        )];
        if !withdrawn.is_empty() {
            notes.push(format!(
                "Withdrawn before the count, and not shown: {}.",
                and(&withdrawn)
            ));
        }
        notes.push("OpaVote results carry no date of poll.".to_string());
        let contest = Contest {
            id: crate::count::ballots::id_for(&title, &mut std::collections::HashSet::new()),
            title,
            area: String::new(),
            date: None,
            seats: self.seats,
            status: None,
            candidates,
            electorate: None,
            ballot_papers: published.total_ballots,
            valid_votes: Some(valid),
            rejected: published.invalid,
            rejected_reasons: None,
            turnout: None,
            first_preferences: Some(first_preferences),
            second_choices: None,
            tie_break_order: None,
            areas: None,
            declaration_times: None,
            sources: vec![Source {
                id: "opavote".into(),
                title: format!("{}: {}", published.format, crate::text::clean(self.file)),
                publisher: None,
                date: None,
                url: None,
            }],
            notes,
            method: Method::Published(Box::new(published)),
        };
        (contest, self.warnings)
    }
}

#[cfg(test)]
mod tests;
