//! Horizontal bars smooth to an eighth of a cell, drawn with the block elements
//! `▏▎▍▌▋▊▉█`. ratatui's BarChart moves in whole cells, which makes an animated transfer
//! jerk; eighths make it glide.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

const EIGHTHS: [char; 9] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// The bar for `value` on a scale where `max` fills `width` cells, exactly `width` cells
/// long (padded with spaces). Values outside 0..=max are clamped.
pub fn bar(value: f64, max: f64, width: u16) -> String {
    let width = width as usize;
    if width == 0 {
        return String::new();
    }
    let fraction = if max > 0.0 && value.is_finite() {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let eighths = (fraction * width as f64 * 8.0).round() as usize;
    let full = eighths / 8;
    let mut out: String = std::iter::repeat_n('█', full.min(width)).collect();
    if full < width {
        out.push(EIGHTHS[eighths % 8]);
        out.extend(std::iter::repeat_n(' ', width - full - 1));
    }
    out
}

/// Draw the bar for `value` straight into the buffer at (x, y), `width` cells long, clipped
/// to `area`. The same cells as [`bar`], without building a string and segmenting it again:
/// bars are most of what the viewer draws, so this keeps frames fast.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    value: f64,
    max: f64,
    width: u16,
    style: Style,
) {
    if y < area.y || y >= area.bottom() || width == 0 {
        return;
    }
    let fraction = if max > 0.0 && value.is_finite() {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let eighths = (fraction * width as f64 * 8.0).round() as usize;
    let full = eighths / 8;
    for k in 0..width as usize {
        let cx = x.saturating_add(k as u16);
        if cx < area.x || cx >= area.right() {
            continue;
        }
        let ch = if k < full {
            '█'
        } else if k == full {
            EIGHTHS[eighths % 8]
        } else {
            ' '
        };
        buf[(cx, y)].set_char(ch).set_style(style);
    }
}

/// The column (0-based, within `width`) where `value` falls on the scale.
pub fn column(value: f64, max: f64, width: u16) -> u16 {
    if max <= 0.0 || width == 0 {
        return 0;
    }
    (((value / max).clamp(0.0, 1.0) * width as f64) as u16).min(width - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_smooth_to_an_eighth() {
        assert_eq!(bar(0.0, 10.0, 4), "    ");
        assert_eq!(bar(10.0, 10.0, 4), "████");
        assert_eq!(bar(5.0, 10.0, 4), "██  ");
        assert_eq!(bar(1.0, 4.0, 2), "▌ ", "half a cell");
        assert_eq!(bar(1.0, 16.0, 2), "▏ ", "an eighth of a cell");
        assert_eq!(
            bar(1.0, 64.0, 2),
            "  ",
            "under half an eighth rounds to nothing"
        );
        assert_eq!(bar(f64::NAN, 1.0, 3), "   ");
        assert_eq!(bar(5.0, 0.0, 3), "   ");
        assert_eq!(bar(1.0, 1.0, 0), "");
    }

    #[test]
    fn draw_writes_the_same_cells_as_the_string() {
        let area = Rect::new(0, 0, 12, 1);
        for v in [0.0, 1.0, 3.3, 7.9, 10.0] {
            let mut buf = Buffer::empty(area);
            draw(&mut buf, area, 1, 0, v, 10.0, 10, Style::default());
            let drawn: String = (1..11).map(|x| buf[(x, 0)].symbol().to_string()).collect();
            assert_eq!(drawn, bar(v, 10.0, 10), "value {v}");
        }
    }

    #[test]
    fn every_bar_is_exactly_its_width() {
        for w in 0..20u16 {
            for v in 0..=64 {
                assert_eq!(bar(v as f64, 64.0, w).chars().count(), w as usize);
            }
        }
    }
}
