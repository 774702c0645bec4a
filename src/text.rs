//! Text for people: numbers with thousands separators, percentages, and untrusted strings
//! made safe to print.
//!
//! Every output of tally (tables, narration, error messages, the viewer) formats numbers
//! through here so that 1,863,671 and 36.8% look the same everywhere, and every string that
//! came from a dataset passes through [`clean`] before it reaches a terminal.

use std::borrow::Cow;

use crate::model::Votes;

/// `1863671` → `"1,863,671"`: a number (of votes, or any count) with thousands separators;
/// votes keep any decimals they have (`8.8832`).
pub fn thousands(n: impl Figure) -> String {
    n.thousands()
}

/// A figure that prints with thousands separators: a whole count, or votes (which may hold
/// a fraction, printed with the decimals it has).
pub trait Figure: Copy {
    fn thousands(self) -> String;
    /// As votes, for shares (whole counts beyond [`Votes::MAX_WHOLE`] saturate).
    fn votes(self) -> Votes;
    /// Whether this is exactly one, for "1 vote" against "2 votes".
    fn is_one(self) -> bool;
}

impl Figure for u64 {
    fn thousands(self) -> String {
        thousands_wide(u128::from(self))
    }
    fn votes(self) -> Votes {
        Votes::new(self)
    }
    fn is_one(self) -> bool {
        self == 1
    }
}

impl Figure for u32 {
    fn thousands(self) -> String {
        thousands_wide(u128::from(self))
    }
    fn votes(self) -> Votes {
        Votes::new(u64::from(self))
    }
    fn is_one(self) -> bool {
        self == 1
    }
}

impl Figure for Votes {
    fn thousands(self) -> String {
        self.to_string()
    }
    fn votes(self) -> Votes {
        self
    }
    fn is_one(self) -> bool {
        self == 1u64
    }
}

/// [`thousands`] for sums that may exceed 64 bits (only in messages about hostile files).
pub fn thousands_wide(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A signed change in votes: `+142,839`, `−8,001` (with a true minus sign), `0`.
pub fn signed_count(n: i128) -> String {
    let magnitude = thousands(n.unsigned_abs().min(u64::MAX as u128) as u64);
    match n.signum() {
        1 => format!("+{magnitude}"),
        -1 => format!("\u{2212}{magnitude}"),
        _ => magnitude,
    }
}

/// A change in votes from `before` to `after`: `+142,839`, `−8,001`, `+0.8832`, `0`.
pub fn signed_change(before: Votes, after: Votes) -> String {
    if after > before {
        format!("+{}", after - before)
    } else if after < before {
        format!("\u{2212}{}", before - after)
    } else {
        "0".to_string()
    }
}

/// `part / whole` as a percentage with one decimal: `"36.8%"`. `None` when `whole` is 0.
pub fn share(part: impl Figure, whole: impl Figure) -> Option<String> {
    part.votes().percent_of(whole.votes()).map(percent)
}

/// A time of day as a results desk gives it, in its own UTC offset: `"16:05"`, or with the
/// day, `"Fri 16:05"`, for a night that spans days.
pub fn time_of_day(at: chrono::DateTime<chrono::FixedOffset>, with_day: bool) -> String {
    let format = if with_day { "%a %H:%M" } else { "%H:%M" };
    at.format(format).to_string()
}

/// A percentage with one decimal: `36.78` → `"36.8%"`.
pub fn percent(p: f64) -> String {
    format!("{p:.1}%")
}

/// A change in percentage points with one decimal and a sign: `+3.2`, `−1.0`, and `±0.0`
/// for no change to one decimal (a bare `0.0` beside a share reads as another share).
pub fn signed_points(p: f64) -> String {
    let rounded = (p * 10.0).round() / 10.0;
    if rounded > 0.0 {
        format!("+{rounded:.1}")
    } else if rounded < 0.0 {
        format!("\u{2212}{:.1}", -rounded)
    } else {
        "\u{b1}0.0".to_string()
    }
}

/// True for characters that must never reach a terminal raw: C0 and C1 controls, DEL, and
/// the bidirectional overrides that can make text display differently from what it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Invisible characters that only join or restyle their neighbours: zero-width joiners and
/// non-joiners, variation selectors, emoji skin-tone modifiers, tag characters, soft hyphens,
/// word joiners. Terminals disagree about the width of what they build (a family of three
/// joined by ZWJs is two cells in one terminal and six in another; `❤` with VS16 is one or
/// two), and a cell a terminal draws wider or narrower than the screen buffer expects is
/// never redrawn: stale cells. Shown text drops them, so every grapheme is as wide in every
/// terminal as tally's layout says.
pub fn is_joiner(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0000}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// The halfwidth katakana sound marks `ﾞ` `ﾟ` are one cell in a terminal but two in the
/// screen buffer (ratatui adds one to what unicode-width already counts), so they are shown
/// as the spacing marks `゛` `゜`, which are two cells everywhere.
fn halfwidth_mark(c: char) -> char {
    match c {
        '\u{FF9E}' => '\u{309B}',
        '\u{FF9F}' => '\u{309C}',
        c => c,
    }
}

/// A string with every unsafe character as a visible escape and nothing else changed: for
/// files other programs read (CSV), where joiners are data, not a drawing problem.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(escaped).collect())
}

