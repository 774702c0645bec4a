//! Live results: following a file that is rewritten as declarations come in, and replaying
//! a past election night.
//!
//! The loader reads and validates the file off the UI thread and sends each outcome as a
//! [`Feed`] message with a generation number; the viewer applies only good versions newer
//! than the one it has, so a half-written, truncated or invalid file never replaces what is
//! on screen: the problem is shown beside the last good data until a good version arrives.
//! Without a terminal, [`log`] prints a line per change instead.

pub mod loader;
pub mod log;
pub mod replay;

use std::path::Path;

use crate::app::{App, Exit, Msg, Options};

use chrono::{DateTime, FixedOffset};

use crate::count::Counted;

/// What the loader found after a change to the file.
#[derive(Debug, Clone)]
pub enum Feed {
    /// A valid version.
    Counted {
        generation: u64,
        loaded: Box<Counted>,
        at: DateTime<FixedOffset>,
    },
    /// The file changed but cannot be used: the message names the file and the place.
    Problem { generation: u64, message: String },
    /// The file does not exist (yet, or any more).
    Missing { generation: u64 },
}

impl Feed {
    pub fn generation(&self) -> u64 {
        match self {
            Feed::Counted { generation, .. }
            | Feed::Problem { generation, .. }
            | Feed::Missing { generation } => *generation,
        }
    }
}

/// `tally watch FILE [--against CONTEST]`: the viewer, following the file from the loader
/// thread, compared with `baseline` when one is given.
pub fn watch(file: &Path, baseline: Option<Counted>, options: Options) -> std::io::Result<Exit> {
    let name = file
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string());
    let path = file.to_path_buf();
    let mut app = App::live(name, options);
    if let Some(b) = baseline {
        app = app.against(b);
    }
    crate::tui::run_with(app, move |tx| {
        loader::spawn(path, move |feed| tx.send(Msg::Feed(Box::new(feed))).is_ok());
    })
}
