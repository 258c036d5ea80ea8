use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = judging::cli::Cli::parse();
    match judging::commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            // One clear line, then the causes that add something.
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  because: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