/// A character as shown: itself, or its visible escape when it is unsafe.
fn escaped(c: char) -> Cow<'static, str> {
    if is_unsafe(c) {
        Cow::Owned(format!("\\u{{{:x}}}", c as u32))
    } else {
        Cow::Owned(c.to_string())
    }
}

/// A dataset string made safe to print: each unsafe character becomes a visible escape
/// such as `\u{1b}`, so nothing is hidden and nothing is interpreted by the terminal, and
/// joiners (see [`is_joiner`]) are left out, so nothing is drawn wider than it is measured.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| is_unsafe(c) || is_joiner(c) || halfwidth_mark(c) != c)
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|&c| !is_joiner(c))
            .map(|c| escaped(halfwidth_mark(c)))
            .collect(),
    )
}

/// Where bytes stop being UTF-8 text: the first bad byte, and its line and column (from 1,
/// in characters) within the bytes given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    pub line: usize,
    pub column: usize,
    pub byte: u8,
}

/// The bytes as text, or where they stop being UTF-8: the one UTF-8 check every reader
/// uses, so every file says where the problem is the same way.
pub fn utf8(bytes: &[u8]) -> Result<&str, NotUtf8> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let before = String::from_utf8_lossy(&bytes[..at]);
        NotUtf8 {
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            byte: bytes[at],
        }
    })
}

/// A path named by the user, made safe to print like any untrusted string.
pub fn path(p: &std::path::Path) -> String {
    clean(&p.display().to_string()).into_owned()
}

/// The graphemes of a string as the screen holds them, each with its width in cells: exactly
/// what ratatui's buffer writes (graphemes holding a control character, and zero-width ones,
/// take no cell). Layout, drawing and export all measure text this one way, so a name with
/// combining marks, joiners or wide characters lines up wherever it is shown.
pub fn cells(s: &str) -> impl Iterator<Item = (&str, usize)> {
    use ratatui::buffer::CellWidth;
    use unicode_segmentation::UnicodeSegmentation;
    s.graphemes(true)
        .filter(|g| !g.contains(char::is_control))
        .map(|g| (g, usize::from(g.cell_width())))
        .filter(|(_, w)| *w > 0)
}

/// The symbols tally draws most, each one cell wide and a grapheme of its own.
const SIMPLE_SYMBOLS: &[char] = &[
    '·', '±', '–', '−', '…', '←', '↑', '→', '↓', '≈', '│', '┃', '┊', '█', '▉', '▊', '▋', '▌', '▍',
    '▎', '▏', '░', '▲', '○', '●', '›', '✓', '✗', '★',
];

