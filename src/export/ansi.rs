//! The screen as text with ANSI SGR colour sequences, for `cat`-ing to a terminal or pasting
//! into anything that understands them.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// SGR parameters for a foreground (`fg`) or background colour.
fn colour(c: Color, fg: bool) -> Option<String> {
    let base = if fg { 30 } else { 40 };
    let code = match c {
        Color::Reset => return None,
        Color::Black => base,
        Color::Red => base + 1,
        Color::Green => base + 2,
        Color::Yellow => base + 3,
        Color::Blue => base + 4,
        Color::Magenta => base + 5,
        Color::Cyan => base + 6,
        Color::Gray => base + 7,
        Color::DarkGray => base + 60,
        Color::LightRed => base + 61,
        Color::LightGreen => base + 62,
        Color::LightYellow => base + 63,
        Color::LightBlue => base + 64,
        Color::LightMagenta => base + 65,
        Color::LightCyan => base + 66,
        Color::White => base + 67,
        Color::Rgb(r, g, b) => return Some(format!("{};2;{r};{g};{b}", base + 8)),
        Color::Indexed(i) => return Some(format!("{};5;{i}", base + 8)),
    };
    Some(code.to_string())
}

fn sgr(fg: Color, bg: Color, m: Modifier) -> String {
    let mut parts = vec!["0".to_string()];
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(flag) {
            parts.push(code.to_string());
        }
    }
    parts.extend(colour(fg, true));
    parts.extend(colour(bg, false));
    format!("\x1b[{}m", parts.join(";"))
}

/// Each row with its styles; every line ends with a reset, so nothing leaks.
pub fn ansi(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut current: Option<(Color, Color, Modifier)> = None;
        let mut line = String::new();
        for (_, cell) in super::row(buf, y) {
            let style = (cell.fg, cell.bg, cell.modifier);
            if current != Some(style) {
                line.push_str(&sgr(style.0, style.1, style.2));
                current = Some(style);
            }
            line.push_str(cell.symbol());
        }
        let _ = writeln!(out, "{}\x1b[0m", line.trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn colours_and_modifiers_become_sgr_and_lines_reset() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf.set_string(
            0,
            0,
            "ab",
            Style::default()
                .fg(Color::Rgb(228, 0, 59))
                .add_modifier(Modifier::BOLD),
        );
        let out = ansi(&buf);
        assert!(out.starts_with("\x1b[0;1;38;2;228;0;59mab"), "{out:?}");
        assert!(out.ends_with("\x1b[0m\n"));
    }

    #[test]
    fn a_wide_character_is_not_followed_by_an_extra_space() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf.set_string(0, 0, "中x", Style::default());
        assert_eq!(ansi(&buf), "\x1b[0m中x\x1b[0m\n");
    }
}
