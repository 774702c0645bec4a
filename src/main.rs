//! The `tally` binary: hands the command line to `tally::cli` and exits with its status.

use std::io;
use std::process::ExitCode;

fn main() -> ExitCode {
    let code = tally::cli::run(
        std::env::args_os(),
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
    );
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