/// A character that is one cell wide and never part of a longer grapheme with its
/// neighbours when they are simple too: printable ASCII, Latin-1 letters, and tally's own
/// symbols. A string of only these is one cell per character, which is much quicker to
/// measure and draw than splitting it into graphemes (`cells`).
pub fn is_simple(c: char) -> bool {
    matches!(c, ' '..='~' | 'À'..='ÿ') || SIMPLE_SYMBOLS.contains(&c)
}

/// The display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    if s.chars().all(is_simple) {
        return s.chars().count();
    }
    cells(s).map(|(_, w)| w).sum()
}

/// Pad (or cut, with `…`) a string to exactly `w` cells, left-aligned. Cuts fall between
/// graphemes, never inside one.
pub fn fit(s: &str, w: usize) -> String {
    let sw = width(s);
    if sw <= w {
        let mut out = s.to_string();
        out.extend(std::iter::repeat_n(' ', w - sw));
        return out;
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for (g, gw) in cells(s) {
        if used + gw > w - 1 {
            break;
        }
        out.push_str(g);
        used += gw;
    }
    out.push('…');
    used += 1;
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// Right-align a string in `w` cells (never cuts).
pub fn right(s: &str, w: usize) -> String {
    let sw = width(s);
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(sw)).collect();
    out.push_str(s);
    out
}

/// Word-wrap `s` to `w` cells, each line starting with `indent`; later lines with
/// `hanging` (so a list item's text lines up after its bullet). Words longer than a line
/// are left whole.
pub fn wrap(s: &str, w: usize, indent: &str, hanging: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    // The line's width, kept as words are added rather than measured again each time.
    let mut line_w = width(indent);
    let mut empty = true;
    for word in s.split_whitespace() {
        let word_w = width(word);
        if !empty && line_w + 1 + word_w > w {
            out.push_str(&line);
            out.push('\n');
            line = String::from(hanging);
            line_w = width(hanging);
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_w += 1;
        }
        line.push_str(word);
        line_w += word_w;
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The option most like `found`, if any is close enough to be a likely misspelling.
pub fn closest<'a>(found: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = found.to_lowercase();
    options
        .into_iter()
        .map(|o| {
            let other = o.to_lowercase();
            // One edit (a typo or two swapped letters) is close whatever the length;
            // otherwise Jaro-Winkler, which favours a shared beginning.
            let edits = strsim::damerau_levenshtein(&lower, &other);
            let score = if edits <= 1 {
                1.0 - edits as f64 * 0.01
            } else {
                strsim::jaro_winkler(&lower, &other)
            };
            (score, o)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o)
}

/// `a`, `b` and `c`.
pub fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_characters_are_one_cell_and_a_grapheme_each() {
        use ratatui::buffer::CellWidth;
        use unicode_segmentation::UnicodeSegmentation;
        let all: String = (' '..='~')
            .chain('À'..='ÿ')
            .chain(SIMPLE_SYMBOLS.iter().copied())
            .collect();
        assert!(all.chars().all(is_simple));
        for c in all.chars() {
            let s = c.to_string();
            assert_eq!(s.as_str().cell_width(), 1, "{c:?}");
        }
        assert_eq!(all.graphemes(true).count(), all.chars().count());
        assert_eq!(width(&all), cells(&all).map(|(_, w)| w).sum::<usize>());
        assert!(!is_simple('\u{301}') && !is_simple('\u{200d}') && !is_simple('\u{fe0f}'));
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(thousands(0u64), "0");
        assert_eq!(thousands(999u64), "999");
        assert_eq!(thousands(1000u64), "1,000");
        assert_eq!(thousands(1_863_671u64), "1,863,671");
        assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(signed_count(142_839), "+142,839");
        assert_eq!(signed_count(-5), "\u{2212}5");
        assert_eq!(signed_count(0), "0");
    }

    #[test]
    fn shares_round_to_one_decimal() {
        assert_eq!(share(685_541u64, 1_863_671u64).as_deref(), Some("36.8%"));
        assert_eq!(share(1u64, 0u64), None);
        assert_eq!(signed_points(3.25), "+3.3");
        assert_eq!(signed_points(-0.04), "\u{b1}0.0");
        assert_eq!(signed_points(0.0), "\u{b1}0.0");
        assert_eq!(signed_points(-1.0), "\u{2212}1.0");
    }

    #[test]
    fn clean_escapes_controls_and_bidi_overrides() {
        assert_eq!(clean("Ken Livingstone"), "Ken Livingstone");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
        assert_eq!(clean("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(clean("x\u{9b}y\u{202e}z\n"), "x\\u{9b}y\\u{202e}z\\u{a}");
    }

    #[test]
    fn joiners_are_left_out_of_shown_text() {
        assert_eq!(clean("Fam 👨\u{200d}👩\u{200d}👧"), "Fam 👨👩👧");
        assert_eq!(clean("❤\u{fe0f} 👍\u{1f3fd}"), "❤ 👍");
        assert_eq!(clean("Zoe\u{308}"), "Zoe\u{308}", "combining marks stay");
    }

    /// What most terminals take a grapheme's width to be: the sum of its characters' widths.
    fn terminal_width(g: &str) -> usize {
        g.chars()
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum()
    }

    proptest::proptest! {
        /// After cleaning, the screen buffer and a terminal agree on every grapheme's width.
        #[test]
        fn shown_text_is_as_wide_in_any_terminal_as_on_the_screen(
            s in "[a-zé\u{300}-\u{36f}\u{200b}-\u{200f}\u{fe0e}\u{fe0f}\u{1f3fb}-\u{1f3ff}\u{1f466}-\u{1f469}\u{2764}\u{1f1e6}-\u{1f1ff}\u{20e3}\u{4e00}-\u{4e10}\u{ff9e}\u{ff71} 0-9\u{644}\u{627}\u{1100}\u{1161}\u{e0061}\u{e007f}\u{ad}]{0,12}"
        ) {
            let shown = clean(&s);
            for (g, w) in cells(&shown) {
                proptest::prop_assert_eq!(w, terminal_width(g), "{:?} in {:?}", g, s);
            }
        }
    }

    #[test]
    fn closest_ignores_distant_words() {
        assert_eq!(closest("colour", ["color", "name"]), Some("color"));
        assert_eq!(closest("zzz", ["electorate", "name"]), None);
        assert_eq!(closest("bbo", ["bob", "amy"]), Some("bob"));
        assert_eq!(list(&["a", "b", "c"]), "`a`, `b` or `c`");
    }

    #[test]
    fn wrap_breaks_between_words_with_a_hanging_indent() {
        assert_eq!(
            wrap("one two three four", 9, "- ", "  "),
            "- one two\n  three\n  four\n"
        );
        assert_eq!(wrap("", 10, "  ", "  "), "  \n");
    }

    #[test]
    fn width_is_what_the_screen_buffer_takes() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        // Combining marks, a joiner sequence, wide characters, a control character.
        for s in [
            "Zoe\u{308} Siân",
            "e\u{301}\u{301}x",
            "\u{301}lone mark",
            "👨\u{200d}👩\u{200d}👧 family",
            "a\u{200d}b",
            "中文 名字",
            "x\u{7}y",
            "ﾊﾞ",
            "ﾊ゛",
        ] {
            let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
            let (end, _) = buf.set_stringn(0, 0, s, 40, ratatui::style::Style::default());
            assert_eq!(width(s), end as usize, "{s:?}");
        }
    }

    #[test]
    fn fit_cuts_between_graphemes() {
        assert_eq!(
            fit("e\u{301}e\u{301}e\u{301}", 3),
            "e\u{301}e\u{301}e\u{301}"
        );
        assert_eq!(fit("e\u{301}e\u{301}e\u{301}x", 3), "e\u{301}e\u{301}…");
        assert_eq!(fit("中文名", 4), "中… ");
    }

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("Siân", 6), "Siân  ");
        assert_eq!(fit("Livingstone", 5), "Livi…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(right("12", 4), "  12");
    }
}
