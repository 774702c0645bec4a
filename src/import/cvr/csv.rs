//! (to be written: RCTab's CVR CSV and generic CSV readers)

use super::{Names, Sink, Source};

pub fn read_rctab(source: &Source, _names: &mut Names, _sink: &mut Sink) -> Result<(), String> {
    Err(format!("{}: not read yet", source.name))
}

pub fn read_generic(source: &Source, _names: &mut Names, _sink: &mut Sink) -> Result<(), String> {
    Err(format!("{}: not read yet", source.name))
}
