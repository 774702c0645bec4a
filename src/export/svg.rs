//! A self-contained SVG image of the terminal grid: monospace text on the theme's
//! background, cell colours and modifiers, and the characters that fonts draw unreliably
//! (eighth blocks, shades, the lines of box drawing) drawn as exact shapes, so bars are
//! as smooth and as long in the image as on screen. It opens in any browser.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use crate::app::Theme;

/// Cell size in pixels; the font size fits a monospace glyph in it.
const CW: f64 = 9.0;
const CH: f64 = 18.0;
const FONT: f64 = 15.0;

/// Default background and text colours of the image per theme.
fn base(theme: Theme) -> (&'static str, &'static str) {
    match theme {
        Theme::Light => ("#fdfdfd", "#1c1c1c"),
        Theme::Dark | Theme::Mono => ("#1c1c1c", "#d8d8d8"),
    }
}

fn hex(c: Color, default: &str, theme: Theme) -> String {
    let named = |dark: &str, light: &str| {
        if theme == Theme::Light {
            light.to_string()
        } else {
            dark.to_string()
        }
    };
    match c {
        Color::Reset => default.to_string(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Black => "#000000".into(),
        Color::Red => "#cd3131".into(),
        Color::Green => "#0dbc79".into(),
        Color::Yellow => "#b5b500".into(),
        Color::Blue => "#2472c8".into(),
        Color::Magenta => "#bc3fbc".into(),
        Color::Cyan => "#11a8cd".into(),
        Color::Gray => named("#bcbcbc", "#6e6e6e"),
        Color::DarkGray => named("#767676", "#5a5a5a"),
        Color::LightRed => "#f14c4c".into(),
        Color::LightGreen => "#23d18b".into(),
        Color::LightYellow => "#f5f543".into(),
        Color::LightBlue => "#3b8eea".into(),
        Color::LightMagenta => "#d670d6".into(),
        Color::LightCyan => "#29b8db".into(),
        Color::White => "#e5e5e5".into(),
        Color::Indexed(i) => indexed(i),
    }
}

/// The xterm 256-colour palette.
fn indexed(i: u8) -> String {
    const BASIC: [&str; 16] = [
        "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
        "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
    ];
    match i {
        0..=15 => BASIC[i as usize].to_string(),
        16..=231 => {
            let i = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            format!(
                "#{:02x}{:02x}{:02x}",
                level(i / 36),
                level((i / 6) % 6),
                level(i % 6)
            )
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            format!("#{v:02x}{v:02x}{v:02x}")
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if crate::text::is_unsafe(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// How a character is drawn when it is not text.
enum Shape {
    /// A block from the left edge, this fraction of the cell wide, at this opacity.
    Left(f64, f64),
    /// The upper or lower half.
    Half(bool),
    /// A vertical line through the middle, dashed or not.
    Vertical(bool),
    Horizontal,
    /// Quarter cells: upper-left 1, upper-right 2, lower-left 4, lower-right 8.
    Quadrants(u8),
}

fn shape(symbol: &str) -> Option<Shape> {
    let mut chars = symbol.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    Some(match c {
        '█' => Shape::Left(1.0, 1.0),
        '▉' => Shape::Left(7.0 / 8.0, 1.0),
        '▊' => Shape::Left(6.0 / 8.0, 1.0),
        '▋' => Shape::Left(5.0 / 8.0, 1.0),
        '▌' => Shape::Left(4.0 / 8.0, 1.0),
        '▍' => Shape::Left(3.0 / 8.0, 1.0),
        '▎' => Shape::Left(2.0 / 8.0, 1.0),
        '▏' => Shape::Left(1.0 / 8.0, 1.0),
        '░' => Shape::Left(1.0, 0.3),
        '▒' => Shape::Left(1.0, 0.5),
        '▓' => Shape::Left(1.0, 0.75),
        '▀' => Shape::Half(true),
        '▄' => Shape::Half(false),
        '│' => Shape::Vertical(false),
        '┊' | '┆' | '╎' => Shape::Vertical(true),
        '─' => Shape::Horizontal,
        '▘' => Shape::Quadrants(1),
        '▝' => Shape::Quadrants(2),
        '▖' => Shape::Quadrants(4),
        '▗' => Shape::Quadrants(8),
        '▐' => Shape::Quadrants(2 | 8),
        '▚' => Shape::Quadrants(1 | 8),
        '▞' => Shape::Quadrants(2 | 4),
        '▛' => Shape::Quadrants(1 | 2 | 4),
        '▜' => Shape::Quadrants(1 | 2 | 8),
        '▙' => Shape::Quadrants(1 | 4 | 8),
        '▟' => Shape::Quadrants(2 | 4 | 8),
        '┃' => Shape::Vertical(false),
        _ => return None,
    })
}

/// The image of a rendered screen.
pub fn svg(buf: &Buffer, theme: Theme) -> String {
    let (bg, fg) = base(theme);
    let (w, h) = (buf.area.width as f64 * CW, buf.area.height as f64 * CH);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace" font-size="{FONT}">"#
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="{bg}"/>"#);
    for y in 0..buf.area.height {
        let top = y as f64 * CH;
        let mut word: Option<(u16, String, String)> = None; // start column, text, attributes
        let flush = |out: &mut String, word: &mut Option<(u16, String, String)>, end: u16| {
            if let Some((start, text, attrs)) = word.take() {
                let cells = (end - start) as f64;
                let _ = writeln!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" textLength="{:.1}" lengthAdjust="spacingAndGlyphs"{attrs}>{}</text>"#,
                    start as f64 * CW,
                    top + CH * 0.76,
                    cells * CW,
                    escape(&text)
                );
            }
        };
        for (x, cell) in super::row(buf, y) {
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut cfg, mut cbg) = (hex(cell.fg, fg, theme), hex(cell.bg, bg, theme));
            if reversed {
                std::mem::swap(&mut cfg, &mut cbg);
            }
            let left = x as f64 * CW;
            if cbg != bg {
                let _ = writeln!(
                    out,
                    r#"<rect x="{left:.1}" y="{top:.1}" width="{CW}" height="{CH}" fill="{cbg}"/>"#
                );
            }
            let opacity = if cell.modifier.contains(Modifier::DIM) {
                r#" fill-opacity="0.6""#
            } else {
                ""
            };
            let symbol = cell.symbol();
            if let Some(s) = shape(symbol) {
                flush(&mut out, &mut word, x);
                let _ = match s {
                    Shape::Left(frac, alpha) => writeln!(
                        out,
                        r#"<rect x="{left:.1}" y="{top:.1}" width="{:.2}" height="{CH}" fill="{cfg}" fill-opacity="{alpha}"/>"#,
                        CW * frac + 0.01
                    ),
                    Shape::Half(upper) => writeln!(
                        out,
                        r#"<rect x="{left:.1}" y="{:.1}" width="{CW}" height="{:.1}" fill="{cfg}"/>"#,
                        if upper { top } else { top + CH / 2.0 },
                        CH / 2.0
                    ),
                    Shape::Vertical(dashed) => writeln!(
                        out,
                        r#"<line x1="{0:.1}" y1="{top:.1}" x2="{0:.1}" y2="{1:.1}" stroke="{cfg}" stroke-width="1.2"{2}/>"#,
                        left + CW / 2.0,
                        top + CH,
                        if dashed {
                            r#" stroke-dasharray="2 2""#
                        } else {
                            ""
                        }
                    ),
                    Shape::Quadrants(mask) => {
                        for (bit, dx, dy) in
                            [(1u8, 0.0, 0.0), (2, 0.5, 0.0), (4, 0.0, 0.5), (8, 0.5, 0.5)]
                        {
                            if mask & bit != 0 {
                                let _ = writeln!(
                                    out,
                                    r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{cfg}"/>"#,
                                    left + dx * CW,
                                    top + dy * CH,
                                    CW / 2.0 + 0.01,
                                    CH / 2.0 + 0.01
                                );
                            }
                        }
                        Ok(())
                    }
                    Shape::Horizontal => writeln!(
                        out,
                        r#"<line x1="{left:.1}" y1="{0:.1}" x2="{1:.1}" y2="{0:.1}" stroke="{cfg}" stroke-width="1.2"/>"#,
                        top + CH / 2.0,
                        left + CW
                    ),
                };
                continue;
            }
            if symbol == " " {
                flush(&mut out, &mut word, x);
                continue;
            }
            let mut attrs = String::new();
            if cfg != fg {
                let _ = write!(attrs, r#" fill="{cfg}""#);
            } else {
                let _ = write!(attrs, r#" fill="{fg}""#);
            }
            if cell.modifier.contains(Modifier::BOLD) {
                attrs.push_str(r#" font-weight="bold""#);
            }
            if cell.modifier.contains(Modifier::UNDERLINED) {
                attrs.push_str(r#" text-decoration="underline""#);
            }
            attrs.push_str(opacity);
            match &mut word {
                Some((_, text, a)) if *a == attrs => text.push_str(symbol),
                _ => {
                    flush(&mut out, &mut word, x);
                    word = Some((x, symbol.to_string(), attrs));
                }
            }
        }
        flush(&mut out, &mut word, buf.area.width);
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn text_is_escaped_and_blocks_are_rectangles() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "a<b ██▌", Style::default().fg(Color::Rgb(228, 0, 59)));
        let out = svg(&buf, Theme::Dark);
        assert!(out.contains(">a&lt;b</text>"), "{out}");
        assert_eq!(
            out.matches(r##"fill="#e4003b" fill-opacity="1""##).count(),
            3
        );
        assert!(
            out.contains(r#"width="4.51""#),
            "the half block is half a cell: {out}"
        );
        assert!(out.starts_with("<svg") && out.trim_end().ends_with("</svg>"));
    }
}
