//! Text for people: numbers with thousands separators, percentages, and untrusted strings
//! made safe to print.
//!
//! Every output of tally (tables, narration, error messages, the viewer) formats numbers
//! through here so that 1,863,671 and 36.8% look the same everywhere, and every string that
//! came from a dataset passes through [`clean`] before it reaches a terminal.

use std::borrow::Cow;

/// `1863671` → `"1,863,671"`.
pub fn count(n: u64) -> String {
    count_wide(u128::from(n))
}

/// [`count`] for sums that may exceed 64 bits (only in messages about hostile files).
pub fn count_wide(n: u128) -> String {
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
    let magnitude = count(n.unsigned_abs().min(u64::MAX as u128) as u64);
    match n.signum() {
        1 => format!("+{magnitude}"),
        -1 => format!("\u{2212}{magnitude}"),
        _ => magnitude,
    }
}

/// `part / whole` as a percentage with one decimal: `"36.8%"`. `None` when `whole` is 0.
pub fn share(part: u64, whole: u64) -> Option<String> {
    (whole > 0).then(|| percent(part as f64 * 100.0 / whole as f64))
}

/// A percentage with one decimal: `36.78` → `"36.8%"`.
pub fn percent(p: f64) -> String {
    format!("{p:.1}%")
}

/// A change in percentage points with one decimal and a sign: `+3.2`, `−1.0`.
pub fn signed_points(p: f64) -> String {
    let rounded = (p * 10.0).round() / 10.0;
    if rounded > 0.0 {
        format!("+{rounded:.1}")
    } else if rounded < 0.0 {
        format!("\u{2212}{:.1}", -rounded)
    } else {
        "0.0".to_string()
    }
}

/// True for characters that must never reach a terminal raw: C0 and C1 controls, DEL, and
/// the bidirectional overrides that can make text display differently from what it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// A dataset string made safe to print: each unsafe character becomes a visible escape
/// such as `\u{1b}`, so nothing is hidden and nothing is interpreted by the terminal.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Pad (or cut, with `…`) a string to exactly `w` cells, left-aligned.
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
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw > w - 1 {
            break;
        }
        out.push(c);
        used += cw;
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
    let mut empty = true;
    for word in s.split_whitespace() {
        if !empty && width(&line) + 1 + width(word) > w {
            out.push_str(&line);
            out.push('\n');
            line = String::from(hanging);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1_863_671), "1,863,671");
        assert_eq!(count(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(signed_count(142_839), "+142,839");
        assert_eq!(signed_count(-5), "\u{2212}5");
        assert_eq!(signed_count(0), "0");
    }

    #[test]
    fn shares_round_to_one_decimal() {
        assert_eq!(share(685_541, 1_863_671).as_deref(), Some("36.8%"));
        assert_eq!(share(1, 0), None);
        assert_eq!(signed_points(3.25), "+3.3");
        assert_eq!(signed_points(-0.04), "0.0");
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
    fn wrap_breaks_between_words_with_a_hanging_indent() {
        assert_eq!(
            wrap("one two three four", 9, "- ", "  "),
            "- one two\n  three\n  four\n"
        );
        assert_eq!(wrap("", 10, "  ", "  "), "  \n");
    }

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("Siân", 6), "Siân  ");
        assert_eq!(fit("Livingstone", 5), "Livi…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(right("12", 4), "  12");
    }
}
