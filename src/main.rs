use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    judging::pipe::end_quietly_when_the_reader_leaves();
    // A bug must still end in one clear line, not a Rust panic message and a backtrace hint.
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("error: judging hit an internal error{place}; nothing more was written. Please report it.");
    }));
    let cli = judging::cli::Cli::parse();
    match judging::commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            // One clear line, then the causes that add something: a cause already said in the
            // lines above (wrapped errors often repeat their source) is not said again.
            let mut said = error.to_string();
            eprintln!("error: {said}");
            for cause in error.chain().skip(1).map(ToString::to_string) {
                if !said.contains(&cause) {
                    eprintln!("  because: {cause}");
                    said.push_str(&cause);
                }
            }
            ExitCode::FAILURE
        }
    }
}
