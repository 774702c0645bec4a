//! Turning a rendered screen (a ratatui `Buffer`) into files: plain text, text with ANSI
//! colours, or a self-contained SVG image of the terminal grid.
//!
//! `tally render` and the committed screenshots use these, drawing with exactly the code the
//! viewer uses. The buffer holds only text that the views already cleaned, and every exporter
//! escapes what its format needs.

pub mod ansi;
pub mod svg;

use ratatui::buffer::Buffer;

/// The screen as plain characters, one line per row, trailing spaces trimmed.
pub fn txt(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(buf.area.x + x, buf.area.y + y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn txt_trims_trailing_spaces() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 2));
        buf.set_string(0, 0, "ab", Style::default());
        assert_eq!(txt(&buf), "ab\n\n");
    }
}
