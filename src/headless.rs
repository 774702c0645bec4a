//! Drawing the viewer's screen without a terminal, for `tally render` and the screenshots.
//!
//! It builds the same `App` the viewer would have, puts it at the requested step (or part
//! way through an animation), and draws `ui::Screen` into a buffer: exactly the screen the
//! viewer shows, by the same code path.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Msg, Options, Theme, View, update};
use crate::count::Counted;
use crate::ui::Screen;

/// Which moment of the count to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// The result.
    Last,
    /// 0 = nothing counted, k = round k, fractions part way through an animation.
    At(f64),
}

impl std::str::FromStr for Step {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s == "last" {
            return Ok(Step::Last);
        }
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(Step::At(v)),
            _ => Err(format!(
                "`{s}` is not a step: give a number such as 1, 2 or 1.5, or `last`"
            )),
        }
    }
}

/// A terminal size, `120x40`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u16,
    pub height: u16,
}

impl std::str::FromStr for Size {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!("`{s}` is not a size: write it as WIDTHxHEIGHT, e.g. 120x40 (each 1 to 1000)")
        };
        let (w, h) = s.split_once(['x', 'X', '×']).ok_or_else(bad)?;
        let parse = |v: &str| {
            v.trim()
                .parse::<u16>()
                .ok()
                .filter(|v| (1..=1000).contains(v))
        };
        Ok(Size {
            width: parse(w).ok_or_else(bad)?,
            height: parse(h).ok_or_else(bad)?,
        })
    }
}

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub struct Shot {
    pub view: View,
    pub step: Step,
    pub size: Size,
    pub theme: Theme,
    /// Presenter mode at this beat (0-based), instead of the viewer.
    pub present: Option<usize>,
}

/// Draw `contests[index]` as the viewer would show it.
pub fn render(contests: Vec<Counted>, index: usize, shot: Shot) -> Result<Buffer, String> {
    // Animation on, as the viewer runs by default; `Msg::Seek` places the moment exactly.
    let mut app = App::new(
        contests,
        index,
        Options {
            animate: true,
            theme: shot.theme,
            ..Options::default()
        },
    );
    update(&mut app, Msg::Resize(shot.size.width, shot.size.height));
    update(&mut app, Msg::Show(shot.view));
    let steps = app.steps();
    let step = match shot.step {
        Step::Last => steps as f64,
        Step::At(s) => s,
    };
    if !(0.0..=steps as f64).contains(&step) {
        return Err(format!(
            "step {step} is outside this count: steps go from 0 (nothing counted) to {steps} (the last round)"
        ));
    }
    update(&mut app, Msg::Seek(step));
    if let Some(beat) = shot.present {
        let beats = crate::story::present::beats(app.contest()).len();
        if beat >= beats {
            return Err(format!(
                "presenter step {} is past the last ({beats})",
                beat + 1
            ));
        }
        update(&mut app, Msg::Beat(beat));
    }
    Ok(render_app(&mut app, shot.size.width, shot.size.height))
}

/// Draw `contests[index]` as the viewer would show it, written in `format`.
pub fn draw(
    contests: Vec<Counted>,
    index: usize,
    shot: Shot,
    format: crate::export::Format,
) -> Result<String, String> {
    let buf = render(contests, index, shot)?;
    Ok(crate::export::write(&buf, format, shot.theme))
}

/// Draw an app at a size, as the viewer's loop does: for tests and tools that drive `App`
/// themselves. What the drawing found out (tabs, scroll limits) goes back to the app as
/// `Msg::Drawn`, and the screen is drawn again if that changed anything.
pub fn render_app(app: &mut App, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    let geometry = Screen { app }.draw(area, &mut buf);
    if update(app, Msg::Drawn(geometry)) {
        // A scroll was clamped to what fits: the second drawing is final.
        buf = Buffer::empty(area);
        let geometry = Screen { app }.draw(area, &mut buf);
        update(app, Msg::Drawn(geometry));
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_steps_parse_with_clear_errors() {
        assert_eq!(
            "120x40".parse::<Size>(),
            Ok(Size {
                width: 120,
                height: 40
            })
        );
        assert!("120".parse::<Size>().unwrap_err().contains("WIDTHxHEIGHT"));
        assert!("0x5".parse::<Size>().is_err());
        assert_eq!("last".parse::<Step>(), Ok(Step::Last));
        assert_eq!("1.5".parse::<Step>(), Ok(Step::At(1.5)));
        assert!("-1".parse::<Step>().is_err());
    }

    #[test]
    fn half_way_through_the_2004_transfer() {
        let all = crate::import::load_all().unwrap();
        let shot = Shot {
            view: View::Count,
            step: Step::At(1.5),
            size: Size {
                width: 100,
                height: 30,
            },
            theme: Theme::Dark,
            present: None,
        };
        let text = crate::export::txt(&render(all.clone(), 1, shot).unwrap());
        assert!(
            text.contains("Round 2 of 2") && text.contains("756,961"),
            "{text}"
        );
        let past = Shot {
            step: Step::At(2.5),
            ..shot
        };
        let e = render(all, 1, past).unwrap_err();
        assert!(e.contains("from 0 (nothing counted) to 2"), "{e}");
    }
}
