//! The README's screenshots: the one list of what they show, drawn by `tally render`'s own
//! code. `tally screenshots` writes them; a test draws them in memory and fails when a
//! committed file no longer matches the product.

use crate::app::{Theme, View};
use crate::export;
use crate::headless::{self, Shot, Size, Step};

pub struct Screenshot {
    pub file: &'static str,
    pub contest: &'static str,
    pub shot: Shot,
    pub what: &'static str,
}

const fn size(width: u16, height: u16) -> Size {
    Size { width, height }
}

pub const SET: &[Screenshot] = &[
    Screenshot {
        file: "count-2004-first.svg",
        contest: "london-2004",
        shot: Shot {
            view: View::Count,
            step: Step::At(1.0),
            size: size(100, 30),
            theme: Theme::Dark,
            present: None,
        },
        what: "London 2004: the first count",
    },
    Screenshot {
        file: "count-2004-transfer.svg",
        contest: "london-2004",
        shot: Shot {
            view: View::Count,
            step: Step::At(1.5),
            size: size(100, 30),
            theme: Theme::Dark,
            present: None,
        },
        what: "half-way through the transfer of second preferences",
    },
    Screenshot {
        file: "count-2004-final.svg",
        contest: "london-2004",
        shot: Shot {
            view: View::Count,
            step: Step::Last,
            size: size(100, 30),
            theme: Theme::Dark,
            present: None,
        },
        what: "after the transfer: Livingstone elected",
    },
    Screenshot {
        file: "elections.svg",
        contest: "london-2004",
        shot: Shot {
            view: View::Elections,
            step: Step::Last,
            size: size(120, 40),
            theme: Theme::Dark,
            present: None,
        },
        what: "turnout and shares across 2000–2024, with 2004, 2008 and 2012 highlighted",
    },
    Screenshot {
        file: "areas-2016.svg",
        contest: "london-2016",
        shot: Shot {
            view: View::Areas,
            step: Step::Last,
            size: size(120, 32),
            theme: Theme::Dark,
            present: None,
        },
        what: "London 2016 by constituency",
    },
    Screenshot {
        file: "shares-2004-light.svg",
        contest: "london-2004",
        shot: Shot {
            view: View::Shares,
            step: Step::Last,
            size: size(100, 30),
            theme: Theme::Light,
            present: None,
        },
        what: "first and final shares, light theme",
    },
    Screenshot {
        file: "present-2004.svg",
        contest: "london-2004",
        shot: Shot {
            view: View::Count,
            step: Step::Last,
            size: size(120, 36),
            theme: Theme::Dark,
            present: Some(15),
        },
        what: "presenter mode for a projector: the transfer of second preferences",
    },
    Screenshot {
        file: "count-2021-mono.svg",
        contest: "london-2021",
        shot: Shot {
            view: View::Count,
            step: Step::Last,
            size: size(100, 34),
            theme: Theme::Mono,
            present: None,
        },
        what: "London 2021 in the mono theme (NO_COLOR): every state still shown",
    },
];

/// Draw one screenshot as SVG.
pub fn draw(s: &Screenshot) -> Result<String, String> {
    let (all, index) = crate::import::open(s.contest).map_err(|e| e.to_string())?;
    let buf = headless::render(all, index, s.shot)?;
    Ok(export::svg::svg(&buf, s.shot.theme))
}

/// Write every screenshot into `dir` (created if need be), each replacing any file of its
/// name atomically. Returns a line for each file written, or the first failure.
pub fn write_all(dir: &std::path::Path) -> Result<Vec<String>, String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create {}: {e}", crate::text::path(dir)))?;
    let mut written = Vec::new();
    for s in SET {
        let svg = draw(s).map_err(|e| format!("{}: {e}", s.file))?;
        let path = dir.join(s.file);
        crate::files::write_atomic(&path, svg.as_bytes()).map_err(|e| e.to_string())?;
        written.push(format!("wrote {} ({})", crate::text::path(&path), s.what));
    }
    Ok(written)
}
