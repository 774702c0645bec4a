//! Writes London-like ballots text for measuring `tally ballots` and `tally rounds` on big
//! files (`docs/performance.md`): `cargo run --release --example make_ballots -- 5000000
//! 5M.csv` (or to standard output without a file).

#[path = "../benches/support/london_like.rs"]
mod london_like;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: u64 = match args.next().map(|a| a.replace('_', "").parse()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("usage: make_ballots COUNT [FILE]");
            std::process::exit(2);
        }
    };
    match args.next() {
        Some(path) => {
            let mut out = BufWriter::new(std::fs::File::create(path)?);
            london_like::write(&mut out, n)?;
            out.flush()
        }
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            london_like::write(&mut out, n)?;
            out.flush()
        }
    }
}
