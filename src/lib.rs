//! tally: election counts, from a dataset to rounds to what people read.
//!
//! The library holds everything but the command line: the data model (`model`), the counting
//! engine (`count`), the embedded London datasets (`datasets`), and the text reports
//! (`report`). Data flows one way, from dataset to count to what is shown.

pub mod app;
pub mod cli;
pub mod count;
pub mod export;
pub mod files;
pub mod headless;
pub mod import;
pub mod live;
pub mod model;
pub mod progress;
pub mod report;
pub mod screenshots;
pub mod story;
pub mod text;
pub mod tui;
pub mod ui;
