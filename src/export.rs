//! Turning a rendered screen (a ratatui `Buffer`) into files: plain text, text with ANSI
//! colours, or a self-contained SVG image of the terminal grid.
//!
//! `tally render` and the committed screenshots use these, drawing with exactly the code the
//! viewer uses. The buffer holds only text that the views already cleaned, and every exporter
//! escapes what its format needs.

pub mod ansi;
pub mod svg;

use ratatui::buffer::{Buffer, Cell};

use crate::app::Theme;

/// The forms a screen can be written in. Also `tally render --format`'s values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Txt,
    Ansi,
    Svg,
}

impl Format {
    /// The format a file's extension asks for (`.svg`, `.ansi`); text otherwise.
    pub fn for_file(path: Option<&std::path::Path>) -> Format {
        match path.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some("svg") => Format::Svg,
            Some("ansi") => Format::Ansi,
            _ => Format::Txt,
        }
    }
}

/// A screen in a format.
pub fn write(buf: &Buffer, format: Format, theme: Theme) -> String {
    match format {
        Format::Txt => txt(buf),
        Format::Ansi => ansi::ansi(buf),
        Format::Svg => svg::svg(buf, theme),
    }
}

/// The screen as plain characters, one line per row, trailing spaces trimmed.
pub fn txt(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for (_, cell) in row(buf, y) {
            line.push_str(cell.symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The cells of row `y` that a terminal shows, with their columns: a wide character's cell,
/// and not the cells it covers (which the buffer holds as blanks).
pub fn row(buf: &Buffer, y: u16) -> impl Iterator<Item = (u16, &Cell)> {
    let mut covered_until = 0u16;
    (0..buf.area.width).filter_map(move |x| {
        if x < covered_until {
            return None;
        }
        let cell = &buf[(buf.area.x + x, buf.area.y + y)];
        covered_until = x + crate::text::width(cell.symbol()).max(1) as u16;
        Some((x, cell))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn wide_characters_take_their_two_cells_and_no_more() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, "中文|e\u{301}|", Style::default());
        assert_eq!(txt(&buf), "中文|e\u{301}|\n");
        assert_eq!(crate::text::width("中文|e\u{301}|"), 7);
    }

    #[test]
    fn txt_trims_trailing_spaces() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 2));
        buf.set_string(0, 0, "ab", Style::default());
        assert_eq!(txt(&buf), "ab\n\n");
    }
}
