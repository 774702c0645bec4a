//! Colours for dark and light terminals, and none at all (mono, or `NO_COLOR`).
//!
//! Colour never carries meaning alone: every state a colour marks (elected, eliminated,
//! exhausted, the threshold) is also written as a glyph or a word by the views. In mono
//! only modifiers (bold, dim, reverse) are used.

use ratatui::style::{Color, Modifier, Style};

use crate::app::Theme;
use crate::model::parse_colour;

#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub theme: Theme,
}

/// A neutral colour for candidates without a party colour.
const NEUTRAL: (u8, u8, u8) = (0x9a, 0x9a, 0x9a);

impl Palette {
    pub fn new(theme: Theme) -> Self {
        Palette { theme }
    }

    fn mono(&self) -> bool {
        self.theme == Theme::Mono
    }

    pub fn text(&self) -> Style {
        Style::default()
    }

    pub fn dim(&self) -> Style {
        match self.theme {
            Theme::Mono => Style::default().add_modifier(Modifier::DIM),
            Theme::Dark => Style::default().fg(Color::Gray),
            Theme::Light => Style::default().fg(Color::DarkGray),
        }
    }

    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn selected_tab(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn elected(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.mono() {
            s
        } else {
            s.fg(if self.theme == Theme::Light {
                Color::Rgb(0, 110, 40)
            } else {
                Color::LightGreen
            })
        }
    }

    pub fn eliminated(&self) -> Style {
        self.dim()
    }

    pub fn threshold(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.mono() {
            s
        } else {
            s.fg(if self.theme == Theme::Light {
                Color::Rgb(170, 0, 120)
            } else {
                Color::LightMagenta
            })
        }
    }

    pub fn warning(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.mono() {
            s
        } else {
            s.fg(if self.theme == Theme::Light {
                Color::Rgb(160, 60, 0)
            } else {
                Color::LightYellow
            })
        }
    }

    /// The bar colour for a candidate's party colour (`#rrggbb`), adjusted for the theme.
    pub fn party(&self, colour: Option<&str>) -> Style {
        if self.mono() {
            return Style::default();
        }
        let (r, g, b) = colour.and_then(parse_colour).unwrap_or(NEUTRAL);
        let (r, g, b) = match self.theme {
            // Light backgrounds need darker colours for contrast (Lib Dem gold, Reform cyan).
            Theme::Light => (darken(r), darken(g), darken(b)),
            _ => (r, g, b),
        };
        Style::default().fg(Color::Rgb(r, g, b))
    }

    /// Bars of candidates no longer in the count.
    pub fn faded_bar(&self) -> Style {
        if self.mono() {
            Style::default().add_modifier(Modifier::DIM)
        } else {
            Style::default().fg(Color::DarkGray)
        }
    }

    pub fn exhausted_bar(&self) -> Style {
        if self.mono() {
            Style::default()
        } else if self.theme == Theme::Light {
            Style::default().fg(Color::Rgb(110, 110, 110))
        } else {
            Style::default().fg(Color::Rgb(150, 150, 150))
        }
    }
}

fn darken(c: u8) -> u8 {
    (c as u16 * 3 / 4) as u8
}
